//! `juwei import`: the drawings of `tests/dxf/` (written by ezdxf, see
//! `tests/dxf/make_fixtures.py`) turned into plans, with exact areas, zones
//! and doors; what is not understood reported with its handle; damaged and
//! foreign files refused with their line, never a panic.

mod common;
use common::juwei;

use std::f64::consts::PI;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use juwei::geom::area::{outline_area, round2};
use juwei::import::{
    import_dxf, import_dxf_bytes, DrawingUnits, ImportOptions, Imported, NoticeKind,
};
use juwei::io::{parse_plan, plan_to_string};
use juwei::model::{Lang, Zone, OUTSIDE};
use juwei::rules::{check_plan, CheckOptions, Profile, Severity};
use proptest::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/dxf")
        .join(name)
}

fn options(name: &str) -> ImportOptions {
    let mut o = ImportOptions::for_drawing(&fixture(name));
    o.date = NaiveDate::from_ymd_opt(2026, 3, 1);
    o
}

fn import(name: &str) -> Imported {
    import_dxf(&fixture(name), &options(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (id, name, zones, area rounded to 0.01)
fn rooms(imp: &Imported) -> Vec<(String, String, Vec<Zone>, f64)> {
    imp.plan
        .rooms
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                r.name.clone(),
                r.zones.clone(),
                round2(outline_area(&r.outline)),
            )
        })
        .collect()
}

fn doors(imp: &Imported) -> Vec<(String, String, (f64, f64))> {
    imp.plan
        .doors
        .iter()
        .map(|d| (d.between.0.clone(), d.between.1.clone(), d.at))
        .collect()
}

fn kinds(list: &[juwei::import::Notice]) -> Vec<NoticeKind> {
    list.iter().map(|n| n.kind).collect()
}

fn r(id: &str, name: &str, zones: &[Zone], area: f64) -> (String, String, Vec<Zone>, f64) {
    (id.into(), name.into(), zones.to_vec(), area)
}

fn d(a: &str, b: &str, x: f64, y: f64) -> (String, String, (f64, f64)) {
    (a.into(), b.into(), (x, y))
}

/// The plan survives writing and reading, and passes the validity checks.
fn assert_valid_plan(imp: &Imported) {
    let text = plan_to_string(&imp.plan);
    let back = parse_plan(Path::new("imported.ron"), &text).expect("the written plan reads back");
    assert_eq!(back, imp.plan);
    let report = check_plan(&imp.plan, &Profile::default(), &CheckOptions::default());
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(report.valid && errors.is_empty(), "{errors:#?}");
    assert!(
        !report.findings.iter().any(|f| f.code == "G05"),
        "every room reachable: {:#?}",
        report.findings
    );
}

use Zone::*;

#[test]
fn typical_committee_in_millimetres_on_a_survey_grid() {
    let imp = import("committee_mm.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "门厅", &[Circulation], 20.0),
            r("R2", "服务大厅", &[Service], 40.0),
            r("R3", "居民接待室", &[Reception], 20.0),
            // 8 x 5 m and a 90° arc bay of chord 5 m: 40 + 3.5675
            r("R4", "办公室", &[Office], 43.57),
            r("R5", "会议室", &[Meeting], 30.0),
            r("R6", "社区警务室", &[Police], 20.0),
            r("R7", "老年活动室", &[ResidentActivity], 30.0),
            r("R8", "卫生间", &[Ancillary], 10.0),
            r("R9", "储藏室", &[Ancillary], 10.0),
            r("R10", "茶水间", &[Ancillary], 20.0),
            r("R11", "天井", &[Courtyard], 18.0),
            r("R12", "走廊", &[Circulation], 48.0),
        ]
    );
    // the bay's area against the exact circular segment
    let r_arc: f64 = 2.5 / (PI / 4.0).sin();
    let segment = r_arc * r_arc / 2.0 * (PI / 2.0 - 1.0);
    let office = outline_area(&imp.plan.rooms[3].outline);
    assert!((office - (40.0 + segment)).abs() < 0.001, "{office}");

    // ten door blocks (one mirrored, one scaled, rotated ones) and four gaps
    // in the wall lines; the window between reception and office is no door
    assert_eq!(
        doors(&imp),
        vec![
            d(OUTSIDE, "R1", 2.0, 0.0),
            d("R2", "R12", 8.5, 5.0),
            d("R4", "R12", 17.5, 5.0),
            d("R5", "R12", 2.5, 7.0),
            d("R6", "R12", 8.0, 7.0),
            d(OUTSIDE, "R6", 8.5, 12.0),
            d("R8", "R12", 16.9, 7.0),
            d("R10", "R12", 21.5, 7.0),
            d("R5", "R11", 2.5, 12.0),
            d(OUTSIDE, "R12", 24.0, 6.0),
            d("R1", "R12", 2.25, 5.0),
            d("R3", "R12", 13.5, 5.0),
            d("R7", "R12", 12.75, 7.0),
            d("R9", "R12", 18.9, 7.0),
        ]
    );
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    assert_eq!(
        kinds(&imp.notes),
        vec![
            NoticeKind::Units,
            NoticeKind::Origin,
            NoticeKind::HatchRepeatsOutline,
            NoticeKind::FarTexts,
            NoticeKind::FloorDefault,
            NoticeKind::CommitteeDefaults,
            NoticeKind::PoliceDefaults,
        ]
    );
    assert_eq!(imp.units, DrawingUnits::Millimetres);
    assert_eq!(imp.origin, (500_000.0, 3_400_000.0));
    // the corridor is the HATCH; the office's hatch repeats its polyline
    assert_eq!(imp.rooms[11].entity, "HATCH");
    assert_eq!(imp.rooms[3].entity, "LWPOLYLINE");
    // floors are not in drawings: `Other` until confirmed
    assert!(imp
        .plan
        .rooms
        .iter()
        .all(|r| r.floor == juwei::model::Floor::Other));
    let police = imp.plan.committee.police.as_ref().expect("a police room");
    assert_eq!(police.staff, 0);
    assert_valid_plan(&imp);
}

#[test]
fn small_committee_in_metres_with_polylines_and_an_arc_edged_hatch() {
    let imp = import("committee_m.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "办公室", &[Office], 24.0),
            r("R2", "会议室", &[Meeting], 20.0),
            r("R3", "卫生间", &[Ancillary], 6.0),
            r("R4", "走廊", &[Circulation], 9.0),
            r("R5", "居民接待室", &[Reception], 21.53),
        ]
    );
    let reception = outline_area(&imp.plan.rooms[4].outline);
    assert!((reception - (18.0 + PI * 1.5 * 1.5 / 2.0)).abs() < 0.001);
    // the semicircle bulges west, out of the 6 x 3 rectangle
    let west = imp.plan.rooms[4]
        .outline
        .iter()
        .map(|p| p.0)
        .fold(f64::INFINITY, f64::min);
    assert!((west + 1.5).abs() < 0.01, "{west}");
    assert_eq!(
        doors(&imp),
        vec![
            d(OUTSIDE, "R4", 11.0, 5.45),
            d("R2", "R4", 8.55, 4.0),
            d("R3", "R4", 8.0, 5.45),
            d("R1", "R2", 6.0, 1.45),
            d("R1", "R5", 2.45, 4.0),
        ]
    );
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    assert_eq!(imp.units, DrawingUnits::Metres);
    assert_eq!(imp.origin, (0.0, 0.0));
    assert_eq!(imp.rooms[2].entity, "POLYLINE");
    assert_eq!(imp.rooms[4].entity, "HATCH");
    assert_valid_plan(&imp);
}

#[test]
fn gbk_drawing_in_centimetres_with_formatted_mtext() {
    let imp = import("gbk_cm.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "社区活动室", &[ResidentActivity], 60.0),
            r("R2", "办公室", &[Office], 30.0),
        ]
    );
    assert_eq!(
        doors(&imp),
        vec![d(OUTSIDE, "R1", 4.45, 0.0), d("R1", "R2", 10.0, 2.45)]
    );
    assert_eq!(imp.units, DrawingUnits::Centimetres);
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    assert!(!kinds(&imp.notes).contains(&NoticeKind::Encoding));
    assert_valid_plan(&imp);
}

#[test]
fn r12_without_units_and_with_misdeclared_gbk() {
    let imp = import("no_units_r12.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "会议室", &[Meeting], 20.0),
            r("R2", "办公室", &[Office], 16.0),
        ]
    );
    assert_eq!(imp.units, DrawingUnits::Metres);
    assert_eq!(
        kinds(&imp.warnings),
        vec![NoticeKind::UnitsGuessed, NoticeKind::DoorsNotInferable]
    );
    assert!(kinds(&imp.notes).contains(&NoticeKind::Encoding));
    // told the units, it does not guess
    let mut o = options("no_units_r12.dxf");
    o.units = Some(DrawingUnits::Metres);
    let told = import_dxf(&fixture("no_units_r12.dxf"), &o).unwrap();
    assert_eq!(kinds(&told.warnings), vec![NoticeKind::DoorsNotInferable]);
}

#[test]
fn binary_drawings_import_like_their_ascii_twins() {
    for (binary, ascii) in [
        ("committee_mm_binary.dxf", "committee_mm.dxf"),
        ("no_units_r12_binary.dxf", "no_units_r12.dxf"),
    ] {
        let (b, a) = (import(binary), import(ascii));
        let mut plan = b.plan.clone();
        plan.committee.code = a.plan.committee.code.clone();
        plan.committee.name = a.plan.committee.name.clone();
        assert_eq!(plan, a.plan, "{binary}");
        assert_eq!(kinds(&b.warnings), kinds(&a.warnings), "{binary}");
        // no line numbers: a binary file has none
        assert!(b.warnings.iter().chain(&b.notes).all(|n| n.line.is_none()));
    }
    let bytes = std::fs::read(fixture("committee_mm_binary.dxf")).unwrap();
    let e = error_of(&bytes[..bytes.len() * 2 / 3]);
    assert!(e.display(Lang::En).contains("binary DXF"), "{e}");
}

#[test]
fn mirrored_entities_are_read_in_world_coordinates() {
    let imp = import("mirrored_ocs.dxf");
    assert_eq!(rooms(&imp), vec![r("R1", "办公室", &[Office], 15.53)]);
    let xs: Vec<f64> = imp.plan.rooms[0].outline.iter().map(|p| p.0).collect();
    assert!(
        xs.iter().all(|&x| x >= -1e-9),
        "world x is not negative: {xs:?}"
    );
}

#[test]
fn everything_not_understood_is_listed_with_its_handle() {
    let imp = import("problems.dxf");
    let rows: Vec<String> = imp
        .warnings
        .iter()
        .map(|w| {
            format!(
                "{:<20} handles {:<10} rooms {:<8} {}",
                w.kind.slug(),
                w.handles.join(","),
                w.rooms.join(","),
                w.message_en
            )
        })
        .collect();
    insta::assert_snapshot!("problems_warnings", rows.join("\n"));
    // each problem of the drawing is there, with the entity to look for
    let has = |kind: NoticeKind, handle: &str| {
        imp.warnings
            .iter()
            .any(|w| w.kind == kind && w.handles.iter().any(|h| h == handle))
    };
    assert!(has(NoticeKind::EnclosingOutline, "37"), "building outline");
    assert!(has(NoticeKind::UnlabelledOutline, "3A"));
    assert!(has(NoticeKind::UnknownZone, "3B"));
    assert!(has(NoticeKind::SeveralLabels, "3D"));
    assert!(has(NoticeKind::DuplicateOutline, "41"));
    assert!(has(NoticeKind::Overlap, "43") && has(NoticeKind::Overlap, "45"));
    assert!(has(NoticeKind::OpenPolyline, "47"));
    assert!(has(NoticeKind::NotAnOutline, "48"));
    assert!(has(NoticeKind::DegenerateOutline, "49"));
    assert!(has(NoticeKind::LabelOutside, "4A"));
    assert!(has(NoticeKind::HatchUnreadable, "4B"));
    assert!(has(NoticeKind::HatchIslands, "4C"));
    assert!(has(NoticeKind::DoorAcrossGap, "52"));
    assert!(has(NoticeKind::DoorOffWall, "56"));
    // and the plan is still written for what was understood
    assert_eq!(imp.plan.rooms.len(), 10);
    assert_eq!(imp.plan.rooms[3].zones, vec![Meeting, Reception]);
    assert_eq!(imp.plan.rooms[3].name, "会议室/接待室");
    assert_eq!(doors(&imp), vec![d(OUTSIDE, "R1", 2.45, 1.0)]);
    // the warnings carry the line of the entity in the file
    let text = std::fs::read_to_string(fixture("problems.dxf")).unwrap();
    let open = imp
        .warnings
        .iter()
        .find(|w| w.kind == NoticeKind::OpenPolyline)
        .unwrap();
    let line = text.lines().nth(open.line.unwrap() - 1).unwrap();
    assert_eq!(line.trim(), "LWPOLYLINE");
    // overlapping rooms are both kept: the check names them (G02)
    let report = check_plan(&imp.plan, &Profile::default(), &CheckOptions::default());
    assert!(report
        .findings
        .iter()
        .any(|f| f.code == "G02" && f.rooms == vec!["R6".to_string(), "R7".to_string()]));
    let back = parse_plan(Path::new("p.ron"), &plan_to_string(&imp.plan)).unwrap();
    assert_eq!(back, imp.plan);
}

#[test]
fn messages_are_bilingual() {
    let imp = import("problems.dxf");
    for n in imp.warnings.iter().chain(&imp.notes) {
        assert!(
            n.message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "Chinese: {n:?}"
        );
        assert_ne!(n.message, n.message_en);
        assert!(
            n.message_en
                .split_whitespace()
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
                .count()
                >= 3,
            "English: {n:?}"
        );
        assert!(n.display(Lang::En).contains(&n.message_en));
    }
}

#[test]
fn committee_options_and_keyword_tables() {
    let mut o = options("committee_m.dxf");
    o.committee.code = Some("JA-SM2-007".into());
    o.committee.name = Some("示例居委会".into());
    o.committee.street = Some("石门二路街道".into());
    o.committee.address = Some("示例路100弄".into());
    o.committee.estate = Some(juwei::model::Estate::Old);
    o.floor = Some(juwei::model::Floor::AntiSlip);
    o.keywords.keywords.retain(|(k, _)| k != "走廊");
    o.keywords.default_zone = Circulation;
    let imp = import_dxf(&fixture("committee_m.dxf"), &o).unwrap();
    let c = &imp.plan.committee;
    assert_eq!(
        (c.code.as_str(), c.name.as_str(), c.street.as_str()),
        ("JA-SM2-007", "示例居委会", "石门二路街道")
    );
    assert_eq!(c.estate, juwei::model::Estate::Old);
    assert!(imp
        .plan
        .rooms
        .iter()
        .all(|r| r.floor == juwei::model::Floor::AntiSlip));
    // 走廊 no longer a keyword: the default zone, with a warning
    assert_eq!(imp.plan.rooms[3].zones, vec![Circulation]);
    assert_eq!(kinds(&imp.warnings), vec![NoticeKind::UnknownZone]);
    assert!(!kinds(&imp.notes).contains(&NoticeKind::CommitteeDefaults));
    assert!(!kinds(&imp.notes).contains(&NoticeKind::FloorDefault));
}

#[test]
fn room_layers_can_be_named() {
    let mut o = options("committee_m.dxf");
    o.room_layers = vec!["墙".into()];
    let imp = import_dxf(&fixture("committee_m.dxf"), &o).unwrap();
    assert!(imp.plan.rooms.is_empty());
    assert_eq!(kinds(&imp.warnings), vec![NoticeKind::NoRooms]);
    let none = &imp.warnings[0];
    // the message lists the layers that hold closed outlines, with their
    // counts (the text layer holds none)
    assert!(
        none.message.contains("房间 (5)") && !none.message.contains("文字"),
        "{}",
        none.message
    );
    assert!(none.message_en.contains("房间 (5)"), "{}", none.message_en);
}

// ---- rooms from walls, units, layers (issue 10) ----

#[test]
fn rooms_from_wall_lines_with_swings_openings_and_a_2018_mtext() {
    let imp = import("walls_lines.dxf");
    // on the wall centre lines, so that neighbours share their walls
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "卫生间", &[Ancillary], 12.0),
            r("R2", "门厅", &[Circulation], 36.0),
            r("R3", "办公室", &[Office], 24.0),
            // the AutoCAD 2018 MTEXT (columns) names its room
            r("R4", "会议室", &[Meeting], 24.0),
        ]
    );
    assert_eq!(
        imp.plan.rooms[0].outline,
        vec![(1.0, 1.0), (4.0, 1.0), (4.0, 5.0), (1.0, 5.0)]
    );
    // a door block, two swing arcs (one the entrance), a bare opening
    assert_eq!(
        doors(&imp),
        vec![
            d("R1", "R2", 4.0, 2.4),
            d(OUTSIDE, "R2", 7.5, 1.0),
            d("R2", "R3", 5.45, 5.0),
            d("R2", "R4", 10.5, 5.0),
        ]
    );
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    let from_walls: Vec<&juwei::import::Notice> = imp
        .notes
        .iter()
        .filter(|n| n.kind == NoticeKind::RoomFromWalls)
        .collect();
    assert_eq!(from_walls.len(), 4);
    assert_eq!(from_walls[0].rooms, vec!["R1".to_string()]);
    // the clear area between the wall faces is told too
    assert!(
        from_walls[0].message.contains("10.64"),
        "{}",
        from_walls[0].message
    );
    assert_eq!(imp.rooms[0].entity, "WALLS");
    assert_eq!(imp.units, DrawingUnits::Millimetres);
    assert_eq!(imp.origin, (499_000.0, 3_399_000.0));
    assert_valid_plan(&imp);
}

#[test]
fn walls_that_do_not_close_give_the_rooms_that_do_and_say_where() {
    let imp = import("walls_open.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "卫生间", &[Ancillary], 12.0),
            r("R2", "门厅", &[Circulation], 36.0),
            r("R3", "办公室", &[Office], 24.0),
        ]
    );
    let open: Vec<_> = imp
        .warnings
        .iter()
        .filter(|w| w.kind == NoticeKind::WallsOpen)
        .collect();
    assert_eq!(open.len(), 1, "{:#?}", imp.warnings);
    // named by its label, with the loose wall ends, in drawing coordinates
    assert!(open[0].message.contains("会议室"), "{}", open[0].message);
    assert!(
        open[0].message.contains("(511900, 3407900)")
            || open[0].message.contains("(511900, 3404100)"),
        "{}",
        open[0].message
    );
    assert!(open[0].message_en.contains("do not close"));
}

#[test]
fn a_wrong_insunits_is_judged_by_the_room_sizes() {
    let imp = import("wrong_insunits.dxf");
    assert_eq!(imp.units, DrawingUnits::Millimetres);
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "Office", &[Office], 27.0),
            r("R2", "Meeting room", &[Meeting], 36.0),
            r("R3", "WC", &[Ancillary], 4.5),
            r("R4", "Corridor", &[Circulation], 4.5),
        ]
    );
    let suspect: Vec<_> = imp
        .warnings
        .iter()
        .filter(|w| w.kind == NoticeKind::UnitsSuspect)
        .collect();
    assert_eq!(suspect.len(), 1, "{:#?}", imp.warnings);
    assert!(suspect[0].message.contains("英寸") && suspect[0].message.contains("--units in"));
    assert!(suspect[0].message_en.contains("inches") && suspect[0].message_en.contains("--units"));
    // told the units, it believes them
    let mut o = options("wrong_insunits.dxf");
    o.units = Some(DrawingUnits::Inches);
    let told = import_dxf(&fixture("wrong_insunits.dxf"), &o).unwrap();
    assert_eq!(told.units, DrawingUnits::Inches);
    assert!(!kinds(&told.warnings).contains(&NoticeKind::UnitsSuspect));
    assert_eq!(round2(outline_area(&told.plan.rooms[0].outline)), 17419.32);
}

#[test]
fn cli_text_report_shows_an_invalid_rooms_real_area_and_from_walls() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.ron");
    let out_s = out.to_str().unwrap();
    // told metres, the 6000 x 4500 office is 6 km across: invalid for the
    // check, and the report says how big it is, not 0.00
    let o = juwei(&[
        "import",
        "tests/dxf/wrong_insunits.dxf",
        "-o",
        out_s,
        "--units",
        "m",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("27000000.00"), "{text}");
    assert!(text.contains("无效"), "{text}");
    // --from-walls with a layer: the walls of walls_lines.dxf
    let o = juwei(&[
        "--lang",
        "en",
        "import",
        "tests/dxf/walls_lines.dxf",
        "-o",
        out_s,
        "--force",
        "--from-walls",
        "WALL",
        "WINDOW",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rooms"].as_array().unwrap().len(), 4);
    assert_eq!(v["rooms"][1]["area_m2"], 36.0);
    assert_eq!(v["rooms"][1]["entity"], "WALLS");
}

#[test]
fn a_drawing_imports_as_one_storey() {
    let mut o = options("committee_m.dxf");
    o.level = 1;
    let imp = import_dxf(&fixture("committee_m.dxf"), &o).unwrap();
    assert_eq!(imp.plan.rooms.len(), 5);
    assert!(imp.plan.rooms.iter().all(|r| r.level == 1));
    let text = plan_to_string(&imp.plan);
    assert!(text.contains("level: 1"), "{text}");
    let back = parse_plan(Path::new("upstairs.ron"), &text).unwrap();
    assert_eq!(back, imp.plan);
    // the command line: a basement
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.ron");
    let o = juwei(&[
        "import",
        "tests/dxf/committee_m.dxf",
        "-o",
        out.to_str().unwrap(),
        "--level",
        "-1",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let plan = parse_plan(&out, &std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(plan.rooms.iter().all(|r| r.level == -1));
    // the ground floor is the default, and writes no level
    let imp = import("committee_m.dxf");
    assert!(imp.plan.rooms.iter().all(|r| r.level == 0));
    assert!(!plan_to_string(&imp.plan).contains("level"));
}

#[test]
fn layers_named_by_function_or_number() {
    // by default only the layers named like room layers: the others are listed
    let imp = import("layer_names.dxf");
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "Meeting rooms", &[Meeting], 30.0),
            r("R2", "未命名", &[Ancillary], 260.0),
        ]
    );
    let other = imp
        .notes
        .iter()
        .find(|n| n.kind == NoticeKind::OtherLayers)
        .expect("an other-layers note");
    assert!(
        other
            .message_en
            .contains("Corridor (1), E15-344 (1), Offices (3), Store (1), Toilets (1)"),
        "{}",
        other.message_en
    );
    // all of them: unlabelled outlines take their layer's name; the hall,
    // holding a store and partly under the corridor, stays a room
    let mut o = options("layer_names.dxf");
    o.room_layers = [
        "=Offices",
        "Meeting rooms",
        "Toilets",
        "E15-344",
        "Corridor",
        "Store",
        "=A-AREA",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let imp = import_dxf(&fixture("layer_names.dxf"), &o).unwrap();
    assert_eq!(
        rooms(&imp),
        vec![
            r("R1", "Offices", &[Office], 20.0),
            r("R2", "Offices", &[Office], 20.0),
            r("R3", "Offices", &[Office], 20.0),
            r("R4", "Meeting rooms", &[Meeting], 30.0),
            r("R5", "Toilets", &[Ancillary], 10.0),
            r("R6", "E15-344", &[Ancillary], 20.0),
            r("R7", "Corridor", &[Circulation], 24.0),
            r("R8", "未命名", &[Ancillary], 260.0),
            r("R9", "Store", &[Ancillary], 4.0),
        ]
    );
    assert!(!kinds(&imp.warnings).contains(&NoticeKind::EnclosingOutline));
    assert!(!kinds(&imp.notes).contains(&NoticeKind::OtherLayers));
    let by_layer: Vec<_> = imp
        .notes
        .iter()
        .filter(|n| n.kind == NoticeKind::NamedByLayer)
        .collect();
    assert_eq!(by_layer.len(), 6);
    // E15-344 holds no keyword: said so
    assert!(imp
        .warnings
        .iter()
        .any(|w| w.kind == NoticeKind::UnknownZone && w.rooms == vec!["R6".to_string()]));
    // the exact form does not match a longer name
    let mut o = options("layer_names.dxf");
    o.room_layers = vec!["=Office".into()];
    let imp = import_dxf(&fixture("layer_names.dxf"), &o).unwrap();
    assert!(imp.plan.rooms.is_empty());
}

// ---- damaged and foreign files ----

fn error_of(bytes: &[u8]) -> juwei::io::LoadError {
    import_dxf_bytes(Path::new("x.dxf"), bytes, &ImportOptions::default()).expect_err("an error")
}

#[test]
fn not_dxf_is_refused_at_line_one() {
    let e = error_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(e.location(), Some((1, 1)));
    assert!(e.display(Lang::En).contains("not a DXF drawing"), "{e}");
    let e = error_of("(\n    format: 1,\n)\n".as_bytes());
    assert_eq!(e.location(), Some((1, 1)));
    let e = error_of(b"");
    assert!(e.display(Lang::Zh).contains("空"), "{e}");
}

#[test]
fn truncated_drawing_is_refused_with_its_last_line() {
    let bytes = std::fs::read(fixture("committee_m.dxf")).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    let e = error_of(cut);
    let lines = cut.split(|&b| b == b'\n').count();
    assert_eq!(e.location(), Some((lines, 1)), "{e}");
    assert!(e.display(Lang::En).contains("truncated"), "{e}");
    assert!(e.display(Lang::Zh).contains("不完整"), "{e}");
}

#[test]
fn a_bad_number_is_located() {
    let text = std::fs::read_to_string(fixture("committee_m.dxf")).unwrap();
    // the first vertex x of the first POLYLINE's first VERTEX
    let at = text.find("VERTEX").unwrap();
    let x = at + text[at..].find("\n 10\n").unwrap() + 5;
    let mut broken = text.clone();
    broken.replace_range(x..x + 3, "1,5");
    let line = broken[..x].matches('\n').count() + 1;
    let e = error_of(broken.as_bytes());
    assert_eq!(e.location().map(|l| l.0), Some(line), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_give_an_error_or_a_plan(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = import_dxf_bytes(Path::new("x.dxf"), &bytes, &ImportOptions::default());
    }

    #[test]
    fn dxf_like_noise_gives_an_error_or_a_plan(
        pairs in proptest::collection::vec(
            (prop_oneof![Just(0), Just(2), Just(5), Just(8), Just(10), Just(20), Just(42), Just(70), Just(90), Just(91), Just(92), Just(93)],
             prop_oneof![Just("SECTION".to_string()), Just("ENTITIES".to_string()), Just("LWPOLYLINE".to_string()),
                         Just("HATCH".to_string()), Just("ENDSEC".to_string()), Just("ROOM".to_string()),
                         "-?[0-9]{1,4}(\\.[0-9]{1,3})?"]),
            0..80)
    ) {
        let mut text = String::from("0\nSECTION\n2\nENTITIES\n");
        for (code, value) in pairs {
            text.push_str(&format!("{code}\n{value}\n"));
        }
        text.push_str("0\nENDSEC\n0\nEOF\n");
        let _ = import_dxf_bytes(Path::new("x.dxf"), text.as_bytes(), &ImportOptions::default());
    }

    #[test]
    fn every_truncation_is_an_error(cut in 0usize..10_000) {
        let bytes = std::fs::read(fixture("committee_m.dxf")).unwrap();
        // anything short of the final "EOF" is incomplete
        let end = bytes.len() - 5;
        let cut = cut * end / 10_000;
        let e = import_dxf_bytes(Path::new("x.dxf"), &bytes[..cut], &ImportOptions::default());
        prop_assert!(e.is_err());
    }

    #[test]
    fn flipped_bytes_never_panic(at in 0usize..10_000, byte in any::<u8>(), binary in any::<bool>()) {
        let name = if binary { "committee_mm_binary.dxf" } else { "problems.dxf" };
        let mut bytes = std::fs::read(fixture(name)).unwrap();
        let i = at * bytes.len() / 10_000;
        bytes[i] = byte;
        let _ = import_dxf_bytes(Path::new("x.dxf"), &bytes, &ImportOptions::default());
    }
}

// ---- the command ----

#[test]
fn cli_exit_statuses_and_no_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.ron");
    let out_s = out.to_str().unwrap();
    let o = juwei(&[
        "import",
        "tests/dxf/committee_m.dxf",
        "-o",
        out_s,
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(parse_plan(&out, &written).is_ok());
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(
        stdout.contains("居民接待室") && stdout.contains("21.53"),
        "{stdout}"
    );

    // an existing plan is not replaced without --force, and stays as it was
    std::fs::write(&out, "hand edits").unwrap();
    let o = juwei(&["import", "tests/dxf/committee_m.dxf", "-o", out_s]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "hand edits");
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));

    // warnings: written, status 1
    let o = juwei(&[
        "import",
        "tests/dxf/problems.dxf",
        "-o",
        out_s,
        "--force",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("not imported as a room"));
    assert!(parse_plan(&out, &std::fs::read_to_string(&out).unwrap()).is_ok());

    // no room: nothing written, status 2
    let none = dir.path().join("none.ron");
    let o = juwei(&[
        "import",
        "tests/dxf/committee_m.dxf",
        "-o",
        none.to_str().unwrap(),
        "--room-layer",
        "NOPE",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!none.exists());

    // unreadable: status 2, file and line named
    let bad = dir.path().join("bad.dxf");
    std::fs::write(&bad, "0\nSECTION\n2\nENTITIES\n0\nLWPOLY").unwrap();
    let o = juwei(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        none.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.dxf:6:"), "{err}");
    assert!(!none.exists());
}

#[test]
fn cli_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.ron");
    let o = juwei(&[
        "import",
        "tests/dxf/problems.dxf",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--code",
        "JA-X-1",
        "--estate",
        "old",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON object");
    assert_eq!(v["format"], 1);
    assert_eq!(v["units"], "millimetres");
    assert_eq!(v["rooms"][0]["id"], "R1");
    assert_eq!(v["rooms"][0]["zones"][0], "Office");
    assert_eq!(v["rooms"][0]["area_m2"], 20.0);
    assert_eq!(v["rooms"][0]["handle"], "38");
    assert_eq!(v["doors"][0]["between"][0], "outside");
    let w = &v["warnings"][0];
    for key in ["kind", "handles", "rooms", "message", "message_en"] {
        assert!(!w[key].is_null(), "{key}");
    }
    let plan = parse_plan(&out, &std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(plan.committee.code, "JA-X-1");
    assert_eq!(plan.committee.estate, juwei::model::Estate::Old);
}

#[test]
fn cli_keyword_file() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("k.ron");
    std::fs::write(
        &table,
        "(keywords: [(\"办公\", Office), (\"社区\", Service)])",
    )
    .unwrap();
    let out = dir.path().join("p.ron");
    let o = juwei(&[
        "import",
        "tests/dxf/gbk_cm.dxf",
        "-o",
        out.to_str().unwrap(),
        "--keywords",
        table.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let plan = parse_plan(&out, &std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(plan.rooms[0].zones, vec![Service]);
    // a typo in the table is located
    std::fs::write(&table, "(keywords: [(\"办公\", Ofice)])").unwrap();
    let o = juwei(&[
        "import",
        "tests/dxf/gbk_cm.dxf",
        "-o",
        out.to_str().unwrap(),
        "--force",
        "--keywords",
        table.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("k.ron:1:"));
}

#[test]
fn cli_text_report_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.ron");
    let out_s = out.to_str().unwrap();
    for lang in ["zh", "en"] {
        let o = juwei(&[
            "--lang",
            lang,
            "import",
            "tests/dxf/committee_mm.dxf",
            "-o",
            out_s,
            "--force",
            "--date",
            "2026-03-01",
        ]);
        assert_eq!(o.status.code(), Some(0));
        let text = String::from_utf8(o.stdout)
            .unwrap()
            .replace(out_s, "<plan>");
        insta::assert_snapshot!(format!("committee_mm_report_{lang}"), text);
    }
}
