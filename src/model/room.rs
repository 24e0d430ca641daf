use serde::{Deserialize, Serialize};

/// One room of the premises: a simple polygon in metres (either winding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub zones: Vec<Zone>,
    pub floor: Floor,
    /// The storey (rev 2): 0 the ground floor (default), 1 the floor above,
    /// -1 a basement. Outlines of all levels share one x/y frame.
    #[serde(
        default,
        skip_serializing_if = "is_ground",
        deserialize_with = "level::deserialize"
    )]
    pub level: i32,
    /// Wall *i* runs from point *i* to point *i+1*; the last wall closes back
    /// to point 0. The last point is not the first repeated.
    pub outline: Vec<(f64, f64)>,
}

fn is_ground(level: &i32) -> bool {
    *level == 0
}

impl Room {
    pub fn has(&self, zone: Zone) -> bool {
        self.zones.contains(&zone)
    }

    /// Holds one of the four committee zones (office, meeting, service, reception).
    pub fn is_committee_room(&self) -> bool {
        self.zones.iter().any(|z| z.is_committee())
    }

    /// Counts towards the premises area (办公用房面积): holds no
    /// `ResidentActivity` and no `Courtyard` zone.
    pub fn is_premises(&self) -> bool {
        !self.has(Zone::ResidentActivity) && !self.has(Zone::Courtyard)
    }
}

/// Functional zones of 附件2 三 (plus circulation, ancillary and courtyard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Zone {
    Office,
    Meeting,
    Service,
    Reception,
    Police,
    ResidentActivity,
    Circulation,
    Ancillary,
    Courtyard,
}

impl Zone {
    pub const ALL: [Zone; 9] = [
        Zone::Office,
        Zone::Meeting,
        Zone::Service,
        Zone::Reception,
        Zone::Police,
        Zone::ResidentActivity,
        Zone::Circulation,
        Zone::Ancillary,
        Zone::Courtyard,
    ];

    /// The four zones of the committee itself (附件2 三.1–三.4).
    pub fn is_committee(self) -> bool {
        matches!(
            self,
            Zone::Office | Zone::Meeting | Zone::Service | Zone::Reception
        )
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Zone::Office => "工作办公区",
            Zone::Meeting => "会议议事区",
            Zone::Service => "综合服务区",
            Zone::Reception => "居民接待区",
            Zone::Police => "社区警务室",
            Zone::ResidentActivity => "居民活动用房",
            Zone::Circulation => "交通空间",
            Zone::Ancillary => "辅助用房",
            Zone::Courtyard => "天井",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Zone::Office => "office",
            Zone::Meeting => "meeting",
            Zone::Service => "service",
            Zone::Reception => "reception",
            Zone::Police => "police room",
            Zone::ResidentActivity => "resident activity",
            Zone::Circulation => "circulation",
            Zone::Ancillary => "ancillary",
            Zone::Courtyard => "courtyard",
        }
    }

    pub fn name(self, lang: super::Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// The identifier used in files (`Office`, `Meeting`, …).
    pub fn ident(self) -> &'static str {
        match self {
            Zone::Office => "Office",
            Zone::Meeting => "Meeting",
            Zone::Service => "Service",
            Zone::Reception => "Reception",
            Zone::Police => "Police",
            Zone::ResidentActivity => "ResidentActivity",
            Zone::Circulation => "Circulation",
            Zone::Ancillary => "Ancillary",
            Zone::Courtyard => "Courtyard",
        }
    }

    /// Fill colour (sRGB) used by every drawing of a plan: SVG, planner.
    pub fn colour(self) -> [u8; 3] {
        match self {
            Zone::Office => [0x8e, 0xc5, 0xf0],
            Zone::Meeting => [0xf6, 0xc8, 0x7a],
            Zone::Service => [0x9f, 0xdc, 0x9b],
            Zone::Reception => [0xf4, 0xa6, 0xb8],
            Zone::Police => [0x7d, 0x9c, 0xe0],
            Zone::ResidentActivity => [0xc9, 0xa8, 0xe8],
            Zone::Circulation => [0xe4, 0xe4, 0xe4],
            Zone::Ancillary => [0xcf, 0xc7, 0xb8],
            Zone::Courtyard => [0xc8, 0xe6, 0xb0],
        }
    }
}

/// 附件2 四.3: floors must be anti-slip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Floor {
    AntiSlip,
    Other,
}

/// `rooms[].level` is an integer: `1.5` or `"二楼"` is refused with a message
/// that says so (a whole number written `1.0` is taken as 1).
pub(crate) mod level {
    use serde::de::{self, Deserializer, Visitor};
    use std::fmt;

    const MSG: &str = "level must be an integer storey: 0 ground floor, 1 the floor above, -1 a basement (楼层 level 必须是整数)";

    struct Level;

    impl Visitor<'_> for Level {
        type Value = i32;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an integer storey (楼层 level 必须是整数)")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i32, E> {
            i32::try_from(v).map_err(|_| E::custom(MSG))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i32, E> {
            i32::try_from(v).map_err(|_| E::custom(MSG))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<i32, E> {
            if v.fract() == 0.0 && v.abs() <= i32::MAX as f64 {
                Ok(v as i32)
            } else {
                Err(E::custom(MSG))
            }
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<i32, E> {
            Err(E::custom(MSG))
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<i32, E> {
            Err(E::custom(MSG))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
        d.deserialize_any(Level)
    }
}
