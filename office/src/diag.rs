//! Row-level diagnostics: every row of a sheet becomes data or one of these.

use serde::Serialize;

/// Stable codes of the import, roster and publishing diagnostics.
pub mod codes {
    /// The file is neither `.xlsx` nor `.csv` (or its content is not what its name says).
    pub const UNSUPPORTED_FILE: &str = "import.unsupported_file";
    /// The workbook is encrypted (password-protected).
    pub const PASSWORD_PROTECTED: &str = "import.password_protected";
    /// The workbook cannot be read (damaged zip or XML).
    pub const CORRUPT: &str = "import.corrupt_workbook";
    /// A CSV file is not UTF-8.
    pub const NOT_UTF8: &str = "import.not_utf8";
    /// A file cannot be read or written.
    pub const IO: &str = "import.io";
    /// A sheet has more rows than [`crate::table::MAX_SHEET_ROWS`].
    pub const TOO_MANY_ROWS: &str = "import.too_many_rows";
    /// No header row with a recognised column was found in a sheet.
    pub const NO_HEADER: &str = "import.no_header";
    /// A required column is missing from the header row.
    pub const MISSING_COLUMN: &str = "import.missing_column";
    /// A required cell is empty.
    pub const MISSING_REQUIRED: &str = "import.missing_required";
    /// A date cell is not a date.
    pub const BAD_DATE: &str = "import.bad_date";
    /// A yes/no cell is neither.
    pub const BAD_BOOL: &str = "import.bad_bool";
    /// A cell's value is not one of the accepted words.
    pub const BAD_VALUE: &str = "import.bad_value";
    /// A department name or id that the rule set does not know.
    pub const UNKNOWN_DEPARTMENT: &str = "import.unknown_department";
    /// A town name or id that the rule set does not know.
    pub const UNKNOWN_TOWN: &str = "import.unknown_town";
    /// A domain that the rule set does not know, or none could be inferred.
    pub const UNKNOWN_DOMAIN: &str = "import.unknown_domain";
    /// The item kind is neither given nor readable from the item's name.
    pub const UNKNOWN_KIND: &str = "import.unknown_kind";
    /// The same code names two different items, or an id is repeated.
    pub const DUPLICATE: &str = "import.duplicate";
    /// A row repeats an item already read, with different content (the first is kept).
    pub const CONFLICTING_ROW: &str = "import.conflicting_row";
    /// A cell holds an Excel error value (#N/A, #REF!, …).
    pub const CELL_ERROR: &str = "import.cell_error";
    /// A formula cell whose cached value was used.
    pub const FORMULA_VALUE_USED: &str = "import.formula_value_used";
    /// A formula cell without a cached value (the file was never calculated).
    pub const FORMULA_WITHOUT_VALUE: &str = "import.formula_without_value";
    /// A row skipped because it is blank, a title or a repeated header.
    pub const ROW_SKIPPED: &str = "import.row_skipped";
    /// A column the import does not keep.
    pub const COLUMN_IGNORED: &str = "import.column_ignored";
    /// A value the sheet does not carry, taken from the base rule set or assumed.
    pub const VALUE_ASSUMED: &str = "import.value_assumed";
    /// The mapping file is not valid.
    pub const BAD_MAPPING: &str = "import.bad_mapping";
    /// The imported rule set does not pass `fuquan validate` (see the validation diagnostics).
    pub const INVALID_RESULT: &str = "import.invalid_result";
    /// A roster cell that names no known establishment, post or department.
    pub const ROSTER_VALUE: &str = "roster.bad_value";
}

/// How serious a row diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row (or file) did not become data.
    Error,
    /// The row became data, with something to check.
    Warning,
    /// For the record: a row skipped on purpose, a value assumed.
    Info,
}

/// One diagnostic, placed in the workbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowDiagnostic {
    /// Stable code (see [`codes`]).
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// The file name.
    pub file: String,
    /// The sheet name (`""` for a CSV file).
    pub sheet: String,
    /// 1-based row number as the spreadsheet shows it; 0 when the whole sheet is meant.
    pub row: u32,
    /// Column letter(s) (`A`, `AB`), or `""` when no single column is meant.
    pub column: String,
    /// The column's header as written, when known.
    pub header: String,
    /// The cell's text as read.
    pub cell: String,
    /// Chinese message.
    pub message_zh: String,
    /// English message.
    pub message_en: String,
}

impl RowDiagnostic {
    /// Where: `file「sheet」第12行 C列` / `file, sheet "…", row 12, column C`.
    pub fn place_zh(&self) -> String {
        let mut s = self.file.clone();
        if !self.sheet.is_empty() {
            s.push_str(&format!("「{}」", self.sheet));
        }
        if self.row > 0 {
            s.push_str(&format!("第{}行", self.row));
        }
        if !self.column.is_empty() {
            s.push_str(&format!(" {}列", self.column));
        }
        s
    }

    /// The English place.
    pub fn place_en(&self) -> String {
        let mut s = self.file.clone();
        if !self.sheet.is_empty() {
            s.push_str(&format!(", sheet \"{}\"", self.sheet));
        }
        if self.row > 0 {
            s.push_str(&format!(", row {}", self.row));
        }
        if !self.column.is_empty() {
            s.push_str(&format!(", column {}", self.column));
        }
        s
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A place in a workbook, to build diagnostics from.
#[derive(Clone, Debug, Default)]
pub struct Place {
    /// File name.
    pub file: String,
    /// Sheet name.
    pub sheet: String,
    /// 1-based row.
    pub row: u32,
    /// 0-based column, if any.
    pub col: Option<usize>,
    /// The header of that column.
    pub header: String,
}

impl Place {
    /// The place of a whole file.
    pub fn file(file: &str) -> Place {
        Place {
            file: file.to_owned(),
            ..Place::default()
        }
    }

    /// A diagnostic at this place.
    pub fn diag(
        &self,
        code: &'static str,
        severity: Severity,
        cell: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> RowDiagnostic {
        RowDiagnostic {
            code,
            severity,
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: self.row,
            column: self.col.map(column_letters).unwrap_or_default(),
            header: self.header.clone(),
            cell: cell.to_owned(),
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// The same place at another column.
    pub fn at(&self, col: usize, header: &str) -> Place {
        Place {
            col: Some(col),
            header: header.to_owned(),
            ..self.clone()
        }
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26: always a letter.
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A fatal error: the file (or the output) could not be handled at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OfficeError {
    /// What went wrong, placed.
    pub diagnostics: Vec<RowDiagnostic>,
}

impl OfficeError {
    /// One diagnostic.
    pub fn single(d: RowDiagnostic) -> OfficeError {
        OfficeError {
            diagnostics: vec![d],
        }
    }

    /// The first diagnostic's code.
    pub fn code(&self) -> &str {
        self.diagnostics.first().map_or("", |d| d.code)
    }
}

impl std::fmt::Display for OfficeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in &self.diagnostics {
            writeln!(
                f,
                "[{}] {}: {} / {}",
                d.code,
                d.place_zh(),
                d.message_zh,
                d.message_en
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for OfficeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
