//! The routing answer on the wire (see `fixtures/README.md`): the ruling with
//! its bodies, items, review, hearing and designation, its rules and warnings.

use serde::Serialize;

use super::{
    Case, DateBasis, DesignationGround, Disposition, HearingGround, ItemStatus, LegalReviewGround,
    Movement, Ruling, RulingWarning,
};
use crate::answer::{BodyView, RuleView, RulesetRef, Text, TraceStep};
use crate::citation::{Instrument, StaticCitation};
use crate::diagnostic::Diagnostic;
use crate::ruleset::Engine;
use crate::time::Date;

/// A movement of the case.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MovementView {
    /// From.
    pub from: BodyView,
    /// To.
    pub to: BodyView,
}

impl MovementView {
    fn of(m: &Movement<'_>) -> MovementView {
        MovementView {
            from: BodyView::of(m.from),
            to: BodyView::of(m.to),
        }
    }
}

/// The transition relevant to the case.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TransitionView {
    /// The delegation's id.
    pub grant: String,
    /// When it took effect.
    pub effective: Date,
    /// The transition's last day.
    pub last_day: Date,
    /// Whether the relevant date is within it.
    pub in_transition: bool,
}

/// One item of the ruling.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemView {
    /// Item code.
    pub code: String,
    /// Status at the town.
    pub status: ItemStatus,
    /// The grant giving the status.
    pub grant: Option<String>,
    /// The original department's id.
    pub department: String,
}

/// Legal review.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LegalReviewView {
    /// Required.
    pub required: bool,
    /// Grounds.
    pub grounds: Vec<LegalReviewGround>,
}

/// Hearing right.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HearingView {
    /// Whether the right arises.
    pub right: bool,
    /// Grounds.
    pub grounds: Vec<HearingGround>,
}

/// Designation.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DesignationView {
    /// The designation decided the case.
    pub designated: bool,
    /// The town may ask for designation.
    pub may_request: bool,
    /// Grounds.
    pub grounds: Vec<DesignationGround>,
}

/// A ruling as sent on the wire.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulingView<'e> {
    /// The case id echoed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Which rule set answered.
    pub ruleset: RulesetRef,
    /// The date grants and parameters were read on.
    pub relevant_date: Date,
    /// Which date that is.
    pub relevant_date_basis: DateBasis,
    /// The place of the violation.
    pub location: BodyView,
    /// What happens to the case.
    pub disposition: Disposition,
    /// Who handles it.
    pub handler: Option<BodyView>,
    /// In whose name it is decided.
    pub acts_in_name_of: Option<BodyView>,
    /// Who bears legal responsibility.
    pub legally_responsible: Option<BodyView>,
    /// Respondent in administrative review.
    pub review_respondent: Option<BodyView>,
    /// Defendant in administrative litigation.
    pub litigation_defendant: Option<BodyView>,
    /// Review body (复议机关).
    pub review_body: Option<BodyView>,
    /// A body that may also hear the review (复议法 Art. 24 ¶4: for a city
    /// department's branch, the government of the place); null where there is none.
    pub review_body_alternative: Option<BodyView>,
    /// Management centre → town.
    pub handover: Option<MovementView>,
    /// Town → department.
    pub transfer: Option<MovementView>,
    /// The relevant transition.
    pub transition: Option<TransitionView>,
    /// Each item.
    pub items: Vec<ItemView>,
    /// Legal review.
    pub legal_review: LegalReviewView,
    /// Hearing right.
    pub hearing: HearingView,
    /// Designation.
    pub designation: DesignationView,
    /// Ids of the determining rules, sorted.
    pub rule_ids: Vec<&'static str>,
    /// The determining rules with titles and citations, in registry order.
    pub rules: Vec<RuleView<'e>>,
    /// A short explanation.
    pub summary: Text,
    /// The step-by-step trace, when asked for.
    pub trace: Option<Vec<TraceStep>>,
}

impl<'e> RulingView<'e> {
    /// Builds the wire view of a ruling.
    pub fn new(
        engine: &'e Engine,
        case: &Case,
        r: &Ruling<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> RulingView<'e> {
        let (zh, en) = r.summary();
        RulingView {
            case_id: case.case_id.clone(),
            ruleset: RulesetRef::of(engine),
            relevant_date: r.relevant_date,
            relevant_date_basis: r.relevant_date_basis,
            location: BodyView::of(r.location),
            disposition: r.disposition,
            handler: BodyView::opt(r.handler),
            acts_in_name_of: BodyView::opt(r.acts_in_name_of),
            legally_responsible: BodyView::opt(r.legally_responsible),
            review_respondent: BodyView::opt(r.review_respondent),
            litigation_defendant: BodyView::opt(r.litigation_defendant),
            review_body: BodyView::opt(r.review_body),
            review_body_alternative: BodyView::opt(r.review_body_alternative),
            handover: r.handover.as_ref().map(MovementView::of),
            transfer: r.transfer.as_ref().map(MovementView::of),
            transition: r.transition.as_ref().map(|t| TransitionView {
                grant: t.grant.id.clone(),
                effective: t.effective,
                last_day: t.last_day,
                in_transition: t.in_transition,
            }),
            items: r
                .items
                .iter()
                .map(|i| ItemView {
                    code: i.code.to_owned(),
                    status: i.status,
                    grant: i.grant.map(|g| g.id.clone()),
                    department: i.department.id.clone(),
                })
                .collect(),
            legal_review: LegalReviewView {
                required: r.legal_review.required,
                grounds: r.legal_review.grounds.iter().flatten().copied().collect(),
            },
            hearing: HearingView {
                right: r.hearing.right,
                grounds: r.hearing.grounds.iter().flatten().copied().collect(),
            },
            designation: DesignationView {
                designated: r.designation.designated,
                may_request: r.designation.may_request,
                grounds: r.designation.grounds.iter().flatten().copied().collect(),
            },
            rule_ids: r.rules.sorted_ids(),
            rules: RuleView::list(engine, r.rules),
            summary: Text { zh, en },
            trace,
        }
    }
}

impl RulingView<'_> {
    /// The same view, owning everything it borrowed from the engine.
    pub fn into_owned(self) -> RulingView<'static> {
        RulingView {
            rules: self.rules.into_iter().map(RuleView::into_owned).collect(),
            case_id: self.case_id,
            ruleset: self.ruleset,
            relevant_date: self.relevant_date,
            relevant_date_basis: self.relevant_date_basis,
            location: self.location,
            disposition: self.disposition,
            handler: self.handler,
            acts_in_name_of: self.acts_in_name_of,
            legally_responsible: self.legally_responsible,
            review_respondent: self.review_respondent,
            litigation_defendant: self.litigation_defendant,
            review_body: self.review_body,
            review_body_alternative: self.review_body_alternative,
            handover: self.handover,
            transfer: self.transfer,
            transition: self.transition,
            items: self.items,
            legal_review: self.legal_review,
            hearing: self.hearing,
            designation: self.designation,
            rule_ids: self.rule_ids,
            summary: self.summary,
            trace: self.trace,
        }
    }
}

/// The routing answer.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RouteAnswer<'e> {
    /// A ruling.
    Ok {
        /// The ruling.
        ruling: Box<RulingView<'e>>,
        /// Warnings that do not change it.
        warnings: Vec<Diagnostic>,
    },
    /// The request was refused.
    Error {
        /// What is wrong.
        errors: Vec<Diagnostic>,
        /// Always empty for a refused request; present so every answer has the field.
        warnings: Vec<Diagnostic>,
    },
}

pub(crate) fn ruling_warnings(engine: &Engine, r: &Ruling<'_>) -> Vec<Diagnostic> {
    let plan = engine.plan_title();
    r.warnings
        .iter()
        .flatten()
        .map(|w| match *w {
            RulingWarning::DecisionOverdue { last_day } => Diagnostic::warning(
                w.code(),
                "dates.decision",
                format!("应自立案之日起九十日内作出决定，期限已于 {last_day} 届满（法律、法规、规章另有规定或依法延长的除外）"),
                format!("the decision was due within 90 days of filing, by {last_day} (unless another rule or an approved extension applies)"),
            )
            .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第六十条", en: "Art. 60" }.render(plan)),
            RulingWarning::LimitationTwoYears { last_day } => Diagnostic::warning(
                w.code(),
                "dates.discovery",
                format!("违法行为在二年内（至 {last_day}）未被发现的，不再给予行政处罚；涉及生命健康安全、金融安全且有危害后果的为五年"),
                format!("a violation not found within two years (by {last_day}) is no longer punished; five years where life, health or financial safety was harmed"),
            )
            .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第三十六条", en: "Art. 36" }.render(plan)),
            RulingWarning::DepartmentFilingNotConcurrent { entrusted, major } => Diagnostic::warning(
                w.code(),
                "opened_by",
                match (entrusted, major) {
                    (true, _) => "部门立案不取得管辖：事项已委托镇(街道)以本部门名义实施，同一名义下只有一个案件；请由受委托的镇(街道)按委托协议办理，不得另行立案".to_owned(),
                    (false, true) => "部门立案不是依最先立案取得管辖：本案拟作出重大行政处罚，部门依方案第13项管辖；过渡期满后部门对镇(街道)清单内其他案件没有管辖权".to_owned(),
                    (false, false) => "部门立案不取得管辖：过渡期满后部门对镇(街道)赋权清单内事项只保留重大行政处罚案件的管辖，应将案件移交镇(街道)".to_owned(),
                },
                match (entrusted, major) {
                    (true, _) => "the department's filing does not take the case: the item is entrusted to the town, which acts in the department's own name, so there is one case in one name; let the town handle it under the agreement and do not open another".to_owned(),
                    (false, true) => "the department holds this case because a major decision is in prospect (Plan §13), not because it filed first; after the transition it has no jurisdiction over the town's other listed cases".to_owned(),
                    (false, false) => "the department's filing does not take the case: after the transition it keeps only the major-decision cases of the town's listed items; it must hand the case to the town".to_owned(),
                },
            )
            .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第二十五条第一款", en: "Art. 25(1)" }.render(plan)),
        })
        .collect()
}
