//! The words of TEXT and MTEXT labels: escapes decoded, MTEXT formatting
//! codes stripped, and a test for labels that are annotations (areas,
//! dimensions) rather than room names.

/// Decode the `\U+XXXX` (a Unicode code point) and `\M+NXXXX` (a double-byte
/// character of code page N; 5 is GBK) escapes that DXF files before AutoCAD
/// 2007 use for characters outside their code page.
pub fn decode_escapes(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && i + 2 < chars.len() && chars[i + 2] == '+' {
            match chars[i + 1] {
                'U' | 'u' => {
                    if let Some(c) = hex(&chars, i + 3, 4).and_then(char::from_u32) {
                        out.push(c);
                        i += 7;
                        continue;
                    }
                }
                'M' | 'm' => {
                    if let (Some(page), Some(code)) = (chars.get(i + 3), hex(&chars, i + 4, 4)) {
                        if let Some(c) = multibyte(*page, code) {
                            out.push_str(&c);
                            i += 8;
                            continue;
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn hex(chars: &[char], from: usize, n: usize) -> Option<u32> {
    let digits: String = chars.get(from..from + n)?.iter().collect();
    u32::from_str_radix(&digits, 16).ok()
}

/// `\M+N` code pages: 1 Japanese, 2 Traditional Chinese, 3 Korean (Wansung),
/// 4 Korean (Johab, not supported), 5 Simplified Chinese.
fn multibyte(page: char, code: u32) -> Option<String> {
    let encoding = match page {
        '1' => encoding_rs::SHIFT_JIS,
        '2' => encoding_rs::BIG5,
        '3' => encoding_rs::EUC_KR,
        '5' => encoding_rs::GBK,
        _ => return None,
    };
    let bytes = [(code >> 8) as u8, (code & 0xff) as u8];
    let (text, _, bad) = encoding.decode(&bytes);
    (!bad).then(|| text.into_owned())
}

/// The plain text of a TEXT value: `%%` control codes resolved.
pub fn plain_text(s: &str) -> String {
    let s = decode_escapes(s);
    if !s.contains("%%") {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(at) = rest.find("%%") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let mut cs = after.chars();
        match cs.next().map(|c| c.to_ascii_lowercase()) {
            Some('d') => out.push('°'),
            Some('p') => out.push('±'),
            Some('c') => out.push('⌀'),
            Some('%') => out.push('%'),
            Some('u') | Some('o') | Some('k') => {}
            Some(c) if c.is_ascii_digit() => {
                // %%nnn: a character by its three-digit code
                let digits: String = after.chars().take(3).collect();
                if let Some(ch) = digits.parse::<u32>().ok().and_then(char::from_u32) {
                    out.push(ch);
                    rest = &after[digits.len()..];
                    continue;
                }
                out.push_str("%%");
                rest = after;
                continue;
            }
            _ => {
                out.push_str("%%");
                rest = after;
                continue;
            }
        }
        rest = cs.as_str();
    }
    out.push_str(rest);
    out
}

/// The plain text of an MTEXT value: formatting codes stripped
/// (`{\fSimSun|b0|i0|c134;接待室}` → `接待室`), paragraph breaks `\P` as
/// newlines, stacked fractions `\S1^2;` as `1/2` (and `m\S2^;` as `m2`).
pub fn strip_mtext(s: &str) -> String {
    let s = decode_escapes(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '{' | '}' => i += 1,
            '\\' if i + 1 < chars.len() => {
                let code = chars[i + 1];
                i += 2;
                match code {
                    'P' | 'X' | 'N' => out.push('\n'),
                    '~' => out.push(' '),
                    '\\' | '{' | '}' => out.push(code),
                    'L' | 'l' | 'O' | 'o' | 'K' | 'k' => {}
                    // codes with an argument up to ';'
                    'A' | 'C' | 'c' | 'F' | 'f' | 'H' | 'h' | 'Q' | 'q' | 'T' | 't' | 'W' | 'w'
                    | 'p' => {
                        while i < chars.len() && chars[i] != ';' {
                            i += 1;
                        }
                        i += 1;
                    }
                    'S' => {
                        let start = i;
                        while i < chars.len() && chars[i] != ';' {
                            i += 1;
                        }
                        let stack: String = chars[start..i.min(chars.len())].iter().collect();
                        i += 1;
                        let parts: Vec<&str> = stack.split(['^', '/', '#']).collect();
                        let (top, bottom) =
                            (parts[0].trim(), parts.get(1).map_or("", |b| b.trim()));
                        out.push_str(top);
                        if !top.is_empty() && !bottom.is_empty() {
                            out.push('/');
                        }
                        out.push_str(bottom);
                    }
                    other => out.push(other),
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    plain_text(&out)
}

/// A label's text as a room name, or `None` when it is an annotation that
/// names nothing: an area (`25.30㎡`, `S=25.3m2`, `面积: 25.3 平方米`), a
/// dimension or a number. Lines that are annotations are dropped from a
/// label of several lines; the rest are joined.
pub fn room_name(text: &str) -> Option<String> {
    let mut name = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if is_annotation(line) {
            continue;
        }
        let joins_cjk =
            name.chars().last().is_some_and(is_cjk) && line.chars().next().is_some_and(is_cjk);
        if !name.is_empty() && !joins_cjk {
            name.push(' ');
        }
        name.push_str(line);
    }
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty()).then_some(name)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Numbers with units of area or length, and nothing else.
fn is_annotation(line: &str) -> bool {
    let mut rest = line.to_lowercase();
    for word in [
        "使用面积",
        "建筑面积",
        "面积",
        "平方米",
        "平米",
        "m²",
        "m2",
        "㎡",
        "mm",
        "m",
        "s",
        "a",
    ] {
        rest = rest.replace(word, " ");
    }
    rest.chars().any(|c| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || ".,:=：×x*+-()（）~/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_and_gbk_escapes() {
        assert_eq!(decode_escapes(r"\U+529E\U+516C\U+5BA4"), "办公室");
        assert_eq!(decode_escapes(r"12\U+33a1"), "12㎡");
        // 办 is B0EC in GBK
        assert_eq!(decode_escapes(r"\M+5B0EC公室"), "办公室");
        assert_eq!(decode_escapes(r"C:\U+zz"), r"C:\U+zz");
    }

    #[test]
    fn mtext_codes() {
        assert_eq!(strip_mtext(r"{\fSimSun|b0|i0|c134;接待室}"), "接待室");
        assert_eq!(
            strip_mtext(r"\A1;{\H2.5x;\C1;老年}\P活动室"),
            "老年\n活动室"
        );
        assert_eq!(strip_mtext(r"\pxqc;{\W0.8;\T1.1;会议室}"), "会议室");
        assert_eq!(strip_mtext(r"25.3m\S2^;"), "25.3m2");
        assert_eq!(strip_mtext(r"\LA\l \{x\} 1\\2"), r"A {x} 1\2");
        assert_eq!(
            strip_mtext(r"{\fSimSun;\U+63a5\U+5f85\U+5ba4}\P12\U+33a1"),
            "接待室\n12㎡"
        );
    }

    #[test]
    fn text_control_codes() {
        assert_eq!(plain_text("%%u办公室%%u"), "办公室");
        assert_eq!(plain_text("90%%d 50%%% %%p1 %%c8"), "90° 50% ±1 ⌀8");
        assert_eq!(plain_text("%%"), "%%");
    }

    #[test]
    fn names_and_annotations() {
        assert_eq!(room_name("老年\n活动室").as_deref(), Some("老年活动室"));
        assert_eq!(room_name("接待室\n12㎡").as_deref(), Some("接待室"));
        assert_eq!(room_name("Office\n3"), Some("Office".into()));
        for a in [
            "25.30㎡",
            "S=25.3m2",
            "面积: 25.3 平方米",
            "3600",
            "A=12.00 m²",
            "4.2×3.6",
        ] {
            assert_eq!(room_name(a), None, "{a}");
        }
        assert_eq!(room_name("  "), None);
        assert_eq!(room_name("WC").as_deref(), Some("WC"));
        assert_eq!(room_name("2F 办公").as_deref(), Some("2F 办公"));
    }
}
