//! `juwei diff OLD NEW [--format text|json|html] [-o FILE]`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{emit, load_profile, report_load_error, Output, EXIT_FINDINGS, EXIT_OK};
use crate::diff;
use crate::io::load_plan;
use crate::report::{html, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The current plan (the previous revision)
    pub old: PathBuf,
    /// The new plan (the refit, the new revision)
    pub new: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Rule profile (RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
}

/// Exit status: 0 when the new revision introduces no violation or error,
/// 1 when it does, 2 when a plan cannot be read.
pub fn run(args: DiffArgs, out: &Output) -> i32 {
    let lang = out.lang;
    for p in [&args.old, &args.new] {
        if let Err(code) = super::require(p, super::Expect::File, "diff", lang) {
            return code;
        }
    }
    let profile = match load_profile(args.profile.as_deref(), lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let old = match load_plan(&args.old) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e, lang),
    };
    let new = match load_plan(&args.new) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e, lang),
    };
    let d = diff::diff_plans(&old, &new, &profile);
    let (op, np) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let text = match args.format {
        DiffFormat::Text => crate::report::diff_text::to_text(
            &d,
            &old,
            &new,
            &op,
            &np,
            lang,
            profile.prices.as_ref(),
        ),
        DiffFormat::Json => json::to_string(&json::diff::DiffJson::new(
            &d,
            &old,
            &new,
            &op,
            &np,
            profile.prices.as_ref(),
        )),
        DiffFormat::Html => html::diff_page(
            &d,
            &old,
            &new,
            &op,
            &np,
            &profile,
            &html::HtmlOptions {
                lang,
                date: Some(chrono::Local::now().date_naive()),
            },
        ),
    };
    if let Err(code) = emit(out, args.output.as_deref(), &text) {
        return code;
    }
    if d.introduces_failures() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
