//! The server's database: SQLite (a file, the default) or PostgreSQL, one
//! pool over both (sqlx's `Any` driver), and the schema's migrations, run
//! at start from the same files for both (`src/server/migrations/`; a file
//! named `NNNN_name.postgres.sql` or `.sqlite.sql` is that dialect's part of
//! migration NNNN).
//!
//! Every query is a static text with `$1`, `$2`, … parameters bound by
//! sqlx (both drivers read that spelling): no SQL is built from values.

use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor, Row};

/// Which database the pool speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// The pool and its dialect.
#[derive(Debug, Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
}

/// A migration: its number, name and the SQL of each dialect.
struct Migration {
    version: i64,
    name: &'static str,
    common: Option<&'static str>,
    postgres: Option<&'static str>,
    sqlite: Option<&'static str>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        common: Some(include_str!("migrations/0001_init.sql")),
        postgres: None,
        sqlite: None,
    },
    Migration {
        version: 2,
        name: "append_only",
        common: None,
        postgres: Some(include_str!("migrations/0002_append_only.postgres.sql")),
        sqlite: Some(include_str!("migrations/0002_append_only.sqlite.sql")),
    },
    Migration {
        version: 3,
        name: "profiles",
        common: Some(include_str!("migrations/0003_profiles.sql")),
        postgres: None,
        sqlite: None,
    },
    Migration {
        version: 4,
        name: "comments",
        common: Some(include_str!("migrations/0004_comments.sql")),
        postgres: Some(include_str!("migrations/0004_comments.postgres.sql")),
        sqlite: Some(include_str!("migrations/0004_comments.sqlite.sql")),
    },
];

/// The newest schema this program knows.
pub const SCHEMA_VERSION: i64 = 4;

/// Why the database could not be opened or used.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Sqlx(#[from] sqlx::Error),
    #[error("the database's schema is version {found}, newer than this program's {known}: use a newer juwei")]
    Newer { found: i64, known: i64 },
}

impl DbError {
    /// A refusal the transaction may be retried after: a unique key taken by
    /// a concurrent writer, a serialisation failure, SQLite busy or locked.
    pub fn is_conflict(&self) -> bool {
        match self {
            DbError::Sqlx(e) => is_conflict(e),
            DbError::Newer { .. } => false,
        }
    }
}

/// See [`DbError::is_conflict`].
pub fn is_conflict(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            let code = d.code().map(|c| c.into_owned()).unwrap_or_default();
            // PostgreSQL: unique_violation, serialization_failure, deadlock
            // SQLite: SQLITE_BUSY (5, 517), SQLITE_LOCKED (6), constraint unique (2067, 1555)
            matches!(
                code.as_str(),
                "23505" | "40001" | "40P01" | "5" | "6" | "517" | "261" | "2067" | "1555"
            ) || d.message().contains("database is locked")
                || d.message().contains("UNIQUE constraint failed")
        }
        sqlx::Error::PoolTimedOut => true,
        _ => false,
    }
}

impl Db {
    /// Open the database `url`: `postgres://…` (or `postgresql://…`), a
    /// `sqlite:` URL, or a file path (SQLite, created when missing). The
    /// schema's migrations run before it is returned.
    pub async fn open(url: &str) -> Result<Db, DbError> {
        sqlx::any::install_default_drivers();
        let (dialect, url) = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Dialect::Postgres, url.to_string())
        } else if url.starts_with("sqlite:") {
            (Dialect::Sqlite, url.to_string())
        } else {
            (Dialect::Sqlite, format!("sqlite://{url}?mode=rwc"))
        };
        let opts: AnyConnectOptions = url.parse()?;
        let opts = opts.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(match dialect {
                Dialect::Sqlite => 8,
                Dialect::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        // writers wait for each other instead of failing at
                        // once; a committed event is on disk before the
                        // answer (synchronous FULL), and readers do not
                        // block the writer (WAL)
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        let db = Db { pool, dialect };
        db.migrate().await?;
        Ok(db)
    }

    /// Run the migrations not yet applied, each in its transaction.
    pub async fn migrate(&self) -> Result<(), DbError> {
        self.pool
            .execute(
                "CREATE TABLE IF NOT EXISTS juwei_schema (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
            )
            .await?;
        let done: Option<i64> = sqlx::query("SELECT MAX(version) AS v FROM juwei_schema")
            .fetch_one(&self.pool)
            .await?
            .try_get("v")?;
        let done = done.unwrap_or(0);
        if done > SCHEMA_VERSION {
            return Err(DbError::Newer {
                found: done,
                known: SCHEMA_VERSION,
            });
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > done) {
            let mut tx = self.begin_write().await?;
            let own = match self.dialect {
                Dialect::Postgres => m.postgres,
                Dialect::Sqlite => m.sqlite,
            };
            for sql in [m.common, own].into_iter().flatten() {
                sqlx::raw_sql(sql).execute(&mut *tx).await?;
            }
            sqlx::query("INSERT INTO juwei_schema (version, name, applied_at) VALUES ($1, $2, $3)")
                .bind(m.version)
                .bind(m.name)
                .bind(super::now_text())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// A transaction that will write: on SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`), so two writers queue instead of one failing
    /// when it first writes.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }
}
