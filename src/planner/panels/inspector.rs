//! The inspector: what is selected (room, door, item) and the committee's
//! data, edited in place. Every change is sent as an edit; text fields are
//! committed when they lose the keyboard or on Enter.

use bevy_egui::egui;

use super::UiAction;
use crate::edit::levels::level_name;
use crate::edit::Edit;
use crate::model::{
    CertifiedArea, Committee, Estate, EstateRef, Floor, Initiator, Item, ItemKind, Lang, Location,
    Network, OfficerRole, Police, PoliceService, SitePlace, Zone,
};
use crate::planner::picking::delete_selection;
use crate::planner::state::{Doc, PlanCommand, Selection};

/// Text being typed, kept between frames; re-read from the plan whenever the
/// field does not have the keyboard.
#[derive(Default)]
pub struct Buffers {
    pub room_name: OwnedText<String>,
    pub assets: OwnedText<usize>,
    pub code: String,
    pub name: String,
    pub street: String,
    pub address: String,
    pub revision_date: String,
    pub consent_by: String,
    pub consent_date: String,
    pub revision_reason: String,
    pub certified_m2: String,
    pub certified_source: String,
    /// The estates' names as typed, by index in `committee.estates`.
    pub estate_names: Vec<String>,
}

/// Text typed for one object (a room's name, an item's asset links), kept
/// with the object it was typed for: when another object is selected before
/// the field loses the keyboard, the text still goes to the right one.
#[derive(Debug)]
pub struct OwnedText<K> {
    owner: Option<K>,
    text: String,
    dirty: bool,
}

impl<K> Default for OwnedText<K> {
    fn default() -> Self {
        OwnedText {
            owner: None,
            text: String::new(),
            dirty: false,
        }
    }
}

impl<K: Clone + PartialEq> OwnedText<K> {
    /// Text typed for another object than the one shown now: to commit.
    fn take_orphan(&mut self, now: Option<&K>) -> Option<(K, String)> {
        if !self.dirty || self.owner.as_ref() == now {
            return None;
        }
        self.dirty = false;
        let text = std::mem::take(&mut self.text);
        self.owner.take().map(|k| (k, text))
    }

    /// The field for `owner`: returns the new text when the user is done
    /// (Enter, or the field lost the keyboard) and it differs from `current`.
    fn field(
        &mut self,
        ui: &mut egui::Ui,
        salt: &str,
        owner: &K,
        current: &str,
        hint: &str,
    ) -> Option<String> {
        let id = ui.make_persistent_id(salt);
        let focused = ui.memory(|m| m.has_focus(id));
        if self.owner.as_ref() != Some(owner) || (!self.dirty && !focused) {
            self.owner = Some(owner.clone());
            self.text = current.to_string();
            self.dirty = false;
        }
        let resp = ui.add(
            egui::TextEdit::singleline(&mut self.text)
                .hint_text(hint)
                .id(id),
        );
        if resp.changed() {
            self.dirty = true;
        }
        if resp.lost_focus() && self.dirty {
            self.dirty = false;
            return (self.text != current).then(|| self.text.clone());
        }
        None
    }
}

/// Asset ids as typed: separated by commas (either width), semicolons or spaces.
fn parse_assets(text: &str) -> Vec<String> {
    text.split([',', ',', ' ', ';', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn edit(e: Edit) -> UiAction {
    UiAction::Plan(PlanCommand::Edit(e))
}

/// A text field bound to a plan value: shows `current` unless it is being
/// typed in; returns the new text when the user is done and it differs.
fn text_field(
    ui: &mut egui::Ui,
    salt: &str,
    buf: &mut String,
    current: &str,
    hint: &str,
) -> Option<String> {
    let id = ui.make_persistent_id(salt);
    if !ui.memory(|m| m.has_focus(id)) && buf != current {
        *buf = current.to_string();
    }
    let resp = ui.add(egui::TextEdit::singleline(buf).hint_text(hint).id(id));
    let done = resp.lost_focus();
    (done && buf != current).then(|| buf.clone())
}

/// A date typed as YYYY-MM-DD; `bad` is set when what was typed is no date.
fn date_field(
    ui: &mut egui::Ui,
    salt: &str,
    buf: &mut String,
    current: chrono::NaiveDate,
    bad: &mut bool,
) -> Option<chrono::NaiveDate> {
    let typed = text_field(ui, salt, buf, &current.to_string(), "YYYY-MM-DD")?;
    let parsed = typed.trim().parse().ok();
    *bad |= parsed.is_none();
    parsed
}

pub fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    sel: &Selection,
    buf: &mut Buffers,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    // text typed for what was selected before: commit it to that
    if let Some((room, name)) = buf.room_name.take_orphan(sel.room.as_ref()) {
        if doc.plan.room(&room).is_some_and(|r| r.name != name) {
            out.push(edit(Edit::SetRoomName { room, name }));
        }
    }
    if let Some((index, text)) = buf.assets.take_orphan(sel.item.as_ref()) {
        if let Some(item) = doc.plan.items.get(index) {
            let mut item = item.clone();
            item.assets = parse_assets(&text);
            out.push(edit(Edit::SetItem { index, item }));
        }
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(lang.pick("属性", "Inspector"));
        if let Some(room) = sel.room.as_deref().and_then(|id| doc.plan.room(id)) {
            room_ui(ui, doc, room, sel, buf, lang, &mut out);
        } else if let Some(i) = sel.door.filter(|&i| i < doc.plan.doors.len()) {
            door_ui(ui, doc, i, lang, &mut out);
        } else if let Some(i) = sel.item.filter(|&i| i < doc.plan.items.len()) {
            item_ui(ui, doc, i, buf, lang, &mut out);
        } else {
            ui.label(lang.pick(
                "在平面图上点击房间、门或物品以编辑。",
                "Click a room, door or item on the plan to edit it.",
            ));
        }
        ui.separator();
        egui::CollapsingHeader::new(lang.pick("居委会信息", "Committee"))
            .default_open(sel.is_empty())
            .show(ui, |ui| committee_ui(ui, doc, buf, lang, &mut out));
        egui::CollapsingHeader::new(lang.pick("修订", "Revision"))
            .default_open(false)
            .show(ui, |ui| revision_ui(ui, doc, buf, lang, &mut out));
    });
    out
}

fn delete_button(
    ui: &mut egui::Ui,
    doc: &Doc,
    sel: &Selection,
    text: &str,
    out: &mut Vec<UiAction>,
) {
    if ui.button(text).clicked() {
        if let Some(e) = delete_selection(doc, sel) {
            out.push(edit(e));
        }
    }
}

fn room_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    room: &crate::model::Room,
    sel: &Selection,
    buf: &mut Buffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    ui.label(format!(
        "{} {} · {}",
        lang.pick("房间", "Room"),
        room.id,
        level_name(room.level, lang)
    ));
    egui::Grid::new("room").num_columns(2).show(ui, |ui| {
        ui.label(lang.pick("名称", "Name"));
        if let Some(name) = buf
            .room_name
            .field(ui, "room-name", &room.id, &room.name, "")
        {
            out.push(edit(Edit::SetRoomName {
                room: room.id.clone(),
                name,
            }));
        }
        ui.end_row();
        ui.label(lang.pick("面积", "Area"));
        match doc.room_area(&room.id) {
            Some(a) => ui.label(format!("{a:.2} ㎡")),
            None => ui.label("—"),
        };
        ui.end_row();
        ui.label(lang.pick("地面", "Floor"));
        ui.horizontal(|ui| {
            for (floor, zh, en) in [
                (Floor::AntiSlip, "防滑", "anti-slip"),
                (Floor::Other, "其他", "other"),
            ] {
                if ui.radio(room.floor == floor, lang.pick(zh, en)).clicked() && room.floor != floor
                {
                    out.push(edit(Edit::SetRoomFloor {
                        room: room.id.clone(),
                        floor,
                    }));
                }
            }
        });
        ui.end_row();
    });
    ui.label(lang.pick("功能区", "Zones"));
    for zone in Zone::ALL {
        let mut on = room.has(zone);
        let swatch = egui::RichText::new("■").color(super::findings::colour32(zone.colour()));
        ui.horizontal(|ui| {
            ui.label(swatch);
            if ui.checkbox(&mut on, zone.name(lang)).changed() {
                let zones: Vec<Zone> = Zone::ALL
                    .into_iter()
                    .filter(|z| if *z == zone { on } else { room.has(*z) })
                    .collect();
                out.push(edit(Edit::SetRoomZones {
                    room: room.id.clone(),
                    zones,
                }));
            }
        });
    }
    ui.label(format!(
        "{}: {}",
        lang.pick("顶点", "Points"),
        room.outline.len()
    ));
    if let Some(v) = sel.vertex.and_then(|i| room.outline.get(i).map(|p| (i, p))) {
        ui.label(format!(
            "{} {}: ({:.2}, {:.2})",
            lang.pick("选中顶点", "selected point"),
            v.0,
            v.1 .0,
            v.1 .1
        ));
        delete_button(ui, doc, sel, lang.pick("删除顶点", "Delete point"), out);
    }
    ui.small(lang.pick(
        "拖动顶点可修改轮廓(吸附0.1米网格及其他房间的顶点和墙);双击墙添加顶点;右键顶点删除。",
        "Drag points to reshape (snaps to the 0.1 m grid and to other rooms' points and walls); double-click a wall to add a point; right-click a point to delete it.",
    ));
    let findings: Vec<&crate::rules::Finding> = doc
        .report
        .findings
        .iter()
        .filter(|f| f.rooms.contains(&room.id))
        .collect();
    if !findings.is_empty() {
        ui.separator();
        for f in findings {
            ui.colored_label(
                super::findings::colour32(f.severity.colour()),
                format!("[{}] {}", f.code, f.message(lang)),
            );
        }
    }
    ui.separator();
    let room_only = Selection::room(room.id.clone());
    delete_button(
        ui,
        doc,
        &room_only,
        lang.pick("删除房间", "Delete room"),
        out,
    );
}

fn side_name(doc: &Doc, id: &str, lang: Lang) -> String {
    match doc.plan.room(id) {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => lang.pick("室外", "outside").to_string(),
    }
}

fn stair_ui(ui: &mut egui::Ui, doc: &Doc, i: usize, lang: Lang, out: &mut Vec<UiAction>) {
    let d = &doc.plan.doors[i];
    ui.label(format!("{} {}", lang.pick("楼梯", "Stair"), i + 1));
    let side = |id: &str| match doc.plan.room(id) {
        Some(r) => format!("{} ({}, {})", r.name, r.id, level_name(r.level, lang)),
        None => id.to_string(),
    };
    ui.label(format!("{} ↕ {}", side(&d.between.0), side(&d.between.1)));
    ui.label(format!("({:.2}, {:.2})", d.at.0, d.at.1));
    ui.small(lang.pick(
        "楼梯连接上下两层的房间,位置须在两间房内。拖动可移动;在任一层都可选中。",
        "A stair joins rooms on two levels and stands inside both. Drag it to move it; it can be selected on either level.",
    ));
    if ui.button(lang.pick("删除楼梯", "Delete stair")).clicked() {
        out.push(edit(Edit::DeleteDoor { index: i }));
    }
}

fn door_ui(ui: &mut egui::Ui, doc: &Doc, i: usize, lang: Lang, out: &mut Vec<UiAction>) {
    let d = &doc.plan.doors[i];
    if d.is_stair() {
        return stair_ui(ui, doc, i, lang, out);
    }
    ui.label(format!("{} {}", lang.pick("门", "Door"), i + 1));
    ui.label(format!(
        "{} ↔ {}",
        side_name(doc, &d.between.0, lang),
        side_name(doc, &d.between.1, lang)
    ));
    ui.label(format!("({:.2}, {:.2})", d.at.0, d.at.1));
    ui.small(lang.pick(
        "沿墙拖动门即可移动;拖到另一面墙上,门连接的房间随之改变。",
        "Drag the door along the walls to move it; on another wall it connects the rooms that share that wall.",
    ));
    if ui.button(lang.pick("删除门", "Delete door")).clicked() {
        out.push(edit(Edit::DeleteDoor { index: i }));
    }
}

fn location_name(doc: &Doc, at: &Location, lang: Lang) -> String {
    match at {
        Location::Room(id) => side_name(doc, id, lang),
        Location::Site(p) => lang.pick(p.name_zh(), p.name_en()).to_string(),
    }
}

fn item_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    i: usize,
    buf: &mut Buffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    let item = &doc.plan.items[i];
    ui.label(format!("{} {}", item.kind.glyph(), item.kind.name(lang)));
    let mut changed: Option<Item> = None;
    egui::Grid::new("item").num_columns(2).show(ui, |ui| {
        ui.label(lang.pick("位置", "Where"));
        egui::ComboBox::from_id_salt("item-at")
            .selected_text(location_name(doc, &item.at, lang))
            .show_ui(ui, |ui| {
                for r in &doc.plan.rooms {
                    let at = Location::Room(r.id.clone());
                    if ui
                        .selectable_label(item.at == at, format!("{} ({})", r.name, r.id))
                        .clicked()
                        && item.at != at
                    {
                        out.push(edit(Edit::MoveItem {
                            index: i,
                            at,
                            pos: None,
                        }));
                    }
                }
                for p in SitePlace::ALL {
                    let at = Location::Site(p);
                    if ui
                        .selectable_label(item.at == at, lang.pick(p.name_zh(), p.name_en()))
                        .clicked()
                        && item.at != at
                    {
                        out.push(edit(Edit::MoveItem {
                            index: i,
                            at,
                            pos: None,
                        }));
                    }
                }
            });
        ui.end_row();
        ui.label(lang.pick("数量", "Count"));
        let mut count = item.count;
        let r = ui.add(egui::DragValue::new(&mut count).range(1..=9999));
        if count != item.count && !r.dragged() {
            out.push(edit(Edit::SetItemCount { index: i, count }));
        } else if count != item.count && r.dragged() {
            out.push(UiAction::Plan(PlanCommand::Drag(Edit::SetItemCount {
                index: i,
                count,
            })));
        }
        ui.end_row();
        if matches!(item.kind, ItemKind::WallBoard(_) | ItemKind::PoliceBoard) {
            ui.label(lang.pick("所在墙", "Wall"));
            let mut on = item.wall.is_some();
            let mut wall = item.wall.unwrap_or(0);
            ui.horizontal(|ui| {
                ui.checkbox(&mut on, "");
                ui.add_enabled(on, egui::DragValue::new(&mut wall).range(0..=999));
            });
            let new = on.then_some(wall);
            if new != item.wall {
                let mut it = item.clone();
                it.wall = new;
                changed = Some(it);
            }
            ui.end_row();
        }
        if item.kind == ItemKind::Computer {
            ui.label(lang.pick("网络", "Network"));
            ui.horizontal_wrapped(|ui| {
                for (n, zh, en) in [
                    (None, "无", "none"),
                    (Some(Network::Intranet), "内网", "intranet"),
                    (Some(Network::Internet), "外网", "internet"),
                    (Some(Network::Both), "内外网", "both"),
                    (Some(Network::Police), "公安网", "police"),
                ] {
                    if ui.radio(item.network == n, lang.pick(zh, en)).clicked() && item.network != n
                    {
                        let mut it = item.clone();
                        it.network = n;
                        changed = Some(it.clone());
                    }
                }
            });
            ui.end_row();
        }
        // which estate a site item serves (committee.estates, rev 2)
        let estates = &doc.plan.committee.estates;
        if matches!(item.at, Location::Site(_)) && !estates.is_empty() {
            ui.label(lang.pick("所属小区", "Estate"));
            let name = |id: &Option<String>| match id {
                None => lang.pick("(未指定)", "(none)").to_string(),
                Some(id) => estates
                    .iter()
                    .find(|e| &e.id == id)
                    .map_or_else(|| format!("{id} ?"), |e| format!("{} ({})", e.name, e.id)),
            };
            egui::ComboBox::from_id_salt("item-estate")
                .selected_text(name(&item.estate))
                .show_ui(ui, |ui| {
                    let choices =
                        std::iter::once(None).chain(estates.iter().map(|e| Some(e.id.clone())));
                    for choice in choices {
                        if ui
                            .selectable_label(item.estate == choice, name(&choice))
                            .clicked()
                            && item.estate != choice
                        {
                            let mut it = item.clone();
                            it.estate = choice;
                            changed = Some(it);
                        }
                    }
                });
            ui.end_row();
        }
        if item.kind == ItemKind::BulletinBoard {
            ui.label(lang.pick("商业广告", "Commercial ads"));
            let mut ads = item.commercial_ads;
            if ui.checkbox(&mut ads, "").changed() {
                let mut it = item.clone();
                it.commercial_ads = ads;
                changed = Some(it);
            }
            ui.end_row();
        }
        ui.label(lang.pick("资产卡片", "Asset cards"));
        let current = item.assets.join(", ");
        if let Some(text) = buf
            .assets
            .field(ui, "assets", &i, &current, "ZC-0001, ZC-0002")
        {
            let mut it = item.clone();
            it.assets = parse_assets(&text);
            changed = Some(it);
        }
        ui.end_row();
    });
    if let Some(it) = changed {
        out.push(edit(Edit::SetItem { index: i, item: it }));
    }
    if ui.button(lang.pick("删除物品", "Delete item")).clicked() {
        out.push(edit(Edit::DeleteItem { index: i }));
    }
}

fn committee_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    buf: &mut Buffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    let c = &doc.plan.committee;
    let mut new: Committee = c.clone();
    egui::Grid::new("committee").num_columns(2).show(ui, |ui| {
        ui.label(lang.pick("编号", "Code"));
        if let Some(t) = text_field(ui, "code", &mut buf.code, &c.code, "JA-SM2-007") {
            new.code = t;
        }
        ui.end_row();
        ui.label(lang.pick("名称", "Name"));
        if let Some(t) = text_field(ui, "name", &mut buf.name, &c.name, "") {
            new.name = t;
        }
        ui.end_row();
        ui.label(lang.pick("街道", "Street office"));
        if let Some(t) = text_field(ui, "street", &mut buf.street, &c.street, "") {
            new.street = t;
        }
        ui.end_row();
        ui.label(lang.pick("地址", "Address"));
        if let Some(t) = text_field(ui, "address", &mut buf.address, &c.address, "") {
            new.address = t;
        }
        ui.end_row();
        ui.label(lang.pick("小区", "Estate"));
        ui.horizontal(|ui| {
            for e in [Estate::New, Estate::Old] {
                if ui
                    .radio(c.estate == e, lang.pick(e.name_zh(), e.name_en()))
                    .clicked()
                {
                    new.estate = e;
                }
            }
        });
        ui.end_row();
        ui.label(lang.pick("临街", "Street-facing"));
        ui.checkbox(&mut new.street_facing, "");
        ui.end_row();
        // rev 2: staff at desks (A2-2.3) and the certified area
        ui.label(lang.pick("工作人员数", "Committee staff"));
        ui.horizontal(|ui| {
            let mut known = c.staff.is_some();
            if ui
                .checkbox(&mut known, "")
                .on_hover_text(lang.pick(
                    "居委会坐班的工作人员(委员、社工)人数;不勾选为未记录",
                    "committee members and social workers at desks; unticked: not recorded",
                ))
                .changed()
            {
                new.staff = known.then_some(c.staff.unwrap_or(1));
            }
            if let Some(n) = c.staff {
                let mut n2 = n;
                ui.add(egui::DragValue::new(&mut n2).range(0..=999));
                if n2 != n && new.staff.is_some() {
                    new.staff = Some(n2);
                }
            }
        });
        ui.end_row();
        ui.label(lang.pick("产证面积", "Certified area"));
        ui.vertical(|ui| {
            let mut known = c.certified_area.is_some();
            if ui
                .checkbox(
                    &mut known,
                    lang.pick("有(判定面积时用它)", "recorded (used for the thresholds)"),
                )
                .changed()
            {
                new.certified_area = known.then(|| CertifiedArea {
                    m2: (doc.facts.measured_m2 * 100.0).round() / 100.0,
                    source: String::new(),
                });
            }
            if let (Some(ca), Some(nca)) = (&c.certified_area, new.certified_area.as_mut()) {
                ui.horizontal(|ui| {
                    let shown = format!("{:.2}", ca.m2);
                    if let Some(t) =
                        text_field(ui, "certified-m2", &mut buf.certified_m2, &shown, "231.50")
                    {
                        match t
                            .trim()
                            .trim_end_matches(['㎡', '²'])
                            .trim_end_matches(" m")
                            .trim()
                            .parse::<f64>()
                        {
                            Ok(v) if v.is_finite() && v > 0.0 => nca.m2 = v,
                            _ => out.push(UiAction::Notice(
                                "产证面积应为正数(平方米),如 231.50".into(),
                                "the certified area is a positive number of m², e.g. 231.50".into(),
                            )),
                        }
                    }
                    ui.label("㎡");
                });
                if let Some(t) = text_field(
                    ui,
                    "certified-source",
                    &mut buf.certified_source,
                    &ca.source,
                    lang.pick(
                        "出处:房地产权证号、测绘报告",
                        "source: certificate no., survey",
                    ),
                ) {
                    nca.source = t.trim().to_string();
                }
            }
        });
        ui.end_row();
        ui.label(lang.pick("社区警务室", "Police room"));
        let mut has = c.police.is_some();
        if ui.checkbox(&mut has, "").changed() {
            new.police = has.then(|| Police {
                staff: 1,
                services: Vec::new(),
                officer_role: None,
            });
        }
        ui.end_row();
        if let (Some(p), Some(np)) = (&c.police, new.police.as_mut()) {
            ui.label(lang.pick("警务人员数", "Police staff"));
            let mut staff = p.staff;
            ui.add(egui::DragValue::new(&mut staff).range(0..=99));
            if staff != p.staff {
                np.staff = staff;
            }
            ui.end_row();
            ui.label(lang.pick("社区民警职务", "Officer's role"));
            ui.vertical(|ui| {
                for (r, zh, en) in [
                    (None, "无", "none"),
                    (
                        Some(OfficerRole::DeputyPartySecretary),
                        "居民区党组织副书记",
                        "deputy Party secretary",
                    ),
                    (
                        Some(OfficerRole::DeputyStationHead),
                        "综治工作站副站长",
                        "deputy head of the governance station",
                    ),
                ] {
                    if ui.radio(p.officer_role == r, lang.pick(zh, en)).clicked() {
                        np.officer_role = r;
                    }
                }
            });
            ui.end_row();
            ui.label(lang.pick("警务服务", "Services"));
            ui.vertical(|ui| {
                for s in PoliceService::ALL {
                    let mut on = p.services.contains(&s);
                    if ui
                        .checkbox(&mut on, lang.pick(s.name_zh(), s.name_en()))
                        .changed()
                    {
                        np.services = PoliceService::ALL
                            .into_iter()
                            .filter(|x| if *x == s { on } else { p.services.contains(x) })
                            .collect();
                    }
                }
            });
            ui.end_row();
        }
    });
    estates_ui(ui, doc, &mut new, buf, lang, out);
    if new != *c {
        out.push(edit(Edit::SetCommittee { committee: new }));
    }
}

/// The estates (小区) the committee serves (rev 2): add, rename, remove.
/// Removing one that items name clears their `estate` in the same undo
/// step (the edit is then a group, sent here, and `new` is left alone).
fn estates_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    new: &mut Committee,
    buf: &mut Buffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    let c = &doc.plan.committee;
    ui.separator();
    ui.label(egui::RichText::new(lang.pick("服务的小区", "Estates served")).strong());
    if c.estates.is_empty() {
        ui.small(lang.pick(
            "未列出:视为只服务一个小区。服务多个小区时逐一添加,并为小区门口等场地物品指定所属小区。",
            "none listed: one estate. When the committee serves several, add each and give the site items (estate gate…) their estate.",
        ));
    }
    buf.estate_names.resize(c.estates.len(), String::new());
    let mut remove = None;
    for (k, e) in c.estates.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(&e.id);
            if let Some(t) = text_field(
                ui,
                &format!("estate-name-{k}"),
                &mut buf.estate_names[k],
                &e.name,
                lang.pick("小区名称", "estate name"),
            ) {
                let t = t.trim().to_string();
                if t.is_empty() {
                    out.push(UiAction::Notice(
                        "小区名称不能为空".into(),
                        "an estate needs a name".into(),
                    ));
                } else if let Some(ne) = new.estates.get_mut(k) {
                    ne.name = t;
                }
            }
            let used = doc
                .plan
                .items
                .iter()
                .filter(|it| it.estate.as_deref() == Some(e.id.as_str()))
                .count();
            let resp = ui.button(lang.pick("删除", "Remove"));
            let resp = if used > 0 {
                resp.on_hover_text(match lang {
                    Lang::Zh => format!("{used} 件物品属于此小区:删除后它们不再指定小区"),
                    Lang::En => {
                        format!("{used} items belong to it: they are left without an estate")
                    }
                })
            } else {
                resp
            };
            if resp.clicked() {
                remove = Some(k);
            }
        });
    }
    if ui.button(lang.pick("添加小区", "Add estate")).clicked() {
        let id = (1..)
            .map(|n| format!("E{n}"))
            .find(|id| !c.estates.iter().any(|e| &e.id == id))
            .expect("unbounded");
        let name = match lang {
            Lang::Zh => format!("小区{}", c.estates.len() + 1),
            Lang::En => format!("estate {}", c.estates.len() + 1),
        };
        new.estates.push(EstateRef { id, name });
    }
    if let Some(k) = remove {
        let gone = c.estates[k].id.clone();
        let mut committee = new.clone();
        committee.estates.retain(|e| e.id != gone);
        let mut edits = vec![Edit::SetCommittee { committee }];
        for (index, it) in doc.plan.items.iter().enumerate() {
            if it.estate.as_deref() == Some(gone.as_str()) {
                let mut item = it.clone();
                item.estate = None;
                edits.push(Edit::SetItem { index, item });
            }
        }
        out.push(edit(Edit::Group {
            label: ("删除小区", "remove estate"),
            edits,
        }));
        // the group carries the committee: nothing else to send
        *new = c.clone();
    }
}

fn revision_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    buf: &mut Buffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    let r = &doc.plan.revision;
    let mut new = r.clone();
    let mut bad_date = false;
    egui::Grid::new("revision").num_columns(2).show(ui, |ui| {
        ui.label(lang.pick("修订号", "Number"));
        ui.add(egui::DragValue::new(&mut new.number).range(1..=9999));
        ui.end_row();
        ui.label(lang.pick("日期", "Date"));
        if let Some(d) = date_field(
            ui,
            "rev-date",
            &mut buf.revision_date,
            r.date,
            &mut bad_date,
        ) {
            new.date = d;
        }
        ui.end_row();
        ui.label(lang.pick("由谁调整", "Initiated by"));
        ui.horizontal(|ui| {
            for who in [Initiator::Committee, Initiator::Street] {
                if ui
                    .radio(
                        r.initiated_by == who,
                        lang.pick(who.name_zh(), who.name_en()),
                    )
                    .clicked()
                {
                    new.initiated_by = who;
                }
            }
        });
        ui.end_row();
        ui.label(lang.pick("调整理由", "Reason"));
        if let Some(t) = text_field(
            ui,
            "rev-reason",
            &mut buf.revision_reason,
            r.reason.as_deref().unwrap_or(""),
            lang.pick("用房用途改变的原因", "why a room's use changed"),
        ) {
            new.reason = Some(t.trim().to_string()).filter(|t| !t.is_empty());
        }
        ui.end_row();
        ui.label(lang.pick("居委会同意", "Committee's consent"));
        let mut has = r.consent.is_some();
        if ui.checkbox(&mut has, "").changed() {
            new.consent = has.then(|| crate::model::Consent {
                by: doc.plan.committee.name.clone(),
                date: r.date,
            });
        }
        ui.end_row();
        if let (Some(c), Some(nc)) = (&r.consent, new.consent.as_mut()) {
            ui.label(lang.pick("同意方", "By"));
            if let Some(t) = text_field(ui, "consent-by", &mut buf.consent_by, &c.by, "") {
                nc.by = t;
            }
            ui.end_row();
            ui.label(lang.pick("同意日期", "Date of consent"));
            if let Some(d) = date_field(
                ui,
                "consent-date",
                &mut buf.consent_date,
                c.date,
                &mut bad_date,
            ) {
                nc.date = d;
            }
            ui.end_row();
        }
    });
    if bad_date {
        out.push(UiAction::Notice(
            "日期格式应为 YYYY-MM-DD".into(),
            "dates are written YYYY-MM-DD".into(),
        ));
    }
    if new != *r {
        out.push(edit(Edit::SetRevision { revision: new }));
    }
}
