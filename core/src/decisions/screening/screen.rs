//! The screening decisions (see `docs/screening.md`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::request::{CatalogueRequest, FactOverrides, ScreenRequest};
use crate::answer::RulesetRef;
use crate::answer::TraceStep;
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::source::{ItemKind, ItemSpec, Screening, TownClass};
use crate::ruleset::Engine;
use crate::staffing::Figures;

/// The Plan §1 verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 优先下放.
    Priority,
    /// 审慎下放 (also when the priority clause applies too).
    Cautious,
    /// Neither clause applies: decided on actual need and capacity.
    Neither,
}

crate::vocabulary::labelled!(Verdict, "screening_verdict", "下放研判结论", "screening verdict", {
    Priority => "priority", "优先下放", "devolve first";
    Cautious => "cautious", "审慎下放", "devolve with caution";
    Neither => "neither", "根据实际需要和承接能力确定", "by actual need and capacity";
});

/// How the item may reach a town at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// In the guiding catalogue: may be delegated (赋权).
    Delegation,
    /// Outside the catalogue: only entrusted (委托).
    EntrustmentOnly,
    /// A compulsory measure outside the catalogue: neither (行政强制法 Art. 17).
    NotDevolvable,
}

crate::vocabulary::labelled!(Mode, "screening_mode", "可下放方式", "devolvable mode", {
    Delegation => "delegation", "可赋权", "may be delegated";
    EntrustmentOnly => "entrustment_only", "仅可委托", "entrustment only";
    NotDevolvable => "not_devolvable", "不得下放", "not devolvable";
});

/// A Plan §1 reason that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reason {
    /// Stable code, e.g. `screening.priority.high_frequency`.
    pub code: &'static str,
    /// `priority` or `cautious`: the clause the reason belongs to.
    pub clause: &'static str,
    /// Chinese text (the Plan's words).
    pub zh: &'static str,
    /// English text.
    pub en: &'static str,
}

const R_HF: Reason = Reason {
    code: "screening.priority.high_frequency",
    clause: "priority",
    zh: "高频多发",
    en: "high-frequency",
};
const R_EASY: Reason = Reason {
    code: "screening.priority.easy_to_detect_and_handle",
    clause: "priority",
    zh: "易发现易处置",
    en: "easy to detect and handle",
};
const R_SUIT: Reason = Reason {
    code: "screening.priority.suitable_professional_demand",
    clause: "priority",
    zh: "专业要求适宜",
    en: "suitable professional demand",
};
const R_LINK: Reason = Reason {
    code: "screening.priority.linked_to_territorial_responsibility",
    clause: "priority",
    zh: "与属地管理事项责任清单相关联",
    en: "linked to the territorial-responsibility list",
};
const R_SAFE: Reason = Reason {
    code: "screening.cautious.concerns_safety",
    clause: "cautious",
    zh: "事关人民群众生产生活安全",
    en: "concerns people's safety in production and life",
};
const R_PROF: Reason = Reason {
    code: "screening.cautious.highly_professional",
    clause: "cautious",
    zh: "专业要求高",
    en: "highly professional",
};
const R_HARD: Reason = Reason {
    code: "screening.cautious.hard_to_enforce",
    clause: "cautious",
    zh: "执法难度大",
    en: "hard to enforce",
};
const R_CANNOT: Reason = Reason {
    code: "screening.cautious.town_cannot_take_on",
    clause: "cautious",
    zh: "镇(街道)暂无法承接",
    en: "the town cannot yet take it on",
};

/// An item as shown in screening answers.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemInfo {
    /// Item code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Penalty, inspection or compulsory measure.
    pub kind: ItemKind,
    /// Domain id.
    pub domain: String,
    /// Original department id.
    pub department: String,
    /// In the provincial guiding catalogue.
    pub in_guiding_catalogue: bool,
}

/// One item screened for a class.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Screened {
    /// Which rule set answered.
    pub ruleset: RulesetRef,
    /// The item.
    pub item: ItemInfo,
    /// The town class.
    pub class: TownClass,
    /// The verdict (cautious prevails when both clauses apply).
    pub verdict: Verdict,
    /// Whether the priority clause applies.
    pub priority_applies: bool,
    /// Whether the cautious clause applies.
    pub cautious_applies: bool,
    /// The reasons of every clause that applies, priority first, in the Plan's order.
    pub reasons: Vec<Reason>,
    /// The attributes the verdict was read from (rule set, with the request's overrides).
    pub facts: Screening,
    /// The attributes the request changed.
    pub overridden: Vec<&'static str>,
    /// Delegation, entrustment only, or neither.
    pub mode: Mode,
    /// On the suggested list: verdict `priority` and devolvable.
    pub suggested: bool,
    /// The rules applied.
    #[serde(skip)]
    pub rules: RuleSet,
}

/// One item's row in the catalogue screening.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogueEntry {
    /// Item code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Kind.
    pub kind: ItemKind,
    /// Verdict.
    pub verdict: Verdict,
    /// Whether both clauses apply.
    pub both_apply: bool,
    /// Mode.
    pub mode: Mode,
    /// On the suggested list.
    pub suggested: bool,
    /// Reason codes.
    pub reasons: Vec<&'static str>,
}

/// Counts over the catalogue.
pub type CatalogueCounts = Figures;

/// The whole catalogue screened for a class.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogueScreening {
    /// Which rule set answered.
    pub ruleset: RulesetRef,
    /// The town class.
    pub class: TownClass,
    /// Counts: `items`, `priority`, `cautious`, `neither`, `both_apply`, `delegation`,
    /// `entrustment_only`, `not_devolvable`, `suggested`, `suggested_delegation`,
    /// `suggested_entrustment`.
    pub counts: CatalogueCounts,
    /// The suggested list: codes in rule-set order.
    pub suggested: Vec<String>,
    /// Every item, in rule-set order.
    pub items: Vec<CatalogueEntry>,
    /// The rules applied.
    #[serde(skip)]
    pub rules: RuleSet,
}

/// The class's Chinese and English names.
pub(crate) fn class_names(c: TownClass) -> (&'static str, &'static str) {
    match c {
        TownClass::DevelopedTown => ("经济发达镇", "developed towns"),
        TownClass::KeyIndustryTown => ("重点产业镇", "key-industry towns"),
        TownClass::MainUrbanSubdistrict => ("主城区街道", "main-urban subdistricts"),
    }
}

/// The core of the decision: pure, on the attributes.
struct Outcome {
    verdict: Verdict,
    priority: bool,
    cautious: bool,
    reasons: Vec<Reason>,
    mode: Mode,
    rules: RuleSet,
}

fn decide(spec: &ItemSpec, f: &Screening) -> Outcome {
    // 优先下放「高频多发、易发现易处置、专业要求适宜,或与属地管理事项责任清单相关联的」:
    // the 、-joined profile holds together; 或 adds the territorial alternative.
    let profile = f.high_frequency && f.easy_to_detect_and_handle && f.suitable_professional_demand;
    let territorial = f.linked_to_territorial_responsibility;
    let priority = profile || territorial;
    // 审慎下放「事关人民群众生产生活安全,且专业要求高、执法难度大、镇(街道)暂无法承接的」.
    let cautious =
        f.concerns_safety && f.highly_professional && f.hard_to_enforce && f.town_cannot_take_on;
    let mut reasons = Vec::new();
    if profile {
        reasons.extend([R_HF, R_EASY, R_SUIT]);
    }
    if territorial {
        reasons.push(R_LINK);
    }
    if cautious {
        reasons.extend([R_SAFE, R_PROF, R_HARD, R_CANNOT]);
    }
    let mut rules = RuleSet::new();
    let verdict = match (cautious, priority) {
        (true, both) => {
            rules.insert(RuleId::ScreeningCautious);
            if both {
                rules.insert(RuleId::ScreeningPriority);
                rules.insert(RuleId::ScreeningCautiousPrevails);
            }
            Verdict::Cautious
        }
        (false, true) => {
            rules.insert(RuleId::ScreeningPriority);
            Verdict::Priority
        }
        (false, false) => {
            rules.insert(RuleId::ScreeningNeither);
            Verdict::Neither
        }
    };
    let mode = match (spec.in_guiding_catalogue, spec.kind) {
        (true, _) => {
            rules.insert(RuleId::ScreeningDelegable);
            Mode::Delegation
        }
        (false, ItemKind::CompulsoryMeasure) => {
            rules.insert(RuleId::ScreeningNotDevolvable);
            Mode::NotDevolvable
        }
        (false, _) => {
            rules.insert(RuleId::ScreeningEntrustOnly);
            Mode::EntrustmentOnly
        }
    };
    Outcome {
        verdict,
        priority,
        cautious,
        reasons,
        mode,
        rules,
    }
}

fn unknown_item(path: String, code: &str) -> InputError {
    InputError::single(
        Diagnostic::error(
            "screening.unknown_item",
            path,
            format!("规则集中没有事项 {code}"),
            format!("no item {code:?} in the rule set"),
        )
        .expected("an item code of the rule set"),
    )
}

fn verdict_text(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Priority => ("优先下放", "devolve first"),
        Verdict::Cautious => ("审慎下放", "devolve with caution"),
        Verdict::Neither => (
            "既非优先也非审慎，按实际需要和承接能力确定",
            "neither: decided on actual need and capacity",
        ),
    }
}

fn mode_text(m: Mode) -> (&'static str, &'static str) {
    match m {
        Mode::Delegation => (
            "在《指导目录》内，可以赋权",
            "in the guiding catalogue: may be delegated",
        ),
        Mode::EntrustmentOnly => (
            "不在《指导目录》内，只能依法委托",
            "outside the guiding catalogue: entrustment only",
        ),
        Mode::NotDevolvable => (
            "不在《指导目录》内的行政强制措施，既不能赋权也不得委托",
            "a compulsory measure outside the catalogue: neither delegated nor entrusted",
        ),
    }
}

fn ruleset_ref(engine: &Engine) -> RulesetRef {
    RulesetRef::of(engine)
}

impl Engine {
    /// Screens one item for a town class (Plan §1). Pure.
    pub fn screen(&self, req: &ScreenRequest) -> Result<Screened, InputError> {
        self.screen_with(req, None)
    }

    /// [`Engine::screen`], recording the step-by-step explanation in `trace`.
    pub fn screen_traced(
        &self,
        req: &ScreenRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Screened, InputError> {
        self.screen_with(req, Some(trace))
    }

    fn screen_with(
        &self,
        req: &ScreenRequest,
        trace: Option<&mut Vec<TraceStep>>,
    ) -> Result<Screened, InputError> {
        let item = self
            .item(&req.item)
            .ok_or_else(|| unknown_item("item".to_owned(), &req.item))?;
        let spec = &item.spec;
        let (facts, overridden) = req.facts.apply(spec.screening);
        let o = decide(spec, &facts);
        if let Some(steps) = trace {
            steps.extend(explain(&o, &facts, &overridden));
        }
        Ok(Screened {
            ruleset: ruleset_ref(self),
            item: ItemInfo {
                code: spec.code.clone(),
                name_zh: spec.name_zh.clone(),
                name_en: spec.name_en.clone(),
                kind: spec.kind,
                domain: spec.domain.clone(),
                department: spec.department.clone(),
                in_guiding_catalogue: spec.in_guiding_catalogue,
            },
            class: req.class,
            verdict: o.verdict,
            priority_applies: o.priority,
            cautious_applies: o.cautious,
            reasons: o.reasons,
            facts,
            overridden,
            mode: o.mode,
            suggested: o.verdict == Verdict::Priority && o.mode != Mode::NotDevolvable,
            rules: o.rules,
        })
    }

    /// Screens every item of the rule set for a town class (Plan §1: 同类镇(街道)、一张清单).
    pub fn screen_catalogue(
        &self,
        req: &CatalogueRequest,
    ) -> Result<CatalogueScreening, InputError> {
        self.catalogue_with(req, None)
    }

    /// [`Engine::screen_catalogue`], recording one trace step per item in `trace`.
    pub fn screen_catalogue_traced(
        &self,
        req: &CatalogueRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<CatalogueScreening, InputError> {
        self.catalogue_with(req, Some(trace))
    }

    fn catalogue_with(
        &self,
        req: &CatalogueRequest,
        mut trace: Option<&mut Vec<TraceStep>>,
    ) -> Result<CatalogueScreening, InputError> {
        let mut errors = Vec::new();
        for code in req.facts.keys() {
            if self.item(code).is_none() {
                errors.extend(unknown_item(format!("facts.{code}"), code).diagnostics);
            }
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }
        let none = FactOverrides::default();
        let mut rules = RuleSet::new();
        let mut counts: BTreeMap<&'static str, u64> = [
            "items",
            "priority",
            "cautious",
            "neither",
            "both_apply",
            "delegation",
            "entrustment_only",
            "not_devolvable",
            "suggested",
            "suggested_delegation",
            "suggested_entrustment",
        ]
        .into_iter()
        .map(|k| (k, 0))
        .collect();
        let mut bump = |k: &'static str| *counts.entry(k).or_insert(0) += 1;
        let mut entries = Vec::with_capacity(self.items().len());
        let mut suggested = Vec::new();
        for item in self.items() {
            let spec = &item.spec;
            let (facts, _) = req
                .facts
                .get(&spec.code)
                .unwrap_or(&none)
                .apply(spec.screening);
            let o = decide(spec, &facts);
            for r in o.rules.iter() {
                rules.insert(r);
            }
            let is_suggested = o.verdict == Verdict::Priority && o.mode != Mode::NotDevolvable;
            bump("items");
            bump(match o.verdict {
                Verdict::Priority => "priority",
                Verdict::Cautious => "cautious",
                Verdict::Neither => "neither",
            });
            if o.priority && o.cautious {
                bump("both_apply");
            }
            bump(match o.mode {
                Mode::Delegation => "delegation",
                Mode::EntrustmentOnly => "entrustment_only",
                Mode::NotDevolvable => "not_devolvable",
            });
            if is_suggested {
                bump("suggested");
                bump(if o.mode == Mode::Delegation {
                    "suggested_delegation"
                } else {
                    "suggested_entrustment"
                });
                suggested.push(spec.code.clone());
            }
            if let Some(steps) = trace.as_deref_mut() {
                let (vz, ve) = verdict_text(o.verdict);
                let (mz, me) = mode_text(o.mode);
                steps.push(TraceStep {
                    rule: None,
                    zh: format!("{} {}:{vz};{mz}", spec.code, spec.name_zh),
                    en: format!("{} {}: {ve}; {me}", spec.code, spec.name_en),
                });
            }
            entries.push(CatalogueEntry {
                code: spec.code.clone(),
                name_zh: spec.name_zh.clone(),
                name_en: spec.name_en.clone(),
                kind: spec.kind,
                verdict: o.verdict,
                both_apply: o.priority && o.cautious,
                mode: o.mode,
                suggested: is_suggested,
                reasons: o.reasons.iter().map(|r| r.code).collect(),
            });
        }
        Ok(CatalogueScreening {
            ruleset: ruleset_ref(self),
            class: req.class,
            counts,
            suggested,
            items: entries,
            rules,
        })
    }
}

fn explain(o: &Outcome, f: &Screening, overridden: &[&'static str]) -> Vec<TraceStep> {
    let mut steps = Vec::new();
    if !overridden.is_empty() {
        steps.push(TraceStep {
            rule: None,
            zh: format!("请求改写了事项属性：{}", overridden.join("、")),
            en: format!("the request overrides: {}", overridden.join(", ")),
        });
    }
    let yn = |b: bool| if b { "是" } else { "否" };
    let profile = f.high_frequency && f.easy_to_detect_and_handle && f.suitable_professional_demand;
    steps.push(TraceStep {
        rule: Some(RuleId::ScreeningPriority.id()),
        zh: format!(
            "优先下放：高频多发{}、易发现易处置{}、专业要求适宜{}（三者兼备{}），或与属地管理事项责任清单相关联{} → {}",
            yn(f.high_frequency),
            yn(f.easy_to_detect_and_handle),
            yn(f.suitable_professional_demand),
            yn(profile),
            yn(f.linked_to_territorial_responsibility),
            if o.priority { "适用" } else { "不适用" }
        ),
        en: format!(
            "priority: high-frequency {}, easy {}, suitable {} (all three {}), or linked {} → {}",
            f.high_frequency,
            f.easy_to_detect_and_handle,
            f.suitable_professional_demand,
            profile,
            f.linked_to_territorial_responsibility,
            if o.priority { "applies" } else { "does not apply" }
        ),
    });
    steps.push(TraceStep {
        rule: Some(RuleId::ScreeningCautious.id()),
        zh: format!(
            "审慎下放：事关生产生活安全{}，且专业要求高{}、执法难度大{}、暂无法承接{} → {}",
            yn(f.concerns_safety),
            yn(f.highly_professional),
            yn(f.hard_to_enforce),
            yn(f.town_cannot_take_on),
            if o.cautious { "适用" } else { "不适用" }
        ),
        en: format!(
            "caution: safety {}, and highly professional {}, hard to enforce {}, cannot take on {} → {}",
            f.concerns_safety,
            f.highly_professional,
            f.hard_to_enforce,
            f.town_cannot_take_on,
            if o.cautious { "applies" } else { "does not apply" }
        ),
    });
    if o.priority && o.cautious {
        steps.push(TraceStep {
            rule: Some(RuleId::ScreeningCautiousPrevails.id()),
            zh: "两种情形同时适用，按审慎下放处理".into(),
            en: "both apply: caution prevails".into(),
        });
    }
    let (mz, me) = mode_text(o.mode);
    let mode_rule = match o.mode {
        Mode::Delegation => RuleId::ScreeningDelegable,
        Mode::EntrustmentOnly => RuleId::ScreeningEntrustOnly,
        Mode::NotDevolvable => RuleId::ScreeningNotDevolvable,
    };
    steps.push(TraceStep {
        rule: Some(mode_rule.id()),
        zh: mz.to_owned(),
        en: me.to_owned(),
    });
    steps
}

impl Screened {
    /// A short explanation: `(Chinese, English)`.
    pub fn summary(&self) -> (String, String) {
        let (cz, ce) = class_names(self.class);
        let (vz, ve) = verdict_text(self.verdict);
        let (mz, me) = mode_text(self.mode);
        let rz: Vec<&str> = self.reasons.iter().map(|r| r.zh).collect();
        let re: Vec<&str> = self.reasons.iter().map(|r| r.en).collect();
        let both_zh = if self.priority_applies && self.cautious_applies {
            "（同时符合优先下放情形，审慎优先）"
        } else {
            ""
        };
        let both_en = if self.priority_applies && self.cautious_applies {
            " (the priority clause also applies; caution prevails)"
        } else {
            ""
        };
        let why_zh = if rz.is_empty() {
            String::new()
        } else {
            format!("（{}）", rz.join("、"))
        };
        let why_en = if re.is_empty() {
            String::new()
        } else {
            format!(" ({})", re.join("; "))
        };
        (
            format!(
                "事项 {}「{}」对{cz}：{vz}{why_zh}{both_zh}；{mz}。",
                self.item.code, self.item.name_zh
            ),
            format!(
                "Item {} for {ce}: {ve}{why_en}{both_en}; {me}.",
                self.item.code
            ),
        )
    }
}

impl CatalogueScreening {
    /// A short explanation: `(Chinese, English)`.
    pub fn summary(&self) -> (String, String) {
        let (cz, ce) = class_names(self.class);
        let c = |k: &str| self.counts.get(k).copied().unwrap_or(0);
        (
            format!(
                "{cz}：事项 {} 项，优先下放 {} 项、审慎下放 {} 项、其他 {} 项；建议清单 {} 项（赋权 {} 项、委托 {} 项）。",
                c("items"),
                c("priority"),
                c("cautious"),
                c("neither"),
                c("suggested"),
                c("suggested_delegation"),
                c("suggested_entrustment")
            ),
            format!(
                "{ce}: {} items, {} to devolve first, {} with caution, {} neither; suggested list {} ({} by delegation, {} by entrustment).",
                c("items"),
                c("priority"),
                c("cautious"),
                c("neither"),
                c("suggested"),
                c("suggested_delegation"),
                c("suggested_entrustment")
            ),
        )
    }
}
