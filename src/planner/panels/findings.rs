//! The findings of the latest check, grouped by severity, with code, clause
//! and message, and each finding's status from the status file
//! (`NAME.status.ron`). A click selects the finding's room and frames it,
//! and opens the form that records its status.

use bevy_egui::egui;

use super::UiAction;
use crate::followup::{Mark, Status};
use crate::model::Lang;
use crate::planner::state::Doc;
use crate::rules::Severity;

/// What a finding is about: its code, rooms, items and asset cards.
type FindingKey = (String, Vec<String>, Vec<String>, Vec<String>);

/// The status form of the finding clicked last, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusForm {
    /// The finding it was filled for (its code, rooms, items and assets):
    /// another finding clicked fills it anew.
    key: Option<FindingKey>,
    pub status: Option<Status>,
    pub by: String,
    pub reason: String,
    pub due: String,
}

impl StatusForm {
    fn fill(&mut self, f: &crate::rules::Finding) {
        let key = (
            f.code.clone(),
            f.rooms.clone(),
            f.items.clone(),
            f.assets.clone(),
        );
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let m = f.status.as_ref();
        *self = StatusForm {
            key: Some(key),
            status: m.map(|m| m.status),
            by: m.and_then(|m| m.by.clone()).unwrap_or_default(),
            reason: m.and_then(|m| m.reason.clone()).unwrap_or_default(),
            due: m
                .and_then(|m| m.due)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        };
    }
}

/// The colour a status is shown in.
fn status_colour(s: Status) -> egui::Color32 {
    match s {
        Status::Accepted => egui::Color32::from_rgb(0x55, 0x55, 0x99),
        Status::InProgress => egui::Color32::from_rgb(0xb0, 0x60, 0x00),
        Status::Fixed => egui::Color32::from_rgb(0x1b, 0x7a, 0x2e),
    }
}

/// A finding's status as one line: `◆ 整改中 (张家宅居委会, 2026-03-10) 预计完成 …`.
pub fn status_line(m: &Mark, lang: Lang) -> egui::RichText {
    egui::RichText::new(format!("◆ {}", m.describe(lang)))
        .color(status_colour(m.status))
        .small()
}

/// The form under the finding clicked: record its status in the status
/// file (written at once, atomically).
fn status_form(
    ui: &mut egui::Ui,
    doc: &Doc,
    i: usize,
    form: &mut StatusForm,
    lang: Lang,
    actions: &mut Vec<UiAction>,
) {
    let f = &doc.report.findings[i];
    if crate::followup::status::status_meta(&f.code).is_some() {
        return;
    }
    form.fill(f);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(egui::RichText::new(lang.pick("整改状态", "Status")).strong());
        ui.horizontal_wrapped(|ui| {
            for (s, text) in [
                (None, lang.pick("未记录", "none")),
                (Some(Status::InProgress), Status::InProgress.name(lang)),
                (Some(Status::Accepted), Status::Accepted.name(lang)),
                (Some(Status::Fixed), Status::Fixed.name(lang)),
            ] {
                ui.radio_value(&mut form.status, s, text);
            }
        });
        if form.status.is_some() {
            egui::Grid::new("status-form")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(match form.status {
                        Some(Status::Accepted) => lang.pick("同意人", "Accepted by"),
                        _ => lang.pick("经办", "By"),
                    });
                    ui.add(
                        egui::TextEdit::singleline(&mut form.by)
                            .hint_text(lang.pick("街道 社区办 某某", "who"))
                            .id_salt("status-by"),
                    );
                    ui.end_row();
                    ui.label(lang.pick("理由", "Reason"));
                    ui.add(
                        egui::TextEdit::multiline(&mut form.reason)
                            .desired_rows(2)
                            .id_salt("status-reason"),
                    );
                    ui.end_row();
                    if form.status == Some(Status::InProgress) {
                        ui.label(lang.pick("预计完成", "Due"));
                        ui.add(
                            egui::TextEdit::singleline(&mut form.due)
                                .hint_text("YYYY-MM-DD")
                                .id_salt("status-due"),
                        );
                        ui.end_row();
                    }
                });
        }
        let file_name = doc
            .path
            .as_deref()
            .map(crate::followup::status_path)
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        let button = egui::Button::new(lang.pick("记录状态", "Record status"));
        let resp = ui.add_enabled(file_name.is_some(), button);
        let resp = match &file_name {
            Some(n) => resp.on_hover_text(format!(
                "{} {n}",
                lang.pick("写入(原子写入)", "written (atomically) to")
            )),
            None => resp.on_disabled_hover_text(lang.pick(
                "请先保存平面图:整改状态记在平面图旁的 NAME.status.ron 中",
                "save the plan first: the status goes to NAME.status.ron beside it",
            )),
        };
        if resp.clicked() {
            let due = form.due.trim();
            let due = if due.is_empty() || form.status != Some(Status::InProgress) {
                Ok(None)
            } else {
                due.parse::<chrono::NaiveDate>().map(Some)
            };
            match due {
                Ok(due) => actions.push(UiAction::SetStatus {
                    finding: i,
                    status: form.status,
                    by: form.by.clone(),
                    reason: form.reason.clone(),
                    due,
                }),
                Err(_) => actions.push(UiAction::Notice(
                    "预计完成日期格式应为 YYYY-MM-DD".into(),
                    "the due date is written YYYY-MM-DD".into(),
                )),
            }
        }
    });
}

pub fn colour32(c: [u8; 3]) -> egui::Color32 {
    egui::Color32::from_rgb(c[0], c[1], c[2])
}

/// One finding: code and clause (unless its group's title has them), rooms,
/// message; a click selects it, the clause's words on hover.
#[allow(clippy::too_many_arguments)]
fn finding_row(
    ui: &mut egui::Ui,
    doc: &Doc,
    i: usize,
    selected: Option<usize>,
    with_code: bool,
    form: &mut StatusForm,
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
    if let Some(m) = &f.status {
        ui.label(status_line(m, lang));
    }
    if selected == Some(i) {
        status_form(ui, doc, i, form, lang, actions);
    }
}

/// The findings panel's contents.
pub fn findings_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    selected: Option<usize>,
    form: &mut StatusForm,
    lang: Lang,
) -> Vec<UiAction> {
    let mut actions = Vec::new();
    let report = &doc.report;
    ui.heading(lang.pick("检查结果", "Findings"));
    let facts = &doc.facts;
    match facts.certified_m2 {
        // the thresholds use the certified area (rules.md, "Which area")
        Some(c) => {
            ui.label(format!(
                "{} {c:.2} ㎡ ({})",
                lang.pick("办公用房面积", "Premises area"),
                lang.pick("产证面积,用于判定", "certified, used for the thresholds")
            ));
            ui.label(
                egui::RichText::new(format!(
                    "{} {:.2} ㎡",
                    lang.pick("图上量得", "measured on the plan"),
                    facts.measured_m2
                ))
                .small(),
            );
        }
        None => {
            ui.label(format!(
                "{} {:.2} ㎡",
                lang.pick("办公用房面积", "Premises area"),
                report.premises_area_m2
            ));
        }
    }
    if facts.levels.len() > 1 {
        let names: Vec<String> = facts
            .levels
            .iter()
            .map(|l| crate::edit::levels::level_name(*l, lang))
            .collect();
        ui.label(
            egui::RichText::new(format!(
                "{} {}",
                lang.pick("各层合计:", "all levels:"),
                names.join(lang.pick("、", ", "))
            ))
            .small(),
        );
    }
    ui.label(format!(
        "{} {}",
        lang.pick("类别", "Category"),
        facts.upgrade.name(lang)
    ));
    if let Some((zh, en)) = &doc.status_problem {
        ui.colored_label(
            colour32(Severity::Error.colour()),
            format!(
                "{} {}",
                lang.pick("整改记录无法读取:", "status file unreadable:"),
                lang.pick(zh, en)
            ),
        );
    } else if let (Some(st), Some(p)) = (&doc.status, &doc.path) {
        let name = crate::followup::status_path(p)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(
            egui::RichText::new(format!(
                "{} {name} ({} {})",
                lang.pick("整改记录", "status file"),
                st.entries.len(),
                lang.pick("条", "entries")
            ))
            .small(),
        );
    }
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
                            finding_row(ui, doc, *only, selected, true, form, lang, &mut actions);
                            continue;
                        }
                        let f = &report.findings[group[0]];
                        let head = format!("[{code}] {} — {}", f.clause, group.len());
                        egui::CollapsingHeader::new(head)
                            .id_salt(("code", code))
                            .default_open(group.iter().any(|i| selected == Some(*i)))
                            .show(ui, |ui| {
                                for i in group {
                                    finding_row(
                                        ui,
                                        doc,
                                        i,
                                        selected,
                                        false,
                                        form,
                                        lang,
                                        &mut actions,
                                    );
                                }
                            });
                    }
                });
        }
    });
    actions
}
