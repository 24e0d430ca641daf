//! # A2-3.4b reception-privacy
//!
//! **What it checks.** The `Reception` zone does not share a room with the
//! `Office` zone: one finding per room that holds both (rev 2: a
//! violation).
//!
//! **Why.** Residents come to reception with personal matters; the clause
//! wants a quiet space that keeps them private, and the office is where the
//! whole staff works. The standard allows merging reception only with the
//! meeting or service zone.
//!
//! **Clause.** 附件2 三.4 「开辟一个较为安静、温馨的空间,接待居民的来访与咨询,确保个人隐私。」
//!
//! **Interpretation.** 三.4 permits a committee without the room for it to
//! merge reception with the meeting or the service zone (A2-3.4a, info);
//! it names no other merger, and asks for privacy, so a merger with the
//! office is outside what it permits. A room holding reception, office and
//! another zone is a finding too.

use super::support::{room_en, room_zh};
use crate::model::Zone;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.plan
        .rooms
        .iter()
        .filter(|r| r.has(Zone::Reception) && r.has(Zone::Office))
        .map(|room| {
            Finding::new(
                rule(Code::A2_3_4b),
                format!(
                    "居民接待区与工作办公区同在{},不能确保来访居民的个人隐私(三.4 只允许与会议议事区或综合服务区合并)",
                    room_zh(room)
                ),
                format!(
                    "Reception shares room {} with the office: residents' privacy is not assured (三.4 allows merging it only with the meeting or service zone)",
                    room_en(room)
                ),
            )
            .room(&room.id)
        })
        .collect()
}
