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
///
/// A register of a megabyte or more is read on two threads: a second one
/// reads the events from about the middle of the file on (from a line
/// that looks like an element's start) while this one reads and checks
/// from the start; when this one reaches an element starting exactly
/// where the other began, it takes the events read there and checks them
/// in order. The guess can only save time: if no element starts there,
/// the other thread's reading is dropped and this one reads on.
pub(crate) fn read_to_append(path: &Path, text: &str) -> Option<ReadToAppend> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // the second thread only reads; this one also checks: it is given a
    // little less than half of the text to read
    let guess = (text.len() >= READ_AHEAD_FROM)
        .then(|| super::fast::guess_element_start(text, text.len() / 20 * 9))
        .flatten();
    std::thread::scope(|scope| {
        let mut ahead = guess.and_then(|g| {
            std::thread::Builder::new()
                .name("register-read-ahead".into())
                .spawn_scoped(scope, move || super::fast::read_ahead(text, g))
                .ok()
                .map(|h| (g, h))
        });
        let handoff = |i: usize| match &ahead {
            Some((g, _)) if *g == i => {
                let (_, h) = ahead.take()?;
                h.join().ok().flatten()
            }
            _ => None,
        };
        read_checking(path, text, handoff)
    })
}

/// Registers from this size on are read on two threads ([`read_to_append`]).
const READ_AHEAD_FROM: usize = 1 << 20;

/// [`read_to_append`]'s reading and checking, on this thread, with the
/// elements read ahead by another taken where they begin.
fn read_checking(
    path: &Path,
    text: &str,
    handoff: impl FnMut(usize) -> Option<super::fast::Ahead>,
) -> Option<ReadToAppend> {
    let b = text.as_bytes();
    let mut checks = Validator::default();
    let mut last_line = 1;
    let mut counted_to = 0;
    let mut last_date = None;
    let read = |start, end, (date, asset, kind)| {
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
    };
    let shape = super::fast::scan_events_handing_off(text, read, handoff)?;
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
    use super::{count_newlines, read_checking, read_to_append, READ_AHEAD_FROM};
    use std::path::Path;

    /// A register of `n` cards, each acquired and then moved, with `middle`
    /// written before the event at the middle of the list.
    fn big(n: usize, middle: &str, bad_at: Option<usize>) -> String {
        let mut s = String::from("(\n    format: 1,\n    committee: \"JA-1\",\n    events: [\n");
        for i in 0..n {
            // just before where the second thread's guess starts looking
            if i == n / 20 * 9 - 10 {
                s.push_str(middle);
            }
            let id = if bad_at == Some(i) { 999_999 } else { i };
            s.push_str(&format!(
                "        (date: \"2020-01-02\", asset: \"ZC-{i:06}\", event: Acquire((\n            source: Purchase, name: \"办公椅\", unit_value_fen: 45000, location: \"R1\",\n        ))),\n        (date: \"2020-01-02\", asset: \"ZC-{id:06}\", event: Move(to: \"R2\")),\n"
            ));
        }
        s.push_str("    ],\n)\n");
        s
    }

    /// Read on two threads and on one: the same outcome, to the last field.
    fn same_both_ways(text: &str) -> bool {
        assert!(text.len() >= READ_AHEAD_FROM, "{} bytes", text.len());
        let p = Path::new("big.register.ron");
        let two = read_to_append(p, text);
        let one = read_checking(p, text, |_| None);
        assert_eq!(format!("{two:?}"), format!("{one:?}"));
        two.is_some()
    }

    #[test]
    fn reading_ahead_on_a_second_thread_changes_nothing() {
        let ok = big(6000, "", None);
        if let Err(e) = super::parse_register(Path::new("big.register.ron"), &ok) {
            panic!("{} {}:{}", e.message, e.line, e.col);
        }
        assert!(same_both_ways(&ok));
        // the guess is an element's start, and the second thread reads on
        // from there to the list's end
        let g = super::super::fast::guess_element_start(&ok, ok.len() / 20 * 9).unwrap();
        assert!(ok[g..].starts_with("(date:"));
        assert!(super::super::fast::read_ahead(&ok, g).is_some());
        // an error after the middle, read by the second thread: refused
        assert!(!same_both_ways(&big(6000, "", Some(4500))));
        // an error before the middle
        assert!(!same_both_ways(&big(6000, "", Some(100))));
        // lines like elements in a block comment and in a string where
        // the guess looks: a wrong guess costs time, never a different
        // reading
        let guess = |t: &str| super::super::fast::guess_element_start(t, t.len() / 20 * 9).unwrap();
        let comment = format!(
            "        /*\n{}        */\n",
            "        (date: \"2020-01-02\", asset: \"X\", event: Move(to: \"R\")),\n        (not an event\n".repeat(60)
        );
        let t = big(6000, &comment, None);
        let g = guess(&t);
        // inside the comment
        assert!(
            t[g..].starts_with("(date: \"2020-01-02\", asset: \"X\"") || t[g..].starts_with("(not"),
            "{}",
            &t[g..g + 80]
        );
        assert!(same_both_ways(&t));
        let t = big(6000, &comment.replace("(not", "(  "), None);
        assert!(same_both_ways(&t));
        let string = format!(
            "        (date: \"2020-01-02\", asset: \"ZC-X\", event: Acquire((source: Purchase, name: \"{}\", unit_value_fen: 1))),\n",
            "多行\n        (date: 名称\n".repeat(300)
        );
        let t = big(6000, &string, None);
        assert!(t[guess(&t)..].starts_with("(date: 名称"));
        assert!(same_both_ways(&t));
    }

    #[test]
    fn newlines_are_counted_as_byte_by_byte() {
        // lengths around the 32-byte blocks and the 255-block chunks
        for len in [0, 1, 31, 32, 33, 100, 8159, 8160, 8161, 20_000] {
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
