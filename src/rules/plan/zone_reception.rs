//! # A2-3.4 zone-reception
//!
//! **What it checks.** Some room holds the `Reception` zone, when the profile's
//! `required_zones` lists it (Jing'an 2017 lists all four committee zones).
//! A room may hold several zones; which zones may share a room is A2-3.4a/b's
//! and A7-1.1's business.
//!
//! **Why.** Residents who come with a problem are received in a quiet place of their own; a reception zone merged with the meeting or service zone still counts (A2-3.4a).
//!
//! **Clause.** 附件2 三.4 「居民接待区:主要指居委会工作人员接待来访居民的区域。开辟一个较为安静、温馨的空间,接待居民的来访与咨询,确保个人隐私。」

use super::support::missing_zone;
use crate::model::Zone;
use crate::rules::{Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    missing_zone(ctx, Code::A2_3_4, Zone::Reception)
}
