//! Plan format 1 (`docs/formats/plan-format.md`): read and write RON.

use std::collections::HashSet;
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use super::{locate, parse_ron, write_atomic, LoadError, SourceError};
use crate::model::{Plan, OUTSIDE};

/// Parse the text of a plan file. Beyond RON syntax and the shape of format
/// 1, refuses what no check could make sense of: a room id given twice, and
/// a room called `outside`.
pub fn parse_plan(path: &Path, text: &str) -> Result<Plan, SourceError> {
    let plan: Plan = parse_ron(path, text)?;
    let mut seen = HashSet::new();
    let mut count = std::collections::HashMap::<&str, usize>::new();
    for room in &plan.rooms {
        let quoted = format!("\"{}\"", room.id);
        let nth = count.entry(room.id.as_str()).or_default();
        let at = locate_id(text, &quoted, *nth);
        *nth += 1;
        if room.id == OUTSIDE {
            let (l, c) = at;
            return Err(SourceError::new(
                path,
                l,
                c,
                "房间编号 \"outside\" 保留给室外,不能用作房间编号",
                "room id \"outside\" is reserved for the street / estate outside",
            ));
        }
        if room.id.trim().is_empty() {
            let (l, c) = at;
            return Err(SourceError::new(
                path,
                l,
                c,
                "房间编号不能为空",
                "a room id must not be empty",
            ));
        }
        if !seen.insert(room.id.as_str()) {
            let (l, c) = at;
            return Err(SourceError::new(
                path,
                l,
                c,
                format!("房间编号 \"{}\" 重复", room.id),
                format!("room id \"{}\" is used twice", room.id),
            ));
        }
    }
    Ok(plan)
}

/// Where the `nth` room id `quoted` stands after an `id:` key; falls back to
/// the start of the file.
fn locate_id(text: &str, quoted: &str, nth: usize) -> (usize, usize) {
    let mut found = 0;
    for (offset, _) in text.match_indices(quoted) {
        let before = text[..offset].trim_end();
        if before.ends_with(':') && before[..before.len() - 1].trim_end().ends_with("id") {
            if found == nth {
                return super::ron_text::line_col(text, offset);
            }
            found += 1;
        }
    }
    locate(text, quoted, 0).unwrap_or((1, 1))
}

/// Read and parse a plan file.
pub fn load_plan(path: &Path) -> Result<Plan, LoadError> {
    load_plan_source(path).map(|(plan, _)| plan)
}

/// Read and parse a plan file, keeping its text (for line numbers).
pub fn load_plan_source(path: &Path) -> Result<(Plan, String), LoadError> {
    let text = super::read_utf8(path)?;
    let plan = parse_plan(path, &text)?;
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

/// Give each finding that concerns a room the line of that room's entry.
pub fn annotate_lines(findings: &mut [crate::rules::Finding], text: &str) {
    let lines = room_lines(text);
    for f in findings.iter_mut().filter(|f| f.line.is_none()) {
        f.line = f.rooms.first().and_then(|r| lines.get(r)).copied();
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
