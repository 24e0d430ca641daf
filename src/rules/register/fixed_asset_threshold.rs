//! A1-3.6.3e `fixed-asset-threshold`.
//!
//! # What it checks
//! A card in use whose unit value is below the fixed-asset threshold of the
//! profile (general equipment 1000 yuan, special equipment 1500 yuan in
//! Jing'an 2017) and that is not a batch of like items (count 1): it may
//! belong among low-value consumables rather than on the fixed-asset books.
//! Advisory; one finding per card, at the line of its acquisition.
//!
//! # Why
//! The register is kept “按照固定资产管理相关规定”: under the rules for
//! administrative units' fixed assets, a single item counts as a fixed
//! asset from 1000 yuan (special equipment 1500 yuan); below that it is a
//! low-value item unless it is a batch managed as one.
//!
//! # Clause
//! 附件1 3.6.3: “按照固定资产管理相关规定,对添置、自制、调拨、受赠、报损的物品建立台账。”

use super::RegisterCheck;
use crate::register::{yuan, Register};
use crate::rules::{rule, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule("A1-3.6.3e");
    let p = ctx.profile;
    reg.state_at(ctx.today)
        .in_use()
        .filter_map(|a| {
            let threshold = if a.special {
                p.special_equipment_threshold_fen
            } else {
                p.general_equipment_threshold_fen
            };
            if a.count != 1 || a.unit_value_fen >= threshold {
                return None;
            }
            let (kind_zh, kind_en) = if a.special {
                ("专用设备", "special equipment")
            } else {
                ("通用设备", "general equipment")
            };
            Some(
                Finding::new(
                    meta,
                    format!(
                        "资产 {}({})单价 {} 元,低于{}固定资产标准 {} 元,且非批量同类物品,可作低值易耗品管理",
                        a.id,
                        a.name,
                        yuan(a.unit_value_fen),
                        kind_zh,
                        yuan(threshold)
                    ),
                    format!(
                        "Asset {} ({}) is valued at {} yuan, below the {} yuan threshold for {}, and is not a batch: it may belong among low-value consumables",
                        a.id,
                        a.name,
                        yuan(a.unit_value_fen),
                        yuan(threshold),
                        kind_en
                    ),
                )
                .asset(&a.id)
                .at_line(a.line),
            )
        })
        .collect()
}
