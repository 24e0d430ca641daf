//! The sample committees in `plans/` say what their names promise: the
//! compliant one has no finding, each of the others exactly its problem —
//! as read by revision 2 of the rules.

use std::path::{Path, PathBuf};

use juwei::io::{load_plan, parse_plan, plan_to_string};
use juwei::rules::{check_plan, CheckOptions, CheckReport, Profile, Severity};

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("plans")
        .join(name)
}

fn check(name: &str) -> CheckReport {
    let plan = load_plan(&path(name)).unwrap_or_else(|e| panic!("{e}"));
    check_plan(&plan, &Profile::default(), &CheckOptions::default())
}

/// `CODE:severity` of every finding, in report order.
fn codes(r: &CheckReport) -> Vec<String> {
    r.findings
        .iter()
        .map(|f| format!("{}:{}", f.code, f.severity.as_str()))
        .collect()
}

#[test]
fn every_sample_is_valid_and_round_trips() {
    let mut n = 0;
    for e in std::fs::read_dir(path("")).unwrap() {
        let p = e.unwrap().path();
        // plans only: registers (`*.register.ron`) and count sheets sit beside them
        let plan_file = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".ron") && n.matches('.').count() == 1);
        if !plan_file {
            continue;
        }
        n += 1;
        let plan = load_plan(&p).unwrap_or_else(|e| panic!("{e}"));
        let report = check_plan(&plan, &Profile::default(), &CheckOptions::default());
        assert!(report.valid, "{}: {:#?}", p.display(), report.findings);
        assert!(
            report
                .findings
                .iter()
                .all(|f| f.severity != Severity::Error),
            "{}",
            p.display()
        );
        let again = parse_plan(&p, &plan_to_string(&plan)).unwrap();
        assert_eq!(plan, again, "{}", p.display());
    }
    assert!(n >= 8, "only {n} sample plans");
}

#[test]
fn new_estate_compliant_has_no_finding() {
    let r = check("new-estate-compliant.ron");
    assert_eq!(codes(&r), Vec::<String>::new());
    assert_eq!(r.premises_area_m2, 286.0);
}

#[test]
fn old_estate_small_is_a_priority_upgrade() {
    let r = check("old-estate-small.ron");
    assert_eq!(r.premises_area_m2, 65.0);
    assert_eq!(
        codes(&r),
        [
            "A2-1.2:priority",
            "A2-4.4a:advisory",
            "A2-4.5:advisory",
            "A2-4.5:advisory",
            "A2-3.4a:info"
        ]
    );
    assert!(!r.summary().fails());
}

#[test]
fn police_through_office_is_advised_another_way_in() {
    let r = check("police-through-office.ron");
    // rev 2: the police room is a room of its own (A7-1.1 passes); that
    // visitors reach it only through the office is advice (A7-1.1b). An old
    // estate above 100 m²: gradual upgrade (A2-1.2a, info)
    assert_eq!(codes(&r), ["A7-1.1b:advisory", "A2-1.2a:info"]);
    assert_eq!(r.findings[0].rooms, ["P1", "R1"]);
    assert!(!r.summary().fails());
}

#[test]
fn merged_zones_lack_the_service_zone() {
    let r = check("merged-zones.ron");
    assert_eq!(
        codes(&r),
        ["A2-3.3:violation", "A2-1.2a:info", "A2-3.4a:info"]
    );
    assert_eq!(r.findings[2].rooms, ["R2"]);
}

#[test]
fn missing_equipment_names_each_missing_item() {
    let r = check("missing-equipment.ron");
    let missing: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.code == "A2-6.3")
        .flat_map(|f| f.items.iter().map(String::as_str))
        .collect();
    assert_eq!(
        missing,
        ["Microwave", "Fax", "TvCabinet", "Whiteboard", "Computer"]
    );
    assert_eq!(
        codes(&r).last().map(String::as_str),
        Some("A2-4.4a:advisory")
    );
    assert_eq!(r.summary().violation, 5);
}

#[test]
fn l_shaped_on_survey_coordinates_is_compliant() {
    let r = check("l-shaped.ron");
    assert_eq!(codes(&r), Vec::<String>::new());
    assert_eq!(r.premises_area_m2, 264.0);
    let area = |id: &str| r.room_areas.iter().find(|(r, _)| r == id).unwrap().1;
    assert_eq!(area("R1"), 48.0);
    assert_eq!(area("R4"), 33.0);
    assert_eq!(area("C1"), 56.0);
}

#[test]
fn shikumen_on_two_storeys_is_a_priority_by_its_certified_area() {
    let plan = load_plan(&path("shikumen-two-storey.ron")).unwrap();
    let r = check("shikumen-two-storey.ron");
    assert!(r.valid, "{:#?}", r.findings);
    // the 前楼 lies over the 客堂 and the 亭子间 over the 灶披间: no overlap
    // across storeys, the 亭子间 reached by the stair
    assert_eq!(
        codes(&r),
        [
            "A2-1.2:priority",
            "A2-4.5:advisory",
            "A2-4.5:advisory",
            "A2-3.4a:info"
        ]
    );
    assert!(!r.summary().fails());
    // both storeys count: 32.5 + 5 + 11.25 downstairs, the same upstairs
    assert_eq!(r.premises_area_m2, 97.5);
    let levels: Vec<i32> = plan.rooms.iter().map(|r| r.level).collect();
    assert_eq!(levels, [0, 0, 0, 0, 1, 1, 1]);
    assert!(plan
        .doors
        .iter()
        .any(|d| d.kind == juwei::model::DoorKind::Stair));
    // the thresholds use the property certificate's 96.80 m², and say so
    let facts = juwei::committee::facts_with_area(&plan, r.premises_area_m2, &Profile::default());
    assert_eq!((facts.area_m2, facts.certified_m2), (96.8, Some(96.8)));
    assert_eq!(facts.area_source, juwei::committee::AreaSource::Certified);
    assert_eq!(facts.levels, [0, 1]);
    assert!(
        r.findings[0].message.contains("96.80"),
        "{}",
        r.findings[0].message
    );
    assert!(
        r.findings[0].message.contains("97.50"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn two_estates_lack_one_guide_sign_for_the_second_estate_only() {
    let plan = load_plan(&path("two-estates.ron")).unwrap();
    assert_eq!(plan.committee.estates.len(), 2);
    let r = check("two-estates.ron");
    assert_eq!(codes(&r), ["A2-2.1:violation"]);
    let f = &r.findings[0];
    assert!(f.message.contains("中华新路小区"), "{}", f.message);
    assert!(!f.message.contains("普善新苑"), "{}", f.message);
    assert_eq!(r.premises_area_m2, 214.0);
    // every item at an estate's gate says which estate it belongs to
    for i in &plan.items {
        if matches!(
            i.at,
            juwei::model::Location::Site(juwei::model::SitePlace::EstateGate)
        ) {
            assert!(i.estate.is_some(), "{:?}", i.kind);
        }
    }
}
