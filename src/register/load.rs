//! Reading a register: the ledger's text read into events
//! ([`super::ledger`]), then checked as it is replayed
//! (`replay::Validator`).

use std::path::Path;

use super::ledger::{read_register, Register};
use super::replay::Validator;
use crate::io::{LoadError, SourceError};

/// Parse the text of a register file (format 1). `path` is used in error
/// messages and to find count sheets later.
pub fn parse_register(path: &Path, text: &str) -> Result<Register, SourceError> {
    parse_validated(path, text).map(|(reg, _)| reg)
}

/// Parse and check a register's text, keeping the ledger's checks where
/// they stand after its last event (so more events can be checked without
/// reading the file again: `juwei record`).
pub(crate) fn parse_validated(
    path: &Path,
    text: &str,
) -> Result<(Register, Validator), SourceError> {
    // the spans are offsets into the text without its byte-order mark
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (reg, spans) = read_register(path, text)?;
    let mut v = Validator::default();
    for (ev, span) in reg.events.iter().zip(&spans) {
        v.check(path, text, span, ev)?;
    }
    Ok((reg, v))
}

/// Read and parse a register file.
pub fn load_register(path: &Path) -> Result<Register, LoadError> {
    load_register_text(path).map(|(r, _)| r)
}

/// Read and parse a register file, keeping its text. A plan, a sheet or a
/// profile given instead is named as such, with the command that takes it;
/// RON slips by hand get a hint.
pub fn load_register_text(path: &Path) -> Result<(Register, String), LoadError> {
    use crate::io::kind::{refine_parse_error, refine_read_error, FileKind};
    let text =
        crate::io::read_utf8(path).map_err(|e| refine_read_error(path, e, FileKind::Register))?;
    let reg = parse_register(path, &text)
        .map_err(|e| refine_parse_error(path, e, &text, FileKind::Register))?;
    Ok((reg, text))
}
