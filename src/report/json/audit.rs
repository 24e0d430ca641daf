//! The audit's JSON (`cli.md`, `followup.md`, `docs/reports.md`):
//! `{ "format": 1, "root", "equipment", "committees": [...], "streets",
//! "totals", "priority", "new_below_standard", "findings", ... }`.
//!
//! Every object is a typed struct; the top level is written one field at a
//! time and the rows one at a time as they are read ([`write_json`]), so a
//! streamed audit is never held whole.

use std::io::Write;

use serde::Serialize;

use super::{CheckJson, CommitteeRef, CostJson, Format1};
use crate::audit::{Audit, Outcome, Row, RowError, Totals, Upgrade};
use crate::committee::AreaSource;
use crate::followup::compare::{status_word, Comparison, Counts, OneSide};
use crate::rules::{Finding, Severity, Summary};

/// A path with `/` between its parts, as the JSON always writes them.
pub fn path_str(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// A committee row whose plan was read: the check object without
/// `findings` but with `codes`, and the audit's fields.
#[derive(Debug, Clone, Serialize)]
pub struct CheckedRowJson<'a> {
    #[serde(flatten)]
    pub check: CheckJson<'a>,
    pub priority_upgrade: bool,
    pub upgrade: Upgrade,
    pub shortfall_m2: Option<f64>,
    pub missing_zones: Vec<&'static str>,
    pub missing_equipment: Vec<String>,
    pub compared_previous: bool,
    pub checked_register: bool,
    pub has_status: bool,
    /// With a price list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_yuan: Option<CostJson>,
    pub street: Option<&'a str>,
    #[serde(skip_serializing_if = "<[RowError]>::is_empty")]
    pub warnings: &'a [RowError],
    /// With `--previous`: fixed, open and new since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub followup: Option<Counts>,
}

/// A row whose file could not be read: `committee` null, its `error`.
#[derive(Debug, Clone, Serialize)]
pub struct BrokenRowJson<'a> {
    pub format: Format1,
    pub plan: &'a str,
    pub committee: Option<CommitteeRef<'a>>,
    pub valid: bool,
    pub error: &'a RowError,
    pub codes: [&'a str; 0],
    pub summary: Summary,
    pub street: Option<&'a str>,
    #[serde(skip_serializing_if = "<[RowError]>::is_empty")]
    pub warnings: &'a [RowError],
}

/// One element of `committees`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum RowJson<'a> {
    Checked(Box<CheckedRowJson<'a>>),
    Broken(BrokenRowJson<'a>),
}

impl<'a> RowJson<'a> {
    pub fn new(audit: &Audit, r: &'a Row, path: &'a str) -> Self {
        let street = r.street.as_deref();
        match &r.outcome {
            Outcome::Checked(c) => RowJson::Checked(Box::new(CheckedRowJson {
                check: CheckJson::new(path, &c.head, &c.report, false),
                priority_upgrade: c.upgrade.is_priority(),
                upgrade: c.upgrade,
                shortfall_m2: c.shortfall_m2,
                missing_zones: c.missing_zones.iter().map(|z| z.ident()).collect(),
                missing_equipment: c.missing_equipment_idents(&audit.equipment),
                compared_previous: c.compared_previous,
                checked_register: c.checked_register,
                has_status: c.has_status,
                cost_yuan: audit.prices.as_ref().map(|_| CostJson::from(&c.cost)),
                street,
                warnings: &r.warnings,
                followup: audit
                    .followup
                    .as_ref()
                    .and_then(|cmp| cmp.by_committee.get(&c.committee().code))
                    .copied(),
            })),
            Outcome::Broken(e) => RowJson::Broken(BrokenRowJson {
                format: Format1,
                plan: path,
                committee: None,
                valid: false,
                error: e,
                codes: [],
                summary: r.summary(),
                street,
                warnings: &r.warnings,
            }),
        }
    }
}

/// An entry of the `priority` and `new_below_standard` lists.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntryJson<'a> {
    pub plan: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub street: &'a str,
    pub estate: &'static str,
    pub premises_m2: f64,
    pub area_source: AreaSource,
    pub priority_upgrade: bool,
    pub upgrade: Upgrade,
    pub shortfall_m2: Option<f64>,
    pub valid: bool,
}

impl<'a> ListEntryJson<'a> {
    /// None for a broken row (never on a list).
    pub fn new(r: &'a Row, path: &'a str) -> Option<Self> {
        let c = r.checked()?;
        let com = c.committee();
        Some(ListEntryJson {
            plan: path,
            code: &com.code,
            name: &com.name,
            street: &com.street,
            estate: com.estate.ident(),
            premises_m2: c.facts.area_m2,
            area_source: c.facts.area_source,
            priority_upgrade: c.upgrade.is_priority(),
            upgrade: c.upgrade,
            shortfall_m2: c.shortfall_m2,
            valid: c.report.valid,
        })
    }
}

/// A totals object (`totals`, `trend.previous`, `trend.now`), with its
/// `cost_yuan` when there is a price list.
#[derive(Debug, Clone, Serialize)]
pub struct TotalsJson<'a> {
    #[serde(flatten)]
    pub totals: &'a Totals,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_yuan: Option<CostJson>,
}

impl<'a> TotalsJson<'a> {
    pub fn new(audit: &Audit, t: &'a Totals) -> Self {
        TotalsJson {
            totals: t,
            cost_yuan: audit.prices.as_ref().map(|_| CostJson::from(&t.cost)),
        }
    }
}

/// An element of `streets`: the street's totals and its name.
#[derive(Debug, Clone, Serialize)]
pub struct StreetJson<'a> {
    #[serde(flatten)]
    pub totals: &'a Totals,
    pub street: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_yuan: Option<CostJson>,
}

/// A date as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy)]
pub struct Day(pub chrono::NaiveDate);

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

/// What the status file says of a finding: all four fields, null when not
/// given.
#[derive(Debug, Clone, Serialize)]
pub struct StatusJson<'a> {
    pub status_by: Option<&'a str>,
    pub status_date: Option<Day>,
    pub status_reason: Option<&'a str>,
    pub status_due: Option<Day>,
}

/// One entry of the 整改清单 (`findings`): a finding of one committee.
#[derive(Debug, Clone, Serialize)]
pub struct FindingEntryJson<'a> {
    pub committee: &'a str,
    pub name: &'a str,
    pub street: &'a str,
    pub plan: &'a str,
    pub code: &'a str,
    pub severity: Severity,
    /// `open`, `accepted`, `in-progress` or `fixed-claimed`.
    pub status: &'static str,
    pub message: &'a str,
    pub message_en: &'a str,
    pub rooms: &'a [String],
    pub items: &'a [String],
    pub assets: &'a [String],
    #[serde(flatten)]
    pub mark: Option<StatusJson<'a>>,
}

/// The 整改清单 entries of one row: one per finding (none for a broken row).
pub fn row_findings<'a>(r: &'a Row, path: &'a str) -> Vec<FindingEntryJson<'a>> {
    let Some(c) = r.checked() else {
        return Vec::new();
    };
    let com = c.committee();
    c.report
        .findings
        .iter()
        .map(|f: &'a Finding| FindingEntryJson {
            committee: &com.code,
            name: &com.name,
            street: &com.street,
            plan: path,
            code: &f.code,
            severity: f.severity,
            status: status_word(f),
            message: &f.message,
            message_en: &f.message_en,
            rooms: &f.rooms,
            items: &f.items,
            assets: &f.assets,
            mark: f.status.as_ref().map(|m| StatusJson {
                status_by: m.by.as_deref(),
                status_date: m.date.map(Day),
                status_reason: m.reason.as_deref(),
                status_due: m.due.map(Day),
            }),
        })
        .collect()
}

/// `prices`: whether they are estimates, and the note every cost carries.
#[derive(Debug, Clone, Serialize)]
pub struct PricesJson<'a> {
    pub estimate: bool,
    pub note: &'a str,
    pub note_en: &'a str,
}

/// `trend`, with `--previous`.
#[derive(Debug, Clone, Serialize)]
pub struct TrendJson<'a> {
    pub previous: TotalsJson<'a>,
    pub now: TotalsJson<'a>,
    pub previous_root: String,
    pub followup: Counts,
}

/// The audit's fields after `findings`: costs and, with `--previous`, the
/// trend and the committees added or gone.
#[derive(Debug, Clone, Serialize)]
pub struct TailJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_yuan: Option<CostJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prices: Option<PricesJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<TrendJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<&'a [OneSide]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gone: Option<&'a [OneSide]>,
}

impl<'a> TailJson<'a> {
    pub fn new(audit: &'a Audit) -> Self {
        let cmp: Option<&'a Comparison> = audit.followup.as_ref();
        TailJson {
            cost_yuan: audit
                .prices
                .as_ref()
                .map(|_| CostJson::from(&audit.totals.cost)),
            prices: audit.prices.as_ref().map(|p| PricesJson {
                estimate: p.estimate,
                note: p.note(crate::model::Lang::Zh),
                note_en: p.note(crate::model::Lang::En),
            }),
            trend: cmp.map(|cmp| TrendJson {
                previous: TotalsJson::new(audit, &cmp.previous_totals),
                now: TotalsJson::new(audit, &audit.totals),
                previous_root: path_str(&cmp.previous_root),
                followup: cmp.totals(),
            }),
            added: cmp.map(|c| c.added.as_slice()),
            gone: cmp.map(|c| c.gone.as_slice()),
        }
    }
}

/// The head of the audit's JSON: what comes before `committees`.
#[derive(Debug, Clone, Serialize)]
pub struct HeadJson {
    pub format: Format1,
    pub root: String,
    pub equipment: Vec<&'static str>,
}

// ---------------------------------------------------------------- writing

/// The audit as a JSON value, through [`write_json`] (so the two never
/// differ): for tests and small audits.
pub fn to_value(audit: &Audit) -> serde_json::Value {
    let mut out = Vec::new();
    write_json(audit, &mut out).expect("writing to memory");
    serde_json::from_slice(&out).expect("the audit's own JSON")
}

/// A value as `serde_json::to_string_pretty` writes it, nested `depth`
/// levels deep (JSON strings hold no raw line breaks, so indenting lines is
/// safe).
fn pretty_at<T: Serialize + ?Sized>(v: &T, depth: usize) -> String {
    let text = serde_json::to_string_pretty(v).expect("plain data");
    if depth == 0 || !text.contains('\n') {
        return text;
    }
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// Writes the top-level object one field at a time; the fields of a typed
/// object ([`HeadJson`], [`TailJson`]) are split out of its pretty text.
struct JsonFields<'w, W: Write + ?Sized> {
    w: &'w mut W,
    first: bool,
}

impl<W: Write + ?Sized> JsonFields<'_, W> {
    fn key(&mut self, key: &str) -> std::io::Result<()> {
        let sep = if self.first { "{\n" } else { ",\n" };
        self.first = false;
        self.w.write_all(sep.as_bytes())?;
        let quoted = serde_json::to_string(key).expect("a string");
        write!(self.w, "  {quoted}: ")
    }

    /// The fields of a typed object, as they stand in it.
    fn fields_of<T: Serialize>(&mut self, v: &T) -> std::io::Result<()> {
        let text = pretty_at(v, 0);
        let inner = text.strip_prefix("{\n").and_then(|t| t.strip_suffix("\n}"));
        let Some(inner) = inner else {
            return Ok(()); // `{}`: no field
        };
        let sep = if self.first { "{\n" } else { ",\n" };
        self.first = false;
        self.w.write_all(sep.as_bytes())?;
        self.w.write_all(inner.as_bytes())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> std::io::Result<()> {
        self.key(key)?;
        self.w.write_all(pretty_at(v, 1).as_bytes())
    }

    /// An array of elements already written as text (by [`pretty_at`] at
    /// depth 2).
    fn array_text<I>(&mut self, key: &str, items: I) -> std::io::Result<()>
    where
        I: Iterator<Item = std::io::Result<String>>,
    {
        self.key(key)?;
        let mut n = 0;
        for v in items {
            let sep = if n == 0 { "[\n    " } else { ",\n    " };
            self.w.write_all(sep.as_bytes())?;
            self.w.write_all(v?.as_bytes())?;
            n += 1;
        }
        self.w.write_all(if n == 0 { b"[]" } else { b"\n  ]" })
    }

    fn end(self) -> std::io::Result<()> {
        self.w
            .write_all(if self.first { b"{}\n" } else { b"\n}\n" })
    }
}

/// The audit's JSON, written as the rows are read: the same text as
/// `serde_json::to_string_pretty` would give for the whole document,
/// newline included, without holding it. The rows are read once: each is
/// written to `committees` at once, its list entry and its 整改清单
/// entries put aside in temporary files (the lists come in another order,
/// the findings after the streets and totals).
pub fn write_json<W: Write + ?Sized>(audit: &Audit, w: &mut W) -> std::io::Result<()> {
    let mut o = JsonFields { w, first: true };
    o.fields_of(&HeadJson {
        format: Format1,
        root: path_str(&audit.root),
        equipment: audit.equipment.iter().map(|k| k.ident()).collect(),
    })?;
    let mut lists = Side::new()?;
    let mut at: Vec<(u64, u32)> = vec![(0, 0); audit.len()];
    let mut findings = Side::new()?;
    let mut rows = audit.each_row().enumerate();
    let mut failed: Option<std::io::Error> = None;
    o.array_text(
        "committees",
        std::iter::from_fn(|| {
            let (i, r) = rows.next()?;
            let path = path_str(&r.path);
            let text = pretty_at(&RowJson::new(audit, &r, &path), 2);
            let res = ListEntryJson::new(&r, &path)
                .map_or(Ok(()), |l| {
                    lists.append(&pretty_at(&l, 2)).map(|p| at[i] = p)
                })
                .and_then(|_| {
                    row_findings(&r, &path)
                        .iter()
                        .try_for_each(|f| findings.append_element(&pretty_at(f, 2)))
                });
            if let Err(e) = res {
                failed.get_or_insert(e);
            }
            Some(Ok(text))
        }),
    )?;
    if let Some(e) = failed {
        return Err(e);
    }
    o.array_text(
        "streets",
        audit.streets.iter().map(|(s, t)| {
            Ok(pretty_at(
                &StreetJson {
                    totals: t,
                    street: s.as_deref(),
                    cost_yuan: audit.prices.as_ref().map(|_| CostJson::from(&t.cost)),
                },
                2,
            ))
        }),
    )?;
    o.field("totals", &TotalsJson::new(audit, &audit.totals))?;
    let mut lists = lists.finish()?;
    o.array_text(
        "priority",
        audit
            .priority_order()
            .into_iter()
            .map(|i| lists.read(at[i])),
    )?;
    o.array_text(
        "new_below_standard",
        audit
            .new_below_standard_order()
            .into_iter()
            .map(|i| lists.read(at[i])),
    )?;
    let mut findings = findings.finish()?;
    o.key("findings")?;
    findings.write_array(o.w)?;
    o.fields_of(&TailJson::new(audit))?;
    o.end()
}

/// Pieces of JSON text put aside in a temporary file while the rows are
/// read once, read back later by place or in order.
struct Side {
    w: std::io::BufWriter<std::fs::File>,
    end: u64,
    /// Pieces appended as array elements ([`Side::append_element`]).
    elements: usize,
}

impl Side {
    fn new() -> std::io::Result<Side> {
        Ok(Side {
            w: std::io::BufWriter::new(tempfile::tempfile()?),
            end: 0,
            elements: 0,
        })
    }

    /// Append an element of a JSON array at depth 1, with its separator.
    fn append_element(&mut self, text: &str) -> std::io::Result<()> {
        if self.elements > 0 {
            self.w.write_all(b",\n    ")?;
        }
        self.w.write_all(text.as_bytes())?;
        self.elements += 1;
        Ok(())
    }

    fn append(&mut self, text: &str) -> std::io::Result<(u64, u32)> {
        self.w.write_all(text.as_bytes())?;
        let at = self.end;
        self.end += text.len() as u64;
        Ok((at, text.len() as u32))
    }

    fn finish(self) -> std::io::Result<SideRead> {
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        Ok(SideRead {
            file,
            elements: self.elements,
        })
    }
}

struct SideRead {
    file: std::fs::File,
    elements: usize,
}

impl SideRead {
    fn read(&mut self, (at, len): (u64, u32)) -> std::io::Result<String> {
        use std::io::{Read, Seek};
        let mut buf = vec![0u8; len as usize];
        self.file.seek(std::io::SeekFrom::Start(at))?;
        self.file.read_exact(&mut buf)?;
        String::from_utf8(buf).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// The elements put aside, as the JSON array they make.
    fn write_array<W: Write + ?Sized>(&mut self, w: &mut W) -> std::io::Result<()> {
        use std::io::{BufRead, Seek};
        if self.elements == 0 {
            return w.write_all(b"[]");
        }
        w.write_all(b"[\n    ")?;
        self.file.rewind()?;
        // whole lines, so that a character is never split between writes
        let mut r = std::io::BufReader::new(&self.file);
        let mut line = String::new();
        while r.read_line(&mut line)? > 0 {
            w.write_all(line.as_bytes())?;
            line.clear();
        }
        w.write_all(b"\n  ]")
    }
}
