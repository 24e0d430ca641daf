//! One seal's record (`juwei register REG --seal S1`): who kept it over
//! time, who held it (committee or street), how it was made and changed,
//! and its use log, from the register's events up to a date.

use chrono::NaiveDate;
use serde::Serialize;

use super::ledger::{Custody, Event, EventKind, Register};
use super::replay::SealState;
use crate::model::Lang;
use crate::rules::Profile;

/// A keeper from a date on (`None`: nobody of the committee, e.g. while the
/// street holds the seal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeeperSpan {
    pub from: NaiveDate,
    pub keeper: Option<String>,
    pub line: usize,
}

/// Who holds the seal from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustodySpan {
    pub from: NaiveDate,
    pub custody: Custody,
    pub line: usize,
}

/// An event of the seal other than a use: made, changed, recalled,
/// handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealEntry {
    pub date: NaiveDate,
    pub line: usize,
    pub event: &'static str,
    pub description: String,
    pub description_en: String,
}

/// One use of the seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UseEntry {
    pub date: NaiveDate,
    pub line: usize,
    pub matter: Option<u32>,
    /// The matter's name in the profile's list, when the number is in it.
    pub matter_name: Option<String>,
    pub approved_by: Option<String>,
    pub purpose: Option<String>,
}

/// A seal's record up to a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealLog {
    pub date: NaiveDate,
    /// The seal on the date.
    pub state: SealState,
    pub keepers: Vec<KeeperSpan>,
    pub custody: Vec<CustodySpan>,
    pub changes: Vec<SealEntry>,
    pub uses: Vec<UseEntry>,
}

fn entry(e: &Event) -> SealEntry {
    SealEntry {
        date: e.date,
        line: e.line,
        event: e.kind.ident(),
        description: e.describe(Lang::Zh),
        description_en: e.describe(Lang::En),
    }
}

/// The record of seal `id` on `date`, or `None` if the seal was not made
/// by then. One pass over the events.
pub fn seal_log(reg: &Register, id: &str, date: NaiveDate, profile: &Profile) -> Option<SealLog> {
    let state = reg.state_at(date).seal(id)?.clone();
    let facts = &reg.events[..reg.events.partition_point(|e| e.date <= date)];
    let mut keepers: Vec<KeeperSpan> = Vec::new();
    let mut custody: Vec<CustodySpan> = Vec::new();
    let mut changes = Vec::new();
    let mut uses = Vec::new();
    let mut made = false;
    let mut held = Custody::Committee;
    for e in facts {
        if !made && e.kind.seal() != Some(id) {
            continue;
        }
        match &e.kind {
            EventKind::SealMade(m) if m.seal == id => {
                made = true;
                keepers.push(KeeperSpan {
                    from: e.date,
                    keeper: m.keeper.clone(),
                    line: e.line,
                });
                custody.push(CustodySpan {
                    from: e.date,
                    custody: Custody::Committee,
                    line: e.line,
                });
                changes.push(entry(e));
            }
            EventKind::SealKeeper(k) if k.seal == id => keepers.push(KeeperSpan {
                from: e.date,
                keeper: Some(k.to.clone()),
                line: e.line,
            }),
            EventKind::SealUse(u) if u.seal == id => uses.push(UseEntry {
                date: e.date,
                line: e.line,
                matter: u.matter,
                matter_name: u
                    .matter
                    .and_then(|n| profile.seal_matter(n))
                    .map(|m| m.name.clone()),
                approved_by: u.approved_by.clone(),
                purpose: u.purpose.clone(),
            }),
            EventKind::SealChange(c) if c.seal == id => changes.push(entry(e)),
            EventKind::SealCustody(c) if c.seal == id => {
                if c.to == Custody::Street && keepers.last().is_some_and(|k| k.keeper.is_some()) {
                    keepers.push(KeeperSpan {
                        from: e.date,
                        keeper: None,
                        line: e.line,
                    });
                }
                if c.to != held {
                    held = c.to;
                    custody.push(CustodySpan {
                        from: e.date,
                        custody: c.to,
                        line: e.line,
                    });
                }
                changes.push(entry(e));
            }
            EventKind::Recall(_) | EventKind::TermChange { .. } => changes.push(entry(e)),
            EventKind::Handover { seal: Some(_), .. } => {
                if held == Custody::Street && state.destroyed.is_none_or(|(d, _)| e.date <= d) {
                    held = Custody::Committee;
                    custody.push(CustodySpan {
                        from: e.date,
                        custody: Custody::Committee,
                        line: e.line,
                    });
                }
                changes.push(entry(e));
            }
            _ => {}
        }
    }
    Some(SealLog {
        date,
        state,
        keepers,
        custody,
        changes,
        uses,
    })
}

impl Register {
    /// The ids of the seals made up to `date`, in order of making.
    pub fn seal_ids(&self, date: NaiveDate) -> Vec<String> {
        self.state_at(date)
            .seals
            .into_iter()
            .map(|s| s.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;
    use std::path::Path;

    #[test]
    fn the_log_follows_keeper_custody_and_uses() {
        let text = include_str!("../../tests/fixtures/register/seals-example.register.ron");
        let r = parse_register(Path::new("r.ron"), text).unwrap();
        let p = Profile::jingan_2017();
        let log = seal_log(&r, "S1", "2026-03-01".parse().unwrap(), &p).unwrap();
        let keepers: Vec<_> = log.keepers.iter().map(|k| k.keeper.as_deref()).collect();
        assert_eq!(keepers, [Some("张三"), Some("李四"), None]);
        let custody: Vec<_> = log
            .custody
            .iter()
            .map(|c| (c.from.to_string(), c.custody))
            .collect();
        assert_eq!(
            custody,
            [
                ("2024-01-20".into(), Custody::Committee),
                ("2025-10-15".into(), Custody::Street),
                ("2026-01-12".into(), Custody::Committee),
            ]
        );
        assert_eq!(log.uses.len(), 1);
        assert_eq!(
            log.uses[0].matter_name.as_deref(),
            Some("为居住在亲戚朋友家的流动人口开具寄宿证明")
        );
        let kinds: Vec<_> = log.changes.iter().map(|c| c.event).collect();
        assert_eq!(
            kinds,
            [
                "SealMade",
                "SealChange",
                "Recall",
                "SealCustody",
                "TermChange",
                "Handover"
            ]
        );
        assert!(seal_log(&r, "S1", "2024-01-19".parse().unwrap(), &p).is_none());
        assert!(seal_log(&r, "S9", "2026-03-01".parse().unwrap(), &p).is_none());
    }
}
