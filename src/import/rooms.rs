//! From outlines and labels to rooms: closed test, arcs flattened, repeats
//! and enclosing outlines set aside, labels to the smallest outline that
//! holds them, names to zones; and a warning for everything left over.

use geo::coordinate_position::CoordPos;
use geo::{Area, Coord, CoordinatePosition, LineString, Polygon};

use super::flatten::{clean, flatten, COINCIDENT};
use super::keywords::KeywordTable;
use super::notice::{Notice, NoticeKind};
use super::read::{RawLabel, RawOutline, Source};
use super::scan::BulgeVertex;
use super::shapes::{BBox, BoxIndex, Pt};
use super::Frame;
use crate::geom::overlap::shared_area;
use crate::geom::validity::{outline_problem, OutlineProblem};
use crate::model::Zone;

/// Overlaps up to this area (m²) are drawing noise (`rules.md`, G02).
const OVERLAP: f64 = 0.01;

/// A closed outline in plan metres.
#[derive(Debug, Clone)]
pub(crate) struct Outline {
    pub handle: String,
    /// The layer it is drawn on (empty for rooms found from walls).
    pub layer: String,
    /// For a room found from walls: its area between the wall faces (m²).
    pub clear: Option<f64>,
    pub source: Source,
    pub line: Option<usize>,
    pub points: Vec<Pt>,
    pub area: f64,
    pub poly: Polygon<f64>,
    pub bbox: BBox,
    /// Where it starts in the drawing's own coordinates, for messages.
    pub drawn_at: Pt,
}

/// A room of the import: its outline, name and zones, with the labels that
/// named it.
#[derive(Debug, Clone)]
pub(crate) struct RoomDraft {
    pub id: String,
    pub outline: Outline,
    pub name: String,
    pub zones: Vec<Zone>,
}

pub(crate) struct Rooms {
    pub rooms: Vec<RoomDraft>,
    pub warnings: Vec<Notice>,
    pub notes: Vec<Notice>,
}

/// "(x, y)" in the drawing's units, as a CAD user would type it to find the spot.
pub(crate) fn at_drawing(p: Pt) -> String {
    fn num(v: f64) -> String {
        let s = format!("{v:.3}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".into()
        } else {
            s.to_string()
        }
    }
    format!("({}, {})", num(p.0), num(p.1))
}

/// The closed outlines of the raw ones, and warnings for the rest.
pub(crate) fn outlines(
    raw: &[RawOutline],
    frame: &Frame,
    warnings: &mut Vec<Notice>,
) -> Vec<Outline> {
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let Some(first) = r.verts.first() else {
            continue;
        };
        let drawn_at = (first.x, first.y);
        let verts: Vec<BulgeVertex> = r
            .verts
            .iter()
            .map(|v| {
                let (x, y) = frame.point((v.x, v.y));
                BulgeVertex {
                    x,
                    y,
                    bulge: v.bulge,
                }
            })
            .collect();
        if verts.iter().any(|v| !(v.x.is_finite() && v.y.is_finite())) {
            continue;
        }
        let last = verts[verts.len() - 1];
        let closes = (last.x - verts[0].x).hypot(last.y - verts[0].y) < COINCIDENT;
        if !r.closed_flag && !closes {
            warnings.push(
                Notice::new(
                    NoticeKind::OpenPolyline,
                    format!(
                        "房间图层上的{}未闭合(起点 {} 与终点不重合,也未设闭合标志),未作为房间导入",
                        r.source.name(),
                        at_drawing(drawn_at)
                    ),
                    format!(
                        "an open {} on a room layer (starting at {}; its ends do not meet and it is not flagged closed) is not imported as a room",
                        r.source.name(),
                        at_drawing(drawn_at)
                    ),
                )
                .handle(r.handle.clone())
                .at_line(r.line),
            );
            continue;
        }
        // closed by its flag: the segment back to the start is drawn by the
        // last vertex's bulge; snapped back to the start: the repeat goes
        let ring: &[BulgeVertex] = if closes && verts.len() > 1 {
            &verts[..verts.len() - 1]
        } else {
            &verts
        };
        let points = clean(&flatten(ring, true));
        let poly = Polygon::new(
            LineString::new(points.iter().map(|&(x, y)| Coord { x, y }).collect()),
            vec![],
        );
        let area = poly.unsigned_area();
        if points.len() < 3 || area < 1e-4 {
            warnings.push(
                Notice::new(
                    NoticeKind::DegenerateOutline,
                    format!(
                        "房间图层上 {} 处的{}没有面积(不足三个不同的顶点或各点共线),未作为房间导入",
                        at_drawing(drawn_at),
                        r.source.name()
                    ),
                    format!(
                        "the {} at {} on a room layer has no area (fewer than three distinct points, or all in a line); not imported as a room",
                        r.source.name(),
                        at_drawing(drawn_at)
                    ),
                )
                .handle(r.handle.clone())
                .at_line(r.line),
            );
            continue;
        }
        let bbox = BBox::of(&points);
        out.push(Outline {
            handle: r.handle.clone(),
            layer: r.layer.clone(),
            clear: None,
            source: r.source,
            line: r.line,
            points,
            area,
            poly,
            bbox,
            drawn_at,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::layer_name;

    #[test]
    fn telling_layer_names() {
        for l in ["Offices", "Meeting rooms", "E15-344", "Toilets", "会议室"] {
            assert_eq!(layer_name(l).as_deref(), Some(l), "{l}");
        }
        for l in [
            "ROOM",
            "A-AREA",
            "AREA-面积",
            "房间",
            "0",
            "Rooms",
            "SPACE_",
            "房间轮廓",
        ] {
            assert_eq!(layer_name(l), None, "{l}");
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    /// Same shape.
    Same,
    /// The second inside the first.
    Holds,
    /// The first inside the second.
    Inside,
    /// Partly over each other, by this much.
    Overlap(f64),
}

/// Turn outlines and labels into rooms. The steps: how the outlines relate
/// ([`relations`]), repeats dropped ([`drop_repeats`]), labels placed in
/// the smallest outline that holds them ([`place_labels`]), outlines of the
/// floor or building dropped ([`drop_enclosing`]), ids given
/// ([`assign_ids`]), overlaps warned of ([`overlap_warnings`]), and each
/// room named and zoned ([`name_rooms`]).
pub(crate) fn rooms(
    outlines: Vec<Outline>,
    labels: &[RawLabel],
    frame: &Frame,
    keywords: &KeywordTable,
    open_walls: Option<(&[Pt], BBox)>,
) -> Rooms {
    let mut warnings = Vec::new();
    let mut notes = Vec::new();
    let n = outlines.len();
    if n == 0 {
        // no room: its labels have nowhere to go, and saying so of each is noise
        return Rooms {
            rooms: Vec::new(),
            warnings,
            notes,
        };
    }
    let index = BoxIndex::new(outlines.iter().enumerate().map(|(i, o)| (i, o.bbox)));
    let pairs = relations(&outlines, &index);
    let mut kept = vec![true; n];
    drop_repeats(&outlines, &pairs, &mut kept, &mut warnings, &mut notes);
    let held = place_labels(
        &outlines,
        &kept,
        &index,
        (labels, frame, keywords, open_walls),
        &mut warnings,
        &mut notes,
    );
    drop_enclosing(&outlines, &pairs, &mut kept, &held, &mut warnings);
    let ids = assign_ids(&kept);
    overlap_warnings(&outlines, &pairs, &ids, &mut warnings);
    let rooms = name_rooms(
        outlines,
        ids,
        &held,
        labels,
        keywords,
        &mut warnings,
        &mut notes,
    );
    Rooms {
        rooms,
        warnings,
        notes,
    }
}

/// How each pair of outlines that share more than a line relate: the
/// same, one holding the other, or overlapping by an area.
fn relations(outlines: &[Outline], index: &BoxIndex) -> Vec<(usize, usize, Relation)> {
    let mut pairs: Vec<(usize, usize, Relation)> = Vec::new();
    for (i, a) in outlines.iter().enumerate() {
        for j in index.meeting(a.bbox.grow(-COINCIDENT)) {
            if j <= i {
                continue;
            }
            let b = &outlines[j];
            let common = shared_area(&a.poly, &b.poly);
            if common <= OVERLAP {
                continue;
            }
            let a_in = a.area - common <= OVERLAP;
            let b_in = b.area - common <= OVERLAP;
            let rel = match (a_in, b_in) {
                (true, true) => Relation::Same,
                (false, true) => Relation::Holds,
                (true, false) => Relation::Inside,
                (false, false) => Relation::Overlap(common),
            };
            pairs.push((i, j, rel));
        }
    }

    pairs
}

/// An outline drawn twice (or a hatch over its polyline) counts once;
/// polylines are kept over hatches. Marks the repeats not `kept`, with a
/// note (a hatch) or a warning (a shape drawn twice).
fn drop_repeats(
    outlines: &[Outline],
    pairs: &[(usize, usize, Relation)],
    kept: &mut [bool],
    warnings: &mut Vec<Notice>,
    notes: &mut Vec<Notice>,
) {
    for &(i, j, rel) in pairs {
        if rel != Relation::Same || !kept[i] || !kept[j] {
            continue;
        }
        let (keep, drop) =
            if outlines[i].source == Source::Hatch && outlines[j].source != Source::Hatch {
                (j, i)
            } else {
                (i, j)
            };
        kept[drop] = false;
        let (k, d) = (&outlines[keep], &outlines[drop]);
        let notice = if d.source == Source::Hatch && k.source != Source::Hatch {
            Notice::new(
                NoticeKind::HatchRepeatsOutline,
                format!(
                    "填充 (HATCH) 与 {} {} 的边界相同,按一个房间导入",
                    k.source.name(),
                    k.handle
                ),
                format!(
                    "a HATCH repeats the outline of {} {}: imported as one room",
                    k.source.name(),
                    k.handle
                ),
            )
        } else {
            Notice::new(
                NoticeKind::DuplicateOutline,
                format!(
                    "{} 处的房间轮廓画了两次(形状相同),只导入一次;请删除重复的图元",
                    at_drawing(k.drawn_at)
                ),
                format!(
                    "the room outline at {} is drawn twice (the same shape); imported once — delete the repeat",
                    at_drawing(k.drawn_at)
                ),
            )
        };
        let notice = notice
            .handle(k.handle.clone())
            .handle(d.handle.clone())
            .at_line(k.line);
        if notice.kind.is_warning() {
            warnings.push(notice);
        } else {
            notes.push(notice);
        }
    }
}

/// Labels to the smallest kept outline that holds their point: each
/// outline's (label index, name). A label in no outline is warned of when
/// it is near the rooms, on a room layer or names a zone (in walls that do
/// not close: [`walls_open`]); the far ones (title block, notes) are
/// counted in a note.
#[allow(clippy::type_complexity)]
fn place_labels(
    outlines: &[Outline],
    kept: &[bool],
    index: &BoxIndex,
    (labels, frame, keywords, open_walls): (
        &[RawLabel],
        &Frame,
        &KeywordTable,
        Option<(&[Pt], BBox)>,
    ),
    warnings: &mut Vec<Notice>,
    notes: &mut Vec<Notice>,
) -> Vec<Vec<(usize, String)>> {
    let n = outlines.len();
    let label_index = index;
    let mut held: Vec<Vec<(usize, String)>> = vec![Vec::new(); n];
    let rooms_box = outlines
        .iter()
        .zip(kept)
        .filter(|(_, k)| **k)
        .map(|(o, _)| o.bbox)
        .reduce(BBox::union);
    let mut far_texts = 0usize;
    for (li, label) in labels.iter().enumerate() {
        let Some(name) = super::text::room_name(&label.text) else {
            continue;
        };
        let p = frame.point(label.at);
        let holder = label_index
            .meeting(BBox { min: p, max: p })
            .into_iter()
            .filter(|&k| kept[k])
            .filter(|&k| {
                outlines[k]
                    .poly
                    .coordinate_position(&Coord { x: p.0, y: p.1 })
                    != CoordPos::Outside
            })
            .min_by(|&x, &y| outlines[x].area.total_cmp(&outlines[y].area));
        match holder {
            Some(k) => held[k].push((li, name)),
            None => {
                // near the rooms, on a room layer, or short and with a
                // keyword (room names are short, title blocks are not)
                let near = rooms_box.is_some_and(|b| b.grow(2.0).contains(p));
                let named = name.chars().count() <= 10 && !keywords.zones_for(&name).is_empty();
                let in_walls = open_walls.filter(|(_, b)| b.contains(p));
                if let Some((ends, _)) = in_walls {
                    warnings.push(walls_open(ends, p, label, &name, frame));
                } else if label.on_room_layer || near || named {
                    warnings.push(
                        Notice::new(
                            NoticeKind::LabelOutside,
                            format!(
                                "文字「{name}」(位于 {})不在任何房间轮廓内,未用作房间名称",
                                at_drawing(label.at)
                            ),
                            format!(
                                "the text \"{name}\" at {} lies in no room outline and names no room",
                                at_drawing(label.at)
                            ),
                        )
                        .handle(label.handle.clone())
                        .at_line(label.line),
                    );
                } else {
                    far_texts += 1;
                }
            }
        }
    }
    if far_texts > 0 {
        notes.push(Notice::new(
            NoticeKind::FarTexts,
            format!("{far_texts} 处远离房间的文字(图框、说明等)未使用"),
            format!("{far_texts} text(s) far from the rooms (title block, notes) were not used"),
        ));
    }

    held
}

/// The warning for a room name the walls do not close around (rooms from
/// walls): where it is, and the nearest loose wall ends.
fn walls_open(ends: &[Pt], p: Pt, label: &RawLabel, name: &str, frame: &Frame) -> Notice {
    // rooms from walls: a named place the walls do not close around
    let mut near_ends: Vec<Pt> = ends.to_vec();
    near_ends.sort_by(|a, b| {
        (a.0 - p.0)
            .hypot(a.1 - p.1)
            .total_cmp(&(b.0 - p.0).hypot(b.1 - p.1))
    });
    near_ends.truncate(2);
    let at: Vec<String> = near_ends
        .iter()
        .map(|&e| at_drawing(frame.drawing(e)))
        .collect();
    let (ends_zh, ends_en) = if at.is_empty() {
        (
            "(附近没有墙线断头:可能缺一整段墙,或门洞宽于 1.5 米)".to_string(),
            " (no loose wall end nearby: a whole wall may be missing, or an opening is wider than 1.5 m)".to_string(),
        )
    } else {
        (
            format!(",最近的墙线断头在 {}", at.join("、")),
            format!("; the nearest loose wall ends are at {}", at.join(", ")),
        )
    };
    Notice::new(
            NoticeKind::WallsOpen,
            format!(
                "文字「{name}」(位于 {})周围的墙线没有闭合,此处未得出房间{ends_zh};请补画缺失的墙线后重新导入,或在规划器中添加该房间",
                at_drawing(label.at)
            ),
            format!(
                "the walls around the text \"{name}\" at {} do not close, so no room was found there{ends_en}; draw the missing wall and import again, or add the room in the planner",
                at_drawing(label.at)
            ),
        )
        .handle(label.handle.clone())
        .at_line(label.line)
}

/// An outline around others that names nothing (no label, no telling
/// layer) is the floor's or the building's outline, not a room: when it
/// holds two outlines or more, or outlines covering half of it. Outlines
/// that overlap it only partly do not count (a lecture hall whose
/// neighbours are drawn over its edge is still a room). Marks it not
/// `kept`, with a warning.
fn drop_enclosing(
    outlines: &[Outline],
    pairs: &[(usize, usize, Relation)],
    kept: &mut [bool],
    held: &[Vec<(usize, String)>],
    warnings: &mut Vec<Notice>,
) {
    let n = outlines.len();
    let mut inside_count = vec![0usize; n];
    let mut inside_area = vec![0.0f64; n];
    for &(i, j, rel) in pairs {
        let (outer, inner) = match rel {
            Relation::Holds => (i, j),
            Relation::Inside => (j, i),
            _ => continue,
        };
        if kept[inner] {
            inside_count[outer] += 1;
            inside_area[outer] += outlines[inner].area;
        }
    }
    for outer in 0..n {
        let o = &outlines[outer];
        let encloses = inside_count[outer] >= 2
            || (inside_count[outer] == 1 && inside_area[outer] >= 0.5 * o.area);
        if kept[outer] && encloses && held[outer].is_empty() && layer_name(&o.layer).is_none() {
            kept[outer] = false;
            warnings.push(
                Notice::new(
                    NoticeKind::EnclosingOutline,
                    format!(
                        "{} 处的轮廓({:.2} ㎡)包含其他房间轮廓且内部没有房间名称,视为楼层或建筑外轮廓,未作为房间导入",
                        at_drawing(o.drawn_at),
                        o.area
                    ),
                    format!(
                        "the outline at {} ({:.2} m²) encloses other room outlines and holds no room name of its own: taken as the floor's or building's outline, not a room",
                        at_drawing(o.drawn_at),
                        o.area
                    ),
                )
                .handle(o.handle.clone())
                .at_line(o.line),
            );
        }
    }
}

/// Ids R1, R2… for the kept outlines, in the order of the drawing.
fn assign_ids(kept: &[bool]) -> Vec<Option<String>> {
    let n = kept.len();
    let mut ids: Vec<Option<String>> = vec![None; n];
    let mut next = 1;
    for k in 0..n {
        if kept[k] {
            ids[k] = Some(format!("R{next}"));
            next += 1;
        }
    }

    ids
}

/// A warning for each pair of rooms that overlap (both are imported).
fn overlap_warnings(
    outlines: &[Outline],
    pairs: &[(usize, usize, Relation)],
    ids: &[Option<String>],
    warnings: &mut Vec<Notice>,
) {
    for &(i, j, rel) in pairs {
        let (Some(a), Some(b)) = (&ids[i], &ids[j]) else {
            continue;
        };
        let common = match rel {
            Relation::Overlap(c) => c,
            Relation::Holds => outlines[j].area,
            Relation::Inside => outlines[i].area,
            Relation::Same => continue,
        };
        let (oa, ob) = (&outlines[i], &outlines[j]);
        warnings.push(
            Notice::new(
                NoticeKind::Overlap,
                format!(
                    "房间 {a}({})与 {b}({})重叠 {common:.2} ㎡;两者都已导入,请在图纸或规划器中修正",
                    at_drawing(oa.drawn_at),
                    at_drawing(ob.drawn_at)
                ),
                format!(
                    "rooms {a} (at {}) and {b} (at {}) overlap by {common:.2} m²; both are imported — correct the drawing or the plan",
                    at_drawing(oa.drawn_at),
                    at_drawing(ob.drawn_at)
                ),
            )
            .handle(oa.handle.clone())
            .handle(ob.handle.clone())
            .room(a.clone())
            .room(b.clone())
            .at_line(oa.line),
        );
    }
}

/// The rooms: each kept outline with its id, its name ([`room_name`]) and
/// zones from the keyword table (the default zone, warned of, when the
/// name holds no keyword), a warning when its outline crosses itself, and
/// a note per layer whose name named rooms.
fn name_rooms(
    outlines: Vec<Outline>,
    mut ids: Vec<Option<String>>,
    held: &[Vec<(usize, String)>],
    labels: &[RawLabel],
    keywords: &KeywordTable,
    warnings: &mut Vec<Notice>,
    notes: &mut Vec<Notice>,
) -> Vec<RoomDraft> {
    let mut rooms = Vec::new();
    let mut named_by_layer: std::collections::BTreeMap<String, usize> = Default::default();
    for (k, outline) in outlines.into_iter().enumerate() {
        let Some(id) = ids[k].take() else {
            continue;
        };
        let labels_here = &held[k];
        let handle = outline.handle.clone();
        let line = outline.line;
        // no label: perhaps the layer's name names the room
        let by_layer = if labels_here.is_empty() {
            layer_name(&outline.layer)
        } else {
            None
        };
        if let Some(layer) = &by_layer {
            *named_by_layer.entry(layer.clone()).or_default() += 1;
        }
        let name = room_name(
            &id,
            &outline,
            labels_here,
            labels,
            by_layer,
            keywords,
            warnings,
        );
        let zones = room_zones(
            &id,
            &name,
            &outline,
            !labels_here.is_empty(),
            keywords,
            warnings,
        );
        if outline_problem(&outline.points) == Some(OutlineProblem::SelfIntersection) {
            warnings.push(
                Notice::new(
                    NoticeKind::SelfIntersecting,
                    format!("房间 {id}「{name}」的轮廓自相交;已导入,请修正轮廓"),
                    format!("the outline of room {id} \"{name}\" crosses itself; imported — correct the outline"),
                )
                .handle(handle.clone())
                .room(id.clone())
                .at_line(line),
            );
        }
        rooms.push(RoomDraft {
            id,
            outline,
            name,
            zones,
        });
    }
    for (layer, count) in named_by_layer {
        notes.push(Notice::new(
            NoticeKind::NamedByLayer,
            format!("图层「{layer}」上 {count} 个房间轮廓内没有名称文字,以图层名「{layer}」命名,功能区按关键词表确定;请核对"),
            format!("{count} room outline(s) on the layer \"{layer}\" hold no name label: named \"{layer}\" after the layer, zoned by the keyword table — check them"),
        ));
    }
    rooms
}

/// A room's zones: those the keyword table gives its name, else the
/// default zone, warned of when the name came from a label or the layer.
fn room_zones(
    id: &str,
    name: &str,
    outline: &Outline,
    labelled: bool,
    keywords: &KeywordTable,
    warnings: &mut Vec<Notice>,
) -> Vec<Zone> {
    let mut zones = keywords.zones_for(name);
    if zones.is_empty() {
        zones.push(keywords.default_zone);
        if labelled || by_layer_named(&outline.layer, name) {
            warnings.push(
                Notice::new(
                    NoticeKind::UnknownZone,
                    format!(
                        "房间 {id}「{name}」的名称不含关键词表中的任何词,功能区暂定为{}(可用 --keywords 补充关键词)",
                        keywords.default_zone.name_zh()
                    ),
                    format!(
                        "the name of room {id} \"{name}\" holds no keyword of the table; zone {} for now (add keywords with --keywords)",
                        keywords.default_zone.name_en()
                    ),
                )
                .handle(outline.handle.clone())
                .room(id)
                .at_line(outline.line),
            );
        }
    }
    zones
}

/// A room's name: its labels' names (several joined with "/", warned of),
/// else the name its layer gives (`by_layer`), else 未命名 (warned of).
fn room_name(
    id: &str,
    outline: &Outline,
    labels_here: &[(usize, String)],
    labels: &[RawLabel],
    by_layer: Option<String>,
    keywords: &KeywordTable,
    warnings: &mut Vec<Notice>,
) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in labels_here {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let handle = &outline.handle;
    let line = outline.line;
    if let Some(layer) = by_layer {
        layer
    } else if names.is_empty() {
        warnings.push(
            Notice::new(
                NoticeKind::UnlabelledOutline,
                format!(
                    "房间 {id}({},{:.2} ㎡)内没有名称文字;暂名「未命名」,功能区暂定为{}",
                    at_drawing(outline.drawn_at),
                    outline.area,
                    keywords.default_zone.name_zh()
                ),
                format!(
                    "room {id} (at {}, {:.2} m²) holds no name label; named \"未命名\" (unnamed) with the zone {} for now",
                    at_drawing(outline.drawn_at),
                    outline.area,
                    keywords.default_zone.name_en()
                ),
            )
            .handle(handle.clone())
            .room(id)
            .at_line(line),
        );
        "未命名".to_string()
    } else {
        if names.len() > 1 {
            let mut n = Notice::new(
                NoticeKind::SeveralLabels,
                format!(
                    "房间 {id} 内有 {} 个名称:{};合并为「{}」",
                    names.len(),
                    names.join("、"),
                    names.join("/")
                ),
                format!(
                    "room {id} holds {} names: {}; joined as \"{}\"",
                    names.len(),
                    names.join(", "),
                    names.join("/")
                ),
            )
            .handle(handle.clone());
            for (li, _) in labels_here {
                n = n.handle(labels[*li].handle.clone());
            }
            warnings.push(n.room(id).at_line(line));
        }
        names.join("/")
    }
}

/// Words that make a layer a room layer without saying which room.
const GENERIC_LAYER_WORDS: &[&str] = &[
    "rooms", "room", "spaces", "space", "areas", "area", "房间", "空间", "面积", "轮廓", "outline",
];

/// A layer's name as a room name, when it says more than "rooms": `Offices`,
/// `Meeting rooms`, `E15-344` do; `ROOM`, `A-AREA`, `AREA-面积`, `房间`, `0` do
/// not.
pub(crate) fn layer_name(layer: &str) -> Option<String> {
    let mut rest = layer.to_lowercase();
    for w in GENERIC_LAYER_WORDS {
        rest = rest.replace(w, " ");
    }
    let telling: Vec<char> = rest.chars().filter(|c| c.is_alphanumeric()).collect();
    // a discipline prefix (A-AREA) or a bare number (0) says nothing
    let says = telling.len() >= 2 || telling.first().is_some_and(|c| !c.is_ascii());
    says.then(|| layer.trim().to_string())
}

/// Whether a room's name is its layer's (to warn about unknown zones).
fn by_layer_named(layer: &str, name: &str) -> bool {
    !layer.is_empty() && layer.trim() == name
}
