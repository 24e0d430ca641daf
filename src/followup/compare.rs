//! An audit next to last quarter's or last year's (`audit --previous
//! OLD_DIR`, `followup.md`): per committee the findings fixed since, still
//! open and newly found (matched by code and what they concern), the
//! totals then and now, and the committees present in one folder only.
//! The audit's JSON of all this is in `report::json::audit`.

use std::collections::{BTreeMap, HashMap};

use crate::audit::{Audit, Row, Totals};
use crate::rules::Finding;

/// Counts for one committee.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// In the earlier audit, not now.
    pub fixed: usize,
    /// In both.
    pub open: usize,
    /// Now, not in the earlier audit.
    pub new: usize,
}

/// A committee present in one folder only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OneSide {
    pub code: String,
    pub name: String,
    pub street: String,
    pub plan: String,
}

/// The comparison of two audits.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The earlier folder.
    pub previous_root: std::path::PathBuf,
    /// By committee code (committees in both folders).
    pub by_committee: BTreeMap<String, Counts>,
    pub added: Vec<OneSide>,
    pub gone: Vec<OneSide>,
    pub previous_totals: Totals,
    /// The earlier audit's totals per street.
    pub previous_streets: Vec<(Option<String>, Totals)>,
}

impl Comparison {
    pub fn totals(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.by_committee.values() {
            t.fixed += c.fixed;
            t.open += c.open;
            t.new += c.new;
        }
        t
    }

    /// Counts summed per street of the current audit.
    pub fn by_street(&self, now: &Audit) -> Vec<(Option<String>, Counts)> {
        let mut out: Vec<(Option<String>, Counts)> = Vec::new();
        for m in &now.index {
            if m.broken() {
                continue;
            }
            let Some(n) = self.by_committee.get(m.code.as_ref()) else {
                continue;
            };
            let street = m.street.as_deref().map(str::to_string);
            match out.last_mut() {
                Some((s, t)) if *s == street => {
                    t.fixed += n.fixed;
                    t.open += n.open;
                    t.new += n.new;
                }
                _ => out.push((street, *n)),
            }
        }
        out
    }
}

type Key<'a> = (
    &'a str,
    &'a [String],
    &'a [String],
    &'a [String],
    Option<&'a str>,
);

fn key(f: &Finding) -> Key<'_> {
    (&f.code, &f.rooms, &f.items, &f.assets, f.estate.as_deref())
}

/// Findings that are about the committee's premises and books, not about
/// the status file itself (S01–S03 are left out of the comparison).
fn counted(f: &Finding) -> bool {
    crate::rules::meta(&f.code).is_some()
}

/// Fixed, open and new between two lists of findings (as multisets by code
/// and what they concern).
pub fn count(before: &[Finding], now: &[Finding]) -> Counts {
    let mut left: HashMap<Key, usize> = HashMap::new();
    for f in before.iter().filter(|f| counted(f)) {
        *left.entry(key(f)).or_insert(0) += 1;
    }
    let mut c = Counts::default();
    for f in now.iter().filter(|f| counted(f)) {
        match left.get_mut(&key(f)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                c.open += 1;
            }
            _ => c.new += 1,
        }
    }
    c.fixed = left.values().sum();
    c
}

fn one_side(r: &Row) -> Option<OneSide> {
    let c = r.checked()?;
    Some(OneSide {
        code: c.committee().code.clone(),
        name: c.committee().name.clone(),
        street: c.committee().street.clone(),
        plan: r.path.to_string_lossy().replace('\\', "/"),
    })
}

/// Compare the current audit with an earlier one. Committees are matched by
/// code; broken files take no part (they are listed by each audit). Rows
/// are read one at a time (the earlier one by its record), so streamed
/// audits stay streamed.
pub fn compare(previous: &Audit, now: &Audit) -> Comparison {
    let before: HashMap<&str, usize> = previous
        .index
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.broken())
        .map(|(i, m)| (m.code.as_ref(), i))
        .collect();
    let mut by_committee = BTreeMap::new();
    let mut added = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for (i, m) in now.index.iter().enumerate() {
        if m.broken() {
            continue;
        }
        seen.insert(m.code.as_ref());
        let r = now.row(i);
        let Some(c) = r.checked() else { continue };
        let old = before.get(m.code.as_ref()).map(|&j| previous.row(j));
        match old.as_ref().and_then(|o| o.checked()) {
            Some(old) => {
                by_committee.insert(
                    m.code.to_string(),
                    count(&old.report.findings, &c.report.findings),
                );
            }
            None => added.extend(one_side(&r)),
        }
    }
    let gone = previous
        .index
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.broken() && !seen.contains(m.code.as_ref()))
        .filter_map(|(i, _)| one_side(&previous.row(i)))
        .collect();
    Comparison {
        previous_root: previous.root.clone(),
        by_committee,
        added,
        gone,
        previous_totals: previous.totals.clone(),
        previous_streets: previous.streets.clone(),
    }
}

/// The word of `findings[].status`: `open`, `accepted`, `in-progress`,
/// `fixed-claimed`.
pub fn status_word(f: &Finding) -> &'static str {
    f.status.as_ref().map_or("open", |m| m.status.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;
    use crate::rules::rule;

    #[test]
    fn fixed_open_and_new_by_what_they_concern() {
        let fax = Finding::new(rule("A2-6.3"), "x", "x").item(ItemKind::Fax);
        let tv = Finding::new(rule("A2-6.3"), "x", "x").item(ItemKind::Television);
        let r1 = Finding::new(rule("A2-4.4"), "a", "a").room("R1");
        // the wording changed but it is the same finding
        let r1b = Finding::new(rule("A2-4.4"), "b", "b").room("R1");
        let r2 = Finding::new(rule("A2-4.4"), "a", "a").room("R2");
        let c = count(&[fax.clone(), tv, r1], &[fax, r1b, r2]);
        assert_eq!(
            c,
            Counts {
                fixed: 1,
                open: 2,
                new: 1
            }
        );
    }

    #[test]
    fn status_file_findings_are_not_compared() {
        let stale = Finding::new(&crate::followup::status::STALE, "x", "x");
        assert_eq!(count(&[], &[stale]), Counts::default());
    }

    #[test]
    fn duplicates_count_as_many() {
        let a = Finding::new(rule("A2-4.4"), "a", "a");
        let c = count(&[a.clone(), a.clone()], std::slice::from_ref(&a));
        assert_eq!(
            c,
            Counts {
                fixed: 1,
                open: 1,
                new: 0
            }
        );
    }
}
