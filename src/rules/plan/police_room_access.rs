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
//! at all is G05's finding and is not reported again here. The rooms in
//! the way are found in one pass over the rooms and doors, whatever the
//! number of police rooms.

use std::collections::VecDeque;

use super::support::{ids, police_rooms, room_en, room_zh, rooms_en, rooms_zh};
use crate::geom::reach::DoorGraph;
use crate::model::{Room, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

/// A room visitors should not have to cross to reach the police.
fn in_the_way(room: &Room) -> bool {
    room.has(Zone::Office) || room.has(Zone::Meeting)
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    if police.is_empty() {
        return Vec::new();
    }
    let meta = rule(Code::A7_1_1b);
    let plan = ctx.plan;
    let graph = DoorGraph::new(plan);
    let anyhow = graph.reached(|_| true);
    let avoiding = graph.reached(|i| !in_the_way(&plan.rooms[i]));
    let flagged: Vec<usize> = police
        .into_iter()
        .filter(|&p| anyhow[p] && !avoiding[p])
        .collect();
    if flagged.is_empty() {
        return Vec::new();
    }
    let parts = Parts::new(ctx, &graph);
    flagged
        .into_iter()
        .map(|p| {
            let room = &plan.rooms[p];
            let through = parts.blocking(ctx, &graph, p);
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
            .rooms(ids(plan, &through))
        })
        .collect()
}

/// The parts of the premises a visitor can walk through without crossing
/// an office or meeting room, each with the office and meeting rooms at its
/// doors. Computed once, in one pass over the rooms and doors, so that many
/// police rooms cost no more than one.
struct Parts {
    /// The part of each room; `None` for the rooms in the way.
    part: Vec<Option<usize>>,
    /// The rooms in the way at the doors of each part, sorted.
    doors: Vec<Vec<usize>>,
}

impl Parts {
    fn new(ctx: &PlanCtx, graph: &DoorGraph) -> Self {
        let rooms = &ctx.plan.rooms;
        let mut part: Vec<Option<usize>> = vec![None; rooms.len()];
        let mut doors: Vec<Vec<usize>> = Vec::new();
        for start in 0..rooms.len() {
            if part[start].is_some() || in_the_way(&rooms[start]) {
                continue;
            }
            let id = doors.len();
            let mut blocking = Vec::new();
            part[start] = Some(id);
            let mut queue = VecDeque::from([start]);
            while let Some(i) = queue.pop_front() {
                for next in graph.neighbours(i).into_iter().flatten() {
                    if in_the_way(&rooms[next]) {
                        blocking.push(next);
                    } else if part[next].is_none() {
                        part[next] = Some(id);
                        queue.push_back(next);
                    }
                }
            }
            blocking.sort_unstable();
            blocking.dedup();
            doors.push(blocking);
        }
        Parts { part, doors }
    }

    /// The office and meeting rooms a visitor must walk through to reach
    /// room `p` (never `p` itself).
    fn blocking(&self, ctx: &PlanCtx, graph: &DoorGraph, p: usize) -> Vec<usize> {
        let mut out: Vec<usize> = match self.part[p] {
            Some(id) => self.doors[id].clone(),
            // a police room that is itself an office (A7-1.1): the rooms in
            // the way beside it, and those at the doors of the parts it opens on
            None => graph
                .neighbours(p)
                .into_iter()
                .flatten()
                .flat_map(|n| match self.part[n] {
                    Some(id) => self.doors[id].clone(),
                    None if in_the_way(&ctx.plan.rooms[n]) => vec![n],
                    None => Vec::new(),
                })
                .collect(),
        };
        out.sort_unstable();
        out.dedup();
        out.retain(|&i| i != p);
        out
    }
}
