//! The district's profile on the server (server.md: the district writes
//! profiles and price lists): stored as revisions, used by the checks, the
//! audit and the export.
#![cfg(feature = "server")]

mod common;
use common::server::{backends, TestServer};

const BUILTIN: &str = include_str!("../assets/profiles/jingan-2017.ron");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_district_sets_the_profile_and_the_checks_follow_it() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (code, _) = s.committees().await.remove(0);
        let (district, dcsrf) = s.client("district").await;
        let (clerk, clerk_csrf) = s.client(&format!("clerk-{code}")).await;
        // the built-in one first
        let v: serde_json::Value = clerk
            .get(format!("{}/api/profile", s.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(v["revision"], 0, "{b:?}");
        assert_eq!(v["ron"], BUILTIN);
        // a new estate needs 10,000 m² now: every new estate falls short
        let strict = BUILTIN.replacen(
            "new_estate_min_area_m2: 200.0",
            "new_estate_min_area_m2: 10000.0",
            1,
        );
        assert_ne!(strict, BUILTIN, "the built-in profile names the threshold");
        let put = |c: &reqwest::Client, csrf: &str, body: String| {
            c.put(format!("{}/api/profile", s.url))
                .header("x-csrf-token", csrf.to_string())
                .body(body)
                .send()
        };
        // a clerk may not
        let r = put(&clerk, &clerk_csrf, strict.clone()).await.unwrap();
        assert_eq!(r.status(), 404, "{b:?}");
        // a profile out of range is refused with its line
        let bad = BUILTIN.replacen(
            "new_estate_min_area_m2: 200.0",
            "new_estate_min_area_m2: -5.0",
            1,
        );
        let r = put(&district, &dcsrf, bad).await;
        let r = r.unwrap();
        assert_eq!(r.status(), 422, "{b:?}");
        let e: serde_json::Value = r.json().await.unwrap();
        assert!(
            e["message_en"]
                .as_str()
                .unwrap()
                .contains("new_estate_min_area_m2"),
            "{e}"
        );
        let before: serde_json::Value = district
            .get(format!("{}/api/audit", s.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let r = put(&district, &dcsrf, strict.clone()).await.unwrap();
        assert_eq!(r.status(), 201, "{b:?}");
        let after: serde_json::Value = district
            .get(format!("{}/api/audit", s.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let count = |v: &serde_json::Value, code: &str| {
            v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["code"] == code)
                .count()
        };
        assert!(
            count(&after, "A2-1.1") > count(&before, "A2-1.1"),
            "{b:?}: the audit follows the stored profile"
        );
        // the export carries it, beside the committees, and the CLI reads both
        let out = s.path().join("export");
        juwei::server::transfer::export(
            &s.db,
            &out,
            &juwei::server::store::all_committees(&s.db).await.unwrap(),
        )
        .await
        .unwrap();
        let p = out.join("district.profile.ron");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), strict);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_juwei"))
            .args([
                "audit",
                out.to_str().unwrap(),
                "--profile",
                p.to_str().unwrap(),
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
        assert_eq!(count(&v, "A2-1.1"), count(&after, "A2-1.1"), "{b:?}");
        assert_eq!(
            v["committees"].as_array().unwrap().len(),
            s.committees().await.len(),
            "{b:?}: the profile file is no plan to the audit"
        );
    }
}
