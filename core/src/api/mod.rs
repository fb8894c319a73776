//! The JSON boundary: decode, look up, decide, encode. The Python and WASM
//! bindings, the CLI and every conformance runner call these and nothing
//! else, so every language gets the same answers.
//!
//! [`call`] answers any operation of the [registry] from a
//! JSON value, [`call_json_str`] from JSON text. Answers are tagged:
//! `{"status": "ok", ...}` or `{"status": "error", "errors": [...]}`, and
//! always carry `warnings`. The shapes are documented in `fixtures/README.md`
//! and published as JSON Schema (`schemas/`). The typed shortcuts below
//! (`route_*`, `validate_*`) are the same decisions, kept for callers that
//! route in bulk.

use serde_json::Value;

use crate::answer::Refused;
use crate::decision::Decision;
use crate::decode;
use crate::diagnostic::{Diagnostic, InputError};
use crate::registry::{self, to_text, to_value};
use crate::routing::operation::Route;
use crate::routing::Case;
use crate::ruleset::{self, Engine};

pub use crate::answer::{BodyView, RuleView, RulesetRef, Text};
pub use crate::registry::OPERATIONS;
pub use crate::routing::{
    route_compact_ruling, CompactAnswer, CompactRuling, DesignationView, HearingView, ItemView,
    LegalReviewView, MovementView, RouteAnswer, RulingView, TransitionView,
};
pub use crate::validation::ValidateAnswer;

/// One generic entry point for every decision: `operation` names it (see
/// [`OPERATIONS`]), `request` is its JSON input, the answer is its JSON output.
/// Bindings expose this so that a new decision reaches every language at once.
/// An unknown operation is an error answer with code `input.unknown_operation`.
pub fn call(engine: &Engine, operation: &str, request: Value) -> Value {
    match registry::lookup(operation) {
        Some(entry) => entry.answer_value(engine, request),
        None => error_value(vec![registry::unknown_operation(operation)]),
    }
}

/// [`call`] with JSON text in and out. A key repeated in one object is refused
/// (`input.duplicate_key`), as the typed entry points refuse a repeated field.
/// The answer is written straight to text, without an intermediate value.
pub fn call_json_str(engine: &Engine, operation: &str, request: &str) -> String {
    match registry::lookup(operation) {
        Some(entry) => entry.answer_text(engine, request),
        None => {
            // The request is still read, so that malformed text is reported as such.
            match decode::value_from_str_within(request, decode::MAX_RULESET_BYTES) {
                Ok(_) => to_text(&Refused::new(vec![registry::unknown_operation(operation)])),
                Err(d) => to_text(&Refused::new(vec![d])),
            }
        }
    }
}

/// Routes a typed case into the serialisable answer (trace as the case asks).
pub fn route_case(engine: &Engine, case: &Case) -> Value {
    match crate::routing::operation::route(engine, case) {
        Ok(answer) => to_value(&answer),
        Err(e) => error_value(e.diagnostics),
    }
}

/// Routes a case given as a JSON value.
pub fn route_value(engine: &Engine, request: Value) -> Value {
    call(engine, Route::OPERATION, request)
}

/// Routes a case with the version of a rule-set history in force on its
/// relevant date. The request is `{"versions": [document, ...], "case": {...}}`
/// ([`crate::routing::HistoryRequest`]); the answer is the routing answer plus
/// `history`: the versions (oldest first), the index chosen and the date.
/// The same as `call(_, "route_history", request)`, without an engine: the
/// request carries its rule sets.
pub fn route_history_value(request: Value) -> Value {
    let answer = decode::from_value::<crate::routing::HistoryRequest>(request)
        .map_err(InputError::single)
        .and_then(crate::routing::operation::route_history_request);
    match answer {
        Ok(a) => to_value(&a),
        Err(e) => error_value(e.diagnostics),
    }
}

/// Routes a typed case against a history (see [`route_history_value`]).
pub fn route_history_case(history: &crate::ruleset::RuleSetHistory, case: &Case) -> Value {
    match crate::routing::operation::route_history(history, case) {
        Ok(a) => to_value(&a),
        Err(e) => error_value(e.diagnostics),
    }
}

/// Routes a case given as a JSON string; returns the answer as a JSON string.
pub fn route_json_str(engine: &Engine, request: &str) -> String {
    call_json_str(engine, Route::OPERATION, request)
}

/// Routes many cases; each answer stands alone (one bad case does not stop the rest).
pub fn route_many_values(engine: &Engine, requests: Vec<Value>) -> Vec<Value> {
    requests
        .into_iter()
        .map(|r| route_value(engine, r))
        .collect()
}

/// Routes a case given as a JSON value into a compact one-row answer (batch work).
pub fn route_compact_value(engine: &Engine, request: Value, with_summary: bool) -> CompactAnswer {
    let case_id = request
        .get("case_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    match decode::from_value::<Case>(request) {
        Ok(case) => route_compact(engine, &case, with_summary),
        Err(d) => CompactAnswer::of_error(case_id, &[d]),
    }
}

/// Routes a case given as JSON text into a compact one-row answer: the text is
/// read as [`call_json_str`] reads it (a repeated key is refused), and a
/// malformed text becomes an error row rather than stopping a batch.
pub fn route_compact_json_str(engine: &Engine, request: &str, with_summary: bool) -> CompactAnswer {
    match decode::value_from_str(request) {
        Ok(value) => route_compact_value(engine, value, with_summary),
        Err(d) => CompactAnswer::of_error(None, &[d]),
    }
}

/// Routes a typed case into a compact one-row answer (batch work; no trace).
pub fn route_compact(engine: &Engine, case: &Case, with_summary: bool) -> CompactAnswer {
    match engine.route(case) {
        Ok(r) => CompactAnswer::of_ruling(case, &r, with_summary),
        Err(e) => CompactAnswer::of_error(case.case_id.clone(), &e.diagnostics),
    }
}

/// Parses a case from JSON, for callers that route typed cases in bulk.
pub fn case_from_value(request: Value) -> Result<Case, InputError> {
    decode::from_value(request).map_err(InputError::single)
}

/// Validates a rule-set document given as a JSON value.
pub fn validate_value(document: Value) -> Value {
    to_value(&ValidateAnswer::of_document(
        ruleset::document_from_json_value(document),
    ))
}

/// Validates a rule-set document given as a JSON string.
pub fn validate_json_str(document: &str) -> String {
    to_text(&ValidateAnswer::of_document(
        ruleset::document_from_json_str(document),
    ))
}

/// Validates a rule-set directory.
pub fn validate_dir(dir: &std::path::Path) -> Value {
    to_value(&ValidateAnswer::of_document(ruleset::document_from_dir(
        dir,
    )))
}

/// The answer for a request that could not be read.
pub fn error_value(errors: Vec<Diagnostic>) -> Value {
    to_value(&Refused::new(errors))
}

/// Re-exported so bindings need not depend on the routing module path.
pub type Trace = Vec<crate::answer::TraceStep>;

#[cfg(test)]
mod tests;
