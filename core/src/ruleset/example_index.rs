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
    /// Per item: the part of its score from n-grams with a character outside
    /// the particles and pronouns (what the examples alone may name an item on).
    pub content: Vec<u64>,
    /// The score against the examples outside the catalogue, in thousandths.
    pub outside: u64,
}

/// The n-gram index over the labelled examples (see the module documentation).
pub(crate) struct ExampleIndex {
    /// N-gram key → feature id.
    features: FxHashMap<u64, u32>,
    /// Per feature: (class, BM25 weight in thousandths). Class `items` is outside the catalogue.
    postings: Vec<Vec<(u32, u32)>>,
    /// Place words blanked out of every text, longest first.
    places: Vec<String>,
    /// Number of items (the class of the examples outside the catalogue).
    items: usize,
    /// Each example indexed: its class, its position in the rule set's
    /// `intake_examples` and its distinct feature ids, sorted (for the nearest example).
    examples: Vec<(u32, usize, Vec<u32>)>,
    /// Per feature: inverse document frequency in thousandths.
    idf_milli: Vec<u32>,
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

/// Whether `c` is a CJK unified ideograph.
fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

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
        let outside = u32::try_from(items).unwrap_or(u32::MAX);
        let mut features: FxHashMap<u64, u32> = FxHashMap::default();
        // Per feature: (class, term frequency), classes in the order first seen.
        let mut tf: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut class_len: Vec<u64> = vec![0; items + 1];
        let mut indexed = Vec::with_capacity(examples.len());
        let mut blank = Vec::new();
        for (at, e) in examples.iter().enumerate() {
            // An example naming an unknown item is refused by validation; were one
            // to reach here, it is left out rather than guessed.
            let class = match e.item.as_deref() {
                None => outside,
                Some(code) => match codes.get(code) {
                    Some(&i) => i,
                    None => continue,
                },
            };
            blank_places(&e.text, &places, &mut blank);
            let mut ids: Vec<u32> = Vec::new();
            grams(&e.text, &blank, |key, _| {
                let next = u32::try_from(features.len()).unwrap_or(u32::MAX);
                let id = *features.entry(key).or_insert(next);
                if id == next {
                    tf.push(Vec::new());
                }
                if let Some(p) = tf.get_mut(id as usize) {
                    match p.last_mut() {
                        Some((c, n)) if *c == class => *n += 1,
                        _ => match p.iter_mut().find(|(c, _)| *c == class) {
                            Some((_, n)) => *n += 1,
                            None => p.push((class, 1)),
                        },
                    }
                }
                if let Some(l) = class_len.get_mut(class as usize) {
                    *l += 1;
                }
                ids.push(id);
            });
            ids.sort_unstable();
            ids.dedup();
            indexed.push((class, at, ids));
        }
        // Classes with at least one example are the documents BM25 counts.
        let docs: Vec<bool> = class_len.iter().map(|&l| l > 0).collect();
        let n = docs.iter().filter(|&&d| d).count() as f64;
        let total: u64 = class_len.iter().sum();
        let avg_len = (total as f64 / n.max(1.0)).max(1.0);
        let mut idf_milli = Vec::with_capacity(tf.len());
        let postings = tf
            .into_iter()
            .map(|p| {
                let df = p.len() as f64;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                let idf = (idf * 1000.0).round().max(0.0) / 1000.0;
                idf_milli.push((idf * 1000.0).round() as u32);
                p.into_iter()
                    .map(|(class, tf)| {
                        let len = class_len.get(class as usize).copied().unwrap_or(1) as f64;
                        let tf = f64::from(tf);
                        let norm = K1 * (1.0 - B + B * len / avg_len);
                        let w = idf * tf * (K1 + 1.0) / (tf + norm);
                        (class, (w * 1000.0).round().max(0.0) as u32)
                    })
                    .collect()
            })
            .collect();
        Some(ExampleIndex {
            features,
            postings,
            places,
            items,
            examples: indexed,
            idf_milli,
        })
    }

    /// The distinct feature ids of `text`, sorted, each with whether it has a
    /// character outside [`FUNCTION_CHARS`].
    fn features_of(&self, text: &str) -> Vec<(u32, bool)> {
        let mut blank = Vec::new();
        blank_places(text, &self.places, &mut blank);
        let mut ids = Vec::new();
        grams(text, &blank, |key, content| {
            if let Some(&id) = self.features.get(&key) {
                ids.push((id, content));
            }
        });
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Scores `text` against every class (see the module documentation).
    pub(crate) fn score(&self, text: &str) -> ExampleScores {
        let mut items = vec![0u64; self.items];
        let mut content = vec![0u64; self.items];
        let mut outside = 0u64;
        for (id, has_content) in self.features_of(text) {
            for &(class, w) in self.postings.get(id as usize).map_or(&[][..], |p| p) {
                match items.get_mut(class as usize) {
                    Some(s) => *s += u64::from(w),
                    None => outside += u64::from(w),
                }
                if has_content {
                    if let Some(s) = content.get_mut(class as usize) {
                        *s += u64::from(w);
                    }
                }
            }
        }
        ExampleScores {
            items,
            content,
            outside,
        }
    }

    /// The example of `item` closest to `text`: the one whose n-grams shared
    /// with the sentence weigh most (inverse document frequency), as its
    /// position in the rule set's `intake_examples`. Ties: the first.
    pub(crate) fn nearest(&self, text: &str, item: u32) -> Option<usize> {
        let q: Vec<u32> = self
            .features_of(text)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let mut best: Option<(u64, usize)> = None;
        for (class, k, ids) in &self.examples {
            if *class != item {
                continue;
            }
            let (mut a, mut b, mut shared) = (0, 0, 0u64);
            while let (Some(&x), Some(&y)) = (q.get(a), ids.get(b)) {
                match x.cmp(&y) {
                    std::cmp::Ordering::Less => a += 1,
                    std::cmp::Ordering::Greater => b += 1,
                    std::cmp::Ordering::Equal => {
                        shared += u64::from(self.idf_milli.get(x as usize).copied().unwrap_or(0));
                        a += 1;
                        b += 1;
                    }
                }
            }
            if shared > 0 && best.is_none_or(|(s, _)| shared > s) {
                best = Some((shared, *k));
            }
        }
        best.map(|(_, k)| k)
    }
}

/// The byte ranges of `text` that are place words, into `out`.
fn blank_places(text: &str, places: &[String], out: &mut Vec<(usize, usize)>) {
    out.clear();
    for p in places {
        for (at, _) in text.match_indices(p.as_str()) {
            out.push((at, at + p.len()));
        }
    }
}
