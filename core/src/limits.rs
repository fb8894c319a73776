//! The limits the engine enforces on input (see `docs/limits.md`). Each refusal
//! is an error answer with code `input.too_large` and the path of the list or
//! document that is too large; nothing past a limit is read further.

use crate::codes;
use crate::diagnostic::Diagnostic;

pub use crate::decode::{MAX_DOCUMENT_BYTES, MAX_RULESET_BYTES};

/// Deepest nesting of JSON arrays and objects accepted: serde_json's recursion
/// limit of 128 refuses the 128th level.
pub const MAX_NESTING_DEPTH: usize = 127;
/// Most entries in one list of a case or request: `items`, `sanctions`,
/// a designation request's `grounds`, a dispute's `items`.
pub const MAX_LIST_ENTRIES: usize = 1_000;
/// Most people on one roster (`staffing`, and each roster of `staffing_district`).
pub const MAX_ROSTER_PEOPLE: usize = 10_000;
/// Most towns in a `staffing_district` request, in `seconded` and in `rosters` each.
pub const MAX_DISTRICT_TOWNS: usize = 1_000;
/// The largest `intake` request, in bytes: a sentence, not a document.
pub const MAX_INTAKE_REQUEST_BYTES: usize = 64 * 1024;
/// The longest `intake` sentence, in characters (a hotline note).
pub const MAX_INTAKE_TEXT_CHARS: usize = 2_000;
/// Most events in one dispute (stored `state.events` and new `events` together).
pub const MAX_DISPUTE_EVENTS: usize = 1_000;

/// `Ok` when `len ≤ max`; else the `input.too_large` diagnostic for the list at `path`.
pub(crate) fn check_len(path: &str, len: usize, max: usize) -> Result<(), Diagnostic> {
    if len <= max {
        return Ok(());
    }
    Err(Diagnostic::error(
        codes::INPUT_TOO_LARGE,
        path,
        format!("{path}：共 {len} 项，超过上限 {max} 项"),
        format!("{path} has {len} entries, more than the limit of {max}"),
    )
    .expected(format!("at most {max} entries")))
}
