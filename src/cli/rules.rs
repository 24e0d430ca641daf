//! `juwei rules [CODE] [--format text|json]`: the rule catalogue, or one
//! rule with the clause it cites quoted from the standard.

use std::fmt::Write;

use clap::{Args, ValueEnum};
use serde_json::json;

use super::{emit, Output, EXIT_INPUT, EXIT_OK};
use crate::rules::{meta, RuleMeta, RULES};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// 规则编号 (e.g. A7-1.2) or slug (police-wall-boards); all rules when absent
    pub code: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: RulesFormat,
}

fn as_json(r: &RuleMeta) -> serde_json::Value {
    json!({
        "code": r.code, "slug": r.slug, "severity": r.severity, "clause": r.clause,
        "title": r.title, "title_en": r.title_en, "clause_text": r.clause_text,
        "scope": format!("{:?}", r.scope),
    })
}

pub fn run(args: RulesArgs, out: &Output) -> i32 {
    let lang = out.lang;
    let selected: Vec<&RuleMeta> = match &args.code {
        None => RULES.iter().collect(),
        Some(c) => match meta(c).or_else(|| RULES.iter().find(|r| r.slug == c)) {
            Some(r) => vec![r],
            None => {
                crate::say_err!(
                    "{}: {c}",
                    lang.pick("没有这个规则编号", "no rule with this code or slug")
                );
                return EXIT_INPUT;
            }
        },
    };
    let text = match args.format {
        RulesFormat::Json => {
            let v: Vec<_> = selected.iter().map(|r| as_json(r)).collect();
            let mut s = serde_json::to_string_pretty(&v).expect("plain data");
            s.push('\n');
            s
        }
        RulesFormat::Text if selected.len() == 1 => {
            let r = selected[0];
            let mut s = String::new();
            let _ = writeln!(s, "{} {}  ({})", r.code, r.slug, r.severity.name(lang));
            let _ = writeln!(s, "{}", lang.pick(r.title, r.title_en));
            let _ = writeln!(s, "\n{}: {}", lang.pick("依据", "Clause"), r.clause);
            let _ = writeln!(s, "  「{}」", r.clause_text);
            s
        }
        RulesFormat::Text => {
            let mut s = String::new();
            for r in selected {
                let _ = writeln!(
                    s,
                    "{} {} {} {}",
                    pad(r.code, 10),
                    pad(r.severity.name(lang), 10),
                    pad(r.clause, 14),
                    lang.pick(r.title, r.title_en)
                );
            }
            s
        }
    };
    match emit(out, None, &text) {
        Ok(()) => EXIT_OK,
        Err(c) => c,
    }
}

/// Pad to a display width (CJK characters take two columns).
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}
