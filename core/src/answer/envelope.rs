//! The flat answer envelope and the refusal, the same for every decision.

use serde::Serialize;

use super::{RuleView, Text, TraceStep};
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::RuleSet;
use crate::ruleset::Engine;

/// An answer's `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The decision was made.
    Ok,
    /// The request was refused.
    Error,
}

crate::vocabulary::labelled!(Status, "status", "答复状态", "answer status", {
    Ok => "ok", "已作出判定", "decided";
    Error => "error", "请求被拒绝", "request refused";
});

/// A decision's answer in the flat shape: `{"status": "ok", <the decision's own
/// fields>, "rule_ids", "rules", "summary", "trace", "warnings"}`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Answered<'e, T> {
    /// Always `ok`.
    pub status: Status,
    /// The decision's own fields.
    #[serde(flatten)]
    pub body: T,
    /// Ids of the determining rules, sorted.
    pub rule_ids: Vec<&'static str>,
    /// The determining rules with titles and citations, in registry order.
    pub rules: Vec<RuleView<'e>>,
    /// A short explanation.
    pub summary: Text,
    /// The step-by-step trace, when asked for.
    pub trace: Option<Vec<TraceStep>>,
    /// Warnings that do not change the decision.
    pub warnings: Vec<Diagnostic>,
}

impl<'e, T> Answered<'e, T> {
    /// The answer of a decision: its body, the determining rules, a
    /// `(Chinese, English)` summary and the trace when one was recorded.
    pub fn new(
        engine: &'e Engine,
        body: T,
        rules: RuleSet,
        summary: (String, String),
        trace: Option<Vec<TraceStep>>,
    ) -> Answered<'e, T> {
        Answered {
            status: Status::Ok,
            body,
            rule_ids: rules.sorted_ids(),
            rules: RuleView::list(engine, rules),
            summary: Text::of(summary),
            trace,
            warnings: Vec::new(),
        }
    }
}

impl<'e, T> Answered<'e, T> {
    /// Runs a decision with the step-by-step trace when `traced`, and answers
    /// with its body, the rules and summary `explain` reads off it, and the trace.
    pub fn decide(
        engine: &'e Engine,
        traced: bool,
        decide: impl FnOnce(Option<&mut Vec<TraceStep>>) -> Result<T, InputError>,
        explain: impl FnOnce(&T) -> (RuleSet, (String, String)),
    ) -> Result<Answered<'e, T>, InputError> {
        let mut steps = Vec::new();
        let body = decide(traced.then_some(&mut steps))?;
        let (rules, summary) = explain(&body);
        Ok(Answered::new(
            engine,
            body,
            rules,
            summary,
            traced.then_some(steps),
        ))
    }
}

/// The answer to a refused request: `{"status": "error", "errors", "warnings": []}`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Refused {
    /// Always `error`.
    pub status: Status,
    /// What is wrong.
    pub errors: Vec<Diagnostic>,
    /// Always empty for a refused request; present so every answer has the field.
    pub warnings: Vec<Diagnostic>,
}

impl Refused {
    /// A refusal with these errors.
    pub fn new(errors: Vec<Diagnostic>) -> Refused {
        Refused {
            status: Status::Error,
            errors,
            warnings: Vec::new(),
        }
    }
}

/// Everything an operation may send back: its answer or the refusal
/// (described by the answer schemas in `schemas/`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Reply<A> {
    /// The decision's answer.
    Answer(A),
    /// The request was refused.
    Refused(Refused),
}
