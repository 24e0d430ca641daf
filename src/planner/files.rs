//! Files: new, open and save (native dialogs through rfd, run off the main
//! thread), recent files, the "modified" prompt before unsaved work is
//! dropped, and an autosave copy written every minute while the plan has
//! unsaved changes, so that a crash loses at most a minute of work.
//!
//! Saves go through [`crate::io::save_plan`] (temporary file + rename).
//! Autosave copies live in `<config folder>/autosave/`; opening a file whose
//! copy is newer offers to recover it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use bevy::prelude::*;
use bevy::tasks::{futures::check_ready, IoTaskPool, Task};
use bevy::window::WindowCloseRequested;
use bevy_egui::egui;

use super::actions::UiAction;
pub use super::actions::{DialogKind, FileAction, RegisterChoice};
use super::canvas::UiFocus;
use super::settings::{config_dir, Settings};
use super::state::{Doc, Notice, Selection, Tool, UiLang};
use crate::import::DrawingUnits;
use crate::import::{Notice as ImportNotice, NoticeKind};
use crate::io::{parse_plan, plan_to_string, save_plan, write_atomic};
use crate::model::Lang;

/// Seconds between autosaves of a modified plan.
pub const AUTOSAVE_SECS: f64 = 60.0;

/// What the file dialogs show.
#[derive(Resource, Debug, Default)]
pub struct FilesUi {
    /// Waiting for the user: save, discard or cancel before this action.
    pub prompt: Option<FileAction>,
    /// A file could not be read or written (zh, en).
    pub error: Option<(String, String)>,
    /// An autosave copy newer than the file was found.
    pub recover: Option<PathBuf>,
    /// The planner's own window asking for a path (open, save as, import,
    /// open register), when the system's file dialog is not available.
    pub path_prompt: Option<PathPrompt>,
    /// Whether to try the system's file dialogs (rfd). Off until the app
    /// finds them ([`native_dialogs_available`]), and off for good once one
    /// failed; tests never open one.
    pub native: bool,
    /// After a save under a new name: copy or link the register there?
    pub register_offer: Option<RegisterOffer>,
    /// Plans and registers for which "not now" was answered.
    register_kept: Vec<(PathBuf, PathBuf)>,
    /// After a successful "save as" started from the prompt, do this.
    after_save: Option<FileAction>,
    dialog: Option<(Task<Option<PathBuf>>, DialogKind, std::time::Instant)>,
    prompts: u64,
}

/// The plan was saved under a name whose register beside it
/// (`NAME.register.ron`) is not the register in use: without a word, the
/// next opening would check the plan without it.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterOffer {
    /// The register in use.
    pub register: PathBuf,
    /// Where the plan's register is looked for.
    pub beside: PathBuf,
    /// A file already stands there (another register, or something else).
    pub beside_exists: bool,
    /// What waited for the save (quit, open another plan…).
    pub then: Option<FileAction>,
}

/// The typed-path window: what it is for, the path it starts with, and
/// whether it stands in for a system dialog that could not open.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    pub kind: DialogKind,
    pub initial: String,
    pub dialog_unavailable: bool,
    /// Changes with each new request, so the window starts afresh.
    pub serial: u64,
}

/// The text typed into the path window, kept between frames.
#[derive(Debug, Default)]
pub struct PathBuffer {
    serial: Option<u64>,
    pub text: String,
    pub kind: Option<DialogKind>,
}

/// Whether a system file dialog can open here: the XDG desktop portal (on
/// the session's D-Bus) or zenity. A portal that fails at run time is found
/// out when its dialog comes back at once ([`poll_dialog`]).
pub fn native_dialogs_available() -> bool {
    let on_path = |name: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
    };
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty());
    session_bus || on_path("zenity")
}

/// A typed path as the user meant it: quotes around it dropped (pasted from
/// a file manager), `~` for the home folder, relative to the open plan's
/// folder; a plan saved without an extension gets `.ron`.
pub fn typed_path(text: &str, kind: DialogKind, doc: &Doc) -> Option<PathBuf> {
    let t = text
        .trim()
        .trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'));
    if t.is_empty() {
        return None;
    }
    let mut p = match (t.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(t),
    };
    if p.is_relative() {
        if let Some(dir) = doc.path.as_ref().and_then(|d| d.parent()) {
            p = dir.join(p);
        }
    }
    if kind == DialogKind::Save && p.extension().is_none() {
        p.set_extension("ron");
    }
    Some(p)
}

impl FilesUi {
    /// A dialog covers the window: the canvas takes no input.
    pub fn is_modal(&self) -> bool {
        self.prompt.is_some()
            || self.error.is_some()
            || self.recover.is_some()
            || self.dialog.is_some()
            || self.path_prompt.is_some()
            || self.register_offer.is_some()
    }

    /// Show an error that names the file (and line and column).
    pub fn show_error(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.error = Some((zh.into(), en.into()));
    }

    /// Ask for a path in the planner's own window.
    pub fn ask_path(&mut self, kind: DialogKind, doc: &Doc, dialog_unavailable: bool) {
        self.prompts += 1;
        let dir = doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let initial = match kind {
            DialogKind::Save => dir.join(default_save_name(doc, Lang::Zh)),
            _ => dir.join(""),
        };
        self.path_prompt = Some(PathPrompt {
            kind,
            initial: initial.display().to_string(),
            dialog_unavailable,
            serial: self.prompts,
        });
    }
}

/// The file name a save starts with: the plan's, else the committee code's.
fn default_save_name(doc: &Doc, lang: Lang) -> String {
    doc.path.as_ref().and_then(|p| p.file_name()).map_or_else(
        || match doc.plan.committee.code.trim() {
            "" => lang.pick("平面图.ron", "plan.ron").to_string(),
            code => format!("{code}.ron"),
        },
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Where the autosave copy of a plan goes (`None` without a config folder).
pub fn autosave_path(plan_path: Option<&Path>) -> Option<PathBuf> {
    let dir = config_dir()?.join("autosave");
    let name = match plan_path {
        None => "untitled.ron".to_string(),
        Some(p) => {
            let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            let stem = p
                .file_stem()
                .map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
            format!(
                "{stem}-{:016x}.ron",
                fnv1a(full.to_string_lossy().as_bytes())
            )
        }
    };
    Some(dir.join(name))
}

/// FNV-1a: a hash that stays the same from one build to the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

fn modified_time(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// An autosave copy of `plan_path` worth offering: newer than the file (or
/// the file is gone) and different from it.
pub fn recoverable(plan_path: Option<&Path>) -> Option<PathBuf> {
    let copy = autosave_path(plan_path)?;
    let copy_time = modified_time(&copy)?;
    if let Some(p) = plan_path {
        if let Some(t) = modified_time(p) {
            if t >= copy_time {
                return None;
            }
        }
        if std::fs::read(p).ok() == std::fs::read(&copy).ok() {
            return None;
        }
    }
    Some(copy)
}

/// Write the autosave copy of the open plan.
pub fn write_autosave(doc: &Doc) -> std::io::Result<Option<PathBuf>> {
    let Some(copy) = autosave_path(doc.path.as_deref()) else {
        return Ok(None);
    };
    if let Some(dir) = copy.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomic(&copy, plan_to_string(&doc.plan).as_bytes())?;
    Ok(Some(copy))
}

/// Remove the autosave copy of a plan (it was saved, or its changes dropped).
pub fn remove_autosave(plan_path: Option<&Path>) {
    if let Some(copy) = autosave_path(plan_path) {
        let _ = std::fs::remove_file(copy);
    }
}

pub struct FilesPlugin;

impl Plugin for FilesPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<FilesUi>()
            .init_resource::<ImportReview>()
            .add_message::<FileAction>()
            .add_systems(
                Update,
                (
                    shortcuts,
                    close_requested,
                    poll_dialog,
                    file_actions,
                    autosave,
                )
                    .chain()
                    .before(super::state::LogicSet::Apply),
            )
            .add_systems(Update, wake_for_dialog.after(poll_dialog));
    }
}

fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    focus: Res<UiFocus>,
    mut out: MessageWriter<FileAction>,
) {
    let ctrl = super::picking::held(&keys, [KeyCode::ControlLeft, KeyCode::ControlRight]);
    if focus.typing || !ctrl {
        return;
    }
    let shift = super::picking::held(&keys, [KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if keys.just_pressed(KeyCode::KeyS) {
        out.write(if shift {
            FileAction::SaveAs
        } else {
            FileAction::Save
        });
    }
    if keys.just_pressed(KeyCode::KeyO) {
        out.write(FileAction::Open);
    }
    if keys.just_pressed(KeyCode::KeyN) {
        out.write(FileAction::New);
    }
}

fn close_requested(
    mut asks: MessageReader<WindowCloseRequested>,
    mut out: MessageWriter<FileAction>,
) {
    if asks.read().count() > 0 {
        out.write(FileAction::Quit);
    }
}

/// A dialog that comes back empty this soon did not open (no portal, no
/// zenity): nobody cancels a file dialog in under half a second.
const DIALOG_FAILED_WITHIN: std::time::Duration = std::time::Duration::from_millis(500);

fn poll_dialog(
    mut ui: ResMut<FilesUi>,
    doc: Res<Doc>,
    mut notice: ResMut<Notice>,
    mut out: MessageWriter<FileAction>,
) {
    let Some((task, kind, started)) = ui.dialog.as_mut() else {
        return;
    };
    let (kind, started) = (*kind, *started);
    let Some(result) = check_ready(task) else {
        return;
    };
    ui.dialog = None;
    match result {
        Some(p) => {
            out.write(kind.action(p));
        }
        None if started.elapsed() < DIALOG_FAILED_WITHIN => {
            // the system dialog could not open: ask in our own window, and
            // do not try the system's again in this run
            ui.native = false;
            notice.error(
                "系统文件对话框不可用:请在窗口中输入路径",
                "the system file dialog is not available: type the path in the window",
            );
            ui.ask_path(kind, &doc, true);
        }
        // cancelled: whatever waited for a "save as" is dropped too
        None => ui.after_save = None,
    }
}

/// While a system dialog is open, look ten times a second for its answer:
/// in reactive rendering nothing else would wake the planner when the
/// dialog closes (its window is another program's).
fn wake_for_dialog(
    ui: Res<FilesUi>,
    settings: Option<ResMut<bevy::winit::WinitSettings>>,
    mut sped_up: Local<bool>,
) {
    use bevy::winit::UpdateMode;
    let Some(mut settings) = settings else { return };
    let waiting = ui.dialog.is_some();
    if waiting && !*sped_up {
        if settings.focused_mode == UpdateMode::Continuous {
            return;
        }
        let poll = UpdateMode::reactive_low_power(std::time::Duration::from_millis(100));
        settings.focused_mode = poll;
        settings.unfocused_mode = poll;
        *sped_up = true;
    } else if !waiting && *sped_up {
        *settings = super::idle_settings();
        *sped_up = false;
    }
}

fn start_dialog(ui: &mut FilesUi, kind: DialogKind, doc: &Doc, lang: Lang) {
    if ui.dialog.is_some() || ui.path_prompt.is_some() {
        return;
    }
    if !ui.native {
        ui.ask_path(kind, doc, true);
        return;
    }
    let (filter, ext) = match kind {
        DialogKind::Register => (lang.pick("资产台账 (RON)", "Register (RON)"), "ron"),
        DialogKind::Import => (lang.pick("CAD 图纸 (DXF)", "CAD drawing (DXF)"), "dxf"),
        _ => (lang.pick("平面图 (RON)", "Plan (RON)"), "ron"),
    };
    let mut d = rfd::AsyncFileDialog::new().add_filter(filter, &[ext]);
    if kind == DialogKind::Open {
        // 打开 takes a drawing too: it goes through the import
        d = d.add_filter(lang.pick("CAD 图纸 (DXF)", "CAD drawing (DXF)"), &["dxf"]);
    }
    if let Some(dir) = doc.path.as_ref().and_then(|p| p.parent()) {
        d = d.set_directory(dir);
    }
    let d = d.set_title(kind.title(lang));
    let task = match kind {
        DialogKind::Save => {
            let d = d.set_file_name(default_save_name(doc, lang));
            IoTaskPool::get()
                .spawn(async move { d.save_file().await.map(|h| h.path().to_path_buf()) })
        }
        _ => IoTaskPool::get()
            .spawn(async move { d.pick_file().await.map(|h| h.path().to_path_buf()) }),
    };
    ui.dialog = Some((task, kind, std::time::Instant::now()));
}

/// Everything the file actions change.
#[derive(bevy::ecs::system::SystemParam)]
pub struct FileCtx<'w> {
    doc: ResMut<'w, Doc>,
    ui: ResMut<'w, FilesUi>,
    settings: ResMut<'w, Settings>,
    selection: ResMut<'w, Selection>,
    tool: ResMut<'w, Tool>,
    notice: ResMut<'w, Notice>,
    review: ResMut<'w, ImportReview>,
    lang: Res<'w, UiLang>,
}

impl FileCtx<'_> {
    fn replace_doc(&mut self, mut doc: Doc) {
        // the review of an imported drawing goes with its plan
        *self.review = ImportReview::default();
        doc.serial = self.doc.serial + 1;
        // the profile chosen at the start (`--profile`) holds for every plan
        if self.doc.profile_path.is_some() {
            doc.set_profile(self.doc.profile.clone(), self.doc.profile_path.clone());
        }
        *self.doc = doc;
        *self.selection = Selection::default();
        *self.tool = Tool::Select;
    }

    /// Open a file; on failure the error is shown and the open plan stays.
    fn open(&mut self, path: &Path) {
        if is_drawing(path) {
            // a CAD drawing opened with 打开 (or on the command line) is imported
            return self.import(path, None);
        }
        match Doc::open(path) {
            Ok(doc) => {
                self.ui.path_prompt = None;
                self.replace_doc(doc);
                self.settings.touch_recent(path);
                self.settings.store();
                self.ui.recover = recoverable(Some(path));
                self.notice.info(
                    format!("已打开 {}", path.display()),
                    format!("opened {}", path.display()),
                );
            }
            Err(e) => self.ui.show_error(e.display(Lang::Zh), e.display(Lang::En)),
        }
    }

    /// Import a DXF drawing as a new plan that has not been saved yet (its
    /// save asks for a file name); what the import could not understand, and
    /// the defaults it chose, open in the review window. On failure the
    /// error is shown and the open plan stays.
    fn import(&mut self, path: &Path, units: Option<DrawingUnits>) {
        match import_drawing(path, units) {
            Ok((doc, mut review)) => {
                self.ui.path_prompt = None;
                let rooms = review.rooms;
                self.replace_doc(doc);
                review.serial = self.doc.serial;
                *self.review = review;
                self.notice.info(
                    format!("已从 {} 导入 {rooms} 个房间", path.display()),
                    format!("imported {rooms} rooms from {}", path.display()),
                );
            }
            Err(e) => self.ui.show_error(e.display(Lang::Zh), e.display(Lang::En)),
        }
    }

    /// Save to `path`; true when written.
    fn save_to(&mut self, path: &Path) -> bool {
        // events recorded in the register window go to the register first:
        // if they cannot be written, nothing is saved and the user is told
        let written = match self.doc.write_events() {
            Ok(n) => n,
            Err((zh, en)) => {
                self.ui.show_error(zh, en);
                return false;
            }
        };
        // underlay images written relative to the folder saved into
        let plan = crate::edit::trace::underlays_for_file(&self.doc.plan, path);
        match save_plan(path, &plan) {
            Ok(()) => {
                self.ui.path_prompt = None;
                let old = self.doc.path.replace(path.to_path_buf());
                self.doc.stack.mark_saved();
                let status_note = self.status_follows(old.as_deref(), path);
                remove_autosave(old.as_deref());
                remove_autosave(Some(path));
                self.settings.touch_recent(path);
                self.settings.store();
                let (zh, en) = match written {
                    0 => (String::new(), String::new()),
                    n => (
                        format!(",并将 {n} 条记录写入资产台账"),
                        format!(", and wrote {n} events to the register"),
                    ),
                };
                let (szh, sen) = status_note.unwrap_or_default();
                self.notice.info(
                    format!("已保存 {}{zh}{szh}", path.display()),
                    format!("saved {}{en}{sen}", path.display()),
                );
                self.ui.register_offer = register_offer(&self.doc, path).filter(|o| {
                    // asked once for a plan and register: "not now" holds
                    !self
                        .ui
                        .register_kept
                        .contains(&(path.to_path_buf(), o.register.clone()))
                });
                true
            }
            Err(e) => {
                self.ui.show_error(
                    format!("{}: 无法保存: {e}", path.display()),
                    format!("{}: cannot save: {e}", path.display()),
                );
                false
            }
        }
    }

    /// The status file follows a plan saved under another name: when none
    /// stands beside the new name, the one in use is written there (so the
    /// findings keep their status when the plan is opened again); when one
    /// does, it is read. What was done, for the notice (zh, en).
    fn status_follows(&mut self, old: Option<&Path>, new: &Path) -> Option<(String, String)> {
        if old == Some(new) {
            return None;
        }
        let beside = crate::followup::status_path(new);
        if beside.is_file() {
            self.doc.load_status();
            return Some((
                format!(",并读取旁边的整改记录 {}", beside.display()),
                format!(", and read the status file beside it, {}", beside.display()),
            ));
        }
        let file = self.doc.status.clone()?;
        match crate::followup::write_status_atomic(new, &file) {
            Ok(p) => Some((
                format!(",整改记录已写到 {}", p.display()),
                format!(", status file written to {}", p.display()),
            )),
            Err(e) => Some((
                format!(";整改记录无法写到 {}: {e}", beside.display()),
                format!(
                    "; the status file could not be written to {}: {e}",
                    beside.display()
                ),
            )),
        }
    }

    /// After a save: run what waited for it, unless the register question
    /// is asked first (then it runs after the answer).
    fn then(&mut self, next: FileAction, exit: &mut MessageWriter<AppExit>) {
        match self.ui.register_offer.as_mut() {
            Some(offer) => offer.then = Some(next),
            None => self.drop_and(next, exit),
        }
    }

    /// Carry out the answer to the register question.
    fn register_choice(&mut self, offer: &RegisterOffer, choice: RegisterChoice) {
        let (reg, beside) = (&offer.register, &offer.beside);
        let done = match choice {
            RegisterChoice::Copy => std::fs::read(reg)
                .and_then(|bytes| write_atomic(beside, &bytes))
                .map_err(|e| e.to_string()),
            RegisterChoice::Link => link_register(reg, beside).map_err(|e| e.to_string()),
            RegisterChoice::UseBeside => Ok(()),
            RegisterChoice::Keep => {
                if let Some(plan) = self.doc.path.clone() {
                    self.ui.register_kept.push((plan, reg.clone()));
                }
                self.notice.info(
                    format!(
                        "台账 {} 仅本次使用:下次打开平面图时不会自动找到",
                        reg.display()
                    ),
                    format!(
                        "the register {} is used for this session only: the plan will open without it",
                        reg.display()
                    ),
                );
                return;
            }
        };
        if let Err(e) = done {
            self.ui.show_error(
                format!("{}: 无法写入台账: {e}", beside.display()),
                format!("{}: cannot write the register: {e}", beside.display()),
            );
            return;
        }
        match self.doc.open_register(beside) {
            Ok(()) => {
                let (zh, en) = match choice {
                    RegisterChoice::Copy => ("已复制台账为", "copied the register to"),
                    RegisterChoice::Link => ("已链接台账", "linked the register as"),
                    _ => ("已打开台账", "opened the register"),
                };
                self.notice.info(
                    format!("{zh} {}", beside.display()),
                    format!("{en} {}", beside.display()),
                );
            }
            Err((zh, en)) => {
                // the file beside is not this committee's register: say so,
                // and check without one rather than with the wrong one
                self.doc.close_register();
                self.doc.register_problem = Some((zh.clone(), en.clone()));
                self.ui.show_error(zh, en);
            }
        }
    }

    /// Run an action that drops the open plan (new, open, quit).
    fn drop_and(&mut self, action: FileAction, exit: &mut MessageWriter<AppExit>) {
        remove_autosave(self.doc.path.as_deref());
        match action {
            FileAction::New => {
                self.replace_doc(Doc::untitled());
                self.ui.recover = recoverable(None);
            }
            FileAction::Open => {
                let lang = self.lang.0;
                start_dialog(&mut self.ui, DialogKind::Open, &self.doc, lang);
            }
            FileAction::OpenPath(p) => self.open(&p),
            FileAction::Import => {
                let lang = self.lang.0;
                start_dialog(&mut self.ui, DialogKind::Import, &self.doc, lang);
            }
            FileAction::ImportPath(p) => self.import(&p, None),
            FileAction::ImportWith(p, units) => self.import(&p, Some(units)),
            FileAction::Quit => {
                exit.write(AppExit::Success);
            }
            _ => {}
        }
    }
}

pub fn file_actions(
    mut actions: MessageReader<FileAction>,
    mut cx: FileCtx,
    mut exit: MessageWriter<AppExit>,
) {
    for a in actions.read() {
        let lang = cx.lang.0;
        match a.clone() {
            a @ (FileAction::New
            | FileAction::Open
            | FileAction::OpenPath(_)
            | FileAction::Import
            | FileAction::ImportPath(_)
            | FileAction::Quit) => {
                if cx.doc.is_modified() {
                    cx.ui.prompt = Some(a);
                } else if a == FileAction::Open {
                    // nothing to lose: the open plan stays until a file is picked
                    start_dialog(&mut cx.ui, DialogKind::Open, &cx.doc, lang);
                } else if a == FileAction::Import {
                    start_dialog(&mut cx.ui, DialogKind::Import, &cx.doc, lang);
                } else {
                    cx.drop_and(a, &mut exit);
                }
            }
            FileAction::ImportWith(p, units) => {
                // nothing done since the import: read it again at once
                let untouched = cx.doc.stack.depth() == 0 && cx.review.serial == cx.doc.serial;
                if cx.doc.is_modified() && !untouched {
                    cx.ui.prompt = Some(FileAction::ImportWith(p, units));
                } else {
                    cx.import(&p, Some(units));
                }
            }
            FileAction::Save => match cx.doc.path.clone() {
                Some(p) => {
                    cx.save_to(&p);
                }
                None => start_dialog(&mut cx.ui, DialogKind::Save, &cx.doc, lang),
            },
            FileAction::SaveAs => start_dialog(&mut cx.ui, DialogKind::Save, &cx.doc, lang),
            FileAction::OpenRegister => {
                start_dialog(&mut cx.ui, DialogKind::Register, &cx.doc, lang)
            }
            FileAction::OpenRegisterPath(p) => match cx.doc.open_register(&p) {
                Ok(()) => {
                    cx.ui.path_prompt = None;
                    cx.notice.info(
                        format!("已打开资产台账 {}", p.display()),
                        format!("opened the register {}", p.display()),
                    )
                }
                Err((zh, en)) => cx.ui.show_error(zh, en),
            },
            FileAction::SaveTo(p) => {
                if cx.save_to(&p) {
                    if let Some(next) = cx.ui.after_save.take() {
                        cx.then(next, &mut exit);
                    }
                } else {
                    cx.ui.after_save = None;
                }
            }
            FileAction::PromptSave => {
                let Some(next) = cx.ui.prompt.take() else {
                    continue;
                };
                match cx.doc.path.clone() {
                    Some(p) => {
                        if cx.save_to(&p) {
                            cx.then(next, &mut exit);
                        }
                    }
                    None => {
                        cx.ui.after_save = Some(next);
                        start_dialog(&mut cx.ui, DialogKind::Save, &cx.doc, lang);
                    }
                }
            }
            FileAction::PromptDiscard => {
                if let Some(next) = cx.ui.prompt.take() {
                    cx.drop_and(next, &mut exit);
                }
            }
            FileAction::PromptCancel => cx.ui.prompt = None,
            FileAction::DismissError => cx.ui.error = None,
            FileAction::RegisterAfterSave(choice) => {
                let Some(offer) = cx.ui.register_offer.take() else {
                    continue;
                };
                cx.register_choice(&offer, choice);
                if let Some(next) = offer.then {
                    cx.drop_and(next, &mut exit);
                }
            }
            FileAction::AskPath(kind) => {
                if cx.ui.path_prompt.is_none() {
                    cx.ui.ask_path(kind, &cx.doc, false);
                }
            }
            FileAction::CancelPath => {
                if cx
                    .ui
                    .path_prompt
                    .take()
                    .is_some_and(|p| p.kind == DialogKind::Save)
                {
                    // whatever waited for the "save as" is dropped too
                    cx.ui.after_save = None;
                }
            }
            FileAction::RecoverAutosave => {
                let Some(copy) = cx.ui.recover.take() else {
                    continue;
                };
                let text = std::fs::read_to_string(&copy);
                match text.map(|t| parse_plan(&copy, &t)) {
                    Ok(Ok(plan)) => {
                        let mut doc = Doc::new(plan, cx.doc.path.clone());
                        doc.stack.mark_unsaved();
                        cx.replace_doc(doc);
                        cx.notice
                            .info("已恢复自动保存的副本", "recovered the autosave copy");
                    }
                    Ok(Err(e)) => cx.ui.show_error(e.display(Lang::Zh), e.display(Lang::En)),
                    Err(e) => cx.ui.show_error(
                        format!("{}: 无法读取: {e}", copy.display()),
                        format!("{}: cannot read: {e}", copy.display()),
                    ),
                }
            }
            FileAction::DiscardAutosave => {
                if let Some(copy) = cx.ui.recover.take() {
                    let _ = std::fs::remove_file(copy);
                }
            }
        }
    }
}

/// The question to ask after saving the plan at `path`, if its register
/// would not be found beside it.
pub fn register_offer(doc: &Doc, path: &Path) -> Option<RegisterOffer> {
    let reg = doc.register.as_ref()?;
    let beside = super::state::register_beside(path);
    let same = |a: &Path, b: &Path| {
        a == b
            || matches!(
                (std::fs::canonicalize(a), std::fs::canonicalize(b)),
                (Ok(x), Ok(y)) if x == y
            )
    };
    if same(&reg.path, &beside) {
        return None;
    }
    Some(RegisterOffer {
        register: reg.path.clone(),
        beside_exists: beside.exists() || beside.symlink_metadata().is_ok(),
        beside,
        then: None,
    })
}

/// A symbolic link at `beside` to the register `reg`: relative when both
/// are in one folder (the pair can then be moved together).
#[cfg(unix)]
fn link_register(reg: &Path, beside: &Path) -> std::io::Result<()> {
    let target = match (reg.parent(), beside.parent()) {
        (Some(a), Some(b)) if std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok() => reg
            .file_name()
            .map(PathBuf::from)
            .unwrap_or_else(|| reg.to_path_buf()),
        _ => std::fs::canonicalize(reg)?,
    };
    std::os::unix::fs::symlink(target, beside)
}

#[cfg(not(unix))]
fn link_register(_reg: &Path, _beside: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "symbolic links are not available here: copy the register instead",
    ))
}

/// The review of a drawing just imported: what the import could not
/// understand and the defaults it chose, each to be ticked off, for as long
/// as its plan is open (the window can be closed and opened again).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ImportReview {
    pub open: bool,
    /// The drawing; `None` when the open plan was not imported.
    pub source: Option<PathBuf>,
    pub rooms: usize,
    pub units: Option<DrawingUnits>,
    /// Warnings first, then notes.
    pub notices: Vec<ImportNotice>,
    /// Ticked off by the user.
    pub checked: Vec<bool>,
    /// The document the review belongs to ([`Doc::serial`]).
    pub serial: u64,
}

impl ImportReview {
    /// Whether the committee's data are the import's defaults.
    pub fn committee_defaults(&self) -> bool {
        self.notices
            .iter()
            .any(|n| n.kind == NoticeKind::CommitteeDefaults)
    }
}

/// Import a drawing: the new plan (not saved yet, so counted as modified)
/// and its review. `units` overrides what the drawing says.
pub fn import_drawing(
    path: &Path,
    units: Option<DrawingUnits>,
) -> Result<(Doc, ImportReview), crate::io::LoadError> {
    let mut opts = crate::import::ImportOptions::for_drawing(path);
    opts.units = units;
    let imported = crate::import::import_dxf(path, &opts)?;
    let notices: Vec<ImportNotice> = imported
        .warnings
        .iter()
        .chain(&imported.notes)
        .cloned()
        .collect();
    let review = ImportReview {
        open: true,
        source: Some(path.to_path_buf()),
        rooms: imported.plan.rooms.len(),
        units: Some(imported.units),
        checked: vec![false; notices.len()],
        notices,
        serial: 0,
    };
    let mut doc = Doc::new(imported.plan, None);
    doc.stack.mark_unsaved();
    Ok((doc, review))
}

/// Whether a file is a CAD drawing (`.dxf`, any case), to be imported.
pub fn is_drawing(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("dxf"))
}

/// Write the autosave copy once a minute while there are unsaved changes.
fn autosave(
    time: Res<Time<Real>>,
    doc: Res<Doc>,
    mut notice: ResMut<Notice>,
    mut last: Local<Option<(f64, (u64, u64))>>,
) {
    let now = time.elapsed_secs_f64();
    let version = doc.version();
    let (at, saved) = *last.get_or_insert((now, version));
    if !doc.is_modified() || saved == version || now - at < AUTOSAVE_SECS {
        return;
    }
    match write_autosave(&doc) {
        Ok(_) => {}
        Err(e) => notice.error(
            format!("自动保存失败: {e}"),
            format!("autosave failed: {e}"),
        ),
    }
    *last = Some((now, version));
}

/// The modal dialogs: unsaved changes, file errors, autosave recovery.
pub fn dialogs(
    ctx: &egui::Context,
    ui_state: &FilesUi,
    path_buf: &mut PathBuffer,
    doc: &Doc,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    if let Some(prompt) = &ui_state.path_prompt {
        out.extend(path_window(ctx, prompt, path_buf, doc, lang));
    }
    if let Some(pending) = &ui_state.prompt {
        egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
            ui.heading(lang.pick("有未保存的修改", "Unsaved changes"));
            let what = match pending {
                FileAction::Quit => lang.pick("退出前", "before quitting"),
                _ => lang.pick("打开其他平面图前", "before opening another plan"),
            };
            ui.label(format!(
                "{} {} {}",
                doc.name(lang),
                lang.pick("已修改。", "was modified."),
                lang.pick(&format!("{what}是否保存?"), &format!("Save it {what}?"))
            ));
            ui.horizontal(|ui| {
                if ui.button(lang.pick("保存", "Save")).clicked() {
                    out.push(UiAction::File(FileAction::PromptSave));
                }
                if ui.button(lang.pick("不保存", "Don't save")).clicked() {
                    out.push(UiAction::File(FileAction::PromptDiscard));
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    out.push(UiAction::File(FileAction::PromptCancel));
                }
            });
        });
    }
    if let Some(offer) = &ui_state.register_offer {
        egui::Modal::new(egui::Id::new("register-offer")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading(lang.pick("台账放在哪里?", "Where is the register?"));
            let name = |p: &Path| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
            };
            ui.label(format!(
                "{} {} {}",
                lang.pick("平面图已保存。打开它时,台账会在旁边的", "The plan was saved. When it is opened, its register is looked for beside it as"),
                name(&offer.beside),
                lang.pick(
                    "中查找;正在使用的台账在别处,下次打开将找不到它,A2-6.4 等检查会被跳过。",
                    "; the register in use is elsewhere, so next time it would not be found and A2-6.4 and others would not be checked.",
                ),
            ));
            ui.small(format!("{} {}", lang.pick("正在使用:", "in use:"), offer.register.display()));
            if offer.beside_exists {
                ui.colored_label(
                    egui::Color32::from_rgb(0xb0, 0x50, 0x00),
                    format!(
                        "{} {} {}",
                        lang.pick("旁边已有文件", "A file already stands there:"),
                        offer.beside.display(),
                        lang.pick("(不会被覆盖)", "(it is not overwritten)")
                    ),
                );
            }
            ui.horizontal_wrapped(|ui| {
                let choices: &[(RegisterChoice, &str, &str)] = if offer.beside_exists {
                    &[
                        (RegisterChoice::UseBeside, "使用旁边的台账", "Use the one beside it"),
                        (RegisterChoice::Keep, "仅本次使用当前台账", "Keep the current one for now"),
                    ]
                } else {
                    &[
                        (RegisterChoice::Copy, "复制一份台账到新名称下", "Save a copy under the new name"),
                        (RegisterChoice::Link, "链接到同一本台账", "Link to the same register"),
                        (RegisterChoice::Keep, "暂不处理", "Not now"),
                    ]
                };
                for &(choice, zh, en) in choices {
                    if ui.button(lang.pick(zh, en)).clicked() {
                        out.push(UiAction::File(FileAction::RegisterAfterSave(choice)));
                    }
                }
            });
            if !offer.beside_exists {
                ui.small(lang.pick(
                    "复制:两个平面图各有一本台账,此后分别记账。链接:两个平面图共用同一本台账(符号链接)。",
                    "Copy: each plan has its own register from now on. Link: both plans share one register (a symbolic link).",
                ));
            }
        });
    }
    if let Some((zh, en)) = &ui_state.error {
        egui::Modal::new(egui::Id::new("file-error")).show(ctx, |ui| {
            ui.heading(lang.pick(
                "无法打开或保存文件",
                "The file could not be opened or saved",
            ));
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x00, 0x20), lang.pick(zh, en));
            if ui.button(lang.pick("确定", "OK")).clicked() {
                out.push(UiAction::File(FileAction::DismissError));
            }
        });
    }
    if let (Some(copy), None, None) = (&ui_state.recover, &ui_state.prompt, &ui_state.error) {
        egui::Modal::new(egui::Id::new("recover")).show(ctx, |ui| {
            ui.heading(lang.pick("发现自动保存的副本", "An autosave copy was found"));
            ui.label(lang.pick(
                "上次未保存就关闭了,自动保存的副本比文件更新。要恢复吗?",
                "The planner closed with unsaved changes; the autosave copy is newer than the file. Recover it?",
            ));
            ui.small(copy.display().to_string());
            ui.horizontal(|ui| {
                if ui.button(lang.pick("恢复", "Recover")).clicked() {
                    out.push(UiAction::File(FileAction::RecoverAutosave));
                }
                if ui.button(lang.pick("丢弃副本", "Discard the copy")).clicked() {
                    out.push(UiAction::File(FileAction::DiscardAutosave));
                }
            });
        });
    }
    out
}

/// What is wrong with a typed path, if anything, before it is used; and
/// whether an existing file would be replaced (a save).
fn check_typed(path: &Path, kind: DialogKind, lang: Lang) -> (Option<String>, bool) {
    match kind {
        DialogKind::Save => {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            if dir.is_some_and(|d| !d.is_dir()) {
                let d = dir.map(|d| d.display().to_string()).unwrap_or_default();
                return (
                    Some(
                        lang.pick(
                            &format!("文件夹不存在: {d}"),
                            &format!("no such folder: {d}"),
                        )
                        .to_string(),
                    ),
                    false,
                );
            }
            if path.is_dir() {
                return (
                    Some(
                        lang.pick(
                            "这是文件夹,请输入文件名",
                            "that is a folder: add a file name",
                        )
                        .to_string(),
                    ),
                    false,
                );
            }
            (None, path.exists())
        }
        _ if path.is_dir() => (
            Some(
                lang.pick(
                    "这是文件夹,请输入文件名",
                    "that is a folder: add a file name",
                )
                .to_string(),
            ),
            false,
        ),
        _ if !path.is_file() => (
            Some(
                lang.pick(
                    &format!("找不到文件: {}", path.display()),
                    &format!("no such file: {}", path.display()),
                )
                .to_string(),
            ),
            false,
        ),
        _ => (None, false),
    }
}

/// The planner's own window for a file path (a modal window, not part of a
/// menu): for open, import, save as and open register, where the system's
/// dialog is not available or the user prefers to type.
pub fn path_window(
    ctx: &egui::Context,
    prompt: &PathPrompt,
    buf: &mut PathBuffer,
    doc: &Doc,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    let fresh = buf.serial != Some(prompt.serial);
    if fresh {
        buf.serial = Some(prompt.serial);
        buf.text = prompt.initial.clone();
        buf.kind = Some(prompt.kind);
    }
    let kind = buf.kind.unwrap_or(prompt.kind);
    egui::Modal::new(egui::Id::new("path-window")).show(ctx, |ui| {
        ui.set_min_width(520.0);
        ui.heading(kind.title(lang));
        if prompt.dialog_unavailable {
            ui.colored_label(
                egui::Color32::from_rgb(0xb0, 0x50, 0x00),
                lang.pick(
                    "系统文件对话框不可用(没有桌面门户,也没有 zenity)。请在下面输入文件的完整路径:",
                    "The system file dialog is not available (no desktop portal, no zenity). Type the file's full path below:",
                ),
            );
        } else {
            ui.label(lang.pick("输入文件的完整路径:", "Type the file's full path:"));
        }
        ui.horizontal(|ui| {
            for k in DialogKind::ALL {
                if ui.radio(kind == k, k.title(lang)).clicked() {
                    buf.kind = Some(k);
                }
            }
        });
        let field = ui.add(
            egui::TextEdit::singleline(&mut buf.text)
                .id(egui::Id::new("typed-path"))
                .hint_text("/home/…/平面图.ron")
                .desired_width(f32::INFINITY),
        );
        if fresh {
            field.request_focus();
        }
        let path = typed_path(&buf.text, kind, doc);
        let (problem, replaces) = match &path {
            Some(p) => check_typed(p, kind, lang),
            None => (None, false),
        };
        if let Some(p) = &path {
            if p.display().to_string() != buf.text.trim() {
                ui.small(format!("→ {}", p.display()));
            }
        }
        if let Some(problem) = &problem {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0x00, 0x20), problem);
        } else if replaces {
            ui.colored_label(
                egui::Color32::from_rgb(0xb0, 0x50, 0x00),
                lang.pick("文件已存在,保存将覆盖它", "the file exists: saving replaces it"),
            );
        }
        let ok = path.is_some() && problem.is_none();
        let confirm = match (kind, replaces) {
            (DialogKind::Save, true) => lang.pick("覆盖", "Replace"),
            (DialogKind::Save, false) => lang.pick("保存", "Save"),
            (DialogKind::Import, _) => lang.pick("导入", "Import"),
            _ => lang.pick("打开", "Open"),
        };
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let clicked = ui.add_enabled(ok, egui::Button::new(confirm)).clicked();
            if (clicked || (enter && ok)) && path.is_some() {
                if let Some(p) = path.clone() {
                    out.push(UiAction::File(kind.action(p)));
                }
            }
            if ui.button(lang.pick("取消", "Cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                out.push(UiAction::File(FileAction::CancelPath));
            }
        });
    });
    out
}
