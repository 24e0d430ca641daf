//! What closing the gaps would cost (`followup.md`, "Costs"): the profile's
//! price list, in integer fen, summed without floats.
//!
//! - equipment: the unit price of each required item an open finding says is
//!   missing (one unit per finding; accepted findings cost nothing);
//! - area: a new estate's shortfall below the standard area (A2-1.1) times
//!   the refit price per m². An old estate gets no area cost here: the
//!   standard sets it no target (rules.md rev 2), so only what a proposed
//!   refit adds is priced, in `juwei diff`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{ItemKind, Lang};
use crate::rules::{Code, Finding};

/// The price list of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    /// The prices are rough estimates (Jing'an's built-in list): every cost
    /// shown carries a note saying so.
    #[serde(default)]
    pub estimate: bool,
    /// Refit / fitting-out cost per m² of premises area, fen.
    pub refit_fen_per_m2: i64,
    /// Unit price of each item kind, fen.
    pub items: BTreeMap<ItemKind, i64>,
}

/// The codes whose findings each name an item that is missing (so buying it
/// closes the finding).
pub const MISSING_ITEM_CODES: &[Code] = &[
    Code::A2_2_1,
    Code::A2_2_2,
    Code::A2_2_3,
    Code::A2_3_2a,
    Code::A2_3_3a,
    Code::A2_4_4,
    Code::A2_4_4a,
    Code::A2_4_5,
    Code::A2_5_1,
    Code::A2_5_3,
    Code::A2_6_1,
    Code::A2_6_3,
    Code::A7_1_1a,
    Code::A7_1_3,
    Code::A7_1_4,
    Code::A1_4_3_3,
];

/// A cost in fen, by what it is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cost {
    pub equipment_fen: i64,
    pub area_fen: i64,
}

impl Cost {
    pub fn total_fen(&self) -> i64 {
        self.equipment_fen.saturating_add(self.area_fen)
    }

    pub fn add(&mut self, other: &Cost) {
        self.equipment_fen = self.equipment_fen.saturating_add(other.equipment_fen);
        self.area_fen = self.area_fen.saturating_add(other.area_fen);
    }
}

/// `1234.56` (no grouping), exact.
pub fn yuan_plain(fen: i64) -> String {
    crate::register::yuan(fen)
}

/// `¥12,345.60` for people (the register's grouped yuan with the sign first).
pub fn yuan(fen: i64) -> String {
    let grouped = crate::register::yuan_grouped(fen);
    match grouped.strip_prefix('-') {
        Some(rest) => format!("-¥{rest}"),
        None => format!("¥{grouped}"),
    }
}

/// Area (m², 0.01) times a price per m² (fen), rounded half up to the fen,
/// in integers: the area is first taken in hundredths of a m².
pub fn area_cost_fen(area_m2: f64, fen_per_m2: i64) -> i64 {
    if !area_m2.is_finite() || area_m2 <= 0.0 {
        return 0;
    }
    let centi = (area_m2 * 100.0).round() as i64;
    let num = (centi as i128) * (fen_per_m2 as i128);
    ((num + 50) / 100).clamp(0, i64::MAX as i128) as i64
}

impl Prices {
    pub fn item(&self, kind: ItemKind) -> Option<i64> {
        self.items.get(&kind).copied()
    }

    /// The cost of closing a committee's open findings: missing items and,
    /// for a new estate below the standard (A2-1.1, open), its shortfall.
    /// Items without a price are listed in `unpriced`.
    pub fn committee_cost(&self, findings: &[Finding], new_estate_shortfall_m2: f64) -> Priced {
        let mut p = Priced::default();
        for f in findings.iter().filter(|f| !f.accepted()) {
            if f.code == Code::A2_1_1 {
                p.cost.area_fen = area_cost_fen(new_estate_shortfall_m2, self.refit_fen_per_m2);
                continue;
            }
            if !MISSING_ITEM_CODES.iter().any(|c| f.code == *c) {
                continue;
            }
            for ident in &f.items {
                let Some(kind) = ItemKind::ALL.iter().copied().find(|k| k.ident() == ident) else {
                    continue;
                };
                match self.item(kind) {
                    Some(fen) => {
                        p.cost.equipment_fen = p.cost.equipment_fen.saturating_add(fen);
                        p.items.push((kind, fen));
                    }
                    None => {
                        if !p.unpriced.contains(&kind) {
                            p.unpriced.push(kind);
                        }
                    }
                }
            }
        }
        p
    }

    /// The note shown beside every cost.
    pub fn note(&self, lang: Lang) -> &'static str {
        if self.estimate {
            lang.pick(
                "费用为静安区内置估算价格,仅供参考,请以本区实际价格替换 (规则配置 prices)",
                "Costs use Jing'an's built-in estimated prices, for reference only: replace them with the district's own (profile `prices`)",
            )
        } else {
            lang.pick(
                "费用按规则配置中的价格计算",
                "Costs from the profile's price list",
            )
        }
    }
}

/// A committee's cost with what it is made of.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Priced {
    pub cost: Cost,
    /// Each missing item with its unit price, in finding order.
    pub items: Vec<(ItemKind, i64)>,
    /// Missing items the price list has no price for (not in the sum).
    pub unpriced: Vec<ItemKind>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::followup::{apply_status, Status, StatusFile};
    use crate::rules::{rule, Code, Profile};

    fn prices() -> Prices {
        Profile::jingan_2017()
            .prices
            .expect("the built-in profile has prices")
    }

    #[test]
    fn the_built_in_list_is_an_estimate_and_prices_every_required_item() {
        let p = Profile::jingan_2017();
        let prices = p.prices.as_ref().unwrap();
        assert!(prices.estimate);
        for k in &p.required_equipment {
            assert!(prices.item(*k).is_some_and(|f| f > 0), "{k:?}");
        }
        for k in ItemKind::ALL {
            if !matches!(k, ItemKind::OtherPlaque | ItemKind::OtherMailbox) {
                assert!(prices.item(*k).is_some(), "{k:?} has no price");
            }
        }
        assert!(prices.refit_fen_per_m2 > 0);
    }

    #[test]
    fn fen_are_written_exactly() {
        assert_eq!(yuan(123_456_789), "¥1,234,567.89");
        assert_eq!(yuan(5), "¥0.05");
        assert_eq!(yuan(-100_000), "-¥1,000.00");
        assert_eq!(yuan_plain(10), "0.10");
        assert_eq!(
            serde_json::to_string(&crate::report::json::Yuan(123_456)).unwrap(),
            "1234.56"
        );
        // 0.1 + 0.2 in floats is not 0.3; in fen it is
        let sum: i64 = [10, 20].iter().sum();
        assert_eq!(yuan_plain(sum), "0.30");
    }

    #[test]
    fn area_cost_rounds_to_the_fen_without_floats_in_the_sum() {
        assert_eq!(area_cost_fen(12.5, 300_000), 3_750_000);
        assert_eq!(area_cost_fen(0.01, 333), 3); // 3.33 fen → 3
        assert_eq!(area_cost_fen(0.01, 350), 4); // 3.5 fen → 4
        assert_eq!(area_cost_fen(0.0, 300_000), 0);
        assert_eq!(area_cost_fen(f64::NAN, 300_000), 0);
        assert_eq!(area_cost_fen(-3.0, 300_000), 0);
    }

    #[test]
    fn missing_items_are_priced_and_accepted_ones_are_not() {
        let p = prices();
        let fax = Finding::new(rule(Code::A2_6_3), "x", "x").item(ItemKind::Fax);
        let fire = Finding::new(rule(Code::A2_4_4), "x", "x").item(ItemKind::FireEquipment);
        let other = Finding::new(rule(Code::A2_6_2), "x", "x").item(ItemKind::OtherPlaque);
        let fs = vec![fax.clone(), fire.clone(), other];
        let c = p.committee_cost(&fs, 0.0);
        assert_eq!(
            c.cost.equipment_fen,
            p.item(ItemKind::Fax).unwrap() + p.item(ItemKind::FireEquipment).unwrap()
        );
        assert_eq!(c.cost.area_fen, 0);
        assert_eq!(c.items.len(), 2);
        let mut status = StatusFile::new("c");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        status
            .set(&fax, Status::Accepted, "街道", day, Some("另有传真"), None)
            .unwrap();
        let (marked, _) = apply_status(fs, &status, day);
        let c = p.committee_cost(&marked, 0.0);
        assert_eq!(
            c.cost.equipment_fen,
            p.item(ItemKind::FireEquipment).unwrap()
        );
    }

    #[test]
    fn area_is_priced_only_for_a_new_estates_open_shortfall() {
        let p = prices();
        let short = Finding::new(rule(Code::A2_1_1), "x", "x");
        let c = p.committee_cost(std::slice::from_ref(&short), 40.0);
        assert_eq!(c.cost.area_fen, 40 * p.refit_fen_per_m2);
        assert_eq!(c.cost.total_fen(), 40 * p.refit_fen_per_m2);
        // an old estate's priority finding never gets an invented target
        let old = Finding::new(rule(Code::A2_1_2), "x", "x");
        assert_eq!(p.committee_cost(&[old], 120.0).cost, Cost::default());
    }

    #[test]
    fn items_without_a_price_are_listed_not_summed() {
        let mut p = prices();
        p.items.remove(&ItemKind::Fax);
        let fax = Finding::new(rule(Code::A2_6_3), "x", "x").item(ItemKind::Fax);
        let c = p.committee_cost(&[fax], 0.0);
        assert_eq!(c.cost.total_fen(), 0);
        assert_eq!(c.unpriced, [ItemKind::Fax]);
    }

    #[test]
    fn costs_add_up_without_overflow() {
        let mut a = Cost {
            equipment_fen: i64::MAX - 1,
            area_fen: 5,
        };
        a.add(&Cost {
            equipment_fen: 10,
            area_fen: 1,
        });
        assert_eq!(a.equipment_fen, i64::MAX);
        assert_eq!(a.total_fen(), i64::MAX);
    }
}
