//! The audit as an Excel workbook (`juwei audit DIR --format xlsx -o FILE`),
//! the form a street office or the district forwards and sorts:
//!
//! 1. 居委会 / Committees — one row per plan file, with counts by severity,
//!    missing zones and equipment (broken files with their error);
//! 2. 优先改善 / Priority — the district's priority list;
//! 3. 设施缺口 / Equipment gaps — committees × the 六.3 items;
//! 4. 街道合计 / Totals — per street and for the whole folder.
//!
//! Areas are numbers (format `0.00`), so the sheet sums and sorts them.
//!
//! Every sheet is a constant-memory worksheet of rust_xlsxwriter: each row
//! goes to a temporary file as soon as the next row is begun, so a city's
//! workbook is written from the audit's rows read back one at a time
//! (`crate::audit::Spill`) without ever being held whole (issue 14). The
//! rows of a sheet are therefore written strictly top to bottom, and its
//! texts are stored in the cells (inline strings) rather than in the
//! workbook's shared-string table; Excel, LibreOffice and calamine read
//! both alike.

use std::io::Write;

use super::xlsx_text::TextCells;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::audit_tables;
use crate::audit::Audit;
use crate::model::Lang;

struct Styles {
    head: Format,
    area: Format,
    gap: Format,
    part: Format,
    has: Format,
    prio: Format,
    bad: Format,
    vertical: Format,
    total: Format,
    total_area: Format,
    date: Format,
    money: Format,
    wrap: Format,
}

impl Styles {
    /// The formats of the shared tables ([`super::table`]).
    fn table(&self) -> super::table::XlsxFormats<'_> {
        super::table::XlsxFormats {
            money: Some(&self.money),
            date: Some(&self.date),
            wrap: Some(&self.wrap),
            has: Some(&self.has),
            part: Some(&self.part),
            gap: Some(&self.gap),
            ..super::table::XlsxFormats::new(
                &self.area,
                &self.prio,
                &self.bad,
                &self.total,
                &self.total_area,
            )
        }
    }
}

fn styles() -> Styles {
    let font = "Microsoft YaHei";
    let base = Format::new().set_font_name(font).set_font_size(10);
    Styles {
        head: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xE8EAED))
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter),
        area: base.clone().set_num_format("0.00"),
        gap: base
            .clone()
            .set_bold()
            .set_font_color(Color::RGB(0xB3261E))
            .set_background_color(Color::RGB(0xFDE0DC))
            .set_align(FormatAlign::Center),
        part: base
            .clone()
            .set_bold()
            .set_font_color(Color::RGB(0x8A5300))
            .set_background_color(Color::RGB(0xFFF1D6))
            .set_align(FormatAlign::Center),
        has: base
            .clone()
            .set_font_color(Color::RGB(0x1B7F3B))
            .set_align(FormatAlign::Center),
        prio: base.clone().set_bold().set_font_color(Color::RGB(0xB26A00)),
        bad: base.clone().set_font_color(Color::RGB(0xC62828)),
        vertical: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xE8EAED))
            .set_border(FormatBorder::Thin)
            .set_rotation(270)
            .set_align(FormatAlign::Center),
        total: base.clone().set_bold().set_border_top(FormatBorder::Thin),
        date: base.clone().set_num_format("yyyy-mm-dd"),
        money: base.clone().set_num_format("#,##0.00"),
        wrap: base.clone().set_text_wrap().set_align(FormatAlign::Top),
        total_area: base
            .set_bold()
            .set_border_top(FormatBorder::Thin)
            .set_num_format("0.00"),
    }
}

fn headers(ws: &mut Worksheet, heads: &[&str], st: &Styles) -> Result<(), XlsxError> {
    for (i, h) in heads.iter().enumerate() {
        ws.write_text_with_format(0, i as u16, *h, &st.head)?;
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook's bytes (see [`write_audit_xlsx`]; a street's audit, the
/// tests).
pub fn audit_xlsx(a: &Audit, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut out = Vec::new();
    write_audit_xlsx(a, lang, &mut out)?;
    Ok(out)
}

/// Write the workbook to `out` as it is zipped (a city's audit: nothing of
/// it is held whole, see the module). One sheet per step: the committees
/// (`committees_sheet`), the priority list (`priority_sheet`), the
/// equipment-gap matrix (`gaps_sheet`), the totals per street
/// (`totals_sheet`), the follow-up sheets (`followup_sheets`); then
/// every sheet's print setup (`print_setup`).
pub fn write_audit_xlsx(a: &Audit, lang: Lang, out: impl Write + Send) -> Result<(), XlsxError> {
    write_with(a, lang, Sheets::Streamed, out)
}

/// How the sheets keep their cells: written row by row through a temporary
/// file (what juwei writes), or held in memory with a shared-string table
/// (rust_xlsxwriter's default, kept to show in a test that both read back
/// alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sheets {
    Streamed,
    #[cfg(test)]
    InMemory,
}

fn write_with(
    a: &Audit,
    lang: Lang,
    sheets: Sheets,
    out: impl Write + Send,
) -> Result<(), XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    committees_sheet(&mut wb, sheets, a, lang, &st)?;
    priority_sheet(&mut wb, sheets, a, lang, &st)?;
    gaps_sheet(&mut wb, sheets, a, lang, &st)?;
    totals_sheet(&mut wb, sheets, a, lang, &st)?;
    followup_sheets(&mut wb, sheets, a, lang, &st)?;
    print_setup(&mut wb, lang)?;
    wb.save_to_writer(out)
}

/// A new sheet named `name`, its cells kept as `sheets` says.
fn add_sheet<'w>(
    wb: &'w mut Workbook,
    sheets: Sheets,
    name: &str,
) -> Result<&'w mut Worksheet, XlsxError> {
    let ws = match sheets {
        Sheets::Streamed => wb.add_worksheet_with_constant_memory()?,
        #[cfg(test)]
        Sheets::InMemory => wb.add_worksheet(),
    };
    ws.set_name(name)?;
    Ok(ws)
}

/// Sheet 1, 居委会: a row per committee (street, name, code, estate, area,
/// priority, shortfall, findings by severity, missing zones and equipment,
/// codes, file, notes), an unreadable plan with its error; filterable.
fn committees_sheet(
    wb: &mut Workbook,
    sheets: Sheets,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let ws = add_sheet(wb, sheets, l("居委会", "Committees"))?;
    let table = super::audit_tables::committees();
    headers(ws, &table.xlsx_head(lang), st)?;
    for (i, r) in a.each_row().enumerate() {
        let cells = super::audit_tables::committee_cells(a, &r, lang, super::table::Media::XLSX);
        table.xlsx_row(ws, i as u32 + 1, &cells, &st.table(), false)?;
    }
    table.xlsx_widths(ws)?;
    ws.autofilter(0, 0, a.len() as u32, table.xlsx_len() - 1)?;
    Ok(())
}

/// Sheet 2, 优先改善: the priority list in its order, with each committee's
/// upgrade class and shortfall (the shared table of
/// [`super::audit_tables::priority`]).
fn priority_sheet(
    wb: &mut Workbook,
    sheets: Sheets,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, sheets, lang.pick("优先改善", "Priority"))?;
    let table = super::audit_tables::priority();
    headers(ws, &table.xlsx_head(lang), st)?;
    for (i, r) in a.rows_of(a.priority_order()).enumerate() {
        let Some(c) = r.checked() else { continue };
        let cells = super::audit_tables::priority_cells(i + 1, c, lang);
        table.xlsx_row(ws, i as u32 + 1, &cells, &st.table(), false)?;
    }
    table.xlsx_widths(ws)?;
    Ok(())
}

/// Sheet 3, 设施缺口: the equipment-gap matrix, a row per committee and a
/// column per item, and how many committees lack each (the shared table of
/// [`super::audit_tables::gaps`]).
fn gaps_sheet(
    wb: &mut Workbook,
    sheets: Sheets,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = add_sheet(wb, sheets, lang.pick("设施缺口", "Equipment gaps"))?;
    let table = super::audit_tables::gaps(a);
    table.xlsx_head_row(ws, 0, lang, &st.head, &st.vertical)?;
    ws.set_row_height(0, 90)?;
    ws.set_freeze_panes(1, 3)?;
    table.xlsx_widths(ws)?;
    let mut row = 1u32;
    for r in a.each_row() {
        let Some(c) = r.checked() else { continue };
        let cells = super::audit_tables::gaps_cells(c, lang);
        table.xlsx_row(ws, row, &cells, &st.table(), false)?;
        row += 1;
    }
    let total = super::audit_tables::gaps_total(a, lang);
    table.xlsx_row(ws, row, &total, &st.table(), true)?;
    Ok(())
}

/// Sheet 4, 街道合计: the totals per street, and for all.
fn totals_sheet(
    wb: &mut Workbook,
    sheets: Sheets,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let ws = add_sheet(wb, sheets, l("街道合计", "Totals"))?;
    let table = super::audit_tables::totals();
    headers(ws, &table.xlsx_head(lang), st)?;
    for (i, (cells, total)) in super::audit_tables::totals_rows(a, lang).iter().enumerate() {
        table.xlsx_row(ws, i as u32 + 1, cells, &st.table(), *total)?;
    }
    table.xlsx_widths(ws)?;
    Ok(())
}

/// Every sheet prints: A4 landscape, fit to the page width, the header row
/// on every page, page numbers in the footer.
fn print_setup(wb: &mut Workbook, lang: Lang) -> Result<(), XlsxError> {
    for ws in wb.worksheets_mut() {
        ws.set_landscape();
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(0, 0)?;
        ws.set_footer(lang.pick("&C第 &P 页,共 &N 页", "&CPage &P of &N"));
        ws.set_print_gridlines(true);
    }
    Ok(())
}

/// The follow-up sheets (`followup.md`): 整改清单 — one row per finding
/// with its status and cost — the costs when the profile has prices, and,
/// with `--previous`, 同比; on the shared tables of
/// [`super::audit_tables`].
fn followup_sheets(
    wb: &mut Workbook,
    sheets: Sheets,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let f = st.table();
    {
        let ws = add_sheet(wb, sheets, l("整改清单", "Findings"))?;
        let table = audit_tables::findings();
        headers(ws, &table.xlsx_head(lang), st)?;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            for finding in &c.report.findings {
                let cells = audit_tables::finding_cells(&r, c, finding, lang);
                table.xlsx_row(ws, row, &cells, &f, false)?;
                row += 1;
            }
        }
        table.xlsx_widths(ws)?;
        ws.autofilter(0, 0, row.saturating_sub(1).max(1), table.xlsx_len() - 1)?;
    }
    if let Some(prices) = &a.prices {
        let ws = add_sheet(wb, sheets, l("整改费用", "Costs"))?;
        let table = audit_tables::costs();
        headers(ws, &table.xlsx_head(lang), st)?;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            table.xlsx_row(ws, row, &audit_tables::cost_cells(&r, c, lang), &f, false)?;
            row += 1;
        }
        for cells in audit_tables::cost_totals(a, lang) {
            table.xlsx_row(ws, row, &cells, &f, true)?;
            row += 1;
        }
        ws.write_text(row + 1, 0, prices.note(lang))?;
        table.xlsx_widths(ws)?;
    }
    if let Some(cmp) = &a.followup {
        let ws = add_sheet(wb, sheets, l("同比", "Year on year"))?;
        let table = audit_tables::trend();
        headers(ws, &table.xlsx_head(lang), st)?;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            let Some(n) = cmp.by_committee.get(&c.committee().code) else {
                continue;
            };
            table.xlsx_row(
                ws,
                row,
                &audit_tables::trend_cells(&r, c, n, lang),
                &f,
                false,
            )?;
            row += 1;
        }
        for (s, n) in cmp.by_street(a) {
            let cells = audit_tables::trend_street_cells(&s, &n, lang);
            table.xlsx_row(ws, row, &cells, &f, true)?;
            row += 1;
        }
        row += 1;
        let then_now = audit_tables::then_now();
        then_now.xlsx_head_row(ws, row, lang, &st.head, &st.vertical)?;
        row += 1;
        for cells in audit_tables::then_now_rows(a, cmp, lang) {
            then_now.xlsx_row(ws, row, &cells, &f, false)?;
            row += 1;
        }
        row += 1;
        for cells in audit_tables::added_gone_rows(cmp, lang) {
            table.xlsx_row(ws, row, &cells, &f, false)?;
            row += 1;
        }
        table.xlsx_widths(ws)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use calamine::Reader;

    use super::*;
    use crate::audit::{self, AuditOptions};
    use crate::rules::Profile;
    use crate::sample::{write_sample, SampleOptions};

    fn folder(dir: &std::path::Path, committees: usize, seed: u64) {
        let opts = SampleOptions {
            committees,
            seed,
            broken: 2,
            previous_share: 0.0,
        };
        write_sample(dir, &opts).unwrap();
    }

    /// An audit with every sheet: broken files, costs (the default profile
    /// prices the equipment) and a comparison with an earlier folder.
    fn audit_with_every_sheet() -> (tempfile::TempDir, Audit) {
        let dir = tempfile::tempdir().unwrap();
        let (old, now) = (dir.path().join("old"), dir.path().join("now"));
        folder(&old, 30, 3);
        folder(&now, 34, 4);
        let opts = AuditOptions {
            progress: false,
            today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1),
        };
        let profile = Profile::default();
        let previous = audit::run_streamed(&old, &profile, opts).unwrap();
        let mut a = audit::run_streamed(&now, &profile, opts).unwrap();
        a.followup = Some(crate::followup::compare::compare(&previous, &a));
        (dir, a)
    }

    fn workbook(a: &Audit, lang: Lang, sheets: Sheets) -> Vec<u8> {
        let mut out = Vec::new();
        write_with(a, lang, sheets, &mut out).unwrap();
        out
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// Every opening tag named `tag` (`<row `, `<c `), attributes as
    /// written.
    fn tags<'t>(xml: &'t str, tag: &str) -> Vec<&'t str> {
        xml.match_indices(tag)
            .map(|(i, _)| &xml[i..i + xml[i..].find('>').unwrap()])
            .collect()
    }

    /// A cell's tag without its type (`t="s"` or `t="inlineStr"`, the only
    /// difference the mode makes).
    fn cell_tag(tag: &str) -> String {
        tag.replace(" t=\"s\"", "").replace(" t=\"inlineStr\"", "")
    }

    /// The workbook written row by row reads back as the one held in
    /// memory: the same sheets and cell values (texts stay texts, numbers
    /// numbers), the same formats cell by cell, row heights, column
    /// widths, frozen panes, filters and print setup; only the way texts
    /// are stored differs (in the cell, not in a shared table).
    #[test]
    fn the_streamed_workbook_reads_back_as_the_one_in_memory() {
        let (_d, a) = audit_with_every_sheet();
        for lang in [Lang::Zh, Lang::En] {
            let streamed = workbook(&a, lang, Sheets::Streamed);
            let memory = workbook(&a, lang, Sheets::InMemory);
            let mut s = calamine::Xlsx::new(std::io::Cursor::new(&streamed)).unwrap();
            let mut m = calamine::Xlsx::new(std::io::Cursor::new(&memory)).unwrap();
            let names = m.sheet_names();
            assert_eq!(names.len(), 7, "{names:?}");
            assert_eq!(s.sheet_names(), names);
            for (i, name) in names.iter().enumerate() {
                let (sr, mr) = (
                    s.worksheet_range(name).unwrap(),
                    m.worksheet_range(name).unwrap(),
                );
                assert!(mr.height() > 1, "{name}");
                assert_eq!(sr.get_size(), mr.get_size(), "{name}");
                for ((row, col, v), w) in mr.cells().zip(sr.cells()) {
                    assert_eq!((row, col, v), (w.0, w.1, w.2), "{name}");
                }
                assert!(s.worksheet_formula(name).unwrap().is_empty());
                let xml = format!("xl/worksheets/sheet{}.xml", i + 1);
                let (sx, mx) = (part(&streamed, &xml), part(&memory, &xml));
                assert!(sx.contains("t=\"inlineStr\"") && !sx.contains("t=\"s\""));
                let (s_data, m_data) = (
                    sx.find("<sheetData").unwrap(),
                    mx.find("<sheetData").unwrap(),
                );
                assert!(mx[..m_data].contains("<pane ") && mx[..m_data].contains("<col "));
                assert_eq!(sx[..s_data], mx[..m_data], "{name}: panes, widths");
                let (s_end, m_end) = (
                    sx.find("</sheetData>").unwrap(),
                    mx.find("</sheetData>").unwrap(),
                );
                assert!(mx[m_end..].contains("<pageSetup "));
                assert_eq!(sx[s_end..], mx[m_end..], "{name}: filter, print setup");
                // `spans` (the columns used by each block of 16 rows) is
                // an optional hint a sheet written row by row cannot know
                let rows = |x: &str| {
                    tags(x, "<row ")
                        .into_iter()
                        .map(|t| match t.find(" spans=") {
                            Some(i) => {
                                let end = i + 8 + t[i + 8..].find('"').unwrap() + 1;
                                format!("{}{}", &t[..i], &t[end..])
                            }
                            None => t.to_string(),
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(rows(&sx), rows(&mx), "{name}: heights");
                let cells = |x: &str| tags(x, "<c ").into_iter().map(cell_tag).collect::<Vec<_>>();
                assert_eq!(cells(&sx), cells(&mx), "{name}: formats");
            }
            let styles = "xl/styles.xml";
            assert_eq!(part(&streamed, styles), part(&memory, styles));
        }
    }
}
