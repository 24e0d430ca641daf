//! `juwei import` of a 5,000-room drawing (issue 6: under 2 s), and of a
//! 500-room floor drawn as 10,000 wall lines without room outlines, its
//! rooms found from the walls (issue 10: under 2 s).
//!
//! The drawings are written here with the `dxf` crate's writer. The first:
//! 100 × 50 rooms of 4 × 3 m in millimetres on a survey grid, each with a
//! TEXT label, a door block on its south wall, and double wall lines 200 mm
//! apart with a gap (a door) in every east wall. The second: 25 × 20 rooms
//! of 4 × 3 m, walls 200 mm thick, each room's wall faces drawn as LINEs
//! broken every metre or so (as CAD leaves them after trimming), a 0.9 m
//! door gap in the south face of each room and in the north face of the
//! room below it, the building's outer face around them, a TEXT per room.

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

const WCOLS: usize = 25;
const WROWS: usize = 20;

/// Straight pieces of `a`–`b` of about `step`, skipping `gap` (distances
/// from `a`).
fn pieces(
    a: (f64, f64),
    b: (f64, f64),
    step: f64,
    gap: Option<(f64, f64)>,
) -> Vec<((f64, f64), (f64, f64))> {
    let len = (b.0 - a.0).hypot(b.1 - a.1);
    let u = ((b.0 - a.0) / len, (b.1 - a.1) / len);
    let at = |t: f64| (a.0 + u.0 * t, a.1 + u.1 * t);
    let mut cuts: Vec<f64> = Vec::new();
    let n = (len / step).round().max(1.0) as usize;
    for k in 0..=n {
        cuts.push(len * k as f64 / n as f64);
    }
    if let Some((g0, g1)) = gap {
        cuts.retain(|&t| t <= g0 || t >= g1);
        cuts.extend([g0, g1]);
        cuts.sort_by(f64::total_cmp);
    }
    cuts.windows(2)
        .filter(|w| match gap {
            Some((g0, g1)) => !(w[0] >= g0 && w[1] <= g1),
            None => true,
        })
        .map(|w| (at(w[0]), at(w[1])))
        .collect()
}

fn wall_drawing() -> (Vec<u8>, usize) {
    let mut d = Drawing::new();
    d.header.version = AcadVersion::R2018;
    d.header.default_drawing_units = Units::Millimeters;
    let mut count = 0;
    let mut add = |d: &mut Drawing, segs: Vec<((f64, f64), (f64, f64))>| {
        for (a, b) in segs {
            d.add_entity(line("WALL", (E + a.0, N + a.1), (E + b.0, N + b.1)));
            count += 1;
        }
    };
    let t = 100.0;
    let step = 650.0;
    let door = |x: f64| Some((x + 1000.0 - t, x + 1900.0 - t));
    for row in 0..WROWS {
        for col in 0..WCOLS {
            let (x0, y0) = (col as f64 * W, row as f64 * H);
            let (a, b) = ((x0 + t, y0 + t), (x0 + W - t, y0 + H - t));
            // south face with the door gap, then east, north, west
            let south_gap = door(0.0);
            add(&mut d, pieces(a, (b.0, a.1), step, south_gap));
            add(&mut d, pieces((b.0, a.1), b, step, None));
            // the north face has the gap of the room above's door
            let north_gap = (row + 1 < WROWS).then(|| {
                let (g0, g1) = door(0.0).unwrap();
                (W - 2.0 * t - g1, W - 2.0 * t - g0)
            });
            add(&mut d, pieces(b, (a.0, b.1), step, north_gap));
            add(&mut d, pieces((a.0, b.1), a, step, None));
            let text = Text {
                value: format!("办公室{}", row * WCOLS + col + 1),
                location: Point::new(E + x0 + W / 2.0, N + y0 + H / 2.0, 0.0),
                text_height: 300.0,
                ..Default::default()
            };
            d.add_entity(on("TEXT", EntityType::Text(text)));
        }
    }
    // the outer face, with the entrances of the south row
    let (w, h) = (WCOLS as f64 * W, WROWS as f64 * H);
    let mut south = Vec::new();
    let mut x = -t;
    for col in 0..WCOLS {
        let g0 = col as f64 * W + 1000.0;
        south.push(((x, -t), (g0, -t)));
        x = g0 + 900.0;
    }
    south.push(((x, -t), (w + t, -t)));
    add(&mut d, south);
    add(
        &mut d,
        vec![
            ((w + t, -t), (w + t, h + t)),
            ((w + t, h + t), (-t, h + t)),
            ((-t, h + t), (-t, -t)),
        ],
    );
    let mut out = Vec::new();
    d.save(&mut out).expect("the drawing is written");
    (out, count)
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
    let (walls, lines) = wall_drawing();
    let wall_path = Path::new("500-rooms-walls.dxf");
    let from_walls = import_dxf_bytes(wall_path, &walls, &opts).expect("the drawing imports");
    assert_eq!(from_walls.plan.rooms.len(), WROWS * WCOLS);
    assert!(from_walls
        .plan
        .rooms
        .iter()
        .all(|r| (juwei::geom::area::outline_area(&r.outline) - 12.0).abs() < 1e-6));
    // a door per room: to the room below, or outside for the south row
    assert_eq!(from_walls.plan.doors.len(), WROWS * WCOLS);
    eprintln!(
        "500-room wall drawing: {:.1} MB, {lines} wall lines, {} rooms, {} doors",
        walls.len() as f64 / 1e6,
        from_walls.plan.rooms.len(),
        from_walls.plan.doors.len()
    );
    assert!(lines >= 10_000, "{lines}");

    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("dxf-5000-rooms", |b| {
        b.iter(|| import_dxf_bytes(path, black_box(&bytes), &opts).unwrap())
    });
    g.bench_function("dxf-500-rooms-from-10000-wall-lines", |b| {
        b.iter(|| import_dxf_bytes(wall_path, black_box(&walls), &opts).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
