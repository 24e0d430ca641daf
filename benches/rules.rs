//! How long `check_plan` takes with every plan rule: on the sample
//! committees, with a previous revision (A2-1.4, A1-3.6.1), and on a large
//! synthetic plan (a street office's whole block drawn as one plan).

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

use juwei::io::load_plan;
use juwei::model::{
    Committee, Door, Estate, Floor, Format1, Item, ItemKind, Location, Plan, Revision, Room, Zone,
    OUTSIDE,
};
use juwei::rules::{check_plan, CheckOptions, Profile};

fn sample(name: &str) -> Plan {
    load_plan(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("plans")
            .join(name),
    )
    .unwrap()
}

/// `n × n` rooms of 4 m × 4 m on survey coordinates, each with a door to
/// its right and upper neighbours, the bottom-left one to outside; zones
/// cycle through all nine, items in every room.
fn grid(n: usize) -> Plan {
    let (ox, oy) = (40_637_812.345, 3_456_218.678);
    let id = |i: usize, j: usize| format!("G{i}-{j}");
    let mut rooms = Vec::new();
    let mut doors = vec![Door {
        between: (OUTSIDE.into(), id(0, 0)),
        at: (ox, oy + 2.0),
    }];
    let mut items = Vec::new();
    for i in 0..n {
        for j in 0..n {
            let (x, y) = (ox + 4.0 * i as f64, oy + 4.0 * j as f64);
            rooms.push(Room {
                id: id(i, j),
                name: format!("房间{i}-{j}"),
                zones: vec![Zone::ALL[(i + j) % Zone::ALL.len()]],
                floor: Floor::AntiSlip,
                outline: vec![(x, y), (x + 4.0, y), (x + 4.0, y + 4.0), (x, y + 4.0)],
            });
            if i + 1 < n {
                doors.push(Door {
                    between: (id(i, j), id(i + 1, j)),
                    at: (x + 4.0, y + 2.0),
                });
            }
            if j + 1 < n {
                doors.push(Door {
                    between: (id(i, j), id(i, j + 1)),
                    at: (x + 2.0, y + 4.0),
                });
            }
            let kind = ItemKind::ALL[(i * n + j) % ItemKind::ALL.len()];
            let mut item = Item::new(kind, Location::Room(id(i, j)));
            item.wall = Some(((i + j) % 4) as u32);
            items.push(item);
        }
    }
    Plan {
        format: Format1,
        revision: Revision {
            number: 2,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            consent: None,
        },
        committee: Committee {
            code: "JA-BENCH".into(),
            name: "基准测试居委会".into(),
            street: "天目西路街道".into(),
            address: String::new(),
            estate: Estate::New,
            street_facing: false,
            police: None,
        },
        rooms,
        doors,
        items,
    }
}

fn bench(c: &mut Criterion) {
    let profile = Profile::default();
    let none = CheckOptions::default();
    for name in [
        "new-estate-compliant.ron",
        "police-through-office.ron",
        "l-shaped.ron",
    ] {
        let plan = sample(name);
        c.bench_function(&format!("check {name}"), |b| {
            b.iter(|| check_plan(black_box(&plan), &profile, &none))
        });
    }
    let plan = sample("new-estate-compliant.ron");
    let mut previous = plan.clone();
    previous.rooms[8].zones = vec![Zone::Office];
    let opts = CheckOptions {
        previous: Some(&previous),
        assets: None,
    };
    c.bench_function("check new-estate-compliant.ron --previous", |b| {
        b.iter(|| check_plan(black_box(&plan), &profile, &opts))
    });
    let big = grid(30);
    let mut big_prev = big.clone();
    for r in big_prev.rooms.iter_mut().step_by(3) {
        r.zones = vec![Zone::ResidentActivity];
    }
    c.bench_function("check 900-room grid", |b| {
        b.iter(|| check_plan(black_box(&big), &profile, &none))
    });
    let opts = CheckOptions {
        previous: Some(&big_prev),
        assets: None,
    };
    c.bench_function("check 900-room grid --previous", |b| {
        b.iter(|| check_plan(black_box(&big), &profile, &opts))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
