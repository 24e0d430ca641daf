//! `docs/rules.md` says what the rule files say: its part between the
//! `generated` markers is made from the doc comments of `src/rules/plan/*.rs`
//! and `src/rules/register/*.rs` and the table of codes. Run with `UPDATE_DOCS=1` to rewrite it after
//! changing a rule's doc comment.

use std::collections::BTreeMap;
use std::path::Path;

use juwei::rules::{Scope, RULES};

const BEGIN: &str = "<!-- generated from src/rules/plan/*.rs and src/rules/register/*.rs by tests/rules_doc.rs: do not edit below -->";
const END: &str = "<!-- end of generated part -->";

/// The doc comment of each rule file, by code: (slug, body after the heading).
fn rule_docs() -> BTreeMap<String, (String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut out = BTreeMap::new();
    let files = ["plan", "register"]
        .into_iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path());
    for path in files {
        let text = std::fs::read_to_string(path).unwrap();
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.strip_prefix("//!")
                    .unwrap()
                    .strip_prefix(' ')
                    .unwrap_or("")
            })
            .collect();
        let Some(heading) = doc.first().and_then(|h| h.strip_prefix("# ")) else {
            continue;
        };
        let (code, slug) = heading.split_once(' ').expect("`# CODE slug`");
        let body = doc[1..].join("\n").trim().to_string();
        out.insert(code.to_string(), (slug.to_string(), body));
    }
    out
}

fn scope(s: Scope) -> &'static str {
    match s {
        Scope::Plan => "plan",
        Scope::PlanRegister => "plan + register (`--register`)",
        Scope::Revision => "plan + previous revision (`--previous`)",
        Scope::Register => "register",
    }
}

/// The heading a rule stands under in `docs/rules.md`.
fn section_of(code: &str, scope: Scope) -> &'static str {
    match code {
        _ if code.starts_with('G') => "Plan validity",
        _ if code.starts_with("A2") => "附件2 — hardware standard",
        _ if code.starts_with("A7") => "附件7 — community police room",
        _ if code.starts_with("A1-4") => "附件1 — residents' affairs made public",
        _ if scope == Scope::Register && code.starts_with("A1-3.4") => {
            "附件1 §3.4 — the seals (register)"
        }
        _ if scope == Scope::Register => "附件1 §3.6.3 — the fixed-asset register",
        _ => "附件1 §3.6.1–3.6.2 — premises changes",
    }
}

fn generated() -> String {
    let docs = rule_docs();
    let mut out = String::new();
    let mut section = "";
    for meta in RULES {
        let Some((slug, body)) = docs.get(meta.code) else {
            continue;
        };
        assert_eq!(slug, meta.slug, "{}: doc heading slug", meta.code);
        let this = section_of(meta.code, meta.scope);
        if this != section {
            out.push_str(&format!("\n## {this}\n"));
            section = this;
        }
        out.push_str(&format!(
            "\n### {} {}\n\n{} · {} · `{}` · {} · checks the {}\n\n{}\n",
            meta.code,
            meta.slug,
            meta.title,
            meta.title_en,
            meta.severity.as_str(),
            meta.clause,
            scope(meta.scope),
            body
        ));
    }
    out
}

#[test]
fn docs_rules_md_matches_the_rule_files() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let text = std::fs::read_to_string(&path).expect("docs/rules.md exists");
    let start = text.find(BEGIN).expect("begin marker") + BEGIN.len();
    let end = text.find(END).expect("end marker");
    let want = generated();
    let have = &text[start..end];
    if have.trim() == want.trim() {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let new = format!("{}\n{}\n{}", &text[..start], want.trim(), &text[end..]);
        juwei::io::write_atomic(&path, new.as_bytes()).unwrap();
        return;
    }
    panic!("docs/rules.md is out of date with the rule files: run UPDATE_DOCS=1 cargo test --test rules_doc");
}

#[test]
fn every_rule_is_in_the_docs_with_what_why_and_clause() {
    let docs = rule_docs();
    for meta in RULES {
        let (_, body) = docs
            .get(meta.code)
            .unwrap_or_else(|| panic!("{} has no doc", meta.code));
        for section in ["**What it checks.**", "**Why.**", "**Clause.**"] {
            assert!(body.contains(section), "{} lacks {section}", meta.code);
        }
    }
}
