//! The planner's logic without a window or GPU: `App::new()` with
//! `MinimalPlugins` and the planner's logic, picking and files plugins;
//! edits, undo/redo, the re-check after each edit, selection, tools, files.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bevy::prelude::*;
use bevy::window::WindowCloseRequested;
use juwei::edit::Edit;
use juwei::model::{ItemKind, Location, SitePlace, OUTSIDE};
use juwei::planner::canvas::UiFocus;
use juwei::planner::files::{self, FileAction, FilesPlugin, FilesUi};
use juwei::planner::picking::{Drag, PickingPlugin, PointerEvent, PointerKind};
use juwei::planner::settings::Settings;
use juwei::planner::state::{
    Doc, FrameRoom, Notice, PlanCommand, PlannerLogicPlugin, SelectFinding, Selection, Tool,
};

const SAMPLE: &str = "tests/fixtures/planner/sample.ron";
/// Pick radius used by the tests (metres): 8 px at 2.5 cm/px.
const TOL: f64 = 0.2;

/// One configuration folder for this test binary (settings, autosave).
fn config_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("juwei-planner-test-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        // SAFETY: set once, before any test reads it, from this OnceLock
        unsafe { std::env::set_var("JUWEI_CONFIG_DIR", &d) };
        d
    })
}

fn app_with(doc: Doc) -> App {
    config_dir();
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(doc)
        .insert_resource(Settings::default())
        .add_plugins((PlannerLogicPlugin, PickingPlugin));
    app.update();
    app
}

fn app() -> App {
    app_with(Doc::open(Path::new(SAMPLE)).unwrap())
}

fn send<M: Message>(app: &mut App, m: M) {
    app.world_mut().write_message(m);
}

fn doc(app: &App) -> &Doc {
    app.world().resource::<Doc>()
}

fn codes(app: &App) -> Vec<String> {
    doc(app).report.codes()
}

fn pointer(app: &mut App, kind: PointerKind, at: (f64, f64)) {
    send(app, PointerEvent { kind, at, tol: TOL });
    app.update();
}

#[test]
fn the_sample_opens_valid_without_errors() {
    let app = app();
    let d = doc(&app);
    assert!(d.report.valid);
    assert_eq!(d.report.premises_area_m2, 240.0);
    assert!(!d.is_modified());
}

#[test]
fn an_edit_is_rechecked_in_the_same_frame_and_undone() {
    let mut app = app();
    assert!(!codes(&app).contains(&"G05".to_string()));
    // without its door the police room cannot be reached
    send(&mut app, PlanCommand::Edit(Edit::DeleteDoor { index: 4 }));
    app.update();
    let d = doc(&app);
    assert!(d.is_modified());
    let g05 = d
        .report
        .findings
        .iter()
        .find(|f| f.code == "G05")
        .expect("G05 after the edit");
    assert_eq!(g05.rooms, vec!["R5".to_string()]);
    assert_eq!(
        d.worst_finding_of("R5").map(|f| f.code.as_str()),
        Some("G05")
    );

    send(&mut app, PlanCommand::Undo);
    app.update();
    assert!(!codes(&app).contains(&"G05".to_string()));
    assert!(!doc(&app).is_modified());

    send(&mut app, PlanCommand::Redo);
    app.update();
    assert!(codes(&app).contains(&"G05".to_string()));
}

#[test]
fn a_door_moved_off_its_wall_is_an_error_until_undone() {
    let mut app = app();
    send(
        &mut app,
        PlanCommand::Edit(Edit::MoveDoor {
            index: 4,
            at: (18.0, 3.0),
            between: ("R2".into(), "R5".into()),
        }),
    );
    app.update();
    assert!(!doc(&app).report.valid);
    assert!(codes(&app).contains(&"G04".to_string()));
    send(&mut app, PlanCommand::Undo);
    app.update();
    assert!(doc(&app).report.valid);
}

#[test]
fn dragging_the_police_door_to_the_outer_wall_gives_it_its_own_entrance() {
    let mut app = app();
    // reached only through the office: 附件7 一.1, outlined on both rooms
    let a71 = doc(&app)
        .report
        .findings
        .iter()
        .find(|f| f.code == "A7-1.1b")
        .expect("the police room is reached only through the office")
        .clone();
    assert_eq!(a71.rooms, vec!["R5".to_string(), "R2".to_string()]);
    // the police room carries the finding (other findings may outrank it)
    assert!(
        doc(&app)
            .report
            .findings
            .iter()
            .any(|f| f.code == "A7-1.1b" && f.rooms.iter().any(|r| r == "R5")),
        "{:?}",
        doc(&app).worst_finding_of("R5")
    );
    assert!(doc(&app).worst_finding_of("R5").is_some());
    // press on the door between the office and the police room, drag it
    // onto the police room's outer wall, release
    pointer(&mut app, PointerKind::Press, (16.02, 3.05));
    assert_eq!(app.world().resource::<Selection>().door, Some(4));
    assert_eq!(*app.world().resource::<Drag>(), Drag::Door(4));
    pointer(&mut app, PointerKind::Move, (18.0, 0.5));
    pointer(&mut app, PointerKind::Move, (19.93, 3.04));
    pointer(&mut app, PointerKind::Release, (19.95, 3.0));
    let d = doc(&app);
    let door = &d.plan.doors[4];
    assert_eq!(door.between, (OUTSIDE.to_string(), "R5".to_string()));
    assert!(
        (door.at.0 - 20.0).abs() < 1e-9 && (door.at.1 - 3.0).abs() < 1e-9,
        "{:?}",
        door.at
    );
    assert_eq!(d.stack.depth(), 1, "the whole drag is one undo step");
    assert!(d.report.valid, "{:?}", d.report.findings);
    assert!(!codes(&app).contains(&"G05".to_string()));
    assert!(
        !codes(&app).contains(&"A7-1.1b".to_string()),
        "the finding went away"
    );
    assert_eq!(*app.world().resource::<Drag>(), Drag::None);

    send(&mut app, PlanCommand::Undo);
    app.update();
    assert_eq!(
        doc(&app).plan.doors[4].between,
        ("R2".to_string(), "R5".to_string())
    );
    assert!(
        codes(&app).contains(&"A7-1.1b".to_string()),
        "and came back with undo"
    );
}

#[test]
fn dragging_a_vertex_snaps_to_the_grid_and_to_other_rooms() {
    let mut app = app();
    pointer(&mut app, PointerKind::Press, (18.0, 3.0));
    assert_eq!(
        app.world().resource::<Selection>().room.as_deref(),
        Some("R5")
    );
    // now press on the police room's corner (20, 0) and drag it
    pointer(&mut app, PointerKind::Press, (19.95, 0.04));
    assert_eq!(app.world().resource::<Selection>().vertex, Some(1));
    pointer(&mut app, PointerKind::Move, (21.234, -0.47));
    assert_eq!(doc(&app).plan.room("R5").unwrap().outline[1], (21.2, -0.5));
    // near the toilet's corner (20, 6)? no: near the office's wall x = 16
    pointer(&mut app, PointerKind::Move, (16.08, 1.53));
    let p = doc(&app).plan.room("R5").unwrap().outline[1];
    assert!(
        (p.0 - 16.0).abs() < 1e-9,
        "snapped to the office wall: {p:?}"
    );
    pointer(&mut app, PointerKind::Release, (16.08, 1.53));
    assert_eq!(doc(&app).stack.depth(), 1);
    send(&mut app, PlanCommand::Undo);
    app.update();
    assert_eq!(doc(&app).plan.room("R5").unwrap().outline[1], (20.0, 0.0));
}

#[test]
fn double_click_adds_a_point_and_right_click_deletes_it() {
    let mut app = app();
    pointer(&mut app, PointerKind::Press, (18.0, 3.0));
    pointer(&mut app, PointerKind::Release, (18.0, 3.0));
    pointer(&mut app, PointerKind::DoubleClick, (20.03, 4.02));
    let o = doc(&app).plan.room("R5").unwrap().outline.clone();
    assert_eq!(o.len(), 5);
    assert_eq!(o[2], (20.0, 4.0));
    assert_eq!(app.world().resource::<Selection>().vertex, Some(2));
    pointer(&mut app, PointerKind::SecondaryClick, (20.0, 4.0));
    assert_eq!(doc(&app).plan.room("R5").unwrap().outline.len(), 4);
}

#[test]
fn clicking_a_finding_selects_and_frames_its_room() {
    let mut app = app();
    send(&mut app, PlanCommand::Edit(Edit::DeleteDoor { index: 4 }));
    app.update();
    let i = doc(&app)
        .report
        .findings
        .iter()
        .position(|f| f.code == "G05")
        .unwrap();
    send(&mut app, SelectFinding(i));
    app.update();
    let sel = app.world().resource::<Selection>();
    assert_eq!(sel.room.as_deref(), Some("R5"));
    assert_eq!(sel.finding, Some(i));
    let frames: Vec<FrameRoom> = app
        .world_mut()
        .resource_mut::<Messages<FrameRoom>>()
        .drain()
        .collect();
    assert_eq!(frames, vec![FrameRoom("R5".into())]);
}

#[test]
fn drawing_a_room_adds_it_selected() {
    let mut app = app();
    app.insert_resource(Tool::DrawRoom { points: vec![] });
    for p in [(20.0, 0.04), (24.03, 0.0), (24.0, 5.96), (20.04, 6.0)] {
        pointer(&mut app, PointerKind::Press, p);
    }
    // back on the first corner closes the room
    pointer(&mut app, PointerKind::Press, (20.02, 0.01));
    let d = doc(&app);
    let r = d.plan.rooms.last().unwrap();
    assert_eq!(r.id, "R8");
    assert_eq!(
        r.outline,
        vec![(20.0, 0.0), (24.0, 0.0), (24.0, 6.0), (20.0, 6.0)]
    );
    assert_eq!(d.room_area("R8"), Some(24.0));
    assert_eq!(*app.world().resource::<Tool>(), Tool::Select);
    assert_eq!(
        app.world().resource::<Selection>().room.as_deref(),
        Some("R8")
    );
    // the new room has no door yet
    assert!(codes(&app).contains(&"G05".to_string()));
}

#[test]
fn a_door_goes_on_a_wall_and_only_there() {
    let mut app = app();
    app.insert_resource(Tool::AddDoor);
    pointer(&mut app, PointerKind::Press, (11.0, 6.08));
    let d = doc(&app);
    let door = d.plan.doors.last().unwrap();
    assert_eq!(d.plan.doors.len(), 8);
    assert_eq!(door.between, ("R2".to_string(), "R3".to_string()));
    assert_eq!(door.at, (11.0, 6.0));
    pointer(&mut app, PointerKind::Press, (11.0, 3.0));
    assert_eq!(doc(&app).plan.doors.len(), 8);
    assert!(app.world().resource::<Notice>().error);
}

#[test]
fn items_are_placed_in_rooms_and_site_places_and_moved() {
    let mut app = app();
    app.insert_resource(Tool::AddItem(ItemKind::Fax));
    pointer(&mut app, PointerKind::Press, (12.04, 2.96));
    let n = doc(&app).plan.items.len();
    let fax = &doc(&app).plan.items[n - 1];
    assert_eq!(fax.at, Location::Room("R2".into()));
    assert_eq!(fax.pos, Some((12.0, 3.0)));
    // a site place: somewhere inside the "main passage" section of the strip
    let passage = doc(&app).layout.strip[2].bounds;
    let p = passage.centre();
    app.insert_resource(Tool::AddItem(ItemKind::PoliceGuideSign));
    pointer(&mut app, PointerKind::Press, p);
    assert_eq!(
        doc(&app).plan.items.last().unwrap().at,
        Location::Site(SitePlace::MainPassage)
    );
    // drag the fax into the meeting room
    app.insert_resource(Tool::Select);
    pointer(&mut app, PointerKind::Press, (12.0, 3.0));
    assert_eq!(app.world().resource::<Selection>().item, Some(n - 1));
    pointer(&mut app, PointerKind::Move, (10.0, 8.0));
    pointer(&mut app, PointerKind::Release, (10.0, 8.0));
    assert_eq!(doc(&app).plan.items[n - 1].at, Location::Room("R3".into()));
    // set its count, then delete it; undo brings it back with its count
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetItemCount {
            index: n - 1,
            count: 2,
        }),
    );
    send(
        &mut app,
        PlanCommand::Edit(Edit::DeleteItem { index: n - 1 }),
    );
    app.update();
    assert_eq!(doc(&app).plan.items.len(), n);
    assert_eq!(app.world().resource::<Selection>().item, None, "pruned");
    send(&mut app, PlanCommand::Undo);
    app.update();
    assert_eq!(doc(&app).plan.items[n - 1].count, 2);
}

#[test]
fn deleting_a_selected_room_clears_the_selection() {
    let mut app = app();
    pointer(&mut app, PointerKind::Press, (18.0, 3.0));
    let e =
        juwei::planner::picking::delete_selection(doc(&app), app.world().resource::<Selection>())
            .unwrap();
    assert_eq!(e, Edit::DeleteRoom { room: "R5".into() });
    send(&mut app, PlanCommand::Edit(e));
    app.update();
    assert!(doc(&app).plan.room("R5").is_none());
    assert!(app.world().resource::<Selection>().is_empty());
}

#[test]
fn a_refused_edit_is_told_and_changes_nothing() {
    let mut app = app();
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetRoomZones {
            room: "R1".into(),
            zones: vec![],
        }),
    );
    app.update();
    let n = app.world().resource::<Notice>();
    assert!(n.error);
    assert!(n.get(juwei::model::Lang::Zh).unwrap().contains("功能区"));
    assert!(n.get(juwei::model::Lang::En).unwrap().contains("zone"));
    assert!(!doc(&app).is_modified());
}

fn files_app(doc: Doc) -> App {
    let mut app = app_with(doc);
    app.init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<UiFocus>()
        .add_message::<WindowCloseRequested>()
        .add_plugins(FilesPlugin);
    app.update();
    app
}

fn temp_copy(name: &str) -> PathBuf {
    let dir = config_dir().join(format!("plans-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("sample.ron");
    std::fs::copy(SAMPLE, &p).unwrap();
    p
}

#[test]
fn save_writes_the_file_clears_the_marker_and_remembers_it() {
    let path = temp_copy("save");
    let mut app = files_app(Doc::open(&path).unwrap());
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetRoomName {
            room: "R5".into(),
            name: "社区警务室".into(),
        }),
    );
    app.update();
    assert!(doc(&app).is_modified());
    assert!(doc(&app).title(juwei::model::Lang::Zh).contains('●'));
    send(&mut app, FileAction::Save);
    app.update();
    assert!(!doc(&app).is_modified());
    let back = juwei::io::load_plan(&path).unwrap();
    assert_eq!(back.room("R5").unwrap().name, "社区警务室");
    assert_eq!(back, doc(&app).plan);
    let settings = app.world().resource::<Settings>();
    assert_eq!(settings.recent[0], std::fs::canonicalize(&path).unwrap());
    // the settings file was written and reads back
    let stored = Settings::load();
    assert!(stored
        .recent
        .contains(&std::fs::canonicalize(&path).unwrap()));
}

#[test]
fn an_invalid_file_shows_its_error_and_keeps_the_open_plan() {
    let mut app = files_app(Doc::open(Path::new(SAMPLE)).unwrap());
    let bad = config_dir().join("broken.ron");
    std::fs::write(
        &bad,
        "(\n    format: 1,\n    revision: (number: 1, date: \"2026-13-01\"),\n",
    )
    .unwrap();
    send(&mut app, FileAction::OpenPath(bad.clone()));
    app.update();
    let ui = app.world().resource::<FilesUi>();
    let (zh, en) = ui.error.clone().expect("the error is shown");
    assert!(
        zh.contains("broken.ron:3:") || zh.contains("broken.ron:4:"),
        "{zh}"
    );
    assert!(en.contains("broken.ron"), "{en}");
    assert_eq!(doc(&app).plan.committee.code, "JA-SM2-007");
    send(&mut app, FileAction::DismissError);
    app.update();
    assert!(app.world().resource::<FilesUi>().error.is_none());
}

#[test]
fn closing_unsaved_work_asks_first() {
    let path = temp_copy("quit");
    let mut app = files_app(Doc::open(&path).unwrap());
    send(&mut app, PlanCommand::Edit(Edit::DeleteItem { index: 0 }));
    app.update();
    send(
        &mut app,
        WindowCloseRequested {
            window: Entity::PLACEHOLDER,
        },
    );
    app.update();
    assert_eq!(
        app.world().resource::<FilesUi>().prompt,
        Some(FileAction::Quit)
    );
    assert!(app.world().resource::<Messages<AppExit>>().is_empty());
    send(&mut app, FileAction::PromptCancel);
    app.update();
    assert!(app.world().resource::<FilesUi>().prompt.is_none());
    // save and quit
    send(&mut app, FileAction::Quit);
    app.update();
    send(&mut app, FileAction::PromptSave);
    app.update();
    assert!(!doc(&app).is_modified());
    assert_eq!(
        juwei::io::load_plan(&path).unwrap().items.len(),
        doc(&app).plan.items.len()
    );
    let exits: Vec<AppExit> = app
        .world_mut()
        .resource_mut::<Messages<AppExit>>()
        .drain()
        .collect();
    assert_eq!(exits, vec![AppExit::Success]);
}

#[test]
fn opening_another_plan_discarding_changes() {
    let path = temp_copy("discard");
    let mut app = files_app(Doc::open(Path::new(SAMPLE)).unwrap());
    send(
        &mut app,
        PlanCommand::Edit(Edit::DeleteRoom { room: "R7".into() }),
    );
    app.update();
    send(&mut app, FileAction::OpenPath(path.clone()));
    app.update();
    assert!(app.world().resource::<FilesUi>().prompt.is_some());
    send(&mut app, FileAction::PromptDiscard);
    app.update();
    let d = doc(&app);
    assert_eq!(d.path.as_deref(), Some(path.as_path()));
    assert!(d.plan.room("R7").is_some());
    assert!(!d.is_modified());
    assert_eq!(d.serial, 1, "views reset for the new document");
}

#[test]
fn an_autosave_copy_is_offered_and_recovered() {
    let path = temp_copy("autosave");
    let mut doc0 = Doc::open(&path).unwrap();
    let mut plan = doc0.plan.clone();
    Edit::SetRoomName {
        room: "R1".into(),
        name: "大厅".into(),
    }
    .apply(&mut plan)
    .unwrap();
    doc0.plan = plan;
    // the copy is written after the file: it is newer, and it differs
    std::thread::sleep(std::time::Duration::from_millis(20));
    let copy = files::write_autosave(&doc0)
        .unwrap()
        .expect("a config folder is set");
    assert!(copy.starts_with(config_dir()));
    assert_eq!(files::recoverable(Some(&path)), Some(copy.clone()));

    let mut app = files_app(Doc::open(&path).unwrap());
    app.world_mut().resource_mut::<FilesUi>().recover = files::recoverable(Some(&path));
    send(&mut app, FileAction::RecoverAutosave);
    app.update();
    let d = doc(&app);
    assert_eq!(d.plan.room("R1").unwrap().name, "大厅");
    assert_eq!(d.path.as_deref(), Some(path.as_path()));
    assert!(d.is_modified(), "recovered work is not on disk yet");
    // saving removes the copy
    send(&mut app, FileAction::Save);
    app.update();
    assert!(!copy.exists());
    assert_eq!(files::recoverable(Some(&path)), None);
}

#[test]
fn the_register_beside_the_plan_is_opened_and_checked_with_it() {
    let mut app = app();
    let d = doc(&app);
    let reg = d
        .register
        .as_ref()
        .expect("sample.register.ron is beside the plan");
    assert_eq!(reg.committee, "JA-SM2-007");
    let unlinked = |app: &App| {
        doc(app)
            .report
            .findings
            .iter()
            .filter(|f| f.code == "A2-6.4")
            .count()
    };
    let before = unlinked(&app);
    assert!(before > 0);
    // the written-off microwave's card no longer counts
    let microwave = d
        .plan
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Microwave)
        .unwrap();
    assert!(d
        .report
        .findings
        .iter()
        .any(|f| f.code == "A2-6.4" && f.assets == ["ZC-0009"]));
    // link the file cabinet to the printer's card: one finding fewer
    let i = d
        .plan
        .items
        .iter()
        .position(|i| i.kind == ItemKind::FileCabinet)
        .unwrap();
    let mut item = d.plan.items[i].clone();
    item.assets = vec!["ZC-0003".into()];
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetItem { index: i, item }),
    );
    app.update();
    assert_eq!(unlinked(&app), before - 1);
    // an unknown card is G03's
    let mut item = doc(&app).plan.items[microwave].clone();
    item.assets = vec!["ZC-9999".into()];
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetItem {
            index: microwave,
            item,
        }),
    );
    app.update();
    assert!(codes(&app).contains(&"G03".to_string()));
    // the register's own rules are listed too (no year-end stocktake)
    assert!(codes(&app).contains(&"A1-3.6.3b".to_string()));
}

#[test]
fn a_register_of_another_committee_is_refused() {
    let mut app = files_app(Doc::open(Path::new(SAMPLE)).unwrap());
    let other = config_dir().join("other.register.ron");
    std::fs::write(
        &other,
        "(format: 1, committee: \"JA-XX-001\", events: [])\n",
    )
    .unwrap();
    send(&mut app, FileAction::OpenRegisterPath(other));
    app.update();
    let (zh, en) = app.world().resource::<FilesUi>().error.clone().unwrap();
    assert!(
        zh.contains("JA-XX-001") && en.contains("JA-SM2-007"),
        "{en}"
    );
    assert_eq!(doc(&app).register.as_ref().unwrap().committee, "JA-SM2-007");
}

#[test]
fn keyboard_shortcuts_undo_redo_and_delete() {
    use juwei::planner::picking::mouse_to_events;
    use juwei::planner::view::View;
    let mut app = app();
    app.init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<ButtonInput<MouseButton>>()
        .init_resource::<View>()
        .init_resource::<UiFocus>()
        .add_systems(
            Update,
            mouse_to_events.before(juwei::planner::picking::handle_pointer),
        );
    let keys = |app: &mut App, f: &dyn Fn(&mut ButtonInput<KeyCode>)| {
        let mut k = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        k.clear();
        f(&mut k);
    };
    // select the police room, press Delete
    pointer(&mut app, PointerKind::Press, (18.0, 3.0));
    pointer(&mut app, PointerKind::Release, (18.0, 3.0));
    keys(&mut app, &|k| k.press(KeyCode::Delete));
    app.update();
    assert!(doc(&app).plan.room("R5").is_none());
    // a fast Ctrl+Z: Ctrl pressed and released within one frame
    keys(&mut app, &|k| {
        k.release(KeyCode::Delete);
        k.press(KeyCode::ControlLeft);
        k.press(KeyCode::KeyZ);
        k.release(KeyCode::KeyZ);
        k.release(KeyCode::ControlLeft);
    });
    app.update();
    assert!(doc(&app).plan.room("R5").is_some());
    // Ctrl+Y redoes
    keys(&mut app, &|k| {
        k.press(KeyCode::ControlLeft);
        k.press(KeyCode::KeyY);
    });
    app.update();
    assert!(doc(&app).plan.room("R5").is_none());
    // while a text field has the keyboard, keys are the field's
    app.world_mut().resource_mut::<UiFocus>().typing = true;
    keys(&mut app, &|k| {
        k.release_all();
        k.press(KeyCode::ControlLeft);
        k.press(KeyCode::KeyZ);
    });
    app.update();
    assert!(doc(&app).plan.room("R5").is_none());
}

#[test]
fn the_language_choice_and_recent_files_persist() {
    let file = config_dir().join("lang-test").join("planner.ron");
    let mut s = Settings::load_from(Some(file.clone()));
    assert_eq!(s.lang, juwei::model::Lang::Zh, "Chinese by default");
    s.lang = juwei::model::Lang::En;
    for i in 0..10 {
        s.touch_recent(Path::new(&format!("/plans/{i}.ron")));
    }
    s.touch_recent(Path::new("/plans/3.ron"));
    s.store();
    let back = Settings::load_from(Some(file.clone()));
    assert_eq!(back.lang, juwei::model::Lang::En);
    assert_eq!(back.recent.len(), juwei::planner::settings::RECENT_MAX);
    assert_eq!(back.recent[0], Path::new("/plans/3.ron"));
    assert_eq!(back.recent[1], Path::new("/plans/9.ron"));
    // a broken settings file gives the defaults, it does not stop the planner
    std::fs::write(&file, "(lang: Klingon").unwrap();
    assert_eq!(Settings::load_from(Some(file)).lang, juwei::model::Lang::Zh);
}

#[test]
fn fix_the_police_entrance_undo_redo_save_and_reopen() {
    // the "done when" of the planner: open, fix a finding by editing, watch
    // it go, undo, redo, save, reopen
    let path = temp_copy("police");
    let mut app = files_app(Doc::open(&path).unwrap());
    assert!(codes(&app).contains(&"A7-1.1b".to_string()));
    pointer(&mut app, PointerKind::Press, (16.0, 3.0));
    pointer(&mut app, PointerKind::Move, (20.05, 2.0));
    pointer(&mut app, PointerKind::Release, (20.05, 2.0));
    assert!(!codes(&app).contains(&"A7-1.1b".to_string()));
    send(&mut app, PlanCommand::Undo);
    app.update();
    assert!(codes(&app).contains(&"A7-1.1b".to_string()));
    send(&mut app, PlanCommand::Redo);
    app.update();
    assert!(!codes(&app).contains(&"A7-1.1b".to_string()));
    send(&mut app, FileAction::Save);
    app.update();
    assert!(!doc(&app).is_modified());
    let reopened = Doc::open(&path).unwrap();
    assert_eq!(
        reopened.plan.doors[4].between,
        (OUTSIDE.to_string(), "R5".to_string())
    );
    assert_eq!(reopened.plan.doors[4].at, (20.0, 2.0));
    assert!(!reopened.report.codes().contains(&"A7-1.1b".to_string()));
    assert_eq!(reopened.plan, doc(&app).plan);
}

#[test]
fn clicking_a_finding_about_an_item_selects_the_item() {
    let mut app = app();
    let d = doc(&app);
    let (i, _) = d
        .report
        .findings
        .iter()
        .enumerate()
        .find(|(_, f)| f.code == "A2-6.4" && f.items == ["FileCabinet"])
        .expect("the file cabinet is not on the books");
    let cabinet = d
        .plan
        .items
        .iter()
        .position(|it| it.kind == ItemKind::FileCabinet)
        .unwrap();
    send(&mut app, SelectFinding(i));
    app.update();
    let sel = app.world().resource::<Selection>();
    assert_eq!(sel.item, Some(cabinet));
    assert_eq!(sel.room, None);
    assert_eq!(sel.finding, Some(i));
}

#[test]
fn a_dxf_drawing_imports_as_a_new_unsaved_plan() {
    let mut app = files_app(Doc::open(Path::new(SAMPLE)).unwrap());
    let drawing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dxf/committee_mm.dxf");
    send(&mut app, FileAction::ImportPath(drawing));
    app.update();
    let d = doc(&app);
    assert!(d.plan.rooms.len() >= 5, "{} rooms", d.plan.rooms.len());
    assert!(d
        .plan
        .rooms
        .iter()
        .any(|r| r.has(juwei::model::Zone::Police)));
    assert_eq!(d.path, None, "saving asks for a file name");
    assert!(d.is_modified(), "closing asks before the import is lost");
    assert!(d.report.valid, "{:?}", d.report.findings);
    // the defaults the drawing could not give (floors…) are listed in the
    // review window, not in an error box
    assert!(app.world().resource::<FilesUi>().error.is_none());
    let review = app.world().resource::<files::ImportReview>();
    assert!(review.open);
    assert!(review
        .notices
        .iter()
        .any(|n| n.kind == juwei::import::NoticeKind::FloorDefault));
    assert_eq!(review.checked.len(), review.notices.len());
    // it stays with its plan, and goes when another plan is opened
    send(&mut app, FileAction::PromptDiscard);
    send(&mut app, FileAction::OpenPath(PathBuf::from(SAMPLE)));
    app.update();
    send(&mut app, FileAction::PromptDiscard);
    app.update();
    assert_eq!(doc(&app).plan.committee.code, "JA-SM2-007");
    assert!(app
        .world()
        .resource::<files::ImportReview>()
        .source
        .is_none());
}

#[test]
fn a_drawing_opened_with_open_goes_through_the_import() {
    let mut app = files_app(Doc::untitled());
    let drawing = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/dxf/committee_mm.dxf");
    send(&mut app, FileAction::OpenPath(drawing.clone()));
    app.update();
    assert!(app.world().resource::<FilesUi>().error.is_none());
    assert!(doc(&app).plan.rooms.len() >= 5);
    assert_eq!(doc(&app).path, None);
    let review = app.world().resource::<files::ImportReview>();
    assert_eq!(review.source.as_deref(), Some(drawing.as_path()));
    // read again in other units, from the review, at once (nothing edited)
    let area = doc(&app).report.premises_area_m2;
    send(
        &mut app,
        FileAction::ImportWith(drawing, juwei::import::DrawingUnits::Centimetres),
    );
    app.update();
    assert!(app.world().resource::<FilesUi>().prompt.is_none());
    let scaled = doc(&app).report.premises_area_m2;
    assert!((scaled - area * 100.0).abs() < area, "{area} → {scaled}");
}

#[test]
fn without_a_system_dialog_save_as_opens_the_path_window() {
    let mut app = files_app(Doc::untitled());
    // tests never open a system dialog: FilesUi::default() has none
    assert!(!app.world().resource::<FilesUi>().native);
    send(&mut app, FileAction::SaveAs);
    app.update();
    let prompt = app
        .world()
        .resource::<FilesUi>()
        .path_prompt
        .clone()
        .expect("the path window");
    assert_eq!(prompt.kind, files::DialogKind::Save);
    assert!(prompt.dialog_unavailable);
    assert!(app.world().resource::<FilesUi>().is_modal());
    // the typed path saves, and the window closes
    let out = temp_copy("typed-save.ron");
    std::fs::remove_file(&out).unwrap();
    send(&mut app, FileAction::SaveTo(out.clone()));
    app.update();
    assert!(out.exists());
    assert!(app.world().resource::<FilesUi>().path_prompt.is_none());
    // Ctrl+O on the same machine: the same window, for opening
    send(&mut app, FileAction::Open);
    app.update();
    assert_eq!(
        app.world()
            .resource::<FilesUi>()
            .path_prompt
            .as_ref()
            .map(|p| p.kind),
        Some(files::DialogKind::Open)
    );
    send(&mut app, FileAction::CancelPath);
    app.update();
    assert!(!app.world().resource::<FilesUi>().is_modal());
}

/// A plan with its register beside it, in a folder of its own.
fn plan_with_register(tag: &str) -> PathBuf {
    let dir = config_dir().join(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let plan = dir.join("sample.ron");
    std::fs::copy(SAMPLE, &plan).unwrap();
    std::fs::copy(
        "tests/fixtures/planner/sample.register.ron",
        dir.join("sample.register.ron"),
    )
    .unwrap();
    plan
}

#[test]
fn save_as_offers_to_copy_the_register_under_the_new_name() {
    let plan = plan_with_register("offer-copy");
    let mut app = files_app(Doc::open(&plan).unwrap());
    assert!(doc(&app).register.is_some());
    let new = plan.with_file_name("renamed.ron");
    send(&mut app, FileAction::SaveTo(new.clone()));
    app.update();
    let offer = app
        .world()
        .resource::<FilesUi>()
        .register_offer
        .clone()
        .expect("asked about the register");
    assert_eq!(offer.beside, plan.with_file_name("renamed.register.ron"));
    assert!(!offer.beside_exists);
    send(
        &mut app,
        FileAction::RegisterAfterSave(files::RegisterChoice::Copy),
    );
    app.update();
    let copy = plan.with_file_name("renamed.register.ron");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(plan.with_file_name("sample.register.ron")).unwrap(),
        "a byte-for-byte copy"
    );
    assert_eq!(doc(&app).register.as_ref().unwrap().path, copy);
    // reopened, the plan finds it
    assert!(Doc::open(&new).unwrap().register.is_some());
}

#[cfg(unix)]
#[test]
fn save_as_can_link_the_register_and_not_now_is_not_asked_again() {
    let plan = plan_with_register("offer-link");
    let mut app = files_app(Doc::open(&plan).unwrap());
    let new = plan.with_file_name("linked.ron");
    send(&mut app, FileAction::SaveTo(new.clone()));
    app.update();
    send(
        &mut app,
        FileAction::RegisterAfterSave(files::RegisterChoice::Link),
    );
    app.update();
    let link = plan.with_file_name("linked.register.ron");
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        PathBuf::from("sample.register.ron"),
        "a relative link in the same folder"
    );
    assert!(Doc::open(&new).unwrap().register.is_some());
    // "not now" for another name: asked once, then not at each save
    let other = plan.with_file_name("other.ron");
    send(&mut app, FileAction::SaveTo(other.clone()));
    app.update();
    send(
        &mut app,
        FileAction::RegisterAfterSave(files::RegisterChoice::Keep),
    );
    app.update();
    send(&mut app, FileAction::SaveTo(other));
    app.update();
    assert!(app.world().resource::<FilesUi>().register_offer.is_none());
    assert!(doc(&app).register.is_some(), "still used in this session");
}

#[test]
fn a_register_beside_that_cannot_be_used_is_told() {
    let plan = plan_with_register("unusable");
    std::fs::write(plan.with_file_name("sample.register.ron"), "(broken").unwrap();
    let d = Doc::open(&plan).unwrap();
    assert!(d.register.is_none());
    let (zh, _) = d.register_problem.clone().expect("the reason is kept");
    assert!(zh.contains("sample.register.ron"), "{zh}");
}

#[test]
fn a_broken_drawing_shows_its_error_and_keeps_the_open_plan() {
    let mut app = files_app(Doc::open(Path::new(SAMPLE)).unwrap());
    let bad = config_dir().join("broken.dxf");
    std::fs::write(&bad, "0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n10\nabc\n").unwrap();
    send(&mut app, FileAction::ImportPath(bad));
    app.update();
    let (zh, _) = app
        .world()
        .resource::<FilesUi>()
        .error
        .clone()
        .expect("error shown");
    assert!(zh.contains("broken.dxf"), "{zh}");
    assert_eq!(doc(&app).plan.committee.code, "JA-SM2-007");
}

/// The app with the real mouse path: bevy's input plugin reads
/// `MouseButtonInput` messages into `ButtonInput`, `mouse_to_events` turns
/// them into pointer events on a window whose cursor the test moves.
struct Mouse {
    app: App,
    window: Entity,
}

impl Mouse {
    fn new() -> Mouse {
        use juwei::planner::picking::PointerInputPlugin;
        use juwei::planner::view::View;
        let mut app = app();
        app.add_plugins(bevy::input::InputPlugin)
            .add_plugins(PointerInputPlugin);
        app.insert_resource(View {
            rect: Rect::new(300.0, 60.0, 1140.0, 840.0),
            centre: Vec2::new(10.0, 7.5),
            scale: 0.025,
            ..View::default()
        });
        app.insert_resource(UiFocus {
            pointer_on_canvas: true,
            typing: false,
        });
        let window = app
            .world_mut()
            .spawn(Window {
                resolution: bevy::window::WindowResolution::new(1440, 900),
                ..Window::default()
            })
            .id();
        app.update();
        Mouse { app, window }
    }

    /// Put the pointer over plan point `p`; `on_canvas` is what the panels
    /// decided for this frame (false: over a panel).
    fn over(&mut self, p: (f64, f64), on_canvas: bool) {
        use juwei::planner::view::View;
        let view = self.app.world().resource::<View>().clone();
        let s = view.world_to_screen(view.world(p));
        let mut w = self.app.world_mut().get_mut::<Window>(self.window).unwrap();
        w.set_cursor_position(Some(s));
        self.app
            .world_mut()
            .resource_mut::<UiFocus>()
            .pointer_on_canvas = on_canvas;
    }

    /// Send left-button changes, all in one frame, and run the frame.
    fn buttons(&mut self, states: &[bevy::input::ButtonState]) {
        for &state in states {
            let window = self.window;
            send(
                &mut self.app,
                bevy::input::mouse::MouseButtonInput {
                    button: MouseButton::Left,
                    state,
                    window,
                },
            );
        }
        self.app.update();
    }

    fn key(&mut self, key: KeyCode) {
        let window = self.window;
        for state in [
            bevy::input::ButtonState::Pressed,
            bevy::input::ButtonState::Released,
        ] {
            send(
                &mut self.app,
                bevy::input::keyboard::KeyboardInput {
                    key_code: key,
                    logical_key: bevy::input::keyboard::Key::Unidentified(
                        bevy::input::keyboard::NativeKey::Unidentified,
                    ),
                    state,
                    text: None,
                    repeat: false,
                    window,
                },
            );
        }
        self.app.update();
    }

    fn selection(&self) -> Selection {
        self.app.world().resource::<Selection>().clone()
    }
}

/// A point of room `id` with no item or door under it.
fn bare_point_of(app: &App, id: &str) -> (f64, f64) {
    use juwei::planner::picking::{hit_test, Hit};
    let d = doc(app);
    let r = d.plan.room(id).unwrap();
    let (x0, y0) = r.outline[0];
    let (x1, y1) = r.outline[2];
    (1..10)
        .flat_map(|i| (1..10).map(move |j| (i, j)))
        .map(|(i, j)| {
            (
                x0 + (x1 - x0) * i as f64 / 10.0,
                y0 + (y1 - y0) * j as f64 / 10.0,
            )
        })
        .find(|&p| hit_test(d, &Selection::default(), p, TOL * 2.0, 0) == Hit::Room(id.into()))
        .expect("a bare point")
}

#[test]
fn a_quick_click_is_a_press_and_a_release_and_the_next_panel_click_is_the_panels() {
    use bevy::input::ButtonState::{Pressed, Released};
    let mut m = Mouse::new();
    let office = bare_point_of(&m.app, "R2");
    m.over(office, true);
    // press and release within one frame
    m.buttons(&[Pressed, Released]);
    assert_eq!(m.selection().room.as_deref(), Some("R2"));
    assert_eq!(
        *m.app.world().resource::<Drag>(),
        Drag::None,
        "no drag left"
    );
    // the next click is on a panel (the inspector, to rename the room):
    // the canvas must not see it, the room stays selected
    m.over((30.0, 5.0), false);
    m.buttons(&[Pressed]);
    m.buttons(&[Released]);
    assert_eq!(m.selection().room.as_deref(), Some("R2"));
    // and a quick one too
    m.buttons(&[Pressed, Released]);
    assert_eq!(m.selection().room.as_deref(), Some("R2"));
    // a release and the next press in one frame: both, in that order
    m.over(bare_point_of(&m.app, "R3"), true);
    m.buttons(&[Pressed]);
    assert_eq!(m.selection().room.as_deref(), Some("R3"));
    m.over(bare_point_of(&m.app, "R1"), true);
    m.buttons(&[Released, Pressed]);
    assert_eq!(m.selection().room.as_deref(), Some("R1"));
    assert_eq!(*m.app.world().resource::<Drag>(), Drag::Pan);
    m.buttons(&[Released]);
    assert_eq!(*m.app.world().resource::<Drag>(), Drag::None);
}

#[test]
fn a_press_that_starts_over_a_panel_never_reaches_the_canvas() {
    use bevy::input::ButtonState::{Pressed, Released};
    let mut m = Mouse::new();
    // the police room's door, under a panel's press
    let door = doc(&m.app).plan.doors[4].at;
    m.over(door, false);
    m.buttons(&[Pressed]);
    // dragged onto the canvas and released there: no selection, no drag, no edit
    m.over((18.0, 0.5), true);
    m.app.update();
    m.over((19.93, 3.04), true);
    m.buttons(&[Released]);
    assert!(m.selection().is_empty());
    assert_eq!(*m.app.world().resource::<Drag>(), Drag::None);
    assert!(!doc(&m.app).is_modified());
    // a drag that starts on the canvas is the canvas's to its end, even
    // when the pointer passes over a panel on the way
    m.over(door, true);
    m.buttons(&[Pressed]);
    assert_eq!(m.selection().door, Some(4));
    m.over((18.0, 0.5), false);
    m.app.update();
    m.over((19.93, 3.04), false);
    m.buttons(&[Released]);
    assert_eq!(*m.app.world().resource::<Drag>(), Drag::None);
    let d = doc(&m.app);
    let between = &d.plan.doors[4].between;
    assert!(
        [&between.0, &between.1].contains(&&"R5".to_string())
            && [&between.0, &between.1].contains(&&OUTSIDE.to_string()),
        "{between:?}"
    );
    assert_eq!(d.stack.depth(), 1, "one undo step");
}

#[test]
fn backspace_never_deletes_and_delete_says_what_went() {
    use bevy::input::ButtonState::{Pressed, Released};
    let mut m = Mouse::new();
    let office = bare_point_of(&m.app, "R2");
    m.over(office, true);
    m.buttons(&[Pressed, Released]);
    assert_eq!(m.selection().room.as_deref(), Some("R2"));
    // Backspace after a name was typed: nothing goes
    m.key(KeyCode::Backspace);
    assert!(doc(&m.app).plan.room("R2").is_some());
    assert!(!doc(&m.app).is_modified());
    // Delete deletes the room with its things, and says so
    let d = doc(&m.app);
    let items: u32 = d
        .plan
        .items
        .iter()
        .filter(|i| i.room() == Some("R2"))
        .map(|i| i.count)
        .sum();
    let doors = d.plan.doors.iter().filter(|x| x.touches("R2")).count();
    assert!(items > 0 && doors > 0);
    let total = (d.plan.items.len(), d.plan.doors.len());
    m.key(KeyCode::Delete);
    assert!(doc(&m.app).plan.room("R2").is_none());
    let n = m.app.world().resource::<Notice>().clone();
    assert!(!n.error);
    assert_eq!(
        n.get(juwei::model::Lang::Zh).unwrap(),
        format!("已删除房间「办公室」(含 {items} 件物品、{doors} 扇门) — Ctrl+Z 撤销")
    );
    assert!(n
        .get(juwei::model::Lang::En)
        .unwrap()
        .starts_with("deleted room \"办公室\" (with"));
    // one Ctrl+Z brings all of it back
    send(&mut m.app, PlanCommand::Undo);
    m.app.update();
    let d = doc(&m.app);
    assert!(d.plan.room("R2").is_some());
    assert_eq!((d.plan.items.len(), d.plan.doors.len()), total);
}

#[test]
fn what_was_just_placed_is_selected() {
    let mut app = app();
    app.insert_resource(Tool::AddItem(ItemKind::Computer));
    pointer(&mut app, PointerKind::Press, (12.04, 2.96));
    let n = doc(&app).plan.items.len();
    assert_eq!(app.world().resource::<Selection>().item, Some(n - 1));
    app.insert_resource(Tool::AddDoor);
    pointer(&mut app, PointerKind::Press, (11.0, 6.08));
    let n = doc(&app).plan.doors.len();
    assert_eq!(app.world().resource::<Selection>().door, Some(n - 1));
    // undoing the door leaves nothing selected that is not there
    send(&mut app, PlanCommand::Undo);
    app.update();
    assert_eq!(app.world().resource::<Selection>().door, None);
}

#[test]
fn an_edit_that_clears_a_finding_says_it_is_resolved() {
    let mut app = app();
    assert!(codes(&app).contains(&"A7-1.1b".to_string()));
    // the police room's door onto its outer wall
    send(
        &mut app,
        PlanCommand::Edit(Edit::MoveDoor {
            index: 4,
            at: (20.0, 3.0),
            between: ("R5".into(), OUTSIDE.into()),
        }),
    );
    app.update();
    let d = doc(&app);
    assert!(!codes(&app).contains(&"A7-1.1b".to_string()));
    assert!(
        d.resolved.iter().any(|f| f.code == "A7-1.1b"),
        "{:?}",
        d.resolved
    );
    let n = app.world().resource::<Notice>();
    let zh = n.get(juwei::model::Lang::Zh).unwrap();
    assert!(zh.starts_with("已解决 [A7-1.1b]"), "{zh}");
    // the next edit that clears nothing clears the list
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetRoomName {
            room: "R1".into(),
            name: "门厅(一)".into(),
        }),
    );
    app.update();
    assert!(doc(&app).resolved.is_empty());
}

fn acquire(id: &str, name: &str, kind: ItemKind, room: &str) -> juwei::register::record::NewEvent {
    use juwei::register::{Acquire, EventKind, Source};
    juwei::register::record::NewEvent {
        date: chrono::Local::now().date_naive(),
        asset: Some(id.into()),
        kind: EventKind::Acquire(Acquire {
            source: Source::Purchase,
            name: name.into(),
            kind: Some(kind),
            category: None,
            special: false,
            unit_value_fen: 120000,
            count: 1,
            custodian: None,
            location: Some(room.into()),
        }),
    }
}

#[test]
fn the_register_window_records_an_acquisition_kept_until_saved_and_undoable() {
    let plan = plan_with_register("record");
    let reg_path = plan.with_file_name("sample.register.ron");
    let before = std::fs::read(&reg_path).unwrap();
    let mut app = files_app(Doc::open(&plan).unwrap());
    let cabinet = doc(&app)
        .plan
        .items
        .iter()
        .position(|i| i.kind == ItemKind::FileCabinet)
        .unwrap();
    let unlinked = |app: &App| {
        doc(app)
            .report
            .findings
            .iter()
            .any(|f| f.code == "A2-6.4" && f.items == ["FileCabinet"])
    };
    assert!(unlinked(&app));
    // a card for the file cabinet: recorded, not written yet
    {
        let mut d = app.world_mut().resource_mut::<Doc>();
        d.record_event(acquire("ZC-0010", "文件柜", ItemKind::FileCabinet, "R2"))
            .unwrap();
        assert_eq!(d.pending.len(), 1);
        assert!(d.is_modified(), "an unwritten event is unsaved work");
        assert!(d.assets().unwrap().assets.contains_key("ZC-0010"));
        // undo until saved
        assert!(d.undo_event());
        assert!(!d.assets().unwrap().assets.contains_key("ZC-0010"));
        assert!(!d.is_modified());
        d.record_event(acquire("ZC-0010", "文件柜", ItemKind::FileCabinet, "R2"))
            .unwrap();
        // a second acquisition of the same card is refused, nothing changes
        let refused = d.record_event(acquire("ZC-0010", "文件柜", ItemKind::FileCabinet, "R2"));
        assert!(refused.is_err());
        assert_eq!(d.pending.len(), 1);
    }
    assert_eq!(std::fs::read(&reg_path).unwrap(), before, "not written yet");
    // the item linked to it (what the window does with the card it made)
    let mut item = doc(&app).plan.items[cabinet].clone();
    item.assets = vec!["ZC-0010".into()];
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetItem {
            index: cabinet,
            item,
        }),
    );
    app.update();
    assert!(!unlinked(&app), "the finding is resolved");
    // saving writes the event: appended, every earlier byte kept
    send(&mut app, FileAction::Save);
    app.update();
    let after = std::fs::read(&reg_path).unwrap();
    let close = before.iter().rposition(|&b| b == b']').unwrap();
    assert_eq!(&after[..close], &before[..close], "history never rewritten");
    assert!(String::from_utf8_lossy(&after).contains("ZC-0010"));
    assert!(doc(&app).pending.is_empty());
    assert!(!doc(&app).is_modified());
    // reopened: the card and its link are there
    let again = Doc::open(&plan).unwrap();
    assert!(again.assets().unwrap().assets.contains_key("ZC-0010"));
    assert!(!again
        .report
        .findings
        .iter()
        .any(|f| f.code == "A2-6.4" && f.items == ["FileCabinet"]));
}

#[test]
fn a_card_follows_its_item_to_another_room_and_a_write_off_is_recorded() {
    use juwei::planner::panels::register::moved_cards;
    use juwei::register::EventKind;
    let plan = plan_with_register("record-move");
    let mut app = files_app(Doc::open(&plan).unwrap());
    // the printer (ZC-0003) carried into the meeting room
    let printer = doc(&app)
        .plan
        .items
        .iter()
        .position(|i| i.kind == ItemKind::Printer)
        .unwrap();
    send(
        &mut app,
        PlanCommand::Edit(Edit::MoveItem {
            index: printer,
            at: Location::Room("R3".into()),
            pos: None,
        }),
    );
    app.update();
    let today = chrono::Local::now().date_naive();
    let assets = doc(&app).register.as_ref().unwrap().state_at(today).assets;
    let moved = moved_cards(doc(&app), &assets);
    assert_eq!(
        moved,
        vec![("ZC-0003".into(), printer, "R2".into(), "R3".into())]
    );
    let mut d = app.world_mut().resource_mut::<Doc>();
    d.record_event(juwei::register::record::NewEvent {
        date: today,
        asset: Some("ZC-0003".into()),
        kind: EventKind::Move { to: "R3".into() },
    })
    .unwrap();
    let assets = d.register.as_ref().unwrap().state_at(today).assets;
    assert!(moved_cards(&d, &assets).is_empty(), "the card follows");
    // a write-off of a card already written off is refused with the reason
    let refused = d.record_event(juwei::register::record::NewEvent {
        date: today,
        asset: Some("ZC-0009".into()),
        kind: EventKind::WriteOff {
            reason: "again".into(),
            approval: None,
            count: None,
        },
    });
    let (zh, _) = refused.unwrap_err();
    assert!(zh.contains("未记录"), "{zh}");
    // the air conditioner written off
    d.record_event(juwei::register::record::NewEvent {
        date: today,
        asset: Some("ZC-0006".into()),
        kind: EventKind::WriteOff {
            reason: "压缩机损坏".into(),
            approval: Some("街道资产〔2026〕3号".into()),
            count: None,
        },
    })
    .unwrap();
    assert_eq!(d.pending.len(), 2);
    assert!(!d.assets().unwrap().assets["ZC-0006"].in_use);
}
