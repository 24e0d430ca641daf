//! Making data safe to print on a terminal: the one place where control
//! characters from names, notes and paths are neutralised, on standard
//! output and standard error alike (issue 15, item 8).
//!
//! A committee's data may hold escape sequences (a room named
//! `"\x1b]0;title\x07"`); printed raw on a terminal they set the window
//! title, insert hyperlinks or clear the screen, and could hide a
//! committee's own violations from a street clerk's screen. Every C0 control
//! character but newline and tab, DEL, and every C1 control character is
//! replaced by a visible stand-in: C0 by its Unicode "control picture"
//! (`␛`, `␇`, `␍`…), DEL by `␡`, C1 by `�`.
//!
//! [`clean`] is for plain text (stderr, files, one data string).
//! [`clean_styled`] is for the text reports juwei styles itself: it keeps
//! the few SGR colour sequences juwei's writers emit (bold, dim, the
//! severity colours, reset) and nothing else, so a sequence in the data
//! that is not one of those is shown, not obeyed.

use std::borrow::Cow;

fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

fn stand_in(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `s` with every control character (but newline and tab) replaced by a
/// visible stand-in.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_control(c) { stand_in(c) } else { c })
            .collect(),
    )
}

/// The SGR parameters juwei's own writers use: reset, bold, dim, normal
/// intensity, the colours red, green, yellow, blue, magenta, cyan, white
/// (normal and bright; never black, which could hide text), default colour.
fn juwei_sgr(params: &str) -> bool {
    params.split(';').all(|p| {
        matches!(
            p,
            "" | "0"
                | "1"
                | "2"
                | "22"
                | "39"
                | "31"
                | "32"
                | "33"
                | "34"
                | "35"
                | "36"
                | "37"
                | "91"
                | "92"
                | "93"
                | "94"
                | "95"
                | "96"
                | "97"
        )
    })
}

/// Like [`clean`], but keeps the plain SGR style sequences juwei's text
/// writers emit (`ESC [ 1 m`, `ESC [ 31 m`, `ESC [ 0 m`…).
pub fn clean_styled(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}' {
            if let Some(body) = rest.strip_prefix("\u{1b}[") {
                let end = body
                    .find(|ch: char| !(ch.is_ascii_digit() || ch == ';'))
                    .unwrap_or(body.len());
                if body[end..].starts_with('m') && end <= 16 && juwei_sgr(&body[..end]) {
                    let seq = &rest[..2 + end + 1];
                    out.push_str(seq);
                    rest = &rest[seq.len()..];
                    continue;
                }
            }
        }
        out.push(if is_control(c) { stand_in(c) } else { c });
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// `eprintln!` with the message made safe for the terminal
/// ([`clean`]): every message juwei prints on standard error goes through it.
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::text::clean(&format!($($arg)*)))
    };
}

/// `println!` with the message made safe for the terminal ([`clean`]),
/// for the few lines a command prints outside [`crate::cli::emit`].
#[macro_export]
macro_rules! say_out {
    ($($arg:tt)*) => {
        println!("{}", $crate::text::clean(&format!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_from_data_are_shown_not_obeyed() {
        let title = "R1\u{1b}]0;pwned\u{7}名\u{1b}[2J\u{9b}31m\r\u{7f}";
        let c = clean(title);
        assert_eq!(c, "R1␛]0;pwned␇名␛[2J�31m␍␡");
        assert_eq!(clean("a\nb\tc 中文"), "a\nb\tc 中文");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn juwei_styles_are_kept_but_not_others() {
        let red = anstyle::Style::new()
            .fg_color(Some(anstyle::AnsiColor::Red.into()))
            .bold();
        let dim = anstyle::Style::new().dimmed();
        let ours = format!("{red}违规{red:#} {dim}x{dim:#}\n");
        assert_eq!(clean_styled(&ours), ours);
        let data = format!("{red}\u{1b}[8m隐藏\u{1b}]8;;http://x\u{7}{red:#}");
        let c = clean_styled(&data);
        assert!(!c.contains("\u{1b}[8m") && !c.contains("\u{1b}]"), "{c:?}");
        assert!(c.starts_with(&red.to_string()));
        // black text could hide a line
        assert!(!clean_styled("\u{1b}[30mx").contains('\u{1b}'));
    }

    proptest! {
        #[test]
        fn nothing_but_juwei_styles_survives(s in any::<String>()) {
            let plain = clean(&s);
            prop_assert!(!plain.chars().any(is_control));
            let styled = clean_styled(&s);
            // what is left of ESC is only ever a kept SGR
            for (i, _) in styled.match_indices('\u{1b}') {
                let body = &styled[i + 2..];
                let end = body.find('m').unwrap();
                prop_assert!(juwei_sgr(&body[..end]));
            }
        }
    }
}
