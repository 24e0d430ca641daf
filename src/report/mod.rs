//! Views of findings: text for a terminal, JSON for other programs (the
//! contract of `cli.md`), the plan drawing ([`svg`]), printable HTML pages
//! ([`html`]) and the audit workbook ([`audit_xlsx`]).

pub mod audit_xlsx;
pub mod batch;
pub mod handover_xlsx;
pub mod html;
pub mod json;
pub mod labels;
pub mod register_text;
pub mod register_xlsx;
pub mod summary;
pub mod svg;
pub mod text;
pub mod xlsx_text;
