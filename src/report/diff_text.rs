//! `juwei diff OLD NEW` for people at a terminal: one line per change, the
//! findings introduced, regraded, fixed and remaining, and the cost of the
//! change.

use std::fmt::Write as _;

use crate::diff::{PlanDiff, RoomState};
use crate::followup::cost::{yuan, Prices};
use crate::geom::area::round2;
use crate::model::{Lang, Plan, Zone};
use crate::rules::Finding;

fn zones_str(z: &[Zone], lang: Lang) -> String {
    z.iter()
        .map(|z| z.name(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

/// One line per change, for a terminal.
pub fn to_text(
    d: &PlanDiff,
    old: &Plan,
    new: &Plan,
    old_path: &str,
    new_path: &str,
    lang: Lang,
    prices: Option<&Prices>,
) -> String {
    let l = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({})  {} {} → {}",
        new.committee.name,
        new.committee.code,
        l("修订", "revision"),
        old.revision.number,
        new.revision.number
    );
    let _ = writeln!(
        out,
        "  {} {old_path}\n  {} {new_path}",
        l("旧:", "old:"),
        l("新:", "new:")
    );
    let _ = writeln!(
        out,
        "\n{}: {:.2} ㎡ → {:.2} ㎡ ({} ㎡)",
        l("办公用房面积", "Premises area"),
        d.premises_before_m2,
        d.premises_after_m2,
        signed(d.premises_delta_m2())
    );
    let room = |r: &RoomState| {
        format!(
            "{} {} · {:.2} ㎡ · {}",
            r.id,
            r.name,
            r.area_m2,
            zones_str(&r.zones, lang)
        )
    };
    if d.rooms_unchanged() {
        let _ = writeln!(out, "\n{}", l("房间没有变化。", "No room changed."));
    }
    for (rooms, title, sign) in [
        (&d.added, l("新增房间", "Rooms added"), '+'),
        (&d.removed, l("撤除房间", "Rooms removed"), '-'),
    ] {
        if !rooms.is_empty() {
            let _ = writeln!(out, "\n{title} ({})", rooms.len());
            for r in rooms {
                let _ = writeln!(out, "  {sign} {}", room(r));
            }
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            l("变更房间", "Rooms changed"),
            d.changed.len()
        );
        for c in &d.changed {
            let mut parts = Vec::new();
            if c.renamed() {
                parts.push(format!(
                    "{} “{}” → “{}”",
                    l("改名", "renamed"),
                    c.before.name,
                    c.after.name
                ));
            }
            if c.resized() {
                parts.push(format!(
                    "{} {:.2} → {:.2} ㎡ ({})",
                    l("面积", "area"),
                    c.before.area_m2,
                    c.after.area_m2,
                    signed(round2(c.after.area_m2 - c.before.area_m2))
                ));
            }
            if c.rezoned() {
                parts.push(format!(
                    "{} {} → {}",
                    l("功能区", "zones"),
                    zones_str(&c.before.zones, lang),
                    zones_str(&c.after.zones, lang)
                ));
            }
            let _ = writeln!(
                out,
                "  ~ {} {}: {}",
                c.after.id,
                c.after.name,
                parts.join("; ")
            );
        }
    }
    if !d.moved.is_empty() {
        let _ = writeln!(
            out,
            "\n{}: {}",
            l("仅位置变化", "Moved only"),
            d.moved.join(", ")
        );
    }
    if !d.items.is_empty() {
        let _ = writeln!(out, "\n{}", l("物品变化", "Items"));
        for c in &d.items {
            let _ = writeln!(
                out,
                "  {} {}: {} → {}",
                if c.after > c.before { "+" } else { "-" },
                c.kind.name(lang),
                c.before,
                c.after
            );
        }
    }
    let finding = |f: &Finding| {
        let rooms = if f.rooms.is_empty() {
            String::new()
        } else {
            format!(" [{}]", f.rooms.join(", "))
        };
        format!(
            "{} {:<9} {}{rooms} ({})",
            f.severity.name(lang),
            f.code,
            f.message(lang),
            f.clause
        )
    };
    let nums = d.numbers();
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("新出现的问题", "Findings introduced"),
        d.introduced.len()
    );
    for (n, f) in nums.introduced.iter().zip(&d.introduced) {
        let _ = writeln!(out, "  {n:>2}. ✗ {}", finding(f));
    }
    if !d.regraded.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({})",
            l(
                "程度变化的问题 (同一问题)",
                "Findings regraded (same problem)"
            ),
            d.regraded.len()
        );
        for (n, (o, f)) in nums.regraded.iter().zip(&d.regraded) {
            let _ = writeln!(
                out,
                "  {n:>2}. ~ {} {} → {}",
                o.code,
                o.severity.name(lang),
                finding(f)
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("已解决的问题", "Findings fixed"),
        d.fixed.len()
    );
    for (n, f) in nums.fixed.iter().zip(&d.fixed) {
        let _ = writeln!(out, "  {n:>2}. ✓ {}", finding(f));
    }
    let _ = writeln!(
        out,
        "\n{} ({})",
        l("仍存在的问题", "Findings remaining"),
        d.unchanged.len()
    );
    for (n, f) in nums.unchanged.iter().zip(&d.unchanged) {
        let _ = writeln!(out, "  {n:>2}. · {}", finding(f));
    }
    let _ = writeln!(
        out,
        "\n{} {}",
        l("新修订版结论:", "New revision:"),
        if d.new_report.summary().fails() {
            l("不合格", "FAIL")
        } else {
            l("合格", "PASS")
        }
    );
    if let Some(prices) = prices {
        let c = d.cost(prices);
        let _ = writeln!(
            out,
            "\n{}: {} ({} {:.2} ㎡ {}; {} {})",
            l("调整费用", "Cost of the change"),
            yuan(c.cost.total_fen()),
            l("新增面积", "area added"),
            c.area_m2,
            yuan(c.cost.area_fen),
            l("新增物品", "items added"),
            yuan(c.cost.equipment_fen),
        );
        for (k, n, fen) in &c.items {
            let _ = writeln!(out, "  + {} × {n}: {}", k.name(lang), yuan(*fen));
        }
        if !c.unpriced.is_empty() {
            let _ = writeln!(
                out,
                "  {}: {}",
                l("无价格 (未计入)", "no price (not counted)"),
                c.unpriced
                    .iter()
                    .map(|k| k.name(lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(out, "  ({})", prices.note(lang));
    }
    out
}
