//! Tracing rooms over an underlay (a photo or a scan of a paper plan):
//! snapping that keeps right angles along the drawing's axes and makes
//! neighbouring rooms share their walls exactly, rooms drawn as rectangles,
//! and a room split in two along a line.
//!
//! Nothing here knows about bevy: the planner's trace tools call it, and the
//! tests run without the `gui` feature.
//!
//! ```
//! use juwei::edit::trace::rectangle;
//! let r = rectangle((0.0, 0.0), (4.0, 3.0), 0.0);
//! assert_eq!(r, [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]);
//! ```

use geo::{Area, Contains, Coord};

use super::snap::{grid, room_wall_near, usable, vertex_near, wall_near, GRID};
use super::{Edit, EditError};
use crate::geom::area::polygon;
use crate::geom::homography::Homography;
use crate::model::{Location, Plan, Room};

type P = (f64, f64);

/// How far (degrees) a wall drawn may stray from the drawing's axes and
/// still be made square to them.
pub const ORTHO_DEGREES: f64 = 8.0;

fn dist(a: P, b: P) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The direction (radians) of the drawing's x axis on the plan. A photo
/// rectified onto a rectangle (a transform with perspective or shear) has
/// the plan's axes, 0. A scan only scaled (and perhaps turned) keeps its
/// pixel rows as the drawing's axis: their direction through `to_plan` at
/// the image point `at` (its centre), folded into [-45°, 45°).
pub fn underlay_axis(to_plan: &Homography, at: P) -> Option<f64> {
    if !to_plan.is_similarity(1e-6) {
        return Some(0.0);
    }
    let a = to_plan.apply(at)?;
    let b = to_plan.apply((at.0 + 10.0, at.1))?;
    let angle = (b.1 - a.1).atan2(b.0 - a.0);
    // an axis, not a direction: fold into [-45°, 45°)
    let q = std::f64::consts::FRAC_PI_2;
    let folded = angle - q * (angle / q).round();
    folded.is_finite().then_some(folded)
}

/// `p` moved onto the line through `prev` along the nearer of the two axes
/// (at `axis` and at `axis` + 90°) when the direction from `prev` is within
/// `max_deg` of it; `None` when it is not.
pub fn ortho(prev: P, p: P, axis: f64, max_deg: f64) -> Option<(P, P)> {
    let d = (p.0 - prev.0, p.1 - prev.1);
    let len = d.0.hypot(d.1);
    if len < 1e-9 {
        return None;
    }
    let max = max_deg.to_radians().sin() * len;
    for a in [axis, axis + std::f64::consts::FRAC_PI_2] {
        let dir = (a.cos(), a.sin());
        let along = d.0 * dir.0 + d.1 * dir.1;
        let across = -d.0 * dir.1 + d.1 * dir.0;
        if across.abs() <= max {
            let q = (prev.0 + along * dir.0, prev.1 + along * dir.1);
            return Some((q, dir));
        }
    }
    None
}

/// What a traced point was snapped to.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceSnap {
    /// A vertex of a room (so neighbours share the corner exactly).
    Vertex { room: String, index: usize },
    /// Square to the last corner and onto a room's wall: the corner where a
    /// new wall meets an existing one.
    SquareOnWall { room: String, wall: usize },
    /// A room's wall.
    Wall { room: String, wall: usize },
    /// Square to the last corner, along the drawing's axes (length on the
    /// 0.1 m grid).
    Square,
    /// The 0.1 m grid.
    Grid,
}

/// Snap a corner being traced. In order: a room's vertex within `tol`;
/// square to `prev` along the axes and onto a wall within `tol` (where the
/// two meet); a wall within `tol` (on the 0.1 m grid along it where the
/// wall allows); square to `prev` (the length rounded to
/// 0.1 m); the 0.1 m grid. `skip` is a room whose points do not attract.
pub fn snap_trace(
    plan: &Plan,
    prev: Option<P>,
    p: P,
    tol: f64,
    axis: f64,
    skip: Option<&str>,
) -> (P, TraceSnap) {
    if let Some((room, index)) = vertex_near(plan, p, tol, skip) {
        if let Some(v) = plan.room(&room).and_then(|r| r.outline.get(index)) {
            return (*v, TraceSnap::Vertex { room, index });
        }
    }
    let square = prev.and_then(|prev| ortho(prev, p, axis, ORTHO_DEGREES).map(|s| (prev, s)));
    if let Some((prev, (q, dir))) = square {
        // where the square line meets a wall near the pointer
        if let Some((room, wall, _)) = wall_near(plan, q, tol, skip) {
            if let Some(x) = plan
                .room(&room)
                .and_then(|r| wall_line_meet(r, wall, prev, dir))
            {
                if dist(x, q) <= tol {
                    return (x, TraceSnap::SquareOnWall { room, wall });
                }
            }
        }
    }
    if let Some((room, wall, q)) = wall_near(plan, p, tol, skip) {
        // along the wall on the 0.1 m grid, when that stays on the wall
        let g = grid(q);
        let on = plan
            .room(&room)
            .and_then(|r| room_wall_near(r, g, 1e-6))
            .is_some_and(|(w, _, _)| w == wall);
        return (if on { g } else { q }, TraceSnap::Wall { room, wall });
    }
    if let Some((prev, (q, dir))) = square {
        let along = (q.0 - prev.0) * dir.0 + (q.1 - prev.1) * dir.1;
        let l = (along / GRID).round() * GRID;
        let r = (round6(prev.0 + l * dir.0), round6(prev.1 + l * dir.1));
        return (r, TraceSnap::Square);
    }
    (grid(p), TraceSnap::Grid)
}

/// Where the line through `from` along `dir` meets the line of wall `wall`
/// of `room`, when it does so within the wall.
fn wall_line_meet(room: &Room, wall: usize, from: P, dir: P) -> Option<P> {
    let n = room.outline.len();
    let a = room.outline[wall % n];
    let b = room.outline[(wall + 1) % n];
    let e = (b.0 - a.0, b.1 - a.1);
    let denom = dir.0 * e.1 - dir.1 * e.0;
    if denom.abs() < 1e-9 * e.0.hypot(e.1) {
        return None;
    }
    // from + t·dir = a + s·e
    let w = (a.0 - from.0, a.1 - from.1);
    let s = (w.0 * dir.1 - w.1 * dir.0) / denom;
    if !(-1e-9..=1.0 + 1e-9).contains(&s) {
        return None;
    }
    Some((round6(a.0 + s * e.0), round6(a.1 + s * e.1)))
}

/// The rectangle with opposite corners `a` and `c` whose sides run along
/// the axes at `axis` radians, anticlockwise from `a`.
pub fn rectangle(a: P, c: P, axis: f64) -> [P; 4] {
    let (s, co) = axis.sin_cos();
    let d = (c.0 - a.0, c.1 - a.1);
    let u = d.0 * co + d.1 * s; // along the axis
    let v = -d.0 * s + d.1 * co; // across
    let b = (round6(a.0 + u * co), round6(a.1 + u * s));
    let e = (round6(a.0 - v * s), round6(a.1 + v * co));
    // anticlockwise: a, then along the axis when the rectangle lies to its left
    if u * v >= 0.0 {
        [a, b, c, e]
    } else {
        [a, e, c, b]
    }
}

/// The edit that splits room `id` in two along the line from `a` to `b`,
/// both on its walls: the room keeps the part holding its first vertex, the new room `new_id` (a copy of the room's
/// name, zones and floor, its name marked 「(分)」) gets the other part. Doors
/// on the new room's walls and items placed (`pos`) in it move with it.
/// Refused when a or b is not on a wall, when the line leaves the room, or
/// when a part would have no area.
pub fn split_room(plan: &Plan, id: &str, a: P, b: P, new_id: &str) -> Result<Edit, EditError> {
    let room = plan.room(id).filter(|r| usable(r)).ok_or_else(|| {
        EditError::new(
            format!("没有可分割的房间 \"{id}\""),
            format!("no room \"{id}\" to split"),
        )
    })?;
    let tol = 1e-6;
    let on_wall = |p: P| room_wall_near(room, p, tol).map(|(w, q, _)| (w, q));
    let not_on_wall = || {
        EditError::new(
            "分割线的两端都要在该房间的墙上",
            "both ends of the split line must lie on the room's walls",
        )
    };
    let (wa, a) = on_wall(a).ok_or_else(not_on_wall)?;
    let (wb, b) = on_wall(b).ok_or_else(not_on_wall)?;
    if dist(a, b) < 0.05 {
        return Err(not_on_wall());
    }
    let poly = polygon(&room.outline, Coord { x: 0.0, y: 0.0 });
    // the line must run inside the room
    for k in 1..20 {
        let t = k as f64 / 20.0;
        let m = Coord {
            x: a.0 + t * (b.0 - a.0),
            y: a.1 + t * (b.1 - a.1),
        };
        if !poly.contains(&m) {
            return Err(EditError::new(
                "分割线要在房间内部穿过",
                "the split line must run inside the room",
            ));
        }
    }
    let n = room.outline.len();
    // walk from a along the outline to b, and from b back to a
    let walk = |from: P, wf: usize, to: P, wt: usize| -> Vec<P> {
        let mut out = vec![from];
        let same_wall_ahead = wf == wt && along(room, wt, to) > along(room, wf, from);
        if !same_wall_ahead {
            let mut w = wf;
            loop {
                w = (w + 1) % n;
                let v = room.outline[w];
                if dist(v, from) > 1e-9 && dist(v, to) > 1e-9 {
                    out.push(v);
                }
                if w == wt {
                    break;
                }
            }
        }
        out.push(to);
        out
    };
    let part1 = walk(a, wa, b, wb);
    let part2 = walk(b, wb, a, wa);
    let area = |pts: &[P]| {
        if pts.len() < 3 {
            0.0
        } else {
            polygon(pts, Coord { x: 0.0, y: 0.0 }).unsigned_area()
        }
    };
    let (a1, a2, whole) = (area(&part1), area(&part2), poly.unsigned_area());
    if a1 < 0.01 || a2 < 0.01 || ((a1 + a2) - whole).abs() > 1e-6 * whole.max(1.0) {
        return Err(EditError::new(
            "分割后每一部分都要有面积",
            "each part must have an area after the split",
        ));
    }
    // the room keeps the part with its first vertex
    let first = room.outline[0];
    let keeps_first = |pts: &[P]| pts.iter().any(|p| dist(*p, first) < 1e-9);
    let (kept, given) = if keeps_first(&part1) {
        (part1, part2)
    } else {
        (part2, part1)
    };
    let new_room = Room {
        id: new_id.to_string(),
        name: format!("{}(分)", room.name),
        outline: given.clone(),
        ..room.clone()
    };
    let mut edits = vec![
        Edit::SetOutline {
            room: id.to_string(),
            outline: kept.clone(),
        },
        Edit::AddRoom {
            room: new_room.clone(),
        },
    ];
    // doors on the walls of the new part (not on the split line) go with it
    for (i, d) in plan.doors.iter().enumerate() {
        if !d.touches(id) || room_wall_near(&new_room, d.at, 1e-6).is_none() {
            continue;
        }
        let on_kept = Room {
            outline: kept.clone(),
            ..room.clone()
        };
        if room_wall_near(&on_kept, d.at, 1e-6).is_some() {
            // on the split line's ends: it stays
            continue;
        }
        let swap = |s: &String| {
            if s == id {
                new_id.to_string()
            } else {
                s.clone()
            }
        };
        edits.push(Edit::MoveDoor {
            index: i,
            at: d.at,
            between: (swap(&d.between.0), swap(&d.between.1)),
        });
    }
    let given_poly = polygon(&given, Coord { x: 0.0, y: 0.0 });
    for (i, it) in plan.items.iter().enumerate() {
        if it.room() != Some(id) {
            continue;
        }
        if let Some(p) = it.pos {
            if given_poly.contains(&Coord { x: p.0, y: p.1 }) {
                edits.push(Edit::MoveItem {
                    index: i,
                    at: Location::Room(new_id.to_string()),
                    pos: Some(p),
                });
            }
        }
    }
    Ok(Edit::Group {
        label: ("分割房间", "split room"),
        edits,
    })
}

/// Where an image newly loaded as an underlay goes, before it is rectified
/// or calibrated: over the plan's rooms (`bounds`, min and max corners),
/// as wide as they are; on an empty plan at 1 cm a pixel (a 1:100 drawing
/// scanned at 254 dpi), its bottom-left corner at the origin. The image's
/// rows run down, the plan's y up.
pub fn initial_to_plan(size: (u32, u32), bounds: Option<(P, P)>) -> Homography {
    let (w, h) = (size.0.max(1) as f64, size.1.max(1) as f64);
    match bounds {
        Some((lo, hi)) if hi.0 - lo.0 > 0.5 && hi.1 - lo.1 > 0.5 => {
            let s = ((hi.0 - lo.0) / w).max((hi.1 - lo.1) / h);
            let cx = (lo.0 + hi.0) / 2.0 - w * s / 2.0;
            let cy = (lo.1 + hi.1) / 2.0 + h * s / 2.0;
            Homography::scale_translate(s, -s, cx, cy)
        }
        _ => Homography::scale_translate(0.01, -0.01, 0.0, h * 0.01),
    }
}

/// The underlay's new `to_plan` after its four corners of a rectangle were
/// clicked on the plan (where the underlay is drawn now), in order around
/// it, the rectangle being `width` × `height` metres (first side × second
/// side). The first click stays where it is; the first side is laid along
/// the plan's x axis, the second side up or down as the clicks went.
pub fn rectify_clicks(
    to_plan: &Homography,
    clicks: &[P; 4],
    width: f64,
    height: f64,
) -> Result<Homography, super::super::geom::homography::HomographyError> {
    use super::super::geom::homography::HomographyError;
    if !(width > 0.0 && height > 0.0 && width.is_finite() && height.is_finite()) {
        return Err(HomographyError::NotFinite);
    }
    let back = to_plan.inverse().ok_or(HomographyError::Degenerate)?;
    let mut img = [(0.0, 0.0); 4];
    for (i, c) in clicks.iter().enumerate() {
        img[i] = back.apply(*c).ok_or(HomographyError::Degenerate)?;
    }
    let signed: f64 = (0..4)
        .map(|i| {
            let (a, b) = (clicks[i], clicks[(i + 1) % 4]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    let h = if signed >= 0.0 { height } else { -height };
    Homography::rectify(&img, clicks[0], width, h)
}

/// `image` written relative to the folder `base` (the plan's), with `/`
/// separators, as `underlays[].image` keeps it; the path as given when no
/// relative path leads there (another drive).
pub fn relative_path(image: &std::path::Path, base: &std::path::Path) -> String {
    use std::path::Component;
    let norm = |p: &std::path::Path| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                Component::RootDir => out.push(String::new()),
                other => out.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        out
    };
    let (i, b) = (norm(image), norm(base));
    let common = i.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if image.is_absolute() != base.is_absolute() || (image.is_absolute() && common == 0) {
        return image.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(i[common..].iter().cloned());
    parts.join("/")
}

/// A path made absolute against the working folder (the path as given
/// when that fails: no working folder).
fn absolute(p: &std::path::Path) -> std::path::PathBuf {
    if p.as_os_str().is_empty() {
        return std::env::current_dir().unwrap_or_default();
    }
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The folder a plan file's relative paths start from, absolute: the
/// plan's own folder, or the working folder for a plan not saved yet.
pub fn plan_folder(plan_file: Option<&std::path::Path>) -> std::path::PathBuf {
    let dir = plan_file
        .and_then(|f| f.parent())
        .unwrap_or(std::path::Path::new(""));
    absolute(dir)
}

/// While a plan is open its underlays' images are kept as absolute paths,
/// so that they do not depend on where the plan will be saved: relative
/// paths (as the file keeps them) are taken from the plan's folder, or the
/// working folder for a plan not saved yet.
pub fn resolve_underlays(plan: &mut Plan, plan_file: Option<&std::path::Path>) {
    if plan.underlays.is_empty() {
        return;
    }
    let base = plan_folder(plan_file);
    for u in &mut plan.underlays {
        let p = std::path::Path::new(&u.image);
        if !p.is_absolute() {
            u.image = base.join(p).to_string_lossy().into_owned();
        }
    }
}

/// The plan as written to `plan_file`: each underlay's image relative to
/// the file's folder (`plan-format.md`), whichever folder the plan was
/// read from — so a plan saved into another folder still finds its images.
pub fn underlays_for_file<'a>(
    plan: &'a Plan,
    plan_file: &std::path::Path,
) -> std::borrow::Cow<'a, Plan> {
    if plan.underlays.is_empty() {
        return std::borrow::Cow::Borrowed(plan);
    }
    let base = plan_folder(Some(plan_file));
    let mut out = plan.clone();
    for u in &mut out.underlays {
        let p = std::path::Path::new(&u.image);
        let full = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        u.image = relative_path(&full, &base);
    }
    std::borrow::Cow::Owned(out)
}

/// How far along wall `w` of `room` the point `p` lies (0 at its start).
fn along(room: &Room, w: usize, p: P) -> f64 {
    dist(room.outline[w % room.outline.len()], p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::UndoStack;
    use crate::model::{Door, Item, ItemKind};

    fn plan_with(rooms: &[(&str, &[P])]) -> Plan {
        let text = r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
            committee: (code: "X", name: "示例", street: "街道", estate: New),
            rooms: [(id: "T", name: "模板", zones: [Office], floor: AntiSlip,
                     outline: [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)])])"#;
        let mut plan = crate::io::parse_plan(std::path::Path::new("t.ron"), text).unwrap();
        let template = plan.rooms.remove(0);
        for (id, outline) in rooms {
            plan.rooms.push(Room {
                id: id.to_string(),
                name: id.to_string(),
                outline: outline.to_vec(),
                ..template.clone()
            });
        }
        plan
    }

    fn close(a: P, b: P) -> bool {
        dist(a, b) < 1e-6
    }

    #[test]
    fn square_to_the_last_corner_within_eight_degrees() {
        let (q, _) = ortho((0.0, 0.0), (4.0, 0.3), 0.0, ORTHO_DEGREES).unwrap();
        assert!(close(q, (4.0, 0.0)));
        let (q, _) = ortho((0.0, 0.0), (-0.2, 3.0), 0.0, ORTHO_DEGREES).unwrap();
        assert!(close(q, (0.0, 3.0)));
        assert!(ortho((0.0, 0.0), (3.0, 2.0), 0.0, ORTHO_DEGREES).is_none());
        // a drawing turned by 10°: squared along its own axes
        let axis = 10f64.to_radians();
        let (q, _) = ortho((0.0, 0.0), (5.0, 0.9), axis, ORTHO_DEGREES).unwrap();
        assert!(((q.1).atan2(q.0) - axis).abs() < 1e-9);
    }

    #[test]
    fn the_axis_of_an_underlay() {
        let h = Homography::rotate_about((0.0, 0.0), 0.2)
            .after(&Homography::scale_translate(0.01, -0.01, 0.0, 0.0));
        let a = underlay_axis(&h, (500.0, 400.0)).unwrap();
        assert!((a - 0.2).abs() < 1e-9, "{a}");
        let flat = Homography::scale_translate(0.01, -0.01, 0.0, 8.0);
        assert!(underlay_axis(&flat, (500.0, 400.0)).unwrap().abs() < 1e-12);
    }

    #[test]
    fn a_neighbour_traced_beside_a_room_shares_its_wall() {
        let plan = plan_with(&[("A", &[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)])]);
        // the corner at A's vertex
        let (p, s) = snap_trace(&plan, None, (4.05, 0.04), 0.15, 0.0, None);
        assert_eq!(p, (4.0, 0.0));
        assert!(matches!(s, TraceSnap::Vertex { .. }));
        // across to the right, squared
        let (p, s) = snap_trace(&plan, Some((4.0, 0.0)), (7.03, 0.2), 0.15, 0.0, None);
        assert_eq!((p, s), ((7.0, 0.0), TraceSnap::Square));
        // up, squared
        let (p, _) = snap_trace(&plan, Some((7.0, 0.0)), (7.2, 2.0), 0.15, 0.0, None);
        assert_eq!(p, (7.0, 2.0));
        // back left, squared onto A's wall x = 4
        let (p, s) = snap_trace(&plan, Some((7.0, 2.0)), (4.1, 2.1), 0.15, 0.0, None);
        assert_eq!(p, (4.0, 2.0));
        assert!(matches!(s, TraceSnap::SquareOnWall { .. }), "{s:?}");
    }

    #[test]
    fn rectangles_along_the_axes() {
        let r = rectangle((1.0, 1.0), (4.0, 3.0), 0.0);
        assert_eq!(r, [(1.0, 1.0), (4.0, 1.0), (4.0, 3.0), (1.0, 3.0)]);
        // dragged the other way: still anticlockwise
        let r = rectangle((4.0, 1.0), (1.0, 3.0), 0.0);
        let poly = polygon(&r, Coord { x: 0.0, y: 0.0 });
        assert!(poly.signed_area() > 0.0);
        assert!((poly.unsigned_area() - 6.0).abs() < 1e-9);
        // turned by 30°
        let axis = 30f64.to_radians();
        let (c, s) = (axis.cos(), axis.sin());
        let far = (4.0 * c - 2.0 * s, 4.0 * s + 2.0 * c);
        let r = rectangle((0.0, 0.0), far, axis);
        let poly = polygon(&r, Coord { x: 0.0, y: 0.0 });
        assert!((poly.unsigned_area() - 8.0).abs() < 1e-5);
    }

    #[test]
    fn split_a_room_in_two_with_its_door_and_item() {
        let mut plan = plan_with(&[
            ("A", &[(0.0, 0.0), (6.0, 0.0), (6.0, 3.0), (0.0, 3.0)]),
            ("B", &[(6.0, 0.0), (9.0, 0.0), (9.0, 3.0), (6.0, 3.0)]),
        ]);
        plan.doors = vec![
            ron::from_str::<Door>(r#"(between: ("A", "B"), at: (6.0, 1.5))"#).unwrap(),
            ron::from_str::<Door>(r#"(between: ("outside", "A"), at: (1.0, 0.0))"#).unwrap(),
        ];
        let mut desk = Item::new(ItemKind::Desk, Location::Room("A".into()));
        desk.pos = Some((5.0, 2.0));
        plan.items = vec![desk];
        let before = plan.clone();
        let edit = split_room(&plan, "A", (4.0, 0.0), (4.0, 3.0), "R9").unwrap();
        let mut stack = UndoStack::default();
        stack.apply(&mut plan, edit).unwrap();
        let a = plan.room("A").unwrap();
        let r9 = plan.room("R9").unwrap();
        let area = |r: &Room| polygon(&r.outline, Coord { x: 0.0, y: 0.0 }).unsigned_area();
        assert!((area(a) - 12.0).abs() < 1e-9);
        assert!((area(r9) - 6.0).abs() < 1e-9);
        assert_eq!(r9.name, "A(分)");
        // the door to B is on the new room's wall now; the outer door stays
        assert_eq!(plan.doors[0].between, ("R9".to_string(), "B".to_string()));
        assert_eq!(
            plan.doors[1].between,
            ("outside".to_string(), "A".to_string())
        );
        assert_eq!(plan.items[0].at, Location::Room("R9".into()));
        // one undo step brings it all back
        stack.undo(&mut plan).unwrap();
        assert_eq!(plan, before);
    }

    #[test]
    fn split_an_l_shaped_room() {
        let plan = plan_with(&[(
            "L",
            &[
                (0.0, 0.0),
                (6.0, 0.0),
                (6.0, 2.0),
                (2.0, 2.0),
                (2.0, 5.0),
                (0.0, 5.0),
            ],
        )]);
        let Edit::Group { edits, .. } =
            split_room(&plan, "L", (2.0, 2.0), (2.0, 0.0), "R2").unwrap()
        else {
            panic!()
        };
        let outlines: Vec<&Vec<P>> = edits
            .iter()
            .filter_map(|e| match e {
                Edit::SetOutline { outline, .. } => Some(outline),
                Edit::AddRoom { room } => Some(&room.outline),
                _ => None,
            })
            .collect();
        let areas: Vec<f64> = outlines
            .iter()
            .map(|o| polygon(o, Coord { x: 0.0, y: 0.0 }).unsigned_area())
            .collect();
        assert!((areas[0] - 10.0).abs() < 1e-9, "{areas:?} {outlines:?}");
        assert!((areas[1] - 8.0).abs() < 1e-9, "{areas:?}");
    }

    #[test]
    fn a_new_underlay_covers_the_plan_and_rectifies_on_four_clicks() {
        let h = initial_to_plan((1000, 800), Some(((0.0, 0.0), (10.0, 8.0))));
        assert!(close(h.apply((0.0, 800.0)).unwrap(), (0.0, 0.0)));
        assert!(close(h.apply((1000.0, 0.0)).unwrap(), (10.0, 8.0)));
        let empty = initial_to_plan((1000, 800), None);
        assert!(close(empty.apply((0.0, 800.0)).unwrap(), (0.0, 0.0)));
        assert!(close(empty.apply((100.0, 800.0)).unwrap(), (1.0, 0.0)));
        // a quadrilateral clicked clockwise from the top left (as seen)
        let clicks = [(1.0, 7.0), (9.0, 7.5), (8.5, 1.0), (1.5, 0.5)];
        let r = rectify_clicks(&h, &clicks, 12.0, 9.0).unwrap();
        let back = h.inverse().unwrap();
        let img: Vec<P> = clicks.iter().map(|c| back.apply(*c).unwrap()).collect();
        let want = [(1.0, 7.0), (13.0, 7.0), (13.0, -2.0), (1.0, -2.0)];
        for (i, w) in img.iter().zip(want) {
            assert!(close(r.apply(*i).unwrap(), w), "{:?} {w:?}", r.apply(*i));
        }
        assert!(rectify_clicks(&h, &clicks, 0.0, 9.0).is_err());
    }

    #[test]
    fn image_paths_relative_to_the_plan() {
        use std::path::Path;
        assert_eq!(
            relative_path(Path::new("/a/plans/scans/x.jpg"), Path::new("/a/plans")),
            "scans/x.jpg"
        );
        assert_eq!(
            relative_path(Path::new("/a/photos/x.jpg"), Path::new("/a/plans")),
            "../photos/x.jpg"
        );
        assert_eq!(relative_path(Path::new("x.png"), Path::new("")), "x.png");
    }

    #[test]
    fn underlays_absolute_while_open_relative_in_the_file() {
        use std::path::Path;
        let mut plan = plan_with(&[]);
        plan.underlays.push(crate::model::Underlay {
            level: 0,
            image: "scans/ground.jpg".into(),
            to_plan: [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
            opacity: 0.5,
        });
        resolve_underlays(&mut plan, Some(Path::new("/a/plans/x.ron")));
        assert_eq!(plan.underlays[0].image, "/a/plans/scans/ground.jpg");
        // saved in the same folder: as it was; in another: the way back
        let same = underlays_for_file(&plan, Path::new("/a/plans/x.ron"));
        assert_eq!(same.underlays[0].image, "scans/ground.jpg");
        let other = underlays_for_file(&plan, Path::new("/a/copies/2026/x.ron"));
        assert_eq!(other.underlays[0].image, "../../plans/scans/ground.jpg");
        // a plan not saved yet: the working folder
        let mut new = plan_with(&[]);
        new.underlays = plan.underlays.clone();
        new.underlays[0].image = "photo.png".into();
        resolve_underlays(&mut new, None);
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(Path::new(&new.underlays[0].image), cwd.join("photo.png"));
    }

    #[test]
    fn split_refusals() {
        let plan = plan_with(&[(
            "L",
            &[
                (0.0, 0.0),
                (6.0, 0.0),
                (6.0, 2.0),
                (2.0, 2.0),
                (2.0, 5.0),
                (0.0, 5.0),
            ],
        )]);
        // an end off the walls
        assert!(split_room(&plan, "L", (1.0, 1.0), (1.0, 5.0), "R2").is_err());
        // a line that leaves the room (across the notch)
        assert!(split_room(&plan, "L", (6.0, 1.0), (1.0, 5.0), "R2").is_err());
        // along a wall: one part would have no area
        assert!(split_room(&plan, "L", (0.0, 0.0), (6.0, 0.0), "R2").is_err());
        assert!(split_room(&plan, "nope", (0.0, 0.0), (6.0, 0.0), "R2").is_err());
    }
}
