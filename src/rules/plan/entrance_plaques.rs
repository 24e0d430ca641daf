//! # A2-2.2 entrance-plaques
//!
//! **What it checks.** The committee's entrance (`Site(Entrance)`) has the
//! Party branch plaque (`PartyPlaque`), the residents' committee plaque
//! (`CommitteePlaque`) and, above the door, the 居民之家 logo
//! (`ResidentsHomeLogo`). One finding per missing kind.
//!
//! **Why.** The two plaques and the logo are the district's one face of a
//! committee: residents recognise it at the door.
//!
//! **Clause.** 附件2 二.2 「进口大门:两边竖立中共静安区xx街道(镇)xxxx弄总支部委员会、上海市静安区xx街道(镇)xxxx弄居民委员会两块牌子;上方居中设置居民之家标识。」

use super::support::{count_at_site, elsewhere};
use crate::model::{ItemKind, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

const AT_ENTRANCE: [ItemKind; 3] = [
    ItemKind::PartyPlaque,
    ItemKind::CommitteePlaque,
    ItemKind::ResidentsHomeLogo,
];

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    AT_ENTRANCE
        .into_iter()
        .filter(|&k| count_at_site(plan, k, SitePlace::Entrance) == 0)
        .map(|kind| {
            let (where_zh, where_en) = elsewhere(plan, kind);
            Finding::new(
                rule(Code::A2_2_2),
                format!("居委会进口大门缺少{}{where_zh}", kind.name_zh()),
                format!(
                    "The committee's entrance has no {}{where_en}",
                    kind.name_en()
                ),
            )
            .item(kind)
        })
        .collect()
}
