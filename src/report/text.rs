//! Findings for people at a terminal: grouped by severity, each with its
//! code, clause and room, coloured when the terminal allows, and a summary.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::model::{Lang, Plan};
use crate::rules::{CheckReport, Finding, Severity, Summary};

fn style(sev: Severity) -> Style {
    let c = match sev {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Violation => AnsiColor::Red,
        Severity::Priority => AnsiColor::Yellow,
        Severity::Advisory => AnsiColor::Blue,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// A room as `R1 办公室` (or the id alone when unknown).
pub fn room_label(plan: &Plan, id: &str) -> String {
    match plan.room(id) {
        Some(r) => format!("{id} {}", r.name),
        None => id.to_string(),
    }
}

/// The whole text report of one check (with ANSI styles; strip them for
/// a pipe with `anstream`).
pub fn check_text(path: &str, plan: &Plan, report: &CheckReport, lang: Lang) -> String {
    let mut out = String::new();
    let c = &plan.committee;
    let estate = lang.pick(c.estate.name_zh(), c.estate.name_en());
    let _ = writeln!(
        out,
        "{BOLD}{} ({}){BOLD:#}  {} · {estate}",
        c.name, c.code, c.street
    );
    let _ = writeln!(
        out,
        "{DIM}{path} · {} {} · {} {:.2} ㎡{DIM:#}",
        lang.pick("修订", "revision"),
        plan.revision.number,
        lang.pick("办公用房面积", "premises area"),
        report.premises_area_m2
    );
    if !report.valid {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "平面图无效:先修正以下错误,其余检查已跳过。",
                "The plan is invalid: fix these errors first; the other checks were skipped."
            )
        );
    }
    for sev in Severity::ALL {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity == sev)
            .collect();
        if group.is_empty() {
            continue;
        }
        let s = style(sev);
        let _ = writeln!(out, "\n{s}{} ({}){s:#}", sev.name(lang), group.len());
        for f in group {
            let rooms: Vec<String> = f.rooms.iter().map(|r| room_label(plan, r)).collect();
            let place = if rooms.is_empty() {
                String::new()
            } else {
                format!(" [{}]", rooms.join(", "))
            };
            let line = match (f.line, f.file) {
                (Some(l), Some(crate::committee::FileKind::Register)) => {
                    format!(" · {}:{l}", lang.pick("台账", "register"))
                }
                (Some(l), _) => format!(" · {path}:{l}"),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                out,
                "  {s}{:<10}{s:#} {}{place}  {DIM}{} · {}{line}{DIM:#}",
                f.code,
                f.message(lang),
                f.clause,
                f.slug
            );
        }
    }
    let _ = writeln!(out, "\n{}", summary_line(&report.summary(), lang));
    out
}

/// `共 5 项: 错误 0 · 不符合 3 · …  ✗ 不合格`
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    let total: usize = Severity::ALL.iter().map(|&v| s.get(v)).sum();
    let parts: Vec<String> = Severity::ALL
        .iter()
        .map(|&v| {
            let st = if s.get(v) > 0 { style(v) } else { DIM };
            format!("{st}{} {}{st:#}", v.name(lang), s.get(v))
        })
        .collect();
    let verdict = if s.fails() {
        let st = style(Severity::Violation);
        format!("{st}✗ {}{st:#}", lang.pick("不合格", "FAIL"))
    } else {
        let st = Style::new().fg_color(Some(AnsiColor::Green.into())).bold();
        format!("{st}✓ {}{st:#}", lang.pick("合格", "PASS"))
    };
    format!(
        "{} {total} {}: {}  {verdict}",
        lang.pick("共", "Total"),
        lang.pick("项", "findings"),
        parts.join(" · ")
    )
}
