//! Views of findings: text for a terminal ([`text`], [`audit_text`],
//! [`diff_text`]), JSON for other programs (the contract of `cli.md`,
//! typed structs in [`json`]), the plan drawing ([`svg`]), printable HTML
//! pages ([`html`]) and the audit workbook ([`audit_xlsx`]). A table is
//! defined once on the model of [`table`] and rendered by each view that
//! shows it — the terminal, the workbook and the page (the audit's in
//! [`audit_tables`]).

pub mod audit_tables;
pub mod audit_text;
pub mod audit_xlsx;
pub mod batch;
pub mod diff_text;
pub mod handover_xlsx;
pub mod html;
pub mod json;
pub mod labels;
pub mod register_text;
pub mod register_xlsx;
pub mod summary;
pub mod svg;
pub mod table;
pub mod text;
pub mod xlsx_text;
