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
    /// A rule code (any case: a2-6.3), its slug, or words of its title; all rules when absent
    #[arg(num_args = 0.., value_name = "CODE|WORDS")]
    pub query: Vec<String>,
    /// Output format
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
    let query = args.query.join(" ");
    let selected: Vec<&RuleMeta> = if query.trim().is_empty() {
        RULES.iter().collect()
    } else {
        let found = find_rules(&query);
        if let Some((code, _)) = crate::rules::codes::RETIRED.iter().find(|(c, slug)| {
            c.eq_ignore_ascii_case(query.trim()) || slug.eq_ignore_ascii_case(query.trim())
        }) {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("{code} 已在规则第 2 版中废止,不再检查 (编号不再使用)"),
                    &format!(
                        "{code} was retired in revision 2 of the rules and is no longer checked (codes are never reused)"
                    )
                )
            );
            return EXIT_INPUT;
        }
        if found.is_empty() {
            crate::say_err!(
                "{}: {query}\n{}",
                lang.pick(
                    "没有找到规则 (按编号、slug 或标题中的词查找)",
                    "no rule found (searched codes, slugs and title words)"
                ),
                lang.pick("全部规则: juwei rules", "all rules: juwei rules")
            );
            return EXIT_INPUT;
        }
        found
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

/// The rules a query names: a code in any case (`a2-6.3`) or a slug gives
/// that rule; a code prefix (`A7-1`) the rules under it; otherwise the rules
/// whose title (Chinese or English), slug or quoted clause contain every
/// word of the query (`重点改善`, `fax`), titles first.
pub fn find_rules(query: &str) -> Vec<&'static RuleMeta> {
    let q = query.trim();
    if let Some(r) = RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(q) || r.slug.eq_ignore_ascii_case(q))
    {
        return vec![r];
    }
    if let Some(r) = meta(q) {
        return vec![r];
    }
    let lower = q.to_lowercase();
    let by_prefix: Vec<&RuleMeta> = RULES
        .iter()
        .filter(|r| {
            let code = r.code.to_lowercase();
            code.starts_with(&lower)
                && matches!(code[lower.len()..].chars().next(), None | Some('.' | '-'))
        })
        .collect();
    if !by_prefix.is_empty() {
        return by_prefix;
    }
    let words: Vec<String> = lower.split_whitespace().map(str::to_string).collect();
    let all_in = |hay: &str| {
        let hay = hay.to_lowercase();
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let mut in_title: Vec<&RuleMeta> = Vec::new();
    let mut elsewhere: Vec<&RuleMeta> = Vec::new();
    for r in RULES {
        if all_in(&format!("{} {} {}", r.title, r.title_en, r.slug)) {
            in_title.push(r);
        } else if all_in(&format!(
            "{} {} {} {} {}",
            r.title, r.title_en, r.slug, r.clause, r.clause_text
        )) {
            elsewhere.push(r);
        }
    }
    in_title.extend(elsewhere);
    in_title
}

/// Pad to a display width (CJK characters take two columns).
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::find_rules;

    fn codes(q: &str) -> Vec<&'static str> {
        find_rules(q).iter().map(|r| r.code).collect()
    }

    #[test]
    fn codes_in_any_case_and_slugs() {
        assert_eq!(codes("a2-6.3"), ["A2-6.3"]);
        assert_eq!(codes("A2-6.3"), ["A2-6.3"]);
        assert_eq!(codes(" a2-1.2A "), ["A2-1.2a"]);
        assert_eq!(codes("Police-Wall-Boards"), ["A7-1.2"]);
    }

    #[test]
    fn a_code_prefix_lists_the_rules_under_it() {
        let c = codes("a7-1");
        assert!(c.contains(&"A7-1.1") && c.contains(&"A7-1.4"), "{c:?}");
        assert!(!c.contains(&"A7-2"));
        // A2-1 is not A2-1x…: only whole parts of a code
        assert!(codes("a2-1").iter().all(|c| c.starts_with("A2-1.")));
    }

    #[test]
    fn words_of_the_chinese_title() {
        let c = codes("重点改善");
        assert_eq!(c.first(), Some(&"A2-1.2"));
        let c = codes("警务室 引导牌");
        assert_eq!(c, ["A7-1.4"]);
        assert!(codes("信箱").contains(&"A2-6.1"));
    }

    #[test]
    fn english_words_in_any_case_and_the_clause_text() {
        assert!(codes("MAILBOX").contains(&"A2-6.1"));
        // 传真机 is only in the clause of 六.3, not in a title
        assert!(codes("传真机").contains(&"A2-6.3"));
        assert!(codes("没有这样的规则").is_empty());
    }
}
