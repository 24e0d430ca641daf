//! # G04 door-off-wall
//!
//! **What it checks.** Each door stands on a wall shared by the two rooms it
//! connects, or, for a door to `outside`, on an outer wall of its room (a
//! wall no other room shares), within 0.05 m (`door_tolerance_m`).
//!
//! **Why.** The door graph decides reachability and the police room's
//! independent entrance (A7-1.1); a door in the wrong place falsifies both.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).

use crate::geom::walls::{door_problem, DoorProblem};
use crate::model::OUTSIDE;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule("G04");
    let plan = ctx.plan;
    let known = |id: &str| id == OUTSIDE || ctx.geom.room_index(id).is_some();
    plan.doors
        .iter()
        .enumerate()
        .filter(|(_, d)| known(&d.between.0) && known(&d.between.1))
        .filter_map(|(n, d)| {
            let problem = door_problem(ctx.geom, d, ctx.profile.door_tolerance_m)?;
            let (a, b) = (&d.between.0, &d.between.1);
            let (x, y) = d.at;
            let (zh, en) = match problem {
                DoorProblem::SameRoom => (
                    "两端是同一个房间".to_string(),
                    "both ends are the same room".to_string(),
                ),
                DoorProblem::NotOnWallOf(i) => (
                    format!("不在房间「{}」的墙上", plan.rooms[i].id),
                    format!("it is not on a wall of room {}", plan.rooms[i].id),
                ),
                DoorProblem::NotOuterWall(i) => (
                    format!("它所在的墙与房间「{}」共用,不是外墙", plan.rooms[i].id),
                    format!(
                        "its wall is shared with room {}, not an outer wall",
                        plan.rooms[i].id
                    ),
                ),
            };
            let rooms: Vec<&String> = [a, b].into_iter().filter(|id| *id != OUTSIDE).collect();
            Some(
                Finding::new(
                    meta,
                    format!("第{}扇门 ({a}–{b},位于 {x:.2}, {y:.2}) {zh}", n + 1),
                    format!("Door {} ({a}–{b} at {x:.2}, {y:.2}): {en}", n + 1),
                )
                .rooms(rooms),
            )
        })
        .collect()
}
