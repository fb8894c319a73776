//! The `intake` decision measured on its labelled evaluation set
//! (`fixtures/intake/sentences.txt`, written and labelled by hand; see
//! `docs/intake.md`), and its behaviour on bad input.
//!
//! Top-1: the first candidate is one of the expected items (and the answer is not
//! `no_item`). Top-3: one of the first three is. No-item: a sentence outside the
//! catalogue is answered `no_item`. Targets (issue #16): 85%, 95%, 90%.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use fuquan::dispatch::Source;
use fuquan::intake::{IntakeRequest, Outcome};
use fuquan::time::Date;
use fuquan::Engine;

struct Labelled {
    line: usize,
    expected: Vec<String>,
    typo: bool,
    text: String,
}

fn set() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fixtures/intake/sentences.txt"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (codes, sentence) = line.split_once(" | ").expect("CODES | sentence");
        let typo = codes.starts_with('~');
        let codes = codes.trim_start_matches('~').trim();
        let expected = if codes == "-" {
            Vec::new()
        } else {
            codes.split(',').map(|c| c.trim().to_owned()).collect()
        };
        out.push(Labelled {
            line: n + 1,
            expected,
            typo,
            text: sentence.to_owned(),
        });
    }
    out
}

fn request(text: &str) -> IntakeRequest {
    IntakeRequest {
        report_id: None,
        text: text.to_owned(),
        place: None,
        date: Date::from_ymd(2024, 9, 5).unwrap(),
        source: Source::Hotline12345,
        trace: false,
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

#[test]
fn evaluation_set_meets_the_targets() {
    let engine = Engine::embedded().unwrap();
    let set = set();
    let codes: Vec<&str> = engine
        .items()
        .iter()
        .map(|i| i.spec.code.as_str())
        .collect();
    let (mut n_in, mut top1, mut top3, mut n_out, mut no_item) = (0, 0, 0, 0, 0);
    let (mut n_typo, mut typo1, mut n_multi, mut multi1) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for s in &set {
        for c in &s.expected {
            assert!(codes.contains(&c.as_str()), "line {}: no item {c}", s.line);
        }
        let a = engine.intake(&request(&s.text)).unwrap();
        let got: Vec<&str> = a
            .candidates
            .iter()
            .filter_map(|h| engine.items().get(h.item as usize))
            .map(|i| i.spec.code.as_str())
            .collect();
        if s.expected.is_empty() {
            n_out += 1;
            if a.outcome == Outcome::NoItem {
                no_item += 1;
            } else {
                misses.push(format!(
                    "line {} (out): {:?} -> {:?} {:?}",
                    s.line,
                    s.text,
                    a.outcome,
                    got.first()
                ));
            }
            continue;
        }
        n_in += 1;
        let answered = a.outcome != Outcome::NoItem;
        let hit1 = answered
            && got
                .first()
                .is_some_and(|g| s.expected.iter().any(|e| e == g));
        let hit3 = answered
            && got
                .iter()
                .take(3)
                .any(|g| s.expected.iter().any(|e| e == g));
        top1 += usize::from(hit1);
        top3 += usize::from(hit3);
        if s.typo {
            n_typo += 1;
            typo1 += usize::from(hit1);
        }
        if s.expected.len() > 1 {
            n_multi += 1;
            multi1 += usize::from(hit1);
        }
        if !hit1 {
            misses.push(format!(
                "line {}: {:?} expected {:?} -> {:?} {:?}",
                s.line,
                s.text,
                s.expected,
                a.outcome,
                &got[..got.len().min(3)]
            ));
        }
    }
    for m in &misses {
        println!("{m}");
    }
    let (t1, t3, ni) = (pct(top1, n_in), pct(top3, n_in), pct(no_item, n_out));
    println!(
        "intake evaluation: {} sentences; in the catalogue {n_in}: top-1 {top1} ({t1:.1}%), top-3 {top3} ({t3:.1}%); \
         typos {n_typo}: top-1 {typo1}; several matters {n_multi}: top-1 {multi1}; \
         outside the catalogue {n_out}: no_item {no_item} ({ni:.1}%)",
        set.len()
    );
    assert!(set.len() >= 300, "at least 300 sentences");
    assert!(t1 >= 85.0, "top-1 {t1:.1}% < 85%");
    assert!(t3 >= 95.0, "top-3 {t3:.1}% < 95%");
    assert!(ni >= 90.0, "no_item {ni:.1}% < 90%");
}
