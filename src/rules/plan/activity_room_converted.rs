//! # A2-1.4 activity-room-converted
//!
//! **What it checks.** No resident-activity room (老年活动室等) is used as the
//! committee's office:
//!
//! - a room that holds the `ResidentActivity` zone together with a committee
//!   zone (`Office`, `Meeting`, `Service`, `Reception`) is a finding;
//! - with the previous revision of the plan (`--previous`): a room that held
//!   `ResidentActivity` before and whose old outline is now covered, by more
//!   than 50% of its old area, by committee rooms of the new plan is a
//!   finding. The two plans are compared in their common survey frame (each
//!   plan's geometry lives in its own local frame, translated back through
//!   `PlanGeometry::origin`).
//!
//! **Why.** When premises are improved, the space where residents meet must
//! stay theirs; turning the old people's room into an office is what the
//! clause forbids.
//!
//! **Clause.** 附件2 一.4 「在改善居委会办公用房条件过程中,应坚持确保服务社区群众和社区居民开展活动的空间,不得将老年活动室等居民活动用房挪用为居委会办公用房。」
//!
//! **Interpretation.** The 50% is measured against the old room's area and
//! summed over all committee rooms of the new plan (an activity room split
//! into two offices of 40% each has been converted). Committee rooms of the
//! new plan that still carry `ResidentActivity` are reported by the first
//! test and not counted again by the second.

use geo::{Area, BoundingRect, Intersects, Polygon, Rect, Translate};

use super::support::{room_en, room_zh, rooms_en, rooms_zh, zones_en, zones_zh};
use crate::geom::area::round2;
use crate::geom::overlap::shared_area;
use crate::model::Zone;
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule("A2-1.4");
    let plan = ctx.plan;
    let mut out = Vec::new();
    for room in plan.rooms.iter().filter(|r| r.has(Zone::ResidentActivity)) {
        let committee: Vec<Zone> = room
            .zones
            .iter()
            .copied()
            .filter(|z| z.is_committee())
            .collect();
        if committee.is_empty() {
            continue;
        }
        out.push(
            Finding::new(
                meta,
                format!(
                    "居民活动用房{}同时用作{},属挪用为居委会办公用房",
                    room_zh(room),
                    zones_zh(&committee)
                ),
                format!(
                    "Resident-activity room {} also holds {}: converted to committee office",
                    room_en(room),
                    zones_en(&committee)
                ),
            )
            .room(&room.id),
        );
    }
    out.extend(converted_since_previous(ctx));
    out
}

/// The second test: old activity rooms now mostly under committee rooms.
fn converted_since_previous(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((prev, prev_geom)) = ctx.previous else {
        return Vec::new();
    };
    let plan = ctx.plan;
    // previous local frame → current local frame
    let dx = prev_geom.origin.x - ctx.geom.origin.x;
    let dy = prev_geom.origin.y - ctx.geom.origin.y;
    // committee rooms of the new plan with their bounding boxes, so that an
    // old room is measured only against the rooms it can touch
    let committee: Vec<(usize, &Polygon<f64>, Rect<f64>)> = (0..plan.rooms.len())
        .filter(|&i| {
            let r = &plan.rooms[i];
            r.is_committee_room() && !r.has(Zone::ResidentActivity)
        })
        .filter_map(|i| {
            let poly = ctx.geom.rooms[i].polygon.as_ref()?;
            Some((i, poly, poly.bounding_rect()?))
        })
        .collect();
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
        let mut by: Vec<usize> = Vec::new();
        for &(i, new, new_box) in &committee {
            if !bbox.intersects(&new_box) {
                continue;
            }
            let shared = shared_area(&moved, new);
            if shared > ctx.profile.overlap_tolerance_m2 {
                covered += shared;
                by.push(i);
            }
        }
        if covered * 2.0 <= old_area {
            continue;
        }
        let pct = (covered / old_area * 100.0).round();
        out.push(
            Finding::new(
                rule("A2-1.4"),
                format!(
                    "上一版的居民活动用房{}({:.2}㎡)现有{pct:.0}%({:.2}㎡)被改作{}",
                    room_zh(old),
                    round2(old_area),
                    round2(covered),
                    rooms_zh(plan, &by)
                ),
                format!(
                    "Resident-activity room {} of the previous revision ({:.2} m²) is now {pct:.0}% ({:.2} m²) covered by committee room(s) {}",
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
