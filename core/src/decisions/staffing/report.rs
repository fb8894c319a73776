//! The staffing reports.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::answer::{BodyView, RulesetRef};

use crate::citation::CitationText;
use crate::rules::{RuleId, RuleSet};
use crate::time::Date;

/// Integer figures by name, e.g. `{"formal_staff": 14, "required": 15, "missing": 1}`.
pub type Figures = BTreeMap<&'static str, u64>;

/// Whether a check is a requirement or information only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckLevel {
    /// A requirement: failing it makes the roster non-compliant.
    Requirement,
    /// Information (e.g. who may be rotated): always passes.
    Information,
}

/// One check of a roster.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// The stable rule id, e.g. `staffing.centre_min_staff`.
    pub id: &'static str,
    /// The rule.
    #[serde(skip)]
    pub rule: RuleId,
    /// Requirement or information.
    pub level: CheckLevel,
    /// Whether the requirement is met (information always passes).
    pub passed: bool,
    /// The figures the check rests on.
    pub figures: Figures,
    /// Ids of the people concerned (see `docs/staffing.md` for each check), in roster order.
    pub people: Vec<String>,
    /// The clauses, rendered: the rule's, then the parameter's (if any).
    pub citations: Vec<CitationText>,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
}

/// When a rotation threshold is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Threshold {
    /// Whole years of front-line service.
    pub years: u32,
    /// The period's last day (民法典 Art. 201–202): `front_line_since` + years × 12 months.
    pub last_day: Date,
    /// The first day on which the years are full (满): the day after `last_day`.
    pub reached_from: Date,
}

/// A cadre's rotation status on the roster date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RotationStatus {
    /// Fewer than the "may" years.
    NotYet,
    /// The "may" years are full: may be rotated.
    May,
    /// The "must" years are full: must be rotated.
    Must,
}

/// One cadre's rotation dates.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RotationEntry {
    /// Person id.
    pub person: String,
    /// First day on the front line.
    pub front_line_since: Date,
    /// The "may" threshold (满3年).
    pub may: Threshold,
    /// The "must" threshold (满6年).
    pub must: Threshold,
    /// Status on the roster date.
    pub status: RotationStatus,
}

/// The staffing report of one town.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StaffingReport {
    /// Which rule set answered.
    pub ruleset: RulesetRef,
    /// The town.
    pub town: BodyView,
    /// The roster date.
    pub as_of: Date,
    /// Whether every requirement check passed.
    pub passed: bool,
    /// Headline figures.
    pub figures: Figures,
    /// Every check, in a fixed order (see `docs/staffing.md`).
    pub checks: Vec<Check>,
    /// Rotation dates of every non-auxiliary person with a front-line start date.
    pub rotation: Vec<RotationEntry>,
    /// The rules applied.
    #[serde(skip)]
    pub rules: RuleSet,
}

/// One town's row in the district table.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TownRow {
    /// The town.
    pub town: BodyView,
    /// `count` (given as a seconded count) or `roster` (a full roster was checked).
    pub source: &'static str,
    /// District staff seconded to it.
    pub seconded: u64,
    /// For a roster: whether every requirement passed; null for a count.
    pub passed: Option<bool>,
    /// For a roster: the ids of the failed checks, in check order.
    pub failed: Vec<&'static str>,
    /// For a roster: its headline figures; empty for a count.
    pub figures: Figures,
}

/// The district staffing report.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DistrictReport {
    /// Which rule set answered.
    pub ruleset: RulesetRef,
    /// The date of the figures.
    pub as_of: Date,
    /// Whether the secondment check and every roster passed.
    pub passed: bool,
    /// The district checks (the secondment share).
    pub checks: Vec<Check>,
    /// One row per town, counts first then rosters, each in request order.
    pub towns: Vec<TownRow>,
    /// Totals over all towns (roster figures summed over the rosters).
    pub totals: Figures,
    /// The rules applied.
    #[serde(skip)]
    pub rules: RuleSet,
}
