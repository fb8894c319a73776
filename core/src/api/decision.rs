//! The answer shape shared by the staffing and screening decisions: the decision's
//! own fields flattened next to `rule_ids`, `rules`, `summary`, `trace` and `warnings`.

use serde::Serialize;
use serde_json::Value;

use super::answer::{RuleView, Text};
use crate::decode;
use crate::diagnostic::{Diagnostic, InputError};
use crate::routing::TraceStep;
use crate::rules::RuleSet;
use crate::ruleset::Engine;
use crate::screening::{CatalogueRequest, CatalogueScreening, ScreenRequest, Screened};
use crate::staffing::{DistrictReport, DistrictStaffing, Roster, StaffingReport};

/// A decision answer: `{"status": "ok", <body fields>, "rule_ids", "rules", "summary",
/// "trace", "warnings"}` or `{"status": "error", "errors", "warnings"}`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DecisionAnswer<T> {
    /// The decision.
    Ok {
        /// The decision's own fields.
        #[serde(flatten)]
        body: T,
        /// Ids of the determining rules, sorted.
        rule_ids: Vec<&'static str>,
        /// The determining rules with titles and citations, in registry order.
        rules: Vec<RuleView>,
        /// A short explanation.
        summary: Text,
        /// The step-by-step trace, when asked for.
        trace: Option<Vec<TraceStep>>,
        /// Warnings that do not change the decision.
        warnings: Vec<Diagnostic>,
    },
    /// The request was refused.
    Error {
        /// What is wrong.
        errors: Vec<Diagnostic>,
        /// Always empty for a refused request; present so every answer has the field.
        warnings: Vec<Diagnostic>,
    },
}

impl<T> DecisionAnswer<T> {
    /// A successful answer.
    pub fn ok(
        engine: &Engine,
        body: T,
        rules: RuleSet,
        summary: (String, String),
        trace: Option<Vec<TraceStep>>,
    ) -> DecisionAnswer<T> {
        DecisionAnswer::Ok {
            body,
            rule_ids: rules.sorted_ids(),
            rules: RuleView::list(engine, rules),
            summary: Text {
                zh: summary.0,
                en: summary.1,
            },
            trace,
            warnings: Vec::new(),
        }
    }

    /// A refused request.
    pub fn error(errors: Vec<Diagnostic>) -> DecisionAnswer<T> {
        DecisionAnswer::Error {
            errors,
            warnings: Vec::new(),
        }
    }
}

fn answer_value<T: Serialize>(a: &DecisionAnswer<T>) -> Value {
    // Serialising our own plain structs to a Value cannot fail (no maps with non-string keys).
    serde_json::to_value(a).unwrap_or(Value::Null)
}

fn run<R, T, F>(engine: &Engine, request: Value, trace_of: fn(&R) -> bool, decide: F) -> Value
where
    R: serde::de::DeserializeOwned,
    T: Serialize + Summarised,
    F: Fn(&R, Option<&mut Vec<TraceStep>>) -> Result<T, InputError>,
{
    let req: R = match decode::from_value(request) {
        Ok(r) => r,
        Err(d) => return answer_value(&DecisionAnswer::<()>::error(vec![d])),
    };
    let mut steps = Vec::new();
    let traced = trace_of(&req);
    let result = decide(&req, traced.then_some(&mut steps));
    match result {
        Ok(body) => {
            let rules = body.rules();
            let summary = body.summary();
            answer_value(&DecisionAnswer::ok(
                engine,
                body,
                rules,
                summary,
                traced.then_some(steps),
            ))
        }
        Err(e) => answer_value(&DecisionAnswer::<()>::error(e.diagnostics)),
    }
}

/// A decision body that knows its rules and its summary.
trait Summarised {
    fn rules(&self) -> RuleSet;
    fn summary(&self) -> (String, String);
}

macro_rules! summarised {
    ($($t:ty),*) => {$(
        impl Summarised for $t {
            fn rules(&self) -> RuleSet { self.rules }
            fn summary(&self) -> (String, String) { <$t>::summary(self) }
        }
    )*};
}
summarised!(StaffingReport, DistrictReport, Screened, CatalogueScreening);

/// The `staffing` decision on a JSON roster ([`Roster`]).
pub fn staffing_value(engine: &Engine, request: Value) -> Value {
    run(
        engine,
        request,
        |r: &Roster| r.trace,
        |r, t| match t {
            Some(t) => engine.check_staffing_traced(r, t),
            None => engine.check_staffing(r),
        },
    )
}

/// The `staffing_district` decision on a JSON request ([`DistrictStaffing`]).
pub fn staffing_district_value(engine: &Engine, request: Value) -> Value {
    run(
        engine,
        request,
        |r: &DistrictStaffing| r.trace,
        |r, t| match t {
            Some(t) => engine.check_staffing_district_traced(r, t),
            None => engine.check_staffing_district(r),
        },
    )
}

/// The `screen` decision on a JSON request ([`ScreenRequest`]).
pub fn screen_value(engine: &Engine, request: Value) -> Value {
    run(
        engine,
        request,
        |r: &ScreenRequest| r.trace,
        |r, t| match t {
            Some(t) => engine.screen_traced(r, t),
            None => engine.screen(r),
        },
    )
}

/// The `screen_catalogue` decision on a JSON request ([`CatalogueRequest`]).
pub fn screen_catalogue_value(engine: &Engine, request: Value) -> Value {
    run(
        engine,
        request,
        |r: &CatalogueRequest| r.trace,
        |r, t| match t {
            Some(t) => engine.screen_catalogue_traced(r, t),
            None => engine.screen_catalogue(r),
        },
    )
}
