//! # G01 invalid-polygon
//!
//! **What it checks.** Every room outline is a simple polygon: at least three
//! distinct points, finite coordinates, an area that does not round to
//! 0.00 m², and no wall crossing another. Coordinates must also be in range:
//! within 1e9 m of the origin (survey grids fit) and no room more than 1 km
//! across (`geom::validity::MAX_COORD`, `MAX_EXTENT`).
//!
//! **Why.** Areas, overlaps, doors and reachability mean nothing on a broken
//! outline; the plan is reported invalid and not checked further.
//!
//! **Clause.** Not a clause of the standard: the plan format's own condition
//! (`plan-format.md`, `rooms[].outline`).
//!
//! **Interpretation.** `rules.md` lists four defects; the range check is
//! added because a room drawn in millimetres (or a stray point at 1e300)
//! would otherwise pass as a huge valid room, swamp the premises area and
//! break the overlap arithmetic. A bow tie whose two halves cancel out is
//! reported as self-intersecting, not as zero area.

use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::G01);
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
