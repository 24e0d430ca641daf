//! # A2-3.1 zone-office
//!
//! **What it checks.** Some room holds the `Office` zone, when the profile's
//! `required_zones` lists it (Jing'an 2017 lists all four committee zones).
//! A room may hold several zones; which zones may share a room is A2-3.4a/b's
//! and A7-1.1's business.
//!
//! **Why.** Every committee is divided into the same four functional zones; the office zone is where cadres and staff work every day.
//!
//! **Clause.** 附件2 三.1 「工作办公区:主要指居委会干部及工作人员日常办公的区域。工作办公区应当宽敞、明亮,布置简洁大方,资料摆放整齐有序。」

use super::support::missing_zone;
use crate::model::Zone;
use crate::rules::{Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    missing_zone(ctx, Code::A2_3_1, Zone::Office)
}
