//! The API's errors: JSON `{error, message, message_en}` with the status of
//! server.md (400, 401, 404, 409, 422; 429 for the sign-in limit, 503 when
//! the database is out of reach).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    /// A stable word for programs: `bad-request`, `unauthorized`,
    /// `not-found`, `conflict`, `refused`, `too-many`, `unavailable`,
    /// `internal`.
    pub error: &'static str,
    pub message: String,
    pub message_en: String,
    /// Seconds to wait (429).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, error: &'static str, zh: &str, en: &str) -> ApiError {
        ApiError {
            status,
            error,
            message: zh.to_string(),
            message_en: en.to_string(),
            retry_after: None,
        }
    }
    pub fn bad_request(zh: &str, en: &str) -> ApiError {
        Self::new(StatusCode::BAD_REQUEST, "bad-request", zh, en)
    }
    pub fn unauthorized(zh: &str, en: &str) -> ApiError {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", zh, en)
    }
    pub fn signed_out() -> ApiError {
        Self::unauthorized(
            "未登录或登录已过期,请重新登录",
            "not signed in, or the session expired: sign in again",
        )
    }
    /// Not there, or not the user's to see (server.md: existence is not
    /// revealed).
    pub fn not_found() -> ApiError {
        Self::new(StatusCode::NOT_FOUND, "not-found", "找不到", "not found")
    }
    pub fn forbidden_as_not_found() -> ApiError {
        Self::not_found()
    }
    pub fn conflict(zh: &str, en: &str) -> ApiError {
        Self::new(StatusCode::CONFLICT, "conflict", zh, en)
    }
    /// The ledger (or another format's check) refuses it: nothing stored.
    pub fn refused(zh: &str, en: &str) -> ApiError {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "refused", zh, en)
    }
    pub fn too_many(seconds: u64) -> ApiError {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many",
            &format!("登录失败次数过多,请 {} 分钟后再试", seconds.div_ceil(60)),
            &format!(
                "too many failed sign-ins: try again in {} minutes",
                seconds.div_ceil(60)
            ),
        );
        e.retry_after = Some(seconds);
        e
    }
    pub fn unavailable() -> ApiError {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "数据库暂时无法连接,请稍后再试;若持续出现请联系系统管理员",
            "the database cannot be reached just now: try again later, and tell the administrator if it lasts",
        )
    }
    pub fn internal(e: &dyn std::fmt::Display) -> ApiError {
        crate::say_err!("juwei serve: internal error: {e}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "服务器内部错误,已记录",
            "internal server error (logged)",
        )
    }
    pub fn message(&self, lang: crate::model::Lang) -> &str {
        lang.pick(&self.message, &self.message_en)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        match &e {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                crate::say_err!("juwei serve: database: {e}");
                ApiError::unavailable()
            }
            sqlx::Error::Database(d)
                if d.code()
                    .is_some_and(|c| c.starts_with("08") || c == "57P01") =>
            {
                crate::say_err!("juwei serve: database: {e}");
                ApiError::unavailable()
            }
            // PostgreSQL stores no NUL character in text (SQLite does): a
            // request that carries one is refused, not an internal error
            sqlx::Error::Database(d) if d.code().is_some_and(|c| c == "22021") => {
                ApiError::bad_request(
                    "请求中含有无法保存的字符 (NUL)",
                    "the request holds a character that cannot be stored (NUL)",
                )
            }
            _ => ApiError::internal(&e),
        }
    }
}

impl From<super::db::DbError> for ApiError {
    fn from(e: super::db::DbError) -> ApiError {
        match e {
            super::db::DbError::Sqlx(e) => e.into(),
            e => ApiError::internal(&e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, axum::Json(&self)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = s.to_string().parse() {
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
            }
        }
        r
    }
}
