//! # A1-3.4.4a seal-change-via-street
//!
//! **What it checks.** Every making (SealMade) and every replacement, alteration or destruction
//! (SealChange `Replace`, `Alter`, `Destroy`) of a seal records the street's
//! reference (`street_ref`, e.g. `街道〔2025〕8号`): one finding per event
//! without one (absent or blank), at its line.
//!
//! **Why.** A seal the street did not issue, or destroyed without its knowledge, is
//! a seal nobody can vouch for; the standard routes all of them through the
//! street, and the reference is the proof that it did.
//!
//! **Clause.** 附件1 3.4.4 「印章销毁、更换或变更,均应当通过街道(镇)统一办理。」

use super::RegisterCheck;
use crate::register::{EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_4_4a);
    let mut out = Vec::new();
    for ev in &reg.events[..ctx.facts(reg)] {
        let (seal, street_ref, zh, en) = match &ev.kind {
            EventKind::SealMade(m) => (&m.seal, &m.street_ref, "刻制", "made"),
            EventKind::SealChange(c) => {
                let (zh, en) = match c.change {
                    crate::register::SealChangeKind::Replace => ("更换", "replaced"),
                    crate::register::SealChangeKind::Alter => ("变更", "altered"),
                    crate::register::SealChangeKind::Destroy => ("销毁", "destroyed"),
                };
                (&c.seal, &c.street_ref, zh, en)
            }
            _ => continue,
        };
        if street_ref.as_deref().is_some_and(|r| !r.trim().is_empty()) {
            continue;
        }
        out.push(
            Finding::new(
                meta,
                format!(
                    "{} 印章 {seal} {zh}未记录街道文号(须通过街道统一办理)",
                    ev.date
                ),
                format!(
                    "Seal {seal} was {en} on {} with no street reference (it must go through the street)",
                    ev.date
                ),
            )
            .at_line(ev.line),
        );
    }
    out
}
