//! Combined inspection planning (Plan §5 综合查一次; 三(三)): from the town's
//! one inspection list (domains or items, each with the visits it requires in
//! the period) and the supervised objects, plan visits so that each object is
//! visited as few times as possible while every applicable entry meets its
//! frequency. See `docs/inspection.md`.
//!
//! For one object: the visits a domain needs is the largest `visits` among the
//! list entries that apply to it in that domain; the combined visits is the
//! largest of those; separate visits (one inspection per domain) is their sum;
//! visits saved is the difference. Dates are spread evenly over the period's
//! working days (the rule-set calendar); all arithmetic is in integers.

pub mod operation;

use serde::{Deserialize, Serialize};

use crate::answer::TraceStep;
use crate::answer::{BodyView, RulesetRef, Tracer};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::{BodyKind, Engine};
use crate::time::{Date, DateRange};

/// One entry of the inspection list: a domain, or an item (whose domain is
/// read from the rule set), with the visits it requires in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// A domain id (give this or `item`).
    #[serde(default)]
    pub domain: Option<String>,
    /// An item code (give this or `domain`).
    #[serde(default)]
    pub item: Option<String>,
    /// Visits required in the period (at least 1).
    pub visits: u32,
}

/// A supervised object (监管对象).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupervisedObject {
    /// Stable id, unique in the request.
    pub id: String,
    /// The town or subdistrict whose team inspects it.
    pub town: String,
    /// The domains that apply to it.
    pub domains: Vec<String>,
}

/// The request of the `inspection_plan` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InspectionRequest {
    /// The period planned (e.g. one quarter); `visits` are per this period.
    pub period: DateRange,
    /// The one inspection list (巡查事项一体化清单).
    pub list: Vec<ListEntry>,
    /// The objects.
    pub objects: Vec<SupervisedObject>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// What one domain needs at one object.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DomainNeed {
    /// Domain id.
    pub domain: String,
    /// Visits required (the largest among the applicable entries).
    pub visits: u32,
    /// Indexes into `list` of the entries that apply.
    pub entries: Vec<usize>,
}

/// One combined visit.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Visit {
    /// The day.
    pub date: Date,
    /// The domains inspected on it.
    pub domains: Vec<String>,
}

/// The plan for one object.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ObjectPlan {
    /// Object id.
    pub id: String,
    /// The inspecting town.
    pub town: BodyView,
    /// The domains with entries on the list, in the object's order.
    pub needs: Vec<DomainNeed>,
    /// The object's domains no list entry covers.
    pub unlisted_domains: Vec<String>,
    /// Combined visits (the largest need).
    pub combined_visits: u32,
    /// Visits if each domain were inspected separately (the sum of the needs).
    pub separate_visits: u32,
    /// `separate_visits − combined_visits`.
    pub visits_saved: u32,
    /// The visits, in date order.
    pub visits: Vec<Visit>,
}

/// Totals over every object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InspectionTotals {
    /// Objects planned.
    pub objects: usize,
    /// Working days in the period.
    pub working_days: usize,
    /// Combined visits.
    pub combined_visits: u32,
    /// Separate visits.
    pub separate_visits: u32,
    /// Visits saved.
    pub visits_saved: u32,
}

/// The `inspection_plan` decision.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InspectionPlan {
    /// The rule set (its calendar decided the working days).
    pub ruleset: RulesetRef,
    /// The period.
    pub period: DateRange,
    /// Totals.
    pub totals: InspectionTotals,
    /// One plan per object, in request order.
    pub objects: Vec<ObjectPlan>,
    #[serde(skip)]
    rules: RuleSet,
}

impl InspectionPlan {
    /// The determining rules.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// A short explanation (zh, en).
    pub fn summary(&self) -> (String, String) {
        let t = &self.totals;
        (
            format!(
                "{} 至 {}：{} 个监管对象按“综合查一次”共安排 {} 次检查，分领域检查需 {} 次，节省 {} 次。",
                self.period.from, self.period.to, t.objects, t.combined_visits, t.separate_visits, t.visits_saved
            ),
            format!(
                "{} to {}: {} objects, {} combined visits instead of {} separate ones (one per domain): {} visits saved.",
                self.period.from, self.period.to, t.objects, t.combined_visits, t.separate_visits, t.visits_saved
            ),
        )
    }
}

fn err(code: &str, path: String, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

/// Most working days a period may hold (about ten years).
const MAX_PERIOD_DAYS: i64 = 3_660;

impl Engine {
    /// Plans combined inspections.
    pub fn inspection_plan(&self, req: &InspectionRequest) -> Result<InspectionPlan, InputError> {
        self.inspection_with(req, Tracer(None))
    }

    /// [`Engine::inspection_plan`] recording the step-by-step trace.
    pub fn inspection_plan_traced(
        &self,
        req: &InspectionRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<InspectionPlan, InputError> {
        self.inspection_with(req, Tracer(Some(trace)))
    }

    fn inspection_with(
        &self,
        req: &InspectionRequest,
        mut t: Tracer<'_>,
    ) -> Result<InspectionPlan, InputError> {
        limits::check_len("list", req.list.len(), limits::MAX_LIST_ENTRIES)?;
        limits::check_len("objects", req.objects.len(), limits::MAX_ROSTER_PEOPLE)?;
        let doc = self.document();
        let mut errors = Vec::new();
        let p = req.period;
        let span = (p.to.0 - p.from.0).num_days();
        if span < 0 {
            errors.push(
                err(
                    "inspection.period_out_of_order",
                    "period.to".into(),
                    format!("期间结束日 {} 早于开始日 {}", p.to, p.from),
                    format!("the period ends on {} before it starts on {}", p.to, p.from),
                )
                .expected("period.from ≤ period.to"),
            );
        } else if span >= MAX_PERIOD_DAYS {
            errors.push(
                err(
                    crate::codes::INPUT_TOO_LARGE,
                    "period".into(),
                    format!("期间超过 {MAX_PERIOD_DAYS} 日"),
                    format!("the period is longer than {MAX_PERIOD_DAYS} days"),
                )
                .expected(format!("at most {MAX_PERIOD_DAYS} days")),
            );
        }
        let covers = doc.calendar.covers;
        if !(covers.contains(p.from) && covers.contains(p.to)) {
            errors.push(
                err(
                    "inspection.outside_calendar",
                    "period".into(),
                    format!("期间超出规则集日历覆盖范围 {} 至 {}", covers.from, covers.to),
                    format!(
                        "the period falls outside the rule-set calendar ({} to {}), so rest days are unknown",
                        covers.from, covers.to
                    ),
                )
                .expected(format!("a period within {} to {}", covers.from, covers.to)),
            );
        }
        let known_domain = |d: &str| doc.domains.iter().any(|x| x.id == d);
        // The domain of each list entry.
        let mut entry_domain: Vec<String> = Vec::with_capacity(req.list.len());
        for (i, e) in req.list.iter().enumerate() {
            if e.visits == 0 {
                errors.push(
                    err(
                        "inspection.no_visits",
                        format!("list[{i}].visits"),
                        "检查频次应至少为1次".into(),
                        "an entry must require at least one visit".into(),
                    )
                    .expected("an integer ≥ 1"),
                );
            }
            let item_domain = match &e.item {
                Some(code) => match self.item(code) {
                    Some(it) => Some(it.spec.domain.clone()),
                    None => {
                        errors.push(
                            err(
                                "inspection.unknown_item",
                                format!("list[{i}].item"),
                                format!("规则集中没有事项 {code}"),
                                format!("no item {code:?} in the rule set"),
                            )
                            .expected("an item code of the rule set"),
                        );
                        None
                    }
                },
                None => None,
            };
            let domain = match (&e.domain, item_domain) {
                (None, None) if e.item.is_none() => {
                    errors.push(err(
                        "inspection.entry_without_subject",
                        format!("list[{i}]"),
                        "清单条目应写明领域或事项".into(),
                        "a list entry must name a domain or an item".into(),
                    ));
                    String::new()
                }
                (Some(d), Some(id)) if *d != id => {
                    errors.push(
                        err(
                            "inspection.domain_mismatch",
                            format!("list[{i}].domain"),
                            format!(
                                "事项 {} 属于领域 {id}，不是 {d}",
                                e.item.as_deref().unwrap_or("")
                            ),
                            format!(
                                "item {} is in domain {id}, not {d}",
                                e.item.as_deref().unwrap_or("")
                            ),
                        )
                        .expected(id.clone()),
                    );
                    id
                }
                (Some(d), _) => {
                    if !known_domain(d) {
                        errors.push(
                            err(
                                "inspection.unknown_domain",
                                format!("list[{i}].domain"),
                                format!("规则集中没有领域 {d}"),
                                format!("no domain {d:?} in the rule set"),
                            )
                            .expected("a domain id of the rule set"),
                        );
                    }
                    d.clone()
                }
                (None, Some(id)) => id,
                (None, None) => String::new(),
            };
            entry_domain.push(domain);
        }
        let mut towns = Vec::with_capacity(req.objects.len());
        for (i, o) in req.objects.iter().enumerate() {
            if req.objects.iter().take(i).any(|x| x.id == o.id) {
                errors.push(err(
                    "inspection.duplicate_object",
                    format!("objects[{i}].id"),
                    format!("监管对象 {} 重复", o.id),
                    format!("object {} is listed twice", o.id),
                ));
            }
            match self
                .body(&o.town)
                .filter(|b| matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict))
            {
                Some(b) => towns.push(Some(b)),
                None => {
                    towns.push(None);
                    errors.push(
                        err(
                            "inspection.unknown_town",
                            format!("objects[{i}].town"),
                            format!("{} 不是规则集中的镇或街道", o.town),
                            format!("{:?} is not a town or subdistrict of the rule set", o.town),
                        )
                        .expected("a town or subdistrict id"),
                    );
                }
            }
            for (k, d) in o.domains.iter().enumerate() {
                if !known_domain(d) {
                    errors.push(
                        err(
                            "inspection.unknown_domain",
                            format!("objects[{i}].domains[{k}]"),
                            format!("规则集中没有领域 {d}"),
                            format!("no domain {d:?} in the rule set"),
                        )
                        .expected("a domain id of the rule set"),
                    );
                } else if o.domains.iter().take(k).any(|x| x == d) {
                    errors.push(err(
                        "inspection.duplicate_domain",
                        format!("objects[{i}].domains[{k}]"),
                        format!("领域 {d} 重复"),
                        format!("domain {d} is listed twice"),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }

        // Working days of the period.
        let cal = self.calendar();
        let mut working: Vec<Date> = Vec::new();
        let mut day = p.from;
        while day <= p.to {
            if !cal.is_rest_day(day) {
                working.push(day);
            }
            match day.0.succ_opt() {
                Some(n) => day = Date(n),
                None => break,
            }
        }
        let n = working.len();
        let mut rules = RuleSet::new();
        rules.insert(RuleId::InspectionCombined);
        let mut totals = InspectionTotals {
            objects: req.objects.len(),
            working_days: n,
            ..InspectionTotals::default()
        };
        let mut plans = Vec::with_capacity(req.objects.len());
        let mut too_many = Vec::new();
        for ((i, o), town) in req.objects.iter().enumerate().zip(towns) {
            let Some(town) = town else { continue };
            let mut needs: Vec<DomainNeed> = Vec::new();
            let mut unlisted = Vec::new();
            for d in &o.domains {
                let entries: Vec<usize> = entry_domain
                    .iter()
                    .enumerate()
                    .filter(|(_, ed)| *ed == d)
                    .map(|(k, _)| k)
                    .collect();
                let visits = entries
                    .iter()
                    .filter_map(|k| req.list.get(*k))
                    .map(|e| e.visits)
                    .max()
                    .unwrap_or(0);
                if entries.is_empty() {
                    unlisted.push(d.clone());
                } else {
                    needs.push(DomainNeed {
                        domain: d.clone(),
                        visits,
                        entries,
                    });
                }
            }
            let combined = needs.iter().map(|x| x.visits).max().unwrap_or(0);
            let separate: u32 = needs.iter().map(|x| x.visits).sum();
            let k = combined as usize;
            if k > n {
                too_many.push(
                    err(
                        "inspection.too_many_visits",
                        format!("objects[{i}]"),
                        format!("对象 {} 需检查 {k} 次，但期间只有 {n} 个工作日", o.id),
                        format!(
                            "object {} needs {k} visits but the period has only {n} working days",
                            o.id
                        ),
                    )
                    .expected(format!("at most {n} visits per object")),
                );
                continue;
            }
            // Visit j on the middle working day of the j-th of k equal slices:
            // index ⌊(2j+1)·n / 2k⌋.
            let mut visits: Vec<Visit> = (0..k)
                .filter_map(|j| working.get((2 * j + 1) * n / (2 * k).max(1)))
                .map(|d| Visit {
                    date: *d,
                    domains: Vec::new(),
                })
                .collect();
            // A domain needing f visits goes on visits ⌊(2r+1)·k / 2f⌋, r = 0..f
            // (the middle of each of f equal slices of the k visits).
            for need in &needs {
                let f = need.visits as usize;
                for r in 0..f {
                    if let Some(v) = visits.get_mut((2 * r + 1) * k / (2 * f).max(1)) {
                        v.domains.push(need.domain.clone());
                    }
                }
            }
            let saved = separate - combined;
            t.step(Some(RuleId::InspectionCombined), || {
                let list = |v: &Vec<DomainNeed>| {
                    v.iter()
                        .map(|x| format!("{}×{}", x.domain, x.visits))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (
                    format!(
                        "{}：适用领域 {}，综合检查 {combined} 次（各领域频次的最大值），分领域需 {separate} 次，节省 {saved} 次。",
                        o.id,
                        list(&needs)
                    ),
                    format!(
                        "{}: domains {}; {combined} combined visits (the largest need) instead of {separate} separate ones: {saved} saved.",
                        o.id,
                        list(&needs)
                    ),
                )
            });
            totals.combined_visits += combined;
            totals.separate_visits += separate;
            totals.visits_saved += saved;
            plans.push(ObjectPlan {
                id: o.id.clone(),
                town: BodyView::of(town),
                needs,
                unlisted_domains: unlisted,
                combined_visits: combined,
                separate_visits: separate,
                visits_saved: saved,
                visits,
            });
        }
        if !too_many.is_empty() {
            return Err(InputError {
                diagnostics: too_many,
            });
        }
        Ok(InspectionPlan {
            ruleset: RulesetRef::of(self),
            period: p,
            totals,
            objects: plans,
            rules,
        })
    }
}
