//! `fuquan import`: spreadsheets in, a rule-set document out, with a report that
//! places every row that did not become data.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use fuquan::ruleset::source::{
    BranchOf, DepartmentKind, DepartmentSpec, EntrustmentSpec, GrantDocument, GrantMode, GrantSpec,
    Grantee, ItemKind, ItemSpec, NamedBody, PowerOf, RuleSetDocument, Screening, TownSpec,
};
use fuquan::time::Date;
use serde::Serialize;

use crate::columns::{find_header, Field, Header, Mapping, SheetKind};
use crate::diag::{codes, OfficeError, Place, RowDiagnostic, Severity};
use crate::table::{self, Row, Sheet};
use crate::text;
use crate::vocab;

/// What the sheets do not say, given on the command line.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Extra header spellings.
    pub mapping: Mapping,
    /// The grant document for item lists without a 文号 column.
    pub document: Option<GrantDocument>,
    /// The effective day for item lists without a 生效日期 column.
    pub effective: Option<Date>,
    /// `meta.version` of the result (default: the base's).
    pub version: Option<String>,
    /// `meta.effective_from` of the result (default: the base's).
    pub effective_from: Option<Date>,
}

/// Counts for the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// Sheets read.
    pub sheets: usize,
    /// Rows that became data (an item, a grant, a town, a department).
    pub data_rows: usize,
    /// Rows skipped as blank, title or repeated header rows.
    pub skipped_rows: usize,
    /// Rows refused (at least one error diagnostic).
    pub refused_rows: usize,
    /// Items in the result.
    pub items: usize,
    /// Grants in the result.
    pub grants: usize,
    /// Towns in the result.
    pub towns: usize,
    /// Departments in the result.
    pub departments: usize,
}

/// The import's result: the document (when no row was refused) and the report.
#[derive(Clone, Debug, Serialize)]
pub struct ImportReport {
    /// Whether every row became data or was skipped on purpose and the result validates.
    pub ok: bool,
    /// Counts.
    pub counts: ImportCounts,
    /// Every diagnostic, in file, sheet and row order.
    pub diagnostics: Vec<RowDiagnostic>,
    /// `fuquan validate`'s diagnostics on the result.
    pub validation: Vec<fuquan::Diagnostic>,
    /// The rule set built (also when rows were refused: without them).
    #[serde(skip)]
    pub document: RuleSetDocument,
}

/// Reads files (each `.xlsx` with any number of sheets, or `.csv`) onto a base
/// rule set: sheets of items replace its items and grants; sheets of towns and
/// departments replace those lists; the rest (meta, district, domains,
/// parameters, calendar) is the base's.
pub fn import_files(
    paths: &[PathBuf],
    base: &RuleSetDocument,
    options: &ImportOptions,
) -> Result<ImportReport, OfficeError> {
    let mut sheets = Vec::new();
    let mut read_diags = Vec::new();
    for path in paths {
        let book = table::read(path)?;
        sheets.extend(book.sheets);
        read_diags.extend(book.diagnostics);
    }
    let mut report = import_sheets(&sheets, base, options)?;
    read_diags.extend(std::mem::take(&mut report.diagnostics));
    report.diagnostics = read_diags;
    report.ok = !report.diagnostics.iter().any(RowDiagnostic::is_error)
        && !report.validation.iter().any(fuquan::Diagnostic::is_error);
    Ok(report)
}

/// Imports already-read sheets (see [`import_files`]).
pub fn import_sheets(
    sheets: &[Sheet],
    base: &RuleSetDocument,
    options: &ImportOptions,
) -> Result<ImportReport, OfficeError> {
    let mut cx = Cx::new(base, options);
    let kinds = [
        SheetKind::Items,
        SheetKind::Grants,
        SheetKind::Towns,
        SheetKind::Departments,
    ];
    let mut found: Vec<(&Sheet, Header)> = Vec::new();
    for sheet in sheets {
        if sheet.rows.iter().all(Row::is_blank) {
            continue;
        }
        match find_header(sheet, &kinds, &options.mapping) {
            Some(h) => found.push((sheet, h)),
            None => cx.diags.push(sheet_place(sheet).diag(
                codes::NO_HEADER,
                Severity::Error,
                "",
                "前15行中没有可识别的表头（如「事项名称」「镇街名称」「部门名称」），整张表未导入；可用映射文件补充列名",
                "no recognisable header row in the first 15 rows (such as 事项名称, 镇街名称, 部门名称); the sheet was not imported: a mapping file can name the columns",
            )),
        }
    }
    cx.counts.sheets = found.len();
    // Departments and towns first: items and grants name them.
    for kind in [
        SheetKind::Departments,
        SheetKind::Towns,
        SheetKind::Items,
        SheetKind::Grants,
    ] {
        for (sheet, header) in found.iter().filter(|(_, h)| h.kind == kind) {
            cx.sheet(sheet, header);
        }
    }
    if !found.iter().any(|(_, h)| h.kind == SheetKind::Items) {
        return Err(table::no_sheet_of_kind(
            sheets,
            codes::MISSING_COLUMN,
            "没有事项清单表（表头含「事项名称」的工作表）",
            "no item list (a sheet whose header has 事项名称)",
        ));
    }
    Ok(cx.finish())
}

fn sheet_place(sheet: &Sheet) -> Place {
    Place {
        file: sheet.file.clone(),
        sheet: sheet.name.clone(),
        ..Place::default()
    }
}

/// A grant being gathered from item rows.
struct Gathering {
    mode: GrantMode,
    grantor: String,
    grantee: Grantee,
    document: GrantDocument,
    effective: Date,
    items: Vec<String>,
}

struct Cx<'a> {
    base: &'a RuleSetDocument,
    options: &'a ImportOptions,
    departments: Option<Vec<DepartmentSpec>>,
    towns: Option<Vec<TownSpec>>,
    items: Vec<ItemSpec>,
    item_index: HashMap<String, usize>,
    item_rows: HashMap<String, Place>,
    grants_explicit: Vec<GrantSpec>,
    gathered: Vec<Gathering>,
    diags: Vec<RowDiagnostic>,
    counts: ImportCounts,
    used_codes: BTreeSet<String>,
    /// Base items by their folded Chinese name.
    base_by_name: HashMap<String, usize>,
    /// Department cells already resolved.
    department_cache: HashMap<String, String>,
}

impl<'a> Cx<'a> {
    fn new(base: &'a RuleSetDocument, options: &'a ImportOptions) -> Cx<'a> {
        Cx {
            base,
            options,
            departments: None,
            towns: None,
            items: Vec::new(),
            item_index: HashMap::new(),
            item_rows: HashMap::new(),
            grants_explicit: Vec::new(),
            gathered: Vec::new(),
            diags: Vec::new(),
            counts: ImportCounts::default(),
            used_codes: base.items.iter().map(|i| i.code.clone()).collect(),
            base_by_name: base
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| (text::code(&item.name_zh), i))
                .collect(),
            department_cache: HashMap::new(),
        }
    }

    fn departments(&self) -> &[DepartmentSpec] {
        self.departments
            .as_deref()
            .unwrap_or(&self.base.departments)
    }

    fn towns(&self) -> &[TownSpec] {
        self.towns.as_deref().unwrap_or(&self.base.towns)
    }

    fn sheet(&mut self, sheet: &Sheet, header: &Header) {
        let place = sheet_place(sheet);
        let header_row = sheet.rows.get(header.row_index);
        let header_text = |c: usize| header_row.map_or(String::new(), |r| text::clean(r.cell(c)));
        for (c, h) in &header.unknown {
            if h.is_empty() {
                continue;
            }
            self.diags.push(place.at(*c, h).diag(
                codes::COLUMN_IGNORED,
                Severity::Info,
                h,
                format!("「{h}」列不是规则集的字段，未导入"),
                format!("column \"{h}\" is not a rule-set field and was not imported"),
            ));
        }
        for (c, f) in &header.columns {
            if matches!(f, Field::Scope | Field::Remark) {
                let h = header_text(*c);
                self.diags.push(place.at(*c, &h).diag(
                    codes::COLUMN_IGNORED,
                    Severity::Info,
                    &h,
                    format!("「{h}」列是说明文字，规则集没有对应字段，未导入"),
                    format!(
                        "column \"{h}\" is descriptive text with no rule-set field; not imported"
                    ),
                ));
            }
        }
        // Title rows above the header.
        for row in sheet.rows.iter().take(header.row_index) {
            if !row.is_blank() {
                self.counts.skipped_rows += 1;
                let title = row
                    .cells
                    .iter()
                    .map(|c| text::clean(c))
                    .find(|c| !c.is_empty())
                    .unwrap_or_default();
                self.diags.push(
                    Place {
                        row: row.number,
                        ..place.clone()
                    }
                    .diag(
                        codes::ROW_SKIPPED,
                        Severity::Info,
                        &title,
                        "表头上方的标题行，跳过",
                        "a title row above the header; skipped",
                    ),
                );
            }
        }
        let header_keys: Vec<String> = header_row
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| crate::columns::header_key(c))
                    .collect()
            })
            .unwrap_or_default();
        let sheet_notes = SheetNotes::default();
        let mut notes = sheet_notes;
        for row in sheet.rows.iter().skip(header.row_index + 1) {
            let rp = Place {
                row: row.number,
                ..place.clone()
            };
            if row.is_blank() {
                self.counts.skipped_rows += 1;
                self.diags.push(rp.diag(
                    codes::ROW_SKIPPED,
                    Severity::Info,
                    "",
                    "空行，跳过",
                    "a blank row; skipped",
                ));
                continue;
            }
            let keys: Vec<String> = row
                .cells
                .iter()
                .map(|c| crate::columns::header_key(c))
                .collect();
            if keys == header_keys {
                self.counts.skipped_rows += 1;
                self.diags.push(rp.diag(
                    codes::ROW_SKIPPED,
                    Severity::Info,
                    "",
                    "重复的表头行（分页打印时常见），跳过",
                    "a repeated header row (as printed pages repeat it); skipped",
                ));
                continue;
            }
            let r = RowReader {
                row,
                header,
                place: rp,
                header_text: &header_text,
            };
            let before = self.diags.len();
            let ok = match header.kind {
                SheetKind::Items => self.item_row(&r, &mut notes),
                SheetKind::Grants => self.grant_row(&r),
                SheetKind::Towns => self.town_row(&r),
                SheetKind::Departments => self.department_row(&r),
                SheetKind::Roster | SheetKind::Reports => false,
            };
            let refused = self
                .diags
                .get(before..)
                .is_some_and(|new| new.iter().any(RowDiagnostic::is_error));
            if ok && !refused {
                self.counts.data_rows += 1;
            } else {
                self.counts.refused_rows += 1;
            }
        }
        notes.flush(&place, &mut self.diags);
    }

    fn err(&mut self, r: &RowReader<'_>, field: Field, code: &'static str, zh: String, en: String) {
        let (p, cell) = r.at(field);
        self.diags
            .push(p.diag(code, Severity::Error, &cell, zh, en));
    }

    fn missing(&mut self, r: &RowReader<'_>, field: Field) {
        let (p, _) = r.at(field);
        let h = p.header.clone();
        self.diags.push(p.diag(
            codes::MISSING_REQUIRED,
            Severity::Error,
            "",
            format!("第{}行「{h}」为空", r.row.number),
            format!("row {}: \"{h}\" is empty", r.row.number),
        ));
    }

    fn department_id(&mut self, r: &RowReader<'_>, field: Field, value: &str) -> Option<String> {
        if let Some(id) = self.department_cache.get(value) {
            return Some(id.clone());
        }
        let key = text::name_key(value);
        let code = text::code(value);
        let found = self
            .departments()
            .iter()
            .find(|d| d.id == code || text::code(&d.name_zh) == code)
            .or_else(|| {
                self.departments()
                    .iter()
                    .find(|d| text::name_key(&d.name_zh) == key)
            })
            .map(|d| d.id.clone());
        match &found {
            Some(id) => {
                self.department_cache.insert(value.to_owned(), id.clone());
            }
            None => self.err(
                r,
                field,
                codes::UNKNOWN_DEPARTMENT,
                format!("第{}行：规则集中没有部门「{value}」（可在「部门」表中补充）", r.row.number),
                format!("row {}: the rule set has no department \"{value}\" (add it on a departments sheet)", r.row.number),
            ),
        }
        found
    }

    fn town_id(&self, value: &str) -> Option<String> {
        let code = text::code(value);
        let key = text::name_key(value);
        self.towns()
            .iter()
            .find(|t| t.id == code || text::code(&t.name_zh) == code)
            .or_else(|| {
                self.towns()
                    .iter()
                    .find(|t| text::name_key(&t.name_zh) == key)
            })
            .map(|t| t.id.clone())
    }

    /// A grantee cell: a class, "all towns", or town names.
    fn grantee(&mut self, r: &RowReader<'_>, field: Field, value: &str) -> Option<Grantee> {
        let v = text::code(value);
        if let Some(class) = vocab::town_class(&v) {
            return Some(Grantee::Class(class));
        }
        let all = [
            "全部镇街",
            "各镇街",
            "全区各镇街",
            "所有镇街",
            "各镇(街道)",
            "全部镇(街道)",
            "各镇、街道",
        ];
        let mut towns = Vec::new();
        if all.iter().any(|a| text::code(a) == v) {
            towns = self
                .towns()
                .iter()
                .filter(|t| t.class.is_some())
                .map(|t| t.id.clone())
                .collect();
        } else {
            for part in text::split_list(value) {
                match self.town_id(&part) {
                    Some(id) => {
                        if !towns.contains(&id) {
                            towns.push(id);
                        }
                    }
                    None => {
                        self.err(
                            r,
                            field,
                            codes::UNKNOWN_TOWN,
                            format!("第{}行：规则集中没有镇(街道)「{part}」", r.row.number),
                            format!(
                                "row {}: the rule set has no town or subdistrict \"{part}\"",
                                r.row.number
                            ),
                        );
                        return None;
                    }
                }
            }
        }
        if towns.is_empty() {
            return None;
        }
        Some(Grantee::Towns(towns))
    }

    fn date(&mut self, r: &RowReader<'_>, field: Field) -> Option<Option<Date>> {
        let v = r.get(field);
        if v.is_empty() {
            return Some(None);
        }
        match text::date(&v) {
            Some(d) => Some(Some(d)),
            None => {
                let h = r.at(field).0.header;
                self.err(
                    r,
                    field,
                    codes::BAD_DATE,
                    format!("第{}行「{h}」不是日期：「{v}」（可写 2024-05-15、2024年5月15日 或 2024.5.15）", r.row.number),
                    format!("row {}: \"{h}\" is not a date: \"{v}\" (write 2024-05-15, 2024年5月15日 or 2024.5.15)", r.row.number),
                );
                None
            }
        }
    }

    fn yes_no(&mut self, r: &RowReader<'_>, field: Field, default: bool) -> bool {
        if r.col(field).is_none() {
            return default;
        }
        let v = r.get(field);
        match text::yes_no(&v) {
            Some(b) => b,
            None => {
                let h = r.at(field).0.header;
                self.err(
                    r,
                    field,
                    codes::BAD_BOOL,
                    format!(
                        "第{}行「{h}」应为「是」或「否」，而不是「{v}」",
                        r.row.number
                    ),
                    format!(
                        "row {}: \"{h}\" must be 是 (yes) or 否 (no), not \"{v}\"",
                        r.row.number
                    ),
                );
                default
            }
        }
    }

    fn item_row(&mut self, r: &RowReader<'_>, notes: &mut SheetNotes) -> bool {
        let name = r.get(Field::Name);
        if name.is_empty() {
            self.missing(r, Field::Name);
            return false;
        }
        let base_item = self
            .base_by_name
            .get(&text::code(&name))
            .and_then(|&i| self.base.items.get(i));
        // Code.
        let code = match r.col(Field::Code) {
            Some(_) => {
                let c = text::code(&r.get(Field::Code));
                if c.is_empty() {
                    self.missing(r, Field::Code);
                    return false;
                }
                c
            }
            None => match base_item {
                Some(b) => {
                    notes.code_from_base += 1;
                    b.code.clone()
                }
                None => String::new(),
            },
        };
        // Department.
        let department = match r.col(Field::Department) {
            Some(_) => {
                let v = r.get(Field::Department);
                if v.is_empty() {
                    self.missing(r, Field::Department);
                    return false;
                }
                match self.department_id(r, Field::Department, &v) {
                    Some(d) => d,
                    None => return false,
                }
            }
            None => match base_item {
                Some(b) => b.department.clone(),
                None => {
                    self.err(
                        r,
                        Field::Name,
                        codes::MISSING_REQUIRED,
                        format!("第{}行：表中没有「原行使部门」列，基础规则集中也没有同名事项「{name}」", r.row.number),
                        format!("row {}: the sheet has no 原行使部门 column and the base rule set no item named \"{name}\"", r.row.number),
                    );
                    return false;
                }
            },
        };
        // Kind.
        let kind = match r.col(Field::Kind) {
            Some(_) if !r.get(Field::Kind).is_empty() => {
                let v = r.get(Field::Kind);
                match vocab::item_kind(&v) {
                    Some(k) => k,
                    None => {
                        self.err(
                            r,
                            Field::Kind,
                            codes::BAD_VALUE,
                            format!("第{}行「事项类型」应为行政处罚、行政检查或行政强制措施，而不是「{v}」", r.row.number),
                            format!("row {}: the kind must be 行政处罚, 行政检查 or 行政强制措施, not \"{v}\"", r.row.number),
                        );
                        return false;
                    }
                }
            }
            _ => match base_item
                .map(|b| b.kind)
                .or_else(|| vocab::kind_from_name(&name))
            {
                Some(k) => k,
                None => {
                    self.err(
                        r,
                        Field::Name,
                        codes::UNKNOWN_KIND,
                        format!("第{}行：无法从事项名称「{name}」看出是处罚、检查还是强制措施，请填写「事项类型」", r.row.number),
                        format!("row {}: the name \"{name}\" does not say whether it is a penalty, inspection or compulsory measure; fill in the kind", r.row.number),
                    );
                    return false;
                }
            },
        };
        // Domain.
        let domain = match r.col(Field::Domain) {
            Some(_) if !r.get(Field::Domain).is_empty() => {
                let v = r.get(Field::Domain);
                let c = text::code(&v);
                match self
                    .base
                    .domains
                    .iter()
                    .find(|d| d.id == c || text::code(&d.name_zh) == c)
                {
                    Some(d) => d.id.clone(),
                    None => {
                        self.err(
                            r,
                            Field::Domain,
                            codes::UNKNOWN_DOMAIN,
                            format!("第{}行：规则集中没有领域「{v}」", r.row.number),
                            format!("row {}: the rule set has no domain \"{v}\"", r.row.number),
                        );
                        return false;
                    }
                }
            }
            _ => match base_item
                .map(|b| b.domain.clone())
                .or_else(|| department_domain(self.base, &department))
            {
                Some(d) => d,
                None => {
                    self.err(
                        r,
                        Field::Department,
                        codes::UNKNOWN_DOMAIN,
                        format!("第{}行：没有「领域」列，也无法从原行使部门推断领域", r.row.number),
                        format!("row {}: no domain column, and none can be inferred from the department", r.row.number),
                    );
                    return false;
                }
            },
        };
        // Bases.
        let combined = r.get(Field::Basis);
        let (mut establishing, mut penalty) =
            (r.get(Field::EstablishingBasis), r.get(Field::PenaltyBasis));
        if r.col(Field::EstablishingBasis).is_none() && r.col(Field::Basis).is_some() {
            let (e, p) = split_basis(&combined);
            establishing = e;
            if r.col(Field::PenaltyBasis).is_none() {
                penalty = p.unwrap_or_default();
                if penalty.is_empty() && kind == ItemKind::Penalty {
                    penalty = establishing.clone();
                    notes.basis_copied += 1;
                }
            }
        }
        if establishing.is_empty() {
            let f = if r.col(Field::EstablishingBasis).is_some() {
                Field::EstablishingBasis
            } else {
                Field::Basis
            };
            if r.col(f).is_some() {
                self.missing(r, f);
                return false;
            }
            match base_item {
                Some(b) => establishing = b.establishing_basis.clone(),
                None => {
                    self.err(
                        r,
                        Field::Name,
                        codes::MISSING_REQUIRED,
                        format!("第{}行：表中没有依据列（设定依据/执法依据）", r.row.number),
                        format!(
                            "row {}: the sheet has no basis column (设定依据 / 执法依据)",
                            r.row.number
                        ),
                    );
                    return false;
                }
            }
        }
        let penalty_basis = if kind == ItemKind::Penalty {
            if penalty.is_empty() {
                if r.col(Field::PenaltyBasis).is_some() {
                    self.missing(r, Field::PenaltyBasis);
                    return false;
                }
                base_item.and_then(|b| b.penalty_basis.clone())
            } else {
                Some(penalty)
            }
        } else if penalty.is_empty() {
            None
        } else {
            Some(penalty)
        };
        let discretion = match r.col(Field::Discretion) {
            Some(_) => Some(r.get(Field::Discretion)).filter(|s| !s.is_empty()),
            None => base_item.and_then(|b| b.discretion_benchmark.clone()),
        };
        let mut screening = base_item.map_or(SCREENING_NONE, |b| b.screening);
        for i in 0..8u8 {
            if r.col(Field::Screening(i)).is_some() {
                let v = self.yes_no(r, Field::Screening(i), false);
                set_screening(&mut screening, i, v);
            }
        }
        let mode = match r.col(Field::Mode) {
            Some(_) if !r.get(Field::Mode).is_empty() => {
                let v = r.get(Field::Mode);
                match vocab::grant_mode(&v) {
                    Some(m) => m,
                    None => {
                        self.err(r, Field::Mode, codes::BAD_VALUE,
                            format!("第{}行「赋权方式」应为赋权或委托，而不是「{v}」", r.row.number),
                            format!("row {}: the mode must be 赋权 (delegation) or 委托 (entrustment), not \"{v}\"", r.row.number));
                        return false;
                    }
                }
            }
            _ => GrantMode::Delegation,
        };
        let in_catalogue = match r.col(Field::InCatalogue) {
            Some(_) => self.yes_no(r, Field::InCatalogue, false),
            None => match base_item {
                Some(b) => b.in_guiding_catalogue,
                None => {
                    notes.catalogue_assumed += 1;
                    mode == GrantMode::Delegation
                }
            },
        };
        let power_of = match r.col(Field::PowerOf) {
            Some(_) if text::clean(&r.get(Field::PowerOf)) == "政府" => PowerOf::Government,
            Some(_) => PowerOf::Department,
            None => base_item.map_or(PowerOf::Department, |b| b.power_of),
        };
        let fine_ranges = match r.col(Field::FineRanges) {
            Some(_) => match vocab::fine_ranges(&r.get(Field::FineRanges)) {
                Ok(f) => f,
                Err(()) => {
                    let v = r.get(Field::FineRanges);
                    self.err(r, Field::FineRanges, codes::BAD_VALUE,
                        format!("第{}行「罚款幅度」无法读取：「{v}」（写法如「个人：200~2000；单位：10000~」或「不罚款」）", r.row.number),
                        format!("row {}: the fine ranges cannot be read: \"{v}\" (write e.g. 个人:200~2000;单位:10000~ or 不罚款)", r.row.number));
                    return false;
                }
            },
            None => base_item.and_then(|b| b.fine_ranges.clone()),
        };
        let related_items = match r.col(Field::RelatedItems) {
            Some(_) => text::split_list(&r.get(Field::RelatedItems))
                .iter()
                .map(|c| text::code(c))
                .collect(),
            None => base_item
                .map(|b| b.related_items.clone())
                .unwrap_or_default(),
        };
        let name_en = match r.col(Field::NameEn) {
            Some(_) => r.get(Field::NameEn),
            None => base_item.map(|b| b.name_en.clone()).unwrap_or_default(),
        };
        let code = if code.is_empty() {
            self.new_code(&department, kind)
        } else {
            code
        };
        let item = ItemSpec {
            code: code.clone(),
            name_zh: text::clean(&name),
            name_en,
            kind,
            domain,
            department: department.clone(),
            establishing_basis: establishing,
            penalty_basis,
            discretion_benchmark: discretion,
            power_of,
            in_guiding_catalogue: in_catalogue,
            fine_ranges,
            related_items,
            screening,
            // Published lists carry no everyday words: the base rule set's stay.
            everyday_words: base_item
                .map(|b| b.everyday_words.clone())
                .unwrap_or_default(),
        };
        // A grant, when the row names towns (or the sheet's subject): read before
        // anything is kept, so that a refused row leaves no item behind.
        let mut pending: Option<Gathering> = None;
        let towns_field = if r.col(Field::Towns).is_some() {
            Some(Field::Towns)
        } else if r.col(Field::Subject).is_some() {
            Some(Field::Subject)
        } else {
            None
        };
        if let Some(f) = towns_field {
            let v = r.get(f);
            if v.is_empty() {
                self.missing(r, f);
                return false;
            }
            let Some(grantee) = self.grantee(r, f, &v) else {
                return false;
            };
            let document = if r.col(Field::DocNumber).is_some()
                && !r.get(Field::DocNumber).is_empty()
            {
                let number = text::document_number(&r.get(Field::DocNumber));
                let title = r.get(Field::DocTitle);
                let known = self
                    .base
                    .grants
                    .iter()
                    .map(|g| g.document.as_ref())
                    .find(|d| d.number == number);
                GrantDocument {
                    title_zh: if title.is_empty() {
                        known.map_or_else(|| number.clone(), |d| d.title_zh.clone())
                    } else {
                        title
                    },
                    title_en: known
                        .map_or_else(|| format!("Document {number}"), |d| d.title_en.clone()),
                    number,
                }
            } else if let Some(d) = &self.options.document {
                notes.document_from_options += 1;
                d.clone()
            } else {
                self.err(r, Field::DocNumber, codes::MISSING_COLUMN,
                    format!("第{}行：没有「文号」（表中无此列或为空，命令行也未给出 --document）", r.row.number),
                    format!("row {}: no document number (no 文号 column or an empty cell, and no --document given)", r.row.number));
                return false;
            };
            let effective = match r.col(Field::Effective) {
                Some(_) if !r.get(Field::Effective).is_empty() => {
                    match self.date(r, Field::Effective) {
                        Some(Some(d)) => d,
                        _ => return false,
                    }
                }
                _ => match self.options.effective {
                    Some(d) => {
                        notes.effective_from_options += 1;
                        d
                    }
                    None => {
                        self.err(r, Field::Effective, codes::MISSING_COLUMN,
                            format!("第{}行：没有「生效日期」（表中无此列或为空，命令行也未给出 --effective）", r.row.number),
                            format!("row {}: no effective date (no 生效日期 column or an empty cell, and no --effective given)", r.row.number));
                        return false;
                    }
                },
            };
            pending = Some(Gathering {
                mode,
                grantor: department.clone(),
                grantee,
                document,
                effective,
                items: vec![code.clone()],
            });
        }
        match self.item_index.get(&code) {
            Some(&i) => {
                if self.items.get(i) != Some(&item) {
                    let first = self
                        .item_rows
                        .get(&code)
                        .map(|p| p.place_zh_short())
                        .unwrap_or_default();
                    let (p, cell) = r.at(Field::Name);
                    let same_name = self.items.get(i).is_some_and(|x| x.name_zh == item.name_zh);
                    let (code_, sev) = if same_name {
                        (codes::CONFLICTING_ROW, Severity::Warning)
                    } else {
                        (codes::DUPLICATE, Severity::Error)
                    };
                    self.diags.push(p.diag(code_, sev, &cell,
                        if same_name { format!("第{}行：事项「{}」已在{first}读入，内容不同，保留先读入的", r.row.number, item.name_zh) } else { format!("第{}行：事项代码「{code}」已在{first}用于另一事项", r.row.number) },
                        if same_name { format!("row {}: item \"{}\" was already read at {first} with different content; the first is kept", r.row.number, item.name_zh) } else { format!("row {}: code \"{code}\" is already used at {first} by another item", r.row.number) }));
                    if !same_name {
                        return false;
                    }
                }
            }
            None => {
                self.item_index.insert(code.clone(), self.items.len());
                self.item_rows.insert(code.clone(), r.place.clone());
                self.items.push(item);
            }
        }
        if let Some(p) = pending {
            match self.gathered.iter_mut().find(|g| {
                g.mode == p.mode
                    && g.grantor == p.grantor
                    && g.grantee == p.grantee
                    && g.document == p.document
                    && g.effective == p.effective
            }) {
                Some(g) => {
                    if !g.items.contains(&code) {
                        g.items.push(code);
                    }
                }
                None => self.gathered.push(p),
            }
        }
        true
    }

    fn new_code(&mut self, department: &str, kind: ItemKind) -> String {
        let prefix = self
            .base
            .items
            .iter()
            .find(|i| i.department == department)
            .and_then(|i| i.code.split_once('-').map(|(p, _)| p.to_owned()))
            .unwrap_or_else(|| "IMP".to_owned());
        let letter = match kind {
            ItemKind::Penalty => 'P',
            ItemKind::Inspection => 'I',
            ItemKind::CompulsoryMeasure => 'C',
        };
        let mut n = 901u32;
        loop {
            let c = format!("{prefix}-{letter}{n:03}");
            if !self.used_codes.contains(&c) && !self.item_index.contains_key(&c) {
                self.used_codes.insert(c.clone());
                return c;
            }
            n += 1;
        }
    }

    fn grant_row(&mut self, r: &RowReader<'_>) -> bool {
        let id = text::code(&r.get(Field::GrantId));
        if id.is_empty() {
            self.missing(r, Field::GrantId);
            return false;
        }
        if self.grants_explicit.iter().any(|g| g.id == id) {
            self.err(
                r,
                Field::GrantId,
                codes::DUPLICATE,
                format!("第{}行：赋权编号「{id}」重复", r.row.number),
                format!("row {}: grant id \"{id}\" is repeated", r.row.number),
            );
            return false;
        }
        let mode_text = r.get(Field::Mode);
        let Some(mode) = vocab::grant_mode(&mode_text) else {
            self.err(
                r,
                Field::Mode,
                codes::BAD_VALUE,
                format!(
                    "第{}行「赋权方式」应为赋权或委托，而不是「{mode_text}」",
                    r.row.number
                ),
                format!(
                    "row {}: the mode must be 赋权 or 委托, not \"{mode_text}\"",
                    r.row.number
                ),
            );
            return false;
        };
        let dept = r.get(Field::Department);
        if dept.is_empty() {
            self.missing(r, Field::Department);
            return false;
        }
        let Some(grantor) = self.department_id(r, Field::Department, &dept) else {
            return false;
        };
        let towns = r.get(Field::Towns);
        if towns.is_empty() {
            self.missing(r, Field::Towns);
            return false;
        }
        let Some(grantee) = self.grantee(r, Field::Towns, &towns) else {
            return false;
        };
        let items: Vec<String> = text::split_list(&r.get(Field::ItemCodes))
            .iter()
            .map(|c| text::code(c))
            .collect();
        let number = text::document_number(&r.get(Field::DocNumber));
        if number.is_empty() {
            self.missing(r, Field::DocNumber);
            return false;
        }
        let mut ok = true;
        let mut date = |cx: &mut Cx<'_>, f: Field| match cx.date(r, f) {
            Some(d) => d,
            None => {
                ok = false;
                None
            }
        };
        let signed = date(self, Field::Signed);
        let published = date(self, Field::Published);
        let effective = date(self, Field::Effective);
        let revoked = date(self, Field::Revoked);
        let acceptance = date(self, Field::Acceptance);
        let justice = date(self, Field::JusticeReview);
        let approval = date(self, Field::GovApproval);
        if !ok {
            return false;
        }
        let (Some(signed), Some(effective)) = (signed, effective) else {
            if signed.is_none() {
                self.missing(r, Field::Signed);
            }
            if effective.is_none() {
                self.missing(r, Field::Effective);
            }
            return false;
        };
        let term_text = r.get(Field::Term);
        let term = if term_text.is_empty() {
            None
        } else {
            match vocab::date_range(&term_text) {
                Some(t) => Some(t),
                None => {
                    self.err(r, Field::Term, codes::BAD_DATE, format!("第{}行「委托期限」应写作「2024-05-15至2027-05-14」，而不是「{term_text}」", r.row.number), format!("row {}: the term must read 2024-05-15至2027-05-14, not \"{term_text}\"", r.row.number));
                    return false;
                }
            }
        };
        let agreement_text = r.get(Field::Agreement);
        let onward = self.yes_no(r, Field::Onward, false);
        let entrustment = if agreement_text.is_empty() {
            None
        } else {
            match vocab::agreement(&agreement_text) {
                Some(agreement) => Some(EntrustmentSpec {
                    justice_bureau_review: justice,
                    district_government_approval: approval,
                    term,
                    agreement,
                    onward_entrustment: onward,
                }),
                None => {
                    self.err(r, Field::Agreement, codes::BAD_VALUE, format!("第{}行「协议内容」无法读取：「{agreement_text}」（写法如「依据、事项、权限、期限、权利义务、责任」或「无」）", r.row.number), format!("row {}: the agreement contents cannot be read: \"{agreement_text}\"", r.row.number));
                    return false;
                }
            }
        };
        self.grants_explicit.push(GrantSpec {
            id,
            mode,
            grantor,
            grantee,
            items,
            document: Arc::new(GrantDocument {
                number,
                title_zh: r.get(Field::DocTitle),
                title_en: r.get(Field::DocTitleEn),
            }),
            signed,
            published,
            effective,
            revoked,
            acceptance_confirmation: acceptance,
            entrustment,
        });
        true
    }

    fn town_row(&mut self, r: &RowReader<'_>) -> bool {
        let name = r.get(Field::TownName);
        if name.is_empty() {
            self.missing(r, Field::TownName);
            return false;
        }
        let known = self
            .base
            .towns
            .iter()
            .find(|t| text::name_key(&t.name_zh) == text::name_key(&name));
        let id = match text::code(&r.get(Field::TownId)) {
            s if !s.is_empty() => s,
            _ => match known {
                Some(t) => t.id.clone(),
                None => {
                    self.missing(r, Field::TownId);
                    return false;
                }
            },
        };
        let kind_text = r.get(Field::TownKind);
        let kind = if kind_text.is_empty() {
            known
                .map(|t| t.kind)
                .or_else(|| vocab::town_kind_from_name(&name))
        } else {
            vocab::town_kind(&kind_text)
        };
        let Some(kind) = kind else {
            self.err(
                r,
                Field::TownKind,
                codes::BAD_VALUE,
                format!(
                    "第{}行「类型」应为镇、街道或管理服务中心，而不是「{kind_text}」",
                    r.row.number
                ),
                format!(
                    "row {}: the kind must be 镇, 街道 or 管理服务中心, not \"{kind_text}\"",
                    r.row.number
                ),
            );
            return false;
        };
        let class_text = r.get(Field::TownClass);
        let class = if class_text.is_empty() || text::clean(&class_text) == "无" {
            if r.col(Field::TownClass).is_none() {
                known.and_then(|t| t.class)
            } else {
                None
            }
        } else {
            match vocab::town_class(&text::code(&class_text)) {
                Some(c) => Some(c),
                None => {
                    self.err(r, Field::TownClass, codes::BAD_VALUE, format!("第{}行「类别」应为经济发达镇、重点产业镇或主城区街道，而不是「{class_text}」", r.row.number), format!("row {}: the class must be 经济发达镇, 重点产业镇 or 主城区街道, not \"{class_text}\"", r.row.number));
                    return false;
                }
            }
        };
        let hands = r.get(Field::HandsOverTo);
        let hands_over_to = if hands.is_empty() {
            if r.col(Field::HandsOverTo).is_none() {
                known.and_then(|t| t.hands_over_to.clone())
            } else {
                None
            }
        } else {
            let found = self
                .towns
                .as_deref()
                .unwrap_or_default()
                .iter()
                .chain(self.base.towns.iter())
                .find(|t| {
                    t.id == text::code(&hands)
                        || text::name_key(&t.name_zh) == text::name_key(&hands)
                })
                .map(|t| t.id.clone());
            Some(found.unwrap_or_else(|| text::code(&hands)))
        };
        let town = TownSpec {
            id,
            name_zh: text::clean(&name),
            name_en: if r.col(Field::TownNameEn).is_some() {
                r.get(Field::TownNameEn)
            } else {
                known.map(|t| t.name_en.clone()).unwrap_or_default()
            },
            kind,
            class,
            hands_over_to,
        };
        let list = self.towns.get_or_insert_with(Vec::new);
        if list.iter().any(|t| t.id == town.id) {
            let id = town.id.clone();
            self.err(
                r,
                Field::TownId,
                codes::DUPLICATE,
                format!("第{}行：镇街编号「{id}」重复", r.row.number),
                format!("row {}: town id \"{id}\" is repeated", r.row.number),
            );
            return false;
        }
        list.push(town);
        true
    }

    fn department_row(&mut self, r: &RowReader<'_>) -> bool {
        let name = r.get(Field::DeptName);
        if name.is_empty() {
            self.missing(r, Field::DeptName);
            return false;
        }
        let known = self
            .base
            .departments
            .iter()
            .find(|d| text::name_key(&d.name_zh) == text::name_key(&name));
        let id = match text::code(&r.get(Field::DeptId)) {
            s if !s.is_empty() => s,
            _ => match known {
                Some(d) => d.id.clone(),
                None => {
                    self.missing(r, Field::DeptId);
                    return false;
                }
            },
        };
        let kind_text = r.get(Field::DeptKind);
        let kind = if kind_text.is_empty() {
            known.map_or(DepartmentKind::DistrictDepartment, |d| d.kind)
        } else if ["派出机构", "分局", "市级部门派出机构"]
            .contains(&text::clean(&kind_text).as_str())
        {
            DepartmentKind::CityDepartmentBranch
        } else if ["区级部门", "区直部门", "部门"].contains(&text::clean(&kind_text).as_str())
        {
            DepartmentKind::DistrictDepartment
        } else {
            self.err(
                r,
                Field::DeptKind,
                codes::BAD_VALUE,
                format!(
                    "第{}行「部门类型」应为区级部门或派出机构，而不是「{kind_text}」",
                    r.row.number
                ),
                format!(
                    "row {}: the kind must be 区级部门 or 派出机构, not \"{kind_text}\"",
                    r.row.number
                ),
            );
            return false;
        };
        let branch_of = if r.col(Field::ParentName).is_some() {
            let parent = r.get(Field::ParentName);
            if parent.is_empty() {
                None
            } else {
                Some(BranchOf {
                    department: NamedBody {
                        id: text::code(&r.get(Field::ParentId)),
                        name_zh: parent,
                        name_en: r.get(Field::ParentNameEn),
                    },
                    city_government: NamedBody {
                        id: text::code(&r.get(Field::CityGovId)),
                        name_zh: r.get(Field::CityGovName),
                        name_en: r.get(Field::CityGovNameEn),
                    },
                })
            }
        } else {
            known.and_then(|d| d.branch_of.clone())
        };
        let dept = DepartmentSpec {
            id,
            name_zh: text::clean(&name),
            name_en: if r.col(Field::DeptNameEn).is_some() {
                r.get(Field::DeptNameEn)
            } else {
                known.map(|d| d.name_en.clone()).unwrap_or_default()
            },
            kind,
            branch_of,
        };
        let list = self.departments.get_or_insert_with(Vec::new);
        if list.iter().any(|d| d.id == dept.id) {
            let id = dept.id.clone();
            self.err(
                r,
                Field::DeptId,
                codes::DUPLICATE,
                format!("第{}行：部门编号「{id}」重复", r.row.number),
                format!("row {}: department id \"{id}\" is repeated", r.row.number),
            );
            return false;
        }
        list.push(dept);
        true
    }

    fn finish(mut self) -> ImportReport {
        let mut doc = self.base.clone();
        if let Some(d) = self.departments.take() {
            doc.departments = d;
        }
        if let Some(t) = self.towns.take() {
            doc.towns = t;
        }
        // Related items taken from the base that the import does not hold.
        let codes_now: BTreeSet<String> = self.items.iter().map(|i| i.code.clone()).collect();
        let mut dropped = BTreeMap::new();
        for item in &mut self.items {
            let before = item.related_items.len();
            let from_base = self
                .base
                .items
                .iter()
                .any(|b| b.code == item.code && b.related_items == item.related_items);
            if from_base {
                item.related_items.retain(|c| codes_now.contains(c));
                if item.related_items.len() != before {
                    dropped.insert(item.code.clone(), before - item.related_items.len());
                }
            }
        }
        for (code, n) in dropped {
            let p = self.item_rows.get(&code).cloned().unwrap_or_default();
            self.diags.push(p.diag(codes::VALUE_ASSUMED, Severity::Info, &code,
                format!("事项 {code} 在基础规则集中的 {n} 个关联事项不在导入的清单中，已略去"),
                format!("{n} related item(s) of {code} in the base rule set are not in the imported list and were left out")));
        }
        doc.items = std::mem::take(&mut self.items);
        // The base's example reports stay for the items the import holds (like
        // their everyday words) and outside the catalogue; the others go.
        let before = doc.intake_examples.len();
        doc.intake_examples
            .retain(|e| e.item.as_ref().is_none_or(|c| codes_now.contains(c)));
        let gone = before - doc.intake_examples.len();
        if gone > 0 {
            self.diags.push(Place::file("").diag(codes::VALUE_ASSUMED, Severity::Info, "intake_examples",
                format!("基础规则集中有 {gone} 条诉求样例所归事项不在导入的清单中，已略去"),
                format!("{gone} example report(s) of the base rule set are filed under items not in the imported list and were left out")));
        }
        let mut grants = std::mem::take(&mut self.grants_explicit);
        for (i, g) in self.gathered.drain(..).enumerate() {
            let mut id = format!("IMP-{:03}", i + 1);
            let mut k = 0;
            while grants.iter().any(|h| h.id == id) {
                k += 1;
                id = format!("IMP-{:03}-{k}", i + 1);
            }
            grants.push(GrantSpec {
                id,
                mode: g.mode,
                grantor: g.grantor,
                grantee: g.grantee,
                items: g.items,
                document: Arc::new(g.document),
                signed: g.effective,
                published: Some(g.effective),
                effective: g.effective,
                revoked: None,
                acceptance_confirmation: None,
                entrustment: None,
            });
        }
        doc.grants = grants;
        if let Some(v) = &self.options.version {
            doc.meta.version.clone_from(v);
        }
        if let Some(d) = self.options.effective_from {
            doc.meta.effective_from = Some(d);
        }
        self.counts.items = doc.items.len();
        self.counts.grants = doc.grants.len();
        self.counts.towns = doc.towns.len();
        self.counts.departments = doc.departments.len();
        let validation = fuquan::ruleset::validate::validate(&doc);
        let ok = !self.diags.iter().any(RowDiagnostic::is_error)
            && !validation.iter().any(fuquan::Diagnostic::is_error);
        ImportReport {
            ok,
            counts: self.counts,
            diagnostics: self.diags,
            validation,
            document: doc,
        }
    }
}

const SCREENING_NONE: Screening = Screening {
    high_frequency: false,
    easy_to_detect_and_handle: false,
    suitable_professional_demand: false,
    linked_to_territorial_responsibility: false,
    concerns_safety: false,
    highly_professional: false,
    hard_to_enforce: false,
    town_cannot_take_on: false,
};

/// The screening flags in column order.
pub fn screening_flags(s: &Screening) -> [bool; 8] {
    [
        s.high_frequency,
        s.easy_to_detect_and_handle,
        s.suitable_professional_demand,
        s.linked_to_territorial_responsibility,
        s.concerns_safety,
        s.highly_professional,
        s.hard_to_enforce,
        s.town_cannot_take_on,
    ]
}

fn set_screening(s: &mut Screening, i: u8, v: bool) {
    match i {
        0 => s.high_frequency = v,
        1 => s.easy_to_detect_and_handle = v,
        2 => s.suitable_professional_demand = v,
        3 => s.linked_to_territorial_responsibility = v,
        4 => s.concerns_safety = v,
        5 => s.highly_professional = v,
        6 => s.hard_to_enforce = v,
        _ => s.town_cannot_take_on = v,
    }
}

/// The domain most of a department's items in the base have.
fn department_domain(base: &RuleSetDocument, department: &str) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for i in base.items.iter().filter(|i| i.department == department) {
        *counts.entry(i.domain.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(d, _)| d.to_owned())
}

/// A combined basis cell: `设定依据:… 处罚依据:…` splits at the marker;
/// otherwise the whole text is the establishing basis.
fn split_basis(s: &str) -> (String, Option<String>) {
    let t = text::clean(s);
    // Both widths: the lists write either.
    for marker in ["处罚依据:", "处罚依据：", "处罚依据"] {
        if let Some((a, b)) = t.split_once(marker) {
            let a = a
                .trim_start_matches("设定依据:")
                .trim_start_matches("设定依据：")
                .trim_start_matches("设定依据");
            return (text::clean(a), Some(text::clean(b)));
        }
    }
    let t = t
        .trim_start_matches("设定依据:")
        .trim_start_matches("设定依据：");
    (text::clean(t), None)
}

/// Sheet-level notes, one diagnostic each instead of one per row.
#[derive(Default)]
struct SheetNotes {
    code_from_base: usize,
    basis_copied: usize,
    catalogue_assumed: usize,
    document_from_options: usize,
    effective_from_options: usize,
}

impl SheetNotes {
    fn flush(&self, place: &Place, out: &mut Vec<RowDiagnostic>) {
        let mut note = |n: usize, zh: String, en: String| {
            if n > 0 {
                out.push(place.diag(codes::VALUE_ASSUMED, Severity::Info, "", zh, en));
            }
        };
        note(self.code_from_base, format!("表中没有「事项代码」列：{} 行按事项名称取基础规则集中同名事项的代码及英文名、筛选属性等", self.code_from_base), format!("no code column: {} rows took the code, English name, screening and other fields of the base rule set's item of the same name", self.code_from_base));
        note(self.basis_copied, format!("「执法依据」一列未分设定依据与处罚依据：{} 个处罚事项的处罚依据取同一文字", self.basis_copied), format!("one basis column without separate establishing and penalty bases: for {} penalty items the penalty basis is the same text", self.basis_copied));
        note(
            self.catalogue_assumed,
            format!(
                "没有「纳入指导目录」列：{} 个新事项按赋权方式推定（赋权即在省指导目录内）",
                self.catalogue_assumed
            ),
            format!(
                "no guiding-catalogue column: {} new items assumed in the catalogue when delegated",
                self.catalogue_assumed
            ),
        );
        note(
            self.document_from_options,
            format!(
                "没有「文号」列：{} 行的赋权文件取命令行 --document",
                self.document_from_options
            ),
            format!(
                "no document column: {} rows took the document given with --document",
                self.document_from_options
            ),
        );
        note(
            self.effective_from_options,
            format!(
                "没有「生效日期」列：{} 行的生效日期取命令行 --effective",
                self.effective_from_options
            ),
            format!(
                "no effective-date column: {} rows took --effective",
                self.effective_from_options
            ),
        );
    }
}

/// One row with its header.
struct RowReader<'r> {
    row: &'r Row,
    header: &'r Header,
    place: Place,
    header_text: &'r dyn Fn(usize) -> String,
}

impl RowReader<'_> {
    fn col(&self, f: Field) -> Option<usize> {
        self.header.col(f)
    }

    /// The cell's text, trimmed ("" when the column is absent).
    fn get(&self, f: Field) -> String {
        self.col(f)
            .map_or(String::new(), |c| text::clean(self.row.cell(c)))
    }

    /// The place of a field's cell and its raw text.
    fn at(&self, f: Field) -> (Place, String) {
        match self.col(f) {
            Some(c) => (
                self.place.at(c, &(self.header_text)(c)),
                self.row.cell(c).to_owned(),
            ),
            None => {
                let name = crate::columns::synonyms(self.header.kind)
                    .into_iter()
                    .find(|(g, _)| *g == f)
                    .and_then(|(_, n)| n.first().copied())
                    .unwrap_or("");
                (
                    Place {
                        header: name.to_owned(),
                        ..self.place.clone()
                    },
                    String::new(),
                )
            }
        }
    }
}

impl Place {
    fn place_zh_short(&self) -> String {
        if self.sheet.is_empty() {
            format!("{}第{}行", self.file, self.row)
        } else {
            format!("「{}」第{}行", self.sheet, self.row)
        }
    }
}

/// Writes a rule-set directory (`ruleset.json`, the four list files and
/// `intake_examples.json` when there are examples) without
/// leaving anything half-written: into a fresh temporary directory beside the
/// target, renamed onto it at the end. An existing non-empty target is replaced
/// only when `replace` is set.
pub fn write_ruleset_dir(
    doc: &RuleSetDocument,
    target: &Path,
    replace: bool,
) -> Result<(), OfficeError> {
    let ser = |e: &dyn std::fmt::Display| {
        OfficeError::single(Place::file(&target.display().to_string()).diag(
            codes::IO,
            Severity::Error,
            "",
            format!("无法序列化：{e}"),
            format!("cannot serialise: {e}"),
        ))
    };
    let mut value = serde_json::to_value(doc).map_err(|e| ser(&e))?;
    let mut parts = Vec::new();
    if let serde_json::Value::Object(map) = &mut value {
        for list in ["departments", "towns", "items", "grants", "intake_examples"] {
            if let Some(v) = map.remove(list) {
                parts.push((format!("{list}.json"), v));
            }
        }
    }
    parts.insert(0, ("ruleset.json".to_owned(), value));
    let mut files = Vec::new();
    for (file, v) in parts {
        let text = serde_json::to_string_pretty(&v).map_err(|e| ser(&e))? + "\n";
        files.push((file, text.into_bytes()));
    }
    crate::sheets::write_dir_atomically(target, &files, replace)
}
