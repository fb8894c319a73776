//! `validate`: a rule-set document's diagnostics, every one with its stable
//! code, field path, Chinese and English message and citation
//! (`docs/validation.md`). The checks themselves live with the rule set
//! ([`crate::ruleset::validate`]): an engine is only built from a document
//! that passes them.

use serde::Serialize;

pub mod operation;

use crate::diagnostic::{Diagnostic, InputError, Severity};
use crate::ruleset::source::RuleSetDocument;
use crate::ruleset::validate::validate;

/// The validation answer.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidateAnswer {
    /// `ok` when there is no error (warnings allowed), else `error`.
    pub status: &'static str,
    /// Every finding, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ValidateAnswer {
    /// The answer for these findings: `error` when any is an error.
    pub fn of(diagnostics: Vec<Diagnostic>) -> ValidateAnswer {
        let status = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            "error"
        } else {
            "ok"
        };
        ValidateAnswer {
            status,
            diagnostics,
        }
    }

    /// The answer for a document, or for the reason it could not be read.
    pub fn of_document(parsed: Result<RuleSetDocument, InputError>) -> ValidateAnswer {
        ValidateAnswer::of(match parsed {
            Ok(doc) => validate(&doc),
            Err(e) => e.diagnostics,
        })
    }
}
