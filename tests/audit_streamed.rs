//! A streamed audit (rows in a temporary file, `juwei audit`) and an audit
//! kept in memory (`audit::run`) are the same audit: the same rows in the
//! same order, the same totals and lists, and byte for byte the same text,
//! JSON, HTML and comparison with an earlier folder.

use std::path::Path;

use juwei::audit::{self, AuditOptions};
use juwei::model::Lang;
use juwei::report::json::audit as audit_json;
use juwei::report::{audit_text, html};
use juwei::rules::Profile;
use juwei::sample::{write_sample, SampleOptions};

fn folder(dir: &Path, n: usize, seed: u64, broken: usize) {
    write_sample(
        dir,
        &SampleOptions {
            committees: n,
            seed,
            broken,
            previous_share: 0.3,
        },
    )
    .unwrap();
}

fn opts() -> AuditOptions {
    AuditOptions {
        progress: false,
        today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
    }
}

#[test]
fn streamed_and_in_memory_audits_are_the_same() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 90, 5, 4);
    // a broken file in a folder of its own: its street stays unknown
    std::fs::create_dir(dir.path().join("loose")).unwrap();
    std::fs::write(dir.path().join("loose/x.ron"), "(format: 1,").unwrap();
    let profile = Profile::default();
    let mem = audit::run(dir.path(), &profile, opts()).unwrap();
    let st = audit::run_streamed(dir.path(), &profile, opts()).unwrap();
    assert!(
        st.rows.is_empty(),
        "a streamed audit keeps no rows in memory"
    );
    assert_eq!(st.len(), mem.rows.len());
    assert_eq!(mem, st);
    assert_eq!(mem.totals, st.totals);
    assert_eq!(mem.streets, st.streets);
    assert_eq!(mem.streets.last().unwrap().0, None, "unknown street last");
    assert_eq!(mem.priority_order(), st.priority_order());
    assert_eq!(mem.gap_counts(), st.gap_counts());
    for lang in [Lang::Zh, Lang::En] {
        assert_eq!(
            audit_text::to_text(&mem, lang),
            audit_text::to_text(&st, lang)
        );
        let hopts = html::HtmlOptions { lang, date: None };
        assert_eq!(
            html::audit_page(&mem, &profile, &hopts),
            html::audit_page(&st, &profile, &hopts)
        );
    }
    let mut json = Vec::new();
    audit_json::write_json(&st, &mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert_eq!(
        json,
        juwei::report::json::to_string(&audit_json::to_value(&mem)),
        "the streamed JSON is what serde_json writes of the whole document"
    );
    assert!(st.read_back_failure().is_none());
}

#[test]
fn the_comparison_with_an_earlier_folder_is_the_same_streamed() {
    let old = tempfile::tempdir().unwrap();
    let now = tempfile::tempdir().unwrap();
    folder(old.path(), 40, 9, 0);
    folder(now.path(), 44, 9, 1);
    let profile = Profile::default();
    let mut mem = audit::run(now.path(), &profile, opts()).unwrap();
    let mem_old = audit::run(old.path(), &profile, opts()).unwrap();
    mem.followup = Some(juwei::followup::compare::compare(&mem_old, &mem));
    let mut st = audit::run_streamed(now.path(), &profile, opts()).unwrap();
    let st_old = audit::run_streamed(old.path(), &profile, opts()).unwrap();
    st.followup = Some(juwei::followup::compare::compare(&st_old, &st));
    assert_eq!(mem.followup, st.followup);
    // what `audit --previous` runs: the earlier folder's records only, and
    // the keys kept by the workers; no row read back, the same comparison
    let fast_old = audit::previous(old.path(), &profile, opts()).unwrap();
    let fast = audit::run_streamed_followed(now.path(), &profile, opts()).unwrap();
    assert_eq!(
        Some(juwei::followup::compare::compare_previous(&fast_old, &fast)),
        mem.followup
    );
    let cmp = st.followup.as_ref().unwrap();
    assert!(
        cmp.by_committee.values().any(|c| c.fixed > 0 || c.new > 0),
        "the folders differ in findings, not only in committees: {cmp:?}"
    );
    assert!(!cmp.added.is_empty() && !cmp.gone.is_empty(), "{cmp:?}");
    assert!(!cmp.by_committee.is_empty());
    let mut json = Vec::new();
    audit_json::write_json(&st, &mut json).unwrap();
    assert_eq!(
        String::from_utf8(json).unwrap(),
        juwei::report::json::to_string(&audit_json::to_value(&mem))
    );
}
