//! `juwei diff OLD NEW`: rooms added, removed, resized, re-zoned; premises
//! area before and after; findings fixed and introduced; text, JSON, HTML.

use std::path::{Path, PathBuf};
use std::process::Command;

use juwei::diff::{diff_plans, PlanDiff};
use juwei::followup::cost::Prices;
use juwei::io::load_plan;
use juwei::model::{Lang, Plan, Zone};
use juwei::report::diff_text::to_text;
use juwei::report::html::{diff_page, HtmlOptions};
use juwei::report::json::diff::DiffJson;
use juwei::rules::Profile;

/// The diff's JSON as a value (what `juwei diff --format json` prints).
fn to_json(
    d: &PlanDiff,
    old: &Plan,
    new: &Plan,
    old_path: &str,
    new_path: &str,
    prices: Option<&Prices>,
) -> serde_json::Value {
    serde_json::to_value(DiffJson::new(d, old, new, old_path, new_path, prices)).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
}

fn pair() -> (Plan, Plan) {
    (
        load_plan(&fixture("small.previous.ron")).unwrap(),
        load_plan(&fixture("small.ron")).unwrap(),
    )
}

#[test]
fn rooms_removed_resized_rezoned_renamed() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    assert!(d.added.is_empty());
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].id, "R5");
    assert_eq!(d.removed[0].area_m2, 24.0);
    let ids: Vec<&str> = d.changed.iter().map(|c| c.after.id.as_str()).collect();
    assert_eq!(ids, ["R1", "R2"]);
    let r1 = &d.changed[0];
    assert!(r1.resized() && !r1.rezoned() && !r1.renamed());
    assert_eq!((r1.before.area_m2, r1.after.area_m2), (30.0, 36.0));
    let r2 = &d.changed[1];
    assert!(r2.resized() && r2.rezoned() && r2.renamed());
    assert_eq!(r2.before.zones, vec![Zone::ResidentActivity]);
    assert_eq!(r2.after.zones, vec![Zone::Meeting]);
    // the activity room did not count before, the meeting room does now
    assert_eq!(d.premises_before_m2, 100.0);
    assert_eq!(d.premises_after_m2, 112.0);
    assert_eq!(d.premises_delta_m2(), 12.0);
}

#[test]
fn added_is_removed_seen_backwards() {
    let (old, new) = pair();
    let d = diff_plans(&new, &old, &Profile::default());
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.added[0].id, "R5");
    assert!(d.removed.is_empty());
    assert_eq!(d.premises_delta_m2(), -12.0);
}

#[test]
fn findings_fixed_and_introduced_by_what_they_concern() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    // R5 (no door) is gone: its G05 is fixed; R4 lost its door: a new G05
    assert!(
        d.fixed.iter().any(|f| f.code == "G05" && f.rooms == ["R5"]),
        "{:?}",
        d.fixed
    );
    assert!(
        d.introduced
            .iter()
            .any(|f| f.code == "G05" && f.rooms == ["R4"]),
        "{:?}",
        d.introduced
    );
    assert!(d.introduces_failures());
    // the same plan twice: nothing fixed, nothing introduced, nothing changed
    let same = diff_plans(&new, &new, &Profile::default());
    assert!(same.fixed.is_empty() && same.introduced.is_empty());
    assert!(same.rooms_unchanged() && same.items.is_empty() && same.moved.is_empty());
    assert_eq!(same.unchanged.len(), same.new_report.findings.len());
}

#[test]
fn a_finding_whose_wording_changes_is_not_fixed_and_reintroduced() {
    let (_, new) = pair();
    let mut renamed = new.clone();
    // R4 keeps its id but gets another name: G05's message changes, not its subject
    renamed.rooms[3].name = "库房".into();
    let d = diff_plans(&new, &renamed, &Profile::default());
    assert!(d.fixed.is_empty() && d.introduced.is_empty(), "{d:?}");
    assert_eq!(d.changed.len(), 1);
    assert!(d.changed[0].renamed());
}

#[test]
fn moved_rooms_are_told_apart_from_changed_ones() {
    let (_, new) = pair();
    let mut moved = new.clone();
    // the store moves 10 m north: same area, zones and name
    for p in &mut moved.rooms[3].outline {
        p.1 += 10.0;
    }
    let d = diff_plans(&new, &moved, &Profile::default());
    assert!(d.changed.is_empty());
    assert_eq!(d.moved, ["R4"]);
}

#[test]
fn item_counts_that_changed() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    let chairs = d
        .items
        .iter()
        .find(|c| c.kind == juwei::model::ItemKind::Chair)
        .unwrap();
    assert_eq!((chairs.before, chairs.after), (2, 13));
    assert!(d.items.iter().all(|c| c.before != c.after));
}

#[test]
fn text_json_and_html() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    let t = to_text(&d, &old, &new, "old.ron", "new.ron", Lang::Zh, None);
    assert!(t.contains("100.00 ㎡ → 112.00 ㎡ (+12.00 ㎡)"), "{t}");
    assert!(t.contains("- R5 接待室") && t.contains("~ R2 会议室"));
    assert!(t.contains("已解决的问题") && t.contains("新出现的问题"));
    let en = to_text(&d, &old, &new, "old.ron", "new.ron", Lang::En, None);
    assert!(en.contains("Rooms removed") && en.contains("renamed"));

    let v = to_json(&d, &old, &new, "old.ron", "new.ron", None);
    assert_eq!(v["format"], 1);
    assert_eq!(v["introduces_failures"], true);
    insta::assert_json_snapshot!(
        "small_diff_rooms",
        serde_json::json!({
            "old": v["old"], "new": v["new"], "committee": v["committee"],
            "area_m2": v["area_m2"], "rooms": v["rooms"], "items": v["items"],
        })
    );

    let page = diff_page(
        &d,
        &old,
        &new,
        "old.ron",
        "new.ron",
        &Profile::default(),
        &HtmlOptions::default(),
    );
    assert_eq!(
        page.matches("<svg").count(),
        2,
        "the two plans side by side"
    );
    assert!(page.contains("size: A4 landscape"));
    // removed room outlined on the old plan, changed rooms on both
    assert!(page.contains("class=\"highlight\" data-room=\"R5\""));
    assert_eq!(
        page.matches("class=\"highlight\" data-room=\"R2\"").count(),
        2
    );
    // ids of the two drawings do not clash
    assert!(page.contains("id=\"old-z0\"") && page.contains("id=\"new-z0\""));
    assert!(page.contains("撤除房间") && page.contains("老年活动室 → 会议室"));
}

#[test]
fn cli_exit_statuses() {
    let bin = env!("CARGO_BIN_EXE_juwei");
    let (o, n) = (fixture("small.previous.ron"), fixture("small.ron"));
    let st = Command::new(bin)
        .arg("diff")
        .arg(&o)
        .arg(&n)
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1), "introduces a violation");
    let st = Command::new(bin)
        .arg("diff")
        .arg(&n)
        .arg(&n)
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(0), "nothing introduced");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1,\n rooms: [,\n)").unwrap();
    let st = Command::new(bin)
        .arg("diff")
        .arg(&o)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(err.contains("bad.ron:"), "{err}");
    let html = dir.path().join("d.html");
    let st = Command::new(bin)
        .args(["diff", "--format", "html", "-o"])
        .arg(&html)
        .arg(&o)
        .arg(&n)
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1));
    assert!(std::fs::read_to_string(&html).unwrap().contains("</html>"));
}

#[test]
fn priority_to_gradual_is_a_regrade_not_a_new_problem() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    // an old estate at 100.00 ㎡ (priority) grows to 112.00 ㎡ (gradual)
    assert!(
        d.regraded
            .iter()
            .any(|(o, n)| o.code == "A2-1.2" && n.code == "A2-1.2a"),
        "{:?}",
        d.regraded
    );
    assert!(d.introduced.iter().all(|f| f.code != "A2-1.2a"));
    assert!(d.fixed.iter().all(|f| f.code != "A2-1.2"));
    let t = to_text(&d, &old, &new, "old.ron", "new.ron", Lang::Zh, None);
    assert!(t.contains("程度变化的问题"), "{t}");
}

#[test]
fn one_series_of_numbers_and_the_remaining_findings_listed() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    let n = d.numbers();
    let mut all: Vec<usize> = [&n.introduced, &n.regraded, &n.unchanged, &n.fixed]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let count = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), count, "no number used twice");
    assert_eq!(all, (1..=count).collect::<Vec<_>>());
    assert!(!d.unchanged.is_empty());
    let t = to_text(&d, &old, &new, "old.ron", "new.ron", Lang::Zh, None);
    assert!(t.contains("仍存在的问题"), "{t}");
    for f in &d.unchanged {
        assert!(
            t.contains(&f.message),
            "remaining finding listed: {}",
            f.message
        );
    }
    let page = diff_page(
        &d,
        &old,
        &new,
        "old.ron",
        "new.ron",
        &Profile::default(),
        &HtmlOptions::default(),
    );
    // each number is listed once on the page
    for k in 1..=count {
        let li = format!("id=\"f{k}\"");
        assert!(page.matches(&li).count() <= 1, "number {k} listed twice");
    }
    for f in &d.unchanged {
        assert!(page.contains(&f.message), "{}", f.message);
    }
    let v = to_json(&d, &old, &new, "old.ron", "new.ron", None);
    assert_eq!(
        v["findings"]["remaining"].as_array().unwrap().len(),
        d.unchanged.len()
    );
}

#[test]
fn both_plans_at_one_scale() {
    let (old, new) = pair();
    let d = diff_plans(&old, &new, &Profile::default());
    let page = diff_page(
        &d,
        &old,
        &new,
        "old.ron",
        "new.ron",
        &Profile::default(),
        &HtmlOptions::default(),
    );
    // the scale bars say the same metres over the same pixels
    let bars: Vec<&str> = page
        .match_indices("<g class=\"scale\">")
        .map(|(i, _)| &page[i..i + page[i..].find("</g>").unwrap()])
        .collect();
    assert_eq!(bars.len(), 2);
    let len = |g: &str| -> (f64, String) {
        let x1: f64 = g
            .split("x1=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let x2: f64 = g
            .split("x2=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let m = g.rsplit('>').nth(1).unwrap_or_default().to_string();
        (
            (x2 - x1).abs(),
            g[g.find("<text").unwrap()..].to_string() + &m,
        )
    };
    let (a, ta) = len(bars[0]);
    let (b, tb) = len(bars[1]);
    assert!((a - b).abs() < 0.2, "{a} vs {b}");
    assert_eq!(ta.rsplit('>').nth(1), tb.rsplit('>').nth(1));
}

#[test]
fn the_cost_of_a_refit() {
    let (old, new) = pair();
    let profile = Profile::default();
    let prices = profile.prices.as_ref().unwrap();
    let d = diff_plans(&old, &new, &profile);
    let c = d.cost(prices);
    // R1 grew by 6 m², R2 became premises (it was an activity room) but is
    // not new: only growth of premises rooms and added rooms count
    assert_eq!(c.area_m2, d.area_added_m2());
    assert_eq!(
        c.cost.area_fen,
        juwei::followup::cost::area_cost_fen(c.area_m2, prices.refit_fen_per_m2)
    );
    let chairs = c
        .items
        .iter()
        .find(|(k, _, _)| *k == juwei::model::ItemKind::Chair)
        .unwrap();
    assert_eq!(chairs.1, 11);
    assert_eq!(
        chairs.2,
        11 * prices.item(juwei::model::ItemKind::Chair).unwrap()
    );
    let t = to_text(&d, &old, &new, "old.ron", "new.ron", Lang::Zh, Some(prices));
    assert!(t.contains("调整费用") && t.contains("估算"), "{t}");
    let v = to_json(&d, &old, &new, "old.ron", "new.ron", Some(prices));
    assert_eq!(v["cost_yuan"]["estimate"], true);
    assert!(v["cost_yuan"]["total"].as_f64().unwrap() > 0.0);
    let page = diff_page(
        &d,
        &old,
        &new,
        "old.ron",
        "new.ron",
        &profile,
        &HtmlOptions::default(),
    );
    assert!(page.contains("调整费用") && page.contains("估算"));
}
