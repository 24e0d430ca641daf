//! The register panel: the committee's fixed-asset cards on a date (filter,
//! sort), one card's history, and the plan items that are not linked to a
//! card in use.

use bevy::prelude::Resource;
use bevy_egui::egui;
use chrono::NaiveDate;

use super::UiAction;
use crate::model::{Item, Lang};
use crate::planner::files::FileAction;
use crate::planner::state::{Doc, Selection};
use crate::register::{yuan, AssetState, Register};
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

/// The register panel's own state.
#[derive(Resource, Debug, Clone)]
pub struct RegisterUi {
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
    }
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
                    if ui.selectable_label(sel.item == Some(i), text).clicked() {
                        out.push(UiAction::Select(Selection::item(i)));
                    }
                }
            });
    }
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
