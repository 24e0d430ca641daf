//! Geometry of a plan, on `geo` types. One algorithm per file.

pub mod area;
