//! `juwei register REGISTER [--date D] [--room R] [--custodian NAME]
//! [--status S] [--asset ID] [--seal ID] [--check] [--changes YEAR]
//! [--format text|json|xlsx] [-o FILE]`
//!
//! The books on a date (default: today), filtered; one card's history; the
//! fixed-asset card list as a printable workbook; with `--check`, the
//! section D rules as of the date; with `--changes YEAR`, the year's
//! changes statement (固定资产增减变动表).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::{
    emit, emit_bytes, load_profile, report_load_error, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK,
};
use crate::model::Lang;
use crate::register::{load_register, AssetState, Register};
use crate::report::register_xlsx::{card_list_table, workbook, Names};
use crate::report::{register_text, text};
use crate::rules::register::{check_register, RegisterCheck};
use crate::rules::{sort_findings, Summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFilter {
    InUse,
    WrittenOff,
    TransferredOut,
    Gone,
    All,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct RegisterArgs {
    #[command(subcommand)]
    pub sub: Option<RegisterSub>,
    /// The fixed-asset register (register format 1, RON)
    #[arg(required = true)]
    pub register: Option<PathBuf>,
    /// The day of the books (YYYY-MM-DD); default today. With --check: the day of the check
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// Only this room (room id)
    #[arg(long)]
    pub room: Option<String>,
    /// Only this custodian
    #[arg(long)]
    pub custodian: Option<String>,
    /// Status of the cards listed: in use, written off, transferred out, gone (written off or transferred out), all
    #[arg(long, value_enum, default_value = "in-use")]
    pub status: StatusFilter,
    /// One card's full history
    #[arg(long)]
    pub asset: Option<String>,
    /// One seal's keepers, custody, changes and uses
    #[arg(long, conflicts_with = "asset")]
    pub seal: Option<String>,
    /// Check the register by Annex 1, 3.6.3 and 3.4 (the register rules)
    #[arg(long)]
    pub check: bool,
    /// The year's changes statement (opening, additions, reductions, closing); --date: the day the books are read (default today)
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["asset", "seal", "check"])]
    pub changes: Option<i32>,
    /// Rule profile (RON); default: the built-in Jing'an 2017 standard
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Output format (xlsx: the card list, needs -o)
    #[arg(long, value_enum, default_value = "text")]
    pub format: RegisterFormat,
    /// Write to this file (atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// The local date: "today" of the command line (tests pass `--date`).
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Load a register or print its error (exit status 2).
pub fn load(path: &Path, lang: Lang) -> Result<Register, i32> {
    load_register(path).map_err(|e| report_load_error(&e, lang))
}

/// The plan that sits beside a register named `NAME.register.ron`
/// (`NAME.ron`), if there is one.
pub fn sibling_plan(register: &Path) -> Option<PathBuf> {
    crate::register::sibling_plan(register)
}

/// Committee and room names from the plan beside the register (same
/// committee code), else none.
pub fn names_for(reg: &Register) -> Names {
    let plan = sibling_plan(&reg.path).and_then(|p| crate::io::load_plan(&p).ok());
    match plan {
        Some(p) if p.committee.code == reg.committee => Names {
            committee: p.committee.name.clone(),
            rooms: p
                .rooms
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
        },
        _ => Names::default(),
    }
}

/// `--format xlsx` writes a file: refuse without `-o`.
pub fn need_output(output: Option<&Path>, lang: Lang) -> Result<&Path, i32> {
    output.ok_or_else(|| {
        crate::say_err!(
            "{}",
            lang.pick(
                "xlsx 格式须用 -o 指定输出文件",
                "--format xlsx writes a workbook: give the file with -o FILE"
            )
        );
        EXIT_INPUT
    })
}

fn keep(a: &AssetState, args: &RegisterArgs) -> bool {
    use crate::register::Status;
    let status = match args.status {
        StatusFilter::All => true,
        StatusFilter::InUse => a.status.is_in_use(),
        StatusFilter::Gone => !a.status.is_in_use(),
        StatusFilter::WrittenOff => matches!(a.status, Status::WrittenOff { .. }),
        StatusFilter::TransferredOut => matches!(a.status, Status::TransferredOut { .. }),
    };
    status
        && args
            .room
            .as_deref()
            .is_none_or(|r| a.location.as_deref() == Some(r))
        && args
            .custodian
            .as_deref()
            .is_none_or(|c| a.custodian.as_deref() == Some(c))
}

/// `juwei register import …`, `juwei register verify …`.
#[derive(Debug, clap::Subcommand)]
pub enum RegisterSub {
    /// Import an Excel fixed-asset register (one row per card) as a register file (Acquire events)
    Import(ImportLedgerArgs),
    /// Check the hash chain of a register exported by juwei serve
    Verify(VerifyArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The exported register (register format 1 with its juwei-chain stamps)
    pub register: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: VerifyFormat,
}

#[derive(Debug, Args)]
pub struct ImportLedgerArgs {
    /// The existing fixed-asset register (.xlsx or .csv, one row per card)
    pub ledger: PathBuf,
    /// The new register file (NAME.register.ron); never overwrites a register
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Committee code (JA-SM2-007)
    #[arg(long)]
    pub committee: String,
    /// Which field a column is: HEADER=FIELD (asset, name, spec, count, unit_value, value, date, source, location, custodian, category, note, ignore); repeatable
    #[arg(long = "map")]
    pub map: Vec<String>,
    /// The plan (room names); default: NAME.ron beside NAME.register.ron
    #[arg(long)]
    pub plan: Option<PathBuf>,
}

pub fn run(args: RegisterArgs, out: &Output) -> i32 {
    match &args.sub {
        Some(RegisterSub::Import(a)) => return import_ledger(a, out),
        Some(RegisterSub::Verify(a)) => return verify(a, out),
        None => {}
    }
    let lang = out.lang;
    if let Some(o) = args.output.as_deref() {
        let exts: &[&str] = match args.format {
            RegisterFormat::Xlsx => &["xlsx"],
            RegisterFormat::Json => &["json"],
            RegisterFormat::Text => &[],
        };
        if let Err(code) = super::check_output_ext(o, exts, lang) {
            return code;
        }
    }
    let reg = match load(args.register.as_deref().unwrap_or(Path::new("")), lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let date = args.date.unwrap_or_else(today);
    let names = names_for(&reg);
    let state = reg.state_at(date);
    let planned = reg.planned(date).len();

    if let Some(id) = &args.asset {
        return history(&reg, &names, id, &state, &args, out);
    }
    if let Some(id) = &args.seal {
        return seal(&reg, &names, id, date, &args, out);
    }
    if let Some(year) = args.changes {
        return changes(&reg, &names, year, date, &args, out);
    }
    let cards: Vec<&AssetState> = state.assets.iter().filter(|a| keep(a, &args)).collect();
    let mut status = EXIT_OK;
    let text = match args.format {
        RegisterFormat::Xlsx => {
            let path = match need_output(args.output.as_deref(), lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let table = card_list_table(&reg.committee, &names, &state, &cards, lang);
            let bytes = match workbook(&[table]) {
                Ok(b) => b,
                Err(e) => {
                    crate::say_err!("xlsx: {e}");
                    return EXIT_INPUT;
                }
            };
            if let Err(code) = emit_bytes(out, path, &bytes) {
                return code;
            }
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("已写入 {}: {} 项资产", path.display(), cards.len()),
                    &format!("wrote {}: {} cards", path.display(), cards.len())
                )
            );
            return EXIT_OK;
        }
        RegisterFormat::Json => {
            let items: u64 = cards.iter().map(|a| u64::from(a.count)).sum();
            let value = crate::register::replay::sum_fen(cards.iter().map(|a| a.value_fen()));
            let mut v = json!({
                "format": 1,
                "register": args.register.as_deref().unwrap_or(Path::new("")).display().to_string(),
                "committee": reg.committee,
                "date": date,
                "assets": cards,
                "totals": { "cards": cards.len(), "items": items, "value_fen": value },
                "planned_events": planned,
            });
            if args.check {
                let findings = match checked(&reg, &args, date, lang) {
                    Ok(f) => f,
                    Err(code) => return code,
                };
                if Summary::of(&findings).fails() {
                    status = EXIT_FINDINGS;
                }
                v["summary"] = serde_json::to_value(Summary::of(&findings)).expect("plain data");
                v["findings"] = serde_json::to_value(&findings).expect("plain data");
            }
            crate::report::json::to_string(&v)
        }
        RegisterFormat::Text => {
            let mut s = register_text::state_text(&reg, &names, &state, &cards, planned, lang);
            if args.check {
                let findings = match checked(&reg, &args, date, lang) {
                    Ok(f) => f,
                    Err(code) => return code,
                };
                if Summary::of(&findings).fails() {
                    status = EXIT_FINDINGS;
                }
                s.push_str(&findings_text(&reg, &findings, lang));
            }
            s
        }
    };
    if let Err(code) = emit(out, args.output.as_deref(), &text) {
        return code;
    }
    status
}

fn checked(
    reg: &Register,
    args: &RegisterArgs,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<crate::rules::Finding>, i32> {
    let profile = load_profile(args.profile.as_deref(), lang)?;
    let ctx = RegisterCheck {
        profile: &profile,
        today,
        base_dir: reg.base_dir(),
    };
    let mut f = check_register(reg, &ctx);
    sort_findings(&mut f);
    Ok(f)
}

/// Findings of the register rules, each with `register:line`.
pub fn findings_text(reg: &Register, findings: &[crate::rules::Finding], lang: Lang) -> String {
    use std::fmt::Write;
    const DIM: anstyle::Style = anstyle::Style::new().dimmed();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n{}",
        lang.pick(
            "按附件1 3.6.3、3.4.4 检查:",
            "Checked against 附件1 3.6.3 and 3.4.4:"
        )
    );
    for f in findings {
        let at = f
            .line
            .map(|l| format!(" · {}:{l}", reg.path.display()))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  {:<10} {:<4} {}  {DIM}{} · {}{at}{DIM:#}",
            f.code,
            f.severity.name(lang),
            f.message(lang),
            f.clause,
            f.slug
        );
    }
    let _ = writeln!(s, "{}", text::summary_line(&Summary::of(findings), lang));
    s
}

fn history(
    reg: &Register,
    names: &Names,
    id: &str,
    state: &crate::register::State,
    args: &RegisterArgs,
    out: &Output,
) -> i32 {
    let lang = out.lang;
    let events = reg.history(id);
    if events.is_empty() {
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("{}: 台账中没有资产 \"{id}\"", reg.path.display()),
                &format!("{}: no asset \"{id}\" in the register", reg.path.display())
            )
        );
        return EXIT_INPUT;
    }
    let text = match args.format {
        RegisterFormat::Json => {
            let evs: Vec<_> = events
                .iter()
                .map(|e| {
                    json!({
                        "date": e.date,
                        "line": e.line,
                        "event": e.kind.ident(),
                        "description": e.describe(Lang::Zh),
                        "description_en": e.describe(Lang::En),
                        "planned": e.date > state.date,
                    })
                })
                .collect();
            crate::report::json::to_string(&json!({
                "format": 1,
                "register": args.register.as_deref().unwrap_or(Path::new("")).display().to_string(),
                "committee": reg.committee,
                "date": state.date,
                "asset": id,
                "state": state.get(id),
                "events": evs,
            }))
        }
        RegisterFormat::Text | RegisterFormat::Xlsx => {
            register_text::history_text(reg, names, id, &events, state, lang)
        }
    };
    match emit(out, args.output.as_deref(), &text) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

/// `--seal S1`: one seal's keepers, custody, changes and use log on the date.
fn seal(
    reg: &Register,
    names: &Names,
    id: &str,
    date: NaiveDate,
    args: &RegisterArgs,
    out: &Output,
) -> i32 {
    let lang = out.lang;
    let profile = match load_profile(args.profile.as_deref(), lang) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let Some(log) = crate::register::seal::seal_log(reg, id, date, &profile) else {
        let known = reg.seal_ids(date);
        let (zh, en) = if known.is_empty() {
            (
                format!("{} 时台账中没有印章", date),
                format!("the register records no seal by {date}"),
            )
        } else {
            (
                format!("{} 时台账中的印章: {}", date, known.join("、")),
                format!("seals in the register by {date}: {}", known.join(", ")),
            )
        };
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("{}: 台账中没有印章 \"{id}\"({zh})", reg.path.display()),
                &format!(
                    "{}: no seal \"{id}\" in the register ({en})",
                    reg.path.display()
                )
            )
        );
        return EXIT_INPUT;
    };
    let text = match args.format {
        RegisterFormat::Json => crate::report::json::to_string(&json!({
            "format": 1,
            "register": reg.path.display().to_string(),
            "committee": reg.committee,
            "date": date,
            "seal": log,
            "planned_events": reg.planned(date).len(),
        })),
        RegisterFormat::Text | RegisterFormat::Xlsx => {
            register_text::seal_text(reg, names, &log, lang)
        }
    };
    match emit(out, args.output.as_deref(), &text) {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

/// `--changes YEAR`: the year's changes statement (固定资产增减变动表) in
/// text, JSON or a workbook.
fn changes(
    reg: &Register,
    names: &Names,
    year: i32,
    today: NaiveDate,
    args: &RegisterArgs,
    out: &Output,
) -> i32 {
    let lang = out.lang;
    let st = match crate::register::changes::changes(reg, year, today) {
        Ok(s) => s,
        Err(e) => {
            crate::say_err!("{}: {}", reg.path.display(), e.message(lang));
            return EXIT_INPUT;
        }
    };
    let text = match args.format {
        RegisterFormat::Xlsx => {
            let path = match need_output(args.output.as_deref(), lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let tables =
                crate::report::register_xlsx::changes_tables(&reg.committee, names, &st, lang);
            let bytes = match workbook(&tables) {
                Ok(b) => b,
                Err(e) => {
                    crate::say_err!("xlsx: {e}");
                    return EXIT_INPUT;
                }
            };
            if let Err(code) = emit_bytes(out, path, &bytes) {
                return code;
            }
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!(
                        "已写入 {}: {}年度增减变动表,{} 个分类,{} 笔变动",
                        path.display(),
                        year,
                        st.lines.len(),
                        st.changes.len()
                    ),
                    &format!(
                        "wrote {}: the changes statement of {year}, {} categories, {} changes",
                        path.display(),
                        st.lines.len(),
                        st.changes.len()
                    )
                )
            );
            return EXIT_OK;
        }
        RegisterFormat::Json => {
            let mut v = serde_json::to_value(&st).expect("plain data");
            v["format"] = json!(1);
            v["register"] = json!(reg.path.display().to_string());
            v["balanced"] = json!(st.balanced());
            for (l, line) in st
                .lines
                .iter()
                .zip(v["lines"].as_array_mut().into_iter().flatten())
            {
                line["balanced"] = json!(l.balanced());
            }
            v["total"]["balanced"] = json!(st.total.balanced());
            for (c, change) in st
                .changes
                .iter()
                .zip(v["changes"].as_array_mut().into_iter().flatten())
            {
                change["partial"] = json!(c.is_partial());
            }
            crate::report::json::to_string(&v)
        }
        RegisterFormat::Text => register_text::changes_text(reg, names, &st, lang),
    };
    if let Err(code) = emit(out, args.output.as_deref(), &text) {
        return code;
    }
    // opening + additions − reductions ≠ closing would be a defect: said
    // in the output, and the status says it too
    if st.balanced() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

fn import_ledger(a: &ImportLedgerArgs, out: &Output) -> i32 {
    use crate::register::import::{import_table, Field, ImportOptions};
    let lang = out.lang;
    if let Err(code) = super::check_output_ext(&a.output, &["ron"], lang) {
        return code;
    }
    if a.output.exists() {
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("{}: 已存在,不覆盖 (台账的历史不能改写);请换一个文件名,以后的事件用 juwei record 记入", a.output.display()),
                &format!("{}: exists and is not overwritten (a register's history is never rewritten); choose another name, and record later events with juwei record", a.output.display())
            )
        );
        return EXIT_INPUT;
    }
    let committee = a.committee.trim();
    if committee.is_empty() {
        crate::say_err!(
            "{}",
            lang.pick("--committee 不能为空", "--committee must not be empty")
        );
        return EXIT_INPUT;
    }
    let mut map = Vec::new();
    for m in &a.map {
        let parsed = m
            .split_once('=')
            .and_then(|(h, f)| Field::parse(f).map(|f| (h.trim().to_string(), f)));
        match parsed {
            Some(p) => map.push(p),
            None => {
                crate::say_err!(
                    "{}",
                    lang.pick(
                        &format!("--map {m}: 应写作 表头=字段,字段为 {}", Field::NAMES),
                        &format!(
                            "--map {m}: write HEADER=FIELD, a field being one of {}",
                            Field::NAMES
                        )
                    )
                );
                return EXIT_INPUT;
            }
        }
    }
    let rooms = match super::record::plan_rooms(&a.output, committee, a.plan.as_deref(), lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let table = match crate::register::read_table(&a.ledger) {
        Ok(t) => t,
        Err(e) => return report_load_error(&e, lang),
    };
    let opts = ImportOptions {
        committee: committee.to_string(),
        output: a.output.clone(),
        map,
        rooms,
    };
    let imported = match import_table(&table, &opts) {
        Ok(i) => i,
        Err(problems) => {
            let mut s = lang
                .pick(
                    &format!("{}: 有 {} 处须改正,未写入任何文件 (改好后再运行):", a.ledger.display(), problems.len()),
                    &format!("{}: {} cell(s) to correct; nothing was written (correct them and run again):", a.ledger.display(), problems.len()),
                )
                .to_string();
            for p in &problems {
                s.push_str(&format!(
                    "\n  {}:{} ({}): {}",
                    a.ledger.display(),
                    p.line,
                    p.cell,
                    p.text(lang)
                ));
            }
            crate::say_err!("{s}");
            return EXIT_INPUT;
        }
    };
    let reg = &imported.register;
    let mut text = format!(
        "// {} {committee} — {}\n",
        lang.pick("固定资产台账", "fixed-asset register"),
        lang.pick(
            &format!(
                "由 juwei register import 自 {} 导入 (表头在第 {} 行)",
                a.ledger.display(),
                imported.header_row
            ),
            &format!(
                "imported by juwei register import from {} (header on row {})",
                a.ledger.display(),
                imported.header_row
            )
        )
    );
    text.push_str(&crate::register::register_to_string(reg));
    // the file written must load: the ledger's own checks
    if let Err(e) = crate::register::parse_register(&a.output, &text) {
        crate::say_err!("{}", e.display(lang));
        return EXIT_INPUT;
    }
    if let Err(code) = emit_bytes(out, &a.output, text.as_bytes()) {
        return code;
    }
    let cols: Vec<String> = imported
        .columns
        .iter()
        .map(|(h, f)| format!("{h}→{}", format!("{f:?}").to_lowercase()))
        .collect();
    let value: i64 = reg
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            crate::register::EventKind::Acquire(x) => {
                Some(x.unit_value_fen.saturating_mul(i64::from(x.count)))
            }
            _ => None,
        })
        .sum();
    crate::say_err!(
        "{}",
        lang.pick(
            &format!(
                "已写入 {}: {} 张卡片,金额合计 {} 元\n列: {}",
                a.output.display(),
                reg.events.len(),
                crate::register::yuan_grouped(value),
                cols.join(", ")
            ),
            &format!(
                "wrote {}: {} cards, {} yuan in all\ncolumns: {}",
                a.output.display(),
                reg.events.len(),
                crate::register::yuan_grouped(value),
                cols.join(", ")
            )
        )
    );
    for n in &imported.notes {
        crate::say_err!("  · {} ({}): {}", n.line, n.cell, n.text(lang));
    }
    EXIT_OK
}

/// `juwei register verify REGISTER`'s JSON (`docs/register.md`, "The chain
/// of an exported register").
#[derive(serde::Serialize)]
struct VerifyJson<'a> {
    format: crate::report::json::Format1,
    register: String,
    committee: &'a str,
    verified: bool,
    events: usize,
    stamped: usize,
    head: Option<&'a crate::register::chain::Head>,
    findings: &'a [crate::register::chain::Finding],
}

/// `juwei register verify REGISTER`: the chain of an exported register.
/// 0: it holds; 1: it is broken, or there is none; 2: unreadable.
fn verify(a: &VerifyArgs, out: &Output) -> i32 {
    use std::fmt::Write;
    let lang = out.lang;
    let v = match crate::register::chain::verify_file(&a.register) {
        Ok(v) => v,
        Err(e) => return report_load_error(&e, lang),
    };
    let status = if v.verified() { EXIT_OK } else { EXIT_FINDINGS };
    let text = match a.format {
        VerifyFormat::Json => crate::report::json::to_string(&VerifyJson {
            format: crate::report::json::Format1,
            register: a.register.display().to_string(),
            committee: &v.committee,
            verified: v.verified(),
            events: v.events,
            stamped: v.stamped,
            head: v.head.as_ref(),
            findings: &v.findings,
        }),
        VerifyFormat::Text => {
            let mut s = String::new();
            let path = a.register.display();
            let _ = writeln!(
                s,
                "{}",
                lang.pick(
                    &format!(
                        "{path} ({}): {} 个事件,{} 个带链戳",
                        v.committee, v.events, v.stamped
                    ),
                    &format!(
                        "{path} ({}): {} events, {} stamped",
                        v.committee, v.events, v.stamped
                    )
                )
            );
            let broken = v.broken().count();
            if broken > 0 {
                let _ = writeln!(
                    s,
                    "{}",
                    lang.pick(
                        &format!("链已断开: {broken} 处"),
                        &format!("the chain is broken: {broken} finding(s)")
                    )
                );
            }
            // a renamed committee breaks every link: the text shows the
            // first ones, the JSON all
            const SHOWN: usize = 50;
            for f in v.findings.iter().take(SHOWN) {
                let tag = if f.kind.is_note() {
                    lang.pick("注意", "note")
                } else {
                    lang.pick("断开", "broken")
                };
                let _ = writeln!(s, "  {tag}  {}", f.display(&a.register, lang));
            }
            if let Some(more) = v.findings.len().checked_sub(SHOWN).filter(|&n| n > 0) {
                let _ = writeln!(
                    s,
                    "  {}",
                    lang.pick(
                        &format!("… 另有 {more} 处 (--format json 列出全部)"),
                        &format!("… and {more} more (--format json lists them all)")
                    )
                );
            }
            if let Some(h) = &v.head {
                let _ = writeln!(
                    s,
                    "{}",
                    lang.pick(
                        &format!(
                            "末个链戳 (第 {} 行): {} 由 {} 记录,hash {}",
                            h.line,
                            h.recorded_at,
                            h.recorded_by.replace('\n', "\\n"),
                            h.hash
                        ),
                        &format!(
                            "last stamp (line {}): recorded by {} at {}, hash {}",
                            h.line,
                            h.recorded_by.replace('\n', "\\n"),
                            h.recorded_at,
                            h.hash
                        )
                    )
                );
            }
            let _ = writeln!(
                s,
                "{}",
                if v.verified() {
                    lang.pick(
                        "链完整: 带链戳的事件与导出时一致 (末个 hash 与系统中的相同,即未被截短或重新盖戳)",
                        "the chain holds: the stamped events are as exported (the last hash equal to the server's shows nothing was cut off or re-stamped)",
                    )
                } else if broken == 0 {
                    lang.pick(
                        "未核验: 没有可核验的链",
                        "not verified: there is no chain to verify",
                    )
                } else {
                    lang.pick("未通过核验", "not verified")
                }
            );
            crate::text::clean(&s).into_owned()
        }
    };
    match emit(out, None, &text) {
        Ok(()) => status,
        Err(code) => code,
    }
}
