//! `juwei stocktake REGISTER SHEET [--date D] [--format text|json|xlsx] [-o FILE]
//! [--apply [--yes] [--approval REF] [--by NAME]… [--surplus LINE=ID[:YUAN]]…]`
//!
//! Reconciles a count sheet (CSV or Excel, typed as clerks type it) against
//! the books on the date (default: the sheet's own 盘点日期, else today).
//! Exit 0 when the books match the count, 1 when they differ, 2 when the
//! register or the sheet cannot be read (every problem of the sheet is
//! listed with its line and cell).
//!
//! With `--apply`, after showing the result it appends the events that
//! settle it: the Stocktake itself, a Move for each card found wholly in
//! another room, an Acquire(Surplus) for each surplus, and — only with
//! `--approval` — a WriteOff (or TransferOut, `--shortage transfer-out
//! --to CODE`) for each shortage. It asks first on a terminal; `--yes` is
//! for scripts.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::record::{default_stocktake_year, next_ids};
use super::register::{load, names_for, need_output, today};
use super::{emit, emit_bytes, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::model::Lang;
use crate::register::record::{record, NewEvent, OpenRegister, RecordError};
use crate::register::stocktake::SurplusReason;
use crate::register::typed::parse_yuan;
use crate::register::{
    read_count_sheet, reconcile, sibling_rooms, Acquire, CountSheet, EventKind, Reconciliation,
    Register, Source, State,
};
use crate::report::register_text::stocktake_text;
use crate::report::register_xlsx::{stocktake_table, workbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StocktakeFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShortageAs {
    WriteOff,
    TransferOut,
}

#[derive(Debug, Args)]
pub struct StocktakeArgs {
    /// The fixed-asset register (register format 1, RON)
    pub register: PathBuf,
    /// The count sheet (.csv, or .xlsx/.xls/.ods)
    pub sheet: PathBuf,
    /// Day of the count (YYYY-MM-DD): the books of this day; default the count date on the sheet, else today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// The plan (room names in the sheet); default: NAME.ron beside NAME.register.ron
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Output format (xlsx needs -o)
    #[arg(long, value_enum, default_value = "text")]
    pub format: StocktakeFormat,
    /// Write to this file (atomically) instead of standard output; -o - for standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Record the result in the register (the Stocktake and the events that settle it)
    #[arg(long)]
    pub apply: bool,
    /// Do not ask, record at once (for scripts)
    #[arg(long, requires = "apply")]
    pub yes: bool,
    /// Approval number for the shortages: with it each shortage is written off (or transferred out)
    #[arg(long, requires = "apply")]
    pub approval: Option<String>,
    /// What a shortage is recorded as: write-off or transfer-out
    #[arg(long, value_enum, default_value = "write-off", requires = "approval")]
    pub shortage: ShortageAs,
    /// Transferred out to (with --shortage transfer-out)
    #[arg(long, requires = "approval")]
    pub to: Option<String>,
    /// Why they are written off (default: a shortage in the count)
    #[arg(long, requires = "approval")]
    pub reason: Option<String>,
    /// Counted by (repeatable), recorded in the Stocktake event
    #[arg(long, requires = "apply")]
    pub by: Vec<String>,
    /// Record a surplus: LINE=ID[:YUAN] for the surplus of that sheet line (default: the next id, the books' unit value or 0)
    #[arg(long = "surplus", requires = "apply")]
    pub surplus: Vec<String>,
}

/// Room ids → names for reading the sheet: `--plan`, else the plan beside
/// the register.
fn rooms_for(
    reg: &Register,
    plan: Option<&Path>,
    lang: Lang,
) -> Result<Option<HashMap<String, String>>, i32> {
    match plan {
        None => Ok(sibling_rooms(reg)),
        Some(_) => super::record::plan_rooms(&reg.path, &reg.committee, plan, lang),
    }
}

pub fn run(args: StocktakeArgs, out: &Output) -> i32 {
    let lang = out.lang;
    // with --apply the register is read once: its events for the
    // reconciliation, and the ledger's checks where they stand after them
    // for the events appended
    let (reg, open) = if args.apply {
        match OpenRegister::open_whole(&args.register).and_then(OpenRegister::split) {
            Ok((reg, open)) => (reg, Some(open)),
            Err(e) => return super::report_load_error(&e, lang),
        }
    } else {
        match load(&args.register, lang) {
            Ok(r) => (r, None),
            Err(code) => return code,
        }
    };
    let rooms = match rooms_for(&reg, args.plan.as_deref(), lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let sheet = match read_count_sheet(&args.sheet, rooms.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            if args.format == StocktakeFormat::Json {
                if let crate::register::SheetError::Problems { problems, .. } = &e {
                    let v = json!({
                        "format": 1,
                        "sheet": args.sheet.display().to_string(),
                        "problems": problems,
                    });
                    let _ = emit(out, None, &crate::report::json::to_string(&v));
                }
            }
            crate::say_err!("{}", e.display(lang));
            return EXIT_INPUT;
        }
    };
    let date = match (args.date, sheet.date) {
        (Some(d), _) => d,
        (None, Some(d)) => {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("按盘点表的盘点日期 {d} 核对 (或用 --date)"),
                    &format!(
                        "reconciled with the books of {d}, the sheet's count date (or give --date)"
                    )
                )
            );
            d
        }
        (None, None) => today(),
    };
    let state = reg.state_at(date);
    let rec = reconcile(&state, &sheet);
    let names = names_for(&reg);
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    if let Some(o) = output {
        if let Err(code) = super::check_output_ext(o, output_exts(args.format), lang) {
            return code;
        }
    }
    let text = match args.format {
        StocktakeFormat::Json => {
            let mut v = serde_json::to_value(&rec).expect("plain data");
            v["shortage_value_fen"] = json!(rec.shortage_value_fen());
            v["surplus_value_fen"] = json!(rec.surplus_value_fen());
            v["notes"] = serde_json::to_value(&sheet.notes).expect("plain data");
            crate::report::json::to_string(&v)
        }
        StocktakeFormat::Text => stocktake_text(
            &reg,
            &names,
            &state,
            &rec,
            &args.sheet.display().to_string(),
            &sheet.notes,
            lang,
        ),
        StocktakeFormat::Xlsx => {
            let path = match need_output(output, lang) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let bytes =
                match workbook(&[stocktake_table(&reg.committee, &names, &state, &rec, lang)]) {
                    Ok(b) => b,
                    Err(e) => {
                        crate::say_err!("xlsx: {e}");
                        return EXIT_INPUT;
                    }
                };
            if let Err(code) = emit_bytes(out, path, &bytes) {
                return code;
            }
            String::new()
        }
    };
    if args.format != StocktakeFormat::Xlsx {
        if let Err(code) = emit(out, output, &text) {
            return code;
        }
    }
    if args.apply {
        return apply(&args, &reg, open, &state, &sheet, &rec, date, out);
    }
    if rec.books_match() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

fn output_exts(f: StocktakeFormat) -> &'static [&'static str] {
    match f {
        StocktakeFormat::Text => &[],
        StocktakeFormat::Json => &["json"],
        StocktakeFormat::Xlsx => &["xlsx"],
    }
}

/// `Stocktake.sheet`: the sheet's path as seen from the register's folder.
fn sheet_ref(reg: &Register, sheet: &Path) -> String {
    let base = reg.base_dir();
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (b, s) = (abs(base), abs(sheet));
    if let Ok(rel) = s.strip_prefix(&b) {
        return rel.to_string_lossy().replace('\\', "/");
    }
    s.to_string_lossy().into_owned()
}

/// What `--apply` would record, and what it leaves open (with why).
pub struct Plan {
    pub events: Vec<NewEvent>,
    pub open: Vec<String>,
}

/// The events that settle a count (the Stocktake, moves, surpluses and,
/// with an approval, shortages), as `--apply` records them; `juwei serve`
/// settles an uploaded sheet with the same function.
pub fn settle(
    args: &StocktakeArgs,
    reg: &Register,
    state: &State,
    sheet: &CountSheet,
    rec: &Reconciliation,
    date: NaiveDate,
    lang: Lang,
) -> Result<Plan, String> {
    let mut events = vec![NewEvent {
        date,
        asset: None,
        kind: EventKind::Stocktake {
            year: default_stocktake_year(date),
            sheet: sheet_ref(reg, &sheet.path),
            by: args.by.clone(),
        },
    }];
    let mut open = Vec::new();
    // moves: a card whose counted rows all stand in one other room
    let mut moved: Vec<&str> = Vec::new();
    for m in &rec.moved {
        if moved.contains(&m.asset.as_str()) {
            continue;
        }
        moved.push(&m.asset);
        let rooms: Vec<&str> = rec
            .moved
            .iter()
            .filter(|x| x.asset == m.asset)
            .map(|x| x.found.as_str())
            .collect();
        let card = state.get(&m.asset);
        let in_books_room = sheet.rows.iter().any(|r| {
            r.asset.as_deref().map(crate::register::typed::id_key)
                == Some(crate::register::typed::id_key(&m.asset))
                && r.counted.unwrap_or(0) > 0
                && r.location
                    .as_deref()
                    .is_some_and(|l| Some(l) == card.and_then(|c| c.location.as_deref()))
        });
        if rooms.iter().all(|r| *r == rooms[0]) && !in_books_room {
            events.push(NewEvent {
                date,
                asset: Some(m.asset.clone()),
                kind: EventKind::Move {
                    to: m.found.clone(),
                },
            });
        } else {
            open.push(lang
                .pick(
                    &format!("{} {}: 分放在几个房间,一张卡片只有一个存放地点;请拆分卡片或更正盘点表", m.asset, m.name),
                    &format!("{} {}: found in several rooms, and a card has one room; split the card or correct the sheet", m.asset, m.name),
                )
                .to_string());
        }
    }
    // surpluses: a new card each, source Surplus
    let mut chosen: HashMap<usize, (Option<String>, Option<i64>)> = HashMap::new();
    for s in &args.surplus {
        let Some((line, rest)) = s.split_once('=') else {
            return Err(lang
                .pick(
                    &format!("--surplus {s}: 应写作 行号=编号[:单价元],如 21=ZC-0023:199"),
                    &format!("--surplus {s}: write LINE=ID[:YUAN], e.g. 21=ZC-0023:199"),
                )
                .to_string());
        };
        let line: usize = line
            .trim()
            .parse()
            .map_err(|_| format!("--surplus {s}: {line}?"))?;
        let (id, value) = match rest.split_once(':') {
            Some((id, v)) => (
                id,
                Some(parse_yuan(v).ok_or_else(|| format!("--surplus {s}: {v}?"))?),
            ),
            None => (rest, None),
        };
        let id = id.trim();
        chosen.insert(line, ((!id.is_empty()).then(|| id.to_string()), value));
    }
    let surpluses: Vec<_> = rec
        .surplus
        .iter()
        .filter(|s| rec.paired_surplus(s.line).is_none())
        .collect();
    let mut fresh = next_ids(reg, surpluses.len()).into_iter();
    for s in surpluses {
        let (id, value) = chosen.remove(&s.line).unwrap_or((None, None));
        let card = s.asset.as_deref().and_then(|a| state.get(a));
        let id = id.or_else(|| fresh.next()).unwrap_or_default();
        let unit = value.or(card.map(|c| c.unit_value_fen));
        if unit.is_none() {
            open.push(lang
                .pick(
                    &format!("第 {} 行 {}: 单价未知,按 0 元入账;如知道单价,请用 --surplus {}={id}:单价", s.line, s.name.as_deref().unwrap_or("—"), s.line),
                    &format!("line {} {}: value unknown, put on the books at 0 yuan; if you know it, use --surplus {}={id}:YUAN", s.line, s.name.as_deref().unwrap_or("—"), s.line),
                )
                .to_string());
        }
        let name = s
            .name
            .clone()
            .or_else(|| card.map(|c| c.name.clone()))
            .unwrap_or_else(|| lang.pick("盘盈物品", "surplus item").to_string());
        events.push(NewEvent {
            date,
            asset: Some(id),
            kind: EventKind::Acquire(Acquire {
                source: Source::Surplus,
                name,
                kind: card.and_then(|c| c.kind),
                category: card.and_then(|c| c.category.clone()),
                special: card.is_some_and(|c| c.special),
                unit_value_fen: unit.unwrap_or(0),
                count: s.counted,
                custodian: card.and_then(|c| c.custodian.clone()),
                location: s
                    .location
                    .clone()
                    .or_else(|| card.and_then(|c| c.location.clone())),
            }),
        });
        if s.reason == SurplusReason::MoreThanBooks {
            // the extra items get their own card; say so
            open.push(
                lang.pick(
                    &format!(
                        "{}: 多出的 {} 件另立卡片入账",
                        s.asset.as_deref().unwrap_or("—"),
                        s.counted
                    ),
                    &format!(
                        "{}: the {} extra items are put on a card of their own",
                        s.asset.as_deref().unwrap_or("—"),
                        s.counted
                    ),
                )
                .to_string(),
            );
        }
    }
    if let Some(line) = chosen.keys().next() {
        return Err(lang
            .pick(
                &format!("--surplus: 第 {line} 行不是盘盈"),
                &format!("--surplus: line {line} is no surplus"),
            )
            .to_string());
    }
    // shortages: only with an approval
    for s in &rec.shortage {
        if rec.paired_shortage(&s.asset).is_some() {
            continue;
        }
        let missing = s.books - s.counted;
        let count = (s.counted > 0).then_some(missing);
        match &args.approval {
            Some(approval) => {
                let kind = match args.shortage {
                    ShortageAs::WriteOff => EventKind::WriteOff {
                        reason: args.reason.clone().unwrap_or_else(|| "盘亏".into()),
                        approval: Some(approval.clone()),
                        count,
                    },
                    ShortageAs::TransferOut => EventKind::TransferOut {
                        to: args.to.clone().ok_or_else(|| {
                            lang.pick("--shortage transfer-out 须用 --to 写明调入单位", "--shortage transfer-out needs --to")
                                .to_string()
                        })?,
                        approval: Some(approval.clone()),
                        count,
                    },
                };
                events.push(NewEvent {
                    date,
                    asset: Some(s.asset.clone()),
                    kind,
                });
            }
            None => open.push(lang
                .pick(
                    &format!("{} {}: 盘亏 {} 件,待批准后用 --approval 文号 报损 (A1-3.6.3c 会一直报告)", s.asset, s.name, missing),
                    &format!("{} {}: {} short; stays open until written off with --approval REF (A1-3.6.3c reports it)", s.asset, s.name, missing),
                )
                .to_string()),
        }
    }
    for p in &rec.pairs {
        open.push(lang.pick(&p.message, &p.message_en).to_string());
    }
    for n in &rec.not_counted {
        open.push(
            lang.pick(
                &format!(
                    "{} {}: 未盘点 ({}),补盘后再核对",
                    n.asset.as_deref().unwrap_or("—"),
                    n.name.as_deref().unwrap_or(""),
                    n.cell
                ),
                &format!(
                    "{} {}: not counted ({}); count it and reconcile again",
                    n.asset.as_deref().unwrap_or("—"),
                    n.name.as_deref().unwrap_or(""),
                    n.cell
                ),
            )
            .to_string(),
        );
    }
    Ok(Plan { events, open })
}

#[allow(clippy::too_many_arguments)]
fn apply(
    args: &StocktakeArgs,
    reg: &Register,
    open: Option<OpenRegister>,
    state: &State,
    sheet: &CountSheet,
    rec: &Reconciliation,
    date: NaiveDate,
    out: &Output,
) -> i32 {
    let lang = out.lang;
    let plan = match settle(args, reg, state, sheet, rec, date, lang) {
        Ok(p) => p,
        Err(msg) => {
            crate::say_err!("{msg}");
            return EXIT_INPUT;
        }
    };
    let mut shown = String::new();
    shown.push_str(lang.pick("\n将记入台账:\n", "\nTo record in the register:\n"));
    for ev in &plan.events {
        let who = ev
            .asset
            .as_deref()
            .map(|a| format!("{a} "))
            .unwrap_or_default();
        shown.push_str(&format!(
            "  {} {who}{}\n",
            ev.date,
            ev.to_event().describe(lang)
        ));
    }
    if !plan.open.is_empty() {
        shown.push_str(lang.pick("仍待处理:\n", "Left open:\n"));
        for o in &plan.open {
            shown.push_str(&format!("  · {o}\n"));
        }
    }
    eprint!("{shown}");
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            crate::say_err!(
                "{}",
                lang.pick(
                    "未记录: 不在终端上,无法确认;脚本中请加 --yes",
                    "not recorded: not on a terminal to confirm; add --yes in scripts"
                )
            );
            return EXIT_INPUT;
        }
        eprint!(
            "{}",
            lang.pick("记入台账? [y/N] ", "Record these events? [y/N] ")
        );
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "是" | "好") {
            crate::say_err!("{}", lang.pick("未记录。", "Nothing recorded."));
            return EXIT_FINDINGS;
        }
    }
    // the register as read, unless it changed on disk while the events
    // were shown (then read again, as anything written since counts)
    let recorded = match open.filter(OpenRegister::unchanged_on_disk) {
        Some(open) => open.prepare(&plan.events).and_then(|done| {
            done.write().map_err(RecordError::Write)?;
            Ok(done.first_line)
        }),
        None => record(&reg.path, &plan.events).map(|done| done.first_line),
    };
    match recorded {
        Ok(first_line) => {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!(
                        "已记入 {}: {} 个事件,自第 {} 行",
                        reg.path.display(),
                        plan.events.len(),
                        first_line
                    ),
                    &format!(
                        "recorded in {}: {} events from line {}",
                        reg.path.display(),
                        plan.events.len(),
                        first_line
                    )
                )
            );
            if plan.open.is_empty() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            }
        }
        Err(e) => {
            crate::say_err!("{}", e.display(&reg.path, lang));
            EXIT_INPUT
        }
    }
}
