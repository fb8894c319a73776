//! Coverage (Plan §4, §12, §14; 行政处罚法 Art. 20, 24): for a date range, show
//! that every (item, town, day) has exactly one competent body — the town under
//! a delegation past its transition or an entrustment in force, else the
//! original department — as a timeline of contiguous segments per item and
//! town, and list the gaps and overlaps. See `docs/coverage.md`.
//!
//! Each day's status is routing's own item status ([`Engine::route`] step 4),
//! so coverage and routing never disagree. Segments break only where a status
//! can change: a grant's effective day, the day after a transition's last day,
//! a revocation day, the day after an entrustment's term ends.

pub mod operation;

use serde::{Deserialize, Serialize};

use crate::answer::{BodyView, RulesetRef, Tracer};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::routing::ItemStatus;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::engine::Reach;
use crate::ruleset::source::GrantMode;
use crate::ruleset::{BodyKind, Engine};
use crate::time::Date;

/// The request of the `coverage` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CoverageRequest {
    /// First day of the range.
    pub from: Date,
    /// Last day of the range, included.
    pub to: Date,
    /// Town or subdistrict ids to look at (empty: every town and subdistrict).
    #[serde(default)]
    pub towns: Vec<String>,
    /// Item codes to look at (empty: every item).
    #[serde(default)]
    pub items: Vec<String>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// Who is competent in a segment, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// The town, in its own name (delegation past its transition).
    Delegation,
    /// The town, in the department's name (entrustment in force).
    Entrustment,
    /// The original department.
    Department,
    /// Nobody (a gap).
    None,
}

crate::vocabulary::labelled!(Capacity, "capacity", "行使主体", "acting capacity", {
    Delegation => "delegation", "镇(街道)以自己名义（赋权）", "the town in its own name (delegation)";
    Entrustment => "entrustment", "镇(街道)以部门名义（委托）", "the town in the department's name (entrustment)";
    Department => "department", "原行使部门", "the original department";
    None => "none", "无人行使（空白）", "nobody (a gap)";
});

/// A contiguous run of days with one competent body.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Segment {
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
    /// Routing's item status on these days.
    pub status: ItemStatus,
    /// The competent body (null only in a gap).
    pub competent: Option<BodyView>,
    /// How it is competent.
    pub capacity: Capacity,
    /// The grant that gives the status, if any.
    pub grant: Option<String>,
}

/// The timeline of one item at one town.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Timeline {
    /// Item code.
    pub item: String,
    /// Town id.
    pub town: String,
    /// The segments, in date order, covering the whole range.
    pub segments: Vec<Segment>,
}

/// More than one grant in force for the same item and town.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Overlap {
    /// Item code.
    pub item: String,
    /// Town id.
    pub town: String,
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
    /// The grants in force, in rule-set order.
    pub grants: Vec<String>,
    /// `mixed_modes` (delegation and entrustment) or `duplicate` (the same mode twice).
    pub kind: OverlapKind,
}

/// The kind of an overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OverlapKind {
    /// Delegated and entrusted at once.
    MixedModes,
    /// Granted twice in the same mode.
    Duplicate,
}

crate::vocabulary::labelled!(OverlapKind, "overlap_kind", "重叠类型", "kind of overlap", {
    MixedModes => "mixed_modes", "同时赋权和委托", "delegated and entrusted at once";
    Duplicate => "duplicate", "同一方式重复下放", "granted twice in one mode";
});

/// Days on which nobody is competent.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Gap {
    /// Item code.
    pub item: String,
    /// Town id.
    pub town: String,
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
}

/// Summary counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CoverageCounts {
    /// (item, town) pairs looked at.
    pub pairs: usize,
    /// Segments over all timelines.
    pub segments: usize,
    /// Pairs whose competent body or status changes within the range.
    pub pairs_changing: usize,
    /// Pairs with the town competent on at least one day.
    pub pairs_town_competent: usize,
    /// Overlaps found.
    pub overlaps: usize,
    /// Gaps found.
    pub gaps: usize,
}

/// The `coverage` decision.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Coverage {
    /// The rule set looked at.
    pub ruleset: RulesetRef,
    /// First day.
    pub from: Date,
    /// Last day, included.
    pub to: Date,
    /// Whether every (item, town, day) has exactly one competent body.
    pub exactly_one: bool,
    /// Counts.
    pub counts: CoverageCounts,
    /// One timeline per (item, town), items in rule-set order, then towns in rule-set order.
    pub timelines: Vec<Timeline>,
    /// Overlaps.
    pub overlaps: Vec<Overlap>,
    /// Gaps.
    pub gaps: Vec<Gap>,
    #[serde(skip)]
    rules: RuleSet,
}

impl Coverage {
    /// The determining rules.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// A short explanation (zh, en).
    pub fn summary(&self) -> (String, String) {
        let c = &self.counts;
        let (zh_ok, en_ok) = if self.exactly_one {
            (
                "每个事项在每个镇(街道)每日均有且只有一个有权机关",
                "every item at every town has exactly one competent body on every day",
            )
        } else {
            (
                "存在重叠或空白，需清理清单",
                "there are overlaps or gaps: the lists need cleaning up",
            )
        };
        (
            format!(
                "{} 至 {}：{} 对事项与镇(街道)，{} 段，{} 对期间内发生变化；重叠 {} 处，空白 {} 处；{}。",
                self.from, self.to, c.pairs, c.segments, c.pairs_changing, c.overlaps, c.gaps, zh_ok
            ),
            format!(
                "{} to {}: {} item–town pairs, {} segments, {} pairs change within the range; {} overlaps, {} gaps; {}.",
                self.from, self.to, c.pairs, c.segments, c.pairs_changing, c.overlaps, c.gaps, en_ok
            ),
        )
    }
}

fn next_day(d: Date) -> Option<Date> {
    d.0.succ_opt().map(Date)
}

fn prev_day(d: Date) -> Option<Date> {
    d.0.pred_opt().map(Date)
}

fn err(code: &str, path: String, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

impl Engine {
    /// The coverage timelines for a date range.
    pub fn coverage(&self, req: &CoverageRequest) -> Result<Coverage, InputError> {
        self.coverage_with(req, Tracer(None))
    }

    /// [`Engine::coverage`] recording the step-by-step trace.
    pub fn coverage_traced(
        &self,
        req: &CoverageRequest,
        trace: &mut Vec<crate::answer::TraceStep>,
    ) -> Result<Coverage, InputError> {
        self.coverage_with(req, Tracer(Some(trace)))
    }

    fn coverage_with(
        &self,
        req: &CoverageRequest,
        mut t: Tracer<'_>,
    ) -> Result<Coverage, InputError> {
        limits::check_len("towns", req.towns.len(), limits::MAX_LIST_ENTRIES)?;
        limits::check_len("items", req.items.len(), limits::MAX_LIST_ENTRIES)?;
        let inner = &*self.inner;
        let mut errors = Vec::new();
        if req.from > req.to {
            errors.push(
                err(
                    "coverage.range_out_of_order",
                    "to".into(),
                    format!("结束日 {} 早于开始日 {}", req.to, req.from),
                    format!(
                        "the range ends on {} before it starts on {}",
                        req.to, req.from
                    ),
                )
                .expected("from ≤ to"),
            );
        }
        let mut towns: Vec<u32> = Vec::new();
        if req.towns.is_empty() {
            towns.extend(
                (0u32..)
                    .zip(inner.bodies.iter())
                    .filter(|(_, b)| matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict))
                    .map(|(i, _)| i),
            );
        }
        for (k, id) in req.towns.iter().enumerate() {
            match inner.body_index.get(id.as_str()).copied() {
                Some(i)
                    if self
                        .body_at(i)
                        .is_some_and(|b| matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict)) =>
                {
                    if !towns.contains(&i) {
                        towns.push(i);
                    }
                }
                _ => errors.push(
                    err(
                        "coverage.unknown_town",
                        format!("towns[{k}]"),
                        format!("{id} 不是规则集中的镇或街道（管理服务中心不承接执法权）"),
                        format!("{id:?} is not a town or subdistrict of the rule set (a management centre holds no powers)"),
                    )
                    .expected("a town or subdistrict id"),
                ),
            }
        }
        let mut items: Vec<u32> = Vec::new();
        if req.items.is_empty() {
            items.extend(0..u32::try_from(inner.items.len()).unwrap_or(u32::MAX));
        }
        for (k, code) in req.items.iter().enumerate() {
            match inner.item_index.get(code.as_str()).copied() {
                Some(i) => {
                    if !items.contains(&i) {
                        items.push(i);
                    }
                }
                None => errors.push(
                    err(
                        "coverage.unknown_item",
                        format!("items[{k}]"),
                        format!("规则集中没有事项 {code}"),
                        format!("no item {code:?} in the rule set"),
                    )
                    .expected("an item code of the rule set"),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }
        items.sort_unstable();
        towns.sort_unstable();

        let mut rules = RuleSet::new();
        rules.insert(RuleId::CoverageOneBody);
        let mut counts = CoverageCounts::default();
        let mut timelines = Vec::with_capacity(items.len() * towns.len());
        let mut overlaps = Vec::new();
        let mut gaps = Vec::new();
        for &ii in &items {
            let item = inner
                .items
                .get(ii as usize)
                .ok_or_else(|| InputError::internal("item"))?;
            let department = self.body_at(item.department);
            for &ti in &towns {
                let town = self
                    .body_at(ti)
                    .ok_or_else(|| InputError::internal("town"))?;
                let covers = inner.coverage.get(ti, ii);
                // Every day a status can change on.
                let mut starts = vec![req.from];
                for c in covers {
                    let mut push = |d: Option<Date>| {
                        if let Some(d) = d.filter(|d| req.from < *d && *d <= req.to) {
                            starts.push(d);
                        }
                    };
                    if let Some((s, e)) = c.interval {
                        push(Some(s));
                        push(next_day(e));
                    }
                    push(c.transition_last_day.and_then(next_day));
                    push(c.revoked);
                    push(c.term_to.and_then(next_day));
                }
                starts.sort_unstable();
                starts.dedup();
                let mut segments: Vec<Segment> = Vec::new();
                for (k, &s) in starts.iter().enumerate() {
                    let e = match starts.get(k + 1) {
                        Some(n) => prev_day(*n).unwrap_or(*n),
                        None => req.to,
                    };
                    let (status, cover) = self.item_status(ti, ii, s);
                    rules.insert(status.rule());
                    let grant = cover
                        .and_then(|c| inner.grants.get(c.grant as usize))
                        .map(|g| g.id.clone());
                    let (competent, capacity) = if status.town_competent() {
                        let cap = match status {
                            ItemStatus::Delegated | ItemStatus::CarriedByDelegation => {
                                Capacity::Delegation
                            }
                            _ => Capacity::Entrustment,
                        };
                        (Some(BodyView::of(town)), cap)
                    } else {
                        match department {
                            Some(d) => (Some(BodyView::of(d)), Capacity::Department),
                            None => (None, Capacity::None),
                        }
                    };
                    // Overlap: more than one grant in force reaching the item at the town.
                    let in_force: Vec<(u32, GrantMode)> = covers
                        .iter()
                        .filter(|c| c.reach != Reach::CompulsoryExcluded)
                        .filter(|c| c.interval.is_some_and(|(a, b)| a <= s && s <= b))
                        .map(|c| (c.grant, c.mode))
                        .collect();
                    let mut ids: Vec<u32> = in_force.iter().map(|(g, _)| *g).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    if ids.len() > 1 {
                        let kind = if in_force
                            .iter()
                            .any(|(_, m)| *m != in_force.first().map_or(*m, |f| f.1))
                        {
                            OverlapKind::MixedModes
                        } else {
                            OverlapKind::Duplicate
                        };
                        let names: Vec<String> = ids
                            .iter()
                            .filter_map(|g| inner.grants.get(*g as usize))
                            .map(|g| g.id.clone())
                            .collect();
                        match overlaps.last_mut() {
                            Some(Overlap {
                                item: oi,
                                town: ot,
                                to,
                                grants,
                                kind: ok,
                                ..
                            }) if *oi == item.spec.code
                                && *ot == town.id
                                && *grants == names
                                && *ok == kind
                                && next_day(*to) == Some(s) =>
                            {
                                *to = e;
                            }
                            _ => overlaps.push(Overlap {
                                item: item.spec.code.clone(),
                                town: town.id.clone(),
                                from: s,
                                to: e,
                                grants: names,
                                kind,
                            }),
                        }
                    }
                    if capacity == Capacity::None {
                        gaps.push(Gap {
                            item: item.spec.code.clone(),
                            town: town.id.clone(),
                            from: s,
                            to: e,
                        });
                    }
                    match segments.last_mut() {
                        Some(last) if last.status == status && last.grant == grant => last.to = e,
                        _ => segments.push(Segment {
                            from: s,
                            to: e,
                            status,
                            competent,
                            capacity,
                            grant,
                        }),
                    }
                }
                counts.pairs += 1;
                counts.segments += segments.len();
                if segments.len() > 1 {
                    counts.pairs_changing += 1;
                }
                if segments.iter().any(|s| s.status.town_competent()) {
                    counts.pairs_town_competent += 1;
                }
                if segments.len() > 1 || segments.iter().any(|s| s.grant.is_some()) {
                    t.step(Some(RuleId::CoverageOneBody), || {
                        timeline_sentence(&item.spec.code, town, &segments)
                    });
                }
                timelines.push(Timeline {
                    item: item.spec.code.clone(),
                    town: town.id.clone(),
                    segments,
                });
            }
        }
        counts.overlaps = overlaps.len();
        counts.gaps = gaps.len();
        if !overlaps.is_empty() {
            rules.insert(RuleId::CoverageOverlap);
            t.step(Some(RuleId::CoverageOverlap), || {
                (
                    format!(
                        "发现 {} 处重叠：同一事项对同一镇(街道)有两个以上授权同时有效。",
                        overlaps.len()
                    ),
                    format!(
                        "{} overlaps: more than one grant in force for the same item and town.",
                        overlaps.len()
                    ),
                )
            });
        }
        if !gaps.is_empty() {
            rules.insert(RuleId::CoverageGap);
        }
        Ok(Coverage {
            ruleset: RulesetRef::of(self),
            from: req.from,
            to: req.to,
            exactly_one: overlaps.is_empty() && gaps.is_empty(),
            counts,
            timelines,
            overlaps,
            gaps,
            rules,
        })
    }
}

fn timeline_sentence(
    code: &str,
    town: &crate::ruleset::Body,
    segments: &[Segment],
) -> (String, String) {
    let part = |s: &Segment, zh: bool| {
        let who = s.competent.as_ref().map_or("—".to_owned(), |b| {
            if zh {
                b.name_zh().to_owned()
            } else {
                b.name_en().to_owned()
            }
        });
        let status = serde_json::to_value(s.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("{}..{} {status} → {who}", s.from, s.to)
    };
    let zh: Vec<String> = segments.iter().map(|s| part(s, true)).collect();
    let en: Vec<String> = segments.iter().map(|s| part(s, false)).collect();
    (
        format!("{code} 在{}：{}。", town.name_zh, zh.join("；")),
        format!("{code} at {}: {}.", town.name_en, en.join("; ")),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn embedded_default_has_exactly_one_body_everywhere() {
        let e = Engine::embedded().unwrap();
        let c = e
            .coverage(&CoverageRequest {
                from: date("2024-01-01"),
                to: date("2026-12-31"),
                towns: vec![],
                items: vec![],
                trace: false,
            })
            .unwrap();
        assert!(c.exactly_one);
        assert!(c.gaps.is_empty() && c.overlaps.is_empty());
        for tl in &c.timelines {
            let mut day = c.from;
            for s in &tl.segments {
                assert_eq!(s.from, day, "{} {}", tl.item, tl.town);
                assert!(s.from <= s.to);
                day = next_day(s.to).unwrap();
            }
            assert_eq!(prev_day(day), Some(c.to));
        }
    }

    #[test]
    fn duplicate_grant_is_an_overlap() {
        let mut doc = Engine::embedded().unwrap().document().clone();
        let mut dup = doc
            .grants
            .iter()
            .find(|g| g.id == "G-2024-YT-YJ")
            .unwrap()
            .clone();
        dup.id = "G-2025-YT-YJ-DUP".into();
        dup.effective = date("2025-01-01");
        dup.signed = date("2024-12-20");
        dup.published = Some(date("2024-12-21"));
        dup.acceptance_confirmation = Some(date("2024-12-20"));
        doc.grants.push(dup);
        let e = Engine::from_document(doc).expect("a duplicate is only a warning");
        assert!(e
            .warnings()
            .iter()
            .any(|w| w.code == "grant.duplicate_coverage"));
        let c = e
            .coverage(&CoverageRequest {
                from: date("2024-12-01"),
                to: date("2025-01-31"),
                towns: vec!["yangting".into()],
                items: vec!["AQ-P004".into()],
                trace: false,
            })
            .unwrap();
        assert!(!c.exactly_one);
        assert_eq!(c.overlaps.len(), 1);
        let o = &c.overlaps[0];
        assert_eq!((o.from, o.to), (date("2025-01-01"), date("2025-01-31")));
        assert_eq!(o.kind, OverlapKind::Duplicate);
        assert_eq!(o.grants, vec!["G-2024-YT-YJ", "G-2025-YT-YJ-DUP"]);
        assert!(c.rules().contains(RuleId::CoverageOverlap));
    }
}
