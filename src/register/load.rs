//! Reading a register: the ledger's text read into events
//! ([`super::ledger`]), then checked as it is replayed
//! (`replay::Validator`).

use std::path::Path;

use chrono::NaiveDate;

use super::ledger::{read_head, read_register, Event, Register, Span};
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

/// A register read and checked to append to, without keeping its events:
/// the ledger's checks where they stand after its last event, and where
/// its events list ends. See [`read_to_append`].
#[derive(Debug)]
pub(crate) struct ReadToAppend {
    pub(crate) committee: String,
    pub(crate) checks: Validator,
    /// Where the events list stands (offsets in the text without its BOM).
    pub(crate) shape: super::fast::ListShape,
    /// 1-based line of the last event's opening parenthesis (1: none).
    pub(crate) last_line: usize,
    /// Date of the last event.
    pub(crate) last_date: Option<NaiveDate>,
}

/// Newlines in `b`: memchr's counter, which compares 16 or 32 bytes at a
/// time (a plain `filter().count()` is not vectorised and costs a few
/// instructions a byte; on a 100,000-event register that was a tenth of
/// `juwei record`).
pub(crate) fn count_newlines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// Read and check a register's text as [`parse_validated`] does, event
/// after event, without building the list of its events (what
/// `juwei record` needs of a register of 100,000 events: the books after
/// its last event, and where to insert). The same reader and the same
/// checks, in the same order: `Some` exactly when the fast reader reads
/// the file and every check passes, and then the checks stand where
/// [`parse_validated`] leaves them. `None` otherwise: the caller reads the
/// file by [`parse_validated`], which says what is wrong, where.
pub(crate) fn read_to_append(path: &Path, text: &str) -> Option<ReadToAppend> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let b = text.as_bytes();
    let mut checks = Validator::default();
    let mut last_line = 1;
    let mut counted_to = 0;
    let mut last_date = None;
    let shape = super::fast::scan_events(text, |start, end, (date, asset, kind)| {
        // the line as the whole reading counts it; the column is only ever
        // shown in an error, and an error is told by the whole reading
        last_line += count_newlines(&b[counted_to..start]);
        counted_to = start;
        let ev = Event {
            date,
            asset,
            kind,
            line: last_line,
            col: 0,
        };
        checks.check(path, text, &Span { start, end }, &ev).ok()?;
        last_date = Some(date);
        Some(())
    })?;
    let committee = read_head(text, shape.open, shape.close)?;
    if committee.trim().is_empty() {
        return None;
    }
    Some(ReadToAppend {
        committee,
        checks,
        shape,
        last_line,
        last_date,
    })
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

#[cfg(test)]
mod tests {
    use super::count_newlines;

    #[test]
    fn newlines_are_counted_as_byte_by_byte() {
        // short and long runs, around memchr's 16- and 32-byte steps
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100, 8161, 20_000] {
            for every in [1, 2, 7, 64] {
                let b: Vec<u8> = (0..len)
                    .map(|i| if i % every == 0 { b'\n' } else { b'x' })
                    .collect();
                let naive = b.iter().filter(|&&c| c == b'\n').count();
                assert_eq!(count_newlines(&b), naive, "len {len}, every {every}");
            }
        }
    }
}
