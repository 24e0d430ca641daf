//! Plain data of a committee's premises (plan format 1) with serde.
//!
//! No behaviour here beyond names and small invariants: geometry lives in
//! [`crate::geom`], checks in [`crate::rules`], reading and writing with
//! located errors in [`crate::io`].

mod committee;
pub mod date;
mod item;
mod plan;
mod room;

pub use committee::{
    CertifiedArea, Committee, Estate, EstateRef, OfficerRole, Police, PoliceService,
};
pub use item::{BoardKind, Item, ItemGroup, ItemKind, Location, Network, SitePlace};
pub use plan::{Consent, Door, DoorKind, Format1, Initiator, Plan, Revision, Underlay, OUTSIDE};
pub use room::{Floor, Room, Zone};

/// A value typed on the command line that a value parser refused, said in
/// both languages; the command line's error renderer
/// ([`crate::cli::help::render_error`]) picks the one of `--lang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgError {
    pub zh: String,
    pub en: String,
}

impl ArgError {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        ArgError {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

impl std::fmt::Display for ArgError {
    /// Both languages, for a use outside the command line's renderer.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

impl std::error::Error for ArgError {}

/// The two languages of every message: Chinese first, English available.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Pick the Chinese or English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?} (zh or en)")),
        }
    }
}
