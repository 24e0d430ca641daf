//! The register for people at a terminal: the card list on a date, one
//! card's history, a stocktake's outcome — aligned tables that count a
//! Chinese character as two columns.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use super::register_xlsx::Names;
use crate::model::Lang;
use crate::register::count_sheet::SheetNote;
use crate::register::stocktake::Reconciliation;
use crate::register::{yuan_grouped, AssetState, Event, Register, State};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

fn red() -> Style {
    Style::new().fg_color(Some(AnsiColor::Red.into())).bold()
}
fn green() -> Style {
    Style::new().fg_color(Some(AnsiColor::Green.into())).bold()
}

/// Columns a string takes on a terminal.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// An aligned table; `right` marks right-aligned (numeric) columns.
pub fn table(headers: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let n = headers.len();
    let mut w: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            w[i] = w[i].max(display_width(c));
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &[String], bold: bool| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(n) {
            let pad = " ".repeat(w[i] - display_width(c));
            if right.contains(&i) {
                s.push_str(&pad);
                s.push_str(c);
            } else {
                s.push_str(c);
                if i + 1 < n {
                    s.push_str(&pad);
                }
            }
            if i + 1 < n {
                s.push_str("  ");
            }
        }
        let s = s.trim_end();
        if bold {
            let _ = writeln!(out, "{BOLD}{s}{BOLD:#}");
        } else {
            let _ = writeln!(out, "{s}");
        }
    };
    let head: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    line(&mut out, &head, true);
    for r in rows {
        line(&mut out, r, false);
    }
    out
}

/// The card list on `state.date`.
pub fn state_text(
    reg: &Register,
    names: &Names,
    state: &State,
    cards: &[&AssetState],
    planned: usize,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{BOLD}{}{BOLD:#}  {DIM}{} · {}{DIM:#}",
        names.committee(&reg.committee),
        lang.pick("固定资产台账", "fixed-asset register"),
        if zh {
            format!("截至 {}", state.date)
        } else {
            format!("as of {}", state.date)
        }
    );
    let headers: Vec<&str> = if zh {
        vec![
            "编号",
            "名称",
            "数量",
            "单价(元)",
            "金额(元)",
            "保管人",
            "存放地点",
            "取得日期",
            "状态",
        ]
    } else {
        vec![
            "Id",
            "Name",
            "Count",
            "Unit (yuan)",
            "Value (yuan)",
            "Custodian",
            "Location",
            "Acquired",
            "Status",
        ]
    };
    let rows: Vec<Vec<String>> = cards
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                a.name.clone(),
                a.count.to_string(),
                yuan_grouped(a.unit_value_fen),
                yuan_grouped(a.value_fen()),
                a.custodian.clone().unwrap_or_else(|| "—".into()),
                a.location
                    .as_deref()
                    .map(|r| names.room(r))
                    .unwrap_or_else(|| "—".into()),
                a.acquired.to_string(),
                a.status.name(lang).to_string(),
            ]
        })
        .collect();
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick("(没有符合条件的资产)", "(no matching card)")
        );
    } else {
        out.push_str(&table(&headers, &rows, &[2, 3, 4]));
    }
    let items: u64 = cards.iter().map(|a| u64::from(a.count)).sum();
    let value = crate::register::replay::sum_fen(cards.iter().map(|a| a.value_fen()));
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!(
                "合计 {} 项 {items} 件,金额 {} 元",
                cards.len(),
                yuan_grouped(value)
            )
        } else {
            format!(
                "Total {} cards, {items} items, {} yuan",
                cards.len(),
                yuan_grouped(value)
            )
        }
    );
    if planned > 0 {
        let _ = writeln!(
            out,
            "{DIM}{}{DIM:#}",
            if zh {
                format!(
                    "另有 {planned} 条事件日期晚于 {}(计划中),未计入。",
                    state.date
                )
            } else {
                format!(
                    "{planned} event(s) dated after {} (planned) are not counted.",
                    state.date
                )
            }
        );
    }
    out
}

/// One card's history and where it stands on `state.date`.
pub fn history_text(
    reg: &Register,
    names: &Names,
    id: &str,
    events: &[&Event],
    state: &State,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let path = reg.path.display();
    if let Some(a) = state.get(id) {
        // the kind, unless the card's name already says it (电风扇 · 电风扇)
        let kind = a
            .kind
            .filter(|k| k.name(lang) != a.name)
            .map(|k| format!(" · {}", k.name(lang)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{BOLD}{} {}{BOLD:#}{kind} · {}",
            a.id,
            a.name,
            names.committee(&reg.committee)
        );
    } else {
        let _ = writeln!(
            out,
            "{BOLD}{id}{BOLD:#} · {}",
            names.committee(&reg.committee)
        );
    }
    for e in events {
        let planned = if e.date > state.date {
            format!(" {DIM}({}){DIM:#}", lang.pick("计划", "planned"))
        } else {
            String::new()
        };
        let kind = lang.pick(e.kind.name_zh(), e.kind.name_en());
        let kind = format!(
            "{kind}{}",
            " ".repeat(14usize.saturating_sub(display_width(kind)))
        );
        let _ = writeln!(
            out,
            "  {}  {kind}{}{planned}  {DIM}{path}:{}{DIM:#}",
            e.date,
            e.describe(lang),
            e.line
        );
    }
    match state.get(id) {
        Some(a) => {
            let _ = writeln!(
                out,
                "{}",
                if lang == Lang::Zh {
                    format!(
                        "{} 时: {},数量 {},保管人 {},存放于 {},金额 {} 元",
                        state.date,
                        a.status.name(lang),
                        a.count,
                        a.custodian.as_deref().unwrap_or("—"),
                        names.opt_room(a.location.as_deref()),
                        yuan_grouped(a.value_fen())
                    )
                } else {
                    format!(
                        "On {}: {}, count {}, custodian {}, in {}, worth {} yuan",
                        state.date,
                        a.status.name(lang),
                        a.count,
                        a.custodian.as_deref().unwrap_or("—"),
                        names.opt_room(a.location.as_deref()),
                        yuan_grouped(a.value_fen())
                    )
                }
            );
        }
        None => {
            let _ = writeln!(
                out,
                "{}",
                lang.pick(
                    &format!("{} 时尚未入账。", state.date),
                    &format!("Not yet on the books on {}.", state.date)
                )
            );
        }
    }
    out
}

/// A stocktake's outcome.
pub fn stocktake_text(
    reg: &Register,
    names: &Names,
    state: &State,
    rec: &Reconciliation,
    sheet: &str,
    notes: &[SheetNote],
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{BOLD}{}{BOLD:#}  {DIM}{} · {} · {sheet}{DIM:#}",
        names.committee(&reg.committee),
        lang.pick("固定资产盘点", "stocktake"),
        rec.date
    );
    let name_of = |id: &str| state.get(id).map(|a| a.name.clone()).unwrap_or_default();
    // one red heading and one table per kind of difference, when there is any
    let mut section =
        |title: (&str, &str), h: (&[&str], &[&str]), rows: Vec<Vec<String>>, right: &[usize]| {
            if rows.is_empty() {
                return;
            }
            let _ = writeln!(
                out,
                "\n{}{} ({}){:#}",
                red(),
                lang.pick(title.0, title.1),
                rows.len(),
                red()
            );
            out.push_str(&table(if zh { h.0 } else { h.1 }, &rows, right));
        };
    section(
        ("盘亏", "Shortage"),
        (
            &["编号", "名称", "账面", "实盘", "盘亏金额(元)", "账面地点"],
            &[
                "Id",
                "Name",
                "Books",
                "Counted",
                "Value (yuan)",
                "Books' room",
            ],
        ),
        rec.shortage
            .iter()
            .filter(|s| rec.paired_shortage(&s.asset).is_none())
            .map(|s| {
                vec![
                    s.asset.clone(),
                    s.name.clone(),
                    s.books.to_string(),
                    s.counted.to_string(),
                    yuan_grouped(s.value_fen),
                    names.opt_room(s.location.as_deref()),
                ]
            })
            .collect(),
        &[2, 3, 4],
    );
    section(
        ("盘盈", "Surplus"),
        (
            &[
                "编号",
                "名称",
                "多出",
                "盘盈金额(元)",
                "实盘地点",
                "原因",
                "行",
            ],
            &[
                "Id",
                "Name",
                "Extra",
                "Value (yuan)",
                "Found in",
                "Why",
                "Line",
            ],
        ),
        rec.surplus
            .iter()
            .filter(|s| rec.paired_surplus(s.line).is_none())
            .map(|s| {
                vec![
                    s.asset.clone().unwrap_or_else(|| "—".into()),
                    s.name.clone().unwrap_or_default(),
                    s.counted.to_string(),
                    s.value_fen
                        .map_or_else(|| lang.pick("未知", "unknown").to_string(), yuan_grouped),
                    names.opt_room(s.location.as_deref()),
                    lang.pick(s.reason.name_zh(), s.reason.name_en())
                        .to_string(),
                    s.line.to_string(),
                ]
            })
            .collect(),
        &[2, 3, 6],
    );
    section(
        ("位置不符", "Moved"),
        (
            &["编号", "名称", "账面地点", "实盘地点", "数量", "行"],
            &["Id", "Name", "Books' room", "Found in", "Count", "Line"],
        ),
        rec.moved
            .iter()
            .map(|m| {
                vec![
                    m.asset.clone(),
                    m.name.clone(),
                    names.opt_room(m.books.as_deref()),
                    names.room(&m.found),
                    m.counted.to_string(),
                    m.line.to_string(),
                ]
            })
            .collect(),
        &[4, 5],
    );
    section(
        (
            "疑似同一物品 (请核对盘点表)",
            "Probably the same thing (check the sheet)",
        ),
        (
            &["账面编号", "名称", "盘点表", "行", "问"],
            &["Books' id", "Name", "Sheet", "Line", "Question"],
        ),
        rec.pairs
            .iter()
            .map(|p| {
                vec![
                    p.shortage.clone(),
                    name_of(&p.shortage),
                    format!(
                        "{} {}",
                        p.surplus.asset.as_deref().unwrap_or("—"),
                        p.surplus.name.as_deref().unwrap_or("")
                    )
                    .trim()
                    .to_string(),
                    p.surplus.line.to_string(),
                    if zh {
                        format!("是否为 {}?", p.shortage)
                    } else {
                        format!("is it {}?", p.shortage)
                    },
                ]
            })
            .collect(),
        &[3],
    );
    section(
        ("未盘点 (实盘数量空白)", "Not counted (count left blank)"),
        (
            &["编号", "名称", "地点", "单元格"],
            &["Id", "Name", "Room", "Cell"],
        ),
        rec.not_counted
            .iter()
            .map(|n| {
                vec![
                    n.asset.clone().unwrap_or_else(|| "—".into()),
                    n.name.clone().unwrap_or_default(),
                    names.opt_room(n.location.as_deref()),
                    n.cell.clone(),
                ]
            })
            .collect(),
        &[],
    );
    section(
        ("重复列出", "Listed more than once"),
        (
            &["编号", "名称", "合计", "行"],
            &["Id", "Name", "Total", "Lines"],
        ),
        rec.duplicates
            .iter()
            .map(|d| {
                let lines: Vec<String> = d.lines.iter().map(|l| l.to_string()).collect();
                vec![
                    d.asset.clone(),
                    name_of(&d.asset),
                    d.counted.to_string(),
                    lines.join(", "),
                ]
            })
            .collect(),
        &[2],
    );
    let _ = writeln!(
        out,
        "\n{}",
        if zh {
            format!(
                "相符 {} · 盘亏 {} · 盘盈 {} · 位置不符 {} · 未盘点 {} · 疑似同一 {} · 重复 {}\n盘亏金额 {} 元 · 盘盈金额 {} 元{}",
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.not_counted.len(),
                rec.pairs.len(),
                rec.duplicates.len(),
                yuan_grouped(rec.shortage_value_fen()),
                yuan_grouped(rec.surplus_value_fen()),
                if rec.surplus.iter().any(|s| s.value_fen.is_none()) {
                    " (账外物品未计价)"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "match {} · shortage {} · surplus {} · moved {} · not counted {} · probably the same {} · listed twice {}\nshortage value {} yuan · surplus value {} yuan{}",
                rec.matched.len(),
                rec.shortage.len(),
                rec.surplus.len(),
                rec.moved.len(),
                rec.not_counted.len(),
                rec.pairs.len(),
                rec.duplicates.len(),
                yuan_grouped(rec.shortage_value_fen()),
                yuan_grouped(rec.surplus_value_fen()),
                if rec.surplus.iter().any(|s| s.value_fen.is_none()) {
                    " (things not on the books have no value yet)"
                } else {
                    ""
                }
            )
        }
    );
    if !notes.is_empty() || !rec.read_as.is_empty() {
        let _ = writeln!(
            out,
            "\n{DIM}{}{DIM:#}",
            lang.pick("盘点表读取说明:", "How the sheet was read:")
        );
        for n in notes {
            let _ = writeln!(out, "{DIM}  · {}{DIM:#}", n.text(lang));
        }
        if !rec.read_as.is_empty() {
            let shown: Vec<String> = rec
                .read_as
                .iter()
                .take(8)
                .map(|r| format!("{}→{} ({})", r.written, r.asset, r.line))
                .collect();
            let more = if rec.read_as.len() > 8 { " …" } else { "" };
            let _ = writeln!(
                out,
                "{DIM}  · {}{}{more}{DIM:#}",
                lang.pick(
                    "资产编号按台账读取 (大小写、全角、横线、空格不计): ",
                    "ids read as the books write them (case, width, dashes, spaces ignored): "
                ),
                shown.join(lang.pick("、", ", "))
            );
        }
    }
    if rec.books_match() {
        let _ = writeln!(
            out,
            "{}✓ {}{:#}",
            green(),
            lang.pick("账物相符", "The books match the count"),
            green()
        );
    } else {
        let _ = writeln!(
            out,
            "{}✗ {}{:#}",
            red(),
            lang.pick("账物不符", "The books do not match the count"),
            red()
        );
    }
    out
}

/// One seal's record: its keepers and custody over time, how it was made
/// and changed, and its use log (`juwei register REG --seal S1`).
pub fn seal_text(
    reg: &Register,
    names: &Names,
    log: &crate::register::seal::SealLog,
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    let path = reg.path.display();
    let s = &log.state;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{BOLD}{}「{}」{BOLD:#}  {DIM}{} · {} · {}{DIM:#}",
        s.id,
        s.name,
        names.committee(&reg.committee),
        lang.pick("印章", "seal"),
        if zh {
            format!("截至 {}", log.date)
        } else {
            format!("as of {}", log.date)
        }
    );
    let now = match s.destroyed {
        Some((d, l)) => {
            if zh {
                format!("{}已于 {d} 销毁(第 {l} 行){:#}", red(), red())
            } else {
                format!("{}destroyed on {d} (line {l}){:#}", red(), red())
            }
        }
        None => {
            let keeper = match (&s.keeper, s.custody) {
                (Some(k), _) => k.clone(),
                (None, crate::register::Custody::Street) => "—".into(),
                (None, _) => format!(
                    "{}{}{:#}",
                    red(),
                    lang.pick("未指定", "none designated"),
                    red()
                ),
            };
            if zh {
                format!("{},保管人 {keeper}", s.custody.name(lang))
            } else {
                format!("{}, keeper {keeper}", s.custody.name(lang))
            }
        }
    };
    let _ = writeln!(
        out,
        "{}",
        if zh {
            format!("{now};{} 刻制,用印 {} 次", s.made, log.uses.len())
        } else {
            format!("{now}; made {}, uses logged: {}", s.made, log.uses.len())
        }
    );

    let since = |d: chrono::NaiveDate| {
        if zh {
            format!("{d} 起")
        } else {
            format!("since {d}")
        }
    };
    let _ = writeln!(out, "\n{BOLD}{}{BOLD:#}", lang.pick("保管人", "Keepers"));
    for k in &log.keepers {
        let who = match &k.keeper {
            Some(w) => w.clone(),
            None => lang.pick("—(无)", "— (none)").to_string(),
        };
        let _ = writeln!(
            out,
            "  {}  {who}  {DIM}{path}:{}{DIM:#}",
            since(k.from),
            k.line
        );
    }
    let _ = writeln!(out, "\n{BOLD}{}{BOLD:#}", lang.pick("保管情况", "Custody"));
    for c in &log.custody {
        let _ = writeln!(
            out,
            "  {}  {}  {DIM}{path}:{}{DIM:#}",
            since(c.from),
            c.custody.name(lang),
            c.line
        );
    }
    let _ = writeln!(
        out,
        "\n{BOLD}{}{BOLD:#}",
        lang.pick("刻制、变更与移交", "Made, changed, handed over")
    );
    for c in &log.changes {
        let _ = writeln!(
            out,
            "  {}  {}  {DIM}{path}:{}{DIM:#}",
            c.date,
            if zh {
                &c.description
            } else {
                &c.description_en
            },
            c.line
        );
    }
    let _ = writeln!(
        out,
        "\n{BOLD}{}{BOLD:#}",
        if zh {
            format!("用印登记({} 次)", log.uses.len())
        } else {
            format!("Use log ({})", log.uses.len())
        }
    );
    if log.uses.is_empty() {
        let _ = writeln!(out, "{}", lang.pick("(没有用印记录)", "(no use recorded)"));
        return out;
    }
    let headers: Vec<&str> = if zh {
        vec!["日期", "事项", "事项名称(附件5)", "用途", "审批人", "行"]
    } else {
        vec![
            "Date",
            "Matter",
            "Matter (附件5)",
            "Purpose",
            "Approved by",
            "Line",
        ]
    };
    let rows: Vec<Vec<String>> = log
        .uses
        .iter()
        .map(|u| {
            vec![
                u.date.to_string(),
                u.matter
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "—".into()),
                match (&u.matter_name, u.matter) {
                    (Some(n), _) => n.clone(),
                    (None, Some(_)) => lang.pick("(不在清单中)", "(not in the list)").into(),
                    (None, None) => "—".into(),
                },
                u.purpose.clone().unwrap_or_else(|| "—".into()),
                u.approved_by
                    .clone()
                    .filter(|a| !a.trim().is_empty())
                    .unwrap_or_else(|| "—".into()),
                u.line.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(&headers, &rows, &[1, 5]));
    out
}

/// The names of a statement line: `会议椅、办公椅 等 4 种`.
pub fn line_names(names: &[String], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let mut s = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    if names.len() > SHOWN {
        let _ = match lang {
            Lang::Zh => write!(s, " 等 {} 种", names.len()),
            Lang::En => write!(s, " and {} more", names.len() - SHOWN),
        };
    }
    s
}

/// What a change's note says: a partial write-off's share of the batch,
/// the reason or destination, the approval.
pub fn change_note(c: &crate::register::changes::Change, lang: Lang) -> String {
    use crate::register::changes::ChangeKind;
    let mut parts: Vec<String> = Vec::new();
    if c.is_partial() {
        parts.push(match lang {
            Lang::Zh => format!(
                "部分{}: {} 件中 {} 件,余 {} 件",
                c.kind.name_zh(),
                c.before,
                c.count,
                c.left
            ),
            Lang::En => format!(
                "part of a batch: {} of {}, {} left",
                c.count, c.before, c.left
            ),
        });
    }
    if let Some(d) = &c.detail {
        parts.push(match (c.kind, lang) {
            (ChangeKind::TransferOut, Lang::Zh) => format!("调至 {d}"),
            (ChangeKind::TransferOut, Lang::En) => format!("to {d}"),
            _ => d.clone(),
        });
    }
    if let Some(a) = c.approval.as_deref().filter(|a| !a.trim().is_empty()) {
        parts.push(match lang {
            Lang::Zh => format!("批准文号 {a}"),
            Lang::En => format!("approval {a}"),
        });
    }
    parts.join(lang.pick(";", "; "))
}

/// The category of a statement line: its code, or that the cards have none.
pub fn line_category(cat: Option<&str>, lang: Lang) -> String {
    cat.map_or_else(
        || lang.pick("(未填分类代码)", "(no code)").to_string(),
        str::to_string,
    )
}

/// The year's changes statement (固定资产增减变动表).
pub fn changes_text(
    reg: &Register,
    names: &Names,
    st: &crate::register::changes::Statement,
    lang: Lang,
) -> String {
    use crate::register::changes::{Amount, ChangeKind, Line};
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{BOLD}{}{BOLD:#}  {DIM}{} · {} · {} {} {}{}{DIM:#}",
        names.committee(&reg.committee),
        lang.pick("固定资产增减变动表", "fixed-asset changes statement"),
        if zh {
            format!("{}年度", st.year)
        } else {
            format!("year {}", st.year)
        },
        st.from,
        lang.pick("至", "to"),
        st.to,
        if st.complete {
            ""
        } else {
            lang.pick(" (年度未结束)", " (year not over)")
        }
    );
    if st.lines.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick(
                "(本年度台账上没有资产,也没有增减变动)",
                "(no card on the books in the year, and no change)"
            )
        );
        return out;
    }
    let ok = |l: &Line| if l.balanced() { "✓" } else { "✗" };
    let row = |l: &Line, first: String, second: String| {
        vec![
            first,
            second,
            l.opening.count.to_string(),
            yuan_grouped(l.opening.value_fen),
            l.additions.total.count.to_string(),
            yuan_grouped(l.additions.total.value_fen),
            l.reductions.total.count.to_string(),
            yuan_grouped(l.reductions.total.value_fen),
            l.closing.count.to_string(),
            yuan_grouped(l.closing.value_fen),
            ok(l).to_string(),
        ]
    };
    let mut rows: Vec<Vec<String>> = st
        .lines
        .iter()
        .map(|l| {
            row(
                l,
                line_category(l.category.as_deref(), lang),
                line_names(&l.names, lang),
            )
        })
        .collect();
    rows.push(row(
        &st.total,
        lang.pick("合计", "Total").to_string(),
        String::new(),
    ));
    let headers: &[&str] = if zh {
        &[
            "分类代码",
            "资产",
            "期初数量",
            "期初金额(元)",
            "增加数量",
            "增加金额(元)",
            "减少数量",
            "减少金额(元)",
            "期末数量",
            "期末金额(元)",
            "核对",
        ]
    } else {
        &[
            "Category",
            "Cards",
            "Opening",
            "Opening (yuan)",
            "Added",
            "Added (yuan)",
            "Removed",
            "Removed (yuan)",
            "Closing",
            "Closing (yuan)",
            "Check",
        ]
    };
    out.push('\n');
    out.push_str(&table(headers, &rows, &[2, 3, 4, 5, 6, 7, 8, 9]));

    // the additions and reductions by kind
    let by_kind = |kinds: &[ChangeKind], get: &dyn Fn(ChangeKind) -> Amount, total: Amount| {
        let mut rows: Vec<Vec<String>> = kinds
            .iter()
            .map(|&k| {
                let a = get(k);
                vec![
                    k.name(lang).to_string(),
                    a.count.to_string(),
                    yuan_grouped(a.value_fen),
                ]
            })
            .collect();
        rows.push(vec![
            lang.pick("合计", "Total").to_string(),
            total.count.to_string(),
            yuan_grouped(total.value_fen),
        ]);
        table(
            if zh {
                &["方式", "数量", "金额(元)"]
            } else {
                &["How", "Items", "Value (yuan)"]
            },
            &rows,
            &[1, 2],
        )
    };
    let _ = writeln!(
        out,
        "\n{BOLD}{}{BOLD:#}",
        lang.pick("本年增加", "Added in the year")
    );
    out.push_str(&by_kind(
        &ChangeKind::ADDITIONS,
        &|k| st.total.additions.get(k),
        st.total.additions.total,
    ));
    let _ = writeln!(
        out,
        "\n{BOLD}{}{BOLD:#}",
        lang.pick("本年减少", "Removed in the year")
    );
    out.push_str(&by_kind(
        &ChangeKind::REDUCTIONS,
        &|k| st.total.reductions.get(k),
        st.total.reductions.total,
    ));

    let _ = writeln!(
        out,
        "\n{BOLD}{}{BOLD:#}",
        if zh {
            format!("变动明细 ({} 笔)", st.changes.len())
        } else {
            format!("The changes ({})", st.changes.len())
        }
    );
    if st.changes.is_empty() {
        let _ = writeln!(out, "{}", lang.pick("(本年度没有增减)", "(none)"));
    } else {
        let rows: Vec<Vec<String>> = st
            .changes
            .iter()
            .map(|c| {
                vec![
                    c.date.to_string(),
                    c.asset.clone(),
                    c.name.clone(),
                    c.kind.name(lang).to_string(),
                    if c.kind.is_addition() {
                        format!("+{}", c.count)
                    } else {
                        format!("−{}", c.count)
                    },
                    yuan_grouped(c.unit_value_fen),
                    yuan_grouped(c.value_fen),
                    change_note(c, lang),
                    c.line.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(
            if zh {
                &[
                    "日期",
                    "编号",
                    "名称",
                    "变动",
                    "数量",
                    "单价(元)",
                    "金额(元)",
                    "说明",
                    "行",
                ]
            } else {
                &[
                    "Date",
                    "Id",
                    "Name",
                    "Change",
                    "Items",
                    "Unit (yuan)",
                    "Value (yuan)",
                    "Note",
                    "Line",
                ]
            },
            &rows,
            &[4, 5, 6, 8],
        ));
    }

    let t = &st.total;
    let (count, fen) = t.expected_closing();
    let sum = match lang {
        Lang::Zh => format!(
            "期初 {} + 增加 {} − 减少 {} = {} 元 (件数 {} + {} − {} = {})",
            yuan_grouped(t.opening.value_fen),
            yuan_grouped(t.additions.total.value_fen),
            yuan_grouped(t.reductions.total.value_fen),
            yuan_grouped(i64::try_from(fen).unwrap_or(i64::MAX)),
            t.opening.count,
            t.additions.total.count,
            t.reductions.total.count,
            count
        ),
        Lang::En => format!(
            "opening {} + added {} − removed {} = {} yuan (items {} + {} − {} = {})",
            yuan_grouped(t.opening.value_fen),
            yuan_grouped(t.additions.total.value_fen),
            yuan_grouped(t.reductions.total.value_fen),
            yuan_grouped(i64::try_from(fen).unwrap_or(i64::MAX)),
            t.opening.count,
            t.additions.total.count,
            t.reductions.total.count,
            count
        ),
    };
    let _ = writeln!(out, "\n{}", lang.pick("核对:", "Check:"));
    let _ = writeln!(out, "  {sum}");
    if st.balanced() {
        let _ = writeln!(
            out,
            "{}✓ {}{:#}",
            green(),
            match lang {
                Lang::Zh => format!(
                    "与期末 {} 元、{} 件相符",
                    yuan_grouped(t.closing.value_fen),
                    t.closing.count
                ),
                Lang::En => format!(
                    "equals the closing {} yuan, {} items",
                    yuan_grouped(t.closing.value_fen),
                    t.closing.count
                ),
            },
            green()
        );
    } else {
        let bad: Vec<String> = st
            .lines
            .iter()
            .filter(|l| !l.balanced())
            .map(|l| line_category(l.category.as_deref(), lang))
            .collect();
        let _ = writeln!(
            out,
            "{}✗ {}{:#}",
            red(),
            match lang {
                Lang::Zh => format!(
                    "与期末 {} 元、{} 件不符 (不平的分类: {});请报告此问题",
                    yuan_grouped(t.closing.value_fen),
                    t.closing.count,
                    bad.join("、")
                ),
                Lang::En => format!(
                    "does not equal the closing {} yuan, {} items (lines off: {}); please report this",
                    yuan_grouped(t.closing.value_fen),
                    t.closing.count,
                    bad.join(", ")
                ),
            },
            red()
        );
    }
    if st.planned > 0 {
        let _ = writeln!(
            out,
            "{DIM}{}{DIM:#}",
            match lang {
                Lang::Zh => format!(
                    "另有 {} 条本年度事件日期晚于 {}(计划中),未计入。",
                    st.planned, st.to
                ),
                Lang::En => format!(
                    "{} event(s) of the year dated after {} (planned) are not counted.",
                    st.planned, st.to
                ),
            }
        );
    }
    out
}
