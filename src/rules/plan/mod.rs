//! Plan rules, one file per rule. Each file's doc comment has the same
//! sections: **What it checks**, **Why**, **Clause** (quoted), and its
//! fixtures sit in `tests/fixtures/rules/<code>/`.
//!
//! [`VALIDITY`] runs first; [`RULES`] only on a plan without G01–G04 errors.

use super::PlanCheck;

mod door_off_wall;
mod equipment_registered;
mod invalid_polygon;
mod rooms_overlap;
mod unknown_reference;
mod unreachable_room;

/// G01–G04: a plan with any of these is invalid and is not checked further.
pub static VALIDITY: &[(&str, PlanCheck)] = &[
    ("G01", invalid_polygon::check),
    ("G02", rooms_overlap::check),
    ("G03", unknown_reference::check),
    ("G04", door_off_wall::check),
];

/// Every other plan rule, by code.
pub static RULES: &[(&str, PlanCheck)] = &[
    ("G05", unreachable_room::check),
    ("A2-6.4", equipment_registered::check),
];

/// The check of a code, if it is a plan rule.
pub fn check_of(code: &str) -> Option<PlanCheck> {
    VALIDITY
        .iter()
        .chain(RULES)
        .find(|(c, _)| *c == code)
        .map(|(_, f)| *f)
}
