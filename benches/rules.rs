//! The plan rules on real-looking input and the revision rules, which
//! compare two plans' polygons (A2-1.4, A1-3.6.1): `benches/check.rs` times
//! a plain check of generated plans.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use juwei::bench_plans::{grid, typical};
use juwei::io::load_plan;
use juwei::model::{Plan, Zone};
use juwei::rules::{check_plan, CheckOptions, Code, Profile};

const SAMPLES: [&str; 6] = [
    "new-estate-compliant.ron",
    "old-estate-small.ron",
    "police-through-office.ron",
    "merged-zones.ron",
    "missing-equipment.ron",
    "l-shaped.ron",
];

fn sample(name: &str) -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("plans")
        .join(name);
    load_plan(&path).unwrap()
}

/// The previous revision of `plan`: every third room was a resident-activity
/// room (now taken over: A2-1.4 measures each against the committee rooms)
/// and every seventh room was 1 m narrower (A1-3.6.1 compares outlines).
fn previous_of(plan: &Plan) -> Plan {
    let mut prev = plan.clone();
    prev.revision.number -= 1;
    for (k, r) in prev.rooms.iter_mut().enumerate() {
        if k % 3 == 0 {
            r.zones = vec![Zone::ResidentActivity];
        }
        if k % 7 == 0 {
            r.outline[1].0 -= 1.0;
            r.outline[2].0 -= 1.0;
        }
    }
    prev
}

fn bench(c: &mut Criterion) {
    let profile = Profile::default();
    let none = CheckOptions::default();
    let samples: Vec<Plan> = SAMPLES.iter().map(|n| sample(n)).collect();
    c.bench_function("samples/check-all-six", |b| {
        b.iter(|| {
            for p in &samples {
                black_box(check_plan(black_box(p), &profile, &none));
            }
        })
    });

    let t = typical();
    let t_prev = previous_of(&t);
    let opts = CheckOptions {
        previous: Some(&t_prev),
        assets: None,
    };
    c.bench_function("revision/typical", |b| {
        b.iter(|| check_plan(black_box(&t), &profile, &opts))
    });

    let large = grid(2000);
    let large_prev = previous_of(&large);
    let opts = CheckOptions {
        previous: Some(&large_prev),
        assets: None,
    };
    let r = check_plan(&large, &profile, &opts);
    assert!(r.valid);
    assert!(r.findings.iter().any(|f| f.code == Code::A2_1_4));
    assert!(r.findings.iter().any(|f| f.code == Code::A1_3_6_1));
    let mut g = c.benchmark_group("revision");
    g.sample_size(10);
    g.bench_function("grid-2000-rooms", |b| {
        b.iter(|| check_plan(black_box(&large), &profile, &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
