//! A count sheet uploaded to the server: read as `juwei stocktake` reads it
//! (CSV or a workbook, with the plan's room names), reconciled with the
//! books of its date, and, when asked, settled with the very events
//! `juwei stocktake --apply` records (`cli::stocktake::settle`).

use std::path::Path;

use serde_json::json;

use super::error::ApiError;
use super::store::{self, Committee};
use super::AppState;
use crate::cli::stocktake::{settle, ShortageAs, StocktakeArgs, StocktakeFormat};
use crate::model::Lang;
use crate::register::{read_count_sheet, reconcile, SheetError};

/// The form's fields besides the sheet (the options of `stocktake --apply`).
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pub apply: bool,
    pub date: Option<String>,
    pub approval: Option<String>,
    pub shortage_transfer: bool,
    pub to: Option<String>,
    pub reason: Option<String>,
    pub by: Vec<String>,
    pub surplus: Vec<String>,
}

impl Fields {
    /// Set a form field by its name (unknown names are ignored; empty
    /// values are absent).
    pub fn set(&mut self, name: &str, value: String) {
        let v = value.trim().to_string();
        let some = (!v.is_empty()).then(|| v.clone());
        match name {
            "apply" => self.apply = matches!(v.as_str(), "1" | "true" | "on" | "yes"),
            "date" => self.date = some,
            "approval" => self.approval = some,
            "shortage" => self.shortage_transfer = v == "transfer-out",
            "to" => self.to = some,
            "reason" => self.reason = some,
            "by" => self.by.extend(
                v.split([',', ',', '、', ' '])
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            ),
            "surplus" => self.surplus.extend(
                v.split([',', ',', ' ', '\n'])
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            ),
            _ => {}
        }
    }
}

/// What the upload gave: the JSON answer (the reconciliation as `juwei
/// stocktake --format json` gives it, and with `apply` the events recorded
/// and what stays open).
pub struct Outcome {
    pub json: String,
    pub recorded: usize,
}

/// Reconcile (and settle, with `apply`) an uploaded count sheet.
pub async fn run(
    state: &AppState,
    c: &Committee,
    by: &str,
    file: &str,
    bytes: &[u8],
    f: &Fields,
) -> Result<Outcome, ApiError> {
    let db = &state.db;
    let file = safe_name(file);
    let mut conn = db.pool.acquire().await?;
    let stored = store::events(&mut conn, &c.code).await?;
    drop(conn);
    let reg = store::register_of(c, &stored);
    let rooms = match store::plan_text(db, &c.code, None).await? {
        Some((_, text)) => Some(
            store::parse_plan_text(c, &text)?
                .rooms
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
        ),
        None => None,
    };
    // the readers take a file (a workbook is read by its extension)
    let dir = tempfile::tempdir().map_err(|e| ApiError::internal(&e))?;
    let tmp = dir.path().join(&file);
    std::fs::write(&tmp, bytes).map_err(|e| ApiError::internal(&e))?;
    let mut sheet =
        read_count_sheet(&tmp, rooms.as_ref()).map_err(|e| sheet_error(e, &tmp, &file))?;
    let date = match &f.date {
        Some(d) => crate::model::date::parse(d).map_err(|e| {
            ApiError::bad_request(&format!("日期 {d}: {e}"), &format!("date {d}: {e}"))
        })?,
        None => sheet.date.unwrap_or_else(super::today),
    };
    let state_then = reg.state_at(date);
    let rec = reconcile(&state_then, &sheet);
    let mut v = serde_json::to_value(&rec).map_err(|e| ApiError::internal(&e))?;
    v["shortage_value_fen"] = json!(rec.shortage_value_fen());
    v["surplus_value_fen"] = json!(rec.surplus_value_fen());
    v["notes"] = serde_json::to_value(&sheet.notes).map_err(|e| ApiError::internal(&e))?;
    v["date"] = json!(date.format("%Y-%m-%d").to_string());
    let mut recorded = 0;
    if f.apply {
        let kept = store::put_sheet(db, c, &file, bytes, by).await?;
        sheet.path = Path::new(&c.folder).join(&kept);
        let args = StocktakeArgs {
            register: c.register_path(),
            sheet: sheet.path.clone(),
            date: Some(date),
            plan: None,
            format: StocktakeFormat::Json,
            output: None,
            apply: true,
            yes: true,
            approval: f.approval.clone(),
            shortage: if f.shortage_transfer {
                ShortageAs::TransferOut
            } else {
                ShortageAs::WriteOff
            },
            to: f.to.clone(),
            reason: f.reason.clone(),
            by: f.by.clone(),
            surplus: f.surplus.clone(),
        };
        let plan =
            settle(&args, &reg, &state_then, &sheet, &rec, date, Lang::Zh).map_err(|zh| {
                let en = settle(&args, &reg, &state_then, &sheet, &rec, date, Lang::En)
                    .err()
                    .unwrap_or_default();
                ApiError::bad_request(&zh, &en)
            })?;
        let open_en = settle(&args, &reg, &state_then, &sheet, &rec, date, Lang::En)
            .map(|p| p.open)
            .unwrap_or_default();
        let stored = store::append_events(db, c, &plan.events, by).await?;
        recorded = stored.len();
        v["sheet"] = json!(kept);
        v["recorded"] = serde_json::to_value(&stored).map_err(|e| ApiError::internal(&e))?;
        v["open"] = json!(plan.open);
        v["open_en"] = json!(open_en);
    }
    Ok(Outcome {
        json: crate::report::json::to_string(&v),
        recorded,
    })
}

/// A file name without folders or odd characters (it names the sheet in the
/// register's Stocktake event and in an export).
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_control() || ":*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.').trim().to_string();
    if clean.is_empty() {
        "count.csv".into()
    } else {
        clean
    }
}

fn sheet_error(e: SheetError, tmp: &Path, file: &str) -> ApiError {
    let fix = |s: String| s.replace(&tmp.display().to_string(), file);
    ApiError::refused(&fix(e.display(Lang::Zh)), &fix(e.display(Lang::En)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_lose_their_folders_and_odd_characters() {
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("C:\\盘点\\2025 盘点表.xlsx"), "2025 盘点表.xlsx");
        assert_eq!(safe_name(".hidden.csv"), "hidden.csv");
        assert_eq!(safe_name("a:b?.csv"), "a_b_.csv");
        assert_eq!(safe_name(""), "count.csv");
        assert_eq!(safe_name("..."), "count.csv");
    }

    #[test]
    fn form_fields_are_read_as_the_cli_options() {
        let mut f = Fields::default();
        f.set("apply", "on".into());
        f.set("by", "张三、李四".into());
        f.set("approval", "  ".into());
        f.set("shortage", "transfer-out".into());
        assert!(f.apply && f.shortage_transfer);
        assert_eq!(f.by, ["张三", "李四"]);
        assert_eq!(f.approval, None);
    }
}
