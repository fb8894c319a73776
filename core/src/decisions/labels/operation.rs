//! The `labels` operation.

use super::{LabelsAnswer, LabelsRequest};
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::rules::RuleSet;
use crate::ruleset::Engine;

/// `labels`: the Chinese and English label of every code answers carry.
pub struct Labels;

impl Decision for Labels {
    const OPERATION: &'static str = "labels";
    const SCHEMA_NAME: &'static str = "labels";
    type Request = LabelsRequest;
    type Answer<'a> = Answered<'a, LabelsAnswer>;

    fn decide<'a>(engine: &'a Engine, r: LabelsRequest) -> Result<Self::Answer<'a>, InputError> {
        let body = super::labels(&r)?;
        let n = body.vocabularies.len();
        Ok(Answered::new(
            engine,
            body,
            RuleSet::new(),
            (format!("共 {n} 个词表"), format!("{n} vocabularies")),
            r.trace.then(Vec::new),
        ))
    }
}
