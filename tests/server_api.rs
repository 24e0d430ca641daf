//! `juwei serve`'s HTTP API (server.md) on SQLite and PostgreSQL: sign-in
//! and sessions, who may read and write what, events, the chain, plans,
//! status entries, the audit, count sheets, CSRF, the append-only events
//! table, import/export with the CLI, and SQL in names.
#![cfg(feature = "server")]

mod common;
use common::server::{backends, Backend, TestServer, PASSWORD};

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

/// l-shaped.ron: 天目西路街道, a register with a written-off air conditioner (ZC-0010).
const L: &str = "JA-TMX-003";
/// merged-zones.ron and shikumen-two-storey.ron: both of 静安寺街道.
const J1: &str = "JA-JAS-009";
const J2: &str = "JA-JAS-012";
const JAS: &str = "静安寺街道";
/// A day after every sample register's last event and before today.
const DAY: &str = "2026-11-30";

fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn body(r: reqwest::Response) -> (StatusCode, Value) {
    let s = r.status();
    let t = r.text().await.unwrap();
    (s, serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

async fn get(c: &Client, url: String) -> (StatusCode, Value) {
    body(c.get(url).send().await.unwrap()).await
}

async fn post_json(c: &Client, url: String, v: &Value) -> (StatusCode, Value) {
    body(c.post(url).json(v).send().await.unwrap()).await
}

async fn put_json(c: &Client, url: String, v: &Value) -> (StatusCode, Value) {
    body(c.put(url).json(v).send().await.unwrap()).await
}

/// The session token of a sign-in answer's cookie.
fn session_token(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("juwei_session="))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

impl Ctx<'_> {
    fn api(&self, code: &str, rest: &str) -> String {
        format!("{}/api/committees/{code}/{rest}", self.s.url)
    }
    /// The committee's events as the district reads them.
    async fn events(&self, code: &str) -> Vec<Value> {
        let (st, v) = get(&self.district, self.api(code, "register")).await;
        assert_eq!(st, 200, "{v}");
        v.as_array().unwrap().clone()
    }
    /// The committee's current plan revision.
    async fn revision(&self, code: &str) -> i64 {
        let r = self
            .district
            .get(self.api(code, "plan"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        r.headers()["x-juwei-revision"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    }
    async fn status_entries(&self, code: &str) -> usize {
        let (st, v) = get(&self.district, self.api(code, "status")).await;
        assert_eq!(st, 200, "{v}");
        v["entries"].as_array().unwrap().len()
    }
}

/// A seeded server and the district's client (for looking).
struct Ctx<'a> {
    s: &'a TestServer,
    district: Client,
}

async fn ctx(s: &TestServer) -> Ctx<'_> {
    Ctx {
        s,
        district: s.client("district").await.0,
    }
}

// ---------------------------------------------------------------- sign-in

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_a_strict_http_only_cookie_and_a_wrong_password_is_401() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let c = client();
        let r = c
            .post(format!("{}/api/login", s.url))
            .json(&json!({"user": format!("clerk-{L}"), "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{b:?}");
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("juwei_session="), "{cookie}");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(cookie.contains("SameSite=Strict"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
        let token = session_token(&r).unwrap();
        assert!(token.len() >= 32, "{token}");
        let (_, v) = body(r).await;
        assert_eq!(v["role"], "clerk");
        assert_eq!(v["committee"], L);
        assert!(v["csrf"].as_str().is_some_and(|t| t.len() >= 16), "{v}");
        // the session works
        let (st, v) = get(&c, format!("{}/api/committees", s.url)).await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v.as_array().unwrap().len(), 1);
        assert_eq!(v[0]["code"], L);
        // nothing without it
        let (st, v) = get(&client(), format!("{}/api/committees", s.url)).await;
        assert_eq!(st, 401, "{b:?}");
        assert_eq!(v["error"], "unauthorized");
        // a wrong password, an unknown user, a malformed sign-in
        for (user, pw) in [
            (format!("clerk-{L}"), "wrong-password"),
            ("nobody".to_string(), PASSWORD),
        ] {
            let r = client()
                .post(format!("{}/api/login", s.url))
                .json(&json!({"user": user, "password": pw}))
                .send()
                .await
                .unwrap();
            assert!(session_token(&r).is_none());
            let (st, v) = body(r).await;
            assert_eq!(st, 401, "{b:?} {user}");
            assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert!(v["message_en"].as_str().is_some_and(|m| !m.is_empty()));
        }
        let (st, _) = post_json(
            &client(),
            format!("{}/api/login", s.url),
            &json!({"user": "x"}),
        )
        .await;
        assert_eq!(st, 400, "{b:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failed_sign_ins_block_that_user_from_that_address() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let login = format!("{}/api/login", s.url);
        let user = format!("clerk-{L}");
        for i in 0..5 {
            let (st, _) = post_json(
                &client(),
                login.clone(),
                &json!({"user": user, "password": "wrong-password"}),
            )
            .await;
            assert_eq!(st, 401, "{b:?} attempt {}", i + 1);
        }
        // now even the right password is refused, with when to try again
        let r = client()
            .post(&login)
            .json(&json!({"user": user, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 429, "{b:?}");
        let wait: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(wait > 0 && wait <= 15 * 60, "{wait}");
        let (_, v) = body(r).await;
        assert_eq!(v["error"], "too-many");
        // another user from the same address may sign in
        let (st, _) = post_json(
            &client(),
            login.clone(),
            &json!({"user": format!("clerk-{J1}"), "password": PASSWORD}),
        )
        .await;
        assert_eq!(st, 200, "{b:?}");
        // and the same user from another address (127.0.0.2 is loopback too)
        let other = Client::builder()
            .local_address(Some("127.0.0.2".parse().unwrap()))
            .build()
            .unwrap();
        let (st, v) = post_json(
            &other,
            login.clone(),
            &json!({"user": user, "password": PASSWORD}),
        )
        .await;
        assert_eq!(st, 200, "{b:?}: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_ends_the_session_on_the_server() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let c = client();
        let r = c
            .post(format!("{}/api/login", s.url))
            .json(&json!({"user": "district", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        let token = session_token(&r).unwrap();
        let r = c
            .post(format!("{}/api/logout", s.url))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{b:?}");
        let cookie = r.headers()["set-cookie"].to_str().unwrap();
        assert!(cookie.contains("Max-Age=0"), "{cookie}");
        // the old token, sent again by hand, is refused: the session is gone
        let r = client()
            .get(format!("{}/api/committees", s.url))
            .header("cookie", format!("juwei_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{b:?}");
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_name = 'district'")
                .fetch_one(&s.db.pool)
                .await
                .unwrap();
        assert_eq!(n, 0, "{b:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_refused() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        let (st, _) = get(&c, format!("{}/api/committees", s.url)).await;
        assert_eq!(st, 200);
        // its expiry moved to a second ago
        let past = juwei::server::time_text(chrono::Utc::now() - chrono::Duration::seconds(1));
        let done = sqlx::query("UPDATE sessions SET expires_at = $1 WHERE user_name = $2")
            .bind(past)
            .bind(format!("clerk-{L}"))
            .execute(&s.db.pool)
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 1);
        for path in ["/api/committees", &format!("/api/committees/{L}/register")] {
            let (st, v) = get(&c, format!("{}{path}", s.url)).await;
            assert_eq!(st, 401, "{b:?} {path}");
            assert_eq!(v["error"], "unauthorized");
        }
        let (st, _) = post_json(
            &c,
            format!("{}/api/committees/{L}/events", s.url),
            &json!({"date": DAY, "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}),
        )
        .await;
        assert_eq!(st, 401, "{b:?}");
        // a session as long as the contract's: SESSION_HOURS from sign-in
        let (c2, _) = s.client("district").await;
        let exp: String =
            sqlx::query_scalar("SELECT expires_at FROM sessions WHERE user_name = 'district'")
                .fetch_one(&s.db.pool)
                .await
                .unwrap();
        let exp = chrono::DateTime::parse_from_rfc3339(&exp).unwrap();
        let left = exp.signed_duration_since(chrono::Utc::now());
        assert!(
            left <= chrono::Duration::hours(juwei::server::auth::SESSION_HOURS)
                && left > chrono::Duration::hours(juwei::server::auth::SESSION_HOURS - 1),
            "{left}"
        );
        drop(c2);
    }
}

// ---------------------------------------------------------------- roles

/// What a user got for each endpoint of a committee.
#[derive(Debug, PartialEq, Eq)]
struct Answers {
    plan: u16,
    check: u16,
    register: u16,
    status: u16,
    put_plan: u16,
    post_event: u16,
    stocktake: u16,
    put_status: u16,
}

/// Try every endpoint of `code` as `user`; what the writes stored is
/// compared with before by the caller.
async fn try_all(s: &TestServer, x: &Ctx<'_>, user: &str, code: &str, accept: bool) -> Answers {
    let (c, csrf) = s.client(user).await;
    let st = |u: String| {
        let c = c.clone();
        async move { c.get(u).send().await.unwrap().status().as_u16() }
    };
    let plan = st(x.api(code, "plan")).await;
    let check = st(x.api(code, "check")).await;
    let register = st(x.api(code, "register")).await;
    let status = st(x.api(code, "status")).await;
    // the committee's own plan again, as the district reads it
    let (_, current) = get(&x.district, x.api(code, "plan")).await;
    let put_plan = c
        .put(x.api(code, "plan"))
        .json(&current)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let post_event = c
        .post(x.api(code, "events"))
        .json(&json!({"date": DAY, "event": {"TermChange": {"election": DAY}}}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let sheet = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/merged-zones-count-2025.csv"
    ))
    .unwrap();
    let form = reqwest::multipart::Form::new().part(
        "sheet",
        reqwest::multipart::Part::bytes(sheet).file_name("count.csv"),
    );
    let stocktake = c
        .post(x.api(code, "stocktakes"))
        .header("x-csrf-token", &csrf)
        .multipart(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    let finding = first_finding(x, code).await;
    let entry = if accept {
        json!({"code": finding, "status": "Accepted", "by": user, "date": DAY, "reason": "测试"})
    } else {
        json!({"code": finding, "status": "InProgress", "by": user, "date": DAY})
    };
    let put_status = c
        .put(x.api(code, "status"))
        .json(&json!({"entries": [entry]}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    Answers {
        plan,
        check,
        register,
        status,
        put_plan,
        post_event,
        stocktake,
        put_status,
    }
}

/// The code of the committee's first finding, or of a rule (for status entries).
async fn first_finding(x: &Ctx<'_>, code: &str) -> String {
    let (st, v) = get(&x.district, x.api(code, "check")).await;
    assert_eq!(st, 200, "{v}");
    // a committee that passes still takes an entry of a known code (the
    // check then reports it stale): enough to try who may write it
    v["findings"][0]["code"]
        .as_str()
        .unwrap_or("A2-1.2")
        .to_string()
}

const READ_ONLY: Answers = Answers {
    plan: 200,
    check: 200,
    register: 200,
    status: 200,
    put_plan: 404,
    post_event: 404,
    stocktake: 404,
    put_status: 404,
};
const NOTHING: Answers = Answers {
    plan: 404,
    check: 404,
    register: 404,
    status: 404,
    put_plan: 404,
    post_event: 404,
    stocktake: 404,
    put_status: 404,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_reads_and_writes_what_the_contract_table_says() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let all = s.committees().await.len();
        assert_eq!(all, 9, "the sample plans");
        let imported_sheets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM count_sheets")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();

        // the committees each user may read
        for (user, want) in [
            (format!("clerk-{J1}"), vec![J1]),
            (format!("street-{JAS}"), vec![J1, J2]),
        ] {
            let (c, _) = s.client(&user).await;
            let (_, v) = get(&c, format!("{}/api/committees", s.url)).await;
            let mut got: Vec<&str> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].as_str().unwrap())
                .collect();
            got.sort();
            assert_eq!(got, want, "{b:?} {user}");
            assert!(v[0]["name"].is_string() && v[0]["street"].is_string());
        }
        for user in ["district", "admin"] {
            let (c, _) = s.client(user).await;
            let (_, v) = get(&c, format!("{}/api/committees", s.url)).await;
            assert_eq!(v.as_array().unwrap().len(), all, "{b:?} {user}");
        }

        // a clerk: everything of their committee (status: InProgress/Fixed)
        let before = (x.events(J1).await.len(), x.revision(J1).await);
        let got = try_all(&s, &x, &format!("clerk-{J1}"), J1, false).await;
        assert_eq!(
            got,
            Answers {
                plan: 200,
                check: 200,
                register: 200,
                status: 200,
                put_plan: 201,
                post_event: 201,
                stocktake: 200,
                put_status: 200,
            },
            "{b:?} clerk"
        );
        assert_eq!(x.events(J1).await.len(), before.0 + 1);
        assert_eq!(x.revision(J1).await, before.1 + 1);
        assert_eq!(x.status_entries(J1).await, 1);
        // a clerk may not set Accepted on their own committee
        let got = try_all(&s, &x, &format!("clerk-{J1}"), J1, true).await;
        assert_eq!(got.put_status, 422, "{b:?}");

        let (j2, l) = (x.events(J2).await.len(), x.events(L).await.len());
        // the street: reads its committees, writes status entries of any kind
        let got = try_all(&s, &x, &format!("street-{JAS}"), J2, true).await;
        assert_eq!(
            got,
            Answers {
                put_status: 200,
                ..READ_ONLY
            },
            "{b:?} street"
        );
        // the district: reads all, writes status entries
        let got = try_all(&s, &x, "district", L, true).await;
        assert_eq!(
            got,
            Answers {
                put_status: 200,
                ..READ_ONLY
            },
            "{b:?} district"
        );
        // the admin: reads all, writes none of the ledger
        let got = try_all(&s, &x, "admin", L, false).await;
        assert_eq!(got, READ_ONLY, "{b:?} admin");

        // what the refused writes did: nothing (the street's and district's
        // status entries are their only writes)
        assert_eq!(x.events(J2).await.len(), j2, "{b:?}");
        assert_eq!(x.events(L).await.len(), l, "{b:?}");
        assert_eq!(x.revision(J2).await, 1, "{b:?}");
        assert_eq!(x.revision(L).await, 1, "{b:?}");
        let (c, _) = s.client("district").await;
        let (_, v) = get(&c, x.api(J2, "status")).await;
        assert_eq!(v["entries"][0]["status"], "Accepted", "{b:?} {v}");
        let sheets: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM count_sheets")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
        assert_eq!(
            sheets, imported_sheets,
            "{b:?}: a sheet is kept when applied only"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_committees_data_is_404_for_every_endpoint() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let events = x.events(J2).await.len();
        // a clerk of another committee of the same street, and a street of another street
        for (user, code) in [
            (format!("clerk-{J1}"), J2),
            (format!("clerk-{L}"), J1),
            ("street-天目西路街道".to_string(), J1),
        ] {
            let got = try_all(&s, &x, &user, code, false).await;
            assert_eq!(got, NOTHING, "{b:?} {user} on {code}");
            let got = try_all(&s, &x, &user, code, true).await;
            assert_eq!(got.put_status, 404, "{b:?} {user} on {code}");
        }
        assert_eq!(x.events(J2).await.len(), events, "nothing stored");
        assert_eq!(x.events(J1).await.len(), x.events(J1).await.len());
        assert_eq!(x.revision(J2).await, 1);
        assert_eq!(x.revision(J1).await, 1);
        assert_eq!(x.status_entries(J2).await, 0);
        assert_eq!(x.status_entries(J1).await, 0);
        // the answer is the very one of a committee that does not exist
        let (c, _) = s.client(&format!("clerk-{J1}")).await;
        let (st1, v1) = get(&c, x.api(J2, "register")).await;
        let (st2, v2) = get(&c, x.api("JA-NONE-999", "register")).await;
        assert_eq!((st1, &v1), (st2, &v2), "{b:?}");
        assert_eq!(v1["error"], "not-found");
        // the audit of a clerk covers their committee only, whatever street is asked
        let (_, v) = get(&c, format!("{}/api/audit?street={JAS}", s.url)).await;
        let codes: Vec<&str> = v["committees"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["committee"]["code"].as_str())
            .collect();
        assert_eq!(codes, [J1], "{b:?} {v}");
        let (st, _) = get(&c, format!("{}/api/audit?street=天目西路街道", s.url)).await;
        assert_eq!(st, 404, "{b:?}");
    }
}

// ---------------------------------------------------------------- events

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_in_the_contracts_json_shapes_are_stored_and_answered_201() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        let user = format!("clerk-{L}");
        // server.md's two examples (the Acquire with category, special left out)
        let mv = json!({"date": DAY, "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}});
        let (st, v) = post_json(&c, x.api(L, "events"), &mv).await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["date"], DAY);
        assert_eq!(v["asset"], "ZC-0001");
        assert_eq!(v["event"], json!({"Move": {"to": "R2"}}));
        assert_eq!(v["recorded_by"], user);
        assert!(v["recorded_at"].as_str().unwrap().ends_with('Z'), "{v}");
        assert_eq!(v["hash"].as_str().unwrap().len(), 64);
        let acq = json!({"date": DAY, "asset": "ZC-0100", "event": {"Acquire": {"source":
            "Purchase", "name": "椅子", "kind": "Chair", "unit_value_fen": 30000,
            "count": 1, "custodian": "张三", "location": "R1"}}});
        let (st, v) = post_json(&c, x.api(L, "events"), &acq).await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["event"]["Acquire"]["name"], "椅子");
        assert_eq!(v["event"]["Acquire"]["special"], false);
        // the fewest fields: count defaults to 1
        let min = json!({"date": DAY, "asset": "ZC-0101", "event": {"Acquire": {"source":
            "Donation", "name": "书架", "unit_value_fen": 0}}});
        let (st, v) = post_json(&c, x.api(L, "events"), &min).await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["event"]["Acquire"]["count"], 1);
        // a register-wide event has no asset
        let (st, v) = post_json(
            &c,
            x.api(L, "events"),
            &json!({"date": DAY, "event": {"SealUse": {"seal": "YZ-01", "purpose": "证明"}}}),
        )
        .await;
        // (l-shaped's seal is YZ-01 or the ledger says it is unknown: either
        // way the answer is the ledger's)
        assert!(st == 201 || st == 422, "{b:?} {st} {v}");
        // the register lists them last, as answered
        let evs = x.events(L).await;
        let n = evs.len();
        let mine: Vec<&Value> = evs.iter().filter(|e| e["recorded_by"] == user).collect();
        assert_eq!(mine.len(), if st == 201 { 4 } else { 3 });
        assert_eq!(mine[0]["event"], mv["event"]);
        assert_eq!(mine[1]["asset"], "ZC-0100");
        assert_eq!(evs[n - 1]["seq"], n as i64);
        // the check reads the new cards (ZC-0100 is on the books now)
        let (st, _) = post_json(
            &c,
            x.api(L, "events"),
            &json!({"date": DAY, "asset": "ZC-0100", "event": {"Custodian": {"to": "李四"}}}),
        )
        .await;
        assert_eq!(st, 201, "{b:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_the_ledger_refuses_is_422_with_its_reason_and_nothing_is_stored() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        let before = x.events(L).await;
        for (ev, reason) in [
            // before the register's last event (2026-01-05)
            (
                json!({"date": "2025-06-01", "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}),
                "date order",
            ),
            (
                json!({"date": DAY, "asset": "ZC-9999", "event": {"Move": {"to": "R2"}}}),
                "not on the books",
            ),
            // the air conditioner written off in 2024
            (
                json!({"date": DAY, "asset": "ZC-0010", "event": {"Move": {"to": "R2"}}}),
                "written off",
            ),
            (
                json!({"date": DAY, "asset": "ZC-0001", "event": {"Acquire": {"source": "Purchase", "name": "x", "unit_value_fen": 1}}}),
                "acquired once",
            ),
            (
                json!({"date": DAY, "event": {"Move": {"to": "R2"}}}),
                "needs the asset",
            ),
            (
                json!({"date": DAY, "asset": "ZC-0006", "event": {"WriteOff": {"reason": "坏了", "count": 99}}}),
                "exceeds",
            ),
        ] {
            let (st, v) = post_json(&c, x.api(L, "events"), &ev).await;
            assert_eq!(st, 422, "{b:?} {ev}: {v}");
            assert_eq!(v["error"], "refused");
            let en = v["message_en"].as_str().unwrap();
            assert!(en.contains(reason), "{b:?} {reason}: {en}");
            assert!(!v["message"].as_str().unwrap().is_empty());
        }
        assert_eq!(x.events(L).await, before, "{b:?}: nothing stored");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_400_and_nothing_is_stored() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        let before = x.events(L).await.len();
        for text in [
            "{",
            "",
            "[]",
            r#"{"date": "2026-11-30", "asset": "ZC-0001"}"#,
            r#"{"date": "2026-11-30", "asset": "ZC-0001", "event": {"Fly": {"to": "R2"}}}"#,
            r#"{"date": "2026-11-30", "asset": "ZC-0001", "event": {"Move": {"to": "R2", "why": 1}}}"#,
            r#"{"date": "2026-11-30", "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}, "extra": 1}"#,
            r#"{"date": "2026-02-30", "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}"#,
            r#"{"date": "30.11.2026", "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}"#,
            r#"{"date": "2026-11-30", "asset": "ZC-0101", "event": {"Acquire": {"source": "Purchase", "name": "x", "unit_value_fen": "many"}}}"#,
            "\u{feff}\u{0}",
        ] {
            let r = c
                .post(x.api(L, "events"))
                .header("content-type", "application/json")
                .body(text)
                .send()
                .await
                .unwrap();
            let (st, v) = body(r).await;
            assert_eq!(st, 400, "{b:?} {text}: {v}");
            assert_eq!(v["error"], "bad-request");
        }
        assert_eq!(x.events(L).await.len(), before, "{b:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_stored_event_links_to_the_previous_by_its_hash() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        for (i, to) in ["R2", "R1", "R7"].iter().enumerate() {
            let (st, v) = post_json(
                &c,
                x.api(L, "events"),
                &json!({"date": DAY, "asset": format!("ZC-000{}", i + 1), "event": {"Move": {"to": to}}}),
            )
            .await;
            assert_eq!(st, 201, "{v}");
        }
        for (code, _) in s.committees().await {
            let evs = x.events(&code).await;
            common::chain::verify(&code, &evs).unwrap_or_else(|e| panic!("{b:?}: {e}"));
            // the hash the database keeps is the one answered, and the
            // previous one is kept beside it
            let rows: Vec<(Option<String>, String)> = sqlx::query_as(
                "SELECT prev_hash, hash FROM events WHERE committee = $1 ORDER BY seq",
            )
            .bind(&code)
            .fetch_all(&s.db.pool)
            .await
            .unwrap();
            assert_eq!(rows.len(), evs.len());
            for (i, (prev, hash)) in rows.iter().enumerate() {
                assert_eq!(evs[i]["hash"], hash.as_str());
                let want = (i > 0).then(|| rows[i - 1].1.clone());
                assert_eq!(prev, &want, "{b:?} {code} {i}");
            }
        }
        // a changed event no longer verifies (the check can fail)
        let mut evs = x.events(L).await;
        let n = evs.len();
        evs[n - 2]["event"]["Move"]["to"] = json!("R9");
        assert!(common::chain::verify(L, &evs).is_err());
    }
}

// ---------------------------------------------------------------- plans

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_revision_is_stored_from_ron_or_json_and_every_revision_stays_readable() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, csrf) = s.client(&format!("clerk-{L}")).await;
        let ron =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/plans/l-shaped.ron"))
                .unwrap();
        assert_eq!(x.revision(L).await, 1);
        let (_, first) = get(&c, x.api(L, "plan")).await;
        // RON text (not JSON: the CSRF token is needed)
        let changed = ron.replace("name: \"会议室\"", "name: \"大会议室\"");
        assert_ne!(changed, ron);
        let r = c
            .put(x.api(L, "plan"))
            .header("content-type", "text/plain; charset=utf-8")
            .header("x-csrf-token", &csrf)
            .body(changed)
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["revision"], 2);
        // JSON: the plan as GET gives it, with a room renamed again
        let (_, mut plan) = get(&c, x.api(L, "plan")).await;
        let rooms = plan["rooms"].as_array_mut().unwrap();
        let r2 = rooms.iter_mut().find(|r| r["id"] == "R2").unwrap();
        assert_eq!(r2["name"], "大会议室");
        r2["name"] = json!("会议室(二)");
        let (st, v) = put_json(&c, x.api(L, "plan"), &plan).await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["revision"], 3);
        assert_eq!(x.revision(L).await, 3);
        // each revision as it was
        for (rev, name) in [(1, "会议室"), (2, "大会议室"), (3, "会议室(二)")] {
            let r = c
                .get(format!("{}?revision={rev}", x.api(L, "plan")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.headers()["x-juwei-revision"], rev.to_string().as_str());
            let (st, v) = body(r).await;
            assert_eq!(st, 200);
            let r2 = v["rooms"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["id"] == "R2")
                .unwrap();
            assert_eq!(r2["name"], name, "{b:?} revision {rev}");
        }
        let (_, v1) = get(&c, format!("{}?revision=1", x.api(L, "plan"))).await;
        assert_eq!(v1, first);
        let (st, _) = get(&c, format!("{}?revision=9", x.api(L, "plan"))).await;
        assert_eq!(st, 404);
        let (st, _) = get(&c, format!("{}?revision=x", x.api(L, "plan"))).await;
        assert_eq!(st, 400);
        // the check sees the previous revision (a diff-aware check)
        let (st, _) = get(&c, x.api(L, "check")).await;
        assert_eq!(st, 200);

        // a bad plan: 422 with its line and column, nothing stored
        let broken = ron.replacen("rooms: [", "rooms: [[", 1);
        let r = c
            .put(x.api(L, "plan"))
            .header("content-type", "text/plain")
            .header("x-csrf-token", &csrf)
            .body(broken)
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 422, "{b:?} {v}");
        let en = v["message_en"].as_str().unwrap();
        let line = ron.lines().position(|l| l.contains("rooms: [")).unwrap() + 1;
        assert!(en.contains(&format!(":{line}:")), "{b:?} line {line}: {en}");
        // another committee's plan is not this one's
        let other = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/plans/merged-zones.ron"
        ))
        .unwrap();
        let r = c
            .put(x.api(L, "plan"))
            .header("content-type", "text/plain")
            .header("x-csrf-token", &csrf)
            .body(other)
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 422, "{b:?} {v}");
        assert!(v["message_en"].as_str().unwrap().contains(J1), "{v}");
        // JSON that is not a plan
        let (st, _) = put_json(&c, x.api(L, "plan"), &json!({"format": 1})).await;
        assert_eq!(st, 400, "{b:?}");
        assert_eq!(x.revision(L).await, 3, "{b:?}");
    }
}

// ---------------------------------------------------------------- status, audit

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_may_not_accept_a_finding_but_the_street_may() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let code = first_finding(&x, J1).await;
        let (clerk, _) = s.client(&format!("clerk-{J1}")).await;
        let (street, _) = s.client(&format!("street-{JAS}")).await;
        let accepted = json!({"code": code, "status": "Accepted", "by": "王某", "date": DAY, "reason": "无法改造"});
        let (st, v) = put_json(&clerk, x.api(J1, "status"), &json!({"entries": [accepted]})).await;
        assert_eq!(st, 422, "{b:?} {v}");
        assert!(
            v["message_en"].as_str().unwrap().contains("Accepted"),
            "{v}"
        );
        assert_eq!(x.status_entries(J1).await, 0);
        // the clerk's own kinds
        let fixed = json!({"code": code, "status": "Fixed", "by": "许红梅", "date": DAY});
        let (st, v) = put_json(&clerk, x.api(J1, "status"), &json!({"entries": [fixed]})).await;
        assert_eq!(st, 200, "{b:?} {v}");
        // the street accepts, keeping the clerk's entry
        let (st, v) = put_json(
            &street,
            x.api(J1, "status"),
            &json!({"entries": [accepted]}),
        )
        .await;
        assert_eq!(st, 200, "{b:?} {v}");
        let (_, v) = get(&clerk, x.api(J1, "status")).await;
        assert_eq!(v["entries"][0]["status"], "Accepted");
        // and the clerk may neither remove nor change it
        let (st, _) = put_json(&clerk, x.api(J1, "status"), &json!({"entries": []})).await;
        assert_eq!(st, 422, "{b:?}");
        let (st, _) = put_json(&clerk, x.api(J1, "status"), &json!({"entries": [fixed]})).await;
        assert_eq!(st, 422, "{b:?}");
        // the check shows the finding accepted
        let (_, v) = get(&clerk, x.api(J1, "check")).await;
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == code.as_str())
            .unwrap();
        assert_eq!(f["status"], "accepted", "{b:?} {f}");
        // Accepted without its reason is refused as the CLI refuses it
        let (st, v) = put_json(
            &street,
            x.api(J1, "status"),
            &json!({"entries": [{"code": code, "status": "Accepted", "by": "王某"}]}),
        )
        .await;
        assert_eq!(st, 422, "{b:?} {v}");
        let (st, _) = put_json(
            &street,
            x.api(J1, "status"),
            &json!({"entries": [{"code": "Z9-9", "status": "Fixed"}]}),
        )
        .await;
        assert_eq!(st, 422, "{b:?}: an unknown rule code");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_covers_the_committees_the_user_may_read_and_the_street_asked() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let codes = |v: &Value| {
            let mut c: Vec<String> = v["committees"]
                .as_array()
                .unwrap_or_else(|| panic!("{v}"))
                .iter()
                .map(|c| c["committee"]["code"].as_str().unwrap().to_string())
                .collect();
            c.sort();
            c
        };
        let (d, _) = s.client("district").await;
        let (st, all) = get(&d, format!("{}/api/audit", s.url)).await;
        assert_eq!(st, 200, "{b:?} {all}");
        let mut want: Vec<String> = s.committees().await.into_iter().map(|c| c.0).collect();
        want.sort();
        assert_eq!(codes(&all), want, "{b:?}");
        assert!(all["totals"].is_object() && all["streets"].is_array());
        let (st, v) = get(&d, format!("{}/api/audit?street={JAS}", s.url)).await;
        assert_eq!(st, 200);
        assert_eq!(codes(&v), [J1, J2], "{b:?}");
        // a street with no committee (for this user) has no audit
        let (st, v) = get(&d, format!("{}/api/audit?street=没有这个街道", s.url)).await;
        assert_eq!(st, 404, "{b:?} {v}");
        let (street, _) = s.client(&format!("street-{JAS}")).await;
        let (_, v) = get(&street, format!("{}/api/audit", s.url)).await;
        assert_eq!(codes(&v), [J1, J2], "{b:?}");
        let (st, _) = get(&street, format!("{}/api/audit?street=天目西路街道", s.url)).await;
        assert_eq!(st, 404, "{b:?}: not the street's to read");
        // the same audit as the CLI's of the sample folder
        let o = common::juwei(&["audit", "plans", "--format", "json"]);
        let cli: Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut cli_codes = codes(&cli);
        cli_codes.sort();
        assert_eq!(codes(&all), cli_codes);
        let unauth = get(&client(), format!("{}/api/audit", s.url)).await;
        assert_eq!(unauth.0, 401);
    }
}

// ---------------------------------------------------------------- count sheets, CSRF

fn sheet_form(name: &str) -> reqwest::multipart::Form {
    let bytes = std::fs::read(format!("{}/plans/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    reqwest::multipart::Form::new().part(
        "sheet",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_count_sheet_upload_reconciles_and_with_apply_appends_the_settling_events() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, csrf) = s.client(&format!("clerk-{L}")).await;
        let before = x.events(L).await.len();
        // the 2025 count on its day: one unlabelled file cabinet found
        let r = c
            .post(format!("{}?date=2025-12-26", x.api(L, "stocktakes")))
            .header("x-csrf-token", &csrf)
            .multipart(sheet_form("l-shaped-count-2025.csv"))
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 200, "{b:?} {v}");
        assert_eq!(v["date"], "2025-12-26");
        assert_eq!(v["surplus"].as_array().map(Vec::len), Some(1), "{v}");
        assert_eq!(v["shortage"].as_array().map(Vec::len), Some(0), "{v}");
        assert!(v.get("recorded").is_none());
        assert_eq!(
            x.events(L).await.len(),
            before,
            "not applied: nothing recorded"
        );
        // settled after the register's last event: the stocktake is recorded
        let r = c
            .post(format!(
                "{}?apply=true&date=2026-01-06",
                x.api(L, "stocktakes")
            ))
            .header("x-csrf-token", &csrf)
            .multipart(sheet_form("l-shaped-count-2025.csv"))
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 200, "{b:?} {v}");
        let recorded = v["recorded"].as_array().unwrap();
        assert!(!recorded.is_empty(), "{v}");
        let evs = x.events(L).await;
        assert_eq!(evs.len(), before + recorded.len(), "{b:?}");
        let last = &evs[evs.len() - recorded.len()];
        assert!(last["event"]["Stocktake"]["year"].is_i64(), "{last}");
        assert_eq!(
            last["event"]["Stocktake"]["sheet"], v["sheet"],
            "the event names the sheet as kept"
        );
        assert_eq!(last["recorded_by"], format!("clerk-{L}"));
        common::chain::verify(L, &evs).unwrap();
        // the check reads the stored sheet (not a file of the server's
        // working folder): every count sheet is found, and the unlabelled
        // cabinet of the 2025 count, not settled without a choice, is reported
        // from the sheet's line
        let r = c.get(x.api(L, "check")).send().await.unwrap();
        let (st, check) = body(r).await;
        assert_eq!(st, 200, "{b:?} {check}");
        let count = check["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "A1-3.6.3c")
            .map(|f| f["message"].as_str().unwrap_or_default())
            .collect::<Vec<_>>();
        assert!(
            count.iter().all(|m| !m.contains("无法读取")),
            "{b:?}: {count:?}"
        );
        assert!(
            count
                .iter()
                .any(|m| m.contains("2025 年度清点盘盈") && m.contains("盘点表第 27 行")),
            "{b:?}: {count:?}"
        );
        // settling the count of a day before the register's last event is
        // the ledger's refusal, and records nothing
        let r = c
            .post(format!(
                "{}?apply=true&date=2025-12-26",
                x.api(L, "stocktakes")
            ))
            .header("x-csrf-token", &csrf)
            .multipart(sheet_form("l-shaped-count-2025.csv"))
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 422, "{b:?} {v}");
        assert_eq!(x.events(L).await.len(), evs.len());
        // a workbook too (police-through-office's 2025 count is one)
        let (cp, csrf_p) = s.client("clerk-JA-NJX-005").await;
        let r = cp
            .post(x.api("JA-NJX-005", "stocktakes"))
            .header("x-csrf-token", &csrf_p)
            .multipart(sheet_form("police-through-office-count-2025.xlsx"))
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert_eq!(st, 200, "{b:?} {v}");
        // a file that is no count sheet
        let r = c
            .post(x.api(L, "stocktakes"))
            .header("x-csrf-token", &csrf)
            .multipart(sheet_form("l-shaped.ron"))
            .send()
            .await
            .unwrap();
        let (st, v) = body(r).await;
        assert!(st == 422 || st == 400, "{b:?} {st} {v}");
        // no sheet at all
        let r = c
            .post(x.api(L, "stocktakes"))
            .header("x-csrf-token", &csrf)
            .multipart(reqwest::multipart::Form::new().text("apply", "on"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mutation_that_is_not_json_needs_the_csrf_token() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, csrf) = s.client(&format!("clerk-{L}")).await;
        let ron =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/plans/l-shaped.ron"))
                .unwrap();
        let before = x.events(L).await.len();
        for token in [None, Some("0123456789abcdef0123456789abcdef"), Some("")] {
            let with = |rb: reqwest::RequestBuilder| match token {
                Some(t) => rb.header("x-csrf-token", t),
                None => rb,
            };
            let r = with(c.post(x.api(L, "stocktakes")))
                .multipart(sheet_form("l-shaped-count-2025.csv"))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{b:?} {token:?}");
            let r = with(c.put(x.api(L, "plan")))
                .header("content-type", "text/plain")
                .body(ron.clone())
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{b:?} {token:?}");
            // a form post of an event (what another site's page could send)
            let r = with(c.post(x.api(L, "events")))
                .header("content-type", "application/x-www-form-urlencoded")
                .body("date=2026-11-30&asset=ZC-0001")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{b:?} {token:?}");
            let r = with(c.put(x.api(L, "status")))
                .header("content-type", "text/plain")
                .body(r#"{"entries": []}"#)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 400, "{b:?} {token:?}");
        }
        assert_eq!(x.revision(L).await, 1);
        assert_eq!(x.events(L).await.len(), before);
        // with the token of the sign-in answer the same upload works
        let r = c
            .post(x.api(L, "stocktakes"))
            .header("x-csrf-token", &csrf)
            .multipart(sheet_form("l-shaped-count-2025.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{b:?}");
        // another session's token is not this one's
        let (_, other) = s.client(&format!("clerk-{L}")).await;
        assert_ne!(other, csrf);
        let r = c
            .post(x.api(L, "stocktakes"))
            .header("x-csrf-token", &other)
            .multipart(sheet_form("l-shaped-count-2025.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{b:?}");
    }
}

// ---------------------------------------------------------------- the database

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_refuses_to_update_or_delete_an_event() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let before = x.events(L).await;
        for sql in [
            "UPDATE events SET asset = 'ZC-6666' WHERE committee = $1",
            "UPDATE events SET hash = 'x' WHERE committee = $1 AND seq = 1",
            "DELETE FROM events WHERE committee = $1",
            "DELETE FROM events WHERE committee = $1 AND seq = 2",
        ] {
            let e = sqlx::query(sql)
                .bind(L)
                .execute(&s.db.pool)
                .await
                .expect_err(sql);
            assert!(e.to_string().contains("append-only"), "{b:?} {sql}: {e}");
        }
        if b == Backend::Postgres {
            let e = sqlx::query("TRUNCATE events")
                .execute(&s.db.pool)
                .await
                .expect_err("TRUNCATE");
            assert!(e.to_string().contains("append-only"), "{e}");
        }
        assert_eq!(x.events(L).await, before, "{b:?}");
        // appending still works
        let (c, _) = s.client(&format!("clerk-{L}")).await;
        let (st, _) = post_json(
            &c,
            x.api(L, "events"),
            &json!({"date": DAY, "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}),
        )
        .await;
        assert_eq!(st, 201);
    }
}

// ---------------------------------------------------------------- import, export, CLI

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_reads_in_the_cli_and_importing_it_again_changes_nothing() {
    for b in backends() {
        let s = TestServer::start(b).await;
        let exe = env!("CARGO_BIN_EXE_juwei");
        let run = |args: &[&str]| {
            std::process::Command::new(exe)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["--lang", "en", "serve", "--db", &s.db_url])
                .args(args)
                .output()
                .unwrap()
        };
        // serve import of the sample folder, by the CLI
        let o = run(&["import", "plans"]);
        assert!(o.status.success(), "{b:?} {}", common::stderr(&o));
        let imported = common::stdout(&o);
        assert_eq!(imported.lines().count(), 9, "{imported}");
        // a user through the CLI, and an event recorded through the API
        let mut add = std::process::Command::new(exe)
            .args([
                "serve", "--db", &s.db_url, "user", "add", "clerk-l", "--role", "clerk",
            ])
            .args(["--committee", L, "--password-stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        add.stdin
            .take()
            .unwrap()
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .unwrap();
        let o = add.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", common::stderr(&o));
        let (c, _) = s.client("clerk-l").await;
        let (st, v) = post_json(
            &c,
            format!("{}/api/committees/{L}/events", s.url),
            &json!({"date": DAY, "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}),
        )
        .await;
        assert_eq!(st, 201, "{v}");

        // serve export, and the CLI reads it
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().to_str().unwrap();
        let o = run(&["export", dir]);
        assert!(o.status.success(), "{b:?} {}", common::stderr(&o));
        let reg = out.path().join("l-shaped.register.ron");
        assert!(
            reg.is_file(),
            "{:?}",
            std::fs::read_dir(out.path()).unwrap().collect::<Vec<_>>()
        );
        let o = common::juwei(&["register", reg.to_str().unwrap(), "--check"]);
        assert_ne!(o.status.code(), Some(2), "{b:?} {}", common::stderr(&o));
        let o = common::juwei(&["register", reg.to_str().unwrap(), "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{b:?} {}", common::stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        let text = v.to_string();
        assert!(text.contains("ZC-0001"), "{text}");
        let plan = out.path().join("l-shaped.ron");
        let o = common::juwei(&["check", plan.to_str().unwrap(), "--format", "json"]);
        assert_ne!(o.status.code(), Some(2), "{b:?} {}", common::stderr(&o));
        let o = common::juwei(&["audit", dir, "--format", "json"]);
        assert_ne!(o.status.code(), Some(2), "{b:?} {}", common::stderr(&o));
        let audit: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(audit["committees"].as_array().unwrap().len(), 9);
        // the CLI's register of the export holds the server's events, the new one last
        let loaded = juwei::register::load_register(&reg).unwrap();
        let stored = {
            let (st, v) = get(&c, format!("{}/api/committees/{L}/register", s.url)).await;
            assert_eq!(st, 200);
            v.as_array().unwrap().clone()
        };
        assert_eq!(loaded.events.len(), stored.len(), "{b:?}");
        let last = loaded.events.last().unwrap();
        assert_eq!(last.asset.as_deref(), Some("ZC-0001"));
        assert_eq!(last.date.to_string(), DAY);

        // importing the export again changes nothing
        let count = |sql: &'static str| {
            let pool = s.db.pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>(sql)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let before = (
            count("SELECT COUNT(*) FROM events").await,
            count("SELECT COUNT(*) FROM plans").await,
            count("SELECT COUNT(*) FROM status_revisions").await,
            count("SELECT COUNT(*) FROM count_sheets").await,
        );
        let o = run(&["import", dir]);
        assert!(o.status.success(), "{b:?} {}", common::stderr(&o));
        for line in common::stdout(&o).lines() {
            assert!(
                line.contains("0 plan revisions, 0 events, 0 count sheets, 0 comments")
                    && !line.contains("status"),
                "{b:?} {line}"
            );
        }
        let after = (
            count("SELECT COUNT(*) FROM events").await,
            count("SELECT COUNT(*) FROM plans").await,
            count("SELECT COUNT(*) FROM status_revisions").await,
            count("SELECT COUNT(*) FROM count_sheets").await,
        );
        assert_eq!(before, after, "{b:?}");
        // and the export of the export is the same files
        let again = tempfile::tempdir().unwrap();
        let o = run(&["export", again.path().to_str().unwrap()]);
        assert!(o.status.success());
        for e in walk(out.path()) {
            let rel = e.strip_prefix(out.path()).unwrap();
            let other = again.path().join(rel);
            assert_eq!(
                std::fs::read(&e).unwrap(),
                std::fs::read(&other).unwrap_or_default(),
                "{b:?} {}",
                rel.display()
            );
        }
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------- SQL in names

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_in_path_segments_and_json_fields_is_only_text() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (c, csrf) = s.client(&format!("clerk-{L}")).await;
        let all = s.committees().await.len();
        for code in [
            "x' OR '1'='1",
            "JA-TMX-003' --",
            "x\"; DROP TABLE events; --",
            "%27%20OR%201=1",
            "JA-TMX-003%00",
        ] {
            // not found; or, on PostgreSQL (which stores no NUL), refused as
            // a bad request: never an internal error
            let nul = b == Backend::Postgres && code.contains("%00");
            let want = |st: StatusCode| st == 404 || (nul && st == 400);
            for path in ["plan", "check", "register", "status"] {
                let (st, _) = get(&c, x.api(code, path)).await;
                assert!(want(st), "{b:?} {code} {path}: {st}");
                let (st, _) = get(&x.district, x.api(code, path)).await;
                assert!(want(st), "{b:?} district {code} {path}: {st}");
            }
            let (st, _) = post_json(
                &c,
                x.api(code, "events"),
                &json!({"date": DAY, "asset": "ZC-0001", "event": {"Move": {"to": "R2"}}}),
            )
            .await;
            assert!(want(st), "{b:?} {code}: {st}");
            let (st, _) = put_json(&c, x.api(code, "status"), &json!({"entries": []})).await;
            assert!(want(st), "{b:?} {code}: {st}");
            let r = c
                .post(x.api(code, "stocktakes"))
                .header("x-csrf-token", &csrf)
                .multipart(sheet_form("l-shaped-count-2025.csv"))
                .send()
                .await
                .unwrap();
            assert!(want(r.status()), "{b:?} {code}");
        }
        // in sign-in
        for user in [
            "' OR '1'='1",
            "district' --",
            "admin'; DELETE FROM users; --",
        ] {
            let (st, _) = post_json(
                &client(),
                format!("{}/api/login", s.url),
                &json!({"user": user, "password": "' OR '1'='1"}),
            )
            .await;
            assert_eq!(st, 401, "{b:?} {user}");
        }
        // in the street asked of the audit
        let (st, v) = get(
            &x.district,
            format!("{}/api/audit?street=%27%20OR%20%271%27%3D%271", s.url),
        )
        .await;
        assert_eq!(st, 404, "{b:?}: no such street {v}");
        // in an event's fields: stored as written
        let name = "'); DROP TABLE events; --";
        let asset = "ZC-' OR 1=1 --";
        let (st, v) = post_json(
            &c,
            x.api(L, "events"),
            &json!({"date": DAY, "asset": asset, "event": {"Acquire": {"source": "Purchase", "name": name, "unit_value_fen": 100, "custodian": "\"; DELETE FROM sessions; --"}}}),
        )
        .await;
        assert_eq!(st, 201, "{b:?} {v}");
        let evs = x.events(L).await;
        let last = evs.last().unwrap();
        assert_eq!(last["asset"], asset);
        assert_eq!(last["event"]["Acquire"]["name"], name);
        common::chain::verify(L, &evs).unwrap();
        // a NUL in a field is stored as written (the event is kept as JSON
        // text, where it is an escape)
        let n = evs.len();
        let (st, v) = post_json(
            &c,
            x.api(L, "events"),
            &json!({"date": DAY, "asset": "ZC-0001", "event": {"Custodian": {"to": "张\u{0}三"}}}),
        )
        .await;
        assert_eq!(st, 201, "{b:?} {v}");
        let evs = x.events(L).await;
        assert_eq!(evs.len(), n + 1);
        assert_eq!(evs[n]["event"]["Custodian"]["to"], "张\u{0}三");
        common::chain::verify(L, &evs).unwrap();
        let (st, _) = post_json(
            &client(),
            format!("{}/api/login", s.url),
            &json!({"user": "district\u{0}", "password": PASSWORD}),
        )
        .await;
        assert!(st == 401 || st == 400, "{b:?} {st}");
        // everything is still there
        assert_eq!(s.committees().await.len(), all);
        let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&s.db.pool)
            .await
            .unwrap();
        assert_eq!(
            users,
            all as i64 + 8 + 2,
            "{b:?}: clerks, streets, district, admin"
        );
        let (st, _) = get(&c, format!("{}/api/committees", s.url)).await;
        assert_eq!(st, 200, "{b:?}: the session is still there");
    }
}

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

// ---------------------------------------------------------------- comments

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_street_and_district_comment_on_findings_and_comments_stay_as_written() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        let (st, check) = get(&x.district, x.api(J1, "check")).await;
        assert_eq!(st, 200, "{check}");
        let f = &check["findings"][0];
        let code = f["code"].as_str().unwrap();
        let (street, _) = s.client(&format!("street-{JAS}")).await;
        // a comment on the finding, and one on the committee as a whole
        let (st, v) = post_json(
            &street,
            x.api(J1, "comments"),
            &json!({"code": code, "body": "  下周三复查 <b>现场</b>\n请准备照片  "}),
        )
        .await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!(v["seq"], 1);
        assert_eq!(v["code"], code);
        assert_eq!(v["body"], "下周三复查 <b>现场</b>\n请准备照片", "trimmed");
        assert_eq!(v["by"], format!("street-{JAS}"));
        let (st, v) = post_json(
            &x.district,
            x.api(J1, "comments"),
            &json!({"body": "整体良好"}),
        )
        .await;
        assert_eq!(st, 201, "{b:?} {v}");
        assert_eq!((v["seq"].as_i64(), v["code"].is_null()), (Some(2), true));
        // what is refused stores nothing: 422 with the reason, 400 malformed
        for (body, want) in [
            (json!({"code": "ZZ-9", "body": "x"}), 422),
            (json!({"code": code, "body": "   "}), 422),
            (json!({"body": "长".repeat(2001)}), 422),
            (json!({"body": "a\u{0}b"}), 422),
            (json!({"text": "x"}), 400),
            (json!({"body": "x", "by": "someone else"}), 400),
        ] {
            let (st, v) = post_json(&street, x.api(J1, "comments"), &body).await;
            assert_eq!(st.as_u16(), want, "{b:?} {body} {v}");
            assert!(
                v["message"].is_string() && v["message_en"].is_string(),
                "{v}"
            );
        }
        // who may: the committee's clerk reads but may not write; another
        // street's user, and the admin, see nothing of it
        let (clerk, _) = s.client(&format!("clerk-{J1}")).await;
        let (st, v) = get(&clerk, x.api(J1, "comments")).await;
        assert_eq!(st, 200);
        assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
        let (st, _) = post_json(&clerk, x.api(J1, "comments"), &json!({"body": "x"})).await;
        assert_eq!(st, 404);
        let (other, _) = s.client(&format!("street-{}", "天目西路街道")).await;
        assert_eq!(get(&other, x.api(J1, "comments")).await.0, 404);
        assert_eq!(
            post_json(&other, x.api(J1, "comments"), &json!({"body": "x"}))
                .await
                .0,
            404
        );
        let (admin, _) = s.client("admin").await;
        assert_eq!(
            post_json(&admin, x.api(J1, "comments"), &json!({"body": "x"}))
                .await
                .0,
            404
        );
        // a form post without the session's token changes nothing
        let r = street
            .post(x.api(J1, "comments"))
            .header("content-type", "text/plain")
            .body("{\"body\": \"x\"}")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let (_, v) = get(&x.district, x.api(J1, "comments")).await;
        assert_eq!(v.as_array().map(Vec::len), Some(2), "{b:?} {v}");
        // the database keeps them as written
        for sql in [
            "UPDATE comments SET body = 'x' WHERE committee = $1",
            "DELETE FROM comments WHERE committee = $1",
        ] {
            let e = sqlx::query(sql)
                .bind(J1)
                .execute(&s.db.pool)
                .await
                .expect_err(sql);
            assert!(e.to_string().contains("append-only"), "{b:?} {sql}: {e}");
        }
        // the export carries them beside the plan; the CLI's audit of the
        // export takes no comments file for a plan; a fresh server importing
        // the export has them, and importing it again adds nothing
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().to_str().unwrap();
        let o = serve_cli(&s, &["export", dir]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        let files: Vec<_> = walk(out.path())
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".comments.ron"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(
            text.contains("下周三复查 <b>现场</b>\\n请准备照片") && text.contains("整体良好"),
            "{text}"
        );
        let o = common::juwei(&["audit", dir, "--format", "json"]);
        assert!(
            o.status.code() == Some(0) || o.status.code() == Some(1),
            "{}",
            common::stderr(&o)
        );
        assert!(!common::stdout(&o).contains(".comments.ron"));
        let fresh = TestServer::start(b).await;
        for round in [2, 0] {
            let o = serve_cli(&fresh, &["import", dir]);
            assert!(o.status.success(), "{}", common::stderr(&o));
            let line = common::stdout(&o)
                .lines()
                .find(|l| l.starts_with(J1))
                .unwrap()
                .to_string();
            assert!(line.contains(&format!("{round} comments")), "{b:?} {line}");
        }
        let mine: Vec<_> = juwei::server::store::comments(&fresh.db, J1)
            .await
            .unwrap()
            .into_iter()
            .map(|k| {
                (
                    json!(k.comment.body),
                    json!(k.comment.by),
                    json!(k.comment.at),
                )
            })
            .collect();
        let (_, orig) = get(&x.district, x.api(J1, "comments")).await;
        let theirs: Vec<_> = orig
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["body"].clone(), c["by"].clone(), c["at"].clone()))
            .collect();
        assert_eq!(mine, theirs, "{b:?}: who wrote them and when are kept");
    }
}

/// `juwei --lang en serve --db URL ARGS…` on the test server's database.
fn serve_cli(s: &TestServer, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_juwei"))
        .args(["--lang", "en", "serve", "--db", &s.db_url])
        .args(args)
        .output()
        .unwrap()
}

// ---------------------------------------------------------------- the trend

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_since_a_day_compares_with_what_the_server_had_then() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let x = ctx(&s).await;
        // as if every plan but J2's had been imported in January (plans are
        // revisions, not ledger events: their stamps may be set here)
        sqlx::query("UPDATE plans SET recorded_at = $1 WHERE committee <> $2")
            .bind("2026-01-15T08:00:00.000Z")
            .bind(J2)
            .execute(&s.db.pool)
            .await
            .unwrap();
        let (st, v) = get(&x.district, format!("{}/api/audit?since=2026-06-30", s.url)).await;
        assert_eq!(st, 200, "{b:?} {v}");
        let t = &v["trend"];
        assert_eq!(t["previous"]["committees"], 8, "{b:?} {t}");
        assert_eq!(t["now"]["committees"], 9, "{b:?} {t}");
        assert_eq!(t["previous_root"], "2026-06-30");
        let added: Vec<&str> = v["added"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert_eq!(added, [J2], "{b:?} {v}");
        // the registers were recorded after that day: then, no register
        // finding could be found, now they are
        assert!(
            t["previous"]["summary"]["violation"].as_u64()
                <= t["now"]["summary"]["violation"].as_u64(),
            "{t}"
        );
        // a day before any record: no trend, the plain audit
        let (st, v) = get(&x.district, format!("{}/api/audit?since=2025-12-31", s.url)).await;
        assert_eq!(st, 200);
        assert!(v.get("trend").is_none(), "{b:?}");
        // the same audit without since, and a day that is no date
        let (_, plain) = get(&x.district, format!("{}/api/audit", s.url)).await;
        assert_eq!(plain["totals"], v["totals"]);
        let (st, v) = get(&x.district, format!("{}/api/audit?since=2026-13-01", s.url)).await;
        assert_eq!(st, 400, "{v}");
        // the district's page shows the comparison with the end of last
        // quarter, or of the day asked
        let c = x.district.clone();
        let page = c
            .get(format!("{}/district?since=2026-06-30", s.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("<td>2026-06-30</td>"), "{b:?}: {page}");
        assert!(!page.contains("仅为当前合计"), "{b:?}");
        let page = c
            .get(format!("{}/district?since=2025-12-31", s.url))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains("仅为当前合计"), "{b:?}");
    }
}
