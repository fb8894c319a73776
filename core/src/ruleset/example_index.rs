//! The second signal of the `intake` decision: the rule set's labelled example
//! reports (`intake_examples`, 已标注的诉求样例), built once with the engine.
//!
//! Each item's examples, and the examples outside the catalogue as one more
//! class, form one document of character n-grams (one, two and three Chinese
//! characters, and ASCII words), and a sentence is scored against every class
//! by BM25 over the distinct n-grams it shares with it. The n-grams carry what
//! the items' listed words miss: a caller who says 墙一敲就空 shares 墙, 敲, 空
//! with the construction-quality reports a district has filed, though no item
//! lists the phrase. Place names are blanked out first: a town named in a
//! report says where, not what. See `docs/intake.md`.
//!
//! Every term weight is computed once, when the index is built, and rounded to
//! thousandths, so a query only adds integers: the same sentence scores the
//! same natively, in Python and in WebAssembly.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

use super::source::IntakeExample;
use super::text_index::is_han;

/// BM25 term-frequency saturation (the word index's value).
const K1: f64 = 1.2;
/// BM25 length normalisation (the word index's value).
const B: f64 = 0.75;
/// The longest n-gram, in characters.
const MAX_GRAM: usize = 3;
/// Marks an ASCII word's key (Chinese n-grams never reach this bit).
const ASCII_TAG: u64 = 1 << 63;

/// What the examples say of a sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExampleScores {
    /// Per item (by position in [`super::Engine::items`]): the BM25 score of
    /// the sentence against the item's examples, in thousandths (0 without examples).
    pub items: Vec<u64>,
    /// The score against the examples outside the catalogue, in thousandths.
    pub outside: u64,
}

/// The n-gram index over the labelled examples (see the module documentation).
/// Postings and the examples' n-grams are stored flat (offsets into one vector
/// each): a province's tens of thousands of reports make no small allocations.
pub(crate) struct ExampleIndex {
    /// N-gram key → feature id.
    features: FxHashMap<u64, u32>,
    /// Feature `f`'s postings are `postings[posting_starts[f]..posting_starts[f + 1]]`.
    posting_starts: Vec<u32>,
    /// (class, BM25 weight in thousandths). Class `items` is outside the catalogue.
    postings: Vec<(u32, u32)>,
    /// Per feature: inverse document frequency in thousandths (for the nearest example).
    idf_milli: Vec<u32>,
    /// Place words blanked out of every text, longest first.
    places: Vec<String>,
    /// The first characters of the place words, sorted (most characters start none).
    place_heads: Vec<char>,
    /// Number of items (the class of the examples outside the catalogue).
    items: usize,
    /// The examples indexed, grouped by class: (class, position in the rule
    /// set's `intake_examples`, range of its distinct feature ids in `example_features`).
    examples: Vec<(u32, u32, u32, u32)>,
    /// Class `c`'s examples are `examples[class_starts[c]..class_starts[c + 1]]`.
    class_starts: Vec<u32>,
    /// Every example's distinct feature ids, sorted within each example.
    example_features: Vec<u32>,
}

/// A sentence's distinct features (id, has a character outside
/// [`FUNCTION_CHARS`]), sorted, and its scores.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scored {
    features: Vec<(u32, bool)>,
    pub(crate) scores: ExampleScores,
}

impl std::fmt::Debug for ExampleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExampleIndex")
            .field("features", &self.features.len())
            .field("examples", &self.examples.len())
            .finish()
    }
}

/// Characters that carry grammar, not a matter: particles, pronouns, the
/// commonest adverbs and prepositions. An n-gram made only of them (的, 了吗,
/// 我们, 这就是) still counts in the score, but the examples alone name an item
/// only on the score of the n-grams with another character in them (的垃圾,
/// 没有证): 的啊的啊 is nobody's complaint. 不, 没 and 一 are not among them:
/// 没有 and 不让 say something of the matter.
const FUNCTION_CHARS: [char; 52] = [
    '的', '地', '得', '了', '着', '过', '啊', '呀', '吗', '嘛', '呢', '吧', '哦', '哈', '哎', '唉',
    '喂', '嗯', '呗', '啦', '咯', '哟', '我', '你', '您', '他', '她', '它', '们', '这', '那', '是',
    '在', '有', '就', '都', '也', '还', '又', '再', '才', '很', '太', '把', '被', '给', '和', '与',
    '及', '或', '个', '么',
];

/// Calls `f` with the key of every n-gram of `text`, and whether it has a
/// character outside [`FUNCTION_CHARS`]: each run of Chinese characters gives
/// its one-, two- and three-character n-grams, each run of ASCII letters and
/// digits one word (lowercased). Characters of `blank`
/// ranges (place names, in bytes) separate runs like punctuation.
fn grams(text: &str, blank: &[(usize, usize)], mut f: impl FnMut(u64, bool)) {
    // The last characters of the current Chinese run (at most MAX_GRAM).
    let mut window: [u32; MAX_GRAM] = [0; MAX_GRAM];
    let mut run = 0usize;
    let mut ascii: Option<FxHasher> = None;
    let flush = |ascii: &mut Option<FxHasher>, f: &mut dyn FnMut(u64, bool)| {
        if let Some(h) = ascii.take() {
            f(h.finish() | ASCII_TAG, true);
        }
    };
    for (at, c) in text.char_indices() {
        let blanked = blank.iter().any(|&(s, e)| s <= at && at < e);
        if !blanked && is_han(c) {
            flush(&mut ascii, &mut f);
            window.rotate_left(1);
            if let Some(last) = window.last_mut() {
                *last = u32::from(c);
            }
            run += 1;
            let mut key = 0u64;
            let mut content = false;
            for (n, &ch) in window.iter().rev().take(run.min(MAX_GRAM)).enumerate() {
                key |= u64::from(ch) << (21 * n);
                content |= !char::from_u32(ch).is_some_and(|c| FUNCTION_CHARS.contains(&c));
                f(key, content);
            }
        } else if !blanked && c.is_ascii_alphanumeric() {
            run = 0;
            ascii
                .get_or_insert_with(FxHasher::default)
                .write_u8(c.to_ascii_lowercase() as u8);
        } else {
            run = 0;
            flush(&mut ascii, &mut f);
        }
    }
    flush(&mut ascii, &mut f);
}

impl ExampleIndex {
    /// Builds the index over `examples`; `codes` are the items' codes in engine
    /// order, `places` the place words to blank out. `None` without examples.
    pub(crate) fn new(
        examples: &[IntakeExample],
        codes: &FxHashMap<String, u32>,
        items: usize,
        places: impl Iterator<Item = String>,
    ) -> Option<ExampleIndex> {
        if examples.is_empty() {
            return None;
        }
        let mut places: Vec<String> = places.filter(|p| !p.is_empty()).collect();
        places.sort_by_key(|p| std::cmp::Reverse(p.len()));
        places.dedup();
        let mut place_heads: Vec<char> = places.iter().filter_map(|p| p.chars().next()).collect();
        place_heads.sort_unstable();
        place_heads.dedup();
        let outside = u32::try_from(items).unwrap_or(u32::MAX);
        // The examples by class (stable: within a class, in the rule set's order).
        // An example naming an unknown item is refused by validation; were one to
        // reach here, it is left out rather than guessed.
        let mut order: Vec<(u32, usize)> = examples
            .iter()
            .enumerate()
            .filter_map(|(at, e)| match e.item.as_deref() {
                None => Some((outside, at)),
                Some(code) => codes.get(code).map(|&i| (i, at)),
            })
            .collect();
        order.sort_by_key(|&(class, _)| class);
        let bytes: usize = examples.iter().map(|e| e.text.len()).sum();
        let mut features: FxHashMap<u64, u32> = FxHashMap::default();
        // Chinese text is three bytes a character; most n-grams repeat.
        features.reserve(bytes / 4);
        // (feature, class, term frequency), one per feature of each class, class by class.
        let mut triples: Vec<(u32, u32, u32)> = Vec::new();
        let mut class_len: Vec<u64> = vec![0; items + 1];
        // The current class's term frequencies by feature id, and the ids touched.
        let mut class_tf: Vec<u32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        let mut indexed: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(order.len());
        let mut example_features: Vec<u32> = Vec::with_capacity(bytes);
        let mut blank = Vec::new();
        let mut k = 0;
        while let Some(&(class, _)) = order.get(k) {
            while let Some(&(c, at)) = order.get(k) {
                if c != class {
                    break;
                }
                k += 1;
                let Some(e) = examples.get(at) else { continue };
                blank_places(&e.text, &places, &place_heads, &mut blank);
                let from = example_features.len();
                grams(&e.text, &blank, |key, _| {
                    let next = u32::try_from(features.len()).unwrap_or(u32::MAX);
                    let id = *features.entry(key).or_insert(next);
                    if class_tf.len() <= id as usize {
                        class_tf.resize(id as usize + 1, 0);
                    }
                    if let Some(n) = class_tf.get_mut(id as usize) {
                        if *n == 0 {
                            touched.push(id);
                        }
                        *n += 1;
                    }
                    example_features.push(id);
                });
                if let Some(l) = class_len.get_mut(class as usize) {
                    *l += (example_features.len() - from) as u64;
                }
                if let Some(mine) = example_features.get_mut(from..) {
                    mine.sort_unstable();
                }
                let mut w = from;
                for r in from..example_features.len() {
                    let x = example_features.get(r).copied();
                    if w == from || x != example_features.get(w - 1).copied() {
                        if let (Some(x), Some(slot)) = (x, example_features.get_mut(w)) {
                            *slot = x;
                        }
                        w += 1;
                    }
                }
                example_features.truncate(w);
                let at = u32::try_from(at).unwrap_or(u32::MAX);
                let span = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                indexed.push((class, at, span(from), span(w)));
            }
            for &f in &touched {
                if let Some(n) = class_tf.get_mut(f as usize) {
                    triples.push((f, class, *n));
                    *n = 0;
                }
            }
            touched.clear();
        }
        // The triples grouped by feature, classes in order within each (a
        // counting placement: the triples are already in class order).
        let mut starts = vec![0u32; features.len() + 1];
        for &(f, _, _) in &triples {
            if let Some(c) = starts.get_mut(f as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..starts.len() {
            let prev = starts.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = starts.get_mut(i) {
                *c += prev;
            }
        }
        let mut fill = starts.clone();
        let mut placed = vec![(0u32, 0u32); triples.len()];
        for &(f, class, tf) in &triples {
            if let Some(at) = fill.get_mut(f as usize) {
                if let Some(slot) = placed.get_mut(*at as usize) {
                    *slot = (class, tf);
                }
                *at += 1;
            }
        }
        // Classes with at least one example are the documents BM25 counts.
        let n = class_len.iter().filter(|&&l| l > 0).count() as f64;
        let total: u64 = class_len.iter().sum();
        let avg_len = (total as f64 / n.max(1.0)).max(1.0);
        let mut posting_starts = Vec::with_capacity(features.len() + 1);
        let mut postings = Vec::with_capacity(placed.len());
        let mut idf_milli = Vec::with_capacity(features.len());
        for w in starts.windows(2) {
            posting_starts.push(u32::try_from(postings.len()).unwrap_or(u32::MAX));
            let [a, b] = [w.first(), w.last()].map(|x| x.copied().unwrap_or(0) as usize);
            let df = (b - a) as f64;
            let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
            let idf = (idf * 1000.0).round().max(0.0) / 1000.0;
            idf_milli.push((idf * 1000.0).round() as u32);
            for &(class, tf) in placed.get(a..b).unwrap_or_default() {
                let len = class_len.get(class as usize).copied().unwrap_or(1) as f64;
                let tf = f64::from(tf);
                let norm = K1 * (1.0 - B + B * len / avg_len);
                let w = (idf * tf * (K1 + 1.0) / (tf + norm) * 1000.0)
                    .round()
                    .max(0.0) as u32;
                // A weight that rounds to nothing adds nothing: an n-gram in
                // (nearly) every class costs no work per query.
                if w > 0 {
                    postings.push((class, w));
                }
            }
        }
        posting_starts.push(u32::try_from(postings.len()).unwrap_or(u32::MAX));
        let mut class_starts = Vec::with_capacity(items + 2);
        let mut e = 0;
        for c in 0..=outside {
            class_starts.push(u32::try_from(e).unwrap_or(u32::MAX));
            e += indexed
                .get(e..)
                .map_or(0, |r| r.partition_point(|x| x.0 == c));
        }
        class_starts.push(u32::try_from(e).unwrap_or(u32::MAX));
        Some(ExampleIndex {
            features,
            posting_starts,
            postings,
            idf_milli,
            places,
            place_heads,
            items,
            examples: indexed,
            class_starts,
            example_features,
        })
    }

    fn postings_of(&self, f: u32) -> &[(u32, u32)] {
        let i = f as usize;
        match (self.posting_starts.get(i), self.posting_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self
                .postings
                .get(a as usize..b as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// Scores `text` against every class (see the module documentation).
    pub(crate) fn score(&self, text: &str) -> Scored {
        let mut blank = Vec::new();
        blank_places(text, &self.places, &self.place_heads, &mut blank);
        let mut features = Vec::new();
        grams(text, &blank, |key, content| {
            if let Some(&id) = self.features.get(&key) {
                features.push((id, content));
            }
        });
        features.sort_unstable();
        features.dedup_by_key(|x| x.0);
        let mut items = vec![0u64; self.items];
        let mut outside = 0u64;
        for &(id, _) in &features {
            for &(class, w) in self.postings_of(id) {
                match items.get_mut(class as usize) {
                    Some(s) => *s += u64::from(w),
                    None => outside += u64::from(w),
                }
            }
        }
        Scored {
            features,
            scores: ExampleScores { items, outside },
        }
    }

    /// The part of `class`'s score from the sentence's n-grams with a character
    /// outside [`FUNCTION_CHARS`] (what the examples alone may name an item on).
    pub(crate) fn content_score(&self, scored: &Scored, class: u32) -> u64 {
        scored
            .features
            .iter()
            .filter(|&&(_, content)| content)
            .filter_map(|&(id, _)| {
                // Each feature's postings are in class order.
                let p = self.postings_of(id);
                let at = p.binary_search_by_key(&class, |&(c, _)| c).ok()?;
                p.get(at).map(|&(_, w)| u64::from(w))
            })
            .sum()
    }

    /// The example of class `class` closest to the scored sentence: the one
    /// whose n-grams shared with it weigh most (inverse document frequency), as
    /// its position in the rule set's `intake_examples`. Ties: the first.
    pub(crate) fn nearest(&self, scored: &Scored, class: u32) -> Option<usize> {
        let c = class as usize;
        let (Some(&a), Some(&b)) = (self.class_starts.get(c), self.class_starts.get(c + 1)) else {
            return None;
        };
        let mut best: Option<(u64, u32)> = None;
        for &(_, at, from, to) in self
            .examples
            .get(a as usize..b as usize)
            .unwrap_or_default()
        {
            let ids = self
                .example_features
                .get(from as usize..to as usize)
                .unwrap_or_default();
            let (mut i, mut j, mut shared) = (0, 0, 0u64);
            while let (Some(&(x, _)), Some(&y)) = (scored.features.get(i), ids.get(j)) {
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        shared += u64::from(self.idf_milli.get(x as usize).copied().unwrap_or(0));
                        i += 1;
                        j += 1;
                    }
                }
            }
            if shared > 0 && best.is_none_or(|(s, _)| shared > s) {
                best = Some((shared, at));
            }
        }
        best.map(|(_, at)| at as usize)
    }
}

/// The byte ranges of `text` that are place words (longest first where two
/// start at one place), into `out`.
fn blank_places(text: &str, places: &[String], heads: &[char], out: &mut Vec<(usize, usize)>) {
    out.clear();
    for (at, c) in text.char_indices() {
        // Most characters start no place name.
        if heads.binary_search(&c).is_err() {
            continue;
        }
        let rest = text.get(at..).unwrap_or_default();
        if let Some(p) = places.iter().find(|p| rest.starts_with(p.as_str())) {
            out.push((at, at + p.len()));
        }
    }
}
