//! Storeys (`rooms[].level`, rev 2) as the planner edits them: one level is
//! shown and edited at a time, the others drawn faint beneath it. What a
//! click picks, snaps to or puts a door on is on the current level only
//! ([`on_level`]); a stair joins the room under the click on the current
//! level with the room under the same point on the nearest other level
//! ([`stair_at`]).
//!
//! ```
//! use juwei::edit::levels::level_name;
//! use juwei::model::Lang;
//! assert_eq!(level_name(0, Lang::Zh), "1楼");
//! assert_eq!(level_name(1, Lang::Zh), "2楼");
//! assert_eq!(level_name(-1, Lang::Zh), "地下1层");
//! ```

use std::borrow::Cow;

use super::snap::{grid, room_contains};
use super::EditError;
use crate::model::{Door, Item, Lang, Location, Plan, OUTSIDE};

/// The levels the plan's rooms stand on, lowest first (`[0]` for a plan
/// without rooms).
pub fn levels(plan: &Plan) -> Vec<i32> {
    let mut l: Vec<i32> = plan.rooms.iter().map(|r| r.level).collect();
    l.sort_unstable();
    l.dedup();
    if l.is_empty() {
        l.push(0);
    }
    l
}

/// The level a plan opens on: the ground floor when it has rooms there,
/// else its lowest level.
pub fn first_level(plan: &Plan) -> i32 {
    let l = levels(plan);
    if l.contains(&0) {
        0
    } else {
        l[0]
    }
}

/// How a level is called: `1楼` / `ground floor` for 0, `2楼` / `floor 1`
/// for 1, `地下1层` / `basement 1` for -1 (Chinese storeys count the ground
/// floor as the first).
pub fn level_name(level: i32, lang: Lang) -> String {
    match (lang, level) {
        (Lang::Zh, l) if l >= 0 => format!("{}楼", l + 1),
        (Lang::Zh, l) => format!("地下{}层", -l),
        (Lang::En, 0) => "ground floor".into(),
        (Lang::En, l) if l > 0 => format!("floor {l}"),
        (Lang::En, l) => format!("basement {}", -l),
    }
}

/// The plan with only the rooms of `level` (doors and items as they are,
/// so their indices stay valid): what picking and snapping see. Borrowed
/// when every room is on that level (a one-storey plan).
pub fn on_level(plan: &Plan, level: i32) -> Cow<'_, Plan> {
    if plan.rooms.iter().all(|r| r.level == level) {
        return Cow::Borrowed(plan);
    }
    Cow::Owned(Plan {
        rooms: plan
            .rooms
            .iter()
            .filter(|r| r.level == level)
            .cloned()
            .collect(),
        ..plan.clone()
    })
}

/// Whether room `id` is on `level` (`outside` is on every level).
pub fn room_on(plan: &Plan, id: &str, level: i32) -> bool {
    id == OUTSIDE || plan.room(id).is_some_and(|r| r.level == level)
}

/// Whether a door (or stair) is drawn on `level`: a door when its rooms
/// are there, a stair when one of its two rooms is.
pub fn door_on(plan: &Plan, door: &Door, level: i32) -> bool {
    let (a, b) = (&door.between.0, &door.between.1);
    // a door to the outside stands on its room's level
    let on = |id: &str| id != OUTSIDE && room_on(plan, id, level);
    on(a) || on(b)
}

/// Whether an item is drawn on `level`: items in a room on their room's
/// level; site items (the strip) on every level.
pub fn item_on(plan: &Plan, item: &Item, level: i32) -> bool {
    match &item.at {
        Location::Room(id) => room_on(plan, id, level),
        Location::Site(_) => true,
    }
}

/// The level a stair at `door` leads to, seen from `level` (`None` when
/// neither of its rooms is on `level` or the other room is unknown).
pub fn stair_leads_to(plan: &Plan, door: &Door, level: i32) -> Option<i32> {
    let (a, b) = (plan.room(&door.between.0)?, plan.room(&door.between.1)?);
    if a.level == level {
        Some(b.level)
    } else if b.level == level {
        Some(a.level)
    } else {
        None
    }
}

/// Where a stair put at `p` on `level` goes and what it joins: the room of
/// `level` under `p` and the room under the same point on the nearest
/// other level (above before below when both are as near), the current
/// level's room first. The point is rounded to the 0.1 m grid when it
/// stays inside both rooms. Refused (with what to do) when either room is
/// missing.
pub fn stair_at(plan: &Plan, level: i32, p: (f64, f64)) -> Result<Stair, EditError> {
    let here = plan
        .rooms
        .iter()
        .rev()
        .find(|r| r.level == level && room_contains(r, p))
        .ok_or_else(|| {
            EditError::new(
                "楼梯要放在本层的房间里:请点击房间内部",
                "a stair stands in a room of this level: click inside a room",
            )
        })?;
    let other = plan
        .rooms
        .iter()
        .filter(|r| r.level != level && room_contains(r, p))
        .min_by_key(|r| ((r.level - level).abs(), r.level < level))
        .ok_or_else(|| {
            EditError::new(
                "这一点的上层和下层都没有房间:楼梯要放在上下两层房间重叠的地方(先在另一层画出房间)",
                "no room above or below this point: a stair stands where rooms of two levels overlap (draw the other level's room first)",
            )
        })?;
    let g = grid(p);
    let at = if room_contains(here, g) && room_contains(other, g) {
        g
    } else {
        p
    };
    Ok(Stair {
        at,
        between: (here.id.clone(), other.id.clone()),
    })
}

/// A stair's place and the rooms it joins ([`stair_at`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Stair {
    pub at: (f64, f64),
    pub between: (String, String),
}

impl Stair {
    /// The plan's stair connection.
    pub fn door(&self) -> Door {
        Door {
            between: self.between.clone(),
            at: self.at,
            kind: crate::model::DoorKind::Stair,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Floor, Room, Zone};

    fn room(id: &str, level: i32, outline: &[(f64, f64)]) -> Room {
        Room {
            id: id.into(),
            name: id.into(),
            zones: vec![Zone::Office],
            floor: Floor::AntiSlip,
            level,
            outline: outline.to_vec(),
        }
    }

    /// A 石库门: a front room and a back room downstairs, the 亭子间 above
    /// the back room, a loft above the front.
    fn two_storeys() -> Plan {
        let text = r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
            committee: (code: "X", name: "示例", street: "街道", estate: Old))"#;
        let mut plan = crate::io::parse_plan(std::path::Path::new("t.ron"), text).unwrap();
        plan.rooms = vec![
            room("R1", 0, &[(0.0, 0.0), (4.0, 0.0), (4.0, 5.0), (0.0, 5.0)]),
            room("R2", 0, &[(4.0, 0.0), (7.0, 0.0), (7.0, 5.0), (4.0, 5.0)]),
            room("T1", 1, &[(4.0, 0.0), (7.0, 0.0), (7.0, 3.0), (4.0, 3.0)]),
            room("B1", -1, &[(4.0, 0.0), (7.0, 0.0), (7.0, 5.0), (4.0, 5.0)]),
        ];
        plan
    }

    #[test]
    fn levels_and_names() {
        let plan = two_storeys();
        assert_eq!(levels(&plan), [-1, 0, 1]);
        assert_eq!(first_level(&plan), 0);
        assert_eq!(level_name(1, Lang::En), "floor 1");
        assert_eq!(level_name(-2, Lang::En), "basement 2");
        let mut upstairs = plan.clone();
        upstairs.rooms.retain(|r| r.level == 1);
        assert_eq!(first_level(&upstairs), 1);
    }

    #[test]
    fn only_the_levels_rooms_are_seen() {
        let plan = two_storeys();
        let up = on_level(&plan, 1);
        assert_eq!(up.rooms.len(), 1);
        assert_eq!(up.rooms[0].id, "T1");
        let mut one = plan.clone();
        one.rooms.retain(|r| r.level == 0);
        assert!(matches!(on_level(&one, 0), Cow::Borrowed(_)));
    }

    #[test]
    fn a_stair_joins_the_room_here_and_the_nearest_level_above_first() {
        let plan = two_storeys();
        // above the back room: the 亭子间 (level 1) and the cellar (level -1)
        // are as near; above wins
        let s = stair_at(&plan, 0, (5.04, 1.02)).unwrap();
        assert_eq!(s.between, ("R2".to_string(), "T1".to_string()));
        assert_eq!(s.at, (5.0, 1.0));
        assert_eq!(s.door().kind, crate::model::DoorKind::Stair);
        // past the 亭子间's outline: only the cellar is there
        let s = stair_at(&plan, 0, (5.0, 4.0)).unwrap();
        assert_eq!(s.between.1, "B1");
        // from upstairs, down to the back room
        let s = stair_at(&plan, 1, (5.0, 1.0)).unwrap();
        assert_eq!(s.between, ("T1".to_string(), "R2".to_string()));
        // the front room has nothing above or below
        let e = stair_at(&plan, 0, (1.0, 1.0)).unwrap_err();
        assert!(e.message.contains("上层和下层都没有房间"), "{}", e.message);
        // outside every room of the level
        assert!(stair_at(&plan, 1, (1.0, 1.0)).is_err());
    }

    #[test]
    fn doors_items_and_stairs_by_level() {
        let plan = two_storeys();
        let stair = stair_at(&plan, 0, (5.0, 1.0)).unwrap().door();
        assert!(door_on(&plan, &stair, 0) && door_on(&plan, &stair, 1));
        assert!(!door_on(&plan, &stair, -1));
        assert_eq!(stair_leads_to(&plan, &stair, 0), Some(1));
        assert_eq!(stair_leads_to(&plan, &stair, 1), Some(0));
        let door = Door::new(OUTSIDE, "R1", (2.0, 0.0));
        assert!(door_on(&plan, &door, 0) && !door_on(&plan, &door, 1));
        let up = Item::new(crate::model::ItemKind::Desk, Location::Room("T1".into()));
        assert!(item_on(&plan, &up, 1) && !item_on(&plan, &up, 0));
        let site = Item::new(
            crate::model::ItemKind::EstateGuideSign,
            Location::Site(crate::model::SitePlace::EstateGate),
        );
        assert!(item_on(&plan, &site, 0) && item_on(&plan, &site, 1));
    }
}
