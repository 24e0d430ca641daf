//! The egui panels around the canvas. Each panel is a function of a `Ui`
//! and the state it shows, returning [`UiAction`]s; panels never change the
//! plan themselves: one system turns their actions into commands.

pub mod findings;
pub mod inspector;
pub mod register;
pub mod review;
pub mod toolbar;

use bevy::prelude::*;
use bevy_egui::{egui, EguiContexts, EguiPrimaryContextPass};

use super::actions::FileAction;
pub use super::actions::UiAction;
use super::canvas::UiFocus;
use super::files::{FilesUi, ImportReview};
use super::picking::Cursor;
use super::settings::Settings;
use super::state::{
    CurrentLevel, Doc, Notice, PlanCommand, SelectFinding, Selection, Tool, UiLang,
};
use super::view::View;
use crate::model::Lang;

pub struct PanelsPlugin;

impl Plugin for PanelsPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<UiAction>()
            .init_resource::<register::RegisterUi>()
            .add_systems(EguiPrimaryContextPass, panels)
            .add_systems(
                PreUpdate,
                quiet_modifiers
                    .after(bevy_egui::EguiInputSet::WriteEguiEvents)
                    .before(bevy_egui::EguiPreUpdateSet::BeginPass),
            )
            .add_systems(
                Update,
                route_input
                    .before(super::picking::mouse_to_events)
                    .before(super::view::zoom_and_pan),
            )
            .add_systems(
                Update,
                (apply_ui_actions, apply_register_actions)
                    .before(super::files::file_actions)
                    .before(super::state::LogicSet::Apply),
            );
    }
}

/// The panels' other parameters, as one (a system takes at most 16).
type PanelExtras<'w, 's> = (
    ResMut<'w, ImportReview>,
    Local<'s, review::ReviewBuffers>,
    Option<Res<'w, super::screenshot::Screenshotting>>,
    Res<'w, CurrentLevel>,
    Local<'s, findings::StatusForm>,
);

#[allow(clippy::too_many_arguments)]
fn panels(
    mut contexts: EguiContexts,
    doc: Res<Doc>,
    selection: Res<Selection>,
    tool: Res<Tool>,
    lang: Res<UiLang>,
    notice: Res<Notice>,
    settings: Res<Settings>,
    files_ui: Res<FilesUi>,
    cursor: Res<Cursor>,
    mut view: ResMut<View>,
    mut focus: ResMut<UiFocus>,
    mut buffers: Local<inspector::Buffers>,
    mut path_buf: Local<super::files::PathBuffer>,
    mut register_ui: ResMut<register::RegisterUi>,
    (mut actions, mut redraw): (
        MessageWriter<UiAction>,
        MessageWriter<bevy::window::RequestRedraw>,
    ),
    (mut review, mut review_buf, shot, level, mut status_form): PanelExtras<'_, '_>,
) -> Result {
    let level = level.0;
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let mut out = Vec::new();
    let mut root = egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    egui::Panel::top("toolbar").show(&mut root, |ui| {
        out.extend(toolbar::toolbar_ui(ui, &doc, &tool, &settings, level, lang));
    });
    egui::Panel::bottom("status").show(&mut root, |ui| {
        out.extend(toolbar::status_ui(ui, &doc, &notice, cursor.plan, lang));
        if review.source.is_some() && !review.open {
            out.extend(toolbar::review_button(ui, &review, lang));
        }
    });
    egui::Panel::left("findings")
        .resizable(true)
        .default_size(300.0)
        .show(&mut root, |ui| {
            out.extend(findings::findings_ui(
                ui,
                &doc,
                selection.finding,
                &mut status_form,
                lang,
            ));
            ui.allocate_space(ui.available_size());
        });
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .show(&mut root, |ui| {
            out.extend(inspector::inspector_ui(
                ui,
                &doc,
                &selection,
                &mut buffers,
                lang,
            ));
            ui.allocate_space(ui.available_size());
        });
    let canvas = root.available_rect_before_wrap();
    let rect = Rect::new(canvas.min.x, canvas.min.y, canvas.max.x, canvas.max.y);
    if view.rect != rect {
        let refit = view.rect.size() == Vec2::ZERO;
        view.rect = rect;
        view.fit_pending |= refit;
    }
    let legend = toolbar::overlay(&ctx, &doc, &view, lang);
    if view.legend_px != legend {
        view.legend_px = legend;
    }
    if register_ui.open {
        let mut open = true;
        egui::Window::new(lang.pick("资产台账", "Fixed-asset register"))
            .id(egui::Id::new("register-window"))
            .open(&mut open)
            .default_size([720.0, 560.0])
            .default_pos([canvas.min.x + 20.0, canvas.min.y + 20.0])
            .show(&ctx, |ui| {
                out.extend(register::register_ui(
                    ui,
                    &doc,
                    &selection,
                    &mut register_ui,
                    lang,
                ));
            });
        if !open {
            register_ui.open = false;
        }
    }
    if review.open && review.source.is_some() {
        let mut open = true;
        // only written to when a box is ticked: no change flagged each frame
        let mut r = review.bypass_change_detection().clone();
        egui::Window::new(lang.pick("导入核对", "Import review"))
            .id(egui::Id::new("review-window"))
            .open(&mut open)
            .default_size([460.0, 520.0])
            .default_pos([
                (canvas.max.x - 480.0).max(canvas.min.x),
                canvas.min.y + 20.0,
            ])
            .show(&ctx, |ui| {
                out.extend(review::review_ui(ui, &doc, &mut r, &mut review_buf, lang));
            });
        r.open = open;
        if r != *review {
            *review = r;
        }
    }
    out.extend(super::files::dialogs(
        &ctx,
        &files_ui,
        &mut path_buf,
        &doc,
        lang,
    ));

    let new_focus = focus_of(&ctx, canvas, files_ui.is_modal());
    if let (true, Some(at), Some(pos)) = (
        new_focus.pointer_on_canvas && !ctx.input(|i| i.pointer.any_down()) && shot.is_none(),
        cursor.plan,
        ctx.pointer_latest_pos(),
    ) {
        toolbar::hover_tooltip(&ctx, &doc, &view, at, pos, level, lang);
    }
    if *focus != new_focus {
        *focus = new_focus;
    }
    if std::env::var_os("JUWEI_TRACE_FRAMES").is_some() {
        info!(
            "frame: {} actions, fit pending {}, egui repaint {}, cause {:?}, events {:?}, pointer {:?}",
            out.len(),
            view.fit_pending,
            ctx.has_requested_repaint(),
            ctx.repaint_causes(),
            ctx.input(|i| i.events.clone()),
            ctx.input(|i| (i.pointer.latest_pos(), i.pointer.velocity(), i.pointer.is_still()))
        );
    }
    if !out.is_empty() || view.fit_pending {
        // the actions are applied in the next frame: ask for it (the
        // planner renders only on input or change)
        redraw.write(bevy::window::RequestRedraw);
    }
    for a in out {
        actions.write(a);
    }
    Ok(())
}

/// bevy_egui 0.42 hands egui the state of the modifier keys as an event in
/// every frame, and egui asks for another frame after any event: the
/// planner would never rest (a frame after every frame, 95 % of a core at
/// idle). Only a change of the modifiers is passed on; egui keeps the
/// modifiers from one frame to the next by itself.
pub fn quiet_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        let mut seen = *last;
        input.bypass_change_detection().events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = seen != Some(*m);
                seen = Some(*m);
                changed
            }
            _ => true,
        });
        *last = seen;
    }
}

/// Who has the pointer and the keyboard: the canvas gets the pointer only
/// where no panel, window, menu or pop-up is, while egui is not dragging
/// something and no modal dialog is open.
pub fn focus_of(ctx: &egui::Context, canvas: egui::Rect, modal: bool) -> UiFocus {
    let pointer = ctx.pointer_latest_pos();
    UiFocus {
        // panels are on the background layer with the canvas; windows,
        // menus and pop-ups stand above it
        pointer_on_canvas: pointer.is_some_and(|p| {
            canvas.contains(p)
                && ctx
                    .layer_id_at(p)
                    .is_none_or(|l| l.order == egui::Order::Background)
        }) && !ctx.egui_is_using_pointer()
            && !ctx.any_popup_open()
            && !modal,
        typing: ctx.egui_wants_keyboard_input(),
    }
}

/// Decide, from this frame's egui input (read in `PreUpdate`), whether the
/// pointer is the canvas's, before the canvas reads this frame's clicks: the
/// panels' own pass comes later in the frame, and a decision taken there
/// would apply to the next frame's clicks.
pub fn route_input(
    mut contexts: EguiContexts,
    view: Res<View>,
    files_ui: Res<FilesUi>,
    mut focus: ResMut<UiFocus>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let r = view.rect;
    let canvas =
        egui::Rect::from_min_max(egui::pos2(r.min.x, r.min.y), egui::pos2(r.max.x, r.max.y));
    let new_focus = focus_of(&ctx, canvas, files_ui.is_modal());
    if *focus != new_focus {
        *focus = new_focus;
    }
    Ok(())
}

/// The register window's actions: events recorded through the ledger's own
/// code ([`Doc::record_event`]), undone, written.
pub fn apply_register_actions(
    mut actions: MessageReader<UiAction>,
    mut doc: ResMut<Doc>,
    mut notice: ResMut<Notice>,
    mut selection: ResMut<Selection>,
    mut plan_cmds: MessageWriter<PlanCommand>,
) {
    for a in actions.read() {
        match a {
            UiAction::SetStatus {
                finding,
                status,
                by,
                reason,
                due,
            } => {
                let key = doc.report.findings.get(*finding).map(|f| {
                    (
                        f.code.clone(),
                        f.rooms.clone(),
                        f.items.clone(),
                        f.assets.clone(),
                    )
                });
                match doc.set_status(*finding, *status, by, reason, *due) {
                    Ok(path) => {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into(),
                        );
                        let (zh, en) = match status {
                            Some(s) => (
                                format!("已记录状态「{}」,写入 {name}", s.name(Lang::Zh)),
                                format!("recorded \"{}\" in {name}", s.name(Lang::En)),
                            ),
                            None => (
                                format!("已清除状态,写入 {name}"),
                                format!("status cleared in {name}"),
                            ),
                        };
                        notice.info(zh, en);
                        // the list was sorted again: keep the same finding selected
                        selection.finding = key.and_then(|k| {
                            doc.report.findings.iter().position(|f| {
                                (&f.code, &f.rooms, &f.items, &f.assets) == (&k.0, &k.1, &k.2, &k.3)
                            })
                        });
                    }
                    Err((zh, en)) => notice.error(zh, en),
                }
            }
            UiAction::Record(ev, link) => match doc.record_event(ev.clone()) {
                Ok(()) => {
                    let what = ev.to_event();
                    notice.info(
                        format!(
                            "已记录 {} {}(保存时写入台账)",
                            ev.asset.as_deref().unwrap_or(""),
                            what.describe(Lang::Zh)
                        ),
                        format!(
                            "recorded {} {} (written to the register on save)",
                            ev.asset.as_deref().unwrap_or(""),
                            what.describe(Lang::En)
                        ),
                    );
                    if let Some((index, id)) = link {
                        if let Some(item) = doc.plan.items.get(*index) {
                            let mut item = item.clone();
                            if !item.assets.contains(id) {
                                item.assets.push(id.clone());
                            }
                            plan_cmds.write(PlanCommand::Edit(crate::edit::Edit::SetItem {
                                index: *index,
                                item,
                            }));
                        }
                    }
                }
                Err((zh, en)) => notice.error(zh, en),
            },
            UiAction::UndoRecord if doc.undo_event() => {
                notice.info("已撤销最后一条记录", "took back the last event");
            }
            UiAction::UndoRecord => {}
            UiAction::WriteRegister => match doc.write_events() {
                Ok(n) => notice.info(
                    format!("已将 {n} 条记录写入资产台账"),
                    format!("wrote {n} events to the register"),
                ),
                Err((zh, en)) => notice.error(zh, en),
            },
            _ => {}
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_ui_actions(
    mut actions: MessageReader<UiAction>,
    mut plan_cmds: MessageWriter<PlanCommand>,
    mut findings: MessageWriter<SelectFinding>,
    mut files: MessageWriter<FileAction>,
    mut selection: ResMut<Selection>,
    mut tool: ResMut<Tool>,
    mut lang: ResMut<UiLang>,
    mut settings: ResMut<Settings>,
    mut view: ResMut<View>,
    mut notice: ResMut<Notice>,
    mut register_ui: ResMut<register::RegisterUi>,
    (mut review, mut frame, mut level): (
        ResMut<ImportReview>,
        MessageWriter<super::state::FrameRoom>,
        ResMut<CurrentLevel>,
    ),
) {
    for a in actions.read() {
        match a.clone() {
            UiAction::Plan(c) => {
                plan_cmds.write(c);
            }
            UiAction::Select(s) => *selection = s,
            UiAction::Finding(i) => {
                findings.write(SelectFinding(i));
            }
            UiAction::Tool(t) => *tool = t,
            UiAction::File(f) => {
                files.write(f);
            }
            UiAction::Lang(l) => {
                lang.0 = l;
                settings.lang = l;
                settings.store();
            }
            UiAction::Fit => view.fit_pending = true,
            UiAction::ToggleRegister => register_ui.open = !register_ui.open,
            UiAction::ToggleReview => review.open = !review.open,
            UiAction::ShowRoom(id) => {
                *selection = Selection::room(id.clone());
                frame.write(super::state::FrameRoom(id));
            }
            UiAction::Notice(zh, en) => notice.error(zh, en),
            UiAction::Level(l) => {
                level.0 = l;
                // what was selected is on the other level; a room half
                // drawn stays on the level it was started on
                *selection = Selection::default();
                if matches!(*tool, Tool::DrawRoom { .. }) {
                    *tool = Tool::DrawRoom { points: Vec::new() };
                }
            }
            // the document's: apply_register_actions
            UiAction::Record(..)
            | UiAction::UndoRecord
            | UiAction::WriteRegister
            | UiAction::SetStatus { .. } => {}
        }
    }
}
