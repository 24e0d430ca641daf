//! A retired rule stays retired (rules.md: "Codes are never reused: a
//! retired code stays retired"): its code and slug appear in no output of
//! juwei — the rule list, the generated docs, the snapshots, the samples
//! and what checking them prints — and a register that still writes
//! `special` loads and means nothing to any rule.

use std::path::{Path, PathBuf};
use std::process::Command;

use juwei::rules::codes::RETIRED;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn juwei(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_juwei"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap()
}

/// The retired codes and slugs found in `text`.
fn mentions(text: &str) -> Vec<&'static str> {
    RETIRED
        .iter()
        .flat_map(|(code, slug)| [*code, *slug])
        .filter(|s| text.contains(s))
        .collect()
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn the_rule_list_has_no_retired_code() {
    for args in [
        &["rules"][..],
        &["rules", "--format", "json"],
        &["--lang", "en", "rules"],
        &["rules", "A1-3.6"],
    ] {
        let o = juwei(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(mentions(&out), Vec::<&str>::new(), "juwei {args:?}");
    }
    // asked for by name, it says that it was retired, not that it never was
    for (code, slug) in RETIRED {
        for q in [*code, *slug, &code.to_lowercase()] {
            let o = juwei(&["--lang", "en", "rules", q]);
            assert_eq!(o.status.code(), Some(2), "{q}");
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(err.contains("retired"), "{q}: {err}");
        }
    }
}

#[test]
fn no_doc_snapshot_or_sample_mentions_a_retired_code() {
    let mut found = Vec::new();
    let mut scanned = 0;
    let dirs = ["docs", "tests/snapshots", "plans", "tests/fixtures"];
    for dir in dirs {
        for p in files(&root().join(dir)) {
            // the contract, copied verbatim, records the retirement itself
            if p.starts_with(root().join("docs/spec")) {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue; // images, workbooks
            };
            scanned += 1;
            let m = mentions(&text);
            if !m.is_empty() {
                found.push(format!("{}: {m:?}", p.display()));
            }
        }
    }
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    if !mentions(&readme).is_empty() {
        found.push("README.md".to_string());
    }
    assert!(scanned > 100, "only {scanned} files scanned");
    assert!(found.is_empty(), "{}", found.join("\n"));
    // the profile's thresholds went with the rule
    let profile = juwei::rules::profile::JINGAN_2017;
    assert!(!profile.contains("threshold_fen"), "the built-in profile");
}

#[test]
fn checking_and_auditing_the_samples_never_reports_a_retired_code() {
    for args in [
        &["audit", "plans", "--format", "json"][..],
        &["--lang", "en", "audit", "plans"],
    ] {
        let o = juwei(args);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(!out.is_empty(), "{args:?}");
        assert_eq!(mentions(&out), Vec::<&str>::new(), "juwei {args:?}");
    }
    for e in std::fs::read_dir(root().join("plans")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".register.ron") else {
            continue;
        };
        let plan = format!("plans/{stem}.ron");
        let register = format!("plans/{name}");
        for args in [
            vec!["check", &plan, "--register", &register, "--format", "json"],
            vec!["register", &register, "--check", "--format", "json"],
        ] {
            let o = juwei(&args);
            let out = String::from_utf8_lossy(&o.stdout);
            assert!(out.contains("findings"), "{args:?}: {out}");
            assert_eq!(mentions(&out), Vec::<&str>::new(), "juwei {args:?}");
        }
    }
}

#[test]
fn special_is_accepted_and_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let text = |special: &str| {
        format!(
            r#"(
    format: 1,
    committee: "JA-TEST-001",
    events: [
        (date: "2025-03-01", asset: "ZC-0001", event: Acquire((source: Purchase, name: "电话机",
            kind: Telephone, {special}unit_value_fen: 15000, custodian: "张三", location: "R1"))),
        (date: "2025-12-29", event: Stocktake(year: 2025, sheet: "count.csv", by: ["张三"])),
    ],
)
"#
        )
    };
    std::fs::write(
        dir.path().join("count.csv"),
        "asset,name,location,counted\nZC-0001,电话机,R1,1\n",
    )
    .unwrap();
    let mut outputs = Vec::new();
    for (name, special) in [
        ("plain.register.ron", ""),
        ("special.register.ron", "special: true, "),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text(special)).unwrap();
        let path = path.to_string_lossy().to_string();
        let o = juwei(&[
            "register",
            &path,
            "--check",
            "--date",
            "2026-03-01",
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        outputs.push(v["findings"].clone());
    }
    // a 150-yuan telephone is on the books with no advice, special or not
    assert_eq!(outputs[0], serde_json::Value::Array(Vec::new()));
    assert_eq!(outputs[0], outputs[1]);
}
