//! A rule profile: the thresholds and lists of a district's standard as
//! data. Jing'an 2017 is built in (`assets/profiles/jingan-2017.ron`);
//! `--profile FILE` loads another district's (`docs/profile.md`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::io::{parse_ron, LoadError, SourceError};
use crate::model::{ItemKind, Network, PoliceService, Zone};

/// The built-in profile's text.
pub const JINGAN_2017: &str = include_str!("../../assets/profiles/jingan-2017.ron");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub format: crate::model::Format1,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub new_estate_min_area_m2: f64,
    pub old_estate_priority_max_m2: f64,
    pub old_estate_target_m2: f64,
    pub required_zones: Vec<Zone>,
    pub required_equipment: Vec<ItemKind>,
    #[serde(default)]
    pub computer_networks: Vec<Network>,
    pub police_board_walls: u32,
    pub police_services: Vec<PoliceService>,
    pub seal_handover_days: u32,
    /// When a year's stocktake must be dated to count as that year's
    /// year-end count (A1-3.6.3b): 1 December to 31 January in Jing'an 2017.
    #[serde(default)]
    pub year_end_count: YearEndWindow,
    #[serde(default = "default_overlap")]
    pub overlap_tolerance_m2: f64,
    #[serde(default = "default_door")]
    pub door_tolerance_m: f64,
    /// The price list for costs (`followup.md`, "Costs"); none: no costs.
    #[serde(default)]
    pub prices: Option<crate::followup::cost::Prices>,
    /// The matters a committee's seal may be used for (附件5 in Jing'an
    /// 2017), by number; a SealUse names one (A1-3.4.3). Optional: a
    /// profile without it has no list, and every use is reported as naming
    /// no matter of the list.
    #[serde(default)]
    pub seal_matters: Vec<SealMatter>,
}

/// One matter of the seal-use list (印章使用事项参考清单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealMatter {
    /// The item number in the list (序号), unique.
    pub number: u32,
    /// The list's heading the matter stands under (证明类别), e.g. `居住证明`.
    #[serde(default)]
    pub category: Option<String>,
    /// The matter's name (事项名称), as the list words it.
    pub name: String,
}

/// The dates a year's stocktake must fall in to be its year-end count
/// (年底清点, A1-3.6.3b), written `(from: "12-01", until: "01-31")`: `from`
/// is in the counted year; `until` in the same year when it comes later in
/// the calendar, else in the next year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearEndWindow {
    pub from: MonthDay,
    pub until: MonthDay,
}

impl Default for YearEndWindow {
    fn default() -> Self {
        YearEndWindow {
            from: MonthDay { month: 12, day: 1 },
            until: MonthDay { month: 1, day: 31 },
        }
    }
}

impl YearEndWindow {
    /// The first and last day (both included) of the window for `year`'s
    /// count; `None` for a year at the calendar's end.
    pub fn for_year(&self, year: i32) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let start = self.from.in_year(year)?;
        let end_year = if self.until < self.from {
            year.checked_add(1)?
        } else {
            year
        };
        Some((start, self.until.in_year(end_year)?))
    }
}

/// A day of the calendar without a year, written `"MM-DD"` (`"12-01"`).
/// 29 February is refused: it is not in every year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn in_year(self, year: i32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl std::str::FromStr for MonthDay {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("“{s}” is not a day of the year: write \"MM-DD\", e.g. \"12-01\"");
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        // 2001 is not a leap year: 02-29 is refused, as it is not in every year
        chrono::NaiveDate::from_ymd_opt(2001, month, day).ok_or_else(bad)?;
        Ok(MonthDay { month, day })
    }
}

impl Serialize for MonthDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn default_overlap() -> f64 {
    0.01
}
fn default_door() -> f64 {
    0.05
}

impl Default for Profile {
    fn default() -> Self {
        Profile::jingan_2017()
    }
}

impl Profile {
    /// The built-in Jing'an 2017 profile.
    pub fn jingan_2017() -> Self {
        Profile::parse(Path::new("assets/profiles/jingan-2017.ron"), JINGAN_2017)
            .expect("the built-in profile parses")
    }

    /// Parse a profile and check every value's range ([`Profile::validate`]).
    pub fn parse(path: &Path, text: &str) -> Result<Self, SourceError> {
        let profile: Profile = parse_ron(path, text)?;
        profile.validate(path, text)?;
        Ok(profile)
    }

    /// Check the range of every field, naming the first one out of range
    /// with its line. NaN, infinities and negative areas are refused; day
    /// counts and amounts are bounded so that date and money arithmetic
    /// stays small. A new field adds one line here (`docs/limits.md`).
    pub fn validate(&self, path: &Path, text: &str) -> Result<(), SourceError> {
        let mut v = Ranges::new(path, text);
        v.real(
            "new_estate_min_area_m2",
            self.new_estate_min_area_m2,
            0.0,
            MAX_AREA_M2,
        );
        v.real(
            "old_estate_priority_max_m2",
            self.old_estate_priority_max_m2,
            0.0,
            MAX_AREA_M2,
        );
        v.real(
            "old_estate_target_m2",
            self.old_estate_target_m2,
            0.0,
            MAX_AREA_M2,
        );
        v.int("police_board_walls", self.police_board_walls, 0, 100);
        v.int("seal_handover_days", self.seal_handover_days, 0, MAX_DAYS);
        v.real(
            "overlap_tolerance_m2",
            self.overlap_tolerance_m2,
            0.0,
            100.0,
        );
        v.real("door_tolerance_m", self.door_tolerance_m, 0.0, 10.0);
        v.finish()?;
        self.validate_seal_matters(path, text)
    }

    /// The seal-use matter with this number, if the list has it.
    pub fn seal_matter(&self, number: u32) -> Option<&SealMatter> {
        self.seal_matters.iter().find(|m| m.number == number)
    }

    /// The seal matters' numbers are unique and their names not empty.
    fn validate_seal_matters(&self, path: &Path, text: &str) -> Result<(), SourceError> {
        let mut seen = std::collections::HashMap::new();
        for (i, m) in self.seal_matters.iter().enumerate() {
            // where the i-th matter's number is written, for the error
            let at = || {
                let from = text.find("seal_matters").unwrap_or(0);
                let rest = &text[from..];
                rest.match_indices("number")
                    .nth(i)
                    .map(|(o, _)| crate::io::line_col(text, from + o))
                    .unwrap_or((1, 1))
            };
            if let Some(first) = seen.insert(m.number, i) {
                let (l, c) = at();
                return Err(SourceError::new(
                    path,
                    l,
                    c,
                    format!(
                        "印章使用事项序号 {} 重复(第 {} 项与第 {} 项): 每个序号只能用一次",
                        m.number,
                        first + 1,
                        i + 1
                    ),
                    format!(
                        "seal matter number {} is used twice (entries {} and {}): numbers must be unique",
                        m.number,
                        first + 1,
                        i + 1
                    ),
                ));
            }
            if m.name.trim().is_empty() {
                let (l, c) = at();
                return Err(SourceError::new(
                    path,
                    l,
                    c,
                    format!("印章使用事项 {} 的名称不能为空", m.number),
                    format!("seal matter {} has an empty name", m.number),
                ));
            }
        }
        Ok(())
    }

    pub fn load(path: &Path) -> Result<Self, LoadError> {
        use crate::io::kind::{refine_parse_error, refine_read_error, FileKind};
        let text = crate::io::read_utf8(path)
            .map_err(|e| refine_read_error(path, e, FileKind::Profile))?;
        Ok(Profile::parse(path, &text)
            .map_err(|e| refine_parse_error(path, e, &text, FileKind::Profile))?)
    }
}

/// The largest area a profile may name: 100,000 m².
pub const MAX_AREA_M2: f64 = 100_000.0;
/// The longest period a profile may name, in days: ten years.
pub const MAX_DAYS: i64 = 3650;
/// The highest value threshold a profile may name: 100 million yuan.
pub const MAX_THRESHOLD_FEN: i64 = 10_000_000_000;

/// Range checks of a profile's fields, remembering the first failure at the
/// line of its key.
struct Ranges<'a> {
    path: &'a Path,
    text: &'a str,
    error: Option<SourceError>,
}

impl<'a> Ranges<'a> {
    fn new(path: &'a Path, text: &'a str) -> Self {
        Ranges {
            path,
            text,
            error: None,
        }
    }

    /// Where `key:` stands in the text (else the start).
    fn place(&self, key: &str) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        for (at, _) in self.text.match_indices(key) {
            let before_ok = at == 0 || {
                let b = bytes[at - 1];
                !(b.is_ascii_alphanumeric() || b == b'_')
            };
            let after = self.text[at + key.len()..].trim_start();
            if before_ok && after.starts_with(':') {
                return crate::io::line_col(self.text, at);
            }
        }
        (1, 1)
    }

    fn fail(&mut self, key: &str, value: String, lo: String, hi: String) {
        if self.error.is_some() {
            return;
        }
        let (line, col) = self.place(key);
        self.error = Some(SourceError::new(
            self.path,
            line,
            col,
            format!("{key} 的值 {value} 超出范围: 应为 {lo} 至 {hi} 之间的数"),
            format!("{key} = {value} is out of range: expected a number from {lo} to {hi}"),
        ));
    }

    /// A finite real number in `lo..=hi` (NaN and infinities refused).
    fn real(&mut self, key: &str, value: f64, lo: f64, hi: f64) {
        if !(value.is_finite() && (lo..=hi).contains(&value)) {
            self.fail(key, value.to_string(), lo.to_string(), hi.to_string());
        }
    }

    /// An integer in `lo..=hi`.
    fn int(&mut self, key: &str, value: impl Into<i64>, lo: i64, hi: i64) {
        let value = value.into();
        if !(lo..=hi).contains(&value) {
            self.fail(key, value.to_string(), lo.to_string(), hi.to_string());
        }
    }

    fn finish(self) -> Result<(), SourceError> {
        self.error.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn built_in_profile_parses() {
        let p = super::Profile::jingan_2017();
        assert_eq!(p.required_equipment.len(), 18);
        assert_eq!(p.new_estate_min_area_m2, 200.0);
    }

    #[test]
    fn built_in_seal_matters_are_the_24_of_annex_5_word_for_word() {
        let p = super::Profile::jingan_2017();
        let numbers: Vec<u32> = p.seal_matters.iter().map(|m| m.number).collect();
        assert_eq!(numbers, (1..=24).collect::<Vec<_>>());
        // every name and heading stands in the seed's 附件5 as written there
        let seed = include_str!("../../docs/standard-jingan-2017.txt");
        let annex = &seed[seed.find("\n附件5").unwrap()..seed.find("\n附件7").unwrap()];
        for m in &p.seal_matters {
            assert!(annex.contains(&format!("\n{}\n", m.name)), "{m:?}");
            let heading = m.category.as_deref().unwrap();
            assert!(annex.contains(&format!("、{heading}\n")), "{m:?}");
        }
        assert_eq!(
            p.seal_matter(1).unwrap().name,
            "为居住在亲戚朋友家的流动人口开具寄宿证明"
        );
        assert_eq!(p.seal_matter(24).unwrap().name, "监护人的确认与变更");
        assert!(p.seal_matter(25).is_none());
    }

    #[test]
    fn seal_matter_numbers_are_unique_and_errors_are_located() {
        let text = super::JINGAN_2017.replace("(number: 12,", "(number: 11,");
        let e = super::Profile::parse(std::path::Path::new("p.ron"), &text).unwrap_err();
        assert!(
            e.message_en
                .contains("number 11 is used twice (entries 11 and 12)"),
            "{e}"
        );
        let line = text
            .lines()
            .position(|l| l.contains("(number: 11, category: \"社保证明\", name: \"为社会救助审核"))
            .unwrap()
            + 1;
        assert_eq!((e.line, e.col), (line, 10), "{e}");
        let text = super::JINGAN_2017.replace("name: \"公证事项证明\"", "name: \" \"");
        let e = super::Profile::parse(std::path::Path::new("p.ron"), &text).unwrap_err();
        assert!(
            e.message_en.contains("seal matter 16 has an empty name"),
            "{e}"
        );
        // another district brings its own list, or none
        let text = super::JINGAN_2017.replace("(number: 24,", "(number: 31,");
        let p = super::Profile::parse(std::path::Path::new("p.ron"), &text).unwrap();
        assert!(p.seal_matter(31).is_some() && p.seal_matter(24).is_none());
        let start = super::JINGAN_2017.find("    // 附件5").unwrap();
        let end = super::JINGAN_2017.rfind("    ],").unwrap() + "    ],\n".len();
        let text = format!(
            "{}{}",
            &super::JINGAN_2017[..start],
            &super::JINGAN_2017[end..]
        );
        let p = super::Profile::parse(std::path::Path::new("p.ron"), &text).unwrap();
        assert!(p.seal_matters.is_empty());
    }

    /// Issue 15 item 4: `seal_handover_days: 4294967295` panicked in date
    /// arithmetic; NaN, negative and infinite areas were accepted.
    #[test]
    fn values_out_of_range_are_refused_at_their_line() {
        use std::path::Path;
        let base = super::JINGAN_2017;
        for (key, bad) in [
            ("seal_handover_days", "4294967295"),
            ("new_estate_min_area_m2", "NaN"),
            ("old_estate_target_m2", "-5.0"),
            ("old_estate_priority_max_m2", "inf"),
            ("door_tolerance_m", "1e300"),
        ] {
            let line = base
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("{key}:")))
                .unwrap_or_else(|| panic!("{key} in the built-in profile"));
            let text: String = base
                .lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == line {
                        format!("    {key}: {bad},\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect();
            let e = super::Profile::parse(Path::new("p.ron"), &text).unwrap_err();
            assert_eq!(e.line, line + 1, "{key}: {e}");
            assert!(
                e.message_en.contains(key) && e.message_en.contains("range"),
                "{e}"
            );
        }
    }
}
