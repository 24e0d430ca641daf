//! The JSON other programs read (`cli.md`, format 1): typed structs that
//! borrow from the model, one per object of the contract, so a renamed or
//! dropped field is a compile error or a failing test
//! (`tests/json_contract.rs`), never a silent change. Fields may be added,
//! never renamed or removed.
//!
//! - [`CheckJson`]: `juwei check --format json`, and the audit's row;
//! - [`audit`]: the audit's rows, lists, totals and 整改清单, written one
//!   row at a time;
//! - [`diff`]: `juwei diff --format json`.

pub mod audit;
pub mod diff;

use serde::{Serialize, Serializer};

use crate::committee::AreaSource;
use crate::followup::cost::Cost;
use crate::model::{Committee, Plan};
use crate::rules::{CheckReport, Finding, Summary};

/// The contract's `format` number: always `1` (a struct field of this type
/// cannot be set to anything else).
#[derive(Debug, Clone, Copy, Default)]
pub struct Format1;

impl Serialize for Format1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(1)
    }
}

/// The `committee` object.
#[derive(Debug, Clone, Serialize)]
pub struct CommitteeRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub estate: &'a str,
    pub street: &'a str,
}

impl<'a> CommitteeRef<'a> {
    pub fn of(c: &'a Committee) -> Self {
        CommitteeRef {
            code: &c.code,
            name: &c.name,
            estate: c.estate.ident(),
            street: &c.street,
        }
    }
}

/// Room areas by room id, in the plan's order (a repeated id keeps its first
/// place and its last area, as a JSON object can hold a key once).
#[derive(Debug, Clone, Copy)]
pub struct RoomAreas<'a>(pub &'a [(String, f64)]);

impl Serialize for RoomAreas<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut last: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
        for (id, a) in self.0 {
            last.insert(id, *a);
        }
        let mut m = s.serialize_map(Some(last.len()))?;
        for (id, _) in self.0 {
            if let Some(a) = last.remove(id.as_str()) {
                m.serialize_entry(id, &a)?;
            }
        }
        m.end()
    }
}

/// `area_m2` of a check.
#[derive(Debug, Clone, Serialize)]
pub struct AreaJson<'a> {
    pub premises: f64,
    pub rooms: RoomAreas<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certified: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certified_source: Option<&'a str>,
    /// rev 2: the certified area, when recorded, is what the thresholds use.
    pub used: f64,
    pub used_source: AreaSource,
}

/// The findings of a check, or (the audit's row) their codes only.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingsOrCodes<'a> {
    Findings(&'a [Finding]),
    Codes(Vec<String>),
}

/// One check as the JSON object of `cli.md`.
#[derive(Debug, Clone, Serialize)]
pub struct CheckJson<'a> {
    pub format: Format1,
    pub plan: &'a str,
    pub committee: CommitteeRef<'a>,
    pub valid: bool,
    pub area_m2: AreaJson<'a>,
    /// `findings` (a check) or `codes` (an audit's row).
    #[serde(flatten)]
    pub findings: FindingsOrCodes<'a>,
    pub summary: Summary,
}

impl<'a> CheckJson<'a> {
    /// With `findings` false, the findings are replaced by their `codes`
    /// (the audit's row object).
    pub fn new(
        plan_path: &'a str,
        plan: &'a Plan,
        report: &'a CheckReport,
        findings: bool,
    ) -> Self {
        let (used, used_source) = crate::committee::area_used(plan, report.premises_area_m2);
        let certified = plan.committee.certified_area.as_ref();
        CheckJson {
            format: Format1,
            plan: plan_path,
            committee: CommitteeRef::of(&plan.committee),
            valid: report.valid,
            area_m2: AreaJson {
                premises: report.premises_area_m2,
                rooms: RoomAreas(&report.room_areas),
                certified: certified.map(|c| c.m2),
                certified_source: certified.map(|c| c.source.as_str()),
                used,
                used_source,
            },
            findings: if findings {
                FindingsOrCodes::Findings(&report.findings)
            } else {
                FindingsOrCodes::Codes(report.codes())
            },
            summary: report.summary(),
        }
    }
}

/// Fen as a JSON number of yuan (`123456` → `1234.56`): the exact decimal
/// of [`crate::followup::cost::yuan_plain`], the nearest double to it
/// (which serde writes back as the same shortest decimal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yuan(pub i64);

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = crate::followup::cost::yuan_plain(self.0);
        match text.parse::<f64>() {
            Ok(x) => s.serialize_f64(x),
            Err(_) => s.serialize_str(&text),
        }
    }
}

/// `cost_yuan` of `followup.md`: `{equipment, area, total}` in yuan with two
/// decimals, as exact JSON numbers (from integer fen).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CostJson {
    pub equipment: Yuan,
    pub area: Yuan,
    pub total: Yuan,
}

impl From<&Cost> for CostJson {
    fn from(c: &Cost) -> Self {
        CostJson {
            equipment: Yuan(c.equipment_fen),
            area: Yuan(c.area_fen),
            total: Yuan(c.total_fen()),
        }
    }
}

/// Pretty JSON text with a final newline.
pub fn to_string<T: Serialize + ?Sized>(v: &T) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("plain data");
    s.push('\n');
    s
}

/// `juwei check --format json`: the object of `cli.md`, findings included.
pub fn check_text(plan_path: &str, plan: &Plan, report: &CheckReport) -> String {
    to_string(&CheckJson::new(plan_path, plan, report, true))
}
