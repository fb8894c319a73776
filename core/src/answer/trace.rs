//! The step-by-step explanation a decision gives when asked (`"trace": true`).

use serde::Serialize;

use crate::rules::RuleId;

/// One step of the explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TraceStep {
    /// The rule applied at this step, if any.
    pub rule: Option<&'static str>,
    /// Chinese sentence.
    pub zh: String,
    /// English sentence.
    pub en: String,
}

/// Records trace steps when asked, and costs one branch when not: the
/// sentences are built only inside [`Tracer::step`]'s closure.
pub struct Tracer<'t>(pub Option<&'t mut Vec<TraceStep>>);

impl Tracer<'_> {
    /// Adds a step; `text` runs only when tracing.
    #[inline]
    pub fn step(&mut self, rule: Option<RuleId>, text: impl FnOnce() -> (String, String)) {
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
