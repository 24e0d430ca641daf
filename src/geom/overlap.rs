//! G02: rooms that overlap by more than a tolerance.
//!
//! Candidate pairs come from an R-tree of bounding boxes, so a plan of
//! thousands of rooms costs about n log n, not n².
//!
//! ```
//! use juwei::geom::{overlap::overlaps, PlanGeometry};
//! # let text = include_str!("../../tests/fixtures/plan/spec-example.ron");
//! # let mut plan = juwei::io::parse_plan(std::path::Path::new("x"), text).unwrap();
//! let mut second = plan.rooms[0].clone();
//! second.id = "R2".into();
//! second.outline = vec![(10.0, 0.0), (20.0, 0.0), (20.0, 8.0), (10.0, 8.0)];
//! plan.rooms.push(second);
//! let g = PlanGeometry::new(&plan);
//! let o = overlaps(&g, 0.01);
//! assert_eq!(o.len(), 1);
//! assert_eq!((o[0].0, o[0].1), (0, 1));
//! assert!((o[0].2 - 16.0).abs() < 1e-9);
//! ```

use geo::{Area, BooleanOps, BoundingRect};

use super::PlanGeometry;

/// `(i, j, area)` for every pair of rooms **on the same level** overlapping
/// by more than `tolerance` m², i < j. A room above another overlaps it on
/// paper (one x/y frame for every level) and that is fine.
pub fn overlaps(g: &PlanGeometry, tolerance: f64) -> Vec<(usize, usize, f64)> {
    g.candidate_pairs()
        .into_iter()
        .filter(|&(i, j)| g.rooms[i].level == g.rooms[j].level)
        .filter_map(|(i, j)| {
            let a = g.rooms[i].polygon.as_ref()?;
            let b = g.rooms[j].polygon.as_ref()?;
            // the overlap cannot exceed the overlap of the bounding boxes:
            // rooms that only share a wall are dismissed without a boolean op
            if box_overlap(a, b) <= tolerance {
                return None;
            }
            let shared = a.intersection(b).unsigned_area();
            (shared > tolerance).then_some((i, j, shared))
        })
        .collect()
}

/// The area two polygons share (0 without computing anything when their
/// bounding boxes are apart).
pub fn shared_area(a: &geo::Polygon<f64>, b: &geo::Polygon<f64>) -> f64 {
    if box_overlap(a, b) > 0.0 {
        a.intersection(b).unsigned_area()
    } else {
        0.0
    }
}

fn box_overlap(a: &geo::Polygon<f64>, b: &geo::Polygon<f64>) -> f64 {
    match (a.bounding_rect(), b.bounding_rect()) {
        (Some(ra), Some(rb)) => {
            let w = ra.max().x.min(rb.max().x) - ra.min().x.max(rb.min().x);
            let h = ra.max().y.min(rb.max().y) - ra.min().y.max(rb.min().y);
            if w > 0.0 && h > 0.0 {
                w * h
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}
