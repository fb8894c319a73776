//! Labelled reports (已标注的诉求) from a 12345 or grid-platform export: every
//! row what was said and the item a clerk filed it under, the rule set's
//! `intake_examples` (docs/intake.md), or a placed diagnostic.
//!
//! Columns (synonyms in [`crate::columns`]): 诉求内容 (or 来电内容, 反映内容,
//! 问题描述 …) and 事项编码 (or 事项代码 …). A matter outside the catalogue is
//! written `-`, 无, 清单外, 不属于清单事项 or 非清单事项 in the code column; an empty
//! code is an error, not a guess: an unlabelled report teaches nothing.

use std::collections::HashSet;
use std::path::Path;

use fuquan::ruleset::source::{IntakeExample, RuleSetDocument};

use crate::columns::{find_header, Field, Mapping, SheetKind};
use crate::diag::{codes, OfficeError, Place, RowDiagnostic, Severity};
use crate::table::{self, Sheet};
use crate::text;

/// What the code column says of a report outside the catalogue.
pub const OUTSIDE_MARKERS: [&str; 6] = ["-", "—", "无", "清单外", "不属于清单事项", "非清单事项"];

/// Reports read from sheets, and what was noticed.
#[derive(Clone, Debug, Default)]
pub struct ReportsImport {
    /// The reports read, in sheet and row order (rows with an error are left out).
    pub examples: Vec<IntakeExample>,
    /// Diagnostics, placed by file, sheet, row and column.
    pub diagnostics: Vec<RowDiagnostic>,
}

impl ReportsImport {
    /// Whether every data row became a report.
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(RowDiagnostic::is_error)
    }

    /// How many of the reports are outside the catalogue.
    pub fn outside(&self) -> usize {
        self.examples.iter().filter(|e| e.item.is_none()).count()
    }
}

/// Reads labelled reports from every sheet with a 诉求内容 and a 事项编码 column;
/// `base` is the rule set whose item codes they must name.
pub fn from_sheets(
    sheets: &[Sheet],
    base: &RuleSetDocument,
    mapping: &Mapping,
) -> Result<ReportsImport, OfficeError> {
    let codes_known: HashSet<&str> = base.items.iter().map(|i| i.code.as_str()).collect();
    let mut out = ReportsImport::default();
    let mut any = false;
    for sheet in sheets {
        let Some(header) = find_header(sheet, &[SheetKind::Reports], mapping) else {
            continue;
        };
        let (Some(text_col), Some(code_col)) =
            (header.col(Field::ReportText), header.col(Field::ReportItem))
        else {
            continue;
        };
        any = true;
        let place = Place {
            file: sheet.file.clone(),
            sheet: sheet.name.clone(),
            ..Place::default()
        };
        let header_row = sheet.rows.get(header.row_index);
        let head = |c: usize| header_row.map_or(String::new(), |r| text::clean(r.cell(c)));
        for row in sheet.rows.iter().skip(header.row_index + 1) {
            if row.is_blank() {
                continue;
            }
            let n = row.number;
            let rp = Place {
                row: n,
                ..place.clone()
            };
            let said = text::clean(row.cell(text_col));
            let code = text::clean(row.cell(code_col));
            // A row is taken when nothing in it was refused.
            let refused_before = out.diagnostics.len();
            let refuse = |col: usize, diag_code, cell: &str, zh: String, en: String| {
                rp.at(col, &head(col))
                    .diag(diag_code, Severity::Error, cell, zh, en)
            };
            if said.is_empty() {
                out.diagnostics.push(refuse(
                    text_col,
                    codes::MISSING_REQUIRED,
                    "",
                    format!("第{n}行诉求内容为空"),
                    format!("row {n}: the report's text is empty"),
                ));
            }
            let item = if OUTSIDE_MARKERS.contains(&code.as_str()) {
                None
            } else if code.is_empty() {
                out.diagnostics.push(refuse(
                    code_col,
                    codes::MISSING_REQUIRED,
                    "",
                    format!("第{n}行未标注事项编码（不属于清单事项的，填写「清单外」或「-」）"),
                    format!("row {n}: no item code (write 清单外 or - for a matter outside the catalogue)"),
                ));
                None
            } else if codes_known.contains(code.as_str()) {
                Some(code.clone())
            } else {
                out.diagnostics.push(refuse(
                    code_col,
                    codes::BAD_VALUE,
                    &code,
                    format!("第{n}行的事项编码不在规则集的事项清单中"),
                    format!("row {n}: the item code is not in the rule set's catalogue"),
                ));
                None
            };
            if out.diagnostics.len() == refused_before {
                out.examples.push(IntakeExample { item, text: said });
            }
        }
    }
    if !any {
        return Err(table::no_sheet_of_kind(
            sheets,
            codes::NO_HEADER,
            "没有诉求表头（需含「诉求内容」和「事项编码」列）",
            "no report header (诉求内容 and 事项编码 columns)",
        ));
    }
    Ok(out)
}

/// Reads labelled reports from `.xlsx` or `.csv` files.
pub fn from_files(
    paths: &[impl AsRef<Path>],
    base: &RuleSetDocument,
    mapping: &Mapping,
) -> Result<ReportsImport, OfficeError> {
    let mut sheets = Vec::new();
    let mut diagnostics = Vec::new();
    for p in paths {
        let mut book = table::read(p.as_ref())?;
        sheets.append(&mut book.sheets);
        diagnostics.append(&mut book.diagnostics);
    }
    let mut r = from_sheets(&sheets, base, mapping)?;
    diagnostics.append(&mut r.diagnostics);
    r.diagnostics = diagnostics;
    Ok(r)
}
