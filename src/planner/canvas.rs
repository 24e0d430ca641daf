//! The plan drawn: rooms as filled polygons in their zone's colour, name and
//! area labels, items as glyphs, the site strip; and, redrawn each frame with
//! gizmos, the grid, walls, doors, the outlines of rooms with findings (in
//! the severity's colour), the selection and the tool's rubber band.
//!
//! Entities are rebuilt only when the plan, the language or the view's
//! origin changes; gizmos are immediate.

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::{FontSize, Justify};
use geo::{Coord, TriangulateEarcut};

use super::fonts::PlanFont;
use super::state::{Doc, Selection, Tool, UiLang};
use super::view::View;
use crate::edit::snap::usable;
use crate::geom::area::polygon;
use crate::model::{Lang, Room, Zone};
use crate::rules::Severity;

/// What the panels leave to the canvas this frame.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct UiFocus {
    /// The pointer is over the canvas and no panel or dialog takes it.
    pub pointer_on_canvas: bool,
    /// A text field of the panels has the keyboard.
    pub typing: bool,
}

/// Everything spawned for the current drawing of the plan.
#[derive(Component)]
pub struct CanvasEntity;

/// A label kept at a constant size on the screen (`px` logical pixels).
#[derive(Component)]
pub struct ScreenText {
    /// Hide it when the view is zoomed out beyond this scale (m/px).
    pub hide_above: f32,
}

/// Extra gizmo line styles.
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct ThickGizmos;

pub struct CanvasPlugin;

impl Plugin for CanvasPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<UiFocus>()
            .init_gizmo_group::<ThickGizmos>()
            .add_systems(Startup, configure_gizmos)
            .add_systems(
                PostUpdate,
                (rebuild, scale_labels)
                    .chain()
                    .before(bevy::transform::TransformSystems::Propagate),
            )
            .add_systems(Update, draw_overlays.after(super::state::LogicSet::Apply));
    }
}

fn configure_gizmos(mut store: ResMut<GizmoConfigStore>) {
    let (default, _) = store.config_mut::<DefaultGizmoConfigGroup>();
    default.line.width = 1.5;
    let (thick, _) = store.config_mut::<ThickGizmos>();
    thick.line.width = 4.0;
}

/// sRGB bytes as a bevy colour.
pub fn rgb(c: [u8; 3]) -> Color {
    Color::srgb_u8(c[0], c[1], c[2])
}

/// The fill of a room: its first zone's colour (the legend explains them).
pub fn room_fill(room: &Room) -> Color {
    room.zones
        .first()
        .map_or(Color::srgb(0.9, 0.9, 0.9), |z| rgb(z.colour()))
}

/// A room's label: its name and area.
pub fn room_label(room: &Room, area: Option<f64>, lang: Lang) -> String {
    let name = if room.name.trim().is_empty() {
        room.id.as_str()
    } else {
        room.name.as_str()
    };
    match area {
        Some(a) => format!("{name}\n{a:.2} ㎡"),
        None => format!("{name}\n{}", lang.pick("面积无效", "invalid area")),
    }
}

/// Triangles of a room's outline in world coordinates (empty for an
/// outline that cannot be filled).
pub fn room_mesh(room: &Room, view: &View) -> Option<Mesh> {
    if !usable(room) {
        return None;
    }
    let poly = polygon(
        &room.outline,
        Coord {
            x: view.origin.0,
            y: view.origin.1,
        },
    );
    let tri = poly.earcut_triangles_raw();
    if tri.triangle_indices.is_empty() {
        return None;
    }
    let positions: Vec<[f32; 3]> = tri
        .vertices
        .iter()
        .map(|v| [v[0] as f32, v[1] as f32, 0.0])
        .collect();
    let indices: Vec<u32> = tri.triangle_indices.iter().map(|&i| i as u32).collect();
    Some(
        Mesh::new(
            PrimitiveTopology::TriangleList,
            RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
        )
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_indices(Indices::U32(indices)),
    )
}

/// What the drawing was made from: document version, language, view origin.
type DrawnKey = ((u64, u64), Lang, (f64, f64));

#[allow(clippy::too_many_arguments)]
fn rebuild(
    mut commands: Commands,
    doc: Res<Doc>,
    lang: Res<UiLang>,
    view: Res<View>,
    font: Option<Res<PlanFont>>,
    old: Query<Entity, With<CanvasEntity>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut drawn: Local<Option<DrawnKey>>,
) {
    let key = (doc.version(), lang.0, view.origin);
    if *drawn == Some(key) {
        return;
    }
    *drawn = Some(key);
    for e in &old {
        commands.entity(e).despawn();
    }
    let Some(font) = font else { return };
    let lang = lang.0;
    let text_font = |px: f32| TextFont {
        font: font.0.clone().into(),
        font_size: FontSize::Px(px),
        ..default()
    };
    let dark = TextColor(Color::srgb(0.12, 0.12, 0.14));
    for (i, room) in doc.plan.rooms.iter().enumerate() {
        if let Some(mesh) = room_mesh(room, &view) {
            commands.spawn((
                CanvasEntity,
                Mesh2d(meshes.add(mesh)),
                MeshMaterial2d(materials.add(ColorMaterial::from_color(room_fill(room)))),
                Transform::from_xyz(0.0, 0.0, i as f32 * 0.001),
            ));
        }
        let at = view.world(doc.layout.labels[i]);
        commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.2 },
            Text2d::new(room_label(
                room,
                doc.room_area(&room.id).filter(|_| usable(room)),
                lang,
            )),
            text_font(15.0),
            dark,
            TextLayout::justify(Justify::Center),
            Transform::from_xyz(at.x, at.y, 10.0),
        ));
    }
    for (i, item) in doc.plan.items.iter().enumerate() {
        let at = view.world(doc.layout.items[i]);
        let mut glyph = commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.08 },
            Text2d::new(item.kind.glyph()),
            text_font(13.0),
            TextColor(Color::srgb(0.1, 0.2, 0.45)),
            Anchor::CENTER,
            Transform::from_xyz(at.x, at.y, 12.0),
        ));
        if item.count > 1 {
            // the count, small, at the lower right of the glyph's ring
            glyph.with_child((
                Text2d::new(item.count.to_string()),
                text_font(10.0),
                TextColor(Color::srgb(0.6, 0.1, 0.1)),
                Anchor::CENTER,
                Transform::from_xyz(10.0, -8.0, 0.1),
            ));
        }
    }
    for sec in &doc.layout.strip {
        let at = view.world(sec.title);
        commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.2 },
            Text2d::new(lang.pick(sec.place.name_zh(), sec.place.name_en())),
            text_font(13.0),
            TextColor(Color::srgb(0.3, 0.3, 0.3)),
            Anchor::CENTER_LEFT,
            Transform::from_xyz(at.x, at.y, 10.0),
        ));
    }
}

/// Labels keep their size on screen; tiny ones are hidden when zoomed out.
fn scale_labels(view: Res<View>, mut q: Query<(&ScreenText, &mut Transform, &mut Visibility)>) {
    for (st, mut tf, mut vis) in &mut q {
        let s = Vec3::new(view.scale, view.scale, 1.0);
        if tf.scale != s {
            tf.scale = s;
        }
        let want = if view.scale > st.hide_above {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        };
        if *vis != want {
            *vis = want;
        }
    }
}

/// Grid spacing for the current zoom: lines at least ~12 px apart.
pub fn grid_step(scale: f32) -> f32 {
    [0.1f32, 0.5, 1.0, 5.0, 10.0, 50.0, 100.0]
        .into_iter()
        .find(|s| s / scale >= 12.0)
        .unwrap_or(500.0)
}

#[allow(clippy::too_many_arguments)]
fn draw_overlays(
    doc: Res<Doc>,
    view: Res<View>,
    selection: Res<Selection>,
    tool: Res<Tool>,
    cursor: Res<super::picking::Cursor>,
    mut gizmos: Gizmos,
    mut thick: Gizmos<ThickGizmos>,
) {
    let px = view.scale;
    // grid over the visible canvas
    let (lo, hi) = (
        view.screen_to_world(Vec2::new(view.rect.min.x, view.rect.max.y)),
        view.screen_to_world(Vec2::new(view.rect.max.x, view.rect.min.y)),
    );
    let step = grid_step(px);
    let major = step * 5.0;
    let minor_c = Color::srgba(0.0, 0.0, 0.0, 0.05);
    let major_c = Color::srgba(0.0, 0.0, 0.0, 0.12);
    let mut x = (lo.x / step).floor() * step;
    let mut n = 0;
    while x <= hi.x && n < 400 {
        let c = if ((x / major).round() * major - x).abs() < step * 0.01 {
            major_c
        } else {
            minor_c
        };
        gizmos.line_2d(Vec2::new(x, lo.y), Vec2::new(x, hi.y), c);
        x += step;
        n += 1;
    }
    let mut y = (lo.y / step).floor() * step;
    n = 0;
    while y <= hi.y && n < 400 {
        let c = if ((y / major).round() * major - y).abs() < step * 0.01 {
            major_c
        } else {
            minor_c
        };
        gizmos.line_2d(Vec2::new(lo.x, y), Vec2::new(hi.x, y), c);
        y += step;
        n += 1;
    }

    // walls
    let wall = Color::srgb(0.25, 0.25, 0.28);
    // (outlines that cannot be drawn are G01's: the findings list says so)
    for room in doc.plan.rooms.iter().filter(|r| usable(r)) {
        let pts: Vec<Vec2> = room.outline.iter().map(|&p| view.world(p)).collect();
        gizmos.linestrip_2d(pts.iter().copied().chain(pts.first().copied()), wall);
    }
    // rooms with findings, in the colour of their most serious finding
    for room in doc.plan.rooms.iter().filter(|r| usable(r)) {
        if let Some(f) = doc.worst_finding_of(&room.id) {
            let c = rgb(f.severity.colour());
            let pts = inset(&room.outline, &view, 3.0 * px);
            thick.linestrip_2d(pts.iter().copied().chain(pts.first().copied()), c);
        }
    }
    // the clicked finding's rooms, all of them
    if let Some(f) = selection.finding.and_then(|i| doc.report.findings.get(i)) {
        for id in &f.rooms {
            if let Some(room) = doc.plan.room(id).filter(|r| usable(r)) {
                let pts = inset(&room.outline, &view, 7.0 * px);
                let c = rgb(f.severity.colour()).with_alpha(0.6);
                thick.linestrip_2d(pts.iter().copied().chain(pts.first().copied()), c);
            }
        }
    }
    // selection
    let sel = Color::srgb(0.05, 0.45, 0.95);
    if let Some(room) = selection
        .room
        .as_deref()
        .and_then(|id| doc.plan.room(id))
        .filter(|r| usable(r))
    {
        let pts: Vec<Vec2> = room.outline.iter().map(|&p| view.world(p)).collect();
        thick.linestrip_2d(pts.iter().copied().chain(pts.first().copied()), sel);
        for (i, &p) in pts.iter().enumerate() {
            let r = if selection.vertex == Some(i) {
                6.0
            } else {
                4.0
            };
            gizmos.rect_2d(p, Vec2::splat(2.0 * r * px), sel);
        }
    }
    // doors: a short bar across the wall and a swing mark
    for (i, door) in doc.plan.doors.iter().enumerate() {
        let at = view.world(door.at);
        let c = if selection.door == Some(i) {
            sel
        } else {
            Color::srgb(0.55, 0.3, 0.05)
        };
        let dir = door_direction(&doc, i).unwrap_or(Vec2::X);
        let half = dir * 0.45;
        thick.line_2d(at - half, at + half, c);
        gizmos.circle_2d(at, 0.45, c.with_alpha(0.5));
    }
    // items: a ring around each glyph
    for (i, &p) in doc.layout.items.iter().enumerate() {
        let c = if selection.item == Some(i) {
            sel
        } else {
            Color::srgba(0.1, 0.2, 0.45, 0.6)
        };
        gizmos.circle_2d(view.world(p), 10.0 * px, c);
    }
    // the site strip
    for sec in &doc.layout.strip {
        let (a, b) = (view.world(sec.bounds.min), view.world(sec.bounds.max));
        gizmos.rect_2d((a + b) / 2.0, b - a, Color::srgb(0.6, 0.6, 0.6));
    }
    // the room being drawn
    if let Tool::DrawRoom { points } = &*tool {
        let mut pts: Vec<Vec2> = points.iter().map(|&p| view.world(p)).collect();
        if let Some(c) = cursor.snapped {
            pts.push(view.world(c));
        }
        thick.linestrip_2d(pts.iter().copied(), sel);
        for p in &pts {
            gizmos.circle_2d(*p, 4.0 * px, sel);
        }
    }
    if let (Some(c), Tool::AddDoor | Tool::AddItem(_) | Tool::DrawRoom { .. }) =
        (cursor.snapped, &*tool)
    {
        gizmos.circle_2d(view.world(c), 5.0 * px, Color::srgb(0.9, 0.1, 0.5));
    }
}

/// The direction of the wall a door stands on (unit vector), if found.
fn door_direction(doc: &Doc, i: usize) -> Option<Vec2> {
    let door = doc.plan.doors.get(i)?;
    let room = [&door.between.0, &door.between.1]
        .into_iter()
        .find_map(|id| doc.plan.room(id))?;
    let (w, _, _) = crate::edit::snap::room_wall_near(room, door.at, 0.5)?;
    let n = room.outline.len();
    let (a, b) = (room.outline[w], room.outline[(w + 1) % n]);
    Vec2::new((b.0 - a.0) as f32, (b.1 - a.1) as f32).try_normalize()
}

/// An outline pulled towards its centroid by `d` world units, so that the
/// findings' outlines stay inside the room and do not hide the walls.
fn inset(outline: &[(f64, f64)], view: &View, d: f32) -> Vec<Vec2> {
    let pts: Vec<Vec2> = outline.iter().map(|&p| view.world(p)).collect();
    if pts.is_empty() {
        return pts;
    }
    let c = pts.iter().copied().sum::<Vec2>() / pts.len() as f32;
    pts.iter()
        .map(|&p| {
            let v = c - p;
            p + v.normalize_or_zero() * d.min(v.length() * 0.5)
        })
        .collect()
}

/// The zones present in the plan, for the legend.
pub fn zones_in(doc: &Doc) -> Vec<Zone> {
    Zone::ALL
        .into_iter()
        .filter(|z| doc.plan.rooms.iter().any(|r| r.has(*z)))
        .collect()
}

/// Severities present among the findings, for the legend.
pub fn severities_in(doc: &Doc) -> Vec<Severity> {
    Severity::ALL
        .into_iter()
        .filter(|s| doc.report.findings.iter().any(|f| f.severity == *s))
        .collect()
}
