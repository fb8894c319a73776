//! The service's own routes: operations, schemas, rules, rule set, health,
//! metrics, and the OpenAPI document's structure (every `$ref` resolves).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;

use common::{config, route_request, start, Conn};
use fuquan::api::OPERATIONS;
use fuquan_server::RuleSource;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_routes_answer_from_the_registry_and_the_engine() {
    let server = start(config(RuleSource::Embedded)).await;
    let mut c = Conn::open(server.local_addr()).await;

    let r = c.get("/healthz").await;
    assert_eq!((r.status, r.json()["status"].as_str()), (200, Some("ok")));
    assert_eq!(c.get("/readyz").await.status, 200);

    let ops = c.get("/v1/operations").await.json();
    let names: Vec<&str> = ops["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["operation"].as_str().unwrap())
        .collect();
    assert_eq!(names, OPERATIONS.to_vec());

    for (name, schema) in fuquan::schema::all() {
        let r = c.get(&format!("/v1/schemas/{name}")).await;
        assert_eq!(r.status, 200, "{name}");
        assert_eq!(r.json(), schema, "{name}");
        let stem = name.strip_suffix(".schema.json").unwrap();
        assert_eq!(c.get(&format!("/v1/schemas/{stem}")).await.json(), schema);
    }
    let r = c.get("/v1/schemas/nope").await;
    assert_eq!((r.status, r.code().as_str()), (404, "http.not_found"));

    let rules = c.get("/v1/rules").await.json();
    let ids: Vec<&str> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = fuquan::RuleId::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(ids, expected);
    assert!(rules["rules"][0]["citations"].is_array());
    assert_eq!(rules["ruleset"]["id"], "huancui-2024");

    let rs = c.get("/v1/ruleset").await.json();
    assert_eq!(rs["source"]["kind"], "embedded");
    assert_eq!(
        rs["ruleset"]["content_hash"],
        fuquan::Engine::embedded().unwrap().content_hash()
    );

    // Metrics count what was asked, by operation and status, and by error code.
    assert_eq!(c.post_json("/v1/route", &route_request()).await.status, 200);
    assert_eq!(c.post_json("/v1/route", "[").await.status, 400);
    let m = c.get("/metrics").await;
    assert!(m.header("content-type").unwrap().starts_with("text/plain"));
    for needle in [
        r#"fuquan_http_requests_total{operation="route",status="200"} 1"#,
        r#"fuquan_http_requests_total{operation="route",status="400"} 1"#,
        r#"fuquan_errors_total{code="input.syntax"} 1"#,
        r#"fuquan_http_request_duration_seconds_bucket{operation="route",le="#,
        r#"fuquan_ruleset_info{content_hash=""#,
    ] {
        assert!(m.body.contains(needle), "{needle} not in\n{}", m.body);
    }
    server.shutdown();
    server.wait().await;
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                assert_ne!(k, "$defs", "a $defs left in the document");
                if k == "$ref" {
                    out.push(x.as_str().unwrap().to_owned());
                }
                collect_refs(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

fn resolve<'a>(doc: &'a Value, pointer: &str) -> Option<&'a Value> {
    doc.pointer(pointer.strip_prefix('#')?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_well_formed_and_covers_every_operation() {
    let server = start(config(RuleSource::Embedded)).await;
    let mut c = Conn::open(server.local_addr()).await;
    let doc = c.get("/openapi.json").await.json();
    assert_eq!(doc, fuquan_server::openapi_document());
    server.shutdown();
    server.wait().await;

    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(refs.len() > 100, "{} refs", refs.len());
    for r in &refs {
        assert!(r.starts_with("#/components/"), "{r}");
        assert!(resolve(&doc, r).is_some(), "unresolved $ref {r}");
    }
    let names = doc["components"]["schemas"].as_object().unwrap();
    for name in names.keys() {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "component name {name:?} is not allowed by OpenAPI"
        );
    }
    let mut operation_ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                ["get", "post"].contains(&method.as_str()),
                "{path} {method}"
            );
            let id = op["operationId"].as_str().unwrap();
            assert!(
                operation_ids.insert(id.to_owned()),
                "duplicate operationId {id}"
            );
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{path}"
            );
        }
    }
    for op in OPERATIONS {
        let post = &doc["paths"][format!("/v1/{op}")]["post"];
        assert_eq!(post["operationId"], op);
        let req = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap();
        let ans = post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap();
        assert!(
            resolve(&doc, req).is_some_and(Value::is_object),
            "{op}: {req}"
        );
        assert!(
            resolve(&doc, ans).is_some_and(Value::is_object),
            "{op}: {ans}"
        );
        for status in ["400", "404", "413", "415"] {
            assert!(post["responses"][status].is_object(), "{op} {status}");
        }
    }
    // Every published schema is a component, with no $schema of its own.
    for (name, _) in fuquan::schema::all() {
        let stem = name.strip_suffix(".schema.json").unwrap();
        assert!(names.contains_key(stem), "{stem}");
        assert!(names[stem].get("$schema").is_none());
    }
}
