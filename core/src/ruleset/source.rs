//! The rule-set document: the JSON a district publishes, exactly as written.
//!
//! These types mirror the files in `core/data/huancui-2024/` (see
//! `fixtures/README.md`). They are plain data: validation
//! ([`validate`](super::validate)) checks them against the law, and
//! [`Engine`](crate::Engine) indexes them.

use std::collections::HashSet;
use std::sync::Arc;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::citation::CitationSpec;
use crate::money::Money;
use crate::time::{CalendarSpec, Date, DateRange};

/// The contract version this crate reads and writes.
pub const SCHEMA_VERSION: &str = "fuquan/1";

/// A whole rule set: `ruleset.json` with the four list files merged in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleSetDocument {
    /// Must be `fuquan/1`.
    pub schema_version: String,
    /// Identity of the rule set and of the plan it implements.
    pub meta: Meta,
    /// The district bodies that coordinate, decide and review.
    pub district: District,
    /// Enforcement domains (领域).
    pub domains: Vec<Domain>,
    /// Dated parameters, each with its citation.
    pub parameters: Parameters,
    /// The rest-day calendar used by period arithmetic.
    pub calendar: CalendarSpec,
    /// District departments (原行使部门), including branches that a city department
    /// set up in the district (派出机构).
    pub departments: Vec<DepartmentSpec>,
    /// Towns, subdistricts and management centres.
    pub towns: Vec<TownSpec>,
    /// Power items (行政执法权事项).
    pub items: Vec<ItemSpec>,
    /// Delegations (赋权) and entrustments (委托).
    // (A plain comment: doc comments become schema descriptions.) Grants resting on
    // equal documents share one `GrantDocument` when read.
    #[serde(deserialize_with = "grants_sharing_documents")]
    pub grants: Vec<GrantSpec>,
    /// Labelled example reports (已标注的诉求样例) for the `intake` decision:
    /// past complaints with the item a clerk filed them under, or none when the
    /// matter is outside the catalogue. Intake learns from them how people talk
    /// about each matter (docs/intake.md). Optional (`intake_examples.json` in a
    /// rule-set directory); absent: intake matches by the items' words alone.
    /// Added in engine 0.1.0 under `fuquan/1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intake_examples: Vec<IntakeExample>,
}

/// One labelled example report (已标注的诉求样例): what was said, and the item
/// a clerk filed it under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntakeExample {
    /// The item's code; `null` for a matter outside the catalogue (不属于清单事项).
    pub item: Option<String>,
    /// What the caller, the grid worker or the platform said.
    pub text: String,
}

/// Reads `grants` as a plain list would, but lets grants whose documents are equal
/// share one: a province's hundreds of thousands of grants rest on a few documents,
/// and three strings per grant were a third of the rule set's memory.
fn grants_sharing_documents<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<GrantSpec>, D::Error> {
    struct Grants;

    impl<'de> Visitor<'de> for Grants {
        type Value = Vec<GrantSpec>;

        // The same words as serde's own `Vec`, so error messages do not change.
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<GrantSpec>, A::Error> {
            let mut documents: HashSet<Arc<GrantDocument>> = HashSet::new();
            let mut grants = Vec::new();
            while let Some(mut grant) = seq.next_element::<GrantSpec>()? {
                match documents.get(grant.document.as_ref()) {
                    Some(shared) => grant.document = Arc::clone(shared),
                    None => {
                        documents.insert(Arc::clone(&grant.document));
                    }
                }
                grants.push(grant);
            }
            Ok(grants)
        }
    }

    d.deserialize_seq(Grants)
}

/// Identity of a rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Stable id, e.g. `huancui-2024`.
    pub id: String,
    /// Version of this rule set's content.
    pub version: String,
    /// Whether the data is illustrative rather than an official list.
    pub sample: bool,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// The district plan the rule set implements.
    pub plan: PlanMeta,
    /// First day this version of the rule set is in force (lists change over time:
    /// Plan 四(四) 动态调整赋权事项). Optional, so older documents still load; a
    /// [`RuleSetHistory`](super::history::RuleSetHistory) needs it on every version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<Date>,
}

/// The district plan a rule set implements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanMeta {
    /// Full Chinese title.
    pub title_zh: String,
    /// Short Chinese title used in citations, e.g. `《实施方案》`.
    pub short_zh: String,
    /// Short English title used in citations, e.g. `Huancui Plan`.
    pub short_en: String,
    /// Document number, e.g. `威环政发〔2024〕2号`.
    pub number: String,
    /// Date of the document.
    pub dated: Date,
}

/// A body with an id and bilingual names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedBody {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// What kind of body a department is: it decides who reviews its acts (行政复议法
/// Art. 24) and whether its penalty powers can be handed to towns (行政处罚法 Art. 24).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DepartmentKind {
    /// A working department of the district government (县级人民政府部门).
    #[default]
    DistrictDepartment,
    /// A branch (派出机构) that a department of the city (设区的市) set up by district,
    /// acting in its own name under a law, regulation or rule, e.g. 威海市生态环境局环翠分局.
    CityDepartmentBranch,
}

crate::vocabulary::labelled!(DepartmentKind, "department_kind", "部门类别", "kind of department", {
    DistrictDepartment => "district_department", "区政府工作部门", "district government department";
    CityDepartmentBranch => "city_department_branch", "市直部门派出机构", "branch of a city department";
});

impl DepartmentKind {
    fn is_default(&self) -> bool {
        *self == DepartmentKind::DistrictDepartment
    }
}

/// For a branch: the city department that set it up and that department's government.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BranchOf {
    /// The city department (e.g. 威海市生态环境局).
    pub department: NamedBody,
    /// The government of that department's level (e.g. 威海市人民政府): the review
    /// body for the branch's acts (行政复议法 Art. 24 ¶4).
    pub city_government: NamedBody,
}

/// A department that held the items (原行使部门).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DepartmentSpec {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// District department (the default when absent) or a city department's branch.
    #[serde(default, skip_serializing_if = "DepartmentKind::is_default")]
    pub kind: DepartmentKind,
    /// For a branch (required there, refused elsewhere): its parent and the city government.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branch_of: Option<BranchOf>,
}

/// The district-level bodies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct District {
    /// The district government (区政府): designates, decides disputes, hears review.
    pub government: NamedBody,
    /// The district enforcement platform office (区级综合执法平台办公室).
    pub platform_office: NamedBody,
    /// The department id of the justice bureau (司法局), which reviews entrustments.
    pub justice_bureau: String,
}

/// An enforcement domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Stable id, e.g. `work_safety`.
    pub id: String,
    /// Chinese name, e.g. 安全生产.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// What kind of town-level body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TownKind {
    /// 镇 — a town government.
    Town,
    /// 街道 — a subdistrict office (the district government's agency).
    Subdistrict,
    /// A management centre such as 里口山管理服务中心: not a town government; patrols only.
    ManagementCentre,
}

crate::vocabulary::labelled!(TownKind, "town_kind", "镇街类别", "kind of town-level body", {
    Town => "town", "镇", "town";
    Subdistrict => "subdistrict", "街道", "subdistrict";
    ManagementCentre => "management_centre", "管理服务中心", "management centre";
});

/// The town classes of Plan §1 (同类镇(街道)、一张清单). Requests may also give
/// a class by its Chinese name (经济发达镇, 重点产业镇, 主城区街道).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TownClass {
    /// 经济发达镇.
    #[serde(alias = "经济发达镇")]
    DevelopedTown,
    /// 重点产业镇.
    #[serde(alias = "重点产业镇")]
    KeyIndustryTown,
    /// 主城区街道.
    #[serde(alias = "主城区街道")]
    MainUrbanSubdistrict,
}

crate::vocabulary::labelled!(TownClass, "town_class", "镇街类型", "town class", {
    DevelopedTown => "developed_town", "经济发达镇", "developed town";
    KeyIndustryTown => "key_industry_town", "重点产业镇", "key-industry town";
    MainUrbanSubdistrict => "main_urban_subdistrict", "主城区街道", "main urban subdistrict";
});

/// A town, subdistrict or management centre.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TownSpec {
    /// Stable id.
    pub id: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Town, subdistrict or management centre.
    pub kind: TownKind,
    /// The class whose list applies (null for a management centre).
    pub class: Option<TownClass>,
    /// For a management centre: the town its cases go to (Plan §13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hands_over_to: Option<String>,
}

/// The kind of an enforcement power.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 行政处罚.
    Penalty,
    /// 行政检查.
    Inspection,
    /// 行政强制措施.
    CompulsoryMeasure,
}

crate::vocabulary::labelled!(ItemKind, "item_kind", "权力类型", "kind of power", {
    Penalty => "penalty", "行政处罚", "administrative penalty";
    Inspection => "inspection", "行政检查", "administrative inspection";
    CompulsoryMeasure => "compulsory_measure", "行政强制措施", "administrative compulsory measure";
});

/// The Plan §1 screening attributes of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// 高频多发.
    pub high_frequency: bool,
    /// 易发现易处置.
    pub easy_to_detect_and_handle: bool,
    /// 专业要求适宜.
    pub suitable_professional_demand: bool,
    /// 与属地管理事项责任清单相关联.
    pub linked_to_territorial_responsibility: bool,
    /// 事关人民群众生产生活安全.
    pub concerns_safety: bool,
    /// 专业要求高.
    pub highly_professional: bool,
    /// 执法难度大.
    pub hard_to_enforce: bool,
    /// 镇(街道)暂无法承接.
    pub town_cannot_take_on: bool,
}

/// A power item (行政执法权事项).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// Stable code, e.g. `CJ-P001`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Penalty, inspection or compulsory measure.
    pub kind: ItemKind,
    /// Domain id.
    pub domain: String,
    /// The original department (原行使部门), a department id.
    pub department: String,
    /// Legal basis for setting up the power (设立依据).
    pub establishing_basis: String,
    /// Penalty basis (处罚依据), for penalties.
    pub penalty_basis: Option<String>,
    /// Discretion benchmark reference (裁量基准).
    pub discretion_benchmark: Option<String>,
    /// Whose power the establishing basis makes it: the department's (the default) or
    /// the government's (e.g. 城乡规划法 Art. 68: 县级以上地方人民政府可以责成有关部门采取查封施工现场……).
    #[serde(default, skip_serializing_if = "PowerOf::is_department")]
    pub power_of: PowerOf,
    /// Whether the item is in the provincial guiding catalogue (指导目录).
    pub in_guiding_catalogue: bool,
    /// The fine its penalty basis sets, per party (行政处罚法 Art. 63 reads the
    /// "large fine" against it). Absent or null: not recorded; `[]`: the basis sets no fine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fine_ranges: Option<Vec<FineRange>>,
    /// Inspections and compulsory measures that go with this penalty.
    #[serde(default)]
    pub related_items: Vec<String>,
    /// Plan §1 screening attributes.
    pub screening: Screening,
    /// The everyday words people use for the matter (露天烧烤, 油烟扰民, 占道经营 …):
    /// what the `intake` decision matches a citizen's or grid worker's sentence
    /// against, besides the item's name and legal basis. Data the district
    /// maintains; optional (absent: none). Added in engine 0.1.0 under `fuquan/1`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub everyday_words: Vec<String>,
}

/// Whose power an item is, as its establishing basis grants it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PowerOf {
    /// A power of the department (主管部门).
    #[default]
    Department,
    /// A power of the people's government, which may direct departments to act.
    Government,
}

crate::vocabulary::labelled!(PowerOf, "power_of", "职权归属", "whose power", {
    Department => "department", "主管部门职权", "a power of the department";
    Government => "government", "人民政府职权", "a power of the people's government";
});

impl PowerOf {
    fn is_department(&self) -> bool {
        *self == PowerOf::Department
    }
}

/// The party a statutory fine range applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FineParty {
    /// 个人 / 公民.
    Individual,
    /// 单位 / 法人或者其他组织.
    Organisation,
}

crate::vocabulary::labelled!(FineParty, "fine_party", "罚款对象", "fined party", {
    Individual => "individual", "个人", "individual";
    Organisation => "organisation", "单位", "organisation";
});

/// A fine range as the penalty basis sets it, both ends included (以上/以下 include
/// the number). A range whose amount is a multiple (倍) of something has no fixed
/// maximum: `max` null.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FineRange {
    /// Which party the range is for; absent: every party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<FineParty>,
    /// The statutory minimum (null: none).
    pub min: Option<Money>,
    /// The statutory maximum (null: no fixed maximum).
    pub max: Option<Money>,
}

impl ItemSpec {
    /// The fine range that applies to a party: the entry for that party, else the
    /// entry for every party. `None` when not recorded or not set.
    pub fn fine_range(&self, party: FineParty) -> Option<&FineRange> {
        let ranges = self.fine_ranges.as_deref()?;
        ranges
            .iter()
            .find(|r| r.party == Some(party))
            .or_else(|| ranges.iter().find(|r| r.party.is_none()))
    }
}

/// Delegation (赋权) or entrustment (委托).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantMode {
    /// 赋权: the town acts in its own name and answers for it (行政处罚法 Art. 24).
    Delegation,
    /// 委托: the town acts in the department's name; the department answers (Art. 20).
    Entrustment,
}

crate::vocabulary::labelled!(GrantMode, "grant_mode", "下放方式", "mode of devolution", {
    Delegation => "delegation", "赋权", "delegation";
    Entrustment => "entrustment", "委托", "entrustment";
});

/// Who receives a grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Grantee {
    /// Every town of a class (one list per class).
    Class(TownClass),
    /// Named towns.
    Towns(Vec<String>),
}

/// The document a grant rests on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantDocument {
    /// Document number.
    pub number: String,
    /// Chinese title.
    pub title_zh: String,
    /// English title.
    pub title_en: String,
}

/// What an entrustment agreement (委托协议) states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AgreementContents {
    /// 依据.
    pub basis: bool,
    /// 事项.
    pub items: bool,
    /// 权限.
    pub scope: bool,
    /// 期限.
    pub term: bool,
    /// 双方的权利与义务.
    pub rights_and_duties: bool,
    /// 应承担的责任.
    pub liabilities: bool,
}

/// The paperwork of an entrustment (Plan §1; 行政处罚法 Art. 20).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EntrustmentSpec {
    /// 司法局审核.
    pub justice_bureau_review: Option<Date>,
    /// 区政府批准.
    pub district_government_approval: Option<Date>,
    /// The entrustment's term (期限).
    pub term: Option<DateRange>,
    /// What the agreement states.
    pub agreement: AgreementContents,
    /// Whether the agreement lets the town entrust onward (forbidden).
    pub onward_entrustment: bool,
}

/// A delegation or entrustment of items to towns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantSpec {
    /// Stable id.
    pub id: String,
    /// Delegation or entrustment.
    pub mode: GrantMode,
    /// The department whose items these are.
    pub grantor: String,
    /// Who receives them.
    pub grantee: Grantee,
    /// Granted item codes.
    pub items: Vec<String>,
    /// The document.
    // Shared: many grants rest on one document (see `grants_sharing_documents`).
    pub document: Arc<GrantDocument>,
    /// Date signed.
    pub signed: Date,
    /// Date published (null = not published).
    pub published: Option<Date>,
    /// Date it takes effect.
    pub effective: Date,
    /// Date it was revoked (no longer in force from that day).
    pub revoked: Option<Date>,
    /// Delegation: date the acceptance confirmation (承接确认书) was signed.
    #[serde(default)]
    pub acceptance_confirmation: Option<Date>,
    /// Entrustment: its paperwork.
    #[serde(default)]
    pub entrustment: Option<EntrustmentSpec>,
}

/// A value in force from a date, with its citation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dated<T> {
    /// First day in force.
    pub from: Date,
    /// The value.
    pub value: T,
    /// Where it comes from.
    pub citation: CitationSpec,
}

/// Amounts that differ by party (Shandong's "large" amounts for hearings).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartyAmounts {
    /// A citizen, outside business activity.
    pub individual_non_business: Money,
    /// An organisation, outside business activity.
    pub organisation_non_business: Money,
    /// A citizen, in business activity.
    pub individual_business: Money,
    /// An organisation, in business activity.
    pub organisation_business: Money,
}

/// The sanction kinds of 行政处罚法 Art. 9 that a town-level case may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sanction {
    /// 警告.
    Warning,
    /// 通报批评.
    CirculatedCriticism,
    /// 罚款.
    Fine,
    /// 没收违法所得.
    ConfiscateIllegalGains,
    /// 没收非法财物.
    ConfiscateIllegalProperty,
    /// 暂扣许可证件.
    SuspendLicence,
    /// 降低资质等级.
    LowerQualificationGrade,
    /// 吊销许可证件.
    RevokeLicence,
    /// 限制开展生产经营活动.
    RestrictBusinessActivities,
    /// 责令停产停业.
    OrderSuspension,
    /// 责令关闭.
    OrderClosure,
    /// 限制从业.
    RestrictPractice,
}

crate::vocabulary::labelled!(Sanction, "sanction", "处罚种类", "kind of sanction", {
    Warning => "warning", "警告", "warning";
    CirculatedCriticism => "circulated_criticism", "通报批评", "circulated criticism";
    Fine => "fine", "罚款", "fine";
    ConfiscateIllegalGains => "confiscate_illegal_gains", "没收违法所得", "confiscation of illegal gains";
    ConfiscateIllegalProperty => "confiscate_illegal_property", "没收非法财物", "confiscation of illegal property";
    SuspendLicence => "suspend_licence", "暂扣许可证件", "suspension of a licence";
    LowerQualificationGrade => "lower_qualification_grade", "降低资质等级", "lowering of a qualification grade";
    RevokeLicence => "revoke_licence", "吊销许可证件", "revocation of a licence";
    RestrictBusinessActivities => "restrict_business_activities", "限制开展生产经营活动", "restriction of business activities";
    OrderSuspension => "order_suspension", "责令停产停业", "order to suspend production or business";
    OrderClosure => "order_closure", "责令关闭", "order of closure";
    RestrictPractice => "restrict_practice", "限制从业", "restriction of practice";
});

impl Sanction {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sanction::Warning => "warning",
            Sanction::CirculatedCriticism => "circulated_criticism",
            Sanction::Fine => "fine",
            Sanction::ConfiscateIllegalGains => "confiscate_illegal_gains",
            Sanction::ConfiscateIllegalProperty => "confiscate_illegal_property",
            Sanction::SuspendLicence => "suspend_licence",
            Sanction::LowerQualificationGrade => "lower_qualification_grade",
            Sanction::RevokeLicence => "revoke_licence",
            Sanction::RestrictBusinessActivities => "restrict_business_activities",
            Sanction::OrderSuspension => "order_suspension",
            Sanction::OrderClosure => "order_closure",
            Sanction::RestrictPractice => "restrict_practice",
        }
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Sanction::Warning => "警告",
            Sanction::CirculatedCriticism => "通报批评",
            Sanction::Fine => "罚款",
            Sanction::ConfiscateIllegalGains => "没收违法所得",
            Sanction::ConfiscateIllegalProperty => "没收非法财物",
            Sanction::SuspendLicence => "暂扣许可证件",
            Sanction::LowerQualificationGrade => "降低资质等级",
            Sanction::RevokeLicence => "吊销许可证件",
            Sanction::RestrictBusinessActivities => "限制开展生产经营活动",
            Sanction::OrderSuspension => "责令停产停业",
            Sanction::OrderClosure => "责令关闭",
            Sanction::RestrictPractice => "限制从业",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Sanction::Warning => "warning",
            Sanction::CirculatedCriticism => "circulated criticism",
            Sanction::Fine => "fine",
            Sanction::ConfiscateIllegalGains => "confiscation of illegal gains",
            Sanction::ConfiscateIllegalProperty => "confiscation of illegal property",
            Sanction::SuspendLicence => "licence suspension",
            Sanction::LowerQualificationGrade => "lowering of a qualification grade",
            Sanction::RevokeLicence => "licence revocation",
            Sanction::RestrictBusinessActivities => "restriction of business activities",
            Sanction::OrderSuspension => "order to suspend production or business",
            Sanction::OrderClosure => "order of closure",
            Sanction::RestrictPractice => "restriction of practice",
        }
    }
}

/// The rule set's dated parameters. Huancui's values are the defaults shipped in
/// `core/data/huancui-2024/ruleset.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// Sanctions that make a decision major (Plan §13).
    pub major_decision_sanctions: Vec<Dated<Vec<Sanction>>>,
    /// The fine from which (inclusive) a decision is major (Plan §13: 5万元以上).
    pub major_decision_fine: Vec<Dated<Money>>,
    /// Length of a delegation's transition period in months (Plan §12).
    pub transition_months: Vec<Dated<u32>>,
    /// The "large fine" that gives a right to a hearing (行政处罚法 Art. 63; set by the province).
    pub hearing_large_fine: Vec<Dated<PartyAmounts>>,
    /// Where the penalty basis sets a maximum: a fine of at least this share of that
    /// maximum (含) is large, but never below `hearing_large_fine_floor` (Shandong's
    /// standard; 行政处罚法 Art. 63). Optional: without a value in force (or without a
    /// floor in force) only `hearing_large_fine` applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hearing_large_fine_share_of_maximum: Vec<Dated<Ratio>>,
    /// The lowest "large fine", by party, under the share-of-maximum standard.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hearing_large_fine_floor: Vec<Dated<PartyAmounts>>,
    /// Sector standards of the "large fine" (从其规定): they apply, instead of the
    /// provincial standard, to decisions made in the name of the listed departments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hearing_large_fine_sectors: Vec<SectorLargeFine>,
    /// Whether an entrustment of a penalty carries the related inspections, with the
    /// basis the rule set relies on (read on the entrustment's effective day). Optional:
    /// absent, an entrustment carries nothing but what it lists (readings §6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entrustment_carries_inspections: Vec<Dated<bool>>,
    /// The "large confiscation" that gives a right to a hearing.
    pub hearing_large_confiscation: Vec<Dated<PartyAmounts>>,
    /// Minimum formal staff of a town's enforcement centre (Plan §3: 不少于15名). Optional:
    /// a staffing check without a value in force fails with `parameter.not_in_force`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub centre_min_formal_staff: Vec<Dated<u32>>,
    /// Minimum share of legal reviewers among enforcement staff (Plan §8: 不少于5%).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_reviewer_share: Vec<Dated<Ratio>>,
    /// Front-line years after which a cadre may / must be rotated (Plan §7: 满3年 / 满6年).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rotation_years: Vec<Dated<RotationYears>>,
    /// Minimum share of district enforcement strength seconded to towns (Plan §7: 90%以上).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub district_secondment_share: Vec<Dated<Ratio>>,
    /// The platform office's weekly meeting day and cut-off (Plan §11 fixes the
    /// rhythm, not the day). Optional: a decision needing it fails with `parameter.not_in_force`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platform_weekly_meeting: Vec<Dated<super::parameters::WeeklyMeeting>>,
    /// The platform's monthly joint meeting day, e.g. the last Thursday (Plan §11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platform_monthly_meeting: Vec<Dated<super::parameters::MonthlyMeeting>>,
    /// When the office director's quarterly report is due (Plan §11).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub platform_quarterly_report: Vec<Dated<super::parameters::QuarterlyReport>>,
    /// Thresholds of the supervision signals 违法不罚 / 有法不依 and of the
    /// take-back candidates (Plan §14, 四(四)). Optional: the `supervision`
    /// decision without a value in force fails with `parameter.not_in_force`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision_thresholds: Vec<Dated<super::parameters::Thresholds>>,
}

/// A sector's own "large fine" standard and the departments it binds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SectorLargeFine {
    /// Stable id, e.g. `market_regulation`.
    pub id: String,
    /// Department ids whose decisions the standard governs.
    pub departments: Vec<String>,
    /// The amounts, dated and cited.
    pub values: Vec<Dated<PartyAmounts>>,
}

/// An exact share as integers, e.g. 5/100. Comparisons are done by cross-multiplying;
/// no float is ever involved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ratio {
    /// Numerator.
    pub numerator: u32,
    /// Denominator (more than zero, and not less than the numerator).
    pub denominator: u32,
}

impl Ratio {
    /// The share as a person reads it: `90%` for 90/100, `5%` for 1/20, and
    /// `1/3` when it is no whole percentage (integers only).
    pub fn percent(&self) -> String {
        let (n, d) = (u64::from(self.numerator), u64::from(self.denominator));
        if d > 0 && (n * 100) % d == 0 {
            format!("{}%", n * 100 / d)
        } else {
            format!("{n}/{d}")
        }
    }
}

/// Rotation thresholds in whole years of front-line service (Plan §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RotationYears {
    /// From this many full years a cadre may be rotated (可适当进行交流).
    pub may: u32,
    /// From this many full years a cadre must be rotated (必须进行交流).
    pub must: u32,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn grants_read_from_json_share_equal_documents_and_write_back_the_same() {
        let mut doc = crate::Engine::embedded().unwrap().document().clone();
        let mut other = doc.grants[0].clone();
        other.id = "G-OTHER".into();
        other.document = Arc::new(GrantDocument {
            number: "另一号".into(),
            title_zh: "另一文件".into(),
            title_en: "Another document".into(),
        });
        let mut same = doc.grants[0].clone();
        same.id = "G-SAME".into();
        // Equal content, separate allocations: as serde builds them.
        same.document = Arc::new(GrantDocument::clone(&doc.grants[0].document));
        doc.grants.push(other);
        doc.grants.push(same);
        let text = serde_json::to_string(&doc).unwrap();
        let read: RuleSetDocument = serde_json::from_str(&text).unwrap();
        assert_eq!(read, doc);
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
        let n = read.grants.len();
        let first = &read.grants[0].document;
        assert!(Arc::ptr_eq(first, &read.grants[n - 1].document));
        assert!(!Arc::ptr_eq(first, &read.grants[n - 2].document));
        for g in &read.grants {
            let shared = read
                .grants
                .iter()
                .find(|h| h.document == g.document)
                .unwrap();
            assert!(Arc::ptr_eq(&g.document, &shared.document));
        }
    }

    #[test]
    fn grants_that_are_not_a_list_fail_as_before() {
        let mut value =
            serde_json::to_value(crate::Engine::embedded().unwrap().document()).unwrap();
        value["grants"] = serde_json::json!({"a": 1});
        let err = serde_json::from_value::<RuleSetDocument>(value).unwrap_err();
        assert_eq!(err.to_string(), "invalid type: map, expected a sequence");
    }
}
