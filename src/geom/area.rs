//! Room areas and the premises area.
//!
//! Outlines are translated to a local origin before any arithmetic, so that a
//! room drawn on a survey grid (1,234,567.891 / 7,654,321.123) has the same
//! area as the same room at the origin.
//!
//! ```
//! use juwei::geom::area::outline_area;
//! // an L-shaped room, clockwise
//! let l = [(0.0, 0.0), (0.0, 6.0), (3.0, 6.0), (3.0, 3.0), (8.0, 3.0), (8.0, 0.0)];
//! assert_eq!(outline_area(&l), 33.0);
//! ```

use geo::{Area, Coord, LineString, Polygon};

/// Round to 0.01 (the precision at which `rules.md` compares areas).
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The outline as a geo polygon, translated by `-origin`. The ring is closed
/// by geo; the outline's own last point is not the first repeated.
pub fn polygon(outline: &[(f64, f64)], origin: Coord<f64>) -> Polygon<f64> {
    let ring: Vec<Coord<f64>> = outline
        .iter()
        .map(|&(x, y)| Coord {
            x: x - origin.x,
            y: y - origin.y,
        })
        .collect();
    Polygon::new(LineString::new(ring), vec![])
}

/// The unsigned area of an outline in m², whatever its winding, computed in
/// a frame whose origin is the outline's first point.
pub fn outline_area(outline: &[(f64, f64)]) -> f64 {
    let Some(&(x0, y0)) = outline.first() else {
        return 0.0;
    };
    polygon(outline, Coord { x: x0, y: y0 }).unsigned_area()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQ: [(f64, f64); 4] = [(0.0, 0.0), (12.0, 0.0), (12.0, 8.0), (0.0, 8.0)];

    #[test]
    fn both_windings() {
        let mut rev = SQ;
        rev.reverse();
        assert_eq!(outline_area(&SQ), 96.0);
        assert_eq!(outline_area(&rev), 96.0);
    }

    #[test]
    fn far_from_origin() {
        let far: Vec<_> = SQ
            .iter()
            .map(|&(x, y)| (x + 1_234_567.891, y + 7_654_321.123))
            .collect();
        assert_eq!(round2(outline_area(&far)), 96.0);
    }

    #[test]
    fn degenerate() {
        assert_eq!(outline_area(&[]), 0.0);
        assert_eq!(outline_area(&[(1.0, 1.0)]), 0.0);
        assert_eq!(outline_area(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]), 0.0);
    }

    #[test]
    fn concave() {
        // a U shape: 6x4 minus a 2x2 notch
        let u = [
            (0.0, 0.0),
            (6.0, 0.0),
            (6.0, 4.0),
            (4.0, 4.0),
            (4.0, 2.0),
            (2.0, 2.0),
            (2.0, 4.0),
            (0.0, 4.0),
        ];
        assert_eq!(outline_area(&u), 20.0);
    }
}
