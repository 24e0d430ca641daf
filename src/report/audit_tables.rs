//! The audit's main tables, defined once for the terminal ([`super::audit_text`])
//! and the workbook ([`super::audit_xlsx`]): the committee table (one row
//! per plan file) and the totals per street.

use super::table::{Cell, Column, Emphasis, Media, Table, Title};
use crate::audit::{street_name, Audit, Outcome, Row, Totals};
use crate::model::{Estate, Lang, Zone};
use crate::rules::Severity;

fn severity(s: Severity) -> Title {
    Title::new(s.name(Lang::Zh), s.name(Lang::En))
}

fn t(zh: &'static str, en: &'static str) -> Title {
    Title::new(zh, en)
}

/// The committee table's columns.
pub fn committees() -> Table {
    let xlsx = Media::Xlsx;
    Table {
        columns: vec![
            Column::new(t("街道", "Street"), 14.0),
            Column::new(t("居委会", "Committee"), 18.0),
            Column::new(t("编号", "Code"), 13.0),
            Column::new(t("小区", "Estate"), 11.0),
            Column::new(t("办公用房面积㎡", "Premises m²"), 11.0)
                .short("面积㎡", "Area m²")
                .right(),
            Column::new(t("重点改善", "Priority upgrade"), 14.0)
                .short("重点", "Prio")
                .right(),
            Column::new(t("距200㎡缺㎡", "Short of 200 m²"), 10.0).only(xlsx),
            Column::new(severity(Severity::Error), 6.0)
                .short("错误", "Err")
                .right(),
            Column::new(severity(Severity::Violation), 7.0)
                .short("不符合", "Viol")
                .right(),
            Column::new(severity(Severity::Priority), 8.0).only(xlsx),
            Column::new(severity(Severity::Advisory), 6.0)
                .short("建议", "Adv")
                .right(),
            Column::new(severity(Severity::Info), 6.0).only(xlsx),
            Column::new(t("缺少功能区", "Missing zones"), 16.0),
            Column::new(t("缺少设备", "Missing equipment"), 40.0),
            Column::new(t("问题代码", "Codes"), 30.0).only(xlsx),
            Column::new(t("文件", "File"), 26.0).only(xlsx),
            Column::new(t("说明", "Note"), 40.0).only(xlsx),
        ],
    }
}

fn zones_text(z: &[Zone], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    z.iter().map(|z| z.name(lang)).collect::<Vec<_>>().join(sep)
}

/// A row of the committee table (parallel to [`committees`]).
pub fn committee_cells<'a>(audit: &Audit, r: &'a Row, lang: Lang) -> Vec<Cell<'a>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let street = Cell::text(street_name(&r.street, lang));
    let path = r.path.to_string_lossy();
    let mut notes: Vec<String> = r.warnings.iter().map(|w| w.display(lang)).collect();
    let mut cells = match &r.outcome {
        Outcome::Checked(c) => {
            let cm = c.committee();
            let s = c.report.summary();
            if !c.report.valid {
                notes.insert(
                    0,
                    l("平面图无效,面积仅供参考", "invalid plan, area approximate").into(),
                );
            }
            let short = if cm.estate == Estate::New {
                "新"
            } else {
                "旧"
            };
            vec![
                street,
                Cell::text(cm.name.as_str()),
                Cell::text(cm.code.as_str()),
                Cell::per(
                    Cell::text(lang.pick(short, cm.estate.ident())),
                    Cell::text(lang.pick(cm.estate.name_zh(), cm.estate.name_en())),
                ),
                if c.report.valid {
                    Cell::Area(c.facts.area_m2)
                } else {
                    Cell::ApproxArea(c.facts.area_m2)
                },
                if c.upgrade.is_priority() {
                    Cell::per(Cell::text("★"), Cell::text(c.upgrade.name(lang)))
                        .emph(Emphasis::Priority)
                } else {
                    Cell::Empty
                },
                c.shortfall_m2.map_or(Cell::Empty, Cell::Area),
                Cell::count(s.error),
                Cell::count(s.violation),
                Cell::count(s.priority),
                Cell::count(s.advisory),
                Cell::count(s.info),
                Cell::text(zones_text(&c.missing_zones, lang)),
                Cell::text(
                    c.missing_equipment_labels(&audit.equipment, lang)
                        .join(lang.pick("、", ", ")),
                ),
                Cell::text(c.report.codes().join(" ")),
            ]
        }
        Outcome::Broken(e) => {
            notes.insert(
                0,
                format!("{} {}", l("无法读取:", "unreadable:"), e.display(lang)),
            );
            vec![
                street,
                // the terminal names the file where the committee would be
                Cell::text_only(path.replace('\\', "/")),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Int(1),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text_only(format!(
                    "✗ {}",
                    l("无法读取 (见下)", "unreadable (see below)")
                )),
                Cell::Empty,
                Cell::Empty,
            ]
        }
    };
    cells.push(Cell::text(path));
    cells.push(if notes.is_empty() {
        Cell::Empty
    } else {
        Cell::text(notes.join("; ")).emph(Emphasis::Bad)
    });
    cells
}

/// The totals table's columns (per street, then the whole folder).
pub fn totals() -> Table {
    let xlsx = Media::Xlsx;
    Table {
        columns: vec![
            Column::new(t("街道", "Street"), 16.0),
            Column::new(t("居委会", "Committees"), 11.0).right(),
            Column::new(t("合格", "Passing"), 11.0)
                .short("合格", "Pass")
                .right(),
            Column::new(t("重点改善", "Priority upgrades"), 11.0)
                .short("重点改善", "Priority")
                .right(),
            Column::new(t("缺功能区", "Missing zones"), 11.0)
                .short("缺功能区", "No zone")
                .right(),
            Column::new(t("缺设备", "Equipment gaps"), 11.0)
                .short("缺设备", "Gaps")
                .right(),
            Column::new(t("平面图无效", "Invalid plans"), 11.0).only(xlsx),
            Column::new(t("无法读取", "Unreadable"), 11.0)
                .short("无法读取", "Broken")
                .right(),
            Column::new(severity(Severity::Error), 11.0).only(xlsx),
            Column::new(severity(Severity::Violation), 11.0).only(xlsx),
            Column::new(severity(Severity::Advisory), 11.0).only(xlsx),
            Column::new(t("面积合计㎡", "Area m²"), 11.0).right(),
            Column::new(t("缺口合计㎡", "Shortfall m²"), 11.0)
                .short("新建小区缺口㎡", "New-estate short m²")
                .right(),
        ],
    }
}

/// A row of the totals table (parallel to [`totals`]).
pub fn totals_cells(name: String, t: &Totals) -> Vec<Cell<'static>> {
    vec![
        Cell::text(name),
        Cell::count(t.committees),
        Cell::count(t.passing),
        Cell::count(t.priority_upgrade),
        Cell::count(t.missing_zones),
        Cell::count(t.equipment_gaps),
        Cell::count(t.invalid),
        Cell::count(t.broken),
        Cell::count(t.summary.error),
        Cell::count(t.summary.violation),
        Cell::count(t.summary.advisory),
        Cell::Area(t.premises_m2),
        Cell::Area(t.shortfall_m2),
    ]
}

/// The totals rows: each street, then the whole folder (`true`: the
/// totals row).
pub fn totals_rows(audit: &Audit, lang: Lang) -> Vec<(Vec<Cell<'static>>, bool)> {
    let mut rows: Vec<(Vec<Cell<'static>>, bool)> = audit
        .streets
        .iter()
        .map(|(s, t)| (totals_cells(street_name(s, lang), t), false))
        .collect();
    rows.push((
        totals_cells(lang.pick("全部", "All").to_string(), &audit.totals),
        true,
    ));
    rows
}
