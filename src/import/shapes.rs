//! Small plane geometry the import needs on top of `geo`: closest points on
//! outlines, collinear edges two outlines share, and an R-tree of boxes.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

pub(crate) type Pt = (f64, f64);
/// A straight line, end to end.
pub(crate) type Segment = (Pt, Pt);

/// The closest point to `p` on segment `a`–`b`, and its distance.
pub(crate) fn closest_on_segment(p: Pt, a: Pt, b: Pt) -> (Pt, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let q = (a.0 + t * dx, a.1 + t * dy);
    (q, (p.0 - q.0).hypot(p.1 - q.1))
}

/// The closest point to `p` on the boundary of a ring, its distance, and the
/// index of the edge it lies on.
pub(crate) fn closest_on_ring(p: Pt, ring: &[Pt]) -> (Pt, f64, usize) {
    let mut best = (ring[0], f64::INFINITY, 0);
    for i in 0..ring.len() {
        let (q, d) = closest_on_segment(p, ring[i], ring[(i + 1) % ring.len()]);
        if d < best.1 {
            best = (q, d, i);
        }
    }
    best
}

/// The pieces of boundary two rings share: edges that lie on one line
/// (within `tol`) and overlap by more than `tol`. Each piece is given as its
/// two ends.
pub(crate) fn shared_segments(a: &[Pt], b: &[Pt], tol: f64) -> Vec<(Pt, Pt)> {
    let mut out = Vec::new();
    for i in 0..a.len() {
        let (p, q) = (a[i], a[(i + 1) % a.len()]);
        let len = (q.0 - p.0).hypot(q.1 - p.1);
        if len <= tol {
            continue;
        }
        let u = ((q.0 - p.0) / len, (q.1 - p.1) / len);
        for j in 0..b.len() {
            let (r, s) = (b[j], b[(j + 1) % b.len()]);
            // both ends of b's edge on a's line
            let off = |c: Pt| ((c.0 - p.0) * -u.1 + (c.1 - p.1) * u.0).abs();
            if off(r) > tol || off(s) > tol {
                continue;
            }
            let t = |c: Pt| (c.0 - p.0) * u.0 + (c.1 - p.1) * u.1;
            let (t0, t1) = {
                let (x, y) = (t(r), t(s));
                (x.min(y).max(0.0), x.max(y).min(len))
            };
            if t1 - t0 > tol {
                out.push((
                    (p.0 + u.0 * t0, p.1 + u.1 * t0),
                    (p.0 + u.0 * t1, p.1 + u.1 * t1),
                ));
            }
        }
    }
    out
}

/// A bounding box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BBox {
    pub min: Pt,
    pub max: Pt,
}

impl BBox {
    pub fn of(points: &[Pt]) -> BBox {
        let mut b = BBox {
            min: (f64::INFINITY, f64::INFINITY),
            max: (f64::NEG_INFINITY, f64::NEG_INFINITY),
        };
        for &(x, y) in points {
            b.min = (b.min.0.min(x), b.min.1.min(y));
            b.max = (b.max.0.max(x), b.max.1.max(y));
        }
        b
    }

    /// Grown by `d` on every side (shrunk when negative).
    pub fn grow(self, d: f64) -> BBox {
        BBox {
            min: (self.min.0 - d, self.min.1 - d),
            max: (self.max.0 + d, self.max.1 + d),
        }
    }

    pub fn union(self, o: BBox) -> BBox {
        BBox {
            min: (self.min.0.min(o.min.0), self.min.1.min(o.min.1)),
            max: (self.max.0.max(o.max.0), self.max.1.max(o.max.1)),
        }
    }

    pub fn contains(self, p: Pt) -> bool {
        p.0 >= self.min.0 && p.0 <= self.max.0 && p.1 >= self.min.1 && p.1 <= self.max.1
    }

    fn envelope(self) -> AABB<[f64; 2]> {
        AABB::from_corners([self.min.0, self.min.1], [self.max.0, self.max.1])
    }
}

/// Boxes with an index each, for "which boxes meet this box".
pub(crate) struct BoxIndex {
    tree: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
}

impl BoxIndex {
    pub fn new(boxes: impl IntoIterator<Item = (usize, BBox)>) -> Self {
        let items = boxes
            .into_iter()
            .map(|(i, b)| {
                GeomWithData::new(
                    Rectangle::from_corners([b.min.0, b.min.1], [b.max.0, b.max.1]),
                    i,
                )
            })
            .collect();
        BoxIndex {
            tree: RTree::bulk_load(items),
        }
    }

    /// Indices of the boxes that meet `b`, in increasing order.
    pub fn meeting(&self, b: BBox) -> Vec<usize> {
        if !(b.min.0 <= b.max.0 && b.min.1 <= b.max.1) {
            return Vec::new();
        }
        let mut v: Vec<usize> = self
            .tree
            .locate_in_envelope_intersecting(&b.envelope())
            .map(|g| g.data)
            .collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_wall_of_two_rooms() {
        let a = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];
        let b = [(4.0, 1.0), (7.0, 1.0), (7.0, 5.0), (4.0, 5.0)];
        let s = shared_segments(&a, &b, 0.01);
        assert_eq!(s, vec![((4.0, 1.0), (4.0, 3.0))]);
        let far = [(5.0, 0.0), (7.0, 0.0), (7.0, 3.0), (5.0, 3.0)];
        assert!(shared_segments(&a, &far, 0.01).is_empty());
    }

    #[test]
    fn closest_points() {
        let a = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];
        let (q, d, e) = closest_on_ring((2.0, -0.1), &a);
        assert_eq!((q, e), ((2.0, 0.0), 0));
        assert!((d - 0.1).abs() < 1e-12);
    }

    #[test]
    fn index_finds_meeting_boxes() {
        let boxes = [
            BBox::of(&[(0.0, 0.0), (1.0, 1.0)]),
            BBox::of(&[(2.0, 2.0), (3.0, 3.0)]),
            BBox::of(&[(0.5, 0.5), (2.5, 2.5)]),
        ];
        let idx = BoxIndex::new(boxes.iter().copied().enumerate());
        assert_eq!(idx.meeting(boxes[0]), vec![0, 2]);
        assert_eq!(idx.meeting(boxes[0].grow(-0.6)), Vec::<usize>::new());
    }
}
