//! Plan format 1 (`docs/spec/plan-format.md`): read and write RON.

use std::collections::HashSet;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::{parse_ron, write_atomic, LoadError, SourceError};
use crate::model::{Plan, OUTSIDE};

/// Parse the text of a plan file. Beyond RON syntax and the shape of format
/// 1, refuses what no check could make sense of: a room id given twice, and
/// a room called `outside`.
///
/// Linear in the size of the plan: ids are checked with a hash set, and the
/// text is searched for an id only when there is an error to locate.
pub fn parse_plan(path: &Path, text: &str) -> Result<Plan, SourceError> {
    let plan: Plan = parse_ron(path, text)?;
    let mut seen = HashSet::with_capacity(plan.rooms.len());
    for room in &plan.rooms {
        let problem = if room.id == OUTSIDE {
            Some((
                "房间编号 \"outside\" 保留给室外,不能用作房间编号".to_string(),
                "room id \"outside\" is reserved for the street / estate outside".to_string(),
            ))
        } else if room.id.trim().is_empty() {
            Some((
                "房间编号不能为空".to_string(),
                "a room id must not be empty".to_string(),
            ))
        } else if !seen.insert(room.id.as_str()) {
            Some((
                format!("房间编号 \"{}\" 重复", room.id),
                format!("room id \"{}\" is used twice", room.id),
            ))
        } else {
            None
        };
        if let Some((zh, en)) = problem {
            // the how-many-th room with this id this one is
            let nth = plan
                .rooms
                .iter()
                .take_while(|r| !std::ptr::eq(*r, room))
                .filter(|r| r.id == room.id)
                .count();
            let (l, c) = locate_id(text, &room.id, nth);
            return Err(SourceError::new(path, l, c, zh, en));
        }
    }
    Ok(plan)
}

/// Where the `nth` string after an `id:` key whose value (escapes decoded)
/// is `id` stands; falls back to the start of the file.
fn locate_id(text: &str, id: &str, nth: usize) -> (usize, usize) {
    let mut found = 0;
    for (offset, _) in text.match_indices("id") {
        let before = text[..offset].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[offset + 2..];
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let value = value.trim_start();
        let start = text.len() - value.len();
        let Some(literal) = string_literal(value) else {
            continue;
        };
        if ron::from_str::<String>(literal).is_ok_and(|v| v == id) {
            if found == nth {
                return super::ron_text::line_col(text, start);
            }
            found += 1;
        }
    }
    (1, 1)
}

/// The RON string literal at the start of `s` (`"…"` with escapes), if any.
fn string_literal(s: &str) -> Option<&str> {
    let body = s.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(&s[..i + 2]),
            _ => {}
        }
    }
    None
}

/// Read and parse a plan file.
pub fn load_plan(path: &Path) -> Result<Plan, LoadError> {
    load_plan_source(path).map(|(plan, _)| plan)
}

/// Read and parse a plan file, keeping its text (for line numbers).
pub fn load_plan_source(path: &Path) -> Result<(Plan, String), LoadError> {
    use super::kind::{refine_parse_error, refine_read_error, FileKind};
    let text = super::read_utf8(path).map_err(|e| refine_read_error(path, e, FileKind::Plan))?;
    let plan =
        parse_plan(path, &text).map_err(|e| refine_parse_error(path, e, &text, FileKind::Plan))?;
    Ok((plan, text))
}

/// The line (1-based) where each room's `id: "…"` stands in the plan text.
pub fn room_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut lines = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("id:") {
            let before = rest[..at].chars().last();
            rest = &rest[at + 3..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let v = rest.trim_start();
            if let Some(v) = v.strip_prefix('"') {
                if let Some(end) = v.find('"') {
                    lines.entry(v[..end].to_string()).or_insert(n + 1);
                }
            }
        }
    }
    lines
}

/// The line (1-based) where an item's `estate: "…"` (or `estate:
/// Some("…")`) first names each estate id in the plan text.
pub fn estate_ref_lines(text: &str) -> std::collections::HashMap<String, usize> {
    let mut lines = std::collections::HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("estate:") {
            let before = rest[..at].chars().last();
            rest = &rest[at + 7..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let v = rest.trim_start();
            let v = v
                .strip_prefix("Some")
                .map_or(v, |s| s.trim_start().strip_prefix('(').unwrap_or(s))
                .trim_start();
            if let Some(literal) = string_literal(v) {
                if let Ok(id) = ron::from_str::<String>(literal) {
                    lines.entry(id).or_insert(n + 1);
                }
            }
        }
    }
    lines
}

/// Give each finding that concerns a room the line of that room's entry;
/// a finding about an estate (rev 2) the line of the estate's entry in
/// `committee.estates`, or, for an unknown estate (G03), the line of the
/// item that names it.
pub fn annotate_lines(findings: &mut [crate::rules::Finding], text: &str) {
    let lines = room_lines(text);
    let mut refs = None;
    for f in findings.iter_mut().filter(|f| f.line.is_none()) {
        f.line = f.rooms.first().and_then(|r| lines.get(r)).copied();
        if f.line.is_some() {
            continue;
        }
        if let Some(estate) = &f.estate {
            f.line = if f.code == crate::rules::Code::G03 {
                refs.get_or_insert_with(|| estate_ref_lines(text))
                    .get(estate)
                    .copied()
            } else {
                lines.get(estate).copied()
            };
        }
    }
}

/// The plan as format-1 RON text, fields in the order of the format.
pub fn plan_to_string(plan: &Plan) -> String {
    let config = PrettyConfig::new()
        .depth_limit(3)
        .indentor("    ".to_string())
        .struct_names(false)
        .extensions(Extensions::empty());
    let mut s = ron::ser::to_string_pretty(plan, config).expect("a plan always serialises");
    s.push('\n');
    s
}

/// Save atomically: a crash mid-save leaves the previous file intact.
pub fn save_plan(path: &Path, plan: &Plan) -> std::io::Result<()> {
    write_atomic(path, plan_to_string(plan).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/plan/spec-example.ron");

    #[test]
    fn reads_the_spec_example_and_round_trips() {
        let p = parse_plan(Path::new("x.ron"), EXAMPLE).unwrap();
        assert_eq!(p.rooms.len(), 1);
        assert_eq!(p.items[0].count, 3);
        let text = plan_to_string(&p);
        let back = parse_plan(Path::new("y.ron"), &text).unwrap();
        assert_eq!(p, back);
        println!("{text}");
    }

    #[test]
    fn room_lines_are_found() {
        let lines = room_lines(EXAMPLE);
        assert_eq!(lines.get("R1"), Some(&24));
        assert_eq!(lines.len(), 1, "the committee code is not a room id");
    }

    #[test]
    fn bare_optionals_are_accepted() {
        let t = EXAMPLE
            .replace("network: Some(Both)", "network: Both")
            .replace("wall: Some(2)", "wall: 2");
        let p = parse_plan(Path::new("x.ron"), &t).unwrap();
        assert_eq!(p.items[1].wall, Some(2));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let t = EXAMPLE.replace("zones: [Office]", "zones: [Ofice]");
        let e = parse_plan(Path::new("x.ron"), &t).unwrap_err();
        assert_eq!(e.line, 26, "{e}");
        assert!(e.message_en.contains("Ofice"), "{e}");
    }

    #[test]
    fn duplicate_room_id_is_located() {
        let t = EXAMPLE.replace(
            "    ],\n    doors",
            "        (id: \"R1\", name: \"x\", zones: [Office], floor: AntiSlip, outline: [(0.0,0.0),(1.0,0.0),(1.0,1.0)]),\n    ],\n    doors",
        );
        let e = parse_plan(Path::new("x.ron"), &t).unwrap_err();
        assert_eq!((e.line, e.col), (30, 14), "{e}");
    }

    /// Issue 15 item 11: a duplicate written with an escape (`"R\u{31}"`
    /// is `"R1"`) was located at the start of the file.
    #[test]
    fn duplicate_room_id_with_an_escape_is_located() {
        let t = EXAMPLE.replace(
            "    ],\n    doors",
            "        (id: \"R\\u{31}\", name: \"x\", zones: [Office], floor: AntiSlip, outline: [(0.0,0.0),(1.0,0.0),(1.0,1.0)]),\n    ],\n    doors",
        );
        let e = parse_plan(Path::new("x.ron"), &t).unwrap_err();
        assert_eq!((e.line, e.col), (30, 14), "{e}");
        assert!(e.message_en.contains("used twice"), "{e}");
    }

    #[test]
    fn misspelt_field_is_refused_not_ignored() {
        let t = EXAMPLE.replace("count: 3", "coutn: 3");
        let e = parse_plan(Path::new("x.ron"), &t).unwrap_err();
        assert_eq!((e.line, e.col), (36, 42), "{e}");
        assert!(
            e.message.contains("未知字段") && e.message_en.contains("coutn"),
            "{e}"
        );
    }

    #[test]
    fn wrong_format_number_is_refused() {
        let t = EXAMPLE.replace("format: 1", "format: 2");
        let e = parse_plan(Path::new("x.ron"), &t).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
