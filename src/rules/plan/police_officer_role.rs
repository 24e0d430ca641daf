//! # A7-3 police-officer-role
//!
//! **What it checks.** Applies when some room holds the `Police` zone. The
//! community police officer holds one of the two governance roles
//! (`committee.police.officer_role`): deputy secretary of the neighbourhood's
//! Party organisation, or deputy head of the comprehensive governance
//! station.
//!
//! **Why.** The officer takes part in the neighbourhood's joint meetings and
//! safety work through that role.
//!
//! **Clause.** 附件7 三 「明确社区民警要兼任居民区党组织副书记或综治工作站副站长。」
//!
//! **Interpretation.** A violation (rev 2): 要 is mandatory, as 应当 and 需
//! are (`rules.md`, "Severities"); revision 1 had made it advisory because
//! the role is a matter of appointment, not of premises. The plan records
//! the appointment (`committee.police.officer_role`); a police room without
//! `committee.police`, or without a role, has no recorded role and gets the
//! same finding.

use super::support::{ids, police_rooms};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    let plan = ctx.plan;
    let role = plan.committee.police.as_ref().and_then(|p| p.officer_role);
    if police.is_empty() || role.is_some() {
        return Vec::new();
    }
    vec![Finding::new(
        rule(Code::A7_3),
        "未记录社区民警兼任居民区党组织副书记或综治工作站副站长",
        "No record that the community officer is deputy Party secretary or deputy head of the governance station",
    )
    .rooms(ids(plan, &police))]
}
