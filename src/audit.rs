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
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::io::{load_plan, LoadError};
use crate::model::{Committee, Estate, ItemKind, Lang, Plan, Zone};
use crate::report::json as rjson;
use crate::rules::{CheckReport, Profile, Severity, Summary};

mod store;
pub use store::{RowMeta, RowRef, Spill};

pub use crate::committee::{equipment_of, missing_zones, shortfall, upgrade, Equip, Upgrade};

/// A committee whose plan was read and checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Checked(Box<Checked>),
    Broken(RowError),
}

/// One row of the audit: one plan file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

    /// Add the totals of other rows (areas are sums of 0.01 m² values,
    /// rounded at each step, so the order of adding does not matter).
    pub fn merge(&mut self, o: &Totals) {
        self.committees += o.committees;
        self.broken += o.broken;
        self.invalid += o.invalid;
        self.passing += o.passing;
        self.priority_upgrade += o.priority_upgrade;
        self.new_below_standard += o.new_below_standard;
        self.premises_m2 = crate::geom::area::round2(self.premises_m2 + o.premises_m2);
        self.shortfall_m2 = crate::geom::area::round2(self.shortfall_m2 + o.shortfall_m2);
        self.missing_zones += o.missing_zones;
        self.equipment_gaps += o.equipment_gaps;
        self.summary.merge(&o.summary);
        self.cost.add(&o.cost);
    }
}

/// The whole audit.
#[derive(Debug, Clone)]
pub struct Audit {
    pub root: PathBuf,
    /// The rows of an audit kept in memory ([`run`]), sorted by street,
    /// then committee code, then path. Empty for a streamed audit
    /// ([`run_streamed`]), whose rows are read back one at a time: use
    /// [`Audit::each_row`] and [`Audit::row`], which serve both.
    pub rows: Vec<Row>,
    /// One compact record per row, in the audit's order.
    pub index: Vec<RowMeta>,
    /// The 六.3 list the equipment cells follow (the profile's).
    pub equipment: Vec<ItemKind>,
    /// Totals per street, in street order; broken rows of unknown street
    /// under `None`.
    pub streets: Vec<(Option<String>, Totals)>,
    pub totals: Totals,
    /// Committees lacking each item (parallel to `equipment`).
    pub gaps: Vec<usize>,
    /// Whether any row owes exit status 1.
    pub any_fails: bool,
    /// The profile's price list, when it has one (costs are shown then).
    pub prices: Option<crate::followup::cost::Prices>,
    /// The comparison with an earlier folder (`--previous OLD_DIR`).
    pub followup: Option<crate::followup::compare::Comparison>,
    /// The temporary file of a streamed audit.
    spill: Option<Arc<Spill>>,
}

impl PartialEq for Audit {
    fn eq(&self, o: &Self) -> bool {
        self.root == o.root
            && self.index.len() == o.index.len()
            && self.each_row().zip(o.each_row()).all(|(a, b)| *a == *b)
            && self.equipment == o.equipment
            && self.streets == o.streets
            && self.totals == o.totals
            && self.gaps == o.gaps
            && self.prices == o.prices
            && self.followup == o.followup
    }
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

/// Audit every plan under `root`, keeping the rows in memory (a street's or
/// a district's folder; see [`run_streamed`] for a city's).
pub fn run(root: &Path, profile: &Profile, opts: AuditOptions) -> Result<Audit, AuditError> {
    run_with(root, profile, opts, Keep::Memory, false)
}

/// Audit every plan under `root`, writing each row to a temporary file as
/// soon as it is checked and keeping only compact records in memory: peak
/// memory does not grow with the number of committees apart from those.
/// The rows are read back by [`Audit::each_row`] and [`Audit::row`].
pub fn run_streamed(
    root: &Path,
    profile: &Profile,
    opts: AuditOptions,
) -> Result<Audit, AuditError> {
    run_with(root, profile, opts, Keep::Spill, false)
}

/// [`run_streamed`], keeping with each record what `--previous` compares
/// (the keys of its findings, [`crate::followup::compare::Keys`]), computed
/// by the workers, so the comparison reads no row back.
pub fn run_streamed_followed(
    root: &Path,
    profile: &Profile,
    opts: AuditOptions,
) -> Result<Audit, AuditError> {
    run_with(root, profile, opts, Keep::Spill, true)
}

/// The earlier folder of `audit --previous OLD_DIR`: every plan checked as
/// by [`run`], but only the records, the totals and the keys of the
/// findings are kept; no row is stored or written anywhere.
pub fn previous(
    root: &Path,
    profile: &Profile,
    opts: AuditOptions,
) -> Result<crate::followup::compare::Previous, AuditError> {
    let a = run_with(root, profile, opts, Keep::Records, true)?;
    Ok(crate::followup::compare::Previous {
        root: a.root,
        index: a.index,
        totals: a.totals,
        streets: a.streets,
    })
}

/// Where an audit keeps its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// In memory (a street's or a district's folder).
    Memory,
    /// In a temporary file, read back one at a time (a city's).
    Spill,
    /// Nowhere: only the compact records (the earlier folder of
    /// `--previous`).
    Records,
}

/// What a worker hands to the collecting thread for one plan file.
struct Checked1 {
    meta: RowMeta,
    /// This row's contribution to the totals.
    totals: Totals,
    gaps: Vec<bool>,
    fails: bool,
    /// The row's directory and street, for broken files' streets.
    dir: Option<(PathBuf, String)>,
    /// Spilled: the encoded row; in memory: the row.
    body: Result<Body, std::io::Error>,
}

enum Body {
    Row(Box<Row>),
    Bytes(Vec<u8>),
    /// Not kept ([`Keep::Records`]).
    Dropped,
}

fn prepare(row: Row, n_equipment: usize, keep: Keep, keys: bool) -> Checked1 {
    let mut totals = Totals::default();
    totals.add(&row);
    let gaps = match row.checked() {
        Some(c) => (0..n_equipment)
            .map(|i| c.equipment.get(i).is_some_and(|e| e.is_gap()))
            .collect(),
        None => Vec::new(),
    };
    let meta = RowMeta {
        path: row.path.clone().into_boxed_path(),
        street: None,
        code: row
            .checked()
            .map(|c| c.committee().code.as_str())
            .unwrap_or("")
            .into(),
        upgrade: row.checked().map(|c| c.upgrade),
        area_m2: row.checked().map_or(0.0, |c| c.facts.area_m2),
        warned: !row.warnings.is_empty(),
        at: 0,
        len: 0,
        follow: if keys {
            crate::followup::compare::Keys::of(&row).map(Box::new)
        } else {
            None
        },
    };
    let dir = match (&row.street, row.path.parent()) {
        (Some(s), Some(d)) => Some((d.to_path_buf(), s.clone())),
        _ => None,
    };
    let fails = row.fails();
    let street = row.street.as_deref().map(Arc::from);
    let body = match keep {
        Keep::Spill => store::encode(&row).map(Body::Bytes),
        Keep::Memory => Ok(Body::Row(Box::new(row))),
        Keep::Records => Ok(Body::Dropped),
    };
    Checked1 {
        fails,
        meta: RowMeta { street, ..meta },
        totals,
        gaps,
        dir,
        body,
    }
}

fn run_with(
    root: &Path,
    profile: &Profile,
    opts: AuditOptions,
    keep: Keep,
    keys: bool,
) -> Result<Audit, AuditError> {
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
    let n_eq = profile.required_equipment.len();
    let mut spill = if keep == Keep::Spill {
        Some(Spill::new().map_err(|e| AuditError::Unreadable(LoadError::io(root, e)))?)
    } else {
        None
    };
    let mut c = Collector::new(n_eq);
    let mut rows: Vec<Row> = Vec::new();
    let mut failure: Option<std::io::Error> = None;
    let mut take = |one: Checked1, c: &mut Collector| {
        let Checked1 { mut meta, body, .. } = one;
        match body {
            Ok(Body::Row(row)) => {
                meta.at = rows.len() as u64;
                rows.push(*row);
            }
            Ok(Body::Dropped) => {}
            Ok(Body::Bytes(bytes)) => match spill.as_mut().map(|s| s.append(&bytes)) {
                Some(Ok((at, len))) => {
                    meta.at = at;
                    meta.len = len;
                }
                Some(Err(e)) => {
                    failure.get_or_insert(e);
                }
                None => {}
            },
            Err(e) => {
                failure.get_or_insert(e);
            }
        }
        c.metas.push(meta);
    };
    // the checks run on every core; one thread collects, through a bounded
    // channel, so at most a few rows are in memory at once
    let (tx, rx) = std::sync::mpsc::sync_channel::<Checked1>(64);
    std::thread::scope(|s| {
        let bar = &bar;
        let paths = &paths;
        s.spawn(move || {
            paths.par_iter().for_each_with(tx, |tx, p| {
                if let Some(row) = audit_one(root, p, profile, today) {
                    // the receiver stops only when the audit is abandoned
                    let _ = tx.send(prepare(row, n_eq, keep, keys));
                }
                bar.inc(1);
            });
        });
        for one in rx {
            c.add(&one);
            take(one, &mut c);
        }
    });
    bar.finish_and_clear();
    for (dir, e) in unreadable {
        let row = Row {
            path: dir.strip_prefix(root).unwrap_or(&dir).to_path_buf(),
            street: None,
            outcome: Outcome::Broken(RowError::from_load(&e)),
            warnings: Vec::new(),
        };
        let one = prepare(row, n_eq, keep, keys);
        c.add(&one);
        take(one, &mut c);
    }
    if let Some(e) = failure {
        return Err(AuditError::Unreadable(LoadError::io(root, e)));
    }
    if c.metas.is_empty() {
        return Err(AuditError::NoPlans(root.to_path_buf()));
    }
    let mut audit = c.finish(root, profile);
    if let Some(s) = spill {
        audit.spill = Some(Arc::new(s));
    } else if keep == Keep::Memory {
        // the rows in the audit's order, each record pointing at its row
        let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
        for (i, m) in audit.index.iter_mut().enumerate() {
            let mut row = slots[m.at as usize].take().expect("each row once");
            row.street = m.street.as_deref().map(str::to_string);
            audit.rows.push(row);
            m.at = i as u64;
        }
    }
    Ok(audit)
}

/// What the collecting thread keeps: compact records, totals per street
/// (kept as the rows come), gap counts.
struct Collector {
    metas: Vec<RowMeta>,
    /// Checked rows' totals per street, as they come.
    streets: BTreeMap<String, Totals>,
    /// Broken rows (their street is decided at the end).
    broken: Vec<(usize, Totals)>,
    /// Each folder's street, when its plans agree.
    by_dir: BTreeMap<PathBuf, Option<Arc<str>>>,
    names: std::collections::HashMap<String, Arc<str>>,
    gaps: Vec<usize>,
    fails: bool,
}

impl Collector {
    fn new(n_eq: usize) -> Self {
        Collector {
            metas: Vec::new(),
            streets: BTreeMap::new(),
            broken: Vec::new(),
            by_dir: BTreeMap::new(),
            names: std::collections::HashMap::new(),
            gaps: vec![0; n_eq],
            fails: false,
        }
    }

    /// Count one row (before its record is pushed).
    fn add(&mut self, one: &Checked1) {
        self.fails |= one.fails;
        for (n, g) in self.gaps.iter_mut().zip(&one.gaps) {
            *n += usize::from(*g);
        }
        if let Some((dir, street)) = &one.dir {
            let name = self
                .names
                .entry(street.clone())
                .or_insert_with(|| Arc::from(street.as_str()))
                .clone();
            self.by_dir
                .entry(dir.clone())
                .and_modify(|s| {
                    if s.as_deref() != Some(street) {
                        *s = None
                    }
                })
                .or_insert(Some(name));
        }
        match &one.meta.street {
            Some(s) => self
                .streets
                .entry(s.to_string())
                .or_default()
                .merge(&one.totals),
            None => self.broken.push((self.metas.len(), one.totals.clone())),
        }
    }

    fn finish(mut self, root: &Path, profile: &Profile) -> Audit {
        // a broken file takes the street of the other plans in its folder
        // when they all agree
        let mut unknown = Totals::default();
        for (i, t) in std::mem::take(&mut self.broken) {
            let m = &mut self.metas[i];
            let street = m
                .path
                .parent()
                .and_then(|d| self.by_dir.get(d))
                .and_then(Clone::clone);
            match &street {
                Some(s) => self.streets.entry(s.to_string()).or_default().merge(&t),
                None => unknown.merge(&t),
            }
            m.street = street;
        }
        // one shared name per street
        for m in &mut self.metas {
            if let Some(s) = &m.street {
                if let Some(n) = self.names.get(s.as_ref()) {
                    m.street = Some(n.clone());
                }
            }
        }
        self.metas.sort_by(|a, b| a.key().cmp(&b.key()));
        let mut streets: Vec<(Option<String>, Totals)> = self
            .streets
            .into_iter()
            .map(|(s, t)| (Some(s), t))
            .collect();
        if unknown.committees > 0 {
            streets.push((None, unknown));
        }
        let mut totals = Totals::default();
        for (_, t) in &streets {
            totals.merge(t);
        }
        Audit {
            root: root.to_path_buf(),
            rows: Vec::new(),
            index: self.metas,
            equipment: profile.required_equipment.clone(),
            streets,
            totals,
            gaps: self.gaps,
            any_fails: self.fails,
            prices: profile.prices.clone(),
            followup: None,
            spill: None,
        }
    }
}

/// Totals per street and overall from rows (sorted or not): an audit kept
/// in memory.
pub fn summarise(root: &Path, rows: Vec<Row>, profile: &Profile) -> Audit {
    let n_eq = profile.required_equipment.len();
    let mut c = Collector::new(n_eq);
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        let mut one = prepare(row, n_eq, Keep::Memory, false);
        c.add(&one);
        one.meta.at = kept.len() as u64;
        if let Ok(Body::Row(r)) = one.body {
            kept.push(Some(*r));
        }
        c.metas.push(one.meta);
    }
    let mut audit = c.finish(root, profile);
    for (i, m) in audit.index.iter_mut().enumerate() {
        if let Some(mut row) = kept.get_mut(m.at as usize).and_then(Option::take) {
            row.street = m.street.as_deref().map(str::to_string);
            audit.rows.push(row);
        }
        m.at = i as u64;
    }
    audit
}

impl Audit {
    /// Exit status 1 is owed.
    pub fn fails(&self) -> bool {
        self.any_fails
    }

    /// How many rows (plan files, broken ones included).
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The row of record `i` (in the audit's order).
    pub fn row(&self, i: usize) -> RowRef<'_> {
        let meta = &self.index[i];
        match &self.spill {
            Some(s) => RowRef::Owned(Box::new(s.row(meta))),
            None => RowRef::Borrowed(&self.rows[meta.at as usize]),
        }
    }

    /// Every row in the audit's order (read back one at a time when the
    /// audit was streamed).
    pub fn each_row(&self) -> impl Iterator<Item = RowRef<'_>> + '_ {
        (0..self.index.len()).map(move |i| self.row(i))
    }

    /// Why a streamed audit's rows could not all be read back, if so: the
    /// output is then incomplete (exit status 2).
    pub fn read_back_failure(&self) -> Option<String> {
        self.spill.as_ref().and_then(|s| s.failure())
    }

    /// The district's priority list as record numbers: every committee
    /// whose plan could be read, priority-upgrade ones first, then by
    /// premises area ascending (then by code). Invalid plans stay in the
    /// list (their area may be wrong; views mark them).
    pub fn priority_order(&self) -> Vec<usize> {
        let mut list: Vec<usize> = (0..self.index.len())
            .filter(|&i| !self.index[i].broken())
            .collect();
        list.sort_by(|&a, &b| {
            let (a, b) = (&self.index[a], &self.index[b]);
            (!a.upgrade.is_some_and(Upgrade::is_priority))
                .cmp(&!b.upgrade.is_some_and(Upgrade::is_priority))
                .then(a.area_m2.total_cmp(&b.area_m2))
                .then_with(|| a.code.cmp(&b.code))
        });
        list
    }

    /// The priority-upgrade list (重点改善名单) as record numbers:
    /// committees with an A2-1.2 finding (old estates of 100 m² or less),
    /// smallest first.
    pub fn priority_upgrade_order(&self) -> Vec<usize> {
        let mut list = self.priority_order();
        list.retain(|&i| self.index[i].upgrade.is_some_and(Upgrade::is_priority));
        list
    }

    /// New estates below the required area (A2-1.1), smallest first, as
    /// record numbers: a list apart from the priority list.
    pub fn new_below_standard_order(&self) -> Vec<usize> {
        let mut list: Vec<usize> = (0..self.index.len())
            .filter(|&i| self.index[i].upgrade == Some(Upgrade::NewBelowStandard))
            .collect();
        list.sort_by(|&a, &b| {
            let (a, b) = (&self.index[a], &self.index[b]);
            a.area_m2
                .total_cmp(&b.area_m2)
                .then_with(|| a.code.cmp(&b.code))
        });
        list
    }

    /// The rows of a list of record numbers, read one at a time.
    pub fn rows_of(&self, list: Vec<usize>) -> impl Iterator<Item = RowRef<'_>> + '_ {
        list.into_iter().map(move |i| self.row(i))
    }

    /// The priority-upgrade list (重点改善名单): committees with an A2-1.2
    /// finding (old estates of 100 m² or less), smallest first.
    pub fn priority_upgrades(&self) -> Vec<RowRef<'_>> {
        self.rows_of(self.priority_upgrade_order()).collect()
    }

    /// New estates below the required area (A2-1.1), smallest first: a list
    /// apart from the priority list, each with its shortfall.
    pub fn new_below_standard(&self) -> Vec<RowRef<'_>> {
        self.rows_of(self.new_below_standard_order()).collect()
    }

    /// The district's priority list (see [`Audit::priority_order`]).
    pub fn priority_list(&self) -> Vec<RowRef<'_>> {
        self.rows_of(self.priority_order()).collect()
    }

    /// Counts of committees lacking each item (parallel to `equipment`).
    pub fn gap_counts(&self) -> Vec<usize> {
        self.gaps.clone()
    }
}

/// A street's display name (unknown for broken files whose street is unknown).
pub fn street_name(s: &Option<String>, lang: Lang) -> String {
    s.clone()
        .unwrap_or_else(|| lang.pick("(街道未知)", "(street unknown)").to_string())
}

// ---------------------------------------------------------------- JSON

/// The audit as JSON (`cli.md`): `{ "format": 1, "committees": [...], "totals": {...} }`,
/// plus `streets` and `priority` (fields added, none renamed). Built from
/// [`write_json`], so the two never differ.
pub fn to_json(audit: &Audit) -> Value {
    let mut out = Vec::new();
    write_json(audit, &mut out).expect("writing to memory");
    serde_json::from_slice(&out).expect("the audit's own JSON")
}

/// A JSON value as `serde_json::to_string_pretty` writes it, nested `depth`
/// levels deep (JSON strings hold no raw line breaks, so indenting lines is
/// safe).
fn pretty_at(v: &Value, depth: usize) -> String {
    let text = serde_json::to_string_pretty(v).expect("plain data");
    if depth == 0 || !text.contains('\n') {
        return text;
    }
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// Writes the top-level object of the audit's JSON one field at a time.
struct JsonFields<'w, W: std::io::Write + ?Sized> {
    w: &'w mut W,
    first: bool,
}

impl<W: std::io::Write + ?Sized> JsonFields<'_, W> {
    fn key(&mut self, key: &str) -> std::io::Result<()> {
        let sep = if self.first { "{\n" } else { ",\n" };
        self.first = false;
        write!(self.w, "{sep}  {}: ", Value::from(key))
    }

    fn field(&mut self, key: &str, v: &Value) -> std::io::Result<()> {
        self.key(key)?;
        self.w.write_all(pretty_at(v, 1).as_bytes())
    }

    /// An array written element by element.
    fn array<I: IntoIterator<Item = Value>>(&mut self, key: &str, items: I) -> std::io::Result<()> {
        self.key(key)?;
        let mut n = 0;
        for v in items {
            let sep = if n == 0 { "[\n    " } else { ",\n    " };
            write!(self.w, "{sep}{}", pretty_at(&v, 2))?;
            n += 1;
        }
        self.w.write_all(if n == 0 { b"[]" } else { b"\n  ]" })
    }

    /// An array of elements already written as text (by [`pretty_at`] at
    /// depth 2).
    fn array_text<I>(&mut self, key: &str, items: I) -> std::io::Result<()>
    where
        I: Iterator<Item = std::io::Result<String>>,
    {
        self.key(key)?;
        let mut n = 0;
        for v in items {
            let sep = if n == 0 { "[\n    " } else { ",\n    " };
            self.w.write_all(sep.as_bytes())?;
            self.w.write_all(v?.as_bytes())?;
            n += 1;
        }
        self.w.write_all(if n == 0 { b"[]" } else { b"\n  ]" })
    }

    fn end(self) -> std::io::Result<()> {
        self.w
            .write_all(if self.first { b"{}\n" } else { b"\n}\n" })
    }
}

/// The audit's JSON (`cli.md`), written as the rows are read: the same text
/// as `serde_json::to_string_pretty` of [`to_json`], newline included,
/// without holding the whole document.
pub fn write_json<W: std::io::Write + ?Sized>(audit: &Audit, w: &mut W) -> std::io::Result<()> {
    use crate::followup::compare as cmp;
    let mut o = JsonFields { w, first: true };
    o.field("format", &json!(1))?;
    o.field("root", &json!(path_str(&audit.root)))?;
    o.field(
        "equipment",
        &json!(audit
            .equipment
            .iter()
            .map(|k| k.ident())
            .collect::<Vec<_>>()),
    )?;
    // one pass over the rows: the committees are written, each row's list
    // entry and its findings are put aside in temporary files (the lists
    // come in another order, the findings after the streets and totals)
    let mut lists = Side::new()?;
    let mut at: Vec<(u64, u32)> = vec![(0, 0); audit.len()];
    let mut findings = Side::new()?;
    let mut rows = audit.each_row().enumerate();
    let mut failed: Option<std::io::Error> = None;
    o.array(
        "committees",
        std::iter::from_fn(|| {
            let (i, r) = rows.next()?;
            let mut v = row_json(audit, &r);
            if let Some(f) = cmp::row_followup(audit, &r) {
                v.as_object_mut()
                    .expect("object")
                    .insert("followup".into(), f);
            }
            let put = |side: &mut Side, v: &Value| side.append(&pretty_at(v, 2));
            let res = list_json(&r)
                .map_or(Ok(()), |l| put(&mut lists, &l).map(|p| at[i] = p))
                .and_then(|_| {
                    cmp::row_findings(&r)
                        .iter()
                        .try_for_each(|f| findings.append_element(&pretty_at(f, 2)))
                });
            if let Err(e) = res {
                failed.get_or_insert(e);
            }
            Some(v)
        }),
    )?;
    if let Some(e) = failed {
        return Err(e);
    }
    o.array(
        "streets",
        audit.streets.iter().map(|(s, t)| {
            let mut v = totals_json(t);
            let obj = v.as_object_mut().expect("object");
            obj.insert("street".into(), json!(s));
            if audit.prices.is_some() {
                obj.insert("cost_yuan".into(), t.cost.to_json());
            }
            v
        }),
    )?;
    o.field("totals", &cmp::priced_totals(audit, &audit.totals))?;
    let mut lists = lists.finish()?;
    o.array_text(
        "priority",
        audit
            .priority_order()
            .into_iter()
            .map(|i| lists.read(at[i])),
    )?;
    o.array_text(
        "new_below_standard",
        audit
            .new_below_standard_order()
            .into_iter()
            .map(|i| lists.read(at[i])),
    )?;
    let mut findings = findings.finish()?;
    o.key("findings")?;
    findings.write_array(o.w)?;
    for (k, v) in cmp::tail_json(audit) {
        o.field(k, &v)?;
    }
    o.end()
}

/// Pieces of JSON text put aside in a temporary file while the rows are
/// read once, read back later by place or in order.
struct Side {
    w: std::io::BufWriter<std::fs::File>,
    end: u64,
    /// Pieces appended as array elements ([`Side::append_element`]).
    elements: usize,
}

impl Side {
    fn new() -> std::io::Result<Side> {
        Ok(Side {
            w: std::io::BufWriter::new(tempfile::tempfile()?),
            end: 0,
            elements: 0,
        })
    }

    /// Append an element of a JSON array at depth 1, with its separator.
    fn append_element(&mut self, text: &str) -> std::io::Result<()> {
        use std::io::Write;
        if self.elements > 0 {
            self.w.write_all(b",\n    ")?;
        }
        self.w.write_all(text.as_bytes())?;
        self.elements += 1;
        Ok(())
    }

    fn append(&mut self, text: &str) -> std::io::Result<(u64, u32)> {
        use std::io::Write;
        self.w.write_all(text.as_bytes())?;
        let at = self.end;
        self.end += text.len() as u64;
        Ok((at, text.len() as u32))
    }

    fn finish(self) -> std::io::Result<SideRead> {
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        Ok(SideRead {
            file,
            elements: self.elements,
        })
    }
}

struct SideRead {
    file: std::fs::File,
    elements: usize,
}

impl SideRead {
    fn read(&mut self, (at, len): (u64, u32)) -> std::io::Result<String> {
        use std::io::{Read, Seek};
        let mut buf = vec![0u8; len as usize];
        self.file.seek(std::io::SeekFrom::Start(at))?;
        self.file.read_exact(&mut buf)?;
        String::from_utf8(buf).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// The elements put aside, as the JSON array they make.
    fn write_array<W: std::io::Write + ?Sized>(&mut self, w: &mut W) -> std::io::Result<()> {
        use std::io::{BufRead, Seek};
        if self.elements == 0 {
            return w.write_all(b"[]");
        }
        w.write_all(b"[\n    ")?;
        self.file.rewind()?;
        // whole lines, so that a character is never split between writes
        let mut r = std::io::BufReader::new(&self.file);
        let mut line = String::new();
        while r.read_line(&mut line)? > 0 {
            w.write_all(line.as_bytes())?;
            line.clear();
        }
        w.write_all(b"\n  ]")
    }
}

/// An entry of the `priority` and `new_below_standard` lists.
fn list_json(r: &Row) -> Option<Value> {
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

/// One line of a plain-text table: first columns left-aligned, numbers
/// (`right`) right-aligned, to the widths `w`.
fn table_line<'a>(
    cells: impl Iterator<Item = &'a str>,
    w: &[usize],
    right: &std::ops::Range<usize>,
) -> String {
    let parts: Vec<String> = cells
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
}

/// The head of a plain-text table and its rule, then each row.
fn table_lines<'a, R: Iterator<Item = &'a str>>(
    head: &[String],
    rows: impl Iterator<Item = R>,
    w: &[usize],
    right: std::ops::Range<usize>,
    out: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut line = table_line(head.iter().map(String::as_str), w, &right);
    line.push('\n');
    let rule: Vec<String> = w.iter().map(|&n| "─".repeat(n)).collect();
    line.push_str(&rule.join("  "));
    line.push('\n');
    out(&line)?;
    for r in rows {
        let mut line = table_line(r, w, &right);
        line.push('\n');
        out(&line)?;
    }
    Ok(())
}

/// A plain-text table: first columns left-aligned, numbers right-aligned.
fn table(head: &[String], rows: &[Vec<String>], right: std::ops::Range<usize>) -> String {
    let mut w: Vec<usize> = head.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(width(c));
        }
    }
    let mut out = String::new();
    let _ = table_lines(
        head,
        rows.iter().map(|r| r.iter().map(String::as_str)),
        &w,
        right,
        &mut |s| {
            out.push_str(s);
            Ok(())
        },
    );
    out
}

/// The rows of a city's committee table, put aside in a temporary file
/// while the columns are measured (each cell as its length and its bytes).
struct CellRows {
    w: std::io::BufWriter<std::fs::File>,
    n: usize,
    widths: Vec<usize>,
}

impl CellRows {
    fn new(head: &[String]) -> std::io::Result<Self> {
        Ok(CellRows {
            w: std::io::BufWriter::new(tempfile::tempfile()?),
            n: 0,
            widths: head.iter().map(|h| width(h)).collect(),
        })
    }

    fn push(&mut self, cells: &[String]) -> std::io::Result<()> {
        use std::io::Write;
        for (i, c) in cells.iter().enumerate() {
            self.widths[i] = self.widths[i].max(width(c));
            self.w.write_all(&(c.len() as u32).to_le_bytes())?;
            self.w.write_all(c.as_bytes())?;
        }
        self.n += 1;
        Ok(())
    }

    /// Write the table: head, rule, then every row read back.
    fn write<W: std::io::Write + ?Sized>(
        self,
        head: &[String],
        right: std::ops::Range<usize>,
        out: &mut W,
    ) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let mut file = self.w.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut r = std::io::BufReader::new(file);
        let widths = self.widths;
        let cols = head.len();
        let mut rows = (0..self.n).map(|_| -> std::io::Result<Vec<String>> {
            let mut cells = Vec::with_capacity(cols);
            for _ in 0..cols {
                let mut len = [0u8; 4];
                r.read_exact(&mut len)?;
                let mut buf = vec![0u8; u32::from_le_bytes(len) as usize];
                r.read_exact(&mut buf)?;
                cells.push(
                    String::from_utf8(buf)
                        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?,
                );
            }
            Ok(cells)
        });
        let mut failed = None;
        let ok_rows = std::iter::from_fn(|| match rows.next()? {
            Ok(cells) => Some(cells),
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        table_lines_owned(head, ok_rows, &widths, right, out)?;
        failed.map_or(Ok(()), Err)
    }
}

/// [`table_lines`] over rows of owned cells.
fn table_lines_owned<W: std::io::Write + ?Sized>(
    head: &[String],
    rows: impl Iterator<Item = Vec<String>>,
    w: &[usize],
    right: std::ops::Range<usize>,
    out: &mut W,
) -> std::io::Result<()> {
    let mut line = table_line(head.iter().map(String::as_str), w, &right);
    line.push('\n');
    let rule: Vec<String> = w.iter().map(|&n| "─".repeat(n)).collect();
    line.push_str(&rule.join("  "));
    line.push('\n');
    out.write_all(line.as_bytes())?;
    for r in rows {
        let mut line = table_line(r.iter().map(String::as_str), w, &right);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
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
    let mut out = Vec::new();
    write_text(audit, lang, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("the text is UTF-8")
}

/// [`to_text`] written as it is made: the committee table is measured on
/// compact cells, then written row by row.
pub fn write_text<W: std::io::Write + ?Sized>(
    audit: &Audit,
    lang: Lang,
    w: &mut W,
) -> std::io::Result<()> {
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
    let mut rows = CellRows::new(&head)?;
    for r in audit.each_row() {
        let street = street_name(&r.street, lang);
        match &r.outcome {
            Outcome::Checked(c) => {
                let s = c.report.summary();
                let area = if c.report.valid {
                    format!("{:.2}", c.facts.area_m2)
                } else {
                    format!("{:.2}?", c.facts.area_m2)
                };
                rows.push(&[
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
                ])?;
            }
            Outcome::Broken(_) => rows.push(&[
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
            ])?,
        }
    }
    out.push('\n');
    w.write_all(out.as_bytes())?;
    out.clear();
    rows.write(&head, 4..9, w)?;

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
            audit.priority_upgrade_order(),
            l(
                "重点改善名单 (旧小区100㎡以下,按面积由小到大)",
                "Priority-upgrade list (old estates of 100 m² or less, smallest first)",
            ),
        ),
        (
            audit.new_below_standard_order(),
            l(
                "新建小区面积不足200㎡ (按面积由小到大)",
                "New estates below 200 m² (smallest first)",
            ),
        ),
    ];
    for (list, title) in lists {
        let _ = writeln!(out, "\n{} ({})", title, list.len());
        for (i, r) in audit.rows_of(list).enumerate() {
            let Some(c) = r.checked() else { continue };
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

    let broken: Vec<usize> = (0..audit.len())
        .filter(|&i| audit.index[i].broken() || audit.index[i].warned)
        .collect();
    if !broken.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            l("无法读取的文件", "Files that could not be read")
        );
        for r in audit.rows_of(broken) {
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
    out.push_str(&crate::report::summary::costs_trend_text(audit, lang));
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
    w.write_all(out.as_bytes())
}
