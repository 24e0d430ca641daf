//! One table, several views: the columns (titles in Chinese and English,
//! alignment, width) and rows of typed cells that the text writer and the
//! xlsx writer both render, so a column is added in one place.
//!
//! A terminal is narrow: a column may carry a shorter head for the text
//! ([`Column::short`]) or appear in one view only ([`Media`]), and a cell may
//! read differently in each ([`Cell::Per`], e.g. `★` in the terminal, the
//! upgrade's name in the workbook). The audit's committee table and its
//! totals are built here ([`crate::report::audit_tables`]).

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::xlsx_text::TextCells;

use crate::model::Lang;

/// A title in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Title {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Title { zh, en }
    }
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Which views show a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Both,
    Text,
    Xlsx,
}

impl Media {
    fn text(self) -> bool {
        self != Media::Xlsx
    }
    fn xlsx(self) -> bool {
        self != Media::Text
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: Title,
    /// The head in the terminal, when shorter than the title.
    pub short: Option<Title>,
    pub media: Media,
    /// Right-aligned in the terminal (numbers).
    pub right: bool,
    /// Width in the workbook (characters).
    pub width: f64,
}

impl Column {
    pub const fn new(title: Title, width: f64) -> Self {
        Column {
            title,
            short: None,
            media: Media::Both,
            right: false,
            width,
        }
    }
    /// A shorter head for the terminal.
    pub const fn short(mut self, zh: &'static str, en: &'static str) -> Self {
        self.short = Some(Title::new(zh, en));
        self
    }
    /// A number column: right-aligned in the terminal.
    pub const fn right(mut self) -> Self {
        self.right = true;
        self
    }
    pub const fn only(mut self, media: Media) -> Self {
        self.media = media;
        self
    }
}

/// How the workbook shows a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// A priority upgrade.
    Priority,
    /// Something wrong (a note on an unreadable or invalid plan).
    Bad,
}

/// A typed cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Nothing written.
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    /// m² to 0.01.
    Area(f64),
    /// An area of an invalid plan: `12.34?` in the terminal, the number in
    /// the workbook.
    ApproxArea(f64),
    /// Money in integer fen.
    Fen(i64),
    Date(chrono::NaiveDate),
    Emph(Emphasis, Box<Cell<'a>>),
    /// What the terminal and the workbook each show.
    Per {
        text: Box<Cell<'a>>,
        xlsx: Box<Cell<'a>>,
    },
}

impl<'a> Cell<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }
    pub fn count(n: usize) -> Self {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
    pub fn emph(self, e: Emphasis) -> Self {
        Cell::Emph(e, Box::new(self))
    }
    pub fn per(text: Cell<'a>, xlsx: Cell<'a>) -> Self {
        Cell::Per {
            text: Box::new(text),
            xlsx: Box::new(xlsx),
        }
    }
    /// Shown in the terminal only.
    pub fn text_only(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::per(Cell::text(s), Cell::Empty)
    }

    /// The cell as the terminal shows it.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Area(x) => format!("{x:.2}"),
            Cell::ApproxArea(x) => format!("{x:.2}?"),
            Cell::Fen(f) => crate::followup::cost::yuan(*f),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Emph(_, c) => c.to_text(),
            Cell::Per { text, .. } => text.to_text(),
        }
    }
}

/// A table's columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
}

impl Table {
    /// The terminal's heads.
    pub fn text_head(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .filter(|c| c.media.text())
            .map(|c| c.short.unwrap_or(c.title).get(lang).to_string())
            .collect()
    }

    /// Which of the terminal's columns are right-aligned.
    pub fn text_right(&self) -> Vec<bool> {
        self.columns
            .iter()
            .filter(|c| c.media.text())
            .map(|c| c.right)
            .collect()
    }

    /// A row's cells as the terminal shows them.
    pub fn text_row(&self, cells: &[Cell]) -> Vec<String> {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| c.media.text())
            .map(|(_, v)| v.to_text())
            .collect()
    }

    /// The workbook's columns.
    fn xlsx_columns(&self) -> impl Iterator<Item = (u16, &Column)> + '_ {
        self.columns
            .iter()
            .filter(|c| c.media.xlsx())
            .enumerate()
            .map(|(i, c)| (i as u16, c))
    }

    /// The workbook's heads.
    pub fn xlsx_head(&self, lang: Lang) -> Vec<&'static str> {
        self.xlsx_columns()
            .map(|(_, c)| c.title.get(lang))
            .collect()
    }

    /// How many columns the workbook shows.
    pub fn xlsx_len(&self) -> u16 {
        self.xlsx_columns().count() as u16
    }

    /// Set the workbook's column widths.
    pub fn xlsx_widths(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, c) in self.xlsx_columns() {
            ws.set_column_width(i, c.width)?;
        }
        Ok(())
    }

    /// Write a row of the workbook.
    pub fn xlsx_row(
        &self,
        ws: &mut Worksheet,
        row: u32,
        cells: &[Cell],
        f: &XlsxFormats,
        total: bool,
    ) -> Result<(), XlsxError> {
        debug_assert_eq!(cells.len(), self.columns.len());
        let all = self
            .columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| c.media.xlsx());
        for (i, (_, cell)) in all.enumerate() {
            write_cell(ws, row, i as u16, cell, f, total, None)?;
        }
        Ok(())
    }
}

/// The workbook's formats a table uses.
pub struct XlsxFormats<'f> {
    /// Areas and yuan (`0.00`).
    pub area: &'f Format,
    pub priority: &'f Format,
    pub bad: &'f Format,
    /// A totals row.
    pub total: &'f Format,
    pub total_area: &'f Format,
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    f: &XlsxFormats,
    total: bool,
    emph: Option<&Format>,
) -> Result<(), XlsxError> {
    let plain = emph.or(if total { Some(f.total) } else { None });
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => match plain {
            Some(fmt) => {
                ws.write_text_with_format(row, col, s.as_ref(), fmt)?;
            }
            None => {
                ws.write_text(row, col, s.as_ref())?;
            }
        },
        Cell::Int(n) => match plain {
            Some(fmt) => {
                ws.write_number_with_format(row, col, *n as f64, fmt)?;
            }
            None => {
                ws.write_number(row, col, *n as f64)?;
            }
        },
        Cell::Area(x) | Cell::ApproxArea(x) => {
            let fmt = emph.unwrap_or(if total { f.total_area } else { f.area });
            ws.write_number_with_format(row, col, *x, fmt)?;
        }
        // yuan with two decimals, as areas are
        Cell::Fen(fen) => {
            let fmt = emph.unwrap_or(if total { f.total_area } else { f.area });
            ws.write_number_with_format(row, col, *fen as f64 / 100.0, fmt)?;
        }
        // `YYYY-MM-DD` text: sorts as the date does
        Cell::Date(d) => {
            let text = d.format("%Y-%m-%d").to_string();
            match plain {
                Some(fmt) => ws.write_text_with_format(row, col, text, fmt)?,
                None => ws.write_text(row, col, text)?,
            };
        }
        Cell::Emph(e, c) => {
            let fmt = match e {
                Emphasis::Priority => f.priority,
                Emphasis::Bad => f.bad,
            };
            write_cell(ws, row, col, c, f, total, Some(fmt))?;
        }
        Cell::Per { xlsx, .. } => write_cell(ws, row, col, xlsx, f, total, emph)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            columns: vec![
                Column::new(Title::new("街道", "Street"), 14.0),
                Column::new(Title::new("办公用房面积㎡", "Premises m²"), 11.0)
                    .short("面积㎡", "Area m²")
                    .right(),
                Column::new(Title::new("文件", "File"), 26.0).only(Media::Xlsx),
                Column::new(Title::new("重点", "Prio"), 6.0)
                    .only(Media::Text)
                    .right(),
            ],
        }
    }

    #[test]
    fn each_view_takes_its_columns_and_heads() {
        let t = table();
        assert_eq!(t.text_head(Lang::Zh), ["街道", "面积㎡", "重点"]);
        assert_eq!(t.text_head(Lang::En), ["Street", "Area m²", "Prio"]);
        assert_eq!(t.text_right(), [false, true, true]);
        assert_eq!(t.xlsx_head(Lang::Zh), ["街道", "办公用房面积㎡", "文件"]);
        assert_eq!(t.xlsx_len(), 3);
    }

    #[test]
    fn cells_read_as_the_terminal_shows_them() {
        let t = table();
        let row = [
            Cell::text("石门二路街道"),
            Cell::ApproxArea(83.254),
            Cell::text("a.ron"),
            Cell::per(Cell::text("★"), Cell::text("旧小区重点改善")).emph(Emphasis::Priority),
        ];
        assert_eq!(t.text_row(&row), ["石门二路街道", "83.25?", "★"]);
        assert_eq!(Cell::Fen(123_456).to_text(), "¥1,234.56");
        assert_eq!(Cell::count(7).to_text(), "7");
        assert_eq!(Cell::text_only("x").to_text(), "x");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(Cell::Date(d).to_text(), "2026-03-02");
    }

    #[test]
    fn the_workbook_gets_numbers_and_skips_text_only_cells() {
        let t = table();
        let st = Format::new().set_num_format("0.00");
        let f = XlsxFormats {
            area: &st,
            priority: &st,
            bad: &st,
            total: &st,
            total_area: &st,
        };
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let row = [
            Cell::text("s"),
            Cell::Area(1.5),
            Cell::text("a.ron"),
            Cell::text_only("★"),
        ];
        t.xlsx_row(ws, 1, &row, &f, false).unwrap();
        t.xlsx_widths(ws).unwrap();
        assert!(wb.save_to_buffer().is_ok());
    }
}
