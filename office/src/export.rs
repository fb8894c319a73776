//! A rule set's four lists as one workbook (事项, 赋权, 镇街, 部门) that
//! [`crate::import`] reads back into the same lists: the form a district edits.

use std::path::Path;

use fuquan::ruleset::source::{DepartmentKind, Grantee, PowerOf, RuleSetDocument};

use crate::columns::SCREENING_HEADERS;
use crate::diag::OfficeError;
use crate::import::screening_flags;
use crate::sheets::{self, Table};
use crate::text::yes_no_zh;
use crate::vocab;

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The four tables of the export workbook.
pub fn tables(doc: &RuleSetDocument) -> Vec<Table> {
    let dept_name = |id: &str| {
        doc.departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| d.name_zh.clone())
    };
    let domain_name = |id: &str| {
        doc.domains
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| d.name_zh.clone())
    };
    let town_name = |id: &str| {
        doc.towns
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_owned(), |t| t.name_zh.clone())
    };

    let mut item_headers: Vec<String> = [
        "事项代码",
        "事项名称",
        "英文名称",
        "事项类型",
        "领域",
        "原行使部门",
        "设定依据",
        "处罚依据",
        "裁量基准",
        "权力归属",
        "纳入指导目录",
        "罚款幅度",
        "关联事项",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    item_headers.extend(SCREENING_HEADERS.iter().map(|s| (*s).to_owned()));
    let mut item_widths = vec![
        10.0, 40.0, 30.0, 12.0, 12.0, 24.0, 40.0, 40.0, 24.0, 8.0, 8.0, 20.0, 16.0,
    ];
    item_widths.extend([8.0; 8]);
    let items = Table {
        sheet: "事项".into(),
        title: None,
        subtitle: None,
        headers: item_headers,
        widths: item_widths,
        rows: doc
            .items
            .iter()
            .map(|i| {
                let mut r = vec![
                    i.code.clone(),
                    i.name_zh.clone(),
                    i.name_en.clone(),
                    vocab::item_kind_zh(i.kind).to_owned(),
                    domain_name(&i.domain),
                    dept_name(&i.department),
                    i.establishing_basis.clone(),
                    opt(i.penalty_basis.as_ref()),
                    opt(i.discretion_benchmark.as_ref()),
                    if i.power_of == PowerOf::Government {
                        "政府"
                    } else {
                        "部门"
                    }
                    .to_owned(),
                    yes_no_zh(i.in_guiding_catalogue).to_owned(),
                    vocab::fine_ranges_text(i.fine_ranges.as_deref()),
                    i.related_items.join("、"),
                ];
                r.extend(
                    screening_flags(&i.screening)
                        .iter()
                        .map(|b| yes_no_zh(*b).to_owned()),
                );
                r
            })
            .collect(),
    };
    let grants = Table {
        sheet: "赋权".into(),
        title: None,
        subtitle: None,
        headers: [
            "赋权编号",
            "赋权方式",
            "赋权部门",
            "赋权对象",
            "事项代码",
            "文号",
            "文件标题",
            "英文标题",
            "签署日期",
            "公布日期",
            "生效日期",
            "撤销日期",
            "承接确认书签署日期",
            "司法局审核日期",
            "区政府批准日期",
            "委托期限",
            "协议内容",
            "允许再委托",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        widths: vec![
            16.0, 8.0, 24.0, 24.0, 30.0, 18.0, 36.0, 30.0, 12.0, 12.0, 12.0, 12.0, 12.0, 12.0,
            12.0, 24.0, 24.0, 8.0,
        ],
        rows: doc
            .grants
            .iter()
            .map(|g| {
                let e = g.entrustment.as_ref();
                vec![
                    g.id.clone(),
                    vocab::grant_mode_zh(g.mode).to_owned(),
                    dept_name(&g.grantor),
                    match &g.grantee {
                        Grantee::Class(c) => vocab::town_class_zh(*c).to_owned(),
                        Grantee::Towns(t) => t
                            .iter()
                            .map(|id| town_name(id))
                            .collect::<Vec<_>>()
                            .join("、"),
                    },
                    g.items.join("、"),
                    g.document.number.clone(),
                    g.document.title_zh.clone(),
                    g.document.title_en.clone(),
                    g.signed.to_string(),
                    opt(g.published),
                    g.effective.to_string(),
                    opt(g.revoked),
                    opt(g.acceptance_confirmation),
                    opt(e.and_then(|e| e.justice_bureau_review)),
                    opt(e.and_then(|e| e.district_government_approval)),
                    e.and_then(|e| e.term.as_ref())
                        .map(vocab::date_range_text)
                        .unwrap_or_default(),
                    e.map(|e| vocab::agreement_text(&e.agreement))
                        .unwrap_or_default(),
                    e.map(|e| yes_no_zh(e.onward_entrustment).to_owned())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    };
    let towns = Table {
        sheet: "镇街".into(),
        title: None,
        subtitle: None,
        headers: [
            "镇街编号",
            "镇街名称",
            "英文名称",
            "类型",
            "类别",
            "移交镇街",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        widths: vec![14.0, 20.0, 28.0, 14.0, 14.0, 14.0],
        rows: doc
            .towns
            .iter()
            .map(|t| {
                vec![
                    t.id.clone(),
                    t.name_zh.clone(),
                    t.name_en.clone(),
                    vocab::town_kind_zh(t.kind).to_owned(),
                    t.class.map_or("无", vocab::town_class_zh).to_owned(),
                    opt(t.hands_over_to.as_ref()),
                ]
            })
            .collect(),
    };
    let departments = Table {
        sheet: "部门".into(),
        title: None,
        subtitle: None,
        headers: [
            "部门编号",
            "部门名称",
            "英文名称",
            "部门类型",
            "设立部门编号",
            "设立部门名称",
            "设立部门英文名称",
            "市政府编号",
            "市政府名称",
            "市政府英文名称",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        widths: vec![22.0, 30.0, 40.0, 10.0, 16.0, 20.0, 30.0, 14.0, 16.0, 30.0],
        rows: doc
            .departments
            .iter()
            .map(|d| {
                let b = d.branch_of.as_ref();
                vec![
                    d.id.clone(),
                    d.name_zh.clone(),
                    d.name_en.clone(),
                    if d.kind == DepartmentKind::CityDepartmentBranch {
                        "派出机构"
                    } else {
                        "区级部门"
                    }
                    .to_owned(),
                    opt(b.map(|b| &b.department.id)),
                    opt(b.map(|b| &b.department.name_zh)),
                    opt(b.map(|b| &b.department.name_en)),
                    opt(b.map(|b| &b.city_government.id)),
                    opt(b.map(|b| &b.city_government.name_zh)),
                    opt(b.map(|b| &b.city_government.name_en)),
                ]
            })
            .collect(),
    };
    vec![items, grants, towns, departments]
}

/// The export workbook's bytes.
pub fn workbook_bytes(doc: &RuleSetDocument) -> Result<Vec<u8>, OfficeError> {
    sheets::workbook_bytes(&tables(doc))
}

/// Writes the export workbook to `path`.
pub fn write(doc: &RuleSetDocument, path: &Path) -> Result<(), OfficeError> {
    sheets::write_xlsx(&tables(doc), path)
}
