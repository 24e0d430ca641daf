//! # A1-3.6.3c books-match-count
//!
//! **What it checks.** The latest recorded stocktake (up to the day of the check) is recomputed
//! from its count sheet, read next to the register, against the books just
//! before the Stocktake event. Every difference it shows must be resolved by
//! a later event:
//! - a shortage (盘亏) by WriteOff or TransferOut of the card (of at least
//!   the missing number, or the whole card);
//! - a surplus (盘盈) by an Acquire with source `Surplus` of the same id or
//!   of a thing of the same name (at least as many as were found over);
//!   an unknown label also by an Acquire of that id;
//! - a move by a Move of the card (or its leaving the books).
//!
//! An asset listed on several rows counts by what its rows add up to (a
//! batch split over two rows in its room matches).
//!
//! One finding per unresolved difference, at the Stocktake's line. A later
//! stocktake supersedes an earlier one: what it no longer finds is resolved
//! by that count, what it finds again is reported from it. A count sheet
//! that is missing or unreadable is itself a finding, whichever the year.
//!
//! **Why.** The year-end count exists to make the books match the things; a count
//! whose differences stay open has not done that.
//!
//! **Clause.** 附件1 3.6.3 「……指定专人保管,年底清点,做到账物相符。」

use super::RegisterCheck;
use crate::io::LoadError;
use crate::model::Lang;
use crate::register::stocktake::{Surplus, SurplusReason};
use crate::register::{read_count_sheet, reconcile, Event, EventKind, Reconciliation, Register};
use crate::rules::{rule, Code, Finding, RuleMeta};

pub fn check(reg: &Register, ctx: &RegisterCheck) -> Vec<Finding> {
    let meta = rule(Code::A1_3_6_3c);
    let facts = &reg.events[..ctx.facts(reg)];
    let mut out = Vec::new();
    let mut latest: Option<(usize, Reconciliation)> = None;
    let rooms = crate::register::sibling_rooms(reg);
    for (i, ev) in facts.iter().enumerate() {
        let EventKind::Stocktake { year, sheet, .. } = &ev.kind else {
            continue;
        };
        // room names in the sheet are read through the plan beside the register
        let loaded = crate::io::resolve_inside(ctx.base_dir, sheet)
            .map_err(|e| LoadError::io(&ctx.base_dir.join(sheet), e))
            .and_then(|path| read_count_sheet(&path, rooms.as_ref()).map_err(LoadError::from));
        match loaded {
            Ok(s) => latest = Some((i, reconcile(&reg.state_through(i, ev.date), &s))),
            Err(e) => {
                let (zh, en) = sheet_error(sheet, &e);
                out.push(
                    Finding::new(
                        meta,
                        format!("{year} 年度清点的盘点表无法读取,无从核对账物是否相符: {zh}"),
                        format!(
                            "The count sheet of the {year} stocktake cannot be read, so the books cannot be checked against it: {en}"
                        ),
                    )
                    .at_line(ev.line),
                )
            }
        }
    }
    if let Some((i, rec)) = latest {
        out.extend(unresolved(meta, &facts[i], &rec, &facts[i + 1..]));
    }
    out
}

/// Why a count sheet could not be read, naming it as the register does.
fn sheet_error(sheet: &str, e: &LoadError) -> (String, String) {
    match e {
        LoadError::Io { source, .. } => {
            let (zh, en) = match source.kind() {
                std::io::ErrorKind::NotFound => {
                    ("文件不存在".to_string(), "no such file".to_string())
                }
                std::io::ErrorKind::PermissionDenied => {
                    ("无权读取".to_string(), "permission denied".to_string())
                }
                _ => (
                    crate::io::io_error_text(source, Lang::Zh),
                    crate::io::io_error_text(source, Lang::En),
                ),
            };
            (format!("{sheet}: {zh}"), format!("{sheet}: {en}"))
        }
        LoadError::Source(s) => {
            let mut s = s.clone();
            s.path = sheet.into();
            (s.display(Lang::Zh), s.display(Lang::En))
        }
    }
}

/// Items taken off card `id` by `later` events; `None` when the whole card left.
fn removed(id: &str, later: &[Event]) -> Option<u32> {
    let mut n = 0u32;
    for e in later.iter().filter(|e| e.asset.as_deref() == Some(id)) {
        match &e.kind {
            EventKind::WriteOff { count, .. } | EventKind::TransferOut { count, .. } => match count
            {
                Some(c) => n = n.saturating_add(*c),
                None => return None,
            },
            _ => {}
        }
    }
    Some(n)
}

fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(b) || b.contains(a))
}

/// Later surplus acquisitions, each with what is left of it to resolve.
struct Pool<'a> {
    cards: Vec<(&'a str, &'a str, u32)>,
}

impl<'a> Pool<'a> {
    fn new(later: &'a [Event]) -> Self {
        let cards = later
            .iter()
            .filter_map(|e| match (&e.kind, e.asset.as_deref()) {
                (EventKind::Acquire(a), Some(id)) => Some((id, a)),
                _ => None,
            })
            .map(|(id, a)| {
                // any acquisition can cover an unknown label of its own id;
                // only Surplus acquisitions cover things by name
                let n = if a.source == crate::register::Source::Surplus {
                    a.count
                } else {
                    0
                };
                (id, a.name.as_str(), n)
            })
            .collect();
        Pool { cards }
    }

    /// Take `need` items for surplus `s`; true when fully covered.
    fn cover(&mut self, s: &Surplus) -> bool {
        if s.reason == SurplusReason::Unknown {
            if let Some(id) = s.asset.as_deref() {
                if let Some(c) = self.cards.iter_mut().find(|c| c.0 == id) {
                    c.2 = 0;
                    return true;
                }
            }
        }
        let Some(name) = s.name.as_deref() else {
            return false;
        };
        let mut need = s.counted;
        for c in self.cards.iter_mut().filter(|c| same_name(c.1, name)) {
            let take = need.min(c.2);
            c.2 -= take;
            need -= take;
            if need == 0 {
                break;
            }
        }
        need == 0
    }
}

fn unresolved(meta: &RuleMeta, st: &Event, rec: &Reconciliation, later: &[Event]) -> Vec<Finding> {
    let year = match st.kind {
        EventKind::Stocktake { year, .. } => year,
        _ => chrono::Datelike::year(&st.date),
    };
    let mut out = Vec::new();
    let mut push = |f: Finding| out.push(f.at_line(st.line));
    for s in &rec.shortage {
        let missing = s.books - s.counted;
        if removed(&s.asset, later).is_none_or(|n| n >= missing) {
            continue;
        }
        let mut f = Finding::new(
            meta,
            format!(
                "{year} 年度清点盘亏: {}({})账面 {} 件、实盘 {} 件,尚未报损或调出",
                s.asset, s.name, s.books, s.counted
            ),
            format!(
                "Stocktake {year}: {} ({}) is short, {} on the books and {} counted, and has not been written off or transferred out",
                s.asset, s.name, s.books, s.counted
            ),
        )
        .asset(&s.asset);
        if let Some(r) = &s.location {
            f = f.room(r);
        }
        push(f);
    }
    for m in &rec.moved {
        let moved_since = later.iter().any(|e| {
            e.asset.as_deref() == Some(m.asset.as_str()) && matches!(e.kind, EventKind::Move { .. })
        });
        if moved_since || removed(&m.asset, later).is_none() {
            continue;
        }
        let (books_zh, books_en) = match &m.books {
            Some(r) => (format!("账面在 {r}"), format!("on the books in {r}")),
            None => (
                "账面未记存放地点".to_string(),
                "with no room on the books".to_string(),
            ),
        };
        let mut f = Finding::new(
            meta,
            format!(
                "{year} 年度清点: {}({}){books_zh},实际在 {}(盘点表第 {} 行),尚未记录变更存放地点",
                m.asset, m.name, m.found, m.line
            ),
            format!(
                "Stocktake {year}: {} ({}) {books_en} was found in {} (sheet line {}); no Move recorded since",
                m.asset, m.name, m.found, m.line
            ),
        )
        .asset(&m.asset)
        .room(&m.found);
        if let Some(r) = &m.books {
            f = f.room(r);
        }
        push(f);
    }
    let mut pool = Pool::new(later);
    for s in &rec.surplus {
        if pool.cover(s) {
            continue;
        }
        let name = s.name.as_deref().unwrap_or("?");
        let place_zh = s
            .location
            .as_deref()
            .map_or(String::new(), |r| format!(",在 {r}"));
        let place_en = s
            .location
            .as_deref()
            .map_or(String::new(), |r| format!(" in {r}"));
        let (what_zh, what_en) = match (s.reason, s.asset.as_deref()) {
            (SurplusReason::Unlabelled, _) | (_, None) => (
                format!("无标签的{name} {} 件", s.counted),
                format!("{} unlabelled {name}", s.counted),
            ),
            (SurplusReason::Unknown, Some(id)) => (
                format!("账上没有的编号 {id}({name}){} 件", s.counted),
                format!("{} × {id} ({name}), an id not on the books", s.counted),
            ),
            (SurplusReason::WrittenOff, Some(id)) => (
                format!("已报损的 {id}({name})仍在,{} 件", s.counted),
                format!("{} × {id} ({name}), written off but still here", s.counted),
            ),
            (SurplusReason::TransferredOut, Some(id)) => (
                format!("已调出的 {id}({name})仍在,{} 件", s.counted),
                format!(
                    "{} × {id} ({name}), transferred out but still here",
                    s.counted
                ),
            ),
            (SurplusReason::MoreThanBooks, Some(id)) => (
                format!("{id}({name})实盘比账面多 {} 件", s.counted),
                format!("{} more of {id} ({name}) than the books hold", s.counted),
            ),
        };
        let mut f = Finding::new(
            meta,
            format!(
                "{year} 年度清点盘盈: {what_zh}{place_zh}(盘点表第 {} 行),尚未盘盈入账",
                s.line
            ),
            format!(
                "Stocktake {year}: surplus of {what_en}{place_en} (sheet line {}), not yet acquired as Surplus",
                s.line
            ),
        );
        if let Some(id) = &s.asset {
            f = f.asset(id);
        }
        if let Some(r) = &s.location {
            f = f.room(r);
        }
        push(f);
    }
    out
}
