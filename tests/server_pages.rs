//! `juwei serve`'s web pages (server.md "Web pages") over HTTP, on SQLite
//! and (with JUWEI_TEST_POSTGRES) PostgreSQL: signing in through the form,
//! each role's page, the forms (event, count sheet, status), CSRF, 404 for
//! another committee, escaping, and the error page of a lost database.
#![cfg(feature = "server")]

mod common;
use common::server::{backends, TestServer, PASSWORD};

/// The committee of plans/l-shaped.ron (its count sheets are beside it).
const L_SHAPED: &str = "JA-TMX-003";
const L_SHAPED_NAME: &str = "铁路新村居委会";
const L_STREET: &str = "天目西路街道";
/// The committee of plans/missing-equipment.ron (violations to follow up).
const CJD: &str = "JA-CJD-014";
const CJD_STREET: &str = "曹家渡街道";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the first `<input … name="NAME" value="…">` of a page.
fn hidden(html: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let at = html.find(&key).unwrap_or_else(|| panic!("no field {name}")) + key.len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// Sign in through the form (GET /login, POST /login): the client and the
/// session's CSRF token (read from a page's hidden field), and where the
/// sign-in sent the user.
async fn sign_in(s: &TestServer, user: &str) -> (reqwest::Client, String, String) {
    let c = client();
    let page = c
        .get(format!("{}/login", s.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = c
        .post(format!("{}/login", s.url))
        .form(&[
            ("user", user),
            ("password", PASSWORD),
            ("next", "/"),
            ("form_token", &hidden(&page, "form_token")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "sign-in of {user}");
    let home = location(&r);
    let page = get(&c, &format!("{}{home}", s.url)).await.1;
    (c, hidden(&page, "csrf"), home)
}

async fn get(c: &reqwest::Client, url: &str) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A finding's form fields as the pages carry them (code, each room, item
/// and asset), with the session's token and where to go back to.
fn finding_form(csrf: &str, back: &str, f: &serde_json::Value) -> Vec<(String, String)> {
    let mut form: Vec<(String, String)> = vec![
        ("csrf".into(), csrf.into()),
        ("back".into(), back.into()),
        ("code".into(), f["code"].as_str().unwrap().into()),
    ];
    for (k, list) in [("room", "rooms"), ("item", "items"), ("asset", "assets")] {
        for v in f[list].as_array().unwrap() {
            form.push((k.into(), v.as_str().unwrap().into()));
        }
    }
    form
}

async fn events(c: &reqwest::Client, s: &TestServer, code: &str) -> Vec<serde_json::Value> {
    let r = c
        .get(format!("{}/api/committees/{code}/register", s.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_signs_in_through_the_form_and_sees_its_own_pages() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        // signed out: to the sign-in page, coming back afterwards
        let r = client()
            .get(format!("{}/c/{L_SHAPED}", s.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), format!("/login?next=/c/{L_SHAPED}"));
        // a wrong password: the form again, with the reason
        let c = client();
        let page = get(&c, &format!("{}/login", s.url)).await.1;
        assert!(page.contains("登录") && page.contains("?lang=en"), "{page}");
        let r = c
            .post(format!("{}/login", s.url))
            .form(&[
                ("user", format!("clerk-{L_SHAPED}").as_str()),
                ("password", "wrong-password"),
                ("form_token", &hidden(&page, "form_token")),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{b:?}");
        assert!(r.text().await.unwrap().contains("用户名或密码不对"));
        // a sign-in without the form's token is refused
        let r = client()
            .post(format!("{}/login", s.url))
            .form(&[("user", "district"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "{b:?}");

        // the clerk: their committee's page
        let (c, _, home) = sign_in(&s, &format!("clerk-{L_SHAPED}")).await;
        assert_eq!(home, format!("/c/{L_SHAPED}"));
        let (st, page) = get(&c, &format!("{}{home}", s.url)).await;
        assert_eq!(st, 200, "{b:?}");
        for want in [
            L_SHAPED_NAME,
            "<svg",
            "资产卡片",
            "检查发现",
            "记录事件",
            "上传盘点表",
            "印章",
            "ZC-0027",
            "name=\"csrf\"",
        ] {
            assert!(page.contains(want), "{b:?}: {want}");
        }
        // English on asking, and kept (cookie) on the next page
        let (st, page) = get(&c, &format!("{}{home}?lang=en", s.url)).await;
        assert_eq!(st, 200);
        assert!(page.contains("Asset cards") && page.contains("Record an event"));
        let page = get(&c, &format!("{}{home}", s.url)).await.1;
        assert!(page.contains("Asset cards") && !page.contains("资产卡片"));
        let page = get(&c, &format!("{}{home}?lang=zh", s.url)).await.1;
        assert!(page.contains("资产卡片"));
        // another committee's page, a street page, the district: 404 pages
        let other = s
            .committees()
            .await
            .into_iter()
            .find(|(code, _)| code != L_SHAPED)
            .unwrap()
            .0;
        for path in [
            format!("/c/{other}"),
            format!("/s/{}", enc(L_STREET)),
            "/district".to_string(),
            "/c/NO-SUCH".to_string(),
        ] {
            let (st, page) = get(&c, &format!("{}{path}", s.url)).await;
            assert_eq!(st, 404, "{b:?} {path}");
            assert!(page.contains("找不到") && page.contains("<html"), "{path}");
        }

        // the street: its page lists its committees, the gap matrix and the list
        let (c, _, home) = sign_in(&s, &format!("street-{L_STREET}")).await;
        assert_eq!(home, format!("/s/{}", enc(L_STREET)));
        let (st, page) = get(&c, &format!("{}{home}", s.url)).await;
        assert_eq!(st, 200, "{b:?}");
        for want in [
            L_STREET,
            L_SHAPED_NAME,
            "设施缺口",
            "整改清单",
            "class=\"matrix\"",
        ] {
            assert!(page.contains(want), "{b:?}: {want}");
        }
        let (st, page) = get(&c, &format!("{}{home}?lang=en", s.url)).await;
        assert_eq!(st, 200);
        assert!(page.contains("Equipment gaps") && page.contains("Follow-up list"));
        // the committee page of its own committee, read-only: no ledger forms
        let page = get(&c, &format!("{}/c/{L_SHAPED}?lang=zh", s.url)).await.1;
        assert!(page.contains(L_SHAPED_NAME) && !page.contains("/events\""));
        // another street's committee and another street: 404
        let (other_code, other_street) = s
            .committees()
            .await
            .into_iter()
            .find(|(_, st)| st != L_STREET)
            .unwrap();
        assert_eq!(get(&c, &format!("{}/c/{other_code}", s.url)).await.0, 404);
        let path = format!("{}/s/{}", s.url, enc(&other_street));
        assert_eq!(get(&c, &path).await.0, 404);

        // the district: the streets, the trend (none yet: said), the costs
        let (c, _, home) = sign_in(&s, "district").await;
        assert_eq!(home, "/district");
        let (st, page) = get(&c, &format!("{}{home}", s.url)).await;
        assert_eq!(st, 200, "{b:?}");
        for want in [L_STREET, "各街道", "趋势", "仅为当前合计", "整改费用", "元"] {
            assert!(page.contains(want), "{b:?}: {want}");
        }
        assert!(page.contains(&enc(L_STREET)), "a link to the street page");
        // the priority list counts the committees the audit puts on it
        let audit: serde_json::Value = c
            .get(format!("{}/api/audit", s.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let on_list = audit["priority"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["priority_upgrade"] == true)
            .count();
        assert!(on_list > 0);
        let figure = format!("<div class=\"v\">{on_list}</div><div class=\"k\">重点改造名单");
        assert!(page.contains(&figure), "{b:?}: {figure}");
        let page = get(&c, &format!("{}{home}?lang=en", s.url)).await.1;
        assert!(page.contains("Streets") && page.contains("current totals only"));
        // and the admin too
        let (_, _, home) = sign_in(&s, "admin").await;
        assert_eq!(home, "/district");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_recorded_through_the_form_is_stored_and_a_refusal_says_why() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (c, csrf, _) = sign_in(&s, &format!("clerk-{L_SHAPED}")).await;
        let before = events(&c, &s, L_SHAPED).await.len();
        let url = format!("{}/c/{L_SHAPED}/events", s.url);
        // a move of a card through the form: 303 back to the page, stored
        let r = c
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "Move"),
                ("date", "2099-01-02"),
                ("asset", "ZC-0027"),
                ("to", "R1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{b:?}: {}", r.text().await.unwrap());
        assert!(location(&r).starts_with(&format!("/c/{L_SHAPED}?ok=event")));
        let after = events(&c, &s, L_SHAPED).await;
        assert_eq!(after.len(), before + 1);
        let last = after.last().unwrap();
        assert_eq!(last["asset"], "ZC-0027");
        assert_eq!(last["date"], "2099-01-02");
        assert_eq!(last["event"]["Move"]["to"], "R1");
        assert_eq!(last["recorded_by"], format!("clerk-{L_SHAPED}"));
        let page = get(&c, &format!("{}{}", s.url, location(&r))).await.1;
        assert!(page.contains("已记录"));

        // an acquisition in yuan: stored in fen
        let r = c
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "Acquire"),
                ("date", "2099-01-03"),
                ("name", "折叠椅"),
                ("source", "Purchase"),
                ("item", "Chair"),
                ("unit_value", "1,234.50"),
                ("count", "4"),
                ("custodian", "<script>alert(1)</script>"),
                ("location", "R1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{b:?}: {}", r.text().await.unwrap());
        let after = events(&c, &s, L_SHAPED).await;
        let acq = &after.last().unwrap()["event"]["Acquire"];
        assert_eq!(acq["unit_value_fen"], 123450);
        assert_eq!(acq["count"], 4);
        // the custodian's name is shown escaped on the card list
        let page = get(&c, &format!("{}/c/{L_SHAPED}", s.url)).await.1;
        assert!(page.contains("&lt;script&gt;alert(1)&lt;"));
        assert!(!page.contains("<script>alert(1)"));

        // the ledger refuses: the page says why, keeps what was typed, stores nothing
        let n = after.len();
        let r = c
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "WriteOff"),
                ("date", "2099-02-01"),
                ("asset", "ZC-9999"),
                ("reason", "雨水浸泡损坏"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{b:?}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains("未记录") && page.contains("ZC-9999"),
            "{page}"
        );
        assert!(
            page.contains("value=\"雨水浸泡损坏\""),
            "the reason typed is kept"
        );
        assert!(
            page.contains("value=\"2099-02-01\""),
            "the date typed is kept"
        );
        // a form missing a field: the same page, 400
        let r = c
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("kind", "Custodian"),
                ("asset", "ZC-0027"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("请填写新保管人"));
        assert_eq!(events(&c, &s, L_SHAPED).await.len(), n);

        // without the session's CSRF token: refused, nothing stored
        for token in [None, Some("0123456789abcdef0123456789abcdef")] {
            let mut form = vec![
                ("kind", "Move"),
                ("date", "2099-03-01"),
                ("asset", "ZC-0027"),
                ("to", "R2"),
            ];
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let r = c.post(&url).form(&form).send().await.unwrap();
            assert_eq!(r.status(), 400, "{b:?} {token:?}");
            assert!(r.text().await.unwrap().contains("CSRF"));
        }
        assert_eq!(events(&c, &s, L_SHAPED).await.len(), n);

        // another committee's clerk cannot post to this one (404)
        let other = s
            .committees()
            .await
            .into_iter()
            .find(|(code, _)| code != L_SHAPED)
            .unwrap()
            .0;
        let (c2, csrf2, _) = sign_in(&s, &format!("clerk-{other}")).await;
        let r = c2
            .post(&url)
            .form(&[
                ("csrf", csrf2.as_str()),
                ("kind", "Move"),
                ("asset", "ZC-0027"),
                ("to", "R2"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(events(&c, &s, L_SHAPED).await.len(), n);

        // signing out needs the token too, and ends the session
        let r = c
            .post(format!("{}/logout", s.url))
            .form(&[("csrf", "nope")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        let r = c
            .post(format!("{}/logout", s.url))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let r = c
            .get(format!("{}/c/{L_SHAPED}", s.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        // a form posted after the session ended: to the sign-in, then home
        let r = c
            .post(&url)
            .form(&[("csrf", csrf.as_str()), ("kind", "Move")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(location(&r), "/login?next=/");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uploaded_count_sheet_shows_the_reconciliation_and_settles() {
    let sheet = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/l-shaped-count-2025.csv"),
    )
    .unwrap();
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (c, csrf, _) = sign_in(&s, &format!("clerk-{L_SHAPED}")).await;
        let url = format!("{}/c/{L_SHAPED}/stocktakes", s.url);
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("date", "2026-12-28")
            .part(
                "sheet",
                reqwest::multipart::Part::bytes(sheet.clone()).file_name("l-shaped-count-2026.csv"),
            );
        let r = c.post(&url).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 200, "{b:?}");
        let page = r.text().await.unwrap();
        for want in [
            "盘点对账",
            "相符",
            "盘亏",
            "盘盈",
            "ZC-0027",
            "结算",
            "sheet_hex",
        ] {
            assert!(page.contains(want), "{b:?}: {want}");
        }
        // nothing is recorded by looking
        let n = events(&c, &s, L_SHAPED).await.len();

        // settling: the sheet comes back from the page's hidden field
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("apply", "1")
            .text("date", "2026-12-28")
            .text("sheet_name", hidden(&page, "sheet_name"))
            .text("sheet_hex", hidden(&page, "sheet_hex"))
            .text("by", "何琳, 王芳")
            .text("approval", "天目西路〔2026〕12号");
        let r = c.post(&url).multipart(form).send().await.unwrap();
        assert_eq!(
            r.status(),
            303,
            "{b:?}: {}",
            r.text().await.unwrap_or_default()
        );
        assert!(location(&r).contains("ok=settled"));
        let after = events(&c, &s, L_SHAPED).await;
        assert!(after.len() > n, "{b:?}: settling records events");
        assert!(after[n..]
            .iter()
            .any(|e| e["event"]["Stocktake"]["year"] == 2026));

        // an upload without the token is refused; one without a file says so
        let form = reqwest::multipart::Form::new().part(
            "sheet",
            reqwest::multipart::Part::bytes(sheet.clone()).file_name("x.csv"),
        );
        let r = c.post(&url).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 400);
        let form = reqwest::multipart::Form::new().text("csrf", csrf.clone());
        let r = c.post(&url).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("请选择盘点表文件"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_set_by_the_street_shows_on_the_street_page() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        // plans/missing-equipment.ron: a committee of 曹家渡街道 with violations
        let (code, street) = (CJD, CJD_STREET);
        let (c, csrf, home) = sign_in(&s, &format!("street-{street}")).await;
        let audit: serde_json::Value = c
            .get(format!("{}/api/audit?street={}", s.url, enc(street)))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let f = audit["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["committee"] == code && juwei::rules::meta(f["code"].as_str().unwrap()).is_some()
            })
            .expect("a rule's finding of the committee in the 整改清单")
            .clone();
        let mut form = finding_form(&csrf, &home, &f);
        let url = format!("{}/c/{code}/status", s.url);
        // Accepted needs a reason
        let mut no_reason = form.clone();
        no_reason.push(("status".into(), "Accepted".into()));
        let r = c.post(&url).form(&no_reason).send().await.unwrap();
        assert_eq!(r.status(), 400, "{b:?}");
        assert!(r.text().await.unwrap().contains("理由"));
        // with one: saved, back to the street page
        form.push(("status".into(), "Accepted".into()));
        form.push(("reason".into(), "房屋结构所限,<b>暂缓</b>".into()));
        let r = c.post(&url).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{b:?}: {}", r.text().await.unwrap());
        assert_eq!(location(&r), format!("{home}?ok=status"));
        let page = get(&c, &format!("{}{}", s.url, location(&r))).await.1;
        assert!(page.contains("整改状态已保存"));
        assert!(page.contains("同意例外 ·"), "{b:?}: {page}");
        assert!(page.contains(&format!("street-{street}")));
        assert!(page.contains("房屋结构所限,&lt;b&gt;暂缓&lt;"));
        // the clerk sees it on the committee page, and may not accept
        let (cc, ccsrf, _) = sign_in(&s, &format!("clerk-{code}")).await;
        let page = get(&cc, &format!("{}/c/{code}", s.url)).await.1;
        assert!(page.contains("房屋结构所限"));
        assert!(!page.contains("value=\"Accepted\""));
        let mut clerk_form = form.clone();
        clerk_form[0].1 = ccsrf;
        clerk_form.retain(|(k, _)| k != "back");
        let r = cc.post(&url).form(&clerk_form).send().await.unwrap();
        assert!(r.status() == 422 || r.status() == 404, "{}", r.status());
        // a clerk may set InProgress with a due date
        clerk_form.retain(|(k, _)| k != "status" && k != "reason");
        clerk_form.push(("status".into(), "InProgress".into()));
        clerk_form.push(("due".into(), "2099-06-30".into()));
        // … but not over the street's acceptance
        let r = cc.post(&url).form(&clerk_form).send().await.unwrap();
        assert_eq!(r.status(), 422, "{b:?}");
        assert!(r.text().await.unwrap().contains("同意例外"));
        // on another finding it is saved, and the street sees it
        let g = audit["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| {
                g["committee"] == code
                    && juwei::rules::meta(g["code"].as_str().unwrap()).is_some()
                    && (g["code"] != f["code"]
                        || g["rooms"] != f["rooms"]
                        || g["items"] != f["items"]
                        || g["assets"] != f["assets"])
            })
            .expect("a second finding")
            .clone();
        clerk_form.retain(|(k, _)| !["code", "room", "item", "asset"].contains(&k.as_str()));
        clerk_form.push(("code".into(), g["code"].as_str().unwrap().into()));
        for (k, list) in [("room", "rooms"), ("item", "items"), ("asset", "assets")] {
            for v in g[list].as_array().unwrap() {
                clerk_form.push((k.into(), v.as_str().unwrap().into()));
            }
        }
        let r = cc.post(&url).form(&clerk_form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{b:?}: {}", r.text().await.unwrap());
        let page = get(&c, &format!("{}{home}", s.url)).await.1;
        assert!(
            page.contains("2099-06-30") && page.contains("整改中"),
            "{b:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn committee_names_are_escaped_and_a_lost_database_is_an_error_page() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (c, csrf, _) = sign_in(&s, &format!("clerk-{L_SHAPED}")).await;
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/l-shaped.ron"),
        )
        .unwrap()
        .replacen(
            &format!("name: \"{L_SHAPED_NAME}\""),
            "name: \"<script>alert(1)</script>\"",
            1,
        );
        let r = c
            .put(format!("{}/api/committees/{L_SHAPED}/plan", s.url))
            .header("x-csrf-token", &csrf)
            .body(text)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201, "{b:?}: {}", r.text().await.unwrap());
        let (st, page) = get(&c, &format!("{}/c/{L_SHAPED}", s.url)).await;
        assert_eq!(st, 200);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;"), "{b:?}");
        assert!(!page.contains("<script>alert(1)"), "{b:?}");
        let (_, street) = get(
            &sign_in(&s, &format!("street-{L_STREET}")).await.0,
            &format!("{}/s/{}", s.url, enc(L_STREET)),
        )
        .await;
        assert!(!street.contains("<script>alert(1)"), "{b:?}");

        // the database goes away: a clear page, 503, not a panic
        s.db.pool.close().await;
        let (st, page) = get(&c, &format!("{}/c/{L_SHAPED}", s.url)).await;
        assert_eq!(st, 503, "{b:?}");
        assert!(page.contains("数据库暂时无法连接"), "{page}");
        let (st, page) = get(&c, &format!("{}/c/{L_SHAPED}?lang=en", s.url)).await;
        assert_eq!(st, 503);
        assert!(page.contains("cannot be reached") && page.contains("数据库暂时无法连接"));
        // the sign-in form still shows; signing in says the same
        let c = client();
        let page = get(&c, &format!("{}/login", s.url)).await.1;
        let r = c
            .post(format!("{}/login", s.url))
            .form(&[
                ("user", "district"),
                ("password", PASSWORD),
                ("form_token", &hidden(&page, "form_token")),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 503, "{b:?}");
        assert!(r.text().await.unwrap().contains("数据库暂时无法连接"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_street_comments_on_a_finding_through_the_form_and_the_clerk_reads_it() {
    for b in backends() {
        let s = TestServer::seeded(b).await;
        let (c, csrf, _) = sign_in(&s, &format!("street-{CJD_STREET}")).await;
        let page = get(&c, &format!("{}/c/{CJD}", s.url)).await.1;
        assert!(page.contains("/comments\">"), "{b:?}");
        // finding 1 as the page's comment form carries it
        let check: serde_json::Value = c
            .get(format!("{}/api/committees/{CJD}/check", s.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let f = &check["findings"][0];
        let mut form = finding_form(&csrf, &format!("/c/{CJD}#f1"), f);
        let url = format!("{}/c/{CJD}/comments", s.url);
        // an empty comment: the page again with the reason, nothing stored
        let mut empty = form.clone();
        empty.push(("body".into(), "  ".into()));
        let r = c.post(&url).form(&empty).send().await.unwrap();
        assert_eq!(r.status(), 422, "{b:?}");
        assert!(r.text().await.unwrap().contains("批注内容为空"));
        // saved: back at the finding, the flash before the anchor
        form.push((
            "body".into(),
            "请<script>alert(1)</script>\n月底前补齐".into(),
        ));
        let r = c.post(&url).form(&form).send().await.unwrap();
        assert_eq!(r.status(), 303, "{b:?}: {}", r.text().await.unwrap());
        assert_eq!(location(&r), format!("/c/{CJD}?ok=comment#f1"));
        let page = get(&c, &format!("{}{}", s.url, location(&r))).await.1;
        assert!(page.contains("批注已保存"));
        assert!(!page.contains("<script>alert"), "escaped");
        // shown inside finding 1's item, before finding 2
        let at = page
            .find("请&lt;script&gt;alert(1)&lt;&#x2f;script&gt;\n月底前补齐")
            .expect("the comment");
        let (f1, f2) = (page.find("id=\"f1\"").unwrap(), page.find("id=\"f2\""));
        assert!(at > f1 && f2.is_none_or(|f2| at < f2), "{b:?}");
        // a comment on the committee as a whole
        let r = c
            .post(&url)
            .form(&[("csrf", csrf.as_str()), ("body", "资料齐全")])
            .send()
            .await
            .unwrap();
        assert_eq!(location(&r), format!("/c/{CJD}?ok=comment#comments"));
        // the clerk reads both, has no comment form, and may not post one
        let (cc, ccsrf, _) = sign_in(&s, &format!("clerk-{CJD}")).await;
        let page = get(&cc, &format!("{}/c/{CJD}", s.url)).await.1;
        assert!(
            page.contains("月底前补齐") && page.contains("资料齐全"),
            "{b:?}"
        );
        assert!(page.contains(&format!("street-{CJD_STREET}")));
        assert!(!page.contains("/comments\">"));
        let r = cc
            .post(&url)
            .form(&[("csrf", ccsrf.as_str()), ("body", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{b:?}");
        // without the session's token: nothing stored
        let r = c.post(&url).form(&[("body", "x")]).send().await.unwrap();
        assert_eq!(r.status(), 400, "{b:?}");
        let stored = juwei::server::store::comments(&s.db, CJD).await.unwrap();
        assert_eq!(stored.len(), 2, "{b:?}");
        // another street's user: 404, nothing shown
        let (o, ocsrf, _) = sign_in(&s, &format!("street-{L_STREET}")).await;
        let (st, page) = get(&o, &format!("{}/c/{CJD}", s.url)).await;
        assert_eq!(st, 404);
        assert!(!page.contains("月底前补齐"));
        let r = o
            .post(&url)
            .form(&[("csrf", ocsrf.as_str()), ("body", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{b:?}");
    }
}
