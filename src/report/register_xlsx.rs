//! Printable workbooks of the register: the fixed-asset card list
//! (固定资产台账), the stocktake result (盘点结果) and the handover list
//! (移交清单, [`super::handover_xlsx`]). One layout for all: a title, a line of
//! facts, a header row repeated on every printed page, the rows, a total,
//! and signature lines; A4, fitted to the page width, page numbers below.
//!
//! Money is kept in fen everywhere and written to a cell as yuan (a number
//! with the format `#,##0.00`, so Excel can add it up); totals are summed in
//! fen before conversion.

use super::xlsx_text::{fit_cell, TextCells};
use std::collections::HashMap;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::model::Lang;
use crate::register::stocktake::Reconciliation;
use crate::register::{AssetState, State, Status};

/// Committee and room names from the plan beside the register, when there
/// is one; ids otherwise.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// `示例居委会` (or empty: the code is shown).
    pub committee: String,
    /// Room id → room name.
    pub rooms: HashMap<String, String>,
}

impl Names {
    /// `R1 办公室`, or the id alone.
    pub fn room(&self, id: &str) -> String {
        match self.rooms.get(id) {
            Some(n) => format!("{id} {n}"),
            None => id.to_string(),
        }
    }

    pub fn opt_room(&self, id: Option<&str>) -> String {
        id.map(|r| self.room(r)).unwrap_or_default()
    }

    /// `示例居委会 (JA-SM2-007)`, or the code alone.
    pub fn committee(&self, code: &str) -> String {
        if self.committee.is_empty() {
            code.to_string()
        } else {
            format!("{} ({code})", self.committee)
        }
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Money in fen, shown as yuan with two decimals.
    Fen(i64),
    /// A date, written as a real date cell (`yyyy-mm-dd`) so Excel can sort
    /// and filter by it.
    Date(chrono::NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

/// A row: cells, or a group heading spanning the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Cells(Vec<Cell>),
    Group(String),
}

/// A printable table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet_name: String,
    pub title: String,
    pub facts: String,
    /// Header text and column width (characters).
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Row>,
    pub total: Option<Vec<Cell>>,
    /// Signature captions, e.g. `移交人`; a name after a colon is prefilled.
    pub signatures: Vec<String>,
    pub landscape: bool,
}

const FONT: &str = "宋体";

fn fmt() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10)
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    base: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => ws.write_text_with_format(row, col, s, base)?,
        Cell::Int(n) => ws.write_number_with_format(
            row,
            col,
            *n as f64,
            &base.clone().set_align(FormatAlign::Right),
        )?,
        Cell::Fen(f) => ws.write_number_with_format(
            row,
            col,
            *f as f64 / 100.0,
            &base
                .clone()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Right),
        )?,
        Cell::Date(d) => {
            let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                u16::try_from(chrono::Datelike::year(d)).unwrap_or(1900),
                chrono::Datelike::month(d) as u8,
                chrono::Datelike::day(d) as u8,
            )?;
            ws.write_datetime_with_format(
                row,
                col,
                &dt,
                &base
                    .clone()
                    .set_num_format("yyyy-mm-dd")
                    .set_align(FormatAlign::Center),
            )?
        }
        Cell::Empty => ws.write_blank(row, col, base)?,
    };
    Ok(())
}

/// Write the table on a new worksheet of `wb`.
pub fn write_table(wb: &mut Workbook, t: &Table) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(&t.sheet_name)?;
    ws.set_paper_size(9); // A4
    if t.landscape {
        ws.set_landscape();
    }
    ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页,共 &N 页");
    let last_col = t.columns.len().saturating_sub(1) as u16;
    let title = fmt()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let facts = fmt().set_align(FormatAlign::Center);
    let header = fmt()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color("#E7E6E6");
    let body = fmt()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let group = fmt()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#F2F2F2");
    let total = fmt().set_bold().set_border(FormatBorder::Thin);

    ws.merge_range(0, 0, 0, last_col, &fit_cell(&t.title), &title)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(1, 0, 1, last_col, &fit_cell(&t.facts), &facts)?;
    for (c, (name, width)) in t.columns.iter().enumerate() {
        ws.write_text_with_format(2, c as u16, name, &header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_row_height(2, 30)?;
    ws.set_repeat_rows(2, 2)?;
    ws.set_freeze_panes(3, 0)?;
    let mut r = 3u32;
    for row in &t.rows {
        match row {
            Row::Cells(cells) => {
                for (c, cell) in cells.iter().enumerate() {
                    write_cell(ws, r, c as u16, cell, &body)?;
                }
            }
            Row::Group(text) => {
                ws.merge_range(r, 0, r, last_col, &fit_cell(text), &group)?;
            }
        }
        r += 1;
    }
    if let Some(cells) = &t.total {
        for (c, cell) in cells.iter().enumerate() {
            write_cell(ws, r, c as u16, cell, &total)?;
        }
        r += 1;
    }
    r += 2;
    // signature lines, two to a row across the table
    let half = (t.columns.len() / 2).max(1) as u16;
    for pair in t.signatures.chunks(2) {
        for (k, caption) in pair.iter().enumerate() {
            let (first, last) = if k == 0 {
                (0, half - 1)
            } else {
                (half, last_col)
            };
            let text = if caption.contains('：') || caption.contains(':') {
                format!("{caption}    签字:________________")
            } else {
                format!("{caption}:________________")
            };
            if first == last {
                ws.write_text_with_format(r, first, &text, &fmt())?;
            } else {
                ws.merge_range(r, first, r, last, &fit_cell(&text), &fmt())?;
            }
        }
        ws.set_row_height(r, 30)?;
        r += 1;
    }
    Ok(())
}

/// A workbook of the given tables, as bytes.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    for t in tables {
        write_table(&mut wb, t)?;
    }
    wb.save_to_buffer()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, text)
}

/// What a gone card's status cell says: `已报损 2025-11-20 主板损坏`.
fn status_note(a: &AssetState, lang: Lang) -> String {
    match &a.status {
        Status::InUse => String::new(),
        Status::TransferredOut { date, to } => {
            format!("{date} {}{to}", lang.pick("调出至 ", "to "))
        }
        Status::WrittenOff { date, reason } => format!("{date} {reason}"),
    }
}

/// The fixed-asset card list (固定资产台账) of the cards in `cards`.
pub fn card_list_table(
    committee_code: &str,
    names: &Names,
    state: &State,
    cards: &[&AssetState],
    lang: Lang,
) -> Table {
    let zh = lang == Lang::Zh;
    let cols: &[(&str, &str, f64)] = &[
        ("序号", "No.", 5.0),
        ("资产编号", "Asset id", 12.0),
        ("资产名称", "Name", 18.0),
        ("分类代码", "Category", 11.0),
        ("设备类别", "Class", 8.0),
        ("取得方式", "Source", 8.0),
        ("取得日期", "Acquired", 11.0),
        ("数量", "Count", 6.0),
        ("单价(元)", "Unit value (yuan)", 11.0),
        ("金额(元)", "Value (yuan)", 12.0),
        ("保管人", "Custodian", 9.0),
        ("存放地点", "Location", 14.0),
        ("状态", "Status", 8.0),
        ("备注", "Note", 26.0),
    ];
    let rows = cards
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Row::Cells(vec![
                Cell::Int(i as i64 + 1),
                text(&a.id),
                text(&a.name),
                opt(a.category.as_deref()),
                text(match (a.special, zh) {
                    (true, true) => "专用设备",
                    (false, true) => "通用设备",
                    (true, false) => "special",
                    (false, false) => "general",
                }),
                text(a.source.name(lang)),
                Cell::Date(a.acquired),
                Cell::Int(i64::from(a.count)),
                Cell::Fen(a.unit_value_fen),
                Cell::Fen(a.value_fen()),
                opt(a.custodian.as_deref()),
                text(&names.opt_room(a.location.as_deref())),
                text(a.status.name(lang)),
                text(&status_note(a, lang)),
            ])
        })
        .collect();
    let items: i64 = cards.iter().map(|a| i64::from(a.count)).sum();
    let value = crate::register::replay::sum_fen(cards.iter().map(|a| a.value_fen()));
    let mut total = vec![Cell::Empty; cols.len()];
    total[1] = text(lang.pick("合计", "Total"));
    total[2] = Cell::Text(if zh {
        format!("{} 项", cards.len())
    } else {
        format!("{} cards", cards.len())
    });
    total[7] = Cell::Int(items);
    total[9] = Cell::Fen(value);
    Table {
        sheet_name: lang.pick("固定资产台账", "Fixed assets").to_string(),
        title: if zh {
            format!("{} 固定资产台账", names.committee(committee_code))
        } else {
            format!("{} — fixed-asset register", names.committee(committee_code))
        },
        facts: if zh {
            format!(
                "截至 {} · 共 {} 项 {} 件 · 金额合计 {} 元",
                state.date,
                cards.len(),
                items,
                crate::register::yuan_grouped(value)
            )
        } else {
            format!(
                "As of {} · {} cards, {} items · total {} yuan",
                state.date,
                cards.len(),
                items,
                crate::register::yuan_grouped(value)
            )
        },
        columns: cols
            .iter()
            .map(|(z, e, w)| (lang.pick(z, e).to_string(), *w))
            .collect(),
        rows,
        total: Some(total),
        signatures: if zh {
            vec!["制表人".into(), "资产管理负责人".into(), "日期".into()]
        } else {
            vec!["Prepared by".into(), "Asset officer".into(), "Date".into()]
        },
        landscape: true,
    }
}

/// The stocktake result (盘点结果): differences first, then what matched.
pub fn stocktake_table(
    committee_code: &str,
    names: &Names,
    state: &State,
    rec: &Reconciliation,
    lang: Lang,
) -> Table {
    let zh = lang == Lang::Zh;
    let cols: &[(&str, &str, f64)] = &[
        ("序号", "No.", 5.0),
        ("结果", "Outcome", 9.0),
        ("资产编号", "Asset id", 12.0),
        ("资产名称", "Name", 18.0),
        ("账面数量", "Books", 8.0),
        ("实盘数量", "Counted", 8.0),
        ("账面地点", "Books' room", 14.0),
        ("实盘地点", "Found in", 14.0),
        ("盘点表行", "Sheet line", 8.0),
        ("说明", "Note", 22.0),
    ];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let card = |id: &str| state.get(id);
    for d in &rec.duplicates {
        let a = card(&d.asset);
        let lines: Vec<String> = d.lines.iter().map(|l| l.to_string()).collect();
        rows.push(vec![
            text(lang.pick("重复", "listed twice")),
            text(&d.asset),
            opt(a.map(|a| a.name.as_str())),
            a.map_or(Cell::Empty, |a| Cell::Int(i64::from(a.count))),
            Cell::Int(i64::from(d.counted)),
            text(&names.opt_room(a.and_then(|a| a.location.as_deref()))),
            Cell::Empty,
            text(&lines.join(", ")),
            text(lang.pick(
                "同一资产列了多行,已合计核对",
                "the same asset on several rows, added up",
            )),
        ]);
    }
    for s in &rec.shortage {
        rows.push(vec![
            text(lang.pick("盘亏", "shortage")),
            text(&s.asset),
            text(&s.name),
            Cell::Int(i64::from(s.books)),
            Cell::Int(i64::from(s.counted)),
            text(&names.opt_room(s.location.as_deref())),
            Cell::Empty,
            Cell::Empty,
            text(lang.pick("报损、调出或更正", "write off, transfer out or recount")),
        ]);
    }
    for s in &rec.surplus {
        let books = s.asset.as_deref().and_then(card).map_or(Cell::Empty, |a| {
            Cell::Int(if a.status.is_in_use() {
                i64::from(a.count)
            } else {
                0
            })
        });
        rows.push(vec![
            text(lang.pick("盘盈", "surplus")),
            opt(s.asset.as_deref()),
            opt(s.name.as_deref()),
            books,
            Cell::Int(i64::from(s.counted)),
            Cell::Empty,
            text(&names.opt_room(s.location.as_deref())),
            Cell::Int(s.line as i64),
            text(lang.pick(s.reason.name_zh(), s.reason.name_en())),
        ]);
    }
    for m in &rec.moved {
        rows.push(vec![
            text(lang.pick("位置不符", "moved")),
            text(&m.asset),
            text(&m.name),
            Cell::Empty,
            Cell::Int(i64::from(m.counted)),
            text(&names.opt_room(m.books.as_deref())),
            text(&names.room(&m.found)),
            Cell::Int(m.line as i64),
            text(lang.pick("记录变更存放地点", "record the move")),
        ]);
    }
    for id in &rec.matched {
        let a = card(id);
        rows.push(vec![
            text(lang.pick("相符", "match")),
            text(id),
            opt(a.map(|a| a.name.as_str())),
            a.map_or(Cell::Empty, |a| Cell::Int(i64::from(a.count))),
            a.map_or(Cell::Empty, |a| Cell::Int(i64::from(a.count))),
            text(&names.opt_room(a.and_then(|a| a.location.as_deref()))),
            text(&names.opt_room(a.and_then(|a| a.location.as_deref()))),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut r)| {
            r.insert(0, Cell::Int(i as i64 + 1));
            Row::Cells(r)
        })
        .collect();
    let verdict = if rec.books_match() {
        lang.pick("账物相符", "books match")
    } else {
        lang.pick("账物不符", "books do not match")
    };
    Table {
        sheet_name: lang.pick("盘点结果", "Stocktake").to_string(),
        title: if zh {
            format!("{} 固定资产盘点结果", names.committee(committee_code))
        } else {
            format!("{} — stocktake result", names.committee(committee_code))
        },
        facts: if zh {
            format!(
                "盘点日期 {} · {verdict} · 相符 {} · 盘亏 {} · 盘盈 {} · 位置不符 {} · 重复 {}",
                rec.date,
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.duplicates.len()
            )
        } else {
            format!(
                "Counted on {} · {verdict} · match {} · shortage {} · surplus {} · moved {} · listed twice {}",
                rec.date,
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.duplicates.len()
            )
        },
        columns: cols
            .iter()
            .map(|(z, e, w)| (lang.pick(z, e).to_string(), *w))
            .collect(),
        rows,
        total: None,
        signatures: if zh {
            vec![
                "盘点人".into(),
                "监盘人".into(),
                "复核人".into(),
                "日期".into(),
            ]
        } else {
            vec![
                "Counted by".into(),
                "Witness".into(),
                "Checked by".into(),
                "Date".into(),
            ]
        },
        landscape: true,
    }
}
