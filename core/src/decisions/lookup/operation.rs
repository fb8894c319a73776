//! The `lookup` operation.

use super::{LookupAnswer, LookupRequest, Match};
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::rules::RuleSet;
use crate::ruleset::Engine;
use crate::vocabulary::Labelled;

/// `lookup`: the rule set's towns, departments, items, domains and classes by
/// name, and what a typed name resolves to.
pub struct Lookup;

impl Decision for Lookup {
    const OPERATION: &'static str = "lookup";
    const SCHEMA_NAME: &'static str = "lookup";
    type Request = LookupRequest;
    type Answer<'a> = Answered<'a, LookupAnswer<'a>>;

    fn decide<'a>(engine: &'a Engine, r: LookupRequest) -> Result<Self::Answer<'a>, InputError> {
        let body = engine.lookup(&r);
        let what = r.list.label();
        let n = body.entries.len();
        let summary = match body.matched {
            Match::All => (format!("共 {n} 个{}", what.zh), format!("{n} {}", what.en)),
            Match::Found => (
                format!("找到 1 个{}", what.zh),
                format!("one of the {} matches", what.en),
            ),
            Match::Ambiguous => (
                format!("{n} 个{}与之相符，请写明全称或编号", what.zh),
                format!("{n} {} match; give the full name or the id", what.en),
            ),
            Match::Unknown => (
                format!("没有相符的{}；列出 {n} 个相近的", what.zh),
                format!("no {} matches; {n} near misses listed", what.en),
            ),
        };
        Ok(Answered::new(
            engine,
            body,
            RuleSet::new(),
            summary,
            r.trace.then(Vec::new),
        ))
    }
}
