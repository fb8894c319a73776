//! How intake ranks the items: the items' words (BM25, [`Engine::search`]) and,
//! when the rule set carries labelled example reports, how close the sentence
//! is to each item's examples and to those outside the catalogue
//! ([`Engine::example_scores`]). The constants are documented in `docs/intake.md`.

use serde::Serialize;

use super::{MIN_SCORE_MILLI, STRONG_SCORE_MILLI};
use crate::ruleset::example_index::Scored;
use crate::ruleset::{Engine, Hit};

/// How much the examples weigh against the words: an item's example score,
/// as a share of the best item's, counts this many times the best word score.
pub const EXAMPLE_WEIGHT: u64 = 3;
/// The lowest example score (thousandths) on which the examples alone name an
/// item when no word is strong enough: counting only the n-grams with a
/// character other than a particle or a pronoun (的啊 is nobody's complaint).
pub const EXAMPLE_MIN_SCORE_MILLI: u64 = 5_000;
/// When the examples alone name an item, its score must be at least this many
/// times the score against the examples outside the catalogue.
pub const EXAMPLE_OVER_OUTSIDE: u64 = 2;
/// When the examples alone name an item, its score must be at least this share
/// (per mille) of the next item's.
pub const EXAMPLE_LEAD_PER_MILLE: u64 = 1_200;
/// The example score (thousandths) from which a match by the examples alone
/// counts as fully strong in `confidence`.
pub const STRONG_EXAMPLE_MILLI: u64 = 10_000;

/// What the ranking rested on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RankedBy {
    /// The items' words alone: the rule set has no labelled examples.
    Words,
    /// The words, with the examples weighing in.
    WordsAndExamples,
    /// No word was strong enough; the examples alone named the items.
    Examples,
}

crate::vocabulary::labelled!(RankedBy, "ranked_by", "比对依据", "what the ranking rested on", {
    Words => "words", "事项用语", "the items' words";
    WordsAndExamples => "words_and_examples", "事项用语和诉求样例", "the items' words and the example reports";
    Examples => "examples", "诉求样例", "the example reports";
});

/// Why nothing was matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NoMatch {
    /// No word strong enough, and the examples do not stand out either.
    Weak,
    /// The words match, but the sentence is closer to the examples outside the
    /// catalogue than to any item's.
    CloserToOutside,
}

/// The ranked items and whether they name a match.
#[derive(Clone, Debug)]
pub(crate) struct Ranking {
    /// The sentence as the example index read it (for the closest report).
    pub examples: Option<Scored>,
    /// Items with a positive score, best first (ties: catalogue order).
    pub hits: Vec<Hit>,
    /// What the ranking rested on.
    pub ranked_by: RankedBy,
    /// `None` when the top hit is a match.
    pub no_match: Option<NoMatch>,
    /// How strong the top hit's evidence is, per mille.
    pub strength: u64,
    /// The score against the examples outside the catalogue (thousandths), with examples.
    pub outside_milli: Option<u64>,
    /// The best word score (thousandths).
    pub top_word: u64,
    /// The best item's example score (thousandths).
    pub top_example: u64,
    /// The item with the best example score (none without one).
    pub best_example: Option<u32>,
}

/// Ranks the items for `text` (see the module documentation).
pub(crate) fn rank(engine: &Engine, text: &str) -> (Vec<String>, Vec<u32>, Ranking) {
    let q = engine.search(text);
    let top_word = q.hits.first().map_or(0, |h| h.score_milli);
    let word_strength = (top_word * 1000 / STRONG_SCORE_MILLI).min(1000);
    let Some(scored) = engine.example_scored(text) else {
        let no_match = (top_word < MIN_SCORE_MILLI).then_some(NoMatch::Weak);
        return (
            q.words,
            q.places,
            Ranking {
                examples: None,
                hits: q.hits,
                ranked_by: RankedBy::Words,
                no_match,
                strength: word_strength,
                outside_milli: None,
                top_word,
                top_example: 0,
                best_example: None,
            },
        );
    };
    let ex = &scored.scores;
    // The best and the second-best item by the examples, and the best one's
    // score from n-grams that are not only particles and pronouns.
    let (mut e1, mut e2, mut best) = (0u64, 0u64, 0usize);
    for (i, &e) in ex.items.iter().enumerate() {
        if e > e1 {
            e2 = e1;
            e1 = e;
            best = i;
        } else if e > e2 {
            e2 = e;
        }
    }
    let outside = ex.outside;
    let by_words = top_word >= MIN_SCORE_MILLI;
    let by_examples = !by_words
        && e1 >= EXAMPLE_MIN_SCORE_MILLI
        && engine.example_content_score(&scored, best as u32) >= EXAMPLE_MIN_SCORE_MILLI
        && e1 >= outside.saturating_mul(EXAMPLE_OVER_OUTSIDE)
        && e1.saturating_mul(1000) >= e2.saturating_mul(EXAMPLE_LEAD_PER_MILLE);
    let (ranked_by, no_match) = if by_words && outside > e1 {
        (RankedBy::WordsAndExamples, Some(NoMatch::CloserToOutside))
    } else if by_words {
        (RankedBy::WordsAndExamples, None)
    } else if by_examples {
        (RankedBy::Examples, None)
    } else {
        (RankedBy::WordsAndExamples, Some(NoMatch::Weak))
    };
    // The ranking score of every item either signal scores: the examples alone
    // when they alone name the items; else the word score plus the example
    // score's share of the best one, weighted against the best word score
    // (without any word, the examples alone list nothing that did not stand out).
    let scale = top_word;
    let combined = |word: u64, example: u64| {
        if ranked_by == RankedBy::Examples {
            example
        } else {
            // No example score at all (e1 = 0): the words alone.
            word + EXAMPLE_WEIGHT
                .saturating_mul(scale)
                .saturating_mul(example)
                .checked_div(e1)
                .unwrap_or(0)
        }
    };
    let example_of = |item: u32| ex.items.get(item as usize).copied().unwrap_or(0);
    // (score, item, position among the word hits or u32::MAX).
    let mut ranked: Vec<(u64, u32, u32)> = Vec::with_capacity(q.hits.len() + 8);
    let mut by_word = vec![u32::MAX; ex.items.len()];
    for (k, h) in (0u32..).zip(&q.hits) {
        if let Some(slot) = by_word.get_mut(h.item as usize) {
            *slot = k;
        }
    }
    for ((item, &e), &k) in (0u32..).zip(&ex.items).zip(&by_word) {
        let word = q.hits.get(k as usize).map_or(0, |h| h.word_score_milli);
        let score = combined(word, e);
        if score > 0 {
            ranked.push((score, item, k));
        }
    }
    // Only what the answer can show: every candidate close to the top one (80%),
    // and at least the first few. A catalogue of thousands builds no more hits.
    let better = |a: &(u64, u32, u32), b: &(u64, u32, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let top = ranked.iter().map(|r| r.0).max().unwrap_or(0);
    let close = ranked
        .iter()
        .filter(|r| r.0.saturating_mul(1000) >= top.saturating_mul(super::CLOSE_PER_MILLE))
        .count();
    let keep = close.max(super::MAX_CANDIDATES);
    if ranked.len() > keep {
        ranked.select_nth_unstable_by(keep - 1, better);
        ranked.truncate(keep);
    }
    ranked.sort_unstable_by(better);
    let mut word_hits: Vec<Option<Hit>> = q.hits.into_iter().map(Some).collect();
    let hits: Vec<Hit> = ranked
        .into_iter()
        .map(|(score, item, k)| {
            let (word, words) = word_hits
                .get_mut(k as usize)
                .and_then(Option::take)
                .map_or((0, Vec::new()), |h| (h.word_score_milli, h.words));
            Hit {
                item,
                score_milli: score,
                word_score_milli: word,
                example_score_milli: example_of(item),
                words,
            }
        })
        .collect();
    let strength = if ranked_by == RankedBy::Examples {
        (e1 * 1000 / STRONG_EXAMPLE_MILLI).min(1000)
    } else {
        word_strength
    };
    (
        q.words,
        q.places,
        Ranking {
            examples: Some(scored),
            hits,
            ranked_by,
            no_match,
            strength,
            outside_milli: Some(outside),
            top_word,
            top_example: e1,
            best_example: (e1 > 0).then(|| u32::try_from(best).unwrap_or(u32::MAX)),
        },
    )
}
