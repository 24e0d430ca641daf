//! # A2-3.3a service-cabinet
//!
//! **What it checks.** When rooms hold the `Service` zone, one of them has a
//! convenience service cabinet (`ConvenienceCabinet`). A cabinet in another
//! room counts for the equipment list (A2-6.3) but not here. Without a
//! service zone, A2-3.3 reports the zone instead.
//!
//! **Why.** The cabinet holds the forms and leaflets of the services the
//! government extends to the neighbourhood, where residents come for them.
//!
//! **Clause.** 附件2 三.3 「一般为政府落在居民区的各类延伸服务,如日常性捐赠、健康教育、为民服务、红十字会、人口与计生服务项目等,放置便民服务橱。」

use super::support::{count_in_rooms, elsewhere, ids, rooms_en, rooms_zh};
use crate::model::{ItemKind, Zone};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let kind = ItemKind::ConvenienceCabinet;
    let service = ctx.rooms_with(Zone::Service);
    if service.is_empty() || count_in_rooms(ctx, kind, &service) > 0 {
        return Vec::new();
    }
    let plan = ctx.plan;
    let (where_zh, where_en) = elsewhere(plan, kind);
    vec![Finding::new(
        rule(Code::A2_3_3a),
        format!(
            "综合服务区{}未放置便民服务橱{where_zh}",
            rooms_zh(plan, &service)
        ),
        format!(
            "The service zone {} has no convenience service cabinet{where_en}",
            rooms_en(plan, &service)
        ),
    )
    .rooms(ids(plan, &service))
    .item(kind)]
}
