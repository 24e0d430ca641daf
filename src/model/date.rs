//! Dates in files: ISO `YYYY-MM-DD`, real calendar dates. Use with
//! `#[serde(with = "crate::model::date")]` (or `date::option` for
//! `Option<NaiveDate>`), so that `"2026-02-30"` is refused with a message
//! that says why, at its line and column.

use chrono::NaiveDate;
use serde::{de::Error, Deserialize, Deserializer, Serializer};

pub fn parse(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        format!("invalid date {s:?}: expected a real calendar date written YYYY-MM-DD (日期无效)")
    })
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
