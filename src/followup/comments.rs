//! The comments file `NAME.comments.ron` beside a plan: what the street or
//! the district wrote about a committee's findings (server.md: streets
//! write "comments"). Comments are kept as they were written: a later
//! comment adds to them, none is changed or removed.
//!
//! A comment names a finding as a status entry does (its code and, when the
//! finding names exactly one, its room, item or asset), or no code at all:
//! a remark on the committee as a whole.
//!
//! ```
//! use juwei::followup::comments::{parse_comments, CommentsFile};
//! let text = r#"(
//!     format: 1,
//!     committee: "JA-TMX-003",
//!     comments: [
//!         (code: Some("A2-1.2"), room: Some("R3"), body: "下周复查", by: "street-TMX", at: "2026-12-01T09:30:00Z"),
//!     ],
//! )"#;
//! let f = parse_comments(std::path::Path::new("x.comments.ron"), text).unwrap();
//! assert_eq!(f.comments[0].body, "下周复查");
//! assert_eq!(parse_comments(std::path::Path::new("x.comments.ron"), &f.to_ron()).unwrap(), f);
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::status::{beside_plan, names_finding, quote, target_fields};
use crate::io::{line_col, parse_ron, SourceError};
use crate::model::{Format1, ItemKind};
use crate::rules::Finding;

/// The longest comment taken, in characters.
pub const MAX_BODY: usize = 2000;

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// The finding's rule code; `None`: the committee as a whole.
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    pub body: String,
    /// Who wrote it (the server's user name).
    pub by: String,
    /// When, as the server stamps it (RFC 3339, UTC).
    pub at: String,
}

impl Comment {
    /// A comment on finding `f`, named as its status entry would be.
    pub fn on(f: &Finding, body: String, by: String, at: String) -> Self {
        let e = super::StatusEntry::for_finding(f, super::Status::InProgress);
        Comment {
            code: Some(e.code),
            room: e.room,
            item: e.item,
            asset: e.asset,
            body,
            by,
            at,
        }
    }

    /// Does this comment concern `f`? (As a status entry: same code, and
    /// each of room / item / asset, when given, among the finding's.)
    pub fn concerns(&self, f: &Finding) -> bool {
        self.code.as_deref().is_some_and(|code| {
            names_finding(
                code,
                self.room.as_deref(),
                self.item,
                self.asset.as_deref(),
                f,
            )
        })
    }

    /// Why the comment cannot be taken, in both languages (`None`: fine).
    pub fn problem(&self) -> Option<(String, String)> {
        if let Some(code) = &self.code {
            if crate::rules::meta(code).is_none() {
                return Some((
                    format!("未知的规则代码 {code:?} (见 juwei rules)"),
                    format!("unknown rule code {code:?} (see juwei rules)"),
                ));
            }
        }
        let body = self.body.trim();
        if body.is_empty() {
            return Some(("批注内容为空".into(), "the comment is empty".into()));
        }
        let n = body.chars().count();
        if n > MAX_BODY {
            return Some((
                format!("批注过长: {n} 个字,最多 {MAX_BODY} 个"),
                format!("the comment is too long: {n} characters, at most {MAX_BODY}"),
            ));
        }
        if body
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
        {
            return Some((
                "批注中有控制字符".into(),
                "the comment contains control characters".into(),
            ));
        }
        None
    }
}

/// A committee's comments file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentsFile {
    pub format: Format1,
    pub committee: String,
    #[serde(default)]
    pub comments: Vec<Comment>,
}

impl CommentsFile {
    pub fn new(committee: impl Into<String>) -> Self {
        CommentsFile {
            format: Format1,
            committee: committee.into(),
            comments: Vec::new(),
        }
    }

    /// The file's text (RON, one comment per line).
    pub fn to_ron(&self) -> String {
        let mut s = format!(
            "(\n    format: 1,\n    committee: {},\n    comments: [\n",
            quote(&self.committee)
        );
        for c in &self.comments {
            let mut parts = vec![match &c.code {
                Some(code) => format!("code: Some({})", quote(code)),
                None => "code: None".to_string(),
            }];
            parts.extend(target_fields(c.room.as_deref(), c.item, c.asset.as_deref()));
            parts.push(format!("body: {}", quote(&c.body)));
            parts.push(format!("by: {}", quote(&c.by)));
            parts.push(format!("at: {}", quote(&c.at)));
            s.push_str(&format!("        ({}),\n", parts.join(", ")));
        }
        s.push_str("    ],\n)\n");
        s
    }
}

/// `NAME.comments.ron` beside `NAME.ron`.
pub fn comments_path(plan: &Path) -> PathBuf {
    beside_plan(plan, "comments")
}

/// Parse a comments file: RON errors, and a comment that cannot be taken
/// (unknown code, empty, too long), are errors at their line and column.
pub fn parse_comments(path: &Path, text: &str) -> Result<CommentsFile, SourceError> {
    let clean = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: CommentsFile = parse_ron(path, text)?;
    for (n, c) in file.comments.iter().enumerate() {
        if let Some((zh, en)) = c.problem() {
            let (line, col) = nth_entry(clean, n)
                .map(|o| line_col(clean, o))
                .unwrap_or((1, 1));
            return Err(SourceError::new(path, line, col, zh, en));
        }
    }
    Ok(file)
}

/// The offset of the `n`th `(` inside the `comments: [ … ]` list (strings
/// skipped), for locating a bad comment.
fn nth_entry(text: &str, n: usize) -> Option<usize> {
    let start = text.find("comments")?;
    let open = start + text[start..].find('[')?;
    let mut depth = 0usize;
    let mut seen = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, ch) in text[open + 1..].char_indices() {
        let at = open + 1 + i;
        if in_str {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_str = true,
            '(' => {
                if depth == 0 {
                    if seen == n {
                        return Some(at);
                    }
                    seen += 1;
                }
                depth += 1;
            }
            ')' => depth = depth.saturating_sub(1),
            ']' if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(code: Option<&str>, body: &str) -> Comment {
        Comment {
            code: code.map(String::from),
            room: None,
            item: None,
            asset: None,
            body: body.into(),
            by: "street-TMX".into(),
            at: "2026-12-01T09:30:00Z".into(),
        }
    }

    #[test]
    fn round_trips_quotes_newlines_and_chinese() {
        let mut f = CommentsFile::new("JA-1");
        f.comments
            .push(comment(Some("A2-1.2"), "第一行\n\"引号\" \\ 和 )]"));
        f.comments.push(Comment {
            item: Some(ItemKind::Fax),
            ..comment(Some("A2-6.3"), "缺传真机")
        });
        f.comments.push(comment(None, "整体良好"));
        let back = parse_comments(Path::new("x.comments.ron"), &f.to_ron()).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn a_bad_comment_is_located() {
        let text = "(\n    format: 1,\n    committee: \"JA-1\",\n    comments: [\n        (code: Some(\"A2-1.2\"), body: \"好 (x)\", by: \"s\", at: \"t\"),\n        (code: Some(\"ZZ-9\"), body: \"x\", by: \"s\", at: \"t\"),\n    ],\n)\n";
        let e = parse_comments(Path::new("x.comments.ron"), text).unwrap_err();
        assert_eq!((e.line, e.col), (6, 9), "{e:?}");
        assert!(e.message.contains("ZZ-9"));
        let empty = text
            .replace("ZZ-9", "A2-1.2")
            .replace("body: \"x\"", "body: \"  \"");
        let e = parse_comments(Path::new("x.comments.ron"), &empty).unwrap_err();
        assert_eq!(e.line, 6);
    }

    #[test]
    fn problems_are_found() {
        assert!(comment(None, "ok").problem().is_none());
        assert!(comment(Some("A2-1.2"), "ok").problem().is_none());
        assert!(comment(Some("nope"), "ok").problem().is_some());
        assert!(comment(None, " \n ").problem().is_some());
        assert!(comment(None, "a\u{0}b").problem().is_some());
        assert!(comment(None, &"长".repeat(MAX_BODY + 1))
            .problem()
            .is_some());
        assert!(comment(None, &"长".repeat(MAX_BODY)).problem().is_none());
    }

    #[test]
    fn concerns_matches_as_a_status_entry() {
        let mut f = Finding::new(
            crate::rules::rule(crate::rules::Code::A2_1_2),
            "m".to_string(),
            "m".to_string(),
        );
        f.rooms = vec!["R1".into(), "R2".into()];
        let mut c = comment(Some(f.code.as_str()), "x");
        assert!(c.concerns(&f));
        c.room = Some("R2".into());
        assert!(c.concerns(&f));
        c.room = Some("R9".into());
        assert!(!c.concerns(&f));
        assert!(!comment(None, "x").concerns(&f));
        let on = Comment::on(&f, "b".into(), "s".into(), "t".into());
        assert!(
            on.concerns(&f) && on.room.is_none(),
            "two rooms: none named"
        );
    }
}
