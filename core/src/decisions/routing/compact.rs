//! The facts of a compact row before its strings are built.
//!
//! [`CompactAnswer`] owns its strings: every row gets
//! its own copy of the handler's id, the joined rule ids and warning codes.
//! A binding that routes millions of cases and turns repeated values into
//! shared objects (the Python binding's `route_columns`) reads this instead:
//! the same facts, borrowed from the engine, with the rule set and warnings
//! still as values it can use as keys. `CompactAnswer::of_ruling` is built
//! from it, so the two cannot disagree.

use serde::Serialize;

use super::{Case, Disposition, Ruling, RulingWarning};
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::RuleSet;
use crate::ruleset::{Body, Engine};
use crate::time::Date;

/// The facts of a compact row of a routed case, borrowing from the engine.
/// Field for field what [`CompactAnswer`] holds for an
/// `ok` row, minus the case id and the summaries.
#[derive(Clone, Copy, Debug)]
pub struct CompactRuling<'e> {
    /// What happens to the case.
    pub disposition: Disposition,
    /// Who handles it.
    pub handler: Option<&'e Body>,
    /// In whose name it is decided.
    pub acts_in_name_of: Option<&'e Body>,
    /// Review body (复议机关).
    pub review_body: Option<&'e Body>,
    /// The department a town transfers the case to.
    pub transfer_to: Option<&'e Body>,
    /// The town a management centre hands the case over to.
    pub handover_to: Option<&'e Body>,
    /// The date grants and parameters were read on.
    pub relevant_date: Date,
    /// Whether the relevant date is within a transition period.
    pub in_transition: bool,
    /// Whether legal review is required.
    pub legal_review: bool,
    /// Whether the party has a hearing right.
    pub hearing: bool,
    /// The determining rules ([`CompactRuling::rule_ids`] renders them).
    pub rules: RuleSet,
    /// Warnings ([`CompactRuling::warning_codes`] renders their codes).
    pub warnings: [Option<RulingWarning>; 3],
}

impl<'e> CompactRuling<'e> {
    /// The compact facts of a ruling.
    pub fn of(r: &Ruling<'e>) -> CompactRuling<'e> {
        CompactRuling {
            disposition: r.disposition,
            handler: r.handler,
            acts_in_name_of: r.acts_in_name_of,
            review_body: r.review_body,
            transfer_to: r.transfer.map(|m| m.to),
            handover_to: r.handover.map(|m| m.to),
            relevant_date: r.relevant_date,
            in_transition: r.transition.is_some_and(|t| t.in_transition),
            legal_review: r.legal_review.required,
            hearing: r.hearing.right,
            rules: r.rules,
            warnings: r.warnings,
        }
    }

    /// The compact row's `rule_ids`: the determining rules' ids, sorted, joined by `;`.
    pub fn rule_ids(&self) -> String {
        self.rules.sorted_ids().join(";")
    }

    /// The warnings' codes in order, e.g. `[Some("limitation.two_years"), None]`.
    pub fn warning_code_list(&self) -> [Option<&'static str>; 3] {
        self.warnings.map(|w| w.map(RulingWarning::code))
    }

    /// The compact row's `warnings`: the warning codes joined by `;`, empty when none.
    pub fn warning_codes(&self) -> String {
        self.warning_code_list()
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Routes a typed case into the facts of its compact row (batch work: no
/// trace, no summary). A refused case is the engine's error.
pub fn route_compact_ruling<'e>(
    engine: &'e Engine,
    case: &Case,
) -> Result<CompactRuling<'e>, InputError> {
    engine.route(case).map(|r| CompactRuling::of(&r))
}

/// A one-row answer for batch work (pandas, spreadsheets): the ruling's key
/// facts as flat fields, or the first error's code and path.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CompactAnswer {
    /// `ok` or `error`.
    pub status: &'static str,
    /// The case id echoed back.
    pub case_id: Option<String>,
    /// Disposition.
    pub disposition: Option<Disposition>,
    /// Handler id.
    pub handler: Option<String>,
    /// Id of the body in whose name the decision is made (and who answers for it).
    pub acts_in_name_of: Option<String>,
    /// Review body id.
    pub review_body: Option<String>,
    /// Department the case is transferred to.
    pub transfer_to: Option<String>,
    /// Town the case is handed over to.
    pub handover_to: Option<String>,
    /// Relevant date.
    pub relevant_date: Option<Date>,
    /// Whether the relevant date is in a transition.
    pub in_transition: Option<bool>,
    /// Legal review required.
    pub legal_review: Option<bool>,
    /// Hearing right.
    pub hearing: Option<bool>,
    /// Determining rule ids, sorted, joined by `;`.
    pub rule_ids: Option<String>,
    /// Warning codes (e.g. `limitation.two_years`), joined by `;`; empty when none.
    pub warnings: Option<String>,
    /// Chinese summary.
    pub summary_zh: Option<String>,
    /// English summary.
    pub summary_en: Option<String>,
    /// The first error's code.
    pub error_code: Option<String>,
    /// The first error's path.
    pub error_path: Option<String>,
    /// The first error's English message.
    pub error_message: Option<String>,
}

impl CompactAnswer {
    /// The compact row of a routed case.
    pub fn of_ruling(case: &Case, r: &Ruling<'_>, with_summary: bool) -> CompactAnswer {
        let id = |b: Option<&Body>| b.map(|b| b.id.clone());
        let (summary_zh, summary_en) = if with_summary {
            let (zh, en) = r.summary();
            (Some(zh), Some(en))
        } else {
            (None, None)
        };
        let c = CompactRuling::of(r);
        CompactAnswer {
            status: "ok",
            case_id: case.case_id.clone(),
            disposition: Some(c.disposition),
            handler: id(c.handler),
            acts_in_name_of: id(c.acts_in_name_of),
            review_body: id(c.review_body),
            transfer_to: id(c.transfer_to),
            handover_to: id(c.handover_to),
            relevant_date: Some(c.relevant_date),
            in_transition: Some(c.in_transition),
            legal_review: Some(c.legal_review),
            hearing: Some(c.hearing),
            rule_ids: Some(c.rule_ids()),
            warnings: Some(c.warning_codes()),
            summary_zh,
            summary_en,
            error_code: None,
            error_path: None,
            error_message: None,
        }
    }

    /// The compact row of a refused case.
    pub fn of_error(case_id: Option<String>, errors: &[Diagnostic]) -> CompactAnswer {
        let first = errors.first();
        CompactAnswer {
            status: "error",
            case_id,
            disposition: None,
            handler: None,
            acts_in_name_of: None,
            review_body: None,
            transfer_to: None,
            handover_to: None,
            relevant_date: None,
            in_transition: None,
            legal_review: None,
            hearing: None,
            rule_ids: None,
            warnings: None,
            summary_zh: None,
            summary_en: None,
            error_code: first.map(|d| d.code.clone()),
            error_path: first.map(|d| d.path.clone()),
            error_message: first.map(|d| d.message_en.clone()),
        }
    }
}
