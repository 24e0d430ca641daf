//! The planner's bundled font (assets/fonts/NotoSansSC-juwei.otf, made by
//! tools/subset-font.py) covers every character users write: the 8,105 of
//! 通用规范汉字表, Shanghai place and person names outside GB 2312, and
//! every character of the sample data and of juwei's own messages.

use std::collections::BTreeSet;
use std::path::Path;

const FONT: &[u8] = include_bytes!("../assets/fonts/NotoSansSC-juwei.otf");

fn covered() -> BTreeSet<char> {
    let face = ttf_parser::Face::parse(FONT, 0).expect("the bundled font parses");
    let mut set = BTreeSet::new();
    for sub in face.tables().cmap.expect("a cmap").subtables {
        if sub.is_unicode() {
            sub.codepoints(|cp| {
                if let Some(c) = char::from_u32(cp) {
                    if sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        set.insert(c);
                    }
                }
            });
        }
    }
    set
}

/// The characters of a list file (lines starting with `#` are notes).
fn list(path: &str) -> Vec<char> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn missing(chars: impl IntoIterator<Item = char>, font: &BTreeSet<char>) -> String {
    let mut out: Vec<char> = chars
        .into_iter()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !font.contains(c))
        .collect();
    out.sort();
    out.dedup();
    out.into_iter().collect()
}

#[test]
fn covers_the_8105_characters_of_tongyong_guifan_hanzi_biao() {
    let tgh = list("assets/fonts/tongyong-guifan-8105.txt");
    assert_eq!(tgh.len(), 8105);
    assert_eq!(tgh.iter().collect::<BTreeSet<_>>().len(), 8105);
    // the first and the last of the table, and a level-3 one in Ext B
    assert_eq!(tgh[0], '一');
    assert!(tgh.contains(&'\u{2C7DA}') || tgh.iter().any(|c| *c as u32 > 0xFFFF));
    assert_eq!(missing(tgh, &covered()), "");
}

#[test]
fn covers_shanghai_place_and_person_names() {
    let font = covered();
    let names = list("assets/fonts/place-name-chars.txt");
    for c in ['衖', '喆', '堃', '浜', '弄', '泾', '宧', '閔', '琍', '頔'] {
        assert!(names.contains(&c), "{c} is in the list");
    }
    assert_eq!(missing(names, &font), "");
}

#[test]
fn covers_gb2312_ascii_and_the_symbols_juwei_draws() {
    let font = covered();
    let ascii = (0x20u8..0x7f).map(char::from);
    assert_eq!(missing(ascii, &font), "");
    assert_eq!(
        missing("㎡²·—…“”「」、,。:;!?()【】①②③✓●○×".chars(), &font),
        ""
    );
}

/// Every character of every text file under `dir` (recursively) whose name
/// ends in one of `exts`.
fn chars_of(dir: &Path, exts: &[&str], out: &mut BTreeSet<char>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            chars_of(&path, exts, out);
        } else if path
            .extension()
            .is_some_and(|e| exts.iter().any(|x| e == *x))
        {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.extend(text.chars());
            }
        }
    }
}

#[test]
fn covers_the_sample_data_and_juweis_messages() {
    let font = covered();
    let mut chars = BTreeSet::new();
    chars_of(Path::new("plans"), &["ron", "csv"], &mut chars);
    chars_of(Path::new("tests/fixtures"), &["ron", "csv"], &mut chars);
    // what juwei says and draws: every message and label is in the source
    chars_of(Path::new("src"), &["rs"], &mut chars);
    // only the scripts a plan is written in: box drawing and emoji in code
    // comments are not drawn by the planner, nor a byte-order mark
    let wanted = chars.into_iter().filter(|c| {
        let u = *c as u32;
        (0x2E80..=0x9FFF).contains(&u)
            || ((0xF900..=0xFFEF).contains(&u) && u != 0xFEFF)
            || u >= 0x20000
    });
    assert_eq!(missing(wanted, &font), "");
}
