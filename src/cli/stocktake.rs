//! `juwei stocktake REGISTER SHEET [--date D] [--format text|json|xlsx] [-o FILE]`
//!
//! Reconciles a count sheet (CSV or Excel) against the books on the date
//! (default: today). Exit 0 when the books match the count, 1 when they
//! differ, 2 when the register or the sheet cannot be read.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::register::{load, names_for, need_output, today};
use super::{emit, emit_bytes, report_load_error, Output, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK};
use crate::register::{load_count_sheet, reconcile};
use crate::report::register_text::stocktake_text;
use crate::report::register_xlsx::{stocktake_table, workbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StocktakeFormat {
    Text,
    Json,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct StocktakeArgs {
    /// 固定资产台账 (register format 1, RON)
    pub register: PathBuf,
    /// 盘点表 (count sheet: .csv, or .xlsx/.xls/.ods)
    pub sheet: PathBuf,
    /// 盘点日期 (YYYY-MM-DD): the books of this day; default today
    #[arg(long, value_parser = crate::model::date::parse_arg)]
    pub date: Option<NaiveDate>,
    /// 输出格式 / output format (xlsx needs -o)
    #[arg(long, value_enum, default_value = "text")]
    pub format: StocktakeFormat,
    /// 写入文件 (written atomically) instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub fn run(args: StocktakeArgs, out: &Output) -> i32 {
    let lang = out.lang;
    let reg = match load(&args.register, lang) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let sheet = match load_count_sheet(&args.sheet) {
        Ok(s) => s,
        Err(e) => return report_load_error(&e, lang),
    };
    let date = args.date.unwrap_or_else(today);
    let state = reg.state_at(date);
    let rec = reconcile(&state, &sheet);
    let names = names_for(&reg);
    let text = match args.format {
        StocktakeFormat::Json => {
            crate::report::json::to_string(&serde_json::to_value(&rec).expect("plain data"))
        }
        StocktakeFormat::Text => stocktake_text(
            &reg,
            &names,
            &state,
            &rec,
            &args.sheet.display().to_string(),
            lang,
        ),
        StocktakeFormat::Xlsx => {
            let path = match need_output(args.output.as_deref(), lang) {
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
            return if rec.books_match() {
                EXIT_OK
            } else {
                EXIT_FINDINGS
            };
        }
    };
    if let Err(code) = emit(out, args.output.as_deref(), &text) {
        return code;
    }
    if rec.books_match() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}
