//! The register panel: the committee's fixed-asset cards on a date (filter,
//! sort), one card's history, and the plan items that are not linked to a
//! card in use.

use bevy::prelude::Resource;
use bevy_egui::egui;
use chrono::NaiveDate;

use super::UiAction;
use crate::model::{Item, Lang};
use crate::planner::actions::FileAction;
use crate::planner::state::{Doc, Selection};
use crate::register::record::NewEvent;
use crate::register::{yuan, Acquire, AssetState, EventKind, Register, Source};
use crate::rules::AssetIndex;

/// The columns the card list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Id,
    Name,
    Value,
    Custodian,
    Location,
    Status,
}

/// Which cards are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    InUse,
    All,
}

/// The form to acquire a card for a plan item that has none.
#[derive(Debug, Clone, PartialEq)]
pub struct AcquireForm {
    /// The plan item the card is for (linked to it once recorded).
    pub item: usize,
    pub id: String,
    pub name: String,
    pub date: String,
    pub source: Source,
    /// Value of one, in yuan as typed (`5680`, `5,680.00`, `¥5680元`).
    pub value: String,
    pub count: String,
    pub custodian: String,
}

/// The form to write off the selected card.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WriteOffForm {
    pub date: String,
    pub reason: String,
    pub approval: String,
    /// For a batch card: how many go (empty: all).
    pub count: String,
}

/// The register panel's own state.
#[derive(Resource, Debug, Clone)]
pub struct RegisterUi {
    /// The card being acquired for an unlinked item.
    pub acquire: Option<AcquireForm>,
    /// The write-off of the selected card.
    pub write_off: WriteOffForm,
    pub open: bool,
    pub filter: String,
    pub status: StatusFilter,
    /// Only the cards located in the selected room.
    pub selected_room_only: bool,
    pub sort: SortBy,
    pub ascending: bool,
    /// The date of the card list (YYYY-MM-DD as typed).
    pub date: String,
    pub asset: Option<String>,
}

impl Default for RegisterUi {
    fn default() -> Self {
        RegisterUi {
            acquire: None,
            write_off: WriteOffForm::default(),
            open: false,
            filter: String::new(),
            status: StatusFilter::InUse,
            selected_room_only: false,
            sort: SortBy::Id,
            ascending: true,
            date: chrono::Local::now().date_naive().to_string(),
            asset: None,
        }
    }
}

/// Cards as listed: filtered and sorted.
pub fn cards<'a>(
    assets: &'a [AssetState],
    ui: &RegisterUi,
    room: Option<&str>,
) -> Vec<&'a AssetState> {
    let needle = ui.filter.trim().to_lowercase();
    let mut list: Vec<&AssetState> = assets
        .iter()
        .filter(|a| ui.status == StatusFilter::All || a.status.is_in_use())
        .filter(|a| !ui.selected_room_only || room.is_none() || a.location.as_deref() == room)
        .filter(|a| {
            needle.is_empty()
                || [
                    Some(a.id.as_str()),
                    Some(a.name.as_str()),
                    a.custodian.as_deref(),
                    a.location.as_deref(),
                    a.category.as_deref(),
                ]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(&needle))
        })
        .collect();
    list.sort_by(|a, b| {
        let o = match ui.sort {
            SortBy::Id => a.id.cmp(&b.id),
            SortBy::Name => a.name.cmp(&b.name),
            SortBy::Value => a.value_fen().cmp(&b.value_fen()),
            SortBy::Custodian => a.custodian.cmp(&b.custodian),
            SortBy::Location => a.location.cmp(&b.location),
            SortBy::Status => a.status.ident().cmp(b.status.ident()),
        }
        .then_with(|| a.id.cmp(&b.id));
        if ui.ascending {
            o
        } else {
            o.reverse()
        }
    });
    list
}

/// Why a plan item is not on the books.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlinked {
    /// It links no card.
    NoLink,
    /// Its links name no card of the register.
    Unknown(Vec<String>),
    /// Its cards are no longer in use (transferred out, written off).
    NotInUse(Vec<String>),
}

/// The plan items not linked to a card in use, with why.
pub fn unlinked_items<'a>(
    items: &'a [Item],
    index: &AssetIndex,
) -> Vec<(usize, &'a Item, Unlinked)> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            if item.assets.is_empty() {
                return Some((i, item, Unlinked::NoLink));
            }
            if item
                .assets
                .iter()
                .any(|a| index.assets.get(a).is_some_and(|s| s.in_use))
            {
                return None;
            }
            let unknown: Vec<String> = item
                .assets
                .iter()
                .filter(|a| !index.assets.contains_key(*a))
                .cloned()
                .collect();
            Some((
                i,
                item,
                if unknown.is_empty() {
                    Unlinked::NotInUse(item.assets.clone())
                } else {
                    Unlinked::Unknown(unknown)
                },
            ))
        })
        .collect()
}

fn header(ui: &mut egui::Ui, state: &mut RegisterUi, col: SortBy, text: &str) {
    let mark = match (state.sort == col, state.ascending) {
        (true, true) => " ▲",
        (true, false) => " ▼",
        _ => "",
    };
    if ui
        .add(egui::Button::new(egui::RichText::new(format!("{text}{mark}")).strong()).frame(false))
        .clicked()
    {
        if state.sort == col {
            state.ascending = !state.ascending;
        } else {
            state.sort = col;
            state.ascending = true;
        }
    }
}

/// The register window's contents.
pub fn register_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    sel: &Selection,
    state: &mut RegisterUi,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    let Some(reg) = &doc.register else {
        ui.label(lang.pick(
            "没有打开资产台账。与平面图同名的 NAME.register.ron 会自动打开,也可以从“文件”菜单打开。",
            "No register is open. NAME.register.ron beside the plan opens by itself; or open one from the File menu.",
        ));
        if ui
            .button(lang.pick("打开资产台账…", "Open a register…"))
            .clicked()
        {
            out.push(UiAction::File(FileAction::OpenRegister));
        }
        return out;
    };
    ui.label(format!("{} · {}", reg.path.display(), reg.committee));
    let date: Option<NaiveDate> = state.date.trim().parse().ok();
    ui.horizontal(|ui| {
        ui.label(lang.pick("日期", "Date"));
        ui.add(egui::TextEdit::singleline(&mut state.date).desired_width(90.0));
        if date.is_none() {
            ui.colored_label(egui::Color32::from_rgb(0xb0, 0, 0x20), "YYYY-MM-DD");
        }
        ui.label(lang.pick("筛选", "Filter"));
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text(lang.pick("编号、名称、保管人、房间", "id, name, custodian, room"))
                .desired_width(160.0),
        );
        ui.radio_value(
            &mut state.status,
            StatusFilter::InUse,
            lang.pick("在用", "in use"),
        );
        ui.radio_value(
            &mut state.status,
            StatusFilter::All,
            lang.pick("全部", "all"),
        );
        ui.checkbox(
            &mut state.selected_room_only,
            lang.pick("仅所选房间", "selected room only"),
        );
    });
    let Some(date) = date else {
        return out;
    };
    let st = reg.state_at(date);
    let list = cards(&st.assets, state, sel.room.as_deref());
    let total: i64 = list.iter().map(|a| a.value_fen()).sum();
    ui.label(format!(
        "{} {} · {} {} {}",
        list.len(),
        lang.pick("张卡片", "cards"),
        lang.pick("合计", "total"),
        yuan(total),
        lang.pick("元", "yuan")
    ));
    egui::ScrollArea::vertical()
        .id_salt("cards")
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new("cards-grid")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    header(ui, state, SortBy::Id, lang.pick("编号", "Id"));
                    header(ui, state, SortBy::Name, lang.pick("名称", "Name"));
                    ui.label(egui::RichText::new(lang.pick("数量", "Count")).strong());
                    header(
                        ui,
                        state,
                        SortBy::Value,
                        lang.pick("金额(元)", "Value (yuan)"),
                    );
                    header(
                        ui,
                        state,
                        SortBy::Custodian,
                        lang.pick("保管人", "Custodian"),
                    );
                    header(ui, state, SortBy::Location, lang.pick("房间", "Room"));
                    header(ui, state, SortBy::Status, lang.pick("状态", "Status"));
                    ui.end_row();
                    for a in &list {
                        let chosen = state.asset.as_deref() == Some(a.id.as_str());
                        if ui.selectable_label(chosen, &a.id).clicked() {
                            state.asset = Some(a.id.clone());
                        }
                        ui.label(&a.name);
                        ui.label(a.count.to_string());
                        ui.label(yuan(a.value_fen()));
                        ui.label(a.custodian.as_deref().unwrap_or("—"));
                        let room = a.location.as_deref().unwrap_or("—");
                        if ui.link(room_label(doc, room)).clicked() && doc.plan.room(room).is_some()
                        {
                            out.push(UiAction::Select(Selection::room(room)));
                        }
                        ui.label(a.status.name(lang));
                        ui.end_row();
                    }
                });
        });
    if let Some(id) = state.asset.clone() {
        ui.separator();
        history_ui(ui, reg, &id, lang);
        if let Some(card) = st
            .assets
            .iter()
            .find(|a| a.id == id && a.status.is_in_use())
        {
            out.extend(write_off_ui(ui, card, &mut state.write_off, lang));
        }
    }
    out.extend(moves_ui(ui, doc, &st.assets, lang));
    out.extend(pending_ui(ui, doc, lang));
    ui.separator();
    ui.label(
        egui::RichText::new(lang.pick(
            "未链接在用资产卡片的平面图物品",
            "Plan items not linked to a card in use",
        ))
        .strong(),
    );
    if let Some(index) = doc.assets() {
        let items = unlinked_items(&doc.plan.items, index);
        if items.is_empty() {
            ui.label(lang.pick("全部已链接。", "All linked."));
        }
        egui::ScrollArea::vertical()
            .id_salt("unlinked")
            .max_height(180.0)
            .show(ui, |ui| {
                for (i, item, why) in items {
                    let no_link = matches!(why, Unlinked::NoLink);
                    let place = match &item.at {
                        crate::model::Location::Room(r) => room_label(doc, r),
                        crate::model::Location::Site(p) => {
                            lang.pick(p.name_zh(), p.name_en()).to_string()
                        }
                    };
                    let why = match why {
                        Unlinked::NoLink => lang.pick("未链接", "no link").to_string(),
                        Unlinked::Unknown(ids) => format!(
                            "{} {}",
                            lang.pick("台账中没有", "not in the register:"),
                            ids.join(", ")
                        ),
                        Unlinked::NotInUse(ids) => format!(
                            "{} {}",
                            lang.pick("卡片已不在用", "cards no longer in use:"),
                            ids.join(", ")
                        ),
                    };
                    let text = format!(
                        "{} {} · {place} · {why}",
                        item.kind.glyph(),
                        item.kind.name(lang)
                    );
                    ui.horizontal(|ui| {
                        if ui.selectable_label(sel.item == Some(i), text).clicked() {
                            out.push(UiAction::Select(Selection::item(i)));
                        }
                        if no_link
                            && ui
                                .small_button(lang.pick("建卡…", "New card…"))
                                .on_hover_text(lang.pick(
                                    "在台账中为此物品登记一张资产卡片(取得),并链接到它",
                                    "acquire a card for this item in the register and link it",
                                ))
                                .clicked()
                        {
                            state.acquire = Some(acquire_form(reg, &st.assets, i, item, lang));
                        }
                    });
                }
            });
        if let Some(form) = state.acquire.as_mut() {
            let (acts, close) = acquire_ui(ui, doc, form, lang);
            out.extend(acts);
            if close {
                state.acquire = None;
            }
        }
    }
    out
}

/// The next free card id after the register's own: `ZC-0012` after
/// `ZC-0011`, keeping the prefix and the width; `ZC-0001` for an empty one.
pub fn next_asset_id<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut best: Option<(String, u64, usize)> = None;
    for id in ids {
        let digits = id.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            continue;
        }
        let (prefix, num) = id.split_at(id.len() - digits);
        let Ok(n) = num.parse::<u64>() else { continue };
        if best.as_ref().is_none_or(|(_, m, _)| n > *m) {
            best = Some((prefix.to_string(), n, digits));
        }
    }
    match best {
        Some((prefix, n, width)) => format!("{prefix}{:0width$}", n + 1),
        None => "ZC-0001".to_string(),
    }
}

fn acquire_form(
    reg: &Register,
    assets: &[AssetState],
    i: usize,
    item: &Item,
    lang: Lang,
) -> AcquireForm {
    let _ = reg;
    AcquireForm {
        item: i,
        id: next_asset_id(assets.iter().map(|a| a.id.as_str())),
        name: item.kind.name(lang).to_string(),
        date: chrono::Local::now().date_naive().to_string(),
        source: Source::Purchase,
        value: String::new(),
        count: item.count.to_string(),
        custodian: String::new(),
    }
}

/// The new card's form; returns the actions and whether to close it.
fn acquire_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    form: &mut AcquireForm,
    lang: Lang,
) -> (Vec<UiAction>, bool) {
    let mut out = Vec::new();
    let mut close = false;
    let Some(item) = doc.plan.items.get(form.item) else {
        return (out, true);
    };
    ui.separator();
    ui.label(
        egui::RichText::new(format!(
            "{} {} {}",
            lang.pick("为物品建卡:", "New card for"),
            item.kind.glyph(),
            item.kind.name(lang)
        ))
        .strong(),
    );
    let date = crate::register::typed::parse_loose_date(&form.date);
    let value = crate::register::typed::parse_yuan(&form.value);
    let count = crate::register::typed::parse_quantity(&form.count).map(|(n, _)| n);
    egui::Grid::new("acquire-form")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(lang.pick("卡片编号", "Card id"));
            ui.text_edit_singleline(&mut form.id);
            ui.end_row();
            ui.label(lang.pick("名称", "Name"));
            ui.text_edit_singleline(&mut form.name);
            ui.end_row();
            ui.label(lang.pick("取得日期", "Date"));
            ui.text_edit_singleline(&mut form.date);
            ui.end_row();
            ui.label(lang.pick("取得方式", "Source"));
            ui.horizontal(|ui| {
                for (src, zh, en) in [
                    (Source::Purchase, "购置", "purchase"),
                    (Source::SelfMade, "自制", "self-made"),
                    (Source::TransferIn, "调拨", "transfer in"),
                    (Source::Donation, "受赠", "donation"),
                ] {
                    ui.radio_value(&mut form.source, src, lang.pick(zh, en));
                }
            });
            ui.end_row();
            ui.label(lang.pick("单价(元)", "Unit value (yuan)"));
            ui.text_edit_singleline(&mut form.value);
            ui.end_row();
            ui.label(lang.pick("数量", "Count"));
            ui.text_edit_singleline(&mut form.count);
            ui.end_row();
            ui.label(lang.pick("保管人", "Custodian"));
            ui.text_edit_singleline(&mut form.custodian);
            ui.end_row();
        });
    let mut problems = Vec::new();
    if form.id.trim().is_empty() {
        problems.push(lang.pick("请填写卡片编号", "give the card's id"));
    }
    if form.name.trim().is_empty() {
        problems.push(lang.pick("请填写名称", "give a name"));
    }
    if date.is_none() {
        problems.push(lang.pick("日期写作 2025-03-01", "dates are written 2025-03-01"));
    }
    if value.is_none_or(|v| v <= 0) {
        problems.push(lang.pick("请填写单价(元)", "give the unit value in yuan"));
    }
    if count.is_none_or(|c| c == 0) {
        problems.push(lang.pick("数量至少为 1", "the count is at least 1"));
    }
    for p in &problems {
        ui.colored_label(egui::Color32::from_rgb(0xb0, 0x00, 0x20), *p);
    }
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                problems.is_empty(),
                egui::Button::new(lang.pick("记录取得", "Record")),
            )
            .clicked()
        {
            if let (Some(date), Some(value), Some(count)) = (date, value, count) {
                let id = form.id.trim().to_string();
                let custodian = Some(form.custodian.trim().to_string()).filter(|c| !c.is_empty());
                let ev = NewEvent {
                    date,
                    asset: Some(id.clone()),
                    kind: EventKind::Acquire(Acquire {
                        source: form.source,
                        name: form.name.trim().to_string(),
                        kind: Some(item.kind),
                        category: None,
                        special: false,
                        unit_value_fen: value,
                        count,
                        custodian,
                        location: item.room().map(str::to_string),
                    }),
                };
                out.push(UiAction::Record(ev, Some((form.item, id))));
                close = true;
            }
        }
        if ui.button(lang.pick("取消", "Cancel")).clicked() {
            close = true;
        }
    });
    (out, close)
}

/// The write-off of the selected card.
fn write_off_ui(
    ui: &mut egui::Ui,
    card: &AssetState,
    form: &mut WriteOffForm,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    egui::CollapsingHeader::new(format!("{} {}", lang.pick("报废", "Write off"), card.id))
        .id_salt("write-off")
        .default_open(false)
        .show(ui, |ui| {
            if form.date.is_empty() {
                form.date = chrono::Local::now().date_naive().to_string();
            }
            let date = crate::register::typed::parse_loose_date(&form.date);
            let count = if form.count.trim().is_empty() {
                Some(None)
            } else {
                crate::register::typed::parse_quantity(&form.count).map(|(n, _)| Some(n))
            };
            egui::Grid::new("write-off-form")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(lang.pick("日期", "Date"));
                    ui.text_edit_singleline(&mut form.date);
                    ui.end_row();
                    ui.label(lang.pick("原因", "Reason"));
                    ui.text_edit_singleline(&mut form.reason);
                    ui.end_row();
                    ui.label(lang.pick("批准文号", "Approval"));
                    ui.add(egui::TextEdit::singleline(&mut form.approval).hint_text("〔2025〕1号"));
                    ui.end_row();
                    if card.count > 1 {
                        ui.label(lang.pick("数量(空为全部)", "Count (empty: all)"));
                        ui.text_edit_singleline(&mut form.count);
                        ui.end_row();
                    }
                });
            let ok = date.is_some() && !form.reason.trim().is_empty() && count.is_some();
            if !ok {
                ui.small(lang.pick(
                    "请填写日期(2025-03-01)和原因",
                    "give the date (2025-03-01) and the reason",
                ));
            }
            if ui
                .add_enabled(
                    ok,
                    egui::Button::new(lang.pick("记录报废", "Record the write-off")),
                )
                .clicked()
            {
                if let (Some(date), Some(count)) = (date, count) {
                    out.push(UiAction::Record(
                        NewEvent {
                            date,
                            asset: Some(card.id.clone()),
                            kind: EventKind::WriteOff {
                                reason: form.reason.trim().to_string(),
                                approval: Some(form.approval.trim().to_string())
                                    .filter(|a| !a.is_empty()),
                                count,
                            },
                        },
                        None,
                    ));
                    *form = WriteOffForm::default();
                }
            }
        });
    out
}

/// Cards in use whose room in the register is not where their item stands
/// on the plan (the item was moved): (card, item, card's room, item's room).
pub fn moved_cards(doc: &Doc, assets: &[AssetState]) -> Vec<(String, usize, String, String)> {
    let mut out = Vec::new();
    for (i, item) in doc.plan.items.iter().enumerate() {
        let Some(room) = item.room() else { continue };
        for id in &item.assets {
            if let Some(card) = assets.iter().find(|a| &a.id == id && a.status.is_in_use()) {
                if card.location.as_deref() != Some(room) {
                    out.push((
                        id.clone(),
                        i,
                        card.location.clone().unwrap_or_default(),
                        room.to_string(),
                    ));
                }
            }
        }
    }
    out
}

/// Moves to record: a card follows its item to another room.
fn moves_ui(ui: &mut egui::Ui, doc: &Doc, assets: &[AssetState], lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    let moved = moved_cards(doc, assets);
    if moved.is_empty() {
        return out;
    }
    ui.separator();
    ui.label(
        egui::RichText::new(lang.pick(
            "物品已移到别的房间,卡片上的位置未变",
            "Items moved to another room; their cards still say the old one",
        ))
        .strong(),
    );
    for (id, _, from, to) in moved {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{id}: {} → {}",
                if from.is_empty() {
                    "—".to_string()
                } else {
                    room_label(doc, &from)
                },
                room_label(doc, &to)
            ));
            if ui
                .small_button(lang.pick("记录移动", "Record the move"))
                .clicked()
            {
                out.push(UiAction::Record(
                    NewEvent {
                        date: chrono::Local::now().date_naive(),
                        asset: Some(id.clone()),
                        kind: EventKind::Move { to: to.clone() },
                    },
                    None,
                ));
            }
        });
    }
    out
}

/// Events recorded and not yet written to the register's file.
fn pending_ui(ui: &mut egui::Ui, doc: &Doc, lang: Lang) -> Vec<UiAction> {
    let mut out = Vec::new();
    if doc.pending.is_empty() {
        return out;
    }
    ui.separator();
    ui.label(
        egui::RichText::new(format!(
            "{} ({})",
            lang.pick("待写入台账的记录", "Events to write to the register"),
            doc.pending.len()
        ))
        .strong(),
    );
    for ev in &doc.pending {
        ui.label(format!(
            "{}  {}  {}",
            ev.date,
            ev.asset.as_deref().unwrap_or(""),
            ev.to_event().describe(lang)
        ));
    }
    ui.horizontal(|ui| {
        if ui.button(lang.pick("撤销最后一条", "Undo the last")).clicked() {
            out.push(UiAction::UndoRecord);
        }
        if ui
            .button(lang.pick("写入台账", "Write to the register"))
            .on_hover_text(lang.pick(
                "保存平面图时也会写入;写入后不能撤销(台账只追加,不改写)",
                "saving the plan writes them too; once written they stay (the register is only appended to)",
            ))
            .clicked()
        {
            out.push(UiAction::WriteRegister);
        }
    });
    out
}

fn room_label(doc: &Doc, id: &str) -> String {
    match doc.plan.room(id) {
        Some(r) => format!("{id} {}", r.name),
        None => id.to_string(),
    }
}

fn history_ui(ui: &mut egui::Ui, reg: &Register, id: &str, lang: Lang) {
    ui.label(egui::RichText::new(format!("{} {id}", lang.pick("资产记录", "History of"))).strong());
    egui::ScrollArea::vertical()
        .id_salt("history")
        .max_height(160.0)
        .show(ui, |ui| {
            for e in reg.history(id) {
                ui.label(format!(
                    "{}  {}  ({}:{})",
                    e.date,
                    e.describe(lang),
                    reg.path.display(),
                    e.line
                ));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;
    use std::path::Path;

    const REG: &str = r#"(format: 1, committee: "X", events: [
        (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase,
         name: "台式计算机", kind: Computer, unit_value_fen: 568000, custodian: "张三", location: "R1"))),
        (date: "2024-03-01", asset: "ZC-0002", event: Acquire((source: Purchase,
         name: "办公椅", kind: Chair, unit_value_fen: 30000, count: 4, custodian: "李四", location: "R2"))),
        (date: "2025-01-10", asset: "ZC-0003", event: Acquire((source: Donation,
         name: "电风扇", kind: ElectricFan, unit_value_fen: 20000, custodian: "张三", location: "R1"))),
        (date: "2025-06-01", asset: "ZC-0003", event: WriteOff(reason: "损坏", approval: "〔2025〕1号")),
    ])"#;

    fn reg() -> Register {
        parse_register(Path::new("r.ron"), REG).unwrap()
    }

    #[test]
    fn filter_status_room_and_sort() {
        let st = reg().state_at(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let mut ui = RegisterUi::default();
        let ids = |ui: &RegisterUi, room| -> Vec<String> {
            cards(&st.assets, ui, room)
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(ids(&ui, None), ["ZC-0001", "ZC-0002"], "in use only");
        ui.status = StatusFilter::All;
        assert_eq!(ids(&ui, None).len(), 3);
        ui.filter = "张三".into();
        assert_eq!(ids(&ui, None), ["ZC-0001", "ZC-0003"]);
        ui.filter.clear();
        ui.sort = SortBy::Value;
        ui.ascending = false;
        // 5680.00, 4 × 300.00, 200.00
        assert_eq!(ids(&ui, None), ["ZC-0001", "ZC-0002", "ZC-0003"]);
        ui.ascending = true;
        assert_eq!(ids(&ui, None), ["ZC-0003", "ZC-0002", "ZC-0001"]);
        ui.selected_room_only = true;
        assert_eq!(ids(&ui, Some("R2")), ["ZC-0002"]);
    }

    #[test]
    fn the_next_card_id_keeps_prefix_and_width() {
        assert_eq!(next_asset_id(["ZC-0001", "ZC-0011", "ZC-0002"]), "ZC-0012");
        assert_eq!(next_asset_id(["GD2024-099"]), "GD2024-100");
        assert_eq!(next_asset_id(["甲"]), "ZC-0001");
        assert_eq!(next_asset_id([]), "ZC-0001");
    }

    #[test]
    fn unlinked_items_say_why() {
        use crate::model::{ItemKind, Location};
        let index = reg().asset_index(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let at = || Location::Room("R1".into());
        let mut linked = Item::new(ItemKind::Computer, at());
        linked.assets = vec!["ZC-0001".into()];
        let bare = Item::new(ItemKind::Printer, at());
        let mut gone = Item::new(ItemKind::ElectricFan, at());
        gone.assets = vec!["ZC-0003".into()];
        let mut unknown = Item::new(ItemKind::Fax, at());
        unknown.assets = vec!["ZC-0099".into()];
        let items = vec![linked, bare, gone, unknown];
        let list: Vec<(usize, Unlinked)> = unlinked_items(&items, &index)
            .into_iter()
            .map(|(i, _, w)| (i, w))
            .collect();
        assert_eq!(
            list,
            vec![
                (1, Unlinked::NoLink),
                (2, Unlinked::NotInUse(vec!["ZC-0003".into()])),
                (3, Unlinked::Unknown(vec!["ZC-0099".into()])),
            ]
        );
    }
}
