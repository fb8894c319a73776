//! Rule-set reloads without downtime: refused when the new rule set does not
//! validate (the old one keeps answering), swapped atomically when it does, and
//! not one request failing under load either way.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{config, copy_ruleset, history_sample_request, repo, scratch, start, Conn};
use fuquan::Engine;
use fuquan_server::RuleSource;

const TOKEN: &str = "s3cret-token";

fn hash_of(dir: &str) -> String {
    Engine::from_dir(&repo().join("fixtures/history-sample").join(dir))
        .unwrap()
        .content_hash()
        .to_owned()
}

/// What one load client saw: failures, the distinct hashes in order, requests.
type ClientRun = (Vec<String>, Vec<String>, usize);

/// `clients` keep-alive connections routing in a loop until `stop`; each returns
/// (failures, the sequence of distinct hashes it saw, in order, requests).
fn load(
    addr: std::net::SocketAddr,
    clients: usize,
    stop: Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<ClientRun>> {
    (0..clients)
        .map(|_| {
            let stop = stop.clone();
            tokio::spawn(async move {
                let body = history_sample_request();
                let mut c = Conn::open(addr).await;
                let (mut failures, mut seen, mut n) = (Vec::new(), Vec::<String>::new(), 0);
                while !stop.load(Ordering::SeqCst) {
                    let r = c.post_json("/v1/route", &body).await;
                    n += 1;
                    let v = r.json();
                    if r.status != 200 || v["status"] != "ok" {
                        failures.push(format!("{} {}", r.status, r.body));
                        continue;
                    }
                    let hash = v["ruling"]["ruleset"]["content_hash"]
                        .as_str()
                        .unwrap()
                        .to_owned();
                    // The header names the same rule set as the answer.
                    let header = r.header("x-fuquan-ruleset").unwrap();
                    assert!(header.contains(&hash[..12]), "{header} vs {hash}");
                    if seen.last() != Some(&hash) {
                        seen.push(hash);
                    }
                }
                (failures, seen, n)
            })
        })
        .collect()
}

async fn reload(addr: std::net::SocketAddr, token: Option<&str>) -> common::Reply {
    let mut c = Conn::open(addr).await;
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", a.as_str())).collect();
    c.request("POST", "/v1/admin/reload", &headers, b"").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_endpoint_needs_its_token() {
    // No token configured: disabled.
    let server = start(config(RuleSource::Embedded)).await;
    let r = reload(server.local_addr(), Some(TOKEN)).await;
    assert_eq!((r.status, r.code().as_str()), (403, "http.forbidden"));
    server.shutdown();
    server.wait().await;

    let mut cfg = config(RuleSource::Embedded);
    cfg.admin_token = Some(TOKEN.to_owned());
    let server = start(cfg).await;
    let addr = server.local_addr();
    let r = reload(addr, None).await;
    assert_eq!((r.status, r.code().as_str()), (401, "http.unauthorized"));
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = reload(addr, Some("wrong")).await;
    assert_eq!((r.status, r.code().as_str()), (403, "http.forbidden"));
    // The embedded rule set has no directory to read again.
    let r = reload(addr, Some(TOKEN)).await;
    assert_eq!((r.status, r.code().as_str()), (409, "reload.no_directory"));
    server.shutdown();
    server.wait().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_rule_set_is_refused_and_the_old_one_keeps_answering_under_load() {
    let dir = scratch("reload-broken");
    copy_ruleset(&repo().join("fixtures/history-sample/v1"), &dir);
    let mut cfg = config(RuleSource::Dir(dir.clone()));
    cfg.admin_token = Some(TOKEN.to_owned());
    let server = start(cfg).await;
    let addr = server.local_addr();
    let stop = Arc::new(AtomicBool::new(false));
    let clients = load(addr, 4, stop.clone());
    tokio::time::sleep(Duration::from_millis(200)).await;

    // Not JSON, then JSON that does not validate (a grant of an item that does not exist).
    std::fs::write(dir.join("grants.json"), "{").unwrap();
    let r = reload(addr, Some(TOKEN)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(r.json()["status"], "error");
    assert!(!r.json()["errors"].as_array().unwrap().is_empty());
    copy_ruleset(&repo().join("fixtures/history-sample/v1"), &dir);
    let grants = std::fs::read_to_string(dir.join("grants.json")).unwrap();
    std::fs::write(
        dir.join("grants.json"),
        grants.replace("\"CJ-P001\"", "\"XX-NOPE\""),
    )
    .unwrap();
    let r = reload(addr, Some(TOKEN)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(
        r.json()["errors"][0]["code"],
        "ruleset.unknown_reference",
        "{}",
        r.body
    );
    tokio::time::sleep(Duration::from_millis(200)).await;

    stop.store(true, Ordering::SeqCst);
    let v1 = hash_of("v1");
    let mut total = 0;
    for c in clients {
        let (failures, seen, n) = c.await.unwrap();
        assert!(failures.is_empty(), "{failures:?}");
        assert_eq!(seen, vec![v1.clone()]);
        total += n;
    }
    assert!(total > 20, "{total} requests");
    let mut c = Conn::open(addr).await;
    let metrics = c.get("/metrics").await.body;
    assert!(
        metrics.contains("fuquan_reloads_total{result=\"refused\"} 2"),
        "{metrics}"
    );
    server.shutdown();
    server.wait().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_rule_set_is_swapped_in_under_load_without_a_failed_request() {
    let dir = scratch("reload-good");
    copy_ruleset(&repo().join("fixtures/history-sample/v1"), &dir);
    let mut cfg = config(RuleSource::Dir(dir.clone()));
    cfg.admin_token = Some(TOKEN.to_owned());
    let server = start(cfg).await;
    let addr = server.local_addr();
    let (v1, v2) = (hash_of("v1"), hash_of("v2"));
    let stop = Arc::new(AtomicBool::new(false));
    let clients = load(addr, 4, stop.clone());
    tokio::time::sleep(Duration::from_millis(200)).await;

    copy_ruleset(&repo().join("fixtures/history-sample/v2"), &dir);
    let r = reload(addr, Some(TOKEN)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["ruleset"]["content_hash"], v2.as_str());
    assert_eq!(r.json()["previous"][0]["content_hash"], v1.as_str());
    // After the reload answered, every new request is answered by v2.
    let mut c = Conn::open(addr).await;
    for _ in 0..20 {
        let a = c
            .post_json("/v1/route", &history_sample_request())
            .await
            .json();
        assert_eq!(a["ruling"]["ruleset"]["content_hash"], v2.as_str());
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    stop.store(true, Ordering::SeqCst);
    let mut all = BTreeSet::new();
    for c in clients {
        let (failures, seen, _) = c.await.unwrap();
        assert!(failures.is_empty(), "{failures:?}");
        // Each client saw v1 then v2, never back.
        assert!(
            seen == vec![v1.clone(), v2.clone()] || seen == vec![v2.clone()],
            "{seen:?}"
        );
        all.extend(seen);
    }
    assert!(all.is_subset(&BTreeSet::from([v1.clone(), v2.clone()])));
    let ruleset = c.get("/v1/ruleset").await;
    assert_eq!(ruleset.json()["ruleset"]["version"], "2025.1");
    assert!(ruleset
        .header("x-fuquan-ruleset")
        .unwrap()
        .starts_with("history-sample@2025.1#"));
    let metrics = c.get("/metrics").await.body;
    assert!(metrics.contains("version=\"2025.1\""), "{metrics}");
    assert!(!metrics.contains("version=\"2024.1\""), "{metrics}");
    server.shutdown();
    server.wait().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_history_serves_the_version_in_force_today_and_lists_every_version() {
    let server = start(config(RuleSource::History(
        repo().join("fixtures/history-sample"),
    )))
    .await;
    let mut c = Conn::open(server.local_addr()).await;
    let r = c.get("/v1/ruleset").await.json();
    assert_eq!(r["source"]["kind"], "history");
    let versions: Vec<_> = r["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].clone())
        .collect();
    assert_eq!(versions, vec!["2024.1", "2025.1"]);
    assert_eq!(r["ruleset"]["version"], "2025.1");
    let a = c.post_json("/v1/route", &history_sample_request()).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["ruling"]["ruleset"]["version"], "2025.1");
    server.shutdown();
    server.wait().await;
}
