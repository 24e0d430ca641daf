//! # A1-3.4.5 seal-recall-custody
//!
//! **What it checks.** After a collective recall of the committee's members (a `Recall` event),
//! until the next election (the next TermChange):
//! - every seal (made, not destroyed) passes to the street's custody (a
//!   SealCustody to `Street`): a seal still with the committee at the
//!   election — or, with no election yet, on the day of the check — is
//!   reported at the Recall;
//! - no seal is used: a SealUse in that time is reported at its line.
//!
//! After the election the street gives the seals to the new committee
//! promptly (及时): a SealCustody to `Committee`, or a Handover with a seal
//! date, no later than the profile's seal-handover days after the election
//! (10 in Jing'an 2017, the days 3.4.4 gives an ordinary handover; the seed
//! sets no other number for 及时). A late return is reported at its line, a
//! missing one at the TermChange once the days have run out.
//!
//! And at any time, a seal is never used while the street holds it, nor
//! after it was destroyed (a SealChange `Destroy`): such a use is a fact the
//! auditor must see, so it loads and is reported here, at its line.
//!
//! **Why.** A recalled committee has no authority left to certify anything; the
//! street holds its seals so that nobody can, and hands them to the newly
//! elected committee so that its work is not held up. A destroyed seal that
//! still stamps papers is a forgery risk.
//!
//! **Clause.** 附件1 3.4.5 「居委会成员在届内被集体罢免的,印章由街道(镇)暂时代管,并在重新选举后及时将印章交予新的居委会。」

use chrono::{NaiveDate, TimeDelta};

use super::RegisterCheck;
use crate::register::replay::Replayer;
use crate::register::{Custody, EventKind, Register};
use crate::rules::{rule, Code, Finding};

/// A seal the street still holds after the election that followed a recall.
struct Pending {
    seal: String,
    election: NaiveDate,
    deadline: NaiveDate,
    /// Line of the TermChange.
    line: usize,
}

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_4_5);
    let days = ctx.profile.seal_handover_days;
    let facts = &reg.events[..ctx.facts(reg)];
    let mut out = Vec::new();
    let mut r = Replayer::default();
    let mut pending: Vec<Pending> = Vec::new();

    let not_returned = |p: &Pending| {
        Finding::new(
            meta,
            format!(
                "{} 重新选举后,印章 {} 未在 {days} 天内({})交予新的居委会",
                p.election, p.seal, p.deadline
            ),
            format!(
                "Seal {} was not given to the new committee within {days} days of the election of {} (by {})",
                p.seal, p.election, p.deadline
            ),
        )
        .at_line(p.line)
    };
    let returned_late = |p: &Pending, on: NaiveDate, line: usize| {
        Finding::new(
            meta,
            format!(
                "{} 重新选举后,印章 {} 于 {on} 才交予新的居委会,超过 {days} 天({})",
                p.election, p.seal, p.deadline
            ),
            format!(
                "Seal {} was given to the new committee on {on}, later than {days} days after the election of {} ({})",
                p.seal, p.election, p.deadline
            ),
        )
        .at_line(line)
    };
    let not_to_street = |seal: &str, recall: NaiveDate, line: usize, by: String, by_en: String| {
        Finding::new(
            meta,
            format!("{recall} 集体罢免后,印章 {seal} {by}未记录交街道暂时代管"),
            format!(
                "After the collective recall of {recall}, seal {seal} was not recorded as passing to the street's custody {by_en}"
            ),
        )
        .at_line(line)
    };

    for ev in facts {
        match &ev.kind {
            EventKind::SealUse(u) => {
                if let Some(s) = r.seal(&u.seal) {
                    let why = if let Some((d, l)) = s.destroyed {
                        Some((
                            format!("该印章已于 {d} 销毁(第 {l} 行)"),
                            format!("it was destroyed on {d} (line {l})"),
                        ))
                    } else if s.custody == Custody::Street {
                        Some((
                            "该印章正由街道代管".to_string(),
                            "the street holds it".to_string(),
                        ))
                    } else {
                        r.recall().map(|(d, l)| {
                            (
                                format!("居委会成员已于 {d} 被集体罢免(第 {l} 行),尚未重新选举"),
                                format!(
                                    "the committee was recalled on {d} (line {l}) and no new one is elected yet"
                                ),
                            )
                        })
                    };
                    if let Some((zh, en)) = why {
                        out.push(
                            Finding::new(
                                meta,
                                format!("{} 印章 {} 被使用,但{zh}", ev.date, u.seal),
                                format!("Seal {} was used on {}, but {en}", u.seal, ev.date),
                            )
                            .at_line(ev.line),
                        );
                    }
                }
            }
            EventKind::TermChange { election } => {
                // returns still owed from an earlier election are overdue now
                out.extend(pending.drain(..).map(|p| not_returned(&p)));
                if let Some((recall, line)) = r.recall() {
                    for s in r.seals().iter().filter(|s| s.is_live()) {
                        if s.custody == Custody::Committee {
                            out.push(not_to_street(
                                &s.id,
                                recall,
                                line,
                                format!("至 {election} 重新选举前"),
                                format!("before the election of {election}"),
                            ));
                        } else {
                            pending.push(Pending {
                                seal: s.id.clone(),
                                election: *election,
                                // a date near the end of the calendar: no deadline
                                deadline: election
                                    .checked_add_signed(TimeDelta::days(i64::from(days)))
                                    .unwrap_or(NaiveDate::MAX),
                                line: ev.line,
                            });
                        }
                    }
                }
            }
            EventKind::SealCustody(c) if c.to == Custody::Committee => {
                if let Some(i) = pending.iter().position(|p| p.seal == c.seal) {
                    let p = pending.remove(i);
                    if ev.date > p.deadline {
                        out.push(returned_late(&p, ev.date, ev.line));
                    }
                }
            }
            EventKind::Handover { seal: Some(on), .. } => {
                for p in pending.drain(..) {
                    if *on > p.deadline {
                        out.push(returned_late(&p, *on, ev.line));
                    }
                }
            }
            _ => {}
        }
        // a loaded register replays without error
        let _ = r.apply(ev);
    }
    // a recall with no election yet: the seals must be with the street by now
    if let Some((recall, line)) = r.recall() {
        if ctx.today > recall {
            for s in r.seals().iter().filter(|s| s.is_live()) {
                if s.custody == Custody::Committee {
                    out.push(not_to_street(
                        &s.id,
                        recall,
                        line,
                        format!("至 {} ", ctx.today),
                        format!("by {}", ctx.today),
                    ));
                }
            }
        }
    }
    out.extend(
        pending
            .iter()
            .filter(|p| ctx.today > p.deadline)
            .map(not_returned),
    );
    out
}
