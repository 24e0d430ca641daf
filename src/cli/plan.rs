//! `juwei plan [FILE] [--screenshot OUT.png]`: start the planner (the same
//! program as `juwei-planner`). Without the `gui` feature it says so and
//! exits 2.

use std::path::PathBuf;

use clap::Args;

use super::Output;

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The plan to open (plan format 1, RON)
    pub file: Option<PathBuf>,
    /// Open the plan, fit it to the window, save a screenshot as PNG and exit
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
}

#[cfg(feature = "gui")]
pub fn run(args: PlanArgs, out: &Output) -> i32 {
    crate::planner::run(crate::planner::PlannerArgs {
        file: args.file,
        screenshot: args.screenshot,
        // `--lang` defaults to zh: only an explicit English overrides the
        // language saved in the planner's settings
        lang: (out.lang == crate::model::Lang::En).then_some(out.lang),
        ..Default::default()
    })
}

#[cfg(not(feature = "gui"))]
pub fn run(args: PlanArgs, out: &Output) -> i32 {
    let _ = (args.file, args.screenshot);
    crate::say_err!(
        "{}",
        out.lang.pick(
            "juwei plan: 本程序构建时未包含平面图编辑器(需要 gui 功能:cargo build --features gui)",
            "juwei plan: the planner was not built into this program (it needs the gui feature: cargo build --features gui)",
        )
    );
    super::EXIT_INPUT
}
