//! # G06 certified-area-mismatch
//!
//! **What it checks.** When the plan records a certified area
//! (`committee.certified_area`, from the property certificate or a survey),
//! the premises area measured on the plan (every level) differs from it by
//! no more than 10% of the certified area. A difference of exactly 10% is
//! within (both areas rounded to 0.01 m² and compared in whole hundredths,
//! so the boundary is exact).
//!
//! **Why.** The area thresholds (A2-1.1, A2-1.2, A2-1.2a) compare the
//! certified area, which the plan itself cannot confirm. A large gap means
//! one of the two is wrong: a room left off the plan or drawn at the wrong
//! scale, a certificate that predates an extension, or zones that put a
//! premises room outside the premises. The street should know before it
//! relies on either figure.
//!
//! **Clause.** Not a clause: the plan's consistency with its certificate
//! (`rules.md` A, "Which area").
//!
//! **Interpretation.** The premises area is that of `rules.md`: rooms
//! holding neither `ResidentActivity` nor `Courtyard`. Certificates often
//! count the building's gross area (walls and shared stairs included) while
//! the plan measures rooms, which is why the rule tolerates 10% and only
//! advises.

use crate::rules::{rule, Code, Finding, PlanCtx};

/// In whole hundredths of a square metre.
fn hundredths(m2: f64) -> i64 {
    (m2 * 100.0).round() as i64
}

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let Some(cert) = ctx.plan.committee.certified_area.as_ref() else {
        return Vec::new();
    };
    if !cert.m2.is_finite() || cert.m2 <= 0.0 {
        return Vec::new();
    }
    let c = hundredths(cert.m2);
    let m = hundredths(ctx.geom.premises_area);
    let diff = (m - c).abs();
    if diff * 10 <= c {
        return Vec::new();
    }
    let (cm, mm, dm) = (c as f64 / 100.0, m as f64 / 100.0, diff as f64 / 100.0);
    let (src_zh, src_en) = if cert.source.trim().is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("({})", cert.source.trim()),
            format!(" ({})", cert.source.trim()),
        )
    };
    vec![Finding::new(
        rule(Code::G06),
        format!(
            "平面图实测办公用房面积 {mm:.2}㎡ 与产证面积 {cm:.2}㎡{src_zh} 相差 {dm:.2}㎡,超过产证面积的10%:其中之一有误;面积标准按产证面积 {cm:.2}㎡ 衡量"
        ),
        format!(
            "The premises area measured on the plan, {mm:.2} m², and the certified area, {cm:.2} m²{src_en}, differ by {dm:.2} m², more than 10% of the certified area: one of them is wrong; the area thresholds use the certified {cm:.2} m²"
        ),
    )]
}
