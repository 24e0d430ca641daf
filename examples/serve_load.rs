//! The load of server.md on this machine: `juwei serve` in this process on
//! a fresh database, N committees, M clerks recording events at once for S
//! seconds, then an audit; checks that no event is lost or duplicated and
//! that every committee's chain verifies, and prints the latency of
//! recording (p50, p95, max) and the throughput (docs/server.md, "Load").
//!
//! ```text
//! cargo run --release --no-default-features --features server --example serve_load -- \
//!     --db sqlite|postgres --committees 300 --clerks 20 --seconds 60
//! ```
//!
//! `--db postgres` creates a database on the server of `JUWEI_TEST_POSTGRES`
//! (scripts/postgres-test prints one) and drops it afterwards; `--db sqlite`
//! uses a file in a temporary folder. Exit status 1 when a check fails.

#[path = "../tests/common/chain.rs"]
mod chain;
#[path = "../tests/common/load.rs"]
mod load;

use std::time::Duration;

fn usage() -> ! {
    eprintln!(
        "usage: serve_load [--db sqlite|postgres] [--committees N] [--clerks N] [--seconds S]"
    );
    std::process::exit(2)
}

fn main() {
    let mut db = "sqlite".to_string();
    let mut opts = load::LoadOptions {
        committees: 300,
        clerks: 20,
        duration: Duration::from_secs(60),
        seed: 2017,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--db" => db = val(),
            "--committees" => opts.committees = val().parse().unwrap_or_else(|_| usage()),
            "--clerks" => opts.clerks = val().parse().unwrap_or_else(|_| usage()),
            "--seconds" => {
                opts.duration = Duration::from_secs_f64(val().parse().unwrap_or_else(|_| usage()))
            }
            _ => usage(),
        }
    }
    if opts.committees == 0 || opts.clerks == 0 {
        usage();
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let report = rt.block_on(async {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (url, pg) = match db.as_str() {
            "sqlite" => (dir.path().join("juwei.db").display().to_string(), None),
            "postgres" => {
                let (url, name) = create_pg().await;
                (url, Some(name))
            }
            _ => usage(),
        };
        eprintln!(
            "load: {} committees, {} clerks, {:.0} s on {db}",
            opts.committees,
            opts.clerks,
            opts.duration.as_secs_f64()
        );
        let report = load::run(&url, &opts).await;
        if let Some(name) = pg {
            drop_pg(&name).await;
        }
        report
    });
    println!("{}", report.summary());
    let problems = report.problems();
    if problems.is_empty() {
        println!("ok: 0 lost, 0 duplicated, every chain verifies");
    } else {
        for p in &problems {
            println!("FAILED: {p}");
        }
        std::process::exit(1);
    }
}

fn admin_url() -> String {
    std::env::var("JUWEI_TEST_POSTGRES").unwrap_or_else(|_| {
        eprintln!("--db postgres needs JUWEI_TEST_POSTGRES (scripts/postgres-test prints it)");
        std::process::exit(2)
    })
}

async fn create_pg() -> (String, String) {
    use sqlx::Connection;
    let admin = admin_url();
    let name = format!("juwei_load_{}", juwei::server::auth::random_hex(6));
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("PostgreSQL accepts connections");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("CREATE DATABASE");
    let base = admin.split('?').next().unwrap_or(&admin);
    let base = &base[..base.rfind('/').expect("a postgres://HOST/DB URL")];
    (format!("{base}/{name}"), name)
}

async fn drop_pg(name: &str) {
    use sqlx::Connection;
    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url()).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn)
            .await;
    }
}
