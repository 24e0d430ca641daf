//! The HTTP API of server.md: JSON in, JSON out; events and plans in the
//! shape serde gives the formats' own types. Every handler authorises per
//! committee: what the user may not read is 404.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequestParts, Multipart, Path, Query, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::auth::{self, Principal};
use super::error::ApiError;
use super::store::{self, Committee};
use super::AppState;
use crate::followup::status::StatusFile;
use crate::model::Plan;
use crate::register::record::NewEvent;
use crate::register::EventKind;

/// The session cookie's name.
pub const COOKIE: &str = "juwei_session";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/committees", get(committees))
        .route("/api/committees/{code}/plan", get(get_plan).put(put_plan))
        .route("/api/committees/{code}/check", get(check))
        .route("/api/committees/{code}/register", get(register))
        .route("/api/committees/{code}/events", post(post_event))
        .route("/api/committees/{code}/stocktakes", post(stocktake))
        .route(
            "/api/committees/{code}/status",
            get(get_status).put(put_status),
        )
        .route(
            "/api/committees/{code}/comments",
            get(get_comments).post(post_comment),
        )
        .route("/api/audit", get(audit))
        .route("/api/profile", get(get_profile).put(put_profile))
}

/// The signed-in user of a request (401 without a current session).
pub struct Session(pub Principal);

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(COOKIE).map(|c| c.value().to_string()) else {
            return Err(ApiError::signed_out());
        };
        match auth::session_user(&state.db, &token).await? {
            Some(p) => Ok(Session(p)),
            None => Err(ApiError::signed_out()),
        }
    }
}

/// A request that changes something must show it comes from our own pages
/// or a program: a JSON body (which a form of another site cannot send), or
/// the session's CSRF token in `X-CSRF-Token`. (The cookie is also
/// SameSite=Strict.)
pub fn check_csrf(headers: &HeaderMap, p: &Principal) -> Result<(), ApiError> {
    let json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == p.csrf);
    if json || token {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "缺少 CSRF 令牌 (X-CSRF-Token)",
            "missing CSRF token (X-CSRF-Token)",
        ))
    }
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS.
pub fn session_cookie(token: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(s) = max_age {
        c.push_str(&format!("; Max-Age={s}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("a cookie of hex and ascii")
}

fn parse_json<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request(
            &format!("请求内容不是所需的 JSON: {e}"),
            &format!("the body is not the JSON expected: {e}"),
        )
    })
}

#[derive(Deserialize)]
struct LoginBody {
    user: String,
    password: String,
}

#[derive(Serialize)]
struct LoginAnswer<'a> {
    user: &'a str,
    role: auth::Role,
    committee: Option<&'a str>,
    street: Option<&'a str>,
    /// For requests that are not JSON (uploads): send it as X-CSRF-Token.
    csrf: &'a str,
}

/// Check a user's password, with the sign-in limit; `(token, principal)`.
pub async fn sign_in(
    state: &AppState,
    addr: SocketAddr,
    user: &str,
    password: &str,
) -> Result<(String, Principal), ApiError> {
    let ip = addr.ip();
    if let Some(wait) = state.limiter.blocked(user, ip) {
        return Err(ApiError::too_many(wait));
    }
    match auth::login(&state.db, user, password).await {
        Ok((token, _)) => {
            state.limiter.succeeded(user, ip);
            let p = auth::session_user(&state.db, &token)
                .await?
                .ok_or_else(ApiError::signed_out)?;
            Ok((token, p))
        }
        Err(e) => {
            if e.status == StatusCode::UNAUTHORIZED {
                state.limiter.failed(user, ip);
            }
            Err(e)
        }
    }
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let b: LoginBody = parse_json(&body)?;
    let (token, p) = sign_in(&state, addr, &b.user, &b.password).await?;
    let mut r = Json(LoginAnswer {
        user: &p.name,
        role: p.role,
        committee: p.committee.as_deref(),
        street: p.street.as_deref(),
        csrf: &p.csrf,
    })
    .into_response();
    r.headers_mut().insert(
        SET_COOKIE,
        session_cookie(&token, state.secure_cookies, None),
    );
    Ok(r)
}

async fn logout(State(state): State<AppState>, jar: CookieJar) -> Result<Response, ApiError> {
    if let Some(c) = jar.get(COOKIE) {
        auth::logout(&state.db, c.value()).await?;
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(
        SET_COOKIE,
        session_cookie("", state.secure_cookies, Some(0)),
    );
    Ok(r)
}

async fn committees(
    State(state): State<AppState>,
    Session(p): Session,
) -> Result<Json<Vec<Committee>>, ApiError> {
    Ok(Json(store::visible_committees(&state.db, &p).await?))
}

#[derive(Deserialize)]
struct RevisionQuery {
    revision: Option<i64>,
}

async fn get_plan(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    Query(q): Query<RevisionQuery>,
) -> Result<Response, ApiError> {
    let c = store::readable(&state.db, &p, &code).await?;
    let Some((rev, text)) = store::plan_text(&state.db, &c.code, q.revision).await? else {
        return Err(ApiError::not_found());
    };
    let plan = store::parse_plan_text(&c, &text)?;
    let mut r = Json(plan).into_response();
    r.headers_mut()
        .insert("x-juwei-revision", HeaderValue::from(rev));
    Ok(r)
}

#[derive(Serialize)]
struct Revision {
    revision: i64,
}

async fn put_plan(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Revision>), ApiError> {
    check_csrf(&headers, &p)?;
    let c = store::readable(&state.db, &p, &code).await?;
    if !p.can_write_ledger(&c.as_ref()) {
        return Err(ApiError::not_found());
    }
    let is_json = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let text = if is_json {
        let plan: Plan = parse_json(&body)?;
        crate::io::plan_to_string(&plan)
    } else {
        String::from_utf8(body.to_vec()).map_err(|_| {
            ApiError::bad_request("平面图不是 UTF-8 文本", "the plan is not UTF-8 text")
        })?
    };
    let revision = store::put_plan(&state.db, &c, &text, &p.name).await?;
    Ok((StatusCode::CREATED, Json(Revision { revision })))
}

/// The committee's check as `juwei check --format json` gives it (the plan,
/// its previous revision, the register and the status entries).
pub async fn check_json(state: &AppState, c: &Committee) -> Result<String, ApiError> {
    let (plan, result) = check_report(state, c).await?;
    Ok(crate::report::json::check_text(
        &c.plan_path().display().to_string(),
        &plan,
        &result,
    ))
}

/// The committee's current plan and its check (the previous revision, the
/// register and the status entries applied): what [`check_json`] writes
/// and the web pages draw.
pub async fn check_report(
    state: &AppState,
    c: &Committee,
) -> Result<(Plan, crate::rules::CheckReport), ApiError> {
    let Some((rev, text)) = store::plan_text(&state.db, &c.code, None).await? else {
        return Err(ApiError::not_found());
    };
    let plan = store::parse_plan_text(c, &text)?;
    let previous = match rev {
        1 => None,
        r => match store::plan_text(&state.db, &c.code, Some(r - 1)).await? {
            Some((_, t)) => Some(store::parse_plan_text(c, &t)?),
            None => None,
        },
    };
    let mut conn = state.db.pool.acquire().await?;
    let events = store::events(&mut conn, &c.code).await?;
    drop(conn);
    let mut register = (!events.is_empty()).then(|| store::register_of(c, &events));
    // A1-3.6.3c reads the count sheets beside the register, and the sheets'
    // room names through the plan beside it: both are in the database, so
    // they are laid out in a folder of this check's own (never the server's
    // working folder, where a file of the same name would be read instead)
    let mut _beside = None;
    if let Some(reg) = register.as_mut() {
        if reg
            .events
            .iter()
            .any(|e| matches!(e.kind, crate::register::EventKind::Stocktake { .. }))
        {
            let dir = tempfile::tempdir().map_err(|e| ApiError::internal(&e))?;
            let stem = super::stocktake::safe_name(&c.stem);
            let write = |name: &str, bytes: &[u8]| {
                std::fs::write(dir.path().join(name), bytes).map_err(|e| ApiError::internal(&e))
            };
            write(&format!("{stem}.ron"), text.as_bytes())?;
            for (name, bytes) in store::sheets(&state.db, &c.code).await? {
                write(&super::stocktake::safe_name(&name), &bytes)?;
            }
            reg.path = dir.path().join(format!("{stem}.register.ron"));
            _beside = Some(dir);
        }
    }
    let status = store::status(&state.db, c).await?;
    let today = super::today();
    let (_, _, profile) = store::profile(&state.db).await?;
    let mut result = crate::committee::check_committee(&crate::committee::CommitteeInput {
        plan: &plan,
        plan_text: Some(&text),
        previous: previous.as_ref(),
        register: register.as_ref(),
        today,
        profile: &profile,
    })
    .report;
    if !status.entries.is_empty() {
        let (marked, extra) =
            crate::followup::apply_status(std::mem::take(&mut result.findings), &status, today);
        result.findings = marked;
        result.findings.extend(extra);
        crate::rules::sort_findings(&mut result.findings);
    }
    Ok((plan, result))
}

fn json_text(text: String) -> Response {
    ([(CONTENT_TYPE, "application/json; charset=utf-8")], text).into_response()
}

async fn check(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
) -> Result<Response, ApiError> {
    let c = store::readable(&state.db, &p, &code).await?;
    Ok(json_text(check_json(&state, &c).await?))
}

async fn register(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
) -> Result<Json<Vec<store::StoredEvent>>, ApiError> {
    let c = store::readable(&state.db, &p, &code).await?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(Json(store::events(&mut conn, &c.code).await?))
}

/// One event in the format's shape, as JSON.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventBody {
    #[serde(with = "crate::model::date")]
    pub date: NaiveDate,
    #[serde(default)]
    pub asset: Option<String>,
    pub event: EventKind,
}

impl EventBody {
    pub fn into_new(self) -> NewEvent {
        NewEvent {
            date: self.date,
            asset: self.asset,
            kind: self.event,
        }
    }
}

async fn post_event(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<store::StoredEvent>), ApiError> {
    check_csrf(&headers, &p)?;
    let c = store::readable(&state.db, &p, &code).await?;
    if !p.can_write_ledger(&c.as_ref()) {
        return Err(ApiError::not_found());
    }
    let ev: EventBody = parse_json(&body)?;
    // the write runs to its end even when the client goes away
    let db = state.db.clone();
    let by = p.name.clone();
    let stored =
        tokio::spawn(async move { store::append_events(&db, &c, &[ev.into_new()], &by).await })
            .await
            .map_err(|e| ApiError::internal(&e))??;
    let one = stored
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal(&"no event stored"))?;
    Ok((StatusCode::CREATED, Json(one)))
}

async fn get_comments(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
) -> Result<Json<Vec<store::StoredComment>>, ApiError> {
    let c = store::readable(&state.db, &p, &code).await?;
    Ok(Json(store::comments(&state.db, &c.code).await?))
}

/// A comment as the API takes it: the finding's code (none: the committee
/// as a whole), its room, item or asset as in a status entry, the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentBody {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    item: Option<crate::model::ItemKind>,
    #[serde(default)]
    asset: Option<String>,
    body: String,
}

async fn post_comment(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<store::StoredComment>), ApiError> {
    check_csrf(&headers, &p)?;
    let c = store::readable(&state.db, &p, &code).await?;
    if !p.can_comment(&c.as_ref()) {
        return Err(ApiError::not_found());
    }
    let b: CommentBody = parse_json(&body)?;
    let comment = crate::followup::comments::Comment {
        code: b.code,
        room: b.room,
        item: b.item,
        asset: b.asset,
        body: b.body,
        by: p.name.clone(),
        at: super::now_text(),
    };
    let one = store::add_comments(&state.db, &c, &[comment])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal(&"no comment stored"))?;
    Ok((StatusCode::CREATED, Json(one)))
}

#[derive(Deserialize)]
struct StocktakeQuery {
    #[serde(default)]
    apply: bool,
    date: Option<String>,
}

async fn stocktake(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    Query(q): Query<StocktakeQuery>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Result<Response, ApiError> {
    check_csrf(&headers, &p)?;
    let c = store::readable(&state.db, &p, &code).await?;
    if !p.can_write_ledger(&c.as_ref()) {
        return Err(ApiError::not_found());
    }
    let mut sheet: Option<(String, Vec<u8>)> = None;
    let mut fields = super::stocktake::Fields::default();
    while let Some(field) = form.next_field().await.map_err(|e| {
        ApiError::bad_request(&format!("上传内容有误: {e}"), &format!("bad upload: {e}"))
    })? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "sheet" {
            let file = field.file_name().unwrap_or("count.csv").to_string();
            let bytes = field.bytes().await.map_err(|e| {
                ApiError::bad_request(&format!("上传内容有误: {e}"), &format!("bad upload: {e}"))
            })?;
            sheet = Some((file, bytes.to_vec()));
        } else {
            let v = field.text().await.unwrap_or_default();
            fields.set(&name, v);
        }
    }
    if let Some(d) = q.date {
        fields.set("date", d);
    }
    fields.apply |= q.apply;
    let Some((file, bytes)) = sheet else {
        return Err(ApiError::bad_request(
            "请上传盘点表 (字段 sheet)",
            "upload the count sheet (field `sheet`)",
        ));
    };
    let out = super::stocktake::run(&state, &c, &p.name, &file, &bytes, &fields).await?;
    Ok(json_text(out.json))
}

async fn get_status(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
) -> Result<Json<StatusFile>, ApiError> {
    let c = store::readable(&state.db, &p, &code).await?;
    Ok(Json(store::status(&state.db, &c).await?))
}

#[derive(Deserialize)]
struct StatusBody {
    entries: Vec<crate::followup::status::StatusEntry>,
}

async fn put_status(
    State(state): State<AppState>,
    Session(p): Session,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<StatusFile>, ApiError> {
    check_csrf(&headers, &p)?;
    let c = store::readable(&state.db, &p, &code).await?;
    let b: StatusBody = parse_json(&body)?;
    let mut file = StatusFile::new(c.code.clone());
    file.entries = b.entries;
    Ok(Json(store::put_status(&state.db, &p, &c, file).await?))
}

#[derive(Deserialize)]
struct AuditQuery {
    street: Option<String>,
    /// Compare with the district as the server had it at the end of this
    /// day (UTC): the audit JSON then has `trend`, `added`, `gone`, … as
    /// with `juwei audit --previous`.
    since: Option<String>,
}

async fn audit(
    State(state): State<AppState>,
    Session(p): Session,
    Query(q): Query<AuditQuery>,
) -> Result<Response, ApiError> {
    let mut list = store::visible_committees(&state.db, &p).await?;
    if let Some(s) = &q.street {
        list.retain(|c| &c.street == s);
    }
    // an audit of nothing is no audit (the CLI's refuses an empty folder):
    // no committee the user may read, or no such street for them
    if list.is_empty() {
        return Err(ApiError::not_found());
    }
    let since = match q.since.as_deref() {
        None | Some("") => None,
        Some(d) => Some(crate::model::date::parse(d).map_err(|e| {
            ApiError::bad_request(&format!("since={d}: {e}"), &format!("since={d}: {e}"))
        })?),
    };
    let text = super::transfer::audit_json(&state.db, &list, since).await?;
    Ok(json_text(text))
}

#[derive(Serialize)]
struct ProfileAnswer {
    /// 0: the built-in Jing'an 2017 profile.
    revision: i64,
    ron: String,
}

async fn get_profile(
    State(state): State<AppState>,
    Session(_): Session,
) -> Result<Json<ProfileAnswer>, ApiError> {
    let (revision, ron, _) = store::profile(&state.db).await?;
    Ok(Json(ProfileAnswer { revision, ron }))
}

/// A new profile (RON text, as `--profile` reads it): the district's only.
async fn put_profile(
    State(state): State<AppState>,
    Session(p): Session,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Revision>), ApiError> {
    check_csrf(&headers, &p)?;
    if p.role != auth::Role::District {
        return Err(ApiError::not_found());
    }
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        ApiError::bad_request("规则配置不是 UTF-8 文本", "the profile is not UTF-8 text")
    })?;
    let revision = store::put_profile(&state.db, &text, &p.name).await?;
    Ok((StatusCode::CREATED, Json(Revision { revision })))
}
