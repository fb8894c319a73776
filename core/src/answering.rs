//! The JSON runner shared by the coverage, inspection and supervision
//! decisions: decode the request, decide, and answer in the flat
//! [`DecisionAnswer`] shape (status + fields + rule_ids + rules + summary +
//! trace + warnings).

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::api::DecisionAnswer;
use crate::decode;
use crate::diagnostic::InputError;
use crate::routing::TraceStep;
use crate::rules::RuleSet;
use crate::ruleset::Engine;
use crate::support::{to_value, Tracer};

/// What a decision returns: its body, the determining rules, and a summary (zh, en).
pub(crate) type Decided<T> = (T, RuleSet, (String, String));

/// Decodes `request` as `R`, runs `decide` with a tracer when `trace_of` says so,
/// and serialises the answer.
pub(crate) fn respond<R, T>(
    engine: &Engine,
    request: Value,
    trace_of: fn(&R) -> bool,
    decide: impl FnOnce(&R, Tracer<'_>) -> Result<Decided<T>, InputError>,
) -> Value
where
    R: DeserializeOwned,
    T: Serialize,
{
    let req: R = match decode::from_value(request) {
        Ok(r) => r,
        Err(d) => return to_value(&DecisionAnswer::<()>::error(vec![d])),
    };
    let traced = trace_of(&req);
    let mut steps: Vec<TraceStep> = Vec::new();
    let result = decide(&req, Tracer(traced.then_some(&mut steps)));
    match result {
        Ok((body, rules, summary)) => to_value(&DecisionAnswer::ok(
            engine,
            body,
            rules,
            summary,
            traced.then_some(steps),
        )),
        Err(e) => to_value(&DecisionAnswer::<()>::error(e.diagnostics)),
    }
}
