//! # A1-3.6.1 premises-change-consent
//!
//! **What it checks.** With the previous revision of the plan
//! (`--previous`), and only when the street made the change
//! (`revision.initiated_by: Street`): when the rooms changed between the two
//! revisions — a room added or removed, its outline moved or reshaped (by
//! more than the profile's `overlap_tolerance_m2` of area), or its zones
//! changed — the new revision records the committee's consent
//! (`revision.consent`) dated no later than the revision itself. One finding
//! listing every change.
//!
//! **Why.** The street office allocates the committee's rooms and the
//! residents' activity rooms; it may not move the committee around without
//! asking it first. A committee rearranging its own rooms
//! (`initiated_by: Committee`, the default) needs no consent from itself;
//! whether it may change a room's use is A1-3.6.2's business.
//!
//! **Clause.** 附件1 3.6.1 「街道(镇)统筹解决居委会办公用房、居民活动用房。调整用房时,应当事先征得居委会同意。」
//!
//! **Interpretation.**
//! - Outlines are compared as areas in the common survey frame, so writing
//!   the same room from another corner or in the other winding is no change.
//! - A room whose id changed but whose outline and zones did not (renumbering)
//!   is no change.
//! - Changes of a room's name, floor, doors or items are not changes of
//!   rooms (调整用房).
//! - A consent dated before the previous revision's date was given for an
//!   earlier change (it was carried over) and does not cover this one.

use std::collections::{BTreeSet, HashMap};

use geo::{Area, Polygon, Translate};

use crate::geom::overlap::shared_area;
use crate::geom::validity::clean_outline;
use crate::geom::PlanGeometry;
use crate::model::{Initiator, Plan, Room, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub(super) enum Change<'a> {
    Added(&'a Room),
    Removed(&'a Room),
    Outline(&'a Room),
    Zones(&'a Room, &'a Room),
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((prev, prev_geom)) = ctx.previous else {
        return Vec::new();
    };
    if ctx.plan.revision.initiated_by != Initiator::Street {
        return Vec::new();
    }
    let changes = changes(ctx, prev, prev_geom);
    if changes.is_empty() {
        return Vec::new();
    }
    let rev = &ctx.plan.revision;
    let (why_zh, why_en) = match &rev.consent {
        None => (
            "未记录居委会事先同意".to_string(),
            "no prior consent of the committee is recorded".to_string(),
        ),
        Some(c) if c.date > rev.date => (
            format!(
                "居委会同意日期{}晚于调整日期{},不是事先同意",
                c.date, rev.date
            ),
            format!(
                "the committee's consent of {} came after the change of {}",
                c.date, rev.date
            ),
        ),
        Some(c) if c.date < prev.revision.date => (
            format!(
                "记录的同意({})早于上一版日期{},是对此前调整的同意",
                c.date, prev.revision.date
            ),
            format!(
                "the consent recorded ({}) predates the previous revision of {}: it was given for an earlier change",
                c.date, prev.revision.date
            ),
        ),
        Some(_) => return Vec::new(),
    };
    let zh: Vec<String> = changes.iter().map(describe_zh).collect();
    let en: Vec<String> = changes.iter().map(describe_en).collect();
    let rooms: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Added(r) | Change::Outline(r) | Change::Zones(_, r) => Some(r.id.as_str()),
            Change::Removed(_) => None,
        })
        .collect();
    vec![Finding::new(
        rule(Code::A1_3_6_1),
        format!(
            "街道在第{}版平面图(上一版为第{}版)中调整了用房:{};{why_zh}",
            rev.number,
            prev.revision.number,
            zh.join(";")
        ),
        format!(
            "The street's revision {} (previous: {}) changes the rooms: {}; {why_en}",
            rev.number,
            prev.revision.number,
            en.join("; ")
        ),
    )
    .rooms(rooms)]
}

pub(super) fn changes<'a>(
    ctx: &PlanCtx<'a>,
    prev: &'a Plan,
    prev_geom: &PlanGeometry,
) -> Vec<Change<'a>> {
    let plan = ctx.plan;
    let tol = ctx.profile.overlap_tolerance_m2;
    let dx = prev_geom.origin.x - ctx.geom.origin.x;
    let dy = prev_geom.origin.y - ctx.geom.origin.y;
    let old_poly = |j: usize| {
        prev_geom.rooms[j]
            .polygon
            .as_ref()
            .map(|p| p.translate(dx, dy))
    };
    let same_outline = |j: usize, i: usize| {
        let (old, new) = (&prev.rooms[j].outline, &plan.rooms[i].outline);
        // the usual case, an untouched room, needs no polygon arithmetic
        if old == new {
            return true;
        }
        match (old_poly(j), &ctx.geom.rooms[i].polygon) {
            (Some(a), Some(b)) => !differ(&a, b, tol),
            _ => clean_outline(old) == clean_outline(new),
        }
    };
    let mut out = Vec::new();
    let mut added: Vec<usize> = Vec::new();
    let index = |p: &'a Plan| -> HashMap<&'a str, usize> {
        p.rooms
            .iter()
            .enumerate()
            .rev() // the first of a repeated id wins, as in `Plan::room`
            .map(|(k, r)| (r.id.as_str(), k))
            .collect()
    };
    let (now, before) = (index(plan), index(prev));
    let mut removed: Vec<usize> = (0..prev.rooms.len())
        .filter(|&j| !now.contains_key(prev.rooms[j].id.as_str()))
        .collect();
    for (i, room) in plan.rooms.iter().enumerate() {
        let Some(&j) = before.get(room.id.as_str()) else {
            added.push(i);
            continue;
        };
        let old = &prev.rooms[j];
        if !same_outline(j, i) {
            out.push(Change::Outline(room));
        }
        if zone_set(old) != zone_set(room) {
            out.push(Change::Zones(old, room));
        }
    }
    // a renumbered room (same outline and zones, new id) is no change
    added.retain(|&i| {
        let twin = removed.iter().position(|&j| {
            same_outline(j, i) && zone_set(&prev.rooms[j]) == zone_set(&plan.rooms[i])
        });
        match twin {
            Some(k) => {
                removed.remove(k);
                false
            }
            None => true,
        }
    });
    out.extend(added.into_iter().map(|i| Change::Added(&plan.rooms[i])));
    out.extend(removed.into_iter().map(|j| Change::Removed(&prev.rooms[j])));
    out
}

fn differ(a: &Polygon<f64>, b: &Polygon<f64>, tol: f64) -> bool {
    let shared = shared_area(a, b);
    a.unsigned_area() + b.unsigned_area() - 2.0 * shared > tol
}

pub(super) fn zone_set(room: &Room) -> BTreeSet<Zone> {
    room.zones.iter().copied().collect()
}

pub(super) fn zones_of(room: &Room, lang_zh: bool) -> String {
    let set = zone_set(room);
    let names: Vec<&str> = set
        .iter()
        .map(|z| if lang_zh { z.name_zh() } else { z.name_en() })
        .collect();
    names.join(if lang_zh { "、" } else { ", " })
}

fn describe_zh(c: &Change) -> String {
    use super::support::room_zh;
    match c {
        Change::Added(r) => format!("新增{}", room_zh(r)),
        Change::Removed(r) => format!("撤销{}", room_zh(r)),
        Change::Outline(r) => format!("{}的轮廓改变", room_zh(r)),
        Change::Zones(old, new) => format!(
            "{}的功能区由{}改为{}",
            room_zh(new),
            zones_of(old, true),
            zones_of(new, true)
        ),
    }
}

fn describe_en(c: &Change) -> String {
    use super::support::room_en;
    match c {
        Change::Added(r) => format!("{} added", room_en(r)),
        Change::Removed(r) => format!("{} removed", room_en(r)),
        Change::Outline(r) => format!("outline of {} changed", room_en(r)),
        Change::Zones(old, new) => format!(
            "zones of {} changed from {} to {}",
            room_en(new),
            zones_of(old, false),
            zones_of(new, false)
        ),
    }
}
