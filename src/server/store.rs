//! What the server keeps, read and written through the same formats and
//! checks as the CLI: committees, plan revisions, the register's events
//! (append-only, chained), status revisions, count sheets and comments.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;

use super::auth::{CommitteeRef, Principal};
use super::db::Db;
use super::error::ApiError;
use crate::followup::comments::Comment;
use crate::followup::status::{parse_status, Status, StatusFile};
use crate::model::{ItemKind, Plan};
use crate::register::chain;
use crate::register::record::{NewEvent, OpenRegister, RecordError};
use crate::register::{register_to_string, Event, EventKind, Register};

/// A committee as the server lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Committee {
    pub code: String,
    pub name: String,
    pub street: String,
    /// Where its files go in an export (relative folder and file stem).
    #[serde(skip)]
    pub folder: String,
    #[serde(skip)]
    pub stem: String,
}

impl Committee {
    pub fn as_ref(&self) -> CommitteeRef<'_> {
        CommitteeRef {
            code: &self.code,
            street: &self.street,
        }
    }
    /// The plan's path as the CLI's messages name it (`folder/stem.ron`).
    pub fn plan_path(&self) -> PathBuf {
        Path::new(&self.folder).join(format!("{}.ron", self.stem))
    }
    pub fn register_path(&self) -> PathBuf {
        Path::new(&self.folder).join(format!("{}.register.ron", self.stem))
    }
}

fn committee_of(r: &sqlx::any::AnyRow) -> Result<Committee, sqlx::Error> {
    Ok(Committee {
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        street: r.try_get("street")?,
        folder: r.try_get("folder")?,
        stem: r.try_get("stem")?,
    })
}

/// Every committee, by street and code.
pub async fn all_committees(db: &Db) -> Result<Vec<Committee>, ApiError> {
    let rows = sqlx::query(
        "SELECT code, name, street, folder, stem FROM committees ORDER BY street, code",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.iter().map(committee_of).collect::<Result<_, _>>()?)
}

/// The committees `p` may read.
pub async fn visible_committees(db: &Db, p: &Principal) -> Result<Vec<Committee>, ApiError> {
    let mut all = all_committees(db).await?;
    all.retain(|c| p.can_read(&c.as_ref()));
    Ok(all)
}

/// The committee `code`, if it exists and `p` may read it; else 404.
pub async fn readable(db: &Db, p: &Principal, code: &str) -> Result<Committee, ApiError> {
    let row =
        sqlx::query("SELECT code, name, street, folder, stem FROM committees WHERE code = $1")
            .bind(code)
            .fetch_optional(&db.pool)
            .await?;
    match row {
        Some(r) => {
            let c = committee_of(&r)?;
            if p.can_read(&c.as_ref()) {
                Ok(c)
            } else {
                Err(ApiError::not_found())
            }
        }
        None => Err(ApiError::not_found()),
    }
}

/// Create or update a committee's name and street (import, a new plan).
pub async fn upsert_committee(
    tx: &mut sqlx::AnyConnection,
    c: &Committee,
) -> Result<(), sqlx::Error> {
    let exists = sqlx::query("SELECT code FROM committees WHERE code = $1")
        .bind(&c.code)
        .fetch_optional(&mut *tx)
        .await?
        .is_some();
    if exists {
        sqlx::query("UPDATE committees SET name = $2, street = $3 WHERE code = $1")
            .bind(&c.code)
            .bind(&c.name)
            .bind(&c.street)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO committees (code, name, street, folder, stem) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&c.code)
        .bind(&c.name)
        .bind(&c.street)
        .bind(&c.folder)
        .bind(&c.stem)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- plans

/// The plan text of revision `revision` (default: the newest), with its number.
pub async fn plan_text(
    db: &Db,
    code: &str,
    revision: Option<i64>,
) -> Result<Option<(i64, String)>, ApiError> {
    let row = match revision {
        Some(r) => {
            sqlx::query("SELECT revision, ron FROM plans WHERE committee = $1 AND revision = $2")
                .bind(code)
                .bind(r)
                .fetch_optional(&db.pool)
                .await?
        }
        None => sqlx::query(
            "SELECT revision, ron FROM plans WHERE committee = $1 ORDER BY revision DESC LIMIT 1",
        )
        .bind(code)
        .fetch_optional(&db.pool)
        .await?,
    };
    Ok(match row {
        Some(r) => Some((r.try_get("revision")?, r.try_get("ron")?)),
        None => None,
    })
}

/// What the server had of a committee before `before` (an RFC 3339 instant
/// or a date `YYYY-MM-DD`, compared with the stored UTC stamps): its two
/// newest plan revisions then (newest first), its status file then, and the
/// count sheets uploaded by then. For "the district as it stood at the end
/// of last quarter".
pub struct AsOf {
    pub plans: Vec<(i64, String)>,
    pub status: StatusFile,
    pub sheets: Vec<(String, Vec<u8>)>,
}

pub async fn as_of(db: &Db, c: &Committee, before: &str) -> Result<AsOf, ApiError> {
    let plans = sqlx::query(
        "SELECT revision, ron FROM plans WHERE committee = $1 AND recorded_at < $2 ORDER BY revision DESC LIMIT 2",
    )
    .bind(&c.code)
    .bind(before)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("revision")?, r.try_get("ron")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let status = match sqlx::query(
        "SELECT ron FROM status_revisions WHERE committee = $1 AND recorded_at < $2 ORDER BY revision DESC LIMIT 1",
    )
    .bind(&c.code)
    .bind(before)
    .fetch_optional(&db.pool)
    .await?
    {
        Some(r) => parse_status(&status_path(c), &r.try_get::<String, _>("ron")?)
            .map_err(|e| ApiError::internal(&e.display(crate::model::Lang::En)))?,
        None => StatusFile::new(c.code.clone()),
    };
    let sheets = sqlx::query(
        "SELECT name, content FROM count_sheets WHERE committee = $1 AND uploaded_at < $2 ORDER BY name",
    )
    .bind(&c.code)
    .bind(before)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("name")?, r.try_get("content")?)))
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(AsOf {
        plans,
        status,
        sheets,
    })
}

/// Read a plan text as the CLI does; its errors as 422 with line and column.
pub fn parse_plan_text(c: &Committee, text: &str) -> Result<Plan, ApiError> {
    let plan = crate::io::parse_plan(&c.plan_path(), text).map_err(|e| {
        ApiError::refused(
            &e.display(crate::model::Lang::Zh),
            &e.display(crate::model::Lang::En),
        )
    })?;
    if plan.committee.code != c.code {
        return Err(ApiError::refused(
            &format!("平面图属于居委会 {},不是 {}", plan.committee.code, c.code),
            &format!(
                "the plan is committee {}'s, not {}'s",
                plan.committee.code, c.code
            ),
        ));
    }
    Ok(plan)
}

/// Store a new revision of the plan (checked first); its number.
pub async fn put_plan(db: &Db, c: &Committee, text: &str, by: &str) -> Result<i64, ApiError> {
    let plan = parse_plan_text(c, text)?;
    retry(|| async {
        let mut tx = db.begin_write().await?;
        let rev = next_number(
            &mut tx,
            "SELECT MAX(revision) AS r FROM plans WHERE committee = $1",
            Some(&c.code),
        )
        .await?;
        sqlx::query(
            "INSERT INTO plans (committee, revision, ron, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&c.code)
        .bind(rev)
        .bind(text)
        .bind(by)
        .bind(super::now_text())
        .execute(&mut *tx)
        .await?;
        let mut updated = c.clone();
        updated.name = plan.committee.name.clone();
        updated.street = plan.committee.street.clone();
        upsert_committee(&mut tx, &updated).await?;
        tx.commit().await?;
        Ok(rev)
    })
    .await
}

// ---------------------------------------------------------------- events

/// A stored event: the format's event, who recorded it and when, its place
/// in the committee's chain.
#[derive(Debug, Clone, Serialize)]
pub struct StoredEvent {
    pub seq: i64,
    #[serde(with = "crate::model::date")]
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    pub event: EventKind,
    pub recorded_by: String,
    pub recorded_at: String,
    pub hash: String,
}

/// The committee's events in order.
pub async fn events(
    conn: &mut sqlx::AnyConnection,
    code: &str,
) -> Result<Vec<StoredEvent>, ApiError> {
    let rows = sqlx::query(
        "SELECT seq, date, asset, event, recorded_by, recorded_at, hash FROM events WHERE committee = $1 ORDER BY seq",
    )
    .bind(code)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let date: String = r.try_get("date")?;
            let event: String = r.try_get("event")?;
            Ok(StoredEvent {
                seq: r.try_get("seq")?,
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                    .map_err(|e| ApiError::internal(&e))?,
                asset: r.try_get("asset")?,
                event: serde_json::from_str(&event).map_err(|e| ApiError::internal(&e))?,
                recorded_by: r.try_get("recorded_by")?,
                recorded_at: r.try_get("recorded_at")?,
                hash: r.try_get("hash")?,
            })
        })
        .collect()
}

/// The committee's register as the CLI's types (for the checks and reports).
pub fn register_of(c: &Committee, events: &[StoredEvent]) -> Register {
    Register {
        path: c.register_path(),
        committee: c.code.clone(),
        events: events
            .iter()
            .map(|e| Event {
                date: e.date,
                asset: e.asset.clone(),
                kind: e.event.clone(),
                line: 0,
                col: 0,
            })
            .collect(),
    }
}

/// Check `new` with the ledger's own rules after `stored` (what `juwei
/// record` checks): the reason in both languages when refused.
pub fn validate(c: &Committee, stored: &[StoredEvent], new: &[NewEvent]) -> Result<(), ApiError> {
    let reg = register_of(c, stored);
    let text = register_to_string(&reg);
    // the lines the ledger's messages name are of this text, which nobody
    // sees: they are said as the events' numbers instead
    let starts = event_lines(&text);
    let relabel = |zh: &str, en: &str| {
        ApiError::refused(
            &relabel_lines(zh, &starts, "第 ", " 行", "第 ", " 条事件"),
            &relabel_lines(en, &starts, "line ", "", "event ", ""),
        )
    };
    let open = OpenRegister::from_text(&reg.path, text).map_err(|e| {
        ApiError::refused(
            &e.display(crate::model::Lang::Zh),
            &e.display(crate::model::Lang::En),
        )
    })?;
    match open.prepare(new) {
        Ok(_) => Ok(()),
        Err(RecordError::Refused {
            index,
            message,
            message_en,
        }) => Err(if new.len() > 1 {
            relabel(
                &format!("新事件之第 {} 条: {message}", index + 1),
                &format!("new event {}: {message_en}", index + 1),
            )
        } else {
            relabel(&message, &message_en)
        }),
        Err(e) => Err(ApiError::refused(
            &e.display(&reg.path, crate::model::Lang::Zh),
            &e.display(&reg.path, crate::model::Lang::En),
        )),
    }
}

/// The 1-based line of each event of a text `register_to_string` wrote.
fn event_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("        (date: "))
        .map(|(i, _)| i + 1)
        .collect()
}

/// `before N after` (a line of the register text) → `say K said` (the
/// number of the event on that line, as the register lists them).
fn relabel_lines(
    msg: &str,
    starts: &[usize],
    before: &str,
    after: &str,
    say: &str,
    said: &str,
) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(before) {
        out.push_str(&rest[..i]);
        let tail = &rest[i + before.len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        let line: Option<usize> = tail[..digits].parse().ok();
        let event = line.and_then(|l| starts.iter().position(|&s| s == l));
        match event {
            Some(k) if tail[digits..].starts_with(after) => {
                out.push_str(&format!("{say}{}{said}", k + 1));
                rest = &tail[digits + after.len()..];
            }
            _ => {
                out.push_str(before);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Append `new` to the committee's register: checked after the stored
/// events, chained, in one transaction; retried when another writer got in
/// first. Nothing is stored when any of them is refused.
pub async fn append_events(
    db: &Db,
    c: &Committee,
    new: &[NewEvent],
    by: &str,
) -> Result<Vec<StoredEvent>, ApiError> {
    retry(|| async {
        let mut tx = db.begin_write().await?;
        let stored = events(&mut tx, &c.code).await?;
        validate(c, &stored, new)?;
        let mut seq = stored.last().map(|e| e.seq).unwrap_or(0);
        let mut prev = stored.last().map(|e| e.hash.clone());
        let mut out = Vec::with_capacity(new.len());
        for ev in new {
            seq += 1;
            let recorded_at = super::now_text();
            let stamp = chain::stamp_event(&c.code, prev.as_deref(), ev, by, &recorded_at);
            let json = serde_json::to_string(&ev.kind).map_err(|e| ApiError::internal(&e))?;
            sqlx::query(
                "INSERT INTO events (committee, seq, date, asset, event, recorded_by, recorded_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&c.code)
            .bind(seq)
            .bind(ev.date.format("%Y-%m-%d").to_string())
            .bind(ev.asset.as_deref())
            .bind(json)
            .bind(by)
            .bind(&recorded_at)
            .bind(prev.as_deref())
            .bind(&stamp.hash)
            .execute(&mut *tx)
            .await?;
            prev = Some(stamp.hash.clone());
            out.push(StoredEvent {
                seq,
                date: ev.date,
                asset: ev.asset.clone(),
                event: ev.kind.clone(),
                recorded_by: by.to_string(),
                recorded_at,
                hash: stamp.hash,
            });
        }
        tx.commit().await?;
        Ok(out)
    })
    .await
}

/// Run a transaction again (up to 20 times, with a short growing pause)
/// when it met a concurrent writer.
pub async fn retry<T, F, Fut>(mut f: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Retry>>,
{
    let mut pause = 2u64;
    for _ in 0..20 {
        match f().await {
            Ok(v) => return Ok(v),
            Err(Retry::Conflict(_)) => {
                tokio::time::sleep(std::time::Duration::from_millis(pause)).await;
                pause = (pause * 2).min(100);
            }
            Err(Retry::Api(e)) => return Err(e),
            Err(Retry::Db(e)) => return Err(e.into()),
        }
    }
    Err(ApiError::conflict(
        "同时提交的人太多,请重试",
        "too many writers at once: try again",
    ))
}

/// The number after the highest that `max_sql` (`SELECT MAX(…) AS r …`,
/// with `$1` bound to `key` when given) finds inside `tx`: the next revision
/// or sequence number. Two writers that read the same number conflict on
/// the table's primary key, and [`retry`] runs the later one again.
async fn next_number(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    max_sql: &'static str,
    key: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let mut q = sqlx::query(max_sql);
    if let Some(k) = key {
        q = q.bind(k);
    }
    let last: Option<i64> = q.fetch_one(&mut **tx).await?.try_get("r")?;
    Ok(last.unwrap_or(0) + 1)
}

/// A transaction's failure: a conflict to retry, or a final answer.
#[derive(Debug)]
pub enum Retry {
    Conflict(sqlx::Error),
    Db(sqlx::Error),
    Api(ApiError),
}

impl From<sqlx::Error> for Retry {
    fn from(e: sqlx::Error) -> Retry {
        if super::db::is_conflict(&e) {
            Retry::Conflict(e)
        } else {
            Retry::Db(e)
        }
    }
}

impl From<ApiError> for Retry {
    fn from(e: ApiError) -> Retry {
        Retry::Api(e)
    }
}

// ---------------------------------------------------------------- status

/// The newest status file of the committee (an empty one when none).
pub async fn status(db: &Db, c: &Committee) -> Result<StatusFile, ApiError> {
    let row = sqlx::query(
        "SELECT ron FROM status_revisions WHERE committee = $1 ORDER BY revision DESC LIMIT 1",
    )
    .bind(&c.code)
    .fetch_optional(&db.pool)
    .await?;
    match row {
        Some(r) => {
            let text: String = r.try_get("ron")?;
            parse_status(&status_path(c), &text)
                .map_err(|e| ApiError::internal(&e.display(crate::model::Lang::En)))
        }
        None => Ok(StatusFile::new(c.code.clone())),
    }
}

fn status_path(c: &Committee) -> PathBuf {
    Path::new(&c.folder).join(format!("{}.status.ron", c.stem))
}

/// Store a new status file for the committee, checked as the CLI checks
/// one, after the role's limits: a clerk may add, change or remove only
/// InProgress and Fixed entries (an `Accepted` is the street's or the
/// district's word).
pub async fn put_status(
    db: &Db,
    p: &Principal,
    c: &Committee,
    mut file: StatusFile,
) -> Result<StatusFile, ApiError> {
    if !p.can_write_status(&c.as_ref()) {
        return Err(ApiError::not_found());
    }
    file.committee = c.code.clone();
    let text = file.to_ron();
    let checked = parse_status(&status_path(c), &text).map_err(|e| {
        ApiError::refused(
            &e.display(crate::model::Lang::Zh),
            &e.display(crate::model::Lang::En),
        )
    })?;
    if !p.can_accept() {
        let before = status(db, c).await?;
        let accepted = |f: &StatusFile| {
            f.entries
                .iter()
                .filter(|e| e.status == Status::Accepted)
                .map(|e| {
                    let mut e = e.clone();
                    e.line = 0;
                    e
                })
                .collect::<Vec<_>>()
        };
        if accepted(&before) != accepted(&checked) {
            return Err(ApiError::refused(
                "居委会只能填写整改中 (InProgress) 和已整改 (Fixed);同意例外 (Accepted) 由街道或区填写",
                "a committee may write InProgress and Fixed entries only; Accepted is the street's or the district's",
            ));
        }
    }
    put_status_unchecked(db, c, &checked, &p.name).await?;
    Ok(checked)
}

/// Store a status file already checked (its revision follows the newest).
pub async fn put_status_unchecked(
    db: &Db,
    c: &Committee,
    file: &StatusFile,
    by: &str,
) -> Result<(), ApiError> {
    let text = file.to_ron();
    retry(|| {
        let text = text.clone();
        async move {
            let mut tx = db.begin_write().await?;
            let rev = next_number(
                &mut tx,
                "SELECT MAX(revision) AS r FROM status_revisions WHERE committee = $1",
                Some(&c.code),
            )
            .await?;
            sqlx::query(
                "INSERT INTO status_revisions (committee, revision, ron, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&c.code)
            .bind(rev)
            .bind(&text)
            .bind(by)
            .bind(super::now_text())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        }
    })
    .await
}

// ---------------------------------------------------------------- comments

/// A stored comment: the file's comment and its number.
#[derive(Debug, Clone, Serialize)]
pub struct StoredComment {
    pub seq: i64,
    #[serde(flatten)]
    pub comment: Comment,
}

/// The committee's comments, oldest first.
pub async fn comments(db: &Db, code: &str) -> Result<Vec<StoredComment>, ApiError> {
    let rows = sqlx::query(
        "SELECT seq, code, room, item, asset, body, recorded_by, recorded_at FROM comments WHERE committee = $1 ORDER BY seq",
    )
    .bind(code)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<StoredComment, ApiError> {
            let item: Option<String> = r.try_get("item")?;
            Ok(StoredComment {
                seq: r.try_get("seq")?,
                comment: Comment {
                    code: r.try_get("code")?,
                    room: r.try_get("room")?,
                    item: item.and_then(|i| ItemKind::ALL.iter().copied().find(|k| k.ident() == i)),
                    asset: r.try_get("asset")?,
                    body: r.try_get("body")?,
                    by: r.try_get("recorded_by")?,
                    at: r.try_get("recorded_at")?,
                },
            })
        })
        .collect()
}

/// Add comments (checked first: a known code, not empty, not too long);
/// `by` and `at` are the comments' own (a comment imported from a file keeps
/// who wrote it and when). Nothing is stored when one is refused.
pub async fn add_comments(
    db: &Db,
    c: &Committee,
    new: &[Comment],
) -> Result<Vec<StoredComment>, ApiError> {
    for n in new {
        if let Some((zh, en)) = n.problem() {
            return Err(ApiError::refused(&zh, &en));
        }
    }
    retry(|| async {
        let mut tx = db.begin_write().await?;
        let mut seq = next_number(
            &mut tx,
            "SELECT MAX(seq) AS r FROM comments WHERE committee = $1",
            Some(&c.code),
        )
        .await?;
        let mut out = Vec::with_capacity(new.len());
        for n in new {
            sqlx::query(
                "INSERT INTO comments (committee, seq, code, room, item, asset, body, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&c.code)
            .bind(seq)
            .bind(n.code.as_deref())
            .bind(n.room.as_deref())
            .bind(n.item.map(|k| k.ident()))
            .bind(n.asset.as_deref())
            .bind(n.body.trim())
            .bind(&n.by)
            .bind(&n.at)
            .execute(&mut *tx)
            .await?;
            out.push(StoredComment {
                seq,
                comment: Comment {
                    body: n.body.trim().to_string(),
                    ..n.clone()
                },
            });
            seq += 1;
        }
        tx.commit().await?;
        Ok(out)
    })
    .await
}

// ---------------------------------------------------------------- count sheets

/// Keep a count sheet under `name` (a later upload of the same name is kept
/// under a numbered name: nothing is overwritten). The name it was kept under.
pub async fn put_sheet(
    db: &Db,
    c: &Committee,
    name: &str,
    content: &[u8],
    by: &str,
) -> Result<String, ApiError> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.to_string(), String::new()),
    };
    retry(|| {
        let (stem, ext) = (stem.clone(), ext.clone());
        async move {
            let mut tx = db.begin_write().await?;
            let mut n = 1;
            let mut candidate = format!("{stem}{ext}");
            while sqlx::query("SELECT name FROM count_sheets WHERE committee = $1 AND name = $2")
                .bind(&c.code)
                .bind(&candidate)
                .fetch_optional(&mut *tx)
                .await?
                .is_some()
            {
                n += 1;
                candidate = format!("{stem}-{n}{ext}");
            }
            sqlx::query(
                "INSERT INTO count_sheets (committee, name, content, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&c.code)
            .bind(&candidate)
            .bind(content)
            .bind(by)
            .bind(super::now_text())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(candidate)
        }
    })
    .await
}

/// The committee's count sheets: `(name, content)`.
pub async fn sheets(db: &Db, code: &str) -> Result<Vec<(String, Vec<u8>)>, ApiError> {
    let rows =
        sqlx::query("SELECT name, content FROM count_sheets WHERE committee = $1 ORDER BY name")
            .bind(code)
            .fetch_all(&db.pool)
            .await?;
    Ok(rows
        .iter()
        .map(|r| Ok((r.try_get("name")?, r.try_get("content")?)))
        .collect::<Result<_, sqlx::Error>>()?)
}

// ---------------------------------------------------------------- profile

/// The district's profile (thresholds and price list): the newest stored
/// revision, else the built-in Jing'an 2017 one (revision 0). `(revision,
/// text, profile)`.
pub async fn profile(db: &Db) -> Result<(i64, String, crate::rules::Profile), ApiError> {
    let row = sqlx::query("SELECT revision, ron FROM profiles ORDER BY revision DESC LIMIT 1")
        .fetch_optional(&db.pool)
        .await?;
    match row {
        Some(r) => {
            let text: String = r.try_get("ron")?;
            let p = crate::rules::Profile::parse(Path::new("profile.ron"), &text)
                .map_err(|e| ApiError::internal(&e.display(crate::model::Lang::En)))?;
            Ok((r.try_get("revision")?, text, p))
        }
        None => Ok((
            0,
            crate::rules::profile::JINGAN_2017.to_string(),
            crate::rules::Profile::default(),
        )),
    }
}

/// Store a new revision of the district's profile, checked as `--profile`
/// files are; its number.
pub async fn put_profile(db: &Db, text: &str, by: &str) -> Result<i64, ApiError> {
    crate::rules::Profile::parse(Path::new("profile.ron"), text).map_err(|e| {
        ApiError::refused(
            &e.display(crate::model::Lang::Zh),
            &e.display(crate::model::Lang::En),
        )
    })?;
    retry(|| async {
        let mut tx = db.begin_write().await?;
        let rev = next_number(&mut tx, "SELECT MAX(revision) AS r FROM profiles", None).await?;
        sqlx::query(
            "INSERT INTO profiles (revision, ron, recorded_by, recorded_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(rev)
        .bind(text)
        .bind(by)
        .bind(super::now_text())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(rev)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ledgers_line_numbers_are_said_as_event_numbers() {
        let starts = [5, 12, 13];
        assert_eq!(
            relabel_lines(
                "早于上一条事件(第 12 行)的日期",
                &starts,
                "第 ",
                " 行",
                "第 ",
                " 条事件"
            ),
            "早于上一条事件(第 2 条事件)的日期"
        );
        assert_eq!(
            relabel_lines(
                "an event dated 2026-01-01 (line 13): events",
                &starts,
                "line ",
                "",
                "event ",
                ""
            ),
            "an event dated 2026-01-01 (event 3): events"
        );
        // a line that starts no event, and text without any, stay as they are
        assert_eq!(
            relabel_lines("(line 7) and line x", &starts, "line ", "", "event ", ""),
            "(line 7) and line x"
        );
        let text = "(\n    format: 1,\n    committee: \"J\",\n    events: [\n        (date: \"2024-01-01\", event: TermChange(election: \"2024-01-01\")),\n    ],\n)\n";
        assert_eq!(event_lines(text), [5]);
    }
}
