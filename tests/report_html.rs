//! The committee's HTML report and the plan drawing it (and the planner)
//! reuse: structure, pins on the right rooms, self-containment, and a real
//! render in headless Chromium when it is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use juwei::io::load_plan;
use juwei::model::{Lang, Plan};
use juwei::report::html::{check_page, HtmlOptions};
use juwei::report::svg::{plan_svg, SvgOptions};
use juwei::rules::{check_plan, meta, CheckOptions, Finding, Profile};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

fn small() -> Plan {
    load_plan(&fixture("small.ron")).unwrap()
}

/// Findings made by hand, so that the drawing's tests do not move when rules
/// are added: one on R2, one on R1 and R4, one on no room.
fn findings() -> Vec<Finding> {
    let m = meta("G05").unwrap();
    vec![
        Finding::new(m, "会议室问题", "meeting room issue").room("R2"),
        Finding::new(m, "两个房间的问题", "two rooms").rooms(["R1", "R4"]),
        Finding::new(meta("A2-6.4").unwrap(), "没有房间的问题", "no room"),
    ]
}

/// (cx, cy) of the pin numbered `n`, every occurrence.
fn pins(svg: &str, n: usize) -> Vec<(f64, f64)> {
    let tag = format!("data-finding=\"{n}\"");
    svg.match_indices(&tag)
        .map(|(i, _)| {
            let rest = &svg[i..];
            let num = |key: &str| -> f64 {
                let at = rest.find(key).unwrap() + key.len();
                let end = rest[at..].find('"').unwrap();
                rest[at..at + end].parse().unwrap()
            };
            (num("cx=\""), num("cy=\""))
        })
        .collect()
}

/// The pixel box of a room in the drawing, from its polygon's points.
fn room_box(svg: &str, id: &str) -> (f64, f64, f64, f64) {
    let tag = format!("<polygon data-room=\"{id}\" points=\"");
    let at = svg.find(&tag).unwrap() + tag.len();
    let end = svg[at..].find('"').unwrap();
    let pts: Vec<(f64, f64)> = svg[at..at + end]
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    (
        xs.clone().fold(f64::INFINITY, f64::min),
        ys.clone().fold(f64::INFINITY, f64::min),
        xs.fold(f64::NEG_INFINITY, f64::max),
        ys.fold(f64::NEG_INFINITY, f64::max),
    )
}

fn inside((x, y): (f64, f64), (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    x > x0 && x < x1 && y > y0 && y < y1
}

#[test]
fn svg_pins_every_finding_on_the_rooms_it_concerns() {
    let plan = small();
    let svg = plan_svg(&plan, &findings(), &SvgOptions::default());
    let (r1, r2, r4) = (
        room_box(&svg, "R1"),
        room_box(&svg, "R2"),
        room_box(&svg, "R4"),
    );
    let one = pins(&svg, 1);
    assert_eq!(one.len(), 1);
    assert!(inside(one[0], r2), "{one:?} in {r2:?}");
    let two = pins(&svg, 2);
    assert_eq!(two.len(), 2);
    assert!(inside(two[0], r1) && inside(two[1], r4), "{two:?}");
    // a finding on no room is pinned in the strip below the plan
    let three = pins(&svg, 3);
    assert_eq!(three.len(), 1);
    let bottom = [r1, r2, r4].iter().map(|b| b.3).fold(0.0, f64::max);
    assert!(three[0].1 > bottom, "{three:?} below {bottom}");
}

#[test]
fn svg_gives_each_wall_board_its_own_glyph() {
    use juwei::model::{BoardKind, Item, ItemKind, Location};
    let mut plan = small();
    plan.items
        .retain(|it| !matches!(it.kind, ItemKind::WallBoard(_)));
    for (n, b) in [
        BoardKind::Organisation,
        BoardKind::PartyBuilding,
        BoardKind::SelfGovernance,
    ]
    .into_iter()
    .enumerate()
    {
        let mut it = Item::new(ItemKind::WallBoard(b), Location::Room("R1".into()));
        it.wall = Some(n as u32);
        plan.items.push(it);
    }
    let svg = plan_svg(&plan, &[], &SvgOptions::default());
    // 组 organisation, 党 Party building, 自 self-governance: three glyphs, not 版 thrice
    for (kind, glyph) in [
        ("WallBoard(Organisation)", "组"),
        ("WallBoard(PartyBuilding)", "党"),
        ("WallBoard(SelfGovernance)", "自"),
    ] {
        let at = svg
            .find(&format!("data-kind=\"{kind}\""))
            .unwrap_or_else(|| panic!("a badge for {kind}"));
        let badge = &svg[at..at + svg[at..].find("</g>").unwrap()];
        assert!(
            badge.contains(&format!(">{glyph}</text>")),
            "{kind}: {badge}"
        );
    }
    assert!(!svg.contains(">版</text>"), "no board drawn as 版");
}

#[test]
fn svg_draws_rooms_doors_items_labels_and_legend() {
    let plan = small();
    let svg = plan_svg(&plan, &[], &SvgOptions::default());
    assert_eq!(svg.matches("<polygon data-room=").count(), plan.rooms.len());
    assert_eq!(svg.matches("class=\"door\"").count(), plan.doors.len());
    for r in &plan.rooms {
        assert!(
            svg.contains(&format!(">{}</text>", r.name)),
            "label {}",
            r.name
        );
    }
    // the office holds two zones: striped in both colours
    assert!(svg.contains("url(#plan-z0)"));
    assert!(svg.contains("#8ec5f0") && svg.contains("#f4a6b8"));
    // items: the badge glyphs, the site strip, the entry
    assert!(svg.contains(">脑</text>") && svg.contains(">会</text>"));
    assert!(svg.contains("场地设施") && svg.contains("小区门口"));
    assert!(svg.contains(">入口</text>"));
    assert!(
        svg.contains("工作办公区") && svg.contains(" m</text>"),
        "legend and scale bar"
    );
    // no pins without findings; English labels on request
    assert!(!svg.contains("data-finding"));
    let en = plan_svg(
        &plan,
        &[],
        &SvgOptions {
            lang: Lang::En,
            ..SvgOptions::default()
        },
    );
    assert!(en.contains("At the site") && en.contains(">entry</text>"));
}

#[test]
fn svg_escapes_text_and_survives_broken_outlines() {
    let mut plan = small();
    plan.rooms[0].name = "<办公&室>".into();
    plan.rooms[1].outline = vec![(f64::NAN, 0.0), (1.0, 1.0)];
    plan.rooms[3].outline.clear();
    let svg = plan_svg(&plan, &findings(), &SvgOptions::default());
    assert!(svg.contains("&lt;办公&amp;室&gt;"));
    assert!(!svg.contains("<办公"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    let empty = Plan {
        rooms: vec![],
        doors: vec![],
        items: vec![],
        ..small()
    };
    assert!(plan_svg(&empty, &[], &SvgOptions::default()).ends_with("</svg>"));
}

#[test]
fn svg_snapshot() {
    let svg = plan_svg(&small(), &findings(), &SvgOptions::default());
    insta::assert_snapshot!("small_plan_svg", svg.replace("><", ">\n<"));
}

#[test]
fn check_page_is_self_contained_and_printable() {
    let plan = small();
    let report = check_plan(&plan, &Profile::default(), &CheckOptions::default());
    assert!(!report.findings.is_empty());
    let page = check_page(
        "small.ron",
        &plan,
        &report,
        &Profile::default(),
        &HtmlOptions {
            lang: Lang::Zh,
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
        },
    );
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert!(page.contains("<html lang=\"zh-CN\">") && page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("@page { size: A4;") && page.contains("@media print"));
    assert!(page.contains("Noto Sans CJK SC"));
    // nothing fetched from elsewhere
    assert!(!page.contains("<script") && !page.contains("<link") && !page.contains("<img"));
    assert_eq!(
        page.matches("http").count(),
        page.matches("http://www.w3.org/2000/svg").count()
    );
    // the committee, the areas, the drawing
    assert!(
        page.contains("测试居委会") && page.contains("JA-SM2-901") && page.contains("2026-03-02")
    );
    assert!(page.contains("112 ㎡") && page.contains("<svg"));
    // every finding numbered, with its clause quoted, and pinned in the drawing
    for (i, f) in report.findings.iter().enumerate() {
        let n = i + 1;
        assert!(page.contains(&format!("id=\"f{n}\"")), "finding {n}");
        assert!(page.contains(&format!("data-finding=\"{n}\"")), "pin {n}");
        assert!(page.contains(f.meta().unwrap().clause_text));
    }
    // the checklists: 18 items of 六.3, four zones
    assert!(page.contains("设施配置清单") && page.contains("传真机"));
    // four zones; the 18 items of the 六.3 list, each marked
    assert_eq!(page.matches("<div><span class=\"").count(), 4);
    let items = ["ok", "no", "warn"]
        .iter()
        .map(|c| page.matches(&format!("<div class=\"{c}-item\">")).count())
        .sum::<usize>();
    assert_eq!(items, 18);
    let en = check_page(
        "small.ron",
        &plan,
        &report,
        &Profile::default(),
        &HtmlOptions {
            lang: Lang::En,
            date: None,
        },
    );
    assert!(en.contains("<html lang=\"en\">") && en.contains("Equipment checklist"));
}

#[test]
fn cli_check_html_writes_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.html");
    let status = Command::new(env!("CARGO_BIN_EXE_juwei"))
        .args([
            "check",
            fixture("small.ron").to_str().unwrap(),
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "G05 is a violation");
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("测试居委会") && page.contains("</svg>"));
}

/// Render the report in headless Chromium and check the screenshot is a real
/// picture (`scripts/test` installs chromium and fonts-noto-cjk; without them
/// the test says so and checks nothing, except under CI, where it fails).
#[test]
fn renders_in_headless_chromium() {
    let browser = ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(_) = browser else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing under CI: scripts/test should have installed it"
        );
        eprintln!(
            "chromium not installed: skipping the render (apt-get install chromium fonts-noto-cjk)"
        );
        return;
    };
    let plan = small();
    let report = check_plan(&plan, &Profile::default(), &CheckOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    std::fs::write(
        &page,
        check_page(
            "small.ron",
            &plan,
            &report,
            &Profile::default(),
            &HtmlOptions::default(),
        ),
    )
    .unwrap();
    let png = dir.path().join("r.png");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/screenshot-html.sh");
    let status = Command::new("bash")
        .arg(script)
        .arg(&page)
        .arg(&png)
        .arg("800x1200")
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    // width and height from the IHDR chunk
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((w, h), (800, 1200));
    // a blank page compresses to a few kilobytes; text and a drawing do not
    assert!(bytes.len() > 40_000, "{} bytes", bytes.len());
}
