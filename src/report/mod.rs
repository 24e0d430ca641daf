//! Views of findings: text for a terminal, JSON for other programs (the
//! contract of `cli.md`), and more in the modules below.

pub mod handover_xlsx;
pub mod json;
pub mod labels;
pub mod register_text;
pub mod register_xlsx;
pub mod text;
