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

/// The workbook's bytes. One sheet per step: the committees
/// (`committees_sheet`), the priority list (`priority_sheet`), the
/// equipment-gap matrix (`gaps_sheet`), the totals per street
/// (`totals_sheet`), the follow-up sheets (`followup_sheets`); then
/// every sheet's print setup (`print_setup`).
pub fn audit_xlsx(a: &Audit, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    committees_sheet(&mut wb, a, lang, &st)?;
    priority_sheet(&mut wb, a, lang, &st)?;
    gaps_sheet(&mut wb, a, lang, &st)?;
    totals_sheet(&mut wb, a, lang, &st)?;
    followup_sheets(&mut wb, a, lang, &st)?;
    print_setup(&mut wb, lang)?;
    wb.save_to_buffer()
}

/// Sheet 1, 居委会: a row per committee (street, name, code, estate, area,
/// priority, shortfall, findings by severity, missing zones and equipment,
/// codes, file, notes), an unreadable plan with its error; filterable.
fn committees_sheet(
    wb: &mut Workbook,
    a: &Audit,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let ws = wb.add_worksheet();
    ws.set_name(l("居委会", "Committees"))?;
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
fn priority_sheet(wb: &mut Workbook, a: &Audit, lang: Lang, st: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("优先改善", "Priority"))?;
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
fn gaps_sheet(wb: &mut Workbook, a: &Audit, lang: Lang, st: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("设施缺口", "Equipment gaps"))?;
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
fn totals_sheet(wb: &mut Workbook, a: &Audit, lang: Lang, st: &Styles) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let ws = wb.add_worksheet();
    ws.set_name(l("街道合计", "Totals"))?;
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
fn followup_sheets(wb: &mut Workbook, a: &Audit, lang: Lang, st: &Styles) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let f = st.table();
    {
        let ws = wb.add_worksheet();
        ws.set_name(l("整改清单", "Findings"))?;
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
        let ws = wb.add_worksheet();
        ws.set_name(l("整改费用", "Costs"))?;
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
        let ws = wb.add_worksheet();
        ws.set_name(l("同比", "Year on year"))?;
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
