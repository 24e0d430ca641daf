//! `juwei report`'s committee pages print on two A4 pages (issue 12): every
//! sample committee's page, in Chinese and in English, is printed to PDF by
//! headless Chromium and its pages counted.
//!
//! `scripts/test` installs chromium and fonts-noto-cjk. Without chromium the
//! test says so and checks nothing, except under CI, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::juwei;

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// The pages of a PDF as Chromium writes it: one `/Type /Page` object per
/// page (the page tree is `/Type /Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

/// Print `html` to a PDF beside it and count its pages.
fn printed_pages(browser: &str, html: &Path) -> usize {
    let pdf = html.with_extension("pdf");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
        panic!(
            "{}: no PDF ({e}); chromium said: {}",
            html.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(bytes.starts_with(b"%PDF"), "{}", pdf.display());
    pdf_pages(&bytes)
}

/// The committee pages `juwei report` wrote into `dir`.
fn committee_pages(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "html")
                && p.file_name().is_some_and(|n| n != "index.html")
        })
        .collect();
    v.sort();
    v
}

#[test]
fn pdf_pages_are_counted() {
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>\n\
                2 0 obj << /Type /Page /Parent 1 0 R >>\n3 0 obj << /Type /Page\n/Parent 1 0 R >>";
    assert_eq!(pdf_pages(pdf), 2);
}

#[test]
fn every_sample_committee_prints_on_two_a4_pages() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium is missing under CI: scripts/test should have installed it"
        );
        eprintln!(
            "chromium not installed: skipping the page count (apt-get install chromium fonts-noto-cjk)"
        );
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let district = work.path().join("district");
    let o = juwei(&[
        "sample",
        "--committees",
        "12",
        "--seed",
        "2017",
        "--previous-share",
        "0.3",
        district.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    // the repository's sample committees and generated ones, in Chinese;
    // the repository's in English too (its words are longer)
    let runs = [
        ("zh", plans.clone(), "plans-zh"),
        ("zh", district.clone(), "district-zh"),
        ("en", plans, "plans-en"),
    ];
    let mut pages: Vec<PathBuf> = Vec::new();
    for (lang, dir, out) in runs {
        let out = work.path().join(out);
        let o = juwei(&[
            "--lang",
            lang,
            "report",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--date",
            "2026-12-01",
        ]);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let found = committee_pages(&out);
        assert!(found.len() >= 7, "{}: {found:?}", out.display());
        pages.extend(found);
    }
    // two browsers at a time (the machines have two cores)
    let (a, b) = pages.split_at(pages.len() / 2);
    let counts: Vec<(PathBuf, usize)> = std::thread::scope(|s| {
        let run = |list: &[PathBuf]| -> Vec<(PathBuf, usize)> {
            list.iter()
                .map(|p| (p.clone(), printed_pages(browser, p)))
                .collect()
        };
        let h = s.spawn(move || run(a));
        let mut v = run(b);
        v.extend(h.join().unwrap());
        v
    });
    let too_long: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 2 || *n == 0)
        .map(|(p, n)| {
            let rel = p.strip_prefix(work.path()).unwrap_or(p);
            format!("{} prints on {n} pages", rel.display())
        })
        .collect();
    assert!(
        too_long.is_empty(),
        "a committee's report must fit on two A4 pages:\n{}",
        too_long.join("\n")
    );
}
