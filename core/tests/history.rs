//! `RuleSetHistory` read from `fixtures/history-sample/` (one directory per version).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use fuquan::routing::ItemStatus;
use fuquan::ruleset::RuleSetHistory;
use fuquan::time::Date;
use fuquan::Case;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/history-sample")
}

fn case(filing: &str) -> Case {
    serde_json::from_value(serde_json::json!({
        "items": ["CJ-P002"], "location": "zhangcun", "party": "individual",
        "business_activity": false, "dates": {"filing": filing}, "sanctions": ["warning"]
    }))
    .unwrap()
}

#[test]
fn sample_history_loads_sorted_and_routes_by_relevant_date() {
    let h = RuleSetHistory::from_dir(&dir()).expect("the sample history is valid");
    let v: Vec<&str> = h
        .versions()
        .iter()
        .map(|e| e.meta().version.as_str())
        .collect();
    assert_eq!(v, ["2024.1", "2025.1"]);
    assert_ne!(
        h.versions()[0].content_hash(),
        h.versions()[1].content_hash()
    );
    let d = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(h.version_on(d("2024-12-31")).map(|(i, _)| i), Some(0));
    assert_eq!(h.version_on(d("2025-01-01")).map(|(i, _)| i), Some(1));
    assert!(h.version_on(d("2024-05-04")).is_none());

    let before = h.route(&case("2024-12-31")).unwrap();
    assert_eq!(before.index, 0);
    assert_eq!(before.ruling.items[0].status, ItemStatus::Delegated);
    let after = h.route(&case("2025-01-01")).unwrap();
    assert_eq!(after.index, 1);
    assert_eq!(after.ruling.items[0].status, ItemStatus::OutOfList);
    let none = h.route(&case("2024-05-04")).unwrap_err();
    assert_eq!(none.code(), "ruleset.no_version_in_force");
}

#[test]
fn content_hash_ignores_formatting_of_the_source() {
    let h = RuleSetHistory::from_dir(&dir()).unwrap();
    let doc = h.versions()[0].document().clone();
    let compact = serde_json::to_string(&doc).unwrap();
    let reparsed = fuquan::Engine::from_json_str(&compact).unwrap();
    assert_eq!(reparsed.content_hash(), h.versions()[0].content_hash());
}
