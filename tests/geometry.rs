//! Geometry of plans: areas (exact, whatever the winding, far from the
//! origin), invalid outlines, overlaps, doors on walls, reachability; and
//! property tests that areas do not depend on where or how a room is drawn.

use chrono::NaiveDate;
use geo::Coord;
use proptest::prelude::*;

use juwei::geom::area::{outline_area, polygon, round2};
use juwei::geom::overlap::{overlaps, shared_area};
use juwei::geom::reach::DoorGraph;
use juwei::geom::validity::{outline_problem, OutlineProblem};
use juwei::geom::walls::{door_problem, wall_at, DoorProblem};
use juwei::geom::PlanGeometry;
use juwei::model::{Committee, Door, Estate, Floor, Format1, Plan, Revision, Room, Zone, OUTSIDE};
use juwei::rules::plan::physical_walls;

const FAR: (f64, f64) = (1_234_567.891, 7_654_321.123);

type Outline<'a> = &'a [(f64, f64)];

/// An L: 8 × 3 plus 3 × 3 standing on its left end = 33 m².
const L_SHAPE: [(f64, f64); 6] = [
    (0.0, 0.0),
    (8.0, 0.0),
    (8.0, 3.0),
    (3.0, 3.0),
    (3.0, 6.0),
    (0.0, 6.0),
];
/// A U: 6 × 4 minus a 2 × 2 notch = 20 m².
const U_SHAPE: [(f64, f64); 8] = [
    (0.0, 0.0),
    (6.0, 0.0),
    (6.0, 4.0),
    (4.0, 4.0),
    (4.0, 2.0),
    (2.0, 2.0),
    (2.0, 4.0),
    (0.0, 4.0),
];
/// A right triangle with legs 5.2 and 3.1: 8.06 m².
const TRIANGLE: [(f64, f64); 3] = [(0.0, 0.0), (5.2, 0.0), (0.0, 3.1)];

fn shifted(outline: &[(f64, f64)], (dx, dy): (f64, f64)) -> Vec<(f64, f64)> {
    outline.iter().map(|&(x, y)| (x + dx, y + dy)).collect()
}

fn reversed(outline: &[(f64, f64)]) -> Vec<(f64, f64)> {
    outline.iter().rev().copied().collect()
}

fn room(id: &str, zones: &[Zone], outline: &[(f64, f64)]) -> Room {
    Room {
        id: id.into(),
        name: id.into(),
        zones: zones.to_vec(),
        floor: Floor::AntiSlip,
        level: 0,
        outline: outline.to_vec(),
    }
}

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
}

fn door(a: &str, b: &str, at: (f64, f64)) -> Door {
    Door::new(a, b, at)
}

fn plan(rooms: Vec<Room>, doors: Vec<Door>) -> Plan {
    Plan {
        format: Format1,
        revision: Revision {
            number: 1,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            initiated_by: Default::default(),
            reason: None,
            consent: None,
        },
        committee: Committee {
            code: "T".into(),
            name: "T".into(),
            street: "石门二路街道".into(),
            address: String::new(),
            estate: Estate::New,
            street_facing: false,
            police: None,
            staff: None,
            certified_area: None,
            estates: Vec::new(),
        },
        rooms,
        doors,
        items: Vec::new(),
        underlays: Vec::new(),
    }
}

// ------------------------------------------------------------------ areas

#[test]
fn exact_areas_of_concave_and_triangular_rooms() {
    assert_eq!(outline_area(&L_SHAPE), 33.0);
    assert_eq!(outline_area(&U_SHAPE), 20.0);
    assert_eq!(round2(outline_area(&TRIANGLE)), 8.06);
}

#[test]
fn both_windings_give_the_same_area() {
    for shape in [&L_SHAPE[..], &U_SHAPE[..], &TRIANGLE[..]] {
        assert_eq!(outline_area(shape), outline_area(&reversed(shape)));
    }
}

#[test]
fn far_from_origin_areas_match_to_a_hundredth() {
    for (shape, area) in [
        (&L_SHAPE[..], 33.0),
        (&U_SHAPE[..], 20.0),
        (&TRIANGLE[..], 8.06),
    ] {
        let far = shifted(shape, FAR);
        assert_eq!(round2(outline_area(&far)), area, "{shape:?}");
        assert_eq!(round2(outline_area(&reversed(&far))), area, "{shape:?}");
    }
}

#[test]
fn plan_geometry_far_from_origin_keeps_room_and_premises_areas() {
    let rooms = |o: (f64, f64)| {
        vec![
            room("L", &[Zone::Office], &shifted(&L_SHAPE, o)),
            room(
                "U",
                &[Zone::Meeting],
                &shifted(&shifted(&U_SHAPE, (8.0, 0.0)), o),
            ),
            room(
                "A",
                &[Zone::ResidentActivity],
                &shifted(&shifted(&TRIANGLE, (0.0, 6.0)), o),
            ),
        ]
    };
    let near = PlanGeometry::new(&plan(rooms((0.0, 0.0)), vec![]));
    let far = PlanGeometry::new(&plan(rooms(FAR), vec![]));
    for g in [&near, &far] {
        assert_eq!(g.room_area(0), 33.0);
        assert_eq!(g.room_area(1), 20.0);
        assert_eq!(g.room_area(2), 8.06);
        // the activity room is not premises
        assert_eq!(g.premises_area, 53.0);
    }
    assert_eq!((far.origin.x, far.origin.y), FAR);
}

#[test]
fn the_sample_l_shaped_plan_measures_the_same_on_survey_coordinates() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/l-shaped.ron");
    let survey = juwei::io::load_plan(&path).unwrap();
    let mut local = survey.clone();
    let (ox, oy) = survey.rooms[1].outline[0];
    for r in &mut local.rooms {
        r.outline = shifted(&r.outline, (-ox, -oy));
    }
    let (a, b) = (PlanGeometry::new(&survey), PlanGeometry::new(&local));
    assert_eq!(a.premises_area, 264.0);
    assert_eq!(a.premises_area, b.premises_area);
    for i in 0..survey.rooms.len() {
        assert_eq!(
            a.room_area(i),
            b.room_area(i),
            "room {}",
            survey.rooms[i].id
        );
    }
}

// ------------------------------------------------------------------ invalid outlines

#[test]
fn degenerate_outlines_are_named() {
    use OutlineProblem::*;
    let cases: &[(Outline, Option<OutlineProblem>)] = &[
        (&[], Some(TooFewPoints)),
        (&[(1.0, 1.0)], Some(TooFewPoints)),
        (&[(0.0, 0.0), (4.0, 0.0)], Some(TooFewPoints)),
        (
            &[(0.0, 0.0), (4.0, 0.0), (4.0, 0.0), (0.0, 0.0)],
            Some(TooFewPoints),
        ),
        (&[(0.0, 0.0), (2.0, 0.0), (4.0, 0.0)], Some(ZeroArea)),
        // 1 mm wide: 0.004 m² rounds to 0.00
        (
            &[(0.0, 0.0), (4.0, 0.0), (4.0, 0.001), (0.0, 0.001)],
            Some(ZeroArea),
        ),
        (&[(0.0, 0.0), (f64::NAN, 0.0), (4.0, 3.0)], Some(NonFinite)),
        (
            &[(0.0, 0.0), (f64::INFINITY, 0.0), (4.0, 3.0)],
            Some(NonFinite),
        ),
        (
            &[(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0)],
            Some(SelfIntersection),
        ),
        (
            &[(0.0, 0.0), (4.0, 3.0), (4.0, 0.0), (0.0, 2.0)],
            Some(SelfIntersection),
        ),
        // a closing repeat of the first point is tolerated
        (&[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 0.0)], None),
        (&L_SHAPE, None),
        (&U_SHAPE, None),
    ];
    for (outline, want) in cases {
        assert_eq!(outline_problem(outline), *want, "{outline:?}");
    }
}

#[test]
fn invalid_rooms_have_no_polygon_and_no_area() {
    let g = PlanGeometry::new(&plan(
        vec![
            room("ok", &[Zone::Office], &rect(0.0, 0.0, 5.0, 4.0)),
            room(
                "nan",
                &[Zone::Office],
                &[(0.0, 0.0), (f64::NAN, 1.0), (2.0, 2.0)],
            ),
            room("empty", &[Zone::Office], &[]),
        ],
        vec![],
    ));
    assert!(g.rooms[0].polygon.is_some());
    assert!(g.rooms[1].polygon.is_none() && g.rooms[2].polygon.is_none());
    assert_eq!(g.premises_area, 20.0);
}

// ------------------------------------------------------------------ overlaps

#[test]
fn rooms_sharing_a_wall_or_a_corner_do_not_overlap() {
    let g = PlanGeometry::new(&plan(
        vec![
            room("A", &[Zone::Office], &rect(0.0, 0.0, 5.0, 4.0)),
            room("B", &[Zone::Meeting], &rect(5.0, 0.0, 9.0, 4.0)),
            room("C", &[Zone::Service], &rect(9.0, 4.0, 12.0, 7.0)),
            // the L's notch filled exactly by a square
            room("L", &[Zone::Reception], &shifted(&L_SHAPE, (0.0, 10.0))),
            room("Q", &[Zone::Ancillary], &rect(3.0, 13.0, 8.0, 16.0)),
        ],
        vec![],
    ));
    assert_eq!(overlaps(&g, 0.01), vec![]);
}

#[test]
fn overlaps_are_measured_and_tolerated_below_a_hundredth() {
    let g = PlanGeometry::new(&plan(
        vec![
            room("A", &[Zone::Office], &rect(0.0, 0.0, 5.0, 4.0)),
            // 0.002 m × 4 m = 0.008 m² into A: tolerated
            room("B", &[Zone::Meeting], &rect(4.998, 0.0, 9.0, 4.0)),
            // 1 m × 2 m into A
            room("C", &[Zone::Service], &rect(4.0, 2.0, 6.0, 6.0)),
        ],
        vec![],
    ));
    let o = overlaps(&g, 0.01);
    assert_eq!(o.len(), 2, "{o:?}");
    assert_eq!((o[0].0, o[0].1), (0, 2));
    assert!((o[0].2 - 2.0).abs() < 1e-6);
    // B and C share 1 × 2 (x 5..6, y 2..4) plus the sliver x 4.998..5
    assert_eq!((o[1].0, o[1].1), (1, 2));
    assert!((o[1].2 - 2.004).abs() < 1e-6, "{}", o[1].2);
}

#[test]
fn shared_area_of_concave_rooms() {
    let o = Coord { x: 0.0, y: 0.0 };
    let u = polygon(&U_SHAPE, o);
    // a square over the U's notch and both arms' tops: 6 × 2 minus the 2 × 2 notch
    let top = polygon(&rect(0.0, 2.0, 6.0, 4.0), o);
    assert!((shared_area(&u, &top) - 8.0).abs() < 1e-9);
    let notch = polygon(&rect(2.0, 2.0, 4.0, 4.0), o);
    assert!(shared_area(&u, &notch).abs() < 1e-9);
}

// ------------------------------------------------------------------ walls and doors

fn two_rooms(doors: Vec<Door>) -> Plan {
    plan(
        vec![
            room("A", &[Zone::Office], &rect(0.0, 0.0, 5.0, 4.0)),
            room("B", &[Zone::Meeting], &rect(5.0, 0.0, 9.0, 4.0)),
        ],
        doors,
    )
}

#[test]
fn wall_at_finds_the_nearest_wall_within_tolerance() {
    let o = Coord { x: 0.0, y: 0.0 };
    let l = polygon(&L_SHAPE, o);
    assert_eq!(wall_at(&l, Coord { x: 5.0, y: 3.0 }, 0.05), Some(2));
    assert_eq!(wall_at(&l, Coord { x: 3.04, y: 4.5 }, 0.05), Some(3));
    assert_eq!(wall_at(&l, Coord { x: 3.06, y: 4.5 }, 0.05), None);
    assert_eq!(wall_at(&l, Coord { x: 0.0, y: 3.0 }, 0.05), Some(5));
}

#[test]
fn doors_on_and_off_walls() {
    let check = |d: Door| {
        let p = two_rooms(vec![d.clone()]);
        let g = PlanGeometry::new(&p);
        door_problem(&g, &d, 0.05)
    };
    // on the shared wall, exactly and within 0.05 m
    assert_eq!(check(door("A", "B", (5.0, 2.0))), None);
    assert_eq!(check(door("A", "B", (5.049, 2.0))), None);
    // 0.06 m off the shared wall: not on A's walls
    assert_eq!(
        check(door("A", "B", (5.06, 2.0))),
        Some(DoorProblem::NotOnWallOf(0))
    );
    // in the middle of A
    assert_eq!(
        check(door("A", "B", (2.5, 2.0))),
        Some(DoorProblem::NotOnWallOf(0))
    );
    // on A's outer wall, but B is not there
    assert_eq!(
        check(door("A", "B", (0.0, 2.0))),
        Some(DoorProblem::NotOnWallOf(1))
    );
    // to outside: an outer wall is fine, the shared wall is not
    assert_eq!(check(door(OUTSIDE, "A", (2.5, 0.0))), None);
    assert_eq!(
        check(door(OUTSIDE, "A", (5.0, 2.0))),
        Some(DoorProblem::NotOuterWall(1))
    );
    // a door from a room into itself
    assert_eq!(
        check(door("A", "A", (5.0, 2.0))),
        Some(DoorProblem::SameRoom)
    );
}

#[test]
fn doors_far_from_origin_are_on_their_walls() {
    let rooms = vec![
        room(
            "A",
            &[Zone::Office],
            &shifted(&rect(0.0, 0.0, 5.0, 4.0), FAR),
        ),
        room(
            "B",
            &[Zone::Meeting],
            &shifted(&rect(5.0, 0.0, 9.0, 4.0), FAR),
        ),
    ];
    let d = door("A", "B", (FAR.0 + 5.0, FAR.1 + 2.0));
    let p = plan(rooms, vec![d.clone()]);
    let g = PlanGeometry::new(&p);
    assert_eq!(door_problem(&g, &d, 0.05), None);
}

#[test]
fn physical_walls_merge_collinear_segments() {
    // the L's walls: six segments, six physical walls
    assert_eq!(physical_walls(&L_SHAPE), vec![0, 1, 2, 3, 4, 5]);
    let split = [(0.0, 0.0), (2.0, 0.0), (5.0, 0.0), (5.0, 4.0), (0.0, 4.0)];
    assert_eq!(physical_walls(&split), vec![0, 0, 1, 2, 3]);
}

// ------------------------------------------------------------------ reachability

/// outside → C (corridor) → O (office) → P (police); outside → Q; X has no door.
fn chain() -> Plan {
    plan(
        vec![
            room("C", &[Zone::Circulation], &rect(0.0, 0.0, 2.0, 10.0)),
            room("O", &[Zone::Office], &rect(2.0, 0.0, 8.0, 5.0)),
            room("P", &[Zone::Police], &rect(8.0, 0.0, 12.0, 5.0)),
            room("Q", &[Zone::Ancillary], &rect(2.0, 5.0, 8.0, 10.0)),
            room("X", &[Zone::Ancillary], &rect(20.0, 0.0, 22.0, 2.0)),
        ],
        vec![
            door(OUTSIDE, "C", (0.0, 5.0)),
            door("C", "O", (2.0, 2.5)),
            door("O", "P", (8.0, 2.5)),
            door(OUTSIDE, "Q", (5.0, 10.0)),
        ],
    )
}

#[test]
fn reachability_through_doors() {
    let p = chain();
    let g = DoorGraph::new(&p);
    assert_eq!(g.reached(|_| true), vec![true, true, true, true, false]);
    // the office cannot be walked through: it is entered, the police room is not reached
    let office = p.room_index("O").unwrap();
    assert_eq!(
        g.reached(|i| i != office),
        vec![true, true, false, true, false]
    );
    let mut next = g.neighbours(office);
    next.sort();
    assert_eq!(next, vec![Some(0), Some(2)]);
}

#[test]
fn self_doors_and_unknown_rooms_do_not_connect_anything() {
    let mut p = chain();
    p.doors.push(door("X", "X", (20.0, 1.0)));
    p.doors.push(door("X", "nowhere", (20.0, 1.0)));
    let reached = DoorGraph::new(&p).reached(|_| true);
    assert!(!reached[4]);
}

// ------------------------------------------------------------------ properties

/// A star-shaped (hence simple) polygon around the origin: `n` vertices at
/// increasing angles, no gap between two of them reaching half a turn (so
/// the origin sees every wall), radii between 1 and 20 m.
fn star() -> impl Strategy<Value = Vec<(f64, f64)>> {
    (3usize..12).prop_flat_map(|n| {
        (
            prop::collection::vec(1.0f64..20.0, n),
            prop::collection::vec(0.6f64..1.0, n),
        )
            .prop_map(move |(radii, gaps)| {
                let total: f64 = gaps.iter().sum();
                let mut angle = 0.0;
                radii
                    .iter()
                    .zip(&gaps)
                    .map(|(r, g)| {
                        angle += g / total * std::f64::consts::TAU;
                        (r * angle.cos(), r * angle.sin())
                    })
                    .collect()
            })
    })
}

fn rotated(outline: &[(f64, f64)], theta: f64) -> Vec<(f64, f64)> {
    let (s, c) = theta.sin_cos();
    outline
        .iter()
        .map(|&(x, y)| (x * c - y * s, x * s + y * c))
        .collect()
}

proptest! {
    #[test]
    fn area_is_invariant_under_translation(
        shape in star(),
        dx in -1.0e7f64..1.0e7,
        dy in -1.0e7f64..1.0e7,
    ) {
        let a = outline_area(&shape);
        let b = outline_area(&shifted(&shape, (dx, dy)));
        prop_assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        prop_assert!((round2(a) - round2(b)).abs() <= 0.01);
    }

    #[test]
    fn area_is_invariant_under_rotation(shape in star(), theta in 0.0f64..std::f64::consts::TAU) {
        let a = outline_area(&shape);
        let b = outline_area(&rotated(&shape, theta));
        prop_assert!((a - b).abs() < 1e-9 * a.max(1.0), "{a} vs {b}");
    }

    #[test]
    fn area_is_invariant_under_winding_and_start_point(shape in star(), start in 0usize..12) {
        let a = outline_area(&shape);
        let mut turned = shape.clone();
        let k = start % shape.len();
        turned.rotate_left(k);
        prop_assert!((a - outline_area(&reversed(&shape))).abs() < 1e-9 * a.max(1.0));
        prop_assert!((a - outline_area(&turned)).abs() < 1e-9 * a.max(1.0));
    }

    #[test]
    fn star_polygons_are_valid_and_premises_add_up(
        shape in star(),
        dx in -1.0e7f64..1.0e7,
        dy in -1.0e7f64..1.0e7,
    ) {
        prop_assume!(round2(outline_area(&shape)) > 0.0);
        let moved = shifted(&shape, (dx, dy));
        let other = shifted(&rect(100.0, 100.0, 103.0, 104.0), (dx, dy));
        let p = plan(
            vec![room("S", &[Zone::Office], &moved), room("R", &[Zone::Meeting], &other)],
            vec![],
        );
        let g = PlanGeometry::new(&p);
        prop_assert_eq!(g.rooms[0].problem, None);
        prop_assert!((g.premises_area - round2(outline_area(&shape) + 12.0)).abs() <= 0.01);
    }
}
