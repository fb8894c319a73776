//! How the rule set's bodies, rules and identity appear in answers, prepared
//! once when the engine is built and shared by every answer: natively they are
//! rendered to JSON text and spliced in, so an answer copies bytes instead of
//! rendering and escaping names, titles and citations again on every call. In
//! WebAssembly, where code size is what users pay for (and answers go through
//! a `serde_json::Value` anyway), they keep their fields and serialise as
//! structs: the same JSON, without linking a second JSON writer.
//!
//! The shapes here are the single definition of that JSON: the answer
//! vocabulary's [`BodyView`](crate::answer::BodyView),
//! [`RuleView`](crate::answer::RuleView) and
//! [`RulesetRef`](crate::answer::RulesetRef) serialise what is prepared here
//! and publish these shapes as their JSON Schemas.

use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use serde_json::value::RawValue;

use super::engine::BodyKind;
use super::source::RuleSetDocument;
use crate::citation::{CitationText, PlanTitle};
use crate::rules::RuleId;
use crate::time::Date;

/// A body as shown in answers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "BodyView"))]
pub struct BodyViewShape<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Kind.
    pub kind: BodyKind,
    /// Chinese name.
    pub name_zh: &'a str,
    /// English name.
    pub name_en: &'a str,
}

/// A determining rule with its citations.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RuleView"))]
pub struct RuleViewShape<'a> {
    /// Stable id.
    pub id: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Citations, rendered.
    pub citations: &'a [CitationText],
}

/// Which rule set answered.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RulesetRef"))]
pub struct RulesetRefShape {
    /// Rule-set id.
    pub id: String,
    /// Rule-set version.
    pub version: String,
    /// First day this version is in force (`meta.effective_from`), if stated.
    pub effective_from: Option<Date>,
    /// SHA-256 of the rule set's canonical serialisation (lowercase hex), so that
    /// a ruling can be reproduced against exactly the same content.
    pub content_hash: String,
    /// The version of the engine that answered (the `fuquan` crate's version,
    /// [`crate::ENGINE_VERSION`]): with `content_hash`, what it takes to reproduce an answer.
    pub engine_version: String,
}

/// A body's names and its view, prepared once when the engine is built and
/// shared by every answer that names the body. Serialises as [`BodyViewShape`].
#[derive(Debug)]
pub struct RenderedBody {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: BodyKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    #[cfg(not(target_arch = "wasm32"))]
    json: Box<RawValue>,
}

impl RenderedBody {
    pub(crate) fn new(id: &str, kind: BodyKind, name_zh: &str, name_en: &str) -> RenderedBody {
        RenderedBody {
            id: id.to_owned(),
            kind,
            name_zh: name_zh.to_owned(),
            name_en: name_en.to_owned(),
            #[cfg(not(target_arch = "wasm32"))]
            json: raw(&BodyViewShape {
                id,
                kind,
                name_zh,
                name_en,
            }),
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn shape(&self) -> BodyViewShape<'_> {
        BodyViewShape {
            id: &self.id,
            kind: self.kind,
            name_zh: &self.name_zh,
            name_en: &self.name_en,
        }
    }
}

impl PartialEq for RenderedBody {
    fn eq(&self, other: &RenderedBody) -> bool {
        (&self.id, self.kind, &self.name_zh, &self.name_en)
            == (&other.id, other.kind, &other.name_zh, &other.name_en)
    }
}

impl Eq for RenderedBody {}

impl Serialize for RenderedBody {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.json.serialize(s)
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.shape().serialize(s)
        }
    }
}

/// A rule with its citations rendered for the engine's plan, prepared once.
/// Serialises as [`RuleViewShape`].
#[derive(Clone, Debug)]
pub struct RenderedRule {
    /// The rule.
    pub id: RuleId,
    /// Its citations, rendered.
    pub citations: Vec<CitationText>,
    #[cfg(not(target_arch = "wasm32"))]
    json: Box<RawValue>,
}

impl RenderedRule {
    pub(crate) fn new(id: RuleId, plan: &PlanTitle) -> RenderedRule {
        let citations: Vec<CitationText> = id.citations().iter().map(|c| c.render(plan)).collect();
        RenderedRule {
            #[cfg(not(target_arch = "wasm32"))]
            json: raw(&RuleViewShape {
                id: id.id(),
                title_zh: id.title_zh(),
                title_en: id.title_en(),
                citations: &citations,
            }),
            id,
            citations,
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn shape(&self) -> RuleViewShape<'_> {
        RuleViewShape {
            id: self.id.id(),
            title_zh: self.id.title_zh(),
            title_en: self.id.title_en(),
            citations: &self.citations,
        }
    }
}

impl Serialize for RenderedRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.json.serialize(s)
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.shape().serialize(s)
        }
    }
}

/// The rule set's identity, prepared once. Serialises as [`RulesetRefShape`].
#[derive(Clone, Debug)]
pub struct RenderedRuleset {
    /// The identity.
    pub shape: RulesetRefShape,
    #[cfg(not(target_arch = "wasm32"))]
    json: Box<RawValue>,
}

impl Serialize for RenderedRuleset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.json.serialize(s)
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.shape.serialize(s)
        }
    }
}

/// Every rule (by [`RuleId`] order) and the rule set's identity, prepared once.
#[derive(Clone, Debug)]
pub(crate) struct Rendered {
    pub rules: Vec<RenderedRule>,
    pub ruleset: std::sync::Arc<RenderedRuleset>,
}

impl Rendered {
    pub(crate) fn new(doc: &RuleSetDocument, plan: &PlanTitle, content_hash: &str) -> Rendered {
        let rules = RuleId::ALL
            .iter()
            .map(|&id| RenderedRule::new(id, plan))
            .collect();
        let shape = RulesetRefShape {
            id: doc.meta.id.clone(),
            version: doc.meta.version.clone(),
            effective_from: doc.meta.effective_from,
            content_hash: content_hash.to_owned(),
            engine_version: crate::ENGINE_VERSION.to_owned(),
        };
        let ruleset = std::sync::Arc::new(RenderedRuleset {
            #[cfg(not(target_arch = "wasm32"))]
            json: raw(&shape),
            shape,
        });
        Rendered { rules, ruleset }
    }
}

/// Our own plain structs always serialise (no maps with non-string keys); were
/// one not to, the answer would carry `null` there rather than fail.
#[cfg(not(target_arch = "wasm32"))]
fn raw<T: Serialize>(v: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).unwrap_or_default()
}
