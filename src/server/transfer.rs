//! `juwei serve import DIR` and `juwei serve export DIR`: the server's
//! committees as the CLI's folders (plans, `NAME.previous.ron`, registers,
//! status files, count sheets), so that the CLI and the server stay
//! interchangeable. The audit of the server is the CLI's audit of such a
//! folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use super::db::Db;
use super::error::ApiError;
use super::store::{self, Committee, StoredEvent};
use crate::followup::comments::CommentsFile;
use crate::model::Lang;
use crate::register::record::NewEvent;

/// What the import did with one committee.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Imported {
    pub plan: PathBuf,
    pub code: String,
    pub plan_revisions: usize,
    pub events: usize,
    pub sheets: usize,
    pub status: bool,
    pub comments: usize,
    /// Why this committee (or part of it) was not imported.
    pub problems: Vec<String>,
}

/// Import every committee's files under `root` (as `juwei audit` finds
/// them). A committee already on the server gains a new plan or status
/// revision when its file differs, and the events its register has beyond
/// the server's; a register that contradicts the server's is left out,
/// with why. `by` is recorded as who recorded the imported events.
pub async fn import(db: &Db, root: &Path, by: &str, lang: Lang) -> Result<Vec<Imported>, ApiError> {
    let (plans, unreadable) = crate::audit::discover(root)
        .map_err(|e| ApiError::bad_request(&e.display(Lang::Zh), &e.display(Lang::En)))?;
    let mut out = Vec::new();
    for (dir, e) in unreadable {
        out.push(Imported {
            plan: dir,
            problems: vec![e.display(lang)],
            ..Default::default()
        });
    }
    for rel in plans {
        let rel: PathBuf = rel.into();
        let mut done = Imported {
            plan: rel.clone(),
            ..Default::default()
        };
        if let Err(e) = import_one(db, root, &rel, by, lang, &mut done).await {
            done.problems.push(e.message(lang).to_string());
        }
        out.push(done);
    }
    Ok(out)
}

async fn import_one(
    db: &Db,
    root: &Path,
    rel: &Path,
    by: &str,
    lang: Lang,
    done: &mut Imported,
) -> Result<(), ApiError> {
    let path = root.join(rel);
    let (plan, text) = crate::io::load_plan_source(&path)
        .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
    let code = plan.committee.code.clone();
    done.code = code.clone();
    let folder = rel
        .parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| code.clone());
    let mut c = Committee {
        code: code.clone(),
        name: plan.committee.name.clone(),
        street: plan.committee.street.clone(),
        folder,
        stem,
    };
    // the committee row first (plans and events refer to it)
    {
        let mut tx = db.begin_write().await?;
        store::upsert_committee(&mut tx, &c).await?;
        tx.commit().await?;
    }
    if let Some(row) = sqlx::query("SELECT folder, stem FROM committees WHERE code = $1")
        .bind(&code)
        .fetch_optional(&db.pool)
        .await?
    {
        c.folder = row.try_get("folder")?;
        c.stem = row.try_get("stem")?;
    }
    // plans: the previous revision (when the server has none), then this one
    let latest = store::plan_text(db, &code, None).await?;
    if latest.is_none() {
        let prev = crate::audit::previous_path(&path);
        if prev.is_file() {
            let t = crate::io::read_utf8(&prev)
                .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
            if crate::io::parse_plan(&prev, &t).is_ok() {
                store::put_plan(db, &c, &t, by).await?;
                done.plan_revisions += 1;
            }
        }
    }
    if latest.as_ref().map(|(_, t)| t.as_str()) != Some(text.as_str()) {
        store::put_plan(db, &c, &text, by).await?;
        done.plan_revisions += 1;
    }
    // the register: what it has beyond the server's events
    let reg_path = crate::audit::register_path(&path);
    if reg_path.is_file() {
        let reg = crate::register::load_register(&reg_path)
            .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
        if reg.committee != code {
            return Err(ApiError::refused(
                &format!(
                    "{}: 台账属于居委会 {},平面图属于 {code}",
                    reg_path.display(),
                    reg.committee
                ),
                &format!(
                    "{}: the register is committee {}'s, the plan {code}'s",
                    reg_path.display(),
                    reg.committee
                ),
            ));
        }
        let mut conn = db.pool.acquire().await?;
        let stored = store::events(&mut conn, &code).await?;
        drop(conn);
        let same = |s: &StoredEvent, e: &crate::register::Event| {
            s.date == e.date && s.asset == e.asset && s.event == e.kind
        };
        let agree = stored.len() <= reg.events.len()
            && stored.iter().zip(&reg.events).all(|(s, e)| same(s, e));
        if !agree {
            let k = stored
                .iter()
                .zip(&reg.events)
                .position(|(s, e)| !same(s, e))
                .unwrap_or(reg.events.len());
            done.problems.push(lang.pick(
                &format!("{}: 与服务器上的台账在第 {} 条事件处不一致,未导入台账 (服务器上的历史不会被改写)", reg_path.display(), k + 1),
                &format!("{}: differs from the server's register at event {}; the register was not imported (the server's history is never rewritten)", reg_path.display(), k + 1),
            ).to_string());
        } else {
            let new: Vec<NewEvent> = reg.events[stored.len()..]
                .iter()
                .map(|e| NewEvent {
                    date: e.date,
                    asset: e.asset.clone(),
                    kind: e.kind.clone(),
                })
                .collect();
            if !new.is_empty() {
                done.events = store::append_events(db, &c, &new, by).await?.len();
            }
        }
        // the count sheets its stocktakes name
        let have: Vec<String> = store::sheets(db, &code)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        let base = reg_path.parent().unwrap_or(Path::new("."));
        for e in &reg.events {
            if let crate::register::EventKind::Stocktake { sheet, .. } = &e.kind {
                let p = base.join(sheet);
                if have.iter().any(|h| h == sheet) || !p.is_file() {
                    continue;
                }
                let bytes = std::fs::read(&p).map_err(|e| ApiError::internal(&e))?;
                store::put_sheet(db, &c, sheet, &bytes, by).await?;
                done.sheets += 1;
            }
        }
    }
    // the status file
    let st = crate::followup::status::status_path(&path);
    if st.is_file() {
        let file = crate::followup::load_status(&path)
            .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
        if let Some(file) = file {
            let now = store::status(db, &c).await?;
            if now.to_ron() != file.to_ron() {
                store::put_status_unchecked(db, &c, &file, by).await?;
                done.status = true;
            }
        }
    }
    // the comments: those the server does not have yet, in the file's order
    let cp = crate::followup::comments::comments_path(&path);
    if cp.is_file() {
        let text = crate::io::read_utf8(&cp)
            .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
        let file = crate::followup::comments::parse_comments(&cp, &text)
            .map_err(|e| ApiError::refused(&e.display(Lang::Zh), &e.display(Lang::En)))?;
        if file.committee != code {
            return Err(ApiError::refused(
                &format!(
                    "{}: 批注属于居委会 {},平面图属于 {code}",
                    cp.display(),
                    file.committee
                ),
                &format!(
                    "{}: the comments are committee {}'s, the plan {code}'s",
                    cp.display(),
                    file.committee
                ),
            ));
        }
        let have = store::comments(db, &code).await?;
        let new: Vec<_> = file
            .comments
            .into_iter()
            .filter(|n| !have.iter().any(|h| &h.comment == n))
            .collect();
        if !new.is_empty() {
            done.comments = store::add_comments(db, &c, &new).await?.len();
        }
    }
    Ok(())
}

/// What the export wrote.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Exported {
    pub committees: usize,
    pub files: usize,
}

/// Write `list`'s committees under `root` as the CLI's folders. A file that
/// exists is replaced atomically.
pub async fn export(db: &Db, root: &Path, list: &[Committee]) -> Result<Exported, ApiError> {
    export_view(db, root, list, None).await
}

/// Write `list`'s committees as the server had them before `before` (an
/// RFC 3339 instant or a date, against the stored UTC stamps): the plan
/// revisions, events, status file and count sheets recorded by then, for
/// an audit of the district as it stood (the trend). A committee with no
/// plan by then is left out. The district's profile is the current one, as
/// `juwei audit --previous` checks the earlier folder with today's.
pub async fn export_as_of(
    db: &Db,
    root: &Path,
    list: &[Committee],
    before: &str,
) -> Result<Exported, ApiError> {
    export_view(db, root, list, Some(before)).await
}

async fn export_view(
    db: &Db,
    root: &Path,
    list: &[Committee],
    before: Option<&str>,
) -> Result<Exported, ApiError> {
    let mut out = Exported::default();
    std::fs::create_dir_all(root).map_err(|e| ApiError::internal(&e))?;
    // the district's own profile, for `juwei audit DIR --profile
    // DIR/district.profile.ron` (a `.profile.ron` is no plan to the audit)
    let (revision, text, _) = store::profile(db).await?;
    if revision > 0 {
        crate::io::write_atomic(&root.join("district.profile.ron"), text.as_bytes())
            .map_err(|e| ApiError::internal(&e))?;
        out.files += 1;
    }
    for c in list {
        let mut conn = db.pool.acquire().await?;
        let mut events = store::events(&mut conn, &c.code).await?;
        drop(conn);
        // newest plan revision first, then the one before it
        let (plans, status, sheets) = match before {
            None => {
                let mut plans = Vec::new();
                if let Some((rev, text)) = store::plan_text(db, &c.code, None).await? {
                    plans.push((rev, text));
                    if rev > 1 {
                        plans.extend(store::plan_text(db, &c.code, Some(rev - 1)).await?);
                    }
                }
                (
                    plans,
                    store::status(db, c).await?,
                    store::sheets(db, &c.code).await?,
                )
            }
            Some(b) => {
                let then = store::as_of(db, c, b).await?;
                if then.plans.is_empty() {
                    continue;
                }
                // appended in order: those recorded by then are a prefix,
                // and so is their chain
                events.retain(|e| e.recorded_at.as_str() < b);
                (then.plans, then.status, then.sheets)
            }
        };
        let dir = root.join(safe_folder(&c.folder));
        std::fs::create_dir_all(&dir).map_err(|e| ApiError::internal(&e))?;
        let mut write = |name: String, bytes: &[u8]| -> Result<(), ApiError> {
            crate::io::write_atomic(&dir.join(name), bytes).map_err(|e| ApiError::internal(&e))?;
            out.files += 1;
            Ok(())
        };
        let stem = crate::server::stocktake::safe_name(&c.stem);
        if let Some((_, text)) = plans.first() {
            write(format!("{stem}.ron"), text.as_bytes())?;
        }
        if let Some((_, prev)) = plans.get(1) {
            write(format!("{stem}.previous.ron"), prev.as_bytes())?;
        }
        if !events.is_empty() {
            write(
                format!("{stem}.register.ron"),
                register_text(c, &events).as_bytes(),
            )?;
        }
        for (name, bytes) in sheets {
            write(crate::server::stocktake::safe_name(&name), &bytes)?;
        }
        if !status.entries.is_empty() {
            write(format!("{stem}.status.ron"), status.to_ron().as_bytes())?;
        }
        if before.is_none() {
            let comments = store::comments(db, &c.code).await?;
            if !comments.is_empty() {
                let mut file = CommentsFile::new(c.code.clone());
                file.comments = comments.into_iter().map(|k| k.comment).collect();
                write(format!("{stem}.comments.ron"), file.to_ron().as_bytes())?;
            }
        }
        out.committees += 1;
    }
    Ok(out)
}

/// The register file of a committee's events, each with its stamp (who
/// recorded it, when, and its hash in the chain).
pub fn register_text(c: &Committee, events: &[StoredEvent]) -> String {
    let reg = store::register_of(c, events);
    let stamps: Vec<Option<crate::register::chain::Stamp>> = events
        .iter()
        .map(|e| {
            Some(crate::register::chain::Stamp {
                recorded_by: e.recorded_by.clone(),
                recorded_at: e.recorded_at.clone(),
                hash: e.hash.clone(),
            })
        })
        .collect();
    crate::register::chain::register_to_string_stamped(&reg, &stamps)
}

/// A folder path from the database made safe to join: no `..`, no root.
fn safe_folder(folder: &str) -> PathBuf {
    folder
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(|p| p.trim_end_matches(':'))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The audit JSON (`juwei audit --format json`, followup.md) of `list`:
/// the committees exported to a temporary folder and audited there by the
/// CLI's own audit.
pub async fn audit_json(
    db: &Db,
    list: &[Committee],
    since: Option<NaiveDate>,
) -> Result<String, ApiError> {
    let dir = tempfile::tempdir().map_err(|e| ApiError::internal(&e))?;
    export(db, dir.path(), list).await?;
    // the district as the server had it at the end of `since` (UTC)
    let old = match since {
        Some(d) => {
            let old = tempfile::tempdir().map_err(|e| ApiError::internal(&e))?;
            let before = d.succ_opt().unwrap_or(d).format("%Y-%m-%d").to_string();
            let then = export_as_of(db, old.path(), list, &before).await?;
            (then.committees > 0).then_some((old, d))
        }
        None => None,
    };
    let (_, _, profile) = store::profile(db).await?;
    let root = dir.path().to_path_buf();
    let text = tokio::task::spawn_blocking(move || -> Result<String, ApiError> {
        let opts = |today| crate::audit::AuditOptions {
            progress: false,
            today: Some(today),
        };
        let internal = |e: crate::audit::AuditError| ApiError::internal(&e.display(Lang::En));
        let mut a = match &old {
            None => crate::audit::run(&root, &profile, opts(super::today())).map_err(internal)?,
            Some((old_dir, then)) => {
                // as `juwei audit --previous OLD_DIR`, the earlier district
                // checked on the day it stood (its due dates, its year)
                let mut a =
                    crate::audit::run_streamed_followed(&root, &profile, opts(super::today()))
                        .map_err(internal)?;
                let prev = crate::audit::previous(old_dir.path(), &profile, opts(*then))
                    .map_err(internal)?;
                let mut cmp = crate::followup::compare::compare_previous(&prev, &a);
                // the earlier "folder" is the server's records of that day
                cmp.previous_root = PathBuf::from(then.format("%Y-%m-%d").to_string());
                a.followup = Some(cmp);
                a
            }
        };
        a.root = PathBuf::from(".");
        let mut buf = Vec::new();
        crate::report::json::audit::write_json(&a, &mut buf).map_err(|e| ApiError::internal(&e))?;
        String::from_utf8(buf).map_err(|e| ApiError::internal(&e))
    })
    .await
    .map_err(|e| ApiError::internal(&e))??;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_folder_cannot_leave_the_export() {
        assert_eq!(safe_folder("../../etc"), PathBuf::from("etc"));
        assert_eq!(
            safe_folder("/abs/石门二路街道"),
            PathBuf::from("abs/石门二路街道")
        );
        assert_eq!(safe_folder("C:\\x"), PathBuf::from("C/x"));
        assert_eq!(safe_folder(""), PathBuf::new());
    }
}
