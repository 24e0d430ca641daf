//! # A2-4.3 anti-slip-floor
//!
//! **What it checks.** Every room of the premises (a room holding neither a
//! `ResidentActivity` nor a `Courtyard` zone) has an anti-slip floor
//! (`floor: AntiSlip`). One finding per room.
//!
//! **Why.** Many visitors are elderly; a fall in the committee's office is
//! the accident the clause is there to prevent.
//!
//! **Clause.** 附件2 四.3 「地面:应铺设具备防滑功能的地板或者地砖,色调由各街道(镇)统一规定。」
//!
//! **Interpretation.** The clause belongs to the decoration of the
//! committee's premises: the courtyard is open air and the resident-activity
//! rooms are not the committee's office, so neither is checked.

use super::support::{room_en, room_zh};
use crate::model::Floor;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.plan
        .rooms
        .iter()
        .filter(|r| r.is_premises() && r.floor != Floor::AntiSlip)
        .map(|room| {
            Finding::new(
                rule(Code::A2_4_3),
                format!("{}的地面未铺设防滑地板或地砖", room_zh(room)),
                format!("Room {} has no anti-slip floor", room_en(room)),
            )
            .room(&room.id)
        })
        .collect()
}
