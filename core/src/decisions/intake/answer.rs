//! The `intake` answer on the wire.

use serde::Serialize;

use super::{milli, Intake, IntakeRequest, Outcome, PlaceFrom, RankedBy};
use crate::answer::{BodyView, RuleView, RulesetRef, Text};
use crate::diagnostic::Diagnostic;
use crate::dispatch::{Destination, DispatchAnswer, Source};
use crate::routing::TraceStep;
use crate::ruleset::Engine;
use crate::time::Date;

/// A candidate item.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Candidate {
    /// Item code.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Domain id.
    pub domain: String,
    /// The original department's id.
    pub department: String,
    /// The ranking score in thousandths (an integer, the same in every language):
    /// the word score, with the example reports' weighing in when the rule set
    /// has them (docs/intake.md).
    pub score_milli: u64,
    /// BM25 over the item's words (names, legal bases, everyday words), in thousandths.
    pub word_score_milli: u64,
    /// BM25 against the item's labelled example reports, in thousandths (0 without examples).
    pub example_score_milli: u64,
    /// Whether it is close to the top candidate (score ≥ 80% of the top one).
    pub close: bool,
    /// The words of the sentence that matched it.
    pub words: Vec<String>,
}

/// A labelled example report of the rule set, shown as the closest to the sentence.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NearestExample {
    /// The item it was filed under; null for a matter outside the catalogue.
    pub item: Option<String>,
    /// What was said.
    pub text: String,
}

/// The `intake` answer (`status: ok`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct IntakeAnswer<'e> {
    /// Always `ok`.
    pub status: &'static str,
    /// The rule set that answered (id, version, effective date, content hash).
    pub ruleset: RulesetRef,
    /// The report id echoed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
    /// Where the report comes from.
    pub source: Source,
    /// The report date.
    pub date: Date,
    /// What was concluded: `item`, `domain`, `needs_person` or `no_item`.
    pub outcome: Outcome,
    /// How sure, 0–100: the top candidate's lead over the second, scaled by its strength.
    pub confidence: u8,
    /// The known words found in the sentence, in order (places excluded).
    pub words: Vec<String>,
    /// The ranked candidates, best first (at most 5; empty when nothing matched).
    pub candidates: Vec<Candidate>,
    /// What the ranking rested on: `words` (the rule set has no example reports),
    /// `words_and_examples`, or `examples` (no word was strong enough).
    pub ranked_by: RankedBy,
    /// The labelled example report closest to the sentence: the top candidate's,
    /// or one outside the catalogue when those are closer (null without examples).
    pub nearest_example: Option<NearestExample>,
    /// The place used (null when none was given or named).
    pub place: Option<BodyView>,
    /// Where the place came from: `request` or `text`.
    pub place_from: Option<PlaceFrom>,
    /// For `item`: the item code dispatched.
    pub item: Option<String>,
    /// For `domain`: the domain id dispatched.
    pub domain: Option<String>,
    /// The full `dispatch` answer for the item or domain (null for `needs_person`,
    /// `no_item`, or when no place is known).
    pub dispatch: Option<DispatchAnswer<'e>>,
    /// What happens next, in words.
    pub next_step: Text,
    /// Ids of the rules applied, sorted.
    pub rule_ids: Vec<&'static str>,
    /// The rules with titles and citations, in registry order.
    pub rules: Vec<RuleView<'e>>,
    /// A short explanation.
    pub summary: Text,
    /// The step-by-step trace, when asked for.
    pub trace: Option<Vec<TraceStep>>,
    /// Always empty; present so every answer has the field.
    pub warnings: Vec<Diagnostic>,
}

impl<'e> IntakeAnswer<'e> {
    /// Builds the wire answer.
    pub fn new(
        engine: &'e Engine,
        r: &IntakeRequest,
        d: &Intake<'_>,
        trace: Option<Vec<TraceStep>>,
    ) -> IntakeAnswer<'e> {
        let candidates: Vec<Candidate> = d
            .candidates
            .iter()
            .enumerate()
            .filter_map(|(n, h)| {
                let it = engine.items().get(h.item as usize)?;
                Some(Candidate {
                    code: it.spec.code.clone(),
                    name_zh: it.spec.name_zh.clone(),
                    name_en: it.spec.name_en.clone(),
                    domain: it.spec.domain.clone(),
                    department: it.spec.department.clone(),
                    score_milli: h.score_milli,
                    word_score_milli: h.word_score_milli,
                    example_score_milli: h.example_score_milli,
                    close: n < d.close,
                    words: h.words.clone(),
                })
            })
            .collect();
        let dispatch = match (&d.dispatch, &d.report) {
            (Some(x), Some(rep)) => Some(DispatchAnswer::new(engine, rep, x, None)),
            _ => None,
        };
        let item = match d.outcome {
            Outcome::Item => candidates.first().map(|c| c.code.clone()),
            _ => None,
        };
        let (next_zh, next_en) = next_step(d, &candidates);
        let (zh, en) = summary(d, &candidates, &next_zh, &next_en);
        IntakeAnswer {
            status: "ok",
            ruleset: RulesetRef::of(engine),
            report_id: r.report_id.clone(),
            source: r.source,
            date: r.date,
            outcome: d.outcome,
            confidence: d.confidence,
            words: d.words.clone(),
            candidates,
            ranked_by: d.ranked_by,
            nearest_example: d.nearest_example.map(|e| NearestExample {
                item: e.item.clone(),
                text: e.text.clone(),
            }),
            place: d.place.map(|(b, _)| BodyView::of(b)),
            place_from: d.place.map(|(_, f)| f),
            item,
            domain: d.domain.clone(),
            dispatch,
            next_step: Text {
                zh: next_zh,
                en: next_en,
            },
            rule_ids: d.rules.sorted_ids(),
            rules: RuleView::list(engine, d.rules),
            summary: Text { zh, en },
            trace,
            warnings: Vec::new(),
        }
    }
}

fn next_step(d: &Intake<'_>, c: &[Candidate]) -> (String, String) {
    let codes = |n: usize| {
        c.iter()
            .take(n.max(1))
            .map(|x| x.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (d.outcome, &d.dispatch) {
        (Outcome::NoItem, _) => (
            "不属于执法事项清单中的事项：由受理人员按其他渠道转办。".into(),
            "Not an item of the catalogue: the operator passes it on through other channels."
                .into(),
        ),
        (Outcome::NeedsPerson, _) => (
            format!(
                "由受理人员从候选事项中选择（{}），再按所选事项派单。",
                codes(d.close)
            ),
            format!(
                "The operator chooses among the candidates ({}) and dispatches the chosen item.",
                codes(d.close)
            ),
        ),
        (_, None) => (
            "请补充问题发生的镇(街道)，再派单。".into(),
            "Give the town or subdistrict where the problem is, then dispatch.".into(),
        ),
        (_, Some(x)) => match x.destination {
            Destination::TownTeam => (
                format!("由{}综合执法队处置。", x.town.name_zh),
                format!("{}'s enforcement team handles it.", x.town.name_en),
            ),
            Destination::DistrictPlatform => {
                let (zh, en) = x
                    .department
                    .map_or(("-", "-"), |b| (b.name_zh.as_str(), b.name_en.as_str()));
                (
                    format!("吹哨至{}，由平台派单{}处置。", x.dispatcher.name_zh, zh),
                    format!(
                        "Whistled to {}, which dispatches {}.",
                        x.dispatcher.name_en, en
                    ),
                )
            }
            Destination::PlatformRuling => (
                format!("职责不清，提交{}周例会裁定。", x.dispatcher.name_zh),
                format!(
                    "Responsibility is unclear: {}'s weekly meeting rules on it.",
                    x.dispatcher.name_en
                ),
            ),
        },
    }
}

fn summary(d: &Intake<'_>, c: &[Candidate], next_zh: &str, next_en: &str) -> (String, String) {
    let top = c.first();
    let by_examples = d.ranked_by == RankedBy::Examples;
    let words_zh = match (d.words.is_empty(), by_examples) {
        (true, true) => "未识别出清单用语，按诉求样例比对".to_owned(),
        (true, false) => "未识别出清单用语".to_owned(),
        (false, true) => format!(
            "识别出“{}”，用语得分不足，按诉求样例比对",
            d.words.join("、")
        ),
        (false, false) => format!("识别出“{}”", d.words.join("、")),
    };
    let words_en = match (d.words.is_empty(), by_examples) {
        (true, true) => {
            "no catalogue words recognised; compared with the example reports".to_owned()
        }
        (true, false) => "no catalogue words recognised".to_owned(),
        (false, true) => format!(
            "recognised {}, too weak; compared with the example reports",
            d.words.join(", ")
        ),
        (false, false) => format!("recognised {}", d.words.join(", ")),
    };
    // The closest report is outside the catalogue only when those were closer.
    let outside = d.nearest_example.is_some_and(|e| e.item.is_none());
    match (d.outcome, top) {
        (Outcome::Item, Some(t)) => (
            format!(
                "{words_zh}；最相符：{} {}（得分 {}，把握 {}%）。{next_zh}",
                t.code,
                t.name_zh,
                milli(t.score_milli),
                d.confidence
            ),
            format!(
                "{words_en}; best match: {} {} (score {}, confidence {}%). {next_en}",
                t.code,
                t.name_en,
                milli(t.score_milli),
                d.confidence
            ),
        ),
        (Outcome::Domain, _) => (
            format!(
                "{words_zh}；{} 个候选事项接近，同属领域 {}（把握 {}%）。{next_zh}",
                d.close,
                d.domain.as_deref().unwrap_or("-"),
                d.confidence
            ),
            format!(
                "{words_en}; {} close candidates, all in domain {} (confidence {}%). {next_en}",
                d.close,
                d.domain.as_deref().unwrap_or("-"),
                d.confidence
            ),
        ),
        (Outcome::NeedsPerson, _) => (
            format!(
                "{words_zh}；{} 个候选事项接近且分属不同领域，不作猜测。{next_zh}",
                d.close
            ),
            format!(
                "{words_en}; {} close candidates in different domains: no guess is made. {next_en}",
                d.close
            ),
        ),
        _ if outside => (
            format!("{words_zh}；所述内容与不属于清单事项的诉求样例更相近。{next_zh}"),
            format!("{words_en}; the sentence is closer to the example reports outside the catalogue. {next_en}"),
        ),
        _ => (
            format!("{words_zh}；没有足够相符的事项。{next_zh}"),
            format!("{words_en}; no item matches well enough. {next_en}"),
        ),
    }
}
