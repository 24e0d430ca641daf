//! # A2-4.5 courtyard
//!
//! **What it checks.** When the plan has a courtyard (a room holding the
//! `Courtyard` zone), its courtyard rooms together have a green area
//! (`GreenArea`), a barrier-free ramp (`AccessibleRamp`) with a handrail
//! (`Handrail`), and a residents' mailbox (`ResidentMailbox`). One finding
//! per missing kind. The bicycle shed and information board are optional
//! (有条件的可以) and are not checked.
//!
//! **Why.** The courtyard is the committee's threshold: greenery, access for
//! wheelchairs and the elderly, and a mailbox for residents.
//!
//! **Clause.** 附件2 四.5 「天井:适当开辟绿化区,安装无障碍设施坡道和扶手,设置居民信箱,有条件的可以设置自行车停车棚点和信息栏。」
//!
//! **Interpretation.** The standard makes these facilities appropriate
//! (适当) rather than mandatory, hence an advisory. With several courtyard
//! rooms the facilities are looked for in all of them together (one green
//! area serves the committee).

use super::support::{count_in_rooms, ids, rooms_en, rooms_zh};
use crate::model::{ItemKind, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

const EXPECTED: [ItemKind; 4] = [
    ItemKind::GreenArea,
    ItemKind::AccessibleRamp,
    ItemKind::Handrail,
    ItemKind::ResidentMailbox,
];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let yards = ctx.rooms_with(Zone::Courtyard);
    if yards.is_empty() {
        return Vec::new();
    }
    let plan = ctx.plan;
    EXPECTED
        .into_iter()
        .filter(|&k| count_in_rooms(ctx, k, &yards) == 0)
        .map(|kind| {
            Finding::new(
                rule(Code::A2_4_5),
                format!("天井{}未设{}", rooms_zh(plan, &yards), kind.name_zh()),
                format!(
                    "The courtyard {} has no {}",
                    rooms_en(plan, &yards),
                    kind.name_en()
                ),
            )
            .rooms(ids(plan, &yards))
            .item(kind)
        })
        .collect()
}
