//! The facts of a compact row before its strings are built.
//!
//! [`CompactAnswer`](super::CompactAnswer) owns its strings: every row gets
//! its own copy of the handler's id, the joined rule ids and warning codes.
//! A binding that routes millions of cases and turns repeated values into
//! shared objects (the Python binding's `route_columns`) reads this instead:
//! the same facts, borrowed from the engine, with the rule set and warnings
//! still as values it can use as keys. `CompactAnswer::of_ruling` is built
//! from it, so the two cannot disagree.

use crate::diagnostic::InputError;
use crate::routing::{Case, Disposition, Ruling, RulingWarning};
use crate::rules::RuleSet;
use crate::ruleset::{Body, Engine};
use crate::time::Date;

/// The facts of a compact row of a routed case, borrowing from the engine.
/// Field for field what [`CompactAnswer`](super::CompactAnswer) holds for an
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
