//! The web pages (server.md "Web pages"): server-rendered HTML from the
//! templates in `templates/` (minijinja, auto-escaping every value), Chinese
//! first with an English toggle (`?lang=en`, kept in the `juwei_lang`
//! cookie), one small responsive stylesheet inline, no script: every task is
//! a plain form, answered by a redirect (303) to the page it came from.
//!
//! The pages read and write through the same functions as the API
//! ([`store`], [`api::check_report`], [`super::stocktake::run`],
//! [`super::transfer::audit_json`]) and authorise the same way: what the
//! user may not read is a 404 page. Every form carries the session's CSRF
//! token; the sign-in form (before a session) a token of its own, kept in a
//! SameSite=Strict cookie (double submit).
//!
//! - `GET /login`, `POST /login`, `POST /logout`, `GET /` (to the user's
//!   own page by role);
//! - `GET /c/{code}`: a committee (plan drawing with its findings, the
//!   cards, the seals, recent events, the forms); `POST /c/{code}/events`,
//!   `POST /c/{code}/stocktakes` (a count sheet reconciled; with `apply=1`
//!   settled), `POST /c/{code}/status`;
//! - `GET /s/{street}`: a street (its committees, the gap matrix, the
//!   整改清单 with a status form per finding);
//! - `GET /district`: the streets' totals, the trend, the costs.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::extract::{ConnectInfo, FromRequestParts, Multipart, Path, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use chrono::NaiveDate;
use minijinja::{Environment, Value};
use serde::{Deserialize, Serialize};

use super::api;
use super::auth::{self, CommitteeRef, Principal, Role};
use super::error::ApiError;
use super::store::{self, Committee};
use super::AppState;
use crate::followup::status::Status;
use crate::model::{ItemKind, Lang, Plan};
use crate::register::record::NewEvent;
use crate::register::typed::{parse_loose_date, parse_yuan, resolve_room, RoomMatch};
use crate::register::{EventKind, Register};
use crate::rules::{CheckReport, Finding, Severity};

/// The cookie that keeps the chosen language.
pub const LANG_COOKIE: &str = "juwei_lang";
/// The cookie of the sign-in form's token (there is no session yet).
pub const LOGIN_COOKIE: &str = "juwei_login";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_form).post(login_post))
        .route("/logout", post(logout))
        .route("/c/{code}", get(committee_page))
        .route("/c/{code}/events", post(event_post))
        .route("/c/{code}/stocktakes", post(stocktake_post))
        .route("/c/{code}/status", post(status_post))
        .route("/c/{code}/comments", post(comment_post))
        .route("/s/{street}", get(street_page))
        .route("/district", get(district_page))
}

// ------------------------------------------------------------ templates

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut e = Environment::new();
        for (name, src) in TEMPLATES {
            // the templates are part of the program: a unit test parses
            // every one, so this cannot fail at run time
            e.add_template(name, src)
                .unwrap_or_else(|err| panic!("template {name}: {err}"));
        }
        e.add_function("t", t);
        e.add_filter("yuan", yuan_filter);
        e.add_filter("yuanf", yuan_float_filter);
        e
    })
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("templates/base.html")),
    ("login.html", include_str!("templates/login.html")),
    ("error.html", include_str!("templates/error.html")),
    ("committee.html", include_str!("templates/committee.html")),
    ("stocktake.html", include_str!("templates/stocktake.html")),
    ("street.html", include_str!("templates/street.html")),
    ("district.html", include_str!("templates/district.html")),
    (
        "status_form.html",
        include_str!("templates/status_form.html"),
    ),
];

/// `{{ t("中文", "English") }}`: the text of the page's language.
fn t(state: &minijinja::State, zh: String, en: String) -> String {
    let en_page = state
        .lookup("lang")
        .is_some_and(|l| l.as_str() == Some("en"));
    if en_page {
        en
    } else {
        zh
    }
}

/// `{{ yuan|yuanf }}`: yuan as the audit JSON gives them (a number with
/// decimals), to the fen, with thousands separators.
fn yuan_float_filter(v: Value) -> String {
    match f64::try_from(v) {
        Ok(y) if y.is_finite() && y.abs() < 9.0e13 => {
            crate::register::yuan_grouped((y * 100.0).round() as i64)
        }
        Ok(_) => "—".into(),
        Err(_) => "—".into(),
    }
}

/// `{{ fen|yuan }}`: integer fen as yuan with thousands separators.
fn yuan_filter(v: Value) -> String {
    match i64::try_from(v) {
        Ok(fen) => crate::register::yuan_grouped(fen),
        Err(_) => "—".into(),
    }
}

// ------------------------------------------------------------ request context

/// What every page needs of the request: its language, its path (for the
/// language toggle and the sign-in's `next`), and whether the language was
/// just chosen (to be kept in a cookie).
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    /// Path and query of the request.
    pub uri: String,
    path: String,
    query: Vec<(String, String)>,
    chosen: bool,
    /// A GET (or HEAD): a page the sign-in may come back to.
    get: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query: Vec<(String, String)> = parts.uri.query().map(parse_query).unwrap_or_default();
        let asked = query
            .iter()
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| lang_of(v));
        let jar = CookieJar::from_headers(&parts.headers);
        let kept = jar.get(LANG_COOKIE).and_then(|c| lang_of(c.value()));
        Ok(Ctx {
            lang: asked.or(kept).unwrap_or(Lang::Zh),
            uri: parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(|| "/".into()),
            path: parts.uri.path().to_string(),
            query,
            chosen: asked.is_some(),
            get: matches!(
                parts.method,
                axum::http::Method::GET | axum::http::Method::HEAD
            ),
        })
    }
}

fn lang_of(s: &str) -> Option<Lang> {
    match s {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

fn lang_word(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// `a=1&b=%E4%B8%AD` → pairs, percent- and plus-decoded.
fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (pct_decode(k), pct_decode(v))
        })
        .collect()
}

fn pct_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex_digit(b[i + 1]), hex_digit(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encode everything but unreserved characters (and `/` when
/// `slash`): for a path segment (`slash` false) or a query value.
pub fn pct_encode(s: &str, slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || b"-._~".contains(&c) || (slash && c == b'/') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

impl Ctx {
    /// This page in the other language.
    fn toggle_url(&self) -> String {
        let other = match self.lang {
            Lang::Zh => "en",
            Lang::En => "zh",
        };
        let mut q: Vec<String> = self
            .query
            .iter()
            .filter(|(k, _)| k != "lang" && k != "ok")
            .map(|(k, v)| format!("{}={}", pct_encode(k, false), pct_encode(v, true)))
            .collect();
        q.push(format!("lang={other}"));
        format!("{}?{}", self.path, q.join("&"))
    }

    fn query(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Render `name` with `vars` and what every page has (language, the
    /// toggle, the signed-in user and their CSRF token).
    fn render(
        &self,
        name: &str,
        status: StatusCode,
        user: Option<&Principal>,
        vars: Value,
    ) -> Response {
        let base = minijinja::context! {
            lang => lang_word(self.lang),
            toggle => self.toggle_url(),
            user => user.map(|p| minijinja::context! {
                name => p.name.clone(),
                role => p.role.as_str(),
                role_name => self.lang.pick(p.role.name_zh(), p.role.as_str()),
            }),
            csrf => user.map(|p| p.csrf.clone()),
        };
        let ctx = minijinja::context! { ..vars, ..base };
        let html = match env().get_template(name).and_then(|t| t.render(ctx)) {
            Ok(h) => h,
            Err(e) => {
                let e = ApiError::internal(&e);
                return (e.status, e.message(self.lang).to_string()).into_response();
            }
        };
        let mut r = (
            status,
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    axum::http::header::CACHE_CONTROL,
                    HeaderValue::from_static("no-store"),
                ),
            ],
            html,
        )
            .into_response();
        self.keep_lang(&mut r);
        r
    }

    fn keep_lang(&self, r: &mut Response) {
        if self.chosen {
            let c = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                lang_word(self.lang)
            );
            if let Ok(v) = HeaderValue::from_str(&c) {
                r.headers_mut().append(SET_COOKIE, v);
            }
        }
    }

    /// An error as a page: its status, the message in the page's language
    /// first and the other below; a signed-out user is sent to sign in.
    pub fn error(&self, e: ApiError, user: Option<&Principal>) -> Response {
        if e.status == StatusCode::UNAUTHORIZED && user.is_none() {
            return self.to_login();
        }
        let l = |zh: &'static str, en: &'static str| self.lang.pick(zh, en);
        let title = match e.status {
            StatusCode::NOT_FOUND => l("找不到这个页面", "Page not found"),
            StatusCode::SERVICE_UNAVAILABLE => l("数据库暂时无法连接", "Database unavailable"),
            StatusCode::BAD_REQUEST => l("请求有误", "Bad request"),
            StatusCode::UNPROCESSABLE_ENTITY => l("未能保存", "Not saved"),
            StatusCode::CONFLICT => l("未能保存", "Not saved"),
            StatusCode::TOO_MANY_REQUESTS => l("请稍后再试", "Try again later"),
            StatusCode::UNAUTHORIZED => l("未登录", "Not signed in"),
            _ => l("服务器出错", "Server error"),
        };
        let other = match self.lang {
            Lang::Zh => &e.message_en,
            Lang::En => &e.message,
        };
        let mut r = self.render(
            "error.html",
            e.status,
            user,
            minijinja::context! {
                title => title,
                status => e.status.as_u16(),
                message => e.message(self.lang),
                other => other,
            },
        );
        if let Some(s) = e.retry_after {
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(s));
        }
        r
    }

    /// 303 to the sign-in page, coming back here afterwards.
    fn to_login(&self) -> Response {
        // a form posted after the session ended: back to the user's own
        // page (its path takes no GET)
        let next = if self.get { self.uri.as_str() } else { "/" };
        let mut r = see_other(&format!("/login?next={}", pct_encode(next, true)));
        self.keep_lang(&mut r);
        r
    }
}

/// 303 See Other to `to` (a local path).
fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(LOCATION, v);
    }
    r
}

/// A `next` or `back` path is followed only when it is local: one leading
/// slash, no scheme or host, no backslash or control characters.
pub fn local_path(p: &str) -> Option<&str> {
    let ok = p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then_some(p)
}

/// The signed-in user of a page request; without a current session the
/// page answers with a redirect to the sign-in page (and `next` back).
pub struct Signed(pub Principal, pub Ctx);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let ctx = match Ctx::from_request_parts(parts, state).await {
            Ok(c) => c,
            Err(never) => match never {},
        };
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(api::COOKIE).map(|c| c.value().to_string()) else {
            return Err(ctx.to_login());
        };
        match auth::session_user(&state.db, &token).await {
            Ok(Some(p)) => Ok(Signed(p, ctx)),
            Ok(None) => Err(ctx.to_login()),
            Err(e) => Err(ctx.error(e, None)),
        }
    }
}

/// Does the form's `csrf` field carry the session's token?
fn csrf_ok(p: &Principal, given: Option<&str>) -> bool {
    let Some(g) = given else { return false };
    let (a, b) = (g.as_bytes(), p.csrf.as_bytes());
    // the same time whatever the first difference
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// `back` with `ok=WORD` in its query (before its `#anchor`, where a
/// browser would take it for part of the anchor).
fn with_ok(back: &str, word: &str) -> String {
    let (path, anchor) = match back.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (back, String::new()),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}ok={word}{anchor}")
}

/// The committee a form was posted to, when the form carries the session's
/// CSRF token and the user may do what `may` asks there; otherwise the error
/// page to answer with (404 for a committee the user may not change, as the
/// API answers).
async fn form_target(
    state: &AppState,
    p: &Principal,
    ctx: &Ctx,
    code: &str,
    f: &Fields,
    may: fn(&Principal, &CommitteeRef<'_>) -> bool,
) -> Result<Committee, Response> {
    if !csrf_ok(p, f.get("csrf")) {
        return Err(ctx.error(csrf_refused(), Some(p)));
    }
    match store::readable(&state.db, p, code).await {
        Ok(c) if may(p, &c.as_ref()) => Ok(c),
        Ok(_) => Err(ctx.error(ApiError::not_found(), Some(p))),
        Err(e) => Err(ctx.error(e, Some(p))),
    }
}

fn csrf_refused() -> ApiError {
    ApiError::bad_request(
        "表单已过期或不是从本系统的页面提交的 (CSRF 令牌不对):请回到页面刷新后再提交",
        "the form has expired or was not sent from this system's pages (wrong CSRF token): reload the page and send it again",
    )
}

/// Form fields as sent (a field may repeat).
#[derive(Debug, Default, Clone)]
struct Fields(Vec<(String, String)>);

impl Fields {
    fn get(&self, k: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
    fn all(&self, k: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }
    fn map(&self) -> HashMap<String, String> {
        let mut m = HashMap::new();
        for (k, v) in &self.0 {
            if k != "csrf" {
                m.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        m
    }
}

// ------------------------------------------------------------ sign in

/// Where a user's own page is.
fn home_of(p: &Principal) -> String {
    match p.role {
        Role::Clerk => match &p.committee {
            Some(c) => format!("/c/{}", pct_encode(c, false)),
            None => "/district".into(),
        },
        Role::Street => match &p.street {
            Some(s) => format!("/s/{}", pct_encode(s, false)),
            None => "/district".into(),
        },
        Role::District | Role::Admin => "/district".into(),
    }
}

async fn home(s: Result<Signed, Response>) -> Response {
    match s {
        Ok(Signed(p, ctx)) => {
            let mut r = see_other(&home_of(&p));
            ctx.keep_lang(&mut r);
            r
        }
        Err(r) => r,
    }
}

fn login_page(
    ctx: &Ctx,
    status: StatusCode,
    next: &str,
    user: &str,
    error: Option<&str>,
) -> Response {
    let token = auth::random_hex(16);
    let mut r = ctx.render(
        "login.html",
        status,
        None,
        minijinja::context! {
            next => next,
            form_token => token.clone(),
            name => user,
            error => error,
        },
    );
    let c = format!("{LOGIN_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict");
    if let Ok(v) = HeaderValue::from_str(&c) {
        r.headers_mut().append(SET_COOKIE, v);
    }
    r
}

async fn login_form(ctx: Ctx) -> Response {
    let next = ctx.query("next").and_then(local_path).unwrap_or("/");
    login_page(&ctx, StatusCode::OK, next, "", None)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    form_token: String,
}

async fn login_post(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    ctx: Ctx,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Response {
    let next = local_path(&f.next).unwrap_or("/").to_string();
    let token_ok = jar
        .get(LOGIN_COOKIE)
        .is_some_and(|c| !f.form_token.is_empty() && c.value() == f.form_token);
    if !token_ok {
        let msg = ctx.lang.pick(
            "登录表单已过期,或浏览器未保存 Cookie:请在此页重新登录",
            "the sign-in form expired, or the browser keeps no cookies: sign in again on this page",
        );
        return login_page(&ctx, StatusCode::BAD_REQUEST, &next, &f.user, Some(msg));
    }
    match api::sign_in(&state, addr, f.user.trim(), &f.password).await {
        Ok((token, p)) => {
            let to = if next == "/" { home_of(&p) } else { next };
            let mut r = see_other(&to);
            r.headers_mut().append(
                SET_COOKIE,
                api::session_cookie(&token, state.secure_cookies, None),
            );
            // the form's token is used up
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{LOGIN_COOKIE}=; Path=/login; HttpOnly; SameSite=Strict; Max-Age=0"
            )) {
                r.headers_mut().append(SET_COOKIE, v);
            }
            ctx.keep_lang(&mut r);
            r
        }
        Err(e) if matches!(e.status.as_u16(), 401 | 429) => {
            let mut r = login_page(&ctx, e.status, &next, &f.user, Some(e.message(ctx.lang)));
            if let Some(s) = e.retry_after {
                r.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, HeaderValue::from(s));
            }
            r
        }
        Err(e) => ctx.error(e, None),
    }
}

async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    s: Result<Signed, Response>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Fields(f);
    if !csrf_ok(&p, f.get("csrf")) {
        return ctx.error(csrf_refused(), Some(&p));
    }
    if let Some(c) = jar.get(api::COOKIE) {
        if let Err(e) = auth::logout(&state.db, c.value()).await {
            return ctx.error(e, Some(&p));
        }
    }
    let mut r = see_other("/login");
    r.headers_mut().insert(
        SET_COOKIE,
        api::session_cookie("", state.secure_cookies, Some(0)),
    );
    r
}

// ------------------------------------------------------------ the committee

/// A finding as the pages list it: numbered as its pin in the drawing.
#[derive(Debug, Clone, Serialize)]
struct FindingRow {
    n: usize,
    severity: &'static str,
    severity_name: &'static str,
    color: String,
    code: String,
    clause: String,
    message: String,
    rooms: Vec<String>,
    items: Vec<String>,
    assets: Vec<String>,
    /// `accepted`, `in-progress`, `fixed-claimed`, or `open`.
    status: &'static str,
    status_name: String,
    status_by: Option<String>,
    status_date: Option<String>,
    status_due: Option<String>,
    status_reason: Option<String>,
    /// A rule's finding (not one of the status file's own S01–S03): a
    /// status may be set on it.
    settable: bool,
    /// What the street or district wrote about it, oldest first.
    comments: Vec<CommentRow>,
}

/// A comment as the committee's page shows it.
#[derive(Debug, Clone, Serialize)]
struct CommentRow {
    by: String,
    /// `2026-12-01 09:30` (UTC, as stored).
    at: String,
    body: String,
}

fn comment_row(c: &crate::followup::comments::Comment) -> CommentRow {
    CommentRow {
        by: c.by.clone(),
        at: c.at.get(..16).unwrap_or(&c.at).replace('T', " "),
        body: c.body.clone(),
    }
}

fn finding_row(n: usize, f: &Finding, lang: Lang) -> FindingRow {
    let meta = crate::rules::meta(&f.code);
    let (status, status_name) = match &f.status {
        Some(m) => (m.status.as_str(), m.status.name(lang).to_string()),
        None => ("open", lang.pick("未处理", "open").to_string()),
    };
    let m = f.status.as_ref();
    FindingRow {
        n,
        severity: f.severity.as_str(),
        severity_name: f.severity.name(lang),
        color: crate::report::svg::severity_hex(f.severity),
        code: f.code.clone(),
        clause: if f.clause.is_empty() {
            meta.map(|m| m.clause.to_string()).unwrap_or_default()
        } else {
            f.clause.clone()
        },
        message: lang.pick(&f.message, &f.message_en).to_string(),
        rooms: f.rooms.clone(),
        items: f.items.clone(),
        assets: f.assets.clone(),
        status,
        status_name,
        status_by: m.and_then(|m| m.by.clone()),
        status_date: m.and_then(|m| m.date).map(|d| d.to_string()),
        status_due: m.and_then(|m| m.due).map(|d| d.to_string()),
        status_reason: m.and_then(|m| m.reason.clone()),
        settable: meta.is_some(),
        comments: Vec::new(),
    }
}

/// Severity counts for the chips: `(word, name, colour, n)`.
fn chips(report: &CheckReport, lang: Lang) -> Vec<(&'static str, &'static str, String, usize)> {
    let s = report.summary();
    Severity::ALL
        .iter()
        .map(|&sev| {
            (
                sev.as_str(),
                sev.name(lang),
                crate::report::svg::severity_hex(sev),
                s.get(sev),
            )
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
struct CardRow {
    id: String,
    name: String,
    count: u32,
    unit_fen: i64,
    value_fen: i64,
    custodian: String,
    location: String,
    acquired: String,
    status: String,
}

#[derive(Debug, Clone, Serialize)]
struct SealRow {
    id: String,
    name: String,
    made: String,
    keeper: String,
    custody: String,
    destroyed: Option<String>,
    uses: Vec<UseRow>,
    changes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct UseRow {
    date: String,
    matter: String,
    approved_by: String,
    purpose: String,
}

#[derive(Debug, Clone, Serialize)]
struct EventRow {
    date: String,
    asset: String,
    kind: String,
    what: String,
    by: String,
    at: String,
}

/// A form sent back with what was typed and why it was refused.
#[derive(Debug, Clone, Default, Serialize)]
struct Refused {
    /// Which form: an event kind, `stocktake`, `status`.
    form: String,
    values: HashMap<String, String>,
    message: String,
}

/// The books on the committee's page: after every event recorded (also one
/// dated after today) and at least today.
fn books_date(reg: &Register) -> NaiveDate {
    let today = super::today();
    reg.events.last().map_or(today, |e| e.date.max(today))
}

fn room_label(plan: &Plan, id: &str) -> String {
    match plan.room(id) {
        Some(r) if !r.name.is_empty() => format!("{id} {}", r.name),
        _ => id.to_string(),
    }
}

/// Everything the committee's page shows.
async fn committee_vars(
    state: &AppState,
    p: &Principal,
    c: &Committee,
    lang: Lang,
) -> Result<Value, ApiError> {
    let (plan, report) = api::check_report(state, c).await?;
    let mut conn = state.db.pool.acquire().await?;
    let events = store::events(&mut conn, &c.code).await?;
    drop(conn);
    let reg = store::register_of(c, &events);
    let date = books_date(&reg);
    let books = reg.state_at(date);
    let card = |a: &crate::register::AssetState| CardRow {
        id: a.id.clone(),
        name: a.name.clone(),
        count: a.count,
        unit_fen: a.unit_value_fen,
        value_fen: a.value_fen(),
        custodian: a.custodian.clone().unwrap_or_default(),
        location: a
            .location
            .as_deref()
            .map(|l| room_label(&plan, l))
            .unwrap_or_default(),
        acquired: a.acquired.to_string(),
        status: match &a.status {
            crate::register::replay::Status::InUse => a.status.name(lang).to_string(),
            crate::register::replay::Status::TransferredOut { date, to } => {
                format!("{} {date} → {to}", a.status.name(lang))
            }
            crate::register::replay::Status::WrittenOff { date, reason } => {
                format!("{} {date}: {reason}", a.status.name(lang))
            }
        },
    };
    let cards: Vec<CardRow> = books.in_use().map(card).collect();
    let gone: Vec<CardRow> = books
        .assets
        .iter()
        .filter(|a| !a.status.is_in_use())
        .map(card)
        .collect();
    let (_, _, profile) = store::profile(&state.db).await?;
    let seals: Vec<SealRow> = books
        .seals
        .iter()
        .map(|s| {
            let log = crate::register::seal::seal_log(&reg, &s.id, date, &profile);
            SealRow {
                id: s.id.clone(),
                name: s.name.clone(),
                made: s.made.to_string(),
                keeper: s.keeper.clone().unwrap_or_else(|| "—".into()),
                custody: match s.custody {
                    crate::register::Custody::Committee => lang.pick("居委会保管", "committee"),
                    crate::register::Custody::Street => lang.pick("街道代管", "held by the street"),
                }
                .to_string(),
                destroyed: s.destroyed.map(|(d, _)| d.to_string()),
                uses: log
                    .as_ref()
                    .map(|l| {
                        l.uses
                            .iter()
                            .rev()
                            .map(|u| UseRow {
                                date: u.date.to_string(),
                                matter: match (&u.matter_name, u.matter) {
                                    (Some(n), Some(k)) => format!("{k}. {n}"),
                                    (None, Some(k)) => k.to_string(),
                                    _ => String::new(),
                                },
                                approved_by: u.approved_by.clone().unwrap_or_default(),
                                purpose: u.purpose.clone().unwrap_or_default(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                changes: log
                    .as_ref()
                    .map(|l| {
                        l.changes
                            .iter()
                            .map(|e| {
                                format!(
                                    "{} {}",
                                    e.date,
                                    lang.pick(&e.description, &e.description_en)
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let recent: Vec<EventRow> = events
        .iter()
        .rev()
        .take(12)
        .zip(reg.events.iter().rev())
        .map(|(s, e)| EventRow {
            date: s.date.to_string(),
            asset: s.asset.clone().unwrap_or_default(),
            kind: lang.pick(s.event.name_zh(), s.event.name_en()).to_string(),
            what: e.describe(lang),
            by: s.recorded_by.clone(),
            at: s
                .recorded_at
                .get(..16)
                .unwrap_or(&s.recorded_at)
                .replace('T', " "),
        })
        .collect();
    let svg = crate::report::svg::plan_svg(
        &plan,
        &report.findings,
        &crate::report::svg::SvgOptions {
            lang,
            width_px: 860.0,
            max_height_px: 620.0,
            id_prefix: "pg".into(),
            ..Default::default()
        },
    );
    let stored_comments = store::comments(&state.db, &c.code).await?;
    let findings: Vec<FindingRow> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| FindingRow {
            comments: stored_comments
                .iter()
                .filter(|k| k.comment.concerns(f))
                .map(|k| comment_row(&k.comment))
                .collect(),
            ..finding_row(i + 1, f, lang)
        })
        .collect();
    // the committee as a whole, and findings no longer found (kept: a
    // comment is never lost because the plan changed)
    let other_comments: Vec<CommentRow> = stored_comments
        .iter()
        .filter(|k| !report.findings.iter().any(|f| k.comment.concerns(f)))
        .map(|k| {
            let mut row = comment_row(&k.comment);
            if let Some(code) = &k.comment.code {
                row.body = format!("[{code}] {}", row.body);
            }
            row
        })
        .collect();
    let rooms: Vec<(String, String)> = plan
        .rooms
        .iter()
        .map(|r| (r.id.clone(), room_label(&plan, &r.id)))
        .collect();
    let in_use_ids: Vec<(String, String)> = books
        .in_use()
        .map(|a| (a.id.clone(), format!("{} {} ×{}", a.id, a.name, a.count)))
        .collect();
    let seal_ids: Vec<String> = books
        .seals
        .iter()
        .filter(|s| s.destroyed.is_none())
        .map(|s| s.id.clone())
        .collect();
    let sources: Vec<(&str, &str)> = crate::register::Source::ALL
        .iter()
        .map(|s| (s.ident(), lang.pick(s.name_zh(), s.name_en())))
        .collect();
    let kinds: Vec<(&str, &str)> = ItemKind::ALL
        .iter()
        .map(|k| (k.ident(), k.name(lang)))
        .collect();
    let can_write = p.can_write_ledger(&c.as_ref());
    Ok(minijinja::context! {
        c => minijinja::context! {
            code => c.code.clone(),
            name => c.name.clone(),
            street => c.street.clone(),
            street_url => format!("/s/{}", pct_encode(&c.street, false)),
            address => plan.committee.address.clone(),
            revision => plan.revision.number,
            revision_date => plan.revision.date.to_string(),
        },
        chips => chips(&report, lang),
        fails => report.summary().fails(),
        valid => report.valid,
        svg => Value::from_safe_string(svg),
        findings => findings,
        cards => cards,
        cards_total_fen => books.value_in_use_fen(),
        gone => gone,
        books_date => date.to_string(),
        seals => seals,
        recent => recent,
        events_total => events.len(),
        rooms => rooms,
        assets => in_use_ids,
        seal_ids => seal_ids,
        sources => sources,
        kinds => kinds,
        today => super::today().to_string(),
        can_write => can_write,
        can_status => p.can_write_status(&c.as_ref()),
        can_accept => p.can_accept(),
        can_comment => p.can_comment(&c.as_ref()),
        other_comments => other_comments,
        can_street => p.role != Role::Clerk,
        here => format!("/c/{}", pct_encode(&c.code, false)),
    })
}

async fn committee_page(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(code): Path<String>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    render_committee(&state, &p, &ctx, &code, StatusCode::OK, None).await
}

async fn render_committee(
    state: &AppState,
    p: &Principal,
    ctx: &Ctx,
    code: &str,
    status: StatusCode,
    refused: Option<Refused>,
) -> Response {
    let c = match store::readable(&state.db, p, code).await {
        Ok(c) => c,
        Err(e) => return ctx.error(e, Some(p)),
    };
    let vars = match committee_vars(state, p, &c, ctx.lang).await {
        Ok(v) => v,
        Err(e) => return ctx.error(e, Some(p)),
    };
    let ok = ctx.query("ok").map(|k| ok_message(k, ctx.lang));
    ctx.render(
        "committee.html",
        status,
        Some(p),
        minijinja::context! {
            ..vars,
            ..minijinja::context! {
                ok => ok,
                refused => refused.unwrap_or_default(),
            }
        },
    )
}

/// The message after a form's redirect (`?ok=KEY`): fixed texts only.
fn ok_message(key: &str, lang: Lang) -> Option<&'static str> {
    Some(match key {
        "event" => lang.pick("已记录。", "Recorded."),
        "settled" => lang.pick(
            "盘点已结算:结算事件已记入台账。",
            "The count is settled: its events are recorded.",
        ),
        "status" => lang.pick("整改状态已保存。", "Status saved."),
        "comment" => lang.pick("批注已保存。", "Comment saved."),
        _ => return None,
    })
}

// ------------------------------------------------------------ recording an event

/// The event kinds the committee's page has a form for.
pub const EVENT_FORMS: &[&str] = &[
    "Acquire",
    "Move",
    "Custodian",
    "TransferOut",
    "WriteOff",
    "SealUse",
];

fn need<'a>(f: &'a Fields, k: &str, zh: &str, en: &str) -> Result<&'a str, ApiError> {
    f.get(k)
        .ok_or_else(|| ApiError::bad_request(&format!("请填写{zh}"), &format!("fill in the {en}")))
}

fn count_field(f: &Fields, k: &str) -> Result<Option<u32>, ApiError> {
    match f.get(k) {
        None => Ok(None),
        Some(v) => match v.parse::<u32>() {
            Ok(n) if n > 0 => Ok(Some(n)),
            _ => Err(ApiError::bad_request(
                &format!("数量应为正整数,不是 \"{v}\""),
                &format!("the count must be a whole number above 0, not \"{v}\""),
            )),
        },
    }
}

/// The room a form names (an id of the plan, or a name that means one).
fn room_field(rooms: &HashMap<String, String>, typed: &str) -> Result<String, ApiError> {
    if rooms.is_empty() {
        return Ok(typed.to_string());
    }
    match resolve_room(rooms, typed) {
        RoomMatch::Id(id) | RoomMatch::Named(id) => Ok(id),
        _ => Err(ApiError::bad_request(
            &format!("平面图中没有房间 \"{typed}\""),
            &format!("the plan has no room \"{typed}\""),
        )),
    }
}

/// The event a form describes (what `juwei record` would record).
fn event_of_form(
    f: &Fields,
    reg: &Register,
    rooms: &HashMap<String, String>,
) -> Result<NewEvent, ApiError> {
    let date = match f.get("date") {
        None => super::today(),
        Some(d) => parse_loose_date(d).ok_or_else(|| {
            ApiError::bad_request(
                &format!("不是日期: \"{d}\" (请写 2026-01-05)"),
                &format!("not a date: \"{d}\" (write 2026-01-05)"),
            )
        })?,
    };
    let kind = f.get("kind").unwrap_or_default();
    let asset = || need(f, "asset", "资产编号", "asset id").map(String::from);
    let (asset, ev) = match kind {
        "Acquire" => {
            let unit = need(f, "unit_value", "单价 (元)", "unit value (yuan)")?;
            let unit_value_fen = parse_yuan(unit).filter(|v| *v >= 0).ok_or_else(|| {
                ApiError::bad_request(
                    &format!("不是金额: \"{unit}\" (以元为单位,如 5680 或 5,680.00)"),
                    &format!("not an amount in yuan: \"{unit}\" (5680 or 5,680.00)"),
                )
            })?;
            let source = match f.get("source") {
                None => crate::register::Source::Purchase,
                Some(s) => crate::cli::record::parse_source(s)
                    .map_err(|e| ApiError::bad_request(&e.zh, &e.en))?,
            };
            let item = match f.get("item") {
                None => None,
                Some(k) => Some(
                    crate::cli::record::parse_kind(k)
                        .map_err(|e| ApiError::bad_request(&e.zh, &e.en))?,
                ),
            };
            let location = f
                .get("location")
                .map(|r| room_field(rooms, r))
                .transpose()?;
            let id = match f.get("asset") {
                Some(a) => a.to_string(),
                None => crate::register::record::next_asset_id(reg),
            };
            (
                Some(id),
                EventKind::Acquire(crate::register::Acquire {
                    source,
                    name: need(f, "name", "资产名称", "asset name")?.to_string(),
                    kind: item,
                    category: f.get("category").map(String::from),
                    special: f.get("special").is_some(),
                    unit_value_fen,
                    count: count_field(f, "count")?.unwrap_or(1),
                    custodian: f.get("custodian").map(String::from),
                    location,
                }),
            )
        }
        "Move" => (
            Some(asset()?),
            EventKind::Move {
                to: room_field(rooms, need(f, "to", "新存放地点", "new room")?)?,
            },
        ),
        "Custodian" => (
            Some(asset()?),
            EventKind::Custodian {
                to: need(f, "to", "新保管人", "new custodian")?.to_string(),
            },
        ),
        "TransferOut" => (
            Some(asset()?),
            EventKind::TransferOut {
                to: need(f, "to", "调入单位", "receiving unit")?.to_string(),
                approval: f.get("approval").map(String::from),
                count: count_field(f, "count")?,
            },
        ),
        "WriteOff" => (
            Some(asset()?),
            EventKind::WriteOff {
                reason: need(f, "reason", "报损原因", "reason")?.to_string(),
                approval: f.get("approval").map(String::from),
                count: count_field(f, "count")?,
            },
        ),
        "SealUse" => {
            let matter = match f.get("matter") {
                None => None,
                Some(m) => Some(m.parse::<u32>().map_err(|_| {
                    ApiError::bad_request(
                        &format!("用印事项应为编号,不是 \"{m}\""),
                        &format!("the matter is a number, not \"{m}\""),
                    )
                })?),
            };
            (
                None,
                EventKind::SealUse(crate::register::SealUse {
                    seal: need(f, "seal", "印章", "seal")?.to_string(),
                    matter,
                    approved_by: f.get("approved_by").map(String::from),
                    purpose: f.get("purpose").map(String::from),
                }),
            )
        }
        other => {
            return Err(ApiError::bad_request(
                &format!("未知的事件种类 \"{other}\""),
                &format!("unknown event kind \"{other}\""),
            ))
        }
    };
    Ok(NewEvent {
        date,
        asset,
        kind: ev,
    })
}

async fn event_post(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(code): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Fields(form);
    let c = match form_target(&state, &p, &ctx, &code, &f, Principal::can_write_ledger).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let result = async {
        let mut conn = state.db.pool.acquire().await?;
        let stored = store::events(&mut conn, &c.code).await?;
        drop(conn);
        let reg = store::register_of(&c, &stored);
        let rooms = plan_rooms(&state, &c).await?;
        let ev = event_of_form(&f, &reg, &rooms)?;
        // the write runs to its end even when the browser goes away
        let db = state.db.clone();
        let (c2, by) = (c.clone(), p.name.clone());
        tokio::spawn(async move { store::append_events(&db, &c2, &[ev], &by).await })
            .await
            .map_err(|e| ApiError::internal(&e))?
    }
    .await;
    match result {
        Ok(_) => see_other(&format!(
            "/c/{}?ok=event#events",
            pct_encode(&c.code, false)
        )),
        Err(e) if matches!(e.status.as_u16(), 400 | 409 | 422) => {
            let refused = Refused {
                form: f.get("kind").unwrap_or_default().to_string(),
                values: f.map(),
                message: e.message(ctx.lang).to_string(),
            };
            render_committee(&state, &p, &ctx, &c.code, e.status, Some(refused)).await
        }
        Err(e) => ctx.error(e, Some(&p)),
    }
}

/// The plan's rooms (id → name); none when the committee has no plan.
async fn plan_rooms(state: &AppState, c: &Committee) -> Result<HashMap<String, String>, ApiError> {
    Ok(match store::plan_text(&state.db, &c.code, None).await? {
        Some((_, text)) => store::parse_plan_text(c, &text)?
            .rooms
            .iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect(),
        None => HashMap::new(),
    })
}

// ------------------------------------------------------------ count sheets

fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    let b = s.trim().as_bytes();
    if !b.len().is_multiple_of(2) {
        return None;
    }
    b.chunks(2)
        .map(|p| Some(hex_digit(p[0])? * 16 + hex_digit(p[1])?))
        .collect()
}

/// The largest count sheet the page takes (a sheet of a committee is a few
/// kilobytes; a workbook some tens).
pub const MAX_SHEET_BYTES: usize = 4 * 1024 * 1024;

async fn stocktake_post(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(code): Path<String>,
    mut form: Multipart,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    // every field first (the CSRF token may come after the file)
    let mut fields = Fields::default();
    let mut sheet: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return ctx.error(
                    ApiError::bad_request(
                        &format!("上传内容有误: {e}"),
                        &format!("bad upload: {e}"),
                    ),
                    Some(&p),
                )
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "sheet" {
            let file = field.file_name().unwrap_or("count.csv").to_string();
            match field.bytes().await {
                Ok(b) if !b.is_empty() => sheet = Some((file, b.to_vec())),
                Ok(_) => {}
                Err(e) => {
                    return ctx.error(
                        ApiError::bad_request(
                            &format!("上传内容有误: {e}"),
                            &format!("bad upload: {e}"),
                        ),
                        Some(&p),
                    )
                }
            }
        } else {
            let v = field.text().await.unwrap_or_default();
            fields.0.push((name, v));
        }
    }
    let c = match form_target(
        &state,
        &p,
        &ctx,
        &code,
        &fields,
        Principal::can_write_ledger,
    )
    .await
    {
        Ok(c) => c,
        Err(r) => return r,
    };
    // the second step sends the sheet back as text (no file to choose again)
    if sheet.is_none() {
        if let (Some(name), Some(hex)) = (fields.get("sheet_name"), fields.get("sheet_hex")) {
            match from_hex(hex) {
                Some(b) => sheet = Some((name.to_string(), b)),
                None => {
                    return ctx.error(
                        ApiError::bad_request("盘点表内容有误", "the sheet's content is damaged"),
                        Some(&p),
                    )
                }
            }
        }
    }
    let refuse_on_page = |msg: String, status: StatusCode| {
        let refused = Refused {
            form: "stocktake".into(),
            values: fields.map(),
            message: msg,
        };
        render_committee(&state, &p, &ctx, &c.code, status, Some(refused))
    };
    let Some((file, bytes)) = sheet else {
        return refuse_on_page(
            ctx.lang
                .pick(
                    "请选择盘点表文件 (CSV 或 xlsx)",
                    "choose the count sheet (CSV or xlsx)",
                )
                .into(),
            StatusCode::BAD_REQUEST,
        )
        .await;
    };
    if bytes.len() > MAX_SHEET_BYTES {
        return refuse_on_page(
            ctx.lang
                .pick(
                    "盘点表文件太大 (最多 4 MB)",
                    "the count sheet is too large (4 MB at most)",
                )
                .into(),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let mut sf = super::stocktake::Fields::default();
    for (k, v) in &fields.0 {
        if k != "apply" {
            sf.set(k, v.clone());
        }
    }
    let apply = fields.get("apply").is_some_and(|v| v == "1");
    if apply {
        sf.apply = true;
        match super::stocktake::run(&state, &c, &p.name, &file, &bytes, &sf).await {
            Ok(_) => {
                return see_other(&format!(
                    "/c/{}?ok=settled#events",
                    pct_encode(&c.code, false)
                ))
            }
            Err(e) if matches!(e.status.as_u16(), 400 | 409 | 422) => {
                // shown on the reconciliation again, with what was typed
                sf.apply = false;
                return stocktake_result(
                    &state,
                    &p,
                    &ctx,
                    &c,
                    (&file, &bytes),
                    &sf,
                    &fields,
                    Some(e.message(ctx.lang).to_string()),
                    e.status,
                )
                .await;
            }
            Err(e) => return ctx.error(e, Some(&p)),
        }
    }
    stocktake_result(
        &state,
        &p,
        &ctx,
        &c,
        (&file, &bytes),
        &sf,
        &fields,
        None,
        StatusCode::OK,
    )
    .await
}

/// The reconciliation of a sheet, with the form that settles it.
#[allow(clippy::too_many_arguments)]
async fn stocktake_result(
    state: &AppState,
    p: &Principal,
    ctx: &Ctx,
    c: &Committee,
    (file, bytes): (&str, &[u8]),
    sf: &super::stocktake::Fields,
    fields: &Fields,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let out = match super::stocktake::run(state, c, &p.name, file, bytes, sf).await {
        Ok(o) => o,
        Err(e) if matches!(e.status.as_u16(), 400 | 422) => {
            let refused = Refused {
                form: "stocktake".into(),
                values: fields.map(),
                message: e.message(ctx.lang).to_string(),
            };
            return render_committee(state, p, ctx, &c.code, e.status, Some(refused)).await;
        }
        Err(e) => return ctx.error(e, Some(p)),
    };
    let rec: serde_json::Value = match serde_json::from_str(&out.json) {
        Ok(v) => v,
        Err(e) => return ctx.error(ApiError::internal(&e), Some(p)),
    };
    let rooms = plan_rooms(state, c).await.unwrap_or_default();
    let room = |v: &serde_json::Value| -> String {
        v.as_str()
            .map(|id| match rooms.get(id) {
                Some(n) => format!("{id} {n}"),
                None => id.to_string(),
            })
            .unwrap_or_default()
    };
    // rooms named for the template, beside the ids
    let mut rec = rec;
    for list in ["shortage", "surplus", "moved", "not_counted"] {
        if let Some(a) = rec.get_mut(list).and_then(|l| l.as_array_mut()) {
            for row in a {
                for k in ["location", "books", "found"] {
                    if let Some(v) = row.get(k).cloned() {
                        if v.is_string() {
                            row[format!("{k}_label")] = serde_json::json!(room(&v));
                        }
                    }
                }
            }
        }
    }
    let pairs_msg: Vec<String> = rec["pairs"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| {
                    p[ctx.lang.pick("message", "message_en")]
                        .as_str()
                        .map(String::from)
                })
                .collect()
        })
        .unwrap_or_default();
    let books_match = ["shortage", "surplus", "moved", "not_counted"]
        .iter()
        .all(|k| rec[*k].as_array().is_none_or(|a| a.is_empty()));
    ctx.render(
        "stocktake.html",
        status,
        Some(p),
        minijinja::context! {
            c => minijinja::context! {
                code => c.code.clone(),
                name => c.name.clone(),
                street => c.street.clone(),
            },
            here => format!("/c/{}", pct_encode(&c.code, false)),
            rec => Value::from_serialize(&rec),
            pairs => pairs_msg,
            books_match => books_match,
            sheet_name => super::stocktake::safe_name(file),
            sheet_hex => to_hex(bytes),
            values => fields.map(),
            error => error,
        },
    )
}

// ------------------------------------------------------------ finding status

/// The finding a status form names: same code, rooms, items and assets.
fn find_finding<'a>(report: &'a CheckReport, f: &Fields) -> Option<&'a Finding> {
    let code = f.get("code")?;
    let (rooms, items, assets) = (f.all("room"), f.all("item"), f.all("asset"));
    report
        .findings
        .iter()
        .find(|x| x.code == code && x.rooms == rooms && x.items == items && x.assets == assets)
}

/// The finding a form names, in the committee's check as it is now.
async fn form_finding(state: &AppState, c: &Committee, f: &Fields) -> Result<Finding, ApiError> {
    let (_, report) = api::check_report(state, c).await?;
    find_finding(&report, f).cloned().ok_or_else(|| {
        ApiError::conflict(
            "这条检查发现已不在当前的检查结果中 (平面图或台账已改动):请刷新页面",
            "the finding is no longer in the check's result (the plan or register changed): reload the page",
        )
    })
}

/// Where a form goes back to: its `back` field when that is a local path,
/// else `default`.
fn back_to(f: &Fields, default: &str) -> String {
    f.get("back")
        .and_then(local_path)
        .map(String::from)
        .unwrap_or_else(|| default.to_string())
}

async fn status_post(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(code): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Fields(form);
    let c = match form_target(&state, &p, &ctx, &code, &f, Principal::can_write_status).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let back = back_to(&f, &format!("/c/{}", pct_encode(&c.code, false)));
    let result = async {
        let finding = form_finding(&state, &c, &f).await?;
        let mut file = store::status(&state.db, &c).await?;
        let today = super::today();
        let by = f.get("by").unwrap_or(&p.name).to_string();
        let reason = f.get("reason");
        let due = match f.get("due") {
            None => None,
            Some(d) => Some(parse_loose_date(d).ok_or_else(|| {
                ApiError::bad_request(
                    &format!("不是日期: \"{d}\""),
                    &format!("not a date: \"{d}\""),
                )
            })?),
        };
        let status = match f.get("status") {
            Some("clear") => None,
            Some("InProgress") => Some(Status::InProgress),
            Some("Fixed") => Some(Status::Fixed),
            Some("Accepted") => {
                if reason.is_none() {
                    return Err(ApiError::bad_request(
                        "同意例外须写明理由",
                        "an accepted exception needs a reason",
                    ));
                }
                Some(Status::Accepted)
            }
            _ => return Err(ApiError::bad_request("请选择状态", "choose a status")),
        };
        match status {
            None => {
                file.clear(&finding);
            }
            Some(st) => file
                .set(&finding, st, &by, today, reason, due)
                .map_err(|zh| ApiError::bad_request(&zh, &zh))?,
        }
        store::put_status(&state.db, &p, &c, file).await
    }
    .await;
    match result {
        Ok(_) => see_other(&with_ok(&back, "status")),
        Err(e) => ctx.error(e, Some(&p)),
    }
}

/// A comment on a finding (its code, rooms, items and assets as the form
/// carries them) or, without a code, on the committee as a whole.
async fn comment_post(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(code): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let f = Fields(form);
    let c = match form_target(&state, &p, &ctx, &code, &f, Principal::can_comment).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let back = back_to(&f, &format!("/c/{}#comments", pct_encode(&c.code, false)));
    let body = f.get("body").unwrap_or_default().to_string();
    let result = async {
        let comment = match f.get("code") {
            None => crate::followup::comments::Comment {
                code: None,
                room: None,
                item: None,
                asset: None,
                body,
                by: p.name.clone(),
                at: super::now_text(),
            },
            Some(_) => crate::followup::comments::Comment::on(
                &form_finding(&state, &c, &f).await?,
                body,
                p.name.clone(),
                super::now_text(),
            ),
        };
        store::add_comments(&state.db, &c, &[comment]).await
    }
    .await;
    match result {
        Ok(_) => see_other(&with_ok(&back, "comment")),
        Err(e) if matches!(e.status.as_u16(), 400 | 409 | 422) => {
            let refused = Refused {
                form: "comment".to_string(),
                values: f.map(),
                message: e.message(ctx.lang).to_string(),
            };
            render_committee(&state, &p, &ctx, &c.code, e.status, Some(refused)).await
        }
        Err(e) => ctx.error(e, Some(&p)),
    }
}

// ------------------------------------------------------------ street and district

/// What the pages read of the audit JSON (`followup.md`).
#[derive(Debug, Default, Deserialize)]
struct AuditJson {
    #[serde(default)]
    equipment: Vec<String>,
    #[serde(default)]
    committees: Vec<AuditRow>,
    #[serde(default)]
    streets: Vec<StreetTotals>,
    #[serde(default)]
    totals: Option<StreetTotals>,
    #[serde(default)]
    priority: Vec<serde_json::Value>,
    #[serde(default)]
    findings: Vec<AuditFinding>,
    #[serde(default)]
    prices: Option<PricesJson>,
    #[serde(default)]
    trend: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct AuditRow {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    committee: Option<AuditCommittee>,
    #[serde(default)]
    summary: Summary,
    #[serde(default)]
    missing_equipment: Vec<String>,
    #[serde(default)]
    priority_upgrade: bool,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct AuditCommittee {
    code: String,
}

#[derive(Debug, Default, Clone, Copy, Deserialize, Serialize)]
struct Summary {
    #[serde(default)]
    error: usize,
    #[serde(default)]
    violation: usize,
    #[serde(default)]
    priority: usize,
    #[serde(default)]
    advisory: usize,
    #[serde(default)]
    info: usize,
    #[serde(default)]
    accepted: usize,
}

#[derive(Debug, Default, Clone, Copy, Deserialize, Serialize)]
struct CostYuan {
    #[serde(default)]
    equipment: f64,
    #[serde(default)]
    area: f64,
    #[serde(default)]
    total: f64,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct StreetTotals {
    #[serde(default)]
    street: Option<String>,
    #[serde(default)]
    committees: usize,
    #[serde(default)]
    broken: usize,
    #[serde(default)]
    passing: usize,
    #[serde(default)]
    priority_upgrade: usize,
    #[serde(default)]
    equipment_gaps: usize,
    #[serde(default)]
    summary: Summary,
    #[serde(default)]
    cost_yuan: Option<CostYuan>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize)]
struct AuditFinding {
    committee: String,
    name: String,
    code: String,
    severity: String,
    status: String,
    message: String,
    message_en: String,
    #[serde(default)]
    rooms: Vec<String>,
    #[serde(default)]
    items: Vec<String>,
    #[serde(default)]
    assets: Vec<String>,
    #[serde(default)]
    status_by: Option<String>,
    #[serde(default)]
    status_date: Option<String>,
    #[serde(default)]
    status_reason: Option<String>,
    #[serde(default)]
    status_due: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
struct PricesJson {
    #[serde(default)]
    note: String,
    #[serde(default)]
    note_en: String,
}

async fn audit_of(
    state: &AppState,
    list: &[Committee],
    since: Option<NaiveDate>,
) -> Result<AuditJson, ApiError> {
    let text = super::transfer::audit_json(&state.db, list, since).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::internal(&e))
}

/// The last day of the quarter before `today`'s: 2026-12-02 → 2026-09-30.
fn end_of_last_quarter(today: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let first_month = (today.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(today.year(), first_month, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(today)
}

fn kind_of_ident(s: &str) -> Option<ItemKind> {
    ItemKind::ALL.iter().copied().find(|k| k.ident() == s)
}

fn severity_of(s: &str) -> Option<Severity> {
    Severity::ALL.iter().copied().find(|v| v.as_str() == s)
}

fn status_name(word: &str, lang: Lang) -> String {
    match word {
        "accepted" => Status::Accepted.name(lang),
        "in-progress" => Status::InProgress.name(lang),
        "fixed-claimed" => Status::Fixed.name(lang),
        _ => lang.pick("未处理", "open"),
    }
    .to_string()
}

async fn street_page(
    State(state): State<AppState>,
    s: Result<Signed, Response>,
    Path(street): Path<String>,
) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let lang = ctx.lang;
    // the street's own users, the district and the admin; a clerk or
    // another street's user: not found
    let allowed = match p.role {
        Role::Street => p.street.as_deref() == Some(street.as_str()),
        Role::District | Role::Admin => true,
        Role::Clerk => false,
    };
    if !allowed {
        return ctx.error(ApiError::not_found(), Some(&p));
    }
    let list: Vec<Committee> = match store::visible_committees(&state.db, &p).await {
        Ok(l) => l.into_iter().filter(|c| c.street == street).collect(),
        Err(e) => return ctx.error(e, Some(&p)),
    };
    if list.is_empty() {
        return ctx.error(ApiError::not_found(), Some(&p));
    }
    let audit = match audit_of(&state, &list, None).await {
        Ok(a) => a,
        Err(e) => return ctx.error(e, Some(&p)),
    };
    let equipment: Vec<(String, String)> = audit
        .equipment
        .iter()
        .map(|id| {
            let name = kind_of_ident(id).map_or(id.clone(), |k| k.name(lang).to_string());
            (id.clone(), name)
        })
        .collect();
    let by_code: HashMap<&str, &AuditRow> = audit
        .committees
        .iter()
        .filter_map(|r| r.committee.as_ref().map(|c| (c.code.as_str(), r)))
        .collect();
    #[derive(Serialize)]
    struct Row {
        code: String,
        name: String,
        url: String,
        summary: Summary,
        priority_upgrade: bool,
        broken: bool,
        /// per equipment column: `has`, `gap`, or `part` (and what is short)
        cells: Vec<(&'static str, String)>,
        gaps: usize,
    }
    let rows: Vec<Row> = list
        .iter()
        .map(|c| {
            let r = by_code.get(c.code.as_str());
            let cells: Vec<(&'static str, String)> = audit
                .equipment
                .iter()
                .map(|id| {
                    let miss = r.and_then(|r| {
                        r.missing_equipment.iter().find(|m| {
                            *m == id
                                || m.strip_prefix(id.as_str())
                                    .is_some_and(|t| t.starts_with('('))
                        })
                    });
                    match miss {
                        None => ("has", "✓".to_string()),
                        Some(m) if m == id => ("gap", "✗".to_string()),
                        Some(m) => ("part", m[id.len()..].trim_matches(['(', ')']).to_string()),
                    }
                })
                .collect();
            Row {
                code: c.code.clone(),
                name: c.name.clone(),
                url: format!("/c/{}", pct_encode(&c.code, false)),
                summary: r.map(|r| r.summary).unwrap_or_default(),
                priority_upgrade: r.is_some_and(|r| r.priority_upgrade),
                broken: r.is_none_or(|r| r.error.is_some()),
                gaps: cells.iter().filter(|(k, _)| *k != "has").count(),
                cells,
            }
        })
        .collect();
    let broken: Vec<String> = audit
        .committees
        .iter()
        .filter(|r| r.error.is_some())
        .map(|r| r.plan.clone())
        .collect();
    #[derive(Serialize)]
    struct Item {
        n: usize,
        committee: String,
        name: String,
        url: String,
        code: String,
        clause: String,
        severity: String,
        severity_name: String,
        color: String,
        message: String,
        status: String,
        status_name: String,
        status_by: Option<String>,
        status_date: Option<String>,
        status_reason: Option<String>,
        status_due: Option<String>,
        rooms: Vec<String>,
        items: Vec<String>,
        assets: Vec<String>,
        settable: bool,
    }
    let items: Vec<Item> = audit
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let sev = severity_of(&f.severity);
            let meta = crate::rules::meta(&f.code);
            Item {
                n: i + 1,
                committee: f.committee.clone(),
                name: f.name.clone(),
                url: format!("/c/{}", pct_encode(&f.committee, false)),
                code: f.code.clone(),
                clause: meta.map(|m| m.clause.to_string()).unwrap_or_default(),
                severity: f.severity.clone(),
                severity_name: sev.map_or(f.severity.clone(), |s| s.name(lang).to_string()),
                color: sev
                    .map(crate::report::svg::severity_hex)
                    .unwrap_or_default(),
                message: lang.pick(&f.message, &f.message_en).to_string(),
                status: f.status.clone(),
                status_name: status_name(&f.status, lang),
                status_by: f.status_by.clone(),
                status_date: f.status_date.clone(),
                status_reason: f.status_reason.clone(),
                status_due: f.status_due.clone(),
                rooms: f.rooms.clone(),
                items: f.items.clone(),
                assets: f.assets.clone(),
                settable: meta.is_some(),
            }
        })
        .collect();
    let open = items.iter().filter(|i| i.status == "open").count();
    let ok = ctx.query("ok").map(|k| ok_message(k, lang));
    ctx.render(
        "street.html",
        StatusCode::OK,
        Some(&p),
        minijinja::context! {
            street => street.clone(),
            here => format!("/s/{}", pct_encode(&street, false)),
            totals => audit.totals.unwrap_or_default(),
            rows => rows,
            equipment => equipment,
            broken => broken,
            items => items,
            open => open,
            today => super::today().to_string(),
            can_status => p.role != Role::Admin,
            ok => ok,
        },
    )
}

async fn district_page(State(state): State<AppState>, s: Result<Signed, Response>) -> Response {
    let Signed(p, ctx) = match s {
        Ok(s) => s,
        Err(r) => return r,
    };
    let lang = ctx.lang;
    if !matches!(p.role, Role::District | Role::Admin) {
        return ctx.error(ApiError::not_found(), Some(&p));
    }
    let list = match store::visible_committees(&state.db, &p).await {
        Ok(l) => l,
        Err(e) => return ctx.error(e, Some(&p)),
    };
    // the trend: against the district as it stood at the end of last
    // quarter (the street checks quarterly), or of the day asked
    let since = ctx
        .query
        .iter()
        .find(|(k, _)| k == "since")
        .and_then(|(_, v)| parse_loose_date(v))
        .unwrap_or_else(|| end_of_last_quarter(super::today()));
    let audit = match audit_of(&state, &list, Some(since)).await {
        Ok(a) => a,
        Err(e) => return ctx.error(e, Some(&p)),
    };
    #[derive(Serialize)]
    struct StreetRow {
        street: String,
        url: String,
        t: StreetTotals,
        priority_list: usize,
        violations: usize,
    }
    let streets: Vec<StreetRow> = audit
        .streets
        .iter()
        .map(|s| {
            let name = s.street.clone().unwrap_or_default();
            StreetRow {
                url: format!("/s/{}", pct_encode(&name, false)),
                priority_list: audit
                    .priority
                    .iter()
                    .filter(|e| {
                        e["street"].as_str() == Some(name.as_str()) && e["priority_upgrade"] == true
                    })
                    .count(),
                violations: s.summary.violation + s.summary.error,
                street: name,
                t: s.clone(),
            }
        })
        .collect();
    let trend = audit.trend.as_ref().map(|t| {
        let side = |k: &str| {
            let v = &t[k];
            minijinja::context! {
                committees => v["committees"].as_u64().unwrap_or(0),
                passing => v["passing"].as_u64().unwrap_or(0),
                priority_upgrade => v["priority_upgrade"].as_u64().unwrap_or(0),
                violation => v["summary"]["violation"].as_u64().unwrap_or(0),
            }
        };
        minijinja::context! { previous => side("previous"), now => side("now") }
    });
    let note = audit
        .prices
        .as_ref()
        .map(|n| lang.pick(&n.note, &n.note_en).to_string());
    ctx.render(
        "district.html",
        StatusCode::OK,
        Some(&p),
        minijinja::context! {
            streets => streets,
            totals => audit.totals.unwrap_or_default(),
            priority_total => audit.priority.iter().filter(|e| e["priority_upgrade"] == true).count(),
            trend => trend,
            since => since.to_string(),
            note => note,
            has_costs => audit.prices.is_some(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quarter_before() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (today, want) in [
            ("2026-12-02", "2026-09-30"),
            ("2026-10-01", "2026-09-30"),
            ("2026-09-30", "2026-06-30"),
            ("2026-01-01", "2025-12-31"),
            ("2026-04-15", "2026-03-31"),
        ] {
            assert_eq!(end_of_last_quarter(d(today)), d(want), "{today}");
        }
    }

    #[test]
    fn every_template_parses() {
        for (name, _) in TEMPLATES {
            assert!(env().get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/c/JA-1?x=1"), Some("/c/JA-1?x=1"));
        for bad in [
            "//evil.example/x",
            "https://evil.example/",
            "/\\evil.example",
            "c/JA-1",
            "",
            "/a b",
            "/a\nb",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn query_and_paths_are_encoded_and_decoded() {
        let s = "石门二路街道 &?#%";
        let enc = pct_encode(s, false);
        assert!(enc.is_ascii() && !enc.contains(['&', '?', '#', ' ', '/']));
        assert_eq!(pct_decode(&enc), s);
        assert_eq!(pct_decode("a+b%2"), "a b%2");
        assert_eq!(pct_decode("%zz%e4%b8%ad"), "%zz中");
        assert_eq!(
            parse_query("next=%2Fc%2FX&lang=en"),
            [("next".into(), "/c/X".into()), ("lang".into(), "en".into())]
        );
    }

    #[test]
    fn sheets_survive_the_hidden_field() {
        let b: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&b)), Some(b));
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex("zz"), None);
    }

    #[test]
    fn the_csrf_token_must_be_the_sessions() {
        let p = Principal {
            name: "x".into(),
            role: Role::Clerk,
            committee: None,
            street: None,
            csrf: "00ff".into(),
        };
        assert!(csrf_ok(&p, Some("00ff")));
        assert!(!csrf_ok(&p, Some("00fe")));
        assert!(!csrf_ok(&p, Some("")));
        assert!(!csrf_ok(&p, None));
    }
}
