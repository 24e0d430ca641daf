//! # A1-4.3.3 affairs-board
//!
//! **What it checks.** The committee has a fixed residents' affairs board
//! (居务公开栏, `AffairsBoard`, count above zero) where residents can read
//! it: at the committee's entrance (`Site(Entrance)`), at an estate gate
//! (`Site(EstateGate)`) or in the activity area (`Site(ActivityArea)`). One
//! finding when there is none at any of these places; the message says
//! where the boards that do not count stand.
//!
//! **Why.** The committee's affairs (finances, decisions, services) are
//! made public to residents; a board they pass by every day is the one
//! form of publicity the clause makes obligatory, beside meetings and
//! online platforms that it leaves optional.
//!
//! **Clause.** 附件1 4.3.3 「居委会应当在便于居民阅览的地点设置固定的居务公开栏,并可以采取会议、社区信息平台等居务公开形式。」
//!
//! **Interpretation.** `rules.md` names the three places as those 便于居民阅览;
//! a board inside a room is read only by those who come in, and does not
//! count. A bulletin board (宣传栏, 附件2 五.3) is not an affairs board: the
//! two are separate items. One board for the committee is enough, whichever
//! estate it stands in.

use super::support::elsewhere_than;
use crate::model::{ItemKind, Location, SitePlace};
use crate::rules::{rule, Code, Finding, PlanCtx};

const PLACES: [SitePlace; 3] = [
    SitePlace::Entrance,
    SitePlace::EstateGate,
    SitePlace::ActivityArea,
];

fn readable(at: &Location) -> bool {
    matches!(at, Location::Site(p) if PLACES.contains(p))
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let kind = ItemKind::AffairsBoard;
    if plan
        .items
        .iter()
        .any(|i| i.kind == kind && i.count > 0 && readable(&i.at))
    {
        return Vec::new();
    }
    let (where_zh, where_en) = elsewhere_than(plan, kind, |_| false);
    vec![Finding::new(
        rule(Code::A1_4_3_3),
        format!("居委会门口、小区门口和健身活动区域均未设固定的居务公开栏{where_zh}"),
        format!(
            "No fixed residents' affairs board at the committee's entrance, an estate gate or the activity area{where_en}"
        ),
    )
    .item(kind)]
}
