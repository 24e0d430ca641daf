//! What makes the plan legible, as plain geometry (metres, no bevy):
//! - a room's label fitted into its room at the current zoom: the full size
//!   where it fits, else smaller, else the name without the area, else
//!   outside the room on a leader line; clear of the doors' swings;
//! - a door drawn as a leaf and its swing arc, into the room it opens to;
//! - which door or item a finding is about, to highlight that one.

use geo::{BoundingRect, Contains, Coord, Intersects, Rect};

use super::state::Doc;
use crate::edit::layout::Bounds;
use crate::edit::snap::{room_contains, room_wall_near, usable};
use crate::geom::area::polygon;
use crate::model::{Room, OUTSIDE};
use crate::rules::Finding;

/// The width of a door as drawn (the format has no door widths): 0.9 m,
/// the usual single leaf.
pub const DOOR_WIDTH: f64 = 0.9;

/// A door as drawn: the opening along the wall, its leaf open at a right
/// angle into the room it swings into, and the arc the leaf sweeps.
#[derive(Debug, Clone, PartialEq)]
pub struct DoorShape {
    /// The hinge: one end of the opening.
    pub hinge: (f64, f64),
    /// The other end of the opening (where the closed leaf would reach).
    pub latch: (f64, f64),
    /// The end of the open leaf (hinge + width into the room).
    pub leaf_end: (f64, f64),
    /// Along the wall, unit.
    pub along: (f64, f64),
    /// Into the room the door swings into, unit.
    pub into: (f64, f64),
}

impl DoorShape {
    /// Points of the swing arc, from the open leaf's end to the latch.
    pub fn arc(&self, segments: usize) -> Vec<(f64, f64)> {
        let (h, w) = (self.hinge, DOOR_WIDTH);
        (0..=segments)
            .map(|k| {
                let t = std::f64::consts::FRAC_PI_2 * k as f64 / segments as f64;
                let (c, s) = (t.cos(), t.sin());
                (
                    h.0 + w * (self.into.0 * c + self.along.0 * s),
                    h.1 + w * (self.into.1 * c + self.along.1 * s),
                )
            })
            .collect()
    }

    /// The box the open leaf sweeps: labels keep out of it.
    pub fn swing_bounds(&self) -> Bounds {
        let pts = [self.hinge, self.latch, self.leaf_end, {
            (
                self.latch.0 + self.into.0 * DOOR_WIDTH,
                self.latch.1 + self.into.1 * DOOR_WIDTH,
            )
        }];
        let mut b = Bounds {
            min: pts[0],
            max: pts[0],
        };
        for p in pts {
            b = b.union(Bounds { min: p, max: p });
        }
        b
    }
}

/// Door `i` as drawn: on the wall it stands on, swinging into its first
/// room (into the room, for a door to the outside). `None` for a stair, and
/// when it stands on no wall of its rooms (G04 says so).
pub fn door_shape(doc: &Doc, i: usize) -> Option<DoorShape> {
    // a stair is drawn as a stair (`canvas::stair_symbol`), not on a wall
    let door = doc.plan.doors.get(i).filter(|d| !d.is_stair())?;
    let rooms: Vec<&Room> = [&door.between.0, &door.between.1]
        .into_iter()
        .filter(|id| id.as_str() != OUTSIDE)
        .filter_map(|id| doc.plan.room(id))
        .collect();
    let room = rooms.first()?;
    let (w, _, _) = room_wall_near(room, door.at, 0.5)?;
    let n = room.outline.len();
    let (a, b) = (room.outline[w], room.outline[(w + 1) % n]);
    let len = (b.0 - a.0).hypot(b.1 - a.1);
    if len < 1e-9 {
        return None;
    }
    let along = ((b.0 - a.0) / len, (b.1 - a.1) / len);
    let mut into = (-along.1, along.0);
    let probe = (door.at.0 + into.0 * 0.05, door.at.1 + into.1 * 0.05);
    if !room_contains(room, probe) {
        into = (-into.0, -into.1);
    }
    // a narrow wall: the opening as wide as the wall allows
    let half = (DOOR_WIDTH / 2.0).min(len / 2.0);
    let hinge = (door.at.0 - along.0 * half, door.at.1 - along.1 * half);
    let latch = (door.at.0 + along.0 * half, door.at.1 + along.1 * half);
    let leaf_end = (hinge.0 + into.0 * DOOR_WIDTH, hinge.1 + into.1 * DOOR_WIDTH);
    Some(DoorShape {
        hinge,
        latch,
        leaf_end,
        along,
        into,
    })
}

/// The doors and items a finding is about, to be highlighted: items of the
/// finding's kinds in its rooms (and with its asset cards, when it names
/// some); doors between its rooms when it speaks of doors or entrances.
pub fn finding_targets(doc: &Doc, f: &Finding) -> (Vec<usize>, Vec<usize>) {
    let items = if f.items.is_empty() {
        Vec::new()
    } else {
        doc.plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| f.items.iter().any(|k| k == it.kind.ident()))
            .filter(|(_, it)| {
                f.rooms.is_empty() || it.room().is_some_and(|r| f.rooms.iter().any(|x| x == r))
            })
            .filter(|(_, it)| f.assets.is_empty() || f.assets.iter().any(|a| it.assets.contains(a)))
            .map(|(i, _)| i)
            .collect()
    };
    let about_doors = {
        let en = f.message_en.to_lowercase();
        en.contains("door") || en.contains("entrance") || f.message.contains('门')
    };
    let doors = if about_doors && !f.rooms.is_empty() {
        let ours = |id: &str| f.rooms.iter().any(|r| r == id);
        doc.plan
            .doors
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                let (a, b) = (&d.between.0, &d.between.1);
                match f.rooms.len() {
                    // a door of the room
                    1 => ours(a) || ours(b),
                    // the door between the rooms
                    _ => ours(a) && ours(b),
                }
            })
            .map(|(i, _)| i)
            .collect()
    } else {
        Vec::new()
    };
    (doors, items)
}

/// How a room's label is drawn at the current zoom.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelFit {
    /// The label's centre, plan metres.
    pub at: (f64, f64),
    /// Font size, logical px.
    pub px: f32,
    /// Whether the area is written under the name.
    pub with_area: bool,
    /// Drawn outside the room: a line from this point in the room to the label.
    pub leader: Option<(f64, f64)>,
}

/// Width and height (logical px) of text at `px`: CJK characters a full
/// em, ASCII about half.
pub fn text_size_px(lines: &[&str], px: f32) -> (f32, f32) {
    let w = lines
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
                .sum::<f32>()
        })
        .fold(0.0f32, f32::max);
    (w * px, lines.len() as f32 * px * 1.25)
}

/// The sizes tried, largest first: (font px, with the area).
const TRIES: [(f32, bool); 6] = [
    (15.0, true),
    (13.0, true),
    (11.0, true),
    (13.0, false),
    (11.0, false),
    (9.0, false),
];

/// Fit a room's label (`name`, and `area` under it) into the room at
/// `scale` metres per pixel: the first of [`TRIES`] whose box fits in the
/// room clear of `keep_out` (door swings), at the label point or, failing
/// that, at the nearest place in the room where it fits; else above the
/// room on a leader line.
pub fn fit_label(
    room: &Room,
    start: (f64, f64),
    keep_out: &[Bounds],
    name: &str,
    area: Option<&str>,
    scale: f64,
) -> LabelFit {
    let outside = |px: f32, with_area: bool| {
        let lines: Vec<&str> = match (with_area, area) {
            (true, Some(a)) => vec![name, a],
            _ => vec![name],
        };
        let (w, h) = text_size_px(&lines, px);
        let (w, h) = (w as f64 * scale, h as f64 * scale);
        let top = room
            .outline
            .iter()
            .map(|p| p.1)
            .filter(|y| y.is_finite())
            .fold(f64::NEG_INFINITY, f64::max);
        let top = if top.is_finite() { top } else { start.1 };
        let _ = w;
        LabelFit {
            at: (start.0, top + h / 2.0 + 12.0 * scale),
            px,
            with_area,
            leader: Some(start),
        }
    };
    if !usable(room) {
        return outside(13.0, true);
    }
    let poly = polygon(&room.outline, Coord { x: 0.0, y: 0.0 });
    let Some(bb) = poly.bounding_rect() else {
        return outside(13.0, true);
    };
    // places to try: the label point, then a grid over the room, nearest first
    let mut places = vec![start];
    let n = 10;
    for i in 1..n {
        for j in 1..n {
            let p = (
                bb.min().x + bb.width() * i as f64 / n as f64,
                bb.min().y + bb.height() * j as f64 / n as f64,
            );
            if room_contains(room, p) {
                places.push(p);
            }
        }
    }
    let d = |p: &(f64, f64)| (p.0 - start.0).hypot(p.1 - start.1);
    places[1..].sort_by(|a, b| d(a).total_cmp(&d(b)));
    for (px, with_area) in TRIES {
        if with_area && area.is_none() {
            continue;
        }
        let lines: Vec<&str> = match (with_area, area) {
            (true, Some(a)) => vec![name, a],
            _ => vec![name],
        };
        let (w, h) = text_size_px(&lines, px);
        // a little margin from the walls
        let (hw, hh) = (
            (w as f64 / 2.0 + 3.0) * scale,
            (h as f64 / 2.0 + 2.0) * scale,
        );
        for &p in &places {
            let rect = Rect::new(
                Coord {
                    x: p.0 - hw,
                    y: p.1 - hh,
                },
                Coord {
                    x: p.0 + hw,
                    y: p.1 + hh,
                },
            );
            if !poly.contains(&rect.to_polygon()) {
                continue;
            }
            let clear = keep_out.iter().all(|b| {
                let k = Rect::new(
                    Coord {
                        x: b.min.0,
                        y: b.min.1,
                    },
                    Coord {
                        x: b.max.0,
                        y: b.max.1,
                    },
                );
                !k.intersects(&rect)
            });
            if clear {
                return LabelFit {
                    at: p,
                    px,
                    with_area,
                    leader: None,
                };
            }
        }
    }
    outside(13.0, area.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Floor, Zone};

    fn room(w: f64, h: f64) -> Room {
        Room {
            id: "R1".into(),
            name: "社区居民活动室".into(),
            zones: vec![Zone::Office],
            floor: Floor::AntiSlip,
            outline: vec![(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)],
            level: 0,
        }
    }

    #[test]
    fn a_label_keeps_its_size_where_it_fits() {
        let r = room(10.0, 6.0);
        let fit = fit_label(&r, (5.0, 3.0), &[], &r.name, Some("60.00 ㎡"), 0.02);
        assert_eq!(fit.px, 15.0);
        assert!(fit.with_area);
        assert_eq!(fit.leader, None);
        assert_eq!(fit.at, (5.0, 3.0));
    }

    #[test]
    fn a_narrow_room_shrinks_then_drops_the_area_then_uses_a_leader() {
        // 7 characters at 15 px = 105 px; at 0.02 m/px 2.1 m, in a 1.9 m room
        let r = room(1.9, 6.0);
        let fit = fit_label(&r, (0.95, 3.0), &[], &r.name, Some("11.40 ㎡"), 0.02);
        assert!(fit.px < 15.0 && fit.leader.is_none(), "{fit:?}");
        // a very short room: two lines do not fit, one does
        let r = room(3.0, 0.45);
        let fit = fit_label(&r, (1.5, 0.225), &[], &r.name, Some("1.35 ㎡"), 0.02);
        assert!(!fit.with_area && fit.leader.is_none(), "{fit:?}");
        // nothing fits: outside, above the room, with a leader
        let r = room(0.6, 0.6);
        let fit = fit_label(&r, (0.3, 0.3), &[], &r.name, Some("0.36 ㎡"), 0.02);
        assert_eq!(fit.leader, Some((0.3, 0.3)));
        assert!(fit.at.1 > 0.6);
    }

    #[test]
    fn a_label_moves_out_of_a_door_swing() {
        let r = room(6.0, 4.0);
        let swing = Bounds {
            min: (2.0, 1.0),
            max: (4.0, 3.0),
        };
        let fit = fit_label(&r, (3.0, 2.0), &[swing], &r.name, Some("24.00 ㎡"), 0.01);
        assert_ne!(fit.at, (3.0, 2.0));
        assert!(fit.leader.is_none());
        assert!(!swing.contains(fit.at));
    }
}
