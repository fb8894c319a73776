//! The pieces every answer shares: bilingual text, bodies, rules with their
//! citations, and the rule set that answered.

use serde::Serialize;

use crate::citation::CitationText;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::Date;

/// A pair of Chinese and English texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Text {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A text from a `(Chinese, English)` pair, as decisions build them.
    pub fn of((zh, en): (String, String)) -> Text {
        Text { zh, en }
    }
}

/// A body as shown in answers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BodyView {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: BodyKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

impl BodyView {
    /// The wire view of a body.
    pub fn of(b: &Body) -> BodyView {
        BodyView {
            id: b.id.clone(),
            kind: b.kind,
            name_zh: b.name_zh.clone(),
            name_en: b.name_en.clone(),
        }
    }

    /// The wire view of an optional body.
    pub fn opt(b: Option<&Body>) -> Option<BodyView> {
        b.map(BodyView::of)
    }
}

/// A determining rule with its citations.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuleView {
    /// Stable id.
    pub id: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Citations, rendered.
    pub citations: Vec<CitationText>,
}

impl RuleView {
    /// The rules of a set with titles and rendered citations, in registry order.
    pub fn list(engine: &Engine, rules: RuleSet) -> Vec<RuleView> {
        rules
            .iter()
            .map(|id: RuleId| RuleView {
                id: id.id(),
                title_zh: id.title_zh(),
                title_en: id.title_en(),
                citations: engine.render_citations(id),
            })
            .collect()
    }
}

/// Which rule set answered.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RulesetRef {
    /// Rule-set id.
    pub id: String,
    /// Rule-set version.
    pub version: String,
    /// First day this version is in force (`meta.effective_from`), if stated.
    pub effective_from: Option<Date>,
    /// SHA-256 of the rule set's canonical serialisation (lowercase hex), so that
    /// a ruling can be reproduced against exactly the same content.
    pub content_hash: String,
}

impl RulesetRef {
    /// The reference to the rule set an engine was built from.
    pub fn of(engine: &Engine) -> RulesetRef {
        let meta = engine.meta();
        RulesetRef {
            id: meta.id.clone(),
            version: meta.version.clone(),
            effective_from: meta.effective_from,
            content_hash: engine.content_hash().to_owned(),
        }
    }
}
