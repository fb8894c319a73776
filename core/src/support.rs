//! Small pieces shared by the coordination decisions (`dispute`,
//! `designation_request`, `platform_schedule`, `dispatch`): the opt-in trace,
//! body and rule views, and the `parameter.not_in_force` error. The trace
//! recorder is shared by every decision, routing included.

use crate::api::{BodyView, RuleView};
use crate::diagnostic::{Diagnostic, InputError};
use crate::routing::TraceStep;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{Body, Engine};
use crate::time::Date;

/// Records trace steps when asked, and costs one branch when not.
pub(crate) struct Tracer<'t>(pub(crate) Option<&'t mut Vec<TraceStep>>);

impl Tracer<'_> {
    /// Adds a step; `text` runs only when tracing.
    pub(crate) fn step(&mut self, rule: Option<RuleId>, text: impl FnOnce() -> (String, String)) {
        if let Some(steps) = self.0.as_deref_mut() {
            let (zh, en) = text();
            steps.push(TraceStep {
                rule: rule.map(RuleId::id),
                zh,
                en,
            });
        }
    }
}

/// A body as shown in answers.
pub(crate) fn body_view(b: &Body) -> BodyView {
    BodyView::of(b)
}

/// The rules with titles and rendered citations, in registry order.
pub(crate) fn rule_views(engine: &Engine, rules: RuleSet) -> Vec<RuleView> {
    RuleView::list(engine, rules)
}

/// A parameter the decision needs has no value in force on `d`.
pub(crate) fn not_in_force(name: &str, d: Date) -> InputError {
    InputError::single(
        Diagnostic::error(
            "parameter.not_in_force",
            format!("parameters.{name}"),
            format!("参数 {name} 在 {d} 没有有效取值"),
            format!("parameter {name} has no value in force on {d}"),
        )
        .expected(format!("a value of {name} in force on {d}")),
    )
}

/// An internal index that should always resolve after validation.
pub(crate) fn internal(what: &str) -> InputError {
    InputError::single(Diagnostic::error(
        "ruleset.internal",
        "",
        format!("内部错误:{what}"),
        format!("internal inconsistency: {what}"),
    ))
}

/// The district government and the platform office.
pub(crate) fn district_bodies(engine: &Engine) -> Result<(&Body, &Body), InputError> {
    let inner = &*engine.inner;
    let gov = engine
        .body_at(inner.government)
        .ok_or_else(|| internal("district government"))?;
    let office = engine
        .body_at(inner.platform_office)
        .ok_or_else(|| internal("platform office"))?;
    Ok((gov, office))
}

/// Serialises our own plain structs (cannot fail: no maps with non-string keys).
pub(crate) fn to_value<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

/// A bare case for asking the routing engine where items stand at a place on a
/// date (no sanctions, no flags): the coordination decisions reuse routing's
/// list status rather than re-implementing list membership.
pub(crate) fn list_case(items: Vec<String>, location: String, date: Date) -> crate::routing::Case {
    crate::routing::Case {
        case_id: None,
        items,
        location,
        party: crate::routing::Party::Organisation,
        business_activity: false,
        dates: crate::routing::CaseDates {
            discovery: Some(date),
            ..crate::routing::CaseDates::default()
        },
        sanctions: Vec::new(),
        fine: None,
        confiscation: None,
        flags: crate::routing::CaseFlags::default(),
        opened_by: None,
        trace: false,
    }
}
