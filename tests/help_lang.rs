//! Every command's help and every usage error in one language, following
//! `--lang` (issue 12, item 6): Chinese by default, English with
//! `--lang en`, clap's own strings included, the same layout everywhere.

mod common;

use std::collections::BTreeSet;
use std::ffi::OsString;

use clap::{Command, CommandFactory};
use common::{juwei, stderr, stdout};
use juwei::cli::help::{self, Catalogue, Stop};
use juwei::cli::planner_cli::PlannerCli;
use juwei::cli::{help_zh, Cli};

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Every command path of a command tree: `[]`, `["check"]`,
/// `["register", "import"]`…
fn paths(cmd: &Command) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for sub in cmd.get_subcommands() {
        for mut p in paths(sub) {
            p.insert(0, sub.get_name().to_string());
            out.push(p);
        }
    }
    out
}

/// Names of commands, possible values of arguments, in a tree.
fn names_and_values(cmd: &Command, names: &mut BTreeSet<String>, values: &mut BTreeSet<String>) {
    names.insert(cmd.get_name().to_string());
    for a in cmd.get_arguments() {
        for p in a.get_possible_values() {
            values.extend(p.get_name_and_aliases().map(str::to_string));
        }
    }
    for s in cmd.get_subcommands() {
        names_and_values(s, names, values);
    }
}

/// Technical tokens a Chinese help may hold: formats, standards, layer
/// names of CAD drawings, and values typed on the command line that are
/// not clap possible values (read by parsers of our own).
const ALLOWED: &[&str] = &[
    "RON",
    "DXF",
    "CSV",
    "JSON",
    "HTML",
    "XLSX",
    "XLS",
    "ODS",
    "SVG",
    "PNG",
    "PDF",
    "CAD",
    "Excel",
    // juwei serve: product names, the cookie flag
    "SQLite",
    "PostgreSQL",
    "postgres",
    "TLS",
    "Cookie",
    "Secure",
    "YYYY",
    "juwei",
    "INSUNITS",
    "ROOM",
    "SPACE",
    "AREA",
    "DOOR",
    "DORLIB",
    "WALL",
    "WAND",
    "MUR",
    // --estate, --floor, --change, --to, --source
    "new",
    "old",
    "other",
    "anti",
    "slip",
    "replace",
    "alter",
    "destroy",
    "street",
    "committee",
    "purchase",
    "self",
    "made",
    "transfer",
    "donation",
    "surplus",
    // the fields of `register import --map`
    "asset",
    "name",
    "spec",
    "count",
    "unit",
    "value",
    "date",
    "source",
    "location",
    "custodian",
    "category",
    "note",
    "ignore",
];

/// The English words (3 letters or more) left in a Chinese help once
/// option names, command names, possible values, file and path names and
/// the allowed technical tokens are taken out.
fn english_words(text: &str, names: &BTreeSet<String>, values: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || !c.is_ascii()) {
        let token = raw.trim_matches(|c: char| "()[]{},;:'\"<>|".contains(c));
        if token.is_empty()
            || token.starts_with('-')
            || token.contains('.')
            || token.contains('/')
            || names.contains(token)
            || values.contains(token)
        {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 3
                && !ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(word))
                && !names.contains(word)
                && !values.contains(word)
            {
                found.push(word.to_string());
            }
        }
    }
    found
}

fn args(bin: &str, path: &[String], extra: &[&str]) -> Vec<OsString> {
    let mut v: Vec<OsString> = vec![bin.into()];
    v.extend(path.iter().map(OsString::from));
    v.extend(extra.iter().map(OsString::from));
    v
}

fn stop<C: CommandFactory + clap::FromArgMatches + std::fmt::Debug>(
    a: Vec<OsString>,
    cat: Catalogue,
) -> Stop {
    help::try_parse::<C>(a.clone(), cat).expect_err(&format!("{a:?} stops with a help or an error"))
}

/// The help of every command of `C`, in both languages and with `-h` and
/// `--help`: right language, exit 0, the same sections in the same order.
fn check_all_helps<C: CommandFactory + clap::FromArgMatches + std::fmt::Debug>(
    bin: &str,
    cat: Catalogue,
) -> usize {
    let raw = C::command();
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    names_and_values(&raw, &mut names, &mut values);
    names.insert("help".into());
    let mut n = 0;
    for path in paths(&raw) {
        for (lang, extra) in [
            ("zh", &[][..]),
            ("zh", &["--lang", "zh"][..]),
            ("en", &["--lang", "en"][..]),
        ] {
            let long = stop::<C>(args(bin, &path, &[&["--help"], extra].concat()), cat);
            let short = stop::<C>(args(bin, &path, &[&["-h"], extra].concat()), cat);
            assert_eq!(long.code, 0, "{path:?} {lang}");
            assert!(long.stdout, "{path:?} {lang}: help on standard output");
            let text = long.plain();
            assert_eq!(text, short.plain(), "{path:?} {lang}: -h and --help differ");
            // `help PATH` is the same text
            if raw.has_subcommands() {
                let mut p = vec!["help".to_string()];
                p.extend(path.iter().cloned());
                let via = stop::<C>(args(bin, &p, extra), cat);
                assert_eq!(via.code, 0, "{bin} help {path:?} {lang}");
                assert_eq!(via.plain(), text, "{bin} help {path:?} {lang}");
            }
            let headings: Vec<&str> = if lang == "zh" {
                vec!["用法:", "命令:", "参数:", "选项:"]
            } else {
                vec!["Usage:", "Commands:", "Arguments:", "Options:"]
            };
            let at: Vec<Option<usize>> = headings
                .iter()
                .map(|h| text.lines().position(|l| l.starts_with(h)))
                .collect();
            assert!(
                at[0].is_some() && at[3].is_some(),
                "{path:?} {lang}:\n{text}"
            );
            let present: Vec<usize> = at.iter().flatten().copied().collect();
            assert!(
                present.windows(2).all(|w| w[0] < w[1]),
                "{path:?} {lang}: order\n{text}"
            );
            // the options: the command's own, then those of the commands
            // above it, then --lang and --no-color, then -h (and -V)
            let options: Vec<&str> = text
                .lines()
                .skip(at[3].unwrap() + 1)
                .filter(|l| l.trim_start().starts_with('-'))
                .collect();
            let h = options.iter().position(|l| l.contains("-h, --help"));
            let h = h.unwrap_or_else(|| panic!("{path:?} {lang}: no -h\n{text}"));
            assert!(
                options.len() - h <= 2,
                "{path:?} {lang}: -h not last\n{text}"
            );
            if bin == "juwei" {
                assert!(
                    options[h - 2].contains("--lang <"),
                    "{path:?} {lang}\n{text}"
                );
                assert!(
                    options[h - 1].contains("--no-color"),
                    "{path:?} {lang}\n{text}"
                );
            }
            if lang == "en" {
                let cjk: String = text.chars().filter(|c| is_cjk(*c)).collect();
                assert!(
                    cjk.is_empty(),
                    "{path:?}: Chinese in the English help: {cjk}\n{text}"
                );
                assert!(
                    text.contains("-h, --help") && text.contains("Print help"),
                    "{text}"
                );
            } else {
                let words = english_words(&text, &names, &values);
                assert!(
                    words.is_empty(),
                    "{path:?}: English in the Chinese help: {words:?}\n{text}"
                );
                assert!(text.contains("显示帮助"), "{text}");
                for clap_word in [
                    "Usage",
                    "Options",
                    "Arguments",
                    "Commands",
                    "Print help",
                    "default:",
                    "possible values",
                ] {
                    assert!(!text.contains(clap_word), "{path:?}: {clap_word}\n{text}");
                }
            }
            n += 1;
        }
    }
    n
}

#[test]
fn every_juwei_help_is_in_one_language_with_one_layout() {
    let n = check_all_helps::<Cli>("juwei", help_zh::JUWEI);
    // 13 commands, register import, 14 record events, the root: 29 paths
    assert!(n >= 29 * 3, "{n}");
}

#[test]
fn the_planner_help_is_in_one_language_too() {
    check_all_helps::<PlannerCli>("juwei-planner", help_zh::PLANNER);
    let zh = stop::<PlannerCli>(args("juwei-planner", &[], &["--help"]), help_zh::PLANNER);
    assert!(zh.plain().contains("启动时选中该房间"), "{}", zh.plain());
    let en = stop::<PlannerCli>(
        args("juwei-planner", &[], &["--lang", "en", "-h"]),
        help_zh::PLANNER,
    );
    assert!(
        en.plain().contains("Select this room at the start"),
        "{}",
        en.plain()
    );
}

/// Commands and arguments without a Chinese entry, and entries that name
/// nothing.
fn catalogue_problems(raw: &Command, cat: Catalogue) -> Vec<String> {
    let mut keys = BTreeSet::new();
    fn walk(cmd: &Command, path: &str, keys: &mut BTreeSet<String>) {
        keys.insert(path.to_string());
        for a in cmd.get_arguments() {
            keys.insert(format!("{path}:{}", a.get_id()));
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path} {}", s.get_name()), keys);
        }
    }
    walk(raw, raw.get_name(), &mut keys);
    let mut problems = Vec::new();
    for k in &keys {
        if !cat.iter().any(|(c, _)| c == k) {
            problems.push(format!("no Chinese text for {k}"));
        }
    }
    let mut seen = BTreeSet::new();
    for (k, v) in cat {
        if !keys.contains(*k) {
            problems.push(format!("stale entry {k} (no such command or argument)"));
        }
        if !seen.insert(*k) {
            problems.push(format!("{k} twice"));
        }
        if v.trim().is_empty() {
            problems.push(format!("{k} is empty"));
        }
    }
    problems
}

#[test]
fn the_catalogues_cover_every_command_and_argument_and_nothing_else() {
    let p = catalogue_problems(&Cli::command(), help_zh::JUWEI);
    assert!(p.is_empty(), "{p:#?}");
    let p = catalogue_problems(&PlannerCli::command(), help_zh::PLANNER);
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn the_catalogue_check_finds_a_missing_and_a_stale_entry() {
    // the check itself can fail: drop one entry, add one for a removed option
    let mut cat: Vec<(&str, &str)> = help_zh::JUWEI
        .iter()
        .filter(|(k, _)| *k != "juwei check:previous")
        .copied()
        .collect();
    cat.push(("juwei check:gone", "已删除的选项"));
    let cat: Catalogue = Box::leak(cat.into_boxed_slice());
    let p = catalogue_problems(&Cli::command(), cat);
    assert_eq!(
        p,
        vec![
            "no Chinese text for juwei check:previous".to_string(),
            "stale entry juwei check:gone (no such command or argument)".to_string()
        ]
    );
    // and the help then shows the English text, which the language check catches
    let zh = stop::<Cli>(args("juwei", &["check".into()], &["--help"]), cat);
    let mut names = BTreeSet::new();
    let mut values = BTreeSet::new();
    names_and_values(&Cli::command(), &mut names, &mut values);
    assert!(
        !english_words(&zh.plain(), &names, &values).is_empty(),
        "{}",
        zh.plain()
    );
}

/// Value names of a tree (`PLAN`, `FILE`…).
fn value_names(cmd: &Command, out: &mut BTreeSet<String>) {
    for a in cmd
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
    {
        for n in a.get_value_names().into_iter().flatten() {
            out.insert(n.to_string());
        }
    }
    for s in cmd.get_subcommands() {
        value_names(s, out);
    }
}

#[test]
fn every_value_name_has_a_chinese_one_and_none_is_stale() {
    let mut names = BTreeSet::new();
    value_names(&Cli::command(), &mut names);
    value_names(&PlannerCli::command(), &mut names);
    let has_word = |n: &str| {
        n.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 3)
    };
    for n in &names {
        if has_word(n) && n != "YYYY-MM-DD" {
            assert!(
                help_zh::VALUE_NAMES.iter().any(|(k, _)| k == n),
                "no Chinese value name for <{n}>"
            );
        }
    }
    for (k, v) in help_zh::VALUE_NAMES {
        assert!(names.contains(*k), "stale value name {k}");
        assert!(v.chars().any(is_cjk), "{k}: {v}");
    }
}

#[test]
fn no_text_is_left_where_only_one_language_would_show() {
    // a possible value's own help, a long about or a long help would be
    // shown in the language of the doc comment only, or make -h and
    // --help differ
    fn walk(cmd: &Command) {
        assert!(
            cmd.get_long_about().is_none(),
            "{}: long about",
            cmd.get_name()
        );
        for a in cmd.get_arguments() {
            assert!(
                a.get_long_help().is_none(),
                "{} {}: long help",
                cmd.get_name(),
                a.get_id()
            );
            for p in a.get_possible_values() {
                assert!(
                    p.get_help().is_none(),
                    "{} {} {}: describe the value in the argument's help",
                    cmd.get_name(),
                    a.get_id(),
                    p.get_name()
                );
            }
            if let Some(h) = a.get_help() {
                assert!(
                    !h.to_string().chars().any(is_cjk),
                    "{} {}: {h}",
                    cmd.get_name(),
                    a.get_id()
                );
            }
        }
        if let Some(h) = cmd.get_about() {
            assert!(
                !h.to_string().chars().any(is_cjk),
                "{}: {h}",
                cmd.get_name()
            );
        }
        cmd.get_subcommands().for_each(walk);
    }
    walk(&Cli::command());
    walk(&PlannerCli::command());
}

#[test]
fn the_language_is_read_before_parsing() {
    let l = |a: &[&str]| help::lang_of_args(&a.iter().map(OsString::from).collect::<Vec<_>>());
    use juwei::model::Lang;
    assert_eq!(l(&["juwei", "check", "p.ron"]), Lang::Zh);
    assert_eq!(l(&["juwei", "--lang", "en", "check"]), Lang::En);
    assert_eq!(l(&["juwei", "check", "--lang=en"]), Lang::En);
    assert_eq!(l(&["juwei", "check", "--lang", "EN"]), Lang::En);
    assert_eq!(l(&["juwei", "check", "--lang", "fr"]), Lang::Zh);
    assert_eq!(l(&["juwei", "check", "--", "--lang", "en"]), Lang::Zh);
    assert_eq!(l(&["juwei", "check", "--lang"]), Lang::Zh);
}

// ---- through the real binary ----

#[test]
fn the_binary_prints_help_in_the_language_of_lang() {
    let o = juwei(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("居委会用房平面图与固定资产台账检查"), "{s}");
    assert!(s.contains("用法: juwei [选项] <命令>"), "{s}");
    assert!(s.contains("  check      检查一个平面图是否符合标准"), "{s}");
    assert!(s.contains("[默认: zh]"), "{s}");

    let o = juwei(&["check", "-h", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("Usage: juwei check [OPTIONS] <PLAN>"), "{s}");
    assert!(
        s.contains("[default: text] [possible values: text, json, html]"),
        "{s}"
    );
    assert!(!s.chars().any(is_cjk), "{s}");

    let o = juwei(&["register", "import", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.contains("--committee <居委会编号>"), "{s}");
    assert!(s.contains("参数:\n  <台账文件>"), "{s}");

    // a usage of two lines: the second under the first's command
    let s = stdout(&juwei(&["register", "--help"]));
    assert!(
        s.contains("用法: juwei register [选项] <台账>\n      juwei register <命令>\n"),
        "{s}"
    );
    let s = stdout(&juwei(&["register", "--help", "--lang", "en"]));
    assert!(
        s.contains("Usage: juwei register [OPTIONS] <REGISTER>\n       juwei register <COMMAND>\n"),
        "{s}"
    );

    // `help` is juwei's own, localized like the rest
    let a = juwei(&["help", "record", "acquire"]);
    let b = juwei(&["record", "acquire", "--help"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("取得方式"), "{}", stdout(&a));
    let a = juwei(&["--lang", "en", "help", "stocktake"]);
    assert!(
        stdout(&a).contains("What a shortage is recorded as"),
        "{}",
        stdout(&a)
    );
    assert!(stdout(&a).contains("[default: write-off] [possible values: write-off, transfer-out]"));

    let o = juwei(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("juwei "), "{}", stdout(&o));
}

/// One usage error in both languages: exit 2, nothing on standard output,
/// the zh and en texts wanted, and no text of the other language.
fn usage_error(args: &[&str], zh: &[&str], en: &[&str]) {
    let o = juwei(args);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
    assert!(o.stdout.is_empty(), "{args:?}");
    for want in zh {
        assert!(e.contains(want), "{args:?}: want {want:?} in\n{e}");
    }
    for clap_word in [
        "error:",
        "tip:",
        "Usage:",
        "For more information",
        "[OPTIONS]",
        "possible values",
    ] {
        assert!(!e.contains(clap_word), "{args:?}: {clap_word:?} in\n{e}");
    }
    assert!(e.starts_with("错误: "), "{e}");
    assert!(e.contains("更多信息请用 '--help'。"), "{e}");

    let mut en_args = args.to_vec();
    en_args.extend(["--lang", "en"]);
    let o = juwei(&en_args);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{en_args:?}: {e}");
    for want in en {
        assert!(e.contains(want), "{en_args:?}: want {want:?} in\n{e}");
    }
    assert!(!e.chars().any(is_cjk), "{en_args:?}: Chinese in\n{e}");
    assert!(e.starts_with("error: "), "{e}");
    assert!(e.contains("For more information, try '--help'."), "{e}");
}

#[test]
fn an_unknown_option_is_reported_in_the_language_with_its_suggestion() {
    usage_error(
        &["check", "plans/x.ron", "--formt", "json"],
        &[
            "未知的选项 '--formt'",
            "提示: 有相近的参数: '--format'",
            "用法: juwei check --format <格式> <平面图>",
        ],
        &[
            "unexpected argument '--formt' found",
            "tip: a similar argument exists: '--format'",
            "Usage: juwei check --format <FORMAT> <PLAN>",
        ],
    );
}

#[test]
fn a_missing_argument_is_reported_in_the_language() {
    usage_error(
        &["check"],
        &["缺少必需的参数:", "<平面图>"],
        &[
            "the following required arguments were not provided:",
            "<PLAN>",
        ],
    );
    usage_error(
        &["record", "x.register.ron", "move", "--asset", "ZC-0001"],
        &["缺少必需的参数:", "--to <去向>"],
        &[
            "the following required arguments were not provided:",
            "--to <TO>",
        ],
    );
}

#[test]
fn an_invalid_value_is_reported_in_the_language() {
    usage_error(
        &["check", "plans/x.ron", "--format", "pdf"],
        &[
            "'--format <格式>' 的值 'pdf' 无效",
            "[可选值: text, json, html]",
        ],
        &[
            "invalid value 'pdf' for '--format <FORMAT>'",
            "[possible values: text, json, html]",
        ],
    );
    // a value parser of juwei's own
    usage_error(
        &["check", "plans/x.ron", "--date", "2025-13-01"],
        &["'--date <日期>' 的值 '2025-13-01' 无效: 日期应为 YYYY-MM-DD 格式的实际日期"],
        &["invalid value '2025-13-01' for '--date <DATE>': expected a real date written YYYY-MM-DD"],
    );
    usage_error(
        &[
            "record",
            "r.register.ron",
            "acquire",
            "--name",
            "x",
            "--unit-value",
            "5680",
            "--source",
            "bought",
        ],
        &["取得方式应为"],
        &["expected purchase, self-made, transfer-in, donation or surplus"],
    );
    // a similar value is suggested
    usage_error(
        &["register", "r.register.ron", "--status", "in_use"],
        &["提示: 有相近的值: 'in-use'"],
        &["tip: a similar value exists: 'in-use'"],
    );
}

#[test]
fn an_unknown_subcommand_is_reported_in_the_language_with_its_suggestion() {
    usage_error(
        &["chek", "plans/x.ron"],
        &[
            "没有这个命令: 'chek'",
            "提示: 有相近的命令: 'check'",
            "用法: juwei [选项] <命令>",
        ],
        &[
            "unrecognized subcommand 'chek'",
            "tip: a similar subcommand exists: 'check'",
        ],
    );
    usage_error(
        &["help", "chek"],
        &["没有这个命令: 'chek'", "提示: 有相近的命令: 'check'"],
        &[
            "unrecognized subcommand 'chek'",
            "tip: a similar subcommand exists: 'check'",
        ],
    );
}

#[test]
fn conflicts_and_extra_arguments_are_reported_in_the_language() {
    usage_error(
        &[
            "register",
            "r.register.ron",
            "--asset",
            "ZC-0001",
            "--seal",
            "S1",
        ],
        &["参数 '--asset <资产>' 不能与 '--seal <印章>' 同时使用"],
        &["the argument '--asset <ASSET>' cannot be used with '--seal <SEAL>'"],
    );
    usage_error(
        &["check", "a.ron", "b.ron"],
        &["多余的参数 'b.ron'", "用法: juwei check [选项] <平面图>"],
        &["unexpected argument 'b.ron' found"],
    );
    // clap's own tip, translated
    usage_error(
        &["check", "--x"],
        &[
            "未知的选项 '--x'",
            "提示: 要把 '--x' 当作值传入,请用 '-- --x'",
        ],
        &["tip: to pass '--x' as a value, use '-- --x'"],
    );
    usage_error(
        &["stocktake", "r.register.ron", "s.csv", "--yes"],
        &["缺少必需的参数:", "--apply"],
        &[
            "the following required arguments were not provided:",
            "--apply",
        ],
    );
}

#[test]
fn an_invalid_language_is_reported_in_chinese() {
    let o = juwei(&["--lang", "fr", "rules"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.starts_with("错误: '--lang <语言>' 的值 'fr' 无效: 应为 zh (中文) 或 en (英文)"),
        "{e}"
    );
}

#[test]
fn a_control_character_in_an_argument_is_shown_not_obeyed() {
    let o = juwei(&["check", "--x\u{1b}[2J"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!o.stderr.contains(&0x1b), "{}", stderr(&o));
    assert!(stderr(&o).contains("␛[2J"), "{}", stderr(&o));
}

#[test]
fn any_mix_of_arguments_stops_cleanly_in_one_language() {
    // every pair of these tokens, and 600 longer mixes: never a
    // panic, exit 0 or 2, and an English text without Chinese (but for a
    // Chinese token typed by the user)
    let tokens = [
        "check",
        "register",
        "import",
        "record",
        "acquire",
        "help",
        "--lang",
        "en",
        "zh",
        "fr",
        "--format",
        "pdf",
        "json",
        "-o",
        "--date",
        "2025-13-01",
        "--",
        "-h",
        "--help",
        "-V",
        "x.ron",
        "--x",
        "\u{1b}[2J",
        "--status",
        "in_use",
        "--asset",
        "--seal",
        "",
    ];
    let mut seqs: Vec<Vec<&str>> = Vec::new();
    for a in tokens {
        for b in tokens {
            seqs.push(vec![a, b]);
        }
    }
    let mut state: u64 = 0x2017;
    for _ in 0..600 {
        let len = 3 + (state % 4) as usize;
        let mut v = Vec::new();
        for _ in 0..len {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            v.push(tokens[(state >> 33) as usize % tokens.len()]);
        }
        seqs.push(v);
    }
    for seq in &seqs {
        let a: Vec<OsString> = std::iter::once("juwei")
            .chain(seq.iter().copied())
            .map(OsString::from)
            .collect();
        let en = help::lang_of_args(&a) == juwei::model::Lang::En;
        match help::try_parse::<Cli>(a.clone(), help_zh::JUWEI) {
            Ok(_) => {}
            Err(stop) => {
                assert!(stop.code == 0 || stop.code == 2, "{seq:?}: {}", stop.code);
                assert!(stop.text.ends_with('\n'), "{seq:?}: {:?}", stop.text);
                if en {
                    let cjk = stop.plain().chars().any(is_cjk);
                    assert!(!cjk, "{seq:?}: Chinese in\n{}", stop.plain());
                } else if stop.code == 2 && !stop.stdout {
                    assert!(
                        stop.plain().starts_with("错误: ") || stop.plain().contains("用法: "),
                        "{seq:?}:\n{}",
                        stop.plain()
                    );
                }
            }
        }
    }
}
