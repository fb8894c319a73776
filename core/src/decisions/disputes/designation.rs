//! Designation requests (Plan §14): a town asks the district government to
//! designate the original department, or the district government designates on
//! its own initiative.

use crate::vocabulary::Labelled;
use serde::{Deserialize, Serialize};

use crate::answer::TraceStep;
use crate::answer::Tracer;
use crate::answer::{BodyView, RuleView, RulesetRef, Text};
use crate::citation::{Instrument, StaticCitation};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::routing::{ItemRuling, ItemView};
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::Date;

const PLAN_14: StaticCitation = StaticCitation {
    instrument: Instrument::Plan,
    zh: "第二部分第14项",
    en: "§14",
};
const PLAN_4: StaticCitation = StaticCitation {
    instrument: Instrument::Plan,
    zh: "第二部分第4项",
    en: "§4",
};

/// Who starts the designation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Initiator {
    /// The town asks (报请).
    Town,
    /// The district government acts on its own initiative.
    DistrictGovernment,
}

crate::vocabulary::labelled!(Initiator, "designation_initiator", "提起方", "initiator", {
    Town => "town", "镇(街道)报请", "the town asks";
    DistrictGovernment => "district_government", "区政府依职权", "the district government on its own initiative";
});

/// The grounds of Plan §14.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DesignationGround {
    /// 案件重大复杂 (town or district government).
    MajorAndComplex,
    /// 需要回避 (town only).
    NeedsRecusal,
    /// 不宜本级管辖 (town only).
    UnsuitedToTownLevel,
    /// 镇(街道)承办可能影响公正处理 (district government only).
    FairHandlingAtRisk,
}

crate::vocabulary::labelled!(DesignationGround, "designation_ground", "指定管辖情形", "ground for designation", {
    MajorAndComplex => "major_and_complex", "案件重大复杂", "major and complex";
    NeedsRecusal => "needs_recusal", "需要回避", "recusal needed";
    UnsuitedToTownLevel => "unsuited_to_town_level", "不宜由镇(街道)管辖", "unsuited to the town level";
    FairHandlingAtRisk => "fair_handling_at_risk", "镇(街道)承办可能影响公正处理", "town handling may affect fairness";
});

impl DesignationGround {
    fn as_str(self) -> &'static str {
        match self {
            DesignationGround::MajorAndComplex => "major_and_complex",
            DesignationGround::NeedsRecusal => "needs_recusal",
            DesignationGround::UnsuitedToTownLevel => "unsuited_to_town_level",
            DesignationGround::FairHandlingAtRisk => "fair_handling_at_risk",
        }
    }

    /// The grounds each initiator may invoke.
    pub fn available_to(initiator: Initiator) -> &'static [DesignationGround] {
        match initiator {
            Initiator::Town => &[
                DesignationGround::MajorAndComplex,
                DesignationGround::NeedsRecusal,
                DesignationGround::UnsuitedToTownLevel,
            ],
            Initiator::DistrictGovernment => &[
                DesignationGround::MajorAndComplex,
                DesignationGround::FairHandlingAtRisk,
            ],
        }
    }
}

/// The district government's decision on a town's request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DesignationDecision {
    /// It designated the original department.
    Designated,
    /// It refused: the town keeps the case.
    Refused,
}

crate::vocabulary::labelled!(DesignationDecision, "designation_decision", "区政府决定", "government decision", {
    Designated => "designated", "指定原行使部门管辖", "the department is designated";
    Refused => "refused", "不予指定，由镇(街道)办理", "refused: the town keeps the case";
});

/// Where the designation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DesignationOutcome {
    /// Awaiting the district government.
    Pending,
    /// The original department is designated.
    Designated,
    /// Refused: the town keeps the case.
    Refused,
}

crate::vocabulary::labelled!(DesignationOutcome, "designation_outcome", "指定管辖结果", "designation outcome", {
    Pending => "pending", "待区政府决定", "awaiting the district government";
    Designated => "designated", "已指定原行使部门管辖", "the department is designated";
    Refused => "refused", "不予指定，由镇(街道)办理", "refused: the town keeps the case";
});

/// The request of the `designation_request` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DesignationRequest {
    /// Free text echoed back.
    #[serde(default)]
    pub case_ref: Option<String>,
    /// Who starts it.
    pub initiator: Initiator,
    /// The town or subdistrict holding the case.
    pub town: String,
    /// The case's item codes.
    pub items: Vec<String>,
    /// The day of the request (decides which lists apply).
    pub date: Date,
    /// The grounds invoked.
    pub grounds: Vec<DesignationGround>,
    /// For a town's request: the district government's decision, once made.
    #[serde(default)]
    pub decision: Option<DesignationDecision>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// The answer to a designation request.
#[derive(Clone, Debug)]
pub struct Designation<'e> {
    /// Who started it.
    pub initiator: Initiator,
    /// The town.
    pub town: &'e Body,
    /// The original department (the designee).
    pub department: &'e Body,
    /// Who decides: the district government.
    pub decides: &'e Body,
    /// The grounds.
    pub grounds: Vec<DesignationGround>,
    /// The items' status at the town (from routing).
    pub items: Vec<ItemRuling<'e>>,
    /// Where it stands.
    pub outcome: DesignationOutcome,
    /// Who handles the case (null while pending).
    pub handler: Option<&'e Body>,
    /// In whose name (null while pending).
    pub acts_in_name_of: Option<&'e Body>,
    /// The rules applied.
    pub rules: RuleSet,
    /// The effect, in Chinese.
    pub effect_zh: String,
    /// The effect, in English.
    pub effect_en: String,
}

fn err(code: &str, path: impl Into<String>, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

impl Engine {
    /// Answers a designation request: validates the grounds for the initiator,
    /// checks that the case is the town's, and says who decides and the effect.
    pub fn request_designation<'e>(
        &'e self,
        req: &DesignationRequest,
    ) -> Result<Designation<'e>, InputError> {
        self.request_designation_with(req, Tracer(None))
    }

    /// [`Engine::request_designation`] with the explanation recorded in `trace`.
    pub fn request_designation_traced<'e>(
        &'e self,
        req: &DesignationRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Designation<'e>, InputError> {
        self.request_designation_with(req, Tracer(Some(trace)))
    }

    fn request_designation_with<'e>(
        &'e self,
        req: &DesignationRequest,
        mut t: Tracer<'_>,
    ) -> Result<Designation<'e>, InputError> {
        limits::check_len("items", req.items.len(), limits::MAX_LIST_ENTRIES)?;
        limits::check_len("grounds", req.grounds.len(), limits::MAX_LIST_ENTRIES)?;
        let plan = self.plan_title();
        let mut errors = Vec::new();
        match self.body(&req.town) {
            Some(b) if matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict) => {}
            Some(b) if b.kind == BodyKind::ManagementCentre => errors.push(
                err(
                    "designation.centre_not_a_town",
                    "town",
                    format!("{}不是乡镇人民政府，不办理案件；应由其移交的镇提出", b.name_zh),
                    format!("{} is not a town government and handles no case; the town it hands over to makes the request", b.name_en),
                )
                .expected("a town or subdistrict id")
                .cite(
                    StaticCitation { instrument: Instrument::Plan, zh: "第二部分第13项", en: "§13" }
                        .render(plan),
                ),
            ),
            _ => errors.push(
                err(
                    "designation.unknown_town",
                    "town",
                    format!("{} 不是规则集中的镇或街道", req.town),
                    format!("{:?} is not a town or subdistrict of the rule set", req.town),
                )
                .expected("a town or subdistrict id"),
            ),
        }
        if req.items.is_empty() {
            errors.push(err(
                "designation.no_items",
                "items",
                "未列明案件事项".into(),
                "the request names no items".into(),
            ));
        }
        for (i, code) in req.items.iter().enumerate() {
            if self.item(code).is_none() {
                errors.push(
                    err(
                        "designation.unknown_item",
                        format!("items[{i}]"),
                        format!("规则集中没有事项 {code}"),
                        format!("no item {code:?} in the rule set"),
                    )
                    .expected("an item code of the rule set"),
                );
            } else if req.items.iter().take(i).any(|c| c == code) {
                errors.push(err(
                    "designation.duplicate_item",
                    format!("items[{i}]"),
                    format!("事项 {code} 重复"),
                    format!("item {code} is listed twice"),
                ));
            }
        }
        let available = DesignationGround::available_to(req.initiator);
        if req.grounds.is_empty() {
            errors.push(
                err(
                    "designation.no_grounds",
                    "grounds",
                    "未说明指定管辖的理由".into(),
                    "no ground for designation is given".into(),
                )
                .expected(
                    available
                        .iter()
                        .map(|g| g.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .cite(PLAN_14.render(plan)),
            );
        }
        for (i, g) in req.grounds.iter().enumerate() {
            if !available.contains(g) {
                let (zh, en) = match req.initiator {
                    Initiator::Town => (
                        format!("镇(街道)报请指定管辖的理由只能是案件重大复杂、需要回避或不宜本级管辖，「{}」不是", g.label().zh),
                        format!("a town may ask for designation only because the case is major and complex, needs recusal or is unsuited to its level; {} is not such a ground", g.as_str()),
                    ),
                    Initiator::DistrictGovernment => (
                        format!("区政府主动指定管辖的理由只能是案件重大复杂或镇(街道)承办可能影响公正处理，「{}」不是", g.label().zh),
                        format!("the district government designates on its own initiative only because the case is major and complex or town handling could affect fair handling; {} is not such a ground", g.as_str()),
                    ),
                };
                errors.push(
                    err(
                        "designation.ground_not_available",
                        format!("grounds[{i}]"),
                        zh,
                        en,
                    )
                    .expected(
                        available
                            .iter()
                            .map(|g| g.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .cite(PLAN_14.render(plan)),
                );
            } else if req.grounds.iter().take(i).any(|x| x == g) {
                errors.push(err(
                    "designation.duplicate_ground",
                    format!("grounds[{i}]"),
                    format!("理由 {} 重复", g.as_str()),
                    format!("ground {} is listed twice", g.as_str()),
                ));
            }
        }
        if req.initiator == Initiator::DistrictGovernment && req.decision.is_some() {
            errors.push(
                err(
                    "designation.decision_not_applicable",
                    "decision",
                    "区政府主动指定即为决定本身，不另有批准或不批准".into(),
                    "the district government's own designation is itself the decision: it takes no separate decision".into(),
                )
                .cite(PLAN_14.render(plan)),
            );
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }

        // Reuse routing to read where each item stands at the town on the date.
        let case = crate::routing::Case::bare(req.items.clone(), req.town.clone(), req.date);
        let ruling = self.route(&case)?;
        let mut rules = RuleSet::new();
        for (i, it) in ruling.items.iter().enumerate() {
            rules.insert(it.status.rule());
            if !it.status.town_competent() {
                let town = ruling.location;
                return Err(InputError::single(
                    err(
                        "designation.not_town_matter",
                        format!("items[{i}]"),
                        format!("事项 {} 在 {} 不属于{}行使（状态：{}），已由{}负责，无需指定管辖", it.code, req.date, town.name_zh, it.status.label().zh, it.department.name_zh),
                        format!("item {} is not exercised by {} on {} (status: {}): {} is already responsible, so there is nothing to designate", it.code, town.name_en, req.date, it.status.label().en, it.department.name_en),
                    )
                    .expected("an item on the town's list on the date")
                    .cite(PLAN_4.render(plan)),
                ));
            }
        }
        let department = match ruling.items.first() {
            Some(first) if ruling.items.iter().all(|i| i.department.id == first.department.id) => first.department,
            _ => {
                return Err(InputError::single(
                    err(
                        "designation.several_departments",
                        "items",
                        "案件事项属于多个原行政执法部门，无法确定指定哪一个部门".into(),
                        "the items belong to several original departments: there is no single department to designate".into(),
                    )
                    .expected("items of one department")
                    .cite(PLAN_14.render(plan)),
                ))
            }
        };
        let town = ruling.location;
        let (government, _) = self.district_bodies()?;
        let initiator_rule = match req.initiator {
            Initiator::Town => RuleId::DesignationRequestAvailable,
            Initiator::DistrictGovernment => RuleId::DesignationGovernmentInitiative,
        };
        rules.insert(initiator_rule);
        t.step(Some(initiator_rule), || match req.initiator {
            Initiator::Town => (
                format!(
                    "{}以{}为由报请{}指定{}管辖。",
                    town.name_zh,
                    grounds_zh(&req.grounds),
                    government.name_zh,
                    department.name_zh
                ),
                format!(
                    "{} asks {} to designate {} because {}.",
                    town.name_en,
                    government.name_en,
                    department.name_en,
                    grounds_en(&req.grounds)
                ),
            ),
            Initiator::DistrictGovernment => (
                format!(
                    "{}以{}为由主动指定{}管辖。",
                    government.name_zh,
                    grounds_zh(&req.grounds),
                    department.name_zh
                ),
                format!(
                    "{} designates {} on its own initiative because {}.",
                    government.name_en,
                    department.name_en,
                    grounds_en(&req.grounds)
                ),
            ),
        });
        let outcome = match (req.initiator, req.decision) {
            (Initiator::DistrictGovernment, _)
            | (Initiator::Town, Some(DesignationDecision::Designated)) => {
                DesignationOutcome::Designated
            }
            (Initiator::Town, Some(DesignationDecision::Refused)) => DesignationOutcome::Refused,
            (Initiator::Town, None) => DesignationOutcome::Pending,
        };
        let (handler, name_of, effect_zh, effect_en) = match outcome {
            DesignationOutcome::Designated => {
                rules.insert(RuleId::Designated);
                rules.insert(RuleId::ResponsibilityDepartment);
                (
                    Some(department),
                    Some(department),
                    format!("{}指定{}管辖：由{}以自己名义办理并承担法律责任。", government.name_zh, department.name_zh, department.name_zh),
                    format!("{} designates {}: it handles the case in its own name and answers for it.", government.name_en, department.name_en),
                )
            }
            DesignationOutcome::Refused => {
                let name_of = ruling.acts_in_name_of;
                if let Some(n) = name_of {
                    rules.insert(if n.kind == BodyKind::Department {
                        RuleId::ResponsibilityEntrustment
                    } else {
                        RuleId::ResponsibilityDelegation
                    });
                }
                (
                    Some(town),
                    name_of,
                    format!("{}未予指定，案件仍由{}办理。", government.name_zh, town.name_zh),
                    format!("{} did not designate: {} keeps the case.", government.name_en, town.name_en),
                )
            }
            DesignationOutcome::Pending => (
                None,
                None,
                format!("由{}决定；指定的，由{}以自己名义办理并承担法律责任；不指定的，仍由{}办理。", government.name_zh, department.name_zh, town.name_zh),
                format!("{} decides; if it designates, {} handles the case in its own name and answers for it; if not, {} keeps it.", government.name_en, department.name_en, town.name_en),
            ),
        };
        t.step(None, || (effect_zh.clone(), effect_en.clone()));
        Ok(Designation {
            initiator: req.initiator,
            town,
            department,
            decides: government,
            grounds: req.grounds.clone(),
            items: ruling.items,
            outcome,
            handler,
            acts_in_name_of: name_of,
            rules,
            effect_zh,
            effect_en,
        })
    }
}

fn grounds_zh(g: &[DesignationGround]) -> String {
    g.iter()
        .map(|g| match g {
            DesignationGround::MajorAndComplex => "案件重大复杂",
            DesignationGround::NeedsRecusal => "需要回避",
            DesignationGround::UnsuitedToTownLevel => "不宜本级管辖",
            DesignationGround::FairHandlingAtRisk => "镇(街道)承办可能影响公正处理",
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn grounds_en(g: &[DesignationGround]) -> String {
    g.iter()
        .map(|g| match g {
            DesignationGround::MajorAndComplex => "the case is major and complex",
            DesignationGround::NeedsRecusal => "recusal is needed",
            DesignationGround::UnsuitedToTownLevel => "the case is unsuited to town level",
            DesignationGround::FairHandlingAtRisk => "town handling could affect fair handling",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `designation_request` answer (`status: ok`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DesignationAnswer<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered (id, version, effective date, content hash).
    pub ruleset: RulesetRef,
    /// The reference echoed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// Who started it.
    pub initiator: Initiator,
    /// The town.
    pub town: BodyView,
    /// The original department (the designee).
    pub department: BodyView,
    /// Who decides.
    pub decides: BodyView,
    /// The grounds.
    pub grounds: Vec<DesignationGround>,
    /// Each item's status at the town on the date.
    pub items: Vec<ItemView>,
    /// Pending, designated or refused.
    pub outcome: DesignationOutcome,
    /// Who handles the case (null while pending).
    pub handler: Option<BodyView>,
    /// In whose name it is decided (null while pending).
    pub acts_in_name_of: Option<BodyView>,
    /// The effect.
    pub effect: Text,
    /// Ids of the rules applied, sorted.
    pub rule_ids: Vec<&'static str>,
    /// The rules with titles and citations, in registry order.
    pub rules: Vec<RuleView<'e>>,
    /// A short explanation.
    pub summary: Text,
    /// The step-by-step trace, when asked for.
    pub trace: Option<Vec<TraceStep>>,
    /// Always empty; present so every answer has the field.
    pub warnings: Vec<Diagnostic>,
}

impl<'e> DesignationAnswer<'e> {
    /// Builds the wire answer.
    pub fn new(
        engine: &'e Engine,
        req: &DesignationRequest,
        d: &Designation<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> DesignationAnswer<'e> {
        let (zh, en) = match d.initiator {
            Initiator::Town => (
                format!(
                    "{}以{}为由报请{}指定{}管辖。",
                    d.town.name_zh,
                    grounds_zh(&d.grounds),
                    d.decides.name_zh,
                    d.department.name_zh
                ),
                format!(
                    "{} asks {} to designate {} because {}.",
                    d.town.name_en,
                    d.decides.name_en,
                    d.department.name_en,
                    grounds_en(&d.grounds)
                ),
            ),
            Initiator::DistrictGovernment => (
                format!(
                    "{}以{}为由主动指定{}管辖。",
                    d.decides.name_zh,
                    grounds_zh(&d.grounds),
                    d.department.name_zh
                ),
                format!(
                    "{} designates {} on its own initiative because {}.",
                    d.decides.name_en,
                    d.department.name_en,
                    grounds_en(&d.grounds)
                ),
            ),
        };
        DesignationAnswer {
            status: "ok",
            ruleset: RulesetRef::of(engine),
            case_ref: req.case_ref.clone(),
            initiator: d.initiator,
            town: BodyView::of(d.town),
            department: BodyView::of(d.department),
            decides: BodyView::of(d.decides),
            grounds: d.grounds.clone(),
            items: d
                .items
                .iter()
                .map(|i| ItemView {
                    code: i.code.to_owned(),
                    status: i.status,
                    grant: i.grant.map(|g| g.id.clone()),
                    department: i.department.id.clone(),
                })
                .collect(),
            outcome: d.outcome,
            handler: d.handler.map(BodyView::of),
            acts_in_name_of: d.acts_in_name_of.map(BodyView::of),
            effect: Text {
                zh: d.effect_zh.clone(),
                en: d.effect_en.clone(),
            },
            rule_ids: d.rules.sorted_ids(),
            rules: RuleView::list(engine, d.rules),
            summary: Text {
                zh: format!("{zh}{}", d.effect_zh),
                en: format!("{en} {}", d.effect_en),
            },
            trace,
            warnings: Vec::new(),
        }
    }
}
