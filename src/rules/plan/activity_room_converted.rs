//! # A2-1.4 activity-room-converted
//!
//! **What it checks.** No resident-activity room (老年活动室等) is taken for
//! the committee's premises:
//!
//! - a room that holds the `ResidentActivity` zone together with any zone
//!   of the premises is a finding: a committee zone (`Office`, `Meeting`,
//!   `Service`, `Reception`), `Police`, `Circulation` or `Ancillary`
//!   (rev 2: not only the four committee zones);
//! - with the previous revision of the plan (`--previous`): a room that held
//!   `ResidentActivity` before and whose old outline is now covered, by more
//!   than 50% of its old area, by premises rooms of the new plan (rooms that
//!   count in the premises area: neither `ResidentActivity` nor `Courtyard`)
//!   on the same level is a finding. The two plans are compared in their
//!   common survey frame (each plan's geometry lives in its own local frame,
//!   translated back through `PlanGeometry::origin`).
//!
//! **Why.** When premises are improved, the space where residents meet must
//! stay theirs. An old people's room turned into the committee's store or
//! corridor is lost to residents just as surely as one turned into an
//! office, and it raises the premises area, which can take an old estate's
//! committee off the priority-upgrade list (A2-1.2).
//!
//! **Clause.** 附件2 一.4 「在改善居委会办公用房条件过程中,应坚持确保服务社区群众和社区居民开展活动的空间,不得将老年活动室等居民活动用房挪用为居委会办公用房。」
//!
//! **Interpretation.** 办公用房 is read as everything that counts in the
//! premises area, so a police room, a corridor or a store made of an
//! activity room is a conversion too; a courtyard is not premises. The 50%
//! is measured against the old room's area and summed over all premises
//! rooms of the new plan on the old room's level (an activity room split
//! into an office and a store of 40% each has been converted); exactly half
//! is not more than half. Rooms of the new plan that still carry
//! `ResidentActivity` are reported by the first test and not counted again
//! by the second. A smaller activity room that stays one is A2-1.4a's
//! matter.

use geo::{Area, BoundingRect, Translate};

use super::support::{room_en, room_zh, rooms_en, rooms_zh, zones_en, zones_zh};
use crate::geom::area::round2;
use crate::geom::overlap::shared_area;
use crate::model::Zone;
use crate::rules::{rule, Code, Finding, PlanCtx};

/// A zone that counts in the premises area (办公用房).
fn premises_zone(z: Zone) -> bool {
    !matches!(z, Zone::ResidentActivity | Zone::Courtyard)
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::A2_1_4);
    let plan = ctx.plan;
    let mut out = Vec::new();
    for room in plan.rooms.iter().filter(|r| r.has(Zone::ResidentActivity)) {
        let taken: Vec<Zone> = room
            .zones
            .iter()
            .copied()
            .filter(|&z| premises_zone(z))
            .collect();
        if taken.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                meta,
                format!(
                    "居民活动用房{}同时用作{},属挪用为居委会办公用房",
                    room_zh(room),
                    zones_zh(&taken)
                ),
                format!(
                    "Resident-activity room {} also holds {}: taken for the committee's premises",
                    room_en(room),
                    zones_en(&taken)
                ),
            )
            .room(&room.id),
        );
    }
    out.extend(converted_since_previous(ctx));
    out
}

/// The second test: old activity rooms now mostly under premises rooms.
/// Each old room is measured only against the new rooms whose bounding
/// boxes meet its own (the geometry's R-tree), so the pass stays near
/// linear in the number of rooms.
fn converted_since_previous(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((prev, prev_geom)) = ctx.previous else {
        return Vec::new();
    };
    let plan = ctx.plan;
    // previous local frame → current local frame
    let dx = prev_geom.origin.x - ctx.geom.origin.x;
    let dy = prev_geom.origin.y - ctx.geom.origin.y;
    let mut out = Vec::new();
    for (old, g) in prev.rooms.iter().zip(&prev_geom.rooms) {
        if !old.has(Zone::ResidentActivity) {
            continue;
        }
        let Some(poly) = &g.polygon else { continue };
        let old_area = poly.unsigned_area();
        if old_area <= 0.0 {
            continue;
        }
        let moved = poly.translate(dx, dy);
        let Some(bbox) = moved.bounding_rect() else {
            continue;
        };
        let mut covered = 0.0;
        let mut by: Vec<usize> = ctx
            .geom
            .rooms_touching(bbox)
            .into_iter()
            .filter(|&i| {
                let r = &plan.rooms[i];
                r.level == old.level && r.is_premises()
            })
            .collect();
        by.sort_unstable();
        by.retain(|&i| {
            let Some(new) = ctx.geom.rooms[i].polygon.as_ref() else {
                return false;
            };
            let shared = shared_area(&moved, new);
            if shared > ctx.profile.overlap_tolerance_m2 {
                covered += shared;
                true
            } else {
                false
            }
        });
        if covered * 2.0 <= old_area {
            continue;
        }
        let pct = (covered / old_area * 100.0).round();
        out.push(
            Finding::new(
                rule(Code::A2_1_4),
                format!(
                    "上一版的居民活动用房{}({:.2}㎡)现有{pct:.0}%({:.2}㎡)被改作办公用房{}",
                    room_zh(old),
                    round2(old_area),
                    round2(covered),
                    rooms_zh(plan, &by)
                ),
                format!(
                    "Resident-activity room {} of the previous revision ({:.2} m²) is now {pct:.0}% ({:.2} m²) covered by premises room(s) {}",
                    room_en(old),
                    round2(old_area),
                    round2(covered),
                    rooms_en(plan, &by)
                ),
            )
            .rooms(super::support::ids(plan, &by)),
        );
    }
    out
}
