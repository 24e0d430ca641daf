//! # A2-4.4a security-camera-safe
//!
//! **What it checks.** Advises when the premises have no surveillance camera
//! (`Camera`) or no safe (`Safe`): one finding per missing kind. Only items
//! in a room of the premises count.
//!
//! **Why.** Cash for services, seals and personal files are kept in the
//! office; the standard asks committees to add a camera and a safe where
//! they can (如条件允许), so this is advice.
//!
//! **Clause.** 附件2 四.4 「如条件允许应考虑安装监控探头和保险箱。」

use super::support::{count_in_rooms, premises_rooms};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

const ADVISED: [ItemKind; 2] = [ItemKind::Camera, ItemKind::Safe];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let premises = premises_rooms(ctx.plan);
    ADVISED
        .into_iter()
        .filter(|&k| count_in_rooms(ctx, k, &premises) == 0)
        .map(|kind| {
            Finding::new(
                rule(Code::A2_4_4a),
                format!(
                    "居委会办公用房未安装{},如条件允许应考虑安装",
                    kind.name_zh()
                ),
                format!(
                    "The premises have no {}; consider installing one where possible",
                    kind.name_en()
                ),
            )
            .item(kind)
        })
        .collect()
}
