//! The `coverage` operation.

use super::CoverageRequest;
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `coverage`: one competent body per item, town and day (Plan §4, §12, §14).
pub struct Coverage;

impl Decision for Coverage {
    const OPERATION: &'static str = "coverage";
    const SCHEMA_NAME: &'static str = "coverage";
    type Request = CoverageRequest;
    type Answer<'a> = Answered<'a, super::Coverage>;

    fn resolve_names(r: &mut CoverageRequest, names: &mut NameResolver<'_>) {
        names.list(NameKind::Town, "towns", &mut r.towns);
        names.list(NameKind::Item, "items", &mut r.items);
    }

    fn decide<'a>(engine: &'a Engine, r: CoverageRequest) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.coverage_traced(&r, t),
                None => engine.coverage(&r),
            },
            |b| (b.rules(), b.summary()),
        )
    }
}
