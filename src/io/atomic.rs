use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` so that a reader sees either the old file or the
/// new one, never a partial write: a temporary file in the same folder is
/// written, flushed to disk and renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_parts(path, &[bytes])
}

/// [`write_atomic`] of a file given in pieces, written one after the
/// other (a register with events inserted: the text as read and the new
/// events, never joined in memory).
pub fn write_atomic_parts(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    prepare_atomic_parts(path, parts)
        .map_err(without_temp_name)?
        .persist(path)
        .map_err(|e| without_temp_name(e.error))?;
    Ok(())
}

/// The error without the temporary file's name that `tempfile` wraps into
/// it: people see the file they asked for, never `.juwei-XXXX.tmp`.
pub fn without_temp_name(e: std::io::Error) -> std::io::Error {
    match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => {
            let text = e.to_string();
            if text.contains(".juwei-") {
                std::io::Error::new(e.kind(), e.kind().to_string())
            } else {
                e
            }
        }
    }
}

/// The first half of [`write_atomic`]: the temporary file beside `path`,
/// written and flushed to disk, to be renamed over `path` (`persist`) or
/// dropped (removed). Several files are written as a set this way: all
/// prepared first, then all renamed.
pub fn prepare_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    prepare_atomic_parts(path, &[bytes])
}

/// [`prepare_atomic`] of a file given in pieces.
pub fn prepare_atomic_parts(
    path: &Path,
    parts: &[&[u8]],
) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    sweep_stale_temps(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".juwei-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    for bytes in parts {
        tmp.write_all(bytes)?;
    }
    // a temporary file is private (0600); the saved file keeps the
    // permission bits of the file it replaces (never setuid, setgid or
    // sticky), or gets 0666 less the umask when new, like any new file
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or(0o666 & !umask());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The process's umask: from /proc (no change of state), else by setting
/// and restoring it.
#[cfg(unix)]
fn umask() -> u32 {
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        if let Some(v) = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        {
            return v;
        }
    }
    // SAFETY: umask only swaps the process's mask; restored at once
    unsafe {
        let old = libc::umask(0o022);
        libc::umask(old);
        old
    }
}

/// Temporary files of a write older than this were left by a killed run.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Remove `.juwei-*.tmp` files left in `dir` by a write that was killed
/// (an hour old: a write in progress is never that old).
fn sweep_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".juwei-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_never_name_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing-folder").join("out.html");
        let e = write_atomic(&target, b"x").unwrap_err();
        assert!(!e.to_string().contains(".juwei-"), "{e}");
        assert!(!e.to_string().contains(".tmp"), "{e}");
        // a folder in the way of the rename
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        let e = write_atomic(&blocked, b"x").unwrap_err();
        assert!(!e.to_string().contains(".juwei-"), "{e}");
    }

    #[test]
    fn replaces_whole_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"first version, long").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_and_modes_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.ron");
        write_atomic(&p, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&p), 0o666 & !umask());
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(mode(&p), 0o600);
        // issue 15 item 11: the setuid bit of a replaced file is not copied
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o4755)).unwrap();
        write_atomic(&p, b"z").unwrap();
        assert_eq!(mode(&p), 0o755);
    }

    /// Issue 15 item 11: a `kill -9` mid-write leaves `.juwei-*.tmp`; the
    /// next write in that folder sweeps the stale ones, not fresh ones.
    #[test]
    fn stale_temporaries_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".juwei-abc123.tmp");
        let fresh = dir.path().join(".juwei-def456.tmp");
        let other = dir.path().join("keep.tmp");
        for p in [&stale, &fresh, &other] {
            std::fs::write(p, "x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - 2 * STALE_AFTER;
        for p in [&stale, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(long_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("a.ron"), b"x").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists() && other.exists());
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("a.ron");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
