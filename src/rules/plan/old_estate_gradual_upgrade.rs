//! # A2-1.2a old-estate-gradual-upgrade
//!
//! **What it checks.** A committee of an old estate whose premises measure
//! more than `old_estate_priority_max_m2` (100.00 m²) but less than the
//! target `old_estate_target_m2` (200.00 m², the new-estate standard):
//! 100.01 m² and 199.99 m² are gradual-upgrade cases, 100.00 m² is a
//! priority case (A2-1.2) and 200.00 m² needs nothing.
//!
//! **Why.** Old-estate premises are to be improved step by step; the ones
//! between the priority line and the new-estate standard are next in line.
//!
//! **Clause.** 附件2 一.2 「旧小区的居委会办公用房在结合街道(镇)的实际情况下,逐步予以改善。」
//!
//! **Interpretation.** The standard gives no upper bound for 逐步予以改善;
//! the profile's target (the new-estate 200 m²) is used, so that an old
//! estate that already meets the new-estate standard gets no finding.

use crate::geom::area::round2;
use crate::model::Estate;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let low = round2(ctx.profile.old_estate_priority_max_m2);
    let target = round2(ctx.profile.old_estate_target_m2);
    let area = ctx.geom.premises_area;
    if ctx.plan.committee.estate != Estate::Old || area <= low || area >= target {
        return Vec::new();
    }
    vec![Finding::new(
        rule("A2-1.2a"),
        format!("旧小区居委会办公用房面积为{area:.2}㎡,低于{target:.2}㎡,宜逐步予以改善"),
        format!(
            "Old-estate premises measure {area:.2} m², below {target:.2} m²: to be upgraded step by step"
        ),
    )]
}
