//! Periods per 民法典 Art. 201–203.
//!
//! * Art. 201: the start day is not counted; counting begins the next day.
//! * Art. 202: a period in months ends on the corresponding day of the final month,
//!   or on that month's last day where there is none.
//! * Art. 203: a last day that is a statutory rest day moves to the day after the rest ends.

use chrono::{Days, Months};

use super::{Calendar, Date};

/// The corresponding day `months` months after `start` (Art. 201–202), without the
/// rest-day extension. `None` only past chrono's date range.
pub fn add_months(start: Date, months: u32) -> Option<Date> {
    // chrono clamps to the month's last day when the day does not exist: Art. 202.
    start.0.checked_add_months(Months::new(months)).map(Date)
}

/// The day `days` days after `start` (Art. 201: the start day is not counted).
pub fn add_days(start: Date, days: u32) -> Option<Date> {
    start
        .0
        .checked_add_days(Days::new(u64::from(days)))
        .map(Date)
}

/// Moves `last` past any run of rest days (Art. 203).
fn extend_over_rest_days(mut last: Date, calendar: &Calendar) -> Option<Date> {
    // A run of rest days is at most a few weeks; the bound only guards a hostile calendar.
    for _ in 0..366 {
        if !calendar.is_rest_day(last) {
            return Some(last);
        }
        last = Date(last.0.succ_opt()?);
    }
    None
}

/// The last day of a period of `months` months starting on `start`, per Art. 201–203.
pub fn period_last_day(start: Date, months: u32, calendar: &Calendar) -> Option<Date> {
    extend_over_rest_days(add_months(start, months)?, calendar)
}

/// The last day of a period of `days` days starting on `start`, per Art. 201, 203.
pub fn period_last_day_in_days(start: Date, days: u32, calendar: &Calendar) -> Option<Date> {
    extend_over_rest_days(add_days(start, days)?, calendar)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn month_end_without_corresponding_day() {
        let none = Calendar::default();
        // 2024-11-30 + 3 months: February has no 30th → its last day.
        assert_eq!(
            period_last_day(d("2024-11-30"), 3, &none),
            Some(d("2025-02-28"))
        );
        assert_eq!(
            period_last_day(d("2023-11-30"), 3, &none),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            period_last_day(d("2024-05-15"), 3, &none),
            Some(d("2024-08-15"))
        );
        assert_eq!(
            period_last_day(d("2024-01-31"), 1, &none),
            Some(d("2024-02-29"))
        );
    }

    #[test]
    fn rest_day_extends_to_next_working_day() {
        let weekends = Calendar::weekends_only();
        // 2024-08-17 is a Saturday → Monday 2024-08-19.
        assert_eq!(
            period_last_day(d("2024-05-17"), 3, &weekends),
            Some(d("2024-08-19"))
        );
        // Start day not counted: 90 days from 2024-01-01 is 2024-03-31 (a Sunday) → 04-01.
        assert_eq!(
            period_last_day_in_days(d("2024-01-01"), 90, &weekends),
            Some(d("2024-04-01"))
        );
    }
}
