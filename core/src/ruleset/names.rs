//! Names as input: a clerk writes 张村镇, 张村 or 区市场监管局 where the contract
//! has an id (`zhangcun`, `market_supervision`). [`Engine::resolve`] turns such a
//! name into the id when exactly one body, item or domain answers to it, lists
//! the candidates when several do, and suggests near misses (`zhangcum`) when
//! none does. [`NameResolver`] applies it to a request's id fields before a
//! decision runs and adds the suggestions to the decision's own "unknown id"
//! error afterwards. The matching procedure is in `docs/names.md`.

use serde::Serialize;

use super::{BodyKind, Engine};
use crate::diagnostic::{Diagnostic, InputError};

/// What kind of thing a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// A town, subdistrict or management centre.
    Town,
    /// A department (原行使部门).
    Department,
    /// Any body: towns, departments, the district government, the platform office.
    Body,
    /// A power item (by code or name).
    Item,
    /// An enforcement domain.
    Domain,
}

crate::vocabulary::labelled!(NameKind, "name_kind", "名称类别", "kind of name", {
    Town => "town", "镇(街道)", "town or subdistrict";
    Department => "department", "部门", "department";
    Body => "body", "机关", "body";
    Item => "item", "执法事项", "power item";
    Domain => "domain", "执法领域", "enforcement domain";
});

/// One entry a name can resolve to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Named<'e> {
    /// The id (an item's code).
    pub id: &'e str,
    /// Chinese name.
    pub name_zh: &'e str,
    /// English name.
    pub name_en: &'e str,
}

/// How a text resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<'e> {
    /// Exactly one entry answers to it.
    Found(Named<'e>),
    /// Several entries answer to it equally well.
    Ambiguous(Vec<Named<'e>>),
    /// None does; the nearest ids or names, best first (at most three).
    Unknown(Vec<Named<'e>>),
}

/// Most candidates or suggestions an answer lists.
const MAX_LISTED: usize = 8;

/// Suffixes that common short forms drop (张村镇 → 张村, 竹岛街道 → 竹岛).
const SUFFIXES: &[&str] = &[
    "街道办事处",
    "人民政府",
    "管理服务中心",
    "办事处",
    "街道",
    "镇",
];

impl Engine {
    /// Every entry of `kind`, in rule-set order.
    pub fn named(&self, kind: NameKind) -> Vec<Named<'_>> {
        fn body(b: &super::Body) -> Named<'_> {
            Named {
                id: b.id.as_str(),
                name_zh: b.name_zh.as_str(),
                name_en: b.name_en.as_str(),
            }
        }
        match kind {
            NameKind::Town => self
                .bodies()
                .iter()
                .filter(|b| {
                    matches!(
                        b.kind,
                        BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
                    )
                })
                .map(body)
                .collect(),
            NameKind::Department => self
                .bodies()
                .iter()
                .filter(|b| b.kind == BodyKind::Department)
                .map(body)
                .collect(),
            NameKind::Body => self.bodies().iter().map(body).collect(),
            NameKind::Item => self
                .items()
                .iter()
                .map(|i| Named {
                    id: i.spec.code.as_str(),
                    name_zh: i.spec.name_zh.as_str(),
                    name_en: i.spec.name_en.as_str(),
                })
                .collect(),
            NameKind::Domain => self
                .document()
                .domains
                .iter()
                .map(|d| Named {
                    id: d.id.as_str(),
                    name_zh: d.name_zh.as_str(),
                    name_en: d.name_en.as_str(),
                })
                .collect(),
        }
    }

    /// Whether `text` is already an id of `kind` (the fast path: one lookup).
    fn is_id(&self, kind: NameKind, text: &str) -> bool {
        match kind {
            NameKind::Item => self.item(text).is_some(),
            NameKind::Domain => self.document().domains.iter().any(|d| d.id == text),
            NameKind::Body => self.body(text).is_some(),
            NameKind::Town => self.body(text).is_some_and(|b| {
                matches!(
                    b.kind,
                    BodyKind::Town | BodyKind::Subdistrict | BodyKind::ManagementCentre
                )
            }),
            NameKind::Department => self
                .body(text)
                .is_some_and(|b| b.kind == BodyKind::Department),
        }
    }

    /// Resolves `text` — an id, a Chinese or English name, or a common short
    /// form — to one entry of `kind`. Tried in order, the first step that finds
    /// anything decides: the id (ignoring case, full-width letters and
    /// spaces); the full name; the short form (张村 for 张村镇, 市场监督管理局 without
    /// the district's prefix); a unique part of a Chinese name (at least two
    /// characters); a Chinese abbreviation whose characters appear in order
    /// (区市场监管局, at least three characters, same first character).
    pub fn resolve(&self, kind: NameKind, text: &str) -> Resolution<'_> {
        let entries = self.named(kind);
        let wanted = normalise(text);
        if wanted.is_empty() {
            return Resolution::Unknown(Vec::new());
        }
        let prefixes = self.district_prefixes();
        let steps: [&dyn Fn(&Named<'_>) -> bool; 5] = [
            &|e| normalise(e.id).eq_ignore_ascii_case(&wanted),
            &|e| {
                normalise(e.name_zh) == wanted || normalise(e.name_en).eq_ignore_ascii_case(&wanted)
            },
            &|e| {
                let s = short_forms(e.name_zh, &prefixes);
                let w = short_forms(&wanted, &prefixes);
                s.iter().any(|a| w.iter().any(|b| a == b))
            },
            &|e| wanted.chars().count() >= 2 && !wanted.is_ascii() && e.name_zh.contains(&wanted),
            &|e| {
                wanted.chars().count() >= 3
                    && !wanted.is_ascii()
                    && abbreviates(&wanted, e.name_zh, &prefixes)
            },
        ];
        for step in steps {
            let found: Vec<Named<'_>> = entries.iter().copied().filter(|e| step(e)).collect();
            match found.len() {
                0 => continue,
                1 => {
                    if let Some(one) = found.first() {
                        return Resolution::Found(*one);
                    }
                }
                _ => return Resolution::Ambiguous(found.into_iter().take(MAX_LISTED).collect()),
            }
        }
        Resolution::Unknown(suggest(&entries, &wanted))
    }

    /// The district's name prefixes that department names carry (威海市环翠区, 环翠区):
    /// the district government's Chinese name without 人民政府, and its last
    /// administrative part.
    fn district_prefixes(&self) -> Vec<String> {
        let gov = self.document().district.government.name_zh.as_str();
        let base = gov.strip_suffix("人民政府").unwrap_or(gov);
        let mut out = vec![base.to_owned()];
        // 威海市环翠区 → 环翠区 (the part after the city).
        if let Some((_, tail)) = base.split_once('市') {
            if !tail.is_empty() {
                out.push(tail.to_owned());
            }
        }
        out
    }
}

/// Trims, drops every space (also U+3000), turns full-width ASCII into ASCII.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The forms a Chinese name is commonly shortened to: without the district's
/// prefix (or with only 区 left of it), and without a town-level suffix.
fn short_forms(name: &str, prefixes: &[String]) -> Vec<String> {
    let mut out = vec![name.to_owned()];
    for p in prefixes {
        if let Some(rest) = name.strip_prefix(p.as_str()) {
            if !rest.is_empty() {
                out.push(rest.to_owned());
                out.push(format!("区{rest}"));
            }
        }
    }
    let mut shorter = Vec::new();
    for n in &out {
        for s in SUFFIXES {
            if let Some(stem) = n.strip_suffix(s) {
                if stem.chars().count() >= 2 {
                    shorter.push(stem.to_owned());
                }
            }
        }
    }
    out.extend(shorter);
    out
}

/// Whether `abbr` is an abbreviation of `name` (or of its short form): same
/// first character, every character found in order.
fn abbreviates(abbr: &str, name: &str, prefixes: &[String]) -> bool {
    short_forms(name, prefixes).iter().any(|form| {
        let mut rest = form.chars();
        let mut chars = abbr.chars();
        match (chars.next(), form.chars().next()) {
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
        rest.next();
        chars.all(|c| rest.by_ref().any(|n| n == c))
    })
}

/// Up to three entries nearest to `wanted`: by edit distance on the id (at
/// most a third of its length, at least 1) or on the Chinese name (at most 1
/// character for names of three or more).
fn suggest<'e>(entries: &[Named<'e>], wanted: &str) -> Vec<Named<'e>> {
    let lower = wanted.to_ascii_lowercase();
    let scored: Vec<(usize, Named<'e>)> = entries
        .iter()
        .filter_map(|e| {
            let id = e.id.to_ascii_lowercase();
            let d_id = edit_distance(&lower, &id);
            let limit_id = (id.chars().count() / 3).max(1);
            let d_zh = edit_distance(wanted, e.name_zh);
            let best = if d_id <= limit_id {
                Some(d_id)
            } else if wanted.chars().count() >= 3 && d_zh <= 1 {
                Some(d_zh)
            } else {
                None
            };
            best.map(|d| (d, *e))
        })
        .collect();
    // The three nearest, nearest first, ties in rule-set order (no sort: the
    // distances are small numbers).
    let mut out = Vec::new();
    let worst = scored.iter().map(|(d, _)| *d).max().unwrap_or(0);
    for d in 0..=worst {
        for (_, e) in scored.iter().filter(|(x, _)| *x == d) {
            if out.len() < 3 {
                out.push(*e);
            }
        }
    }
    out
}

/// Levenshtein distance over characters, stopping early for long inputs
/// (names and ids are short; anything over 64 characters is no near miss).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// Resolves the id fields of one request before a decision runs: a name that
/// answers to exactly one entry is replaced by its id; one that answers to
/// several is an error listing them (`name.ambiguous`); one that answers to
/// none is left as it is for the decision to refuse, and [`NameResolver::finish`]
/// then adds the near misses to that refusal.
pub struct NameResolver<'e> {
    engine: &'e Engine,
    errors: Vec<Diagnostic>,
    unknown: Vec<(String, String, Vec<Named<'e>>)>,
}

impl<'e> NameResolver<'e> {
    /// A resolver over `engine`'s names.
    #[inline(never)]
    pub fn new(engine: &'e Engine) -> NameResolver<'e> {
        NameResolver {
            engine,
            errors: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// Resolves the field at `path` holding `value`, a name of `kind`.
    pub fn field(&mut self, kind: NameKind, path: impl FnOnce() -> String, value: &mut String) {
        if self.engine.is_id(kind, value) {
            return;
        }
        // The slow path is not generic: one copy, however many call sites.
        self.resolve_field(kind, path(), value);
    }

    fn resolve_field(&mut self, kind: NameKind, path: String, value: &mut String) {
        match self.engine.resolve(kind, value) {
            Resolution::Found(e) => *value = e.id.to_owned(),
            Resolution::Ambiguous(list) => {
                let names = listing(&list);
                let label = crate::vocabulary::Labelled::label(&kind);
                self.errors.push(
                    Diagnostic::error(
                        "name.ambiguous",
                        path,
                        format!(
                            "「{}」可指多个{}：{names}；请写明全称或编号",
                            cut(value),
                            label.zh
                        ),
                        format!(
                            "{:?} names several {}s: {names}; give the full name or the id",
                            cut(value),
                            label.en
                        ),
                    )
                    .expected_both(
                        format!("唯一的{}编号或全称", label.zh),
                        format!("one {} id or full name", label.en),
                    )
                    .with_value(value.as_str())
                    .suggest(list.iter().map(|e| e.id.to_owned()).collect()),
                );
            }
            Resolution::Unknown(near) => self.unknown.push((path, value.clone(), near)),
        }
    }

    /// Resolves every entry of a list field at `path` (`path[i]`).
    pub fn list(&mut self, kind: NameKind, path: &str, values: &mut [String]) {
        for (i, v) in values.iter_mut().enumerate() {
            self.field(kind, || format!("{path}[{i}]"), v);
        }
    }

    /// Resolves an optional field.
    pub fn optional(&mut self, kind: NameKind, path: &str, value: &mut Option<String>) {
        if let Some(v) = value.as_mut() {
            self.field(kind, || path.to_owned(), v);
        }
    }

    /// The ambiguity errors, if any: the request is refused before deciding.
    #[inline(never)]
    pub fn check(&mut self) -> Result<(), InputError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(InputError {
                diagnostics: std::mem::take(&mut self.errors),
            })
        }
    }

    /// Adds the offending value and the near misses to the decision's refusal
    /// of each field this resolver could not resolve.
    #[inline(never)]
    pub fn finish(&self, mut error: InputError) -> InputError {
        for d in &mut error.diagnostics {
            if let Some((_, value, near)) = self.unknown.iter().find(|(p, _, _)| *p == d.path) {
                if d.value.is_none() {
                    d.value = Some(cut(value));
                }
                if d.suggestions.is_empty() && !near.is_empty() {
                    d.suggestions = near.iter().map(|e| e.id.to_owned()).collect();
                    let names = listing(near);
                    d.message_zh = format!("{}；是否指：{names}？", d.message_zh);
                    d.message_en = format!("{}; did you mean: {names}?", d.message_en);
                }
            }
        }
        error
    }
}

/// `id(名称)、…` for a message.
fn listing(list: &[Named<'_>]) -> String {
    list.iter()
        .map(|e| format!("{}({})", e.id, e.name_zh))
        .collect::<Vec<_>>()
        .join("、")
}

/// At most 80 characters of a value, for echoing it in a message.
pub(crate) fn cut(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn found(kind: NameKind, text: &str) -> String {
        let e = Engine::embedded().unwrap();
        match e.resolve(kind, text) {
            Resolution::Found(n) => n.id.to_owned(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn towns_by_id_full_name_and_short_form() {
        assert_eq!(found(NameKind::Town, "zhangcun"), "zhangcun");
        assert_eq!(found(NameKind::Town, "ZHANGCUN"), "zhangcun");
        assert_eq!(found(NameKind::Town, "张村镇"), "zhangcun");
        assert_eq!(found(NameKind::Town, " 张村 "), "zhangcun");
        assert_eq!(found(NameKind::Town, "竹岛"), "zhudao");
        assert_eq!(found(NameKind::Town, "竹岛街道办事处"), "zhudao");
        assert_eq!(found(NameKind::Town, "里口山"), "likoushan");
    }

    #[test]
    fn near_misses_are_suggested() {
        let e = Engine::embedded().unwrap();
        match e.resolve(NameKind::Town, "zhangcum") {
            Resolution::Unknown(near) => assert_eq!(near[0].id, "zhangcun"),
            other => panic!("{other:?}"),
        }
        match e.resolve(NameKind::Town, "北京市") {
            Resolution::Unknown(near) => assert!(near.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_part_shared_by_several_names_is_ambiguous() {
        let e = Engine::embedded().unwrap();
        // 街道 is part of every subdistrict's name.
        match e.resolve(NameKind::Town, "街道") {
            Resolution::Ambiguous(list) => assert!(list.len() >= 4),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("zhangcum", "zhangcun"), 1);
        assert_eq!(edit_distance("张村镇", "张村"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
