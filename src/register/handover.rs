//! The term-change handover list (移交清单): every card in use on the
//! handover date, grouped by custodian and room.
//!
//! What a handover must list: every card in use on the handover date, by
//! the register as it stands just before the Handover event — so a card
//! acquired between the election and the handover is listed (it is among
//! the things handed over), one written off in between is not.

use chrono::NaiveDate;

use super::ledger::{EventKind, Register};
use super::replay::{AssetState, SealState, State};

/// Cards of one custodian in one room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverGroup {
    pub custodian: Option<String>,
    pub location: Option<String>,
    pub assets: Vec<AssetState>,
}

/// The list to print and sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverList {
    pub committee: String,
    pub date: NaiveDate,
    /// The last election on or before the date, if recorded.
    pub election: Option<NaiveDate>,
    /// Names from a Handover event recorded on the date, if any.
    pub outgoing: Option<String>,
    pub incoming: Option<String>,
    pub groups: Vec<HandoverGroup>,
    /// The date the seals changed hands, from the Handover event recorded
    /// on the date (`seal`), if any (A1-3.4.4).
    pub seal: Option<NaiveDate>,
    /// The seals of the register not destroyed by then, in order of making.
    pub seals: Vec<SealState>,
}

impl HandoverList {
    /// The seals row of the list: which seals were handed over and when, or
    /// that no seal handover is recorded.
    pub fn seal_line(&self, lang: crate::model::Lang) -> String {
        let zh = lang == crate::model::Lang::Zh;
        let ids: Vec<String> = self
            .seals
            .iter()
            .map(|s| format!("{}「{}」", s.id, s.name))
            .collect();
        let which = ids.join(if zh { "、" } else { ", " });
        match (self.seal, zh) {
            (Some(d), true) if ids.is_empty() => format!("印章:于 {d} 移交"),
            (Some(d), true) => format!("印章:{which} 于 {d} 移交"),
            (Some(d), false) if ids.is_empty() => format!("Seals: handed over on {d}"),
            (Some(d), false) => format!("Seals: {which} handed over on {d}"),
            (None, true) if ids.is_empty() => "印章:未记录移交".to_string(),
            (None, true) => format!("印章:{which} 未记录移交"),
            (None, false) if ids.is_empty() => "Seals: no handover recorded".to_string(),
            (None, false) => format!("Seals: {which}, no handover recorded"),
        }
    }
}

impl HandoverList {
    pub fn asset_count(&self) -> usize {
        self.groups.iter().map(|g| g.assets.len()).sum()
    }
    pub fn item_count(&self) -> u64 {
        self.groups
            .iter()
            .flat_map(|g| &g.assets)
            .map(|a| u64::from(a.count))
            .sum()
    }
    pub fn value_fen(&self) -> i64 {
        super::replay::sum_fen(
            self.groups
                .iter()
                .flat_map(|g| &g.assets)
                .map(AssetState::value_fen),
        )
    }
}

/// Group the cards in use of `state` by custodian (no custodian last), then
/// room (no room last), keeping acquisition order inside a group.
pub fn group_in_use(state: &State) -> Vec<HandoverGroup> {
    let mut cards: Vec<&AssetState> = state.in_use().collect();
    // stable: acquisition order within a group
    cards.sort_by(|a, b| {
        let key = |x: &AssetState| {
            (
                x.custodian.is_none(),
                x.custodian.clone(),
                x.location.is_none(),
                x.location.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let mut groups: Vec<HandoverGroup> = Vec::new();
    for c in cards {
        match groups.last_mut() {
            Some(g) if g.custodian == c.custodian && g.location == c.location => {
                g.assets.push(c.clone())
            }
            _ => groups.push(HandoverGroup {
                custodian: c.custodian.clone(),
                location: c.location.clone(),
                assets: vec![c.clone()],
            }),
        }
    }
    groups
}

/// The handover list on `date`. When a Handover event is recorded on that
/// date, the list is the state just before it and carries its signatories.
pub fn handover_list(reg: &Register, date: NaiveDate) -> HandoverList {
    let recorded = reg
        .events
        .iter()
        .position(|e| e.date == date && matches!(e.kind, EventKind::Handover { .. }));
    let state = match recorded {
        Some(i) => reg.state_through(i, date),
        None => reg.state_at(date),
    };
    let (outgoing, incoming, seal) = match recorded.map(|i| &reg.events[i].kind) {
        Some(EventKind::Handover {
            outgoing,
            incoming,
            seal,
            ..
        }) => (Some(outgoing.clone()), Some(incoming.clone()), *seal),
        _ => (None, None, None),
    };
    let election = reg
        .events
        .iter()
        .take_while(|e| e.date <= date)
        .filter_map(|e| match e.kind {
            EventKind::TermChange { election } => Some(election),
            _ => None,
        })
        .last();
    HandoverList {
        committee: reg.committee.clone(),
        date,
        election,
        outgoing,
        incoming,
        groups: group_in_use(&state),
        seal,
        seals: state
            .seals
            .iter()
            .filter(|s| s.is_live())
            .cloned()
            .collect(),
    }
}

/// The cards in use just before event `index` (a Handover) that it does not
/// list, in acquisition order.
pub fn missing_from_handover(reg: &Register, index: usize) -> Vec<AssetState> {
    let ev = &reg.events[index];
    let EventKind::Handover { assets, .. } = &ev.kind else {
        return Vec::new();
    };
    let listed: std::collections::HashSet<&str> = assets.iter().map(String::as_str).collect();
    reg.state_through(index, ev.date)
        .in_use()
        .filter(|a| !listed.contains(a.id.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;
    use std::path::Path;

    const REG: &str = r#"(format: 1, committee: "JA", events: [
        (date: "2024-01-01", asset: "A", event: Acquire((source: Purchase, name: "电脑", unit_value_fen: 500000, custodian: "李四", location: "R1"))),
        (date: "2024-01-01", asset: "B", event: Acquire((source: Purchase, name: "椅子", unit_value_fen: 30000, count: 10, custodian: "张三", location: "R2"))),
        (date: "2024-01-01", asset: "C", event: Acquire((source: Purchase, name: "冰箱", unit_value_fen: 200000, custodian: "张三", location: "R1"))),
        (date: "2024-01-01", asset: "D", event: Acquire((source: Purchase, name: "空调", unit_value_fen: 400000))),
        (date: "2026-01-08", event: TermChange(election: "2026-01-08")),
        (date: "2026-01-10", asset: "E", event: Acquire((source: Donation, name: "电视机", unit_value_fen: 300000, custodian: "张三", location: "R1"))),
        (date: "2026-01-12", event: Handover(outgoing: "王五", incoming: "赵六", assets: ["A", "B", "C"], seal: "2026-01-12")),
        (date: "2026-01-12", asset: "F", event: Acquire((source: Purchase, name: "打印机", unit_value_fen: 200000))),
    ])"#;

    #[test]
    fn list_groups_by_custodian_then_room() {
        let r = parse_register(Path::new("r.ron"), REG).unwrap();
        let l = handover_list(&r, "2026-01-12".parse().unwrap());
        assert_eq!(l.outgoing.as_deref(), Some("王五"));
        assert_eq!(l.election, "2026-01-08".parse().ok());
        let keys: Vec<_> = l
            .groups
            .iter()
            .map(|g| {
                (
                    g.custodian.as_deref(),
                    g.location.as_deref(),
                    g.assets.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                (Some("张三"), Some("R1"), vec!["C", "E"]),
                (Some("张三"), Some("R2"), vec!["B"]),
                (Some("李四"), Some("R1"), vec!["A"]),
                (None, None, vec!["D"]),
            ]
        );
        assert_eq!(l.item_count(), 14);
        let missing: Vec<_> = missing_from_handover(&r, 6)
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(missing, ["D", "E"], "F is acquired after the handover");
        assert_eq!(l.seal, "2026-01-12".parse().ok());
        assert_eq!(
            l.seal_line(crate::model::Lang::Zh),
            "印章:于 2026-01-12 移交"
        );
        let l = handover_list(&r, "2026-01-13".parse().unwrap());
        assert_eq!(
            l.seal_line(crate::model::Lang::En),
            "Seals: no handover recorded"
        );
    }

    #[test]
    fn the_list_names_the_seals_handed_over() {
        let text = include_str!("../../tests/fixtures/register/seals-example.register.ron");
        let r = parse_register(Path::new("r.ron"), text).unwrap();
        let l = handover_list(&r, "2026-01-12".parse().unwrap());
        assert_eq!(
            l.seal_line(crate::model::Lang::Zh),
            "印章:S1「华业居委会」 于 2026-01-12 移交"
        );
        let l = handover_list(&r, "2026-01-08".parse().unwrap());
        assert_eq!(
            l.seal_line(crate::model::Lang::En),
            "Seals: S1「华业居委会」, no handover recorded"
        );
    }
}
