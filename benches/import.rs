//! `juwei import` of a 5,000-room drawing (issue 6: under 2 s).
//!
//! The drawing is written here with the `dxf` crate's writer: 100 × 50
//! rooms of 4 × 3 m in millimetres on a survey grid, each with a TEXT label,
//! a door block on its south wall, and double wall lines 200 mm apart with a
//! gap (a door) in every east wall.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use dxf::entities::{Arc, Entity, EntityType, Insert, Line, LwPolyline, Text};
use dxf::enums::{AcadVersion, Units};
use dxf::{Block, Drawing, LwPolylineVertex, Point};
use juwei::import::{import_dxf_bytes, ImportOptions};

const COLS: usize = 100;
const ROWS: usize = 50;
const W: f64 = 4000.0;
const H: f64 = 3000.0;
const E: f64 = 500_000.0;
const N: f64 = 3_400_000.0;

fn on(layer: &str, specific: EntityType) -> Entity {
    let mut e = Entity::new(specific);
    e.common.layer = layer.to_string();
    e
}

fn line(layer: &str, a: (f64, f64), b: (f64, f64)) -> Entity {
    on(
        layer,
        EntityType::Line(Line::new(
            Point::new(a.0, a.1, 0.0),
            Point::new(b.0, b.1, 0.0),
        )),
    )
}

fn drawing() -> Vec<u8> {
    let mut d = Drawing::new();
    d.header.version = AcadVersion::R2018;
    d.header.default_drawing_units = Units::Millimeters;
    let mut door = Block {
        name: "M1021".into(),
        ..Default::default()
    };
    door.entities.push(line("0", (0.0, 0.0), (0.0, 1000.0)));
    door.entities.push(Entity::new(EntityType::Arc(Arc::new(
        Point::origin(),
        1000.0,
        0.0,
        90.0,
    ))));
    d.add_block(door);
    let names = [
        "办公室",
        "会议室",
        "服务大厅",
        "接待室",
        "警务室",
        "老年活动室",
        "卫生间",
        "走廊",
    ];
    for row in 0..ROWS {
        for col in 0..COLS {
            let (x, y) = (E + col as f64 * W, N + row as f64 * H);
            let mut p = LwPolyline::default();
            p.set_is_closed(true);
            for (vx, vy) in [(x, y), (x + W, y), (x + W, y + H), (x, y + H)] {
                p.vertices.push(LwPolylineVertex {
                    x: vx,
                    y: vy,
                    ..Default::default()
                });
            }
            d.add_entity(on("AREA-面积", EntityType::LwPolyline(p)));
            let mut t = Text {
                value: names[(row * COLS + col) % names.len()].into(),
                location: Point::new(x + W / 2.0, y + H / 2.0, 0.0),
                text_height: 300.0,
                ..Default::default()
            };
            t.rotation = 0.0;
            d.add_entity(on("TEXT", EntityType::Text(t)));
            // a door block on the south wall
            let mut ins = Insert {
                name: "M1021".into(),
                location: Point::new(x + 1000.0, y, 0.0),
                ..Default::default()
            };
            ins.x_scale_factor = 1.0;
            d.add_entity(on("DOOR", EntityType::Insert(ins)));
            // the east wall: two faces with a 1 m gap, between this room and the next
            if col + 1 < COLS {
                for side in [-100.0, 100.0] {
                    let wx = x + W + side;
                    d.add_entity(line("WALL", (wx, y), (wx, y + 1000.0)));
                    d.add_entity(line("WALL", (wx, y + 2000.0), (wx, y + H)));
                }
            }
        }
    }
    let mut out = Vec::new();
    d.save(&mut out).expect("the drawing is written");
    out
}

fn bench(c: &mut Criterion) {
    let bytes = drawing();
    let path = Path::new("5000-rooms.dxf");
    let opts = ImportOptions::default();
    let imported = import_dxf_bytes(path, &bytes, &opts).expect("the drawing imports");
    assert_eq!(imported.plan.rooms.len(), ROWS * COLS);
    // a south door per room, an east-wall gap per room but the last column's
    assert_eq!(
        imported.plan.doors.len(),
        ROWS * COLS + ROWS * (COLS - 1),
        "{:?}",
        &imported.warnings[..imported.warnings.len().min(3)]
    );
    assert!(
        imported.warnings.is_empty(),
        "{:?}",
        &imported.warnings[..3]
    );
    eprintln!(
        "5,000-room drawing: {:.1} MB, {} rooms, {} doors",
        bytes.len() as f64 / 1e6,
        imported.plan.rooms.len(),
        imported.plan.doors.len()
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("dxf-5000-rooms", |b| {
        b.iter(|| import_dxf_bytes(path, black_box(&bytes), &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
