//! Smoke test of the real planner: start `juwei-planner PLAN --screenshot
//! OUT.png` under X (its own Xvfb when `DISPLAY` is not set) with Mesa's
//! software Vulkan, and check that the picture shows the plan.
//!
//! Needs the Debian packages of `ci-packages.txt` (Xvfb, mesa-vulkan-drivers,
//! libvulkan1, the X client libraries); fails with a clear message without
//! them.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, Image, ImageSampler, ImageType};

const BIN: &str = env!("CARGO_BIN_EXE_juwei-planner");
const SAMPLE: &str = "tests/fixtures/planner/sample.ron";

/// An X server for one test, stopped when dropped.
struct Display {
    name: String,
    server: Option<Child>,
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(mut s) = self.server.take() {
            let _ = s.kill();
            let _ = s.wait();
        }
    }
}

/// The display to use: `$DISPLAY`, or a new Xvfb the size of the window.
/// Each test starts at its own `first` (ranges of 20 that do not overlap:
/// two tests sharing a range raced for one display and killed each other's).
fn display(first: u32) -> Display {
    if let Some(d) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
        return Display {
            name: d,
            server: None,
        };
    }
    let (w, h) = juwei::planner::WINDOW_SIZE;
    for n in first..first + 20 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
            || Path::new(&format!("/tmp/.X{n}-lock")).exists()
        {
            continue;
        }
        let spawned = Command::new("Xvfb")
            .args([
                &format!(":{n}"),
                "-screen",
                "0",
                &format!("{w}x{h}x24"),
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut server = match spawned {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
                "Xvfb is not installed, and DISPLAY is not set: install the packages of \
                 ci-packages.txt (apt-get install xvfb mesa-vulkan-drivers libvulkan1 \
                 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon-x11-0)"
            ),
            Err(e) => panic!("cannot start Xvfb: {e}"),
        };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return Display {
                    name: format!(":{n}"),
                    server: Some(server),
                };
            }
            if let Ok(Some(_)) = server.try_wait() {
                break; // that display was taken after all: try the next
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = server.kill();
        let _ = server.wait();
    }
    panic!("could not start Xvfb on any display from :{first}");
}

/// Run the planner for a screenshot; returns its exit status and stderr.
fn screenshot(plan: &Path, out: &Path, extra: &[&str], first_display: u32) -> (i32, String) {
    let display = display(first_display);
    let config = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .arg(plan)
        .arg("--screenshot")
        .arg(out)
        .args(extra)
        .env("DISPLAY", &display.name)
        .env("JUWEI_CONFIG_DIR", config.path())
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("juwei-planner starts");
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("juwei-planner did not exit within 300 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let err = reader.join().unwrap();
    // the settings and recent files of the user are not touched
    assert!(!config.path().join("planner.ron").exists());
    (status.code().unwrap_or(-1), err)
}

/// The PNG's pixels (RGB) and size.
fn pixels(png: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let bytes = std::fs::read(png).expect("the screenshot was written");
    let img = Image::from_buffer(
        &bytes,
        ImageType::Extension("png"),
        CompressedImageFormats::NONE,
        true,
        ImageSampler::Default,
        RenderAssetUsages::default(),
    )
    .expect("a PNG");
    let rgb = img.try_into_dynamic().unwrap().to_rgb8();
    let (w, h) = rgb.dimensions();
    (w, h, rgb.pixels().map(|p| p.0).collect())
}

fn near(a: [u8; 3], b: [u8; 3], tol: i32) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (*x as i32 - y as i32).abs() <= tol)
}

fn count(px: &[[u8; 3]], c: [u8; 3]) -> usize {
    px.iter().filter(|p| near(**p, c, 6)).count()
}

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("planner-screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn the_sample_plan_is_drawn() {
    let out = out_dir().join("sample.png");
    let _ = std::fs::remove_file(&out);
    let (code, err) = screenshot(Path::new(SAMPLE), &out, &[], 90);
    assert_eq!(code, 0, "juwei-planner failed:\n{err}");
    let (w, h, px) = pixels(&out);
    assert_eq!((w, h), juwei::planner::WINDOW_SIZE);
    let mut distinct: Vec<[u8; 3]> = px.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(
        distinct.len() > 200,
        "a blank picture: {} colours",
        distinct.len()
    );
    // the rooms are filled in their zones' colours (the office is 60 m² of a
    // plan fitted to the canvas: tens of thousands of pixels)
    use juwei::model::Zone;
    for (zone, min) in [
        (Zone::Office, 20_000),
        (Zone::Police, 5_000),
        (Zone::Meeting, 10_000),
    ] {
        let n = count(&px, zone.colour());
        assert!(n > min, "{zone:?}: only {n} pixels of its colour");
    }
    // the canvas background shows around the plan
    assert!(count(&px, [0xf7, 0xf7, 0xf2]) > 50_000);
}

#[test]
fn a_drawing_on_the_command_line_opens_imported_with_its_review() {
    let out = out_dir().join("import-review.png");
    let _ = std::fs::remove_file(&out);
    let dxf = Path::new("tests/dxf/committee_mm.dxf");
    let (code, err) = screenshot(dxf, &out, &[], 150);
    assert_eq!(code, 0, "juwei-planner failed:\n{err}");
    let (w, h, px) = pixels(&out);
    assert_eq!((w, h), juwei::planner::WINDOW_SIZE);
    // the imported rooms are drawn (a police room among them), and no
    // error box: the import's notes are in the review window
    use juwei::model::Zone;
    let n = count(&px, Zone::Police.colour());
    assert!(n > 2_000, "police room: only {n} pixels of its colour");
    assert!(
        count(&px, [0xb0, 0x00, 0x20]) < 2_000,
        "red text of an error box"
    );
}

#[test]
fn an_invalid_plan_shows_its_error_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: 1, revision: (number: 1, date: \"2026-02-30\"))\n",
    )
    .unwrap();
    let out = out_dir().join("error.png");
    let _ = std::fs::remove_file(&out);
    let (code, err) = screenshot(&bad, &out, &["--lang", "en"], 110);
    assert_eq!(code, 2, "{err}");
    let (_, _, px) = pixels(&out);
    // the error dialog's dark red text is on the picture
    assert!(count(&px, [0xb0, 0x00, 0x20]) > 30, "no error text drawn");
}

#[test]
fn broken_geometry_is_drawn_without_a_crash() {
    // rooms that are no polygons (G01), overlapping rooms (G02), a door off
    // its wall (G04): the plan reads, the checks say what is wrong
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("broken.ron");
    std::fs::write(
        &plan,
        r#"(format: 1, revision: (number: 1, date: "2026-03-01"),
            committee: (code: "X-1", name: "测试居委会", street: "街道", estate: Old),
            rooms: [
                (id: "A", name: "甲", zones: [Office], floor: AntiSlip,
                 outline: [(0.0, 0.0), (5.0, 0.0), (5.0, 4.0), (0.0, 4.0)]),
                (id: "B", name: "乙", zones: [Meeting], floor: AntiSlip,
                 outline: [(4.0, 1.0), (8.0, 1.0), (8.0, 5.0), (4.0, 5.0)]),
                (id: "C", name: "丙", zones: [Service], floor: Other,
                 outline: [(10.0, 0.0), (12.0, 2.0), (12.0, 0.0), (10.0, 2.0)]),
                (id: "D", name: "丁", zones: [Reception], floor: AntiSlip,
                 outline: [(0.0, 8.0), (2.0, 8.0)]),
                (id: "E", name: "戊", zones: [Ancillary], floor: AntiSlip,
                 outline: [(0.0, 10.0), (inf, 10.0), (3.0, 13.0)]),
            ],
            doors: [(between: ("outside", "A"), at: (2.0, 1.5))],
            items: [(kind: Desk, at: Room("D")), (kind: Chair, at: Room("E"))])"#,
    )
    .unwrap();
    let out = out_dir().join("broken.png");
    let _ = std::fs::remove_file(&out);
    let (code, err) = screenshot(&plan, &out, &[], 130);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let (_, _, px) = pixels(&out);
    // the error outline colour of G01/G02 is on the rooms that could be drawn
    assert!(count(&px, juwei::rules::Severity::Error.colour()) > 200);
}

#[test]
fn without_a_display_it_says_so_and_exits_2() {
    let out = Command::new(BIN)
        .arg(SAMPLE)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("DISPLAY") && err.contains("没有图形显示"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// The plan traced from a photo (`plans/traced/`), drawn with its underlay;
/// and the same plan whose image is missing: drawn without it, exit 0.
#[test]
fn a_plan_with_its_underlay_and_with_its_image_missing() {
    let traced = Path::new("plans/traced/zhangjiazhai.ron");
    let with = out_dir().join("underlay.png");
    let _ = std::fs::remove_file(&with);
    let (code, err) = screenshot(traced, &with, &[], 230);
    assert_eq!(code, 0, "juwei-planner failed:\n{err}");
    // the same plan in a folder without scans/: the image is missing
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("zhangjiazhai.ron");
    std::fs::copy(traced, &copy).unwrap();
    let without = out_dir().join("underlay-missing.png");
    let _ = std::fs::remove_file(&without);
    let (code, err) = screenshot(&copy, &without, &[], 250);
    assert_eq!(code, 0, "a missing underlay is not an error:\n{err}");
    assert!(
        err.contains("underlay missing") || err.contains("cannot read the image"),
        "the missing image is warned about:\n{err}"
    );
    let (w, h, a) = pixels(&with);
    let (_, _, b) = pixels(&without);
    // the canvas (between the panels): the photo changes a good part of it
    let (x0, x1, y0, y1) = (310, 1130, 60, 860);
    let mut differ = 0;
    let mut total = 0;
    for y in y0..y1.min(h as usize) {
        for x in x0..x1.min(w as usize) {
            total += 1;
            if !near(a[y * w as usize + x], b[y * w as usize + x], 30) {
                differ += 1;
            }
        }
    }
    assert!(
        differ * 10 > total,
        "the underlay shows on only {differ} of {total} canvas pixels"
    );
    // the rooms are still drawn in their zones' colours over it
    use juwei::model::Zone;
    assert!(count(&b, Zone::Office.colour()) > 10_000);
}

#[test]
fn a_two_storey_plan_shows_the_level_chosen_and_the_other_faint() {
    // the 石库门 with its 亭子间 upstairs over the stair hall and the toilet
    let plan = Path::new("tests/fixtures/planner/shikumen.ron");
    let ground = out_dir().join("two-storey-0.png");
    let upstairs = out_dir().join("two-storey-1.png");
    for p in [&ground, &upstairs] {
        let _ = std::fs::remove_file(p);
    }
    let (code, err) = screenshot(plan, &ground, &[], 190);
    assert_eq!(code, 0, "juwei-planner failed:\n{err}");
    let (code, err) = screenshot(plan, &upstairs, &["--level", "1"], 210);
    assert_eq!(code, 0, "juwei-planner failed:\n{err}");
    let (w, h, a) = pixels(&ground);
    let (_, _, b) = pixels(&upstairs);
    assert_eq!((w, h), juwei::planner::WINDOW_SIZE);
    use juwei::model::Zone;
    // downstairs: the front room (客堂, meeting) in its colour; upstairs it
    // is only faint beneath the 亭子间
    let meeting_0 = count(&a, Zone::Meeting.colour());
    let meeting_1 = count(&b, Zone::Meeting.colour());
    assert!(
        meeting_0 > 10_000,
        "downstairs meeting room: {meeting_0} px"
    );
    assert!(
        meeting_1 < meeting_0 / 20,
        "upstairs: {meeting_1} px in full colour"
    );
    // the faint front room is still there: the canvas where it stands is
    // neither the background nor the full colour
    let (faint, bg) = (
        b.iter()
            .filter(|p| !near(**p, [0xf7, 0xf7, 0xf2], 4) && !near(**p, Zone::Meeting.colour(), 6))
            .count(),
        count(&b, [0xf7, 0xf7, 0xf2]),
    );
    assert!(
        faint > 20_000 && bg > 50_000,
        "faint {faint}, background {bg}"
    );
    // upstairs, the 亭子间 (an office) is drawn in full; downstairs it is
    // under the stair hall and the toilet
    let office_1 = count(&b, Zone::Office.colour());
    assert!(office_1 > 5_000, "the 亭子间 upstairs: {office_1} px");
}
