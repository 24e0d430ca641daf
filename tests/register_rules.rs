//! Section D rules: every register rule has its check, its documentation
//! and fixtures that pass and fail; the findings of failing fixtures are
//! snapshots.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use juwei::register::load_register;
use juwei::rules::register::{check_register, RegisterCheck, CHECKS};
use juwei::rules::{Code, Finding, Profile, Scope, RULES};

/// The day every fixture is checked on.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

fn fixtures(code: Code) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register")
        .join(code.as_str());
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

fn run(path: &Path) -> Vec<Finding> {
    let reg = load_register(path).unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::jingan_2017();
    let ctx = RegisterCheck {
        profile: &profile,
        today: today(),
        base_dir: reg.base_dir(),
    };
    check_register(&reg, &ctx)
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_register_code_has_a_check_and_every_check_a_code() {
    let mut codes: Vec<&str> = RULES
        .iter()
        .filter(|r| r.scope == Scope::Register)
        .map(|r| r.code)
        .collect();
    let mut checked: Vec<&str> = CHECKS.iter().map(|c| c.0.as_str()).collect();
    codes.sort();
    checked.sort();
    assert_eq!(codes, checked);
}

#[test]
fn every_rule_file_documents_what_why_and_quotes_its_clause() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules/register");
    for (code, _) in CHECKS {
        let meta = code.meta();
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .find(|t| t.starts_with(&format!("//! # {code} {}\n", meta.slug)))
            .unwrap_or_else(|| panic!("no rule file for {code}"));
        for section in ["//! **What it checks.**", "//! **Why.**", "//! **Clause.**"] {
            assert!(file.contains(section), "{code} lacks {section}");
        }
        // the clause's key words, quoted in the rule's docs
        let key = meta.clause_text.trim_end_matches('。');
        let key = key.rsplit(',').next().unwrap();
        assert!(file.contains(key), "{code} does not quote «{key}»");
    }
}

#[test]
fn pass_fixtures_have_no_finding_of_their_rule() {
    for (code, _) in CHECKS {
        let passes: Vec<_> = fixtures(*code)
            .into_iter()
            .filter(|p| stem(p).starts_with("pass-"))
            .collect();
        assert!(!passes.is_empty(), "{code} has no pass fixture");
        for p in passes {
            let hits: Vec<_> = run(&p)
                .into_iter()
                .filter(|f| f.code == code.as_str())
                .collect();
            assert!(hits.is_empty(), "{}: {hits:#?}", p.display());
        }
    }
}

#[test]
fn fail_fixtures_have_findings_of_their_rule() {
    for (code, _) in CHECKS {
        let fails: Vec<_> = fixtures(*code)
            .into_iter()
            .filter(|p| stem(p).starts_with("fail-"))
            .collect();
        assert!(!fails.is_empty(), "{code} has no fail fixture");
        for p in fails {
            let hits: Vec<_> = run(&p)
                .into_iter()
                .filter(|f| f.code == code.as_str())
                .collect();
            assert!(!hits.is_empty(), "{}: no {code} finding", p.display());
            for f in &hits {
                assert!(!f.message.is_empty() && !f.message_en.is_empty());
                assert_eq!(f.clause, code.meta().clause);
            }
            insta::assert_json_snapshot!(format!("{code}__{}", stem(&p)), hits);
        }
    }
}

#[test]
fn planned_events_are_not_facts_yet() {
    // the handover of 2026-01-12 is written in but, checked on 2026-01-10,
    // has not happened: the assets are not handed over yet (A1-3.6.3d has no
    // deadline), the seal is still in time (A1-3.4.4)
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.6.3d/fail-asset-left-out.ron");
    let reg = load_register(&p).unwrap();
    let profile = Profile::jingan_2017();
    let early = RegisterCheck {
        profile: &profile,
        today: NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
        base_dir: reg.base_dir(),
    };
    let f = check_register(&reg, &early);
    assert!(f.iter().all(|f| f.code != "A1-3.4.4"), "{f:#?}");
    let handover: Vec<&Finding> = f.iter().filter(|f| f.code == "A1-3.6.3d").collect();
    assert_eq!(handover.len(), 1, "{f:#?}");
    assert!(
        handover[0]
            .message_en
            .starts_with("No asset handover recorded"),
        "{handover:#?}"
    );
    // once it has happened, the handover itself is judged: it leaves a card out
    let later = RegisterCheck {
        today: NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
        ..early
    };
    let f = check_register(&reg, &later);
    let handover: Vec<&Finding> = f.iter().filter(|f| f.code == "A1-3.6.3d").collect();
    assert_eq!(handover.len(), 1, "{f:#?}");
    assert!(
        handover[0].message_en.contains("leaves out"),
        "{handover:#?}"
    );
}

#[test]
fn a_year_end_count_is_due_once_its_window_has_closed() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.6.3b/fail-year-skipped.ron");
    let reg = load_register(&p).unwrap();
    let profile = Profile::jingan_2017();
    let on = |y, m, d| {
        let ctx = RegisterCheck {
            profile: &profile,
            today: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            base_dir: reg.base_dir(),
        };
        check_register(&reg, &ctx)
            .into_iter()
            .filter(|f| f.code == "A1-3.6.3b")
            .count()
    };
    // 2024 was not counted: still in time on the window's last day (31
    // January 2025), missing from the day after
    assert_eq!(on(2025, 1, 31), 0);
    assert_eq!(on(2025, 2, 1), 1);
}

#[test]
fn the_year_end_window_is_the_profiles() {
    // the 2024 count of 6 January 2025 is in Jing'an's window; a district
    // that counts within December only does not accept it
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.6.3b/pass-every-year-counted.ron");
    let reg = load_register(&p).unwrap();
    let strict_text = juwei::rules::profile::JINGAN_2017.replace(
        r#"year_end_count: (from: "12-01", until: "01-31")"#,
        r#"year_end_count: (from: "12-01", until: "12-31")"#,
    );
    assert_ne!(strict_text, juwei::rules::profile::JINGAN_2017);
    let strict = Profile::parse(Path::new("strict.ron"), &strict_text).unwrap();
    for (profile, want) in [(Profile::jingan_2017(), 0), (strict, 1)] {
        let ctx = RegisterCheck {
            profile: &profile,
            today: today(),
            base_dir: reg.base_dir(),
        };
        let f: Vec<Finding> = check_register(&reg, &ctx)
            .into_iter()
            .filter(|f| f.code == "A1-3.6.3b")
            .collect();
        assert_eq!(f.len(), want, "{f:#?}");
        if want == 1 {
            assert!(f[0].message.contains("2024-12-01 至 2024-12-31"), "{f:#?}");
        }
    }
    // a day that is not in every year, or in none, is refused at its line
    for bad in ["02-29", "13-01", "12-32", "1201"] {
        let text = juwei::rules::profile::JINGAN_2017
            .replace(r#"until: "01-31""#, &format!(r#"until: "{bad}""#));
        let e = Profile::parse(Path::new("p.ron"), &text).unwrap_err();
        let line = text
            .lines()
            .position(|l| l.contains("year_end_count:"))
            .unwrap()
            + 1;
        assert_eq!(e.line, line, "{bad}: {e}");
        assert!(e.message_en.contains("MM-DD"), "{bad}: {e}");
    }
    // a profile written before the setting existed has Jing'an's window
    let old = juwei::rules::profile::JINGAN_2017
        .replace(r#"year_end_count: (from: "12-01", until: "01-31"),"#, "");
    let p = Profile::parse(Path::new("old.ron"), &old).unwrap();
    assert_eq!(p.year_end_count, Profile::jingan_2017().year_end_count);
}

#[test]
fn seal_matters_come_from_the_profile() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.4.3/pass-listed-and-approved.ron");
    let reg = load_register(&p).unwrap();
    let check = |profile: &Profile| -> Vec<Finding> {
        let ctx = RegisterCheck {
            profile,
            today: today(),
            base_dir: reg.base_dir(),
        };
        check_register(&reg, &ctx)
            .into_iter()
            .filter(|f| f.code == "A1-3.4.3")
            .collect()
    };
    // another district's list: number 24 is not in it
    let mut other = Profile::jingan_2017();
    other.seal_matters.retain(|m| m.number != 24);
    let f = check(&other);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0]
        .message_en
        .contains("matter 24 is not in the seal-use list"));
    // a profile with no list at all says it cannot check
    let mut none = Profile::jingan_2017();
    none.seal_matters.clear();
    let f = check(&none);
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(
        f[0].message.contains("规则配置中没有印章使用事项清单"),
        "{f:#?}"
    );
}

#[test]
fn a_recall_ends_at_the_election_and_the_seal_rules_see_only_facts() {
    // checked on the day of the recall, the seal is not yet overdue to the street
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.4.5/fail-not-to-street-yet.ron");
    let reg = load_register(&p).unwrap();
    let profile = Profile::jingan_2017();
    let on_the_day = RegisterCheck {
        profile: &profile,
        today: NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(),
        base_dir: reg.base_dir(),
    };
    assert!(check_register(&reg, &on_the_day)
        .iter()
        .all(|f| f.code != "A1-3.4.5"));
    // a return owed after the election is not late before its tenth day
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/register/A1-3.4.5/fail-not-returned.ron");
    let reg = load_register(&p).unwrap();
    let day10 = RegisterCheck {
        today: NaiveDate::from_ymd_opt(2026, 1, 18).unwrap(),
        ..on_the_day
    };
    assert!(check_register(&reg, &day10)
        .iter()
        .all(|f| f.code != "A1-3.4.5" && f.code != "A1-3.4.4"));
}
