//! `juwei diff OLD NEW --format json` (format 1, `docs/reports.md`).

use serde::Serialize;

use super::{CommitteeRef, Format1, Yuan};
use crate::diff::{PlanDiff, RoomChange, RoomState};
use crate::followup::cost::Prices;
use crate::model::Plan;
use crate::rules::{Finding, Summary};

/// `old` and `new`: the file and its revision.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionJson<'a> {
    pub plan: &'a str,
    pub revision: u32,
    pub date: chrono::NaiveDate,
}

impl<'a> RevisionJson<'a> {
    fn new(path: &'a str, plan: &Plan) -> Self {
        RevisionJson {
            plan: path,
            revision: plan.revision.number,
            date: plan.revision.date,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffAreaJson {
    pub premises_before: f64,
    pub premises_after: f64,
    pub delta: f64,
}

/// A room as it stands in one revision.
#[derive(Debug, Clone, Serialize)]
pub struct RoomJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub zones: Vec<&'static str>,
    pub area_m2: f64,
    pub premises: bool,
}

impl<'a> From<&'a RoomState> for RoomJson<'a> {
    fn from(r: &'a RoomState) -> Self {
        RoomJson {
            id: &r.id,
            name: &r.name,
            zones: r.zones.iter().map(|z| z.ident()).collect(),
            area_m2: r.area_m2,
            premises: r.premises,
        }
    }
}

/// A room in both revisions that changed.
#[derive(Debug, Clone, Serialize)]
pub struct RoomChangeJson<'a> {
    pub id: &'a str,
    pub before: RoomJson<'a>,
    pub after: RoomJson<'a>,
    pub resized: bool,
    pub rezoned: bool,
    pub renamed: bool,
}

impl<'a> From<&'a RoomChange> for RoomChangeJson<'a> {
    fn from(c: &'a RoomChange) -> Self {
        RoomChangeJson {
            id: &c.after.id,
            before: (&c.before).into(),
            after: (&c.after).into(),
            resized: c.resized(),
            rezoned: c.rezoned(),
            renamed: c.renamed(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RoomsJson<'a> {
    pub added: Vec<RoomJson<'a>>,
    pub removed: Vec<RoomJson<'a>>,
    pub changed: Vec<RoomChangeJson<'a>>,
    pub moved: &'a [String],
}

/// An item kind whose count changed.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChangeJson {
    pub kind: &'static str,
    pub before: u32,
    pub after: u32,
}

/// The same problem graded differently.
#[derive(Debug, Clone, Serialize)]
pub struct RegradedJson<'a> {
    pub before: &'a Finding,
    pub after: &'a Finding,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffFindingsJson<'a> {
    pub fixed: &'a [Finding],
    pub introduced: &'a [Finding],
    /// How many findings are in both (listed in `remaining`).
    pub unchanged: usize,
    pub remaining: &'a [Finding],
    pub regraded: Vec<RegradedJson<'a>>,
}

/// What the change costs.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeCostJson {
    pub area: Yuan,
    pub equipment: Yuan,
    pub total: Yuan,
    pub area_m2: f64,
    pub estimate: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiffSummaryJson {
    pub before: Summary,
    pub after: Summary,
    pub fixed: Summary,
    pub introduced: Summary,
}

/// The diff's object.
#[derive(Debug, Clone, Serialize)]
pub struct DiffJson<'a> {
    pub format: Format1,
    pub old: RevisionJson<'a>,
    pub new: RevisionJson<'a>,
    pub committee: CommitteeRef<'a>,
    pub area_m2: DiffAreaJson,
    pub rooms: RoomsJson<'a>,
    pub items: Vec<ItemChangeJson>,
    pub findings: DiffFindingsJson<'a>,
    /// null without a price list.
    pub cost_yuan: Option<ChangeCostJson>,
    pub summary: DiffSummaryJson,
    pub introduces_failures: bool,
}

impl<'a> DiffJson<'a> {
    pub fn new(
        d: &'a PlanDiff,
        old: &'a Plan,
        new: &'a Plan,
        old_path: &'a str,
        new_path: &'a str,
        prices: Option<&Prices>,
    ) -> Self {
        DiffJson {
            format: Format1,
            old: RevisionJson::new(old_path, old),
            new: RevisionJson::new(new_path, new),
            committee: CommitteeRef::of(&new.committee),
            area_m2: DiffAreaJson {
                premises_before: d.premises_before_m2,
                premises_after: d.premises_after_m2,
                delta: d.premises_delta_m2(),
            },
            rooms: RoomsJson {
                added: d.added.iter().map(RoomJson::from).collect(),
                removed: d.removed.iter().map(RoomJson::from).collect(),
                changed: d.changed.iter().map(RoomChangeJson::from).collect(),
                moved: &d.moved,
            },
            items: d
                .items
                .iter()
                .map(|c| ItemChangeJson {
                    kind: c.kind.ident(),
                    before: c.before,
                    after: c.after,
                })
                .collect(),
            findings: DiffFindingsJson {
                fixed: &d.fixed,
                introduced: &d.introduced,
                unchanged: d.unchanged.len(),
                remaining: &d.unchanged,
                regraded: d
                    .regraded
                    .iter()
                    .map(|(before, after)| RegradedJson { before, after })
                    .collect(),
            },
            cost_yuan: prices.map(|p| {
                let c = d.cost(p);
                ChangeCostJson {
                    area: Yuan(c.cost.area_fen),
                    equipment: Yuan(c.cost.equipment_fen),
                    total: Yuan(c.cost.total_fen()),
                    area_m2: c.area_m2,
                    estimate: p.estimate,
                }
            }),
            summary: DiffSummaryJson {
                before: d.old_report.summary(),
                after: d.new_report.summary(),
                fixed: by_severity(&d.fixed),
                introduced: by_severity(&d.introduced),
            },
            introduces_failures: d.introduces_failures(),
        }
    }
}

/// Counts by severity, accepted findings under their own severity (the
/// diff's `summary.fixed` and `summary.introduced` count what changed, not
/// what still fails).
fn by_severity(fs: &[Finding]) -> Summary {
    let mut s = Summary::default();
    for f in fs {
        s.add(f.severity, 1);
    }
    s
}
