//! The `dispute` and `designation_request` operations.

use super::{DesignationAnswer, DisputeAnswer, DisputeInput};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::Engine;

/// `dispute`: replay a jurisdiction dispute on the ladder (negotiation →
/// platform → district government) and say who acts next (Plan §11, §14).
pub struct Dispute;

impl Decision for Dispute {
    const OPERATION: &'static str = "dispute";
    const SCHEMA_NAME: &'static str = "dispute";
    type Request = DisputeInput;
    type Answer<'a> = DisputeAnswer<'a>;

    fn decide(engine: &Engine, input: DisputeInput) -> Result<DisputeAnswer<'_>, InputError> {
        let mut steps = Vec::new();
        let outcome = if input.trace {
            engine.replay_dispute_traced(&input, &mut steps)?
        } else {
            engine.replay_dispute(&input)?
        };
        Ok(DisputeAnswer::new(
            engine,
            outcome,
            input.trace.then_some(steps),
        ))
    }
}

/// `designation_request`: a town's request for, or the government's own,
/// designation of jurisdiction (Plan §14; 行政处罚法 Art. 25).
pub struct DesignationRequest;

impl Decision for DesignationRequest {
    const OPERATION: &'static str = "designation_request";
    const SCHEMA_NAME: &'static str = "designation";
    type Request = super::DesignationRequest;
    type Answer<'a> = DesignationAnswer<'a>;

    fn decide(
        engine: &Engine,
        req: super::DesignationRequest,
    ) -> Result<DesignationAnswer<'_>, InputError> {
        let mut steps = Vec::new();
        let d = if req.trace {
            engine.request_designation_traced(&req, &mut steps)?
        } else {
            engine.request_designation(&req)?
        };
        Ok(DesignationAnswer::new(
            engine,
            &req,
            &d,
            req.trace.then_some(steps),
        ))
    }
}
