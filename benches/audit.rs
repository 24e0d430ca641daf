//! `juwei audit` over generated folders: a district (300 committees) and a
//! city (5,000). Targets on the 2-core reference machine: under 1 s and
//! under 15 s. Run: `cargo bench --no-default-features --bench audit`.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use juwei::audit::{self, AuditOptions};
use juwei::rules::Profile;
use juwei::sample::{write_sample, SampleOptions};

fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_sample(
        dir.path(),
        &SampleOptions {
            committees: n,
            seed: 2017,
            broken: n / 100,
            previous_share: 0.1,
        },
    )
    .expect("sample written");
    dir
}

fn bench(c: &mut Criterion) {
    let profile = Profile::default();
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    for (name, n) in [("district_300", 300), ("city_5000", 5000)] {
        let dir = folder(n);
        if n > 1000 {
            g.measurement_time(Duration::from_secs(20));
        }
        g.bench_function(name, |b| {
            b.iter(|| {
                let a = audit::run(dir.path(), &profile, AuditOptions::default()).expect("audit");
                assert_eq!(a.totals.committees, n);
                a
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
