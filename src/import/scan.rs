//! A light pass over the code pairs of an ASCII DXF file, before the `dxf`
//! crate reads it.
//!
//! It does what the crate does not: tells a file that is not DXF, or that was
//! cut short, from a drawing (with the line where it goes wrong); reads the
//! header variables that decide how the rest is read (`$ACADVER`,
//! `$DWGCODEPAGE`, `$INSUNITS`, whether it is there at all); remembers the line
//! of every entity by handle, for messages; and reads the boundary paths of
//! HATCH entities, which `dxf` 0.6 skips.

use std::collections::HashMap;
use std::path::Path;

use encoding_rs::Encoding;

use crate::io::SourceError;

/// What the pass found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    pub acadver: Option<String>,
    pub codepage: Option<String>,
    /// `$INSUNITS`, when the header has it.
    pub insunits: Option<i32>,
    /// The encoding of strings in the file.
    pub encoding: Option<&'static Encoding>,
    /// Set when the text is not in the encoding the header declares (this
    /// one), but in [`Scan::encoding`].
    pub encoding_guessed: Option<&'static Encoding>,
    /// HATCH entities of the model space, boundary paths read.
    pub hatches: Vec<RawHatch>,
    /// Line of the type name (`LWPOLYLINE`) of each entity of the ENTITIES
    /// section, by handle (upper-case hex).
    pub lines: HashMap<String, usize>,
    /// The insertion point (its own 10/20 codes) of each MTEXT, by handle:
    /// AutoCAD 2018 and later append an embedded object (code 101) with
    /// 10/20 codes of its own (a direction, (1, 0)), which a reader taking
    /// the last 10/20 would use as the insertion point.
    pub mtext_at: HashMap<String, (f64, f64)>,
}

/// One vertex of a boundary: the bulge belongs to the segment that starts here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BulgeVertex {
    pub x: f64,
    pub y: f64,
    pub bulge: f64,
}

/// A HATCH entity: its layer, handle and boundary paths (each a closed ring of
/// vertices with bulges), or why its paths could not be read.
#[derive(Debug, Clone)]
pub(crate) struct RawHatch {
    pub handle: String,
    pub layer: String,
    pub line: Option<usize>,
    /// The OCS z axis points down: x is mirrored.
    pub mirrored: bool,
    pub paths: Vec<Vec<BulgeVertex>>,
    /// Set when a path could not be read (a spline edge, a malformed path):
    /// the words for the warning, Chinese and English.
    pub problem: Option<(String, String)>,
}

struct Pair<'a> {
    line: usize,
    code: i32,
    value: &'a [u8],
}

/// Scan the bytes of a DXF file.
pub(crate) fn scan(path: &Path, bytes: &[u8]) -> Result<Scan, SourceError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::new(
            path,
            1,
            1,
            "文件是空的,不是 DXF 图纸",
            "the file is empty: it is not a DXF drawing",
        ));
    }
    let pairs = pairs(path, bytes)?;
    check_start(path, &pairs)?;
    check_end(path, bytes, &pairs)?;

    let mut scan = Scan::default();
    header(path, &pairs, &mut scan)?;
    let declared = encoding_for(scan.acadver.as_deref(), scan.codepage.as_deref());
    let encoding = sniff(declared, bytes);
    if encoding != declared {
        scan.encoding_guessed = Some(declared);
    }
    scan.encoding = Some(encoding);
    let mut section: &[u8] = b"";
    let mut i = 0;
    while i < pairs.len() {
        let p = &pairs[i];
        if p.code == 0 && trim(p.value) == b"SECTION" {
            section = pairs
                .get(i + 1)
                .filter(|n| n.code == 2)
                .map_or(b"", |n| trim(n.value));
            i += 1;
            continue;
        }
        if p.code == 0 && trim(p.value) == b"ENDSEC" {
            section = b"";
            i += 1;
            continue;
        }
        match section {
            b"ENTITIES" if p.code == 0 => {
                let end = pairs[i + 1..]
                    .iter()
                    .position(|q| q.code == 0)
                    .map_or(pairs.len(), |k| i + 1 + k);
                let body = &pairs[i + 1..end];
                if let Some(h) = body.iter().find(|q| q.code == 5) {
                    let handle = decode(encoding, trim(h.value)).to_ascii_uppercase();
                    if trim(p.value) == b"MTEXT" {
                        if let Some(at) = mtext_insertion(body) {
                            scan.mtext_at.insert(handle.clone(), at);
                        }
                    }
                    scan.lines.insert(handle, p.line + 1);
                }
                if trim(p.value) == b"HATCH" {
                    let paper = body
                        .iter()
                        .find(|q| q.code == 67)
                        .is_some_and(|q| trim(q.value) == b"1");
                    if !paper {
                        scan.hatches
                            .push(read_hatch(path, encoding, p.line + 1, body)?);
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(scan)
}

/// An MTEXT's own insertion point: the first 10 and 20 codes, before any
/// embedded object (code 101).
fn mtext_insertion(body: &[Pair]) -> Option<(f64, f64)> {
    let own = body
        .iter()
        .position(|q| q.code == 101)
        .map_or(body, |k| &body[..k]);
    let num = |code: i32| -> Option<f64> {
        let q = own.iter().find(|q| q.code == code)?;
        std::str::from_utf8(trim(q.value)).ok()?.parse::<f64>().ok()
    };
    let (x, y) = (num(10)?, num(20)?);
    (x.is_finite() && y.is_finite()).then_some((x, y))
}

/// The header variables that decide how the rest is read.
fn header(path: &Path, pairs: &[Pair], scan: &mut Scan) -> Result<(), SourceError> {
    let mut in_header = false;
    for (i, p) in pairs.iter().enumerate() {
        if p.code == 0 {
            let v = trim(p.value);
            if v == b"SECTION" {
                in_header = pairs
                    .get(i + 1)
                    .is_some_and(|n| n.code == 2 && trim(n.value) == b"HEADER");
            } else if v == b"ENDSEC" && in_header {
                break;
            }
            continue;
        }
        if !in_header || p.code != 9 {
            continue;
        }
        let Some(v) = pairs.get(i + 1) else { break };
        match trim(p.value) {
            b"$ACADVER" => scan.acadver = Some(String::from_utf8_lossy(trim(v.value)).into_owned()),
            b"$DWGCODEPAGE" => {
                scan.codepage = Some(String::from_utf8_lossy(trim(v.value)).into_owned())
            }
            b"$INSUNITS" => scan.insunits = Some(parse_int(path, v)?),
            _ => {}
        }
    }
    Ok(())
}

/// The encoding the text is really in. Chinese drawings often declare the
/// Western code page 1252 (the default of many tools) while their text is
/// GBK, and some that claim UTF-8 (AutoCAD 2007 and later) hold GBK bytes:
/// when the declared encoding cannot be right and the bytes read cleanly as
/// GBK, nine in ten of them as pairs of the GB2312 range (the characters of
/// everyday Chinese, both bytes 0xA1 or above — Western accented letters come
/// alone between ASCII letters), GBK it is.
pub(crate) fn sniff(declared: &'static Encoding, bytes: &[u8]) -> &'static Encoding {
    if bytes.is_ascii() {
        return declared;
    }
    let plausible = declared == encoding_rs::WINDOWS_1252
        || (declared == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err());
    if !plausible
        || encoding_rs::GBK
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_none()
    {
        return declared;
    }
    let (mut pairs, mut others) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
        } else if (0xA1..=0xF7).contains(&b)
            && bytes.get(i + 1).is_some_and(|&t| t >= 0xA1 && t != 0xFF)
        {
            pairs += 1;
            i += 2;
        } else {
            others += 1;
            i += 1;
        }
    }
    if pairs > 0 && pairs * 10 >= (pairs + others) * 9 {
        encoding_rs::GBK
    } else {
        declared
    }
}

/// The encoding of strings: UTF-8 from AutoCAD 2007 (`AC1021`) on, the
/// drawing's code page before.
pub(crate) fn encoding_for(acadver: Option<&str>, codepage: Option<&str>) -> &'static Encoding {
    let version = acadver
        .and_then(|v| v.strip_prefix("AC"))
        .and_then(|n| n.parse::<u32>().ok());
    if version.is_some_and(|n| n >= 1021) {
        return encoding_rs::UTF_8;
    }
    let label = match codepage.map(|c| c.trim().to_ascii_uppercase()) {
        Some(c) => match c.as_str() {
            "ANSI_936" | "GB2312" | "GBK" => "gbk",
            "ANSI_950" | "BIG5" => "big5",
            "ANSI_932" | "DOS932" => "shift_jis",
            "ANSI_949" => "euc-kr",
            "ANSI_874" => "windows-874",
            c if c.starts_with("ANSI_125") => match &c[5..] {
                "1250" => "windows-1250",
                "1251" => "windows-1251",
                "1253" => "windows-1253",
                "1254" => "windows-1254",
                "1255" => "windows-1255",
                "1256" => "windows-1256",
                "1257" => "windows-1257",
                "1258" => "windows-1258",
                _ => "windows-1252",
            },
            _ => "windows-1252",
        },
        None => "windows-1252",
    };
    Encoding::for_label(label.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252)
}

fn decode(encoding: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _, _) = encoding.decode(bytes);
    super::text::decode_escapes(&text)
}

fn trim(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// Split into code/value pairs, each code line parsed; an odd line out or a
/// code that is not an integer is an error at its line.
fn pairs<'a>(path: &Path, bytes: &'a [u8]) -> Result<Vec<Pair<'a>>, SourceError> {
    // blank lines after the last pair are no pair
    let mut lines = bytes
        .trim_ascii_end()
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .enumerate()
        .map(|(n, l)| (n + 1, l));
    let mut out = Vec::with_capacity(bytes.len() / 12);
    while let Some((line, code_line)) = lines.next() {
        let code_text = trim(code_line);
        let code = std::str::from_utf8(code_text)
            .ok()
            .and_then(|s| s.parse::<i32>().ok())
            .ok_or_else(|| {
                let shown: String = String::from_utf8_lossy(code_text).chars().take(40).collect();
                if line == 1 {
                    SourceError::new(
                        path,
                        1,
                        1,
                        format!("不是 DXF 图纸: 第一行应为组码 0,读到 \"{shown}\""),
                        format!("not a DXF drawing: the first line should be group code 0, found \"{shown}\""),
                    )
                } else {
                    SourceError::new(
                        path,
                        line,
                        1,
                        format!("此处应为组码(整数),读到 \"{shown}\";文件可能已损坏"),
                        format!("expected a group code (an integer), found \"{shown}\"; the file may be damaged"),
                    )
                }
            })?;
        let Some((_, value)) = lines.next() else {
            return Err(SourceError::new(
                path,
                line,
                code_line.len() + 1,
                format!("文件在组码 {code} 之后意外结束,缺少其取值:文件不完整"),
                format!("the file ends after group code {code} without its value: it is truncated"),
            ));
        };
        let pair = Pair { line, code, value };
        match value_kind(code) {
            Kind::Float => {
                parse_float(path, &pair)?;
            }
            Kind::Int => {
                parse_int(path, &pair)?;
            }
            Kind::Text => {}
        }
        out.push(pair);
    }
    Ok(out)
}

enum Kind {
    Float,
    Int,
    Text,
}

/// The type of a group code's value (DXF reference, "Group code value types").
fn value_kind(code: i32) -> Kind {
    match code {
        10..=59 | 110..=149 | 210..=239 | 460..=469 | 1010..=1059 => Kind::Float,
        60..=99
        | 160..=179
        | 270..=299
        | 370..=389
        | 400..=409
        | 420..=429
        | 440..=459
        | 1060..=1071 => Kind::Int,
        _ => Kind::Text,
    }
}

fn check_start(path: &Path, pairs: &[Pair]) -> Result<(), SourceError> {
    let first = pairs.iter().find(|p| p.code != 999);
    match first {
        Some(p) if p.code == 0 && trim(p.value) == b"SECTION" => Ok(()),
        Some(p) => Err(SourceError::new(
            path,
            p.line,
            1,
            "不是 DXF 图纸: 应以 0 / SECTION 开始",
            "not a DXF drawing: it should start with 0 / SECTION",
        )),
        None => Err(SourceError::new(
            path,
            1,
            1,
            "不是 DXF 图纸: 只有注释",
            "not a DXF drawing: it holds only comments",
        )),
    }
}

fn check_end(path: &Path, bytes: &[u8], pairs: &[Pair]) -> Result<(), SourceError> {
    if pairs
        .iter()
        .rev()
        .find(|p| p.code != 999)
        .is_some_and(|p| p.code == 0 && trim(p.value) == b"EOF")
    {
        return Ok(());
    }
    let last_line = bytes.split(|&b| b == b'\n').count().max(1);
    Err(SourceError::new(
        path,
        last_line,
        1,
        format!(
            "文件在第 {last_line} 行意外结束,缺少结束标记 EOF:文件不完整(可能未保存完或传输中断)"
        ),
        format!(
            "the file ends at line {last_line} without the EOF marker: it is truncated \
             (saved or copied incompletely)"
        ),
    ))
}

fn parse_int(path: &Path, p: &Pair) -> Result<i32, SourceError> {
    let t = trim(p.value);
    std::str::from_utf8(t)
        .ok()
        .and_then(|s| s.parse::<i32>().ok())
        .ok_or_else(|| bad_value(path, p, "整数", "an integer"))
}

fn parse_float(path: &Path, p: &Pair) -> Result<f64, SourceError> {
    let t = trim(p.value);
    std::str::from_utf8(t)
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|v| v.is_finite())
        .ok_or_else(|| bad_value(path, p, "数字", "a number"))
}

fn bad_value(path: &Path, p: &Pair, zh: &str, en: &str) -> SourceError {
    let shown: String = String::from_utf8_lossy(trim(p.value))
        .chars()
        .take(40)
        .collect();
    SourceError::new(
        path,
        p.line + 1,
        1,
        format!("组码 {} 的取值应为{zh},读到 \"{shown}\"", p.code),
        format!(
            "the value of group code {} should be {en}, found \"{shown}\"",
            p.code
        ),
    )
}

/// A cursor over the pairs of one HATCH entity, read in the order the
/// format lays them out.
struct Cursor<'p, 'a> {
    path: &'p Path,
    pairs: &'p [Pair<'a>],
    at: usize,
}

/// A path that cannot be followed: the reason, for the warning.
struct Unreadable(String, String);

impl<'p, 'a> Cursor<'p, 'a> {
    fn expect(&mut self, code: i32) -> Result<&'p Pair<'a>, Unreadable> {
        match self.pairs.get(self.at) {
            Some(p) if p.code == code => {
                self.at += 1;
                Ok(p)
            }
            Some(p) => Err(Unreadable(
                format!("第 {} 行应为组码 {code},读到 {}", p.line, p.code),
                format!(
                    "expected group code {code} at line {}, found {}",
                    p.line, p.code
                ),
            )),
            None => Err(Unreadable(
                format!("边界在组码 {code} 之前结束"),
                format!("the boundary ends before group code {code}"),
            )),
        }
    }
    fn float(&mut self, code: i32) -> Result<Result<f64, SourceError>, Unreadable> {
        let p = self.expect(code)?;
        Ok(parse_float(self.path, p))
    }
    fn int(&mut self, code: i32) -> Result<Result<i32, SourceError>, Unreadable> {
        let p = self.expect(code)?;
        Ok(parse_int(self.path, p))
    }
    fn optional(&mut self, code: i32) -> Option<&'p Pair<'a>> {
        match self.pairs.get(self.at) {
            Some(p) if p.code == code => {
                self.at += 1;
                Some(p)
            }
            _ => None,
        }
    }
}

/// `?` for the two layers of failure of a cursor read: a malformed number is
/// an error of the file (returned), an unexpected layout makes the hatch not
/// understood (breaks out with the reason).
macro_rules! read {
    ($e:expr) => {
        match $e {
            Ok(Ok(v)) => v,
            Ok(Err(file_error)) => return Err(file_error),
            Err(Unreadable(zh, en)) => return Ok(Err((zh, en))),
        }
    };
}

fn read_hatch(
    path: &Path,
    encoding: &'static Encoding,
    line: usize,
    body: &[Pair],
) -> Result<RawHatch, SourceError> {
    let find = |code: i32| body.iter().find(|p| p.code == code);
    let handle = find(5)
        .map(|p| decode(encoding, trim(p.value)).to_ascii_uppercase())
        .unwrap_or_default();
    let layer = find(8)
        .map(|p| decode(encoding, trim(p.value)))
        .unwrap_or_else(|| "0".to_string());
    let mirrored = match find(230) {
        Some(p) => parse_float(path, p)? < 0.0,
        None => false,
    };
    let mut hatch = RawHatch {
        handle,
        layer,
        line: Some(line),
        mirrored,
        paths: Vec::new(),
        problem: None,
    };
    let Some(start) = body.iter().position(|p| p.code == 91) else {
        hatch.problem = Some((
            "填充没有边界路径".into(),
            "the hatch has no boundary paths".into(),
        ));
        return Ok(hatch);
    };
    let mut c = Cursor {
        path,
        pairs: body,
        at: start,
    };
    match read_paths(&mut c)? {
        Ok(paths) => hatch.paths = paths,
        Err(problem) => hatch.problem = Some(problem),
    }
    Ok(hatch)
}

type PathsResult = Result<Vec<Vec<BulgeVertex>>, (String, String)>;

fn read_paths(c: &mut Cursor) -> Result<PathsResult, SourceError> {
    let count = read!(c.int(91));
    let mut paths = Vec::new();
    for _ in 0..count.max(0) {
        let flags = read!(c.int(92));
        let mut ring = Vec::new();
        if flags & 2 != 0 {
            let has_bulge = read!(c.int(72)) != 0;
            let _closed = read!(c.int(73));
            let n = read!(c.int(93));
            for _ in 0..n.max(0) {
                let x = read!(c.float(10));
                let y = read!(c.float(20));
                let bulge = if has_bulge {
                    match c.optional(42) {
                        Some(p) => parse_float(c.path, p)?,
                        None => 0.0,
                    }
                } else {
                    0.0
                };
                ring.push(BulgeVertex { x, y, bulge });
            }
        } else {
            let n = read!(c.int(93));
            for _ in 0..n.max(0) {
                match read!(c.int(72)) {
                    1 => {
                        let x = read!(c.float(10));
                        let y = read!(c.float(20));
                        let _ = read!(c.float(11));
                        let _ = read!(c.float(21));
                        ring.push(BulgeVertex { x, y, bulge: 0.0 });
                    }
                    2 => {
                        let cx = read!(c.float(10));
                        let cy = read!(c.float(20));
                        let r = read!(c.float(40));
                        let s = read!(c.float(50));
                        let e = read!(c.float(51));
                        let ccw = read!(c.int(73)) != 0;
                        arc_edge(&mut ring, (cx, cy), r, s, e, ccw);
                    }
                    3 => {
                        let cx = read!(c.float(10));
                        let cy = read!(c.float(20));
                        let mx = read!(c.float(11));
                        let my = read!(c.float(21));
                        let ratio = read!(c.float(40));
                        let s = read!(c.float(50));
                        let e = read!(c.float(51));
                        let ccw = read!(c.int(73)) != 0;
                        ellipse_edge(&mut ring, (cx, cy), (mx, my), ratio, s, e, ccw);
                    }
                    4 => {
                        return Ok(Err((
                            "边界含样条曲线边,无法识别".into(),
                            "a boundary has a spline edge, which is not understood".into(),
                        )))
                    }
                    t => {
                        return Ok(Err((
                            format!("未知的边界边类型 {t}"),
                            format!("unknown boundary edge type {t}"),
                        )))
                    }
                }
            }
        }
        // source boundary objects
        if let Some(p) = c.optional(97) {
            let n = parse_int(c.path, p)?;
            for _ in 0..n.max(0) {
                if c.optional(330).is_none() {
                    break;
                }
            }
        }
        if ring.len() >= 2 {
            paths.push(ring);
        }
    }
    Ok(Ok(paths))
}

/// Angles of a clockwise HATCH arc or ellipse edge are stored as their
/// complements (360° − angle): the real edge runs clockwise from −start to
/// −end.
fn edge_angles(s: f64, e: f64, ccw: bool) -> (f64, f64) {
    let sweep = (e - s).rem_euclid(360.0);
    let sweep = if sweep < 1e-9 { 360.0 } else { sweep };
    if ccw {
        (s.to_radians(), sweep.to_radians())
    } else {
        ((-s).to_radians(), -sweep.to_radians())
    }
}

fn arc_edge(ring: &mut Vec<BulgeVertex>, c: (f64, f64), r: f64, s: f64, e: f64, ccw: bool) {
    let (a0, sweep) = edge_angles(s, e, ccw);
    // a full circle cannot be one bulge: split it in halves
    let parts = if sweep.abs() > std::f64::consts::PI * 1.5 {
        2
    } else {
        1
    };
    let step = sweep / parts as f64;
    for k in 0..parts {
        let a = a0 + step * k as f64;
        ring.push(BulgeVertex {
            x: c.0 + r * a.cos(),
            y: c.1 + r * a.sin(),
            bulge: (step / 4.0).tan(),
        });
    }
}

fn ellipse_edge(
    ring: &mut Vec<BulgeVertex>,
    c: (f64, f64),
    major: (f64, f64),
    ratio: f64,
    s: f64,
    e: f64,
    ccw: bool,
) {
    let (t0, sweep) = edge_angles(s, e, ccw);
    let minor = (-major.1 * ratio, major.0 * ratio);
    // a relative chord error of 1e-4 of the major radius: 1 mm on a 10 m ellipse
    let step = 2.0 * (1.0f64 - 1e-4).acos();
    let n = ((sweep.abs() / step).ceil() as usize).clamp(1, 4096);
    for k in 0..n {
        let t = t0 + sweep * k as f64 / n as f64;
        ring.push(BulgeVertex {
            x: c.0 + major.0 * t.cos() + minor.0 * t.sin(),
            y: c.1 + major.1 * t.cos() + minor.1 * t.sin(),
            bulge: 0.0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.dxf")
    }

    const MINI: &str = "0\nSECTION\n2\nHEADER\n9\n$ACADVER\n1\nAC1015\n9\n$INSUNITS\n70\n6\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nHATCH\n5\n2A\n8\nROOM\n91\n1\n92\n1\n93\n2\n72\n1\n10\n0.0\n20\n0.0\n11\n4.0\n21\n0.0\n72\n2\n10\n4.0\n20\n2.0\n40\n2.0\n50\n270.0\n51\n90.0\n73\n1\n97\n0\n0\nENDSEC\n0\nEOF\n";

    #[test]
    fn header_and_hatch() {
        let s = scan(p(), MINI.as_bytes()).unwrap();
        assert_eq!(s.acadver.as_deref(), Some("AC1015"));
        assert_eq!(s.insunits, Some(6));
        assert_eq!(s.lines.get("2A"), Some(&20));
        let h = &s.hatches[0];
        assert_eq!((h.handle.as_str(), h.layer.as_str()), ("2A", "ROOM"));
        let ring = &h.paths[0];
        assert_eq!(ring.len(), 2);
        // the arc edge starts at (4, 0) and sweeps 180° counter-clockwise
        assert!((ring[1].x - 4.0).abs() < 1e-9 && ring[1].y.abs() < 1e-9);
        assert!((ring[1].bulge - 1.0).abs() < 1e-9);
    }

    #[test]
    fn clockwise_arc_edge_uses_complement_angles() {
        let mut ring = Vec::new();
        // stored 90..270 clockwise means a real arc from -90° to -270° (= 90°), clockwise
        arc_edge(&mut ring, (0.0, 0.0), 1.0, 90.0, 270.0, false);
        assert!((ring[0].y + 1.0).abs() < 1e-9, "{ring:?}");
        assert!((ring[0].bulge + 1.0).abs() < 1e-9);
    }

    #[test]
    fn truncated_and_foreign_files_are_located() {
        let cut = &MINI[..MINI.len() - 8];
        let e = scan(p(), cut.as_bytes()).unwrap_err();
        assert!(e.message_en.contains("truncated"), "{e}");
        let e = scan(p(), b"PK\x03\x04 zip file").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.message_en.contains("not a DXF"), "{e}");
        let e = scan(p(), b"").unwrap_err();
        assert!(e.message_en.contains("empty"), "{e}");
        let odd = "0\nSECTION\n2\nENTITIES\n0\nENDSEC\nx1\nEOF\n";
        let e = scan(p(), odd.as_bytes()).unwrap_err();
        assert_eq!(e.line, 7, "{e}");
    }

    #[test]
    fn malformed_hatch_number_is_an_error_at_its_line() {
        let bad = MINI.replace("40\n2.0\n", "40\nzwei\n");
        let e = scan(p(), bad.as_bytes()).unwrap_err();
        assert_eq!(e.line, 48, "{e}");
    }

    #[test]
    fn gbk_under_a_western_code_page_is_recognised() {
        let (gbk, _, _) = encoding_rs::GBK.encode("会议室 办公室");
        assert_eq!(sniff(encoding_rs::WINDOWS_1252, &gbk), encoding_rs::GBK);
        assert_eq!(sniff(encoding_rs::UTF_8, &gbk), encoding_rs::GBK);
        // real Western text stays Western
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Büro Küche");
        assert_eq!(
            sniff(encoding_rs::WINDOWS_1252, &latin),
            encoding_rs::WINDOWS_1252
        );
        // valid UTF-8 stays UTF-8
        assert_eq!(
            sniff(encoding_rs::UTF_8, "会议室".as_bytes()),
            encoding_rs::UTF_8
        );
    }

    #[test]
    fn code_pages() {
        assert_eq!(
            encoding_for(Some("AC1015"), Some("ANSI_936")),
            encoding_rs::GBK
        );
        assert_eq!(
            encoding_for(Some("AC1032"), Some("ANSI_936")),
            encoding_rs::UTF_8
        );
        assert_eq!(encoding_for(None, None), encoding_rs::WINDOWS_1252);
        assert_eq!(
            encoding_for(Some("AC1018"), Some("ANSI_950")),
            encoding_rs::BIG5
        );
    }
}
