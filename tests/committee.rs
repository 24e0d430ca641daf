//! One place computes a committee's facts; one entry point checks it; every
//! view agrees with the findings (issue 9, item 4; rules.md "The audit's
//! lists (rev 2)").

use std::path::Path;

use chrono::NaiveDate;
use juwei::committee::{
    check_committee, facts, serves_committee, AreaSource, CommitteeInput, Equip, FileKind, Upgrade,
};
use juwei::geom::PlanGeometry;
use juwei::io::parse_plan;
use juwei::model::{ItemKind, Plan};
use juwei::rules::Profile;

const TWO_STOREYS: &str = r#"(
    format: 1,
    revision: (number: 1, date: "2026-03-01"),
    committee: (
        code: "JA-T-001", name: "测试居委会", street: "石门二路街道",
        estate: Old, street_facing: false,
        police: Some((staff: 1, services: [], officer_role: None)),
    ),
    rooms: [
        (id: "R1", name: "客堂", zones: [Office, Meeting], floor: AntiSlip,
         outline: [(0.0, 0.0), (8.0, 0.0), (8.0, 6.0), (0.0, 6.0)]),
        (id: "C1", name: "楼梯", zones: [Circulation], floor: AntiSlip,
         outline: [(8.0, 0.0), (10.0, 0.0), (10.0, 6.0), (8.0, 6.0)]),
        (id: "C2", name: "二楼楼梯", zones: [Circulation], floor: AntiSlip, level: 1,
         outline: [(8.0, 0.0), (10.0, 0.0), (10.0, 6.0), (8.0, 6.0)]),
        (id: "R2", name: "亭子间", zones: [Service, Reception], floor: AntiSlip, level: 1,
         outline: [(0.0, 0.0), (8.0, 0.0), (8.0, 4.0), (0.0, 4.0)]),
        (id: "P1", name: "警务室", zones: [Police], floor: AntiSlip, level: 1,
         outline: [(0.0, 4.0), (8.0, 4.0), (8.0, 6.0), (0.0, 6.0)]),
    ],
    doors: [
        (between: ("outside", "R1"), at: (4.0, 0.0)),
        (between: ("R1", "C1"), at: (8.0, 3.0)),
        (between: ("C1", "C2"), at: (9.0, 3.0), kind: Stair),
        (between: ("C2", "R2"), at: (8.0, 2.0)),
        (between: ("C2", "P1"), at: (8.0, 5.0)),
    ],
    items: [
        (kind: Computer, at: Room("R1"), network: Internet),
        (kind: Computer, at: Room("P1"), network: Police),
        (kind: Computer, at: Room("P1"), network: Intranet),
        (kind: Fax, at: Room("P1")),
        (kind: Printer, at: Room("R2"), count: 0),
        (kind: Television, at: Room("R2"), count: 2),
    ],
)"#;

fn plan(text: &str) -> Plan {
    parse_plan(Path::new("t.ron"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn equip(p: &Plan, kind: ItemKind) -> Equip {
    let profile = Profile::default();
    let f = facts(p, &PlanGeometry::new(p), &profile);
    let i = profile
        .required_equipment
        .iter()
        .position(|k| *k == kind)
        .unwrap();
    f.equipment[i]
}

#[test]
fn premises_area_sums_every_level_and_the_certified_area_wins() {
    let p = plan(TWO_STOREYS);
    let profile = Profile::default();
    let f = facts(&p, &PlanGeometry::new(&p), &profile);
    // 48 + 12 downstairs, 12 + 32 + 16 upstairs
    assert_eq!(f.measured_m2, 120.0);
    assert_eq!((f.area_m2, f.area_source), (120.0, AreaSource::Measured));
    assert_eq!(f.levels, [0, 1]);
    assert_eq!(f.upgrade, Upgrade::OldGradual);
    assert_eq!(f.shortfall_m2, None, "the seed sets old estates no target");

    let certified = TWO_STOREYS.replace(
        "officer_role: None)),",
        "officer_role: None)),\n        certified_area: Some((m2: 98.5, source: \"房地产权证\")),",
    );
    let p = plan(&certified);
    let f = facts(&p, &PlanGeometry::new(&p), &profile);
    assert_eq!(f.certified_m2, Some(98.5));
    assert_eq!((f.area_m2, f.area_source), (98.5, AreaSource::Certified));
    assert_eq!(f.upgrade, Upgrade::OldPriority);
    // and the rule says the same as the facts
    let c = check(&p);
    assert!(c.report.findings.iter().any(|f| f.code == "A2-1.2"));
    assert!(!c.report.findings.iter().any(|f| f.code == "A2-1.2a"));
}

#[test]
fn equipment_follows_6_3_without_the_police_room_or_count_0() {
    let p = plan(TWO_STOREYS);
    // the police room's computers and fax serve the police
    assert_eq!(
        equip(&p, ItemKind::Computer),
        Equip::MissingNetwork(juwei::model::Network::Intranet)
    );
    assert_eq!(equip(&p, ItemKind::Fax), Equip::Missing);
    // count 0 is not there
    assert_eq!(equip(&p, ItemKind::Printer), Equip::Missing);
    assert_eq!(equip(&p, ItemKind::Television), Equip::Present(2));
    let police_pc = &p.items[1];
    assert!(!serves_committee(&p, police_pc));
    assert!(serves_committee(&p, &p.items[0]));
    // the A2-6.3 findings name exactly the gaps the facts show
    let c = check(&p);
    let missing: Vec<&str> = c
        .report
        .findings
        .iter()
        .filter(|f| f.code == "A2-6.3")
        .flat_map(|f| f.items.iter().map(String::as_str))
        .collect();
    let profile = Profile::default();
    let gaps: Vec<&str> = profile
        .required_equipment
        .iter()
        .zip(&c.facts.equipment)
        .filter(|(_, e)| e.is_gap())
        .map(|(k, _)| k.ident())
        .collect();
    for g in &gaps {
        assert!(missing.contains(g), "{g} missing from {missing:?}");
    }
    assert_eq!(
        Equip::MissingNetwork(juwei::model::Network::Intranet)
            .gap_label(ItemKind::Computer, juwei::model::Lang::Zh),
        "电脑(缺内网)"
    );
}

fn check(p: &Plan) -> juwei::committee::CommitteeCheck {
    let profile = Profile::default();
    check_committee(&CommitteeInput {
        plan: p,
        plan_text: None,
        previous: None,
        register: None,
        today: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        profile: &profile,
    })
}

#[test]
fn every_finding_says_which_file_it_points_at() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let text = std::fs::read_to_string(dir.join("missing-equipment.ron")).unwrap();
    let p = parse_plan(&dir.join("missing-equipment.ron"), &text).unwrap();
    let reg = juwei::register::load_register(&dir.join("missing-equipment.register.ron")).unwrap();
    let profile = Profile::default();
    let c = check_committee(&CommitteeInput {
        plan: &p,
        plan_text: Some(&text),
        previous: None,
        register: Some(&reg),
        today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        profile: &profile,
    });
    assert!(!c.report.findings.is_empty());
    for f in &c.report.findings {
        let meta = f.meta().unwrap();
        let expect = if meta.scope == juwei::rules::Scope::Register {
            FileKind::Register
        } else {
            FileKind::Plan
        };
        assert_eq!(f.file, Some(expect), "{}", f.code);
    }
    let json = serde_json::to_value(&c.report.findings[0]).unwrap();
    assert!(
        json["file"] == "plan" || json["file"] == "register",
        "{json}"
    );
}
