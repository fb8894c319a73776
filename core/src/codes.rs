//! Stable error and diagnostic codes.
//!
//! Codes are part of the JSON contract: they never change meaning, so a portal
//! can translate or branch on them. The full table is in `docs/routing.md` and
//! `docs/validation.md`.

/// Malformed JSON.
pub const INPUT_SYNTAX: &str = "input.syntax";
/// A field the contract does not know (typos never pass silently).
pub const INPUT_UNKNOWN_FIELD: &str = "input.unknown_field";
/// A key given twice in one JSON object (never last-wins).
pub const INPUT_DUPLICATE_KEY: &str = "input.duplicate_key";
/// A required field is absent.
pub const INPUT_MISSING_FIELD: &str = "input.missing_field";
/// A value of the wrong JSON type.
pub const INPUT_INVALID_TYPE: &str = "input.invalid_type";
/// A value outside what the field accepts (e.g. an unknown enum value).
pub const INPUT_INVALID_VALUE: &str = "input.invalid_value";
/// Input larger than the engine accepts.
pub const INPUT_TOO_LARGE: &str = "input.too_large";
/// Money given as a JSON float.
pub const MONEY_FLOAT: &str = "money.float";
/// Money that is not a decimal amount of yuan with at most two decimals, or too large.
pub const MONEY_INVALID: &str = "money.invalid";
/// Negative money.
pub const MONEY_NEGATIVE: &str = "money.negative";
/// Not a real `YYYY-MM-DD` date.
pub const DATE_INVALID: &str = "date.invalid";
/// An operation the registry does not know.
pub const INPUT_UNKNOWN_OPERATION: &str = "input.unknown_operation";
/// An answer could not be serialised (an internal fault, never expected).
pub const INTERNAL_ENCODE: &str = "internal.encode";
/// A rule set could not be read from disk.
pub const RULESET_IO: &str = "ruleset.io";

/// Prefixes `message` with `[code] ` so the code survives serde's string-only
/// custom errors; [`split_tagged`] takes it back out at the boundary.
pub(crate) fn tagged(code: &str, message: &str) -> String {
    format!("[{code}] {message}")
}

/// Splits a `[code] message` produced by [`tagged`].
pub(crate) fn split_tagged(message: &str) -> Option<(&str, &str)> {
    let rest = message.strip_prefix('[')?;
    let (code, message) = rest.split_once("] ")?;
    if code.contains(' ') {
        return None;
    }
    Some((code, message))
}
