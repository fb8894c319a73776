//! The spreadsheet functions (crate `fuquan-office`, docs/office.md): import a
//! district's lists, publish the town lists, the catalogue as rows for pandas.

use std::path::PathBuf;

use fuquan::time::Date;
use fuquan::{Diagnostic, Engine, InputError};
use fuquan_office::{import, publish, OfficeError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde_json::json;

use crate::{guarded, raise, to_py, RuleSet, ERROR, INPUT_ERROR};

/// An office error as the core's diagnostics, the place in `path`
/// (`file!sheet!C12`), so that the package's exceptions carry it.
fn input_error(e: &OfficeError) -> InputError {
    InputError {
        diagnostics: e
            .diagnostics
            .iter()
            .map(|d| {
                let mut path = d.file.clone();
                if !d.sheet.is_empty() {
                    path.push('!');
                    path.push_str(&d.sheet);
                }
                if d.row > 0 {
                    path.push_str(&format!("!{}{}", d.column, d.row));
                }
                Diagnostic::error(d.code, path, d.message_zh.clone(), d.message_en.clone())
            })
            .collect(),
    }
}

fn date(py: Python<'_>, s: &str, what: &str) -> PyResult<Date> {
    fuquan_office::text::date(s).ok_or_else(|| {
        raise(
            py,
            &INPUT_ERROR,
            "InputError",
            &InputError::single(Diagnostic::error(
                fuquan::codes::DATE_INVALID,
                what,
                format!("{what} 不是日期:{s:?}"),
                format!("{what} is not a date: {s:?}"),
            )),
        )
    })
}

fn paths(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if obj.cast::<PyString>().is_ok() || obj.hasattr("__fspath__")? {
        return Ok(vec![obj.extract()?]);
    }
    obj.extract()
}

/// Imports a district's spreadsheets (`.xlsx`/`.csv`, a path or a list of paths)
/// onto a base rule set (default: the embedded one). Returns a dict: `ok`,
/// `counts`, `diagnostics` (every refused or skipped row, placed), `validation`
/// (the result's validation diagnostics) and `document` (the rule-set document,
/// without the refused rows; `RuleSet.from_json(result["document"])` loads it).
/// A file that cannot be read at all raises `InputError` naming it.
#[pyfunction]
#[pyo3(signature = (path, *, base=None, document=None, document_title=None, effective=None, version=None, effective_from=None))]
#[allow(clippy::too_many_arguments)]
pub fn import_catalogue<'py>(
    py: Python<'py>,
    path: &Bound<'py, PyAny>,
    base: Option<&Bound<'py, RuleSet>>,
    document: Option<String>,
    document_title: Option<String>,
    effective: Option<String>,
    version: Option<String>,
    effective_from: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let files = paths(path)?;
    let base_doc = match base {
        Some(rs) => rs.get().engine.document().clone(),
        None => Engine::embedded()
            .map_err(|e| raise(py, &ERROR, "Error", &e))?
            .document()
            .clone(),
    };
    let options = import::ImportOptions {
        document: document.map(|n| {
            let number = fuquan_office::text::document_number(&n);
            fuquan::ruleset::source::GrantDocument {
                title_zh: document_title.unwrap_or_else(|| number.clone()),
                title_en: format!("Document {number}"),
                number,
            }
        }),
        effective: effective.map(|s| date(py, &s, "effective")).transpose()?,
        version,
        effective_from: effective_from
            .map(|s| date(py, &s, "effective_from"))
            .transpose()?,
        ..import::ImportOptions::default()
    };
    let result = py
        .detach(|| guarded(|| import::import_files(&files, &base_doc, &options)))
        .map_err(|d| raise(py, &ERROR, "Error", &InputError::single(d)))?;
    match result {
        Ok(r) => to_py(
            py,
            &json!({
                "ok": r.ok,
                "counts": r.counts,
                "diagnostics": r.diagnostics,
                "validation": r.validation,
                "document": r.document,
            }),
        ),
        Err(e) => Err(raise(py, &INPUT_ERROR, "InputError", &input_error(&e))),
    }
}

/// `RuleSet.publish`: writes the lists in force on `date` into `out_dir`.
pub fn publish_to<'py>(
    py: Python<'py>,
    engine: &Engine,
    on: &str,
    out_dir: PathBuf,
    formats: Vec<String>,
    replace: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let d = date(py, on, "date")?;
    let mut f = publish::Formats {
        xlsx: false,
        csv: false,
        html: false,
    };
    for x in &formats {
        match x.as_str() {
            "xlsx" => f.xlsx = true,
            "csv" => f.csv = true,
            "html" => f.html = true,
            other => {
                return Err(raise(
                    py,
                    &INPUT_ERROR,
                    "InputError",
                    &InputError::single(Diagnostic::error(
                        "input.invalid_value",
                        "formats",
                        format!("未知格式 {other:?}(xlsx、csv、html)"),
                        format!("unknown format {other:?} (xlsx, csv, html)"),
                    )),
                ))
            }
        }
    }
    let result = py
        .detach(|| guarded(|| publish::write(engine, d, &out_dir, f, replace)))
        .map_err(|dg| raise(py, &ERROR, "Error", &InputError::single(dg)))?;
    match result {
        Ok(p) => to_py(py, &publish::summary_json(&p)),
        Err(e) => Err(raise(py, &ERROR, "Error", &input_error(&e))),
    }
}

/// `RuleSet.catalogue_rows`: every (town, item) on the lists on `date`, as dicts.
pub fn rows<'py>(py: Python<'py>, engine: &Engine, on: &str) -> PyResult<Bound<'py, PyAny>> {
    let d = date(py, on, "date")?;
    match guarded(|| publish::catalogue_rows(engine, d)) {
        Ok(Ok(rows)) => to_py(py, &rows),
        Ok(Err(e)) => Err(raise(py, &ERROR, "Error", &input_error(&e))),
        Err(dg) => Err(raise(py, &ERROR, "Error", &InputError::single(dg))),
    }
}
