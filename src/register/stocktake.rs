//! Reconciling a count sheet against the books on the stocktake date
//! (账物相符): per asset, match, shortage (盘亏), surplus (盘盈) or moved.
//!
//! - **match**: the card is in use, its rows count exactly the books' number
//!   and every row with a room names the books' room.
//! - **shortage**: in use on the books, fewer (or none) counted.
//! - **surplus**: more counted than the books hold; a row with no label; a
//!   label the books do not know; a label of a card already written off or
//!   transferred out. A surplus row with no room is still a surplus (its
//!   location is `null`).
//! - **moved**: a row names another room than the books (or the books name no
//!   room). A row without a room says nothing about the room.
//! - **duplicates**: an asset listed on more than one row (a batch split
//!   over rooms, or a thing counted twice). Its rows are added up for the
//!   comparison above, and the repetition is reported beside the outcome,
//!   never summed silently: a thing counted twice shows as a surplus, a
//!   batch split over rooms as moved, and rows that add up to the books in
//!   the books' room match.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::count_sheet::CountSheet;
use super::replay::{IdMap, State, Status};
use super::typed::{id_key, ids_look_alike};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortage {
    pub asset: String,
    pub name: String,
    pub books: u32,
    pub counted: u32,
    /// The books' room.
    pub location: Option<String>,
    /// 盘亏金额: the missing items at the card's unit value, in fen.
    pub value_fen: i64,
}

/// Why a row is a surplus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SurplusReason {
    /// More counted than the card holds.
    MoreThanBooks,
    /// No label.
    Unlabelled,
    /// A label the books never had.
    Unknown,
    /// The card was written off before the count.
    WrittenOff,
    /// The card was transferred out before the count.
    TransferredOut,
}

impl SurplusReason {
    pub fn name_zh(self) -> &'static str {
        match self {
            SurplusReason::MoreThanBooks => "实盘多于账面",
            SurplusReason::Unlabelled => "无标签",
            SurplusReason::Unknown => "账面无此编号",
            SurplusReason::WrittenOff => "已报损仍在",
            SurplusReason::TransferredOut => "已调出仍在",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            SurplusReason::MoreThanBooks => "more than the books",
            SurplusReason::Unlabelled => "no label",
            SurplusReason::Unknown => "id not on the books",
            SurplusReason::WrittenOff => "written off, still here",
            SurplusReason::TransferredOut => "transferred out, still here",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Surplus {
    pub asset: Option<String>,
    pub name: Option<String>,
    pub location: Option<String>,
    /// How many more than the books (all counted, for a thing not on them).
    pub counted: u32,
    pub reason: SurplusReason,
    /// The sheet line of the (first) row.
    pub line: usize,
    /// 盘盈金额 where the books know a unit value (a card's extra items, a
    /// card written off or transferred out); `null` for a thing the books
    /// never had (its value is set when it is put on the books).
    pub value_fen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub asset: String,
    pub name: String,
    /// The books' room.
    pub books: Option<String>,
    /// Where it was found.
    pub found: String,
    pub counted: u32,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub asset: String,
    /// Sheet lines of every row that lists it.
    pub lines: Vec<usize>,
    /// The rows' counts added up.
    pub counted: u32,
}

/// A row whose count was left blank (未盘点): neither found nor missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    pub asset: Option<String>,
    pub name: Option<String>,
    pub location: Option<String>,
    pub line: usize,
    /// The blank cell (`D7`).
    pub cell: String,
}

/// A shortage and a surplus that look like the same thing (a mistyped id,
/// a label read wrong): shown as one question, not two differences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// The card short on the books.
    pub shortage: String,
    /// The surplus row: its id as written (or `null`), its line.
    pub surplus: PairSurplus,
    /// `similar-id` (ids one slip apart) or `same-name-and-room`.
    pub why: &'static str,
    /// "是否为 ZC-0002?"
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairSurplus {
    pub asset: Option<String>,
    pub name: Option<String>,
    pub location: Option<String>,
    pub line: usize,
}

/// An id written otherwise than the books write it and read as the card's
/// (`zc-0012` → `ZC-0012`): said, not silent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadAs {
    pub written: String,
    pub asset: String,
    pub line: usize,
}

/// The outcome of one stocktake (the JSON of `juwei stocktake`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    pub format: u32,
    pub date: NaiveDate,
    pub matched: Vec<String>,
    pub shortage: Vec<Shortage>,
    pub surplus: Vec<Surplus>,
    pub moved: Vec<Moved>,
    pub duplicates: Vec<Duplicate>,
    pub not_counted: Vec<NotCounted>,
    pub pairs: Vec<Pair>,
    pub read_as: Vec<ReadAs>,
}

impl Reconciliation {
    /// 账物相符: nothing short, surplus, moved or left uncounted. (Rows
    /// listing one asset twice are reported in `duplicates`; they make a
    /// difference only through what they add up to.)
    pub fn books_match(&self) -> bool {
        self.shortage.is_empty()
            && self.surplus.is_empty()
            && self.moved.is_empty()
            && self.not_counted.is_empty()
    }

    /// 盘亏金额 in fen.
    pub fn shortage_value_fen(&self) -> i64 {
        self.shortage.iter().map(|s| s.value_fen).sum()
    }

    /// 盘盈金额 in fen, of the surpluses whose value the books know.
    pub fn surplus_value_fen(&self) -> i64 {
        self.surplus.iter().filter_map(|s| s.value_fen).sum()
    }

    /// Is this shortage (by asset) or surplus (by line) part of a pair?
    pub fn paired_shortage(&self, asset: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.shortage == asset)
    }
    pub fn paired_surplus(&self, line: usize) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.surplus.line == line)
    }
}

/// Rooms compared as a count sheet writes them: equal, equal but for case
/// and width, or the books' id followed by its name (`R1 办公室`).
fn same_room(books: Option<&str>, found: &str) -> bool {
    let Some(b) = books else { return false };
    if b == found || id_key(b) == id_key(found) {
        return true;
    }
    found
        .strip_prefix(b)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '\u{3000}'))
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(b) || b.contains(a))
}

/// The form an id is compared in ([`id_key`]), borrowed when the id is
/// already in that form (ASCII without lower case or spaces, as ids are
/// usually written): a sheet of 100,000 rows is not 100,000 new strings.
fn key_of(id: &str) -> Cow<'_, str> {
    if id
        .bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_lowercase())
    {
        Cow::Borrowed(id)
    } else {
        Cow::Owned(id_key(id))
    }
}

/// A key's card (the first of the books with that key) and its rows.
struct Slot {
    card: Option<usize>,
    group: Option<usize>,
}

/// The rows of one label (one key) of the sheet: its first and last row,
/// and the card of that key, if the books have one.
struct Group {
    first: usize,
    last: usize,
    card: Option<usize>,
}

/// Compare the count sheet with the books (`state`, usually the state on the
/// stocktake date).
///
/// Each row's label is looked up once: the rows of a label are chained
/// (first row, next row of the same label) in one map of keys that also
/// holds the cards, and each card finds its rows through one look-up of
/// its key. Keys are borrowed where the id is
/// already written as compared. A sheet of 100,000 rows reconciles in a
/// few tens of milliseconds (`benches/register.rs`).
pub fn reconcile(state: &State, sheet: &CountSheet) -> Reconciliation {
    // the cards by the form their ids are compared in, and the rows of
    // the sheet by the same keys: one map, probed once or twice a row
    let n = sheet.rows.len();
    let mut slots: IdMap<Cow<'_, str>, Slot> =
        IdMap::with_capacity_and_hasher(state.assets.len(), Default::default());
    for (i, a) in state.assets.iter().enumerate() {
        slots.entry(key_of(&a.id)).or_insert(Slot {
            card: Some(i),
            group: None,
        });
    }
    // rows of each labelled asset (by key), in sheet order: the first and
    // last row of each id, and a chain from each row to the next of the same id
    let mut groups: Vec<Group> = Vec::new();
    let mut next = vec![usize::MAX; n];
    let mut add_row = |slot: &mut Slot, i: usize| match slot.group {
        Some(g) => {
            next[groups[g].last] = i;
            groups[g].last = i;
        }
        None => {
            slot.group = Some(groups.len());
            groups.push(Group {
                first: i,
                last: i,
                card: slot.card,
            });
        }
    };
    let mut surplus = Vec::new();
    let mut not_counted_unlabelled = Vec::new();
    let mut read_as = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        match row.asset.as_deref() {
            Some(id) => {
                let key = key_of(id);
                // the common case: the id as the books write a card's
                if let Some(slot) = slots.get_mut(key.as_ref()) {
                    if slot.card.is_some_and(|c| state.assets[c].id == id) {
                        add_row(slot, i);
                        continue;
                    }
                }
                let key = if state.get(id).is_some() {
                    key
                } else {
                    // a label's QR code scanned: `JA-CJD-014/ZC-0005/3`
                    let mut parts = id.split('/');
                    let (_, second, third, fourth) =
                        (parts.next(), parts.next(), parts.next(), parts.next());
                    let scanned = match (second, third, fourth) {
                        (Some(a), _, None) if !a.trim().is_empty() => a,
                        _ => id,
                    };
                    let key = key_of(scanned);
                    if let Some(c) = slots.get(key.as_ref()).and_then(|s| s.card) {
                        read_as.push(ReadAs {
                            written: id.to_string(),
                            asset: state.assets[c].id.clone(),
                            line: row.line,
                        });
                    }
                    key
                };
                let slot = slots.entry(key).or_insert(Slot {
                    card: None,
                    group: None,
                });
                add_row(slot, i);
            }
            None => match row.counted {
                Some(0) => {}
                Some(c) => surplus.push(Surplus {
                    asset: None,
                    name: row.name.clone(),
                    location: row.location.clone(),
                    counted: c,
                    reason: SurplusReason::Unlabelled,
                    line: row.line,
                    value_fen: None,
                }),
                None => not_counted_unlabelled.push(NotCounted {
                    asset: None,
                    name: row.name.clone(),
                    location: row.location.clone(),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                }),
            },
        }
    }
    // the rows from the first of a label on, without allocating
    let chain = |first: Option<usize>| {
        std::iter::successors(first, |&i| Some(next[i]).filter(|&j| j != usize::MAX))
    };

    let mut r = Reconciliation {
        format: 1,
        date: state.date,
        matched: Vec::new(),
        shortage: Vec::new(),
        surplus: Vec::new(),
        moved: Vec::new(),
        duplicates: Vec::new(),
        not_counted: Vec::new(),
        pairs: Vec::new(),
        read_as,
    };

    for card in state.in_use() {
        let first = slots
            .get(key_of(&card.id).as_ref())
            .and_then(|s| s.group)
            .map(|g| groups[g].first);
        let rows = || chain(first);
        let mut counted = 0u32;
        let mut blank = None;
        let mut listed = 0usize;
        for i in rows() {
            listed += 1;
            match sheet.rows[i].counted {
                Some(c) => counted = counted.saturating_add(c),
                None => {
                    if blank.is_none() {
                        blank = Some(i);
                    }
                }
            }
        }
        let mut ok = true;
        if listed > 1 {
            r.duplicates.push(Duplicate {
                asset: card.id.clone(),
                lines: rows().map(|i| sheet.rows[i].line).collect(),
                counted,
            });
        }
        if counted < card.count {
            ok = false;
            if let Some(b) = blank {
                // not counted: no shortage can be told
                let row = &sheet.rows[b];
                r.not_counted.push(NotCounted {
                    asset: Some(card.id.clone()),
                    name: row.name.clone().or_else(|| Some(card.name.clone())),
                    location: row.location.clone().or_else(|| card.location.clone()),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                });
            } else {
                r.shortage.push(Shortage {
                    asset: card.id.clone(),
                    name: card.name.clone(),
                    books: card.count,
                    counted,
                    location: card.location.clone(),
                    value_fen: card
                        .unit_value_fen
                        .saturating_mul(i64::from(card.count - counted)),
                });
            }
        } else if counted > card.count {
            ok = false;
            let first = first.map(|i| &sheet.rows[i]);
            r.surplus.push(Surplus {
                asset: Some(card.id.clone()),
                name: Some(card.name.clone()),
                location: first.and_then(|f| f.location.clone()),
                counted: counted - card.count,
                reason: SurplusReason::MoreThanBooks,
                line: first.map_or(0, |f| f.line),
                value_fen: Some(
                    card.unit_value_fen
                        .saturating_mul(i64::from(counted - card.count)),
                ),
            });
        }
        for i in rows() {
            let row = &sheet.rows[i];
            if let Some(found) = &row.location {
                if row.counted.unwrap_or(0) > 0 && !same_room(card.location.as_deref(), found) {
                    ok = false;
                    r.moved.push(Moved {
                        asset: card.id.clone(),
                        name: card.name.clone(),
                        books: card.location.clone(),
                        found: found.clone(),
                        counted: row.counted.unwrap_or(0),
                        line: row.line,
                    });
                }
            }
        }
        if ok {
            r.matched.push(card.id.clone());
        }
    }

    // labels that are not cards in use
    for g in &groups {
        let known = g.card.map(|i| &state.assets[i]);
        if known.is_some_and(|c| c.status.is_in_use()) {
            continue;
        }
        let rows: Vec<usize> = chain(Some(g.first)).collect();
        let counted: u32 = rows
            .iter()
            .filter_map(|&i| sheet.rows[i].counted)
            .fold(0u32, u32::saturating_add);
        let first = &sheet.rows[rows[0]];
        let written = first.asset.clone().unwrap_or_default();
        if rows.len() > 1 {
            r.duplicates.push(Duplicate {
                asset: written.clone(),
                lines: rows.iter().map(|&i| sheet.rows[i].line).collect(),
                counted,
            });
        }
        if counted == 0 {
            if let Some(&b) = rows.iter().find(|&&i| sheet.rows[i].counted.is_none()) {
                let row = &sheet.rows[b];
                r.not_counted.push(NotCounted {
                    asset: Some(written),
                    name: row.name.clone().or_else(|| known.map(|c| c.name.clone())),
                    location: row.location.clone(),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                });
            }
            continue;
        }
        let reason = match known.map(|c| &c.status) {
            None | Some(Status::InUse) => SurplusReason::Unknown,
            Some(Status::WrittenOff { .. }) => SurplusReason::WrittenOff,
            Some(Status::TransferredOut { .. }) => SurplusReason::TransferredOut,
        };
        r.surplus.push(Surplus {
            asset: Some(known.map_or(written, |c| c.id.clone())),
            name: first.name.clone().or_else(|| known.map(|c| c.name.clone())),
            location: first.location.clone(),
            counted,
            reason,
            line: first.line,
            value_fen: known.map(|c| c.unit_value_fen.saturating_mul(i64::from(counted))),
        });
    }
    r.surplus.extend(surplus);
    r.surplus.sort_by_key(|s| s.line);
    r.not_counted.extend(not_counted_unlabelled);
    r.not_counted.sort_by_key(|s| s.line);
    r.pairs = pairs(state, &r);
    r
}

/// Shortages and surpluses that look like one thing: a label not on the
/// books (or none) found where a card of that name is missing.
///
/// Two passes over the shortages: labels one slip from the card's id
/// first, then things of the card's name in its room; each shortage takes
/// the first surplus (in sheet order) not yet taken. The surpluses are
/// indexed (by the keys of their ids, by their names) so that a sheet of
/// 10,000 shortages and 1,000 things without labels is not 10 million
/// comparisons.
fn pairs(state: &State, r: &Reconciliation) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut used = vec![false; r.surplus.len()];
    let mut paired = vec![false; r.shortage.len()];
    let open = |u: &Surplus| matches!(u.reason, SurplusReason::Unknown | SurplusReason::Unlabelled);
    // pass 0: each unknown label under the keys two look-alike ids share
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    // pass 1: the things by name
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<(&str, Vec<usize>)> = Vec::new();
    for (k, u) in r.surplus.iter().enumerate() {
        if !open(u) {
            continue;
        }
        if let Some(a) = &u.asset {
            for key in look_alike_keys(a) {
                by_key.entry(key).or_default().push(k);
            }
        }
        if let Some(n) = u.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            let i = *by_name.entry(n).or_insert_with(|| {
                names.push((n, Vec::new()));
                names.len() - 1
            });
            names[i].1.push(k);
        }
    }
    // the first of each name's surpluses not yet taken
    let mut cursor = vec![0usize; names.len()];
    // the surplus names that agree with a shortage's name, by that name
    let mut agreeing: HashMap<&str, Vec<usize>> = HashMap::new();
    for pass in 0..2 {
        for (si, s) in r.shortage.iter().enumerate() {
            if paired[si] {
                continue;
            }
            let missing = s.books - s.counted;
            let fits = |k: usize, used: &[bool]| {
                let u = &r.surplus[k];
                if used[k] || !open(u) || u.counted > missing {
                    return false;
                }
                let room_ok = match (&u.location, &s.location) {
                    (Some(a), Some(b)) => same_room(Some(b), a),
                    _ => true,
                };
                let name_ok = u.name.as_deref().is_some_and(|n| same_name(n, &s.name));
                let id_ok = u
                    .asset
                    .as_deref()
                    .is_some_and(|a| ids_look_alike(a, &s.asset));
                match pass {
                    // a label one slip from the card's, with its name (or
                    // none): the same thing, wherever it was found
                    0 => id_ok && (name_ok || u.name.is_none()),
                    _ => name_ok && room_ok,
                }
            };
            let found = if pass == 0 {
                if by_key.is_empty() {
                    // no label to be near: no look-alike keys to make
                    continue;
                }
                let mut cands: Vec<usize> = look_alike_keys(&s.asset)
                    .iter()
                    .filter_map(|key| by_key.get(key))
                    .flatten()
                    .copied()
                    .collect();
                cands.sort_unstable();
                cands.dedup();
                cands.into_iter().find(|&k| fits(k, &used))
            } else {
                let agree = agreeing.entry(s.name.as_str()).or_insert_with(|| {
                    (0..names.len())
                        .filter(|&i| same_name(names[i].0, &s.name))
                        .collect()
                });
                let mut best: Option<usize> = None;
                for &i in agree.iter() {
                    let list = &names[i].1;
                    while cursor[i] < list.len() && used[list[cursor[i]]] {
                        cursor[i] += 1;
                    }
                    if let Some(&k) = list[cursor[i]..].iter().find(|&&k| fits(k, &used)) {
                        best = Some(best.map_or(k, |b: usize| b.min(k)));
                    }
                }
                best
            };
            let Some(k) = found else { continue };
            used[k] = true;
            paired[si] = true;
            out.push(make_pair(state, s, &r.surplus[k], pass));
        }
    }
    out
}

/// The keys under which two ids that [`ids_look_alike`] meet: the id as
/// compared, without the leading zeros of its numbers, and every form of
/// it with one character left out (two ids one edit apart share one).
fn look_alike_keys(id: &str) -> Vec<String> {
    let k = id_key(id);
    let chars: Vec<char> = k.chars().collect();
    let mut keys = Vec::with_capacity(chars.len() + 2);
    keys.push(format!("z{}", super::typed::strip_zeros(&k)));
    keys.push(format!("d{k}"));
    for i in 0..chars.len() {
        let mut d = String::with_capacity(k.len() + 1);
        d.push('d');
        d.extend(chars[..i].iter().chain(&chars[i + 1..]));
        keys.push(d);
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The pair of shortage `s` and surplus `u`, found in `pass`.
fn make_pair(state: &State, s: &Shortage, u: &Surplus, pass: usize) -> Pair {
    let why = if pass == 0 {
        "similar-id"
    } else {
        "same-name-and-room"
    };
    let name = state
        .get(&s.asset)
        .map_or(s.name.as_str(), |a| a.name.as_str());
    let written = u.asset.clone().unwrap_or_else(|| "无标签".into());
    let written_en = u.asset.clone().unwrap_or_else(|| "no label".into());
    Pair {
        shortage: s.asset.clone(),
        surplus: PairSurplus {
            asset: u.asset.clone(),
            name: u.name.clone(),
            location: u.location.clone(),
            line: u.line,
        },
        why,
        message: format!(
            "第 {} 行的 {written}{} 是否为 {} ({name})? 若是,改正盘点表后重新核对",
            u.line,
            u.name.as_deref().map(|n| format!(" {n}")).unwrap_or_default(),
            s.asset
        ),
        message_en: format!(
            "is {written_en}{} on line {} in fact {} ({name})? If so, correct the sheet and reconcile again",
            u.name.as_deref().map(|n| format!(" {n}")).unwrap_or_default(),
            u.line,
            s.asset
        ),
    }
}

#[cfg(test)]
/// The reconciliation as first written (string keys, a hash look-up per
/// question): what [`reconcile`] must give on every sheet.
pub(crate) fn reconcile_reference(state: &State, sheet: &CountSheet) -> Reconciliation {
    // the cards by the form their ids are compared in
    let mut by_key: HashMap<String, usize> = HashMap::with_capacity(state.assets.len());
    for (i, a) in state.assets.iter().enumerate() {
        by_key.entry(id_key(&a.id)).or_insert(i);
    }
    // rows of each labelled asset (by key), in sheet order: the first and
    // last row of each id, and a chain from each row to the next of the same id
    let n = sheet.rows.len();
    let mut ends: HashMap<String, (usize, usize)> = HashMap::with_capacity(n);
    let mut next = vec![usize::MAX; n];
    let mut order: Vec<String> = Vec::new();
    let mut surplus = Vec::new();
    let mut not_counted_unlabelled = Vec::new();
    let mut read_as = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        match row.asset.as_deref() {
            Some(id) => {
                let key = if state.get(id).is_some() {
                    id_key(id)
                } else {
                    // a label's QR code scanned: `JA-CJD-014/ZC-0005/3`
                    let scanned = match id.split('/').collect::<Vec<_>>()[..] {
                        [_, a] | [_, a, _] if !a.trim().is_empty() => a,
                        _ => id,
                    };
                    let key = id_key(scanned);
                    if let Some(&c) = by_key.get(&key) {
                        read_as.push(ReadAs {
                            written: id.to_string(),
                            asset: state.assets[c].id.clone(),
                            line: row.line,
                        });
                    }
                    key
                };
                match ends.get_mut(&key) {
                    Some((_, last)) => {
                        next[*last] = i;
                        *last = i;
                    }
                    None => {
                        ends.insert(key.clone(), (i, i));
                        order.push(key);
                    }
                }
            }
            None => match row.counted {
                Some(0) => {}
                Some(c) => surplus.push(Surplus {
                    asset: None,
                    name: row.name.clone(),
                    location: row.location.clone(),
                    counted: c,
                    reason: SurplusReason::Unlabelled,
                    line: row.line,
                    value_fen: None,
                }),
                None => not_counted_unlabelled.push(NotCounted {
                    asset: None,
                    name: row.name.clone(),
                    location: row.location.clone(),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                }),
            },
        }
    }
    // the rows of an id, without allocating
    let rows_of = |key: &str| {
        let first = ends.get(key).map(|e| e.0);
        std::iter::successors(first, |&i| Some(next[i]).filter(|&j| j != usize::MAX))
    };

    let mut r = Reconciliation {
        format: 1,
        date: state.date,
        matched: Vec::new(),
        shortage: Vec::new(),
        surplus: Vec::new(),
        moved: Vec::new(),
        duplicates: Vec::new(),
        not_counted: Vec::new(),
        pairs: Vec::new(),
        read_as,
    };

    for card in state.in_use() {
        let key = id_key(&card.id);
        let rows = || rows_of(key.as_str());
        let counted: u32 = rows()
            .filter_map(|i| sheet.rows[i].counted)
            .fold(0u32, u32::saturating_add);
        let blank = rows().find(|&i| sheet.rows[i].counted.is_none());
        let mut ok = true;
        if rows().nth(1).is_some() {
            r.duplicates.push(Duplicate {
                asset: card.id.clone(),
                lines: rows().map(|i| sheet.rows[i].line).collect(),
                counted,
            });
        }
        if counted < card.count {
            ok = false;
            if let Some(b) = blank {
                // not counted: no shortage can be told
                let row = &sheet.rows[b];
                r.not_counted.push(NotCounted {
                    asset: Some(card.id.clone()),
                    name: row.name.clone().or_else(|| Some(card.name.clone())),
                    location: row.location.clone().or_else(|| card.location.clone()),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                });
            } else {
                r.shortage.push(Shortage {
                    asset: card.id.clone(),
                    name: card.name.clone(),
                    books: card.count,
                    counted,
                    location: card.location.clone(),
                    value_fen: card
                        .unit_value_fen
                        .saturating_mul(i64::from(card.count - counted)),
                });
            }
        } else if counted > card.count {
            ok = false;
            let first = rows().next().map(|i| &sheet.rows[i]);
            r.surplus.push(Surplus {
                asset: Some(card.id.clone()),
                name: Some(card.name.clone()),
                location: first.and_then(|f| f.location.clone()),
                counted: counted - card.count,
                reason: SurplusReason::MoreThanBooks,
                line: first.map_or(0, |f| f.line),
                value_fen: Some(
                    card.unit_value_fen
                        .saturating_mul(i64::from(counted - card.count)),
                ),
            });
        }
        for i in rows() {
            let row = &sheet.rows[i];
            if let Some(found) = &row.location {
                if row.counted.unwrap_or(0) > 0 && !same_room(card.location.as_deref(), found) {
                    ok = false;
                    r.moved.push(Moved {
                        asset: card.id.clone(),
                        name: card.name.clone(),
                        books: card.location.clone(),
                        found: found.clone(),
                        counted: row.counted.unwrap_or(0),
                        line: row.line,
                    });
                }
            }
        }
        if ok {
            r.matched.push(card.id.clone());
        }
    }

    // labels that are not cards in use
    for key in &order {
        let known = by_key.get(key).map(|&i| &state.assets[i]);
        if known.is_some_and(|c| c.status.is_in_use()) {
            continue;
        }
        let rows: Vec<usize> = rows_of(key).collect();
        let counted: u32 = rows
            .iter()
            .filter_map(|&i| sheet.rows[i].counted)
            .fold(0u32, u32::saturating_add);
        let first = &sheet.rows[rows[0]];
        let written = first.asset.clone().unwrap_or_default();
        if rows.len() > 1 {
            r.duplicates.push(Duplicate {
                asset: written.clone(),
                lines: rows.iter().map(|&i| sheet.rows[i].line).collect(),
                counted,
            });
        }
        if counted == 0 {
            if let Some(&b) = rows.iter().find(|&&i| sheet.rows[i].counted.is_none()) {
                let row = &sheet.rows[b];
                r.not_counted.push(NotCounted {
                    asset: Some(written),
                    name: row.name.clone().or_else(|| known.map(|c| c.name.clone())),
                    location: row.location.clone(),
                    line: row.line,
                    cell: sheet.counted_cell(row),
                });
            }
            continue;
        }
        let reason = match known.map(|c| &c.status) {
            None | Some(Status::InUse) => SurplusReason::Unknown,
            Some(Status::WrittenOff { .. }) => SurplusReason::WrittenOff,
            Some(Status::TransferredOut { .. }) => SurplusReason::TransferredOut,
        };
        r.surplus.push(Surplus {
            asset: Some(known.map_or(written, |c| c.id.clone())),
            name: first.name.clone().or_else(|| known.map(|c| c.name.clone())),
            location: first.location.clone(),
            counted,
            reason,
            line: first.line,
            value_fen: known.map(|c| c.unit_value_fen.saturating_mul(i64::from(counted))),
        });
    }
    r.surplus.extend(surplus);
    r.surplus.sort_by_key(|s| s.line);
    r.not_counted.extend(not_counted_unlabelled);
    r.not_counted.sort_by_key(|s| s.line);
    r.pairs = pairs(state, &r);
    r
}

/// Shortages and surpluses that look like one thing: a label not on the
/// books (or none) found where a card of that name is missing.
#[cfg(test)]
fn pairs_naive(state: &State, r: &Reconciliation) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut used_surplus = vec![false; r.surplus.len()];
    // two passes: ids one slip apart first, then same name and room
    for pass in 0..2 {
        for s in &r.shortage {
            if out.iter().any(|p: &Pair| p.shortage == s.asset) {
                continue;
            }
            let missing = s.books - s.counted;
            let found = r.surplus.iter().enumerate().find(|(k, u)| {
                if used_surplus[*k]
                    || !matches!(u.reason, SurplusReason::Unknown | SurplusReason::Unlabelled)
                    || u.counted > missing
                {
                    return false;
                }
                let room_ok = match (&u.location, &s.location) {
                    (Some(a), Some(b)) => same_room(Some(b), a),
                    _ => true,
                };
                let name_ok = u.name.as_deref().is_some_and(|n| same_name(n, &s.name));
                let id_ok = u
                    .asset
                    .as_deref()
                    .is_some_and(|a| ids_look_alike(a, &s.asset));
                match pass {
                    // a label one slip from the card's, with its name (or
                    // none): the same thing, wherever it was found
                    0 => id_ok && (name_ok || u.name.is_none()),
                    _ => name_ok && room_ok,
                }
            });
            let Some((k, u)) = found else { continue };
            used_surplus[k] = true;
            out.push(make_pair(state, s, u, pass));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::{parse_csv, parse_register};
    use std::path::Path;

    const REG: &str = r#"(format: 1, committee: "JA", events: [
        (date: "2024-01-01", asset: "A", event: Acquire((source: Purchase, name: "电脑", unit_value_fen: 500000, location: "R1"))),
        (date: "2024-01-01", asset: "B", event: Acquire((source: Purchase, name: "椅子", unit_value_fen: 30000, count: 10, location: "R1"))),
        (date: "2024-01-01", asset: "C", event: Acquire((source: Purchase, name: "冰箱", unit_value_fen: 200000, location: "R2"))),
        (date: "2024-01-01", asset: "D", event: Acquire((source: Purchase, name: "空调", unit_value_fen: 400000))),
        (date: "2024-06-01", asset: "D", event: WriteOff(reason: "坏")),
    ])"#;

    fn run(csv: &str) -> Reconciliation {
        let reg = parse_register(Path::new("r.ron"), REG).unwrap();
        let state = reg.state_at("2024-12-28".parse().unwrap());
        let sheet = parse_csv(Path::new("s.csv"), csv.as_bytes()).unwrap();
        reconcile(&state, &sheet)
    }

    #[test]
    fn all_found_where_the_books_say_matches() {
        let r = run("asset,location,counted\nA,R1,1\nB,R1,10\nC,R2,1\n");
        assert!(r.books_match(), "{r:?}");
        assert_eq!(r.matched, ["A", "B", "C"]);
        // no counted column: each row counts one
        let r = run("asset,location\nA,R1\nC,R2\n");
        assert_eq!(r.matched, ["A", "C"]);
    }

    #[test]
    fn a_blank_count_is_not_counted_never_one() {
        let r = run(
            "asset,name,location,counted,note\nA,,R1,1,\nB,,R1,10,\nC,,R2,,没数\n,电风扇,R2,,\n",
        );
        assert!(!r.books_match());
        assert!(r.shortage.is_empty() && r.surplus.is_empty(), "{r:?}");
        let nc: Vec<_> = r
            .not_counted
            .iter()
            .map(|n| (n.asset.as_deref(), n.line, n.cell.as_str()))
            .collect();
        assert_eq!(nc, [(Some("C"), 4, "D4"), (None, 5, "D5")]);
        assert_eq!(r.matched, ["A", "B"]);
    }

    #[test]
    fn ids_as_typed_and_rooms_as_printed() {
        let r = run("asset,location,counted\na,R1 办公室,1\nＢ,r1,10\n c ,R2,1\n");
        assert!(r.books_match(), "{r:?}");
        let read: Vec<_> = r
            .read_as
            .iter()
            .map(|x| (x.written.as_str(), x.asset.as_str()))
            .collect();
        assert_eq!(read, [("a", "A"), ("Ｂ", "B"), ("c", "C")]);
    }

    #[test]
    fn a_typo_is_one_pair_not_two_differences() {
        const REG2: &str = r#"(format: 1, committee: "JA", events: [
            (date: "2024-01-01", asset: "ZC-0002", event: Acquire((source: Purchase, name: "打印机", unit_value_fen: 189900, location: "R1"))),
            (date: "2024-01-01", asset: "ZC-0012", event: Acquire((source: Purchase, name: "文件柜", unit_value_fen: 120000, count: 2, location: "R1"))),
            (date: "2024-01-01", asset: "ZC-0013", event: Acquire((source: Purchase, name: "电话机", unit_value_fen: 15000, location: "R2"))),
        ])"#;
        let reg = parse_register(Path::new("r.ron"), REG2).unwrap();
        let state = reg.state_at("2024-12-28".parse().unwrap());
        let csv = "资产编号,资产名称,存放地点,实盘数量\nZC-002,打印机,R1,1\nzc-0012,文件柜,R1,2\n,电话机,R2,1\n";
        let sheet = parse_csv(Path::new("s.csv"), csv.as_bytes()).unwrap();
        let r = reconcile(&state, &sheet);
        assert_eq!(r.matched, ["ZC-0012"], "case ignored");
        let pairs: Vec<_> = r
            .pairs
            .iter()
            .map(|p| (p.shortage.as_str(), p.surplus.line, p.why))
            .collect();
        assert_eq!(
            pairs,
            [
                ("ZC-0002", 2, "similar-id"),
                ("ZC-0013", 4, "same-name-and-room")
            ]
        );
        assert!(
            r.pairs[0].message.contains("是否为 ZC-0002"),
            "{}",
            r.pairs[0].message
        );
        // the money of the differences
        assert_eq!(r.shortage_value_fen(), 189900 + 15000);
        assert_eq!(
            r.surplus_value_fen(),
            0,
            "things not on the books have no value yet"
        );
    }

    /// The reconciliation with keys looked up once per row gives exactly
    /// what the first one (a look-up per question) gave, on sheets of ids
    /// written every which way: lower case, full width, QR codes scanned,
    /// two cards whose ids compare alike, cards gone, rows left blank,
    /// labels repeated, things without labels.
    #[test]
    fn reconcile_is_the_reference_reconciliation() {
        use crate::register::{Acquire, Event, EventKind, Register, Source};
        let mut seed: u64 = 0x0b5e55ed;
        let mut rnd = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n as u64) as usize
        };
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
        let rooms = ["R1", "R2", "r1", "R1 办公室", "Ｒ2"];
        let mut total = (0, 0, 0, 0);
        for _ in 0..200 {
            let cards = rnd(30) + 1;
            let id = |i: usize| match i % 9 {
                0 => format!("zc-{i:04}"),
                1 => format!("ZC-{:04}", i - 1),
                _ => format!("ZC-{i:04}"),
            };
            let mut events = Vec::new();
            for i in 0..cards {
                events.push(Event {
                    date: day(1),
                    asset: Some(id(i)),
                    kind: EventKind::Acquire(Acquire {
                        source: Source::Purchase,
                        name: ["椅子", "电脑", "风扇"][rnd(3)].into(),
                        kind: None,
                        category: None,
                        special: false,
                        unit_value_fen: 100 * (rnd(50) as i64 + 1),
                        count: rnd(4) as u32 + 1,
                        custodian: None,
                        location: (rnd(4) > 0).then(|| rooms[rnd(2)].to_string()),
                    }),
                    line: i + 1,
                    col: 9,
                });
            }
            for i in 0..cards {
                let kind = match rnd(6) {
                    0 => EventKind::WriteOff {
                        reason: "坏".into(),
                        approval: None,
                        count: None,
                    },
                    1 => EventKind::TransferOut {
                        to: "JA-2".into(),
                        approval: None,
                        count: None,
                    },
                    _ => continue,
                };
                events.push(Event {
                    date: day(2),
                    asset: Some(id(i)),
                    kind,
                    line: cards + i + 1,
                    col: 9,
                });
            }
            let reg = Register {
                path: "r.ron".into(),
                committee: "JA".into(),
                events,
            };
            let state = reg.state_at(day(3));
            let rows: Vec<crate::register::CountRow> = (0..rnd(60))
                .map(|i| {
                    let c = rnd(cards + 5);
                    let asset = match rnd(9) {
                        0 => None,
                        1 => Some(id(c).to_lowercase()),
                        2 => Some(id(c).replace('-', "－").replace('Z', "Ｚ")),
                        3 => Some(format!("JA-1/{}/{}", id(c), rnd(5))),
                        4 => Some(format!(" {} ", id(c))),
                        5 => Some(format!("X/{}", id(c))),
                        _ => Some(id(c)),
                    };
                    crate::register::CountRow {
                        line: i + 2,
                        row: i + 2,
                        asset,
                        name: (rnd(3) > 0).then(|| ["椅子", "电脑", "风扇"][rnd(3)].to_string()),
                        location: (rnd(4) > 0).then(|| rooms[rnd(rooms.len())].to_string()),
                        counted: (rnd(8) > 0).then(|| rnd(4) as u32),
                        note: None,
                    }
                })
                .collect();
            let sheet = CountSheet {
                path: "s.csv".into(),
                rows,
                columns: crate::register::count_sheet::SheetColumns {
                    counted: Some(3),
                    ..Default::default()
                },
                date: None,
                notes: Vec::new(),
            };
            let r = reconcile(&state, &sheet);
            assert_eq!(r, reconcile_reference(&state, &sheet), "{sheet:?}");
            total.0 += r.matched.len();
            total.1 += r.shortage.len() + r.moved.len();
            total.2 += r.surplus.len() + r.duplicates.len();
            total.3 += r.read_as.len() + r.not_counted.len() + r.pairs.len();
        }
        assert!(
            total.0 > 50 && total.1 > 100 && total.2 > 100 && total.3 > 100,
            "every outcome is tried often enough: {total:?}"
        );
    }

    /// The indexed pairing finds exactly the pairs of the plain one (every
    /// shortage against every surplus, in order), on sheets full of near
    /// ids, shared names and rooms written both ways.
    #[test]
    fn indexed_pairs_are_the_plain_ones() {
        let reg = parse_register(Path::new("r.ron"), REG).unwrap();
        let state = reg.state_at("2024-12-28".parse().unwrap());
        let mut seed: u64 = 0x5eed;
        let mut rnd = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % n) as usize
        };
        let names = ["椅子", "办公椅", "电脑", "台式电脑", "风扇", " 风扇 "];
        let rooms = [Some("R1"), Some("R2"), Some("R1 办公室"), Some("r2"), None];
        let reasons = [
            SurplusReason::Unknown,
            SurplusReason::Unlabelled,
            SurplusReason::MoreThanBooks,
            SurplusReason::WrittenOff,
        ];
        let mut total = 0;
        for _ in 0..300 {
            let shortage: Vec<Shortage> = (0..rnd(30) + 1)
                .map(|i| {
                    let books = rnd(4) as u32 + 1;
                    Shortage {
                        asset: format!("ZC-{:04}", i * 3 + rnd(3)),
                        name: names[rnd(5)].to_string(),
                        books,
                        counted: rnd(books as u64) as u32,
                        location: rooms[rnd(5)].map(str::to_string),
                        value_fen: 100,
                    }
                })
                .collect();
            let surplus: Vec<Surplus> = (0..rnd(40))
                .map(|i| {
                    let n = rnd(100);
                    let asset = match rnd(6) {
                        0 => None,
                        1 => Some(format!("ZC-{n:03}")),
                        2 => Some(format!("zc－{n:04}")),
                        3 => Some(format!("ZC-{n:04}{}", rnd(10))),
                        4 => Some(format!("ZC{n:04}")),
                        _ => Some(format!("ZC-{:04}", n + 1)),
                    };
                    Surplus {
                        asset,
                        name: (rnd(5) > 0).then(|| names[rnd(6)].to_string()),
                        location: rooms[rnd(5)].map(str::to_string),
                        counted: rnd(3) as u32 + 1,
                        reason: reasons[rnd(4)],
                        line: i + 2,
                        value_fen: None,
                    }
                })
                .collect();
            let r = Reconciliation {
                format: 1,
                date: state.date,
                matched: Vec::new(),
                shortage,
                surplus,
                moved: Vec::new(),
                duplicates: Vec::new(),
                not_counted: Vec::new(),
                pairs: Vec::new(),
                read_as: Vec::new(),
            };
            let plain = pairs_naive(&state, &r);
            total += plain.len();
            assert_eq!(pairs(&state, &r), plain);
        }
        assert!(total > 300, "the cases pair often enough to test: {total}");
    }

    #[test]
    fn each_outcome() {
        let r = run("asset,name,location,counted\nA,,R3,1\nB,,R1,7\n,电风扇,R2,1\nX,打印机,,1\nD,空调,R1,1\n");
        assert!(!r.books_match());
        assert!(r.matched.is_empty());
        let short: Vec<_> = r
            .shortage
            .iter()
            .map(|s| (s.asset.as_str(), s.books, s.counted))
            .collect();
        assert_eq!(short, [("B", 10, 7), ("C", 1, 0)]);
        let moved: Vec<_> = r
            .moved
            .iter()
            .map(|m| (m.asset.as_str(), m.found.as_str()))
            .collect();
        assert_eq!(moved, [("A", "R3")]);
        let reasons: Vec<_> = r
            .surplus
            .iter()
            .map(|s| (s.asset.as_deref(), s.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                (None, SurplusReason::Unlabelled),
                (Some("X"), SurplusReason::Unknown),
                (Some("D"), SurplusReason::WrittenOff)
            ]
        );
        assert_eq!(r.surplus[1].location, None);
    }

    #[test]
    fn a_repeated_asset_is_reported_not_silently_summed() {
        let r = run("asset,location,counted\nA,R1,1\nA,R1,1\nB,R1,5\nB,R2,5\nC,R2,1\n");
        let dups: Vec<_> = r
            .duplicates
            .iter()
            .map(|d| (d.asset.as_str(), d.lines.clone()))
            .collect();
        assert_eq!(dups, [("A", vec![2, 3]), ("B", vec![4, 5])]);
        assert_eq!(r.surplus.len(), 1, "A counted twice is one too many");
        assert_eq!(r.surplus[0].counted, 1);
        assert!(r.shortage.is_empty(), "B's two rows add up to its 10");
        assert_eq!(r.moved.len(), 1, "5 of B found in R2");
        assert_eq!(r.matched, ["C"]);
        // a batch on two rows that add up, in its room, matches
        let r = run("asset,location,counted\nA,R1,1\nB,R1,6\nB,R1,4\nC,R2,1\n");
        assert!(r.books_match(), "{r:?}");
        assert_eq!(r.duplicates.len(), 1);
        assert_eq!(r.matched, ["A", "B", "C"]);
    }
}
