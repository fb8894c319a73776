//! Reading a workbook (`.xlsx`, through calamine) or a CSV file (UTF-8, with or
//! without BOM) into sheets of text cells, with merged cells filled in.
//!
//! Formulas: calamine reads the value Excel cached when it last calculated the
//! file; that value is what a clerk sees, so it is used, with a
//! `import.formula_value_used` warning per cell. A formula without a cached value
//! (a file written by a program that never calculated it) is an error,
//! `import.formula_without_value`: the import does not evaluate formulas.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, XlsxError};

use crate::diag::{codes, OfficeError, Place, RowDiagnostic, Severity};

/// The most rows a sheet may have (Excel's own limit is 1,048,576): beyond, the
/// import refuses the sheet with `import.too_many_rows` rather than run for minutes.
pub const MAX_SHEET_ROWS: usize = 200_000;

/// The largest file read (100 MiB).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// One sheet as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The file it comes from (its name, not its path).
    pub file: String,
    /// The sheet's name (`""` for CSV).
    pub name: String,
    /// Its rows, top to bottom, blank ones included.
    pub rows: Vec<Row>,
}

/// One row: its number as the spreadsheet shows it and its cells' text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number.
    pub number: u32,
    /// Cell texts from column A on.
    pub cells: Vec<String>,
}

impl Row {
    /// The text of a cell (empty when the row is shorter).
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", String::as_str)
    }

    /// Whether every cell is empty or spaces.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| crate::text::clean(c).is_empty())
    }
}

/// Refuses a whole import whose files hold no sheet of the kind it needs (no
/// header it recognises), placed at the first file.
pub(crate) fn no_sheet_of_kind(
    sheets: &[Sheet],
    code: &'static str,
    zh: &str,
    en: &str,
) -> OfficeError {
    OfficeError::single(
        Place::file(sheets.first().map_or("", |s| s.file.as_str())).diag(
            code,
            Severity::Error,
            "",
            zh,
            en,
        ),
    )
}

/// What reading a file gives: its sheets and what was noticed on the way.
#[derive(Clone, Debug, Default)]
pub struct Workbook {
    /// The sheets, in the workbook's order.
    pub sheets: Vec<Sheet>,
    /// Formula and error-cell diagnostics.
    pub diagnostics: Vec<RowDiagnostic>,
}

/// The kind of file, from its first bytes (and its name for CSV).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Csv,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads a `.xlsx` or `.csv` file. Errors name the file and say what it is instead.
pub fn read(path: &Path) -> Result<Workbook, OfficeError> {
    let name = file_name(path);
    let place = Place::file(&name);
    let fail = |code, zh: String, en: String| {
        OfficeError::single(place.diag(code, Severity::Error, "", zh, en))
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            codes::IO,
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(
            codes::UNSUPPORTED_FILE,
            format!(
                "文件过大（{} 字节，上限 {} 字节）",
                meta.len(),
                MAX_FILE_BYTES
            ),
            format!(
                "file too large ({} bytes, at most {} bytes)",
                meta.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            codes::IO,
            format!("无法读取文件：{e}"),
            format!("cannot read the file: {e}"),
        )
    })?;
    read_bytes(&name, &bytes)
}

/// Reads a file's bytes; `name` (its file name) decides CSV versus workbook only
/// when the bytes do not.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Workbook, OfficeError> {
    let place = Place::file(name);
    let fail = |code, zh: &str, en: &str| {
        OfficeError::single(place.diag(code, Severity::Error, "", zh, en))
    };
    let lower = name.to_lowercase();
    let kind = if bytes.starts_with(b"PK\x03\x04") {
        Kind::Xlsx
    } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        // An OLE compound file: an encrypted .xlsx, or a legacy .xls.
        let encrypted = matches!(
            Xlsx::new(Cursor::new(bytes.to_vec())),
            Err(XlsxError::Password)
        );
        return Err(if encrypted {
            fail(
                codes::PASSWORD_PROTECTED,
                "工作簿设有打开密码（已加密），无法读取；请在 Excel 中取消密码后另存为 .xlsx",
                "the workbook is password-protected (encrypted) and cannot be read; remove the password in Excel and save it as .xlsx",
            )
        } else {
            fail(
                codes::UNSUPPORTED_FILE,
                "这是旧版 .xls（或其他 OLE）文件；请在 Excel 中另存为 .xlsx",
                "this is a legacy .xls (or other OLE) file; save it as .xlsx in Excel",
            )
        });
    } else if lower.ends_with(".csv") || lower.ends_with(".txt") || lower.ends_with(".tsv") {
        Kind::Csv
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return Err(fail(
            codes::CORRUPT,
            "文件名为 .xlsx，但内容不是 Excel 工作簿（不是 zip 包），文件可能已损坏",
            "the name says .xlsx but the content is not an Excel workbook (not a zip package); the file may be damaged",
        ));
    } else {
        return Err(fail(
            codes::UNSUPPORTED_FILE,
            "不支持的文件类型：只接受 .xlsx 和 .csv(UTF-8)",
            "unsupported file type: only .xlsx and .csv (UTF-8) are accepted",
        ));
    };
    match kind {
        Kind::Xlsx => read_xlsx(name, bytes),
        Kind::Csv => read_csv(name, bytes, lower.ends_with(".tsv")),
    }
}

fn corrupt(name: &str, e: &dyn std::fmt::Display) -> OfficeError {
    OfficeError::single(Place::file(name).diag(
        codes::CORRUPT,
        Severity::Error,
        "",
        format!("工作簿已损坏，无法读取：{e}"),
        format!("the workbook is damaged and cannot be read: {e}"),
    ))
}

fn read_xlsx(name: &str, bytes: &[u8]) -> Result<Workbook, OfficeError> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| match e {
        XlsxError::Password => OfficeError::single(Place::file(name).diag(
            codes::PASSWORD_PROTECTED,
            Severity::Error,
            "",
            "工作簿设有密码，无法读取",
            "the workbook is password-protected",
        )),
        other => corrupt(name, &other),
    })?;
    let mut out = Workbook::default();
    for sheet_name in book.sheet_names() {
        let range = book
            .worksheet_range(&sheet_name)
            .map_err(|e| corrupt(name, &e))?;
        let place = Place {
            file: name.to_owned(),
            sheet: sheet_name.clone(),
            ..Place::default()
        };
        let Some((r0, c0)) = range.start() else {
            out.sheets.push(Sheet {
                file: name.to_owned(),
                name: sheet_name,
                rows: Vec::new(),
            });
            continue;
        };
        let height = range.height();
        let end_row = usize::try_from(r0).unwrap_or(0) + height;
        if end_row > MAX_SHEET_ROWS {
            return Err(too_many(&place, end_row));
        }
        let width = usize::try_from(c0).unwrap_or(0) + range.width();
        let mut rows: Vec<Row> = (0..end_row)
            .map(|r| Row {
                number: u32::try_from(r + 1).unwrap_or(u32::MAX),
                cells: vec![String::new(); width],
            })
            .collect();
        for (r, c, value) in range.used_cells() {
            let (r, c) = (
                r + usize::try_from(r0).unwrap_or(0),
                c + usize::try_from(c0).unwrap_or(0),
            );
            let text = match value {
                Data::Error(e) => {
                    let p = Place {
                        row: u32::try_from(r + 1).unwrap_or(u32::MAX),
                        col: Some(c),
                        ..place.clone()
                    };
                    out.diagnostics.push(p.diag(
                        codes::CELL_ERROR,
                        Severity::Error,
                        &e.to_string(),
                        format!("单元格为错误值 {e}，按空白处理"),
                        format!("the cell holds the error value {e}; read as empty"),
                    ));
                    String::new()
                }
                other => cell_text(other),
            };
            if let Some(cell) = rows.get_mut(r).and_then(|row| row.cells.get_mut(c)) {
                *cell = text;
            }
        }
        // Formulas: the cached value is used; none cached is an error.
        if let Ok(formulas) = book.worksheet_formula(&sheet_name) {
            if let Some((f0, g0)) = formulas.start() {
                for (r, c, f) in formulas.used_cells() {
                    if f.is_empty() {
                        continue;
                    }
                    let (r, c) = (
                        r + usize::try_from(f0).unwrap_or(0),
                        c + usize::try_from(g0).unwrap_or(0),
                    );
                    let value = rows
                        .get(r)
                        .map(|row| row.cell(c).to_owned())
                        .unwrap_or_default();
                    let p = Place {
                        row: u32::try_from(r + 1).unwrap_or(u32::MAX),
                        col: Some(c),
                        ..place.clone()
                    };
                    out.diagnostics.push(if value.is_empty() {
                        p.diag(
                            codes::FORMULA_WITHOUT_VALUE,
                            Severity::Error,
                            &format!("={f}"),
                            "公式没有计算结果（文件未经 Excel 计算保存），按空白处理；请在 Excel 中打开并保存，或粘贴为数值",
                            "the formula has no calculated value (the file was never calculated and saved by Excel); read as empty: open and save it in Excel, or paste as values",
                        )
                    } else {
                        p.diag(
                            codes::FORMULA_VALUE_USED,
                            Severity::Warning,
                            &format!("={f}"),
                            format!("公式单元格，采用其计算结果「{value}」"),
                            format!("a formula cell: its calculated value \"{value}\" is used"),
                        )
                    });
                }
            }
        }
        // Merged cells: every cell of a region reads as its top-left cell.
        if let Ok(regions) = book.merge_cells_by_sheet_name(&sheet_name) {
            for region in regions {
                let (top, left) = (region.start.0 as usize, region.start.1 as usize);
                let (bottom, right) = (region.end.0 as usize, region.end.1 as usize);
                let value = rows
                    .get(top)
                    .map(|row| row.cell(left).to_owned())
                    .unwrap_or_default();
                for r in top..=bottom.min(end_row.saturating_sub(1)) {
                    if let Some(row) = rows.get_mut(r) {
                        for c in left..=right.min(width.saturating_sub(1)) {
                            if let Some(cell) = row.cells.get_mut(c) {
                                if cell.is_empty() {
                                    cell.clone_from(&value);
                                }
                            }
                        }
                    }
                }
            }
        }
        out.sheets.push(Sheet {
            file: name.to_owned(),
            name: sheet_name,
            rows,
        });
    }
    Ok(out)
}

fn too_many(place: &Place, rows: usize) -> OfficeError {
    OfficeError::single(place.diag(
        codes::TOO_MANY_ROWS,
        Severity::Error,
        "",
        format!("工作表有 {rows} 行，超过上限 {MAX_SHEET_ROWS} 行；请拆分后分别导入"),
        format!("the sheet has {rows} rows, more than the limit of {MAX_SHEET_ROWS}; split it and import the parts"),
    ))
}

/// The text a clerk sees in a cell.
fn cell_text(value: &Data) -> String {
    match value {
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => crate::text::yes_no_zh(*b).to_owned(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64().floor();
            if serial.is_finite() && (1.0..3_000_000.0).contains(&serial) {
                // Whole days since 1899-12-30 (the 1900 system, as Excel writes).
                let days = format!("{serial:.0}").parse::<i64>().unwrap_or(0);
                chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
                    .and_then(|base| base.checked_add_signed(chrono::TimeDelta::try_days(days)?))
                    .map_or_else(|| dt.to_string(), |d| d.format("%Y-%m-%d").to_string())
            } else {
                dt.to_string()
            }
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn read_csv(name: &str, bytes: &[u8], tabs: bool) -> Result<Workbook, OfficeError> {
    let place = Place::file(name);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        OfficeError::single(place.diag(
            codes::NOT_UTF8,
            Severity::Error,
            "",
            format!("CSV 文件不是 UTF-8 编码（第 {} 字节起）；请在 Excel 中另存为「CSV UTF-8（逗号分隔）」", e.valid_up_to()),
            format!("the CSV file is not UTF-8 (from byte {}); save it from Excel as \"CSV UTF-8 (Comma delimited)\"", e.valid_up_to()),
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(Workbook {
        sheets: vec![read_delimited(name, text, if tabs { b'\t' } else { b',' })?],
        diagnostics: Vec::new(),
    })
}

/// Reads delimited text (CSV, or tab-separated as Excel puts on the clipboard).
pub fn read_delimited(name: &str, text: &str, delimiter: u8) -> Result<Sheet, OfficeError> {
    let place = Place::file(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv reader skips blank lines; Excel shows each as a row, and a quoted
    // cell spanning several lines as one. So a record's row is the line it
    // starts on, less the extra lines of the multi-line cells before it.
    let mut record = csv::StringRecord::new();
    let mut extra_lines = 0u64;
    for i in 0.. {
        if i >= MAX_SHEET_ROWS {
            return Err(too_many(&place, i + 1));
        }
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            OfficeError::single(
                Place {
                    row: u32::try_from(line).unwrap_or(0),
                    ..place.clone()
                }
                .diag(
                    codes::CORRUPT,
                    Severity::Error,
                    "",
                    format!("CSV 无法解析：{e}"),
                    format!("the CSV cannot be parsed: {e}"),
                ),
            )
        })?;
        if !more {
            break;
        }
        // After the record the reader is at the line that follows its
        // terminator (or still on its last line at the end of an unterminated file).
        let pos = reader.position();
        let at_end_unterminated =
            usize::try_from(pos.byte()).is_ok_and(|b| b >= text.len()) && !text.ends_with('\n');
        let end_line = if at_end_unterminated {
            pos.line()
        } else {
            pos.line().saturating_sub(1)
        };
        let newlines = record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        let start_line = end_line.saturating_sub(newlines);
        let row = start_line.saturating_sub(extra_lines);
        extra_lines += newlines;
        rows.push(Row {
            number: u32::try_from(row).unwrap_or(u32::MAX),
            cells: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(Sheet {
        file: name.to_owned(),
        name: String::new(),
        rows,
    })
}
