//! # A2-3.2a meeting-curtain
//!
//! **What it checks.** When rooms hold the `Meeting` zone, one of them has a
//! dark curtain (`Curtain`) for hanging the meeting's theme. Without a
//! meeting zone there is nothing to advise (A2-3.2 reports the zone).
//!
//! **Why.** The curtain gives residents' meetings a formal backdrop; the
//! standard recommends it (可设置), so this is advice, not a violation.
//!
//! **Clause.** 附件2 三.2 「一侧可设置深色绒布帘,用于悬挂会议主题标识。」

use super::support::{count_in_rooms, ids, rooms_en, rooms_zh};
use crate::model::{ItemKind, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meeting = ctx.rooms_with(Zone::Meeting);
    if meeting.is_empty() || count_in_rooms(ctx, ItemKind::Curtain, &meeting) > 0 {
        return Vec::new();
    }
    let plan = ctx.plan;
    vec![Finding::new(
        rule(Code::A2_3_2a),
        format!(
            "会议议事区{}未设深色绒布帘,可设置用于悬挂会议主题标识",
            rooms_zh(plan, &meeting)
        ),
        format!(
            "The meeting zone {} has no dark curtain for the meeting's theme signage",
            rooms_en(plan, &meeting)
        ),
    )
    .rooms(ids(plan, &meeting))
    .item(ItemKind::Curtain)]
}
