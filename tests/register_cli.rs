//! The register commands end to end: exit statuses, the stocktake JSON of
//! `cli.md`, located errors, files written whole or not at all.

mod common;
use common::{juwei, stderr, stdout};

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The sample whose latest count shows every outcome (and stays unresolved).
const COUNTED: &str = "plans/missing-equipment.register.ron";
/// The sample with a clean register: handover, moves, partial write-off.
const CLEAN: &str = "plans/new-estate-compliant.register.ron";

#[test]
fn stocktake_json_shows_each_outcome_and_exit_1() {
    let o = juwei(&[
        "stocktake",
        COUNTED,
        "plans/missing-equipment-count-2025.csv",
        "--date",
        "2025-12-29",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["date"], "2025-12-29");
    assert!(v["matched"].as_array().unwrap().contains(&"ZC-0001".into()));
    assert_eq!(v["shortage"][0]["asset"], "ZC-0004");
    assert_eq!(v["shortage"][0]["books"], 4);
    assert_eq!(v["shortage"][0]["counted"], 3);
    assert_eq!(v["surplus"][0]["asset"], Value::Null);
    assert_eq!(v["surplus"][0]["name"], "电风扇");
    assert_eq!(v["surplus"][0]["location"], "R2");
    assert_eq!(v["surplus"][0]["counted"], 1);
    assert_eq!(v["moved"][0]["asset"], "ZC-0006");
    assert_eq!(v["moved"][0]["books"], "R2");
    assert_eq!(v["moved"][0]["found"], "R3");
    assert_eq!(v["duplicates"][0]["asset"], "ZC-0005");
    assert_eq!(v["duplicates"][0]["lines"], serde_json::json!([5, 6]));
}

#[test]
fn stocktake_that_matches_exits_0() {
    let o = juwei(&[
        "stocktake",
        COUNTED,
        "plans/missing-equipment-count-2024.csv",
        "--date",
        "2024-12-27",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("账物相符"));
    let o = juwei(&[
        "--lang",
        "en",
        "stocktake",
        COUNTED,
        "plans/missing-equipment-count-2024.csv",
        "--date",
        "2024-12-27",
    ]);
    assert!(stdout(&o).contains("The books match the count"));
}

#[test]
fn unreadable_input_exits_2_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.register.ron");
    let text = std::fs::read_to_string(COUNTED_PATH()).unwrap().replace(
        "(date: \"2025-06-10\", asset: \"ZC-0006\", event: Move",
        "(date: \"2025-06-10\", asset: \"ZC-0099\", event: Move",
    );
    std::fs::write(&bad, text).unwrap();
    let out = dir.path().join("cards.xlsx");
    let o = juwei(&[
        "register",
        bad.to_str().unwrap(),
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("bad.register.ron:"), "{e}");
    assert!(e.contains("ZC-0099"), "{e}");
    let line = e.split(':').nth(1).unwrap();
    assert!(line.parse::<usize>().is_ok(), "{e}");
    assert!(!out.exists(), "nothing is written when the input is bad");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // a count sheet with a bad number
    let sheet = dir.path().join("count.csv");
    // (`一`, `2台` are counts as clerks write them; `几个` is none)
    std::fs::write(&sheet, "asset,counted\nZC-0001,1\nZC-0002,几个\n").unwrap();
    let o = juwei(&[
        "stocktake",
        COUNTED,
        sheet.to_str().unwrap(),
        "--date",
        "2025-12-29",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("count.csv:3 (B3)"), "{}", stderr(&o));
    // a missing sheet
    let o = juwei(&["stocktake", COUNTED, "plans/nope.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("plans/nope.csv"));
}

#[allow(non_snake_case)]
fn COUNTED_PATH() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(COUNTED)
}

#[test]
fn card_list_workbook_has_chinese_headers_and_yuan() {
    use calamine::{open_workbook_auto, Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("台账.xlsx");
    let o = juwei(&[
        "register",
        COUNTED,
        "--date",
        "2026-03-01",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["固定资产台账"]);
    let r = wb.worksheet_range_at(0).unwrap().unwrap();
    let cell = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    // the plan beside the register gives the committee's name
    assert_eq!(
        cell(0, 0),
        Data::String("万航渡居委会 (JA-CJD-014) 固定资产台账".into())
    );
    let headers: Vec<String> = (0..14).map(|c| cell(2, c).to_string()).collect();
    assert_eq!(headers[1], "资产编号");
    assert_eq!(headers[8], "单价(元)");
    assert_eq!(headers[9], "金额(元)");
    assert_eq!(cell(3, 1), Data::String("ZC-0001".into()));
    assert_eq!(cell(3, 9), Data::Float(5680.0));
    // ZC-0005: twelve of thirteen meeting chairs left at 380.00 yuan
    let chairs = (3..30)
        .find(|&row| cell(row, 1) == Data::String("ZC-0005".into()))
        .unwrap();
    assert_eq!(cell(chairs, 7), Data::Float(12.0));
    assert_eq!(cell(chairs, 9), Data::Float(4560.0));
    // the total row sums the fen
    let total = (3..30)
        .find(|&row| cell(row, 1) == Data::String("合计".into()))
        .unwrap();
    assert_eq!(cell(total, 9), Data::Float(55040.0));
}

#[test]
fn handover_list_lists_every_card_in_use_with_signatories() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("移交清单.xlsx");
    let o = juwei(&[
        "handover",
        CLEAN,
        "--date",
        "2024-01-22",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut wb = open_workbook_auto(&out).unwrap();
    let r = wb.worksheet_range_at(0).unwrap().unwrap();
    let all: Vec<String> = r
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    for id in ["ZC-0001", "ZC-0008", "ZC-0014", "ZC-0034", "ZC-0040"] {
        assert!(all.iter().any(|c| c == id), "{id} missing");
    }
    assert!(
        !all.iter().any(|c| c == "ZC-0019"),
        "transferred out before"
    );
    assert!(!all.iter().any(|c| c == "ZC-0007"), "written off before");
    assert!(all.iter().any(|c| c.starts_with("保管人:陈静")));
    assert!(all.iter().any(|c| c.contains("移交人(上届):陈静")));
    assert!(all.iter().any(|c| c.contains("接收人(本届):周立华")));
}

#[test]
fn asset_history_and_filters() {
    let o = juwei(&[
        "register",
        CLEAN,
        "--asset",
        "ZC-0036",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(
        s.contains("2022-07-05") && s.contains("移至 A1") && s.contains("移至 R3"),
        "{s}"
    );
    let o = juwei(&[
        "register",
        CLEAN,
        "--date",
        "2026-03-01",
        "--custodian",
        "王建国",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = v["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ZC-0005", "ZC-0011", "ZC-0012", "ZC-0015", "ZC-0016", "ZC-0017", "ZC-0018", "ZC-0028",
            "ZC-0030", "ZC-0033"
        ]
    );
    let o = juwei(&["register", CLEAN, "--asset", "ZC-9999"]);
    assert_eq!(o.status.code(), Some(2));
    // planned events are shown, not counted
    let o = juwei(&["register", CLEAN, "--date", "2025-12-31"]);
    assert!(stdout(&o).contains("计划中"), "{}", stdout(&o));
}

#[test]
fn register_check_exit_status_follows_violations() {
    let o = juwei(&["register", CLEAN, "--check", "--date", "2026-03-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let f = "tests/fixtures/register/A1-3.6.3d/fail-unsigned.ron";
    let o = juwei(&[
        "register",
        f,
        "--check",
        "--date",
        "2026-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let d: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "A1-3.6.3d")
        .collect();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["line"], 9);
}

#[test]
fn labels_one_svg_per_sheet_with_a_qr_code_each() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("labels.svg");
    let o = juwei(&[
        "labels",
        CLEAN,
        "--date",
        "2026-03-01",
        "--room",
        "R1",
        "--grid",
        "2x4",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // one label per physical thing in R1 (a batch card of n chairs gives
    // n labels, `ZC-… k/n`), 8 a sheet
    let reg =
        juwei::register::load_register(&Path::new(env!("CARGO_MANIFEST_DIR")).join(CLEAN)).unwrap();
    let state = reg.state_at("2026-03-01".parse().unwrap());
    let in_r1: Vec<_> = state
        .in_use()
        .filter(|a| a.location.as_deref() == Some("R1"))
        .collect();
    let things: u32 = in_r1.iter().map(|a| a.count).sum();
    assert!(
        things as usize > in_r1.len(),
        "the sample has batch cards in R1"
    );
    let pages = (things as usize).div_ceil(8);
    let qr_count = |k: usize| {
        std::fs::read_to_string(dir.path().join(format!("labels-{k}.svg")))
            .unwrap()
            .matches("shape-rendering=\"crispEdges\"")
            .count()
    };
    let total: usize = (1..=pages).map(qr_count).sum();
    assert_eq!(total, things as usize);
    assert!(!dir
        .path()
        .join(format!("labels-{}.svg", pages + 1))
        .exists());
    let one = std::fs::read_to_string(dir.path().join("labels-1.svg")).unwrap();
    assert!(one.contains(">ZC-0001<") && one.contains(">台式计算机(政务内网)<"));
    let batch = in_r1.iter().find(|a| a.count > 1).unwrap();
    let all: String = (1..=pages)
        .map(|k| std::fs::read_to_string(dir.path().join(format!("labels-{k}.svg"))).unwrap())
        .collect();
    assert!(
        all.contains(&format!(">{} 2/{}<", batch.id, batch.count)),
        "{}",
        batch.id
    );
    // a PDF is no output of this writer: refused, with the extensions that are
    let o = juwei(&[
        "labels",
        CLEAN,
        "-o",
        dir.path().join("labels.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".svg .html"), "{}", stderr(&o));
    assert!(one.contains("viewBox=\"0 0 210 297\""));
    let html = dir.path().join("labels.html");
    let o = juwei(&[
        "labels",
        CLEAN,
        "--date",
        "2026-03-01",
        "--room",
        "R1",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let h = std::fs::read_to_string(&html).unwrap();
    assert_eq!(h.matches("<svg").count(), (things as usize).div_ceil(24));
}

#[test]
fn check_with_register_runs_a2_6_4_and_the_register_rules() {
    let dir = tempfile::tempdir().unwrap();
    // the spec's example plan links three computers to ZC-0001..3
    let reg = dir.path().join("r.register.ron");
    std::fs::write(
        &reg,
        r#"(format: 1, committee: "JA-SM2-007", events: [
            (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase, name: "电脑", kind: Computer, unit_value_fen: 568000, custodian: "张三", location: "R1"))),
            (date: "2024-03-01", asset: "ZC-0002", event: Acquire((source: Purchase, name: "电脑", kind: Computer, unit_value_fen: 568000, location: "R1"))),
            (date: "2024-03-01", asset: "ZC-0003", event: Acquire((source: Purchase, name: "电脑", kind: Computer, unit_value_fen: 568000, custodian: "张三", location: "R1"))),
        ])"#,
    )
    .unwrap();
    let o = juwei(&[
        "check",
        "tests/fixtures/plan/spec-example.ron",
        "--register",
        reg.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"A1-3.6.3a"), "{codes:?}");
    assert!(codes.contains(&"A1-3.6.3b"), "{codes:?}");
    assert!(
        !codes.contains(&"A2-6.4"),
        "the computers are registered: {codes:?}"
    );
    assert!(!codes.contains(&"G03"), "{codes:?}");
    // another committee's register is refused
    std::fs::write(&reg, r#"(format: 1, committee: "JA-OTHER", events: [])"#).unwrap();
    let o = juwei(&[
        "check",
        "tests/fixtures/plan/spec-example.ron",
        "--register",
        reg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn seal_record_shows_keepers_custody_and_the_use_log() {
    let o = juwei(&["register", CLEAN, "--seal", "S1", "--date", "2026-11-27"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "S1「江宁路街道恒德苑居民委员会」",
        "2026-10-12 起  刘敏",
        "2026-11-24 起  王建国",
        "居委会保管",
        "江宁路街道〔2026〕17号",
        "用印登记(3 次)",
        "为申请社会救助家庭开展经济状况调查协助出具证明",
    ] {
        assert!(s.contains(want), "{want} in\n{s}");
    }
    // English, and the recall story of the contract's example
    let o = juwei(&[
        "--lang",
        "en",
        "register",
        "tests/fixtures/register/seals-example.register.ron",
        "--seal",
        "S1",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("since 2025-10-15  in the street's custody"),
        "{s}"
    );
    assert!(s.contains("since 2026-01-12  kept by the committee"), "{s}");
    assert!(s.contains("keeper none designated"), "{s}");
    // JSON
    let o = juwei(&[
        "register",
        CLEAN,
        "--seal",
        "S1",
        "--date",
        "2026-11-27",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["seal"]["state"]["keeper"], "王建国");
    assert_eq!(v["seal"]["uses"].as_array().unwrap().len(), 3);
    assert_eq!(v["seal"]["uses"][0]["matter"], 1);
    // an unknown seal: exit 2, naming the seals there are
    let o = juwei(&["register", CLEAN, "--seal", "S2", "--date", "2026-11-27"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("S1"), "{}", stderr(&o));
}

#[test]
fn handover_list_has_a_seals_row() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("移交清单.xlsx");
    let o = juwei(&[
        "handover",
        CLEAN,
        "--date",
        "2024-01-22",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("印章:于 2024-01-22 移交"),
        "{}",
        stderr(&o)
    );
    let mut wb = open_workbook_auto(&out).unwrap();
    let r = wb.worksheet_range_at(0).unwrap().unwrap();
    let all: Vec<String> = r
        .rows()
        .flat_map(|row| row.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        all.iter().any(|c| c == "印章:于 2024-01-22 移交"),
        "{all:?}"
    );
    // a later date with no handover recorded: the seal is named, not handed over
    let o = juwei(&[
        "handover",
        CLEAN,
        "--date",
        "2026-11-27",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("印章:S1「江宁路街道恒德苑居民委员会」 未记录移交"),
        "{}",
        stderr(&o)
    );
}
