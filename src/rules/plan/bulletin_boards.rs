//! # A2-5.4 bulletin-boards
//!
//! **What it checks.** For each estate of the committee, its bulletin
//! boards (`BulletinBoard`) stand together in one place (one room or one
//! place of the site), and none carries advertising other than
//! public-interest (`commercial_ads: true`). One finding per estate whose
//! boards are scattered, naming the places, and one per board entry with
//! commercial advertising. Advisory (rev 2): the clause says 原则上.
//!
//! **Why.** Notices, policies and estate activities are read where residents
//! know to look; the district's publicity office reviews the content and
//! keeps the boards free of commercial use.
//!
//! **Clause.** 附件2 五.4 「各居委会内设宣传栏,原则上每个小区应集中设置在一处。……宣传栏原则上不承接公益类以外的广告。」
//!
//! **Interpretation.** "One place per estate" is one distinct `at` location
//! among the boards of the estate (its `estate`; with a single estate a
//! board may name none). The same place of the site (e.g. `EstateGate`) of
//! two estates is two places. Having no bulletin board at all is A2-5.3's
//! finding, not this rule's.

use super::support::{estate_en, estate_zh, estates, items_by_estate, place_en, place_zh};
use crate::model::{ItemKind, Location};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let meta = rule(Code::A2_5_4);
    let kind = ItemKind::BulletinBoard;
    let mut out = Vec::new();
    let groups = items_by_estate(plan, |i| i.kind == kind && i.count > 0);
    for (estate, items) in estates(plan).into_iter().zip(groups) {
        let mut places: Vec<&Location> = Vec::new();
        for item in &items {
            if !places.contains(&&item.at) {
                places.push(&item.at);
            }
        }
        if places.len() > 1 {
            let zh: Vec<String> = places.iter().map(|p| place_zh(plan, p)).collect();
            let en: Vec<String> = places.iter().map(|p| place_en(plan, p)).collect();
            let (who_zh, who_en) = match estate {
                None => (String::new(), "Bulletin boards".to_string()),
                Some(_) => (
                    estate_zh(estate) + "的",
                    format!("The bulletin boards of {}", estate_en(estate)),
                ),
            };
            out.push(
                Finding::new(
                    meta,
                    format!(
                        "{who_zh}宣传栏分设在{}处({}),原则上应集中设置在一处",
                        places.len(),
                        zh.join("、")
                    ),
                    format!(
                        "{who_en} stand in {} places ({}); as a rule they belong together in one",
                        places.len(),
                        en.join("; ")
                    ),
                )
                .rooms(places.iter().filter_map(|p| match p {
                    Location::Room(id) => Some(id.as_str()),
                    Location::Site(_) => None,
                }))
                .item(kind)
                .estate(estate.map(|e| e.id.as_str())),
            );
        }
    }
    for item in plan
        .items
        .iter()
        .filter(|i| i.kind == kind && i.count > 0 && i.commercial_ads)
    {
        out.push(
            Finding::new(
                meta,
                format!(
                    "{}的宣传栏承接了公益类以外的广告,原则上不应承接",
                    place_zh(plan, &item.at)
                ),
                format!(
                    "The bulletin board {} carries advertising other than public-interest, which as a rule it should not",
                    place_en(plan, &item.at)
                ),
            )
            .rooms(item.room())
            .item(kind)
            .estate(item.estate.as_deref()),
        );
    }
    out
}
