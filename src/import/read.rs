//! The entities of a drawing that an import uses, taken from the `dxf`
//! crate's model (and, for HATCH, from [`super::scan`]), in world
//! coordinates of the drawing's own units.

use std::collections::HashMap;

use dxf::entities::{Entity, EntityType};
use dxf::enums::{HorizontalTextJustification, VerticalTextJustification};
use dxf::{Drawing, Point};

use super::notice::{Notice, NoticeKind};
use super::scan::{BulgeVertex, RawHatch, Scan};
use super::text::{decode_escapes, plain_text, strip_mtext};
use super::ImportOptions;

/// Where an outline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    LwPolyline,
    Polyline,
    Hatch,
    /// Found from the wall lines.
    Walls,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::LwPolyline => "LWPOLYLINE",
            Source::Polyline => "POLYLINE",
            Source::Hatch => "HATCH",
            Source::Walls => "WALLS",
        }
    }
}

/// A polyline or hatch boundary on a room layer, as drawn.
#[derive(Debug, Clone)]
pub(crate) struct RawOutline {
    pub handle: String,
    /// Its layer's name.
    pub layer: String,
    pub source: Source,
    pub line: Option<usize>,
    pub verts: Vec<BulgeVertex>,
    pub closed_flag: bool,
}

/// A TEXT, MTEXT or block attribute.
#[derive(Debug, Clone)]
pub(crate) struct RawLabel {
    pub handle: String,
    pub line: Option<usize>,
    pub text: String,
    pub at: (f64, f64),
    pub on_room_layer: bool,
}

/// A door block reference: the middle of its opening.
#[derive(Debug, Clone)]
pub(crate) struct RawDoor {
    pub handle: String,
    pub line: Option<usize>,
    pub block: String,
    pub source: DoorSource,
    pub at: (f64, f64),
    /// The insertion point, as CAD shows it (for messages).
    pub inserted_at: (f64, f64),
}

impl RawDoor {
    /// What it is, for messages (Chinese, English).
    pub fn describe(&self) -> (String, String) {
        match self.source {
            DoorSource::Block => (
                format!("门块「{}」", self.block),
                format!("the door block \"{}\"", self.block),
            ),
            DoorSource::Swing => ("门扇弧线 (ARC)".into(), "the door swing (ARC)".into()),
            DoorSource::Opening => ("墙上开口".into(), "the opening in the walls".into()),
        }
    }
}

/// A straight piece of wall line, end to end.
pub(crate) type Segment = ((f64, f64), (f64, f64));

/// Where a door of the drawing comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DoorSource {
    /// A door block (INSERT).
    Block,
    /// A door-swing ARC (about 90°, hinged at a wall).
    Swing,
    /// An opening in the walls bridged when finding rooms from walls.
    Opening,
}

/// An ARC of the model space, in world coordinates (drawing units; angles in
/// degrees, counter-clockwise from start to end).
#[derive(Debug, Clone)]
pub(crate) struct RawArc {
    pub handle: String,
    pub line: Option<usize>,
    pub centre: (f64, f64),
    pub radius: f64,
    pub start: f64,
    pub end: f64,
}

/// Everything an import uses, in drawing units.
#[derive(Debug, Default)]
pub(crate) struct Raw {
    pub outlines: Vec<RawOutline>,
    pub labels: Vec<RawLabel>,
    pub doors: Vec<RawDoor>,
    /// Straight segments on wall and window layers.
    pub walls: Vec<Segment>,
    /// The indices in [`Raw::walls`] of the segments on window layers.
    pub window_lines: std::collections::HashSet<usize>,
    /// Arc segments (polyline bulges) on wall and window layers: the two
    /// ends, the bulge on the first.
    pub wall_arcs: Vec<[BulgeVertex; 2]>,
    /// ARCs on any layer but a room layer (door swings).
    pub arcs: Vec<RawArc>,
    /// LINEs on other layers than walls and rooms (door leaves).
    pub lines: Vec<Segment>,
    pub warnings: Vec<Notice>,
    /// Every layer name used by a model-space entity, sorted.
    pub layers: Vec<String>,
    /// Closed polylines and hatches on each layer (any layer), by name.
    pub closed_by_layer: std::collections::BTreeMap<String, usize>,
    /// Blocks that hold closed outlines on room layers, and how often they
    /// are inserted in the model space.
    pub blocks_with_outlines: Vec<(String, usize)>,
}

/// Case-insensitive "contains any of"; a pattern written `=NAME` matches
/// the whole name only (`=Offices` is not `Offices-old`).
pub(crate) fn matches_any(name: &str, patterns: &[String]) -> bool {
    let lower = name.to_lowercase();
    patterns.iter().any(|p| match p.strip_prefix('=') {
        Some(exact) => !exact.is_empty() && lower == exact.to_lowercase(),
        None => !p.is_empty() && lower.contains(&p.to_lowercase()),
    })
}

/// A polyline is closed by its flag, or by its last vertex on its first.
fn is_closed(verts: &[BulgeVertex], flag: bool) -> bool {
    if verts.len() < 3 {
        return false;
    }
    let (a, b) = (verts[0], verts[verts.len() - 1]);
    flag || (a.x - b.x).hypot(a.y - b.y) <= 1e-3
}

/// Doors: a block whose name contains a door word (`DOOR`, `门`) or follows the
/// Chinese door code `M0921` (`M`, digits), or any block on a door layer
/// unless its name reads as a window (`C1515`, `WINDOW`, `窗`).
fn is_door(block: &str, layer: &str, opts: &ImportOptions) -> bool {
    let upper = block.to_uppercase();
    let coded = |prefix: char| {
        let mut cs = upper.chars();
        cs.next() == Some(prefix) && {
            let rest: String = cs.collect();
            let rest = rest.trim_start_matches(['-', '_']);
            rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        }
    };
    if matches_any(block, &opts.door_blocks) || coded('M') {
        return true;
    }
    let window = coded('C') || matches_any(block, &opts.window_layers);
    matches_any(layer, &opts.door_layers) && !window
}

/// A polyline vertex in world coordinates; a mirrored frame turns arcs the
/// other way.
fn vertex(p: &Point, bulge: f64, mirrored: bool) -> BulgeVertex {
    let (x, y) = wcs(p, mirrored);
    let bulge = if mirrored { -bulge } else { bulge };
    BulgeVertex { x, y, bulge }
}

/// OCS → WCS for the only tilt drawings have: an extrusion of (0, 0, −1)
/// mirrors x.
fn wcs(p: &Point, mirrored: bool) -> (f64, f64) {
    if mirrored {
        (-p.x, p.y)
    } else {
        (p.x, p.y)
    }
}

fn handle_of(e: &Entity) -> String {
    format!("{:X}", e.common.handle.0)
}

pub(crate) fn read(drawing: &Drawing, scan: &Scan, opts: &ImportOptions) -> Raw {
    let mut raw = Raw::default();

    let line = |h: &str| scan.lines.get(h).copied();
    let mut layers = std::collections::BTreeSet::new();
    let blocks: HashMap<&str, &dxf::Block> =
        drawing.blocks().map(|b| (b.name.as_str(), b)).collect();
    let mut inserted: HashMap<String, usize> = HashMap::new();

    for e in drawing.entities() {
        if e.common.is_in_paper_space {
            continue;
        }
        let handle = handle_of(e);
        let layer = decode_escapes(&e.common.layer);
        layers.insert(layer.clone());
        let room_layer = matches_any(&layer, &opts.room_layers);
        let walls_before = raw.walls.len();
        let wall_layer =
            matches_any(&layer, &opts.wall_layers) || matches_any(&layer, &opts.window_layers);
        // a polyline is an outline on a room layer, wall lines on a wall layer
        let take_polyline =
            |raw: &mut Raw, handle: String, source, verts: Vec<BulgeVertex>, closed: bool| {
                if is_closed(&verts, closed) {
                    *raw.closed_by_layer.entry(layer.clone()).or_default() += 1;
                }
                if room_layer {
                    raw.outlines.push(RawOutline {
                        layer: layer.clone(),
                        line: line(&handle),
                        handle,
                        source,
                        verts,
                        closed_flag: closed,
                    });
                } else if wall_layer {
                    push_segments(raw, &verts, closed);
                }
            };
        match &e.specific {
            EntityType::LwPolyline(p) => {
                let mirrored = p.extrusion_direction.z < 0.0;
                let verts = p
                    .vertices
                    .iter()
                    .map(|v| vertex(&Point::new(v.x, v.y, 0.0), v.bulge, mirrored))
                    .collect();
                take_polyline(
                    &mut raw,
                    handle,
                    Source::LwPolyline,
                    verts,
                    p.flags & 1 != 0,
                );
            }
            EntityType::Polyline(p) => {
                // 16: polygon mesh, 64: polyface mesh — surfaces, not outlines
                if p.flags & (16 | 64) != 0 {
                    if room_layer {
                        raw.warnings.push(not_an_outline(
                            &handle,
                            "POLYLINE (mesh)",
                            line(&handle),
                        ));
                    }
                    continue;
                }
                let mirrored = p.flags & 8 == 0 && p.normal.z < 0.0;
                let verts = p
                    .vertices()
                    // 16: a spline frame control point, not on the curve
                    .filter(|v| v.flags & 16 == 0)
                    .map(|v| vertex(&v.location, v.bulge, mirrored))
                    .collect();
                take_polyline(&mut raw, handle, Source::Polyline, verts, p.flags & 1 != 0);
            }
            EntityType::Line(l) => {
                if room_layer {
                    raw.warnings
                        .push(not_an_outline(&handle, "LINE", line(&handle)));
                } else if wall_layer {
                    raw.walls.push(((l.p1.x, l.p1.y), (l.p2.x, l.p2.y)));
                } else {
                    // LINE ends are in world coordinates already
                    raw.lines.push(((l.p1.x, l.p1.y), (l.p2.x, l.p2.y)));
                }
            }
            EntityType::Arc(a) if !room_layer => {
                // mirrored: x flips, so angles go θ → 180° − θ, end for start
                let mirrored = a.normal.z < 0.0;
                let (start, end) = if mirrored {
                    (180.0 - a.end_angle, 180.0 - a.start_angle)
                } else {
                    (a.start_angle, a.end_angle)
                };
                raw.arcs.push(RawArc {
                    line: line(&handle),
                    handle,
                    centre: wcs(&a.center, mirrored),
                    radius: a.radius,
                    start,
                    end,
                });
            }
            EntityType::Arc(_)
            | EntityType::Circle(_)
            | EntityType::Ellipse(_)
            | EntityType::Spline(_)
                if room_layer =>
            {
                let kind = match &e.specific {
                    EntityType::Arc(_) => "ARC",
                    EntityType::Circle(_) => "CIRCLE",
                    EntityType::Ellipse(_) => "ELLIPSE",
                    _ => "SPLINE",
                };
                raw.warnings
                    .push(not_an_outline(&handle, kind, line(&handle)));
            }
            EntityType::Text(t) => {
                let mirrored = t.normal.z < 0.0;
                let justified = t.horizontal_text_justification
                    != HorizontalTextJustification::Left
                    || t.vertical_text_justification != VerticalTextJustification::Baseline;
                let at = match t.horizontal_text_justification {
                    // between the two points
                    HorizontalTextJustification::Aligned | HorizontalTextJustification::Fit => {
                        let a = wcs(&t.location, mirrored);
                        let b = wcs(&t.second_alignment_point, mirrored);
                        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
                    }
                    _ if justified => wcs(&t.second_alignment_point, mirrored),
                    _ => wcs(&t.location, mirrored),
                };
                raw.labels.push(RawLabel {
                    line: line(&handle),
                    handle,
                    text: plain_text(&t.value),
                    at,
                    on_room_layer: room_layer,
                });
            }
            EntityType::MText(m) => {
                let mirrored = m.extrusion_direction.z < 0.0;
                let mut text: String = m.extended_text.concat();
                text.push_str(&m.text);
                // the entity's own 10/20, not those of an AutoCAD 2018
                // embedded object (columns), which the crate keeps last
                let own = scan
                    .mtext_at
                    .get(&handle)
                    .map(|&(x, y)| Point::new(x, y, 0.0));
                let at = wcs(own.as_ref().unwrap_or(&m.insertion_point), mirrored);
                raw.labels.push(RawLabel {
                    line: line(&handle),
                    handle,
                    text: strip_mtext(&text),
                    at,
                    on_room_layer: room_layer,
                });
            }
            EntityType::Insert(ins) => {
                let name = decode_escapes(&ins.name);
                *inserted.entry(ins.name.clone()).or_default() += 1;
                let mirrored = ins.extrusion_direction.z < 0.0;
                let place = |p: (f64, f64), base: &Point| -> (f64, f64) {
                    let (sx, sy) = (ins.x_scale_factor, ins.y_scale_factor);
                    let (lx, ly) = ((p.0 - base.x) * sx, (p.1 - base.y) * sy);
                    let (s, c) = ins.rotation.to_radians().sin_cos();
                    let q = Point::new(
                        ins.location.x + lx * c - ly * s,
                        ins.location.y + lx * s + ly * c,
                        0.0,
                    );
                    wcs(&q, mirrored)
                };
                if is_door(&name, &layer, opts) {
                    let block = blocks.get(ins.name.as_str());
                    let at = match block.and_then(|b| x_extent(b).map(|x| (x, &b.base_point))) {
                        // the middle of the opening, on the block's x axis through its base point
                        Some(((x0, x1), base)) => place(((x0 + x1) / 2.0, base.y), base),
                        None => wcs(&ins.location, mirrored),
                    };
                    raw.doors.push(RawDoor {
                        line: line(&handle),
                        handle,
                        block: name,
                        source: DoorSource::Block,
                        at,
                        inserted_at: wcs(&ins.location, mirrored),
                    });
                } else {
                    for a in ins.attributes() {
                        let mirrored = a.normal.z < 0.0;
                        let justified = a.horizontal_text_justification
                            != HorizontalTextJustification::Left
                            || a.vertical_text_justification != VerticalTextJustification::Baseline;
                        let at = if justified {
                            wcs(&a.second_alignment_point, mirrored)
                        } else {
                            wcs(&a.location, mirrored)
                        };
                        raw.labels.push(RawLabel {
                            handle: handle.clone(),
                            line: line(&handle),
                            text: plain_text(&a.value),
                            at,
                            on_room_layer: room_layer,
                        });
                    }
                }
            }
            _ => {}
        }
        if !matches_any(&layer, &opts.wall_layers) {
            // lines on a window layer close walls but are no wall ends
            raw.window_lines.extend(walls_before..raw.walls.len());
        }
    }

    for h in &scan.hatches {
        layers.insert(h.layer.clone());
        if h.problem.is_none() && !h.paths.is_empty() {
            *raw.closed_by_layer.entry(h.layer.clone()).or_default() += 1;
        }
        if matches_any(&h.layer, &opts.room_layers) {
            hatch_outlines(h, &mut raw);
        } else if matches_any(&h.layer, &opts.wall_layers) {
            for path in &h.paths {
                let verts: Vec<BulgeVertex> = path.iter().map(|v| mirror(v, h.mirrored)).collect();
                push_segments(&mut raw, &verts, true);
            }
        }
    }

    // outlines drawn inside blocks are out of reach: say where they are
    for b in drawing.blocks() {
        let count = inserted.get(&b.name).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        let holds = b.entities.iter().any(|e| {
            matches_any(&decode_escapes(&e.common.layer), &opts.room_layers)
                && matches!(
                    &e.specific,
                    EntityType::LwPolyline(_) | EntityType::Polyline(_)
                )
        });
        if holds {
            raw.blocks_with_outlines
                .push((decode_escapes(&b.name), count));
        }
    }
    raw.layers = layers.into_iter().collect();
    raw
}

fn mirror(v: &BulgeVertex, mirrored: bool) -> BulgeVertex {
    if mirrored {
        BulgeVertex {
            x: -v.x,
            y: v.y,
            bulge: -v.bulge,
        }
    } else {
        *v
    }
}

fn hatch_outlines(h: &RawHatch, raw: &mut Raw) {
    if let Some((zh, en)) = &h.problem {
        raw.warnings.push(
            Notice::new(
                NoticeKind::HatchUnreadable,
                format!("房间图层上的填充 (HATCH) 边界无法读取: {zh};未作为房间导入"),
                format!("the boundary of a HATCH on a room layer cannot be read: {en}; not imported as a room"),
            )
            .handle(h.handle.clone())
            .at_line(h.line),
        );
        return;
    }
    // the outermost path is the room; paths inside it are islands (columns, shafts)
    let rings: Vec<Vec<BulgeVertex>> = h
        .paths
        .iter()
        .map(|p| p.iter().map(|v| mirror(v, h.mirrored)).collect())
        .collect();
    let inside = |a: &[BulgeVertex], b: &[BulgeVertex]| -> bool {
        // a's first vertex inside b's polygon (vertices only: an island test)
        let (x, y) = (a[0].x, a[0].y);
        let mut odd = false;
        for i in 0..b.len() {
            let (p, q) = (&b[i], &b[(i + 1) % b.len()]);
            if (p.y > y) != (q.y > y) && x < p.x + (y - p.y) / (q.y - p.y) * (q.x - p.x) {
                odd = !odd;
            }
        }
        odd
    };
    let mut islands = 0;
    for (i, ring) in rings.iter().enumerate() {
        let island = rings
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && inside(ring, other));
        if island {
            islands += 1;
            continue;
        }
        raw.outlines.push(RawOutline {
            handle: h.handle.clone(),
            layer: h.layer.clone(),
            source: Source::Hatch,
            line: h.line,
            verts: ring.clone(),
            closed_flag: true,
        });
    }
    if islands > 0 {
        raw.warnings.push(
            Notice::new(
                NoticeKind::HatchIslands,
                format!("房间填充 (HATCH) 内有 {islands} 处孤岛(柱子、管井等);平面图不支持孤岛,房间按外边界导入,面积包含孤岛"),
                format!("a room HATCH has {islands} island(s) (columns, shafts); plans have no holes, so the room is its outer boundary and its area includes them"),
            )
            .handle(h.handle.clone())
            .at_line(h.line),
        );
    }
}

fn not_an_outline(handle: &str, kind: &str, line: Option<usize>) -> Notice {
    Notice::new(
        NoticeKind::NotAnOutline,
        format!("房间图层上的 {kind} 不是闭合多段线,未作为房间轮廓;请用闭合多段线绘制房间"),
        format!("a {kind} on a room layer is not a closed polyline and is not taken as a room outline; draw rooms as closed polylines"),
    )
    .handle(handle)
    .at_line(line)
}

/// The segments of a wall polyline: straight ones, and arcs (flattened
/// once in metres, for rooms from walls; door gaps are measured on the
/// straight ones only).
fn push_segments(raw: &mut Raw, verts: &[BulgeVertex], closed: bool) {
    let n = verts.len();
    let last = if closed { n } else { n.saturating_sub(1) };
    for i in 0..last {
        let (a, b) = (&verts[i], &verts[(i + 1) % n]);
        if a.bulge.abs() < 1e-9 {
            raw.walls.push(((a.x, a.y), (b.x, b.y)));
        } else {
            raw.wall_arcs.push([*a, *b]);
        }
    }
}

/// The extent along x of a block's geometry, in block coordinates.
fn x_extent(b: &dxf::Block) -> Option<(f64, f64)> {
    let mut xs: Vec<f64> = Vec::new();
    for e in &b.entities {
        match &e.specific {
            EntityType::Line(l) => xs.extend([l.p1.x, l.p2.x]),
            EntityType::LwPolyline(p) => xs.extend(p.vertices.iter().map(|v| v.x)),
            EntityType::Polyline(p) => xs.extend(p.vertices().map(|v| v.location.x)),
            EntityType::Circle(c) => xs.extend([c.center.x - c.radius, c.center.x + c.radius]),
            EntityType::Arc(a) => {
                let (s, e) = (a.start_angle, a.end_angle);
                let sweep = (e - s).rem_euclid(360.0);
                for ang in [s, e] {
                    xs.push(a.center.x + a.radius * ang.to_radians().cos());
                }
                for extreme in [0.0, 180.0] {
                    if (extreme - s).rem_euclid(360.0) <= sweep {
                        xs.push(a.center.x + a.radius * f64::cos(f64::to_radians(extreme)));
                    }
                }
            }
            EntityType::Insert(i) => xs.push(i.location.x),
            _ => {}
        }
    }
    let xs: Vec<f64> = xs.into_iter().filter(|x| x.is_finite()).collect();
    let min = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (min.is_finite() && max > min).then_some((min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn door_blocks_by_name_and_layer() {
        let o = ImportOptions::default();
        for (block, layer) in [
            ("M0921", "0"),
            ("M-1", "0"),
            ("m1021", "A-WALL"),
            ("DOOR-单开", "0"),
            ("单扇门", "0"),
            ("$DorLib2D$00000001", "0"),
            ("*U15", "门窗"),
            ("*U15", "A-DOOR"),
        ] {
            assert!(is_door(block, layer, &o), "{block} on {layer}");
        }
        for (block, layer) in [
            ("C1515", "门窗"),
            ("WINDOW-1", "DOOR"),
            ("MAIN-TITLE", "0"),
            ("M", "0"),
            ("沙发", "FURNITURE"),
        ] {
            assert!(!is_door(block, layer, &o), "{block} on {layer}");
        }
    }

    #[test]
    fn layer_patterns_match_in_any_case() {
        let rooms = ImportOptions::default().room_layers;
        for l in [
            "ROOM",
            "a-area",
            "AREA-面积",
            "房间",
            "建筑面积",
            "Space_Name",
        ] {
            assert!(matches_any(l, &rooms), "{l}");
        }
        for l in ["WALL", "0", "AXIS", "墙体"] {
            assert!(!matches_any(l, &rooms), "{l}");
        }
        let exact = vec!["=Offices".to_string()];
        assert!(matches_any("Offices", &exact));
        assert!(matches_any("OFFICES", &exact));
        assert!(!matches_any("Offices-old", &exact));
        assert!(!matches_any("Old Offices", &exact));
    }
}
