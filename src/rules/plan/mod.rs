//! Plan rules, one file per rule. Each file's doc comment has the same
//! sections: **What it checks**, **Why**, **Clause** (quoted), and, where
//! the spec left a choice, **Interpretation**; its fixtures sit in
//! `tests/fixtures/rules/<code>/`. `docs/rules.md` is generated from these
//! doc comments (`tests/rules_doc.rs`).
//!
//! [`VALIDITY`] runs first; [`RULES`] only on a plan without G01–G04 errors.

use super::PlanCheck;

mod support;

// A. plan validity
mod certified_area_mismatch;
mod door_off_wall;
mod invalid_polygon;
mod rooms_overlap;
mod unknown_reference;
mod unreachable_room;
// B. 附件2
mod activity_room_converted;
mod activity_space_reduced;
mod anti_slip_floor;
mod bulletin_board_present;
mod bulletin_boards;
mod committee_mailbox;
mod courtyard;
mod desk_cards;
mod entrance_plaques;
mod equipment_registered;
mod estate_guide_sign;
mod extra_plaques;
mod meeting_curtain;
mod new_estate_office_area;
mod old_estate_gradual_upgrade;
mod old_estate_priority_upgrade;
mod reception_merged;
mod reception_privacy;
mod required_equipment;
mod security_camera_safe;
mod security_fire;
mod service_cabinet;
mod wall_boards;
mod zone_meeting;
mod zone_office;
mod zone_reception;
mod zone_service;
// C. 附件7
mod police_desks;
mod police_guide_sign;
mod police_notice_contact;
mod police_officer_role;
mod police_room_access;
mod police_room_independent;
mod police_services;
mod police_wall_boards;
// D. 附件1
mod affairs_board;
mod change_of_use;
mod premises_change_consent;

pub use police_wall_boards::physical_walls;

/// G01–G04: a plan with any of these is invalid and is not checked further.
pub static VALIDITY: &[(&str, PlanCheck)] = &[
    ("G01", invalid_polygon::check),
    ("G02", rooms_overlap::check),
    ("G03", unknown_reference::check),
    ("G04", door_off_wall::check),
];

/// Every other plan rule, by code, in the order of `rules.md`.
pub static RULES: &[(&str, PlanCheck)] = &[
    ("G05", unreachable_room::check),
    ("G06", certified_area_mismatch::check),
    ("A2-1.1", new_estate_office_area::check),
    ("A2-1.2", old_estate_priority_upgrade::check),
    ("A2-1.2a", old_estate_gradual_upgrade::check),
    ("A2-1.4", activity_room_converted::check),
    ("A2-1.4a", activity_space_reduced::check),
    ("A2-2.1", estate_guide_sign::check),
    ("A2-2.2", entrance_plaques::check),
    ("A2-2.3", desk_cards::check),
    ("A2-3.1", zone_office::check),
    ("A2-3.2", zone_meeting::check),
    ("A2-3.2a", meeting_curtain::check),
    ("A2-3.3", zone_service::check),
    ("A2-3.3a", service_cabinet::check),
    ("A2-3.4", zone_reception::check),
    ("A2-3.4a", reception_merged::check),
    ("A2-3.4b", reception_privacy::check),
    ("A2-4.3", anti_slip_floor::check),
    ("A2-4.4", security_fire::check),
    ("A2-4.4a", security_camera_safe::check),
    ("A2-4.5", courtyard::check),
    ("A2-5.1", wall_boards::check),
    ("A2-5.3", bulletin_board_present::check),
    ("A2-5.4", bulletin_boards::check),
    ("A2-6.1", committee_mailbox::check),
    ("A2-6.2", extra_plaques::check),
    ("A2-6.3", required_equipment::check),
    ("A2-6.4", equipment_registered::check),
    ("A7-1.1", police_room_independent::check),
    ("A7-1.1b", police_room_access::check),
    ("A7-1.1a", police_desks::check),
    ("A7-1.2", police_wall_boards::check),
    ("A7-1.3", police_notice_contact::check),
    ("A7-1.4", police_guide_sign::check),
    ("A7-2", police_services::check),
    ("A7-3", police_officer_role::check),
    ("A1-4.3.3", affairs_board::check),
    ("A1-3.6.1", premises_change_consent::check),
    ("A1-3.6.2", change_of_use::check),
];

/// The check of a code, if it is a plan rule.
pub fn check_of(code: &str) -> Option<PlanCheck> {
    VALIDITY
        .iter()
        .chain(RULES)
        .find(|(c, _)| *c == code)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Scope, RULES as TABLE};

    #[test]
    fn every_registered_check_is_a_plan_code_of_the_table() {
        for (code, _) in VALIDITY.iter().chain(RULES) {
            let meta = crate::rules::meta(code).unwrap_or_else(|| panic!("{code} not in table"));
            assert_ne!(meta.scope, Scope::Register, "{code}");
        }
        let n = VALIDITY.len() + RULES.len();
        let plan_codes = TABLE.iter().filter(|r| r.scope != Scope::Register).count();
        assert_eq!(n, plan_codes, "each plan code registered once");
    }
}
