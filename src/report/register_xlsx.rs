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
    /// A header row above `columns` grouping them: (text, how many columns).
    /// A group with empty text holds columns whose header spans both rows.
    /// Empty: one header row.
    pub groups: Vec<(String, usize)>,
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
    for (c, (_, width)) in t.columns.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    let head_rows: u32 = if t.groups.is_empty() { 1 } else { 2 };
    if t.groups.is_empty() {
        for (c, (name, _)) in t.columns.iter().enumerate() {
            ws.write_text_with_format(2, c as u16, name, &header)?;
        }
        ws.set_row_height(2, 30)?;
    } else {
        let mut c = 0usize;
        for (text, span) in &t.groups {
            let cols = c..(c + span).min(t.columns.len());
            if text.is_empty() {
                for k in cols {
                    ws.merge_range(2, k as u16, 3, k as u16, &t.columns[k].0, &header)?;
                }
            } else {
                if cols.len() > 1 {
                    ws.merge_range(2, c as u16, 2, (cols.end - 1) as u16, text, &header)?;
                } else {
                    ws.write_text_with_format(2, c as u16, text, &header)?;
                }
                for k in cols {
                    ws.write_text_with_format(3, k as u16, &t.columns[k].0, &header)?;
                }
            }
            c += span;
        }
        ws.set_row_height(2, 20)?;
        ws.set_row_height(3, 30)?;
    }
    ws.set_repeat_rows(2, 1 + head_rows)?;
    ws.set_freeze_panes(2 + head_rows, 0)?;
    let mut r = 2 + head_rows;
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
        groups: Vec::new(),
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

/// The stocktake result (盘点结果): differences first, then what was left
/// uncounted, then what matched; with the money of each row as the text
/// shows it: the unit value, the books' value (原值) of the card, 盘亏金额
/// and 盘盈金额, their totals below (a thing the books never had has no
/// value until it is put on them: 未计价).
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
        ("资产名称", "Name", 16.0),
        ("账面数量", "Books", 7.0),
        ("实盘数量", "Counted", 7.0),
        ("单价(元)", "Unit (yuan)", 11.0),
        ("账面金额(元)", "Books' value (yuan)", 12.0),
        ("盘亏金额(元)", "Shortage (yuan)", 12.0),
        ("盘盈金额(元)", "Surplus (yuan)", 12.0),
        ("账面地点", "Books' room", 13.0),
        ("实盘地点", "Found in", 13.0),
        ("盘点表行", "Sheet line", 7.0),
        ("说明", "Note", 26.0),
    ];
    let card = |id: &str| state.get(id);
    let int = |n: u32| Cell::Int(i64::from(n));
    let unit = |a: Option<&AssetState>| a.map_or(Cell::Empty, |a| Cell::Fen(a.unit_value_fen));
    let books_value = |a: Option<&AssetState>| a.map_or(Cell::Empty, |a| Cell::Fen(a.value_fen()));
    // one row: outcome, id, name, books, counted, unit, books' value,
    // shortage, surplus, books' room, found in, line, note
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for d in &rec.duplicates {
        let a = card(&d.asset).filter(|a| a.status.is_in_use());
        let lines: Vec<String> = d.lines.iter().map(|l| l.to_string()).collect();
        rows.push(vec![
            text(lang.pick("重复", "listed twice")),
            text(&d.asset),
            opt(card(&d.asset).map(|a| a.name.as_str())),
            a.map_or(Cell::Empty, |a| int(a.count)),
            int(d.counted),
            unit(a),
            books_value(a),
            Cell::Empty,
            Cell::Empty,
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
        let a = card(&s.asset);
        // a pair is shown once: on the shortage's row, with the question
        let (outcome, note) = match rec.paired_shortage(&s.asset) {
            Some(p) => (
                lang.pick("疑似同一", "probably the same"),
                lang.pick(&p.message, &p.message_en).to_string(),
            ),
            None => (
                lang.pick("盘亏", "shortage"),
                lang.pick("报损、调出或更正", "write off, transfer out or recount")
                    .to_string(),
            ),
        };
        rows.push(vec![
            text(outcome),
            text(&s.asset),
            text(&s.name),
            int(s.books),
            int(s.counted),
            unit(a),
            books_value(a),
            Cell::Fen(s.value_fen),
            Cell::Empty,
            text(&names.opt_room(s.location.as_deref())),
            Cell::Empty,
            Cell::Empty,
            text(&note),
        ]);
    }
    for s in &rec.surplus {
        let a = s.asset.as_deref().and_then(card);
        let in_use = a.filter(|a| a.status.is_in_use());
        let books = a.map_or(Cell::Empty, |a| {
            Cell::Int(if a.status.is_in_use() {
                i64::from(a.count)
            } else {
                0
            })
        });
        if rec.paired_surplus(s.line).is_some() {
            // on its shortage's row (a pair's surplus is a thing the books
            // never had: no value to leave out of the total)
            continue;
        }
        let note = lang
            .pick(s.reason.name_zh(), s.reason.name_en())
            .to_string();
        rows.push(vec![
            text(lang.pick("盘盈", "surplus")),
            opt(s.asset.as_deref()),
            opt(s.name.as_deref()),
            books,
            int(s.counted),
            unit(a),
            books_value(in_use),
            Cell::Empty,
            s.value_fen
                .map_or_else(|| text(lang.pick("未计价", "no value yet")), Cell::Fen),
            Cell::Empty,
            text(&names.opt_room(s.location.as_deref())),
            Cell::Int(s.line as i64),
            text(&note),
        ]);
    }
    for m in &rec.moved {
        let a = card(&m.asset);
        rows.push(vec![
            text(lang.pick("位置不符", "moved")),
            text(&m.asset),
            text(&m.name),
            Cell::Empty,
            int(m.counted),
            unit(a),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            text(&names.opt_room(m.books.as_deref())),
            text(&names.room(&m.found)),
            Cell::Int(m.line as i64),
            text(lang.pick("记录变更存放地点", "record the move")),
        ]);
    }
    for n in &rec.not_counted {
        let a = n
            .asset
            .as_deref()
            .and_then(card)
            .filter(|a| a.status.is_in_use());
        rows.push(vec![
            text(lang.pick("未盘点", "not counted")),
            opt(n.asset.as_deref()),
            opt(n.name.as_deref()),
            a.map_or(Cell::Empty, |a| int(a.count)),
            Cell::Empty,
            unit(a),
            books_value(a),
            Cell::Empty,
            Cell::Empty,
            text(&names.opt_room(a.and_then(|a| a.location.as_deref()))),
            text(&names.opt_room(n.location.as_deref())),
            Cell::Int(n.line as i64),
            Cell::Text(if zh {
                format!("实盘数量空白 ({}),补盘后再核对", n.cell)
            } else {
                format!(
                    "count left blank ({}): count it and reconcile again",
                    n.cell
                )
            }),
        ]);
    }
    for id in &rec.matched {
        let a = card(id);
        rows.push(vec![
            text(lang.pick("相符", "match")),
            text(id),
            opt(a.map(|a| a.name.as_str())),
            a.map_or(Cell::Empty, |a| int(a.count)),
            a.map_or(Cell::Empty, |a| int(a.count)),
            unit(a),
            books_value(a),
            Cell::Empty,
            Cell::Empty,
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
    let mut total = vec![Cell::Empty; cols.len()];
    total[1] = text(lang.pick("合计", "Total"));
    total[8] = Cell::Fen(rec.shortage_value_fen());
    total[9] = Cell::Fen(rec.surplus_value_fen());
    let unvalued = rec.surplus.iter().any(|s| s.value_fen.is_none());
    if unvalued {
        total[13] = text(lang.pick(
            "盘盈金额不含账外物品 (未计价)",
            "the surplus leaves out things not on the books (no value yet)",
        ));
    }
    let money = if zh {
        format!(
            "盘亏金额 {} 元 · 盘盈金额 {} 元{}",
            crate::register::yuan_grouped(rec.shortage_value_fen()),
            crate::register::yuan_grouped(rec.surplus_value_fen()),
            if unvalued {
                " (账外物品未计价)"
            } else {
                ""
            }
        )
    } else {
        format!(
            "shortage {} yuan · surplus {} yuan{}",
            crate::register::yuan_grouped(rec.shortage_value_fen()),
            crate::register::yuan_grouped(rec.surplus_value_fen()),
            if unvalued {
                " (things not on the books have no value yet)"
            } else {
                ""
            }
        )
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
                "盘点日期 {} · {verdict} · 相符 {} · 盘亏 {} · 盘盈 {} · 位置不符 {} · 未盘点 {} · 疑似同一 {} · 重复 {} · {money}",
                rec.date,
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.not_counted.len(),
                rec.pairs.len(),
                rec.duplicates.len()
            )
        } else {
            format!(
                "Counted on {} · {verdict} · match {} · shortage {} · surplus {} · moved {} · not counted {} · probably the same {} · listed twice {} · {money}",
                rec.date,
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.not_counted.len(),
                rec.pairs.len(),
                rec.duplicates.len()
            )
        },
        columns: cols
            .iter()
            .map(|(z, e, w)| (lang.pick(z, e).to_string(), *w))
            .collect(),
        groups: Vec::new(),
        rows,
        total: Some(total),
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

/// The year's changes statement (固定资产增减变动表) as two sheets: the
/// statement by category (期初, 本年增加 by how, 本年减少 by how, 期末,
/// 核对) and the changes one by one (变动明细).
pub fn changes_tables(
    committee_code: &str,
    names: &Names,
    st: &crate::register::changes::Statement,
    lang: Lang,
) -> Vec<Table> {
    use super::register_text::{change_note, line_category, line_names};
    use crate::register::changes::{Amount, ChangeKind, Line};
    let zh = lang == Lang::Zh;
    let count = lang.pick("数量", "Items");
    let money = lang.pick("金额(元)", "Yuan");
    // column groups: category and cards, opening, each addition, added,
    // each reduction, removed, closing, check
    let mut groups: Vec<(String, usize)> = vec![(String::new(), 2)];
    let mut columns: Vec<(String, f64)> = vec![
        (lang.pick("分类代码", "Category").to_string(), 11.0),
        (lang.pick("资产", "Cards").to_string(), 20.0),
    ];
    let mut pair = |title: String, groups: &mut Vec<(String, usize)>| {
        groups.push((title, 2));
        columns.push((count.to_string(), 6.0));
        columns.push((money.to_string(), 12.0));
    };
    pair(lang.pick("期初", "Opening").to_string(), &mut groups);
    for k in ChangeKind::ADDITIONS {
        pair(
            if zh {
                format!("增加·{}", k.name_zh())
            } else {
                format!("Added: {}", k.name_en())
            },
            &mut groups,
        );
    }
    pair(
        lang.pick("增加合计", "Added in all").to_string(),
        &mut groups,
    );
    for k in ChangeKind::REDUCTIONS {
        pair(
            if zh {
                format!("减少·{}", k.name_zh())
            } else {
                format!("Removed: {}", k.name_en())
            },
            &mut groups,
        );
    }
    pair(
        lang.pick("减少合计", "Removed in all").to_string(),
        &mut groups,
    );
    pair(lang.pick("期末", "Closing").to_string(), &mut groups);
    groups.push((String::new(), 1));
    columns.push((lang.pick("核对", "Check").to_string(), 7.0));

    let cells = |l: &Line, first: Cell, second: Cell| {
        let mut v = vec![first, second];
        let mut amount = |a: Amount| {
            v.push(Cell::Int(i64::try_from(a.count).unwrap_or(i64::MAX)));
            v.push(Cell::Fen(a.value_fen));
        };
        amount(l.opening);
        for k in ChangeKind::ADDITIONS {
            amount(l.additions.get(k));
        }
        amount(l.additions.total);
        for k in ChangeKind::REDUCTIONS {
            amount(l.reductions.get(k));
        }
        amount(l.reductions.total);
        amount(l.closing);
        v.push(text(if l.balanced() {
            lang.pick("相符", "ok")
        } else {
            lang.pick("不符", "off")
        }));
        v
    };
    let rows = st
        .lines
        .iter()
        .map(|l| {
            Row::Cells(cells(
                l,
                text(&line_category(l.category.as_deref(), lang)),
                text(&line_names(&l.names, lang)),
            ))
        })
        .collect();
    let total = cells(&st.total, text(lang.pick("合计", "Total")), Cell::Empty);
    let period = if zh {
        format!(
            "{}年度 · {} 至 {}{}",
            st.year,
            st.from,
            st.to,
            if st.complete {
                ""
            } else {
                " (年度未结束)"
            }
        )
    } else {
        format!(
            "Year {} · {} to {}{}",
            st.year,
            st.from,
            st.to,
            if st.complete { "" } else { " (year not over)" }
        )
    };
    let t = &st.total;
    let check = if zh {
        format!(
            "期初 {} + 增加 {} − 减少 {} = 期末 {} 元{}",
            crate::register::yuan_grouped(t.opening.value_fen),
            crate::register::yuan_grouped(t.additions.total.value_fen),
            crate::register::yuan_grouped(t.reductions.total.value_fen),
            crate::register::yuan_grouped(t.closing.value_fen),
            if st.balanced() {
                " · 相符"
            } else {
                " · 不符"
            }
        )
    } else {
        format!(
            "opening {} + added {} − removed {} = closing {} yuan{}",
            crate::register::yuan_grouped(t.opening.value_fen),
            crate::register::yuan_grouped(t.additions.total.value_fen),
            crate::register::yuan_grouped(t.reductions.total.value_fen),
            crate::register::yuan_grouped(t.closing.value_fen),
            if st.balanced() { " · ok" } else { " · off" }
        )
    };
    let statement = Table {
        sheet_name: lang.pick("增减变动表", "Changes").to_string(),
        title: if zh {
            format!("{} 固定资产增减变动表", names.committee(committee_code))
        } else {
            format!(
                "{} — fixed-asset changes statement",
                names.committee(committee_code)
            )
        },
        facts: format!("{period} · {check}"),
        columns,
        groups,
        rows,
        total: Some(total),
        signatures: if zh {
            vec![
                "制表人".into(),
                "资产管理负责人".into(),
                "审核人".into(),
                "日期".into(),
            ]
        } else {
            vec![
                "Prepared by".into(),
                "Asset officer".into(),
                "Checked by".into(),
                "Date".into(),
            ]
        },
        landscape: true,
    };

    let cols: &[(&str, &str, f64)] = &[
        ("序号", "No.", 5.0),
        ("日期", "Date", 11.0),
        ("资产编号", "Asset id", 12.0),
        ("资产名称", "Name", 16.0),
        ("分类代码", "Category", 11.0),
        ("变动方式", "Change", 9.0),
        ("增加数量", "Added", 7.0),
        ("增加金额(元)", "Added (yuan)", 12.0),
        ("减少数量", "Removed", 7.0),
        ("减少金额(元)", "Removed (yuan)", 12.0),
        ("单价(元)", "Unit (yuan)", 11.0),
        ("说明", "Note", 36.0),
        ("台账行", "Line", 7.0),
    ];
    let rows = st
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (add, remove) = if c.kind.is_addition() {
                (
                    [Cell::Int(i64::from(c.count)), Cell::Fen(c.value_fen)],
                    [Cell::Empty, Cell::Empty],
                )
            } else {
                (
                    [Cell::Empty, Cell::Empty],
                    [Cell::Int(i64::from(c.count)), Cell::Fen(c.value_fen)],
                )
            };
            let mut v = vec![
                Cell::Int(i as i64 + 1),
                Cell::Date(c.date),
                text(&c.asset),
                text(&c.name),
                opt(c.category.as_deref()),
                text(c.kind.name(lang)),
            ];
            v.extend(add);
            v.extend(remove);
            v.push(Cell::Fen(c.unit_value_fen));
            v.push(text(&change_note(c, lang)));
            v.push(Cell::Int(c.line as i64));
            Row::Cells(v)
        })
        .collect();
    let mut total = vec![Cell::Empty; cols.len()];
    total[2] = text(lang.pick("合计", "Total"));
    total[3] = Cell::Text(if zh {
        format!("{} 笔", st.changes.len())
    } else {
        format!("{} changes", st.changes.len())
    });
    let sum = |a: Amount| Cell::Int(i64::try_from(a.count).unwrap_or(i64::MAX));
    total[6] = sum(t.additions.total);
    total[7] = Cell::Fen(t.additions.total.value_fen);
    total[8] = sum(t.reductions.total);
    total[9] = Cell::Fen(t.reductions.total.value_fen);
    let detail = Table {
        sheet_name: lang.pick("变动明细", "Changes one by one").to_string(),
        title: if zh {
            format!("{} 固定资产变动明细", names.committee(committee_code))
        } else {
            format!(
                "{} — fixed-asset changes one by one",
                names.committee(committee_code)
            )
        },
        facts: period,
        columns: cols
            .iter()
            .map(|(z, e, w)| (lang.pick(z, e).to_string(), *w))
            .collect(),
        groups: Vec::new(),
        rows,
        total: Some(total),
        signatures: if zh {
            vec!["制表人".into(), "日期".into()]
        } else {
            vec!["Prepared by".into(), "Date".into()]
        },
        landscape: true,
    };
    vec![statement, detail]
}
