use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Committee, Item, Room};

/// The pseudo-room id of the street / estate outside the premises.
pub const OUTSIDE: &str = "outside";

/// One committee's premises at one revision (plan format 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub format: Format1,
    pub revision: Revision,
    pub committee: Committee,
    #[serde(default)]
    pub rooms: Vec<Room>,
    #[serde(default)]
    pub doors: Vec<Door>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Images drawn beneath the plan in the planner (rev 2); checks ignore them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub underlays: Vec<Underlay>,
}

impl Plan {
    pub fn room(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
    }

    pub fn room_index(&self, id: &str) -> Option<usize> {
        self.rooms.iter().position(|r| r.id == id)
    }

    /// Items placed in the given room.
    pub fn items_in<'a>(&'a self, room: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.room() == Some(room))
    }

    /// A fresh room id not yet used in the plan (`R1`, `R2`, …).
    pub fn fresh_room_id(&self) -> String {
        (1..)
            .map(|n| format!("R{n}"))
            .find(|id| self.room(id).is_none())
            .expect("unbounded")
    }
}

/// The `format: 1` marker: any other number is refused when reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Format1;

impl Serialize for Format1 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(1)
    }
}

impl<'de> Deserialize<'de> for Format1 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        if n == 1 {
            Ok(Format1)
        } else {
            Err(serde::de::Error::custom(format!(
                "format {n} is not supported: this version reads format 1"
            )))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Counts up from 1.
    pub number: u32,
    #[serde(with = "super::date")]
    pub date: NaiveDate,
    /// Who changes the premises in this revision (rev 2, A1-3.6.1).
    #[serde(default, skip_serializing_if = "Initiator::is_committee")]
    pub initiated_by: Initiator,
    /// Why a room's use changed (rev 2, A1-3.6.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// A1-3.6.1: a change of rooms by the street needs the committee's prior consent.
    #[serde(default)]
    pub consent: Option<Consent>,
}

/// Who initiates a revision of the premises (rev 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Initiator {
    /// The committee rearranges its own rooms (default).
    #[default]
    Committee,
    /// The street (街道) adjusts the committee's premises: needs consent (3.6.1).
    Street,
}

impl Initiator {
    pub fn is_committee(&self) -> bool {
        *self == Initiator::Committee
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Initiator::Committee => "居委会",
            Initiator::Street => "街道",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Initiator::Committee => "committee",
            Initiator::Street => "street",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub by: String,
    #[serde(with = "super::date")]
    pub date: NaiveDate,
}

/// A door between two rooms, or between `"outside"` and a room, standing on
/// the wall the two share at point `at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Door {
    pub between: (String, String),
    pub at: (f64, f64),
    /// `Door` (default) on a shared wall, or `Stair` between levels (rev 2).
    #[serde(default, skip_serializing_if = "DoorKind::is_door")]
    pub kind: DoorKind,
}

/// What connects two rooms: a door in a wall, or a stair between levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DoorKind {
    /// On a wall two rooms of the same level share (or an outer wall).
    #[default]
    Door,
    /// Joins two rooms on different levels at a point inside both outlines.
    Stair,
}

impl DoorKind {
    pub fn is_door(&self) -> bool {
        *self == DoorKind::Door
    }
}

/// An image drawn beneath the plan in the planner (rev 2): a scan of the
/// property certificate's floor plan, a photo of a paper plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Underlay {
    /// The storey it shows.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub level: i32,
    /// Path relative to the plan file.
    pub image: String,
    /// Row-major 3×3 projective transform from image pixels (column, row, 1)
    /// to plan metres.
    pub to_plan: [f64; 9],
    /// 0 (invisible) to 1 (opaque); default 0.5.
    #[serde(default = "half", skip_serializing_if = "is_half")]
    pub opacity: f64,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}
fn half() -> f64 {
    0.5
}
fn is_half(x: &f64) -> bool {
    *x == 0.5
}

impl Underlay {
    /// Map an image pixel (column, row) to plan metres; `None` where the
    /// transform sends it to infinity.
    pub fn to_plan_point(&self, col: f64, row: f64) -> Option<(f64, f64)> {
        let h = &self.to_plan;
        let w = h[6] * col + h[7] * row + h[8];
        if w.abs() < 1e-12 || !w.is_finite() {
            return None;
        }
        Some((
            (h[0] * col + h[1] * row + h[2]) / w,
            (h[3] * col + h[4] * row + h[5]) / w,
        ))
    }
}

impl Door {
    /// A door (not a stair) between `a` and `b` at `at`.
    pub fn new(a: impl Into<String>, b: impl Into<String>, at: (f64, f64)) -> Self {
        Door {
            between: (a.into(), b.into()),
            at,
            kind: DoorKind::Door,
        }
    }

    pub fn is_stair(&self) -> bool {
        self.kind == DoorKind::Stair
    }

    pub fn touches(&self, room: &str) -> bool {
        self.between.0 == room || self.between.1 == room
    }

    /// The other side of the door seen from `room`.
    pub fn other(&self, room: &str) -> Option<&str> {
        if self.between.0 == room {
            Some(&self.between.1)
        } else if self.between.1 == room {
            Some(&self.between.0)
        } else {
            None
        }
    }
}
