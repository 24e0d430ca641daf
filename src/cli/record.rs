//! `juwei record REGISTER EVENT [options]`: append one event to a register
//! without opening the RON (`docs/register.md`, "Recording events").
//!
//! One subcommand per event of the format; options are named like the
//! format's fields; `--date` defaults to today. Rooms may be given by id or
//! by name (through the plan beside the register, or `--plan`); a mistyped
//! asset id gets a suggestion. The event is checked by the ledger's own
//! rules and appended before the closing bracket of the events list, every
//! byte before it kept; a refused event leaves the file byte-identical
//! (exit 2). `--dry-run` prints the event without writing it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use super::register::{sibling_plan, today};
use super::{Output, EXIT_INPUT, EXIT_OK};
use crate::model::{ArgError, ItemKind, Lang};
use crate::register::ledger::{
    Custody, Recall, SealChange, SealChangeKind, SealCustody, SealKeeper, SealMade, SealUse,
};
use crate::register::record::{event_text, NewEvent, OpenRegister, RecordError};
pub use crate::register::record::{next_asset_id, next_ids};
use crate::register::typed::{id_key, parse_loose_date, parse_yuan, resolve_room, RoomMatch};
use crate::register::{Acquire, EventKind, Register, Source};

#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The fixed-asset register (register format 1, RON), changed in place
    pub register: PathBuf,
    #[command(subcommand)]
    pub event: RecordEvent,
    /// Date of the event (2025-06-10 or 2025/6/10; Chinese dates too); default today
    #[arg(long, global = true, value_parser = loose_date)]
    pub date: Option<NaiveDate>,
    /// The plan (for room names); default: NAME.ron beside NAME.register.ron
    #[arg(long, global = true)]
    pub plan: Option<PathBuf>,
    /// Print the event, write nothing
    #[arg(long, global = true)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum RecordEvent {
    /// An asset enters the books: purchase, self-made, transfer in, donation, surplus
    Acquire(AcquireArgs),
    /// An asset moves to another room
    Move(MoveArgs),
    /// An asset gets another custodian
    Custodian(CustodianArgs),
    /// An asset is transferred out to another unit
    TransferOut(TransferOutArgs),
    /// An asset is written off
    WriteOff(WriteOffArgs),
    /// The year-end count
    Stocktake(StocktakeEventArgs),
    /// The committee's election (term change)
    TermChange(TermChangeArgs),
    /// The handover at a term change
    Handover(HandoverEventArgs),
    /// A seal is made
    SealMade(SealMadeArgs),
    /// A seal gets another keeper
    SealKeeper(SealKeeperArgs),
    /// A seal is used
    SealUse(SealUseArgs),
    /// A seal is replaced, altered or destroyed
    SealChange(SealChangeArgs),
    /// The committee is recalled within its term; its seals go to the street office
    Recall(RecallArgs),
    /// A seal goes into the street office's custody, or back to the committee
    SealCustody(SealCustodyArgs),
}

#[derive(Debug, Args)]
pub struct SealMadeArgs {
    /// Seal id (S1)
    #[arg(long)]
    pub seal: String,
    /// The seal's text (the committee's name)
    #[arg(long)]
    pub name: String,
    /// Custodian or keeper
    #[arg(long)]
    pub keeper: Option<String>,
    /// The street office's document number
    #[arg(long)]
    pub street_ref: Option<String>,
}

#[derive(Debug, Args)]
pub struct SealKeeperArgs {
    /// Seal id
    #[arg(long)]
    pub seal: String,
    /// The new custodian or keeper
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Args)]
pub struct SealUseArgs {
    /// Seal id
    #[arg(long)]
    pub seal: String,
    /// The matter (its number in the list of Annex 5)
    #[arg(long)]
    pub matter: Option<u32>,
    /// Approved by
    #[arg(long)]
    pub approved_by: Option<String>,
    /// Purpose (e.g. a certificate of residence and for whom)
    #[arg(long)]
    pub purpose: Option<String>,
}

#[derive(Debug, Args)]
pub struct SealChangeArgs {
    /// Seal id
    #[arg(long)]
    pub seal: String,
    /// replace, alter or destroy
    #[arg(long, value_parser = parse_change)]
    pub change: SealChangeKind,
    /// The street office's document number
    #[arg(long)]
    pub street_ref: Option<String>,
    /// The new text (for replace or alter)
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecallArgs {
    /// The street office's document number
    #[arg(long)]
    pub street_ref: Option<String>,
}

#[derive(Debug, Args)]
pub struct SealCustodyArgs {
    /// Seal id
    #[arg(long)]
    pub seal: String,
    /// street (the street office keeps it) or committee (back to the committee)
    #[arg(long, value_parser = parse_custody)]
    pub to: Custody,
}

fn parse_change(s: &str) -> Result<SealChangeKind, ArgError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "replace" | "更换" => Ok(SealChangeKind::Replace),
        "alter" | "变更" => Ok(SealChangeKind::Alter),
        "destroy" | "销毁" => Ok(SealChangeKind::Destroy),
        _ => Err(ArgError::new(
            "应为 replace 更换、alter 变更 或 destroy 销毁",
            "expected replace, alter or destroy",
        )),
    }
}

fn parse_custody(s: &str) -> Result<Custody, ArgError> {
    match s.trim().to_ascii_lowercase().as_str() {
        "street" | "街道" | "街道代管" => Ok(Custody::Street),
        "committee" | "居委会" | "居委" => Ok(Custody::Committee),
        _ => Err(ArgError::new(
            "应为 street 街道 或 committee 居委会",
            "expected street or committee",
        )),
    }
}

#[derive(Debug, Args)]
pub struct AcquireArgs {
    /// Asset id; default: the next number of the register's series (ZC-0023)
    #[arg(long)]
    pub asset: Option<String>,
    /// How it was acquired: purchase, self-made, transfer-in, donation or surplus
    #[arg(long, default_value = "purchase", value_parser = parse_source)]
    pub source: Source,
    /// The asset's name
    #[arg(long)]
    pub name: String,
    /// The item kind in the plan (Computer, Printer…; Chinese names too)
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<ItemKind>,
    /// Category code (GB/T 14885-2022)
    #[arg(long)]
    pub category: Option<String>,
    /// Special equipment (the card's class, shown in the register workbook)
    #[arg(long)]
    pub special: bool,
    /// Unit value in yuan (5680 or 5,680.00)
    #[arg(long, value_parser = yuan_arg, conflicts_with = "unit_value_fen", required_unless_present = "unit_value_fen")]
    pub unit_value: Option<i64>,
    /// Unit value in fen (568000), as in the file
    #[arg(long)]
    pub unit_value_fen: Option<i64>,
    /// How many (a batch of like items is one card)
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// Custodian or keeper
    #[arg(long)]
    pub custodian: Option<String>,
    /// Where it is: a room id or name of the plan (R1, a name, or both: "R1 NAME")
    #[arg(long)]
    pub location: Option<String>,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    /// Asset id
    #[arg(long)]
    pub asset: String,
    /// The new room: its id or name
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Args)]
pub struct CustodianArgs {
    /// Asset id
    #[arg(long)]
    pub asset: String,
    /// The new custodian or keeper
    #[arg(long)]
    pub to: String,
}

#[derive(Debug, Args)]
pub struct TransferOutArgs {
    /// Asset id
    #[arg(long)]
    pub asset: String,
    /// The receiving unit (committee code or name)
    #[arg(long)]
    pub to: String,
    /// Approval number
    #[arg(long)]
    pub approval: Option<String>,
    /// How many (part of a batch); default the whole card
    #[arg(long)]
    pub count: Option<u32>,
}

#[derive(Debug, Args)]
pub struct WriteOffArgs {
    /// Asset id
    #[arg(long)]
    pub asset: String,
    /// Why it is written off
    #[arg(long)]
    pub reason: String,
    /// Approval number
    #[arg(long)]
    pub approval: Option<String>,
    /// How many (part of a batch); default the whole card
    #[arg(long)]
    pub count: Option<u32>,
}

#[derive(Debug, Args)]
pub struct StocktakeEventArgs {
    /// The year counted; default the date's year (the year before for a count in January or February)
    #[arg(long)]
    pub year: Option<i32>,
    /// The count sheet file (next to the register)
    #[arg(long)]
    pub sheet: String,
    /// Counted by (repeatable)
    #[arg(long)]
    pub by: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TermChangeArgs {
    /// Date of the election; default the event's date
    #[arg(long, value_parser = loose_date)]
    pub election: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct HandoverEventArgs {
    /// The outgoing person
    #[arg(long)]
    pub outgoing: String,
    /// The incoming person
    #[arg(long)]
    pub incoming: String,
    /// The assets handed over (repeatable); default every card in use on the date
    #[arg(long = "asset")]
    pub assets: Vec<String>,
    /// Date the seals are handed over; --seal alone: the event's date
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    pub seal: Option<String>,
}

fn loose_date(s: &str) -> Result<NaiveDate, ArgError> {
    parse_loose_date(s).ok_or_else(|| {
        ArgError::new(
            "不是日期: 请写 2025-06-10、2025/6/10 或 2025年6月10日",
            "not a date: write 2025-06-10 or 2025/6/10",
        )
    })
}

fn yuan_arg(s: &str) -> Result<i64, ArgError> {
    match parse_yuan(s) {
        Some(f) if f >= 0 => Ok(f),
        _ => Err(ArgError::new(
            "不是金额: 请写 5680 或 5,680.00 (以元为单位, 最多两位小数)",
            "not an amount in yuan (5680 or 5,680.00, at most two decimals)",
        )),
    }
}

/// `purchase`, `Purchase`, `添置`, `购置`, `购入`, `自制`, `调拨`, `调入`, `受赠`, `捐赠`, `盘盈`…
pub fn parse_source(s: &str) -> Result<Source, ArgError> {
    let t = s.trim();
    let l = t.to_ascii_lowercase().replace(['-', '_', ' '], "");
    let found = match l.as_str() {
        "purchase" | "添置" | "购置" | "购入" | "采购" | "新购" | "购买" => {
            Some(Source::Purchase)
        }
        "selfmade" | "自制" | "自建" => Some(Source::SelfMade),
        "transferin" | "调拨" | "调入" | "划拨" | "拨入" => Some(Source::TransferIn),
        "donation" | "受赠" | "捐赠" | "赠送" | "接受捐赠" => Some(Source::Donation),
        "surplus" | "盘盈" => Some(Source::Surplus),
        _ => None,
    };
    found.ok_or_else(|| {
        ArgError::new(
            "取得方式应为 购置/添置、自制、调拨、受赠、盘盈 (purchase, self-made, transfer-in, donation, surplus)",
            "expected purchase, self-made, transfer-in, donation or surplus",
        )
    })
}

/// An item kind by its identifier (`Computer`, any case) or Chinese name (`电脑`).
pub fn parse_kind(s: &str) -> Result<ItemKind, ArgError> {
    let t = s.trim();
    ItemKind::ALL
        .iter()
        .copied()
        .find(|k| k.ident().eq_ignore_ascii_case(t) || k.name_zh() == t)
        .ok_or_else(|| {
            ArgError::new(
                "不是平面图的物品种类 (电脑、打印机…; juwei rules 列出全部种类)",
                "not an item kind (Computer, Printer…; juwei rules lists them)",
            )
        })
}

/// Room ids and names of the plan for a register: `--plan`, else the plan
/// beside it with the same committee code. `Err` only for a `--plan` that
/// cannot be read.
pub fn plan_rooms(
    register: &Path,
    committee: &str,
    plan: Option<&Path>,
    lang: Lang,
) -> Result<Option<HashMap<String, String>>, i32> {
    let (path, explicit) = match plan {
        Some(p) => (p.to_path_buf(), true),
        None => match sibling_plan(register) {
            Some(p) => (p, false),
            None => return Ok(None),
        },
    };
    match crate::io::load_plan(&path) {
        Ok(p) => {
            if p.committee.code != committee {
                crate::say_err!(
                    "{}",
                    lang.pick(
                        &format!(
                            "注意: 平面图 {} 属于 {},台账属于 {};仍按此平面图核对房间",
                            path.display(),
                            p.committee.code,
                            committee
                        ),
                        &format!(
                            "note: the plan {} is {}'s, the register {}'s; its rooms are used all the same",
                            path.display(),
                            p.committee.code,
                            committee
                        )
                    )
                );
            }
            Ok(Some(
                p.rooms
                    .iter()
                    .map(|r| (r.id.clone(), r.name.clone()))
                    .collect(),
            ))
        }
        Err(e) if explicit => Err(super::report_load_error(&e, lang)),
        Err(e) => {
            crate::say_err!(
                "{}\n{}",
                e.display(lang),
                lang.pick(
                    "注意: 旁边的平面图读不了,房间按所写记录,未核对",
                    "note: the plan beside the register cannot be read; rooms are recorded as written, unchecked"
                )
            );
            Ok(None)
        }
    }
}

/// A room as typed, to a room id of the plan (with a note when read
/// through its name); an error message when the plan has no such room.
pub fn room_id(
    rooms: Option<&HashMap<String, String>>,
    typed: &str,
    lang: Lang,
) -> Result<String, String> {
    let Some(rooms) = rooms else {
        return Ok(typed.trim().to_string());
    };
    let list = || {
        let mut ids: Vec<&String> = rooms.keys().collect();
        ids.sort();
        ids.iter()
            .map(|id| format!("{id} {}", rooms[*id]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match resolve_room(rooms, typed) {
        RoomMatch::Id(id) => Ok(id),
        RoomMatch::Named(id) => {
            crate::say_err!(
                "{}",
                lang.pick(
                    &format!("房间 \"{typed}\" 按平面图记为 {id} {}", rooms[&id]),
                    &format!(
                        "room \"{typed}\" recorded as {id} ({}) of the plan",
                        rooms[&id]
                    )
                )
            );
            Ok(id)
        }
        RoomMatch::Ambiguous(ids) => Err(lang
            .pick(
                &format!(
                    "平面图中有几间房叫 \"{typed}\" ({}),请写房间编号",
                    ids.join(", ")
                ),
                &format!(
                    "several rooms of the plan are called \"{typed}\" ({}): give the room id",
                    ids.join(", ")
                ),
            )
            .to_string()),
        RoomMatch::Unknown => Err(lang
            .pick(
                &format!("平面图中没有房间 \"{typed}\"。房间有: {}", list()),
                &format!("the plan has no room \"{typed}\". Its rooms: {}", list()),
            )
            .to_string()),
    }
}

/// The card an id typed on the command line means: itself, the one id
/// equal to it but for case, width, dashes or spaces, or an error with a
/// suggestion.
pub fn asset_id(
    reg: &Register,
    typed: &str,
    date: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let state = reg.state_at(date.max(reg.events.last().map_or(date, |e| e.date)));
    if state.get(typed).is_some() {
        return Ok(typed.to_string());
    }
    let key = id_key(typed);
    let same: Vec<&str> = state
        .assets
        .iter()
        .map(|a| a.id.as_str())
        .filter(|id| id_key(id) == key)
        .collect();
    if same.len() == 1 {
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("资产编号 \"{typed}\" 按台账记为 {}", same[0]),
                &format!("asset id \"{typed}\" taken as {} of the register", same[0])
            )
        );
        return Ok(same[0].to_string());
    }
    let in_use = state.in_use().map(|a| a.id.as_str());
    let hint = crate::register::typed::suggest_id(typed, in_use).or_else(|| {
        crate::register::typed::suggest_id(typed, state.assets.iter().map(|a| a.id.as_str()))
    });
    Err(match hint {
        Some(h) => {
            let name = state.get(h).map(|a| a.name.as_str()).unwrap_or_default();
            lang.pick(
                &format!("台账中没有资产 \"{typed}\"。是否为 {h} ({name})?"),
                &format!("the register has no asset \"{typed}\". Did you mean {h} ({name})?"),
            )
            .to_string()
        }
        None => lang
            .pick(
                &format!("台账中没有资产 \"{typed}\"。`juwei register {}` 列出在用资产", reg.path.display()),
                &format!(
                    "the register has no asset \"{typed}\". `juwei register {}` lists the cards in use",
                    reg.path.display()
                ),
            )
            .to_string(),
    })
}

fn fail(lang: Lang, path: &Path, zh_en: String) -> i32 {
    crate::say_err!(
        "{}: {} {zh_en}",
        path.display(),
        lang.pick("未记录:", "not recorded:")
    );
    EXIT_INPUT
}

/// The year a stocktake on `date` is for: that year, or the one before for a
/// count in January or February (a year-end count finished after New Year).
pub fn default_stocktake_year(date: NaiveDate) -> i32 {
    if date.month() <= 2 {
        date.year() - 1
    } else {
        date.year()
    }
}

pub fn run(args: RecordArgs, out: &Output) -> i32 {
    let lang = out.lang;
    let path = args.register.clone();
    // the register is read (and checked) once: the event is checked
    // against it as it stands, not by reading the file again
    let open = match OpenRegister::open(&path) {
        Ok(r) => r,
        Err(e) => return super::report_load_error(&e, lang),
    };
    let reg = &open.register;
    let date = args.date.unwrap_or_else(today);
    let rooms = match plan_rooms(&path, &reg.committee, args.plan.as_deref(), lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let ev = match build_event(reg, &args.event, date, rooms.as_ref(), lang) {
        Ok(ev) => ev,
        Err(msg) => return fail(lang, &path, msg),
    };
    let done = match open.append(std::slice::from_ref(&ev)) {
        Ok(d) => d,
        Err(e) => {
            crate::say_err!("{}", e.display(&path, lang));
            return EXIT_INPUT;
        }
    };
    let described = ev.to_event().describe(lang);
    let who = ev
        .asset
        .as_deref()
        .map(|a| format!("{a} "))
        .unwrap_or_default();
    if args.dry_run {
        crate::say_out!("{}", event_text(&ev));
        crate::say_err!(
            "{}",
            lang.pick(
                &format!("(未写入 --dry-run) {} {who}{described}", ev.date),
                &format!("(not written: --dry-run) {} {who}{described}", ev.date)
            )
        );
        return EXIT_OK;
    }
    if let Err(e) = crate::io::write_atomic(&path, done.text.as_bytes()) {
        crate::say_err!("{}", RecordError::Write(e).display(&path, lang));
        return EXIT_INPUT;
    }
    crate::say_out!(
        "{}",
        lang.pick(
            &format!(
                "已记录 {}:{}: {} {who}{described}",
                path.display(),
                done.first_line,
                ev.date
            ),
            &format!(
                "recorded {}:{}: {} {who}{described}",
                path.display(),
                done.first_line,
                ev.date
            )
        )
    );
    EXIT_OK
}

/// The event the arguments describe, with ids and rooms resolved.
fn build_event(
    reg: &Register,
    event: &RecordEvent,
    date: NaiveDate,
    rooms: Option<&HashMap<String, String>>,
    lang: Lang,
) -> Result<NewEvent, String> {
    let card = |typed: &str| asset_id(reg, typed, date, lang);
    let room = |typed: &str| room_id(rooms, typed, lang);
    let (asset, kind) = match event {
        RecordEvent::Acquire(a) => {
            let id = match &a.asset {
                Some(id) => id.trim().to_string(),
                None => {
                    let id = next_asset_id(reg);
                    crate::say_err!(
                        "{}",
                        lang.pick(
                            &format!("未给资产编号,按台账编号续编为 {id}"),
                            &format!(
                                "no asset id given: the register's next number, {id}, is used"
                            )
                        )
                    );
                    id
                }
            };
            let location = a.location.as_deref().map(room).transpose()?;
            if rooms.is_none() && location.is_some() {
                crate::say_err!(
                    "{}",
                    lang.pick(
                        "注意: 台账旁没有平面图 (或用 --plan),存放地点按所写记录,未核对",
                        "note: no plan beside the register (or --plan): the location is recorded as written, unchecked"
                    )
                );
            }
            let unit = a.unit_value.or(a.unit_value_fen).unwrap_or(0);
            (
                Some(id),
                EventKind::Acquire(Acquire {
                    source: a.source,
                    name: a.name.trim().to_string(),
                    kind: a.kind,
                    category: a.category.clone(),
                    special: a.special,
                    unit_value_fen: unit,
                    count: a.count,
                    custodian: a.custodian.as_ref().map(|c| c.trim().to_string()),
                    location,
                }),
            )
        }
        RecordEvent::Move(m) => (Some(card(&m.asset)?), EventKind::Move { to: room(&m.to)? }),
        RecordEvent::Custodian(c) => (
            Some(card(&c.asset)?),
            EventKind::Custodian {
                to: c.to.trim().to_string(),
            },
        ),
        RecordEvent::TransferOut(t) => (
            Some(card(&t.asset)?),
            EventKind::TransferOut {
                to: t.to.trim().to_string(),
                approval: t.approval.clone(),
                count: t.count,
            },
        ),
        RecordEvent::WriteOff(w) => (
            Some(card(&w.asset)?),
            EventKind::WriteOff {
                reason: w.reason.trim().to_string(),
                approval: w.approval.clone(),
                count: w.count,
            },
        ),
        RecordEvent::Stocktake(s) => {
            let year = s.year.unwrap_or_else(|| default_stocktake_year(date));
            if s.year.is_none() {
                crate::say_err!(
                    "{}",
                    lang.pick(
                        &format!("盘点年度按日期记为 {year} (或用 --year)"),
                        &format!(
                            "the stocktake is recorded for {year}, by its date (or give --year)"
                        )
                    )
                );
            }
            let sheet_path = reg.base_dir().join(&s.sheet);
            if !sheet_path.is_file() {
                crate::say_err!(
                    "{}",
                    lang.pick(
                        &format!("注意: 台账旁没有盘点表 {}; A1-3.6.3c 将报告它缺失", sheet_path.display()),
                        &format!(
                            "note: there is no count sheet {} next to the register; A1-3.6.3c will report it missing",
                            sheet_path.display()
                        )
                    )
                );
            }
            (
                None,
                EventKind::Stocktake {
                    year,
                    sheet: s.sheet.clone(),
                    by: s.by.clone(),
                },
            )
        }
        RecordEvent::TermChange(t) => (
            None,
            EventKind::TermChange {
                election: t.election.unwrap_or(date),
            },
        ),
        RecordEvent::Handover(h) => {
            let assets = if h.assets.is_empty() {
                // the books just before the event: every card in use that day
                reg.state_at(date).in_use().map(|a| a.id.clone()).collect()
            } else {
                h.assets
                    .iter()
                    .map(|a| card(a))
                    .collect::<Result<Vec<_>, _>>()?
            };
            (
                None,
                EventKind::Handover {
                    outgoing: h.outgoing.trim().to_string(),
                    incoming: h.incoming.trim().to_string(),
                    assets,
                    seal: match h.seal.as_deref().map(str::trim) {
                        None => None,
                        Some("") => Some(date),
                        Some(s) => Some(
                            loose_date(s).map_err(|e| format!("--seal {s:?}: {}", e.text(lang)))?,
                        ),
                    },
                },
            )
        }
        RecordEvent::SealMade(m) => (
            None,
            EventKind::SealMade(SealMade {
                seal: m.seal.trim().to_string(),
                name: m.name.trim().to_string(),
                keeper: m.keeper.clone(),
                street_ref: m.street_ref.clone(),
            }),
        ),
        RecordEvent::SealKeeper(k) => (
            None,
            EventKind::SealKeeper(SealKeeper {
                seal: k.seal.trim().to_string(),
                to: k.to.trim().to_string(),
            }),
        ),
        RecordEvent::SealUse(u) => (
            None,
            EventKind::SealUse(SealUse {
                seal: u.seal.trim().to_string(),
                matter: u.matter,
                approved_by: u.approved_by.clone(),
                purpose: u.purpose.clone(),
            }),
        ),
        RecordEvent::SealChange(c) => (
            None,
            EventKind::SealChange(SealChange {
                seal: c.seal.trim().to_string(),
                change: c.change,
                street_ref: c.street_ref.clone(),
                name: c.name.clone(),
            }),
        ),
        RecordEvent::Recall(r) => (
            None,
            EventKind::Recall(Recall {
                street_ref: r.street_ref.clone(),
            }),
        ),
        RecordEvent::SealCustody(c) => (
            None,
            EventKind::SealCustody(SealCustody {
                seal: c.seal.trim().to_string(),
                to: c.to,
            }),
        ),
    };
    Ok(NewEvent { date, asset, kind })
}
