//! The hash chain of a committee's register events (`juwei serve`,
//! `juwei register verify`).
//!
//! The shared register (`docs/spec/server.md`) stores every event with who
//! recorded it, when, and a SHA-256 hash that covers the event and the hash
//! of the committee's event before it. An exported register carries those
//! stamps as comments, so the file stays format 1 for every reader, and
//! [`verify`] checks the chain of such a file.
//!
//! **The canonical form of an event** is the compact JSON
//! (`serde_json::to_string`) of an object with exactly these fields, in
//! this order:
//!
//! | field | value |
//! |---|---|
//! | `committee` | the register's committee code (string) |
//! | `date` | `"YYYY-MM-DD"` |
//! | `asset` | the asset id (string), or `null` |
//! | `event` | the [`EventKind`] in serde's externally tagged shape, exactly as `serde_json::to_value(&kind)` gives it: every field present, defaults included (`"count":1`, `"kind":null`) |
//! | `recorded_by` | who recorded it (the server's user name) |
//! | `recorded_at` | when, RFC 3339 in UTC with milliseconds: `2026-12-02T10:00:00.123Z` |
//!
//! ```text
//! {"committee":"JA-1","date":"2025-06-10","asset":"ZC-0001","event":{"Move":{"to":"R2"}},"recorded_by":"张三","recorded_at":"2026-12-02T10:00:00.123Z"}
//! ```
//!
//! **The link** of an event is the lowercase hex SHA-256 of the previous
//! event's link (64 hex characters; the empty string for the committee's
//! first event), a newline, and the canonical form ([`link_hash`]).
//!
//! **The export form** ([`register_to_string_stamped`]) is the text
//! [`register_to_string`](super::register_to_string) writes, with a
//! comment line after the closing line of every stamped event:
//!
//! ```text
//!         (date: "2025-06-10", asset: "ZC-0001", event: Move(to: "R2")),
//!         // juwei-chain {"recorded_by":"张三","recorded_at":"2026-12-02T10:00:00.123Z","hash":"…64 hex…"}
//! ```
//!
//! [`verify`] reads the file with the ledger's own reader, attaches every
//! `// juwei-chain {…}` comment to the event before it, and recomputes the
//! chain in file order: what it reports is in [`Verified`] and
//! `docs/register.md` ("The chain of an exported register").
//!
//! ```
//! use juwei::register::chain::{register_to_string_stamped, stamp_register, verify};
//! use juwei::register::parse_register;
//! use std::path::Path;
//! let text = r#"(format: 1, committee: "JA-1", events: [
//!     (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase,
//!      name: "台式计算机", unit_value_fen: 568000, custodian: "张三", location: "R1"))),
//!     (date: "2025-06-10", asset: "ZC-0001", event: Move(to: "R2")),
//! ])"#;
//! let reg = parse_register(Path::new("r.ron"), text).unwrap();
//! let stamps = stamp_register(&reg, |_, _| ("张三".into(), "2026-12-02T10:00:00.123Z".into()));
//! let stamps: Vec<_> = stamps.into_iter().map(Some).collect();
//! let export = register_to_string_stamped(&reg, &stamps);
//! let v = verify(Path::new("r.ron"), &export).unwrap();
//! assert!(v.verified());
//! assert_eq!((v.events, v.stamped), (2, 2));
//! // one fen more on the computer: the chain breaks at its line
//! let v = verify(Path::new("r.ron"), &export.replace("568000", "568001")).unwrap();
//! assert!(!v.verified());
//! assert_eq!(v.findings[0].line, 5);
//! ```

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::ledger::{read_register, write_register, Event, EventKind, Register};
use super::record::NewEvent;
use super::replay::Validator;
use crate::io::{LoadError, SourceError};

/// The marker of a stamp comment: `// juwei-chain {…}`.
pub const MARKER: &str = "juwei-chain";

/// Who recorded an event, when, and its link in the committee's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub recorded_by: String,
    /// RFC 3339 in UTC with milliseconds: `2026-12-02T10:00:00.123Z`.
    pub recorded_at: String,
    /// 64 lowercase hex characters: [`link_hash`] of the event.
    pub hash: String,
}

/// The canonical form's object; the field order is the form's.
#[derive(Serialize)]
struct Canonical<'a> {
    committee: &'a str,
    date: String,
    asset: Option<&'a str>,
    event: &'a EventKind,
    recorded_by: &'a str,
    recorded_at: &'a str,
}

/// The canonical form of an event (see the module's documentation).
pub fn canonical(
    committee: &str,
    date: NaiveDate,
    asset: Option<&str>,
    kind: &EventKind,
    recorded_by: &str,
    recorded_at: &str,
) -> String {
    serde_json::to_string(&Canonical {
        committee,
        date: date.format("%Y-%m-%d").to_string(),
        asset,
        event: kind,
        recorded_by,
        recorded_at,
    })
    .expect("plain data")
}

/// The link of an event: lowercase hex SHA-256 of the previous event's
/// link (`""` for the committee's first event), `"\n"` and the event's
/// canonical form.
pub fn link_hash(prev: Option<&str>, canonical: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.unwrap_or("").as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    let digest = h.finalize();
    let mut s = String::with_capacity(64);
    for b in digest {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The stamp of an event recorded by `recorded_by` at `recorded_at`, after
/// the committee's event whose link is `prev` (`None`: its first event).
pub fn stamp_event(
    committee: &str,
    prev: Option<&str>,
    ev: &NewEvent,
    recorded_by: &str,
    recorded_at: &str,
) -> Stamp {
    let c = canonical(
        committee,
        ev.date,
        ev.asset.as_deref(),
        &ev.kind,
        recorded_by,
        recorded_at,
    );
    Stamp {
        recorded_by: recorded_by.to_string(),
        recorded_at: recorded_at.to_string(),
        hash: link_hash(prev, &c),
    }
}

/// The stamps of every event of a register, chained in file order from the
/// committee's first event; `who(i, event)` says who recorded event `i`
/// and when (`serve import` stamps the registers it loads so).
pub fn stamp_register(
    reg: &Register,
    mut who: impl FnMut(usize, &Event) -> (String, String),
) -> Vec<Stamp> {
    let mut prev: Option<String> = None;
    let mut out = Vec::with_capacity(reg.events.len());
    for (i, ev) in reg.events.iter().enumerate() {
        let (by, at) = who(i, ev);
        let c = canonical(
            &reg.committee,
            ev.date,
            ev.asset.as_deref(),
            &ev.kind,
            &by,
            &at,
        );
        let hash = link_hash(prev.as_deref(), &c);
        prev = Some(hash.clone());
        out.push(Stamp {
            recorded_by: by,
            recorded_at: at,
            hash,
        });
    }
    out
}

/// Now, as a stamp's `recorded_at`: RFC 3339 in UTC with milliseconds.
pub fn recorded_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// The export form: exactly the text of
/// [`register_to_string`](super::register_to_string), with the comment
/// line `        // juwei-chain {"recorded_by":…,"recorded_at":…,"hash":…}`
/// after the closing line of every event whose stamp is `Some`. `stamps[i]`
/// is event `i`'s; events beyond `stamps` are written unstamped.
pub fn register_to_string_stamped(reg: &Register, stamps: &[Option<Stamp>]) -> String {
    write_register(reg, |i, s| {
        if let Some(Some(st)) = stamps.get(i) {
            s.push_str("        // ");
            s.push_str(MARKER);
            s.push(' ');
            s.push_str(&serde_json::to_string(st).expect("plain data"));
            s.push('\n');
        }
    })
}

/// What a finding of [`verify`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// An event's stamp does not match it: the event, its stamp or the
    /// events before it were changed, deleted or reordered.
    Mismatch,
    /// A `// juwei-chain` comment that is not a stamp.
    Malformed,
    /// An event without a stamp before a stamped one: inserted into the
    /// exported history, or its stamp removed.
    Unstamped,
    /// A second stamp on one event.
    Duplicate,
    /// A stamp before the first event.
    Stray,
    /// The ledger refuses the register (`juwei register FILE` would not
    /// read it): an export never is.
    Refused,
    /// Note: events after the last stamped one carry no stamp (recorded
    /// outside the server after the export).
    Appended,
    /// Note: the register carries no chain at all.
    NoChain,
}

impl FindingKind {
    /// A note does not break the chain.
    pub fn is_note(self) -> bool {
        matches!(self, FindingKind::Appended | FindingKind::NoChain)
    }
}

/// Why a stamp does not match its event, as far as [`verify`] can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// The event with its stamp is as stamped, but it followed another
    /// event (`after_line`, or none: it was the first) when it was: events
    /// before it were deleted, inserted or reordered.
    Order,
    /// The event with its stamp is not as stamped after any event near it:
    /// the event or its stamp was changed, or the event it was stamped
    /// after was deleted (a hash cannot tell these apart).
    Changed,
}

/// One finding of [`verify`], at a line and column (1-based) of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// `broken` (the chain does not hold) or `note`.
    pub severity: &'static str,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub message_en: String,
    /// Mismatch: the link computed from the file.
    pub expected: Option<String>,
    /// Mismatch: the link the stamp carries.
    pub found: Option<String>,
    /// Mismatch: why, when it was looked into (`null` beyond the first
    /// [`DIAGNOSED`] mismatches).
    pub cause: Option<Cause>,
    /// Mismatch of cause `order`: the line of the event it was stamped
    /// after (`null`: it was stamped as the committee's first event).
    pub after_line: Option<usize>,
    /// Appended: how many events carry no stamp after the last stamped one.
    pub count: Option<usize>,
}

/// How many mismatches [`verify`] looks into for their cause (each costs
/// up to `2 × WINDOW + 1` hashes).
pub const DIAGNOSED: usize = 256;
/// How many stamped events on either side a mismatched event's stamp is
/// tried after.
const WINDOW: usize = 16;

impl Finding {
    fn new(kind: FindingKind, at: (usize, usize), zh: String, en: String) -> Finding {
        Finding {
            kind,
            severity: if kind.is_note() { "note" } else { "broken" },
            line: at.0,
            col: at.1,
            message: zh,
            message_en: en,
            expected: None,
            found: None,
            cause: None,
            after_line: None,
            count: None,
        }
    }

    /// `file:line:col: message` in the chosen language.
    pub fn display(&self, path: &Path, lang: crate::model::Lang) -> String {
        crate::text::clean(&format!(
            "{}:{}:{}: {}",
            path.display(),
            self.line,
            self.col,
            lang.pick(&self.message, &self.message_en)
        ))
        .into_owned()
    }
}

/// The last stamped event of a register: what to compare with the server's
/// head of the committee's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub line: usize,
    pub col: usize,
    pub recorded_by: String,
    pub recorded_at: String,
    pub hash: String,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub committee: String,
    /// Events in the file.
    pub events: usize,
    /// Events with a stamp (well-formed or not).
    pub stamped: usize,
    /// The last stamped event and its stamp.
    pub head: Option<Head>,
    /// In file order: breaks of the chain, and notes.
    pub findings: Vec<Finding>,
}

impl Verified {
    /// The chain holds: at least one stamp, and no finding but notes.
    pub fn verified(&self) -> bool {
        self.stamped > 0 && self.findings.iter().all(|f| f.kind.is_note())
    }

    /// The findings that break the chain.
    pub fn broken(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.kind.is_note())
    }
}

/// A line comment of RON text: where its `//` stands, and what follows it
/// up to the end of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineComment<'a> {
    offset: usize,
    line: usize,
    col: usize,
    body: &'a str,
}

/// Every line comment of RON text, strings (escaped and raw), character
/// literals and nested block comments skipped: a `// juwei-chain` inside a
/// string is not a stamp.
fn line_comments(text: &str) -> Vec<LineComment<'_>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    // newlines passed over inside strings and comments are counted too
    let newlines = |from: usize, to: usize, line: &mut usize, line_start: &mut usize| {
        for (k, &c) in b[from..to].iter().enumerate() {
            if c == b'\n' {
                *line += 1;
                *line_start = from + k + 1;
            }
        }
    };
    while i < n {
        let c = b[i];
        let ident_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let next = if c == b'"' {
            // a string: to its closing quote, escapes skipped
            let mut j = i + 1;
            while j < n && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(n)
        } else if c == b'r' && !ident_before && matches!(b.get(i + 1), Some(b'"' | b'#')) {
            // a raw string r#"…"#
            let hashes = b[i + 1..].iter().take_while(|&&x| x == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                i + 1
            } else {
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                let from = i + 2 + hashes;
                b[from..]
                    .windows(close.len())
                    .position(|w| w == close.as_slice())
                    .map_or(n, |p| from + p + close.len())
            }
        } else if c == b'\'' {
            // a character literal
            let mut j = i + 1;
            while j < n && b[j] != b'\'' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(n)
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let mut depth = 1;
            let mut j = i + 2;
            while j < n && depth > 0 {
                if b[j] == b'/' && b.get(j + 1) == Some(&b'*') {
                    depth += 1;
                    j += 2;
                } else if b[j] == b'*' && b.get(j + 1) == Some(&b'/') {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            j.min(n)
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            let end = memchr::memchr(b'\n', &b[i..]).map_or(n, |p| i + p);
            out.push(LineComment {
                offset: i,
                line,
                col: text[line_start..i].chars().count() + 1,
                body: text[i + 2..end].trim_end_matches('\r'),
            });
            end
        } else if c == b'\n' {
            line += 1;
            line_start = i + 1;
            i += 1;
            continue;
        } else {
            i += 1;
            continue;
        };
        let next = next.max(i + 1);
        newlines(i, next, &mut line, &mut line_start);
        i = next;
    }
    out
}

/// A stamp comment's body (after `//`) read as a stamp: `None` when the
/// comment is not a stamp comment; `Err` when it is one but not a stamp.
fn read_stamp(body: &str) -> Option<Result<Stamp, (String, String)>> {
    let rest = body.trim_start().strip_prefix(MARKER)?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let json = rest.trim();
    let st: Stamp = match serde_json::from_str(json) {
        Ok(s) => s,
        Err(e) => {
            return Some(Err((
                format!("链戳无法读取: 应为 {MARKER} 后接 {{\"recorded_by\":…,\"recorded_at\":…,\"hash\":…}} ({e})"),
                format!("the stamp cannot be read: {MARKER} followed by {{\"recorded_by\":…,\"recorded_at\":…,\"hash\":…}} was expected ({e})"),
            )))
        }
    };
    if st.hash.len() != 64
        || !st
            .hash
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    {
        return Some(Err((
            format!("链戳的 hash \"{}\" 应为 64 位小写十六进制数", st.hash),
            format!(
                "the stamp's hash \"{}\" is not 64 lowercase hex digits",
                st.hash
            ),
        )));
    }
    if chrono::DateTime::parse_from_rfc3339(&st.recorded_at).is_err() {
        return Some(Err((
            format!(
                "链戳的 recorded_at \"{}\" 不是 RFC 3339 时间 (如 2026-12-02T10:00:00.123Z)",
                st.recorded_at
            ),
            format!(
                "the stamp's recorded_at \"{}\" is not an RFC 3339 time (like 2026-12-02T10:00:00.123Z)",
                st.recorded_at
            ),
        )));
    }
    Some(Ok(st))
}

/// One event's stamp as found in the file.
enum Found<'a> {
    None,
    Stamp(Stamp, &'a LineComment<'a>),
    /// A comment that is not a stamp (reported already).
    Malformed,
}

/// Check the chain of an exported register's text. `Err`: the text is no
/// register format 1 at all (its reading's located error). Otherwise the
/// findings, in file order:
///
/// - every `// juwei-chain {…}` comment is the stamp of the last event that
///   begins before it; one that cannot be read is `malformed`, a second on
///   one event `duplicate`, one before every event `stray`;
/// - the stamped events are chained in file order; an event whose link is
///   not its stamp's `hash` is a `mismatch` (expected and found given, and
///   the cause: `order` when the event and its stamp are as stamped after
///   another event near it, else `changed`); the chain goes on from the
///   stamp's hash, so one changed event is one finding;
/// - an unstamped event before a stamped one is `unstamped` (not in the
///   chain: inserted, or its stamp removed); unstamped events after the
///   last stamped one are one note, `appended`;
/// - a register with no stamp at all is the note `no_chain` (and is not
///   [`Verified::verified`]: nothing vouches for it);
/// - the ledger's own checks that the register fails are `refused`.
pub fn verify(path: &Path, text: &str) -> Result<Verified, SourceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (reg, spans) = read_register(path, text)?;
    let mut findings: Vec<(usize, Finding)> = Vec::new();
    // the ledger's checks, as `juwei register FILE` reads it
    let mut checks = Validator::default();
    for (ev, span) in reg.events.iter().zip(&spans) {
        if let Err(e) = checks.check(path, text, span, ev) {
            findings.push((
                span.start,
                Finding::new(
                    FindingKind::Refused,
                    (e.line, e.col),
                    format!("台账不能读入 (导出的台账总能读入): {}", e.message),
                    format!(
                        "the ledger refuses the register (an export never is): {}",
                        e.message_en
                    ),
                ),
            ));
            break;
        }
    }
    // the stamp comments, each on the event that begins before it
    let comments = line_comments(text);
    let mut found: Vec<Found> = (0..reg.events.len()).map(|_| Found::None).collect();
    let mut next_event = 0;
    for c in &comments {
        let Some(read) = read_stamp(c.body) else {
            continue;
        };
        while next_event < spans.len() && spans[next_event].start < c.offset {
            next_event += 1;
        }
        let at = (c.line, c.col);
        let Some(owner) = next_event.checked_sub(1) else {
            findings.push((
                c.offset,
                Finding::new(
                    FindingKind::Stray,
                    at,
                    "链戳在第一个事件之前,不属于任何事件".into(),
                    "a stamp before the first event belongs to no event".into(),
                ),
            ));
            continue;
        };
        let ev = &reg.events[owner];
        if !matches!(found[owner], Found::None) {
            findings.push((
                c.offset,
                Finding::new(
                    FindingKind::Duplicate,
                    at,
                    format!("第 {} 行的事件已有链戳,这是第二个", ev.line),
                    format!(
                        "a second stamp on the event of line {} (it has one already)",
                        ev.line
                    ),
                ),
            ));
            continue;
        }
        found[owner] = match read {
            Ok(st) => Found::Stamp(st, c),
            Err((zh, en)) => {
                findings.push((
                    c.offset,
                    Finding::new(
                        FindingKind::Malformed,
                        at,
                        format!("{zh} (第 {} 行事件的链戳)", ev.line),
                        format!("{en} (the stamp of the event of line {})", ev.line),
                    ),
                ));
                Found::Malformed
            }
        };
    }
    let stamped = found.iter().filter(|f| !matches!(f, Found::None)).count();
    let last_stamped = found.iter().rposition(|f| !matches!(f, Found::None));
    // the chain, in file order
    let hashes: Vec<Option<&str>> = found
        .iter()
        .map(|f| match f {
            Found::Stamp(st, _) => Some(st.hash.as_str()),
            _ => None,
        })
        .collect();
    // the stamped events' indices, for the causes of mismatches
    let stamped_at: Vec<usize> = (0..found.len()).filter(|&i| hashes[i].is_some()).collect();
    // `Some(None)`: the first link; `None`: not known (after a malformed stamp)
    let mut prev: Option<Option<&str>> = Some(None);
    let mut mismatches = 0;
    let mut head = None;
    for (i, ev) in reg.events.iter().enumerate() {
        let span = &spans[i];
        match &found[i] {
            Found::None => {
                if last_stamped.is_some_and(|l| i < l) {
                    findings.push((
                        span.start,
                        Finding::new(
                            FindingKind::Unstamped,
                            (ev.line, ev.col),
                            "事件没有链戳,而其后的事件有: 导出后插入的,或其链戳被删除".into(),
                            "an event without a stamp before stamped ones: inserted after the export, or its stamp removed".into(),
                        ),
                    ));
                }
            }
            Found::Malformed => prev = None,
            Found::Stamp(st, c) => {
                head = Some(Head {
                    line: c.line,
                    col: c.col,
                    recorded_by: st.recorded_by.clone(),
                    recorded_at: st.recorded_at.clone(),
                    hash: st.hash.clone(),
                });
                let form = canonical(
                    &reg.committee,
                    ev.date,
                    ev.asset.as_deref(),
                    &ev.kind,
                    &st.recorded_by,
                    &st.recorded_at,
                );
                if let Some(p) = prev {
                    let expected = link_hash(p, &form);
                    if expected != st.hash {
                        mismatches += 1;
                        let after = if mismatches <= DIAGNOSED {
                            Some(stamped_after(&form, &st.hash, i, &stamped_at, &hashes))
                        } else {
                            None
                        };
                        let mut f = mismatch(ev, expected, st, after, &reg);
                        let unstamped_before = i
                            .checked_sub(1)
                            .filter(|&j| matches!(found[j], Found::None));
                        if let (Some(j), Some(None)) = (unstamped_before, after) {
                            let line = reg.events[j].line;
                            f.message.push_str(&format!(
                                " (其前第 {line} 行的事件没有链戳: 若是它的链戳被删除,本事件也就对不上)"
                            ));
                            f.message_en.push_str(&format!(
                                " (the event before it, line {line}, has no stamp: if its stamp was removed, this one cannot match)"
                            ));
                        }
                        findings.push((span.start, f));
                    }
                }
                prev = Some(Some(st.hash.as_str()));
            }
        }
    }
    if let Some(first) = last_stamped.map(|l| l + 1) {
        let after = reg.events.len() - first;
        if after > 0 {
            let ev = &reg.events[first];
            let mut f = Finding::new(
                FindingKind::Appended,
                (ev.line, ev.col),
                format!("自此起 {after} 个事件没有链戳: 导出后在系统外记录的 (与系统核对)"),
                format!("{after} event(s) from here on carry no stamp: recorded outside the server after the export (check them with the server)"),
            );
            f.count = Some(after);
            findings.push((spans[first].start, f));
        }
    }
    if stamped == 0 {
        let (at, offset) = match (reg.events.first(), spans.first()) {
            (Some(ev), Some(s)) => ((ev.line, ev.col), s.start),
            _ => ((1, 1), 0),
        };
        findings.push((
            offset,
            Finding::new(
                FindingKind::NoChain,
                at,
                "台账没有链戳 (不是系统导出的,或链戳已被删除): 无从核验".into(),
                "the register carries no chain (not exported by the server, or its stamps removed): nothing to verify".into(),
            ),
        ));
    }
    findings.sort_by_key(|(offset, f)| (*offset, f.kind.is_note()));
    Ok(Verified {
        committee: reg.committee,
        events: reg.events.len(),
        stamped,
        head,
        findings: findings.into_iter().map(|(_, f)| f).collect(),
    })
}

/// The mismatched event `i` (canonical form `form`, stamp hash `found`)
/// tried after the committee's start and after the stamped events near it:
/// `Some(after)` when one gives its stamp (`after`: that event's index, or
/// `None` for the start), `None` when none does.
fn stamped_after(
    form: &str,
    found: &str,
    i: usize,
    stamped_at: &[usize],
    hashes: &[Option<&str>],
) -> Option<Option<usize>> {
    if link_hash(None, form) == found {
        return Some(None);
    }
    let k = stamped_at.partition_point(|&j| j < i);
    let lo = k.saturating_sub(WINDOW);
    let hi = (k + 1 + WINDOW).min(stamped_at.len());
    stamped_at[lo..hi]
        .iter()
        .filter(|&&j| j != i)
        .find(|&&j| hashes[j].is_some_and(|h| link_hash(Some(h), form) == found))
        .map(|&j| Some(j))
}

fn mismatch(
    ev: &Event,
    expected: String,
    st: &Stamp,
    after: Option<Option<Option<usize>>>,
    reg: &Register,
) -> Finding {
    let (zh, en) = match after {
        Some(Some(Some(j))) => (
            format!(
                "事件与其链戳不符: 它盖戳时排在第 {} 行的事件之后 (其前的事件被删除、插入或调换了次序)",
                reg.events[j].line
            ),
            format!(
                "the event does not match its stamp: it was stamped after the event of line {} (events before it were deleted, inserted or reordered)",
                reg.events[j].line
            ),
        ),
        Some(Some(None)) => (
            "事件与其链戳不符: 它盖戳时是本居委会的第一个事件 (其前的事件是后来插入或调换来的)".into(),
            "the event does not match its stamp: it was stamped as the committee's first event (the events before it were inserted or reordered)".into(),
        ),
        Some(None) => (
            "事件与其链戳不符: 事件或其链戳被改动过,或其前原有的事件被删除".into(),
            "the event does not match its stamp: the event or its stamp was changed, or the event before it deleted".into(),
        ),
        None => (
            "事件与其链戳不符: 事件或其前的事件被改动过".into(),
            "the event does not match its stamp: it or the events before it were changed".into(),
        ),
    };
    let mut f = Finding::new(
        FindingKind::Mismatch,
        (ev.line, ev.col),
        format!("{zh}; 计算得 {expected},链戳为 {}", st.hash),
        format!("{en}; computed {expected}, the stamp says {}", st.hash),
    );
    f.cause = after.map(|a| {
        if a.is_some() {
            Cause::Order
        } else {
            Cause::Changed
        }
    });
    f.after_line = match after {
        Some(Some(Some(j))) => Some(reg.events[j].line),
        _ => None,
    };
    f.expected = Some(expected);
    f.found = Some(st.hash.clone());
    f
}

/// Read a register file and check its chain ([`verify`]); a file that
/// cannot be read, or is no register, is the error (as
/// [`load_register`](super::load_register) says it).
pub fn verify_file(path: &Path) -> Result<Verified, LoadError> {
    use crate::io::kind::{refine_parse_error, refine_read_error, FileKind};
    let text =
        crate::io::read_utf8(path).map_err(|e| refine_read_error(path, e, FileKind::Register))?;
    verify(path, &text).map_err(|e| refine_parse_error(path, e, &text, FileKind::Register).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;

    const AT: &str = "2026-12-02T10:00:00.123Z";

    fn move_event() -> NewEvent {
        NewEvent {
            date: "2025-06-10".parse().unwrap(),
            asset: Some("ZC-0001".into()),
            kind: EventKind::Move { to: "R2".into() },
        }
    }

    #[test]
    fn the_canonical_form_and_links_are_as_documented() {
        let ev = move_event();
        let c = canonical("JA-1", ev.date, ev.asset.as_deref(), &ev.kind, "张三", AT);
        assert_eq!(
            c,
            r#"{"committee":"JA-1","date":"2025-06-10","asset":"ZC-0001","event":{"Move":{"to":"R2"}},"recorded_by":"张三","recorded_at":"2026-12-02T10:00:00.123Z"}"#
        );
        // computed apart (Python's hashlib over the same bytes)
        let first = "07c48633da41c4b15bc3b37fb84f248395c0865fdc50ad4be81e5745399a58f5";
        assert_eq!(link_hash(None, &c), first);
        assert_eq!(link_hash(Some(""), &c), first);
        assert_eq!(
            link_hash(Some(first), &c),
            "fd3630a2a69bf539ac048ebbafc3cc65b3b38126893ed65fdd2205c879a14232"
        );
        let st = stamp_event("JA-1", Some(first), &ev, "张三", AT);
        assert_eq!(
            st.hash,
            "fd3630a2a69bf539ac048ebbafc3cc65b3b38126893ed65fdd2205c879a14232"
        );
        assert_eq!(
            (st.recorded_by.as_str(), st.recorded_at.as_str()),
            ("张三", AT)
        );
    }

    #[test]
    fn the_event_is_serde_s_shape_with_every_field() {
        let kind = EventKind::Acquire(crate::register::Acquire {
            source: crate::register::Source::Purchase,
            name: "椅\"子\n".into(),
            kind: None,
            category: None,
            special: false,
            unit_value_fen: 30000,
            count: 20,
            custodian: Some("张三".into()),
            location: None,
        });
        let c = canonical(
            "JA-1",
            "2024-03-01".parse().unwrap(),
            Some("A"),
            &kind,
            "u",
            AT,
        );
        assert!(
            c.contains(r#""event":{"Acquire":{"source":"Purchase","name":"椅\"子\n","kind":null,"category":null,"special":false,"unit_value_fen":30000,"count":20,"custodian":"张三","location":null}}"#),
            "{c}"
        );
        assert_eq!(
            c.split("\"event\":")
                .nth(1)
                .unwrap()
                .rsplit_once(",\"recorded_by\"")
                .unwrap()
                .0,
            serde_json::to_value(&kind).unwrap().to_string()
        );
        let term = EventKind::TermChange {
            election: "2026-01-05".parse().unwrap(),
        };
        let c = canonical("JA-1", "2026-01-05".parse().unwrap(), None, &term, "u", AT);
        assert!(
            c.contains(r#""asset":null,"event":{"TermChange":{"election":"2026-01-05"}}"#),
            "{c}"
        );
    }

    #[test]
    fn line_comments_skip_strings_raw_strings_chars_and_block_comments() {
        let t = "(a: \"x // juwei-chain {}\", // one\n b: r#\"// two \"# , /* // three\n /* // four */ */ c: '/', // 五\n  d: \"多\n行\" // six\r\n)";
        let c = line_comments(t);
        let bodies: Vec<_> = c.iter().map(|c| (c.line, c.col, c.body)).collect();
        assert_eq!(
            bodies,
            vec![(1, 28, " one"), (3, 27, " 五"), (5, 4, " six")],
            "{c:?}"
        );
        assert_eq!(&t[c[0].offset..c[0].offset + 2], "//");
    }

    #[test]
    fn stamp_comments_are_told_from_other_comments() {
        assert!(read_stamp(" 保管人待定").is_none());
        assert!(read_stamp(" juwei-chainage").is_none());
        assert!(matches!(read_stamp(" juwei-chain"), Some(Err(_))));
        assert!(matches!(
            read_stamp(" juwei-chain {\"recorded_by\":1}"),
            Some(Err(_))
        ));
        let ok = format!(
            " juwei-chain {{\"recorded_by\":\"a\",\"recorded_at\":\"{AT}\",\"hash\":\"{}\"}}",
            "0".repeat(64)
        );
        assert!(matches!(read_stamp(&ok), Some(Ok(_))));
        let upper = ok.replace(&"0".repeat(64), &"A".repeat(64));
        assert!(matches!(read_stamp(&upper), Some(Err(_))));
        let short = ok.replace(&"0".repeat(64), &"0".repeat(63));
        assert!(matches!(read_stamp(&short), Some(Err(_))));
        let time = ok.replace(AT, "2026-12-02 10:00");
        let Some(Err((zh, en))) = read_stamp(&time) else {
            panic!()
        };
        assert!(
            zh.contains("recorded_at") && en.contains("RFC 3339"),
            "{en}"
        );
    }

    const TEXT: &str = include_str!("../../tests/fixtures/register/spec-example.register.ron");

    fn stamped(text: &str) -> (Register, String) {
        let reg = parse_register(Path::new("r.ron"), text).unwrap();
        let stamps: Vec<_> = stamp_register(&reg, |i, _| (format!("clerk{}", i % 3), AT.into()))
            .into_iter()
            .map(Some)
            .collect();
        let export = register_to_string_stamped(&reg, &stamps);
        (reg, export)
    }

    #[test]
    fn the_export_is_the_writer_s_text_with_a_comment_after_each_event() {
        let (reg, export) = stamped(TEXT);
        let plain = crate::register::register_to_string(&reg);
        let without: String = export
            .lines()
            .filter(|l| !l.starts_with("        // juwei-chain {"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(without, plain);
        assert_eq!(
            export.lines().count() - plain.lines().count(),
            reg.events.len()
        );
        assert_eq!(register_to_string_stamped(&reg, &[]), plain);
        // each comment right after its event's closing line
        let back = parse_register(Path::new("r.ron"), &export).unwrap();
        let lines: Vec<&str> = export.lines().collect();
        for (i, ev) in back.events.iter().enumerate() {
            let end = back
                .events
                .get(i + 1)
                .map_or(lines.len() - 2, |n| n.line - 1);
            assert!(
                lines[end - 1].starts_with("        // juwei-chain {"),
                "{}",
                lines[end - 1]
            );
            assert!(lines[end - 2].ends_with("),"), "{}", ev.line);
        }
    }

    #[test]
    fn a_stamped_export_verifies_and_a_change_is_found_where_it_is() {
        let (reg, export) = stamped(TEXT);
        let v = verify(Path::new("r.ron"), &export).unwrap();
        assert!(v.verified(), "{:?}", v.findings);
        assert_eq!((v.events, v.stamped), (reg.events.len(), reg.events.len()));
        assert!(v.findings.is_empty());
        let head = v.head.unwrap();
        assert_eq!(head.line, export.lines().count() - 2);
        // one event's room changed
        let changed = export.replacen("Move(to: \"R2\")", "Move(to: \"R3\")", 1);
        let v = verify(Path::new("r.ron"), &changed).unwrap();
        assert!(!v.verified());
        assert_eq!(v.findings.len(), 1, "{:?}", v.findings);
        let f = &v.findings[0];
        let line = changed
            .lines()
            .position(|l| l.contains("Move(to: \"R3\")"))
            .unwrap()
            + 1;
        assert_eq!(
            (f.kind, f.line, f.col, f.cause),
            (FindingKind::Mismatch, line, 9, Some(Cause::Changed))
        );
        assert_ne!(f.expected, f.found);
    }

    #[test]
    fn swapped_events_are_found_out_of_order() {
        // two events of one day for two cards: the ledger takes either order
        let text = "(format: 1, committee: \"JA\", events: [
    (date: \"2024-03-01\", asset: \"A\", event: Acquire((source: Purchase, name: \"椅子\", unit_value_fen: 100))),
    (date: \"2024-03-01\", asset: \"B\", event: Acquire((source: Purchase, name: \"桌子\", unit_value_fen: 200))),
    (date: \"2024-04-01\", asset: \"A\", event: Move(to: \"R1\")),
    (date: \"2024-04-01\", asset: \"B\", event: Move(to: \"R2\")),
    (date: \"2024-05-01\", asset: \"A\", event: Move(to: \"R3\")),
])";
        let (_, export) = stamped(text);
        let lines: Vec<&str> = export.lines().collect();
        // events 3 and 4 with their stamps (lines 9-10 and 11-12)
        let a = lines
            .iter()
            .position(|l| l.contains("Move(to: \"R1\")"))
            .unwrap();
        let mut sw = lines.clone();
        sw.swap(a, a + 2);
        sw.swap(a + 1, a + 3);
        let v = verify(Path::new("r.ron"), &(sw.join("\n") + "\n")).unwrap();
        let got: Vec<_> = v
            .findings
            .iter()
            .map(|f| (f.kind, f.line, f.cause, f.after_line))
            .collect();
        let acquire_b = lines
            .iter()
            .position(|l| l.contains("asset: \"B\""))
            .unwrap()
            + 1;
        // B's move was stamped after A's, A's after B's acquisition, and
        // A's last move after B's move
        assert_eq!(
            got,
            vec![
                (
                    FindingKind::Mismatch,
                    a + 1,
                    Some(Cause::Order),
                    Some(a + 3)
                ),
                (
                    FindingKind::Mismatch,
                    a + 3,
                    Some(Cause::Order),
                    Some(acquire_b)
                ),
                (
                    FindingKind::Mismatch,
                    a + 5,
                    Some(Cause::Order),
                    Some(a + 1)
                ),
            ]
        );
        // the events swapped, their stamps left where they were
        let mut sw = lines.clone();
        sw.swap(a, a + 2);
        let v = verify(Path::new("r.ron"), &(sw.join("\n") + "\n")).unwrap();
        let got: Vec<_> = v
            .findings
            .iter()
            .map(|f| (f.kind, f.line, f.cause))
            .collect();
        assert_eq!(
            got,
            vec![
                (FindingKind::Mismatch, a + 1, Some(Cause::Changed)),
                (FindingKind::Mismatch, a + 3, Some(Cause::Changed)),
            ]
        );
    }

    #[test]
    fn stray_duplicate_and_unstamped_stamps_are_located() {
        let (_, export) = stamped(TEXT);
        let lines: Vec<&str> = export.lines().collect();
        let first_stamp = lines.iter().position(|l| l.contains(MARKER)).unwrap();
        // a stamp copied before the first event and after its own
        let mut t = lines.clone();
        t.insert(first_stamp + 1, lines[first_stamp]);
        t.insert(3, lines[first_stamp]);
        let v = verify(Path::new("r.ron"), &(t.join("\n") + "\n")).unwrap();
        let got: Vec<_> = v.findings.iter().map(|f| (f.kind, f.line, f.col)).collect();
        assert_eq!(
            got,
            vec![
                (FindingKind::Stray, 4, 9),
                (FindingKind::Duplicate, first_stamp + 3, 9)
            ]
        );
        // a stamp removed: that event is unstamped, and the next one's
        // link, which covers the removed stamp, does not hold
        let mut t = lines.clone();
        t.remove(first_stamp);
        let v = verify(Path::new("r.ron"), &(t.join("\n") + "\n")).unwrap();
        let got: Vec<_> = v.findings.iter().map(|f| f.kind).collect();
        assert_eq!(
            got,
            vec![FindingKind::Unstamped, FindingKind::Mismatch],
            "{:?}",
            v.findings
        );
        assert!(
            v.findings[1].message_en.contains("has no stamp"),
            "{}",
            v.findings[1].message_en
        );
        // an event inserted without a stamp: the chain holds around it
        let mut t = lines.clone();
        t.insert(
            first_stamp + 1,
            "        (date: \"2024-03-01\", asset: \"ZC-0001\", event: Move(to: \"R9\")),",
        );
        let v = verify(Path::new("r.ron"), &(t.join("\n") + "\n")).unwrap();
        let got: Vec<_> = v.findings.iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(got, vec![(FindingKind::Unstamped, first_stamp + 2)]);
    }
}
