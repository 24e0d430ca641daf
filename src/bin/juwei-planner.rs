//! `juwei-planner [PLAN] [--profile FILE] [--screenshot OUT.png] [--lang zh|en]`: the
//! planner, a desktop app to edit a committee's premises plan with live
//! findings (docs/planner.md).

use std::path::PathBuf;

use clap::Parser;
use juwei::model::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "juwei-planner",
    version,
    about = "居委平面图编辑器 (juwei planner): edit a premises plan, see the standard's findings live"
)]
struct Args {
    /// 要打开的平面图 (plan format 1, RON)
    file: Option<PathBuf>,
    /// 打开平面图、适合窗口、截图保存为 PNG 后退出 (write a screenshot and exit)
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// 界面语言 / interface language for this run: zh or en (default: the saved choice)
    #[arg(long)]
    lang: Option<Lang>,
    /// 启动时选中该房间 (select this room at the start, e.g. for screenshots)
    #[arg(long, value_name = "ROOM")]
    select: Option<String>,
    /// 启动时打开资产台账窗口 (open the register window at the start)
    #[arg(long)]
    register_panel: bool,
    /// 启动时显示的楼层: 0 底层, 1 二层, -1 地下 (show this level at the start)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    level: Option<i32>,
    /// 检查所用的规则配置 (默认: 内置静安区 2017) / the rule profile to check with (default: the built-in Jing'an 2017)
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
}

fn main() {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            std::process::exit(if e.use_stderr() {
                juwei::exit::EXIT_INPUT
            } else {
                juwei::exit::EXIT_OK
            });
        }
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
