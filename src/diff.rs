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

use crate::followup::cost::{area_cost_fen, Cost, Prices};
use crate::geom::area::round2;
use crate::model::{ItemKind, Plan, Zone};
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
