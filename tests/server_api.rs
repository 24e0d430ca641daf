//! `juwei serve`'s HTTP API (server.md) on SQLite and PostgreSQL.
#![cfg(feature = "server")]

mod common;
use common::server::{backends, TestServer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_records_an_event_and_cannot_see_another_committee() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let list = s.committees().await;
        let (mine, _) = &list[0];
        let (other, _) = &list[1];
        let (c, _) = s.client(&format!("clerk-{mine}")).await;
        let r = c
            .post(format!("{}/api/committees/{mine}/events", s.url))
            .json(&serde_json::json!({"date": "2099-01-02", "event": {"TermChange": {"election": "2099-01-02"}}}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{b:?}: {}", r.text().await.unwrap());
        for path in ["register", "plan", "check", "status"] {
            let r = c
                .get(format!("{}/api/committees/{other}/{path}", s.url))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{b:?} {path}");
        }
    }
}
