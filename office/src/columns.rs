//! Column headers: the fields a sheet can carry, their Chinese synonyms, and
//! finding the header row under title rows.

use std::collections::BTreeMap;

use crate::table::Sheet;
use crate::text;

/// What a sheet describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    /// Power items (事项清单), possibly with the towns they are granted to.
    Items,
    /// Grants (赋权/委托), one per row, naming item codes.
    Grants,
    /// Towns and subdistricts.
    Towns,
    /// Departments.
    Departments,
    /// A staffing roster (花名册).
    Roster,
    /// Labelled reports (已标注的诉求): what was said and the item it was filed
    /// under, the rule set's `intake_examples`.
    Reports,
}

/// A column's meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Field {
    // Items.
    Seq,
    Code,
    Name,
    NameEn,
    Kind,
    Domain,
    Department,
    Scope,
    Basis,
    EstablishingBasis,
    PenaltyBasis,
    Discretion,
    PowerOf,
    InCatalogue,
    FineRanges,
    RelatedItems,
    Screening(u8),
    Towns,
    Subject,
    Mode,
    Remark,
    // Grants (and grant columns of an item list).
    GrantId,
    ItemCodes,
    DocNumber,
    DocTitle,
    DocTitleEn,
    Signed,
    Published,
    Effective,
    Revoked,
    Acceptance,
    JusticeReview,
    GovApproval,
    Term,
    Agreement,
    Onward,
    // Towns.
    TownId,
    TownName,
    TownNameEn,
    TownKind,
    TownClass,
    HandsOverTo,
    // Departments.
    DeptId,
    DeptName,
    DeptNameEn,
    DeptKind,
    ParentId,
    ParentName,
    ParentNameEn,
    CityGovId,
    CityGovName,
    CityGovNameEn,
    // Roster.
    PersonId,
    PersonName,
    Establishment,
    Post,
    CentreStaff,
    Certificate,
    CertificateValidity,
    CertificateFrom,
    CertificateTo,
    LegalReviewer,
    LegalQualification,
    FirstTimeReviewer,
    SecondedFrom,
    SecondedSince,
    FrontLineSince,
    // Labelled reports.
    ReportText,
    ReportItem,
}

/// The eight Plan §1 screening columns, in the order of `Screening`'s fields.
pub const SCREENING_HEADERS: [&str; 8] = [
    "高频多发",
    "易发现易处置",
    "专业要求适宜",
    "与属地管理责任清单关联",
    "事关群众生产生活安全",
    "专业要求高",
    "执法难度大",
    "镇街暂无法承接",
];

/// The headers each field is known by, the first being the one fuquan writes.
/// Compared after removing spaces, width-folding and dropping `(…)` remarks.
pub fn synonyms(kind: SheetKind) -> Vec<(Field, &'static [&'static str])> {
    use Field::*;
    match kind {
        SheetKind::Items => vec![
            (Seq, &["序号", "编号顺序", "排序"]),
            (
                Code,
                &[
                    "事项代码",
                    "事项编码",
                    "代码",
                    "编码",
                    "事项编号",
                    "权力编码",
                    "基本编码",
                ],
            ),
            (
                Name,
                &[
                    "事项名称",
                    "赋权事项名称",
                    "委托事项名称",
                    "权力事项名称",
                    "职权名称",
                    "行政执法事项名称",
                    "执法事项名称",
                    "名称",
                    "项目名称",
                ],
            ),
            (NameEn, &["英文名称", "事项英文名称"]),
            (
                Kind,
                &[
                    "事项类型",
                    "权力类型",
                    "事项类别",
                    "职权类别",
                    "类型",
                    "类别",
                ],
            ),
            (Domain, &["领域", "执法领域", "所属领域", "行业领域"]),
            (
                Department,
                &[
                    "原行使部门",
                    "划出部门",
                    "原实施部门",
                    "承办部门",
                    "原执法部门",
                    "主管部门",
                    "行使部门",
                    "部门",
                ],
            ),
            (Scope, &["赋权范围", "委托范围", "下放范围", "范围"]),
            (
                Basis,
                &[
                    "执法依据",
                    "赋权事项的执法依据",
                    "实施依据",
                    "法律依据",
                    "依据",
                    "设立行使依据",
                ],
            ),
            (
                EstablishingBasis,
                &["设定依据", "设立依据", "行使依据", "设立依据(行使依据)"],
            ),
            (PenaltyBasis, &["处罚依据", "处罚条款"]),
            (Discretion, &["裁量基准", "自由裁量基准", "裁量标准"]),
            (PowerOf, &["权力归属"]),
            (
                InCatalogue,
                &["纳入指导目录", "是否纳入指导目录", "指导目录"],
            ),
            (FineRanges, &["罚款幅度", "罚款额度"]),
            (RelatedItems, &["关联事项", "相关检查强制事项"]),
            (Screening(0), &["高频多发"]),
            (Screening(1), &["易发现易处置"]),
            (Screening(2), &["专业要求适宜"]),
            (
                Screening(3),
                &["与属地管理责任清单关联", "与属地管理事项责任清单相关联"],
            ),
            (
                Screening(4),
                &["事关群众生产生活安全", "事关人民群众生产生活安全"],
            ),
            (Screening(5), &["专业要求高"]),
            (Screening(6), &["执法难度大"]),
            (Screening(7), &["镇街暂无法承接", "镇(街道)暂无法承接"]),
            (
                Towns,
                &[
                    "赋权街镇",
                    "赋权镇街",
                    "承接镇街",
                    "承接街镇",
                    "赋权对象",
                    "适用镇街",
                    "承接主体",
                    "镇街",
                ],
            ),
            (Subject, &["执法主体", "实施主体", "行使主体"]),
            (Mode, &["赋权方式", "方式", "下放方式", "承接方式"]),
            (
                DocNumber,
                &[
                    "文号",
                    "赋权文件文号",
                    "赋权文号",
                    "依据文件文号",
                    "赋权文件",
                ],
            ),
            (DocTitle, &["文件标题", "赋权文件名称", "文件名称"]),
            (
                Effective,
                &["生效日期", "施行日期", "赋权时间", "实施日期", "生效时间"],
            ),
            (Remark, &["备注", "说明"]),
        ],
        SheetKind::Grants => vec![
            (GrantId, &["赋权编号", "委托编号", "编号"]),
            (Mode, &["赋权方式", "方式"]),
            (
                Department,
                &["赋权部门", "委托部门", "原行使部门", "划出部门"],
            ),
            (Towns, &["赋权对象", "承接镇街", "赋权街镇", "赋权镇街"]),
            (ItemCodes, &["事项代码", "事项编码", "赋权事项代码"]),
            (DocNumber, &["文号", "赋权文件文号"]),
            (DocTitle, &["文件标题", "文件名称"]),
            (DocTitleEn, &["英文标题", "文件英文标题"]),
            (Signed, &["签署日期", "发文日期", "签发日期"]),
            (Published, &["公布日期", "公开日期"]),
            (Effective, &["生效日期", "施行日期"]),
            (Revoked, &["撤销日期", "收回日期", "废止日期"]),
            (Acceptance, &["承接确认书签署日期", "承接确认书日期"]),
            (JusticeReview, &["司法局审核日期"]),
            (GovApproval, &["区政府批准日期"]),
            (Term, &["委托期限"]),
            (Agreement, &["协议内容", "委托协议内容"]),
            (Onward, &["允许再委托"]),
            (Remark, &["备注"]),
        ],
        SheetKind::Towns => vec![
            (TownId, &["镇街编号", "编号"]),
            (TownName, &["镇街名称", "镇(街道)名称", "名称"]),
            (TownNameEn, &["英文名称"]),
            (TownKind, &["类型", "镇街类型"]),
            (TownClass, &["类别", "镇街类别", "清单类别"]),
            (HandsOverTo, &["移交镇街", "案件移交"]),
            (Remark, &["备注"]),
        ],
        SheetKind::Departments => vec![
            (DeptId, &["部门编号", "编号"]),
            (DeptName, &["部门名称", "名称"]),
            (DeptNameEn, &["英文名称"]),
            (DeptKind, &["部门类型", "类型"]),
            (ParentId, &["设立部门编号"]),
            (ParentName, &["设立部门名称", "设立部门"]),
            (ParentNameEn, &["设立部门英文名称"]),
            (CityGovId, &["市政府编号"]),
            (CityGovName, &["市政府名称"]),
            (CityGovNameEn, &["市政府英文名称"]),
            (Remark, &["备注"]),
        ],
        SheetKind::Reports => vec![
            (Seq, &["序号"]),
            (
                ReportText,
                &[
                    "诉求内容",
                    "来电内容",
                    "反映内容",
                    "问题描述",
                    "事件描述",
                    "诉求描述",
                    "工单内容",
                    "内容",
                ],
            ),
            (
                ReportItem,
                &[
                    "事项编码",
                    "事项代码",
                    "归口事项编码",
                    "所属事项编码",
                    "事项编号",
                    "编码",
                ],
            ),
            (Remark, &["备注"]),
        ],
        SheetKind::Roster => vec![
            (Seq, &["序号"]),
            (PersonId, &["人员编号", "编号", "工号"]),
            (PersonName, &["姓名"]),
            (Establishment, &["编制类型", "编制类别", "编制性质", "编制"]),
            (Post, &["岗位", "职务", "岗位职务"]),
            (
                CentreStaff,
                &["是否纳入中心", "纳入综合执法中心", "是否纳入综合执法中心"],
            ),
            (
                Certificate,
                &["执法证号", "执法证件号", "行政执法证号", "执法证编号"],
            ),
            (
                CertificateValidity,
                &["有效期", "执法证有效期", "证件有效期"],
            ),
            (CertificateFrom, &["有效期起", "发证日期"]),
            (CertificateTo, &["有效期至", "有效期止"]),
            (LegalReviewer, &["法制审核人员", "是否法制审核人员"]),
            (
                LegalQualification,
                &["法律职业资格", "是否具有法律职业资格"],
            ),
            (FirstTimeReviewer, &["初次从事法制审核", "首次从事法制审核"]),
            (SecondedFrom, &["下沉来源部门", "下沉部门", "派驻部门"]),
            (SecondedSince, &["下沉日期", "下沉时间"]),
            (
                FrontLineSince,
                &["到一线工作日", "到一线工作日期", "一线工作起始日"],
            ),
            (Remark, &["备注"]),
        ],
    }
}

/// A header as compared: width-folded, no spaces, no `(…)`/`（…）` remark, no `*` mark.
pub fn header_key(s: &str) -> String {
    let folded = text::code(s);
    let mut out = String::new();
    let mut depth = 0u32;
    for c in folded.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '*' | '＊' => {}
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A mapping file: extra header spellings, each to a header fuquan knows.
///
/// ```json
/// { "headers": { "职权事项": "事项名称", "牵头部门": "原行使部门" } }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Header as written in the sheet → a header of the built-in table.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// The sheet's header row and what each column means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// What the sheet describes.
    pub kind: SheetKind,
    /// Index of the header row in `Sheet::rows`.
    pub row_index: usize,
    /// Column → field (recognised columns only).
    pub columns: Vec<(usize, Field)>,
    /// Columns with a header that means nothing to the import: (column, header).
    pub unknown: Vec<(usize, String)>,
}

impl Header {
    /// The column of a field, if the sheet has it.
    pub fn col(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }
}

fn lookup(kind: SheetKind, key: &str, mapping: &Mapping) -> Option<Field> {
    let table = synonyms(kind);
    let find = |k: &str| {
        table
            .iter()
            .find(|(_, names)| names.iter().any(|n| header_key(n) == k))
            .map(|(f, _)| *f)
    };
    find(key).or_else(|| {
        mapping
            .headers
            .iter()
            .find(|(from, _)| header_key(from) == key)
            .and_then(|(_, to)| find(&header_key(to)))
    })
}

/// Finds the header row among the first 15 rows: the row with the most
/// recognised columns (at least two) for the sheet kinds given, preferring
/// earlier kinds on ties. Title rows above it are skipped by the caller.
pub fn find_header(sheet: &Sheet, kinds: &[SheetKind], mapping: &Mapping) -> Option<Header> {
    let mut best: Option<(usize, Header)> = None;
    for (i, row) in sheet.rows.iter().enumerate().take(15) {
        for &kind in kinds {
            let mut columns = Vec::new();
            let mut unknown = Vec::new();
            for (c, cell) in row.cells.iter().enumerate() {
                let key = header_key(cell);
                if key.is_empty() {
                    continue;
                }
                match lookup(kind, &key, mapping) {
                    Some(f) if !columns.iter().any(|(_, g)| *g == f) => columns.push((c, f)),
                    _ => unknown.push((c, text::clean(cell))),
                }
            }
            let score = columns
                .iter()
                .filter(|(_, f)| *f != Field::Seq && *f != Field::Remark)
                .count();
            let distinctive = match kind {
                SheetKind::Items => columns.iter().any(|(_, f)| *f == Field::Name),
                SheetKind::Grants => {
                    columns.iter().any(|(_, f)| *f == Field::ItemCodes)
                        && columns.iter().any(|(_, f)| *f == Field::GrantId)
                }
                SheetKind::Towns => columns.iter().any(|(_, f)| *f == Field::TownName),
                SheetKind::Departments => columns.iter().any(|(_, f)| *f == Field::DeptName),
                SheetKind::Roster => columns.iter().any(|(_, f)| *f == Field::PersonName),
                SheetKind::Reports => {
                    columns.iter().any(|(_, f)| *f == Field::ReportText)
                        && columns.iter().any(|(_, f)| *f == Field::ReportItem)
                }
            };
            if score < 2 || !distinctive {
                continue;
            }
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Header {
                        kind,
                        row_index: i,
                        columns,
                        unknown,
                    },
                ));
            }
        }
    }
    best.map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_drop_remarks_marks_and_widths() {
        assert_eq!(header_key(" 事项名称（必填）"), "事项名称");
        assert_eq!(header_key("*事项代码"), "事项代码");
        assert_eq!(header_key("设立依据(行使依据)"), "设立依据");
    }
}
