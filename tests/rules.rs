//! Every rule code has its check, its documentation and both fixtures; every
//! fixture behaves as its name says, and the findings of failing fixtures are
//! snapshots.
//!
//! Layout: `tests/fixtures/rules/<code>/{pass,fail}-<what>.ron`. Beside a
//! fixture, `<stem>.previous.ron` is passed as `--previous` and
//! `<stem>.register.ron` as `--register` (its state on the plan's revision date).

use std::path::{Path, PathBuf};

use juwei::io::load_plan;
use juwei::rules::{check_plan, plan, CheckOptions, Code, Finding, Profile, Scope, RULES};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Fixture plans of a code: (stem, path), sorted, sidecar files excluded.
fn fixtures(code: &str) -> Vec<(String, PathBuf)> {
    let dir = fixtures_root().join(code);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_string();
            let sidecar = stem.ends_with(".previous") || stem.ends_with(".register");
            (!sidecar).then_some((stem, p))
        })
        .collect();
    out.sort();
    out
}

fn run_fixture(path: &Path) -> Vec<Finding> {
    let plan = load_plan(path).unwrap_or_else(|e| panic!("{e}"));
    let prev_path = path.with_extension("previous.ron");
    let previous = prev_path
        .exists()
        .then(|| load_plan(&prev_path).unwrap_or_else(|e| panic!("{e}")));
    let reg_path = path.with_extension("register.ron");
    let assets = reg_path.exists().then(|| {
        juwei::register::load_register(&reg_path)
            .unwrap_or_else(|e| panic!("{e}"))
            .asset_index(plan.revision.date)
    });
    let opts = CheckOptions {
        previous: previous.as_ref(),
        assets: assets.as_ref(),
    };
    check_plan(&plan, &Profile::default(), &opts).findings
}

fn plan_codes() -> impl Iterator<Item = &'static str> {
    RULES
        .iter()
        .filter(|r| matches!(r.scope, Scope::Plan | Scope::Revision | Scope::PlanRegister))
        .map(|r| r.code)
}

#[test]
fn every_plan_rule_has_a_check() {
    let missing: Vec<_> = plan_codes()
        .filter(|c| Code::find(c).and_then(plan::check_of).is_none())
        .collect();
    assert!(missing.is_empty(), "codes without a check: {missing:?}");
}

#[test]
fn every_plan_rule_has_pass_and_fail_fixtures() {
    let mut missing = Vec::new();
    for code in plan_codes() {
        let f = fixtures(code);
        if !f.iter().any(|(s, _)| s.starts_with("pass-")) {
            missing.push(format!("{code}: pass"));
        }
        if !f.iter().any(|(s, _)| s.starts_with("fail-")) {
            missing.push(format!("{code}: fail"));
        }
    }
    assert!(missing.is_empty(), "missing fixtures: {missing:?}");
}

#[test]
fn every_plan_rule_is_documented_in_its_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/plan");
    let mut docs = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        docs.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for r in RULES.iter().filter(|r| r.scope != Scope::Register) {
        let heading = format!("//! # {} {}", r.code, r.slug);
        assert!(docs.contains(&heading), "no doc heading {heading:?}");
    }
}

#[test]
fn fixtures_behave_as_named_with_snapshots() {
    let mut failures = Vec::new();
    for code in plan_codes() {
        for (stem, path) in fixtures(code) {
            let findings: Vec<Finding> = run_fixture(&path)
                .into_iter()
                .filter(|f| f.code == code)
                .collect();
            if stem.starts_with("pass-") && !findings.is_empty() {
                failures.push(format!(
                    "{code}/{stem}: expected no {code}, got {findings:#?}"
                ));
            }
            if stem.starts_with("fail-") {
                if findings.is_empty() {
                    failures.push(format!("{code}/{stem}: expected {code}, got none"));
                } else {
                    insta::assert_json_snapshot!(format!("{code}__{stem}"), findings);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
