//! Profiles are data: a district with other thresholds gets other findings.

use juwei::bench_plans::typical;
use juwei::rules::{check_plan, CheckOptions, Profile};

#[test]
fn docs_quote_the_built_in_profile_verbatim() {
    let docs = include_str!("../docs/profile.md");
    assert!(docs.contains(juwei::rules::profile::JINGAN_2017.trim()));
}

#[test]
fn a_stricter_profile_changes_the_verdict() {
    let plan = typical();
    let base = check_plan(&plan, &Profile::default(), &CheckOptions::default());
    assert!(base.premises_area_m2 < 300.0);
    let text = juwei::rules::profile::JINGAN_2017.replace(
        "new_estate_min_area_m2: 200.0",
        "new_estate_min_area_m2: 300.0",
    );
    let strict = Profile::parse(std::path::Path::new("strict.ron"), &text).unwrap();
    assert_eq!(strict.new_estate_min_area_m2, 300.0);
    let r = check_plan(&plan, &strict, &CheckOptions::default());
    assert!(
        r.findings.iter().any(|f| f.code == "A2-1.1"),
        "{:#?}",
        r.findings
    );
}

#[test]
fn a_profile_missing_a_field_is_located() {
    let text = juwei::rules::profile::JINGAN_2017.replace("seal_handover_days: 10,", "");
    let e = Profile::parse(std::path::Path::new("p.ron"), &text).unwrap_err();
    assert!(e.message_en.contains("seal_handover_days"), "{e}");
    assert!(e.line > 1);
}
