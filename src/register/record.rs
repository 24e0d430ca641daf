//! Recording events in a register file without rewriting it: the new event
//! is written by the register's own writer and inserted before the closing
//! bracket of the `events` list. Every byte before that bracket stays as it
//! was — comments, layout, the clerk's own notes — and the file is replaced
//! atomically (a temporary file renamed over it), so a reader sees the old
//! file or the new one, never half of one.
//!
//! An event is accepted only when the register with it appended loads: the
//! very checks of [`super::parse_register`] (date order, an asset acquired
//! once, nothing after it is written off or transferred out, counts, empty
//! fields…) decide, so `juwei record`, the planner and a hand edit follow
//! one set of rules. A refused event leaves the file byte-identical.
//!
//! ```
//! use juwei::register::record::{append, NewEvent};
//! use juwei::register::EventKind;
//! use std::path::Path;
//! let text = "(format: 1, committee: \"JA-1\", events: [\n    // our books\n    (date: \"2024-03-01\", asset: \"ZC-0001\", event: Acquire((source: Purchase,\n     name: \"电脑\", unit_value_fen: 568000))),\n])\n";
//! let ev = NewEvent {
//!     date: "2025-06-10".parse().unwrap(),
//!     asset: Some("ZC-0001".into()),
//!     kind: EventKind::Move { to: "R2".into() },
//! };
//! let done = append(Path::new("r.register.ron"), text, &[ev]).unwrap();
//! assert!(done.text.starts_with(&text[..text.rfind(']').unwrap()]));
//! assert_eq!(done.register.events.len(), 2);
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ledger::{register_to_string, Event, EventKind, Register, Span};
use super::load::{parse_register, parse_validated};
use super::replay::Validator;
use crate::io::{write_atomic, LoadError, SourceError};
use crate::model::Lang;

/// An event to record: what a [`super::Event`] holds, without its place in
/// a file (which it gets when it is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub date: NaiveDate,
    /// The asset card (`None` for register-wide events).
    pub asset: Option<String>,
    pub kind: EventKind,
}

impl NewEvent {
    /// The event as a ledger [`Event`] (line and column 0: not in a file).
    pub fn to_event(&self) -> Event {
        Event {
            date: self.date,
            asset: self.asset.clone(),
            kind: self.kind.clone(),
            line: 0,
            col: 0,
        }
    }
}

/// Why nothing was recorded. In every case the file is as it was.
#[derive(Debug)]
pub enum RecordError {
    /// The register could not be read, or is wrong as it stands (the error
    /// names its line and column): fix that first.
    Load(LoadError),
    /// The ledger refuses event number `index` (0-based, of those given).
    Refused {
        index: usize,
        message: String,
        message_en: String,
    },
    /// Writing the file failed (the old file is intact).
    Write(std::io::Error),
}

impl RecordError {
    pub fn display(&self, path: &Path, lang: Lang) -> String {
        match self {
            RecordError::Load(e) => e.display(lang),
            RecordError::Refused {
                message,
                message_en,
                ..
            } => format!(
                "{}: {}: {}{}",
                path.display(),
                lang.pick("未记录", "not recorded"),
                lang.pick(message, message_en),
                lang.pick("。台账文件未改动。", ". The register file is unchanged.")
            ),
            RecordError::Write(e) => format!(
                "{}: {}: {e}",
                path.display(),
                lang.pick(
                    "无法写入,台账文件未改动",
                    "cannot write; the file is unchanged"
                )
            ),
        }
    }
}

impl From<LoadError> for RecordError {
    fn from(e: LoadError) -> Self {
        RecordError::Load(e)
    }
}

/// The outcome of [`append`]: the new file text and the register it loads as.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The whole file with the events inserted.
    pub text: String,
    /// The register as it loads from `text` (events with their new lines).
    pub register: Register,
    /// What was inserted (for `--dry-run` and messages).
    pub inserted: String,
    /// 1-based line of the first inserted event in `text`.
    pub first_line: usize,
}

/// Where the `events` list of a register's text ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ListEnd {
    /// Offset of the closing `]`.
    close: usize,
    /// End offset of the last significant character inside the list, and
    /// whether it is a comma or the opening bracket (then no comma is needed).
    last_end: usize,
    needs_comma: bool,
    /// Offset of the start of the last element, if any.
    last_start: Option<usize>,
}

/// Scan RON text (strings, raw strings, nested block comments and line
/// comments skipped) for the `events: [ … ]` field of the top-level struct.
fn find_events_list(text: &str) -> Option<ListEnd> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    let mut depth = 0usize;
    // depth of the events list once its `[` is seen
    let mut list_depth: Option<usize> = None;
    let mut last_ident: Option<(usize, usize)> = None;
    let mut colon_after_events = false;
    let mut last_sig_end = 0usize;
    let mut last_sig = b' ';
    let mut elem_start: Option<usize> = None;
    let mut expecting_elem = false;
    while i < n {
        let c = b[i];
        // comments
        if c == b'/' && i + 1 < n && b[i + 1] == b'/' {
            while i < n && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && i + 1 < n && b[i + 1] == b'*' {
            let mut nest = 1;
            i += 2;
            while i < n && nest > 0 {
                if b[i] == b'/' && i + 1 < n && b[i + 1] == b'*' {
                    nest += 1;
                    i += 2;
                } else if b[i] == b'*' && i + 1 < n && b[i + 1] == b'/' {
                    nest -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b[i..].starts_with(&[0xef, 0xbb, 0xbf]) {
            i += 3;
            continue;
        }
        let start = i;
        if list_depth == Some(depth) && expecting_elem && c != b']' && c != b',' {
            elem_start = Some(start);
            expecting_elem = false;
        }
        // raw strings r"…", r#"…"#
        if c == b'r' && i + 1 < n && (b[i + 1] == b'"' || b[i + 1] == b'#') {
            let mut j = i + 1;
            let mut hashes = 0;
            while j < n && b[j] == b'#' {
                hashes += 1;
                j += 1;
            }
            if j < n && b[j] == b'"' {
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let end = text[j + 1..].find(&close)? + j + 1 + close.len();
                i = end;
                last_sig = b'"';
                last_sig_end = i;
                last_ident = None;
                continue;
            }
        }
        match c {
            b'"' => {
                i += 1;
                while i < n && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= n {
                    return None;
                }
                i += 1;
                last_ident = None;
            }
            b'\'' => {
                i += 1;
                while i < n && b[i] != b'\'' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
                last_ident = None;
            }
            b'(' | b'{' => {
                depth += 1;
                i += 1;
                last_ident = None;
            }
            b'[' => {
                depth += 1;
                i += 1;
                if colon_after_events && depth == 2 && list_depth.is_none() {
                    list_depth = Some(depth);
                    expecting_elem = true;
                }
                colon_after_events = false;
                last_ident = None;
            }
            b')' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                last_ident = None;
            }
            b']' => {
                if list_depth == Some(depth) {
                    return Some(ListEnd {
                        close: i,
                        last_end: last_sig_end,
                        needs_comma: last_sig != b',' && last_sig != b'[',
                        last_start: elem_start,
                    });
                }
                depth = depth.checked_sub(1)?;
                i += 1;
                last_ident = None;
            }
            b':' => {
                colon_after_events =
                    depth == 1 && last_ident.is_some_and(|(s, e)| &text[s..e] == "events");
                i += 1;
                last_ident = None;
            }
            b',' => {
                if list_depth == Some(depth) {
                    expecting_elem = true;
                }
                i += 1;
                last_ident = None;
                colon_after_events = false;
            }
            _ if c.is_ascii_alphanumeric() || c == b'_' => {
                while i < n && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                last_ident = Some((start, i));
            }
            _ => {
                // any other character (multi-byte text outside strings is
                // not RON; let the parser say so)
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                last_ident = None;
            }
        }
        last_sig = c;
        last_sig_end = i;
    }
    None
}

/// The text of one event as the register writer writes it, without its
/// indentation (later lines indented relative to the first).
pub fn event_text(ev: &NewEvent) -> String {
    let one = Register {
        path: Default::default(),
        committee: "x".into(),
        events: vec![ev.to_event()],
    };
    let whole = register_to_string(&one);
    let mut lines: Vec<&str> = whole.lines().collect();
    // "(", "    format: 1,", "    committee: …,", "    events: [", …, "    ],", ")"
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("events: ["))
        .map_or(0, |p| p + 1);
    lines.truncate(lines.len().saturating_sub(2));
    let body = &lines[start.min(lines.len())..];
    let mut s = String::new();
    for (k, l) in body.iter().enumerate() {
        if k > 0 {
            s.push('\n');
        }
        s.push_str(l.strip_prefix("        ").unwrap_or(l));
    }
    s.trim_end_matches(',').to_string()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].bytes().filter(|&b| b == b'\n').count() + 1
}

/// A register read to record in: its text, the register, and the ledger's
/// checks where they stand after its last event — so the events appended
/// are checked without reading the file again.
#[derive(Debug)]
pub struct OpenRegister {
    pub path: PathBuf,
    /// The file's text as read.
    pub text: String,
    /// The register as it loads from `text`.
    pub register: Register,
    checks: Validator,
}

impl OpenRegister {
    /// Read and check the register text of `path`.
    pub fn from_text(path: &Path, text: String) -> Result<OpenRegister, SourceError> {
        let (register, checks) = parse_validated(path, &text)?;
        Ok(OpenRegister {
            path: path.to_path_buf(),
            text,
            register,
            checks,
        })
    }

    /// Read and check the register file at `path`. A plan, a sheet or a
    /// profile given instead is named as such.
    pub fn open(path: &Path) -> Result<OpenRegister, LoadError> {
        use crate::io::kind::{refine_parse_error, refine_read_error, FileKind};
        let text = crate::io::read_utf8(path)
            .map_err(|e| refine_read_error(path, e, FileKind::Register))?;
        match parse_validated(path, &text) {
            Ok((register, checks)) => Ok(OpenRegister {
                path: path.to_path_buf(),
                text,
                register,
                checks,
            }),
            Err(e) => Err(refine_parse_error(path, e, &text, FileKind::Register).into()),
        }
    }

    /// Insert `events` into the text and check them with the ledger's own
    /// rules, after the register's last event. Nothing is written.
    pub fn append(self, events: &[NewEvent]) -> Result<Appended, RecordError> {
        let OpenRegister {
            path,
            text,
            mut register,
            mut checks,
        } = self;
        let path = path.as_path();
        let Some(end) = find_events_list(&text) else {
            return Err(RecordError::Load(
                SourceError::new(
                    path,
                    1,
                    1,
                    "找不到事件列表 events: [ … ]",
                    "cannot find the events list (events: [ … ])",
                )
                .into(),
            ));
        };
        let ins = insert(&text, end, events);
        // each inserted event read back from the new text (the writer's
        // text must read as the event), then checked after the others
        let nl_lines = |upto: usize| ins.inserted[..upto].matches('\n').count();
        for (k, ev) in events.iter().enumerate() {
            let (s0, e0) = ins.spans[k];
            let span = Span {
                start: ins.at + s0,
                end: ins.at + e0,
            };
            let slice = &ins.text[span.start..span.end];
            let read = super::fast::event(slice).or_else(|| read_event_ron(slice));
            if read.as_ref() != Some(&(ev.date, ev.asset.clone(), ev.kind.clone())) {
                // not read back as written: the whole file's reading says why
                return append_by_reading(path, ins, events);
            }
            let e = Event {
                date: ev.date,
                asset: ev.asset.clone(),
                kind: ev.kind.clone(),
                line: ins.first_line + nl_lines(s0),
                col: ins.indent_cols + 1,
            };
            if let Err(err) = checks.check(path, &ins.text, &span, &e) {
                return Err(RecordError::Refused {
                    index: k,
                    message: err.message,
                    message_en: err.message_en,
                });
            }
            register.events.push(e);
        }
        Ok(Appended {
            text: ins.text,
            register,
            inserted: ins.inserted,
            first_line: ins.first_line,
        })
    }
}

/// One event record read by the RON reader (the fast reader did not know
/// its shape), or `None`.
fn read_event_ron(slice: &str) -> Option<(NaiveDate, Option<String>, EventKind)> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Record {
        date: String,
        #[serde(default)]
        asset: Option<String>,
        event: EventKind,
    }
    let r: Record = crate::io::ron_options().from_str(slice).ok()?;
    Some((r.date.parse().ok()?, r.asset, r.event))
}

/// The text with events inserted, and where.
struct Inserted {
    text: String,
    /// What was inserted, and the offset in `text` where it starts.
    inserted: String,
    at: usize,
    /// Each event's text within `inserted` (from its `(` to its last `)`).
    spans: Vec<(usize, usize)>,
    first_line: usize,
    /// Columns of the events' indentation.
    indent_cols: usize,
}

fn insert(text: &str, end: ListEnd, events: &[NewEvent]) -> Inserted {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let close_line_start = text[..end.close].rfind('\n').map_or(0, |p| p + 1);
    let close_indent: String = text[close_line_start..end.close]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let bracket_alone = text[close_line_start..end.close].trim().is_empty();
    let indent = match end.last_start {
        Some(s) => {
            let ls = text[..s].rfind('\n').map_or(0, |p| p + 1);
            let before = &text[ls..s];
            if before.chars().all(|c| c == ' ' || c == '\t') {
                before.to_string()
            } else {
                format!("{close_indent}    ")
            }
        }
        None => format!("{close_indent}    "),
    };
    let mut inserted = String::new();
    let mut spans = Vec::with_capacity(events.len());
    for ev in events {
        let t = event_text(ev);
        let s0 = inserted.len() + indent.len();
        for (k, l) in t.lines().enumerate() {
            if k > 0 {
                inserted.push_str(nl);
            }
            inserted.push_str(&indent);
            inserted.push_str(l);
        }
        spans.push((s0, inserted.len()));
        inserted.push(',');
        inserted.push_str(nl);
    }
    let mut out = String::with_capacity(text.len() + inserted.len() + 8);
    let at = if bracket_alone {
        close_line_start
    } else {
        end.close
    };
    if end.needs_comma && !events.is_empty() {
        out.push_str(&text[..end.last_end]);
        out.push(',');
        out.push_str(&text[end.last_end..at]);
    } else {
        out.push_str(&text[..at]);
    }
    if !bracket_alone && !events.is_empty() {
        out.push_str(nl);
    }
    let first_line = line_of(&out, out.len());
    let ins_at = out.len();
    out.push_str(&inserted);
    if !bracket_alone && !events.is_empty() {
        out.push_str(&close_indent);
    }
    out.push_str(&text[at..]);
    Inserted {
        text: out,
        inserted,
        at: ins_at,
        spans,
        first_line,
        indent_cols: indent.chars().count(),
    }
}

/// The slow way: read the whole new text, and say which event it refuses.
fn append_by_reading(
    path: &Path,
    ins: Inserted,
    events: &[NewEvent],
) -> Result<Appended, RecordError> {
    match parse_register(path, &ins.text) {
        Ok(register) => Ok(Appended {
            text: ins.text,
            register,
            inserted: ins.inserted,
            first_line: ins.first_line,
        }),
        Err(e) if e.line >= ins.first_line => {
            // which of the inserted events: count their lines
            let mut index = 0;
            let mut line = ins.first_line;
            for (k, ev) in events.iter().enumerate() {
                let lines = event_text(ev).lines().count();
                if e.line < line + lines {
                    index = k;
                    break;
                }
                line += lines;
                index = k;
            }
            Err(RecordError::Refused {
                index,
                message: e.message,
                message_en: e.message_en,
            })
        }
        Err(e) => Err(RecordError::Load(e.into())),
    }
}

/// Insert `events` into the register `text` (read from `path`) and check the
/// result with the ledger's own rules. Nothing is written.
pub fn append(path: &Path, text: &str, events: &[NewEvent]) -> Result<Appended, RecordError> {
    let open =
        OpenRegister::from_text(path, text.to_string()).map_err(|e| RecordError::Load(e.into()))?;
    open.append(events)
}

/// Append `events` to the register file at `path`, atomically, after
/// checking them with the ledger's rules. On any error the file is left
/// byte-identical. Returns what was appended and the register as saved.
pub fn record(path: &Path, events: &[NewEvent]) -> Result<Appended, RecordError> {
    let done = OpenRegister::open(path)?.append(events)?;
    write_atomic(path, done.text.as_bytes()).map_err(RecordError::Write)?;
    Ok(done)
}

/// The next id of the register's series: the most common prefix with the
/// highest number + 1, same width (`ZC-0022` → `ZC-0023`); `ZC-0001` for an
/// empty register.
pub fn next_asset_id(reg: &Register) -> String {
    next_ids(reg, 1).pop().unwrap_or_else(|| "ZC-0001".into())
}

/// `n` fresh ids of the register's series.
pub fn next_ids(reg: &Register, n: usize) -> Vec<String> {
    let mut by_prefix: HashMap<String, (usize, u64, usize)> = HashMap::new();
    for ev in &reg.events {
        let (Some(id), EventKind::Acquire(_)) = (&ev.asset, &ev.kind) else {
            continue;
        };
        let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let (prefix, num) = id.split_at(id.len() - digits);
        let v: u64 = num.parse().unwrap_or(0);
        let e = by_prefix
            .entry(prefix.to_string())
            .or_insert((0, 0, digits));
        e.0 += 1;
        if v >= e.1 {
            e.1 = v;
            e.2 = digits;
        }
    }
    let best = by_prefix
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.cmp(&a.0)));
    let (prefix, max, width) = match best {
        Some((p, (_, m, w))) => (p, m, w),
        None => ("ZC-".to_string(), 0, 4),
    };
    let taken: std::collections::HashSet<&str> = reg
        .events
        .iter()
        .filter_map(|e| e.asset.as_deref())
        .collect();
    let mut out = Vec::with_capacity(n);
    let mut k = max;
    while out.len() < n {
        k += 1;
        let id = format!("{prefix}{k:0width$}");
        if !taken.contains(id.as_str()) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::{Acquire, Source};

    const TEXT: &str = "// 台账\n(\n    format: 1,\n    committee: \"JA-1\", // 居委会\n    events: [\n        (date: \"2024-03-01\", asset: \"ZC-0001\", event: Acquire((\n            source: Purchase, name: \"电脑 ]\", unit_value_fen: 568000, location: \"R1\",\n        ))),\n        /* a block ] comment */\n        // a line ] comment\n    ],\n)\n";

    fn mv(date: &str, id: &str, to: &str) -> NewEvent {
        NewEvent {
            date: date.parse().unwrap(),
            asset: Some(id.into()),
            kind: EventKind::Move { to: to.into() },
        }
    }

    #[test]
    fn appends_before_the_closing_bracket_keeping_every_byte() {
        let done = append(
            Path::new("r.ron"),
            TEXT,
            &[mv("2025-01-01", "ZC-0001", "R2")],
        )
        .unwrap();
        let close = TEXT.find("    ],").unwrap();
        assert!(done.text.starts_with(&TEXT[..close]), "{}", done.text);
        assert!(done.text.ends_with("    ],\n)\n"));
        assert!(done.text.contains(
            "        (date: \"2025-01-01\", asset: \"ZC-0001\", event: Move(to: \"R2\")),\n    ],"
        ));
        assert_eq!(done.first_line, 11);
        assert_eq!(done.register.events[1].line, 11);
    }

    #[test]
    fn adds_a_missing_comma_and_handles_an_empty_or_inline_list() {
        let t = "(format: 1, committee: \"JA\", events: [(date: \"2024-01-01\", asset: \"A\", event: Acquire((source: Purchase, name: \"椅子\", unit_value_fen: 100)))])";
        let done = append(Path::new("r.ron"), t, &[mv("2024-02-01", "A", "R2")]).unwrap();
        assert_eq!(done.register.events.len(), 2);
        assert!(done.text.starts_with(&t[..t.len() - 2]));
        let empty = "(format: 1, committee: \"JA\", events: [])";
        let acq = NewEvent {
            date: "2024-01-01".parse().unwrap(),
            asset: Some("A".into()),
            kind: EventKind::Acquire(Acquire {
                source: Source::Purchase,
                name: "椅子".into(),
                kind: None,
                category: None,
                special: false,
                unit_value_fen: 100,
                count: 20,
                custodian: None,
                location: None,
            }),
        };
        let done = append(Path::new("r.ron"), empty, std::slice::from_ref(&acq)).unwrap();
        assert_eq!(done.register.events.len(), 1, "{}", done.text);
        // no events field at all is not a list we can append to
        let none = "(format: 1, committee: \"JA\")";
        assert!(matches!(
            append(Path::new("r.ron"), none, &[acq]),
            Err(RecordError::Load(_))
        ));
    }

    #[test]
    fn refusals_name_the_reason_and_which_event() {
        let r = append(
            Path::new("r.ron"),
            TEXT,
            &[mv("2025-01-01", "ZC-0009", "R2")],
        );
        let Err(RecordError::Refused {
            index, message_en, ..
        }) = r
        else {
            panic!("{r:?}")
        };
        assert_eq!(index, 0);
        assert!(message_en.contains("not on the books"), "{message_en}");
        let r = append(
            Path::new("r.ron"),
            TEXT,
            &[
                mv("2025-01-01", "ZC-0001", "R2"),
                mv("2024-01-01", "ZC-0001", "R3"),
            ],
        );
        let Err(RecordError::Refused {
            index, message_en, ..
        }) = r
        else {
            panic!("{r:?}")
        };
        assert_eq!(index, 1);
        assert!(message_en.contains("date order"), "{message_en}");
        // a register wrong as it stands is a load error, not a refusal
        let broken = TEXT.replace("2024-03-01", "2024-02-30");
        assert!(matches!(
            append(
                Path::new("r.ron"),
                &broken,
                &[mv("2025-01-01", "ZC-0001", "R2")]
            ),
            Err(RecordError::Load(_))
        ));
    }

    /// The register `append` returns (checked against the register as
    /// read, without reading the new text) is the one the new text loads
    /// as; a refusal says what reading the new text would say.
    #[test]
    fn appending_checks_as_reading_the_whole_file_would() {
        let quoted = NewEvent {
            date: "2025-02-01".parse().unwrap(),
            asset: Some("ZC-0001".into()),
            kind: EventKind::Custodian {
                to: "张\"小\"三 \\ 四".into(),
            },
        };
        let bom = format!("\u{feff}{TEXT}");
        let crlf = TEXT.replace('\n', "\r\n");
        for text in [TEXT, bom.as_str(), crlf.as_str()] {
            for events in [
                vec![mv("2025-01-01", "ZC-0001", "R2")],
                vec![
                    mv("2025-01-01", "ZC-0001", "R2"),
                    quoted.clone(),
                    mv("2025-03-01", "ZC-0001", "R3"),
                ],
            ] {
                let done = append(Path::new("r.ron"), text, &events).unwrap();
                assert_eq!(
                    done.register,
                    parse_register(Path::new("r.ron"), &done.text).unwrap()
                );
            }
            for events in [
                vec![mv("2023-01-01", "ZC-0001", "R2")],
                vec![mv("2025-01-01", "ZC-0002", "R2")],
                vec![
                    mv("2025-01-01", "ZC-0001", "R2"),
                    NewEvent {
                        date: "2025-02-01".parse().unwrap(),
                        asset: Some("ZC-0001".into()),
                        kind: EventKind::WriteOff {
                            reason: "坏".into(),
                            approval: None,
                            count: Some(3),
                        },
                    },
                ],
                vec![NewEvent {
                    date: "2025-02-01".parse().unwrap(),
                    asset: None,
                    kind: EventKind::Move { to: "R1".into() },
                }],
            ] {
                let Err(RecordError::Refused {
                    index,
                    message,
                    message_en,
                }) = append(Path::new("r.ron"), text, &events)
                else {
                    panic!("{events:?} should be refused")
                };
                let ins = insert(text, find_events_list(text).unwrap(), &events);
                let e = parse_register(Path::new("r.ron"), &ins.text).unwrap_err();
                assert_eq!((message, message_en), (e.message, e.message_en));
                assert_eq!(index, events.len() - 1);
            }
        }
    }

    #[test]
    fn crlf_files_stay_crlf() {
        let t = TEXT.replace('\n', "\r\n");
        let done = append(Path::new("r.ron"), &t, &[mv("2025-01-01", "ZC-0001", "R2")]).unwrap();
        assert!(!done.text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn record_writes_atomically_and_a_refusal_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.register.ron");
        std::fs::write(&p, TEXT).unwrap();
        assert!(record(&p, &[mv("2025-01-01", "ZC-0002", "R2")]).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), TEXT);
        record(&p, &[mv("2025-01-01", "ZC-0001", "R2")]).unwrap();
        let after = std::fs::read_to_string(&p).unwrap();
        assert!(after.len() > TEXT.len());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
