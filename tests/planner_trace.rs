//! The trace tools headless (`App::new()` + `MinimalPlugins` + the
//! planner's logic, picking and underlay logic): load the sample photo as
//! the underlay, rectify on four clicks, calibrate on two, a rectangle
//! room, split it, undo; a missing image is a warning.
#![cfg(feature = "gui")]

use std::path::Path;

use bevy::prelude::*;
use juwei::geom::homography::Homography;
use juwei::planner::picking::{PickingPlugin, PointerEvent, PointerKind};
use juwei::planner::settings::Settings;
use juwei::planner::state::{empty_plan, Doc, Notice, PlanCommand, PlannerLogicPlugin, Tool};
use juwei::planner::underlay::{
    load_underlay, TraceMode, TraceUi, UnderlayImages, UnderlayLogicPlugin,
};

const TOL: f64 = 0.15;

fn app_with(doc: Doc) -> App {
    let dir = std::env::temp_dir().join(format!("juwei-trace-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // SAFETY: every test of this binary sets the same value
    unsafe { std::env::set_var("JUWEI_CONFIG_DIR", &dir) };
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .insert_resource(doc)
        .insert_resource(Settings::default())
        .add_plugins((PlannerLogicPlugin, PickingPlugin, UnderlayLogicPlugin));
    app.update();
    app
}

fn doc(app: &App) -> &Doc {
    app.world().resource::<Doc>()
}

fn click(app: &mut App, at: (f64, f64)) {
    app.world_mut().write_message(PointerEvent {
        kind: PointerKind::Press,
        at,
        tol: TOL,
    });
    app.update();
    app.world_mut().write_message(PointerEvent {
        kind: PointerKind::Release,
        at,
        tol: TOL,
    });
    app.update();
}

fn mode(app: &mut App, m: TraceMode) {
    *app.world_mut().resource_mut::<Tool>() = Tool::Trace;
    let mut ui = app.world_mut().resource_mut::<TraceUi>();
    ui.mode = m;
    ui.clicks.clear();
}

#[test]
fn photo_loaded_rectified_calibrated_and_traced() {
    // a new plan saved beside the sample photo's folder
    let new = Doc::new(
        empty_plan(),
        Some(Path::new("plans/traced/new.ron").to_path_buf()),
    );
    let mut app = app_with(new);
    let (edit, size) = load_underlay(doc(&app), "scans/zhangjiazhai-photo.jpg", 0).unwrap();
    assert_eq!(size, (1200, 1600));
    app.world_mut().write_message(PlanCommand::Edit(edit));
    app.update();
    assert_eq!(doc(&app).plan.underlays.len(), 1);
    // absolute while the plan is open; the file keeps it relative
    let full = std::path::absolute("plans/traced/scans/zhangjiazhai-photo.jpg").unwrap();
    assert_eq!(Path::new(&doc(&app).plan.underlays[0].image), full);
    let images = app.world().resource::<UnderlayImages>();
    assert_eq!(images.size_of(&full), Some((1200, 1600)));
    // the photo's pixels of the courtyard's and front rooms' outer corners
    // (tools/photo-sample.py's known perspective), as now on the plan
    let h = Homography(doc(&app).plan.underlays[0].to_plan);
    let px = [
        (197.5, 1052.5),
        (818.5, 1094.5),
        (799.5, 575.5),
        (250.5, 533.5),
    ];
    let on_plan: Vec<(f64, f64)> = px.iter().map(|p| h.apply(*p).unwrap()).collect();
    {
        let mut ui = app.world_mut().resource_mut::<TraceUi>();
        ui.width = "10.5".into();
        ui.height = "8".into();
    }
    mode(&mut app, TraceMode::Rectify);
    // clicked anticlockwise on the plan from the bottom left: stays there
    for p in &on_plan {
        click(&mut app, *p);
    }
    let h = Homography(doc(&app).plan.underlays[0].to_plan);
    let c0 = h.apply(px[0]).unwrap();
    let c2 = h.apply(px[2]).unwrap();
    assert!(((c2.0 - c0.0) - 10.5).abs() < 1e-6 && ((c2.1 - c0.1) - 8.0).abs() < 1e-6);
    // calibrate on the same 10.5 m wall, typed as 10.50 m: no change of scale
    app.world_mut().resource_mut::<TraceUi>().length = "10.50".into();
    mode(&mut app, TraceMode::Calibrate);
    click(&mut app, c0);
    click(&mut app, h.apply(px[1]).unwrap());
    let h2 = Homography(doc(&app).plan.underlays[0].to_plan);
    let d = h2.apply(px[1]).unwrap();
    assert!(((d.0 - c0.0).hypot(d.1 - c0.1) - 10.5).abs() < 1e-6);
    // a rectangle room over the courtyard + front rooms, then split it
    mode(&mut app, TraceMode::Rectangle);
    let g = |p: (f64, f64)| ((p.0 * 10.0).round() / 10.0, (p.1 * 10.0).round() / 10.0);
    let (a, c) = (g(c0), g(c2));
    click(&mut app, (a.0 + 0.03, a.1 - 0.02));
    click(&mut app, (c.0 - 0.04, c.1 + 0.01));
    assert_eq!(doc(&app).plan.rooms.len(), 1);
    let area = doc(&app).room_area("R1").unwrap();
    assert!((area - 84.0).abs() < 0.5, "{area}");
    mode(&mut app, TraceMode::Split);
    click(&mut app, (a.0 - 0.02, a.1 + 3.0));
    click(&mut app, (c.0 + 0.02, a.1 + 3.0));
    assert_eq!(doc(&app).plan.rooms.len(), 2);
    let areas: Vec<f64> = ["R1", "R2"]
        .iter()
        .map(|r| doc(&app).room_area(r).unwrap())
        .collect();
    assert!((areas[0] + areas[1] - area).abs() < 0.02, "{areas:?}");
    // one undo step undoes the split, the next the room
    app.world_mut().write_message(PlanCommand::Undo);
    app.update();
    assert_eq!(doc(&app).plan.rooms.len(), 1);
    app.world_mut().write_message(PlanCommand::Undo);
    app.update();
    assert!(doc(&app).plan.rooms.is_empty());
}

#[test]
fn a_missing_image_is_a_warning_and_the_plan_opens() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("zhangjiazhai.ron");
    std::fs::copy("plans/traced/zhangjiazhai.ron", &copy).unwrap();
    let opened = Doc::open(&copy).unwrap();
    assert_eq!(opened.plan.underlays.len(), 1);
    let mut app = app_with(opened);
    app.update();
    let notice = app.world().resource::<Notice>();
    let (zh, en) = notice.text.clone().expect("a word about the image");
    assert!(
        zh.contains("底图缺失") && en.contains("underlay missing"),
        "{zh} / {en}"
    );
    assert_eq!(doc(&app).plan.rooms.len(), 6);
    // and rectifying without an underlay says what to do first
    let mut plain = app_with(Doc::untitled());
    mode(&mut plain, TraceMode::Rectify);
    click(&mut plain, (1.0, 1.0));
    let n = plain.world().resource::<Notice>();
    assert!(n.text.as_ref().is_some_and(|t| t.0.contains("先载入底图")));
}
