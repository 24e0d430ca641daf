//! Follow-up (`followup.md`, issue 12) as users meet it on the command line:
//! paths that are not what a command needs, `juwei rules` search, status
//! files, costs.

mod common;
use common::{juwei, stderr, stdout};

const EXAMPLE: &str = "tests/fixtures/plan/spec-example.ron";

#[test]
fn audit_of_a_file_says_to_use_check() {
    let o = juwei(&["audit", EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("audit 需要文件夹; 单个平面图请用 juwei check"),
        "{e}"
    );
    let o = juwei(&["--lang", "en", "audit", EXAMPLE]);
    assert!(
        stderr(&o).contains("for one plan use juwei check"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_of_a_folder_says_to_use_audit() {
    let o = juwei(&["check", "tests/fixtures/plan"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("检查整个文件夹请用 juwei audit"), "{e}");
    assert!(!e.contains("os error"), "{e}");
}

#[test]
fn diff_of_folders_points_to_audit_previous() {
    let o = juwei(&["diff", "tests/fixtures/plan", "tests/fixtures/plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--previous"), "{}", stderr(&o));
}

#[test]
fn missing_folder_and_missing_file_are_named() {
    let o = juwei(&["audit", "no-such-street"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-street: 没有这个文件夹"),
        "{}",
        stderr(&o)
    );
    let o = juwei(&["check", "tests/fixtures/plan/no-such.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有这个文件"), "{}", stderr(&o));
    let o = juwei(&["check", EXAMPLE, "--register", "nowhere/x.register.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nowhere/x.register.ron"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_errors_never_show_a_temporary_file() {
    let o = juwei(&["check", EXAMPLE, "-o", "no-such-folder/out.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("no-such-folder/out.txt"), "{e}");
    assert!(!e.contains(".juwei-") && !e.contains(".tmp"), "{e}");
}

#[test]
fn rules_by_title_words_and_code_in_any_case() {
    let o = juwei(&["rules", "重点改善"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("A2-1.2"), "{}", stdout(&o));
    let o = juwei(&["rules", "a2-6.3"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("A2-6.3 required-equipment"), "{s}");
    assert!(s.contains("传真机"), "{s}");
    let o = juwei(&["rules", "没有的词"]);
    assert_eq!(o.status.code(), Some(2));
}

use serde_json::Value;
use std::path::Path;

fn sample(dir: &Path, n: &str, seed: &str) {
    let o = juwei(&[
        "sample",
        dir.to_str().unwrap(),
        "--committees",
        n,
        "--seed",
        seed,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn plans(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    for street in std::fs::read_dir(dir).unwrap() {
        let street = street.unwrap().path();
        if !street.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&street).unwrap() {
            let p = f.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".ron") && name.matches('.').count() == 1 {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

fn audit_json(args: &[&str]) -> (Value, i32) {
    let o = juwei(args);
    let code = o.status.code().unwrap();
    assert_ne!(code, 2, "{}", stderr(&o));
    (serde_json::from_str(&stdout(&o)).expect("JSON"), code)
}

#[test]
fn audit_lists_every_finding_with_its_status_and_costs() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path(), "6", "7");
    let d = dir.path().to_str().unwrap();
    let (v, _) = audit_json(&["audit", d, "--format", "json", "--no-progress"]);
    let list = v["findings"].as_array().unwrap();
    let total: u64 = v["committees"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| !c["committee"].is_null())
        .map(|c| {
            [
                "error",
                "violation",
                "priority",
                "advisory",
                "info",
                "accepted",
            ]
            .iter()
            .map(|k| c["summary"][k].as_u64().unwrap_or(0))
            .sum::<u64>()
        })
        .sum();
    assert_eq!(list.len() as u64, total, "one row per finding");
    for f in list {
        for k in [
            "committee",
            "name",
            "street",
            "code",
            "severity",
            "status",
            "message",
            "message_en",
        ] {
            assert!(!f[k].is_null(), "{k} in {f}");
        }
        assert_eq!(f["status"], "open");
    }
    // costs: per committee, per street, total, summed in fen
    assert_eq!(v["prices"]["estimate"], true);
    let sum: f64 = v["committees"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["cost_yuan"]["total"].as_f64())
        .sum();
    let total = v["cost_yuan"]["total"].as_f64().unwrap();
    assert!((sum - total).abs() < 0.005, "{sum} vs {total}");
    assert!(v["streets"][0]["cost_yuan"]["total"].is_number());

    // accept one committee's first violation: it is shown as accepted and
    // no longer counted
    let finding = list
        .iter()
        .find(|f| f["severity"] == "violation")
        .expect("a sample committee with a violation")
        .clone();
    let plan = finding["plan"].as_str().unwrap().to_string();
    let code = finding["committee"].as_str().unwrap().to_string();
    let plan = dir.path().join(plan);
    let status = plan.with_file_name(format!(
        "{}.status.ron",
        plan.file_stem().unwrap().to_string_lossy()
    ));
    let mut entry = format!("(code: {}, status: Accepted, by: \"街道 社区办\", date: \"2026-03-02\", reason: \"无法改造\"", finding["code"]);
    if let Some(r) = finding["rooms"].as_array().and_then(|r| r.first()) {
        entry.push_str(&format!(", room: Some({r})"));
    }
    if let Some(i) = finding["items"].as_array().and_then(|r| r.first()) {
        entry.push_str(&format!(", item: Some({})", i.as_str().unwrap()));
    }
    entry.push(')');
    std::fs::write(
        &status,
        format!(
            "(format: 1, committee: \"{code}\", entries: [\n  {entry},\n  (code: \"A2-6.1\", room: Some(\"R99\"), status: Fixed),\n])\n"
        ),
    )
    .unwrap();
    let (v2, _) = audit_json(&["audit", d, "--format", "json", "--no-progress"]);
    let accepted: Vec<&Value> = v2["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["committee"] == code.as_str() && f["status"] == "accepted")
        .collect();
    assert!(!accepted.is_empty(), "accepted finding listed");
    assert_eq!(accepted[0]["status_by"], "街道 社区办");
    // the stale entry is reported (S01), not ignored
    assert!(v2["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["committee"] == code.as_str() && f["code"] == "S01"));
    assert_eq!(
        v2["totals"]["summary"]["violation"].as_u64().unwrap() + accepted.len() as u64,
        v["totals"]["summary"]["violation"].as_u64().unwrap()
    );
    // check honours it as well
    let o = juwei(&["check", plan.to_str().unwrap(), "--format", "json"]);
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(c["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["status"] == "accepted"));

    // a malformed status file: check exits 2 at its line; audit names it
    std::fs::write(
        &status,
        format!("(format: 1, committee: \"{code}\", entries: [\n  (code: \"A9-9\", status: Fixed),\n])\n"),
    )
    .unwrap();
    let o = juwei(&["check", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".status.ron:2:"), "{}", stderr(&o));
    let o = juwei(&["audit", d, "--no-progress"]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(".status.ron"), "{}", stdout(&o));
}

#[test]
fn audit_previous_reports_fixed_open_new_and_committees_added_or_gone() {
    let old = tempfile::tempdir().unwrap();
    let now = tempfile::tempdir().unwrap();
    sample(old.path(), "5", "11");
    sample(now.path(), "5", "11");
    let now_plans = plans(now.path());
    // one committee is gone, one is new
    std::fs::remove_file(&now_plans[0]).unwrap();
    let old_plans = plans(old.path());
    std::fs::remove_file(&old_plans[4]).unwrap();
    let (v, _) = audit_json(&[
        "audit",
        now.path().to_str().unwrap(),
        "--previous",
        old.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-progress",
    ]);
    assert_eq!(v["added"].as_array().unwrap().len(), 1, "{}", v["added"]);
    assert_eq!(v["gone"].as_array().unwrap().len(), 1, "{}", v["gone"]);
    // identical plans: everything is still open, nothing fixed or new
    for c in v["committees"].as_array().unwrap() {
        if c["followup"].is_null() {
            continue;
        }
        assert_eq!(c["followup"]["fixed"], 0);
        assert_eq!(c["followup"]["new"], 0);
    }
    assert!(v["trend"]["previous"]["committees"].as_u64().unwrap() == 4);
    assert!(v["trend"]["now"]["committees"].as_u64().unwrap() == 4);
    // text says so too
    let o = juwei(&[
        "audit",
        now.path().to_str().unwrap(),
        "--previous",
        old.path().to_str().unwrap(),
        "--no-progress",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn report_writes_one_page_per_committee_and_an_index_by_street() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let o = juwei(&[
        "sample",
        input.to_str().unwrap(),
        "--committees",
        "8",
        "--broken",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("out");
    let o = juwei(&[
        "report",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "7 reports and the index: {names:?}");
    assert!(names.contains(&"index.html".to_string()));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    for n in names.iter().filter(|n| *n != "index.html") {
        assert!(index.contains(&format!("href=\"{n}\"")), "{n} linked");
        let page = std::fs::read_to_string(out.join(n)).unwrap();
        assert!(page.contains("<svg"), "{n} has its drawing");
        assert!(page.contains("物品图例"), "{n} prints the glyph legend");
        // a clause quoted once per code
        let quotes = page.matches("<blockquote>").count();
        let codes: std::collections::HashSet<&str> = page
            .match_indices("<span class=\"code\"")
            .map(|(i, _)| {
                let rest = &page[i..];
                let rest = &rest[rest.find('>').unwrap() + 1..];
                &rest[..rest.find(' ').unwrap()]
            })
            .collect();
        assert!(
            quotes <= codes.len(),
            "{n}: {quotes} quotes for {} codes",
            codes.len()
        );
    }
    // the broken file is listed with its error, and verdicts are shown
    assert!(index.contains("class=\"broken\""), "broken file listed");
    assert!(index.contains("stamp"), "verdicts");
    assert!(index.contains("估算"), "the cost is marked as an estimate");
    // -o naming a file is refused
    let o = juwei(&[
        "report",
        input.to_str().unwrap(),
        "-o",
        out.join("index.html").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn audit_xlsx_has_the_findings_costs_and_year_on_year_sheets() {
    use calamine::Reader;
    let old = tempfile::tempdir().unwrap();
    let now = tempfile::tempdir().unwrap();
    sample(old.path(), "4", "5");
    sample(now.path(), "4", "5");
    let out = now.path().join("audit.xlsx");
    let o = juwei(&[
        "audit",
        now.path().to_str().unwrap(),
        "--previous",
        old.path().to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
        "--no-progress",
    ]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = wb.sheet_names();
    for n in ["整改清单", "整改费用", "同比"] {
        assert!(names.iter().any(|s| s == n), "{n} in {names:?}");
    }
    let list = wb.worksheet_range("整改清单").unwrap();
    assert!(list.height() > 1, "one row per finding");
    assert_eq!(
        list.get_value((0, 5)).map(|v| v.to_string()),
        Some("状态".to_string())
    );
    let costs = wb.worksheet_range("整改费用").unwrap();
    // costs are numbers, not text
    assert!(matches!(
        costs.get_value((1, 5)),
        Some(calamine::Data::Float(_))
    ));
}

/// The audit opens with a summary page: figures and SVG charts, the costs
/// and, with `--previous`, the trend, in the HTML and in the text.
#[test]
fn audit_summary_shows_charts_costs_and_the_trend() {
    let old = tempfile::tempdir().unwrap();
    let now = tempfile::tempdir().unwrap();
    sample(old.path(), "6", "2016");
    sample(now.path(), "6", "2017");
    let (n, o) = (now.path().to_str().unwrap(), old.path().to_str().unwrap());
    let html = |args: &[&str]| {
        let out = now.path().join("audit.html");
        let mut a = vec!["audit", n, "--format", "html", "--no-progress", "-o"];
        a.push(out.to_str().unwrap());
        a.extend_from_slice(args);
        let r = juwei(&a);
        assert_ne!(r.status.code(), Some(2), "{}", stderr(&r));
        std::fs::read_to_string(&out).unwrap()
    };
    let plain = html(&[]);
    // categories, findings and costs per street; no trend without --previous
    assert_eq!(
        plain
            .matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
            .count(),
        3
    );
    assert!(plain.contains("各街道居委会改善类别") && plain.contains("各街道整改费用"));
    assert!(!plain.contains("与上次检查"));
    // the summary comes before the details, and ends its page
    let summary = plain.find("class=\"summary\"").unwrap();
    assert!(summary < plain.find("各街道合计").unwrap());
    assert!(plain.contains(".summary { break-after: page;"));
    let with = html(&["--previous", o]);
    assert_eq!(with.matches("class=\"chart\"").count(), 4);
    assert!(with.contains("与上次检查"), "the trend sentence");
    // the text: costs per street and overall, the trend with its counts
    let t = juwei(&["audit", n, "--previous", o, "--no-progress"]);
    let text = stdout(&t);
    assert!(text.contains("整改费用") && text.contains("全部"), "{text}");
    assert!(text.contains("同比") && text.contains("已整改"), "{text}");
    let t = juwei(&["--lang", "en", "audit", n, "--previous", o, "--no-progress"]);
    let text = stdout(&t);
    assert!(
        text.contains("Cost of closing the gaps") && text.contains("Since the previous audit"),
        "{text}"
    );
    assert!(!text.contains("已整改"), "{text}");
}

/// Two plans carrying one committee code are named on standard error, in
/// each folder of `--previous`, in the chosen language; the audit still runs.
#[test]
fn a_committee_code_carried_twice_is_named() {
    let now = tempfile::tempdir().unwrap();
    let old = tempfile::tempdir().unwrap();
    sample(now.path(), "3", "7");
    sample(old.path(), "3", "7");
    let ps = plans(now.path());
    // the second plan, copied beside the first under another name
    let copy = ps[0].with_file_name("copy-of-second.ron");
    std::fs::copy(&ps[1], &copy).unwrap();
    let code = juwei::io::load_plan(&ps[1]).unwrap().committee.code;
    let (n, o) = (now.path().to_str().unwrap(), old.path().to_str().unwrap());
    let zh = juwei(&["audit", n, "--previous", o, "--no-progress"]);
    assert_ne!(zh.status.code(), Some(2), "{}", stderr(&zh));
    let err = stderr(&zh);
    assert!(err.contains(&format!("同一居委会编号 {code}")), "{err}");
    assert!(err.contains("copy-of-second.ron"), "{err}");
    assert_eq!(
        err.matches("警告").count(),
        1,
        "only the folder that has it: {err}"
    );
    let en = juwei(&["--lang", "en", "audit", n, "--no-progress"]);
    let err = stderr(&en);
    assert!(
        err.contains(&format!("the same committee code {code}")),
        "{err}"
    );
    assert!(!err.contains("警告"), "{err}");
    // no warning where codes are distinct
    let clean = juwei(&["audit", o, "--no-progress"]);
    assert!(!stderr(&clean).contains("警告"), "{}", stderr(&clean));
}
