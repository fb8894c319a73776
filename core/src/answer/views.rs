//! The pieces every answer shares: bilingual text, bodies, rules with their
//! citations, and the rule set that answered.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use crate::citation::CitationText;
use crate::rules::{RuleId, RuleSet};
#[cfg(feature = "schema")]
use crate::ruleset::views::{BodyViewShape, RuleViewShape};
use crate::ruleset::views::{RenderedBody, RenderedRule, RenderedRuleset, RulesetRefShape};
use crate::ruleset::{Body, BodyKind, Engine};

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

/// A body as shown in answers: `{"id", "kind", "name_zh", "name_en"}`,
/// prepared once by the engine ([`crate::ruleset::views::BodyViewShape`]) and
/// shared by every answer that names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyView(Arc<RenderedBody>);

impl BodyView {
    /// The wire view of a body.
    pub fn of(b: &Body) -> BodyView {
        BodyView(b.view.clone())
    }

    /// The wire view of an optional body.
    pub fn opt(b: Option<&Body>) -> Option<BodyView> {
        b.map(BodyView::of)
    }

    /// Stable id.
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Kind.
    pub fn kind(&self) -> BodyKind {
        self.0.kind
    }

    /// Chinese name.
    pub fn name_zh(&self) -> &str {
        &self.0.name_zh
    }

    /// English name.
    pub fn name_en(&self) -> &str {
        &self.0.name_en
    }
}

impl Serialize for BodyView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for BodyView {
    fn schema_name() -> Cow<'static, str> {
        BodyViewShape::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        BodyViewShape::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        BodyViewShape::json_schema(generator)
    }
}

/// A determining rule with its citations: `{"id", "title_zh", "title_en",
/// "citations"}`, prepared once by the engine
/// ([`crate::ruleset::views::RuleViewShape`]). Borrows from the engine;
/// [`RuleView::into_owned`] detaches it.
#[derive(Clone, Debug)]
pub struct RuleView<'e>(Cow<'e, RenderedRule>);

impl<'e> RuleView<'e> {
    /// The rules of a set, in registry order.
    pub fn list(engine: &'e Engine, rules: RuleSet) -> Vec<RuleView<'e>> {
        rules
            .iter()
            .map(|id| {
                RuleView(match engine.rendered_rule(id) {
                    Some(r) => Cow::Borrowed(r),
                    // Every rule is prepared when the engine is built; render it now otherwise.
                    None => Cow::Owned(RenderedRule::new(id, engine.plan_title())),
                })
            })
            .collect()
    }

    /// The rule.
    pub fn rule(&self) -> RuleId {
        self.0.id
    }

    /// Its citations, rendered for the rule set's plan.
    pub fn citations(&self) -> &[CitationText] {
        &self.0.citations
    }

    /// The same view, owning what it borrowed from the engine.
    pub fn into_owned(self) -> RuleView<'static> {
        RuleView(Cow::Owned(self.0.into_owned()))
    }
}

impl Serialize for RuleView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RuleView<'_> {
    fn schema_name() -> Cow<'static, str> {
        RuleViewShape::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        RuleViewShape::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RuleViewShape::json_schema(generator)
    }
}

/// Which rule set answered: `{"id", "version", "effective_from",
/// "content_hash", "engine_version"}`, prepared once by the engine
/// ([`crate::ruleset::views::RulesetRefShape`]).
#[derive(Clone, Debug)]
pub struct RulesetRef(Arc<RenderedRuleset>);

impl RulesetRef {
    /// The reference to the rule set an engine was built from.
    pub fn of(engine: &Engine) -> RulesetRef {
        RulesetRef(engine.rendered_ruleset().clone())
    }

    /// Its fields.
    pub fn shape(&self) -> &RulesetRefShape {
        &self.0.shape
    }
}

impl Serialize for RulesetRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RulesetRef {
    fn schema_name() -> Cow<'static, str> {
        RulesetRefShape::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        RulesetRefShape::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RulesetRefShape::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use serde_json::json;

    #[test]
    fn rendered_views_say_what_the_rule_set_says() {
        let engine = Engine::embedded().unwrap();
        for b in engine.bodies() {
            let v = serde_json::to_value(BodyView::of(b)).unwrap();
            let kind = serde_json::to_value(b.kind).unwrap();
            assert_eq!(
                v,
                json!({"id": b.id, "kind": kind, "name_zh": b.name_zh, "name_en": b.name_en})
            );
        }
        let all = RuleId::ALL.iter().fold(RuleSet::default(), |mut s, &r| {
            s.insert(r);
            s
        });
        for view in RuleView::list(&engine, all) {
            let r = view.rule();
            let v = serde_json::to_value(&view).unwrap();
            let citations = serde_json::to_value(engine.render_citations(r)).unwrap();
            assert_eq!(
                v,
                json!({"id": r.id(), "title_zh": r.title_zh(), "title_en": r.title_en(), "citations": citations})
            );
            assert_eq!(serde_json::to_value(view.clone().into_owned()).unwrap(), v);
            assert_eq!(view.citations(), engine.render_citations(r).as_slice());
        }
        let meta = engine.meta();
        let r = serde_json::to_value(RulesetRef::of(&engine)).unwrap();
        assert_eq!(r["id"], meta.id.as_str());
        assert_eq!(r["version"], meta.version.as_str());
        assert_eq!(r["content_hash"], engine.content_hash());
    }
}
