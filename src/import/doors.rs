//! Doors from the drawing: door blocks (INSERT) placed on a wall, and gaps in
//! the wall lines along a wall two room outlines share. What cannot be
//! placed is reported, never guessed.
//!
//! - A door block's opening runs along the block's x axis through its base
//!   point (the hinge, in Chinese and AutoCAD door libraries alike); its
//!   middle is moved onto the nearest room outline when that lies within
//!   [`SNAP`] (door blocks are often put on the wall's face, not its centre
//!   line). If a second outline passes through that point, the door joins
//!   the two rooms; if none does and no other outline is across the wall,
//!   the door leads outside.
//! - Gaps: along a wall two outlines share, the wall lines (layers `WALL`,
//!   `墙`, and window layers, whose lines close a wall as well) parallel to
//!   it within [`SNAP`] are projected onto it; a stretch of at least
//!   [`MIN_DOOR`] that no line covers is an opening, and a door stands in
//!   its middle. Outer walls are left alone: their gaps are windows as
//!   often as doors.

use crate::model::{Door, OUTSIDE};

use super::flatten::round_um;
use super::notice::{Notice, NoticeKind};
use super::read::{DoorSource, RawArc, RawDoor};
use super::rooms::{at_drawing, RoomDraft};
use super::shapes::{closest_on_ring, closest_on_segment, shared_segments, BBox, BoxIndex, Pt};
use super::Frame;

/// How far (metres) a door block or a wall line may lie from the outline it
/// belongs to: half the thickest wall, and then some.
pub const SNAP: f64 = 0.3;
/// Two outlines share a wall where they run within this distance (metres).
pub const SHARED: f64 = 0.02;
/// The narrowest opening taken for a door (metres).
pub const MIN_DOOR: f64 = 0.6;
/// Openings wider than this (metres) are open passages, reported as such.
pub const MAX_DOOR: f64 = 3.0;

pub(crate) struct Doors {
    pub doors: Vec<Door>,
    pub warnings: Vec<Notice>,
    pub notes: Vec<Notice>,
}

pub(crate) fn doors(
    rooms: &[RoomDraft],
    raw_doors: &[RawDoor],
    raw_walls: &[(Pt, Pt)],
    frame: &Frame,
) -> Doors {
    let mut out = Doors {
        doors: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
    };
    if rooms.is_empty() {
        return out;
    }
    let index = BoxIndex::new(rooms.iter().enumerate().map(|(i, r)| (i, r.outline.bbox)));
    // block doors, with the room pair they join
    let mut placed: Vec<(usize, Option<usize>, Pt)> = Vec::new();
    for d in raw_doors {
        let what = d.describe();
        let m = frame.point(d.at);
        let near: Vec<(usize, Pt, f64, usize)> = index
            .meeting(BBox { min: m, max: m }.grow(SNAP))
            .into_iter()
            .map(|k| {
                let (q, dist, edge) = closest_on_ring(m, &rooms[k].outline.points);
                (k, q, dist, edge)
            })
            .filter(|&(_, _, dist, _)| dist <= SNAP)
            .collect();
        let Some(&(a, q, _, edge)) = near.iter().min_by(|x, y| x.2.total_cmp(&y.2)) else {
            out.warnings.push(
                Notice::new(
                    NoticeKind::DoorOffWall,
                    format!(
                        "{}(位于 {})不在任何房间轮廓的墙上,未导入",
                        what.0,
                        at_drawing(d.inserted_at)
                    ),
                    format!(
                        "{} at {} stands on no room outline's wall; not imported",
                        what.1,
                        at_drawing(d.inserted_at)
                    ),
                )
                .handle(d.handle.clone())
                .at_line(d.line),
            );
            continue;
        };
        let sharing: Vec<usize> = near
            .iter()
            .filter(|&&(k, ..)| k != a)
            .filter(|&&(k, ..)| closest_on_ring(q, &rooms[k].outline.points).1 <= SHARED)
            .map(|&(k, ..)| k)
            .collect();
        match sharing.as_slice() {
            [] => {
                // straight across a's wall, within reach: another outline
                // that does not touch a here — outlines drawn on wall faces
                let ring = &rooms[a].outline.points;
                let (e0, e1) = (ring[edge], ring[(edge + 1) % ring.len()]);
                let el = (e1.0 - e0.0).hypot(e1.1 - e0.1).max(1e-12);
                let u = ((e1.0 - e0.0) / el, (e1.1 - e0.1) / el);
                let across = near.iter().find(|&&(k, qk, ..)| {
                    let (dx, dy) = (qk.0 - q.0, qk.1 - q.1);
                    k != a && dx.hypot(dy) <= 2.0 * SNAP && (dx * u.0 + dy * u.1).abs() <= 0.05
                });
                if let Some(&(b, qb, ..)) = across {
                    let gap = (qb.0 - q.0).hypot(qb.1 - q.1);
                    let (ra, rb) = (&rooms[a], &rooms[b]);
                    out.warnings.push(
                        Notice::new(
                            NoticeKind::DoorAcrossGap,
                            format!(
                                "{}(位于 {})在房间 {} 与 {} 之间,但两者轮廓相隔 {gap:.2} 米、没有共用墙(轮廓应画在墙中线上),未导入",
                                what.0,
                                at_drawing(d.inserted_at),
                                ra.id,
                                rb.id
                            ),
                            format!(
                                "{} at {} stands between rooms {} and {}, but their outlines are {gap:.2} m apart with no shared wall (outlines belong on wall centre lines); not imported",
                                what.1,
                                at_drawing(d.inserted_at),
                                ra.id,
                                rb.id
                            ),
                        )
                        .handle(d.handle.clone())
                        .room(ra.id.clone())
                        .room(rb.id.clone())
                        .at_line(d.line),
                    );
                } else {
                    placed.push((a, None, q));
                }
            }
            [b] => placed.push((a.min(*b), Some(a.max(*b)), q)),
            many => {
                let mut n = Notice::new(
                    NoticeKind::DoorAmbiguous,
                    format!(
                        "{}(位于 {})处有 {} 个房间相交,无法确定门连接哪两个房间,未导入",
                        what.0,
                        at_drawing(d.inserted_at),
                        many.len() + 1
                    ),
                    format!(
                        "{} at {} stands where {} rooms meet; which two it joins cannot be told; not imported",
                        what.1,
                        at_drawing(d.inserted_at),
                        many.len() + 1
                    ),
                )
                .handle(d.handle.clone())
                .room(rooms[a].id.clone());
                for &k in many {
                    n = n.room(rooms[k].id.clone());
                }
                out.warnings.push(n.at_line(d.line));
            }
        }
    }

    // gaps in the wall lines along shared walls
    let walls: Vec<(Pt, Pt)> = raw_walls
        .iter()
        .map(|&(a, b)| (frame.point(a), frame.point(b)))
        .filter(|(a, b)| (a.0 - b.0).hypot(a.1 - b.1) > 1e-6)
        .collect();
    let wall_index = BoxIndex::new(
        walls
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
    );
    let mut any_shared = false;
    let mut gap_doors: Vec<(usize, Option<usize>, Pt)> = Vec::new();
    for (i, r) in rooms.iter().enumerate() {
        for j in index.meeting(r.outline.bbox.grow(SHARED)) {
            if j <= i {
                continue;
            }
            let segments = shared_segments(&r.outline.points, &rooms[j].outline.points, SHARED);
            any_shared |= !segments.is_empty();
            if walls.is_empty() {
                continue;
            }
            for (p, q) in segments {
                for (t0, t1) in openings(p, q, &walls, &wall_index) {
                    let len = (q.0 - p.0).hypot(q.1 - p.1);
                    let u = ((q.0 - p.0) / len, (q.1 - p.1) / len);
                    let mid = (t0 + t1) / 2.0;
                    let at = (p.0 + u.0 * mid, p.1 + u.1 * mid);
                    // the opening already has its door block
                    let blocked = placed.iter().any(|&(a, b, x)| {
                        a == i && b == Some(j) && {
                            let t = (x.0 - p.0) * u.0 + (x.1 - p.1) * u.1;
                            t >= t0 - SNAP && t <= t1 + SNAP
                        }
                    });
                    if blocked {
                        continue;
                    }
                    if t1 - t0 > MAX_DOOR {
                        out.notes.push(
                            Notice::new(
                                NoticeKind::OpenPassage,
                                format!(
                                    "房间 {} 与 {} 之间有 {:.2} 米长的墙未画墙线,视为开敞通道,在其中点设门",
                                    r.id,
                                    rooms[j].id,
                                    t1 - t0
                                ),
                                format!(
                                    "no wall line is drawn along {:.2} m of the wall rooms {} and {} share: taken as an open passage, with a door at its middle",
                                    t1 - t0,
                                    r.id,
                                    rooms[j].id
                                ),
                            )
                            .room(r.id.clone())
                            .room(rooms[j].id.clone()),
                        );
                    }
                    gap_doors.push((i, Some(j), at));
                }
            }
        }
    }
    placed.extend(gap_doors);

    for &(a, b, at) in &placed {
        let between = match b {
            Some(b) => (rooms[a].id.clone(), rooms[b].id.clone()),
            None => (OUTSIDE.to_string(), rooms[a].id.clone()),
        };
        out.doors.push(Door {
            between,
            at: (round_um(at.0), round_um(at.1)),
            kind: crate::model::DoorKind::Door,
        });
    }

    if rooms.len() > 1 && !any_shared {
        out.warnings.push(Notice::new(
            NoticeKind::RoomsApart,
            "房间轮廓彼此不相接(可能画在墙的内表面上):房间之间的门无法放在共用墙上。请把房间轮廓画在墙中线上",
            "no two room outlines touch (they may be drawn on the inner faces of the walls): doors between rooms cannot stand on a shared wall. Draw room outlines on the wall centre lines",
        ));
    }
    if raw_doors.is_empty() && walls.is_empty() {
        out.warnings.push(Notice::new(
            NoticeKind::DoorsNotInferable,
            "图纸中既没有门块也没有墙线,无法推断门;请在规划器中添加门",
            "the drawing has neither door blocks nor wall lines, so no door can be inferred; add the doors in the planner",
        ));
        return out;
    }
    for r in rooms {
        if !out.doors.iter().any(|d| d.touches(&r.id)) {
            out.warnings.push(
                Notice::new(
                    NoticeKind::NoDoor,
                    format!(
                        "房间 {}「{}」在图纸中找不到门;请在规划器中添加",
                        r.id, r.name
                    ),
                    format!(
                        "no door of room {} \"{}\" was found in the drawing; add it in the planner",
                        r.id, r.name
                    ),
                )
                .handle(r.outline.handle.clone())
                .room(r.id.clone())
                .at_line(r.outline.line),
            );
        }
    }
    if !out.doors.iter().any(|d| d.touches(OUTSIDE)) {
        out.warnings.push(Notice::new(
            NoticeKind::NoEntrance,
            "图纸中找不到通向室外的门(入口);请在规划器中添加",
            "no door to the outside (entrance) was found in the drawing; add it in the planner",
        ));
    }
    out
}

/// Door swings: an ARC of about 90° (75°–105°), of a door's radius
/// (0.5–1.6 m), hinged at a wall (its centre within [`SNAP`] of a wall line)
/// or drawn with its leaf (a line from the centre to one end of the arc).
/// The arc's other end is the door's closed position: the opening runs from
/// the hinge to it, and the door stands in its middle. Returns the doors (in
/// drawing units) and the wall lines that are leaves (not walls).
pub(crate) fn swings(
    arcs: &[RawArc],
    lines: &[(Pt, Pt)],
    walls: &[(Pt, Pt)],
    frame: &Frame,
) -> (Vec<RawDoor>, std::collections::HashSet<usize>) {
    let mut doors = Vec::new();
    let mut leaves = std::collections::HashSet::new();
    if arcs.is_empty() {
        return (doors, leaves);
    }
    let box_of = |l: &[(Pt, Pt)]| {
        BoxIndex::new(
            l.iter()
                .enumerate()
                .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
        )
    };
    let (line_index, wall_index) = (box_of(lines), box_of(walls));
    const LEAF: f64 = 0.05;
    let dist = |a: Pt, b: Pt| (a.0 - b.0).hypot(a.1 - b.1);
    for a in arcs {
        let r = frame.units.to_metres(a.radius);
        let sweep = (a.end - a.start).rem_euclid(360.0);
        if !(0.5..=1.6).contains(&r) || !(75.0..=105.0).contains(&sweep) {
            continue;
        }
        let c = frame.point(a.centre);
        let end_at = |deg: f64| {
            let (s, co) = deg.to_radians().sin_cos();
            (c.0 + r * co, c.1 + r * s)
        };
        let (e1, e2) = (end_at(a.start), end_at(a.end));
        // a leaf: a line from the hinge to an end of the arc
        let leaf = |e: Pt| -> (bool, Option<usize>) {
            let near = BBox::of(&[c, e]).grow(LEAF);
            let is_leaf = |(p, q): (Pt, Pt)| {
                (dist(p, c) <= LEAF && dist(q, e) <= LEAF)
                    || (dist(q, c) <= LEAF && dist(p, e) <= LEAF)
            };
            if let Some(k) = wall_index
                .meeting(near)
                .into_iter()
                .find(|&k| is_leaf(walls[k]))
            {
                return (true, Some(k));
            }
            (
                line_index
                    .meeting(near)
                    .into_iter()
                    .any(|k| is_leaf(lines[k])),
                None,
            )
        };
        let ((l1, w1), (l2, w2)) = (leaf(e1), leaf(e2));
        let on_wall = |p: Pt| {
            wall_index
                .meeting(BBox { min: p, max: p }.grow(SNAP))
                .into_iter()
                .filter(|&k| Some(k) != w1 && Some(k) != w2)
                .map(|k| closest_on_segment(p, walls[k].0, walls[k].1).1)
                .fold(f64::INFINITY, f64::min)
        };
        let hinged = on_wall(c) <= SNAP;
        let closed = match (l1, l2) {
            (true, false) => e2,
            (false, true) => e1,
            _ if hinged => {
                // no leaf: the closed end is the one on the wall line
                let (d1, d2) = (on_wall(e1), on_wall(e2));
                if d1 + 0.05 < d2 {
                    e1
                } else if d2 + 0.05 < d1 {
                    e2
                } else {
                    continue;
                }
            }
            _ => continue,
        };
        if !(hinged || l1 || l2) {
            continue;
        }
        leaves.extend(w1.into_iter().chain(w2));
        let mid = ((c.0 + closed.0) / 2.0, (c.1 + closed.1) / 2.0);
        let at = frame.drawing(mid);
        doors.push(RawDoor {
            handle: a.handle.clone(),
            line: a.line,
            block: String::new(),
            source: DoorSource::Swing,
            at,
            inserted_at: frame.drawing(c),
        });
    }
    (doors, leaves)
}

/// The stretches (as distances from `p`) of the wall `p`–`q` that no wall
/// line parallel to it covers, at least [`MIN_DOOR`] long.
fn openings(p: Pt, q: Pt, walls: &[(Pt, Pt)], index: &BoxIndex) -> Vec<(f64, f64)> {
    let len = (q.0 - p.0).hypot(q.1 - p.1);
    let u = ((q.0 - p.0) / len, (q.1 - p.1) / len);
    let along = |c: Pt| (c.0 - p.0) * u.0 + (c.1 - p.1) * u.1;
    let across = |c: Pt| ((c.0 - p.0) * -u.1 + (c.1 - p.1) * u.0).abs();
    let mut covered: Vec<(f64, f64)> = Vec::new();
    for k in index.meeting(BBox::of(&[p, q]).grow(SNAP)) {
        let (a, b) = walls[k];
        let wl = (b.0 - a.0).hypot(b.1 - a.1);
        let w = ((b.0 - a.0) / wl, (b.1 - a.1) / wl);
        // parallel within about 1°
        if (u.0 * w.1 - u.1 * w.0).abs() > 0.02 {
            continue;
        }
        if across(a) > SNAP || across(b) > SNAP {
            continue;
        }
        let (s, e) = (along(a), along(b));
        let (s, e) = (s.min(e).max(0.0), s.max(e).min(len));
        if e > s {
            covered.push((s, e));
        }
    }
    covered.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut gaps = Vec::new();
    let mut reach = 0.0f64;
    for (s, e) in covered {
        if s - reach >= MIN_DOOR {
            gaps.push((reach, s));
        }
        reach = reach.max(e);
    }
    if len - reach >= MIN_DOOR {
        gaps.push((reach, len));
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_in_double_wall_lines_is_an_opening() {
        let (p, q) = ((0.0, 0.0), (5.0, 0.0));
        // two faces 0.1 m either side, both broken between 2.0 and 2.9
        let walls = vec![
            ((0.1, 0.1), (2.0, 0.1)),
            ((2.9, 0.1), (4.9, 0.1)),
            ((0.1, -0.1), (2.0, -0.1)),
            ((2.9, -0.1), (4.9, -0.1)),
            // a wall meeting from the side (T junction) breaks one face only
            ((3.5, -0.1), (3.5, -3.0)),
        ];
        let index = BoxIndex::new(
            walls
                .iter()
                .enumerate()
                .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
        );
        let gaps = openings(p, q, &walls, &index);
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!((gaps[0].0 - 2.0).abs() < 1e-9 && (gaps[0].1 - 2.9).abs() < 1e-9);
    }

    #[test]
    fn no_lines_at_all_is_one_long_opening() {
        let index = BoxIndex::new(std::iter::empty());
        let gaps = openings((0.0, 0.0), (4.0, 0.0), &[], &index);
        assert_eq!(gaps, vec![(0.0, 4.0)]);
    }
}
