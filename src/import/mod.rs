//! Floor plans from CAD drawings: DXF in, a [`Plan`] out, with a list of
//! everything in the drawing that was not understood (`docs/dxf-import.md`).
//!
//! Rooms are the closed LWPOLYLINE / POLYLINE outlines and HATCH boundaries
//! on the room layers; each is named by the TEXT / MTEXT label inside it
//! (the smallest outline holding it) and zoned by a keyword table; doors come
//! from door blocks and from gaps in the wall lines. Coordinates are
//! converted to metres (`$INSUNITS`, millimetres when absent) and moved to a
//! local origin, so survey-grid drawings lose no precision.
//!
//! The `dxf` crate reads the drawing; a light scan of the code pairs
//! ([`scan`]) comes first, to tell damaged and foreign files apart with the
//! line where they go wrong, to pick the text encoding of older Chinese
//! drawings (GBK), and to read HATCH boundaries, which `dxf` 0.6 skips.
//!
//! ```no_run
//! use juwei::import::{import_dxf, ImportOptions};
//! let path = std::path::Path::new("居委会平面图.dxf");
//! let imported = import_dxf(path, &ImportOptions::for_drawing(path)).unwrap();
//! for w in &imported.warnings {
//!     eprintln!("{}", w.display(juwei::model::Lang::Zh));
//! }
//! ```

mod binary;
mod doors;
mod flatten;
mod keywords;
mod notice;
mod read;
mod rooms;
mod scan;
mod shapes;
pub mod text;
mod units;
mod walls;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::io::{LoadError, SourceError};
use crate::model::{Committee, Estate, Floor, Format1, Plan, Police, Revision, Room, Zone};

pub use doors::{MAX_DOOR, MIN_DOOR, SHARED, SNAP};
pub use flatten::{ARC_AREA_TOLERANCE, ARC_TOLERANCE};
pub use keywords::KeywordTable;
pub use notice::{Notice, NoticeKind};
pub use units::DrawingUnits;

/// The committee's particulars, which no drawing carries. What is `None` is
/// filled with a default and listed among the notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommitteeInfo {
    /// Default: the drawing's file name without extension.
    pub code: Option<String>,
    /// Default: the drawing's file name without extension.
    pub name: Option<String>,
    /// Default: empty.
    pub street: Option<String>,
    /// Default: empty.
    pub address: Option<String>,
    /// Default: `New` (the stricter area rule, 200 m²).
    pub estate: Option<Estate>,
    pub street_facing: bool,
}

/// How to read a drawing. [`ImportOptions::default`] holds the defaults of
/// `docs/dxf-import.md`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// A layer whose name contains one of these (any case) holds rooms.
    pub room_layers: Vec<String>,
    /// A block whose name contains one of these (any case) is a door; so is
    /// a block named by the Chinese door code (`M0921`, `M-1`).
    pub door_blocks: Vec<String>,
    /// Any block on such a layer is a door, unless named like a window.
    pub door_layers: Vec<String>,
    /// Lines on such layers are walls: their gaps are doors, and rooms are
    /// found from them when the room layers hold no closed outline.
    pub wall_layers: Vec<String>,
    /// Find the rooms from the wall lines even when the room layers hold
    /// closed outlines (`--from-walls`).
    pub from_walls: bool,
    /// The storey the drawing shows (`--level N`): 0 the ground floor, 1 the
    /// floor above, -1 a basement. Every room gets it.
    pub level: i32,
    /// Lines on such layers close a wall as walls do (a window is no door).
    pub window_layers: Vec<String>,
    pub keywords: KeywordTable,
    /// Overrides `$INSUNITS`.
    pub units: Option<DrawingUnits>,
    pub committee: CommitteeInfo,
    /// The revision date; default today.
    pub date: Option<NaiveDate>,
    /// Every room's floor; default `Other` (format 1 has no "unknown"),
    /// listed among the notes.
    pub floor: Option<Floor>,
    /// The name to use for the committee code and name when not given.
    pub drawing_name: String,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            room_layers: strings(&["ROOM", "SPACE", "AREA", "房间", "空间", "面积"]),
            door_blocks: strings(&["DOOR", "门", "DORLIB"]),
            door_layers: strings(&["DOOR", "门"]),
            wall_layers: strings(&["WALL", "墙", "牆", "WAND", "MUR", "壁"]),
            from_walls: false,
            level: 0,
            window_layers: strings(&["WINDOW", "窗", "GLAZ"]),
            keywords: KeywordTable::default(),
            units: None,
            committee: CommitteeInfo::default(),
            date: None,
            floor: None,
            drawing_name: String::new(),
        }
    }
}

impl ImportOptions {
    /// The defaults, with the committee code and name taken from the
    /// drawing's file name.
    pub fn for_drawing(path: &Path) -> Self {
        ImportOptions {
            drawing_name: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            ..ImportOptions::default()
        }
    }
}

/// Where a room of the plan comes from in the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoomOrigin {
    pub id: String,
    /// The handle of the outline entity.
    pub handle: String,
    /// `LWPOLYLINE`, `POLYLINE` or `HATCH`.
    pub entity: &'static str,
    pub area_m2: f64,
}

/// The result of an import: the plan of what was understood, and what was not.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    /// Things in the drawing that were not understood, or doors that could
    /// not be placed.
    pub warnings: Vec<Notice>,
    /// Defaults chosen for what a drawing does not carry: to be confirmed.
    pub notes: Vec<Notice>,
    pub rooms: Vec<RoomOrigin>,
    pub units: DrawingUnits,
    /// The point of the drawing (in its units) that is the plan's (0, 0).
    pub origin: (f64, f64),
    /// Every layer of the drawing's model space.
    pub layers: Vec<String>,
}

/// The drawing's frame: its units and the local origin (in drawing units).
pub(crate) struct Frame {
    pub units: DrawingUnits,
    pub origin: (f64, f64),
}

impl Frame {
    /// A plan point (metres) in drawing coordinates.
    pub fn drawing(&self, p: (f64, f64)) -> (f64, f64) {
        (
            self.origin.0 + p.0 / self.units.metres(),
            self.origin.1 + p.1 / self.units.metres(),
        )
    }

    /// A drawing point in plan metres.
    pub fn point(&self, p: (f64, f64)) -> (f64, f64) {
        (
            self.units.to_metres(p.0 - self.origin.0),
            self.units.to_metres(p.1 - self.origin.1),
        )
    }
}

/// Import a DXF file.
pub fn import_dxf(path: &Path, opts: &ImportOptions) -> Result<Imported, LoadError> {
    let bytes = crate::io::read_bytes(path)?;
    import_dxf_bytes(path, &bytes, opts)
}

/// Import the bytes of a DXF file; `path` names it in messages.
///
/// A panic of the DXF reader or of the geometry on some unforeseen input is
/// caught and returned as an error: whatever the bytes, this returns.
pub fn import_dxf_bytes(
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<Imported, LoadError> {
    match catch_unwind(AssertUnwindSafe(|| import_inner(path, bytes, opts))) {
        Ok(result) => result,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(SourceError::new(
                path,
                1,
                1,
                format!("读取图纸时出错(文件可能已损坏): {what}"),
                format!("reading the drawing failed (the file may be damaged): {what}"),
            )
            .into())
        }
    }
}

fn dxf_error(path: &Path, e: &dxf::DxfError) -> SourceError {
    use dxf::DxfError as E;
    let line = match e {
        E::ParseFloatError(_, o)
        | E::ParseIntError(_, o)
        | E::ParseError(o)
        | E::UnexpectedCode(_, o)
        | E::UnexpectedByte(_, o)
        | E::UnexpectedEnumValue(o)
        | E::ExpectedTableType(o)
        | E::WrongValueType(o) => *o,
        E::UnexpectedCodePair(cp, _) => cp.offset,
        _ => 1,
    };
    let zh = match e {
        E::UnexpectedEndOfInput => "图纸意外结束:文件不完整".to_string(),
        E::MalformedString => "文字编码无效(与图纸声明的编码不符)".to_string(),
        E::ParseFloatError(..) => "此处应为数字".to_string(),
        E::ParseIntError(..) => "此处应为整数".to_string(),
        _ => "DXF 结构错误".to_string(),
    };
    SourceError::new(
        path,
        line.max(1),
        1,
        format!("无法读取 DXF 图纸: {zh} ({e})"),
        format!("cannot read the DXF drawing: {e}"),
    )
}

/// Import the drawing's bytes. The steps: read the drawing
/// ([`read_drawing`]), decide what the rooms come from ([`Basis::new`]) and
/// in what units ([`judge_units`], [`units_note`]), place the origin
/// ([`origin_note`]), find the outlines ([`outlines_of`]) and name the rooms
/// ([`draft_rooms`]), find the doors ([`find_doors`]), then write the plan
/// ([`floor_note`], [`committee_with_police`], [`plan_of`]).
fn import_inner(path: &Path, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, LoadError> {
    let (scan, raw) = read_drawing(path, bytes, opts)?;
    let mut warnings = raw.warnings.clone();
    let mut notes = Vec::new();
    notes.extend(encoding_note(&scan));

    // rooms from the outlines on the room layers, or else from the walls
    let header_units = scan.insunits.and_then(DrawingUnits::from_insunits);
    let declared = opts
        .units
        .or(header_units)
        .unwrap_or(DrawingUnits::Millimetres);
    let basis = Basis::new(&raw, opts, declared);
    let (units, judged) = judge_units(&raw, &basis, opts, (declared, header_units), &mut warnings);
    notes.push(units_note(opts, units, (declared, header_units), judged));

    // the local origin: the rooms' (or walls') lower-left corner, to whole metres
    let frame = basis.frame(units);
    let origin = frame.origin;
    notes.extend(origin_note(origin, units, basis.from_walls));

    let (lines_m, swings) = wall_lines(&raw, &frame);
    let (outlines, found_walls) =
        outlines_of(&raw, &frame, basis.from_walls, &lines_m, &mut warnings);
    if outlines.is_empty() {
        no_outlines(&raw, opts, &basis, &mut warnings);
    }
    let open = found_walls.as_ref().zip(wall_box(&lines_m));
    let drafted = draft_rooms(
        outlines,
        &raw,
        &frame,
        opts,
        open,
        &mut warnings,
        &mut notes,
    );
    if !drafted.is_empty() {
        notes.extend(other_layers_note(&raw, opts, basis.from_walls));
    }
    // warnings raised before rooms had ids (hatch islands) name their room
    for w in warnings.iter_mut().filter(|w| w.rooms.is_empty()) {
        for r in &drafted {
            if w.handles.contains(&r.outline.handle) {
                w.rooms.push(r.id.clone());
            }
        }
    }
    let found = find_doors(&raw, swings, found_walls.as_ref(), &drafted, &frame);
    warnings.extend(found.warnings);
    notes.extend(found.notes);

    let floor = floor_note(opts, &drafted, &mut notes);
    let committee = committee_with_police(opts, &drafted, &mut notes);
    let room_origins = room_origins(&drafted);
    let plan = plan_of(opts, committee, drafted, found.doors, floor);
    Ok(Imported {
        plan,
        warnings,
        notes,
        rooms: room_origins,
        units,
        origin,
        layers: raw.layers,
    })
}

/// Read the drawing: a binary DXF as the ASCII DXF it stands for (its
/// errors located by group code pair instead of line), scanned for what the
/// `dxf` crate drops, then loaded as UTF-8 whatever its encoding, and its
/// entities read on the layers `opts` names.
fn read_drawing(
    path: &Path,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<(scan::Scan, read::Raw), LoadError> {
    // a binary DXF is read as the ASCII DXF it stands for; its errors are
    // located by group code pair instead of line
    let binary = bytes.starts_with(binary::SENTINEL);
    let ascii;
    let bytes = if binary {
        ascii = binary::to_text(path, bytes)?;
        &ascii[..]
    } else {
        bytes
    };
    let located = |e: SourceError| -> LoadError {
        if binary {
            SourceError {
                line: e.line.div_ceil(2),
                message: format!("二进制 DXF 第 {} 组代码: {}", e.line.div_ceil(2), e.message),
                message_en: format!(
                    "binary DXF, group code pair {}: {}",
                    e.line.div_ceil(2),
                    e.message_en
                ),
                ..e
            }
            .into()
        } else {
            e.into()
        }
    };
    let mut scan = scan::scan(path, bytes).map_err(located)?;
    if binary {
        // the lines of the stand-in text mean nothing to the user
        scan.lines.clear();
        for h in &mut scan.hatches {
            h.line = None;
        }
    }
    // the crate gets UTF-8 whatever the drawing's encoding: it would read
    // an AutoCAD 2007+ drawing as UTF-8 even where it holds GBK
    let encoding = scan.encoding.unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = encoding.decode(bytes);
    let drawing = dxf::Drawing::load_with_encoding(
        &mut std::io::Cursor::new(text.as_bytes()),
        encoding_rs::UTF_8,
    )
    .map_err(|e| located(dxf_error(path, &e)))?;
    let raw = read::read(&drawing, &scan, opts);
    Ok((scan, raw))
}

/// A note when the drawing's text is not in the encoding it declares.
fn encoding_note(scan: &scan::Scan) -> Option<Notice> {
    let (Some(declared), Some(used)) = (scan.encoding_guessed, scan.encoding) else {
        return None;
    };
    Some(Notice::new(
        NoticeKind::Encoding,
        format!(
            "图纸声明的文字编码为 {},但其中文实为 {},已按 {} 读取",
            declared.name(),
            used.name(),
            used.name()
        ),
        format!(
            "the drawing declares its text as {} but its Chinese is {}: read as {}",
            declared.name(),
            used.name(),
            used.name()
        ),
    ))
}

/// What the rooms come from, and the points that frame the plan.
struct Basis {
    /// The outlines on the room layers, as drawn (drawing units).
    raw_rings: Vec<Vec<(f64, f64)>>,
    /// The rooms are found from the wall lines: there are walls, and no
    /// outline on the room layers (or `--from-walls`).
    from_walls: bool,
    /// How many wall lines and arcs the drawing has.
    wall_count: usize,
    /// The points the origin is taken from: the walls' ends or the
    /// outlines' points.
    extent: Vec<(f64, f64)>,
}

impl Basis {
    /// Whether to find the rooms from the walls, judged with the `declared`
    /// units.
    fn new(raw: &read::Raw, opts: &ImportOptions, declared: DrawingUnits) -> Self {
        let raw_rings: Vec<Vec<(f64, f64)>> = raw
            .outlines
            .iter()
            .map(|o| o.verts.iter().map(|v| (v.x, v.y)).collect())
            .collect();
        let ring_points: Vec<(f64, f64)> = raw_rings.iter().flatten().copied().collect();
        let has_outlines = {
            let probe = Frame {
                units: declared,
                origin: origin_of(&ring_points, declared),
            };
            !rooms::outlines(&raw.outlines, &probe, &mut Vec::new()).is_empty()
        };
        let wall_count = raw.walls.len() + raw.wall_arcs.len();
        let from_walls = wall_count > 0 && (opts.from_walls || !has_outlines);
        let wall_points: Vec<(f64, f64)> = raw
            .walls
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .chain(
                raw.wall_arcs
                    .iter()
                    .flat_map(|[a, b]| [(a.x, a.y), (b.x, b.y)]),
            )
            .collect();
        Basis {
            raw_rings,
            from_walls,
            wall_count,
            extent: if from_walls { wall_points } else { ring_points },
        }
    }

    /// The frame in units `u`, its origin from the extent.
    fn frame(&self, u: DrawingUnits) -> Frame {
        Frame {
            units: u,
            origin: origin_of(&self.extent, u),
        }
    }

    /// The rooms' areas (m²) if the drawing were in units `u`.
    fn room_areas(&self, raw: &read::Raw, u: DrawingUnits) -> Vec<f64> {
        if self.from_walls {
            let f = self.frame(u);
            let (lines, _) = wall_lines(raw, &f);
            walls::rooms_from_walls(&lines)
                .rings
                .iter()
                .map(|r| crate::geom::area::outline_area(r))
                .collect()
        } else {
            self.raw_rings
                .iter()
                .filter(|r| r.len() >= 3)
                .map(|r| u.to_metres(u.to_metres(crate::geom::area::outline_area(r))))
                .filter(|a| *a > 0.0)
                .collect()
        }
    }
}

/// The drawing's units: those given (`--units`), else the declared ones
/// unless the rooms' areas in them are implausible and another unit makes
/// them plausible, with a warning saying so. Returns the units and whether
/// they were judged from the rooms' size.
fn judge_units(
    raw: &read::Raw,
    basis: &Basis,
    opts: &ImportOptions,
    (declared, header_units): (DrawingUnits, Option<DrawingUnits>),
    warnings: &mut Vec<Notice>,
) -> (DrawingUnits, bool) {
    let from_walls = basis.from_walls;
    let room_areas = |u: DrawingUnits| basis.room_areas(raw, u);
    let mut units = declared;
    let mut judged = false;
    if opts.units.is_none() && (from_walls || !basis.raw_rings.is_empty()) {
        let at_declared = room_areas(declared);
        if !units::plausible(&at_declared, false) {
            let tried: Vec<(DrawingUnits, Vec<f64>)> = units::CANDIDATES
                .iter()
                .filter(|&&u| u != declared)
                .map(|&u| (u, room_areas(u)))
                .collect();
            let pick = tried
                .iter()
                .find(|(_, a)| units::plausible(a, true))
                .or_else(|| tried.iter().find(|(_, a)| units::plausible(a, false)));
            if let Some((u, areas)) = pick {
                units = *u;
                judged = true;
                let (m0, t0) = units::median_total(&at_declared);
                let (m1, t1) = units::median_total(areas);
                let what_zh = if from_walls {
                    "由墙线围合的房间"
                } else {
                    "房间"
                };
                let what_en = if from_walls {
                    "rooms found from the walls"
                } else {
                    "rooms"
                };
                warnings.push(if header_units.is_some() {
                    Notice::new(
                        NoticeKind::UnitsSuspect,
                        format!(
                            "图纸声明的单位为{}($INSUNITS),按此计{what_zh}面积中位数 {m0:.2} ㎡、合计 {t0:.2} ㎡,不合常理(房间约 1–500 ㎡,办公用房约 10–5000 ㎡);按{}计为 {m1:.2} ㎡、合计 {t1:.2} ㎡,故按{}读取。如有误请用 --units {} 指定",
                            declared.name_zh(),
                            u.name_zh(),
                            u.name_zh(),
                            declared.symbol()
                        ),
                        format!(
                            "the drawing declares {} ($INSUNITS), which makes the median of its {what_en} {m0:.2} m² and their total {t0:.2} m² — implausible (a room is about 1–500 m², premises about 10–5,000 m²); in {} they are {m1:.2} m² and {t1:.2} m², so the drawing is read in {}. If that is wrong, give --units {}",
                            declared.name_en(),
                            u.name_en(),
                            u.name_en(),
                            declared.symbol()
                        ),
                    )
                } else {
                    Notice::new(
                        NoticeKind::UnitsGuessed,
                        format!(
                            "图纸未注明单位 ($INSUNITS),按毫米计{what_zh}面积中位数仅 {m0:.6} ㎡,按{}计为 {m1:.2} ㎡,故按{}读取;如有误请用 --units 指定",
                            u.name_zh(),
                            u.name_zh()
                        ),
                        format!(
                            "the drawing states no units ($INSUNITS); read as millimetres the median of its {what_en} would be {m0:.6} m², in {} {m1:.2} m², so it is read in {} — give --units if that is wrong",
                            u.name_en(),
                            u.name_en()
                        ),
                    )
                });
            }
        }
    }
    (units, judged)
}

/// The note of the drawing's units and where they come from.
fn units_note(
    opts: &ImportOptions,
    units: DrawingUnits,
    (declared, header_units): (DrawingUnits, Option<DrawingUnits>),
    judged: bool,
) -> Notice {
    let units_source = if opts.units.is_some() {
        (
            "按 --units 选项".to_string(),
            "as given by --units".to_string(),
        )
    } else if judged && header_units.is_some() {
        (
            format!("按房间大小判断;图纸声明为{}", declared.name_zh()),
            format!(
                "judged from the rooms' size; the drawing declares {}",
                declared.name_en()
            ),
        )
    } else if header_units.is_some() {
        (
            "按图纸的 $INSUNITS".into(),
            "from the drawing's $INSUNITS".into(),
        )
    } else if judged {
        (
            "图纸未注明单位,按房间大小推断".into(),
            "the drawing states none; judged from the rooms' size".into(),
        )
    } else {
        (
            "图纸未注明单位,默认".into(),
            "the drawing states none; default".into(),
        )
    };
    Notice::new(
        NoticeKind::Units,
        format!("图纸单位: {}({})", units.name_zh(), units_source.0),
        format!("drawing units: {} ({})", units.name_en(), units_source.1),
    )
}

/// The note of the plan's origin in the drawing, unless it is (0, 0).
fn origin_note(origin: (f64, f64), units: DrawingUnits, from_walls: bool) -> Option<Notice> {
    if origin == (0.0, 0.0) {
        return None;
    }
    Some(Notice::new(
        NoticeKind::Origin,
        format!(
            "平面图原点取图纸坐标 {} {}({}左下角取整到米),平面图坐标 = 图纸坐标 − 原点",
            rooms::at_drawing(origin),
            units.symbol(),
            if from_walls { "墙线" } else { "房间" }
        ),
        format!(
            "the plan's origin is the drawing point {} {} (the {}' lower-left corner, to whole metres): plan = drawing − origin",
            rooms::at_drawing(origin),
            units.symbol(),
            if from_walls { "walls" } else { "rooms" }
        ),
    ))
}

/// The room outlines: found from the wall lines `lines_m` (with a warning
/// when the linework is too much to polygonize), or read from the room
/// layers. Returns them with the walls' rooms when they were used.
fn outlines_of(
    raw: &read::Raw,
    frame: &Frame,
    from_walls: bool,
    lines_m: &[walls::WallLine],
    warnings: &mut Vec<Notice>,
) -> (Vec<rooms::Outline>, Option<walls::WallRooms>) {
    if !from_walls {
        return (rooms::outlines(&raw.outlines, frame, warnings), None);
    }
    let found = walls::rooms_from_walls(lines_m);
    if let Some((lines, crossings)) = found.capped {
        warnings.push(Notice::new(
            NoticeKind::WallsTooComplex,
            format!(
                "墙线过多或过于交错({lines} 条线,已数到 {crossings} 处交点或相交线对;上限 {} 条线、{} 处交点),未由墙线围合房间;请只保留墙线图层(--from-walls 图层名)或在 CAD 中描出房间轮廓",
                walls::MAX_SEGMENTS,
                walls::MAX_SPLITS
            ),
            format!(
                "the wall linework is too large or tangled ({lines} lines, {crossings} crossings or meeting pairs counted; at most {} lines and {} crossings): no rooms were found from it — keep only the wall layers (--from-walls LAYER) or trace the rooms in CAD",
                walls::MAX_SEGMENTS,
                walls::MAX_SPLITS
            ),
        ));
    }
    let outs = wall_outlines(&found, frame);
    (outs, Some(found))
}

/// The rooms found from the walls as outlines: on the wall centre lines,
/// with the clear area between the wall faces.
fn wall_outlines(found: &walls::WallRooms, frame: &Frame) -> Vec<rooms::Outline> {
    found
        .rings
        .iter()
        .zip(&found.clear_areas)
        .map(|(ring, &clear)| {
            let poly = geo::Polygon::new(
                geo::LineString::new(ring.iter().map(|&(x, y)| geo::Coord { x, y }).collect()),
                vec![],
            );
            rooms::Outline {
                handle: String::new(),
                layer: String::new(),
                clear: Some(clear),
                source: read::Source::Walls,
                line: None,
                points: ring.clone(),
                area: geo::Area::unsigned_area(&poly),
                poly,
                bbox: shapes::BBox::of(ring),
                drawn_at: frame.drawing(ring[0]),
            }
        })
        .collect()
}

/// Warnings when no room outline was found: outlines drawn inside blocks
/// (explode them first), and what was looked for.
fn no_outlines(raw: &read::Raw, opts: &ImportOptions, basis: &Basis, warnings: &mut Vec<Notice>) {
    for (block, count) in &raw.blocks_with_outlines {
        warnings.push(Notice::new(
            NoticeKind::OutlinesInBlocks,
            format!("房间轮廓画在图块「{block}」内(插入 {count} 次);请先在 CAD 中分解该图块"),
            format!("room outlines are drawn inside the block \"{block}\" (inserted {count} time(s)); explode it in CAD first"),
        ));
    }
    warnings.push(no_rooms(raw, opts, basis.from_walls, basis.wall_count));
}

/// The bounding box of the wall lines, if any.
fn wall_box(lines_m: &[walls::WallLine]) -> Option<shapes::BBox> {
    (!lines_m.is_empty()).then(|| {
        shapes::BBox::of(
            &lines_m
                .iter()
                .flat_map(|l| [l.ends.0, l.ends.1])
                .collect::<Vec<_>>(),
        )
    })
}

/// The rooms: the outlines named from the labels and keywords, their
/// warnings and notes, and a note to check each room found from the walls.
fn draft_rooms(
    outlines: Vec<rooms::Outline>,
    raw: &read::Raw,
    frame: &Frame,
    opts: &ImportOptions,
    open: Option<(&walls::WallRooms, shapes::BBox)>,
    warnings: &mut Vec<Notice>,
    notes: &mut Vec<Notice>,
) -> Vec<rooms::RoomDraft> {
    let open = open.map(|(w, b)| (w.open_ends.as_slice(), b));
    let drafted = rooms::rooms(outlines, &raw.labels, frame, &opts.keywords, open);
    warnings.extend(drafted.warnings);
    notes.extend(drafted.notes);
    for r in drafted
        .rooms
        .iter()
        .filter(|r| r.outline.source == read::Source::Walls)
    {
        let clear = r.outline.clear.unwrap_or(r.outline.area);
        notes.push(
            Notice::new(
                NoticeKind::RoomFromWalls,
                format!(
                    "房间 {}「{}」由墙线围合得出(轮廓在墙中线上,{:.2} ㎡;墙面之间净面积 {:.2} ㎡,起点 {}),请在规划器中核对",
                    r.id,
                    r.name,
                    r.outline.area,
                    clear,
                    rooms::at_drawing(r.outline.drawn_at)
                ),
                format!(
                    "room {} \"{}\" was found from the wall lines (outline on the wall centre lines, {:.2} m²; {:.2} m² between the wall faces; starting at {}): check it in the planner",
                    r.id,
                    r.name,
                    r.outline.area,
                    clear,
                    rooms::at_drawing(r.outline.drawn_at)
                ),
            )
            .room(r.id.clone()),
        );
    }
    drafted.rooms
}

/// A note naming the other layers with closed polylines or hatches, not
/// imported as rooms (perhaps rooms are among them).
fn other_layers_note(raw: &read::Raw, opts: &ImportOptions, from_walls: bool) -> Option<Notice> {
    let others: Vec<(&String, &usize)> = raw
        .closed_by_layer
        .iter()
        .filter(|(l, _)| {
            if from_walls {
                !read::matches_any(l, &opts.wall_layers)
                    && !read::matches_any(l, &opts.window_layers)
            } else {
                !read::matches_any(l, &opts.room_layers)
            }
        })
        .collect();
    if others.is_empty() {
        return None;
    }
    {
        let list = |sep: &str| {
            others
                .iter()
                .map(|(l, n)| format!("{l} ({n})"))
                .collect::<Vec<_>>()
                .join(sep)
        };
        Some(Notice::new(
            NoticeKind::OtherLayers,
            format!(
                "以下图层也有闭合多段线或填充,未作为房间导入: {};如其中有房间,请用 --room-layer 指定(可重复;--room-layer =名称 只匹配完全相同的图层名)",
                list("、")
            ),
            format!(
                "these layers also hold closed polylines or hatches, not imported as rooms: {}; if rooms are among them, name them with --room-layer (repeatable; --room-layer =NAME matches that exact layer name only)",
                list(", ")
            ),
        ))
    }
}

/// The doors: the door blocks, then swing arcs, then openings bridged in
/// the walls, each where no door is yet; placed on the rooms' walls.
fn find_doors(
    raw: &read::Raw,
    swings: Vec<read::RawDoor>,
    found_walls: Option<&walls::WallRooms>,
    rooms: &[rooms::RoomDraft],
    frame: &Frame,
) -> doors::Doors {
    let mut raw_doors = raw.doors.clone();
    let near_door = |doors: &[read::RawDoor], p: (f64, f64), reach: f64| {
        doors.iter().any(|d| {
            let q = frame.point(d.at);
            (q.0 - p.0).hypot(q.1 - p.1) <= reach
        })
    };
    for sw in swings {
        if !near_door(&raw_doors, frame.point(sw.at), doors::MIN_DOOR) {
            raw_doors.push(sw);
        }
    }
    if let Some(w) = found_walls {
        for o in w.openings.iter().filter(|o| o.width >= doors::MIN_DOOR) {
            if !near_door(&raw_doors, o.at, doors::MIN_DOOR.max(o.width / 2.0)) {
                let at = frame.drawing(o.at);
                raw_doors.push(read::RawDoor {
                    handle: String::new(),
                    line: None,
                    block: String::new(),
                    source: read::DoorSource::Opening,
                    at,
                    inserted_at: at,
                });
            }
        }
    }
    doors::doors(rooms, &raw_doors, &raw.walls, frame)
}

/// The rooms' floor: as given, else `Other` with a note asking to confirm
/// it room by room.
fn floor_note(opts: &ImportOptions, rooms: &[rooms::RoomDraft], notes: &mut Vec<Notice>) -> Floor {
    // no "unknown" floor in format 1 (docs/decisions.md): `Other`, so that
    // the check asks for each room until someone confirms it
    let floor = opts.floor.unwrap_or(Floor::Other);
    if opts.floor.is_none() && !rooms.is_empty() {
        notes.push(Notice::new(
            NoticeKind::FloorDefault,
            "图纸不含地面材料:各房间地面暂记为「其他」(Other),检查时会提示防滑要求;请逐间核实后改为防滑 (AntiSlip) 或用 --floor anti-slip 导入(附件2 四.3)",
            "drawings do not carry floor finishes: every room's floor is set to Other for now, so the check will ask about anti-slip floors; confirm room by room and set AntiSlip, or import with --floor anti-slip (附件2 四.3)",
        ));
    }
    floor
}

/// The committee from the options, with police defaults (and a note to
/// fill them in) when the drawing has a police room.
fn committee_with_police(
    opts: &ImportOptions,
    rooms: &[rooms::RoomDraft],
    notes: &mut Vec<Notice>,
) -> Committee {
    let committee = committee(opts, notes);
    let police_rooms: Vec<&str> = rooms
        .iter()
        .filter(|r| r.zones.contains(&Zone::Police))
        .map(|r| r.id.as_str())
        .collect();
    Committee {
        police: if police_rooms.is_empty() {
            None
        } else {
            let mut n = Notice::new(
                NoticeKind::PoliceDefaults,
                format!(
                    "图纸中有警务室 ({}):警务人员人数记为 0、服务项目为空、社区民警职务未填,请补充(附件7)",
                    police_rooms.join(", ")
                ),
                format!(
                    "the drawing has a police room ({}): police staff set to 0, services empty, officer role unset — fill them in (附件7)",
                    police_rooms.join(", ")
                ),
            );
            for r in &police_rooms {
                n = n.room(*r);
            }
            notes.push(n);
            Some(Police {
                staff: 0,
                services: Vec::new(),
                officer_role: None,
            })
        },
        ..committee
    }
}

/// Where each room came from in the drawing (handle, entity, area drawn).
fn room_origins(rooms: &[rooms::RoomDraft]) -> Vec<RoomOrigin> {
    rooms
        .iter()
        .map(|r| RoomOrigin {
            id: r.id.clone(),
            handle: r.outline.handle.clone(),
            entity: r.outline.source.name(),
            area_m2: crate::geom::area::round2(r.outline.area),
        })
        .collect()
}

/// The plan of the drafted rooms and doors: revision 1, dated as given or
/// today.
fn plan_of(
    opts: &ImportOptions,
    committee: Committee,
    rooms: Vec<rooms::RoomDraft>,
    doors: Vec<crate::model::Door>,
    floor: Floor,
) -> Plan {
    Plan {
        format: Format1,
        revision: Revision {
            number: 1,
            date: opts
                .date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            initiated_by: crate::model::Initiator::Committee,
            reason: None,
            consent: None,
        },
        committee,
        rooms: rooms
            .into_iter()
            .map(|r| Room {
                id: r.id,
                name: r.name,
                zones: r.zones,
                floor,
                level: opts.level,
                outline: r.outline.points,
            })
            .collect(),
        doors,
        items: Vec::new(),
        underlays: Vec::new(),
    }
}

/// The local origin for these drawing points: their lower-left corner,
/// rounded down to whole metres (in drawing units).
fn origin_of(points: &[(f64, f64)], units: DrawingUnits) -> (f64, f64) {
    let finite: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    if finite.is_empty() {
        return (0.0, 0.0);
    }
    let bbox = shapes::BBox::of(&finite);
    let whole = |v: f64| from_metres(units.to_metres(v).floor(), units);
    (whole(bbox.min.0), whole(bbox.min.1))
}

/// The wall linework in plan metres (straight lines, and arcs flattened),
/// without the leaves of door swings; and the doors the swings give.
fn wall_lines(raw: &read::Raw, frame: &Frame) -> (Vec<walls::WallLine>, Vec<read::RawDoor>) {
    let mut lines: Vec<shapes::Segment> = raw
        .walls
        .iter()
        .map(|&(a, b)| (frame.point(a), frame.point(b)))
        .collect();
    let plain = lines.len();
    for [a, b] in &raw.wall_arcs {
        let m = |v: &scan::BulgeVertex| {
            let (x, y) = frame.point((v.x, v.y));
            scan::BulgeVertex {
                x,
                y,
                bulge: v.bulge,
            }
        };
        let pts = flatten::flatten(&[m(a), m(b)], false);
        lines.extend(pts.windows(2).map(|w| (w[0], w[1])));
    }
    let others: Vec<shapes::Segment> = raw
        .lines
        .iter()
        .map(|&(a, b)| (frame.point(a), frame.point(b)))
        .collect();
    let (swings, leaves) = doors::swings(&raw.arcs, &others, &lines, frame);
    let lines = lines
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !leaves.contains(i))
        .map(|(i, l)| walls::WallLine {
            ends: l,
            window: i < plain && raw.window_lines.contains(&i),
        })
        .collect();
    (lines, swings)
}

/// The `no-rooms` refusal: which layers hold closed outlines, or else what
/// to do.
fn no_rooms(raw: &read::Raw, opts: &ImportOptions, tried_walls: bool, wall_lines: usize) -> Notice {
    let wanted = opts.room_layers.join(", ");
    let closed: Vec<String> = raw
        .closed_by_layer
        .iter()
        .map(|(l, n)| format!("{l} ({n})"))
        .collect();
    if !closed.is_empty() {
        return Notice::new(
            NoticeKind::NoRooms,
            format!(
                "房间图层 (名称含 {wanted}) 上没有闭合轮廓{}。含闭合多段线或填充的图层(及其个数): {}。请用 --room-layer 指定房间所在图层(--room-layer =名称 只匹配完全相同的图层名)",
                if tried_walls { ",由墙线也未能围合出房间" } else { "" },
                closed.join("、")
            ),
            format!(
                "no closed outline on the room layers (names containing {wanted}){}. Layers holding closed polylines or hatches (with their counts): {}. Name the room layer with --room-layer (--room-layer =NAME for that exact name)",
                if tried_walls { ", and no room could be found from the wall lines" } else { "" },
                closed.join(", ")
            ),
        );
    }
    let walls = opts.wall_layers.join(", ");
    let trace_zh = "或在 CAD 中用 BOUNDARY(边界,BO)命令在各房间内点选,把房间轮廓描在名为「房间」的图层上后再导入";
    let trace_en = "or trace the rooms in CAD with BOUNDARY (BO), clicking inside each room, onto a layer named 房间, and import again";
    if tried_walls {
        Notice::new(
            NoticeKind::NoRooms,
            format!(
                "图纸中没有闭合多段线或填充;由墙线(图层名含 {walls},{wall_lines} 段)也未能围合出房间(墙线未闭合,或门洞宽于 {:.1} 米)。请补全墙线,{trace_zh}",
                walls::MAX_OPENING
            ),
            format!(
                "the drawing holds no closed polyline or hatch, and its wall lines (layers containing {walls}, {wall_lines} segments) enclose no room (walls that do not close, or openings wider than {:.1} m). Complete the walls, {trace_en}",
                walls::MAX_OPENING
            ),
        )
    } else {
        let layers = raw.layers.join(", ");
        Notice::new(
            NoticeKind::NoRooms,
            format!(
                "图纸中没有闭合多段线或填充,也没有墙线图层(名称含 {walls}),无法得出房间。若墙线在其他图层上,请用 --from-walls 图层名 指定(图纸中的图层: {layers}),由墙线围合房间;{trace_zh}"
            ),
            format!(
                "the drawing holds no closed polyline or hatch and no wall layer (names containing {walls}), so no room can be found. If the walls are on another layer, name it with --from-walls LAYER (the drawing's layers: {layers}) to find the rooms from the walls; {trace_en}"
            ),
        )
    }
}

/// A whole number of metres in drawing units, without float noise.
fn from_metres(metres: f64, units: DrawingUnits) -> f64 {
    match units {
        DrawingUnits::Millimetres => metres * 1000.0,
        DrawingUnits::Centimetres => metres * 100.0,
        DrawingUnits::Decimetres => metres * 10.0,
        DrawingUnits::Metres => metres,
        other => metres / other.metres(),
    }
}

fn committee(opts: &ImportOptions, notes: &mut Vec<Notice>) -> Committee {
    let c = &opts.committee;
    let mut missing_zh = Vec::new();
    let mut missing_en = Vec::new();
    let stem = opts.drawing_name.clone();
    let mut pick = |v: &Option<String>, default: String, zh: &str, en: &str, flag: &str| {
        v.clone().unwrap_or_else(|| {
            let shown = if default.is_empty() {
                "(空)".to_string()
            } else {
                format!("「{default}」")
            };
            missing_zh.push(format!("{zh}{shown}({flag})"));
            missing_en.push(format!(
                "{en} {} ({flag})",
                if default.is_empty() {
                    "(empty)".to_string()
                } else {
                    format!("\"{default}\"")
                }
            ));
            default
        })
    };
    let code = pick(&c.code, stem.clone(), "编号", "code", "--code");
    let name = pick(&c.name, stem, "名称", "name", "--name");
    let street = pick(&c.street, String::new(), "街道", "street", "--street");
    let address = pick(&c.address, String::new(), "地址", "address", "--address");
    let estate = c.estate.unwrap_or_else(|| {
        missing_zh.push("小区类型「新建住宅小区」(--estate)".to_string());
        missing_en.push("estate New (--estate)".to_string());
        Estate::New
    });
    if !missing_zh.is_empty() {
        notes.push(Notice::new(
            NoticeKind::CommitteeDefaults,
            format!(
                "图纸不含居委会信息,以下为默认值,请核实: {}",
                missing_zh.join("、")
            ),
            format!(
                "drawings carry no committee data; these are defaults to confirm: {}",
                missing_en.join(", ")
            ),
        ));
    }
    Committee {
        code,
        name,
        street,
        address,
        estate,
        street_facing: c.street_facing,
        police: None,
        staff: None,
        certified_area: None,
        estates: Vec::new(),
    }
}
