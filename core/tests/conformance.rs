//! Runs every conformance case in `fixtures/cases/` through the JSON entry
//! points — the same ones the Python and WASM bindings call — and compares the
//! answer with the hand-worked expectation by subset matching (see
//! `fixtures/README.md`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use fuquan::{api, Engine};
use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases")
}

/// `expect` ⊆ `actual`: objects by key, arrays by length and position, scalars by equality.
fn subset(expect: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => subset(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing from the answer")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!(
                    "{path}: expected {} elements, got {}: {}",
                    e.len(),
                    a.len(),
                    actual
                ));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{path}[{i}]"), out);
            }
        }
        _ => {
            if expect != actual {
                out.push(format!("{path}: expected {expect}, got {actual}"));
            }
        }
    }
}

fn case_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    // Every folder of fixtures/cases; each case names its operation, which the
    // registry must know (core/tests/registry.rs checks both ways).
    let mut subs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    subs.sort();
    for sub in subs {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

pub fn run_case(engine: &Engine, case: &Value) -> Value {
    let operation = case["operation"]
        .as_str()
        .expect("every case names its operation");
    // A validate case carries the rule set under test; every other operation a request.
    let input = if operation == "validate" {
        &case["ruleset"]
    } else {
        &case["request"]
    };
    // Any other case may carry its own rule set inline (e.g. one that loads with
    // warnings only); otherwise it runs against the embedded default.
    if operation != "validate" && case["ruleset"].is_object() {
        let own = Engine::from_json_value(case["ruleset"].clone())
            .unwrap_or_else(|e| panic!("{}: the inline rule set does not load: {e}", case["id"]));
        return api::call(&own, operation, input.clone());
    }
    api::call(engine, operation, input.clone())
}

#[test]
fn every_conformance_case_passes() {
    let engine = Engine::embedded().expect("embedded rule set loads");
    let files = case_files();
    let mut failures = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let case: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let id = case["id"].as_str().unwrap_or_default().to_owned();
        assert!(ids.insert(id.clone()), "duplicate case id {id}");
        assert_eq!(
            file.file_stem().and_then(|s| s.to_str()),
            Some(id.as_str()),
            "{}: the file name must be the case id",
            file.display()
        );
        let actual = run_case(&engine, &case);
        let mut diffs = Vec::new();
        subset(&case["expect"], &actual, "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{id}:\n    {}", diffs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    assert!(
        files.len() >= 110,
        "expected at least 110 conformance cases (50 validate, 60 route), found {}",
        files.len()
    );
}

#[test]
fn subset_matching_is_strict_where_it_must_be() {
    let mut out = Vec::new();
    subset(
        &serde_json::json!({"a": [1, 2]}),
        &serde_json::json!({"a": [1, 2, 3]}),
        "",
        &mut out,
    );
    assert_eq!(out.len(), 1, "array length must match");
    out.clear();
    subset(
        &serde_json::json!({"a": null}),
        &serde_json::json!({"a": 0}),
        "",
        &mut out,
    );
    assert_eq!(out.len(), 1, "null matches only null");
    out.clear();
    subset(
        &serde_json::json!({"a": {"b": 1}}),
        &serde_json::json!({"a": {"b": 1, "c": 2}, "d": 3}),
        "",
        &mut out,
    );
    assert!(out.is_empty(), "extra keys are ignored");
}
