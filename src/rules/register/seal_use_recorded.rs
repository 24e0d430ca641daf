//! # A1-3.4.3 seal-use-recorded
//!
//! **What it checks.** Every recorded use of a seal (SealUse) names the matter it was used for
//! by its number in the seal-use list the profile holds (附件5 in Jing'an
//! 2017, 24 matters), and who approved it (`approved_by`, not blank). One
//! finding per use that lacks either, at its line, saying what is missing:
//! no `matter`, a number that is not in the list, or no approver. A profile
//! without a list (`seal_matters` left out) can confirm no number, and the
//! message says so.
//!
//! **Why.** The seal certifies facts to courts, police and the civil-affairs
//! bureau; the standard lets it be used only for the listed matters, each
//! use approved and logged, so that every seal impression can be traced.
//!
//! **Clause.** 附件1 3.4.3 「使用印章应当按照《静安区居委会印章使用事项参考清单》,在居委会职责范围内使用。建立审批、登记、备案制度。」

use super::RegisterCheck;
use crate::register::{EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_4_3);
    let listed: std::collections::HashSet<u32> =
        ctx.profile.seal_matters.iter().map(|m| m.number).collect();
    let no_list = listed.is_empty();
    let mut out = Vec::new();
    for ev in &reg.events[..ctx.facts(reg)] {
        let EventKind::SealUse(u) = &ev.kind else {
            continue;
        };
        let mut zh: Vec<String> = Vec::new();
        let mut en: Vec<String> = Vec::new();
        match u.matter {
            None => {
                zh.push("未写明用印事项(附件5 清单序号)".into());
                en.push("names no matter (its number in the 附件5 list)".into());
            }
            Some(_) if no_list => {
                zh.push("规则配置中没有印章使用事项清单,无法核对事项序号".into());
                en.push("the profile holds no seal-use list to check the matter against".into());
            }
            Some(n) if !listed.contains(&n) => {
                zh.push(format!("事项序号 {n} 不在印章使用事项参考清单中"));
                en.push(format!("matter {n} is not in the seal-use list"));
            }
            Some(_) => {}
        }
        if u.approved_by.as_deref().is_none_or(|a| a.trim().is_empty()) {
            zh.push("无审批人".into());
            en.push("no approver".into());
        }
        if zh.is_empty() {
            continue;
        }
        let purpose = u.purpose.as_deref().filter(|p| !p.trim().is_empty());
        let what_zh = purpose.map(|p| format!("({p})")).unwrap_or_default();
        let what_en = purpose.map(|p| format!(" ({p})")).unwrap_or_default();
        out.push(
            Finding::new(
                meta,
                format!(
                    "{} 印章 {} 用印{what_zh}: {}",
                    ev.date,
                    u.seal,
                    zh.join(";")
                ),
                format!(
                    "Seal {} used on {}{what_en}: {}",
                    u.seal,
                    ev.date,
                    en.join("; ")
                ),
            )
            .at_line(ev.line),
        );
    }
    out
}
