//! Labels: the Chinese and English words for every code an answer carries
//! (dispositions, item statuses, dispute stages, dispatch modes, …), published
//! by the `labels` operation so that the CLI, the portal, both bindings and any
//! integrator show the same words. Each vocabulary is declared beside its
//! enumeration ([`crate::vocabulary::Labelled`]); this folder only gathers them.

pub mod operation;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, InputError};
use crate::vocabulary::{Label, Labelled, Vocabulary};

#[cfg(feature = "intake")]
use super::intake;
#[cfg(feature = "supervision")]
use super::supervision;
use super::{coverage, dispatch, disputes, lookup, routing, screening, staffing};
use crate::answer::Status;
use crate::diagnostic::Severity;
use crate::ruleset::parameters::{WeekOfMonth, Weekday};
use crate::ruleset::source::{
    DepartmentKind, FineParty, GrantMode, ItemKind, PowerOf, Sanction, TownClass, TownKind,
};
use crate::ruleset::BodyKind;

/// Every vocabulary, in a fixed order: the rule set's own enumerations first,
/// then each decision's.
pub const VOCABULARIES: &[Vocabulary] = &[
    Status::VOCABULARY,
    Severity::VOCABULARY,
    BodyKind::VOCABULARY,
    DepartmentKind::VOCABULARY,
    TownKind::VOCABULARY,
    TownClass::VOCABULARY,
    ItemKind::VOCABULARY,
    PowerOf::VOCABULARY,
    FineParty::VOCABULARY,
    GrantMode::VOCABULARY,
    Sanction::VOCABULARY,
    Weekday::VOCABULARY,
    WeekOfMonth::VOCABULARY,
    routing::Party::VOCABULARY,
    routing::DateBasis::VOCABULARY,
    routing::Disposition::VOCABULARY,
    routing::ItemStatus::VOCABULARY,
    routing::LegalReviewGround::VOCABULARY,
    routing::HearingGround::VOCABULARY,
    routing::DesignationGround::VOCABULARY,
    staffing::Establishment::VOCABULARY,
    staffing::Role::VOCABULARY,
    staffing::CheckLevel::VOCABULARY,
    staffing::RotationStatus::VOCABULARY,
    staffing::CHECK_NAMES,
    staffing::FIGURE_NAMES,
    screening::Verdict::VOCABULARY,
    screening::Mode::VOCABULARY,
    disputes::EventKind::VOCABULARY,
    disputes::Stage::VOCABULARY,
    disputes::NextAction::VOCABULARY,
    disputes::ResolvedBy::VOCABULARY,
    disputes::Initiator::VOCABULARY,
    disputes::DesignationGround::VOCABULARY,
    disputes::DesignationDecision::VOCABULARY,
    disputes::DesignationOutcome::VOCABULARY,
    dispatch::Source::VOCABULARY,
    dispatch::Destination::VOCABULARY,
    dispatch::Mode::VOCABULARY,
    coverage::Capacity::VOCABULARY,
    coverage::OverlapKind::VOCABULARY,
    #[cfg(feature = "supervision")]
    supervision::Signal::VOCABULARY,
    #[cfg(feature = "supervision")]
    supervision::Measure::VOCABULARY,
    #[cfg(feature = "supervision")]
    supervision::CandidateGround::VOCABULARY,
    #[cfg(feature = "intake")]
    intake::Outcome::VOCABULARY,
    #[cfg(feature = "intake")]
    intake::PlaceFrom::VOCABULARY,
    #[cfg(feature = "intake")]
    intake::RankedBy::VOCABULARY,
    crate::ruleset::names::NameKind::VOCABULARY,
    lookup::LookupKind::VOCABULARY,
    lookup::Match::VOCABULARY,
];

/// The vocabulary named `name`.
pub fn vocabulary(name: &str) -> Option<&'static Vocabulary> {
    VOCABULARIES.iter().find(|v| v.name == name)
}

/// The label of `code` in vocabulary `name` (e.g. `("dispute_stage", "at_platform")`).
pub fn label(name: &str, code: &str) -> Option<&'static Label> {
    vocabulary(name)?.get(code)
}

/// The request of the `labels` operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LabelsRequest {
    /// Only these vocabularies (empty: all of them).
    #[serde(default)]
    pub vocabularies: Vec<String>,
    /// Accepted like every request's; the answer's trace is then empty (a
    /// lookup has no steps).
    #[serde(default)]
    pub trace: bool,
}

/// The answer's body: the vocabularies asked for.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LabelsAnswer {
    /// Each vocabulary with every code's Chinese and English label.
    pub vocabularies: Vec<Vocabulary>,
}

/// The vocabularies `request` names (all when it names none); an unknown name
/// is refused with the list of known ones.
pub fn labels(request: &LabelsRequest) -> Result<LabelsAnswer, InputError> {
    if request.vocabularies.is_empty() {
        return Ok(LabelsAnswer {
            vocabularies: VOCABULARIES.to_vec(),
        });
    }
    let mut out = Vec::with_capacity(request.vocabularies.len());
    let mut errors = Vec::new();
    let names: Vec<&str> = VOCABULARIES.iter().map(|v| v.name).collect();
    for (i, name) in request.vocabularies.iter().enumerate() {
        match vocabulary(name) {
            Some(v) => out.push(*v),
            None => errors.push(
                Diagnostic::error(
                    "labels.unknown_vocabulary",
                    format!("vocabularies[{i}]"),
                    format!("没有名为「{name}」的词表"),
                    format!("there is no vocabulary named {name:?}"),
                )
                .expected_both(
                    format!("以下词表之一：{}", names.join("、")),
                    format!("one of: {}", names.join(", ")),
                ),
            ),
        }
    }
    if errors.is_empty() {
        Ok(LabelsAnswer { vocabularies: out })
    } else {
        Err(InputError {
            diagnostics: errors,
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::vocabulary::assert_codes_match_serde as check;

    #[test]
    fn every_code_is_its_serde_name() {
        check::<Status>();
        check::<Severity>();
        check::<BodyKind>();
        check::<DepartmentKind>();
        check::<TownKind>();
        check::<TownClass>();
        check::<ItemKind>();
        check::<PowerOf>();
        check::<FineParty>();
        check::<GrantMode>();
        check::<Sanction>();
        check::<Weekday>();
        check::<WeekOfMonth>();
        check::<routing::Party>();
        check::<routing::DateBasis>();
        check::<routing::Disposition>();
        check::<routing::ItemStatus>();
        check::<routing::LegalReviewGround>();
        check::<routing::HearingGround>();
        check::<routing::DesignationGround>();
        check::<staffing::Establishment>();
        check::<staffing::Role>();
        check::<staffing::CheckLevel>();
        check::<staffing::RotationStatus>();
        check::<screening::Verdict>();
        check::<screening::Mode>();
        check::<disputes::EventKind>();
        check::<disputes::Stage>();
        check::<disputes::NextAction>();
        check::<disputes::ResolvedBy>();
        check::<disputes::Initiator>();
        check::<disputes::DesignationGround>();
        check::<disputes::DesignationDecision>();
        check::<disputes::DesignationOutcome>();
        check::<dispatch::Source>();
        check::<dispatch::Destination>();
        check::<dispatch::Mode>();
        check::<coverage::Capacity>();
        check::<coverage::OverlapKind>();
        #[cfg(feature = "supervision")]
        check::<supervision::Signal>();
        #[cfg(feature = "supervision")]
        check::<supervision::Measure>();
        #[cfg(feature = "supervision")]
        check::<supervision::CandidateGround>();
        #[cfg(feature = "intake")]
        check::<intake::Outcome>();
        #[cfg(feature = "intake")]
        check::<intake::PlaceFrom>();
        #[cfg(feature = "intake")]
        check::<intake::RankedBy>();
        check::<crate::ruleset::names::NameKind>();
        check::<lookup::LookupKind>();
        check::<lookup::Match>();
    }

    #[test]
    fn names_are_unique_and_every_label_filled() {
        let mut names: Vec<_> = VOCABULARIES.iter().map(|v| v.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), VOCABULARIES.len());
        for v in VOCABULARIES {
            assert!(!v.values.is_empty(), "{}", v.name);
            for l in v.values {
                assert!(
                    !l.zh.is_empty() && !l.en.is_empty(),
                    "{}.{}",
                    v.name,
                    l.code
                );
                // A Chinese label is Chinese: a code left in it is a mistake.
                assert_ne!(l.zh, l.code, "{}.{}", v.name, l.code);
            }
        }
    }

    #[test]
    fn check_names_cover_every_staffing_rule() {
        for rule in crate::rules::RuleId::ALL {
            if rule.id().starts_with("staffing.") {
                assert!(
                    staffing::CHECK_NAMES.get(rule.id()).is_some(),
                    "{} has no short name",
                    rule.id()
                );
            }
        }
    }

    #[test]
    fn unknown_vocabulary_is_refused_with_the_known_names() {
        let e = labels(&LabelsRequest {
            vocabularies: vec!["disposition".into(), "dispositon".into()],
            trace: false,
        })
        .unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(d.code, "labels.unknown_vocabulary");
        assert_eq!(d.path, "vocabularies[1]");
        assert!(d.expected.as_deref().unwrap().contains("disposition"));
        let ok = labels(&LabelsRequest {
            vocabularies: vec!["dispute_stage".into()],
            trace: false,
        })
        .unwrap();
        assert_eq!(
            ok.vocabularies[0].get("at_platform").unwrap().zh,
            "区级综合执法平台研究解决"
        );
    }
}
