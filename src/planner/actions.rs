//! What the planner's panels and windows ask for: the messages between the
//! panels that send them (`panels`, the trace window, the file prompts) and
//! the systems that apply them (`files`, `underlay`, the command system).
//! They live here, below both, so no sender imports its receiver's module
//! for a message type, nor the other way round (issue 14).

use std::path::PathBuf;

use bevy::prelude::*;

use super::state::{PlanCommand, Selection, Tool};
use crate::edit::Edit;
use crate::import::DrawingUnits;
use crate::model::Lang;

/// What a panel asks for.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum UiAction {
    Plan(PlanCommand),
    Select(Selection),
    Finding(usize),
    Tool(Tool),
    File(FileAction),
    Lang(Lang),
    Fit,
    /// Show or hide the register window.
    ToggleRegister,
    /// Show or hide the review of the imported drawing.
    ToggleReview,
    /// Select a room and frame it.
    ShowRoom(String),
    /// Record an event in the register (kept until saved); link the card
    /// to a plan item (index, card id) once recorded.
    Record(crate::register::record::NewEvent, Option<(usize, String)>),
    /// Take back the last event recorded and not yet written.
    UndoRecord,
    /// Write the recorded events to the register's file now.
    WriteRegister,
    /// Tell the user something (zh, en).
    Notice(String, String),
    /// Show and edit this level.
    Level(i32),
    /// Record the status of finding `finding` in the status file (or
    /// forget it: `status: None`).
    SetStatus {
        finding: usize,
        status: Option<crate::followup::Status>,
        by: String,
        reason: String,
        due: Option<chrono::NaiveDate>,
    },
}

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
    /// Import the drawing again, read in these units (from the review).
    ImportWith(PathBuf, DrawingUnits),
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
    /// The plan was saved where its register is not found: what to do.
    RegisterAfterSave(RegisterChoice),
    /// Ask for a path in the planner's own window (no system dialog).
    AskPath(DialogKind),
    /// The typed-path window was closed without a path.
    CancelPath,
    RecoverAutosave,
    DiscardAutosave,
}

/// The answers to the offer made when a plan is saved where its register
/// is not found ([`super::files::RegisterOffer`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterChoice {
    /// Copy the register's file beside the plan (two registers from now on).
    Copy,
    /// A symbolic link beside the plan to the register's file (one register
    /// kept for both plans).
    Link,
    /// Use the file that already stands beside the plan.
    UseBeside,
    /// Keep the register in use for this session only.
    Keep,
}

/// What a file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    Open,
    Import,
    Save,
    Register,
}

impl DialogKind {
    pub const ALL: [DialogKind; 4] = [
        DialogKind::Open,
        DialogKind::Import,
        DialogKind::Save,
        DialogKind::Register,
    ];

    /// The window's title, and the radio button's.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            DialogKind::Open => lang.pick("打开平面图", "Open plan"),
            DialogKind::Import => lang.pick("导入 CAD 图纸 (DXF)", "Import a CAD drawing (DXF)"),
            DialogKind::Save => lang.pick("另存为", "Save as"),
            DialogKind::Register => lang.pick("打开资产台账", "Open register"),
        }
    }

    /// What the typed path becomes.
    pub fn action(self, path: PathBuf) -> FileAction {
        match self {
            DialogKind::Open => FileAction::OpenPath(path),
            DialogKind::Import => FileAction::ImportPath(path),
            DialogKind::Save => FileAction::SaveTo(path),
            DialogKind::Register => FileAction::OpenRegisterPath(path),
        }
    }
}

/// What the trace window asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceAction {
    Edit(Edit),
    /// Turn the trace tool on or off.
    Tool(bool),
    Notice(String, String, bool),
}
