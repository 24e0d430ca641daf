//! Small helpers the plan rules share: naming rooms and places in both
//! languages, and counting items where a clause wants them.
//!
//! Counts are summed over `count` (saturating, so that an absurd count
//! cannot overflow); an item written with `count: 0` is not there.

use std::collections::{HashMap, HashSet};

use crate::model::{ItemKind, Location, Plan, Room, SitePlace, Zone};
use crate::rules::PlanCtx;

/// `「办公室」(R1)`
pub(super) fn room_zh(room: &Room) -> String {
    format!("「{}」({})", room.name, room.id)
}

/// `R1 (办公室)`
pub(super) fn room_en(room: &Room) -> String {
    format!("{} ({})", room.id, room.name)
}

/// Rooms of the plan by index, named in Chinese and joined with 、.
pub(super) fn rooms_zh(plan: &Plan, rooms: &[usize]) -> String {
    rooms
        .iter()
        .map(|&i| room_zh(&plan.rooms[i]))
        .collect::<Vec<_>>()
        .join("、")
}

/// Rooms of the plan by index, named in English and joined with commas.
pub(super) fn rooms_en(plan: &Plan, rooms: &[usize]) -> String {
    rooms
        .iter()
        .map(|&i| room_en(&plan.rooms[i]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids of rooms by index (for `Finding::rooms`).
pub(super) fn ids<'a>(plan: &'a Plan, rooms: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
    rooms.iter().map(move |&i| plan.rooms[i].id.as_str())
}

/// A location in Chinese: a room by name and id, or a place of the site.
pub(super) fn place_zh(plan: &Plan, at: &Location) -> String {
    match at {
        Location::Room(id) => match plan.room(id) {
            Some(r) => room_zh(r),
            None => format!("「{id}」"),
        },
        Location::Site(p) => p.name_zh().to_string(),
    }
}

/// A location in English, with its preposition: `in room R1 (办公室)`,
/// `at the estate gate`.
pub(super) fn place_en(plan: &Plan, at: &Location) -> String {
    match at {
        Location::Room(id) => match plan.room(id) {
            Some(r) => format!("in room {}", room_en(r)),
            None => format!("in room {id}"),
        },
        Location::Site(p) => format!("at the {}", p.name_en()),
    }
}

/// How many items of `kind` stand at the site place `place`.
pub(super) fn count_at_site(plan: &Plan, kind: ItemKind, place: SitePlace) -> u32 {
    plan.items
        .iter()
        .filter(|i| i.kind == kind && i.at == Location::Site(place))
        .fold(0u32, |n, i| n.saturating_add(i.count))
}

/// How many items of `kind` stand in the rooms `rooms` (indices): one pass
/// over the items, whatever the number of rooms.
pub(super) fn count_in_rooms(ctx: &PlanCtx, kind: ItemKind, rooms: &[usize]) -> u32 {
    let plan = ctx.plan;
    let ids: HashSet<&str> = rooms.iter().map(|&i| plan.rooms[i].id.as_str()).collect();
    plan.items
        .iter()
        .filter(|i| i.kind == kind && i.room().is_some_and(|r| ids.contains(r)))
        .fold(0u32, |n, i| n.saturating_add(i.count))
}

/// Items of `kind` per room id, counts summed (saturating), in one pass.
pub(super) fn counts_by_room(plan: &Plan, kind: ItemKind) -> HashMap<&str, u32> {
    let mut out: HashMap<&str, u32> = HashMap::new();
    for item in plan.items.iter().filter(|i| i.kind == kind) {
        if let Some(room) = item.room() {
            let n = out.entry(room).or_default();
            *n = n.saturating_add(item.count);
        }
    }
    out
}

/// Indices of the rooms of the premises (办公用房: no resident-activity, no
/// courtyard zone).
pub(super) fn premises_rooms(plan: &Plan) -> Vec<usize> {
    (0..plan.rooms.len())
        .filter(|&i| plan.rooms[i].is_premises())
        .collect()
}

/// The distinct locations, in plan order, where items of `kind` stand
/// (with a count above zero).
pub(super) fn locations_of(plan: &Plan, kind: ItemKind) -> Vec<&Location> {
    let mut out: Vec<&Location> = Vec::new();
    for item in plan.items.iter().filter(|i| i.kind == kind && i.count > 0) {
        if !out.contains(&&item.at) {
            out.push(&item.at);
        }
    }
    out
}

/// `(现设于…,位置不符)` / ` (found elsewhere: …)` when items of `kind`
/// stand somewhere else than where the clause wants them; empty otherwise.
pub(super) fn elsewhere(plan: &Plan, kind: ItemKind) -> (String, String) {
    elsewhere_than(plan, kind, |_| false)
}

/// Like [`elsewhere`], leaving out the locations for which `counted` holds
/// (those the rule accepted).
pub(super) fn elsewhere_than(
    plan: &Plan,
    kind: ItemKind,
    counted: impl Fn(&Location) -> bool,
) -> (String, String) {
    let mut places = locations_of(plan, kind);
    places.retain(|p| !counted(p));
    if places.is_empty() {
        return (String::new(), String::new());
    }
    let zh: Vec<String> = places.iter().map(|p| place_zh(plan, p)).collect();
    let en: Vec<String> = places.iter().map(|p| place_en(plan, p)).collect();
    (
        format!("(现设于{},位置不符)", zh.join("、")),
        format!(" (found elsewhere: {})", en.join("; ")),
    )
}

/// Zone names joined, in Chinese and English.
pub(super) fn zones_zh(zones: &[Zone]) -> String {
    zones
        .iter()
        .map(|z| z.name_zh())
        .collect::<Vec<_>>()
        .join("、")
}

/// `the meeting zone`, `the meeting and service zones`, `the office,
/// meeting and reception zones`.
pub(super) fn zones_en(zones: &[Zone]) -> String {
    let names: Vec<&str> = zones.iter().map(|z| z.name_en()).collect();
    match names.as_slice() {
        [] => "no zone".to_string(),
        [one] => format!("the {one} zone"),
        [init @ .., last] => format!("the {} and {last} zones", init.join(", ")),
    }
}

/// Indices of the rooms holding the Police zone: the 附件7 rules apply only
/// when there is one.
pub(super) fn police_rooms(ctx: &PlanCtx) -> Vec<usize> {
    ctx.rooms_with(Zone::Police)
}

/// A2-3.1 … A2-3.4: no room holds `zone`, which the profile requires.
pub(super) fn missing_zone(ctx: &PlanCtx, code: &str, zone: Zone) -> Vec<crate::rules::Finding> {
    if !ctx.profile.required_zones.contains(&zone) || !ctx.rooms_with(zone).is_empty() {
        return Vec::new();
    }
    vec![crate::rules::Finding::new(
        crate::rules::rule(code),
        format!("没有任何房间设为{}", zone.name_zh()),
        format!("No room holds the {} zone", zone.name_en()),
    )]
}
