//! Replay of a 1,000,000-event register (aim: under 1 s) and reconciliation
//! of a 100,000-row count sheet (aim: under 0.2 s); reading both from text
//! for comparison; recording one event in a 100,000-event register file
//! (aim: under 50 ms); every register rule over a 100,000-use seal log.

use std::fmt::Write;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeDelta};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use juwei::register::record::{append, record, NewEvent};
use juwei::register::{
    parse_csv, parse_register, reconcile, register_to_string, Acquire, Event, EventKind, Register,
    Source,
};

/// `cards` acquisitions followed by moves, custodian changes and partial
/// write-offs up to `events` in all, spread over the days from 2010.
fn register(cards: usize, events: usize) -> Register {
    let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let mut ev = Vec::with_capacity(events);
    let per_day = events / 5000 + 1;
    let day = |i: usize| start + TimeDelta::days((i / per_day) as i64);
    for i in 0..events {
        let id = format!("ZC-{:07}", i % cards);
        let kind = if i < cards {
            EventKind::Acquire(Acquire {
                source: Source::Purchase,
                name: "办公椅".into(),
                kind: None,
                category: None,
                special: false,
                unit_value_fen: 45000,
                count: 50,
                custodian: Some("张三".into()),
                location: Some("R1".into()),
            })
        } else {
            match i % 3 {
                0 => EventKind::Move {
                    to: format!("R{}", i % 7),
                },
                1 => EventKind::Custodian {
                    to: format!("保管人{}", i % 11),
                },
                _ => EventKind::WriteOff {
                    reason: "损坏".into(),
                    approval: None,
                    count: Some(1),
                },
            }
        };
        ev.push(Event {
            date: day(i),
            asset: Some(id),
            kind,
            line: i + 4,
            col: 9,
        });
    }
    Register {
        path: PathBuf::from("bench.register.ron"),
        committee: "JA-BENCH".into(),
        events: ev,
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("register");
    g.sample_size(10);

    let big = register(200_000, 1_000_000);
    let end = big.events.last().unwrap().date;
    let state = big.state_at(end);
    assert_eq!(state.in_use().count(), 200_000);
    g.bench_function("replay 1,000,000 events", |b| {
        b.iter(|| black_box(&big).state_at(end))
    });

    let text = register_to_string(&register(20_000, 100_000));
    g.bench_function("parse+validate 100,000 events", |b| {
        b.iter(|| parse_register(Path::new("r.ron"), black_box(&text)).unwrap())
    });

    // `juwei record`: one Move appended to a 100,000-event register file,
    // checked by the ledger and written atomically (aim: under 50 ms)
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bench.register.ron");
    std::fs::write(&file, &text).unwrap();
    let last = parse_register(&file, &text)
        .unwrap()
        .events
        .last()
        .unwrap()
        .date;
    let ev = NewEvent {
        date: last,
        asset: Some("ZC-0000001".into()),
        kind: EventKind::Move { to: "R9".into() },
    };
    g.bench_function("record 1 event in a 100,000-event register", |b| {
        // the same file each time: written back before each run, untimed
        b.iter_batched(
            || std::fs::write(&file, &text).unwrap(),
            |()| record(&file, std::slice::from_ref(&ev)).unwrap(),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("append 1 event in memory (100,000 events)", |b| {
        b.iter(|| append(&file, black_box(&text), std::slice::from_ref(&ev)).unwrap())
    });

    // 100,000 cards, a sheet with one row each: every tenth short by one,
    // every seventh found elsewhere, 1,000 unlabelled things
    let books = register(100_000, 100_000);
    let state = books.state_at(books.events.last().unwrap().date);
    let mut csv = String::from("资产编号,资产名称,存放地点,实盘数量\n");
    for (i, a) in state.assets.iter().enumerate() {
        let counted = if i % 10 == 0 { 49 } else { 50 };
        let room = if i % 7 == 0 { "R2" } else { "R1" };
        let _ = writeln!(csv, "{},{},{room},{counted}", a.id, a.name);
    }
    for i in 0..1000 {
        let _ = writeln!(csv, ",电风扇,R{},1", i % 5);
    }
    let sheet = parse_csv(Path::new("count.csv"), csv.as_bytes()).unwrap();
    assert_eq!(sheet.rows.len(), 101_000);
    let rec = reconcile(&state, &sheet);
    assert_eq!(rec.shortage.len(), 10_000);
    assert_eq!(rec.surplus.len(), 1_000);
    g.bench_function("reconcile 100,000 rows", |b| {
        b.iter(|| reconcile(black_box(&state), black_box(&sheet)))
    });
    g.bench_function("read CSV 100,000 rows", |b| {
        b.iter(|| parse_csv(Path::new("count.csv"), black_box(csv.as_bytes())).unwrap())
    });

    // the seal-use log: 100,000 uses (thousands a year for decades), with a
    // recall and a re-election in between; every register rule, seal rules
    // included, in one pass each (aim: linear, well under 1 s)
    let seals = seal_register(100_000);
    let profile = juwei::rules::Profile::jingan_2017();
    let today = seals.events.last().unwrap().date;
    let ctx = juwei::rules::register::RegisterCheck {
        profile: &profile,
        today,
        base_dir: Path::new("."),
    };
    assert!(juwei::rules::register::check_register(&seals, &ctx).is_empty());
    g.bench_function("check a register of 100,000 seal uses", |b| {
        b.iter(|| juwei::rules::register::check_register(black_box(&seals), &ctx))
    });
    let seal_text = register_to_string(&seals);
    g.bench_function("parse+validate 100,000 seal uses", |b| {
        b.iter(|| parse_register(Path::new("r.ron"), black_box(&seal_text)).unwrap())
    });
    g.finish();
}

/// One seal made through the street and `uses` approved uses of listed
/// matters, about 3,000 a year from 2000.
fn seal_register(uses: usize) -> Register {
    use juwei::register::{SealMade, SealUse};
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut ev = vec![Event {
        date: start,
        asset: None,
        kind: EventKind::SealMade(SealMade {
            seal: "S1".into(),
            name: "华业居委会".into(),
            keeper: Some("张三".into()),
            street_ref: Some("街道〔2000〕1号".into()),
        }),
        line: 4,
        col: 9,
    }];
    for i in 0..uses {
        ev.push(Event {
            date: start + TimeDelta::days((i / 8) as i64),
            asset: None,
            kind: EventKind::SealUse(SealUse {
                seal: "S1".into(),
                matter: Some((i % 24) as u32 + 1),
                approved_by: Some("主任 王五".into()),
                purpose: Some(format!("证明 {i}")),
            }),
            line: i + 5,
            col: 9,
        });
    }
    Register {
        path: PathBuf::from("seals.register.ron"),
        committee: "JA-BENCH".into(),
        events: ev,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
