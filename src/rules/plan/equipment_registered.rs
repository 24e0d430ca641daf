//! # A2-6.4 equipment-registered
//!
//! **What it checks.** With a register given (`--register`): every item of
//! the 六.3 equipment list on the plan links (`assets: [...]`) to at least one
//! card of the register that is in use on the check date. A link to a card
//! transferred out or written off does not count; a link to no card at all is
//! G03's.
//!
//! **Why.** The district equips committees and expects every piece to be on
//! the fixed-asset books, so that year-end counts and handovers can find it.
//!
//! **Clause.** 附件2 六.4 「上述设施由各街道(镇)做好统一配置,并做好固定资产登记工作。」

use crate::model::ItemGroup;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(index) = ctx.assets else {
        return Vec::new();
    };
    let meta = rule("A2-6.4");
    ctx.plan
        .items
        .iter()
        .filter(|i| i.kind.group() == ItemGroup::Equipment)
        .filter(|i| {
            !i.assets
                .iter()
                .any(|a| index.assets.get(a).is_some_and(|s| s.in_use))
        })
        .map(|item| {
            let place = item.room().unwrap_or("");
            let (zh, en) = if item.assets.is_empty() {
                (
                    format!(
                        "{}{}未链接固定资产卡片",
                        place_zh(place),
                        item.kind.name_zh()
                    ),
                    format!(
                        "The {}{} is not linked to an asset card",
                        item.kind.name_en(),
                        place_en(place)
                    ),
                )
            } else {
                (
                    format!(
                        "{}{}链接的资产卡片 ({}) 均不在用(已调出或报损)",
                        place_zh(place),
                        item.kind.name_zh(),
                        item.assets.join("、")
                    ),
                    format!(
                        "The {}{} links only cards no longer in use ({})",
                        item.kind.name_en(),
                        place_en(place),
                        item.assets.join(", ")
                    ),
                )
            };
            Finding::new(meta, zh, en)
                .item(item.kind)
                .assets(item.assets.iter())
                .rooms(item.room())
        })
        .collect()
}

fn place_zh(room: &str) -> String {
    if room.is_empty() {
        String::new()
    } else {
        format!("{room} 的")
    }
}

fn place_en(room: &str) -> String {
    if room.is_empty() {
        String::new()
    } else {
        format!(" in {room}")
    }
}
