//! The staffing requests: a town's roster on a date, and the district's secondment figures.

use serde::{Deserialize, Serialize};

use crate::time::Date;

/// Establishment category (编制类别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Establishment {
    /// 行政编制.
    Administrative,
    /// 事业编制.
    Career,
    /// 执法辅助人员 (not on an establishment; not formal staff).
    Auxiliary,
}

crate::vocabulary::labelled!(Establishment, "establishment", "编制类型", "establishment", {
    Administrative => "administrative", "行政编制", "administrative establishment";
    Career => "career", "事业编制", "public-institution establishment";
    Auxiliary => "auxiliary", "执法辅助人员", "auxiliary staff";
});

impl Establishment {
    /// Whether the person is formal staff (正式工作人员): on an administrative or career establishment.
    pub const fn is_formal(self) -> bool {
        !matches!(self, Establishment::Auxiliary)
    }
}

/// A person's post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 综合执法中心主任.
    CentreHead,
    /// 综合执法中心副主任.
    DeputyHead,
    /// 执法人员 (an officer who investigates and decides).
    EnforcementOfficer,
    /// 专职法制审核人员 (requires the `legal_reviewer` designation).
    LegalReviewer,
    /// 内勤、综合 (no enforcement).
    Clerk,
    /// 辅助岗位: publicity, patrols, information, dissuasion (Plan §9).
    Assistant,
}

crate::vocabulary::labelled!(Role, "role", "岗位", "post", {
    CentreHead => "centre_head", "综合执法中心主任", "head of the enforcement centre";
    DeputyHead => "deputy_head", "综合执法中心副主任", "deputy head of the enforcement centre";
    EnforcementOfficer => "enforcement_officer", "执法人员", "enforcement officer";
    LegalReviewer => "legal_reviewer", "专职法制审核人员", "full-time legal reviewer";
    Clerk => "clerk", "内勤、综合", "office and general staff";
    Assistant => "assistant", "辅助岗位", "assistant post";
});

impl Role {
    /// Whether the post is an enforcement post: centre head, deputy head or enforcement officer.
    pub const fn is_enforcement(self) -> bool {
        matches!(
            self,
            Role::CentreHead | Role::DeputyHead | Role::EnforcementOfficer
        )
    }
}

/// An enforcement certificate (行政执法证).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// Certificate number.
    pub number: String,
    /// First day of validity.
    pub valid_from: Date,
    /// Last day of validity, included.
    pub valid_to: Date,
}

impl Certificate {
    /// Whether the certificate is valid on `d` (both ends included).
    pub fn valid_on(&self, d: Date) -> bool {
        self.valid_from <= d && d <= self.valid_to
    }
}

/// A secondment (下沉) from a district department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Secondment {
    /// The department id the person comes from.
    pub from: String,
    /// First day in the town.
    pub since: Date,
}

/// One person on a roster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id, unique in the roster.
    pub id: String,
    /// Name.
    pub name: String,
    /// Establishment category.
    pub establishment: Establishment,
    /// Post.
    pub role: Role,
    /// Whether the person belongs to the town's enforcement centre (纳入综合执法中心).
    pub centre_staff: bool,
    /// Enforcement certificate, or null.
    #[serde(default)]
    pub certificate: Option<Certificate>,
    /// Designated as a legal reviewer (法制审核人员).
    #[serde(default)]
    pub legal_reviewer: bool,
    /// Holds the legal-profession qualification (法律职业资格).
    #[serde(default)]
    pub legal_qualification: bool,
    /// First time reviewing penalty decisions (初次从事法制审核).
    #[serde(default)]
    pub first_time_reviewer: bool,
    /// Seconded from a district department, or null.
    #[serde(default)]
    pub secondment: Option<Secondment>,
    /// First day on the town's enforcement front line, or null.
    #[serde(default)]
    pub front_line_since: Option<Date>,
}

/// A town's roster on a date: the request of the `staffing` decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Roster {
    /// Town or subdistrict id.
    pub town: String,
    /// The date the roster is checked on.
    pub as_of: Date,
    /// Everyone on the roster.
    pub people: Vec<Person>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}

/// A town's count of seconded district staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TownSeconded {
    /// Town or subdistrict id.
    pub town: String,
    /// District enforcement staff seconded to it.
    pub seconded: u32,
}

/// The district's enforcement strength and where it sits: the request of `staffing_district`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DistrictStaffing {
    /// The date of the figures.
    pub as_of: Date,
    /// Total district enforcement strength (区级执法力量), seconded staff included.
    pub district_strength: u32,
    /// Towns given by their seconded count.
    #[serde(default)]
    pub seconded: Vec<TownSeconded>,
    /// Towns given by their full roster (checked, and their seconded staff counted).
    #[serde(default)]
    pub rosters: Vec<Roster>,
    /// Whether to return the step-by-step trace.
    #[serde(default)]
    pub trace: bool,
}
