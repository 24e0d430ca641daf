//! Reading and writing files. Every error names the file, and where the
//! input itself is wrong, the line and column and what was expected.

mod atomic;
mod error;
pub mod plan_ron;
mod ron_text;

pub use atomic::write_atomic;
pub use error::{LoadError, SourceError};
pub use plan_ron::{
    annotate_lines, load_plan, load_plan_source, parse_plan, plan_to_string, room_lines, save_plan,
};
pub use ron_text::{
    describe_zh as describe_ron_error_zh, line_col, locate, parse_ron, ron_options,
};

/// Read a whole file as UTF-8 text; bytes that are not UTF-8 are an error at
/// the line and column where they start.
pub fn read_utf8(path: &std::path::Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let (line, col) = line_col(good, good.len());
        SourceError::new(
            path,
            line,
            col,
            "文件不是 UTF-8 编码的文本",
            "the file is not UTF-8 text",
        )
        .into()
    })
}
