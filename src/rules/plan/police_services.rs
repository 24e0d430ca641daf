//! # A7-2 police-services
//!
//! **What it checks.** Applies when some room holds the `Police` zone. The
//! police room offers every service of the profile's `police_services`
//! (Jing'an 2017: crime briefings, service menu, appointments, case
//! follow-up, policy consultation), as listed in `committee.police.services`.
//! One finding per missing service.
//!
//! **Why.** The police room is there so that residents get police services
//! and legal advice without leaving the neighbourhood.
//!
//! **Clause.** 附件7 二 「社区警务室要具备定期通报辖区治安警情、提供办事菜单(如户籍办理、来沪人员居住证等)、办事预约、案件回访以及政策咨询等基本服务功能。」
//!
//! **Interpretation.** A police room in a plan without `committee.police`
//! has no recorded services: one finding says the services are not
//! recorded (rather than one per service).

use super::support::{ids, police_rooms, rooms_en, rooms_zh};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let police = police_rooms(ctx);
    if police.is_empty() {
        return Vec::new();
    }
    let meta = rule(Code::A7_2);
    let plan = ctx.plan;
    let Some(info) = &plan.committee.police else {
        return vec![Finding::new(
            meta,
            format!(
                "平面图有社区警务室{},但未记录其服务功能(committee.police)",
                rooms_zh(plan, &police)
            ),
            format!(
                "The plan has police room {} but records none of its services (committee.police)",
                rooms_en(plan, &police)
            ),
        )
        .rooms(ids(plan, &police))];
    };
    ctx.profile
        .police_services
        .iter()
        .filter(|s| !info.services.contains(s))
        .map(|s| {
            Finding::new(
                meta,
                format!("社区警务室不具备“{}”服务功能", s.name_zh()),
                format!("The police room does not offer {}", s.name_en()),
            )
            .rooms(ids(plan, &police))
        })
        .collect()
}
