//! # A2-6.3 required-equipment
//!
//! **What it checks.** Every kind of the profile's `required_equipment`
//! (Jing'an 2017: computer, printer, air conditioner, refrigerator,
//! microwave, electric fan, telephone, fax, desks, chairs, file cabinet,
//! television, TV cabinet, meeting table, standing whiteboard, convenience
//! cabinet, potted flowers, green plants) stands in some room of the
//! premises.
//! One finding per missing kind. Computers must moreover cover every network
//! of the profile's `computer_networks` (内外网: intranet and internet): one
//! finding per network no computer is on.
//!
//! **Why.** The district equips every committee alike so that cadres can
//! work and residents are served the same way everywhere.
//!
//! **Clause.** 附件2 六.3 「各居委会应配备电脑(内外网)、打印机、空调、冰箱、微波炉、电风扇、电话、传真机、办公桌椅、文件柜、电视机、电视柜、会议桌、立体写字板、便民橱、盆花、绿植装饰等。」
//!
//! **Interpretation.** Only items in a room of the premises count, whichever
//! room it is: equipment at a site place, in the courtyard or in a
//! resident-activity room (the residents' television) is not the
//! committee's. A computer without `network` counts as a computer but
//! covers no network.

use super::support::elsewhere;
use crate::model::{ItemKind, Network};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::A2_6_3);
    let plan = ctx.plan;
    // the 六.3 definitions every view uses (src/committee.rs)
    let indoors = |k: ItemKind| {
        plan.items
            .iter()
            .filter(move |i| i.kind == k && crate::committee::serves_committee(plan, i))
    };
    let mut out = Vec::new();
    for &kind in &ctx.profile.required_equipment {
        if indoors(kind).next().is_none() {
            let (where_zh, where_en) = elsewhere(plan, kind);
            out.push(
                Finding::new(
                    meta,
                    format!("缺少{}{where_zh}", kind.name_zh()),
                    format!("No {}{where_en}", kind.name_en()),
                )
                .item(kind),
            );
        }
    }
    let computers: Vec<Network> = indoors(ItemKind::Computer)
        .filter_map(|i| i.network)
        .collect();
    if indoors(ItemKind::Computer).next().is_none() {
        return out;
    }
    for &net in &ctx.profile.computer_networks {
        let covered = computers.iter().any(|c| match net {
            Network::Intranet => c.has_intranet(),
            Network::Internet => c.has_internet(),
            Network::Both => *c == Network::Both,
            Network::Police => *c == Network::Police,
        });
        if covered {
            continue;
        }
        let (zh, en) = match net {
            Network::Intranet => ("内网", "the intranet"),
            Network::Internet => ("外网", "the internet"),
            Network::Both => ("内外网", "both networks"),
            Network::Police => ("公安网", "the police network"),
        };
        out.push(
            Finding::new(
                meta,
                format!("没有接入{zh}的电脑"),
                format!("No computer on {en}"),
            )
            .item(ItemKind::Computer),
        );
    }
    out
}
