//! Register format 1: the ledger of dated events, read with errors that name
//! file, line and column, and written back in the documented shape.
//!
//! Reading here checks each event on its own (a date that is no calendar
//! date, a field the event does not take); the checks that need the events
//! before it are the replay's (`replay::Validator`), and
//! [`super::load`] reads a register with both. This module knows nothing of
//! the replay.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ron::value::RawValue;
use serde::{Deserialize, Deserializer, Serialize};

use crate::io::{ron_options, write_atomic, SourceError};
use crate::model::{Format1, ItemKind, Lang};

/// A committee's fixed-asset register: the committee's code and its events
/// in date order (equal dates keep file order).
#[derive(Debug, Clone, PartialEq)]
pub struct Register {
    /// The file it was read from (count sheets are found next to it).
    pub path: PathBuf,
    pub committee: String,
    pub events: Vec<Event>,
}

/// One dated event of the ledger, with where it stands in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: NaiveDate,
    /// The asset card the event concerns (`None` for stocktakes, term
    /// changes and handovers, which concern the whole register).
    pub asset: Option<String>,
    pub kind: EventKind,
    /// 1-based line and column of the event's opening parenthesis.
    pub line: usize,
    pub col: usize,
}

/// How an asset came onto the books.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Source {
    /// 添置
    Purchase,
    /// 自制
    SelfMade,
    /// 调拨 (transferred in)
    TransferIn,
    /// 受赠
    Donation,
    /// 盘盈 (found at a stocktake, not on the books)
    Surplus,
}

impl Source {
    pub const ALL: [Source; 5] = [
        Source::Purchase,
        Source::SelfMade,
        Source::TransferIn,
        Source::Donation,
        Source::Surplus,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            Source::Purchase => "添置",
            Source::SelfMade => "自制",
            Source::TransferIn => "调拨",
            Source::Donation => "受赠",
            Source::Surplus => "盘盈",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Source::Purchase => "purchase",
            Source::SelfMade => "self-made",
            Source::TransferIn => "transfer in",
            Source::Donation => "donation",
            Source::Surplus => "stocktake surplus",
        }
    }
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }
    pub fn ident(self) -> &'static str {
        match self {
            Source::Purchase => "Purchase",
            Source::SelfMade => "SelfMade",
            Source::TransferIn => "TransferIn",
            Source::Donation => "Donation",
            Source::Surplus => "Surplus",
        }
    }
}

/// The card opened by an acquisition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acquire {
    pub source: Source,
    pub name: String,
    /// An item kind of the plan format, when the asset is one.
    #[serde(default)]
    pub kind: Option<ItemKind>,
    /// GB/T 14885-2022 code, when known.
    #[serde(default)]
    pub category: Option<String>,
    /// 专用设备 rather than general equipment: the card's class, kept and
    /// shown; no rule reads it since rules revision 2.
    #[serde(default)]
    pub special: bool,
    /// Value of one item, in fen.
    pub unit_value_fen: i64,
    /// A batch of like items (e.g. 20 chairs) is one card.
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub custodian: Option<String>,
    /// A room id of the committee's plan.
    #[serde(default)]
    pub location: Option<String>,
}

fn one() -> u32 {
    1
}

/// Who holds a seal (附件1 3.4.5): the committee, or the street after a
/// collective recall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Custody {
    /// 居委会保管
    #[default]
    Committee,
    /// 街道(镇)代管
    Street,
}

impl Custody {
    pub fn ident(self) -> &'static str {
        match self {
            Custody::Committee => "Committee",
            Custody::Street => "Street",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Custody::Committee => "居委会保管",
            Custody::Street => "街道代管",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Custody::Committee => "kept by the committee",
            Custody::Street => "in the street's custody",
        }
    }
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }
}

/// What a `SealChange` does to a seal (附件1 3.4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SealChangeKind {
    /// 更换: a new seal in place of the old one, same id in the register.
    Replace,
    /// 变更: the seal's wording changes (e.g. the committee's new name).
    Alter,
    /// 销毁: the seal is destroyed; it can no longer be used.
    Destroy,
}

impl SealChangeKind {
    pub fn ident(self) -> &'static str {
        match self {
            SealChangeKind::Replace => "Replace",
            SealChangeKind::Alter => "Alter",
            SealChangeKind::Destroy => "Destroy",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            SealChangeKind::Replace => "印章更换",
            SealChangeKind::Alter => "印章变更",
            SealChangeKind::Destroy => "印章销毁",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            SealChangeKind::Replace => "seal replaced",
            SealChangeKind::Alter => "seal altered",
            SealChangeKind::Destroy => "seal destroyed",
        }
    }
}

/// A seal is made (刻制) and enters the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealMade {
    /// The seal's id in the register (free text, unique per committee).
    pub seal: String,
    /// What the seal reads, e.g. `华业居委会`.
    pub name: String,
    /// The person designated to keep it (3.4.1 指定专人保管).
    #[serde(default)]
    pub keeper: Option<String>,
    /// The street's reference for the making (3.4.4 通过街道统一办理).
    #[serde(default)]
    pub street_ref: Option<String>,
}

/// A new keeper is designated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealKeeper {
    pub seal: String,
    pub to: String,
}

/// One entry of the seal-use log (用印登记).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealUse {
    pub seal: String,
    /// The matter's number in the 附件5 list the profile holds.
    #[serde(default)]
    pub matter: Option<u32>,
    /// Who approved the use (审批).
    #[serde(default)]
    pub approved_by: Option<String>,
    /// What was sealed, e.g. `寄宿证明 王某某`.
    #[serde(default)]
    pub purpose: Option<String>,
}

/// A seal is replaced, altered or destroyed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealChange {
    pub seal: String,
    pub change: SealChangeKind,
    #[serde(default)]
    pub street_ref: Option<String>,
    /// What the seal reads after a Replace or Alter (extension; absent: as
    /// before).
    #[serde(default)]
    pub name: Option<String>,
}

/// The committee's members are collectively recalled during their term
/// (届内被集体罢免, 3.4.5): the seals go to the street until the next election.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recall {
    #[serde(default)]
    pub street_ref: Option<String>,
}

/// A seal passes into the street's custody or back to the committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealCustody {
    pub seal: String,
    pub to: Custody,
}

/// What happened. The variants and fields of format 1; `count` on
/// `TransferOut` and `WriteOff` is an extension for part of a batch (absent:
/// the whole card), and `approval` may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EventKind {
    Acquire(Acquire),
    Move {
        to: String,
    },
    Custodian {
        to: String,
    },
    TransferOut {
        to: String,
        #[serde(default)]
        approval: Option<String>,
        #[serde(default)]
        count: Option<u32>,
    },
    WriteOff {
        reason: String,
        #[serde(default)]
        approval: Option<String>,
        #[serde(default)]
        count: Option<u32>,
    },
    Stocktake {
        year: i32,
        sheet: String,
        #[serde(default)]
        by: Vec<String>,
    },
    TermChange {
        #[serde(deserialize_with = "de_date")]
        election: NaiveDate,
    },
    Handover {
        outgoing: String,
        incoming: String,
        #[serde(default)]
        assets: Vec<String>,
        #[serde(default, deserialize_with = "de_opt_date")]
        seal: Option<NaiveDate>,
    },
    SealMade(SealMade),
    SealKeeper(SealKeeper),
    SealUse(SealUse),
    SealChange(SealChange),
    Recall(Recall),
    SealCustody(SealCustody),
}

impl EventKind {
    /// The identifier used in files.
    pub fn ident(&self) -> &'static str {
        match self {
            EventKind::Acquire(_) => "Acquire",
            EventKind::Move { .. } => "Move",
            EventKind::Custodian { .. } => "Custodian",
            EventKind::TransferOut { .. } => "TransferOut",
            EventKind::WriteOff { .. } => "WriteOff",
            EventKind::Stocktake { .. } => "Stocktake",
            EventKind::TermChange { .. } => "TermChange",
            EventKind::Handover { .. } => "Handover",
            EventKind::SealMade(_) => "SealMade",
            EventKind::SealKeeper(_) => "SealKeeper",
            EventKind::SealUse(_) => "SealUse",
            EventKind::SealChange(_) => "SealChange",
            EventKind::Recall(_) => "Recall",
            EventKind::SealCustody(_) => "SealCustody",
        }
    }

    /// Does this kind of event concern one asset card (and so need `asset`)?
    pub fn is_per_asset(&self) -> bool {
        matches!(
            self,
            EventKind::Acquire(_)
                | EventKind::Move { .. }
                | EventKind::Custodian { .. }
                | EventKind::TransferOut { .. }
                | EventKind::WriteOff { .. }
        )
    }

    /// The seal the event concerns, for the events of one seal.
    pub fn seal(&self) -> Option<&str> {
        match self {
            EventKind::SealMade(e) => Some(&e.seal),
            EventKind::SealKeeper(e) => Some(&e.seal),
            EventKind::SealUse(e) => Some(&e.seal),
            EventKind::SealChange(e) => Some(&e.seal),
            EventKind::SealCustody(e) => Some(&e.seal),
            _ => None,
        }
    }

    pub fn name_zh(&self) -> &'static str {
        match self {
            EventKind::Acquire(_) => "入账",
            EventKind::Move { .. } => "变更存放地点",
            EventKind::Custodian { .. } => "变更保管人",
            EventKind::TransferOut { .. } => "调出",
            EventKind::WriteOff { .. } => "报损",
            EventKind::Stocktake { .. } => "年底清点",
            EventKind::TermChange { .. } => "换届",
            EventKind::Handover { .. } => "换届移交",
            EventKind::SealMade(_) => "印章刻制",
            EventKind::SealKeeper(_) => "印章保管人",
            EventKind::SealUse(_) => "用印",
            EventKind::SealChange(c) => c.change.name_zh(),
            EventKind::Recall(_) => "集体罢免",
            EventKind::SealCustody(c) => match c.to {
                Custody::Street => "印章交街道代管",
                Custody::Committee => "印章交还居委会",
            },
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EventKind::Acquire(_) => "acquisition",
            EventKind::Move { .. } => "move",
            EventKind::Custodian { .. } => "new custodian",
            EventKind::TransferOut { .. } => "transfer out",
            EventKind::WriteOff { .. } => "write-off",
            EventKind::Stocktake { .. } => "stocktake",
            EventKind::TermChange { .. } => "term change",
            EventKind::Handover { .. } => "handover",
            EventKind::SealMade(_) => "seal made",
            EventKind::SealKeeper(_) => "seal keeper",
            EventKind::SealUse(_) => "seal used",
            EventKind::SealChange(c) => c.change.name_en(),
            EventKind::Recall(_) => "collective recall",
            EventKind::SealCustody(c) => match c.to {
                Custody::Street => "seal to the street",
                Custody::Committee => "seal returned",
            },
        }
    }
}

impl Event {
    /// One line describing the event, in the chosen language.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match &self.kind {
            EventKind::Acquire(a) => {
                let mut s = if zh {
                    format!(
                        "{}入账: {} ×{},单价 {} 元",
                        a.source.name_zh(),
                        a.name,
                        a.count,
                        super::yuan(a.unit_value_fen)
                    )
                } else {
                    format!(
                        "acquired ({}): {} ×{}, {} yuan each",
                        a.source.name_en(),
                        a.name,
                        a.count,
                        super::yuan(a.unit_value_fen)
                    )
                };
                if let Some(c) = &a.custodian {
                    let _ = write!(s, "{}{c}", lang.pick(",保管人 ", ", custodian "));
                }
                if let Some(l) = &a.location {
                    let _ = write!(s, "{}{l}", lang.pick(",存放于 ", ", in "));
                }
                s
            }
            EventKind::Move { to } => format!("{}{to}", lang.pick("移至 ", "moved to ")),
            EventKind::Custodian { to } => {
                format!("{}{to}", lang.pick("保管人改为 ", "custodian now "))
            }
            EventKind::TransferOut {
                to,
                approval,
                count,
            } => {
                let mut s = format!("{}{to}", lang.pick("调出至 ", "transferred out to "));
                if let Some(n) = count {
                    let _ = write!(s, " ×{n}");
                }
                if let Some(a) = approval {
                    let _ = write!(s, "{}{a}", lang.pick(",批准文号 ", ", approval "));
                }
                s
            }
            EventKind::WriteOff {
                reason,
                approval,
                count,
            } => {
                let mut s = format!("{}{reason}", lang.pick("报损: ", "written off: "));
                if let Some(n) = count {
                    let _ = write!(s, " ×{n}");
                }
                if let Some(a) = approval {
                    let _ = write!(s, "{}{a}", lang.pick(",批准文号 ", ", approval "));
                }
                s
            }
            EventKind::Stocktake { year, sheet, by } => {
                if zh {
                    format!("{year}年度清点,盘点表 {sheet},盘点人 {}", by.join("、"))
                } else {
                    format!("stocktake {year}, sheet {sheet}, by {}", by.join(", "))
                }
            }
            EventKind::TermChange { election } => {
                format!("{}{election}", lang.pick("换届选举 ", "election on "))
            }
            EventKind::Handover {
                outgoing,
                incoming,
                assets,
                seal,
            } => {
                let mut s = if zh {
                    format!("换届移交: {outgoing} → {incoming},{} 项资产", assets.len())
                } else {
                    format!("handover: {outgoing} → {incoming}, {} assets", assets.len())
                };
                match seal {
                    Some(d) => {
                        let _ = write!(s, "{}{d}", lang.pick(",印章移交 ", ", seal on "));
                    }
                    None => s.push_str(lang.pick(",未记录印章移交", ", no seal handover")),
                }
                s
            }
            EventKind::SealMade(m) => {
                let mut s = if zh {
                    format!("刻制印章 {}「{}」", m.seal, m.name)
                } else {
                    format!("seal {} made: 「{}」", m.seal, m.name)
                };
                match &m.keeper {
                    Some(k) => {
                        let _ = write!(s, "{}{k}", lang.pick(",保管人 ", ", keeper "));
                    }
                    None => s.push_str(lang.pick(",未指定保管人", ", no keeper named")),
                }
                push_street_ref(&mut s, m.street_ref.as_deref(), lang);
                s
            }
            EventKind::SealKeeper(k) => {
                if zh {
                    format!("印章 {} 保管人改为 {}", k.seal, k.to)
                } else {
                    format!("seal {} now kept by {}", k.seal, k.to)
                }
            }
            EventKind::SealUse(u) => {
                let mut s = match u.matter {
                    Some(n) => {
                        if zh {
                            format!("印章 {} 用印,事项 {n}", u.seal)
                        } else {
                            format!("seal {} used, matter {n}", u.seal)
                        }
                    }
                    None => {
                        if zh {
                            format!("印章 {} 用印,未写事项", u.seal)
                        } else {
                            format!("seal {} used, no matter given", u.seal)
                        }
                    }
                };
                if let Some(p) = u.purpose.as_deref().filter(|p| !p.trim().is_empty()) {
                    let _ = write!(s, "{}{p}", lang.pick(": ", ": "));
                }
                match u.approved_by.as_deref().filter(|a| !a.trim().is_empty()) {
                    Some(a) => {
                        let _ = write!(s, "{}{a}", lang.pick(",审批人 ", ", approved by "));
                    }
                    None => s.push_str(lang.pick(",无审批人", ", no approver")),
                }
                s
            }
            EventKind::SealChange(c) => {
                let mut s = format!(
                    "{} {}",
                    lang.pick(c.change.name_zh(), c.change.name_en()),
                    c.seal
                );
                if let Some(n) = &c.name {
                    let _ = write!(s, "{}「{n}」", lang.pick(",新印文 ", ", now reads "));
                }
                push_street_ref(&mut s, c.street_ref.as_deref(), lang);
                s
            }
            EventKind::Recall(r) => {
                let mut s = lang
                    .pick(
                        "居委会成员届内被集体罢免,印章由街道暂时代管",
                        "committee members collectively recalled: the seals go to the street",
                    )
                    .to_string();
                if let Some(r) = r.street_ref.as_deref().filter(|r| !r.trim().is_empty()) {
                    let _ = write!(s, "{}{r}", lang.pick(",文号 ", ", ref. "));
                }
                s
            }
            EventKind::SealCustody(c) => match (c.to, zh) {
                (Custody::Street, true) => format!("印章 {} 交街道暂时代管", c.seal),
                (Custody::Street, false) => format!("seal {} passes to the street", c.seal),
                (Custody::Committee, true) => format!("印章 {} 交还居委会", c.seal),
                (Custody::Committee, false) => {
                    format!("seal {} returned to the committee", c.seal)
                }
            },
        }
    }
}

/// The street's reference of a seal event, or that there is none.
fn push_street_ref(s: &mut String, r: Option<&str>, lang: Lang) {
    match r.filter(|r| !r.trim().is_empty()) {
        Some(r) => {
            let _ = write!(s, "{}{r}", lang.pick(",街道文号 ", ", street ref. "));
        }
        None => s.push_str(lang.pick(",无街道文号", ", no street reference")),
    }
}

const SEP: char = '\u{1f}';

fn bilingual_error<E: serde::de::Error>(zh: String, en: String) -> E {
    E::custom(format!("{zh}{SEP}{en}"))
}

fn parse_date<E: serde::de::Error>(s: &str) -> Result<NaiveDate, E> {
    let ok_shape = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if ok_shape && !crate::model::date::in_range(d) => Err(bilingual_error(
            format!(
                "日期 \"{s}\" 超出范围: 年份应在 {} 至 {} 之间",
                crate::model::date::MIN_YEAR,
                crate::model::date::MAX_YEAR
            ),
            format!(
                "the date \"{s}\" is out of range: years {} to {}",
                crate::model::date::MIN_YEAR,
                crate::model::date::MAX_YEAR
            ),
        )),
        Ok(d) if ok_shape => Ok(d),
        _ => Err(bilingual_error(
            format!("日期 \"{s}\" 无效: 应为实际存在的日期,写作 YYYY-MM-DD"),
            format!("\"{s}\" is not a calendar date written YYYY-MM-DD"),
        )),
    }
}

fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s)
}

fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(d)? {
        Some(s) => parse_date(&s).map(Some),
        None => Ok(None),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRaw<'a> {
    #[allow(dead_code)]
    format: Format1,
    committee: String,
    #[serde(borrow, default)]
    events: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRecord {
    #[serde(deserialize_with = "de_date")]
    date: NaiveDate,
    #[serde(default)]
    asset: Option<String>,
    event: EventKind,
}

/// Converts a RON error inside a slice starting at `(line0, col0)` of the file.
fn ron_error(path: &Path, e: &ron::error::SpannedError, line0: usize, col0: usize) -> SourceError {
    let (line, col) = if e.span.start.line <= 1 {
        (line0, col0 + e.span.start.col.max(1) - 1)
    } else {
        (line0 + e.span.start.line - 1, e.span.start.col.max(1))
    };
    if let ron::Error::Message(m) = &e.code {
        if let Some((zh, en)) = m.split_once(SEP) {
            return SourceError::new(path, line, col, zh, en);
        }
    }
    let detail = e.code.to_string();
    SourceError::new(
        path,
        line,
        col,
        format!(
            "无法解析: {}",
            crate::io::describe_ron_error_zh(&e.code, &detail)
        ),
        detail,
    )
}

/// Line and column of increasing byte offsets, without rescanning the text.
struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            return crate::io::line_col(self.text, offset);
        }
        let chunk = &self.text.as_bytes()[self.offset..offset];
        for (i, b) in chunk.iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let col = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, col)
    }
}

/// Where an event's text sits in the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The most a register may hold in all, in fen: 2^53 − 1 (about 90 trillion
/// yuan), the largest sum a spreadsheet still shows exactly. Every card ever
/// acquired counts, so no total of cards (in use, per custodian, handed
/// over) can overflow; a register beyond it is refused at the Acquire that
/// crosses it (`docs/limits.md`).
pub const MAX_TOTAL_FEN: i64 = (1 << 53) - 1;

/// The earliest year a stocktake may be for.
pub const MIN_STOCKTAKE_YEAR: i32 = 1949;

/// The file's fields other than its events, read from its text with the
/// events list emptied (the fast path: the events are read apart).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileHead {
    #[allow(dead_code)]
    format: Format1,
    committee: String,
    #[serde(default)]
    events: Vec<serde::de::IgnoredAny>,
}

/// The committee of a register's text, read (with the other fields but
/// the events) from the text around its events list, which the fast
/// reader found at `open` and `close`; `None` when the RON reader would
/// not take the fields or the list is not the file's one list of events.
pub(crate) fn read_head(text: &str, open: usize, close: usize) -> Option<String> {
    let mut head = String::with_capacity(open + 1 + text.len() - close);
    head.push_str(&text[..=open]);
    head.push_str(&text[close..]);
    let head: FileHead = ron_options().from_str(&head).ok()?;
    head.events.is_empty().then_some(head.committee)
}

/// The events read by the fast reader ([`super::fast`]), or `None` when
/// the text has anything it does not know (the RON reader then reads it
/// all, and says what is wrong).
fn read_fast(text: &str) -> Option<(String, Vec<Event>, Vec<Span>)> {
    let list = super::fast::split_events(text)?;
    let mut head = String::with_capacity(list.open + 1 + text.len() - list.close);
    head.push_str(&text[..=list.open]);
    head.push_str(&text[list.close..]);
    let head: FileHead = ron_options().from_str(&head).ok()?;
    if !head.events.is_empty() {
        return None;
    }
    let mut cursor = Cursor::new(text);
    let mut events = Vec::with_capacity(list.elems.len());
    let mut spans = Vec::with_capacity(list.elems.len());
    for (&(start, end), (date, asset, kind)) in list.elems.iter().zip(list.events) {
        let (line, col) = cursor.at(start);
        events.push(Event {
            date,
            asset,
            kind,
            line,
            col,
        });
        spans.push(Span { start, end });
    }
    Some((head.committee, events, spans))
}

/// The events read by the RON reader, with located errors.
fn read_ron(path: &Path, text: &str) -> Result<(String, Vec<Event>, Vec<Span>), SourceError> {
    let raw: FileRaw = ron_options()
        .from_str(text)
        .map_err(|e| ron_error(path, &e, 1, 1))?;
    if raw.committee.trim().is_empty() {
        return Ok((raw.committee, Vec::new(), Vec::new()));
    }
    let base = text.as_ptr() as usize;
    let mut cursor = Cursor::new(text);
    let mut events = Vec::with_capacity(raw.events.len());
    let mut spans = Vec::with_capacity(raw.events.len());
    for rv in &raw.events {
        let trimmed = rv.trim();
        let src = trimmed.get_ron();
        let start = src.as_ptr() as usize - base;
        let (line, col) = cursor.at(start);
        let rec: EventRecord = ron_options()
            .from_str(src)
            .map_err(|e| ron_error(path, &e, line, col))?;
        events.push(Event {
            date: rec.date,
            asset: rec.asset,
            kind: rec.event,
            line,
            col,
        });
        spans.push(Span {
            start,
            end: start + src.len(),
        });
    }
    Ok((raw.committee, events, spans))
}

/// Read a register's text (format 1) without checking its events against
/// each other: the register, and where each event's text sits. The checks
/// that need the events' history are the replay's ([`super::replay`]);
/// [`super::load`] reads a register with them.
pub(crate) fn read_register(path: &Path, text: &str) -> Result<(Register, Vec<Span>), SourceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (committee, events, spans) = match read_fast(text) {
        Some(r) => r,
        None => read_ron(path, text)?,
    };
    if committee.trim().is_empty() {
        let (l, c) = crate::io::locate(text, "committee", 0).unwrap_or((1, 1));
        return Err(SourceError::new(
            path,
            l,
            c,
            "居委会编号 committee 不能为空",
            "the committee code must not be empty",
        ));
    }
    let reg = Register {
        path: path.to_path_buf(),
        committee,
        events,
    };
    Ok((reg, spans))
}

/// Place of the `nth` quoted occurrence of `value` inside an event's text,
/// else of the event itself.
pub(crate) fn place_in(
    text: &str,
    span: &Span,
    ev: &Event,
    value: &str,
    nth: usize,
) -> (usize, usize) {
    let quoted = ron::to_string(value).unwrap_or_else(|_| format!("\"{value}\""));
    let slice = &text[span.start..span.end];
    match slice.match_indices(&quoted).nth(nth) {
        Some((o, _)) => crate::io::line_col(text, span.start + o),
        None => (ev.line, ev.col),
    }
}

/// Place of a field key (e.g. `count`) inside an event's text.
pub(crate) fn place_of_key(text: &str, span: &Span, ev: &Event, key: &str) -> (usize, usize) {
    let slice = &text[span.start..span.end];
    let mut from = 0;
    while let Some(o) = slice[from..].find(key) {
        let at = from + o;
        let before_ok = at == 0
            || !slice.as_bytes()[at - 1].is_ascii_alphanumeric()
                && slice.as_bytes()[at - 1] != b'_';
        let after = slice[at + key.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return crate::io::line_col(text, span.start + at);
        }
        from = at + key.len();
    }
    (ev.line, ev.col)
}

/// Checks of one event that need no history.
pub(crate) fn check_fields(
    path: &Path,
    text: &str,
    span: &Span,
    ev: &Event,
) -> Result<(), SourceError> {
    let fail = |at: (usize, usize), zh: String, en: String| {
        Err(SourceError::new(path, at.0, at.1, zh, en))
    };
    let kind = ev.kind.ident();
    match (&ev.asset, ev.kind.is_per_asset()) {
        (None, true) => {
            return fail(
                (ev.line, ev.col),
                format!("{kind} 事件须写明资产编号 asset"),
                format!("a {kind} event needs the asset it concerns (asset: \"…\")"),
            )
        }
        (Some(_), false) => {
            return fail(
                place_of_key(text, span, ev, "asset"),
                format!("{kind} 事件针对整本台账,不应写 asset 字段"),
                format!("a {kind} event concerns the whole register: remove its asset field"),
            )
        }
        (Some(id), true) if id.trim().is_empty() => {
            return fail(
                place_of_key(text, span, ev, "asset"),
                "资产编号不能为空".into(),
                "an asset id must not be empty".into(),
            )
        }
        _ => {}
    }
    let empty = |key: &str, zh: &str, en: &str| {
        fail(
            place_of_key(text, span, ev, key),
            format!("{zh}不能为空"),
            format!("{en} must not be empty"),
        )
    };
    match &ev.kind {
        EventKind::Acquire(a) => {
            if a.name.trim().is_empty() {
                return empty("name", "资产名称 name ", "the asset's name");
            }
            if a.count == 0 {
                return fail(
                    place_of_key(text, span, ev, "count"),
                    "数量 count 至少为 1".into(),
                    "count must be at least 1".into(),
                );
            }
            if a.unit_value_fen < 0 {
                return fail(
                    place_of_key(text, span, ev, "unit_value_fen"),
                    "单价 unit_value_fen 不能为负数".into(),
                    "unit_value_fen must not be negative".into(),
                );
            }
            if a.unit_value_fen.checked_mul(i64::from(a.count)).is_none() {
                return fail(
                    place_of_key(text, span, ev, "unit_value_fen"),
                    "金额超出范围".into(),
                    "the card's total value is out of range".into(),
                );
            }
            if a.custodian.as_deref().is_some_and(|c| c.trim().is_empty()) {
                return empty("custodian", "保管人 custodian ", "custodian");
            }
            if a.location.as_deref().is_some_and(|c| c.trim().is_empty()) {
                return empty("location", "存放地点 location ", "location");
            }
        }
        EventKind::Move { to } if to.trim().is_empty() => {
            return empty("to", "存放地点 to ", "the room moved to");
        }
        EventKind::Custodian { to } if to.trim().is_empty() => {
            return empty("to", "保管人 to ", "the new custodian");
        }
        EventKind::TransferOut { count: Some(0), .. }
        | EventKind::WriteOff { count: Some(0), .. } => {
            return fail(
                place_of_key(text, span, ev, "count"),
                "数量 count 至少为 1".into(),
                "count must be at least 1".into(),
            );
        }
        EventKind::SealMade(_)
        | EventKind::SealKeeper(_)
        | EventKind::SealUse(_)
        | EventKind::SealChange(_)
        | EventKind::SealCustody(_)
            if ev.kind.seal().is_some_and(|id| id.trim().is_empty()) =>
        {
            return empty("seal", "印章编号 seal ", "the seal id");
        }
        EventKind::SealMade(m) => {
            if m.name.trim().is_empty() {
                return empty("name", "印文 name ", "the seal's name");
            }
            if m.keeper.as_deref().is_some_and(|k| k.trim().is_empty()) {
                return empty("keeper", "保管人 keeper ", "keeper");
            }
        }
        EventKind::SealKeeper(k) if k.to.trim().is_empty() => {
            return empty("to", "保管人 to ", "the new keeper");
        }
        EventKind::SealChange(c) if c.name.as_deref().is_some_and(|n| n.trim().is_empty()) => {
            return empty("name", "印文 name ", "the seal's new name");
        }
        EventKind::Stocktake { year, sheet, .. } => {
            if sheet.trim().is_empty() {
                return empty("sheet", "盘点表 sheet ", "the count sheet");
            }
            if *year > chrono::Datelike::year(&ev.date) || *year < MIN_STOCKTAKE_YEAR {
                return fail(
                    place_of_key(text, span, ev, "year"),
                    format!(
                        "{} 的清点不能记为 {year} 年度(年度应在 {MIN_STOCKTAKE_YEAR} 至 {} 之间)",
                        ev.date,
                        chrono::Datelike::year(&ev.date)
                    ),
                    format!(
                        "a stocktake on {} cannot be for the year {year} (the year is between {MIN_STOCKTAKE_YEAR} and {})",
                        ev.date,
                        chrono::Datelike::year(&ev.date)
                    ),
                );
            }
        }
        _ => {}
    }
    Ok(())
}

fn q(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// The register as format-1 RON text: one event a line (acquisitions spread
/// over a few), optional fields bare, absent ones left out.
pub fn register_to_string(reg: &Register) -> String {
    write_register(reg, |_, _| {})
}

/// [`register_to_string`], calling `after(i, s)` right after the closing
/// line of event `i` is written (the chain's stamps are written there:
/// [`super::chain::register_to_string_stamped`]).
pub(crate) fn write_register(reg: &Register, mut after: impl FnMut(usize, &mut String)) -> String {
    let mut s = String::with_capacity(64 + reg.events.len() * 96);
    let _ = writeln!(
        s,
        "(\n    format: 1,\n    committee: {},\n    events: [",
        q(&reg.committee)
    );
    for (i, ev) in reg.events.iter().enumerate() {
        write_event(&mut s, ev);
        after(i, &mut s);
    }
    s.push_str("    ],\n)\n");
    s
}

/// One event as [`register_to_string`] writes it, its closing line included.
fn write_event(s: &mut String, ev: &Event) {
    let _ = write!(s, "        (date: \"{}\", ", ev.date);
    if let Some(a) = &ev.asset {
        let _ = write!(s, "asset: {}, ", q(a));
    }
    s.push_str("event: ");
    match &ev.kind {
        EventKind::Acquire(a) => {
            let _ = writeln!(s, "Acquire((");
            let _ = writeln!(s, "            source: {},", a.source.ident());
            let _ = writeln!(s, "            name: {},", q(&a.name));
            if let Some(k) = a.kind {
                let _ = writeln!(s, "            kind: {},", k.ident());
            }
            if let Some(c) = &a.category {
                let _ = writeln!(s, "            category: {},", q(c));
            }
            if a.special {
                let _ = writeln!(s, "            special: true,");
            }
            let _ = writeln!(s, "            unit_value_fen: {},", a.unit_value_fen);
            if a.count != 1 {
                let _ = writeln!(s, "            count: {},", a.count);
            }
            if let Some(c) = &a.custodian {
                let _ = writeln!(s, "            custodian: {},", q(c));
            }
            if let Some(l) = &a.location {
                let _ = writeln!(s, "            location: {},", q(l));
            }
            s.push_str("        ))),\n");
        }
        EventKind::Move { to } => {
            let _ = writeln!(s, "Move(to: {})),", q(to));
        }
        EventKind::Custodian { to } => {
            let _ = writeln!(s, "Custodian(to: {})),", q(to));
        }
        EventKind::TransferOut {
            to,
            approval,
            count,
        } => {
            let _ = write!(s, "TransferOut(to: {}", q(to));
            if let Some(a) = approval {
                let _ = write!(s, ", approval: {}", q(a));
            }
            if let Some(n) = count {
                let _ = write!(s, ", count: {n}");
            }
            s.push_str(")),\n");
        }
        EventKind::WriteOff {
            reason,
            approval,
            count,
        } => {
            let _ = write!(s, "WriteOff(reason: {}", q(reason));
            if let Some(a) = approval {
                let _ = write!(s, ", approval: {}", q(a));
            }
            if let Some(n) = count {
                let _ = write!(s, ", count: {n}");
            }
            s.push_str(")),\n");
        }
        EventKind::Stocktake { year, sheet, by } => {
            let by: Vec<String> = by.iter().map(|b| q(b)).collect();
            let _ = writeln!(
                s,
                "Stocktake(year: {year}, sheet: {}, by: [{}])),",
                q(sheet),
                by.join(", ")
            );
        }
        EventKind::TermChange { election } => {
            let _ = writeln!(s, "TermChange(election: \"{election}\")),");
        }
        EventKind::Handover {
            outgoing,
            incoming,
            assets,
            seal,
        } => {
            let ids: Vec<String> = assets.iter().map(|b| q(b)).collect();
            let _ = write!(
                s,
                "Handover(\n            outgoing: {}, incoming: {},\n            assets: [{}],\n",
                q(outgoing),
                q(incoming),
                ids.join(", ")
            );
            if let Some(d) = seal {
                let _ = writeln!(s, "            seal: \"{d}\",");
            }
            s.push_str("        )),\n");
        }
        EventKind::SealMade(m) => {
            let _ = write!(s, "SealMade((seal: {}, name: {}", q(&m.seal), q(&m.name));
            if let Some(k) = &m.keeper {
                let _ = write!(s, ", keeper: {}", q(k));
            }
            if let Some(r) = &m.street_ref {
                let _ = write!(s, ", street_ref: {}", q(r));
            }
            s.push_str("))),\n");
        }
        EventKind::SealKeeper(k) => {
            let _ = writeln!(s, "SealKeeper((seal: {}, to: {}))),", q(&k.seal), q(&k.to));
        }
        EventKind::SealUse(u) => {
            let _ = write!(s, "SealUse((seal: {}", q(&u.seal));
            if let Some(n) = u.matter {
                let _ = write!(s, ", matter: {n}");
            }
            if let Some(a) = &u.approved_by {
                let _ = write!(s, ", approved_by: {}", q(a));
            }
            if let Some(p) = &u.purpose {
                let _ = write!(s, ", purpose: {}", q(p));
            }
            s.push_str("))),\n");
        }
        EventKind::SealChange(c) => {
            let _ = write!(
                s,
                "SealChange((seal: {}, change: {}",
                q(&c.seal),
                c.change.ident()
            );
            if let Some(r) = &c.street_ref {
                let _ = write!(s, ", street_ref: {}", q(r));
            }
            if let Some(n) = &c.name {
                let _ = write!(s, ", name: {}", q(n));
            }
            s.push_str("))),\n");
        }
        EventKind::Recall(r) => {
            s.push_str("Recall((");
            if let Some(r) = &r.street_ref {
                let _ = write!(s, "street_ref: {}", q(r));
            }
            s.push_str("))),\n");
        }
        EventKind::SealCustody(c) => {
            let _ = writeln!(
                s,
                "SealCustody((seal: {}, to: {}))),",
                q(&c.seal),
                c.to.ident()
            );
        }
    }
}

/// Save atomically: a crash mid-save leaves the previous file intact.
pub fn save_register(path: &Path, reg: &Register) -> std::io::Result<()> {
    write_atomic(path, register_to_string(reg).as_bytes())
}

impl Register {
    /// The folder count sheets are read from: the register's own.
    pub fn base_dir(&self) -> &Path {
        match self.path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    }

    /// Every event that concerns the asset: its own events and the
    /// handovers that list it, in file order.
    pub fn history(&self, id: &str) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| match &e.kind {
                EventKind::Handover { assets, .. } => assets.iter().any(|a| a == id),
                _ => e.asset.as_deref() == Some(id),
            })
            .collect()
    }

    /// Events dated after `today`: planned, not yet facts.
    pub fn planned(&self, today: NaiveDate) -> &[Event] {
        let first = self.events.partition_point(|e| e.date <= today);
        &self.events[first..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::parse_register;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/register/spec-example.register.ron");

    fn err(text: &str) -> SourceError {
        parse_register(Path::new("r.ron"), text).unwrap_err()
    }

    /// Both readers on one text: when the fast one reads it, the RON one
    /// reads the very same events, lines, columns and spans.
    fn same_reading(text: &str) -> bool {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let fast = read_fast(text);
        let slow = read_ron(Path::new("r.ron"), text);
        match (fast, slow) {
            (None, _) => false,
            (Some((c, e, s)), Ok((c2, e2, s2))) => {
                assert_eq!(c, c2, "{text}");
                assert_eq!(e, e2, "{text}");
                let sp = |s: &[Span]| s.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>();
                assert_eq!(sp(&s), sp(&s2), "{text}");
                true
            }
            (Some(f), Err(e)) => {
                panic!("the fast reader took what RON refuses ({e}): {f:?}\n{text}")
            }
        }
    }

    fn register_files() -> Vec<std::path::PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("plans"), root.join("tests/fixtures/register")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if d.starts_with(root.join("plans")) {
                    if p.to_string_lossy().ends_with(".register.ron") {
                        files.push(p);
                    }
                } else if p.extension().is_some_and(|x| x == "ron") {
                    files.push(p);
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_fast_reader_reads_every_sample_and_fixture_as_ron_does() {
        let files = register_files();
        assert!(files.len() > 40, "{files:?}");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            assert!(
                same_reading(&text),
                "{}: the fast reader should know every shape juwei and the samples write",
                f.display()
            );
        }
    }

    #[test]
    fn the_fast_reader_never_takes_what_ron_refuses_or_reads_otherwise() {
        // every one-character slip of the spec example and the seals
        // example: deleted, doubled, or a likely character inserted
        let mut fast = 0;
        for base in [EXAMPLE, SEALS] {
            let cuts: Vec<usize> = base.char_indices().map(|(i, _)| i).collect();
            for &i in &cuts {
                let c = base[i..].chars().next().unwrap();
                let mut variants = vec![
                    format!("{}{}", &base[..i], &base[i + c.len_utf8()..]),
                    format!("{}{c}{}", &base[..i], &base[i..]),
                ];
                for ins in ["\"", ",", "\\", "0", "Some(", ")"] {
                    variants.push(format!("{}{ins}{}", &base[..i], &base[i..]));
                }
                for v in variants {
                    if same_reading(&v) {
                        fast += 1;
                    }
                }
            }
        }
        // the slips inside comments, and a few harmless ones, still read fast
        assert!(fast > 1000, "{fast}");
    }

    #[test]
    fn the_fast_reader_leaves_escapes_and_odd_numbers_to_ron() {
        let t = EXAMPLE.replace("name: \"台式计算机\"", "name: \"台式\\\"计算机\\\"\"");
        assert!(!same_reading(&t));
        let r = parse_register(Path::new("r.ron"), &t).unwrap();
        let EventKind::Acquire(a) = &r.events[0].kind else {
            panic!()
        };
        assert_eq!(a.name, "台式\"计算机\"");
        let t = EXAMPLE.replace("unit_value_fen: 568000", "unit_value_fen: 568_000");
        assert!(!same_reading(&t));
        assert!(parse_register(Path::new("r.ron"), &t).is_ok());
        // a string over two lines is the same to both
        let t = EXAMPLE.replace("name: \"台式计算机\"", "name: \"台式\n计算机\"");
        let _ = same_reading(&t);
        // Some(…) and None for optionals, in any order, with comments
        let t = EXAMPLE.replace(
            "custodian: Some(\"张三\"),",
            "/* 保管 */ custodian: None, // 待定\n",
        );
        assert!(same_reading(&t), "{t}");
    }

    #[test]
    fn reads_the_spec_example_with_event_lines() {
        let r = parse_register(Path::new("r.ron"), EXAMPLE).unwrap();
        assert_eq!(r.committee, "JA-SM2-007");
        assert_eq!(r.events.len(), 12);
        assert_eq!((r.events[0].line, r.events[0].col), (5, 9));
        assert_eq!(r.events[1].line, 16);
        assert_eq!(r.events[11].line, 35);
        let EventKind::Acquire(a) = &r.events[0].kind else {
            panic!()
        };
        assert_eq!(a.kind, Some(ItemKind::Computer));
        assert_eq!(a.custodian.as_deref(), Some("张三"));
    }

    #[test]
    fn writes_bare_optionals_and_round_trips() {
        let r = parse_register(Path::new("r.ron"), EXAMPLE).unwrap();
        let text = register_to_string(&r);
        assert!(!text.contains("Some("), "{text}");
        let back = parse_register(Path::new("r.ron"), &text).unwrap();
        let strip = |r: &Register| -> Vec<_> {
            r.events
                .iter()
                .map(|e| (e.date, e.asset.clone(), e.kind.clone()))
                .collect()
        };
        assert_eq!(strip(&r), strip(&back));
    }

    const SEALS: &str = include_str!("../../tests/fixtures/register/seals-example.register.ron");

    #[test]
    fn reads_and_round_trips_the_seal_events() {
        let r = parse_register(Path::new("r.ron"), SEALS).unwrap();
        assert_eq!(r.events.len(), 9);
        let EventKind::SealUse(u) = &r.events[3].kind else {
            panic!("{:?}", r.events[3].kind)
        };
        assert_eq!(u.matter, Some(1));
        assert_eq!(u.purpose.as_deref(), Some("寄宿证明 王某某"));
        assert!(r.events[3].asset.is_none());
        let text = register_to_string(&r);
        assert!(!text.contains("Some("), "{text}");
        let back = parse_register(Path::new("r.ron"), &text).unwrap();
        let strip = |r: &Register| -> Vec<_> { r.events.iter().map(|e| e.kind.clone()).collect() };
        assert_eq!(strip(&r), strip(&back));
        // a recall with no reference, written and read back
        let t = SEALS.replace("Recall((street_ref: \"街道〔2025〕20号\"))", "Recall(())");
        let r = parse_register(Path::new("r.ron"), &t).unwrap();
        assert_eq!(r.events[5].kind, EventKind::Recall(Recall::default()));
        let back = parse_register(Path::new("r.ron"), &register_to_string(&r)).unwrap();
        assert_eq!(strip(&r), strip(&back));
        // built in code, as `juwei record` will
        let kind = EventKind::SealUse(SealUse {
            seal: "S1".into(),
            matter: Some(24),
            approved_by: None,
            purpose: None,
        });
        let mut r2 = r.clone();
        r2.events.push(Event {
            date: "2026-02-01".parse().unwrap(),
            asset: None,
            kind: kind.clone(),
            line: 0,
            col: 0,
        });
        let back = parse_register(Path::new("r.ron"), &register_to_string(&r2)).unwrap();
        assert_eq!(back.events.last().unwrap().kind, kind);
    }

    #[test]
    fn seal_errors_name_line_and_column() {
        // a seal event on an unknown seal: points at the id
        let t = SEALS.replace("SealKeeper((seal: \"S1\"", "SealKeeper((seal: \"S2\"");
        let e = err(&t);
        assert_eq!((e.line, e.col), (10, 55), "{e}");
        assert!(
            e.message_en.contains("seal \"S2\" is not in the register"),
            "{e}"
        );
        assert!(e.message.contains("尚未登记"), "{e}");
        // a use of an unknown seal is an error too
        let t = SEALS.replace("SealUse((seal: \"S1\"", "SealUse((seal: \"S9\"");
        let e = err(&t);
        assert_eq!(e.line, 11, "{e}");
        // the same id made twice
        let t = SEALS.replace(
            "        (date: \"2025-03-02\"",
            "        (date: \"2025-03-01\", event: SealMade((seal: \"S1\", name: \"华业居委会\"))),\n        (date: \"2025-03-02\"",
        );
        let e = err(&t);
        assert_eq!((e.line, e.col), (10, 53), "{e}");
        assert!(e.message_en.contains("already made on line 6"), "{e}");
        // after destruction: no keeper, change or custody (a use is a finding)
        let t = SEALS.replace("change: Replace", "change: Destroy");
        let e = err(&t);
        assert_eq!((e.line, e.col), (15, 56), "{e}");
        assert!(
            e.message_en.contains("destroyed on 2025-05-06 (line 13)"),
            "{e}"
        );
        // a seal event takes no asset
        let t = SEALS.replace(
            "(date: \"2025-03-02\", event:",
            "(date: \"2025-03-02\", asset: \"ZC-0001\", event:",
        );
        let e = err(&t);
        assert_eq!(e.line, 10, "{e}");
        assert!(e.message_en.contains("remove its asset field"), "{e}");
        // empty ids and names
        let e = err(&SEALS.replace("SealKeeper((seal: \"S1\"", "SealKeeper((seal: \" \""));
        assert!(e.message_en.contains("seal id must not be empty"), "{e}");
        let e = err(&SEALS.replace("to: \"李四\"", "to: \"\""));
        assert!(e.message_en.contains("new keeper must not be empty"), "{e}");
        // an unknown change or custody
        let e = err(&SEALS.replace("change: Replace", "change: Remake"));
        assert_eq!(e.line, 13, "{e}");
        let e = err(&SEALS.replace("to: Street", "to: District"));
        assert_eq!(e.line, 15, "{e}");
        // a matter is a number
        let e = err(&SEALS.replace("matter: 1,", "matter: \"寄宿证明\","));
        assert_eq!(e.line, 11, "{e}");
    }

    #[test]
    fn a_use_after_destruction_loads() {
        let t = SEALS.replace(
            "        (date: \"2025-09-01\"",
            "        (date: \"2025-06-01\", event: SealChange((seal: \"S1\", change: Destroy, street_ref: \"街道〔2025〕9号\"))),\n        (date: \"2025-06-02\", event: SealUse((seal: \"S1\", matter: 2, approved_by: \"王五\"))),\n        (date: \"2025-09-01\"",
        )
        .replace("        (date: \"2025-10-15\", event: SealCustody((seal: \"S1\", to: Street))),      // Street | Committee\n", "");
        let r = parse_register(Path::new("r.ron"), &t).unwrap();
        let st = r.state_at("2025-12-31".parse().unwrap());
        let s = st.seal("S1").unwrap();
        assert_eq!(s.destroyed.map(|d| d.1), Some(14));
        assert_eq!(s.uses, 2);
    }

    #[test]
    fn errors_name_line_and_column() {
        // out of date order: points at the date
        let t = EXAMPLE.replace(
            "(date: \"2025-09-01\", asset: \"ZC-0003\"",
            "(date: \"2025-05-01\", asset: \"ZC-0003\"",
        );
        let e = err(&t);
        assert_eq!((e.line, e.col), (31, 16), "{e}");
        assert!(e.message_en.contains("date order"), "{e}");
        // bad calendar date
        let t = EXAMPLE.replace(
            "2025-06-10\", asset: \"ZC-0001\", event: Move",
            "2025-02-30\", asset: \"ZC-0001\", event: Move",
        );
        let e = err(&t);
        assert_eq!(e.line, 29, "{e}");
        assert!(e.message_en.contains("2025-02-30"), "{e}");
        assert!(e.message.contains("日期"), "{e}");
        // unknown asset
        let t = EXAMPLE.replace(
            "asset: \"ZC-0001\", event: Custodian",
            "asset: \"ZC-0009\", event: Custodian",
        );
        let e = err(&t);
        assert_eq!((e.line, e.col), (30, 37), "{e}");
        assert!(e.message_en.contains("not on the books"), "{e}");
        // event on an asset already gone
        let t = EXAMPLE.replace(
            "        (date: \"2025-12-28\"",
            "        (date: \"2025-12-01\", asset: \"ZC-0002\", event: Move(to: \"R1\")),\n        (date: \"2025-12-28\"",
        );
        let e = err(&t);
        assert_eq!((e.line, e.col), (33, 37), "{e}");
        assert!(
            e.message_en.contains("written off on 2025-11-20 (line 32)"),
            "{e}"
        );
        // duplicate acquisition
        let t = EXAMPLE.replace(
            "asset: \"ZC-0004\", event: Acquire",
            "asset: \"ZC-0003\", event: Acquire",
        );
        let e = err(&t);
        assert_eq!((e.line, e.col), (24, 37), "{e}");
        assert!(e.message_en.contains("already acquired on line 20"), "{e}");
        // a typo in a variant
        let t = EXAMPLE.replace("Move(to:", "Mvoe(to:");
        let e = err(&t);
        assert_eq!(e.line, 29, "{e}");
        // float money
        let t = EXAMPLE.replace("unit_value_fen: 189900", "unit_value_fen: 1899.00");
        let e = err(&t);
        assert_eq!(e.line, 18, "{e}");
    }
}
