//! Bad input never panics: random bytes and mangled plan text either parse
//! or give a located error, and checking any plan that parses — huge, NaN or
//! infinite coordinates, empty rooms, doors into themselves, absurd counts —
//! gives findings, never a panic.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;

use juwei::io::parse_plan;
use juwei::model::{
    CertifiedArea, Committee, Consent, Door, DoorKind, Estate, EstateRef, Floor, Format1,
    Initiator, Item, ItemKind, Location, Network, OfficerRole, Plan, Police, PoliceService,
    Revision, Room, SitePlace, Zone, OUTSIDE,
};
use juwei::rules::{check_plan, CheckOptions, Profile};

const SAMPLE: &str = include_str!("../plans/new-estate-compliant.ron");
const L_SHAPED: &str = include_str!("../plans/l-shaped.ron");

fn sample() -> Plan {
    parse_plan(Path::new("sample.ron"), SAMPLE).expect("the sample parses")
}

/// Parse; on success check (alone and against the sample as either revision);
/// on failure the error must point inside the text.
fn parse_and_check(text: &str) {
    match parse_plan(Path::new("fuzz.ron"), text) {
        Ok(plan) => check_all_ways(&plan),
        Err(e) => {
            let lines = text.lines().count().max(1);
            assert!(e.line >= 1 && e.col >= 1, "{e}");
            assert!(e.line <= lines + 1, "line {} of {lines}: {e}", e.line);
            assert!(!e.message.is_empty() && !e.message_en.is_empty());
        }
    }
}

fn check_all_ways(plan: &Plan) {
    let profile = Profile::default();
    let other = sample();
    let report = check_plan(plan, &profile, &CheckOptions::default());
    for f in &report.findings {
        assert!(!f.message.is_empty() && !f.message_en.is_empty(), "{f:?}");
    }
    check_plan(
        plan,
        &profile,
        &CheckOptions {
            previous: Some(&other),
            assets: None,
        },
    );
    check_plan(
        &other,
        &profile,
        &CheckOptions {
            previous: Some(plan),
            assets: None,
        },
    );
    check_plan(
        plan,
        &profile,
        &CheckOptions {
            previous: Some(plan),
            assets: None,
        },
    );
}

// ------------------------------------------------------------------ text

/// One edit of a text, at a fraction of its length (in characters).
#[derive(Debug, Clone)]
enum Edit {
    Delete(f64, usize),
    Duplicate(f64, usize),
    Replace(f64, char),
    Insert(f64, String),
}

fn ron_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "()[]{},:\"'/ \n0123456789.-+eEabcxyzRS_办室\u{0}\\"
            .chars()
            .collect::<Vec<_>>(),
    )
}

fn ron_token() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "NaN", "inf", "-inf", "1e308", "-1e308", "1e999", "Some(", "None", "(", ")", "[", "]",
        ",", "\"outside\"", "\"R1\"", "4294967295", "-1", "18446744073709551616", "0.0",
        "Room(\"R1\")", "Site(Entrance)", "Police", "/*", "*/", "//", "\"", "r#\"",
        "(between: (\"R1\", \"R1\"), at: (0.0, 0.0)),",
        "(kind: Desk, at: Room(\"R1\"), count: 4294967295),",
        "(kind: PoliceBoard, at: Room(\"P1\"), wall: 4294967295),",
        "(id: \"Z\", name: \"\", zones: [], floor: Other, outline: []),",
        "(id: \"Z\", name: \"\", zones: [Police], floor: Other, outline: [(1e300, 0.0), (0.0, 1e300), (-1e300, -1e300)]),",
    ])
    .prop_map(str::to_string)
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0f64..1.0, 1usize..40).prop_map(|(p, n)| Edit::Delete(p, n)),
        (0.0f64..1.0, 1usize..60).prop_map(|(p, n)| Edit::Duplicate(p, n)),
        (0.0f64..1.0, ron_char()).prop_map(|(p, c)| Edit::Replace(p, c)),
        (0.0f64..1.0, ron_token()).prop_map(|(p, t)| Edit::Insert(p, t)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = |p: f64, len: usize| ((p * len as f64) as usize).min(len);
        match e {
            Edit::Delete(p, n) => {
                let i = at(*p, chars.len());
                let j = (i + n).min(chars.len());
                chars.drain(i..j);
            }
            Edit::Duplicate(p, n) => {
                let i = at(*p, chars.len());
                let j = (i + n).min(chars.len());
                let copy: Vec<char> = chars[i..j].to_vec();
                chars.splice(j..j, copy);
            }
            Edit::Replace(p, c) => {
                if !chars.is_empty() {
                    let i = at(*p, chars.len() - 1);
                    chars[i] = *c;
                }
            }
            Edit::Insert(p, t) => {
                let i = at(*p, chars.len());
                chars.splice(i..i, t.chars());
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        parse_and_check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_ron_ish_text_never_panics(parts in prop::collection::vec(
        prop_oneof![ron_token(), ron_char().prop_map(String::from)], 0..80)) {
        parse_and_check(&parts.concat());
    }

    #[test]
    fn mutated_sample_plans_never_panic(
        edits in prop::collection::vec(edit(), 1..6),
        which in any::<bool>(),
    ) {
        let text = if which { SAMPLE } else { L_SHAPED };
        parse_and_check(&apply(text, &edits));
    }
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    let mut bytes = SAMPLE.as_bytes()[..200].to_vec();
    bytes.extend_from_slice(&[0xb0, 0xec, 0xb9, 0xab, 0xca, 0xd2]);
    std::fs::write(&path, &bytes).unwrap();
    let e = juwei::io::load_plan(&path).unwrap_err();
    assert!(e.location().is_some(), "{e}");
}

// ------------------------------------------------------------------ structures

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..13, 1u32..29)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// Coordinates that hurt: NaN, infinities, huge, survey-sized, repeated.
fn coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -30.0f64..30.0,
        1 => prop::sample::select(vec![
            0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e300, f64::MAX,
            f64::MIN_POSITIVE, 1e-300, 1_234_567.891, 7_654_321.123, 4.0e7,
        ]),
    ]
}

fn room_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["R1", "R2", "R3", "P1", "Y1", "", "outside", "室"])
        .prop_map(str::to_string)
}

fn room() -> impl Strategy<Value = Room> {
    (
        room_id(),
        prop::collection::vec(prop::sample::select(Zone::ALL.to_vec()), 0..4),
        any::<bool>(),
        prop_oneof![
            1 => Just(Vec::new()),
            6 => prop::collection::vec((coord(), coord()), 0..9),
            // rectangles that touch, overlap, or repeat
            3 => (-10i32..10, -10i32..10, 1i32..8, 1i32..8).prop_map(|(x, y, w, h)| {
                let (x, y, w, h) = (x as f64, y as f64, w as f64, h as f64);
                vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            }),
        ],
        prop_oneof![4 => Just(0i32), 1 => -1i32..3, 1 => Just(i32::MIN)],
    )
        .prop_map(|(id, zones, slippery, outline, level)| Room {
            name: id.clone(),
            id,
            zones,
            floor: if slippery {
                Floor::Other
            } else {
                Floor::AntiSlip
            },
            level,
            outline,
        })
}

fn location() -> impl Strategy<Value = Location> {
    prop_oneof![
        room_id().prop_map(Location::Room),
        prop::sample::select(SitePlace::ALL.to_vec()).prop_map(Location::Site),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (
        prop::sample::select(ItemKind::ALL.to_vec()),
        location(),
        prop_oneof![Just(0u32), 1u32..5, Just(u32::MAX)],
        prop::option::of(prop_oneof![0u32..8, Just(u32::MAX)]),
        prop::option::of(prop::sample::select(vec![
            Network::Intranet,
            Network::Internet,
            Network::Both,
            Network::Police,
        ])),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["E1", "E2", "E9", ""])),
    )
        .prop_map(|(kind, at, count, wall, network, ads, estate)| {
            let mut i = Item::new(kind, at);
            i.count = count;
            i.wall = wall;
            i.network = network;
            i.commercial_ads = ads;
            i.estate = estate.map(str::to_string);
            i
        })
}

fn door() -> impl Strategy<Value = Door> {
    (
        prop_oneof![room_id(), Just(OUTSIDE.to_string())],
        room_id(),
        (coord(), coord()),
        prop_oneof![3 => Just(DoorKind::Door), 1 => Just(DoorKind::Stair)],
    )
        .prop_map(|(a, b, at, kind)| Door {
            between: (a, b),
            at,
            kind,
        })
}

fn police() -> impl Strategy<Value = Option<Police>> {
    prop::option::of(
        (
            prop_oneof![0u32..5, Just(u32::MAX)],
            prop::collection::vec(prop::sample::select(PoliceService::ALL.to_vec()), 0..6),
            prop::option::of(prop::sample::select(vec![
                OfficerRole::DeputyPartySecretary,
                OfficerRole::DeputyStationHead,
            ])),
        )
            .prop_map(|(staff, services, officer_role)| Police {
                staff,
                services,
                officer_role,
            }),
    )
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        (1u32..5, date(), prop::option::of(date()), any::<bool>()),
        (any::<bool>(), any::<bool>(), police()),
        (
            prop::option::of(prop_oneof![0u32..9, Just(u32::MAX)]),
            prop::option::of(prop_oneof![0.0f64..400.0, Just(f64::NAN), Just(-1.0)]),
            0usize..3,
        ),
        prop::collection::vec(room(), 0..7),
        prop::collection::vec(door(), 0..10),
        prop::collection::vec(item(), 0..25),
    )
        .prop_map(
            |(
                (number, date, consent, street),
                (old, facing, police),
                (staff, certified, estates),
                rooms,
                doors,
                items,
            )| {
                // the reader refuses duplicate, empty and `outside` ids; keep the rest
                let mut seen = std::collections::HashSet::new();
                let rooms = rooms
                    .into_iter()
                    .filter(|r| !r.id.is_empty() && r.id != OUTSIDE && seen.insert(r.id.clone()))
                    .collect();
                Plan {
                    format: Format1,
                    revision: Revision {
                        number,
                        date,
                        initiated_by: if street {
                            Initiator::Street
                        } else {
                            Initiator::Committee
                        },
                        reason: None,
                        consent: consent.map(|date| Consent {
                            by: "居委会".into(),
                            date,
                        }),
                    },
                    committee: Committee {
                        code: "JA-FZ-001".into(),
                        name: "模糊测试居委会".into(),
                        street: "曹家渡街道".into(),
                        address: String::new(),
                        estate: if old { Estate::Old } else { Estate::New },
                        street_facing: facing,
                        police,
                        staff,
                        certified_area: certified.map(|m2| CertifiedArea {
                            m2,
                            source: String::new(),
                        }),
                        estates: (1..=estates)
                            .map(|n| EstateRef {
                                id: format!("E{n}"),
                                name: format!("小区{n}"),
                            })
                            .collect(),
                    },
                    rooms,
                    doors,
                    items,
                    underlays: Vec::new(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_plan_checks_without_panic(p in plan(), q in plan()) {
        let profile = Profile::default();
        check_all_ways(&p);
        check_plan(&p, &profile, &CheckOptions { previous: Some(&q), assets: None });
    }

    /// Drawing bounds (issue 15 item 3): any plan, with its findings, is
    /// drawn in a bounded picture, and drawing it ends.
    #[test]
    fn any_plan_draws_within_bounds(p in plan()) {
        let report = check_plan(&p, &Profile::default(), &CheckOptions::default());
        let svg = juwei::report::svg::plan_svg(&p, &report.findings, &Default::default());
        let (w, h) = view_box(&svg);
        prop_assert!(w.is_finite() && (200.0..=800.0).contains(&w), "{w}");
        prop_assert!(h.is_finite() && h > 0.0 && h < 100_000.0, "{h}");
    }

    #[test]
    fn any_plan_round_trips_through_text_and_checks(p in plan()) {
        let text = juwei::io::plan_to_string(&p);
        // NaN never equals itself, so compare by checking rather than by value
        parse_and_check(&text);
    }
}

#[test]
fn pathological_plans_check_without_panic() {
    let mut p = sample();
    // an empty room, a room at infinity, a huge room, a room on top of another
    p.rooms[0].outline.clear();
    p.rooms[1].outline = vec![(f64::INFINITY, 0.0), (0.0, f64::NAN), (1.0, 1.0)];
    p.rooms[2].outline = vec![
        (-1e300, -1e300),
        (1e300, -1e300),
        (1e300, 1e300),
        (-1e300, 1e300),
    ];
    p.rooms[3].outline = p.rooms[4].outline.clone();
    // doors into themselves and to nowhere
    p.doors
        .push(Door::new("R3", "R3", (f64::NAN, f64::INFINITY)));
    p.doors.push(Door::new(OUTSIDE, OUTSIDE, (0.0, 0.0)));
    // counts that overflow when summed
    let mut desk = Item::new(ItemKind::Desk, Location::Room("R1".into()));
    desk.count = u32::MAX;
    p.items.push(desk.clone());
    p.items.push(desk);
    check_all_ways(&p);
    let report = check_plan(&p, &Profile::default(), &CheckOptions::default());
    assert!(!report.valid, "broken outlines make the plan invalid");
}

#[test]
fn huge_coordinates_make_the_plan_invalid_not_a_panic() {
    let mut p = sample();
    for r in &mut p.rooms {
        for pt in &mut r.outline {
            pt.0 = pt.0 * 1e290 + 1e300;
            pt.1 *= 1e290;
        }
    }
    for d in &mut p.doors {
        d.at = (d.at.0 * 1e290 + 1e300, d.at.1 * 1e290);
    }
    check_all_ways(&p);
    let report = check_plan(&p, &Profile::default(), &CheckOptions::default());
    assert!(!report.valid);
    assert!(report.findings.iter().all(|f| f.code == "G01"));
    assert_eq!(report.findings.len(), p.rooms.len());
}

#[test]
fn a_plan_in_millimetres_is_refused_room_by_room() {
    let mut p = sample();
    for r in &mut p.rooms {
        for pt in &mut r.outline {
            *pt = (pt.0 * 1000.0, pt.1 * 1000.0);
        }
    }
    let report = check_plan(&p, &Profile::default(), &CheckOptions::default());
    assert!(!report.valid);
    assert!(
        report.findings.iter().all(|f| f.code == "G01"),
        "{:#?}",
        report.findings
    );
    assert!(report.findings[0].message_en.contains("metres"));
}

#[test]
fn absurd_counts_do_not_overflow() {
    let mut p = sample();
    for i in &mut p.items {
        i.count = u32::MAX;
    }
    check_all_ways(&p);
    let report = check_plan(&p, &Profile::default(), &CheckOptions::default());
    assert!(report.valid);
    // desks and cards both saturate: still as many cards as desks
    assert!(report.findings.iter().all(|f| f.code != "A2-2.3"));
}

/// The width and height of an SVG's viewBox.
fn view_box(svg: &str) -> (f64, f64) {
    let at = svg.find("viewBox=\"").expect("a viewBox") + 9;
    let nums: Vec<f64> = svg[at..]
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[2], nums[3])
}

/// Issue 15 item 3: one door at (12.5, 1e100) sent `check --format html`
/// (and `diff`) into an endless loop placing badges.
#[test]
fn a_door_far_away_does_not_hang_the_drawing() {
    let mut plan = sample();
    let from = plan.rooms[0].id.clone();
    plan.doors.push(Door {
        between: (from.clone(), OUTSIDE.to_string()),
        at: (12.5, 1e100),
        kind: DoorKind::Door,
    });
    let mut bad = plan.rooms[0].clone();
    bad.id = "FAR".into();
    bad.outline = vec![(0.0, 0.0), (1e8, 0.0), (1e8, 1e100), (0.0, 1.0)];
    plan.rooms.push(bad);
    let report = check_plan(&plan, &Profile::default(), &CheckOptions::default());
    let svg = juwei::report::svg::plan_svg(&plan, &report.findings, &Default::default());
    let (w, h) = view_box(&svg);
    assert!(w <= 800.0 && h < 100_000.0, "{w} × {h}");
    assert!(!svg.contains("e94") && !svg.contains("inf"));
    let profile = Profile::default();
    let d = juwei::diff::diff_plans(&sample(), &plan, &profile);
    let opts = juwei::report::html::HtmlOptions::default();
    let html =
        juwei::report::html::diff_page(&d, &sample(), &plan, "a.ron", "b.ron", &profile, &opts);
    assert!(html.contains("<svg"));
    let page = juwei::report::html::check_page("b.ron", &plan, &report, &profile, &opts);
    assert!(page.contains("<svg"));
}
