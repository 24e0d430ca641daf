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

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::count_sheet::CountSheet;
use super::replay::{State, Status};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shortage {
    pub asset: String,
    pub name: String,
    pub books: u32,
    pub counted: u32,
    /// The books' room.
    pub location: Option<String>,
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
}

impl Reconciliation {
    /// 账物相符: nothing short, surplus or moved. (Rows listing one asset
    /// twice are reported in `duplicates`; they make a difference only
    /// through what they add up to.)
    pub fn books_match(&self) -> bool {
        self.shortage.is_empty() && self.surplus.is_empty() && self.moved.is_empty()
    }
}

/// Compare the count sheet with the books (`state`, usually the state on the
/// stocktake date).
pub fn reconcile(state: &State, sheet: &CountSheet) -> Reconciliation {
    // rows of each labelled asset, in sheet order: the first and last row
    // of each id, and a chain from each row to the next of the same id
    let n = sheet.rows.len();
    let mut ends: HashMap<&str, (usize, usize)> = HashMap::with_capacity(n);
    let mut next = vec![usize::MAX; n];
    let mut order: Vec<&str> = Vec::new();
    let mut surplus = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate() {
        match row.asset.as_deref() {
            Some(id) => match ends.get_mut(id) {
                Some((_, last)) => {
                    next[*last] = i;
                    *last = i;
                }
                None => {
                    ends.insert(id, (i, i));
                    order.push(id);
                }
            },
            None => {
                if row.counted > 0 {
                    surplus.push(Surplus {
                        asset: None,
                        name: row.name.clone(),
                        location: row.location.clone(),
                        counted: row.counted,
                        reason: SurplusReason::Unlabelled,
                        line: row.line,
                    })
                }
            }
        }
    }
    // the rows of an id, without allocating
    let rows_of = |id: &str| {
        let first = ends.get(id).map(|e| e.0);
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
    };

    for card in state.in_use() {
        let rows = || rows_of(card.id.as_str());
        let counted: u32 = rows()
            .map(|i| sheet.rows[i].counted)
            .fold(0u32, u32::saturating_add);
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
            r.shortage.push(Shortage {
                asset: card.id.clone(),
                name: card.name.clone(),
                books: card.count,
                counted,
                location: card.location.clone(),
            });
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
            });
        }
        for i in rows() {
            let row = &sheet.rows[i];
            if let Some(found) = &row.location {
                if row.counted > 0 && card.location.as_ref() != Some(found) {
                    ok = false;
                    r.moved.push(Moved {
                        asset: card.id.clone(),
                        name: card.name.clone(),
                        books: card.location.clone(),
                        found: found.clone(),
                        counted: row.counted,
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
    for id in order {
        let known = state.get(id);
        if known.is_some_and(|c| c.status.is_in_use()) {
            continue;
        }
        let rows: Vec<usize> = rows_of(id).collect();
        let counted: u32 = rows
            .iter()
            .map(|&i| sheet.rows[i].counted)
            .fold(0u32, u32::saturating_add);
        if rows.len() > 1 {
            r.duplicates.push(Duplicate {
                asset: id.to_string(),
                lines: rows.iter().map(|&i| sheet.rows[i].line).collect(),
                counted,
            });
        }
        if counted == 0 {
            continue;
        }
        let first = &sheet.rows[rows[0]];
        let reason = match known.map(|c| &c.status) {
            None | Some(Status::InUse) => SurplusReason::Unknown,
            Some(Status::WrittenOff { .. }) => SurplusReason::WrittenOff,
            Some(Status::TransferredOut { .. }) => SurplusReason::TransferredOut,
        };
        r.surplus.push(Surplus {
            asset: Some(id.to_string()),
            name: first.name.clone().or_else(|| known.map(|c| c.name.clone())),
            location: first.location.clone(),
            counted,
            reason,
            line: first.line,
        });
    }
    r.surplus.extend(surplus);
    r.surplus.sort_by_key(|s| s.line);
    r
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
        let r = run("asset,location,counted\nA,R1,1\nB,R1,10\nC,R2,\n");
        assert!(r.books_match(), "{r:?}");
        assert_eq!(r.matched, ["A", "B", "C"]);
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
