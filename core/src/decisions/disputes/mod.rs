//! Jurisdiction disputes between a town and a department (Plan §14; 行政处罚法
//! Art. 25) and designation requests (Plan §14) — see `docs/disputes.md`.
//!
//! A dispute is a state machine over dated events, replayed from the start on
//! every request so that the answer is always the audited consequence of the
//! whole history:
//!
//! | stage \ event | `negotiation_failed` | `agreement` | `platform_resolution` | `platform_stalled` | `government_decision` | `direct_designation` |
//! |---|---|---|---|---|---|---|
//! | `negotiating` | → `at_platform` | → `resolved` | skipped rung | skipped rung | skipped rung | → `resolved` |
//! | `at_platform` | rung passed | → `resolved` | → `resolved` | → `at_district_government` | skipped rung | → `resolved` |
//! | `at_district_government` | rung passed | → `resolved` | rung passed | rung passed | → `resolved` | → `resolved` |
//! | `resolved` | refused: already resolved (every event) |||||
//!
//! A resolving event must name the `handler`, the town or the department of the
//! dispute: the ladder never resolves without a deciding body and a handler.

mod answer;
mod designation;
pub mod operation;

pub use answer::{AuditView, DisputeAnswer, NextView, ResolutionView};
pub use designation::{
    Designation, DesignationAnswer, DesignationDecision, DesignationGround, DesignationOutcome,
    DesignationRequest, Initiator,
};

use crate::vocabulary::Labelled;
use serde::{Deserialize, Serialize};

use crate::answer::TraceStep;
use crate::answer::Tracer;
use crate::citation::{Instrument, StaticCitation};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{Body, BodyKind, Engine};
use crate::schedule::MeetingDate;
use crate::time::Date;

const PLAN_14: StaticCitation = StaticCitation {
    instrument: Instrument::Plan,
    zh: "第二部分第14项",
    en: "§14",
};
const ART_25_2: StaticCitation = StaticCitation {
    instrument: Instrument::Xzcff,
    zh: "第二十五条第二款",
    en: "Art. 25(2)",
};

/// What the dispute is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeSpec {
    /// Free text echoed back (the portal's case reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// The town or subdistrict party.
    pub town: String,
    /// The department party.
    pub department: String,
    /// Item codes the case concerns (optional); each must be the department's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The day the dispute arose (negotiation starts).
    pub opened: Date,
}

/// What happened on the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// Negotiation between the parties failed (协商不成): to the platform.
    NegotiationFailed,
    /// The parties agreed who handles the case (协商一致). Needs `handler`.
    Agreement,
    /// The platform resolved the dispute (平台研究解决). Needs `handler`.
    PlatformResolution,
    /// The platform could not move it forward (难以推进): to the district government.
    PlatformStalled,
    /// The district government decided (区政府决定). Needs `handler`.
    GovernmentDecision,
    /// The district government designated directly (直接指定管辖), at any rung. Needs `handler`.
    DirectDesignation,
}

crate::vocabulary::labelled!(EventKind, "dispute_event", "争议事件", "dispute event", {
    NegotiationFailed => "negotiation_failed", "协商不成", "negotiation failed";
    Agreement => "agreement", "协商一致", "agreement reached";
    PlatformResolution => "platform_resolution", "平台研究解决", "resolved by the platform";
    PlatformStalled => "platform_stalled", "平台难以推进", "the platform could not move it forward";
    GovernmentDecision => "government_decision", "区政府决定", "decided by the district government";
    DirectDesignation => "direct_designation", "区政府直接指定管辖", "designated directly by the district government";
});

impl EventKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::NegotiationFailed => "negotiation_failed",
            EventKind::Agreement => "agreement",
            EventKind::PlatformResolution => "platform_resolution",
            EventKind::PlatformStalled => "platform_stalled",
            EventKind::GovernmentDecision => "government_decision",
            EventKind::DirectDesignation => "direct_designation",
        }
    }

    /// Whether the event resolves the dispute (and so names a handler).
    pub fn resolves(self) -> bool {
        !matches!(
            self,
            EventKind::NegotiationFailed | EventKind::PlatformStalled
        )
    }

    /// The rung the event belongs to; `None` for events allowed at every rung.
    fn rung(self) -> Option<u8> {
        match self {
            EventKind::NegotiationFailed => Some(0),
            EventKind::PlatformResolution | EventKind::PlatformStalled => Some(1),
            EventKind::GovernmentDecision => Some(2),
            EventKind::Agreement | EventKind::DirectDesignation => None,
        }
    }
}

/// One dated event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeEvent {
    /// What happened.
    pub kind: EventKind,
    /// When (on or after the previous event and the opening date).
    pub date: Date,
    /// For a resolving event: who gets the case (the town or the department id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handler: Option<String>,
    /// Free text kept in the audit trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where the dispute stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The parties negotiate (rung 1).
    Negotiating,
    /// The district platform studies and resolves (rung 2).
    AtPlatform,
    /// The district government decides (rung 3).
    AtDistrictGovernment,
    /// Settled: a deciding body named a handler.
    Resolved,
}

crate::vocabulary::labelled!(Stage, "dispute_stage", "争议所处阶段", "dispute stage", {
    Negotiating => "negotiating", "双方协商", "the parties negotiate";
    AtPlatform => "at_platform", "区级综合执法平台研究解决", "at the district platform";
    AtDistrictGovernment => "at_district_government", "报区政府决定", "before the district government";
    Resolved => "resolved", "已解决", "resolved";
});

impl Stage {
    fn rung(self) -> u8 {
        match self {
            Stage::Negotiating => 0,
            Stage::AtPlatform => 1,
            Stage::AtDistrictGovernment => 2,
            Stage::Resolved => 3,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Negotiating => "negotiating",
            Stage::AtPlatform => "at_platform",
            Stage::AtDistrictGovernment => "at_district_government",
            Stage::Resolved => "resolved",
        }
    }

    /// The events allowed at this stage.
    pub fn allowed(self) -> &'static [EventKind] {
        match self {
            Stage::Negotiating => &[
                EventKind::NegotiationFailed,
                EventKind::Agreement,
                EventKind::DirectDesignation,
            ],
            Stage::AtPlatform => &[
                EventKind::PlatformResolution,
                EventKind::PlatformStalled,
                EventKind::Agreement,
                EventKind::DirectDesignation,
            ],
            Stage::AtDistrictGovernment => &[
                EventKind::GovernmentDecision,
                EventKind::Agreement,
                EventKind::DirectDesignation,
            ],
            Stage::Resolved => &[],
        }
    }
}

/// The serialisable state of a dispute: what a portal stores and sends back
/// with new events. It round-trips through JSON; on resume the engine replays
/// `events` and refuses a `stage` that does not match them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeState {
    /// The dispute.
    pub dispute: DisputeSpec,
    /// The stage the events lead to.
    pub stage: Stage,
    /// Every accepted event, in order.
    pub events: Vec<DisputeEvent>,
}

/// The request of the `dispute` decision: either `dispute` (a new dispute) or
/// `state` (a stored one), plus new `events`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeInput {
    /// A dispute replayed from its opening.
    #[serde(default)]
    pub dispute: Option<DisputeSpec>,
    /// A stored state to resume (its events are replayed first).
    #[serde(default)]
    pub state: Option<DisputeState>,
    /// Events to apply, in order.
    #[serde(default)]
    pub events: Vec<DisputeEvent>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// What must happen next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    /// The town and the department negotiate.
    Negotiate,
    /// The platform studies and resolves (weekly meeting, then the monthly joint meeting).
    PlatformResolve,
    /// The district government decides.
    GovernmentDecide,
    /// The handler takes up the case.
    HandleCase,
}

crate::vocabulary::labelled!(NextAction, "next_action", "下一步", "next step", {
    Negotiate => "negotiate", "镇(街道)与部门协商", "the town and the department negotiate";
    PlatformResolve => "platform_resolve", "提请区级综合执法平台研究解决", "the platform studies and resolves";
    GovernmentDecide => "government_decide", "报请区政府决定", "the district government decides";
    HandleCase => "handle_case", "由确定的机关办理案件", "the designated handler takes up the case";
});

/// Who acts next, and why.
#[derive(Clone, Debug)]
pub struct NextStep<'e> {
    /// What they do.
    pub action: NextAction,
    /// Who acts.
    pub actors: Vec<&'e Body>,
    /// Since when (the last event, or the opening).
    pub since: Date,
    /// At the platform: the weekly meeting that takes the dispute up.
    pub weekly_meeting: Option<MeetingDate>,
    /// At the platform: the monthly joint meeting that studies disputes.
    pub monthly_meeting: Option<MeetingDate>,
    /// Whether the district government may still designate directly.
    pub government_may_designate: bool,
    /// The rule that assigns the step.
    pub rule: RuleId,
    /// Why, in Chinese.
    pub zh: String,
    /// Why, in English.
    pub en: String,
}

/// How the dispute was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ResolvedBy {
    /// The parties agreed.
    Agreement,
    /// The platform resolved it.
    Platform,
    /// The district government decided it.
    DistrictGovernment,
    /// The district government designated directly.
    DirectDesignation,
}

crate::vocabulary::labelled!(ResolvedBy, "resolved_by", "解决方式", "resolved by", {
    Agreement => "agreement", "协商一致", "agreement";
    Platform => "platform", "平台研究解决", "the platform";
    DistrictGovernment => "district_government", "区政府决定", "the district government";
    DirectDesignation => "direct_designation", "区政府直接指定", "direct designation";
});

/// The resolution.
#[derive(Clone, Debug)]
pub struct Resolution<'e> {
    /// How.
    pub by: ResolvedBy,
    /// The deciding body or bodies (both parties for an agreement).
    pub decided_by: Vec<&'e Body>,
    /// Who gets the case.
    pub handler: &'e Body,
    /// When.
    pub date: Date,
    /// Index of the resolving event in the full event list.
    pub event_index: usize,
}

/// One line of the audit trail.
#[derive(Clone, Debug)]
pub struct AuditEntry<'e> {
    /// Index in the full event list; `None` for the opening.
    pub index: Option<usize>,
    /// Date.
    pub date: Date,
    /// The event; `None` for the opening.
    pub kind: Option<EventKind>,
    /// Stage before.
    pub from: Option<Stage>,
    /// Stage after.
    pub to: Stage,
    /// Who acted.
    pub acted_by: Vec<&'e Body>,
    /// For a resolving event: who gets the case.
    pub handler: Option<&'e Body>,
    /// The note given with the event.
    pub note: Option<String>,
    /// The rule applied.
    pub rule: RuleId,
    /// Chinese sentence.
    pub zh: String,
    /// English sentence.
    pub en: String,
}

/// The outcome of replaying a dispute.
#[derive(Clone, Debug)]
pub struct DisputeOutcome<'e> {
    /// The state to store (every event, the stage).
    pub state: DisputeState,
    /// The town party.
    pub town: &'e Body,
    /// The department party.
    pub department: &'e Body,
    /// Who acts next.
    pub next: NextStep<'e>,
    /// The resolution, once resolved.
    pub resolution: Option<Resolution<'e>>,
    /// The audit trail: the opening, then every event.
    pub audit: Vec<AuditEntry<'e>>,
    /// The rules applied.
    pub rules: RuleSet,
}

fn refuse(
    code: &str,
    path: String,
    zh: String,
    en: String,
    plan: &crate::citation::PlanTitle,
    c: StaticCitation,
) -> InputError {
    InputError::single(Diagnostic::error(code, path, zh, en).cite(c.render(plan)))
}

/// Refuses a stored state whose stage is not the one its own events replay to
/// (checked once the stored events are replayed, before any new one).
fn check_stored_stage(stored: Option<&DisputeState>, replayed: Stage) -> Result<(), InputError> {
    match stored {
        Some(s) if s.stage != replayed => Err(InputError::single(
            Diagnostic::error(
                "dispute.state_mismatch",
                "state.stage",
                format!(
                    "存储的阶段「{}」与其事件重放得出的阶段「{}」不符",
                    s.stage.label().zh,
                    replayed.label().zh
                ),
                format!(
                    "the stored stage {} does not match the stage its events lead to, {}",
                    s.stage.as_str(),
                    replayed.as_str()
                ),
            )
            .expected(replayed.as_str()),
        )),
        _ => Ok(()),
    }
}

fn names(kinds: &[EventKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Engine {
    /// Replays a dispute: checks every event against the ladder and returns the
    /// current stage, who acts next, the audit trail and the state to store.
    pub fn replay_dispute<'e>(
        &'e self,
        input: &DisputeInput,
    ) -> Result<DisputeOutcome<'e>, InputError> {
        self.replay_dispute_with(input, Tracer(None))
    }

    /// [`Engine::replay_dispute`] with the step-by-step explanation recorded in `trace`.
    pub fn replay_dispute_traced<'e>(
        &'e self,
        input: &DisputeInput,
        trace: &mut Vec<TraceStep>,
    ) -> Result<DisputeOutcome<'e>, InputError> {
        self.replay_dispute_with(input, Tracer(Some(trace)))
    }

    fn check_spec(&self, spec: &DisputeSpec, prefix: &str) -> Result<(&Body, &Body), InputError> {
        let plan = self.plan_title();
        let town = match self.body(&spec.town) {
            Some(b) if matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict) => b,
            Some(b) if b.kind == BodyKind::ManagementCentre => {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.centre_not_a_party",
                        format!("{prefix}town"),
                        format!("{}不是乡镇人民政府或街道办事处，没有行政处罚管辖权，不能成为管辖争议的一方", b.name_zh),
                        format!("{} is not a town government or subdistrict office: it holds no penalty jurisdiction and cannot be a party to a jurisdiction dispute", b.name_en),
                    )
                    .expected("a town or subdistrict id")
                    .cite(StaticCitation { instrument: Instrument::Xzcff, zh: "第二十四条", en: "Art. 24" }.render(plan)),
                ))
            }
            _ => {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.unknown_town",
                        format!("{prefix}town"),
                        format!("{} 不是规则集中的镇或街道", spec.town),
                        format!("{:?} is not a town or subdistrict of the rule set", spec.town),
                    )
                    .expected("a town or subdistrict id"),
                ))
            }
        };
        let department = self
            .body(&spec.department)
            .filter(|b| b.kind == BodyKind::Department)
            .ok_or_else(|| {
                InputError::single(
                    Diagnostic::error(
                        "dispute.unknown_department",
                        format!("{prefix}department"),
                        format!("{} 不是规则集中的区级部门", spec.department),
                        format!("{:?} is not a department of the rule set", spec.department),
                    )
                    .expected("a department id"),
                )
            })?;
        for (i, code) in spec.items.iter().enumerate() {
            let Some(item) = self.item(code) else {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.unknown_item",
                        format!("{prefix}items[{i}]"),
                        format!("规则集中没有事项 {code}"),
                        format!("no item {code:?} in the rule set"),
                    )
                    .expected("an item code of the rule set"),
                ));
            };
            if item.spec.department != department.id {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.item_department_mismatch",
                        format!("{prefix}items[{i}]"),
                        format!(
                            "事项 {code} 的原行使部门是 {}，不是争议一方{}",
                            item.spec.department, department.name_zh
                        ),
                        format!(
                            "item {code} belongs to {}, not to the disputing department {}",
                            item.spec.department, department.id
                        ),
                    )
                    .expected(format!("an item of {}", department.id))
                    .cite(PLAN_14.render(plan)),
                ));
            }
        }
        Ok((town, department))
    }

    fn replay_dispute_with<'e>(
        &'e self,
        input: &DisputeInput,
        mut t: Tracer<'_>,
    ) -> Result<DisputeOutcome<'e>, InputError> {
        let plan = self.plan_title();
        let (spec, stored, prefix) = match (&input.dispute, &input.state) {
            (Some(d), None) => (d, None, "dispute."),
            (None, Some(s)) => (&s.dispute, Some(s), "state.dispute."),
            (Some(_), Some(_)) => {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.both_dispute_and_state",
                        "state",
                        "应提供 dispute（新争议）或 state（已存储的争议）之一，不能同时提供",
                        "give either dispute (a new dispute) or state (a stored one), not both",
                    )
                    .expected("exactly one of dispute, state"),
                ))
            }
            (None, None) => {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.no_dispute",
                        "dispute",
                        "未提供争议:应提供 dispute 或 state",
                        "no dispute given: give dispute or state",
                    )
                    .expected("exactly one of dispute, state"),
                ))
            }
        };
        limits::check_len(
            &format!("{prefix}items"),
            spec.items.len(),
            limits::MAX_LIST_ENTRIES,
        )?;
        let stored_len = stored.map_or(0, |s| s.events.len());
        limits::check_len(
            "events",
            stored_len.saturating_add(input.events.len()),
            limits::MAX_DISPUTE_EVENTS,
        )?;
        let (town, department) = self.check_spec(spec, prefix)?;
        let (government, office) = self.district_bodies()?;
        let party = |id: &str| -> Option<&'e Body> {
            if id == town.id {
                Some(town)
            } else if id == department.id {
                Some(department)
            } else {
                None
            }
        };

        let mut rules = RuleSet::new();
        let mut stage = Stage::Negotiating;
        let mut last_date = spec.opened;
        let mut resolution: Option<Resolution<'e>> = None;
        let mut platform_since: Option<Date> = None;
        let mut audit = Vec::new();
        rules.insert(RuleId::DisputeNegotiate);
        let opened_zh = format!(
            "{} {}与{}就案件管辖发生争议，应当协商解决。",
            spec.opened, town.name_zh, department.name_zh
        );
        let opened_en = format!(
            "On {} {} and {} disagree on jurisdiction and must first negotiate.",
            spec.opened, town.name_en, department.name_en
        );
        t.step(Some(RuleId::DisputeNegotiate), || {
            (opened_zh.clone(), opened_en.clone())
        });
        audit.push(AuditEntry {
            index: None,
            date: spec.opened,
            kind: None,
            from: None,
            to: Stage::Negotiating,
            acted_by: vec![town, department],
            handler: None,
            note: None,
            rule: RuleId::DisputeNegotiate,
            zh: opened_zh,
            en: opened_en,
        });

        let stored_events = stored.map_or(&[][..], |s| s.events.as_slice());
        let all = stored_events
            .iter()
            .enumerate()
            .map(|(i, e)| (format!("state.events[{i}]"), e))
            .chain(
                input
                    .events
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (format!("events[{i}]"), e)),
            );
        let mut all_events = Vec::with_capacity(stored_events.len() + input.events.len());
        for (n, (path, e)) in all.enumerate() {
            if n == stored_events.len() {
                check_stored_stage(stored, stage)?;
            }
            // 1. Nothing happens after resolution.
            if stage == Stage::Resolved {
                let (h_zh, h_en) = resolution.as_ref().map_or(("-", "-"), |r| {
                    (r.handler.name_zh.as_str(), r.handler.name_en.as_str())
                });
                return Err(refuse(
                    "dispute.already_resolved",
                    path,
                    format!("争议已解决（由{h_zh}管辖），不能再发生「{}」事件", e.kind.label().zh),
                    format!("the dispute is already resolved ({h_en} handles the case): no {} event can follow", e.kind.as_str()),
                    plan,
                    PLAN_14,
                ));
            }
            // 2. Dates never go back.
            if e.date < last_date {
                return Err(InputError::single(
                    Diagnostic::error(
                        "dispute.date_out_of_order",
                        format!("{path}.date"),
                        format!("事件日期 {} 早于前一事件（或争议发生）日期 {last_date}", e.date),
                        format!("the event date {} is before the previous event (or the opening) on {last_date}", e.date),
                    )
                    .expected(format!("a date on or after {last_date}"))
                    .cite(PLAN_14.render(plan)),
                ));
            }
            // 3. The ladder: no skipped rung, no going back.
            if !stage.allowed().contains(&e.kind) {
                let allowed = names(stage.allowed());
                let skipped = e.kind.rung().is_some_and(|r| r > stage.rung());
                let (code, zh, en) = if skipped {
                    (
                        "dispute.skipped_rung",
                        format!("争议处于「{}」阶段，「{}」事件跳过了前一层级：协商不成的提交区级综合执法平台，平台难以推进的才提请区政府决定", stage.label().zh, e.kind.label().zh),
                        format!("the dispute is at {}: a {} event skips a rung — a failed negotiation goes to the platform, and only what the platform cannot move goes to the district government", stage.as_str(), e.kind.as_str()),
                    )
                } else {
                    (
                        "dispute.rung_passed",
                        format!("争议已处于「{}」阶段，「{}」事件属于已经过的层级", stage.label().zh, e.kind.label().zh),
                        format!("the dispute is already at {}: a {} event belongs to a rung it has left", stage.as_str(), e.kind.as_str()),
                    )
                };
                return Err(InputError::single(
                    Diagnostic::error(code, path, zh, en)
                        .expected(format!("one of: {allowed}"))
                        .cite(PLAN_14.render(plan)),
                ));
            }
            // 4. A resolving event names a party as handler; others name none.
            let handler = match (e.kind.resolves(), &e.handler) {
                (true, None) => {
                    return Err(refuse(
                        "dispute.handler_missing",
                        format!("{path}.handler"),
                        format!("「{}」事件应指明由哪一方管辖（handler）", e.kind.label().zh),
                        format!("a {} event must name who handles the case (handler)", e.kind.as_str()),
                        plan,
                        PLAN_14,
                    ))
                }
                (false, Some(_)) => {
                    return Err(refuse(
                        "dispute.handler_not_applicable",
                        format!("{path}.handler"),
                        format!("「{}」事件不解决争议，不应指明管辖机关", e.kind.label().zh),
                        format!("a {} event does not resolve the dispute and names no handler", e.kind.as_str()),
                        plan,
                        PLAN_14,
                    ))
                }
                (true, Some(h)) => Some(party(h).ok_or_else(|| {
                    InputError::single(
                        Diagnostic::error(
                            "dispute.handler_not_party",
                            format!("{path}.handler"),
                            format!("{h} 不是争议当事方：只能确定由{}或{}管辖", town.name_zh, department.name_zh),
                            format!("{h:?} is not a party to the dispute: the case can only go to {} or {}", town.id, department.id),
                        )
                        .expected(format!("{} or {}", town.id, department.id))
                        .cite(ART_25_2.render(plan)),
                    )
                })?),
                (false, None) => None,
            };
            let index = n;
            let from = stage;
            let (to, rule, acted_by, zh, en) = match (e.kind, handler) {
                (EventKind::NegotiationFailed, _) => {
                    platform_since = Some(e.date);
                    (
                        Stage::AtPlatform,
                        RuleId::DisputePlatform,
                        vec![town, department],
                        format!("{} 协商不成，提交{}研究解决。", e.date, office.name_zh),
                        format!("On {} negotiation failed: the dispute goes to {} to study and resolve.", e.date, office.name_en),
                    )
                }
                (EventKind::PlatformStalled, _) => (
                    Stage::AtDistrictGovernment,
                    RuleId::DisputeGovernment,
                    vec![office],
                    format!("{} 平台难以推进，提请{}决定。", e.date, government.name_zh),
                    format!(
                        "On {} the platform could not move it forward: it goes to {} to decide.",
                        e.date, government.name_en
                    ),
                ),
                (kind, Some(h)) => {
                    let (by, deciders, rule): (ResolvedBy, Vec<&'e Body>, RuleId) = match kind {
                        EventKind::Agreement => (
                            ResolvedBy::Agreement,
                            vec![town, department],
                            RuleId::DisputeNegotiate,
                        ),
                        EventKind::PlatformResolution => {
                            (ResolvedBy::Platform, vec![office], RuleId::DisputePlatform)
                        }
                        EventKind::GovernmentDecision => (
                            ResolvedBy::DistrictGovernment,
                            vec![government],
                            RuleId::DisputeGovernment,
                        ),
                        _ => (
                            ResolvedBy::DirectDesignation,
                            vec![government],
                            RuleId::DisputeDirectDesignation,
                        ),
                    };
                    let (how_zh, how_en) = match by {
                        ResolvedBy::Agreement => ("双方协商一致", "the parties agreed"),
                        ResolvedBy::Platform => {
                            ("区级综合执法平台研究决定", "the platform resolved it")
                        }
                        ResolvedBy::DistrictGovernment => {
                            ("区政府决定", "the district government decided")
                        }
                        ResolvedBy::DirectDesignation => (
                            "区政府作为共同的上一级行政机关直接指定管辖",
                            "the district government, the common superior, designated directly",
                        ),
                    };
                    rules.insert(RuleId::DisputeResolved);
                    resolution = Some(Resolution {
                        by,
                        decided_by: deciders.clone(),
                        handler: h,
                        date: e.date,
                        event_index: index,
                    });
                    (
                        Stage::Resolved,
                        rule,
                        deciders,
                        format!("{} {how_zh}，由{}管辖。", e.date, h.name_zh),
                        format!("On {} {how_en}: {} handles the case.", e.date, h.name_en),
                    )
                }
                // A resolving kind always has a handler (checked above).
                (_, None) => return Err(InputError::internal("resolving event without handler")),
            };
            rules.insert(rule);
            t.step(Some(rule), || (zh.clone(), en.clone()));
            audit.push(AuditEntry {
                index: Some(index),
                date: e.date,
                kind: Some(e.kind),
                from: Some(from),
                to,
                acted_by,
                handler,
                note: e.note.clone(),
                rule,
                zh,
                en,
            });
            stage = to;
            last_date = e.date;
            all_events.push(e.clone());
        }
        if input.events.is_empty() {
            check_stored_stage(stored, stage)?;
        }

        // Who acts next.
        let next = match (stage, &resolution) {
            (Stage::Negotiating, _) => NextStep {
                action: NextAction::Negotiate,
                actors: vec![town, department],
                since: last_date,
                weekly_meeting: None,
                monthly_meeting: None,
                government_may_designate: true,
                rule: RuleId::DisputeNegotiate,
                zh: format!("{}与{}应当协商解决；协商不成的，提交区级综合执法平台。区政府也可以直接指定管辖。", town.name_zh, department.name_zh),
                en: format!("{} and {} must negotiate; if that fails, the dispute goes to the district platform. The district government may also designate directly.", town.name_en, department.name_en),
            },
            (Stage::AtPlatform, _) => {
                let since = platform_since.unwrap_or(last_date);
                let (weekly, _) = self.weekly_meeting(since)?;
                let (monthly, _) = self.monthly_meeting(weekly.held, since)?;
                rules.insert(RuleId::PlatformWeeklyMeeting);
                rules.insert(RuleId::PlatformMonthlyMeeting);
                let zh = format!(
                    "由{}研究解决：{} 提交，上 {} 的周例会{}，争议事项在 {} 的月联席会议{}研究解决；难以推进的，提请区政府决定。区政府也可以直接指定管辖。",
                    office.name_zh, since, weekly.held, crate::schedule::moved_zh(weekly), monthly.held, crate::schedule::moved_zh(monthly)
                );
                let en = format!(
                    "{} studies and resolves it: submitted {}, it goes to the weekly meeting of {}{} and, as a dispute, to the monthly joint meeting of {}{}; if the platform cannot move it, the district government decides. The district government may also designate directly.",
                    office.name_en, since, weekly.held, crate::schedule::moved_en(weekly), monthly.held, crate::schedule::moved_en(monthly)
                );
                t.step(Some(RuleId::PlatformMonthlyMeeting), || (zh.clone(), en.clone()));
                NextStep {
                    action: NextAction::PlatformResolve,
                    actors: vec![office],
                    since,
                    weekly_meeting: Some(weekly),
                    monthly_meeting: Some(monthly),
                    government_may_designate: true,
                    rule: RuleId::DisputePlatform,
                    zh,
                    en,
                }
            }
            (Stage::AtDistrictGovernment, _) => NextStep {
                action: NextAction::GovernmentDecide,
                actors: vec![government],
                since: last_date,
                weekly_meeting: None,
                monthly_meeting: None,
                government_may_designate: true,
                rule: RuleId::DisputeGovernment,
                zh: format!("由{}作为共同的上一级行政机关决定由哪一方管辖。", government.name_zh),
                en: format!("{}, the common superior, decides who handles the case.", government.name_en),
            },
            (Stage::Resolved, Some(r)) => NextStep {
                action: NextAction::HandleCase,
                actors: vec![r.handler],
                since: r.date,
                weekly_meeting: None,
                monthly_meeting: None,
                government_may_designate: false,
                rule: RuleId::DisputeResolved,
                zh: format!("由{}依法管辖并办理案件。", r.handler.name_zh),
                en: format!("{} handles the case.", r.handler.name_en),
            },
            (Stage::Resolved, None) => return Err(InputError::internal("resolved without resolution")),
        };
        Ok(DisputeOutcome {
            state: DisputeState {
                dispute: spec.clone(),
                stage,
                events: all_events,
            },
            town,
            department,
            next,
            resolution,
            audit,
            rules,
        })
    }
}
