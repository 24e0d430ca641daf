//! `juwei labels REGISTER -o labels.svg [--date D] [--room R] [--asset ID]…
//! [--grid 3x8] [--no-outline]`
//!
//! One label per card in use (id, name, committee, custodian, room and a QR
//! code of the id) laid out on A4 label sheets. `-o x.svg` writes one SVG
//! when the labels fit one sheet, else `x-1.svg`, `x-2.svg`, …; `-o x.html`
//! writes every sheet into one HTML file to print from a browser.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;

use super::register::{load, names_for, today};
use super::{emit_bytes, Output, EXIT_INPUT, EXIT_OK};
use crate::model::Lang;
use crate::register::AssetState;
use crate::report::labels::{label_pages, labels_html, physical_labels, LabelLayout};

#[derive(Debug, Args)]
pub struct LabelsArgs {
    /// The fixed-asset register (register format 1, RON)
    pub register: PathBuf,
    /// Output file: .svg (one per A4 sheet) or .html (all sheets)
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// The assets in use on this day (YYYY-MM-DD); default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// Only the labels of this room (room id)
    #[arg(long)]
    pub room: Option<String>,
    /// Only the labels of these assets (repeatable)
    #[arg(long = "asset")]
    pub assets: Vec<String>,
    /// Label sheet: columns x rows on A4 (3x8: labels of 70 × 37 mm)
    #[arg(long, default_value = "3x8")]
    pub grid: String,
    /// No outlines around the labels (for pre-cut label sheets)
    #[arg(long)]
    pub no_outline: bool,
}

fn parse_grid(s: &str) -> Option<LabelLayout> {
    if s == "3x8" {
        return Some(LabelLayout::default());
    }
    let (c, r) = s.split_once(['x', 'X', '×'])?;
    LabelLayout::grid(c.trim().parse().ok()?, r.trim().parse().ok()?)
}

/// Files for `pages`: the path itself for one page, numbered ones for more.
fn page_paths(path: &Path, pages: usize) -> Vec<PathBuf> {
    if pages <= 1 {
        return vec![path.to_path_buf()];
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "labels".into());
    (1..=pages)
        .map(|i| path.with_file_name(format!("{stem}-{i}.svg")))
        .collect()
}

/// Remove the numbered sheets (`x-3.svg`…) a previous, longer run left
/// beyond the `pages` just written, so that printing `x-*.svg` prints this
/// run only. Only label sheets juwei wrote are removed.
fn remove_stale_sheets(path: &Path, pages: usize) {
    let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return;
    };
    let first = if pages <= 1 { 1 } else { pages + 1 };
    for i in first.. {
        let p = path.with_file_name(format!("{stem}-{i}.svg"));
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            break;
        };
        let ours = meta.is_file()
            && crate::io::read_utf8(&p)
                .is_ok_and(|t| t.starts_with("<svg") && t.contains("viewBox=\"0 0 210 297\""));
        if !ours || std::fs::remove_file(&p).is_err() {
            break;
        }
    }
}

pub fn run(args: LabelsArgs, out: &Output) -> i32 {
    let lang = out.lang;
    let Some(mut layout) = parse_grid(&args.grid) else {
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("--grid {}: 应写作 列x行,如 3x8", args.grid),
                &format!("--grid {}: write columns x rows, e.g. 3x8", args.grid)
            )
        );
        return EXIT_INPUT;
    };
    layout.outline = !args.no_outline;
    // SVG sheets or one printable HTML page: nothing else (no PDF writer)
    if let Err(code) = super::check_output_ext(&args.output, &["svg", "html", "htm"], lang) {
        return code;
    }
    let reg = match load(&args.register, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let date = args.date.unwrap_or_else(today);
    let state = reg.state_at(date);
    for id in &args.assets {
        if state.get(id).is_none_or(|a| !a.status.is_in_use()) {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("{}: {date} 时没有在用资产 \"{id}\"", reg.path.display()),
                    &format!("{}: no asset \"{id}\" in use on {date}", reg.path.display())
                )
            );
            return EXIT_INPUT;
        }
    }
    let cards: Vec<&AssetState> = state
        .in_use()
        .filter(|a| args.assets.is_empty() || args.assets.contains(&a.id))
        .filter(|a| {
            args.room
                .as_deref()
                .is_none_or(|r| a.location.as_deref() == Some(r))
        })
        .collect();
    let names = names_for(&reg);
    // one label per physical thing: a batch card of 12 chairs gives 12
    let things = physical_labels(&cards);
    let pages = label_pages(&things, &reg.committee, &names, &layout, lang);
    let html = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let written: Vec<PathBuf> = if html {
        let title = format!(
            "{} {}",
            names.committee(&reg.committee),
            lang.pick("资产标签", "asset labels")
        );
        if let Err(code) = emit_bytes(out, &args.output, labels_html(&pages, &title).as_bytes()) {
            return code;
        }
        vec![args.output.clone()]
    } else {
        let paths = page_paths(&args.output, pages.len());
        let files: Vec<(PathBuf, Vec<u8>)> = paths
            .iter()
            .cloned()
            .zip(pages.iter().map(|svg| svg.clone().into_bytes()))
            .collect();
        // all sheets or none (issue 15): a failure leaves the old set
        if let Err(e) = crate::io::output::write_output_set(
            &files,
            crate::io::output::Writes::Report,
            out.inputs,
        ) {
            crate::say_err!(
                "{}: {}: {}",
                args.output.display(),
                lang.pick("无法写入", "cannot write"),
                crate::io::io_error_text(&e, lang)
            );
            return EXIT_INPUT;
        }
        remove_stale_sheets(&args.output, pages.len());
        paths
    };
    let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    crate::say_err!("{}", summary(lang, things.len(), pages.len(), &list));
    EXIT_OK
}

fn summary(lang: Lang, labels: usize, pages: usize, files: &[String]) -> String {
    match lang {
        Lang::Zh => format!("已生成 {labels} 张标签,{pages} 页: {}", files.join(", ")),
        Lang::En => format!("{labels} labels on {pages} sheet(s): {}", files.join(", ")),
    }
}
