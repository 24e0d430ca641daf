//! Plan rules, one file per rule. Each file's doc comment has the same
//! sections: **What it checks**, **Why**, **Clause** (quoted), and, where
//! the spec left a choice, **Interpretation**; its fixtures sit in
//! `tests/fixtures/rules/<code>/`. `docs/rules.md` is generated from these
//! doc comments (`tests/rules_doc.rs`).
//!
//! [`VALIDITY`] runs first; [`RULES`] only on a plan without G01–G04 errors.

use super::PlanCheck;
use crate::rules::Code;

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
pub static VALIDITY: &[(Code, PlanCheck)] = &[
    (Code::G01, invalid_polygon::check),
    (Code::G02, rooms_overlap::check),
    (Code::G03, unknown_reference::check),
    (Code::G04, door_off_wall::check),
];

/// Every other plan rule, by code, in the order of `rules.md`.
pub static RULES: &[(Code, PlanCheck)] = &[
    (Code::G05, unreachable_room::check),
    (Code::G06, certified_area_mismatch::check),
    (Code::A2_1_1, new_estate_office_area::check),
    (Code::A2_1_2, old_estate_priority_upgrade::check),
    (Code::A2_1_2a, old_estate_gradual_upgrade::check),
    (Code::A2_1_4, activity_room_converted::check),
    (Code::A2_1_4a, activity_space_reduced::check),
    (Code::A2_2_1, estate_guide_sign::check),
    (Code::A2_2_2, entrance_plaques::check),
    (Code::A2_2_3, desk_cards::check),
    (Code::A2_3_1, zone_office::check),
    (Code::A2_3_2, zone_meeting::check),
    (Code::A2_3_2a, meeting_curtain::check),
    (Code::A2_3_3, zone_service::check),
    (Code::A2_3_3a, service_cabinet::check),
    (Code::A2_3_4, zone_reception::check),
    (Code::A2_3_4a, reception_merged::check),
    (Code::A2_3_4b, reception_privacy::check),
    (Code::A2_4_3, anti_slip_floor::check),
    (Code::A2_4_4, security_fire::check),
    (Code::A2_4_4a, security_camera_safe::check),
    (Code::A2_4_5, courtyard::check),
    (Code::A2_5_1, wall_boards::check),
    (Code::A2_5_3, bulletin_board_present::check),
    (Code::A2_5_4, bulletin_boards::check),
    (Code::A2_6_1, committee_mailbox::check),
    (Code::A2_6_2, extra_plaques::check),
    (Code::A2_6_3, required_equipment::check),
    (Code::A2_6_4, equipment_registered::check),
    (Code::A7_1_1, police_room_independent::check),
    (Code::A7_1_1b, police_room_access::check),
    (Code::A7_1_1a, police_desks::check),
    (Code::A7_1_2, police_wall_boards::check),
    (Code::A7_1_3, police_notice_contact::check),
    (Code::A7_1_4, police_guide_sign::check),
    (Code::A7_2, police_services::check),
    (Code::A7_3, police_officer_role::check),
    (Code::A1_4_3_3, affairs_board::check),
    (Code::A1_3_6_1, premises_change_consent::check),
    (Code::A1_3_6_2, change_of_use::check),
];

/// The check of a code, if it is a plan rule.
pub fn check_of(code: Code) -> Option<PlanCheck> {
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
            assert_ne!(code.meta().scope, Scope::Register, "{code}");
        }
        let n = VALIDITY.len() + RULES.len();
        let plan_codes = TABLE.iter().filter(|r| r.scope != Scope::Register).count();
        assert_eq!(n, plan_codes, "each plan code registered once");
    }
}
