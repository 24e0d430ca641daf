//! The standard as checks. One table of codes ([`codes`]), one file per
//! rule under [`plan`] (and the register's under `register`), thresholds as
//! data ([`profile`]).
//!
//! A check is a pure function from its context to findings; [`check_plan`]
//! runs the validity checks (G01–G04) and, on a valid plan, every other rule.

mod check;
pub mod codes;
mod finding;
pub mod plan;
pub mod profile;
pub mod register;

pub use check::{
    check_plan, check_with_geometry, sort_findings, AssetIndex, AssetStatus, CheckOptions,
    CheckReport, PlanCheck, PlanCtx,
};
pub use codes::{meta, rule, Code, CodeError, RuleMeta, Scope, RULES};
pub use finding::{Finding, Severity, Summary};
pub use profile::Profile;
