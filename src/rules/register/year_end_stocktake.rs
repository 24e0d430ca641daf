//! A1-3.6.3b `year-end-stocktake`.
//!
//! # What it checks
//! For every finished calendar year (a year before the year of the check)
//! at whose end (31 December) the register held cards in use, a Stocktake
//! event for that year is recorded (on any date up to the day of the
//! check: a count made in the first days of January for the year before
//! counts). One finding per year without one.
//!
//! # Why
//! Only a count shows that the books match the things; the standard asks
//! for one at every year end.
//!
//! # Clause
//! 附件1 3.6.3: “……指定专人保管,年底清点,做到账物相符。”

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::RegisterCheck;
use crate::register::{EventKind, Register};
use crate::rules::{rule, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule("A1-3.6.3b");
    let facts = &reg.events[..ctx.facts(reg)];
    let Some(first) = facts.first() else {
        return Vec::new();
    };
    let counted: BTreeSet<i32> = facts
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Stocktake { year, .. } => Some(year),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for year in first.date.year()..ctx.today.year() {
        if counted.contains(&year) {
            continue;
        }
        let Some(end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
            continue;
        };
        let state = reg.state_at(end);
        let held: Vec<String> = state.in_use().map(|a| a.id.clone()).collect();
        if held.is_empty() {
            continue;
        }
        out.push(Finding::new(
            meta,
            format!(
                "{year} 年底未记录清点(年末在册资产 {} 项,价值 {} 元)",
                held.len(),
                crate::register::yuan(state.value_in_use_fen())
            ),
            format!(
                "No stocktake recorded for {year} ({} cards on the books at the year's end, worth {} yuan)",
                held.len(),
                crate::register::yuan(state.value_in_use_fen())
            ),
        ));
    }
    out
}
