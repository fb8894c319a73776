//! Supervision of delegated enforcement (Plan §14; 四(四)): from per-town case
//! statistics, flag the signs the Plan names — 违法不罚 (violations left
//! unpunished) and 有法不依 (law not followed) — for review (督办), and list the
//! towns that are candidates for taking powers back (依法回收执法权限) and
//! adjusting their lists (动态调整赋权事项). See `docs/supervision.md`.
//!
//! Every threshold is a dated rule-set parameter (`supervision_thresholds`),
//! read on each period's last day. Ratios are compared in integers by
//! cross-multiplying: `a/b < n/d` ⇔ `a·d < n·b`. "不满" and "超过" exclude the
//! value itself (民法典 Art. 1259): a ratio exactly at the threshold is no sign.

pub mod operation;

use serde::{Deserialize, Serialize};

use crate::answer::TraceStep;
use crate::answer::{BodyView, RulesetRef, Tracer};
use crate::diagnostic::{Diagnostic, InputError};
use crate::limits;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::engine::in_force;
pub use crate::ruleset::parameters::Thresholds;
use crate::ruleset::source::Ratio;
use crate::ruleset::{Body, BodyKind, Engine};
use crate::time::{Date, DateRange};

/// One town's case statistics for one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TownStats {
    /// Town or subdistrict id.
    pub town: String,
    /// The period (thresholds are read on its last day).
    pub period: DateRange,
    /// Violations found (发现).
    pub found: u32,
    /// Cases filed (立案).
    pub filed: u32,
    /// Penalty decisions made (作出处罚决定).
    pub decided: u32,
    /// Cases transferred to departments (移送, Plan §13).
    pub transferred: u32,
    /// Decisions overturned in administrative review or litigation (被撤销、变更或确认违法).
    pub overturned: u32,
}

/// The request of the `supervision` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SupervisionRequest {
    /// Statistics, one row per town and period (any order).
    pub stats: Vec<TownStats>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// A sign the Plan names (Plan §14).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// 违法不罚.
    ViolationsUnpunished,
    /// 有法不依.
    LawNotFollowed,
}

crate::vocabulary::labelled!(Signal, "supervision_signal", "监督信号", "supervision sign", {
    ViolationsUnpunished => "violations_unpunished", "违法不罚", "violations unpunished";
    LawNotFollowed => "law_not_followed", "有法不依", "law not followed";
});

/// Which ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// (filed + transferred) / found.
    Filing,
    /// decided / filed.
    Decision,
    /// overturned / decided.
    Overturn,
}

crate::vocabulary::labelled!(Measure, "supervision_measure", "监督指标", "supervision measure", {
    Filing => "filing", "立案率", "filing rate";
    Decision => "decision", "结案率", "decision rate";
    Overturn => "overturn", "被纠错率", "overturn rate";
});

/// A ratio that crossed its threshold.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// The sign.
    pub signal: Signal,
    /// The ratio.
    pub measure: Measure,
    /// Its value, as integers.
    pub actual: Ratio,
    /// The threshold in force.
    pub threshold: Ratio,
}

/// One assessed row.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TownPeriod {
    /// Town id.
    pub town: String,
    /// The period.
    pub period: DateRange,
    /// (filed + transferred) / found, null when nothing was found.
    pub filing_ratio: Option<Ratio>,
    /// decided / filed, null when nothing was filed.
    pub decision_ratio: Option<Ratio>,
    /// overturned / decided, null when nothing was decided.
    pub overturn_ratio: Option<Ratio>,
    /// The signs, without repeats.
    pub signals: Vec<Signal>,
    /// Each ratio that crossed its threshold.
    pub findings: Vec<Finding>,
}

/// Why a town is a take-back candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CandidateGround {
    /// Signs in `consecutive_periods` consecutive periods.
    ConsecutivePeriods,
    /// Both signs in one period.
    BothSignals,
}

crate::vocabulary::labelled!(CandidateGround, "candidate_ground", "收回候选理由", "ground for a take-back candidate", {
    ConsecutivePeriods => "consecutive_periods", "连续多个周期出现信号", "signs in consecutive periods";
    BothSignals => "both_signals", "同一周期两种信号并存", "both signs in one period";
});

/// A candidate for taking powers back.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Candidate {
    /// The town.
    pub town: BodyView,
    /// Why.
    pub grounds: Vec<CandidateGround>,
    /// The longest run of consecutive flagged periods.
    pub longest_run: u32,
    /// The flagged periods, in date order.
    pub flagged_periods: Vec<DateRange>,
}

/// Counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SupervisionCounts {
    /// Rows assessed.
    pub rows: usize,
    /// Rows with at least one sign.
    pub flagged: usize,
    /// Rows with 违法不罚.
    pub violations_unpunished: usize,
    /// Rows with 有法不依.
    pub law_not_followed: usize,
    /// Take-back candidates.
    pub candidates: usize,
}

/// The `supervision` decision.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Supervision {
    /// The rule set.
    pub ruleset: RulesetRef,
    /// Counts.
    pub counts: SupervisionCounts,
    /// Rows, by town (rule-set order) then period.
    pub rows: Vec<TownPeriod>,
    /// Take-back candidates, in rule-set order of towns.
    pub candidates: Vec<Candidate>,
    #[serde(skip)]
    rules: RuleSet,
}

impl Supervision {
    /// The determining rules.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// A short explanation (zh, en).
    pub fn summary(&self) -> (String, String) {
        let c = &self.counts;
        let (mut zh, mut en) = (String::new(), String::new());
        for (k, x) in self.candidates.iter().enumerate() {
            if k > 0 {
                zh.push('、');
                en.push_str(", ");
            }
            zh.push_str(x.town.name_zh());
            en.push_str(x.town.name_en());
        }
        if zh.is_empty() {
            zh.push('—');
            en.push('—');
        }
        (
            format!(
                "{} 条统计中 {} 条有迹象（违法不罚 {}，有法不依 {}）；依法回收执法权限的审查对象 {} 个：{zh}。",
                c.rows, c.flagged, c.violations_unpunished, c.law_not_followed, c.candidates
            ),
            format!(
                "{} rows, {} with signs ({} violations unpunished, {} law not followed); {} candidates for taking powers back: {en}.",
                c.rows, c.flagged, c.violations_unpunished, c.law_not_followed, c.candidates
            ),
        )
    }
}

fn ratio(numerator: u32, denominator: u32) -> Option<Ratio> {
    (denominator > 0).then_some(Ratio {
        numerator,
        denominator,
    })
}

/// `a < t`, exactly.
fn below(a: Ratio, t: Ratio) -> bool {
    u64::from(a.numerator) * u64::from(t.denominator)
        < u64::from(t.numerator) * u64::from(a.denominator)
}

/// `a > t`, exactly.
fn above(a: Ratio, t: Ratio) -> bool {
    u64::from(a.numerator) * u64::from(t.denominator)
        > u64::from(t.numerator) * u64::from(a.denominator)
}

/// Per town: (body, longest run, current run, last flagged period's end, grounds, flagged periods).
type Run = (
    u32,
    u32,
    u32,
    Option<Date>,
    Vec<CandidateGround>,
    Vec<DateRange>,
);

fn err(code: &str, path: String, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

fn next_day(d: Date) -> Option<Date> {
    d.0.succ_opt().map(Date)
}

impl Engine {
    /// Assesses per-town statistics.
    pub fn supervision(&self, req: &SupervisionRequest) -> Result<Supervision, InputError> {
        self.supervision_with(req, Tracer(None))
    }

    /// [`Engine::supervision`] recording the step-by-step trace.
    pub fn supervision_traced(
        &self,
        req: &SupervisionRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Supervision, InputError> {
        self.supervision_with(req, Tracer(Some(trace)))
    }

    fn supervision_with(
        &self,
        req: &SupervisionRequest,
        mut t: Tracer<'_>,
    ) -> Result<Supervision, InputError> {
        limits::check_len("stats", req.stats.len(), limits::MAX_ROSTER_PEOPLE)?;
        let params = &self.parameters().supervision_thresholds;
        let mut errors = Vec::new();
        let mut rows: Vec<(u32, usize)> = Vec::with_capacity(req.stats.len());
        for (i, s) in req.stats.iter().enumerate() {
            let town = self
                .inner
                .body_index
                .get(s.town.as_str())
                .copied()
                .filter(|b| {
                    self.body_at(*b)
                        .is_some_and(|b| matches!(b.kind, BodyKind::Town | BodyKind::Subdistrict))
                });
            match town {
                Some(b) => rows.push((b, i)),
                None => errors.push(
                    err(
                        "supervision.unknown_town",
                        format!("stats[{i}].town"),
                        format!("{} 不是规则集中的镇或街道", s.town),
                        format!("{:?} is not a town or subdistrict of the rule set", s.town),
                    )
                    .expected("a town or subdistrict id"),
                ),
            }
            // A share above 100% is no share: a row counts one period's cases,
            // each filed (or transferred) case found, each decision on a filed
            // case, each overturned decision a decision. The first such figure.
            let figures = [
                (
                    s.filed.saturating_add(s.transferred),
                    s.found,
                    "filed",
                    "立案数与移送数之和",
                    "发现数",
                ),
                (s.decided, s.filed, "decided", "作出决定数", "立案数"),
                (
                    s.overturned,
                    s.decided,
                    "overturned",
                    "被纠错的决定数",
                    "作出决定数",
                ),
            ];
            if let Some((n, d, field, part, whole)) = figures.into_iter().find(|f| f.0 > f.1) {
                errors.push(err(
                    "supervision.impossible_figures",
                    format!("stats[{i}].{field}"),
                    format!("{part} {n} 大于{whole} {d}，比例不能超过 100%"),
                    format!(
                        "{field} ({n}) exceeds its denominator ({d}): a share cannot exceed 100%"
                    ),
                ));
            }
            if s.period.from > s.period.to {
                errors.push(
                    err(
                        "supervision.period_out_of_order",
                        format!("stats[{i}].period.to"),
                        format!("期间结束日 {} 早于开始日 {}", s.period.to, s.period.from),
                        format!(
                            "the period ends on {} before it starts on {}",
                            s.period.to, s.period.from
                        ),
                    )
                    .expected("period.from ≤ period.to"),
                );
            }
        }
        // Ties keep input order through the index (an unstable sort is smaller code).
        rows.sort_unstable_by_key(|&(b, i)| (b, req.stats.get(i).map(|s| s.period.from), i));
        for w in rows.windows(2) {
            if let [(b1, i1), (b2, i2)] = w {
                if let (Some(a), Some(b)) = (req.stats.get(*i1), req.stats.get(*i2)) {
                    if b1 == b2 && b.period.from <= a.period.to {
                        errors.push(err(
                            "supervision.overlapping_periods",
                            format!("stats[{i2}].period"),
                            format!("{} 的期间与 stats[{i1}] 重叠", a.town),
                            format!("the period of {} overlaps that of stats[{i1}]", a.town),
                        ));
                    }
                }
            }
        }
        if errors.is_empty() {
            for s in &req.stats {
                let th = in_force(params, s.period.to).ok_or_else(|| {
                    self.parameter_not_in_force("supervision_thresholds", s.period.to)
                })?;
                let v = th.value;
                for (name, r) in [
                    ("filing_ratio_min", v.filing_ratio_min),
                    ("decision_ratio_min", v.decision_ratio_min),
                    ("overturn_ratio_max", v.overturn_ratio_max),
                ] {
                    if r.denominator == 0 {
                        errors.push(err(
                            "parameter.invalid",
                            format!("parameters.supervision_thresholds.{name}"),
                            format!("参数 {name} 的分母为零"),
                            format!("parameter {name} has a zero denominator"),
                        ));
                    }
                }
                if !errors.is_empty() {
                    break;
                }
            }
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }

        let mut rules = RuleSet::new();
        rules.insert(RuleId::SupervisionMonitoring);
        let mut counts = SupervisionCounts {
            rows: rows.len(),
            ..SupervisionCounts::default()
        };
        let mut out_rows = Vec::with_capacity(rows.len());
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut current: Option<Run> = None;
        let close = |c: Option<Run>, candidates: &mut Vec<Candidate>| -> Result<(), InputError> {
            if let Some((b, longest, _, _, grounds, flagged)) = c {
                if !grounds.is_empty() {
                    let body: &Body = self
                        .body_at(b)
                        .ok_or_else(|| InputError::internal("town"))?;
                    candidates.push(Candidate {
                        town: BodyView::of(body),
                        grounds,
                        longest_run: longest,
                        flagged_periods: flagged,
                    });
                }
            }
            Ok(())
        };
        for &(b, i) in &rows {
            let Some(s) = req.stats.get(i) else { continue };
            let th = in_force(params, s.period.to)
                .ok_or_else(|| self.parameter_not_in_force("supervision_thresholds", s.period.to))?
                .value;
            let filing = ratio(s.filed.saturating_add(s.transferred), s.found);
            let decision = ratio(s.decided, s.filed);
            let overturn = ratio(s.overturned, s.decided);
            let mut findings = Vec::new();
            if let Some(r) = filing.filter(|r| below(*r, th.filing_ratio_min)) {
                findings.push(Finding {
                    signal: Signal::ViolationsUnpunished,
                    measure: Measure::Filing,
                    actual: r,
                    threshold: th.filing_ratio_min,
                });
            }
            if let Some(r) = decision.filter(|r| below(*r, th.decision_ratio_min)) {
                findings.push(Finding {
                    signal: Signal::ViolationsUnpunished,
                    measure: Measure::Decision,
                    actual: r,
                    threshold: th.decision_ratio_min,
                });
            }
            if let Some(r) = overturn.filter(|r| above(*r, th.overturn_ratio_max)) {
                findings.push(Finding {
                    signal: Signal::LawNotFollowed,
                    measure: Measure::Overturn,
                    actual: r,
                    threshold: th.overturn_ratio_max,
                });
            }
            let mut signals: Vec<Signal> = Vec::new();
            for f in &findings {
                if !signals.contains(&f.signal) {
                    signals.push(f.signal);
                }
            }
            let unpunished = signals.contains(&Signal::ViolationsUnpunished);
            let lawless = signals.contains(&Signal::LawNotFollowed);
            if unpunished {
                counts.violations_unpunished += 1;
                rules.insert(RuleId::SupervisionUnpunished);
            }
            if lawless {
                counts.law_not_followed += 1;
                rules.insert(RuleId::SupervisionLawNotFollowed);
            }
            // Runs of consecutive flagged periods, per town.
            if current.as_ref().is_some_and(|c| c.0 != b) {
                close(current.take(), &mut candidates)?;
            }
            let c = current.get_or_insert_with(|| (b, 0, 0, None, Vec::new(), Vec::new()));
            if signals.is_empty() {
                c.2 = 0;
            } else {
                counts.flagged += 1;
                let adjacent = c.3.and_then(next_day) == Some(s.period.from);
                c.2 = if adjacent { c.2 + 1 } else { 1 };
                c.1 = c.1.max(c.2);
                c.3 = Some(s.period.to);
                c.5.push(s.period);
                if th.consecutive_periods > 0
                    && c.2 >= th.consecutive_periods
                    && !c.4.contains(&CandidateGround::ConsecutivePeriods)
                {
                    c.4.push(CandidateGround::ConsecutivePeriods);
                }
                if unpunished && lawless && !c.4.contains(&CandidateGround::BothSignals) {
                    c.4.push(CandidateGround::BothSignals);
                }
            }
            if signals.is_empty() {
                c.3 = None;
            }
            t.step(Some(RuleId::SupervisionMonitoring), || {
                row_sentence(s, &findings)
            });
            out_rows.push(TownPeriod {
                town: s.town.clone(),
                period: s.period,
                filing_ratio: filing,
                decision_ratio: decision,
                overturn_ratio: overturn,
                signals,
                findings,
            });
        }
        close(current.take(), &mut candidates)?;
        counts.candidates = candidates.len();
        if !candidates.is_empty() {
            rules.insert(RuleId::SupervisionTakeBack);
            t.step(Some(RuleId::SupervisionTakeBack), || {
                let zh: Vec<&str> = candidates.iter().map(|c| c.town.name_zh()).collect();
                let en: Vec<&str> = candidates.iter().map(|c| c.town.name_en()).collect();
                (
                    format!("列为依法回收执法权限的审查对象：{}。", zh.join("、")),
                    format!("Candidates for taking powers back: {}.", en.join(", ")),
                )
            });
        }
        Ok(Supervision {
            ruleset: RulesetRef::of(self),
            counts,
            rows: out_rows,
            candidates,
            rules,
        })
    }
}

fn row_sentence(s: &TownStats, findings: &[Finding]) -> (String, String) {
    if findings.is_empty() {
        return (
            format!(
                "{} {}..{}：各项比例均未越过阈值。",
                s.town, s.period.from, s.period.to
            ),
            format!(
                "{} {}..{}: no ratio crosses its threshold.",
                s.town, s.period.from, s.period.to
            ),
        );
    }
    let zh: Vec<String> = findings
        .iter()
        .map(|f| {
            let (name, word) = match f.measure {
                Measure::Filing => ("立案（含移送）/发现", "不满"),
                Measure::Decision => ("决定/立案", "不满"),
                Measure::Overturn => ("被纠错/决定", "超过"),
            };
            format!(
                "{name} = {}/{},{word} {}/{}",
                f.actual.numerator,
                f.actual.denominator,
                f.threshold.numerator,
                f.threshold.denominator
            )
        })
        .collect();
    let en: Vec<String> = findings
        .iter()
        .map(|f| {
            let (name, word) = match f.measure {
                Measure::Filing => ("(filed + transferred)/found", "below"),
                Measure::Decision => ("decided/filed", "below"),
                Measure::Overturn => ("overturned/decided", "above"),
            };
            format!(
                "{name} = {}/{} is {word} {}/{}",
                f.actual.numerator,
                f.actual.denominator,
                f.threshold.numerator,
                f.threshold.denominator
            )
        })
        .collect();
    (
        format!(
            "{} {} 至 {}：{}。",
            s.town,
            s.period.from,
            s.period.to,
            zh.join("；")
        ),
        format!(
            "{} {}..{}: {}.",
            s.town,
            s.period.from,
            s.period.to,
            en.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_comparisons() {
        let r = |n, d| Ratio {
            numerator: n,
            denominator: d,
        };
        assert!(!below(r(60, 100), r(3, 5)));
        assert!(below(r(59, 100), r(3, 5)));
        assert!(!above(r(1, 10), r(10, 100)));
        assert!(above(r(11, 100), r(1, 10)));
    }
}
