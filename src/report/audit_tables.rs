//! The audit's tables, defined once for the terminal ([`super::audit_text`]),
//! the workbook ([`super::audit_xlsx`]) and the printed page
//! ([`super::html::audit_page`]): the committee table (one row per plan
//! file), the totals per street, the district's priority list and the
//! equipment-gap matrix. Rows are made one at a time from the audit's
//! rows as they are read back, so a streamed audit stays streamed.

use std::borrow::Cow;

use super::svg::esc;
use super::table::{Cell, Column, Emphasis, HtmlLayout, Media, Table, Title};
use crate::audit::{street_name, Audit, Checked, Equip, Outcome, Row, RowError, Totals};
use crate::followup::compare::{Comparison, Counts};
use crate::model::{Estate, Lang, Zone};
use crate::rules::Severity;

fn severity(s: Severity) -> Title {
    Title::new(s.name(Lang::Zh), s.name(Lang::En))
}

fn t(zh: &'static str, en: &'static str) -> Title {
    Title::new(zh, en)
}

/// The committee table's columns. On a page the counts by severity are
/// one column of chips, and an unreadable file or a warning is a row of
/// its own ([`committee_note`]).
pub fn committees() -> Table {
    let xlsx = Media::XLSX;
    let text_xlsx = Media::TEXT.and(Media::XLSX);
    Table::new(vec![
        Column::new(t("街道", "Street"), 14.0),
        Column::new(t("居委会", "Committee"), 18.0),
        Column::new(t("编号", "Code"), 13.0),
        Column::new(t("小区", "Estate"), 11.0),
        Column::new(t("办公用房面积㎡", "Premises m²"), 11.0)
            .short("面积㎡", "Area m²")
            .html_head("面积 ㎡", "Area m²")
            .right(),
        Column::new(t("重点改善", "Priority upgrade"), 14.0)
            .short("重点", "Prio")
            .html_head("重点改善", "Priority")
            .right()
            .class("prio"),
        Column::new(t("距200㎡缺㎡", "Short of 200 m²"), 10.0).only(xlsx),
        Column::new(severity(Severity::Error), 6.0)
            .short("错误", "Err")
            .right()
            .only(text_xlsx),
        Column::new(severity(Severity::Violation), 7.0)
            .short("不符合", "Viol")
            .right()
            .only(text_xlsx),
        Column::new(severity(Severity::Priority), 8.0).only(xlsx),
        Column::new(severity(Severity::Advisory), 6.0)
            .short("建议", "Adv")
            .right()
            .only(text_xlsx),
        Column::new(severity(Severity::Info), 6.0).only(xlsx),
        Column::new(t("问题", "Findings"), 0.0).only(Media::HTML),
        Column::new(t("缺少功能区", "Missing zones"), 16.0),
        Column::new(t("缺少设备", "Missing equipment"), 40.0),
        Column::new(t("问题代码", "Codes"), 30.0).only(xlsx),
        Column::new(t("文件", "File"), 26.0).only(xlsx),
        Column::new(t("说明", "Note"), 40.0).only(xlsx),
    ])
}

/// The findings by severity as chips, on a page (`无` when none).
fn chips_cell(c: &Checked, lang: Lang) -> Cell<'static> {
    let s = c.report.summary();
    let counts: Vec<String> = Severity::ALL
        .iter()
        .filter(|&&v| s.get(v) > 0)
        .map(|&v| super::html::chip(v, s.get(v), lang))
        .collect();
    Cell::Html(if counts.is_empty() {
        format!("<span class=\"ok\">{}</span>", lang.pick("无", "none")).into()
    } else {
        counts.join(" ").into()
    })
}

fn zones_text(z: &[Zone], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    z.iter().map(|z| z.name(lang)).collect::<Vec<_>>().join(sep)
}

/// A row of the committee table (parallel to [`committees`]) for the views
/// of `media`: a cell no view of `media` shows may be left empty (the
/// chips of a page are not made for the terminal, row after row).
pub fn committee_cells<'a>(audit: &Audit, r: &'a Row, lang: Lang, media: Media) -> Vec<Cell<'a>> {
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
                        .html(Cell::text("★"))
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
                if media.html {
                    chips_cell(c, lang)
                } else {
                    Cell::Empty
                },
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
    let xlsx = Media::XLSX;
    Table::new(vec![
        Column::new(t("街道", "Street"), 16.0),
        Column::new(t("居委会", "Committees"), 11.0).right(),
        Column::new(t("合格", "Passing"), 11.0)
            .short("合格", "Pass")
            .right(),
        Column::new(t("重点改善", "Priority upgrades"), 11.0)
            .short("重点改善", "Priority")
            .html_head("重点改善", "Priority")
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
        Column::new(severity(Severity::Violation), 11.0)
            .html_head("不符合项", "Violations")
            .right()
            .only(xlsx.and(Media::HTML)),
        Column::new(severity(Severity::Advisory), 11.0).only(xlsx),
        Column::new(t("面积合计㎡", "Area m²"), 11.0)
            .html_head("面积合计 ㎡", "Area m²")
            .right(),
        Column::new(t("缺口合计㎡", "Shortfall m²"), 11.0)
            .short("新建小区缺口㎡", "New-estate short m²")
            .html_head("缺口 ㎡", "Shortfall m²")
            .right(),
    ])
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

/// A row of its own on a page, after a committee's row: an unreadable
/// file (its street, then the file and the error), or a warning.
pub fn committee_note<'a>(r: &Row, e: &RowError, warning: bool, lang: Lang) -> [Cell<'a>; 2] {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if warning {
        [
            Cell::Empty,
            Cell::Html(
                format!(
                    "<span class=\"warn\">{}</span> {}",
                    l("注意", "Note"),
                    esc(&e.display(lang))
                )
                .into(),
            ),
        ]
    } else {
        [
            Cell::text(street_name(&r.street, lang)),
            Cell::Html(
                format!(
                    "<span class=\"no\">{}</span> {}: {}",
                    l("无法读取", "Unreadable"),
                    esc(&r.path.display().to_string()),
                    esc(&e.display(lang))
                )
                .into(),
            ),
        ]
    }
}

/// The priority list's columns (the workbook and a page; the terminal
/// lists it as numbered lines, see [`super::audit_text`]).
pub fn priority() -> Table {
    let page = Media::XLSX.and(Media::HTML);
    Table::new(vec![
        Column::new(t("序号", "Rank"), 6.0)
            .html_head("#", "#")
            .right()
            .only(page),
        Column::new(t("街道", "Street"), 14.0).only(page),
        Column::new(t("居委会", "Committee"), 18.0).only(page),
        Column::new(t("编号", "Code"), 13.0).only(page),
        Column::new(t("小区", "Estate"), 11.0).only(page),
        Column::new(t("办公用房面积㎡", "Premises m²"), 12.0)
            .html_head("面积 ㎡", "Area m²")
            .right()
            .only(page),
        Column::new(t("改善类别", "Upgrade"), 16.0).only(page),
        Column::new(t("距200㎡缺㎡", "Short of 200 m²"), 12.0)
            .html_head("距200㎡缺 ㎡", "Short of 200 m²")
            .right()
            .only(page),
        Column::new(t("说明", "Note"), 26.0).only(Media::XLSX),
    ])
}

/// A row of the priority list (parallel to [`priority`]): its rank, the
/// committee, its area (an invalid plan marked), upgrade and shortfall.
pub fn priority_cells<'a>(rank: usize, c: &'a Checked, lang: Lang) -> Vec<Cell<'a>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let cm = c.committee();
    let area = Cell::Area(c.facts.area_m2);
    let upgrade = Cell::text(c.upgrade.name(lang));
    vec![
        Cell::count(rank),
        Cell::text(cm.street.as_str()),
        Cell::text(cm.name.as_str()),
        Cell::text(cm.code.as_str()),
        Cell::text(lang.pick(cm.estate.name_zh(), cm.estate.name_en())),
        if c.report.valid {
            area
        } else {
            area.tail(format!(
                " <span class=\"no\">({})</span>",
                l("平面图无效", "invalid plan")
            ))
        },
        if c.upgrade.is_priority() {
            upgrade.emph(Emphasis::Priority)
        } else {
            upgrade
        },
        match c.shortfall_m2 {
            Some(s) => Cell::Area(s),
            None => Cell::Empty.html(Cell::text("—")),
        },
        if c.report.valid {
            Cell::Empty
        } else {
            Cell::text(l(
                "平面图无效,面积仅供参考",
                "invalid plan, area approximate",
            ))
            .emph(Emphasis::Bad)
        },
    ]
}

/// A line of the terminal's lists (the priority-upgrade list, the new
/// estates below 200 m²): the cells of [`priority_cells`] set as
/// `  1. 街道 居委会 (编号) · 改善类别 · 83.25 ㎡ · …`, the shortfall and the
/// invalid plan's note when there are.
pub fn priority_line(rank: usize, c: &Checked, lang: Lang) -> String {
    let cells = priority_cells(rank, c, lang);
    let text = |i: usize| cells[i].to_text();
    let mut line = format!(
        "{:>3}. {} {} ({}) · {} · {} ㎡",
        text(0),
        text(1),
        text(2),
        text(3),
        text(6),
        text(5)
    );
    let short = text(7);
    if !short.is_empty() {
        line.push_str(&format!(
            " · {} {short} ㎡",
            lang.pick("距200㎡缺", "short of 200 m² by")
        ));
    }
    let note = text(8);
    if !note.is_empty() {
        line.push_str(" · ");
        line.push_str(&note);
    }
    line
}

/// The equipment-gap matrix's columns (附件2 六.3): the committee, a
/// column per item of the profile (heads turned), and how many it lacks.
/// On a page the committee's code is beside its name and the street is
/// left out.
pub fn gaps(a: &Audit) -> Table {
    let xlsx = Media::XLSX;
    let mut columns = vec![
        Column::new(t("街道", "Street"), 14.0).only(xlsx),
        Column::new(t("居委会", "Committee"), 18.0),
        Column::new(t("编号", "Code"), 13.0).only(xlsx),
    ];
    for k in &a.equipment {
        columns.push(
            Column::new(t(k.name(Lang::Zh), k.name(Lang::En)), 4.5)
                .vertical()
                .class("c"),
        );
    }
    columns.push(
        Column::new(t("缺项", "Gaps"), 0.0)
            .default_width()
            .html_head("缺", "Gaps")
            .right(),
    );
    Table::new(columns).layout(HtmlLayout {
        class: Some("matrix"),
        ..HtmlLayout::default()
    })
}

/// A row of the equipment-gap matrix (parallel to [`gaps`]).
pub fn gaps_cells<'a>(c: &'a Checked, lang: Lang) -> Vec<Cell<'a>> {
    let cm = c.committee();
    let mut cells = vec![
        Cell::text(cm.street.as_str()),
        Cell::text(cm.name.as_str()).html(Cell::Html(Cow::Owned(format!(
            "{} <span class=\"sub\">{}</span>",
            esc(&cm.name),
            esc(&cm.code)
        )))),
        Cell::text(cm.code.as_str()),
    ];
    for e in &c.equipment {
        cells.push(match e {
            Equip::Present(n) => Cell::Int(i64::from(*n)).emph(Emphasis::Has),
            Equip::MissingNetwork(_) => Cell::text(e.cell(lang)).emph(Emphasis::Part),
            Equip::Missing => Cell::text(e.cell(lang)).emph(Emphasis::Gap),
        });
    }
    cells.push(Cell::count(
        c.equipment.iter().filter(|e| e.is_gap()).count(),
    ));
    cells
}

/// The matrix's totals row: how many committees lack each item.
pub fn gaps_total<'a>(a: &Audit, lang: Lang) -> Vec<Cell<'a>> {
    let mut cells = vec![
        Cell::Empty,
        Cell::text(lang.pick("缺该设施的居委会数", "Committees lacking it")),
        Cell::Empty,
    ];
    cells.extend(a.gap_counts().into_iter().map(Cell::count));
    cells.push(Cell::Empty);
    cells
}

/// The findings list's columns (整改清单, the workbook): one row per
/// finding with its status.
pub fn findings() -> Table {
    let xlsx = Media::XLSX;
    Table::new(vec![
        Column::new(t("街道", "Street"), 12.0).only(xlsx),
        Column::new(t("居委会", "Committee"), 16.0).only(xlsx),
        Column::new(t("编号", "Code"), 12.0).only(xlsx),
        Column::new(t("问题代码", "Rule"), 9.0).only(xlsx),
        Column::new(t("程度", "Severity"), 8.0).only(xlsx),
        Column::new(t("状态", "Status"), 9.0).only(xlsx),
        Column::new(t("问题", "Finding"), 48.0).wrap().only(xlsx),
        Column::new(t("房间", "Rooms"), 10.0).only(xlsx),
        Column::new(t("物品", "Items"), 14.0).only(xlsx),
        Column::new(t("资产", "Assets"), 10.0).only(xlsx),
        Column::new(t("处理人", "By"), 16.0).only(xlsx),
        Column::new(t("日期", "Date"), 11.0).only(xlsx),
        Column::new(t("预计完成", "Due"), 11.0).only(xlsx),
        Column::new(t("理由", "Reason"), 28.0).wrap().only(xlsx),
    ])
}

/// A row of the findings list (parallel to [`findings`]).
pub fn finding_cells<'a>(
    r: &Row,
    c: &'a Checked,
    f: &'a crate::rules::Finding,
    lang: Lang,
) -> Vec<Cell<'a>> {
    let cm = c.committee();
    let status = f
        .status
        .as_ref()
        .map_or(lang.pick("未整改", "open"), |m| m.status.name(lang));
    let items: Vec<&str> = f
        .items
        .iter()
        .map(|i| {
            crate::model::ItemKind::ALL
                .iter()
                .find(|k| k.ident() == i)
                .map_or(i.as_str(), |k| k.name(lang))
        })
        .collect();
    let mark = f.status.as_ref();
    vec![
        Cell::text(street_name(&r.street, lang)),
        Cell::text(cm.name.as_str()),
        Cell::text(cm.code.as_str()),
        Cell::text(f.code.as_str()),
        Cell::text(f.severity.name(lang)),
        Cell::text(status),
        Cell::text(f.message(lang)),
        Cell::text(f.rooms.join(", ")),
        Cell::text(items.join(lang.pick("、", ", "))),
        Cell::text(f.assets.join(", ")),
        mark.and_then(|m| m.by.as_deref())
            .map_or(Cell::Empty, Cell::text),
        mark.and_then(|m| m.date).map_or(Cell::Empty, Cell::Date),
        mark.and_then(|m| m.due).map_or(Cell::Empty, Cell::Date),
        mark.and_then(|m| m.reason.as_deref())
            .map_or(Cell::Empty, Cell::text),
    ]
}

/// The costs' columns (整改费用, the workbook): per committee, then per
/// street and for all, in yuan.
pub fn costs() -> Table {
    let xlsx = Media::XLSX;
    Table::new(vec![
        Column::new(t("街道", "Street"), 14.0).only(xlsx),
        Column::new(t("居委会", "Committee"), 18.0).only(xlsx),
        Column::new(t("编号", "Code"), 13.0).only(xlsx),
        Column::new(t("设施 元", "Equipment ¥"), 14.0)
            .right()
            .only(xlsx),
        Column::new(t("面积 元", "Area ¥"), 14.0).right().only(xlsx),
        Column::new(t("合计 元", "Total ¥"), 14.0)
            .right()
            .only(xlsx),
    ])
}

/// A committee's row of the costs (parallel to [`costs`]).
pub fn cost_cells<'a>(r: &Row, c: &'a Checked, lang: Lang) -> Vec<Cell<'a>> {
    vec![
        Cell::text(street_name(&r.street, lang)),
        Cell::text(c.committee().name.as_str()),
        Cell::text(c.committee().code.as_str()),
        Cell::Fen(c.cost.equipment_fen),
        Cell::Fen(c.cost.area_fen),
        Cell::Fen(c.cost.total_fen()),
    ]
}

/// The costs' totals rows: each street, then all.
pub fn cost_totals(a: &Audit, lang: Lang) -> Vec<Vec<Cell<'static>>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut rows: Vec<Vec<Cell<'static>>> = a
        .streets
        .iter()
        .map(|(s, t)| {
            vec![
                Cell::text(street_name(s, lang)),
                Cell::text(l("街道合计", "street total")),
                Cell::Empty,
                Cell::Fen(t.cost.equipment_fen),
                Cell::Fen(t.cost.area_fen),
                Cell::Fen(t.cost.total_fen()),
            ]
        })
        .collect();
    let c = &a.totals.cost;
    rows.push(vec![
        Cell::text(l("全部", "All")),
        Cell::Empty,
        Cell::Empty,
        Cell::Fen(c.equipment_fen),
        Cell::Fen(c.area_fen),
        Cell::Fen(c.total_fen()),
    ]);
    rows
}

/// The year-on-year columns (同比, the workbook, with `--previous`): the
/// findings fixed, still open and new per committee, then per street.
pub fn trend() -> Table {
    let xlsx = Media::XLSX;
    Table::new(vec![
        Column::new(t("街道", "Street"), 16.0).only(xlsx),
        Column::new(t("居委会", "Committee"), 18.0).only(xlsx),
        Column::new(t("编号", "Code"), 13.0).only(xlsx),
        Column::new(t("已整改", "Fixed"), 10.0).right().only(xlsx),
        Column::new(t("仍存在", "Open"), 10.0).right().only(xlsx),
        Column::new(t("新发现", "New"), 10.0).right().only(xlsx),
    ])
}

fn counts(n: &Counts) -> [Cell<'static>; 3] {
    [
        Cell::count(n.fixed),
        Cell::count(n.open),
        Cell::count(n.new),
    ]
}

/// A committee's row of the year on year (parallel to [`trend`]).
pub fn trend_cells<'a>(r: &Row, c: &'a Checked, n: &Counts, lang: Lang) -> Vec<Cell<'a>> {
    let mut cells = vec![
        Cell::text(street_name(&r.street, lang)),
        Cell::text(c.committee().name.as_str()),
        Cell::text(c.committee().code.as_str()),
    ];
    cells.extend(counts(n));
    cells
}

/// A street's totals row of the year on year.
pub fn trend_street_cells(s: &Option<String>, n: &Counts, lang: Lang) -> Vec<Cell<'static>> {
    let mut cells = vec![
        Cell::text(street_name(s, lang)),
        Cell::text(lang.pick("街道合计", "street total")),
        Cell::Empty,
    ];
    cells.extend(counts(n));
    cells
}

/// The committees added and gone since the earlier audit, as rows of
/// [`trend`] (what, name, code, plan).
pub fn added_gone_rows(cmp: &Comparison, lang: Lang) -> Vec<Vec<Cell<'_>>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut rows = Vec::new();
    for (title, list) in [
        (l("新增居委会", "Committees added"), &cmp.added),
        (l("不再出现的居委会", "Committees gone"), &cmp.gone),
    ] {
        for c in list {
            rows.push(vec![
                Cell::text(title),
                Cell::text(c.name.as_str()),
                Cell::text(c.code.as_str()),
                Cell::text(c.plan.as_str()),
                Cell::Empty,
                Cell::Empty,
            ]);
        }
    }
    rows
}

/// The totals then and now (the year on year's small table).
pub fn then_now() -> Table {
    let xlsx = Media::XLSX;
    Table::new(vec![
        Column::new(t("合计", "Totals"), 16.0).only(xlsx),
        Column::new(t("上次", "then"), 18.0).right().only(xlsx),
        Column::new(t("本次", "now"), 13.0).right().only(xlsx),
    ])
}

/// The rows of [`then_now`]: committees, passing, priority upgrades,
/// violations.
pub fn then_now_rows(a: &Audit, cmp: &Comparison, lang: Lang) -> Vec<Vec<Cell<'static>>> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let (p, n) = (&cmp.previous_totals, &a.totals);
    [
        (l("居委会数", "committees"), p.committees, n.committees),
        (l("合格", "passing"), p.passing, n.passing),
        (
            l("重点改善", "priority upgrade"),
            p.priority_upgrade,
            n.priority_upgrade,
        ),
        (
            Severity::Violation.name(lang),
            p.summary.violation,
            n.summary.violation,
        ),
    ]
    .into_iter()
    .map(|(k, then, now)| vec![Cell::text(k), Cell::count(then), Cell::count(now)])
    .collect()
}
