//! `juwei-planner PLAN --screenshot OUT.png`: open the plan, fit it to the
//! window, render until the frame has settled, write the PNG with bevy's
//! screenshot API and exit (0; 2 when the plan could not be read — the
//! picture then shows the error; 1 when the picture could not be written).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::canvas::CanvasEntity;
use super::files::FilesUi;
use super::view::View;

/// Frames to render after the canvas is laid out before the picture is
/// taken: fonts, text layout and egui's first passes are done by then.
pub const SETTLE_FRAMES: u32 = 30;
/// Give up after this many frames.
pub const MAX_FRAMES: u32 = 3000;

pub struct ScreenshotPlugin {
    pub path: PathBuf,
}

/// Present while a screenshot is being taken: the picture shows the plan,
/// not whatever the pointer happens to hover.
#[derive(Resource)]
pub struct Screenshotting;

#[derive(Resource)]
struct Job {
    path: PathBuf,
    settled: u32,
    frames: u32,
    requested: bool,
}

impl Plugin for ScreenshotPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(Screenshotting)
            .insert_resource(Job {
                path: self.path.clone(),
                settled: 0,
                frames: 0,
                requested: false,
            })
            .add_systems(Last, take);
    }
}

fn take(
    mut commands: Commands,
    mut job: ResMut<Job>,
    view: Res<View>,
    doc: Res<super::state::Doc>,
    drawn: Query<(), With<CanvasEntity>>,
    mut exit: MessageWriter<AppExit>,
) {
    job.frames += 1;
    if job.frames > MAX_FRAMES {
        error!("no screenshot after {MAX_FRAMES} frames");
        exit.write(AppExit::from_code(1));
        return;
    }
    let laid_out = view.rect.width() > 1.0 && !view.fit_pending;
    if job.requested || !laid_out {
        return;
    }
    // a plan with rooms must have been drawn
    if !doc.plan.rooms.is_empty() && drawn.is_empty() {
        return;
    }
    job.settled += 1;
    if job.settled < SETTLE_FRAMES {
        return;
    }
    job.requested = true;
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_and_exit);
}

fn save_and_exit(
    shot: On<ScreenshotCaptured>,
    job: Res<Job>,
    files: Res<FilesUi>,
    mut exit: MessageWriter<AppExit>,
) {
    let code = match shot.image.clone().try_into_dynamic() {
        Ok(img) => match img.to_rgb8().save(&job.path) {
            Ok(()) => {
                info!("screenshot written to {}", job.path.display());
                if files.error.is_some() {
                    crate::exit::EXIT_INPUT
                } else {
                    crate::exit::EXIT_OK
                }
            }
            Err(e) => {
                error!("{}: cannot write the screenshot: {e}", job.path.display());
                1
            }
        },
        Err(e) => {
            error!("cannot convert the screenshot: {e}");
            1
        }
    };
    exit.write(AppExit::from_code(code as u8));
}
