//! Binary DXF as ASCII DXF: the same group codes and values, written as
//! text, so that one reader (the scan, then the `dxf` crate) serves both.
//!
//! Layout (DXF reference, "Binary DXF Files"): a 22-byte sentinel, then
//! pairs of a group code (one byte before AutoCAD R13 — 255 announcing a
//! two-byte code — two bytes little-endian after) and a value whose size the
//! code decides: strings end with a NUL byte, doubles take 8 bytes, 16-,
//! 32- and 64-bit integers 2, 4 and 8, booleans 1, and binary chunks a length
//! byte and the data.

use std::path::Path;

use crate::io::SourceError;

/// The sentinel that opens a binary DXF file.
pub(crate) const SENTINEL: &[u8] = b"AutoCAD Binary DXF\r\n\x1a\0";

enum Value {
    Text,
    Double,
    I16,
    I32,
    I64,
    Bool,
    Chunk,
}

fn value_of(code: i32) -> Value {
    match code {
        10..=59 | 110..=149 | 210..=239 | 460..=469 | 1010..=1059 => Value::Double,
        60..=79 | 170..=179 | 270..=289 | 370..=389 | 400..=409 | 1060..=1070 => Value::I16,
        90..=99 | 420..=429 | 440..=459 | 1071 => Value::I32,
        160..=169 => Value::I64,
        290..=299 => Value::Bool,
        310..=319 | 1004 => Value::Chunk,
        _ => Value::Text,
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    pairs: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(s)
    }
}

/// The binary drawing as the text of an ASCII DXF. Errors are located by
/// the number of the group code pair (as the "line").
pub(crate) fn to_text(path: &Path, bytes: &[u8]) -> Result<Vec<u8>, SourceError> {
    let body = &bytes[SENTINEL.len()..];
    // R13 and later: two-byte codes, so the first pair (0 / SECTION) starts 00 00
    let wide = body.starts_with(b"\0\0SECTION\0");
    let mut r = Reader {
        bytes: body,
        at: 0,
        pairs: 0,
    };
    let mut out = Vec::with_capacity(bytes.len() * 2);
    let cut = |r: &Reader| {
        SourceError::new(
            path,
            r.pairs.max(1),
            1,
            format!(
                "二进制 DXF 在第 {} 组代码(字节 {})处意外结束:文件不完整",
                r.pairs,
                SENTINEL.len() + r.at
            ),
            format!(
                "the binary DXF ends inside group code pair {} (byte {}): it is truncated",
                r.pairs,
                SENTINEL.len() + r.at
            ),
        )
    };
    while r.at < r.bytes.len() {
        r.pairs += 1;
        let code = if wide {
            let b = r.take(2).ok_or_else(|| cut(&r))?;
            i16::from_le_bytes([b[0], b[1]]) as i32
        } else {
            match r.take(1).ok_or_else(|| cut(&r))?[0] {
                255 => {
                    let b = r.take(2).ok_or_else(|| cut(&r))?;
                    i16::from_le_bytes([b[0], b[1]]) as i32
                }
                c => c as i32,
            }
        };
        out.extend_from_slice(format!("{code}\n").as_bytes());
        match value_of(code) {
            Value::Text => {
                let rest = &r.bytes[r.at..];
                let end = rest.iter().position(|&b| b == 0).ok_or_else(|| cut(&r))?;
                // a line break inside a value would split the pair
                out.extend(
                    rest[..end]
                        .iter()
                        .map(|&b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
                );
                r.at += end + 1;
            }
            Value::Double => {
                let b = r.take(8).ok_or_else(|| cut(&r))?;
                let v = f64::from_le_bytes(b.try_into().expect("8 bytes"));
                out.extend_from_slice(format!("{v:?}").as_bytes());
            }
            Value::I16 => {
                let b = r.take(2).ok_or_else(|| cut(&r))?;
                out.extend_from_slice(i16::from_le_bytes([b[0], b[1]]).to_string().as_bytes());
            }
            Value::I32 => {
                let b = r.take(4).ok_or_else(|| cut(&r))?;
                let v = i32::from_le_bytes(b.try_into().expect("4 bytes"));
                out.extend_from_slice(v.to_string().as_bytes());
            }
            Value::I64 => {
                let b = r.take(8).ok_or_else(|| cut(&r))?;
                let v = i64::from_le_bytes(b.try_into().expect("8 bytes"));
                out.extend_from_slice(v.to_string().as_bytes());
            }
            Value::Bool => {
                let b = r.take(1).ok_or_else(|| cut(&r))?;
                out.extend_from_slice(b[0].to_string().as_bytes());
            }
            Value::Chunk => {
                let n = r.take(1).ok_or_else(|| cut(&r))?[0] as usize;
                let data = r.take(n).ok_or_else(|| cut(&r))?;
                for b in data {
                    out.extend_from_slice(format!("{b:02X}").as_bytes());
                }
            }
        }
        out.push(b'\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide_pair(code: i16, value: &[u8]) -> Vec<u8> {
        let mut v = code.to_le_bytes().to_vec();
        v.extend_from_slice(value);
        v
    }

    #[test]
    fn pairs_become_lines() {
        let mut b = SENTINEL.to_vec();
        b.extend(wide_pair(0, b"SECTION\0"));
        b.extend(wide_pair(2, b"ENTITIES\0"));
        b.extend(wide_pair(10, &2.5f64.to_le_bytes()));
        b.extend(wide_pair(70, &1i16.to_le_bytes()));
        b.extend(wide_pair(90, &7i32.to_le_bytes()));
        b.extend(wide_pair(310, &[2, 0xAB, 0x01]));
        b.extend(wide_pair(0, b"EOF\0"));
        let text = to_text(Path::new("b.dxf"), &b).unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "0\nSECTION\n2\nENTITIES\n10\n2.5\n70\n1\n90\n7\n310\nAB01\n0\nEOF\n"
        );
    }

    #[test]
    fn r12_codes_are_one_byte() {
        let mut b = SENTINEL.to_vec();
        b.extend([0u8]);
        b.extend(b"SECTION\0");
        b.extend([255u8, 0xE8, 0x03]); // 1000
        b.extend(b"x\0");
        let text = to_text(Path::new("b.dxf"), &b).unwrap();
        assert_eq!(String::from_utf8(text).unwrap(), "0\nSECTION\n1000\nx\n");
    }

    #[test]
    fn a_cut_value_is_located_by_its_pair() {
        let mut b = SENTINEL.to_vec();
        b.extend(wide_pair(0, b"SECTION\0"));
        b.extend(wide_pair(10, &[0, 0, 0]));
        let e = to_text(Path::new("b.dxf"), &b).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message_en.contains("truncated"), "{e}");
    }
}
