//! The one way juwei opens an output (`-o FILE` of every subcommand, the
//! plan `import` writes): it never destroys an input or a ledger.
//!
//! - `-` is standard output (`cli.md` rev. 2).
//! - An output that is the same file as any input (same device and inode,
//!   whatever the path spelling or links) is refused.
//! - A report is never written over a file that reads as a register or a
//!   plan; a plan (import) never over a register.
//! - An existing destination that is not a regular file is never replaced:
//!   a symlink is written through (its target is replaced atomically, the
//!   link stays), a character device or FIFO is written through (`-o
//!   /dev/null`, `-o /dev/stdout`), a folder, block device or socket is
//!   refused.
//! - A regular file is replaced atomically ([`super::write_atomic`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Refusal;

/// What is written, for the check of what it may replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writes {
    /// A report (text, JSON, HTML, xlsx, SVG…).
    Report,
    /// A plan file (`import`): may replace a plan, never a register.
    Plan,
}

/// Is `path` standard output (`-`)?
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Are `a` and `b` the same existing file?
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                ma.dev() == mb.dev() && ma.ino() == mb.ino()
            }
            #[cfg(not(unix))]
            {
                let _ = (ma, mb);
                matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
            }
        }
        _ => false,
    }
}

/// What an existing file holds, as far as overwriting it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holds {
    Register,
    Plan,
    Other,
}

fn holds(path: &Path) -> Holds {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.ends_with(".register.ron") {
        return Holds::Register;
    }
    if !may_be_ron(path) {
        // a report, a workbook, an image: not read whole (a previous
        // run's 100 MB JSON would otherwise be held in memory to decide)
        return Holds::Other;
    }
    let Ok(text) = super::read_utf8(path) else {
        return Holds::Other;
    };
    if crate::register::parse_register(path, &text).is_ok() {
        return Holds::Register;
    }
    if super::parse_plan(path, &text).is_ok() {
        return Holds::Plan;
    }
    // a plan or register with a slip in it is still one: a RON structure
    // naming a committee, in a .ron file
    if name.ends_with(".ron") {
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        if let Ok(ron::Value::Map(m)) = super::ron_options().from_str::<ron::Value>(body) {
            let has = |k: &str| {
                m.keys()
                    .any(|key| matches!(key, ron::Value::String(s) if s == k))
            };
            if has("events") {
                return Holds::Register;
            }
            if has("committee") {
                return Holds::Plan;
            }
        }
    }
    Holds::Other
}

/// Whether the file may be a RON structure (a plan or a register, even one
/// with a slip in it), judged from its first 64 KiB: after a byte-order
/// mark, white space and comments, RON's `(`, `#![enable(…)]` or a struct
/// name, in text that is UTF-8 so far. A JSON (`{`, `[`), an HTML page
/// (`<`), a text report in Chinese or a workbook (binary) is not.
fn may_be_ron(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(64 * 1024);
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    if f.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = match std::str::from_utf8(&head) {
        Ok(t) => t,
        // a character cut by the 64 KiB is not a fault
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            match r.split_once("*/") {
                Some((_, after)) => rest = after,
                // a comment longer than the head: read the whole file
                None => return true,
            }
        } else {
            break;
        }
    }
    match rest.chars().next() {
        // nothing but comments in the head: read the whole file
        None => true,
        Some(c) => c == '(' || c == '#' || c == '_' || c.is_ascii_alphabetic(),
    }
}

fn refused(zh: String, en: String) -> std::io::Error {
    Refusal::error(zh, en)
}

/// Check that `path` may receive the output, and say where the bytes go:
/// `Ok(Target::Replace(p))` to replace the regular file (or new file) `p`
/// atomically, `Ok(Target::Through)` to write into the existing special
/// file, `Ok(Target::Stdout)` for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    Replace(PathBuf),
    Through(PathBuf),
}

/// Decide where an output goes, refusing what would destroy an input, a
/// register or a special file.
pub fn output_target(path: &Path, what: Writes, inputs: &[PathBuf]) -> std::io::Result<Target> {
    if is_stdout(path) {
        return Ok(Target::Stdout);
    }
    if let Some(input) = inputs.iter().find(|i| same_file(path, i)) {
        return Err(refused(
            format!("输出文件与输入 {} 是同一个文件,未写入", input.display()),
            format!(
                "the output is the same file as the input {}; nothing written",
                input.display()
            ),
        ));
    }
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target::Replace(path.to_path_buf()))
        }
        Err(e) => return Err(e),
    };
    let ft = meta.file_type();
    if ft.is_symlink() {
        // write through the link: its target is what gets replaced
        let target = match std::fs::canonicalize(path) {
            Ok(t) => t,
            Err(_) => {
                return Err(refused(
                    "输出是一个指向不存在位置的符号链接,未写入".into(),
                    "the output is a symbolic link to nowhere; nothing written".into(),
                ))
            }
        };
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refused(
                "无法解析输出的符号链接".into(),
                "the output's symbolic link cannot be resolved".into(),
            ));
        }
        return output_target(&target, what, inputs);
    }
    if ft.is_dir() {
        return Err(refused(
            "输出是一个文件夹,未写入".into(),
            "the output is a folder; nothing written".into(),
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() || ft.is_fifo() {
            return Ok(Target::Through(path.to_path_buf()));
        }
        if ft.is_block_device() || ft.is_socket() {
            return Err(refused(
                "输出是块设备或套接字,未写入".into(),
                "the output is a block device or a socket; nothing written".into(),
            ));
        }
    }
    if !ft.is_file() {
        return Err(refused(
            "输出不是普通文件,未写入".into(),
            "the output is not a regular file; nothing written".into(),
        ));
    }
    match (holds(path), what) {
        (Holds::Register, _) => Err(refused(
            "输出文件是一份固定资产台账,不能被覆盖(台账只追加)".into(),
            "the output file is a fixed-asset register, which is never overwritten (it is append-only)".into(),
        )),
        (Holds::Plan, Writes::Report) => Err(refused(
            "输出文件是一份平面图,不用报告覆盖它".into(),
            "the output file is a plan; a report does not overwrite it".into(),
        )),
        _ => Ok(Target::Replace(path.to_path_buf())),
    }
}

/// Write `bytes` to the output `path` after [`output_target`]'s checks.
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    what: Writes,
    inputs: &[PathBuf],
) -> std::io::Result<()> {
    match output_target(path, what, inputs)? {
        Target::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()
        }
        Target::Replace(p) => super::write_atomic(&p, bytes),
        Target::Through(p) => {
            let mut f = std::fs::OpenOptions::new().write(true).open(&p)?;
            f.write_all(bytes)?;
            f.flush()
        }
    }
}

/// Write the output `path` after [`output_target`]'s checks, its bytes
/// given by `write` as they are made (a city's audit as JSON): a regular
/// file is still replaced atomically, once everything is written.
pub fn write_output_with(
    path: &Path,
    what: Writes,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match output_target(path, what, inputs)? {
        Target::Stdout => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
        Target::Replace(p) => {
            let mut tmp = super::prepare_atomic(&p, b"").map_err(super::atomic_clean)?;
            {
                let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                write(&mut w).map_err(super::atomic_clean)?;
                w.flush().map_err(super::atomic_clean)?;
            }
            tmp.as_file().sync_all().map_err(super::atomic_clean)?;
            tmp.persist(&p).map_err(|e| super::atomic_clean(e.error))?;
            Ok(())
        }
        Target::Through(p) => {
            let f = std::fs::OpenOptions::new().write(true).open(&p)?;
            let mut w = std::io::BufWriter::new(f);
            write(&mut w)?;
            w.flush()
        }
    }
}

/// Write several outputs as a set (the sheets of `labels`): every
/// destination is checked first, every regular file is prepared beside its
/// destination, and only then are they all renamed into place, so that a
/// refusal or a failed write leaves none of them changed.
pub fn write_output_set(
    files: &[(PathBuf, Vec<u8>)],
    what: Writes,
    inputs: &[PathBuf],
) -> std::io::Result<()> {
    let targets = files
        .iter()
        .map(|(p, _)| output_target(p, what, inputs))
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut prepared = Vec::new();
    for (target, (_, bytes)) in targets.iter().zip(files) {
        if let Target::Replace(p) = target {
            prepared.push((
                super::prepare_atomic(p, bytes).map_err(super::atomic_clean)?,
                p.clone(),
            ));
        }
    }
    for (tmp, p) in prepared {
        tmp.persist(&p).map_err(|e| super::atomic_clean(e.error))?;
    }
    for (target, (_, bytes)) in targets.iter().zip(files) {
        match target {
            Target::Replace(_) => {}
            Target::Stdout => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()?;
            }
            Target::Through(p) => {
                let mut f = std::fs::OpenOptions::new().write(true).open(p)?;
                f.write_all(bytes)?;
                f.flush()?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = include_str!("../../tests/fixtures/plan/spec-example.ron");
    const REGISTER: &str = include_str!("../../tests/fixtures/register/spec-example.register.ron");

    #[test]
    fn an_input_is_never_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("R.txt");
        std::fs::write(&input, "x").unwrap();
        let other_spelling = dir.path().join(".").join("R.txt");
        let e = write_output(
            &other_spelling,
            b"y",
            Writes::Report,
            std::slice::from_ref(&input),
        )
        .unwrap_err();
        assert!(Refusal::of(&e).unwrap().en.contains("same file"), "{e}");
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.txt");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(
                write_output(&hard, b"y", Writes::Report, std::slice::from_ref(&input)).is_err()
            );
        }
        assert_eq!(std::fs::read(&input).unwrap(), b"x");
    }

    #[test]
    fn registers_and_plans_are_not_overwritten_by_reports() {
        let dir = tempfile::tempdir().unwrap();
        let reg = dir.path().join("ledger.txt");
        std::fs::write(&reg, REGISTER).unwrap();
        let plan = dir.path().join("plan.ron");
        std::fs::write(&plan, PLAN).unwrap();
        let e = write_output(&reg, b"{}", Writes::Report, &[]).unwrap_err();
        assert!(Refusal::of(&e).unwrap().en.contains("register"), "{e}");
        assert!(write_output(&reg, b"{}", Writes::Plan, &[]).is_err());
        assert!(write_output(&plan, b"{}", Writes::Report, &[]).is_err());
        // a plan with a slip in it is still a plan
        let slipped = dir.path().join("slip.ron");
        std::fs::write(&slipped, PLAN.replace("format: 1", "format: 1, extra: 2")).unwrap();
        assert!(write_output(&slipped, b"{}", Writes::Report, &[]).is_err());
        // import may replace a plan
        write_output(&plan, PLAN.as_bytes(), Writes::Plan, &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&reg).unwrap(), REGISTER);
        // an earlier report is replaced
        let report = dir.path().join("report.json");
        std::fs::write(&report, "{\"committee\": \"x\"}").unwrap();
        write_output(&report, b"new", Writes::Report, &[]).unwrap();
        assert_eq!(std::fs::read(&report).unwrap(), b"new");
    }

    #[test]
    fn only_what_may_be_ron_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str, body: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            p
        };
        // plans and registers, with a byte-order mark, comments, an
        // extension attribute, a struct name
        for (k, body) in [
            PLAN.to_string(),
            format!("\u{feff}{REGISTER}"),
            format!("// 台账\n/* 说明 */\n{PLAN}"),
            format!("#![enable(implicit_some)]\n{PLAN}"),
            format!("Plan{PLAN}"),
        ]
        .iter()
        .enumerate()
        {
            assert!(
                may_be_ron(&at(&format!("r{k}.txt"), body.as_bytes())),
                "{k}"
            );
        }
        assert_eq!(holds(&at("p.txt", PLAN.as_bytes())), Holds::Plan);
        // reports are not read whole: JSON, HTML, Chinese text, a workbook,
        // a long JSON whose 64 KiB head cuts a character
        let long = format!("{{\"名\": \"{}\"}}", "居".repeat(40_000));
        for (name, body) in [
            ("a.json", b"{\"committee\": \"x\"}".to_vec()),
            ("a.html", b"<!doctype html><html></html>".to_vec()),
            ("a.txt", "居委会办公用房检查\n".as_bytes().to_vec()),
            (
                "a.xlsx",
                b"PK\x03\x04\x14\x00\x06\x00\x08\x00\xff\xfe\x80".to_vec(),
            ),
            ("long.json", long.into_bytes()),
        ] {
            let p = at(name, &body);
            assert!(!may_be_ron(&p), "{name}");
            assert_eq!(holds(&p), Holds::Other, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_written_through_or_refused() {
        let dir = tempfile::tempdir().unwrap();
        // a device is written through, never replaced
        assert_eq!(
            output_target(Path::new("/dev/null"), Writes::Report, &[]).unwrap(),
            Target::Through("/dev/null".into())
        );
        write_output(Path::new("/dev/null"), b"x", Writes::Report, &[]).unwrap();
        assert!(!std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_file());
        // a folder is refused
        assert!(write_output(dir.path(), b"x", Writes::Report, &[]).is_err());
        // a symlink stays a symlink; its target gets the bytes
        let target = dir.path().join("real.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_output(&link, b"new", Writes::Report, &[]).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        // …and a link to an input is the input
        assert!(write_output(&link, b"x", Writes::Report, std::slice::from_ref(&target)).is_err());
        // `-` is standard output
        assert_eq!(
            output_target(Path::new("-"), Writes::Report, &[]).unwrap(),
            Target::Stdout
        );
    }
}
