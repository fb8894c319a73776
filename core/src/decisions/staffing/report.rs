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

crate::vocabulary::labelled!(CheckLevel, "check_level", "检查性质", "kind of check", {
    Requirement => "requirement", "硬性要求", "requirement";
    Information => "information", "提示信息", "information";
});

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

crate::vocabulary::labelled!(RotationStatus, "rotation_status", "交流状态", "rotation status", {
    NotYet => "not_yet", "未满交流年限", "not yet due";
    May => "may", "可以交流", "may be rotated";
    Must => "must", "必须交流", "must be rotated";
});

/// One cadre's rotation dates.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RotationEntry {
    /// Person id.
    pub person: String,
    /// The person's name, as on the roster.
    pub name: String,
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

/// Short names of the staffing checks (the check `id`s, which are rule ids),
/// for tables and headings; the rule's full title stays in `rules`.
pub const CHECK_NAMES: crate::vocabulary::Vocabulary = crate::vocabulary::Vocabulary {
    name: "staffing_check",
    zh: "编制与人员检查项",
    en: "staffing check",
    values: &[
        label(
            "staffing.centre_min_staff",
            "综合执法中心正式工作人员",
            "formal staff of the enforcement centre",
        ),
        label(
            "staffing.legal_reviewer_share",
            "法制审核人员比例",
            "share of legal reviewers",
        ),
        label(
            "staffing.certificates",
            "执法人员全员持证",
            "enforcement certificates",
        ),
        label(
            "staffing.auxiliary_assist_only",
            "辅助人员只从事辅助性事务",
            "auxiliary staff only assist",
        ),
        label(
            "staffing.first_time_reviewer_qualification",
            "初次从事法制审核人员的法律职业资格",
            "qualification of first-time reviewers",
        ),
        label(
            "staffing.two_officers",
            "执法人员不少于两人",
            "at least two certified officers",
        ),
        label(
            "staffing.rotation_may",
            "干部交流（可以交流）",
            "rotation: may be rotated",
        ),
        label(
            "staffing.rotation_must",
            "干部交流（必须交流）",
            "rotation: must be rotated",
        ),
        label(
            "staffing.district_secondment",
            "区级执法力量下沉比例",
            "share of district staff seconded",
        ),
    ],
};

/// Labels of the keys of [`Figures`], in every staffing answer.
pub const FIGURE_NAMES: crate::vocabulary::Vocabulary = crate::vocabulary::Vocabulary {
    name: "staffing_figure",
    zh: "人员数字",
    en: "staffing figure",
    values: &[
        label("people", "名册人数", "people on the roster"),
        label("formal_staff", "正式工作人员", "formal staff"),
        label(
            "formal_centre_staff",
            "中心正式工作人员",
            "formal centre staff",
        ),
        label(
            "centre_min_formal_staff",
            "中心正式工作人员下限",
            "minimum formal centre staff",
        ),
        label("enforcement_staff", "执法人员总数", "enforcement staff"),
        label("legal_reviewers", "法制审核人员", "legal reviewers"),
        label(
            "legal_reviewers_required",
            "应配法制审核人员",
            "legal reviewers required",
        ),
        label(
            "legal_reviewer_share",
            "法制审核人员比例（%）",
            "legal reviewer share (%)",
        ),
        label("certified_officers", "持证执法人员", "certified officers"),
        label(
            "required_holders",
            "应持证人数",
            "people who must hold a certificate",
        ),
        label("valid", "持有效执法证", "valid certificates"),
        label("lacking", "缺少有效执法证", "without a valid certificate"),
        label("seconded", "下沉人员", "seconded staff"),
        label("auxiliary", "执法辅助人员", "auxiliary staff"),
        label(
            "in_enforcement_posts",
            "在执法岗位的辅助人员",
            "auxiliary staff in enforcement posts",
        ),
        label(
            "first_time_reviewers",
            "初次从事法制审核人员",
            "first-time reviewers",
        ),
        label(
            "unqualified",
            "未取得法律职业资格",
            "without the legal qualification",
        ),
        label("required", "要求人数", "required"),
        label("missing", "缺少人数", "missing"),
        label("years", "年限", "years"),
        label("rotation_years", "交流年限", "rotation years"),
        label("may_rotate", "可以交流人数", "may be rotated"),
        label("must_rotate", "必须交流人数", "must be rotated"),
        label(
            "district_strength",
            "区级执法力量",
            "district enforcement strength",
        ),
        label("district_secondment_share", "下沉比例", "secondment share"),
        label("numerator", "比例分子", "share numerator"),
        label("denominator", "比例分母", "share denominator"),
        label("towns", "镇(街道)数", "towns"),
        label("rosters", "名册数", "rosters"),
        label("rosters_passed", "合格名册数", "rosters passed"),
        label("rosters_failed", "不合格名册数", "rosters failed"),
    ],
};

const fn label(code: &'static str, zh: &'static str, en: &'static str) -> crate::vocabulary::Label {
    crate::vocabulary::Label { code, zh, en }
}
