//! # A2-2.1 estate-guide-sign
//!
//! **What it checks.** Every estate of the committee has an
//! `EstateGuideSign` at its gate, `Site(EstateGate)`: one finding per estate
//! without one (rev 2). The estates are `committee.estates`; a plan that
//! lists none describes one estate. A guide sign anywhere else does not
//! count (the message says where it is).
//!
//! **Why.** Residents and visitors find the committee from the estate gate;
//! a committee serving several estates is found from each of their gates.
//! The sign carries the district's committee logo and the committee's
//! address.
//!
//! **Clause.** 附件2 二.1 「户外指引牌:小区门口应设立居委会指示牌,上写全区统一的具有图形和文字元素的居委会标识,并标明居委会所在地址。」
//!
//! **Interpretation.** A sign belongs to the estate its `estate` names; with
//! a single estate it may name none. A plan cannot show what a sign says;
//! the message quotes the committee's `address` from the plan as the address
//! the sign must carry.

use super::support::{estate_en, estate_zh, estates, items_by_estate, place_en, place_zh};
use crate::model::{ItemKind, Location, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::EstateGuideSign;
    let gate = Location::Site(SitePlace::EstateGate);
    let address = plan.committee.address.trim();
    let (addr_zh, addr_en) = if address.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(",指示牌应标明地址「{address}」"),
            format!("; it must show the address {address}"),
        )
    };
    let mut out = Vec::new();
    let groups = items_by_estate(plan, |i| i.kind == kind && i.count > 0);
    for (estate, items) in estates(plan).into_iter().zip(groups) {
        let signs: Vec<&Location> = items.iter().map(|i| &i.at).collect();
        if signs.contains(&&gate) {
            continue;
        }
        let mut elsewhere: Vec<&Location> = Vec::new();
        for at in signs {
            if !elsewhere.contains(&at) {
                elsewhere.push(at);
            }
        }
        let (where_zh, where_en) = if elsewhere.is_empty() {
            (String::new(), String::new())
        } else {
            let zh: Vec<String> = elsewhere.iter().map(|p| place_zh(plan, p)).collect();
            let en: Vec<String> = elsewhere.iter().map(|p| place_en(plan, p)).collect();
            (
                format!("(现设于{},位置不符)", zh.join("、")),
                format!(" (found elsewhere: {})", en.join("; ")),
            )
        };
        let (zh, en) = match estate {
            None => (
                format!("小区门口未设居委会户外指引牌{where_zh}{addr_zh}"),
                format!("No committee guide sign at the estate gate{where_en}{addr_en}"),
            ),
            Some(_) => (
                format!(
                    "{}门口未设居委会户外指引牌{where_zh}{addr_zh}",
                    estate_zh(estate)
                ),
                format!(
                    "No committee guide sign at the gate of {}{where_en}{addr_en}",
                    estate_en(estate)
                ),
            ),
        };
        out.push(
            Finding::new(rule(Code::A2_2_1), zh, en)
                .item(kind)
                .estate(estate.map(|e| e.id.as_str())),
        );
    }
    out
}
