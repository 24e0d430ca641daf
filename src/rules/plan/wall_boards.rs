//! # A2-5.1 wall-boards
//!
//! **What it checks.** The inner walls of the committee's premises carry the
//! three wall boards: organisation (`WallBoard(Organisation)`), Party
//! building (`WallBoard(PartyBuilding)`) and self-governance
//! (`WallBoard(SelfGovernance)`). One finding per missing board; the
//! findings name the office rooms, where the boards are expected.
//!
//! **Why.** Residents should read at a glance who works in the committee,
//! how the Party branch is organised and how self-governance works.
//!
//! **Clause.** 附件2 五.1 「居委会办公用房内墙,主要放置居委会人员架构、居民区党建、居委会自治等内容版面。」
//!
//! **Interpretation.** `rules.md` says "the office"; the clause says
//! 办公用房内墙, the inner walls of the premises. A board on a wall of any
//! premises room counts (boards often hang in the meeting room or the
//! lobby), except the police room, whose walls carry the police boards
//! (A7-1.2). Whether the board's `wall` index is given does not matter here.

use super::support::{count_in_rooms, elsewhere_than, ids};
use crate::model::{BoardKind, ItemKind, Location, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

const BOARDS: [BoardKind; 3] = [
    BoardKind::Organisation,
    BoardKind::PartyBuilding,
    BoardKind::SelfGovernance,
];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let walls: Vec<usize> = (0..plan.rooms.len())
        .filter(|&i| {
            let r = &plan.rooms[i];
            r.is_premises() && !r.zones.iter().all(|&z| z == Zone::Police)
        })
        .collect();
    let offices = ctx.rooms_with(Zone::Office);
    BOARDS
        .into_iter()
        .map(ItemKind::WallBoard)
        .filter(|&k| count_in_rooms(ctx, k, &walls) == 0)
        .map(|kind| {
            let counted = |at: &Location| match at {
                Location::Room(id) => walls.iter().any(|&i| plan.rooms[i].id == *id),
                Location::Site(_) => false,
            };
            let (where_zh, where_en) = elsewhere_than(plan, kind, counted);
            Finding::new(
                rule(Code::A2_5_1),
                format!("居委会办公用房内墙缺少{}{where_zh}", kind.name_zh()),
                format!(
                    "No {} on the inner walls of the premises{where_en}",
                    kind.name_en()
                ),
            )
            .rooms(ids(plan, &offices))
            .item(kind)
        })
        .collect()
}
