//! Projective transforms of the plane (homographies), for tracing a plan
//! from a photo or a scan (`underlays[].to_plan` of `plan-format.md`).
//!
//! A photo of a paper plan taken at an angle shows the paper's rectangle as
//! a general quadrilateral; the transform that maps four image points onto
//! the corners of a known rectangle rectifies the whole photo. It is found by
//! the direct linear transform (DLT) on Hartley-normalised points (centroid
//! at the origin, mean distance √2), solved in least squares, so four points
//! give the exact transform and more points a best fit.
//!
//! No crate of the ecosystem that is kept up does only this (the computer
//! vision crates bring a linear-algebra stack of their own): the 8 × 8
//! normal equations are solved here by Gaussian elimination with partial
//! pivoting, and the tests check it against known transforms.
//!
//! ```
//! use juwei::geom::homography::Homography;
//! // a photo: the paper's corners seen at these pixels …
//! let seen = [(102.0, 80.0), (880.0, 130.0), (840.0, 700.0), (60.0, 650.0)];
//! // … are the corners of a 12 m × 9 m drawing (y up on the plan)
//! let h = Homography::rectify(&seen, (0.0, 9.0), 12.0, -9.0).unwrap();
//! let (x, y) = h.apply((880.0, 130.0)).unwrap();
//! assert!((x - 12.0).abs() < 1e-9 && (y - 9.0).abs() < 1e-9);
//! ```

use std::fmt;

/// A 3 × 3 projective transform, row-major: (x, y, 1) ↦ (u, v, w), the
/// point (u / w, v / w).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Homography(pub [f64; 9]);

/// Why no transform could be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomographyError {
    /// Fewer than four point pairs, or lists of different lengths.
    TooFewPoints,
    /// Three of the points lie on one line (or two coincide): the points do
    /// not fix a projective transform.
    Degenerate,
    /// A coordinate is not a finite number.
    NotFinite,
}

impl HomographyError {
    /// The message, Chinese and English.
    pub fn message(self) -> (&'static str, &'static str) {
        match self {
            HomographyError::TooFewPoints => (
                "需要四个点(矩形的四个角)",
                "four points are needed (the corners of a rectangle)",
            ),
            HomographyError::Degenerate => (
                "这些点中有三点在一条直线上(或两点重合),无法校正:请点击矩形的四个角",
                "three of the points lie on one line (or two coincide): click the four corners of a rectangle",
            ),
            HomographyError::NotFinite => ("坐标必须是有限的数值", "coordinates must be finite numbers"),
        }
    }
}

impl fmt::Display for HomographyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (zh, en) = self.message();
        write!(f, "{zh} ({en})")
    }
}

impl std::error::Error for HomographyError {}

type P = (f64, f64);

impl Default for Homography {
    fn default() -> Self {
        Homography::IDENTITY
    }
}

impl Homography {
    pub const IDENTITY: Homography = Homography([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]);

    /// Scale by `s` in x and `t` in y, then move by (`dx`, `dy`).
    pub fn scale_translate(s: f64, t: f64, dx: f64, dy: f64) -> Homography {
        Homography([s, 0.0, dx, 0.0, t, dy, 0.0, 0.0, 1.0])
    }

    /// Scale by `s` about the point `c` (which stays where it is).
    pub fn scale_about(c: P, s: f64) -> Homography {
        Homography::scale_translate(s, s, c.0 * (1.0 - s), c.1 * (1.0 - s))
    }

    /// Rotate by `angle` (radians, counter-clockwise) about `c`.
    pub fn rotate_about(c: P, angle: f64) -> Homography {
        let (sn, cs) = angle.sin_cos();
        Homography([
            cs,
            -sn,
            c.0 - cs * c.0 + sn * c.1,
            sn,
            cs,
            c.1 - sn * c.0 - cs * c.1,
            0.0,
            0.0,
            1.0,
        ])
    }

    /// The image of `p`; `None` where the transform sends it to infinity
    /// (on the photo's horizon) or for a point that is not finite.
    pub fn apply(&self, p: P) -> Option<P> {
        let h = &self.0;
        let w = h[6] * p.0 + h[7] * p.1 + h[8];
        let u = h[0] * p.0 + h[1] * p.1 + h[2];
        let v = h[3] * p.0 + h[4] * p.1 + h[5];
        let scale = h.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        // (a NaN w fails the comparison too)
        if w.abs().partial_cmp(&(1e-12 * scale.max(1e-300))) != Some(std::cmp::Ordering::Greater) {
            return None;
        }
        let q = (u / w, v / w);
        (q.0.is_finite() && q.1.is_finite()).then_some(q)
    }

    /// `self` after `first`: p ↦ self(first(p)).
    pub fn after(&self, first: &Homography) -> Homography {
        let (a, b) = (&self.0, &first.0);
        let mut m = [0.0; 9];
        for r in 0..3 {
            for c in 0..3 {
                m[r * 3 + c] = (0..3).map(|k| a[r * 3 + k] * b[k * 3 + c]).sum();
            }
        }
        Homography(m).normalised()
    }

    /// The inverse transform; `None` when the matrix is singular.
    pub fn inverse(&self) -> Option<Homography> {
        let m = &self.0;
        let cof = [
            m[4] * m[8] - m[5] * m[7],
            m[2] * m[7] - m[1] * m[8],
            m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8],
            m[0] * m[8] - m[2] * m[6],
            m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6],
            m[1] * m[6] - m[0] * m[7],
            m[0] * m[4] - m[1] * m[3],
        ];
        let det = m[0] * cof[0] + m[1] * cof[3] + m[2] * cof[6];
        let scale = m.iter().fold(0.0f64, |a, x| a.max(x.abs()));
        if !det.is_finite() || det.abs() <= 1e-12 * scale.powi(3) {
            return None;
        }
        Some(Homography(cof.map(|c| c / det)).normalised())
    }

    /// The same transform with h33 = 1 where possible (the numbers the plan
    /// file keeps), else scaled so that the largest entry is 1.
    pub fn normalised(&self) -> Homography {
        let h = self.0;
        let scale = h.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        let d = if h[8].abs() > 1e-9 * scale {
            h[8]
        } else {
            scale
        };
        if d == 0.0 || !d.is_finite() {
            return *self;
        }
        Homography(h.map(|x| x / d))
    }

    /// Whether the transform keeps lengths' ratios in all directions (no
    /// perspective, no shear): a scan rather than a photo at an angle.
    pub fn is_similarity(&self, tol: f64) -> bool {
        let h = self.normalised().0;
        let (a, b, c, d) = (h[0], h[1], h[3], h[4]);
        let s = (a * a + c * c).sqrt().max(1e-300);
        h[6].abs() < tol * s
            && h[7].abs() < tol * s
            && ((a - d).abs() < tol * s || (a + d).abs() < tol * s)
            && ((b + c).abs() < tol * s || (b - c).abs() < tol * s)
    }

    /// The transform that maps each `from` point onto its `to` point, in
    /// least squares when there are more than four.
    pub fn from_points(from: &[P], to: &[P]) -> Result<Homography, HomographyError> {
        if from.len() < 4 || from.len() != to.len() {
            return Err(HomographyError::TooFewPoints);
        }
        if from
            .iter()
            .chain(to)
            .any(|p| !(p.0.is_finite() && p.1.is_finite()))
        {
            return Err(HomographyError::NotFinite);
        }
        if has_collinear_triple(from) || has_collinear_triple(to) {
            return Err(HomographyError::Degenerate);
        }
        let (tf, nf) = normalising(from).ok_or(HomographyError::Degenerate)?;
        let (tt, nt) = normalising(to).ok_or(HomographyError::Degenerate)?;
        // h33 = 1: each pair gives two rows of A h = b
        let mut ata = [[0.0f64; 8]; 8];
        let mut atb = [0.0f64; 8];
        for (&(x, y), &(u, v)) in nf.iter().zip(&nt) {
            let rows = [
                ([x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y], u),
                ([0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y], v),
            ];
            for (row, rhs) in rows {
                for i in 0..8 {
                    atb[i] += row[i] * rhs;
                    for j in 0..8 {
                        ata[i][j] += row[i] * row[j];
                    }
                }
            }
        }
        let h = solve8(ata, atb).ok_or(HomographyError::Degenerate)?;
        let hn = Homography([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], 1.0]);
        // denormalise: H = Tt⁻¹ · Hn · Tf
        let tt_inv = tt.inverse().ok_or(HomographyError::Degenerate)?;
        let out = tt_inv.after(&hn.after(&tf));
        if out.0.iter().any(|x| !x.is_finite()) || out.inverse().is_none() {
            return Err(HomographyError::Degenerate);
        }
        Ok(out)
    }

    /// The transform that rectifies a photo: the four image points `seen`
    /// (in order around the rectangle) go to the corners of the rectangle
    /// with first corner `origin` and sides `width` (along x) and `height`
    /// (along y; negative for a rectangle that runs downwards, as the plan's
    /// y axis points up and the image's down).
    pub fn rectify(
        seen: &[P; 4],
        origin: P,
        width: f64,
        height: f64,
    ) -> Result<Homography, HomographyError> {
        let (x, y) = origin;
        let corners = [
            (x, y),
            (x + width, y),
            (x + width, y + height),
            (x, y + height),
        ];
        Homography::from_points(seen, &corners)
    }

    /// Scale a transform about `a` so that the plan distance from `a` to `b`
    /// becomes `length` (calibration by a known dimension). `None` when the
    /// two points coincide or the length is not positive.
    pub fn calibrated(&self, a: P, b: P, length: f64) -> Option<Homography> {
        let d = (b.0 - a.0).hypot(b.1 - a.1);
        if !(d > 1e-9 && length > 0.0 && length.is_finite()) {
            return None;
        }
        Some(Homography::scale_about(a, length / d).after(self))
    }
}

/// Hartley's normalisation: the similarity that moves the points' centroid
/// to the origin and makes their mean distance from it √2, and the points
/// so transformed.
fn normalising(pts: &[P]) -> Option<(Homography, Vec<P>)> {
    let n = pts.len() as f64;
    let cx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let cy = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let mean = pts.iter().map(|p| (p.0 - cx).hypot(p.1 - cy)).sum::<f64>() / n;
    if !(mean > 0.0 && mean.is_finite()) {
        return None;
    }
    let s = std::f64::consts::SQRT_2 / mean;
    let t = Homography::scale_translate(s, s, -s * cx, -s * cy);
    let moved = pts
        .iter()
        .map(|p| ((p.0 - cx) * s, (p.1 - cy) * s))
        .collect();
    Some((t, moved))
}

/// Whether some three of the points lie on one line (relative to the
/// points' spread), which leaves a projective transform undetermined.
fn has_collinear_triple(pts: &[P]) -> bool {
    let spread = pts
        .iter()
        .flat_map(|a| pts.iter().map(move |b| (a.0 - b.0).hypot(a.1 - b.1)))
        .fold(0.0f64, f64::max);
    if spread <= 0.0 {
        return true;
    }
    let n = pts.len();
    // with more than four points, only a degenerate 4-subset matters
    // when every point is on one line; a best fit copes with the rest
    let all = n == 4;
    let mut collinear = 0usize;
    let mut triples = 0usize;
    for i in 0..n {
        for j in i + 1..n {
            for k in j + 1..n {
                let (a, b, c) = (pts[i], pts[j], pts[k]);
                let cross = (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0);
                triples += 1;
                if cross.abs() <= 1e-6 * spread * spread {
                    collinear += 1;
                }
            }
        }
    }
    if all {
        collinear > 0
    } else {
        collinear == triples
    }
}

/// Solve the 8 × 8 system by Gaussian elimination with partial pivoting.
fn solve8(mut a: [[f64; 8]; 8], mut b: [f64; 8]) -> Option<[f64; 8]> {
    let scale = a
        .iter()
        .flatten()
        .fold(0.0f64, |m, x| m.max(x.abs()))
        .max(1e-300);
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() <= 1e-12 * scale {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..8 {
            let f = a[row][col] / a[col][col];
            if f != 0.0 {
                let pivot_row = a[col];
                for (x, p) in a[row][col..].iter_mut().zip(&pivot_row[col..]) {
                    *x -= f * p;
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = [0.0; 8];
    for row in (0..8).rev() {
        let s: f64 = (row + 1..8).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: P, b: P, tol: f64) -> bool {
        (a.0 - b.0).abs() <= tol && (a.1 - b.1).abs() <= tol
    }

    /// A phone photo's transform: plan metres → image pixels, with
    /// perspective (h31, h32 ≠ 0), rotation and the image's y pointing down.
    fn photo() -> Homography {
        Homography([62.0, 9.5, 140.0, -6.0, -55.0, 820.0, 0.012, -0.018, 1.0])
    }

    #[test]
    fn four_points_give_the_exact_transform_back() {
        let h = photo();
        let plan = [(0.0, 0.0), (12.0, 0.0), (12.0, 9.0), (0.0, 9.0)];
        let img: Vec<P> = plan.iter().map(|p| h.apply(*p).unwrap()).collect();
        let back = Homography::from_points(&img, &plan).unwrap();
        for (i, p) in img.iter().zip(&plan) {
            assert!(close(back.apply(*i).unwrap(), *p, 1e-9));
        }
        // and any other point of the plane too
        for p in [(3.3, 4.4), (-2.0, 7.5), (11.0, 0.5)] {
            let q = back.apply(h.apply(p).unwrap()).unwrap();
            assert!(close(q, p, 1e-8), "{p:?} -> {q:?}");
        }
    }

    #[test]
    fn more_points_with_noise_are_fitted_in_least_squares() {
        let h = photo();
        let mut plan = Vec::new();
        for i in 0..5 {
            for j in 0..4 {
                plan.push((i as f64 * 3.0, j as f64 * 3.0));
            }
        }
        // half a pixel of alternating error
        let img: Vec<P> = plan
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let q = h.apply(*p).unwrap();
                let e = if k % 2 == 0 { 0.5 } else { -0.5 };
                (q.0 + e, q.1 - e)
            })
            .collect();
        let back = Homography::from_points(&img, &plan).unwrap();
        for (i, p) in img.iter().zip(&plan) {
            assert!(close(back.apply(*i).unwrap(), *p, 0.05));
        }
    }

    #[test]
    fn inverse_and_composition() {
        let h = photo();
        let inv = h.inverse().unwrap();
        let id = inv.after(&h);
        for (a, b) in id.0.iter().zip(Homography::IDENTITY.0) {
            assert!((a - b).abs() < 1e-9, "{id:?}");
        }
        let r = Homography::rotate_about((1.0, 2.0), std::f64::consts::FRAC_PI_2);
        assert!(close(r.apply((2.0, 2.0)).unwrap(), (1.0, 3.0), 1e-12));
        assert!(r.is_similarity(1e-9));
        assert!(!h.is_similarity(1e-6));
    }

    #[test]
    fn degenerate_points_are_refused() {
        let line = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 1.0)];
        let sq = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        assert_eq!(
            Homography::from_points(&line, &sq),
            Err(HomographyError::Degenerate)
        );
        let twice = [(0.0, 0.0), (0.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        assert_eq!(
            Homography::from_points(&twice, &sq),
            Err(HomographyError::Degenerate)
        );
        assert_eq!(
            Homography::from_points(&sq[..3], &sq[..3]),
            Err(HomographyError::TooFewPoints)
        );
        let nan = [(f64::NAN, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        assert_eq!(
            Homography::from_points(&nan, &sq),
            Err(HomographyError::NotFinite)
        );
        assert!(Homography([0.0; 9]).inverse().is_none());
    }

    #[test]
    fn calibration_scales_about_the_first_point() {
        let h = Homography::scale_translate(0.01, -0.01, 0.0, 8.0);
        // a 6 m wall seen as 480 px (so 4.8 m at the guessed 1 cm/px)
        let a = h.apply((100.0, 100.0)).unwrap();
        let b = h.apply((580.0, 100.0)).unwrap();
        let c = h.calibrated(a, b, 6.0).unwrap();
        let (a2, b2) = (
            c.apply((100.0, 100.0)).unwrap(),
            c.apply((580.0, 100.0)).unwrap(),
        );
        assert!(close(a2, a, 1e-12));
        assert!(((b2.0 - a2.0).hypot(b2.1 - a2.1) - 6.0).abs() < 1e-12);
        assert!(h.calibrated(a, a, 6.0).is_none());
        assert!(h.calibrated(a, b, 0.0).is_none());
        assert!(h.calibrated(a, b, f64::NAN).is_none());
    }

    #[test]
    fn points_on_the_horizon_have_no_image() {
        let h = Homography([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0]);
        assert_eq!(h.apply((0.0, 5.0)), None);
        assert!(h.apply((2.0, 5.0)).is_some());
    }
}
