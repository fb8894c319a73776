//! criterion benches: `cargo bench -p fuquan --bench engine` (or `./bench/run.sh`).
//!
//! route a case (typed, trace off/on; JSON string in and out), staffing for a
//! 200-person town, loading a province-scale rule set, a dispute replay, and
//! drafting a transfer letter (text and HTML; `.docx`).
// Bench code: a failed setup should stop the bench loudly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fuquan::disputes::DisputeInput;
use fuquan::staffing::Roster;
use fuquan::{Case, Engine};

fn route(c: &mut Criterion) {
    let engine = Engine::embedded().unwrap();
    let m = common::manifest();
    let values = common::cases(&m, 1024);
    let cases: Vec<Case> = values
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    let strings: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    let mut g = c.benchmark_group("route");
    let mut i = 0usize;
    g.bench_function("typed", |b| {
        b.iter(|| {
            i = (i + 1) % cases.len();
            black_box(engine.route(black_box(&cases[i])).unwrap());
        })
    });
    g.bench_function("typed_traced", |b| {
        let mut trace = Vec::new();
        b.iter(|| {
            i = (i + 1) % cases.len();
            trace.clear();
            black_box(
                engine
                    .route_traced(black_box(&cases[i]), &mut trace)
                    .unwrap(),
            );
        })
    });
    g.bench_function("compact_row", |b| {
        b.iter(|| {
            i = (i + 1) % cases.len();
            black_box(fuquan::api::route_compact(
                &engine,
                black_box(&cases[i]),
                false,
            ));
        })
    });
    g.bench_function("json_str", |b| {
        b.iter(|| {
            i = (i + 1) % strings.len();
            black_box(fuquan::api::route_json_str(&engine, black_box(&strings[i])));
        })
    });
    let traced: Vec<String> = values
        .iter()
        .map(|v| {
            let mut v = v.clone();
            v["trace"] = serde_json::Value::Bool(true);
            v.to_string()
        })
        .collect();
    g.bench_function("json_str_traced", |b| {
        b.iter(|| {
            i = (i + 1) % traced.len();
            black_box(fuquan::api::route_json_str(&engine, black_box(&traced[i])));
        })
    });
    g.finish();
}

fn staffing(c: &mut Criterion) {
    let engine = Engine::embedded().unwrap();
    let m = common::manifest();
    let people = m["staffing"]["people"].as_u64().unwrap() as usize;
    let roster: Roster = serde_json::from_value(common::roster(people)).unwrap();
    engine.check_staffing(&roster).unwrap();
    c.bench_function("staffing/town_200_people", |b| {
        b.iter(|| black_box(engine.check_staffing(black_box(&roster)).unwrap()))
    });
}

fn dispute(c: &mut Criterion) {
    let engine = Engine::embedded().unwrap();
    let input: DisputeInput = serde_json::from_value(common::fixture_request(
        "dispute/dispute-resolved-by-government.json",
    ))
    .unwrap();
    engine.replay_dispute(&input).unwrap();
    c.bench_function("dispute/replay_ladder", |b| {
        b.iter(|| black_box(engine.replay_dispute(black_box(&input)).unwrap()))
    });
}

/// Drafting (`docs/drafting.md`): the same transfer case routed, drafted (text
/// and HTML, through the JSON entry point), and written as `.docx`.
#[cfg(feature = "docx")]
fn draft(c: &mut Criterion) {
    let engine = Engine::embedded().unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/drafting/inputs/transfer-major-fine.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let request: serde_json::Value = serde_json::from_str(&text).unwrap();
    let case = request["request"].to_string();
    let mut g = c.benchmark_group("draft");
    g.bench_function("route_json_str_same_case", |b| {
        b.iter(|| {
            black_box(fuquan::api::call_json_str(
                &engine,
                "route",
                black_box(&case),
            ))
        })
    });
    g.bench_function("transfer_json_str", |b| {
        b.iter(|| {
            black_box(fuquan::api::call_json_str(
                &engine,
                "draft",
                black_box(&text),
            ))
        })
    });
    g.bench_function("transfer_docx", |b| {
        b.iter(|| {
            let d = fuquan::drafting::draft_value(&engine, black_box(request.clone())).unwrap();
            black_box(fuquan::drafting::docx::to_docx(&d).unwrap())
        })
    });
    g.finish();
}

#[cfg(not(feature = "docx"))]
fn draft(_c: &mut Criterion) {}

fn province(c: &mut Criterion) {
    let m = common::manifest();
    let p = &m["province"];
    let doc = common::province(
        p["towns"].as_u64().unwrap() as usize,
        p["items"].as_u64().unwrap() as usize,
        p["grants"].as_u64().unwrap() as usize,
    );
    let mut g = c.benchmark_group("province");
    g.sample_size(10).measurement_time(Duration::from_secs(15));
    g.bench_function("from_document_2000_towns_200k_grants", |b| {
        b.iter_batched(
            || doc.clone(),
            |d| black_box(Engine::from_document(d).unwrap()),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, route, staffing, dispute, draft, province);
criterion_main!(benches);
