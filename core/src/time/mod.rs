//! Dates, the rest-day calendar, and periods counted per 民法典 Art. 200–203.

mod calendar;
mod date;
mod period;

pub use calendar::{Calendar, CalendarSpec, HolidaySpec};
pub use date::{Date, DateRange};
pub use period::{add_days, add_months, period_last_day, period_last_day_in_days};
