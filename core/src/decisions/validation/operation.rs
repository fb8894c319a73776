//! The `validate` operation.

use super::ValidateAnswer;
use crate::decision::Decision;
use crate::diagnostic::{Diagnostic, InputError};
use crate::ruleset::source::RuleSetDocument;
use crate::ruleset::validate::validate;
use crate::ruleset::Engine;

/// `validate`: the request is the rule-set document itself; the engine the
/// call is made on is not used.
pub struct Validate;

impl Decision for Validate {
    const OPERATION: &'static str = "validate";
    const SCHEMA_NAME: &'static str = "validate";
    const MAX_REQUEST_BYTES: usize = crate::decode::MAX_RULESET_BYTES;
    type Request = RuleSetDocument;
    type Answer<'a> = ValidateAnswer;

    fn decide(_engine: &Engine, doc: RuleSetDocument) -> Result<ValidateAnswer, InputError> {
        Ok(ValidateAnswer::of(validate(&doc)))
    }

    /// A document that cannot be read is reported as its diagnostics.
    fn unreadable(errors: Vec<Diagnostic>) -> Result<ValidateAnswer, InputError> {
        Ok(ValidateAnswer::of(errors))
    }

    /// The published validation answer schema (it has no separate refusal).
    #[cfg(feature = "schema")]
    fn answer_schema() -> schemars::Schema {
        schemars::schema_for!(ValidateAnswer)
    }
}
