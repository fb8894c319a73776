//! Python bindings for fuquan (赋权): a thin layer over the core's JSON boundary
//! ([`fuquan::api`]). It converts Python values to JSON values and back, calls
//! the core, and turns refused input into Python exceptions. There is no rule
//! logic here: every answer is the core's answer, byte for byte the same JSON
//! the CLI and the WASM package give.
//!
//! One entry point reads Python objects directly instead of through JSON
//! values: `RuleSet.route_columns` (module `columns`), which builds the
//! core's typed cases from DataFrame-like columns for speed and still routes
//! through the core's compact-row function, so its rows are `route_many`'s;
//! and `RuleSet.route_arrow` (module `arrow`), which does the same from Arrow
//! arrays into Arrow arrays, on several threads.
//!
//! The extension module is `fuquan._fuquan`; the public package `fuquan`
//! (pure Python, `python/fuquan/`) re-exports it and defines the exception
//! classes, which this module raises by importing `fuquan._errors`.

// Errors are the cold path and carry both languages and a path, as in the core.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use fuquan::api::{self, CompactAnswer};
use fuquan::routing::Disposition;
use fuquan::time::Date;
use fuquan::{Diagnostic, Engine, InputError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use serde_json::Value;

mod arrow;
mod columns;
mod office;

/// Code of the binding's own diagnostic for a Python value with no JSON form
/// (a `datetime.date`, a `set`, a dict with non-`str` keys, ...). It is the
/// core's code for a value of the wrong JSON type.
const INVALID_TYPE: &str = "input.invalid_type";
/// Code reported if the engine ever panics (it has no panics on input; this is
/// a safety net so a bug can never take the Python process down).
const INTERNAL_PANIC: &str = "internal.panic";
/// Cases converted and routed per GIL release in `route_many`: bounds memory
/// for huge batches and keeps other Python threads responsive.
const CHUNK: usize = 4096;
/// Full answers are large: fewer per GIL release keeps the allocator's working set small.
const FULL_CHUNK: usize = 256;
/// Most distinct strings `route_many` shares between compact rows.
const SHARED_STRINGS: usize = 1 << 16;

static ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static RULESET_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Builds one of the `fuquan._errors` exceptions from the core's diagnostics.
fn raise(
    py: Python<'_>,
    class: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    e: &InputError,
) -> PyErr {
    let class = match class.import(py, "fuquan._errors", name) {
        Ok(c) => c,
        Err(err) => return err,
    };
    let diagnostics = match pythonize::pythonize(py, &e.diagnostics) {
        Ok(d) => d,
        Err(err) => return PyErr::from(err),
    };
    match class.call1((e.to_string(), diagnostics)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

fn ruleset_error(py: Python<'_>, e: &InputError) -> PyErr {
    raise(py, &RULESET_ERROR, "RuleSetError", e)
}

fn input_error(py: Python<'_>, e: &InputError) -> PyErr {
    raise(py, &INPUT_ERROR, "InputError", e)
}

fn panic_diagnostic(payload: &(dyn std::any::Any + Send)) -> Diagnostic {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Diagnostic::error(
        INTERNAL_PANIC,
        "",
        format!("引擎内部错误(请报告此问题):{what}"),
        format!("internal error in the engine (please report it): {what}"),
    )
}

/// Runs engine code; a panic becomes a diagnostic instead of unwinding into Python.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Diagnostic> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| panic_diagnostic(p.as_ref()))
}

/// Deepest nesting accepted from Python, as the core's JSON parser (and a
/// guard against self-referencing lists and dicts).
const MAX_DEPTH: usize = 128;

/// Why a Python value could not be converted, and where (innermost segment first).
struct Unconvertible {
    /// Path segments from the offending value outwards: `.key` or `[i]`.
    rev_path: Vec<String>,
    code: &'static str,
    what: String,
}

impl Unconvertible {
    fn into_diagnostic(self) -> Diagnostic {
        let mut path: String = self.rev_path.iter().rev().map(String::as_str).collect();
        if path.starts_with('.') {
            path.remove(0);
        }
        let (zh, expected) = if self.code == TOO_DEEP {
            ("嵌套过深(上限 128 层)", "at most 128 levels of nesting")
        } else {
            ("类型不正确,无法转换为 JSON", "a JSON-compatible value: dict with str keys, list, tuple, str, int, float, bool or None")
        };
        Diagnostic::error(
            self.code,
            path.clone(),
            format!("{path}:{zh}({})", self.what),
            self.what,
        )
        .expected(expected)
    }
}

/// Code for nesting deeper than [`MAX_DEPTH`]: the core's code for the same limit on JSON text.
const TOO_DEEP: &str = "input.too_large";

/// Converts a Python value into a JSON value: `dict` (str keys), `list`/`tuple`,
/// `str`, `int`, `float`, `bool`, `None`; anything else goes through pythonize
/// (other mappings and sequences, sets, dataclasses). A float that is NaN or
/// infinite becomes `null`, as in serde_json (pandas writes NaN for missing
/// cells). An int beyond 64 bits becomes a float, as in JSON text. A value
/// with no JSON form is refused with `input.invalid_type` and its path.
fn to_json(obj: &Bound<'_, PyAny>) -> Result<Value, Diagnostic> {
    convert(obj, 0).map_err(Unconvertible::into_diagnostic)
}

fn convert(obj: &Bound<'_, PyAny>, depth: usize) -> Result<Value, Unconvertible> {
    let fail = |code: &'static str, what: String| Unconvertible {
        rev_path: Vec::new(),
        code,
        what,
    };
    if depth > MAX_DEPTH {
        return Err(fail(
            TOO_DEEP,
            format!("nested more than {MAX_DEPTH} levels deep"),
        ));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_cow()
            .map(|s| Value::String(s.into_owned()))
            .map_err(|e| fail(INVALID_TYPE, e.to_string()));
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = match k.cast::<PyString>() {
                Ok(k) => k
                    .to_cow()
                    .map_err(|e| fail(INVALID_TYPE, e.to_string()))?
                    .into_owned(),
                Err(_) => {
                    return Err(fail(
                        INVALID_TYPE,
                        format!("dict key {} is not a str", type_name(&k)),
                    ))
                }
            };
            match convert(&v, depth + 1) {
                Ok(v) => {
                    map.insert(key, v);
                }
                Err(mut e) => {
                    e.rev_path.push(format!(".{key}"));
                    return Err(e);
                }
            }
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, v) in obj
            .try_iter()
            .map_err(|e| fail(INVALID_TYPE, e.to_string()))?
            .enumerate()
        {
            let v = v.map_err(|e| fail(INVALID_TYPE, e.to_string()))?;
            match convert(&v, depth + 1) {
                Ok(v) => items.push(v),
                Err(mut e) => {
                    e.rev_path.push(format!("[{i}]"));
                    return Err(e);
                }
            }
        }
        return Ok(Value::Array(items));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(i) = i.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = i.extract::<u64>() {
            return Ok(Value::from(u));
        }
        let f: f64 = i
            .extract()
            .map_err(|e: PyErr| fail(INVALID_TYPE, e.to_string()))?;
        return Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(fail(
            INVALID_TYPE,
            format!("unsupported type {}", type_name(obj)),
        ));
    }
    // Subclasses of the types above and other containers: pythonize knows them.
    pythonize::depythonize::<Value>(obj).map_err(|e| fail(INVALID_TYPE, e.to_string()))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Converts a serialisable Rust value (a JSON value or a core answer) to Python.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// The errors of an error answer, read back as the core's type (for the
/// exception's message and attributes).
fn answer_errors(answer: &Value) -> Option<InputError> {
    if answer.get("status").and_then(Value::as_str) != Some("error") {
        return None;
    }
    let errors = answer.get("errors").cloned().unwrap_or(Value::Null);
    let diagnostics: Vec<Diagnostic> = serde_json::from_value(errors).unwrap_or_default();
    Some(InputError { diagnostics })
}

/// `case_id` of a case dict, kept for the compact row of a case that could
/// not even be converted to JSON.
fn py_case_id(obj: &Bound<'_, PyAny>) -> Option<String> {
    obj.get_item("case_id").ok()?.extract::<String>().ok()
}

/// A loaded, validated rule set: the routing engine.
///
/// `RuleSet()` is the embedded default (Huancui 2024, sample data). Load your
/// own with `RuleSet.from_dir(path)` or `RuleSet.from_json(text_or_dict)`.
/// A rule set is immutable and safe to share between threads.
#[pyclass(name = "RuleSet", module = "fuquan", frozen)]
struct RuleSet {
    engine: Engine,
}

fn load(py: Python<'_>, f: impl FnOnce() -> Result<Engine, InputError>) -> PyResult<RuleSet> {
    match guarded(f) {
        Ok(Ok(engine)) => Ok(RuleSet { engine }),
        Ok(Err(e)) => Err(ruleset_error(py, &e)),
        Err(d) => Err(raise(py, &ERROR, "Error", &InputError::single(d))),
    }
}

#[pymethods]
impl RuleSet {
    /// The embedded default rule set (Huancui 2024, sample data).
    #[new]
    fn new(py: Python<'_>) -> PyResult<RuleSet> {
        load(py, Engine::embedded)
    }

    /// Loads a rule-set directory (`ruleset.json` plus the list files).
    /// Raises `RuleSetError` if it cannot be read or is invalid.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<RuleSet> {
        load(py, || Engine::from_dir(&path))
    }

    /// Loads a rule set from one JSON document, given as a `str` of JSON text
    /// or as a dict. Raises `RuleSetError` if it is invalid.
    #[staticmethod]
    fn from_json(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<RuleSet> {
        if let Ok(text) = document.cast::<PyString>() {
            let text = text.to_cow()?;
            return load(py, || Engine::from_json_str(&text));
        }
        let value = to_json(document).map_err(|d| ruleset_error(py, &InputError::single(d)))?;
        load(py, || Engine::from_json_value(value))
    }

    /// The rule set's id (`meta.id`), e.g. `"huancui-2024"`.
    #[getter]
    fn id(&self) -> &str {
        &self.engine.meta().id
    }

    /// The rule set's version (`meta.version`).
    #[getter]
    fn version(&self) -> &str {
        &self.engine.meta().version
    }

    /// Warnings found when the rule set was validated (list of diagnostic dicts).
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.engine.warnings())
    }

    /// Writes each town's 执法事项清单 and 巡查事项清单 and the district summary in
    /// force on `date` (`YYYY-MM-DD`) into `out_dir` — `.xlsx` formatted for
    /// printing, CSV with BOM, one HTML page — written whole or not at all (an
    /// existing non-empty `out_dir` only with `replace=True`). Returns a summary
    /// dict (`date`, per town the counts). See docs/office.md.
    #[pyo3(signature = (date, out_dir, *, formats=vec!["xlsx".to_owned(), "csv".to_owned(), "html".to_owned()], replace=false))]
    fn publish<'py>(
        &self,
        py: Python<'py>,
        date: &str,
        out_dir: PathBuf,
        formats: Vec<String>,
        replace: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        office::publish_to(py, &self.engine, date, out_dir, formats, replace)
    }

    /// Every (town, item) on the lists on `date`, as dicts (for
    /// `pandas.DataFrame(rows)`): town, town_zh, item, name_zh, kind, domain,
    /// department, mode, status, grant, document, effective, establishing_basis,
    /// penalty_basis, discretion_benchmark.
    fn catalogue_rows<'py>(&self, py: Python<'py>, date: &str) -> PyResult<Bound<'py, PyAny>> {
        office::rows(py, &self.engine, date)
    }

    /// Routes one case (a dict in the JSON contract) and returns the full
    /// answer dict `{"status": "ok", "ruling": {...}, "warnings": [...]}`.
    ///
    /// A refused case raises `InputError`, or with `raise_errors=False`
    /// returns the error answer `{"status": "error", "errors": [...], "warnings": []}`.
    #[pyo3(signature = (case, *, raise_errors = true))]
    fn route<'py>(
        &self,
        py: Python<'py>,
        case: &Bound<'py, PyAny>,
        raise_errors: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let answer = match to_json(case) {
            Ok(request) => match guarded(|| api::route_value(&self.engine, request)) {
                Ok(answer) => answer,
                Err(d) => return Err(raise(py, &ERROR, "Error", &InputError::single(d))),
            },
            Err(d) => api::error_value(vec![d]),
        };
        if raise_errors {
            if let Some(e) = answer_errors(&answer) {
                return Err(input_error(py, &e));
            }
        }
        PyBuilder::new(py).json(&answer)
    }

    /// Any decision by name (`route`, `validate`, `staffing`, `staffing_district`,
    /// `screen`, `screen_catalogue`, `dispute`, `designation_request`,
    /// `platform_schedule`, `dispatch`, `coverage`, `inspection_plan`, `supervision`,
    /// `route_history`; see `fuquan.OPERATIONS`): the request dict
    /// in, the answer dict out — the core's one generic entry point, so every
    /// decision answers exactly as in Rust and JS.
    ///
    /// A refused request raises `InputError`, or with `raise_errors=False`
    /// returns the error answer `{"status": "error", "errors": [...], "warnings": []}`.
    #[pyo3(signature = (operation, request, *, raise_errors = true))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        request: &Bound<'py, PyAny>,
        raise_errors: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let answer = match to_json(request) {
            Ok(request) => match guarded(|| api::call(&self.engine, operation, request)) {
                Ok(answer) => answer,
                Err(d) => return Err(raise(py, &ERROR, "Error", &InputError::single(d))),
            },
            Err(d) => api::error_value(vec![d]),
        };
        if raise_errors {
            if let Some(e) = answer_errors(&answer) {
                return Err(input_error(py, &e));
            }
        }
        PyBuilder::new(py).json(&answer)
    }

    /// A drafted document as `.docx` bytes (`docs/drafting.md`): the `draft`
    /// operation's request dict (`{"document", "request" | "grant" + "town",
    /// "fill"}`); the engine re-runs the source decision and renders the same
    /// blocks as the answer's `text` and `html`. A refused request raises
    /// `InputError`.
    fn draft_docx<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let request = to_json(request).map_err(|d| input_error(py, &InputError::single(d)))?;
        let bytes = guarded(|| {
            fuquan::drafting::draft_value(&self.engine, request)
                .and_then(|d| fuquan::drafting::docx::to_docx(&d))
        });
        match bytes {
            Ok(Ok(b)) => Ok(pyo3::types::PyBytes::new(py, &b)),
            Ok(Err(e)) => Err(input_error(py, &e)),
            Err(d) => Err(raise(py, &ERROR, "Error", &InputError::single(d))),
        }
    }

    /// The Chinese and English label of every code answers carry (dispositions,
    /// item statuses, dispute stages, …): the `labels` operation. With names,
    /// only those vocabularies: `rs.labels("disposition", "dispute_stage")`.
    #[pyo3(signature = (*vocabularies))]
    fn labels<'py>(
        &self,
        py: Python<'py>,
        vocabularies: Vec<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = serde_json::json!({ "vocabularies": vocabularies });
        self.answer_of(py, "labels", request)
    }

    /// The rule set's towns, departments, bodies, items, domains or classes
    /// (`list`), with their Chinese and English names; with `query`, what a
    /// name, short form or id resolves to (`rs.lookup("towns", "张村")`): the
    /// `lookup` operation.
    #[pyo3(signature = (list, query = None))]
    fn lookup<'py>(
        &self,
        py: Python<'py>,
        list: &str,
        query: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = match query {
            Some(q) => serde_json::json!({ "list": list, "query": q }),
            None => serde_json::json!({ "list": list }),
        };
        self.answer_of(py, "lookup", request)
    }

    /// Any decision by name with the request as raw JSON text (`str`): the text
    /// reaches the engine as written, so malformed JSON, floats where money is
    /// expected and duplicate keys get the same codes as in Rust and JS. Never
    /// raises for a refused request: returns the answer dict (status `error`).
    fn call_json<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        request: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = py.detach(|| guarded(|| api::call_json_str(&self.engine, operation, request)));
        let answer = match text {
            Ok(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
            Err(d) => return Err(raise(py, &ERROR, "Error", &InputError::single(d))),
        };
        PyBuilder::new(py).json(&answer)
    }

    /// Routes many cases (any iterable of dicts) and returns one dict per
    /// case, in order. Never raises for a bad case: its row says why.
    ///
    /// `compact=True` (default): flat rows (`status`, `case_id`, `disposition`,
    /// `handler`, ..., `error_code`, `error_path`, `error_message`), ready for
    /// `pandas.DataFrame`; `summary=True` adds `summary_zh` / `summary_en`.
    /// `compact=False`: the full answers, as `route(..., raise_errors=False)`.
    /// The routing itself runs with the GIL released.
    #[pyo3(signature = (cases, *, compact = true, summary = false))]
    fn route_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        compact: bool,
        summary: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        let mut chunk: Vec<(Option<String>, Result<Value, Diagnostic>)> = Vec::with_capacity(CHUNK);
        let mut iter = cases.try_iter()?;
        let mut rows_out = PyBuilder::new(py);
        let limit = if compact { CHUNK } else { FULL_CHUNK };
        loop {
            let next = iter.next().transpose()?;
            let done = next.is_none();
            if let Some(case) = next {
                let converted = to_json(&case);
                let case_id = if converted.is_err() {
                    py_case_id(&case)
                } else {
                    None
                };
                chunk.push((case_id, converted));
            }
            if chunk.len() == limit || (done && !chunk.is_empty()) {
                let batch = std::mem::take(&mut chunk);
                if compact {
                    let rows = py.detach(|| self.compact_rows(batch, summary));
                    for row in rows {
                        out.append(rows_out.row(row)?)?;
                    }
                } else {
                    let answers = py.detach(|| self.full_answers(batch));
                    for answer in &answers {
                        out.append(rows_out.json(answer)?)?;
                    }
                }
            }
            if done {
                return Ok(out);
            }
        }
    }

    /// Routes cases given as columns — one sequence per case field, as in a
    /// pandas DataFrame — and returns the compact answer as columns: a dict
    /// of equal-length lists with the keys of `route_many(compact=True)`'s
    /// rows (`status`, `case_id`, `disposition`, `handler`, ..., `warnings`,
    /// `error_code`, `error_path`, `error_message`), row for row the same
    /// values. `pandas.DataFrame(rs.route_columns(**df))` is the usual call.
    ///
    /// Columns (keyword arguments; lists, tuples, NumPy arrays or pandas
    /// Series; a single non-list value is used for every row):
    /// `location`, `item` (one code per row) or `items` (a list per row),
    /// `party`, `business_activity` (required); `violation`, `discovery`,
    /// `filing`, `decision` (`"YYYY-MM-DD"` or `datetime.date`); `sanctions`
    /// (a list of names per row, or one name); `fine` / `confiscation` (yuan
    /// as a string such as `"49999.99"`, or a whole number of yuan) or
    /// `fine_fen` / `confiscation_fen` (integer fen) — floats are refused
    /// (`money.float`); the flags `major_and_complex`, `needs_recusal`,
    /// `unsuited_to_town_level`, `district_designation`,
    /// `major_public_interest`, `complex_multiple_legal_relations`,
    /// `review_required_by_law`, `hearing_requested`; `opened_by`; `case_id`.
    /// `None` (or NaN, `NaT`) in a cell means the field is absent.
    ///
    /// A bad cell or a refused case never raises: its row has
    /// `status == "error"` and `error_path` names the column and row, e.g.
    /// `fine[17]` (a row with several bad cells reports the first, in the order
    /// of the case's fields). An unknown column, a missing required column, a
    /// field given twice (`fine` and `fine_fen`) or columns of different
    /// lengths raise `InputError`. `summary=True` fills `summary_zh` /
    /// `summary_en`. The routing runs with the GIL released.
    #[pyo3(signature = (*, summary = false, **columns))]
    fn route_columns<'py>(
        &self,
        py: Python<'py>,
        summary: bool,
        columns: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        columns::route_columns(&self.engine, py, columns, summary)
    }

    /// Routes cases given as an Arrow table or stream — anything with
    /// `__arrow_c_stream__` or `__arrow_c_array__` (a pyarrow `Table` or
    /// `RecordBatch`, a Polars `DataFrame`, a DuckDB relation, a pandas
    /// DataFrame with Arrow dtypes) — and returns the compact answer as an
    /// Arrow table: a `pyarrow.Table` when pyarrow is installed, otherwise an
    /// object with `__arrow_c_stream__` that Polars and DuckDB read.
    ///
    /// The columns are `route_columns`'s names (`location`, `item` or
    /// `items`, `party`, `business_activity` required; the others optional),
    /// and only those: select them first. Types: strings as `utf8`,
    /// `large_utf8`, `utf8_view` or dictionaries of them; `items` and
    /// `sanctions` as lists of strings (`sanctions` also one name per row);
    /// flags as booleans (null = false); dates as `date32`, `date64`, a
    /// timestamp without time zone at midnight, or `YYYY-MM-DD` strings;
    /// `fine` / `confiscation` as yuan strings, integers of yuan or decimals
    /// (exact, at most two decimal places), `fine_fen` / `confiscation_fen` as
    /// integers; a float amount is an error row (`money.float`).
    ///
    /// The answer's columns are `route_columns`'s keys, in order: `status`,
    /// `disposition`, the body ids, `rule_ids`, `warnings` and `error_code`
    /// dictionary-encoded, `relevant_date` as `date32`, the three answers as
    /// booleans, `case_id` as given (of type null without a `case_id` column),
    /// `summary_zh` / `summary_en` of type null unless `summary=True`. A bad
    /// cell is an error row naming the
    /// column and the row (rows counted over the whole input), e.g. `fine[17]`;
    /// a column that is unknown, missing, given twice or of a wrong type raises
    /// `InputError`.
    ///
    /// Routing runs on `threads` threads (default: every core) with the GIL
    /// released, in pieces of 32,768 rows; the rows come back in input order.
    #[pyo3(signature = (data, *, threads = None, summary = false))]
    fn route_arrow<'py>(
        &self,
        py: Python<'py>,
        data: pyo3_arrow::input::AnyRecordBatch,
        threads: Option<usize>,
        summary: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        arrow::route_arrow(&self.engine, py, data, threads, summary)
    }

    /// Pickling: a rule set travels as its rule-set document (JSON text) and
    /// its content hash; unpickling rebuilds the engine's index and checks
    /// the hash, so a worker routes with exactly the rule set it was sent.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let document = serde_json::to_string(self.engine.document())
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let rebuild = py.import("fuquan._fuquan")?.getattr("_rebuild_ruleset")?;
        let args = (document, self.engine.content_hash().to_owned()).into_pyobject(py)?;
        PyTuple::new(py, [rebuild.into_any(), args.into_any()])
    }

    /// The SHA-256 content hash of the rule-set document (lowercase hex).
    #[getter]
    fn content_hash(&self) -> &str {
        self.engine.content_hash()
    }

    fn __repr__(&self) -> String {
        let meta = self.engine.meta();
        format!("RuleSet(id={:?}, version={:?})", meta.id, meta.version)
    }
}

impl RuleSet {
    /// The answer of `operation` on a request built here; refusals raise
    /// `InputError` like `call`.
    fn answer_of<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        request: Value,
    ) -> PyResult<Bound<'py, PyAny>> {
        let answer = match guarded(|| api::call(&self.engine, operation, request)) {
            Ok(answer) => answer,
            Err(d) => return Err(raise(py, &ERROR, "Error", &InputError::single(d))),
        };
        if let Some(e) = answer_errors(&answer) {
            return Err(input_error(py, &e));
        }
        PyBuilder::new(py).json(&answer)
    }

    fn compact_rows(
        &self,
        batch: Vec<(Option<String>, Result<Value, Diagnostic>)>,
        summary: bool,
    ) -> Vec<CompactAnswer> {
        batch
            .into_iter()
            .map(|(case_id, converted)| match converted {
                Ok(request) => {
                    let case_id = request
                        .get("case_id")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                    guarded(|| api::route_compact_value(&self.engine, request, summary))
                        .unwrap_or_else(|d| CompactAnswer::of_error(case_id, &[d]))
                }
                Err(d) => CompactAnswer::of_error(case_id, &[d]),
            })
            .collect()
    }

    fn full_answers(&self, batch: Vec<(Option<String>, Result<Value, Diagnostic>)>) -> Vec<Value> {
        batch
            .into_iter()
            .map(|(_, converted)| match converted {
                Ok(request) => guarded(|| api::route_value(&self.engine, request))
                    .unwrap_or_else(|d| api::error_value(vec![d])),
                Err(d) => api::error_value(vec![d]),
            })
            .collect()
    }
}

/// Builds Python values from answers by hand. Compact rows get interned keys;
/// repetitive strings (ids, names, dates, rule ids, summaries, codes, dict
/// keys of full answers) are shared between rows, which makes a million-row
/// batch faster and several times smaller in memory than one new string per cell.
struct PyBuilder<'py> {
    py: Python<'py>,
    text: HashMap<String, Bound<'py, PyString>>,
    dates: HashMap<Date, Bound<'py, PyString>>,
    dispositions: HashMap<Disposition, Bound<'py, PyAny>>,
}

impl<'py> PyBuilder<'py> {
    fn new(py: Python<'py>) -> PyBuilder<'py> {
        PyBuilder {
            py,
            text: HashMap::new(),
            dates: HashMap::new(),
            dispositions: HashMap::new(),
        }
    }

    fn shared(&mut self, s: &str) -> Bound<'py, PyString> {
        if let Some(shared) = self.text.get(s) {
            return shared.clone();
        }
        let new = PyString::new(self.py, s);
        if self.text.len() < SHARED_STRINGS {
            self.text.insert(s.to_owned(), new.clone());
        }
        new
    }

    fn text(&mut self, s: Option<String>) -> Bound<'py, PyAny> {
        match s {
            Some(s) => self.shared(&s).into_any(),
            None => self.py.None().into_bound(self.py),
        }
    }

    /// A JSON value (a full answer) as Python dicts, lists, str, int, float, bool, None.
    fn json(&mut self, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match v {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    i.into_pyobject(py)?.into_any()
                } else if let Some(u) = n.as_u64() {
                    u.into_pyobject(py)?.into_any()
                } else {
                    n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
                }
            }
            Value::String(s) => self.shared(s).into_any(),
            Value::Array(items) => {
                let list = PyList::empty(py);
                for item in items {
                    list.append(self.json(item)?)?;
                }
                list.into_any()
            }
            Value::Object(map) => {
                let dict = PyDict::new(py);
                for (k, item) in map {
                    dict.set_item(self.shared(k), self.json(item)?)?;
                }
                dict.into_any()
            }
        })
    }

    fn date(&mut self, d: Option<Date>) -> Bound<'py, PyAny> {
        let Some(d) = d else {
            return self.py.None().into_bound(self.py);
        };
        let py = self.py;
        self.dates
            .entry(d)
            .or_insert_with(|| PyString::new(py, &d.to_string()))
            .clone()
            .into_any()
    }

    fn disposition(&mut self, d: Option<Disposition>) -> PyResult<Bound<'py, PyAny>> {
        let Some(d) = d else {
            return Ok(self.py.None().into_bound(self.py));
        };
        if let Some(shared) = self.dispositions.get(&d) {
            return Ok(shared.clone());
        }
        // The wire name comes from the core's serde attributes, not from a table here.
        let new = to_py(self.py, &d)?;
        self.dispositions.insert(d, new.clone());
        Ok(new)
    }

    /// The dict of one row; the same keys, in the same order, as serialising
    /// [`CompactAnswer`] (the destructuring breaks the build if a field is added).
    fn row(&mut self, row: CompactAnswer) -> PyResult<Bound<'py, PyDict>> {
        let CompactAnswer {
            status,
            case_id,
            disposition,
            handler,
            acts_in_name_of,
            review_body,
            transfer_to,
            handover_to,
            relevant_date,
            in_transition,
            legal_review,
            hearing,
            rule_ids,
            warnings,
            summary_zh,
            summary_en,
            error_code,
            error_path,
            error_message,
        } = row;
        let py = self.py;
        let d = PyDict::new(py);
        d.set_item(intern!(py, "status"), self.shared(status))?;
        d.set_item(intern!(py, "case_id"), case_id)?;
        d.set_item(intern!(py, "disposition"), self.disposition(disposition)?)?;
        d.set_item(intern!(py, "handler"), self.text(handler))?;
        d.set_item(intern!(py, "acts_in_name_of"), self.text(acts_in_name_of))?;
        d.set_item(intern!(py, "review_body"), self.text(review_body))?;
        d.set_item(intern!(py, "transfer_to"), self.text(transfer_to))?;
        d.set_item(intern!(py, "handover_to"), self.text(handover_to))?;
        d.set_item(intern!(py, "relevant_date"), self.date(relevant_date))?;
        d.set_item(intern!(py, "in_transition"), in_transition)?;
        d.set_item(intern!(py, "legal_review"), legal_review)?;
        d.set_item(intern!(py, "hearing"), hearing)?;
        d.set_item(intern!(py, "rule_ids"), self.text(rule_ids))?;
        d.set_item(intern!(py, "warnings"), self.text(warnings))?;
        d.set_item(intern!(py, "summary_zh"), self.text(summary_zh))?;
        d.set_item(intern!(py, "summary_en"), self.text(summary_en))?;
        d.set_item(intern!(py, "error_code"), self.text(error_code))?;
        d.set_item(intern!(py, "error_path"), self.text(error_path))?;
        d.set_item(intern!(py, "error_message"), self.text(error_message))?;
        Ok(d)
    }
}

/// Validates a rule set and returns `{"status": "ok"|"error", "diagnostics": [...]}`
/// (never raises for a bad rule set).
///
/// `doc_or_path`: a directory (`str` or `os.PathLike`), JSON text (a `str`
/// that is not a directory), or a document (dict). Anything else is read as
/// a document, so it gets the core's diagnostic (e.g. `input.invalid_type`).
#[pyfunction]
fn validate<'py>(py: Python<'py>, doc_or_path: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let answer = if let Ok(text) = doc_or_path.cast::<PyString>() {
        let text = text.to_cow()?;
        if Path::new(text.as_ref()).is_dir() {
            guarded(|| api::validate_dir(Path::new(text.as_ref())))
        } else {
            guarded(|| api::validate_json_str(&text))
                .map(|s| serde_json::from_str(&s).unwrap_or(Value::Null))
        }
    } else if doc_or_path.hasattr("__fspath__")? {
        let path: PathBuf = doc_or_path.extract()?;
        guarded(|| api::validate_dir(&path))
    } else {
        match to_json(doc_or_path) {
            Ok(document) => guarded(|| api::validate_value(document)),
            Err(d) => {
                return to_py(
                    py,
                    &api::ValidateAnswer {
                        status: "error",
                        diagnostics: vec![d],
                    },
                )
            }
        }
    };
    match answer {
        Ok(answer) => to_py(py, &answer),
        Err(d) => Err(raise(py, &ERROR, "Error", &InputError::single(d))),
    }
}

/// Rebuilds a pickled `RuleSet` from its document and checks the content hash.
#[pyfunction]
fn _rebuild_ruleset(py: Python<'_>, document: &str, content_hash: &str) -> PyResult<RuleSet> {
    let rs = load(py, || Engine::from_json_str(document))?;
    if rs.engine.content_hash() != content_hash {
        let d = Diagnostic::error(
            "ruleset.content_hash_mismatch",
            "",
            format!(
                "反序列化的规则集内容哈希 {} 与原哈希 {content_hash} 不一致",
                rs.engine.content_hash()
            ),
            format!(
                "the unpickled rule set hashes to {}, not to the {content_hash} it was sent with",
                rs.engine.content_hash()
            ),
        );
        return Err(ruleset_error(py, &InputError::single(d)));
    }
    Ok(rs)
}

/// fuquan (赋权): who handles an administrative enforcement case after powers
/// are devolved to towns, in whose name, and why. Use the `fuquan` package.
#[pymodule]
fn _fuquan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RuleSet>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(_rebuild_ruleset, m)?)?;
    m.add_function(wrap_pyfunction!(office::import_catalogue, m)?)?;
    m.add("OPERATIONS", api::OPERATIONS.to_vec())?;
    Ok(())
}
