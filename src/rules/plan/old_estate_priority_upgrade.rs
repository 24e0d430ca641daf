//! # A2-1.2 old-estate-priority-upgrade
//!
//! **What it checks.** A committee of an old estate (`estate: Old`) whose
//! premises measure at most the profile's `old_estate_priority_max_m2`
//! (100.00 m² in Jing'an 2017). 以下 includes the number: exactly 100.00 m²
//! is a priority case, 100.01 m² is not (it is A2-1.2a's gradual upgrade).
//!
//! **Why.** The street offices upgrade old-estate premises step by step and
//! must start with the smallest; this finding puts the committee on that list.
//!
//! **Clause.** 附件2 一.2 「旧小区的居委会办公用房在结合街道(镇)的实际情况下,逐步予以改善,重点改善面积在100㎡以下的居委会办公用房。」

use crate::geom::area::round2;
use crate::model::Estate;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let max = round2(ctx.profile.old_estate_priority_max_m2);
    let (area, source) = crate::committee::area_used(ctx.plan, ctx.geom.premises_area);
    let (by_zh, by_en) = super::support::area_source(ctx.plan, ctx.geom, source);
    if ctx.plan.committee.estate != Estate::Old || area > max {
        return Vec::new();
    }
    vec![Finding::new(
        rule(Code::A2_1_2),
        format!("旧小区居委会办公用房面积为{area:.2}㎡{by_zh},在{max:.2}㎡以下,列为重点改善对象"),
        format!(
            "Old-estate premises measure {area:.2} m²{by_en}, at most {max:.2} m²: a priority for upgrading"
        ),
    )]
}
