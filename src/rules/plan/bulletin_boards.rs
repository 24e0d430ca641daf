//! # A2-5.4 bulletin-boards
//!
//! **What it checks.** The estate's bulletin boards (`BulletinBoard`) stand
//! together in one place (one room or one place of the site), and none
//! carries advertising other than public-interest (`commercial_ads: true`).
//! One finding for scattered boards, naming the places, and one per board
//! entry with commercial advertising.
//!
//! **Why.** Notices, policies and estate activities are read where residents
//! know to look; the district's publicity office reviews the content and
//! forbids commercial use of the boards.
//!
//! **Clause.** 附件2 五.4 「各居委会内设宣传栏,原则上每个小区应集中设置在一处。……宣传栏原则上不承接公益类以外的广告。」
//!
//! **Interpretation.** A plan describes one committee's estate, so "one
//! place per estate" is one distinct `at` location among its bulletin
//! boards. Having no bulletin board at all is not a finding of this rule.

use super::support::{locations_of, place_en, place_zh};
use crate::model::{ItemKind, Location};
use crate::rules::{rule, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let meta = rule("A2-5.4");
    let kind = ItemKind::BulletinBoard;
    let mut out = Vec::new();
    let places = locations_of(plan, kind);
    if places.len() > 1 {
        let zh: Vec<String> = places.iter().map(|p| place_zh(plan, p)).collect();
        let en: Vec<String> = places.iter().map(|p| place_en(plan, p)).collect();
        out.push(
            Finding::new(
                meta,
                format!(
                    "宣传栏分设在{}处({}),应集中设置在一处",
                    places.len(),
                    zh.join("、")
                ),
                format!(
                    "Bulletin boards stand in {} places ({}); they belong together in one",
                    places.len(),
                    en.join("; ")
                ),
            )
            .rooms(places.iter().filter_map(|p| match p {
                Location::Room(id) => Some(id.as_str()),
                Location::Site(_) => None,
            }))
            .item(kind),
        );
    }
    for item in plan
        .items
        .iter()
        .filter(|i| i.kind == kind && i.count > 0 && i.commercial_ads)
    {
        out.push(
            Finding::new(
                meta,
                format!("{}的宣传栏承接了公益类以外的广告", place_zh(plan, &item.at)),
                format!(
                    "The bulletin board {} carries advertising other than public-interest",
                    place_en(plan, &item.at)
                ),
            )
            .rooms(item.room())
            .item(kind),
        );
    }
    out
}
