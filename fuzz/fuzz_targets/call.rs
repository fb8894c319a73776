//! Every decision's JSON input: the first byte picks an operation of
//! `api::OPERATIONS` (or, past the end, an unknown one), the rest is the raw
//! request text for `api::call_json_str` against the embedded rule set. Every
//! input must get a JSON answer with a status, never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use fuquan::{api, Engine};
use libfuzzer_sys::fuzz_target;

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
    assert!(
        answer.contains("\"status\":"),
        "{op} answered without a status: {answer}"
    );
});
