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
use super::state::{CurrentLevel, Doc, Selection, Tool, UiLang};
use super::view::View;
use crate::edit::levels::{door_on, item_on, level_name, stair_leads_to};
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

/// A room's label, fitted into its room at each zoom
/// ([`super::legible::fit_label`]).
#[derive(Component)]
pub struct RoomLabel {
    pub room: usize,
    pub name: String,
    pub area: Option<String>,
    /// Where the label would stand (the room's interior point), plan metres.
    pub start: (f64, f64),
    /// The swings of the room's doors: the label keeps out of them.
    pub keep_out: Vec<crate::edit::layout::Bounds>,
}

/// Labels drawn outside their room, with a line to it: (label, room point),
/// plan metres.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct Leaders(pub Vec<((f64, f64), (f64, f64))>);

/// The glyph of an item kind on the plan: one character, with each kind of
/// wall board its own (组 organisation, 党 Party building, 自 self-governance),
/// the same as in the reports ([`crate::model::ItemKind::glyph`]).
pub fn glyph(kind: crate::model::ItemKind) -> &'static str {
    kind.glyph()
}

/// Extra gizmo line styles.
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct ThickGizmos;

pub struct CanvasPlugin;

impl Plugin for CanvasPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<UiFocus>()
            .init_resource::<Leaders>()
            .init_gizmo_group::<ThickGizmos>()
            .add_systems(Startup, configure_gizmos)
            .add_systems(
                PostUpdate,
                (rebuild, fit_room_labels, scale_labels)
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

/// What the drawing was made from: document version, language, view
/// origin, level shown.
type DrawnKey = ((u64, u64), Lang, (f64, f64), i32);

/// How strongly the rooms of the other levels show beneath the current one.
pub const OTHER_LEVEL_ALPHA: f32 = 0.22;

/// The words beside a stair seen from `level`: where it leads (`↑ 2楼`).
pub fn stair_label(doc: &Doc, door: &crate::model::Door, level: i32, lang: Lang) -> String {
    match stair_leads_to(&doc.plan, door, level) {
        Some(to) if to > level => {
            format!("{} ↑ {}", lang.pick("楼梯", "stair"), level_name(to, lang))
        }
        Some(to) => format!("{} ↓ {}", lang.pick("楼梯", "stair"), level_name(to, lang)),
        None => lang.pick("楼梯", "stair").to_string(),
    }
}

#[allow(clippy::too_many_arguments)]
fn rebuild(
    mut commands: Commands,
    doc: Res<Doc>,
    lang: Res<UiLang>,
    view: Res<View>,
    level: Res<CurrentLevel>,
    font: Option<Res<PlanFont>>,
    old: Query<Entity, With<CanvasEntity>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut drawn: Local<Option<DrawnKey>>,
) {
    let level = level.0;
    let key = (doc.version(), lang.0, view.origin, level);
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
        let here = room.level == level;
        if let Some(mesh) = room_mesh(room, &view) {
            // the other levels faint, beneath the level shown
            let (fill, z) = if here {
                (room_fill(room), i as f32 * 0.001)
            } else {
                (
                    room_fill(room).with_alpha(OTHER_LEVEL_ALPHA),
                    -2.0 + i as f32 * 0.001,
                )
            };
            let mut material = ColorMaterial::from_color(fill);
            if !here {
                material.alpha_mode = bevy::sprite_render::AlphaMode2d::Blend;
            }
            commands.spawn((
                CanvasEntity,
                Mesh2d(meshes.add(mesh)),
                MeshMaterial2d(materials.add(material)),
                Transform::from_xyz(0.0, 0.0, z),
            ));
        }
        if !here {
            continue;
        }
        let at = view.world(doc.layout.labels[i]);
        let name = if room.name.trim().is_empty() {
            room.id.clone()
        } else {
            room.name.clone()
        };
        let area = match doc.room_area(&room.id).filter(|_| usable(room)) {
            Some(a) => format!("{a:.2} ㎡"),
            None => lang.pick("面积无效", "invalid area").to_string(),
        };
        let stair = super::picking::STAIR_HALF;
        let keep_out = (0..doc.plan.doors.len())
            .filter(|&d| doc.plan.doors[d].touches(&room.id))
            .filter_map(|d| super::legible::door_shape(&doc, d))
            .map(|shape| shape.swing_bounds())
            // a stair's symbol and the words under it
            .chain(
                doc.plan
                    .doors
                    .iter()
                    .filter(|d| d.is_stair() && d.touches(&room.id))
                    .map(|d| crate::edit::layout::Bounds {
                        min: (d.at.0 - stair - 0.3, d.at.1 - stair - 0.6),
                        max: (d.at.0 + stair + 0.3, d.at.1 + stair),
                    }),
            )
            .collect();
        commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.2 },
            RoomLabel {
                room: i,
                name,
                area: Some(area),
                start: doc.layout.labels[i],
                keep_out,
            },
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
        // those that did not fit in their room are shown by its "+N" mark
        if !item_on(&doc.plan, item, level) || doc.layout.stacked.get(i) == Some(&true) {
            continue;
        }
        let at = view.world(doc.layout.items[i]);
        let mut glyph = commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.08 },
            Text2d::new(glyph(item.kind)),
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
    // the "+N" marks of rooms with more items than room for glyphs, where
    // the report's drawing has them
    for &(room, p, n) in &doc.layout.more {
        if doc.plan.rooms.get(room).is_none_or(|r| r.level != level) {
            continue;
        }
        let at = view.world(p);
        commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.08 },
            Text2d::new(format!("+{n}")),
            text_font(12.0),
            TextColor(Color::srgb(0.1, 0.2, 0.45)),
            Anchor::CENTER,
            Transform::from_xyz(at.x, at.y, 12.0),
        ));
    }
    // stairs: where they lead, beside their symbol
    for door in doc.plan.doors.iter().filter(|d| d.is_stair()) {
        if !door_on(&doc.plan, door, level) {
            continue;
        }
        let at = view.world((door.at.0, door.at.1 - super::picking::STAIR_HALF - 0.05));
        commands.spawn((
            CanvasEntity,
            ScreenText { hide_above: 0.12 },
            Text2d::new(stair_label(&doc, door, level, lang)),
            text_font(12.0),
            TextColor(Color::srgb(0.45, 0.25, 0.05)),
            Anchor::TOP_CENTER,
            Transform::from_xyz(at.x, at.y, 12.0),
        ));
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

/// Fit each room's label into its room for the current zoom (when the zoom
/// or the drawing changes): smaller, without the area, or outside on a
/// leader line.
fn fit_room_labels(
    view: Res<View>,
    doc: Res<Doc>,
    mut leaders: ResMut<Leaders>,
    mut labels: Query<(&RoomLabel, &mut Text2d, &mut TextFont, &mut Transform)>,
    added: Query<(), Added<RoomLabel>>,
    mut fitted_at: Local<f32>,
) {
    if *fitted_at == view.scale && added.is_empty() {
        return;
    }
    *fitted_at = view.scale;
    let mut lines = Vec::new();
    for (label, mut text, mut font, mut tf) in &mut labels {
        let Some(room) = doc.plan.rooms.get(label.room) else {
            continue;
        };
        let fit = super::legible::fit_label(
            room,
            label.start,
            &label.keep_out,
            &label.name,
            label.area.as_deref(),
            view.scale as f64,
        );
        let want = match (&label.area, fit.with_area) {
            (Some(a), true) => format!("{}\n{a}", label.name),
            _ => label.name.clone(),
        };
        if text.0 != want {
            text.0 = want;
        }
        let size = FontSize::Px(fit.px);
        if font.font_size != size {
            font.font_size = size;
        }
        let at = view.world(fit.at);
        if tf.translation.truncate() != at {
            tf.translation.x = at.x;
            tf.translation.y = at.y;
        }
        if let Some(from) = fit.leader {
            lines.push((fit.at, from));
        }
    }
    if leaders.0 != lines {
        leaders.0 = lines;
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
    leaders: Res<Leaders>,
    level: Res<CurrentLevel>,
    mut gizmos: Gizmos,
    mut thick: Gizmos<ThickGizmos>,
) {
    let level = level.0;
    let plan = &doc.plan;
    let here = |r: &&Room| r.level == level && usable(r);
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

    // walls: the level shown, and the others faint
    let wall = Color::srgb(0.25, 0.25, 0.28);
    let faint = Color::srgba(0.25, 0.25, 0.28, 0.3);
    // (outlines that cannot be drawn are G01's: the findings list says so)
    for room in plan.rooms.iter().filter(|r| usable(r)) {
        let pts: Vec<Vec2> = room.outline.iter().map(|&p| view.world(p)).collect();
        let c = if room.level == level { wall } else { faint };
        gizmos.linestrip_2d(pts.iter().copied().chain(pts.first().copied()), c);
    }
    // rooms with findings, in the colour of their most serious finding:
    // inside the walls, broken where a door opens, so that it hides no door
    let openings: Vec<(Vec2, f32)> = plan
        .doors
        .iter()
        .filter(|d| !d.is_stair() && door_on(plan, d, level))
        .map(|d| {
            (
                view.world(d.at),
                super::legible::DOOR_WIDTH as f32 * 0.6 + 4.0 * px,
            )
        })
        .collect();
    for room in plan.rooms.iter().filter(here) {
        if let Some(f) = doc.worst_finding_of(&room.id) {
            let c = rgb(f.severity.colour()).with_alpha(0.85);
            let pts = inset(&room.outline, &view, 4.0 * px);
            for (a, b) in broken_at(&pts, &openings) {
                thick.line_2d(a, b, c);
            }
        }
    }
    // the clicked finding: its rooms again, wider, and the very doors and
    // items it is about ringed
    if let Some(f) = selection.finding.and_then(|i| doc.report.findings.get(i)) {
        let c = rgb(f.severity.colour());
        for id in &f.rooms {
            if let Some(room) = plan.room(id).filter(here) {
                let pts = inset(&room.outline, &view, 8.0 * px);
                for (a, b) in broken_at(&pts, &openings) {
                    thick.line_2d(a, b, c.with_alpha(0.6));
                }
            }
        }
        let (doors, items) = super::legible::finding_targets(&doc, f);
        for d in doors {
            if let Some(door) = plan.doors.get(d).filter(|d| door_on(plan, d, level)) {
                let r = (super::legible::DOOR_WIDTH as f32 * 0.8).max(14.0 * px);
                thick.circle_2d(view.world(door.at), r, c);
            }
        }
        for i in items
            .into_iter()
            .filter(|&i| item_on(plan, &plan.items[i], level))
        {
            if let Some(&p) = doc.layout.items.get(i) {
                thick.circle_2d(view.world(p), 15.0 * px, c);
            }
        }
    }
    // labels drawn outside their room: a line to the room
    for &(label, room) in &leaders.0 {
        gizmos.line_2d(
            view.world(label) - Vec2::new(0.0, 9.0 * px),
            view.world(room),
            Color::srgb(0.3, 0.3, 0.33),
        );
        gizmos.circle_2d(view.world(room), 2.0 * px, Color::srgb(0.3, 0.3, 0.33));
    }
    // selection
    let sel = Color::srgb(0.05, 0.45, 0.95);
    if let Some(room) = selection
        .room
        .as_deref()
        .and_then(|id| plan.room(id))
        .filter(here)
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
    // doors: the opening, the leaf open at a right angle and its swing
    for (i, door) in plan.doors.iter().enumerate() {
        if !door_on(plan, door, level) {
            continue;
        }
        let c = if selection.door == Some(i) {
            sel
        } else {
            Color::srgb(0.55, 0.3, 0.05)
        };
        if door.is_stair() {
            stair_symbol(&mut gizmos, &mut thick, &view, door, c);
            continue;
        }
        match super::legible::door_shape(&doc, i) {
            Some(shape) => {
                let w = |p: (f64, f64)| view.world(p);
                // the opening, over the wall
                thick.line_2d(
                    w(shape.hinge),
                    w(shape.latch),
                    Color::srgb(0.97, 0.97, 0.95),
                );
                thick.line_2d(w(shape.hinge), w(shape.leaf_end), c);
                gizmos.linestrip_2d(shape.arc(12).into_iter().map(w), c.with_alpha(0.7));
                for p in [shape.hinge, shape.latch] {
                    gizmos.circle_2d(w(p), 1.5 * px, c);
                }
            }
            None => {
                // not on a wall of its rooms (G04): a mark where it stands
                let at = view.world(door.at);
                let half = Vec2::splat(0.3);
                thick.line_2d(at - half, at + half, c);
                thick.line_2d(at + Vec2::new(-0.3, 0.3), at + Vec2::new(0.3, -0.3), c);
            }
        }
    }
    // items: a ring around each glyph
    for (i, &p) in doc.layout.items.iter().enumerate() {
        if !item_on(plan, &plan.items[i], level) {
            continue;
        }
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

/// A stair on the plan: a square of treads with an arrow up the flight,
/// the same on both of its levels.
fn stair_symbol(
    gizmos: &mut Gizmos,
    thick: &mut Gizmos<ThickGizmos>,
    view: &View,
    door: &crate::model::Door,
    c: Color,
) {
    let h = super::picking::STAIR_HALF;
    let (x, y) = door.at;
    let w = |p: (f64, f64)| view.world(p);
    let corners = [
        (x - h, y - h),
        (x + h, y - h),
        (x + h, y + h),
        (x - h, y + h),
        (x - h, y - h),
    ];
    thick.linestrip_2d(corners.map(w), c);
    // treads
    for k in 1..5 {
        let ty = y - h + 2.0 * h * k as f64 / 5.0;
        gizmos.line_2d(w((x - h, ty)), w((x + h, ty)), c);
    }
    // the arrow up the flight
    gizmos.line_2d(w((x, y - h * 0.8)), w((x, y + h * 0.8)), c);
    gizmos.line_2d(w((x, y + h * 0.8)), w((x - h * 0.3, y + h * 0.45)), c);
    gizmos.line_2d(w((x, y + h * 0.8)), w((x + h * 0.3, y + h * 0.45)), c);
}

/// The segments of a closed outline, with the parts within a door
/// opening's reach left out.
fn broken_at(pts: &[Vec2], openings: &[(Vec2, f32)]) -> Vec<(Vec2, Vec2)> {
    let mut out = Vec::new();
    for k in 0..pts.len() {
        let (a, b) = (pts[k], pts[(k + 1) % pts.len()]);
        let len = a.distance(b);
        if len <= f32::EPSILON {
            continue;
        }
        // the parts of [0, len] along a→b covered by an opening
        let dir = (b - a) / len;
        let mut cuts: Vec<(f32, f32)> = openings
            .iter()
            .filter_map(|&(c, r)| {
                let t = (c - a).dot(dir);
                let d = (a + dir * t).distance(c);
                (d < r).then(|| {
                    let h = (r * r - d * d).sqrt();
                    ((t - h).max(0.0), (t + h).min(len))
                })
            })
            .filter(|(s, e)| e > s)
            .collect();
        cuts.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut from = 0.0f32;
        for (s, e) in cuts {
            if s > from {
                out.push((a + dir * from, a + dir * s));
            }
            from = from.max(e);
        }
        if from < len {
            out.push((a + dir * from, b));
        }
    }
    out
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
