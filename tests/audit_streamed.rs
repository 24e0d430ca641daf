//! A streamed audit (rows in a temporary file, `juwei audit`) and an audit
//! kept in memory (`audit::run`) are the same audit: the same rows in the
//! same order, the same totals and lists, and byte for byte the same text,
//! JSON, HTML and comparison with an earlier folder. The workbook and the
//! page of a streamed audit are written as they are made (issue 14).

use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};
use juwei::audit::{self, AuditOptions};
use juwei::model::Lang;
use juwei::report::json::audit as audit_json;
use juwei::report::{audit_text, audit_xlsx, html};
use juwei::rules::Profile;
use juwei::sample::{write_sample, SampleOptions};

fn folder(dir: &Path, n: usize, seed: u64, broken: usize) {
    write_sample(
        dir,
        &SampleOptions {
            committees: n,
            seed,
            broken,
            previous_share: 0.3,
        },
    )
    .unwrap();
}

fn opts() -> AuditOptions {
    AuditOptions {
        progress: false,
        today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
    }
}

#[test]
fn streamed_and_in_memory_audits_are_the_same() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 90, 5, 4);
    // a broken file in a folder of its own: its street stays unknown
    std::fs::create_dir(dir.path().join("loose")).unwrap();
    std::fs::write(dir.path().join("loose/x.ron"), "(format: 1,").unwrap();
    let profile = Profile::default();
    let mem = audit::run(dir.path(), &profile, opts()).unwrap();
    let st = audit::run_streamed(dir.path(), &profile, opts()).unwrap();
    assert!(
        st.rows.is_empty(),
        "a streamed audit keeps no rows in memory"
    );
    assert_eq!(st.len(), mem.rows.len());
    assert_eq!(mem, st);
    assert_eq!(mem.totals, st.totals);
    assert_eq!(mem.streets, st.streets);
    assert_eq!(mem.streets.last().unwrap().0, None, "unknown street last");
    assert_eq!(mem.priority_order(), st.priority_order());
    assert_eq!(mem.gap_counts(), st.gap_counts());
    for lang in [Lang::Zh, Lang::En] {
        assert_eq!(
            audit_text::to_text(&mem, lang),
            audit_text::to_text(&st, lang)
        );
        let hopts = html::HtmlOptions { lang, date: None };
        assert_eq!(
            html::audit_page(&mem, &profile, &hopts),
            html::audit_page(&st, &profile, &hopts)
        );
    }
    let mut json = Vec::new();
    audit_json::write_json(&st, &mut json).unwrap();
    let json = String::from_utf8(json).unwrap();
    assert_eq!(
        json,
        juwei::report::json::to_string(&audit_json::to_value(&mem)),
        "the streamed JSON is what serde_json writes of the whole document"
    );
    assert!(st.read_back_failure().is_none());
}

#[test]
fn the_comparison_with_an_earlier_folder_is_the_same_streamed() {
    let old = tempfile::tempdir().unwrap();
    let now = tempfile::tempdir().unwrap();
    folder(old.path(), 40, 9, 0);
    folder(now.path(), 44, 9, 1);
    let profile = Profile::default();
    let mut mem = audit::run(now.path(), &profile, opts()).unwrap();
    let mem_old = audit::run(old.path(), &profile, opts()).unwrap();
    mem.followup = Some(juwei::followup::compare::compare(&mem_old, &mem));
    let mut st = audit::run_streamed(now.path(), &profile, opts()).unwrap();
    let st_old = audit::run_streamed(old.path(), &profile, opts()).unwrap();
    st.followup = Some(juwei::followup::compare::compare(&st_old, &st));
    assert_eq!(mem.followup, st.followup);
    // what `audit --previous` runs: the earlier folder's records only, and
    // the keys kept by the workers; no row read back, the same comparison
    let fast_old = audit::previous(old.path(), &profile, opts()).unwrap();
    let fast = audit::run_streamed_followed(now.path(), &profile, opts()).unwrap();
    assert_eq!(
        Some(juwei::followup::compare::compare_previous(&fast_old, &fast)),
        mem.followup
    );
    let cmp = st.followup.as_ref().unwrap();
    assert!(
        cmp.by_committee.values().any(|c| c.fixed > 0 || c.new > 0),
        "the folders differ in findings, not only in committees: {cmp:?}"
    );
    assert!(!cmp.added.is_empty() && !cmp.gone.is_empty(), "{cmp:?}");
    assert!(!cmp.by_committee.is_empty());
    let mut json = Vec::new();
    audit_json::write_json(&st, &mut json).unwrap();
    assert_eq!(
        String::from_utf8(json).unwrap(),
        juwei::report::json::to_string(&audit_json::to_value(&mem))
    );
}

fn cell(range: &Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The column of `range` headed `head` (row 0).
fn column(range: &Range<Data>, head: &str) -> u32 {
    (0..range.width() as u32)
        .find(|&c| cell(range, 0, c) == head)
        .unwrap_or_else(|| panic!("no column {head}"))
}

/// The workbook of a streamed audit (what `juwei audit --format xlsx`
/// writes, every sheet row by row from the rows read back), read back with
/// calamine: its sheets, and in them every committee, finding and gap of
/// the audit in the audit's order, areas and counts as numbers.
#[test]
fn the_streamed_workbook_holds_every_row_in_order() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 60, 7, 3);
    let st = audit::run_streamed(dir.path(), &Profile::default(), opts()).unwrap();
    assert!(st.rows.is_empty());
    let mut bytes = Vec::new();
    audit_xlsx::write_audit_xlsx(&st, Lang::Zh, &mut bytes).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "居委会",
            "优先改善",
            "设施缺口",
            "街道合计",
            "整改清单",
            "整改费用"
        ]
    );

    let rows = wb.worksheet_range("居委会").unwrap();
    assert_eq!(rows.height(), 1 + st.len());
    let (code, area, file) = (
        column(&rows, "编号"),
        column(&rows, "办公用房面积㎡"),
        column(&rows, "文件"),
    );
    let mut broken = 0;
    for (i, r) in st.each_row().enumerate() {
        let y = i as u32 + 1;
        assert_eq!(cell(&rows, y, file), r.path.to_string_lossy());
        match r.checked() {
            Some(c) => {
                assert_eq!(cell(&rows, y, code), c.committee().code);
                assert_eq!(
                    rows.get_value((y, area)),
                    Some(&Data::Float(c.facts.area_m2))
                );
            }
            None => {
                broken += 1;
                assert_eq!(rows.get_value((y, code)), Some(&Data::Empty));
            }
        }
    }
    assert_eq!(broken, 3);

    let prio = wb.worksheet_range("优先改善").unwrap();
    let order: Vec<String> = st
        .priority_list()
        .iter()
        .filter_map(|r| r.checked().map(|c| c.committee().code.clone()))
        .collect();
    assert_eq!(prio.height(), 1 + order.len());
    let prio_code = column(&prio, "编号");
    for (i, code) in order.iter().enumerate() {
        assert_eq!(
            prio.get_value((i as u32 + 1, 0)),
            Some(&Data::Float((i + 1) as f64))
        );
        assert_eq!(&cell(&prio, i as u32 + 1, prio_code), code);
    }

    let gaps = wb.worksheet_range("设施缺口").unwrap();
    let checked: Vec<_> = st.each_row().filter(|r| r.checked().is_some()).collect();
    assert_eq!(
        gaps.height(),
        1 + checked.len() + 1,
        "a row each, and the counts"
    );
    for (i, r) in checked.iter().enumerate() {
        let c = r.checked().unwrap();
        let y = i as u32 + 1;
        assert_eq!(cell(&gaps, y, 2), c.committee().code);
        for (k, e) in c.equipment.iter().enumerate() {
            let v = gaps.get_value((y, 3 + k as u32)).unwrap();
            match e {
                juwei::audit::Equip::Present(n) => assert_eq!(v, &Data::Float(f64::from(*n))),
                _ => assert!(matches!(v, Data::String(_)), "{v:?}"),
            }
        }
    }
    let last = gaps.height() as u32 - 1;
    for (k, n) in st.gap_counts().iter().enumerate() {
        assert_eq!(
            gaps.get_value((last, 3 + k as u32)),
            Some(&Data::Float(*n as f64))
        );
    }

    let totals = wb.worksheet_range("街道合计").unwrap();
    let last = totals.height() as u32 - 1;
    assert_eq!(cell(&totals, last, 0), "全部");
    assert_eq!(
        totals.get_value((last, 1)),
        Some(&Data::Float(st.len() as f64))
    );

    let list = wb.worksheet_range("整改清单").unwrap();
    let findings: Vec<(String, String)> = checked
        .iter()
        .flat_map(|r| {
            let c = r.checked().unwrap();
            c.report
                .findings
                .iter()
                .map(|f| (c.committee().code.clone(), f.code.to_string()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!findings.is_empty());
    assert_eq!(list.height(), 1 + findings.len());
    let (f_code, f_rule) = (column(&list, "编号"), column(&list, "问题代码"));
    for (i, (code, rule)) in findings.iter().enumerate() {
        let y = i as u32 + 1;
        assert_eq!(
            (&cell(&list, y, f_code), &cell(&list, y, f_rule)),
            (code, rule)
        );
    }

    let costs = wb.worksheet_range("整改费用").unwrap();
    assert!(
        costs.height() > 1 + checked.len(),
        "a row each, then the totals"
    );
    for y in 1..=checked.len() as u32 {
        assert!(
            matches!(costs.get_value((y, 5)), Some(Data::Float(_))),
            "costs are numbers"
        );
    }
    for name in wb.sheet_names() {
        assert!(
            wb.worksheet_formula(&name).unwrap().is_empty(),
            "{name}: values, never formulas"
        );
    }
}

/// The page of a streamed audit goes to its writer in pieces as its long
/// tables are made (none much longer than 64 KB), each a whole text, and
/// the pieces are the page.
#[test]
fn the_page_is_written_in_pieces() {
    struct Pieces(Vec<Vec<u8>>);
    impl std::io::Write for Pieces {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 300, 3, 2);
    let profile = Profile::default();
    let st = audit::run_streamed(dir.path(), &profile, opts()).unwrap();
    let hopts = html::HtmlOptions::default();
    let mut w = Pieces(Vec::new());
    html::write_audit_page(&st, &profile, &hopts, &mut w).unwrap();
    assert!(w.0.len() > 4, "{} pieces", w.0.len());
    let mut page = String::new();
    for piece in &w.0 {
        assert!(piece.len() < 96 * 1024, "a piece of {} bytes", piece.len());
        page.push_str(std::str::from_utf8(piece).expect("whole characters"));
    }
    assert_eq!(page, html::audit_page(&st, &profile, &hopts));
    assert!(page.ends_with("</html>\n"));
}
