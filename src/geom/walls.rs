//! Walls: which wall of a room a point stands on, and whether a door stands
//! on a wall shared by the two rooms it connects (or on an outer wall).
//!
//! ```
//! use geo::Coord;
//! use juwei::geom::{area::polygon, walls::wall_at};
//! let room = polygon(&[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)], Coord { x: 0.0, y: 0.0 });
//! assert_eq!(wall_at(&room, Coord { x: 2.0, y: 0.03 }, 0.05), Some(0));
//! assert_eq!(wall_at(&room, Coord { x: 4.0, y: 1.0 }, 0.05), Some(1));
//! assert_eq!(wall_at(&room, Coord { x: 2.0, y: 1.0 }, 0.05), None);
//! ```

use geo::{Contains, Coord, Distance, Euclidean, Line, Point, Polygon};

use super::PlanGeometry;
use crate::model::{Door, OUTSIDE};

/// The index of the wall of `poly` nearest to `p` when it is within `tol`
/// metres (wall *i* runs from vertex *i* to *i+1*).
pub fn wall_at(poly: &Polygon<f64>, p: Coord<f64>, tol: f64) -> Option<usize> {
    let pt = Point::from(p);
    poly.exterior()
        .lines()
        .enumerate()
        .map(|(i, l)| (i, Euclidean.distance(&pt, &l)))
        .filter(|&(_, d)| d <= tol)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Distance from `p` to the nearest wall of `poly`.
pub fn distance_to_walls(poly: &Polygon<f64>, p: Coord<f64>) -> f64 {
    let pt = Point::from(p);
    poly.exterior()
        .lines()
        .map(|l: Line<f64>| Euclidean.distance(&pt, &l))
        .fold(f64::INFINITY, f64::min)
}

/// Why a door does not stand where it should.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoorProblem {
    /// Not on a wall of this room (by id).
    NotOnWallOf(usize),
    /// A door to `outside` on a wall that another room shares (that room).
    NotOuterWall(usize),
    /// Both ends are the same room.
    SameRoom,
    /// A `Door` between rooms on different levels (these need a `Stair`).
    DifferentLevels,
    /// A `Stair` between two rooms of the same level.
    StairSameLevel,
    /// A `Stair` to `outside`.
    StairToOutside,
    /// A `Stair` whose point lies outside this room's outline (by index).
    StairNotInside(usize),
}

/// Check one door whose ends both exist (unknown ids are G03's business);
/// `None` when the door stands on the wall it should, within `tol` metres.
pub fn door_problem(g: &PlanGeometry, door: &Door, tol: f64) -> Option<DoorProblem> {
    let p = g.local(door.at);
    let (a, b) = (&door.between.0, &door.between.1);
    if a == b {
        return Some(DoorProblem::SameRoom);
    }
    let on = |i: usize| {
        g.rooms[i]
            .polygon
            .as_ref()
            .is_none_or(|poly| wall_at(poly, p, tol).is_some())
    };
    let ends: Vec<usize> = [a, b]
        .into_iter()
        .filter(|id| id.as_str() != OUTSIDE)
        .filter_map(|id| g.room_index(id))
        .collect();
    if door.is_stair() {
        if ends.len() < 2 {
            return Some(DoorProblem::StairToOutside);
        }
        if g.rooms[ends[0]].level == g.rooms[ends[1]].level {
            return Some(DoorProblem::StairSameLevel);
        }
        let point = Point::from(p);
        for &i in &ends {
            if let Some(poly) = &g.rooms[i].polygon {
                if !poly.contains(&point) && distance_to_walls(poly, p) > tol {
                    return Some(DoorProblem::StairNotInside(i));
                }
            }
        }
        return None;
    }
    if ends.len() == 2 && g.rooms[ends[0]].level != g.rooms[ends[1]].level {
        return Some(DoorProblem::DifferentLevels);
    }
    for &i in &ends {
        if !on(i) {
            return Some(DoorProblem::NotOnWallOf(i));
        }
    }
    if ends.len() == 1 {
        let me = ends[0];
        for other in g.rooms_near(p, tol) {
            if other == me || g.rooms[other].level != g.rooms[me].level {
                continue;
            }
            if let Some(poly) = &g.rooms[other].polygon {
                if distance_to_walls(poly, p) <= tol {
                    return Some(DoorProblem::NotOuterWall(other));
                }
            }
        }
    }
    None
}
