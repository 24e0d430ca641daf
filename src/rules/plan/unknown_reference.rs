//! # G03 unknown-reference
//!
//! **What it checks.** Every door names rooms that exist (or `outside`),
//! every item in a room names a room that exists, and — when a register is
//! given — every asset link names an asset of the register. Rev 2: an
//! item's `estate` names an estate of `committee.estates`; and when the
//! committee lists several estates, every item at an estate gate, the
//! activity area or the main passage (`Site(EstateGate)`,
//! `Site(ActivityArea)`, `Site(MainPassage)`) names the estate it stands
//! in. The finding about an unknown estate carries the line of the item
//! that names it.
//!
//! **Why.** A reference to nothing is a typing mistake that would otherwise
//! hide the thing it was meant to describe.
//!
//! **Clause.** Not a clause: the plan format's condition (`rules.md` A).
//!
//! **Interpretation.** With one estate listed (or none), a site item may
//! leave its estate out; items in rooms and at the committee's entrance
//! may always leave it out. An `estate` on a plan that lists no estates
//! names none, and is a finding too.

use std::collections::HashSet;

use crate::model::{Item, Location, SitePlace, OUTSIDE};
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let meta = rule(Code::G03);
    let plan = ctx.plan;
    let mut out = Vec::new();
    for (n, door) in plan.doors.iter().enumerate() {
        for id in [&door.between.0, &door.between.1] {
            if id != OUTSIDE && ctx.geom.room_index(id).is_none() {
                out.push(Finding::new(
                    meta,
                    format!("第{}扇门连接的房间「{id}」不存在", n + 1),
                    format!("Door {} names room {id:?}, which does not exist", n + 1),
                ));
            }
        }
    }
    let estates: HashSet<&str> = plan
        .committee
        .estates
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    let several = plan.committee.estates.len() > 1;
    for item in &plan.items {
        if let Some(f) = estate_problem(item, &estates, several) {
            out.push(f);
        }
        if let Some(room) = item.room() {
            if ctx.geom.room_index(room).is_none() {
                out.push(
                    Finding::new(
                        meta,
                        format!("{}所在的房间「{room}」不存在", item.kind.name_zh()),
                        format!(
                            "The {} stands in room {room:?}, which does not exist",
                            item.kind.name_en()
                        ),
                    )
                    .item(item.kind),
                );
            }
        }
        if let Some(index) = ctx.assets {
            for asset in &item.assets {
                if !index.assets.contains_key(asset) {
                    out.push(
                        Finding::new(
                            meta,
                            format!(
                                "{}链接的资产「{asset}」不在固定资产台账中",
                                item.kind.name_zh()
                            ),
                            format!(
                                "The {} links asset {asset:?}, which is not in the register",
                                item.kind.name_en()
                            ),
                        )
                        .item(item.kind)
                        .asset(asset)
                        .rooms(item.room()),
                    );
                }
            }
        }
    }
    out
}

/// An item's estate that is not one of the committee's, or a site item of
/// a committee with several estates that names none.
fn estate_problem(item: &Item, estates: &HashSet<&str>, several: bool) -> Option<Finding> {
    let meta = rule(Code::G03);
    match item.estate.as_deref() {
        Some(id) if !estates.contains(id) => Some(
            Finding::new(
                meta,
                format!(
                    "{}所属的小区「{id}」不在居委会的小区列表 (committee.estates) 中",
                    item.kind.name_zh()
                ),
                format!(
                    "The {} names estate {id:?}, which is not among the committee's estates",
                    item.kind.name_en()
                ),
            )
            .item(item.kind)
            .rooms(item.room())
            .estate(Some(id)),
        ),
        None if several => {
            let Location::Site(place) = item.at else {
                return None;
            };
            if !matches!(
                place,
                SitePlace::EstateGate | SitePlace::ActivityArea | SitePlace::MainPassage
            ) {
                return None;
            }
            Some(
                Finding::new(
                    meta,
                    format!(
                        "居委会服务多个小区,{}的{}未注明所属小区 (estate)",
                        place.name_zh(),
                        item.kind.name_zh()
                    ),
                    format!(
                        "The committee serves several estates, and the {} at the {} names none (estate)",
                        item.kind.name_en(),
                        place.name_en()
                    ),
                )
                .item(item.kind),
            )
        }
        _ => None,
    }
}
