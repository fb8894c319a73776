//! The `dispute` and `designation_request` operations.

use super::{DesignationAnswer, DisputeAnswer, DisputeInput};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `dispute`: replay a jurisdiction dispute on the ladder (negotiation →
/// platform → district government) and say who acts next (Plan §11, §14).
pub struct Dispute;

impl Decision for Dispute {
    const OPERATION: &'static str = "dispute";
    const SCHEMA_NAME: &'static str = "dispute";
    type Request = DisputeInput;
    type Answer<'a> = DisputeAnswer<'a>;

    fn resolve_names(r: &mut DisputeInput, names: &mut NameResolver<'_>) {
        let (spec, prefix) = match (&mut r.dispute, &mut r.state) {
            (Some(d), _) => (d, "dispute."),
            (None, Some(s)) => (&mut s.dispute, "state.dispute."),
            (None, None) => return,
        };
        names.field(NameKind::Town, || format!("{prefix}town"), &mut spec.town);
        names.field(
            NameKind::Department,
            || format!("{prefix}department"),
            &mut spec.department,
        );
        names.list(NameKind::Item, &format!("{prefix}items"), &mut spec.items);
        if let Some(s) = r.state.as_mut() {
            for (i, e) in s.events.iter_mut().enumerate() {
                names.optional(
                    NameKind::Body,
                    &format!("state.events[{i}].handler"),
                    &mut e.handler,
                );
            }
        }
        for (i, e) in r.events.iter_mut().enumerate() {
            names.optional(
                NameKind::Body,
                &format!("events[{i}].handler"),
                &mut e.handler,
            );
        }
    }

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

    fn resolve_names(r: &mut super::DesignationRequest, names: &mut NameResolver<'_>) {
        names.field(NameKind::Town, || "town".into(), &mut r.town);
        names.list(NameKind::Item, "items", &mut r.items);
    }

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
