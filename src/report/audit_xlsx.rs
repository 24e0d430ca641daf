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

use crate::audit::{street_name, Audit};
use crate::model::Lang;
use crate::rules::Severity;

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
}

impl Styles {
    /// The formats of the shared tables ([`super::table`]).
    fn table(&self) -> super::table::XlsxFormats<'_> {
        super::table::XlsxFormats {
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
        let cells = super::audit_tables::committee_cells(a, &r, lang);
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
    table.xlsx_head_row(ws, lang, &st.head, &st.vertical)?;
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
/// with its status and cost — and, with `--previous`, 同比.
fn followup_sheets(wb: &mut Workbook, a: &Audit, lang: Lang, st: &Styles) -> Result<(), XlsxError> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let date_fmt = Format::new()
        .set_font_name("Microsoft YaHei")
        .set_font_size(10)
        .set_num_format("yyyy-mm-dd");
    let money = Format::new()
        .set_font_name("Microsoft YaHei")
        .set_font_size(10)
        .set_num_format("#,##0.00");
    let wrap = Format::new()
        .set_font_name("Microsoft YaHei")
        .set_font_size(10)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let date = |d: chrono::NaiveDate| {
        use chrono::Datelike;
        rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
    };
    {
        let ws = wb.add_worksheet();
        ws.set_name(l("整改清单", "Findings"))?;
        let heads = [
            l("街道", "Street"),
            l("居委会", "Committee"),
            l("编号", "Code"),
            l("问题代码", "Rule"),
            l("程度", "Severity"),
            l("状态", "Status"),
            l("问题", "Finding"),
            l("房间", "Rooms"),
            l("物品", "Items"),
            l("资产", "Assets"),
            l("处理人", "By"),
            l("日期", "Date"),
            l("预计完成", "Due"),
            l("理由", "Reason"),
        ];
        headers(ws, &heads, st)?;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            let cm = c.committee();
            for f in &c.report.findings {
                ws.write_text(row, 0, street_name(&r.street, lang))?;
                ws.write_text(row, 1, &cm.name)?;
                ws.write_text(row, 2, &cm.code)?;
                ws.write_text(row, 3, &f.code)?;
                ws.write_text(row, 4, f.severity.name(lang))?;
                let status = f
                    .status
                    .as_ref()
                    .map_or(l("未整改", "open"), |m| m.status.name(lang));
                ws.write_text(row, 5, status)?;
                ws.write_text_with_format(row, 6, f.message(lang), &wrap)?;
                ws.write_text(row, 7, f.rooms.join(", "))?;
                let items: Vec<&str> = f
                    .items
                    .iter()
                    .map(|i| {
                        crate::model::ItemKind::ALL
                            .iter()
                            .find(|k| k.ident() == i)
                            .map_or(i.as_str(), |k| k.name(lang))
                    })
                    .collect();
                ws.write_text(row, 8, items.join(lang.pick("、", ", ")))?;
                ws.write_text(row, 9, f.assets.join(", "))?;
                if let Some(m) = &f.status {
                    if let Some(b) = &m.by {
                        ws.write_text(row, 10, b)?;
                    }
                    if let Some(d) = m.date {
                        ws.write_datetime_with_format(row, 11, date(d)?, &date_fmt)?;
                    }
                    if let Some(d) = m.due {
                        ws.write_datetime_with_format(row, 12, date(d)?, &date_fmt)?;
                    }
                    if let Some(x) = &m.reason {
                        ws.write_text_with_format(row, 13, x, &wrap)?;
                    }
                }
                row += 1;
            }
        }
        for (i, w) in [
            12.0, 16.0, 12.0, 9.0, 8.0, 9.0, 48.0, 10.0, 14.0, 10.0, 16.0, 11.0, 11.0, 28.0,
        ]
        .iter()
        .enumerate()
        {
            ws.set_column_width(i as u16, *w)?;
        }
        ws.autofilter(0, 0, row.saturating_sub(1).max(1), 13)?;
    }
    if let Some(prices) = &a.prices {
        let ws = wb.add_worksheet();
        ws.set_name(l("整改费用", "Costs"))?;
        let heads = [
            l("街道", "Street"),
            l("居委会", "Committee"),
            l("编号", "Code"),
            l("设施 元", "Equipment ¥"),
            l("面积 元", "Area ¥"),
            l("合计 元", "Total ¥"),
        ];
        headers(ws, &heads, st)?;
        let yuan = |fen: i64| fen as f64 / 100.0;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            ws.write_text(row, 0, street_name(&r.street, lang))?;
            ws.write_text(row, 1, &c.committee().name)?;
            ws.write_text(row, 2, &c.committee().code)?;
            ws.write_number_with_format(row, 3, yuan(c.cost.equipment_fen), &money)?;
            ws.write_number_with_format(row, 4, yuan(c.cost.area_fen), &money)?;
            ws.write_number_with_format(row, 5, yuan(c.cost.total_fen()), &money)?;
            row += 1;
        }
        for (s, t) in &a.streets {
            ws.write_text_with_format(row, 0, street_name(s, lang), &st.total)?;
            ws.write_text_with_format(row, 1, l("街道合计", "street total"), &st.total)?;
            ws.write_number_with_format(row, 3, yuan(t.cost.equipment_fen), &money)?;
            ws.write_number_with_format(row, 4, yuan(t.cost.area_fen), &money)?;
            ws.write_number_with_format(row, 5, yuan(t.cost.total_fen()), &money)?;
            row += 1;
        }
        ws.write_text_with_format(row, 0, l("全部", "All"), &st.total)?;
        ws.write_number_with_format(row, 3, yuan(a.totals.cost.equipment_fen), &money)?;
        ws.write_number_with_format(row, 4, yuan(a.totals.cost.area_fen), &money)?;
        ws.write_number_with_format(row, 5, yuan(a.totals.cost.total_fen()), &money)?;
        ws.write_text(row + 2, 0, prices.note(lang))?;
        for (i, w) in [14.0, 18.0, 13.0, 14.0, 14.0, 14.0].iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
    }
    if let Some(cmp) = &a.followup {
        let ws = wb.add_worksheet();
        ws.set_name(l("同比", "Year on year"))?;
        let heads = [
            l("街道", "Street"),
            l("居委会", "Committee"),
            l("编号", "Code"),
            l("已整改", "Fixed"),
            l("仍存在", "Open"),
            l("新发现", "New"),
        ];
        headers(ws, &heads, st)?;
        let mut row = 1u32;
        for r in a.each_row() {
            let Some(c) = r.checked() else { continue };
            let Some(n) = cmp.by_committee.get(&c.committee().code) else {
                continue;
            };
            ws.write_text(row, 0, street_name(&r.street, lang))?;
            ws.write_text(row, 1, &c.committee().name)?;
            ws.write_text(row, 2, &c.committee().code)?;
            ws.write_number(row, 3, n.fixed as f64)?;
            ws.write_number(row, 4, n.open as f64)?;
            ws.write_number(row, 5, n.new as f64)?;
            row += 1;
        }
        for (s, n) in cmp.by_street(a) {
            ws.write_text_with_format(row, 0, street_name(&s, lang), &st.total)?;
            ws.write_text_with_format(row, 1, l("街道合计", "street total"), &st.total)?;
            ws.write_number_with_format(row, 3, n.fixed as f64, &st.total)?;
            ws.write_number_with_format(row, 4, n.open as f64, &st.total)?;
            ws.write_number_with_format(row, 5, n.new as f64, &st.total)?;
            row += 1;
        }
        row += 1;
        let then_now = [
            (
                l("居委会数", "committees"),
                cmp.previous_totals.committees,
                a.totals.committees,
            ),
            (
                l("合格", "passing"),
                cmp.previous_totals.passing,
                a.totals.passing,
            ),
            (
                l("重点改善", "priority upgrade"),
                cmp.previous_totals.priority_upgrade,
                a.totals.priority_upgrade,
            ),
            (
                Severity::Violation.name(lang),
                cmp.previous_totals.summary.violation,
                a.totals.summary.violation,
            ),
        ];
        ws.write_text_with_format(row, 0, l("合计", "Totals"), &st.head)?;
        ws.write_text_with_format(row, 1, l("上次", "then"), &st.head)?;
        ws.write_text_with_format(row, 2, l("本次", "now"), &st.head)?;
        row += 1;
        for (k, then, now) in then_now {
            ws.write_text(row, 0, k)?;
            ws.write_number(row, 1, then as f64)?;
            ws.write_number(row, 2, now as f64)?;
            row += 1;
        }
        row += 1;
        for (title, list) in [
            (l("新增居委会", "Committees added"), &cmp.added),
            (l("不再出现的居委会", "Committees gone"), &cmp.gone),
        ] {
            for c in list {
                ws.write_text(row, 0, title)?;
                ws.write_text(row, 1, &c.name)?;
                ws.write_text(row, 2, &c.code)?;
                ws.write_text(row, 3, &c.plan)?;
                row += 1;
            }
        }
        for (i, w) in [16.0, 18.0, 13.0, 10.0, 10.0, 10.0].iter().enumerate() {
            ws.set_column_width(i as u16, *w)?;
        }
    }
    Ok(())
}
