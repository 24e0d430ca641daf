//! # A2-3.2 zone-meeting
//!
//! **What it checks.** Some room holds the `Meeting` zone, when the profile's
//! `required_zones` lists it (Jing'an 2017 lists all four committee zones).
//! A room may hold several zones; which zones may share a room is A2-3.4a/b's
//! and A7-1.1's business.
//!
//! **Why.** Residents deliberate on their estate's affairs in the meeting zone; without it self-governance has no place.
//!
//! **Clause.** 附件2 三.2 「会议议事区:主要指召开小型会议、居民议事的区域。」

use super::support::missing_zone;
use crate::model::Zone;
use crate::rules::{Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    missing_zone(ctx, Code::A2_3_2, Zone::Meeting)
}
