//! `juwei-planner [PLAN] [--profile FILE] [--screenshot OUT.png] [--lang zh|en]`: the
//! planner, a desktop app to edit a committee's premises plan with live
//! findings (docs/planner.md). Its arguments are
//! [`juwei::cli::planner_cli::PlannerCli`].

use juwei::model::Lang;

fn main() {
    // the arguments, with help and usage errors in the language of --lang
    let args = match juwei::cli::planner_cli::parse() {
        Ok(a) => a,
        Err(code) => std::process::exit(code),
    };
    // a profile that cannot be used is a located error before any window
    let lang = args.lang.unwrap_or(Lang::Zh);
    let profile = match &args.profile {
        Some(p) => match juwei::cli::load_profile(Some(p), lang) {
            Ok(profile) => Some((p.clone(), profile)),
            Err(code) => std::process::exit(code),
        },
        None => None,
    };
    std::process::exit(juwei::planner::run(juwei::planner::PlannerArgs {
        profile,
        level: args.level,
        file: args.file,
        screenshot: args.screenshot,
        lang: args.lang,
        select: args.select,
        register_panel: args.register_panel,
    }));
}
