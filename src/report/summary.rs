//! The audit's one-page summary for the district or the street (issue 12):
//! the key figures and SVG charts — committees by upgrade category per
//! street, findings by severity per street, the cost of closing the gaps per
//! street and, with `--previous`, the trend (fixed / still open / new per
//! street, and the totals then and now). [`summary_html`] opens the audit
//! HTML; [`costs_trend_text`] is the same costs and trend for the terminal.

use std::fmt::Write as _;

use super::svg::{esc, hex};
use crate::audit::{street_name, Audit, Totals};
use crate::committee::Upgrade;
use crate::followup::cost::yuan;
use crate::model::Lang;
use crate::rules::Severity;

/// The upgrade categories in the order the charts stack them, with colours.
const CATEGORIES: [(Upgrade, [u8; 3]); 4] = [
    (Upgrade::OldPriority, [0xc6, 0x28, 0x28]),
    (Upgrade::NewBelowStandard, [0xe8, 0x8a, 0x00]),
    (Upgrade::OldGradual, [0xf2, 0xc9, 0x4c]),
    (Upgrade::Meets, [0x2e, 0x7d, 0x32]),
];

/// Colours of fixed, still open and new findings.
const TREND: [[u8; 3]; 3] = [[0x2e, 0x7d, 0x32], [0x9e, 0x9e, 0x9e], [0xc6, 0x28, 0x28]];

/// Per street: committees by category, findings by severity, cost (fen).
struct Street {
    name: String,
    categories: [usize; 4],
    severities: [usize; 5],
    cost_fen: i64,
}

fn streets(a: &Audit, lang: Lang) -> Vec<Street> {
    let mut out: Vec<(Option<String>, Street)> = Vec::new();
    // every row in the audit's order: a streamed audit keeps none in memory
    for r in a.each_row() {
        let r = &*r;
        let i = match out.iter().position(|(s, _)| *s == r.street) {
            Some(i) => i,
            None => {
                out.push((
                    r.street.clone(),
                    Street {
                        name: street_name(&r.street, lang),
                        categories: [0; 4],
                        severities: [0; 5],
                        cost_fen: 0,
                    },
                ));
                out.len() - 1
            }
        };
        let st = &mut out[i].1;
        let s = r.summary();
        for (k, sev) in Severity::ALL.iter().enumerate() {
            st.severities[k] += s.get(*sev);
        }
        if let Some(c) = r.checked() {
            if let Some(k) = CATEGORIES.iter().position(|(u, _)| *u == c.upgrade) {
                st.categories[k] += 1;
            }
            st.cost_fen = st.cost_fen.saturating_add(c.cost.total_fen());
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// A horizontal stacked bar chart: one bar per row, one segment per
/// series, the row's total at its end, and a legend below.
fn stacked_bars(
    title: &str,
    rows: &[(String, Vec<f64>)],
    series: &[(String, [u8; 3])],
    total_label: &dyn Fn(&[f64]) -> String,
) -> String {
    let width = 520.0;
    let label_w = 118.0;
    let value_w = 78.0;
    // thinner bars for a district's many streets: the page stays one page
    let (bar_h, gap) = if rows.len() > 6 {
        (10.0, 3.0)
    } else {
        (15.0, 6.0)
    };
    let top = 24.0;
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<f64>())
        .fold(0.0, f64::max);
    let span = width - label_w - value_w - 8.0;
    let mut b = String::new();
    let legend_y = top + rows.len() as f64 * (bar_h + gap) + 8.0;
    // the legend, wrapped to the chart's width
    let mut legend = String::new();
    let mut lines = 0.0;
    if series.len() > 1 {
        lines = 1.0;
        let mut x = label_w;
        for (name, colour) in series {
            let w = 13.0 + 11.0 * crate::edit::layout::ems(name) + 14.0;
            if x + w > width && x > label_w {
                x = label_w;
                lines += 1.0;
            }
            let y = legend_y + (lines - 1.0) * 16.0;
            let _ = write!(
                legend,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"10\" height=\"10\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" class=\"cl\">{}</text>",
                hex(*colour),
                x + 13.0,
                y + 9.0,
                esc(name)
            );
            x += w;
        }
    }
    let height = legend_y + lines * 16.0 + 6.0;
    let _ = write!(
        b,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height:.0}\" \
         width=\"{width}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\">\
         <text x=\"0\" y=\"14\" class=\"ct\">{}</text>",
        esc(title),
        esc(title)
    );
    for (i, (name, values)) in rows.iter().enumerate() {
        let y = top + i as f64 * (bar_h + gap);
        let _ = write!(
            b,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"cl\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + bar_h - 3.5,
            esc(name)
        );
        let mut x = label_w;
        for (v, (sname, colour)) in values.iter().zip(series) {
            if *v <= 0.0 || max <= 0.0 {
                continue;
            }
            let w = v / max * span;
            let _ = write!(
                b,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h}\" fill=\"{}\"><title>{}: {}</title></rect>",
                hex(*colour),
                esc(sname),
                v
            );
            x += w;
        }
        let _ = write!(
            b,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"cv\">{}</text>",
            x + 4.0,
            y + bar_h - 3.5,
            esc(&total_label(values))
        );
    }
    if rows.is_empty() {
        let _ = write!(
            b,
            "<text x=\"{label_w}\" y=\"{}\" class=\"cl\">—</text>",
            top + 11.0
        );
    }
    b.push_str(&legend);
    b.push_str("</svg>");
    b
}

/// Columns a string takes on a terminal (CJK characters two).
fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

fn count(n: f64) -> String {
    format!("{}", n.round() as i64)
}

/// The first page of the audit HTML: figures and charts. Ends with a page
/// break (the details follow).
pub fn summary_html(a: &Audit, lang: Lang) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let streets = streets(a, lang);
    let mut charts: Vec<String> = Vec::new();

    let rows: Vec<(String, Vec<f64>)> = streets
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.categories.iter().map(|&n| n as f64).collect(),
            )
        })
        .collect();
    let series: Vec<(String, [u8; 3])> = CATEGORIES
        .iter()
        .map(|(u, c)| (u.name(lang).to_string(), *c))
        .collect();
    charts.push(stacked_bars(
        l(
            "各街道居委会改善类别",
            "Committees by upgrade category, per street",
        ),
        &rows,
        &series,
        &|v| {
            format!("{} {}", count(v.iter().sum()), l("个", ""))
                .trim()
                .to_string()
        },
    ));

    let rows: Vec<(String, Vec<f64>)> = streets
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.severities.iter().map(|&n| n as f64).collect(),
            )
        })
        .collect();
    let series: Vec<(String, [u8; 3])> = Severity::ALL
        .iter()
        .map(|s| (s.name(lang).to_string(), s.colour()))
        .collect();
    charts.push(stacked_bars(
        l(
            "各街道检查发现 (按严重程度)",
            "Findings per street, by severity",
        ),
        &rows,
        &series,
        &|v| count(v.iter().sum()),
    ));

    if a.prices.is_some() {
        let rows: Vec<(String, Vec<f64>)> = streets
            .iter()
            .map(|s| (s.name.clone(), vec![s.cost_fen as f64]))
            .collect();
        charts.push(stacked_bars(
            l("各街道整改费用", "Cost of closing the gaps, per street"),
            &rows,
            &[(l("费用", "cost").to_string(), [0x1f, 0x6f, 0xc0])],
            &|v| yuan(v.iter().sum::<f64>().round() as i64),
        ));
    }

    if let Some(f) = &a.followup {
        let rows: Vec<(String, Vec<f64>)> = f
            .by_street(a)
            .into_iter()
            .map(|(s, c)| {
                (
                    street_name(&s, lang),
                    vec![c.fixed as f64, c.open as f64, c.new as f64],
                )
            })
            .collect();
        let series: Vec<(String, [u8; 3])> = [
            l("已整改", "fixed"),
            l("仍存在", "still open"),
            l("新发现", "new"),
        ]
        .iter()
        .zip(TREND)
        .map(|(n, c)| (n.to_string(), c))
        .collect();
        charts.push(stacked_bars(
            l(
                "与上次检查相比 (各街道问题)",
                "Since the previous audit (findings per street)",
            ),
            &rows,
            &series,
            // fixed and new, the numbers that tell the direction
            &|v| format!("−{} +{}", count(v[0]), count(v[2])),
        ));
    }

    let t = &a.totals;
    let mut b = String::from("<section class=\"summary\">\n");
    let _ = writeln!(
        b,
        "<h2>{}</h2>\n<div class=\"figures\">\
         <div class=\"figure\"><div class=\"v\">{} / {}</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v prio\">{}</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{} ㎡</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>\
         <div class=\"figure\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div></div>",
        l("概览", "Summary"),
        t.passing,
        t.committees,
        l("合格 / 居委会总数", "passing / committees"),
        t.priority_upgrade,
        l("需重点改善用房", "priority upgrades"),
        super::svg::fmt_area(t.shortfall_m2),
        l(
            "新建小区距200㎡缺口合计",
            "new estates: total shortfall to 200 m²"
        ),
        t.equipment_gaps,
        l("缺设施的居委会", "committees lacking equipment"),
        match &a.prices {
            Some(_) => yuan(t.cost.total_fen()),
            None => "—".into(),
        },
        l("整改费用合计", "total cost of closing the gaps"),
        t.broken,
        l("无法读取的文件", "unreadable files"),
    );
    if let Some(line) = trend_line(a, lang) {
        let _ = writeln!(b, "<p class=\"trend\">{}</p>", esc(&line));
    }
    let _ = writeln!(b, "<div class=\"charts\">");
    for c in charts {
        let _ = writeln!(b, "<figure>{c}</figure>");
    }
    b.push_str("</div>\n");
    if let Some(p) = &a.prices {
        let _ = writeln!(b, "<p class=\"estimate\">{}</p>", esc(p.note(lang)));
    }
    b.push_str("</section>\n");
    b
}

fn signed(now: i64, before: i64) -> String {
    let d = now - before;
    if d > 0 {
        format!("+{d}")
    } else {
        d.to_string()
    }
}

/// "上次 12 个问题不合格 … 现在 …": the totals then and now, and what
/// became of the findings, in one sentence (`None` without `--previous`).
fn trend_line(a: &Audit, lang: Lang) -> Option<String> {
    let f = a.followup.as_ref()?;
    let (p, t): (&Totals, &Totals) = (&f.previous_totals, &a.totals);
    let c = f.totals();
    let failing = |t: &Totals| t.committees.saturating_sub(t.passing) as i64;
    let findings = |t: &Totals| {
        Severity::ALL
            .iter()
            .map(|s| t.summary.get(*s) as i64)
            .sum::<i64>()
    };
    Some(match lang {
        Lang::Zh => format!(
            "与上次检查 ({}) 相比: 已整改 {} 项, 仍存在 {} 项, 新发现 {} 项; 不合格居委会 {} → {} ({}); 重点改善 {} → {} ({}); 问题合计 {} → {} ({}); 新增居委会 {} 个, 不再出现 {} 个。",
            f.previous_root.display(),
            c.fixed,
            c.open,
            c.new,
            failing(p),
            failing(t),
            signed(failing(t), failing(p)),
            p.priority_upgrade,
            t.priority_upgrade,
            signed(t.priority_upgrade as i64, p.priority_upgrade as i64),
            findings(p),
            findings(t),
            signed(findings(t), findings(p)),
            f.added.len(),
            f.gone.len(),
        ),
        Lang::En => format!(
            "Since the previous audit ({}): {} findings fixed, {} still open, {} new; failing committees {} → {} ({}); priority upgrades {} → {} ({}); findings {} → {} ({}); {} committees added, {} gone.",
            f.previous_root.display(),
            c.fixed,
            c.open,
            c.new,
            failing(p),
            failing(t),
            signed(failing(t), failing(p)),
            p.priority_upgrade,
            t.priority_upgrade,
            signed(t.priority_upgrade as i64, p.priority_upgrade as i64),
            findings(p),
            findings(t),
            signed(findings(t), findings(p)),
            f.added.len(),
            f.gone.len(),
        ),
    })
}

/// The costs per street and for the whole folder, and the trend, for the
/// text audit (empty when the profile has no prices and there is no
/// `--previous`).
pub fn costs_trend_text(a: &Audit, lang: Lang) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    if let Some(p) = &a.prices {
        let _ = writeln!(out, "\n{}", l("整改费用", "Cost of closing the gaps"));
        let rows = streets(a, lang);
        let w = rows
            .iter()
            .map(|s| display_width(&s.name))
            .max()
            .unwrap_or(0);
        for s in &rows {
            let pad = w.saturating_sub(display_width(&s.name));
            let _ = writeln!(
                out,
                "  {}{}  {:>16}",
                s.name,
                " ".repeat(pad),
                yuan(s.cost_fen)
            );
        }
        let all = l("全部", "All");
        let pad = w.saturating_sub(display_width(all));
        let _ = writeln!(
            out,
            "  {all}{}  {:>16}  ({} {} · {} {})",
            " ".repeat(pad),
            yuan(a.totals.cost.total_fen()),
            l("设施", "equipment"),
            yuan(a.totals.cost.equipment_fen),
            l("面积", "area"),
            yuan(a.totals.cost.area_fen),
        );
        let _ = writeln!(out, "  {}", p.note(lang));
    }
    if let Some(line) = trend_line(a, lang) {
        let _ = writeln!(out, "\n{}", l("同比", "Trend"));
        let _ = writeln!(out, "  {line}");
        if let Some(f) = &a.followup {
            for (s, c) in f.by_street(a) {
                let _ = writeln!(
                    out,
                    "  {}: {} {} · {} {} · {} {}",
                    street_name(&s, lang),
                    l("已整改", "fixed"),
                    c.fixed,
                    l("仍存在", "still open"),
                    c.open,
                    l("新发现", "new"),
                    c.new
                );
            }
        }
    }
    out
}
