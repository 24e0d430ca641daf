//! # A2-3.4a reception-merged
//!
//! **What it checks.** Reports, for information, each room where the
//! `Reception` zone shares the room with the `Meeting` or `Service` zone.
//!
//! **Why.** The standard permits this merger where a committee lacks the
//! space; showing it lets the street office see which committees use the
//! exception (and plan for a separate reception room when space allows).
//!
//! **Clause.** 附件2 三.4 「不具备条件的居委会也可与会议议事区、综合服务区相合并。」

use super::support::{room_en, room_zh, zones_en, zones_zh};
use crate::model::Zone;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    ctx.plan
        .rooms
        .iter()
        .filter(|r| r.has(Zone::Reception))
        .filter_map(|room| {
            let with: Vec<Zone> = [Zone::Meeting, Zone::Service]
                .into_iter()
                .filter(|&z| room.has(z))
                .collect();
            if with.is_empty() {
                return None;
            }
            Some(
                Finding::new(
                    rule(Code::A2_3_4a),
                    format!(
                        "居民接待区与{}合并设于{}(不具备条件的居委会允许合并)",
                        zones_zh(&with),
                        room_zh(room)
                    ),
                    format!(
                        "Reception is merged with {} in room {} (permitted where space is lacking)",
                        zones_en(&with),
                        room_en(room)
                    ),
                )
                .room(&room.id),
            )
        })
        .collect()
}
