//! The state of the books on a date: the replay of the events up to it.
//!
//! The replay also checks a register as it is read (`Validator`): every
//! event that it could not make sense of is refused with its place in the
//! file — an event out of date order, on an asset never acquired, on an
//! asset already gone (transferred out or written off), a second
//! acquisition of an id. A register that loads is one whose replay cannot
//! fail. The file model and its reading are [`super::ledger`]'s; this module
//! uses them, never the other way round.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::ledger::{
    check_fields, place_in, place_of_key, Custody, Event, EventKind, Register, SealChangeKind,
    Source, Span, MAX_TOTAL_FEN,
};
use crate::io::SourceError;
use crate::model::ItemKind;

/// A fast hash for the replay's maps of ids (the FxHash of rustc: a
/// multiply and a rotate a word). The ids come from the committee's own
/// file, so the flooding SipHash guards against is no concern, and a
/// register of 100,000 events replays in a fraction of the time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for IdHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by ids, hashed with [`IdHasher`].
pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Whether a card is still on the books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Status {
    InUse,
    TransferredOut { date: NaiveDate, to: String },
    WrittenOff { date: NaiveDate, reason: String },
}

impl Status {
    pub fn is_in_use(&self) -> bool {
        matches!(self, Status::InUse)
    }
    pub fn ident(&self) -> &'static str {
        match self {
            Status::InUse => "in-use",
            Status::TransferredOut { .. } => "transferred-out",
            Status::WrittenOff { .. } => "written-off",
        }
    }
    pub fn name_zh(&self) -> &'static str {
        match self {
            Status::InUse => "在用",
            Status::TransferredOut { .. } => "已调出",
            Status::WrittenOff { .. } => "已报损",
        }
    }
    pub fn name_en(&self) -> &'static str {
        match self {
            Status::InUse => "in use",
            Status::TransferredOut { .. } => "transferred out",
            Status::WrittenOff { .. } => "written off",
        }
    }
    pub fn name(&self, lang: crate::model::Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }
}

/// One asset card as it stands on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetState {
    pub id: String,
    pub name: String,
    pub source: Source,
    pub kind: Option<ItemKind>,
    pub category: Option<String>,
    pub special: bool,
    pub unit_value_fen: i64,
    /// How many items the card holds now (a batch shrinks by partial
    /// write-offs and transfers).
    pub count: u32,
    pub custodian: Option<String>,
    pub location: Option<String>,
    pub acquired: NaiveDate,
    /// Line of the acquisition in the register file.
    pub line: usize,
    #[serde(flatten)]
    pub status: Status,
}

/// The sum of values in fen, added in i128 and clamped to i64: a loaded
/// register's totals always fit ([`super::ledger::MAX_TOTAL_FEN`]), and a
/// total never wraps around whatever the values.
pub fn sum_fen(values: impl IntoIterator<Item = i64>) -> i64 {
    let total: i128 = values.into_iter().map(i128::from).sum();
    total.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

impl AssetState {
    /// Book value of the card: unit value × count, in fen.
    pub fn value_fen(&self) -> i64 {
        self.unit_value_fen.saturating_mul(i64::from(self.count))
    }
}

/// One seal as it stands on a date (附件1 §3.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealState {
    pub id: String,
    /// What the seal reads (after any Alter or Replace that says).
    pub name: String,
    pub made: NaiveDate,
    /// Line of the SealMade event in the register file.
    pub line: usize,
    /// The designated keeper. Passing to the street's custody ends the
    /// designation: a returned seal needs a keeper named again.
    pub keeper: Option<String>,
    pub custody: Custody,
    /// Date and line of the SealChange that destroyed it.
    pub destroyed: Option<(NaiveDate, usize)>,
    /// How many uses are logged up to the date.
    pub uses: usize,
}

impl SealState {
    /// Not destroyed.
    pub fn is_live(&self) -> bool {
        self.destroyed.is_none()
    }
}

/// Every card ever acquired up to a date, in order of acquisition; every
/// seal ever made, in order of making.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub date: NaiveDate,
    pub assets: Vec<AssetState>,
    index: IdMap<String, usize>,
    pub seals: Vec<SealState>,
    seal_index: IdMap<String, usize>,
    /// A collective recall (date, line) not yet followed by a term change.
    pub recall: Option<(NaiveDate, usize)>,
}

impl State {
    pub fn seal(&self, id: &str) -> Option<&SealState> {
        self.seal_index.get(id).map(|&i| &self.seals[i])
    }

    pub fn get(&self, id: &str) -> Option<&AssetState> {
        self.index.get(id).map(|&i| &self.assets[i])
    }

    /// The cards in use, in order of acquisition.
    pub fn in_use(&self) -> impl Iterator<Item = &AssetState> {
        self.assets.iter().filter(|a| a.status.is_in_use())
    }

    /// Total book value of the cards in use, in fen.
    pub fn value_in_use_fen(&self) -> i64 {
        sum_fen(self.in_use().map(AssetState::value_fen))
    }
}

/// Why an event cannot be applied (turned into located errors on reading).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReplayError {
    UnknownAsset,
    Gone {
        line: usize,
        date: NaiveDate,
        written_off: bool,
    },
    Duplicate {
        line: usize,
    },
    CountTooLarge {
        count: u32,
        have: u32,
    },
    HandoverUnknown {
        asset: String,
    },
    HandoverGone {
        asset: String,
        line: usize,
        date: NaiveDate,
    },
    UnknownSeal {
        seal: String,
    },
    SealDuplicate {
        seal: String,
        line: usize,
    },
    SealDestroyed {
        seal: String,
        line: usize,
        date: NaiveDate,
    },
}

/// Applies events one by one.
#[derive(Debug, Default)]
pub(crate) struct Replayer {
    assets: Vec<AssetState>,
    index: IdMap<String, usize>,
    /// Line of the event that took each gone card off the books.
    gone_line: IdMap<usize, usize>,
    seals: Vec<SealState>,
    seal_index: IdMap<String, usize>,
    recall: Option<(NaiveDate, usize)>,
}

impl Replayer {
    /// A seal as it stands after the events applied so far.
    pub(crate) fn seal(&self, id: &str) -> Option<&SealState> {
        self.seal_index.get(id).map(|&i| &self.seals[i])
    }

    /// The cards acquired so far, in order of acquisition.
    pub(crate) fn assets(&self) -> &[AssetState] {
        &self.assets
    }

    /// A card as it stands after the events applied so far.
    pub(crate) fn asset(&self, id: &str) -> Option<&AssetState> {
        self.index.get(id).map(|&i| &self.assets[i])
    }

    /// The seals made so far, in order of making.
    pub(crate) fn seals(&self) -> &[SealState] {
        &self.seals
    }

    /// A collective recall (date, line) not yet followed by a term change.
    pub(crate) fn recall(&self) -> Option<(NaiveDate, usize)> {
        self.recall
    }

    /// The seal an event names, if it exists.
    fn seal_of(&self, id: &str) -> Result<usize, ReplayError> {
        self.seal_index
            .get(id)
            .copied()
            .ok_or_else(|| ReplayError::UnknownSeal { seal: id.into() })
    }

    /// The seal an event names, if it exists and is not destroyed.
    fn live_seal(&self, id: &str) -> Result<usize, ReplayError> {
        let i = self.seal_of(id)?;
        match self.seals[i].destroyed {
            None => Ok(i),
            Some((date, line)) => Err(ReplayError::SealDestroyed {
                seal: id.into(),
                line,
                date,
            }),
        }
    }

    fn card(&mut self, ev: &Event) -> Result<usize, ReplayError> {
        let id = ev.asset.as_deref().ok_or(ReplayError::UnknownAsset)?;
        let &i = self.index.get(id).ok_or(ReplayError::UnknownAsset)?;
        match &self.assets[i].status {
            Status::InUse => Ok(i),
            Status::TransferredOut { date, .. } => Err(ReplayError::Gone {
                line: self.gone_line.get(&i).copied().unwrap_or(0),
                date: *date,
                written_off: false,
            }),
            Status::WrittenOff { date, .. } => Err(ReplayError::Gone {
                line: self.gone_line.get(&i).copied().unwrap_or(0),
                date: *date,
                written_off: true,
            }),
        }
    }

    /// Apply one event; on error nothing changes.
    pub(crate) fn apply(&mut self, ev: &Event) -> Result<(), ReplayError> {
        match &ev.kind {
            EventKind::Acquire(a) => {
                let id = ev.asset.as_deref().ok_or(ReplayError::UnknownAsset)?;
                if let Some(&i) = self.index.get(id) {
                    return Err(ReplayError::Duplicate {
                        line: self.assets[i].line,
                    });
                }
                self.index.insert(id.to_string(), self.assets.len());
                self.assets.push(AssetState {
                    id: id.to_string(),
                    name: a.name.clone(),
                    source: a.source,
                    kind: a.kind,
                    category: a.category.clone(),
                    special: a.special,
                    unit_value_fen: a.unit_value_fen,
                    count: a.count,
                    custodian: a.custodian.clone(),
                    location: a.location.clone(),
                    acquired: ev.date,
                    line: ev.line,
                    status: Status::InUse,
                });
            }
            EventKind::Move { to } => {
                let i = self.card(ev)?;
                set(&mut self.assets[i].location, to);
            }
            EventKind::Custodian { to } => {
                let i = self.card(ev)?;
                set(&mut self.assets[i].custodian, to);
            }
            EventKind::TransferOut { to, count, .. } => {
                let i = self.card(ev)?;
                let gone = Status::TransferredOut {
                    date: ev.date,
                    to: to.clone(),
                };
                self.take(i, *count, gone, ev.line)?;
            }
            EventKind::WriteOff { reason, count, .. } => {
                let i = self.card(ev)?;
                let gone = Status::WrittenOff {
                    date: ev.date,
                    reason: reason.clone(),
                };
                self.take(i, *count, gone, ev.line)?;
            }
            EventKind::Handover { assets, seal, .. } => {
                for id in assets {
                    let Some(&i) = self.index.get(id.as_str()) else {
                        return Err(ReplayError::HandoverUnknown { asset: id.clone() });
                    };
                    if let Status::TransferredOut { date, .. } | Status::WrittenOff { date, .. } =
                        &self.assets[i].status
                    {
                        return Err(ReplayError::HandoverGone {
                            asset: id.clone(),
                            line: self.gone_line.get(&i).copied().unwrap_or(0),
                            date: *date,
                        });
                    }
                }
                // the seals handed over go to the incoming committee, also
                // those the street held after a recall (3.4.5 交予新的居委会)
                if seal.is_some() {
                    for s in self.seals.iter_mut().filter(|s| s.is_live()) {
                        s.custody = Custody::Committee;
                    }
                }
            }
            EventKind::TermChange { .. } => self.recall = None,
            EventKind::Stocktake { .. } => {}
            EventKind::SealMade(m) => {
                if let Some(&i) = self.seal_index.get(m.seal.as_str()) {
                    return Err(ReplayError::SealDuplicate {
                        seal: m.seal.clone(),
                        line: self.seals[i].line,
                    });
                }
                self.seal_index.insert(m.seal.clone(), self.seals.len());
                self.seals.push(SealState {
                    id: m.seal.clone(),
                    name: m.name.clone(),
                    made: ev.date,
                    line: ev.line,
                    keeper: m.keeper.clone(),
                    custody: Custody::Committee,
                    destroyed: None,
                    uses: 0,
                });
            }
            EventKind::SealKeeper(k) => {
                let i = self.live_seal(&k.seal)?;
                self.seals[i].keeper = Some(k.to.clone());
            }
            EventKind::SealUse(u) => {
                // a use after destruction or in the street's custody is a
                // finding (A1-3.4.5), not an error
                let i = self.seal_of(&u.seal)?;
                self.seals[i].uses += 1;
            }
            EventKind::SealChange(c) => {
                let i = self.live_seal(&c.seal)?;
                let seal = &mut self.seals[i];
                if let Some(n) = &c.name {
                    seal.name = n.clone();
                }
                if c.change == SealChangeKind::Destroy {
                    seal.destroyed = Some((ev.date, ev.line));
                }
            }
            EventKind::Recall(_) => {
                if self.recall.is_none() {
                    self.recall = Some((ev.date, ev.line));
                }
            }
            EventKind::SealCustody(c) => {
                let i = self.live_seal(&c.seal)?;
                let seal = &mut self.seals[i];
                if c.to == Custody::Street {
                    seal.keeper = None;
                }
                seal.custody = c.to;
            }
        }
        Ok(())
    }

    /// Take `count` items (all when `None`) off card `i`.
    fn take(
        &mut self,
        i: usize,
        count: Option<u32>,
        gone: Status,
        line: usize,
    ) -> Result<(), ReplayError> {
        let have = self.assets[i].count;
        let n = count.unwrap_or(have);
        if n > have {
            return Err(ReplayError::CountTooLarge { count: n, have });
        }
        if n == have {
            self.assets[i].status = gone;
            self.gone_line.insert(i, line);
        } else {
            self.assets[i].count = have - n;
        }
        Ok(())
    }

    pub(crate) fn into_state(self, date: NaiveDate) -> State {
        State {
            date,
            assets: self.assets,
            index: self.index,
            seals: self.seals,
            seal_index: self.seal_index,
            recall: self.recall,
        }
    }
}

/// Set an optional text, reusing its buffer.
fn set(slot: &mut Option<String>, to: &str) {
    match slot {
        Some(s) => {
            s.clear();
            s.push_str(to);
        }
        None => *slot = Some(to.to_string()),
    }
}

impl Register {
    /// The books at the end of `date`: every event dated on or before it.
    pub fn state_at(&self, date: NaiveDate) -> State {
        let n = self.events.partition_point(|e| e.date <= date);
        self.state_through(n, date)
    }

    /// The books after the first `n` events of the file (the state just
    /// before event `n`), labelled with `date`.
    pub fn state_through(&self, n: usize, date: NaiveDate) -> State {
        let mut r = Replayer::default();
        for ev in &self.events[..n.min(self.events.len())] {
            // A loaded register replays without error; a hand-built one that
            // does not is replayed as far as it makes sense.
            let _ = r.apply(ev);
        }
        r.into_state(date)
    }
}

impl Register {
    /// What the plan rules need of the register on `date` (A2-6.4, G03):
    /// every card acquired by then, with whether it is still in use.
    pub fn asset_index(&self, date: NaiveDate) -> crate::rules::AssetIndex {
        let state = self.state_at(date);
        crate::rules::AssetIndex {
            assets: state
                .assets
                .into_iter()
                .map(|a| {
                    let status = crate::rules::AssetStatus {
                        in_use: a.status.is_in_use(),
                        kind: a.kind,
                        name: a.name,
                        count: a.count,
                    };
                    (a.id, status)
                })
                .collect(),
        }
    }
}

/// The ledger's checks, one event after another. It keeps the replay of
/// the events checked so far, so the events `juwei record` appends are
/// checked against the register just read, without reading it again.
#[derive(Debug, Default)]
pub(crate) struct Validator {
    replayer: Replayer,
    /// Date and line of the last event checked.
    prev: Option<(NaiveDate, usize)>,
    /// Every card ever acquired, in i128: no sum of cards can exceed it.
    acquired_fen: i128,
}

impl Validator {
    /// Check the next event, whose text is `span` of `text`; on error the
    /// place is in `text`.
    pub(crate) fn check(
        &mut self,
        path: &Path,
        text: &str,
        span: &Span,
        ev: &Event,
    ) -> Result<(), SourceError> {
        let err = |place: (usize, usize), zh: String, en: String| {
            SourceError::new(path, place.0, place.1, zh, en)
        };
        if let EventKind::Acquire(a) = &ev.kind {
            let total = self.acquired_fen + i128::from(a.unit_value_fen) * i128::from(a.count);
            if total > i128::from(MAX_TOTAL_FEN) {
                return Err(err(
                    place_of_key(text, span, ev, "unit_value_fen"),
                    format!(
                        "账面总值超出上限 {} 元: 金额有误(多写了位数?)",
                        MAX_TOTAL_FEN / 100
                    ),
                    format!(
                        "the register's total value goes beyond the limit of {} yuan: a value is wrong (extra digits?)",
                        MAX_TOTAL_FEN / 100
                    ),
                ));
            }
        }
        if let Some((date, line)) = self.prev {
            if ev.date < date {
                let at = place_in(text, span, ev, &ev.date.to_string(), 0);
                return Err(err(
                    at,
                    format!(
                        "事件日期 {} 早于上一条事件(第 {} 行)的日期 {}: 事件须按日期先后排列",
                        ev.date, line, date
                    ),
                    format!(
                        "event dated {} comes after an event dated {} (line {}): events must be in date order",
                        ev.date, date, line
                    ),
                ));
            }
        }
        check_fields(path, text, span, ev)?;
        if let Err(e) = self.replayer.apply(ev) {
            let id = ev.asset.as_deref().unwrap_or_default();
            let (at, zh, en) = match e {
                ReplayError::UnknownAsset => (
                    place_in(text, span, ev, id, 0),
                    format!("资产 \"{id}\" 尚未入账: 须先有 Acquire 事件"),
                    format!("asset \"{id}\" is not on the books: it needs an Acquire event first"),
                ),
                ReplayError::Gone { line, date, written_off } => (
                    place_in(text, span, ev, id, 0),
                    format!(
                        "资产 \"{id}\" 已于 {date} {}(第 {line} 行),不能再有事件",
                        if written_off { "报损" } else { "调出" }
                    ),
                    format!(
                        "asset \"{id}\" was {} on {date} (line {line}): no event can follow",
                        if written_off { "written off" } else { "transferred out" }
                    ),
                ),
                ReplayError::Duplicate { line } => (
                    place_in(text, span, ev, id, 0),
                    format!("资产编号 \"{id}\" 已在第 {line} 行入账: 一个编号只能入账一次"),
                    format!("asset id \"{id}\" was already acquired on line {line}: an id is acquired once"),
                ),
                ReplayError::CountTooLarge { count, have } => (
                    place_of_key(text, span, ev, "count"),
                    format!("数量 {count} 超过资产 \"{id}\" 现有数量 {have}"),
                    format!("count {count} exceeds the {have} left on card \"{id}\""),
                ),
                ReplayError::HandoverUnknown { asset } => (
                    place_in(text, span, ev, &asset, 0),
                    format!("移交清单中的资产 \"{asset}\" 尚未入账"),
                    format!("the handover lists asset \"{asset}\", which is not on the books"),
                ),
                ReplayError::HandoverGone { asset, line, date } => (
                    place_in(text, span, ev, &asset, 0),
                    format!("移交清单中的资产 \"{asset}\" 已于 {date} 注销(第 {line} 行)"),
                    format!("the handover lists asset \"{asset}\", gone since {date} (line {line})"),
                ),
                ReplayError::UnknownSeal { seal } => (
                    place_in(text, span, ev, &seal, 0),
                    format!("印章 \"{seal}\" 尚未登记: 须先有 SealMade 事件"),
                    format!("seal \"{seal}\" is not in the register: it needs a SealMade event first"),
                ),
                ReplayError::SealDuplicate { seal, line } => (
                    place_in(text, span, ev, &seal, 0),
                    format!("印章编号 \"{seal}\" 已在第 {line} 行登记: 一个编号只能刻制一次"),
                    format!("seal id \"{seal}\" was already made on line {line}: a seal id is made once"),
                ),
                ReplayError::SealDestroyed { seal, line, date } => (
                    place_in(text, span, ev, &seal, 0),
                    format!(
                        "印章 \"{seal}\" 已于 {date} 销毁(第 {line} 行),不能再变更保管人、代管或更换"
                    ),
                    format!(
                        "seal \"{seal}\" was destroyed on {date} (line {line}): it can have no new keeper, custody or change"
                    ),
                ),
            };
            return Err(err(at, zh, en));
        }
        self.prev = Some((ev.date, ev.line));
        if let EventKind::Acquire(a) = &ev.kind {
            self.acquired_fen += i128::from(a.unit_value_fen) * i128::from(a.count);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const TEXT: &str = r#"(format: 1, committee: "JA", events: [
        (date: "2024-03-01", asset: "A", event: Acquire((source: Purchase, name: "椅子",
            unit_value_fen: 30000, count: 20, custodian: "张三", location: "R1"))),
        (date: "2024-05-01", asset: "A", event: WriteOff(reason: "损坏", count: 2)),
        (date: "2024-06-01", asset: "A", event: Move(to: "R2")),
        (date: "2025-01-01", asset: "A", event: TransferOut(to: "JA-2")),
    ])"#;

    #[test]
    fn partial_write_off_shrinks_a_batch_and_whole_transfer_ends_it() {
        let r = parse_register(Path::new("r.ron"), TEXT).unwrap();
        let s = r.state_at(d("2024-05-01"));
        let a = s.get("A").unwrap();
        assert_eq!((a.count, a.location.as_deref()), (18, Some("R1")));
        assert_eq!(a.value_fen(), 18 * 30000);
        assert_eq!(s.value_in_use_fen(), 18 * 30000);
        let s = r.state_at(d("2024-12-31"));
        assert_eq!(s.get("A").unwrap().location.as_deref(), Some("R2"));
        let s = r.state_at(d("2025-01-01"));
        assert_eq!(s.in_use().count(), 0);
        assert!(matches!(
            s.get("A").unwrap().status,
            Status::TransferredOut { .. }
        ));
        assert!(r.state_at(d("2024-02-29")).assets.is_empty());
    }

    #[test]
    fn seals_change_keeper_and_custody() {
        let text = include_str!("../../tests/fixtures/register/seals-example.register.ron");
        let r = parse_register(Path::new("r.ron"), text).unwrap();
        let s = r.state_at(d("2025-04-11"));
        let seal = s.seal("S1").unwrap();
        assert_eq!(seal.keeper.as_deref(), Some("李四"));
        assert_eq!((seal.uses, seal.custody), (1, Custody::Committee));
        assert_eq!(s.recall, None);
        let s = r.state_at(d("2025-09-30"));
        assert_eq!(s.recall.map(|r| r.0), Some(d("2025-09-01")));
        // in the street's custody nobody of the recalled committee keeps it
        let s = r.state_at(d("2025-10-15"));
        let seal = s.seal("S1").unwrap();
        assert_eq!(
            (seal.keeper.as_deref(), seal.custody),
            (None, Custody::Street)
        );
        // the election ends the recall; the handover gives the seal back
        let s = r.state_at(d("2026-01-08"));
        assert_eq!(s.recall, None);
        assert_eq!(s.seal("S1").unwrap().custody, Custody::Street);
        let s = r.state_at(d("2026-01-12"));
        assert_eq!(s.seal("S1").unwrap().custody, Custody::Committee);
        assert!(r.state_at(d("2024-01-19")).seal("S1").is_none());
    }

    #[test]
    fn asset_index_marks_gone_cards() {
        let r = parse_register(Path::new("r.ron"), TEXT).unwrap();
        let i = r.asset_index(d("2024-12-31"));
        assert!(i.assets["A"].in_use);
        assert_eq!(i.assets["A"].name, "椅子");
        assert!(!r.asset_index(d("2025-01-01")).assets["A"].in_use);
        assert!(r.asset_index(d("2024-01-01")).assets.is_empty());
    }
}
