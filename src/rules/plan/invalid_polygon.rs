//! # G01 invalid-polygon
//!
//! **What it checks.** Every room outline is a simple polygon: at least three
//! distinct points, finite coordinates, an area that does not round to
//! 0.00 m², and no wall crossing another.
//!
//! **Why.** Areas, overlaps, doors and reachability mean nothing on a broken
//! outline; the plan is reported invalid and not checked further.
//!
//! **Clause.** Not a clause of the standard: the plan format's own condition
//! (`plan-format.md`, `rooms[].outline`).

use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule("G01");
    ctx.plan
        .rooms
        .iter()
        .zip(&ctx.geom.rooms)
        .filter_map(|(room, g)| {
            let (zh, en) = g.problem?.describe();
            Some(
                Finding::new(
                    meta,
                    format!("房间「{}」({}) 的轮廓无效:{zh}", room.name, room.id),
                    format!(
                        "Room {} ({}) has an invalid outline: {en}",
                        room.id, room.name
                    ),
                )
                .room(&room.id),
            )
        })
        .collect()
}
