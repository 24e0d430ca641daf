//! Register format 1 and count sheets: writing then reading gives the same
//! events (property test), count sheets from Excel, no panic on any input.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use juwei::model::ItemKind;
use juwei::register::{
    load_count_sheet, parse_register, reconcile, register_to_string, Acquire, Event, EventKind,
    Register, Source,
};
use proptest::prelude::*;

fn text_strategy() -> impl Strategy<Value = String> {
    // names with quotes, backslashes, CJK and emoji survive the round trip
    prop::string::string_regex("[a-zA-Z0-9 张三李四办公椅\"\\\\/()〔〕🙂-]{1,12}")
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// A valid register: acquisitions then events on cards still in use.
fn register_strategy() -> impl Strategy<Value = Register> {
    let acq = (
        text_strategy(),
        0i64..10_000_000,
        1u32..30,
        prop::option::of(text_strategy()),
        prop::option::of(text_strategy()),
        any::<bool>(),
        prop::sample::select(vec![None, Some(ItemKind::Computer), Some(ItemKind::Chair)]),
        prop::sample::select(Source::ALL.to_vec()),
    );
    let later = prop::collection::vec((0usize..8, 0u8..4, text_strategy()), 0..20);
    (prop::collection::vec(acq, 1..8), later).prop_map(|(cards, later)| {
        let mut date = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let mut events = Vec::new();
        for (i, (name, value, count, custodian, location, special, kind, source)) in
            cards.iter().enumerate()
        {
            events.push(Event {
                date,
                asset: Some(format!("ZC-{i:04}")),
                kind: EventKind::Acquire(Acquire {
                    source: *source,
                    name: name.clone(),
                    kind: *kind,
                    category: None,
                    special: *special,
                    unit_value_fen: *value,
                    count: *count,
                    custodian: custodian.clone(),
                    location: location.clone(),
                }),
                line: 0,
                col: 0,
            });
        }
        let mut gone = vec![false; cards.len()];
        for (k, op, text) in later {
            let i = k % cards.len();
            if gone[i] {
                continue;
            }
            date = date.succ_opt().unwrap();
            let kind = match op {
                0 => EventKind::Move { to: text },
                1 => EventKind::Custodian { to: text },
                2 => {
                    gone[i] = true;
                    EventKind::WriteOff {
                        reason: text,
                        approval: Some("街道资产〔2025〕1号".into()),
                        count: None,
                    }
                }
                _ => {
                    gone[i] = true;
                    EventKind::TransferOut {
                        to: text,
                        approval: None,
                        count: None,
                    }
                }
            };
            events.push(Event {
                date,
                asset: Some(format!("ZC-{i:04}")),
                kind,
                line: 0,
                col: 0,
            });
        }
        Register {
            path: PathBuf::from("p.register.ron"),
            committee: "JA-PROP".into(),
            events,
        }
    })
}

fn strip(r: &Register) -> Vec<(NaiveDate, Option<String>, EventKind)> {
    r.events
        .iter()
        .map(|e| (e.date, e.asset.clone(), e.kind.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn writing_then_reading_keeps_every_event(reg in register_strategy()) {
        let text = register_to_string(&reg);
        let back = parse_register(Path::new("p.register.ron"), &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(strip(&reg), strip(&back));
        // and each event's line points at its own text
        for e in &back.events {
            let line = text.lines().nth(e.line - 1).unwrap();
            prop_assert!(line.contains(&format!("(date: \"{}\"", e.date)), "{}", line);
        }
    }

    #[test]
    fn any_text_is_an_error_or_a_register_never_a_panic(s in "\\PC{0,200}") {
        let _ = parse_register(Path::new("x.ron"), &s);
        let _ = juwei::register::parse_csv(Path::new("x.csv"), s.as_bytes());
    }

    #[test]
    fn mangled_registers_never_panic(reg in register_strategy(), cut in 0usize..2000, junk in "[\\(\\)\\[\\],:\"a-z0-9 ]{0,6}") {
        let text = register_to_string(&reg);
        let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
        let mangled = format!("{}{}{}", &text[..at], junk, &text[at..]);
        if let Err(e) = parse_register(Path::new("m.ron"), &mangled) {
            prop_assert!(e.line >= 1 && e.col >= 1);
            prop_assert!(!e.message.is_empty() && !e.message_en.is_empty());
        }
    }
}

#[test]
fn excel_count_sheet_is_read_with_row_numbers() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("盘点表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 1, "2025年度固定资产盘点表").unwrap();
    for (c, h) in ["资产编号", "资产名称", "存放地点", "实盘数量", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16 + 1, *h).unwrap();
    }
    ws.write_string(2, 1, "ZC-0001").unwrap();
    ws.write_string(2, 2, "台式计算机").unwrap();
    ws.write_string(2, 3, "R3").unwrap();
    ws.write_number(2, 4, 1.0).unwrap();
    ws.write_string(3, 1, "ZC-0002").unwrap();
    ws.write_number(3, 4, 4.0).unwrap();
    ws.write_string(4, 2, "电风扇").unwrap();
    ws.write_string(4, 3, "R2").unwrap();
    ws.write_number(4, 4, 1.0).unwrap();
    ws.write_string(5, 1, "合计").unwrap();
    ws.write_number(5, 4, 6.0).unwrap();
    wb.save(&path).unwrap();

    let sheet = load_count_sheet(&path).unwrap();
    let rows: Vec<_> = sheet
        .rows
        .iter()
        .map(|r| (r.line, r.asset.as_deref(), r.location.as_deref(), r.counted))
        .collect();
    assert_eq!(
        rows,
        [
            (3, Some("ZC-0001"), Some("R3"), Some(1)),
            (4, Some("ZC-0002"), None, Some(4)),
            (5, None, Some("R2"), Some(1))
        ]
    );

    let reg = parse_register(
        Path::new("r.ron"),
        r#"(format: 1, committee: "JA", events: [
        (date: "2025-01-01", asset: "ZC-0001", event: Acquire((source: Purchase, name: "台式计算机", unit_value_fen: 1, location: "R1"))),
        (date: "2025-01-01", asset: "ZC-0002", event: Acquire((source: Purchase, name: "椅子", unit_value_fen: 1, count: 4, location: "R1"))),
    ])"#,
    )
    .unwrap();
    let rec = reconcile(&reg.state_at("2025-12-31".parse().unwrap()), &sheet);
    assert_eq!(rec.matched, ["ZC-0002"]);
    assert_eq!(rec.moved[0].found, "R3");
    assert_eq!(rec.surplus[0].name.as_deref(), Some("电风扇"));

    // a bad count names the cell
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "asset").unwrap();
    ws.write_string(0, 1, "counted").unwrap();
    ws.write_string(1, 0, "ZC-0001").unwrap();
    ws.write_string(1, 1, "几个").unwrap();
    let bad = dir.path().join("bad.xlsx");
    wb.save(&bad).unwrap();
    let e = load_count_sheet(&bad).unwrap_err();
    assert_eq!(e.location(), Some((2, 2)), "{e}");
    assert!(e.to_string().contains("B2"), "{e}");

    // not a workbook at all
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, "asset,counted\n").unwrap();
    assert!(load_count_sheet(&fake).is_err());
}
