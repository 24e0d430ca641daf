//! Follow-up between checks (`followup.md`): what a committee or its street
//! recorded about each finding ([`status`]: `NAME.status.ron`), and what
//! closing the gaps would cost ([`cost`]).

pub mod comments;
pub mod compare;
pub mod cost;
pub mod status;

pub use status::{
    apply_status, load_status, parse_status, status_path, write_status_atomic, Mark, Status,
    StatusEntry, StatusFile,
};
