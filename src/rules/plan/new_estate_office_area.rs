//! # A2-1.1 new-estate-office-area
//!
//! **What it checks.** A committee of a new estate (`estate: New`) has
//! premises of at least the profile's `new_estate_min_area_m2` (200.00 m² in
//! Jing'an 2017). The premises area is the sum of the rooms holding neither
//! a `ResidentActivity` nor a `Courtyard` zone, rounded to 0.01 m²;
//! 以上 includes the number, so exactly 200.00 m² passes and 199.99 m² fails.
//!
//! **Why.** The district fixes one minimum for the offices that developers
//! hand over with new estates; below it the four functional zones do not fit.
//!
//! **Clause.** 附件2 一.1 「新建住宅小区居委会办公用房面积需达到200㎡以上。」

use crate::geom::area::round2;
use crate::model::Estate;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let min = round2(ctx.profile.new_estate_min_area_m2);
    let (area, source) = crate::committee::area_used(ctx.plan, ctx.geom.premises_area);
    let (by_zh, by_en) = super::support::area_source(ctx.plan, ctx.geom, source);
    if ctx.plan.committee.estate != Estate::New || area >= min {
        return Vec::new();
    }
    vec![Finding::new(
        rule(Code::A2_1_1),
        format!(
            "新建住宅小区居委会办公用房面积为{area:.2}㎡{by_zh},未达到{min:.2}㎡(差{:.2}㎡)",
            round2(min - area)
        ),
        format!(
            "New-estate premises measure {area:.2} m²{by_en}, short of the {min:.2} m² required (by {:.2} m²)",
            round2(min - area)
        ),
    )]
}
