//! `juwei handover REGISTER [--date D] -o FILE.xlsx`
//!
//! The term-change handover list (移交清单) of the cards in use on the date
//! (default today), grouped by custodian and room, with signature lines.
//! When the register records a Handover on that date, the list is the books
//! just before it and carries its signatories' names.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::register::{load, names_for, today};
use super::{emit_bytes, Output, EXIT_INPUT, EXIT_OK};
use crate::register::{handover_list, yuan_grouped};
use crate::report::handover_xlsx::handover_table;
use crate::report::register_xlsx::workbook;

#[derive(Debug, Args)]
pub struct HandoverArgs {
    /// The fixed-asset register (register format 1, RON)
    pub register: PathBuf,
    /// Day of the handover (YYYY-MM-DD); default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// The outgoing person, when no Handover event on the date names one
    #[arg(long)]
    pub outgoing: Option<String>,
    /// The incoming person, when no Handover event on the date names one
    #[arg(long)]
    pub incoming: Option<String>,
    /// Output file (.xlsx, written atomically)
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

pub fn run(args: HandoverArgs, out: &Output) -> i32 {
    let lang = out.lang;
    if let Err(code) = super::check_output_ext(&args.output, &["xlsx"], lang) {
        return code;
    }
    let reg = match load(&args.register, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let date = args.date.unwrap_or_else(today);
    let mut list = handover_list(&reg, date);
    if list.outgoing.is_none() {
        list.outgoing = args.outgoing.clone();
    }
    if list.incoming.is_none() {
        list.incoming = args.incoming.clone();
    }
    let names = names_for(&reg);
    let bytes = match workbook(&[handover_table(&list, &names, lang)]) {
        Ok(b) => b,
        Err(e) => {
            crate::say_err!("xlsx: {e}");
            return EXIT_INPUT;
        }
    };
    if let Err(code) = emit_bytes(out, &args.output, &bytes) {
        return code;
    }
    crate::say_err!(
        "{}\n{}",
        lang.pick(
            &format!(
                "已写入移交清单 {}: {} 项 {} 件,金额 {} 元",
                args.output.display(),
                list.asset_count(),
                list.item_count(),
                yuan_grouped(list.value_fen())
            ),
            &format!(
                "wrote the handover list {}: {} cards, {} items, {} yuan",
                args.output.display(),
                list.asset_count(),
                list.item_count(),
                yuan_grouped(list.value_fen())
            )
        ),
        list.seal_line(lang)
    );
    EXIT_OK
}
