//! Diagnostics and errors: one serialisable shape with a stable code, the path
//! of the offending field, what was expected, both languages, and the clause.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::citation::CitationText;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Stops loading, or refuses the request.
    Error,
    /// Reported; does not stop anything.
    Warning,
}

/// A finding about input: a rule-set defect, a refused request, or a warning on a ruling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Diagnostic {
    /// Stable code, e.g. `grant.entrustment_compulsory_measure`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// Path of the offending field, e.g. `grants[2].items[0]` (empty for the whole input).
    pub path: String,
    /// What the field should have held, where that helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
    /// The clause that makes it a defect, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<CitationText>,
}

impl Diagnostic {
    /// An error.
    pub fn error(
        code: &str,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: code.to_owned(),
            severity: Severity::Error,
            path: path.into(),
            expected: None,
            message_zh: zh.into(),
            message_en: en.into(),
            citation: None,
        }
    }

    /// A warning.
    pub fn warning(
        code: &str,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, zh, en)
        }
    }

    /// Adds what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    /// Adds the citation.
    pub fn cite(mut self, citation: CitationText) -> Diagnostic {
        self.citation = Some(citation);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.path.is_empty() {
            write!(f, "{sev}[{}]: {}", self.code, self.message_en)
        } else {
            write!(
                f,
                "{sev}[{}] at {}: {}",
                self.code, self.path, self.message_en
            )
        }
    }
}

/// Input refused: one or more error diagnostics.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", first_line(.diagnostics))]
pub struct InputError {
    /// What is wrong; never empty, errors first.
    pub diagnostics: Vec<Diagnostic>,
}

fn first_line(d: &[Diagnostic]) -> String {
    match d.first() {
        Some(first) if d.len() > 1 => format!("{first} (and {} more)", d.len() - 1),
        Some(first) => first.to_string(),
        None => "invalid input".to_owned(),
    }
}

impl InputError {
    /// A single-diagnostic error.
    pub fn single(diagnostic: Diagnostic) -> InputError {
        InputError {
            diagnostics: vec![diagnostic],
        }
    }

    /// A parameter a decision needs has no value in force on `d`
    /// (`parameter.not_in_force`).
    pub fn not_in_force(name: &str, d: crate::time::Date) -> InputError {
        InputError::single(
            Diagnostic::error(
                "parameter.not_in_force",
                format!("parameters.{name}"),
                format!("参数 {name} 在 {d} 没有有效取值"),
                format!("parameter {name} has no value in force on {d}"),
            )
            .expected(format!("a value of {name} in force on {d}")),
        )
    }

    /// An internal index that should always resolve after validation (`ruleset.internal`).
    pub fn internal(what: &str) -> InputError {
        InputError::single(Diagnostic::error(
            "ruleset.internal",
            "",
            format!("内部错误:{what}"),
            format!("internal inconsistency: {what}"),
        ))
    }

    /// The first diagnostic's code.
    pub fn code(&self) -> &str {
        self.diagnostics
            .first()
            .map_or("input.invalid_value", |d| d.code.as_str())
    }
}

impl From<Diagnostic> for InputError {
    fn from(d: Diagnostic) -> InputError {
        InputError::single(d)
    }
}
