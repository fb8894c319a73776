//! What every decision is: a typed function over the [`Engine`], request in,
//! answer out. The registry ([`crate::registry`]) lists the decisions; the JSON
//! boundary (`api`, above the registry) reads a request, looks its operation up there,
//! decides and writes the answer. A decision knows nothing of either.
//!
//! To add a decision: a folder under `decisions/` with its request type, its
//! answer type and one `impl Decision`, and one line in the registry
//! (`docs/architecture.md`).

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, InputError};
use crate::ruleset::names::NameResolver;
use crate::ruleset::Engine;

/// A type the JSON Schemas can describe (with the `schema` feature), or any
/// type (without it): request and answer types derive `schemars::JsonSchema`
/// under the feature, and nothing else needs to know.
#[cfg(feature = "schema")]
pub trait Described: schemars::JsonSchema {}
#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> Described for T {}

/// A type the JSON Schemas can describe (with the `schema` feature), or any
/// type (without it).
#[cfg(not(feature = "schema"))]
pub trait Described {}
#[cfg(not(feature = "schema"))]
impl<T> Described for T {}

/// One decision of the engine.
///
/// `decide` is pure: no I/O, no global state, the same answer for the same
/// engine and request. A request it refuses is an [`InputError`]; the boundary
/// answers it with the shared refusal (`{"status": "error", "errors", "warnings"}`,
/// [`crate::answer::Refused`]).
pub trait Decision {
    /// The operation's name in the generic entry point (`api::call`), e.g. `route`.
    const OPERATION: &'static str;

    /// The stem of its schema files: `<stem>-request.schema.json` and
    /// `<stem>-answer.schema.json` in `schemas/`.
    const SCHEMA_NAME: &'static str;

    /// The largest request text accepted, in bytes. Requests that carry whole
    /// rule sets (`validate`, `route_history`) may be as large as a rule set.
    const MAX_REQUEST_BYTES: usize = crate::decode::MAX_DOCUMENT_BYTES;

    /// What the decision reads (unknown fields refused).
    type Request: DeserializeOwned + Described;

    /// What it answers when it decides; it may borrow from the engine.
    type Answer<'a>: Serialize + Described;

    /// Decides.
    fn decide<'a>(
        engine: &'a Engine,
        request: Self::Request,
    ) -> Result<Self::Answer<'a>, InputError>;

    /// Resolves the names a request may hold where it takes ids (张村镇 for
    /// `zhangcun`, `docs/names.md`): each decision names its id fields. The
    /// default has none.
    fn resolve_names(_request: &mut Self::Request, _names: &mut NameResolver<'_>) {}

    /// Decides a request whose id fields may hold names: resolves them, refuses
    /// an ambiguous one with its candidates, decides, and adds near misses to a
    /// refusal of an unknown id. The registry (and so every binding) calls this.
    fn decide_named<'a>(
        engine: &'a Engine,
        mut request: Self::Request,
    ) -> Result<Self::Answer<'a>, InputError> {
        let mut names = NameResolver::new(engine);
        Self::resolve_names(&mut request, &mut names);
        names.check()?;
        Self::decide(engine, request).map_err(|e| names.finish(e))
    }

    /// The answer to a request that could not be read as [`Decision::Request`].
    /// Most decisions refuse it; `validate` reports an unreadable document as
    /// its diagnostics.
    fn unreadable(errors: Vec<Diagnostic>) -> Result<Self::Answer<'static>, InputError> {
        Err(InputError {
            diagnostics: errors,
        })
    }

    /// The JSON Schema of everything the operation may answer: its answer or
    /// the shared refusal.
    #[cfg(feature = "schema")]
    fn answer_schema() -> schemars::Schema {
        schemars::schema_for!(crate::answer::Reply<Self::Answer<'static>>)
    }
}
