//! The screening requests.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ruleset::source::{Screening, TownClass};

/// The class's own assessment of an item, overriding the rule set's attributes
/// field by field (absent fields keep the rule set's value). A town class's
/// capacity differs (Plan §1: 根据镇(街道)实际需要和承接能力), so e.g.
/// `town_cannot_take_on` may be true for one class and false for another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct FactOverrides {
    /// 高频多发.
    pub high_frequency: Option<bool>,
    /// 易发现易处置.
    pub easy_to_detect_and_handle: Option<bool>,
    /// 专业要求适宜.
    pub suitable_professional_demand: Option<bool>,
    /// 与属地管理事项责任清单相关联.
    pub linked_to_territorial_responsibility: Option<bool>,
    /// 事关人民群众生产生活安全.
    pub concerns_safety: Option<bool>,
    /// 专业要求高.
    pub highly_professional: Option<bool>,
    /// 执法难度大.
    pub hard_to_enforce: Option<bool>,
    /// 镇(街道)暂无法承接.
    pub town_cannot_take_on: Option<bool>,
}

impl FactOverrides {
    /// The rule set's attributes with these overrides applied, and the names overridden
    /// (only those whose value differs from the rule set's).
    pub fn apply(&self, base: Screening) -> (Screening, Vec<&'static str>) {
        let mut out = base;
        let mut changed = Vec::new();
        let mut set = |name: &'static str, field: &mut bool, over: Option<bool>| {
            if let Some(v) = over {
                if *field != v {
                    changed.push(name);
                }
                *field = v;
            }
        };
        set(
            "high_frequency",
            &mut out.high_frequency,
            self.high_frequency,
        );
        set(
            "easy_to_detect_and_handle",
            &mut out.easy_to_detect_and_handle,
            self.easy_to_detect_and_handle,
        );
        set(
            "suitable_professional_demand",
            &mut out.suitable_professional_demand,
            self.suitable_professional_demand,
        );
        set(
            "linked_to_territorial_responsibility",
            &mut out.linked_to_territorial_responsibility,
            self.linked_to_territorial_responsibility,
        );
        set(
            "concerns_safety",
            &mut out.concerns_safety,
            self.concerns_safety,
        );
        set(
            "highly_professional",
            &mut out.highly_professional,
            self.highly_professional,
        );
        set(
            "hard_to_enforce",
            &mut out.hard_to_enforce,
            self.hard_to_enforce,
        );
        set(
            "town_cannot_take_on",
            &mut out.town_cannot_take_on,
            self.town_cannot_take_on,
        );
        (out, changed)
    }
}

/// Screen one item for a town class: the request of the `screen` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// Item code.
    pub item: String,
    /// The town class.
    pub class: TownClass,
    /// The class's own assessment, overriding the rule set's attributes.
    #[serde(default)]
    pub facts: FactOverrides,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// Screen the whole catalogue for a town class: the request of `screen_catalogue`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CatalogueRequest {
    /// The town class.
    pub class: TownClass,
    /// The class's own assessments by item code.
    #[serde(default)]
    pub facts: BTreeMap<String, FactOverrides>,
    /// Whether to return the step-by-step trace (one step per item).
    #[serde(default)]
    pub trace: bool,
}
