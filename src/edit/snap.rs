//! Where a pointer lands on a plan: snapping to the 0.1 m grid, to other
//! rooms' vertices and walls, picking rooms, vertices and walls, and finding
//! the two sides of a door put on a wall.
//!
//! ```
//! use juwei::edit::snap::grid;
//! assert_eq!(grid((1.04, -2.06)), (1.0, -2.1));
//! ```

use geo::{Closest, ClosestPoint, Contains, Coord, Line, Point};

use crate::geom::area::polygon;
use crate::geom::walls::wall_at;
use crate::model::{Plan, Room, OUTSIDE};

/// The drawing grid, in metres.
pub const GRID: f64 = 0.1;

/// Round to the 0.1 m grid.
pub fn grid(p: (f64, f64)) -> (f64, f64) {
    let r = |v: f64| ((v / GRID).round() * GRID * 1e6).round() / 1e6;
    (r(p.0), r(p.1))
}

/// What a point was snapped to.
#[derive(Debug, Clone, PartialEq)]
pub enum Snap {
    /// Point `index` of room `room`.
    Vertex { room: String, index: usize },
    /// Wall `wall` of room `room` (from point `wall` to the next).
    Wall { room: String, wall: usize },
    /// The 0.1 m grid.
    Grid,
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// The point of wall `a`–`b` nearest to `p`.
pub fn project(a: (f64, f64), b: (f64, f64), p: (f64, f64)) -> (f64, f64) {
    let line = Line::new(Coord { x: a.0, y: a.1 }, Coord { x: b.0, y: b.1 });
    match line.closest_point(&Point::new(p.0, p.1)) {
        Closest::Intersection(q) | Closest::SinglePoint(q) => (q.x(), q.y()),
        // a zero-length wall
        Closest::Indeterminate => a,
    }
}

/// The nearest vertex of any room (but `skip`) within `tol` of `p`.
pub fn vertex_near(
    plan: &Plan,
    p: (f64, f64),
    tol: f64,
    skip: Option<&str>,
) -> Option<(String, usize)> {
    let mut best: Option<(f64, String, usize)> = None;
    for room in plan
        .rooms
        .iter()
        .filter(|r| Some(r.id.as_str()) != skip && usable(r))
    {
        for (i, &v) in room.outline.iter().enumerate() {
            let d = dist(v, p);
            if d <= tol && best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, room.id.clone(), i));
            }
        }
    }
    best.map(|(_, r, i)| (r, i))
}

/// The nearest wall of any room (but `skip`) within `tol` of `p`: room id,
/// wall index and the point of the wall nearest to `p`.
pub fn wall_near(
    plan: &Plan,
    p: (f64, f64),
    tol: f64,
    skip: Option<&str>,
) -> Option<(String, usize, (f64, f64))> {
    let mut best: Option<(f64, String, usize, (f64, f64))> = None;
    for room in plan.rooms.iter().filter(|r| Some(r.id.as_str()) != skip) {
        if let Some((wall, q, d)) = room_wall_near(room, p, tol) {
            if best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, room.id.clone(), wall, q));
            }
        }
    }
    best.map(|(_, r, w, q)| (r, w, q))
}

/// The nearest wall of one room within `tol`: wall index, nearest point, distance.
pub fn room_wall_near(room: &Room, p: (f64, f64), tol: f64) -> Option<(usize, (f64, f64), f64)> {
    let n = room.outline.len();
    if !(usable(room) && p.0.is_finite() && p.1.is_finite()) {
        return None;
    }
    let poly = polygon(&room.outline, Coord { x: 0.0, y: 0.0 });
    let i = wall_at(&poly, Coord { x: p.0, y: p.1 }, tol)?;
    let q = project(room.outline[i % n], room.outline[(i + 1) % n], p);
    Some((i, q, dist(q, p)))
}

/// Snap a point being drawn or dragged: to a vertex of another room within
/// `tol`, else to a wall of another room within `tol`, else to the grid.
/// `skip` is the room being edited (its own points do not attract).
pub fn snap_point(plan: &Plan, p: (f64, f64), tol: f64, skip: Option<&str>) -> ((f64, f64), Snap) {
    if let Some((room, index)) = vertex_near(plan, p, tol, skip) {
        let v = plan.room(&room).map(|r| r.outline[index]).unwrap_or(p);
        return (v, Snap::Vertex { room, index });
    }
    if let Some((room, wall, q)) = wall_near(plan, p, tol, skip) {
        return (q, Snap::Wall { room, wall });
    }
    (grid(p), Snap::Grid)
}

/// Whether the outline can be measured at all: three or more points, all
/// finite (anything else is G01's, and geometry would give nonsense or panic).
pub fn usable(room: &Room) -> bool {
    room.outline.len() >= 3
        && room
            .outline
            .iter()
            .all(|p| p.0.is_finite() && p.1.is_finite())
}

/// Whether the point lies inside the room's outline.
pub fn room_contains(room: &Room, p: (f64, f64)) -> bool {
    usable(room)
        && polygon(&room.outline, Coord { x: 0.0, y: 0.0 }).contains(&Coord { x: p.0, y: p.1 })
}

/// The room under a point (the last one in the list when rooms overlap,
/// since it is drawn on top).
pub fn room_at(plan: &Plan, p: (f64, f64)) -> Option<&Room> {
    plan.rooms.iter().rev().find(|r| room_contains(r, p))
}

/// Where a door put at `p` would stand and what it would connect: the two
/// rooms whose walls pass nearest within `tol` (a shared wall), or `outside`
/// and the one room whose outer wall is there. The point is moved onto the
/// nearest wall. `None` when no wall is near.
pub fn door_at(plan: &Plan, p: (f64, f64), tol: f64) -> Option<((f64, f64), (String, String))> {
    let mut near: Vec<(f64, &str, (f64, f64))> = plan
        .rooms
        .iter()
        .filter_map(|r| room_wall_near(r, p, tol).map(|(_, q, d)| (d, r.id.as_str(), q)))
        .collect();
    near.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (_, first, at) = *near.first()?;
    let other = near.get(1).map_or(OUTSIDE, |n| n.1);
    let between = if other == OUTSIDE {
        (OUTSIDE.to_string(), first.to_string())
    } else {
        // keep the plan's room order so that the same wall gives the same door
        let (a, b) = match (plan.room_index(first), plan.room_index(other)) {
            (Some(i), Some(j)) if j < i => (other, first),
            _ => (first, other),
        };
        (a.to_string(), b.to_string())
    };
    Some((at, between))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Floor, Zone};

    fn room(id: &str, outline: &[(f64, f64)]) -> Room {
        Room {
            id: id.into(),
            name: id.into(),
            zones: vec![Zone::Office],
            floor: Floor::AntiSlip,
            level: 0,
            outline: outline.to_vec(),
        }
    }

    fn two_rooms() -> Plan {
        let text = r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
            committee: (code: "X", name: "示例", street: "街道", estate: New))"#;
        let mut plan = crate::io::parse_plan(std::path::Path::new("t.ron"), text).unwrap();
        plan.rooms = vec![
            room("A", &[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]),
            room("B", &[(4.0, 0.0), (7.0, 0.0), (7.0, 3.0), (4.0, 3.0)]),
        ];
        plan
    }

    #[test]
    fn grid_rounds_to_tenths() {
        assert_eq!(grid((0.04, 0.06)), (0.0, 0.1));
        assert_eq!(grid((-1.26, 3.333)), (-1.3, 3.3));
    }

    #[test]
    fn snaps_to_other_rooms_vertex_then_wall_then_grid() {
        let plan = two_rooms();
        let (p, s) = snap_point(&plan, (4.08, 2.93), 0.2, Some("A"));
        assert_eq!(p, (4.0, 3.0));
        assert_eq!(
            s,
            Snap::Vertex {
                room: "B".into(),
                index: 3
            }
        );
        let (p, s) = snap_point(&plan, (4.12, 1.57), 0.2, Some("A"));
        assert!(
            (p.0 - 4.0).abs() < 1e-9 && (p.1 - 1.57).abs() < 1e-9,
            "{p:?}"
        );
        assert_eq!(
            s,
            Snap::Wall {
                room: "B".into(),
                wall: 3
            }
        );
        let (p, s) = snap_point(&plan, (5.51, 1.57), 0.2, Some("A"));
        assert_eq!(p, (5.5, 1.6));
        assert_eq!(s, Snap::Grid);
    }

    #[test]
    fn own_room_does_not_attract() {
        let plan = two_rooms();
        // near A's vertex (0,3) only: skipped while editing A
        let (p, s) = snap_point(&plan, (0.04, 2.96), 0.2, Some("A"));
        assert_eq!((p, s), ((0.0, 3.0), Snap::Grid));
    }

    #[test]
    fn picks_room_under_point() {
        let plan = two_rooms();
        assert_eq!(room_at(&plan, (1.0, 1.0)).map(|r| r.id.as_str()), Some("A"));
        assert_eq!(room_at(&plan, (6.0, 1.0)).map(|r| r.id.as_str()), Some("B"));
        assert!(room_at(&plan, (9.0, 1.0)).is_none());
    }

    #[test]
    fn door_on_shared_wall_connects_both_rooms() {
        let plan = two_rooms();
        let (at, between) = door_at(&plan, (4.03, 1.5), 0.2).unwrap();
        assert_eq!(at, (4.0, 1.5));
        assert_eq!(between, ("A".to_string(), "B".to_string()));
    }

    #[test]
    fn door_on_outer_wall_opens_outside() {
        let plan = two_rooms();
        let (at, between) = door_at(&plan, (2.0, -0.1), 0.2).unwrap();
        assert_eq!(at, (2.0, 0.0));
        assert_eq!(between, (OUTSIDE.to_string(), "A".to_string()));
        assert!(door_at(&plan, (2.0, -1.0), 0.2).is_none());
    }
}
