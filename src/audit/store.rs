//! Where an audit keeps its rows.
//!
//! A street's audit keeps them in memory ([`super::run`]). A city's or a
//! ministry's audit ([`super::run_streamed`]) writes each row to an anonymous
//! temporary file as soon as its plan is checked and keeps only a compact
//! record of it in memory ([`RowMeta`]: what sorting, the lists and the
//! follow-up comparison need). The writers then read the rows back one at a
//! time, in the audit's order, so peak memory does not grow with the number
//! of committees apart from those records (`docs/decisions.md`, "Streaming
//! audit").

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Deref;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{Outcome, Row, RowError, Upgrade};

/// The compact record of one row: its place in the audit's order, what the
/// lists sort by, and where the row itself is.
#[derive(Debug, Clone, PartialEq)]
pub struct RowMeta {
    /// Relative to the audited folder.
    pub path: Box<Path>,
    /// The street (shared between the rows of one street).
    pub street: Option<Arc<str>>,
    /// The committee's code (empty for a broken file).
    pub code: Box<str>,
    /// `None` for a broken file.
    pub upgrade: Option<Upgrade>,
    /// The premises area the thresholds use (0 for a broken file).
    pub area_m2: f64,
    /// Problems beside the plan were reported (`Row::warnings`).
    pub warned: bool,
    /// In memory: the index in `Audit::rows`; spilled: the byte offset.
    pub(crate) at: u64,
    /// Spilled: the length in bytes.
    pub(crate) len: u32,
    /// What `--previous` compares, when the audit was asked to keep it
    /// (`None` for a broken file).
    pub(crate) follow: Option<Box<crate::followup::compare::Keys>>,
}

impl RowMeta {
    pub fn broken(&self) -> bool {
        self.upgrade.is_none()
    }

    /// The audit's order: by street (unknown last), checked before broken,
    /// then by committee code, then by path.
    pub(crate) fn key(&self) -> (bool, Option<&str>, bool, &str, &Path) {
        (
            self.street.is_none(),
            self.street.as_deref(),
            self.broken(),
            &self.code,
            &self.path,
        )
    }
}

/// A row borrowed from memory or read back from the spill file.
#[derive(Debug)]
pub enum RowRef<'a> {
    Borrowed(&'a Row),
    Owned(Box<Row>),
}

impl Deref for RowRef<'_> {
    type Target = Row;
    fn deref(&self) -> &Row {
        match self {
            RowRef::Borrowed(r) => r,
            RowRef::Owned(r) => r,
        }
    }
}

/// The temporary file of a streamed audit (deleted by the system when
/// closed, even after a crash).
#[derive(Debug)]
pub struct Spill {
    file: Mutex<File>,
    /// Bytes written so far.
    end: u64,
    /// The first failure to read a row back (reported, exit status 2).
    failed: Mutex<Option<String>>,
}

impl Spill {
    pub fn new() -> std::io::Result<Spill> {
        Ok(Spill {
            file: Mutex::new(tempfile::tempfile()?),
            end: 0,
            failed: Mutex::new(None),
        })
    }

    /// Append an encoded row; returns its offset and length.
    pub fn append(&mut self, bytes: &[u8]) -> std::io::Result<(u64, u32)> {
        let len = u32::try_from(bytes.len())
            .map_err(|_| std::io::Error::other("a row larger than 4 GB"))?;
        let file = self.file.get_mut().map_err(|_| poisoned())?;
        file.write_all(bytes)?;
        let at = self.end;
        self.end += u64::from(len);
        Ok((at, len))
    }

    fn read(&self, at: u64, len: u32) -> std::io::Result<Row> {
        let mut buf = vec![0u8; len as usize];
        {
            let mut file = self.file.lock().map_err(|_| poisoned())?;
            file.seek(SeekFrom::Start(at))?;
            file.read_exact(&mut buf)?;
        }
        decode(&buf)
    }

    /// The row at `meta`; a row that cannot be read back becomes a broken
    /// row saying so, and the failure is kept for [`Spill::failure`].
    pub fn row(&self, meta: &RowMeta) -> Row {
        match self.read(meta.at, meta.len) {
            Ok(mut row) => {
                row.street = meta.street.as_deref().map(str::to_string);
                row
            }
            Err(e) => {
                let text = e.to_string();
                if let Ok(mut f) = self.failed.lock() {
                    f.get_or_insert_with(|| text.clone());
                }
                Row {
                    path: meta.path.to_path_buf(),
                    street: meta.street.as_deref().map(str::to_string),
                    outcome: Outcome::Broken(RowError {
                        message: format!("审计临时文件无法读回: {text}"),
                        message_en: format!(
                            "the audit's temporary file cannot be read back: {text}"
                        ),
                        line: None,
                        column: None,
                    }),
                    warnings: Vec::new(),
                }
            }
        }
    }

    /// Why a row could not be read back, if one could not.
    pub fn failure(&self) -> Option<String> {
        self.failed.lock().ok().and_then(|f| f.clone())
    }
}

fn poisoned() -> std::io::Error {
    std::io::Error::other("the audit's temporary file lock is poisoned")
}

/// A row as the bytes of the spill file (CBOR: exact floats, NaN included).
pub fn encode(row: &Row) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(4096);
    ciborium::into_writer(row, &mut out).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(out)
}

fn decode(bytes: &[u8]) -> std::io::Result<Row> {
    let mut row: Row = ciborium::from_reader(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    // the facts' equipment is not serialised (the JSON of the facts leaves
    // it out); the row's own copy is
    if let Outcome::Checked(c) = &mut row.outcome {
        c.facts.equipment = c.equipment.clone();
    }
    Ok(row)
}
