//! The manifest workload on native Rust, and the province-scale load with its peak
//! memory. Prints one JSON object per measurement (`./bench/run.sh` collects them).
//!
//!   cargo bench -p fuquan --bench workload                # route the manifest's cases
//!   cargo bench -p fuquan --bench workload -- province    # load the province rule set
//!
//!   cargo bench -p fuquan --bench workload -- province-json  # same, read from JSON text
//!
//! Run `province` on its own: its peak RSS is the process's (VmHWM).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use std::hint::black_box;
use std::time::Instant;

use fuquan::{api, Case, Engine};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let m = common::manifest();
    match args.first().map(String::as_str) {
        Some("province") => province(&m, false),
        Some("province-json") => province(&m, true),
        _ => route(&m),
    }
}

fn route(m: &Value) {
    let engine = Engine::embedded().unwrap();
    let n = m["cases"].as_u64().unwrap() as usize;
    let values = common::cases(m, n);

    // Agreement with the reference rule (the plain-Python and zen versions implement it).
    let mut agree = 0usize;
    for v in &values {
        let row = api::route_compact_value(&engine, v.clone(), false);
        let d = row.disposition.map(|d| json!(d));
        if d.as_ref().and_then(Value::as_str) == Some(common::reference_disposition(m, v)) {
            agree += 1;
        }
    }

    // 1. typed cases (already parsed): the routing decision alone, compact row out.
    let typed: Vec<Case> = values
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    let t = Instant::now();
    for c in &typed {
        black_box(engine.route(black_box(c)).unwrap());
    }
    let route_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for c in &typed {
        black_box(api::route_compact(&engine, black_box(c), false));
    }
    let compact_s = t.elapsed().as_secs_f64();

    // 2. What the WASM binding's routeMany does, natively: a JSON array of JSON
    //    texts in, each parsed, routed and written as a compact row, one JSON array out.
    //    In batches of `js_batch`, as bench/node/bench.mjs calls it.
    let per = m["js_batch"].as_u64().unwrap() as usize;
    let batches: Vec<String> = values
        .chunks(per)
        .map(|chunk| {
            let texts: Vec<String> = chunk.iter().map(Value::to_string).collect();
            serde_json::to_string(&texts).unwrap()
        })
        .collect();
    let t = Instant::now();
    for b in &batches {
        black_box(wasm_equivalent_route_many(&engine, b));
    }
    let batch_s = t.elapsed().as_secs_f64();

    // 3. JSON value in (what the Python binding converts dicts into), compact row out.
    let t = Instant::now();
    for v in values {
        black_box(api::route_compact_value(&engine, v, false));
    }
    let value_s = t.elapsed().as_secs_f64();

    for (label, s) in [
        ("route_typed", route_s),
        ("compact_typed", compact_s),
        ("compact_from_json_value", value_s),
        ("route_many_json_texts", batch_s),
    ] {
        println!(
            "{}",
            json!({"bench": "native", "path": label, "cases": n, "seconds": s,
                   "cases_per_s": n as f64 / s, "ns_per_case": s * 1e9 / n as f64,
                   "agree_with_reference": agree})
        );
    }
}

/// Same steps as `bindings-wasm/src/lib.rs` `RuleSet::route_many(.., compact = true)`.
fn wasm_equivalent_route_many(engine: &Engine, requests: &str) -> String {
    let texts: Vec<String> = serde_json::from_str(requests).unwrap();
    let rows: Vec<String> = texts
        .iter()
        .map(|text| {
            let request: Value = serde_json::from_str(text).unwrap();
            let row = api::route_compact_value(engine, request, false);
            serde_json::to_string(&row).unwrap()
        })
        .collect();
    format!("[{}]", rows.join(","))
}

/// Loads the generated province, from the document built in memory or (`from_json`)
/// from its JSON text, as a file would give it; the text is dropped once parsed.
fn province(m: &Value, from_json: bool) {
    let p = &m["province"];
    let (towns, items, grants) = (
        p["towns"].as_u64().unwrap() as usize,
        p["items"].as_u64().unwrap() as usize,
        p["grants"].as_u64().unwrap() as usize,
    );
    let rss_start = common::rss_kb();
    let t = Instant::now();
    let mut doc = common::province(towns, items, grants);
    let mut json_bytes = 0;
    if from_json {
        let text = serde_json::to_string(&doc).unwrap();
        drop(doc);
        json_bytes = text.len();
        // As a user loads a file's text (checked against MAX_RULESET_BYTES).
        doc = fuquan::ruleset::document_from_json_str(&text).unwrap();
    }
    let gen_s = t.elapsed().as_secs_f64();
    let rss_doc = common::rss_kb();
    let t = Instant::now();
    let engine = Engine::from_document(doc).unwrap();
    let load_s = t.elapsed().as_secs_f64();
    let peak = common::peak_rss_kb();
    let rss_engine = common::rss_kb();
    // Prove it answers: a case on a granted item in the first town.
    let case: Case = serde_json::from_value(json!({
        "items": ["P-0000"], "location": "town-00000", "party": "individual",
        "business_activity": false, "dates": {"filing": "2025-03-01"},
        "sanctions": ["fine"], "fine": "500"}))
    .unwrap();
    let ruling = engine.route(&case).unwrap();
    println!(
        "{}",
        json!({"bench": if from_json { "province-json" } else { "province" },
               "json_bytes": json_bytes, "towns": towns, "items": items, "grants": grants,
               "generate_s": gen_s, "from_document_s": load_s,
               "rss_start_kb": rss_start, "rss_with_document_kb": rss_doc,
               "rss_with_engine_kb": rss_engine, "peak_rss_kb": peak,
               "warnings": engine.warnings().len(),
               "sample_disposition": json!(ruling.disposition)})
    );
}
