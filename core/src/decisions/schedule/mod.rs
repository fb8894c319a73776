//! The district platform office's cadence (Plan §11: 周例会、月会商、季度汇报)
//! and the `platform_schedule` decision (see `docs/disputes.md`).
//!
//! The Plan fixes the rhythm but not the days, so the days are rule-set
//! parameters ([`WeeklyMeeting`], [`MonthlyMeeting`], [`QuarterlyReport`], each
//! dated and cited). Conventions, all documented in `docs/disputes.md`:
//!
//! * **Cut-off.** A matter submitted on day S goes to the first weekly meeting
//!   held on or after S + `cutoff_days`. With the sample value 1, a matter
//!   submitted on the meeting day goes to the *next* week's meeting; one
//!   submitted the day before goes to that week's.
//! * **Rest days.** A meeting (or the quarterly report) whose day is a rest day
//!   in the rule set's calendar is held on the next working day.
//! * **Monthly.** A hard case goes on to the first monthly joint meeting held
//!   strictly after its weekly meeting.
//! * **Quarterly.** The matter appears in the report on the quarter in which
//!   its weekly meeting is held.
//! * Which parameter values apply is read on the submission date.

mod answer;
pub mod operation;

pub use crate::ruleset::parameters::{
    MonthlyMeeting, QuarterlyReport, WeekOfMonth, Weekday, WeeklyMeeting,
};
pub use answer::{
    JointRulingView, MeetingView, MonthlyMeetingView, OnFailureView, QuarterView, ScheduleAnswer,
    WeeklyMeetingView,
};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::answer::TraceStep;
use crate::answer::Tracer;
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::engine::in_force;
use crate::ruleset::source::Dated;
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::{Calendar, Date};

/// A meeting's date: the scheduled day and the day it is held (the next working
/// day when the scheduled one is a rest day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeetingDate {
    /// The day the rule gives.
    pub scheduled: Date,
    /// The day it is held.
    pub held: Date,
}

/// The quarter a matter is reported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quarter {
    /// Year.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u32,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// The report's due date.
    pub due: MeetingDate,
}

/// The cadence for one submission.
#[derive(Clone, Debug)]
pub struct Schedule<'e> {
    /// The submission date.
    pub submitted: Date,
    /// The weekly meeting parameter applied.
    pub weekly_rule: &'e Dated<WeeklyMeeting>,
    /// The weekly meeting the matter goes to.
    pub weekly: MeetingDate,
    /// The monthly meeting parameter applied.
    pub monthly_rule: &'e Dated<MonthlyMeeting>,
    /// The monthly joint meeting a hard case goes on to.
    pub monthly: MeetingDate,
    /// The quarterly report parameter applied.
    pub quarterly_rule: &'e Dated<QuarterlyReport>,
    /// The quarter it is reported in.
    pub quarter: Quarter,
    /// A unit that failed to act, if one is named: joint ruling and referral.
    pub failed_unit: Option<&'e Body>,
    /// The rules applied.
    pub rules: RuleSet,
}

/// The request of the `platform_schedule` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// The day the matter reaches the platform office.
    pub submitted: Date,
    /// A department or town that failed to act on the office's ruling
    /// (落实不力或拒不落实): triggers the joint ruling and the referral of clues.
    #[serde(default)]
    pub failed_unit: Option<String>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

fn next_working_day(d: Date, cal: &Calendar) -> Date {
    let mut x = d;
    // A rest run is at most a few weeks; the bound only guards a hostile calendar.
    for _ in 0..366 {
        if !cal.is_rest_day(x) {
            return x;
        }
        match x.0.succ_opt() {
            Some(n) => x = Date(n),
            None => return d,
        }
    }
    d
}

fn meeting(scheduled: Date, cal: &Calendar) -> MeetingDate {
    MeetingDate {
        scheduled,
        held: next_working_day(scheduled, cal),
    }
}

fn add_days_signed(d: Date, days: i64) -> Option<Date> {
    d.0.checked_add_signed(chrono::TimeDelta::try_days(days)?)
        .map(Date)
}

/// The weekly meeting a matter submitted on `submitted` goes to.
pub(crate) fn weekly_for(submitted: Date, p: WeeklyMeeting, cal: &Calendar) -> Option<MeetingDate> {
    let earliest = add_days_signed(submitted, i64::from(p.cutoff_days))?;
    let wd = p.weekday.chrono();
    // Start two weeks back: a meeting moved off a long holiday may still lie ahead.
    let start = add_days_signed(submitted, -14)?;
    let forward =
        i64::from((7 + wd.num_days_from_monday() - start.0.weekday().num_days_from_monday()) % 7);
    let mut nominal = add_days_signed(start, forward)?;
    if nominal.0.weekday() != wd {
        return None;
    }
    for _ in 0..60 {
        let m = meeting(nominal, cal);
        if m.held >= earliest {
            return Some(m);
        }
        nominal = add_days_signed(nominal, 7)?;
    }
    None
}

fn nth_weekday(year: i32, month: u32, week: WeekOfMonth, wd: Weekday) -> Option<Date> {
    let wd = wd.chrono();
    match week {
        WeekOfMonth::Last => {
            let (ny, nm) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let last = chrono::NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
            let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            add_days_signed(Date(last), -i64::from(back))
        }
        _ => {
            let n: u8 = match week {
                WeekOfMonth::First => 1,
                WeekOfMonth::Second => 2,
                WeekOfMonth::Third => 3,
                _ => 4,
            };
            chrono::NaiveDate::from_weekday_of_month_opt(year, month, wd, n).map(Date)
        }
    }
}

/// The first monthly joint meeting held strictly after `after`.
pub(crate) fn monthly_after(after: Date, p: MonthlyMeeting, cal: &Calendar) -> Option<MeetingDate> {
    // Start a month back: a meeting moved off a holiday may cross into the next month.
    let (mut y, mut m) = if after.0.month() == 1 {
        (after.0.year() - 1, 12)
    } else {
        (after.0.year(), after.0.month() - 1)
    };
    for _ in 0..26 {
        if let Some(d) = nth_weekday(y, m, p.week, p.weekday) {
            let mt = meeting(d, cal);
            if mt.held > after {
                return Some(mt);
            }
        }
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    None
}

/// The quarter containing `d` and its report's due date.
pub(crate) fn quarter_of(d: Date, p: QuarterlyReport, cal: &Calendar) -> Option<Quarter> {
    let year = d.0.year();
    let quarter = (d.0.month() - 1) / 3 + 1;
    let first_month = quarter * 3 - 2;
    let from = Date::from_ymd(year, first_month, 1)?;
    let last_month = quarter * 3;
    let to = nth_last_day(year, last_month)?;
    let due_month_index = last_month + p.month_offset; // 3..=15
    let (due_year, due_month) = if due_month_index > 12 {
        (year + 1, due_month_index - 12)
    } else {
        (year, due_month_index)
    };
    let due = Date::from_ymd(due_year, due_month, p.day)?;
    Some(Quarter {
        year,
        quarter,
        from,
        to,
        due: meeting(due, cal),
    })
}

fn nth_last_day(year: i32, month: u32) -> Option<Date> {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    chrono::NaiveDate::from_ymd_opt(ny, nm, 1)?
        .pred_opt()
        .map(Date)
}

fn unreachable_date(name: &str, d: Date) -> InputError {
    InputError::single(Diagnostic::error(
        "date.out_of_range",
        format!("parameters.{name}"),
        format!("无法从 {d} 推算 {name} 的日期"),
        format!("no {name} date can be computed from {d}"),
    ))
}

impl Engine {
    /// Refuses a meeting date the rule set's calendar does not cover
    /// (`schedule.outside_calendar`): its rest days are unknown there, so a date
    /// moved past them could be wrong. `inspection_plan` refuses the same way.
    fn within_calendar(&self, d: Date, meeting: &str) -> Result<(), InputError> {
        let covers = self.document().calendar.covers;
        if covers.contains(d) {
            return Ok(());
        }
        Err(InputError::single(
            Diagnostic::error(
                "schedule.outside_calendar",
                format!("parameters.{meeting}"),
                format!(
                    "会议日 {d} 超出规则集日历覆盖范围 {} 至 {}，无法确定节假日；请在规则集日历中补充该年度的节假日安排",
                    covers.from, covers.to
                ),
                format!(
                    "the meeting day {d} falls outside the rule-set calendar ({} to {}), so rest days are unknown: extend the calendar",
                    covers.from, covers.to
                ),
            )
            .expected_both(
                format!("{} 至 {} 之间的日期", covers.from, covers.to),
                format!("a date within {} to {}", covers.from, covers.to),
            )
            .with_value(&d.to_string()),
        ))
    }

    /// The weekly meeting of the platform office a matter submitted on
    /// `submitted` goes to, with the parameter applied.
    pub fn weekly_meeting(
        &self,
        submitted: Date,
    ) -> Result<(MeetingDate, &Dated<WeeklyMeeting>), InputError> {
        let p = in_force(&self.parameters().platform_weekly_meeting, submitted)
            .ok_or_else(|| self.parameter_not_in_force("platform_weekly_meeting", submitted))?;
        let m = weekly_for(submitted, p.value, self.calendar())
            .ok_or_else(|| unreachable_date("platform_weekly_meeting", submitted))?;
        self.within_calendar(m.held, "platform_weekly_meeting")?;
        Ok((m, p))
    }

    /// The first monthly joint meeting after `after`, with the parameters read on `on`.
    pub fn monthly_meeting(
        &self,
        after: Date,
        on: Date,
    ) -> Result<(MeetingDate, &Dated<MonthlyMeeting>), InputError> {
        let p = in_force(&self.parameters().platform_monthly_meeting, on)
            .ok_or_else(|| self.parameter_not_in_force("platform_monthly_meeting", on))?;
        let m = monthly_after(after, p.value, self.calendar())
            .ok_or_else(|| unreachable_date("platform_monthly_meeting", after))?;
        self.within_calendar(m.held, "platform_monthly_meeting")?;
        Ok((m, p))
    }

    /// The platform office's cadence for a matter submitted on `request.submitted`.
    pub fn platform_schedule<'e>(
        &'e self,
        request: &ScheduleRequest,
    ) -> Result<Schedule<'e>, InputError> {
        self.platform_schedule_with(request, Tracer(None))
    }

    /// [`Engine::platform_schedule`] with the step-by-step explanation recorded in `trace`.
    pub fn platform_schedule_traced<'e>(
        &'e self,
        request: &ScheduleRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Schedule<'e>, InputError> {
        self.platform_schedule_with(request, Tracer(Some(trace)))
    }

    fn platform_schedule_with<'e>(
        &'e self,
        request: &ScheduleRequest,
        mut t: Tracer<'_>,
    ) -> Result<Schedule<'e>, InputError> {
        let s = request.submitted;
        let failed_unit = match &request.failed_unit {
            None => None,
            Some(id) => {
                let b = self
                    .body(id)
                    .filter(|b| {
                        matches!(
                            b.kind,
                            BodyKind::Department | BodyKind::Town | BodyKind::Subdistrict
                        )
                    })
                    .ok_or_else(|| {
                        InputError::single(
                            Diagnostic::error(
                                "schedule.unknown_unit",
                                "failed_unit",
                                format!("{id} 不是规则集中的区级部门或镇(街道)"),
                                format!("{id:?} is not a department, town or subdistrict of the rule set"),
                            )
                            .expected("a department, town or subdistrict id"),
                        )
                    })?;
                Some(b)
            }
        };
        let (weekly, weekly_rule) = self.weekly_meeting(s)?;
        let (monthly, monthly_rule) = self.monthly_meeting(weekly.held, s)?;
        let q = in_force(&self.parameters().platform_quarterly_report, s)
            .ok_or_else(|| self.parameter_not_in_force("platform_quarterly_report", s))?;
        let quarter = quarter_of(weekly.held, q.value, self.calendar())
            .ok_or_else(|| unreachable_date("platform_quarterly_report", s))?;
        self.within_calendar(quarter.due.held, "platform_quarterly_report")?;
        let mut rules = RuleSet::new();
        rules.insert(RuleId::PlatformWeeklyMeeting);
        let w = weekly_rule.value;
        t.step(Some(RuleId::PlatformWeeklyMeeting), || {
            (
                format!(
                    "周例会每{}召开，提交日加 {} 日后的第一次例会受理：{s} 提交的事项上 {} 的周例会{}。",
                    w.weekday.name_zh(),
                    w.cutoff_days,
                    weekly.held,
                    moved_zh(weekly)
                ),
                format!(
                    "The weekly meeting is held on {}s; a matter goes to the first meeting on or after its submission date plus {} day(s): submitted {s}, it goes to the meeting of {}{}.",
                    w.weekday.name_en(),
                    w.cutoff_days,
                    weekly.held,
                    moved_en(weekly)
                ),
            )
        });
        rules.insert(RuleId::PlatformMonthlyMeeting);
        let mm = monthly_rule.value;
        t.step(Some(RuleId::PlatformMonthlyMeeting), || {
            (
                format!(
                    "月联席会议在每月{}{}召开；重难点问题在周例会后的第一次联席会议（{}{}）会商。",
                    mm.week.zh(),
                    mm.weekday.name_zh(),
                    monthly.held,
                    moved_zh(monthly)
                ),
                format!(
                    "The monthly joint meeting is on the {} {} of the month; a hard case goes to the first one after the weekly meeting ({}{}).",
                    mm.week.en(),
                    mm.weekday.name_en(),
                    monthly.held,
                    moved_en(monthly)
                ),
            )
        });
        rules.insert(RuleId::PlatformQuarterlyReport);
        t.step(Some(RuleId::PlatformQuarterlyReport), || {
            (
                format!(
                    "事项在 {} 年第 {} 季度（{} 至 {}）处理，平台办公室主任于 {} 前向区委常委会会议、区政府常务会议汇报{}。",
                    quarter.year, quarter.quarter, quarter.from, quarter.to, quarter.due.held, moved_zh(quarter.due)
                ),
                format!(
                    "The matter is handled in {} Q{} ({} to {}); the office director reports on that quarter to the district Party standing committee and the government executive meeting by {}{}.",
                    quarter.year, quarter.quarter, quarter.from, quarter.to, quarter.due.held, moved_en(quarter.due)
                ),
            )
        });
        rules.insert(RuleId::PlatformJointRuling);
        t.step(Some(RuleId::PlatformJointRuling), || match failed_unit {
            Some(b) => (
                format!("{}落实不力或拒不落实，启动联合裁定程序，并向纪委监委、组织部移交线索。", b.name_zh),
                format!("{} failed to act: the joint ruling procedure starts and clues go to the discipline inspection and supervision commission and the organisation department.", b.name_en),
            ),
            None => (
                "责任单位落实不力或拒不落实的，启动联合裁定程序，并向纪委监委、组织部移交线索。".into(),
                "A responsible unit that fails to act triggers the joint ruling procedure, and clues go to the discipline inspection and supervision commission and the organisation department.".into(),
            ),
        });
        Ok(Schedule {
            submitted: s,
            weekly_rule,
            weekly,
            monthly_rule,
            monthly,
            quarterly_rule: q,
            quarter,
            failed_unit,
            rules,
        })
    }
}

pub(crate) fn moved_zh(m: MeetingDate) -> String {
    if m.held == m.scheduled {
        String::new()
    } else {
        format!("（原定 {} 为休息日，顺延）", m.scheduled)
    }
}

pub(crate) fn moved_en(m: MeetingDate) -> String {
    if m.held == m.scheduled {
        String::new()
    } else {
        format!(" (moved from {}, a rest day)", m.scheduled)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekly_cut_off_and_rest_days() {
        let cal = Calendar::weekends_only();
        let wed = WeeklyMeeting {
            weekday: Weekday::Wednesday,
            cutoff_days: 1,
        };
        // 2024-09-04 is a Wednesday.
        assert_eq!(
            weekly_for(d("2024-09-03"), wed, &cal).unwrap().held,
            d("2024-09-04")
        );
        assert_eq!(
            weekly_for(d("2024-09-04"), wed, &cal).unwrap().held,
            d("2024-09-11")
        );
        assert_eq!(
            weekly_for(d("2024-09-05"), wed, &cal).unwrap().held,
            d("2024-09-11")
        );
        let same_day = WeeklyMeeting {
            cutoff_days: 0,
            ..wed
        };
        assert_eq!(
            weekly_for(d("2024-09-04"), same_day, &cal).unwrap().held,
            d("2024-09-04")
        );
    }

    #[test]
    fn monthly_and_quarter() {
        let cal = Calendar::weekends_only();
        let last_thu = MonthlyMeeting {
            week: WeekOfMonth::Last,
            weekday: Weekday::Thursday,
        };
        assert_eq!(
            monthly_after(d("2024-09-11"), last_thu, &cal).unwrap().held,
            d("2024-09-26")
        );
        assert_eq!(
            monthly_after(d("2024-09-26"), last_thu, &cal).unwrap().held,
            d("2024-10-31")
        );
        let first_mon = MonthlyMeeting {
            week: WeekOfMonth::First,
            weekday: Weekday::Monday,
        };
        assert_eq!(
            monthly_after(d("2024-12-31"), first_mon, &cal)
                .unwrap()
                .held,
            d("2025-01-06")
        );
        let q = quarter_of(
            d("2024-12-31"),
            QuarterlyReport {
                month_offset: 1,
                day: 10,
            },
            &cal,
        )
        .unwrap();
        assert_eq!(
            (q.quarter, q.from, q.to, q.due.held),
            (4, d("2024-10-01"), d("2024-12-31"), d("2025-01-10"))
        );
    }
}
