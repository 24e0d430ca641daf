//! # A7-1.1 police-room-independent
//!
//! **What it checks.** Applies when some room holds the `Police` zone. Each
//! police room holds no other zone: it is not shared with the office, a
//! corridor, the activity room, … One finding per police room that holds
//! another zone, naming the zones.
//!
//! **Why.** Police and their auxiliaries receive residents on police
//! matters; they share one office of their own, relatively independent of
//! the committee's, so that neither disturbs the other.
//!
//! **Clause.** 附件7 一.1 「社区民警与协助民警工作的辅助人员共用一间相对独立的办公室。」
//!
//! **Interpretation.** 相对独立的办公室 is read as a room of its own. The way
//! in is not part of it (rev 2): a police room whose door opens off the
//! hall or the reception is independent; one reached only through the
//! committee's office or meeting room is A7-1.1b's advice. A police room
//! that cannot be reached at all is G05's finding.

use super::support::{police_rooms, room_en, room_zh, zones_en, zones_zh};
use crate::model::Zone;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::A7_1_1);
    let plan = ctx.plan;
    police_rooms(ctx)
        .into_iter()
        .filter_map(|p| {
            let room = &plan.rooms[p];
            let others: Vec<Zone> = room
                .zones
                .iter()
                .copied()
                .filter(|&z| z != Zone::Police)
                .collect();
            if others.is_empty() {
                return None;
            }
            Some(
                Finding::new(
                    meta,
                    format!(
                        "社区警务室{}同时用作{},不是相对独立的办公室",
                        room_zh(room),
                        zones_zh(&others)
                    ),
                    format!(
                        "Police room {} also holds {}: not an office of its own",
                        room_en(room),
                        zones_en(&others)
                    ),
                )
                .room(&room.id),
            )
        })
        .collect()
}
