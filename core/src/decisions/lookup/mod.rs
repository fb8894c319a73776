//! Lookup: the towns, departments, bodies, items, domains and town classes of a
//! rule set, with their Chinese and English names, and what a name a clerk
//! typed resolves to (`docs/names.md`). The CLI's `fuquan list`, Python's
//! `RuleSet.lookup` and the portal's pickers read it.

pub mod operation;

use serde::{Deserialize, Serialize};

use crate::ruleset::names::{NameKind, Named, Resolution};
use crate::ruleset::source::TownClass;
use crate::ruleset::Engine;
use crate::vocabulary::Labelled;

/// What to list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LookupKind {
    /// Towns, subdistricts and management centres.
    Towns,
    /// Departments (原行使部门).
    Departments,
    /// Every body: towns, departments, the district government, the platform office.
    Bodies,
    /// Power items (code, name).
    Items,
    /// Enforcement domains.
    Domains,
    /// Town classes (Plan §1).
    Classes,
}

crate::vocabulary::labelled!(LookupKind, "lookup_kind", "查询对象", "what to list", {
    Towns => "towns", "镇(街道)", "towns and subdistricts";
    Departments => "departments", "部门", "departments";
    Bodies => "bodies", "机关", "bodies";
    Items => "items", "执法事项", "power items";
    Domains => "domains", "执法领域", "enforcement domains";
    Classes => "classes", "镇街类型", "town classes";
});

/// How a query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// No query: every entry is listed.
    All,
    /// The query names exactly one entry, listed.
    Found,
    /// The query names several entries, listed.
    Ambiguous,
    /// The query names none; near misses are listed (possibly none).
    Unknown,
}

crate::vocabulary::labelled!(Match, "lookup_match", "查询结果", "lookup result", {
    All => "all", "全部", "all";
    Found => "found", "唯一匹配", "found";
    Ambiguous => "ambiguous", "多个匹配", "ambiguous";
    Unknown => "unknown", "未找到", "not found";
});

/// The request of the `lookup` operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    /// What to list.
    pub list: LookupKind,
    /// A name, short form or id to resolve (absent: list everything).
    #[serde(default)]
    pub query: Option<String>,
    /// Accepted like every request's; a lookup records no steps.
    #[serde(default)]
    pub trace: bool,
}

/// The answer's body.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LookupAnswer<'e> {
    /// What was listed.
    pub list: LookupKind,
    /// How the query matched (`all` without one).
    #[serde(rename = "match")]
    pub matched: Match,
    /// The entries: all of them, the one found, the candidates, or the near misses.
    pub entries: Vec<Named<'e>>,
}

impl Engine {
    /// The `lookup` decision: lists entries of a kind, or resolves a query.
    pub fn lookup(&self, request: &LookupRequest) -> LookupAnswer<'_> {
        let kind = match request.list {
            LookupKind::Towns => NameKind::Town,
            LookupKind::Departments => NameKind::Department,
            LookupKind::Bodies => NameKind::Body,
            LookupKind::Items => NameKind::Item,
            LookupKind::Domains => NameKind::Domain,
            LookupKind::Classes => return classes(request),
        };
        let (matched, entries) = match &request.query {
            None => (Match::All, self.named(kind)),
            Some(q) => match self.resolve(kind, q) {
                Resolution::Found(e) => (Match::Found, vec![e]),
                Resolution::Ambiguous(list) => (Match::Ambiguous, list),
                Resolution::Unknown(near) => (Match::Unknown, near),
            },
        };
        LookupAnswer {
            list: request.list,
            matched,
            entries,
        }
    }
}

/// Town classes are the contract's, not the rule set's: their codes and labels.
fn classes(request: &LookupRequest) -> LookupAnswer<'static> {
    let all: Vec<Named<'static>> = TownClass::VOCABULARY
        .values
        .iter()
        .map(|l| Named {
            id: l.code,
            name_zh: l.zh,
            name_en: l.en,
        })
        .collect();
    let (matched, entries) = match &request.query {
        None => (Match::All, all),
        Some(q) => {
            let q = q.trim();
            let found: Vec<_> = all
                .into_iter()
                .filter(|n| n.id.eq_ignore_ascii_case(q) || n.name_zh == q || n.name_en == q)
                .collect();
            if found.is_empty() {
                (Match::Unknown, found)
            } else {
                (Match::Found, found)
            }
        }
    };
    LookupAnswer {
        list: LookupKind::Classes,
        matched,
        entries,
    }
}
