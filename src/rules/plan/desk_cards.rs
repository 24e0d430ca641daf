//! # A2-2.3 desk-cards
//!
//! **What it checks.** In every room holding a committee zone (`Office`,
//! `Meeting`, `Service`, `Reception`), there are at least as many staff desk
//! cards (`DeskCard`) as desks (`Desk`). One finding per room short of cards.
//!
//! **Why.** Residents should see at each desk who sits there and what their
//! post is, on the district's uniform card.
//!
//! **Clause.** 附件2 二.3 「工作人员台卡:办公桌面摆放印有工作人员职务、姓名并具有全区统一标识的台卡。」
//!
//! **Interpretation.** Desks of the police room are not committee desks. A
//! room that holds the Police zone only is skipped; in a room that (against
//! A7-1.1) holds both a committee zone and the Police zone, the police staff
//! count (`committee.police.staff`) of desks is taken to be police desks and
//! needs no card. Cards are counted in the room of the desks they stand on.

use super::support::{counts_by_room, room_en, room_zh};
use crate::model::{ItemKind, Zone};
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let police_staff = plan.committee.police.as_ref().map_or(0, |p| p.staff);
    let desks_in = counts_by_room(plan, ItemKind::Desk);
    let cards_in = counts_by_room(plan, ItemKind::DeskCard);
    let mut out = Vec::new();
    for room in plan.rooms.iter().filter(|r| r.is_committee_room()) {
        let desks = desks_in.get(room.id.as_str()).copied().unwrap_or(0);
        let committee_desks = if room.has(Zone::Police) {
            desks.saturating_sub(police_staff)
        } else {
            desks
        };
        let cards = cards_in.get(room.id.as_str()).copied().unwrap_or(0);
        if cards >= committee_desks {
            continue;
        }
        out.push(
            Finding::new(
                rule("A2-2.3"),
                format!(
                    "{}有{committee_desks}张居委会办公桌,只有{cards}个工作人员台卡",
                    room_zh(room)
                ),
                format!(
                    "Room {} has {committee_desks} committee desk(s) but only {cards} staff desk card(s)",
                    room_en(room)
                ),
            )
            .room(&room.id)
            .item(ItemKind::DeskCard),
        );
    }
    out
}
