//! Intake (Plan §2, §10, 三(二) 12345政务服务热线联动): from the words of a
//! citizen, a hotline operator or a grid worker to the matter, the competent
//! body and the next step. The sentence is segmented with the rule set's own
//! dictionary and ranked against every item (BM25 over names, legal bases and
//! the everyday words the rule set carries, [`Engine::search`]); a clear match
//! is dispatched through the `dispatch` decision beside this one. Never a
//! silent guess: the answer says how sure it is and why. See `docs/intake.md`.

mod answer;
pub mod operation;
mod rank;

pub use answer::{Candidate, IntakeAnswer, NearestExample};
pub use rank::{
    RankedBy, EXAMPLE_LEAD_PER_MILLE, EXAMPLE_MIN_SCORE_MILLI, EXAMPLE_OVER_OUTSIDE,
    EXAMPLE_WEIGHT, STRONG_EXAMPLE_MILLI,
};

use serde::{Deserialize, Serialize};

use crate::answer::Tracer;
use crate::diagnostic::{Diagnostic, InputError};
use crate::dispatch::{Dispatch, Report, Source};
use crate::routing::TraceStep;
use crate::rules::{RuleId, RuleSet};
use crate::ruleset::source::IntakeExample;
use crate::ruleset::{Body, BodyKind, Engine, Hit};
use crate::time::Date;

/// The longest sentence read, in characters ([`crate::limits::MAX_INTAKE_TEXT_CHARS`]).
pub const MAX_TEXT_CHARS: usize = crate::limits::MAX_INTAKE_TEXT_CHARS;
/// The lowest top score (BM25, thousandths) that names an item at all: below
/// it the answer is `no_item`. About one word that at most a tenth of the
/// catalogue's items share (its inverse document frequency is ≈ 2.1).
pub const MIN_SCORE_MILLI: u64 = 2_000;
/// A candidate is *close* to the top one when its score is at least this share
/// (per mille) of the top score. The top candidate is clear when no other is close.
pub const CLOSE_PER_MILLE: u64 = 800;
/// How many candidates the answer lists.
pub const MAX_CANDIDATES: usize = 5;
/// The top score (thousandths) from which the match counts as fully strong in `confidence`.
pub const STRONG_SCORE_MILLI: u64 = 6_000;

/// An intake request: a sentence, and what is known around it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntakeRequest {
    /// Free text echoed back.
    #[serde(default)]
    pub report_id: Option<String>,
    /// What the caller, the grid worker or the patrol said (at most 2,000 characters).
    pub text: String,
    /// A town, subdistrict or management centre id; when absent, a place named in the text.
    #[serde(default)]
    pub place: Option<String>,
    /// The day of the report (decides which lists apply).
    pub date: Date,
    /// Where the report comes from.
    pub source: Source,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// What intake concluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// One item stands out: dispatched as a report of that item.
    Item,
    /// Several close items, all in one domain: dispatched as a report of the domain.
    Domain,
    /// Close items in several domains: a person chooses among the candidates.
    NeedsPerson,
    /// Nothing in the catalogue matches.
    NoItem,
}

crate::vocabulary::labelled!(Outcome, "intake_outcome", "受理结论", "intake outcome", {
    Item => "item", "事项明确", "item identified";
    Domain => "domain", "领域明确，事项待定", "domain identified, item open";
    NeedsPerson => "needs_person", "需人工选择", "a person chooses";
    NoItem => "no_item", "不属于清单事项", "not a catalogue item";
});

/// Where the place came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlaceFrom {
    /// The request's `place`.
    Request,
    /// A town or subdistrict named in the text.
    Text,
}

crate::vocabulary::labelled!(PlaceFrom, "place_from", "地点来源", "where the place came from", {
    Request => "request", "受理时填写", "given with the report";
    Text => "text", "从描述中识别", "read from the text";
});

/// The intake decision.
#[derive(Clone, Debug)]
pub struct Intake<'e> {
    /// What was concluded.
    pub outcome: Outcome,
    /// How sure, 0–100 (see `docs/intake.md`).
    pub confidence: u8,
    /// The known words found in the sentence, in order.
    pub words: Vec<String>,
    /// The ranked candidates (at most [`MAX_CANDIDATES`]).
    pub candidates: Vec<Hit>,
    /// What the ranking rested on: the words alone, or with the example reports.
    pub ranked_by: RankedBy,
    /// The labelled example report closest to the sentence: of the top
    /// candidate, or of those outside the catalogue when they are closer.
    pub nearest_example: Option<&'e IntakeExample>,
    /// How many candidates are close to the top one (the top one included).
    pub close: usize,
    /// The place used and where it came from.
    pub place: Option<(&'e Body, PlaceFrom)>,
    /// The dispatch, for an item or a domain when the place is known.
    pub dispatch: Option<Dispatch<'e>>,
    /// The report dispatched (to build its answer).
    pub report: Option<Report>,
    /// The domain dispatched, for [`Outcome::Domain`].
    pub domain: Option<String>,
    /// The rules applied.
    pub rules: RuleSet,
}

fn err(code: &str, path: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

/// Whether `b` is where a report can be made.
fn is_place(b: &Body) -> bool {
    matches!(
        b.kind,
        BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
    )
}

impl Engine {
    /// Reads a sentence and dispatches it when the matter is clear.
    pub fn intake<'e>(&'e self, r: &IntakeRequest) -> Result<Intake<'e>, InputError> {
        self.intake_with(r, Tracer(None))
    }

    /// [`Engine::intake`] with the step-by-step explanation recorded in `trace`.
    pub fn intake_traced<'e>(
        &'e self,
        r: &IntakeRequest,
        trace: &mut Vec<TraceStep>,
    ) -> Result<Intake<'e>, InputError> {
        self.intake_with(r, Tracer(Some(trace)))
    }

    fn intake_with<'e>(
        &'e self,
        r: &IntakeRequest,
        mut t: Tracer<'_>,
    ) -> Result<Intake<'e>, InputError> {
        let mut errors = Vec::new();
        let chars = r.text.chars().count();
        if r.text.trim().is_empty() {
            errors.push(
                err(
                    "intake.empty_text",
                    "text",
                    "所述内容为空".into(),
                    "the text is empty".into(),
                )
                .expected("a sentence describing the problem"),
            );
        } else if chars > MAX_TEXT_CHARS {
            errors.push(
                err(
                    crate::codes::INPUT_TOO_LARGE,
                    "text",
                    format!("所述内容共 {chars} 字，超过上限 {MAX_TEXT_CHARS} 字"),
                    format!(
                        "the text has {chars} characters, more than the limit of {MAX_TEXT_CHARS}"
                    ),
                )
                .expected(format!("at most {MAX_TEXT_CHARS} characters")),
            );
        }
        let given = match &r.place {
            Some(id) => match self.body(id).filter(|b| is_place(b)) {
                Some(b) => Some(b),
                None => {
                    errors.push(
                        err(
                            "intake.unknown_place",
                            "place",
                            format!("{id} 不是规则集中的镇、街道或管理服务中心"),
                            format!("{id:?} is not a town, subdistrict or management centre of the rule set"),
                        )
                        .expected("a town, subdistrict or management centre id"),
                    );
                    None
                }
            },
            None => None,
        };
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }

        let (words, places, ranking) = rank::rank(self, &r.text);
        let mut rules = RuleSet::new();
        rules.insert(RuleId::IntakeMatch);
        t.step(Some(RuleId::IntakeMatch), || {
            (
                format!(
                    "{}所述内容中识别出的词语：{}。",
                    r.source_zh(),
                    join(&words, "、")
                ),
                format!(
                    "Words recognised in what {} reported: {}.",
                    r.source_en(),
                    join(&words, ", ")
                ),
            )
        });
        let hits = &ranking.hits;
        let outside_class = u32::try_from(self.items().len()).unwrap_or(u32::MAX);
        let nearest_example = match (&ranking.examples, ranking.no_match, hits.first()) {
            (None, _, _) => None,
            (Some(x), Some(rank::NoMatch::CloserToOutside), _) => {
                self.nearest_example(x, outside_class)
            }
            (Some(x), None, Some(h)) => self.nearest_example(x, h.item),
            _ => None,
        };
        if let Some(outside) = ranking.outside_milli {
            rules.insert(RuleId::IntakeExamples);
            let best = ranking
                .best_example
                .and_then(|i| self.items().get(i as usize))
                .map_or("-", |i| i.spec.code.as_str());
            let near = nearest_example.map_or("", |e| {
                e.text.trim_end_matches(['。', '！', '？', '.', '!', '?'])
            });
            let (top_word, top_example) = (ranking.top_word, ranking.top_example);
            t.step(Some(RuleId::IntakeExamples), || match ranking.no_match {
                Some(rank::NoMatch::CloserToOutside) => (
                    format!("与已标注的诉求样例比对：不属于清单事项的样例得分 {}，高于任何事项的样例（最高 {} {}），最相近的样例是“{near}”。", milli(outside), best, milli(top_example)),
                    format!("Compared with the labelled example reports: those outside the catalogue score {}, above every item's (best: {best} {}); the closest is {near:?}.", milli(outside), milli(top_example)),
                ),
                _ if ranking.ranked_by == RankedBy::Examples => (
                    format!("事项用语得分不足（最高 {}），与已标注的诉求样例比对：{best} 的样例得分 {}，明显高于其他事项和不属于清单事项的样例（{}），按样例排序；最相近的样例是“{near}”。", milli(top_word), milli(top_example), milli(outside)),
                    format!("No word scores enough (best {}); compared with the labelled example reports, {best}'s score {}, clearly above the other items' and those outside the catalogue ({}): ranked by the examples; the closest is {near:?}.", milli(top_word), milli(top_example), milli(outside)),
                ),
                _ => (
                    format!("与已标注的诉求样例比对：{best} 的样例得分最高（{}），不属于清单事项的样例得分 {}；各事项的样例得分按其占最高分的比例，以最高用语得分的 {EXAMPLE_WEIGHT} 倍计入排序。", milli(top_example), milli(outside)),
                    format!("Compared with the labelled example reports: {best}'s score highest ({}), those outside the catalogue {}; each item's example score counts, as a share of the best, {EXAMPLE_WEIGHT} times the best word score.", milli(top_example), milli(outside)),
                ),
            });
        }

        let place = match given {
            Some(b) => Some((b, PlaceFrom::Request)),
            None => places
                .iter()
                .filter_map(|&i| self.body_at(i))
                .find(|b| is_place(b))
                .map(|b| (b, PlaceFrom::Text)),
        };
        if let Some((b, PlaceFrom::Text)) = place {
            rules.insert(RuleId::IntakePlaceFromText);
            t.step(Some(RuleId::IntakePlaceFromText), || {
                (
                    format!("未指明地点，以所述内容提到的{}为问题发生地。", b.name_zh),
                    format!("No place was given: {}, named in the text, is taken as where the problem is.", b.name_en),
                )
            });
        }

        let top = hits.first().map_or(0, |h| h.score_milli);
        let second = hits.get(1).map_or(0, |h| h.score_milli);
        let close = if ranking.no_match.is_some() {
            0
        } else {
            hits.iter()
                .take_while(|h| {
                    h.score_milli.saturating_mul(1000) >= top.saturating_mul(CLOSE_PER_MILLE)
                })
                .count()
        };
        let domain_of = |h: &Hit| {
            self.items()
                .get(h.item as usize)
                .map(|i| i.spec.domain.as_str())
        };
        let close_domains: Vec<&str> = {
            let mut v: Vec<&str> = Vec::new();
            for d in hits.iter().take(close).filter_map(domain_of) {
                if !v.contains(&d) {
                    v.push(d);
                }
            }
            v
        };
        let outcome = if close == 0 {
            Outcome::NoItem
        } else if close == 1 {
            Outcome::Item
        } else if close_domains.len() == 1 {
            Outcome::Domain
        } else {
            Outcome::NeedsPerson
        };
        // 0–100: how far the top candidate stands above the second, scaled by how strong it is.
        let confidence = if outcome == Outcome::NoItem || top == 0 {
            0
        } else {
            let margin = (top - second.min(top)) * 1000 / top;
            u8::try_from((margin * ranking.strength + 5_000) / 10_000).unwrap_or(100)
        };
        let rule = match outcome {
            Outcome::Item | Outcome::Domain => RuleId::IntakeClear,
            Outcome::NeedsPerson => RuleId::IntakeNeedsPerson,
            Outcome::NoItem => RuleId::IntakeNoItem,
        };
        rules.insert(rule);
        let top_name = hits
            .first()
            .and_then(|h| self.items().get(h.item as usize))
            .map(|i| {
                (
                    i.spec.code.as_str(),
                    i.spec.name_zh.as_str(),
                    i.spec.name_en.as_str(),
                )
            });
        t.step(Some(rule), || match (outcome, top_name) {
            (Outcome::Item, Some((code, zh, en))) => (
                format!("最相符的事项 {code}（{zh}）得分 {}，明显高于其他候选（第二名 {}），按该事项派单。", milli(top), milli(second)),
                format!("The best match, {code} ({en}), scores {}, clearly above the others (next: {}): dispatched as that item.", milli(top), milli(second)),
            ),
            (Outcome::Domain, _) => (
                format!("{close} 个候选事项分数接近，同属领域 {}：按该领域派单。", join_str(&close_domains)),
                format!("{close} candidates are close, all in domain {}: dispatched as that domain.", join_str(&close_domains)),
            ),
            (Outcome::NeedsPerson, _) => (
                format!("{close} 个候选事项分数接近且分属不同领域（{}），由受理人员选择。", join_str(&close_domains)),
                format!("{close} candidates are close and in different domains ({}): the operator chooses.", join_str(&close_domains)),
            ),
            _ if ranking.no_match == Some(rank::NoMatch::CloserToOutside) => (
                "所述内容与不属于清单事项的诉求样例更相近，不强行归入事项。".to_owned(),
                "The sentence is closer to the example reports outside the catalogue: not forced onto an item.".to_owned(),
            ),
            _ if ranking.outside_milli.is_some() => (
                format!("没有足够相符的事项（用语最高分 {}，需至少 {}；样例最高分 {}，需至少 {}（不计仅由助词、代词构成的片段），且明显高于其他事项和不属于清单事项的样例），不强行归入事项。", milli(ranking.top_word), milli(MIN_SCORE_MILLI), milli(ranking.top_example), milli(EXAMPLE_MIN_SCORE_MILLI)),
                format!("No item matches well enough (best word score {}, at least {} needed; best example score {}, at least {} not counting pieces made only of particles and pronouns, and clearly above the other items' and those outside the catalogue): not forced onto an item.", milli(ranking.top_word), milli(MIN_SCORE_MILLI), milli(ranking.top_example), milli(EXAMPLE_MIN_SCORE_MILLI)),
            ),
            _ => (
                format!("没有足够相符的事项（最高分 {}，需至少 {}），不强行归入事项。", milli(ranking.top_word), milli(MIN_SCORE_MILLI)),
                format!("No item matches well enough (best score {}, at least {} needed): not forced onto an item.", milli(ranking.top_word), milli(MIN_SCORE_MILLI)),
            ),
        });

        let domain = match outcome {
            Outcome::Domain => close_domains.first().map(|d| (*d).to_owned()),
            _ => None,
        };
        let item = match outcome {
            Outcome::Item => top_name.map(|(c, _, _)| c.to_owned()),
            _ => None,
        };
        let (dispatch, report) = match (place, item.is_some() || domain.is_some()) {
            (Some((b, _)), true) => {
                let report = Report {
                    report_id: r.report_id.clone(),
                    source: r.source,
                    place: b.id.clone(),
                    date: r.date,
                    item,
                    domain: domain.clone(),
                    trace: false,
                };
                let d = self.dispatch(&report)?;
                (Some(d), Some(report))
            }
            _ => (None, None),
        };
        Ok(Intake {
            outcome,
            confidence,
            words,
            candidates: ranking.hits.into_iter().take(MAX_CANDIDATES).collect(),
            ranked_by: ranking.ranked_by,
            nearest_example,
            close,
            place,
            dispatch,
            report,
            domain,
            rules,
        })
    }
}

impl IntakeRequest {
    fn source_zh(&self) -> &'static str {
        match self.source {
            Source::GridWorker => "网格员",
            Source::Hotline12345 => "12345政务服务热线",
            Source::DigitalCityManagement => "数字城管",
            Source::Patrol => "巡查",
        }
    }

    fn source_en(&self) -> &'static str {
        match self.source {
            Source::GridWorker => "the grid worker",
            Source::Hotline12345 => "the 12345 hotline",
            Source::DigitalCityManagement => "digital city management",
            Source::Patrol => "the patrol",
        }
    }
}

/// A score in thousandths as a decimal, e.g. `4.081`.
pub(crate) fn milli(m: u64) -> String {
    format!("{}.{:03}", m / 1000, m % 1000)
}

fn join(words: &[String], sep: &str) -> String {
    if words.is_empty() {
        "-".to_owned()
    } else {
        words.join(sep)
    }
}

fn join_str(words: &[&str]) -> String {
    words.join(", ")
}
