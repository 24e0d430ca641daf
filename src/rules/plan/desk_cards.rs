//! # A2-2.3 desk-cards
//!
//! **What it checks.** The committee's rooms (those holding a committee
//! zone: `Office`, `Meeting`, `Service`, `Reception`) hold at least as many
//! staff desk cards (`DeskCard`) as the committee has staff working at
//! desks (`committee.staff`, rev 2). When the plan does not record the
//! staff, at least as many cards as desks (`Desk`) in those rooms. One
//! finding, with both figures; it names the rooms where desks outnumber
//! cards.
//!
//! **Why.** Residents should see, for everyone who works there, who they
//! are and what their post is, on the district's uniform card.
//!
//! **Clause.** 附件2 二.3 「工作人员台卡:办公桌面摆放印有工作人员职务、姓名并具有全区统一标识的台卡。」
//!
//! **Interpretation.** The card is per person (rev 2): two social workers
//! who share a desk need two cards, and a spare desk needs none, so the
//! staff count is the measure and the desks only stand in for it when the
//! plan does not record it. Desks and cards of the police room are not the
//! committee's: a room that holds the Police zone only is left out; in a
//! room that (against A7-1.1) holds both a committee zone and the Police
//! zone, the police staff count (`committee.police.staff`) of desks is
//! taken to be police desks.

use super::support::{counts_by_room, ids};
use crate::model::{ItemKind, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let police_staff = plan.committee.police.as_ref().map_or(0, |p| p.staff);
    let desks_in = counts_by_room(plan, ItemKind::Desk);
    let cards_in = counts_by_room(plan, ItemKind::DeskCard);
    let (mut desks, mut cards) = (0u32, 0u32);
    let mut short: Vec<usize> = Vec::new();
    for (i, room) in plan.rooms.iter().enumerate() {
        if !room.is_committee_room() {
            continue;
        }
        let d = desks_in.get(room.id.as_str()).copied().unwrap_or(0);
        let d = if room.has(Zone::Police) {
            d.saturating_sub(police_staff)
        } else {
            d
        };
        let c = cards_in.get(room.id.as_str()).copied().unwrap_or(0);
        if c < d {
            short.push(i);
        }
        desks = desks.saturating_add(d);
        cards = cards.saturating_add(c);
    }
    let (need, zh, en) = match plan.committee.staff {
        Some(staff) => (
            staff,
            format!("居委会有{staff}名工作人员,办公用房内只有{cards}个工作人员台卡"),
            format!("The committee has {staff} staff but its rooms hold only {cards} staff desk card(s)"),
        ),
        None => (
            desks,
            format!(
                "居委会用房内有{desks}张办公桌,只有{cards}个工作人员台卡(平面图未记录工作人员人数 staff,按办公桌计)"
            ),
            format!(
                "The committee's rooms hold {desks} desk(s) but only {cards} staff desk card(s) (the plan does not record the staff, so desks are counted)"
            ),
        ),
    };
    if cards >= need {
        return Vec::new();
    }
    vec![Finding::new(rule(Code::A2_2_3), zh, en)
        .rooms(ids(plan, &short))
        .item(ItemKind::DeskCard)]
}
