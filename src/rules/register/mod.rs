//! Section D of `rules.md`: the rules of 附件1 §3.6.3 on the fixed-asset
//! register and of §3.4 on the seals kept in it. One file per rule, whose
//! doc comment has the sections of the plan rules' (**What it checks**,
//! **Why**, **Clause**, **Interpretation**) and goes into `docs/rules.md`;
//! [`check_register`] runs them all.
//!
//! The register is judged as it stands on `today`: events dated later are
//! planned, not facts, and no rule counts them.

use std::path::Path;

use chrono::NaiveDate;

use super::{Code, Finding, Profile};
use crate::register::Register;

pub mod books_match;
pub mod custodian;
pub mod handover_complete;
pub mod seal_change_via_street;
pub mod seal_handover;
pub mod seal_keeper;
pub mod seal_recall_custody;
pub mod seal_use_recorded;
pub mod year_end_stocktake;

/// What the register rules need besides the register.
#[derive(Debug, Clone, Copy)]
pub struct RegisterCheck<'a> {
    pub profile: &'a Profile,
    /// The day the check is made (injected: tests pass a fixed date, the
    /// command line the local date).
    pub today: NaiveDate,
    /// Where count sheets named by Stocktake events are read from (the
    /// register's folder).
    pub base_dir: &'a Path,
}

impl RegisterCheck<'_> {
    /// How many of the register's events had happened by `today`.
    pub fn facts(&self, reg: &Register) -> usize {
        reg.events.partition_point(|e| e.date <= self.today)
    }
}

/// A register rule's check.
pub type Check = fn(&Register, &RegisterCheck) -> Vec<Finding>;

/// Every register rule: its code and its check, in the order of `rules.md`.
pub static CHECKS: &[(Code, Check)] = &[
    (Code::A1_3_6_3a, custodian::check),
    (Code::A1_3_6_3b, year_end_stocktake::check),
    (Code::A1_3_6_3c, books_match::check),
    (Code::A1_3_6_3d, handover_complete::check),
    (Code::A1_3_4_1, seal_keeper::check),
    (Code::A1_3_4_3, seal_use_recorded::check),
    (Code::A1_3_4_4, seal_handover::check),
    (Code::A1_3_4_4a, seal_change_via_street::check),
    (Code::A1_3_4_5, seal_recall_custody::check),
];

/// Run every register rule.
pub fn check_register(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    CHECKS
        .iter()
        .flat_map(|(_, check)| check(reg, ctx))
        .collect()
}

/// A list of ids for a message: all of them up to `max`, then "… (n in all)".
pub(crate) fn id_list(ids: &[String], max: usize, zh: bool) -> String {
    let sep = if zh { "、" } else { ", " };
    if ids.len() <= max {
        ids.join(sep)
    } else if zh {
        format!("{} 等 {} 项", ids[..max].join(sep), ids.len())
    } else {
        format!("{} … ({} in all)", ids[..max].join(sep), ids.len())
    }
}
