//! # A2-6.2 extra-plaques
//!
//! **What it checks.** No door plaque or mailbox other than the Party and
//! committee plaques and the committee mailbox: every `OtherPlaque` and
//! `OtherMailbox` item is a finding, wherever it stands.
//!
//! **Why.** Committees used to collect the plaques of every office that
//! worked through them; the district wants one face and has the old ones
//! taken down.
//!
//! **Clause.** 附件2 六.2 「除党组织、居委会标牌以及居委会信箱外,原则上各居委会不再设置其他门牌和信箱,原有门牌和信箱由各街道(镇)和相关部门协商拆除。」
//!
//! **Interpretation.** Mailboxes and signs the standard itself asks for are
//! not "other": the residents' mailbox of the courtyard (四.5), the police
//! contact box, notice board and guide sign (附件7), the 居民之家 logo.

use super::support::{place_en, place_zh};
use crate::model::ItemKind;
use crate::rules::{rule, Finding, PlanCtx};

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
                rule("A2-6.2"),
                format!(
                    "{}设有{}{zh},除党组织、居委会标牌和居委会信箱外不应再设",
                    place_zh(plan, &item.at),
                    item.count
                ),
                format!(
                    "{} {en} {}: only the Party and committee plaques and the committee mailbox belong there",
                    item.count,
                    place_en(plan, &item.at)
                ),
            )
            .rooms(item.room())
            .item(item.kind)
        })
        .collect()
}
