//! `juwei serve`: the shared register a district runs (server.md, the
//! seed's 台账综合管理系统). One process, one database (SQLite by default,
//! PostgreSQL in production), the same formats, checks and reports as the
//! CLI.
//!
//! - [`db`]: the pool over both databases and the schema's migrations.
//! - [`auth`]: users, argon2, sessions, CSRF, the sign-in limit, roles.
//! - [`store`]: committees, plans, the chained append-only events, status
//!   revisions, count sheets.
//! - [`api`]: the HTTP API of the contract (JSON).
//! - [`pages`]: the web pages (HTML forms over the same functions).
//! - [`transfer`]: `serve import DIR` and `serve export DIR`.

pub mod api;
pub mod auth;
pub mod db;
pub mod error;
pub mod pages;
pub mod stocktake;
pub mod store;
pub mod transfer;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;

pub use db::{Db, Dialect};
pub use error::ApiError;

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub limiter: Arc<auth::Limiter>,
    /// Mark cookies `Secure` (behind TLS).
    pub secure_cookies: bool,
}

impl AppState {
    pub fn new(db: Db) -> AppState {
        AppState {
            db,
            limiter: Arc::new(auth::Limiter::default()),
            secure_cookies: false,
        }
    }
}

/// The whole application: the API and the pages.
pub fn app(state: AppState) -> Router {
    api::routes()
        .merge(pages::routes())
        .with_state(state)
        .layer(axum::extract::DefaultBodyLimit::max(32 * 1024 * 1024))
}

/// Serve `state` on `listener` until Ctrl-C (or the task is dropped).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}

/// Now, as stored: RFC 3339 in UTC with milliseconds
/// (`2026-12-02T10:00:00.123Z`), which sorts as text.
pub fn now_text() -> String {
    time_text(chrono::Utc::now())
}

pub fn time_text(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The day the checks judge registers on: the server's local date.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
