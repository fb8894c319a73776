//! Every limit of `docs/limits.md` at its edge: the limit accepted, one more
//! refused with `input.too_large` (or the money/date code), through the JSON
//! entry point the bindings use.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use fuquan::{api, limits, Engine};
use serde_json::{json, Value};

fn engine() -> Engine {
    Engine::embedded().unwrap()
}

/// The codes of an answer's errors.
fn codes(answer: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(answer).unwrap();
    v.get("errors")
        .or_else(|| v.get("diagnostics"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|d| d["code"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn refused_as_too_large(answer: &str) -> bool {
    codes(answer) == ["input.too_large"]
}

fn route(items: usize, sanctions: usize) -> String {
    json!({
        "items": vec!["SR-P001"; items], "location": "zhangcun", "party": "individual",
        "business_activity": false, "dates": {"filing": "2025-03-04"},
        "sanctions": vec!["warning"; sanctions],
    })
    .to_string()
}

#[test]
fn document_size_edge() {
    let e = engine();
    let base = json!({"case_id": "", "items": ["SR-P001"], "location": "zhangcun",
        "party": "individual", "business_activity": false, "dates": {"filing": "2025-03-04"}})
    .to_string();
    let pad = limits::MAX_DOCUMENT_BYTES - base.len();
    let at_limit = base.replacen(
        "\"case_id\":\"\"",
        &format!("\"case_id\":\"{}\"", "x".repeat(pad)),
        1,
    );
    assert_eq!(at_limit.len(), limits::MAX_DOCUMENT_BYTES);
    let answer = api::call_json_str(&e, "route", &at_limit);
    assert!(
        answer.starts_with("{\"status\":\"ok\"") || codes(&answer).is_empty(),
        "{}",
        &answer[..200]
    );
    let over = format!("{at_limit} ");
    assert!(refused_as_too_large(&api::call_json_str(
        &e, "route", &over
    )));
    assert!(refused_as_too_large(&api::route_json_str(&e, &over)));
}

/// Rule-set texts have their own, larger limit: a province's JSON (~91 MB for
/// 2,000 towns and 200,000 grants) is over the request limit.
#[test]
fn ruleset_size_edge() {
    let document = serde_json::to_string(engine().document()).unwrap();
    // JSON allows whitespace after the value: pad the real rule set to the limit.
    let mut text = document.clone();
    text.push_str(&" ".repeat(limits::MAX_RULESET_BYTES - document.len()));
    assert_eq!(text.len(), limits::MAX_RULESET_BYTES);
    assert!(text.len() > limits::MAX_DOCUMENT_BYTES);
    let status = |answer: String| -> Value {
        serde_json::from_str::<Value>(&answer).unwrap()["status"].clone()
    };
    assert_eq!(status(api::validate_json_str(&text)), "ok");
    assert_eq!(
        status(api::call_json_str(&engine(), "validate", &text)),
        "ok"
    );
    assert!(Engine::from_json_str(&text).is_ok());
    // One byte more: refused before parsing, by every rule-set entry point.
    text.push(' ');
    assert!(refused_as_too_large(&api::validate_json_str(&text)));
    assert!(refused_as_too_large(&api::call_json_str(
        &engine(),
        "validate",
        &text
    )));
    let e = Engine::from_json_str(&text).unwrap_err();
    assert_eq!(e.diagnostics[0].code, "input.too_large");
    // A request other than a rule set keeps the request limit.
    let route = format!("{}{}", route(1, 1), " ".repeat(limits::MAX_DOCUMENT_BYTES));
    assert!(refused_as_too_large(&api::call_json_str(
        &engine(),
        "route",
        &route
    )));
}

#[test]
fn nesting_depth_edge() {
    let e = engine();
    let nest = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    // At the limit the text parses, and is refused for its shape, not its depth.
    let at = api::call_json_str(&e, "route", &nest(limits::MAX_NESTING_DEPTH));
    assert!(!refused_as_too_large(&at), "{at}");
    let over = api::call_json_str(&e, "route", &nest(limits::MAX_NESTING_DEPTH + 1));
    assert!(refused_as_too_large(&over), "{over}");
}

#[test]
fn list_entries_edge() {
    let e = engine();
    let n = limits::MAX_LIST_ENTRIES;
    // At the limit the list is read (and its duplicates reported), one more is refused.
    let at = api::call_json_str(&e, "route", &route(n, 1));
    assert!(
        codes(&at).iter().all(|c| c == "case.duplicate_item"),
        "{}",
        &at[..300]
    );
    assert!(refused_as_too_large(&api::call_json_str(
        &e,
        "route",
        &route(n + 1, 1)
    )));
    let at = api::call_json_str(&e, "route", &route(1, n));
    assert!(
        codes(&at).iter().all(|c| c == "case.duplicate_sanction"),
        "{}",
        &at[..300]
    );
    assert!(refused_as_too_large(&api::call_json_str(
        &e,
        "route",
        &route(1, n + 1)
    )));
    let designation = |items: usize, grounds: usize| {
        json!({"initiator": "town", "town": "zhangcun", "items": vec!["SR-P001"; items],
               "date": "2025-03-04", "grounds": vec!["needs_recusal"; grounds]})
        .to_string()
    };
    for (items, grounds) in [(n, 1), (1, n)] {
        let at = api::call_json_str(&e, "designation_request", &designation(items, grounds));
        assert!(!refused_as_too_large(&at), "{}", &at[..300]);
    }
    for (items, grounds) in [(n + 1, 1), (1, n + 1)] {
        let over = api::call_json_str(&e, "designation_request", &designation(items, grounds));
        assert!(
            refused_as_too_large(&over),
            "{}",
            &over[..300.min(over.len())]
        );
    }
}

fn roster(people: usize) -> Value {
    let people: Vec<Value> = (0..people)
        .map(|i| {
            json!({"id": format!("p{i}"), "name": "n", "establishment": "career",
                        "role": "clerk", "centre_staff": true})
        })
        .collect();
    json!({"town": "zhangcun", "as_of": "2025-03-01", "people": people})
}

#[test]
fn roster_people_edge() {
    let e = engine();
    let at = api::call_json_str(
        &e,
        "staffing",
        &roster(limits::MAX_ROSTER_PEOPLE).to_string(),
    );
    assert!(codes(&at).is_empty(), "{}", &at[..300]);
    let over = api::call_json_str(
        &e,
        "staffing",
        &roster(limits::MAX_ROSTER_PEOPLE + 1).to_string(),
    );
    assert!(refused_as_too_large(&over));
    let district = |people: usize| {
        json!({"as_of": "2025-03-01", "district_strength": 100, "rosters": [roster(people)]})
            .to_string()
    };
    let over = api::call_json_str(
        &e,
        "staffing_district",
        &district(limits::MAX_ROSTER_PEOPLE + 1),
    );
    assert!(refused_as_too_large(&over));
    assert!(over.contains("\"path\":\"rosters[0].people\""), "{over}");
}

#[test]
fn district_towns_edge() {
    let e = engine();
    let request = |n: usize| {
        json!({"as_of": "2025-03-01", "district_strength": 100,
               "seconded": vec![json!({"town": "zhangcun", "seconded": 1}); n]})
        .to_string()
    };
    let at = api::call_json_str(
        &e,
        "staffing_district",
        &request(limits::MAX_DISTRICT_TOWNS),
    );
    assert!(!refused_as_too_large(&at));
    let over = api::call_json_str(
        &e,
        "staffing_district",
        &request(limits::MAX_DISTRICT_TOWNS + 1),
    );
    assert!(refused_as_too_large(&over));
}

#[test]
fn dispute_events_edge() {
    let e = engine();
    let request = |n: usize| {
        json!({"dispute": {"town": "zhangcun", "department": "comprehensive_enforcement", "opened": "2024-09-02"},
               "events": vec![json!({"kind": "negotiation_failed", "date": "2024-09-10"}); n]})
        .to_string()
    };
    // At the limit the events are replayed (the second failed negotiation is refused by the ladder).
    let at = api::call_json_str(&e, "dispute", &request(limits::MAX_DISPUTE_EVENTS));
    assert!(!refused_as_too_large(&at), "{at}");
    let over = api::call_json_str(&e, "dispute", &request(limits::MAX_DISPUTE_EVENTS + 1));
    assert!(refused_as_too_large(&over));
}

#[test]
fn money_and_date_range_edges() {
    let e = engine();
    let fine = |f: &str| {
        format!(
            r#"{{"items":["SR-P001"],"location":"zhangcun","party":"individual","business_activity":false,"dates":{{"filing":"2025-03-04"}},"sanctions":["fine"],"fine":{f}}}"#
        )
    };
    assert!(codes(&api::call_json_str(
        &e,
        "route",
        &fine("\"1000000000000.00\"")
    ))
    .is_empty());
    assert!(codes(&api::call_json_str(&e, "route", &fine("1000000000000"))).is_empty());
    assert_eq!(
        codes(&api::call_json_str(
            &e,
            "route",
            &fine("\"1000000000000.01\"")
        )),
        ["money.invalid"]
    );
    assert_eq!(
        codes(&api::call_json_str(&e, "route", &fine("1000000000001"))),
        ["money.invalid"]
    );
    assert_eq!(
        codes(&api::call_json_str(&e, "route", &fine("\"0.01\""))),
        Vec::<String>::new()
    );
    assert_eq!(
        codes(&api::call_json_str(&e, "route", &fine("\"-0.01\""))),
        ["money.negative"]
    );
    let date = |d: &str| format!(r#"{{"submitted":"{d}"}}"#);
    for ok in ["0000-01-01", "9999-12-31"] {
        let answer = api::call_json_str(&e, "platform_schedule", &date(ok));
        assert!(
            !codes(&answer).contains(&"date.invalid".to_owned()),
            "{ok}: {answer}"
        );
    }
    for bad in ["10000-01-01", "-0001-12-31", "9999-12-32"] {
        assert_eq!(
            codes(&api::call_json_str(&e, "platform_schedule", &date(bad))),
            ["date.invalid"],
            "{bad}"
        );
    }
}

#[test]
fn intake_edges() {
    let e = engine();
    let request = |text: &str| {
        json!({"text": text, "date": "2024-09-05", "source": "hotline_12345"}).to_string()
    };
    // 2,000 characters read; 2,001 refused at `text`.
    let at = api::call_json_str(
        &e,
        "intake",
        &request(&"烧".repeat(limits::MAX_INTAKE_TEXT_CHARS)),
    );
    assert!(codes(&at).is_empty(), "{at}");
    let over = api::call_json_str(
        &e,
        "intake",
        &request(&"烧".repeat(limits::MAX_INTAKE_TEXT_CHARS + 1)),
    );
    assert!(refused_as_too_large(&over));
    assert!(over.contains("\"path\":\"text\""), "{over}");
    // The request text: 65,536 bytes parsed (then refused for its length at `text`), 65,537 refused unread.
    let pad = |bytes: usize| {
        let shell = request("").len();
        request(&"a".repeat(bytes - shell))
    };
    let at = api::call_json_str(&e, "intake", &pad(limits::MAX_INTAKE_REQUEST_BYTES));
    assert!(at.contains("\"path\":\"text\""), "{at}");
    let over = api::call_json_str(&e, "intake", &pad(limits::MAX_INTAKE_REQUEST_BYTES + 1));
    assert!(refused_as_too_large(&over));
    assert!(over.contains("\"path\":\"\""), "{over}");
}
