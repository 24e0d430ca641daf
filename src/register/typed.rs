//! What people type, read the way they mean it: asset ids written with
//! another case, full-width characters, other dashes or spaces; quantities
//! with a measure word or in Chinese numerals; dates as Excel and Chinese
//! habits write them; money in yuan; room names instead of room ids.
//!
//! Shared by the count sheet, `juwei register import` and `juwei record`,
//! so that one spelling is understood the same way everywhere.

use std::collections::HashMap;

use chrono::NaiveDate;

/// A character as typed with a Chinese input method, in its ASCII form:
/// full-width letters, digits and punctuation (`ＺＣ－０１`), the
/// ideographic space.
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Every kind of dash people (and word processors) put in an id.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{fe58}'
                | '\u{fe63}'
                | '\u{ff0d}'
                | '\u{2e3a}'
                | '\u{2e3b}'
    )
}

/// The form asset ids are compared in: ASCII for full-width, upper case,
/// one kind of dash, no spaces. `zc－0012 ` and `ZC-0012` are the same id.
pub fn id_key(s: &str) -> String {
    s.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .flat_map(char::to_uppercase)
        .collect()
}

/// Levenshtein distance in characters (for "did you mean").
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Two ids that are probably the same label mistyped: equal but for
/// leading zeros of their number (`ZC-002` for `ZC-0002`), or one edit
/// apart once compared as [`id_key`]s.
pub fn ids_look_alike(a: &str, b: &str) -> bool {
    let (ka, kb) = (id_key(a), id_key(b));
    if ka == kb {
        return true;
    }
    if strip_zeros(&ka) == strip_zeros(&kb) {
        return true;
    }
    ka.chars().count() >= 4 && edit_distance(&ka, &kb) <= 1
}

/// An id key without the leading zeros of its numbers (`ZC-0002` → `ZC-2`).
pub(crate) fn strip_zeros(k: &str) -> String {
    let mut out = String::new();
    let mut in_zeros = true;
    for c in k.chars() {
        if c == '0' && in_zeros {
            continue;
        }
        in_zeros = !c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// The id among `known` that `typed` most probably meant, if one stands out.
pub fn suggest_id<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let key = id_key(typed);
    let mut best: Option<(usize, &'a str)> = None;
    let mut tie = false;
    for k in known {
        let kk = id_key(k);
        let d = if kk == key {
            0
        } else if strip_zeros(&kk) == strip_zeros(&key) {
            1
        } else {
            let d = edit_distance(&key, &kk);
            if d > 2 || d * 3 > key.chars().count().max(1) {
                continue;
            }
            d + 1
        };
        match best {
            Some((bd, _)) if d > bd => {}
            Some((bd, _)) if d == bd => tie = true,
            _ => {
                best = Some((d, k));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, k)| k)
}

/// The value of a Chinese numeral up to 99,999 (`两`, `十二`, `二十`,
/// `一百零五`, `〇`), or of digits in any width.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' | '俩' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let unit = |c: char| -> Option<u32> {
        Some(match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' => 10000,
            _ => return None,
        })
    };
    if s.is_empty() {
        return None;
    }
    // 一二 / 二〇 as digits, one after the other
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some()) && !s.contains('两') {
        return s
            .chars()
            .try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total = 0u32;
    let mut section = 0u32;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            if u == 10000 {
                section += pending.take().unwrap_or(0);
                total = total.checked_add(section.checked_mul(u)?)?;
                section = 0;
            } else {
                section += pending.take().unwrap_or(1) * u;
            }
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// Measure words clerks put after a count (`2台`, `12把`).
const MEASURE_WORDS: &[char] = &[
    '个', '台', '把', '张', '件', '套', '部', '只', '组', '盆', '块', '面', '架', '辆', '本', '副',
    '扇', '盏', '具', '床', '顶', '条', '支', '根', '箱', '株', '樽', '尊', '幅', '座', '对', '双',
    '批', '项',
];

/// A count as people write it: `3`, `３`, `3.0` (Excel), `2台`, `12把`,
/// `两`, `十二`, `两台`. `None` for anything else (and for negatives and
/// fractions). The second value says whether the text was more than plain
/// digits, so the reader can note how it was read.
pub fn parse_quantity(s: &str) -> Option<(u32, bool)> {
    let t: String = s.trim().chars().map(half_width).collect();
    let t = t.trim();
    if let Ok(n) = t.parse::<u32>() {
        return Some((n, false));
    }
    if let Ok(f) = t.parse::<f64>() {
        // Excel writes whole numbers of a number-formatted column as `3.0`
        if f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) {
            return Some((f as u32, false));
        }
        return None;
    }
    let body = t.trim_end_matches(|c| MEASURE_WORDS.contains(&c)).trim();
    if body.is_empty() || body.chars().count() == t.chars().count() && t.parse::<u32>().is_err() {
        // no measure word: a Chinese numeral, or nothing we know
        return chinese_number(t).map(|n| (n, true));
    }
    if let Ok(n) = body.parse::<u32>() {
        return Some((n, true));
    }
    chinese_number(body).map(|n| (n, true))
}

/// A date as people write it in a sheet: `2025-12-28`, `2025/12/28`,
/// `2025.12.28`, `2025年12月28日`, `20251228`, with or without leading
/// zeros, in full-width digits too.
pub fn parse_loose_date(s: &str) -> Option<NaiveDate> {
    let t: String = s.trim().chars().map(half_width).collect();
    let t = t.trim().trim_end_matches('日').trim_end_matches('号');
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    // a time after the date (Excel's text export of a date cell)
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// An Excel serial day number (1900 date system) as a date.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Excel's serial day numbers count from 1899-12-30
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_signed(chrono::TimeDelta::days(serial.floor() as i64))
}

/// Money in yuan as written (`5680`, `5,680.00`, `¥5680.5`, `5680元`,
/// full-width digits) to integer fen, exactly (no floating point): more
/// than two decimals is refused rather than rounded.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let t: String = s.trim().chars().map(half_width).collect();
    let t = t
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_start_matches("RMB")
        .trim_end_matches('元')
        .trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let t: String = t.chars().filter(|c| *c != ',' && *c != '，').collect();
    if t.is_empty() {
        return None;
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // an Excel float like 5680.0000000001 is not what anyone typed: the
    // digits past the second decimal must be zeros
    let (cents, rest) = frac.split_at(frac.len().min(2));
    if rest.bytes().any(|b| b != b'0') {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let c: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    let v = w.checked_mul(100)?.checked_add(c)?;
    Some(if neg { -v } else { v })
}

/// Money in a number cell (Excel stores yuan as a float) to fen, when it is
/// a whole number of fen up to float noise.
pub fn yuan_float_to_fen(f: f64) -> Option<i64> {
    if !f.is_finite() || f.abs() > 9.0e13 {
        return None;
    }
    let fen = (f * 100.0).round();
    ((f * 100.0 - fen).abs() < 1e-6).then_some(fen as i64)
}

/// How a room written in a sheet or on the command line was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomMatch {
    /// A room id of the plan, written as such.
    Id(String),
    /// Understood through the plan: `办公室` or `R1 办公室` → `R1`.
    Named(String),
    /// Several rooms have that name.
    Ambiguous(Vec<String>),
    /// Not a room of the plan.
    Unknown,
}

/// Resolve `text` against the plan's rooms (id → name): a room id (in any
/// case or width), `R1 办公室` (what juwei prints), or a room name.
pub fn resolve_room(rooms: &HashMap<String, String>, text: &str) -> RoomMatch {
    let t = text.trim();
    if rooms.contains_key(t) {
        return RoomMatch::Id(t.to_string());
    }
    let key = id_key(t);
    let by_key: Vec<&String> = rooms.keys().filter(|id| id_key(id) == key).collect();
    if by_key.len() == 1 {
        return RoomMatch::Named(by_key[0].clone());
    }
    // `R1 办公室`, `R1办公室`, `R1-办公室`: an id followed by its own name
    let mut by_prefix: Vec<&String> = rooms
        .iter()
        .filter(|(id, name)| {
            t.strip_prefix(id.as_str()).is_some_and(|rest| {
                let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || is_dash(c));
                rest.is_empty() || rest == name.trim()
            })
        })
        .map(|(id, _)| id)
        .collect();
    if by_prefix.len() == 1 {
        return RoomMatch::Named(by_prefix.remove(0).clone());
    }
    let squash = |s: &str| -> String { s.chars().filter(|c| !c.is_whitespace()).collect() };
    let st = squash(t);
    let mut by_name: Vec<String> = rooms
        .iter()
        .filter(|(_, name)| !name.trim().is_empty() && squash(name) == st)
        .map(|(id, _)| id.clone())
        .collect();
    by_name.sort();
    match by_name.len() {
        0 => RoomMatch::Unknown,
        1 => RoomMatch::Named(by_name.remove(0)),
        _ => RoomMatch::Ambiguous(by_name),
    }
}

/// Excel-style name of a cell: 0-based column, 1-based row (`(6, 7)` → `G7`).
pub fn cell_name(col: usize, row: usize) -> String {
    format!("{}{row}", col_letters(col))
}

/// The letters of a 0-based column index (`0` → `A`, `27` → `AB`).
pub fn col_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_compare_without_case_width_dash_or_space() {
        assert_eq!(id_key("zc-0012"), "ZC-0012");
        assert_eq!(id_key("ＺＣ－００１２"), "ZC-0012");
        assert_eq!(id_key("ZC—0012 "), "ZC-0012");
        assert_eq!(id_key("ZC – 0012"), "ZC-0012");
        assert!(ids_look_alike("ZC-002", "ZC-0002"));
        assert!(!ids_look_alike("ZC-0021", "ZC-0012"));
        assert!(!ids_look_alike("ZC-12", "XY-99"));
    }

    #[test]
    fn suggestions_pick_one_close_id() {
        let known = ["ZC-0001", "ZC-0002", "ZC-0012", "ZC-0100"];
        assert_eq!(suggest_id("ZC-002", known), Some("ZC-0002"));
        assert_eq!(suggest_id("zc0012", known), Some("ZC-0012"));
        assert_eq!(suggest_id("XY-9999", known), None);
    }

    #[test]
    fn quantities_as_clerks_write_them() {
        let q = |s| parse_quantity(s).map(|x| x.0);
        assert_eq!(q("3"), Some(3));
        assert_eq!(q("１２"), Some(12));
        assert_eq!(q("3.0"), Some(3));
        assert_eq!(q("2台"), Some(2));
        assert_eq!(q("12把"), Some(12));
        assert_eq!(q("两"), Some(2));
        assert_eq!(q("两台"), Some(2));
        assert_eq!(q("十二"), Some(12));
        assert_eq!(q("二十"), Some(20));
        assert_eq!(q("一百零五"), Some(105));
        assert_eq!(q("〇"), Some(0));
        assert_eq!(q("1.5"), None);
        assert_eq!(q("-1"), None);
        assert_eq!(q("two"), None);
        assert_eq!(q("没数"), None);
        assert_eq!(parse_quantity("3"), Some((3, false)));
        assert_eq!(parse_quantity("3台"), Some((3, true)));
    }

    #[test]
    fn dates_as_people_write_them() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_loose_date("2023/3/1"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("2023-03-01"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("2023年3月1日"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("2023.3.1"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("20230301"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("2023-03-01 00:00:00"), d(2023, 3, 1));
        assert_eq!(parse_loose_date("2023/2/30"), None);
        assert_eq!(parse_loose_date("3/1/2023"), None);
        assert_eq!(excel_serial_date(45352.0), d(2024, 3, 1));
    }

    #[test]
    fn money_is_exact_fen() {
        assert_eq!(parse_yuan("5680"), Some(568000));
        assert_eq!(parse_yuan("5,680.00"), Some(568000));
        assert_eq!(parse_yuan("￥5680.5"), Some(568050));
        assert_eq!(parse_yuan("5680元"), Some(568000));
        assert_eq!(parse_yuan("0.05"), Some(5));
        assert_eq!(parse_yuan("1.005"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(yuan_float_to_fen(1899.0), Some(189900));
        assert_eq!(yuan_float_to_fen(0.1 + 0.2), Some(30));
        assert_eq!(yuan_float_to_fen(1.005), None);
    }

    #[test]
    fn rooms_by_id_name_or_both() {
        let rooms: HashMap<String, String> = [
            ("R1", "办公室"),
            ("R2", "会议室"),
            ("R3", "活动室"),
            ("R4", "活动室"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(resolve_room(&rooms, "R1"), RoomMatch::Id("R1".into()));
        assert_eq!(resolve_room(&rooms, "r1"), RoomMatch::Named("R1".into()));
        assert_eq!(
            resolve_room(&rooms, "办公室"),
            RoomMatch::Named("R1".into())
        );
        assert_eq!(
            resolve_room(&rooms, "R1 办公室"),
            RoomMatch::Named("R1".into())
        );
        assert_eq!(
            resolve_room(&rooms, "活动室"),
            RoomMatch::Ambiguous(vec!["R3".into(), "R4".into()])
        );
        assert_eq!(resolve_room(&rooms, "厨房"), RoomMatch::Unknown);
        assert_eq!(cell_name(6, 7), "G7");
        assert_eq!(col_letters(27), "AB");
    }
}
