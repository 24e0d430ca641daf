//! # G05 unreachable-room
//!
//! **What it checks.** Every room can be reached from `outside` by walking
//! through doors and, between levels, stairs (`kind: Stair`, rev 2).
//!
//! **Why.** A room with no way in is either a drawing mistake (a missing
//! door) or space the committee cannot use for residents.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).

use crate::geom::reach::DoorGraph;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::G05);
    let reached = DoorGraph::new(ctx.plan).reached(|_| true);
    ctx.plan
        .rooms
        .iter()
        .zip(reached)
        .filter(|(_, r)| !r)
        .map(|(room, _)| {
            Finding::new(
                meta,
                format!(
                    "房间「{}」({}) 无法从室外经由门或楼梯到达",
                    room.name, room.id
                ),
                format!(
                    "Room {} ({}) cannot be reached from outside through doors or stairs",
                    room.id, room.name
                ),
            )
            .room(&room.id)
        })
        .collect()
}
