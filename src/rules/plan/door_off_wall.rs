//! # G04 door-off-wall
//!
//! **What it checks.** Each door stands on a wall shared by the two rooms it
//! connects, or, for a door to `outside`, on an outer wall of its room (a
//! wall no other room **of the same level** shares), within 0.05 m
//! (`door_tolerance_m`). The two rooms of a door are on the same level. A
//! `Stair` (rev 2) joins two rooms on different levels, and its point lies
//! inside both outlines (or within 0.05 m of them); a stair never leads
//! `outside`.
//!
//! **Why.** The door graph (doors and stairs) decides reachability (G05)
//! and the police room's way in (A7-1.1b); a door or stair in the wrong place
//! falsifies both.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).

use crate::geom::walls::{door_problem, DoorProblem};
use crate::model::OUTSIDE;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::G04);
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
                DoorProblem::DifferentLevels => (
                    "两个房间不在同一层:上下层之间应以楼梯 (kind: Stair) 连接".to_string(),
                    "the two rooms are on different levels: join them with a stair (kind: Stair)"
                        .to_string(),
                ),
                DoorProblem::StairSameLevel => (
                    "楼梯两端的房间在同一层:同层房间之间应为门".to_string(),
                    "a stair joins two rooms of the same level: use a door".to_string(),
                ),
                DoorProblem::StairToOutside => (
                    "楼梯不能通向室外:楼梯连接上下两层的房间".to_string(),
                    "a stair cannot lead outside: it joins rooms on two levels".to_string(),
                ),
                DoorProblem::StairNotInside(i) => (
                    format!("楼梯位置不在房间「{}」内", plan.rooms[i].id),
                    format!("the stair's point is not inside room {}", plan.rooms[i].id),
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
                    format!(
                        "第{}{} ({a}–{b},位于 {x:.2}, {y:.2}) {zh}",
                        n + 1,
                        if d.is_stair() { "处楼梯" } else { "扇门" }
                    ),
                    format!(
                        "{} {} ({a}–{b} at {x:.2}, {y:.2}): {en}",
                        if d.is_stair() { "Stair" } else { "Door" },
                        n + 1
                    ),
                )
                .rooms(rooms),
            )
        })
        .collect()
}
