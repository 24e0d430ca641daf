//! The `juwei` command line (`docs/cli.md`): one file per subcommand.
//!
//! Exit statuses everywhere: 0 all is well, 1 findings of severity
//! `violation`/`error` (or books that do not match), 2 input that could not be
//! read or parsed. A panic is a defect.

use std::io::Write;
use std::path::Path;

use clap::{Parser, Subcommand};

use crate::io::LoadError;
use crate::model::Lang;
use crate::rules::Profile;

pub mod audit;
pub mod check;
pub mod diff;
pub mod handover;
pub mod import;
pub mod labels;
pub mod plan;
pub mod record;
pub mod register;
pub mod rules;
pub mod sample;
pub mod stocktake;

/// Exit status: nothing wrong.
pub const EXIT_OK: i32 = 0;
/// Exit status: findings (or a difference) that need action.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: input could not be read or parsed.
pub const EXIT_INPUT: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "juwei",
    version,
    about = "居委会用房与固定资产检查 (Jing'an 2017 standard)",
    long_about = "居委 juwei: checks residents' committees' premises plans and fixed-asset \
                  registers against the Jing'an District standard (2017)."
)]
pub struct Cli {
    /// 输出语言 / language of messages: zh (default) or en
    #[arg(long, global = true, default_value = "zh")]
    pub lang: Lang,
    /// Disable colours even on a terminal
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查一个平面图 (check one plan against the standard)
    Check(check::CheckArgs),
    /// 审计文件夹中所有居委会 (audit every plan under a folder)
    Audit(audit::AuditArgs),
    /// 比较两个修订版 (compare two revisions of a plan)
    Diff(diff::DiffArgs),
    /// 生成示例居委会 (generate realistic sample committees)
    Sample(sample::SampleArgs),
    /// 规则目录 (the rule catalogue, or one rule with its clause)
    Rules(rules::RulesArgs),
    /// 固定资产台账: 某日的账、一项资产的记录、卡片台账 xlsx (the fixed-asset register)
    Register(register::RegisterArgs),
    /// 记一笔: 向台账追加一个事件 (record one event in the register)
    Record(record::RecordArgs),
    /// 年底清点: 盘点表与账面核对 (reconcile a count sheet with the books)
    Stocktake(stocktake::StocktakeArgs),
    /// 换届移交清单 xlsx (the term-change handover list)
    Handover(handover::HandoverArgs),
    /// 资产标签 (labels with QR codes for A4 label sheets)
    Labels(labels::LabelsArgs),
    /// 从 CAD 图纸 (DXF) 导入平面图 (import a floor plan from a CAD drawing)
    Import(import::ImportArgs),
    /// 打开平面图编辑器 (open the planner, a desktop app)
    Plan(plan::PlanArgs),
}

/// Parse arguments, run, and return the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_INPUT } else { EXIT_OK };
        }
    };
    run(cli)
}

pub fn run(cli: Cli) -> i32 {
    let out = Output {
        lang: cli.lang,
        color: !cli.no_color,
    };
    match cli.command {
        Command::Check(a) => check::run(a, &out),
        Command::Audit(a) => audit::run(a, &out),
        Command::Diff(a) => diff::run(a, &out),
        Command::Sample(a) => sample::run(a, &out),
        Command::Rules(a) => rules::run(a, &out),
        Command::Register(a) => register::run(a, &out),
        Command::Record(a) => record::run(a, &out),
        Command::Stocktake(a) => stocktake::run(a, &out),
        Command::Handover(a) => handover::run(a, &out),
        Command::Labels(a) => labels::run(a, &out),
        Command::Import(a) => import::run(&a, &out),
        Command::Plan(a) => plan::run(a, &out),
    }
}

/// How to print: language and whether colours are wanted at all (they are
/// dropped anyway when standard output is not a terminal).
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub lang: Lang,
    pub color: bool,
}

/// Print `text` to standard output (ANSI styles kept only on a terminal that
/// wants them), or write it, without styles, atomically to `file`.
pub fn emit(out: &Output, file: Option<&Path>, text: &str) -> Result<(), i32> {
    match file {
        Some(path) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            crate::io::write_atomic(path, plain.as_bytes()).map_err(|e| {
                eprintln!(
                    "{}: {}: {e}",
                    path.display(),
                    out.lang.pick("无法写入", "cannot write")
                );
                EXIT_INPUT
            })
        }
        None => {
            let choice = if out.color {
                anstream::ColorChoice::Auto
            } else {
                anstream::ColorChoice::Never
            };
            let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            // a closed pipe (`| head`) is not an error worth a panic
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}

/// Write bytes (xlsx, html…) to `file`, atomically.
pub fn emit_bytes(out: &Output, file: &Path, bytes: &[u8]) -> Result<(), i32> {
    crate::io::write_atomic(file, bytes).map_err(|e| {
        eprintln!(
            "{}: {}: {e}",
            file.display(),
            out.lang.pick("无法写入", "cannot write")
        );
        EXIT_INPUT
    })
}

/// Print a load error on standard error and return exit status 2.
pub fn report_load_error(e: &LoadError, lang: Lang) -> i32 {
    eprintln!("{}", e.display(lang));
    EXIT_INPUT
}

/// The profile of `--profile`, or the built-in one.
pub fn load_profile(path: Option<&Path>, lang: Lang) -> Result<Profile, i32> {
    match path {
        None => Ok(Profile::default()),
        Some(p) => Profile::load(p).map_err(|e| report_load_error(&e, lang)),
    }
}

/// Check an output file before anything is computed into it: its extension
/// must be one the writer writes (`-o labels.pdf` for SVG labels is
/// refused, with the extensions that work), it must not be one of the
/// inputs, and it must not be a directory, device or FIFO (rev 2 of
/// `cli.md`). Prints the reason and returns exit status 2 otherwise.
pub fn check_output(path: &Path, inputs: &[&Path], exts: &[&str], lang: Lang) -> Result<(), i32> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !exts.is_empty() && !exts.contains(&ext.as_str()) {
        let list: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
        eprintln!(
            "{}",
            lang.pick(
                &format!(
                    "{}: 此输出格式不能写成 {};可用的扩展名: {}",
                    path.display(),
                    if ext.is_empty() { "无扩展名的文件".to_string() } else { format!(".{ext} 文件") },
                    list.join(" ")
                ),
                &format!(
                    "{}: this output cannot be written as {}; possible extensions: {}",
                    path.display(),
                    if ext.is_empty() { "a file without extension".to_string() } else { format!("a .{ext} file") },
                    list.join(" ")
                )
            )
        );
        return Err(EXIT_INPUT);
    }
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            eprintln!(
                "{}",
                lang.pick(
                    &format!("{}: 不是普通文件 (目录、设备或管道),不写入", path.display()),
                    &format!("{}: not a regular file (a directory, device or pipe); not written", path.display())
                )
            );
            return Err(EXIT_INPUT);
        }
        let same = |a: &Path| match (std::fs::canonicalize(a), std::fs::canonicalize(path)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        };
        if inputs.iter().any(|i| same(i)) {
            eprintln!(
                "{}",
                lang.pick(
                    &format!("{}: 输出文件就是输入文件,不覆盖;请换一个文件名", path.display()),
                    &format!("{}: the output is one of the inputs and is not overwritten; choose another name", path.display())
                )
            );
            return Err(EXIT_INPUT);
        }
    }
    Ok(())
}
