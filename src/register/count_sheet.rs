//! The stocktake count sheet: what the staff wrote down walking the rooms,
//! as CSV (UTF-8 with or without a BOM, as Excel saves it; GB18030/GBK, as
//! Chinese Excel's plain "CSV" saves it, is accepted too) or as an Excel
//! workbook (.xlsx, .xlsm, .xlsb: the first worksheet, read through
//! [`crate::io::xlsx`]; old .xls and .ods are refused with advice).
//!
//! The header row names the columns in Chinese or English
//! (`docs/formats/register-format.md`); other columns are ignored, a title
//! row above the header is skipped, and so are empty rows and total rows.

use std::path::{Path, PathBuf};

use calamine::Data;

use crate::io::{LoadError, SourceError};

/// One row of a count sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountRow {
    /// Line in the CSV file, or row number in the worksheet (1-based).
    pub line: usize,
    /// The id on the label; `None` for a thing found with no label.
    pub asset: Option<String>,
    pub name: Option<String>,
    /// Room where it was found.
    pub location: Option<String>,
    /// How many were found (1 when the cell is empty).
    pub counted: u32,
    pub note: Option<String>,
}

/// A whole count sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSheet {
    pub path: PathBuf,
    pub rows: Vec<CountRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Asset,
    Name,
    Location,
    Counted,
    Note,
}

const COLS: [Col; 5] = [
    Col::Asset,
    Col::Name,
    Col::Location,
    Col::Counted,
    Col::Note,
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
                    "数量",
                ],
            ),
            Col::Note => (&["note", "备注"], &["notes", "remark", "remarks", "说明"]),
        }
    }
}

/// Header text as compared: trimmed, lower case, no spaces, without a
/// trailing unit in brackets (`实盘数量(件)`).
fn norm_header(s: &str) -> String {
    let s = s.trim_start_matches('\u{feff}');
    let s = s
        .split(['(', '（', '['])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '*')
        .collect()
}

/// Column positions found in a header row.
#[derive(Debug, Default)]
struct Header {
    at: [Option<usize>; 5],
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
        let k = COLS.iter().position(|c| *c == col)?;
        let i = self.at[k]?;
        let v = cells.get(i)?.trim();
        (!v.is_empty()).then_some(v)
    }

    fn index(&self, col: Col) -> Option<usize> {
        self.at[COLS.iter().position(|c| *c == col)?]
    }
}

/// A row written for people, not for the count: 合计 / 小计 / Total.
fn is_total_row(first: &str) -> bool {
    let f = first.trim().to_lowercase();
    ["合计", "小计", "总计", "total", "subtotal"]
        .iter()
        .any(|t| f.starts_with(t))
}

/// Full-width digits (from a Chinese input method) as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect()
}

fn parse_count(s: &str) -> Option<u32> {
    let s = ascii_digits(s.trim());
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    // Excel writes whole numbers of a number-formatted column as `3.0`.
    let f: f64 = s.parse().ok()?;
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX)).then_some(f as u32)
}

/// The letters of a 0-based column index (`0` → `A`, `27` → `AB`).
fn col_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Rows of cells (with their 1-based line) to count rows.
fn rows_to_sheet(
    path: &Path,
    rows: impl Iterator<Item = (usize, Vec<String>)>,
    xlsx: bool,
) -> Result<CountSheet, SourceError> {
    let mut header: Option<Header> = None;
    let mut out = Vec::new();
    let mut first_line = None;
    let mut looked = 0usize;
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        first_line.get_or_insert(line);
        let Some(h) = &header else {
            header = Header::find(&cells);
            looked += 1;
            if header.is_none() && looked >= 20 {
                break;
            }
            continue;
        };
        let asset = h.get(Col::Asset, &cells).map(str::to_string);
        let name = h.get(Col::Name, &cells).map(str::to_string);
        if let Some(a) = &asset {
            if is_total_row(a) {
                continue;
            }
        }
        if asset.is_none() && name.is_none() {
            let anything_else = [Col::Location, Col::Counted]
                .iter()
                .any(|c| h.get(*c, &cells).is_some());
            if !anything_else {
                // a note alone, a signature line: not a counted thing
                continue;
            }
            let col = h.index(Col::Asset).unwrap_or(0);
            return Err(SourceError::new(
                path,
                line,
                col + 1,
                "此行既无资产编号也无资产名称: 无标签的物品须写明名称",
                "this row has neither an asset id nor a name: a thing without a label needs its name",
            ));
        }
        let counted = match h.get(Col::Counted, &cells) {
            None => 1,
            Some(s) => match parse_count(s) {
                Some(n) => n,
                None => {
                    let col = h.index(Col::Counted).unwrap_or(0);
                    let cell = if xlsx {
                        format!(" ({}{line})", col_letters(col))
                    } else {
                        String::new()
                    };
                    return Err(SourceError::new(
                        path,
                        line,
                        col + 1,
                        format!("实盘数量 \"{s}\"{cell} 不是非负整数"),
                        format!("counted \"{s}\"{cell} is not a whole number of items"),
                    ));
                }
            },
        };
        out.push(CountRow {
            line,
            asset,
            name,
            location: h.get(Col::Location, &cells).map(str::to_string),
            counted,
            note: h.get(Col::Note, &cells).map(str::to_string),
        });
    }
    if header.is_none() {
        return Err(SourceError::new(
            path,
            first_line.unwrap_or(1),
            1,
            "找不到表头: 须有“资产编号”(asset) 列,可另有 资产名称/name、存放地点/location、实盘数量/counted、备注/note",
            "no header row: a column \"asset\" (资产编号) is needed, with name, location, counted and note as wanted",
        ));
    }
    Ok(CountSheet {
        path: path.to_path_buf(),
        rows: out,
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
                "盘点表不是 UTF-8 或 GBK 编码的文本",
                "the count sheet is neither UTF-8 nor GBK text",
            ))
        }
    }
}

/// Parse a CSV count sheet from its bytes.
pub fn parse_csv(path: &Path, bytes: &[u8]) -> Result<CountSheet, SourceError> {
    // Excel ends lines with CRLF; the csv crate then reports each record one
    // line early (BurntSushi/rust-csv#395), so lines are made LF first
    let text = decode(path, bytes)?.replace("\r\n", "\n");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.records() {
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
        rows.push((line, rec.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    rows_to_sheet(path, rows.into_iter(), false)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel's serial day numbers count from 1899-12-30
        Data::DateTime(dt) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.checked_add_signed(chrono::TimeDelta::days(dt.as_f64().floor() as i64)))
            .map(|d| d.to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Read the first worksheet of an Excel workbook, through the one safe
/// reader ([`crate::io::xlsx`]: sizes and cells bounded, cells streamed).
pub fn load_workbook(path: &Path) -> Result<CountSheet, LoadError> {
    let sheet = crate::io::xlsx::read_first_sheet(path)?;
    Ok(from_worksheet(path, sheet)?)
}

/// A count sheet from a worksheet read by [`crate::io::xlsx`].
pub fn from_worksheet(
    path: &Path,
    sheet: crate::io::xlsx::Sheet,
) -> Result<CountSheet, SourceError> {
    let rows = sheet
        .rows
        .into_iter()
        .map(|r| (r.row, r.cells.iter().map(cell_text).collect::<Vec<_>>()));
    rows_to_sheet(path, rows, true)
}

/// Read a count sheet: an Excel workbook by its extension, otherwise CSV.
pub fn load_count_sheet(path: &Path) -> Result<CountSheet, LoadError> {
    if crate::io::xlsx::is_workbook_name(path) {
        return load_workbook(path);
    }
    let bytes = crate::io::read_bytes(path)?;
    Ok(parse_csv(path, &bytes)?)
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
        assert_eq!(s.rows[1].counted, 1);
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
        assert_eq!(s.rows[0].counted, 3);
        assert_eq!(s.rows[1].counted, 2);
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
    fn column_letters() {
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(27), "AB");
    }
}
