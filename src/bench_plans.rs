//! Generated plans for benchmarks and tests: a typical committee (8 rooms,
//! 40 items), a large grid of rooms, and the same spread over storeys joined
//! by stairs. Deterministic.

use chrono::NaiveDate;

use crate::model::*;

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
}

fn room(id: &str, name: &str, zones: &[Zone], outline: Vec<(f64, f64)>) -> Room {
    Room {
        id: id.into(),
        name: name.into(),
        zones: zones.to_vec(),
        floor: Floor::AntiSlip,
        level: 0,
        outline,
    }
}

fn door(a: &str, b: &str, at: (f64, f64)) -> Door {
    Door {
        between: (a.into(), b.into()),
        at,
        kind: crate::model::DoorKind::Door,
    }
}

fn committee(code: &str) -> Committee {
    Committee {
        code: code.into(),
        name: "基准居委会".into(),
        street: "石门二路街道".into(),
        address: "基准路1号".into(),
        estate: Estate::New,
        street_facing: false,
        police: Some(Police {
            staff: 2,
            services: PoliceService::ALL.to_vec(),
            officer_role: Some(OfficerRole::DeputyPartySecretary),
        }),
        staff: None,
        certified_area: None,
        estates: Vec::new(),
    }
}

/// A typical committee: a corridor with eight rooms, forty items.
pub fn typical() -> Plan {
    use ItemKind::*;
    let rooms = vec![
        room(
            "R1",
            "走廊",
            &[Zone::Circulation],
            rect(0.0, 0.0, 16.0, 2.5),
        ),
        room("R2", "办公室", &[Zone::Office], rect(0.0, 2.5, 6.0, 10.5)),
        room("R3", "会议室", &[Zone::Meeting], rect(6.0, 2.5, 11.0, 10.5)),
        room(
            "R4",
            "服务大厅",
            &[Zone::Service],
            rect(11.0, 2.5, 16.0, 10.5),
        ),
        room(
            "R5",
            "接待室",
            &[Zone::Reception],
            rect(0.0, -6.0, 5.0, 0.0),
        ),
        room("R6", "警务室", &[Zone::Police], rect(5.0, -6.0, 9.0, 0.0)),
        room(
            "R7",
            "老年活动室",
            &[Zone::ResidentActivity],
            rect(9.0, -6.0, 14.0, 0.0),
        ),
        room(
            "R8",
            "卫生间",
            &[Zone::Ancillary],
            rect(14.0, -6.0, 16.0, 0.0),
        ),
    ];
    let doors = vec![
        door(OUTSIDE, "R1", (0.0, 1.25)),
        door("R1", "R2", (3.0, 2.5)),
        door("R1", "R3", (8.5, 2.5)),
        door("R1", "R4", (13.5, 2.5)),
        door("R1", "R5", (2.5, 0.0)),
        door(OUTSIDE, "R6", (7.0, -6.0)),
        door("R1", "R7", (11.5, 0.0)),
        door("R1", "R8", (15.0, 0.0)),
    ];
    let in_room = |kind, r: &str, count| Item {
        count,
        ..Item::new(kind, Location::Room(r.into()))
    };
    let mut items = vec![
        Item {
            network: Some(Network::Both),
            ..in_room(Computer, "R2", 3)
        },
        in_room(Printer, "R2", 1),
        in_room(AirConditioner, "R2", 1),
        in_room(AirConditioner, "R3", 1),
        in_room(AirConditioner, "R4", 1),
        in_room(Refrigerator, "R4", 1),
        in_room(Microwave, "R4", 1),
        in_room(ElectricFan, "R5", 1),
        in_room(Telephone, "R2", 2),
        in_room(Fax, "R2", 1),
        in_room(Desk, "R2", 5),
        in_room(Chair, "R2", 5),
        in_room(DeskCard, "R2", 5),
        in_room(FileCabinet, "R2", 2),
        in_room(Television, "R3", 1),
        in_room(TvCabinet, "R3", 1),
        in_room(MeetingTable, "R3", 1),
        in_room(Chair, "R3", 12),
        in_room(Whiteboard, "R3", 1),
        in_room(Curtain, "R3", 1),
        in_room(ConvenienceCabinet, "R4", 1),
        in_room(PottedFlowers, "R4", 2),
        in_room(GreenPlants, "R5", 2),
        in_room(AntiTheftDoor, "R1", 1),
        in_room(AntiTheftWindow, "R2", 2),
        in_room(FireEquipment, "R1", 2),
        in_room(Camera, "R1", 1),
        in_room(Safe, "R2", 1),
        in_room(Desk, "R6", 2),
        in_room(Chair, "R6", 2),
    ];
    for (kind, wall) in [
        (WallBoard(BoardKind::Organisation), 0),
        (WallBoard(BoardKind::PartyBuilding), 1),
        (WallBoard(BoardKind::SelfGovernance), 2),
    ] {
        items.push(Item {
            wall: Some(wall),
            ..in_room(kind, "R2", 1)
        });
    }
    for wall in [1, 2] {
        items.push(Item {
            wall: Some(wall),
            ..in_room(PoliceBoard, "R6", 1)
        });
    }
    for (kind, place) in [
        (EstateGuideSign, SitePlace::EstateGate),
        (PartyPlaque, SitePlace::Entrance),
        (CommitteePlaque, SitePlace::Entrance),
        (ResidentsHomeLogo, SitePlace::Entrance),
        (CommitteeMailbox, SitePlace::Entrance),
    ] {
        items.push(Item::new(kind, Location::Site(place)));
    }
    Plan {
        format: Format1,
        revision: Revision {
            number: 1,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).expect("a date"),
            initiated_by: crate::model::Initiator::Committee,
            reason: None,
            consent: None,
        },
        committee: committee("JA-BENCH-001"),
        rooms,
        doors,
        items,
        underlays: Vec::new(),
    }
}

/// `n` rooms of 4 × 4 m in rows of 50, each row entered from outside at its
/// west end and walked through from room to room; an item in every room.
pub fn grid(n: usize) -> Plan {
    let zones = [
        Zone::Office,
        Zone::Meeting,
        Zone::Service,
        Zone::Reception,
        Zone::Circulation,
    ];
    let mut plan = typical();
    plan.committee.police = None;
    plan.rooms.clear();
    plan.doors.clear();
    plan.items.clear();
    for k in 0..n {
        let (col, row) = ((k % 50) as f64, (k / 50) as f64);
        let id = format!("R{}", k + 1);
        plan.rooms.push(room(
            &id,
            "房间",
            &[zones[k % zones.len()]],
            rect(col * 4.0, row * 4.0, col * 4.0 + 4.0, row * 4.0 + 4.0),
        ));
        let west = if col == 0.0 {
            OUTSIDE.to_string()
        } else {
            format!("R{k}")
        };
        plan.doors
            .push(door(&west, &id, (col * 4.0, row * 4.0 + 2.0)));
        plan.items
            .push(Item::new(ItemKind::Desk, Location::Room(id)));
    }
    plan
}

/// `n` rooms of 4 × 4 m spread over `levels` storeys (as evenly as they
/// go), each storey a grid of rows of 50 in the same x/y frame, so the rooms
/// of one storey lie over those of the one below. The ground floor's rows
/// are entered from outside at their west end; each row of an upper storey
/// by a stair from the west room of the same row below. Every row is walked
/// through from room to room; an item in every room.
pub fn grid_levels(n: usize, levels: usize) -> Plan {
    let levels = levels.max(1);
    let per_level = n.div_ceil(levels).max(1);
    let zones = [
        Zone::Office,
        Zone::Meeting,
        Zone::Service,
        Zone::Reception,
        Zone::Circulation,
    ];
    let mut plan = typical();
    plan.committee.police = None;
    plan.rooms.clear();
    plan.doors.clear();
    plan.items.clear();
    for k in 0..n {
        let (level, j) = (k / per_level, k % per_level);
        let (col, row) = ((j % 50) as f64, (j / 50) as f64);
        let id = format!("R{}", k + 1);
        let mut r = room(
            &id,
            "房间",
            &[zones[k % zones.len()]],
            rect(col * 4.0, row * 4.0, col * 4.0 + 4.0, row * 4.0 + 4.0),
        );
        r.level = level as i32;
        plan.rooms.push(r);
        if col > 0.0 {
            plan.doors
                .push(door(&format!("R{k}"), &id, (col * 4.0, row * 4.0 + 2.0)));
        } else if level == 0 {
            plan.doors.push(door(OUTSIDE, &id, (0.0, row * 4.0 + 2.0)));
        } else {
            // the room below: same place in the storey below
            let below = format!("R{}", k - per_level + 1);
            plan.doors.push(Door {
                kind: DoorKind::Stair,
                ..door(&below, &id, (1.0, row * 4.0 + 1.0))
            });
        }
        plan.items
            .push(Item::new(ItemKind::Desk, Location::Room(id)));
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{check_plan, CheckOptions, Profile};

    #[test]
    fn generated_plans_are_valid_and_sized() {
        let p = Profile::default();
        let t = typical();
        assert_eq!((t.rooms.len(), t.items.len()), (8, 40));
        let r = check_plan(&t, &p, &CheckOptions::default());
        assert!(r.valid, "{:#?}", r.findings);
        assert!(!r.findings.iter().any(|f| f.code == crate::rules::Code::G05));
        let g = grid(120);
        let r = check_plan(&g, &p, &CheckOptions::default());
        assert!(r.valid, "{:#?}", &r.findings[..3.min(r.findings.len())]);
        assert!(!r.findings.iter().any(|f| f.code == crate::rules::Code::G05));
    }

    #[test]
    fn the_storeys_grid_is_valid_reachable_and_on_three_levels() {
        let p = Profile::default();
        // 2,000 rooms over 3 storeys: 667, 667 and 666, all overlapping on paper
        let g = grid_levels(2000, 3);
        assert_eq!(g.rooms.len(), 2000);
        let per: Vec<usize> = (0..3)
            .map(|l| g.rooms.iter().filter(|r| r.level == l).count())
            .collect();
        assert_eq!(per, [667, 667, 666]);
        let stairs = g.doors.iter().filter(|d| d.kind == DoorKind::Stair).count();
        assert_eq!(stairs, 2 * 14, "one stair per row of each upper storey");
        let r = check_plan(&g, &p, &CheckOptions::default());
        assert!(r.valid, "{:#?}", &r.findings[..3.min(r.findings.len())]);
        assert!(!r.findings.iter().any(|f| f.code == crate::rules::Code::G05));
    }
}
