//! The serialisable answer shapes (see `fixtures/README.md`).

use serde::Serialize;

use crate::citation::CitationText;
use crate::citation::{Instrument, StaticCitation};
use crate::diagnostic::Diagnostic;
use crate::routing::{
    Case, DateBasis, DesignationGround, Disposition, HearingGround, ItemStatus, LegalReviewGround,
    Movement, Ruling, RulingWarning, TraceStep,
};
use crate::rules::RuleId;
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::Date;

/// A pair of Chinese and English texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A body as shown in answers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BodyView {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: BodyKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

impl BodyView {
    /// The wire view of a body.
    pub(crate) fn of(b: &Body) -> BodyView {
        BodyView {
            id: b.id.clone(),
            kind: b.kind,
            name_zh: b.name_zh.clone(),
            name_en: b.name_en.clone(),
        }
    }

    fn opt(b: Option<&Body>) -> Option<BodyView> {
        b.map(BodyView::of)
    }
}

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

/// A determining rule with its citations.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuleView {
    /// Stable id.
    pub id: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Citations, rendered.
    pub citations: Vec<CitationText>,
}

impl RuleView {
    /// The rules of a set with titles and rendered citations, in registry order.
    pub(crate) fn list(engine: &Engine, rules: crate::rules::RuleSet) -> Vec<RuleView> {
        rules
            .iter()
            .map(|id: RuleId| RuleView {
                id: id.id(),
                title_zh: id.title_zh(),
                title_en: id.title_en(),
                citations: engine.render_citations(id),
            })
            .collect()
    }
}

/// Which rule set answered.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulesetRef {
    /// Rule-set id.
    pub id: String,
    /// Rule-set version.
    pub version: String,
    /// First day this version is in force (`meta.effective_from`), if stated.
    pub effective_from: Option<Date>,
    /// SHA-256 of the rule set's canonical serialisation (lowercase hex), so that
    /// a ruling can be reproduced against exactly the same content.
    pub content_hash: String,
}

impl RulesetRef {
    /// The reference to the rule set an engine was built from.
    pub fn of(engine: &Engine) -> RulesetRef {
        let meta = engine.meta();
        RulesetRef {
            id: meta.id.clone(),
            version: meta.version.clone(),
            effective_from: meta.effective_from,
            content_hash: engine.content_hash().to_owned(),
        }
    }
}

/// A ruling as sent on the wire.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulingView {
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
    pub rules: Vec<RuleView>,
    /// A short explanation.
    pub summary: Text,
    /// The step-by-step trace, when asked for.
    pub trace: Option<Vec<TraceStep>>,
}

impl RulingView {
    /// Builds the wire view of a ruling.
    pub fn new(
        engine: &Engine,
        case: &Case,
        r: &Ruling<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> RulingView {
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

/// The routing answer.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RouteAnswer {
    /// A ruling.
    Ok {
        /// The ruling.
        ruling: Box<RulingView>,
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

/// The validation answer.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidateAnswer {
    /// `ok` when there is no error (warnings allowed), else `error`.
    pub status: &'static str,
    /// Every finding, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

pub(super) fn ruling_warnings(engine: &Engine, r: &Ruling<'_>) -> Vec<Diagnostic> {
    let plan = engine.plan_title();
    r.warnings
        .iter()
        .flatten()
        .map(|w| match *w {
            RulingWarning::DecisionOverdue { last_day } => Diagnostic::warning(
                w.code(),
                "dates.decision",
                format!("应自立案之日起九十日内作出决定,期限已于 {last_day} 届满(法律、法规、规章另有规定或依法延长的除外)"),
                format!("the decision was due within 90 days of filing, by {last_day} (unless another rule or an approved extension applies)"),
            )
            .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第六十条", en: "Art. 60" }.render(plan)),
            RulingWarning::LimitationTwoYears { last_day } => Diagnostic::warning(
                w.code(),
                "dates.discovery",
                format!("违法行为在二年内(至 {last_day})未被发现的,不再给予行政处罚;涉及生命健康安全、金融安全且有危害后果的为五年"),
                format!("a violation not found within two years (by {last_day}) is no longer punished; five years where life, health or financial safety was harmed"),
            )
            .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第三十六条", en: "Art. 36" }.render(plan)),
            RulingWarning::DepartmentFilingNotConcurrent { entrusted, major } => Diagnostic::warning(
                w.code(),
                "opened_by",
                match (entrusted, major) {
                    (true, _) => "部门立案不取得管辖:事项已委托镇(街道)以本部门名义实施,同一名义下只有一个案件;请由受委托的镇(街道)按委托协议办理,不得另行立案".to_owned(),
                    (false, true) => "部门立案不是依最先立案取得管辖:本案拟作出重大行政处罚,部门依方案第13项管辖;过渡期满后部门对镇(街道)清单内其他案件没有管辖权".to_owned(),
                    (false, false) => "部门立案不取得管辖:过渡期满后部门对镇(街道)赋权清单内事项只保留重大行政处罚案件的管辖,应将案件移交镇(街道)".to_owned(),
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
        let c = super::CompactRuling::of(r);
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
