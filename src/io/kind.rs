//! The wrong kind of file, named in plain words with the command that takes
//! it ("这是平面图文件,不是固定资产台账,请用 juwei check"), and hints for
//! the RON slips people make by hand: `Acquire(` for `Acquire((`, a doubled
//! comma, Chinese punctuation.

use std::path::Path;

use super::SourceError;

/// The kinds of file juwei reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Plan,
    Register,
    Profile,
    /// A count sheet or asset list as CSV.
    Csv,
    /// An Excel workbook (a count sheet or an asset list).
    Workbook,
    /// A DXF drawing.
    Drawing,
}

impl FileKind {
    fn zh(self) -> &'static str {
        match self {
            FileKind::Plan => "平面图文件",
            FileKind::Register => "固定资产台账文件",
            FileKind::Profile => "规则配置文件",
            FileKind::Csv => "CSV 表格 (盘点表或资产清单)",
            FileKind::Workbook => "Excel 工作簿 (盘点表或资产清单)",
            FileKind::Drawing => "CAD 图纸 (DXF)",
        }
    }
    fn en(self) -> &'static str {
        match self {
            FileKind::Plan => "a premises plan",
            FileKind::Register => "a fixed-asset register",
            FileKind::Profile => "a rule profile",
            FileKind::Csv => "a CSV table (a count sheet or an asset list)",
            FileKind::Workbook => "an Excel workbook (a count sheet or an asset list)",
            FileKind::Drawing => "a CAD drawing (DXF)",
        }
    }
    /// The command that takes this kind of file.
    fn command(self, path: &str) -> (String, String) {
        match self {
            FileKind::Plan => (
                format!("请用 juwei check {path}"),
                format!("use juwei check {path}"),
            ),
            FileKind::Register => (
                format!("请用 juwei register {path}"),
                format!("use juwei register {path}"),
            ),
            FileKind::Profile => (
                format!("请用 --profile {path}"),
                format!("use --profile {path}"),
            ),
            FileKind::Csv | FileKind::Workbook => (
                format!("盘点表请用 juwei stocktake 台账 {path},现有的 Excel 台账请用 juwei register import {path}"),
                format!("a count sheet goes to juwei stocktake REGISTER {path}, an asset list to juwei register import {path}"),
            ),
            FileKind::Drawing => (
                format!("请用 juwei import {path}"),
                format!("use juwei import {path}"),
            ),
        }
    }
}

/// Top-level field names of a RON text (depth 1 of its outer parenthesis),
/// strings and comments skipped.
fn top_fields(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut depth) = (0usize, 0usize);
    let mut ident: Option<usize> = None;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            ident = None;
            continue;
        }
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b':' if depth == 1 => {
                if let Some(s) = ident {
                    out.push(text[s..i].trim());
                }
            }
            _ => {}
        }
        if c.is_ascii_alphanumeric() || c == b'_' {
            if ident.is_none() || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
                ident = Some(i);
            }
        } else if !c.is_ascii_whitespace() {
            ident = None;
        }
        i += 1;
        if out.len() > 40 {
            break;
        }
    }
    out
}

/// What kind of file these bytes are, if it can be told.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Some(FileKind::Workbook);
    }
    let head = &bytes[..bytes.len().min(1 << 20)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let t = text.trim_start();
    if t.starts_with("0\n") || t.starts_with("0\r\n") || t.contains("\nSECTION") {
        return Some(FileKind::Drawing);
    }
    let fields = top_fields(text);
    let has = |f: &str| fields.contains(&f);
    if has("events") {
        return Some(FileKind::Register);
    }
    if has("rooms") || has("revision") || has("doors") || has("items") {
        return Some(FileKind::Plan);
    }
    if has("required_zones") || has("required_equipment") || has("name_en") {
        return Some(FileKind::Profile);
    }
    let first_line = t.lines().next().unwrap_or_default();
    if !t.starts_with('(') && first_line.contains(',') {
        return Some(FileKind::Csv);
    }
    None
}

/// When the file at `path` (its bytes) is of another kind than `wanted`,
/// the error that says so in plain words, with the command that takes it.
pub fn wrong_kind(path: &Path, bytes: &[u8], wanted: FileKind) -> Option<SourceError> {
    let found = sniff(bytes)?;
    if found == wanted {
        return None;
    }
    let p = path.display().to_string();
    let (cz, ce) = found.command(&p);
    Some(SourceError::new(
        path,
        1,
        1,
        format!("这是{},不是{},{cz}", found.zh(), wanted.zh()),
        format!("this is {}, not {}: {ce}", found.en(), wanted.en()),
    ))
}

/// A hint for the usual slips by hand near `line` of a RON text, if one
/// applies: the missing inner parenthesis of `Acquire((…))`, a doubled
/// comma, Chinese punctuation outside strings.
pub fn ron_hint(text: &str, line: usize) -> Option<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let from = line.saturating_sub(2);
    let to = (line + 1).min(lines.len());
    for (k, l) in lines.get(from..to)?.iter().enumerate() {
        let n = from + k + 1;
        let code = outside_strings(l);
        for v in [
            "Acquire",
            "SealMade",
            "SealKeeper",
            "SealUse",
            "SealChange",
            "Recall",
            "SealCustody",
        ] {
            let pat = format!("{v}(");
            if let Some(p) = code.find(&pat) {
                let mut rest = code[p + pat.len()..].trim_start().to_string();
                if rest.is_empty() {
                    // the content on the next line
                    rest = lines
                        .get(n)
                        .map(|l| outside_strings(l).trim_start().to_string())
                        .unwrap_or_default();
                }
                if !rest.is_empty() && !rest.starts_with('(') && !rest.starts_with(')') {
                    return Some((
                        format!("提示: 第 {n} 行的 {v} 须写两层括号: {v}((…))"),
                        format!("hint: {v} on line {n} takes two parentheses: {v}((…))"),
                    ));
                }
            }
        }
        let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed.contains(",,") || squeezed.contains("(,") {
            return Some((
                format!("提示: 第 {n} 行有连续两个逗号 (或多余的逗号)"),
                format!("hint: line {n} has a doubled (or stray) comma"),
            ));
        }
        if let Some(c) = code.chars().find(|c| {
            matches!(
                c,
                '，' | '：' | '（' | '）' | '“' | '”' | '；' | '【' | '】'
            )
        }) {
            return Some((
                format!("提示: 第 {n} 行有中文标点 “{c}”: 字符串以外须用英文标点 , : ( ) \" ;"),
                format!("hint: line {n} has the Chinese punctuation \"{c}\": outside strings write , : ( ) \" ;"),
            ));
        }
    }
    None
}

/// The parts of a line outside string literals (strings blanked out).
fn outside_strings(l: &str) -> String {
    let mut out = String::with_capacity(l.len());
    let mut in_str = false;
    let mut esc = false;
    for c in l.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
                out.push('"');
            }
            continue;
        }
        if c == '"' {
            in_str = true;
            out.push('"');
            continue;
        }
        if c == '/' && out.ends_with('/') {
            out.pop();
            break;
        }
        out.push(c);
    }
    out
}

/// `e` with a hint for a slip by hand added, when one applies.
pub fn with_hint(mut e: SourceError, text: &str) -> SourceError {
    if let Some((zh, en)) = ron_hint(text, e.line) {
        e.message = format!("{}。{zh}", e.message);
        e.message_en = format!("{}. {en}", e.message_en);
    }
    e
}

/// A read error refined: bytes that are not UTF-8 text because they are a
/// workbook (or another kind of file) are named as such.
pub fn refine_read_error(path: &Path, e: super::LoadError, wanted: FileKind) -> super::LoadError {
    if let super::LoadError::Source(_) = &e {
        if let Ok(bytes) = super::read_bytes(path) {
            if let Some(w) = wrong_kind(path, &bytes, wanted) {
                return w.into();
            }
        }
    }
    e
}

/// A parse error refined: the wrong kind of file named, else a hint for a
/// slip by hand added.
pub fn refine_parse_error(
    path: &Path,
    e: SourceError,
    text: &str,
    wanted: FileKind,
) -> SourceError {
    match wrong_kind(path, text.as_bytes(), wanted) {
        Some(w) => w,
        None => with_hint(e, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_plans_registers_profiles_and_tables_apart() {
        let plan = b"// x\n(format: 1, revision: (number: 1), committee: (code: \"A\"), rooms: [])";
        let reg = b"(\n format: 1,\n committee: \"A\", // c\n events: [],\n)";
        assert_eq!(sniff(plan), Some(FileKind::Plan));
        assert_eq!(sniff(reg), Some(FileKind::Register));
        assert_eq!(
            sniff("\u{feff}资产编号,实盘数量\nA,1\n".as_bytes()),
            Some(FileKind::Csv)
        );
        assert_eq!(sniff(b"PK\x03\x04rest"), Some(FileKind::Workbook));
        let e = wrong_kind(Path::new("a.ron"), plan, FileKind::Register).unwrap();
        assert!(
            e.message
                .contains("这是平面图文件,不是固定资产台账文件,请用 juwei check a.ron"),
            "{e}"
        );
        assert!(wrong_kind(Path::new("a.ron"), reg, FileKind::Register).is_none());
    }

    #[test]
    fn hints_for_slips_by_hand() {
        let t = "(events: [\n  (date: \"2024-01-01\", asset: \"A\", event: Acquire(source: Purchase, name: \"x\")),\n])";
        assert!(ron_hint(t, 2).unwrap().0.contains("Acquire(("));
        assert!(ron_hint("(a: 1,, b: 2)", 1).unwrap().0.contains("逗号"));
        assert!(ron_hint("(a： 1)", 1).unwrap().0.contains("："));
        // Chinese punctuation inside strings is text
        assert!(ron_hint("(a: \"你好，世界\")", 1).is_none());
    }
}
