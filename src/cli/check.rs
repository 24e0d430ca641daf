//! `juwei check PLAN [--register FILE] [--previous PLAN] [--format text|json] [-o FILE]`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{emit, load_profile, report_load_error, Output, EXIT_FINDINGS, EXIT_OK};
use crate::io::{annotate_lines, load_plan, load_plan_source};
use crate::report;
use crate::rules::{check_plan, CheckOptions};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 平面图文件 (plan format 1, RON)
    pub plan: PathBuf,
    /// 上一修订版平面图: adds the rules that compare revisions (A2-1.4, A1-3.6.1)
    #[arg(long)]
    pub previous: Option<PathBuf>,
    /// 规则配置 (rule profile, RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// 写入文件 (written atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub fn run(args: CheckArgs, out: &Output) -> i32 {
    let lang = out.lang;
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
    let opts = CheckOptions {
        previous: previous.as_ref(),
        assets: None,
    };
    let mut result = check_plan(&plan, &profile, &opts);
    annotate_lines(&mut result.findings, &source);
    let path = args.plan.display().to_string();
    let text = match args.format {
        CheckFormat::Json => {
            report::json::to_string(&report::json::check_object(&path, &plan, &result, true))
        }
        CheckFormat::Text => report::text::check_text(&path, &plan, &result, lang),
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
