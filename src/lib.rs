//! # juwei (居委)
//!
//! Premises and fixed-asset checks for residents' committees, after the
//! Jing'an District standard of 2017 (`docs/standard.md`).
//!
//! Data flows one way: files → [`model`] → [`rules`] → findings → views
//! ([`report`]: terminal, JSON, HTML/SVG, xlsx; the planner behind the `gui`
//! feature).
//!
//! - [`model`]: plan format 1 as plain data.
//! - [`io`]: reading and writing files with errors that name file, line and column;
//!   atomic saves.
//! - [`geom`]: areas, validity, shared walls, the door graph — all on `geo`.

#[doc(hidden)]
pub mod bench_plans;
pub mod cli;
pub mod geom;
pub mod io;
pub mod model;
pub mod report;
pub mod rules;
