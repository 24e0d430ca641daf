use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` so that a reader sees either the old file or the
/// new one, never a partial write: a temporary file in the same folder is
/// written, flushed to disk and renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes).map_err(without_temp_name)
}

/// The error without the temporary file's name that `tempfile` wraps into
/// it: people see the file they asked for, never `.juwei-XXXX.tmp`.
fn without_temp_name(e: std::io::Error) -> std::io::Error {
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

fn write_via_temp(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".juwei-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // a temporary file is private (0600); the saved file keeps the mode of
    // the file it replaces, or gets the usual 0644 when new
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o644);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(mode(&p), 0o600);
    }

    #[test]
    fn failure_leaves_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("a.ron");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
