use std::fmt;
use std::path::{Path, PathBuf};

/// An error in the contents of a file, at a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    /// What is wrong, in Chinese.
    pub message: String,
    /// What is wrong, in English.
    pub message_en: String,
}

impl SourceError {
    pub fn new(
        path: &Path,
        line: usize,
        col: usize,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        SourceError {
            path: path.to_path_buf(),
            line,
            col,
            message: zh.into(),
            message_en: en.into(),
        }
    }

    /// `file:line:col: message` in the chosen language.
    pub fn display(&self, lang: crate::model::Lang) -> String {
        crate::text::clean(&format!(
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            lang.pick(&self.message, &self.message_en)
        ))
        .into_owned()
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} ({})",
            self.path.display(),
            self.line,
            self.col,
            self.message,
            self.message_en
        )
    }
}

impl std::error::Error for SourceError {}

/// Why a file could not be loaded: it could not be read at all, or its
/// contents are wrong at some place. Either way nothing partial is returned.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: 无法读取 (cannot read): {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Source(#[from] SourceError),
}

impl LoadError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        LoadError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The message in the chosen language, naming the file (and line:column).
    pub fn display(&self, lang: crate::model::Lang) -> String {
        let text = match self {
            LoadError::Io { path, source } => format!(
                "{}: {}: {}",
                path.display(),
                lang.pick("无法读取", "cannot read"),
                super::io_error_text(source, lang)
            ),
            LoadError::Source(e) => e.display(lang),
        };
        crate::text::clean(&text).into_owned()
    }

    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Io { .. } => None,
            LoadError::Source(e) => Some((e.line, e.col)),
        }
    }
}
