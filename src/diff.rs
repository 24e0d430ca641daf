//! `juwei diff OLD NEW`: what a revision (a refit plan) changes — rooms added,
//! removed, resized, re-zoned or renamed, the premises area before and after,
//! items added or taken away, and the findings the revision fixes and those
//! it introduces.
//!
//! Rooms are matched by id (the plan format's stable key). The new plan is
//! checked with the old one as its previous revision, so the revision rules
//! (A2-1.4 activity room converted, A1-3.6.1 consent) take part; findings are
//! matched by code and by the rooms, items and assets they concern, so a
//! finding whose wording changes (an area that grew but is still short) is
//! the same finding, not one fixed and one introduced.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::followup::cost::{area_cost_fen, yuan, Cost, Prices};
use crate::geom::area::round2;
use crate::model::{ItemKind, Lang, Plan, Zone};
use crate::rules::{check_plan, CheckOptions, CheckReport, Code, Finding, Profile};

/// A room as it stands in one revision.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomState {
    pub id: String,
    pub name: String,
    pub zones: Vec<Zone>,
    pub area_m2: f64,
    pub premises: bool,
}

/// A room present in both revisions that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomChange {
    pub before: RoomState,
    pub after: RoomState,
}

impl RoomChange {
    /// Area changed by more than 0.01 m².
    pub fn resized(&self) -> bool {
        (self.after.area_m2 - self.before.area_m2).abs() > 0.005
    }
    pub fn rezoned(&self) -> bool {
        let mut a = self.before.zones.clone();
        let mut b = self.after.zones.clone();
        a.sort();
        a.dedup();
        b.sort();
        b.dedup();
        a != b
    }
    pub fn renamed(&self) -> bool {
        self.before.name != self.after.name
    }
}

/// An item kind whose count changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemChange {
    pub kind: ItemKind,
    pub before: u32,
    pub after: u32,
}

/// The difference between two revisions of a committee's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanDiff {
    pub added: Vec<RoomState>,
    pub removed: Vec<RoomState>,
    /// Rooms in both whose area, zones or name changed.
    pub changed: Vec<RoomChange>,
    /// Rooms in both whose outline moved but kept area, zones and name.
    pub moved: Vec<String>,
    pub items: Vec<ItemChange>,
    pub premises_before_m2: f64,
    pub premises_after_m2: f64,
    /// In the old revision's findings, gone from the new one's.
    pub fixed: Vec<Finding>,
    /// In the new revision's findings, not in the old one's.
    pub introduced: Vec<Finding>,
    /// Findings in both.
    pub unchanged: Vec<Finding>,
    /// The same problem graded differently (`(old, new)`): an old estate
    /// whose area grew from a priority (A2-1.2) to a gradual upgrade
    /// (A2-1.2a) is neither a fixed nor a new problem.
    pub regraded: Vec<(Finding, Finding)>,
    pub old_report: CheckReport,
    pub new_report: CheckReport,
}

impl PlanDiff {
    /// The revision brings new violations or errors (exit status 1).
    pub fn introduces_failures(&self) -> bool {
        self.introduced.iter().any(|f| f.severity.fails())
    }
    pub fn premises_delta_m2(&self) -> f64 {
        round2(self.premises_after_m2 - self.premises_before_m2)
    }
    /// Nothing about the rooms changed.
    pub fn rooms_unchanged(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// One series of numbers for a page that shows both revisions: the
    /// introduced findings first, then the regraded, the remaining and the
    /// fixed ones; no number stands for two findings.
    pub fn numbers(&self) -> DiffNumbers {
        let a = self.introduced.len();
        let r = self.regraded.len();
        let u = self.unchanged.len();
        let series = |from: usize, n: usize| (from + 1..=from + n).collect::<Vec<_>>();
        DiffNumbers {
            introduced: series(0, a),
            regraded: series(a, r),
            unchanged: series(a + r, u),
            fixed: series(a + r + u, self.fixed.len()),
        }
    }

    /// Premises area the revision adds (m², 0.01): rooms added and the
    /// growth of rooms enlarged (premises rooms only).
    pub fn area_added_m2(&self) -> f64 {
        let added: f64 = self
            .added
            .iter()
            .filter(|r| r.premises)
            .map(|r| r.area_m2)
            .sum();
        let grown: f64 = self
            .changed
            .iter()
            .filter(|c| c.after.premises)
            .map(|c| (c.after.area_m2 - c.before.area_m2).max(0.0))
            .sum();
        round2(added + grown)
    }

    /// What the change costs (`followup.md`): area added × refit price per
    /// m², items added × their unit prices, in fen.
    pub fn cost(&self, prices: &Prices) -> ChangeCost {
        let area_m2 = self.area_added_m2();
        let mut c = ChangeCost {
            area_m2,
            ..ChangeCost::default()
        };
        c.cost.area_fen = area_cost_fen(area_m2, prices.refit_fen_per_m2);
        for ch in self.items.iter().filter(|ch| ch.after > ch.before) {
            let n = ch.after - ch.before;
            match prices.item(ch.kind) {
                Some(fen) => {
                    let sum = fen.saturating_mul(i64::from(n));
                    c.cost.equipment_fen = c.cost.equipment_fen.saturating_add(sum);
                    c.items.push((ch.kind, n, sum));
                }
                None => c.unpriced.push(ch.kind),
            }
        }
        c
    }
}

/// Pin and list numbers of a diff page (see [`PlanDiff::numbers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffNumbers {
    pub introduced: Vec<usize>,
    pub regraded: Vec<usize>,
    pub unchanged: Vec<usize>,
    pub fixed: Vec<usize>,
}

/// The cost of a revision's change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChangeCost {
    pub cost: Cost,
    pub area_m2: f64,
    /// Item kinds added: how many, and their cost in fen.
    pub items: Vec<(ItemKind, u32, i64)>,
    /// Added kinds without a price (not in the sum).
    pub unpriced: Vec<ItemKind>,
}

fn states(plan: &Plan, report: &CheckReport) -> Vec<RoomState> {
    plan.rooms
        .iter()
        .zip(&report.room_areas)
        .map(|(r, (_, a))| RoomState {
            id: r.id.clone(),
            name: r.name.clone(),
            zones: r.zones.clone(),
            area_m2: *a,
            premises: r.is_premises(),
        })
        .collect()
}

fn counts(plan: &Plan) -> BTreeMap<ItemKind, u32> {
    let mut m = BTreeMap::new();
    for it in &plan.items {
        *m.entry(it.kind).or_insert(0) += it.count;
    }
    m
}

/// Codes that grade one problem: a finding of one turning into the other
/// between revisions is the same problem, better or worse.
pub const GRADES: &[(Code, Code)] = &[(Code::A2_1_2, Code::A2_1_2a)];

fn same_problem(a: &Finding, b: &Finding) -> bool {
    GRADES.iter().any(|&(x, y)| {
        ((a.code == x && b.code == y) || (a.code == y && b.code == x))
            && a.rooms == b.rooms
            && a.items == b.items
            && a.assets == b.assets
    })
}

type Key<'a> = (&'a str, &'a [String], &'a [String], &'a [String]);

fn key(f: &Finding) -> Key<'_> {
    (&f.code, &f.rooms, &f.items, &f.assets)
}

/// Compare two revisions (checking both against `profile`).
pub fn diff_plans(old: &Plan, new: &Plan, profile: &Profile) -> PlanDiff {
    let old_report = check_plan(old, profile, &CheckOptions::default());
    let new_report = check_plan(
        new,
        profile,
        &CheckOptions {
            previous: Some(old),
            assets: None,
        },
    );
    diff_reports(old, &old_report, new, &new_report)
}

/// Compare two revisions whose checks are already done.
pub fn diff_reports(
    old: &Plan,
    old_report: &CheckReport,
    new: &Plan,
    new_report: &CheckReport,
) -> PlanDiff {
    let before = states(old, old_report);
    let after = states(new, new_report);
    let mut added = Vec::new();
    let mut changed = Vec::new();
    let mut moved = Vec::new();
    for a in &after {
        match before.iter().find(|b| b.id == a.id) {
            None => added.push(a.clone()),
            Some(b) => {
                let c = RoomChange {
                    before: b.clone(),
                    after: a.clone(),
                };
                if c.resized() || c.rezoned() || c.renamed() {
                    changed.push(c);
                } else {
                    let ob = old.room(&b.id).map(|r| &r.outline);
                    let nb = new.room(&a.id).map(|r| &r.outline);
                    if ob != nb {
                        moved.push(a.id.clone());
                    }
                }
            }
        }
    }
    let removed: Vec<RoomState> = before
        .iter()
        .filter(|b| !after.iter().any(|a| a.id == b.id))
        .cloned()
        .collect();

    let (oc, nc) = (counts(old), counts(new));
    let mut kinds: Vec<ItemKind> = oc.keys().chain(nc.keys()).copied().collect();
    kinds.sort();
    kinds.dedup();
    let items = kinds
        .into_iter()
        .filter_map(|k| {
            let (b, a) = (
                oc.get(&k).copied().unwrap_or(0),
                nc.get(&k).copied().unwrap_or(0),
            );
            (a != b).then_some(ItemChange {
                kind: k,
                before: b,
                after: a,
            })
        })
        .collect();

    // findings as multisets keyed by what they concern
    let mut left: Vec<Option<&Finding>> = old_report.findings.iter().map(Some).collect();
    let mut introduced = Vec::new();
    let mut unchanged = Vec::new();
    for f in &new_report.findings {
        let hit = left
            .iter_mut()
            .find(|slot| slot.is_some_and(|o| key(o) == key(f)));
        match hit {
            Some(slot) => {
                *slot = None;
                unchanged.push(f.clone());
            }
            None => introduced.push(f.clone()),
        }
    }
    let mut fixed: Vec<Finding> = left.into_iter().flatten().cloned().collect();
    let mut regraded = Vec::new();
    introduced.retain(
        |n: &Finding| match fixed.iter().position(|o| same_problem(o, n)) {
            Some(i) => {
                regraded.push((fixed.remove(i), n.clone()));
                false
            }
            None => true,
        },
    );
    PlanDiff {
        regraded,
        added,
        removed,
        changed,
        moved,
        items,
        premises_before_m2: old_report.premises_area_m2,
        premises_after_m2: new_report.premises_area_m2,
        fixed,
        introduced,
        unchanged,
        old_report: old_report.clone(),
        new_report: new_report.clone(),
    }
}

fn zones_str(z: &[Zone], lang: Lang) -> String {
    z.iter()
        .map(|z| z.name(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

/// One line per change, for a terminal.
pub fn to_text(
    d: &PlanDiff,
    old: &Plan,
    new: &Plan,
    old_path: &str,
    new_path: &str,
    lang: Lang,
    prices: Option<&Prices>,
) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})  {} {} → {}",
        new.committee.name,
        new.committee.code,
        l("修订", "revision"),
        old.revision.number,
        new.revision.number
    );
    let _ = writeln!(
        out,
        "  {} {old_path}\n  {} {new_path}",
        l("旧:", "old:"),
        l("新:", "new:")
    );
    let _ = writeln!(
        out,
        "\n{}: {:.2} ㎡ → {:.2} ㎡ ({} ㎡)",
        l("办公用房面积", "Premises area"),
        d.premises_before_m2,
        d.premises_after_m2,
        signed(d.premises_delta_m2())
    );
    let room = |r: &RoomState| {
        format!(
            "{} {} · {:.2} ㎡ · {}",
            r.id,
            r.name,
            r.area_m2,
            zones_str(&r.zones, lang)
        )
    };
    if d.rooms_unchanged() {
        let _ = writeln!(out, "\n{}", l("房间没有变化。", "No room changed."));
    }
    for (rooms, title, sign) in [
        (&d.added, l("新增房间", "Rooms added"), '+'),
        (&d.removed, l("撤除房间", "Rooms removed"), '-'),
    ] {
        if !rooms.is_empty() {
            let _ = writeln!(out, "\n{title} ({})", rooms.len());
            for r in rooms {
                let _ = writeln!(out, "  {sign} {}", room(r));
            }
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            l("变更房间", "Rooms changed"),
            d.changed.len()
        );
        for c in &d.changed {
            let mut parts = Vec::new();
            if c.renamed() {
                parts.push(format!(
                    "{} “{}” → “{}”",
                    l("改名", "renamed"),
                    c.before.name,
                    c.after.name
                ));
            }
            if c.resized() {
                parts.push(format!(
                    "{} {:.2} → {:.2} ㎡ ({})",
                    l("面积", "area"),
                    c.before.area_m2,
                    c.after.area_m2,
                    signed(round2(c.after.area_m2 - c.before.area_m2))
                ));
            }
            if c.rezoned() {
                parts.push(format!(
                    "{} {} → {}",
                    l("功能区", "zones"),
                    zones_str(&c.before.zones, lang),
                    zones_str(&c.after.zones, lang)
                ));
            }
            let _ = writeln!(
                out,
                "  ~ {} {}: {}",
                c.after.id,
                c.after.name,
                parts.join("; ")
            );
        }
    }
    if !d.moved.is_empty() {
        let _ = writeln!(
            out,
            "\n{}: {}",
            l("仅位置变化", "Moved only"),
            d.moved.join(", ")
        );
    }
    if !d.items.is_empty() {
        let _ = writeln!(out, "\n{}", l("物品变化", "Items"));
        for c in &d.items {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                if c.after > c.before { "+" } else { "-" },
                c.kind.name(lang),
                c.before,
                c.after
            );
        }
    }
    let finding = |f: &Finding| {
        let rooms = if f.rooms.is_empty() {
            String::new()
        } else {
            format!(" [{}]", f.rooms.join(", "))
        };
        format!(
            "{} {:<9} {}{rooms} ({})",
            f.severity.name(lang),
            f.code,
            f.message(lang),
            f.clause
        )
    };
    let nums = d.numbers();
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("新出现的问题", "Findings introduced"),
        d.introduced.len()
    );
    for (n, f) in nums.introduced.iter().zip(&d.introduced) {
        let _ = writeln!(out, "  {n:>2}. ✗ {}", finding(f));
    }
    if !d.regraded.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            l(
                "程度变化的问题 (同一问题)",
                "Findings regraded (same problem)"
            ),
            d.regraded.len()
        );
        for (n, (o, f)) in nums.regraded.iter().zip(&d.regraded) {
            let _ = writeln!(
                out,
                "  {n:>2}. ~ {} {} → {}",
                o.code,
                o.severity.name(lang),
                finding(f)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("已解决的问题", "Findings fixed"),
        d.fixed.len()
    );
    for (n, f) in nums.fixed.iter().zip(&d.fixed) {
        let _ = writeln!(out, "  {n:>2}. ✓ {}", finding(f));
    }
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("仍存在的问题", "Findings remaining"),
        d.unchanged.len()
    );
    for (n, f) in nums.unchanged.iter().zip(&d.unchanged) {
        let _ = writeln!(out, "  {n:>2}. · {}", finding(f));
    }
    let _ = writeln!(
        out,
        "\n{} {}",
        l("新修订版结论:", "New revision:"),
        if d.new_report.summary().fails() {
            l("不合格", "FAIL")
        } else {
            l("合格", "PASS")
        }
    );
    if let Some(prices) = prices {
        let c = d.cost(prices);
        let _ = writeln!(
            out,
            "\n{}: {} ({} {:.2} ㎡ {}; {} {})",
            l("调整费用", "Cost of the change"),
            yuan(c.cost.total_fen()),
            l("新增面积", "area added"),
            c.area_m2,
            yuan(c.cost.area_fen),
            l("新增物品", "items added"),
            yuan(c.cost.equipment_fen),
        );
        for (k, n, fen) in &c.items {
            let _ = writeln!(out, "  + {} × {n}: {}", k.name(lang), yuan(*fen));
        }
        if !c.unpriced.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                l("无价格 (未计入)", "no price (not counted)"),
                c.unpriced
                    .iter()
                    .map(|k| k.name(lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(out, "  ({})", prices.note(lang));
    }
    out
}

fn room_json(r: &RoomState) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "zones": r.zones.iter().map(|z| z.ident()).collect::<Vec<_>>(),
        "area_m2": r.area_m2,
        "premises": r.premises,
    })
}

/// The diff as JSON (format 1).
pub fn to_json(
    d: &PlanDiff,
    old: &Plan,
    new: &Plan,
    old_path: &str,
    new_path: &str,
    prices: Option<&Prices>,
) -> Value {
    let sev = |fs: &[Finding]| {
        let mut s = crate::rules::Summary::default();
        for f in fs {
            s.add(f.severity, 1);
        }
        s
    };
    json!({
        "format": 1,
        "old": { "plan": old_path, "revision": old.revision.number, "date": old.revision.date },
        "new": { "plan": new_path, "revision": new.revision.number, "date": new.revision.date },
        "committee": { "code": new.committee.code, "name": new.committee.name,
                       "estate": new.committee.estate.ident(), "street": new.committee.street },
        "area_m2": {
            "premises_before": d.premises_before_m2,
            "premises_after": d.premises_after_m2,
            "delta": d.premises_delta_m2(),
        },
        "rooms": {
            "added": d.added.iter().map(room_json).collect::<Vec<_>>(),
            "removed": d.removed.iter().map(room_json).collect::<Vec<_>>(),
            "changed": d.changed.iter().map(|c| json!({
                "id": c.after.id,
                "before": room_json(&c.before),
                "after": room_json(&c.after),
                "resized": c.resized(),
                "rezoned": c.rezoned(),
                "renamed": c.renamed(),
            })).collect::<Vec<_>>(),
            "moved": d.moved,
        },
        "items": d.items.iter().map(|c| json!({
            "kind": c.kind.ident(), "before": c.before, "after": c.after
        })).collect::<Vec<_>>(),
        "findings": {
            "fixed": crate::report::json::findings_value(&d.fixed),
            "introduced": crate::report::json::findings_value(&d.introduced),
            "unchanged": d.unchanged.len(),
            "remaining": crate::report::json::findings_value(&d.unchanged),
            "regraded": d.regraded.iter().map(|(o, n)| json!({
                "before": crate::report::json::findings_value(std::slice::from_ref(o))[0],
                "after": crate::report::json::findings_value(std::slice::from_ref(n))[0],
            })).collect::<Vec<_>>(),
        },
        "cost_yuan": prices.map(|p| {
            let c = d.cost(p);
            json!({
                "area": crate::followup::cost::yuan_number(c.cost.area_fen),
                "equipment": crate::followup::cost::yuan_number(c.cost.equipment_fen),
                "total": crate::followup::cost::yuan_number(c.cost.total_fen()),
                "area_m2": c.area_m2,
                "estimate": p.estimate,
            })
        }),
        "summary": {
            "before": d.old_report.summary(),
            "after": d.new_report.summary(),
            "fixed": sev(&d.fixed),
            "introduced": sev(&d.introduced),
        },
        "introduces_failures": d.introduces_failures(),
    })
}
