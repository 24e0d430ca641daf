//! # A7-1.1b police-room-access
//!
//! **What it checks.** Applies when some room holds the `Police` zone.
//! Visitors can reach each police room from `outside`, through doors and
//! stairs, without passing through a room that holds the `Office` or
//! `Meeting` zone. A hall, a corridor, the reception, the service area or
//! an ancillary room on the way is normal and fine. One finding per police
//! room that can be reached only through the office or a meeting room; the
//! message names the rooms in the way (the office or meeting rooms next to
//! the part of the premises the police room opens onto).
//!
//! **Why.** Residents come to the police room with police matters; walking
//! them through the committee's desks or its meetings disturbs both and
//! exposes the committee's files. Sharing the hall or the reception is what
//! 相对独立 allows (rev 2: this was part of A7-1.1 and made a police room
//! opening off the reception hall a violation).
//!
//! **Clause.** 附件7 一.1 「社区民警与协助民警工作的辅助人员共用一间相对独立的办公室。」
//!
//! **Interpretation.** Advisory (`rules.md`): the clause asks for a
//! relatively independent room and says nothing of its door, so a way in
//! through the office is a matter for advice, not a breach. The police room
//! itself never stands in its own way. A police room that cannot be reached
//! at all is G05's finding and is not reported again here. The search is
//! one pass over the doors per police room.

use std::collections::VecDeque;

use super::support::{ids, police_rooms, room_en, room_zh, rooms_en, rooms_zh};
use crate::geom::reach::DoorGraph;
use crate::model::{Room, Zone};
use crate::rules::{rule, Finding, PlanCtx};

/// A room visitors should not have to cross to reach the police.
fn in_the_way(room: &Room) -> bool {
    room.has(Zone::Office) || room.has(Zone::Meeting)
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    if police.is_empty() {
        return Vec::new();
    }
    let meta = rule("A7-1.1b");
    let plan = ctx.plan;
    let graph = DoorGraph::new(plan);
    let anyhow = graph.reached(|_| true);
    let avoiding = graph.reached(|i| !in_the_way(&plan.rooms[i]));
    let mut out = Vec::new();
    for &p in &police {
        if !anyhow[p] || avoiding[p] {
            continue;
        }
        let room = &plan.rooms[p];
        let through = blocking_rooms(ctx, &graph, p);
        out.push(
            Finding::new(
                meta,
                format!(
                    "来访居民只能穿过{}进入社区警务室{},建议另辟经由门厅、走道或接待区的出入通道",
                    rooms_zh(plan, &through),
                    room_zh(room)
                ),
                format!(
                    "Visitors can reach police room {} only through {}; a way in through the hall, a corridor or the reception is advised",
                    room_en(room),
                    rooms_en(plan, &through)
                ),
            )
            .room(&room.id)
            .rooms(ids(plan, &through)),
        );
    }
    out
}

/// The office and meeting rooms next to the part of the plan that the
/// police room can reach without crossing one: the rooms a visitor must
/// walk through.
fn blocking_rooms(ctx: &PlanCtx, graph: &DoorGraph, start: usize) -> Vec<usize> {
    let rooms = &ctx.plan.rooms;
    let mut seen = vec![false; rooms.len()];
    seen[start] = true;
    let mut queue = VecDeque::from([start]);
    let mut blocking = Vec::new();
    while let Some(i) = queue.pop_front() {
        for next in graph.neighbours(i).into_iter().flatten() {
            if seen[next] {
                continue;
            }
            seen[next] = true;
            if in_the_way(&rooms[next]) {
                blocking.push(next);
            } else {
                queue.push_back(next);
            }
        }
    }
    blocking.sort_unstable();
    blocking
}
