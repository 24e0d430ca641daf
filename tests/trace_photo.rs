//! Tracing from a photo, end to end on a synthetic image: a known plan
//! (plans/l-shaped.ron, concave rooms on survey coordinates) is drawn on
//! paper at 40 px/m with a dimension line, the paper photographed at an
//! angle (a known perspective transform, a table around it, uneven light),
//! and the plan traced back from the photo as a user would in the planner:
//! the paper's four corners found in the picture and rectified, the scale
//! calibrated on the dimension line, the rooms traced corner by corner (or
//! as rectangles) with clicks on whole pixels and the planner's snapping.
//! Every room's area comes back within 1 %.

use std::path::Path;

use geo::{Area, Coord};
use juwei::edit::snap::room_contains;
use juwei::edit::trace::{rectangle, snap_trace, underlay_axis};
use juwei::geom::area::polygon;
use juwei::geom::homography::Homography;
use juwei::model::{Plan, Room};

type P = (f64, f64);

const PX_PER_M: f64 = 40.0;
const MARGIN_M: f64 = 2.5;
const PHOTO: (usize, usize) = (1280, 1024);

struct Paper {
    w: usize,
    h: usize,
    /// plan metres → paper pixels
    to_px: Homography,
    /// the dimension line's ends on the plan, and its length (m)
    dim: (P, P, f64),
}

fn bounds(plan: &Plan) -> (f64, f64, f64, f64) {
    let pts = plan.rooms.iter().flat_map(|r| r.outline.iter());
    pts.fold(
        (f64::MAX, f64::MAX, f64::MIN, f64::MIN),
        |(a, b, c, d), p| (a.min(p.0), b.min(p.1), c.max(p.0), d.max(p.1)),
    )
}

fn paper_for(plan: &Plan) -> Paper {
    let (x0, y0, x1, y1) = bounds(plan);
    let w = ((x1 - x0 + 2.0 * MARGIN_M) * PX_PER_M).ceil() as usize;
    let h = ((y1 - y0 + 2.0 * MARGIN_M) * PX_PER_M).ceil() as usize;
    let to_px = Homography::scale_translate(
        PX_PER_M,
        -PX_PER_M,
        -(x0 - MARGIN_M) * PX_PER_M,
        (y1 + MARGIN_M) * PX_PER_M,
    );
    let dim = ((x0, y0 - 1.2), (x1, y0 - 1.2), x1 - x0);
    Paper { w, h, to_px, dim }
}

fn seg_dist(p: P, a: P, b: P) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let l2 = dx * dx + dy * dy;
    let t = if l2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / l2).clamp(0.0, 1.0)
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// The drawing on paper: white, walls and the dimension line (with ticks)
/// 2.4 px wide in near black.
fn render(plan: &Plan, paper: &Paper) -> Vec<f32> {
    let mut segs: Vec<(P, P)> = Vec::new();
    let px = |p: P| paper.to_px.apply(p).unwrap();
    for r in &plan.rooms {
        for i in 0..r.outline.len() {
            let a = px(r.outline[i]);
            let b = px(r.outline[(i + 1) % r.outline.len()]);
            segs.push((a, b));
        }
    }
    let (da, db, _) = paper.dim;
    let (a, b) = (px(da), px(db));
    segs.push((a, b));
    segs.push(((a.0, a.1 - 8.0), (a.0, a.1 + 8.0)));
    segs.push(((b.0, b.1 - 8.0), (b.0, b.1 + 8.0)));
    let mut img = vec![1.0f32; paper.w * paper.h];
    for (a, b) in segs {
        let (x0, x1) = (a.0.min(b.0) as isize - 3, a.0.max(b.0) as isize + 3);
        let (y0, y1) = (a.1.min(b.1) as isize - 3, a.1.max(b.1) as isize + 3);
        for y in y0.max(0)..=y1.min(paper.h as isize - 1) {
            for x in x0.max(0)..=x1.min(paper.w as isize - 1) {
                let c = (x as f64 + 0.5, y as f64 + 0.5);
                if seg_dist(c, a, b) <= 1.2 {
                    img[y as usize * paper.w + x as usize] = 0.08;
                }
            }
        }
    }
    img
}

fn sample(img: &[f32], w: usize, h: usize, p: P) -> Option<f32> {
    let (x, y) = (p.0 - 0.5, p.1 - 0.5);
    if !(x >= 0.0 && y >= 0.0 && x < (w - 1) as f64 && y < (h - 1) as f64) {
        return None;
    }
    let (xi, yi) = (x as usize, y as usize);
    let (fx, fy) = ((x - xi as f64) as f32, (y - yi as f64) as f32);
    let at = |x: usize, y: usize| img[y * w + x];
    let top = at(xi, yi) * (1.0 - fx) + at(xi + 1, yi) * fx;
    let bottom = at(xi, yi + 1) * (1.0 - fx) + at(xi + 1, yi + 1) * fx;
    Some(top * (1.0 - fy) + bottom * fy)
}

/// A phone photo of the paper: paper pixels → photo pixels, tilted and
/// turned, the far edge smaller (perspective).
fn camera(paper: &Paper) -> Homography {
    let (w, h) = (paper.w as f64, paper.h as f64);
    let paper_corners = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)];
    let seen = [
        (250.0, 130.0),
        (1010.0, 190.0),
        (1150.0, 930.0),
        (120.0, 870.0),
    ];
    Homography::from_points(&paper_corners, &seen).unwrap()
}

/// The photo: a grey table, the paper on it lit unevenly.
fn photograph(paper_img: &[f32], paper: &Paper, cam: &Homography) -> Vec<f32> {
    let back = cam.inverse().unwrap();
    let mut out = vec![0.0f32; PHOTO.0 * PHOTO.1];
    for y in 0..PHOTO.1 {
        for x in 0..PHOTO.0 {
            let c = (x as f64 + 0.5, y as f64 + 0.5);
            let light = 0.8 + 0.2 * (1.0 - (x as f32 / PHOTO.0 as f32));
            out[y * PHOTO.0 + x] = match back
                .apply(c)
                .and_then(|q| sample(paper_img, paper.w, paper.h, q))
            {
                Some(v) => v * light,
                None => 0.22 + 0.05 * ((x / 16 + y / 16) % 2) as f32,
            };
        }
    }
    out
}

/// The paper's corners in the photo, found from the picture alone: the
/// bright pixels furthest towards each corner of the frame.
fn paper_corners(photo: &[f32]) -> [P; 4] {
    let mut best = [(f64::MAX, (0.0, 0.0)); 4];
    for y in 0..PHOTO.1 {
        for x in 0..PHOTO.0 {
            if photo[y * PHOTO.0 + x] < 0.5 {
                continue;
            }
            let (fx, fy) = (x as f64 + 0.5, y as f64 + 0.5);
            // top-left, top-right, bottom-right, bottom-left
            let keys = [fx + fy, -fx + fy, -fx - fy, fx - fy];
            for (k, b) in keys.iter().zip(best.iter_mut()) {
                if *k < b.0 {
                    *b = (*k, (fx, fy));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Where a user clicks to hit `p` (photo pixels): the pixel under it.
fn click(p: P) -> P {
    (p.0.floor() + 0.5, p.1.floor() + 0.5)
}

fn area(outline: &[P]) -> f64 {
    polygon(outline, Coord { x: 0.0, y: 0.0 }).unsigned_area()
}

#[test]
fn a_plan_photographed_at_an_angle_is_traced_back_within_one_percent() {
    let path = Path::new("plans/l-shaped.ron");
    let original = juwei::io::load_plan(path).unwrap();
    let paper = paper_for(&original);
    let paper_img = render(&original, &paper);
    let cam = camera(&paper);
    let photo = photograph(&paper_img, &paper, &cam);
    // the plan → photo pixel map the user does not know, to aim the clicks
    let seen = |p: P| cam.apply(paper.to_px.apply(p).unwrap()).unwrap();

    // 1. rectify: the paper's corners, and its size measured with a ruler
    //    (in cm, 1:100 — so not yet metres; see step 2)
    let corners = paper_corners(&photo);
    for (found, want) in corners.iter().zip([
        (0.0, 0.0),
        (paper.w as f64, 0.0),
        (paper.w as f64, paper.h as f64),
        (0.0, paper.h as f64),
    ]) {
        let c = cam.apply(want).unwrap();
        assert!(
            (found.0 - c.0).hypot(found.1 - c.1) < 3.0,
            "{found:?} vs {c:?}"
        );
    }
    let cm = |px: usize| px as f64 / PX_PER_M * 0.254 * 4.0; // a print slightly off 1:100
    let to_plan =
        Homography::rectify(&corners, (0.0, cm(paper.h)), cm(paper.w), -cm(paper.h)).unwrap();

    // 2. calibrate on the dimension line: its ends clicked, its length typed
    let (da, db, len) = paper.dim;
    let (ca, cb) = (click(seen(da)), click(seen(db)));
    for c in [ca, cb] {
        assert!(
            photo[c.1 as usize * PHOTO.0 + c.0 as usize] < 0.3,
            "a click on the line"
        );
    }
    let a = to_plan.apply(ca).unwrap();
    let b = to_plan.apply(cb).unwrap();
    let to_plan = to_plan.calibrated(a, b, len).unwrap();
    let axis = underlay_axis(&to_plan, (PHOTO.0 as f64 / 2.0, PHOTO.1 as f64 / 2.0)).unwrap();
    assert!(
        axis.abs() < 0.01,
        "rectified: the drawing's axes are the plan's ({axis})"
    );

    // 3. trace every room on a new plan: corners clicked on the photo
    let mut traced = original.clone();
    traced.rooms.clear();
    traced.doors.clear();
    traced.items.clear();
    let tol = 0.15; // 8 px at the zoom the user works at
    for room in &original.rooms {
        let clicks: Vec<P> = room
            .outline
            .iter()
            .map(|p| to_plan.apply(click(seen(*p))).unwrap())
            .collect();
        let outline: Vec<P> = if clicks.len() == 4 {
            // a rectangle: two opposite corners with the rectangle tool
            let a = snap_trace(&traced, None, clicks[0], tol, axis, None).0;
            let c = snap_trace(&traced, None, clicks[2], tol, axis, None).0;
            rectangle(a, c, axis).to_vec()
        } else {
            let mut pts: Vec<P> = Vec::new();
            for c in &clicks {
                let q = snap_trace(&traced, pts.last().copied(), *c, tol, axis, None).0;
                pts.push(q);
            }
            pts
        };
        traced.rooms.push(Room {
            outline,
            ..room.clone()
        });
    }

    // 4. the areas: within 1 % room by room
    let mut total = (0.0, 0.0);
    for (o, t) in original.rooms.iter().zip(&traced.rooms) {
        let (ao, at) = (area(&o.outline), area(&t.outline));
        total.0 += ao;
        total.1 += at;
        assert!(
            (at - ao).abs() <= 0.01 * ao,
            "{} {}: traced {at:.2} m² for {ao:.2} m²",
            o.id,
            o.name
        );
    }
    assert!((total.1 - total.0).abs() <= 0.005 * total.0, "{total:?}");

    // neighbours share their walls exactly: R7 (traced after R1) has R1's corners
    let r1 = traced.room("R1").unwrap();
    let r7 = traced.room("R7").unwrap();
    let shared = r7.outline.iter().filter(|p| r1.outline.contains(p)).count();
    assert!(shared >= 2, "R7 {:?} R1 {:?}", r7.outline, r1.outline);
    // and the traced plan has no overlaps nor gaps the checker would see
    let report = juwei::rules::check_plan(
        &traced,
        &juwei::rules::Profile::default(),
        &juwei::rules::CheckOptions::default(),
    );
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.code == "G02" || f.code == "G01"),
        "{:?}\n{:#?}",
        report
            .findings
            .iter()
            .filter(|f| f.code == "G02")
            .map(|f| &f.message)
            .collect::<Vec<_>>(),
        traced
            .rooms
            .iter()
            .map(|r| (&r.id, &r.outline))
            .collect::<Vec<_>>()
    );
    // a point in the middle of the original police room lies in the traced one
    let p1 = original.room("P1").unwrap();
    let mid = p1
        .outline
        .iter()
        .fold((0.0, 0.0), |s, p| (s.0 + p.0 / 4.0, s.1 + p.1 / 4.0));
    let traced_mid = to_plan.apply(click(seen(mid))).unwrap();
    assert!(room_contains(traced.room("P1").unwrap(), traced_mid));
}

#[test]
fn a_scan_laid_square_needs_only_calibration() {
    // a flatbed scan at 150 dpi of a 1:100 drawing: pixels are square, only
    // the scale is unknown; two clicks on a 6 m wall and the typed length
    let guess = Homography::scale_translate(0.01, -0.01, 0.0, 10.0);
    let px_per_m = 150.0 / 2.54; // 1 cm on paper = 1 m
    let (a, b) = ((100.5, 200.5), (100.5 + 6.0 * px_per_m, 200.5));
    let cal = guess
        .calibrated(guess.apply(a).unwrap(), guess.apply(b).unwrap(), 6.0)
        .unwrap();
    let (p, q) = (
        cal.apply(a).unwrap(),
        cal.apply((100.5, 200.5 + 4.0 * px_per_m)).unwrap(),
    );
    assert!(((q.1 - p.1).abs() - 4.0).abs() < 1e-9);
    assert!(cal.is_similarity(1e-9));
}
