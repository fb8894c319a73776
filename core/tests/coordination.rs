//! Properties of the coordination decisions beyond the conformance cases:
//! a dispute's state round-trips through JSON and resumes to the same answer,
//! and the cadence parameters are validated with the rule set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use fuquan::disputes::{DisputeInput, DisputeState, Stage};
use fuquan::ruleset::validate::validate;
use fuquan::{api, Engine};
use serde_json::json;

fn dispute() -> serde_json::Value {
    json!({"town": "zhangcun", "department": "comprehensive_enforcement", "items": ["CJ-P005"], "opened": "2024-09-02"})
}

#[test]
fn state_round_trips_and_resumes_to_the_same_answer() {
    let engine = Engine::embedded().unwrap();
    let events = json!([
        {"kind": "negotiation_failed", "date": "2024-09-10", "note": "第一次协商未果"},
        {"kind": "platform_stalled", "date": "2024-09-26"},
        {"kind": "government_decision", "date": "2024-10-15", "handler": "comprehensive_enforcement"}
    ]);
    let full = api::call(
        &engine,
        "dispute",
        json!({"dispute": dispute(), "events": events}),
    );
    assert_eq!(full["status"], "ok", "{full}");
    // Store after the first event, then resume with the rest, one event at a time.
    let mut answer = api::call(
        &engine,
        "dispute",
        json!({"dispute": dispute(), "events": [events[0]]}),
    );
    for e in events.as_array().unwrap().iter().skip(1) {
        let stored: DisputeState = serde_json::from_value(answer["state"].clone()).unwrap();
        let text = serde_json::to_string(&stored).unwrap();
        let back: DisputeState = serde_json::from_str(&text).unwrap();
        assert_eq!(stored, back);
        answer = api::call(&engine, "dispute", json!({"state": back, "events": [e]}));
        assert_eq!(answer["status"], "ok", "{answer}");
    }
    for key in [
        "stage",
        "next",
        "resolution",
        "audit",
        "state",
        "rule_ids",
        "summary",
    ] {
        assert_eq!(answer[key], full[key], "{key} differs after resume");
    }
    // Resuming with no new event gives the same answer again.
    let again = api::call(
        &engine,
        "dispute",
        json!({"state": answer["state"].clone()}),
    );
    assert_eq!(again["stage"], full["stage"]);
    assert_eq!(again["audit"], full["audit"]);
}

#[test]
fn typed_api_matches_the_json_boundary() {
    let engine = Engine::embedded().unwrap();
    let input: DisputeInput = serde_json::from_value(json!({"dispute": dispute(), "events": [
        {"kind": "negotiation_failed", "date": "2024-09-10"}]}))
    .unwrap();
    let outcome = engine.replay_dispute(&input).unwrap();
    assert_eq!(outcome.state.stage, Stage::AtPlatform);
    assert_eq!(outcome.next.actors.len(), 1);
    let mut trace = Vec::new();
    engine.replay_dispute_traced(&input, &mut trace).unwrap();
    assert!(trace.iter().any(|s| s.rule == Some("dispute.platform")));
}

#[test]
fn cadence_parameters_are_validated() {
    let engine = Engine::embedded().unwrap();
    let mut doc = engine.document().clone();
    assert!(validate(&doc).iter().all(|d| !d.is_error()));
    let mut later = doc.parameters.platform_weekly_meeting[0].clone();
    later.value.cutoff_days = 7;
    doc.parameters.platform_weekly_meeting.push(later.clone());
    let codes: Vec<(String, String)> = validate(&doc)
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.path))
        .collect();
    assert!(codes.contains(&(
        "parameter.dates_out_of_order".into(),
        "parameters.platform_weekly_meeting[1].from".into()
    )));
    assert!(codes.contains(&(
        "parameter.out_of_range".into(),
        "parameters.platform_weekly_meeting[1].value.cutoff_days".into()
    )));
    // The cadence is optional: without it the rule set loads, and the decisions that need it say so.
    let mut bare = engine.document().clone();
    bare.parameters.platform_weekly_meeting.clear();
    let bare = Engine::from_document(bare).unwrap();
    let a = api::call(
        &bare,
        "platform_schedule",
        json!({"submitted": "2024-09-04"}),
    );
    assert_eq!(a["errors"][0]["code"], "parameter.not_in_force");
}
