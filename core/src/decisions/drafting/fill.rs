//! What the clerk supplies (`fill`): what the engine cannot know. Every field
//! is optional; a missing one the template needs is a visible blank ＿＿＿＿
//! and is listed in the answer's `blanks`.

use serde::{Deserialize, Serialize};

use crate::time::Date;

/// The party (当事人). Which fields a document prints depends on the case's
/// `party`: a citizen's name, ID number, address and phone; an
/// organisation's name, credit code, legal representative and address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartyFill {
    /// 姓名 or 名称.
    #[serde(default)]
    pub name: Option<String>,
    /// 身份证件号码 (a citizen).
    #[serde(default)]
    pub id_number: Option<String>,
    /// 统一社会信用代码 (an organisation).
    #[serde(default)]
    pub credit_code: Option<String>,
    /// 法定代表人 (an organisation).
    #[serde(default)]
    pub legal_representative: Option<String>,
    /// 住址 or 地址.
    #[serde(default)]
    pub address: Option<String>,
    /// 联系电话.
    #[serde(default)]
    pub phone: Option<String>,
}

/// One item of the 涉案物品清单.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// 物品名称.
    pub name: String,
    /// 数量 (with its unit, as written).
    #[serde(default)]
    pub quantity: Option<String>,
    /// 备注.
    #[serde(default)]
    pub note: Option<String>,
}

/// One entry of the 移送材料清单.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// 材料名称.
    pub name: String,
    /// 页数.
    #[serde(default)]
    pub pages: Option<u32>,
}

/// A contact person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactFill {
    /// 联系人.
    #[serde(default)]
    pub name: Option<String>,
    /// 联系电话.
    #[serde(default)]
    pub phone: Option<String>,
}

/// What a document states about a body that the rule set does not hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BodyFill {
    /// 法定代表人 (负责人).
    #[serde(default)]
    pub legal_representative: Option<String>,
    /// 地址.
    #[serde(default)]
    pub address: Option<String>,
}

/// What each side says in a dispute (双方意见).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PositionsFill {
    /// The town's position.
    #[serde(default)]
    pub town: Option<String>,
    /// The department's position.
    #[serde(default)]
    pub department: Option<String>,
}

/// Which party submits a dispute to the next rung.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Submitter {
    /// The town or subdistrict.
    Town,
    /// The department.
    Department,
}

/// The clerk's fields. Unknown fields are refused (`input.unknown_field`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fill {
    /// 案号 or 文号.
    #[serde(default)]
    pub case_number: Option<String>,
    /// 当事人.
    #[serde(default)]
    pub party: PartyFill,
    /// 涉嫌违法行为 (or, for a designation or dispute, the facts of the case).
    #[serde(default)]
    pub facts: Option<String>,
    /// 案件调查情况.
    #[serde(default)]
    pub investigation: Option<String>,
    /// 涉案物品清单.
    #[serde(default)]
    pub evidence: Vec<EvidenceItem>,
    /// 移送材料清单.
    #[serde(default)]
    pub materials: Vec<Material>,
    /// 成文日期. Not defaulted: the engine does not know the day a document is
    /// signed (the 承接确认书 takes the rule set's `acceptance_confirmation`).
    #[serde(default)]
    pub date: Option<Date>,
    /// 联系人 and phone.
    #[serde(default)]
    pub contact: ContactFill,
    /// The granting department's representative and address (承接确认书, 委托协议).
    #[serde(default)]
    pub grantor: BodyFill,
    /// The town's representative and address (承接确认书, 委托协议).
    #[serde(default)]
    pub grantee: BodyFill,
    /// 司法局审核 date, where the rule set does not record it.
    #[serde(default)]
    pub review_date: Option<Date>,
    /// 区政府批准 date, where the rule set does not record it.
    #[serde(default)]
    pub approval_date: Option<Date>,
    /// The entrustment's first day, where the rule set does not record its term.
    #[serde(default)]
    pub term_from: Option<Date>,
    /// The entrustment's last day, where the rule set does not record its term.
    #[serde(default)]
    pub term_to: Option<Date>,
    /// Who submits a dispute (管辖争议提请书).
    #[serde(default)]
    pub submitted_by: Option<Submitter>,
    /// Each side's position in a dispute.
    #[serde(default)]
    pub positions: PositionsFill,
}

/// The label of each fill field a template may leave blank: `(path, zh, en)`.
/// A template asking for a field not listed here is a template error.
pub const FIELDS: &[(&str, &str, &str)] = &[
    ("case_number", "案号（文号）", "case or document number"),
    ("party.name", "当事人姓名或名称", "party's name"),
    ("party.id_number", "当事人身份证件号码", "party's ID number"),
    (
        "party.credit_code",
        "当事人统一社会信用代码",
        "party's unified social credit code",
    ),
    (
        "party.legal_representative",
        "当事人法定代表人",
        "party's legal representative",
    ),
    ("party.address", "当事人住址（地址）", "party's address"),
    ("party.phone", "当事人联系电话", "party's phone"),
    (
        "facts",
        "涉嫌违法行为（案件事实）",
        "the suspected violation (facts)",
    ),
    ("investigation", "案件调查情况", "the investigation so far"),
    ("evidence", "涉案物品清单", "list of items involved"),
    ("materials", "移送材料清单", "list of materials sent"),
    ("date", "成文日期", "date of the document"),
    ("contact.name", "联系人", "contact person"),
    ("contact.phone", "联系电话", "contact phone"),
    (
        "grantor.legal_representative",
        "部门法定代表人",
        "department's legal representative",
    ),
    ("grantor.address", "部门地址", "department's address"),
    (
        "grantee.legal_representative",
        "镇(街道)法定代表人",
        "town's legal representative",
    ),
    ("grantee.address", "镇(街道)地址", "town's address"),
    (
        "review_date",
        "司法局审核日期",
        "justice bureau review date",
    ),
    (
        "approval_date",
        "区政府批准日期",
        "district government approval date",
    ),
    (
        "term_from",
        "委托期限起始日",
        "first day of the entrustment",
    ),
    ("term_to", "委托期限届满日", "last day of the entrustment"),
    ("submitted_by", "提请单位", "submitting party"),
    ("positions.town", "镇(街道)意见", "the town's position"),
    (
        "positions.department",
        "部门意见",
        "the department's position",
    ),
];

/// The label of a fill field.
pub fn field(path: &str) -> Option<(&'static str, &'static str)> {
    FIELDS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, zh, en)| (*zh, *en))
}
