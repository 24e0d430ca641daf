//! Issue 9, "Bad input": the additions of revision 2 that can be wrong in a
//! plan are a located error or the finding the contract names, never a
//! panic. (A seal event on an unknown seal is the register's: see
//! `register_rules.rs`.)

mod common;

use common::{juwei, stderr, stdout};
use serde_json::Value;

fn line_of(path: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn a_level_that_is_not_an_integer_exits_2_located() {
    let path = "tests/fixtures/cli/bad-level.ron";
    let o = juwei(&["check", path]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let e = stderr(&o);
    let line = line_of(path, "level: 1.5");
    assert!(e.contains(&format!("bad-level.ron:{line}:")), "{e}");
    assert!(e.contains("整数"), "{e}");
}

#[test]
fn an_estate_that_names_no_estate_is_g03_at_its_line() {
    let path = "tests/fixtures/cli/unknown-estate.ron";
    let o = juwei(&["check", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], false);
    let g03: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "G03")
        .collect();
    assert_eq!(g03.len(), 1, "{g03:?}");
    assert_eq!(g03[0]["estate"], "E9");
    assert_eq!(g03[0]["file"], "plan");
    assert_eq!(g03[0]["line"], line_of(path, "estate: \"E9\""));
}

#[test]
fn a_per_estate_finding_points_at_its_estate() {
    // E2 loses its guide sign: A2-2.1 for E2 only, at E2's entry
    let path = "tests/fixtures/rules/A2-2.1/fail-second-estate-without-sign.ron";
    let o = juwei(&["check", path, "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let a221: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "A2-2.1")
        .collect();
    assert_eq!(a221.len(), 1, "{a221:?}");
    assert_eq!(a221[0]["estate"], "E2");
    assert_eq!(a221[0]["line"], line_of(path, "estates: ["));
}

#[test]
fn a_stair_outside_the_upstairs_room_is_g04_at_its_rooms() {
    let path = "tests/fixtures/rules/G04/fail-stair-outside-upstairs-room.ron";
    let o = juwei(&["check", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["valid"], false);
    let g04 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "G04")
        .expect("G04");
    assert_eq!(g04["rooms"], serde_json::json!(["C1", "U1"]));
    assert!(
        g04["message_en"]
            .as_str()
            .unwrap()
            .contains("not inside room U1"),
        "{g04}"
    );
}
