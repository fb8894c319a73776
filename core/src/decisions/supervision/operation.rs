//! The `supervision` operation.

use super::SupervisionRequest;
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `supervision`: 违法不罚 / 有法不依 signs and take-back candidates (Plan §14).
pub struct Supervision;

impl Decision for Supervision {
    const OPERATION: &'static str = "supervision";
    const SCHEMA_NAME: &'static str = "supervision";
    type Request = SupervisionRequest;
    type Answer<'a> = Answered<'a, super::Supervision>;

    fn resolve_names(r: &mut SupervisionRequest, names: &mut NameResolver<'_>) {
        for (i, s) in r.stats.iter_mut().enumerate() {
            names.field(NameKind::Town, || format!("stats[{i}].town"), &mut s.town);
        }
    }

    fn decide<'a>(
        engine: &'a Engine,
        r: SupervisionRequest,
    ) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.supervision_traced(&r, t),
                None => engine.supervision(&r),
            },
            |b| (b.rules(), b.summary()),
        )
    }
}
