//! Follow-up (`followup.md`, issue 12) as users meet it on the command line:
//! paths that are not what a command needs, `juwei rules` search, status
//! files, costs.

mod common;
use common::{juwei, stderr, stdout};

const EXAMPLE: &str = "tests/fixtures/plan/spec-example.ron";

#[test]
fn audit_of_a_file_says_to_use_check() {
    let o = juwei(&["audit", EXAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("audit 需要文件夹; 单个平面图请用 juwei check"),
        "{e}"
    );
    let o = juwei(&["--lang", "en", "audit", EXAMPLE]);
    assert!(
        stderr(&o).contains("for one plan use juwei check"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_of_a_folder_says_to_use_audit() {
    let o = juwei(&["check", "tests/fixtures/plan"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("检查整个文件夹请用 juwei audit"), "{e}");
    assert!(!e.contains("os error"), "{e}");
}

#[test]
fn diff_of_folders_points_to_audit_previous() {
    let o = juwei(&["diff", "tests/fixtures/plan", "tests/fixtures/plan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--previous"), "{}", stderr(&o));
}

#[test]
fn missing_folder_and_missing_file_are_named() {
    let o = juwei(&["audit", "no-such-street"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no-such-street: 没有这个文件夹"),
        "{}",
        stderr(&o)
    );
    let o = juwei(&["check", "tests/fixtures/plan/no-such.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有这个文件"), "{}", stderr(&o));
    let o = juwei(&["check", EXAMPLE, "--register", "nowhere/x.register.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nowhere/x.register.ron"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn output_errors_never_show_a_temporary_file() {
    let o = juwei(&["check", EXAMPLE, "-o", "no-such-folder/out.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("no-such-folder/out.txt"), "{e}");
    assert!(!e.contains(".juwei-") && !e.contains(".tmp"), "{e}");
}

#[test]
fn rules_by_title_words_and_code_in_any_case() {
    let o = juwei(&["rules", "重点改善"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("A2-1.2"), "{}", stdout(&o));
    let o = juwei(&["rules", "a2-6.3"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(s.starts_with("A2-6.3 required-equipment"), "{s}");
    assert!(s.contains("传真机"), "{s}");
    let o = juwei(&["rules", "没有的词"]);
    assert_eq!(o.status.code(), Some(2));
}
