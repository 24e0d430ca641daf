//! Running the plan rules: validity first (G01–G04), then, on a valid plan,
//! every rule of the profile's standard.

use std::collections::{BTreeMap, HashMap};

use super::{plan, Finding, Profile, Summary};
use crate::geom::PlanGeometry;
use crate::model::{ItemKind, Plan};

/// What the plan rules need to know of the fixed-asset register on the check
/// date: every asset id of the committee with its status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssetIndex {
    pub assets: BTreeMap<String, AssetStatus>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssetStatus {
    /// On the books on the check date (not transferred out or written off).
    pub in_use: bool,
    pub kind: Option<ItemKind>,
    pub name: String,
    /// How many things the card holds on the check date (A2-6.4).
    pub count: u32,
}

/// Optional inputs of a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// The previous revision of the plan (`--previous`): A2-1.4, A2-1.4a,
    /// A1-3.6.1, A1-3.6.2.
    pub previous: Option<&'a Plan>,
    /// The register's assets (`--register`): A2-6.4 and asset links of G03.
    pub assets: Option<&'a AssetIndex>,
}

/// Everything a plan rule may read.
pub struct PlanCtx<'a> {
    pub plan: &'a Plan,
    pub geom: &'a PlanGeometry,
    pub profile: &'a Profile,
    pub previous: Option<(&'a Plan, &'a PlanGeometry)>,
    pub assets: Option<&'a AssetIndex>,
}

impl PlanCtx<'_> {
    /// Indices of the rooms that hold `zone`.
    pub fn rooms_with(&self, zone: crate::model::Zone) -> Vec<usize> {
        (0..self.plan.rooms.len())
            .filter(|&i| self.plan.rooms[i].has(zone))
            .collect()
    }

    /// How many items of `kind` stand in the room with id `room` (counts
    /// summed, saturating: absurd counts must not overflow).
    pub fn count_in(&self, room: &str, kind: ItemKind) -> u32 {
        self.plan
            .items_in(room)
            .filter(|i| i.kind == kind)
            .fold(0u32, |n, i| n.saturating_add(i.count))
    }
}

/// A plan rule: a pure function from the context to its findings.
pub type PlanCheck = fn(&PlanCtx) -> Vec<Finding>;

/// The result of checking one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// False when any G01–G04 error was found; the other rules were skipped.
    pub valid: bool,
    /// Premises area (办公用房面积), m², rounded to 0.01.
    pub premises_area_m2: f64,
    /// Each room's area, m², rounded to 0.01, in plan order.
    pub room_areas: Vec<(String, f64)>,
    /// Sorted by severity, then by the order of the rule table.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// Codes of the findings, each once, in table order.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for f in &self.findings {
            if !codes.contains(&f.code) {
                codes.push(f.code.clone());
            }
        }
        codes
    }
}

/// Check a plan against a profile.
pub fn check_plan(plan: &Plan, profile: &Profile, opts: &CheckOptions) -> CheckReport {
    let geom = PlanGeometry::new(plan);
    check_with_geometry(plan, &geom, profile, opts)
}

/// Check a plan whose geometry is already computed (the planner keeps it).
pub fn check_with_geometry(
    plan: &Plan,
    geom: &PlanGeometry,
    profile: &Profile,
    opts: &CheckOptions,
) -> CheckReport {
    let prev_geom = opts.previous.map(PlanGeometry::new);
    let ctx = PlanCtx {
        plan,
        geom,
        profile,
        previous: opts.previous.zip(prev_geom.as_ref()),
        assets: opts.assets,
    };
    let mut findings: Vec<Finding> = plan::VALIDITY.iter().flat_map(|(_, c)| c(&ctx)).collect();
    let valid = findings.is_empty();
    if valid {
        for (_, check) in plan::RULES {
            findings.extend(check(&ctx));
        }
    }
    sort_findings(&mut findings);
    CheckReport {
        valid,
        premises_area_m2: geom.premises_area,
        room_areas: plan
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), geom.room_area(i)))
            .collect(),
        findings,
    }
}

/// Severity first, then the order of the rule table, then the rooms.
pub fn sort_findings(findings: &mut [Finding]) {
    let order: HashMap<&str, usize> = super::RULES
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code, i))
        .collect();
    findings.sort_by(|a, b| {
        (a.severity, order.get(a.code.as_str()), &a.rooms).cmp(&(
            b.severity,
            order.get(b.code.as_str()),
            &b.rooms,
        ))
    });
}
