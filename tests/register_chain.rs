//! The hash chain of an exported register (`juwei serve`'s export,
//! `juwei register verify`): a stamped export verifies, every kind of
//! tampering is found where it is, the export stays a register every other
//! command reads, and the JSON's fields are documented.

mod common;
use common::{juwei, stderr, stdout};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use juwei::register::chain::{
    register_to_string_stamped, stamp_register, verify, Cause, FindingKind, Stamp, Verified,
};
use juwei::register::{
    parse_register, register_to_string, Acquire, Event, EventKind, Register, SealMade, SealUse,
    Source,
};
use proptest::prelude::*;
use serde_json::Value;

const AT: &str = "2026-12-02T10:00:00.123Z";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ev(date: &str, asset: Option<&str>, kind: EventKind) -> Event {
    Event {
        date: d(date),
        asset: asset.map(String::from),
        kind,
        line: 0,
        col: 0,
    }
}

fn acquire(name: &str, fen: i64, custodian: Option<&str>) -> EventKind {
    EventKind::Acquire(Acquire {
        source: Source::Purchase,
        name: name.into(),
        kind: None,
        category: None,
        special: false,
        unit_value_fen: fen,
        count: 1,
        custodian: custodian.map(String::from),
        location: Some("R1".into()),
    })
}

/// A small register: three cards, moves, a write-off, seals.
fn small() -> Register {
    let mv = |to: &str| EventKind::Move { to: to.into() };
    Register {
        path: PathBuf::from("r.register.ron"),
        committee: "JA-SM2-007".into(),
        events: vec![
            ev(
                "2024-03-01",
                Some("ZC-0001"),
                acquire("台式计算机", 568000, Some("张三")),
            ),
            ev(
                "2024-03-01",
                Some("ZC-0002"),
                acquire("激光打印机", 189900, None),
            ),
            ev(
                "2024-04-15",
                Some("ZC-0003"),
                acquire("电冰箱", 260000, Some("李四")),
            ),
            ev(
                "2024-05-01",
                None,
                EventKind::SealMade(SealMade {
                    seal: "S1".into(),
                    name: "示例居委会".into(),
                    keeper: Some("张三".into()),
                    street_ref: None,
                }),
            ),
            ev("2025-06-10", Some("ZC-0001"), mv("R2")),
            ev("2025-06-10", Some("ZC-0003"), mv("R3")),
            ev(
                "2025-07-01",
                None,
                EventKind::SealUse(SealUse {
                    seal: "S1".into(),
                    matter: Some(1),
                    approved_by: Some("王五".into()),
                    purpose: Some("寄宿证明".into()),
                }),
            ),
            ev(
                "2025-11-20",
                Some("ZC-0002"),
                EventKind::WriteOff {
                    reason: "主板损坏".into(),
                    approval: Some("街道资产〔2025〕15号".into()),
                    count: None,
                },
            ),
            ev("2025-12-01", Some("ZC-0001"), mv("R1")),
        ],
    }
}

fn stamps_of(reg: &Register) -> Vec<Option<Stamp>> {
    stamp_register(reg, |i, _| {
        (
            ["张三", "李四", "clerk \"3\""][i % 3].to_string(),
            format!("2026-12-02T10:{:02}:00.{:03}Z", i % 60, i % 1000),
        )
    })
    .into_iter()
    .map(Some)
    .collect()
}

fn export(reg: &Register) -> String {
    register_to_string_stamped(reg, &stamps_of(reg))
}

fn check(text: &str) -> Verified {
    verify(Path::new("r.register.ron"), text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn kinds(v: &Verified) -> Vec<(FindingKind, usize)> {
    v.findings.iter().map(|f| (f.kind, f.line)).collect()
}

/// 1-based line of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle}"))
        + 1
}

/// `text` with its 1-based lines `a..=b` removed.
fn without_lines(text: &str, a: usize, b: usize) -> String {
    text.lines()
        .enumerate()
        .filter(|(i, _)| !(a..=b).contains(&(i + 1)))
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// Write `text` to a file in a temporary folder.
fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("导出.register.ron");
    std::fs::write(&p, text).unwrap();
    (dir, p)
}

fn verify_cli(path: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["register", "verify", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    juwei(&args)
}

fn verify_json(path: &Path) -> (Option<i32>, Value) {
    let o = verify_cli(path, &["--format", "json"]);
    let v = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    (o.status.code(), v)
}

#[test]
fn a_stamped_export_verifies() {
    let reg = small();
    let text = export(&reg);
    let v = check(&text);
    assert!(v.verified(), "{:?}", v.findings);
    assert_eq!((v.events, v.stamped), (9, 9));
    assert_eq!(v.committee, "JA-SM2-007");
    let head = v.head.as_ref().unwrap();
    assert_eq!(head.hash, stamps_of(&reg)[8].as_ref().unwrap().hash);
    // on the command line: exit 0, both languages
    let (_dir, p) = file(&text);
    let o = verify_cli(&p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("9 个事件,9 个带链戳") && out.contains("链完整"),
        "{out}"
    );
    assert!(out.contains(&head.hash), "{out}");
    let o = verify_cli(&p, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("9 events, 9 stamped"), "{}", stdout(&o));
    assert!(stdout(&o).contains("the chain holds"), "{}", stdout(&o));
    let (code, j) = verify_json(&p);
    assert_eq!(code, Some(0));
    assert_eq!(j["format"], 1);
    assert_eq!(j["verified"], true);
    assert_eq!(j["events"], 9);
    assert_eq!(j["stamped"], 9);
    assert_eq!(j["head"]["hash"], head.hash.as_str());
    assert_eq!(j["findings"], Value::Array(vec![]));
}

#[test]
fn one_fen_changed_breaks_the_chain_at_that_event() {
    let text = export(&small());
    let changed = text.replacen("unit_value_fen: 189900", "unit_value_fen: 189901", 1);
    assert_ne!(changed, text);
    let v = check(&changed);
    assert!(!v.verified());
    let event_line = line_of(&changed, "asset: \"ZC-0002\", event: Acquire");
    assert_eq!(kinds(&v), vec![(FindingKind::Mismatch, event_line)]);
    let f = &v.findings[0];
    assert_eq!(f.col, 9);
    assert_eq!(f.cause, Some(Cause::Changed));
    let (e, found) = (f.expected.as_deref().unwrap(), f.found.as_deref().unwrap());
    assert_ne!(e, found);
    assert!(f.message_en.contains(e) && f.message_en.contains(found));
    // the command line names the file, line and column, exit 1
    let (_dir, p) = file(&changed);
    let o = verify_cli(&p, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "导出.register.ron:{event_line}:9: 事件与其链戳不符"
        )),
        "{out}"
    );
    assert!(out.contains("链已断开: 1 处"), "{out}");
    let (code, j) = verify_json(&p);
    assert_eq!(code, Some(1));
    assert_eq!(j["verified"], false);
    let f = &j["findings"][0];
    assert_eq!(f["kind"], "mismatch");
    assert_eq!(f["severity"], "broken");
    assert_eq!(f["line"], event_line);
    assert_eq!(f["cause"], "changed");
    assert_eq!(f["expected"], e);
    assert_eq!(f["found"], found);
}

#[test]
fn every_digit_changed_inside_an_event_is_found_there() {
    // each digit of every event (dates, money, ids, rooms), changed one at
    // a time: a mismatch at that event whenever the file still reads
    let text = export(&small());
    let back = parse_register(Path::new("r.ron"), &text).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut tried = 0;
    for (i, e) in back.events.iter().enumerate() {
        let end = back.events.get(i + 1).map_or(lines.len() - 1, |n| n.line);
        for l in e.line..end {
            let line = lines[l - 1];
            if line.contains("juwei-chain") {
                continue;
            }
            for (k, c) in line.char_indices().filter(|(_, c)| c.is_ascii_digit()) {
                let other = if c == '9' { '8' } else { (c as u8 + 1) as char };
                let changed = format!("{}{other}{}", &line[..k], &line[k + 1..]);
                let mut t = lines.clone();
                t[l - 1] = &changed;
                let Ok(v) = verify(Path::new("r.ron"), &(t.join("\n") + "\n")) else {
                    continue; // no calendar date any more: unreadable, exit 2
                };
                let breaks: Vec<_> = v.broken().map(|f| (f.kind, f.line)).collect();
                assert!(
                    breaks.contains(&(FindingKind::Mismatch, e.line)),
                    "{changed}: {breaks:?}"
                );
                tried += 1;
            }
        }
    }
    assert!(tried >= 100, "{tried}");
}

#[test]
fn a_deleted_event_breaks_the_chain_at_the_next() {
    let text = export(&small());
    // the move of ZC-0003 (line and its stamp) deleted
    let l = line_of(&text, "asset: \"ZC-0003\", event: Move");
    let cut = without_lines(&text, l, l + 1);
    let v = check(&cut);
    let next = line_of(&cut, "event: SealUse");
    assert_eq!(kinds(&v), vec![(FindingKind::Mismatch, next)]);
    // the hash it was chained to is gone with the event: a change or a
    // deletion, which a hash cannot tell apart
    assert_eq!(v.findings[0].cause, Some(Cause::Changed));
    assert!(v.findings[0]
        .message_en
        .contains("the event before it deleted"));
    // the event alone deleted: its stamp is a second one on the event before
    let cut = without_lines(&text, l, l);
    let v = check(&cut);
    assert_eq!(
        kinds(&v),
        vec![
            (FindingKind::Duplicate, l),
            (FindingKind::Mismatch, line_of(&cut, "event: SealUse"))
        ]
    );
    // an acquisition deleted: the ledger refuses the rest, and the chain breaks
    let l = line_of(&text, "asset: \"ZC-0003\", event: Acquire");
    let end = line_of(&text, "event: SealMade") - 1;
    let cut = without_lines(&text, l, end);
    let v = check(&cut);
    let got: Vec<FindingKind> = v.findings.iter().map(|f| f.kind).collect();
    assert!(got.contains(&FindingKind::Refused), "{got:?}");
    assert!(got.contains(&FindingKind::Mismatch), "{got:?}");
    let (_dir, p) = file(&cut);
    assert_eq!(verify_cli(&p, &[]).status.code(), Some(1));
}

#[test]
fn swapped_events_break_the_chain() {
    let text = export(&small());
    // the two moves of 2025-06-10, each with its stamp, swapped
    let a = line_of(&text, "asset: \"ZC-0001\", event: Move(to: \"R2\")");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.swap(a - 1, a + 1);
    lines.swap(a, a + 2);
    let swapped = lines.join("\n") + "\n";
    // the ledger takes either order: only the chain tells
    assert!(parse_register(Path::new("r.ron"), &swapped).is_ok());
    let v = check(&swapped);
    let got: Vec<_> = v
        .findings
        .iter()
        .map(|f| (f.kind, f.line, f.cause))
        .collect();
    assert_eq!(
        got,
        vec![
            (FindingKind::Mismatch, a, Some(Cause::Order)),
            (FindingKind::Mismatch, a + 2, Some(Cause::Order)),
            (FindingKind::Mismatch, a + 4, Some(Cause::Order)),
        ]
    );
    let (_dir, p) = file(&swapped);
    assert_eq!(verify_cli(&p, &[]).status.code(), Some(1));
}

#[test]
fn an_event_recorded_after_the_export_is_a_note() {
    let text = export(&small());
    let (_dir, p) = file(&text);
    // the export is a register the other commands read
    let o = juwei(&[
        "register",
        p.to_str().unwrap(),
        "--date",
        "2025-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["totals"]["cards"], 2);
    // and `juwei record` appends to it, after the last stamp
    let o = juwei(&[
        "record",
        p.to_str().unwrap(),
        "move",
        "--asset",
        "ZC-0003",
        "--to",
        "R1",
        "--date",
        "2026-01-05",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = std::fs::read_to_string(&p).unwrap();
    assert!(after.starts_with(&text[..text.rfind("    ],").unwrap()]));
    let v = check(&after);
    assert!(v.verified(), "{:?}", v.findings);
    let l = line_of(&after, "2026-01-05");
    assert_eq!(kinds(&v), vec![(FindingKind::Appended, l)]);
    assert_eq!(v.findings[0].count, Some(1));
    assert_eq!((v.events, v.stamped), (10, 9));
    let o = verify_cli(&p, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("导出后在系统外记录"), "{}", stdout(&o));
    let (code, j) = verify_json(&p);
    assert_eq!(code, Some(0));
    assert_eq!(j["findings"][0]["kind"], "appended");
    assert_eq!(j["findings"][0]["severity"], "note");
    assert_eq!(j["findings"][0]["count"], 1);
}

#[test]
fn an_event_inserted_in_the_history_breaks_the_chain() {
    let text = export(&small());
    let l = line_of(&text, "event: SealUse");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(
        l - 1,
        "        (date: \"2025-06-10\", asset: \"ZC-0002\", event: Move(to: \"R9\")),",
    );
    let t = lines.join("\n") + "\n";
    let v = check(&t);
    assert_eq!(kinds(&v), vec![(FindingKind::Unstamped, l)]);
    assert!(v.findings[0].message_en.contains("inserted"));
    let (_dir, p) = file(&t);
    assert_eq!(verify_cli(&p, &[]).status.code(), Some(1));
}

#[test]
fn a_garbled_stamp_is_a_located_error() {
    let text = export(&small());
    let l = line_of(&text, "juwei-chain");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[l - 1] = lines[l - 1].replacen("\"hash\":\"", "\"hash\":\"x", 1);
    let t = lines.join("\n") + "\n";
    let v = check(&t);
    assert_eq!(kinds(&v), vec![(FindingKind::Malformed, l)]);
    assert_eq!(v.findings[0].col, 9);
    assert!(v.findings[0].message_en.contains("64 lowercase hex"));
    // cut short: not JSON
    lines[l - 1] = text.lines().nth(l - 1).unwrap().chars().take(40).collect();
    let t = lines.join("\n") + "\n";
    let v = check(&t);
    assert_eq!(kinds(&v), vec![(FindingKind::Malformed, l)]);
    let (_dir, p) = file(&t);
    let o = verify_cli(&p, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(&format!(
            "导出.register.ron:{l}:9: the stamp cannot be read"
        )),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_register_without_stamps_carries_no_chain() {
    let text = register_to_string(&small());
    let v = check(&text);
    assert!(!v.verified());
    assert_eq!(v.stamped, 0);
    let got: Vec<_> = v.findings.iter().map(|f| (f.kind, f.severity)).collect();
    assert_eq!(got, vec![(FindingKind::NoChain, "note")]);
    let (_dir, p) = file(&text);
    let o = verify_cli(&p, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("没有链戳"), "{}", stdout(&o));
    let (code, j) = verify_json(&p);
    assert_eq!(code, Some(1));
    assert_eq!(j["verified"], false);
    assert_eq!(j["head"], Value::Null);
    assert_eq!(j["findings"][0]["kind"], "no_chain");
    // a sample register as it is kept by hand
    let o = juwei(&[
        "register",
        "verify",
        "plans/new-estate-compliant.register.ron",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn unreadable_input_is_exit_2_with_its_place() {
    let o = juwei(&["register", "verify", "no/such/file.register.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("无法读取"), "{}", stderr(&o));
    let text = export(&small()).replacen("(date: \"2025-06-10\"", "(dat: \"2025-06-10\"", 1);
    let (_dir, p) = file(&text);
    let o = verify_cli(&p, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let l = line_of(&text, "(dat:");
    assert!(stderr(&o).contains(&format!(":{l}:")), "{}", stderr(&o));
    // a plan given instead
    let o = juwei(&["register", "verify", "plans/new-estate-compliant.ron"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn quotes_newlines_and_chinese_round_trip() {
    let mut reg = small();
    reg.committee = "JA-\"引号\"\n第二行 // juwei-chain {}".into();
    reg.events.push(ev(
        "2026-01-01",
        Some("ZC-\"4\"\\"),
        EventKind::Acquire(Acquire {
            source: Source::Donation,
            name: "椅子 /* 不是注释 */ // 也不是".into(),
            kind: None,
            category: Some("A\u{2028}B".into()),
            special: true,
            unit_value_fen: 0,
            count: 20,
            custodian: Some("王\"五\"\n\t李四 🙂".into()),
            location: Some("R1".into()),
        }),
    ));
    reg.events.push(ev(
        "2026-01-02",
        Some("ZC-\"4\"\\"),
        EventKind::Custodian {
            to: "  前后有空格  ".into(),
        },
    ));
    // who recorded them: quotes, newlines, a comment's end, Chinese
    let stamps: Vec<_> = stamp_register(&reg, |i, _| {
        (
            format!("用户\"{i}\"\n*/ /* \\ 🙂"),
            format!("2026-12-02T10:00:{:02}.000Z", i % 60),
        )
    })
    .into_iter()
    .map(Some)
    .collect();
    let text = register_to_string_stamped(&reg, &stamps);
    let back = parse_register(Path::new("r.ron"), &text).unwrap();
    assert_eq!(back.committee, reg.committee);
    let v = check(&text);
    assert!(v.verified(), "{:?}\n{text}", v.findings);
    assert_eq!(v.stamped, reg.events.len());
    assert_eq!(
        v.head.unwrap().recorded_by,
        format!("用户\"{}\"\n*/ /* \\ 🙂", reg.events.len() - 1)
    );
    let (_dir, p) = file(&text);
    assert_eq!(verify_cli(&p, &[]).status.code(), Some(0));
    // a stamp with a CRLF file: the same
    let crlf = text.replace('\n', "\r\n");
    assert!(check(&crlf).verified());
}

#[test]
fn ten_thousand_events_verify() {
    let mut events = vec![ev(
        "2020-01-01",
        Some("ZC-0001"),
        acquire("椅子", 30000, Some("张三")),
    )];
    let mut date = d("2020-01-01");
    for i in 1..10_000 {
        if i % 7 == 0 {
            date = date.succ_opt().unwrap();
        }
        let kind = if i % 2 == 0 {
            EventKind::Move {
                to: format!("R{}", i % 5),
            }
        } else {
            EventKind::Custodian {
                to: format!("保管人{}", i % 11),
            }
        };
        events.push(Event {
            date,
            asset: Some("ZC-0001".into()),
            kind,
            line: 0,
            col: 0,
        });
    }
    let reg = Register {
        path: PathBuf::from("big.register.ron"),
        committee: "JA-BIG".into(),
        events,
    };
    let text = export(&reg);
    let v = check(&text);
    assert!(v.verified());
    assert_eq!((v.events, v.stamped), (10_000, 10_000));
    // one change in the middle is found there, and only there
    let mut lines: Vec<&str> = text.lines().collect();
    let l = (lines.len() / 2..lines.len())
        .find(|&i| lines[i].contains("保管人7\""))
        .unwrap()
        + 1;
    let changed = lines[l - 1].replace("保管人", "保管員");
    assert_ne!(changed, lines[l - 1], "{}", lines[l - 1]);
    lines[l - 1] = &changed;
    let v = check(&(lines.join("\n") + "\n"));
    assert_eq!(kinds(&v), vec![(FindingKind::Mismatch, l)]);
    // another committee's code: every link breaks; the text shows the
    // first 50, the JSON all
    let (_dir, p) = file(&text.replacen("committee: \"JA-BIG\"", "committee: \"JA-BIG2\"", 1));
    let o = verify_cli(&p, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.matches("  broken  ").count(), 50, "{out}");
    assert!(out.contains("… and 9950 more"), "{out}");
    let (_, j) = verify_json(&p);
    assert_eq!(j["findings"].as_array().unwrap().len(), 10_000);
}

/// The fields of `register verify --format json` are named in
/// docs/register.md's section on the chain.
#[test]
fn the_json_fields_are_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/register.md"))
            .unwrap();
    let start = doc
        .find("\n## The chain of an exported register")
        .expect("the section");
    let section = &doc[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
    let named: Vec<&str> = section
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|s| s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .collect();
    // every field and every kind and cause the JSON can carry
    let text = export(&small());
    let (_dir, p) = file(&text);
    let (_, intact) = verify_json(&p);
    let l = line_of(&text, "asset: \"ZC-0003\", event: Move");
    let (_dir2, p2) = file(&without_lines(&text, l, l + 1));
    let (_, broken) = verify_json(&p2);
    let mut fields = Vec::new();
    for v in [&intact, &broken] {
        for (k, x) in v.as_object().unwrap() {
            fields.push(k.clone());
            if let Some(o) = x.as_object() {
                fields.extend(o.keys().cloned());
            }
        }
        for f in v["findings"].as_array().unwrap() {
            fields.extend(f.as_object().unwrap().keys().cloned());
        }
    }
    for k in [
        "mismatch",
        "malformed",
        "unstamped",
        "duplicate",
        "stray",
        "refused",
        "appended",
        "no_chain",
        "order",
        "changed",
        "broken",
        "note",
    ] {
        fields.push(k.to_string());
    }
    for f in &fields {
        assert!(named.contains(&f.as_str()), "`{f}` is not in the section");
    }
    assert!(fields.contains(&"after_line".to_string()));
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-zA-Z0-9 张三李四办公椅\"\\\\/*()〔〕🙂\n-]{1,12}")
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Valid registers of many kinds of events: cards, their moves and ends,
/// a seal and its uses, stocktakes and term changes.
fn register_strategy() -> impl Strategy<Value = Register> {
    let acq = (
        text_strategy(),
        0i64..10_000_000,
        1u32..30,
        prop::option::of(text_strategy()),
        any::<bool>(),
    );
    let later = prop::collection::vec((0usize..8, 0u8..8, text_strategy(), 0u8..3), 0..30);
    (prop::collection::vec(acq, 1..6), later, text_strategy()).prop_map(
        |(cards, later, committee)| {
            let mut date = d("2020-01-01");
            let mut events = vec![ev(
                "2020-01-01",
                None,
                EventKind::SealMade(SealMade {
                    seal: "S1".into(),
                    name: committee.clone(),
                    keeper: None,
                    street_ref: None,
                }),
            )];
            for (i, (name, fen, count, custodian, special)) in cards.iter().enumerate() {
                let mut k = acquire(name, *fen, custodian.as_deref());
                if let EventKind::Acquire(a) = &mut k {
                    a.count = *count;
                    a.special = *special;
                }
                events.push(Event {
                    date,
                    asset: Some(format!("ZC-{i:04}")),
                    kind: k,
                    line: 0,
                    col: 0,
                });
            }
            let mut gone = vec![false; cards.len()];
            for (k, op, text, step) in later {
                for _ in 0..step {
                    date = date.succ_opt().unwrap();
                }
                let i = k % cards.len();
                let (asset, kind) = match op {
                    0 | 1 if !gone[i] => (Some(i), EventKind::Move { to: text }),
                    2 if !gone[i] => (Some(i), EventKind::Custodian { to: text }),
                    3 if !gone[i] => {
                        gone[i] = true;
                        (
                            Some(i),
                            EventKind::WriteOff {
                                reason: text,
                                approval: None,
                                count: None,
                            },
                        )
                    }
                    4 => (
                        None,
                        EventKind::SealUse(SealUse {
                            seal: "S1".into(),
                            matter: Some(k as u32),
                            approved_by: Some(text),
                            purpose: None,
                        }),
                    ),
                    5 => (
                        None,
                        EventKind::Stocktake {
                            year: chrono::Datelike::year(&date),
                            sheet: format!("count-{}.csv", k),
                            by: vec![text],
                        },
                    ),
                    6 => (None, EventKind::TermChange { election: date }),
                    _ => continue,
                };
                events.push(Event {
                    date,
                    asset: asset.map(|i| format!("ZC-{i:04}")),
                    kind,
                    line: 0,
                    col: 0,
                });
            }
            Register {
                path: PathBuf::from("p.register.ron"),
                committee,
                events,
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn stamp_export_verify_is_intact(reg in register_strategy(), by in text_strategy(), unstamped_tail in 0usize..3) {
        prop_assume!(parse_register(Path::new("p.ron"), &register_to_string(&reg)).is_ok());
        let n = reg.events.len();
        let tail = unstamped_tail.min(n - 1);
        let stamps: Vec<Option<Stamp>> = stamp_register(&reg, |i, _| {
            (format!("{by}{i}"), format!("2026-12-02T10:00:00.{:03}Z", i % 1000))
        })
        .into_iter()
        .enumerate()
        .map(|(i, s)| (i < n - tail).then_some(s))
        .collect();
        let text = register_to_string_stamped(&reg, &stamps);
        let v = verify(Path::new("p.ron"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(v.verified(), "{:?}\n{}", v.findings, text);
        prop_assert_eq!((v.events, v.stamped), (n, n - tail));
        let notes: Vec<_> = v.findings.iter().map(|f| (f.kind, f.count)).collect();
        if tail > 0 {
            prop_assert_eq!(notes, vec![(FindingKind::Appended, Some(tail))]);
        } else {
            prop_assert!(notes.is_empty());
        }
    }

    #[test]
    fn a_changed_event_is_found_at_its_line(reg in register_strategy(), pick in any::<prop::sample::Index>(), new in text_strategy()) {
        prop_assume!(parse_register(Path::new("p.ron"), &register_to_string(&reg)).is_ok());
        // one event's date, room, custodian or reason changed in the books
        let mut changed = reg.clone();
        let i = pick.index(reg.events.len());
        let e = &mut changed.events[i];
        match &mut e.kind {
            EventKind::Move { to } | EventKind::Custodian { to } => *to = format!("{to}{new}"),
            EventKind::WriteOff { reason, .. } => *reason = format!("{reason}{new}"),
            EventKind::Acquire(a) => a.unit_value_fen += 1,
            EventKind::SealUse(u) => u.matter = Some(u.matter.unwrap_or(0) + 1),
            EventKind::Stocktake { by, .. } => by.push(new.clone()),
            EventKind::SealMade(m) => m.keeper = Some(new.clone()),
            EventKind::TermChange { election } => *election = election.pred_opt().unwrap(),
            other => panic!("not generated: {other:?}"),
        }
        // the stamps of the original events on the changed ones
        let stamps = stamp_register(&reg, |i, _| (format!("u{i}"), AT.to_string()));
        let stamps: Vec<_> = stamps.into_iter().map(Some).collect();
        let text = register_to_string_stamped(&changed, &stamps);
        let back = parse_register(Path::new("p.ron"), &text);
        let v = verify(Path::new("p.ron"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert!(!v.verified());
        if let Ok(back) = back {
            // the ledger takes it: the only finding is the changed event
            let got: Vec<_> = v.findings.iter().map(|f| (f.kind, f.line)).collect();
            prop_assert_eq!(got, vec![(FindingKind::Mismatch, back.events[i].line)]);
        }
    }
}

/// A register stamped by another program (Python's `hashlib` and `json`
/// over the documented canonical form, the Acquire written with its
/// defaults left out) verifies; its head is that program's last hash.
#[test]
fn a_chain_computed_elsewhere_verifies() {
    let p = "tests/fixtures/register/chain-python.register.ron";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap();
    let v = check(&text);
    assert!(v.verified(), "{:?}", v.findings);
    assert_eq!((v.events, v.stamped), (3, 3));
    let head = v.head.unwrap();
    assert_eq!(
        head.hash,
        "d370c894a04fe0759222519d7b15fa86c80a65ce159200d2118e4da0710ef862"
    );
    assert_eq!(head.recorded_by, "李\"四\"");
    let o = juwei(&["register", "verify", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // one fen more: broken at the acquisition (line 7)
    let (_dir, f) = file(&text.replacen("30000", "30001", 1));
    let o = verify_cli(&f, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(":7:9:"), "{}", stdout(&o));
}
