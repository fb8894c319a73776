//! The `dispatch` answer on the wire.

use serde::Serialize;

use super::{Destination, Dispatch, Mode, Report, Source};
use crate::answer::{BodyView, RuleView, RulesetRef, Text};
use crate::diagnostic::Diagnostic;
use crate::routing::{ItemStatus, TraceStep};
use crate::ruleset::Engine;
use crate::schedule::MeetingView;
use crate::time::Date;

/// An item looked at.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DispatchItemView {
    /// Item code.
    pub code: String,
    /// Its status at the town on the date (from routing).
    pub status: ItemStatus,
    /// The grant giving the status.
    pub grant: Option<String>,
    /// The original department's id.
    pub department: String,
}

/// Management centre → town.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HandoverView {
    /// The centre.
    pub from: BodyView,
    /// The town.
    pub to: BodyView,
}

/// The `dispatch` answer (`status: ok`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DispatchAnswer<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered (id, version, effective date, content hash).
    pub ruleset: RulesetRef,
    /// The report id echoed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
    /// Where the report comes from.
    pub source: Source,
    /// The report date.
    pub date: Date,
    /// Where it was made.
    pub place: BodyView,
    /// The town whose list applies.
    pub town: BodyView,
    /// The domain id.
    pub domain: Option<String>,
    /// Where it goes.
    pub destination: Destination,
    /// How it is passed on.
    pub mode: Mode,
    /// Who dispatches it.
    pub dispatcher: BodyView,
    /// Who handles it (null while the platform office rules).
    pub handler: Option<BodyView>,
    /// The department the platform dispatches.
    pub department: Option<BodyView>,
    /// For the town team: in whose name it acts (null if the items differ).
    pub acts_in_name_of: Option<BodyView>,
    /// Management centre → town.
    pub handover: Option<HandoverView>,
    /// For an unclear matter: the weekly meeting that rules.
    pub weekly_meeting: Option<MeetingView>,
    /// The items looked at.
    pub items: Vec<DispatchItemView>,
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

impl<'e> DispatchAnswer<'e> {
    /// Builds the wire answer.
    pub fn new(
        engine: &'e Engine,
        report: &Report,
        d: &Dispatch<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> DispatchAnswer<'e> {
        let (zh, en) = summary(report, d);
        DispatchAnswer {
            status: "ok",
            ruleset: RulesetRef::of(engine),
            report_id: report.report_id.clone(),
            source: report.source,
            date: report.date,
            place: BodyView::of(d.place),
            town: BodyView::of(d.town),
            domain: d.domain.map(|x| x.id.clone()),
            destination: d.destination,
            mode: d.mode,
            dispatcher: BodyView::of(d.dispatcher),
            handler: d.handler.map(BodyView::of),
            department: d.department.map(BodyView::of),
            acts_in_name_of: d.acts_in_name_of.map(BodyView::of),
            handover: d.handover.map(|(f, t)| HandoverView {
                from: BodyView::of(f),
                to: BodyView::of(t),
            }),
            weekly_meeting: d.weekly_meeting.map(MeetingView::of),
            items: d
                .items
                .iter()
                .map(|i| DispatchItemView {
                    code: i.code.to_owned(),
                    status: i.status,
                    grant: i.grant.map(|g| g.id.clone()),
                    department: i.department.id.clone(),
                })
                .collect(),
            rule_ids: d.rules.sorted_ids(),
            rules: RuleView::list(engine, d.rules),
            summary: Text { zh, en },
            trace,
            warnings: Vec::new(),
        }
    }
}

fn summary(r: &Report, d: &Dispatch<'_>) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    if let Some((c, t)) = d.handover {
        zh.push_str(&format!("{}发现的问题移交{}。", c.name_zh, t.name_zh));
        en.push_str(&format!(
            "{} passes the matter to {}. ",
            c.name_en, t.name_en
        ));
    }
    match d.destination {
        Destination::TownTeam => {
            let how_zh = if r.source == Source::GridWorker {
                "网格员呼叫、执法队报到"
            } else {
                "镇(街道)派单、执法队接单"
            };
            let how_en = if r.source == Source::GridWorker {
                "the grid worker calls and the team reports"
            } else {
                "the town dispatches and the team accepts"
            };
            zh.push_str(&format!(
                "事项在{}清单内，由其综合执法队处置（{how_zh}）。",
                d.town.name_zh
            ));
            en.push_str(&format!(
                "The matter is on {}'s list: its enforcement team handles it ({how_en}).",
                d.town.name_en
            ));
        }
        Destination::DistrictPlatform => {
            let (dz, de) = d
                .department
                .map_or(("-", "-"), |x| (x.name_zh.as_str(), x.name_en.as_str()));
            zh.push_str(&format!(
                "事项不在{}清单内（或仍在过渡期），吹哨至{}，由平台派单{}处置（吹哨报到）。",
                d.town.name_zh, d.dispatcher.name_zh, dz
            ));
            en.push_str(&format!(
                "The matter is not on {}'s list (or is still in transition): it is whistled to {}, which dispatches {} (whistle-and-report).",
                d.town.name_en, d.dispatcher.name_en, de
            ));
        }
        Destination::PlatformRuling => {
            let date = d
                .weekly_meeting
                .map_or_else(String::new, |m| m.held.to_string());
            zh.push_str(&format!(
                "职责不清，提交{}在 {date} 的周例会快速裁定责任范围。",
                d.dispatcher.name_zh
            ));
            en.push_str(&format!(
                "Responsibility is unclear: {} rules on it at its weekly meeting of {date}.",
                d.dispatcher.name_en
            ));
        }
    }
    (zh, en)
}
