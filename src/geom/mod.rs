//! Geometry of a plan, on `geo` types. One algorithm per file:
//!
//! - [`area`]: room and premises areas, far-from-origin safe.
//! - [`homography`]: projective transforms, to rectify a photo of a plan.
//! - [`validity`]: G01, is an outline a simple polygon.
//! - [`overlap`]: G02, rooms that overlap (an R-tree, no quadratic search).
//! - [`walls`]: which wall a point stands on; doors on shared or outer walls.
//! - [`reach`]: the door graph and who can be reached from outside.
//! - [`place`]: where a room's items stand (screen and paper alike).
//!
//! [`PlanGeometry`] computes all of it once per plan, in a local frame whose
//! origin is the lower-left corner of the plan's bounding box.

pub mod area;
pub mod homography;
pub mod overlap;
pub mod place;
pub mod reach;
pub mod validity;
pub mod walls;

use geo::{Area, BoundingRect, Coord, Polygon, Rect};
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};

use crate::model::Plan;
use validity::{clean_outline, outline_problem, OutlineProblem};

/// The geometry of one room, in the plan's local frame.
#[derive(Debug, Clone)]
pub struct RoomGeom {
    /// `None` when the outline is unusable (see `problem`).
    pub polygon: Option<Polygon<f64>>,
    /// Unrounded area in m² (0 when the outline is unusable).
    pub area: f64,
    pub problem: Option<OutlineProblem>,
    /// The storey (`rooms[].level`): rooms of different levels may overlap.
    pub level: i32,
}

type Envelope = GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, usize>;

/// Everything geometric about a plan, computed once.
#[derive(Debug, Clone)]
pub struct PlanGeometry {
    /// Subtracted from every coordinate of the plan (metres).
    pub origin: Coord<f64>,
    /// Parallel to `plan.rooms`.
    pub rooms: Vec<RoomGeom>,
    /// Sum of the premises rooms' areas, rounded to 0.01 m².
    pub premises_area: f64,
    index: RTree<Envelope>,
    /// Room id → index in `plan.rooms` (the first room of an id).
    ids: std::collections::HashMap<String, usize>,
}

impl PlanGeometry {
    pub fn new(plan: &Plan) -> Self {
        let problems: Vec<Option<OutlineProblem>> = plan
            .rooms
            .iter()
            .map(|r| outline_problem(&r.outline))
            .collect();
        let origin = local_origin(plan, &problems);
        let mut rooms = Vec::with_capacity(plan.rooms.len());
        let mut envelopes = Vec::with_capacity(plan.rooms.len());
        let mut premises = 0.0;
        for (i, (room, &problem)) in plan.rooms.iter().zip(&problems).enumerate() {
            let (polygon, area) = if problem.is_none() {
                let poly = area::polygon(&clean_outline(&room.outline), origin);
                let a = poly.unsigned_area();
                if let Some(r) = poly.bounding_rect() {
                    envelopes.push(envelope(r, i));
                }
                (Some(poly), a)
            } else {
                (None, 0.0)
            };
            if room.is_premises() {
                premises += area;
            }
            rooms.push(RoomGeom {
                polygon,
                area,
                problem,
                level: room.level,
            });
        }
        PlanGeometry {
            origin,
            rooms,
            premises_area: area::round2(premises),
            index: RTree::bulk_load(envelopes),
            ids: plan
                .rooms
                .iter()
                .enumerate()
                .rev()
                .map(|(i, r)| (r.id.clone(), i))
                .collect(),
        }
    }

    /// The index of the room with this id, without a scan of the rooms.
    pub fn room_index(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// A plan point in the local frame.
    pub fn local(&self, (x, y): (f64, f64)) -> Coord<f64> {
        Coord {
            x: x - self.origin.x,
            y: y - self.origin.y,
        }
    }

    /// The area of room `i`, rounded to 0.01 m².
    pub fn room_area(&self, i: usize) -> f64 {
        area::round2(self.rooms[i].area)
    }

    /// Rooms whose bounding box, grown by `margin`, holds the local point `p`.
    pub fn rooms_near(&self, p: Coord<f64>, margin: f64) -> Vec<usize> {
        let env = AABB::from_corners([p.x - margin, p.y - margin], [p.x + margin, p.y + margin]);
        self.index
            .locate_in_envelope_intersecting(&env)
            .map(|e| e.data)
            .collect()
    }

    /// Rooms whose bounding box intersects the local rectangle `r`.
    pub fn rooms_touching(&self, r: Rect<f64>) -> Vec<usize> {
        let env = AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
        self.index
            .locate_in_envelope_intersecting(&env)
            .map(|e| e.data)
            .collect()
    }

    /// Pairs of rooms whose bounding boxes intersect (each pair once, i < j).
    pub fn candidate_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = self
            .index
            .intersection_candidates_with_other_tree(&self.index)
            .filter(|(a, b)| a.data < b.data)
            .map(|(a, b)| (a.data, b.data))
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

fn envelope(r: Rect<f64>, i: usize) -> Envelope {
    GeomWithData::new(
        rstar::primitives::Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
        i,
    )
}

/// The lower-left corner of the plan's usable room outlines (a broken
/// outline's stray point must not drag the frame away from the others).
fn local_origin(plan: &Plan, problems: &[Option<OutlineProblem>]) -> Coord<f64> {
    let mut min = Coord {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let usable = plan
        .rooms
        .iter()
        .zip(problems)
        .filter(|(_, p)| p.is_none())
        .map(|(r, _)| r);
    for &(x, y) in usable.flat_map(|r| r.outline.iter()) {
        if x.is_finite() && y.is_finite() {
            min.x = min.x.min(x);
            min.y = min.y.min(y);
        }
    }
    if min.x.is_finite() {
        min
    } else {
        Coord { x: 0.0, y: 0.0 }
    }
}

/// A point inside `poly` for a label or an item, by geo's `InteriorPoint`.
/// geo 0.33's sweep, which `interior_point` uses, can fail an internal
/// assertion on nearly collinear walls (found by tests/robustness.rs); the
/// panic is caught and the centre of the bounding box is taken instead, so
/// a broken outline is drawn rather than crashing the program.
pub fn interior_point(poly: &geo::Polygon<f64>) -> Option<geo::Point<f64>> {
    use geo::{BoundingRect, InteriorPoint};
    match std::panic::catch_unwind(|| poly.interior_point()) {
        Ok(p) => p,
        Err(_) => poly.bounding_rect().map(|r| r.center().into()),
    }
}
