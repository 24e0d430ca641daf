//! # A7-1.1a police-desks
//!
//! **What it checks.** Applies when some room holds the `Police` zone. The
//! police rooms together hold at least as many desks (`Desk`) and as many
//! chairs (`Chair`) as the police staff (`committee.police.staff`: police
//! and auxiliaries). One finding for desks, one for chairs.
//!
//! **Why.** Every officer and auxiliary needs a desk and chair of their own
//! to receive residents and keep files.
//!
//! **Clause.** 附件7 一.1 「社区民警与协助民警工作的辅助人员共用一间相对独立的办公室,必须确保每人均有独立的办公桌椅。」
//!
//! **Interpretation.** A police room in a plan without `committee.police`
//! leaves the staff unknown: the rule reports the missing data (the desks
//! cannot be checked) rather than passing silently.

use super::support::{count_in_rooms, ids, police_rooms, rooms_en, rooms_zh};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    if police.is_empty() {
        return Vec::new();
    }
    let meta = rule(Code::A7_1_1a);
    let plan = ctx.plan;
    let Some(info) = &plan.committee.police else {
        return vec![Finding::new(
            meta,
            format!(
                "平面图有社区警务室{},但未填写警务室人员数(committee.police),无法核对每人办公桌椅",
                rooms_zh(plan, &police)
            ),
            format!(
                "The plan has police room {} but no police staff count (committee.police): desks and chairs cannot be checked",
                rooms_en(plan, &police)
            ),
        )
        .rooms(ids(plan, &police))];
    };
    [ItemKind::Desk, ItemKind::Chair]
        .into_iter()
        .filter_map(|kind| {
            let n = count_in_rooms(ctx, kind, &police);
            (n < info.staff).then(|| {
                Finding::new(
                    meta,
                    format!(
                        "社区警务室{}有{}名工作人员,只有{n}{}{}",
                        rooms_zh(plan, &police),
                        info.staff,
                        if kind == ItemKind::Desk { "张" } else { "把" },
                        kind.name_zh()
                    ),
                    format!(
                        "Police room {} has {} staff but only {n} {}(s)",
                        rooms_en(plan, &police),
                        info.staff,
                        kind.name_en()
                    ),
                )
                .rooms(ids(plan, &police))
                .item(kind)
            })
        })
        .collect()
}
