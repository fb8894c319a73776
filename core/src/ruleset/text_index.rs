//! The search index of the `intake` decision, built once with the engine: a
//! word-segmentation dictionary made from the rule set itself (every item's
//! everyday words, the place names and their short forms) and a BM25 index
//! over each item's name, legal basis and everyday words. See `docs/intake.md`.
//!
//! Scores are computed in `f64` but every inverse document frequency is rounded
//! to thousandths when the index is built and every score to thousandths when
//! it is read, so the same sentence ranks the same natively, in Python and in
//! WebAssembly (whose `ln` may differ from the system's in the last bit).

use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;

use super::engine::Body;
use super::source::{ItemKind, ItemSpec};
use super::BodyKind;

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;
/// The frequency every dictionary word is loaded with. The index reads jieba's
/// full mode (`cut_all`: every dictionary word in the sentence, overlapping ones
/// included), where frequencies do not choose between cuts; they are equal.
const WORD_FREQ: usize = 1000;

/// Suffixes dropped from a place's Chinese name to get its short form
/// (张村镇 → 张村, 环翠楼街道 → 环翠楼, 里口山管理服务中心 → 里口山).
const PLACE_SUFFIXES: [&str; 4] = ["管理服务中心", "街道办事处", "街道", "镇"];

/// One candidate item of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The item's position in [`super::Engine::items`].
    pub item: u32,
    /// The ranking score in thousandths: the word score alone from
    /// [`super::Engine::search`]; with the examples' score folded in by the
    /// `intake` decision (docs/intake.md).
    pub score_milli: u64,
    /// The BM25 score over the item's words, in thousandths (after the kind weighting).
    pub word_score_milli: u64,
    /// The BM25 score against the item's labelled example reports, in thousandths
    /// (0 from [`super::Engine::search`], and without examples).
    pub example_score_milli: u64,
    /// The words of the sentence that matched the item, in sentence order.
    pub words: Vec<String>,
}

/// What a sentence yields: its known words, the places it names and the ranked items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The dictionary words found in the sentence, in order (places excluded).
    pub words: Vec<String>,
    /// Body indices of the places named, in order of first mention.
    pub places: Vec<u32>,
    /// Items with a positive score, best first (ties: catalogue order).
    pub hits: Vec<Hit>,
}

/// The index (see the module documentation).
pub(crate) struct TextIndex {
    jieba: Jieba,
    /// Term → its id.
    terms: HashMap<String, u32>,
    /// Id → term.
    words: Vec<String>,
    /// Per term: (item, term frequency).
    postings: Vec<Vec<(u32, u32)>>,
    /// Per term: inverse document frequency in thousandths.
    idf_milli: Vec<u32>,
    /// Per item: the number of terms in its document.
    doc_len: Vec<u32>,
    avg_len: f64,
    /// Place word → body index.
    places: HashMap<String, u32>,
    /// For words of three characters or more: the word with one character
    /// replaced by [`WILDCARD`] → the term (a slip of one character, 烧考 for 烧烤).
    slips: HashMap<String, u32>,
    /// The characters of the words in `slips`: a window with two characters
    /// outside this set cannot be a slip of any word.
    slip_chars: HashSet<char>,
    /// Whether some word in `slips` has this many characters.
    slip_lengths: Vec<bool>,
    /// The longest word, in characters.
    max_chars: usize,
    /// Per item: its kind (penalty, inspection, compulsory measure).
    kinds: Vec<ItemKind>,
}

/// Words with which a sentence asks for an inspection (行政检查).
const ASKS_INSPECTION: [&str; 5] = ["检查", "抽查", "核查", "查一下", "查查"];
/// Words with which a sentence asks for a compulsory measure (行政强制措施).
const ASKS_MEASURE: [&str; 6] = ["查封", "扣押", "查扣", "封存", "扣留", "隔离"];

/// Stands for any one character in [`TextIndex::slips`] keys.
const WILDCARD: char = '\u{FFFD}';
/// The shortest word a one-character slip is tolerated in.
const SLIP_MIN_CHARS: usize = 3;
/// Particles a caller puts inside a word without changing what it names
/// (占用了土地 for 占用土地, 河道里种树 for 河道种树, 设备都不合格 for
/// 设备不合格, 工地的扬尘 for 工地扬尘): one or two of them between two parts
/// of a word are read as if absent.
const PARTICLES: [char; 9] = ['了', '着', '过', '的', '都', '也', '里', '就', '还'];
/// At most this many particles together are skipped.
const MAX_PARTICLES: usize = 2;

/// Whether `c` is a CJK unified ideograph.
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Writes `chars` with the character at `i` replaced by [`WILDCARD`] into `key`.
fn slip_key(chars: &[char], i: usize, key: &mut String) {
    key.clear();
    key.extend(
        chars
            .iter()
            .enumerate()
            .map(|(j, c)| if j == i { WILDCARD } else { *c }),
    );
}

impl std::fmt::Debug for TextIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextIndex")
            .field("terms", &self.terms.len())
            .field("places", &self.places.len())
            .finish()
    }
}

/// The short form of a place name, if a known suffix can be dropped leaving two characters or more.
pub(crate) fn short_place(name: &str) -> Option<&str> {
    PLACE_SUFFIXES.iter().find_map(|s| {
        name.strip_suffix(s)
            .filter(|rest| rest.chars().count() >= 2)
    })
}

impl TextIndex {
    /// Builds the index over `items` and the places among `bodies`.
    pub(crate) fn new<'a>(items: impl Iterator<Item = &'a ItemSpec>, bodies: &[Body]) -> TextIndex {
        let items: Vec<&ItemSpec> = items.collect();
        // The dictionary as jieba's text format ("word freq" per line), loaded once:
        // `load_dict`, unlike `add_word`, never runs the HMM segmenter, so its
        // tables stay out of the WebAssembly module.
        let mut dict = String::new();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        for it in &items {
            for w in &it.everyday_words {
                let w = w.trim();
                // A word with a space inside can never be one token: left out.
                if w.is_empty() || w.contains(char::is_whitespace) || terms.contains_key(w) {
                    continue;
                }
                let id = u32::try_from(terms.len()).unwrap_or(u32::MAX);
                terms.insert(w.to_owned(), id);
                words.push(w.to_owned());
                dict.push_str(&format!("{w} {WORD_FREQ}\n"));
            }
        }
        let mut places = HashMap::new();
        for (i, b) in (0u32..).zip(bodies) {
            if !matches!(
                b.kind,
                BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
            ) {
                continue;
            }
            for w in std::iter::once(b.name_zh.as_str()).chain(short_place(&b.name_zh)) {
                if !places.contains_key(w) && !w.contains(char::is_whitespace) {
                    places.insert(w.to_owned(), i);
                    dict.push_str(&format!("{w} {WORD_FREQ}\n"));
                }
            }
        }
        let max_chars = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let mut jieba = Jieba::empty();
        // Every line is "word number": the load cannot fail; were it to, the words
        // loaded so far stay and the rest simply never match.
        let _ = jieba.load_dict(&mut dict.as_bytes());
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); terms.len()];
        let mut doc_len = Vec::with_capacity(items.len());
        for (n, it) in (0u32..).zip(&items) {
            let mut tf: Vec<(u32, u32)> = Vec::new();
            let mut add = |t: u32| match tf.iter_mut().find(|(x, _)| *x == t) {
                Some((_, c)) => *c += 1,
                None => tf.push((t, 1)),
            };
            for w in &it.everyday_words {
                if let Some(&t) = terms.get(w.trim()) {
                    add(t);
                }
            }
            let basis = [
                Some(it.name_zh.as_str()),
                Some(it.establishing_basis.as_str()),
                it.penalty_basis.as_deref(),
            ];
            for text in basis.into_iter().flatten() {
                for tok in jieba.cut_all(text) {
                    if let Some(&t) = terms.get(tok.word) {
                        add(t);
                    }
                }
            }
            let len: u32 = tf.iter().map(|(_, c)| *c).sum();
            doc_len.push(len);
            for (t, c) in tf {
                if let Some(p) = postings.get_mut(t as usize) {
                    p.push((n, c));
                }
            }
        }
        // One-character slips: a key two words share is ambiguous and dropped,
        // unless both words belong to the same items (树被砍, 树被剪: either
        // way the slip names the same matter).
        let items_of = |t: u32| -> Vec<u32> {
            postings
                .get(t as usize)
                .map(|p| p.iter().map(|&(i, _)| i).collect())
                .unwrap_or_default()
        };
        let mut slips: HashMap<String, u32> = HashMap::new();
        let mut ambiguous: Vec<String> = Vec::new();
        let mut slip_chars = HashSet::new();
        let mut slip_lengths = Vec::new();
        let mut key = String::new();
        for (t, w) in (0u32..).zip(&words) {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < SLIP_MIN_CHARS {
                continue;
            }
            if slip_lengths.len() <= chars.len() {
                slip_lengths.resize(chars.len() + 1, false);
            }
            if let Some(l) = slip_lengths.get_mut(chars.len()) {
                *l = true;
            }
            slip_chars.extend(chars.iter().copied());
            // In a word of three characters the first is never the slip: the
            // two left would be a common head alone (路面 of 挖路面, 东西 of 烧东西).
            let first = usize::from(chars.len() == SLIP_MIN_CHARS);
            for i in first..chars.len() {
                slip_key(&chars, i, &mut key);
                match slips.get(&key) {
                    Some(&o) if o != t && items_of(o) != items_of(t) => ambiguous.push(key.clone()),
                    Some(_) => {}
                    _ => {
                        slips.insert(key.clone(), t);
                    }
                }
            }
        }
        for k in ambiguous {
            slips.remove(&k);
        }
        let n = items.len() as f64;
        let idf_milli = postings
            .iter()
            .map(|p| {
                let df = p.len() as f64;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                (idf * 1000.0).round().max(0.0) as u32
            })
            .collect();
        let total: u64 = doc_len.iter().map(|&l| u64::from(l)).sum();
        let avg_len = if items.is_empty() {
            1.0
        } else {
            (total as f64 / n).max(1.0)
        };
        TextIndex {
            jieba,
            terms,
            words,
            postings,
            idf_milli,
            doc_len,
            avg_len,
            places,
            slips,
            slip_chars,
            slip_lengths,
            max_chars,
            kinds: items.iter().map(|it| it.kind).collect(),
        }
    }

    /// The place words (town, subdistrict and centre names and their short
    /// forms), for the example index to blank out.
    pub(crate) fn place_words(&self) -> impl Iterator<Item = String> + '_ {
        self.places.keys().cloned()
    }

    /// The words of `text` that differ from a dictionary word of three
    /// characters or more in exactly one character, in order (the fallback
    /// when no word is found as written).
    fn slipped(&self, text: &str) -> Vec<(usize, usize, u32)> {
        let chars: Vec<char> = text.chars().collect();
        // unknown[k]: how many of the first k characters no slip word has.
        let mut unknown = Vec::with_capacity(chars.len() + 1);
        unknown.push(0usize);
        let mut n = 0;
        for c in &chars {
            n += usize::from(!self.slip_chars.contains(c));
            unknown.push(n);
        }
        let mut found = Vec::new();
        let mut key = String::new();
        for (len, _) in self
            .slip_lengths
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, x)| **x)
        {
            for (start, window) in chars.windows(len).enumerate() {
                let (Some(a), Some(b)) = (unknown.get(start), unknown.get(start + len)) else {
                    continue;
                };
                // A slip is a wrong character, not punctuation, a digit or a letter.
                if !window.iter().all(|&c| is_han(c)) {
                    continue;
                }
                // Two unknown characters: no slip; one: only it can be the slip.
                let positions = match b - a {
                    0 => 0..len,
                    1 => match window.iter().position(|c| !self.slip_chars.contains(c)) {
                        Some(i) => i..i + 1,
                        None => continue,
                    },
                    _ => continue,
                };
                for i in positions {
                    slip_key(window, i, &mut key);
                    if let Some(&t) = self.slips.get(key.as_str()) {
                        let span = (start, start + len, t);
                        if !found.contains(&span) {
                            found.push(span);
                        }
                    }
                }
            }
        }
        found
    }

    /// The words of `text` that are written with one or two [`PARTICLES`]
    /// inside them (占用了土地 for 占用土地), as (start, end, term) in characters
    /// of `text`, the particles included in the span. Each particle run is
    /// read once, in a window of the longest word's length on either side, so
    /// the work is bounded by the text's length.
    fn across_particles(&self, text: &str) -> Vec<(usize, usize, u32)> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        if self.max_chars < 2 {
            return found;
        }
        let mut window = String::new();
        let mut p = 1;
        while p < chars.len() {
            let run = chars
                .iter()
                .skip(p)
                .take(MAX_PARTICLES + 1)
                .take_while(|c| PARTICLES.contains(c))
                .count();
            if run == 0 || run > MAX_PARTICLES {
                p += run.max(1);
                continue;
            }
            let from = p.saturating_sub(self.max_chars - 1);
            let to = (p + run + self.max_chars - 1).min(chars.len());
            let (Some(left), Some(right)) = (chars.get(from..p), chars.get(p + run..to)) else {
                break;
            };
            window.clear();
            window.extend(left.iter().chain(right));
            let join = left.len();
            for tok in self.jieba.cut_all(&window) {
                if tok.start < join && tok.end > join {
                    if let Some(&t) = self.terms.get(tok.word) {
                        let span = (from + tok.start, from + tok.end + run, t);
                        if !found.contains(&span) {
                            found.push(span);
                        }
                    }
                }
            }
            p += run;
        }
        found
    }

    /// Segments `text` and ranks the items against its words.
    pub(crate) fn query(&self, text: &str) -> Query {
        let mut q = Query::default();
        let mut ids: Vec<u32> = Vec::new();
        // (start, end, term) in characters, for every known word found.
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for tok in self.jieba.cut_all(text) {
            if let Some(&p) = self.places.get(tok.word) {
                if !q.places.contains(&p) {
                    q.places.push(p);
                }
            } else if let Some(&t) = self.terms.get(tok.word) {
                found.push((tok.start, tok.end, t));
            }
        }
        found.extend(self.across_particles(text));
        if found.is_empty() {
            found = self.slipped(text);
        }
        found.sort_unstable_by_key(|&(s, e, t)| (s, e, t));
        found.dedup();
        // A word found only inside a longer word (烧烤 inside 露天烧烤, 营业执照
        // inside 没有营业执照, 倒垃圾 inside 河里倒垃圾) counts only for the items
        // that also have the longer word: the caller said the longer thing.
        // inner[k]: for ids[k], the outermost words around its occurrences;
        // empty when one occurrence stands on its own.
        let within = |a: &(usize, usize, u32), b: &(usize, usize, u32)| {
            b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0
        };
        // The words that may contain `f`: those starting at most the longest
        // word's length before it (`found` is sorted by start), so the work
        // stays linear in the sentence's length.
        let around = |f: &(usize, usize, u32)| {
            let from = found.partition_point(|b| b.0 + self.max_chars < f.1);
            let to = found.partition_point(|b| b.0 <= f.0);
            from..to.max(from)
        };
        let outer: Vec<bool> = found
            .iter()
            .map(|f| {
                let near = found.get(around(f)).unwrap_or_default();
                !near.iter().any(|b| within(f, b))
            })
            .collect();
        let mut inner: Vec<Vec<u32>> = Vec::new();
        for f in &found {
            let t = f.2;
            let r = around(f);
            let mut containers: Vec<u32> = Vec::new();
            let near = found.get(r.clone()).unwrap_or_default();
            let near_outer = outer.get(r).unwrap_or_default();
            for (b, &o) in near.iter().zip(near_outer) {
                if o && within(f, b) && !containers.contains(&b.2) {
                    containers.push(b.2);
                }
            }
            if let Some(w) = self.word(t) {
                q.words.push(w);
            }
            match ids.iter().position(|&x| x == t) {
                Some(k) => {
                    if let Some(c) = inner.get_mut(k) {
                        if containers.is_empty() {
                            c.clear();
                        } else if !c.is_empty() {
                            for o in containers {
                                if !c.contains(&o) {
                                    c.push(o);
                                }
                            }
                        }
                    }
                }
                None => {
                    ids.push(t);
                    inner.push(containers);
                }
            }
        }
        let mut scores: Vec<(u32, f64, Vec<u32>)> = Vec::new();
        let mut slot: HashMap<u32, usize> = HashMap::new();
        for (&t, within) in ids.iter().zip(&inner) {
            let (Some(post), Some(&idf)) = (
                self.postings.get(t as usize),
                self.idf_milli.get(t as usize),
            ) else {
                continue;
            };
            let idf = f64::from(idf) / 1000.0;
            for &(item, tf) in post {
                if !within.is_empty() && !within.iter().any(|&c| self.has(c, item)) {
                    continue;
                }
                let len = self.doc_len.get(item as usize).copied().unwrap_or(1);
                let tf = f64::from(tf);
                let norm = K1 * (1.0 - B + B * f64::from(len) / self.avg_len);
                let s = idf * tf * (K1 + 1.0) / (tf + norm);
                let k = *slot.entry(item).or_insert_with(|| {
                    scores.push((item, 0.0, Vec::new()));
                    scores.len() - 1
                });
                if let Some(e) = scores.get_mut(k) {
                    e.1 += s;
                    e.2.push(t);
                }
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|(item, s, matched)| Hit {
                item,
                score_milli: (s * 1000.0).round().max(0.0) as u64,
                word_score_milli: 0,
                example_score_milli: 0,
                words: ids
                    .iter()
                    .filter(|t| matched.contains(t))
                    .filter_map(|t| self.word(*t))
                    .collect(),
            })
            .filter(|h| h.score_milli > 0)
            .collect();
        // A sentence that asks for no inspection (no seizure) and names a matter
        // a penalty item also has reports a violation: the inspections
        // (compulsory measures) that share a word with such a penalty item
        // count at half weight. Where no penalty item shares their words
        // (禽流感, 食品卫生), they stand as they are.
        let inspection = ASKS_INSPECTION.iter().any(|w| text.contains(w));
        let measure = ASKS_MEASURE.iter().any(|w| text.contains(w));
        let kind = |h: &Hit| self.kinds.get(h.item as usize).copied();
        // The words some matched penalty item has, gathered once: a catalogue
        // whose items share a word by the thousand stays linear in the hits.
        let mut penalty_words: Vec<&str> = Vec::new();
        for g in hits.iter().filter(|g| kind(g) == Some(ItemKind::Penalty)) {
            for w in &g.words {
                if !penalty_words.contains(&w.as_str()) {
                    penalty_words.push(w);
                }
            }
        }
        let demoted: Vec<bool> = hits
            .iter()
            .map(|h| {
                let asked = match kind(h) {
                    Some(ItemKind::Inspection) => inspection,
                    Some(ItemKind::CompulsoryMeasure) => measure,
                    _ => true,
                };
                !asked && h.words.iter().any(|w| penalty_words.contains(&w.as_str()))
            })
            .collect();
        for (h, d) in hits.iter_mut().zip(demoted) {
            if d {
                h.score_milli /= 2;
            }
        }
        hits.retain(|h| h.score_milli > 0);
        for h in &mut hits {
            h.word_score_milli = h.score_milli;
        }
        hits.sort_by(|a, b| b.score_milli.cmp(&a.score_milli).then(a.item.cmp(&b.item)));
        q.hits = hits;
        q
    }

    /// Whether `item`'s document has term `t`.
    fn has(&self, t: u32, item: u32) -> bool {
        self.postings
            .get(t as usize)
            .is_some_and(|p| p.iter().any(|&(i, _)| i == item))
    }

    fn word(&self, t: u32) -> Option<String> {
        self.words.get(t as usize).cloned()
    }
}
