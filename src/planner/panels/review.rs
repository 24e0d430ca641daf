//! The review of a drawing just imported: the import's notices as a list
//! that stays (tick each off; click one to see its room), in the planner's
//! words rather than `juwei import`'s options, and a short form for what a
//! drawing never carries: the committee's data, the floors, the units.

use bevy_egui::egui;

use super::UiAction;
use crate::edit::Edit;
use crate::import::{DrawingUnits, Notice, NoticeKind};
use crate::model::{Committee, Estate, Floor, Lang};
use crate::planner::actions::FileAction;
use crate::planner::files::ImportReview;
use crate::planner::state::{Doc, PlanCommand};

/// The committee's data as typed in the review's form.
#[derive(Debug, Default)]
pub struct ReviewBuffers {
    serial: Option<u64>,
    pub code: String,
    pub name: String,
    pub street: String,
    pub address: String,
    pub estate: Option<Estate>,
    pub units: Option<DrawingUnits>,
}

/// A notice in the planner's words: the advice of `juwei import` (its
/// command-line options) left out, and what to do here instead.
pub fn planner_words(n: &Notice, lang: Lang) -> String {
    let own = match n.kind {
        NoticeKind::FloorDefault => Some(lang.pick(
            "图纸不含地面材料:各房间的地面暂记为「其他」。请在下方「地面」中逐间核实,防滑的改为防滑(附件2 四.3)。",
            "Drawings carry no floor finishes: every room's floor is set to \"other\" for now. Confirm each room under \"Floors\" below and set the anti-slip ones (附件2 四.3).",
        ).to_string()),
        NoticeKind::CommitteeDefaults => Some(lang.pick(
            "图纸不含居委会信息:编号、名称等暂用图纸文件名或留空。请在下方「居委会信息」中填写。",
            "Drawings carry no committee data: the code and name are the drawing's file name for now, or empty. Fill them in under \"Committee\" below.",
        ).to_string()),
        NoticeKind::PoliceDefaults => None,
        _ => None,
    };
    if let Some(own) = own {
        return own;
    }
    let mut text = strip_options(n.message(lang));
    let hint = match n.kind {
        NoticeKind::UnitsGuessed | NoticeKind::Units => Some(lang.pick(
            "单位不对时,在下方「单位」中选择后重新导入。",
            "If the units are wrong, choose them under \"Units\" below and import again.",
        )),
        NoticeKind::NoRooms => Some(lang.pick(
            "请在 CAD 中把房间轮廓放到名称含「房间」或 ROOM 的图层后再导入,或在平面图中用「画房间」描出房间。",
            "Put the room outlines on a layer named like ROOM or 房间 in the CAD program and import again, or draw the rooms here with \"draw room\".",
        )),
        NoticeKind::UnknownZone => Some(lang.pick(
            "点击此条选中该房间,在右侧属性中勾选功能区。",
            "Click this line to select the room and tick its zones in the inspector.",
        )),
        _ if !n.rooms.is_empty() => Some(lang.pick(
            "点击此条查看该房间。",
            "Click this line to see the room.",
        )),
        _ => None,
    };
    if let Some(h) = hint {
        if !text.is_empty() && !text.ends_with(['。', '.', ')', ')']) {
            text.push_str(lang.pick("。", "."));
        }
        text.push(' ');
        text.push_str(h);
    }
    text
}

/// A message without its advice about command-line options: a bracketed
/// part or a sentence or clause that names an option (`--units`) goes.
pub fn strip_options(msg: &str) -> String {
    // bracketed parts naming an option
    let mut out = String::new();
    let mut rest = msg;
    while let Some(open) = rest.find(['(', '(']) {
        let close_rel = rest[open..].find([')', ')']);
        let Some(close_rel) = close_rel else { break };
        let close = open
            + close_rel
            + rest[open + close_rel..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
        let part = &rest[open..close];
        out.push_str(&rest[..open]);
        if !part.contains("--") {
            out.push_str(part);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    // clauses naming an option: split after the clause marks, keep the marks
    let mut kept = String::new();
    let mut clause = String::new();
    let flush = |clause: &mut String, kept: &mut String| {
        if !clause.contains("--") {
            kept.push_str(clause);
        }
        clause.clear();
    };
    let chars: Vec<char> = out.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // " — " and ". " end an English clause; 。;; end any
        let ends = matches!(c, '。' | '\u{ff1b}' | ';')
            || (c == '.' && chars.get(i + 1) == Some(&' '))
            || (c == ' ' && chars.get(i + 1) == Some(&'—'));
        clause.push(c);
        if ends {
            flush(&mut clause, &mut kept);
        }
    }
    flush(&mut clause, &mut kept);
    kept.trim()
        .trim_end_matches([';', '\u{ff1b}', ',', '\u{ff0c}'])
        .trim()
        .to_string()
}

fn units_name(u: DrawingUnits, lang: Lang) -> String {
    let zh = match u {
        DrawingUnits::Millimetres => "毫米",
        DrawingUnits::Centimetres => "厘米",
        DrawingUnits::Decimetres => "分米",
        DrawingUnits::Metres => "米",
        DrawingUnits::Inches => "英寸",
        DrawingUnits::Feet => "英尺",
    };
    format!("{} ({})", lang.pick(zh, u.symbol()), u.symbol())
}

const UNITS: [DrawingUnits; 6] = [
    DrawingUnits::Millimetres,
    DrawingUnits::Centimetres,
    DrawingUnits::Decimetres,
    DrawingUnits::Metres,
    DrawingUnits::Inches,
    DrawingUnits::Feet,
];

fn edit(e: Edit) -> UiAction {
    UiAction::Plan(PlanCommand::Edit(e))
}

/// The review window's contents.
pub fn review_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    review: &mut ImportReview,
    buf: &mut ReviewBuffers,
    lang: Lang,
) -> Vec<UiAction> {
    let mut out = Vec::new();
    if buf.serial != Some(review.serial) {
        let c = &doc.plan.committee;
        *buf = ReviewBuffers {
            serial: Some(review.serial),
            code: c.code.clone(),
            name: c.name.clone(),
            street: c.street.clone(),
            address: c.address.clone(),
            estate: Some(c.estate),
            units: review.units,
        };
    }
    let source = review
        .source
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    ui.label(format!(
        "{} {source} {} {} {}",
        lang.pick("从", "Imported"),
        lang.pick("导入了", ""),
        review.rooms,
        lang.pick("个房间。", "rooms."),
    ));
    let done = review.checked.iter().filter(|c| **c).count();
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .id_salt("review-notices")
        .show(ui, |ui| {
            if review.notices.is_empty() {
                ui.label(lang.pick(
                    "导入没有需要核对的情况。",
                    "The import has nothing to review.",
                ));
            }
            ui.strong(format!(
                "{} ({done}/{})",
                lang.pick("请逐条核对", "Review each"),
                review.notices.len()
            ));
            for (i, n) in review.notices.iter().enumerate() {
                ui.horizontal(|ui| {
                    let mut c = review.checked.get(i).copied().unwrap_or(false);
                    if ui
                        .checkbox(&mut c, "")
                        .on_hover_text(lang.pick("已核对", "reviewed"))
                        .changed()
                    {
                        if let Some(slot) = review.checked.get_mut(i) {
                            *slot = c;
                        }
                    }
                    let (mark, colour) = if n.kind.is_warning() {
                        ("⚠", egui::Color32::from_rgb(0xb0, 0x50, 0x00))
                    } else {
                        ("ℹ", egui::Color32::from_rgb(0x20, 0x50, 0x90))
                    };
                    ui.colored_label(colour, mark);
                    let mut text = egui::RichText::new(planner_words(n, lang));
                    if c {
                        text = text.weak();
                    }
                    let mut detail = Vec::new();
                    if !n.rooms.is_empty() {
                        detail.push(format!(
                            "{} {}",
                            lang.pick("房间", "rooms"),
                            n.rooms.join(", ")
                        ));
                    }
                    if !n.handles.is_empty() {
                        detail.push(format!(
                            "{} {}",
                            lang.pick("CAD 图元", "CAD handles"),
                            n.handles.join(", ")
                        ));
                    }
                    if let Some(l) = n.line {
                        detail.push(format!("{} {l}", lang.pick("DXF 文件第几行:", "DXF line")));
                    }
                    let resp = ui.add(egui::Label::new(text).wrap().sense(egui::Sense::click()));
                    let resp = if detail.is_empty() {
                        resp
                    } else {
                        resp.on_hover_text(detail.join(" · "))
                    };
                    if resp.clicked() {
                        if let Some(room) = n.rooms.iter().find(|r| doc.plan.room(r).is_some()) {
                            out.push(UiAction::ShowRoom(room.clone()));
                        }
                    }
                });
            }
        });
    ui.separator();
    egui::CollapsingHeader::new(lang.pick("居委会信息", "Committee"))
        .id_salt("review-committee")
        .default_open(review.committee_defaults())
        .show(ui, |ui| committee_form(ui, doc, buf, lang, &mut out));
    egui::CollapsingHeader::new(lang.pick("地面", "Floors"))
        .id_salt("review-floors")
        .default_open(true)
        .show(ui, |ui| floors_form(ui, doc, lang, &mut out));
    egui::CollapsingHeader::new(lang.pick("单位", "Units"))
        .id_salt("review-units")
        .default_open(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let cur = buf.units;
                egui::ComboBox::from_id_salt("review-units-box")
                    .selected_text(cur.map(|u| units_name(u, lang)).unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for u in UNITS {
                            if ui
                                .selectable_label(cur == Some(u), units_name(u, lang))
                                .clicked()
                            {
                                buf.units = Some(u);
                            }
                        }
                    });
                let differs = buf.units.is_some() && buf.units != review.units;
                if ui
                    .add_enabled(
                        differs,
                        egui::Button::new(
                            lang.pick("按此单位重新导入", "Import again in these units"),
                        ),
                    )
                    .clicked()
                {
                    if let (Some(p), Some(u)) = (review.source.clone(), buf.units) {
                        out.push(UiAction::File(FileAction::ImportWith(p, u)));
                    }
                }
            });
            ui.small(lang.pick(
                "重新导入会丢弃导入后所做的修改。",
                "Importing again drops the changes made since the import.",
            ));
        });
    out
}

fn committee_form(
    ui: &mut egui::Ui,
    doc: &Doc,
    buf: &mut ReviewBuffers,
    lang: Lang,
    out: &mut Vec<UiAction>,
) {
    let c = &doc.plan.committee;
    egui::Grid::new("review-committee-grid")
        .num_columns(2)
        .show(ui, |ui| {
            for (zh, en, text, hint) in [
                ("编号", "Code", &mut buf.code, "JA-SM2-007"),
                ("名称", "Name", &mut buf.name, "××居民委员会"),
                ("街道", "Street office", &mut buf.street, "石门二路街道"),
                ("地址", "Address", &mut buf.address, ""),
            ] {
                ui.label(lang.pick(zh, en));
                ui.add(egui::TextEdit::singleline(text).hint_text(hint));
                ui.end_row();
            }
            ui.label(lang.pick("小区", "Estate"));
            ui.horizontal(|ui| {
                for e in [Estate::New, Estate::Old] {
                    if ui
                        .radio(buf.estate == Some(e), lang.pick(e.name_zh(), e.name_en()))
                        .clicked()
                    {
                        buf.estate = Some(e);
                    }
                }
            });
            ui.end_row();
        });
    let new = Committee {
        code: buf.code.trim().to_string(),
        name: buf.name.trim().to_string(),
        street: buf.street.trim().to_string(),
        address: buf.address.trim().to_string(),
        estate: buf.estate.unwrap_or(c.estate),
        ..c.clone()
    };
    if ui
        .add_enabled(new != *c, egui::Button::new(lang.pick("应用", "Apply")))
        .clicked()
    {
        out.push(edit(Edit::SetCommittee { committee: new }));
    }
}

fn floors_form(ui: &mut egui::Ui, doc: &Doc, lang: Lang, out: &mut Vec<UiAction>) {
    let others: Vec<&crate::model::Room> = doc
        .plan
        .rooms
        .iter()
        .filter(|r| r.floor != Floor::AntiSlip)
        .collect();
    if ui
        .add_enabled(
            !others.is_empty(),
            egui::Button::new(lang.pick("全部设为防滑", "All anti-slip")),
        )
        .clicked()
    {
        for r in &others {
            out.push(edit(Edit::SetRoomFloor {
                room: r.id.clone(),
                floor: Floor::AntiSlip,
            }));
        }
    }
    egui::Grid::new("review-floors-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for r in &doc.plan.rooms {
                if ui
                    .add(
                        egui::Label::new(format!("{} ({})", r.name, r.id))
                            .sense(egui::Sense::click()),
                    )
                    .clicked()
                {
                    out.push(UiAction::ShowRoom(r.id.clone()));
                }
                ui.horizontal(|ui| {
                    for (floor, zh, en) in [
                        (Floor::AntiSlip, "防滑", "anti-slip"),
                        (Floor::Other, "其他", "other"),
                    ] {
                        if ui.radio(r.floor == floor, lang.pick(zh, en)).clicked()
                            && r.floor != floor
                        {
                            out.push(edit(Edit::SetRoomFloor {
                                room: r.id.clone(),
                                floor,
                            }));
                        }
                    }
                });
                ui.end_row();
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_left_out_of_the_messages() {
        let cases = [
            (
                "图纸未注明单位 ($INSUNITS),按毫米计房间面积中位数仅 0.000012 ㎡,故按米读取;如有误请用 --units 指定",
                "图纸未注明单位 ($INSUNITS),按毫米计房间面积中位数仅 0.000012 ㎡,故按米读取",
            ),
            (
                "the drawing states no units ($INSUNITS); read as millimetres its median room would be 0.000012 m², so it is read in metres — give --units if that is wrong",
                "the drawing states no units ($INSUNITS); read as millimetres its median room would be 0.000012 m², so it is read in metres",
            ),
            (
                "房间 R3「储藏」的名称不含关键词表中的任何词,功能区暂定为办公(可用 --keywords 补充关键词)",
                "房间 R3「储藏」的名称不含关键词表中的任何词,功能区暂定为办公",
            ),
            (
                "the name of room R3 \"store\" holds no keyword of the table; zone office for now (add keywords with --keywords)",
                "the name of room R3 \"store\" holds no keyword of the table; zone office for now",
            ),
            (
                "no closed outline on the room layers (names containing ROOM). Layers of this drawing: 0, WALL. Name the room layer with --room-layer",
                "no closed outline on the room layers (names containing ROOM). Layers of this drawing: 0, WALL.",
            ),
        ];
        for (msg, want) in cases {
            assert_eq!(strip_options(msg), want);
        }
    }

    #[test]
    fn no_notice_kind_speaks_of_options() {
        let kinds = [
            NoticeKind::FloorDefault,
            NoticeKind::CommitteeDefaults,
            NoticeKind::UnitsGuessed,
        ];
        for kind in kinds {
            let n = Notice::new(kind, "甲;请用 --x 指定", "a — give --x");
            for lang in [Lang::Zh, Lang::En] {
                assert!(!planner_words(&n, lang).contains("--"), "{kind:?}");
            }
        }
    }
}
