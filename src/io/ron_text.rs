use std::path::Path;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::SourceError;

/// RON options used by every reader: `implicit_some` on, so optional fields
/// may be written bare (`wall: 2`) or as `Some(2)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parse RON text into `T`, turning RON's error into one that names the file,
/// line and column and says what was expected.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, SourceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron_options().from_str::<T>(text).map_err(|e| {
        let detail = e.code.to_string();
        SourceError::new(
            path,
            e.span.start.line.max(1),
            e.span.start.col.max(1),
            format!("无法解析: {}", describe_zh(&e.code, &detail)),
            detail,
        )
    })
}

/// The Chinese wording of a RON error (`detail` is its English text).
pub fn describe_zh(code: &ron::Error, detail: &str) -> String {
    use ron::Error as E;
    let what = match code {
        E::Eof => "文件意外结束",
        E::ExpectedArray => "此处应为列表 [...]",
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "此处应为结构 (...)",
        E::ExpectedString | E::ExpectedStringEnd => "此处应为字符串 \"...\"",
        E::ExpectedInteger => "此处应为整数",
        E::ExpectedFloat => "此处应为数字",
        E::ExpectedBoolean => "此处应为 true 或 false",
        E::ExpectedComma => "缺少逗号",
        E::ExpectedOption => "此处应为 Some(...) 或 None",
        E::MissingStructField { .. } => "缺少字段",
        E::NoSuchStructField { .. } => "未知字段",
        E::NoSuchEnumVariant { .. } => "未知取值",
        E::DuplicateStructField { .. } => "字段重复",
        E::TrailingCharacters => "多余的字符",
        E::InvalidValueForType { .. } => "取值类型不对",
        E::Message(m) if m.contains("日期无效") => "日期无效",
        E::Message(m) if m.contains("必须是整数") => "楼层必须是整数",
        _ => "格式错误",
    };
    format!("{what} ({detail})")
}

/// Line and column (1-based) of the `nth` (0-based) occurrence of `needle`.
pub fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (offset, _) = text.match_indices(needle).nth(nth)?;
    Some(line_col(text, offset))
}

/// Line and column (1-based, column in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}
