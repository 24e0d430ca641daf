//! Command-line help and usage errors in one language (issue 12, item 6).
//!
//! The derive structs of [`super::Cli`] (and of the planner's
//! [`super::planner_cli::PlannerCli`]) carry plain English doc comments:
//! they are the code's documentation and the English help. The Chinese
//! texts are in a catalogue ([`super::help_zh`]) keyed by command path and
//! argument id. Before clap parses, `--lang` is read from the arguments
//! ([`lang_of_args`], Chinese by default); the command tree is then walked
//! ([`localize`]) and given, in that language:
//!
//! - the about of every command and the help of every argument (Chinese from
//!   the catalogue);
//! - a help template with the same sections in the same order everywhere
//!   (用法 / 命令 / 参数 / 选项, or Usage / Commands / Arguments / Options);
//! - its own `-h/--help`, `-V/--version` and `help` subcommand (clap's are
//!   turned off, since their texts are English only);
//! - value names (`<平面图>`, `<文件>`) from a small dictionary
//!   ([`super::help_zh::VALUE_NAMES`]);
//! - `[默认: …]` and `[可选值: …]` written by juwei (clap's are hidden).
//!
//! clap's errors are rendered here ([`render_error`]) from their kind and
//! context, in the same language, with the same exit statuses as before:
//! 2 for a usage error, 0 for help and version. Value parsers of our own
//! return an [`ArgError`], which carries both languages.
//!
//! Tests (`tests/help_lang.rs`) walk every command of both programs:
//! a missing or stale catalogue entry fails them, as does an English word
//! left in a Chinese help or a Chinese character in an English one.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::builder::{Str, StyledStr};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use crate::exit::{EXIT_INPUT, EXIT_OK};
use crate::model::Lang;
use crate::text::clean;

/// A catalogue of Chinese texts: `("juwei check", about)` for a command,
/// `("juwei check:plan", help)` for an argument (its id after the colon).
pub type Catalogue = &'static [(&'static str, &'static str)];

/// The id of the help subcommand juwei adds to commands with subcommands.
const HELP_SUB: &str = "help";

pub use crate::model::ArgError;

/// `--lang`'s value parser.
pub fn parse_lang(s: &str) -> Result<Lang, ArgError> {
    s.parse::<Lang>().map_err(|_| {
        ArgError::new(
            "应为 zh (中文) 或 en (英文)",
            "expected zh (Chinese) or en (English)",
        )
    })
}

/// The language `--lang` asks for, read before clap parses (so that its
/// help and errors are in it): `--lang X` or `--lang=X` before `--`;
/// Chinese when absent or not a language (clap then reports the value, in
/// Chinese).
pub fn lang_of_args(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(a) = a.to_str() else { continue };
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().and_then(|v| v.to_str())
        } else {
            a.strip_prefix("--lang=")
        };
        if let Some(v) = value {
            return v.parse().unwrap_or(Lang::Zh);
        }
    }
    Lang::Zh
}

/// Whether `--no-color` is among the arguments (before `--`).
fn no_color_in(args: &[OsString]) -> bool {
    args.iter()
        .skip(1)
        .take_while(|a| a.to_str() != Some("--"))
        .any(|a| a.to_str() == Some("--no-color"))
}

/// Texts of juwei's own, in both languages.
struct Words {
    usage: &'static str,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
    command_value: &'static str,
    options_usage: &'static str,
    help: &'static str,
    version: &'static str,
    help_sub: &'static str,
    help_sub_arg: &'static str,
    default: &'static str,
    possible: &'static str,
}

const ZH: Words = Words {
    usage: "用法",
    commands: "命令",
    arguments: "参数",
    options: "选项",
    command_value: "命令",
    options_usage: "[选项]",
    help: "显示帮助",
    version: "显示版本",
    help_sub: "显示本帮助或某个命令的帮助",
    help_sub_arg: "要查看帮助的命令",
    default: "默认",
    possible: "可选值",
};

const EN: Words = Words {
    usage: "Usage",
    commands: "Commands",
    arguments: "Arguments",
    options: "Options",
    command_value: "COMMAND",
    options_usage: "[OPTIONS]",
    help: "Print help",
    version: "Print version",
    help_sub: "Print this message or the help of the given subcommand(s)",
    help_sub_arg: "the command to print the help of",
    default: "default",
    possible: "possible values",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

fn lookup(cat: Catalogue, key: &str) -> Option<&'static str> {
    cat.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// A value name in `lang`: Chinese from the dictionary (unchanged when it
/// has no entry, which the tests catch).
fn value_name(name: &Str, lang: Lang) -> Str {
    match lang {
        Lang::En => name.clone(),
        Lang::Zh => lookup(super::help_zh::VALUE_NAMES, name.as_str())
            .map(Str::from)
            .unwrap_or_else(|| name.clone()),
    }
}

/// The command tree of `C` in `lang`, with juwei's help template, help and
/// version arguments and help subcommand (see the module's documentation).
pub fn command<C: CommandFactory>(lang: Lang, cat: Catalogue) -> Command {
    localize(C::command(), lang, cat)
}

/// [`command`] for a command already built from its derive.
pub fn localize(cmd: Command, lang: Lang, cat: Catalogue) -> Command {
    let name = cmd.get_name().to_string();
    let w = words(lang);
    let mut cmd = cmd.disable_version_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .global(true)
            .display_order(2000)
            .help(w.help),
    );
    if cmd.get_version().is_some() {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(2001)
                .help(w.version),
        );
    }
    localize_tree(cmd, &name, 0, lang, cat)
}

fn localize_tree(
    mut cmd: Command,
    path: &str,
    depth: usize,
    lang: Lang,
    cat: Catalogue,
) -> Command {
    let w = words(lang);
    let styles = cmd.get_styles().clone();
    if lang == Lang::Zh {
        if let Some(about) = lookup(cat, path) {
            cmd = cmd.about(about);
        }
    }
    // the arguments
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    // a command's own options in their order, then those it has from the
    // commands above it, nearest first (`record`'s --date, then --lang),
    // then -h and -V
    for (i, id) in ids.iter().enumerate() {
        let key = format!("{path}:{id}");
        let zh = lookup(cat, &key);
        cmd = cmd.mut_arg(id, |a| {
            let order = if a.is_global_set() {
                1000 - 100 * depth.min(9) + i
            } else {
                i
            };
            localize_arg(a, zh, lang, &styles).display_order(order)
        });
    }
    // the subcommands, and a help subcommand of juwei's own
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in &subs {
        let sub_path = format!("{path} {s}");
        cmd = cmd.mut_subcommand(s, |c| localize_tree(c, &sub_path, depth + 1, lang, cat));
    }
    let has_subs = !subs.is_empty();
    if has_subs {
        cmd = cmd.subcommand(
            Command::new(HELP_SUB)
                .about(w.help_sub)
                .disable_help_flag(true)
                .term_width(0)
                .help_template(template(w, &styles, false, true))
                .arg(
                    Arg::new("command")
                        .num_args(0..)
                        .value_name(w.command_value)
                        .help(w.help_sub_arg),
                ),
        );
    }
    // the help of this command: the same sections in the same order
    let has_pos = cmd.get_positionals().any(|a| !a.is_hide_set());
    let template = template(w, &styles, has_subs, has_pos);
    // one line per option, whatever the width of the help (clap would put
    // the help under the option in some commands and not in others)
    cmd.disable_help_flag(true)
        .term_width(0)
        .disable_help_subcommand(true)
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command_value)
        .help_template(template)
}

fn template(w: &Words, styles: &clap::builder::Styles, subs: bool, pos: bool) -> String {
    let usage = styles.get_usage();
    let header = styles.get_header();
    let mut t = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}{}:{usage:#} {{usage}}",
        w.usage
    );
    let mut section = |title: &str, tag: &str| {
        let _ = write!(t, "\n\n{header}{title}:{header:#}\n{{{tag}}}");
    };
    if subs {
        section(w.commands, "subcommands");
    }
    if pos {
        section(w.arguments, "positionals");
    }
    section(w.options, "options");
    t.push_str("{after-help}");
    t
}

fn localize_arg(
    mut a: Arg,
    zh: Option<&'static str>,
    lang: Lang,
    styles: &clap::builder::Styles,
) -> Arg {
    let w = words(lang);
    let mut help = match (lang, zh) {
        (Lang::Zh, Some(t)) => t.to_string(),
        _ => a.get_help().map(|h| h.to_string()).unwrap_or_default(),
    };
    if let Some(names) = a.get_value_names() {
        let names: Vec<Str> = names.iter().map(|n| value_name(n, lang)).collect();
        a = a.value_names(names);
    }
    if a.get_action().takes_values() {
        let ctx = styles.get_context();
        let val = styles.get_context_value();
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            let _ = write!(
                help,
                " {ctx}[{}: {ctx:#}{val}{}{val:#}{ctx}]{ctx:#}",
                w.default,
                defaults.join(" ")
            );
        }
        let possible: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|p| !p.is_hide_set())
            .map(|p| p.get_name().to_string())
            .collect();
        if !possible.is_empty() {
            let _ = write!(
                help,
                " {ctx}[{}: {ctx:#}{val}{}{val:#}{ctx}]{ctx:#}",
                w.possible,
                possible.join(", ")
            );
        }
        a = a.hide_default_value(true).hide_possible_values(true);
    }
    a.help(StyledStr::from(help.trim_start().to_string()))
}

/// What parsing ended with when it did not give the arguments: the text to
/// print (styled), where, and the exit status.
#[derive(Debug, Clone)]
pub struct Stop {
    pub text: String,
    pub stdout: bool,
    pub code: i32,
}

impl Stop {
    /// The text without styles.
    pub fn plain(&self) -> String {
        anstream::adapter::strip_str(&self.text).to_string()
    }
}

/// Parse `args` (the program name first) for `C` in the language of their
/// `--lang`; help, version and usage errors come back as a [`Stop`].
pub fn try_parse<C: CommandFactory + FromArgMatches>(
    args: Vec<OsString>,
    cat: Catalogue,
) -> Result<C, Stop> {
    let lang = lang_of_args(&args);
    let cmd = command::<C>(lang, cat);
    let matches = cmd
        .clone()
        .try_get_matches_from(args.iter())
        .map_err(|e| stop(&e, lang))?;
    // `juwei help X Y`: the help of `juwei X Y`
    if let Some(path) = help_path(&matches) {
        let mut again: Vec<OsString> = vec![args.first().cloned().unwrap_or_default()];
        again.extend(path.into_iter().map(OsString::from));
        again.push("--help".into());
        if lang == Lang::En {
            again.extend(["--lang".into(), "en".into()]);
        }
        return match cmd.try_get_matches_from(again) {
            // `--help` is an action: it always stops the parse
            Ok(_) => Err(Stop {
                text: format!(
                    "{}\n",
                    lang.pick("无法显示帮助", "the help could not be shown")
                ),
                stdout: false,
                code: EXIT_INPUT,
            }),
            Err(e) => Err(stop(&e, lang)),
        };
    }
    C::from_arg_matches(&matches).map_err(|e| stop(&e.with_cmd(&cmd), lang))
}

/// The command path of a `help` subcommand in `matches` (the commands above
/// it, then its arguments), if one was given.
fn help_path(matches: &clap::ArgMatches) -> Option<Vec<String>> {
    let mut path = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        if name == HELP_SUB {
            path.extend(
                sub.get_many::<String>("command")
                    .into_iter()
                    .flatten()
                    .cloned(),
            );
            return Some(path);
        }
        path.push(name.to_string());
        m = sub;
    }
    None
}

/// [`try_parse`] of the process's arguments, printing what stops it:
/// `Err` is the exit status.
pub fn parse<C: CommandFactory + FromArgMatches>(cat: Catalogue) -> Result<C, i32> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let color = if no_color_in(&args) {
        anstream::ColorChoice::Never
    } else {
        anstream::ColorChoice::Auto
    };
    try_parse::<C>(args, cat).map_err(|s| {
        use std::io::Write;
        if s.stdout {
            let mut out = anstream::AutoStream::new(std::io::stdout().lock(), color);
            let _ = out.write_all(s.text.as_bytes());
            let _ = out.flush();
        } else {
            let mut err = anstream::AutoStream::new(std::io::stderr().lock(), color);
            let _ = err.write_all(s.text.as_bytes());
            let _ = err.flush();
        }
        s.code
    })
}

/// A clap error (help and version included) as juwei prints it.
fn stop(e: &clap::Error, lang: Lang) -> Stop {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Stop {
            text: localize_rendered(&e.render().ansi().to_string(), lang),
            stdout: true,
            code: EXIT_OK,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Stop {
            text: localize_rendered(&e.render().ansi().to_string(), lang),
            stdout: false,
            code: EXIT_INPUT,
        },
        _ => Stop {
            text: render_error(e, lang),
            stdout: false,
            code: EXIT_INPUT,
        },
    }
}

/// The strings clap writes into a usage that no setting changes: its
/// `[OPTIONS]`, and the indent of a usage's second line, under the first
/// one's command after `Usage: ` (7 columns; `用法: ` takes 6).
fn localize_rendered(s: &str, lang: Lang) -> String {
    let s = s.replace(EN.options_usage, words(lang).options_usage);
    if lang == Lang::En {
        return s;
    }
    let indent = " ".repeat(EN.usage.len() + 2);
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        match line.strip_prefix(&indent) {
            Some(rest) if !rest.starts_with([' ', '-']) => {
                out.push_str(&indent[1..]);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// A usage error of clap's in `lang`, laid out as clap lays it out: the
/// error, tips, the usage, and where to find more.
pub fn render_error(e: &clap::Error, lang: Lang) -> String {
    let styles = clap::builder::Styles::styled();
    let error = *styles.get_error();
    let valid = *styles.get_valid();
    let invalid = *styles.get_invalid();
    let literal = *styles.get_literal();
    let zh = lang == Lang::Zh;
    let str_of = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(clean(s).into_owned()),
        _ => None,
    };
    let strs_of = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.iter().map(|s| clean(s).into_owned()).collect(),
        Some(ContextValue::String(s)) => vec![clean(s).into_owned()],
        _ => Vec::new(),
    };
    let num_of = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let list = |name_zh: &str, name_en: &str, values: Vec<String>| -> String {
        if values.is_empty() {
            return String::new();
        }
        let sep = ", ";
        let vs: Vec<String> = values
            .iter()
            .map(|v| format!("{valid}{v}{valid:#}"))
            .collect();
        format!(
            "\n  [{}: {}]",
            if zh { name_zh } else { name_en },
            vs.join(sep)
        )
    };
    let q = |style: &anstyle::Style, s: &str| format!("'{style}{s}{style:#}'");

    let arg = str_of(ContextKind::InvalidArg);
    let value = str_of(ContextKind::InvalidValue);
    let msg = match e.kind() {
        ErrorKind::UnknownArgument => arg.as_ref().map(|a| {
            if zh && a.starts_with('-') {
                format!("未知的选项 {}", q(&invalid, a))
            } else if zh {
                format!("多余的参数 {}", q(&invalid, a))
            } else {
                format!("unexpected argument {} found", q(&invalid, a))
            }
        }),
        ErrorKind::InvalidSubcommand => str_of(ContextKind::InvalidSubcommand).map(|s| {
            if zh {
                format!("没有这个命令: {}", q(&invalid, &s))
            } else {
                format!("unrecognized subcommand {}", q(&invalid, &s))
            }
        }),
        ErrorKind::InvalidValue => match (&arg, &value) {
            (Some(a), Some(v)) => {
                let head = if v.is_empty() {
                    if zh {
                        format!("{} 需要一个值,但没有给出", q(&literal, a))
                    } else {
                        format!(
                            "a value is required for {} but none was supplied",
                            q(&literal, a)
                        )
                    }
                } else if zh {
                    format!("{} 的值 {} 无效", q(&literal, a), q(&invalid, v))
                } else {
                    format!("invalid value {} for {}", q(&invalid, v), q(&literal, a))
                };
                Some(head + &list(ZH.possible, EN.possible, strs_of(ContextKind::ValidValue)))
            }
            _ => None,
        },
        ErrorKind::ValueValidation => match (&arg, &value) {
            (Some(a), Some(v)) => {
                let why =
                    std::error::Error::source(e).map(|s| match s.downcast_ref::<ArgError>() {
                        Some(ae) => ae.text(lang).to_string(),
                        None => s.to_string(),
                    });
                let head = if zh {
                    format!("{} 的值 {} 无效", q(&literal, a), q(&invalid, v))
                } else {
                    format!("invalid value {} for {}", q(&invalid, v), q(&literal, a))
                };
                Some(match why {
                    Some(w) => format!("{head}: {}", clean(&w)),
                    None => head,
                })
            }
            _ => None,
        },
        ErrorKind::MissingRequiredArgument => {
            let args = strs_of(ContextKind::InvalidArg);
            (!args.is_empty()).then(|| {
                let mut m = lang
                    .pick(
                        "缺少必需的参数:",
                        "the following required arguments were not provided:",
                    )
                    .to_string();
                for a in &args {
                    let _ = write!(m, "\n  {valid}{a}{valid:#}");
                }
                m
            })
        }
        ErrorKind::MissingSubcommand => str_of(ContextKind::InvalidSubcommand).map(|s| {
            let head = if zh {
                format!("{} 需要一个子命令,但没有给出", q(&invalid, &s))
            } else {
                format!(
                    "{} requires a subcommand but one was not provided",
                    q(&invalid, &s)
                )
            };
            head + &list(
                "子命令",
                "subcommands",
                strs_of(ContextKind::ValidSubcommand),
            )
        }),
        ErrorKind::ArgumentConflict => {
            let prior = e.get(ContextKind::PriorArg);
            let (subject_zh, subject_en, name) =
                match (&arg, str_of(ContextKind::InvalidSubcommand)) {
                    (Some(a), _) => ("参数", "argument", a.clone()),
                    (None, Some(s)) => ("命令", "subcommand", s),
                    (None, None) => ("参数", "argument", String::new()),
                };
            let same = matches!(prior, Some(ContextValue::String(p)) if clean(p) == name);
            if same {
                Some(if zh {
                    format!("{subject_zh} {} 只能给一次", q(&invalid, &name))
                } else {
                    format!(
                        "the {subject_en} {} cannot be used multiple times",
                        q(&invalid, &name)
                    )
                })
            } else {
                let others: Vec<String> = match prior {
                    Some(ContextValue::String(p)) => vec![clean(p).into_owned()],
                    Some(ContextValue::Strings(v)) => {
                        v.iter().map(|p| clean(p).into_owned()).collect()
                    }
                    _ => Vec::new(),
                };
                let others_text = match others.len() {
                    0 => lang
                        .pick(
                            "其他已给出的参数",
                            "one or more of the other specified arguments",
                        )
                        .to_string(),
                    1 => q(&invalid, &others[0]),
                    _ => others
                        .iter()
                        .map(|o| format!("\n  {invalid}{o}{invalid:#}"))
                        .collect::<String>(),
                };
                Some(if zh {
                    if others.len() > 1 {
                        format!(
                            "{subject_zh} {} 不能与以下参数同时使用:{others_text}",
                            q(&invalid, &name)
                        )
                    } else {
                        format!(
                            "{subject_zh} {} 不能与 {others_text} 同时使用",
                            q(&invalid, &name)
                        )
                    }
                } else if others.len() > 1 {
                    format!(
                        "the {subject_en} {} cannot be used with:{others_text}",
                        q(&invalid, &name)
                    )
                } else {
                    format!(
                        "the {subject_en} {} cannot be used with {others_text}",
                        q(&invalid, &name)
                    )
                })
            }
        }
        ErrorKind::NoEquals => arg.as_ref().map(|a| {
            if zh {
                format!("给 {} 赋值须用等号 (=)", q(&invalid, a))
            } else {
                format!(
                    "equal sign is needed when assigning values to {}",
                    q(&invalid, a)
                )
            }
        }),
        ErrorKind::TooManyValues => match (&arg, &value) {
            (Some(a), Some(v)) => Some(if zh {
                format!("{} 多出了值 {}", q(&literal, a), q(&invalid, v))
            } else {
                format!(
                    "unexpected value {} for {} found; no more were expected",
                    q(&invalid, v),
                    q(&literal, a)
                )
            }),
            _ => None,
        },
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let want = num_of(ContextKind::MinValues).or(num_of(ContextKind::ExpectedNumValues));
            match (&arg, want, num_of(ContextKind::ActualNumValues)) {
                (Some(a), Some(want), Some(got)) => Some(if zh {
                    format!("{} 需要 {want} 个值,给出了 {got} 个", q(&literal, a))
                } else {
                    format!(
                        "{want} values required for {} but {got} {} provided",
                        q(&literal, a),
                        if got > 1 { "were" } else { "was" }
                    )
                }),
                _ => None,
            }
        }
        ErrorKind::InvalidUtf8 => Some(
            lang.pick(
                "参数中有无效的 UTF-8 文本",
                "invalid UTF-8 was detected in one or more arguments",
            )
            .to_string(),
        ),
        _ => None,
    }
    .unwrap_or_else(|| kind_text(e.kind(), lang).to_string());

    // tips
    let mut tips: Vec<String> = Vec::new();
    let similar = |what_zh: &str, what_en: &str, v: Vec<String>| -> Option<String> {
        if v.is_empty() {
            return None;
        }
        let quoted: Vec<String> = v.iter().map(|s| q(&valid, s)).collect();
        Some(if zh {
            format!("有相近的{what_zh}: {}", quoted.join(", "))
        } else if v.len() == 1 {
            format!("a similar {what_en} exists: {}", quoted[0])
        } else {
            format!("some similar {what_en}s exist: {}", quoted.join(", "))
        })
    };
    tips.extend(similar(
        "命令",
        "subcommand",
        strs_of(ContextKind::SuggestedSubcommand),
    ));
    tips.extend(similar(
        "参数",
        "argument",
        strs_of(ContextKind::SuggestedArg),
    ));
    tips.extend(similar("值", "value", strs_of(ContextKind::SuggestedValue)));
    if let Some(ContextValue::StyledStrs(v)) = e.get(ContextKind::Suggested) {
        for s in v {
            let plain = anstream::adapter::strip_str(&s.ansi().to_string()).to_string();
            tips.push(suggestion(&plain, lang, &valid, &invalid));
        }
    }
    let tip = lang.pick("提示:", "tip:");
    let mut out = format!("{error}{}{error:#} {msg}", lang.pick("错误:", "error:"));
    for (i, t) in tips.iter().enumerate() {
        out.push_str(if i == 0 { "\n\n" } else { "\n" });
        let _ = write!(out, "  {valid}{tip}{valid:#} {t}");
    }
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        let u = u.ansi().to_string();
        let u = match u.find("Usage:") {
            Some(at) => format!(
                "{}{}:{}",
                &u[..at],
                words(lang).usage,
                &u[at + "Usage:".len()..]
            ),
            None => u,
        };
        let _ = write!(out, "\n\n{}", localize_rendered(&u, lang));
    }
    let _ = write!(
        out,
        "\n\n{}\n",
        if zh {
            format!("更多信息请用 {}。", q(&literal, "--help"))
        } else {
            format!("For more information, try {}.", q(&literal, "--help"))
        }
    );
    out
}

/// clap's few suggestion sentences, in `lang`.
fn suggestion(plain: &str, lang: Lang, valid: &anstyle::Style, invalid: &anstyle::Style) -> String {
    let q = |style: &anstyle::Style, s: &str| format!("'{style}{}{style:#}'", clean(s));
    // "to pass 'X' as a value, use 'Y'"
    if let Some(rest) = plain.strip_prefix("to pass '") {
        if let Some((x, rest)) = rest.split_once("' as a value, use '") {
            let y = rest.strip_suffix('\'').unwrap_or(rest);
            return match lang {
                Lang::Zh => format!("要把 {} 当作值传入,请用 {}", q(invalid, x), q(valid, y)),
                Lang::En => format!("to pass {} as a value, use {}", q(invalid, x), q(valid, y)),
            };
        }
    }
    // "subcommand 'X' exists; to use it, remove the '--' before it"
    if let Some(rest) = plain.strip_prefix("subcommand '") {
        if let Some((x, _)) = rest.split_once("' exists;") {
            return match lang {
                Lang::Zh => format!("有命令 {};要使用它,请去掉它前面的 '--'", q(valid, x)),
                Lang::En => format!(
                    "subcommand {} exists; to use it, remove the '--' before it",
                    q(valid, x)
                ),
            };
        }
    }
    // "'SUB --flag' exists"
    if let Some(x) = plain
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix("' exists"))
    {
        return match lang {
            Lang::Zh => format!("有 {}", q(valid, x)),
            Lang::En => format!("{} exists", q(valid, x)),
        };
    }
    clean(plain).into_owned()
}

/// An error of a kind without the context to say more.
fn kind_text(kind: ErrorKind, lang: Lang) -> &'static str {
    match kind {
        ErrorKind::InvalidValue => lang.pick("参数的值无效", "invalid value for an argument"),
        ErrorKind::UnknownArgument => lang.pick("未知的参数", "unexpected argument found"),
        ErrorKind::InvalidSubcommand => lang.pick("没有这个命令", "unrecognized subcommand"),
        ErrorKind::NoEquals => lang.pick(
            "赋值须用等号 (=)",
            "equal is needed when assigning values to one of the arguments",
        ),
        ErrorKind::ValueValidation => {
            lang.pick("参数的值无效", "invalid value for one of the arguments")
        }
        ErrorKind::TooManyValues => {
            lang.pick("参数的值过多", "unexpected value for an argument found")
        }
        ErrorKind::TooFewValues => {
            lang.pick("参数的值过少", "more values required for an argument")
        }
        ErrorKind::WrongNumberOfValues => lang.pick(
            "参数的值个数不对",
            "too many or too few values for an argument",
        ),
        ErrorKind::ArgumentConflict => lang.pick(
            "参数不能同时使用",
            "an argument cannot be used with one or more of the other specified arguments",
        ),
        ErrorKind::MissingRequiredArgument => lang.pick(
            "缺少必需的参数",
            "one or more required arguments were not provided",
        ),
        ErrorKind::MissingSubcommand => lang.pick(
            "缺少子命令",
            "a subcommand is required but one was not provided",
        ),
        ErrorKind::InvalidUtf8 => lang.pick(
            "参数中有无效的 UTF-8 文本",
            "invalid UTF-8 was detected in one or more arguments",
        ),
        ErrorKind::Io => lang.pick("输入输出错误", "input/output error"),
        ErrorKind::Format => lang.pick("格式错误", "formatting error"),
        _ => lang.pick("命令行有误", "the command line is wrong"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(plain: &str, lang: Lang) -> String {
        let styles = clap::builder::Styles::plain();
        let out = suggestion(plain, lang, styles.get_valid(), styles.get_invalid());
        anstream::adapter::strip_str(&out).to_string()
    }

    #[test]
    fn clap_suggestions_are_translated() {
        assert_eq!(
            s("to pass '--x' as a value, use '-- --x'", Lang::Zh),
            "要把 '--x' 当作值传入,请用 '-- --x'"
        );
        assert_eq!(
            s("to pass '--x' as a value, use '-- --x'", Lang::En),
            "to pass '--x' as a value, use '-- --x'"
        );
        assert_eq!(
            s(
                "subcommand 'check' exists; to use it, remove the '--' before it",
                Lang::Zh
            ),
            "有命令 'check';要使用它,请去掉它前面的 '--'"
        );
        assert_eq!(
            s("'register --check' exists", Lang::Zh),
            "有 'register --check'"
        );
        // control characters typed by the user are shown, not obeyed
        assert_eq!(
            s(
                "to pass '--\u{1b}[2J' as a value, use '-- --\u{1b}[2J'",
                Lang::En
            ),
            "to pass '--␛[2J' as a value, use '-- --␛[2J'"
        );
    }

    #[test]
    fn an_arg_error_speaks_the_language_asked_for() {
        let e = parse_lang("fr").unwrap_err();
        assert_eq!(e.text(Lang::Zh), "应为 zh (中文) 或 en (英文)");
        assert_eq!(e.text(Lang::En), "expected zh (Chinese) or en (English)");
        assert_eq!(parse_lang("EN"), Ok(Lang::En));
    }
}
