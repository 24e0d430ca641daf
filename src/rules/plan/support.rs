//! Small helpers the plan rules share: naming rooms and places in both
//! languages, and counting items where a clause wants them.
//!
//! Counts are summed over `count` (saturating, so that an absurd count
//! cannot overflow); an item written with `count: 0` is not there.

use std::collections::{HashMap, HashSet};

use crate::model::{EstateRef, Item, ItemKind, Location, Plan, Room, SitePlace, Zone};
use crate::rules::{Code, PlanCtx};

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
pub(super) fn missing_zone(ctx: &PlanCtx, code: Code, zone: Zone) -> Vec<crate::rules::Finding> {
    if !ctx.profile.required_zones.contains(&zone) || !ctx.rooms_with(zone).is_empty() {
        return Vec::new();
    }
    vec![crate::rules::Finding::new(
        crate::rules::rule(code),
        format!("没有任何房间设为{}", zone.name_zh()),
        format!("No room holds the {} zone", zone.name_en()),
    )]
}

/// The estates the per-estate rules (A2-2.1, A2-5.3, A2-5.4) go through:
/// `committee.estates`, or one unnamed estate (`None`) when the plan lists
/// none (a format-1 plan describes one estate).
pub(super) fn estates(plan: &Plan) -> Vec<Option<&EstateRef>> {
    if plan.committee.estates.is_empty() {
        vec![None]
    } else {
        plan.committee.estates.iter().map(Some).collect()
    }
}

/// `小区「华业小区」(E1)`, or `小区` for the one unnamed estate.
pub(super) fn estate_zh(estate: Option<&EstateRef>) -> String {
    match estate {
        Some(e) => format!("小区「{}」({})", e.name, e.id),
        None => "小区".to_string(),
    }
}

/// `estate E1 (华业小区)`, or `the estate`.
pub(super) fn estate_en(estate: Option<&EstateRef>) -> String {
    match estate {
        Some(e) => format!("estate {} ({})", e.id, e.name),
        None => "the estate".to_string(),
    }
}

/// The items for which `keep` holds, grouped by estate, parallel to
/// [`estates`]: one pass over the items, whatever the number of estates.
/// An item that names no estate of the list is in no group (G03's).
pub(super) fn items_by_estate(plan: &Plan, keep: impl Fn(&Item) -> bool) -> Vec<Vec<&Item>> {
    let list = &plan.committee.estates;
    let mut groups: Vec<Vec<&Item>> = vec![Vec::new(); list.len().max(1)];
    let index: HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for item in plan.items.iter().filter(|i| keep(i)) {
        let group = match item.estate.as_deref() {
            _ if list.is_empty() => Some(0),
            Some(id) => index.get(id).copied(),
            None if list.len() == 1 => Some(0),
            None => None,
        };
        if let Some(g) = group {
            groups[g].push(item);
        }
    }
    groups
}

/// `(产证面积;平面图实测 204.00㎡)` when the thresholds use the certified
/// area (`rules.md`, "Which area": reports show both); empty when they use
/// the measured one.
pub(super) fn area_source(
    plan: &Plan,
    geom: &crate::geom::PlanGeometry,
    source: crate::committee::AreaSource,
) -> (String, String) {
    if source != crate::committee::AreaSource::Certified {
        return (String::new(), String::new());
    }
    let measured = geom.premises_area;
    let what = plan
        .committee
        .certified_area
        .as_ref()
        .map(|c| c.source.trim())
        .filter(|s| !s.is_empty());
    match what {
        Some(s) => (
            format!("(产证面积,{s};平面图实测{measured:.2}㎡)"),
            format!(" (certified: {s}; {measured:.2} m² measured on the plan)"),
        ),
        None => (
            format!("(产证面积;平面图实测{measured:.2}㎡)"),
            format!(" (certified; {measured:.2} m² measured on the plan)"),
        ),
    }
}
