//! Where a room's items stand, in plan metres: one algorithm for the
//! planner's canvas and picking ([`crate::edit::layout`]) and the report's
//! drawing ([`crate::report::svg`]), so that an item stands in the same place
//! on screen and on paper.
//!
//! - An item with a finite position of its own (`pos`) stands there.
//! - A wall-hung item (`wall`) stands at the middle of its wall, stepped in
//!   0.45 m (or 0.3, 0.15 m where the room is thinner) along the normal
//!   that lands inside.
//! - The others (loose items, and the two kinds above when their spot cannot
//!   be had) take the cells of a grid of [`ITEM_STEP`] from the room's
//!   top-left corner, row by row, in their order. A cell is taken when the
//!   glyph's box ([`GLYPH_HALF`] either side of the cell's centre) lies
//!   wholly inside the outline (so not in the notch of an L-shaped room) and
//!   clear of every keep-clear box (the room's label, the corner left to
//!   the finding pins) and of the glyphs of the items placed above.
//! - When there are more loose items than cells, the last cell is given to
//!   a "+N" mark and the `N` items left over stand there.
//! - A room with no drawable outline, or too small for one cell: the loose
//!   items stand at an anchor point (a point inside the room, else its first
//!   finite point) and all count as overflow, with no "+N" cell.
//!
//! The grid is laid in a frame whose origin is the room's bounding box's
//! corner, so coordinates far from the origin (a city grid in metres) give
//! the same cells as near it. Rows and columns are bounded
//! ([`MAX_GRID_STEPS`]), whatever the room's size or the number of items.
//!
//! ```
//! use juwei::geom::place::{place, Want, Spot};
//! // a 4 × 3 m room with a keep-clear box over its middle
//! let room = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];
//! let label = geo::Rect::new((1.0, 1.0), (3.0, 2.0));
//! let p = place(&room, &[Want::Loose, Want::At((3.5, 0.5)), Want::Wall(0)], &[label]);
//! assert_eq!(p.at[0], (0.4, 2.6)); // the first cell: top left
//! assert_eq!((p.spot[1], p.at[1]), (Spot::Own, (3.5, 0.5)));
//! assert_eq!(p.spot[2], Spot::Wall); // wall 0 runs along y = 0
//! assert!((p.at[2].0 - 2.0).abs() < 1e-9 && (p.at[2].1 - 0.45).abs() < 1e-9);
//! assert_eq!((p.overflow, p.more), (0, None));
//! ```

use geo::{BoundingRect, Contains, Coord, Intersects, LineString, Point, Polygon, Rect};

/// Distance between the cells of the grid, in metres.
pub const ITEM_STEP: f64 = 0.8;
/// Half the side of an item's glyph box, in metres: the box must lie inside
/// the room and clear of the keep-clear boxes.
pub const GLYPH_HALF: f64 = 0.28;
/// The most grid rows or columns tried in one room.
pub const MAX_GRID_STEPS: usize = 200;

/// What an item asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Want {
    /// Its own position (`pos`), plan metres.
    At((f64, f64)),
    /// The wall of this index (`wall`: point *i* to *i + 1*).
    Wall(usize),
    /// Anywhere in the room.
    Loose,
}

/// How an item got its position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// Its own position.
    Own,
    /// The spot of its wall.
    Wall,
    /// A cell of the grid, its own.
    Cell,
    /// The "+N" cell, shared with the others that did not fit.
    More,
    /// The room's anchor point: the room has no cell at all.
    Anchor,
}

/// The positions of one room's items.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// One position per item, in the order given, plan metres.
    pub at: Vec<(f64, f64)>,
    /// How each got it.
    pub spot: Vec<Spot>,
    /// Where the "+N" mark stands, when some items share it.
    pub more: Option<(f64, f64)>,
    /// How many items have no cell of their own (those at the "+N" mark, or
    /// at the anchor).
    pub overflow: usize,
}

/// The polygon of an outline when it can be drawn: at least three points,
/// finite and within the coordinate limit (a crossing or zero-area outline
/// still is, where it is). The report and the planner both place items in
/// this polygon.
pub fn drawable(outline: &[(f64, f64)]) -> Option<Polygon<f64>> {
    use super::validity::{outline_problem, OutlineProblem};
    if outline.len() < 3
        || matches!(
            outline_problem(outline),
            Some(
                OutlineProblem::NonFinite
                    | OutlineProblem::OutOfRange
                    | OutlineProblem::TooFewPoints
            )
        )
    {
        return None;
    }
    let ring: Vec<Coord<f64>> = outline.iter().map(|&(x, y)| Coord { x, y }).collect();
    Some(Polygon::new(LineString::new(ring), vec![]))
}

/// Positions for `wants`, the items of the room with `outline`, keeping the
/// grid cells clear of `keep_clear` (plan metres). See the module's text.
pub fn place(outline: &[(f64, f64)], wants: &[Want], keep_clear: &[Rect<f64>]) -> Placement {
    let n = wants.len();
    let mut out = Placement {
        at: vec![(0.0, 0.0); n],
        spot: vec![Spot::Anchor; n],
        more: None,
        overflow: 0,
    };
    let poly = drawable(outline);
    let mut loose = Vec::new();
    for (i, want) in wants.iter().enumerate() {
        let got = match *want {
            Want::At(p) if p.0.is_finite() && p.1.is_finite() => Some((p, Spot::Own)),
            Want::Wall(w) => poly
                .as_ref()
                .and_then(|poly| wall_spot(poly, w))
                .map(|p| (p, Spot::Wall)),
            _ => None,
        };
        match got {
            Some((p, s)) => {
                out.at[i] = p;
                out.spot[i] = s;
            }
            None => loose.push(i),
        }
    }
    if loose.is_empty() {
        return out;
    }
    // the glyphs already placed are kept clear of too
    let half = Coord {
        x: GLYPH_HALF,
        y: GLYPH_HALF,
    };
    let clear: Vec<Rect<f64>> = keep_clear
        .iter()
        .copied()
        .chain(
            (0..n)
                .filter(|&i| out.spot[i] != Spot::Anchor)
                .map(|i| Coord::from(out.at[i]))
                .map(|c| Rect::new(c - half, c + half)),
        )
        .collect();
    let cells = poly
        .as_ref()
        .map(|poly| grid_cells(poly, &clear, loose.len()))
        .unwrap_or_default();
    if cells.is_empty() {
        let anchor = anchor(poly.as_ref(), outline);
        for &i in &loose {
            out.at[i] = anchor;
        }
        out.overflow = loose.len();
        return out;
    }
    // more items than cells: the last cell holds the "+N" mark
    let own = if cells.len() < loose.len() {
        cells.len() - 1
    } else {
        loose.len()
    };
    for (k, &i) in loose.iter().enumerate() {
        if k < own {
            out.at[i] = cells[k];
            out.spot[i] = Spot::Cell;
        } else {
            out.at[i] = cells[cells.len() - 1];
            out.spot[i] = Spot::More;
        }
    }
    out.overflow = loose.len() - own;
    if out.overflow > 0 {
        out.more = Some(cells[cells.len() - 1]);
    }
    out
}

/// A point for items that get no cell: inside the room when it has one.
fn anchor(poly: Option<&Polygon<f64>>, outline: &[(f64, f64)]) -> (f64, f64) {
    poly.and_then(super::interior_point)
        .map(|p| (p.x(), p.y()))
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .or_else(|| {
            outline
                .iter()
                .copied()
                .find(|p| p.0.is_finite() && p.1.is_finite())
        })
        .unwrap_or((0.0, 0.0))
}

/// A wall-hung item's spot: the middle of wall `w`, a little inside.
pub fn wall_spot(poly: &Polygon<f64>, w: usize) -> Option<(f64, f64)> {
    let line = poly.exterior().lines().nth(w)?;
    let mid = Coord {
        x: (line.start.x + line.end.x) / 2.0,
        y: (line.start.y + line.end.y) / 2.0,
    };
    let (dx, dy) = (line.end.x - line.start.x, line.end.y - line.start.y);
    let len = (dx * dx + dy * dy).sqrt();
    if !(len >= 1e-9 && len.is_finite()) {
        return None;
    }
    // step inwards along the normal that lands inside
    for k in [0.45, 0.3, 0.15] {
        for s in [1.0, -1.0] {
            let p = Coord {
                x: mid.x - s * dy / len * k,
                y: mid.y + s * dx / len * k,
            };
            if poly.contains(&Point::from(p)) {
                return Some((p.x, p.y));
            }
        }
    }
    None
}

/// Up to `n` free cell centres, row by row from the top left of the room.
fn grid_cells(poly: &Polygon<f64>, keep_clear: &[Rect<f64>], n: usize) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let Some(rect) = poly.bounding_rect() else {
        return out;
    };
    // a local frame at the bounding box's top-left corner
    let o = Coord {
        x: rect.min().x,
        y: rect.max().y,
    };
    let local = Polygon::new(
        LineString::new(poly.exterior().coords().map(|&c| c - o).collect()),
        vec![],
    );
    let clear: Vec<Rect<f64>> = keep_clear
        .iter()
        .map(|r| Rect::new(r.min() - o, r.max() - o))
        .collect();
    let (w, h) = (rect.width(), rect.height());
    if !(w.is_finite() && h.is_finite()) {
        return out;
    }
    let steps = |span: f64| ((span / ITEM_STEP).floor() as usize).clamp(1, MAX_GRID_STEPS);
    let (cols, rows) = (steps(w), steps(h));
    let half = Coord {
        x: GLYPH_HALF,
        y: GLYPH_HALF,
    };
    for r in 0..rows {
        for c in 0..cols {
            if out.len() == n {
                return out;
            }
            let centre = Coord {
                x: ITEM_STEP / 2.0 + c as f64 * ITEM_STEP,
                y: -ITEM_STEP / 2.0 - r as f64 * ITEM_STEP,
            };
            let glyph = Rect::new(centre - half, centre + half);
            let clear_of_boxes = clear.iter().all(|b| !b.intersects(&glyph));
            // the centre inside and no wall through the box: the box is inside
            let inside = clear_of_boxes
                && local.contains(&Point::from(centre))
                && !local.exterior().intersects(&glyph);
            if inside {
                out.push((centre.x + o.x, centre.y + o.y));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: [(f64, f64); 4] = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)];

    fn glyph_inside(outline: &[(f64, f64)], p: (f64, f64)) -> bool {
        let poly = drawable(outline).unwrap();
        let g = Rect::new(
            (p.0 - GLYPH_HALF, p.1 - GLYPH_HALF),
            (p.0 + GLYPH_HALF, p.1 + GLYPH_HALF),
        );
        poly.contains(&g.to_polygon())
    }

    #[test]
    fn loose_items_take_distinct_cells_inside_row_by_row() {
        let p = place(&ROOM, &[Want::Loose; 6], &[]);
        assert_eq!(p.overflow, 0);
        assert!(p.spot.iter().all(|&s| s == Spot::Cell));
        assert!((p.at[1].0 - 1.2).abs() < 1e-9 && p.at[0] == (0.4, 2.6));
        for (i, &a) in p.at.iter().enumerate() {
            assert!(glyph_inside(&ROOM, a), "{a:?}");
            assert!(p.at[..i].iter().all(|&b| b != a));
        }
    }

    #[test]
    fn keep_clear_boxes_are_kept_clear() {
        let label = Rect::new((0.0, 2.0), (2.0, 3.0));
        let p = place(&ROOM, &[Want::Loose; 3], &[label]);
        // (a box touching the label's edge counts as touching it)
        assert!((p.at[0].0 - 2.8).abs() < 1e-9 && (p.at[0].1 - 2.6).abs() < 1e-9);
        for &a in &p.at {
            let g = Rect::new(
                (a.0 - GLYPH_HALF, a.1 - GLYPH_HALF),
                (a.0 + GLYPH_HALF, a.1 + GLYPH_HALF),
            );
            assert!(!g.intersects(&label));
        }
    }

    #[test]
    fn cells_keep_clear_of_items_placed_where_they_stand() {
        let p = place(
            &ROOM,
            &[Want::At((1.2, 2.6)), Want::Loose, Want::Loose],
            &[],
        );
        assert_eq!(p.at[1], (0.4, 2.6));
        assert!((p.at[2].0 - 2.0).abs() < 1e-9, "{:?}", p.at[2]);
    }

    #[test]
    fn more_items_than_cells_share_the_last_cell_as_plus_n() {
        // 2 × 1 m: two cells
        let small = [(0.0, 0.0), (1.6, 0.0), (1.6, 0.8), (0.0, 0.8)];
        let p = place(&small, &[Want::Loose; 5], &[]);
        assert_eq!(p.spot[0], Spot::Cell);
        assert!(p.spot[1..].iter().all(|&s| s == Spot::More));
        assert_eq!(p.overflow, 4);
        assert_eq!(p.more, Some(p.at[1]));
        assert!(p.at[1..].iter().all(|&a| a == p.at[1]));
    }

    #[test]
    fn l_shaped_room_puts_no_glyph_in_the_notch() {
        // an L: the top-right 3 × 3 m square is missing
        let l = [
            (0.0, 0.0),
            (6.0, 0.0),
            (6.0, 3.0),
            (3.0, 3.0),
            (3.0, 6.0),
            (0.0, 6.0),
        ];
        let p = place(&l, &[Want::Loose; 30], &[]);
        assert_eq!(p.overflow, 0);
        for &a in &p.at {
            assert!(glyph_inside(&l, a), "{a:?}");
        }
        // a notch narrower than a glyph is not crossed either
        let u = [
            (0.0, 0.0),
            (4.0, 0.0),
            (4.0, 4.0),
            (2.1, 4.0),
            (2.1, 1.0),
            (1.9, 1.0),
            (1.9, 4.0),
            (0.0, 4.0),
        ];
        let p = place(&u, &[Want::Loose; 40], &[]);
        for (&a, &s) in p.at.iter().zip(&p.spot) {
            assert!(s == Spot::More || glyph_inside(&u, a), "{a:?}");
        }
    }

    #[test]
    fn degenerate_rooms_put_items_at_an_anchor_without_panicking() {
        for outline in [
            vec![],
            vec![(1.0, 1.0)],
            vec![(0.0, 0.0), (1.0, 1.0)],
            vec![(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)],
            vec![(0.0, 0.0), (f64::NAN, 1.0), (2.0, 0.0)],
            vec![(0.0, 0.0), (f64::INFINITY, 1.0), (2.0, 0.0), (1.0, -3.0)],
            vec![(0.0, 0.0), (2e9, 0.0), (2e9, 1.0)],
            vec![(0.0, 0.0), (0.3, 0.0), (0.3, 0.3), (0.0, 0.3)],
        ] {
            let wants = [Want::Loose, Want::Wall(0), Want::At((f64::NAN, 0.0))];
            let p = place(&outline, &wants, &[]);
            assert_eq!(p.at.len(), 3);
            // (the tiny square still has a spot by its wall)
            assert_eq!(
                (p.spot[0], p.spot[2]),
                (Spot::Anchor, Spot::Anchor),
                "{outline:?}"
            );
            assert!(p.overflow >= 2 && p.more.is_none());
            assert!(p.at.iter().all(|a| a.0.is_finite() && a.1.is_finite()));
        }
        // a bow tie crosses itself but is drawn: no panic, glyphs inside
        let bow = [(0.0, 0.0), (4.0, 4.0), (4.0, 0.0), (0.0, 4.0)];
        let p = place(&bow, &[Want::Loose; 4], &[]);
        assert_eq!(p.at.len(), 4);
    }

    #[test]
    fn far_from_origin_gives_the_same_cells_shifted() {
        let (dx, dy) = (4_500_000.0, 3_500_000.0);
        let far: Vec<(f64, f64)> = ROOM.iter().map(|&(x, y)| (x + dx, y + dy)).collect();
        let label = Rect::new((1.0, 1.0), (3.0, 2.0));
        let far_label = Rect::new((1.0 + dx, 1.0 + dy), (3.0 + dx, 2.0 + dy));
        let near = place(&ROOM, &[Want::Loose; 10], &[label]);
        let far = place(&far, &[Want::Loose; 10], &[far_label]);
        assert_eq!(near.spot, far.spot);
        for (a, b) in near.at.iter().zip(&far.at) {
            assert!((a.0 + dx - b.0).abs() < 1e-6 && (a.1 + dy - b.1).abs() < 1e-6);
        }
    }

    #[test]
    fn very_many_items_and_huge_rooms_are_bounded() {
        let p = place(&ROOM, &vec![Want::Loose; 100_000], &[]);
        assert_eq!(p.at.len(), 100_000);
        // 5 × 3 cells, the last for "+N"
        assert_eq!(p.overflow, 100_000 - 14);
        // the largest room drawn (validity's MAX_EXTENT is 1 km)
        let huge = [(0.0, 0.0), (900.0, 0.0), (900.0, 900.0), (0.0, 900.0)];
        let p = place(&huge, &vec![Want::Loose; 100_000], &[]);
        assert_eq!(p.overflow, 100_000 - (MAX_GRID_STEPS * MAX_GRID_STEPS - 1));
    }

    #[test]
    fn wall_items_stand_inside_by_their_wall_whatever_the_winding() {
        let cw: Vec<(f64, f64)> = ROOM.iter().rev().copied().collect();
        for outline in [&ROOM[..], &cw[..]] {
            for w in 0..4 {
                let p = place(outline, &[Want::Wall(w)], &[]);
                assert_eq!(p.spot[0], Spot::Wall);
                assert!(drawable(outline).unwrap().contains(&Point::from(p.at[0])));
            }
        }
        // a wall that does not exist: a cell instead
        let p = place(&ROOM, &[Want::Wall(9)], &[]);
        assert_eq!(p.spot[0], Spot::Cell);
    }
}
