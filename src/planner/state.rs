//! The open document and what acts on it, without any window: the plan, its
//! undo stack and its latest check; the selection; the messages that panels
//! and tools send. [`PlannerLogicPlugin`] is everything a headless test needs
//! (`App::new()` + `MinimalPlugins` + this plugin).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bevy::prelude::*;

use crate::committee::{check_committee, CommitteeFacts, CommitteeInput};
use crate::edit::layout::Layout;
use crate::edit::{Edit, UndoStack};
use crate::followup::{apply_status, load_status, write_status_atomic, Status, StatusFile};
use crate::io::{load_plan, LoadError};
use crate::model::{Committee, Estate, Format1, ItemKind, Lang, Plan, Revision};
use crate::register::record::{append, record, NewEvent};
use crate::register::{load_register, Register};
use crate::rules::{AssetIndex, CheckReport, Finding, Profile};

/// The open plan, its history and its latest check.
#[derive(Resource)]
pub struct Doc {
    pub plan: Plan,
    /// Where it was read from or last saved to; `None` for a new plan.
    pub path: Option<PathBuf>,
    pub stack: UndoStack,
    pub profile: Profile,
    /// The `--profile` file the profile was read from; `None`: the
    /// built-in Jing'an 2017 profile.
    pub profile_path: Option<PathBuf>,
    /// The committee's facts as every view shows them (premises area and
    /// which area the thresholds use, zones, equipment, upgrade category),
    /// from the same check ([`crate::committee::check_committee`]).
    pub facts: CommitteeFacts,
    /// The status file beside the plan (`NAME.status.ron`, `followup.md`):
    /// what was recorded about its findings. `None` when there is none.
    pub status: Option<StatusFile>,
    /// Why the status file beside the plan could not be read (zh, en): the
    /// findings are then shown without their status.
    pub status_problem: Option<(String, String)>,
    /// The check of the plan as it is now (re-run after every change).
    pub report: CheckReport,
    /// Where everything is drawn (re-made with the report).
    pub layout: Layout,
    /// How long the last check took.
    pub check_time: Duration,
    /// Counts documents opened in this run: views reset when it changes.
    pub serial: u64,
    /// The committee's fixed-asset register, when one is open (found beside
    /// the plan as `NAME.register.ron`, or opened from the File menu).
    pub register: Option<Register>,
    /// Its cards as of today, for the plan rules (A2-6.4, asset links of G03).
    assets: Option<AssetIndex>,
    /// The findings the last change cleared ("已解决"), until the next one.
    pub resolved: Vec<Finding>,
    /// Events recorded in the register window, not yet written to the
    /// register's file (written on save; undone one by one until then).
    pub pending: Vec<NewEvent>,
    /// The register's file as read: recorded events are appended to it.
    register_text: Option<String>,
    /// Why the register beside the plan could not be used (zh, en), shown
    /// in the status bar: the plan is then checked without it.
    pub register_problem: Option<(String, String)>,
    checked: u64,
}

/// The register beside a plan: `NAME.register.ron` for `NAME.ron`.
pub fn register_beside(plan: &Path) -> PathBuf {
    let stem = plan
        .file_stem()
        .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    plan.with_file_name(format!("{stem}.register.ron"))
}

impl Doc {
    pub fn new(mut plan: Plan, path: Option<PathBuf>) -> Doc {
        // underlay images as absolute paths while the plan is open
        crate::edit::trace::resolve_underlays(&mut plan, path.as_deref());
        let profile = Profile::default();
        let start = Instant::now();
        let check = check_committee(&CommitteeInput {
            plan: &plan,
            plan_text: None,
            previous: None,
            register: None,
            today: chrono::Local::now().date_naive(),
            profile: &profile,
        });
        let check_time = start.elapsed();
        let layout = Layout::of(&plan);
        Doc {
            plan,
            path,
            stack: UndoStack::default(),
            profile,
            profile_path: None,
            facts: check.facts,
            status: None,
            status_problem: None,
            report: check.report,
            layout,
            check_time,
            serial: 0,
            register: None,
            assets: None,
            resolved: Vec::new(),
            pending: Vec::new(),
            register_text: None,
            register_problem: None,
            checked: 0,
        }
    }

    /// Check with this profile from now on (`juwei-planner --profile FILE`;
    /// `path` is where it was read from, `None` for the built-in one).
    pub fn set_profile(&mut self, profile: Profile, path: Option<PathBuf>) {
        self.profile = profile;
        self.profile_path = path;
        self.checked = u64::MAX;
        self.recheck();
        // a change of profile is no edit: nothing was "resolved" by it
        self.resolved.clear();
    }

    /// The profile's name for the window (`静安区… (内置)` for the built-in one).
    pub fn profile_label(&self, lang: Lang) -> String {
        let name = match lang {
            Lang::En if !self.profile.name_en.is_empty() => &self.profile.name_en,
            _ => &self.profile.name,
        };
        match &self.profile_path {
            Some(p) => format!(
                "{name} ({})",
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            ),
            None => format!("{name} ({})", lang.pick("内置", "built in")),
        }
    }

    /// Read the status file beside the plan (`NAME.status.ron`), when there
    /// is one: its findings are shown with their status. One that cannot
    /// be read is left out and said (`status_problem`).
    pub fn load_status(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        match load_status(&path) {
            Ok(st) => {
                self.status = st;
                self.status_problem = None;
            }
            Err(e) => {
                self.status = None;
                self.status_problem = Some((e.display(Lang::Zh), e.display(Lang::En)));
            }
        }
        self.checked = u64::MAX;
        self.recheck();
        self.resolved.clear();
    }

    /// Record the status of finding `i` (or forget it: `None`) in the
    /// status file beside the plan, written at once and atomically (temp
    /// file + rename). Refused (zh, en) for a plan not saved yet, for the
    /// status file's own findings, and when the entry is incomplete
    /// (`Accepted` needs who and why); nothing changes then.
    pub fn set_status(
        &mut self,
        i: usize,
        status: Option<Status>,
        by: &str,
        reason: &str,
        due: Option<chrono::NaiveDate>,
    ) -> Result<PathBuf, (String, String)> {
        let Some(path) = self.path.clone() else {
            return Err((
                "请先保存平面图:整改状态记在平面图旁的 NAME.status.ron 中".into(),
                "save the plan first: the status goes to NAME.status.ron beside it".into(),
            ));
        };
        if let Some((zh, en)) = &self.status_problem {
            return Err((
                format!("整改记录文件无法读取,未改动:{zh}"),
                format!("the status file cannot be read, so it was left alone: {en}"),
            ));
        }
        let f = self
            .report
            .findings
            .get(i)
            .ok_or_else(|| ("没有这条问题".to_string(), "no such finding".to_string()))?
            .clone();
        if crate::followup::status::status_meta(&f.code).is_some() {
            return Err((
                "这是整改记录文件本身的提示,不能再设状态".into(),
                "this is a note about the status file itself: it takes no status".into(),
            ));
        }
        let mut file = self
            .status
            .clone()
            .unwrap_or_else(|| StatusFile::new(self.plan.committee.code.clone()));
        match status {
            Some(st) => {
                let today = chrono::Local::now().date_naive();
                let reason = Some(reason).filter(|r| !r.trim().is_empty());
                let due = due.filter(|_| st == Status::InProgress);
                file.set(&f, st, by, today, reason, due).map_err(|zh| {
                    let en = match st {
                        Status::Accepted => {
                            "an accepted exception needs who accepted it and why".to_string()
                        }
                        _ => zh.clone(),
                    };
                    (zh, en)
                })?;
            }
            None => {
                file.clear(&f);
            }
        }
        let written = write_status_atomic(&path, &file).map_err(|e| {
            let p = crate::followup::status_path(&path);
            (
                format!("{}: 无法写入整改记录: {e}", p.display()),
                format!("{}: cannot write the status file: {e}", p.display()),
            )
        })?;
        self.status = Some(file);
        self.checked = u64::MAX;
        self.recheck();
        // a status is no edit of the plan: nothing was "resolved" by it
        self.resolved.clear();
        Ok(written)
    }

    /// A new, empty plan for a committee still to be named.
    pub fn untitled() -> Doc {
        Doc::new(empty_plan(), None)
    }

    /// Read a plan file, and the register beside it if there is one.
    /// Nothing is changed when the plan cannot be read; a register beside it
    /// that cannot be used is left out (see [`Doc::open_register`]).
    pub fn open(path: &Path) -> Result<Doc, LoadError> {
        let plan = load_plan(path)?;
        let mut doc = Doc::new(plan, Some(path.to_path_buf()));
        doc.load_status();
        let beside = register_beside(path);
        if beside.exists() {
            if let Err((zh, en)) = doc.open_register(&beside) {
                warn!("{en} ({zh})");
                doc.register_problem = Some((zh, en));
            }
        }
        Ok(doc)
    }

    /// Read a register and check the plan with it. Refused (with the reason,
    /// zh and en) when it cannot be read or is another committee's.
    pub fn open_register(&mut self, path: &Path) -> Result<(), (String, String)> {
        let reg = load_register(path).map_err(|e| (e.display(Lang::Zh), e.display(Lang::En)))?;
        if reg.committee != self.plan.committee.code {
            return Err((
                format!(
                    "{}: 台账属于居委会 {},平面图属于 {}",
                    path.display(),
                    reg.committee,
                    self.plan.committee.code
                ),
                format!(
                    "{}: the register is committee {}'s, the plan committee {}'s",
                    path.display(),
                    reg.committee,
                    self.plan.committee.code
                ),
            ));
        }
        // the text as read: events recorded here are appended to it
        self.register_text = crate::io::read_utf8(path).ok();
        self.pending.clear();
        self.install_register(reg);
        self.register_problem = None;
        // opening a register is no edit: nothing was "resolved" by it
        self.resolved.clear();
        Ok(())
    }

    /// Check the plan with this register (as of today) from now on.
    fn install_register(&mut self, reg: Register) {
        let today = chrono::Local::now().date_naive();
        self.assets = Some(reg.asset_index(today));
        self.register = Some(reg);
        self.checked = u64::MAX;
        self.recheck();
    }

    /// Record an event in the register, as `juwei record` does (the same
    /// code: [`crate::register::record::append`], the ledger's own rules):
    /// kept with the other recorded events until the register is written
    /// ([`Doc::write_events`], on save) and undone with [`Doc::undo_event`]
    /// until then. Refused (zh, en) without a register or when the ledger
    /// refuses it; nothing changes then.
    pub fn record_event(&mut self, ev: NewEvent) -> Result<(), (String, String)> {
        let (Some(reg), Some(text)) = (&self.register, &self.register_text) else {
            return Err((
                "没有可记录的台账:请先打开资产台账".into(),
                "no register to record in: open a register first".into(),
            ));
        };
        let path = reg.path.clone();
        let mut all = self.pending.clone();
        all.push(ev);
        let done = append(&path, text, &all)
            .map_err(|e| (e.display(&path, Lang::Zh), e.display(&path, Lang::En)))?;
        self.pending = all;
        self.install_register(done.register);
        Ok(())
    }

    /// Take back the last event recorded and not yet written; false when
    /// there is none.
    pub fn undo_event(&mut self) -> bool {
        if self.pending.pop().is_none() {
            return false;
        }
        let (Some(reg), Some(text)) = (&self.register, &self.register_text) else {
            return true;
        };
        let path = reg.path.clone();
        let back = if self.pending.is_empty() {
            crate::register::parse_register(&path, text).ok()
        } else {
            append(&path, text, &self.pending).ok().map(|d| d.register)
        };
        if let Some(reg) = back {
            self.install_register(reg);
        }
        true
    }

    /// Write the recorded events to the register file (appended before its
    /// list's closing bracket, every earlier byte kept, atomically). Returns
    /// how many were written.
    pub fn write_events(&mut self) -> Result<usize, (String, String)> {
        if self.pending.is_empty() {
            return Ok(0);
        }
        let Some(path) = self.register.as_ref().map(|r| r.path.clone()) else {
            return Ok(0);
        };
        let done = record(&path, &self.pending)
            .map_err(|e| (e.display(&path, Lang::Zh), e.display(&path, Lang::En)))?;
        let n = self.pending.len();
        self.pending.clear();
        self.register_text = Some(done.text);
        self.install_register(done.register);
        Ok(n)
    }

    /// Check the plan without a register from now on (the plan was saved
    /// where its register is not found).
    pub fn close_register(&mut self) {
        self.pending.clear();
        self.register_text = None;
        self.register = None;
        self.assets = None;
        self.checked = u64::MAX;
        self.recheck();
        self.resolved.clear();
    }

    /// The register's cards as of today.
    pub fn assets(&self) -> Option<&AssetIndex> {
        self.assets.as_ref()
    }

    /// The plan differs from its file, or events recorded in the register
    /// are not written yet.
    pub fn is_modified(&self) -> bool {
        self.stack.is_modified() || !self.pending.is_empty()
    }

    /// Changes whenever the plan changes or another plan is opened.
    pub fn version(&self) -> (u64, u64) {
        (self.serial, self.stack.generation())
    }

    /// Check again if the plan changed since the last check.
    pub fn recheck(&mut self) -> bool {
        if self.checked == self.stack.generation() {
            return false;
        }
        let start = Instant::now();
        let today = chrono::Local::now().date_naive();
        // the one entry point every view goes through (src/committee.rs)
        let check = check_committee(&CommitteeInput {
            plan: &self.plan,
            plan_text: None,
            previous: None,
            register: self.register.as_ref(),
            today,
            profile: &self.profile,
        });
        let mut report = check.report;
        self.facts = check.facts;
        // the status file's word on each finding, and its own findings
        if let Some(file) = &self.status {
            let (marked, extra) = apply_status(std::mem::take(&mut report.findings), file, today);
            report.findings = marked;
            report.findings.extend(extra);
            crate::rules::sort_findings(&mut report.findings);
        }
        let before = std::mem::replace(&mut self.report, report);
        // a finding is the same one when its code and what it is about are
        let key = |f: &Finding| {
            (
                f.code.clone(),
                f.rooms.clone(),
                f.items.clone(),
                f.assets.clone(),
            )
        };
        let now: std::collections::HashSet<_> = self.report.findings.iter().map(key).collect();
        // (a finding about a room deleted went with the room: not resolved)
        self.resolved = before
            .findings
            .into_iter()
            .filter(|f| !now.contains(&key(f)))
            .filter(|f| f.rooms.iter().all(|r| self.plan.room(r).is_some()))
            .collect();
        self.layout = Layout::of(&self.plan);
        self.check_time = start.elapsed();
        self.checked = self.stack.generation();
        true
    }

    /// The file name shown in the title bar and tabs.
    pub fn name(&self, lang: Lang) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => lang.pick("未命名", "untitled").to_string(),
        }
    }

    /// The window title: file, modified marker, committee.
    pub fn title(&self, lang: Lang) -> String {
        let star = if self.is_modified() { " ●" } else { "" };
        format!(
            "{}{star} — {} — {}",
            self.name(lang),
            self.plan.committee.name,
            lang.pick("居委平面图", "juwei planner")
        )
    }

    /// The area of room `id` from the latest check, m².
    pub fn room_area(&self, id: &str) -> Option<f64> {
        self.report
            .room_areas
            .iter()
            .find(|(r, _)| r == id)
            .map(|(_, a)| *a)
    }

    /// The most serious finding about each room, for outlines on the plan.
    pub fn worst_finding_of(&self, id: &str) -> Option<&Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| f.rooms.iter().any(|r| r == id))
            .min_by_key(|f| f.severity)
    }
}

/// A plan with no rooms yet, for a committee still to be named.
pub fn empty_plan() -> Plan {
    Plan {
        format: Format1,
        revision: Revision {
            number: 1,
            date: chrono::Local::now().date_naive(),
            initiated_by: Default::default(),
            reason: None,
            consent: None,
        },
        committee: Committee {
            code: String::new(),
            name: "新居委会".into(),
            street: String::new(),
            address: String::new(),
            estate: Estate::New,
            street_facing: false,
            police: None,
            staff: None,
            certified_area: None,
            estates: Vec::new(),
        },
        rooms: Vec::new(),
        doors: Vec::new(),
        items: Vec::new(),
        underlays: Vec::new(),
    }
}

/// What is selected on the plan. A vertex belongs to the selected room.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub room: Option<String>,
    pub vertex: Option<usize>,
    pub door: Option<usize>,
    pub item: Option<usize>,
    /// The finding clicked last in the findings panel.
    pub finding: Option<usize>,
}

impl Selection {
    pub fn room(id: impl Into<String>) -> Self {
        Selection {
            room: Some(id.into()),
            ..default()
        }
    }

    pub fn door(index: usize) -> Self {
        Selection {
            door: Some(index),
            ..default()
        }
    }

    pub fn item(index: usize) -> Self {
        Selection {
            item: Some(index),
            ..default()
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Selection::default()
    }

    /// Keep pointing at the same door or item when an edit inserts or
    /// removes one before it; drop it when it is removed.
    pub fn follow(&mut self, edit: &Edit) {
        fn shift(sel: &mut Option<usize>, at: usize, inserted: bool) {
            if let Some(i) = *sel {
                *sel = match (inserted, i.cmp(&at)) {
                    (_, std::cmp::Ordering::Less) => Some(i),
                    (true, _) => Some(i + 1),
                    (false, std::cmp::Ordering::Equal) => None,
                    (false, std::cmp::Ordering::Greater) => Some(i - 1),
                };
            }
        }
        match edit {
            Edit::InsertItem { index, .. } => shift(&mut self.item, *index, true),
            Edit::DeleteItem { index } => shift(&mut self.item, *index, false),
            Edit::InsertDoor { index, .. } => shift(&mut self.door, *index, true),
            Edit::DeleteDoor { index } => shift(&mut self.door, *index, false),
            Edit::DeleteRoom { .. } | Edit::RestoreRoom { .. } => {
                self.item = None;
                self.door = None;
            }
            Edit::DeleteVertex { room, index } if self.room.as_ref() == Some(room) => {
                shift(&mut self.vertex, *index, false)
            }
            _ => {}
        }
    }

    /// Drop what no longer exists in the plan.
    fn prune(&mut self, plan: &Plan) {
        if let Some(id) = &self.room {
            match plan.room(id) {
                None => {
                    self.room = None;
                    self.vertex = None;
                }
                Some(r) if self.vertex.is_some_and(|v| v >= r.outline.len()) => self.vertex = None,
                _ => {}
            }
        } else {
            self.vertex = None;
        }
        if self.door.is_some_and(|d| d >= plan.doors.len()) {
            self.door = None;
        }
        if self.item.is_some_and(|i| i >= plan.items.len()) {
            self.item = None;
        }
    }
}

/// The storey shown and edited; the rooms of the other levels are drawn
/// faint beneath it (`rooms[].level`, rev 2). Set to the plan's first level
/// ([`crate::edit::levels::first_level`]) whenever another plan is opened.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CurrentLevel(pub i32);

/// The tool the pointer works with on the plan.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub enum Tool {
    /// Select, drag vertices / doors / items, double-click a wall to add a point.
    #[default]
    Select,
    /// Click the corners of a new room; click the first one again (or press
    /// Enter) to close it.
    DrawRoom { points: Vec<(f64, f64)> },
    /// Click a wall to put a door on it.
    AddDoor,
    /// Click in a room or a site place to put an item there.
    AddItem(ItemKind),
    /// Click in a room where a room of the level above (or below) overlaps
    /// it to put a stair between the two.
    AddStair,
    /// The trace window's tools over the underlay (rectify, calibrate,
    /// rectangle rooms, split): see `underlay::TraceUi`.
    Trace,
}

impl Tool {
    pub fn name(&self, lang: Lang) -> &'static str {
        match self {
            Tool::Select => lang.pick("选择", "select"),
            Tool::DrawRoom { .. } => lang.pick("画房间", "draw room"),
            Tool::AddDoor => lang.pick("加门", "add door"),
            Tool::AddItem(_) => lang.pick("放物品", "place item"),
            Tool::AddStair => lang.pick("加楼梯", "add stair"),
            Tool::Trace => lang.pick("描图", "trace"),
        }
    }
}

/// A change to the plan or its history, from a panel or a tool. Applied by
/// one system, through the undo stack; the plan is re-checked after it.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum PlanCommand {
    /// A new undo step.
    Edit(Edit),
    /// A step of a drag: merged with the previous step of the same drag.
    Drag(Edit),
    /// The drag is over.
    EndDrag,
    Undo,
    Redo,
}

/// A finding was clicked: select its room and frame it.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelectFinding(pub usize);

/// Ask the view to frame a room (by id).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct FrameRoom(pub String);

/// The last thing the planner has to tell the user (an edit refused, a file
/// saved…), in both languages.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Notice {
    pub text: Option<(String, String)>,
    /// Whether it is an error (shown in red).
    pub error: bool,
}

impl Notice {
    pub fn info(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.text = Some((zh.into(), en.into()));
        self.error = false;
    }

    pub fn error(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.text = Some((zh.into(), en.into()));
        self.error = true;
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        self.text.as_ref().map(|(zh, en)| lang.pick(zh, en))
    }
}

/// The language of the interface (Chinese unless the user chose English).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UiLang(pub Lang);

/// The systems of the document, in order, each frame.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum LogicSet {
    /// Apply commands and selections, then re-check.
    Apply,
}

/// The document logic: no window, no rendering.
pub struct PlannerLogicPlugin;

impl Plugin for PlannerLogicPlugin {
    fn build(&self, app: &mut App) {
        if !app.world().contains_resource::<Doc>() {
            app.insert_resource(Doc::untitled());
        }
        app.init_resource::<Selection>()
            .init_resource::<CurrentLevel>()
            .init_resource::<Tool>()
            .init_resource::<Notice>()
            .init_resource::<UiLang>()
            .add_message::<PlanCommand>()
            .add_message::<SelectFinding>()
            .add_message::<FrameRoom>()
            .add_systems(
                Update,
                (follow_level, apply_commands, select_finding, recheck)
                    .chain()
                    .in_set(LogicSet::Apply),
            );
    }
}

/// Another plan was opened: show its first level. A room, door or item
/// selected on another level than the one shown (a finding clicked, undo)
/// brings its level up.
pub fn follow_level(
    doc: Res<Doc>,
    selection: Res<Selection>,
    mut level: ResMut<CurrentLevel>,
    mut tool: ResMut<Tool>,
    mut seen: Local<Option<u64>>,
) {
    if *seen != Some(doc.serial) {
        // at the start, a level asked for (`--level`) with rooms stays
        let keep = seen.is_none() && doc.plan.rooms.iter().any(|r| r.level == level.0);
        *seen = Some(doc.serial);
        let first = crate::edit::levels::first_level(&doc.plan);
        if level.0 != first && !keep {
            level.0 = first;
        }
        return;
    }
    if !selection.is_changed() {
        return;
    }
    let plan = &doc.plan;
    let room_level = |id: &str| plan.room(id).map(|r| r.level);
    let wanted = if let Some(id) = &selection.room {
        room_level(id)
    } else if let Some(d) = selection.door.and_then(|i| plan.doors.get(i)) {
        // a stair is on both its levels: stay when one is shown
        let levels = [room_level(&d.between.0), room_level(&d.between.1)];
        match levels.contains(&Some(level.0)) {
            true => None,
            false => levels.into_iter().flatten().next(),
        }
    } else {
        selection
            .item
            .and_then(|i| plan.items.get(i))
            .and_then(|it| it.room())
            .and_then(room_level)
    };
    if let Some(l) = wanted.filter(|l| *l != level.0) {
        level.0 = l;
        if matches!(*tool, Tool::DrawRoom { .. }) {
            *tool = Tool::Select;
        }
    }
}

/// Apply the commands of this frame through the undo stack.
pub fn apply_commands(
    mut commands: MessageReader<PlanCommand>,
    mut doc: ResMut<Doc>,
    mut selection: ResMut<Selection>,
    mut notice: ResMut<Notice>,
) {
    let mut any = false;
    for cmd in commands.read() {
        any = true;
        let doc = &mut *doc;
        let applies = match cmd {
            PlanCommand::Edit(e) | PlanCommand::Drag(e) => Some(e.clone()),
            PlanCommand::Undo => doc.stack.next_undo().cloned(),
            PlanCommand::Redo => doc.stack.next_redo().cloned(),
            PlanCommand::EndDrag => None,
        };
        // what a room's deletion takes with it, told once it is done
        let deleting = match cmd {
            PlanCommand::Edit(Edit::DeleteRoom { room }) => doc
                .plan
                .room(room)
                .map(|r| deleted_room_notice(&doc.plan, r)),
            _ => None,
        };
        let result = match cmd.clone() {
            PlanCommand::Edit(e) => doc.stack.apply(&mut doc.plan, e),
            PlanCommand::Drag(e) => doc.stack.apply_drag(&mut doc.plan, e),
            PlanCommand::EndDrag => {
                doc.stack.end_drag();
                Ok(())
            }
            PlanCommand::Undo => doc.stack.undo(&mut doc.plan).map(|done| {
                if !done {
                    notice.info("没有可撤销的操作", "nothing to undo");
                }
            }),
            PlanCommand::Redo => doc.stack.redo(&mut doc.plan).map(|done| {
                if !done {
                    notice.info("没有可重做的操作", "nothing to redo");
                }
            }),
        };
        match result {
            Ok(()) => {
                match (cmd, applies) {
                    // what was just made is selected, so that its inspector
                    // opens ready for count, asset cards, name and zones
                    (PlanCommand::Edit(e), _) if created(e).is_some() => {
                        *selection = created(e).unwrap_or_default();
                    }
                    (_, Some(e)) => selection.follow(&e),
                    _ => {}
                }
                if let Some((zh, en)) = deleting {
                    notice.info(zh, en);
                }
            }
            Err(e) => notice.error(e.message, e.message_en),
        }
    }
    if any {
        selection.prune(&doc.plan);
    }
}

/// The selection of what an edit creates (a room drawn, a door or an item
/// put on the plan); `None` for other edits.
fn created(e: &Edit) -> Option<Selection> {
    match e {
        Edit::AddRoom { room } => Some(Selection::room(room.id.clone())),
        Edit::InsertDoor { index, .. } => Some(Selection::door(*index)),
        Edit::InsertItem { index, .. } => Some(Selection::item(*index)),
        _ => None,
    }
}

/// What deleting room `r` says (zh, en): its name, and the items and doors
/// that go with it, so that nothing goes without a word.
pub fn deleted_room_notice(plan: &Plan, r: &crate::model::Room) -> (String, String) {
    let name = if r.name.trim().is_empty() {
        r.id.as_str()
    } else {
        r.name.as_str()
    };
    // things, as counted: a desk entry of count 6 is six desks
    let items: u32 = plan
        .items
        .iter()
        .filter(|i| i.room() == Some(r.id.as_str()))
        .map(|i| i.count)
        .sum();
    let doors = plan.doors.iter().filter(|d| d.touches(&r.id)).count();
    let (with_zh, with_en) = match (items, doors) {
        (0, 0) => (String::new(), String::new()),
        (n, 0) => (
            format!("(含 {n} 件物品)"),
            format!(" (with {n} item{})", plural(n as usize)),
        ),
        (0, m) => (
            format!("(含 {m} 扇门)"),
            format!(" (with {m} door{})", plural(m)),
        ),
        (n, m) => (
            format!("(含 {n} 件物品、{m} 扇门)"),
            format!(
                " (with {n} item{} and {m} door{})",
                plural(n as usize),
                plural(m)
            ),
        ),
    };
    (
        format!("已删除房间「{name}」{with_zh} — Ctrl+Z 撤销"),
        format!("deleted room \"{name}\"{with_en} — Ctrl+Z to undo"),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A finding was clicked: select it and its first room (or the item it is
/// about, in that room), and frame the room.
pub fn select_finding(
    mut clicks: MessageReader<SelectFinding>,
    doc: Res<Doc>,
    mut selection: ResMut<Selection>,
    mut frame: MessageWriter<FrameRoom>,
) {
    for SelectFinding(i) in clicks.read() {
        let Some(f) = doc.report.findings.get(*i) else {
            continue;
        };
        let room = f.rooms.iter().find(|r| doc.plan.room(r).is_some()).cloned();
        // a finding about one item in a room (a board, an unlinked computer):
        // select the item itself, so the inspector shows what to fix
        let item = match (f.items.as_slice(), &room) {
            ([kind], Some(r)) => doc.plan.items.iter().position(|it| {
                it.kind.ident() == kind
                    && it.room() == Some(r.as_str())
                    && f.assets.iter().all(|a| it.assets.contains(a))
            }),
            _ => None,
        };
        *selection = Selection {
            room: if item.is_some() { None } else { room.clone() },
            item,
            finding: Some(*i),
            ..default()
        };
        if let Some(r) = room {
            frame.write(FrameRoom(r));
        }
    }
}

/// Re-check the plan after any change (same frame as the edit), and say
/// which findings the change cleared.
pub fn recheck(mut doc: ResMut<Doc>, mut selection: ResMut<Selection>, mut notice: ResMut<Notice>) {
    // avoid flagging the resource changed when nothing happened
    if doc.bypass_change_detection().recheck() {
        doc.set_changed();
        if !doc.resolved.is_empty() {
            let list = |lang: Lang| {
                doc.resolved
                    .iter()
                    .map(|f| format!("[{}] {}", f.code, f.message(lang)))
                    .collect::<Vec<_>>()
                    .join(lang.pick(";", "; "))
            };
            let (zh, en) = (
                format!("已解决 {}", list(Lang::Zh)),
                format!("resolved {}", list(Lang::En)),
            );
            // after what the edit itself said (a deletion), not instead of it
            match notice
                .text
                .clone()
                .filter(|_| notice.is_changed() && !notice.error)
            {
                Some((z, e)) => notice.info(format!("{z};{zh}"), format!("{e}; {en}")),
                None => notice.info(zh, en),
            }
        }
        // the finding list changed: a clicked finding no longer means the same
        selection.bypass_change_detection().finding = None;
    }
}
