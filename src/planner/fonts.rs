//! The bundled CJK face (Noto Sans CJK SC cut down to 通用规范汉字表, GB 2312
//! and Shanghai place-name characters by tools/subset-font.py, SIL OFL 1.1,
//! `assets/fonts/`), compiled into the binary so the planner shows Chinese on
//! any machine: for egui (as a fallback after egui's own Latin faces) and for
//! the labels drawn on the plan.

use bevy::prelude::*;
use bevy_egui::{egui, EguiContexts, EguiPrimaryContextPass};

/// The font file's bytes.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-juwei.otf");

/// The font of the labels on the plan.
#[derive(Resource, Clone)]
pub struct PlanFont(pub Handle<Font>);

pub struct FontsPlugin;

impl Plugin for FontsPlugin {
    fn build(&self, app: &mut App) {
        let handle = app
            .world_mut()
            .resource_mut::<Assets<Font>>()
            .add(Font::from_bytes(CJK_FONT.to_vec()));
        app.insert_resource(PlanFont(handle))
            .add_systems(EguiPrimaryContextPass, install_egui_font);
    }
}

/// egui's font definitions with the CJK face after the default ones.
pub fn egui_fonts() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "noto-sans-sc".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("noto-sans-sc".to_owned());
    }
    fonts
}

fn install_egui_font(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.set_fonts(egui_fonts());
    *done = true;
    Ok(())
}
