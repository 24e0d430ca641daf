//! `juwei report DIR -o OUTDIR`: every committee's report at once, and an
//! `index.html` by street (`followup.md`).

use std::path::PathBuf;

use clap::Args;

use super::{load_profile, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::audit::{self, AuditOptions};
use crate::report::{batch, html};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A street's or a district's folder of plans (sub-folders included)
    pub dir: PathBuf,
    /// Output folder (created when missing): one HTML page per committee and index.html
    #[arg(short = 'o', long = "output", value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Rule profile (RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Day of the check (YYYY-MM-DD) for the registers and status files; default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<chrono::NaiveDate>,
}

pub fn run(args: ReportArgs, out: &Output) -> i32 {
    let lang = out.lang;
    if let Err(code) = super::require(&args.dir, super::Expect::Folder, "report", lang) {
        return code;
    }
    if args.output.exists() && !args.output.is_dir() {
        crate::say_err!(
            "{}: {}",
            args.output.display(),
            lang.pick(
                "这是一个文件,不是文件夹。report 的 -o 需要一个输出文件夹 (不存在时会新建)",
                "this is a file, not a folder. report -o needs an output folder (created when missing)"
            )
        );
        return EXIT_INPUT;
    }
    let profile = match load_profile(args.profile.as_deref(), lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let opts = AuditOptions {
        progress: true,
        today: args.date,
    };
    let a = match audit::run(&args.dir, &profile, opts) {
        Ok(a) => a,
        Err(e) => {
            crate::say_err!("{}", e.display(lang));
            return EXIT_INPUT;
        }
    };
    let hopts = html::HtmlOptions {
        lang,
        date: Some(
            args.date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        ),
    };
    let pages = batch::pages(&a, &profile, &hopts);
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        crate::say_err!(
            "{}: {}: {}",
            args.output.display(),
            lang.pick("无法创建文件夹", "cannot create the folder"),
            crate::io::io_error_text(&e, lang)
        );
        return EXIT_INPUT;
    }
    let files = batch::targets(&args.output, &pages);
    if let Err(e) =
        crate::io::output::write_output_set(&files, crate::io::output::Writes::Report, out.inputs)
    {
        crate::say_err!(
            "{}: {}: {}",
            args.output.display(),
            lang.pick("无法写入", "cannot write"),
            crate::io::io_error_text(&e, lang)
        );
        return EXIT_INPUT;
    }
    crate::say_err!(
        "{} {} {} → {}",
        lang.pick("已生成", "wrote"),
        pages.len() - 1,
        lang.pick("份报告和 index.html", "reports and index.html"),
        crate::text::clean(&args.output.display().to_string())
    );
    if a.fails() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
