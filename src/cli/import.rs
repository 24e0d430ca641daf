//! `juwei import DRAWING.dxf -o PLAN.ron`: a plan from a CAD drawing
//! (`docs/dxf-import.md`).
//!
//! Exit status: 0 the plan is written and everything in the drawing was
//! understood; 1 the plan is written but there are warnings (what was not
//! understood is listed); 2 nothing is written — the drawing could not be
//! read, holds no room outline, or the output exists and `--force` is not
//! given.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{emit, report_load_error, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::geom::area::round2;
use crate::import::{import_dxf, DrawingUnits, ImportOptions, Imported, KeywordTable, Notice};
use crate::io::plan_to_string;
use crate::model::{ArgError, Estate, Floor, Lang, Zone};

/// Import a floor plan from a CAD drawing (DXF)
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The DXF drawing
    pub drawing: PathBuf,
    /// The plan file to write (default: the drawing's name with .ron)
    #[arg(short, long, value_name = "PLAN.ron")]
    pub output: Option<PathBuf>,
    /// Replace an existing plan file
    #[arg(long)]
    pub force: bool,
    /// Room layer (its name contains it, any case; =NAME: exactly that name; repeatable;
    /// replaces the defaults: ROOM SPACE AREA and their Chinese names)
    #[arg(long = "room-layer", value_name = "NAME")]
    pub room_layers: Vec<String>,
    /// Keyword table file (RON, see docs/dxf-keywords.ron)
    #[arg(long, value_name = "FILE")]
    pub keywords: Option<PathBuf>,
    /// Door block name (contains it; repeatable; replaces the defaults: DOOR DORLIB and
    /// the Chinese name)
    #[arg(long = "door-block", value_name = "NAME")]
    pub door_blocks: Vec<String>,
    /// Wall layer (contains it; repeatable; replaces the defaults: WALL WAND MUR and the Chinese and Japanese names)
    #[arg(long = "wall-layer", value_name = "NAME")]
    pub wall_layers: Vec<String>,
    /// Find the rooms from the wall lines (even when the room layers hold closed outlines);
    /// optionally followed by the wall layers
    #[arg(long = "from-walls", value_name = "LAYER", num_args = 0..)]
    pub from_walls: Option<Vec<String>>,
    /// The storey the drawing shows, every room's level: 0 the ground floor, 1 the floor
    /// above, -1 a basement
    #[arg(
        long,
        value_name = "N",
        allow_negative_numbers = true,
        default_value_t = 0
    )]
    pub level: i32,
    /// Drawing units, overriding $INSUNITS: mm cm dm m in ft
    #[arg(long, value_name = "UNIT", value_parser = parse_units)]
    pub units: Option<DrawingUnits>,
    /// Committee code (default: the drawing's file name)
    #[arg(long)]
    pub code: Option<String>,
    /// Committee name (default: the drawing's file name)
    #[arg(long)]
    pub name: Option<String>,
    /// Street office
    #[arg(long)]
    pub street: Option<String>,
    /// Address
    #[arg(long)]
    pub address: Option<String>,
    /// Estate: new (a new residential estate, the default) or old
    #[arg(long, value_parser = parse_estate)]
    pub estate: Option<Estate>,
    /// Street-facing
    #[arg(long)]
    pub street_facing: bool,
    /// Every room's floor: other (the default, to be confirmed) or anti-slip
    #[arg(long, value_parser = parse_floor)]
    pub floor: Option<Floor>,
    /// Revision date; default today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// Output format
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

fn parse_estate(s: &str) -> Result<Estate, ArgError> {
    match s.trim().to_lowercase().as_str() {
        "new" | "新建" | "新建住宅小区" | "新小区" => Ok(Estate::New),
        "old" | "旧" | "旧小区" | "老小区" => Ok(Estate::Old),
        _ => Err(ArgError::new(
            "应为 new (新建住宅小区) 或 old (旧小区)",
            "expected new or old",
        )),
    }
}

fn parse_floor(s: &str) -> Result<Floor, ArgError> {
    match s.trim().to_lowercase().as_str() {
        "anti-slip" | "antislip" | "防滑" => Ok(Floor::AntiSlip),
        "other" | "其他" => Ok(Floor::Other),
        _ => Err(ArgError::new(
            "应为 anti-slip (防滑) 或 other (其他)",
            "expected anti-slip or other",
        )),
    }
}

fn parse_units(s: &str) -> Result<DrawingUnits, ArgError> {
    s.parse().map_err(|_| {
        ArgError::new(
            "未知单位: 应为 mm、cm、dm、m、in 或 ft",
            "unknown unit: mm, cm, dm, m, in or ft",
        )
    })
}

impl ImportArgs {
    fn options(&self) -> Result<ImportOptions, String> {
        let mut o = ImportOptions::for_drawing(&self.drawing);
        if !self.room_layers.is_empty() {
            o.room_layers = self.room_layers.clone();
        }
        if !self.door_blocks.is_empty() {
            o.door_blocks = self.door_blocks.clone();
        }
        if !self.wall_layers.is_empty() {
            o.wall_layers = self.wall_layers.clone();
        }
        if let Some(layers) = &self.from_walls {
            o.from_walls = true;
            if !layers.is_empty() {
                o.wall_layers = layers.clone();
            }
        }
        if let Some(k) = &self.keywords {
            o.keywords = KeywordTable::load(k)
                .map_err(|e| e.display(Lang::Zh) + "\n" + &e.display(Lang::En))?;
        }
        o.units = self.units;
        o.level = self.level;
        o.committee.code = self.code.clone();
        o.committee.name = self.name.clone();
        o.committee.street = self.street.clone();
        o.committee.address = self.address.clone();
        o.committee.estate = self.estate;
        o.committee.street_facing = self.street_facing;
        o.floor = self.floor;
        o.date = self.date;
        Ok(o)
    }

    fn output_path(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.drawing.with_extension("ron"))
    }
}

/// Run `juwei import`; returns the exit status.
pub fn run(args: &ImportArgs, output: &Output) -> i32 {
    let lang = output.lang;
    let out = args.output_path();
    if out.exists() && !args.force {
        crate::say_err!(
            "{}: {}",
            out.display(),
            lang.pick(
                "文件已存在,未覆盖(其中可能有手工编辑的内容);如确需替换请加 --force",
                "the file exists and was not replaced (it may hold hand edits); add --force to replace it"
            )
        );
        return EXIT_INPUT;
    }
    if out == args.drawing {
        crate::say_err!(
            "{}: {}",
            out.display(),
            lang.pick(
                "输出文件不能是图纸本身",
                "the output cannot be the drawing itself"
            )
        );
        return EXIT_INPUT;
    }
    let opts = match args.options() {
        Ok(o) => o,
        Err(e) => {
            crate::say_err!("{e}");
            return EXIT_INPUT;
        }
    };
    // a panic inside the reader is caught and reported by `import_dxf`;
    // keep the default hook from printing it as a crash meanwhile
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = import_dxf(&args.drawing, &opts);
    std::panic::set_hook(hook);
    let imported = match result {
        Ok(i) => i,
        Err(e) => return report_load_error(&e, lang),
    };
    let written = if imported.plan.rooms.is_empty() {
        false
    } else {
        let text = plan_to_string(&imported.plan);
        // never over the drawing or a register (issue 15)
        if let Err(e) = crate::io::output::write_output(
            &out,
            text.as_bytes(),
            crate::io::output::Writes::Plan,
            output.inputs,
        ) {
            crate::say_err!(
                "{}: {}: {}",
                out.display(),
                lang.pick("无法写入", "cannot write"),
                crate::io::io_error_text(&e, lang)
            );
            return EXIT_INPUT;
        }
        true
    };
    let report = if args.format == "json" {
        json_report(args, &out, written, &imported) + "\n"
    } else {
        text_report(args, &out, written, &imported, lang)
    };
    if let Err(status) = emit(output, None, &report) {
        return status;
    }
    if !written {
        EXIT_INPUT
    } else if imported.warnings.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

/// Pad to `width` terminal columns (CJK characters take two).
fn pad(s: &str, width: usize) -> String {
    let cols = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(cols)))
}

fn zones_text(zones: &[Zone], lang: Lang) -> String {
    zones
        .iter()
        .map(|z| z.name(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// The report for a terminal.
pub fn text_report(
    args: &ImportArgs,
    out: &Path,
    written: bool,
    imp: &Imported,
    lang: Lang,
) -> String {
    let mut s = String::new();
    let plan = &imp.plan;
    if written {
        s.push_str(&match lang {
            Lang::Zh => format!(
                "已从 {} 导入 {} 个房间、{} 扇门 → {}(图纸单位: {})\n",
                args.drawing.display(),
                plan.rooms.len(),
                plan.doors.len(),
                out.display(),
                imp.units.name_zh()
            ),
            Lang::En => format!(
                "imported {} room(s) and {} door(s) from {} → {} (drawing units: {})\n",
                plan.rooms.len(),
                plan.doors.len(),
                args.drawing.display(),
                out.display(),
                imp.units.name_en()
            ),
        });
        if args.level != 0 {
            s.push_str(&match lang {
                Lang::Zh => format!("  楼层 (level): {},各房间均记为此层\n", args.level),
                Lang::En => format!("  storey (level): {}, given to every room\n", args.level),
            });
        }
    } else {
        s.push_str(&format!(
            "{}: {}\n",
            args.drawing.display(),
            lang.pick(
                "没有可导入的房间,未写入平面图",
                "no room could be imported; no plan written"
            )
        ));
    }
    let geometry = crate::geom::PlanGeometry::new(plan);
    for (room, origin) in plan.rooms.iter().zip(&imp.rooms) {
        // the outline's own area, also for an outline the check will call
        // invalid (it counts 0 there): a room 1000 times too big must show
        let problem = crate::geom::validity::outline_problem(&room.outline)
            .map(|p| {
                let (zh, en) = p.describe();
                format!(
                    "  ({}: {})",
                    lang.pick("无效", "invalid"),
                    lang.pick(zh, en)
                )
            })
            .unwrap_or_default();
        s.push_str(&format!(
            "  {:<5} {} {} {:>9.2} {}  [{}]{problem}\n",
            room.id,
            pad(&room.name, 14),
            pad(&zones_text(&room.zones, lang), 20),
            round2(origin.area_m2),
            lang.pick("㎡", "m²"),
            if origin.handle.is_empty() {
                origin.entity.to_string()
            } else {
                format!("{} {}", origin.entity, origin.handle)
            }
        ));
    }
    if !plan.rooms.is_empty() {
        s.push_str(&format!(
            "  {} {:.2} {}\n",
            lang.pick("办公用房面积:", "premises area:"),
            geometry.premises_area,
            lang.pick("㎡", "m²")
        ));
    }
    for (title, list) in [
        (lang.pick("警告", "warnings"), &imp.warnings),
        (
            lang.pick("说明(默认值,请核实)", "notes (defaults to confirm)"),
            &imp.notes,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        s.push_str(&format!("{title} ({}):\n", list.len()));
        for n in list.iter() {
            s.push_str(&format!("  - {}\n", n.display(lang)));
        }
    }
    s
}

#[derive(Serialize)]
struct JsonRoom<'a> {
    id: &'a str,
    name: &'a str,
    zones: Vec<&'static str>,
    area_m2: f64,
    handle: &'a str,
    entity: &'static str,
}

#[derive(Serialize)]
struct JsonDoor<'a> {
    between: [&'a str; 2],
    at: [f64; 2],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    format: u32,
    drawing: String,
    plan: Option<String>,
    units: DrawingUnits,
    origin: [f64; 2],
    rooms: Vec<JsonRoom<'a>>,
    doors: Vec<JsonDoor<'a>>,
    warnings: &'a [Notice],
    notes: &'a [Notice],
}

/// The report for scripts (`--format json`).
pub fn json_report(args: &ImportArgs, out: &Path, written: bool, imp: &Imported) -> String {
    let report = JsonReport {
        format: 1,
        drawing: args.drawing.display().to_string(),
        plan: written.then(|| out.display().to_string()),
        units: imp.units,
        origin: [imp.origin.0, imp.origin.1],
        rooms: imp
            .plan
            .rooms
            .iter()
            .zip(&imp.rooms)
            .map(|(r, o)| JsonRoom {
                id: &r.id,
                name: &r.name,
                zones: r.zones.iter().map(|z| z.ident()).collect(),
                area_m2: o.area_m2,
                handle: &o.handle,
                entity: o.entity,
            })
            .collect(),
        doors: imp
            .plan
            .doors
            .iter()
            .map(|d| JsonDoor {
                between: [&d.between.0, &d.between.1],
                at: [d.at.0, d.at.1],
            })
            .collect(),
        warnings: &imp.warnings,
        notes: &imp.notes,
    };
    serde_json::to_string_pretty(&report).expect("the report always serialises")
}
