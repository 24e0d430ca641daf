//! The status file `NAME.status.ron` beside a plan (`followup.md`): per
//! finding, whether the street accepted it as an exception, the committee is
//! fixing it, or says it is fixed.
//!
//! [`apply_status`] is a pure function from a plan's findings and the status
//! file to the findings marked with their status, plus the findings about
//! the status file itself (stale entries, "marked fixed, still found",
//! overdue work).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::io::{line_col, parse_ron, LoadError, SourceError};
use crate::model::{Format1, ItemKind};
use crate::rules::{Finding, RuleMeta, Scope, Severity};

/// What was recorded about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// 同意例外: the street or district accepts the exception.
    Accepted,
    /// 整改中: being fixed (optionally by `due`).
    InProgress,
    /// 已整改: the committee says it is fixed.
    Fixed,
}

impl Status {
    /// The word of `findings[].status` in JSON (`followup.md`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::InProgress => "in-progress",
            Status::Fixed => "fixed-claimed",
        }
    }

    pub fn name(self, lang: crate::model::Lang) -> &'static str {
        match self {
            Status::Accepted => lang.pick("同意例外", "accepted exception"),
            Status::InProgress => lang.pick("整改中", "in progress"),
            Status::Fixed => lang.pick("已报整改", "reported fixed"),
        }
    }

    /// The RON identifier, as written in the file.
    pub fn ident(self) -> &'static str {
        match self {
            Status::Accepted => "Accepted",
            Status::InProgress => "InProgress",
            Status::Fixed => "Fixed",
        }
    }
}

/// One line of the status file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<ItemKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(
        default,
        with = "crate::model::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(
        default,
        with = "crate::model::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    /// The line of the entry in its file (1-based; 0 when not read from a file).
    #[serde(skip)]
    pub line: usize,
}

impl StatusEntry {
    /// A new entry for a finding: matched by its code and, when the finding
    /// names exactly one room, item or asset, by that too.
    pub fn for_finding(f: &Finding, status: Status) -> Self {
        let one = |v: &[String]| (v.len() == 1).then(|| v[0].clone());
        StatusEntry {
            code: f.code.clone(),
            room: one(&f.rooms),
            item: one(&f.items)
                .and_then(|s| ItemKind::ALL.iter().copied().find(|k| k.ident() == s)),
            asset: one(&f.assets),
            status,
            by: None,
            date: None,
            reason: None,
            due: None,
            line: 0,
        }
    }

    /// Does this entry concern `f`? Same code, and each of room / item /
    /// asset, when given, among those the finding names.
    pub fn matches(&self, f: &Finding) -> bool {
        names_finding(
            &self.code,
            self.room.as_deref(),
            self.item,
            self.asset.as_deref(),
            f,
        )
    }

    /// What it concerns, for messages: `A2-6.3 Fax`, `A2-1.2`.
    pub fn target(&self) -> String {
        let mut s = self.code.clone();
        if let Some(r) = &self.room {
            s.push_str(&format!(" room {r}"));
        }
        if let Some(k) = self.item {
            s.push_str(&format!(" {}", k.ident()));
        }
        if let Some(a) = &self.asset {
            s.push_str(&format!(" {a}"));
        }
        s
    }
}

/// A committee's status file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFile {
    pub format: Format1,
    pub committee: String,
    #[serde(default)]
    pub entries: Vec<StatusEntry>,
}

impl StatusFile {
    pub fn new(committee: impl Into<String>) -> Self {
        StatusFile {
            format: Format1,
            committee: committee.into(),
            entries: Vec::new(),
        }
    }

    /// Record `status` for the finding `f`: replaces the entry that names
    /// exactly this finding (same code, room, item, asset), else adds one.
    /// `by` is required for `Accepted` (and so is `reason`): checked here as
    /// the reader would.
    pub fn set(
        &mut self,
        f: &Finding,
        status: Status,
        by: &str,
        date: NaiveDate,
        reason: Option<&str>,
        due: Option<NaiveDate>,
    ) -> Result<(), String> {
        let mut entry = StatusEntry::for_finding(f, status);
        entry.by = Some(by.trim().to_string()).filter(|s| !s.is_empty());
        entry.date = Some(date);
        entry.reason = reason
            .map(|r| r.trim().to_string())
            .filter(|s| !s.is_empty());
        entry.due = due;
        if let Some(e) = entry_problem(&entry) {
            return Err(e.0);
        }
        let same = |e: &StatusEntry| {
            e.code == entry.code
                && e.room == entry.room
                && e.item == entry.item
                && e.asset == entry.asset
        };
        match self.entries.iter_mut().find(|e| same(e)) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
        Ok(())
    }

    /// Forget what was recorded about `f` (the entry naming exactly it).
    pub fn clear(&mut self, f: &Finding) -> bool {
        let probe = StatusEntry::for_finding(f, Status::Fixed);
        let before = self.entries.len();
        self.entries.retain(|e| {
            !(e.code == probe.code
                && e.room == probe.room
                && e.item == probe.item
                && e.asset == probe.asset)
        });
        before != self.entries.len()
    }

    /// The file's text (RON, one entry per line as people write them).
    pub fn to_ron(&self) -> String {
        let mut s = format!(
            "(\n    format: 1,\n    committee: {},\n    entries: [\n",
            quote(&self.committee)
        );
        for e in &self.entries {
            let mut parts = vec![format!("code: {}", quote(&e.code))];
            parts.extend(target_fields(e.room.as_deref(), e.item, e.asset.as_deref()));
            parts.push(format!("status: {}", e.status.ident()));
            if let Some(b) = &e.by {
                parts.push(format!("by: {}", quote(b)));
            }
            if let Some(d) = e.date {
                parts.push(format!("date: \"{}\"", d.format("%Y-%m-%d")));
            }
            if let Some(r) = &e.reason {
                parts.push(format!("reason: {}", quote(r)));
            }
            if let Some(d) = e.due {
                parts.push(format!("due: Some(\"{}\")", d.format("%Y-%m-%d")));
            }
            s.push_str(&format!("        ({}),\n", parts.join(", ")));
        }
        s.push_str("    ],\n)\n");
        s
    }
}

/// A string as RON writes it (JSON's quoting is RON's).
pub(crate) fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Do a code and room / item / asset name the finding `f`? Same code, and
/// each of room / item / asset, when given, among those the finding names.
pub(crate) fn names_finding(
    code: &str,
    room: Option<&str>,
    item: Option<ItemKind>,
    asset: Option<&str>,
    f: &Finding,
) -> bool {
    code == f.code
        && room.is_none_or(|r| f.rooms.iter().any(|x| x == r))
        && item.is_none_or(|k| f.items.iter().any(|i| i == k.ident()))
        && asset.is_none_or(|a| f.assets.iter().any(|x| x == a))
}

/// The `room`, `item` and `asset` fields that name a finding, as the
/// follow-up files write them (those given only).
pub(crate) fn target_fields(
    room: Option<&str>,
    item: Option<ItemKind>,
    asset: Option<&str>,
) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(r) = room {
        parts.push(format!("room: Some({})", quote(r)));
    }
    if let Some(k) = item {
        parts.push(format!("item: Some({})", k.ident()));
    }
    if let Some(a) = asset {
        parts.push(format!("asset: Some({})", quote(a)));
    }
    parts
}

/// `NAME.SUFFIX.ron` beside the plan `NAME.ron`.
pub(crate) fn beside_plan(plan: &Path, suffix: &str) -> PathBuf {
    let stem = plan
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    plan.with_file_name(format!("{stem}.{suffix}.ron"))
}

/// `NAME.status.ron` beside `NAME.ron`.
pub fn status_path(plan: &Path) -> PathBuf {
    beside_plan(plan, "status")
}

/// Why an entry is refused, in both languages (`None`: it is fine).
fn entry_problem(e: &StatusEntry) -> Option<(String, String)> {
    if crate::rules::meta(&e.code).is_none() {
        return Some((
            format!("未知的规则代码 {:?} (见 juwei rules)", e.code),
            format!("unknown rule code {:?} (see juwei rules)", e.code),
        ));
    }
    if e.status == Status::Accepted {
        if e.by.as_deref().is_none_or(|b| b.trim().is_empty()) {
            return Some((
                "同意例外 (Accepted) 须写明由谁同意: by: \"街道 社区办 某某\"".into(),
                "Accepted needs `by`: who accepted the exception".into(),
            ));
        }
        if e.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return Some((
                "同意例外 (Accepted) 须写明理由: reason: \"...\"".into(),
                "Accepted needs `reason`: why the exception was accepted".into(),
            ));
        }
    }
    None
}

/// Byte offsets of the `code` keys of the entries, in order, skipping
/// strings and comments (so a reason that mentions `code:` is not counted).
fn entry_offsets(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'c' if text[i..].starts_with("code")
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let rest = text[i + 4..].trim_start();
                if rest.starts_with(':') {
                    out.push(i);
                }
                i += 4;
            }
            _ => i += 1,
        }
    }
    out
}

/// Parse a status file: RON errors and bad entries (unknown code, `Accepted`
/// without `by` or `reason`) are errors at their line and column.
pub fn parse_status(path: &Path, text: &str) -> Result<StatusFile, SourceError> {
    let clean = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut file: StatusFile = parse_ron(path, text)?;
    let offsets = entry_offsets(clean);
    for (n, e) in file.entries.iter_mut().enumerate() {
        let (line, col) = offsets
            .get(n)
            .map(|&o| line_col(clean, o))
            .unwrap_or((1, 1));
        e.line = line;
        if let Some((zh, en)) = entry_problem(e) {
            return Err(SourceError::new(path, line, col, zh, en));
        }
    }
    Ok(file)
}

/// Read the status file beside `plan`, if there is one.
pub fn load_status(plan: &Path) -> Result<Option<StatusFile>, LoadError> {
    let path = status_path(plan);
    if !path.is_file() {
        return Ok(None);
    }
    let text = crate::io::read_utf8(&path)?;
    Ok(Some(parse_status(&path, &text)?))
}

/// Write the status file beside `plan` atomically (temp file + rename).
pub fn write_status_atomic(plan: &Path, file: &StatusFile) -> std::io::Result<PathBuf> {
    let path = status_path(plan);
    crate::io::write_atomic(&path, file.to_ron().as_bytes())?;
    Ok(path)
}

/// What a finding carries from the status file. In JSON its fields sit in
/// the finding itself: `status` (`accepted`, `in-progress`,
/// `fixed-claimed`), `status_by`, `status_date`, `status_reason`,
/// `status_due`, `status_line`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    #[serde(with = "status_word")]
    pub status: Status,
    #[serde(rename = "status_by", default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(
        rename = "status_date",
        default,
        with = "crate::model::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    #[serde(
        rename = "status_reason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub reason: Option<String>,
    #[serde(
        rename = "status_due",
        default,
        with = "crate::model::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    /// The line of the entry in the status file.
    #[serde(rename = "status_line", default)]
    pub line: usize,
}

/// `Status` as the JSON word of `followup.md`.
mod status_word {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use super::Status;

    pub fn serialize<S: Serializer>(s: &Status, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(s.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        let w = String::deserialize(d)?;
        [Status::Accepted, Status::InProgress, Status::Fixed]
            .into_iter()
            .find(|s| s.as_str() == w)
            .ok_or_else(|| D::Error::custom(format!("unknown status {w:?}")))
    }
}

impl Mark {
    fn of(e: &StatusEntry) -> Self {
        Mark {
            status: e.status,
            by: e.by.clone(),
            date: e.date,
            reason: e.reason.clone(),
            due: e.due,
            line: e.line,
        }
    }

    /// One line for people: `同意例外 (王某, 2026-03-02): 理由`.
    pub fn describe(&self, lang: crate::model::Lang) -> String {
        let mut who: Vec<String> = Vec::new();
        if let Some(b) = &self.by {
            who.push(b.clone());
        }
        if let Some(d) = self.date {
            who.push(d.format("%Y-%m-%d").to_string());
        }
        let mut s = self.status.name(lang).to_string();
        if !who.is_empty() {
            s.push_str(&format!(" ({})", who.join(", ")));
        }
        if let Some(d) = self.due {
            s.push_str(&format!(
                " {} {}",
                lang.pick("预计完成", "due"),
                d.format("%Y-%m-%d")
            ));
        }
        if let Some(r) = &self.reason {
            s.push_str(&format!(": {r}"));
        }
        s
    }
}

const STATUS_CLAUSE: &str = "整改跟进 (followup.md)";

/// An entry that matches no finding: the file can be cleaned.
pub static STALE: RuleMeta = RuleMeta {
    code: "S01",
    slug: "stale-status-entry",
    severity: Severity::Info,
    clause: STATUS_CLAUSE,
    clause_text: "整改记录中的条目应对应当前的检查结果。",
    title: "整改记录条目已无对应问题",
    title_en: "Status entry matches no finding",
    scope: Scope::Plan,
};

/// A `Fixed` entry whose finding still occurs.
pub static FIXED_STILL_FOUND: RuleMeta = RuleMeta {
    code: "S02",
    slug: "fixed-still-found",
    severity: Severity::Info,
    clause: STATUS_CLAUSE,
    clause_text: "标记为已整改的问题,复查时应不再出现。",
    title: "已报整改,仍然存在",
    title_en: "Marked fixed, still found",
    scope: Scope::Plan,
};

/// An `InProgress` entry past its due date.
pub static OVERDUE: RuleMeta = RuleMeta {
    code: "S03",
    slug: "in-progress-overdue",
    severity: Severity::Advisory,
    clause: STATUS_CLAUSE,
    clause_text: "整改中的问题应在预计完成日期前整改完毕。",
    title: "整改逾期",
    title_en: "In progress past its due date",
    scope: Scope::Plan,
};

/// The findings about the status file (S01–S03) by code, for look-ups.
pub fn status_meta(code: &str) -> Option<&'static RuleMeta> {
    [&STALE, &FIXED_STILL_FOUND, &OVERDUE]
        .into_iter()
        .find(|m| m.code == code)
}

/// Mark each finding with the status of the first entry that matches it,
/// and report the status file's own findings: stale entries (info), `Fixed`
/// entries whose finding is still found (info), `InProgress` past `due` on
/// `today` (advisory). Pure: no files, no clock.
///
/// Returns the findings (same order, each with `status` set where an entry
/// matched) and the extra findings, in file order.
pub fn apply_status(
    mut findings: Vec<Finding>,
    file: &StatusFile,
    today: NaiveDate,
) -> (Vec<Finding>, Vec<Finding>) {
    let mut used = vec![false; file.entries.len()];
    let mut still_found: Vec<usize> = Vec::new();
    let mut overdue: Vec<usize> = Vec::new();
    for f in findings.iter_mut() {
        let Some(n) = file.entries.iter().position(|e| e.matches(f)) else {
            continue;
        };
        let e = &file.entries[n];
        if !used[n] {
            match e.status {
                Status::Fixed => still_found.push(n),
                Status::InProgress if e.due.is_some_and(|d| d < today) => overdue.push(n),
                _ => {}
            }
        }
        used[n] = true;
        f.status = Some(Mark::of(e));
    }
    let mut extra = Vec::new();
    for (n, e) in file.entries.iter().enumerate() {
        let target = e.target();
        let f = if !used[n] {
            Finding::new(
                &STALE,
                format!(
                    "整改记录第 {} 行 ({target}, {}) 已无对应的问题,可从文件中删除",
                    e.line,
                    e.status.name(crate::model::Lang::Zh)
                ),
                format!(
                    "status entry on line {} ({target}, {}) matches no finding; it can be removed",
                    e.line,
                    e.status.name(crate::model::Lang::En)
                ),
            )
        } else if still_found.contains(&n) {
            Finding::new(
                &FIXED_STILL_FOUND,
                format!(
                    "整改记录第 {} 行称 {target} 已整改{},但复查仍然存在",
                    e.line,
                    e.date
                        .map(|d| format!(" ({})", d.format("%Y-%m-%d")))
                        .unwrap_or_default()
                ),
                format!(
                    "status entry on line {} says {target} was fixed{}, but it is still found",
                    e.line,
                    e.date
                        .map(|d| format!(" ({})", d.format("%Y-%m-%d")))
                        .unwrap_or_default()
                ),
            )
        } else if overdue.contains(&n) {
            let due = e.due.expect("overdue entries have a due date");
            Finding::new(
                &OVERDUE,
                format!(
                    "{target} 整改中,预计 {} 完成,已逾期 {} 天",
                    due.format("%Y-%m-%d"),
                    (today - due).num_days()
                ),
                format!(
                    "{target} in progress, due {}, {} days overdue",
                    due.format("%Y-%m-%d"),
                    (today - due).num_days()
                ),
            )
        } else {
            continue;
        };
        let mut f = f;
        f.rooms.extend(e.room.clone());
        f.items.extend(e.item.map(|k| k.ident().to_string()));
        f.assets.extend(e.asset.clone());
        f.line = Some(e.line).filter(|&l| l > 0);
        extra.push(f);
    }
    (findings, extra)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{rule, Code};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const FILE: &str = r#"(
    format: 1,
    committee: "JA-SM2-011",
    entries: [
        // one finding, matched by its code and what it concerns
        (code: "A2-1.2", status: Accepted, by: "石门二路街道 社区办 王某", date: "2026-03-02",
         reason: "石库门里弄,无法扩建;街道已另租活动室"),
        (code: "A2-6.3", item: Some(Fax), status: InProgress, by: "张家宅居委会", date: "2026-03-10",
         reason: "已申请采购,预计5月到位", due: Some("2026-05-31")),
        (code: "A2-4.4", status: Fixed, by: "张家宅居委会", date: "2026-04-01"),
    ],
)
"#;

    fn parse(text: &str) -> Result<StatusFile, SourceError> {
        parse_status(Path::new("JA-SM2-011.status.ron"), text)
    }

    fn findings() -> Vec<Finding> {
        vec![
            Finding::new(rule(Code::A2_1_2), "面积 80㎡", "80 m²"),
            Finding::new(rule(Code::A2_6_3), "缺传真机", "no fax").item(ItemKind::Fax),
            Finding::new(rule(Code::A2_6_3), "缺打印机", "no printer").item(ItemKind::Printer),
            Finding::new(rule(Code::A2_4_4), "缺灭火器", "no extinguisher").room("R1"),
        ]
    }

    #[test]
    fn the_example_of_the_contract_parses_with_lines() {
        let f = parse(FILE).unwrap();
        assert_eq!(f.committee, "JA-SM2-011");
        assert_eq!(f.entries.len(), 3);
        assert_eq!(
            f.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            [6, 8, 10]
        );
        assert_eq!(f.entries[1].item, Some(ItemKind::Fax));
        assert_eq!(f.entries[1].due, Some(day("2026-05-31")));
        assert_eq!(f.entries[2].status, Status::Fixed);
    }

    #[test]
    fn unknown_code_is_a_located_error() {
        let text = FILE.replace("\"A2-4.4\"", "\"A2-4.9\"");
        let e = parse(&text).unwrap_err();
        assert_eq!((e.line, e.col), (10, 10));
        assert!(e.message.contains("A2-4.9"), "{}", e.message);
    }

    #[test]
    fn accepted_without_by_or_reason_is_a_located_error() {
        let text = FILE.replace("by: \"石门二路街道 社区办 王某\", ", "");
        let e = parse(&text).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.message_en.contains("`by`"), "{}", e.message_en);
        let text = FILE.replace(
            "\n         reason: \"石库门里弄,无法扩建;街道已另租活动室\"",
            "",
        );
        let e = parse(&text).unwrap_err();
        assert_eq!(e.line, 6);
        assert!(e.message_en.contains("`reason`"), "{}", e.message_en);
        // `by` on InProgress is not required
        let text = FILE.replace(
            "by: \"张家宅居委会\", date: \"2026-03-10\"",
            "date: \"2026-03-10\"",
        );
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn malformed_ron_bad_status_and_bad_dates_are_located() {
        let e = parse(&FILE.replace("InProgress", "Doing")).unwrap_err();
        assert_eq!(e.line, 8);
        let e = parse(&FILE.replace("2026-05-31", "2026-02-30")).unwrap_err();
        assert_eq!(e.line, 9);
        assert!(e.message.contains("日期无效"), "{}", e.message);
        let e = parse(&FILE.replace("status: Fixed,", "status: Fixed, whom: 1,")).unwrap_err();
        assert_eq!(e.line, 10);
        assert!(parse("(format: 2, committee: \"x\", entries: [])").is_err());
    }

    #[test]
    fn a_code_inside_a_reason_or_comment_does_not_shift_lines() {
        let text = FILE.replace(
            "// one finding",
            "// code: A2-1.1 was fixed last year\n        // one finding",
        );
        let text = text.replace("无法扩建", "code: 无法扩建");
        let f = parse(&text).unwrap();
        assert_eq!(
            f.entries.iter().map(|e| e.line).collect::<Vec<_>>(),
            [7, 9, 11]
        );
    }

    #[test]
    fn entries_mark_the_findings_they_match() {
        let file = parse(FILE).unwrap();
        let (marked, extra) = apply_status(findings(), &file, day("2026-04-15"));
        let st: Vec<Option<Status>> = marked
            .iter()
            .map(|f| f.status.as_ref().map(|m| m.status))
            .collect();
        assert_eq!(
            st,
            [
                Some(Status::Accepted),
                Some(Status::InProgress),
                None, // the printer is not the fax
                Some(Status::Fixed),
            ]
        );
        assert!(marked[0].accepted());
        assert!(!marked[0].fails());
        // the A2-4.4 Fixed entry's finding is still there
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].code, "S02");
        assert_eq!(extra[0].severity, Severity::Info);
        assert_eq!(extra[0].line, Some(10));
        assert!(
            extra[0].message.contains("2026-04-01"),
            "{}",
            extra[0].message
        );
    }

    #[test]
    fn accepted_findings_are_not_counted_as_violations() {
        let mut fs = vec![
            Finding::new(rule(Code::A2_4_4), "x", "x").room("R1"),
            Finding::new(rule(Code::A2_4_4), "y", "y").room("R2"),
        ];
        assert!(crate::rules::Summary::of(&fs).fails());
        let mut file = StatusFile::new("c");
        file.set(
            &fs[0],
            Status::Accepted,
            "街道",
            day("2026-01-01"),
            Some("无法改"),
            None,
        )
        .unwrap();
        let (marked, _) = apply_status(fs.clone(), &file, day("2026-02-01"));
        let s = crate::rules::Summary::of(&marked);
        assert_eq!((s.violation, s.accepted), (1, 1));
        assert!(s.fails());
        file.set(
            &fs[1],
            Status::Accepted,
            "街道",
            day("2026-01-01"),
            Some("无法改"),
            None,
        )
        .unwrap();
        fs = apply_status(fs, &file, day("2026-02-01")).0;
        let s = crate::rules::Summary::of(&fs);
        assert_eq!((s.violation, s.accepted), (0, 2));
        assert!(!s.fails());
    }

    #[test]
    fn an_entry_without_room_item_or_asset_matches_every_finding_of_its_code() {
        let text = FILE.replace("item: Some(Fax), ", "");
        let file = parse(&text).unwrap();
        let (marked, _) = apply_status(findings(), &file, day("2026-04-15"));
        assert!(marked[1..3]
            .iter()
            .all(|f| f.status.as_ref().unwrap().status == Status::InProgress));
    }

    #[test]
    fn room_and_asset_narrow_the_match() {
        let f1 = Finding::new(rule(Code::A2_4_4), "x", "x").room("R1");
        let f2 = Finding::new(rule(Code::A2_4_4), "x", "x").room("R2");
        let a = Finding::new(rule(Code::A2_6_3), "x", "x").asset("GD-001");
        let mut file = StatusFile::new("c");
        file.entries.push(StatusEntry {
            room: Some("R2".into()),
            ..StatusEntry::for_finding(&f1, Status::InProgress)
        });
        file.entries.push(StatusEntry {
            asset: Some("GD-002".into()),
            ..StatusEntry::for_finding(&a, Status::InProgress)
        });
        let (m, extra) = apply_status(vec![f1, f2, a], &file, day("2026-01-01"));
        assert!(m[0].status.is_none());
        assert!(m[1].status.is_some());
        assert!(m[2].status.is_none());
        // the asset entry is stale
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].code, "S01");
        assert_eq!(extra[0].assets, ["GD-002"]);
    }

    #[test]
    fn stale_entries_and_overdue_work_are_reported() {
        let file = parse(FILE).unwrap();
        // only the fax is still missing, after its due date
        let fs = vec![findings().remove(1)];
        let (_, extra) = apply_status(fs, &file, day("2026-06-10"));
        let codes: Vec<&str> = extra.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["S01", "S03", "S01"]);
        assert_eq!(extra[1].severity, Severity::Advisory);
        assert!(
            extra[1].message.contains("逾期 10 天"),
            "{}",
            extra[1].message
        );
        assert_eq!(extra[0].line, Some(6));
        assert_eq!(extra[2].line, Some(10));
        // on the due date itself it is not overdue
        let (_, extra) = apply_status(vec![findings().remove(1)], &file, day("2026-05-31"));
        assert!(extra.iter().all(|f| f.code != "S03"));
    }

    #[test]
    fn nothing_matches_in_an_empty_file_and_nothing_is_reported() {
        let file = StatusFile::new("c");
        let (m, extra) = apply_status(findings(), &file, day("2026-01-01"));
        assert_eq!(m, findings());
        assert!(extra.is_empty());
    }

    #[test]
    fn set_replaces_the_same_entry_and_refuses_accepted_without_by() {
        let f = findings().remove(1);
        let mut file = StatusFile::new("JA-SM2-011");
        assert!(file
            .set(
                &f,
                Status::Accepted,
                " ",
                day("2026-01-01"),
                Some("r"),
                None
            )
            .is_err());
        file.set(
            &f,
            Status::InProgress,
            "居委会",
            day("2026-01-01"),
            None,
            Some(day("2026-03-01")),
        )
        .unwrap();
        file.set(&f, Status::Fixed, "居委会", day("2026-02-01"), None, None)
            .unwrap();
        assert_eq!(file.entries.len(), 1);
        assert_eq!(file.entries[0].status, Status::Fixed);
        assert_eq!(file.entries[0].item, Some(ItemKind::Fax));
        // what is written reads back the same
        let back = parse(&file.to_ron()).unwrap();
        assert_eq!(back.entries[0].status, Status::Fixed);
        assert_eq!(back.entries[0].item, Some(ItemKind::Fax));
        assert_eq!(back.entries[0].date, Some(day("2026-02-01")));
        assert!(file.clear(&f));
        assert!(file.entries.is_empty());
    }

    #[test]
    fn written_atomically_beside_the_plan_and_quoted_safely() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("JA-1.ron");
        let mut file = StatusFile::new("JA-1");
        let f = Finding::new(rule(Code::A2_1_2), "x", "x");
        file.set(
            &f,
            Status::Accepted,
            "街道 \"社区办\"",
            day("2026-03-02"),
            Some("里弄\n无法扩建"),
            None,
        )
        .unwrap();
        let path = write_status_atomic(&plan, &file).unwrap();
        assert_eq!(path, dir.path().join("JA-1.status.ron"));
        let back = load_status(&plan).unwrap().unwrap();
        assert_eq!(back.entries[0].by.as_deref(), Some("街道 \"社区办\""));
        assert_eq!(back.entries[0].reason.as_deref(), Some("里弄\n无法扩建"));
        assert!(load_status(&dir.path().join("JA-2.ron")).unwrap().is_none());
    }

    #[test]
    fn json_carries_the_status_words() {
        let file = parse(FILE).unwrap();
        let (m, _) = apply_status(findings(), &file, day("2026-04-15"));
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v[0]["status"], "accepted");
        assert_eq!(v[0]["status_by"], "石门二路街道 社区办 王某");
        assert_eq!(v[1]["status"], "in-progress");
        assert_eq!(v[1]["status_due"], "2026-05-31");
        assert_eq!(v[3]["status"], "fixed-claimed");
        assert!(v[2].get("status").is_none());
        let back: Vec<Finding> = serde_json::from_value(v).unwrap();
        assert_eq!(back, m);
    }
}
