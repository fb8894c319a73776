//! A staffing roster (花名册) from a sheet: the `staffing` request's `people`,
//! every row a person or a placed diagnostic.
//!
//! Columns (synonyms in [`crate::columns`]): 姓名, 编制类型, 岗位, 是否纳入中心, 执法证号,
//! 有效期 (`2024-01-01至2028-12-31`), 法制审核人员, 法律职业资格, 下沉来源部门, 下沉日期,
//! 到一线工作日; optional 人员编号 (default `r` + row number), 初次从事法制审核.

use std::path::Path;

use fuquan::decisions::staffing::{Certificate, Establishment, Person, Role, Roster, Secondment};
use fuquan::ruleset::source::RuleSetDocument;
use fuquan::time::Date;

use crate::columns::{find_header, Field, Mapping, SheetKind};
use crate::diag::{codes, OfficeError, Place, RowDiagnostic, Severity};
use crate::table::{self, Sheet};
use crate::text;
use crate::vocab;

/// A roster read from a sheet, and what was noticed.
#[derive(Clone, Debug)]
pub struct RosterImport {
    /// The people read (rows with an error are left out).
    pub roster: Roster,
    /// Diagnostics; any error means the roster is incomplete.
    pub diagnostics: Vec<RowDiagnostic>,
}

impl RosterImport {
    /// Whether every row became a person.
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(RowDiagnostic::is_error)
    }
}

/// Reads 编制类型.
pub fn establishment(s: &str) -> Option<Establishment> {
    match text::code(s).as_str() {
        "行政编制" | "行政" | "公务员" | "administrative" => {
            Some(Establishment::Administrative)
        }
        "事业编制" | "事业" | "参公事业编制" | "career" => Some(Establishment::Career),
        "执法辅助人员" | "辅助人员" | "辅助" | "协管员" | "编外" | "auxiliary" => {
            Some(Establishment::Auxiliary)
        }
        _ => None,
    }
}

/// Reads 岗位.
pub fn role(s: &str) -> Option<Role> {
    match text::code(s).as_str() {
        "综合执法中心主任" | "中心主任" | "主任" | "centre_head" => {
            Some(Role::CentreHead)
        }
        "综合执法中心副主任" | "中心副主任" | "副主任" | "deputy_head" => {
            Some(Role::DeputyHead)
        }
        "执法人员" | "执法队员" | "enforcement_officer" => Some(Role::EnforcementOfficer),
        "法制审核人员" | "专职法制审核人员" | "法制审核" | "legal_reviewer" => {
            Some(Role::LegalReviewer)
        }
        "内勤" | "综合" | "内勤综合" | "clerk" => Some(Role::Clerk),
        "辅助岗位" | "辅助" | "协管" | "assistant" => Some(Role::Assistant),
        _ => None,
    }
}

/// Reads a roster from sheets (the first sheet with a 姓名 header).
pub fn from_sheets(
    sheets: &[Sheet],
    town: &str,
    as_of: Date,
    base: &RuleSetDocument,
    mapping: &Mapping,
) -> Result<RosterImport, OfficeError> {
    let found = sheets
        .iter()
        .find_map(|s| find_header(s, &[SheetKind::Roster], mapping).map(|h| (s, h)));
    let Some((sheet, header)) = found else {
        return Err(table::no_sheet_of_kind(
            sheets,
            codes::NO_HEADER,
            "没有花名册表头（需含「姓名」及「编制类型」「岗位」等列）",
            "no roster header (姓名 with 编制类型, 岗位 and other columns)",
        ));
    };
    let mut diags = Vec::new();
    let place = Place {
        file: sheet.file.clone(),
        sheet: sheet.name.clone(),
        ..Place::default()
    };
    for required in [
        Field::PersonName,
        Field::Establishment,
        Field::Post,
        Field::CentreStaff,
    ] {
        if header.col(required).is_none() {
            let name = header_name(required);
            return Err(OfficeError::single(place.diag(
                codes::MISSING_COLUMN,
                Severity::Error,
                "",
                format!("花名册缺少必需的「{name}」列"),
                format!("the roster has no \"{name}\" column, which is required"),
            )));
        }
    }
    let header_row = sheet.rows.get(header.row_index);
    let mut people = Vec::new();
    for row in sheet.rows.iter().skip(header.row_index + 1) {
        if row.is_blank() {
            continue;
        }
        let rp = Place {
            row: row.number,
            ..place.clone()
        };
        let get = |f: Field| {
            header
                .col(f)
                .map_or(String::new(), |c| text::clean(row.cell(c)))
        };
        let at = |f: Field| {
            let c = header.col(f).unwrap_or(0);
            rp.at(
                c,
                &header_row.map_or(String::new(), |r| text::clean(r.cell(c))),
            )
        };
        let before = diags.len();
        let mut bad = |f: Field, code: &'static str, zh: String, en: String| {
            let p = at(f);
            let cell = get(f);
            diags.push(p.diag(code, Severity::Error, &cell, zh, en));
        };
        let n = row.number;
        let name = get(Field::PersonName);
        if name.is_empty() {
            bad(
                Field::PersonName,
                codes::MISSING_REQUIRED,
                format!("第{n}行「姓名」为空"),
                format!("row {n}: the name is empty"),
            );
        }
        let est = establishment(&get(Field::Establishment));
        if est.is_none() {
            let v = get(Field::Establishment);
            bad(Field::Establishment, if v.is_empty() { codes::MISSING_REQUIRED } else { codes::ROSTER_VALUE }, format!("第{n}行「编制类型」应为行政编制、事业编制或执法辅助人员，而不是「{v}」"), format!("row {n}: the establishment must be 行政编制, 事业编制 or 执法辅助人员, not \"{v}\""));
        }
        let post = role(&get(Field::Post));
        if post.is_none() {
            let v = get(Field::Post);
            bad(Field::Post, if v.is_empty() { codes::MISSING_REQUIRED } else { codes::ROSTER_VALUE }, format!("第{n}行「岗位」无法识别：「{v}」（主任、副主任、执法人员、法制审核人员、内勤、辅助岗位）"), format!("row {n}: unknown post \"{v}\" （主任，副主任，执法人员，法制审核人员，内勤，辅助岗位）"));
        }
        let yes = |f: Field, bad: &mut dyn FnMut(Field, &'static str, String, String)| -> bool {
            if header.col(f).is_none() {
                return false;
            }
            let v = get(f);
            text::yes_no(&v).unwrap_or_else(|| {
                bad(
                    f,
                    codes::BAD_BOOL,
                    format!(
                        "第{n}行「{}」应为「是」或「否」，而不是「{v}」",
                        header_name(f)
                    ),
                    format!(
                        "row {n}: \"{}\" must be 是 or 否, not \"{v}\"",
                        header_name(f)
                    ),
                );
                false
            })
        };
        let centre = yes(Field::CentreStaff, &mut bad);
        let reviewer = yes(Field::LegalReviewer, &mut bad);
        let qualification = yes(Field::LegalQualification, &mut bad);
        let first_time = yes(Field::FirstTimeReviewer, &mut bad);
        let date =
            |f: Field, bad: &mut dyn FnMut(Field, &'static str, String, String)| -> Option<Date> {
                let v = get(f);
                if v.is_empty() {
                    return None;
                }
                let d = text::date(&v);
                if d.is_none() {
                    bad(
                        f,
                        codes::BAD_DATE,
                        format!("第{n}行「{}」不是日期：「{v}」", header_name(f)),
                        format!("row {n}: \"{}\" is not a date: \"{v}\"", header_name(f)),
                    );
                }
                d
            };
        let front_line = date(Field::FrontLineSince, &mut bad);
        let seconded_since = date(Field::SecondedSince, &mut bad);
        let cert_no = text::code(&get(Field::Certificate));
        let certificate = if cert_no.is_empty() {
            None
        } else {
            let validity = get(Field::CertificateValidity);
            let range = if validity.is_empty() {
                match (
                    date(Field::CertificateFrom, &mut bad),
                    date(Field::CertificateTo, &mut bad),
                ) {
                    (Some(from), Some(to)) => Some(fuquan::time::DateRange { from, to }),
                    _ => None,
                }
            } else {
                vocab::date_range(&validity)
            };
            match range {
                Some(r) => Some(Certificate {
                    number: cert_no,
                    valid_from: r.from,
                    valid_to: r.to,
                }),
                None => {
                    bad(Field::CertificateValidity, codes::BAD_DATE, format!("第{n}行有执法证号，但「有效期」不是「2024-01-01至2028-12-31」这样的起止日期：「{validity}」"), format!("row {n}: a certificate number, but the validity is not a range like 2024-01-01至2028-12-31: \"{validity}\""));
                    None
                }
            }
        };
        let from = get(Field::SecondedFrom);
        let secondment = if from.is_empty() {
            None
        } else {
            let key = text::name_key(&from);
            let dept = base
                .departments
                .iter()
                .find(|d| d.id == text::code(&from) || text::name_key(&d.name_zh) == key)
                .map(|d| d.id.clone());
            match (dept, seconded_since) {
                (Some(d), Some(since)) => Some(Secondment { from: d, since }),
                (None, _) => {
                    bad(
                        Field::SecondedFrom,
                        codes::UNKNOWN_DEPARTMENT,
                        format!("第{n}行：规则集中没有部门「{from}」"),
                        format!("row {n}: the rule set has no department \"{from}\""),
                    );
                    None
                }
                (Some(_), None) => {
                    bad(
                        Field::SecondedSince,
                        codes::MISSING_REQUIRED,
                        format!("第{n}行有下沉来源部门，「下沉日期」为空"),
                        format!("row {n}: a seconding department but no secondment date"),
                    );
                    None
                }
            }
        };
        if diags.len() > before {
            continue;
        }
        let (Some(establishment), Some(role)) = (est, post) else {
            continue;
        };
        let id = match text::code(&get(Field::PersonId)) {
            s if !s.is_empty() => s,
            _ => format!("r{n}"),
        };
        people.push(Person {
            id,
            name,
            establishment,
            role,
            centre_staff: centre,
            certificate,
            legal_reviewer: reviewer,
            legal_qualification: qualification,
            first_time_reviewer: first_time,
            secondment,
            front_line_since: front_line,
        });
    }
    Ok(RosterImport {
        roster: Roster {
            town: town.to_owned(),
            as_of,
            people,
            trace: false,
        },
        diagnostics: diags,
    })
}

fn header_name(f: Field) -> &'static str {
    crate::columns::synonyms(SheetKind::Roster)
        .into_iter()
        .find(|(g, _)| *g == f)
        .and_then(|(_, n)| n.first().copied())
        .unwrap_or("")
}

/// Reads a roster file (`.xlsx` or `.csv`).
pub fn from_file(
    path: &Path,
    town: &str,
    as_of: Date,
    base: &RuleSetDocument,
    mapping: &Mapping,
) -> Result<RosterImport, OfficeError> {
    let book = table::read(path)?;
    let mut r = from_sheets(&book.sheets, town, as_of, base, mapping)?;
    let mut d = book.diagnostics;
    d.append(&mut r.diagnostics);
    r.diagnostics = d;
    Ok(r)
}
