//! The `platform_schedule` answer on the wire.

use serde::Serialize;

use super::{moved_en, moved_zh, MeetingDate, Schedule, WeekOfMonth, Weekday};
use crate::answer::TraceStep;
use crate::answer::{BodyView, RuleView, RulesetRef, Text};
use crate::citation::CitationText;
use crate::diagnostic::Diagnostic;
use crate::ruleset::Engine;
use crate::time::Date;

/// A meeting's dates.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingView {
    /// The day it is held.
    pub date: Date,
    /// The day the rule gives (differs when that day is a rest day).
    pub scheduled: Date,
    /// Whether it was moved off a rest day.
    pub moved_for_rest_day: bool,
}

impl MeetingView {
    pub(crate) fn of(m: MeetingDate) -> MeetingView {
        MeetingView {
            date: m.held,
            scheduled: m.scheduled,
            moved_for_rest_day: m.held != m.scheduled,
        }
    }
}

/// The weekly meeting a matter goes to.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeeklyMeetingView {
    /// The day it is held.
    pub date: Date,
    /// The day the rule gives.
    pub scheduled: Date,
    /// Whether it was moved off a rest day.
    pub moved_for_rest_day: bool,
    /// The meeting weekday (parameter).
    pub weekday: Weekday,
    /// The cut-off in days (parameter).
    pub cutoff_days: u32,
    /// The parameter's citation.
    pub citation: CitationText,
}

/// The monthly joint meeting a hard case goes on to.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MonthlyMeetingView {
    /// The day it is held.
    pub date: Date,
    /// The day the rule gives.
    pub scheduled: Date,
    /// Whether it was moved off a rest day.
    pub moved_for_rest_day: bool,
    /// Which occurrence of the weekday (parameter).
    pub week: WeekOfMonth,
    /// The weekday (parameter).
    pub weekday: Weekday,
    /// The parameter's citation.
    pub citation: CitationText,
}

/// The quarterly report the matter appears in.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuarterView {
    /// e.g. `2024-Q3`.
    pub quarter: String,
    /// The quarter's first day.
    pub from: Date,
    /// The quarter's last day.
    pub to: Date,
    /// The day the report is due.
    pub due: Date,
    /// The day the rule gives.
    pub scheduled: Date,
    /// Whether it was moved off a rest day.
    pub moved_for_rest_day: bool,
    /// To whom the office director reports.
    pub reports_to: Vec<Text>,
    /// The parameter's citation.
    pub citation: CitationText,
}

/// What happens when a responsible unit fails to act.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OnFailureView {
    /// Whether a failing unit was named (the consequence applies now).
    pub triggered: bool,
    /// The unit that failed to act.
    pub unit: Option<BodyView>,
    /// The consequences.
    pub consequence: JointRulingView,
}

/// The joint ruling and referral of Plan §11.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct JointRulingView {
    /// Always `joint_ruling` (联合裁定程序).
    pub procedure: &'static str,
    /// Who receives the clues: the discipline inspection and supervision
    /// commission and the organisation department.
    pub clues_referred_to: Vec<Text>,
}

impl JointRulingView {
    pub(crate) fn standard() -> JointRulingView {
        JointRulingView {
            procedure: "joint_ruling",
            clues_referred_to: vec![
                Text {
                    zh: "纪委监委".into(),
                    en: "the discipline inspection and supervision commission".into(),
                },
                Text {
                    zh: "组织部".into(),
                    en: "the organisation department".into(),
                },
            ],
        }
    }
}

/// The `platform_schedule` answer (`status: ok`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScheduleAnswer<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered (id, version, effective date, content hash).
    pub ruleset: RulesetRef,
    /// The submission date.
    pub submitted: Date,
    /// The platform office.
    pub office: BodyView,
    /// The weekly meeting the matter goes to.
    pub weekly_meeting: WeeklyMeetingView,
    /// The monthly joint meeting a hard case goes on to.
    pub monthly_meeting: MonthlyMeetingView,
    /// The quarterly report the matter appears in.
    pub quarterly_report: QuarterView,
    /// Joint ruling and referral when a unit fails to act.
    pub on_failure: OnFailureView,
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

impl<'e> ScheduleAnswer<'e> {
    /// Builds the wire answer.
    pub fn new(
        engine: &'e Engine,
        s: &Schedule<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> Result<ScheduleAnswer<'e>, crate::InputError> {
        let plan = engine.plan_title();
        let (_, office) = engine.district_bodies()?;
        let w = s.weekly_rule.value;
        let m = s.monthly_rule.value;
        let q = &s.quarter;
        let zh = format!(
            "{} 提交的事项上 {} 的周例会{}；重难点问题转 {} 的月联席会议{}；在 {} 年第 {} 季度汇报中报告（汇报于 {} 前{}）。",
            s.submitted,
            s.weekly.held,
            moved_zh(s.weekly),
            s.monthly.held,
            moved_zh(s.monthly),
            q.year,
            q.quarter,
            q.due.held,
            moved_zh(q.due)
        );
        let en = format!(
            "A matter submitted on {} goes to the weekly meeting of {}{}; a hard case goes on to the monthly joint meeting of {}{}; it is reported in the {} Q{} report, due by {}{}.",
            s.submitted,
            s.weekly.held,
            moved_en(s.weekly),
            s.monthly.held,
            moved_en(s.monthly),
            q.year,
            q.quarter,
            q.due.held,
            moved_en(q.due)
        );
        let (zh, en) = match s.failed_unit {
            Some(b) => (
                format!("{zh}{}落实不力，启动联合裁定程序并向纪委监委、组织部移交线索。", b.name_zh),
                format!("{en} {} failed to act: joint ruling, and clues go to the discipline commission and the organisation department.", b.name_en),
            ),
            None => (zh, en),
        };
        Ok(ScheduleAnswer {
            status: "ok",
            ruleset: RulesetRef::of(engine),
            submitted: s.submitted,
            office: BodyView::of(office),
            weekly_meeting: WeeklyMeetingView {
                date: s.weekly.held,
                scheduled: s.weekly.scheduled,
                moved_for_rest_day: s.weekly.held != s.weekly.scheduled,
                weekday: w.weekday,
                cutoff_days: w.cutoff_days,
                citation: s.weekly_rule.citation.render(plan),
            },
            monthly_meeting: MonthlyMeetingView {
                date: s.monthly.held,
                scheduled: s.monthly.scheduled,
                moved_for_rest_day: s.monthly.held != s.monthly.scheduled,
                week: m.week,
                weekday: m.weekday,
                citation: s.monthly_rule.citation.render(plan),
            },
            quarterly_report: QuarterView {
                quarter: format!("{}-Q{}", q.year, q.quarter),
                from: q.from,
                to: q.to,
                due: q.due.held,
                scheduled: q.due.scheduled,
                moved_for_rest_day: q.due.held != q.due.scheduled,
                reports_to: vec![
                    Text {
                        zh: "区委常委会会议".into(),
                        en: "the district Party committee's standing committee meeting".into(),
                    },
                    Text {
                        zh: "区政府常务会议".into(),
                        en: "the district government's executive meeting".into(),
                    },
                ],
                citation: s.quarterly_rule.citation.render(plan),
            },
            on_failure: OnFailureView {
                triggered: s.failed_unit.is_some(),
                unit: s.failed_unit.map(BodyView::of),
                consequence: JointRulingView::standard(),
            },
            rule_ids: s.rules.sorted_ids(),
            rules: RuleView::list(engine, s.rules),
            summary: Text { zh, en },
            trace,
            warnings: Vec::new(),
        })
    }
}
