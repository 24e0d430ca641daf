//! # A2-2.1 estate-guide-sign
//!
//! **What it checks.** An `EstateGuideSign` stands at `Site(EstateGate)`,
//! the estate's gate. A guide sign anywhere else does not count (the message
//! says where it is).
//!
//! **Why.** Residents and visitors find the committee from the estate gate;
//! the sign carries the district's committee logo and the committee's address.
//!
//! **Clause.** 附件2 二.1 「户外指引牌:小区门口应设立居委会指示牌,上写全区统一的具有图形和文字元素的居委会标识,并标明居委会所在地址。」
//!
//! **Interpretation.** A plan cannot show what a sign says; the message
//! quotes the committee's `address` from the plan as the address the sign
//! must carry.

use super::support::{count_at_site, elsewhere};
use crate::model::{ItemKind, SitePlace};
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::EstateGuideSign;
    if count_at_site(plan, kind, SitePlace::EstateGate) > 0 {
        return Vec::new();
    }
    let (where_zh, where_en) = elsewhere(plan, kind);
    let address = plan.committee.address.trim();
    let (addr_zh, addr_en) = if address.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(",指示牌应标明地址「{address}」"),
            format!("; it must show the address {address}"),
        )
    };
    vec![Finding::new(
        rule("A2-2.1"),
        format!("小区门口未设居委会户外指引牌{where_zh}{addr_zh}"),
        format!("No committee guide sign at the estate gate{where_en}{addr_en}"),
    )
    .item(kind)]
}
