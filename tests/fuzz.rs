//! Fuzzing on stable Rust (issue 15, "Keep it so"): a small mutation fuzzer
//! over juwei's readers, seeded with the samples, the fixtures and the
//! corpus in `tests/fuzz-corpus/<target>/`.
//!
//! Targets: `plan` (parse, check, draw), `register` (parse, replay, the
//! register rules), `csv` and `xlsx` (count sheets), `profile` (parse, then
//! check a plan and a register with it), `dxf` (import).
//!
//! `cargo test --test fuzz` replays the corpus and runs a fixed, seeded
//! number of mutations per target (a few seconds). `.ci/run` runs each
//! target for a fixed time with a fresh seed:
//!
//! ```text
//! cargo test --no-default-features --test fuzz -- --seconds 15 [--seed N] [TARGET…]
//! ```
//!
//! A panic fails the run, and the input is saved under
//! `target/fuzz-failures/` (add it to the corpus once fixed); `-- --replay
//! FILE TARGET` runs one saved input with its panic message. An input that
//! takes longer than the hang limit ends the run with the input saved the
//! same way; an abort (out of memory) ends it with the seed printed, so the
//! run can be repeated.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use juwei::io::parse_plan;
use juwei::register::parse_register;
use juwei::rules::{check_plan, CheckOptions, Profile};

/// One input may take this long; more is a hang.
const HANG_LIMIT: Duration = Duration::from_secs(20);
/// The largest input the mutator builds.
const MAX_INPUT: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Plan,
    Register,
    Csv,
    Xlsx,
    Profile,
    Dxf,
}

const TARGETS: [Target; 6] = [
    Target::Plan,
    Target::Register,
    Target::Csv,
    Target::Xlsx,
    Target::Profile,
    Target::Dxf,
];

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Plan => "plan",
            Target::Register => "register",
            Target::Csv => "csv",
            Target::Xlsx => "xlsx",
            Target::Profile => "profile",
            Target::Dxf => "dxf",
        }
    }

    /// Where the seeds are: the corpus folder, then samples and fixtures.
    fn seeds(self) -> Vec<Vec<u8>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = files_under(&root.join("tests/fuzz-corpus").join(self.name()), &|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        });
        let ends = |suffixes: &'static [&'static str]| {
            move |p: &Path| {
                let n = p.to_string_lossy().to_ascii_lowercase();
                suffixes.iter().any(|s| n.ends_with(s))
            }
        };
        match self {
            Target::Plan => {
                let plan = |p: &Path| {
                    let n = p.to_string_lossy();
                    n.ends_with(".ron") && !n.ends_with(".register.ron")
                };
                files.extend(files_under(&root.join("plans"), &plan));
                files.extend(files_under(&root.join("tests/fixtures/plan"), &plan));
                files.extend(files_under(&root.join("tests/fixtures/rules"), &plan));
            }
            Target::Register => {
                let reg = ends(&[".register.ron"]);
                files.extend(files_under(&root.join("plans"), &reg));
                files.extend(files_under(&root.join("tests/fixtures/register"), &reg));
            }
            Target::Csv => {
                files.extend(files_under(&root.join("plans"), &ends(&[".csv"])));
                files.extend(files_under(&root.join("tests/fixtures"), &ends(&[".csv"])));
            }
            Target::Xlsx => {
                files.extend(files_under(&root.join("plans"), &ends(&[".xlsx"])));
                files.extend(files_under(&root.join("tests/fixtures"), &ends(&[".xlsx"])));
            }
            Target::Profile => {
                files.extend(files_under(&root.join("assets/profiles"), &ends(&[".ron"])));
            }
            Target::Dxf => {
                files.extend(files_under(&root.join("tests/dxf"), &ends(&[".dxf"])));
            }
        }
        files.sort();
        files.dedup();
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    /// Tokens worth splicing in.
    fn dictionary(self) -> &'static [&'static str] {
        match self {
            Target::Plan | Target::Register | Target::Profile => &[
                "(",
                ")",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "Some(",
                "None",
                "NaN",
                "inf",
                "-inf",
                "1e100",
                "-1e308",
                "4294967295",
                "-2147483648",
                "18446744073709551615",
                "9223372036854775807",
                "0.0",
                "\"2026-02-30\"",
                "\"+262142-12-31\"",
                "\"0001-01-01\"",
                "\"\\u{1b}]0;x\\u{7}\"",
                "\"outside\"",
                "\"R1\"",
                "//",
                "/*",
                "r#\"",
                "\"\\u{31}\"",
            ],
            Target::Csv => &[
                ",",
                "\"",
                "\n",
                "\r\n",
                "\u{feff}",
                "资产编号",
                "实盘数量",
                "合计",
                "-1",
                "1e300",
                "NaN",
                "99999999999999999999",
                "３",
            ],
            Target::Xlsx => &[
                "<row r=\"1048576\">",
                "<c r=\"XFD1048576\"><v>1</v></c>",
                "</row>",
                "<c t=\"s\"><v>4294967295</v></c>",
                "<c t=\"inlineStr\"><is><t>x</t></is></c>",
                "<dimension ref=\"A1:XFD1048576\"/>",
                "<v>1e308</v>",
            ],
            Target::Dxf => &[
                "0\nSECTION\n",
                "0\nENDSEC\n",
                "0\nLWPOLYLINE\n",
                "90\n2147483647\n",
                "42\n1e100\n",
                "10\n1e300\n",
                "20\nNaN\n",
                "0\nINSERT\n",
                "0\nEOF\n",
            ],
        }
    }

    /// Run one input through the reader and everything after it.
    fn run(self, input: &[u8], scratch: &Path) {
        let text = String::from_utf8_lossy(input);
        match self {
            Target::Plan => {
                if let Ok(plan) = parse_plan(Path::new("fuzz.ron"), &text) {
                    let profile = Profile::default();
                    let report = check_plan(&plan, &profile, &CheckOptions::default());
                    let svg =
                        juwei::report::svg::plan_svg(&plan, &report.findings, &Default::default());
                    assert!(svg.starts_with("<svg"));
                    let _ = juwei::report::text::check_text(
                        "fuzz.ron",
                        &plan,
                        &report,
                        juwei::model::Lang::Zh,
                    );
                }
            }
            Target::Register => {
                if let Ok(reg) = parse_register(Path::new("fuzz.register.ron"), &text) {
                    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
                    let state = reg.state_at(day);
                    let _ = state.value_in_use_fen();
                    let list = juwei::register::handover::handover_list(&reg, day);
                    let _ = list.value_fen();
                    let profile = Profile::default();
                    let ctx = juwei::rules::register::RegisterCheck {
                        profile: &profile,
                        today: day,
                        base_dir: scratch,
                    };
                    let _ = juwei::rules::register::check_register(&reg, &ctx);
                }
            }
            Target::Csv => {
                let _ = juwei::register::parse_csv(Path::new("fuzz.csv"), input);
            }
            Target::Xlsx => {
                // half the time the bytes are a workbook, else the XML of a
                // sheet inside a well-formed workbook
                let bytes = if input.starts_with(b"PK") {
                    input.to_vec()
                } else {
                    tiny_xlsx(&text)
                };
                if let Ok(mut wb) =
                    juwei::io::xlsx::Workbook::from_bytes(Path::new("fuzz.xlsx"), bytes)
                {
                    if let Ok(sheet) = wb.read_sheet(0) {
                        let _ = juwei::register::count_sheet::from_worksheet(
                            Path::new("fuzz.xlsx"),
                            sheet,
                        );
                    }
                }
            }
            Target::Profile => {
                if let Ok(profile) = Profile::parse(Path::new("fuzz-profile.ron"), &text) {
                    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
                    let plan_text = std::fs::read_to_string(root.join("l-shaped.ron")).unwrap();
                    let plan = parse_plan(Path::new("l-shaped.ron"), &plan_text).unwrap();
                    let _ = check_plan(&plan, &profile, &CheckOptions::default());
                    let reg_text =
                        std::fs::read_to_string(root.join("l-shaped.register.ron")).unwrap();
                    let reg =
                        parse_register(&root.join("l-shaped.register.ron"), &reg_text).unwrap();
                    for today in [
                        chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                        // the last day juwei accepts (`--date` is bounded)
                        chrono::NaiveDate::from_ymd_opt(juwei::model::date::MAX_YEAR, 12, 31)
                            .unwrap(),
                    ] {
                        let ctx = juwei::rules::register::RegisterCheck {
                            profile: &profile,
                            today,
                            base_dir: &root,
                        };
                        let _ = juwei::rules::register::check_register(&reg, &ctx);
                    }
                }
            }
            Target::Dxf => {
                let opts = juwei::import::ImportOptions {
                    date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
                    ..Default::default()
                };
                let _ = juwei::import::import_dxf_bytes(Path::new("fuzz.dxf"), input, &opts);
            }
        }
    }
}

/// Files under `dir` (recursively) that `keep` accepts.
fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p, keep));
        } else if p.is_file() && keep(&p) {
            out.push(p);
        }
    }
    out
}

/// A minimal workbook around one sheet's `<sheetData>` XML.
fn tiny_xlsx(sheet_data: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#)),
    ];
    for (name, body) in parts {
        z.start_file(name, o).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

/// xorshift64*: small, seeded, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INTERESTING: &[u8] = &[
    0, 1, 0x7f, 0x80, 0xff, b'"', b'(', b')', b',', b'\n', b'\\', 0x1b,
];

/// One to four stacked mutations of `input`, some splicing in `other`.
fn mutate(input: &[u8], other: &[u8], dict: &[&str], rng: &mut Rng) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                v.drain(i..i + n);
            }
            3 => {
                let i = rng.below(len + 1);
                let tok = dict[rng.below(dict.len())].as_bytes();
                v.splice(i..i, tok.iter().copied());
            }
            4 if len > 0 => {
                // repeat a slice (deep nesting, long lists)
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(256));
                let piece = v[i..i + n].to_vec();
                let times = 1 + rng.below(64);
                let at = rng.below(len + 1);
                for _ in 0..times {
                    v.splice(at..at, piece.iter().copied());
                }
            }
            5 if !other.is_empty() && len > 0 => {
                // splice: this input's head, another's tail
                let i = rng.below(len);
                let j = rng.below(other.len());
                v.truncate(i);
                v.extend_from_slice(&other[j..]);
            }
            6 if len > 0 => {
                // replace a number with an interesting one
                let i = rng.below(len);
                if let Some(start) = (i..len).find(|&k| v[k].is_ascii_digit()) {
                    let end = (start..len)
                        .find(|&k| !v[k].is_ascii_digit() && v[k] != b'.')
                        .unwrap_or(len);
                    let nums = [
                        "0",
                        "-1",
                        "4294967295",
                        "1e308",
                        "NaN",
                        "-2147483648",
                        "9223372036854775807",
                        "1e100",
                    ];
                    v.splice(start..end, nums[rng.below(nums.len())].bytes());
                }
            }
            7 if len > 1 => {
                let i = rng.below(len);
                let j = rng.below(len);
                v.swap(i, j);
            }
            _ => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                v.splice(i..i, bytes);
            }
        }
    }
    v.truncate(MAX_INPUT);
    v
}

/// Save a failing input; returns where.
fn save_failure(target: Target, input: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in input {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let p = dir.join(format!("{}-{h:016x}", target.name()));
    let _ = std::fs::write(&p, input);
    p
}

struct Budget {
    /// Mutations per target when no time is given.
    iterations: usize,
    /// Time per target, when given.
    time: Option<Duration>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test` passes harness flags; only ours are read
    let mut seconds: Option<u64> = None;
    let mut seed: u64 = 0x006a_7577_6569;
    let mut chosen = Vec::new();
    let mut replay: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--replay" => replay = it.next().map(PathBuf::from),
            "--seconds" => seconds = it.next().and_then(|s| s.parse().ok()),
            "--seed" => seed = it.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            s if !s.starts_with('-') => {
                if let Some(t) = TARGETS.iter().find(|t| t.name() == s) {
                    chosen.push(*t);
                }
            }
            _ => {}
        }
    }
    if seconds.is_some() && !args.iter().any(|a| a == "--seed") {
        seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(seed)
            | 1;
    }
    if chosen.is_empty() {
        chosen = TARGETS.to_vec();
    }
    // `--replay FILE TARGET`: run one input with the panic shown
    if let Some(file) = replay {
        let input = std::fs::read(&file).expect("the input to replay");
        let scratch = tempfile::tempdir().expect("a scratch folder");
        chosen[0].run(&input, scratch.path());
        println!("fuzz: {} ran without a panic", file.display());
        return;
    }
    let budget = Budget {
        iterations: 300,
        time: seconds.map(Duration::from_secs),
    };
    println!("fuzz: seed {seed} (repeat with --seed {seed})");

    // the hang watchdog: the current input, and when it started
    let started = Arc::new(AtomicU64::new(u64::MAX));
    let current: Arc<Mutex<(Target, Vec<u8>)>> = Arc::new(Mutex::new((Target::Plan, Vec::new())));
    let clock = Instant::now();
    {
        let started = started.clone();
        let current = current.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let s = started.load(Ordering::Relaxed);
            if s != u64::MAX
                && clock.elapsed().as_millis() as u64 > s + HANG_LIMIT.as_millis() as u64
            {
                let (t, input) = current
                    .lock()
                    .map(|g| g.clone())
                    .unwrap_or((Target::Plan, Vec::new()));
                let p = save_failure(t, &input);
                eprintln!(
                    "fuzz: {}: an input ran over {HANG_LIMIT:?} (a hang): saved to {}",
                    t.name(),
                    p.display()
                );
                std::process::exit(1);
            }
        });
    }
    // panics are collected, not printed one by one
    std::panic::set_hook(Box::new(|_| {}));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut failures = Vec::new();
    let mut rng = Rng(seed);
    for target in chosen {
        let seeds = target.seeds();
        let corpus_files = files_under(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fuzz-corpus")
                .join(target.name()),
            &|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            },
        )
        .len();
        let t0 = Instant::now();
        let mut runs = 0usize;
        let mut exec = |input: &[u8]| -> bool {
            *current.lock().unwrap() = (target, input.to_vec());
            started.store(clock.elapsed().as_millis() as u64, Ordering::Relaxed);
            let ok = catch_unwind(AssertUnwindSafe(|| target.run(input, scratch.path()))).is_ok();
            started.store(u64::MAX, Ordering::Relaxed);
            runs += 1;
            if !ok {
                let p = save_failure(target, input);
                eprintln!(
                    "fuzz: {}: panic, input saved to {}",
                    target.name(),
                    p.display()
                );
            }
            ok
        };
        let mut failed = 0;
        for s in &seeds {
            if !exec(s) {
                failed += 1;
            }
        }
        let mut n = 0;
        while !seeds.is_empty() {
            match budget.time {
                Some(t) if t0.elapsed() >= t => break,
                None if n >= budget.iterations => break,
                _ => {}
            }
            let a = &seeds[rng.below(seeds.len())];
            let b = &seeds[rng.below(seeds.len())];
            let input = mutate(a, b, target.dictionary(), &mut rng);
            if !exec(&input) {
                failed += 1;
                if failed > 20 {
                    break;
                }
            }
            n += 1;
        }
        println!(
            "fuzz: {:<8} {} seeds ({} in tests/fuzz-corpus), {runs} runs in {:.1} s, {failed} failures",
            target.name(),
            seeds.len(),
            corpus_files,
            t0.elapsed().as_secs_f64()
        );
        if failed > 0 {
            failures.push(target.name());
        }
    }
    if !failures.is_empty() {
        eprintln!("fuzz: failures in {failures:?} (inputs in target/fuzz-failures/)");
        std::process::exit(1);
    }
}
