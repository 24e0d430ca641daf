//! The Excel asset list a committee already keeps (固定资产台账, one row per
//! card) turned into a register of Acquire events
//! (`juwei register import`).
//!
//! Headers are recognised in Chinese and English in the forms people use
//! (资产编号/编号, 资产名称/名称, 规格型号, 数量, 单价/单价(元), 金额,
//! 取得日期/购置日期, 取得方式, 存放地点/使用部门, 保管人/使用人, 分类代码,
//! 备注), after a title row; a header written over two rows (a merged
//! 金额 over 单价 and 总价) is read as one. Total (合计) and signature rows
//! are skipped. Dates may be date cells or text (`2023/3/1`, `2023-03-01`,
//! `2023年3月1日`); money becomes integer fen; a 金额 that disagrees with
//! 数量 × 单价 is a warning. Every problem is reported in one run with its
//! cell; nothing is written while there is one.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::count_sheet::{
    is_signature_cell, is_total_cell, norm_header, SheetNote, Table, TableCell,
};
use super::ledger::{Acquire, Event, EventKind, Register, Source};
use super::typed::{
    cell_name, excel_serial_date, parse_loose_date, parse_quantity, parse_yuan, resolve_room,
    yuan_float_to_fen, RoomMatch,
};

/// A column of the asset list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Asset,
    Name,
    Spec,
    Count,
    UnitValue,
    Value,
    Date,
    Source,
    Location,
    Custodian,
    Category,
    Note,
    /// A column to leave out (`--map 序号=ignore`).
    Ignore,
}

impl Field {
    const ALL: [Field; 12] = [
        Field::Asset,
        Field::Name,
        Field::Spec,
        Field::Count,
        Field::UnitValue,
        Field::Value,
        Field::Date,
        Field::Source,
        Field::Location,
        Field::Custodian,
        Field::Category,
        Field::Note,
    ];

    /// The names `--map HEADER=FIELD` takes.
    pub fn parse(s: &str) -> Option<Field> {
        Some(
            match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
                "asset" | "id" => Field::Asset,
                "name" => Field::Name,
                "spec" | "model" => Field::Spec,
                "count" | "quantity" => Field::Count,
                "unit_value" | "unit_value_yuan" | "price" => Field::UnitValue,
                "value" | "total" | "amount" => Field::Value,
                "date" | "acquired" => Field::Date,
                "source" => Field::Source,
                "location" | "room" => Field::Location,
                "custodian" => Field::Custodian,
                "category" => Field::Category,
                "note" => Field::Note,
                "ignore" | "skip" | "none" => Field::Ignore,
                _ => return None,
            },
        )
    }

    pub const NAMES: &'static str = "asset, name, spec, count, unit_value, value, date, source, location, custodian, category, note, ignore";

    fn headers(self) -> &'static [&'static str] {
        match self {
            Field::Asset => &[
                "资产编号",
                "编号",
                "资产编码",
                "卡片编号",
                "资产代码",
                "卡片号",
                "asset",
                "assetid",
                "id",
                "assetno",
                "assetnumber",
                "tag",
            ],
            Field::Name => &[
                "资产名称",
                "名称",
                "品名",
                "设备名称",
                "物品名称",
                "name",
                "assetname",
                "description",
            ],
            Field::Spec => &[
                "规格型号",
                "规格",
                "型号",
                "品牌型号",
                "spec",
                "model",
                "specification",
            ],
            Field::Count => &[
                "数量",
                "台数",
                "件数",
                "实有数量",
                "count",
                "qty",
                "quantity",
            ],
            Field::UnitValue => &[
                "单价",
                "单价元",
                "原值单价",
                "unitprice",
                "unitvalue",
                "price",
            ],
            Field::Value => &[
                "金额",
                "总价",
                "原值",
                "价值",
                "金额元",
                "总金额",
                "账面原值",
                "value",
                "amount",
                "total",
                "cost",
            ],
            Field::Date => &[
                "取得日期",
                "购置日期",
                "购入日期",
                "入账日期",
                "购买日期",
                "取得时间",
                "购置时间",
                "日期",
                "date",
                "acquired",
                "purchasedate",
            ],
            Field::Source => &[
                "取得方式",
                "来源",
                "增加方式",
                "资产来源",
                "source",
                "acquisition",
            ],
            Field::Location => &[
                "存放地点",
                "使用部门",
                "存放位置",
                "使用地点",
                "所在房间",
                "地点",
                "房间",
                "location",
                "room",
                "department",
            ],
            Field::Custodian => &[
                "保管人",
                "使用人",
                "责任人",
                "保管员",
                "custodian",
                "keeper",
                "user",
            ],
            Field::Category => &[
                "分类代码",
                "资产分类代码",
                "分类编号",
                "资产分类",
                "分类",
                "category",
                "categorycode",
            ],
            Field::Note => &["备注", "说明", "note", "notes", "remark", "remarks"],
            Field::Ignore => &[],
        }
    }

    fn zh(self) -> &'static str {
        match self {
            Field::Asset => "资产编号",
            Field::Name => "资产名称",
            Field::Spec => "规格型号",
            Field::Count => "数量",
            Field::UnitValue => "单价",
            Field::Value => "金额",
            Field::Date => "取得日期",
            Field::Source => "取得方式",
            Field::Location => "存放地点",
            Field::Custodian => "保管人",
            Field::Category => "分类代码",
            Field::Note => "备注",
            Field::Ignore => "(不导入)",
        }
    }
}

/// Header text without spaces, brackets and their units, as compared.
fn header_key(s: &str) -> String {
    let n = norm_header(s);
    n.trim_end_matches(['：', ':']).to_string()
}

/// What an import produced: the register (events in date order) and the
/// notes on how the list was read; or every problem.
#[derive(Debug, Clone)]
pub struct Imported {
    pub register: Register,
    /// The header row used (1-based) and the columns it gave.
    pub header_row: usize,
    pub columns: Vec<(String, Field)>,
    /// Warnings and notes (金额 ≠ 数量 × 单价, ids assigned, rooms read…).
    pub notes: Vec<SheetNote>,
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub committee: String,
    /// The register file to be (for the events' path; nothing is written).
    pub output: PathBuf,
    /// Header text → field, before the built-in names.
    pub map: Vec<(String, Field)>,
    /// The plan's rooms (id → name), to read room names.
    pub rooms: Option<HashMap<String, String>>,
}

fn field_of(h: &str, opts: &ImportOptions) -> Option<Field> {
    let k = header_key(h);
    if k.is_empty() {
        return None;
    }
    if let Some((_, f)) = opts.map.iter().find(|(m, _)| header_key(m) == k) {
        return Some(*f);
    }
    Field::ALL
        .iter()
        .copied()
        .find(|f| f.headers().iter().any(|x| header_key(x) == k))
}

fn cell_text(c: Option<&TableCell>) -> String {
    c.map(TableCell::text)
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Turn an asset list into a register of Acquire events.
pub fn import_table(table: &Table, opts: &ImportOptions) -> Result<Imported, Vec<SheetNote>> {
    let mut problems: Vec<SheetNote> = Vec::new();
    let mut notes: Vec<SheetNote> = Vec::new();
    let note = |line: usize, cell: String, zh: String, en: String| SheetNote {
        line,
        cell,
        message: zh,
        message_en: en,
    };
    // the header: the first of the first 20 non-empty rows naming a name column
    let rows: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !cell_text(Some(c)).is_empty()))
        .collect();
    let mut header_at = None;
    for (k, r) in rows.iter().take(20).enumerate() {
        let fields: Vec<Option<Field>> = r
            .cells
            .iter()
            .map(|c| field_of(&cell_text(Some(c)), opts))
            .collect();
        if fields.contains(&Some(Field::Name)) && fields.iter().flatten().count() >= 2 {
            header_at = Some(k);
            break;
        }
    }
    let Some(h) = header_at else {
        return Err(vec![note(
            rows.first().map_or(1, |r| r.line),
            "1".into(),
            "找不到表头: 须有“资产名称”列,以及 资产编号、数量、单价、取得日期 等列;表头不同时用 --map 表头=字段".into(),
            format!("no header row: a column of names (资产名称) is needed, with ids, counts, unit values, dates…; map other headers with --map HEADER=FIELD ({})", Field::NAMES),
        )]);
    };
    let head = rows[h];
    let mut cols: Vec<Option<Field>> = head
        .cells
        .iter()
        .map(|c| field_of(&cell_text(Some(c)), opts))
        .collect();
    let mut texts: Vec<String> = head.cells.iter().map(|c| cell_text(Some(c))).collect();
    let mut first_data = h + 1;
    // a header over two rows: the second names columns and holds no number
    if let Some(next) = rows.get(h + 1) {
        let sub: Vec<Option<Field>> = next
            .cells
            .iter()
            .map(|c| field_of(&cell_text(Some(c)), opts))
            .collect();
        let numbers = next
            .cells
            .iter()
            .any(|c| matches!(c, TableCell::Number(_) | TableCell::Date(_)));
        if sub.iter().flatten().count() >= 1 && !numbers {
            for (i, f) in sub.iter().enumerate() {
                if let Some(f) = f {
                    if cols.len() <= i {
                        cols.resize(i + 1, None);
                        texts.resize(i + 1, String::new());
                    }
                    cols[i] = Some(*f);
                    texts[i] = cell_text(next.cells.get(i));
                }
            }
            first_data = h + 2;
        }
    }
    // each field once: the first column that names it
    let mut at: HashMap<Field, usize> = HashMap::new();
    for (i, f) in cols.iter().enumerate() {
        if let Some(f) = f {
            if *f != Field::Ignore {
                at.entry(*f).or_insert(i);
            }
        }
    }
    let columns: Vec<(String, Field)> = {
        let mut v: Vec<(usize, Field)> = at.iter().map(|(f, i)| (*i, *f)).collect();
        v.sort();
        v.into_iter().map(|(i, f)| (texts[i].clone(), f)).collect()
    };
    for need in [Field::Name, Field::Date] {
        if !at.contains_key(&need) {
            problems.push(note(
                head.line,
                head.row.to_string(),
                format!(
                    "表头中没有“{}”列;列名不同时用 --map 表头={}",
                    need.zh(),
                    match need {
                        Field::Name => "name",
                        _ => "date",
                    }
                ),
                format!(
                    "the header has no {} column; map it with --map HEADER={}",
                    need.zh(),
                    match need {
                        Field::Name => "name",
                        _ => "date",
                    }
                ),
            ));
        }
    }
    if !at.contains_key(&Field::UnitValue) && !at.contains_key(&Field::Value) {
        problems.push(note(
            head.line,
            head.row.to_string(),
            "表头中没有“单价”或“金额”列;列名不同时用 --map 表头=unit_value".into(),
            "the header has neither a unit value (单价) nor a value (金额) column; map it with --map HEADER=unit_value".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if !at.contains_key(&Field::Source) {
        notes.push(note(
            head.line,
            head.row.to_string(),
            "没有“取得方式”列: 全部记为 购置 (Purchase)".into(),
            "no source column (取得方式): every card is recorded as a purchase".into(),
        ));
    }
    fn get_in<'r>(
        at: &HashMap<Field, usize>,
        r: &'r super::count_sheet::TableRow,
        f: Field,
    ) -> Option<&'r TableCell> {
        at.get(&f).and_then(|&i| r.cells.get(i))
    }
    let get = |r, f| get_in(&at, r, f);
    let cell_of = |r: &super::count_sheet::TableRow, f: Field| {
        cell_name(at.get(&f).copied().unwrap_or(0), r.row)
    };

    struct Card {
        row: usize,
        line: usize,
        id: Option<String>,
        date: NaiveDate,
        acquire: Acquire,
    }
    let mut cards: Vec<Card> = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut skipped = Vec::new();
    for r in &rows[first_data..] {
        let texts: Vec<String> = r.cells.iter().map(|c| cell_text(Some(c))).collect();
        if texts.iter().any(|t| is_total_cell(t)) || texts.iter().any(|t| is_signature_cell(t)) {
            skipped.push(r.row);
            continue;
        }
        let name = cell_text(get(r, Field::Name));
        let id = cell_text(get(r, Field::Asset));
        if name.is_empty() {
            if id.is_empty() {
                // a note alone, a blank line of a form
                continue;
            }
            problems.push(note(
                r.line,
                cell_of(r, Field::Name),
                format!("资产 {id} 没有名称"),
                format!("asset {id} has no name"),
            ));
            continue;
        }
        let mut bad = false;
        if !id.is_empty() {
            if let Some(prev) = seen.get(&id) {
                problems.push(note(
                    r.line,
                    cell_of(r, Field::Asset),
                    format!("资产编号 {id} 重复 (已在 {prev})"),
                    format!("asset id {id} again (already at {prev})"),
                ));
                bad = true;
            } else {
                seen.insert(id.clone(), cell_of(r, Field::Asset));
            }
        }
        // count
        let count = match get(r, Field::Count) {
            None | Some(TableCell::Empty) => 1,
            Some(TableCell::Number(f))
                if *f >= 1.0 && f.fract() == 0.0 && *f <= f64::from(u32::MAX) =>
            {
                *f as u32
            }
            Some(c) => match parse_quantity(&c.text()) {
                Some((n, _)) if n >= 1 => n,
                _ => {
                    problems.push(note(
                        r.line,
                        cell_of(r, Field::Count),
                        format!("数量 \"{}\" 不是至少为 1 的件数", c.text()),
                        format!(
                            "count \"{}\" is not a number of items (1 or more)",
                            c.text()
                        ),
                    ));
                    bad = true;
                    1
                }
            },
        };
        let money = |f: Field| -> Result<Option<i64>, String> {
            match get(r, f) {
                None | Some(TableCell::Empty) => Ok(None),
                Some(TableCell::Number(x)) => yuan_float_to_fen(*x)
                    .filter(|v| *v >= 0)
                    .map(Some)
                    .ok_or_else(|| x.to_string()),
                Some(c) => {
                    let t = c.text();
                    if t.trim().is_empty() {
                        return Ok(None);
                    }
                    parse_yuan(&t).filter(|v| *v >= 0).map(Some).ok_or(t)
                }
            }
        };
        let unit = match money(Field::UnitValue) {
            Ok(v) => v,
            Err(t) => {
                problems.push(note(
                    r.line,
                    cell_of(r, Field::UnitValue),
                    format!("单价 \"{t}\" 不是金额 (元,最多两位小数)"),
                    format!("unit value \"{t}\" is not an amount in yuan (at most two decimals)"),
                ));
                bad = true;
                None
            }
        };
        let total = match money(Field::Value) {
            Ok(v) => v,
            Err(t) => {
                problems.push(note(
                    r.line,
                    cell_of(r, Field::Value),
                    format!("金额 \"{t}\" 不是金额 (元,最多两位小数)"),
                    format!("value \"{t}\" is not an amount in yuan (at most two decimals)"),
                ));
                bad = true;
                None
            }
        };
        let unit_fen = match (unit, total) {
            (Some(u), Some(t)) => {
                if u.checked_mul(i64::from(count)) != Some(t) {
                    notes.push(note(
                        r.line,
                        cell_of(r, Field::Value),
                        format!("金额 {} 元 ≠ 数量 {count} × 单价 {} 元 = {} 元;按单价入账,请核对", super::yuan(t), super::yuan(u), super::yuan(u.saturating_mul(i64::from(count)))),
                        format!("value {} yuan ≠ count {count} × unit value {} yuan = {} yuan; the unit value is recorded, please check", super::yuan(t), super::yuan(u), super::yuan(u.saturating_mul(i64::from(count)))),
                    ));
                }
                Some(u)
            }
            (Some(u), None) => Some(u),
            (None, Some(t)) => {
                if t % i64::from(count) == 0 {
                    Some(t / i64::from(count))
                } else {
                    problems.push(note(r.line, cell_of(r, Field::Value), format!("金额 {} 元不能被数量 {count} 整除,请填写单价", super::yuan(t)), format!("value {} yuan does not divide by the count {count}: give the unit value", super::yuan(t))));
                    bad = true;
                    None
                }
            }
            (None, None) => {
                if !bad {
                    problems.push(note(
                        r.line,
                        cell_of(
                            r,
                            if at.contains_key(&Field::UnitValue) {
                                Field::UnitValue
                            } else {
                                Field::Value
                            },
                        ),
                        "没有单价或金额".into(),
                        "no unit value or value".into(),
                    ));
                }
                bad = true;
                None
            }
        };
        // date
        let date = match get(r, Field::Date) {
            Some(TableCell::Date(d)) => Some(*d),
            Some(TableCell::Number(x)) => match excel_serial_date(*x)
                .filter(|d| chrono::Datelike::year(d) >= 1950 && chrono::Datelike::year(d) <= 2100)
            {
                Some(d) => {
                    notes.push(note(
                        r.line,
                        cell_of(r, Field::Date),
                        format!("数字 {x} 按 Excel 日期读作 {d}"),
                        format!("the number {x} read as Excel's date {d}"),
                    ));
                    Some(d)
                }
                None => None,
            },
            Some(c) => parse_loose_date(&c.text()),
            None => None,
        };
        let Some(date) = date else {
            let t = cell_text(get(r, Field::Date));
            problems.push(note(
                r.line,
                cell_of(r, Field::Date),
                if t.is_empty() {
                    "没有取得日期".into()
                } else {
                    format!("取得日期 \"{t}\" 不是日期: 写 2023-03-01、2023/3/1 或 2023年3月1日")
                },
                if t.is_empty() {
                    "no acquisition date".into()
                } else {
                    format!(
                        "date \"{t}\" is not a date: write 2023-03-01, 2023/3/1 or 2023年3月1日"
                    )
                },
            ));
            continue;
        };
        // source
        let source = match get(r, Field::Source)
            .map(TableCell::text)
            .filter(|t| !t.trim().is_empty())
        {
            None => Source::Purchase,
            Some(t) => match parse_source_text(&t) {
                Some(s) => s,
                None => {
                    problems.push(note(r.line, cell_of(r, Field::Source), format!("取得方式 \"{t}\" 应为 购置、自制、调拨、受赠 或 盘盈"), format!("source \"{t}\" should be 购置 (purchase), 自制 (self-made), 调拨 (transfer in), 受赠 (donation) or 盘盈 (surplus)")));
                    bad = true;
                    Source::Purchase
                }
            },
        };
        // location
        let location = match cell_text(get(r, Field::Location)) {
            t if t.is_empty() => None,
            t => {
                match opts
                    .rooms
                    .as_ref()
                    .map(|rooms| (rooms, resolve_room(rooms, &t)))
                {
                    None => Some(t),
                    Some((_, RoomMatch::Id(id))) => Some(id),
                    Some((rooms, RoomMatch::Named(id))) => {
                        notes.push(note(
                            r.line,
                            cell_of(r, Field::Location),
                            format!("存放地点 \"{t}\" 按平面图记为 {id} {}", rooms[&id]),
                            format!(
                                "location \"{t}\" recorded as {id} ({}) of the plan",
                                rooms[&id]
                            ),
                        ));
                        Some(id)
                    }
                    Some((_, RoomMatch::Ambiguous(ids))) => {
                        problems.push(note(r.line, cell_of(r, Field::Location), format!("平面图中有几间房叫 \"{t}\" ({}): 请写房间编号", ids.join(", ")), format!("several rooms of the plan are called \"{t}\" ({}): write the room id", ids.join(", "))));
                        bad = true;
                        None
                    }
                    Some((_, RoomMatch::Unknown)) => {
                        notes.push(note(
                            r.line,
                            cell_of(r, Field::Location),
                            format!("存放地点 \"{t}\" 不是平面图的房间,按所写记录"),
                            format!("location \"{t}\" is no room of the plan; recorded as written"),
                        ));
                        Some(t)
                    }
                }
            }
        };
        if bad {
            continue;
        }
        let spec = cell_text(get(r, Field::Spec));
        let full_name = if spec.is_empty() || name.contains(&spec) {
            name
        } else {
            format!("{name}({spec})")
        };
        let opt = |f: Field| Some(cell_text(get(r, f))).filter(|t| !t.is_empty());
        cards.push(Card {
            row: r.row,
            line: r.line,
            id: (!id.is_empty()).then_some(id),
            date,
            acquire: Acquire {
                source,
                name: full_name,
                kind: None,
                category: opt(Field::Category),
                special: false,
                unit_value_fen: unit_fen.unwrap_or(0),
                count,
                custodian: opt(Field::Custodian),
                location,
            },
        });
    }
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(problems);
    }
    if !skipped.is_empty() {
        let rows: Vec<String> = skipped.iter().map(|r| r.to_string()).collect();
        notes.push(note(
            skipped[0],
            rows.join(", "),
            format!("合计、签字行未导入 (第 {} 行)", rows.join(", ")),
            format!(
                "total and signature rows left out (rows {})",
                rows.join(", ")
            ),
        ));
    }
    // ids for rows without one: the list's own series continued
    let mut reg = Register {
        path: opts.output.clone(),
        committee: opts.committee.clone(),
        events: Vec::new(),
    };
    for c in &cards {
        if let Some(id) = &c.id {
            reg.events.push(Event {
                date: c.date,
                asset: Some(id.clone()),
                kind: EventKind::Acquire(c.acquire.clone()),
                line: 0,
                col: 0,
            });
        }
    }
    let missing: Vec<&Card> = cards.iter().filter(|c| c.id.is_none()).collect();
    let fresh = super::record::next_ids(&reg, missing.len());
    if !missing.is_empty() {
        let rows: Vec<String> = missing.iter().map(|c| c.row.to_string()).collect();
        notes.push(note(
            missing[0].line,
            rows.join(", "),
            format!(
                "{} 行没有资产编号,按编号续编 {} 起 (第 {} 行)",
                missing.len(),
                fresh[0],
                rows.join(", ")
            ),
            format!(
                "{} rows without an asset id get the next ids from {} (rows {})",
                missing.len(),
                fresh[0],
                rows.join(", ")
            ),
        ));
    }
    let mut fresh = fresh.into_iter();
    let mut events: Vec<Event> = cards
        .into_iter()
        .map(|c| Event {
            date: c.date,
            asset: Some(c.id.unwrap_or_else(|| fresh.next().unwrap_or_default())),
            kind: EventKind::Acquire(c.acquire),
            line: 0,
            col: 0,
        })
        .collect();
    // the ledger is in date order (equal dates keep the list's order)
    events.sort_by_key(|e| e.date);
    reg.events = events;
    Ok(Imported {
        register: reg,
        header_row: head.row,
        columns,
        notes,
    })
}

/// 取得方式 as written in asset lists.
pub fn parse_source_text(t: &str) -> Option<Source> {
    let l = t.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
    Some(match l.as_str() {
        "purchase" | "添置" | "购置" | "购入" | "采购" | "新购" | "购买" | "自购" | "政府采购" => {
            Source::Purchase
        }
        "selfmade" | "自制" | "自建" => Source::SelfMade,
        "transferin" | "调拨" | "调入" | "划拨" | "拨入" | "街道调拨" | "无偿调拨" => {
            Source::TransferIn
        }
        "donation" | "受赠" | "捐赠" | "赠送" | "接受捐赠" | "捐助" => Source::Donation,
        "surplus" | "盘盈" => Source::Surplus,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::count_sheet::csv_table;
    use std::path::Path;

    fn opts() -> ImportOptions {
        ImportOptions {
            committee: "JA-1".into(),
            output: "x.register.ron".into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_excel_habit_ledger_imports_with_notes() {
        let text = "某某居委会固定资产台账,,,,,,,\n序号,资产编号,资产名称,规格型号,数量,单价(元),金额,购置日期,取得方式,使用部门,使用人\n1,ZC-0001,台式计算机,联想M720,1,\"5,680.00\",5680,2023/3/1,购置,R1,张三\n2,ZC-0002,会议椅,,12,300,3500,2023年3月1日,受赠,R2,李四\n3,,电风扇,,2台,199,398,2022-06-01,,R2,\n合计,,,,,,,,,,\n制表人:,,,,,,,,,,\n";
        let t = csv_table(Path::new("l.csv"), text.as_bytes()).unwrap();
        let imp = import_table(&t, &opts()).unwrap();
        let ev = &imp.register.events;
        assert_eq!(ev.len(), 3);
        // date order: the fan (2022) first, with the next id of the series
        assert_eq!(ev[0].asset.as_deref(), Some("ZC-0003"));
        let EventKind::Acquire(a) = &ev[1].kind else {
            panic!()
        };
        assert_eq!(
            (a.name.as_str(), a.unit_value_fen),
            ("台式计算机(联想M720)", 568000)
        );
        let EventKind::Acquire(b) = &ev[2].kind else {
            panic!()
        };
        assert_eq!(
            (b.source, b.count, b.unit_value_fen),
            (Source::Donation, 12, 30000)
        );
        let notes: Vec<&str> = imp.notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("3,500") || n.contains("3500.00")),
            "{notes:?}"
        );
        assert!(imp.notes.iter().any(|n| n.cell == "G4"), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("续编")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("合计")), "{notes:?}");
        // the register it makes loads
        let s = crate::register::register_to_string(&imp.register);
        crate::register::parse_register(Path::new("x.register.ron"), &s).unwrap();
    }

    #[test]
    fn every_problem_in_one_run_with_its_cell() {
        let text = "资产编号,资产名称,数量,单价,取得日期\nA,椅子,两,abc,2023-02-30\nA,桌子,1,100,2023-01-01\nB,,1,1,2023-01-01\n";
        let t = csv_table(Path::new("l.csv"), text.as_bytes()).unwrap();
        let e = import_table(&t, &opts()).unwrap_err();
        let cells: Vec<&str> = e.iter().map(|p| p.cell.as_str()).collect();
        assert_eq!(cells, ["D2", "E2", "A3", "B4"], "{e:?}");
    }

    #[test]
    fn odd_headers_by_map_and_merged_two_row_headers() {
        let text = "编号,物资,数量,金额,,入库时间\n,,,单价,总价,\nA,椅子,2,100,200,2023-01-01\n";
        let t = csv_table(Path::new("l.csv"), text.as_bytes()).unwrap();
        assert!(import_table(&t, &opts()).is_err());
        let mut o = opts();
        o.map = vec![
            ("物资".into(), Field::Name),
            ("入库时间".into(), Field::Date),
        ];
        let imp = import_table(&t, &o).unwrap();
        let EventKind::Acquire(a) = &imp.register.events[0].kind else {
            panic!()
        };
        assert_eq!(
            (a.name.as_str(), a.count, a.unit_value_fen),
            ("椅子", 2, 10000)
        );
        assert!(
            imp.notes.iter().all(|n| !n.message.contains('≠')),
            "{:?}",
            imp.notes
        );
    }
}
