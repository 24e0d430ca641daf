//! The `juwei` command line (`docs/cli.md`): one file per subcommand.
//!
//! Exit statuses everywhere: 0 all is well, 1 findings of severity
//! `violation`/`error` (or books that do not match), 2 input that could not be
//! read or parsed. A panic is a defect.

use clap::{Parser, Subcommand};

pub mod import;

use crate::model::Lang;

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
    /// 从 CAD 图纸 (DXF) 导入平面图 / import a floor plan from a CAD drawing (DXF)
    Import(import::ImportArgs),
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
    match cli.command {
        Command::Import(a) => import::run(&a, cli.lang),
    }
}
