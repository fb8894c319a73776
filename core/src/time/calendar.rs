use std::collections::HashSet;

use chrono::{Datelike, Weekday};
use serde::{Deserialize, Serialize};

use super::{Date, DateRange};
use crate::citation::CitationSpec;

/// One statutory holiday run, as the State Council notice for the year sets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HolidaySpec {
    /// First rest day.
    pub from: Date,
    /// Last rest day, included.
    pub to: Date,
    /// Chinese name (春节 …).
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// The rest-day calendar (法定休假日) as written in a rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// Saturdays and Sundays are rest days unless listed in `working_days`.
    pub weekends_are_rest_days: bool,
    /// The years the holiday lists are known for.
    pub covers: DateRange,
    /// Statutory holidays.
    pub holidays: Vec<HolidaySpec>,
    /// Make-up working days (调休): weekend days that are working days.
    pub working_days: Vec<Date>,
    /// Where the holiday arrangement comes from.
    pub citation: CitationSpec,
}

/// The indexed rest-day calendar used by period arithmetic (民法典 Art. 203).
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    weekends_are_rest_days: bool,
    holidays: HashSet<Date>,
    working_days: HashSet<Date>,
}

impl Calendar {
    /// Indexes a calendar spec. Ranges with `from > to` contribute nothing (validation reports them).
    pub fn new(spec: &CalendarSpec) -> Calendar {
        let mut holidays = HashSet::new();
        for h in &spec.holidays {
            let mut d = h.from.0;
            while d <= h.to.0 {
                holidays.insert(Date(d));
                match d.succ_opt() {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
        Calendar {
            weekends_are_rest_days: spec.weekends_are_rest_days,
            holidays,
            working_days: spec.working_days.iter().copied().collect(),
        }
    }

    /// A calendar in which only weekends rest (for tests and rule sets without holidays).
    pub fn weekends_only() -> Calendar {
        Calendar {
            weekends_are_rest_days: true,
            ..Calendar::default()
        }
    }

    /// Whether `d` is a statutory rest day (法定休假日).
    pub fn is_rest_day(&self, d: Date) -> bool {
        if self.working_days.contains(&d) {
            return false;
        }
        if self.holidays.contains(&d) {
            return true;
        }
        self.weekends_are_rest_days && matches!(d.0.weekday(), Weekday::Sat | Weekday::Sun)
    }
}
