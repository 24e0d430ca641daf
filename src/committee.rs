//! One place for a committee's facts, one entry point to check it.
//!
//! [`facts`] computes what every view shows of a committee — the premises
//! area (every level; certified or measured, and which one the thresholds
//! use), the zones present, the equipment present by the definitions of
//! 附件2 六.3, and the upgrade category — with the same definitions the rules
//! use, so that no report can contradict a finding. [`check_committee`] is
//! the one entry point that checks a committee: plan + previous revision +
//! register + profile → findings and facts. `juwei check`, `juwei audit`,
//! the HTML and xlsx reports go through it. More inputs (a status file,
//! `followup.md`) are added as fields of [`CommitteeInput`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::geom::area::round2;
use crate::geom::PlanGeometry;
use crate::model::{Estate, Item, ItemKind, Lang, Network, Plan, Zone};
use crate::register::Register;
use crate::rules::{CheckOptions, CheckReport, Profile};

/// Which file a finding's `line` is in (`cli.md`, additions of revision 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Plan,
    Register,
    Status,
}

/// Which premises area the thresholds compare (rules.md, "Which area").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaSource {
    /// `committee.certified_area`: the property certificate or a survey.
    Certified,
    /// Measured on the plan.
    Measured,
}

/// Why a committee is (or is not) on one of the audit's lists (附件2 一.1 /
/// 一.2, thresholds from the profile; rules.md, "The audit's lists").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Upgrade {
    /// New estate below the required area (A2-1.1): its own list, with the
    /// shortfall to the required area.
    NewBelowStandard,
    /// Old estate at or below the priority threshold (A2-1.2): the
    /// priority-upgrade list (重点改善名单).
    OldPriority,
    /// Old estate above it: improved gradually (A2-1.2a), no target, no
    /// shortfall.
    OldGradual,
    /// A new estate that meets the area standard.
    Meets,
}

impl Upgrade {
    /// On the priority-upgrade list (重点改善名单): A2-1.2 and nothing else.
    pub fn is_priority(self) -> bool {
        self == Upgrade::OldPriority
    }
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Upgrade::NewBelowStandard => lang.pick("新建小区面积不足", "new estate below standard"),
            Upgrade::OldPriority => lang.pick("旧小区重点改善", "old estate, priority"),
            Upgrade::OldGradual => lang.pick("旧小区逐步改善", "old estate, gradual"),
            Upgrade::Meets => lang.pick("达标", "meets standard"),
        }
    }
}

/// Classify a premises area (m², rounded to 0.01) by estate. 以上/以下 include
/// the number (rules.md): a new estate at exactly 200.00 ㎡ meets the
/// standard; an old estate at exactly 100.00 ㎡ is a priority. The seed sets
/// no target for old estates: above the priority threshold they are gradual.
pub fn upgrade(estate: Estate, area_m2: f64, profile: &Profile) -> Upgrade {
    match estate {
        Estate::New if area_m2 < round2(profile.new_estate_min_area_m2) => {
            Upgrade::NewBelowStandard
        }
        Estate::New => Upgrade::Meets,
        Estate::Old if area_m2 <= round2(profile.old_estate_priority_max_m2) => {
            Upgrade::OldPriority
        }
        Estate::Old => Upgrade::OldGradual,
    }
}

/// What a new estate lacks to reach the required area (m², > 0, 0.01);
/// `None` for a new estate that meets it and for every old estate (the seed
/// sets old estates no target: rules.md A2-1.2a).
pub fn shortfall(estate: Estate, area_m2: f64, profile: &Profile) -> Option<f64> {
    match upgrade(estate, area_m2, profile) {
        Upgrade::NewBelowStandard => Some(round2(profile.new_estate_min_area_m2 - area_m2)),
        _ => None,
    }
}

/// One cell of the equipment-gap matrix: how a committee stands on one item
/// of the 六.3 list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Equip {
    /// Present, with this many in the committee's premises.
    Present(u32),
    /// Computers present but not on every network the profile asks for.
    MissingNetwork(Network),
    Missing,
}

impl Equip {
    pub fn is_gap(self) -> bool {
        !matches!(self, Equip::Present(_))
    }
    /// Short cell text: `3`, `缺`, `缺内网`.
    pub fn cell(self, lang: Lang) -> String {
        match self {
            Equip::Present(n) => n.to_string(),
            Equip::Missing => lang.pick("缺", "none").to_string(),
            Equip::MissingNetwork(Network::Intranet) => lang.pick("缺内网", "no intranet").into(),
            Equip::MissingNetwork(Network::Internet) => lang.pick("缺外网", "no internet").into(),
            Equip::MissingNetwork(_) => lang.pick("缺内外网", "not on both networks").into(),
        }
    }
    /// The gap as every view names it: `传真机`, `电脑(缺内网)`.
    pub fn gap_label(self, kind: ItemKind, lang: Lang) -> String {
        match self {
            Equip::MissingNetwork(_) => format!("{}({})", kind.name(lang), self.cell(lang)),
            _ => kind.name(lang).to_string(),
        }
    }
    /// The identifier used in JSON: `Fax`, `Computer(Intranet)`.
    pub fn gap_ident(self, kind: ItemKind) -> String {
        match self {
            Equip::MissingNetwork(n) => format!("{}({n:?})", kind.ident()),
            _ => kind.ident().to_string(),
        }
    }
}

/// An item that serves the committee in the sense of 附件2 六.3 (rev 2): it
/// stands in a room of the premises that is not the police room, has a count
/// above 0, and is not a computer on the police network.
pub fn serves_committee(plan: &Plan, item: &Item) -> bool {
    item.count > 0
        && item.network != Some(Network::Police)
        && item
            .room()
            .and_then(|r| plan.room(r))
            .is_some_and(|r| r.is_premises() && !r.has(Zone::Police))
}

/// How the plan stands on each item of the profile's equipment list
/// (附件2 六.3), in the profile's order, by [`serves_committee`].
pub fn equipment_of(plan: &Plan, profile: &Profile) -> Vec<Equip> {
    profile
        .required_equipment
        .iter()
        .map(|&kind| {
            let items: Vec<&Item> = plan
                .items
                .iter()
                .filter(|i| i.kind == kind && serves_committee(plan, i))
                .collect();
            let n = items.iter().fold(0u32, |n, i| n.saturating_add(i.count));
            if n == 0 {
                return Equip::Missing;
            }
            if kind == ItemKind::Computer {
                for &net in &profile.computer_networks {
                    if !items
                        .iter()
                        .any(|i| i.network.is_some_and(|have| covers(have, net)))
                    {
                        return Equip::MissingNetwork(net);
                    }
                }
            }
            Equip::Present(n)
        })
        .collect()
}

/// A computer on `have` is on the network `want`.
pub fn covers(have: Network, want: Network) -> bool {
    match want {
        Network::Intranet => have.has_intranet(),
        Network::Internet => have.has_internet(),
        Network::Both => have == Network::Both,
        Network::Police => have == Network::Police,
    }
}

/// The profile's required zones that no room holds (附件2 三).
pub fn missing_zones(plan: &Plan, profile: &Profile) -> Vec<Zone> {
    profile
        .required_zones
        .iter()
        .copied()
        .filter(|&z| !plan.rooms.iter().any(|r| r.has(z)))
        .collect()
}

/// The premises area the thresholds compare, and where it comes from: the
/// certified area when the plan records one (finite, > 0), else the
/// measured one (rules.md, "Which area"). Rounded to 0.01.
pub fn area_used(plan: &Plan, measured_m2: f64) -> (f64, AreaSource) {
    match &plan.committee.certified_area {
        Some(c) if c.m2.is_finite() && c.m2 > 0.0 => (round2(c.m2), AreaSource::Certified),
        _ => (round2(measured_m2), AreaSource::Measured),
    }
}

/// What every view shows of one committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeFacts {
    /// Premises area measured on the plan, every level (m², 0.01).
    pub measured_m2: f64,
    /// `committee.certified_area`, when recorded.
    pub certified_m2: Option<f64>,
    /// The area the thresholds use.
    pub area_m2: f64,
    pub area_source: AreaSource,
    /// Zones some room holds, in the order of the format.
    pub zones: Vec<Zone>,
    pub missing_zones: Vec<Zone>,
    /// Parallel to the profile's `required_equipment`.
    #[serde(skip)]
    pub equipment: Vec<Equip>,
    pub upgrade: Upgrade,
    /// New estates below the standard only.
    pub shortfall_m2: Option<f64>,
    /// The storeys the plan's rooms stand on, lowest first.
    pub levels: Vec<i32>,
}

/// Compute a committee's facts from its plan (whose geometry is given).
pub fn facts(plan: &Plan, geom: &PlanGeometry, profile: &Profile) -> CommitteeFacts {
    facts_with_area(plan, geom.premises_area, profile)
}

/// The same, from the measured premises area (the audit keeps no geometry).
pub fn facts_with_area(plan: &Plan, measured_m2: f64, profile: &Profile) -> CommitteeFacts {
    let (area_m2, area_source) = area_used(plan, measured_m2);
    let estate = plan.committee.estate;
    let mut levels: Vec<i32> = plan.rooms.iter().map(|r| r.level).collect();
    levels.sort_unstable();
    levels.dedup();
    CommitteeFacts {
        measured_m2: round2(measured_m2),
        certified_m2: plan
            .committee
            .certified_area
            .as_ref()
            .filter(|c| c.m2.is_finite() && c.m2 > 0.0)
            .map(|c| round2(c.m2)),
        area_m2,
        area_source,
        zones: Zone::ALL
            .into_iter()
            .filter(|&z| plan.rooms.iter().any(|r| r.has(z)))
            .collect(),
        missing_zones: missing_zones(plan, profile),
        equipment: equipment_of(plan, profile),
        upgrade: upgrade(estate, area_m2, profile),
        shortfall_m2: shortfall(estate, area_m2, profile),
        levels,
    }
}

/// Everything a committee's check reads. Add inputs here (a status file).
#[derive(Debug, Clone, Copy)]
pub struct CommitteeInput<'a> {
    pub plan: &'a Plan,
    /// The plan's text, to give findings the line of their room.
    pub plan_text: Option<&'a str>,
    /// The previous revision (A2-1.4, A2-1.4a, A1-3.6.1, A1-3.6.2).
    pub previous: Option<&'a Plan>,
    /// The fixed-asset register (A2-6.4, G03 asset links, 附件1 rules).
    pub register: Option<&'a Register>,
    /// The day the register is judged on.
    pub today: NaiveDate,
    pub profile: &'a Profile,
}

/// A committee checked: the findings, each saying which file it points at,
/// and the facts every view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitteeCheck {
    pub report: CheckReport,
    pub facts: CommitteeFacts,
}

/// The one entry point that checks a committee.
pub fn check_committee(input: &CommitteeInput) -> CommitteeCheck {
    let plan = input.plan;
    let geom = PlanGeometry::new(plan);
    let index = input.register.map(|r| r.asset_index(input.today));
    let opts = CheckOptions {
        previous: input.previous,
        assets: index.as_ref(),
    };
    let mut report = crate::rules::check_with_geometry(plan, &geom, input.profile, &opts);
    if let Some(text) = input.plan_text {
        crate::io::annotate_lines(&mut report.findings, text);
    }
    for f in &mut report.findings {
        f.file = Some(FileKind::Plan);
    }
    if let Some(reg) = input.register {
        let ctx = crate::rules::register::RegisterCheck {
            profile: input.profile,
            today: input.today,
            base_dir: reg.base_dir(),
        };
        report.findings.extend(
            crate::rules::register::check_register(reg, &ctx)
                .into_iter()
                .map(|mut f| {
                    f.file = Some(FileKind::Register);
                    f
                }),
        );
        crate::rules::sort_findings(&mut report.findings);
    }
    let facts = facts(plan, &geom, input.profile);
    CommitteeCheck { report, facts }
}
