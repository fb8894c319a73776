//! The `intake` decision measured on its labelled evaluation set
//! (`fixtures/intake/sentences.txt`, written and labelled by hand; see
//! `docs/intake.md`), and its behaviour on bad input.
//!
//! Top-1: the first candidate is one of the expected items (and the answer is not
//! `no_item`). Top-3: one of the first three is. No-item: a sentence outside the
//! catalogue is answered `no_item`. Targets (issue #16): 85%, 95%, 90%.
#![cfg(feature = "intake")]
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

fn set(file: &str) -> Vec<Labelled> {
    let path = format!("{}/../fixtures/intake/{file}", env!("CARGO_MANIFEST_DIR"));
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

/// The rates on one labelled set: (sentences, top-1 %, top-3 %, no-item %).
fn measure(engine: &Engine, file: &str) -> (usize, f64, f64, f64) {
    let set = set(file);
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
            assert!(
                codes.contains(&c.as_str()),
                "{file} line {}: no item {c}",
                s.line
            );
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
                    "{file} line {} (out): {:?} -> {:?} {:?}",
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
                "{file} line {}: {:?} expected {:?} -> {:?} {:?}",
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
        "intake {file}: {} sentences; in the catalogue {n_in}: top-1 {top1} ({t1:.1}%), top-3 {top3} ({t3:.1}%); \
         typos {n_typo}: top-1 {typo1}; several matters {n_multi}: top-1 {multi1}; \
         outside the catalogue {n_out}: no_item {no_item} ({ni:.1}%)",
        set.len()
    );
    (set.len(), t1, t3, ni)
}

#[test]
fn evaluation_set_meets_the_targets() {
    let engine = Engine::embedded().unwrap();
    let (n, t1, t3, ni) = measure(&engine, "sentences.txt");
    assert!(n >= 300, "at least 300 sentences");
    assert!(t1 >= 85.0, "top-1 {t1:.1}% < 85%");
    assert!(t3 >= 95.0, "top-3 {t3:.1}% < 95%");
    assert!(ni >= 90.0, "no_item {ni:.1}% < 90%");
}

/// The hold-out set was written after the everyday words were last changed and
/// has never been used to change them: its figures are reported in BENCHMARKS.md
/// as the estimate for unseen sentences. The floors here are well below the
/// targets: they catch a regression, not a tuning.
#[test]
fn hold_out_set_is_measured() {
    let engine = Engine::embedded().unwrap();
    let (n, t1, t3, ni) = measure(&engine, "holdout.txt");
    assert!(n >= 70);
    assert!(
        t1 >= 70.0 && t3 >= 80.0 && ni >= 70.0,
        "{t1:.1}% {t3:.1}% {ni:.1}%"
    );
}

/// The second hold-out set (160 sentences) was written blind: by someone who had
/// not seen the everyday words, the earlier sets or the engine's answers, from the
/// item list and the plan alone (fixtures/intake/README.md). Its figures are
/// reported in BENCHMARKS.md; the floors, like the first hold-out's, catch a
/// regression, not a tuning.
#[test]
fn blind_hold_out_set_is_measured() {
    let engine = Engine::embedded().unwrap();
    let (n, t1, t3, ni) = measure(&engine, "holdout-2.txt");
    assert!(n >= 150);
    assert!(
        t1 >= 50.0 && t3 >= 55.0 && ni >= 80.0,
        "{t1:.1}% {t3:.1}% {ni:.1}%"
    );
}

fn top(engine: &Engine, text: &str) -> (Outcome, Option<String>, Option<String>) {
    let a = engine.intake(&request(text)).unwrap();
    let code = a
        .candidates
        .first()
        .and_then(|h| engine.items().get(h.item as usize))
        .map(|i| i.spec.code.clone());
    (a.outcome, code, a.place.map(|(b, _)| b.id.clone()))
}

#[test]
fn mixed_scripts_unknown_places_and_noise_are_answered_without_a_guess() {
    let engine = Engine::embedded().unwrap();
    // KTV is an everyday word of WL-P003 only; 未成年人 of WL-P002 and WL-P003: WL-P003 ranks first.
    let (_, code, _) = top(&engine, "KTV里有未成年人 minors singing at midnight");
    assert_eq!(code.as_deref(), Some("WL-P003"));
    // 火星镇 is no place of the rule set: the item is found, the place stays unknown.
    let (outcome, code, place) = top(&engine, "火星镇有人乱倒垃圾");
    assert_eq!(
        (outcome, code.as_deref(), place),
        (Outcome::Item, Some("SR-P006"), None)
    );
    // 张村 (the short form of 张村镇) fills the place.
    let (_, _, place) = top(&engine, "张村那边有人乱倒垃圾");
    assert_eq!(place.as_deref(), Some("zhangcun"));
    for noise in [
        "？？？！！！",
        "😡😡😡",
        "hello, is anyone there?",
        "123456",
        "\u{200b}\u{feff}x",
    ] {
        assert_eq!(top(&engine, noise).0, Outcome::NoItem, "{noise:?}");
    }
}

#[test]
fn the_longest_sentences_are_read_to_the_end() {
    let engine = Engine::embedded().unwrap();
    // 2,000 characters with no known word: the one-character-slip fallback scans them all.
    let none = "啊".repeat(2_000);
    assert_eq!(top(&engine, &none).0, Outcome::NoItem);
    // 2,000 characters naming a barbecue at the very end.
    let late = format!("{}露天烧烤", "啊".repeat(1_996));
    assert_eq!(top(&engine, &late).1.as_deref(), Some("HB-P007"));
    // One character over the limit is refused.
    let over = engine.intake(&request(&"啊".repeat(2_001))).unwrap_err();
    assert_eq!(over.diagnostics[0].code, "input.too_large");
    assert_eq!(over.diagnostics[0].path, "text");
}

#[test]
fn everyday_words_are_validated() {
    let mut doc = Engine::embedded().unwrap().document().clone();
    doc.items[0].everyday_words = vec!["无证施工".into(), " ".into(), " 无证施工".into()];
    let err = Engine::from_document(doc.clone()).unwrap_err();
    let codes: Vec<(&str, &str)> = err
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .filter(|(c, _)| c.starts_with("item.everyday"))
        .collect();
    assert_eq!(
        codes,
        [
            ("item.everyday_word_empty", "items[0].everyday_words[1]"),
            ("item.everyday_word_duplicate", "items[0].everyday_words[2]"),
        ]
    );
    // A duplicate alone is a warning: the rule set loads.
    doc.items[0].everyday_words = vec!["无证施工".into(), "无证施工".into(), "无证 施工".into()];
    let engine = Engine::from_document(doc).unwrap();
    for code in ["item.everyday_word_duplicate", "item.everyday_word_space"] {
        assert!(engine.warnings().iter().any(|w| w.code == code), "{code}");
    }
}

#[test]
fn a_rule_set_without_everyday_words_still_matches_nothing_silently() {
    let mut doc = Engine::embedded().unwrap().document().clone();
    for it in &mut doc.items {
        it.everyday_words.clear();
    }
    let engine = Engine::from_document(doc).unwrap();
    assert_eq!(top(&engine, "小区里有人半夜露天烧烤").0, Outcome::NoItem);
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]
    /// Any text, any script: an answer or a refusal, never a panic.
    #[test]
    fn any_text_is_answered_or_refused(text in "\\PC{0,120}", cjk in "[\u{4e00}-\u{9fff}，。！？a-zA-Z0-9 ]{0,80}") {
        static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
        let engine = ENGINE.get_or_init(|| Engine::embedded().unwrap());
        for t in [&text, &cjk, &format!("{cjk}{text}")] {
            match engine.intake(&request(t)) {
                Ok(a) => proptest::prop_assert!(a.confidence <= 100),
                Err(e) => proptest::prop_assert!(!e.diagnostics.is_empty()),
            }
        }
    }
}

#[test]
fn the_trace_names_the_words_the_place_and_the_conclusion() {
    let engine = Engine::embedded().unwrap();
    let mut steps = Vec::new();
    let a = engine
        .intake_traced(&request("张村镇有人私搭乱建，楼顶加盖了一层"), &mut steps)
        .unwrap();
    assert_eq!(a.outcome, Outcome::Item);
    let rules: Vec<Option<&str>> = steps.iter().map(|s| s.rule).collect();
    assert_eq!(
        rules,
        [
            Some("intake.match"),
            Some("intake.place_from_text"),
            Some("intake.clear")
        ]
    );
    assert!(steps[0].zh.contains("私搭乱建"));
    assert!(steps[2].en.contains("CJ-P005"));
    // Untraced, the same decision.
    let b = engine
        .intake(&request("张村镇有人私搭乱建，楼顶加盖了一层"))
        .unwrap();
    assert_eq!(b.outcome, a.outcome);
    assert_eq!(b.candidates, a.candidates);
}
