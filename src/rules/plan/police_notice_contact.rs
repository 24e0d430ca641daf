//! # A7-1.3 police-notice-contact
//!
//! **What it checks.** Applies when some room holds the `Police` zone. A
//! police notice board (`PoliceNoticeBoard`) and a police–citizen contact
//! box (`PoliceContactBox`) stand together at the estate's main entrance
//! (`Site(EstateGate)`) or in its busy activity area (`Site(ActivityArea)`).
//! One finding per kind missing from both places; and one when both exist
//! but not at the same place.
//!
//! **Why.** Residents should find the police's notices and a way to reach
//! them where they pass every day, without going to the police room.
//!
//! **Clause.** 附件7 一.3 「警务公示牌和警民联系箱集中摆放于小区主要出入口,或小区人流较为密集的健身活动区域,视情采用“挂墙式”或“树立式”。」
//!
//! **Interpretation.** 集中摆放 (placed together) is read as: the board and
//! the box share one of the two places.

use super::support::{count_at_site, elsewhere, police_rooms};
use crate::model::{ItemKind, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

const PLACES: [SitePlace; 2] = [SitePlace::EstateGate, SitePlace::ActivityArea];
const KINDS: [ItemKind; 2] = [ItemKind::PoliceNoticeBoard, ItemKind::PoliceContactBox];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    if police_rooms(ctx).is_empty() {
        return Vec::new();
    }
    let meta = rule(Code::A7_1_3);
    let plan = ctx.plan;
    let at = |k: ItemKind, p: SitePlace| count_at_site(plan, k, p) > 0;
    let mut out: Vec<Finding> = KINDS
        .into_iter()
        .filter(|&k| !PLACES.iter().any(|&p| at(k, p)))
        .map(|kind| {
            let (where_zh, where_en) = elsewhere(plan, kind);
            Finding::new(
                meta,
                format!(
                    "小区主要出入口和健身活动区域均未设{}{where_zh}",
                    kind.name_zh()
                ),
                format!(
                    "No {} at the estate's main entrance or activity area{where_en}",
                    kind.name_en()
                ),
            )
            .item(kind)
        })
        .collect();
    let both_somewhere = KINDS.iter().all(|&k| PLACES.iter().any(|&p| at(k, p)));
    let together = PLACES.iter().any(|&p| KINDS.iter().all(|&k| at(k, p)));
    if both_somewhere && !together {
        out.push(
            Finding::new(
                meta,
                "警务公示牌和警民联系箱分设两处,应集中摆放在同一处",
                "The police notice board and contact box stand apart; they belong together at one place",
            )
            .item(ItemKind::PoliceNoticeBoard)
            .item(ItemKind::PoliceContactBox),
        );
    }
    out
}
