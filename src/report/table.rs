//! One table, several views: the columns (titles in Chinese and English,
//! alignment, width) and rows of typed cells that the text writer, the
//! xlsx writer and the HTML pages all render, so a column is added in one
//! place.
//!
//! A terminal is narrow: a column may carry a shorter head for the text
//! ([`Column::short`]), another head on a printed page
//! ([`Column::html_head`]), or appear in some views only ([`Media`]); and a
//! cell may read differently in each ([`Cell::Per`], e.g. `★` in the
//! terminal, the upgrade's name in the workbook).
//!
//! Each view escapes as it did before the model: the HTML escapes every
//! text cell with [`super::svg::esc`] (only [`Cell::Html`] and
//! [`Cell::Tail`] carry markup, made by juwei); the workbook writes text as
//! text cells (never formulas, so a cell beginning with `=`, `+`, `-` or
//! `@` stays text) through [`TextCells`], which cuts a text too long for one
//! cell; the terminal's text is made safe where it is printed
//! ([`crate::text::clean_styled`], `cli::emit`), not here.
//!
//! The audit's tables are built in [`crate::report::audit_tables`]; the
//! check page's and diff page's tables in [`crate::report::html`].

use std::borrow::Cow;
use std::fmt::Write as _;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::svg::esc;
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
pub struct Media {
    pub text: bool,
    pub xlsx: bool,
    pub html: bool,
}

impl Media {
    pub const ALL: Media = Media {
        text: true,
        xlsx: true,
        html: true,
    };
    pub const TEXT: Media = Media {
        text: true,
        xlsx: false,
        html: false,
    };
    pub const XLSX: Media = Media {
        text: false,
        xlsx: true,
        html: false,
    };
    pub const HTML: Media = Media {
        text: false,
        xlsx: false,
        html: true,
    };
    /// Shown in `self` and in `other`.
    pub const fn and(self, other: Media) -> Media {
        Media {
            text: self.text || other.text,
            xlsx: self.xlsx || other.xlsx,
            html: self.html || other.html,
        }
    }
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The head in the workbook, and on a page unless `html`.
    pub title: Title,
    /// The head in the terminal, when shorter than the title.
    pub short: Option<Title>,
    /// The head on a printed page (HTML), when it differs.
    pub html: Option<Title>,
    pub media: Media,
    /// Right-aligned in the terminal and on a page (`class="num"`).
    pub right: bool,
    /// The class of the column's cells on a page, instead of `num`.
    pub class: Option<&'static str>,
    /// The head turned on its side (the equipment matrix's items).
    pub vertical: bool,
    /// Text wrapped in the workbook (a long message).
    pub wrap: bool,
    /// Width in the workbook (characters; `None`: Excel's default).
    pub width: Option<f64>,
}

impl Column {
    pub const fn new(title: Title, width: f64) -> Self {
        Column {
            title,
            short: None,
            html: None,
            media: Media::ALL,
            right: false,
            class: None,
            vertical: false,
            wrap: false,
            width: Some(width),
        }
    }
    /// A shorter head for the terminal.
    pub const fn short(mut self, zh: &'static str, en: &'static str) -> Self {
        self.short = Some(Title::new(zh, en));
        self
    }
    /// Another head on a printed page.
    pub const fn html_head(mut self, zh: &'static str, en: &'static str) -> Self {
        self.html = Some(Title::new(zh, en));
        self
    }
    /// A number column: right-aligned.
    pub const fn right(mut self) -> Self {
        self.right = true;
        self
    }
    /// The class of the column's cells on a page (instead of `num`; the
    /// head then has none).
    pub const fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
    /// The head turned on its side.
    pub const fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
    /// Text wrapped in the workbook.
    pub const fn wrap(mut self) -> Self {
        self.wrap = true;
        self
    }
    /// Excel's default width.
    pub const fn default_width(mut self) -> Self {
        self.width = None;
        self
    }
    pub const fn only(mut self, media: Media) -> Self {
        self.media = media;
        self
    }
}

/// How a view marks a cell: a format in the workbook, a class on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    /// A priority upgrade (`prio`).
    Priority,
    /// Something wrong (a note on an unreadable or invalid plan; `no`).
    Bad,
    /// An item present (the equipment matrix; `has`).
    Has,
    /// An item present in part (computers off a network; `part`).
    Part,
    /// An item missing (`gap`).
    Gap,
    /// More than before (a diff; `added`, plain in the workbook).
    Added,
    /// Less than before (a diff; `removed`, plain in the workbook).
    Removed,
}

impl Emphasis {
    /// The class on a page.
    pub fn class(self) -> &'static str {
        match self {
            Emphasis::Priority => "prio",
            Emphasis::Bad => "no",
            Emphasis::Has => "has",
            Emphasis::Part => "part",
            Emphasis::Gap => "gap",
            Emphasis::Added => "added",
            Emphasis::Removed => "removed",
        }
    }
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
    /// the workbook and on a page.
    ApproxArea(f64),
    /// Money in integer fen: `¥1,234.56` in the terminal and on a page,
    /// yuan (`#,##0.00`) in the workbook.
    Fen(i64),
    /// A date: `YYYY-MM-DD`, a real date cell in the workbook.
    Date(chrono::NaiveDate),
    /// A share (0.5 is 50 %): `50.0%`, a number formatted `0.0%` in the
    /// workbook.
    Percent(f64),
    /// Markup made by juwei, on a page only (nothing elsewhere).
    Html(Cow<'a, str>),
    /// A cell, followed on a page by markup made by juwei (a remark).
    Tail(Box<Cell<'a>>, Cow<'a, str>),
    /// A cell linking on a page to `href` (escaped); elsewhere the cell.
    Link(Cow<'a, str>, Box<Cell<'a>>),
    /// A cell spanning this many columns on a page (`colspan`).
    Span(usize, Box<Cell<'a>>),
    Emph(Emphasis, Box<Cell<'a>>),
    /// What the terminal, the workbook and a page each show (a page shows
    /// the workbook's cell unless `html`).
    Per {
        text: Box<Cell<'a>>,
        xlsx: Box<Cell<'a>>,
        html: Option<Box<Cell<'a>>>,
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
            html: None,
        }
    }
    /// What a page shows instead (the terminal and the workbook show
    /// `self`).
    pub fn html(self, html: Cell<'a>) -> Self {
        match self {
            Cell::Per { text, xlsx, .. } => Cell::Per {
                text,
                xlsx,
                html: Some(Box::new(html)),
            },
            c => Cell::Per {
                text: Box::new(c.clone()),
                xlsx: Box::new(c),
                html: Some(Box::new(html)),
            },
        }
    }
    /// Followed on a page by `markup`.
    pub fn tail(self, markup: impl Into<Cow<'a, str>>) -> Self {
        Cell::Tail(Box::new(self), markup.into())
    }
    /// Linking to `href` on a page.
    pub fn link(self, href: impl Into<Cow<'a, str>>) -> Self {
        Cell::Link(href.into(), Box::new(self))
    }
    /// Spanning `n` columns on a page.
    pub fn span(self, n: usize) -> Self {
        Cell::Span(n, Box::new(self))
    }
    /// Shown in the terminal only.
    pub fn text_only(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::per(Cell::text(s), Cell::Empty)
    }

    /// The cell as the terminal shows it.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty | Cell::Html(_) => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Area(x) => format!("{x:.2}"),
            Cell::ApproxArea(x) => format!("{x:.2}?"),
            Cell::Fen(f) => crate::followup::cost::yuan(*f),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            Cell::Percent(p) => format!("{:.1}%", p * 100.0),
            Cell::Tail(c, _) | Cell::Link(_, c) | Cell::Span(_, c) | Cell::Emph(_, c) => {
                c.to_text()
            }
            Cell::Per { text, .. } => text.to_text(),
        }
    }

    /// Append the cell as a page shows it (text escaped).
    fn push_html(&self, b: &mut String) {
        match self {
            Cell::Empty => {}
            Cell::Text(s) => b.push_str(&esc(s)),
            Cell::Html(m) => b.push_str(m),
            Cell::Int(n) => {
                let _ = write!(b, "{n}");
            }
            Cell::Area(x) | Cell::ApproxArea(x) => {
                let _ = write!(b, "{x:.2}");
            }
            Cell::Fen(_) | Cell::Date(_) | Cell::Percent(_) => b.push_str(&esc(&self.to_text())),
            Cell::Tail(c, m) => {
                c.push_html(b);
                b.push_str(m);
            }
            Cell::Link(href, c) => {
                let _ = write!(b, "<a href=\"{}\">", esc(href));
                c.push_html(b);
                b.push_str("</a>");
            }
            Cell::Span(_, c) | Cell::Emph(_, c) => c.push_html(b),
            Cell::Per { xlsx, html, .. } => html.as_deref().unwrap_or(xlsx).push_html(b),
        }
    }

    /// The emphasis a page shows, if any.
    fn html_emphasis(&self) -> Option<Emphasis> {
        match self {
            Cell::Emph(e, _) => Some(*e),
            Cell::Tail(c, _) | Cell::Link(_, c) | Cell::Span(_, c) => c.html_emphasis(),
            Cell::Per { xlsx, html, .. } => html.as_deref().unwrap_or(xlsx).html_emphasis(),
            _ => None,
        }
    }

    /// How many columns the cell spans on a page.
    fn html_span(&self) -> usize {
        match self {
            Cell::Span(n, _) => *n,
            _ => 1,
        }
    }

    /// A number on a page (a totals row marks those `num`).
    fn html_number(&self) -> bool {
        match self {
            Cell::Int(_)
            | Cell::Area(_)
            | Cell::ApproxArea(_)
            | Cell::Fen(_)
            | Cell::Percent(_) => true,
            Cell::Tail(c, _) | Cell::Link(_, c) | Cell::Span(_, c) | Cell::Emph(_, c) => {
                c.html_number()
            }
            Cell::Per { xlsx, html, .. } => html.as_deref().unwrap_or(xlsx).html_number(),
            _ => false,
        }
    }
}

/// How a row of a page is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Body,
    /// A totals row: head cells (`<th>`), numbers `num`.
    Total,
    /// A body row with a class (`<tr class="broken">`).
    Class(&'static str),
}

/// How a table is laid out on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HtmlLayout {
    /// `<table class="…">`.
    pub class: Option<&'static str>,
    /// With a head row.
    pub head: bool,
    /// Each row on a line of its own.
    pub lines: bool,
}

impl Default for HtmlLayout {
    fn default() -> Self {
        HtmlLayout {
            class: None,
            head: true,
            lines: true,
        }
    }
}

/// A table's columns.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub html: HtmlLayout,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Self {
        Table {
            columns,
            html: HtmlLayout::default(),
        }
    }

    /// Every column shown in `media` only (a page's own table).
    pub fn only(mut self, media: Media) -> Self {
        for c in &mut self.columns {
            c.media = media;
        }
        self
    }

    /// Laid out on a page as `html` says.
    pub fn layout(mut self, html: HtmlLayout) -> Self {
        self.html = html;
        self
    }

    /// The terminal's heads.
    pub fn text_head(&self, lang: Lang) -> Vec<String> {
        self.columns
            .iter()
            .filter(|c| c.media.text)
            .map(|c| c.short.unwrap_or(c.title).get(lang).to_string())
            .collect()
    }

    /// Which of the terminal's columns are right-aligned.
    pub fn text_right(&self) -> Vec<bool> {
        self.columns
            .iter()
            .filter(|c| c.media.text)
            .map(|c| c.right)
            .collect()
    }

    /// A row's cells as the terminal shows them.
    pub fn text_row(&self, cells: &[Cell]) -> Vec<String> {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.columns
            .iter()
            .zip(cells)
            .filter(|(c, _)| c.media.text)
            .map(|(_, v)| v.to_text())
            .collect()
    }

    /// The table as the terminal shows it, in memory: the head, a rule,
    /// each row, columns as wide as their widest cell.
    pub fn text_block(&self, lang: Lang, rows: &[Vec<Cell>]) -> String {
        let head = self.text_head(lang);
        let rows: Vec<Vec<String>> = rows.iter().map(|r| self.text_row(r)).collect();
        let mut w: Vec<usize> = head.iter().map(|h| text_width(h)).collect();
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                w[i] = w[i].max(text_width(c));
            }
        }
        let mut out = Vec::new();
        text_lines(&head, rows.into_iter(), &w, &self.text_right(), &mut out)
            .expect("writing to memory");
        String::from_utf8(out).expect("the text is UTF-8")
    }

    /// The workbook's columns.
    fn xlsx_columns(&self) -> impl Iterator<Item = (u16, &Column)> + '_ {
        self.columns
            .iter()
            .filter(|c| c.media.xlsx)
            .enumerate()
            .map(|(i, c)| (i as u16, c))
    }

    /// The workbook's heads.
    pub fn xlsx_head(&self, lang: Lang) -> Vec<&'static str> {
        self.xlsx_columns()
            .map(|(_, c)| c.title.get(lang))
            .collect()
    }

    /// Write the workbook's heads on `row`: `head`, or `vertical` for a
    /// head turned on its side.
    pub fn xlsx_head_row(
        &self,
        ws: &mut Worksheet,
        row: u32,
        lang: Lang,
        head: &Format,
        vertical: &Format,
    ) -> Result<(), XlsxError> {
        for (i, c) in self.xlsx_columns() {
            let f = if c.vertical { vertical } else { head };
            ws.write_text_with_format(row, i, c.title.get(lang), f)?;
        }
        Ok(())
    }

    /// How many columns the workbook shows.
    pub fn xlsx_len(&self) -> u16 {
        self.xlsx_columns().count() as u16
    }

    /// Set the workbook's column widths.
    pub fn xlsx_widths(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, c) in self.xlsx_columns() {
            if let Some(w) = c.width {
                ws.set_column_width(i, w)?;
            }
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
        let all = self.columns.iter().zip(cells).filter(|(c, _)| c.media.xlsx);
        for (i, (c, cell)) in all.enumerate() {
            let wrap = if c.wrap { f.wrap } else { None };
            write_cell(ws, row, i as u16, cell, f, total, wrap)?;
        }
        Ok(())
    }

    /// The page's columns.
    fn html_columns(&self) -> impl Iterator<Item = &Column> + '_ {
        self.columns.iter().filter(|c| c.media.html)
    }

    /// How many columns a page shows.
    pub fn html_len(&self) -> usize {
        self.html_columns().count()
    }

    /// Open the table on a page: `<table>`, the head row, `<tbody>`.
    pub fn html_open(&self, b: &mut String, lang: Lang) {
        b.push_str("<table");
        if let Some(c) = self.html.class {
            let _ = write!(b, " class=\"{c}\"");
        }
        b.push('>');
        if self.html.head {
            b.push_str("<thead><tr>");
            for c in self.html_columns() {
                let class = if c.vertical {
                    Some("v")
                } else if c.right && c.class.is_none() {
                    Some("num")
                } else {
                    None
                };
                match class {
                    Some(k) => {
                        let _ = write!(b, "<th class=\"{k}\">");
                    }
                    None => b.push_str("<th>"),
                }
                b.push_str(&esc(c.html.unwrap_or(c.title).get(lang)));
                b.push_str("</th>");
            }
            b.push_str("</tr></thead>");
        }
        b.push_str("<tbody>");
        if self.html.lines {
            b.push('\n');
        }
    }

    /// A row of a page. `cells` are parallel to the columns, except that a
    /// page-only table may span ([`Cell::Span`]).
    pub fn html_row(&self, b: &mut String, cells: &[Cell], kind: RowKind) {
        self.html_tr(b, cells, kind);
        if self.html.lines {
            b.push('\n');
        }
    }

    /// A row of a page whose first cell is `lead` and whose second spans
    /// the rest of the page's columns (an unreadable file, a note).
    pub fn html_spanning_row(&self, b: &mut String, lead: Cell, rest: Cell, kind: RowKind) {
        let rest = rest.span(self.html_len().saturating_sub(1));
        self.html_row(b, &[lead, rest], kind);
    }

    fn html_tr(&self, b: &mut String, cells: &[Cell], kind: RowKind) {
        // the cells are parallel to all the columns, or to the page's
        let spans = cells.iter().map(Cell::html_span).sum::<usize>();
        let columns: Vec<&Column> = if spans == self.columns.len() {
            self.columns.iter().collect()
        } else {
            self.html_columns().collect()
        };
        debug_assert_eq!(spans, columns.len());
        match kind {
            RowKind::Class(c) => {
                let _ = write!(b, "<tr class=\"{c}\">");
            }
            _ => b.push_str("<tr>"),
        }
        let tag = if kind == RowKind::Total { "th" } else { "td" };
        let mut col = 0;
        for cell in cells {
            let span = cell.html_span();
            let Some(column) = columns.get(col) else {
                break;
            };
            col += span;
            if !column.media.html {
                continue;
            }
            let mut class: Vec<&str> = Vec::new();
            if kind == RowKind::Total {
                if cell.html_number() {
                    class.push("num");
                }
            } else if let Some(k) = column.class {
                class.push(k);
            } else if column.right {
                class.push("num");
            }
            if let Some(e) = cell.html_emphasis() {
                if !class.contains(&e.class()) {
                    class.push(e.class());
                }
            }
            let _ = write!(b, "<{tag}");
            if !class.is_empty() {
                let _ = write!(b, " class=\"{}\"", class.join(" "));
            }
            if span > 1 {
                let _ = write!(b, " colspan=\"{span}\"");
            }
            b.push('>');
            cell.push_html(b);
            let _ = write!(b, "</{tag}>");
        }
        b.push_str("</tr>");
    }

    /// Close the table on a page, after a totals row `footer` if any (set
    /// on the line of `</tbody>`). The caller ends the line.
    pub fn html_close(&self, b: &mut String, footer: Option<&[Cell]>) {
        if let Some(cells) = footer {
            self.html_tr(b, cells, RowKind::Total);
        }
        b.push_str("</tbody></table>");
    }
}

/// Columns a string takes on a terminal (CJK characters two).
pub fn text_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Pad to a display width (CJK characters count two columns).
fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in text_width(s)..w {
        out.push(' ');
    }
    out
}

fn pad_left(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in text_width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// One line of a plain-text table: columns left-aligned, or right-aligned
/// where `right` says (numbers), to the widths `w`.
fn text_line<'a>(cells: impl Iterator<Item = &'a str>, w: &[usize], right: &[bool]) -> String {
    let parts: Vec<String> = cells
        .enumerate()
        .map(|(i, c)| {
            if right[i] {
                pad_left(c, w[i])
            } else {
                pad(c, w[i])
            }
        })
        .collect();
    parts.join("  ").trim_end().to_string()
}

/// The head of a plain-text table and its rule, then each row, to the
/// widths `w` (measured beforehand: a streamed table is measured on its
/// cells put aside, then written).
pub fn text_lines<W: std::io::Write + ?Sized>(
    head: &[String],
    rows: impl Iterator<Item = Vec<String>>,
    w: &[usize],
    right: &[bool],
    out: &mut W,
) -> std::io::Result<()> {
    let mut line = text_line(head.iter().map(String::as_str), w, right);
    line.push('\n');
    let rule: Vec<String> = w.iter().map(|&n| "─".repeat(n)).collect();
    line.push_str(&rule.join("  "));
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for r in rows {
        let mut line = text_line(r.iter().map(String::as_str), w, right);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The workbook's formats a table uses.
pub struct XlsxFormats<'f> {
    /// Areas (`0.00`).
    pub area: &'f Format,
    pub priority: &'f Format,
    pub bad: &'f Format,
    /// A totals row.
    pub total: &'f Format,
    pub total_area: &'f Format,
    /// Yuan (`#,##0.00`; `area` when `None`).
    pub money: Option<&'f Format>,
    /// Dates (`yyyy-mm-dd`).
    pub date: Option<&'f Format>,
    /// Shares (`0.0%`).
    pub percent: Option<&'f Format>,
    /// Wrapped text ([`Column::wrap`]).
    pub wrap: Option<&'f Format>,
    /// The equipment matrix's cells ([`Emphasis::Has`], `Part`, `Gap`).
    pub has: Option<&'f Format>,
    pub part: Option<&'f Format>,
    pub gap: Option<&'f Format>,
}

impl<'f> XlsxFormats<'f> {
    /// The formats for areas, emphasis and totals; the others unset.
    pub fn new(
        area: &'f Format,
        priority: &'f Format,
        bad: &'f Format,
        total: &'f Format,
        total_area: &'f Format,
    ) -> Self {
        XlsxFormats {
            area,
            priority,
            bad,
            total,
            total_area,
            money: None,
            date: None,
            percent: None,
            wrap: None,
            has: None,
            part: None,
            gap: None,
        }
    }

    fn emphasis(&self, e: Emphasis) -> Option<&'f Format> {
        match e {
            Emphasis::Priority => Some(self.priority),
            Emphasis::Bad => Some(self.bad),
            Emphasis::Has => self.has,
            Emphasis::Part => self.part,
            Emphasis::Gap => self.gap,
            Emphasis::Added | Emphasis::Removed => None,
        }
    }
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
    let number = |ws: &mut Worksheet, x: f64, fmt: Option<&Format>| -> Result<(), XlsxError> {
        match fmt {
            Some(fmt) => ws.write_number_with_format(row, col, x, fmt)?,
            None => ws.write_number(row, col, x)?,
        };
        Ok(())
    };
    match cell {
        Cell::Empty | Cell::Html(_) => {}
        Cell::Text(s) => match plain {
            Some(fmt) => {
                ws.write_text_with_format(row, col, s.as_ref(), fmt)?;
            }
            None => {
                ws.write_text(row, col, s.as_ref())?;
            }
        },
        Cell::Int(n) => number(ws, *n as f64, plain)?,
        Cell::Area(x) | Cell::ApproxArea(x) => {
            let fmt = emph.unwrap_or(if total { f.total_area } else { f.area });
            ws.write_number_with_format(row, col, *x, fmt)?;
        }
        Cell::Fen(fen) => {
            let fmt = emph
                .or(f.money)
                .unwrap_or(if total { f.total_area } else { f.area });
            ws.write_number_with_format(row, col, *fen as f64 / 100.0, fmt)?;
        }
        Cell::Percent(p) => number(ws, *p, emph.or(f.percent).or(plain))?,
        Cell::Date(d) => match f.date {
            Some(fmt) => {
                use chrono::Datelike;
                let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    u16::try_from(d.year()).unwrap_or(1900),
                    d.month() as u8,
                    d.day() as u8,
                )?;
                ws.write_datetime_with_format(row, col, &dt, fmt)?;
            }
            // `YYYY-MM-DD` text without a date format: sorts as the date does
            None => {
                let text = d.format("%Y-%m-%d").to_string();
                match plain {
                    Some(fmt) => ws.write_text_with_format(row, col, text, fmt)?,
                    None => ws.write_text(row, col, text)?,
                };
            }
        },
        Cell::Emph(e, c) => {
            let fmt = f.emphasis(*e).or(emph);
            write_cell(ws, row, col, c, f, total, fmt)?;
        }
        Cell::Tail(c, _) | Cell::Link(_, c) | Cell::Span(_, c) => {
            write_cell(ws, row, col, c, f, total, emph)?
        }
        Cell::Per { xlsx, .. } => write_cell(ws, row, col, xlsx, f, total, emph)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table::new(vec![
            Column::new(Title::new("街道", "Street"), 14.0),
            Column::new(Title::new("办公用房面积㎡", "Premises m²"), 11.0)
                .short("面积㎡", "Area m²")
                .right(),
            Column::new(Title::new("文件", "File"), 26.0).only(Media::XLSX),
            Column::new(Title::new("重点", "Prio"), 6.0)
                .only(Media::TEXT)
                .right(),
        ])
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
            date: Some(&st),
            ..XlsxFormats::new(&st, &st, &st, &st, &st)
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
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let row = [
            Cell::text("=1+1"),
            Cell::Fen(150),
            Cell::Date(d),
            Cell::Percent(0.5),
        ];
        t.xlsx_row(ws, 2, &row, &f, true).unwrap();
        t.xlsx_widths(ws).unwrap();
        assert!(wb.save_to_buffer().is_ok());
    }

    #[test]
    fn a_page_gets_heads_classes_spans_and_escaped_text() {
        let t = table();
        let mut b = String::new();
        t.html_open(&mut b, Lang::Zh);
        assert_eq!(
            b,
            "<table><thead><tr><th>街道</th><th class=\"num\">办公用房面积㎡</th></tr></thead><tbody>\n"
        );
        b.clear();
        let row = [
            Cell::text("<a&b>"),
            Cell::ApproxArea(1.5).tail(" <span class=\"no\">!</span>"),
            Cell::text("a.ron"),
            Cell::text_only("★"),
        ];
        t.html_row(&mut b, &row, RowKind::Body);
        assert_eq!(
            b,
            "<tr><td>&lt;a&amp;b&gt;</td><td class=\"num\">1.50 <span class=\"no\">!</span></td></tr>\n"
        );
        b.clear();
        t.html_spanning_row(
            &mut b,
            Cell::Empty,
            Cell::Html("x".into()),
            RowKind::Class("broken"),
        );
        // the rest spans one column here: the area's, a number column
        assert_eq!(
            b,
            "<tr class=\"broken\"><td></td><td class=\"num\">x</td></tr>\n"
        );
        b.clear();
        let total = [
            Cell::text("全部"),
            Cell::Area(2.0),
            Cell::Empty,
            Cell::Empty,
        ];
        t.html_close(&mut b, Some(&total));
        assert_eq!(
            b,
            "<tr><th>全部</th><th class=\"num\">2.00</th></tr></tbody></table>"
        );
        let prio = Cell::text("重点").emph(Emphasis::Priority);
        let mut b = String::new();
        let one = Table::new(vec![Column::new(Title::new("a", "a"), 1.0)]);
        one.html_row(&mut b, &[prio], RowKind::Body);
        assert_eq!(b, "<tr><td class=\"prio\">重点</td></tr>\n");
    }
}
