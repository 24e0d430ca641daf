//! `juwei-planner [PLAN] [--profile FILE] [--screenshot OUT.png] [--lang zh|en]`:
//! the planner's command line, here in the library so that its help and
//! errors go through the same machinery as `juwei`'s ([`super::help`]) and
//! are tested without building the planner.

use std::path::PathBuf;

use clap::Parser;

use crate::model::Lang;

/// The juwei planner: edit a premises plan and see the standard's findings live
#[derive(Debug, Parser)]
#[command(name = "juwei-planner", version)]
pub struct PlannerCli {
    /// The plan to open (plan format 1, RON)
    pub file: Option<PathBuf>,
    /// Open the plan, fit it to the window, save a screenshot as PNG and exit
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Interface language for this run: zh or en (default: the saved choice)
    #[arg(long, value_parser = super::help::parse_lang)]
    pub lang: Option<Lang>,
    /// Select this room at the start (e.g. for screenshots)
    #[arg(long, value_name = "ROOM")]
    pub select: Option<String>,
    /// Open the register window at the start
    #[arg(long)]
    pub register_panel: bool,
    /// The level shown at the start: 0 the ground floor, 1 the floor above, -1 a basement
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub level: Option<i32>,
    /// The rule profile to check with (default: the built-in Jing'an 2017 standard)
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
}

/// The planner's arguments from the process's, or the exit status after
/// printing its help, version or usage error (in the language of
/// `--lang`, Chinese by default).
pub fn parse() -> Result<PlannerCli, i32> {
    super::help::parse::<PlannerCli>(super::help_zh::PLANNER)
}
