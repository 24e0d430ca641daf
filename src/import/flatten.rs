//! Polyline arcs (bulges) as straight segments, and the clean-up of a ring
//! of points into a plan outline.
//!
//! An arc is cut into chords so that no point of the arc is more than
//! [`ARC_TOLERANCE`] (1 cm) from its chord, *and* the area between the arc
//! and the chords is under [`ARC_AREA_TOLERANCE`] — the 1 cm alone would
//! cost 0.04 m² on a 2 m semicircular bay, more than the 0.01 m² the checks
//! compare areas at.

use super::scan::BulgeVertex;

/// Largest distance between an arc and its chords, in metres.
pub const ARC_TOLERANCE: f64 = 0.01;
/// Largest area between an arc and its chords, in m².
pub const ARC_AREA_TOLERANCE: f64 = 0.0005;
/// Points closer than this (metres) are one point.
pub const COINCIDENT: f64 = 0.001;

/// The points of a ring whose segments may be arcs: vertex `i`'s bulge
/// (tan of a quarter of the included angle, positive counter-clockwise)
/// shapes the segment from vertex `i` to vertex `i + 1` (the last one back to
/// the first when `closed`). Coordinates in metres.
pub fn flatten(ring: &[BulgeVertex], closed: bool) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(ring.len());
    for (i, v) in ring.iter().enumerate() {
        out.push((v.x, v.y));
        let next = match ring.get(i + 1) {
            Some(n) => n,
            None if closed => &ring[0],
            None => break,
        };
        arc_points(v, next, &mut out);
    }
    out
}

/// The inner points of the arc from `a` to `b` with `a`'s bulge.
fn arc_points(a: &BulgeVertex, b: &BulgeVertex, out: &mut Vec<(f64, f64)>) {
    let bulge = a.bulge;
    if !bulge.is_finite() || bulge.abs() < 1e-9 {
        return;
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let chord = dx.hypot(dy);
    if chord < 1e-9 {
        return;
    }
    let theta = 4.0 * bulge.atan(); // signed included angle
    let half = theta / 2.0;
    let radius = chord / (2.0 * half.sin().abs());
    // centre: from the chord's middle along its left normal
    let offset = (chord / 2.0) / half.tan();
    let (nx, ny) = (-dy / chord, dx / chord);
    let (cx, cy) = (a.x + dx / 2.0 + nx * offset, a.y + dy / 2.0 + ny * offset);
    let n = segments(radius, theta.abs());
    let start = (a.y - cy).atan2(a.x - cx);
    for k in 1..n {
        let t = start + theta * k as f64 / n as f64;
        out.push((cx + radius * t.cos(), cy + radius * t.sin()));
    }
}

/// How many chords an arc of `radius` and included angle `angle` needs.
pub fn segments(radius: f64, angle: f64) -> usize {
    if !(radius.is_finite() && angle.is_finite()) || radius <= 0.0 {
        return 1;
    }
    let by_distance = if radius > ARC_TOLERANCE {
        angle / (2.0 * (1.0 - ARC_TOLERANCE / radius).acos())
    } else {
        1.0
    };
    // area between an arc and n chords ≈ r²·θ³ / (12·n²)
    let by_area = (radius * radius * angle.powi(3) / (12.0 * ARC_AREA_TOLERANCE)).sqrt();
    (by_distance.max(by_area).ceil() as usize).clamp(1, 4096)
}

/// Round to a micrometre: whole-millimetre drawings give whole-millimetre
/// outlines, without float noise in the plan file.
pub fn round_um(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// A ring as a plan outline: rounded, points closer than 1 mm to the one
/// before merged, the closing repeat of the first point dropped.
pub fn clean(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for &(x, y) in points {
        let p = (round_um(x), round_um(y));
        if out.last().is_some_and(|&q| close(p, q)) {
            continue;
        }
        out.push(p);
    }
    while out.len() > 1 && close(out[0], out[out.len() - 1]) {
        out.pop();
    }
    out
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).hypot(a.1 - b.1) < COINCIDENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::area::outline_area;
    use std::f64::consts::PI;

    fn v(x: f64, y: f64, bulge: f64) -> BulgeVertex {
        BulgeVertex { x, y, bulge }
    }

    #[test]
    fn a_semicircular_bay_has_the_area_of_the_arc() {
        // 4 x 3 rectangle with a semicircle of radius 1.5 on its right side
        let ring = [
            v(0.0, 0.0, 0.0),
            v(4.0, 0.0, 1.0),
            v(4.0, 3.0, 0.0),
            v(0.0, 3.0, 0.0),
        ];
        let pts = flatten(&ring, true);
        let exact = 12.0 + PI * 1.5 * 1.5 / 2.0;
        let got = outline_area(&pts);
        assert!((got - exact).abs() < ARC_AREA_TOLERANCE, "{got} vs {exact}");
        // every point lies on the arc, and the bay bulges outwards (x > 4)
        for &(x, y) in pts.iter().filter(|p| p.0 > 4.0 + 1e-9) {
            assert!(((x - 4.0).hypot(y - 1.5) - 1.5).abs() < 1e-9);
        }
        assert!(pts.iter().any(|p| (p.0 - 5.5).abs() < 0.01));
    }

    #[test]
    fn chords_stay_within_a_centimetre_of_big_arcs() {
        for (r, angle) in [(50.0, 0.5), (3.0, PI), (0.2, PI / 2.0), (1000.0, 0.01)] {
            let n = segments(r, angle);
            let sagitta = r * (1.0 - (angle / (2.0 * n as f64)).cos());
            assert!(sagitta <= ARC_TOLERANCE + 1e-12, "r {r}: {sagitta}");
        }
    }

    #[test]
    fn negative_bulge_turns_clockwise() {
        let ring = [v(0.0, 0.0, -1.0), v(2.0, 0.0, 0.0)];
        let pts = flatten(&ring, false);
        // clockwise around (1, 0) from (0, 0) to (2, 0): over the top
        assert!(pts[1..pts.len() - 1].iter().all(|p| p.1 > 0.0), "{pts:?}");
    }

    #[test]
    fn clean_merges_repeats_and_drops_closing_point() {
        let pts = [
            (0.0, 0.0),
            (4.0, 0.0),
            (4.0004, 0.0),
            (4.0, 3.0),
            (0.0, 3.0),
            (0.0, 0.0005),
        ];
        assert_eq!(
            clean(&pts),
            vec![(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]
        );
    }
}
