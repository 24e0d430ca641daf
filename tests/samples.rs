//! The fixed-asset registers and count sheets beside the sample plans
//! (`plans/NAME.register.ron`, `plans/NAME-count-YYYY.csv|xlsx`): each
//! belongs to its plan's committee, links every equipment item of the plan
//! to a card in use, keeps its cards in the plan's rooms, and shows what its
//! header promises — the compliant one nothing at all, the others exactly
//! their stories. The samples are judged as of `AS_OF`, the day they were
//! written: a register rule such as A1-3.6.3b (a count for every finished
//! year) depends on the day, and a fixed one keeps these tests true later.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use juwei::io::load_plan;
use juwei::model::{ItemGroup, Plan};
use juwei::register::{
    load_count_sheet, load_register, reconcile, EventKind, Reconciliation, Register, Source,
};
use juwei::rules::register::{check_register, RegisterCheck};
use juwei::rules::{check_plan, CheckOptions, Finding, Profile, Severity};
use serde_json::Value;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plans")
}

/// Every sample plan (`NAME.ron`, not `NAME.register.ron`), sorted.
fn sample_plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = std::fs::read_dir(plans_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| juwei::audit::is_plan_name(&p.file_name().unwrap().to_string_lossy()))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            let plan = load_plan(&p).unwrap_or_else(|e| panic!("{e}"));
            (name, plan)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn has_equipment(plan: &Plan) -> bool {
    plan.items
        .iter()
        .any(|i| i.kind.group() == ItemGroup::Equipment && i.count > 0)
}

fn register_of(name: &str) -> Register {
    let path = plans_dir().join(format!("{name}.register.ron"));
    assert!(
        path.exists(),
        "{name}.ron has equipment but no register beside it"
    );
    load_register(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The register's own findings on `AS_OF`, as `CODE:severity`.
fn register_codes(reg: &Register) -> Vec<String> {
    let profile = Profile::default();
    let ctx = RegisterCheck {
        profile: &profile,
        today: as_of(),
        base_dir: reg.base_dir(),
    };
    codes(&check_register(reg, &ctx))
}

fn codes(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{}:{}", f.code, f.severity.as_str()))
        .collect()
}

/// Every Stocktake of the register: its year and the count sheet reconciled
/// against the books just before it.
fn stocktakes(reg: &Register) -> Vec<(i32, String, Reconciliation)> {
    reg.events
        .iter()
        .enumerate()
        .filter_map(|(i, ev)| match &ev.kind {
            EventKind::Stocktake { year, sheet, .. } => {
                let path = reg.base_dir().join(sheet);
                let s = load_count_sheet(&path).unwrap_or_else(|e| panic!("{e}"));
                Some((
                    *year,
                    sheet.clone(),
                    reconcile(&reg.state_through(i, ev.date), &s),
                ))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_plan_with_equipment_has_its_committees_register() {
    let plans = sample_plans();
    assert!(plans.len() >= 6, "only {} sample plans", plans.len());
    let mut n = 0;
    for (name, plan) in &plans {
        if !has_equipment(plan) {
            continue;
        }
        n += 1;
        let reg = register_of(name);
        assert_eq!(reg.committee, plan.committee.code, "{name}");
    }
    assert_eq!(n, plans.len(), "every sample plan has equipment");
}

#[test]
fn every_equipment_item_links_cards_in_use_of_its_kind_room_and_number() {
    for (name, plan) in sample_plans() {
        let reg = register_of(&name);
        let state = reg.state_at(as_of());
        // where the latest count found a card that the books put elsewhere,
        // the plan shows the room it was found in
        let found: Vec<(String, String)> = stocktakes(&reg)
            .last()
            .map(|(_, _, r)| {
                r.moved
                    .iter()
                    .map(|m| (m.asset.clone(), m.found.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut linked = BTreeSet::new();
        for item in &plan.items {
            // other things (a safe, cameras) may link cards too, and then alike
            if item.kind.group() != ItemGroup::Equipment && item.assets.is_empty() {
                continue;
            }
            let room = item.room().expect("equipment stands in a room");
            assert!(
                !item.assets.is_empty(),
                "{name}: {:?} in {room} links no card",
                item.kind
            );
            let mut number = 0;
            for id in &item.assets {
                let card = state
                    .get(id)
                    .unwrap_or_else(|| panic!("{name}: {id} is not in the register"));
                assert!(card.status.is_in_use(), "{name}: {id} is not in use");
                assert_eq!(card.kind, Some(item.kind), "{name}: {id}");
                let books = card.location.as_deref().unwrap_or("");
                assert!(
                    books == room || found.contains(&(id.clone(), room.to_string())),
                    "{name}: {id} is in {books} on the books, the plan has it in {room}"
                );
                assert!(linked.insert(id.clone()), "{name}: {id} linked twice");
                number += card.count;
            }
            assert_eq!(number, item.count, "{name}: {:?} in {room}", item.kind);
        }
        // and every card of an equipment kind in use stands on the plan
        for card in state.in_use() {
            if card.kind.is_some_and(|k| k.group() == ItemGroup::Equipment) {
                assert!(
                    linked.contains(&card.id),
                    "{name}: {} is on no item",
                    card.id
                );
            }
        }
    }
}

#[test]
fn every_room_of_a_register_and_its_count_sheets_is_a_room_of_its_plan() {
    for (name, plan) in sample_plans() {
        let reg = register_of(&name);
        let rooms: BTreeSet<&str> = plan.rooms.iter().map(|r| r.id.as_str()).collect();
        for ev in &reg.events {
            let room = match &ev.kind {
                EventKind::Acquire(a) => a.location.as_deref(),
                EventKind::Move { to } => Some(to.as_str()),
                _ => None,
            };
            if let Some(r) = room {
                assert!(rooms.contains(r), "{name}: line {} names room {r}", ev.line);
            }
        }
        for ev in &reg.events {
            if let EventKind::Stocktake { sheet, .. } = &ev.kind {
                let s = load_count_sheet(&reg.base_dir().join(sheet)).unwrap();
                for row in &s.rows {
                    if let Some(r) = &row.location {
                        assert!(rooms.contains(r.as_str()), "{sheet}:{} room {r}", row.line);
                    }
                }
            }
        }
    }
}

#[test]
fn compliant_sample_passes_check_with_its_register() {
    let plan = load_plan(&plans_dir().join("new-estate-compliant.ron")).unwrap();
    let reg = register_of("new-estate-compliant");
    let profile = Profile::default();
    let index = reg.asset_index(as_of());
    let report = check_plan(
        &plan,
        &profile,
        &CheckOptions {
            previous: None,
            assets: Some(&index),
        },
    );
    assert_eq!(codes(&report.findings), Vec::<String>::new());
    assert_eq!(register_codes(&reg), Vec::<String>::new());
    // and through the command line, with the register's rules on AS_OF
    let o = Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "register",
            "plans/new-estate-compliant.register.ron",
            "--check",
            "--date",
            "2026-11-27",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"], Value::Array(Vec::new()), "{v}");
}

#[test]
fn each_register_shows_what_its_header_promises() {
    let expect: &[(&str, &[&str])] = &[
        ("new-estate-compliant", &[]),
        (
            "missing-equipment",
            &[
                "A1-3.6.3c:violation",
                "A1-3.6.3c:violation",
                "A1-3.6.3c:violation",
            ],
        ),
        ("old-estate-small", &[]),
        ("l-shaped", &[]),
        ("merged-zones", &["A1-3.4.4:violation"]),
        ("police-through-office", &[]),
        ("shikumen-two-storey", &[]),
        ("two-estates", &[]),
    ];
    for (name, want) in expect {
        let reg = register_of(name);
        let mut got = register_codes(&reg);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn count_sheets_match_the_books_but_where_a_sample_tells_otherwise() {
    for (name, _) in sample_plans() {
        let reg = register_of(&name);
        let all = stocktakes(&reg);
        assert!(!all.is_empty(), "{name} has no stocktake");
        let (last, earlier) = all.split_last().unwrap();
        for (year, sheet, r) in earlier {
            assert!(r.books_match(), "{name} {year} ({sheet}): {r:?}");
            assert!(r.duplicates.is_empty(), "{sheet}");
        }
        let (year, sheet, r) = last;
        assert_eq!(*year, 2025, "{name}: the latest count is 2025's");
        let ids = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
        let short: Vec<&str> = r.shortage.iter().map(|s| s.asset.as_str()).collect();
        let moved: Vec<&str> = r.moved.iter().map(|m| m.asset.as_str()).collect();
        let surplus: Vec<(Option<&str>, Option<&str>)> = r
            .surplus
            .iter()
            .map(|s| (s.asset.as_deref(), s.name.as_deref()))
            .collect();
        match name.as_str() {
            "missing-equipment" => {
                assert!(r.matched.contains(&"ZC-0001".to_string()));
                assert_eq!(ids(short), ["ZC-0004"]);
                assert_eq!((r.shortage[0].books, r.shortage[0].counted), (4, 3));
                assert_eq!(surplus, [(None, Some("电风扇"))]);
                assert_eq!(ids(moved), ["ZC-0006"]);
                assert_eq!(r.moved[0].books.as_deref(), Some("R2"));
                assert_eq!(r.moved[0].found, "R3");
                assert_eq!(r.duplicates.len(), 1);
                assert_eq!(r.duplicates[0].asset, "ZC-0005");
                assert_eq!(r.duplicates[0].lines, [5, 6]);
            }
            "old-estate-small" => {
                assert_eq!(ids(moved), ["ZC-0016"]);
                assert!(short.is_empty() && surplus.is_empty());
            }
            "l-shaped" => {
                assert_eq!(surplus, [(None, Some("文件柜"))]);
                assert!(short.is_empty() && moved.is_empty());
            }
            "merged-zones" => {
                assert_eq!(ids(short), ["ZC-0022"]);
                assert_eq!((r.shortage[0].books, r.shortage[0].counted), (22, 20));
                assert!(moved.is_empty() && surplus.is_empty());
            }
            _ => assert!(r.books_match(), "{name} ({sheet}): {r:?}"),
        }
    }
}

#[test]
fn registers_tell_varied_realistic_stories() {
    let mut sources = BTreeSet::new();
    let mut terms = 0;
    for (name, _) in sample_plans() {
        let reg = register_of(&name);
        let mut moves = 0;
        let mut leaves = 0;
        let mut batches = 0;
        for ev in &reg.events {
            match &ev.kind {
                EventKind::Acquire(a) => {
                    sources.insert(a.source);
                    assert!(a.custodian.is_some(), "{name}:{}", ev.line);
                    assert!(a.unit_value_fen > 0, "{name}:{}", ev.line);
                    if a.count > 1 {
                        batches += 1;
                    }
                }
                EventKind::Move { .. } => moves += 1,
                EventKind::WriteOff { .. } | EventKind::TransferOut { .. } => leaves += 1,
                EventKind::TermChange { .. } => terms += 1,
                _ => {}
            }
        }
        assert!(moves > 0, "{name}: no Move");
        assert!(leaves > 0, "{name}: nothing written off or transferred out");
        assert!(batches > 0, "{name}: no batch card");
        // events are dated up to the day the samples were written
        assert!(reg.events.iter().all(|e| e.date <= as_of()), "{name}");
    }
    for s in [
        Source::Purchase,
        Source::TransferIn,
        Source::Donation,
        Source::SelfMade,
        Source::Surplus,
    ] {
        assert!(sources.contains(&s), "no sample acquires by {s:?}");
    }
    assert!(terms >= 5, "term changes with handovers: {terms}");
}

#[test]
fn count_sheets_are_as_excel_saves_them() {
    let mut workbooks = 0;
    let mut gbk = 0;
    for e in std::fs::read_dir(plans_dir()).unwrap() {
        let p = e.unwrap().path();
        let file = p.file_name().unwrap().to_string_lossy().to_string();
        if !file.contains("-count-") {
            continue;
        }
        if file.ends_with(".xlsx") {
            workbooks += 1;
            continue;
        }
        let bytes = std::fs::read(&p).unwrap();
        match bytes.strip_prefix(b"\xef\xbb\xbf") {
            // "CSV UTF-8 (逗号分隔)": a byte-order mark, Chinese headers, CRLF
            Some(rest) => {
                let text = std::str::from_utf8(rest).unwrap();
                assert!(text.starts_with("资产编号,"), "{file}");
                assert!(text.contains("\r\n"), "{file}");
            }
            // plain "CSV (逗号分隔)" of Chinese Excel: GB18030
            None => {
                assert!(std::str::from_utf8(&bytes).is_err(), "{file}");
                gbk += 1;
            }
        }
        load_count_sheet(&p).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!((workbooks, gbk), (1, 1));
}

#[test]
fn audit_of_the_plans_folder_checks_every_register() {
    let a = juwei::audit::run(
        &plans_dir(),
        &Profile::default(),
        juwei::audit::AuditOptions {
            progress: false,
            today: Some(as_of()),
        },
    )
    .unwrap();
    // plans/traced/ holds the tracing walk-through (docs/tracing.md): a plan
    // traced from a photo, without a register of its own
    let (traced, top): (Vec<_>, Vec<_>) = a.rows.iter().partition(|r| r.path.starts_with("traced"));
    assert_eq!(traced.len(), 1, "the traced sample is audited too");
    assert!(traced[0].checked().is_some(), "the traced sample reads");
    assert_eq!(top.len(), sample_plans().len(), "registers are not rows");
    for row in top {
        let c = row.checked().unwrap();
        let name = row.path.to_string_lossy();
        assert!(c.checked_register, "{name}");
        assert!(row.warnings.is_empty(), "{name}: {:?}", row.warnings);
        assert!(
            c.report
                .findings
                .iter()
                .all(|f| f.code != "A2-6.4" && f.code != "G03" && f.severity != Severity::Error),
            "{name}: {:?}",
            c.report.codes()
        );
    }
    let compliant = a
        .rows
        .iter()
        .find(|r| r.path.to_string_lossy() == "new-estate-compliant.ron")
        .unwrap();
    assert_eq!(compliant.checked().unwrap().report.findings.len(), 0);
    let counted = a
        .rows
        .iter()
        .find(|r| r.path.to_string_lossy() == "missing-equipment.ron")
        .unwrap();
    let c = counted.checked().unwrap().report.codes();
    assert!(c.contains(&"A1-3.6.3c".to_string()), "{c:?}");

    // the command line says so in its JSON rows
    let o = Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["audit", "plans", "--format", "json", "--no-progress"])
        .output()
        .unwrap();
    assert!(
        o.status.code().unwrap() < 2,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v["committees"].as_array().unwrap();
    assert_eq!(rows.len(), 9, "eight samples and the traced one");
    for r in rows
        .iter()
        .filter(|r| !r["plan"].as_str().unwrap().starts_with("traced"))
    {
        assert_eq!(r["checked_register"], true, "{}", r["plan"]);
        assert!(r.get("warnings").is_none(), "{r}");
    }
}
