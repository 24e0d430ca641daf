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
    /// The price list for costs (`followup.md`, "Costs"); none: no costs.
    #[serde(default)]
    pub prices: Option<crate::followup::cost::Prices>,
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

    pub fn parse(path: &Path, text: &str) -> Result<Self, SourceError> {
        parse_ron(path, text)
    }

    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let text = crate::io::read_utf8(path)?;
        Ok(Profile::parse(path, &text)?)
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
}
