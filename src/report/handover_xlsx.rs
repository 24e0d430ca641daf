//! The term-change handover list (换届资产移交清单) as a printable workbook:
//! every card in use on the handover date, grouped by custodian and room,
//! a check column to tick while walking the rooms, and signature lines for
//! the outgoing and incoming sides and the street office's witness.

use super::register_xlsx::{Cell, Names, Row, Table};
use crate::model::Lang;
use crate::register::{yuan_grouped, HandoverList};

pub fn handover_table(list: &HandoverList, names: &Names, lang: Lang) -> Table {
    let zh = lang == Lang::Zh;
    let cols: &[(&str, &str, f64)] = &[
        ("序号", "No.", 5.0),
        ("资产编号", "Asset id", 12.0),
        ("资产名称", "Name", 20.0),
        ("数量", "Count", 6.0),
        ("单价(元)", "Unit value (yuan)", 11.0),
        ("金额(元)", "Value (yuan)", 12.0),
        ("取得日期", "Acquired", 11.0),
        ("核对", "Checked", 6.0),
        ("备注", "Note", 16.0),
    ];
    let mut rows = Vec::new();
    let mut n = 0i64;
    for g in &list.groups {
        let who = g
            .custodian
            .clone()
            .unwrap_or_else(|| lang.pick("(未指定)", "(none)").to_string());
        let room = g
            .location
            .as_deref()
            .map(|r| names.room(r))
            .unwrap_or_else(|| lang.pick("(未记录)", "(not recorded)").to_string());
        let value = crate::register::replay::sum_fen(g.assets.iter().map(|a| a.value_fen()));
        rows.push(Row::Group(if zh {
            format!(
                "保管人:{who}  ·  存放地点:{room}  ·  {} 项,{} 元",
                g.assets.len(),
                yuan_grouped(value)
            )
        } else {
            format!(
                "Custodian: {who}  ·  Location: {room}  ·  {} cards, {} yuan",
                g.assets.len(),
                yuan_grouped(value)
            )
        }));
        for a in &g.assets {
            n += 1;
            rows.push(Row::Cells(vec![
                Cell::Int(n),
                Cell::Text(a.id.clone()),
                Cell::Text(a.name.clone()),
                Cell::Int(i64::from(a.count)),
                Cell::Fen(a.unit_value_fen),
                Cell::Fen(a.value_fen()),
                Cell::Date(a.acquired),
                Cell::Text("□".into()),
                Cell::Empty,
            ]));
        }
    }
    // the seals row (附件1 3.4.4): which seals, handed over when, or not
    rows.push(Row::Group(list.seal_line(lang)));
    let mut total = vec![Cell::Empty; cols.len()];
    total[1] = Cell::Text(lang.pick("合计", "Total").into());
    total[2] = Cell::Text(if zh {
        format!("{} 项", list.asset_count())
    } else {
        format!("{} cards", list.asset_count())
    });
    total[3] = Cell::Int(list.item_count() as i64);
    total[5] = Cell::Fen(list.value_fen());
    let election = match list.election {
        Some(d) => format!("{}{d} · ", lang.pick("换届选举 ", "election ")),
        None => String::new(),
    };
    let named = |cap: &str, name: &Option<String>| match name {
        Some(n) if !n.trim().is_empty() => format!("{cap}:{n}"),
        _ => cap.to_string(),
    };
    Table {
        sheet_name: lang.pick("移交清单", "Handover").to_string(),
        title: if zh {
            format!("{} 换届资产移交清单", names.committee(&list.committee))
        } else {
            format!(
                "{} — term-change handover list",
                names.committee(&list.committee)
            )
        },
        facts: if zh {
            format!(
                "{election}移交日期 {} · 在用资产 {} 项 {} 件 · 金额合计 {} 元",
                list.date,
                list.asset_count(),
                list.item_count(),
                yuan_grouped(list.value_fen())
            )
        } else {
            format!(
                "{election}handover on {} · {} cards in use, {} items · total {} yuan",
                list.date,
                list.asset_count(),
                list.item_count(),
                yuan_grouped(list.value_fen())
            )
        },
        columns: cols
            .iter()
            .map(|(z, e, w)| (lang.pick(z, e).to_string(), *w))
            .collect(),
        groups: Vec::new(),
        rows,
        total: Some(total),
        signatures: if zh {
            vec![
                named("移交人(上届)", &list.outgoing),
                named("接收人(本届)", &list.incoming),
                "监交人(街道)".into(),
                "日期".into(),
            ]
        } else {
            vec![
                named("Outgoing", &list.outgoing),
                named("Incoming", &list.incoming),
                "Witness (street office)".into(),
                "Date".into(),
            ]
        },
        landscape: false,
    }
}
