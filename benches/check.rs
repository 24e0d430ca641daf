//! Parse + check of a typical plan (8 rooms, 40 items) and check of a
//! generated 2,000-room plan.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use juwei::bench_plans::{grid, typical};
use juwei::io::{parse_plan, plan_to_string};
use juwei::rules::{check_plan, CheckOptions, Profile};

fn bench(c: &mut Criterion) {
    let profile = Profile::default();
    let opts = CheckOptions::default();
    let typical = typical();
    assert_eq!(typical.rooms.len(), 8);
    assert_eq!(typical.items.len(), 40);
    let text = plan_to_string(&typical);
    let path = Path::new("typical.ron");

    c.bench_function("typical/parse", |b| {
        b.iter(|| parse_plan(path, black_box(&text)).unwrap())
    });
    c.bench_function("typical/check", |b| {
        b.iter(|| check_plan(black_box(&typical), &profile, &opts))
    });
    c.bench_function("typical/parse+check", |b| {
        b.iter(|| {
            let p = parse_plan(path, black_box(&text)).unwrap();
            check_plan(&p, &profile, &opts)
        })
    });

    let large = grid(2000);
    let r = check_plan(&large, &profile, &opts);
    assert!(r.valid, "{:?}", &r.findings[..r.findings.len().min(3)]);
    let mut g = c.benchmark_group("large");
    g.sample_size(20);
    g.bench_function("check-2000-rooms", |b| {
        b.iter(|| check_plan(black_box(&large), &profile, &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
