//! The one safe way juwei reads an Excel workbook (`.xlsx`, `.xlsm`,
//! `.xlsb`), for count sheets and every other spreadsheet input.
//!
//! A workbook is a zip of XML parts, and a tiny one can describe an enormous
//! sheet: cells at A1 and XFD1048576 make calamine's `Range` allocate
//! rows × columns cells (an abort, whatever the memory), and a deflate bomb
//! inflates a few MB into GB. So, before calamine sees the file:
//!
//! - the file itself is read through [`super::read_bytes`] (regular files
//!   only, at most 64 MB);
//! - every zip part is inflated once, counting, and refused beyond
//!   [`MAX_PART_BYTES`] (and [`MAX_PARTS_BYTES`] in all, [`MAX_ZIP_ENTRIES`]
//!   parts);
//!
//! and then a sheet is never built as a `Range`: its declared dimension is
//! checked against [`MAX_SHEET_CELLS`], and its cells are streamed with
//! calamine's cell reader into sparse rows, refusing a used area beyond the
//! same limit. Every refusal names the limit (exit 2).
//!
//! Old `.xls` and OpenDocument `.ods` are refused with the advice to save as
//! `.xlsx` or CSV: calamine reads them only whole, into exactly the
//! rows × columns allocation that cannot be bounded (`docs/limits.md`).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader, Xlsb, Xlsx};

use super::{LoadError, Refusal, SourceError};

/// The largest zip part (one sheet's XML, the shared strings…) inflated.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes inflated over all parts of one workbook.
pub const MAX_PARTS_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts in one workbook.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The largest used area of a sheet, rows × columns (e.g. 10,000 rows of
/// 100 columns). A committee's count sheet has a few hundred rows.
pub const MAX_SHEET_CELLS: u64 = 1_000_000;

/// One row of a sheet: its number (1-based, as Excel shows it) and its cells
/// from column A on (empty cells before the last one filled in).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub row: usize,
    pub cells: Vec<Data>,
}

/// A sheet read in full, rows in order, empty rows left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<SheetRow>,
}

enum Inner {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Xlsb(Box<Xlsb<Cursor<Vec<u8>>>>),
}

/// An open workbook whose parts have been measured.
pub struct Workbook {
    path: PathBuf,
    inner: Inner,
}

/// Is this a workbook by its extension (including the refused old kinds)?
pub fn is_workbook_name(path: &Path) -> bool {
    matches!(
        extension(path).as_str(),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods"
    )
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn refuse(path: &Path, zh: String, en: String) -> LoadError {
    LoadError::io(path, Refusal::error(zh, en))
}

fn bad(path: &Path, zh: String, en: String) -> LoadError {
    SourceError::new(path, 1, 1, zh, en).into()
}

fn mb(n: u64) -> String {
    super::read::megabytes(n)
}

/// Inflate every part once, counting, refusing a bomb before calamine
/// inflates it for real.
fn measure_zip(path: &Path, bytes: &[u8]) -> Result<(), LoadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        bad(
            path,
            format!("不是有效的 Excel 工作簿(zip 结构损坏): {e}"),
            format!("not a valid Excel workbook (broken zip): {e}"),
        )
    })?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(refuse(
            path,
            format!(
                "工作簿含 {} 个部件,超过 {MAX_ZIP_ENTRIES} 个的上限",
                zip.len()
            ),
            format!(
                "the workbook has {} parts, more than the limit of {MAX_ZIP_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut sink = [0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| {
            bad(
                path,
                format!("工作簿的第 {} 个部件无法读取: {e}", i + 1),
                format!("part {} of the workbook cannot be read: {e}", i + 1),
            )
        })?;
        let name = part
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("#{}", i + 1));
        // a worksheet's XML is kept to check its cell references
        let sheet_xml = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let mut xml = Vec::new();
        let mut size = 0u64;
        loop {
            let n = match part.read(&mut sink) {
                Ok(0) => break,
                Ok(n) => {
                    if sheet_xml {
                        xml.extend_from_slice(&sink[..n]);
                    }
                    n as u64
                }
                Err(e) => {
                    return Err(bad(
                        path,
                        format!("工作簿部件 {name} 无法解压: {e}"),
                        format!("the workbook part {name} cannot be inflated: {e}"),
                    ))
                }
            };
            size += n;
            total += n;
            if size > MAX_PART_BYTES {
                return Err(refuse(
                    path,
                    format!("工作簿部件 {name} 解压后超过 {} 的上限", mb(MAX_PART_BYTES)),
                    format!(
                        "the workbook part {name} inflates beyond the limit of {}",
                        mb(MAX_PART_BYTES)
                    ),
                ));
            }
            if total > MAX_PARTS_BYTES {
                return Err(refuse(
                    path,
                    format!("工作簿解压后超过 {} 的上限", mb(MAX_PARTS_BYTES)),
                    format!(
                        "the workbook inflates beyond the limit of {}",
                        mb(MAX_PARTS_BYTES)
                    ),
                ));
            }
        }
        if let Some(bad) = bad_cell_reference(&xml) {
            return Err(bad_ref(path, &name, &bad));
        }
    }
    Ok(())
}

fn bad_ref(path: &Path, part: &str, r: &str) -> LoadError {
    bad(
        path,
        format!("工作表 {part} 中的单元格引用 \"{r}\" 超出 Excel 的表格范围"),
        format!("the cell reference \"{r}\" in {part} is outside Excel's grid"),
    )
}

/// The first `r="…"` or `ref="…"` value of a worksheet's XML that is not a
/// cell, row or range within Excel's grid (at most 3 letters, 7 digits):
/// calamine's parser overflows on longer ones.
fn bad_cell_reference(xml: &[u8]) -> Option<String> {
    let ok_cell = |c: &[u8]| {
        let c = c.strip_prefix(b"$").unwrap_or(c);
        let letters = c.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let rest = &c[letters..];
        let rest = rest.strip_prefix(b"$").unwrap_or(rest);
        letters <= 3 && rest.len() <= 7 && rest.iter().all(u8::is_ascii_digit)
    };
    for key in [&b" r=\""[..], &b" ref=\""[..]] {
        let mut at = 0;
        while let Some(k) = find(&xml[at..], key) {
            let start = at + k + key.len();
            let end = xml[start..]
                .iter()
                .position(|&b| b == b'"')
                .map_or(xml.len(), |e| start + e);
            let value = &xml[start..end];
            // `ref` of merged cells, tables, formulas: ranges, lists of ranges
            let ok = value
                .split(|&b| b == b' ' || b == b':')
                .all(|c| c.len() <= 16 && ok_cell(c));
            if !ok {
                return Some(String::from_utf8_lossy(&value[..value.len().min(40)]).into_owned());
            }
            at = end;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn too_large(path: &Path, sheet: &str, rows: u64, cols: u64) -> LoadError {
    refuse(
        path,
        format!(
            "工作表 \"{sheet}\" 的范围为 {rows} 行 × {cols} 列,超过 {MAX_SHEET_CELLS} 个单元格的上限(请删去远处的零散单元格)"
        ),
        format!(
            "the sheet \"{sheet}\" spans {rows} rows × {cols} columns, beyond the limit of {MAX_SHEET_CELLS} cells (delete stray far-away cells)"
        ),
    )
}

fn owned(d: DataRef<'_>) -> Data {
    match d {
        DataRef::Int(i) => Data::Int(i),
        DataRef::Float(f) => Data::Float(f),
        DataRef::String(s) => Data::String(s),
        DataRef::SharedString(s) => Data::String(s.to_string()),
        DataRef::Bool(b) => Data::Bool(b),
        DataRef::DateTime(d) => Data::DateTime(d),
        DataRef::DateTimeIso(s) => Data::DateTimeIso(s),
        DataRef::DurationIso(s) => Data::DurationIso(s),
        DataRef::Error(e) => Data::Error(e),
        DataRef::Empty => Data::Empty,
    }
}

/// Collects streamed cells into sparse rows, keeping the used area bounded.
struct Collector<'p> {
    path: &'p Path,
    sheet: String,
    cells: Vec<(u32, u32, Data)>,
    min_row: u32,
    max_row: u32,
    max_col: u32,
}

impl Collector<'_> {
    fn push(&mut self, (row, col): (u32, u32), value: Data) -> Result<(), LoadError> {
        if matches!(value, Data::Empty) {
            return Ok(());
        }
        self.min_row = self.min_row.min(row);
        self.max_row = self.max_row.max(row);
        self.max_col = self.max_col.max(col);
        let rows = u64::from(self.max_row - self.min_row) + 1;
        let cols = u64::from(self.max_col) + 1;
        if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
            return Err(too_large(self.path, &self.sheet, rows, cols));
        }
        self.cells.push((row, col, value));
        Ok(())
    }

    fn finish(mut self) -> Sheet {
        self.cells.sort_by_key(|c| (c.0, c.1));
        let mut rows: Vec<SheetRow> = Vec::new();
        for (row, col, value) in self.cells {
            let number = row as usize + 1;
            if rows.last().is_none_or(|r| r.row != number) {
                rows.push(SheetRow {
                    row: number,
                    cells: Vec::new(),
                });
            }
            let cells = &mut rows.last_mut().expect("just pushed").cells;
            let col = col as usize;
            if cells.len() <= col {
                cells.resize(col + 1, Data::Empty);
            }
            cells[col] = value;
        }
        Sheet {
            name: self.sheet,
            rows,
        }
    }
}

impl Workbook {
    /// Open a workbook safely (see the module's notes); `.xls` and `.ods`
    /// are refused with advice.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let ext = extension(path);
        if matches!(ext.as_str(), "xls" | "ods") {
            return Err(refuse(
                path,
                format!("不读取 .{ext} 格式(无法限定其大小),请在 Excel/WPS 中另存为 .xlsx 或 CSV"),
                format!("the .{ext} format is not read (its size cannot be bounded); save it as .xlsx or CSV in Excel/WPS"),
            ));
        }
        Workbook::from_bytes(path, super::read_bytes(path)?)
    }

    /// Open a workbook from its bytes (`path` names it in messages and
    /// gives the kind by its extension: `.xlsb`, else `.xlsx`).
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Self, LoadError> {
        let ext = extension(path);
        measure_zip(path, &bytes)?;
        let unreadable = |e: String| {
            bad(
                path,
                format!("无法读取 Excel 工作簿: {e}"),
                format!("cannot read the workbook: {e}"),
            )
        };
        let open = std::panic::catch_unwind(|| {
            if ext == "xlsb" {
                Xlsb::new(Cursor::new(bytes))
                    .map(|x| Inner::Xlsb(Box::new(x)))
                    .map_err(|e| e.to_string())
            } else {
                Xlsx::new(Cursor::new(bytes))
                    .map(|x| Inner::Xlsx(Box::new(x)))
                    .map_err(|e| e.to_string())
            }
        });
        let inner = match open {
            Ok(Ok(inner)) => inner,
            Ok(Err(e)) => return Err(unreadable(e)),
            Err(_) => return Err(unreadable("the file's structure is broken".to_string())),
        };
        Ok(Workbook {
            path: path.to_path_buf(),
            inner,
        })
    }

    /// The sheets' names, in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.inner {
            Inner::Xlsx(x) => x.sheet_names(),
            Inner::Xlsb(x) => x.sheet_names(),
        }
    }

    /// Read sheet number `index` (0-based) in full, streaming its cells. A
    /// panic inside calamine on some unforeseen input is an error, not a
    /// crash.
    pub fn read_sheet(&mut self, index: usize) -> Result<Sheet, LoadError> {
        let path = self.path.clone();
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.read_sheet_inner(index)
        }))
        .unwrap_or_else(|_| {
            Err(bad(
                &path,
                "无法读取工作表(文件结构异常)".to_string(),
                "cannot read the sheet (the file's structure is broken)".to_string(),
            ))
        })
    }

    fn read_sheet_inner(&mut self, index: usize) -> Result<Sheet, LoadError> {
        let path = self.path.clone();
        let Some(name) = self.sheet_names().get(index).cloned() else {
            return Err(bad(
                &path,
                "工作簿中没有工作表".to_string(),
                "the workbook has no sheet".to_string(),
            ));
        };
        let cannot = |e: String| {
            bad(
                &path,
                format!("无法读取工作表 \"{name}\": {e}"),
                format!("cannot read the sheet \"{name}\": {e}"),
            )
        };
        let mut c = Collector {
            path: &path,
            sheet: name.clone(),
            cells: Vec::new(),
            min_row: u32::MAX,
            max_row: 0,
            max_col: 0,
        };
        let declared_ok = |d: calamine::Dimensions| -> Result<(), LoadError> {
            let rows = u64::from(d.end.0.saturating_sub(d.start.0)) + 1;
            let cols = u64::from(d.end.1) + 1;
            if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
                return Err(too_large(&path, &name, rows, cols));
            }
            Ok(())
        };
        match &mut self.inner {
            Inner::Xlsx(x) => {
                let mut r = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| cannot(e.to_string()))?;
                declared_ok(r.dimensions())?;
                while let Some(cell) = r.next_cell().map_err(|e| cannot(e.to_string()))? {
                    let pos = cell.get_position();
                    c.push(pos, owned(cell.get_value().clone()))?;
                }
            }
            Inner::Xlsb(x) => {
                let mut r = x
                    .worksheet_cells_reader(&name)
                    .map_err(|e| cannot(e.to_string()))?;
                declared_ok(r.dimensions())?;
                while let Some(cell) = r.next_cell().map_err(|e| cannot(e.to_string()))? {
                    let pos = cell.get_position();
                    c.push(pos, owned(cell.get_value().clone()))?;
                }
            }
        }
        Ok(c.finish())
    }
}

/// Read the first sheet of the workbook at `path`, safely.
pub fn read_first_sheet(path: &Path) -> Result<Sheet, LoadError> {
    Workbook::open(path)?.read_sheet(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal xlsx whose sheet XML is `sheet_data` (inside <sheetData>),
    /// with a declared dimension.
    pub(crate) fn tiny_xlsx(dimension: &str, sheet_data: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            let mut add = |name: &str, body: &str| {
                z.start_file(name, o).unwrap();
                z.write_all(body.as_bytes()).unwrap();
            };
            add(
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            );
            add(
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            );
            add(
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            );
            add(
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            );
            add(
                "xl/worksheets/sheet1.xml",
                &format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>"#
                ),
            );
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn reads_a_small_sheet_sparsely() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            dir.path(),
            "s.xlsx",
            &tiny_xlsx(
                "A1:C3",
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>资产编号</t></is></c><c r="B1" t="inlineStr"><is><t>实盘数量</t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>ZC-1</t></is></c><c r="C3"><v>2</v></c></row>"#,
            ),
        );
        let s = read_first_sheet(&p).unwrap();
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[1].row, 3);
        assert_eq!(s.rows[1].cells.len(), 3);
        assert_eq!(s.rows[1].cells[1], Data::Empty);
    }

    /// The 1.8 KB workbook that aborted juwei 0.1: cells at A1 and
    /// XFD1048576, with the dimension declared honestly or not at all.
    #[test]
    fn far_apart_cells_are_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let data = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#;
        for dim in ["A1:XFD1048576", "A1"] {
            let bytes = tiny_xlsx(dim, data);
            assert!(bytes.len() < 4096);
            let p = write(dir.path(), "bomb.xlsx", &bytes);
            let e = read_first_sheet(&p).unwrap_err();
            let en = e.display(crate::model::Lang::En);
            assert!(en.contains("1000000 cells"), "{en}");
            assert!(e.display(crate::model::Lang::Zh).contains("上限"));
        }
    }

    #[test]
    fn a_deflate_bomb_is_refused_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        // 70 MB of one repeated row inflates from well under 1 MB
        let row = r#"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#;
        let big = row.repeat(70 * 1024 * 1024 / row.len());
        let bytes = tiny_xlsx("A1", &big);
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let p = write(dir.path(), "deflate.xlsx", &bytes);
        let e = read_first_sheet(&p).unwrap_err();
        assert!(
            e.display(crate::model::Lang::En).contains("64 MB"),
            "{}",
            e.display(crate::model::Lang::En)
        );
    }

    /// Found by the fuzzer: calamine's reference parser overflows on a
    /// row or column number longer than Excel's.
    #[test]
    fn references_beyond_the_grid_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for data in [
            r#"<row r="9223372036854775807"><c r="A1"><v>1</v></c></row>"#,
            r#"<row r="1"><c r="C9223372036854775807"><v>1</v></c></row>"#,
            r#"<row r="1"><c r="ABCDEFGHIJ1"><v>1</v></c></row>"#,
        ] {
            let p = write(dir.path(), "r.xlsx", &tiny_xlsx("A1", data));
            let e = read_first_sheet(&p).unwrap_err();
            assert!(
                e.display(crate::model::Lang::En)
                    .contains("outside Excel's grid"),
                "{e}"
            );
        }
        let ok = r#"<row r="1" spans="1:2"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>"#;
        let p = write(dir.path(), "ok.xlsx", &tiny_xlsx("A1:B1", ok));
        assert!(read_first_sheet(&p).is_ok());
    }

    #[test]
    fn old_formats_and_garbage_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "old.xls", b"\xd0\xcf\x11\xe0");
        let e = read_first_sheet(&p).unwrap_err();
        assert!(e.display(crate::model::Lang::En).contains(".xlsx or CSV"));
        let p = write(dir.path(), "junk.xlsx", b"PK\x03\x04 not really");
        assert!(read_first_sheet(&p).is_err());
    }
}
