//! The audit for people at a terminal (`juwei audit DIR`): the committee
//! table, totals per street and overall, the priority list, broken files,
//! costs and the trend. The two tables are the shared ones of
//! [`super::audit_tables`], and the two lists are set as lines from the
//! cells of its priority list; the committee table is measured on compact
//! cells put aside in a temporary file, then written row by row, so a
//! streamed audit stays streamed.

use std::fmt::Write as _;

use super::audit_tables;
use super::table::{text_lines, text_width as width, Cell, Media};
use crate::audit::{Audit, Outcome};
use crate::model::Lang;
use crate::rules::Severity;

/// The rows of a city's committee table, put aside in a temporary file
/// while the columns are measured (each cell as its length and its bytes).
struct CellRows {
    w: std::io::BufWriter<std::fs::File>,
    n: usize,
    widths: Vec<usize>,
}

impl CellRows {
    fn new(head: &[String]) -> std::io::Result<Self> {
        Ok(CellRows {
            w: std::io::BufWriter::new(tempfile::tempfile()?),
            n: 0,
            widths: head.iter().map(|h| width(h)).collect(),
        })
    }

    fn push(&mut self, cells: &[String]) -> std::io::Result<()> {
        use std::io::Write;
        for (i, c) in cells.iter().enumerate() {
            self.widths[i] = self.widths[i].max(width(c));
            self.w.write_all(&(c.len() as u32).to_le_bytes())?;
            self.w.write_all(c.as_bytes())?;
        }
        self.n += 1;
        Ok(())
    }

    /// Write the table: head, rule, then every row read back.
    fn write<W: std::io::Write + ?Sized>(
        self,
        head: &[String],
        right: &[bool],
        out: &mut W,
    ) -> std::io::Result<()> {
        use std::io::{Read, Seek};
        let mut file = self.w.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut r = std::io::BufReader::new(file);
        let widths = self.widths;
        let cols = head.len();
        let mut rows = (0..self.n).map(|_| -> std::io::Result<Vec<String>> {
            let mut cells = Vec::with_capacity(cols);
            for _ in 0..cols {
                let mut len = [0u8; 4];
                r.read_exact(&mut len)?;
                let mut buf = vec![0u8; u32::from_le_bytes(len) as usize];
                r.read_exact(&mut buf)?;
                cells.push(
                    String::from_utf8(buf)
                        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?,
                );
            }
            Ok(cells)
        });
        let mut failed = None;
        let ok_rows = std::iter::from_fn(|| match rows.next()? {
            Ok(cells) => Some(cells),
            Err(e) => {
                failed = Some(e);
                None
            }
        });
        text_lines(head, ok_rows, &widths, right, out)?;
        failed.map_or(Ok(()), Err)
    }
}

/// The audit for people at a terminal: the committee table, totals per
/// street and overall, the priority list, broken files.
pub fn to_text(audit: &Audit, lang: Lang) -> String {
    let mut out = Vec::new();
    write_text(audit, lang, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("the text is UTF-8")
}

/// [`to_text`] written as it is made: the committee table is measured on
/// compact cells, then written row by row.
pub fn write_text<W: std::io::Write + ?Sized>(
    audit: &Audit,
    lang: Lang,
    w: &mut W,
) -> std::io::Result<()> {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en).to_string();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        l("审计", "Audit of"),
        audit.root.display(),
        audit.totals.committees,
        l("个居委会", "committees")
    );
    let committees = audit_tables::committees();
    let head = committees.text_head(lang);
    let mut rows = CellRows::new(&head)?;
    for r in audit.each_row() {
        rows.push(&committees.text_row(&audit_tables::committee_cells(
            audit,
            &r,
            lang,
            Media::TEXT,
        )))?;
    }
    out.push('\n');
    w.write_all(out.as_bytes())?;
    out.clear();
    rows.write(&head, &committees.text_right(), w)?;

    // totals
    let _ = writeln!(out, "\n{}", l("合计", "Totals"));
    let totals = audit_tables::totals();
    let rows: Vec<Vec<Cell>> = audit_tables::totals_rows(audit, lang)
        .into_iter()
        .map(|(cells, _)| cells)
        .collect();
    out.push_str(&totals.text_block(lang, &rows));

    // the audit's lists (rules.md, rev 2): the priority list is the A2-1.2
    // committees; new estates below 200 m² are a list apart, with their
    // shortfall; old estates above 100 m² have no target and no figure
    let lists = [
        (
            audit.priority_upgrade_order(),
            l(
                "重点改善名单 (旧小区100㎡以下,按面积由小到大)",
                "Priority-upgrade list (old estates of 100 m² or less, smallest first)",
            ),
        ),
        (
            audit.new_below_standard_order(),
            l(
                "新建小区面积不足200㎡ (按面积由小到大)",
                "New estates below 200 m² (smallest first)",
            ),
        ),
    ];
    for (list, title) in lists {
        let _ = writeln!(out, "\n{} ({})", title, list.len());
        for (i, r) in audit.rows_of(list).enumerate() {
            let Some(c) = r.checked() else { continue };
            out.push_str(&audit_tables::priority_line(i + 1, c, lang));
            out.push('\n');
        }
    }

    let broken: Vec<usize> = (0..audit.len())
        .filter(|&i| audit.index[i].broken() || audit.index[i].warned)
        .collect();
    if !broken.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            l("无法读取的文件", "Files that could not be read")
        );
        for r in audit.rows_of(broken) {
            let p = audit.root.join(&r.path);
            if let Outcome::Broken(e) = &r.outcome {
                let sep = if e.line.is_some() { ":" } else { ": " };
                let _ = writeln!(out, "  {}{sep}{}", p.display(), e.display(lang));
            }
            for w in &r.warnings {
                let _ = writeln!(out, "  {}: {}", p.display(), w.display(lang));
            }
        }
    }
    out.push_str(&super::summary::costs_trend_text(audit, lang));
    let s = &audit.totals.summary;
    let _ = writeln!(
        out,
        "\n{}: {} {} · {} {} · {} {} · {} {}",
        l("总计", "Overall"),
        Severity::Error.name(lang),
        s.error,
        Severity::Violation.name(lang),
        s.violation,
        Severity::Priority.name(lang),
        s.priority,
        Severity::Advisory.name(lang),
        s.advisory,
    );
    w.write_all(out.as_bytes())
}
