//! Parse + check of a typical plan (8 rooms, 40 items), check of a
//! generated 2,000-room plan, on one storey and spread over three joined by
//! stairs, parse of 16,000 rooms, and the outline validation (G01) of
//! 16,000- and 100,000-point outlines.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use juwei::bench_plans::{grid, grid_levels, typical};
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
    // issue 9: the same 2,000 rooms over three storeys (G02 compares only
    // rooms of one level; stairs join them)
    let storeys = grid_levels(2000, 3);
    let r = check_plan(&storeys, &profile, &opts);
    assert!(r.valid, "{:?}", &r.findings[..r.findings.len().min(3)]);
    g.bench_function("check-2000-rooms-3-levels", |b| {
        b.iter(|| check_plan(black_box(&storeys), &profile, &opts))
    });
    // issue 15 item 6: reading 16,000 rooms locates no id unless one is
    // wrong, and an outline of many points is validated by a sweep
    let many = plan_to_string(&grid(16_000));
    g.bench_function("parse-16000-rooms", |b| {
        b.iter(|| parse_plan(path, black_box(&many)).unwrap())
    });
    for n in [16_000usize, 100_000] {
        let circle: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                (5.0 * a.cos(), 5.0 * a.sin())
            })
            .collect();
        g.bench_function(format!("outline-{n}-points"), |b| {
            b.iter(|| juwei::geom::validity::outline_problem(black_box(&circle)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
