use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes;

/// A calendar date, written `YYYY-MM-DD` on the wire and nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// A date from year, month and day; `None` if it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// The underlying chrono date.
    pub const fn naive(self) -> NaiveDate {
        self.0
    }
}

/// Why a date string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a real date in YYYY-MM-DD form: {0:?}")]
pub struct DateError(pub String);

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(DateError(s.to_owned()));
        }
        // The shape is checked: ten bytes, digits around the two dashes. Reading the
        // numbers by hand keeps chrono's strftime parser out of the build (WASM size)
        // and is faster than it.
        let num = |r: std::ops::Range<usize>| {
            b.get(r)
                .map(|d| d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')))
                .unwrap_or(0)
        };
        let year = i32::try_from(num(0..4)).map_err(|_| DateError(s.to_owned()))?;
        Date::from_ymd(year, num(5..7), num(8..10)).ok_or_else(|| DateError(s.to_owned()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // By hand rather than chrono's `format("%Y-%m-%d")`: same text (chrono's `%Y`
        // pads to four digits and signs years outside 0..=9999), no strftime machinery.
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if (0..=9999).contains(&y) {
            write!(f, "{y:04}-{m:02}-{d:02}")
        } else if y > 9999 {
            write!(f, "+{y}-{m:02}-{d:02}")
        } else {
            write!(f, "-{:04}-{m:02}-{d:02}", y.unsigned_abs())
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                v.parse().map_err(|e: DateError| {
                    E::custom(codes::tagged(codes::DATE_INVALID, &e.to_string()))
                })
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

/// An inclusive range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
}

impl DateRange {
    /// Whether `d` lies in the range, both ends included.
    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn strict_iso_dates_only() {
        assert_eq!(
            "2024-02-29".parse::<Date>().unwrap(),
            Date::from_ymd(2024, 2, 29).unwrap()
        );
        for bad in [
            "2023-02-29",
            "2024-2-1",
            "2024/02/01",
            "20240201",
            "2024-02-01T00:00",
            "",
            "2024-13-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        for (y, text) in [
            (2024, "2024-02-29"),
            (7, "0007-02-28"),
            (10000, "+10000-02-28"),
            (-1, "-0001-02-28"),
        ] {
            let m = if y == 2024 { 29 } else { 28 };
            assert_eq!(Date::from_ymd(y, 2, m).unwrap().to_string(), text);
        }
        assert_eq!(
            "0000-01-01".parse::<Date>().unwrap(),
            Date::from_ymd(0, 1, 1).unwrap()
        );
        let err = serde_json::from_str::<Date>("\"2024-02-30\"")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("[date.invalid]"), "{err}");
    }
}
