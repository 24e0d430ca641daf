//! The stocktake count sheet: what the staff wrote down walking the rooms,
//! as CSV (UTF-8 with or without a BOM, as Excel saves it; GB18030/GBK, as
//! Chinese Excel's plain "CSV" saves it, is accepted too) or as an Excel
//! workbook (.xlsx, .xlsm, .xlsb: the first worksheet, read through
//! [`crate::io::xlsx`]; old .xls and .ods are refused with advice).
//!
//! The header row names the columns in Chinese or English
//! (`docs/spec/register-format.md`); other columns are ignored, a title
//! row above the header is skipped, and so are empty rows and total rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::Data;
use chrono::NaiveDate;
use serde::Serialize;

use super::typed::{
    cell_name, excel_serial_date, half_width, parse_loose_date, parse_quantity, resolve_room,
    RoomMatch,
};
use crate::io::{LoadError, SourceError};
use crate::model::Lang;

/// One row of a count sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// Line in the CSV file, or row number in the worksheet (1-based).
    pub line: usize,
    /// The row as Excel numbers it (for cell names like `G7`): the record
    /// number of a CSV file (a quoted cell may span lines), the row of a
    /// worksheet.
    pub row: usize,
    /// The id on the label, as written; `None` for a thing found with no label.
    pub asset: Option<String>,
    pub name: Option<String>,
    /// Room where it was found: a room id of the plan when the sheet named
    /// a room of it (by id or by name), else as written.
    pub location: Option<String>,
    /// How many were found: `None` when the sheet has a `counted` column and
    /// this row left it blank (not counted, 未盘点); 1 when the sheet has no
    /// such column.
    pub counted: Option<u32>,
    pub note: Option<String>,
}

/// Something about a sheet's cell, with its place: a problem that stops
/// the count being read, or a note on how juwei read what was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetNote {
    pub line: usize,
    /// Excel-style cell name (`G7`), or the row alone (`7`) for a whole row.
    pub cell: String,
    pub message: String,
    pub message_en: String,
}

impl SheetNote {
    fn new(line: usize, cell: String, zh: String, en: String) -> Self {
        SheetNote {
            line,
            cell,
            message: zh,
            message_en: en,
        }
    }
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }
}

/// Where the sheet's columns are (0-based), for cell names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SheetColumns {
    pub asset: Option<usize>,
    pub name: Option<usize>,
    pub location: Option<usize>,
    pub counted: Option<usize>,
    pub note: Option<usize>,
    pub date: Option<usize>,
}

/// A whole count sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSheet {
    pub path: PathBuf,
    pub rows: Vec<CountRow>,
    pub columns: SheetColumns,
    /// The count's date as the sheet gives it (a 盘点日期 column, or
    /// `盘点日期: 2025-12-28` above the header): the latest one written.
    pub date: Option<NaiveDate>,
    /// How juwei read what was written (room names, measure words, rows
    /// skipped…): said, never silent.
    pub notes: Vec<SheetNote>,
}

impl CountSheet {
    /// Excel-style name of the cell of `row` in the `counted` column.
    pub fn counted_cell(&self, row: &CountRow) -> String {
        match self.columns.counted {
            Some(c) => cell_name(c, row.row),
            None => row.row.to_string(),
        }
    }
    /// Excel-style name of the cell of `row` in the asset column.
    pub fn asset_cell(&self, row: &CountRow) -> String {
        match self.columns.asset {
            Some(c) => cell_name(c, row.row),
            None => row.row.to_string(),
        }
    }
}

/// Why a count sheet could not be used.
#[derive(Debug)]
pub enum SheetError {
    /// The file could not be read at all (or is no table).
    Load(LoadError),
    /// Cells that cannot be read, every one of them, with its place.
    Problems {
        path: PathBuf,
        problems: Vec<SheetNote>,
    },
}

impl SheetError {
    /// Every problem, one a line, naming file, line and cell.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            SheetError::Load(e) => e.display(lang),
            SheetError::Problems { path, problems } => {
                let mut s = match lang {
                    Lang::Zh => format!(
                        "{}: 盘点表有 {} 处须改正 (改好后再运行):",
                        path.display(),
                        problems.len()
                    ),
                    Lang::En => format!(
                        "{}: {} cell(s) of the count sheet to correct (then run again):",
                        path.display(),
                        problems.len()
                    ),
                };
                for p in problems {
                    s.push_str(&format!(
                        "\n  {}:{} ({}): {}",
                        path.display(),
                        p.line,
                        p.cell,
                        p.text(lang)
                    ));
                }
                s
            }
        }
    }
}

impl From<LoadError> for SheetError {
    fn from(e: LoadError) -> Self {
        SheetError::Load(e)
    }
}

impl From<SourceError> for SheetError {
    fn from(e: SourceError) -> Self {
        SheetError::Load(e.into())
    }
}

/// Problems as one located error (at the first problem), every problem
/// listed in its message.
fn problems_error(path: &Path, problems: &[SheetNote], columns: &[usize]) -> SourceError {
    let first = &problems[0];
    let col = columns.first().copied().unwrap_or(0) + 1;
    let join = |lang: Lang| -> String {
        problems
            .iter()
            .map(|p| format!("{} {}: {}", p.line, p.cell, p.text(lang)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (zh, en) = if problems.len() == 1 {
        (
            format!("{} ({})", first.message, first.cell),
            format!("{} ({})", first.message_en, first.cell),
        )
    } else {
        (
            format!("盘点表有 {} 处须改正: {}", problems.len(), join(Lang::Zh)),
            format!(
                "{} cells of the count sheet to correct: {}",
                problems.len(),
                join(Lang::En)
            ),
        )
    };
    SourceError::new(path, first.line, col, zh, en)
}

impl From<SheetError> for LoadError {
    fn from(e: SheetError) -> Self {
        match e {
            SheetError::Load(l) => l,
            SheetError::Problems { path, problems } => {
                let cols: Vec<usize> = problems
                    .first()
                    .map(|p| cell_col(&p.cell))
                    .into_iter()
                    .flatten()
                    .collect();
                problems_error(&path, &problems, &cols).into()
            }
        }
    }
}

/// The 0-based column of a cell name (`G7` → 6).
fn cell_col(cell: &str) -> Option<usize> {
    let letters: String = cell.chars().take_while(char::is_ascii_uppercase).collect();
    if letters.is_empty() {
        return None;
    }
    Some(
        letters
            .bytes()
            .fold(0usize, |acc, b| acc * 26 + usize::from(b - b'A' + 1))
            - 1,
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Asset,
    Name,
    Location,
    Counted,
    Note,
    Date,
}

const COLS: [Col; 6] = [
    Col::Asset,
    Col::Name,
    Col::Location,
    Col::Counted,
    Col::Note,
    Col::Date,
];

impl Col {
    /// The documented headers first, then names that sheets in use carry.
    fn headers(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Col::Asset => (
                &["asset", "资产编号"],
                &[
                    "assetid",
                    "id",
                    "编号",
                    "资产编码",
                    "资产代码",
                    "卡片编号",
                    "标签号",
                    "标签编号",
                ],
            ),
            Col::Name => (
                &["name", "资产名称"],
                &["名称", "物品名称", "设备名称", "品名"],
            ),
            Col::Location => (
                &["location", "存放地点"],
                &[
                    "room",
                    "地点",
                    "位置",
                    "房间",
                    "存放位置",
                    "使用地点",
                    "所在房间",
                    "存放房间",
                    "实盘地点",
                ],
            ),
            Col::Counted => (
                &["counted", "实盘数量"],
                &[
                    "count",
                    "qty",
                    "quantity",
                    "实盘数",
                    "盘点数量",
                    "实存数量",
                    "实有数量",
                    "清点数量",
                    "实盘",
                    "数量",
                ],
            ),
            Col::Note => (&["note", "备注"], &["notes", "remark", "remarks", "说明"]),
            Col::Date => (&["date", "盘点日期"], &["清点日期", "盘点时间", "日期"]),
        }
    }
}

/// Header text as compared: trimmed, lower case, no spaces, without a
/// trailing unit in brackets (`实盘数量(件)`).
pub fn norm_header(s: &str) -> String {
    let s = s.trim_start_matches('\u{feff}');
    let s = s
        .split(['(', '（', '['])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    s.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '*')
        .collect()
}

/// Column positions found in a header row.
#[derive(Debug, Default)]
struct Header {
    at: [Option<usize>; 6],
}

impl Header {
    fn find(cells: &[String]) -> Option<Header> {
        let normed: Vec<String> = cells.iter().map(|c| norm_header(c)).collect();
        let mut h = Header::default();
        for (k, col) in COLS.iter().enumerate() {
            let (canon, alias) = col.headers();
            h.at[k] = normed
                .iter()
                .position(|n| canon.contains(&n.as_str()))
                .or_else(|| normed.iter().position(|n| alias.contains(&n.as_str())));
        }
        h.at[0]?;
        Some(h)
    }

    fn get<'a>(&self, col: Col, cells: &'a [String]) -> Option<&'a str> {
        let i = self.index(col)?;
        let v = cells.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    fn index(&self, col: Col) -> Option<usize> {
        self.at[COLS.iter().position(|c| *c == col)?]
    }

    fn columns(&self) -> SheetColumns {
        SheetColumns {
            asset: self.index(Col::Asset),
            name: self.index(Col::Name),
            location: self.index(Col::Location),
            counted: self.index(Col::Counted),
            note: self.index(Col::Note),
            date: self.index(Col::Date),
        }
    }
}

/// A row written for people, not for the count: 合计 / 小计 / Total, in
/// whatever column it stands.
pub fn is_total_cell(cell: &str) -> bool {
    let f: String = cell
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    ["合计", "小计", "总计", "共计", "合 计"]
        .iter()
        .any(|t| f.starts_with(t))
        || ["total", "subtotal", "grandtotal", "total:", "subtotal:"].contains(&f.as_str())
}

/// A signature or date line under the table: `盘点人: 张三`, `监盘人`,
/// `复核人签字`…
pub fn is_signature_cell(cell: &str) -> bool {
    let f: String = cell
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    const CAPTIONS: &[&str] = &[
        "盘点人",
        "监盘人",
        "复核人",
        "制表人",
        "填表人",
        "负责人",
        "审核人",
        "记录人",
        "经办人",
        "清点人",
        "保管人签",
        "签字",
        "签名",
        "签章",
        "盖章",
    ];
    CAPTIONS.iter().any(|c| f.starts_with(c)) || ["日期:", "日期：", "日期"].contains(&f.as_str())
}

/// Rows of cells (with their 1-based line and Excel row) to count rows,
/// every problem collected.
fn rows_to_sheet(
    path: &Path,
    rows: impl Iterator<Item = (usize, usize, Vec<String>)>,
    rooms: Option<&HashMap<String, String>>,
) -> Result<CountSheet, SheetError> {
    let mut header: Option<Header> = None;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    let mut first_line = None;
    let mut looked = 0usize;
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut skipped_total = Vec::new();
    let mut skipped_signature = Vec::new();
    let mut read_rooms: HashMap<(String, String), Vec<usize>> = HashMap::new();
    let mut read_counts: Vec<(usize, String)> = Vec::new();
    for (line, row, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        first_line.get_or_insert(line);
        let Some(h) = &header else {
            header = Header::find(&cells);
            looked += 1;
            if header.is_none() {
                // a 盘点日期 in the title area
                for (k, c) in cells.iter().enumerate() {
                    let t = c.trim();
                    if let Some(rest) = t
                        .strip_prefix("盘点日期")
                        .or_else(|| t.strip_prefix("清点日期"))
                    {
                        let rest = rest.trim_start_matches([':', '：', ' ']);
                        let d = if rest.is_empty() {
                            cells.get(k + 1).and_then(|n| parse_loose_date(n))
                        } else {
                            parse_loose_date(rest)
                        };
                        dates.extend(d);
                    }
                }
                if looked >= 20 {
                    break;
                }
            }
            continue;
        };
        if cells.iter().any(|c| is_total_cell(c)) {
            skipped_total.push(row);
            continue;
        }
        if cells.iter().any(|c| is_signature_cell(c)) {
            skipped_signature.push(row);
            continue;
        }
        let cell = |col: Col| cell_name(h.index(col).unwrap_or(0), row);
        let asset = h.get(Col::Asset, &cells).map(str::to_string);
        let name = h.get(Col::Name, &cells).map(str::to_string);
        if asset.is_none() && name.is_none() {
            let anything_else = [Col::Location, Col::Counted]
                .iter()
                .any(|c| h.get(*c, &cells).is_some());
            if anything_else {
                problems.push(SheetNote::new(
                    line,
                    cell(Col::Asset),
                    "此行既无资产编号也无资产名称: 无标签的物品须写明名称".into(),
                    "this row has neither an asset id nor a name: a thing without a label needs its name".into(),
                ));
            }
            // otherwise a note alone: not a counted thing
            continue;
        }
        // Excel's error values (#N/A, #REF!) are no count
        for col in COLS {
            if let Some(v) = h.get(col, &cells) {
                if v.starts_with('#')
                    && v.ends_with(['!', 'A', '?', '0'])
                    && v.len() <= 8
                    && col != Col::Note
                    && col != Col::Name
                {
                    problems.push(SheetNote::new(
                        line,
                        cell(col),
                        format!("单元格是 Excel 错误值 {v}"),
                        format!("the cell holds Excel's error value {v}"),
                    ));
                }
            }
        }
        let counted = match (h.index(Col::Counted), h.get(Col::Counted, &cells)) {
            (None, _) => Some(1),
            (Some(_), None) => None,
            (Some(_), Some(s)) => match parse_quantity(s) {
                Some((n, unusual)) => {
                    if unusual {
                        read_counts.push((row, format!("{s}→{n}")));
                    }
                    Some(n)
                }
                None => {
                    problems.push(SheetNote::new(
                        line,
                        cell(Col::Counted),
                        format!("实盘数量 \"{s}\" 不是件数: 写 3、3台 或 三;没数的留空 (未盘点)"),
                        format!("counted \"{s}\" is not a number of items: write 3, 3台 or 三; leave it empty when not counted"),
                    ));
                    continue;
                }
            },
        };
        let location = match h.get(Col::Location, &cells) {
            None => None,
            Some(typed) => match rooms.map(|r| (r, resolve_room(r, typed))) {
                None => Some(typed.to_string()),
                Some((_, RoomMatch::Id(id))) => Some(id),
                Some((r, RoomMatch::Named(id))) => {
                    read_rooms
                        .entry((typed.to_string(), format!("{id} {}", r[&id])))
                        .or_default()
                        .push(row);
                    Some(id)
                }
                Some((_, RoomMatch::Ambiguous(ids))) => {
                    problems.push(SheetNote::new(
                        line,
                        cell(Col::Location),
                        format!("平面图中有几间房叫 \"{typed}\" ({}): 请写房间编号", ids.join(", ")),
                        format!("several rooms of the plan are called \"{typed}\" ({}): write the room id", ids.join(", ")),
                    ));
                    continue;
                }
                Some((r, RoomMatch::Unknown)) => {
                    let mut ids: Vec<String> = r.iter().map(|(i, n)| format!("{i} {n}")).collect();
                    ids.sort();
                    notes.push(SheetNote::new(
                        line,
                        cell(Col::Location),
                        format!("存放地点 \"{typed}\" 不是平面图的房间,按所写比较 (房间有: {})", ids.join(", ")),
                        format!("location \"{typed}\" is no room of the plan and is compared as written (rooms: {})", ids.join(", ")),
                    ));
                    Some(typed.to_string())
                }
            },
        };
        if let Some(d) = h.get(Col::Date, &cells) {
            match parse_loose_date(d) {
                Some(d) => dates.push(d),
                None => problems.push(SheetNote::new(
                    line,
                    cell(Col::Date),
                    format!("盘点日期 \"{d}\" 不是日期: 写 2025-12-28 或 2025年12月28日"),
                    format!("count date \"{d}\" is not a date: write 2025-12-28"),
                )),
            }
        }
        out.push(CountRow {
            line,
            row,
            asset,
            name,
            location,
            counted,
            note: h.get(Col::Note, &cells).map(str::to_string),
        });
    }
    let Some(h) = header else {
        return Err(SourceError::new(
            path,
            first_line.unwrap_or(1),
            1,
            "找不到表头: 须有“资产编号”(asset) 列,可另有 资产名称/name、存放地点/location、实盘数量/counted、备注/note",
            "no header row: a column \"asset\" (资产编号) is needed, with name, location, counted and note as wanted",
        )
        .into());
    };
    if !problems.is_empty() {
        return Err(SheetError::Problems {
            path: path.to_path_buf(),
            problems,
        });
    }
    let rows_list = |rows: &[usize]| -> String {
        let mut v: Vec<String> = rows.iter().take(6).map(|r| r.to_string()).collect();
        if rows.len() > 6 {
            v.push("…".into());
        }
        v.join(", ")
    };
    let mut read: Vec<_> = read_rooms.into_iter().collect();
    read.sort_by_key(|(_, rows)| rows[0]);
    for ((typed, as_room), rows) in read {
        notes.push(SheetNote::new(
            rows[0],
            rows_list(&rows),
            format!(
                "存放地点 \"{typed}\" 按平面图读作 {as_room} (第 {} 行)",
                rows_list(&rows)
            ),
            format!(
                "location \"{typed}\" read as {as_room} of the plan (rows {})",
                rows_list(&rows)
            ),
        ));
    }
    if !read_counts.is_empty() {
        let rows: Vec<usize> = read_counts.iter().map(|r| r.0).collect();
        let shown: Vec<String> = read_counts.iter().take(6).map(|r| r.1.clone()).collect();
        notes.push(SheetNote::new(
            rows[0],
            rows_list(&rows),
            format!("实盘数量按件数读取: {}", shown.join("、")),
            format!("counts read as numbers of items: {}", shown.join(", ")),
        ));
    }
    if !skipped_total.is_empty() {
        notes.push(SheetNote::new(
            skipped_total[0],
            rows_list(&skipped_total),
            format!("合计/小计行未计入 (第 {} 行)", rows_list(&skipped_total)),
            format!("total rows left out (rows {})", rows_list(&skipped_total)),
        ));
    }
    if !skipped_signature.is_empty() {
        notes.push(SheetNote::new(
            skipped_signature[0],
            rows_list(&skipped_signature),
            format!(
                "签字/日期行未计入 (第 {} 行)",
                rows_list(&skipped_signature)
            ),
            format!(
                "signature and date lines left out (rows {})",
                rows_list(&skipped_signature)
            ),
        ));
    }
    Ok(CountSheet {
        path: path.to_path_buf(),
        rows: out,
        columns: h.columns(),
        date: dates.into_iter().max(),
        notes,
    })
}

/// Decode CSV bytes: UTF-8 (BOM or not), else GB18030 as Chinese Excel
/// saves plain CSV. Bytes that are neither are an error at their line.
fn decode(path: &Path, bytes: &[u8]) -> Result<String, SourceError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (text, _, bad) = encoding_rs::GB18030.decode(bytes);
            if !bad {
                return Ok(text.into_owned());
            }
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, col) = crate::io::line_col(good, good.len());
            Err(SourceError::new(
                path,
                line,
                col,
                "表格不是 UTF-8 或 GBK 编码的文本",
                "the table is neither UTF-8 nor GBK text",
            ))
        }
    }
}

/// One cell of a table file, typed as far as the file says.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Empty,
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A date cell of a workbook.
    Date(NaiveDate),
}

impl TableCell {
    /// The cell as text: numbers without a needless `.0`, dates `YYYY-MM-DD`.
    pub fn text(&self) -> String {
        match self {
            TableCell::Empty => String::new(),
            TableCell::Text(s) => s.clone(),
            TableCell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            TableCell::Number(f) => f.to_string(),
            TableCell::Date(d) => d.to_string(),
        }
    }
}

/// One row of a table file.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// 1-based line of a CSV file, or row of a worksheet.
    pub line: usize,
    /// The row as Excel numbers it (the record number of a CSV file).
    pub row: usize,
    pub cells: Vec<TableCell>,
}

/// A table as read from CSV or from a workbook's first worksheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub path: PathBuf,
    pub rows: Vec<TableRow>,
}

/// Parse CSV bytes into a table.
pub fn csv_table(path: &Path, bytes: &[u8]) -> Result<Table, SourceError> {
    // Excel ends lines with CRLF; the csv crate then reports each record one
    // line early (BurntSushi/rust-csv#395), so lines are made LF first
    let text = decode(path, bytes)?.replace("\r\n", "\n");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            SourceError::new(
                path,
                line,
                1,
                format!("CSV 格式错误: {e}"),
                format!("malformed CSV: {e}"),
            )
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        rows.push(TableRow {
            line,
            row: k + 1,
            cells: rec
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        TableCell::Empty
                    } else {
                        TableCell::Text(c.to_string())
                    }
                })
                .collect(),
        });
    }
    Ok(Table {
        path: path.to_path_buf(),
        rows,
    })
}

fn data_cell(d: &Data) -> TableCell {
    match d {
        Data::Empty => TableCell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => TableCell::Text(s.clone()),
        Data::Int(i) => TableCell::Number(*i as f64),
        Data::Float(f) => TableCell::Number(*f),
        Data::Bool(b) => TableCell::Text(b.to_string()),
        Data::DateTime(dt) => match excel_serial_date(dt.as_f64()) {
            Some(d) => TableCell::Date(d),
            None => TableCell::Number(dt.as_f64()),
        },
        Data::Error(e) => TableCell::Text(format!("#{e:?}")),
    }
}

/// A worksheet read by [`crate::io::xlsx`] as a table.
pub fn worksheet_table(path: &Path, sheet: crate::io::xlsx::Sheet) -> Table {
    Table {
        path: path.to_path_buf(),
        rows: sheet
            .rows
            .into_iter()
            .map(|r| TableRow {
                line: r.row,
                row: r.row,
                cells: r.cells.iter().map(data_cell).collect(),
            })
            .collect(),
    }
}

/// Read the first worksheet of an Excel workbook as a table, through the
/// one safe reader ([`crate::io::xlsx`]: sizes and cells bounded, cells
/// streamed).
pub fn workbook_table(path: &Path) -> Result<Table, LoadError> {
    let sheet = crate::io::xlsx::read_first_sheet(path)?;
    Ok(worksheet_table(path, sheet))
}

/// A count sheet from a worksheet read by [`crate::io::xlsx`].
pub fn from_worksheet(
    path: &Path,
    sheet: crate::io::xlsx::Sheet,
) -> Result<CountSheet, SourceError> {
    table_to_sheet(worksheet_table(path, sheet), None).map_err(|e| match LoadError::from(e) {
        LoadError::Source(s) => s,
        other => SourceError::new(path, 1, 1, other.to_string(), other.to_string()),
    })
}

/// Is this the file name of a workbook (rather than CSV)?
pub fn is_workbook(path: &Path) -> bool {
    crate::io::xlsx::is_workbook_name(path)
}

/// Read a table file: a workbook by its extension, otherwise CSV. The one
/// reader of count sheets and of `juwei register import`, through the safe
/// readers of [`crate::io`] (regular files only, sizes capped).
pub fn read_table(path: &Path) -> Result<Table, LoadError> {
    if is_workbook(path) {
        return workbook_table(path);
    }
    let bytes = crate::io::read_bytes(path)?;
    // a plan, register, profile or drawing given as a table: say so
    if let Some(e) = crate::io::kind::wrong_kind(path, &bytes, crate::io::kind::FileKind::Csv) {
        if crate::io::kind::sniff(&bytes) != Some(crate::io::kind::FileKind::Workbook) {
            return Err(e.into());
        }
    }
    Ok(csv_table(path, &bytes)?)
}

fn table_to_sheet(
    t: Table,
    rooms: Option<&HashMap<String, String>>,
) -> Result<CountSheet, SheetError> {
    let path = t.path.clone();
    rows_to_sheet(
        &path,
        t.rows
            .into_iter()
            .map(|r| (r.line, r.row, r.cells.iter().map(TableCell::text).collect())),
        rooms,
    )
}

/// Parse a CSV count sheet from its bytes (room names not resolved).
pub fn parse_csv(path: &Path, bytes: &[u8]) -> Result<CountSheet, SourceError> {
    let t = csv_table(path, bytes)?;
    table_to_sheet(t, None).map_err(|e| match LoadError::from(e) {
        LoadError::Source(s) => s,
        LoadError::Io { path, source } => {
            SourceError::new(&path, 1, 1, source.to_string(), source.to_string())
        }
    })
}

/// Read a count sheet, resolving room names through the plan's rooms (id →
/// name) when given; every problem of the sheet is reported together.
pub fn read_count_sheet(
    path: &Path,
    rooms: Option<&HashMap<String, String>>,
) -> Result<CountSheet, SheetError> {
    table_to_sheet(read_table(path)?, rooms)
}

/// Read a count sheet: an Excel workbook by its extension, otherwise CSV.
pub fn load_count_sheet(path: &Path) -> Result<CountSheet, LoadError> {
    Ok(read_count_sheet(path, None)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("s.csv")
    }

    #[test]
    fn chinese_headers_with_bom_and_title_row() {
        let text = "\u{feff}2025年固定资产盘点表,,,\n资产编号,资产名称,存放地点,实盘数量,备注\nZC-0001,电脑,R1,1,\n,电风扇,R2,,无标签\n\n合计,,,2,\n";
        let s = parse_csv(p(), text.as_bytes()).unwrap();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].asset.as_deref(), Some("ZC-0001"));
        assert_eq!(s.rows[0].line, 3);
        assert_eq!(s.rows[1].asset, None);
        // rev 2: a blank cell of the counted column is "not counted"
        assert_eq!(s.rows[1].counted, None);
        assert_eq!(s.rows[0].counted, Some(1));
        assert_eq!(s.rows[1].note.as_deref(), Some("无标签"));
    }

    #[test]
    fn lines_are_right_with_excel_crlf_endings() {
        let text = "\u{feff}资产编号,实盘数量,备注\r\nA,1,\r\nA,2,\"两行\r\n备注\"\r\nB,two,\r\n";
        let e = parse_csv(p(), text.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.col), (5, 2), "{e}");
        let s = parse_csv(p(), text.replace("two", "3").as_bytes()).unwrap();
        let lines: Vec<usize> = s.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
    }

    #[test]
    fn english_headers_in_any_order_and_gbk() {
        let text = "Counted,Location,Asset\n３,R1,ZC-9\n2.0,R2,ZC-8\n";
        let s = parse_csv(p(), text.as_bytes()).unwrap();
        assert_eq!(s.rows[0].counted, Some(3));
        assert_eq!(s.rows[1].counted, Some(2));
        let (gbk, _, _) = encoding_rs::GBK.encode("资产编号,实盘数量\n甲-1,2\n");
        let s = parse_csv(p(), &gbk).unwrap();
        assert_eq!(s.rows[0].asset.as_deref(), Some("甲-1"));
    }

    #[test]
    fn bad_count_is_located() {
        let text = "asset,counted\nA,1\nB,two\n";
        let e = parse_csv(p(), text.as_bytes()).unwrap_err();
        assert_eq!((e.line, e.col), (3, 2), "{e}");
        let e = parse_csv(p(), b"asset,counted\nA,-1\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse_csv(p(), b"asset,counted\nA,1.5\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn missing_header_and_nameless_row_are_errors() {
        let e = parse_csv(p(), "名称,数量\n椅子,2\n".as_bytes()).unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse_csv(p(), b"asset,name,location\nA,x,R1\n,,R2\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1));
        assert!(parse_csv(p(), b"").is_err());
    }

    #[test]
    fn every_problem_in_one_run_with_its_cell() {
        let text =
            "资产编号,资产名称,存放地点,实盘数量\nZC-1,电脑,R1,two\n,,R2,1\nZC-2,椅子,R1,没数\n";
        let e = read_csv_sheet(text, None).unwrap_err();
        let SheetError::Problems { problems, .. } = &e else {
            panic!("{e:?}")
        };
        let at: Vec<(usize, &str)> = problems.iter().map(|p| (p.line, p.cell.as_str())).collect();
        assert_eq!(at, [(2, "D2"), (3, "A3"), (4, "D4")]);
        let shown = e.display(Lang::Zh);
        assert!(shown.contains("3 处") && shown.contains("D4"), "{shown}");
        // as a located error: at the first, every one listed
        let l: LoadError = e.into();
        assert_eq!(l.location(), Some((2, 4)));
    }

    fn read_csv_sheet(
        text: &str,
        rooms: Option<&HashMap<String, String>>,
    ) -> Result<CountSheet, SheetError> {
        table_to_sheet(csv_table(p(), text.as_bytes()).unwrap(), rooms)
    }

    #[test]
    fn sheets_typed_with_excel_habits() {
        let rooms: HashMap<String, String> = [("R1", "办公室"), ("R2", "会议室")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let text = "\u{feff}2025年固定资产盘点表,,,,\n盘点日期: 2025年12月28日,,,,\n序号,资产编号,资产名称,存放地点,实盘数量(件),备注\n1,ZC-0001,电脑,办公室,1台,\n2,ZC-0002,椅子,R1 办公室,十二,\n3,ZC-0003,打印机,r2,,没数\n,,,合计,13,\n盘点人:张三,,监盘人:李四,,,\n";
        let s = read_csv_sheet(text, Some(&rooms)).unwrap();
        let got: Vec<(Option<&str>, Option<&str>, Option<u32>)> = s
            .rows
            .iter()
            .map(|r| (r.asset.as_deref(), r.location.as_deref(), r.counted))
            .collect();
        assert_eq!(
            got,
            [
                (Some("ZC-0001"), Some("R1"), Some(1)),
                (Some("ZC-0002"), Some("R1"), Some(12)),
                (Some("ZC-0003"), Some("R2"), None),
            ]
        );
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2025, 12, 28));
        assert_eq!(s.counted_cell(&s.rows[2]), "E6");
        let notes: Vec<&str> = s.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("办公室") && n.contains("R1")),
            "{notes:?}"
        );
        assert!(notes.iter().any(|n| n.contains("1台→1")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("合计")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("签字")), "{notes:?}");
    }
}
