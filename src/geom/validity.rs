//! G01: is a room outline a usable simple polygon?
//!
//! ```
//! use juwei::geom::validity::{outline_problem, OutlineProblem};
//! let bow_tie = [(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)];
//! assert_eq!(outline_problem(&bow_tie), Some(OutlineProblem::SelfIntersection));
//! assert_eq!(outline_problem(&[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0)]), None);
//! ```

use geo::line_intersection::LineIntersection;
use geo::sweep::{Cross, Intersections};
use geo::{Coord, Line};

use super::area::{outline_area, round2};

/// What is wrong with an outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineProblem {
    /// Fewer than 3 distinct points.
    TooFewPoints,
    /// A coordinate is NaN or infinite.
    NonFinite,
    /// A coordinate beyond [`MAX_COORD`] or a room more than [`MAX_EXTENT`]
    /// across: no committee room is, and areas would lose their precision
    /// (usually a drawing in millimetres, or a stray point).
    OutOfRange,
    /// The area rounds to 0.00 m².
    ZeroArea,
    /// Two walls cross or touch away from their shared corner.
    SelfIntersection,
    /// More than [`MAX_OUTLINE_POINTS`] points: no room has that many
    /// corners (usually an arc or a survey line exported point by point).
    TooManyPoints,
}

impl OutlineProblem {
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            OutlineProblem::TooFewPoints => ("少于3个不同顶点", "fewer than 3 distinct points"),
            OutlineProblem::NonFinite => ("坐标不是有限数", "a coordinate is not a finite number"),
            OutlineProblem::OutOfRange => (
                "坐标超出范围(房间超过1公里或坐标超过10亿米),请检查单位是否为米",
                "coordinates out of range (a room over 1 km across, or beyond 1e9 m): are the units metres?",
            ),
            OutlineProblem::ZeroArea => ("面积为零", "its area is zero"),
            OutlineProblem::SelfIntersection => ("轮廓自相交", "the outline intersects itself"),
            OutlineProblem::TooManyPoints => (
                "轮廓顶点过多(超过10万个),请简化图形",
                "too many points (over 100,000) in the outline: simplify it",
            ),
        }
    }
}

/// The largest coordinate accepted, in metres: survey grids (CGCS2000 with
/// zone prefix, about 4e7) fit with room to spare, and at 1e9 a double still
/// resolves a tenth of a micrometre.
pub const MAX_COORD: f64 = 1e9;

/// The largest width or depth of a room, in metres.
pub const MAX_EXTENT: f64 = 1_000.0;

/// The most points an outline may have. The self-intersection test is a
/// sweep (near-linear), so this only bounds pathological inputs.
pub const MAX_OUTLINE_POINTS: usize = 100_000;

/// The outline without consecutive repeated points and without a closing
/// repeat of the first point (accepted though the format says not to write it).
pub fn clean_outline(outline: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::with_capacity(outline.len());
    for &p in outline {
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    while pts.len() > 1 && pts.first() == pts.last() {
        pts.pop();
    }
    pts
}

/// The first problem found with an outline, or `None` when it is a simple
/// polygon of non-zero area.
pub fn outline_problem(outline: &[(f64, f64)]) -> Option<OutlineProblem> {
    if outline
        .iter()
        .any(|&(x, y)| !x.is_finite() || !y.is_finite())
    {
        return Some(OutlineProblem::NonFinite);
    }
    if outline
        .iter()
        .any(|&(x, y)| x.abs() > MAX_COORD || y.abs() > MAX_COORD)
    {
        return Some(OutlineProblem::OutOfRange);
    }
    if outline.len() > MAX_OUTLINE_POINTS {
        return Some(OutlineProblem::TooManyPoints);
    }
    let pts = clean_outline(outline);
    if pts.len() < 3 {
        return Some(OutlineProblem::TooFewPoints);
    }
    let extent = |f: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = pts
            .iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        hi - lo
    };
    if extent(|p| p.0) > MAX_EXTENT || extent(|p| p.1) > MAX_EXTENT {
        return Some(OutlineProblem::OutOfRange);
    }
    if round2(outline_area(&pts)) == 0.0 {
        // a bow tie's two halves cancel out: it crosses itself, and saying
        // "zero area" would send the user looking for the wrong mistake
        if !collinear(&pts) && self_intersects(&pts) {
            return Some(OutlineProblem::SelfIntersection);
        }
        return Some(OutlineProblem::ZeroArea);
    }
    if self_intersects(&pts) {
        return Some(OutlineProblem::SelfIntersection);
    }
    None
}

/// One wall of an outline, with its index along the ring.
#[derive(Debug, Clone, Copy)]
struct Wall {
    i: usize,
    line: Line<f64>,
}

impl Cross for Wall {
    type Scalar = f64;
    fn line(&self) -> Line<f64> {
        self.line
    }
}

/// Outlines with at most this many walls are checked pair by pair: every
/// room drawn by hand or imported has far fewer, and the pairwise check
/// cannot trip over the degenerate inputs that geo's sweep asserts on.
const PAIRWISE_MAX_WALLS: usize = 64;

/// Do two walls of the closed ring `pts` (cleaned: no repeated points)
/// cross, overlap, or touch anywhere but the corner two neighbours share?
/// Small rings pair by pair; large ones by a sweep over the walls (geo's
/// Bentley–Ottmann variant), near-linear where `geo::Validation` compares
/// every pair. geo 0.33's sweep can fail an internal assertion on nearly
/// collinear walls (found by tests/robustness.rs); that panic is caught and
/// the ring is then checked pair by pair, so bad input never crashes.
fn self_intersects(pts: &[(f64, f64)]) -> bool {
    let n = pts.len();
    // relative to the first point: far from the origin (survey grids) a
    // double keeps its precision for the differences
    let (x0, y0) = pts[0];
    let c = |(x, y): (f64, f64)| Coord {
        x: x - x0,
        y: y - y0,
    };
    let walls: Vec<Wall> = (0..n)
        .map(|i| Wall {
            i,
            line: Line::new(c(pts[i]), c(pts[(i + 1) % n])),
        })
        .collect();
    if n > PAIRWISE_MAX_WALLS {
        let swept = std::panic::catch_unwind(|| {
            Intersections::from_iter(walls.iter().copied()).any(|(a, b, x)| crossing(n, &a, &b, x))
        });
        if let Ok(found) = swept {
            return found;
        }
    }
    (0..n).any(|i| {
        (i + 1..n).any(|j| {
            geo::line_intersection::line_intersection(walls[i].line, walls[j].line)
                .is_some_and(|x| crossing(n, &walls[i], &walls[j], x))
        })
    })
}

/// Is the meeting `x` of walls `a` and `b` of an `n`-wall ring a fault,
/// rather than the corner two neighbouring walls share?
fn crossing(n: usize, a: &Wall, b: &Wall, x: LineIntersection<f64>) -> bool {
    let shared = if (a.i + 1) % n == b.i {
        Some(a.line.end)
    } else if (b.i + 1) % n == a.i {
        Some(b.line.end)
    } else {
        None
    };
    match x {
        LineIntersection::Collinear { .. } => true,
        LineIntersection::SinglePoint { intersection, .. } => shared != Some(intersection),
    }
}

/// All points lie on one straight line (within a micrometre).
fn collinear(pts: &[(f64, f64)]) -> bool {
    let (x0, y0) = pts[0];
    let far = pts
        .iter()
        .map(|&(x, y)| (x - x0, y - y0))
        .max_by(|a, b| a.0.hypot(a.1).total_cmp(&b.0.hypot(b.1)));
    let Some((dx, dy)) = far else { return true };
    let len = dx.hypot(dy);
    if len == 0.0 {
        return true;
    }
    pts.iter()
        .all(|&(x, y)| ((x - x0) * dy - (y - y0) * dx).abs() / len < 1e-6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems() {
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (1.0, 0.0)]),
            Some(OutlineProblem::TooFewPoints)
        );
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (1.0, 0.0), (1.0, 0.0), (0.0, 0.0)]),
            Some(OutlineProblem::TooFewPoints)
        );
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]),
            Some(OutlineProblem::ZeroArea)
        );
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (f64::NAN, 0.0), (2.0, 1.0)]),
            Some(OutlineProblem::NonFinite)
        );
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]),
            None,
            "a closing repeat is tolerated"
        );
        assert_eq!(
            outline_problem(&[(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)]),
            Some(OutlineProblem::SelfIntersection),
            "a symmetric bow tie has zero signed area but crosses itself"
        );
    }

    #[test]
    fn out_of_range() {
        let huge = [(0.0, 0.0), (1e300, 0.0), (0.0, 1.0)];
        assert_eq!(outline_problem(&huge), Some(OutlineProblem::OutOfRange));
        // a 12 m × 8 m room drawn in millimetres
        let mm = [(0.0, 0.0), (12000.0, 0.0), (12000.0, 8000.0), (0.0, 8000.0)];
        assert_eq!(outline_problem(&mm), Some(OutlineProblem::OutOfRange));
        let survey = [(4.0e7, 3.4e6), (4.0e7 + 12.0, 3.4e6), (4.0e7, 3.4e6 + 8.0)];
        assert_eq!(outline_problem(&survey), None);
    }

    /// The sweep agrees with geo's pairwise validation on shapes that
    /// matter: touching corners, spikes, a wall through a corner, a
    /// straight wall with a point in its middle.
    #[test]
    fn sweep_agrees_with_geo_validation() {
        use geo::Validation;
        let shapes: Vec<Vec<(f64, f64)>> = vec![
            vec![(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)],
            vec![(0.0, 0.0), (2.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)],
            vec![(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (2.0, 0.0), (0.0, 3.0)],
            vec![(0.0, 0.0), (4.0, 0.0), (6.0, 0.0), (4.0, 0.0), (4.0, 3.0)],
            vec![
                (0.0, 0.0),
                (4.0, 0.0),
                (4.0, 4.0),
                (2.0, 4.0),
                (2.0, 2.0),
                (3.0, 2.0),
                (3.0, 4.0),
                (0.0, 4.0),
            ],
            vec![
                (0.0, 0.0),
                (3.0, 0.0),
                (3.0, 3.0),
                (1.0, 3.0),
                (1.0, 1.0),
                (2.0, 1.0),
                (2.0, 3.0),
                (0.0, 3.0),
            ],
            vec![(0.0, 0.0), (5.0, 0.0), (5.0, 5.0), (2.5, 0.0), (0.0, 5.0)],
            vec![(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)],
            vec![
                (0.0, 0.0),
                (6.0, 0.0),
                (6.0, 2.0),
                (3.0, 2.0),
                (3.0, 0.0),
                (0.0, 2.0),
            ],
        ];
        for pts in shapes {
            let geo_says = crate::geom::area::polygon(&pts, Coord { x: 0.0, y: 0.0 }).is_valid();
            assert_eq!(!self_intersects(&pts), geo_says, "{pts:?}");
        }
    }

    /// Issue 15 item 6: 16,000 points took 0.9 s in `geo::Validation`;
    /// a 100,000-point circle is now quick, and more points are a finding.
    #[test]
    fn many_points_are_near_linear_and_capped() {
        let n = 100_000;
        let circle: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                (5.0 * a.cos(), 5.0 * a.sin())
            })
            .collect();
        assert_eq!(outline_problem(&circle), None);
        let mut more = circle.clone();
        more.push((0.0, 0.0));
        assert_eq!(outline_problem(&more), Some(OutlineProblem::TooManyPoints));
    }

    #[test]
    fn far_from_origin_is_still_valid() {
        let o = (1_234_567.891, 7_654_321.123);
        let sq: Vec<_> = [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (0.0, 3.0)]
            .iter()
            .map(|&(x, y)| (x + o.0, y + o.1))
            .collect();
        assert_eq!(outline_problem(&sq), None);
    }
}
