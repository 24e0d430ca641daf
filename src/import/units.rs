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
}
