//! # A2-4.4 security-fire
//!
//! **What it checks.** The premises (any room holding neither a
//! `ResidentActivity` nor a `Courtyard` zone) have an anti-theft door
//! (`AntiTheftDoor`), anti-theft windows (`AntiTheftWindow`) and fire
//! equipment (`FireEquipment`). One finding per missing kind.
//!
//! **Why.** The office keeps residents' files, seals and equipment: it must
//! be secured against theft and equipped against fire.
//!
//! **Clause.** 附件2 四.4 「安全:安装防盗窗、防盗门等安全设施;配消防设备。」
//!
//! **Interpretation.** The three kinds are the clause's own words, not a
//! district threshold, so they are fixed here rather than in the profile.
//! Items at a site place (outdoors) do not secure the premises and are not
//! counted.

use super::support::{count_in_rooms, premises_rooms};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

const REQUIRED: [ItemKind; 3] = [
    ItemKind::AntiTheftDoor,
    ItemKind::AntiTheftWindow,
    ItemKind::FireEquipment,
];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let premises = premises_rooms(ctx.plan);
    REQUIRED
        .into_iter()
        .filter(|&k| count_in_rooms(ctx, k, &premises) == 0)
        .map(|kind| {
            let (zh, en) = match kind {
                ItemKind::FireEquipment => ("未配消防设备", "No fire equipment in the premises"),
                ItemKind::AntiTheftDoor => ("未安装防盗门", "No anti-theft door on the premises"),
                _ => ("未安装防盗窗", "No anti-theft windows on the premises"),
            };
            Finding::new(rule(Code::A2_4_4), format!("居委会办公用房{zh}"), en).item(kind)
        })
        .collect()
}
