//! The `dispute` answer on the wire.

use serde::Serialize;

use super::{DisputeOutcome, DisputeState, EventKind, NextAction, ResolvedBy, Stage};
use crate::answer::TraceStep;
use crate::answer::{BodyView, RuleView, RulesetRef, Text};
use crate::citation::CitationText;
use crate::diagnostic::Diagnostic;
use crate::ruleset::Engine;
use crate::schedule::MeetingView;
use crate::time::Date;

/// The parties as shown in answers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PartiesView {
    /// The portal's case reference, echoed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_ref: Option<String>,
    /// The town party.
    pub town: BodyView,
    /// The department party.
    pub department: BodyView,
    /// Item codes.
    pub items: Vec<String>,
    /// The day the dispute arose.
    pub opened: Date,
}

/// Who acts next, and why.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NextView {
    /// What they do.
    pub action: NextAction,
    /// Who acts.
    pub actors: Vec<BodyView>,
    /// Since when.
    pub since: Date,
    /// At the platform: the weekly meeting that takes it up.
    pub weekly_meeting: Option<MeetingView>,
    /// At the platform: the monthly joint meeting that studies disputes.
    pub monthly_meeting: Option<MeetingView>,
    /// Whether the district government may still designate directly (Art. 25(2)).
    pub district_government_may_designate: bool,
    /// The rule that assigns the step.
    pub rule: &'static str,
    /// Its citations.
    pub citations: Vec<CitationText>,
    /// Why.
    pub why: Text,
}

/// The resolution.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResolutionView {
    /// How.
    pub by: ResolvedBy,
    /// The deciding body or bodies.
    pub decided_by: Vec<BodyView>,
    /// Who gets the case.
    pub handler: BodyView,
    /// When.
    pub date: Date,
    /// Index of the resolving event in `state.events`.
    pub event_index: usize,
}

/// One line of the audit trail.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditView {
    /// Index in `state.events`; null for the opening.
    pub index: Option<usize>,
    /// Date.
    pub date: Date,
    /// `opened` or the event kind.
    pub event: &'static str,
    /// Stage before (null for the opening).
    pub from: Option<Stage>,
    /// Stage after.
    pub to: Stage,
    /// Ids of the bodies that acted.
    pub acted_by: Vec<String>,
    /// Id of the handler, for a resolving event.
    pub handler: Option<String>,
    /// The note given with the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The rule applied.
    pub rule: &'static str,
    /// What happened.
    pub text: Text,
}

/// The `dispute` answer (`status: ok`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DisputeAnswer<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered (id, version, effective date, content hash).
    pub ruleset: RulesetRef,
    /// The parties.
    pub dispute: PartiesView,
    /// Where it stands.
    pub stage: Stage,
    /// Who acts next.
    pub next: NextView,
    /// The resolution, once resolved.
    pub resolution: Option<ResolutionView>,
    /// The opening and every event, in order.
    pub audit: Vec<AuditView>,
    /// The state to store and send back with new events.
    pub state: DisputeState,
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

fn stage_zh(s: Stage) -> &'static str {
    match s {
        Stage::Negotiating => "处于协商阶段",
        Stage::AtPlatform => "处于区级综合执法平台研究解决阶段",
        Stage::AtDistrictGovernment => "处于提请区政府决定阶段",
        Stage::Resolved => "已解决",
    }
}

fn stage_en(s: Stage) -> &'static str {
    match s {
        Stage::Negotiating => "under negotiation",
        Stage::AtPlatform => "at the district platform",
        Stage::AtDistrictGovernment => "before the district government",
        Stage::Resolved => "resolved",
    }
}

impl<'e> DisputeAnswer<'e> {
    /// Builds the wire answer.
    pub fn new(
        engine: &'e Engine,
        o: DisputeOutcome<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> DisputeAnswer<'e> {
        let stage = o.state.stage;
        let summary = Text {
            zh: format!("争议{}。{}", stage_zh(stage), o.next.zh),
            en: format!("The dispute is {}. {}", stage_en(stage), o.next.en),
        };
        DisputeAnswer {
            status: "ok",
            ruleset: RulesetRef::of(engine),
            dispute: PartiesView {
                case_ref: o.state.dispute.case_ref.clone(),
                town: BodyView::of(o.town),
                department: BodyView::of(o.department),
                items: o.state.dispute.items.clone(),
                opened: o.state.dispute.opened,
            },
            stage,
            next: NextView {
                action: o.next.action,
                actors: o.next.actors.iter().map(|b| BodyView::of(b)).collect(),
                since: o.next.since,
                weekly_meeting: o.next.weekly_meeting.map(MeetingView::of),
                monthly_meeting: o.next.monthly_meeting.map(MeetingView::of),
                district_government_may_designate: o.next.government_may_designate,
                rule: o.next.rule.id(),
                citations: engine.render_citations(o.next.rule),
                why: Text {
                    zh: o.next.zh.clone(),
                    en: o.next.en.clone(),
                },
            },
            resolution: o.resolution.as_ref().map(|r| ResolutionView {
                by: r.by,
                decided_by: r.decided_by.iter().map(|b| BodyView::of(b)).collect(),
                handler: BodyView::of(r.handler),
                date: r.date,
                event_index: r.event_index,
            }),
            audit: o
                .audit
                .into_iter()
                .map(|a| AuditView {
                    index: a.index,
                    date: a.date,
                    event: a.kind.map_or("opened", EventKind::as_str),
                    from: a.from,
                    to: a.to,
                    acted_by: a.acted_by.iter().map(|b| b.id.clone()).collect(),
                    handler: a.handler.map(|b| b.id.clone()),
                    note: a.note,
                    rule: a.rule.id(),
                    text: Text { zh: a.zh, en: a.en },
                })
                .collect(),
            rule_ids: o.rules.sorted_ids(),
            rules: RuleView::list(engine, o.rules),
            state: o.state,
            summary,
            trace,
            warnings: Vec::new(),
        }
    }
}
