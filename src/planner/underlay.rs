//! Tracing a plan from a photo or a scan: the current level's underlay
//! (`underlays` of `plan-format.md`) drawn beneath the plan's outlines, and
//! the 描图 window's tools: load an image, opacity, show/hide, rectify on
//! four corners of a rectangle, calibrate on a known length, rooms as
//! rectangles, split a room along a line. Every change goes through the
//! plan's undo stack ([`Edit::SetUnderlays`], [`Edit::AddRoom`], the split's
//! [`Edit::Group`]). The maths is in [`crate::edit::trace`] and
//! [`crate::geom::homography`], without bevy.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy::sprite_render::AlphaMode2d;
use bevy_egui::{egui, EguiContexts, EguiPrimaryContextPass};

pub use super::actions::TraceAction;
use super::picking::{new_room, PointerEvent, PointerKind};
use super::state::{Doc, LogicSet, Notice, PlanCommand, Selection, Tool, UiLang};
use super::view::View;
use crate::edit::levels::on_level;
use crate::edit::snap::{room_at, room_wall_near, usable};
use crate::edit::trace::{
    initial_to_plan, rectangle, rectify_clicks, relative_path, snap_trace, split_room,
    underlay_axis,
};
use crate::edit::Edit;
use crate::geom::homography::Homography;
use crate::model::{Lang, Plan, Underlay};

type P = (f64, f64);

pub use super::state::CurrentLevel;

/// What the trace tool (画布上的描图工具) is doing.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum TraceMode {
    /// Click the four corners of a rectangle of the drawing, in order.
    #[default]
    Rectify,
    /// Click the two ends of a known length.
    Calibrate,
    /// Click two opposite corners of a rectangular room.
    Rectangle,
    /// Click two points on a room's walls to split it along the line.
    Split,
}

/// The 描图 window's state.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct TraceUi {
    pub open: bool,
    /// Draw the underlays (the plan keeps them either way).
    pub show: bool,
    pub mode: TraceMode,
    /// Points clicked so far in the current mode (plan metres).
    pub clicks: Vec<P>,
    /// The image path typed in (relative to the plan's folder or absolute).
    pub path: String,
    /// The rectangle's sides for rectification, metres, as typed.
    pub width: String,
    pub height: String,
    /// The known length for calibration, metres, as typed.
    pub length: String,
}

impl Default for TraceUi {
    fn default() -> Self {
        TraceUi {
            open: false,
            show: true,
            mode: TraceMode::Rectify,
            clicks: Vec::new(),
            path: String::new(),
            width: String::new(),
            height: String::new(),
            length: String::new(),
        }
    }
}

/// A decoded image: width, height, RGBA8 pixels.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// Read a PNG or JPEG file. The error names the file (zh, en).
pub fn read_image(path: &Path) -> Result<Raster, (String, String)> {
    let fail = |zh: &str, en: &str, e: &dyn std::fmt::Display| {
        (
            format!("{}: {zh}({e})", path.display()),
            format!("{}: {en} ({e})", path.display()),
        )
    };
    let bytes =
        std::fs::read(path).map_err(|e| fail("无法读取底图文件", "cannot read the image", &e))?;
    decode_image(&bytes).map_err(|e| {
        fail(
            "不是可读的 PNG 或 JPEG 图片",
            "not a readable PNG or JPEG image",
            &e,
        )
    })
}

/// Decode PNG or JPEG bytes (by their signature).
pub fn decode_image(bytes: &[u8]) -> Result<Raster, String> {
    if bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| "image too large".to_string())?;
        let mut buf = vec![0; size];
        let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        let px = &buf[..info.buffer_size()];
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => px.to_vec(),
            png::ColorType::Rgb => px.chunks(3).flat_map(|c| [c[0], c[1], c[2], 255]).collect(),
            png::ColorType::GrayscaleAlpha => px
                .chunks(2)
                .flat_map(|c| [c[0], c[0], c[0], c[1]])
                .collect(),
            png::ColorType::Grayscale => px.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Indexed => return Err("indexed colours were not expanded".into()),
        };
        Ok(Raster {
            width: info.width,
            height: info.height,
            rgba,
        })
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        use zune_jpeg::zune_core::colorspace::ColorSpace;
        use zune_jpeg::zune_core::options::DecoderOptions;
        let opts = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGBA);
        let mut d = zune_jpeg::JpegDecoder::new_with_options(bytes, opts);
        let rgba = d.decode().map_err(|e| format!("{e:?}"))?;
        let (w, h) = d.dimensions().ok_or_else(|| "no image size".to_string())?;
        Ok(Raster {
            width: w as u32,
            height: h as u32,
            rgba,
        })
    } else {
        Err("neither PNG nor JPEG".into())
    }
}

/// Where an underlay's image is: absolute while the plan is open
/// ([`crate::edit::trace::resolve_underlays`]); a path typed in is taken
/// from the plan's folder (or the working folder for a plan not saved yet).
pub fn image_path(doc: &Doc, image: &str) -> PathBuf {
    let p = Path::new(image);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    crate::edit::trace::plan_folder(doc.path.as_deref()).join(p)
}

/// An underlay's image as the user reads it: relative to the plan's
/// folder once the plan is saved (as the file keeps it), else absolute.
pub fn image_label(doc: &Doc, image: &str) -> String {
    match &doc.path {
        Some(f) => relative_path(
            &image_path(doc, image),
            &crate::edit::trace::plan_folder(Some(f)),
        ),
        None => image.to_string(),
    }
}

/// The underlay of a level and its index in the plan's list.
pub fn underlay_of(plan: &Plan, level: i32) -> Option<(usize, &Underlay)> {
    plan.underlays
        .iter()
        .enumerate()
        .find(|(_, u)| u.level == level)
}

/// The drawing's axis on the plan for the current level (0 without underlay).
pub fn axis_of(doc: &Doc, images: &UnderlayImages, level: i32) -> f64 {
    underlay_of(&doc.plan, level)
        .and_then(|(_, u)| {
            let size = images
                .size_of(&image_path(doc, &u.image))
                .unwrap_or((1000, 1000));
            underlay_axis(
                &Homography(u.to_plan),
                (size.0 as f64 / 2.0, size.1 as f64 / 2.0),
            )
        })
        .unwrap_or(0.0)
}

/// Snap a corner of a room drawn corner by corner (画房间): square to the
/// previous corner along the underlay's axes, onto neighbours' corners and
/// walls, else the grid ([`snap_trace`]). The axis of a scan only scaled is
/// the same everywhere, and a rectified photo's is the plan's, so it needs
/// no image size here.
pub fn draw_snap(doc: &Doc, prev: Option<P>, p: P, tol: f64, level: i32) -> P {
    let axis = underlay_of(&doc.plan, level)
        .map(|(_, u)| u)
        .or(doc.plan.underlays.first())
        .and_then(|u| underlay_axis(&Homography(u.to_plan), (0.0, 0.0)))
        .unwrap_or(0.0);
    snap_trace(&on_level(&doc.plan, level), prev, p, tol, axis, None).0
}

/// The images read so far, by path: the texture and size, or why it could
/// not be read (a warning, never an error of the plan).
/// A message in both languages: (Chinese, English).
type Message = (String, String);

/// An image read for an underlay: its texture and size in pixels.
type LoadedImage = (Handle<Image>, (u32, u32));

/// A command to send, with what to select after it.
type TraceCommand = (PlanCommand, Option<Selection>);

#[derive(Resource, Default)]
pub struct UnderlayImages {
    loaded: HashMap<PathBuf, Result<LoadedImage, Message>>,
}

impl UnderlayImages {
    pub fn size_of(&self, path: &Path) -> Option<(u32, u32)> {
        match self.loaded.get(path) {
            Some(Ok((_, size))) => Some(*size),
            _ => None,
        }
    }

    /// Why the image at `path` is not shown, when it is not.
    pub fn problem(&self, path: &Path) -> Option<&(String, String)> {
        self.loaded.get(path).and_then(|r| r.as_ref().err())
    }
}

/// The entity drawing an underlay.
#[derive(Component)]
pub struct UnderlayEntity;

/// The underlays and trace tools without drawing (headless tests use it).
pub struct UnderlayLogicPlugin;

impl Plugin for UnderlayLogicPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<TraceUi>()
            .init_resource::<CurrentLevel>()
            .init_resource::<UnderlayImages>()
            .add_systems(Update, trace_pointer.before(LogicSet::Apply))
            .add_systems(Update, load_images.after(LogicSet::Apply));
    }
}

/// The logic, the drawing and the trace window.
pub struct UnderlayPlugin;

impl Plugin for UnderlayPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(UnderlayLogicPlugin)
            .add_systems(
                Update,
                (draw_underlay, draw_trace_overlay)
                    .chain()
                    .after(load_images),
            )
            .add_systems(EguiPrimaryContextPass, trace_window);
    }
}

/// Read the images the plan's underlays name (once per path), warning
/// about those that cannot be read.
fn load_images(
    doc: Res<Doc>,
    mut images: ResMut<UnderlayImages>,
    mut assets: Option<ResMut<Assets<Image>>>,
    mut notice: ResMut<Notice>,
) {
    for u in &doc.plan.underlays {
        let path = image_path(&doc, &u.image);
        if images.loaded.contains_key(&path) {
            continue;
        }
        let entry = match read_image(&path) {
            Ok(r) => {
                let size = (r.width, r.height);
                let handle = match assets.as_mut() {
                    Some(a) => a.add(Image::new(
                        Extent3d {
                            width: r.width,
                            height: r.height,
                            depth_or_array_layers: 1,
                        },
                        TextureDimension::D2,
                        r.rgba,
                        TextureFormat::Rgba8UnormSrgb,
                        RenderAssetUsages::RENDER_WORLD,
                    )),
                    None => Handle::default(),
                };
                Ok((handle, size))
            }
            Err((zh, en)) => {
                warn!("{en}");
                notice.error(
                    format!("底图缺失,仅显示平面图:{zh}"),
                    format!("underlay missing, the plan is shown without it: {en}"),
                );
                Err((zh, en))
            }
        };
        images.loaded.insert(path, entry);
    }
}

/// A grid of quads over the image, each corner placed by `to_plan` (a
/// projective warp is not affine, so one quad would bend straight lines).
pub fn underlay_mesh(to_plan: &Homography, size: (u32, u32), view: &View) -> Option<Mesh> {
    const N: usize = 24;
    let (w, h) = (size.0 as f64, size.1 as f64);
    let mut positions = Vec::with_capacity((N + 1) * (N + 1));
    let mut uvs = Vec::with_capacity((N + 1) * (N + 1));
    for j in 0..=N {
        for i in 0..=N {
            let (u, v) = (i as f64 / N as f64, j as f64 / N as f64);
            let p = to_plan.apply((u * w, v * h))?;
            let q = view.world(p);
            positions.push([q.x, q.y, 0.0]);
            uvs.push([u as f32, v as f32]);
        }
    }
    let mut indices = Vec::with_capacity(N * N * 6);
    for j in 0..N {
        for i in 0..N {
            let a = (j * (N + 1) + i) as u32;
            let b = a + 1;
            let c = a + (N + 1) as u32;
            let d = c + 1;
            indices.extend([a, c, b, b, c, d]);
        }
    }
    Some(
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, uvs)
        .with_inserted_indices(Indices::U32(indices)),
    )
}

type DrawnUnderlay = (Option<(String, [f64; 9], u64)>, (f64, f64), bool);

/// Draw the current level's underlay above the rooms' fills and below
/// their walls and labels, at its opacity.
#[allow(clippy::too_many_arguments)]
fn draw_underlay(
    mut commands: Commands,
    doc: Res<Doc>,
    view: Res<View>,
    ui: Res<TraceUi>,
    level: Res<CurrentLevel>,
    images: Res<UnderlayImages>,
    meshes: Option<ResMut<Assets<Mesh>>>,
    materials: Option<ResMut<Assets<ColorMaterial>>>,
    old: Query<Entity, With<UnderlayEntity>>,
    mut drawn: Local<DrawnUnderlay>,
) {
    let current = underlay_of(&doc.plan, level.0).map(|(_, u)| {
        (
            u.image.clone(),
            u.to_plan,
            (u.opacity.clamp(0.0, 1.0) * 1000.0) as u64,
        )
    });
    let key = (current.clone(), view.origin, ui.show);
    if *drawn == key && (current.is_none() || !old.is_empty()) {
        return;
    }
    let (Some(mut meshes), Some(mut materials)) = (meshes, materials) else {
        return;
    };
    for e in &old {
        commands.entity(e).despawn();
    }
    *drawn = key;
    let Some((image, to_plan, opacity)) = current.filter(|_| ui.show) else {
        return;
    };
    let path = image_path(&doc, &image);
    let Some(Ok((handle, size))) = images.loaded.get(&path) else {
        return;
    };
    let Some(mesh) = underlay_mesh(&Homography(to_plan), *size, &view) else {
        return;
    };
    let material = ColorMaterial {
        color: Color::srgba(1.0, 1.0, 1.0, opacity as f32 / 1000.0),
        texture: Some(handle.clone()),
        alpha_mode: AlphaMode2d::Blend,
        ..default()
    };
    commands.spawn((
        UnderlayEntity,
        Mesh2d(meshes.add(mesh)),
        MeshMaterial2d(materials.add(material)),
        Transform::from_xyz(0.0, 0.0, 5.0),
    ));
}

fn parse_len(s: &str) -> Option<f64> {
    let t = s
        .trim()
        .trim_end_matches(['m', '米'])
        .trim()
        .replace(',', ".");
    t.parse::<f64>().ok().filter(|v| *v > 0.0 && v.is_finite())
}

/// The edit that puts `u` as the underlay of its level (replacing the one there).
pub fn set_underlay(plan: &Plan, u: Underlay) -> Edit {
    let mut list = plan.underlays.clone();
    match list.iter_mut().find(|x| x.level == u.level) {
        Some(x) => *x = u,
        None => list.push(u),
    }
    Edit::SetUnderlays { underlays: list }
}

/// Load an image as the underlay of `level`: the edit, or why not.
pub fn load_underlay(
    doc: &Doc,
    typed: &str,
    level: i32,
) -> Result<(Edit, (u32, u32)), (String, String)> {
    let typed = typed.trim().trim_matches('"');
    if typed.is_empty() {
        return Err(("请输入图片路径".into(), "type the image's path".into()));
    }
    let full = image_path(doc, typed);
    let raster = read_image(&full)?;
    // absolute while the plan is open (a plan not saved yet has no folder
    // to be relative to); the file gets it relative to its own folder
    let image = full.to_string_lossy().into_owned();
    let bounds = plan_bounds(&doc.plan, level);
    let to_plan = initial_to_plan((raster.width, raster.height), bounds).0;
    let opacity = underlay_of(&doc.plan, level).map_or(0.5, |(_, u)| u.opacity);
    Ok((
        set_underlay(
            &doc.plan,
            Underlay {
                level,
                image,
                to_plan,
                opacity,
            },
        ),
        (raster.width, raster.height),
    ))
}

fn plan_bounds(plan: &Plan, level: i32) -> Option<(P, P)> {
    let mut pts = plan
        .rooms
        .iter()
        .filter(|r| r.level == level && usable(r))
        .flat_map(|r| r.outline.iter().copied())
        .peekable();
    pts.peek()?;
    Some(pts.fold(
        ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN)),
        |(lo, hi), p| {
            (
                (lo.0.min(p.0), lo.1.min(p.1)),
                (hi.0.max(p.0), hi.1.max(p.1)),
            )
        },
    ))
}

/// What a click of the trace tool does, given the clicks so far: the
/// commands to send, or a message (zh, en) when it cannot.
pub fn trace_click(
    doc: &Doc,
    ui: &mut TraceUi,
    level: i32,
    axis: f64,
    p: P,
    tol: f64,
    lang: Lang,
) -> Result<Vec<TraceCommand>, Message> {
    let underlay = underlay_of(&doc.plan, level).map(|(_, u)| u.clone());
    let need_underlay = || {
        (
            "先载入底图(描图窗口 → 载入)".to_string(),
            "load an underlay first (trace window → load)".to_string(),
        )
    };
    match ui.mode {
        TraceMode::Rectify => {
            let u = underlay.ok_or_else(need_underlay)?;
            ui.clicks.push(p);
            if ui.clicks.len() < 4 {
                return Ok(Vec::new());
            }
            let clicks = [ui.clicks[0], ui.clicks[1], ui.clicks[2], ui.clicks[3]];
            ui.clicks.clear();
            let (Some(w), Some(h)) = (parse_len(&ui.width), parse_len(&ui.height)) else {
                return Err((
                    "请先填写矩形的宽和高(米)".into(),
                    "type the rectangle's width and height (m) first".into(),
                ));
            };
            let to_plan = rectify_clicks(&Homography(u.to_plan), &clicks, w, h).map_err(|e| {
                let (zh, en) = e.message();
                (zh.to_string(), en.to_string())
            })?;
            let edit = set_underlay(
                &doc.plan,
                Underlay {
                    to_plan: to_plan.0,
                    ..u
                },
            );
            Ok(vec![(PlanCommand::Edit(edit), None)])
        }
        TraceMode::Calibrate => {
            let u = underlay.ok_or_else(need_underlay)?;
            ui.clicks.push(p);
            if ui.clicks.len() < 2 {
                return Ok(Vec::new());
            }
            let (a, b) = (ui.clicks[0], ui.clicks[1]);
            ui.clicks.clear();
            let Some(len) = parse_len(&ui.length) else {
                return Err((
                    "请先填写已知长度(米)".into(),
                    "type the known length (m) first".into(),
                ));
            };
            let to_plan = Homography(u.to_plan).calibrated(a, b, len).ok_or_else(|| {
                (
                    "两点重合,无法定比例".to_string(),
                    "the two points coincide: no scale".to_string(),
                )
            })?;
            let edit = set_underlay(
                &doc.plan,
                Underlay {
                    to_plan: to_plan.0,
                    ..u
                },
            );
            Ok(vec![(PlanCommand::Edit(edit), None)])
        }
        TraceMode::Rectangle => {
            let q = snap_trace(&on_level(&doc.plan, level), None, p, tol, axis, None).0;
            ui.clicks.push(q);
            if ui.clicks.len() < 2 {
                return Ok(Vec::new());
            }
            let (a, c) = (ui.clicks[0], ui.clicks[1]);
            ui.clicks.clear();
            let corners = rectangle(a, c, axis);
            if (corners[0].0 - corners[2].0).abs() < 0.05
                || (corners[0].1 - corners[2].1).abs() < 0.05
            {
                return Err((
                    "矩形太窄:请点击房间的两个对角".into(),
                    "too narrow: click two opposite corners of the room".into(),
                ));
            }
            let room = new_room(doc, &corners, lang, level);
            let sel = Selection::room(room.id.clone());
            Ok(vec![(PlanCommand::Edit(Edit::AddRoom { room }), Some(sel))])
        }
        TraceMode::Split => {
            // snap onto the walls and corners of the rooms of the level
            let plan = on_level(&doc.plan, level);
            let q = snap_trace(&plan, None, p, tol, axis, None).0;
            ui.clicks.push(q);
            if ui.clicks.len() < 2 {
                return Ok(Vec::new());
            }
            let (a, b) = (ui.clicks[0], ui.clicks[1]);
            ui.clicks.clear();
            let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
            let room = room_at(&plan, mid)
                .filter(|r| {
                    room_wall_near(r, a, 1e-6).is_some() && room_wall_near(r, b, 1e-6).is_some()
                })
                .ok_or_else(|| {
                    (
                        "分割线的两端要点在同一个房间的墙上".to_string(),
                        "click both ends of the split line on the walls of one room".to_string(),
                    )
                })?;
            let new_id = doc.plan.fresh_room_id();
            let edit = split_room(&doc.plan, &room.id, a, b, &new_id)
                .map_err(|e| (e.message.clone(), e.message_en.clone()))?;
            let sel = Selection::room(new_id);
            Ok(vec![(PlanCommand::Edit(edit), Some(sel))])
        }
    }
}

/// Pointer presses with the trace tool.
#[allow(clippy::too_many_arguments)]
pub fn trace_pointer(
    mut events: MessageReader<PointerEvent>,
    doc: Res<Doc>,
    tool: Res<Tool>,
    lang: Res<UiLang>,
    level: Res<CurrentLevel>,
    images: Res<UnderlayImages>,
    mut ui: ResMut<TraceUi>,
    mut selection: ResMut<Selection>,
    mut notice: ResMut<Notice>,
    mut cmds: MessageWriter<PlanCommand>,
) {
    if *tool != Tool::Trace {
        if !ui.clicks.is_empty() {
            ui.clicks.clear();
        }
        events.clear();
        return;
    }
    let axis = axis_of(&doc, &images, level.0);
    for ev in events.read() {
        if ev.kind != PointerKind::Press {
            continue;
        }
        match trace_click(&doc, &mut ui, level.0, axis, ev.at, ev.tol, lang.0) {
            Ok(out) => {
                for (cmd, sel) in out {
                    cmds.write(cmd);
                    if let Some(s) = sel {
                        *selection = s;
                    }
                }
            }
            Err((zh, en)) => notice.error(zh, en),
        }
    }
}

/// The points clicked so far and the rubber band to the pointer.
fn draw_trace_overlay(
    tool: Res<Tool>,
    ui: Res<TraceUi>,
    view: Res<View>,
    cursor: Res<super::picking::Cursor>,
    mut gizmos: Gizmos,
) {
    if *tool != Tool::Trace || ui.clicks.is_empty() {
        return;
    }
    let c = Color::srgb(0.85, 0.1, 0.55);
    let pts: Vec<Vec2> = ui.clicks.iter().map(|p| view.world(*p)).collect();
    for p in &pts {
        gizmos.circle_2d(*p, 5.0 * view.scale, c);
    }
    let mut line: Vec<Vec2> = pts.clone();
    if let Some(cur) = cursor.plan {
        line.push(view.world(cur));
    }
    if ui.mode == TraceMode::Rectangle && line.len() == 2 {
        let (a, b) = (line[0], line[1]);
        let r = [a, Vec2::new(b.x, a.y), b, Vec2::new(a.x, b.y), a];
        gizmos.linestrip_2d(r, c);
    } else {
        gizmos.linestrip_2d(line, c);
    }
}

/// The 描图 (trace) window.
#[allow(clippy::too_many_arguments)]
fn trace_window(
    mut contexts: EguiContexts,
    doc: Res<Doc>,
    lang: Res<UiLang>,
    level: Res<CurrentLevel>,
    images: Res<UnderlayImages>,
    view: Res<View>,
    mut ui_state: ResMut<TraceUi>,
    mut next_tool: ResMut<Tool>,
    mut notice: ResMut<Notice>,
    mut cmds: MessageWriter<PlanCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let mut state = ui_state.clone();
    let out = trace_panel(
        &ctx,
        &doc,
        *next_tool == Tool::Trace,
        level.0,
        &images,
        &view,
        &mut state,
        lang,
    );
    if state != *ui_state {
        *ui_state = state;
    }
    for a in out {
        match a {
            TraceAction::Edit(e) => {
                cmds.write(PlanCommand::Edit(e));
            }
            TraceAction::Tool(on) => {
                *next_tool = if on { Tool::Trace } else { Tool::Select };
            }
            TraceAction::Notice(zh, en, error) => {
                if error {
                    notice.error(zh, en)
                } else {
                    notice.info(zh, en)
                }
            }
        }
    }
    Ok(())
}

/// The trace window: a button at the canvas's top left opens it.
#[allow(clippy::too_many_arguments)]
pub fn trace_panel(
    ctx: &egui::Context,
    doc: &Doc,
    active: bool,
    level: i32,
    images: &UnderlayImages,
    view: &View,
    state: &mut TraceUi,
    lang: Lang,
) -> Vec<TraceAction> {
    let mut out = Vec::new();
    let at = egui::pos2(view.rect.min.x + 8.0, view.rect.min.y + 8.0);
    if !state.open {
        egui::Area::new(egui::Id::new("trace-open"))
            .fixed_pos(at)
            .show(ctx, |ui| {
                if ui
                    .button(lang.pick("描图 / 底图…", "Trace / underlay…"))
                    .on_hover_text(lang.pick(
                        "从照片或扫描件描出平面图",
                        "trace the plan from a photo or a scan",
                    ))
                    .clicked()
                {
                    state.open = true;
                }
            });
        return out;
    }
    let mut open = true;
    egui::Window::new(lang.pick("描图", "Trace"))
        .id(egui::Id::new("trace-window"))
        .open(&mut open)
        .default_pos(at)
        .default_width(280.0)
        .resizable(false)
        .show(ctx, |ui| {
            out.extend(trace_ui(ui, doc, active, level, images, state, lang));
        });
    if !open {
        state.open = false;
        if active {
            out.push(TraceAction::Tool(false));
        }
    }
    out
}

/// The trace window's contents (tested with egui_kittest).
pub fn trace_ui(
    ui: &mut egui::Ui,
    doc: &Doc,
    active: bool,
    level: i32,
    images: &UnderlayImages,
    state: &mut TraceUi,
    lang: Lang,
) -> Vec<TraceAction> {
    let mut out = Vec::new();
    let current = underlay_of(&doc.plan, level).map(|(_, u)| u.clone());
    ui.label(
        egui::RichText::new(format!(
            "{} {}",
            lang.pick("楼层", "Level"),
            crate::edit::levels::level_name(level, lang)
        ))
        .strong(),
    );
    // 1. the image
    ui.horizontal(|ui| {
        ui.label(lang.pick("图片", "Image"));
        ui.add(
            egui::TextEdit::singleline(&mut state.path)
                .hint_text(lang.pick("PNG / JPEG 路径", "PNG / JPEG path"))
                .desired_width(150.0),
        );
        if ui.button(lang.pick("载入", "Load")).clicked() {
            match load_underlay(doc, &state.path, level) {
                Ok((edit, (w, h))) => {
                    out.push(TraceAction::Edit(edit));
                    out.push(TraceAction::Notice(
                        format!("已载入底图({w}×{h} 像素):下一步校正或定比例"),
                        format!("underlay loaded ({w}×{h} px): next, rectify or calibrate"),
                        false,
                    ));
                }
                Err((zh, en)) => out.push(TraceAction::Notice(zh, en, true)),
            }
        }
    });
    if let Some(u) = &current {
        let path = image_path(doc, &u.image);
        ui.label(egui::RichText::new(image_label(doc, &u.image)).small())
            .on_hover_text(&u.image);
        if let Some((zh, en)) = images.problem(&path) {
            ui.colored_label(
                egui::Color32::from_rgb(0xb0, 0x60, 0x00),
                format!("⚠ {}", lang.pick(zh, en)),
            );
        }
        ui.horizontal(|ui| {
            ui.checkbox(&mut state.show, lang.pick("显示", "Show"));
            let mut op = u.opacity;
            let r = ui
                .add(egui::Slider::new(&mut op, 0.0..=1.0).text(lang.pick("不透明度", "opacity")));
            if r.drag_stopped() || (r.changed() && !r.dragged()) {
                out.push(TraceAction::Edit(set_underlay(
                    &doc.plan,
                    Underlay {
                        opacity: (op * 100.0).round() / 100.0,
                        ..u.clone()
                    },
                )));
            }
        });
        if ui
            .button(lang.pick("移除底图", "Remove underlay"))
            .clicked()
        {
            let list = doc
                .plan
                .underlays
                .iter()
                .filter(|x| x.level != level)
                .cloned()
                .collect();
            out.push(TraceAction::Edit(Edit::SetUnderlays { underlays: list }));
        }
    } else {
        ui.label(
            egui::RichText::new(lang.pick("本层没有底图", "no underlay on this level")).weak(),
        );
    }
    ui.separator();
    // 2. the tools
    let mut mode_button =
        |ui: &mut egui::Ui, mode: TraceMode, zh: &str, en: &str, state: &mut TraceUi| {
            let on = active && state.mode == mode;
            if ui.selectable_label(on, lang.pick(zh, en)).clicked() {
                state.mode = mode;
                state.clicks.clear();
                out.push(TraceAction::Tool(true));
            }
        };
    ui.horizontal(|ui| {
        mode_button(ui, TraceMode::Rectify, "① 校正", "① Rectify", state);
        ui.label(lang.pick("宽", "w"));
        ui.add(egui::TextEdit::singleline(&mut state.width).desired_width(40.0));
        ui.label(lang.pick("高", "h"));
        ui.add(egui::TextEdit::singleline(&mut state.height).desired_width(40.0));
        ui.label("m");
    });
    ui.horizontal(|ui| {
        mode_button(ui, TraceMode::Calibrate, "② 定比例", "② Calibrate", state);
        ui.label(lang.pick("长度", "length"));
        ui.add(egui::TextEdit::singleline(&mut state.length).desired_width(50.0));
        ui.label("m");
    });
    ui.horizontal(|ui| {
        mode_button(
            ui,
            TraceMode::Rectangle,
            "矩形房间",
            "Rectangle room",
            state,
        );
        mode_button(ui, TraceMode::Split, "分割房间", "Split room", state);
    });
    let hint = match (active, &state.mode) {
        (false, _) => lang.pick(
            "按房间的角点描图用工具栏的「画房间」,在共用墙上加门用「加门」:都会对齐底图的直角和相邻房间的墙。",
            "Trace rooms corner by corner with 画房间 (draw room) and doors on shared walls with 加门 (add door): both square to the underlay and snap to neighbours' walls.",
        ),
        (true, TraceMode::Rectify) => lang.pick(
            "依次点击图中一个矩形(纸张或外墙)的四个角,再按其宽、高校正。",
            "Click the four corners of a rectangle of the drawing (the paper, the outer walls) in order; it is made that wide and high.",
        ),
        (true, TraceMode::Calibrate) => lang.pick(
            "点击已知长度(尺寸线、墙)的两端,按填写的长度定比例。",
            "Click both ends of a known length (a dimension line, a wall); it is scaled to the length typed.",
        ),
        (true, TraceMode::Rectangle) => lang.pick(
            "点击房间的两个对角:与底图轴线对齐,吸附相邻房间的角和墙。",
            "Click two opposite corners of the room: square to the underlay, snapped to neighbours' corners and walls.",
        ),
        (true, TraceMode::Split) => lang.pick(
            "在房间的两面墙上各点一下,沿这条线把房间分成两间。",
            "Click a point on two walls of a room to split it in two along that line.",
        ),
    };
    ui.label(egui::RichText::new(hint).small());
    if active {
        ui.label(format!(
            "{} {}",
            lang.pick("已点击", "clicked"),
            state.clicks.len()
        ));
        if ui
            .button(lang.pick("结束描图 (Esc)", "Stop tracing (Esc)"))
            .clicked()
        {
            state.clicks.clear();
            out.push(TraceAction::Tool(false));
        }
    }
    out
}
