//! # G03 unknown-reference
//!
//! **What it checks.** Every door names rooms that exist (or `outside`),
//! every item in a room names a room that exists, and — when a register is
//! given — every asset link names an asset of the register.
//!
//! **Why.** A reference to nothing is a typing mistake that would otherwise
//! hide the thing it was meant to describe.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).

use crate::model::OUTSIDE;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule("G03");
    let plan = ctx.plan;
    let mut out = Vec::new();
    for (n, door) in plan.doors.iter().enumerate() {
        for id in [&door.between.0, &door.between.1] {
            if id != OUTSIDE && ctx.geom.room_index(id).is_none() {
                out.push(Finding::new(
                    meta,
                    format!("第{}扇门连接的房间「{id}」不存在", n + 1),
                    format!("Door {} names room {id:?}, which does not exist", n + 1),
                ));
            }
        }
    }
    for item in &plan.items {
        if let Some(room) = item.room() {
            if ctx.geom.room_index(room).is_none() {
                out.push(
                    Finding::new(
                        meta,
                        format!("{}所在的房间「{room}」不存在", item.kind.name_zh()),
                        format!(
                            "The {} stands in room {room:?}, which does not exist",
                            item.kind.name_en()
                        ),
                    )
                    .item(item.kind),
                );
            }
        }
        if let Some(index) = ctx.assets {
            for asset in &item.assets {
                if !index.assets.contains_key(asset) {
                    out.push(
                        Finding::new(
                            meta,
                            format!(
                                "{}链接的资产「{asset}」不在固定资产台账中",
                                item.kind.name_zh()
                            ),
                            format!(
                                "The {} links asset {asset:?}, which is not in the register",
                                item.kind.name_en()
                            ),
                        )
                        .item(item.kind)
                        .asset(asset)
                        .rooms(item.room()),
                    );
                }
            }
        }
    }
    out
}
