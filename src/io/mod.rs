//! Reading and writing files. Every error names the file, and where the
//! input itself is wrong, the line and column and what was expected.

mod atomic;
mod error;
pub mod kind;
pub mod output;
pub mod plan_ron;
pub mod read;
mod ron_text;
pub mod xlsx;

pub use atomic::{
    prepare_atomic, without_temp_name as atomic_clean, write_atomic, write_atomic_parts,
};
pub use error::{LoadError, SourceError};
pub use plan_ron::{
    annotate_lines, load_plan, load_plan_source, parse_plan, plan_to_string, room_lines, save_plan,
};
pub use read::{
    io_error_text, open_regular, read_bytes, read_bytes_limited, read_utf8, resolve_inside,
    Refusal, MAX_FILE_BYTES,
};
pub use ron_text::{
    describe_zh as describe_ron_error_zh, line_col, locate, parse_ron, ron_options,
};
