use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::model::{ItemKind, SitePlace};

const SAMPLE: &str = include_str!("../../tests/fixtures/planner/sample.ron");

fn sample() -> Plan {
    crate::io::parse_plan(Path::new("sample.ron"), SAMPLE).unwrap()
}

fn square(id: &str, x: f64, y: f64) -> Room {
    Room {
        id: id.into(),
        name: "新房间".into(),
        zones: vec![Zone::Ancillary],
        floor: Floor::AntiSlip,
        level: 0,
        outline: vec![(x, y), (x + 2.0, y), (x + 2.0, y + 2.0), (x, y + 2.0)],
    }
}

/// Apply, check, undo (plan back as it was), redo (plan as after apply).
fn round_trip(edit: Edit, check: impl Fn(&Plan)) {
    let mut plan = sample();
    let before = plan.clone();
    let mut stack = UndoStack::default();
    stack.apply(&mut plan, edit).unwrap();
    check(&plan);
    let after = plan.clone();
    assert!(stack.is_modified());
    assert!(stack.undo(&mut plan).unwrap());
    assert_eq!(plan, before);
    assert!(!stack.is_modified());
    assert!(stack.redo(&mut plan).unwrap());
    assert_eq!(plan, after);
}

#[test]
fn room_fields() {
    round_trip(
        Edit::SetRoomName {
            room: "R2".into(),
            name: "主任办公室".into(),
        },
        |p| assert_eq!(p.room("R2").unwrap().name, "主任办公室"),
    );
    round_trip(
        Edit::SetRoomZones {
            room: "R4".into(),
            zones: vec![Zone::Service],
        },
        |p| assert_eq!(p.room("R4").unwrap().zones, vec![Zone::Service]),
    );
    round_trip(
        Edit::SetRoomFloor {
            room: "R7".into(),
            floor: Floor::Other,
        },
        |p| assert_eq!(p.room("R7").unwrap().floor, Floor::Other),
    );
}

#[test]
fn vertices() {
    round_trip(
        Edit::MoveVertex {
            room: "R5".into(),
            index: 1,
            to: (21.0, 0.0),
        },
        |p| assert_eq!(p.room("R5").unwrap().outline[1], (21.0, 0.0)),
    );
    round_trip(
        Edit::InsertVertex {
            room: "R5".into(),
            index: 2,
            at: (20.0, 3.0),
        },
        |p| {
            let o = &p.room("R5").unwrap().outline;
            assert_eq!(o.len(), 5);
            assert_eq!(o[2], (20.0, 3.0));
            assert_eq!(o[3], (20.0, 6.0));
        },
    );
    round_trip(
        Edit::DeleteVertex {
            room: "R5".into(),
            index: 0,
        },
        |p| assert_eq!(p.room("R5").unwrap().outline[0], (20.0, 0.0)),
    );
}

#[test]
fn triangle_keeps_its_three_points() {
    let mut plan = sample();
    let mut stack = UndoStack::default();
    stack
        .apply(
            &mut plan,
            Edit::DeleteVertex {
                room: "R5".into(),
                index: 0,
            },
        )
        .unwrap();
    let before = plan.clone();
    let err = stack
        .apply(
            &mut plan,
            Edit::DeleteVertex {
                room: "R5".into(),
                index: 0,
            },
        )
        .unwrap_err();
    assert!(err.message_en.contains("three points"), "{err}");
    assert_eq!(plan, before);
    assert_eq!(stack.depth(), 1);
}

#[test]
fn delete_room_takes_its_doors_and_items_and_undo_puts_them_back() {
    let mut plan = sample();
    let before = plan.clone();
    let mut stack = UndoStack::default();
    stack
        .apply(&mut plan, Edit::DeleteRoom { room: "R2".into() })
        .unwrap();
    assert!(plan.room("R2").is_none());
    assert!(plan.doors.iter().all(|d| !d.touches("R2")));
    assert_eq!(plan.items_in("R2").count(), 0);
    assert_eq!(plan.doors.len(), before.doors.len() - 2);
    stack.undo(&mut plan).unwrap();
    assert_eq!(plan, before);
}

#[test]
fn add_room_and_refuse_duplicate_or_reserved_ids() {
    round_trip(
        Edit::AddRoom {
            room: square("R8", 20.0, 0.0),
        },
        |p| assert_eq!(p.rooms.last().unwrap().id, "R8"),
    );
    let mut plan = sample();
    let mut stack = UndoStack::default();
    for id in ["R1", "outside", " "] {
        let e = stack
            .apply(
                &mut plan,
                Edit::AddRoom {
                    room: square(id, 0.0, 0.0),
                },
            )
            .unwrap_err();
        assert!(!e.message.is_empty() && !e.message_en.is_empty());
    }
    assert_eq!(plan, sample());
    assert!(!stack.can_undo());
}

#[test]
fn doors() {
    // the police room gets its own entrance: the door moves to the outer wall
    round_trip(
        Edit::MoveDoor {
            index: 4,
            at: (20.0, 3.0),
            between: (OUTSIDE.into(), "R5".into()),
        },
        |p| {
            assert_eq!(p.doors[4].at, (20.0, 3.0));
            assert_eq!(p.doors[4].other("R5"), Some(OUTSIDE));
        },
    );
    round_trip(
        Edit::InsertDoor {
            index: 7,
            door: Door {
                between: ("R2".into(), "R3".into()),
                at: (10.0, 6.0),
                kind: crate::model::DoorKind::Door,
            },
        },
        |p| assert_eq!(p.doors.len(), 8),
    );
    round_trip(Edit::DeleteDoor { index: 0 }, |p| {
        assert!(p.doors.iter().all(|d| !d.touches(OUTSIDE)))
    });
    let mut plan = sample();
    let bad = Edit::InsertDoor {
        index: 0,
        door: Door {
            between: ("R2".into(), "R9".into()),
            at: (0.0, 0.0),
            kind: crate::model::DoorKind::Door,
        },
    };
    assert!(bad.apply(&mut plan).is_err());
    let same = Edit::MoveDoor {
        index: 0,
        at: (0.0, 0.0),
        between: ("R2".into(), "R2".into()),
    };
    assert!(same.apply(&mut plan).is_err());
    assert_eq!(plan, sample());
}

#[test]
fn items() {
    round_trip(
        Edit::InsertItem {
            index: 40,
            item: Item::new(ItemKind::Fax, Location::Room("R2".into())),
        },
        |p| assert_eq!(p.items[40].kind, ItemKind::Fax),
    );
    round_trip(Edit::DeleteItem { index: 0 }, |p| {
        assert_eq!(p.items[0].kind, ItemKind::Printer)
    });
    round_trip(
        Edit::MoveItem {
            index: 1,
            at: Location::Room("R3".into()),
            pos: Some((10.0, 8.0)),
        },
        |p| {
            assert_eq!(p.items[1].room(), Some("R3"));
            assert_eq!(p.items[1].pos, Some((10.0, 8.0)));
        },
    );
    round_trip(
        Edit::MoveItem {
            index: 1,
            at: Location::Site(SitePlace::Entrance),
            pos: None,
        },
        |p| assert_eq!(p.items[1].at, Location::Site(SitePlace::Entrance)),
    );
    round_trip(Edit::SetItemCount { index: 2, count: 5 }, |p| {
        assert_eq!(p.items[2].count, 5)
    });
    let mut plan = sample();
    assert!(Edit::SetItemCount { index: 2, count: 0 }
        .apply(&mut plan)
        .is_err());
    assert!(Edit::SetItemCount {
        index: 99,
        count: 1
    }
    .apply(&mut plan)
    .is_err());
    assert!(Edit::MoveItem {
        index: 1,
        at: Location::Room("nowhere".into()),
        pos: None
    }
    .apply(&mut plan)
    .is_err());
    assert_eq!(plan, sample());
}

#[test]
fn committee_and_revision() {
    let mut c = sample().committee;
    c.name = "新名称居委会".into();
    c.estate = crate::model::Estate::Old;
    round_trip(Edit::SetCommittee { committee: c }, |p| {
        assert_eq!(p.committee.name, "新名称居委会")
    });
    let mut r = sample().revision;
    r.number = 4;
    round_trip(Edit::SetRevision { revision: r }, |p| {
        assert_eq!(p.revision.number, 4)
    });
}

#[test]
fn a_drag_is_one_undo_step() {
    let mut plan = sample();
    let mut stack = UndoStack::default();
    for x in [20.2, 20.5, 21.0] {
        stack
            .apply_drag(
                &mut plan,
                Edit::MoveVertex {
                    room: "R5".into(),
                    index: 1,
                    to: (x, 0.0),
                },
            )
            .unwrap();
    }
    stack.end_drag();
    assert_eq!(stack.depth(), 1);
    assert_eq!(plan.room("R5").unwrap().outline[1], (21.0, 0.0));
    // a second drag of the same point is its own step
    stack
        .apply_drag(
            &mut plan,
            Edit::MoveVertex {
                room: "R5".into(),
                index: 1,
                to: (22.0, 0.0),
            },
        )
        .unwrap();
    stack.end_drag();
    assert_eq!(stack.depth(), 2);
    stack.undo(&mut plan).unwrap();
    assert_eq!(plan.room("R5").unwrap().outline[1], (21.0, 0.0));
    stack.undo(&mut plan).unwrap();
    assert_eq!(plan, sample());
}

#[test]
fn modified_marker_follows_the_saved_state() {
    let mut plan = sample();
    let mut stack = UndoStack::default();
    assert!(!stack.is_modified());
    let rename = |n: &str| Edit::SetRoomName {
        room: "R1".into(),
        name: n.into(),
    };
    stack.apply(&mut plan, rename("甲")).unwrap();
    stack.mark_saved();
    assert!(!stack.is_modified());
    stack.apply(&mut plan, rename("乙")).unwrap();
    assert!(stack.is_modified());
    stack.undo(&mut plan).unwrap();
    assert!(!stack.is_modified(), "back at the saved state");
    stack.undo(&mut plan).unwrap();
    assert!(stack.is_modified());
    // a new edit after undoing past the save: the saved state is gone
    stack.apply(&mut plan, rename("丙")).unwrap();
    assert!(stack.is_modified());
    assert!(!stack.can_redo());
    // a drag continuing after a save marks the plan modified again
    stack.mark_saved();
    let mv = |x| Edit::MoveVertex {
        room: "R1".into(),
        index: 0,
        to: (x, 0.0),
    };
    stack.apply_drag(&mut plan, mv(0.1)).unwrap();
    stack.mark_saved();
    stack.apply_drag(&mut plan, mv(0.2)).unwrap();
    assert!(stack.is_modified());
}

#[test]
fn a_recovered_plan_stays_modified_until_saved() {
    let mut plan = sample();
    let mut stack = UndoStack::default();
    stack.mark_unsaved();
    assert!(stack.is_modified());
    stack
        .apply(&mut plan, Edit::DeleteItem { index: 0 })
        .unwrap();
    stack.undo(&mut plan).unwrap();
    assert!(stack.is_modified(), "undo does not reach a saved state");
    stack.mark_saved();
    assert!(!stack.is_modified());
}

#[test]
fn labels_in_both_languages_and_generation_counts_changes() {
    let mut plan = sample();
    let mut stack = UndoStack::default();
    let g0 = stack.generation();
    stack
        .apply(&mut plan, Edit::DeleteItem { index: 3 })
        .unwrap();
    assert_eq!(stack.undo_label(Lang::Zh), Some("删除物品"));
    assert_eq!(stack.undo_label(Lang::En), Some("delete item"));
    stack.undo(&mut plan).unwrap();
    assert_eq!(stack.redo_label(Lang::En), Some("delete item"));
    assert_eq!(stack.generation(), g0 + 2);
    assert!(!stack.undo(&mut plan).unwrap());
    assert_eq!(
        stack.generation(),
        g0 + 2,
        "nothing to undo changes nothing"
    );
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    let room = prop::sample::select(vec!["R1", "R2", "R5", "R7", "R9"]).prop_map(String::from);
    let pt = (-5.0..25.0f64, -5.0..20.0f64);
    prop_oneof![
        (room.clone(), 0usize..6, pt.clone()).prop_map(|(room, index, to)| Edit::MoveVertex {
            room,
            index,
            to
        }),
        (room.clone(), 0usize..6, pt.clone()).prop_map(|(room, index, at)| Edit::InsertVertex {
            room,
            index,
            at
        }),
        (room.clone(), 0usize..6).prop_map(|(room, index)| Edit::DeleteVertex { room, index }),
        room.clone().prop_map(|room| Edit::DeleteRoom { room }),
        (0usize..10).prop_map(|index| Edit::DeleteDoor { index }),
        (0usize..45).prop_map(|index| Edit::DeleteItem { index }),
        (0usize..45, 0u32..4).prop_map(|(index, count)| Edit::SetItemCount { index, count }),
        (0usize..10, pt.clone(), room.clone()).prop_map(|(index, at, r)| Edit::MoveDoor {
            index,
            at,
            between: (OUTSIDE.into(), r)
        }),
        (0usize..45, room.clone(), pt).prop_map(|(index, r, p)| Edit::MoveItem {
            index,
            at: Location::Room(r),
            pos: Some(p)
        }),
        (room.clone(), any::<bool>()).prop_map(|(r, b)| Edit::SetRoomZones {
            room: r,
            zones: if b { vec![Zone::Police] } else { vec![] }
        }),
        (20.0..30.0f64).prop_map(|x| Edit::AddRoom {
            room: square("R8", x, 0.0)
        }),
    ]
}

proptest! {
    /// Any sequence of edits, valid or refused, undone step by step, gives
    /// back the plan it started from; redone, the plan it reached.
    #[test]
    fn undo_all_restores_and_redo_all_replays(edits in prop::collection::vec(arb_edit(), 1..25)) {
        let mut plan = sample();
        let original = plan.clone();
        let mut stack = UndoStack::default();
        for e in edits {
            let before = plan.clone();
            if stack.apply(&mut plan, e).is_err() {
                prop_assert_eq!(&plan, &before, "a refused edit leaves the plan alone");
            }
        }
        let reached = plan.clone();
        while stack.undo(&mut plan).unwrap() {}
        prop_assert_eq!(&plan, &original);
        prop_assert!(!stack.is_modified());
        while stack.redo(&mut plan).unwrap() {}
        prop_assert_eq!(&plan, &reached);
    }
}
