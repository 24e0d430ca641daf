//! # A2-3.4b reception-privacy
//!
//! **What it checks.** Advises, for each room where the `Reception` zone
//! shares the room with the `Office` zone, that residents' privacy may not
//! be assured there.
//!
//! **Why.** Residents come to reception with personal matters; the clause
//! wants a quiet space that keeps them private, and the office is where the
//! whole staff works. The standard allows merging reception only with the
//! meeting or service zone.
//!
//! **Clause.** 附件2 三.4 「开辟一个较为安静、温馨的空间,接待居民的来访与咨询,确保个人隐私。」

use super::support::{room_en, room_zh};
use crate::model::Zone;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.plan
        .rooms
        .iter()
        .filter(|r| r.has(Zone::Reception) && r.has(Zone::Office))
        .map(|room| {
            Finding::new(
                rule("A2-3.4b"),
                format!(
                    "居民接待区与工作办公区同在{},难以确保来访居民的个人隐私",
                    room_zh(room)
                ),
                format!(
                    "Reception shares room {} with the office: residents' privacy is hard to assure",
                    room_en(room)
                ),
            )
            .room(&room.id)
        })
        .collect()
}
