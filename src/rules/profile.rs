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
    pub general_equipment_threshold_fen: i64,
    pub special_equipment_threshold_fen: i64,
    pub seal_handover_days: u32,
    #[serde(default = "default_overlap")]
    pub overlap_tolerance_m2: f64,
    #[serde(default = "default_door")]
    pub door_tolerance_m: f64,
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
        v.int(
            "general_equipment_threshold_fen",
            self.general_equipment_threshold_fen,
            0,
            MAX_THRESHOLD_FEN,
        );
        v.int(
            "special_equipment_threshold_fen",
            self.special_equipment_threshold_fen,
            0,
            MAX_THRESHOLD_FEN,
        );
        v.int("seal_handover_days", self.seal_handover_days, 0, MAX_DAYS);
        v.real(
            "overlap_tolerance_m2",
            self.overlap_tolerance_m2,
            0.0,
            100.0,
        );
        v.real("door_tolerance_m", self.door_tolerance_m, 0.0, 10.0);
        v.finish()
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
            ("general_equipment_threshold_fen", "-1"),
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
