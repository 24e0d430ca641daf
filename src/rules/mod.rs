//! The standard as checks. One table of codes ([`codes`]), one file per
//! rule under [`plan`] and [`register`], thresholds as data ([`profile`]).
//!
//! A check is a pure function from its context to findings.

pub mod codes;
mod finding;
pub mod profile;
pub mod register;

pub use codes::{meta, rule, RuleMeta, Scope, RULES};
pub use finding::{Finding, Severity, Summary};
pub use profile::Profile;
