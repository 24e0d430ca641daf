//! # A1-3.6.3d handover-complete
//!
//! **What it checks.** Every Handover event lists every card in use on its
//! date — by the register just before the event, so a card acquired between
//! the election and the handover must be listed and one written off in
//! between need not — and names both signatories, the outgoing and the
//! incoming. And a term change whose election came before the day of the
//! check is followed by a recorded handover (before the next term change):
//! one finding per term change without one, at the TermChange.
//!
//! **Why.** At a term change the new committee takes over the things and the
//! responsibility for them; what is not on the list was not handed over,
//! and a list nobody signed proves nothing.
//!
//! **Clause.** 附件1 3.6.3 「……年底清点,做到账物相符。换届时办理移交手续。」
//!
//! **Interpretation.**
//! - The seed sets no deadline for the asset handover: 换届时 asks for it at
//!   the term change, so from the day after the election until a Handover is
//!   recorded it is missing. The 10-day rule of 3.4.4 is the seal's
//!   (A1-3.4.4), and a handover recorded later than ten days is complete
//!   here as long as it lists every card and both sign.
//! - On election day itself the handover is not yet missing.

use super::{id_list, RegisterCheck};
use crate::register::handover::missing_from_handover;
use crate::register::{EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_6_3d);
    let facts = &reg.events[..ctx.facts(reg)];
    let mut out = Vec::new();
    for (i, ev) in facts.iter().enumerate() {
        match &ev.kind {
            EventKind::Handover {
                outgoing, incoming, ..
            } => {
                let missing = missing_from_handover(reg, i);
                if !missing.is_empty() {
                    let ids: Vec<String> = missing.iter().map(|a| a.id.clone()).collect();
                    out.push(
                        Finding::new(
                            meta,
                            format!(
                                "{} 的移交清单漏列 {} 项在用资产: {}",
                                ev.date,
                                ids.len(),
                                id_list(&ids, 8, true)
                            ),
                            format!(
                                "The handover of {} leaves out {} asset(s) in use: {}",
                                ev.date,
                                ids.len(),
                                id_list(&ids, 8, false)
                            ),
                        )
                        .assets(ids)
                        .at_line(ev.line),
                    );
                }
                let mut unsigned = Vec::new();
                if outgoing.trim().is_empty() {
                    unsigned.push(("移交人", "outgoing"));
                }
                if incoming.trim().is_empty() {
                    unsigned.push(("接收人", "incoming"));
                }
                if !unsigned.is_empty() {
                    let zh: Vec<_> = unsigned.iter().map(|u| u.0).collect();
                    let en: Vec<_> = unsigned.iter().map(|u| u.1).collect();
                    out.push(
                        Finding::new(
                            meta,
                            format!("{} 的移交记录缺少{}签字", ev.date, zh.join("和")),
                            format!(
                                "The handover of {} lacks the {} signatory",
                                ev.date,
                                en.join(" and the ")
                            ),
                        )
                        .at_line(ev.line),
                    );
                }
            }
            EventKind::TermChange { election } => {
                let handed = facts[i + 1..]
                    .iter()
                    .take_while(|e| !matches!(e.kind, EventKind::TermChange { .. }))
                    .any(|e| matches!(e.kind, EventKind::Handover { .. }));
                if !handed && *election < ctx.today {
                    out.push(
                        Finding::new(
                            meta,
                            format!("{election} 换届后未记录资产移交手续(换届时应办理移交)"),
                            format!(
                                "No asset handover recorded after the election of {election} (the handover is due at the term change)"
                            ),
                        )
                        .at_line(ev.line),
                    );
                }
            }
            _ => {}
        }
    }
    out
}
