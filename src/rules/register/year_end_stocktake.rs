//! # A1-3.6.3b year-end-stocktake
//!
//! **What it checks.** For every year at whose end (31 December) the
//! register held cards in use, a Stocktake event for that year (`year: Y`)
//! dated inside the profile's year-end window: from 1 December of Y to 31
//! January of Y+1 in Jing'an 2017 (`year_end_count`), both days included.
//! A year is judged once its window has closed, so on 15 January the
//! count of the year before is still in time. One finding per year without
//! such a count. A count of Y dated outside the window does not count, and
//! the finding says so, at that count's line, with the window's dates.
//!
//! **Why.** Only a count shows that the books match the things, and the
//! standard asks for it at the year's end: a count in February or in the
//! summer is a count, but not the 年底清点 the books are closed on.
//!
//! **Clause.** 附件1 3.6.3 「……指定专人保管,年底清点,做到账物相符。」
//!
//! **Interpretation.**
//! - 年底 (the year's end) is read as a window around 31 December rather than
//!   the day itself: a committee counts in the last weeks of December or,
//!   after the holidays, in January. The window is a profile setting, so a
//!   district that reads 年底 more strictly writes its own.
//! - A count belongs to the year it names (`year`), as the register writes
//!   it. A count dated in year Y's window but recorded for another year is
//!   mentioned in Y's finding, since the clerk may have written the calendar
//!   year of the count instead of the year counted.
//! - A year whose cards had all left the books by 31 December needs no
//!   count.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::RegisterCheck;
use crate::register::{Event, EventKind, Register};
use crate::rules::{rule, Code, Finding};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_6_3b);
    let facts = &reg.events[..ctx.facts(reg)];
    let Some(first) = facts.first() else {
        return Vec::new();
    };
    let window = ctx.profile.year_end_count;
    // the counts of each year, as recorded
    let mut counts: BTreeMap<i32, Vec<&Event>> = BTreeMap::new();
    for e in facts {
        if let EventKind::Stocktake { year, .. } = e.kind {
            counts.entry(year).or_default().push(e);
        }
    }
    let mut out = Vec::new();
    for year in first.date.year()..=ctx.today.year() {
        let Some((start, end)) = window.for_year(year) else {
            continue;
        };
        // still in time: the window has not closed yet
        if ctx.today <= end {
            break;
        }
        let in_window = |e: &&Event| (start..=end).contains(&e.date);
        let own = counts.get(&year).map(Vec::as_slice).unwrap_or_default();
        if own.iter().any(in_window) {
            continue;
        }
        let Some(year_end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
            continue;
        };
        let state = reg.state_at(year_end);
        let held = state.in_use().count();
        if held == 0 {
            continue;
        }
        let value = crate::register::yuan(state.value_in_use_fen());
        let books_zh = format!("年末在册资产 {held} 项,价值 {value} 元");
        let cards = if held == 1 { "card" } else { "cards" };
        let books_en = format!("{held} {cards} on the books at the year's end, worth {value} yuan");
        let (mut zh, mut en) = if own.is_empty() {
            (
                format!("{year} 年底未记录清点({books_zh})"),
                format!("No stocktake recorded for {year} ({books_en})"),
            )
        } else {
            let dates: Vec<String> = own.iter().map(|e| e.date.to_string()).collect();
            (
                format!(
                    "{year} 年度的清点记录于 {},不在年底清点期({start} 至 {end})内,不算年底清点({books_zh})",
                    dates.join("、")
                ),
                format!(
                    "The {year} stocktake is dated {}, outside the year-end window ({start} to {end}), so it is not a year-end count ({books_en})",
                    dates.join(", ")
                ),
            )
        };
        // a count in this year's window recorded for another year
        let other: Vec<(NaiveDate, i32)> = counts
            .iter()
            .filter(|(&y, _)| y != year)
            .flat_map(|(&y, es)| es.iter().map(move |e| (e.date, y)))
            .filter(|(d, _)| (start..=end).contains(d))
            .collect();
        for (date, y) in other {
            zh.push_str(&format!(";{date} 的清点记为 {y} 年度"));
            en.push_str(&format!("; the count of {date} is recorded for {y}"));
        }
        let mut f = Finding::new(meta, zh, en);
        if let Some(e) = own.first() {
            f = f.at_line(e.line);
        }
        out.push(f);
    }
    out
}
