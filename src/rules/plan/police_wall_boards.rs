//! # A7-1.2 police-wall-boards
//!
//! **What it checks.** Applies when some room holds the `Police` zone. In
//! each police room, police function boards (`PoliceBoard`) hang on at least
//! the profile's `police_board_walls` (two) distinct walls. A board's wall is
//! its `wall` index (wall *i* runs from outline point *i* to *i+1*); boards
//! without a wall, or with an index the outline does not have, are not
//! counted, and the message says so.
//!
//! **Why.** The police room must be recognisable as one: rules on the wall
//! and function boards on at least two walls.
//!
//! **Clause.** 附件7 一.2 「集中放置上墙制度等醒目的标识特征,至少有两面墙能反映社区警务室功能的版面。」
//!
//! **Interpretation.** A "wall" is a physical wall: consecutive outline
//! segments that run on in the same straight line (a vertex put in the
//! middle of a wall, e.g. where a door or a neighbour's corner is) are one
//! wall, so two boards on them are on one wall.

use super::support::{room_en, room_zh};
use crate::model::ItemKind;
use crate::rules::{rule, Code, Finding, PlanCtx};

pub fn check(ctx: &PlanCtx) -> Vec<Finding> {
    let plan = ctx.plan;
    let need = ctx.profile.police_board_walls;
    let mut out = Vec::new();
    for p in super::support::police_rooms(ctx) {
        let room = &plan.rooms[p];
        let groups = physical_walls(&room.outline);
        let mut walls: Vec<usize> = Vec::new();
        let mut unplaced = 0u32;
        for item in plan.items_in(&room.id) {
            if item.kind != ItemKind::PoliceBoard || item.count == 0 {
                continue;
            }
            match item.wall.and_then(|w| groups.get(w as usize)) {
                Some(&g) => {
                    if !walls.contains(&g) {
                        walls.push(g);
                    }
                }
                None => unplaced = unplaced.saturating_add(item.count),
            }
        }
        let have = walls.len() as u32;
        if have >= need {
            continue;
        }
        let (extra_zh, extra_en) = if unplaced > 0 {
            (
                format!("(另有{unplaced}块版面未注明所在墙面或墙面编号无效)"),
                format!(" ({unplaced} more board(s) have no valid wall index)"),
            )
        } else {
            (String::new(), String::new())
        };
        out.push(
            Finding::new(
                rule(Code::A7_1_2),
                format!(
                    "社区警务室{}的警务功能版面只在{have}面墙上,至少需要{need}面墙{extra_zh}",
                    room_zh(room)
                ),
                format!(
                    "Police function boards hang on {have} wall(s) of police room {}; at least {need} are needed{extra_en}",
                    room_en(room)
                ),
            )
            .room(&room.id)
            .item(ItemKind::PoliceBoard),
        );
    }
    out
}

/// For each wall index of an outline, the physical wall it belongs to:
/// consecutive segments running on in the same direction share one, and so
/// do zero-length segments with the wall before them. Wall numbers are
/// small integers, not meaningful beyond equality.
pub fn physical_walls(outline: &[(f64, f64)]) -> Vec<usize> {
    let n = outline.len();
    let dir = |i: usize| {
        let (x0, y0) = outline[i];
        let (x1, y1) = outline[(i + 1) % n];
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = dx.hypot(dy);
        (len > 1e-9 && len.is_finite()).then(|| (dx / len, dy / len))
    };
    let same_line = |a: (f64, f64), b: (f64, f64)| {
        let cross = a.0 * b.1 - a.1 * b.0;
        let dot = a.0 * b.0 + a.1 * b.1;
        cross.abs() < 0.01 && dot > 0.0
    };
    let mut group = vec![0usize; n];
    let mut last_dir: Option<(f64, f64)> = None;
    let mut first_dir: Option<(f64, f64)> = None;
    let mut current = 0usize;
    for (i, g) in group.iter_mut().enumerate() {
        if let Some(d) = dir(i) {
            if let Some(prev) = last_dir {
                if !same_line(prev, d) {
                    current += 1;
                }
            } else {
                first_dir = Some(d);
            }
            last_dir = Some(d);
        }
        *g = current;
    }
    // the last wall may run on into the first one
    if let (Some(first), Some(last)) = (first_dir, last_dir) {
        if current > 0 && same_line(last, first) {
            for g in group.iter_mut().filter(|g| **g == current) {
                *g = 0;
            }
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::physical_walls;

    #[test]
    fn a_rectangle_has_four_walls() {
        let r = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];
        assert_eq!(physical_walls(&r), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_vertex_in_mid_wall_does_not_make_a_new_wall() {
        // (2, 0) splits the bottom wall, (0, 1.5) the left one
        let r = [
            (0.0, 0.0),
            (2.0, 0.0),
            (4.0, 0.0),
            (4.0, 3.0),
            (0.0, 3.0),
            (0.0, 1.5),
        ];
        assert_eq!(physical_walls(&r), vec![0, 0, 1, 2, 3, 3]);
        // starting the outline mid-wall: the last segment joins the first
        let s = [(2.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0), (0.0, 0.0)];
        assert_eq!(physical_walls(&s), vec![0, 1, 2, 3, 0]);
    }

    #[test]
    fn a_repeated_point_joins_the_wall_before() {
        let r = [(0.0, 0.0), (4.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];
        assert_eq!(physical_walls(&r), vec![0, 0, 1, 2, 3]);
    }

    #[test]
    fn degenerate_outlines_do_not_panic() {
        assert!(physical_walls(&[]).is_empty());
        assert_eq!(physical_walls(&[(1.0, 1.0)]), vec![0]);
        let nan = [(0.0, 0.0), (f64::NAN, 0.0), (1.0, 1.0)];
        assert_eq!(physical_walls(&nan).len(), 3);
    }
}
