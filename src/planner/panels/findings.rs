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
    ui.separator();
    if report.findings.is_empty() {
        ui.label(lang.pick("未发现问题。", "No findings."));
        return actions;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for sev in Severity::ALL {
            let items: Vec<usize> = (0..report.findings.len())
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
                    for i in items {
                        let f = &report.findings[i];
                        let rooms = if f.rooms.is_empty() {
                            String::new()
                        } else {
                            format!(" · {}", f.rooms.join(", "))
                        };
                        let text = format!("[{}] {}{rooms}\n{}", f.code, f.clause, f.message(lang));
                        let resp = ui.selectable_label(selected == Some(i), text);
                        if resp.clicked() {
                            actions.push(UiAction::Finding(i));
                        }
                        resp.on_hover_text(f.meta().map_or("", |m| m.clause_text));
                    }
                });
        }
    });
    actions
}
