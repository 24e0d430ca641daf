//! # juwei (居委)
//!
//! Premises and fixed-asset checks for residents' committees, after the
//! Jing'an District standard of 2017 (`docs/standard-jingan-2017.txt`).
//!
//! Data flows one way: files → [`model`] → [`rules`] → findings → views
//! ([`report`]: terminal, JSON, HTML/SVG, xlsx; the planner behind the `gui`
//! feature).
//!
//! - [`model`]: plan format 1 as plain data.
//! - [`io`]: reading and writing files with errors that name file, line and column;
//!   atomic saves.
//! - [`geom`]: areas, validity, shared walls, the door graph — all on `geo`.
//! - [`committee`]: a committee's facts (areas, zones, equipment, upgrade
//!   category) computed in one place, and the one entry point that checks a
//!   committee (plan, previous revision, register, profile).
//! - [`audit`]: many plans in parallel → rows, totals per street, the
//!   district's priority list, the equipment-gap matrix (`docs/reports.md`).
//! - [`diff`]: what a revision of a plan changes, and the findings it fixes
//!   and introduces.
//! - [`sample`]: a seeded generator of realistic committees.
//! - [`import`]: floor plans from CAD drawings (DXF) to plans, with what was not understood.

pub mod audit;
#[doc(hidden)]
pub mod bench_plans;
pub mod cli;
pub mod committee;
pub mod diff;
pub mod edit;
pub mod exit;
pub mod followup;
pub mod geom;
pub mod import;
pub mod io;
pub mod model;
#[cfg(feature = "gui")]
pub mod planner;
pub mod register;
pub mod report;
pub mod rules;
pub mod sample;
#[cfg(feature = "server")]
pub mod server;
pub mod text;
