//! The year's fixed-asset changes statement (固定资产增减变动表): for every
//! category of the register, what was on the books at the start of the year
//! (期初), what came on (本年增加: 添置, 自制, 调入, 受赠, 盘盈) and went off
//! (本年减少: 报损, 调出) during it, and what was left at its end (期末) —
//! in items and in money — with the check that opening + additions −
//! reductions = closing.
//!
//! Everything is a replay of the ledger (附件1 §3.6.3 names the kinds:
//! 添置、自制、调拨、受赠、报损). The opening is the books at the end of
//! 31 December of the year before; the closing, the books at the end of
//! 31 December (or of "today" for a year not yet over, said so). The
//! movements are the year's Acquire, WriteOff and TransferOut events. The
//! closing is computed from the books, not from the movements, so the check
//! is a real tie-out of the two.
//!
//! Money is integer fen. A card's value is its unit value × its count, so a
//! partial write-off or transfer of `k` of a batch's items takes exactly
//! `k × unit` fen off the card, and the rest keeps `(count − k) × unit`:
//! proportional to the count and exact, with no rounding to decide
//! (`docs/decisions.md`).
//!
//! ```
//! use juwei::register::{changes::changes, parse_register};
//! use std::path::Path;
//! let text = r#"(format: 1, committee: "JA-1", events: [
//!     (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase,
//!      name: "会议椅", unit_value_fen: 30000, count: 12))),
//!     (date: "2025-06-10", asset: "ZC-0001", event: WriteOff(reason: "椅腿断裂", count: 2)),
//! ])"#;
//! let reg = parse_register(Path::new("r.ron"), text).unwrap();
//! let st = changes(&reg, 2025, "2026-01-05".parse().unwrap()).unwrap();
//! assert_eq!(st.total.opening.value_fen, 360000);
//! assert_eq!(st.total.reductions.write_off.value_fen, 60000);
//! assert_eq!(st.total.closing.count, 10);
//! assert!(st.balanced());
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::ledger::{EventKind, Register, Source};
use super::replay::Replayer;
use crate::model::Lang;

/// Items and their value in fen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// Items (a batch card of 12 chairs counts 12).
    pub count: u64,
    pub value_fen: i64,
}

impl Amount {
    fn add(&mut self, count: u64, value_fen: i64) {
        self.count += count;
        self.value_fen = self.value_fen.saturating_add(value_fen);
    }

    fn plus(self, other: Amount) -> Amount {
        Amount {
            count: self.count + other.count,
            value_fen: self.value_fen.saturating_add(other.value_fen),
        }
    }

    pub fn is_zero(&self) -> bool {
        self.count == 0 && self.value_fen == 0
    }
}

/// How a card came on or went off the books in the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// 添置 (Acquire, Purchase)
    Purchase,
    /// 自制 (Acquire, SelfMade)
    SelfMade,
    /// 调入, 附件1's 调拨 (Acquire, TransferIn)
    TransferIn,
    /// 受赠 (Acquire, Donation)
    Donation,
    /// 盘盈 (Acquire, Surplus)
    Surplus,
    /// 报损 (WriteOff)
    WriteOff,
    /// 调出 (TransferOut)
    TransferOut,
}

impl ChangeKind {
    /// The additions, in the statement's column order.
    pub const ADDITIONS: [ChangeKind; 5] = [
        ChangeKind::Purchase,
        ChangeKind::SelfMade,
        ChangeKind::TransferIn,
        ChangeKind::Donation,
        ChangeKind::Surplus,
    ];
    /// The reductions, in the statement's column order.
    pub const REDUCTIONS: [ChangeKind; 2] = [ChangeKind::WriteOff, ChangeKind::TransferOut];

    pub fn of_source(s: Source) -> ChangeKind {
        match s {
            Source::Purchase => ChangeKind::Purchase,
            Source::SelfMade => ChangeKind::SelfMade,
            Source::TransferIn => ChangeKind::TransferIn,
            Source::Donation => ChangeKind::Donation,
            Source::Surplus => ChangeKind::Surplus,
        }
    }

    pub fn is_addition(self) -> bool {
        !matches!(self, ChangeKind::WriteOff | ChangeKind::TransferOut)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            ChangeKind::Purchase => "添置",
            ChangeKind::SelfMade => "自制",
            ChangeKind::TransferIn => "调入",
            ChangeKind::Donation => "受赠",
            ChangeKind::Surplus => "盘盈",
            ChangeKind::WriteOff => "报损",
            ChangeKind::TransferOut => "调出",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ChangeKind::Purchase => "purchased",
            ChangeKind::SelfMade => "self-made",
            ChangeKind::TransferIn => "transferred in",
            ChangeKind::Donation => "donated",
            ChangeKind::Surplus => "stocktake surplus",
            ChangeKind::WriteOff => "written off",
            ChangeKind::TransferOut => "transferred out",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// The JSON key (`purchase`, `write-off`…).
    pub fn ident(self) -> &'static str {
        match self {
            ChangeKind::Purchase => "purchase",
            ChangeKind::SelfMade => "self-made",
            ChangeKind::TransferIn => "transfer-in",
            ChangeKind::Donation => "donation",
            ChangeKind::Surplus => "surplus",
            ChangeKind::WriteOff => "write-off",
            ChangeKind::TransferOut => "transfer-out",
        }
    }
}

/// One event of the year that changed the books' items or value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub date: NaiveDate,
    /// Line of the event in the register file.
    pub line: usize,
    pub asset: String,
    pub name: String,
    pub category: Option<String>,
    pub kind: ChangeKind,
    /// Items that came on or went off.
    pub count: u32,
    pub unit_value_fen: i64,
    /// `count × unit_value_fen`.
    pub value_fen: i64,
    /// Items on the card just before the event (0 for an acquisition).
    pub before: u32,
    /// Items left on the card after it: more than 0 for a partial write-off
    /// or transfer of a batch.
    pub left: u32,
    /// The write-off's reason, or where it was transferred to.
    pub detail: Option<String>,
    pub approval: Option<String>,
}

impl Change {
    /// Part of a batch left; the card stays on the books with the rest.
    pub fn is_partial(&self) -> bool {
        !self.kind.is_addition() && self.left > 0
    }
}

/// The additions of a line, by how the cards came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Additions {
    pub purchase: Amount,
    pub self_made: Amount,
    pub transfer_in: Amount,
    pub donation: Amount,
    pub surplus: Amount,
    pub total: Amount,
}

impl Additions {
    pub fn get(&self, k: ChangeKind) -> Amount {
        match k {
            ChangeKind::Purchase => self.purchase,
            ChangeKind::SelfMade => self.self_made,
            ChangeKind::TransferIn => self.transfer_in,
            ChangeKind::Donation => self.donation,
            ChangeKind::Surplus => self.surplus,
            ChangeKind::WriteOff | ChangeKind::TransferOut => Amount::default(),
        }
    }

    fn add(&mut self, k: ChangeKind, count: u64, fen: i64) {
        let slot = match k {
            ChangeKind::Purchase => &mut self.purchase,
            ChangeKind::SelfMade => &mut self.self_made,
            ChangeKind::TransferIn => &mut self.transfer_in,
            ChangeKind::Donation => &mut self.donation,
            ChangeKind::Surplus => &mut self.surplus,
            ChangeKind::WriteOff | ChangeKind::TransferOut => return,
        };
        slot.add(count, fen);
        self.total.add(count, fen);
    }
}

/// The reductions of a line, by how the cards left.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Reductions {
    pub write_off: Amount,
    pub transfer_out: Amount,
    pub total: Amount,
}

impl Reductions {
    pub fn get(&self, k: ChangeKind) -> Amount {
        match k {
            ChangeKind::WriteOff => self.write_off,
            ChangeKind::TransferOut => self.transfer_out,
            _ => Amount::default(),
        }
    }

    fn add(&mut self, k: ChangeKind, count: u64, fen: i64) {
        let slot = match k {
            ChangeKind::WriteOff => &mut self.write_off,
            ChangeKind::TransferOut => &mut self.transfer_out,
            _ => return,
        };
        slot.add(count, fen);
        self.total.add(count, fen);
    }
}

/// One category's line of the statement (or the total line).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The cards' category code as the register writes it (GB/T
    /// 14885-2022); `None` for the cards without one.
    pub category: Option<String>,
    /// The names of the cards in the line, in order of first appearance.
    pub names: Vec<String>,
    /// Cards in use at the start of the year.
    pub opening: Amount,
    pub additions: Additions,
    pub reductions: Reductions,
    /// Cards in use at the end of the period, from the books.
    pub closing: Amount,
}

impl Line {
    /// Opening + additions − reductions, in items and fen.
    pub fn expected_closing(&self) -> (i128, i128) {
        let count = i128::from(self.opening.count) + i128::from(self.additions.total.count)
            - i128::from(self.reductions.total.count);
        let fen = i128::from(self.opening.value_fen) + i128::from(self.additions.total.value_fen)
            - i128::from(self.reductions.total.value_fen);
        (count, fen)
    }

    /// Does opening + additions − reductions equal the closing, in items
    /// and in money?
    pub fn balanced(&self) -> bool {
        self.expected_closing()
            == (
                i128::from(self.closing.count),
                i128::from(self.closing.value_fen),
            )
    }

    fn note_name(&mut self, name: &str) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
    }

    fn is_empty(&self) -> bool {
        self.opening.is_zero()
            && self.closing.is_zero()
            && self.additions.total.is_zero()
            && self.reductions.total.is_zero()
    }
}

/// The statement of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub committee: String,
    pub year: i32,
    /// 1 January of the year.
    pub from: NaiveDate,
    /// 31 December, or "today" for a year not yet over.
    pub to: NaiveDate,
    /// The whole year (`to` is 31 December).
    pub complete: bool,
    /// One line per category, by code; the cards without one last.
    pub lines: Vec<Line>,
    /// Every line added up.
    pub total: Line,
    /// The year's acquisitions, write-offs and transfers out, in file order.
    pub changes: Vec<Change>,
    /// Events of the year dated after `to` (planned), not counted.
    pub planned: usize,
}

impl Statement {
    /// Every line and the total balance.
    pub fn balanced(&self) -> bool {
        self.total.balanced() && self.lines.iter().all(Line::balanced)
    }
}

/// Why there is no statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangesError {
    /// The year has not begun on `today`.
    NotStarted { year: i32, today: NaiveDate },
    /// Not a year a date can have.
    BadYear { year: i32 },
}

impl ChangesError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ChangesError::NotStarted { year, today } => match lang {
                Lang::Zh => format!(
                    "{year} 年度尚未开始 (今天是 {today}),没有增减变动;用 --date 指定查看日"
                ),
                Lang::En => format!(
                    "the year {year} has not begun (today is {today}): there are no changes yet; give --date for another day"
                ),
            },
            ChangesError::BadYear { year } => match lang {
                Lang::Zh => format!(
                    "年度 {year} 无效: 应在 {} 至 {} 之间",
                    crate::model::date::MIN_YEAR,
                    crate::model::date::MAX_YEAR
                ),
                Lang::En => format!(
                    "the year {year} is out of range: years {} to {}",
                    crate::model::date::MIN_YEAR,
                    crate::model::date::MAX_YEAR
                ),
            },
        }
    }
}

/// The changes statement of `year`, as the books stand on `today` (a year
/// not yet over ends on `today`, and what is dated after it is planned).
pub fn changes(reg: &Register, year: i32, today: NaiveDate) -> Result<Statement, ChangesError> {
    let bad = ChangesError::BadYear { year };
    if !(crate::model::date::MIN_YEAR..=crate::model::date::MAX_YEAR).contains(&year) {
        return Err(bad);
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(bad.clone())?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(bad)?;
    if today < from {
        return Err(ChangesError::NotStarted { year, today });
    }
    let to = end.min(today);
    let first = reg.events.partition_point(|e| e.date < from);
    let last = reg.events.partition_point(|e| e.date <= to);
    let year_end = reg.events.partition_point(|e| e.date <= end);

    // lines by category, in the order they are met (sorted at the end)
    let mut lines: Vec<Line> = Vec::new();
    let mut by_cat: HashMap<Option<String>, usize> = HashMap::new();
    let mut line_of = |cat: &Option<String>, lines: &mut Vec<Line>| -> usize {
        *by_cat.entry(cat.clone()).or_insert_with(|| {
            lines.push(Line {
                category: cat.clone(),
                ..Line::default()
            });
            lines.len() - 1
        })
    };

    let mut r = Replayer::default();
    for ev in &reg.events[..first] {
        // a loaded register replays without error; a hand-built one that
        // does not is replayed as far as it makes sense
        let _ = r.apply(ev);
    }
    for a in r.assets().iter().filter(|a| a.status.is_in_use()) {
        let k = line_of(&a.category, &mut lines);
        lines[k].opening.add(u64::from(a.count), a.value_fen());
        lines[k].note_name(&a.name);
    }

    let mut list = Vec::new();
    for ev in &reg.events[first..last] {
        let id = ev.asset.as_deref().unwrap_or_default();
        let change = match &ev.kind {
            EventKind::Acquire(a) => {
                if r.apply(ev).is_err() {
                    continue;
                }
                Some(Change {
                    date: ev.date,
                    line: ev.line,
                    asset: id.to_string(),
                    name: a.name.clone(),
                    category: a.category.clone(),
                    kind: ChangeKind::of_source(a.source),
                    count: a.count,
                    unit_value_fen: a.unit_value_fen,
                    value_fen: a.unit_value_fen.saturating_mul(i64::from(a.count)),
                    before: 0,
                    left: a.count,
                    detail: None,
                    approval: None,
                })
            }
            EventKind::WriteOff {
                reason: detail,
                approval,
                count,
            }
            | EventKind::TransferOut {
                to: detail,
                approval,
                count,
            } => {
                let Some(card) = r.asset(id).filter(|a| a.status.is_in_use()).cloned() else {
                    let _ = r.apply(ev);
                    continue;
                };
                if r.apply(ev).is_err() {
                    continue;
                }
                let n = count.unwrap_or(card.count).min(card.count);
                let kind = if matches!(ev.kind, EventKind::WriteOff { .. }) {
                    ChangeKind::WriteOff
                } else {
                    ChangeKind::TransferOut
                };
                Some(Change {
                    date: ev.date,
                    line: ev.line,
                    asset: id.to_string(),
                    name: card.name.clone(),
                    category: card.category.clone(),
                    kind,
                    count: n,
                    unit_value_fen: card.unit_value_fen,
                    // exactly n × unit: the card keeps (count − n) × unit
                    value_fen: card.unit_value_fen.saturating_mul(i64::from(n)),
                    before: card.count,
                    left: card.count - n,
                    detail: Some(detail.clone()),
                    approval: approval.clone(),
                })
            }
            _ => {
                let _ = r.apply(ev);
                None
            }
        };
        if let Some(c) = change {
            let k = line_of(&c.category, &mut lines);
            let l = &mut lines[k];
            if c.kind.is_addition() {
                l.additions.add(c.kind, u64::from(c.count), c.value_fen);
            } else {
                l.reductions.add(c.kind, u64::from(c.count), c.value_fen);
            }
            l.note_name(&c.name);
            list.push(c);
        }
    }
    for a in r.assets().iter().filter(|a| a.status.is_in_use()) {
        let k = line_of(&a.category, &mut lines);
        lines[k].closing.add(u64::from(a.count), a.value_fen());
        lines[k].note_name(&a.name);
    }

    lines.retain(|l| !l.is_empty());
    lines.sort_by(|a, b| {
        (a.category.is_none(), &a.category).cmp(&(b.category.is_none(), &b.category))
    });
    let mut total = Line::default();
    for l in &lines {
        total.opening = total.opening.plus(l.opening);
        total.closing = total.closing.plus(l.closing);
        for k in ChangeKind::ADDITIONS {
            let a = l.additions.get(k);
            total.additions.add(k, a.count, a.value_fen);
        }
        for k in ChangeKind::REDUCTIONS {
            let a = l.reductions.get(k);
            total.reductions.add(k, a.count, a.value_fen);
        }
    }
    Ok(Statement {
        committee: reg.committee.clone(),
        year,
        from,
        to,
        complete: to == end,
        lines,
        total,
        changes: list,
        planned: year_end.saturating_sub(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;
    use std::path::Path;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A committee's year: furniture and equipment on the books since 2024;
    /// in 2025 a purchase, a donation, a transfer in, self-made cabinets, a
    /// stocktake surplus, two chairs of twelve written off, one desk of four
    /// transferred out, a printer written off whole, and moves that change
    /// nothing of the statement.
    const REG: &str = r#"(format: 1, committee: "JA-CJD-014", events: [
        (date: "2024-03-01", asset: "ZC-0001", event: Acquire((source: Purchase, name: "台式计算机",
            category: "A02010105", unit_value_fen: 568000, location: "R1"))),
        (date: "2024-03-01", asset: "ZC-0002", event: Acquire((source: Purchase, name: "激光打印机",
            category: "A02021003", unit_value_fen: 189900, location: "R1"))),
        (date: "2024-03-05", asset: "ZC-0003", event: Acquire((source: TransferIn, name: "会议椅",
            category: "A05010303", unit_value_fen: 30000, count: 12, location: "R2"))),
        (date: "2024-03-05", asset: "ZC-0005", event: Acquire((source: Purchase, name: "办公桌",
            category: "A05010201", unit_value_fen: 85000, count: 4, location: "R1"))),
        (date: "2024-04-02", asset: "ZC-0004", event: Acquire((source: Donation, name: "电冰箱",
            unit_value_fen: 259900, location: "R3"))),
        (date: "2024-12-31", asset: "ZC-0001", event: Move(to: "R2")),
        (date: "2025-01-01", asset: "ZC-0006", event: Acquire((source: Purchase, name: "台式计算机",
            category: "A02010105", unit_value_fen: 498000))),
        (date: "2025-03-02", asset: "ZC-0004", event: Move(to: "R2")),
        (date: "2025-04-10", asset: "ZC-0007", event: Acquire((source: Donation, name: "液晶电视机",
            category: "A02091001", unit_value_fen: 399900))),
        (date: "2025-05-08", asset: "ZC-0008", event: Acquire((source: TransferIn, name: "会议椅",
            category: "A05010303", unit_value_fen: 30000, count: 4))),
        (date: "2025-06-10", asset: "ZC-0003", event: WriteOff(reason: "椅腿断裂", approval: "街道资产〔2025〕7号", count: 2)),
        (date: "2025-07-01", asset: "ZC-0009", event: Acquire((source: SelfMade, name: "便民服务柜",
            unit_value_fen: 33333, count: 3))),
        (date: "2025-09-01", asset: "ZC-0005", event: TransferOut(to: "JA-CJD-015", approval: "街道资产〔2025〕9号", count: 1)),
        (date: "2025-11-20", asset: "ZC-0002", event: WriteOff(reason: "主板损坏", approval: "街道资产〔2025〕15号")),
        (date: "2025-12-28", event: Stocktake(year: 2025, sheet: "count-2025.csv", by: ["沈丽萍"])),
        (date: "2025-12-28", asset: "ZC-0010", event: Acquire((source: Surplus, name: "文件柜",
            category: "A05010502", unit_value_fen: 68000))),
        (date: "2025-12-31", asset: "ZC-0003", event: WriteOff(reason: "盘亏", count: 10)),
        (date: "2026-01-02", asset: "ZC-0006", event: WriteOff(reason: "进水")),
    ])"#;

    fn reg() -> Register {
        parse_register(Path::new("r.ron"), REG).unwrap()
    }

    fn line<'a>(st: &'a Statement, cat: Option<&str>) -> &'a Line {
        st.lines
            .iter()
            .find(|l| l.category.as_deref() == cat)
            .unwrap()
    }

    #[test]
    fn a_year_opening_additions_reductions_closing() {
        let st = changes(&reg(), 2025, d("2026-03-01")).unwrap();
        assert!(st.complete && st.balanced(), "{st:#?}");
        assert_eq!((st.from, st.to), (d("2025-01-01"), d("2025-12-31")));
        // the opening: the books at the end of 2024
        assert_eq!(st.total.opening.count, 1 + 1 + 12 + 4 + 1);
        assert_eq!(
            st.total.opening.value_fen,
            568000 + 189900 + 12 * 30000 + 4 * 85000 + 259900
        );
        let a = &st.total.additions;
        assert_eq!(a.purchase.value_fen, 498000);
        assert_eq!(a.donation.value_fen, 399900);
        assert_eq!((a.transfer_in.count, a.transfer_in.value_fen), (4, 120000));
        assert_eq!((a.self_made.count, a.self_made.value_fen), (3, 99999));
        assert_eq!(a.surplus.value_fen, 68000);
        let r = &st.total.reductions;
        // 2 + 10 chairs and the printer; the desk transferred
        assert_eq!(
            (r.write_off.count, r.write_off.value_fen),
            (13, 360000 + 189900)
        );
        assert_eq!((r.transfer_out.count, r.transfer_out.value_fen), (1, 85000));
        // the 2026 write-off is not the year's
        assert_eq!(
            st.total.closing.count,
            st.total.opening.count + a.total.count - r.total.count
        );
        assert_eq!(st.changes.len(), 9);
    }

    #[test]
    fn lines_by_category_with_the_uncoded_last() {
        let st = changes(&reg(), 2025, d("2026-03-01")).unwrap();
        let cats: Vec<Option<&str>> = st.lines.iter().map(|l| l.category.as_deref()).collect();
        assert_eq!(
            cats,
            [
                Some("A02010105"),
                Some("A02021003"),
                Some("A02091001"),
                Some("A05010201"),
                Some("A05010303"),
                Some("A05010502"),
                None
            ]
        );
        for l in &st.lines {
            assert!(l.balanced(), "{l:#?}");
        }
        // the chairs: 12 at the start, 4 in, 2 + 10 written off, 4 left
        let chairs = line(&st, Some("A05010303"));
        assert_eq!(
            chairs.opening,
            Amount {
                count: 12,
                value_fen: 360000
            }
        );
        assert_eq!(chairs.additions.transfer_in.count, 4);
        assert_eq!(chairs.reductions.write_off.count, 12);
        assert_eq!(
            chairs.closing,
            Amount {
                count: 4,
                value_fen: 120000
            }
        );
        // the fridge (no code) and the self-made cabinets together
        let none = line(&st, None);
        assert_eq!(none.names, ["电冰箱", "便民服务柜"]);
        assert_eq!(none.closing.value_fen, 259900 + 99999);
        // the printer: on the books at the start, gone at the end
        let printers = line(&st, Some("A02021003"));
        assert_eq!(printers.closing, Amount::default());
        assert_eq!(printers.reductions.write_off.value_fen, 189900);
    }

    #[test]
    fn a_partial_write_off_takes_its_items_at_the_unit_value() {
        let st = changes(&reg(), 2025, d("2026-03-01")).unwrap();
        let chairs: Vec<&Change> = st.changes.iter().filter(|c| c.asset == "ZC-0003").collect();
        assert_eq!(chairs.len(), 2);
        assert_eq!(
            (
                chairs[0].count,
                chairs[0].value_fen,
                chairs[0].before,
                chairs[0].left
            ),
            (2, 60000, 12, 10)
        );
        assert!(chairs[0].is_partial());
        assert_eq!(chairs[0].detail.as_deref(), Some("椅腿断裂"));
        // the rest of the batch, later, whole: not partial
        assert_eq!((chairs[1].count, chairs[1].left), (10, 0));
        assert!(!chairs[1].is_partial());
        // one desk of four transferred out: 850.00 of 3,400.00
        let desk = st.changes.iter().find(|c| c.asset == "ZC-0005").unwrap();
        assert_eq!(
            (desk.kind, desk.value_fen, desk.left),
            (ChangeKind::TransferOut, 85000, 3)
        );
        assert_eq!(line(&st, Some("A05010201")).closing.value_fen, 3 * 85000);
    }

    #[test]
    fn a_year_not_over_ends_today_and_counts_planned_events() {
        let st = changes(&reg(), 2025, d("2025-06-30")).unwrap();
        assert!(!st.complete);
        assert_eq!(st.to, d("2025-06-30"));
        assert!(st.balanced());
        // after 30 June: the cabinets, the desk, the printer, the surplus,
        // the stocktake, the last chairs
        assert_eq!(st.planned, 6);
        assert_eq!(st.total.reductions.write_off.count, 2);
        assert!(matches!(
            changes(&reg(), 2027, d("2026-12-31")),
            Err(ChangesError::NotStarted { year: 2027, .. })
        ));
        assert!(matches!(
            changes(&reg(), 20250, d("2026-12-31")),
            Err(ChangesError::BadYear { .. })
        ));
    }

    #[test]
    fn a_year_before_the_books_and_the_first_year() {
        // before any event: nothing at all
        let st = changes(&reg(), 2023, d("2026-01-01")).unwrap();
        assert!(st.lines.is_empty() && st.changes.is_empty() && st.balanced());
        // the first year: everything is an addition, the opening is zero
        let st = changes(&reg(), 2024, d("2026-01-01")).unwrap();
        assert_eq!(st.total.opening, Amount::default());
        assert_eq!(st.total.additions.total, st.total.closing);
        assert!(st.balanced());
    }

    #[test]
    fn an_unbalanced_line_is_told() {
        let mut l = Line::default();
        l.opening.add(3, 300);
        l.additions.add(ChangeKind::Purchase, 1, 100);
        l.reductions.add(ChangeKind::WriteOff, 1, 100);
        l.closing.add(3, 300);
        assert!(l.balanced());
        l.closing.add(0, 1);
        assert!(!l.balanced(), "one fen off");
        assert_eq!(l.expected_closing(), (3, 300));
    }
}
