//! The fixed-asset register (附件1 §3.6.3) and the committee's seals
//! (附件1 §3.4): a ledger of dated events
//! (`docs/spec/register-format.md`, format 1), the state on any date as
//! their replay, the year-end stocktake against a count sheet, and the
//! term-change handover list.
//!
//! - [`ledger`]: the events, reading (with located errors) and writing format 1.
//! - [`replay`]: the state of every asset card on a date, and the checks of
//!   the events against those before them.
//! - [`load`]: reading a register checked: the ledger's reading, then the replay's checks.
//! - [`count_sheet`]: the stocktake count sheet, from CSV or Excel.
//! - [`stocktake`]: reconciling a count sheet against the books.
//! - [`handover`]: the term-change handover list and its completeness.
//! - [`seal`]: one seal's keepers, custody, changes and use log.
//! - [`changes`]: the year's changes statement (固定资产增减变动表).
//! - [`chain`]: the hash chain of an exported register's events (`juwei
//!   serve`), and its check (`juwei register verify`).
//!
//! ```
//! use juwei::register::parse_register;
//! use std::path::Path;
//! let text = r#"(format: 1, committee: "JA-1", events: [
//!     (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase,
//!      name: "台式计算机", unit_value_fen: 568000, custodian: "张三", location: "R1"))),
//!     (date: "2025-06-10", asset: "ZC-0001", event: Move(to: "R2")),
//! ])"#;
//! let reg = parse_register(Path::new("r.ron"), text).unwrap();
//! let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
//! assert_eq!(reg.state_at(day).get("ZC-0001").unwrap().location.as_deref(), Some("R1"));
//! ```

pub mod chain;
pub mod changes;
pub mod count_sheet;
pub(crate) mod fast;
pub mod handover;
pub mod import;
pub mod ledger;
pub mod load;
pub mod record;
pub mod replay;
pub mod seal;
pub mod stocktake;
pub mod typed;

pub use count_sheet::{
    load_count_sheet, parse_csv, read_count_sheet, read_table, CountRow, CountSheet, SheetError,
};
pub use handover::{handover_list, HandoverGroup, HandoverList};
pub use ledger::{
    register_to_string, save_register, Acquire, Custody, Event, EventKind, Recall, Register,
    SealChange, SealChangeKind, SealCustody, SealKeeper, SealMade, SealUse, Source,
};
pub use load::{load_register, load_register_text, parse_register};
pub use replay::{AssetState, SealState, State, Status};
pub use stocktake::{reconcile, Reconciliation};

/// The plan that sits beside a register named `NAME.register.ron`
/// (`NAME.ron`), if there is one.
pub fn sibling_plan(register: &std::path::Path) -> Option<std::path::PathBuf> {
    let name = register.file_name()?.to_str()?;
    let stem = name.strip_suffix(".register.ron")?;
    let plan = register.with_file_name(format!("{stem}.ron"));
    plan.is_file().then_some(plan)
}

/// Room ids → names of the plan beside the register, when it has the
/// register's committee code (count sheets read room names through it).
pub fn sibling_rooms(reg: &Register) -> Option<std::collections::HashMap<String, String>> {
    let plan = crate::io::load_plan(&sibling_plan(&reg.path)?).ok()?;
    (plan.committee.code == reg.committee).then(|| {
        plan.rooms
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect()
    })
}

/// Money in fen as yuan with two decimals: `568000` → `5680.00`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// Money in fen as yuan with two decimals and thousands separators:
/// `123456789` → `1,234,567.89`.
pub fn yuan_grouped(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    let whole = (a / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_fen_exactly() {
        assert_eq!(yuan(568000), "5680.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(-150), "-1.50");
        assert_eq!(yuan_grouped(123456789), "1,234,567.89");
        assert_eq!(yuan_grouped(99), "0.99");
        assert_eq!(yuan_grouped(100000), "1,000.00");
    }
}
