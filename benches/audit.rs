//! `juwei audit` over generated folders: a district (300 committees) and a
//! city (5,000). Targets on the 2-core reference machine: under 1 s and
//! under 15 s. `audit --previous` on the city (an earlier folder of the same
//! committees, audited again and compared): under 2 × the plain audit
//! (issue 12). `juwei report` for the district (the audit, every
//! committee's page and the index, written to a folder): under 10 s.
//! Run: `cargo bench --no-default-features --bench audit`.
//!
//! A country's sizes (issue 14: 40,000 and 117,000 committees) are benched
//! only when asked, as generating them takes a minute and a gigabyte:
//! `JUWEI_BENCH_AUDIT_SIZES=40000,117000 cargo bench --no-default-features
//! --bench audit -- streamed_`. Criterion gives the time; the peak memory
//! of the same audits, and the wall and CPU time of the command, come from
//! `scripts/bench-audit.sh` (5,000, 40,000 and 117,000 committees).

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use juwei::audit::{self, AuditOptions};
use juwei::followup::compare::compare_previous;
use juwei::io::output::{write_output_set, Writes};
use juwei::model::Lang;
use juwei::report::{batch, html::HtmlOptions};
use juwei::rules::Profile;
use juwei::sample::{write_sample, SampleOptions};

fn folder(n: usize) -> tempfile::TempDir {
    folder_seeded(n, 2017)
}

/// The same committees (codes) with other plans: last year's folder.
fn folder_seeded(n: usize, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_sample(
        dir.path(),
        &SampleOptions {
            committees: n,
            seed,
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
        if n > 1000 {
            // `audit DIR` and `audit DIR --previous OLD_DIR`, as
            // src/cli/audit.rs runs them (streamed)
            let old = folder_seeded(n, 2016);
            g.bench_function("city_5000_streamed", |b| {
                b.iter(|| {
                    audit::run_streamed(dir.path(), &profile, AuditOptions::default())
                        .expect("audit")
                })
            });
            g.bench_function("city_5000_previous", |b| {
                b.iter(|| {
                    let mut a =
                        audit::run_streamed_followed(dir.path(), &profile, AuditOptions::default())
                            .expect("audit");
                    let before = audit::previous(old.path(), &profile, AuditOptions::default())
                        .expect("audit");
                    a.followup = Some(compare_previous(&before, &a));
                    assert!(a
                        .followup
                        .as_ref()
                        .is_some_and(|f| !f.by_committee.is_empty()));
                    a
                })
            });
        }
    }
    g.finish();
}

/// `juwei audit DIR` (streamed) on the sizes named in
/// `JUWEI_BENCH_AUDIT_SIZES` (comma-separated; none by default).
fn bench_sizes(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("JUWEI_BENCH_AUDIT_SIZES")
        .unwrap_or_default()
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if sizes.is_empty() {
        return;
    }
    let profile = Profile::default();
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(60));
    for n in sizes {
        let dir = folder(n);
        g.bench_function(format!("streamed_{n}"), |b| {
            b.iter(|| {
                let a = audit::run_streamed(dir.path(), &profile, AuditOptions::default())
                    .expect("audit");
                assert_eq!(a.totals.committees, n);
                a
            })
        });
    }
    g.finish();
}

/// `juwei report DIR -o OUTDIR` for a district, as src/cli/report.rs runs it.
fn bench_report(c: &mut Criterion) {
    let profile = Profile::default();
    let dir = folder(300);
    let out = tempfile::tempdir().expect("temp dir");
    let opts = HtmlOptions {
        lang: Lang::Zh,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
    };
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("district_300", |b| {
        b.iter(|| {
            let a = audit::run(dir.path(), &profile, AuditOptions::default()).expect("audit");
            let pages = batch::pages(&a, &profile, &opts);
            assert!(pages.len() > 290);
            write_output_set(&batch::targets(out.path(), &pages), Writes::Report, &[])
                .expect("written");
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_sizes, bench_report);
criterion_main!(benches);
