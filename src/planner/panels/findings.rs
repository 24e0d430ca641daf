//! The findings of the latest check, grouped by severity, with code, clause
//! and message. A click selects the finding's room and frames it.

use bevy_egui::egui;

use super::UiAction;
use crate::model::Lang;
use crate::planner::state::Doc;
use crate::rules::Severity;

pub fn colour32(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// One finding: code and clause (unless its group's title has them), rooms,
/// message; a click selects it, the clause's words on hover.
fn finding_row(
    ui: &mut egui::Ui,
    doc: &Doc,
    i: usize,
    selected: Option<usize>,
    with_code: bool,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) {
    let f = &doc.report.findings[i];
    let rooms = if f.rooms.is_empty() {
        String::new()
    } else {
        format!(" · {}", f.rooms.join(", "))
    };
    let text = if with_code {
        format!("[{}] {}{rooms}\n{}", f.code, f.clause, f.message(lang))
    } else {
        format!("{}{rooms}\n{}", f.code, f.message(lang))
    };
    let resp = ui.selectable_label(selected == Some(i), text);
    if resp.clicked() {
        actions.push(UiAction::Finding(i));
    }
    resp.on_hover_text(f.meta().map_or("", |m| m.clause_text));
}

/// The findings panel's contents.
pub fn findings_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    selected: Option<usize>,
    lang: Lang,
) -> Vec<UiAction> {
    let mut actions = Vec::new();
    let report = &doc.report;
    ui.heading(lang.pick("检查结果", "Findings"));
    ui.label(format!(
        "{} {:.2} ㎡",
        lang.pick("办公用房面积", "Premises area"),
        report.premises_area_m2
    ));
    if !report.valid {
        ui.colored_label(
            colour32(Severity::Error.colour()),
            lang.pick(
                "平面图无效:请先修正下列错误,其他检查已跳过",
                "The plan is invalid: fix the errors below first; the other checks were skipped",
            ),
        );
    }
    let summary = report.summary();
    ui.horizontal_wrapped(|ui| {
        for sev in Severity::ALL {
            let n = summary.get(sev);
            let text = egui::RichText::new(format!("● {} {n}", sev.name(lang)))
                .color(colour32(sev.colour()));
            ui.add(egui::Label::new(text).extend());
        }
    });
    ui.label(format!(
        "{} {:.1} ms",
        lang.pick("检查用时", "checked in"),
        doc.check_time.as_secs_f64() * 1000.0
    ));
    if doc.register.is_none() {
        // "no findings" must not read as "the assets are in order"
        ui.colored_label(
            egui::Color32::from_rgb(0xb0, 0x50, 0x00),
            lang.pick(
                "未加载台账:与固定资产有关的检查(A2-6.4 等)未做",
                "No register loaded: the fixed-asset checks (A2-6.4 and others) were not made",
            ),
        );
    }
    // what the last edit cleared
    for f in &doc.resolved {
        ui.colored_label(
            egui::Color32::from_rgb(0x1b, 0x7a, 0x2e),
            format!(
                "✔ {} [{}] {}",
                lang.pick("已解决", "resolved"),
                f.code,
                f.message(lang)
            ),
        );
    }
    ui.separator();
    if report.findings.is_empty() {
        ui.label(lang.pick("未发现问题。", "No findings."));
        return actions;
    }
    // a filter by code, clause, room or words, kept in egui's memory
    let filter_id = ui.make_persistent_id("findings-filter");
    let mut filter: String = ui.data_mut(|d| d.get_temp(filter_id).unwrap_or_default());
    ui.horizontal(|ui| {
        ui.label(lang.pick("筛选", "Filter"));
        ui.add(
            egui::TextEdit::singleline(&mut filter)
                .hint_text(lang.pick("编号、房间或文字", "code, room or words"))
                .desired_width(f32::INFINITY),
        );
    });
    ui.data_mut(|d| d.insert_temp(filter_id, filter.clone()));
    let needle = filter.trim().to_lowercase();
    let matches = |f: &crate::rules::Finding| {
        needle.is_empty()
            || f.code.to_lowercase().contains(&needle)
            || f.clause.to_lowercase().contains(&needle)
            || f.message(lang).to_lowercase().contains(&needle)
            || f.rooms.iter().any(|r| {
                r.to_lowercase().contains(&needle)
                    || doc
                        .plan
                        .room(r)
                        .is_some_and(|room| room.name.to_lowercase().contains(&needle))
            })
    };
    let shown: Vec<usize> = (0..report.findings.len())
        .filter(|&i| matches(&report.findings[i]))
        .collect();
    if shown.is_empty() {
        ui.label(lang.pick("没有符合筛选的问题。", "No finding matches the filter."));
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for sev in Severity::ALL {
            let items: Vec<usize> = shown
                .iter()
                .copied()
                .filter(|&i| report.findings[i].severity == sev)
                .collect();
            if items.is_empty() {
                continue;
            }
            let title = egui::RichText::new(format!("{} ({})", sev.name(lang), items.len()))
                .color(colour32(sev.colour()))
                .strong();
            egui::CollapsingHeader::new(title)
                .id_salt(sev.as_str())
                .default_open(true)
                .show(ui, |ui| {
                    // one group per code, in code order
                    let mut codes: Vec<&str> = items
                        .iter()
                        .map(|&i| report.findings[i].code.as_str())
                        .collect();
                    codes.sort_unstable();
                    codes.dedup();
                    for code in codes {
                        let group: Vec<usize> = items
                            .iter()
                            .copied()
                            .filter(|&i| report.findings[i].code == code)
                            .collect();
                        if let [only] = group.as_slice() {
                            finding_row(ui, doc, *only, selected, true, lang, &mut actions);
                            continue;
                        }
                        let f = &report.findings[group[0]];
                        let head = format!("[{code}] {} — {}", f.clause, group.len());
                        egui::CollapsingHeader::new(head)
                            .id_salt(("code", code))
                            .default_open(group.iter().any(|i| selected == Some(*i)))
                            .show(ui, |ui| {
                                for i in group {
                                    finding_row(ui, doc, i, selected, false, lang, &mut actions);
                                }
                            });
                    }
                });
        }
    });
    actions
}
