//! The one way juwei reads an input file: only a regular file (never a FIFO,
//! a device or a folder), opened without blocking, and never more than
//! [`MAX_FILE_BYTES`]. Every reader (plans, registers, profiles, count
//! sheets, DXF, workbooks) goes through [`read_bytes`] or [`read_utf8`], so
//! a `/dev/zero` or a FIFO named like an input is a clear refusal, not a hang.

use std::fmt;
use std::io::Read;
use std::path::Path;

use super::{line_col, LoadError, SourceError};

/// The largest input file juwei reads: 64 MB. The largest sample is 15 KB;
/// a committee's plan or register of several MB is already unusual.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A refusal to read a file, with its reason in both languages. It travels
/// inside an [`std::io::Error`] (kind `InvalidInput`) so that
/// [`LoadError::Io`] keeps its shape; [`LoadError::display`] shows the
/// chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub zh: String,
    pub en: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.zh, self.en)
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    pub fn error(zh: impl Into<String>, en: impl Into<String>) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            Refusal {
                zh: zh.into(),
                en: en.into(),
            },
        )
    }

    /// The refusal carried by `e`, if it is one.
    pub fn of(e: &std::io::Error) -> Option<&Refusal> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<Refusal>())
    }
}

/// An I/O error's text in the chosen language (a [`Refusal`] has both).
pub fn io_error_text(e: &std::io::Error, lang: crate::model::Lang) -> String {
    match Refusal::of(e) {
        Some(r) => lang.pick(&r.zh, &r.en).to_string(),
        None => e.to_string(),
    }
}

/// `n` bytes in MB for messages ("64 MB").
pub fn megabytes(n: u64) -> String {
    format!("{} MB", n / (1024 * 1024))
}

fn too_big(limit: u64) -> std::io::Error {
    Refusal::error(
        format!("文件超过 {} 的上限,不予读取", megabytes(limit)),
        format!("the file is larger than the limit of {}", megabytes(limit)),
    )
}

fn not_regular(what_zh: &str, what_en: &str) -> std::io::Error {
    Refusal::error(
        format!("不是普通文件({what_zh}),不予读取"),
        format!("not a regular file ({what_en}); not read"),
    )
}

/// Refuse anything but a regular file (symlinks are followed), with what it
/// is instead.
pub fn check_regular(meta: &std::fs::Metadata) -> std::io::Result<()> {
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(());
    }
    if ft.is_dir() {
        return Err(not_regular("是文件夹", "a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Err(not_regular("是命名管道 FIFO", "a FIFO"));
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Err(not_regular("是设备", "a device"));
        }
        if ft.is_socket() {
            return Err(not_regular("是套接字", "a socket"));
        }
    }
    Err(not_regular("类型不明", "of an unknown kind"))
}

/// Open a regular file for reading without ever blocking on it: the kind is
/// checked before opening, the file is opened non-blocking (a FIFO swapped
/// in between cannot hang), and checked again once open.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    check_regular(&std::fs::metadata(path)?)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    check_regular(&file.metadata()?)?;
    Ok(file)
}

/// Read a whole regular file of at most `limit` bytes.
pub fn read_bytes_limited(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let io = |e| LoadError::io(path, e);
    let file = open_regular(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > limit {
        return Err(io(too_big(limit)));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    advise_huge_pages(&bytes);
    // a file that grows while read is still cut at the limit
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(io(too_big(limit)));
    }
    Ok(bytes)
}

/// Ask Linux to back a large read buffer with huge pages (transparent huge
/// pages, given where asked for by default): a 12 MB register is then read
/// in a handful of page faults instead of about three thousand, which on
/// this kind of machine cost `juwei record` several milliseconds. Advice
/// only: where it is not taken, or on another system, nothing changes.
fn advise_huge_pages(buf: &Vec<u8>) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        if buf.capacity() < 2 * HUGE {
            return;
        }
        let start = buf.as_ptr() as usize;
        let from = start.next_multiple_of(HUGE);
        let to = (start + buf.capacity()) / HUGE * HUGE;
        if to > from {
            // SAFETY: advice on whole pages within the buffer's own
            // allocation; it changes neither the mapping's contents nor
            // its permissions, and its result is not needed
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = buf;
}

/// Read a whole regular file of at most [`MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_bytes_limited(path, MAX_FILE_BYTES)
}

/// Read a whole file as UTF-8 text; bytes that are not UTF-8 are an error at
/// the line and column where they start.
pub fn read_utf8(path: &Path) -> Result<String, LoadError> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let (line, col) = line_col(good, good.len());
        SourceError::new(
            path,
            line,
            col,
            "文件不是 UTF-8 编码的文本",
            "the file is not UTF-8 text",
        )
        .into()
    })
}

/// Resolve `name`, a file named inside a register (a count sheet), strictly
/// inside `base`, the register's folder: no absolute path, no `..`, and no
/// symlink leading out of the folder.
pub fn resolve_inside(base: &Path, name: &str) -> std::io::Result<std::path::PathBuf> {
    use std::path::Component;
    let rel = Path::new(name);
    let outside = || {
        Refusal::error(
            format!("路径 \"{name}\" 不在台账所在的文件夹内,不予读取"),
            format!("the path \"{name}\" is not inside the register's folder; not read"),
        )
    };
    if name.trim().is_empty()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(outside());
    }
    let path = base.join(rel);
    // a symlink inside the folder may not lead out of it
    if let (Ok(real_base), Ok(real)) = (base.canonicalize(), path.canonicalize()) {
        if !real.starts_with(&real_base) {
            return Err(outside());
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_big_names_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        std::fs::write(&p, vec![b' '; 2048]).unwrap();
        assert!(read_bytes_limited(&p, 4096).is_ok());
        let e = read_bytes_limited(&p, 1024).unwrap_err();
        let LoadError::Io { source, .. } = &e else {
            panic!("{e}")
        };
        assert!(Refusal::of(source).is_some(), "{e}");
        assert!(e.display(crate::model::Lang::En).contains("limit"), "{e}");
    }

    #[test]
    fn the_cap_is_named() {
        let e = too_big(MAX_FILE_BYTES);
        let r = Refusal::of(&e).unwrap();
        assert!(r.zh.contains("64 MB") && r.en.contains("64 MB"), "{r}");
    }

    #[test]
    fn folders_and_devices_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_bytes(dir.path()).is_err());
        #[cfg(unix)]
        {
            let e = read_bytes(Path::new("/dev/zero")).unwrap_err();
            assert!(e.display(crate::model::Lang::En).contains("device"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.ron");
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let e = read_utf8(&p).unwrap_err();
        assert!(e.display(crate::model::Lang::En).contains("FIFO"), "{e}");
        assert!(
            e.display(crate::model::Lang::Zh).contains("命名管道"),
            "{e}"
        );
    }

    #[test]
    fn sheets_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::write(base.join("s.csv"), "x").unwrap();
        assert!(resolve_inside(base, "s.csv").is_ok());
        assert!(resolve_inside(base, "./sub/s.csv").is_ok());
        for bad in ["/dev/zero", "../s.csv", "a/../../s.csv", "", "/etc/passwd"] {
            assert!(resolve_inside(base, bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", base.join("link.csv")).unwrap();
            assert!(resolve_inside(base, "link.csv").is_err());
        }
    }
}
