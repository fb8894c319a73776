//! Routing against a rule-set history (`route_history`, `docs/versions.md`):
//! the version in force on the case's relevant date rules.

use serde::{Deserialize, Serialize};

use super::{Case, DateBasis, Ruling, RulingView, TraceStep};
use crate::answer::{RulesetRef, Status};
use crate::diagnostic::{Diagnostic, InputError};
use crate::ruleset::source::RuleSetDocument;
use crate::ruleset::{Engine, RuleSetHistory};
use crate::time::Date;

/// A ruling made by the version of a history in force on the relevant date.
#[derive(Clone, Debug)]
pub struct HistoryRuling<'h> {
    /// The version that ruled.
    pub engine: &'h Engine,
    /// Its position in [`RuleSetHistory::versions`].
    pub index: usize,
    /// The date that chose the version (the routing relevant date).
    pub relevant_date: Date,
    /// Which date that is.
    pub relevant_date_basis: DateBasis,
    /// The ruling.
    pub ruling: Ruling<'h>,
}

/// The request of the `route_history` operation: the versions inline and a case.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistoryRequest {
    /// The versions, in any order.
    pub versions: Vec<RuleSetDocument>,
    /// The case to route.
    pub case: Case,
}

/// The routing relevant date: filing, else discovery, else violation (docs/routing.md step 1).
pub fn relevant_date(case: &Case) -> Option<(Date, DateBasis)> {
    let d = &case.dates;
    match (d.filing, d.discovery, d.violation) {
        (Some(f), _, _) => Some((f, DateBasis::Filing)),
        (None, Some(x), _) => Some((x, DateBasis::Discovery)),
        (None, None, Some(v)) => Some((v, DateBasis::Violation)),
        (None, None, None) => None,
    }
}

/// Where a history's ruling came from: the versions, the one chosen and the date.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryView {
    /// The versions, oldest first.
    pub versions: Vec<RulesetRef>,
    /// The index of the version that ruled.
    pub selected: usize,
    /// The date that chose it (the routing relevant date).
    pub relevant_date: Date,
    /// Which date that is.
    pub relevant_date_basis: DateBasis,
}

/// The `route_history` answer: the routing answer plus `history`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HistoryAnswer {
    /// Always `ok`.
    pub status: Status,
    /// The ruling of the version in force.
    pub ruling: Box<RulingView<'static>>,
    /// Warnings that do not change it.
    pub warnings: Vec<Diagnostic>,
    /// Which version ruled.
    pub history: HistoryView,
}

impl RuleSetHistory {
    /// Routes a case with the version in force on its relevant date.
    pub fn route(&self, case: &Case) -> Result<HistoryRuling<'_>, InputError> {
        self.route_with(case, None)
    }

    /// [`RuleSetHistory::route`] recording the step-by-step trace.
    pub fn route_traced(
        &self,
        case: &Case,
        trace: &mut Vec<TraceStep>,
    ) -> Result<HistoryRuling<'_>, InputError> {
        self.route_with(case, Some(trace))
    }

    fn route_with(
        &self,
        case: &Case,
        trace: Option<&mut Vec<TraceStep>>,
    ) -> Result<HistoryRuling<'_>, InputError> {
        let Some((d, basis)) = relevant_date(case) else {
            // No date: let routing report the case's problems with their codes.
            let first = self
                .versions()
                .first()
                .ok_or_else(|| no_version("dates", None))?;
            return Err(match first.route(case) {
                Err(e) => e,
                Ok(_) => no_version("dates", None),
            });
        };
        let path = match basis {
            DateBasis::Filing => "dates.filing",
            DateBasis::Discovery => "dates.discovery",
            DateBasis::Violation => "dates.violation",
        };
        let (index, engine) = self
            .version_on(d)
            .ok_or_else(|| no_version(path, Some((d, self.first_day()))))?;
        let ruling = match trace {
            Some(t) => {
                let (zh, en) = version_sentence(engine, d);
                t.push(TraceStep {
                    rule: Some(crate::rules::RuleId::RelevantDate.id()),
                    zh,
                    en,
                });
                engine.route_traced(case, t)?
            }
            None => engine.route(case)?,
        };
        Ok(HistoryRuling {
            engine,
            index,
            relevant_date: d,
            relevant_date_basis: basis,
            ruling,
        })
    }
}

fn version_sentence(engine: &Engine, d: Date) -> (String, String) {
    let m = engine.meta();
    let from = m.effective_from.map(|f| f.to_string()).unwrap_or_default();
    (
        format!(
            "相关日期 {d} 适用规则集 {} 的 {} 版（自 {from} 起施行）。",
            m.id, m.version
        ),
        format!(
            "On the relevant date {d} the version in force is {} {} (in force from {from}).",
            m.id, m.version
        ),
    )
}

fn no_version(path: &str, at: Option<(Date, Option<Date>)>) -> InputError {
    let (zh, en, expected) = match at {
        Some((d, first)) => {
            let first = first.map(|f| f.to_string()).unwrap_or_default();
            (
                format!("{d} 没有施行中的规则集版本（最早的版本自 {first} 起施行）"),
                format!("no version of the rule set is in force on {d} (the earliest is in force from {first})"),
                format!("a relevant date on or after {first}"),
            )
        }
        None => (
            "无法确定适用的规则集版本".to_owned(),
            "no version of the rule set can be chosen".to_owned(),
            "a case with a filing, discovery or violation date".to_owned(),
        ),
    };
    InputError::single(
        Diagnostic::error("ruleset.no_version_in_force", path, zh, en).expected(expected),
    )
}
