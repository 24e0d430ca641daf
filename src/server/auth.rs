//! Users, passwords (argon2), sessions, CSRF tokens, the login rate limit,
//! and who may read and write what (server.md, "Who sees what").

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Serialize;
use sqlx::Row;

use super::db::Db;
use super::error::ApiError;

/// A user's role (server.md's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Clerk,
    Street,
    District,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "clerk" => Role::Clerk,
            "street" => Role::Street,
            "district" => Role::District,
            "admin" => Role::Admin,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Street => "street",
            Role::District => "district",
            Role::Admin => "admin",
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Role::Clerk => "居委会",
            Role::Street => "街道",
            Role::District => "区",
            Role::Admin => "管理员",
        }
    }
}

/// A signed-in user.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    pub committee: Option<String>,
    pub street: Option<String>,
    /// The session's CSRF token (forms carry it back).
    #[serde(skip)]
    pub csrf: String,
}

/// A committee as the access rules see it.
pub struct CommitteeRef<'a> {
    pub code: &'a str,
    pub street: &'a str,
}

impl Principal {
    /// May this user read the committee? (A clerk: their own; a street:
    /// its committees; the district and the admin: all.)
    pub fn can_read(&self, c: &CommitteeRef) -> bool {
        match self.role {
            Role::Clerk => self.committee.as_deref() == Some(c.code),
            Role::Street => self.street.as_deref() == Some(c.street),
            Role::District | Role::Admin => true,
        }
    }
    /// May this user record register events, count sheets and plan
    /// revisions of the committee? Only its own clerks.
    pub fn can_write_ledger(&self, c: &CommitteeRef) -> bool {
        self.role == Role::Clerk && self.can_read(c)
    }
    /// May this user write status entries of the committee, and which:
    /// clerks InProgress/Fixed only, the street and district any.
    pub fn can_write_status(&self, c: &CommitteeRef) -> bool {
        match self.role {
            Role::Clerk | Role::Street => self.can_read(c),
            Role::District => true,
            Role::Admin => false,
        }
    }
    /// May this user set `Accepted` (同意例外)?
    pub fn can_accept(&self) -> bool {
        matches!(self.role, Role::Street | Role::District)
    }
    /// May this user write comments on the committee's findings?
    pub fn can_comment(&self, c: &CommitteeRef) -> bool {
        matches!(self.role, Role::Street | Role::District) && self.can_read(c)
    }
}

/// Hash a password with argon2id (a random salt, the crate's default cost).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::from_b64(&random_b64(16)).map_err(|e| ApiError::internal(&e))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(&e))
}

/// Does `password` match the stored hash?
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the operating system's random source");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_b64(n: usize) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("the operating system's random source");
    buf.iter().map(|b| A[(*b & 63) as usize] as char).collect()
}

/// SHA-256 of a session token, as stored (the token itself is only in the
/// user's cookie).
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(token.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new user (the `serve user add` command and the admin).
pub async fn add_user(
    db: &Db,
    name: &str,
    role: Role,
    committee: Option<&str>,
    street: Option<&str>,
    password: &str,
) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::bad_request(
            "用户名不能为空",
            "the user name is empty",
        ));
    }
    if password.chars().count() < 8 {
        return Err(ApiError::bad_request(
            "密码至少 8 个字符",
            "the password needs at least 8 characters",
        ));
    }
    match role {
        Role::Clerk if committee.is_none() => {
            return Err(ApiError::bad_request(
                "居委会用户须指定 --committee CODE",
                "a clerk needs --committee CODE",
            ))
        }
        Role::Street if street.is_none() => {
            return Err(ApiError::bad_request(
                "街道用户须指定 --street NAME",
                "a street user needs --street NAME",
            ))
        }
        _ => {}
    }
    let hash = hash_password(password)?;
    let r = sqlx::query(
        "INSERT INTO users (name, role, committee, street, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(name)
    .bind(role.as_str())
    .bind(committee)
    .bind(street)
    .bind(hash)
    .bind(super::now_text())
    .execute(&db.pool)
    .await;
    match r {
        Ok(_) => Ok(()),
        Err(e) if super::db::is_conflict(&e) => Err(ApiError::conflict(
            &format!("用户 {name} 已存在"),
            &format!("user {name} exists already"),
        )),
        Err(e) => Err(e.into()),
    }
}

/// How long a session lasts from sign-in.
pub const SESSION_HOURS: i64 = 8;

/// Check the password and start a session: `(token, csrf)`.
pub async fn login(db: &Db, name: &str, password: &str) -> Result<(String, String), ApiError> {
    let row = sqlx::query("SELECT password_hash FROM users WHERE name = $1")
        .bind(name)
        .fetch_optional(&db.pool)
        .await?;
    let ok = match &row {
        Some(r) => verify_password(password, &r.try_get::<String, _>("password_hash")?),
        None => {
            // as long as a real check, so that timing does not tell which
            // names exist
            let _ = verify_password(password, DUMMY_HASH);
            false
        }
    };
    if !ok {
        return Err(ApiError::unauthorized(
            "用户名或密码不对",
            "wrong user name or password",
        ));
    }
    let token = random_hex(32);
    let csrf = random_hex(16);
    let now = chrono::Utc::now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_name, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(name)
    .bind(&csrf)
    .bind(super::time_text(now))
    .bind(super::time_text(now + chrono::Duration::hours(SESSION_HOURS)))
    .execute(&db.pool)
    .await?;
    Ok((token, csrf))
}

const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$GpZ3sK/oH9p7VIiV56G/64Zo/8GaUw434IimaPqxwCk";

/// The user of a session token, if the session is current.
pub async fn session_user(db: &Db, token: &str) -> Result<Option<Principal>, ApiError> {
    let row = sqlx::query(
        "SELECT u.name AS name, u.role AS role, u.committee AS committee, u.street AS street, s.csrf AS csrf, s.expires_at AS expires_at FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1",
    )
    .bind(token_hash(token))
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let expires: String = row.try_get("expires_at")?;
    if expires <= super::now_text() {
        return Ok(None);
    }
    let role: String = row.try_get("role")?;
    let Some(role) = Role::parse(&role) else {
        return Ok(None);
    };
    Ok(Some(Principal {
        name: row.try_get("name")?,
        role,
        committee: row.try_get("committee")?,
        street: row.try_get("street")?,
        csrf: row.try_get("csrf")?,
    }))
}

/// End a session.
pub async fn logout(db: &Db, token: &str) -> Result<(), ApiError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Failed sign-ins allowed per user and address, and per address, in a
/// window, before sign-in is refused for the rest of it.
pub const MAX_FAILS_PER_USER: u32 = 5;
pub const MAX_FAILS_PER_ADDR: u32 = 20;
pub const FAIL_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The login rate limit, in memory (a restart forgets it).
#[derive(Debug, Default)]
pub struct Limiter {
    fails: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Limiter {
    fn keys(user: &str, addr: IpAddr) -> [(String, u32); 2] {
        [
            (format!("u\u{0}{user}\u{0}{addr}"), MAX_FAILS_PER_USER),
            (format!("a\u{0}{addr}"), MAX_FAILS_PER_ADDR),
        ]
    }
    /// Seconds to wait, when sign-in is refused for now.
    pub fn blocked(&self, user: &str, addr: IpAddr) -> Option<u64> {
        let map = self.fails.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        Self::keys(user, addr).iter().find_map(|(k, max)| {
            let (n, since) = map.get(k)?;
            let left = FAIL_WINDOW.checked_sub(now.duration_since(*since))?;
            (*n >= *max).then_some(left.as_secs().max(1))
        })
    }
    pub fn failed(&self, user: &str, addr: IpAddr) {
        let mut map = self.fails.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if map.len() > 100_000 {
            map.retain(|_, (_, since)| now.duration_since(*since) < FAIL_WINDOW);
        }
        for (k, _) in Self::keys(user, addr) {
            let e = map.entry(k).or_insert((0, now));
            if now.duration_since(e.1) >= FAIL_WINDOW {
                *e = (0, now);
            }
            e.0 += 1;
        }
    }
    pub fn succeeded(&self, user: &str, addr: IpAddr) {
        let mut map = self.fails.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&Self::keys(user, addr)[0].0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct horsf", &h));
        assert!(!verify_password("correct horse", "not a hash"));
        // the dummy used for unknown names is a well-formed hash
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }

    #[test]
    fn the_limiter_blocks_after_repeated_failures_and_forgets_on_success() {
        let l = Limiter::default();
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..MAX_FAILS_PER_USER - 1 {
            l.failed("张三", a);
        }
        assert_eq!(l.blocked("张三", a), None);
        l.failed("张三", a);
        assert!(l.blocked("张三", a).is_some());
        // another user from the same address is not blocked yet
        assert_eq!(l.blocked("李四", a), None);
        l.succeeded("张三", a);
        assert_eq!(l.blocked("张三", a), None);
    }

    #[test]
    fn access_follows_the_contract_table() {
        let p = |role, committee: Option<&str>, street: Option<&str>| Principal {
            name: "x".into(),
            role,
            committee: committee.map(Into::into),
            street: street.map(Into::into),
            csrf: String::new(),
        };
        let c = CommitteeRef {
            code: "JA-1",
            street: "石门二路街道",
        };
        let other = CommitteeRef {
            code: "JA-2",
            street: "南京西路街道",
        };
        let clerk = p(Role::Clerk, Some("JA-1"), None);
        assert!(clerk.can_read(&c) && clerk.can_write_ledger(&c) && clerk.can_write_status(&c));
        assert!(!clerk.can_read(&other) && !clerk.can_write_ledger(&other));
        assert!(!clerk.can_accept());
        let street = p(Role::Street, None, Some("石门二路街道"));
        assert!(street.can_read(&c) && !street.can_read(&other));
        assert!(!street.can_write_ledger(&c) && street.can_accept() && street.can_comment(&c));
        let district = p(Role::District, None, None);
        assert!(district.can_read(&other) && district.can_write_status(&other));
        assert!(!district.can_write_ledger(&other));
        let admin = p(Role::Admin, None, None);
        assert!(admin.can_read(&c) && !admin.can_write_status(&c) && !admin.can_write_ledger(&c));
    }
}
