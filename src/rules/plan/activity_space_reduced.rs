//! # A2-1.4a activity-space-reduced
//!
//! **What it checks.** With the previous revision of the plan
//! (`--previous`): the total area of the rooms holding the
//! `ResidentActivity` zone (every level) is not smaller than it was. Both
//! totals are rounded to 0.01 m² and compared; an equal total passes. The
//! message gives both totals and the difference.
//!
//! **Why.** The clause asks that, while the committee's premises are
//! improved, the space where residents hold their activities be kept. A
//! smaller activity room, or one given up to something other than the
//! premises (a shop, a neighbour), is not a conversion to offices (A2-1.4)
//! but still space residents have lost.
//!
//! **Clause.** 附件2 一.4 「在改善居委会办公用房条件过程中,应坚持确保服务社区群众和社区居民开展活动的空间,不得将老年活动室等居民活动用房挪用为居委会办公用房。」
//!
//! **Interpretation.** Advisory (`rules.md`): the premises a street can
//! offer change for reasons the committee does not control, and the clause
//! sets no figure; the finding asks the street to look. A room counts with
//! its whole area when it holds `ResidentActivity`, even beside another zone
//! (that mix is A2-1.4's finding). The rule compares totals, so activity
//! space moved from one room to another of the same size is no finding.

use crate::geom::area::round2;
use crate::geom::PlanGeometry;
use crate::model::{Plan, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

fn activity_area(plan: &Plan, geom: &PlanGeometry) -> f64 {
    round2(
        plan.rooms
            .iter()
            .zip(&geom.rooms)
            .filter(|(r, _)| r.has(Zone::ResidentActivity))
            .map(|(_, g)| g.area)
            .sum(),
    )
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((prev, prev_geom)) = ctx.previous else {
        return Vec::new();
    };
    let before = activity_area(prev, prev_geom);
    let now = activity_area(ctx.plan, ctx.geom);
    if now >= before {
        return Vec::new();
    }
    let less = round2(before - now);
    let rooms: Vec<&str> = ctx
        .plan
        .rooms
        .iter()
        .filter(|r| r.has(Zone::ResidentActivity))
        .map(|r| r.id.as_str())
        .collect();
    vec![Finding::new(
        rule(Code::A2_1_4a),
        format!(
            "居民活动用房总面积由上一版的 {before:.2}㎡ 减少为 {now:.2}㎡(减少 {less:.2}㎡),应确保居民开展活动的空间"
        ),
        format!(
            "Resident-activity space fell from {before:.2} m² in the previous revision to {now:.2} m² ({less:.2} m² less); the space for residents' activities should be kept"
        ),
    )
    .rooms(rooms)]
}
