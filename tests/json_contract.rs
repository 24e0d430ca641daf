//! The JSON outputs against their contract: every field `cli.md` shows in
//! its example (and names for the audit) is there, and every field the
//! typed structs of `report::json` emit is documented — in the contract
//! (`docs/spec/cli.md`, `docs/spec/followup.md`) or where the project adds
//! fields (`docs/reports.md`, `docs/followup.md`, `docs/decisions.md`).

mod common;
use common::{juwei, stderr, stdout};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text of a `## ` section of a Markdown file whose heading starts so.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("\n## {heading}"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// The first ```json block of a text, parsed.
fn json_block(text: &str) -> Value {
    let start = text.find("```json\n").expect("a json block") + "```json\n".len();
    let end = text[start..].find("```").expect("the block's end") + start;
    serde_json::from_str(&text[start..end]).expect("the example is JSON")
}

/// Objects whose keys are data (room ids), not field names.
const MAPS: &[&str] = &["area_m2.rooms"];

/// Every field of a value as a dotted path (`findings[].code`), objects in
/// arrays merged.
fn paths(v: &Value, at: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(p.clone());
                if !MAPS.iter().any(|m| p.ends_with(m)) {
                    paths(x, &p, out);
                }
            }
        }
        Value::Array(a) => {
            for x in a {
                paths(x, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

fn paths_of(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    paths(v, "", &mut out);
    out
}

/// The field names the documents give: names in backticks (alone or in
/// `{a, b, c}` lists) and the keys of their JSON examples.
fn documented_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for doc in [
        "docs/spec/cli.md",
        "docs/spec/followup.md",
        "docs/reports.md",
        "docs/followup.md",
        "docs/decisions.md",
    ] {
        let text = read(doc);
        for (i, span) in text.split('`').enumerate() {
            if i % 2 == 1 {
                for w in span.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if !w.is_empty() {
                        names.insert(w.to_string());
                    }
                }
            }
        }
        for q in text.split('"').skip(1).step_by(2) {
            names.insert(q.to_string());
        }
    }
    names
}

/// Fields emitted that no document names.
fn undocumented(v: &Value, names: &BTreeSet<String>) -> Vec<String> {
    paths_of(v)
        .into_iter()
        .filter(|p| {
            let last = p.rsplit('.').next().unwrap_or(p);
            !names.contains(last.trim_end_matches("[]"))
        })
        .collect()
}

fn check_json(plan: &Path, extra: &[&str]) -> Value {
    let p = plan.to_str().unwrap();
    let mut args = vec!["check", p, "--format", "json"];
    args.extend_from_slice(extra);
    let o = juwei(&args);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("JSON")
}

/// `cli.md`'s example, the fields of a check: every one of them is in the
/// output, at the same place.
fn required_check_paths() -> BTreeSet<String> {
    let cli = read("docs/spec/cli.md");
    paths_of(&json_block(section(&cli, "`juwei check")))
}

#[test]
fn the_example_of_cli_md_is_what_the_contract_says() {
    let req = required_check_paths();
    // the parsing above found the example's fields, nested ones included
    for p in [
        "format",
        "committee.estate",
        "area_m2.rooms",
        "findings[].items",
        "summary.info",
    ] {
        assert!(req.contains(p), "{p} in {req:?}");
    }
    assert!(!req.contains("area_m2.rooms.R1"), "room ids are data");
}

#[test]
fn check_has_every_field_of_the_contract_and_documents_every_field() {
    let req = required_check_paths();
    let names = documented_names();
    // a plan with findings (the example's findings[] fields), one with a
    // certified area and a register
    let plans = [
        root().join("plans/missing-equipment.ron"),
        root().join("plans/shikumen-two-storey.ron"),
    ];
    let mut all = BTreeSet::new();
    for p in &plans {
        let v = check_json(p, &[]);
        all.extend(paths_of(&v));
        assert_eq!(
            undocumented(&v, &names),
            Vec::<String>::new(),
            "{}",
            p.display()
        );
    }
    let reg = root().join("plans/shikumen-two-storey.register.ron");
    let v = check_json(&plans[1], &["--register", reg.to_str().unwrap()]);
    assert_eq!(undocumented(&v, &names), Vec::<String>::new());
    all.extend(paths_of(&v));
    let missing: Vec<&String> = req.difference(&all).collect();
    assert!(
        missing.is_empty(),
        "fields of cli.md not in the output: {missing:?}"
    );
}

fn sample(dir: &Path, n: &str) {
    let o = juwei(&[
        "sample",
        dir.to_str().unwrap(),
        "--committees",
        n,
        "--seed",
        "7",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A folder with everything the audit's JSON can carry: a broken file, a
/// plan whose previous revision is unreadable (a warning), a status file
/// (`status_*`), costs (the built-in prices) and an earlier folder.
fn audit_folders() -> (tempfile::TempDir, tempfile::TempDir) {
    let now = tempfile::tempdir().unwrap();
    let old = tempfile::tempdir().unwrap();
    sample(now.path(), "6");
    sample(old.path(), "5");
    let street = std::fs::read_dir(now.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    std::fs::write(street.join("zz-broken.ron"), "(format: 1, committee: (").unwrap();
    std::fs::copy(
        root().join("tests/fixtures/reports/small.ron"),
        street.join("small.ron"),
    )
    .unwrap();
    std::fs::write(street.join("small.previous.ron"), "garbage(").unwrap();
    // accept every finding of the small committee's code A2-6.3 … any code
    // it has: take the first from its check
    let c = check_json(&street.join("small.ron"), &[]);
    let code = c["findings"][0]["code"].as_str().unwrap().to_string();
    std::fs::write(
        street.join("small.status.ron"),
        format!(
            "(format: 1, committee: \"JA-SM2-901\", entries: [\n  (code: \"{code}\", status: Accepted, by: \"街道\", date: \"2026-03-02\", reason: \"无法改造\"),\n])\n"
        ),
    )
    .unwrap();
    (now, old)
}

#[test]
fn audit_has_the_fields_of_the_contract_and_documents_every_field() {
    let (now, old) = audit_folders();
    let o = juwei(&[
        "audit",
        now.path().to_str().unwrap(),
        "--previous",
        old.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-progress",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let got = paths_of(&v);
    // what the run was meant to cover
    for p in [
        "committees[].error.line",
        "committees[].warnings[].message",
        "committees[].followup.new",
        "findings[].status_by",
        "trend.previous.cost_yuan.total",
        "prices.note_en",
    ] {
        assert!(got.contains(p), "{p} not covered");
    }
    // cli.md: `{ "format": 1, "committees": [ {…one check object as above,
    // without "findings" but with "codes": […]} ], "totals": {…} }`
    let cli = read("docs/spec/cli.md");
    let audit = section(&cli, "`juwei audit");
    for k in ["format", "committees", "totals"] {
        assert!(audit.contains(&format!("\"{k}\"")), "cli.md names {k}");
        assert!(got.contains(k), "{k}");
    }
    assert!(audit.contains("without \"findings\" but with \"codes\""));
    let req = required_check_paths();
    for row in v["committees"].as_array().unwrap() {
        if row["committee"].is_null() {
            continue; // a broken file: its `error` instead (docs/reports.md)
        }
        let have = paths_of(row);
        for p in req.iter().filter(|p| !p.starts_with("findings")) {
            assert!(have.contains(p), "{p} missing in a committee row");
        }
        assert!(have.contains("codes") && !have.contains("findings"));
    }
    // followup.md: the 整改清单's fields
    let fu = read("docs/spec/followup.md");
    let list = fu
        .split("`{committee, name")
        .nth(1)
        .and_then(|s| s.split('}').next())
        .expect("followup.md lists the findings' fields");
    for k in format!("committee, name{list}").split(',') {
        let k = k.trim();
        for f in v["findings"].as_array().unwrap() {
            assert!(f.get(k).is_some(), "findings[].{k}");
        }
    }
    assert_eq!(undocumented(&v, &documented_names()), Vec::<String>::new());
}

#[test]
fn diff_documents_every_field() {
    let s = root().join("tests/fixtures/reports");
    let o = juwei(&[
        "diff",
        s.join("small.previous.ron").to_str().unwrap(),
        s.join("small.ron").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    for p in [
        "rooms.changed[].before.zones",
        "findings.fixed[].code",
        "cost_yuan.total",
    ] {
        assert!(paths_of(&v).contains(p), "{p} not covered");
    }
    assert_eq!(undocumented(&v, &documented_names()), Vec::<String>::new());
}
