//! A short run of the load of server.md (examples/serve_load.rs measures
//! the full one): 20 committees, 20 clerks recording at once for 5 s, then
//! an audit; no event lost or duplicated, every chain verifies. No timing
//! is asserted.
#![cfg(feature = "server")]

mod common;
use std::time::Duration;

use common::load::{run, LoadOptions};
use common::server::{backends, fresh_db, Backend};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_clerks_lose_and_duplicate_nothing_and_every_chain_verifies() {
    for b in backends() {
        let (url, _dir) = fresh_db(b).await;
        let report = run(
            &url,
            &LoadOptions {
                committees: 20,
                clerks: 20,
                duration: Duration::from_secs(5),
                seed: 7,
            },
        )
        .await;
        if b == Backend::Postgres {
            common::server::drop_pg_database(&url);
        }
        eprintln!("{b:?}:\n{}", report.summary());
        assert_eq!(report.problems(), Vec::<String>::new(), "{b:?}");
        // two clerks wrote each committee, each its own session
        assert_eq!(report.sessions, 40, "{b:?}");
        assert_eq!(report.chains_ok, 20, "{b:?}");
    }
}
