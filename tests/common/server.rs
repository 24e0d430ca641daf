//! An in-process `juwei serve` for tests, on SQLite (always) and on
//! PostgreSQL (when `JUWEI_TEST_POSTGRES` names a server: a URL of a
//! database the tests may create databases from, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`). Under CI
//! (`JUWEI_REQUIRE_POSTGRES=1`, set by `scripts/test`) a missing PostgreSQL
//! is a failure: tests skip nothing there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use juwei::server::{self, auth::Role, AppState, Db};

/// The password every test user has.
pub const PASSWORD: &str = "password-123";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The backends to run a test on.
pub fn backends() -> Vec<Backend> {
    let mut v = vec![Backend::Sqlite];
    match std::env::var("JUWEI_TEST_POSTGRES") {
        Ok(u) if !u.is_empty() => v.push(Backend::Postgres),
        _ => {
            if std::env::var("JUWEI_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("JUWEI_REQUIRE_POSTGRES=1 but JUWEI_TEST_POSTGRES is not set: scripts/test starts a PostgreSQL cluster and sets it");
            }
            eprintln!("note: JUWEI_TEST_POSTGRES not set: this test runs on SQLite only");
        }
    }
    v
}

/// A fresh database of `backend`: its URL (and the folder a SQLite file is in).
pub async fn fresh_db(backend: Backend) -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    match backend {
        Backend::Sqlite => {
            let url = dir.path().join("juwei.db").display().to_string();
            (url, dir)
        }
        Backend::Postgres => {
            use sqlx::Connection;
            let admin = std::env::var("JUWEI_TEST_POSTGRES").expect("JUWEI_TEST_POSTGRES");
            let name = format!("juwei_t_{}", juwei::server::auth::random_hex(8));
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("the test PostgreSQL accepts connections");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("CREATE DATABASE");
            // the admin URL's last segment is its database: ours replaces it
            let base = admin.split('?').next().unwrap_or(&admin);
            let base = &base[..base.rfind('/').expect("a postgres://HOST/DB URL")];
            let url = format!("{base}/{name}");
            (url, dir)
        }
    }
}

/// A running server with its database.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`
    pub url: String,
    pub db_url: String,
    pub db: Db,
    pub backend: Backend,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    /// Start a server on a fresh database of `backend` (empty: no users,
    /// no committees).
    pub async fn start(backend: Backend) -> TestServer {
        let (db_url, dir) = fresh_db(backend).await;
        Self::start_on(backend, db_url, dir).await
    }

    pub async fn start_on(backend: Backend, db_url: String, dir: tempfile::TempDir) -> TestServer {
        let db = Db::open(&db_url).await.expect("the database opens");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(server::serve(listener, AppState::new(db.clone())));
        TestServer {
            url,
            db_url,
            db,
            backend,
            task,
            dir,
        }
    }

    /// Start a server with the sample plans imported and a user of each
    /// role: `clerk-CODE` for every committee, `street-NAME` for every
    /// street, `district`, `admin` (password [`PASSWORD`]).
    pub async fn seeded(backend: Backend) -> TestServer {
        let s = Self::start(backend).await;
        s.seed().await;
        s
    }

    pub async fn seed(&self) {
        let plans = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
        let done = server::transfer::import(&self.db, &plans, "import", juwei::model::Lang::En)
            .await
            .expect("the sample plans import");
        assert!(
            done.iter().all(|i| i.problems.is_empty()),
            "{:?}",
            done.iter()
                .filter(|i| !i.problems.is_empty())
                .collect::<Vec<_>>()
        );
        let list = server::store::all_committees(&self.db).await.unwrap();
        let mut streets: Vec<&str> = list.iter().map(|c| c.street.as_str()).collect();
        streets.sort();
        streets.dedup();
        for c in &list {
            server::auth::add_user(
                &self.db,
                &format!("clerk-{}", c.code),
                Role::Clerk,
                Some(&c.code),
                None,
                PASSWORD,
            )
            .await
            .unwrap();
        }
        for s in streets {
            server::auth::add_user(
                &self.db,
                &format!("street-{s}"),
                Role::Street,
                None,
                Some(s),
                PASSWORD,
            )
            .await
            .unwrap();
        }
        server::auth::add_user(&self.db, "district", Role::District, None, None, PASSWORD)
            .await
            .unwrap();
        server::auth::add_user(&self.db, "admin", Role::Admin, None, None, PASSWORD)
            .await
            .unwrap();
    }

    /// An HTTP client with its own cookie jar, signed in as `user` through
    /// the API; its CSRF token.
    pub async fn client(&self, user: &str) -> (reqwest::Client, String) {
        let c = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let r = c
            .post(format!("{}/api/login", self.url))
            .json(&serde_json::json!({"user": user, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "sign-in of {user}");
        let v: serde_json::Value = r.json().await.unwrap();
        (c, v["csrf"].as_str().unwrap().to_string())
    }

    /// The committees of the sample plans: `(code, street)`.
    pub async fn committees(&self) -> Vec<(String, String)> {
        server::store::all_committees(&self.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.code, c.street))
            .collect()
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }
}

impl Drop for TestServer {
    /// Stop the server; a PostgreSQL test database is dropped (a SQLite
    /// file goes with its temporary folder).
    fn drop(&mut self) {
        self.task.abort();
        if self.backend == Backend::Postgres {
            drop_pg_database(&self.db_url);
        }
    }
}

/// Drop the test database of `db_url` (made by [`fresh_db`]), closing
/// whatever connections it still has. Runs on a thread of its own, so it
/// may be called from within a runtime (a `Drop`).
pub fn drop_pg_database(db_url: &str) {
    let Ok(admin) = std::env::var("JUWEI_TEST_POSTGRES") else {
        return;
    };
    let Some(name) = db_url.rsplit('/').next().map(str::to_string) else {
        return;
    };
    if !name.starts_with("juwei_t_")
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    {
        return;
    }
    let _ = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            use sqlx::Connection;
            if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await;
            }
        })
    })
    .join();
}
