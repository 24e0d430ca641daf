//! The planner and the data of rules revision 2, headless (`App::new()` +
//! `MinimalPlugins` + the planner's logic, picking and files plugins): the
//! level switcher, rooms drawn on the level shown, stairs between levels,
//! the estates and an item's estate, staff, certified area, the revision's
//! initiator and reason; the status of a finding written to
//! `NAME.status.ron`; underlays of an unsaved plan and "save as" into
//! another folder; `--profile`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bevy::prelude::*;
use bevy::window::WindowCloseRequested;
use juwei::edit::Edit;
use juwei::followup::Status;
use juwei::model::{CertifiedArea, DoorKind, EstateRef, Initiator, ItemKind, Location, SitePlace};
use juwei::planner::canvas::UiFocus;
use juwei::planner::files::{FileAction, FilesPlugin};
use juwei::planner::picking::{hit_test, Hit, PickingPlugin, PointerEvent, PointerKind};
use juwei::planner::settings::Settings;
use juwei::planner::state::{
    CurrentLevel, Doc, Notice, PlanCommand, PlannerLogicPlugin, Selection, Tool,
};

const SHIKUMEN: &str = "tests/fixtures/planner/shikumen.ron";
const TOL: f64 = 0.2;

fn config_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("juwei-levels-test-{}", std::process::id()));
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
    app.init_resource::<ButtonInput<KeyCode>>()
        .init_resource::<UiFocus>()
        .add_message::<WindowCloseRequested>()
        .add_plugins(FilesPlugin);
    app.update();
    app
}

fn shikumen() -> App {
    app_with(Doc::open(Path::new(SHIKUMEN)).unwrap())
}

fn doc(app: &App) -> &Doc {
    app.world().resource::<Doc>()
}

fn level(app: &App) -> i32 {
    app.world().resource::<CurrentLevel>().0
}

fn set_level(app: &mut App, l: i32) {
    app.world_mut().resource_mut::<CurrentLevel>().0 = l;
    *app.world_mut().resource_mut::<Selection>() = Selection::default();
    app.update();
}

fn send<M: Message>(app: &mut App, m: M) {
    app.world_mut().write_message(m);
    app.update();
}

fn click(app: &mut App, at: (f64, f64)) {
    send(
        app,
        PointerEvent {
            kind: PointerKind::Press,
            at,
            tol: TOL,
        },
    );
    send(
        app,
        PointerEvent {
            kind: PointerKind::Release,
            at,
            tol: TOL,
        },
    );
}

fn tool(app: &mut App, t: Tool) {
    *app.world_mut().resource_mut::<Tool>() = t;
}

fn codes(app: &App) -> Vec<String> {
    doc(app).report.codes()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = config_dir().join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn a_two_storey_plan_opens_on_the_ground_floor_and_picks_on_the_level_shown() {
    let mut app = shikumen();
    assert_eq!(level(&app), 0);
    let d = doc(&app);
    assert!(d.report.valid, "{:?}", d.report.codes());
    // both levels count; the certified area is the one the thresholds use
    assert_eq!(d.facts.levels, [0, 1]);
    assert_eq!(d.facts.measured_m2, 77.5);
    assert_eq!(d.facts.area_m2, 78.2);
    // a point of the stair hall downstairs, under the 亭子间, clear of the
    // items and the stair drawn there
    let p = (0..25)
        .flat_map(|i| (0..30).map(move |j| (0.1 + i as f64 * 0.1, 8.1 + j as f64 * 0.08)))
        .find(|&q| {
            let far = |a: (f64, f64)| (a.0 - q.0).hypot(a.1 - q.1) > 0.8;
            d.layout.items.iter().all(|&a| far(a)) && d.plan.doors.iter().all(|dd| far(dd.at))
        })
        .expect("a bare point in the stair hall");
    assert_eq!(
        hit_test(d, &Selection::default(), p, TOL, 0),
        Hit::Room("C1".into())
    );
    assert_eq!(
        hit_test(d, &Selection::default(), p, TOL, 1),
        Hit::Room("T1".into())
    );
    // the front room has nothing above it: empty upstairs
    assert_eq!(
        hit_test(d, &Selection::default(), (3.0, 5.0), TOL, 1),
        Hit::Nothing
    );
    set_level(&mut app, 1);
    click(&mut app, p);
    assert_eq!(
        app.world().resource::<Selection>().room.as_deref(),
        Some("T1")
    );
    // an item of the other level is not picked: the office's computer
    // downstairs is not there when the 1st floor is shown
    let (i, at) = doc(&app)
        .plan
        .items
        .iter()
        .position(|it| it.kind == ItemKind::Computer)
        .map(|i| (i, doc(&app).layout.items[i]))
        .unwrap();
    assert_eq!(
        hit_test(doc(&app), &Selection::default(), at, TOL, 0),
        Hit::Item(i)
    );
    assert_ne!(
        hit_test(doc(&app), &Selection::default(), at, TOL, 1),
        Hit::Item(i)
    );
}

#[test]
fn rooms_are_drawn_on_the_level_shown_and_selecting_one_brings_its_level_up() {
    let mut app = shikumen();
    set_level(&mut app, 1);
    // the 前楼 above the front room: a new room upstairs overlaps the one
    // below without G02 (only rooms of one level may not overlap)
    tool(&mut app, Tool::DrawRoom { points: Vec::new() });
    for p in [(0.0, 3.0), (6.5, 3.0), (6.5, 8.0), (0.0, 8.0), (0.0, 3.0)] {
        click(&mut app, p);
    }
    let d = doc(&app);
    let room = d.plan.rooms.last().unwrap();
    assert_eq!(room.level, 1, "drawn on the level shown");
    assert_eq!(room.outline.len(), 4);
    let id = room.id.clone();
    assert!(
        !codes(&app).contains(&"G02".to_string()),
        "{:?}",
        codes(&app)
    );
    assert_eq!(
        app.world().resource::<Selection>().room.as_deref(),
        Some(id.as_str())
    );
    // its outline snaps to the 亭子间's corner (same level), not to the
    // rooms downstairs
    assert!(room.outline.contains(&(0.0, 8.0)));
    // selecting a room downstairs (a finding, the inspector) shows its level
    *app.world_mut().resource_mut::<Selection>() = Selection::room("R1");
    app.update();
    assert_eq!(level(&app), 0);
    // undo takes the room away
    send(&mut app, PlanCommand::Undo);
    assert!(doc(&app).plan.room(&id).is_none());
}

#[test]
fn a_stair_joins_two_levels_drawn_on_both_and_undoes() {
    let mut app = shikumen();
    let stair = doc(&app)
        .plan
        .doors
        .iter()
        .position(|d| d.kind == DoorKind::Stair)
        .unwrap();
    // without its stair the 亭子间 cannot be reached (G05)
    send(
        &mut app,
        PlanCommand::Edit(Edit::DeleteDoor { index: stair }),
    );
    assert!(codes(&app).contains(&"G05".to_string()));
    // the stair tool, clicked in the stair hall under the 亭子间
    tool(&mut app, Tool::AddStair);
    click(&mut app, (1.52, 9.48));
    let d = doc(&app);
    let new = d.plan.doors.last().unwrap();
    assert_eq!(new.kind, DoorKind::Stair);
    assert_eq!(new.between, ("C1".to_string(), "T1".to_string()));
    assert_eq!(new.at, (1.5, 9.5), "on the 0.1 m grid");
    assert!(
        !codes(&app).contains(&"G05".to_string()),
        "{:?}",
        codes(&app)
    );
    let index = d.plan.doors.len() - 1;
    assert_eq!(
        app.world().resource::<Selection>().door,
        Some(index),
        "what was placed is selected"
    );
    // it is there on both levels: picked from upstairs too
    for l in [0, 1] {
        assert_eq!(
            hit_test(doc(&app), &Selection::default(), (1.6, 9.3), TOL, l),
            Hit::Door(index),
            "level {l}: item 40 at {:?}",
            juwei::edit::layout::Layout::of(&doc(&app).plan).items[40]
        );
    }
    // where nothing is above or below, the tool says so and changes nothing
    let before = doc(&app).plan.clone();
    click(&mut app, (3.0, 5.0));
    assert_eq!(doc(&app).plan, before);
    let notice = app.world().resource::<Notice>();
    assert!(notice.error);
    assert!(notice.get(juwei::model::Lang::Zh).unwrap().contains("楼梯"));
    // dragged within the overlap it moves, still joining the same rooms
    tool(&mut app, Tool::Select);
    *app.world_mut().resource_mut::<Selection>() = Selection::default();
    for (kind, at) in [
        (PointerKind::Press, (1.5, 9.5)),
        (PointerKind::Move, (2.0, 9.0)),
        (PointerKind::Release, (2.5, 9.0)),
    ] {
        send(&mut app, PointerEvent { kind, at, tol: TOL });
    }
    let moved = &doc(&app).plan.doors[index];
    assert_eq!(moved.at, (2.5, 9.0));
    assert_eq!(moved.kind, DoorKind::Stair);
    // one undo for the drag, one for the stair
    send(&mut app, PlanCommand::Undo);
    assert_eq!(doc(&app).plan.doors[index].at, (1.5, 9.5));
    send(&mut app, PlanCommand::Undo);
    assert!(codes(&app).contains(&"G05".to_string()));
}

#[test]
fn estates_staff_certified_area_and_the_revision_are_edits() {
    let mut app = shikumen();
    let mut c = doc(&app).plan.committee.clone();
    c.estates = vec![
        EstateRef {
            id: "E1".into(),
            name: "张家宅".into(),
        },
        EstateRef {
            id: "E2".into(),
            name: "新闸路1124弄".into(),
        },
    ];
    c.staff = Some(5);
    c.certified_area = Some(CertifiedArea {
        m2: 101.0,
        source: "测绘报告".into(),
    });
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetCommittee { committee: c }),
    );
    // above 100 m² certified: no longer a priority (A2-1.2 → A2-1.2a)
    assert_eq!(doc(&app).facts.area_m2, 101.0);
    assert!(
        !codes(&app).contains(&"A2-1.2".to_string()),
        "{:?}",
        codes(&app)
    );
    // two estates: the estate gate's sign says whose it is
    let sign = doc(&app)
        .plan
        .items
        .iter()
        .position(|it| it.kind == ItemKind::EstateGuideSign)
        .unwrap();
    let mut item = doc(&app).plan.items[sign].clone();
    assert_eq!(item.at, Location::Site(SitePlace::EstateGate));
    item.estate = Some("E2".into());
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetItem { index: sign, item }),
    );
    let d = doc(&app);
    assert_eq!(d.plan.items[sign].estate.as_deref(), Some("E2"));
    // the revision: the street initiates it, and says why
    let mut r = d.plan.revision.clone();
    r.initiated_by = Initiator::Street;
    r.reason = Some("客堂改作会议室".into());
    send(
        &mut app,
        PlanCommand::Edit(Edit::SetRevision { revision: r }),
    );
    assert_eq!(doc(&app).plan.revision.initiated_by, Initiator::Street);
    // each one undoes
    for _ in 0..3 {
        send(&mut app, PlanCommand::Undo);
    }
    let d = doc(&app);
    assert!(d.plan.committee.estates.is_empty());
    assert_eq!(d.plan.committee.staff, Some(4));
    assert_eq!(d.plan.items[sign].estate, None);
    assert_eq!(d.plan.revision.initiated_by, Initiator::Committee);
    assert!(!d.is_modified());
}

#[test]
fn a_findings_status_is_written_beside_the_plan_and_shown() {
    let dir = temp_dir("status");
    let plan = dir.join("zhangjiazhai.ron");
    std::fs::copy(SHIKUMEN, &plan).unwrap();
    let status_file = dir.join("zhangjiazhai.status.ron");
    let _ = std::fs::remove_file(&status_file);
    let mut app = app_with(Doc::open(&plan).unwrap());
    let i = doc(&app)
        .report
        .findings
        .iter()
        .position(|f| f.code == "A2-1.2")
        .unwrap();
    // an accepted exception needs who and why: refused, nothing written
    let refused =
        app.world_mut()
            .resource_mut::<Doc>()
            .set_status(i, Some(Status::Accepted), "", "", None);
    assert!(refused.is_err());
    assert!(!status_file.exists());
    let written = app
        .world_mut()
        .resource_mut::<Doc>()
        .set_status(
            i,
            Some(Status::Accepted),
            "石门二路街道 社区办 王某",
            "石库门里弄,无法扩建",
            None,
        )
        .unwrap();
    assert_eq!(written, status_file);
    let text = std::fs::read_to_string(&status_file).unwrap();
    assert!(
        text.contains("code: \"A2-1.2\"") && text.contains("status: Accepted"),
        "{text}"
    );
    // no temporary file left beside it (written atomically)
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    // the finding shows it, and so does the plan opened again
    let f = |d: &Doc| {
        d.report
            .findings
            .iter()
            .find(|f| f.code == "A2-1.2")
            .and_then(|f| f.status.clone())
    };
    assert_eq!(f(doc(&app)).unwrap().status, Status::Accepted);
    let again = Doc::open(&plan).unwrap();
    let mark = f(&again).unwrap();
    assert_eq!(mark.by.as_deref(), Some("石门二路街道 社区办 王某"));
    // in progress with a due date, then forgotten
    let i = doc(&app)
        .report
        .findings
        .iter()
        .position(|f| f.code == "A2-1.2")
        .unwrap();
    let due = chrono::NaiveDate::from_ymd_opt(2099, 5, 31);
    app.world_mut()
        .resource_mut::<Doc>()
        .set_status(i, Some(Status::InProgress), "张家宅居委会", "", due)
        .unwrap();
    assert_eq!(f(doc(&app)).unwrap().due, due);
    app.world_mut()
        .resource_mut::<Doc>()
        .set_status(i, None, "", "", None)
        .unwrap();
    assert!(f(doc(&app)).is_none());
    let back = juwei::followup::load_status(&plan).unwrap().unwrap();
    assert!(back.entries.is_empty());
    // a plan not saved yet has nowhere to keep a status
    let mut untitled = Doc::new(doc(&app).plan.clone(), None);
    assert!(untitled
        .set_status(0, Some(Status::Fixed), "x", "", None)
        .is_err());
}

#[test]
fn a_bad_status_file_is_said_and_the_plan_still_opens() {
    let dir = temp_dir("bad-status");
    let plan = dir.join("p.ron");
    std::fs::copy(SHIKUMEN, &plan).unwrap();
    std::fs::write(
        dir.join("p.status.ron"),
        "(format: 1, committee: \"JA-SM2-011\", entries: [(code: \"A2-9.9\", status: Fixed)])",
    )
    .unwrap();
    let mut d = Doc::open(&plan).unwrap();
    let (zh, _) = d.status_problem.clone().expect("the problem said");
    assert!(zh.contains("p.status.ron") && zh.contains("A2-9.9"), "{zh}");
    assert!(d.report.valid);
    // and it is not overwritten by a status set in the planner
    assert!(d.set_status(0, Some(Status::Fixed), "x", "", None).is_err());
    assert!(std::fs::read_to_string(dir.join("p.status.ron"))
        .unwrap()
        .contains("A2-9.9"));
}

#[test]
fn an_underlay_of_an_unsaved_plan_is_absolute_and_save_as_keeps_it_found() {
    // an image in one folder, the plan saved into another
    let dir = temp_dir("underlay");
    let scans = dir.join("scans");
    std::fs::create_dir_all(&scans).unwrap();
    std::fs::copy(
        "plans/traced/scans/zhangjiazhai-photo.jpg",
        scans.join("photo.jpg"),
    )
    .unwrap();
    let mut app = app_with(Doc::untitled());
    // typed relative to the working folder of a plan with no folder yet
    let cwd = std::env::current_dir().unwrap();
    let typed = pathdiff(&scans.join("photo.jpg"), &cwd);
    let (edit, _) = juwei::planner::underlay::load_underlay(doc(&app), &typed, 0).unwrap();
    send(&mut app, PlanCommand::Edit(edit));
    let image = PathBuf::from(&doc(&app).plan.underlays[0].image);
    assert!(image.is_absolute(), "{}", image.display());
    assert!(image.is_file());
    // save as into another folder: the file says the way to the image
    let out = dir.join("plans/2026");
    std::fs::create_dir_all(&out).unwrap();
    let saved = out.join("traced.ron");
    send(&mut app, FileAction::SaveTo(saved.clone()));
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("image: \"../../scans/photo.jpg\""), "{text}");
    // and a second save as into a third folder rewrites it again
    let third = dir.join("copy");
    std::fs::create_dir_all(&third).unwrap();
    send(&mut app, FileAction::SaveTo(third.join("traced.ron")));
    let text = std::fs::read_to_string(third.join("traced.ron")).unwrap();
    assert!(text.contains("image: \"../scans/photo.jpg\""), "{text}");
    // opened again from either, the image is found
    for p in [saved, third.join("traced.ron")] {
        let d = Doc::open(&p).unwrap();
        let img = juwei::planner::underlay::image_path(&d, &d.plan.underlays[0].image);
        assert!(img.is_file(), "{}", img.display());
        // saving again where it was read gives the same text back
        let again = juwei::edit::trace::underlays_for_file(&d.plan, &p);
        assert_eq!(
            juwei::io::plan_to_string(&again),
            std::fs::read_to_string(&p).unwrap()
        );
    }
}

/// `path` relative to `base` (both absolute), with `..` as needed.
fn pathdiff(path: &Path, base: &Path) -> String {
    juwei::edit::trace::relative_path(path, base)
}

#[test]
fn a_profile_chosen_at_the_start_checks_every_plan_opened() {
    let dir = temp_dir("profile");
    // a district whose old estates are a priority up to 70 m² only
    let text = juwei::rules::profile::JINGAN_2017.replace(
        "old_estate_priority_max_m2: 100.0",
        "old_estate_priority_max_m2: 70.0",
    );
    assert_ne!(
        text,
        juwei::rules::profile::JINGAN_2017,
        "the threshold is in the profile"
    );
    let file = dir.join("district.profile.ron");
    std::fs::write(&file, &text).unwrap();
    let profile = juwei::rules::Profile::load(&file).unwrap();
    let mut d = Doc::open(Path::new(SHIKUMEN)).unwrap();
    assert!(d.report.codes().contains(&"A2-1.2".to_string()));
    assert!(d.profile_label(juwei::model::Lang::Zh).contains("内置"));
    d.set_profile(profile, Some(file.clone()));
    // 78.20 m² is above that district's 70 m²: no longer a priority
    assert!(
        !d.report.codes().contains(&"A2-1.2".to_string()),
        "{:?}",
        d.report.codes()
    );
    assert!(d
        .profile_label(juwei::model::Lang::Zh)
        .contains("district.profile.ron"));
    let mut app = app_with(d);
    // another plan opened keeps the profile
    send(
        &mut app,
        FileAction::OpenPath(PathBuf::from("plans/old-estate-small.ron")),
    );
    assert_eq!(doc(&app).profile_path.as_deref(), Some(file.as_path()));
}
