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
use fuquan::intake::{IntakeRequest, Outcome, RankedBy};
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
    // Dispatched straight away (outcome `item`): as one of the expected items, or not.
    let (mut item_right, mut item_wrong) = (0, 0);
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
        if a.outcome == Outcome::Item {
            item_right += usize::from(hit1);
            item_wrong += usize::from(!hit1);
        }
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
         dispatched as one item {}: right {item_right}, wrong {item_wrong}; \
         outside the catalogue {n_out}: no_item {no_item} ({ni:.1}%)",
        set.len(),
        item_right + item_wrong
    );
    (set.len(), t1, t3, ni)
}

/// The same sets with the items' words alone (no example reports), for the
/// comparison in BENCHMARKS.md; no floor: the words alone are below the targets
/// on unseen wording.
#[test]
fn the_words_alone_are_measured_for_comparison() {
    let engine = words_only();
    for file in [
        "sentences.txt",
        "holdout.txt",
        "holdout-2.txt",
        "holdout-3.txt",
    ] {
        let (n, ..) = measure(&engine, file);
        assert!(n > 0);
    }
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

/// The first hold-out set was written after the first word list; the
/// generalisation round of #16 was done without opening it, but two examples in
/// that round's brief came from its misses listed in BENCHMARKS.md, so it is no
/// longer clean (the blind set below is the estimate for unseen sentences). The
/// floors here are well below the targets: they catch a regression, not a tuning.
#[test]
fn hold_out_set_is_measured() {
    hold_out_floors("holdout.txt", 70, [70.0, 80.0, 70.0]);
}

/// The second hold-out set (160 sentences) was written blind: by someone who had
/// not seen the everyday words, the earlier sets or the engine's answers, from the
/// item list and the plan alone (fixtures/intake/README.md). Its figures are
/// reported in BENCHMARKS.md; the floors, like the first hold-out's, catch a
/// regression, not a tuning.
#[test]
fn blind_hold_out_set_is_measured() {
    hold_out_floors("holdout-2.txt", 150, [85.0, 90.0, 90.0]);
}

/// The third hold-out set, written blind after the example reports were
/// written and measured once when the ranking with them was fixed (see
/// BENCHMARKS.md). Floors catch a regression.
#[test]
fn third_blind_hold_out_set_is_measured() {
    hold_out_floors("holdout-3.txt", 150, [80.0, 90.0, 90.0]);
}

/// Measures a hold-out set and checks its size and its regression floors
/// (top-1, top-3, no item, in percent).
fn hold_out_floors(file: &str, min_sentences: usize, [f1, f3, fni]: [f64; 3]) {
    let engine = Engine::embedded().unwrap();
    let (n, t1, t3, ni) = measure(&engine, file);
    assert!(n >= min_sentences, "{file}: {n} sentences");
    assert!(
        t1 >= f1 && t3 >= f3 && ni >= fni,
        "{file}: {t1:.1}% {t3:.1}% {ni:.1}%"
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

/// The embedded rule set without its labelled example reports: the items' words alone.
fn words_only() -> Engine {
    let mut doc = Engine::embedded().unwrap().document().clone();
    doc.intake_examples.clear();
    Engine::from_document(doc).unwrap()
}

#[test]
fn a_rule_set_without_everyday_words_still_matches_nothing_silently() {
    let mut doc = Engine::embedded().unwrap().document().clone();
    for it in &mut doc.items {
        it.everyday_words.clear();
    }
    // Without words or examples, nothing: 露天烧烤 is in HB-P007's name, but no
    // item lists it as a word, so the dictionary does not know it.
    let mut bare = doc.clone();
    bare.intake_examples.clear();
    let engine = Engine::from_document(bare).unwrap();
    let a = engine.intake(&request("小区里有人半夜露天烧烤")).unwrap();
    assert_eq!(a.outcome, Outcome::NoItem);
    assert!(a.candidates.is_empty());
    assert_eq!(a.ranked_by, RankedBy::Words);
    // Without words but with the example reports, the examples alone find it:
    // HB-P007's reports share 烧烤, 露天, 半夜 … with the sentence.
    let engine = Engine::from_document(doc).unwrap();
    let a = engine.intake(&request("小区里有人半夜露天烧烤")).unwrap();
    assert_eq!(a.ranked_by, RankedBy::Examples);
    assert_eq!(
        top(&engine, "小区里有人半夜露天烧烤").1.as_deref(),
        Some("HB-P007")
    );
    let near = a.nearest_example.unwrap();
    assert_eq!(near.item.as_deref(), Some("HB-P007"));
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
    let engine = words_only();
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

fn words_of(engine: &Engine, text: &str, code: &str) -> Option<Vec<String>> {
    let a = engine.intake(&request(text)).unwrap();
    a.candidates
        .iter()
        .find(|h| {
            engine
                .items()
                .get(h.item as usize)
                .map(|i| i.spec.code.as_str())
                == Some(code)
        })
        .map(|h| h.words.clone())
}

#[test]
fn a_word_with_a_particle_inside_is_still_the_word() {
    let engine = Engine::embedded().unwrap();
    // 占用土地 is ZR-P001's everyday word and in its name (twice in its document),
    // in NY-P004's name only: written 占用了土地 it is still found.
    let a = engine.intake(&request("一家公司占用了土地")).unwrap();
    assert!(a.words.iter().any(|w| w == "占用土地"), "{:?}", a.words);
    assert_eq!(
        top(&engine, "一家公司占用了土地").1.as_deref(),
        Some("ZR-P001")
    );
    // Two particles (里的) are skipped; three are not.
    assert_eq!(
        top(&engine, "河道里的垃圾没人管").1.as_deref(),
        Some("SW-P003")
    );
    assert_eq!(top(&engine, "占用了了了土地").0, Outcome::NoItem);
}

#[test]
fn a_word_inside_a_longer_word_counts_only_where_the_longer_word_does() {
    let engine = words_only();
    // 没有营业执照 is SC-P003's; 营业执照 inside it is SC-P004's (not displaying
    // the licence) and does not count for SC-P004.
    let (outcome, code, _) = top(&engine, "小区门口那家店没有营业执照");
    assert_eq!((outcome, code.as_deref()), (Outcome::Item, Some("SC-P003")));
    assert_eq!(
        words_of(&engine, "小区门口那家店没有营业执照", "SC-P004"),
        None
    );
    // 烧烤 inside 露天烧烤 still counts for HB-P007, which has both.
    assert_eq!(
        words_of(&engine, "半夜露天烧烤", "HB-P007"),
        Some(vec!["露天烧烤".to_owned(), "烧烤".to_owned()])
    );
}

#[test]
fn a_report_of_a_violation_goes_to_the_penalty_a_request_to_inspect_to_the_inspection() {
    let engine = Engine::embedded().unwrap();
    // 宅基地: NY-P004's everyday word, in NY-I002's name. Without 检查 the
    // inspection counts at half weight.
    assert_eq!(
        top(&engine, "村民在宅基地上盖了三层楼").1.as_deref(),
        Some("NY-P004")
    );
    assert_eq!(
        top(&engine, "请检查一下村里的宅基地").1.as_deref(),
        Some("NY-I002")
    );
    // 禽流感 is NY-C002's alone: no penalty item shares it, it stands.
    assert_eq!(
        top(&engine, "养殖户的鸡疑似禽流感").1.as_deref(),
        Some("NY-C002")
    );
}

#[test]
fn slips_are_wrong_characters_not_punctuation_nor_a_three_character_words_first() {
    let engine = Engine::embedded().unwrap();
    // 小广高: one character off 小广告 (SR-P003), in the last place.
    assert_eq!(top(&engine, "墙上全是小广高").1.as_deref(), Some("SR-P003"));
    // 到路面 is 挖路面 with the first character changed: not a slip.
    assert_eq!(top(&engine, "水冒到路面上").0, Outcome::NoItem);
}

#[test]
fn particles_and_nested_words_keep_the_work_bounded() {
    let engine = Engine::embedded().unwrap();
    // 2,000 particles, and 400 times a word with a particle inside.
    assert_eq!(top(&engine, &"了".repeat(2_000)).0, Outcome::NoItem);
    assert_eq!(top(&engine, &"的啊".repeat(1_000)).0, Outcome::NoItem);
    assert_eq!(
        top(&engine, &"占用了土地".repeat(400)).1.as_deref(),
        Some("ZR-P001")
    );
    // 500 nested words (露天烧烤 holds 烧烤).
    assert_eq!(
        top(&engine, &"露天烧烤".repeat(500)).1.as_deref(),
        Some("HB-P007")
    );
}

/// A rule set whose example reports are the given ones (item code or `None`, text).
fn with_examples(examples: &[(Option<&str>, &str)]) -> Engine {
    let mut doc = Engine::embedded().unwrap().document().clone();
    doc.intake_examples = examples
        .iter()
        .map(|(item, text)| fuquan::ruleset::source::IntakeExample {
            item: item.map(str::to_owned),
            text: (*text).to_owned(),
        })
        .collect();
    Engine::from_document(doc).unwrap()
}

#[test]
fn a_sentence_closer_to_the_reports_outside_the_catalogue_is_not_put_on_an_item() {
    // 烧烤 is an everyday word of HB-P007 (word score above the 2.000 floor), but
    // the sentence shares 烧烤店, 老板, 欠, 工资 … with the report outside the
    // catalogue and only 烧烤 with HB-P007's: wages owed by a barbecue shop.
    let engine = with_examples(&[
        (Some("HB-P007"), "楼下有人在路边露天烧烤，烟熏火燎"),
        (Some("HB-P006"), "饭店油烟直接往居民楼里排"),
        (None, "烧烤店老板欠了我三个月工资不给"),
    ]);
    let mut steps = Vec::new();
    let a = engine
        .intake_traced(&request("烧烤店的老板欠工资"), &mut steps)
        .unwrap();
    assert!(a.candidates.first().unwrap().word_score_milli >= 2_000);
    assert_eq!(a.outcome, Outcome::NoItem);
    let near = a.nearest_example.unwrap();
    assert_eq!(
        (near.item.as_deref(), near.text.as_str()),
        (None, "烧烤店老板欠了我三个月工资不给")
    );
    let rules: Vec<Option<&str>> = steps.iter().map(|s| s.rule).collect();
    assert_eq!(
        rules,
        [
            Some("intake.match"),
            Some("intake.examples"),
            Some("intake.no_item")
        ]
    );
    // Without that report the word decides: HB-P007.
    let engine = with_examples(&[
        (Some("HB-P007"), "楼下有人在路边露天烧烤，烟熏火燎"),
        (Some("HB-P006"), "饭店油烟直接往居民楼里排"),
    ]);
    let a = engine.intake(&request("烧烤店的老板欠工资")).unwrap();
    assert_eq!(a.outcome, Outcome::Item);
    assert_eq!(a.ranked_by, RankedBy::WordsAndExamples);
}

#[test]
fn particles_and_pronouns_alone_never_name_an_item_by_the_examples() {
    // Every n-gram of 的啊的啊 is made of particles: whatever the reports share
    // with it, the examples alone do not name an item on it.
    let engine = Engine::embedded().unwrap();
    for text in ["的啊的啊", "我们这是在哪里呢", "你好啊在吗"] {
        let a = engine.intake(&request(text)).unwrap();
        assert_ne!(a.ranked_by, RankedBy::Examples, "{text}");
    }
}

#[test]
fn place_names_in_the_reports_say_where_not_what() {
    // Both of HB-P007's reports name 张村镇; a sentence naming 张村镇 shares
    // nothing else with them, and the place is not evidence of the matter.
    let engine = with_examples(&[
        (Some("HB-P007"), "张村镇张村路有人露天烧烤"),
        (Some("HB-P007"), "张村镇夜市烧烤烟大"),
        (None, "请问医保怎么报销"),
    ]);
    let a = engine.intake(&request("张村镇张村路工资拖欠")).unwrap();
    assert_eq!(a.outcome, Outcome::NoItem);
    assert!(
        a.candidates.iter().all(|c| c.example_score_milli == 0),
        "{:?}",
        a.candidates
    );
    assert_eq!(a.place.map(|(b, _)| b.id.as_str()), Some("zhangcun"));
}

#[test]
fn example_reports_are_validated() {
    let mut doc = Engine::embedded().unwrap().document().clone();
    doc.intake_examples = vec![
        fuquan::ruleset::source::IntakeExample {
            item: Some("XX-P999".into()),
            text: "有人乱倒垃圾".into(),
        },
        fuquan::ruleset::source::IntakeExample {
            item: Some("HB-P007".into()),
            text: "  ".into(),
        },
        fuquan::ruleset::source::IntakeExample {
            item: Some("HB-P007".into()),
            text: "楼下烧烤".into(),
        },
        fuquan::ruleset::source::IntakeExample {
            item: Some("HB-P006".into()),
            text: "楼下烧烤".into(),
        },
        fuquan::ruleset::source::IntakeExample {
            item: Some("HB-P007".into()),
            text: "楼下烧烤 ".into(),
        },
        fuquan::ruleset::source::IntakeExample {
            item: None,
            text: "字".repeat(2_001),
        },
    ];
    let found: Vec<(String, String)> = fuquan::ruleset::validate::validate(&doc)
        .into_iter()
        .filter(|d| d.code.starts_with("intake_example") || d.path.starts_with("intake_examples"))
        .map(|d| (d.code.clone(), d.path.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "ruleset.unknown_reference".to_owned(),
                "intake_examples[0].item".to_owned()
            ),
            (
                "intake_example.empty_text".to_owned(),
                "intake_examples[1].text".to_owned()
            ),
            (
                "intake_example.conflicting_labels".to_owned(),
                "intake_examples[3].item".to_owned()
            ),
            (
                "intake_example.duplicate".to_owned(),
                "intake_examples[4].text".to_owned()
            ),
            (
                "intake_example.text_too_long".to_owned(),
                "intake_examples[5].text".to_owned()
            ),
        ]
    );
    assert!(Engine::from_document(doc).is_err());
}
