//! Drawing units (`$INSUNITS`) and their size in metres.

use serde::Serialize;

/// The length unit of a drawing's coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DrawingUnits {
    Millimetres,
    Centimetres,
    Decimetres,
    Metres,
    Inches,
    Feet,
}

impl DrawingUnits {
    /// The unit of a `$INSUNITS` value; `None` for 0 (unitless) and for
    /// units no floor plan is drawn in (miles, light years, …).
    pub fn from_insunits(code: i32) -> Option<Self> {
        match code {
            1 => Some(DrawingUnits::Inches),
            2 => Some(DrawingUnits::Feet),
            4 => Some(DrawingUnits::Millimetres),
            5 => Some(DrawingUnits::Centimetres),
            6 => Some(DrawingUnits::Metres),
            14 => Some(DrawingUnits::Decimetres),
            _ => None,
        }
    }

    /// Metres per drawing unit.
    pub fn metres(self) -> f64 {
        match self {
            DrawingUnits::Millimetres => 0.001,
            DrawingUnits::Centimetres => 0.01,
            DrawingUnits::Decimetres => 0.1,
            DrawingUnits::Metres => 1.0,
            DrawingUnits::Inches => 0.0254,
            DrawingUnits::Feet => 0.3048,
        }
    }

    /// Convert a length in drawing units to metres. Millimetres and
    /// centimetres divide (exact for whole numbers) rather than multiply.
    pub fn to_metres(self, v: f64) -> f64 {
        match self {
            DrawingUnits::Millimetres => v / 1000.0,
            DrawingUnits::Centimetres => v / 100.0,
            DrawingUnits::Decimetres => v / 10.0,
            other => v * other.metres(),
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            DrawingUnits::Millimetres => "mm",
            DrawingUnits::Centimetres => "cm",
            DrawingUnits::Decimetres => "dm",
            DrawingUnits::Metres => "m",
            DrawingUnits::Inches => "in",
            DrawingUnits::Feet => "ft",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            DrawingUnits::Millimetres => "毫米",
            DrawingUnits::Centimetres => "厘米",
            DrawingUnits::Decimetres => "分米",
            DrawingUnits::Metres => "米",
            DrawingUnits::Inches => "英寸",
            DrawingUnits::Feet => "英尺",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            DrawingUnits::Millimetres => "millimetres",
            DrawingUnits::Centimetres => "centimetres",
            DrawingUnits::Decimetres => "decimetres",
            DrawingUnits::Metres => "metres",
            DrawingUnits::Inches => "inches",
            DrawingUnits::Feet => "feet",
        }
    }
}

/// The units tried, in this order, when the declared one gives implausible
/// room sizes: the usual ones first.
pub(crate) const CANDIDATES: [DrawingUnits; 6] = [
    DrawingUnits::Millimetres,
    DrawingUnits::Metres,
    DrawingUnits::Centimetres,
    DrawingUnits::Inches,
    DrawingUnits::Feet,
    DrawingUnits::Decimetres,
];

/// The median and the total of room areas (m²).
pub(crate) fn median_total(areas: &[f64]) -> (f64, f64) {
    let mut v: Vec<f64> = areas.iter().copied().filter(|a| a.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let median = v.get(v.len() / 2).copied().unwrap_or(0.0);
    (median, v.iter().sum())
}

/// Whether rooms of these areas (m²) look like a committee's: a room is
/// about 1–500 m²; `strict` asks the premises too to be about 10–5,000 m²
/// (a drawing may hold a whole building, so the declared unit is kept on
/// the rooms alone).
pub(crate) fn plausible(areas: &[f64], strict: bool) -> bool {
    if areas.is_empty() {
        return false;
    }
    let (median, total) = median_total(areas);
    (1.0..=500.0).contains(&median) && (!strict || (10.0..=5000.0).contains(&total))
}

impl std::str::FromStr for DrawingUnits {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mm" | "millimetres" | "millimeters" | "毫米" => Ok(DrawingUnits::Millimetres),
            "cm" | "centimetres" | "centimeters" | "厘米" => Ok(DrawingUnits::Centimetres),
            "dm" | "decimetres" | "decimeters" | "分米" => Ok(DrawingUnits::Decimetres),
            "m" | "metres" | "meters" | "米" => Ok(DrawingUnits::Metres),
            "in" | "inches" | "英寸" => Ok(DrawingUnits::Inches),
            "ft" | "feet" | "英尺" => Ok(DrawingUnits::Feet),
            _ => Err(format!(
                "未知单位 / unknown unit {s:?}: mm, cm, dm, m, in or ft"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insunits_table() {
        assert_eq!(
            DrawingUnits::from_insunits(4),
            Some(DrawingUnits::Millimetres)
        );
        assert_eq!(
            DrawingUnits::from_insunits(5),
            Some(DrawingUnits::Centimetres)
        );
        assert_eq!(DrawingUnits::from_insunits(6), Some(DrawingUnits::Metres));
        assert_eq!(DrawingUnits::from_insunits(0), None);
        assert_eq!(DrawingUnits::from_insunits(3), None);
        assert_eq!(DrawingUnits::Millimetres.to_metres(4000.0), 4.0);
        assert_eq!(DrawingUnits::Centimetres.to_metres(455.0), 4.55);
        assert_eq!("CM".parse::<DrawingUnits>(), Ok(DrawingUnits::Centimetres));
        assert!("furlong".parse::<DrawingUnits>().is_err());
    }

    #[test]
    fn plausible_sizes() {
        assert!(plausible(&[20.0, 16.0, 30.0], true));
        // a 162 m² house in millimetres read as inches: 645 times too big
        assert!(!plausible(&[20.0 * 645.16, 16.0 * 645.16], false));
        assert!(!plausible(&[0.00002], false));
        assert!(!plausible(&[], false));
        // 5,000 rooms of 12 m²: a whole building, fine on the rooms alone
        let many = vec![12.0; 5000];
        assert!(plausible(&many, false) && !plausible(&many, true));
    }
}
