//! Vocabulary: the words a person reads for every code an answer carries.
//!
//! Answers carry stable codes (`transfer`, `at_platform`, `whistle_and_report`):
//! programs branch on them. People read labels: 移送原行使部门, 区级综合执法平台研究解决,
//! 吹哨报到. Each enumeration that reaches a person implements [`Labelled`], so
//! its Chinese and English labels live beside its variants in the engine and a
//! new variant cannot compile without them. The `labels` operation publishes
//! every [`Vocabulary`]; the CLI, the portal and both bindings read them from
//! there instead of keeping tables of their own.

use serde::Serialize;

/// One value's code and its labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Label {
    /// The code as it appears in JSON, e.g. `transfer`.
    pub code: &'static str,
    /// Chinese label, e.g. 移送原行使部门.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

impl Label {
    /// The label in `zh` or `en` (any other tag gives the code).
    pub fn in_lang(&self, lang: &str) -> &'static str {
        match lang {
            "zh" => self.zh,
            "en" => self.en,
            _ => self.code,
        }
    }
}

/// A named set of codes with their labels (one enumeration of the contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Vocabulary {
    /// Stable name, e.g. `disposition`, `dispute_stage`.
    pub name: &'static str,
    /// What the codes name, in Chinese (e.g. 处置结果).
    pub zh: &'static str,
    /// What the codes name, in English.
    pub en: &'static str,
    /// Every value, in declaration order.
    pub values: &'static [Label],
}

impl Vocabulary {
    /// The label of `code`, if this vocabulary has it.
    pub fn get(&self, code: &str) -> Option<&'static Label> {
        self.values.iter().find(|l| l.code == code)
    }
}

/// An enumeration whose every value has a Chinese and an English label.
pub trait Labelled: Sized + 'static {
    /// The vocabulary: its name and every value's label.
    const VOCABULARY: Vocabulary;
    /// Every value, in the order of [`Vocabulary::values`].
    const ALL: &'static [Self];
    /// This value's code and labels.
    fn label(&self) -> Label;
}

/// Implements [`Labelled`] for a unit-only enum: one line per variant with its
/// JSON code, Chinese and English label. The `match` it generates is
/// exhaustive, so a variant without labels does not compile; a test checks each
/// code against the serde name.
macro_rules! labelled {
    ($ty:ty, $name:literal, $zh:literal, $en:literal, {
        $( $variant:ident => $code:literal, $vzh:literal, $ven:literal; )+
    }) => {
        impl $crate::vocabulary::Labelled for $ty {
            const VOCABULARY: $crate::vocabulary::Vocabulary = $crate::vocabulary::Vocabulary {
                name: $name,
                zh: $zh,
                en: $en,
                values: &[ $( $crate::vocabulary::Label { code: $code, zh: $vzh, en: $ven }, )+ ],
            };
            const ALL: &'static [Self] = &[ $( <$ty>::$variant, )+ ];
            fn label(&self) -> $crate::vocabulary::Label {
                match self {
                    $( <$ty>::$variant => $crate::vocabulary::Label { code: $code, zh: $vzh, en: $ven }, )+
                }
            }
        }
    };
}
pub(crate) use labelled;

/// Checks, for tests, that every value's code is its serde name and that the
/// codes are distinct: the labels table and the JSON never drift apart.
#[cfg(test)]
pub(crate) fn assert_codes_match_serde<T: Labelled + Serialize>() {
    let v = T::VOCABULARY;
    assert_eq!(v.values.len(), T::ALL.len(), "{}", v.name);
    for (value, label) in T::ALL.iter().zip(v.values) {
        let json = serde_json::to_value(value).unwrap_or_default();
        assert_eq!(
            json.as_str(),
            Some(label.code),
            "{}: {}",
            v.name,
            label.code
        );
        assert_eq!(value.label(), *label, "{}", v.name);
        assert!(!label.zh.is_empty() && !label.en.is_empty(), "{}", v.name);
    }
    let mut codes: Vec<_> = v.values.iter().map(|l| l.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), v.values.len(), "{}: duplicate code", v.name);
}
