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

use super::canvas::UiFocus;
use super::panels::UiAction;
use super::settings::{config_dir, Settings};
use super::state::{Doc, Notice, Selection, Tool, UiLang};
use crate::io::{parse_plan, plan_to_string, save_plan, write_atomic};
use crate::model::Lang;

/// Seconds between autosaves of a modified plan.
pub const AUTOSAVE_SECS: f64 = 60.0;

#[derive(Message, Debug, Clone, PartialEq)]
pub enum FileAction {
    New,
    /// Ask for a file with the open dialog.
    Open,
    OpenPath(PathBuf),
    /// Ask for a CAD drawing (DXF) with the open dialog.
    Import,
    /// Import a drawing as a new, unsaved plan.
    ImportPath(PathBuf),
    Save,
    /// Ask for a file with the save dialog.
    SaveAs,
    SaveTo(PathBuf),
    /// Ask for a register file with the open dialog.
    OpenRegister,
    OpenRegisterPath(PathBuf),
    Quit,
    /// The unsaved-changes prompt's answers.
    PromptSave,
    PromptDiscard,
    PromptCancel,
    DismissError,
    RecoverAutosave,
    DiscardAutosave,
}

/// What the file dialogs show.
#[derive(Resource, Debug, Default)]
pub struct FilesUi {
    /// Waiting for the user: save, discard or cancel before this action.
    pub prompt: Option<FileAction>,
    /// A file could not be read or written (zh, en).
    pub error: Option<(String, String)>,
    /// An autosave copy newer than the file was found.
    pub recover: Option<PathBuf>,
    /// After a successful "save as" started from the prompt, do this.
    after_save: Option<FileAction>,
    dialog: Option<(Task<Option<PathBuf>>, DialogKind)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialogKind {
    Open,
    Import,
    Save,
    Register,
}

impl FilesUi {
    /// A dialog covers the window: the canvas takes no input.
    pub fn is_modal(&self) -> bool {
        self.prompt.is_some()
            || self.error.is_some()
            || self.recover.is_some()
            || self.dialog.is_some()
    }

    /// Show an error that names the file (and line and column).
    pub fn show_error(&mut self, zh: impl Into<String>, en: impl Into<String>) {
        self.error = Some((zh.into(), en.into()));
    }
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
            );
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

fn poll_dialog(mut ui: ResMut<FilesUi>, mut out: MessageWriter<FileAction>) {
    let Some((task, kind)) = ui.dialog.as_mut() else {
        return;
    };
    let kind = *kind;
    let Some(result) = check_ready(task) else {
        return;
    };
    ui.dialog = None;
    match (result, kind) {
        (Some(p), DialogKind::Open) => {
            out.write(FileAction::OpenPath(p));
        }
        (Some(p), DialogKind::Import) => {
            out.write(FileAction::ImportPath(p));
        }
        (Some(p), DialogKind::Save) => {
            out.write(FileAction::SaveTo(p));
        }
        (Some(p), DialogKind::Register) => {
            out.write(FileAction::OpenRegisterPath(p));
        }
        // cancelled: whatever waited for a "save as" is dropped too
        (None, _) => ui.after_save = None,
    }
}

fn start_dialog(ui: &mut FilesUi, kind: DialogKind, doc: &Doc, lang: Lang) {
    if ui.dialog.is_some() {
        return;
    }
    let (filter, ext) = match kind {
        DialogKind::Register => (lang.pick("资产台账 (RON)", "Register (RON)"), "ron"),
        DialogKind::Import => (lang.pick("CAD 图纸 (DXF)", "CAD drawing (DXF)"), "dxf"),
        _ => (lang.pick("平面图 (RON)", "Plan (RON)"), "ron"),
    };
    let mut d = rfd::AsyncFileDialog::new().add_filter(filter, &[ext]);
    if let Some(dir) = doc.path.as_ref().and_then(|p| p.parent()) {
        d = d.set_directory(dir);
    }
    let task = match kind {
        DialogKind::Register => {
            let d = d.set_title(lang.pick("打开资产台账", "Open register"));
            IoTaskPool::get()
                .spawn(async move { d.pick_file().await.map(|h| h.path().to_path_buf()) })
        }
        DialogKind::Import => {
            let d = d.set_title(lang.pick("导入 CAD 图纸", "Import a CAD drawing"));
            IoTaskPool::get()
                .spawn(async move { d.pick_file().await.map(|h| h.path().to_path_buf()) })
        }
        DialogKind::Open => {
            let d = d.set_title(lang.pick("打开平面图", "Open plan"));
            IoTaskPool::get()
                .spawn(async move { d.pick_file().await.map(|h| h.path().to_path_buf()) })
        }
        DialogKind::Save => {
            let name = doc.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || match doc.plan.committee.code.trim() {
                    "" => lang.pick("平面图.ron", "plan.ron").to_string(),
                    code => format!("{code}.ron"),
                },
                |n| n.to_string_lossy().into_owned(),
            );
            let d = d
                .set_title(lang.pick("保存平面图", "Save plan"))
                .set_file_name(name);
            IoTaskPool::get()
                .spawn(async move { d.save_file().await.map(|h| h.path().to_path_buf()) })
        }
    };
    ui.dialog = Some((task, kind));
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
    lang: Res<'w, UiLang>,
}

impl FileCtx<'_> {
    fn replace_doc(&mut self, mut doc: Doc) {
        doc.serial = self.doc.serial + 1;
        *self.doc = doc;
        *self.selection = Selection::default();
        *self.tool = Tool::Select;
    }

    /// Open a file; on failure the error is shown and the open plan stays.
    fn open(&mut self, path: &Path) {
        match Doc::open(path) {
            Ok(doc) => {
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
    /// save asks for a file name); what the import could not understand is
    /// shown. On failure the error is shown and the open plan stays.
    fn import(&mut self, path: &Path) {
        let opts = crate::import::ImportOptions::for_drawing(path);
        match crate::import::import_dxf(path, &opts) {
            Ok(imported) => {
                let rooms = imported.plan.rooms.len();
                let mut doc = Doc::new(imported.plan, None);
                doc.stack.mark_unsaved();
                self.replace_doc(doc);
                self.notice.info(
                    format!("已从 {} 导入 {rooms} 个房间", path.display()),
                    format!("imported {rooms} rooms from {}", path.display()),
                );
                let said: Vec<_> = imported.warnings.iter().chain(&imported.notes).collect();
                if !said.is_empty() {
                    let list = |lang: Lang| {
                        said.iter()
                            .map(|n| format!("• {}", n.display(lang)))
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    self.ui.show_error(
                        format!(
                            "导入 {} 时有以下情况,请核对:\n{}",
                            path.display(),
                            list(Lang::Zh)
                        ),
                        format!(
                            "Importing {} — please review:\n{}",
                            path.display(),
                            list(Lang::En)
                        ),
                    );
                }
            }
            Err(e) => self.ui.show_error(e.display(Lang::Zh), e.display(Lang::En)),
        }
    }

    /// Save to `path`; true when written.
    fn save_to(&mut self, path: &Path) -> bool {
        match save_plan(path, &self.doc.plan) {
            Ok(()) => {
                let old = self.doc.path.replace(path.to_path_buf());
                self.doc.stack.mark_saved();
                remove_autosave(old.as_deref());
                remove_autosave(Some(path));
                self.settings.touch_recent(path);
                self.settings.store();
                self.notice.info(
                    format!("已保存 {}", path.display()),
                    format!("saved {}", path.display()),
                );
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
            FileAction::ImportPath(p) => self.import(&p),
            FileAction::Quit => {
                exit.write(AppExit::Success);
            }
            _ => {}
        }
    }
}

fn file_actions(
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
                Ok(()) => cx.notice.info(
                    format!("已打开资产台账 {}", p.display()),
                    format!("opened the register {}", p.display()),
                ),
                Err((zh, en)) => cx.ui.show_error(zh, en),
            },
            FileAction::SaveTo(p) => {
                if cx.save_to(&p) {
                    if let Some(next) = cx.ui.after_save.take() {
                        cx.drop_and(next, &mut exit);
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
                            cx.drop_and(next, &mut exit);
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
pub fn dialogs(ctx: &egui::Context, ui_state: &FilesUi, doc: &Doc, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
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
