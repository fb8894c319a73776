use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::ruleset::source::Sanction;
use crate::time::Date;

/// The party a case is against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// A citizen (公民).
    Individual,
    /// A legal person or other organisation (法人或者其他组织).
    Organisation,
}

crate::vocabulary::labelled!(Party, "party", "当事人类型", "party", {
    Individual => "individual", "公民", "individual";
    Organisation => "organisation", "法人或者其他组织", "legal person or other organisation";
});

/// The dates of a case. At least one of violation, discovery, filing is needed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseDates {
    /// When the violation happened.
    #[serde(default)]
    pub violation: Option<Date>,
    /// For a violation in a continuing state (连续或者继续状态): the day it ended. The
    /// limitation period then counts from it (行政处罚法 Art. 36 ¶2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violation_end: Option<Date>,
    /// When it was found.
    #[serde(default)]
    pub discovery: Option<Date>,
    /// When the case was opened (立案).
    #[serde(default)]
    pub filing: Option<Date>,
    /// When the decision was made, if it was.
    #[serde(default)]
    pub decision: Option<Date>,
}

/// Facts about a case that change where it goes. Absent flags are false.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct CaseFlags {
    /// 案件重大复杂 (Plan §14).
    pub major_and_complex: bool,
    /// 需要回避 (Plan §14).
    pub needs_recusal: bool,
    /// 不宜本级管辖 (Plan §14).
    pub unsuited_to_town_level: bool,
    /// The district government has designated the original department (Plan §14).
    pub district_designation: bool,
    /// 涉及重大公共利益 (行政处罚法 Art. 58(1)).
    pub major_public_interest: bool,
    /// 案件情况疑难复杂、涉及多个法律关系 (Art. 58(3)).
    pub complex_multiple_legal_relations: bool,
    /// A law or regulation requires legal review (Art. 58(4)).
    pub review_required_by_law: bool,
    /// The party has asked for a hearing (Art. 63, 58(2)).
    pub hearing_requested: bool,
}

/// A case to route: the request of the `route` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Free text echoed back, for the caller's bookkeeping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// Item codes the case concerns.
    pub items: Vec<String>,
    /// Where the violation happened: a town, subdistrict or management centre id.
    pub location: String,
    /// Citizen or organisation.
    pub party: Party,
    /// Whether the violation was in the course of business activity (经营活动).
    pub business_activity: bool,
    /// The case's dates.
    pub dates: CaseDates,
    /// Proposed sanctions (行政处罚法 Art. 9). Empty when none is proposed yet.
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    /// Proposed fine; required with the `fine` sanction.
    #[serde(default)]
    pub fine: Option<Money>,
    /// Value of what is to be confiscated.
    #[serde(default)]
    pub confiscation: Option<Money>,
    /// Flags; absent flags are false.
    #[serde(default)]
    pub flags: CaseFlags,
    /// A body that has already opened (立案) this case.
    #[serde(default)]
    pub opened_by: Option<String>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

impl Case {
    /// A bare case for asking where items stand at a place on a date (no
    /// sanctions, no flags): the coordination decisions reuse routing's list
    /// status rather than re-implementing list membership.
    pub(crate) fn bare(items: Vec<String>, location: String, date: crate::time::Date) -> Case {
        Case {
            case_id: None,
            items,
            location,
            party: Party::Organisation,
            business_activity: false,
            dates: CaseDates {
                discovery: Some(date),
                ..CaseDates::default()
            },
            sanctions: Vec::new(),
            fine: None,
            confiscation: None,
            flags: CaseFlags::default(),
            opened_by: None,
            trace: false,
        }
    }
}
