//! Views of findings: text for a terminal, JSON for other programs (the
//! contract of `cli.md`), and more in the modules below.

pub mod json;
pub mod text;
