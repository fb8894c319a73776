use serde::Serialize;

use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{Body, Grant};
use crate::time::Date;

/// Which date decided the ruling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The filing (立案) date.
    Filing,
    /// The discovery date (the case is not yet opened).
    Discovery,
    /// The violation date (neither filed nor discovery given).
    Violation,
}

crate::vocabulary::labelled!(DateBasis, "date_basis", "适用日期依据", "date basis", {
    Filing => "filing", "立案日", "filing date";
    Discovery => "discovery", "发现日", "discovery date";
    Violation => "violation", "违法行为发生日", "violation date";
});

/// What happens to the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// The town handles it.
    Keep,
    /// The town must transfer it to the department (Plan §13).
    Transfer,
    /// The management centre hands it to its town (Plan §13).
    Handover,
    /// It is the department's from the start.
    Department,
    /// Several departments: the platform office rules on responsibility (Plan §11).
    Platform,
    /// Delegated and entrusted matters mixed: the case must be split.
    Split,
}

crate::vocabulary::labelled!(Disposition, "disposition", "处置结果", "disposition", {
    Keep => "keep", "留镇(街道)办理", "kept by the town";
    Transfer => "transfer", "移送原行使部门", "transfer to the department";
    Handover => "handover", "移交镇(街道)办理", "handed over to the town";
    Department => "department", "由原行使部门管辖", "the department handles it";
    Platform => "platform", "报区级综合执法平台协调", "referred to the district platform";
    Split => "split", "需分案处理", "split the case";
});

/// The status of one item at the town on the relevant date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Delegated, but within the transition period: the department's.
    InTransition,
    /// On the town's delegated list.
    Delegated,
    /// Carried by a delegation of its penalty.
    CarriedByDelegation,
    /// Entrusted to the town.
    Entrusted,
    /// An inspection carried by an entrustment of its penalty.
    CarriedByEntrustment,
    /// A compulsory measure of an entrusted penalty: not entrustable.
    CompulsoryNotEntrustable,
    /// Its grant was revoked.
    Revoked,
    /// Its entrustment's term has ended.
    Expired,
    /// Its grant is not yet in force.
    NotYetEffective,
    /// No grant covers it.
    OutOfList,
}

crate::vocabulary::labelled!(ItemStatus, "item_status", "事项状态", "item status", {
    InTransition => "in_transition", "过渡期内（原部门继续行使）", "in transition (the department acts)";
    Delegated => "delegated", "已赋权", "delegated";
    CarriedByDelegation => "carried_by_delegation", "随赋权一并下放", "carried by a delegation";
    Entrusted => "entrusted", "已委托", "entrusted";
    CarriedByEntrustment => "carried_by_entrustment", "随委托一并下放", "carried by an entrustment";
    CompulsoryNotEntrustable => "compulsory_not_entrustable", "行政强制措施不得委托", "compulsory measure: not entrustable";
    Revoked => "revoked", "已收回", "revoked";
    Expired => "expired", "委托期满", "entrustment expired";
    NotYetEffective => "not_yet_effective", "尚未生效", "not yet in force";
    OutOfList => "out_of_list", "不在清单内", "not on the list";
});

impl ItemStatus {
    /// Whether the town may exercise the item.
    pub const fn town_competent(self) -> bool {
        matches!(
            self,
            ItemStatus::Delegated
                | ItemStatus::CarriedByDelegation
                | ItemStatus::Entrusted
                | ItemStatus::CarriedByEntrustment
        )
    }

    /// The rule that gives this status.
    pub const fn rule(self) -> RuleId {
        match self {
            ItemStatus::InTransition => RuleId::Transition,
            ItemStatus::Delegated => RuleId::ListDelegated,
            ItemStatus::CarriedByDelegation => RuleId::ScopeCarried,
            ItemStatus::CarriedByEntrustment => RuleId::ScopeCarriedEntrustment,
            ItemStatus::Entrusted => RuleId::ListEntrusted,
            ItemStatus::CompulsoryNotEntrustable => RuleId::EntrustmentExcludesCompulsory,
            ItemStatus::Revoked => RuleId::GrantRevoked,
            ItemStatus::Expired => RuleId::GrantExpired,
            ItemStatus::NotYetEffective => RuleId::GrantNotYetEffective,
            ItemStatus::OutOfList => RuleId::OutOfList,
        }
    }
}

/// One item's place in the ruling.
#[derive(Clone, Copy, Debug)]
pub struct ItemRuling<'e> {
    /// The item's code.
    pub code: &'e str,
    /// Its status at the town on the relevant date.
    pub status: ItemStatus,
    /// The grant that gives the status, if any.
    pub grant: Option<&'e Grant>,
    /// Its original department.
    pub department: &'e Body,
}

/// A movement of the case between bodies.
#[derive(Clone, Copy, Debug)]
pub struct Movement<'e> {
    /// From.
    pub from: &'e Body,
    /// To.
    pub to: &'e Body,
}

/// The transition period relevant to the case.
#[derive(Clone, Copy, Debug)]
pub struct TransitionInfo<'e> {
    /// The delegation.
    pub grant: &'e Grant,
    /// When it took effect.
    pub effective: Date,
    /// The transition's last day.
    pub last_day: Date,
    /// Whether the relevant date is within it.
    pub in_transition: bool,
}

/// Why legal review is required (行政处罚法 Art. 58).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegalReviewGround {
    /// Art. 58(1).
    MajorPublicInterest,
    /// Art. 58(2).
    MajorRightsAfterHearing,
    /// Art. 58(3).
    ComplexMultipleLegalRelations,
    /// Art. 58(4).
    RequiredByLaw,
}

crate::vocabulary::labelled!(LegalReviewGround, "legal_review_ground", "法制审核情形", "ground for legal review", {
    MajorPublicInterest => "major_public_interest", "涉及重大公共利益", "major public interest";
    MajorRightsAfterHearing => "major_rights_after_hearing", "直接关系当事人或者第三人重大权益，经过听证程序", "major rights, after a hearing";
    ComplexMultipleLegalRelations => "complex_multiple_legal_relations", "案件情况疑难复杂、涉及多个法律关系", "complex, several legal relations";
    RequiredByLaw => "required_by_law", "法律、法规规定应当进行法制审核", "required by law";
});

/// Legal review before the decision.
#[derive(Clone, Copy, Debug, Default)]
pub struct LegalReview {
    /// Whether it is required.
    pub required: bool,
    /// Grounds, in the order of Art. 58 (at most four).
    pub grounds: [Option<LegalReviewGround>; 4],
}

/// Why a hearing right arises (行政处罚法 Art. 63).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HearingGround {
    /// A large fine (Art. 63(1)).
    LargeFine,
    /// A large confiscation (Art. 63(2)).
    LargeConfiscation,
    /// Lowering a qualification grade (Art. 63(3)).
    LowerQualificationGrade,
    /// Revoking a licence (Art. 63(3)).
    RevokeLicence,
    /// Ordering suspension (Art. 63(4)).
    OrderSuspension,
    /// Ordering closure (Art. 63(4)).
    OrderClosure,
    /// Restricting practice (Art. 63(4)).
    RestrictPractice,
}

crate::vocabulary::labelled!(HearingGround, "hearing_ground", "听证情形", "ground for a hearing", {
    LargeFine => "large_fine", "较大数额罚款", "large fine";
    LargeConfiscation => "large_confiscation", "没收较大数额违法所得、没收较大价值非法财物", "large confiscation";
    LowerQualificationGrade => "lower_qualification_grade", "降低资质等级", "lowering a qualification grade";
    RevokeLicence => "revoke_licence", "吊销许可证件", "revoking a licence";
    OrderSuspension => "order_suspension", "责令停产停业", "ordering suspension";
    OrderClosure => "order_closure", "责令关闭", "ordering closure";
    RestrictPractice => "restrict_practice", "限制从业", "restricting practice";
});

/// The hearing right.
#[derive(Clone, Copy, Debug, Default)]
pub struct Hearing {
    /// Whether the party must be told of a right to a hearing.
    pub right: bool,
    /// Grounds, in the order of Art. 63.
    pub grounds: [Option<HearingGround>; 7],
}

/// Why a town may ask for designation (Plan §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DesignationGround {
    /// 案件重大复杂.
    MajorAndComplex,
    /// 需要回避.
    NeedsRecusal,
    /// 不宜本级管辖.
    UnsuitedToTownLevel,
}

crate::vocabulary::labelled!(DesignationGround, "ruling_designation_ground", "报请指定管辖情形", "ground for asking designation", {
    MajorAndComplex => "major_and_complex", "案件重大复杂", "major and complex";
    NeedsRecusal => "needs_recusal", "需要回避", "recusal needed";
    UnsuitedToTownLevel => "unsuited_to_town_level", "不宜由镇(街道)管辖", "unsuited to the town level";
});

/// Designation by the district government (Plan §14).
#[derive(Clone, Copy, Debug, Default)]
pub struct Designation {
    /// The designation decided the case.
    pub designated: bool,
    /// The town may ask for designation.
    pub may_request: bool,
    /// The grounds it may invoke.
    pub grounds: [Option<DesignationGround>; 3],
}

/// A warning attached to a ruling; it does not change the ruling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulingWarning {
    /// The decision came after the 90-day period (行政处罚法 Art. 60).
    DecisionOverdue {
        /// The period's last day.
        last_day: Date,
    },
    /// Discovery came after the two-year limitation (Art. 36).
    LimitationTwoYears {
        /// The period's last day.
        last_day: Date,
    },
    /// The items' department opened a case the town is competent for: its filing
    /// does not take the case (行政处罚法 Art. 25 ¶1 needs two bodies with jurisdiction).
    DepartmentFilingNotConcurrent {
        /// Under an entrustment (one case in the department's name) rather than a delegation.
        entrusted: bool,
        /// A major decision is in prospect (Plan §13), so the department keeps it.
        major: bool,
    },
}

impl RulingWarning {
    /// The warning's stable code.
    pub const fn code(self) -> &'static str {
        match self {
            RulingWarning::DecisionOverdue { .. } => "deadline.decision_overdue",
            RulingWarning::LimitationTwoYears { .. } => "limitation.two_years",
            RulingWarning::DepartmentFilingNotConcurrent { .. } => {
                "jurisdiction.department_filing_not_concurrent"
            }
        }
    }
}

/// The answer to a routing request. Borrows names from the engine: building it
/// allocates only the per-item list.
#[derive(Clone, Debug)]
pub struct Ruling<'e> {
    /// The date grants and parameters were read on.
    pub relevant_date: Date,
    /// Which of the case's dates that is.
    pub relevant_date_basis: DateBasis,
    /// The place of the violation.
    pub location: &'e Body,
    /// What happens to the case.
    pub disposition: Disposition,
    /// Who handles it.
    pub handler: Option<&'e Body>,
    /// In whose name it is decided.
    pub acts_in_name_of: Option<&'e Body>,
    /// Who bears legal responsibility.
    pub legally_responsible: Option<&'e Body>,
    /// Respondent in administrative review (复议被申请人).
    pub review_respondent: Option<&'e Body>,
    /// Defendant in administrative litigation (被告).
    pub litigation_defendant: Option<&'e Body>,
    /// The review body (复议机关).
    pub review_body: Option<&'e Body>,
    /// A second body that may also hear the review, where the law offers one: for a
    /// city department's branch, the government of the place (复议法 Art. 24 ¶4).
    pub review_body_alternative: Option<&'e Body>,
    /// Management centre → town.
    pub handover: Option<Movement<'e>>,
    /// Town → department.
    pub transfer: Option<Movement<'e>>,
    /// The transition relevant to the case.
    pub transition: Option<TransitionInfo<'e>>,
    /// Each item, in request order.
    pub items: Vec<ItemRuling<'e>>,
    /// Legal review.
    pub legal_review: LegalReview,
    /// Hearing right.
    pub hearing: Hearing,
    /// Designation.
    pub designation: Designation,
    /// The rules that determined the ruling.
    pub rules: RuleSet,
    /// Warnings (at most three).
    pub warnings: [Option<RulingWarning>; 3],
}
