//! Text cells that always fit Excel: a cell holds at most 32,767
//! characters (UTF-16 units), and rust_xlsxwriter refuses the whole
//! workbook for one longer text. Every text cell juwei writes goes through
//! [`TextCells`], which cuts a longer text and says so in the cell.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Excel's limit of characters (UTF-16 units) in one cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The note closing a cut text.
const NOTE: &str = " …(内容过长,已截断 / truncated)";

/// `s` cut to fit one Excel cell, with a note saying it was cut.
pub fn fit_cell(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.encode_utf16().count() <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    let room = MAX_CELL_CHARS - NOTE.encode_utf16().count();
    let mut used = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{NOTE}", &s[..end]))
}

/// Writing text cells that fit (see the module).
pub trait TextCells {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
    ) -> Result<&mut Self, XlsxError>;
    fn write_text_with_format(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError>;
}

impl TextCells for Worksheet {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
    ) -> Result<&mut Self, XlsxError> {
        self.write_string(row, col, fit_cell(s.as_ref()).as_ref())
    }

    fn write_text_with_format(
        &mut self,
        row: u32,
        col: u16,
        s: impl AsRef<str>,
        format: &Format,
    ) -> Result<&mut Self, XlsxError> {
        self.write_string_with_format(row, col, fit_cell(s.as_ref()).as_ref(), format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15 item 11: a text over 32,767 characters failed the whole
    /// workbook; it is cut with a note.
    #[test]
    fn long_text_is_cut_with_a_note() {
        let long = "备".repeat(40_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with("truncated)"));
        let emoji = "😀".repeat(20_000); // two UTF-16 units each
        assert!(fit_cell(&emoji).encode_utf16().count() <= MAX_CELL_CHARS);
        assert_eq!(fit_cell("短"), "短");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_text(0, 0, &long).unwrap();
        assert!(wb.save_to_buffer().is_ok());
    }
}
