//! The JSON boundary: one entry point per decision, in three shapes — typed,
//! `serde_json::Value`, and `&str`. The Python and WASM bindings call these and
//! nothing else, so every language gets the same answers.
//!
//! Answers are tagged: `{"status": "ok", ...}` or `{"status": "error", "errors": [...]}`,
//! and always carry `warnings`. The shapes are documented in `fixtures/README.md`
//! and published as JSON Schema (`schemas/`).

mod answer;
mod compact;
mod decision;

pub use answer::{
    BodyView, CompactAnswer, DesignationView, HearingView, ItemView, LegalReviewView, MovementView,
    RouteAnswer, RuleView, RulesetRef, RulingView, Text, TransitionView, ValidateAnswer,
};

pub use compact::{route_compact_ruling, CompactRuling};

pub use decision::{
    screen_catalogue_value, screen_value, staffing_district_value, staffing_value, DecisionAnswer,
};
use serde_json::Value;

use crate::decode;
use crate::diagnostic::{Diagnostic, InputError, Severity};
use crate::routing::{Case, TraceStep};
use crate::ruleset::{self, validate::validate, Engine};

/// Routes a typed case into the serialisable answer (trace as the case asks).
pub fn route_case(engine: &Engine, case: &Case) -> Value {
    let mut steps = Vec::new();
    let result = if case.trace {
        engine.route_traced(case, &mut steps)
    } else {
        engine.route(case)
    };
    let answer = match result {
        Ok(ruling) => RouteAnswer::Ok {
            ruling: Box::new(RulingView::new(
                engine,
                case,
                &ruling,
                case.trace.then_some(steps),
            )),
            warnings: answer::ruling_warnings(engine, &ruling),
        },
        Err(e) => RouteAnswer::Error {
            errors: e.diagnostics,
            warnings: Vec::new(),
        },
    };
    to_value(&answer)
}

/// The decisions [`call`] knows, by operation name.
pub const OPERATIONS: &[&str] = &[
    "route",
    "validate",
    "staffing",
    "staffing_district",
    "screen",
    "screen_catalogue",
    "dispute",
    "designation_request",
    "platform_schedule",
    "dispatch",
    "coverage",
    "inspection_plan",
    "supervision",
    "route_history",
];

/// One generic entry point for every decision: `operation` names it (see
/// [`OPERATIONS`]), `request` is its JSON input, the answer is its JSON output.
/// Bindings expose this so that a new decision reaches every language at once.
/// An unknown operation is an error answer with code `input.unknown_operation`.
pub fn call(engine: &Engine, operation: &str, request: Value) -> Value {
    match operation {
        "route" => route_value(engine, request),
        "validate" => validate_value(request),
        "staffing" => staffing_value(engine, request),
        "staffing_district" => staffing_district_value(engine, request),
        "screen" => screen_value(engine, request),
        "screen_catalogue" => screen_catalogue_value(engine, request),
        "dispute" => crate::disputes::dispute_value(engine, request),
        "designation_request" => crate::disputes::designation_value(engine, request),
        "platform_schedule" => crate::schedule::schedule_value(engine, request),
        "dispatch" => crate::dispatch::dispatch_value(engine, request),
        "coverage" => crate::coverage::coverage_value(engine, request),
        "inspection_plan" => crate::inspection::inspection_plan_value(engine, request),
        "supervision" => crate::supervision::supervision_value(engine, request),
        "route_history" => route_history_value(request),
        other => error_value(vec![Diagnostic::error(
            "input.unknown_operation",
            "operation",
            format!("未知的决策类型 {other:?}"),
            format!("unknown operation {other:?}"),
        )
        .expected(OPERATIONS.join(", "))]),
    }
}

/// [`call`] with JSON text in and out. A key repeated in one object is refused
/// (`input.duplicate_key`), as the typed entry points refuse a repeated field.
pub fn call_json_str(engine: &Engine, operation: &str, request: &str) -> String {
    // Requests that carry whole rule sets may be as large as a rule set.
    let limit = match operation {
        "validate" | "route_history" => decode::MAX_RULESET_BYTES,
        _ => decode::MAX_DOCUMENT_BYTES,
    };
    match decode::value_from_str_within(request, limit) {
        Ok(v) => call(engine, operation, v).to_string(),
        Err(d) => error_value(vec![d]).to_string(),
    }
}

/// Routes a case given as a JSON value.
pub fn route_value(engine: &Engine, request: Value) -> Value {
    match decode::from_value::<Case>(request) {
        Ok(case) => route_case(engine, &case),
        Err(d) => error_value(vec![d]),
    }
}

/// Routes a case with the version of a rule-set history in force on its
/// relevant date. The request is `{"versions": [document, ...], "case": {...}}`
/// ([`crate::ruleset::history::HistoryRequest`]); the answer is the routing
/// answer plus `history`: the versions (oldest first), the index chosen and the date.
pub fn route_history_value(request: Value) -> Value {
    let req = match decode::from_value::<crate::ruleset::history::HistoryRequest>(request) {
        Ok(r) => r,
        Err(d) => return error_value(vec![d]),
    };
    match crate::ruleset::RuleSetHistory::from_documents(req.versions) {
        Ok(h) => route_history_case(&h, &req.case),
        Err(e) => error_value(e.diagnostics),
    }
}

/// Routes a typed case against a history (see [`route_history_value`]).
pub fn route_history_case(history: &crate::ruleset::RuleSetHistory, case: &Case) -> Value {
    let mut steps = Vec::new();
    let result = if case.trace {
        history.route_traced(case, &mut steps)
    } else {
        history.route(case)
    };
    match result {
        Ok(hr) => {
            let answer = RouteAnswer::Ok {
                ruling: Box::new(RulingView::new(
                    hr.engine,
                    case,
                    &hr.ruling,
                    case.trace.then_some(steps),
                )),
                warnings: answer::ruling_warnings(hr.engine, &hr.ruling),
            };
            let mut v = to_value(&answer);
            if let Value::Object(map) = &mut v {
                let versions: Vec<RulesetRef> =
                    history.versions().iter().map(RulesetRef::of).collect();
                map.insert(
                    "history".into(),
                    serde_json::json!({
                        "versions": to_value(&versions),
                        "selected": hr.index,
                        "relevant_date": hr.relevant_date,
                        "relevant_date_basis": hr.relevant_date_basis,
                    }),
                );
            }
            v
        }
        Err(e) => error_value(e.diagnostics),
    }
}

/// Routes a case given as a JSON string; returns the answer as a JSON string.
pub fn route_json_str(engine: &Engine, request: &str) -> String {
    let answer = match decode::from_str::<Case>(request) {
        Ok(case) => route_case(engine, &case),
        Err(d) => error_value(vec![d]),
    };
    answer.to_string()
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
    to_value(&validate_answer(ruleset::document_from_json_value(
        document,
    )))
}

/// Validates a rule-set document given as a JSON string.
pub fn validate_json_str(document: &str) -> String {
    to_value(&validate_answer(ruleset::document_from_json_str(document))).to_string()
}

/// Validates a rule-set directory.
pub fn validate_dir(dir: &std::path::Path) -> Value {
    to_value(&validate_answer(ruleset::document_from_dir(dir)))
}

fn validate_answer(parsed: Result<ruleset::source::RuleSetDocument, InputError>) -> ValidateAnswer {
    let diagnostics = match parsed {
        Ok(doc) => validate(&doc),
        Err(e) => e.diagnostics,
    };
    let status = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        "error"
    } else {
        "ok"
    };
    ValidateAnswer {
        status,
        diagnostics,
    }
}

/// The answer for a request that could not be read.
pub fn error_value(errors: Vec<Diagnostic>) -> Value {
    to_value(&RouteAnswer::Error {
        errors,
        warnings: Vec::new(),
    })
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    // Serialising our own plain structs to a Value cannot fail (no maps with non-string keys).
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Re-exported so bindings need not depend on the routing module path.
pub type Trace = Vec<TraceStep>;
