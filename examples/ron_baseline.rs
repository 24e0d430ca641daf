//! The baseline of `scripts/bench-audit.sh`: a bare serde + ron parse of
//! every plan under a folder, on one thread, nothing else (no checks, no
//! sidecar files, no output). `juwei audit` is measured against it.
//!
//! Run: `cargo run --release --no-default-features --example ron_baseline -- DIR`

use std::path::{Path, PathBuf};
use std::time::Instant;

use juwei::model::Plan;

fn plans(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        if p.is_dir() {
            plans(&p, out);
        } else if juwei::audit::is_plan_name(&name) {
            out.push(p);
        }
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: ron_baseline DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    plans(Path::new(&dir), &mut files);
    files.sort();
    let start = Instant::now();
    let (mut ok, mut bad, mut rooms) = (0usize, 0usize, 0usize);
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            bad += 1;
            continue;
        };
        match juwei::io::ron_options().from_str::<Plan>(&text) {
            Ok(p) => {
                ok += 1;
                rooms += p.rooms.len();
            }
            Err(_) => bad += 1,
        }
    }
    println!(
        "{} plans parsed, {} not, {} rooms, in {:.2} s",
        ok,
        bad,
        rooms,
        start.elapsed().as_secs_f64()
    );
}
