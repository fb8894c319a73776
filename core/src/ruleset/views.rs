//! How the rule set's rules and identity appear in answers, rendered to JSON
//! once when the engine is built and spliced into every answer: an answer
//! copies these bytes instead of rendering and escaping titles and citations
//! again on every call.
//!
//! The shapes here are the single definition of that JSON: the answer
//! vocabulary's [`RuleView`](crate::answer::RuleView) and
//! [`RulesetRef`](crate::answer::RulesetRef) serialise what is rendered here
//! and publish these shapes as their JSON Schemas.

use std::sync::Arc;

use serde::Serialize;
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

/// A body's names and its view as JSON, rendered once when the engine is
/// built and shared by every answer that names the body.
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
    json: Box<RawValue>,
}

impl RenderedBody {
    pub(crate) fn new(id: &str, kind: BodyKind, name_zh: &str, name_en: &str) -> Arc<RenderedBody> {
        let json = raw(&BodyViewShape {
            id,
            kind,
            name_zh,
            name_en,
        });
        Arc::new(RenderedBody {
            id: id.to_owned(),
            kind,
            name_zh: name_zh.to_owned(),
            name_en: name_en.to_owned(),
            json,
        })
    }

    /// The view as JSON text.
    pub fn json(&self) -> &RawValue {
        &self.json
    }
}

impl PartialEq for RenderedBody {
    fn eq(&self, other: &RenderedBody) -> bool {
        self.json.get() == other.json.get()
    }
}

impl Eq for RenderedBody {}

/// A determining rule with its citations.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "RuleView"))]
pub struct RuleViewShape {
    /// Stable id.
    pub id: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Citations, rendered.
    pub citations: Vec<CitationText>,
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

/// The rendered JSON of every rule (by [`RuleId`] order) and of the rule set's identity.
#[derive(Clone, Debug)]
pub(crate) struct Rendered {
    pub rules: Vec<Box<RawValue>>,
    pub ruleset: Box<RawValue>,
}

impl Rendered {
    pub(crate) fn new(doc: &RuleSetDocument, plan: &PlanTitle, content_hash: &str) -> Rendered {
        let rules = RuleId::ALL
            .iter()
            .map(|&id| {
                raw(&RuleViewShape {
                    id: id.id(),
                    title_zh: id.title_zh(),
                    title_en: id.title_en(),
                    citations: id.citations().iter().map(|c| c.render(plan)).collect(),
                })
            })
            .collect();
        let ruleset = raw(&RulesetRefShape {
            id: doc.meta.id.clone(),
            version: doc.meta.version.clone(),
            effective_from: doc.meta.effective_from,
            content_hash: content_hash.to_owned(),
            engine_version: crate::ENGINE_VERSION.to_owned(),
        });
        Rendered { rules, ruleset }
    }
}

/// Our own plain structs always serialise (no maps with non-string keys); were
/// one not to, the answer would carry `null` there rather than fail.
fn raw<T: Serialize>(v: &T) -> Box<RawValue> {
    serde_json::value::to_raw_value(v).unwrap_or_default()
}
