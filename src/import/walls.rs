//! Rooms from wall lines, for drawings without room outlines (most real
//! floor plans): the wall linework is noded, door openings are bridged, the
//! faces of the resulting plane graph are traced, wall bodies and scraps are
//! dropped, and each room's outline is moved onto the wall centre lines so
//! that neighbours share their walls exactly (the plan format puts doors on
//! a wall two rooms share).
//!
//! 1. **Openings.** A wall end is a line end that meets nothing, or one
//!    closed by a short jamb line across the wall. Two wall ends facing each
//!    other on one line, at most [`MAX_OPENING`] apart, are bridged; the
//!    bridges of one opening (one per wall face) make one [`Opening`], a door
//!    when it is at least [`super::MIN_DOOR`] wide.
//! 2. **Noding.** Lines are split where they cross or where one ends on
//!    another (within [`SNAP`]); ends closer than [`SNAP`] are one point. An
//!    R-tree keeps this near-linear; more than [`MAX_SEGMENTS`] lines or
//!    [`MAX_SPLITS`] crossings are refused ([`WallRooms::capped`]).
//! 3. **Faces.** Dangling lines are pruned; the faces of the plane graph are
//!    traced (half-edges, each vertex's edges in angle order). A connected
//!    piece of linework inside a face of another (the rooms inside the outer
//!    wall's outer line, a column inside a room) is a hole of that face.
//! 4. **Rooms** are the faces of at least [`MIN_ROOM`] m² that are not wall
//!    bodies. A wall body is thin: twice its area over its perimeter (its
//!    mean width) is under [`WALL_BODY`].
//! 5. **Centre lines.** Each edge of a room that has a wall body behind it
//!    moves outwards by half the wall's thickness (the distance to the wall
//!    body's parallel edge across); the outline's corners are the crossings
//!    of the moved edges.
//!
//! No crate fits: `geo` has no noding or polygonizing, and
//! `geo-polygonize-core` (1.3) pulls a second `geo` (0.32), `ts-rs`, `sha2`
//! and `rayon`, and returns bare polygons, while the centre lines need to know
//! which face lies across each edge (`docs/dxf-import.md`).

use std::collections::HashMap;

use super::shapes::{closest_on_segment, BBox, BoxIndex, Pt};

/// Openings up to this width (metres) are bridged.
pub const MAX_OPENING: f64 = 1.5;
/// The thickest wall (metres): wall faces further apart are not one wall.
pub const MAX_WALL: f64 = 0.6;
/// Faces whose mean width (2 × area / perimeter) is under this (metres) are
/// wall bodies.
pub const WALL_BODY: f64 = 0.6;
/// Faces under this area (m²) are not rooms (shafts, scraps).
pub const MIN_ROOM: f64 = 1.0;
/// Line ends this close (metres) meet.
pub const SNAP: f64 = 0.002;
/// Wall linework of more lines than this is not polygonized.
pub const MAX_SEGMENTS: usize = 200_000;
/// Nor linework with more crossings than this.
pub const MAX_SPLITS: usize = 1_000_000;
/// Nor linework with more pairs of lines whose boxes meet than this.
pub const MAX_PAIRS: usize = 20_000_000;

/// A bridged opening in the walls: its middle (on the wall centre line when
/// the wall has two faces) and its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Opening {
    pub at: Pt,
    pub width: f64,
    /// The wall's direction (unit vector).
    pub along: Pt,
}

/// A line of the wall linework.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WallLine {
    pub ends: (Pt, Pt),
    /// On a window layer: it closes the wall, but its ends are no loose wall
    /// ends.
    pub window: bool,
}

/// What the walls give.
#[derive(Debug, Default)]
pub(crate) struct WallRooms {
    /// Room outlines on the wall centre lines, counter-clockwise.
    pub rings: Vec<Vec<Pt>>,
    /// The area of each room between its wall faces (m²).
    pub clear_areas: Vec<f64>,
    pub openings: Vec<Opening>,
    /// Wall ends left open (no partner within [`MAX_OPENING`]).
    pub open_ends: Vec<Pt>,
    /// Set when the linework was too much to polygonize: (lines, crossings).
    pub capped: Option<(usize, usize)>,
}

fn sub(a: Pt, b: Pt) -> Pt {
    (a.0 - b.0, a.1 - b.1)
}
fn dot(a: Pt, b: Pt) -> f64 {
    a.0 * b.0 + a.1 * b.1
}
fn cross(a: Pt, b: Pt) -> f64 {
    a.0 * b.1 - a.1 * b.0
}
fn len(a: Pt) -> f64 {
    a.0.hypot(a.1)
}
fn unit(a: Pt) -> Pt {
    let l = len(a).max(1e-300);
    (a.0 / l, a.1 / l)
}

/// Twice the signed area of a ring (positive: counter-clockwise).
fn signed_area2(ring: &[Pt]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| cross(ring[i], ring[(i + 1) % n]))
        .sum::<f64>()
}

fn perimeter(ring: &[Pt]) -> f64 {
    let n = ring.len();
    (0..n).map(|i| len(sub(ring[(i + 1) % n], ring[i]))).sum()
}

/// Whether `p` lies inside the ring (even-odd rule).
pub(crate) fn inside(p: Pt, ring: &[Pt]) -> bool {
    let mut odd = false;
    let n = ring.len();
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (ring[i], ring[j]);
        if (a.1 > p.1) != (b.1 > p.1) && p.0 < a.0 + (p.1 - a.1) / (b.1 - a.1) * (b.0 - a.0) {
            odd = !odd;
        }
        j = i;
    }
    odd
}

/// Points merged within [`SNAP`], by a grid hash.
struct Snapper {
    cells: HashMap<(i64, i64), Vec<usize>>,
    points: Vec<Pt>,
}

impl Snapper {
    fn new() -> Self {
        Snapper {
            cells: HashMap::new(),
            points: Vec::new(),
        }
    }

    fn cell(p: Pt) -> (i64, i64) {
        ((p.0 / SNAP).floor() as i64, (p.1 / SNAP).floor() as i64)
    }

    fn id(&mut self, p: Pt) -> usize {
        let (cx, cy) = Self::cell(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(ids) = self.cells.get(&(cx + dx, cy + dy)) {
                    for &k in ids {
                        if len(sub(self.points[k], p)) <= SNAP {
                            return k;
                        }
                    }
                }
            }
        }
        let k = self.points.len();
        self.points.push(p);
        self.cells.entry((cx, cy)).or_default().push(k);
        k
    }
}

/// A wall end that may face another across an opening.
#[derive(Debug, Clone, Copy)]
struct End {
    at: Pt,
    /// The line it ends.
    seg: usize,
    /// Out of the wall, into the opening.
    out: Pt,
}

/// The wall ends of the linework: line ends meeting nothing, and ends closed
/// by a jamb (a short line across the wall to the other face).
fn wall_ends(segs: &[(Pt, Pt)], index: &BoxIndex) -> Vec<End> {
    let mut snap = Snapper::new();
    // (segment, which end) at each point
    let mut at: Vec<Vec<(usize, bool)>> = Vec::new();
    for (i, &(a, b)) in segs.iter().enumerate() {
        for (end, p) in [(false, a), (true, b)] {
            let k = snap.id(p);
            if k == at.len() {
                at.push(Vec::new());
            }
            at[k].push((i, end));
        }
    }
    let dir_out = |i: usize, end: bool| -> Pt {
        let (a, b) = segs[i];
        if end {
            unit(sub(b, a))
        } else {
            unit(sub(a, b))
        }
    };
    let seg_len = |i: usize| len(sub(segs[i].1, segs[i].0));
    // an end lying on another line's interior is a T, not a wall end
    let on_other = |p: Pt, me: usize| -> bool {
        index
            .meeting(BBox { min: p, max: p }.grow(SNAP))
            .into_iter()
            .any(|j| j != me && closest_on_segment(p, segs[j].0, segs[j].1).1 <= SNAP)
    };
    let mut ends = Vec::new();
    for (k, here) in at.iter().enumerate() {
        let p = snap.points[k];
        match here.as_slice() {
            [(i, end)] if !on_other(p, *i) => {
                ends.push(End {
                    at: p,
                    seg: *i,
                    out: dir_out(*i, *end),
                });
            }
            [_] => {}
            [(i, ei), (j, ej)] => {
                // a jamb: one short line across the other, whose far end
                // meets a line parallel to the long one
                for ((long, el), (jamb, ejamb)) in [((*i, *ei), (*j, *ej)), ((*j, *ej), (*i, *ei))]
                {
                    let (dl, dj) = (dir_out(long, el), dir_out(jamb, ejamb));
                    if seg_len(jamb) > MAX_WALL || seg_len(jamb) >= seg_len(long) {
                        continue;
                    }
                    if dot(dl, dj).abs() > 0.1 {
                        continue;
                    }
                    let far = if ejamb { segs[jamb].0 } else { segs[jamb].1 };
                    let parallel_face = at[snap.id_lookup(far)].iter().any(|&(s, e)| {
                        s != jamb
                            && cross(dir_out(s, e), dl).abs() < 0.02
                            && dot(dir_out(s, e), dl) > 0.0
                    });
                    if parallel_face {
                        ends.push(End {
                            at: p,
                            seg: long,
                            out: dl,
                        });
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    ends
}

impl Snapper {
    /// The id of a point already seen (the nearest within [`SNAP`]).
    fn id_lookup(&self, p: Pt) -> usize {
        let (cx, cy) = Self::cell(p);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(ids) = self.cells.get(&(cx + dx, cy + dy)) {
                    for &k in ids {
                        if len(sub(self.points[k], p)) <= SNAP {
                            return k;
                        }
                    }
                }
            }
        }
        0
    }
}

/// Bridges between wall ends facing each other across at most
/// [`MAX_OPENING`], nearest pairs first; and the ends left over.
/// Bridges, and the loose ends left (with their line).
type Bridged = (Vec<(Pt, Pt)>, Vec<(Pt, usize)>);

fn bridges(ends: &[End]) -> Bridged {
    let index = BoxIndex::new(ends.iter().enumerate().map(|(i, e)| {
        (
            i,
            BBox {
                min: e.at,
                max: e.at,
            },
        )
    }));
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, e) in ends.iter().enumerate() {
        for j in index.meeting(
            BBox {
                min: e.at,
                max: e.at,
            }
            .grow(MAX_OPENING + SNAP),
        ) {
            if j <= i {
                continue;
            }
            let f = &ends[j];
            let gap = sub(f.at, e.at);
            let along = dot(gap, e.out);
            if along <= SNAP || along > MAX_OPENING + SNAP {
                continue;
            }
            // facing each other, on one line
            if dot(e.out, f.out) > -0.995 || cross(e.out, gap).abs() > 0.02 {
                continue;
            }
            pairs.push((along, i, j));
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut used = vec![false; ends.len()];
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if used[i] || used[j] {
            continue;
        }
        used[i] = true;
        used[j] = true;
        out.push((ends[i].at, ends[j].at));
    }
    let open = ends
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(e, _)| (e.at, e.seg))
        .collect();
    (out, open)
}

/// The bridges of one opening (one per wall face, parallel, within a wall's
/// thickness) as one opening.
fn openings(bridges: &[(Pt, Pt)]) -> Vec<Opening> {
    let mids: Vec<(Pt, Pt, f64)> = bridges
        .iter()
        .map(|&(a, b)| {
            (
                ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                unit(sub(b, a)),
                len(sub(b, a)),
            )
        })
        .collect();
    let index = BoxIndex::new(
        mids.iter()
            .enumerate()
            .map(|(i, m)| (i, BBox { min: m.0, max: m.0 })),
    );
    let mut group: Vec<usize> = (0..mids.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    for (i, m) in mids.iter().enumerate() {
        for j in index.meeting(BBox { min: m.0, max: m.0 }.grow(MAX_WALL)) {
            let n = &mids[j];
            let d = sub(n.0, m.0);
            // across the wall: parallel, side by side
            if j > i && cross(m.1, n.1).abs() < 0.02 && dot(d, m.1).abs() < 0.05 {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a] = b;
            }
        }
    }
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..mids.len() {
        let r = root(&mut group, i);
        by.entry(r).or_default().push(i);
    }
    let mut out: Vec<Opening> = by
        .into_values()
        .map(|g| {
            let n = g.len() as f64;
            let x = g.iter().map(|&i| mids[i].0 .0).sum::<f64>() / n;
            let y = g.iter().map(|&i| mids[i].0 .1).sum::<f64>() / n;
            let width = g.iter().map(|&i| mids[i].2).fold(0.0, f64::max);
            Opening {
                at: (x, y),
                width,
                along: mids[g[0]].1,
            }
        })
        .collect();
    out.sort_by(|a, b| a.at.1.total_cmp(&b.at.1).then(a.at.0.total_cmp(&b.at.0)));
    out
}

/// The plane graph of noded linework.
struct Graph {
    points: Vec<Pt>,
    /// Undirected edges; half-edge `2e` runs `.0 → .1`, `2e + 1` back.
    edges: Vec<(usize, usize)>,
}

impl Graph {
    fn origin(&self, h: usize) -> usize {
        let e = self.edges[h / 2];
        if h.is_multiple_of(2) {
            e.0
        } else {
            e.1
        }
    }
    fn dest(&self, h: usize) -> usize {
        self.origin(h ^ 1)
    }
}

/// Split every line where another crosses it or ends on it; `None` when
/// there are more than [`MAX_SPLITS`] crossings.
fn node(segs: &[(Pt, Pt)]) -> Result<Graph, usize> {
    let index = BoxIndex::new(
        segs.iter()
            .enumerate()
            .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
    );
    let mut splits: Vec<Vec<(f64, Pt)>> = vec![Vec::new(); segs.len()];
    let mut count = 0usize;
    // pairs of lines whose boxes meet: long diagonal lines over one
    // another (a hatch pattern on a wall layer) would make this quadratic
    let mut examined = 0usize;
    for (i, &(a, b)) in segs.iter().enumerate() {
        let r = sub(b, a);
        let li = len(r);
        for j in index.meeting(BBox::of(&[a, b]).grow(SNAP)) {
            if j <= i {
                continue;
            }
            examined += 1;
            if examined > MAX_PAIRS {
                return Err(count.max(examined));
            }
            let (c, d) = segs[j];
            let s = sub(d, c);
            let lj = len(s);
            let mut touched = false;
            // ends on the other's interior (T junctions, overlaps)
            for (p, on, seg_a, seg_r, l) in [
                (c, i, a, r, li),
                (d, i, a, r, li),
                (a, j, c, s, lj),
                (b, j, c, s, lj),
            ] {
                let t = dot(sub(p, seg_a), seg_r) / (l * l);
                let q = (seg_a.0 + seg_r.0 * t, seg_a.1 + seg_r.1 * t);
                if t * l > SNAP && (1.0 - t) * l > SNAP && len(sub(p, q)) <= SNAP {
                    splits[on].push((t, p));
                    touched = true;
                    count += 1;
                }
            }
            if touched {
                continue;
            }
            let den = cross(r, s);
            if den.abs() < 1e-12 * li * lj {
                continue;
            }
            let w = sub(c, a);
            let t = cross(w, s) / den;
            let u = cross(w, r) / den;
            if t * li > SNAP && (1.0 - t) * li > SNAP && u * lj > SNAP && (1.0 - u) * lj > SNAP {
                let x = (a.0 + r.0 * t, a.1 + r.1 * t);
                splits[i].push((t, x));
                splits[j].push((u, x));
                count += 2;
            }
        }
        if count > MAX_SPLITS {
            return Err(count);
        }
    }
    let mut snap = Snapper::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for (i, &(a, b)) in segs.iter().enumerate() {
        let mut cut = std::mem::take(&mut splits[i]);
        cut.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut prev = snap.id(a);
        for (_, p) in cut.into_iter().chain(std::iter::once((1.0, b))) {
            let k = snap.id(p);
            if k != prev {
                edges.push((prev.min(k), prev.max(k)));
            }
            prev = k;
        }
    }
    edges.sort_unstable();
    edges.dedup();
    Ok(Graph {
        points: snap.points,
        edges,
    })
}

/// Drop dangling edges (an end meeting nothing), again until none is left.
fn prune(g: &mut Graph) {
    let n = g.points.len();
    let mut degree = vec![0usize; n];
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, &(a, b)) in g.edges.iter().enumerate() {
        degree[a] += 1;
        degree[b] += 1;
        at[a].push(e);
        at[b].push(e);
    }
    let mut alive = vec![true; g.edges.len()];
    let mut stack: Vec<usize> = (0..n).filter(|&v| degree[v] == 1).collect();
    while let Some(v) = stack.pop() {
        if degree[v] != 1 {
            continue;
        }
        let Some(&e) = at[v].iter().find(|&&e| alive[e]) else {
            continue;
        };
        alive[e] = false;
        let (a, b) = g.edges[e];
        for w in [a, b] {
            degree[w] -= 1;
            if degree[w] == 1 {
                stack.push(w);
            }
        }
    }
    let edges = std::mem::take(&mut g.edges);
    g.edges = edges
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(e, _)| e)
        .collect();
}

/// A face of the plane graph: its boundary half-edges in order.
struct Face {
    halfedges: Vec<usize>,
    ring: Vec<Pt>,
    /// Twice the signed area.
    area2: f64,
    bbox: BBox,
}

/// Trace every face: each half-edge's face lies on its left.
fn faces(g: &Graph) -> (Vec<Face>, Vec<usize>) {
    let n = g.points.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for h in 0..g.edges.len() * 2 {
        out[g.origin(h)].push(h);
    }
    let angle = |h: usize| {
        let d = sub(g.points[g.dest(h)], g.points[g.origin(h)]);
        d.1.atan2(d.0)
    };
    let mut pos = vec![0usize; g.edges.len() * 2];
    for list in &mut out {
        list.sort_by(|&x, &y| angle(x).total_cmp(&angle(y)));
        for (i, &h) in list.iter().enumerate() {
            pos[h] = i;
        }
    }
    let next = |h: usize| -> usize {
        let t = h ^ 1;
        let list = &out[g.origin(t)];
        list[(pos[t] + list.len() - 1) % list.len()]
    };
    let mut face_of = vec![usize::MAX; g.edges.len() * 2];
    let mut faces = Vec::new();
    for start in 0..g.edges.len() * 2 {
        if face_of[start] != usize::MAX {
            continue;
        }
        let id = faces.len();
        let mut halfedges = Vec::new();
        let mut h = start;
        while face_of[h] == usize::MAX {
            face_of[h] = id;
            halfedges.push(h);
            h = next(h);
        }
        let ring: Vec<Pt> = halfedges.iter().map(|&h| g.points[g.origin(h)]).collect();
        let area2 = signed_area2(&ring);
        let bbox = BBox::of(&ring);
        faces.push(Face {
            halfedges,
            ring,
            area2,
            bbox,
        });
    }
    (faces, face_of)
}

/// Rooms from wall lines (plan metres).
pub(crate) fn rooms_from_walls(lines: &[WallLine]) -> WallRooms {
    let kept: Vec<&WallLine> = lines
        .iter()
        .filter(|l| {
            let (a, b) = l.ends;
            [a.0, a.1, b.0, b.1].iter().all(|v| v.is_finite()) && len(sub(b, a)) > SNAP
        })
        .collect();
    let segs: Vec<(Pt, Pt)> = kept.iter().map(|l| l.ends).collect();
    let windows: Vec<bool> = kept.iter().map(|l| l.window).collect();
    if segs.len() > MAX_SEGMENTS {
        return WallRooms {
            capped: Some((segs.len(), 0)),
            ..WallRooms::default()
        };
    }
    let index = BoxIndex::new(
        segs.iter()
            .enumerate()
            .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
    );
    let ends = wall_ends(&segs, &index);
    let (bridged, open) = bridges(&ends);
    let open_ends = open
        .into_iter()
        .filter(|&(_, seg)| !windows[seg])
        .map(|(p, _)| p)
        .collect();
    let openings = openings(&bridged);
    let mut all = segs;
    all.extend(bridged.iter().copied());
    let mut g = match node(&all) {
        Ok(g) => g,
        Err(count) => {
            return WallRooms {
                capped: Some((all.len(), count)),
                open_ends,
                ..WallRooms::default()
            }
        }
    };
    // dangling lines go before the faces are traced, but stay in reach as
    // the far faces of walls (a wall whose room is open on one side)
    let unpruned = g.edges.clone();
    prune(&mut g);
    let alive: HashMap<(usize, usize), usize> =
        g.edges.iter().enumerate().map(|(e, &k)| (k, e)).collect();
    let (faces, face_of) = faces(&g);

    // holes: a connected piece's outer boundary (clockwise) inside a face
    // of another piece
    let ccw: Vec<usize> = (0..faces.len()).filter(|&f| faces[f].area2 > 0.0).collect();
    let ccw_index = BoxIndex::new(ccw.iter().enumerate().map(|(k, &f)| (k, faces[f].bbox)));
    let mut parent: Vec<Option<usize>> = vec![None; faces.len()];
    let mut holes: Vec<Vec<usize>> = vec![Vec::new(); faces.len()];
    for (f, face) in faces.iter().enumerate() {
        if face.area2 > 0.0 {
            continue;
        }
        // a point of this boundary, in the smallest face of another piece
        // that holds it (faces of its own piece share its points)
        let p = face.ring[0];
        let own: std::collections::HashSet<usize> =
            face.halfedges.iter().map(|&h| g.origin(h)).collect();
        let holder = ccw_index
            .meeting(BBox { min: p, max: p })
            .into_iter()
            .map(|k| ccw[k])
            .filter(|&c| {
                !faces[c]
                    .halfedges
                    .iter()
                    .any(|&h| own.contains(&g.origin(h)))
                    && inside(p, &faces[c].ring)
            })
            .min_by(|&x, &y| faces[x].area2.total_cmp(&faces[y].area2));
        if let Some(c) = holder {
            parent[f] = Some(c);
            holes[c].push(f);
        }
    }
    // the face a half-edge opens onto: a hole's boundary opens onto its holder
    let resolved = |f: usize| -> Option<usize> {
        if faces[f].area2 > 0.0 {
            Some(f)
        } else {
            parent[f]
        }
    };
    // wall bodies: thin faces; and faces around more (rooms) than they
    // hold themselves, a wall body that an open wall let into a room
    let thin: Vec<bool> = faces
        .iter()
        .enumerate()
        .map(|(f, face)| {
            if face.area2 <= 0.0 {
                return false;
            }
            let held = holes[f].iter().map(|&h| -faces[h].area2 / 2.0).sum::<f64>();
            let area = face.area2 / 2.0 - held;
            let per = perimeter(&face.ring)
                + holes[f]
                    .iter()
                    .map(|&h| perimeter(&faces[h].ring))
                    .sum::<f64>();
            (per > 0.0 && 2.0 * area / per < WALL_BODY) || held > area
        })
        .collect();

    let edge_index = BoxIndex::new(
        unpruned
            .iter()
            .enumerate()
            .map(|(e, &(a, b))| (e, BBox::of(&[g.points[a], g.points[b]]))),
    );
    let mut rings = Vec::new();
    let mut clear_areas = Vec::new();
    for (f, face) in faces.iter().enumerate() {
        if face.area2 <= 0.0 || thin[f] {
            continue;
        }
        let clear = face.area2 / 2.0 - holes[f].iter().map(|&h| -faces[h].area2 / 2.0).sum::<f64>();
        if clear < MIN_ROOM {
            continue;
        }
        // each edge's offset to the wall centre line
        let offsets: Vec<f64> = face
            .halfedges
            .iter()
            .map(|&h| {
                let Some(w) = resolved(face_of[h ^ 1]) else {
                    return 0.0;
                };
                if !thin[w] {
                    return 0.0;
                }
                let (a, b) = (g.points[g.origin(h)], g.points[g.dest(h)]);
                let u = unit(sub(b, a));
                let right = (u.1, -u.0);
                let l = len(sub(b, a));
                // the nearest live edge of the wall body; only without one,
                // the nearest pruned line (a window's inner lines are
                // pruned too, and lie nearer than the wall's far face)
                let (mut best, mut best_pruned) = (f64::INFINITY, f64::INFINITY);
                let reach = BBox::of(&[a, b]).grow(MAX_WALL);
                for ue in edge_index.meeting(reach) {
                    let (p0, p1) = unpruned[ue];
                    let live = alive.get(&(p0, p1)).copied();
                    for back in [false, true] {
                        // a live edge: the half-edge along w's side; a pruned
                        // one (no faces): either way
                        if let Some(e) = live {
                            let k = 2 * e + usize::from(back);
                            if resolved(face_of[k]) != Some(w) || k == (h ^ 1) {
                                continue;
                            }
                        }
                        let (c, d) = if back {
                            (g.points[p1], g.points[p0])
                        } else {
                            (g.points[p0], g.points[p1])
                        };
                        let v = unit(sub(d, c));
                        if cross(u, v).abs() > 0.02 || dot(u, v) <= 0.0 {
                            continue;
                        }
                        let dist = dot(sub(c, a), right);
                        if dist <= SNAP || dist > MAX_WALL {
                            continue;
                        }
                        let (s, t) = (dot(sub(c, a), u), dot(sub(d, a), u));
                        if s.max(t).min(l) - s.min(t).max(0.0) > SNAP {
                            if live.is_some() {
                                best = best.min(dist);
                            } else {
                                best_pruned = best_pruned.min(dist);
                            }
                        }
                    }
                }
                if best.is_finite() {
                    best / 2.0
                } else if best_pruned.is_finite() {
                    best_pruned / 2.0
                } else {
                    0.0
                }
            })
            .collect();
        let mut ring = centre_ring(&face.ring, &offsets);
        // starting at its lowest, then leftmost corner
        if let Some(first) = (0..ring.len()).min_by(|&i, &j| {
            ring[i]
                .1
                .total_cmp(&ring[j].1)
                .then(ring[i].0.total_cmp(&ring[j].0))
        }) {
            ring.rotate_left(first);
        }
        if ring.len() >= 3 && signed_area2(&ring) > 0.0 {
            rings.push(ring);
            clear_areas.push(clear);
        }
    }
    // south-west first, row by row: ids in reading order of the plan
    let mut order: Vec<usize> = (0..rings.len()).collect();
    let key = |r: &[Pt]| {
        let b = BBox::of(r);
        (
            (b.min.1 * 1000.0).round() as i64,
            (b.min.0 * 1000.0).round() as i64,
        )
    };
    order.sort_by_key(|&i| key(&rings[i]));
    let rings: Vec<Vec<Pt>> = order.iter().map(|&i| rings[i].clone()).collect();
    let clear_areas: Vec<f64> = order.iter().map(|&i| clear_areas[i]).collect();
    WallRooms {
        rings,
        clear_areas,
        openings,
        open_ends,
        capped: None,
    }
}

/// A ring whose edge `i` (from point `i` to `i + 1`) is moved to its right
/// by `offsets[i]`; corners where moved edges cross, steps where parallel
/// edges moved by different amounts meet.
fn centre_ring(ring: &[Pt], offsets: &[f64]) -> Vec<Pt> {
    let n = ring.len();
    // each edge as a moved line: a point and a direction
    let lines: Vec<(Pt, Pt)> = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let u = unit(sub(b, a));
            let o = offsets[i];
            ((a.0 + u.1 * o, a.1 - u.0 * o), u)
        })
        .collect();
    let mut out: Vec<Pt> = Vec::with_capacity(n);
    for i in 0..n {
        // the corner at point i + 1, between edge i and edge i + 1
        let j = (i + 1) % n;
        let ((p, u), (q, v)) = (lines[i], lines[j]);
        let corner = ring[j];
        let den = cross(u, v);
        if den.abs() > 1e-9 {
            let t = cross(sub(q, p), v) / den;
            let x = (p.0 + u.0 * t, p.1 + u.1 * t);
            if len(sub(x, corner)) <= 2.0 * MAX_WALL {
                out.push(x);
                continue;
            }
        }
        // parallel (or nearly): the corner projected onto both lines
        let onto = |(p, u): (Pt, Pt)| {
            let t = dot(sub(corner, p), u);
            (p.0 + u.0 * t, p.1 + u.1 * t)
        };
        let (a, b) = (onto(lines[i]), onto(lines[j]));
        out.push(a);
        if len(sub(a, b)) > 1e-9 {
            out.push(b);
        }
    }
    // the last point was the corner at point 0: put it first
    out.rotate_right(1);
    super::flatten::clean(&drop_collinear(&out))
}

/// Points in the middle of a straight run dropped.
fn drop_collinear(ring: &[Pt]) -> Vec<Pt> {
    let n = ring.len();
    if n < 4 {
        return ring.to_vec();
    }
    let keep: Vec<Pt> = (0..n)
        .filter(|&i| {
            let (a, b, c) = (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n]);
            let (ab, bc) = (sub(b, a), sub(c, b));
            let (la, lb) = (len(ab), len(bc));
            la > 1e-9 && lb > 1e-9 && (cross(ab, bc).abs() / (la * lb) > 1e-9 || dot(ab, bc) < 0.0)
        })
        .map(|i| ring[i])
        .collect();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(ring: &[Pt]) -> f64 {
        signed_area2(ring) / 2.0
    }

    fn rooms_from_walls(lines: &[(Pt, Pt)]) -> WallRooms {
        let lines: Vec<WallLine> = lines
            .iter()
            .map(|&ends| WallLine {
                ends,
                window: false,
            })
            .collect();
        super::rooms_from_walls(&lines)
    }

    /// Two walls' faces, `half` either side of each centre line segment.
    fn double(centre: &[(Pt, Pt)], half: f64) -> Vec<(Pt, Pt)> {
        let mut out = Vec::new();
        for &(a, b) in centre {
            let u = unit(sub(b, a));
            let n = (-u.1, u.0);
            for s in [-half, half] {
                out.push((
                    (a.0 + n.0 * s, a.1 + n.1 * s),
                    (b.0 + n.0 * s, b.1 + n.1 * s),
                ));
            }
        }
        out
    }

    #[test]
    fn single_line_walls_give_their_faces() {
        // two rooms 4 x 3 and 2 x 3, a door gap of 0.9 in the wall between
        let lines = vec![
            ((0.0, 0.0), (6.0, 0.0)),
            ((6.0, 0.0), (6.0, 3.0)),
            ((6.0, 3.0), (0.0, 3.0)),
            ((0.0, 3.0), (0.0, 0.0)),
            ((4.0, 0.0), (4.0, 1.0)),
            ((4.0, 1.9), (4.0, 3.0)),
        ];
        let w = rooms_from_walls(&lines);
        let mut areas: Vec<f64> = w.rings.iter().map(|r| area(r)).collect();
        areas.sort_by(f64::total_cmp);
        assert_eq!(areas, vec![6.0, 12.0]);
        assert_eq!(w.openings.len(), 1);
        assert!(
            (w.openings[0].at.0 - 4.0).abs() < 1e-9 && (w.openings[0].at.1 - 1.45).abs() < 1e-9
        );
        assert!(w.open_ends.is_empty());
    }

    #[test]
    fn double_lines_give_centre_line_rooms_that_share_walls() {
        // a 10 x 5 building cut at x = 6, walls 0.2 thick; the inner faces
        // end at T junctions on the outer wall's inner face
        let mut lines = Vec::new();
        // outer wall: outer face and inner face rectangles
        let rect = |x0: f64, y0: f64, x1: f64, y1: f64| {
            vec![
                ((x0, y0), (x1, y0)),
                ((x1, y0), (x1, y1)),
                ((x1, y1), (x0, y1)),
                ((x0, y1), (x0, y0)),
            ]
        };
        lines.extend(rect(-0.1, -0.1, 10.1, 5.1));
        lines.extend(rect(0.1, 0.1, 9.9, 4.9));
        // the partition's two faces, with a 0.9 door gap (1.0 .. 1.9)
        lines.extend(double(
            &[((6.0, 0.1), (6.0, 1.0)), ((6.0, 1.9), (6.0, 4.9))],
            0.1,
        ));
        let w = rooms_from_walls(&lines);
        assert_eq!(w.rings.len(), 2, "{:?}", w.rings);
        let mut areas: Vec<f64> = w
            .rings
            .iter()
            .map(|r| (area(r) * 1e6).round() / 1e6)
            .collect();
        areas.sort_by(f64::total_cmp);
        // on the centre lines: 4 x 5 and 6 x 5
        assert_eq!(areas, vec![20.0, 30.0]);
        let mut clear: Vec<f64> = w
            .clear_areas
            .iter()
            .map(|a| (a * 1e6).round() / 1e6)
            .collect();
        clear.sort_by(f64::total_cmp);
        assert_eq!(clear, vec![3.8 * 4.8, 5.8 * 4.8]);
        // the door gap: one opening on the centre line
        assert_eq!(w.openings.len(), 1);
        let o = w.openings[0];
        assert!(
            (o.at.0 - 6.0).abs() < 1e-9 && (o.at.1 - 1.45).abs() < 1e-9,
            "{o:?}"
        );
        assert!((o.width - 0.9).abs() < 1e-9);
    }

    #[test]
    fn jambs_close_wall_ends() {
        // a single wall piece with jambs: a 0.9 opening between 2.0 and 2.9
        let mut lines = double(&[((0.0, 0.0), (2.0, 0.0)), ((2.9, 0.0), (5.0, 0.0))], 0.1);
        lines.push(((2.0, -0.1), (2.0, 0.1)));
        lines.push(((2.9, -0.1), (2.9, 0.1)));
        let segs = lines.clone();
        let index = BoxIndex::new(
            segs.iter()
                .enumerate()
                .map(|(i, &(a, b))| (i, BBox::of(&[a, b]))),
        );
        let ends = wall_ends(&segs, &index);
        let (b, _) = bridges(&ends);
        assert_eq!(b.len(), 2, "{ends:?}");
        let o = openings(&b);
        assert_eq!(o.len(), 1);
        assert!((o[0].at.0 - 2.45).abs() < 1e-9 && o[0].at.1.abs() < 1e-9);
    }

    #[test]
    fn an_open_room_is_left_out_and_its_ends_reported() {
        // two rooms; the east one misses its east wall
        let lines = vec![
            ((0.0, 0.0), (8.0, 0.0)),
            ((8.0, 3.0), (0.0, 3.0)),
            ((0.0, 3.0), (0.0, 0.0)),
            ((4.0, 0.0), (4.0, 3.0)),
        ];
        let w = rooms_from_walls(&lines);
        assert_eq!(w.rings.len(), 1);
        assert_eq!(area(&w.rings[0]), 12.0);
        assert_eq!(w.open_ends.len(), 2, "{:?}", w.open_ends);
    }

    #[test]
    fn crossing_lines_are_noded() {
        // a # of lines: the middle cell is a room
        let lines = vec![
            ((0.0, 1.0), (5.0, 1.0)),
            ((0.0, 4.0), (5.0, 4.0)),
            ((1.0, 0.0), (1.0, 5.0)),
            ((4.0, 0.0), (4.0, 5.0)),
        ];
        let w = rooms_from_walls(&lines);
        assert_eq!(w.rings.len(), 1);
        assert_eq!(area(&w.rings[0]), 9.0);
    }

    #[test]
    fn scraps_and_nonsense_give_nothing() {
        assert!(rooms_from_walls(&[]).rings.is_empty());
        let nan = [((f64::NAN, 0.0), (1.0, 1.0)), ((0.0, 0.0), (0.0, 0.0))];
        assert!(rooms_from_walls(&nan).rings.is_empty());
        // a 0.5 x 0.5 box is no room
        let small = [
            ((0.0, 0.0), (0.5, 0.0)),
            ((0.5, 0.0), (0.5, 0.5)),
            ((0.5, 0.5), (0.0, 0.5)),
            ((0.0, 0.5), (0.0, 0.0)),
        ];
        assert!(rooms_from_walls(&small).rings.is_empty());
        // too many lines: refused, not tried
        let many: Vec<(Pt, Pt)> = (0..MAX_SEGMENTS + 1)
            .map(|i| ((i as f64, 0.0), (i as f64, 1.0)))
            .collect();
        assert!(rooms_from_walls(&many).capped.is_some());
        // many lines through one point
        let star: Vec<(Pt, Pt)> = (0..200)
            .map(|i| {
                let a = i as f64 * 0.0157;
                (
                    (-10.0 * a.cos(), -10.0 * a.sin()),
                    (10.0 * a.cos(), 10.0 * a.sin()),
                )
            })
            .collect();
        let _ = rooms_from_walls(&star);
    }
}
