//! # A2-6.1 committee-mailbox
//!
//! **What it checks.** A committee mailbox (`CommitteeMailbox`) stands at the
//! committee's entrance (`Site(Entrance)`). A mailbox elsewhere does not
//! count (the message says where it is).
//!
//! **Why.** Residents who do not want to come in, or come after hours, post
//! their letters in the mailbox at the door; cadres open it every day.
//!
//! **Clause.** 附件2 六.1 「各居委会应按照全区统一要求,设置“居委会信箱”,原则上“居委会信箱”应设置在居委会门口显眼处。」

use super::support::{count_at_site, elsewhere};
use crate::model::{ItemKind, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::CommitteeMailbox;
    if count_at_site(plan, kind, SitePlace::Entrance) > 0 {
        return Vec::new();
    }
    let (where_zh, where_en) = elsewhere(plan, kind);
    vec![Finding::new(
        rule(Code::A2_6_1),
        format!("居委会门口未设“居委会信箱”{where_zh}"),
        format!("No committee mailbox at the committee's door{where_en}"),
    )
    .item(kind)]
}
