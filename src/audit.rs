//! `juwei audit DIR`: every plan under a folder (a street's or a district's),
//! checked in parallel, one row per committee, totals per street and for the
//! whole folder, the district's priority list and the equipment-gap matrix.
//!
//! What is read: every `*.ron` file under the folder (sub-folders too,
//! hidden ones skipped) except `*.register.ron` and `*.previous.ron`.
//! A `NAME.previous.ron` beside `NAME.ron` is the plan's previous revision and
//! adds the revision rules (A2-1.4, A2-1.4a, A1-3.6.1, A1-3.6.2); a `NAME.register.ron` is the
//! committee's fixed-asset register, checked as `juwei check --register`
//! does (A2-6.4, the asset links of G03, the register rules of 附件1). A RON file that parses but is
//! not a plan (a profile, say: no `committee` field) is skipped; a file that
//! cannot be read or parsed is a *broken row* with its error (file, line,
//! column) and does not stop the audit.
//!
//! Exit status (`docs/reports.md`): 2 when the folder cannot be read or holds
//! no plan at all; 1 when any committee has an `error` or `violation`, or any
//! plan file is broken; 0 otherwise.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::io::{load_plan, LoadError};
use crate::model::{Committee, Estate, ItemKind, Lang, Plan, Zone};
use crate::report::json as rjson;
use crate::rules::{CheckReport, Profile, Severity, Summary};

pub use crate::committee::{equipment_of, missing_zones, shortfall, upgrade, Equip, Upgrade};

/// A committee whose plan was read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The plan's committee and revision only (rooms, doors and items are
    /// dropped after the check: a city-wide audit keeps thousands of rows).
    pub head: Plan,
    pub report: CheckReport,
    pub upgrade: Upgrade,
    /// New estates below the standard only (A2-1.1): the seed sets old
    /// estates no target, so they have no shortfall.
    pub shortfall_m2: Option<f64>,
    /// The facts every view shows (areas, zones, equipment).
    pub facts: crate::committee::CommitteeFacts,
    pub missing_zones: Vec<Zone>,
    /// Parallel to `Audit::equipment`.
    pub equipment: Vec<Equip>,
    /// Whether a previous revision beside the plan was compared.
    pub compared_previous: bool,
    /// Whether the register beside the plan was checked.
    pub checked_register: bool,
    /// Whether a status file beside the plan was applied (`followup.md`).
    pub has_status: bool,
    /// What closing the open findings would cost (zero without a price list).
    pub cost: crate::followup::cost::Cost,
}

impl Checked {
    pub fn committee(&self) -> &Committee {
        &self.head.committee
    }
    /// The gaps as every view names them: `传真机`, `电脑(缺内网)`.
    pub fn missing_equipment_labels(&self, kinds: &[ItemKind], lang: Lang) -> Vec<String> {
        kinds
            .iter()
            .zip(&self.equipment)
            .filter(|(_, e)| e.is_gap())
            .map(|(k, e)| e.gap_label(*k, lang))
            .collect()
    }
    /// The gaps for JSON: `Fax`, `Computer(Intranet)`.
    pub fn missing_equipment_idents(&self, kinds: &[ItemKind]) -> Vec<String> {
        kinds
            .iter()
            .zip(&self.equipment)
            .filter(|(_, e)| e.is_gap())
            .map(|(k, e)| e.gap_ident(*k))
            .collect()
    }
    pub fn missing_equipment(&self, kinds: &[ItemKind]) -> Vec<ItemKind> {
        kinds
            .iter()
            .zip(&self.equipment)
            .filter(|(_, e)| e.is_gap())
            .map(|(k, _)| *k)
            .collect()
    }
}

/// A file that could not be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub message: String,
    pub message_en: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl RowError {
    fn from_load(e: &LoadError) -> Self {
        match e {
            LoadError::Io { source, .. } => RowError {
                message: format!("无法读取: {}", crate::io::io_error_text(source, Lang::Zh)),
                message_en: format!(
                    "cannot read: {}",
                    crate::io::io_error_text(source, Lang::En)
                ),
                line: None,
                column: None,
            },
            LoadError::Source(s) => RowError {
                message: s.message.clone(),
                message_en: s.message_en.clone(),
                line: Some(s.line),
                column: Some(s.col),
            },
        }
    }
    /// `12:5: message` (or the message alone).
    pub fn display(&self, lang: Lang) -> String {
        let msg = lang.pick(&self.message, &self.message_en);
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{l}:{c}: {msg}"),
            _ => msg.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Checked(Box<Checked>),
    Broken(RowError),
}

/// One row of the audit: one plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Relative to the audited folder.
    pub path: PathBuf,
    /// The street (from the plan; for a broken file, the street of the other
    /// plans in its folder, when they agree).
    pub street: Option<String>,
    pub outcome: Outcome,
    /// Problems beside the plan that did not stop its check (an unreadable
    /// previous revision).
    pub warnings: Vec<RowError>,
}

impl Row {
    pub fn checked(&self) -> Option<&Checked> {
        match &self.outcome {
            Outcome::Checked(c) => Some(c),
            Outcome::Broken(_) => None,
        }
    }
    /// Owes exit status 1: violations or errors, a broken file, a warning.
    pub fn fails(&self) -> bool {
        match &self.outcome {
            Outcome::Checked(c) => c.report.summary().fails() || !self.warnings.is_empty(),
            Outcome::Broken(_) => true,
        }
    }
    /// Findings by severity; a broken file counts as one error.
    pub fn summary(&self) -> Summary {
        match &self.outcome {
            Outcome::Checked(c) => c.report.summary(),
            Outcome::Broken(_) => Summary {
                error: 1,
                ..Summary::default()
            },
        }
    }
}

/// Sums over a set of rows (a street, or the whole folder).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Totals {
    /// Plan files (broken ones included).
    pub committees: usize,
    pub broken: usize,
    /// Plans with G01–G04 errors.
    pub invalid: usize,
    /// Committees with no error and no violation.
    pub passing: usize,
    /// On the priority-upgrade list (A2-1.2).
    pub priority_upgrade: usize,
    /// New estates below 200 m² (A2-1.1), a list apart.
    pub new_below_standard: usize,
    pub premises_m2: f64,
    /// Sum of what the new-estate committees lack to reach 200 m² (A2-1.1);
    /// old estates have no target and add nothing.
    pub shortfall_m2: f64,
    pub missing_zones: usize,
    /// Committees lacking at least one item of the 六.3 list.
    pub equipment_gaps: usize,
    pub summary: Summary,
    /// What closing the gaps would cost, fen (`followup.md`).
    #[serde(skip)]
    pub cost: crate::followup::cost::Cost,
}

impl Totals {
    fn add(&mut self, row: &Row) {
        self.committees += 1;
        self.summary.merge(&row.summary());
        match row.checked() {
            None => self.broken += 1,
            Some(c) => {
                if !c.report.valid {
                    self.invalid += 1;
                }
                if !row.fails() {
                    self.passing += 1;
                }
                if c.upgrade.is_priority() {
                    self.priority_upgrade += 1;
                }
                if c.upgrade == Upgrade::NewBelowStandard {
                    self.new_below_standard += 1;
                }
                self.premises_m2 += c.facts.area_m2;
                self.shortfall_m2 += c.shortfall_m2.unwrap_or(0.0);
                if !c.missing_zones.is_empty() {
                    self.missing_zones += 1;
                }
                if c.equipment.iter().any(|e| e.is_gap()) {
                    self.equipment_gaps += 1;
                }
                self.cost.add(&c.cost);
            }
        }
        self.premises_m2 = crate::geom::area::round2(self.premises_m2);
        self.shortfall_m2 = crate::geom::area::round2(self.shortfall_m2);
    }
}

/// The whole audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub root: PathBuf,
    /// Sorted by street, then committee code, then path.
    pub rows: Vec<Row>,
    /// The 六.3 list the equipment cells follow (the profile's).
    pub equipment: Vec<ItemKind>,
    /// Totals per street, in street order; broken rows of unknown street
    /// under `None`.
    pub streets: Vec<(Option<String>, Totals)>,
    pub totals: Totals,
    /// The profile's price list, when it has one (costs are shown then).
    pub prices: Option<crate::followup::cost::Prices>,
    /// The comparison with an earlier folder (`--previous OLD_DIR`).
    pub followup: Option<crate::followup::compare::Comparison>,
}

/// Why a folder could not be audited at all (exit status 2).
#[derive(Debug)]
pub enum AuditError {
    Unreadable(LoadError),
    NoPlans(PathBuf),
}

impl AuditError {
    pub fn display(&self, lang: Lang) -> String {
        match self {
            AuditError::Unreadable(e) => e.display(lang),
            AuditError::NoPlans(p) => format!(
                "{}: {}",
                p.display(),
                lang.pick(
                    "文件夹中没有平面图文件 (*.ron)",
                    "no plan files (*.ron) under this folder"
                )
            ),
        }
    }
}

/// Options of an audit run.
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditOptions {
    /// Show a progress bar on standard error when it is a terminal and there
    /// are many plans.
    pub progress: bool,
    /// The day registers are judged on (default: today's local date).
    pub today: Option<chrono::NaiveDate>,
}

/// How many plans make a progress bar worth showing.
pub const PROGRESS_FROM: usize = 50;

/// Plan files (sorted), and folders below the root that could not be read.
pub type Discovered = (Vec<PathBuf>, Vec<(PathBuf, LoadError)>);

/// The plan files under `root` (sorted), and folders that could not be read
/// below it (which become broken rows).
pub fn discover(root: &Path) -> Result<Discovered, AuditError> {
    let mut plans = Vec::new();
    let mut unreadable = Vec::new();
    let top =
        std::fs::read_dir(root).map_err(|e| AuditError::Unreadable(LoadError::io(root, e)))?;
    let mut stack = vec![(root.to_path_buf(), Some(top))];
    while let Some((dir, entries)) = stack.pop() {
        let entries = match entries {
            Some(e) => e,
            None => match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    unreadable.push((dir.clone(), LoadError::io(&dir, e)));
                    continue;
                }
            },
        };
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    unreadable.push((dir.clone(), LoadError::io(&dir, e)));
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            // symlinked folders are not followed (no loops); symlinked files are
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push((path, None));
            } else if is_plan_name(&name) {
                plans.push(path);
            }
        }
    }
    plans.sort();
    unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((plans, unreadable))
}

/// `x.ron`, but not `x.register.ron` nor `x.previous.ron`.
pub fn is_plan_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".ron")
        && !lower.ends_with(".register.ron")
        && !lower.ends_with(".previous.ron")
        && !lower.ends_with(".status.ron")
}

/// A file that parses as RON but has no `committee` field is not a plan.
fn is_other_ron(path: &Path) -> bool {
    let Ok(text) = crate::io::read_utf8(path) else {
        return false;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    match crate::io::ron_options().from_str::<ron::Value>(text) {
        Ok(ron::Value::Map(m)) => !m
            .keys()
            .any(|k| matches!(k, ron::Value::String(s) if s == "committee")),
        Ok(_) => true,
        Err(_) => false,
    }
}

/// `dir/NAME.ron` → `dir/NAME.register.ron`.
pub fn register_path(plan: &Path) -> PathBuf {
    let stem = plan.file_stem().map(|s| s.to_string_lossy().to_string());
    plan.with_file_name(format!("{}.register.ron", stem.unwrap_or_default()))
}

/// A problem with a file beside the plan, named by its file name.
fn sidecar_warning(path: &Path, mut w: RowError) -> RowError {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    w.message = format!("{name}: {}", w.message);
    w.message_en = format!("{name}: {}", w.message_en);
    w
}

/// Check one plan file (with its previous revision and its register, when
/// they lie beside it).
fn audit_one(root: &Path, path: &Path, profile: &Profile, today: chrono::NaiveDate) -> Option<Row> {
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let plan = match load_plan(path) {
        Ok(p) => p,
        Err(e) => {
            if matches!(e, LoadError::Source(_)) && is_other_ron(path) {
                return None;
            }
            return Some(Row {
                path: rel,
                street: None,
                outcome: Outcome::Broken(RowError::from_load(&e)),
                warnings: Vec::new(),
            });
        }
    };
    let mut warnings = Vec::new();
    let prev_path = previous_path(path);
    let previous = if prev_path.exists() {
        match load_plan(&prev_path) {
            Ok(p) => Some(p),
            Err(e) => {
                let mut w = RowError::from_load(&e);
                let name = prev_path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string());
                let name = name.unwrap_or_default();
                w.message = format!("{name}: {}", w.message);
                w.message_en = format!("{name}: {}", w.message_en);
                warnings.push(w);
                None
            }
        }
    } else {
        None
    };
    let reg_path = register_path(path);
    let register = if reg_path.exists() {
        match crate::register::load_register(&reg_path) {
            Ok(r) if r.committee == plan.committee.code => Some(r),
            Ok(r) => {
                warnings.push(sidecar_warning(
                    &reg_path,
                    RowError {
                        message: format!(
                            "台账属于居委会 {},平面图属于 {},未核对台账",
                            r.committee, plan.committee.code
                        ),
                        message_en: format!(
                            "the register is committee {}'s, the plan committee {}'s: not checked",
                            r.committee, plan.committee.code
                        ),
                        line: None,
                        column: None,
                    },
                ));
                None
            }
            Err(e) => {
                warnings.push(sidecar_warning(&reg_path, RowError::from_load(&e)));
                None
            }
        }
    } else {
        None
    };
    let checked = crate::committee::check_committee(&crate::committee::CommitteeInput {
        plan: &plan,
        plan_text: None,
        previous: previous.as_ref(),
        register: register.as_ref(),
        today,
        profile,
    });
    let facts = checked.facts;
    let mut report = checked.report;
    // the status file beside the plan (followup.md): marks, and its own findings
    let has_status = match crate::followup::load_status(path) {
        Ok(Some(status)) => {
            let (marked, extra) =
                crate::followup::apply_status(std::mem::take(&mut report.findings), &status, today);
            report.findings = marked;
            report.findings.extend(extra);
            crate::rules::sort_findings(&mut report.findings);
            true
        }
        Ok(None) => false,
        Err(e) => {
            warnings.push(sidecar_warning(
                &crate::followup::status_path(path),
                RowError::from_load(&e),
            ));
            false
        }
    };
    let cost = profile.prices.as_ref().map_or_else(Default::default, |p| {
        // only new estates have a target area (rules.md A2-1.2a)
        p.committee_cost(&report.findings, facts.shortfall_m2.unwrap_or(0.0))
            .cost
    });
    let checked = Checked {
        has_status,
        cost,
        upgrade: facts.upgrade,
        shortfall_m2: facts.shortfall_m2,
        missing_zones: facts.missing_zones.clone(),
        equipment: facts.equipment.clone(),
        facts,
        compared_previous: previous.is_some(),
        checked_register: register.is_some(),
        report,
        head: Plan {
            rooms: Vec::new(),
            doors: Vec::new(),
            items: Vec::new(),
            ..plan
        },
    };
    Some(Row {
        path: rel,
        street: Some(checked.committee().street.clone()),
        outcome: Outcome::Checked(Box::new(checked)),
        warnings,
    })
}

/// `dir/NAME.ron` → `dir/NAME.previous.ron`.
pub fn previous_path(plan: &Path) -> PathBuf {
    let stem = plan.file_stem().map(|s| s.to_string_lossy().to_string());
    plan.with_file_name(format!("{}.previous.ron", stem.unwrap_or_default()))
}

/// Audit every plan under `root`.
pub fn run(root: &Path, profile: &Profile, opts: AuditOptions) -> Result<Audit, AuditError> {
    let (paths, unreadable) = discover(root)?;
    if paths.is_empty() && unreadable.is_empty() {
        return Err(AuditError::NoPlans(root.to_path_buf()));
    }
    let bar = if opts.progress && paths.len() >= PROGRESS_FROM && std::io::stderr().is_terminal() {
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} 检查中 checking {bar:40} {pos}/{len} {per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        indicatif::ProgressBar::new(paths.len() as u64).with_style(style)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let today = opts
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut rows: Vec<Row> = paths
        .par_iter()
        .filter_map(|p| {
            let row = audit_one(root, p, profile, today);
            bar.inc(1);
            row
        })
        .collect();
    bar.finish_and_clear();
    for (dir, e) in unreadable {
        rows.push(Row {
            path: dir.strip_prefix(root).unwrap_or(&dir).to_path_buf(),
            street: None,
            outcome: Outcome::Broken(RowError::from_load(&e)),
            warnings: Vec::new(),
        });
    }
    if rows.is_empty() {
        return Err(AuditError::NoPlans(root.to_path_buf()));
    }
    assign_streets(&mut rows);
    rows.sort_by(|a, b| row_key(a).cmp(&row_key(b)));
    Ok(summarise(root, rows, profile))
}

fn row_key(r: &Row) -> (bool, Option<&str>, bool, Option<&str>, &Path) {
    (
        r.street.is_none(),
        r.street.as_deref(),
        r.checked().is_none(),
        r.checked().map(|c| c.committee().code.as_str()),
        &r.path,
    )
}

/// A broken file takes the street of the other plans in its folder when they
/// all agree.
fn assign_streets(rows: &mut [Row]) {
    let mut by_dir: BTreeMap<PathBuf, Option<String>> = BTreeMap::new();
    for r in rows.iter() {
        let (Some(street), Some(dir)) = (&r.street, r.path.parent()) else {
            continue;
        };
        by_dir
            .entry(dir.to_path_buf())
            .and_modify(|s| {
                if s.as_deref() != Some(street) {
                    *s = None
                }
            })
            .or_insert_with(|| Some(street.clone()));
    }
    for r in rows.iter_mut().filter(|r| r.street.is_none()) {
        if let Some(Some(s)) = r.path.parent().and_then(|d| by_dir.get(d)) {
            r.street = Some(s.clone());
        }
    }
}

/// Totals per street and overall from sorted rows.
pub fn summarise(root: &Path, rows: Vec<Row>, profile: &Profile) -> Audit {
    let mut streets: Vec<(Option<String>, Totals)> = Vec::new();
    let mut totals = Totals::default();
    for r in &rows {
        totals.add(r);
        match streets.last_mut() {
            Some((s, t)) if *s == r.street => t.add(r),
            _ => {
                let mut t = Totals::default();
                t.add(r);
                streets.push((r.street.clone(), t));
            }
        }
    }
    Audit {
        root: root.to_path_buf(),
        rows,
        equipment: profile.required_equipment.clone(),
        streets,
        totals,
        prices: profile.prices.clone(),
        followup: None,
    }
}

impl Audit {
    /// Exit status 1 is owed.
    pub fn fails(&self) -> bool {
        self.rows.iter().any(Row::fails)
    }

    /// The district's priority list: every committee whose plan could be
    /// read, priority-upgrade ones first, then by premises area ascending
    /// (then by code). Invalid plans stay in the list (their area may be
    /// wrong; views mark them).
    /// The priority-upgrade list (重点改善名单): committees with an A2-1.2
    /// finding (old estates of 100 m² or less), smallest first.
    pub fn priority_upgrades(&self) -> Vec<&Row> {
        self.priority_list()
            .into_iter()
            .filter(|r| r.checked().is_some_and(|c| c.upgrade.is_priority()))
            .collect()
    }

    /// New estates below the required area (A2-1.1), smallest first: a list
    /// apart from the priority list, each with its shortfall.
    pub fn new_below_standard(&self) -> Vec<&Row> {
        let mut list: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| {
                r.checked()
                    .is_some_and(|c| c.upgrade == Upgrade::NewBelowStandard)
            })
            .collect();
        list.sort_by(|a, b| {
            let (a, b) = (
                a.checked().expect("filtered"),
                b.checked().expect("filtered"),
            );
            a.facts
                .area_m2
                .total_cmp(&b.facts.area_m2)
                .then_with(|| a.committee().code.cmp(&b.committee().code))
        });
        list
    }

    pub fn priority_list(&self) -> Vec<&Row> {
        let mut list: Vec<&Row> = self.rows.iter().filter(|r| r.checked().is_some()).collect();
        list.sort_by(|a, b| {
            let (a, b) = (
                a.checked().expect("filtered"),
                b.checked().expect("filtered"),
            );
            (!a.upgrade.is_priority())
                .cmp(&!b.upgrade.is_priority())
                .then(a.facts.area_m2.total_cmp(&b.facts.area_m2))
                .then_with(|| a.committee().code.cmp(&b.committee().code))
        });
        list
    }

    /// Committees that lack at least one item, for the gap matrix; counts of
    /// committees lacking each item (parallel to `equipment`).
    pub fn gap_counts(&self) -> Vec<usize> {
        (0..self.equipment.len())
            .map(|i| {
                self.rows
                    .iter()
                    .filter_map(Row::checked)
                    .filter(|c| c.equipment.get(i).is_some_and(|e| e.is_gap()))
                    .count()
            })
            .collect()
    }
}

/// A street's display name (unknown for broken files whose street is unknown).
pub fn street_name(s: &Option<String>, lang: Lang) -> String {
    s.clone()
        .unwrap_or_else(|| lang.pick("(街道未知)", "(street unknown)").to_string())
}

// ---------------------------------------------------------------- JSON

/// The audit as JSON (`cli.md`): `{ "format": 1, "committees": [...], "totals": {...} }`,
/// plus `streets` and `priority` (fields added, none renamed).
pub fn to_json(audit: &Audit) -> Value {
    let committees: Vec<Value> = audit.rows.iter().map(|r| row_json(audit, r)).collect();
    let streets: Vec<Value> = audit
        .streets
        .iter()
        .map(|(s, t)| {
            let mut v = totals_json(t);
            v.as_object_mut()
                .expect("object")
                .insert("street".into(), json!(s));
            v
        })
        .collect();
    let list_json = |list: Vec<&Row>| -> Vec<Value> {
        list.into_iter()
            .filter_map(|r| {
                let c = r.checked()?;
                Some(json!({
                    "plan": path_str(&r.path),
                    "code": c.committee().code,
                    "name": c.committee().name,
                    "street": c.committee().street,
                    "estate": c.committee().estate.ident(),
                    "premises_m2": c.facts.area_m2,
                    "area_source": c.facts.area_source,
                    "priority_upgrade": c.upgrade.is_priority(),
                    "upgrade": c.upgrade,
                    "shortfall_m2": c.shortfall_m2,
                    "valid": c.report.valid,
                }))
            })
            .collect()
    };
    let priority = list_json(audit.priority_list());
    let new_below = list_json(audit.new_below_standard());
    let mut v = json!({
        "format": 1,
        "root": path_str(&audit.root),
        "equipment": audit.equipment.iter().map(|k| k.ident()).collect::<Vec<_>>(),
        "committees": committees,
        "streets": streets,
        "totals": totals_json(&audit.totals),
        "priority": priority,
        "new_below_standard": new_below,
    });
    crate::followup::compare::extend_json(audit, &mut v);
    v
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

pub(crate) fn totals_json(t: &Totals) -> Value {
    serde_json::to_value(t).expect("plain data")
}

fn error_json(e: &RowError) -> Value {
    json!({
        "message": e.message,
        "message_en": e.message_en,
        "line": e.line,
        "column": e.column,
    })
}

fn row_json(audit: &Audit, r: &Row) -> Value {
    let path = path_str(&r.path);
    let mut obj = match &r.outcome {
        Outcome::Checked(c) => {
            let mut v = rjson::check_object(&path, &c.head, &c.report, false);
            let o = v.as_object_mut().expect("object");
            o.insert("priority_upgrade".into(), json!(c.upgrade.is_priority()));
            o.insert("upgrade".into(), json!(c.upgrade));
            o.insert("shortfall_m2".into(), json!(c.shortfall_m2));
            o.insert(
                "missing_zones".into(),
                json!(c
                    .missing_zones
                    .iter()
                    .map(|z| z.ident())
                    .collect::<Vec<_>>()),
            );
            o.insert(
                "missing_equipment".into(),
                json!(c.missing_equipment_idents(&audit.equipment)),
            );
            o.insert("compared_previous".into(), json!(c.compared_previous));
            o.insert("checked_register".into(), json!(c.checked_register));
            o.insert("has_status".into(), json!(c.has_status));
            if audit.prices.is_some() {
                o.insert("cost_yuan".into(), c.cost.to_json());
            }
            v.as_object().cloned().expect("object")
        }
        Outcome::Broken(e) => {
            let mut o = Map::new();
            o.insert("format".into(), json!(1));
            o.insert("plan".into(), json!(path));
            o.insert("committee".into(), Value::Null);
            o.insert("valid".into(), json!(false));
            o.insert("error".into(), error_json(e));
            o.insert("codes".into(), json!([]));
            o.insert("summary".into(), rjson::summary_value(&r.summary()));
            o
        }
    };
    obj.insert("street".into(), json!(r.street));
    if !r.warnings.is_empty() {
        obj.insert(
            "warnings".into(),
            Value::Array(r.warnings.iter().map(error_json).collect()),
        );
    }
    Value::Object(obj)
}

// ---------------------------------------------------------------- text

fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Pad to a display width (CJK characters count two columns).
fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

fn pad_left(s: &str, w: usize) -> String {
    let mut out = String::new();
    for _ in width(s)..w {
        out.push(' ');
    }
    out.push_str(s);
    out
}

/// A plain-text table: first columns left-aligned, numbers right-aligned.
fn table(head: &[String], rows: &[Vec<String>], right: std::ops::Range<usize>) -> String {
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right.contains(&i) {
                    pad_left(c, w[i])
                } else {
                    pad(c, w[i])
                }
            })
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(head));
    let rule: Vec<String> = w.iter().map(|&n| "─".repeat(n)).collect();
    let _ = writeln!(out, "{}", rule.join("  "));
    for r in rows {
        let _ = writeln!(out, "{}", line(r));
    }
    out
}

fn zones_text(z: &[Zone], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    z.iter().map(|z| z.name(lang)).collect::<Vec<_>>().join(sep)
}

/// The committee's equipment gaps: `传真机、电脑(缺内网)`.
fn gaps_text(audit: &Audit, c: &Checked, lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    audit
        .equipment
        .iter()
        .zip(&c.equipment)
        .filter(|(_, e)| e.is_gap())
        .map(|(k, e)| e.gap_label(*k, lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The audit for people at a terminal: the committee table, totals per
/// street and overall, the priority list, broken files.
pub fn to_text(audit: &Audit, lang: Lang) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        l("审计", "Audit of"),
        audit.root.display(),
        audit.totals.committees,
        l("个居委会", "committees")
    );
    let head = vec![
        l("街道", "Street"),
        l("居委会", "Committee"),
        l("编号", "Code"),
        l("小区", "Estate"),
        l("面积㎡", "Area m²"),
        l("重点", "Prio"),
        l("错误", "Err"),
        l("不符合", "Viol"),
        l("建议", "Adv"),
        l("缺少功能区", "Missing zones"),
        l("缺少设备", "Missing equipment"),
    ];
    let mut rows = Vec::new();
    for r in &audit.rows {
        let street = street_name(&r.street, lang);
        match &r.outcome {
            Outcome::Checked(c) => {
                let s = c.report.summary();
                let area = if c.report.valid {
                    format!("{:.2}", c.facts.area_m2)
                } else {
                    format!("{:.2}?", c.facts.area_m2)
                };
                rows.push(vec![
                    street,
                    c.committee().name.clone(),
                    c.committee().code.clone(),
                    lang.pick(
                        if c.committee().estate == Estate::New {
                            "新"
                        } else {
                            "旧"
                        },
                        c.committee().estate.ident(),
                    )
                    .to_string(),
                    area,
                    if c.upgrade.is_priority() {
                        "★".into()
                    } else {
                        String::new()
                    },
                    s.error.to_string(),
                    s.violation.to_string(),
                    s.advisory.to_string(),
                    zones_text(&c.missing_zones, lang),
                    gaps_text(audit, c, lang),
                ]);
            }
            Outcome::Broken(_) => rows.push(vec![
                street,
                path_str(&r.path),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "1".into(),
                String::new(),
                String::new(),
                format!("✗ {}", l("无法读取 (见下)", "unreadable (see below)")),
                String::new(),
            ]),
        }
    }
    out.push('\n');
    out.push_str(&table(&head, &rows, 4..9));

    // totals
    let _ = writeln!(out, "\n{}", l("合计", "Totals"));
    let head = vec![
        l("街道", "Street"),
        l("居委会", "Committees"),
        l("合格", "Pass"),
        l("重点改善", "Priority"),
        l("缺功能区", "No zone"),
        l("缺设备", "Gaps"),
        l("无法读取", "Broken"),
        l("面积合计㎡", "Area m²"),
        l("新建小区缺口㎡", "New-estate short m²"),
    ];
    let trow = |name: String, t: &Totals| {
        vec![
            name,
            t.committees.to_string(),
            t.passing.to_string(),
            t.priority_upgrade.to_string(),
            t.missing_zones.to_string(),
            t.equipment_gaps.to_string(),
            t.broken.to_string(),
            format!("{:.2}", t.premises_m2),
            format!("{:.2}", t.shortfall_m2),
        ]
    };
    let mut rows: Vec<Vec<String>> = audit
        .streets
        .iter()
        .map(|(s, t)| trow(street_name(s, lang), t))
        .collect();
    rows.push(trow(l("全部", "All"), &audit.totals));
    out.push_str(&table(&head, &rows, 1..9));

    // the audit's lists (rules.md, rev 2): the priority list is the A2-1.2
    // committees; new estates below 200 m² are a list apart, with their
    // shortfall; old estates above 100 m² have no target and no figure
    let lists = [
        (
            audit.priority_upgrades(),
            l(
                "重点改善名单 (旧小区100㎡以下,按面积由小到大)",
                "Priority-upgrade list (old estates of 100 m² or less, smallest first)",
            ),
        ),
        (
            audit.new_below_standard(),
            l(
                "新建小区面积不足200㎡ (按面积由小到大)",
                "New estates below 200 m² (smallest first)",
            ),
        ),
    ];
    for (list, title) in lists {
        let _ = writeln!(out, "\n{} ({})", title, list.len());
        for (i, r) in list.iter().enumerate() {
            let c = r.checked().expect("filtered");
            let _ = writeln!(
                out,
                "{:>3}. {} {} ({}) · {} · {:.2} ㎡{}{}",
                i + 1,
                c.committee().street,
                c.committee().name,
                c.committee().code,
                c.upgrade.name(lang),
                c.facts.area_m2,
                match c.shortfall_m2 {
                    Some(s) => format!(" · {} {s:.2} ㎡", l("距200㎡缺", "short of 200 m² by")),
                    None => String::new(),
                },
                if c.report.valid {
                    String::new()
                } else {
                    l(
                        " · 平面图无效,面积仅供参考",
                        " · invalid plan, area approximate",
                    )
                }
            );
        }
    }

    let broken: Vec<&Row> = audit
        .rows
        .iter()
        .filter(|r| r.checked().is_none() || !r.warnings.is_empty())
        .collect();
    if !broken.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            l("无法读取的文件", "Files that could not be read")
        );
        for r in broken {
            let p = audit.root.join(&r.path);
            if let Outcome::Broken(e) = &r.outcome {
                let sep = if e.line.is_some() { ":" } else { ": " };
                let _ = writeln!(out, "  {}{sep}{}", p.display(), e.display(lang));
            }
            for w in &r.warnings {
                let _ = writeln!(out, "  {}: {}", p.display(), w.display(lang));
            }
        }
    }
    let s = &audit.totals.summary;
    let _ = writeln!(
        out,
        "\n{}: {} {} · {} {} · {} {} · {} {}",
        l("总计", "Overall"),
        Severity::Error.name(lang),
        s.error,
        Severity::Violation.name(lang),
        s.violation,
        Severity::Priority.name(lang),
        s.priority,
        Severity::Advisory.name(lang),
        s.advisory,
    );
    out
}
