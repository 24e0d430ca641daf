//! # A2-5.3 bulletin-board-present
//!
//! **What it checks.** Every estate of the committee has a bulletin board
//! (`BulletinBoard`, count above zero), wherever it stands: one finding per
//! estate without one. The estates are `committee.estates`; a plan that
//! lists none describes one estate.
//!
//! **Why.** Notices of the city, district, street and committee, the
//! policies that touch residents' lives and the estate's activities are
//! posted where residents pass; an estate without a board hears none of it.
//!
//! **Clause.** 附件2 五.3 「各居民区内设置宣传栏,主要放置公告通知类、政策宣传类、小区活动类等内容。」
//!
//! **Interpretation.** `rules.md` reads 居民区 estate by estate (五.4 speaks
//! of each 小区). A board belongs to the estate its `estate` names; with a
//! single estate it may name none. With several estates, a board that names
//! none (in a room, or at the committee's entrance) is not counted for any
//! of them, and the message says how many such boards there are: give each
//! board its estate. Where the boards stand is A2-5.4's matter.

use super::support::{estate_en, estate_zh, estates, items_by_estate};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::BulletinBoard;
    let boards = |i: &crate::model::Item| i.kind == kind && i.count > 0;
    let groups = items_by_estate(plan, boards);
    let unassigned = if plan.committee.estates.len() > 1 {
        plan.items
            .iter()
            .filter(|i| boards(i) && i.estate.is_none())
            .count()
    } else {
        0
    };
    let (hint_zh, hint_en) = if unassigned > 0 {
        (
            format!("(另有{unassigned}处宣传栏未注明所属小区 estate,不计入任何小区)"),
            format!(
                " ({unassigned} bulletin board {})",
                if unassigned == 1 {
                    "entry names no estate and counts for none"
                } else {
                    "entries name no estate and count for none"
                }
            ),
        )
    } else {
        (String::new(), String::new())
    };
    estates(plan)
        .into_iter()
        .zip(groups)
        .filter(|(_, items)| items.is_empty())
        .map(|(estate, _)| {
            Finding::new(
                rule(Code::A2_5_3),
                format!("{}内未设宣传栏{hint_zh}", estate_zh(estate)),
                format!("No bulletin board in {}{hint_en}", estate_en(estate)),
            )
            .item(kind)
            .estate(estate.map(|e| e.id.as_str()))
        })
        .collect()
}
