//! # A2-1.2a old-estate-gradual-upgrade
//!
//! **What it checks.** A committee of an old estate whose premises area
//! (the certified one when recorded) is above `old_estate_priority_max_m2`
//! (100.00 m²): 100.01 m² is listed for gradual improvement, 100.00 m² is a
//! priority case (A2-1.2). An `info` finding, whatever the area.
//!
//! **Why.** Old-estate premises are improved step by step as the street's
//! conditions allow; the street needs to see which ones are in that line.
//!
//! **Clause.** 附件2 一.2 「旧小区的居委会办公用房在结合街道(镇)的实际情况下,逐步予以改善。」
//!
//! **Interpretation (rev 2).** The seed sets **no target area for old
//! estates**: revision 1 compared them with the new-estate 200 m² and showed
//! a shortfall, a figure the seed never gives. No message, report or total
//! presents 200 m² (or any figure) as an old estate's target.

use crate::geom::area::round2;
use crate::model::Estate;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let low = round2(ctx.profile.old_estate_priority_max_m2);
    let (area, source) = crate::committee::area_used(ctx.plan, ctx.geom.premises_area);
    let (by_zh, by_en) = super::support::area_source(ctx.plan, ctx.geom, source);
    if ctx.plan.committee.estate != Estate::Old || area <= low {
        return Vec::new();
    }
    vec![Finding::new(
        rule(Code::A2_1_2a),
        format!("旧小区居委会办公用房面积为{area:.2}㎡{by_zh},在{low:.2}㎡以上,由街道结合实际情况逐步予以改善"),
        format!(
            "Old-estate premises of {area:.2} m²{by_en}, above {low:.2} m²: to be improved step by step as the street's conditions allow"
        ),
    )]
}
