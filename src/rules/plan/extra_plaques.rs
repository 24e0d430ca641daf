//! # A2-6.2 extra-plaques
//!
//! **What it checks.** No door plaque or mailbox other than the Party and
//! committee plaques and the committee mailbox: every `OtherPlaque` and
//! `OtherMailbox` item (count above zero) is a finding, wherever it stands.
//! Advisory (rev 2): the clause says 原则上.
//!
//! **Why.** Committees used to collect the plaques of every office that
//! worked through them; the district wants one face and has the old ones
//! taken down.
//!
//! **Clause.** 附件2 六.2 「除党组织、居委会标牌以及居委会信箱外,原则上各居委会不再设置其他门牌和信箱,原有门牌和信箱由各街道(镇)和相关部门协商拆除。」
//!
//! **Interpretation.** Plaques, signs and mailboxes the standard itself asks
//! for are never "other", so only the two kinds `OtherPlaque` and
//! `OtherMailbox` are counted. Not extra: the residents' mailbox of the
//! courtyard (`ResidentMailbox`, 附件2 四.5); the police items of 附件7 —
//! the police–citizen contact box, notice board, guide sign and function
//! boards (`PoliceContactBox`, `PoliceNoticeBoard`, `PoliceGuideSign`,
//! `PoliceBoard`) — and the police room's sign (`PoliceRoomSign`); the
//! 居务公开栏 (`AffairsBoard`, 附件1 4.3.3); the 居民之家 logo and the
//! estate guide sign (二.1, 二.2). 原则上 leaves the street room for an
//! exception, and the old plaques are removed by agreement (协商拆除), so the
//! finding advises.

use super::support::{place_en, place_zh};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    plan.items
        .iter()
        .filter(|i| {
            matches!(i.kind, ItemKind::OtherPlaque | ItemKind::OtherMailbox) && i.count > 0
        })
        .map(|item| {
            let (zh, en) = if item.kind == ItemKind::OtherPlaque {
                ("块其他门牌", "other door plaque(s)")
            } else {
                ("个其他信箱", "other mailbox(es)")
            };
            Finding::new(
                rule(Code::A2_6_2),
                format!(
                    "{}设有{}{zh},除党组织、居委会标牌和居委会信箱外原则上不再设置",
                    place_zh(plan, &item.at),
                    item.count
                ),
                format!(
                    "{} {en} {}: as a rule, only the Party and committee plaques and the committee mailbox belong there",
                    item.count,
                    place_en(plan, &item.at)
                ),
            )
            .rooms(item.room())
            .item(item.kind)
        })
        .collect()
}
