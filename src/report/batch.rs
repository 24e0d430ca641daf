//! `juwei report DIR -o OUTDIR` (`followup.md`): one self-contained HTML
//! report per readable committee under DIR — the page of `check --format
//! html`, with the register, previous revision and status file beside the
//! plan — and an `index.html` listing them by street with their verdicts.
//! Broken files are listed in the index with their error.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::html::{check_page, chips, footer, page, stamp, HtmlOptions};
use super::svg::esc;
use super::table::{Cell, Column, Media, RowKind, Table, Title};
use crate::audit::{street_name, Audit, Outcome};
use crate::rules::Profile;

/// The pages to write: file name (inside OUTDIR) and contents; the index
/// last.
pub fn pages(a: &Audit, profile: &Profile, opts: &HtmlOptions) -> Vec<(String, String)> {
    // a file name per committee: its code, made safe and unique
    let mut used: HashSet<String> = HashSet::new();
    used.insert("index".into());
    let names: Vec<Option<String>> = a
        .rows
        .iter()
        .map(|r| {
            let c = r.checked()?;
            let base: String = c
                .committee()
                .code
                .chars()
                .map(|ch| {
                    if ch.is_alphanumeric() || ch == '-' || ch == '_' {
                        ch
                    } else {
                        '_'
                    }
                })
                .collect();
            let base = if base.is_empty() {
                "committee".to_string()
            } else {
                base
            };
            let mut name = base.clone();
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            Some(format!("{name}.html"))
        })
        .collect();
    let rendered: Vec<Option<(String, String)>> = a
        .rows
        .par_iter()
        .zip(&names)
        .map(|(r, name)| {
            let name = name.as_ref()?;
            let c = r.checked()?;
            // the drawing needs the rooms and items the audit row dropped
            let plan = crate::io::load_plan(&a.root.join(&r.path)).ok()?;
            let path = r.path.to_string_lossy().replace('\\', "/");
            Some((
                name.clone(),
                check_page(&path, &plan, &c.report, profile, opts),
            ))
        })
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut written: Vec<Option<String>> = Vec::new();
    for (page, name) in rendered.into_iter().zip(names) {
        match page {
            Some(p) => {
                out.push(p);
                written.push(name);
            }
            None => written.push(None),
        }
    }
    out.push(("index.html".into(), index(a, &written, profile, opts)));
    out
}

fn index(a: &Audit, files: &[Option<String>], profile: &Profile, opts: &HtmlOptions) -> String {
    let lang = opts.lang;
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>{}</h1>\n<p class=\"sub\">{} · {} {}{}</p>",
        l("居委会检查报告", "Committee reports"),
        esc(&a.root.to_string_lossy()),
        a.totals.committees,
        l("个平面图", "plan files"),
        opts.date.map_or(String::new(), |d| format!(" · {d}")),
    );
    let _ = writeln!(
        b,
        "<p>{} {} · {} {} · {} {}</p>",
        l("合格", "passing"),
        a.totals.passing,
        l("不合格", "failing"),
        a.totals.committees - a.totals.passing - a.totals.broken,
        l("无法读取", "unreadable"),
        a.totals.broken
    );
    let priced = a.prices.is_some();
    let table = index_table(priced);
    let mut street: Option<&Option<String>> = None;
    let mut open = false;
    for (r, file) in a.rows.iter().zip(files) {
        if street != Some(&r.street) {
            if open {
                table.html_close(&mut b, None);
                b.push('\n');
            }
            street = Some(&r.street);
            let _ = writeln!(b, "<h2>{}</h2>", esc(&street_name(&r.street, lang)));
            table.html_open(&mut b, lang);
            open = true;
        }
        match &r.outcome {
            Outcome::Checked(c) => {
                let name = Cell::text(c.committee().name.as_str());
                let mut cells = vec![
                    Cell::text(c.committee().code.as_str()),
                    match file {
                        Some(f) => name.link(f.as_str()),
                        None => name,
                    },
                    Cell::Html(stamp(r.fails(), lang).into()),
                    Cell::Html(chips(&r.summary(), lang).into()),
                ];
                if priced {
                    cells.push(Cell::Fen(c.cost.total_fen()));
                }
                table.html_row(&mut b, &cells, RowKind::Body);
            }
            Outcome::Broken(e) => {
                let cells = [
                    Cell::text(r.path.to_string_lossy()).span(2),
                    Cell::Html(stamp(true, lang).into()),
                    Cell::text(e.display(lang)).span(table.html_len() - 3),
                ];
                table.html_row(&mut b, &cells, RowKind::Class("broken"));
            }
        }
        for w in &r.warnings {
            table.html_spanning_row(
                &mut b,
                Cell::Empty,
                Cell::Html(format!("⚠ {}", esc(&w.display(lang))).into()),
                RowKind::Class("warning"),
            );
        }
    }
    if open {
        table.html_close(&mut b, None);
        b.push('\n');
    }
    if let Some(p) = &a.prices {
        let _ = writeln!(
            b,
            "<p><b>{}</b> {} <span class=\"estimate\">{}</span></p>",
            l("合计整改费用:", "Total cost of closing the gaps:"),
            crate::followup::cost::yuan(a.totals.cost.total_fen()),
            esc(p.note(lang))
        );
    }
    b.push_str(&footer(lang, profile));
    page(l("居委会检查报告", "Committee reports"), lang, false, &b)
}

/// The index's table of a street: code, committee (linking to its page),
/// verdict, findings and, when the profile has prices, the cost.
fn index_table(priced: bool) -> Table {
    let mut columns = vec![
        Column::new(Title::new("编号", "Code"), 13.0),
        Column::new(Title::new("居委会", "Committee"), 18.0),
        Column::new(Title::new("结论", "Verdict"), 8.0),
        Column::new(Title::new("问题", "Findings"), 30.0),
    ];
    if priced {
        columns.push(Column::new(Title::new("整改费用", "Cost"), 14.0).right());
    }
    Table::new(columns).only(Media::HTML)
}

/// Where the reports go: `OUTDIR/NAME`.
pub fn targets(outdir: &Path, pages: &[(String, String)]) -> Vec<(PathBuf, Vec<u8>)> {
    pages
        .iter()
        .map(|(n, t)| (outdir.join(n), t.clone().into_bytes()))
        .collect()
}
