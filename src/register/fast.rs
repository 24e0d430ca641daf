//! A fast reader of register events, for the shapes juwei writes and people
//! commonly write by hand (any field order, comments, `Some(…)` or bare
//! optionals, trailing commas).
//!
//! It is an optimisation and never a second set of rules: it accepts a
//! strict subset of what the RON reader accepts and gives the very same
//! events. Anything else — an escape in a string, a raw string, a number
//! written `1_000`, an unknown or repeated field, a date that is no
//! calendar date, a missing comma — makes it give up (`None`), and the
//! RON reader reads the whole file and says what is wrong, with its place.
//! A register of 100,000 events is read several times faster this way,
//! which is what `juwei record` needs to append an event in a few
//! milliseconds (`benches/register.rs`).

use chrono::NaiveDate;

use super::ledger::{
    Acquire, Custody, EventKind, Recall, SealChange, SealChangeKind, SealCustody, SealKeeper,
    SealMade, SealUse, Source,
};
use crate::model::ItemKind;

/// Where the `events` list stands in a register's text, and its elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventsList {
    /// Offset of the list's `[`.
    pub open: usize,
    /// Offset of the list's `]`.
    pub close: usize,
    /// Each element's text: from its first character to the end of its last
    /// (comments and white space around it left out).
    pub elems: Vec<(usize, usize)>,
    /// Each element read as an event.
    pub events: Vec<Ev>,
}

/// Bytes that may continue an identifier: ASCII letters, digits and `_`.
const IDENT: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// Whether `c` may continue an identifier.
#[inline(always)]
fn is_ident(c: u8) -> bool {
    IDENT[usize::from(c)]
}

/// An event as read: its date, asset and kind.
pub(crate) type Ev = (NaiveDate, Option<String>, EventKind);

/// Skip white space and comments from `i`; `None` for a block comment that
/// never ends. Most calls stand on a token already: that is answered
/// without a loop.
#[inline(always)]
fn skip_ws(b: &[u8], i: usize) -> Option<usize> {
    let token = |c: u8| c > b' ' && c != b'/';
    match b.get(i) {
        Some(&c) if token(c) => Some(i),
        // one space, as after every `:` and `,` juwei writes
        Some(b' ') if b.get(i + 1).is_some_and(|&c| token(c)) => Some(i + 1),
        _ => skip_ws_slow(b, i),
    }
}

/// [`skip_ws`] where there is something to skip.
fn skip_ws_slow(b: &[u8], mut i: usize) -> Option<usize> {
    let n = b.len();
    loop {
        while i < n && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if i + 1 < n && b[i] == b'/' && b[i + 1] == b'/' {
            while i < n && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if i + 1 < n && b[i] == b'/' && b[i + 1] == b'*' {
            let mut depth = 1;
            i += 2;
            while depth > 0 {
                if i + 1 >= n {
                    return None;
                }
                if b[i] == b'/' && b[i + 1] == b'*' {
                    depth += 1;
                    i += 2;
                } else if b[i] == b'*' && b[i + 1] == b'/' {
                    depth -= 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            continue;
        }
        return Some(i);
    }
}

/// Find the top-level struct's `events: [ … ]` and read its elements as
/// events, in one pass. Only a plain file is taken: `(` after optional
/// white space and comments (no `#![enable(…)]` attribute), strings
/// without raw strings or char literals, and every element an event of the
/// shapes [`event`] reads. `None` otherwise (the RON reader decides).
pub(crate) fn split_events(text: &str) -> Option<EventsList> {
    let mut elems = Vec::new();
    let mut events = Vec::new();
    let list = scan_events(text, |start, end, ev| {
        elems.push((start, end));
        events.push(ev);
        Some(())
    })?;
    Some(EventsList {
        open: list.open,
        close: list.close,
        elems,
        events,
    })
}

/// Where the `events` list stands, as [`scan_events`] found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListShape {
    /// Offset of the list's `[`.
    pub open: usize,
    /// Offset of the list's `]`.
    pub close: usize,
    /// The last element's text (start, end), if the list has any.
    pub last: Option<(usize, usize)>,
    /// End of the comma after the last element, if there is one.
    pub trailing_comma: Option<usize>,
}

/// [`split_events`] without keeping the events: each element is read and
/// handed to `each` (start, end, event) as soon as it is read, and the
/// reading stops at the first `None` either gives. Reading a register to
/// append to it needs no list of its 100,000 events.
pub(crate) fn scan_events(
    text: &str,
    mut each: impl FnMut(usize, usize, Ev) -> Option<()>,
) -> Option<ListShape> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = skip_ws(b, 0)?;
    if i >= n || b[i] != b'(' {
        return None;
    }
    i += 1;
    // the top-level fields: name ':' value, the value skipped by brackets
    let mut depth = 1usize;
    let mut list: Option<ListShape> = None;
    let mut after_events_colon = false;
    let mut last_ident: (usize, usize) = (0, 0);
    while i < n {
        i = skip_ws(b, i)?;
        if i >= n {
            return None;
        }
        let c = b[i];
        match c {
            b'"' => {
                i = skip_string(b, i)?;
                after_events_colon = false;
            }
            b'r' if i + 1 < n && (b[i + 1] == b'"' || b[i + 1] == b'#') => return None,
            b'\'' => return None,
            b'(' | b'{' => {
                depth += 1;
                i += 1;
                after_events_colon = false;
            }
            b')' | b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if depth == 0 {
                    // the end of the file's struct
                    return list;
                }
                after_events_colon = false;
            }
            b'[' => {
                if after_events_colon && depth == 1 {
                    if list.is_some() {
                        return None;
                    }
                    let (l, end) = split_list(text, i, &mut each)?;
                    list = Some(l);
                    i = end;
                } else {
                    depth += 1;
                    i += 1;
                }
                after_events_colon = false;
            }
            b':' => {
                after_events_colon = depth == 1 && &text[last_ident.0..last_ident.1] == "events";
                i += 1;
            }
            _ if is_ident(c) => {
                let s = i;
                while i < n && is_ident(b[i]) {
                    i += 1;
                }
                last_ident = (s, i);
                after_events_colon = false;
            }
            _ => {
                i += 1;
                after_events_colon = false;
            }
        }
    }
    None
}

/// The end (one past the closing quote) of the string starting at `i`.
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The list starting at `b[open] == b'['`: its elements read as events
/// and handed to `each`, and the offset after its `]`.
fn split_list(
    text: &str,
    open: usize,
    each: &mut impl FnMut(usize, usize, Ev) -> Option<()>,
) -> Option<(ListShape, usize)> {
    let b = text.as_bytes();
    let n = b.len();
    let mut last = None;
    let mut trailing_comma = None;
    let mut i = open + 1;
    loop {
        i = skip_ws(b, i)?;
        if i >= n {
            return None;
        }
        if b[i] == b']' {
            return Some((
                ListShape {
                    open,
                    close: i,
                    last,
                    trailing_comma,
                },
                i + 1,
            ));
        }
        // one element: an event record, read where it stands
        let start = i;
        let mut p = P { s: text, b, i };
        let ev = p.event()?;
        each(start, p.i, ev)?;
        last = Some((start, p.i));
        i = skip_ws(b, p.i)?;
        match b.get(i) {
            Some(b',') => {
                i += 1;
                trailing_comma = Some(i);
            }
            Some(b']') => trailing_comma = None,
            _ => return None,
        }
    }
}

/// A cursor over one element's text.
struct P<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> P<'a> {
    fn ws(&mut self) -> Option<()> {
        self.i = skip_ws(self.b, self.i)?;
        Some(())
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws()?;
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<bool> {
        if self.peek()? == c {
            self.i += 1;
            Some(true)
        } else {
            Some(false)
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c)?.then_some(())
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.ws()?;
        let s = self.i;
        let b = self.b;
        if s >= b.len() || !(b[s].is_ascii_alphabetic() || b[s] == b'_') {
            return None;
        }
        let mut i = s + 1;
        while i < b.len() && is_ident(b[i]) {
            i += 1;
        }
        self.i = i;
        Some(&self.s[s..i])
    }

    /// A plain string: no escapes (an escape is left to the RON reader).
    fn string(&mut self) -> Option<String> {
        self.ws()?;
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i + 1;
        let rest = &self.b[start..];
        let len = rest.iter().position(|&c| c == b'"' || c == b'\\')?;
        if rest[len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        Some(self.s[start..start + len].to_string())
    }

    /// Digits with an optional minus; the next character may not continue
    /// a number (`1_000`, `1.5`, `0x10`, `1e3` are left to the RON reader).
    fn digits(&mut self) -> Option<&'a str> {
        self.ws()?;
        let s = self.i;
        let b = self.b;
        let mut i = s;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let d = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == d
            || b.get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.')
        {
            return None;
        }
        // a leading zero before more digits is not how RON writes decimals
        if i - d > 1 && b[d] == b'0' {
            return None;
        }
        self.i = i;
        Some(&self.s[s..i])
    }

    fn i64(&mut self) -> Option<i64> {
        self.digits()?.parse().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        let d = self.digits()?;
        if d.starts_with('-') {
            return None;
        }
        d.parse().ok()
    }

    fn i32(&mut self) -> Option<i32> {
        self.digits()?.parse().ok()
    }

    fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// An optional value: `x`, `Some(x)` or `None` (RON's implicit_some).
    fn opt<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Option<T>> {
        let save = self.i;
        if self.peek()?.is_ascii_alphabetic() {
            let id_start = self.i;
            match self.ident()? {
                "Some" => {
                    self.expect(b'(')?;
                    let v = f(self)?;
                    self.expect(b')')?;
                    return Some(Some(v));
                }
                "None" => return Some(None),
                _ => self.i = id_start,
            }
        }
        let _ = save;
        f(self).map(Some)
    }

    /// `"YYYY-MM-DD"`, digits only, a calendar date in range (what the
    /// RON reader's date check takes, less its odd corners).
    fn date(&mut self) -> Option<NaiveDate> {
        self.ws()?;
        let b = self.b.get(self.i..self.i + 12)?;
        if b[0] != b'"' || b[11] != b'"' || b[5] != b'-' || b[8] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let d = NaiveDate::from_ymd_opt(num(1..5)? as i32, num(6..8)?, num(9..11)?)?;
        self.i += 12;
        crate::model::date::in_range(d).then_some(d)
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        self.expect(b'[')?;
        let mut v = Vec::new();
        loop {
            if self.eat(b']')? {
                return Some(v);
            }
            v.push(self.string()?);
            if !self.eat(b',')? {
                self.expect(b']')?;
                return Some(v);
            }
        }
    }

    /// `name: value, …` up to (not past) the closing `)`, each value read
    /// by `field` (which says `None` for an unknown name). Names must not
    /// repeat: the bit of each is set in `seen` by its index in `names`.
    fn fields(
        &mut self,
        names: &[&str],
        mut field: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u32> {
        let mut seen = 0u32;
        loop {
            if self.peek()? == b')' {
                return Some(seen);
            }
            let name = self.ident()?;
            let k = names.iter().position(|n| *n == name)?;
            if seen & (1 << k) != 0 {
                return None;
            }
            seen |= 1 << k;
            self.expect(b':')?;
            field(self, k)?;
            if !self.eat(b',')? {
                return (self.peek()? == b')').then_some(seen);
            }
        }
    }

    /// `(` fields `)`.
    fn record(
        &mut self,
        names: &[&str],
        field: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u32> {
        self.expect(b'(')?;
        let seen = self.fields(names, field)?;
        self.expect(b')')?;
        Some(seen)
    }

    /// `((` fields `))`: a variant holding a struct.
    fn newtype_record(
        &mut self,
        names: &[&str],
        field: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u32> {
        self.expect(b'(')?;
        let seen = self.record(names, field)?;
        self.expect(b')')?;
        Some(seen)
    }
}

/// Every required field (bits of `required`) was given.
fn has(seen: u32, required: u32) -> Option<()> {
    (seen & required == required).then_some(())
}

fn source(s: &str) -> Option<Source> {
    Source::ALL.into_iter().find(|x| x.ident() == s)
}

fn item_kind(s: &str) -> Option<ItemKind> {
    ItemKind::ALL.iter().copied().find(|k| k.ident() == s)
}

/// One event record `(date: …, asset: …, event: …)` read from its text;
/// `None` unless it is wholly of the shapes this reader knows.
pub(crate) fn event(text: &str) -> Option<Ev> {
    let mut p = P {
        s: text,
        b: text.as_bytes(),
        i: 0,
    };
    let ev = p.event()?;
    p.ws()?;
    (p.i == text.len()).then_some(ev)
}

impl P<'_> {
    /// An event record from here to its closing `)`.
    fn event(&mut self) -> Option<Ev> {
        let mut date = None;
        let mut asset = None;
        let mut kind = None;
        let seen = self.record(&["date", "asset", "event"], |p, k| {
            match k {
                0 => date = Some(p.date()?),
                1 => asset = p.opt(P::string)?,
                _ => kind = Some(event_kind(p)?),
            }
            Some(())
        })?;
        has(seen, 0b101)?;
        Some((date?, asset, kind?))
    }
}

fn event_kind(p: &mut P) -> Option<EventKind> {
    let name = p.ident()?;
    Some(match name {
        "Acquire" => {
            let mut a = Acquire {
                source: Source::Purchase,
                name: String::new(),
                kind: None,
                category: None,
                special: false,
                unit_value_fen: 0,
                count: 1,
                custodian: None,
                location: None,
            };
            let seen = p.newtype_record(
                &[
                    "source",
                    "name",
                    "kind",
                    "category",
                    "special",
                    "unit_value_fen",
                    "count",
                    "custodian",
                    "location",
                ],
                |p, k| {
                    match k {
                        0 => a.source = source(p.ident()?)?,
                        1 => a.name = p.string()?,
                        2 => a.kind = p.opt(|p| item_kind(p.ident()?))?,
                        3 => a.category = p.opt(P::string)?,
                        4 => a.special = p.bool()?,
                        5 => a.unit_value_fen = p.i64()?,
                        6 => a.count = p.u32()?,
                        7 => a.custodian = p.opt(P::string)?,
                        _ => a.location = p.opt(P::string)?,
                    }
                    Some(())
                },
            )?;
            has(seen, 0b100011)?;
            // `kind: Computer(…)` and the like are not ours to read
            EventKind::Acquire(a)
        }
        "Move" | "Custodian" => {
            let mut to = None;
            let seen = p.record(&["to"], |p, _| {
                to = Some(p.string()?);
                Some(())
            })?;
            has(seen, 1)?;
            let to = to?;
            if name == "Move" {
                EventKind::Move { to }
            } else {
                EventKind::Custodian { to }
            }
        }
        "TransferOut" | "WriteOff" => {
            let first = if name == "TransferOut" {
                "to"
            } else {
                "reason"
            };
            let (mut what, mut approval, mut count) = (None, None, None);
            let seen = p.record(&[first, "approval", "count"], |p, k| {
                match k {
                    0 => what = Some(p.string()?),
                    1 => approval = p.opt(P::string)?,
                    _ => count = p.opt(P::u32)?,
                }
                Some(())
            })?;
            has(seen, 1)?;
            if name == "TransferOut" {
                EventKind::TransferOut {
                    to: what?,
                    approval,
                    count,
                }
            } else {
                EventKind::WriteOff {
                    reason: what?,
                    approval,
                    count,
                }
            }
        }
        "Stocktake" => {
            let (mut year, mut sheet, mut by) = (None, None, Vec::new());
            let seen = p.record(&["year", "sheet", "by"], |p, k| {
                match k {
                    0 => year = Some(p.i32()?),
                    1 => sheet = Some(p.string()?),
                    _ => by = p.strings()?,
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::Stocktake {
                year: year?,
                sheet: sheet?,
                by,
            }
        }
        "TermChange" => {
            let mut election = None;
            let seen = p.record(&["election"], |p, _| {
                election = Some(p.date()?);
                Some(())
            })?;
            has(seen, 1)?;
            EventKind::TermChange {
                election: election?,
            }
        }
        "Handover" => {
            let (mut outgoing, mut incoming, mut assets, mut seal) = (None, None, Vec::new(), None);
            let seen = p.record(&["outgoing", "incoming", "assets", "seal"], |p, k| {
                match k {
                    0 => outgoing = Some(p.string()?),
                    1 => incoming = Some(p.string()?),
                    2 => assets = p.strings()?,
                    _ => seal = p.opt(P::date)?,
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::Handover {
                outgoing: outgoing?,
                incoming: incoming?,
                assets,
                seal,
            }
        }
        "SealMade" => {
            let (mut seal, mut name, mut keeper, mut street_ref) = (None, None, None, None);
            let seen = p.newtype_record(&["seal", "name", "keeper", "street_ref"], |p, k| {
                match k {
                    0 => seal = Some(p.string()?),
                    1 => name = Some(p.string()?),
                    2 => keeper = p.opt(P::string)?,
                    _ => street_ref = p.opt(P::string)?,
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::SealMade(SealMade {
                seal: seal?,
                name: name?,
                keeper,
                street_ref,
            })
        }
        "SealKeeper" => {
            let (mut seal, mut to) = (None, None);
            let seen = p.newtype_record(&["seal", "to"], |p, k| {
                match k {
                    0 => seal = Some(p.string()?),
                    _ => to = Some(p.string()?),
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::SealKeeper(SealKeeper {
                seal: seal?,
                to: to?,
            })
        }
        "SealUse" => {
            let (mut seal, mut matter, mut approved_by, mut purpose) = (None, None, None, None);
            let seen =
                p.newtype_record(&["seal", "matter", "approved_by", "purpose"], |p, k| {
                    match k {
                        0 => seal = Some(p.string()?),
                        1 => matter = p.opt(P::u32)?,
                        2 => approved_by = p.opt(P::string)?,
                        _ => purpose = p.opt(P::string)?,
                    }
                    Some(())
                })?;
            has(seen, 1)?;
            EventKind::SealUse(SealUse {
                seal: seal?,
                matter,
                approved_by,
                purpose,
            })
        }
        "SealChange" => {
            let (mut seal, mut change, mut street_ref, mut name) = (None, None, None, None);
            let seen = p.newtype_record(&["seal", "change", "street_ref", "name"], |p, k| {
                match k {
                    0 => seal = Some(p.string()?),
                    1 => {
                        change = Some(match p.ident()? {
                            "Replace" => SealChangeKind::Replace,
                            "Alter" => SealChangeKind::Alter,
                            "Destroy" => SealChangeKind::Destroy,
                            _ => return None,
                        })
                    }
                    2 => street_ref = p.opt(P::string)?,
                    _ => name = p.opt(P::string)?,
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::SealChange(SealChange {
                seal: seal?,
                change: change?,
                street_ref,
                name,
            })
        }
        "Recall" => {
            let mut street_ref = None;
            p.newtype_record(&["street_ref"], |p, _| {
                street_ref = p.opt(P::string)?;
                Some(())
            })?;
            EventKind::Recall(Recall { street_ref })
        }
        "SealCustody" => {
            let (mut seal, mut to) = (None, None);
            let seen = p.newtype_record(&["seal", "to"], |p, k| {
                match k {
                    0 => seal = Some(p.string()?),
                    _ => {
                        to = Some(match p.ident()? {
                            "Street" => Custody::Street,
                            "Committee" => Custody::Committee,
                            _ => return None,
                        })
                    }
                }
                Some(())
            })?;
            has(seen, 0b11)?;
            EventKind::SealCustody(SealCustody {
                seal: seal?,
                to: to?,
            })
        }
        _ => return None,
    })
}
