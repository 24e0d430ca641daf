//! # A1-3.6.3a asset-custodian
//!
//! **What it checks.** Every asset card in use on the day of the check names a custodian
//! (保管人): one finding per card without one, at the line of its
//! acquisition.
//!
//! **Why.** A thing nobody answers for is the first to go missing; the standard asks
//! for a named keeper of every registered item.
//!
//! **Clause.** 附件1 3.6.3 「按照固定资产管理相关规定,对添置、自制、调拨、受赠、报损的物品建立台账,
//! 指定专人保管,年底清点,做到账物相符。」

use super::RegisterCheck;
use crate::register::Register;
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_6_3a);
    reg.state_at(ctx.today)
        .in_use()
        .filter(|a| a.custodian.is_none())
        .map(|a| {
            let mut f = Finding::new(
                meta,
                format!("资产 {}({})未指定保管人", a.id, a.name),
                format!("Asset {} ({}) has no custodian", a.id, a.name),
            )
            .asset(&a.id)
            .at_line(a.line);
            if let Some(room) = &a.location {
                f = f.room(room);
            }
            f
        })
        .collect()
}
