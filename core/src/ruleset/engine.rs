//! The immutable, indexed engine built from a validated rule set.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::source::{
    Dated, GrantMode, GrantSpec, Grantee, ItemKind, ItemSpec, Meta, Parameters, RuleSetDocument,
    Sanction, TownClass, TownKind,
};
use super::validate::{in_force_interval, validate};
use crate::citation::{CitationText, PlanTitle};
use crate::diagnostic::{Diagnostic, InputError};
use crate::time::{period_last_day, Calendar, Date};

/// What kind of body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// 镇人民政府.
    Town,
    /// 街道办事处.
    Subdistrict,
    /// A management centre (not a town government).
    ManagementCentre,
    /// A district department.
    Department,
    /// The district government.
    DistrictGovernment,
    /// The district enforcement platform office.
    PlatformOffice,
    /// The government of the city (设区的市) whose department set up a branch in the
    /// district: the review body for that branch's acts (行政复议法 Art. 24 ¶4).
    CityGovernment,
}

crate::vocabulary::labelled!(BodyKind, "body_kind", "机关类别", "kind of body", {
    Town => "town", "镇人民政府", "town government";
    Subdistrict => "subdistrict", "街道办事处", "subdistrict office";
    ManagementCentre => "management_centre", "管理服务中心", "management centre";
    Department => "department", "区直部门", "district department";
    DistrictGovernment => "district_government", "区人民政府", "district government";
    PlatformOffice => "platform_office", "区级综合执法平台办公室", "district enforcement platform office";
    CityGovernment => "city_government", "市人民政府", "city government";
});

/// A body that can handle, answer for, or decide a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// Stable id.
    pub id: String,
    /// What kind of body.
    pub kind: BodyKind,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The town class, for towns and subdistricts.
    pub class: Option<TownClass>,
    /// For a management centre: the index of the town it hands cases to.
    pub(crate) hands_over_to: Option<u32>,
    /// How it appears in answers (`{"id", "kind", "name_zh", "name_en"}`), rendered once.
    pub(crate) view: Arc<super::views::RenderedBody>,
    /// For a city department's branch (派出机构): the index of the city government.
    pub(crate) city_government: Option<u32>,
}

impl Body {
    /// Whether this is a branch that a city department set up in the district (派出机构).
    pub fn is_city_department_branch(&self) -> bool {
        self.city_government.is_some()
    }
}

/// A power item with its resolved department.
#[derive(Clone, Debug)]
pub struct Item {
    /// The item as published.
    pub spec: ItemSpec,
    pub(crate) department: u32,
}

/// A grant with what the engine derives from it. The published grant itself stays
/// in the document ([`Engine::grant_spec`]): the index keeps only what decisions
/// read, so a province's hundreds of thousands of grants are not held twice.
#[derive(Clone, Debug)]
pub struct Grant {
    /// The grant's id.
    pub id: String,
    /// Delegation or entrustment.
    pub mode: GrantMode,
    /// The day it takes effect.
    pub effective: Date,
    /// Its position in the document's `grants`.
    pub index: usize,
    /// For a delegation: the last day of its transition period (Plan §12; 民法典 Art. 201–203).
    pub transition_last_day: Option<Date>,
    pub(crate) grantor: u32,
}

/// How a grant reaches an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The grant lists the item.
    Direct,
    /// The grant lists a penalty whose related item this is.
    Carried,
    /// A compulsory measure related to an entrusted penalty: never carried (行政强制法 Art. 17).
    CompulsoryExcluded,
}

/// One grant's coverage of one (town, item).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cover {
    pub grant: u32,
    pub mode: GrantMode,
    pub reach: Reach,
    /// First and last day in force; `None` if never in force.
    pub interval: Option<(Date, Date)>,
    pub revoked: Option<Date>,
    pub term_to: Option<Date>,
    pub transition_last_day: Option<Date>,
}

/// Every (town, item)'s covers, in grant order: flat arrays sorted by (town,
/// item), with each town's range, rather than a map of vectors. A province has
/// ~400,000 pairs; a heap vector per pair cost ~70 MB where these cost ~13 MB.
#[derive(Debug)]
pub(crate) struct CoverageIndex {
    /// Where each town's entries start (by body index; one past the last body at the end).
    town_start: Vec<u32>,
    /// The item of each cover, sorted within each town.
    items: Vec<u32>,
    /// The covers, parallel to `items`.
    covers: Vec<Cover>,
}

impl CoverageIndex {
    /// Sorts covers collected in grant order; a stable sort keeps that order
    /// within each (town, item), which `item_status` relies on. Towns are body
    /// indices below `bodies`.
    fn new(mut entries: Vec<((u32, u32), Cover)>, bodies: usize) -> CoverageIndex {
        entries.sort_by_key(|(key, _)| *key);
        let mut town_start = Vec::with_capacity(bodies + 1);
        let mut items = Vec::with_capacity(entries.len());
        let mut covers = Vec::with_capacity(entries.len());
        for (n, ((town, item), cover)) in (0u32..).zip(entries) {
            while town_start.len() <= town as usize {
                town_start.push(n);
            }
            items.push(item);
            covers.push(cover);
        }
        let end = u32::try_from(items.len()).unwrap_or(u32::MAX);
        town_start.resize(bodies.max(town_start.len()) + 1, end);
        CoverageIndex {
            town_start,
            items,
            covers,
        }
    }

    /// The covers of `item` at `town`, in grant order (empty if none).
    pub(crate) fn get(&self, town: u32, item: u32) -> &[Cover] {
        let t = town as usize;
        let (Some(&from), Some(&to)) = (self.town_start.get(t), self.town_start.get(t + 1)) else {
            return &[];
        };
        let (from, to) = (from as usize, to as usize);
        let Some(items) = self.items.get(from..to) else {
            return &[];
        };
        let start = items.partition_point(|i| *i < item);
        let len = items
            .get(start..)
            .map_or(0, |rest| rest.iter().take_while(|i| **i == item).count());
        self.covers
            .get(from + start..from + start + len)
            .unwrap_or(&[])
    }
}

/// The indexed rule set. Immutable, `Send + Sync`, and cheap to clone (an `Arc`):
/// load once, share with every thread.
#[derive(Clone, Debug)]
pub struct Engine {
    pub(crate) inner: Arc<Inner>,
    /// A district's document templates (`templates/<document>.j2`), by
    /// document: beside the index, so that an engine shared with every thread
    /// can be given them ([`Engine::with_templates`]) without a copy.
    templates: Arc<[(String, String)]>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub doc: RuleSetDocument,
    pub plan: PlanTitle,
    pub bodies: Vec<Body>,
    /// Body ids → positions in `bodies`. FxHash rather than SipHash: every route
    /// looks up a place and its items here, SipHash was a tenth of a routed case,
    /// and the keys are the rule set's validated ids (a caller's text is only
    /// looked up, never inserted, so there is nothing for it to flood).
    pub body_index: FxHashMap<String, u32>,
    pub government: u32,
    pub platform_office: u32,
    pub items: Vec<Item>,
    /// Item codes → positions in `items` (FxHash: see `body_index`).
    pub item_index: FxHashMap<String, u32>,
    pub grants: Vec<Grant>,
    pub coverage: CoverageIndex,
    pub calendar: Calendar,
    /// Major-decision sanctions as bit masks by date (see [`sanction_bit`]).
    pub major_sanctions: Vec<(Date, u16)>,
    pub warnings: Vec<Diagnostic>,
    /// SHA-256 of the canonical document, lowercase hex (see [`super::history::content_hash`]).
    pub content_hash: String,
    /// Rule views and the rule set's identity, rendered to JSON once.
    pub rendered: super::views::Rendered,
    /// The `intake` decision's word dictionary and BM25 index.
    #[cfg(feature = "intake")]
    pub text_index: super::text_index::TextIndex,
    /// The `intake` decision's n-gram index over the labelled example reports
    /// (`None` when the rule set has none).
    #[cfg(feature = "intake")]
    pub example_index: Option<super::example_index::ExampleIndex>,
}

/// The bit of a sanction kind in a mask.
pub(crate) const fn sanction_bit(s: Sanction) -> u16 {
    1u16 << (s as u8)
}

/// The value of a dated rule-set parameter in force on `d`: the one with the
/// latest `from` not after it (the values are in increasing `from` order, which
/// validation checks).
pub fn in_force<T>(values: &[Dated<T>], d: Date) -> Option<&Dated<T>> {
    values.iter().rev().find(|v| v.from <= d)
}

impl Engine {
    /// Validates and indexes a document. Any error diagnostic refuses the rule
    /// set; the returned error holds every diagnostic, warnings included.
    pub fn from_document(doc: RuleSetDocument) -> Result<Engine, InputError> {
        let diagnostics = validate(&doc);
        if diagnostics.iter().any(Diagnostic::is_error) {
            // Errors first, each group in its found order.
            let (mut errors, warnings): (Vec<_>, Vec<_>) =
                diagnostics.into_iter().partition(Diagnostic::is_error);
            errors.extend(warnings);
            return Err(InputError {
                diagnostics: errors,
            });
        }
        build(doc, diagnostics)
    }

    /// Parses, validates and indexes a rule set given as one JSON string.
    pub fn from_json_str(json: &str) -> Result<Engine, InputError> {
        Engine::from_document(super::document_from_json_str(json)?)
    }

    /// Validates and indexes a rule set given as a JSON value.
    pub fn from_json_value(value: serde_json::Value) -> Result<Engine, InputError> {
        Engine::from_document(super::document_from_json_value(value)?)
    }

    /// Reads, validates and indexes a rule-set directory (see [`super::document_from_dir`]).
    ///
    /// With the `drafting` feature, the directory's `templates/<document>.j2`
    /// replace the built-in document templates (`docs/drafting.md`); an unknown
    /// name or a template that does not parse refuses the directory.
    pub fn from_dir(dir: &std::path::Path) -> Result<Engine, InputError> {
        let engine = Engine::from_document(super::document_from_dir(dir)?)?;
        #[cfg(feature = "drafting")]
        let engine = engine.with_templates(super::templates::read_dir(dir)?)?;
        Ok(engine)
    }

    /// The same engine with document templates replacing the built-in ones,
    /// as `(document, template source)`; each is checked
    /// ([`super::templates::check`]).
    #[cfg(feature = "drafting")]
    /// The index is shared, not copied.
    pub fn with_templates(
        mut self,
        templates: Vec<(String, String)>,
    ) -> Result<Engine, InputError> {
        let errors: Vec<Diagnostic> = templates
            .iter()
            .filter_map(|(name, text)| super::templates::check(name, text).err())
            .collect();
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }
        if templates.is_empty() {
            return Ok(self);
        }
        self.templates = templates.into();
        Ok(self)
    }

    /// A district's template for a document, if its rule set carries one.
    pub fn template_override(&self, document: &str) -> Option<&str> {
        self.templates
            .iter()
            .find(|(d, _)| d == document)
            .map(|(_, t)| t.as_str())
    }

    /// The refusal when parameter `name` has no value in force on `d`
    /// (`parameter.not_in_force`). A date before the rule set takes effect says
    /// so, with the date it takes effect: that is the usual cause, and the
    /// clerk's fix is the date or an earlier rule-set version, not the parameter.
    pub fn parameter_not_in_force(&self, name: &str, d: crate::time::Date) -> InputError {
        let mut e = InputError::not_in_force(name, d);
        if let (Some(start), Some(diag)) = (self.meta().effective_from, e.diagnostics.first_mut()) {
            if d < start {
                let id = &self.meta().id;
                diag.message_zh = format!(
                    "日期 {d} 早于规则集 {id} 的施行日 {start}，本规则集不适用；请核对日期，或使用 {start} 之前施行的规则集版本"
                );
                diag.message_en = format!(
                    "the date {d} is before rule set {id} takes effect on {start}: check the date, or use a rule-set version in force then"
                );
                diag.expected = Some(format!("a date on or after {start}"));
                diag.expected_zh = Some(format!("不早于 {start} 的日期"));
            }
        }
        e
    }

    /// The rule set's identity.
    pub fn meta(&self) -> &Meta {
        &self.inner.doc.meta
    }

    /// SHA-256 of the rule-set document's canonical serialisation, lowercase hex,
    /// computed once at load: names exactly the content a ruling was made under.
    pub fn content_hash(&self) -> &str {
        &self.inner.content_hash
    }

    /// The document this engine was built from.
    pub fn document(&self) -> &RuleSetDocument {
        &self.inner.doc
    }

    /// The rule set's parameters.
    pub fn parameters(&self) -> &Parameters {
        &self.inner.doc.parameters
    }

    /// Warnings found when the rule set was validated.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.inner.warnings
    }

    /// Every body: departments, towns, the district government and the platform office.
    pub fn bodies(&self) -> &[Body] {
        &self.inner.bodies
    }

    /// A body by id.
    pub fn body(&self, id: &str) -> Option<&Body> {
        let i = *self.inner.body_index.get(id)?;
        self.inner.bodies.get(i as usize)
    }

    /// Every item.
    pub fn items(&self) -> &[Item] {
        &self.inner.items
    }

    /// An item by code.
    pub fn item(&self, code: &str) -> Option<&Item> {
        let i = *self.inner.item_index.get(code)?;
        self.inner.items.get(i as usize)
    }

    /// Segments `text` with the rule set's dictionary and ranks the items
    /// against it (BM25 over names, legal bases and everyday words): what the
    /// `intake` decision reads. The index is built once with the engine.
    #[cfg(feature = "intake")]
    pub fn search(&self, text: &str) -> super::text_index::Query {
        self.inner.text_index.query(text)
    }

    /// Scores `text` against the rule set's labelled example reports (BM25 over
    /// character n-grams, per item and for the examples outside the catalogue):
    /// the `intake` decision's second signal. `None` when the rule set has no
    /// examples. The index is built once with the engine.
    #[cfg(feature = "intake")]
    pub fn example_scores(&self, text: &str) -> Option<super::example_index::ExampleScores> {
        self.example_scored(text).map(|s| s.scores)
    }

    /// [`Engine::example_scores`], keeping the sentence's n-grams for
    /// [`Engine::nearest_example`].
    #[cfg(feature = "intake")]
    pub(crate) fn example_scored(&self, text: &str) -> Option<super::example_index::Scored> {
        self.inner.example_index.as_ref().map(|x| x.score(text))
    }

    /// The part of item `item`'s example score from n-grams with a character
    /// other than a particle or pronoun.
    #[cfg(feature = "intake")]
    pub(crate) fn example_content_score(
        &self,
        scored: &super::example_index::Scored,
        item: u32,
    ) -> u64 {
        self.inner
            .example_index
            .as_ref()
            .map_or(0, |x| x.content_score(scored, item))
    }

    /// The labelled example report of item `item` (its position in
    /// [`Engine::items`]; [`Engine::items`]`.len()` for those outside the
    /// catalogue) closest to the scored sentence, if any shares an n-gram with it.
    #[cfg(feature = "intake")]
    pub(crate) fn nearest_example(
        &self,
        scored: &super::example_index::Scored,
        item: u32,
    ) -> Option<&super::source::IntakeExample> {
        let k = self.inner.example_index.as_ref()?.nearest(scored, item)?;
        self.inner.doc.intake_examples.get(k)
    }

    /// The published grant behind an indexed one.
    pub fn grant_spec(&self, grant: &Grant) -> Option<&GrantSpec> {
        self.inner.doc.grants.get(grant.index)
    }

    /// Every grant.
    pub fn grants(&self) -> &[Grant] {
        &self.inner.grants
    }

    /// The rest-day calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.inner.calendar
    }

    /// How the plan is titled in citations.
    pub fn plan_title(&self) -> &PlanTitle {
        &self.inner.plan
    }

    /// Renders a rule's citations with this rule set's plan title.
    pub fn render_citations(&self, rule: crate::rules::RuleId) -> Vec<CitationText> {
        rule.citations()
            .iter()
            .map(|c| c.render(&self.inner.plan))
            .collect()
    }

    /// A rule with its citations rendered for this rule set's plan, prepared once.
    pub(crate) fn rendered_rule(
        &self,
        rule: crate::rules::RuleId,
    ) -> Option<&super::views::RenderedRule> {
        self.inner.rendered.rules.get(rule as usize)
    }

    /// The rule set's identity (id, version, effective date, content hash), prepared once.
    pub(crate) fn rendered_ruleset(&self) -> &Arc<super::views::RenderedRuleset> {
        &self.inner.rendered.ruleset
    }

    /// The department an item belongs to.
    pub fn item_department(&self, item: &Item) -> Option<&Body> {
        self.inner.bodies.get(item.department as usize)
    }

    pub(crate) fn body_at(&self, i: u32) -> Option<&Body> {
        self.inner.bodies.get(i as usize)
    }

    /// The district government and the platform office.
    pub(crate) fn district_bodies(&self) -> Result<(&Body, &Body), InputError> {
        let gov = self
            .body_at(self.inner.government)
            .ok_or_else(|| InputError::internal("district government"))?;
        let office = self
            .body_at(self.inner.platform_office)
            .ok_or_else(|| InputError::internal("platform office"))?;
        Ok((gov, office))
    }
}

fn build(doc: RuleSetDocument, warnings: Vec<Diagnostic>) -> Result<Engine, InputError> {
    let plan = PlanTitle {
        short_zh: doc.meta.plan.short_zh.clone(),
        short_en: doc.meta.plan.short_en.clone(),
    };
    let mut bodies = Vec::new();
    let mut push_body = |id: &str, kind, zh: &str, en: &str, class| {
        bodies.push(Body {
            id: id.to_owned(),
            kind,
            name_zh: zh.to_owned(),
            name_en: en.to_owned(),
            class,
            hands_over_to: None,
            view: Arc::new(super::views::RenderedBody::new(id, kind, zh, en)),
            city_government: None,
        });
    };
    let d = &doc.district;
    push_body(
        &d.government.id,
        BodyKind::DistrictGovernment,
        &d.government.name_zh,
        &d.government.name_en,
        None,
    );
    push_body(
        &d.platform_office.id,
        BodyKind::PlatformOffice,
        &d.platform_office.name_zh,
        &d.platform_office.name_en,
        None,
    );
    for dep in &doc.departments {
        push_body(
            &dep.id,
            BodyKind::Department,
            &dep.name_zh,
            &dep.name_en,
            None,
        );
    }
    // The city governments of branches, once each (several branches share one).
    let mut city_governments: Vec<&str> = Vec::new();
    for b in doc.departments.iter().filter_map(|d| d.branch_of.as_ref()) {
        let g = &b.city_government;
        if !city_governments.contains(&g.id.as_str()) {
            city_governments.push(g.id.as_str());
            push_body(
                &g.id,
                BodyKind::CityGovernment,
                &g.name_zh,
                &g.name_en,
                None,
            );
        }
    }
    for t in &doc.towns {
        let kind = match t.kind {
            TownKind::Town => BodyKind::Town,
            TownKind::Subdistrict => BodyKind::Subdistrict,
            TownKind::ManagementCentre => BodyKind::ManagementCentre,
        };
        push_body(&t.id, kind, &t.name_zh, &t.name_en, t.class);
    }
    let body_index: FxHashMap<String, u32> = (0u32..)
        .zip(bodies.iter())
        .map(|(i, b)| (b.id.clone(), i))
        .collect();
    let idx = |id: &str| body_index.get(id).copied();
    let internal = |what: &str| {
        InputError::single(Diagnostic::error(
            "ruleset.internal",
            what,
            format!("内部错误：{what}"),
            format!("internal inconsistency after validation: {what}"),
        ))
    };
    for (b, t) in bodies
        .iter_mut()
        .filter(|b| b.kind == BodyKind::ManagementCentre)
        .zip(
            doc.towns
                .iter()
                .filter(|t| t.kind == TownKind::ManagementCentre),
        )
    {
        b.hands_over_to = t.hands_over_to.as_deref().and_then(idx);
    }
    for dep in &doc.departments {
        let (Some(b), Some(i)) = (dep.branch_of.as_ref(), idx(&dep.id)) else {
            continue;
        };
        let city = idx(&b.city_government.id);
        if let Some(body) = bodies.get_mut(i as usize) {
            body.city_government = city;
        }
    }
    let government = idx(&d.government.id).ok_or_else(|| internal("district.government"))?;
    let platform_office =
        idx(&d.platform_office.id).ok_or_else(|| internal("district.platform_office"))?;

    let mut items = Vec::with_capacity(doc.items.len());
    for spec in &doc.items {
        let department = idx(&spec.department).ok_or_else(|| internal("items.department"))?;
        items.push(Item {
            spec: spec.clone(),
            department,
        });
    }
    let item_index: FxHashMap<String, u32> = (0u32..)
        .zip(items.iter())
        .map(|(i, it)| (it.spec.code.clone(), i))
        .collect();

    let calendar = Calendar::new(&doc.calendar);
    // Towns by class, once: a province has thousands of towns and grants.
    let mut by_class: HashMap<TownClass, Vec<u32>> = HashMap::new();
    for (i, b) in (0u32..).zip(bodies.iter()) {
        if let Some(class) = b.class {
            by_class.entry(class).or_default().push(i);
        }
    }
    let mut grants = Vec::with_capacity(doc.grants.len());
    let mut coverage: Vec<((u32, u32), Cover)> = Vec::new();
    for (gi, spec) in (0u32..).zip(doc.grants.iter()) {
        let transition_last_day = match spec.mode {
            GrantMode::Delegation => {
                let months = in_force(&doc.parameters.transition_months, spec.effective).ok_or_else(|| {
                    InputError::single(Diagnostic::error(
                        "parameter.not_in_force",
                        format!("grants[{gi}].effective"),
                        format!("赋权生效日 {} 没有适用的过渡期参数", spec.effective),
                        format!("no transition_months value is in force on the delegation's effective date {}", spec.effective),
                    ))
                })?;
                period_last_day(spec.effective, months.value, &calendar)
            }
            GrantMode::Entrustment => None,
        };
        let grantor = idx(&spec.grantor).ok_or_else(|| internal("grants.grantor"))?;
        let towns: Vec<u32> = match &spec.grantee {
            Grantee::Class(class) => by_class.get(class).cloned().unwrap_or_default(),
            Grantee::Towns(ids) => ids.iter().filter_map(|id| idx(id)).collect(),
        };
        let interval = in_force_interval(spec);
        let term_to = spec.entrustment.as_ref().and_then(|e| e.term).map(|t| t.to);
        // Plan preamble: a delegation carries inspections and compulsory measures; an
        // entrustment carries inspections only where the rule set cites a basis for it.
        let entrustment_carries = spec.mode == GrantMode::Entrustment
            && in_force(
                &doc.parameters.entrustment_carries_inspections,
                spec.effective,
            )
            .is_some_and(|v| v.value);
        let cover = |reach| Cover {
            grant: gi,
            mode: spec.mode,
            reach,
            interval,
            revoked: spec.revoked,
            term_to,
            transition_last_day,
        };
        for code in &spec.items {
            let Some(&ii) = item_index.get(code.as_str()) else {
                continue;
            };
            let mut reached = vec![(ii, Reach::Direct)];
            if let Some(item) = items.get(ii as usize) {
                if item.spec.kind == ItemKind::Penalty {
                    for rel in &item.spec.related_items {
                        let Some(&ri) = item_index.get(rel.as_str()) else {
                            continue;
                        };
                        let kind = items.get(ri as usize).map(|r| r.spec.kind);
                        let reach = match (spec.mode, kind) {
                            (GrantMode::Entrustment, Some(ItemKind::CompulsoryMeasure)) => {
                                Reach::CompulsoryExcluded
                            }
                            (GrantMode::Entrustment, _) if !entrustment_carries => continue,
                            _ => Reach::Carried,
                        };
                        reached.push((ri, reach));
                    }
                }
            }
            for &town in &towns {
                for &(item, reach) in &reached {
                    coverage.push(((town, item), cover(reach)));
                }
            }
        }
        grants.push(Grant {
            id: spec.id.clone(),
            mode: spec.mode,
            effective: spec.effective,
            index: gi as usize,
            transition_last_day,
            grantor,
        });
    }
    let major_sanctions = doc
        .parameters
        .major_decision_sanctions
        .iter()
        .map(|v| {
            (
                v.from,
                v.value.iter().fold(0u16, |m, s| m | sanction_bit(*s)),
            )
        })
        .collect();
    let coverage = CoverageIndex::new(coverage, bodies.len());
    let content_hash = super::history::content_hash(&doc);
    let rendered = super::views::Rendered::new(&doc, &plan, &content_hash);
    #[cfg(feature = "intake")]
    let text_index = super::text_index::TextIndex::new(items.iter().map(|i| &i.spec), &bodies);
    #[cfg(feature = "intake")]
    let example_index = super::example_index::ExampleIndex::new(
        &doc.intake_examples,
        &item_index,
        items.len(),
        text_index.place_words(),
    );
    Ok(Engine {
        inner: Arc::new(Inner {
            plan,
            bodies,
            body_index,
            government,
            platform_office,
            items,
            item_index,
            grants,
            coverage,
            calendar,
            major_sanctions,
            warnings,
            content_hash,
            rendered,
            #[cfg(feature = "intake")]
            text_index,
            #[cfg(feature = "intake")]
            example_index,
            doc,
        }),
        templates: Arc::new([]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Engine>();
    }

    #[test]
    fn coverage_index_keeps_grant_order_within_a_pair_and_finds_nothing_elsewhere() {
        let cover = |grant| Cover {
            grant,
            mode: GrantMode::Delegation,
            reach: Reach::Direct,
            interval: None,
            revoked: None,
            term_to: None,
            transition_last_day: None,
        };
        // In grant order, as `build` collects them; towns 0 and 2 of 4 bodies.
        let entries = vec![
            ((2, 7), cover(0)),
            ((0, 5), cover(1)),
            ((2, 3), cover(2)),
            ((2, 7), cover(3)),
            ((0, 5), cover(4)),
            ((2, 7), cover(5)),
        ];
        let index = CoverageIndex::new(entries, 4);
        let grants =
            |town, item| -> Vec<u32> { index.get(town, item).iter().map(|c| c.grant).collect() };
        assert_eq!(grants(2, 7), [0, 3, 5]);
        assert_eq!(grants(0, 5), [1, 4]);
        assert_eq!(grants(2, 3), [2]);
        for (town, item) in [(0, 3), (1, 5), (2, 5), (3, 7), (4, 7), (u32::MAX, 0)] {
            assert!(index.get(town, item).is_empty(), "({town}, {item})");
        }
        assert!(CoverageIndex::new(Vec::new(), 0).get(0, 0).is_empty());
    }
}
