//! `fuquan publish`: on a date, each town's 执法事项清单 (Plan §4: 事项名称、设立行使依据、
//! 处罚依据、裁量基准), each town's 巡查事项清单 (Plan §5) and the district summary,
//! as `.xlsx` formatted for printing, CSV (UTF-8 with BOM) and one static HTML page.
//!
//! What is on a town's list is what the engine's `coverage` decision finds for
//! the (town, item) on that day: delegated (also within the transition period,
//! marked), carried by a delegated penalty, entrusted, or an inspection carried
//! by an entrusted penalty.

// The coverage answer is read as serde_json::Value, whose `[]` returns Null for a
// missing key or index and never panics.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::Path;

use fuquan::ruleset::source::{ItemKind, TownKind};
use fuquan::time::Date;
use fuquan::{api, Engine};
use serde_json::{json, Value};

use crate::diag::{codes, OfficeError, Place, Severity};
use crate::sheets::{self, Table};
use crate::vocab;

/// Which files to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Formats {
    /// `.xlsx` workbooks.
    pub xlsx: bool,
    /// `.csv` files.
    pub csv: bool,
    /// `index.html`.
    pub html: bool,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            xlsx: true,
            csv: true,
            html: true,
        }
    }
}

/// One town's lists.
#[derive(Clone, Debug)]
pub struct TownLists {
    /// Town id.
    pub town: String,
    /// Chinese name.
    pub name_zh: String,
    /// 执法事项清单.
    pub enforcement: Table,
    /// 巡查事项清单.
    pub inspection: Table,
}

/// Everything published for a date.
#[derive(Clone, Debug)]
pub struct Publication {
    /// The date.
    pub date: Date,
    /// Per town, in the rule set's order.
    pub towns: Vec<TownLists>,
    /// The district summary.
    pub summary: Table,
}

const ON_LIST: [&str; 5] = [
    "delegated",
    "in_transition",
    "carried_by_delegation",
    "entrusted",
    "carried_by_entrustment",
];

/// The `coverage` answer for the one day `date`: who is competent for each item
/// and town, the ground both the lists and the catalogue rows stand on.
fn coverage_on(engine: &Engine, date: Date) -> Result<serde_json::Value, OfficeError> {
    let answer = api::call(
        engine,
        "coverage",
        json!({"from": date.to_string(), "to": date.to_string()}),
    );
    if answer["status"] != "ok" {
        return Err(OfficeError::single(Place::default().diag(
            codes::INVALID_RESULT,
            Severity::Error,
            "",
            format!("无法计算 {date} 的清单：{}", answer["errors"]),
            format!("cannot compute the lists of {date}: {}", answer["errors"]),
        )));
    }
    Ok(answer)
}

/// Builds the lists in force on `date`.
pub fn build(engine: &Engine, date: Date) -> Result<Publication, OfficeError> {
    let doc = engine.document();
    let answer = coverage_on(engine, date)?;
    // town → [(item, status, grant)]
    let mut by_town: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    if let Some(lines) = answer["timelines"].as_array() {
        for line in lines {
            let seg = &line["segments"][0];
            let status = seg["status"].as_str().unwrap_or("");
            if ON_LIST.contains(&status) {
                by_town
                    .entry(line["town"].as_str().unwrap_or("").to_owned())
                    .or_default()
                    .push((
                        line["item"].as_str().unwrap_or("").to_owned(),
                        status.to_owned(),
                        seg["grant"].as_str().unwrap_or("").to_owned(),
                    ));
            }
        }
    }
    let dept = |id: &str| {
        doc.departments
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| d.name_zh.clone())
    };
    let domain = |id: &str| {
        doc.domains
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_owned(), |d| d.name_zh.clone())
    };
    let plan = &doc.meta.plan;
    let mut towns = Vec::new();
    let mut summary_rows = Vec::new();
    for town in &doc.towns {
        // A management centre patrols for the town it hands cases to (Plan §13).
        let source = if town.kind == TownKind::ManagementCentre {
            town.hands_over_to.clone().unwrap_or_default()
        } else {
            town.id.clone()
        };
        let entries = by_town.get(&source).cloned().unwrap_or_default();
        let mut enforcement_rows = Vec::new();
        let mut inspection_rows = Vec::new();
        let (mut delegated, mut entrusted, mut transition) = (0usize, 0usize, 0usize);
        let mut kinds = [0usize; 3];
        for (code, status, grant_id) in &entries {
            let Some(item) = engine.item(code) else {
                continue;
            };
            let spec = &item.spec;
            let grant = doc.grants.iter().find(|g| &g.id == grant_id);
            let engine_grant = engine.grants().iter().find(|g| &g.id == grant_id);
            let mode = match status.as_str() {
                "entrusted" => "委托",
                "carried_by_entrustment" => "委托（随处罚事项）",
                "carried_by_delegation" => "赋权（随处罚事项）",
                _ => "赋权",
            };
            let mut remark = Vec::new();
            let counted = town.kind != TownKind::ManagementCentre;
            if status == "in_transition" && counted {
                transition += 1;
                if let Some(last) = engine_grant.and_then(|g| g.transition_last_day) {
                    remark.push(format!("过渡期至{last}，期间由原行使部门负责"));
                }
            }
            if status.starts_with("carried_by") {
                remark.push("随相关行政处罚事项一并承接".to_owned());
            }
            if status.contains("entrust") {
                entrusted += usize::from(counted);
                remark.push(format!("以{}名义实施", dept(&spec.department)));
            } else {
                delegated += usize::from(counted);
            }
            let k = match spec.kind {
                ItemKind::Penalty => 0,
                ItemKind::Inspection => 1,
                ItemKind::CompulsoryMeasure => 2,
            };
            if let Some(n) = kinds.get_mut(k).filter(|_| counted) {
                *n += 1;
            }
            let document = grant
                .map(|g| format!("{}《{}》", g.document.number, g.document.title_zh))
                .unwrap_or_default();
            let effective = grant.map(|g| g.effective.to_string()).unwrap_or_default();
            if town.kind != TownKind::ManagementCentre {
                enforcement_rows.push(vec![
                    String::new(),
                    spec.name_zh.clone(),
                    spec.code.clone(),
                    vocab::item_kind_zh(spec.kind).to_owned(),
                    domain(&spec.domain),
                    dept(&spec.department),
                    mode.to_owned(),
                    spec.establishing_basis.clone(),
                    spec.penalty_basis.clone().unwrap_or_default(),
                    spec.discretion_benchmark.clone().unwrap_or_default(),
                    document.clone(),
                    effective.clone(),
                    remark.join(";"),
                ]);
            }
            if spec.kind == ItemKind::Inspection {
                let note = if town.kind == TownKind::ManagementCentre {
                    let to = doc
                        .towns
                        .iter()
                        .find(|t| t.id == source)
                        .map_or(source.clone(), |t| t.name_zh.clone());
                    format!("日常巡查；发现清单内违法行为需立案查处的，移交{to}")
                } else {
                    "纳入综合查一次，同一监管对象各领域一次检查到位".to_owned()
                };
                inspection_rows.push(vec![
                    String::new(),
                    spec.name_zh.clone(),
                    spec.code.clone(),
                    domain(&spec.domain),
                    dept(&spec.department),
                    spec.establishing_basis.clone(),
                    mode.to_owned(),
                    note,
                ]);
            }
        }
        for rows in [&mut enforcement_rows, &mut inspection_rows] {
            for (i, r) in rows.iter_mut().enumerate() {
                if let Some(c) = r.first_mut() {
                    *c = (i + 1).to_string();
                }
            }
        }
        let sub = format!("依据{}（{}）截至{}", plan.short_zh, plan.number, date);
        let enforcement = Table {
            sheet: format!("{}执法事项清单", town.name_zh),
            title: Some(format!("{}执法事项清单", town.name_zh)),
            subtitle: Some(sub.clone()),
            headers: [
                "序号",
                "事项名称",
                "事项代码",
                "事项类型",
                "领域",
                "原行使部门",
                "承接方式",
                "设立依据",
                "处罚依据",
                "裁量基准",
                "赋权（委托）文件",
                "生效日期",
                "备注",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            widths: vec![
                6.0, 36.0, 10.0, 10.0, 10.0, 22.0, 10.0, 36.0, 36.0, 24.0, 30.0, 11.0, 24.0,
            ],
            rows: enforcement_rows,
        };
        let inspection = Table {
            sheet: format!("{}巡查事项清单", town.name_zh),
            title: Some(format!("{}巡查事项清单", town.name_zh)),
            subtitle: Some(sub),
            headers: [
                "序号",
                "巡查检查事项",
                "事项代码",
                "领域",
                "原行使部门",
                "检查依据",
                "承接方式",
                "备注",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            widths: vec![6.0, 40.0, 10.0, 12.0, 24.0, 40.0, 12.0, 36.0],
            rows: inspection_rows,
        };
        summary_rows.push(vec![
            (summary_rows.len() + 1).to_string(),
            town.name_zh.clone(),
            town.class.map_or_else(
                || vocab::town_kind_zh(town.kind).to_owned(),
                |c| vocab::town_class_zh(c).to_owned(),
            ),
            enforcement.rows.len().to_string(),
            delegated.to_string(),
            entrusted.to_string(),
            transition.to_string(),
            kinds[0].to_string(),
            kinds[1].to_string(),
            kinds[2].to_string(),
            inspection.rows.len().to_string(),
        ]);
        towns.push(TownLists {
            town: town.id.clone(),
            name_zh: town.name_zh.clone(),
            enforcement,
            inspection,
        });
    }
    let summary = Table {
        sheet: "全区汇总".into(),
        title: Some(format!("{}镇(街道)执法事项清单汇总", district_name(doc))),
        subtitle: Some(format!("截至{date}")),
        headers: [
            "序号",
            "镇(街道)",
            "类别",
            "执法事项数",
            "赋权",
            "委托",
            "过渡期内",
            "行政处罚",
            "行政检查",
            "行政强制措施",
            "巡查事项数",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        widths: vec![
            6.0, 22.0, 14.0, 10.0, 8.0, 8.0, 10.0, 10.0, 10.0, 12.0, 10.0,
        ],
        rows: summary_rows,
    };
    Ok(Publication {
        date,
        towns,
        summary,
    })
}

fn district_name(doc: &fuquan::ruleset::source::RuleSetDocument) -> String {
    doc.district
        .government
        .name_zh
        .trim_end_matches("人民政府")
        .to_owned()
}

/// The files of a publication: name → bytes.
pub fn files(p: &Publication, formats: Formats) -> Result<Vec<(String, Vec<u8>)>, OfficeError> {
    let mut out = Vec::new();
    let mut all = vec![p.summary.clone()];
    for t in &p.towns {
        // A management centre has no enforcement list of its own (Plan §13): only its patrol list.
        let lists: Vec<&Table> = if t.enforcement.rows.is_empty() && !t.inspection.rows.is_empty() {
            vec![&t.inspection]
        } else {
            vec![&t.enforcement, &t.inspection]
        };
        for table in lists {
            let base = table.title.clone().unwrap_or_else(|| table.sheet.clone());
            if formats.xlsx {
                out.push((
                    format!("{base}.xlsx"),
                    sheets::workbook_bytes(std::slice::from_ref(table))?,
                ));
            }
            if formats.csv {
                out.push((format!("{base}.csv"), sheets::csv_bytes(table)?));
            }
            all.push(table.clone());
        }
    }
    if formats.xlsx {
        out.push((
            "全区汇总.xlsx".into(),
            sheets::workbook_bytes(std::slice::from_ref(&p.summary))?,
        ));
    }
    if formats.csv {
        out.push(("全区汇总.csv".into(), sheets::csv_bytes(&p.summary)?));
    }
    if formats.html {
        let title = p.summary.title.clone().unwrap_or_default();
        out.push((
            "index.html".into(),
            sheets::html_page(&format!("{title}({})", p.date), &all).into_bytes(),
        ));
    }
    Ok(out)
}

/// Builds and writes the publication into `out` (a directory, written whole or not at all).
pub fn write(
    engine: &Engine,
    date: Date,
    out: &Path,
    formats: Formats,
    replace: bool,
) -> Result<Publication, OfficeError> {
    let p = build(engine, date)?;
    sheets::write_dir_atomically(out, &files(&p, formats)?, replace)?;
    Ok(p)
}

/// The summary as JSON (for `--json`).
pub fn summary_json(p: &Publication) -> Value {
    json!({
        "date": p.date.to_string(),
        "towns": p.towns.iter().map(|t| json!({
            "town": t.town, "name_zh": t.name_zh,
            "enforcement_items": t.enforcement.rows.len(),
            "inspection_items": t.inspection.rows.len(),
        })).collect::<Vec<_>>(),
    })
}

/// One (town, item) on the lists on a day: the catalogue as rows (for pandas).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueRow {
    /// Town id.
    pub town: String,
    /// Town name.
    pub town_zh: String,
    /// Item code.
    pub item: String,
    /// Item name.
    pub name_zh: String,
    /// `penalty`, `inspection` or `compulsory_measure`.
    pub kind: ItemKind,
    /// Domain id.
    pub domain: String,
    /// Original department id.
    pub department: String,
    /// `delegation` or `entrustment`.
    pub mode: fuquan::ruleset::source::GrantMode,
    /// The coverage status: `delegated`, `in_transition`, `carried_by_delegation`,
    /// `entrusted`, `carried_by_entrustment`.
    pub status: String,
    /// The grant's id.
    pub grant: String,
    /// The grant document's number.
    pub document: String,
    /// The grant's effective day.
    pub effective: Option<Date>,
    /// 设立依据.
    pub establishing_basis: String,
    /// 处罚依据.
    pub penalty_basis: Option<String>,
    /// 裁量基准.
    pub discretion_benchmark: Option<String>,
}

/// Every (town, item) on the lists on `date`, in the coverage decision's order.
pub fn catalogue_rows(engine: &Engine, date: Date) -> Result<Vec<CatalogueRow>, OfficeError> {
    use fuquan::ruleset::source::GrantMode;
    let doc = engine.document();
    let answer = coverage_on(engine, date)?;
    let mut rows = Vec::new();
    for line in answer["timelines"].as_array().into_iter().flatten() {
        let seg = &line["segments"][0];
        let status = seg["status"].as_str().unwrap_or("");
        if !ON_LIST.contains(&status) {
            continue;
        }
        let (town, code, grant_id) = (
            line["town"].as_str().unwrap_or(""),
            line["item"].as_str().unwrap_or(""),
            seg["grant"].as_str().unwrap_or(""),
        );
        let Some(item) = engine.item(code) else {
            continue;
        };
        let grant = doc.grants.iter().find(|g| g.id == grant_id);
        rows.push(CatalogueRow {
            town: town.to_owned(),
            town_zh: doc
                .towns
                .iter()
                .find(|t| t.id == town)
                .map(|t| t.name_zh.clone())
                .unwrap_or_default(),
            item: code.to_owned(),
            name_zh: item.spec.name_zh.clone(),
            kind: item.spec.kind,
            domain: item.spec.domain.clone(),
            department: item.spec.department.clone(),
            mode: if status.contains("entrust") {
                GrantMode::Entrustment
            } else {
                GrantMode::Delegation
            },
            status: status.to_owned(),
            grant: grant_id.to_owned(),
            document: grant.map(|g| g.document.number.clone()).unwrap_or_default(),
            effective: grant.map(|g| g.effective),
            establishing_basis: item.spec.establishing_basis.clone(),
            penalty_basis: item.spec.penalty_basis.clone(),
            discretion_benchmark: item.spec.discretion_benchmark.clone(),
        });
    }
    Ok(rows)
}
