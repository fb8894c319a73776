//! The `intake` operation.

use super::{IntakeAnswer, IntakeRequest};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `intake`: a citizen's or grid worker's sentence to the matter, the body and
/// the dispatch (Plan §2, §10, 三(二)).
pub struct Intake;

impl Decision for Intake {
    const OPERATION: &'static str = "intake";
    const SCHEMA_NAME: &'static str = "intake";
    /// A sentence, not a document ([`crate::limits::MAX_INTAKE_REQUEST_BYTES`]).
    const MAX_REQUEST_BYTES: usize = crate::limits::MAX_INTAKE_REQUEST_BYTES;
    type Request = IntakeRequest;
    type Answer<'a> = IntakeAnswer<'a>;

    fn resolve_names(r: &mut IntakeRequest, names: &mut NameResolver<'_>) {
        names.optional(NameKind::Town, "place", &mut r.place);
    }

    fn decide(engine: &Engine, r: IntakeRequest) -> Result<IntakeAnswer<'_>, InputError> {
        let mut steps = Vec::new();
        let d = if r.trace {
            engine.intake_traced(&r, &mut steps)?
        } else {
            engine.intake(&r)?
        };
        Ok(IntakeAnswer::new(engine, &r, &d, r.trace.then_some(steps)))
    }
}
