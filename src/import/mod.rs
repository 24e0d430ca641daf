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
    /// Lines on such layers are walls: their gaps are doors.
    pub wall_layers: Vec<String>,
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
            wall_layers: strings(&["WALL", "墙"]),
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
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, e))?;
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

fn import_inner(path: &Path, bytes: &[u8], opts: &ImportOptions) -> Result<Imported, LoadError> {
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
    let mut warnings = raw.warnings.clone();
    let mut notes = Vec::new();
    if let (Some(declared), Some(used)) = (scan.encoding_guessed, scan.encoding) {
        notes.push(Notice::new(
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
        ));
    }

    // units: the option, the header, or millimetres
    let header_units = scan.insunits.and_then(DrawingUnits::from_insunits);
    let mut units = opts
        .units
        .or(header_units)
        .unwrap_or(DrawingUnits::Millimetres);
    let raw_rings: Vec<Vec<(f64, f64)>> = raw
        .outlines
        .iter()
        .map(|o| o.verts.iter().map(|v| (v.x, v.y)).collect())
        .collect();
    if opts.units.is_none() && header_units.is_none() {
        // millimetres by default; a drawing whose rooms would then be
        // smaller than a dinner plate is in metres
        let mut areas: Vec<f64> = raw_rings
            .iter()
            .filter(|r| r.len() >= 3)
            .map(|r| units.to_metres(units.to_metres(crate::geom::area::outline_area(r))))
            .filter(|a| *a > 0.0)
            .collect();
        areas.sort_by(f64::total_cmp);
        if let Some(&median) = areas.get(areas.len() / 2) {
            if median < 0.1 {
                units = DrawingUnits::Metres;
                warnings.push(Notice::new(
                    NoticeKind::UnitsGuessed,
                    format!(
                        "图纸未注明单位 ($INSUNITS),按毫米计房间面积中位数仅 {median:.6} ㎡,故按米读取;如有误请用 --units 指定"
                    ),
                    format!(
                        "the drawing states no units ($INSUNITS); read as millimetres its median room would be {median:.6} m², so it is read in metres — give --units if that is wrong"
                    ),
                ));
            }
        }
    }
    let units_source = if opts.units.is_some() {
        ("按 --units 选项", "as given by --units")
    } else if header_units.is_some() {
        ("按图纸的 $INSUNITS", "from the drawing's $INSUNITS")
    } else if units != DrawingUnits::Millimetres {
        (
            "图纸未注明单位,按房间大小推断",
            "the drawing states none; judged from the rooms' size",
        )
    } else {
        ("图纸未注明单位,默认", "the drawing states none; default")
    };
    notes.push(Notice::new(
        NoticeKind::Units,
        format!("图纸单位: {}({})", units.name_zh(), units_source.0),
        format!("drawing units: {} ({})", units.name_en(), units_source.1),
    ));

    // the local origin: the outlines' lower-left corner, to whole metres
    let all: Vec<(f64, f64)> = raw_rings
        .iter()
        .flatten()
        .copied()
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    let origin = if all.is_empty() {
        (0.0, 0.0)
    } else {
        let bbox = shapes::BBox::of(&all);
        let whole = |v: f64| from_metres(units.to_metres(v).floor(), units);
        (whole(bbox.min.0), whole(bbox.min.1))
    };
    if origin != (0.0, 0.0) {
        notes.push(Notice::new(
            NoticeKind::Origin,
            format!(
                "平面图原点取图纸坐标 {} {}(房间左下角取整到米),平面图坐标 = 图纸坐标 − 原点",
                rooms::at_drawing(origin),
                units.symbol()
            ),
            format!(
                "the plan's origin is the drawing point {} {} (the rooms' lower-left corner, to whole metres): plan = drawing − origin",
                rooms::at_drawing(origin),
                units.symbol()
            ),
        ));
    }
    let frame = Frame { units, origin };

    let outlines = rooms::outlines(&raw.outlines, &frame, &mut warnings);
    if outlines.is_empty() {
        for (block, count) in &raw.blocks_with_outlines {
            warnings.push(Notice::new(
                NoticeKind::OutlinesInBlocks,
                format!("房间轮廓画在图块「{block}」内(插入 {count} 次);请先在 CAD 中分解该图块"),
                format!("room outlines are drawn inside the block \"{block}\" (inserted {count} time(s)); explode it in CAD first"),
            ));
        }
        let layers = raw.layers.join(", ");
        let wanted = opts.room_layers.join(", ");
        warnings.push(Notice::new(
            NoticeKind::NoRooms,
            format!(
                "房间图层 (名称含 {wanted}) 上没有闭合轮廓。图纸中的图层: {layers}。请用 --room-layer 指定房间所在图层"
            ),
            format!(
                "no closed outline on the room layers (names containing {wanted}). Layers of this drawing: {layers}. Name the room layer with --room-layer"
            ),
        ));
    }
    let drafted = rooms::rooms(outlines, &raw.labels, &frame, &opts.keywords);
    warnings.extend(drafted.warnings);
    notes.extend(drafted.notes);
    // warnings raised before rooms had ids (hatch islands) name their room
    for w in warnings.iter_mut().filter(|w| w.rooms.is_empty()) {
        for r in &drafted.rooms {
            if w.handles.contains(&r.outline.handle) {
                w.rooms.push(r.id.clone());
            }
        }
    }
    let found = doors::doors(&drafted.rooms, &raw.doors, &raw.walls, &frame);
    warnings.extend(found.warnings);
    notes.extend(found.notes);

    // no "unknown" floor in format 1 (docs/decisions.md): `Other`, so that
    // the check asks for each room until someone confirms it
    let floor = opts.floor.unwrap_or(Floor::Other);
    if opts.floor.is_none() && !drafted.rooms.is_empty() {
        notes.push(Notice::new(
            NoticeKind::FloorDefault,
            "图纸不含地面材料:各房间地面暂记为「其他」(Other),检查时会提示防滑要求;请逐间核实后改为防滑 (AntiSlip) 或用 --floor anti-slip 导入(附件2 四.3)",
            "drawings do not carry floor finishes: every room's floor is set to Other for now, so the check will ask about anti-slip floors; confirm room by room and set AntiSlip, or import with --floor anti-slip (附件2 四.3)",
        ));
    }
    let committee = committee(opts, &mut notes);
    let police_rooms: Vec<&str> = drafted
        .rooms
        .iter()
        .filter(|r| r.zones.contains(&Zone::Police))
        .map(|r| r.id.as_str())
        .collect();
    let committee = Committee {
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
    };

    let room_origins = drafted
        .rooms
        .iter()
        .map(|r| RoomOrigin {
            id: r.id.clone(),
            handle: r.outline.handle.clone(),
            entity: r.outline.source.name(),
            area_m2: crate::geom::area::round2(r.outline.area),
        })
        .collect();
    let plan = Plan {
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
        rooms: drafted
            .rooms
            .into_iter()
            .map(|r| Room {
                id: r.id,
                name: r.name,
                zones: r.zones,
                floor,
                level: 0,
                outline: r.outline.points,
            })
            .collect(),
        doors: found.doors,
        items: Vec::new(),
        underlays: Vec::new(),
    };
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
