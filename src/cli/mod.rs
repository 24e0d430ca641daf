//! The `juwei` command line (`docs/spec/cli.md`): one file per subcommand.
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
pub mod help;
pub mod help_zh;
pub mod import;
pub mod labels;
pub mod plan;
pub mod planner_cli;
pub mod record;
pub mod register;
pub mod report;
pub mod rules;
pub mod sample;
#[cfg(feature = "server")]
pub mod serve;
pub mod stocktake;

pub use crate::exit::{EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};

#[derive(Debug, Parser)]
#[command(
    name = "juwei",
    version,
    about = "Checks residents' committees' premises plans and fixed-asset registers against the Jing'an District standard (2017)"
)]
pub struct Cli {
    /// Language of messages and help: zh (Chinese) or en (English)
    #[arg(long, global = true, default_value = "zh", value_parser = help::parse_lang)]
    pub lang: Lang,
    /// Disable colours even on a terminal
    #[arg(long, global = true)]
    pub no_color: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check one plan against the standard
    Check(check::CheckArgs),
    /// Audit every plan under a folder
    Audit(audit::AuditArgs),
    /// Compare two revisions of a plan
    Diff(diff::DiffArgs),
    /// Every committee's report at once, with an index page
    Report(report::ReportArgs),
    /// Generate realistic sample committees
    Sample(sample::SampleArgs),
    /// The rule catalogue, or one rule with its clause
    Rules(rules::RulesArgs),
    /// The fixed-asset register: the books on a day, one asset's record, the card list (xlsx)
    Register(register::RegisterArgs),
    /// Record one event in the register
    Record(record::RecordArgs),
    /// The year-end count: reconcile a count sheet with the books
    Stocktake(stocktake::StocktakeArgs),
    /// The term-change handover list (xlsx)
    Handover(handover::HandoverArgs),
    /// Asset labels with QR codes, on A4 label sheets
    Labels(labels::LabelsArgs),
    /// Import a floor plan from a CAD drawing (DXF)
    Import(import::ImportArgs),
    /// Open the planner, a desktop app to edit plans
    Plan(plan::PlanArgs),
    /// The shared register a district runs: a web server (SQLite or PostgreSQL)
    #[cfg(feature = "server")]
    Serve(serve::ServeArgs),
}

/// Parse arguments (help and usage errors in the language of `--lang`,
/// [`help`]), run, and return the process exit status.
pub fn main() -> i32 {
    match help::parse::<Cli>(help_zh::JUWEI) {
        Ok(cli) => run(cli),
        Err(code) => code,
    }
}

pub fn run(cli: Cli) -> i32 {
    let out = Output {
        lang: cli.lang,
        color: !cli.no_color,
        // the process's inputs live as long as the process
        inputs: Box::leak(inputs_of(&cli.command).into_boxed_slice()),
    };
    match cli.command {
        Command::Check(a) => check::run(a, &out),
        Command::Audit(a) => audit::run(a, &out),
        Command::Diff(a) => diff::run(a, &out),
        Command::Report(a) => report::run(a, &out),
        Command::Sample(a) => sample::run(a, &out),
        Command::Rules(a) => rules::run(a, &out),
        Command::Register(a) => register::run(a, &out),
        Command::Record(a) => record::run(a, &out),
        Command::Stocktake(a) => stocktake::run(a, &out),
        Command::Handover(a) => handover::run(a, &out),
        Command::Labels(a) => labels::run(a, &out),
        Command::Import(a) => import::run(&a, &out),
        Command::Plan(a) => plan::run(a, &out),
        #[cfg(feature = "server")]
        Command::Serve(a) => serve::run(a, &out),
    }
}

/// Every file a command reads, which its `-o` may never be
/// ([`crate::io::output`]). A new subcommand adds its inputs here.
fn inputs_of(command: &Command) -> Vec<std::path::PathBuf> {
    let mut v: Vec<std::path::PathBuf> = Vec::new();
    let mut add = |p: Option<&std::path::PathBuf>| v.extend(p.cloned());
    match command {
        Command::Check(a) => {
            add(Some(&a.plan));
            add(a.previous.as_ref());
            add(a.register.as_ref());
            add(a.profile.as_ref());
        }
        Command::Audit(a) => add(a.profile.as_ref()),
        Command::Report(a) => add(a.profile.as_ref()),
        Command::Record(a) => {
            add(Some(&a.register));
            add(a.plan.as_ref());
        }
        Command::Diff(a) => {
            add(Some(&a.old));
            add(Some(&a.new));
            add(a.profile.as_ref());
        }
        Command::Register(a) => {
            add(a.register.as_ref());
            match &a.sub {
                Some(register::RegisterSub::Import(i)) => {
                    add(Some(&i.ledger));
                    add(i.plan.as_ref());
                }
                Some(register::RegisterSub::Verify(v)) => add(Some(&v.register)),
                None => {}
            }
            add(a.profile.as_ref());
        }
        Command::Stocktake(a) => {
            add(Some(&a.register));
            add(Some(&a.sheet));
            add(a.plan.as_ref());
        }
        Command::Handover(a) => add(Some(&a.register)),
        Command::Labels(a) => add(Some(&a.register)),
        Command::Import(a) => {
            add(Some(&a.drawing));
            add(a.keywords.as_ref());
        }
        Command::Sample(_) | Command::Rules(_) | Command::Plan(_) => {}
        #[cfg(feature = "server")]
        Command::Serve(_) => {}
    }
    v
}

/// How to print: language, whether colours are wanted at all (they are
/// dropped anyway when standard output is not a terminal), and the files
/// the command reads (never overwritten by its output).
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub lang: Lang,
    pub color: bool,
    pub inputs: &'static [std::path::PathBuf],
}

/// Write `bytes` to the `-o` destination through the one output helper
/// ([`crate::io::output::write_output`]), printing why not on failure.
fn write_to(out: &Output, path: &Path, bytes: &[u8]) -> Result<(), i32> {
    crate::io::output::write_output(path, bytes, crate::io::output::Writes::Report, out.inputs)
        .map_err(|e| cannot_write(out, path, &e))
}

/// Say that `path` cannot be written, and why: exit status 2.
fn cannot_write(out: &Output, path: &Path, e: &std::io::Error) -> i32 {
    crate::say_err!(
        "{}: {}: {}",
        crate::text::clean(&path.display().to_string()),
        out.lang.pick("无法写入", "cannot write"),
        crate::io::io_error_text(e, out.lang)
    );
    EXIT_INPUT
}

/// Print `text` to standard output (ANSI styles kept only on a terminal that
/// wants them), or write it, without styles, atomically to `file`.
pub fn emit(out: &Output, file: Option<&Path>, text: &str) -> Result<(), i32> {
    match file.filter(|p| !crate::io::output::is_stdout(p)) {
        Some(path) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            write_to(out, path, crate::text::clean(&plain).as_bytes())
        }
        None => {
            let choice = if out.color {
                anstream::ColorChoice::Auto
            } else {
                anstream::ColorChoice::Never
            };
            let mut stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            // a closed pipe (`| head`) is not an error worth a panic
            // control characters in data are shown, not obeyed (issue 15)
            let _ = stdout.write_all(crate::text::clean_styled(text).as_bytes());
            let _ = stdout.flush();
            Ok(())
        }
    }
}

/// Like [`emit`] for a document written piece by piece (a city's audit):
/// each piece is treated as [`emit`] treats the whole text (styles
/// stripped in a file, control characters in the data shown, not obeyed).
/// The writer gets whole strings, never split characters.
pub fn emit_streamed(
    out: &Output,
    file: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), i32> {
    match file.filter(|p| !crate::io::output::is_stdout(p)) {
        Some(path) => crate::io::output::write_output_with(
            path,
            crate::io::output::Writes::Report,
            out.inputs,
            |w| write(&mut CleanWriter { w, styled: false }),
        )
        .map_err(|e| cannot_write(out, path, &e)),
        None => {
            let choice = if out.color {
                anstream::ColorChoice::Auto
            } else {
                anstream::ColorChoice::Never
            };
            let stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
            let mut stdout = std::io::BufWriter::new(stdout);
            // a closed pipe (`| head`) is not an error worth a panic
            let _ = write(&mut CleanWriter {
                w: &mut stdout,
                styled: true,
            })
            .and_then(|_| stdout.flush());
            Ok(())
        }
    }
}

/// Passes text on as [`emit`] does: in a file without styles, control
/// characters replaced ([`crate::text::clean`]); on standard output keeping
/// juwei's own styles ([`crate::text::clean_styled`]).
struct CleanWriter<'a> {
    w: &'a mut dyn Write,
    styled: bool,
}

impl Write for CleanWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) if self.styled => self.w.write_all(crate::text::clean_styled(s).as_bytes())?,
            Ok(s) => {
                let plain = anstream::adapter::strip_str(s).to_string();
                self.w.write_all(crate::text::clean(&plain).as_bytes())?
            }
            Err(_) => self.w.write_all(buf)?,
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Write bytes (xlsx, html…) to `file` (atomically when it is a regular
/// file; `-` is standard output).
pub fn emit_bytes(out: &Output, file: &Path, bytes: &[u8]) -> Result<(), i32> {
    write_to(out, file, bytes)
}

/// Like [`emit_bytes`] for bytes written as they are made (a city's
/// workbook), passed on unchanged.
pub fn emit_bytes_with(
    out: &Output,
    file: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), i32> {
    crate::io::output::write_output_with(file, crate::io::output::Writes::Report, out.inputs, write)
        .map_err(|e| cannot_write(out, file, &e))
}

/// Print a load error on standard error and return exit status 2.
pub fn report_load_error(e: &LoadError, lang: Lang) -> i32 {
    crate::say_err!("{}", e.display(lang));
    EXIT_INPUT
}

/// What a command expects at a path given on its command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A plan (or other) file; the hint names the command for folders.
    File,
    /// A folder of plans; the hint names the command for one plan.
    Folder,
}

/// Check that `path` exists and is what the command `cmd` expects, before
/// reading it: the message says what to do instead ("audit 需要文件夹;
/// 单个平面图请用 juwei check"). `None` when it is fine.
pub fn path_problem(path: &Path, expect: Expect, cmd: &str, lang: Lang) -> Option<String> {
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent_missing = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .is_some_and(|p| !p.exists());
            return Some(match (expect, parent_missing) {
                (Expect::Folder, _) => format!(
                    "{shown}: {}",
                    lang.pick(
                        "没有这个文件夹。请检查路径 (可先用 ls 或资源管理器确认文件夹名)",
                        "no such folder. Check the path (list the parent folder to see its name)"
                    )
                ),
                (Expect::File, true) => format!(
                    "{shown}: {}",
                    lang.pick(
                        "没有这个文件,其所在的文件夹也不存在。请检查路径",
                        "no such file, and its folder does not exist either. Check the path"
                    )
                ),
                (Expect::File, false) => format!(
                    "{shown}: {}",
                    lang.pick(
                        "没有这个文件。请检查文件名 (平面图以 .ron 结尾)",
                        "no such file. Check the file name (plans end in .ron)"
                    )
                ),
            });
        }
        Err(e) => {
            return Some(format!(
                "{shown}: {}: {e}",
                lang.pick("无法读取", "cannot read")
            ))
        }
    };
    match expect {
        Expect::Folder if !meta.is_dir() => Some(format!(
            "{shown}: {}",
            if cmd == "audit" {
                lang.pick(
                    "这是一个文件,不是文件夹。audit 需要文件夹; 单个平面图请用 juwei check",
                    "this is a file, not a folder. audit needs a folder; for one plan use juwei check",
                )
                .to_string()
            } else {
                match lang {
                    Lang::Zh => format!(
                        "这是一个文件,不是文件夹。{cmd} 需要文件夹; 单个平面图请用 juwei check"
                    ),
                    Lang::En => format!(
                        "this is a file, not a folder. {cmd} needs a folder; for one plan use juwei check"
                    ),
                }
            }
        )),
        Expect::File if meta.is_dir() && cmd == "diff" => Some(format!(
            "{shown}: {}",
            lang.pick(
                "这是一个文件夹,不是文件。diff 比较同一居委会的两个平面图; 比较两个文件夹 (上季度与本季度) 请用 juwei audit 新文件夹 --previous 旧文件夹",
                "this is a folder, not a file. diff compares two plans of one committee; to compare two folders (last quarter and now) use juwei audit NEW_DIR --previous OLD_DIR",
            )
        )),
        Expect::File if meta.is_dir() => Some(format!(
            "{shown}: {}",
            match lang {
                Lang::Zh => format!(
                    "这是一个文件夹,不是文件。{cmd} 需要一个文件; 检查整个文件夹请用 juwei audit"
                ),
                Lang::En => format!(
                    "this is a folder, not a file. {cmd} needs one file; for a whole folder use juwei audit"
                ),
            }
        )),
        _ => None,
    }
}

/// [`path_problem`], printed: `Err(2)` when the path is not usable.
pub fn require(path: &Path, expect: Expect, cmd: &str, lang: Lang) -> Result<(), i32> {
    match path_problem(path, expect, cmd, lang) {
        Some(msg) => {
            crate::say_err!("{msg}");
            Err(EXIT_INPUT)
        }
        None => Ok(()),
    }
}

/// The profile of `--profile`, or the built-in one.
pub fn load_profile(path: Option<&Path>, lang: Lang) -> Result<Profile, i32> {
    match path {
        None => Ok(Profile::default()),
        Some(p) => {
            require(p, Expect::File, "--profile", lang)?;
            Profile::load(p).map_err(|e| report_load_error(&e, lang))
        }
    }
}

/// Check an output file's extension before anything is computed into it:
/// it must be one the writer writes (`-o labels.pdf` for SVG labels is
/// refused, with the extensions that work). `-` (standard output) passes.
/// (That `-o` never names an input nor a special file is the one output
/// helper's job, [`crate::io::output`].)
pub fn check_output_ext(path: &Path, exts: &[&str], lang: Lang) -> Result<(), i32> {
    if crate::io::output::is_stdout(path) {
        return Ok(());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if exts.is_empty() || exts.contains(&ext.as_str()) {
        return Ok(());
    }
    let list: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
    crate::say_err!(
        "{}",
        lang.pick(
            &format!(
                "{}: 此输出不能写成 {};可用的扩展名: {}",
                path.display(),
                if ext.is_empty() {
                    "无扩展名的文件".to_string()
                } else {
                    format!(".{ext} 文件")
                },
                list.join(" ")
            ),
            &format!(
                "{}: this output cannot be written as {}; possible extensions: {}",
                path.display(),
                if ext.is_empty() {
                    "a file without extension".to_string()
                } else {
                    format!("a .{ext} file")
                },
                list.join(" ")
            )
        )
    );
    Err(EXIT_INPUT)
}
