//! `juwei check PLAN [--register FILE] [--previous PLAN] [--format text|json|html] [-o FILE]`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{emit, load_profile, report_load_error, Output, EXIT_FINDINGS, EXIT_OK};
use crate::io::{load_plan, load_plan_source};
use crate::register::load_register;
use crate::report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The plan file (plan format 1, RON)
    pub plan: PathBuf,
    /// The previous revision of the plan: adds the rules that compare revisions (A2-1.4, A2-1.4a, A1-3.6.1, A1-3.6.2)
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// The fixed-asset register (register format 1): adds A2-6.4, the asset links of G03
    /// and the register rules (Annex 1, 3.6.3 and 3.4.4), as of --date
    #[arg(long)]
    pub register: Option<PathBuf>,
    /// Day of the check (YYYY-MM-DD): the register's state and finished years as of this day; default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<chrono::NaiveDate>,
    /// Rule profile (RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Output format (html: a printable, self-contained page)
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub fn run(args: CheckArgs, out: &Output) -> i32 {
    let lang = out.lang;
    for (path, what) in [
        (Some(&args.plan), "check"),
        (args.previous.as_ref(), "--previous"),
        (args.register.as_ref(), "--register"),
    ] {
        if let Some(p) = path {
            if let Err(code) = super::require(p, super::Expect::File, what, lang) {
                return code;
            }
        }
    }
    let profile = match load_profile(args.profile.as_deref(), lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let (plan, source) = match load_plan_source(&args.plan) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e, lang),
    };
    let previous = match args.previous.as_deref().map(load_plan).transpose() {
        Ok(p) => p,
        Err(e) => return report_load_error(&e, lang),
    };
    let register = match args.register.as_deref().map(load_register).transpose() {
        Ok(r) => r,
        Err(e) => return report_load_error(&e, lang),
    };
    if let Some(reg) = &register {
        if reg.committee != plan.committee.code {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!(
                        "{}: 台账属于居委会 {},平面图属于 {}",
                        reg.path.display(),
                        reg.committee,
                        plan.committee.code
                    ),
                    &format!(
                        "{}: the register is committee {}'s, the plan committee {}'s",
                        reg.path.display(),
                        reg.committee,
                        plan.committee.code
                    )
                )
            );
            return super::EXIT_INPUT;
        }
    }
    let today = args.date.unwrap_or_else(super::register::today);
    // the one entry point every view goes through (src/committee.rs)
    let mut result = crate::committee::check_committee(&crate::committee::CommitteeInput {
        plan: &plan,
        plan_text: Some(&source),
        previous: previous.as_ref(),
        register: register.as_ref(),
        today,
        profile: &profile,
    })
    .report;
    // the status file beside the plan (followup.md): a bad one is exit 2
    match crate::followup::load_status(&args.plan) {
        Ok(Some(status)) => {
            let (marked, extra) =
                crate::followup::apply_status(std::mem::take(&mut result.findings), &status, today);
            result.findings = marked;
            result.findings.extend(extra);
            crate::rules::sort_findings(&mut result.findings);
        }
        Ok(None) => {}
        Err(e) => return report_load_error(&e, lang),
    }
    let path = args.plan.display().to_string();
    let text = match args.format {
        CheckFormat::Json => report::json::check_text(&path, &plan, &result),
        CheckFormat::Text => report::text::check_text(&path, &plan, &result, lang),
        CheckFormat::Html => report::html::check_page(
            &path,
            &plan,
            &result,
            &profile,
            &report::html::HtmlOptions {
                lang,
                date: Some(chrono::Local::now().date_naive()),
            },
        ),
    };
    if let Err(code) = emit(out, args.output.as_deref(), &text) {
        return code;
    }
    if result.summary().fails() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
