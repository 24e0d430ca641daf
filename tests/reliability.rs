//! Issue 15 end to end: each attack of the adversarial test, as a user
//! would meet it on the command line, ends in a clear message and the
//! documented exit status — no abort, no hang, no overwritten ledger, no
//! escape sequence reaching the terminal.

mod common;
use common::{juwei, stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLAN: &str = "plans/l-shaped.ron";
const REGISTER: &str = "plans/l-shaped.register.ron";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("juwei runs")
}

fn manifest(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// A copy of the l-shaped committee (plan, register, count sheets) in a
/// fresh folder.
fn committee_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(manifest("plans")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("l-shaped") {
            std::fs::copy(e.path(), dir.path().join(&name)).unwrap();
        }
    }
    dir
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap();
    assert!(ok.success());
}

/// Item 1: a 1.8 KB workbook with cells at A1 and XFD1048576 aborted
/// juwei; it is a refusal naming the limit (exit 2).
#[test]
fn a_sheet_with_far_apart_cells_is_refused_not_an_abort() {
    let dir = committee_copy();
    let xlsx = dir.path().join("far.xlsx");
    std::fs::write(&xlsx, far_cells_xlsx()).unwrap();
    assert!(std::fs::metadata(&xlsx).unwrap().len() < 4096);
    let o = run_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "stocktake",
            "l-shaped.register.ron",
            "far.xlsx",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("1000000 cells"), "{}", stderr(&o));
}

/// Item 1, in an audit: the same sheet named by a register's Stocktake is
/// that committee's finding; the audit of the folder goes on.
#[test]
fn a_bad_sheet_beside_a_register_does_not_stop_the_audit() {
    let dir = committee_copy();
    std::fs::write(
        dir.path().join("l-shaped-count-2024.xlsx"),
        far_cells_xlsx(),
    )
    .unwrap();
    let reg = dir.path().join("l-shaped.register.ron");
    let text = std::fs::read_to_string(&reg)
        .unwrap()
        .replace("l-shaped-count-2024.csv", "l-shaped-count-2024.xlsx");
    std::fs::write(&reg, text).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "register",
            "l-shaped.register.ron",
            "--check",
            "--date",
            "2025-01-10",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("1000000 cells"), "{}", stdout(&o));
    let o = run_in(dir.path(), &["audit", "."]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
}

/// Item 2: a FIFO named `x.ron` in the audited folder hung the audit; it
/// is a broken row.
#[cfg(unix)]
#[test]
fn a_fifo_in_the_audited_folder_is_a_broken_row() {
    let dir = committee_copy();
    mkfifo(&dir.path().join("x.ron"));
    let o = run_in(
        dir.path(),
        &["--lang", "en", "audit", ".", "--format", "json"],
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("x.ron") && out.contains("FIFO"), "{out}");
}

/// Items 2 and 5: a count sheet that is a FIFO, `/dev/zero`, or outside
/// the register's folder is refused at once, as the register's finding.
#[cfg(unix)]
#[test]
fn count_sheets_are_regular_files_inside_the_folder() {
    let dir = committee_copy();
    let reg = dir.path().join("l-shaped.register.ron");
    let text = std::fs::read_to_string(&reg).unwrap();
    mkfifo(&dir.path().join("fifo.csv"));
    for (sheet, says) in [
        ("fifo.csv", "FIFO"),
        ("/dev/zero", "not inside the register's folder"),
        (
            "../l-shaped-count-2024.csv",
            "not inside the register's folder",
        ),
    ] {
        std::fs::write(&reg, text.replace("l-shaped-count-2024.csv", sheet)).unwrap();
        let o = run_in(
            dir.path(),
            &[
                "--lang",
                "en",
                "register",
                "l-shaped.register.ron",
                "--check",
                "--date",
                "2025-01-10",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{sheet}: {}", stderr(&o));
        assert!(stdout(&o).contains(says), "{sheet}: {}", stdout(&o));
    }
    // and named on the command line
    let o = run_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "stocktake",
            "l-shaped.register.ron",
            "fifo.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
}

/// Item 7: `-o` the same file as an input replaced the ledger with JSON.
#[test]
fn output_over_an_input_or_a_ledger_is_refused() {
    let dir = committee_copy();
    let before = std::fs::read(dir.path().join("l-shaped.register.ron")).unwrap();
    let plan_before = std::fs::read(dir.path().join("l-shaped.ron")).unwrap();
    let attempts: [&[&str]; 6] = [
        &[
            "register",
            "l-shaped.register.ron",
            "--format",
            "json",
            "-o",
            "l-shaped.register.ron",
        ],
        &[
            "register",
            "./l-shaped.register.ron",
            "--format",
            "json",
            "-o",
            "l-shaped.register.ron",
        ],
        &[
            "handover",
            "l-shaped.register.ron",
            "-o",
            "l-shaped.register.ron",
        ],
        &[
            "stocktake",
            "l-shaped.register.ron",
            "l-shaped-count-2025.csv",
            "-o",
            "l-shaped.register.ron",
        ],
        &["check", "l-shaped.ron", "-o", "l-shaped.ron"],
        &[
            "check",
            "l-shaped.ron",
            "--register",
            "l-shaped.register.ron",
            "-o",
            "l-shaped.register.ron",
        ],
    ];
    for args in attempts {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    // a report over another committee's register or plan
    std::fs::copy(
        dir.path().join("l-shaped.register.ron"),
        dir.path().join("other.register.ron"),
    )
    .unwrap();
    std::fs::copy(
        dir.path().join("l-shaped.ron"),
        dir.path().join("other.ron"),
    )
    .unwrap();
    for target in ["other.register.ron", "other.ron"] {
        let o = run_in(dir.path(), &["check", "l-shaped.ron", "-o", target]);
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
    }
    // import --force onto a register
    std::fs::copy(
        manifest("tests/dxf/committee_m.dxf"),
        dir.path().join("d.dxf"),
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["import", "d.dxf", "-o", "other.register.ron", "--force"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.path().join("l-shaped.register.ron")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(dir.path().join("other.register.ron")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read(dir.path().join("l-shaped.ron")).unwrap(),
        plan_before
    );
}

/// Item 10: `-o -` is standard output; a device is written through, never
/// replaced; a symlink stays a symlink.
#[cfg(unix)]
#[test]
fn special_destinations_are_written_through() {
    let o = juwei(&["check", PLAN, "--format", "json", "-o", "-"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(stdout(&o).trim_start().starts_with('{'));
    let o = juwei(&["check", PLAN, "-o", "/dev/null"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.txt");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.txt")).unwrap();
    let plan = manifest(PLAN);
    let o = run_in(
        dir.path(),
        &["check", plan.to_str().unwrap(), "-o", "link.txt"],
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("JA-TMX-003"));
}

/// Item 8: escape sequences in names reach neither stdout nor stderr.
#[test]
fn escapes_in_data_never_reach_the_terminal() {
    let dir = committee_copy();
    let plan = dir.path().join("l-shaped.ron");
    let text = std::fs::read_to_string(&plan).unwrap().replace(
        "name: \"办公室\"",
        "name: \"办公室\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}8m\"",
    );
    std::fs::write(&plan, &text).unwrap();
    for args in [
        &["check", "l-shaped.ron"][..],
        &["audit", "."][..],
        &["diff", "l-shaped.ron", "l-shaped.ron"][..],
        &["register", "l-shaped.register.ron"][..],
    ] {
        let o = run_in(dir.path(), args);
        for (what, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
                "{args:?} {what}: {}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
    // in an error message on stderr: a duplicate id holding an escape
    let dup = text
        .replace("(id: \"R1\"", "(id: \"C1\\u{1b}[2J\"")
        .replace("(id: \"C1\"", "(id: \"C1\\u{1b}[2J\"");
    std::fs::write(&plan, dup).unwrap();
    let o = run_in(dir.path(), &["check", "l-shaped.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!o.stderr.contains(&0x1b), "{}", stderr(&o));
    assert!(stderr(&o).contains("␛[2J"), "{}", stderr(&o));
}

/// Item 9: two huge cards totalled −0.02 yuan; the register is refused at
/// the card that crosses the limit.
#[test]
fn totals_that_do_not_fit_are_refused() {
    let dir = committee_copy();
    let reg = dir.path().join("l-shaped.register.ron");
    let text = std::fs::read_to_string(&reg)
        .unwrap()
        .replacen(
            "unit_value_fen: 568000",
            "unit_value_fen: 4611686018427387904",
            1,
        )
        .replacen(
            "unit_value_fen: 498000",
            "unit_value_fen: 4611686018427387904",
            1,
        );
    let line = text
        .lines()
        .position(|l| l.contains("unit_value_fen: 4611686018427387904"))
        .unwrap()
        + 1;
    std::fs::write(&reg, text).unwrap();
    let o = run_in(
        dir.path(),
        &["--lang", "en", "register", "l-shaped.register.ron"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(&format!("l-shaped.register.ron:{line}:")),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("limit"), "{}", stderr(&o));
}

/// Item 11: absurd numbers on the command line and in a register.
#[test]
fn absurd_numbers_and_dates_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(
        dir.path(),
        &["sample", "--committees", "18446744073709551615", "out"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = juwei(&["check", PLAN, "--date", "+262142-12-31"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = juwei(&["register", REGISTER, "--check", "--date", "99999-01-01"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let dir = committee_copy();
    let reg = dir.path().join("l-shaped.register.ron");
    let text = std::fs::read_to_string(&reg)
        .unwrap()
        .replace("Stocktake(year: 2022,", "Stocktake(year: -2147483648,");
    std::fs::write(&reg, text).unwrap();
    let o = run_in(
        dir.path(),
        &["--lang", "en", "register", "l-shaped.register.ron"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(":117:"), "{}", stderr(&o));
}

/// Item 4: a profile value out of range is named with its line.
#[test]
fn profile_out_of_range_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("p.ron");
    let text = std::fs::read_to_string(manifest("assets/profiles/jingan-2017.ron"))
        .unwrap()
        .replace("seal_handover_days: 10", "seal_handover_days: 4294967295");
    std::fs::write(&p, &text).unwrap();
    let o = juwei(&[
        "--lang",
        "en",
        "register",
        REGISTER,
        "--check",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = text
        .lines()
        .position(|l| l.contains("seal_handover_days:"))
        .unwrap()
        + 1;
    assert!(
        stderr(&o).contains(&format!("p.ron:{line}:")) && stderr(&o).contains("seal_handover_days"),
        "{}",
        stderr(&o)
    );
}

/// Item 11: labels over several sheets; a shorter run removes the stale
/// sheets of a longer one.
#[test]
fn labels_leave_no_stale_sheets() {
    let dir = committee_copy();
    let o = run_in(
        dir.path(),
        &[
            "labels",
            "l-shaped.register.ron",
            "--grid",
            "1x1",
            "-o",
            "x.svg",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("x-3.svg").exists());
    let o = run_in(
        dir.path(),
        &[
            "labels",
            "l-shaped.register.ron",
            "--grid",
            "3x8",
            "-o",
            "x.svg",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // every sheet left is one this run wrote
    let said = stderr(&o);
    let sheets: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('x') && n.ends_with(".svg"))
        .collect();
    assert!(sheets.len() < 4, "{sheets:?}");
    for s in &sheets {
        assert!(said.contains(s.as_str()), "{s} is stale: {said}");
    }
}

/// The workbook of item 1: cells at A1 and XFD1048576, under 2 KB.
fn far_cells_xlsx() -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, &str); 5] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>资产编号</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#,
        ),
    ];
    for (name, body) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

mod money_totals {
    use chrono::NaiveDate;
    use juwei::register::ledger::MAX_TOTAL_FEN;
    use juwei::register::parse_register;
    use juwei::register::replay::sum_fen;
    use proptest::prelude::*;
    use std::path::Path;

    /// A value in fen: mostly ordinary amounts, sometimes anything an i64 holds.
    fn fen() -> impl Strategy<Value = i64> {
        prop_oneof![4 => 0i64..=100_000_000, 1 => 0i64..=i64::MAX]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Item 9: whatever the cards' values and counts, the books' total is
        /// exact or the register is refused, naming the limit; it never wraps.
        #[test]
        fn register_totals_are_exact_or_refused(
            cards in proptest::collection::vec((fen(), 1u32..=5_000), 1..8)
        ) {
            let mut text = String::from("(\n    format: 1,\n    committee: \"JA-T-001\",\n    events: [\n");
            for (i, (v, n)) in cards.iter().enumerate() {
                text += &format!(
                    "        (date: \"2024-01-{:02}\", asset: \"ZC-{i:04}\", event: Acquire((\
                     source: Purchase, name: \"办公桌\", kind: Desk, unit_value_fen: {v}, count: {n}, \
                     custodian: \"张三\", location: \"R1\"))),\n",
                    i + 1
                );
            }
            text += "    ],\n)\n";
            let exact: i128 = cards.iter().map(|&(v, n)| i128::from(v) * i128::from(n)).sum();
            match parse_register(Path::new("t.register.ron"), &text) {
                Ok(reg) => {
                    prop_assert!(exact <= i128::from(MAX_TOTAL_FEN), "{exact} loaded");
                    let state = reg.state_at(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
                    let total = sum_fen(state.in_use().map(|a| a.value_fen()));
                    prop_assert_eq!(i128::from(total), exact);
                }
                Err(e) => {
                    prop_assert!(exact > i128::from(MAX_TOTAL_FEN), "{exact}: {e}");
                    prop_assert!(e.to_string().contains("上限"), "{e}");
                }
            }
        }
    }
}
