use serde::{Deserialize, Serialize};

use super::codes::RuleMeta;
use crate::model::Lang;

/// How serious a finding is (`rules.md`, "Severities").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The plan itself is broken (G01–G04): the other checks are skipped.
    Error,
    /// The standard says 应当/需/必须/不得 and the plan breaks it.
    Violation,
    /// The standard singles the committee out for priority upgrade.
    Priority,
    /// The standard recommends (可/可以/如条件允许).
    Advisory,
    /// A fact worth showing.
    Info,
}

impl Severity {
    pub const ALL: [Severity; 5] = [
        Severity::Error,
        Severity::Violation,
        Severity::Priority,
        Severity::Advisory,
        Severity::Info,
    ];

    /// The word used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Violation => "violation",
            Severity::Priority => "priority",
            Severity::Advisory => "advisory",
            Severity::Info => "info",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Violation => "不符合",
            Severity::Priority => "重点改善",
            Severity::Advisory => "建议",
            Severity::Info => "提示",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Violation => "violation",
            Severity::Priority => "priority",
            Severity::Advisory => "advisory",
            Severity::Info => "info",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// Makes the exit status 1 (`cli.md`).
    pub fn fails(self) -> bool {
        matches!(self, Severity::Error | Severity::Violation)
    }

    /// Colour (sRGB) shared by every view: outlines on the plan, badges.
    pub fn colour(self) -> [u8; 3] {
        match self {
            Severity::Error => [0xb0, 0x00, 0x20],
            Severity::Violation => [0xe0, 0x3a, 0x1e],
            Severity::Priority => [0xe8, 0x8a, 0x00],
            Severity::Advisory => [0x1f, 0x6f, 0xc0],
            Severity::Info => [0x60, 0x7d, 0x8b],
        }
    }
}

/// One finding of one rule: what the standard says about a plan or register,
/// with the rooms, items and assets it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub slug: String,
    pub severity: Severity,
    pub clause: String,
    pub message: String,
    pub message_en: String,
    pub rooms: Vec<String>,
    pub items: Vec<String>,
    pub assets: Vec<String>,
    /// The estate (an id of `committee.estates`) a per-estate finding
    /// concerns (rev 2: A2-2.1, A2-5.3, A2-5.4), or the unknown estate an
    /// item names (G03); absent for a committee that lists no estates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estate: Option<String>,
    /// Where in the input file the finding points, when known (1-based).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Which file `line` is in: the plan or the register (`cli.md` rev 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<crate::committee::FileKind>,
    /// What the committee's status file records about it (`followup.md`):
    /// in JSON `status` (`accepted`, `in-progress`, `fixed-claimed`) and
    /// `status_by`, `status_date`, `status_reason`, `status_due`.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::followup::Mark>,
}

impl Finding {
    pub fn new(meta: &RuleMeta, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Finding {
            code: meta.code.to_string(),
            slug: meta.slug.to_string(),
            severity: meta.severity,
            clause: meta.clause.to_string(),
            message: zh.into(),
            message_en: en.into(),
            rooms: Vec::new(),
            items: Vec::new(),
            assets: Vec::new(),
            estate: None,
            line: None,
            file: None,
            status: None,
        }
    }

    pub fn room(mut self, id: impl Into<String>) -> Self {
        self.rooms.push(id.into());
        self
    }

    pub fn rooms<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rooms.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Name an item (by its kind's identifier, e.g. `Fax`, `WallBoard(Organisation)`).
    pub fn item(mut self, kind: crate::model::ItemKind) -> Self {
        self.items.push(kind.ident().to_string());
        self
    }

    pub fn asset(mut self, id: impl Into<String>) -> Self {
        self.assets.push(id.into());
        self
    }

    pub fn assets<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.assets.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Name the estate the finding concerns (`committee.estates` id).
    pub fn estate(mut self, id: Option<&str>) -> Self {
        self.estate = id.map(str::to_string);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }

    /// The rule this finding comes from (or, for S01–S03, the status
    /// file's own finding).
    pub fn meta(&self) -> Option<&'static RuleMeta> {
        super::codes::meta(&self.code).or_else(|| crate::followup::status::status_meta(&self.code))
    }

    /// Accepted as an exception by the street or district (`followup.md`):
    /// shown, but no longer counted as a violation or priority.
    pub fn accepted(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|m| m.status == crate::followup::Status::Accepted)
    }

    /// Counts towards exit status 1: an error or violation not accepted.
    pub fn fails(&self) -> bool {
        self.severity.fails() && !self.accepted()
    }
}

/// Findings counted by severity (the `summary` object of `cli.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub error: usize,
    pub violation: usize,
    pub priority: usize,
    pub advisory: usize,
    pub info: usize,
    /// Findings accepted as exceptions (`followup.md`): counted here, not
    /// under their severity.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub accepted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Self {
        let mut s = Summary::default();
        for f in findings {
            if f.accepted() {
                s.accepted += 1;
            } else {
                s.add(f.severity, 1);
            }
        }
        s
    }

    pub fn add(&mut self, sev: Severity, n: usize) {
        match sev {
            Severity::Error => self.error += n,
            Severity::Violation => self.violation += n,
            Severity::Priority => self.priority += n,
            Severity::Advisory => self.advisory += n,
            Severity::Info => self.info += n,
        }
    }

    pub fn get(&self, sev: Severity) -> usize {
        match sev {
            Severity::Error => self.error,
            Severity::Violation => self.violation,
            Severity::Priority => self.priority,
            Severity::Advisory => self.advisory,
            Severity::Info => self.info,
        }
    }

    pub fn merge(&mut self, other: &Summary) {
        for s in Severity::ALL {
            self.add(s, other.get(s));
        }
        self.accepted += other.accepted;
    }

    /// Exit status 1 is owed (`cli.md`).
    pub fn fails(&self) -> bool {
        self.error + self.violation > 0
    }
}
