//! The menu bar and tool row at the top, the status bar at the bottom, and
//! the legend and scale bar drawn over the canvas.

use bevy_egui::egui;

use super::findings::colour32;
use super::UiAction;
use crate::edit::levels::{door_on, item_on, level_name, levels};
use crate::model::{ItemGroup, ItemKind, Lang};
use crate::planner::actions::{DialogKind, FileAction};
use crate::planner::canvas::{severities_in, zones_in};
use crate::planner::settings::Settings;
use crate::planner::state::{Doc, Notice, PlanCommand, Tool};
use crate::planner::view::View;

fn group_name(g: ItemGroup, lang: Lang) -> &'static str {
    match g {
        ItemGroup::Equipment => lang.pick("设备", "equipment"),
        ItemGroup::Signage => lang.pick("标牌信箱", "signs and mail"),
        ItemGroup::Safety => lang.pick("安全", "safety"),
        ItemGroup::Courtyard => lang.pick("天井", "courtyard"),
        ItemGroup::Boards => lang.pick("版面", "boards"),
        ItemGroup::Police => lang.pick("警务", "police"),
    }
}

/// The level switcher: the level shown, a step up or down, and a list of
/// the plan's levels with one more above and below (to draw a new storey).
pub fn level_ui(ui: &mut egui::Ui, doc: &Doc, level: i32, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    let have = levels(&doc.plan);
    let lo = have[0].min(level) - 1;
    let hi = have[have.len() - 1].max(level) + 1;
    let rooms_on = |l: i32| doc.plan.rooms.iter().filter(|r| r.level == l).count();
    ui.label(lang.pick("楼层", "Level"));
    if ui
        .add_enabled(level > lo, egui::Button::new("▼"))
        .on_hover_text(lang.pick("下一层", "the level below"))
        .clicked()
    {
        out.push(UiAction::Level(level - 1));
    }
    egui::ComboBox::from_id_salt("level")
        .selected_text(level_name(level, lang))
        .show_ui(ui, |ui| {
            for l in (lo..=hi).rev() {
                let n = rooms_on(l);
                let text = match n {
                    0 => format!("{} {}", level_name(l, lang), lang.pick("(空)", "(empty)")),
                    n => format!(
                        "{} ({n} {})",
                        level_name(l, lang),
                        lang.pick("间", if n == 1 { "room" } else { "rooms" })
                    ),
                };
                if ui.selectable_label(l == level, text).clicked() && l != level {
                    out.push(UiAction::Level(l));
                }
            }
        })
        .response
        .on_hover_text(lang.pick(
            "显示和编辑的楼层;其他楼层淡色显示在下面。新画的房间在此层。",
            "The level shown and edited; the other levels show faint beneath it. Rooms drawn go on this level.",
        ));
    if ui
        .add_enabled(level < hi, egui::Button::new("▲"))
        .on_hover_text(lang.pick("上一层", "the level above"))
        .clicked()
    {
        out.push(UiAction::Level(level + 1));
    }
    out
}

/// Menu bar and tool row.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    tool: &Tool,
    settings: &Settings,
    level: i32,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(lang.pick("文件", "File"), |ui| {
            if ui
                .button(lang.pick("新建 (Ctrl+N)", "New (Ctrl+N)"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::New));
            }
            if ui
                .button(lang.pick("打开… (Ctrl+O)", "Open… (Ctrl+O)"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::Open));
            }
            if ui
                .button(lang.pick("导入 CAD 图纸 (DXF)…", "Import CAD drawing (DXF)…"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::Import));
            }
            ui.menu_button(lang.pick("最近的文件", "Recent files"), |ui| {
                if settings.recent.is_empty() {
                    ui.label(lang.pick("(无)", "(none)"));
                }
                for p in &settings.recent {
                    if ui.button(p.display().to_string()).clicked() {
                        out.push(UiAction::File(FileAction::OpenPath(p.clone())));
                    }
                }
            });
            ui.separator();
            if ui
                .button(lang.pick("保存 (Ctrl+S)", "Save (Ctrl+S)"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::Save));
            }
            if ui
                .button(lang.pick("另存为… (Ctrl+Shift+S)", "Save as… (Ctrl+Shift+S)"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::SaveAs));
            }
            ui.separator();
            // the planner's own path window, for machines without a desktop
            // portal or zenity (it opens by itself when a dialog fails)
            if ui
                .button(lang.pick("按路径打开或保存…", "Open or save by path…"))
                .clicked()
            {
                out.push(UiAction::File(FileAction::AskPath(DialogKind::Open)));
            }
            ui.separator();
            if ui.button(lang.pick("退出", "Quit")).clicked() {
                out.push(UiAction::File(FileAction::Quit));
            }
        });
        ui.menu_button(lang.pick("编辑", "Edit"), |ui| {
            let entries = [
                (
                    lang.pick("撤销", "Undo"),
                    doc.stack.undo_label(lang),
                    "Ctrl+Z",
                    PlanCommand::Undo,
                ),
                (
                    lang.pick("重做", "Redo"),
                    doc.stack.redo_label(lang),
                    "Ctrl+Y",
                    PlanCommand::Redo,
                ),
            ];
            // "Undo move point (Ctrl+Z)"; disabled when there is nothing to do
            for (verb, what, keys, cmd) in entries {
                let text = match what {
                    Some(w) => format!("{verb} {w} ({keys})"),
                    None => format!("{verb} ({keys})"),
                };
                if ui
                    .add_enabled(what.is_some(), egui::Button::new(text))
                    .clicked()
                {
                    out.push(UiAction::Plan(cmd));
                }
            }
        });
        ui.menu_button(lang.pick("视图", "View"), |ui| {
            if ui
                .button(lang.pick("适合窗口 (F)", "Fit to window (F)"))
                .clicked()
            {
                out.push(UiAction::Fit);
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let other = match lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            };
            if ui
                .button(lang.pick("English", "中文"))
                .on_hover_text(lang.pick("切换界面语言", "Switch the interface language"))
                .clicked()
            {
                out.push(UiAction::Lang(other));
            }
        });
    });
    ui.horizontal(|ui| {
        out.extend(level_ui(ui, doc, level, lang));
        ui.separator();
        for t in [
            Tool::Select,
            Tool::DrawRoom { points: Vec::new() },
            Tool::AddDoor,
            Tool::AddStair,
        ] {
            let on = std::mem::discriminant(tool) == std::mem::discriminant(&t);
            if ui.selectable_label(on, t.name(lang)).clicked() && !on {
                out.push(UiAction::Tool(t));
            }
        }
        let current = match tool {
            Tool::AddItem(k) => Some(*k),
            _ => None,
        };
        let text = match current {
            Some(k) => format!("{}: {} {}", Tool::AddItem(k).name(lang), k.glyph(), k.name(lang)),
            None => format!("{}…", Tool::AddItem(ItemKind::Computer).name(lang)),
        };
        egui::ComboBox::from_id_salt("item-kind")
            .selected_text(text)
            .height(420.0)
            .show_ui(ui, |ui| {
                let mut group = None;
                for &k in ItemKind::ALL {
                    if group != Some(k.group()) {
                        group = Some(k.group());
                        ui.label(egui::RichText::new(group_name(k.group(), lang)).strong());
                    }
                    let label = format!("{} {}", k.glyph(), k.name(lang));
                    if ui.selectable_label(current == Some(k), label).clicked() {
                        out.push(UiAction::Tool(Tool::AddItem(k)));
                    }
                }
            });
        ui.separator();
        if ui
            .add_enabled(doc.stack.can_undo(), egui::Button::new(lang.pick("撤销", "Undo")))
            .clicked()
        {
            out.push(UiAction::Plan(PlanCommand::Undo));
        }
        if ui
            .add_enabled(doc.stack.can_redo(), egui::Button::new(lang.pick("重做", "Redo")))
            .clicked()
        {
            out.push(UiAction::Plan(PlanCommand::Redo));
        }
        if ui.button(lang.pick("适合窗口", "Fit")).clicked() {
            out.push(UiAction::Fit);
        }
        if ui.button(lang.pick("资产台账", "Register")).clicked() {
            out.push(UiAction::ToggleRegister);
        }
        ui.separator();
        ui.label(match tool {
            Tool::Select => lang.pick(
                "点击选择;拖动顶点、门、物品;拖动空白处平移;滚轮缩放",
                "click to select; drag points, doors, items; drag empty space to pan; wheel to zoom",
            ),
            Tool::DrawRoom { .. } => lang.pick(
                "依次点击房间的角点,点回第一个点或按回车完成;Esc 取消",
                "click the room's corners; click the first again or press Enter to finish; Esc cancels",
            ),
            Tool::AddDoor => lang.pick("点击墙放门", "click a wall to put a door"),
            Tool::AddStair => lang.pick(
                "在本层房间中、与上层或下层房间重叠处点击放楼梯",
                "click in a room where a room of the level above or below overlaps it",
            ),
            Tool::AddItem(_) => lang.pick(
                "点击房间或右侧场地栏放置物品",
                "click a room or a site place on the right",
            ),
            Tool::Trace => lang.pick(
                "描图:按描图窗口的提示点击底图;Esc 结束",
                "tracing: click on the underlay as the trace window says; Esc ends",
            ),
        });
    });
    out
}

/// The status bar's word on the register: the file in use, or why the
/// asset checks were not made. Clicking it opens a register.
pub fn register_status(ui: &mut egui::Ui, doc: &Doc, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    let warn = egui::Color32::from_rgb(0xb0, 0x50, 0x00);
    let resp = match (&doc.register, &doc.register_problem) {
        (Some(reg), _) => {
            let name = reg
                .path
                .file_name()
                .map_or_else(|| reg.path.display().to_string(), |n| n.to_string_lossy().into_owned());
            ui.add(
                egui::Label::new(format!("{} {name}", lang.pick("台账:", "register:")))
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(reg.path.display().to_string())
        }
        (None, Some((zh, en))) => ui
            .add(
                egui::Label::new(
                    egui::RichText::new(lang.pick(
                        "台账无法使用 — A2-6.4 等未检查",
                        "register unusable — A2-6.4 and others not checked",
                    ))
                    .color(egui::Color32::from_rgb(0xb0, 0x00, 0x20)),
                )
                .sense(egui::Sense::click()),
            )
            .on_hover_text(lang.pick(zh, en)),
        (None, None) => ui
            .add(
                egui::Label::new(egui::RichText::new(lang.pick(
                    "未加载台账 — A2-6.4 等未检查",
                    "no register loaded — A2-6.4 and others not checked",
                ))
                .color(warn))
                .sense(egui::Sense::click()),
            )
            .on_hover_text(lang.pick(
                "资产台账与平面图同名(NAME.register.ron)放在旁边时会自动打开;点击此处打开台账",
                "a register beside the plan as NAME.register.ron opens with it; click to open a register",
            )),
    };
    if resp.clicked() {
        out.push(UiAction::File(FileAction::OpenRegister));
    }
    out
}

/// In the status bar, while the review of an imported drawing is closed:
/// how much of it is ticked off, and a click opens it again.
pub fn review_button(
    ui: &mut egui::Ui,
    review: &crate::planner::files::ImportReview,
    lang: Lang,
) -> Vec<UiAction> {
    let done = review.checked.iter().filter(|c| **c).count();
    let text = format!(
        "{} {done}/{}",
        lang.pick("导入核对", "import review"),
        review.notices.len()
    );
    if ui.button(text).clicked() {
        vec![UiAction::ToggleReview]
    } else {
        Vec::new()
    }
}

/// The status bar.
pub fn status_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    notice: &Notice,
    cursor: Option<(f64, f64)>,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        let file = doc
            .path
            .as_ref()
            .map_or_else(|| doc.name(lang), |p| p.display().to_string());
        ui.label(file);
        if doc.is_modified() {
            ui.colored_label(
                egui::Color32::from_rgb(0xe0, 0x3a, 0x1e),
                lang.pick("● 已修改", "● modified"),
            );
        } else {
            ui.label(lang.pick("已保存", "saved"));
        }
        ui.separator();
        ui.label(format!(
            "{} {} · {}",
            doc.plan.committee.name,
            doc.plan.committee.code,
            lang.pick(
                doc.plan.committee.estate.name_zh(),
                doc.plan.committee.estate.name_en()
            )
        ));
        ui.separator();
        // the rules the plan is checked against (`--profile FILE`)
        let rules = ui.label(format!(
            "{} {}",
            lang.pick("规则:", "rules:"),
            doc.profile_label(lang)
        ));
        rules.on_hover_text(match &doc.profile_path {
            Some(p) => p.display().to_string(),
            None => lang
                .pick(
                    "内置的静安区 2017 标准;用 juwei-planner --profile FILE 选用其他规则",
                    "the built-in Jing'an 2017 profile; juwei-planner --profile FILE chooses another",
                )
                .to_string(),
        });
        ui.separator();
        out.extend(register_status(ui, doc, lang));
        ui.separator();
        if let Some((x, y)) = cursor {
            ui.monospace(format!("x {x:.2}  y {y:.2} m"));
            ui.separator();
        }
        if let Some(text) = notice.get(lang) {
            if notice.error {
                ui.colored_label(egui::Color32::from_rgb(0xb0, 0x00, 0x20), text);
            } else {
                ui.label(text);
            }
        }
    });
    out
}

/// What the tooltip of item `i` on the plan says: glyph and name, count,
/// where, and its asset cards (with their names and whether they are in
/// use, when a register is open).
pub fn item_tooltip(doc: &Doc, i: usize, lang: Lang) -> Option<String> {
    let item = doc.plan.items.get(i)?;
    let mut s = format!(
        "{} {}",
        crate::planner::canvas::glyph(item.kind),
        item.kind.name(lang)
    );
    if item.count > 1 {
        s.push_str(&format!(" ×{}", item.count));
    }
    let place = match &item.at {
        crate::model::Location::Room(id) => match doc.plan.room(id) {
            Some(r) => format!("{} ({})", r.name, r.id),
            None => id.clone(),
        },
        crate::model::Location::Site(p) => lang.pick(p.name_zh(), p.name_en()).to_string(),
    };
    s.push('\n');
    s.push_str(&place);
    s.push('\n');
    if item.assets.is_empty() {
        s.push_str(lang.pick("未链接资产卡片", "no asset card linked"));
    } else {
        s.push_str(lang.pick("资产卡片:", "asset cards:"));
        for a in &item.assets {
            s.push_str(&format!("\n  {a}"));
            match doc.assets().map(|idx| idx.assets.get(a)) {
                Some(Some(card)) => s.push_str(&format!(
                    " {} ({})",
                    card.name,
                    if card.in_use {
                        lang.pick("在用", "in use")
                    } else {
                        lang.pick("已不在账", "no longer on the books")
                    }
                )),
                Some(None) => {
                    s.push_str(lang.pick(" (台账中没有此卡片)", " (not in the register)"))
                }
                None => {}
            }
        }
    }
    Some(s)
}

/// What the tooltip of door `i` says: the rooms it joins.
pub fn door_tooltip(doc: &Doc, i: usize, lang: Lang) -> Option<String> {
    let d = doc.plan.doors.get(i)?;
    let side = |id: &str| match doc.plan.room(id) {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => lang.pick("室外", "outside").to_string(),
    };
    let what = if d.is_stair() {
        lang.pick("楼梯", "stair")
    } else {
        lang.pick("门", "door")
    };
    let side = |id: &str| match doc.plan.room(id) {
        Some(r) if d.is_stair() => format!("{} ({})", side(id), level_name(r.level, lang)),
        _ => side(id),
    };
    Some(format!(
        "{what} {} ↔ {}",
        side(&d.between.0),
        side(&d.between.1)
    ))
}

/// A tooltip for the glyph or door under the pointer (plan point `at`,
/// window position `pos`), drawn above everything.
pub fn hover_tooltip(
    ctx: &egui::Context,
    doc: &Doc,
    view: &View,
    at: (f64, f64),
    pos: egui::Pos2,
    level: i32,
    lang: Lang,
) {
    let plan = &doc.plan;
    let tol = (10.0 * view.scale) as f64;
    let near = |p: (f64, f64)| (p.0 - at.0).hypot(p.1 - at.1);
    let item = doc
        .layout
        .items
        .iter()
        .enumerate()
        .filter(|(i, _)| item_on(plan, &plan.items[*i], level))
        .map(|(i, &p)| (i, near(p)))
        .filter(|(_, d)| *d <= tol * 1.2)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    let text = match item {
        Some(i) => item_tooltip(doc, i, lang),
        None => doc
            .plan
            .doors
            .iter()
            .enumerate()
            .filter(|(_, d)| door_on(plan, d, level))
            .map(|(i, d)| (i, near(d.at)))
            .filter(|(_, d)| *d <= tol.max(0.45))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .and_then(|(i, _)| door_tooltip(doc, i, lang)),
    };
    let Some(text) = text else { return };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::new("plan-tooltip"),
    ));
    let galley = painter.layout_no_wrap(
        text,
        egui::FontId::proportional(13.0),
        egui::Color32::from_rgb(25, 25, 30),
    );
    let min = pos + egui::vec2(14.0, 14.0);
    let rect = egui::Rect::from_min_size(min, galley.size() + egui::vec2(12.0, 8.0));
    // keep it in the window
    let screen = ctx.content_rect();
    let shift = egui::vec2(
        (screen.max.x - rect.max.x).min(0.0),
        (screen.max.y - rect.max.y).min(0.0),
    );
    let rect = rect.translate(shift);
    painter.rect_filled(rect, 4.0, egui::Color32::from_rgb(255, 255, 240));
    painter.rect_stroke(
        rect,
        4.0,
        egui::Stroke::new(1.0, egui::Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    painter.galley(
        rect.min + egui::vec2(6.0, 4.0),
        galley,
        egui::Color32::BLACK,
    );
}

/// A round length for the scale bar: about `target_px` long on screen.
pub fn scale_bar_metres(scale: f32, target_px: f32) -> f32 {
    let want = scale * target_px;
    [
        0.1f32, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0,
    ]
    .into_iter()
    .rev()
    .find(|m| *m <= want)
    .unwrap_or(0.1)
}

/// One swatch and its text in the legend, at `x` in its row.
struct LegendEntry {
    colour: egui::Color32,
    filled: bool,
    galley: std::sync::Arc<egui::Galley>,
    x: f32,
}

/// The zone legend (along the bottom) and the scale bar (bottom right) over
/// the canvas. Returns the legend's height.
pub fn overlay(ctx: &egui::Context, doc: &Doc, view: &View, lang: Lang) -> f32 {
    let r = view.rect;
    let rect = egui::Rect::from_min_max(egui::pos2(r.min.x, r.min.y), egui::pos2(r.max.x, r.max.y));
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Middle,
        egui::Id::new("plan-overlay"),
    ));
    let painter = painter.with_clip_rect(rect);
    let font = egui::FontId::proportional(13.0);
    let text_c = egui::Color32::from_rgb(30, 30, 35);
    // scale bar
    let metres = scale_bar_metres(view.scale, 120.0);
    let len = metres / view.scale;
    let y = rect.max.y - 18.0;
    let x1 = rect.max.x - 20.0;
    let x0 = x1 - len;
    let stroke = egui::Stroke::new(2.0, text_c);
    painter.line_segment([egui::pos2(x0, y), egui::pos2(x1, y)], stroke);
    for x in [x0, x1, (x0 + x1) / 2.0] {
        painter.line_segment([egui::pos2(x, y - 5.0), egui::pos2(x, y + 1.0)], stroke);
    }
    let label = if metres >= 1.0 {
        format!("{metres:.0} m")
    } else {
        format!("{metres:.1} m")
    };
    painter.text(
        egui::pos2((x0 + x1) / 2.0, y - 7.0),
        egui::Align2::CENTER_BOTTOM,
        label,
        font.clone(),
        text_c,
    );
    // the legend: one row (or more) along the bottom, left of the scale bar
    let mut entries: Vec<(egui::Color32, bool, String)> = zones_in(doc)
        .into_iter()
        .map(|z| (colour32(z.colour()), true, z.name(lang).to_string()))
        .collect();
    entries.extend(severities_in(doc).into_iter().map(|s| {
        let text = format!("{} {}", lang.pick("问题:", "finding:"), s.name(lang));
        (colour32(s.colour()), false, text)
    }));
    // the glyphs on the plan and what they stand for
    let mut kinds: Vec<ItemKind> = Vec::new();
    for it in &doc.plan.items {
        if !kinds.contains(&it.kind) {
            kinds.push(it.kind);
        }
    }
    kinds.sort_by_key(|k| ItemKind::ALL.iter().position(|x| x == k));
    entries.extend(kinds.into_iter().map(|k| {
        let text = format!("{} {}", crate::planner::canvas::glyph(k), k.name(lang));
        (egui::Color32::TRANSPARENT, false, text)
    }));
    let row_h = 18.0;
    let right = x0 - 30.0;
    let mut rows: Vec<Vec<LegendEntry>> = vec![Vec::new()];
    let mut x = rect.min.x + 10.0;
    let mut glyphs_started = false;
    for (c, filled, text) in entries {
        let galley = painter.layout_no_wrap(text, font.clone(), text_c);
        let glyph = c == egui::Color32::TRANSPARENT;
        let w = 20.0 + galley.size().x + 14.0;
        // the glyphs on rows of their own, after the colours
        let first_glyph = glyph && !std::mem::replace(&mut glyphs_started, glyph);
        if (x + w > right || first_glyph) && !rows.last().is_some_and(|r| r.is_empty()) {
            rows.push(Vec::new());
            x = rect.min.x + 10.0;
        }
        rows.last_mut().expect("one row").push(LegendEntry {
            colour: c,
            filled,
            galley,
            x,
        });
        x += w;
    }
    let n = rows.iter().filter(|r| !r.is_empty()).count();
    if n == 0 {
        return 0.0;
    }
    let h = row_h * n as f32 + 8.0;
    let top = rect.max.y - h;
    let width = rows
        .iter()
        .filter_map(|r| r.last().map(|e| e.x + 20.0 + e.galley.size().x + 4.0))
        .fold(0.0f32, f32::max);
    let bg = egui::Rect::from_min_max(
        egui::pos2(rect.min.x + 4.0, top),
        egui::pos2(width + 6.0, rect.max.y - 2.0),
    );
    painter.rect_filled(
        bg,
        4.0,
        egui::Color32::from_rgba_unmultiplied(255, 255, 255, 225),
    );
    for (r, row) in rows.into_iter().enumerate() {
        let y = top + 4.0 + r as f32 * row_h;
        for LegendEntry {
            colour: c,
            filled,
            galley,
            x,
        } in row
        {
            let sw = egui::Rect::from_min_size(egui::pos2(x, y + 3.0), egui::vec2(14.0, 12.0));
            if c == egui::Color32::TRANSPARENT {
                // a glyph: the text carries it
            } else if filled {
                painter.rect_filled(sw, 2.0, c);
            } else {
                painter.rect_stroke(sw, 2.0, egui::Stroke::new(3.0, c), egui::StrokeKind::Inside);
            }
            painter.galley(
                egui::pos2(x + 20.0, y + 9.0 - galley.size().y / 2.0),
                galley,
                text_c,
            );
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bar_picks_a_round_length_not_longer_than_wanted() {
        assert_eq!(scale_bar_metres(0.05, 120.0), 5.0);
        assert_eq!(scale_bar_metres(0.01, 120.0), 1.0);
        assert_eq!(scale_bar_metres(0.0001, 120.0), 0.1);
    }
}
