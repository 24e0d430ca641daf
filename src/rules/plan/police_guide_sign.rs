//! # A7-1.4 police-guide-sign
//!
//! **What it checks.** Applies when some room holds the `Police` zone and the
//! committee is not street-facing (`street_facing: false`). A police guide
//! sign (`PoliceGuideSign`) stands at the estate's main passage
//! (`Site(MainPassage)`), apart from the committee's guide sign at the gate.
//! A police guide sign elsewhere does not count (the message says where).
//!
//! **Why.** Residents should find the police room on their way through the
//! estate, and not confuse it with the committee's office.
//!
//! **Clause.** 附件7 一.4 「警务室引导牌的设置应与居委会引导设施分开,设置在小区的主要通道醒目处(临街居委会可不设置警务室引导牌)。」

use super::support::{count_at_site, elsewhere, police_rooms};
use crate::model::{ItemKind, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::PoliceGuideSign;
    if police_rooms(ctx).is_empty()
        || plan.committee.street_facing
        || count_at_site(plan, kind, SitePlace::MainPassage) > 0
    {
        return Vec::new();
    }
    let (where_zh, where_en) = elsewhere(plan, kind);
    vec![Finding::new(
        rule(Code::A7_1_4),
        format!("小区主要通道未设警务室引导牌{where_zh};非临街居委会须设置"),
        format!(
            "No police guide sign on the estate's main passage{where_en}; required unless the committee is street-facing"
        ),
    )
    .item(kind)]
}
