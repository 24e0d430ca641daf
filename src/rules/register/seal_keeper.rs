//! # A1-3.4.1 seal-keeper
//!
//! **What it checks.** Every seal that exists on the day of the check (made, not destroyed) and
//! is in the committee's custody has a designated keeper (保管人): one
//! finding per seal without one. A seal made with no `keeper` is reported
//! at its SealMade; a seal that came back from the street's custody (a
//! SealCustody to `Committee`, or a Handover with a seal date) needs a
//! keeper named again — the recalled committee's keeper kept it no longer —
//! and is reported at the event that returned it. A seal the street holds
//! needs no keeper of the committee.
//!
//! **Why.** A seal nobody answers for can be used by anyone; the standard names one
//! person who keeps it and does not let it leave the committee.
//!
//! **Clause.** 附件1 3.4.1 「印章指定专人保管,不得随意带出居委会。」

use std::collections::HashMap;

use super::RegisterCheck;
use crate::register::{Custody, EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_4_1);
    let facts = &reg.events[..ctx.facts(reg)];
    // per seal: the line of the last event that set its keeper or custody,
    // and whether that event returned it from the street
    let mut last: HashMap<&str, (usize, bool)> = HashMap::new();
    let mut at_street: HashMap<&str, bool> = HashMap::new();
    for ev in facts {
        match &ev.kind {
            EventKind::SealMade(m) => {
                last.insert(&m.seal, (ev.line, false));
            }
            EventKind::SealKeeper(k) => {
                last.insert(&k.seal, (ev.line, false));
            }
            EventKind::SealCustody(c) => {
                let was_street = at_street.insert(&c.seal, c.to == Custody::Street);
                let returned = c.to == Custody::Committee && was_street == Some(true);
                if c.to == Custody::Street || returned {
                    last.insert(&c.seal, (ev.line, returned));
                }
            }
            EventKind::Handover { seal: Some(_), .. } => {
                for (id, street) in at_street.iter_mut() {
                    if *street {
                        *street = false;
                        last.insert(id, (ev.line, true));
                    }
                }
            }
            _ => {}
        }
    }
    let state = reg.state_at(ctx.today);
    state
        .seals
        .iter()
        .filter(|s| s.is_live() && s.custody == Custody::Committee && s.keeper.is_none())
        .map(|s| {
            let (line, returned) = last.get(s.id.as_str()).copied().unwrap_or((s.line, false));
            let (zh, en) = if returned {
                (
                    format!(
                        "印章 {}({})由街道交还居委会后未重新指定保管人",
                        s.id, s.name
                    ),
                    format!(
                        "Seal {} ({}) came back from the street and has no keeper designated since",
                        s.id, s.name
                    ),
                )
            } else {
                (
                    format!("印章 {}({})未指定专人保管", s.id, s.name),
                    format!("Seal {} ({}) has no designated keeper", s.id, s.name),
                )
            };
            Finding::new(meta, zh, en).at_line(line)
        })
        .collect()
}
