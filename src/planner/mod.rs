//! The planner (`juwei-planner`, `juwei plan`): a bevy + egui desktop app to
//! draw and edit a committee's premises plan and see the standard's findings
//! live. Built with the `gui` feature (on by default).
//!
//! One plugin per concern:
//! - [`state`]: the open plan, its undo stack and check, the selection; no
//!   window (headless tests use it alone);
//! - [`view`]: pan, zoom, fit; [`canvas`]: the drawing; [`picking`]: the
//!   pointer and the tools;
//! - [`panels`]: toolbar, findings, inspector; [`files`]: open, save,
//!   autosave; [`fonts`]: the CJK face; [`i18n`]: language and window title;
//! - [`screenshot`]: `--screenshot OUT.png` for tests and docs;
//! - [`underlay`]: photos and scans beneath the plan, and the trace tools.

pub mod actions;
pub mod canvas;
pub mod files;
pub mod fonts;
pub mod i18n;
pub mod legible;
pub mod panels;
pub mod picking;
pub mod screenshot;
pub mod settings;
pub mod state;
pub mod underlay;
pub mod view;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy_egui::{EguiGlobalSettings, EguiPlugin, PrimaryEguiContext};

use crate::model::Lang;
use files::FilesUi;
use settings::Settings;
use state::{Doc, PlannerLogicPlugin, UiLang};

/// How the planner was started.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlannerArgs {
    /// The plan to open.
    pub file: Option<PathBuf>,
    /// Write a screenshot of the opened plan here and exit.
    pub screenshot: Option<PathBuf>,
    /// The interface language for this run (else the saved choice).
    pub lang: Option<Lang>,
    /// Select this room at the start (for documentation screenshots).
    pub select: Option<String>,
    /// Open the register window at the start.
    pub register_panel: bool,
    /// The rule profile (`--profile FILE`, as read); `None`: the built-in one.
    pub profile: Option<(PathBuf, crate::rules::Profile)>,
    /// Show this level at the start (else the plan's first level).
    pub level: Option<i32>,
}

/// The window's size (logical pixels); screenshots have this size.
pub const WINDOW_SIZE: (u32, u32) = (1440, 900);

/// Everything but the window plugins: what the app and the tests share.
pub struct PlannerPlugin {
    pub args: PlannerArgs,
}

impl Plugin for PlannerPlugin {
    fn build(&self, app: &mut App) {
        let mut settings = Settings::load();
        if self.args.screenshot.is_some() {
            // a screenshot run must not change the user's settings or recent files
            settings.file = None;
        }
        let lang = self.args.lang.unwrap_or(settings.lang);
        let mut files_ui = FilesUi::default();
        // a screenshot run never opens a dialog
        files_ui.native = self.args.screenshot.is_none() && files::native_dialogs_available();
        let mut review = files::ImportReview::default();
        let doc = match &self.args.file {
            // a drawing on the command line goes through the import
            Some(path) if files::is_drawing(path) => match files::import_drawing(path, None) {
                Ok((doc, r)) => {
                    review = r;
                    doc
                }
                Err(e) => {
                    files_ui.show_error(e.display(Lang::Zh), e.display(Lang::En));
                    Doc::untitled()
                }
            },
            Some(path) => match Doc::open(path) {
                Ok(doc) => {
                    settings.touch_recent(path);
                    settings.store();
                    if self.args.screenshot.is_none() {
                        files_ui.recover = files::recoverable(Some(path));
                    }
                    doc
                }
                Err(e) => {
                    files_ui.show_error(e.display(Lang::Zh), e.display(Lang::En));
                    Doc::untitled()
                }
            },
            None => {
                if self.args.screenshot.is_none() {
                    files_ui.recover = files::recoverable(None);
                }
                Doc::untitled()
            }
        };
        let mut doc = doc;
        if let Some((path, profile)) = &self.args.profile {
            doc.set_profile(profile.clone(), Some(path.clone()));
        }
        let selection = match &self.args.select {
            Some(id) if doc.plan.room(id).is_some() => state::Selection::room(id.clone()),
            _ => state::Selection::default(),
        };
        if let Some(l) = self.args.level {
            app.insert_resource(state::CurrentLevel(l));
        }
        app.insert_resource(doc)
            .insert_resource(selection)
            .insert_resource(panels::register::RegisterUi {
                open: self.args.register_panel,
                ..default()
            })
            .insert_resource(settings)
            .insert_resource(files_ui)
            .insert_resource(review)
            .insert_resource(UiLang(lang))
            .add_plugins((
                PlannerLogicPlugin,
                fonts::FontsPlugin,
                view::ViewPlugin,
                canvas::CanvasPlugin,
                picking::PickingPlugin,
                panels::PanelsPlugin,
                files::FilesPlugin,
                i18n::I18nPlugin,
                underlay::UnderlayPlugin,
            ))
            .add_systems(PreStartup, spawn_ui_camera)
            .add_plugins(picking::PointerInputPlugin)
            .add_systems(Update, view::zoom_and_pan.before(picking::mouse_to_events));
        if let Some(out) = &self.args.screenshot {
            app.add_plugins(screenshot::ScreenshotPlugin { path: out.clone() });
        }
    }
}

/// The camera egui draws with: above the plan camera, clearing nothing.
fn spawn_ui_camera(mut commands: Commands, mut egui: ResMut<EguiGlobalSettings>) {
    egui.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        bevy::camera::visibility::RenderLayers::none(),
        plan_msaa(),
        Camera {
            order: 1,
            clear_color: ClearColorConfig::None,
            ..default()
        },
    ));
}

/// The cameras' multisampling (both cameras: they draw into one target):
/// off. bevy's default, 4×, made each frame of the 1440×900 window cost
/// ~2.5 times as much in Mesa's software Vulkan (lavapipe), and a click took
/// a median 182–252 ms to show instead of 75–108 ms (docs/planner.md). Thin
/// lines and circles are a little more stepped, still legible.
/// `JUWEI_MSAA=2`, `4` or `8` brings multisampling back, for comparisons.
pub fn plan_msaa() -> Msaa {
    match std::env::var("JUWEI_MSAA").ok().as_deref() {
        Some("2") => Msaa::Sample2,
        Some("4") => Msaa::Sample4,
        Some("8") => Msaa::Sample8,
        _ => Msaa::Off,
    }
}

/// Seconds the planner sleeps between frames when nothing happens (it
/// wakes at once on input, on a window event or when asked to redraw).
pub const IDLE_WAKE_SECS: u64 = 30;

/// Reactive rendering: a frame only when there is input (mouse over the
/// window, keys), a window event, or a system asks for one
/// (`RequestRedraw`); else one frame every [`IDLE_WAKE_SECS`] (for the
/// minute's autosave). Mouse motion outside the window does not wake it.
pub fn idle_settings() -> bevy::winit::WinitSettings {
    use bevy::winit::{UpdateMode, WinitSettings};
    WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(std::time::Duration::from_secs(
            IDLE_WAKE_SECS,
        )),
        unfocused_mode: UpdateMode::reactive_low_power(std::time::Duration::from_secs(
            IDLE_WAKE_SECS * 2,
        )),
    }
}

/// Run the planner; returns the process exit status (2 when there is no
/// display to open a window on).
pub fn run(args: PlannerArgs) -> i32 {
    // this build talks X11 only (bevy's "x11" feature)
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        eprintln!(
            "juwei-planner: 没有图形显示(未设置 DISPLAY),无法打开窗口 / \
             no display (DISPLAY is not set): cannot open a window"
        );
        return crate::exit::EXIT_INPUT;
    }
    let title = "居委平面图 juwei planner".to_string();
    let screenshot = args.screenshot.is_some();
    let mut resolution = WindowResolution::new(WINDOW_SIZE.0, WINDOW_SIZE.1);
    if screenshot {
        // the same picture on any screen
        resolution = resolution.with_scale_factor_override(1.0);
    }
    let window = Window {
        title,
        resolution,
        present_mode: if screenshot {
            PresentMode::AutoNoVsync
        } else {
            PresentMode::AutoVsync
        },
        ..default()
    };
    let exit = App::new()
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(window),
                    // the planner asks before closing unsaved work
                    close_when_requested: false,
                    ..default()
                })
                .set(bevy::log::LogPlugin {
                    filter: "warn,juwei=info,wgpu=error,naga=error".into(),
                    ..default()
                }),
        )
        .insert_resource(if screenshot {
            // a screenshot run renders frame after frame until it has settled
            bevy::winit::WinitSettings::continuous()
        } else {
            idle_settings()
        })
        .add_plugins(EguiPlugin::default())
        .add_plugins(PlannerPlugin { args })
        .run();
    match exit {
        AppExit::Success => 0,
        AppExit::Error(code) => code.get() as i32,
    }
}
