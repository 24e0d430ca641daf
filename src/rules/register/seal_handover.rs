//! # A1-3.4.4 seal-handover-10-days
//!
//! **What it checks.** After every term change (a TermChange event, with its election date),
//! the seal handover is recorded — the `seal` date of a Handover event after
//! the term change and before the next — no later than the profile's number
//! of days after the election (10 in Jing'an 2017: “10天内”, counted as
//! calendar days after election day, the tenth included, as 以内 includes
//! its number). A late seal handover is reported at its Handover; a missing
//! one at the TermChange, once the days have run out (before that, it is
//! still in time).
//!
//! Not after a collective recall: a term change that follows a `Recall`
//! (since the term change before it) is the re-election of 3.4.5, when the
//! seals are with the street and come back by A1-3.4.5, not by this rule.
//!
//! **Why.** The seal is the committee's authority; a new committee cannot act until
//! it holds it, and an outgoing one must not keep it.
//!
//! **Clause.** 附件1 3.4.4 「印章销毁、更换或变更,均应当通过街道(镇)统一办理。换届后应当在10天内办理移交。」

use chrono::TimeDelta;

use super::RegisterCheck;
use crate::register::{EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_4_4);
    let days = ctx.profile.seal_handover_days;
    let facts = &reg.events[..ctx.facts(reg)];
    let mut out = Vec::new();
    let mut recalled = false;
    for (i, ev) in facts.iter().enumerate() {
        let election = match ev.kind {
            EventKind::Recall(_) => {
                recalled = true;
                continue;
            }
            EventKind::TermChange { election } => election,
            _ => continue,
        };
        // the re-election after a recall: the street returns the seals (A1-3.4.5)
        if std::mem::take(&mut recalled) {
            continue;
        }
        // checked: a date near the end of the calendar has no deadline
        let Some(deadline) = election.checked_add_signed(TimeDelta::days(i64::from(days))) else {
            continue;
        };
        let term = facts[i + 1..]
            .iter()
            .take_while(|e| !matches!(e.kind, EventKind::TermChange { .. }));
        let seal = term.filter_map(|e| match e.kind {
            EventKind::Handover { seal: Some(d), .. } => Some((d, e)),
            _ => None,
        });
        match seal.min_by_key(|(d, _)| *d) {
            Some((d, h)) if d > deadline => {
                let late = (d - election).num_days();
                out.push(
                    Finding::new(
                        meta,
                        format!(
                            "{election} 换届后,印章于 {d} 移交,相隔 {late} 天,超过 {days} 天的期限({deadline})"
                        ),
                        format!(
                            "The seal was handed over on {d}, {late} days after the election of {election}: more than {days} days (deadline {deadline})"
                        ),
                    )
                    .at_line(h.line),
                );
            }
            Some(_) => {}
            None if ctx.today > deadline => out.push(
                Finding::new(
                    meta,
                    format!(
                        "{election} 换届后未记录印章移交,{days} 天的期限已于 {deadline} 届满"
                    ),
                    format!(
                        "No seal handover recorded after the election of {election}; the {days}-day limit ran out on {deadline}"
                    ),
                )
                .at_line(ev.line),
            ),
            None => {}
        }
    }
    out
}
