//! The one table of decisions. Every operation of the generic entry point
//! (`api::call`, the JSON boundary above), the list the bindings expose ([`OPERATIONS`]), the
//! JSON Schemas, the fuzz target and the CLI's generic `call` come from it.
//!
//! Adding a decision: its folder under `decisions/` with one
//! [`Decision`] impl, and one line in [`REGISTRY`] (`docs/architecture.md`).

use serde::Serialize;
use serde_json::Value;

use crate::answer::Refused;
use crate::decision::Decision;
#[cfg(feature = "drafting")]
use crate::decisions::drafting;
#[cfg(feature = "intake")]
use crate::decisions::intake;
#[cfg(feature = "supervision")]
use crate::decisions::supervision;
use crate::decisions::{
    coverage, dispatch, disputes, inspection, labels, lookup, routing, schedule, screening,
    staffing, validation,
};
use crate::diagnostic::Diagnostic;
use crate::ruleset::Engine;
use crate::{codes, decode};

/// Every decision, in the order of [`OPERATIONS`].
pub const REGISTRY: &[Entry] = &[
    Entry::of::<routing::operation::Route>(),
    Entry::of::<validation::operation::Validate>(),
    Entry::of::<staffing::operation::Staffing>(),
    Entry::of::<staffing::operation::StaffingDistrict>(),
    Entry::of::<screening::operation::Screen>(),
    Entry::of::<screening::operation::ScreenCatalogue>(),
    Entry::of::<disputes::operation::Dispute>(),
    Entry::of::<disputes::operation::DesignationRequest>(),
    Entry::of::<schedule::operation::PlatformSchedule>(),
    Entry::of::<dispatch::operation::Dispatch>(),
    Entry::of::<coverage::operation::Coverage>(),
    Entry::of::<inspection::operation::InspectionPlan>(),
    #[cfg(feature = "supervision")]
    Entry::of::<supervision::operation::Supervision>(),
    Entry::of::<routing::operation::RouteHistory>(),
    Entry::of::<labels::operation::Labels>(),
    Entry::of::<lookup::operation::Lookup>(),
    #[cfg(feature = "intake")]
    Entry::of::<intake::operation::Intake>(),
    #[cfg(feature = "drafting")]
    Entry::of::<drafting::operation::Draft>(),
];

/// The operation names, in registry order.
pub const OPERATIONS: [&str; REGISTRY.len()] = operations();

const fn operations() -> [&'static str; REGISTRY.len()] {
    let mut out = [""; REGISTRY.len()];
    let mut i = 0;
    while i < REGISTRY.len() {
        // In bounds: i < REGISTRY.len() == out.len(); const code has no iterators.
        #[allow(clippy::indexing_slicing)]
        {
            out[i] = REGISTRY[i].operation;
        }
        i += 1;
    }
    out
}

/// One decision, type-erased: its name and how to answer it from JSON.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The operation name.
    pub operation: &'static str,
    /// The stem of its schema files in `schemas/`.
    pub schema_name: &'static str,
    /// The largest request text accepted, in bytes.
    pub max_request_bytes: usize,
    answer_value: fn(&Engine, Value) -> Value,
    #[cfg(not(target_arch = "wasm32"))]
    answer_text: fn(&Engine, &str) -> String,
    #[cfg(feature = "schema")]
    request_schema: fn() -> schemars::Schema,
    #[cfg(feature = "schema")]
    answer_schema: fn() -> schemars::Schema,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

impl Entry {
    /// The entry of decision `D`.
    pub const fn of<D: Decision>() -> Entry {
        Entry {
            operation: D::OPERATION,
            schema_name: D::SCHEMA_NAME,
            max_request_bytes: D::MAX_REQUEST_BYTES,
            answer_value: answer_value::<D>,
            #[cfg(not(target_arch = "wasm32"))]
            answer_text: answer_text::<D>,
            #[cfg(feature = "schema")]
            request_schema: || schemars::schema_for!(D::Request),
            #[cfg(feature = "schema")]
            answer_schema: D::answer_schema,
        }
    }

    /// Answers a request given as a JSON value.
    pub fn answer_value(&self, engine: &Engine, request: Value) -> Value {
        (self.answer_value)(engine, request)
    }

    /// Answers a request given as JSON text, with the answer as JSON text:
    /// natively straight from the typed answer to text.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn answer_text(&self, engine: &Engine, request: &str) -> String {
        (self.answer_text)(engine, request)
    }

    /// Answers a request given as JSON text, with the answer as JSON text. In
    /// WebAssembly, where code size is what users pay for, through a value:
    /// one text path for every decision instead of one per decision.
    #[cfg(target_arch = "wasm32")]
    pub fn answer_text(&self, engine: &Engine, request: &str) -> String {
        match decode::value_from_str_within(request, self.max_request_bytes) {
            Ok(v) => (self.answer_value)(engine, v).to_string(),
            Err(d) => to_text(&Refused::new(vec![d])),
        }
    }

    /// The JSON Schema of the request.
    #[cfg(feature = "schema")]
    pub fn request_schema(&self) -> schemars::Schema {
        (self.request_schema)()
    }

    /// The JSON Schema of the answer (the decision's answer or the refusal).
    #[cfg(feature = "schema")]
    pub fn answer_schema(&self) -> schemars::Schema {
        (self.answer_schema)()
    }
}

/// The entry of an operation, if there is one.
pub fn lookup(operation: &str) -> Option<&'static Entry> {
    REGISTRY.iter().find(|e| e.operation == operation)
}

/// The refusal of an operation the registry does not know.
pub fn unknown_operation(operation: &str) -> Diagnostic {
    Diagnostic::error(
        codes::INPUT_UNKNOWN_OPERATION,
        "operation",
        format!("未知的决策类型 {operation:?}"),
        format!("unknown operation {operation:?}"),
    )
    .expected_both(
        format!("以下决策之一：{}", OPERATIONS.join("、")),
        format!("one of: {}", OPERATIONS.join(", ")),
    )
}

fn answer_value<D: Decision>(engine: &Engine, request: Value) -> Value {
    let answer = match decode::from_value::<D::Request>(request) {
        Ok(request) => D::decide_named(engine, request).map(|a| to_value(&a)),
        Err(d) => D::unreadable(vec![d]).map(|a| to_value(&a)),
    };
    answer.unwrap_or_else(|e| to_value(&Refused::new(e.diagnostics)))
}

#[cfg(not(target_arch = "wasm32"))]
fn answer_text<D: Decision>(engine: &Engine, request: &str) -> String {
    // Read as `call` reads it (a repeated key is refused), then straight to text:
    // no intermediate `Value` on the way out.
    let request = match decode::value_from_str_within(request, D::MAX_REQUEST_BYTES) {
        Ok(v) => decode::from_value::<D::Request>(v),
        Err(d) => return to_text(&Refused::new(vec![d])),
    };
    let answer = match request {
        Ok(request) => D::decide_named(engine, request).map(|a| to_text(&a)),
        Err(d) => D::unreadable(vec![d]).map(|a| to_text(&a)),
    };
    answer.unwrap_or_else(|e| to_text(&Refused::new(e.diagnostics)))
}

/// Serialises an answer to a value. Our answers are plain structs with string
/// keys, which cannot fail; were one to, the caller gets a refusal that says so.
pub(crate) fn to_value<T: Serialize>(answer: &T) -> Value {
    serde_json::to_value(answer).unwrap_or_else(|e| {
        serde_json::to_value(Refused::new(vec![encode_failed(&e)])).unwrap_or(Value::Null)
    })
}

/// Serialises an answer to JSON text (see [`to_value`]).
pub(crate) fn to_text<T: Serialize>(answer: &T) -> String {
    serde_json::to_string(answer).unwrap_or_else(|e| {
        serde_json::to_string(&Refused::new(vec![encode_failed(&e)])).unwrap_or_default()
    })
}

fn encode_failed(e: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(
        codes::INTERNAL_ENCODE,
        "",
        format!("内部错误：答复无法序列化：{e}"),
        format!("internal error: the answer could not be serialised: {e}"),
    )
}
