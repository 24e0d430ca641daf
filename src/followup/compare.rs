//! An audit next to last quarter's or last year's (`audit --previous
//! OLD_DIR`, `followup.md`): per committee the findings fixed since, still
//! open and newly found (matched by code and what they concern), the
//! totals then and now, and the committees present in one folder only.
//! The audit's JSON of all this is in `report::json::audit`.

use std::collections::{BTreeMap, HashMap};

use crate::audit::{Audit, Row, RowMeta, Totals};
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

/// What the comparison knows of one committee of either folder: the
/// findings it counts (as sorted hashes of their code and what they
/// concern) and its name. Computed by the workers while the audit runs
/// ([`crate::audit::previous`], [`crate::audit::run_streamed_followed`]), so
/// the comparison reads no row back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// Sorted; one entry per counted finding (duplicates kept).
    pub keys: Box<[u64]>,
    pub name: Box<str>,
}

impl Keys {
    /// The keys of a checked row (`None` for a broken file).
    pub fn of(r: &Row) -> Option<Keys> {
        let c = r.checked()?;
        Some(Keys {
            keys: keys_of(&c.report.findings),
            name: c.committee().name.as_str().into(),
        })
    }
}

/// A finding's identity for the comparison: its code and what it concerns
/// (rooms, items, assets, estate), not its wording. Hashed with std's
/// `DefaultHasher::new()` (fixed keys: the same finding gives the same key
/// in both folders of one run; keys are never stored); two
/// different findings of one committee sharing a 64-bit key is not a
/// practical concern (about 1 in 10^17 for a committee's few dozen).
fn key(f: &Finding) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (&f.code, &f.rooms, &f.items, &f.assets, f.estate.as_deref()).hash(&mut h);
    h.finish()
}

/// Findings that are about the committee's premises and books, not about
/// the status file itself (S01–S03 are left out of the comparison).
fn counted(f: &Finding) -> bool {
    crate::rules::meta(&f.code).is_some()
}

/// The sorted keys of the counted findings.
pub fn keys_of(findings: &[Finding]) -> Box<[u64]> {
    let mut k: Vec<u64> = findings.iter().filter(|f| counted(f)).map(key).collect();
    k.sort_unstable();
    k.into_boxed_slice()
}

/// Fixed, open and new between two sorted lists of keys (as multisets).
pub fn count_keys(before: &[u64], now: &[u64]) -> Counts {
    let (mut i, mut j) = (0, 0);
    let mut c = Counts::default();
    while i < before.len() && j < now.len() {
        match before[i].cmp(&now[j]) {
            std::cmp::Ordering::Less => {
                c.fixed += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                c.new += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                c.open += 1;
                i += 1;
                j += 1;
            }
        }
    }
    c.fixed += before.len() - i;
    c.new += now.len() - j;
    c
}

/// Fixed, open and new between two lists of findings (as multisets by code
/// and what they concern).
pub fn count(before: &[Finding], now: &[Finding]) -> Counts {
    count_keys(&keys_of(before), &keys_of(now))
}

/// What the comparison needs of the earlier audit: one record per row
/// with its [`Keys`], the totals and the streets. No row is kept.
#[derive(Debug, Clone)]
pub struct Previous {
    pub root: std::path::PathBuf,
    pub index: Vec<RowMeta>,
    pub totals: Totals,
    pub streets: Vec<(Option<String>, Totals)>,
}

impl Previous {
    /// From an audit of the earlier folder, reading back the rows whose
    /// keys were not kept.
    pub fn of(a: &Audit) -> Previous {
        Previous {
            root: a.root.clone(),
            index: with_keys(a),
            totals: a.totals.clone(),
            streets: a.streets.clone(),
        }
    }
}

/// The audit's records, each with its keys (read back when missing).
fn with_keys(a: &Audit) -> Vec<RowMeta> {
    a.index
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut m = m.clone();
            if m.follow.is_none() && !m.broken() {
                m.follow = Keys::of(&a.row(i)).map(Box::new);
            }
            m
        })
        .collect()
}

fn one_side(m: &RowMeta) -> Option<OneSide> {
    let k = m.follow.as_ref()?;
    Some(OneSide {
        code: m.code.to_string(),
        name: k.name.to_string(),
        street: m.street.as_deref().unwrap_or("").to_string(),
        plan: m.path.to_string_lossy().replace('\\', "/"),
    })
}

/// Compare the current audit with an earlier one. Committees are matched by
/// code; broken files take no part (they are listed by each audit).
pub fn compare(previous: &Audit, now: &Audit) -> Comparison {
    compare_previous(&Previous::of(previous), now)
}

/// [`compare`] with the earlier folder's records only
/// ([`crate::audit::previous`]). The current audit's rows are read back only
/// when the workers did not keep their keys
/// ([`crate::audit::run_streamed_followed`] does).
pub fn compare_previous(previous: &Previous, now: &Audit) -> Comparison {
    let before: HashMap<&str, &Keys> = previous
        .index
        .iter()
        .filter(|m| !m.broken())
        .filter_map(|m| Some((m.code.as_ref(), m.follow.as_deref()?)))
        .collect();
    let now_index = if now.index.iter().all(|m| m.broken() || m.follow.is_some()) {
        std::borrow::Cow::Borrowed(&now.index)
    } else {
        std::borrow::Cow::Owned(with_keys(now))
    };
    let mut by_committee = BTreeMap::new();
    let mut added = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for m in now_index.iter() {
        if m.broken() {
            continue;
        }
        seen.insert(m.code.as_ref());
        let Some(k) = m.follow.as_deref() else {
            continue;
        };
        match before.get(m.code.as_ref()) {
            Some(old) => {
                by_committee.insert(m.code.to_string(), count_keys(&old.keys, &k.keys));
            }
            None => added.extend(one_side(m)),
        }
    }
    let gone = previous
        .index
        .iter()
        .filter(|m| !m.broken() && !seen.contains(m.code.as_ref()))
        .filter_map(one_side)
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
    use crate::rules::{rule, Code};

    #[test]
    fn fixed_open_and_new_by_what_they_concern() {
        let fax = Finding::new(rule(Code::A2_6_3), "x", "x").item(ItemKind::Fax);
        let tv = Finding::new(rule(Code::A2_6_3), "x", "x").item(ItemKind::Television);
        let r1 = Finding::new(rule(Code::A2_4_4), "a", "a").room("R1");
        // the wording changed but it is the same finding
        let r1b = Finding::new(rule(Code::A2_4_4), "b", "b").room("R1");
        let r2 = Finding::new(rule(Code::A2_4_4), "a", "a").room("R2");
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

    proptest::proptest! {
        /// The merge over sorted keys counts as a multiset difference does.
        #[test]
        fn counting_sorted_keys_is_a_multiset_difference(
            before in proptest::collection::vec(0u64..6, 0..12),
            now in proptest::collection::vec(0u64..6, 0..12),
        ) {
            let mut left: HashMap<u64, usize> = HashMap::new();
            for k in &before {
                *left.entry(*k).or_default() += 1;
            }
            let mut want = Counts::default();
            for k in &now {
                match left.get_mut(k) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        want.open += 1;
                    }
                    _ => want.new += 1,
                }
            }
            want.fixed = left.values().sum();
            let (mut b, mut n) = (before.clone(), now.clone());
            b.sort_unstable();
            n.sort_unstable();
            proptest::prop_assert_eq!(count_keys(&b, &n), want);
        }
    }

    #[test]
    fn status_file_findings_are_not_compared() {
        let stale = Finding::new(&crate::followup::status::STALE, "x", "x");
        assert_eq!(count(&[], &[stale]), Counts::default());
    }

    #[test]
    fn duplicates_count_as_many() {
        let a = Finding::new(rule(Code::A2_4_4), "a", "a");
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
