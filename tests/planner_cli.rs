//! `juwei plan` in a build without the planner (`--no-default-features`):
//! it says so, in the chosen language, and exits 2.
#![cfg(not(feature = "gui"))]

use std::process::Command;

const JUWEI: &str = env!("CARGO_BIN_EXE_juwei");

#[test]
fn plan_without_the_gui_feature_says_so_and_exits_2() {
    let out = Command::new(JUWEI)
        .args(["plan", "tests/fixtures/planner/sample.ron"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("平面图编辑器") && err.contains("gui"), "{err}");
    let out = Command::new(JUWEI)
        .args(["--lang", "en", "plan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("planner was not built"), "{err}");
}
