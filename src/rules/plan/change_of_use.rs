//! # A1-3.6.2 change-of-use
//!
//! **What it checks.** With the previous revision of the plan
//! (`--previous`): a room that keeps its id but whose zones changed between
//! the two revisions (its use: an office made a meeting room, a reception
//! room that also serves as the service area) while this revision records no
//! reason for the change (`revision.reason`). One finding per room, whoever
//! made the change (the street or the committee).
//!
//! **Why.** The premises were given to the committee for set uses; a change
//! of use is allowed, but not on a whim, and the reason written into the
//! revision is what the street and the residents can check it against.
//!
//! **Clause.** 附件1 3.6.2 「按照有关规定使用办公用房、活动用房,不得随意变更用途。」
//!
//! **Interpretation.**
//! - 随意 (at will) is read as "without a stated reason": juwei cannot judge a
//!   reason, only see that one was given. A blank reason is none.
//! - A reason copied unchanged from the previous revision explains that
//!   revision's change, not this one, and does not count.
//! - A room that no longer holds `ResidentActivity` is left out: a change that
//!   takes resident-activity space is A2-1.4's (a violation), not this
//!   advisory's.
//! - Rooms added or removed, and a room's outline, name, floor or items, are
//!   not changes of use; a street's change of rooms needs the committee's
//!   consent (A1-3.6.1).

use super::premises_change_consent::{changes, zone_set, zones_of, Change};
use super::support::{room_en, room_zh};
use crate::model::Zone;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some((prev, prev_geom)) = ctx.previous else {
        return Vec::new();
    };
    let rev = &ctx.plan.revision;
    let reason = rev.reason.as_deref().map(str::trim).unwrap_or("");
    let carried =
        !reason.is_empty() && prev.revision.reason.as_deref().map(str::trim) == Some(reason);
    if !reason.is_empty() && !carried {
        return Vec::new();
    }
    let (why_zh, why_en) = if carried {
        (
            format!(
                "记录的理由与上一版(第{}版)相同,是对此前变更的说明",
                prev.revision.number
            ),
            format!(
                "the reason recorded is that of the previous revision ({}), given for an earlier change",
                prev.revision.number
            ),
        )
    } else {
        (
            "未记录变更理由".to_string(),
            "no reason is recorded".to_string(),
        )
    };
    changes(ctx, prev, prev_geom)
        .into_iter()
        .filter_map(|c| match c {
            Change::Zones(old, new) => Some((old, new)),
            _ => None,
        })
        .filter(|(old, new)| {
            !old.has(Zone::ResidentActivity) || zone_set(new).contains(&Zone::ResidentActivity)
        })
        .map(|(old, new)| {
            Finding::new(
                rule(Code::A1_3_6_2),
                format!(
                    "第{}版平面图中{}的用途由「{}」改为「{}」,{why_zh}(revision.reason)",
                    rev.number,
                    room_zh(new),
                    zones_of(old, true),
                    zones_of(new, true)
                ),
                format!(
                    "Revision {} changes the use of {}: zones {} → {}; {why_en} (revision.reason)",
                    rev.number,
                    room_en(new),
                    zones_of(old, false),
                    zones_of(new, false)
                ),
            )
            .room(&new.id)
        })
        .collect()
}
