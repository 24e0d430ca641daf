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
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::io::{load_plan, LoadError};
use crate::model::{Committee, ItemKind, Lang, Plan, Zone};
use crate::rules::{CheckReport, Profile, Summary};

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

/// Plan files (sorted, relative to the root), and folders below the root
/// that could not be read.
pub type Discovered = (Vec<Box<Path>>, Vec<(PathBuf, LoadError)>);

/// The plan files under `root` (sorted, relative to `root`: a city's list
/// is held while its plans are checked, so each path is kept short and
/// exact), and folders that could not be read below it (which become broken
/// rows).
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
                let rel = path
                    .strip_prefix(root)
                    .map(Path::to_path_buf)
                    .unwrap_or(path);
                plans.push(rel.into_boxed_path());
            }
        }
    }
    plans.sort();
    plans.shrink_to_fit();
    unreadable.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((plans, unreadable))
}

/// `x.ron`, but not `x.register.ron`, `x.previous.ron`, `x.status.ron` nor
/// `x.profile.ron` (a rule profile, as `juwei serve export` writes one).
pub fn is_plan_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".ron")
        && !lower.ends_with(".register.ron")
        && !lower.ends_with(".previous.ron")
        && !lower.ends_with(".status.ron")
        && !lower.ends_with(".profile.ron")
        && !lower.ends_with(".comments.ron")
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
    // one record per plan file and unreadable folder: reserved once, not
    // doubled as they come
    c.metas.reserve_exact(paths.len() + unreadable.len());
    let mut rows: Vec<Row> = Vec::new();
    let mut failure: Option<std::io::Error> = None;
    let mut take = |one: Checked1, c: &mut Collector| {
        let Checked1 { mut meta, body, .. } = one;
        meta.street = meta.street.as_deref().map(|s| c.intern(s));
        // what is kept is copied here, on the collecting thread: left where
        // the workers made it, among the temporaries of parsing and
        // checking, each small record would hold their memory in place
        // (glibc keeps a heap per thread and cannot shrink one around it)
        meta.path = Box::from(&*meta.path);
        meta.code = Box::from(&*meta.code);
        meta.follow = meta
            .follow
            .map(|k| Box::new(crate::followup::compare::Keys::clone(&k)));
        match body {
            Ok(Body::Row(row)) => {
                meta.at = rows.len() as u64;
                rows.push(*row);
            }
            // the order of arrival, which breaks ties when sorting
            Ok(Body::Dropped) => meta.at = c.metas.len() as u64,
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
        s.spawn(move || {
            // each path is dropped once its plan is checked
            paths.into_par_iter().for_each_with(tx, |tx, rel| {
                let p = root.join(&rel);
                drop(rel);
                if let Some(row) = audit_one(root, &p, profile, today) {
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

    /// The street's one shared name.
    fn intern(&mut self, street: &str) -> Arc<str> {
        if let Some(n) = self.names.get(street) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(street);
        self.names.insert(street.to_string(), n.clone());
        n
    }

    /// Count one row (before its record is pushed).
    fn add(&mut self, one: &Checked1) {
        self.fails |= one.fails;
        for (n, g) in self.gaps.iter_mut().zip(&one.gaps) {
            *n += usize::from(*g);
        }
        if let Some((dir, street)) = &one.dir {
            let name = self.intern(street);
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
        // in place (a stable sort would allocate half the records again);
        // equal keys keep their order of arrival, as `at` grows with it
        self.metas
            .sort_unstable_by(|a, b| a.key().cmp(&b.key()).then(a.at.cmp(&b.at)));
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
    c.metas.reserve_exact(rows.len());
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

    /// Committee codes that more than one readable plan carries, each with
    /// those plans (relative paths), in code order. A code names one
    /// committee: `--previous`, status files and registers match by it, so
    /// the audit says when it does not (`docs/decisions.md`).
    pub fn duplicate_codes(&self) -> Vec<(&str, Vec<&Path>)> {
        duplicate_codes(&self.index)
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
        // in place; equal keys stay in the audit's order
        list.sort_unstable_by(|&i, &j| {
            let (a, b) = (&self.index[i], &self.index[j]);
            (!a.upgrade.is_some_and(Upgrade::is_priority))
                .cmp(&!b.upgrade.is_some_and(Upgrade::is_priority))
                .then(a.area_m2.total_cmp(&b.area_m2))
                .then_with(|| a.code.cmp(&b.code))
                .then(i.cmp(&j))
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

/// Codes carried by more than one readable row's plan ([`Audit::duplicate_codes`]).
pub fn duplicate_codes(index: &[RowMeta]) -> Vec<(&str, Vec<&Path>)> {
    // record numbers sorted by code (then in the audit's order): a city's
    // codes are not copied into a map to find the few that repeat
    let mut order: Vec<usize> = (0..index.len()).filter(|&i| !index[i].broken()).collect();
    order.sort_unstable_by(|&a, &b| index[a].code.cmp(&index[b].code).then(a.cmp(&b)));
    order
        .chunk_by(|&a, &b| index[a].code == index[b].code)
        .filter(|run| run.len() > 1)
        .map(|run| {
            (
                &*index[run[0]].code,
                run.iter().map(|&i| &*index[i].path).collect(),
            )
        })
        .collect()
}
