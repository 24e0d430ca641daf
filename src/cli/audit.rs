//! `juwei audit DIR [--format text|json|html|xlsx] [-o FILE]`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{
    emit_bytes_with, emit_streamed, load_profile, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK,
};
use crate::audit::{self, AuditOptions};
use crate::model::Lang;
use crate::report::{audit_xlsx, html};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Text,
    Json,
    Html,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// A street's or a district's folder of plans (sub-folders included)
    pub dir: PathBuf,
    /// Output format (xlsx needs -o)
    #[arg(long, value_enum, default_value = "text")]
    pub format: AuditFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Rule profile (RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Day of the check (YYYY-MM-DD) for the registers beside the plans; default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<chrono::NaiveDate>,
    /// No progress bar
    #[arg(long)]
    pub no_progress: bool,
    /// The folder of the last check (last quarter's or last year's): fixed / open / new per committee, and the trend
    #[arg(long, value_name = "OLD_DIR")]
    pub previous: Option<PathBuf>,
}

pub fn run(args: AuditArgs, out: &Output) -> i32 {
    let lang = out.lang;
    if let Err(code) = super::require(&args.dir, super::Expect::Folder, "audit", lang) {
        return code;
    }
    if let Some(old) = &args.previous {
        if let Err(code) = super::require(old, super::Expect::Folder, "audit --previous", lang) {
            return code;
        }
    }
    let profile = match load_profile(args.profile.as_deref(), lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if args.format == AuditFormat::Xlsx && args.output.is_none() {
        crate::say_err!(
            "{}",
            lang.pick(
                "xlsx 格式需要用 -o 指定输出文件",
                "the xlsx format needs an output file: -o FILE"
            )
        );
        return EXIT_INPUT;
    }
    let opts = AuditOptions {
        progress: !args.no_progress,
        today: args.date,
    };
    // a city's audit: rows go to a temporary file as they are checked
    // with --previous, the workers keep what the comparison needs
    let run = if args.previous.is_some() {
        audit::run_streamed_followed
    } else {
        audit::run_streamed
    };
    let mut a = match run(&args.dir, &profile, opts) {
        Ok(a) => a,
        Err(e) => {
            crate::say_err!("{}", e.display(lang));
            return EXIT_INPUT;
        }
    };
    warn_duplicate_codes(&args.dir, &a.duplicate_codes(), lang);
    if let Some(old_dir) = &args.previous {
        // the earlier folder is checked again with today's profile, so a
        // change of rules does not show as a change of premises
        match audit::previous(old_dir, &profile, opts) {
            Ok(old) => {
                warn_duplicate_codes(old_dir, &audit::duplicate_codes(&old.index), lang);
                a.followup = Some(crate::followup::compare::compare_previous(&old, &a));
            }
            Err(e) => {
                crate::say_err!("{}", e.display(lang));
                return EXIT_INPUT;
            }
        }
    }
    let hopts = html::HtmlOptions {
        lang,
        date: Some(chrono::Local::now().date_naive()),
    };
    let written = match args.format {
        AuditFormat::Text => emit_streamed(out, args.output.as_deref(), |w| {
            crate::report::audit_text::write_text(&a, lang, w)
        }),
        AuditFormat::Json => emit_streamed(out, args.output.as_deref(), |w| {
            crate::report::json::audit::write_json(&a, w)
        }),
        AuditFormat::Html => emit_streamed(out, args.output.as_deref(), |w| {
            html::write_audit_page(&a, &profile, &hopts, w)
        }),
        AuditFormat::Xlsx => match workbook(&a, lang) {
            Ok(mut file) => {
                emit_bytes_with(out, args.output.as_deref().expect("checked above"), |w| {
                    std::io::copy(&mut file, w).map(|_| ())
                })
            }
            Err(e) => {
                crate::say_err!("xlsx: {e}");
                Err(EXIT_INPUT)
            }
        },
    };
    if let Err(code) = written {
        return code;
    }
    if let Some(e) = a.read_back_failure() {
        crate::say_err!(
            "{}: {e}",
            lang.pick(
                "审计临时文件无法读回,输出不完整",
                "the audit's temporary file could not be read back; the output is incomplete"
            )
        );
        return EXIT_INPUT;
    }
    if a.fails() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// The audit's workbook, zipped into an anonymous temporary file as its
/// sheets are written (rust_xlsxwriter wants a writer it may move between
/// threads; the output's own writer is not one), rewound for copying to
/// the output: a city's workbook is never held in memory.
fn workbook(a: &audit::Audit, lang: Lang) -> Result<std::fs::File, String> {
    use std::io::{Seek, Write};
    let mut file = tempfile::tempfile().map_err(|e| e.to_string())?;
    {
        let mut w = std::io::BufWriter::new(&mut file);
        audit_xlsx::write_audit_xlsx(a, lang, &mut w).map_err(|e| e.to_string())?;
        w.flush().map_err(|e| e.to_string())?;
    }
    file.rewind().map_err(|e| e.to_string())?;
    Ok(file)
}

/// Two plans of one folder carrying one committee code are named on
/// standard error: the comparison with `--previous` matches by code and
/// takes the last of them, so the audit says so rather than guess silently.
fn warn_duplicate_codes(dir: &std::path::Path, dups: &[(&str, Vec<&std::path::Path>)], lang: Lang) {
    for (code, paths) in dups {
        let list: Vec<String> = paths
            .iter()
            .map(|p| dir.join(p).display().to_string())
            .collect();
        crate::say_err!(
            "{}",
            lang.pick(
                &format!(
                    "警告: {} 个平面图使用同一居委会编号 {code}: {}。编号应唯一; 与上次检查比较 (--previous) 时只按编号配对,请改正编号",
                    paths.len(),
                    list.join("、")
                ),
                &format!(
                    "warning: {} plans carry the same committee code {code}: {}. A code should name one committee; the comparison with --previous pairs committees by code: correct the codes",
                    paths.len(),
                    list.join(", ")
                )
            )
        );
    }
}
