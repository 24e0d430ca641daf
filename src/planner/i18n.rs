//! The interface language (Chinese by default, English by a toggle that is
//! remembered in the settings) and the window title, which names the file,
//! shows the "modified" marker and follows the language.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::state::{Doc, UiLang};

pub struct I18nPlugin;

impl Plugin for I18nPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, window_title.after(super::state::LogicSet::Apply));
    }
}

fn window_title(
    doc: Res<Doc>,
    lang: Res<UiLang>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    if !doc.is_changed() && !lang.is_changed() {
        return;
    }
    let title = doc.title(lang.0);
    for mut w in &mut windows {
        if w.title != title {
            w.title = title.clone();
        }
    }
}
