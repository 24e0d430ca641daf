//! The view onto the plan: where the canvas is on the screen, its scale
//! (metres per logical pixel) and centre; pan, zoom to the cursor, fit, and
//! framing a room. [`View`] is plain data with the screen ↔ plan arithmetic;
//! one system makes the camera follow it.
//!
//! Plan coordinates are `f64` metres and may be large (a survey grid), so the
//! drawing is done relative to [`View::origin`] (the plan's lower-left
//! corner) in `f32`.

use bevy::camera::Viewport;
use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;

use super::state::{Doc, FrameRoom};
use crate::edit::layout::Bounds;

/// The plan on the screen.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct View {
    /// Plan point drawn at world (0, 0).
    pub origin: (f64, f64),
    /// World point (metres from `origin`) at the centre of the canvas.
    pub centre: Vec2,
    /// Metres per logical pixel.
    pub scale: f32,
    /// The canvas: the part of the window the panels leave, logical pixels,
    /// y down from the window's top-left corner.
    pub rect: Rect,
    /// Fit the plan into the canvas at the next frame.
    pub fit_pending: bool,
    /// Height of the legend at the bottom of the canvas (logical px), kept
    /// free when fitting.
    pub legend_px: f32,
}

impl Default for View {
    fn default() -> Self {
        View {
            origin: (0.0, 0.0),
            centre: Vec2::ZERO,
            scale: 0.05,
            rect: Rect::default(),
            fit_pending: true,
            legend_px: 0.0,
        }
    }
}

/// Zoom limits, metres per pixel: from 2 mm to 2 m.
const MIN_SCALE: f32 = 0.002;
const MAX_SCALE: f32 = 2.0;

impl View {
    /// A plan point in world coordinates.
    pub fn world(&self, p: (f64, f64)) -> Vec2 {
        Vec2::new((p.0 - self.origin.0) as f32, (p.1 - self.origin.1) as f32)
    }

    /// A world point in plan coordinates.
    pub fn plan(&self, w: Vec2) -> (f64, f64) {
        (w.x as f64 + self.origin.0, w.y as f64 + self.origin.1)
    }

    /// A window position (logical px) in world coordinates.
    pub fn screen_to_world(&self, s: Vec2) -> Vec2 {
        let c = self.rect.center();
        Vec2::new(
            self.centre.x + (s.x - c.x) * self.scale,
            self.centre.y - (s.y - c.y) * self.scale,
        )
    }

    /// A world point as a window position (logical px).
    pub fn world_to_screen(&self, w: Vec2) -> Vec2 {
        let c = self.rect.center();
        Vec2::new(
            c.x + (w.x - self.centre.x) / self.scale,
            c.y - (w.y - self.centre.y) / self.scale,
        )
    }

    /// Fit plan-coordinate bounds into the canvas with a margin, above the
    /// legend's rows at the bottom.
    pub fn fit(&mut self, b: Bounds) {
        let (min, max) = (self.world(b.min), self.world(b.max));
        // a little margin; never closer than a 16 m × 10 m area (a new plan)
        let size = ((max - min) + Vec2::splat(2.0)).max(Vec2::new(16.0, 10.0));
        let canvas = self.rect.size().max(Vec2::splat(50.0));
        let reserve = self.legend_px.min(canvas.y / 3.0);
        let room = Vec2::new(canvas.x, canvas.y - reserve);
        self.scale = (size.x / room.x)
            .max(size.y / room.y)
            .clamp(MIN_SCALE, MAX_SCALE);
        // the bounds' centre at the centre of what is above the legend
        self.centre = (min + max) / 2.0 - Vec2::new(0.0, reserve / 2.0 * self.scale);
    }

    /// Zoom by `factor` (> 1 zooms in) keeping the point under `screen` still.
    pub fn zoom_at(&mut self, screen: Vec2, factor: f32) {
        let anchor = self.screen_to_world(screen);
        let new = (self.scale / factor).clamp(MIN_SCALE, MAX_SCALE);
        self.centre = anchor + (self.centre - anchor) * (new / self.scale);
        self.scale = new;
    }

    /// Move the plan by a drag of `delta` logical pixels.
    pub fn pan_px(&mut self, delta: Vec2) {
        self.centre -= Vec2::new(delta.x, -delta.y) * self.scale;
    }

    /// Whether a window position is on the canvas.
    pub fn on_canvas(&self, s: Vec2) -> bool {
        self.rect.contains(s)
    }
}

/// The camera that draws the plan (the panels have their own).
#[derive(Component)]
pub struct PlanCamera;

pub struct ViewPlugin;

impl Plugin for ViewPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<View>()
            .add_systems(Startup, spawn_plan_camera)
            .add_systems(
                Update,
                (refit_on_open, frame_room, fit_when_pending, follow_view)
                    .chain()
                    .after(super::state::LogicSet::Apply),
            );
    }
}

fn spawn_plan_camera(mut commands: Commands) {
    commands.spawn((
        Camera2d,
        PlanCamera,
        super::plan_msaa(),
        Camera {
            clear_color: ClearColorConfig::Custom(Color::srgb(0.97, 0.97, 0.95)),
            ..default()
        },
    ));
}

/// A newly opened plan is fitted to the canvas.
fn refit_on_open(doc: Res<Doc>, mut view: ResMut<View>, mut serial: Local<Option<u64>>) {
    if *serial != Some(doc.serial) {
        *serial = Some(doc.serial);
        view.origin = doc.layout.plan.min;
        view.fit_pending = true;
    }
}

fn fit_when_pending(doc: Res<Doc>, mut view: ResMut<View>) {
    // wait for the panels to say where the canvas is
    if view.fit_pending && view.rect.width() > 1.0 && view.rect.height() > 1.0 {
        view.fit_pending = false;
        let b = doc.layout.bounds();
        view.fit(b);
    }
}

/// Frame a room asked for (a finding was clicked).
fn frame_room(mut asks: MessageReader<FrameRoom>, doc: Res<Doc>, mut view: ResMut<View>) {
    for FrameRoom(id) in asks.read() {
        let Some(room) = doc.plan.room(id) else {
            continue;
        };
        let mut pts = room
            .outline
            .iter()
            .copied()
            .filter(|p| p.0.is_finite() && p.1.is_finite());
        let Some(first) = pts.next() else { continue };
        let b = pts.fold(
            Bounds {
                min: first,
                max: first,
            },
            |b, p| b.union(Bounds { min: p, max: p }),
        );
        // keep some of the surroundings in view
        let (w, h) = b.size();
        let grow = 0.6 * w.max(h).max(2.0);
        view.fit(Bounds {
            min: (b.min.0 - grow, b.min.1 - grow),
            max: (b.max.0 + grow, b.max.1 + grow),
        });
    }
}

/// The camera follows the view: its viewport is the canvas.
fn follow_view(
    view: Res<View>,
    windows: Query<&Window>,
    mut cams: Query<(&mut Camera, &mut Transform, &mut Projection), With<PlanCamera>>,
) {
    let Ok((mut cam, mut tf, mut proj)) = cams.single_mut() else {
        return;
    };
    tf.translation.x = view.centre.x;
    tf.translation.y = view.centre.y;
    if let Projection::Orthographic(o) = &mut *proj {
        if o.scale != view.scale {
            o.scale = view.scale;
        }
    }
    let Ok(window) = windows.single() else { return };
    let sf = window.scale_factor();
    let (ww, wh) = (window.physical_width(), window.physical_height());
    if ww == 0 || wh == 0 {
        return;
    }
    let min = (view.rect.min * sf).max(Vec2::ZERO).as_uvec2();
    let max = (view.rect.max * sf).as_uvec2().min(UVec2::new(ww, wh));
    if max.x <= min.x + 1 || max.y <= min.y + 1 {
        return;
    }
    let vp = Viewport {
        physical_position: min,
        physical_size: max - min,
        ..default()
    };
    if cam
        .viewport
        .as_ref()
        .map(|v| (v.physical_position, v.physical_size))
        != Some((vp.physical_position, vp.physical_size))
    {
        cam.viewport = Some(vp);
    }
}

/// Wheel zoom (to the cursor) and middle-button drag pan; `F`
/// or Home fits the plan, `+` / `-` zoom at the centre.
pub fn zoom_and_pan(
    mut wheel: MessageReader<MouseWheel>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    windows: Query<&Window>,
    mut view: ResMut<View>,
    mut last: Local<Option<Vec2>>,
    focus: Res<super::canvas::UiFocus>,
) {
    let cursor = windows.single().ok().and_then(|w| w.cursor_position());
    for ev in wheel.read() {
        if let (Some(c), true) = (cursor, focus.pointer_on_canvas) {
            let lines = match ev.unit {
                MouseScrollUnit::Line => ev.y,
                MouseScrollUnit::Pixel => ev.y / 40.0,
            };
            view.zoom_at(c, 1.15f32.powf(lines));
        }
    }
    let panning = buttons.pressed(MouseButton::Middle);
    match (panning, cursor, *last) {
        (true, Some(c), Some(prev)) => {
            view.pan_px(c - prev);
            *last = Some(c);
        }
        (true, Some(c), None) if focus.pointer_on_canvas => *last = Some(c),
        _ if !panning => *last = None,
        _ => {}
    }
    if focus.typing {
        return;
    }
    let centre = view.rect.center();
    if keys.just_pressed(KeyCode::KeyF) || keys.just_pressed(KeyCode::Home) {
        view.fit_pending = true;
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        view.zoom_at(centre, 1.25);
    }
    if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
        view.zoom_at(centre, 0.8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas() -> View {
        View {
            rect: Rect::new(300.0, 60.0, 1140.0, 870.0),
            ..View::default()
        }
    }

    #[test]
    fn screen_and_world_round_trip() {
        let mut v = canvas();
        v.rect = Rect::new(200.0, 40.0, 1000.0, 640.0);
        v.centre = Vec2::new(5.0, 3.0);
        v.scale = 0.02;
        let s = Vec2::new(321.0, 123.0);
        let back = v.world_to_screen(v.screen_to_world(s));
        assert!((back - s).length() < 1e-3);
        // the canvas centre shows the view centre; up on screen is +y
        assert_eq!(v.screen_to_world(v.rect.center()), v.centre);
        assert!(v.screen_to_world(Vec2::new(600.0, 100.0)).y > v.centre.y);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let mut v = canvas();
        let s = Vec2::new(900.0, 200.0);
        let before = v.screen_to_world(s);
        v.zoom_at(s, 1.5);
        assert!((v.screen_to_world(s) - before).length() < 1e-4);
        assert!((v.scale - 0.05 / 1.5).abs() < 1e-6);
    }

    #[test]
    fn fit_shows_all_of_the_bounds() {
        let mut v = canvas();
        v.origin = (100.0, 200.0);
        let b = Bounds {
            min: (100.0, 200.0),
            max: (130.0, 215.0),
        };
        v.fit(b);
        for corner in [b.min, b.max] {
            let s = v.world_to_screen(v.world(corner));
            assert!(v.on_canvas(s));
        }
        v.legend_px = 60.0;
        v.fit(b);
        for corner in [b.min, b.max] {
            let s = v.world_to_screen(v.world(corner));
            assert!(s.y < v.rect.max.y - 60.0, "clear of the legend");
        }
    }
}
