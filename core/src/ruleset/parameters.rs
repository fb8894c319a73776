//! Dated parameter values that decisions read: the platform office's cadence
//! (Plan §11, read by `platform_schedule`, `dispute` and `dispatch`) and the
//! supervision thresholds (read by `supervision`). They belong to the rule set,
//! so they live with it; the decisions re-export them.

use serde::{Deserialize, Serialize};

use super::source::{Parameters, Ratio};
use crate::diagnostic::Diagnostic;

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// 星期一.
    Monday,
    /// 星期二.
    Tuesday,
    /// 星期三.
    Wednesday,
    /// 星期四.
    Thursday,
    /// 星期五.
    Friday,
    /// 星期六.
    Saturday,
    /// 星期日.
    Sunday,
}

crate::vocabulary::labelled!(Weekday, "weekday", "星期", "day of the week", {
    Monday => "monday", "星期一", "Monday";
    Tuesday => "tuesday", "星期二", "Tuesday";
    Wednesday => "wednesday", "星期三", "Wednesday";
    Thursday => "thursday", "星期四", "Thursday";
    Friday => "friday", "星期五", "Friday";
    Saturday => "saturday", "星期六", "Saturday";
    Sunday => "sunday", "星期日", "Sunday";
});

impl Weekday {
    pub(crate) fn chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }

    /// The Chinese name, e.g. `星期三`.
    pub fn name_zh(self) -> &'static str {
        match self {
            Weekday::Monday => "星期一",
            Weekday::Tuesday => "星期二",
            Weekday::Wednesday => "星期三",
            Weekday::Thursday => "星期四",
            Weekday::Friday => "星期五",
            Weekday::Saturday => "星期六",
            Weekday::Sunday => "星期日",
        }
    }

    /// The English name, e.g. `Wednesday`.
    pub fn name_en(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// Which occurrence of a weekday in the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WeekOfMonth {
    /// The first.
    First,
    /// The second.
    Second,
    /// The third.
    Third,
    /// The fourth.
    Fourth,
    /// The last.
    Last,
}

crate::vocabulary::labelled!(WeekOfMonth, "week_of_month", "每月第几周", "week of the month", {
    First => "first", "第一个", "first";
    Second => "second", "第二个", "second";
    Third => "third", "第三个", "third";
    Fourth => "fourth", "第四个", "fourth";
    Last => "last", "最后一个", "last";
});

impl WeekOfMonth {
    pub(crate) fn zh(self) -> &'static str {
        match self {
            WeekOfMonth::First => "第一个",
            WeekOfMonth::Second => "第二个",
            WeekOfMonth::Third => "第三个",
            WeekOfMonth::Fourth => "第四个",
            WeekOfMonth::Last => "最后一个",
        }
    }

    pub(crate) fn en(self) -> &'static str {
        match self {
            WeekOfMonth::First => "first",
            WeekOfMonth::Second => "second",
            WeekOfMonth::Third => "third",
            WeekOfMonth::Fourth => "fourth",
            WeekOfMonth::Last => "last",
        }
    }
}

/// The platform office's weekly meeting (Plan §11: 每周召开专题会议).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyMeeting {
    /// The day of the week it is held.
    pub weekday: Weekday,
    /// Cut-off: a matter goes to the first meeting held on or after its
    /// submission date plus this many days (0 to 6). With 1, a matter
    /// submitted on the meeting day goes to the next week's meeting.
    pub cutoff_days: u32,
}

/// The platform's monthly joint meeting (Plan §11: 每月组织…召开联席会议),
/// e.g. "the last Thursday of the month".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MonthlyMeeting {
    /// Which occurrence of the weekday.
    pub week: WeekOfMonth,
    /// The day of the week.
    pub weekday: Weekday,
}

/// The office director's quarterly report (Plan §11: 每季度…汇报).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuarterlyReport {
    /// Months after the quarter's last month in which the report is due (1 to 3):
    /// 1 = the first month of the next quarter.
    pub month_offset: u32,
    /// Day of that month by which it is due (1 to 28).
    pub day: u32,
}

/// The thresholds of the supervision signals (a dated parameter, Plan §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// 违法不罚: (filed + transferred) / found 不满 this (exclusive) is a sign.
    pub filing_ratio_min: Ratio,
    /// 违法不罚: decided / filed 不满 this (exclusive) is a sign.
    pub decision_ratio_min: Ratio,
    /// 有法不依: overturned / decided 超过 this (exclusive) is a sign.
    pub overturn_ratio_max: Ratio,
    /// A town with a sign in this many consecutive periods is a take-back candidate.
    pub consecutive_periods: u32,
}

/// Checks the cadence parameters (called by rule-set validation): dates strictly
/// increasing and values in range. The lists are optional, so empty is fine.
pub(crate) fn validate_parameters(p: &Parameters) -> Vec<Diagnostic> {
    // Date order is checked with every other parameter's (ruleset/validate.rs).
    let mut out = Vec::new();
    for (i, d) in p.platform_weekly_meeting.iter().enumerate() {
        if d.value.cutoff_days > 6 {
            out.push(
                Diagnostic::error(
                    "parameter.out_of_range",
                    format!("parameters.platform_weekly_meeting[{i}].value.cutoff_days"),
                    format!(
                        "周例会截止天数应在 0 至 6 之间，实际为 {}",
                        d.value.cutoff_days
                    ),
                    format!(
                        "the weekly meeting cut-off must be 0 to 6 days, got {}",
                        d.value.cutoff_days
                    ),
                )
                .expected("0 to 6"),
            );
        }
    }
    for (i, d) in p.platform_quarterly_report.iter().enumerate() {
        if !(1..=3).contains(&d.value.month_offset) {
            out.push(
                Diagnostic::error(
                    "parameter.out_of_range",
                    format!("parameters.platform_quarterly_report[{i}].value.month_offset"),
                    format!(
                        "季度汇报月份偏移应在 1 至 3 之间，实际为 {}",
                        d.value.month_offset
                    ),
                    format!(
                        "the quarterly report month offset must be 1 to 3, got {}",
                        d.value.month_offset
                    ),
                )
                .expected("1 to 3"),
            );
        }
        if !(1..=28).contains(&d.value.day) {
            out.push(
                Diagnostic::error(
                    "parameter.out_of_range",
                    format!("parameters.platform_quarterly_report[{i}].value.day"),
                    format!("季度汇报日应在 1 至 28 之间，实际为 {}", d.value.day),
                    format!(
                        "the quarterly report day must be 1 to 28, got {}",
                        d.value.day
                    ),
                )
                .expected("1 to 28"),
            );
        }
    }
    out
}
