//! # A2-3.3 zone-service
//!
//! **What it checks.** Some room holds the `Service` zone, when the profile's
//! `required_zones` lists it (Jing'an 2017 lists all four committee zones).
//! A room may hold several zones; which zones may share a room is A2-3.4a/b's
//! and A7-1.1's business.
//!
//! **Why.** The government's services reaching the neighbourhood (donations, health education, Red Cross, family planning…) are offered in the service zone.
//!
//! **Clause.** 附件2 三.3 「综合服务区:主要指开展各类服务活动的区域。」

use super::support::missing_zone;
use crate::model::Zone;
use crate::rules::{Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    missing_zone(ctx, Code::A2_3_3, Zone::Service)
}
