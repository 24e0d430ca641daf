//! Zones from room names: a table of keywords (`办公` → Office, …).
//!
//! A name gets every zone whose keyword it contains (`办公及会议室` → Office,
//! Meeting); ASCII keywords match in any case (`wc`, `WC`). A name that
//! contains no keyword gets the table's default zone, and the import says so.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::io::{parse_ron, LoadError};
use crate::model::Zone;

/// The keyword table: a file option of `juwei import` (`--keywords FILE`,
/// RON, the shape of `docs/dxf-keywords.ron`), which replaces the built-in
/// table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordTable {
    /// `(keyword, zone)`: a name containing the keyword gets the zone.
    pub keywords: Vec<(String, Zone)>,
    /// The zone of a room whose name holds no keyword (and of a room with
    /// no label).
    #[serde(default = "default_zone")]
    pub default_zone: Zone,
}

fn default_zone() -> Zone {
    Zone::Ancillary
}

impl Default for KeywordTable {
    /// The table of the issue, plus a few names that are just as
    /// unambiguous in committee drawings (楼梯, 电梯, 厕所, WC, 库房 …).
    fn default() -> Self {
        use Zone::*;
        let table: &[(&str, Zone)] = &[
            ("办公", Office),
            ("会议", Meeting),
            ("议事", Meeting),
            ("服务", Service),
            ("接待", Reception),
            ("警务", Police),
            ("活动室", ResidentActivity),
            ("老年", ResidentActivity),
            ("走廊", Circulation),
            ("门厅", Circulation),
            ("过道", Circulation),
            ("楼梯", Circulation),
            ("电梯", Circulation),
            ("卫生间", Ancillary),
            ("厕所", Ancillary),
            ("洗手间", Ancillary),
            ("WC", Ancillary),
            ("储藏", Ancillary),
            ("储物", Ancillary),
            ("库房", Ancillary),
            ("仓库", Ancillary),
            ("茶水", Ancillary),
            ("天井", Courtyard),
            // English, for foreign and mixed drawings
            ("office", Office),
            ("meeting", Meeting),
            ("conference", Meeting),
            ("seminar", Meeting),
            ("lecture", Meeting),
            ("service", Service),
            ("reception", Reception),
            ("police", Police),
            ("activity", ResidentActivity),
            ("activities", ResidentActivity),
            ("corridor", Circulation),
            ("hallway", Circulation),
            ("lobby", Circulation),
            ("foyer", Circulation),
            ("entrance", Circulation),
            ("stair", Circulation),
            ("lift", Circulation),
            ("elevator", Circulation),
            ("toilet", Ancillary),
            ("restroom", Ancillary),
            ("lavatory", Ancillary),
            ("washroom", Ancillary),
            ("bathroom", Ancillary),
            ("store", Ancillary),
            ("storage", Ancillary),
            ("kitchen", Ancillary),
            ("pantry", Ancillary),
            ("courtyard", Courtyard),
        ];
        KeywordTable {
            keywords: table.iter().map(|&(k, z)| (k.to_string(), z)).collect(),
            default_zone: default_zone(),
        }
    }
}

impl KeywordTable {
    /// Read a keyword table file (RON).
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let text = crate::io::read_utf8(path)?;
        Ok(parse_ron(path, &text)?)
    }

    /// The zones a name's keywords give, in the order of [`Zone::ALL`];
    /// empty when no keyword matches.
    pub fn zones_for(&self, name: &str) -> Vec<Zone> {
        let lower = name.to_lowercase();
        let mut zones: Vec<Zone> = self
            .keywords
            .iter()
            .filter(|(k, _)| contains_keyword(&lower, &k.to_lowercase()))
            .map(|&(_, z)| z)
            .collect();
        zones.sort();
        zones.dedup();
        zones
    }
}

/// Whether `name` holds `keyword` (both lower case). A keyword that starts
/// with an ASCII letter must start a word (`store` is in `Stores` and
/// `储藏 store`, not in `restore`); Chinese keywords
/// match anywhere.
fn contains_keyword(name: &str, keyword: &str) -> bool {
    if keyword.is_empty() {
        return false;
    }
    if !keyword.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return name.contains(keyword);
    }
    name.match_indices(keyword).any(|(at, _)| {
        !name[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_table() {
        let t = KeywordTable::default();
        let cases = [
            ("办公室", vec![Zone::Office]),
            ("会议室", vec![Zone::Meeting]),
            ("居民议事厅", vec![Zone::Meeting]),
            ("综合服务区", vec![Zone::Service]),
            ("居民接待室", vec![Zone::Reception]),
            ("社区警务室", vec![Zone::Police]),
            ("老年活动室", vec![Zone::ResidentActivity]),
            ("走廊", vec![Zone::Circulation]),
            ("门厅", vec![Zone::Circulation]),
            ("过道", vec![Zone::Circulation]),
            ("卫生间", vec![Zone::Ancillary]),
            ("储藏室", vec![Zone::Ancillary]),
            ("茶水间", vec![Zone::Ancillary]),
            ("天井", vec![Zone::Courtyard]),
            ("办公及会议室", vec![Zone::Office, Zone::Meeting]),
            ("wc", vec![Zone::Ancillary]),
            ("配电间", vec![]),
            ("Offices", vec![Zone::Office]),
            ("Meeting rooms", vec![Zone::Meeting]),
            ("KITCHEN", vec![Zone::Ancillary]),
            ("Toilets", vec![Zone::Ancillary]),
            ("Corridor", vec![Zone::Circulation]),
            ("Entrance hall", vec![Zone::Circulation]),
            ("Lecture hall", vec![Zone::Meeting]),
            ("Store", vec![Zone::Ancillary]),
            ("卫生间WC", vec![Zone::Ancillary]),
            ("restore", vec![]),
            ("Steam room", vec![]),
            ("E15-344", vec![]),
        ];
        for (name, zones) in cases {
            assert_eq!(t.zones_for(name), zones, "{name}");
        }
    }

    #[test]
    fn the_documented_table_is_the_built_in_one() {
        let text = include_str!("../../docs/dxf-keywords.ron");
        let t: KeywordTable = parse_ron(Path::new("docs/dxf-keywords.ron"), text).unwrap();
        assert_eq!(t, KeywordTable::default());
    }

    #[test]
    fn a_table_file_with_a_typo_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.ron");
        std::fs::write(&p, "(keywords: [(\"办公\", Ofice)])").unwrap();
        let e = KeywordTable::load(&p).unwrap_err();
        assert_eq!(e.location(), Some((1, 20)), "{e}");
        std::fs::write(&p, "(keywords: [(\"配电\", Ancillary)])").unwrap();
        let t = KeywordTable::load(&p).unwrap();
        assert_eq!(t.default_zone, Zone::Ancillary);
        assert_eq!(t.zones_for("配电间"), vec![Zone::Ancillary]);
    }
}
