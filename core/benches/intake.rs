//! criterion bench of the `intake` decision: `cargo bench -p fuquan --bench intake`
//! (out of CI; figures in BENCHMARKS.md).
//!
//! A 50-character sentence against the embedded default (88 items) and against
//! two generated 5,000-item catalogues (the embedded items repeated with new
//! codes: with words of their own, and as identical copies); the search alone;
//! and building the engine (its search index included).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use fuquan::dispatch::Source;
use fuquan::intake::IntakeRequest;
use fuquan::ruleset::source::RuleSetDocument;
use fuquan::time::Date;
use fuquan::Engine;

/// 50 characters: a barbecue, its fumes and tables on the pavement, at a named subdistrict.
const SENTENCE: &str =
    "环翠楼街道某小区楼下饭店每天晚上在门口露天烧烤，油烟很大，还把桌椅摆到人行道上占道经营，请尽快处理。";

fn request() -> IntakeRequest {
    assert_eq!(SENTENCE.chars().count(), 50);
    IntakeRequest {
        report_id: None,
        text: SENTENCE.to_owned(),
        place: None,
        date: Date::from_ymd(2024, 9, 5).unwrap(),
        source: Source::Hotline12345,
        trace: false,
    }
}

const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/// The embedded document with its items repeated up to `n` (copy 0 keeps the
/// codes the grants name). `distinct`: every later copy gets its own words (each
/// everyday word with a two-character suffix, a name of its own), so the
/// dictionary and the index grow 57-fold but a sentence matches like on the
/// embedded default; otherwise every copy keeps the words and the name, the
/// pathological case where each match is a 57-way tie.
fn catalogue(n: usize, distinct: bool) -> RuleSetDocument {
    let mut doc = Engine::embedded().unwrap().document().clone();
    let base = doc.items.clone();
    doc.items = (0..n)
        .map(|i| {
            let mut it = base[i % base.len()].clone();
            let copy = i / base.len();
            if copy > 0 {
                it.code = format!("{}-{copy:03}", it.code);
                it.related_items = Vec::new();
                if distinct {
                    let suffix: String = [STEMS[copy / 10 % 10], STEMS[copy % 10]].iter().collect();
                    it.name_zh = format!("第{copy}批事项{}", i % base.len());
                    for w in &mut it.everyday_words {
                        w.push_str(&suffix);
                    }
                }
            }
            it
        })
        .collect();
    doc
}

/// [`catalogue`] (distinct) with example reports for every item: each copy
/// gets the embedded items' reports with its own two-character suffix after
/// every sentence, so 5,000 items carry about 90,000 reports whose n-grams
/// overlap heavily across copies (the long postings of a province's catalogue).
fn catalogue_with_examples(n: usize) -> RuleSetDocument {
    let mut doc = catalogue(n, true);
    let base = doc.intake_examples.clone();
    let copies = n.div_ceil(88);
    for copy in 1..copies {
        let suffix: String = [STEMS[copy / 10 % 10], STEMS[copy % 10]].iter().collect();
        for e in base.iter().filter(|e| e.item.is_some()) {
            let mut e = e.clone();
            let code = format!("{}-{copy:03}", e.item.as_deref().unwrap());
            if doc.items.iter().any(|i| i.code == code) {
                e.item = Some(code);
                e.text.push_str(&suffix);
                doc.intake_examples.push(e);
            }
        }
    }
    doc
}

fn intake(c: &mut Criterion) {
    let r = request();
    let embedded = Engine::embedded().unwrap();
    let distinct_doc = catalogue(5_000, true);
    let distinct = Engine::from_document(distinct_doc.clone()).unwrap();
    let copies = Engine::from_document(catalogue(5_000, false)).unwrap();
    let examples_doc = catalogue_with_examples(5_000);
    let examples = Engine::from_document(examples_doc.clone()).unwrap();
    let mut g = c.benchmark_group("intake");
    g.bench_function("embedded_50_chars", |b| {
        b.iter(|| black_box(embedded.intake(black_box(&r)).unwrap()))
    });
    // 50 characters outside the catalogue: no word, so the slip fallback scans it all.
    let mut none = request();
    none.text = "您好，我想咨询一下我们小区的供暖什么时候开始，家里老人怕冷，上次打电话说这个月底，现在还没动静，麻烦".to_owned();
    assert_eq!(none.text.chars().count(), 50);
    g.bench_function("embedded_50_chars_no_item", |b| {
        b.iter(|| black_box(embedded.intake(black_box(&none)).unwrap()))
    });
    g.bench_function("catalogue_5000_distinct_50_chars", |b| {
        b.iter(|| black_box(distinct.intake(black_box(&r)).unwrap()))
    });
    g.bench_function("catalogue_5000_copies_50_chars", |b| {
        b.iter(|| black_box(copies.intake(black_box(&r)).unwrap()))
    });
    g.bench_function("catalogue_5000_distinct_all_examples_50_chars", |b| {
        b.iter(|| black_box(examples.intake(black_box(&r)).unwrap()))
    });
    g.bench_function("search_only_embedded_50_chars", |b| {
        b.iter(|| black_box(embedded.search(black_box(SENTENCE))))
    });
    g.bench_function("search_only_5000_distinct_50_chars", |b| {
        b.iter(|| black_box(distinct.search(black_box(SENTENCE))))
    });
    g.bench_function("search_only_5000_copies_50_chars", |b| {
        b.iter(|| black_box(copies.search(black_box(SENTENCE))))
    });
    g.bench_function("examples_only_embedded_50_chars", |b| {
        b.iter(|| black_box(embedded.example_scores(black_box(SENTENCE))))
    });
    g.bench_function("examples_only_5000_all_examples_50_chars", |b| {
        b.iter(|| black_box(examples.example_scores(black_box(SENTENCE))))
    });
    g.finish();

    let mut g = c.benchmark_group("intake_build");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let small_doc = embedded.document().clone();
    g.bench_function("engine_embedded", |b| {
        b.iter_batched(
            || small_doc.clone(),
            |d| black_box(Engine::from_document(d).unwrap()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("engine_catalogue_5000_distinct", |b| {
        b.iter_batched(
            || distinct_doc.clone(),
            |d| black_box(Engine::from_document(d).unwrap()),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("engine_catalogue_5000_all_examples", |b| {
        b.iter_batched(
            || examples_doc.clone(),
            |d| black_box(Engine::from_document(d).unwrap()),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, intake);
criterion_main!(benches);
