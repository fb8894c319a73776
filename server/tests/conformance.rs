//! Every conformance case of `fixtures/cases/`, POSTed to the server, gets the
//! same JSON as `fuquan::api::call_json_str` on the same engine; the HTTP status
//! follows the answer (docs/serve.md).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{config, repo, start, Conn};
use fuquan::{api, Engine};
use fuquan_server::RuleSource;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_case_over_http_answers_as_call_json_str() {
    let server = start(config(RuleSource::Embedded)).await;
    let engine = Engine::embedded().unwrap();
    let mut conn = Conn::open(server.local_addr()).await;
    let mut dirs: Vec<_> = std::fs::read_dir(repo().join("fixtures/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let (mut compared, mut skipped) = (0, 0);
    let mut operations = std::collections::BTreeSet::new();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for file in files {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let operation = case["operation"].as_str().unwrap();
            let body = if operation == "validate" {
                case["ruleset"].to_string()
            } else if case["ruleset"].is_object() {
                // Runs against its own inline rule set, not the server's.
                skipped += 1;
                continue;
            } else {
                case["request"].to_string()
            };
            let expected: Value =
                serde_json::from_str(&api::call_json_str(&engine, operation, &body)).unwrap();
            let reply = conn.post_json(&format!("/v1/{operation}"), &body).await;
            let got = reply.json();
            assert_eq!(got, expected, "{}: the HTTP answer differs", file.display());
            let refused = got.get("errors").is_some()
                || got["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .any(|d| d["code"] == "input.syntax" || d["code"] == "input.too_large")
                });
            match reply.status {
                200 => assert!(!refused, "{}: 200 for a refusal", file.display()),
                400 | 413 => assert!(
                    refused,
                    "{}: {} for an answer",
                    file.display(),
                    reply.status
                ),
                s => panic!("{}: unexpected status {s}", file.display()),
            }
            if reply.status == 200 && operation != "validate" {
                assert!(
                    reply
                        .header("x-fuquan-ruleset")
                        .unwrap()
                        .starts_with("huancui-2024@"),
                    "{}",
                    file.display()
                );
            }
            operations.insert(operation.to_owned());
            compared += 1;
        }
    }
    assert!(
        compared >= 300,
        "only {compared} cases compared ({skipped} skipped)"
    );
    assert!(skipped < 20, "{skipped} cases skipped");
    assert_eq!(
        operations.len(),
        fuquan::api::OPERATIONS.len(),
        "{operations:?}"
    );
    server.shutdown();
    server.wait().await;
}
