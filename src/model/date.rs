//! Dates in files: ISO `YYYY-MM-DD`, real calendar dates. Use with
//! `#[serde(with = "crate::model::date")]` (or `date::option` for
//! `Option<NaiveDate>`), so that `"2026-02-30"` is refused with a message
//! that says why, at its line and column.

use chrono::NaiveDate;
use serde::{de::Error, Deserialize, Deserializer, Serializer};

/// The earliest year juwei accepts in a date (files and `--date`).
pub const MIN_YEAR: i32 = 1900;
/// The latest year juwei accepts in a date: far enough for any plan, and
/// near enough that counting years or days to it stays small.
pub const MAX_YEAR: i32 = 2200;

/// Is `d` within [`MIN_YEAR`]..=[`MAX_YEAR`]?
pub fn in_range(d: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(&d))
}

pub fn parse(s: &str) -> Result<NaiveDate, String> {
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        format!("invalid date {s:?}: expected a real calendar date written YYYY-MM-DD (日期无效)")
    })?;
    if !in_range(d) {
        return Err(format!(
            "date {s:?} is out of range: years {MIN_YEAR} to {MAX_YEAR} (日期无效: 年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间)"
        ));
    }
    Ok(d)
}

/// A `--date` argument: `YYYY-MM-DD`, a real date, years
/// [`MIN_YEAR`]..=[`MAX_YEAR`].
pub fn parse_arg(s: &str) -> Result<NaiveDate, super::ArgError> {
    let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        super::ArgError::new(
            "日期应为 YYYY-MM-DD 格式的实际日期",
            "expected a real date written YYYY-MM-DD",
        )
    })?;
    if !in_range(d) {
        return Err(super::ArgError::new(
            format!("年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间"),
            format!("the year must be between {MIN_YEAR} and {MAX_YEAR}"),
        ));
    }
    Ok(d)
}

pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&d.format("%Y-%m-%d"))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse(&s).map_err(D::Error::custom)
}

/// The same for `Option<NaiveDate>` (bare or `Some(...)` with implicit_some).
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(s) => parse(&s).map(Some).map_err(D::Error::custom),
            None => Ok(None),
        }
    }
}
