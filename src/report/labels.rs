//! Asset labels for A4 label sheets: one label per card with its id, name,
//! committee, custodian and room, and a QR code of the id, so a count can
//! be done by scanning. Each page is one SVG (millimetre units, 210 × 297);
//! [`labels_html`] puts all pages in one HTML file that prints one page per
//! sheet.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};

use super::register_xlsx::Names;
use crate::model::Lang;
use crate::register::AssetState;

/// Where labels sit on an A4 sheet (millimetres).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelLayout {
    pub cols: u32,
    pub rows: u32,
    pub width: f64,
    pub height: f64,
    /// Left and top margins of the sheet.
    pub left: f64,
    pub top: f64,
    /// Gaps between labels.
    pub gap_x: f64,
    pub gap_y: f64,
    /// Draw a thin grey outline round each label (for plain paper).
    pub outline: bool,
}

impl Default for LabelLayout {
    /// The common A4 sheet of 24 labels, 3 × 8, 70 × 37 mm, no gaps.
    fn default() -> Self {
        LabelLayout {
            cols: 3,
            rows: 8,
            width: 70.0,
            height: 37.0,
            left: 0.0,
            top: 0.5,
            gap_x: 0.0,
            gap_y: 0.0,
            outline: true,
        }
    }
}

impl LabelLayout {
    pub fn per_page(&self) -> usize {
        (self.cols * self.rows) as usize
    }

    /// `COLSxROWS` with the label size worked out to fill A4 (e.g. `2x7`,
    /// `3x8`, `4x10`).
    pub fn grid(cols: u32, rows: u32) -> Option<Self> {
        if cols == 0 || rows == 0 || cols > 6 || rows > 16 {
            return None;
        }
        let width = (A4_W / f64::from(cols) * 10.0).floor() / 10.0;
        let height = ((A4_H - 1.0) / f64::from(rows) * 10.0).floor() / 10.0;
        Some(LabelLayout {
            cols,
            rows,
            width,
            height,
            left: (A4_W - width * f64::from(cols)) / 2.0,
            top: (A4_H - height * f64::from(rows)) / 2.0,
            ..LabelLayout::default()
        })
    }
}

const A4_W: f64 = 210.0;
const A4_H: f64 = 297.0;
const FONTS: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','SimHei',sans-serif";

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// Rough width of text in ems: CJK and full-width characters 1, others 0.55.
fn em_width(s: &str) -> f64 {
    s.chars().map(|c| if wide(c) { 1.0 } else { 0.55 }).sum()
}

fn wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Cut `s` to fit `max_em` ems, with an ellipsis when cut.
fn fit(s: &str, max_em: f64) -> String {
    if em_width(s) <= max_em {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = if wide(c) { 1.0 } else { 0.55 };
        if w + cw > max_em - 1.0 {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// The dark modules of the QR code of `data` as one SVG path in module
/// units (quiet zone of 4 modules included), and the side in modules.
pub fn qr_path(data: &str) -> Option<(String, usize)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if colors[y * w + x] == Color::Dark {
                let start = x;
                while x < w && colors[y * w + x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    d,
                    "M{} {}h{}v1h-{}z",
                    start + 4,
                    y + 4,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    Some((d, w + 8))
}

/// What a label's QR code carries: the committee's code and the asset id
/// (`JA-CJD-014/ZC-0005`), and for one item of a batch card its number
/// (`JA-CJD-014/ZC-0005/3`), so a scan says whose thing it is.
pub fn qr_data(committee_code: &str, id: &str, part: Option<(u32, u32)>) -> String {
    match part {
        Some((k, _)) => format!("{committee_code}/{id}/{k}"),
        None => format!("{committee_code}/{id}"),
    }
}

/// One label per physical thing: a batch card of 12 chairs gives 12
/// labels, numbered `1/12` … `12/12`.
pub fn physical_labels<'a>(cards: &[&'a AssetState]) -> Vec<(&'a AssetState, Option<(u32, u32)>)> {
    let mut out = Vec::new();
    for a in cards {
        if a.count <= 1 {
            out.push((*a, None));
        } else {
            out.extend((1..=a.count).map(|k| (*a, Some((k, a.count)))));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn label(
    out: &mut String,
    a: &AssetState,
    part: Option<(u32, u32)>,
    code: &str,
    committee: &str,
    names: &Names,
    lang: Lang,
    (x, y): (f64, f64),
    l: &LabelLayout,
) {
    let pad = 2.5;
    let qr = (l.height - 2.0 * pad).min(l.width * 0.45);
    let _ = write!(out, "<g transform=\"translate({x:.2} {y:.2})\">");
    if l.outline {
        let _ = write!(
            out,
            "<rect x=\"0.3\" y=\"0.3\" width=\"{:.2}\" height=\"{:.2}\" rx=\"1.5\" fill=\"none\" stroke=\"#c8c8c8\" stroke-width=\"0.15\"/>",
            l.width - 0.6,
            l.height - 0.6
        );
    }
    if let Some((d, n)) = qr_path(&qr_data(code, &a.id, part)) {
        let s = qr / n as f64;
        let _ = write!(
            out,
            "<path transform=\"translate({pad:.2} {:.2}) scale({s:.4})\" d=\"{d}\" fill=\"#000\" shape-rendering=\"crispEdges\"/>",
            (l.height - qr) / 2.0
        );
    }
    let tx = pad + qr + 1.5;
    let tw = l.width - tx - pad;
    // font sizes scale with the label's height (37 mm → 1.0)
    let k = (l.height / 37.0).clamp(0.6, 1.4);
    let small = 2.5 * k;
    let big = 3.6 * k;
    let id = 4.2 * k;
    let mut line_y = pad + small;
    let mut text = |out: &mut String, s: &str, size: f64, weight: &str, family: &str, dy: f64| {
        line_y += dy;
        let _ = write!(
            out,
            "<text x=\"{tx:.2}\" y=\"{line_y:.2}\" font-size=\"{size:.2}\" font-weight=\"{weight}\" font-family=\"{family}\">{}</text>",
            esc(&fit(s, tw / size))
        );
    };
    // long names shrink (down to the small size) before they are cut
    // (with a little room to spare: the em estimate is rough for mixed text)
    let shrink = |s: &str, max: f64, min: f64| (0.94 * tw / em_width(s).max(1.0)).clamp(min, max);
    text(
        out,
        committee,
        shrink(committee, small, small * 0.75),
        "normal",
        FONTS,
        0.0,
    );
    text(
        out,
        lang.pick("固定资产", "Fixed asset"),
        small,
        "normal",
        FONTS,
        small * 1.3,
    );
    text(
        out,
        &a.name,
        shrink(&a.name, big, small),
        "bold",
        FONTS,
        big * 1.45,
    );
    let id_text = match part {
        Some((k, n)) => format!("{} {k}/{n}", a.id),
        None => a.id.clone(),
    };
    text(
        out,
        &id_text,
        id,
        "bold",
        "'DejaVu Sans Mono','Consolas',monospace",
        id * 1.35,
    );
    let who = a.custodian.as_deref().unwrap_or("—");
    text(
        out,
        &format!("{}{who}", lang.pick("保管人:", "Custodian: ")),
        small,
        "normal",
        FONTS,
        small * 1.7,
    );
    let room = names.opt_room(a.location.as_deref());
    text(
        out,
        &format!("{}{room}", lang.pick("地点:", "Room: ")),
        small,
        "normal",
        FONTS,
        small * 1.35,
    );
    text(
        out,
        &format!("{}{}", lang.pick("取得:", "Acquired: "), a.acquired),
        small,
        "normal",
        FONTS,
        small * 1.35,
    );
    out.push_str("</g>");
}

/// One SVG document per page of labels.
pub fn label_pages(
    cards: &[(&AssetState, Option<(u32, u32)>)],
    committee_code: &str,
    names: &Names,
    layout: &LabelLayout,
    lang: Lang,
) -> Vec<String> {
    let committee = names.committee(committee_code);
    cards
        .chunks(layout.per_page().max(1))
        .map(|page| {
            let mut s = String::with_capacity(page.len() * 4096);
            let _ = write!(
                s,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\">\n<rect width=\"210\" height=\"297\" fill=\"#fff\"/>\n"
            );
            for (i, (a, part)) in page.iter().enumerate() {
                let (c, r) = (i as u32 % layout.cols, i as u32 / layout.cols);
                let x = layout.left + f64::from(c) * (layout.width + layout.gap_x);
                let y = layout.top + f64::from(r) * (layout.height + layout.gap_y);
                label(
                    &mut s,
                    a,
                    *part,
                    committee_code,
                    &committee,
                    names,
                    lang,
                    (x, y),
                    layout,
                );
                s.push('\n');
            }
            s.push_str("</svg>\n");
            s
        })
        .collect()
}

/// All pages in one HTML file that prints one A4 page per sheet.
pub fn labels_html(pages: &[String], title: &str) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>@page {{ size: A4; margin: 0 }} body {{ margin: 0 }} svg {{ display: block; page-break-after: always; break-after: page }}</style></head><body>\n",
        esc(title)
    );
    for p in pages {
        s.push_str(p);
    }
    s.push_str("</body></html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_path_draws_exactly_the_dark_modules() {
        let (d, n) = qr_path("ZC-0001").unwrap();
        let code = QrCode::with_error_correction_level(b"ZC-0001", EcLevel::M).unwrap();
        assert_eq!(n, code.width() + 8);
        // every run is "M x y h len v1 h-len z": add up the lengths
        let drawn: usize = d
            .split('M')
            .filter(|r| !r.is_empty())
            .map(|r| {
                r.split('h')
                    .nth(1)
                    .unwrap()
                    .split('v')
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(drawn, dark);
    }

    #[test]
    fn long_names_shrink_before_they_are_cut() {
        let reg = crate::register::parse_register(
            std::path::Path::new("r.ron"),
            r#"(format: 1, committee: "JA-X", events: [
                (date: "2024-01-02", asset: "ZC-1", event: Acquire((source: Purchase,
                 name: "台式计算机(政务内网)", unit_value_fen: 500000, custodian: "张三", location: "R1"))),
            ])"#,
        )
        .unwrap();
        let state = reg.state_at(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        let a = &state.assets[0];
        let mut out = String::new();
        let names = Names::default();
        label(
            &mut out,
            a,
            None,
            "JA-JNL-018",
            "恒德苑居委会 (JA-JNL-018)",
            &names,
            Lang::Zh,
            (0.0, 0.0),
            &LabelLayout::default(),
        );
        assert!(out.contains("台式计算机(政务内网)"), "{out}");
        assert!(out.contains("恒德苑居委会 (JA-JNL-018)"), "{out}");
    }

    #[test]
    fn a_batch_card_gets_a_label_per_thing_and_the_qr_says_whose() {
        let reg = crate::register::parse_register(
            std::path::Path::new("r.ron"),
            r#"(format: 1, committee: "JA-X", events: [
                (date: "2024-01-02", asset: "ZC-5", event: Acquire((source: Purchase,
                 name: "会议椅", unit_value_fen: 30000, count: 12, location: "R2"))),
                (date: "2024-01-02", asset: "ZC-6", event: Acquire((source: Purchase,
                 name: "电脑", unit_value_fen: 500000, location: "R1"))),
            ])"#,
        )
        .unwrap();
        let state = reg.state_at(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        let cards: Vec<&AssetState> = state.in_use().collect();
        let labels = physical_labels(&cards);
        assert_eq!(labels.len(), 13);
        assert_eq!(labels[2].1, Some((3, 12)));
        let pages = label_pages(
            &labels,
            "JA-X",
            &Names::default(),
            &LabelLayout::default(),
            Lang::Zh,
        );
        assert!(pages[0].contains("ZC-5 3/12"), "{}", pages[0]);
        assert_eq!(qr_data("JA-X", "ZC-5", Some((3, 12))), "JA-X/ZC-5/3");
        assert_eq!(qr_data("JA-X", "ZC-6", None), "JA-X/ZC-6");
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(fit("电脑", 8.0), "电脑");
        let cut = fit("多功能彩色激光打印复印扫描一体机", 8.0);
        assert!(cut.ends_with('…') && em_width(&cut) <= 8.0, "{cut}");
        assert_eq!(esc("a<b&\"c\""), "a&lt;b&amp;&quot;c&quot;");
    }

    #[test]
    fn grids_fill_a4() {
        let l = LabelLayout::grid(2, 7).unwrap();
        assert_eq!(l.per_page(), 14);
        assert!(l.left + l.width * 2.0 <= 210.0 && l.top + l.height * 7.0 <= 297.0);
        assert!(LabelLayout::grid(0, 3).is_none());
    }
}
