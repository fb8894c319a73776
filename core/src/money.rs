//! Exact money: integer fen (分), never a binary float.
//!
//! On the wire money is a string of yuan with at most two decimals (`"50000"`,
//! `"49999.99"`) or a JSON integer of whole yuan. A JSON float is refused with
//! [`codes::MONEY_FLOAT`]: `0.1 + 0.2` has no place in a
//! fine, and a float that happens to be whole today is a float tomorrow.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes;

/// The largest amount accepted: one trillion yuan. Anything above is a typo.
const MAX_FEN: i64 = 1_000_000_000_000 * 100;

/// An exact, non-negative amount of money in fen (1 yuan = 100 fen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    fen: i64,
}

/// Why a money value was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Not a decimal number of yuan with at most two decimals.
    #[error("not an amount of yuan with at most two decimals: {0:?}")]
    Invalid(String),
    /// A negative amount.
    #[error("negative amount: {0}")]
    Negative(String),
    /// More than [`Money::MAX`].
    #[error("amount above the accepted maximum of 1,000,000,000,000 yuan: {0}")]
    TooLarge(String),
}

impl MoneyError {
    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::Invalid(_) | MoneyError::TooLarge(_) => codes::MONEY_INVALID,
            MoneyError::Negative(_) => codes::MONEY_NEGATIVE,
        }
    }
}

impl Money {
    /// Zero.
    pub const ZERO: Money = Money { fen: 0 };
    /// The largest accepted amount (one trillion yuan).
    pub const MAX: Money = Money { fen: MAX_FEN };

    /// An amount in fen; `None` if negative or above [`Money::MAX`].
    pub const fn from_fen(fen: i64) -> Option<Money> {
        if fen < 0 || fen > MAX_FEN {
            None
        } else {
            Some(Money { fen })
        }
    }

    /// An amount of whole yuan; `None` if negative or above [`Money::MAX`].
    pub const fn from_yuan(yuan: i64) -> Option<Money> {
        match yuan.checked_mul(100) {
            Some(fen) => Money::from_fen(fen),
            None => None,
        }
    }

    /// The amount in fen.
    pub const fn fen(self) -> i64 {
        self.fen
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.fen == 0
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    /// Parses `"50000"`, `"50000.5"`, `"50000.50"`; refuses signs, exponents,
    /// separators, more than two decimals and empty parts.
    fn from_str(s: &str) -> Result<Money, MoneyError> {
        let invalid = || MoneyError::Invalid(s.to_owned());
        if let Some(rest) = s.strip_prefix('-') {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                return Err(MoneyError::Negative(s.to_owned()));
            }
            return Err(invalid());
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s, ""),
        };
        if whole.is_empty()
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || frac.len() > 2
            || (s.contains('.') && frac.is_empty())
        {
            return Err(invalid());
        }
        // 16 digits of yuan already exceed MAX; refuse before arithmetic can overflow.
        if whole.trim_start_matches('0').len() > 13 {
            return Err(MoneyError::TooLarge(s.to_owned()));
        }
        let mut fen: i64 = 0;
        for b in whole.bytes() {
            fen = fen * 10 + i64::from(b - b'0');
        }
        fen *= 100;
        let mut frac_digits = frac.bytes();
        let tenths = frac_digits.next().map_or(0, |b| i64::from(b - b'0'));
        let hundredths = frac_digits.next().map_or(0, |b| i64::from(b - b'0'));
        fen += tenths * 10 + hundredths;
        Money::from_fen(fen).ok_or_else(|| MoneyError::TooLarge(s.to_owned()))
    }
}

impl fmt::Display for Money {
    /// Yuan with exactly two decimals: `50000.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.fen / 100, self.fen % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        deserializer.deserialize_any(MoneyVisitor)
    }
}

struct MoneyVisitor;

impl Visitor<'_> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an amount of yuan as a string with at most two decimals, or a whole number of yuan",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
        v.parse::<Money>()
            .map_err(|e| E::custom(codes::tagged(e.code(), &e.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
        i64::try_from(v)
            .ok()
            .and_then(Money::from_yuan)
            .ok_or_else(|| {
                E::custom(codes::tagged(
                    codes::MONEY_INVALID,
                    &MoneyError::TooLarge(v.to_string()).to_string(),
                ))
            })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
        if v < 0 {
            return Err(E::custom(codes::tagged(
                codes::MONEY_NEGATIVE,
                &MoneyError::Negative(v.to_string()).to_string(),
            )));
        }
        self.visit_u64(v.unsigned_abs())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
        // serde_json's text of the float, not `{v}`: the WASM module then carries
        // no second float formatter. The suggestion is the same amount with two
        // decimals when that text allows it, a generic example otherwise.
        let text =
            serde_json::Number::from_f64(v).map_or_else(|| "NaN".to_owned(), |n| n.to_string());
        let suggestion = match text.split_once('.') {
            Some((whole, frac)) if frac.len() <= 2 && frac.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{whole}.{frac:0<2}")
            }
            _ => "50000.00".to_owned(),
        };
        Err(E::custom(codes::tagged(
            codes::MONEY_FLOAT,
            &format!("a JSON float ({text}) where exact money is expected; write it as a string such as \"{suggestion}\""),
        )))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Exact money in yuan: a string with at most two decimals, or a whole number of yuan. Floats are refused.",
            "oneOf": [
                { "type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$" },
                { "type": "integer", "minimum": 0 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn parses_yuan_strings_exactly() {
        assert_eq!("50000".parse::<Money>().unwrap().fen(), 5_000_000);
        assert_eq!("49999.99".parse::<Money>().unwrap().fen(), 4_999_999);
        assert_eq!("0.5".parse::<Money>().unwrap().fen(), 50);
        assert_eq!("007.05".parse::<Money>().unwrap().fen(), 705);
    }

    #[test]
    fn refuses_malformed_amounts() {
        for bad in ["", ".5", "5.", "1e5", "1,000", "5.001", " 5", "+5", "五万"] {
            assert!(
                matches!(bad.parse::<Money>(), Err(MoneyError::Invalid(_))),
                "{bad:?}"
            );
        }
        assert!(matches!(
            "-1".parse::<Money>(),
            Err(MoneyError::Negative(_))
        ));
        assert!(matches!(
            "99999999999999".parse::<Money>(),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn json_float_is_refused_with_its_code() {
        let err = serde_json::from_str::<Money>("50000.0")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("[money.float]"), "{err}");
        assert!(
            err.contains("(50000.0)") && err.contains("\"50000.00\""),
            "{err}"
        );
        let err = serde_json::from_str::<Money>("0.1")
            .unwrap_err()
            .to_string();
        assert!(err.contains("(0.1)") && err.contains("\"0.10\""), "{err}");
        // No two-decimal reading of these: the generic example instead.
        for text in ["1e30", "0.125"] {
            let err = serde_json::from_str::<Money>(text).unwrap_err().to_string();
            assert!(err.contains("\"50000.00\""), "{err}");
        }
        assert_eq!(
            serde_json::from_str::<Money>("50000").unwrap().fen(),
            5_000_000
        );
        let err = serde_json::from_str::<Money>("-3").unwrap_err().to_string();
        assert!(err.starts_with("[money.negative]"), "{err}");
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Money::from_fen(4_999_999).unwrap().to_string(), "49999.99");
        assert_eq!(
            serde_json::to_string(&Money::from_yuan(5).unwrap()).unwrap(),
            "\"5.00\""
        );
    }
}
