//! Where things are drawn: items without a position of their own get a slot
//! inside their room; site items stand in a strip to the right of the plan,
//! one section per site place. The drawing and the picking both use this, so
//! what is clicked is what is shown.
//!
//! The items of a room are placed by [`crate::geom::place`], kept clear of
//! the room's label, of the corner left to the finding pins ([`keep_clear`])
//! and of its doors ([`DOOR_CLEAR`]); the report's drawing ([`crate::report::svg`]) takes the
//! same positions from [`room_placements`], so an item stands in the same
//! place on screen and on paper.

use geo::{BoundingRect, Contains, Coord, Point, Rect};

use super::snap::usable;
use crate::geom::area::polygon;
use crate::geom::place::{drawable, place, Placement, Spot, Want};
use crate::model::{Lang, Location, Plan, Room, SitePlace, Zone};

/// Distance between auto-placed item glyphs, in metres.
pub use crate::geom::place::ITEM_STEP;
/// The label's largest letter (em) in metres kept clear of items: the
/// report's 15 px at 30 px per metre, the smallest scale of a sample plan's
/// drawing.
pub const LABEL_EM: f64 = 0.5;
/// The top-right corner of a room left to the finding pins, metres across
/// (at most half the room) and down (the report's 64 × 24 px at 30 px per
/// metre).
pub const PIN_CORNER: (f64, f64) = (2.2, 0.8);
/// Width of the site strip and its gap to the plan, in metres.
pub const STRIP_WIDTH: f64 = 4.2;
pub const STRIP_GAP: f64 = 1.5;
/// Height of one site place's title row.
const TITLE_H: f64 = 0.9;
/// Items per row in the strip.
const PER_ROW: usize = 5;

/// An axis-aligned box in plan coordinates (metres).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min: (f64, f64),
    pub max: (f64, f64),
}

impl Bounds {
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.min.0 && p.0 <= self.max.0 && p.1 >= self.min.1 && p.1 <= self.max.1
    }

    pub fn union(self, o: Bounds) -> Bounds {
        Bounds {
            min: (self.min.0.min(o.min.0), self.min.1.min(o.min.1)),
            max: (self.max.0.max(o.max.0), self.max.1.max(o.max.1)),
        }
    }

    pub fn centre(&self) -> (f64, f64) {
        (
            (self.min.0 + self.max.0) / 2.0,
            (self.min.1 + self.max.1) / 2.0,
        )
    }

    pub fn size(&self) -> (f64, f64) {
        (self.max.0 - self.min.0, self.max.1 - self.min.1)
    }
}

/// One site place's section of the strip.
#[derive(Debug, Clone, PartialEq)]
pub struct StripSection {
    pub place: SitePlace,
    pub bounds: Bounds,
    /// Where its title is written.
    pub title: (f64, f64),
}

/// Positions of everything drawn besides the rooms themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One position per item of the plan, in the plan's order.
    pub items: Vec<(f64, f64)>,
    /// Whether an item stands at a "+N" mark with others that did not fit
    /// in its room (parallel to `items`): drawn as the mark, not alone.
    pub stacked: Vec<bool>,
    /// The "+N" marks: room index, position, how many items stand there.
    pub more: Vec<(usize, (f64, f64), usize)>,
    /// Where each room's name and area are written (inside the room).
    pub labels: Vec<(f64, f64)>,
    /// The rooms' extent (a unit box at the origin for a plan without rooms).
    pub plan: Bounds,
    /// The site strip: all four site places, always shown so that items can be
    /// dragged there.
    pub strip: Vec<StripSection>,
}

impl Layout {
    pub fn of(plan: &Plan) -> Layout {
        let plan_bounds = rooms_bounds(plan);
        let labels: Vec<(f64, f64)> = plan.rooms.iter().map(label_point).collect();
        let strip = strip(plan, plan_bounds);
        let mut in_rooms = vec![None; plan.items.len()];
        let mut stacked = vec![false; plan.items.len()];
        let mut more = Vec::new();
        for (room, placed) in room_placements(plan).into_iter().enumerate() {
            let Some((item_ids, placed)) = placed else {
                continue;
            };
            for (k, i) in item_ids.into_iter().enumerate() {
                in_rooms[i] = Some(placed.at[k]);
                stacked[i] = placed.spot[k] == Spot::More;
            }
            if let Some(at) = placed.more {
                more.push((room, at, placed.overflow));
            }
        }
        let mut items = Vec::with_capacity(plan.items.len());
        let mut used_at_site = std::collections::HashMap::<SitePlace, usize>::new();
        for (i, item) in plan.items.iter().enumerate() {
            let p = match &item.at {
                // an item of no room of the plan: the plan's corner
                Location::Room(_) => in_rooms[i].unwrap_or(plan_bounds.min),
                Location::Site(place) => {
                    let n = used_at_site.entry(*place).or_default();
                    let sec = strip
                        .iter()
                        .find(|s| s.place == *place)
                        .expect("all places");
                    let p = strip_slot(sec, *n);
                    *n += 1;
                    p
                }
            };
            items.push(p);
        }
        Layout {
            items,
            stacked,
            more,
            labels,
            plan: plan_bounds,
            strip,
        }
    }

    /// Everything drawn: rooms and strip.
    pub fn bounds(&self) -> Bounds {
        self.strip.iter().fold(self.plan, |b, s| b.union(s.bounds))
    }

    /// The site place whose strip section holds `p`.
    pub fn site_at(&self, p: (f64, f64)) -> Option<SitePlace> {
        self.strip
            .iter()
            .find(|s| s.bounds.contains(p))
            .map(|s| s.place)
    }
}

fn rooms_bounds(plan: &Plan) -> Bounds {
    let mut pts = plan
        .rooms
        .iter()
        .flat_map(|r| r.outline.iter().copied())
        .filter(|p| p.0.is_finite() && p.1.is_finite());
    let Some(first) = pts.next() else {
        return Bounds {
            min: (0.0, 0.0),
            max: (1.0, 1.0),
        };
    };
    let start = Bounds {
        min: first,
        max: first,
    };
    pts.fold(start, |b, p| b.union(Bounds { min: p, max: p }))
}

/// A point inside the room for its label: the centre of its bounding box
/// when that is inside, else an interior point (the report centres its
/// label there too).
pub fn label_point(room: &Room) -> (f64, f64) {
    let fallback = || {
        room.outline
            .iter()
            .copied()
            .find(|p| p.0.is_finite() && p.1.is_finite())
            .unwrap_or((0.0, 0.0))
    };
    if !usable(room) {
        return fallback();
    }
    let poly = polygon(&room.outline, Coord { x: 0.0, y: 0.0 });
    if let Some(c) = poly.bounding_rect().map(|r| r.center()) {
        if c.x.is_finite() && c.y.is_finite() && poly.contains(&Point::from(c)) {
            return (c.x, c.y);
        }
    }
    match crate::geom::interior_point(&poly) {
        Some(p) if p.x().is_finite() && p.y().is_finite() => (p.x(), p.y()),
        _ => room.outline.first().copied().unwrap_or((0.0, 0.0)),
    }
}

/// Rough width of a label in ems: CJK characters one em, others about half.
pub fn ems(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 })
        .sum()
}

/// The zones of a room as its label writes them.
pub fn zones_text(room: &Room, lang: Lang) -> String {
    let zones: Vec<&str> = room.zones.iter().map(|z: &Zone| z.name(lang)).collect();
    zones.join(lang.pick("·", " · "))
}

/// What a room's items keep clear of, in plan metres, whatever the scale of
/// the drawing and its language: the label's box (name, area and zones,
/// across, at most [`LABEL_EM`] high and smaller in a small room; and, in a
/// narrow tall room, the name written down) and the pin corner
/// ([`PIN_CORNER`]). Empty for a room that is not drawn.
pub fn keep_clear(room: &Room) -> Vec<Bounds> {
    let Some(rect) = drawable(&room.outline).and_then(|p| p.bounding_rect()) else {
        return Vec::new();
    };
    let (w, h) = (rect.width(), rect.height());
    let (x, y) = label_point(room);
    let name = if room.name.is_empty() {
        room.id.as_str()
    } else {
        room.name.as_str()
    };
    let zones = ems(&zones_text(room, Lang::Zh)).max(ems(&zones_text(room, Lang::En)));
    let longest = ems(name).max(zones * 0.8).max(1.0);
    let em = (w * 0.85 / longest).min(LABEL_EM).min(h / 3.6).max(0.2);
    let half_w = em * longest / 2.0 + 0.13;
    let mut out = vec![Bounds {
        min: (x - half_w, y - em * 2.03),
        max: (x + half_w, y + em * 1.4),
    }];
    if h > w * 1.5 {
        // the name written down the room
        let vem = (w * 0.6).min(LABEL_EM * 13.0 / 15.0);
        let half_h = vem * ems(name) / 2.0 + 0.1;
        out.push(Bounds {
            min: (x - vem, y - half_h),
            max: (x + vem, y + half_h),
        });
    }
    // (at most half the room across: a small room keeps cells)
    let (cw, ch) = (PIN_CORNER.0.min(w / 2.0), PIN_CORNER.1);
    out.push(Bounds {
        min: (rect.max().x - cw, rect.max().y - ch),
        max: (rect.max().x, rect.max().y),
    });
    out
}

/// The items of each room placed ([`crate::geom::place`]), parallel to
/// `plan.rooms`: the indices of its items in `plan.items` and their
/// placement. `None` for a room whose id an earlier room already has (its
/// items are that room's).
pub fn room_placements(plan: &Plan) -> Vec<Option<(Vec<usize>, Placement)>> {
    let mut ids: Vec<Vec<usize>> = vec![Vec::new(); plan.rooms.len()];
    let mut doors: Vec<Vec<Rect<f64>>> = vec![Vec::new(); plan.rooms.len()];
    let mut index = std::collections::HashMap::<&str, usize>::new();
    for (i, r) in plan.rooms.iter().enumerate() {
        index.entry(r.id.as_str()).or_insert(i);
    }
    for (k, item) in plan.items.iter().enumerate() {
        if let Location::Room(id) = &item.at {
            if let Some(&i) = index.get(id.as_str()) {
                ids[i].push(k);
            }
        }
    }
    for d in &plan.doors {
        let (a, b) = (
            index.get(d.between.0.as_str()),
            index.get(d.between.1.as_str()),
        );
        for &i in a.into_iter().chain(b.filter(|&b| Some(b) != a)) {
            doors[i].push(door_clear(d.at));
        }
    }
    plan.rooms
        .iter()
        .enumerate()
        .zip(ids.into_iter().zip(doors))
        .map(|((i, room), (item_ids, doors))| {
            if index.get(room.id.as_str()) != Some(&i) {
                return None;
            }
            let wants: Vec<Want> = item_ids
                .iter()
                .map(|&k| {
                    let it = &plan.items[k];
                    match (it.pos, it.wall) {
                        (Some(p), _) if p.0.is_finite() && p.1.is_finite() => Want::At(p),
                        (_, Some(w)) => Want::Wall(w as usize),
                        _ => Want::Loose,
                    }
                })
                .collect();
            let mut label: Vec<Rect<f64>> = keep_clear(room)
                .iter()
                .map(|b| Rect::new(b.min, b.max))
                .collect();
            let pin = label.pop();
            // every item in a cell of its own, clear of everything, if the
            // room has the cells; else the doors give way, then the label
            // (the doors kept), then the pin corner: the first way that
            // needs no "+N" and heaps nothing on the room's anchor, or the
            // one that hides the fewest
            const TIERS: [(bool, bool, bool); 5] = [
                // label, pin corner, doors kept clear of
                (true, true, true),
                (true, true, false),
                (false, true, true),
                (false, false, true),
                (false, false, false),
            ];
            let place_keeping = |(l, p, d): (bool, bool, bool)| {
                let clear: Vec<Rect<f64>> = [(l, &label[..]), (p, pin.as_slice()), (d, &doors[..])]
                    .into_iter()
                    .filter(|(keep, _)| *keep)
                    .flat_map(|(_, rects)| rects.iter().copied())
                    .collect();
                place(&room.outline, &wants, &clear)
            };
            let cost = |p: &Placement| (p.spot.contains(&Spot::Anchor), p.overflow);
            let mut placed = place_keeping(TIERS[0]);
            for &tier in &TIERS[1..] {
                if cost(&placed) == (false, 0) {
                    break;
                }
                let other = place_keeping(tier);
                if cost(&other) < cost(&placed) {
                    placed = other;
                }
            }
            Some((item_ids, placed))
        })
        .collect()
}

/// Half the side of the square kept clear of glyphs around a door or a
/// stair of the room, in metres: its mark and most of its leaf stay
/// visible and clickable.
pub const DOOR_CLEAR: f64 = 0.5;

/// The square kept clear around a door standing at `at`.
fn door_clear(at: (f64, f64)) -> Rect<f64> {
    Rect::new(
        (at.0 - DOOR_CLEAR, at.1 - DOOR_CLEAR),
        (at.0 + DOOR_CLEAR, at.1 + DOOR_CLEAR),
    )
}

fn strip(plan: &Plan, b: Bounds) -> Vec<StripSection> {
    let x0 = b.max.0 + STRIP_GAP;
    let mut y = b.max.1;
    SitePlace::ALL
        .iter()
        .map(|&place| {
            let n = plan
                .items
                .iter()
                .filter(|i| i.at == Location::Site(place))
                .count();
            // room for one more item than there is, so a drop has a place
            let rows = (n / PER_ROW + 1) as f64;
            let h = TITLE_H + rows * ITEM_STEP + 0.2;
            let sec = StripSection {
                place,
                bounds: Bounds {
                    min: (x0, y - h),
                    max: (x0 + STRIP_WIDTH, y),
                },
                title: (x0 + 0.15, y - 0.4),
            };
            y -= h + 0.3;
            sec
        })
        .collect()
}

fn strip_slot(sec: &StripSection, n: usize) -> (f64, f64) {
    let (r, c) = (n / PER_ROW, n % PER_ROW);
    (
        sec.bounds.min.0 + 0.5 + c as f64 * ITEM_STEP,
        sec.bounds.max.1 - TITLE_H - 0.25 - r as f64 * ITEM_STEP,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::snap::room_contains;
    use crate::model::{Item, ItemKind};

    fn plan() -> Plan {
        let text = r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
            committee: (code: "X", name: "示例", street: "街道", estate: New),
            rooms: [(id: "R1", name: "办公室", zones: [Office], floor: AntiSlip,
                     outline: [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)])],
            items: [(kind: Computer, at: Room("R1")), (kind: Desk, at: Room("R1")),
                    (kind: Fax, at: Room("R1"), pos: (3.0, 1.0)),
                    (kind: EstateGuideSign, at: Site(EstateGate))])"#;
        crate::io::parse_plan(std::path::Path::new("t.ron"), text).unwrap()
    }

    #[test]
    fn items_without_position_get_distinct_slots_inside_their_room() {
        let p = plan();
        let l = Layout::of(&p);
        let r = &p.rooms[0];
        assert!(room_contains(r, l.items[0]) && room_contains(r, l.items[1]));
        assert_ne!(l.items[0], l.items[1]);
        assert_eq!(l.items[2], (3.0, 1.0));
    }

    #[test]
    fn site_items_stand_in_their_strip_section() {
        let mut p = plan();
        let l = Layout::of(&p);
        assert_eq!(l.strip.len(), 4);
        assert!(l.strip.iter().all(|s| s.bounds.min.0 > l.plan.max.0));
        assert_eq!(l.site_at(l.items[3]), Some(SitePlace::EstateGate));
        // a sixth item at the gate moves to a second row, and the section grows
        for _ in 0..5 {
            p.items.push(Item::new(
                ItemKind::InfoBoard,
                Location::Site(SitePlace::EstateGate),
            ));
        }
        let l2 = Layout::of(&p);
        let gate = &l2.strip[0];
        assert!(gate.bounds.size().1 > l.strip[0].bounds.size().1);
        assert!(l2.items[3..].iter().all(|&q| gate.bounds.contains(q)));
    }

    #[test]
    fn items_that_do_not_fit_are_stacked_at_one_plus_n_mark() {
        let mut p = plan();
        p.items.truncate(2);
        for _ in 0..30 {
            p.items
                .push(Item::new(ItemKind::Chair, Location::Room("R1".into())));
        }
        let l = Layout::of(&p);
        let stacked: Vec<usize> = (0..32).filter(|&i| l.stacked[i]).collect();
        assert!(!stacked.is_empty() && stacked.iter().all(|&i| l.items[i] == l.items[31]));
        assert_eq!(l.more, vec![(0, l.items[31], stacked.len())]);
        // the others each in a cell of their own, inside
        for i in (0..32).filter(|i| !stacked.contains(i)) {
            assert!(room_contains(&p.rooms[0], l.items[i]));
            assert!((0..i).all(|j| l.items[j] != l.items[i]));
        }
    }

    #[test]
    fn wall_boards_stand_by_their_wall_and_items_keep_clear_of_the_label() {
        let mut p = plan();
        p.items[1].wall = Some(1); // the east wall, x = 4
        let l = Layout::of(&p);
        assert!((l.items[1].0 - 3.55).abs() < 1e-9 && (l.items[1].1 - 1.5).abs() < 1e-9);
        let clear = keep_clear(&p.rooms[0]);
        assert_eq!(clear.len(), 2, "label and pin corner");
        assert!(clear[0].contains(l.labels[0]));
        let g = crate::geom::place::GLYPH_HALF;
        let q = l.items[0];
        for b in &clear {
            let apart =
                q.0 + g < b.min.0 || q.0 - g > b.max.0 || q.1 + g < b.min.1 || q.1 - g > b.max.1;
            assert!(apart, "{q:?} in {b:?}");
        }
    }

    #[test]
    fn glyphs_keep_clear_of_the_rooms_doors() {
        let mut p = plan();
        // a room's worth of chairs, and a door on the south wall where the
        // first cells would be
        for _ in 0..8 {
            p.items
                .push(Item::new(ItemKind::Chair, Location::Room("R1".into())));
        }
        let at = (0.9, 0.0);
        p.doors.push(crate::model::Door {
            between: ("outside".into(), "R1".into()),
            at,
            kind: Default::default(),
        });
        let l = Layout::of(&p);
        let g = crate::geom::place::GLYPH_HALF;
        for (k, q) in l.items.iter().enumerate() {
            if p.items[k].pos.is_some() || !matches!(p.items[k].at, Location::Room(_)) {
                continue;
            }
            let apart = (q.0 - at.0).abs() >= DOOR_CLEAR + g - 1e-9
                || (q.1 - at.1).abs() >= DOOR_CLEAR + g - 1e-9;
            assert!(apart, "item {k} at {q:?} covers the door at {at:?}");
        }
    }

    #[test]
    fn a_small_room_gives_way_on_its_label_before_its_doors() {
        // the shikumen's stair hall: 3 × 2.5 m, its label, a door on two
        // sides and a stair in the middle leave no cell clear of all
        let mut p = plan();
        p.rooms[0].outline = vec![(0.0, 8.0), (3.0, 8.0), (3.0, 10.5), (0.0, 10.5)];
        p.rooms[0].name = "楼梯间".into();
        p.items.truncate(1);
        let doors = [(1.5, 8.0), (3.0, 9.25), (1.5, 9.5)];
        for at in doors {
            p.doors.push(crate::model::Door {
                between: ("R1".into(), "X".into()),
                at,
                kind: Default::default(),
            });
        }
        let placed = room_placements(&p).remove(0).unwrap().1;
        assert_eq!(
            placed.spot,
            vec![Spot::Cell],
            "not heaped on the label point"
        );
        let q = placed.at[0];
        let g = crate::geom::place::GLYPH_HALF;
        for at in doors {
            assert!(
                (q.0 - at.0).abs() >= DOOR_CLEAR + g - 1e-9
                    || (q.1 - at.1).abs() >= DOOR_CLEAR + g - 1e-9,
                "{q:?} covers the door at {at:?}"
            );
        }
    }

    #[test]
    fn broken_outlines_do_not_panic() {
        let mut p = plan();
        for outline in [
            vec![],
            vec![(1.0, 1.0)],
            vec![(0.0, 0.0), (1.0, 1.0)],
            vec![(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)],
            vec![(0.0, 0.0), (f64::NAN, 1.0), (2.0, 0.0)],
            vec![(0.0, 0.0), (f64::INFINITY, 1.0), (2.0, 0.0), (1.0, -3.0)],
            vec![(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)],
        ] {
            p.rooms[0].outline = outline;
            let l = Layout::of(&p);
            assert_eq!(l.items.len(), p.items.len());
            assert_eq!(l.labels.len(), 1);
            assert!(l.plan.min.0.is_finite() && l.plan.max.1.is_finite());
        }
    }

    #[test]
    fn empty_plan_has_unit_bounds() {
        let mut p = plan();
        p.rooms.clear();
        p.items.clear();
        let l = Layout::of(&p);
        assert_eq!(l.plan.size(), (1.0, 1.0));
    }
}
