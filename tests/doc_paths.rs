//! Doc comments point at files that exist: every `docs/…`, `tests/…` or
//! `plans/…` path written in a doc comment (`///`, `//!`) under `src/` names
//! a file or folder of the repository (a path starting `../` is taken from
//! the source file's folder, as `include_str!` takes it).

use std::path::{Path, PathBuf};

/// The roots a path in a doc comment may start from.
const ROOTS: &[&str] = &["docs/", "tests/", "plans/"];

/// The repository paths named in one line of a doc comment: a root, then
/// path characters, trailing punctuation trimmed (`docs/rules.md).` →
/// `docs/rules.md`). A relative prefix (`../../`) is kept.
fn paths_in(line: &str) -> Vec<String> {
    let is_path = |c: char| c.is_ascii_alphanumeric() || "_./-".contains(c);
    let mut found = Vec::new();
    for root in ROOTS {
        let mut from = 0;
        while let Some(i) = line[from..].find(root) {
            let at = from + i;
            from = at + root.len();
            // a root inside a longer word (`mydocs/`) is not one
            let before = line[..at].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                continue;
            }
            // take a relative prefix (`../../`) with it
            let start = line[..at]
                .rfind(|c: char| !(c == '.' || c == '/'))
                .map_or(0, |j| j + 1);
            let end = line[at..]
                .find(|c: char| !is_path(c))
                .map_or(line.len(), |j| at + j);
            let path = line[start..end].trim_end_matches(['.', '/', '-']);
            if path.len() > start.abs_diff(at) + root.len() {
                found.push(path.to_string());
            }
        }
    }
    found
}

/// The doc-comment lines of a source file, with their line numbers.
fn doc_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_start();
        (t.starts_with("///") || t.starts_with("//!")).then(|| (i + 1, &t[3..]))
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `file:line: path` for each path in `text`'s doc comments that does not
/// exist, `file` being the source file (under `root`) the text is from.
fn missing(root: &Path, file: &Path, text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for (n, line) in doc_lines(text) {
        for p in paths_in(line) {
            let target = if p.starts_with("..") {
                file.parent().unwrap().join(&p)
            } else {
                root.join(&p)
            };
            if !target.exists() {
                bad.push(format!("{}:{n}: {p}", file.display()));
            }
        }
    }
    bad
}

#[test]
fn paths_in_doc_comments_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut bad = Vec::new();
    let mut seen = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        seen += doc_lines(&text)
            .map(|(_, l)| paths_in(l).len())
            .sum::<usize>();
        bad.extend(missing(root, f, &text));
    }
    // the scan finds the paths there are (src/lib.rs cites the standard)
    assert!(seen > 10, "only {seen} paths found in doc comments");
    assert!(
        bad.is_empty(),
        "doc comments name paths that do not exist:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_reads_paths_as_written() {
    assert_eq!(
        paths_in("(`docs/spec/cli.md`), see docs/rules.md."),
        ["docs/spec/cli.md", "docs/rules.md"]
    );
    assert_eq!(
        paths_in(r#"include_str!("../../tests/fixtures/plan/spec-example.ron");"#),
        ["../../tests/fixtures/plan/spec-example.ron"]
    );
    assert_eq!(
        paths_in("found by tests/robustness.rs; the"),
        ["tests/robustness.rs"]
    );
    assert!(paths_in("mydocs/x.md, a docs/ folder, fixtures-tests/x").is_empty());
}

#[test]
fn a_missing_path_is_reported_with_its_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join("src/lib.rs");
    let text = "//! See `docs/rules.md`.\nfn f() {}\n/// As `docs/no-such-file.md` says, and\n// docs/not-a-doc-comment.md\n";
    assert_eq!(
        missing(root, &file, text),
        [format!("{}:3: docs/no-such-file.md", file.display())]
    );
    let rel = "//! # include_str!(\"../../tests/no-such-fixture.ron\")\n";
    assert_eq!(missing(root, &root.join("src/geom/reach.rs"), rel).len(), 1);
}
