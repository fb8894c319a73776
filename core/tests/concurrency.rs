//! One engine shared by 8 threads gives, for a stream of mixed requests (every
//! operation of the registry, refusals included), exactly the answers one
//! thread gives. The engine is immutable and `Send + Sync`; this checks that
//! nothing in a decision (the rendered views it shares, the embedded rule set's
//! one-time load) depends on which thread asks or when.
//!
//! `FUQUAN_CONCURRENCY_REQUESTS` sets the number of requests (default 8,000;
//! the 1,000,000-request run is recorded in docs/limits.md:
//! `FUQUAN_CONCURRENCY_REQUESTS=1000000 cargo test --release -p fuquan --test concurrency`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use fuquan::{api, Engine};
use serde_json::Value;

const THREADS: usize = 8;

/// Every conformance request against the embedded default, with its operation.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/cases");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let op = case["operation"].as_str().unwrap().to_owned();
            if op != "validate" && case["ruleset"].is_object() {
                continue; // carries its own rule set: not this engine's answer
            }
            let request = if op == "validate" {
                &case["ruleset"]
            } else {
                &case["request"]
            };
            out.push((op, request.to_string()));
        }
    }
    out.sort();
    assert!(out.len() > 300, "the corpus is the conformance suite");
    out
}

fn answer_hash(engine: &Engine, corpus: &[(String, String)], i: usize) -> u64 {
    let (op, request) = &corpus[i % corpus.len()];
    // Every third request traced, so the trace recorder is shared too.
    let text = if i.is_multiple_of(3) && op != "validate" && request.starts_with('{') {
        request.replacen('{', "{\"trace\":true,", 1)
    } else {
        request.clone()
    };
    let answer = api::call_json_str(engine, op, &text);
    let mut h = DefaultHasher::new();
    answer.hash(&mut h);
    h.finish()
}

#[test]
fn eight_threads_answer_as_one() {
    let n: usize = std::env::var("FUQUAN_CONCURRENCY_REQUESTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8_000);
    let corpus = corpus();
    let engine = Engine::embedded().unwrap();
    let one: Vec<u64> = (0..n).map(|i| answer_hash(&engine, &corpus, i)).collect();
    let mut many = vec![0u64; n];
    std::thread::scope(|s| {
        // Interleaved, not chunked: neighbouring requests run on different threads.
        let handles: Vec<_> = (0..THREADS)
            .map(|t| {
                let engine = engine.clone();
                let corpus = &corpus;
                s.spawn(move || {
                    (t..n)
                        .step_by(THREADS)
                        .map(|i| (i, answer_hash(&engine, corpus, i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, hash) in h.join().unwrap() {
                many[i] = hash;
            }
        }
    });
    let differ = one.iter().zip(&many).filter(|(a, b)| a != b).count();
    assert_eq!(
        differ, 0,
        "{differ} of {n} answers differ between 1 and {THREADS} threads"
    );
}
