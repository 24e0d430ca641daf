//! # A7-1.1 police-room-independent
//!
//! **What it checks.** Applies when some room holds the `Police` zone. Each
//! police room
//!
//! - holds no other zone (it is not shared with the office, a corridor, …);
//! - can be reached from `outside` without walking through a room that holds
//!   an `Office`, `Meeting`, `Service` or `Reception` zone. Corridors,
//!   lobbies, ancillary rooms and the police room's own door are fine. The
//!   message names the committee rooms that stand in the way.
//!
//! **Why.** Police and their auxiliaries receive residents on police matters;
//! the room must be relatively independent of the committee's office so
//! that neither disturbs the other and visitors do not cross the office.
//!
//! **Clause.** 附件7 一.1 「社区民警与协助民警工作的辅助人员共用一间相对独立的办公室。」
//!
//! **Interpretation.** 相对独立 is read as: a room of its own, with a way in
//! that does not cross the committee's functional zones. A police room that
//! cannot be reached at all is G05's finding and is not reported again here.

use std::collections::VecDeque;

use super::support::{ids, police_rooms, room_en, room_zh, rooms_en, rooms_zh, zones_en, zones_zh};
use crate::geom::reach::DoorGraph;
use crate::model::Zone;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    if police.is_empty() {
        return Vec::new();
    }
    let meta = rule("A7-1.1");
    let plan = ctx.plan;
    let graph = DoorGraph::new(plan);
    let anyhow = graph.reached(|_| true);
    let avoiding = graph.reached(|i| !plan.rooms[i].is_committee_room());
    let mut out = Vec::new();
    for &p in &police {
        let room = &plan.rooms[p];
        let others: Vec<Zone> = room
            .zones
            .iter()
            .copied()
            .filter(|&z| z != Zone::Police)
            .collect();
        if !others.is_empty() {
            out.push(
                Finding::new(
                    meta,
                    format!(
                        "社区警务室{}同时用作{},不是相对独立的办公室",
                        room_zh(room),
                        zones_zh(&others)
                    ),
                    format!(
                        "Police room {} also holds {}: not an independent room",
                        room_en(room),
                        zones_en(&others)
                    ),
                )
                .room(&room.id),
            );
        }
        if anyhow[p] && !avoiding[p] {
            let through = blocking_rooms(ctx, &graph, p);
            out.push(
                Finding::new(
                    meta,
                    format!(
                        "社区警务室{}只能穿过{}进入,没有独立的出入通道",
                        room_zh(room),
                        rooms_zh(plan, &through)
                    ),
                    format!(
                        "Police room {} can only be reached through {}: it has no way in of its own",
                        room_en(room),
                        rooms_en(plan, &through)
                    ),
                )
                .room(&room.id)
                .rooms(ids(plan, &through)),
            );
        }
    }
    out
}

/// The committee rooms next to the part of the plan that the police room
/// can reach without crossing a committee room: the rooms a visitor must
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
            if rooms[next].is_committee_room() {
                blocking.push(next);
            } else {
                queue.push_back(next);
            }
        }
    }
    blocking.sort_unstable();
    blocking
}
