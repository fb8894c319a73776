//! The `draft` operation.

use super::{draft, DraftRequest, Drafted};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `draft`: a document of the Plan's procedures drafted from the source
/// decision's answer, re-run by the engine (`docs/drafting.md`).
pub struct Draft;

impl Decision for Draft {
    const OPERATION: &'static str = "draft";
    const SCHEMA_NAME: &'static str = "draft";
    type Request = DraftRequest;
    type Answer<'a> = Drafted<'a>;

    /// The grant documents' `town` may be a name; the source request's names are
    /// resolved by its own decision when the engine re-runs it.
    fn resolve_names(r: &mut DraftRequest, names: &mut NameResolver<'_>) {
        names.optional(NameKind::Town, "town", &mut r.town);
    }

    fn decide(engine: &Engine, req: DraftRequest) -> Result<Drafted<'_>, InputError> {
        draft(engine, &req)
    }
}
