//! `juwei sample --committees N [--seed S] [--broken K] DIR`

use std::path::PathBuf;

use clap::Args;

use super::{Output, EXIT_INPUT, EXIT_OK};
use crate::sample::{write_sample, SampleOptions};

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Output folder (created when missing; plans go to DIR/STREET/CODE.ron)
    pub dir: PathBuf,
    /// How many committees
    #[arg(long, default_value_t = 20)]
    pub committees: usize,
    /// Random seed: the same seed gives the same folder
    #[arg(long, default_value_t = 2017)]
    pub seed: u64,
    /// How many plan files to break on purpose (for demos)
    #[arg(long, default_value_t = 0)]
    pub broken: usize,
    /// Share of committees with a previous revision, NAME.previous.ron (0–1)
    #[arg(long, default_value_t = 0.1)]
    pub previous_share: f64,
}

pub fn run(args: SampleArgs, out: &Output) -> i32 {
    let lang = out.lang;
    if !(0.0..=1.0).contains(&args.previous_share) {
        crate::say_err!(
            "{}",
            lang.pick(
                "--previous-share 应在 0 到 1 之间",
                "--previous-share must be between 0 and 1"
            )
        );
        return EXIT_INPUT;
    }
    let max = crate::sample::MAX_SAMPLE_COMMITTEES;
    if args.committees > max || args.broken > args.committees {
        crate::say_err!(
            "{}",
            match lang {
                crate::model::Lang::Zh =>
                    format!("--committees 应在 0 到 {max} 之间,--broken 不超过 --committees"),
                crate::model::Lang::En => format!(
                    "--committees must be between 0 and {max}, and --broken at most --committees"
                ),
            }
        );
        return EXIT_INPUT;
    }
    let opts = SampleOptions {
        committees: args.committees,
        seed: args.seed,
        broken: args.broken,
        previous_share: args.previous_share,
    };
    match write_sample(&args.dir, &opts) {
        Ok(files) => {
            crate::say_err!(
                "{} {} {} {}",
                lang.pick("已生成", "wrote"),
                files.len(),
                lang.pick("个平面图于", "plans under"),
                args.dir.display()
            );
            EXIT_OK
        }
        Err(e) => {
            crate::say_err!(
                "{}: {}: {e}",
                args.dir.display(),
                lang.pick("无法写入", "cannot write")
            );
            EXIT_INPUT
        }
    }
}
