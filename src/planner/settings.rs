//! What the planner remembers between runs: the language and the recent
//! files. Kept in `planner.ron` in the configuration folder
//! (`$JUWEI_CONFIG_DIR`, else `$XDG_CONFIG_HOME/juwei`, else
//! `~/.config/juwei`), written atomically. A missing or unreadable file
//! gives the defaults: settings never stop the planner from starting.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::io::write_atomic;
use crate::model::Lang;

/// How many recent files are kept.
pub const RECENT_MAX: usize = 8;

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub lang: Lang,
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// Where the settings are kept; `None`: not kept (no config folder).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::Zh,
            recent: Vec::new(),
            file: config_dir().map(|d| d.join("planner.ron")),
        }
    }
}

/// The planner's configuration folder (not created here).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("JUWEI_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = std::env::var_os("XDG_CONFIG_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d).join("juwei"));
    }
    std::env::var_os("HOME")
        .filter(|d| !d.is_empty())
        .map(|h| PathBuf::from(h).join(".config").join("juwei"))
}

impl Settings {
    /// Read the settings file; defaults where it is missing or broken.
    pub fn load() -> Settings {
        Settings::load_from(Settings::default().file)
    }

    /// Read settings kept in `file` (`None`: defaults, kept nowhere).
    pub fn load_from(file: Option<PathBuf>) -> Settings {
        let mut s = Settings {
            file,
            ..Settings::default()
        };
        if let Some(file) = s.file.clone() {
            if let Ok(text) = std::fs::read_to_string(&file) {
                match ron::from_str::<Settings>(&text) {
                    Ok(read) => {
                        s.lang = read.lang;
                        s.recent = read.recent;
                    }
                    Err(e) => warn!("{}: ignored ({e})", file.display()),
                }
            }
        }
        s
    }

    /// Write the settings (atomically); errors are logged, not fatal.
    pub fn store(&self) {
        let Some(file) = &self.file else { return };
        let text = match ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()) {
            Ok(t) => t,
            Err(e) => {
                warn!("settings not saved: {e}");
                return;
            }
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = write_atomic(file, text.as_bytes()) {
            warn!("{}: settings not saved: {e}", file.display());
        }
    }

    /// Put a file first in the recent list (once, at most [`RECENT_MAX`]).
    pub fn touch_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}
