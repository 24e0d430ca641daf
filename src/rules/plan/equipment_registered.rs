//! # A2-6.4 equipment-registered
//!
//! **What it checks.** With a register given (`--register`): every item of
//! the 六.3 equipment list on the plan is fully on the books. The cards it
//! links (`assets: [...]`) that are in use on the check date must hold, in
//! all, at least as many things as the item's `count` (each card's count on
//! that date: a batch shrinks by partial write-offs and transfers). A card
//! transferred out or written off holds nothing; a link to no card at all
//! is G03's. An item of `count: 0` is not there and needs no card (rev 2:
//! counts).
//!
//! **Why.** The district equips committees and expects every piece to be on
//! the fixed-asset books, so that year-end counts and handovers can find
//! it: three computers on a card for one leave two off the books.
//!
//! **Clause.** 附件2 六.4 「上述设施由各街道(镇)做好统一配置,并做好固定资产登记工作。」
//!
//! **Interpretation.** Every item of the list is registered whatever its
//! price: the 1000/1500-yuan fixed-asset thresholds of national rules are
//! not in the seed (`rules.md`: that rule is retired). A card linked twice by
//! one item counts once. The rule checks each item against its own links; a
//! card of three linked by two items of three each is not detected as
//! double-counted.

use std::collections::BTreeSet;

use crate::model::{Item, ItemGroup};
use crate::rules::{rule, AssetIndex, Code, Finding, PlanCtx};

/// How many things the in-use cards linked by `item` hold, each card once.
fn held(item: &Item, index: &AssetIndex) -> u32 {
    let cards: BTreeSet<&str> = item.assets.iter().map(String::as_str).collect();
    cards
        .into_iter()
        .filter_map(|a| index.assets.get(a))
        .filter(|s| s.in_use)
        .fold(0u32, |n, s| n.saturating_add(s.count))
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(index) = ctx.assets else {
        return Vec::new();
    };
    let meta = rule(Code::A2_6_4);
    let mut out = Vec::new();
    for item in ctx
        .plan
        .items
        .iter()
        .filter(|i| i.kind.group() == ItemGroup::Equipment && i.count > 0)
    {
        let held = held(item, index);
        if held >= item.count {
            continue;
        }
        let place = item.room().unwrap_or("");
        let (n, name_zh, name_en) = (item.count, item.kind.name_zh(), item.kind.name_en());
        let (zh, en) = if item.assets.is_empty() {
            (
                format!("{}{name_zh}({n}件)未链接固定资产卡片", place_zh(place)),
                format!(
                    "The {name_en}{} ({n}) is not linked to an asset card",
                    place_en(place)
                ),
            )
        } else if held == 0 {
            (
                format!(
                    "{}{name_zh}({n}件)链接的资产卡片 ({}) 均不在用(已调出或报损)",
                    place_zh(place),
                    item.assets.join("、")
                ),
                format!(
                    "The {name_en}{} ({n}) links only cards no longer in use ({})",
                    place_en(place),
                    item.assets.join(", ")
                ),
            )
        } else {
            (
                format!(
                    "{}{name_zh}共{n}件,链接的在用资产卡片 ({}) 只登记了{held}件,{}件未登记",
                    place_zh(place),
                    item.assets.join("、"),
                    n - held
                ),
                format!(
                    "The {name_en}{} counts {n}, but the in-use cards it links ({}) hold only {held}: {} not on the books",
                    place_en(place),
                    item.assets.join(", "),
                    n - held
                ),
            )
        };
        out.push(
            Finding::new(meta, zh, en)
                .item(item.kind)
                .assets(item.assets.iter())
                .rooms(item.room()),
        );
    }
    out
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
