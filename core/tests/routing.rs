//! Properties of the typed routing API that the JSON fixtures cannot express.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use fuquan::routing::Disposition;
use fuquan::{api, Case, Engine, RuleId};

fn case(json: &str) -> Case {
    serde_json::from_str(json).unwrap()
}

const MAJOR: &str = r#"{"items":["CJ-P001"],"location":"yangting","party":"organisation",
    "business_activity":true,"dates":{"filing":"2025-04-10"},"sanctions":["fine"],"fine":"50000"}"#;

#[test]
fn trace_is_recorded_only_when_asked() {
    let engine = Engine::embedded().unwrap();
    let c = case(MAJOR);
    let mut steps = Vec::new();
    let traced = engine.route_traced(&c, &mut steps).unwrap();
    let plain = engine.route(&c).unwrap();
    // The trace never changes the ruling.
    assert_eq!(traced.disposition, plain.disposition);
    assert_eq!(traced.rules, plain.rules);
    // One step per determining rule at least, each in both languages, naming the rule.
    for rule in plain.rules.iter() {
        assert!(
            steps.iter().any(|s| s.rule == Some(rule.id())),
            "no trace step for {}",
            rule.id()
        );
    }
    assert!(steps.iter().all(|s| !s.zh.is_empty() && !s.en.is_empty()));
    // Through the JSON boundary: trace is an array when asked, null otherwise.
    let mut v: serde_json::Value = serde_json::from_str(MAJOR).unwrap();
    assert!(api::route_value(&engine, v.clone())["ruling"]["trace"].is_null());
    v["trace"] = true.into();
    let answer = api::route_value(&engine, v);
    assert_eq!(
        answer["ruling"]["trace"].as_array().unwrap().len(),
        steps.len()
    );
}

#[test]
fn the_engine_is_shared_across_threads() {
    let engine = Engine::embedded().unwrap();
    let c = case(MAJOR);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (engine, c) = (engine.clone(), c.clone());
            std::thread::spawn(move || engine.route(&c).map(|r| r.disposition).unwrap())
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), Disposition::Transfer);
    }
}

#[test]
fn every_determining_rule_cites_a_clause() {
    let engine = Engine::embedded().unwrap();
    let answer = api::route_value(&engine, serde_json::from_str(MAJOR).unwrap());
    let rules = answer["ruling"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == RuleId::MajorFine.id()));
    for r in rules {
        let cites = r["citations"].as_array().unwrap();
        assert!(!cites.is_empty(), "{} has no citation", r["id"]);
        for c in cites {
            assert!(c["zh"].as_str().unwrap().contains('《'), "{c}");
        }
    }
}

#[test]
fn a_handed_over_platform_case_says_who_rules_not_in_whose_name() {
    // The management centre hands two departments' delegated items to 张村镇, which
    // cannot keep a major case: the platform office handles it and nobody decides in
    // one name, so the summary must not say "in the name of -" (docs/routing.md §3, §7).
    let engine = Engine::embedded().unwrap();
    let c = case(
        r#"{"items":["CJ-P001","CJ-P005"],"location":"likoushan","party":"organisation",
        "business_activity":true,"dates":{"filing":"2024-09-05"},"sanctions":["order_suspension"]}"#,
    );
    let r = engine.route(&c).unwrap();
    assert_eq!(r.disposition, Disposition::Handover);
    assert_eq!(r.handler.map(|b| b.id.as_str()), Some("platform-office"));
    assert!(r.acts_in_name_of.is_none());
    let (zh, en) = r.summary();
    assert!(zh.contains("裁定责任") && !zh.contains('-'), "{zh}");
    assert!(
        en.contains("rules on responsibility") && !en.contains("name of"),
        "{en}"
    );
}
