//! Issue 11's "done when", end to end as a committee clerk works: the Excel
//! ledger they keep (title row, a header over two rows, date cells, a 合计
//! row) imported; a year's events recorded by command; a count sheet typed
//! with Excel habits reconciled; the differences settled; labels and the
//! handover list printed — without a single hand edit of the RON.
//! `docs/register.md` ("A year with juwei") tells the same story.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{stderr, stdout};

fn juwei_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("juwei runs")
}

/// One row of the ledger: id, name, spec, count, unit value, value, date,
/// source, room, custodian.
type LedgerRow<'a> = (
    &'a str,
    &'a str,
    &'a str,
    f64,
    f64,
    f64,
    (u16, u8, u8),
    &'a str,
    &'a str,
    &'a str,
);

fn excel_ledger(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy/m/d");
    ws.merge_range(0, 0, 0, 10, "万航渡居委会固定资产台账", &Format::new())
        .unwrap();
    let head = [
        "序号",
        "资产编号",
        "资产名称",
        "规格型号",
        "数量",
        "金额",
        "",
        "购置日期",
        "取得方式",
        "存放地点",
        "保管人",
        "分类代码",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    // 金额 over two columns: 单价 and 金额 below it
    ws.write_string(2, 5, "单价(元)").unwrap();
    ws.write_string(2, 6, "金额(元)").unwrap();
    let rows: [LedgerRow; 5] = [
        (
            "ZC-0001",
            "台式计算机",
            "联想启天M720",
            1.0,
            5680.0,
            5680.0,
            (2024, 3, 1),
            "购置",
            "办公室",
            "沈丽萍",
        ),
        (
            "ZC-0002",
            "激光打印机",
            "",
            1.0,
            1899.0,
            1899.0,
            (2024, 3, 1),
            "购置",
            "R1 办公室",
            "沈丽萍",
        ),
        (
            "ZC-0003",
            "会议椅",
            "",
            12.0,
            300.0,
            3600.0,
            (2024, 3, 5),
            "调拨",
            "会议室",
            "吴佳怡",
        ),
        (
            "ZC-0004",
            "电冰箱",
            "",
            1.0,
            2599.0,
            2599.0,
            (2024, 4, 2),
            "受赠",
            "综合服务区",
            "吴佳怡",
        ),
        (
            "ZC-0005",
            "办公桌",
            "",
            4.0,
            850.0,
            3500.0,
            (2024, 3, 1),
            "购置",
            "R1",
            "沈丽萍",
        ),
    ];
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 3;
        ws.write_number(row, 0, (i + 1) as f64).unwrap();
        ws.write_string(row, 1, r.0).unwrap();
        ws.write_string(row, 2, r.1).unwrap();
        ws.write_string(row, 3, r.2).unwrap();
        ws.write_number(row, 4, r.3).unwrap();
        ws.write_number(row, 5, r.4).unwrap();
        ws.write_number(row, 6, r.5).unwrap();
        let d = ExcelDateTime::from_ymd(r.6 .0, r.6 .1, r.6 .2).unwrap();
        ws.write_datetime_with_format(row, 7, &d, &date).unwrap();
        ws.write_string(row, 8, r.7).unwrap();
        ws.write_string(row, 9, r.8).unwrap();
        ws.write_string(row, 10, r.9).unwrap();
        // GB/T 14885 codes where the clerk knows them; the fridge has none
        let code = ["A02010105", "A02021003", "A05010303", "", "A05010201"][i];
        if !code.is_empty() {
            ws.write_string(row, 11, code).unwrap();
        }
    }
    ws.write_string(8, 0, "合计").unwrap();
    ws.write_number(8, 6, 17278.0).unwrap();
    ws.write_string(10, 0, "制表人: 沈丽萍").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_year_of_the_register_without_a_hand_edit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/missing-equipment.ron"),
        d.join("wanhangdu.ron"),
    )
    .unwrap();
    excel_ledger(&d.join("台账.xlsx"));

    // 1. the Excel ledger they keep
    let o = juwei_in(
        d,
        &[
            "register",
            "import",
            "台账.xlsx",
            "-o",
            "wanhangdu.register.ron",
            "--committee",
            "JA-CJD-014",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("5 张卡片"), "{e}");
    assert!(
        e.contains("G8") && e.contains("≠"),
        "the desks' 金额 disagrees: {e}"
    );
    let o = juwei_in(
        d,
        &["register", "wanhangdu.register.ron", "--date", "2024-12-31"],
    );
    let s = stdout(&o);
    assert!(
        s.contains("R3 综合服务区") && s.contains("台式计算机(联想启天M720)"),
        "{s}"
    );

    // 2. a year's events, by command
    let rec = |args: &[&str]| {
        let mut a = vec!["record", "wanhangdu.register.ron"];
        a.extend_from_slice(args);
        juwei_in(d, &a)
    };
    for args in [
        &[
            "move",
            "--asset",
            "ZC-0004",
            "--to",
            "会议室",
            "--date",
            "2025-03-02",
        ][..],
        &[
            "custodian",
            "--asset",
            "zc-0002",
            "--to",
            "吴佳怡",
            "--date",
            "2025-04-01",
        ],
        &[
            "write-off",
            "--asset",
            "ZC-0003",
            "--count",
            "2",
            "--reason",
            "椅腿断裂",
            "--approval",
            "街道资产〔2025〕7号",
            "--date",
            "2025-06-10",
        ],
        &[
            "acquire",
            "--name",
            "电风扇",
            "--unit-value",
            "199",
            "--count",
            "2",
            "--location",
            "R3 综合服务区",
            "--custodian",
            "吴佳怡",
            "--date",
            "2025-07-01",
        ],
    ] {
        let o = rec(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    let before = std::fs::read(d.join("wanhangdu.register.ron")).unwrap();
    // a typo is refused with a suggestion, the file byte-identical
    let o = rec(&[
        "move",
        "--asset",
        "ZC-004",
        "--to",
        "R1",
        "--date",
        "2025-08-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("是否为 ZC-0004"), "{}", stderr(&o));
    // so is an event out of date order
    let o = rec(&[
        "move",
        "--asset",
        "ZC-0004",
        "--to",
        "R1",
        "--date",
        "2025-01-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(d.join("wanhangdu.register.ron")).unwrap(),
        before
    );

    // 3. a count typed as clerks type: title, room names, 2台, lower case,
    // a typo, a blank count, 合计 and signatures
    let sheet = "\u{feff}2025年固定资产盘点表,,,,\r\n盘点日期:2025年12月28日,,,,\r\n资产编号,资产名称,存放地点,实盘数量,备注\r\nZC-0001,台式计算机,R1 办公室,1台,\r\nzc-0002,激光打印机,办公室,1,\r\nZC-0003,会议椅,会议室,十,\r\nZC-004,电冰箱,综合服务区,1,搬回来了\r\nZC-0005,办公桌,R1,,没数\r\nZC-0006,电风扇,R3,2台,\r\n,文件柜,R1,1,无标签\r\n合计,,,16,\r\n盘点人:沈丽萍,,监盘人:吴佳怡,,\r\n";
    std::fs::write(d.join("count-2025.csv"), sheet).unwrap();
    let o = juwei_in(
        d,
        &[
            "stocktake",
            "wanhangdu.register.ron",
            "count-2025.csv",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["date"], "2025-12-28", "the sheet's own date");
    assert_eq!(v["not_counted"][0]["asset"], "ZC-0005");
    assert_eq!(v["not_counted"][0]["cell"], "D8");
    assert_eq!(v["pairs"][0]["shortage"], "ZC-0004");
    assert!(
        v["moved"].as_array().unwrap().is_empty(),
        "room names are no moves: {v}"
    );
    let matched: Vec<&str> = v["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(matched, ["ZC-0001", "ZC-0002", "ZC-0003", "ZC-0006"]);

    // the clerk corrects the typo and counts the desks (one is gone)
    let fixed = sheet
        .replace("ZC-004,电冰箱,综合服务区", "ZC-0004,电冰箱,综合服务区")
        .replace("ZC-0005,办公桌,R1,,没数", "ZC-0005,办公桌,R1,3,少一张");
    std::fs::write(d.join("count-2025.csv"), fixed).unwrap();

    // the stocktake result as a workbook, with its money: the desk short
    // (850.00), the file cabinet found unlabelled (no value yet)
    let o = juwei_in(
        d,
        &[
            "stocktake",
            "wanhangdu.register.ron",
            "count-2025.csv",
            "--format",
            "xlsx",
            "-o",
            "盘点结果.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sheet = first_sheet(&d.join("盘点结果.xlsx"));
    let head = row_texts(&sheet, 2);
    for h in ["单价(元)", "账面金额(元)", "盘亏金额(元)", "盘盈金额(元)"] {
        assert!(head.iter().any(|c| c == h), "{h} in {head:?}");
    }
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    let desk = find_row(&sheet, "ZC-0005");
    assert_eq!(cell_text(&sheet, desk, 1), "盘亏");
    assert_eq!(cell_num(&sheet, desk, col("单价(元)")), Some(850.0));
    assert_eq!(cell_num(&sheet, desk, col("账面金额(元)")), Some(3400.0));
    assert_eq!(cell_num(&sheet, desk, col("盘亏金额(元)")), Some(850.0));
    let cabinet = find_row(&sheet, "文件柜");
    assert_eq!(cell_text(&sheet, cabinet, col("盘盈金额(元)")), "未计价");
    let total = find_row(&sheet, "合计");
    assert_eq!(cell_num(&sheet, total, col("盘亏金额(元)")), Some(850.0));
    assert_eq!(cell_num(&sheet, total, col("盘盈金额(元)")), Some(0.0));
    assert!(
        cell_text(&sheet, 1, 0).contains("盘亏金额 850.00 元"),
        "{}",
        cell_text(&sheet, 1, 0)
    );

    // 4. settle: Stocktake, the fridge's Move, the file cabinet's
    // Acquire(Surplus), the desk's WriteOff with the approval
    let o = juwei_in(
        d,
        &[
            "stocktake",
            "wanhangdu.register.ron",
            "count-2025.csv",
            "--apply",
            "--yes",
            "--approval",
            "街道资产〔2026〕1号",
            "--by",
            "沈丽萍",
            "--by",
            "吴佳怡",
            "--surplus",
            "10=ZC-0007:680",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}\n{}", stdout(&o), stderr(&o));
    let o = juwei_in(
        d,
        &[
            "register",
            "wanhangdu.register.ron",
            "--check",
            "--date",
            "2026-01-05",
        ],
    );
    let s = stdout(&o);
    assert!(!s.contains("A1-3.6.3c"), "every difference settled: {s}");

    // 5. labels (one per thing), the handover list
    let o = juwei_in(
        d,
        &[
            "labels",
            "wanhangdu.register.ron",
            "--date",
            "2026-01-05",
            "-o",
            "labels.html",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(d.join("labels.html")).unwrap();
    assert!(html.contains("ZC-0003 10/10"), "batch labels numbered");
    let o = juwei_in(
        d,
        &[
            "handover",
            "wanhangdu.register.ron",
            "--date",
            "2026-01-05",
            "--outgoing",
            "沈丽萍",
            "--incoming",
            "吴佳怡",
            "-o",
            "移交清单.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // the year's changes statement (增减变动表): opening 17,178.00, the
    // fan and the file cabinet added, two chairs of twelve and a desk of
    // four written off, closing 16,806.00, and the check
    let o = juwei_in(
        d,
        &[
            "register",
            "wanhangdu.register.ron",
            "--changes",
            "2025",
            "--date",
            "2026-01-05",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    for want in [
        "固定资产增减变动表",
        "2025年度",
        "A05010303",
        "(未填分类代码)",
        "17,178.00",
        "16,806.00",
        "部分报损: 12 件中 2 件,余 10 件",
        "部分报损: 4 件中 1 件,余 3 件",
        "期初 17,178.00 + 增加 1,078.00 − 减少 1,450.00 = 16,806.00 元",
        "✓",
    ] {
        assert!(s.contains(want), "{want} in:\n{s}");
    }
    let o = juwei_in(
        d,
        &[
            "register",
            "wanhangdu.register.ron",
            "--changes",
            "2025",
            "--date",
            "2026-01-05",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["balanced"], true);
    assert_eq!(v["total"]["opening"]["value_fen"], 1717800);
    assert_eq!(v["total"]["additions"]["purchase"]["value_fen"], 39800);
    assert_eq!(v["total"]["additions"]["surplus"]["value_fen"], 68000);
    assert_eq!(v["total"]["reductions"]["write-off"]["value_fen"], 145000);
    assert_eq!(v["total"]["closing"]["value_fen"], 1680600);
    assert_eq!(v["total"]["closing"]["count"], 19);
    let partial: Vec<(&str, u64, u64)> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["partial"] == true)
        .map(|c| {
            (
                c["asset"].as_str().unwrap(),
                c["count"].as_u64().unwrap(),
                c["value_fen"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(partial, [("ZC-0003", 2, 60000), ("ZC-0005", 1, 85000)]);
    let chairs = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["category"] == "A05010303")
        .unwrap();
    assert_eq!(chairs["opening"]["count"], 12);
    assert_eq!(chairs["closing"]["value_fen"], 300000);
    assert_eq!(chairs["balanced"], true);

    // and as the workbook handed to the street, in Chinese and English
    let o = juwei_in(
        d,
        &[
            "register",
            "wanhangdu.register.ron",
            "--changes",
            "2025",
            "--date",
            "2026-01-05",
            "--format",
            "xlsx",
            "-o",
            "增减变动表.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    check_changes_workbook(&d.join("增减变动表.xlsx"));
    let o = juwei_in(
        d,
        &[
            "--lang",
            "en",
            "register",
            "wanhangdu.register.ron",
            "--changes",
            "2025",
            "--date",
            "2026-01-05",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(
        s.contains("fixed-asset changes statement")
            && s.contains("part of a batch: 2 of 12, 10 left"),
        "{s}"
    );
    // a year not begun is refused, the output extension is checked
    let o = juwei_in(
        d,
        &[
            "register",
            "wanhangdu.register.ron",
            "--changes",
            "2027",
            "--date",
            "2026-01-05",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("2027 年度尚未开始"), "{}", stderr(&o));

    // the register is still the clerk's file: it loads, and every event
    // above is in it
    let reg = juwei::register::load_register(&d.join("wanhangdu.register.ron")).unwrap();
    assert_eq!(reg.events.len(), 5 + 4 + 4);
}

type Sheet = calamine::Range<calamine::Data>;

fn first_sheet(path: &Path) -> Sheet {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    wb.worksheet_range(&name).unwrap()
}

fn sheets(path: &Path) -> Vec<(String, Sheet)> {
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            (n, r)
        })
        .collect()
}

fn cell_text(s: &Sheet, row: usize, col: usize) -> String {
    s.get((row, col)).map(|c| c.to_string()).unwrap_or_default()
}

fn cell_num(s: &Sheet, row: usize, col: usize) -> Option<f64> {
    match s.get((row, col))? {
        calamine::Data::Float(f) => Some(*f),
        calamine::Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

fn row_texts(s: &Sheet, row: usize) -> Vec<String> {
    (0..s.width()).map(|c| cell_text(s, row, c)).collect()
}

/// The first row with a cell reading `text`.
fn find_row(s: &Sheet, text: &str) -> usize {
    (0..s.height())
        .find(|&r| row_texts(s, r).iter().any(|c| c == text))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

/// The 增减变动表 workbook: the statement with its two-row header, one
/// line per category, the total and its check; the changes one by one
/// with real date cells.
fn check_changes_workbook(path: &Path) {
    let all = sheets(path);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["增减变动表", "变动明细"]);
    let st = &all[0].1;
    assert!(cell_text(st, 0, 0).contains("固定资产增减变动表"));
    assert!(
        cell_text(st, 1, 0).contains("2025年度") && cell_text(st, 1, 0).contains("相符"),
        "{}",
        cell_text(st, 1, 0)
    );
    // two header rows: the groups over 数量 and 金额(元)
    let groups = row_texts(st, 2);
    let sub = row_texts(st, 3);
    assert_eq!(groups[0], "分类代码");
    let at = |g: &str| {
        groups
            .iter()
            .position(|c| c == g)
            .unwrap_or_else(|| panic!("{g} in {groups:?}"))
    };
    for g in [
        "期初",
        "增加·添置",
        "增加·自制",
        "增加·调入",
        "增加·受赠",
        "增加·盘盈",
        "增加合计",
        "减少·报损",
        "减少·调出",
        "减少合计",
        "期末",
        "核对",
    ] {
        let c = at(g);
        if g != "核对" {
            assert_eq!(
                (sub[c].as_str(), sub[c + 1].as_str()),
                ("数量", "金额(元)"),
                "{g}"
            );
        }
    }
    let chairs = find_row(st, "A05010303");
    assert_eq!(cell_num(st, chairs, at("期初")), Some(12.0));
    assert_eq!(cell_num(st, chairs, at("期初") + 1), Some(3600.0));
    assert_eq!(cell_num(st, chairs, at("减少·报损")), Some(2.0));
    assert_eq!(cell_num(st, chairs, at("减少·报损") + 1), Some(600.0));
    assert_eq!(cell_num(st, chairs, at("期末")), Some(10.0));
    assert_eq!(cell_num(st, chairs, at("期末") + 1), Some(3000.0));
    assert_eq!(cell_text(st, chairs, at("核对")), "相符");
    let desks = find_row(st, "A05010201");
    assert_eq!(cell_num(st, desks, at("期末") + 1), Some(2550.0));
    let none = find_row(st, "(未填分类代码)");
    assert_eq!(cell_num(st, none, at("增加·添置") + 1), Some(398.0));
    assert_eq!(cell_num(st, none, at("增加·盘盈") + 1), Some(680.0));
    assert_eq!(
        cell_num(st, none, at("期末") + 1),
        Some(2599.0 + 398.0 + 680.0)
    );
    let total = find_row(st, "合计");
    assert_eq!(cell_num(st, total, at("期初") + 1), Some(17178.0));
    assert_eq!(cell_num(st, total, at("增加合计") + 1), Some(1078.0));
    assert_eq!(cell_num(st, total, at("减少合计") + 1), Some(1450.0));
    assert_eq!(cell_num(st, total, at("期末")), Some(19.0));
    assert_eq!(cell_num(st, total, at("期末") + 1), Some(16806.0));
    assert!(
        (0..st.height()).any(|r| cell_text(st, r, 0).contains("制表人")),
        "signature lines"
    );
    // the changes one by one: dates are date cells
    let list = &all[1].1;
    let head = row_texts(list, 2);
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    let first = find_row(list, "ZC-0003");
    assert!(
        matches!(
            list.get((first, col("日期"))),
            Some(calamine::Data::DateTime(_))
        ),
        "{:?}",
        list.get((first, col("日期")))
    );
    assert_eq!(cell_num(list, first, col("减少数量")), Some(2.0));
    assert_eq!(cell_num(list, first, col("减少金额(元)")), Some(600.0));
    assert!(cell_text(list, first, col("说明")).contains("部分报损"));
    let total = find_row(list, "合计");
    assert_eq!(cell_num(list, total, col("增加金额(元)")), Some(1078.0));
    assert_eq!(cell_num(list, total, col("减少金额(元)")), Some(1450.0));
}
