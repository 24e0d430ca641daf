//! # G02 rooms-overlap
//!
//! **What it checks.** No two rooms **on the same level** overlap by more
//! than 0.01 m² (the profile's `overlap_tolerance_m2`). Rooms that only
//! share a wall do not overlap. Outlines of every level share one x/y frame,
//! so a 亭子间 upstairs lies over the rooms below on paper: that is not an
//! overlap (rev 2).
//!
//! **Why.** Overlapping rooms count the same floor twice in the premises
//! area and make zones ambiguous.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).

use crate::geom::overlap::overlaps;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::G02);
    overlaps(ctx.geom, ctx.profile.overlap_tolerance_m2)
        .into_iter()
        .map(|(i, j, area)| {
            let (a, b) = (&ctx.plan.rooms[i], &ctx.plan.rooms[j]);
            // just over the 0.01 m² tolerance, two decimals would read "0.01"
            let shown = if area < 0.1 {
                format!("{area:.3}")
            } else {
                format!("{area:.2}")
            };
            Finding::new(
                meta,
                format!(
                    "房间「{}」({}) 与「{}」({}) 重叠 {shown}㎡",
                    a.name, a.id, b.name, b.id
                ),
                format!("Rooms {} and {} overlap by {shown} m²", a.id, b.id),
            )
            .rooms([&a.id, &b.id])
        })
        .collect()
}
