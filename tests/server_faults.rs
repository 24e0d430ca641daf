//! Faults of `juwei serve` (issue 16, "Load and faults"), with the real
//! binary: killed mid-write it loses no acknowledged event and resumes on
//! restart; a PostgreSQL that stops answering gives 503 with a message, not
//! a panic, and the server recovers when it is back; a database it cannot
//! reach at start is a clear message and exit status 2.
#![cfg(feature = "server")]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::server::{backends, fresh_db, Backend, PASSWORD};
use juwei::server::{auth::Role, Db};
use serde_json::{json, Value};

/// Committees the writers record on (sample plans).
const CODES: &[&str] = &["JA-TMX-003", "JA-JAS-009", "JA-NJX-005"];

/// A running `juwei serve` process: its address and what it says.
struct Served {
    child: Child,
    url: String,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    /// Start `juwei serve --db URL` on a free port of loopback, and wait
    /// for it to say where it listens.
    fn start(db_url: &str) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_juwei"))
            .args([
                "--lang",
                "en",
                "serve",
                "--db",
                db_url,
                "--listen",
                "127.0.0.1:0",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("juwei serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let err = child.stderr.take().unwrap();
        let keep = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find("http://") {
                    let url = line[at..].split(['/', ' ']).take(3).collect::<Vec<_>>();
                    let _ = tx.send(format!("http://{}", url[2]));
                }
                let mut k = keep.lock().unwrap();
                k.push_str(&line);
                k.push('\n');
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("juwei serve did not start: {}", stderr.lock().unwrap())
            });
        Served { child, url, stderr }
    }

    fn said(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// SIGKILL, and wait for it to be gone.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A fresh database with the sample plans, a clerk of each committee and
/// the district (made in this process, then closed).
async fn seeded_db(b: Backend) -> (String, tempfile::TempDir) {
    let (url, dir) = fresh_db(b).await;
    seed(&url).await;
    (url, dir)
}

async fn seed(url: &str) {
    let db = Db::open(url).await.expect("the database opens");
    let plans = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    juwei::server::transfer::import(&db, &plans, "import", juwei::model::Lang::En)
        .await
        .expect("the sample imports");
    for code in CODES {
        juwei::server::auth::add_user(
            &db,
            &format!("clerk-{code}"),
            Role::Clerk,
            Some(code),
            None,
            PASSWORD,
        )
        .await
        .unwrap();
    }
    juwei::server::auth::add_user(&db, "district", Role::District, None, None, PASSWORD)
        .await
        .unwrap();
    db.pool.close().await;
}

async fn sign_in(url: &str, user: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap();
    let r = c
        .post(format!("{url}/api/login"))
        .json(&json!({"user": user, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "sign-in of {user}");
    c
}

async fn register(c: &reqwest::Client, url: &str, code: &str) -> Vec<Value> {
    let r = c
        .get(format!("{url}/api/committees/{code}/register"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

fn acquire(id: &str) -> Value {
    json!({"date": "2026-11-30", "asset": id, "event": {"Acquire": {
        "source": "Purchase", "name": "办公椅", "kind": "Chair", "unit_value_fen": 45000}}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_server_mid_write_loses_no_acknowledged_event_and_a_restart_resumes() {
    for b in backends() {
        let (db_url, _dir) = seeded_db(b).await;
        let mut served = Served::start(&db_url);
        let url = served.url.clone();
        // two writers per committee, each its own session, until the server goes
        let acked: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let mut writers = Vec::new();
        for (i, code) in CODES.iter().chain(CODES.iter()).enumerate() {
            let c = sign_in(&url, &format!("clerk-{code}")).await;
            let (url, code, acked, stop) =
                (url.clone(), code.to_string(), acked.clone(), stop.clone());
            writers.push(tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let r = c
                        .post(format!("{url}/api/committees/{code}/events"))
                        .json(&acquire(&format!("K{i}-{n}")))
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    let st = r.status();
                    let Ok(v) = r.json::<Value>().await else {
                        break;
                    };
                    assert_eq!(st, 201, "{v}");
                    acked
                        .lock()
                        .unwrap()
                        .push((code.clone(), v["hash"].as_str().unwrap().to_string()));
                }
            }));
        }
        // kill it while they write
        let t = Instant::now();
        while acked.lock().unwrap().len() < 40 && t.elapsed() < Duration::from_secs(60) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        served.kill();
        stop.store(true, Ordering::Relaxed);
        for w in writers {
            w.await.expect("a writer");
        }
        let acked = acked.lock().unwrap().clone();
        assert!(acked.len() >= 40, "{b:?}: {} acknowledged", acked.len());
        assert!(!served.said().contains("panicked"), "{}", served.said());

        // restarted on the same database: every acknowledged event is there
        let served = Served::start(&db_url);
        let url = served.url.clone();
        let district = sign_in(&url, "district").await;
        let mut stored_new = 0;
        for code in CODES {
            let evs = register(&district, &url, code).await;
            common::chain::verify(code, &evs).unwrap_or_else(|e| panic!("{b:?}: {e}"));
            let hashes: std::collections::HashSet<&str> =
                evs.iter().filter_map(|e| e["hash"].as_str()).collect();
            let mine: Vec<&(String, String)> = acked.iter().filter(|(c, _)| c == code).collect();
            for (_, h) in &mine {
                assert!(
                    hashes.contains(h.as_str()),
                    "{b:?} {code}: acknowledged {h} lost"
                );
            }
            stored_new += evs
                .iter()
                .filter(|e| e["recorded_by"] == format!("clerk-{code}"))
                .count();
        }
        // at most the requests in flight when it was killed were stored unanswered
        assert!(
            stored_new >= acked.len() && stored_new <= acked.len() + 2 * CODES.len(),
            "{b:?}: {stored_new} stored, {} acknowledged",
            acked.len()
        );
        // recording resumes, on the chain as it was
        let c = sign_in(&url, &format!("clerk-{}", CODES[0])).await;
        let r = c
            .post(format!("{url}/api/committees/{}/events", CODES[0]))
            .json(&acquire("AFTER-RESTART"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{b:?}");
        let evs = register(&district, &url, CODES[0]).await;
        assert_eq!(evs.last().unwrap()["asset"], "AFTER-RESTART");
        common::chain::verify(CODES[0], &evs).unwrap();
        assert!(!served.said().contains("panicked"), "{}", served.said());
        drop(served);
        if b == Backend::Postgres {
            common::server::drop_pg_database(&db_url);
        }
    }
}

/// A PostgreSQL cluster of this test alone (scripts/postgres-test on a port
/// and folder of its own), stopped when dropped.
struct OwnCluster {
    env: Vec<(&'static str, String)>,
    url: String,
    _dir: tempfile::TempDir,
}

impl OwnCluster {
    fn start() -> OwnCluster {
        let dir = tempfile::tempdir().unwrap();
        // the server runs as the postgres user: it must reach its folder
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let env = vec![
            ("JUWEI_PG_PORT", port.to_string()),
            ("JUWEI_PG_DIR", dir.path().join("pg").display().to_string()),
        ];
        let mut c = OwnCluster {
            env,
            url: String::new(),
            _dir: dir,
        };
        c.url = c.up();
        c
    }

    fn script(&self, arg: Option<&str>) -> std::process::Output {
        let mut cmd = Command::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/postgres-test"
        ));
        cmd.args(arg);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.output().expect("scripts/postgres-test runs")
    }

    /// Start it (again); its URL.
    fn up(&self) -> String {
        let o = self.script(None);
        assert!(
            o.status.success(),
            "scripts/postgres-test: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    }

    fn down(&self) {
        let o = self.script(Some("stop"));
        assert!(o.status.success());
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        self.down();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_refuses_connections_is_503_with_a_message_and_the_server_recovers() {
    if !backends().contains(&Backend::Postgres) {
        return;
    }
    let cluster = OwnCluster::start();
    seed(&cluster.url).await;
    let served = Served::start(&cluster.url);
    let url = served.url.clone();
    let district = sign_in(&url, "district").await;
    let r = district
        .get(format!("{url}/api/committees"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    cluster.down();
    for (what, req) in [
        ("committees", district.get(format!("{url}/api/committees"))),
        (
            "register",
            district.get(format!("{url}/api/committees/{}/register", CODES[0])),
        ),
        (
            "login",
            reqwest::Client::new()
                .post(format!("{url}/api/login"))
                .json(&json!({"user": "district", "password": PASSWORD})),
        ),
    ] {
        let r = req
            .timeout(Duration::from_secs(120))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{what}: no answer: {e}"));
        assert_eq!(r.status(), 503, "{what}");
        let v: Value = r.json().await.expect("a JSON answer");
        assert_eq!(v["error"], "unavailable", "{what}: {v}");
        assert!(
            v["message"].as_str().is_some_and(|m| m.contains("数据库")),
            "{v}"
        );
        assert!(
            v["message_en"]
                .as_str()
                .is_some_and(|m| m.contains("database")),
            "{v}"
        );
    }
    assert!(
        served_alive(&served),
        "the server is still running: {}",
        served.said()
    );
    assert!(!served.said().contains("panicked"), "{}", served.said());

    // PostgreSQL back: the same session works again
    cluster.up();
    let t = Instant::now();
    loop {
        let r = district
            .get(format!("{url}/api/committees"))
            .timeout(Duration::from_secs(60))
            .send()
            .await
            .unwrap();
        if r.status() == 200 {
            let v: Value = r.json().await.unwrap();
            assert!(!v.as_array().unwrap().is_empty());
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(90),
            "not recovered: {}",
            r.status()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(!served.said().contains("panicked"), "{}", served.said());
    drop(served);
    drop(cluster);
}

fn served_alive(s: &Served) -> bool {
    // a Child's try_wait needs &mut; /proc tells as well
    std::path::Path::new(&format!("/proc/{}", s.child.id())).exists()
        && !std::fs::read_to_string(format!("/proc/{}/stat", s.child.id()))
            .unwrap_or_default()
            .contains(") Z ")
}

#[test]
fn a_database_out_of_reach_at_start_is_a_clear_message_and_exit_status_2() {
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_juwei"))
        .args([
            "--lang",
            "en",
            "serve",
            "--db",
            "postgres://juwei:secret@127.0.0.1:1/x",
        ])
        .args(["--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot open the database"), "{err}");
    assert!(err.contains("127.0.0.1:1"), "{err}");
    assert!(!err.contains("secret"), "the password is not shown: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.stdout.is_empty());
    eprintln!("refused after {:.1} s", t.elapsed().as_secs_f64());
    // and in Chinese by default
    let o = Command::new(env!("CARGO_BIN_EXE_juwei"))
        .args([
            "serve",
            "--db",
            "postgres://127.0.0.1:1/x",
            "--listen",
            "127.0.0.1:0",
        ])
        .env_remove("JUWEI_LANG")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("无法打开数据库"), "{err}");
}
