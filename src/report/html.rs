//! Printable HTML pages, each one self-contained file (no scripts, no
//! external fonts or images: the plan drawing is inline SVG):
//!
//! - [`check_page`]: a committee's report (`juwei check PLAN --format html`):
//!   the committee, its areas, the plan drawn with every finding pinned, the
//!   findings by severity with the clause quoted from the standard, and the
//!   zone and equipment checklists. A4 portrait.
//! - [`audit_page`]: a folder's audit (`juwei audit DIR --format html`):
//!   totals per street, the committee table, the district's priority list and
//!   the equipment-gap matrix. A4 landscape.
//! - [`diff_page`]: two revisions side by side (`juwei diff --format html`).
//!
//! Chinese first (the `--lang` picks the language of every word on the
//! page); fonts from the CSS stack of [`FONT_STACK`].

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::audit_tables;
use super::svg::{esc, fmt_area, hex, plan_svg, SvgOptions, FONT_STACK};
use super::table::{Cell, Column, Emphasis, HtmlLayout, Media, RowKind, Table, Title};
use crate::audit::{self, Audit, Equip, Outcome, Upgrade};
use crate::diff::{PlanDiff, RoomState};
use crate::model::{Estate, Floor, ItemKind, Lang, Location, Plan, Zone};
use crate::rules::{CheckReport, Finding, Profile, Severity};

/// What every page needs besides its data.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlOptions {
    pub lang: Lang,
    /// The date printed as the report's date (`None`: not printed), so that
    /// the same input gives the same page.
    pub date: Option<NaiveDate>,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            lang: Lang::Zh,
            date: None,
        }
    }
}

const CSS: &str = r#"
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d0d4da; --soft:#f5f6f8; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #e9ebee; color: var(--ink);
  font-family: FONTS; font-size: 10.5pt; line-height: 1.65;
  text-rendering: optimizeLegibility; }
.sheet { background: #fff; margin: 12px auto; padding: 14mm 13mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.portrait { width: 210mm; min-height: 297mm; }
.landscape { width: 297mm; min-height: 210mm; }
h1 { font-size: 19pt; margin: 0 0 2mm; letter-spacing: .04em; font-weight: 700; }
h2 { font-size: 13pt; margin: 7mm 0 2.5mm; padding-bottom: 1mm; border-bottom: 2px solid var(--ink);
  letter-spacing: .03em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
.sub { color: var(--muted); margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid var(--line); padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 700; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.meta { display: grid; grid-template-columns: auto 1fr auto 1fr; gap: .6mm 4mm; margin: 0 0 3mm; }
.meta dt { color: var(--muted); white-space: nowrap; }
.meta dd { margin: 0; }
.verdict { display: flex; gap: 3mm; align-items: center; flex-wrap: wrap; margin: 3mm 0; }
.stamp { font-weight: 700; font-size: 13pt; padding: 1mm 4mm; border: 2.5px solid; border-radius: 2mm; letter-spacing: .2em; }
.stamp.pass { color: #1b7f3b; border-color: #1b7f3b; }
.stamp.fail { color: #c62828; border-color: #c62828; }
.chip { display: inline-block; padding: 0 2.2mm; border-radius: 3mm; color: #fff; font-size: 9pt; white-space: nowrap; }
.chip.zero { background: #c9ccd1 !important; color: #444; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 3mm 0; }
.figure { background: var(--soft); border-radius: 2mm; padding: 2mm 3mm; }
.figure .v { font-size: 15pt; font-weight: 700; font-variant-numeric: tabular-nums; }
.figure .k { color: var(--muted); font-size: 9pt; }
.drawing { text-align: center; margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
.drawing svg { max-width: 100%; height: auto; }
.finding { display: grid; grid-template-columns: 8mm 1fr; gap: 0 2mm; padding: 2mm 0; border-bottom: 1px dashed var(--line);
  break-inside: avoid; page-break-inside: avoid; }
.num-pin { width: 6.5mm; height: 6.5mm; border-radius: 50%; color: #fff; font-weight: 700; font-size: 9pt;
  display: flex; align-items: center; justify-content: center; }
.finding .head { font-weight: 700; }
.finding .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 400; color: var(--muted); font-size: 9pt; margin-left: 2mm; }
.finding .where { color: var(--muted); font-size: 9pt; font-weight: 400; }
blockquote { margin: 1mm 0 0; padding: 1mm 3mm; border-left: 3px solid var(--line); color: #3c4043; background: #fafafa; font-size: 9.5pt; }
blockquote cite { display: block; font-style: normal; color: var(--muted); font-size: 8.5pt; }
.status { margin: 1mm 0 0; font-size: 9.5pt; font-weight: 600; }
.status-accepted { color: #1b7f3b; }
.status-in-progress { color: #8a5a00; }
.status-fixed-claimed { color: #1f6fc0; }
.estimate { color: #8a5a00; font-size: 8.5pt; }
.glyphs { font-size: 8.5pt; color: #333; line-height: 1.9; margin: 1mm 0; }
.glyphs .glyph { display: inline-block; min-width: 4.2mm; text-align: center; border: 0.6px solid #777; border-radius: 1mm; margin: 0 1mm 0 2.5mm; font-size: 8pt; }
.cost { font-size: 9.5pt; margin: 1mm 0; }
.ok { color: #1b7f3b; font-weight: 700; }
.no { color: #c62828; font-weight: 700; }
.warn { color: #b26a00; font-weight: 700; }
.checklist { columns: 2; column-gap: 8mm; }
.checklist div { break-inside: avoid; padding: .4mm 0; }
.matrix th.v { writing-mode: vertical-rl; text-orientation: upright; white-space: nowrap; padding: 2mm 1mm; font-size: 8.5pt; letter-spacing: .05em; }
.matrix td.c { text-align: center; padding: 1mm .5mm; font-size: 8.5pt; }
.matrix td.gap { background: #fde0dc; color: #b3261e; font-weight: 700; }
.matrix td.part { background: #fff1d6; color: #8a5300; font-weight: 700; }
.matrix td.has { color: #1b7f3b; }
.prio { color: #b26a00; font-weight: 700; }
.broken td { background: #fff4f4; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.pair svg { max-width: 100%; height: auto; }
.pair figure { min-width: 0; margin: 0; border: 1px solid var(--line); padding: 2mm; break-inside: avoid; }
.pair figcaption { font-weight: 700; margin-bottom: 1mm; }
.added { color: #1b7f3b; } .removed { color: #c62828; } .changed { color: #b26a00; }
/* the committee's report: compact, so that it prints on two A4 pages
   (page 1 the figures and the drawing, page 2 the rooms, findings and
   checklists; tests/report_pages.rs counts them in Chromium) */
.report { font-size: 9.5pt; line-height: 1.45; }
.report h1 { font-size: 16pt; margin: 0 0 .5mm; }
.report .sub { margin: 0 0 2mm; }
.report h2 { font-size: 11pt; margin: 3.5mm 0 1.5mm; padding-bottom: .5mm; border-bottom-width: 1.5px; }
.report h3 { font-size: 9.5pt; margin: 1.5mm 0 .5mm; }
.report .meta { gap: 0 4mm; margin: 0 0 1mm; font-size: 9pt; }
.report .verdict { margin: 1.5mm 0; }
.report .figures { margin: 1.5mm 0; gap: 2mm; }
.report .figure { padding: 1mm 2.5mm; }
.report .figure .v { font-size: 13pt; }
.report .drawing { margin: 1mm 0; }
.report .drawing svg { max-height: 180mm; width: auto; }
.report table { font-size: 8.5pt; }
.report th, .report td { padding: .4mm 1.6mm; }
.report .findings { columns: 2; column-gap: 6mm; }
.report .finding { padding: .8mm 0; grid-template-columns: 6.5mm 1fr; }
.report .num-pin { width: 5.2mm; height: 5.2mm; font-size: 8pt; }
.report .finding .where { font-size: 8.5pt; }
.report blockquote { font-size: 8.5pt; padding: .4mm 2mm; margin-top: .5mm; line-height: 1.4; }
.report blockquote cite { font-size: 7.5pt; }
.report .glyphs { font-size: 7.5pt; line-height: 1.6; margin: .5mm 0; }
.report .glyphs .sub { margin: 0; }
.report .glyphs .glyph { min-width: 3.6mm; margin: 0 .6mm 0 1.8mm; font-size: 7pt; }
.report .checklist { columns: 3; column-gap: 5mm; font-size: 8.5pt; line-height: 1.35; }
.report .checklist div { padding: .2mm 0; }
.report .checklist.flow { columns: auto; }
.report .checklist.flow div { display: inline-block; margin-right: 4.5mm; white-space: nowrap; }
.report footer { margin-top: 2mm; padding-top: .5mm; font-size: 7.5pt; }
/* the audit's summary page (src/report/summary.rs) */
.summary { break-after: page; page-break-after: always; }
.summary h2 { margin-top: 3mm; }
.summary .figures { grid-template-columns: repeat(6, 1fr); }
.summary .trend { font-size: 10pt; margin: 2mm 0; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 6mm; }
.charts figure { margin: 0; break-inside: avoid; }
.charts svg { width: 100%; height: auto; }
.chart .ct { font-size: 13px; font-weight: 700; fill: #1d1d1f; }
.chart .cl { font-size: 11px; fill: #333; }
.chart .cv { font-size: 11px; fill: #333; font-variant-numeric: tabular-nums; }
footer { margin-top: 8mm; color: var(--muted); font-size: 8.5pt; border-top: 1px solid var(--line); padding-top: 2mm; }
@media print {
  body { background: #fff; }
  .sheet { margin: 0; padding: 0; box-shadow: none; width: auto; min-height: 0; }
}
"#;

pub(crate) fn page(title: &str, lang: Lang, landscape: bool, body: &str) -> String {
    format!("{}{body}{PAGE_END}", page_head(title, lang, landscape))
}

/// What closes a page after its body.
const PAGE_END: &str = "</main>\n</body>\n</html>\n";

/// A page up to its body: [`page`] without the body and [`PAGE_END`].
fn page_head(title: &str, lang: Lang, landscape: bool) -> String {
    let css = CSS.replace("FONTS", FONT_STACK);
    let (size, class) = if landscape {
        ("A4 landscape", "landscape")
    } else {
        ("A4", "portrait")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"juwei {}\">\n<title>{}</title>\n\
         <style>@page {{ size: {size}; margin: 12mm 11mm; }}{css}</style>\n</head>\n\
         <body>\n<main class=\"sheet {class}\">\n",
        lang.pick("zh-CN", "en"),
        env!("CARGO_PKG_VERSION"),
        esc(title)
    )
}

pub(crate) fn chip(sev: Severity, n: usize, lang: Lang) -> String {
    format!(
        "<span class=\"chip{}\" style=\"background:{}\">{} {n}</span>",
        if n == 0 { " zero" } else { "" },
        hex(sev.colour()),
        esc(sev.name(lang))
    )
}

pub(crate) fn chips(s: &crate::rules::Summary, lang: Lang) -> String {
    Severity::ALL
        .iter()
        .map(|&v| chip(v, s.get(v), lang))
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn stamp(fails: bool, lang: Lang) -> String {
    if fails {
        format!(
            "<span class=\"stamp fail\">{}</span>",
            lang.pick("不合格", "FAIL")
        )
    } else {
        format!(
            "<span class=\"stamp pass\">{}</span>",
            lang.pick("合格", "PASS")
        )
    }
}

pub(crate) fn footer(lang: Lang, profile: &Profile) -> String {
    format!(
        "<footer>{} juwei {} · {}: {}</footer>\n",
        lang.pick("由", "Made by"),
        env!("CARGO_PKG_VERSION"),
        lang.pick("依据", "Standard"),
        esc(lang.pick(
            &profile.name,
            if profile.name_en.is_empty() {
                &profile.name
            } else {
                &profile.name_en
            }
        ))
    )
}

fn room_label(plan: &Plan, id: &str) -> String {
    match plan.room(id) {
        Some(r) => format!("{id} {}", r.name),
        None => id.to_string(),
    }
}

fn zones_str(z: &[Zone], lang: Lang) -> String {
    z.iter()
        .map(|z| z.name(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// Whether `text` names the id `id` as a word of its own (R1, not R10).
fn mentions(text: &str, id: &str) -> bool {
    if id.is_empty() {
        return false;
    }
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    text.match_indices(id).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + id.len()..].chars().next())
    })
}

/// The findings, grouped by severity, numbered as the pins of the drawing.
fn findings_html(plan: &Plan, numbered: &[(usize, &Finding)], lang: Lang) -> String {
    let mut out = String::new();
    // the clause is quoted under the first finding of its code only (六.3
    // once, not under every missing item): the page stays short on paper
    let mut quoted: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for sev in Severity::ALL {
        let group: Vec<(usize, &Finding)> = numbered
            .iter()
            .filter(|(_, f)| f.severity == sev)
            .copied()
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3 style=\"color:{}\">{} ({})</h3>",
            hex(sev.colour()),
            esc(sev.name(lang)),
            group.len()
        );
        for (n, f) in group {
            // what the message already names is not repeated ("缺少微波炉"
            // needs no "物品: 微波炉"; "R1 办公室 ..." no "房间: R1 办公室")
            let message = f.message(lang);
            let mut where_ = Vec::new();
            let rooms: Vec<String> = f
                .rooms
                .iter()
                .filter(|r| match plan.room(r) {
                    Some(room) => !(mentions(message, r) && message.contains(&room.name)),
                    None => !mentions(message, r),
                })
                .map(|r| room_label(plan, r))
                .collect();
            if !rooms.is_empty() {
                where_.push(format!(
                    "{}: {}",
                    lang.pick("房间", "rooms"),
                    rooms.join(lang.pick("、", ", "))
                ));
            }
            let items: Vec<String> = f
                .items
                .iter()
                .map(|i| {
                    ItemKind::ALL
                        .iter()
                        .find(|k| k.ident() == i)
                        .map_or(i.clone(), |k| k.name(lang).to_string())
                })
                .filter(|name| !message.to_lowercase().contains(&name.to_lowercase()))
                .collect();
            if !items.is_empty() {
                where_.push(format!(
                    "{}: {}",
                    lang.pick("物品", "items"),
                    items.join(lang.pick("、", ", "))
                ));
            }
            if !f.assets.is_empty() {
                where_.push(format!(
                    "{}: {}",
                    lang.pick("资产", "assets"),
                    f.assets.join(", ")
                ));
            }
            let first = quoted.insert(f.code.as_str());
            let quote = match f.meta() {
                Some(m) if first => format!(
                    "<blockquote>{}<cite>— {} {}</cite></blockquote>",
                    esc(m.clause_text),
                    esc(&f.clause),
                    esc(lang.pick(m.title, m.title_en))
                ),
                _ => String::new(),
            };
            let status = f.status.as_ref().map_or(String::new(), |m| {
                format!(
                    "<div class=\"status status-{}\">{}</div>",
                    m.status.as_str(),
                    esc(&m.describe(lang))
                )
            });
            // one line where it fits: the message, the code and clause
            // (the slug on hover), then where
            let _ = writeln!(
                out,
                "<div class=\"finding sev-{}\" id=\"f{n}\"><div class=\"num-pin\" style=\"background:{}\">{n}</div>\
                 <div><div class=\"head\">{}<span class=\"code\" title=\"{}\">{} · {}</span>{}</div>\
                 {status}{quote}</div></div>",
                f.severity.as_str(),
                hex(f.severity.colour()),
                esc(message),
                esc(&f.slug),
                esc(&f.code),
                esc(&f.clause),
                if where_.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"where\">{}</span>", esc(&where_.join(" · ")))
                },
            );
        }
    }
    out
}

/// The committee's report: one printable page (A4). The steps, top to
/// bottom: the heading and verdict (`check_heading`), the key figures
/// (`check_figures`), the drawing (`check_drawing`), the cost of closing
/// the gaps (`check_cost`), the rooms (`check_rooms`), the findings
/// (`check_findings`), and the two checklists (`zone_checklist`,
/// `equipment_checklist`).
pub fn check_page(
    path: &str,
    plan: &Plan,
    report: &CheckReport,
    profile: &Profile,
    opts: &HtmlOptions,
) -> String {
    let lang = opts.lang;
    let mut b = String::from("<div class=\"report\">\n");
    check_heading(&mut b, path, plan, report, opts);
    // the same facts the rules use (certified area first: rules.md "Which area")
    let facts = crate::committee::facts_with_area(plan, report.premises_area_m2, profile);
    check_figures(&mut b, plan, report, profile, &facts, lang);
    check_drawing(&mut b, plan, report, lang);
    check_cost(&mut b, report, profile, &facts, lang);
    check_rooms(&mut b, plan, report, facts.area_m2, lang);
    check_findings(&mut b, plan, report, lang);
    zone_checklist(&mut b, plan, profile, lang);
    equipment_checklist(&mut b, plan, profile, lang);
    b.push_str(&footer(lang, profile));
    b.push_str("</div>\n");
    page(
        &format!(
            "{} · {}",
            plan.committee.name,
            lang.pick("检查报告", "check report")
        ),
        lang,
        false,
        &b,
    )
}

/// The heading of the check report: the committee's name, the facts of the
/// file (code, street, address, estate, revision, file, date), the verdict
/// with its counts, and a warning when the plan is invalid.
fn check_heading(
    b: &mut String,
    path: &str,
    plan: &Plan,
    report: &CheckReport,
    opts: &HtmlOptions,
) {
    let lang = opts.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let c = &plan.committee;
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        esc(&c.name),
        esc(l(
            "居委会办公用房标准化检查报告",
            "Residents' committee premises: check report"
        ))
    );
    let date_row = opts.date.map_or(String::new(), |d| {
        format!("<dt>{}</dt><dd>{d}</dd>", l("报告日期", "Report date"))
    });
    let _ = writeln!(
        b,
        "<dl class=\"meta\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{} ({})</dd><dt>{}</dt><dd>{}</dd>{date_row}</dl>",
        l("编号", "Code"),
        esc(&c.code),
        l("街道", "Street"),
        esc(&c.street),
        l("地址", "Address"),
        esc(if c.address.is_empty() {
            "—"
        } else {
            &c.address
        }),
        l("小区", "Estate"),
        esc(lang.pick(c.estate.name_zh(), c.estate.name_en())),
        l("修订", "Revision"),
        plan.revision.number,
        plan.revision.date,
        l("文件", "File"),
        esc(path),
    );
    let s = report.summary();
    let _ = writeln!(
        b,
        "<div class=\"verdict\">{} {}</div>",
        stamp(s.fails(), lang),
        chips(&s, lang)
    );
    if !report.valid {
        let _ = writeln!(
            b,
            "<p class=\"no\">{}</p>",
            l(
                "平面图无效:请先修正下列错误,其余检查已跳过,面积仅供参考。",
                "The plan is invalid: fix the errors below first; the other checks were skipped and the areas are approximate."
            )
        );
    }
}

/// The key figures: premises area, the area standard of the estate, the
/// upgrade class with the shortfall, and the resident-activity rooms (not
/// counted).
fn check_figures(
    b: &mut String,
    plan: &Plan,
    report: &CheckReport,
    profile: &Profile,
    facts: &crate::committee::CommitteeFacts,
    lang: Lang,
) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let c = &plan.committee;
    let area = facts.area_m2;
    let up = facts.upgrade;
    let short = facts.shortfall_m2;
    let standard = match c.estate {
        Estate::New => format!("≥ {} ㎡", fmt_area(profile.new_estate_min_area_m2)),
        Estate::Old => format!(
            "≤ {} ㎡ {}",
            fmt_area(profile.old_estate_priority_max_m2),
            l("重点", "priority")
        ),
    };
    let activity: f64 = plan
        .rooms
        .iter()
        .zip(&report.room_areas)
        .filter(|(r, _)| r.has(Zone::ResidentActivity))
        .fold(0.0, |sum, (_, (_, a))| sum + a);
    let up_class = if up.is_priority() {
        "no"
    } else if up == Upgrade::Meets {
        "ok"
    } else {
        "warn"
    };
    let _ = writeln!(
        b,
        "<div class=\"figures\">\
         <div class=\"figure\"><div class=\"v\">{} ㎡</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v {up_class}\">{}</div><div class=\"k\">{} {} ㎡</div></div>\
         <div class=\"figure\"><div class=\"v\">{} ㎡</div><div class=\"k\">{}</div></div></div>",
        fmt_area(area),
        l("办公用房面积", "premises area"),
        esc(&standard),
        l("面积标准 (附件2 一)", "area standard (Att. 2 §1)"),
        esc(up.name(lang)),
        match short {
            Some(_) => l("距200㎡尚缺", "short of 200 m² by"),
            None => l("缺口", "shortfall"),
        },
        match short {
            Some(s) => fmt_area(s),
            // the seed sets old estates no target (A2-1.2a): no figure
            None => "—".to_string(),
        },
        fmt_area(crate::geom::area::round2(activity)),
        l("居民活动用房 (不计入)", "resident activity rooms (not counted)"),
    );
}

/// The drawing with the findings pinned, and the printed legend of the item
/// glyphs (no hover on paper).
fn check_drawing(b: &mut String, plan: &Plan, report: &CheckReport, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(b, "<h2>{}</h2>", l("平面图", "Floor plan"));
    let svg = plan_svg(
        plan,
        &report.findings,
        &SvgOptions {
            lang,
            width_px: 700.0,
            // the plan itself; with the strip below it (site items,
            // findings on no room, the zone legend) the drawing fills the
            // rest of page 1 and no more
            max_height_px: 420.0,
            id_prefix: "check".into(),
            ..SvgOptions::default()
        },
    );
    // the legend of the item glyphs, printed (no hover on paper)
    let mut kinds: Vec<ItemKind> = plan.items.iter().map(|i| i.kind).collect();
    kinds.sort();
    kinds.dedup();
    let legend: Vec<String> = kinds
        .iter()
        .map(|k| {
            format!(
                "<span class=\"glyph\">{}</span>{}",
                esc(k.glyph()),
                esc(k.name(lang))
            )
        })
        .collect();
    let _ = write!(
        b,
        "<div class=\"drawing\">{svg}</div>\n<p class=\"glyphs\"><span class=\"sub\">{}</span>{}</p>\n",
        l(
            "图中带编号的圆点即下列问题的编号;方框内的单字为物品。",
            "Numbered dots are the findings below; one-character badges are items."
        ),
        if legend.is_empty() {
            String::new()
        } else {
            format!(
                " <b>{}</b> {}",
                l("物品图例:", "Item legend:"),
                legend.join(" ")
            )
        }
    );
}

/// What closing the gaps would cost (`followup.md`), when the profile has
/// prices and there is anything to price.
fn check_cost(
    b: &mut String,
    report: &CheckReport,
    profile: &Profile,
    facts: &crate::committee::CommitteeFacts,
    lang: Lang,
) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if let Some(prices) = &profile.prices {
        // the facts' shortfall: new estates only (rules.md A2-1.2a)
        let c = prices.committee_cost(&report.findings, facts.shortfall_m2.unwrap_or(0.0));
        if c.cost.total_fen() > 0 || !c.unpriced.is_empty() {
            let _ = writeln!(
                b,
                "<p class=\"cost\"><b>{}</b> {} ({} {} · {} {}){} <span class=\"estimate\">{}</span></p>",
                l("整改费用:", "Cost of closing the gaps:"),
                crate::followup::cost::yuan(c.cost.total_fen()),
                l("设施", "equipment"),
                crate::followup::cost::yuan(c.cost.equipment_fen),
                l("面积", "area"),
                crate::followup::cost::yuan(c.cost.area_fen),
                if c.unpriced.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {}: {}",
                        l("无价格未计入", "no price, not counted"),
                        esc(&c
                            .unpriced
                            .iter()
                            .map(|k| k.name(lang))
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", ")))
                    )
                },
                esc(prices.note(lang))
            );
        }
    }
}

/// The rooms table's columns (the check page).
fn rooms_columns() -> Table {
    Table::new(vec![
        Column::new(Title::new("编号", "Id"), 8.0),
        Column::new(Title::new("名称", "Name"), 16.0),
        Column::new(Title::new("功能区", "Zones"), 20.0),
        Column::new(Title::new("地面", "Floor"), 10.0),
        Column::new(Title::new("面积 ㎡", "Area m²"), 10.0).right(),
    ])
    .only(Media::HTML)
}

/// The rooms table: id, name, zones, floor and area of each room, and the
/// premises area in all (`area`).
fn check_rooms(b: &mut String, plan: &Plan, report: &CheckReport, area: f64, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(b, "<h2>{}</h2>", l("房间", "Rooms"));
    let table = rooms_columns();
    table.html_open(b, lang);
    for (r, (_, a)) in plan.rooms.iter().zip(&report.room_areas) {
        let floor = match r.floor {
            Floor::AntiSlip => l("防滑", "anti-slip"),
            Floor::Other => l("非防滑", "not anti-slip"),
        };
        let mut area = Cell::Area(*a);
        if !r.is_premises() {
            area = area.tail(format!(
                " <span class=\"sub\">({})</span>",
                l("不计入办公用房", "not premises")
            ));
        }
        let cells = [
            Cell::text(r.id.as_str()),
            Cell::text(r.name.as_str()),
            Cell::text(zones_str(&r.zones, lang)),
            Cell::text(floor),
            area,
        ];
        table.html_row(b, &cells, RowKind::Body);
    }
    let total = [
        Cell::text(l("办公用房面积合计", "Premises area")).span(4),
        Cell::Area(area),
    ];
    table.html_close(b, Some(&total));
    b.push('\n');
}

/// The findings, numbered as the drawing's pins.
fn check_findings(b: &mut String, plan: &Plan, report: &CheckReport, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(
        b,
        "<h2>{} ({})</h2>",
        l("检查发现", "Findings"),
        report.findings.len()
    );
    if report.findings.is_empty() {
        let _ = writeln!(
            b,
            "<p class=\"ok\">{}</p>",
            l("未发现问题。", "No findings.")
        );
    }
    let numbered: Vec<(usize, &Finding)> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| (i + 1, f))
        .collect();
    let _ = writeln!(
        b,
        "<div class=\"findings\">{}</div>",
        findings_html(plan, &numbered, lang)
    );
}

/// The checklist of functional zones (附件2 三): each zone the profile
/// requires, ticked with the rooms that hold it.
fn zone_checklist(b: &mut String, plan: &Plan, profile: &Profile, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = write!(
        b,
        "<h2>{}</h2>\n<div class=\"checklist\">",
        l("功能分区 (附件2 三)", "Functional zones (Att. 2 §3)")
    );
    for z in &profile.required_zones {
        let rooms: Vec<String> = plan
            .rooms
            .iter()
            .filter(|r| r.has(*z))
            .map(|r| format!("{} {}", r.id, r.name))
            .collect();
        let (mark, class) = if rooms.is_empty() {
            ("✗", "no")
        } else {
            ("✓", "ok")
        };
        let _ = write!(
            b,
            "<div><span class=\"{class}\">{mark}</span> {} <span class=\"sub\">{}</span></div>",
            esc(z.name(lang)),
            esc(&rooms.join("、"))
        );
    }
    b.push_str("</div>\n");
}

/// The equipment checklist (附件2 六.3): what is missing first, then what is
/// there, in the profile's order, with the rooms that hold each.
fn equipment_checklist(b: &mut String, plan: &Plan, profile: &Profile, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = write!(
        b,
        "<h2>{}</h2>\n<div class=\"checklist flow\">",
        l(
            "设施配置清单 (附件2 六.3)",
            "Equipment checklist (Att. 2 §6.3)"
        )
    );
    // what is missing first, then what is there, in the profile's order
    let mut equip: Vec<(&ItemKind, Equip)> = profile
        .required_equipment
        .iter()
        .zip(audit::equipment_of(plan, profile))
        .collect();
    equip.sort_by_key(|(_, e)| match e {
        Equip::Missing => 0,
        Equip::MissingNetwork(_) => 1,
        Equip::Present(_) => 2,
    });
    for (kind, e) in equip {
        let rooms: Vec<String> = plan
            .items
            .iter()
            .filter(|i| i.kind == *kind)
            // room ids only (their names are in the rooms table): one line
            .map(|i| match &i.at {
                Location::Room(r) => r.clone(),
                Location::Site(p) => lang.pick(p.name_zh(), p.name_en()).to_string(),
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let (mark, class, what) = match e {
            Equip::Present(n) => ("✓", "ok", format!("× {n}")),
            Equip::MissingNetwork(_) => ("!", "warn", e.cell(lang)),
            Equip::Missing => ("✗", "no", l("缺", "missing").to_string()),
        };
        let _ = write!(
            b,
            "<div class=\"{class}-item\"><span class=\"{class}\">{mark}</span> {} <b>{}</b> <span class=\"sub\">{}</span></div>",
            esc(kind.name(lang)),
            esc(&what),
            esc(&rooms.join(" "))
        );
    }
    b.push_str("</div>\n");
}

// ------------------------------------------------------------------ audit

/// A folder's audit: one printable page (A4 landscape); see
/// [`write_audit_page`].
pub fn audit_page(a: &Audit, profile: &Profile, opts: &HtmlOptions) -> String {
    let mut out = Vec::new();
    // writing to memory does not fail, and only whole texts are written
    let _ = write_audit_page(a, profile, opts, &mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Bytes of page gathered before they are passed on to the writer.
const CHUNK: usize = 1 << 16;

/// The page so far goes to `w` once it is [`CHUNK`] long: the long tables
/// of a city's audit are written as their rows are made, not held whole
/// (issue 14). Only whole texts are passed on, never a split character.
fn pass_on(b: &mut String, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    if b.len() >= CHUNK {
        w.write_all(b.as_bytes())?;
        b.clear();
    }
    Ok(())
}

/// A folder's audit, written to `w` as it is made: one printable page (A4
/// landscape). The steps, top to bottom: the heading, verdict and summary
/// page (`audit_heading`), the totals per street (`street_totals`), the
/// priority list (`priority_list`), every committee's result
/// (`committees_table`), and the equipment-gap matrix
/// (`equipment_matrix`). The three long tables pass their rows on to `w`
/// as they go ([`pass_on`]), so memory does not grow with the folder.
pub fn write_audit_page(
    a: &Audit,
    profile: &Profile,
    opts: &HtmlOptions,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let lang = opts.lang;
    let title = lang.pick("居委会办公用房审计", "Premises audit");
    let mut b = page_head(title, lang, true);
    audit_heading(&mut b, a, opts);
    street_totals(&mut b, a, lang);
    priority_list(&mut b, w, a, lang)?;
    committees_table(&mut b, w, a, lang)?;
    equipment_matrix(&mut b, w, a, lang)?;
    b.push_str(&footer(lang, profile));
    b.push_str(PAGE_END);
    w.write_all(b.as_bytes())?;
    w.flush()
}

/// The audit's heading: title, folder, number of committees and date, the
/// verdict with its counts, and page 1's summary with its charts (the
/// details follow from page 2 on).
fn audit_heading(b: &mut String, a: &Audit, opts: &HtmlOptions) {
    let lang = opts.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let t = &a.totals;
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"sub\">{} {} · {} {}{}</p>\n",
        l("居委会办公用房审计", "Residents' committee premises audit"),
        l("文件夹", "Folder"),
        esc(&a.root.display().to_string()),
        t.committees,
        l("个居委会", "committees"),
        opts.date.map_or(String::new(), |d| format!(" · {d}")),
    );
    let _ = writeln!(
        b,
        "<div class=\"verdict\">{} {}</div>",
        stamp(a.fails(), lang),
        chips(&t.summary, lang)
    );
    // page 1: the summary with its charts; the details from page 2 on
    b.push_str(&super::summary::summary_html(a, lang));
}

/// The totals per street (committees, passing, priority, missing zones,
/// equipment gaps, unreadable, violations, area, shortfall), and for all:
/// the shared table of [`audit_tables::totals`].
fn street_totals(b: &mut String, a: &Audit, lang: Lang) {
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        lang.pick("各街道合计", "Totals per street")
    );
    let table = audit_tables::totals();
    table.html_open(b, lang);
    for (cells, total) in audit_tables::totals_rows(a, lang) {
        let kind = if total { RowKind::Total } else { RowKind::Body };
        table.html_row(b, &cells, kind);
    }
    table.html_close(b, None);
    b.push('\n');
}

/// The priority list: priority upgrades first, then by premises area,
/// smallest first, with each committee's upgrade class and shortfall (the
/// shared table of [`audit_tables::priority`]).
fn priority_list(
    b: &mut String,
    w: &mut dyn std::io::Write,
    a: &Audit,
    lang: Lang,
) -> std::io::Result<()> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let list = a.priority_order();
    let n_prio = a.totals.priority_upgrade;
    let _ = write!(
        b,
        "<h2>{} ({} / {})</h2>\n<p class=\"sub\">{}</p>\n",
        l("改善优先顺序", "Priority list"),
        n_prio,
        list.len(),
        l(
            "重点改善的居委会(旧小区100㎡以下,A2-1.2)排在前面,其余按办公用房面积由小到大排列;新建小区不足200㎡的另列缺口(A2-1.1),旧小区不设目标面积。",
            "Priority upgrades first (old estates ≤ 100 m², A2-1.2), then by premises area, smallest first; new estates under 200 m² show their shortfall (A2-1.1); old estates have no target area."
        )
    );
    let table = audit_tables::priority();
    table.html_open(b, lang);
    for (i, r) in a.rows_of(list).enumerate() {
        let Some(c) = r.checked() else { continue };
        table.html_row(
            b,
            &audit_tables::priority_cells(i + 1, c, lang),
            RowKind::Body,
        );
        pass_on(b, w)?;
    }
    table.html_close(b, None);
    b.push('\n');
    Ok(())
}

/// Every committee's result: area, priority, findings by severity, missing
/// zones and equipment (the shared table of [`audit_tables::committees`]);
/// an unreadable plan and each warning as a row of its own.
fn committees_table(
    b: &mut String,
    w: &mut dyn std::io::Write,
    a: &Audit,
    lang: Lang,
) -> std::io::Result<()> {
    let _ = writeln!(
        b,
        "<h2>{}</h2>",
        lang.pick("各居委会检查结果", "Committees")
    );
    let table = audit_tables::committees();
    table.html_open(b, lang);
    let note = RowKind::Class("broken");
    for r in a.each_row() {
        match &r.outcome {
            Outcome::Checked(_) => {
                let cells = audit_tables::committee_cells(a, &r, lang, Media::HTML);
                table.html_row(b, &cells, RowKind::Body);
            }
            Outcome::Broken(e) => {
                let [lead, rest] = audit_tables::committee_note(&r, e, false, lang);
                table.html_spanning_row(b, lead, rest, note);
            }
        }
        for warning in &r.warnings {
            let [lead, rest] = audit_tables::committee_note(&r, warning, true, lang);
            table.html_spanning_row(b, lead, rest, note);
        }
        pass_on(b, w)?;
    }
    table.html_close(b, None);
    b.push('\n');
    Ok(())
}

/// The equipment-gap matrix (附件2 六.3): a row per committee, a column per
/// item of the profile, and how many committees lack each (the shared
/// table of [`audit_tables::gaps`]).
fn equipment_matrix(
    b: &mut String,
    w: &mut dyn std::io::Write,
    a: &Audit,
    lang: Lang,
) -> std::io::Result<()> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = write!(
        b,
        "<h2>{}</h2>\n<p class=\"sub\">{}</p>\n",
        l("设施配置缺口 (附件2 六.3)", "Equipment gaps (Att. 2 §6.3)"),
        l(
            "数字为平面图上的数量;“缺”表示没有该设施。",
            "Numbers are counts on the plan; “none” marks an item the committee lacks."
        ),
    );
    let table = audit_tables::gaps(a);
    table.html_open(b, lang);
    for r in a.each_row() {
        let Some(c) = r.checked() else { continue };
        table.html_row(b, &audit_tables::gaps_cells(c, lang), RowKind::Body);
        pass_on(b, w)?;
    }
    table.html_close(b, Some(&audit_tables::gaps_total(a, lang)));
    b.push('\n');
    Ok(())
}

// ------------------------------------------------------------------ diff

/// The diff's small tables: no head, the rows run on (`heads`: with a
/// head row).
fn diff_table(columns: Vec<Column>, head: bool) -> Table {
    Table::new(columns).only(Media::HTML).layout(HtmlLayout {
        class: None,
        head,
        lines: false,
    })
}

/// The rooms added or removed: id, name, zones, area.
fn rooms_table(title: &str, class: &str, rooms: &[RoomState], lang: Lang) -> String {
    if rooms.is_empty() {
        return String::new();
    }
    let mut b = format!(
        "<h3 class=\"{class}\">{} ({})</h3>",
        esc(title),
        rooms.len()
    );
    let table = diff_table(
        vec![
            Column::new(Title::new("房间", "Room"), 8.0),
            Column::new(Title::new("名称", "Name"), 16.0),
            Column::new(Title::new("功能区", "Zones"), 20.0),
            Column::new(Title::new("面积 ㎡", "Area m²"), 12.0).right(),
        ],
        false,
    );
    table.html_open(&mut b, lang);
    for r in rooms {
        let cells = [
            Cell::text(r.id.as_str()),
            Cell::text(r.name.as_str()),
            Cell::text(zones_str(&r.zones, lang)),
            Cell::text(format!("{:.2} ㎡", r.area_m2)),
        ];
        table.html_row(&mut b, &cells, RowKind::Body);
    }
    table.html_close(&mut b, None);
    b.push('\n');
    b
}

/// Two revisions side by side, with what changed. The steps, top to
/// bottom: the heading and key figures (`diff_heading`), the two drawings
/// at one scale (`diff_drawings`), the room and item changes
/// (`room_changes`), the findings introduced, regraded, fixed and
/// remaining (`diff_findings`), and the cost of the change
/// (`diff_cost`).
#[allow(clippy::too_many_arguments)]
pub fn diff_page(
    d: &PlanDiff,
    old: &Plan,
    new: &Plan,
    old_path: &str,
    new_path: &str,
    profile: &Profile,
    opts: &HtmlOptions,
) -> String {
    let lang = opts.lang;
    let mut b = String::new();
    // one series of numbers on the page, shared by the drawings and lists
    let nums = d.numbers();
    diff_heading(&mut b, d, old, new, opts);
    diff_drawings(&mut b, d, &nums, (old, old_path), (new, new_path), lang);
    room_changes(&mut b, d, lang);
    diff_findings(&mut b, d, &nums, old, new, lang);
    if let Some(prices) = &profile.prices {
        diff_cost(&mut b, d, prices, lang);
    }
    b.push_str(&footer(lang, profile));
    page(
        &format!(
            "{} · {}",
            new.committee.name,
            lang.pick("调整对比", "revision diff")
        ),
        lang,
        true,
        &b,
    )
}

/// The diff's heading (committee, revisions, date) and key figures:
/// premises area before and after, the change, findings fixed and
/// introduced.
fn diff_heading(b: &mut String, d: &PlanDiff, old: &Plan, new: &Plan, opts: &HtmlOptions) {
    let lang = opts.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = write!(
        b,
        "<h1>{}</h1>\n<p class=\"sub\">{} · {} {} → {}{}</p>\n",
        esc(&new.committee.name),
        l("用房调整前后对比", "Revision comparison"),
        l("修订", "revision"),
        old.revision.number,
        new.revision.number,
        opts.date.map_or(String::new(), |d| format!(" · {d}")),
    );
    let delta = d.premises_delta_m2();
    let _ = writeln!(
        b,
        "<div class=\"figures\">\
         <div class=\"figure\"><div class=\"v\">{} ㎡</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{} ㎡</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v {}\">{}{} ㎡</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\"><span class=\"ok\">{}</span> / <span class=\"no\">{}</span></div><div class=\"k\">{}</div></div></div>",
        fmt_area(d.premises_before_m2),
        l("调整前办公用房面积", "premises before"),
        fmt_area(d.premises_after_m2),
        l("调整后办公用房面积", "premises after"),
        if delta >= 0.0 { "ok" } else { "no" },
        if delta > 0.0 { "+" } else { "" },
        fmt_area(delta),
        l("变化", "change"),
        d.fixed.len(),
        d.introduced.len(),
        l("解决 / 新增问题", "fixed / introduced"),
    );
}

/// The two drawings side by side at one scale (the smaller of the two that
/// fit): rooms removed outlined red on the old, added green on the new,
/// changed amber on both; each pins the findings of its revision, numbered
/// in the page's one series; under them, the captions and a key.
fn diff_drawings(
    b: &mut String,
    d: &PlanDiff,
    nums: &crate::diff::DiffNumbers,
    (old, old_path): (&Plan, &str),
    (new, new_path): (&Plan, &str),
    lang: Lang,
) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    const GREEN: [u8; 3] = [0x1b, 0x7f, 0x3b];
    const RED: [u8; 3] = [0xc6, 0x28, 0x28];
    const AMBER: [u8; 3] = [0xe8, 0x8a, 0x00];
    let mut old_hl: Vec<(String, [u8; 3])> =
        d.removed.iter().map(|r| (r.id.clone(), RED)).collect();
    let mut new_hl: Vec<(String, [u8; 3])> =
        d.added.iter().map(|r| (r.id.clone(), GREEN)).collect();
    for c in &d.changed {
        old_hl.push((c.before.id.clone(), AMBER));
        new_hl.push((c.after.id.clone(), AMBER));
    }
    let ((old_pins, old_numbers), (new_pins, new_numbers)) = drawing_pins(d, nums);
    let svg_opts = |prefix: &str, hl: Vec<(String, [u8; 3])>, numbers: Vec<usize>| SvgOptions {
        lang,
        width_px: 520.0,
        max_height_px: 520.0,
        items: false,
        findings: true,
        legend: true,
        highlight: hl,
        id_prefix: prefix.into(),
        numbers,
        scale: None,
    };
    // both plans at one scale: the smaller of the two fits
    let scale = crate::report::svg::fit_scale(old, &svg_opts("old", Vec::new(), Vec::new())).min(
        crate::report::svg::fit_scale(new, &svg_opts("new", Vec::new(), Vec::new())),
    );
    let old_opts = SvgOptions {
        scale: Some(scale),
        ..svg_opts("old", old_hl, old_numbers)
    };
    let new_opts = SvgOptions {
        scale: Some(scale),
        ..svg_opts("new", new_hl, new_numbers)
    };
    let _ = writeln!(
        b,
        "<div class=\"pair\"><figure><figcaption>{} · {} {} ({})</figcaption>{}<div class=\"sub\">{}</div></figure>\
         <figure><figcaption>{} · {} {} ({})</figcaption>{}<div class=\"sub\">{}</div></figure></div>",
        l("调整前", "Before"),
        l("修订", "revision"),
        old.revision.number,
        old.revision.date,
        plan_svg(old, &old_pins, &old_opts),
        esc(old_path),
        l("调整后", "After"),
        l("修订", "revision"),
        new.revision.number,
        new.revision.date,
        plan_svg(new, &new_pins, &new_opts),
        esc(new_path),
    );
    let _ = writeln!(
        b,
        "<p class=\"sub\">{}</p>",
        l(
            "两图比例相同。编号在本页唯一: 同一编号在两图中指同一问题。",
            "Both plans are drawn at the same scale. Numbers are unique on this page: one number is one finding in both drawings."
        )
    );
    let _ = writeln!(
        b,
        "<p class=\"sub\"><span class=\"added\">▬ {}</span> · <span class=\"removed\">▬ {}</span> · <span class=\"changed\">▬ {}</span></p>",
        l("新增", "added"),
        l("撤除", "removed"),
        l("变更", "changed"),
    );
}

/// The findings each drawing pins, with their numbers: the new drawing
/// pins what the new revision has (introduced, regraded, remaining), the
/// old one what the old revision had (regraded, remaining, fixed); one
/// series of numbers on the page. Returns (old, new).
#[allow(clippy::type_complexity)]
fn drawing_pins(
    d: &PlanDiff,
    nums: &crate::diff::DiffNumbers,
) -> ((Vec<Finding>, Vec<usize>), (Vec<Finding>, Vec<usize>)) {
    let mut new_pins: Vec<Finding> = d.introduced.clone();
    new_pins.extend(d.regraded.iter().map(|(_, n)| n.clone()));
    new_pins.extend(d.unchanged.iter().cloned());
    let mut new_numbers = nums.introduced.clone();
    new_numbers.extend(&nums.regraded);
    new_numbers.extend(&nums.unchanged);
    let mut old_pins: Vec<Finding> = d.regraded.iter().map(|(o, _)| o.clone()).collect();
    old_pins.extend(d.unchanged.iter().cloned());
    old_pins.extend(d.fixed.iter().cloned());
    let mut old_numbers = nums.regraded.clone();
    old_numbers.extend(&nums.unchanged);
    old_numbers.extend(&nums.fixed);
    ((old_pins, old_numbers), (new_pins, new_numbers))
}

/// The rooms added, removed and changed (name, zones, area before → after),
/// and the item counts that changed.
fn room_changes(b: &mut String, d: &PlanDiff, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(b, "<h2>{}</h2>", l("房间变化", "Room changes"));
    if d.rooms_unchanged() {
        let _ = writeln!(b, "<p>{}</p>", l("房间没有变化。", "No room changed."));
    }
    b.push_str(&rooms_table(
        l("新增房间", "Rooms added"),
        "added",
        &d.added,
        lang,
    ));
    b.push_str(&rooms_table(
        l("撤除房间", "Rooms removed"),
        "removed",
        &d.removed,
        lang,
    ));
    changed_rooms(b, d, lang);
    item_changes(b, d, lang);
}

/// The rooms changed: id, and name, zones or area as before → after where
/// they changed.
fn changed_rooms(b: &mut String, d: &PlanDiff, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if !d.changed.is_empty() {
        let _ = write!(
            b,
            "<h3 class=\"changed\">{} ({})</h3>",
            l("变更房间", "Rooms changed"),
            d.changed.len(),
        );
        let table = diff_table(
            vec![
                Column::new(Title::new("房间", "Room"), 8.0),
                Column::new(Title::new("名称", "Name"), 16.0),
                Column::new(Title::new("功能区", "Zones"), 20.0),
                Column::new(Title::new("面积 ㎡", "Area m²"), 16.0).right(),
            ],
            true,
        );
        table.html_open(b, lang);
        for c in &d.changed {
            let name = if c.renamed() {
                format!("{} → {}", c.before.name, c.after.name)
            } else {
                c.after.name.clone()
            };
            let zones = if c.rezoned() {
                format!(
                    "{} → {}",
                    zones_str(&c.before.zones, lang),
                    zones_str(&c.after.zones, lang)
                )
            } else {
                zones_str(&c.after.zones, lang)
            };
            let area = if c.resized() {
                format!("{:.2} → {:.2}", c.before.area_m2, c.after.area_m2)
            } else {
                format!("{:.2}", c.after.area_m2)
            };
            let cells = [
                Cell::text(c.after.id.as_str()),
                Cell::text(name),
                Cell::text(zones),
                Cell::text(area),
            ];
            table.html_row(b, &cells, RowKind::Body);
        }
        table.html_close(b, None);
        b.push('\n');
    }
}

/// The item counts that changed, before → after.
fn item_changes(b: &mut String, d: &PlanDiff, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    if !d.items.is_empty() {
        let _ = write!(b, "<h3>{}</h3>", l("物品数量变化", "Item counts"));
        let table = diff_table(
            vec![
                Column::new(Title::new("物品", "Item"), 16.0),
                Column::new(Title::new("数量", "Count"), 10.0).right(),
            ],
            false,
        );
        table.html_open(b, lang);
        for c in &d.items {
            let more = if c.after > c.before {
                Emphasis::Added
            } else {
                Emphasis::Removed
            };
            let cells = [
                Cell::text(c.kind.name(lang)),
                Cell::text(format!("{} → {}", c.before, c.after)).emph(more),
            ];
            table.html_row(b, &cells, RowKind::Body);
        }
        table.html_close(b, None);
        b.push('\n');
    }
}

/// The findings introduced (pinned on the new drawing), regraded, fixed
/// (pinned on the old one) and remaining, with the page's numbers.
fn diff_findings(
    b: &mut String,
    d: &PlanDiff,
    nums: &crate::diff::DiffNumbers,
    old: &Plan,
    new: &Plan,
    lang: Lang,
) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let _ = writeln!(
        b,
        "<h2 class=\"no\">{} ({})</h2>",
        l("新出现的问题", "Findings introduced"),
        d.introduced.len()
    );
    if d.introduced.is_empty() {
        let _ = writeln!(b, "<p class=\"ok\">{}</p>", l("没有新问题。", "None."));
    }
    let pairs = |ns: &[usize], fs: &[Finding]| -> Vec<(usize, Finding)> {
        ns.iter().copied().zip(fs.iter().cloned()).collect()
    };
    let listed = |plan: &Plan, v: &[(usize, Finding)]| {
        let refs: Vec<(usize, &Finding)> = v.iter().map(|(n, f)| (*n, f)).collect();
        findings_html(plan, &refs, lang)
    };
    b.push_str(&listed(new, &pairs(&nums.introduced, &d.introduced)));
    if !d.regraded.is_empty() {
        let _ = writeln!(
            b,
            "<h2>{} ({})</h2><p class=\"sub\">{}</p>",
            l("程度变化的问题", "Findings regraded"),
            d.regraded.len(),
            esc(&d
                .regraded
                .iter()
                .map(|(o, n)| format!(
                    "{} {} → {} {}",
                    o.code,
                    o.severity.name(lang),
                    n.code,
                    n.severity.name(lang)
                ))
                .collect::<Vec<_>>()
                .join("; "))
        );
        let news: Vec<Finding> = d.regraded.iter().map(|(_, n)| n.clone()).collect();
        b.push_str(&listed(new, &pairs(&nums.regraded, &news)));
    }
    let _ = writeln!(
        b,
        "<h2 class=\"ok\">{} ({})</h2>",
        l("已解决的问题", "Findings fixed"),
        d.fixed.len()
    );
    b.push_str(&listed(old, &pairs(&nums.fixed, &d.fixed)));
    let _ = writeln!(
        b,
        "<h2>{} ({})</h2>",
        l("仍存在的问题", "Findings remaining"),
        d.unchanged.len()
    );
    b.push_str(&listed(new, &pairs(&nums.unchanged, &d.unchanged)));
}

/// What the change costs at the profile's prices: the area added and each
/// item added, with the total.
fn diff_cost(b: &mut String, d: &PlanDiff, prices: &crate::followup::cost::Prices, lang: Lang) {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let c = d.cost(prices);
    let _ = write!(b, "<h2>{}</h2>", l("调整费用", "Cost of the change"));
    let table = Table::new(vec![
        Column::new(Title::new("项目", "What"), 24.0),
        Column::new(Title::new("费用", "Cost"), 14.0).right(),
    ])
    .only(Media::HTML)
    .layout(HtmlLayout {
        class: None,
        head: false,
        lines: false,
    });
    // the first row on the line of `<tbody>`, each ending its line
    table.html_open(b, lang);
    let area = [
        Cell::text(format!(
            "{} ({:.2} ㎡)",
            l("新增 / 扩大面积", "area added"),
            c.area_m2
        )),
        Cell::Fen(c.cost.area_fen),
    ];
    table.html_row(b, &area, RowKind::Body);
    b.push('\n');
    for (k, n, fen) in &c.items {
        let cells = [
            Cell::text(format!("{} × {n}", k.name(lang))),
            Cell::Fen(*fen),
        ];
        table.html_row(b, &cells, RowKind::Body);
        b.push('\n');
    }
    let total = [
        Cell::text(l("合计", "Total")),
        Cell::Fen(c.cost.total_fen()),
    ];
    table.html_close(b, Some(&total));
    let _ = writeln!(
        b,
        "<p class=\"sub estimate\">{}</p>",
        esc(prices.note(lang))
    );
}
