//! Every decision's JSON input, through the registry: the first byte picks an
//! operation of `api::OPERATIONS` (or, past the end, an unknown one), the rest
//! is the raw request text for `api::call_json_str` against the embedded rule
//! set. Every input must get a JSON answer with status `ok` or `error`, never a
//! panic or a hang; and the text path (straight to text) must give the same
//! answer as the value path (`api::call`) for any text both can read.
#![no_main]

use std::sync::OnceLock;

use fuquan::{api, Engine};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::embedded().expect("the embedded rule set loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let ops = api::OPERATIONS;
    let op = ops
        .get(usize::from(selector) % (ops.len() + 1))
        .copied()
        .unwrap_or("no_such_operation");
    let answer = api::call_json_str(engine(), op, text);
    let parsed: Value = serde_json::from_str(&answer)
        .unwrap_or_else(|e| panic!("{op} answered with text that is not JSON ({e}): {answer}"));
    assert!(
        matches!(parsed["status"].as_str(), Some("ok" | "error")),
        "{op} answered without a status: {answer}"
    );
    // Texts the strict reader refuses before any decision (a repeated key, bad
    // syntax, too large or too deep) have no value-path twin to compare with.
    let first_code = parsed["errors"][0]["code"].as_str();
    if matches!(
        first_code,
        Some("input.duplicate_key" | "input.syntax" | "input.too_large")
    ) {
        return;
    }
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        let by_value = api::call(engine(), op, value);
        assert_eq!(by_value, parsed, "{op}: the text and value paths disagree on {text}");
    }
});
