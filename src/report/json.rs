//! The JSON object of `juwei check --format json` (`cli.md`, format 1).
//! Fields may be added, never renamed or removed.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::model::Plan;
use crate::rules::{CheckReport, Finding, Summary};

/// The `committee` object.
#[derive(Debug, Clone, Serialize)]
pub struct CommitteeRef<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub estate: &'a str,
    pub street: &'a str,
}

/// One check as the JSON object of `cli.md`. With `findings` false, the
/// findings are replaced by their `codes` (the audit's row object).
pub fn check_object(plan_path: &str, plan: &Plan, report: &CheckReport, findings: bool) -> Value {
    let mut rooms = Map::new();
    for (id, a) in &report.room_areas {
        rooms.insert(id.clone(), json!(a));
    }
    let mut obj = Map::new();
    obj.insert("format".into(), json!(1));
    obj.insert("plan".into(), json!(plan_path));
    obj.insert(
        "committee".into(),
        serde_json::to_value(CommitteeRef {
            code: &plan.committee.code,
            name: &plan.committee.name,
            estate: plan.committee.estate.ident(),
            street: &plan.committee.street,
        })
        .expect("plain data"),
    );
    obj.insert("valid".into(), json!(report.valid));
    // rev 2: the certified area, when recorded, is what the thresholds use
    let (used, source) = crate::committee::area_used(plan, report.premises_area_m2);
    let mut area = Map::new();
    area.insert("premises".into(), json!(report.premises_area_m2));
    area.insert("rooms".into(), Value::Object(rooms));
    if let Some(c) = &plan.committee.certified_area {
        area.insert("certified".into(), json!(c.m2));
        area.insert("certified_source".into(), json!(c.source));
    }
    area.insert("used".into(), json!(used));
    area.insert("used_source".into(), json!(source));
    obj.insert("area_m2".into(), Value::Object(area));
    if findings {
        obj.insert("findings".into(), findings_value(&report.findings));
    } else {
        obj.insert("codes".into(), json!(report.codes()));
    }
    obj.insert("summary".into(), summary_value(&report.summary()));
    Value::Object(obj)
}

pub fn findings_value(findings: &[Finding]) -> Value {
    serde_json::to_value(findings).expect("plain data")
}

pub fn summary_value(s: &Summary) -> Value {
    serde_json::to_value(s).expect("plain data")
}

/// Pretty JSON text with a final newline.
pub fn to_string(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("plain data");
    s.push('\n');
    s
}
