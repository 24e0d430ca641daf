//! The format additions of revision 2 (plan-format.md, "Additions of
//! revision 2"): old files load unchanged and are written back as before;
//! the new fields are read, written only when not at their default, and a
//! bad value is an error at its line and column.

use std::path::{Path, PathBuf};

use juwei::io::{parse_plan, plan_to_string};
use juwei::model::{DoorKind, Initiator, ItemKind, Network};

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plan")
        .join(name)
}

/// The six sample plans as juwei 0.1 shipped them (`v0.1/`), and the text
/// juwei 0.1's writer made of each (`resaved-0.1/`): today's writer must
/// make the same text, byte for byte, of both.
#[test]
fn resaving_a_0_1_plan_gives_the_0_1_text() {
    let mut n = 0;
    for e in std::fs::read_dir(dir("v0.1")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_owned();
        let original = std::fs::read_to_string(&p).unwrap();
        let expected = std::fs::read_to_string(dir("resaved-0.1").join(&name)).unwrap();
        let plan = parse_plan(&p, &original).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan_to_string(&plan), expected, "{}", p.display());
        let again = parse_plan(&p, &expected).unwrap();
        assert_eq!(plan_to_string(&again), expected, "{}", p.display());
        // and they mean what they meant: one level, doors, one estate…
        assert!(plan.rooms.iter().all(|r| r.level == 0));
        assert!(plan.doors.iter().all(|d| d.kind == DoorKind::Door));
        assert!(plan.committee.estates.is_empty() && plan.committee.staff.is_none());
        assert!(plan.committee.certified_area.is_none() && plan.underlays.is_empty());
        assert_eq!(plan.revision.initiated_by, Initiator::Committee);
        n += 1;
    }
    assert_eq!(n, 6);
}

const REV2: &str = r#"(
    format: 1,
    revision: (
        number: 4, date: "2026-12-01",
        initiated_by: Street,
        reason: Some("会议室改作综合服务区,便于居民办事"),
        consent: Some((by: "示例居委会", date: "2026-11-20")),
    ),
    committee: (
        code: "JA-SM2-007", name: "示例居委会", street: "石门二路街道",
        estate: Old, street_facing: false, police: None,
        staff: Some(7),
        certified_area: Some((m2: 231.50, source: "房地产权证 沪房地静字(2009)第001234号")),
        estates: [(id: "E1", name: "华业小区"), (id: "E2", name: "陕北新村")],
    ),
    rooms: [
        (id: "C1", name: "楼梯间", zones: [Circulation], floor: AntiSlip,
         outline: [(0.0, 0.0), (3.0, 0.0), (3.0, 2.5), (0.0, 2.5)]),
        (id: "R7", name: "二楼亭子间", zones: [Office], floor: AntiSlip, level: 1,
         outline: [(0.0, 0.0), (3.0, 0.0), (3.0, 2.5), (0.0, 2.5)]),
    ],
    doors: [
        (between: ("outside", "C1"), at: (1.5, 0.0)),
        (between: ("C1", "R7"), at: (1.0, 1.0), kind: Stair),
    ],
    items: [
        (kind: EstateGuideSign, at: Site(EstateGate), estate: "E2"),
        (kind: AffairsBoard, at: Site(Entrance)),
        (kind: PoliceRoomSign, at: Room("R7")),
        (kind: Computer, at: Room("R7"), network: Police),
    ],
    underlays: [
        (level: 1, image: "scans/upstairs.jpg", to_plan: (0.01, 0.0, 0.0, 0.0, -0.01, 8.0, 0.0, 0.0, 1.0)),
        (image: "scans/ground.jpg", to_plan: (0.02, 0.0, 0.0, 0.0, 0.02, 0.0, 0.0, 0.0, 1.0), opacity: 0.8),
    ],
)
"#;

#[test]
fn the_additions_are_read() {
    let p = parse_plan(Path::new("rev2.ron"), REV2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.revision.initiated_by, Initiator::Street);
    assert_eq!(
        p.revision.reason.as_deref(),
        Some("会议室改作综合服务区,便于居民办事")
    );
    assert_eq!(p.committee.staff, Some(7));
    let cert = p.committee.certified_area.as_ref().unwrap();
    assert_eq!(cert.m2, 231.5);
    assert!(cert.source.starts_with("房地产权证"));
    assert_eq!(p.committee.estates.len(), 2);
    assert_eq!(p.committee.estates[1].name, "陕北新村");
    assert_eq!((p.rooms[0].level, p.rooms[1].level), (0, 1));
    assert_eq!(p.doors[0].kind, DoorKind::Door);
    assert_eq!(p.doors[1].kind, DoorKind::Stair);
    assert_eq!(p.items[0].estate.as_deref(), Some("E2"));
    assert_eq!(p.items[1].kind, ItemKind::AffairsBoard);
    assert_eq!(p.items[2].kind, ItemKind::PoliceRoomSign);
    assert_eq!(p.items[3].network, Some(Network::Police));
    assert_eq!(p.underlays.len(), 2);
    assert_eq!(p.underlays[0].level, 1);
    assert_eq!(p.underlays[0].opacity, 0.5, "opacity defaults to 0.5");
    assert_eq!(p.underlays[1].opacity, 0.8);
    // image pixel (100, 200) of the upstairs scan is at (1 m, 6 m)
    let (x, y) = p.underlays[0].to_plan_point(100.0, 200.0).unwrap();
    assert!((x - 1.0).abs() < 1e-9 && (y - 6.0).abs() < 1e-9, "{x} {y}");
}

#[test]
fn the_additions_are_written_only_when_set_and_round_trip() {
    let p = parse_plan(Path::new("rev2.ron"), REV2).unwrap();
    let text = plan_to_string(&p);
    for key in [
        "initiated_by: Street",
        "reason:",
        "staff: Some(7)",
        "certified_area:",
        "estates:",
        "level: 1",
        "kind: Stair",
        "estate: Some(\"E2\")",
        "underlays:",
        "opacity: 0.8",
    ] {
        assert!(text.contains(key), "{key} missing in\n{text}");
    }
    // defaults are left out: level 0, kind Door, opacity 0.5
    assert!(!text.contains("level: 0"), "{text}");
    assert!(!text.contains("kind: Door"), "{text}");
    assert!(!text.contains("opacity: 0.5"), "{text}");
    let back = parse_plan(Path::new("back.ron"), &text).unwrap();
    assert_eq!(p, back);
    assert_eq!(plan_to_string(&back), text);
}

#[test]
fn a_level_that_is_not_an_integer_is_a_located_error() {
    let t = REV2.replace("level: 1,", "level: 1.5,");
    let e = parse_plan(Path::new("rev2.ron"), &t).unwrap_err();
    let line = REV2.lines().position(|l| l.contains("level: 1,")).unwrap() + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(e.to_string().contains("rev2.ron"), "{e}");
    assert!(e.message.contains("整数"), "{e}");
    let t = REV2.replace("level: 1,", "level: \"二楼\",");
    let e = parse_plan(Path::new("rev2.ron"), &t).unwrap_err();
    assert_eq!(e.line, line, "{e}");
}

#[test]
fn unknown_door_kind_and_network_are_located_errors() {
    let t = REV2.replace("kind: Stair", "kind: Ladder");
    let e = parse_plan(Path::new("rev2.ron"), &t).unwrap_err();
    let line = REV2
        .lines()
        .position(|l| l.contains("kind: Stair"))
        .unwrap()
        + 1;
    assert_eq!(e.line, line, "{e}");
    assert!(e.message_en.contains("Ladder"), "{e}");
}
