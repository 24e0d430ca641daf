//! The command-line contract of `cli.md`: the JSON object, exit statuses,
//! located errors, languages, atomic output files.

mod common;
use common::{juwei, stderr, stdout};

use std::path::Path;

use serde_json::Value;

const EXAMPLE: &str = "tests/fixtures/plan/spec-example.ron";

#[test]
fn json_object_has_the_documented_fields() {
    let o = juwei(&["check", EXAMPLE, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(v["format"], 1);
    assert_eq!(v["plan"], EXAMPLE);
    assert_eq!(v["committee"]["code"], "JA-SM2-007");
    assert_eq!(v["committee"]["name"], "示例居委会");
    assert_eq!(v["committee"]["estate"], "New");
    assert_eq!(v["valid"], true);
    assert_eq!(v["area_m2"]["premises"], 96.0);
    assert_eq!(v["area_m2"]["rooms"]["R1"], 96.0);
    assert!(v["findings"].is_array());
    for key in ["error", "violation", "priority", "advisory", "info"] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    for f in v["findings"].as_array().unwrap() {
        for key in [
            "code",
            "slug",
            "severity",
            "clause",
            "message",
            "message_en",
        ] {
            assert!(f[key].is_string(), "finding.{key}: {f}");
        }
        for key in ["rooms", "items", "assets"] {
            assert!(f[key].is_array(), "finding.{key}: {f}");
        }
    }
    let fails =
        v["summary"]["error"].as_u64().unwrap() + v["summary"]["violation"].as_u64().unwrap();
    assert_eq!(o.status.code(), Some(if fails > 0 { 1 } else { 0 }));
}

#[test]
fn invalid_plan_is_reported_not_crashed() {
    let o = juwei(&[
        "check",
        "tests/fixtures/cli/overlap.ron",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], false);
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["G02", "G04"]);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "error"));
    assert_eq!(v["summary"]["error"], 2);
}

#[test]
fn syntax_error_exits_2_with_file_line_column() {
    let o = juwei(&[
        "check",
        "tests/fixtures/cli/broken-syntax.ron",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "no partial result on stdout");
    let e = stderr(&o);
    assert!(
        e.contains("tests/fixtures/cli/broken-syntax.ron:12:44:"),
        "{e}"
    );
    assert!(
        e.contains("缺少逗号") && e.contains("Expected comma"),
        "{e}"
    );
}

#[test]
fn impossible_date_exits_2_located() {
    let o = juwei(&["check", "tests/fixtures/cli/bad-date.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("bad-date.ron:3:"), "{e}");
    assert!(e.contains("2026-02-30"), "{e}");
}

#[test]
fn missing_file_exits_2() {
    let o = juwei(&["check", "no/such/plan.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/plan.ron"));
}

#[test]
fn usage_error_exits_2() {
    let o = juwei(&["check", EXAMPLE, "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn text_is_chinese_by_default_and_english_on_request() {
    let zh = stdout(&juwei(&["check", "tests/fixtures/cli/overlap.ron"]));
    assert!(zh.contains("重叠") && zh.contains("错误 (2)"), "{zh}");
    assert!(!zh.contains('\u{1b}'), "no colours in a pipe");
    let en = stdout(&juwei(&[
        "--lang",
        "en",
        "check",
        "tests/fixtures/cli/overlap.ron",
    ]));
    assert!(
        en.contains("overlap by 8.00 m²") && en.contains("error (2)"),
        "{en}"
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let o = juwei(&[
        "check",
        EXAMPLE,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.code().unwrap() < 2, "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn bad_profile_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.ron");
    std::fs::write(&p, "(format: 1, name: \"x\")").unwrap();
    let o = juwei(&["check", EXAMPLE, "--profile", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("p.ron:1:"), "{}", stderr(&o));
}

#[test]
fn every_sample_plan_checks_without_input_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut checked = 0;
    for e in std::fs::read_dir(&dir).expect("plans/ exists") {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if !name.ends_with(".ron") || name.matches('.').count() > 1 {
            continue;
        }
        let o = juwei(&["check", p.to_str().unwrap(), "--format", "json"]);
        assert!(o.status.code().unwrap() < 2, "{name}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["valid"], true, "{name} is a valid sample plan");
        checked += 1;
    }
    assert!(checked >= 6, "at least six sample plans, found {checked}");
}

#[test]
fn check_date_decides_which_years_are_finished() {
    let args = |date: &'static str| {
        [
            "check",
            "plans/new-estate-compliant.ron",
            "--register",
            "plans/new-estate-compliant.register.ron",
            "--format",
            "json",
            "--date",
            date,
        ]
    };
    let now = juwei(&args("2026-11-27"));
    assert_eq!(now.status.code(), Some(0), "{}", stdout(&now));
    let later = juwei(&args("2028-02-01"));
    assert_eq!(later.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&later)).unwrap();
    let years: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "A1-3.6.3b")
        .map(|f| f["message_en"].as_str().unwrap())
        .collect();
    assert_eq!(years.len(), 2, "2026 and 2027 are not counted: {years:?}");
}
