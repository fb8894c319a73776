//! `RuleSet.route_columns`: routing cases given as columns (one Python
//! sequence per case field, as in a pandas DataFrame) into columns of the
//! compact answer.
//!
//! The batch entry point `route_many` converts every case dict into a
//! `serde_json::Value` and then into the core's [`Case`]; here each cell is
//! read straight from its Python object (a `str` is read in place, without a
//! copy, where the core needs only to look at it) and the typed [`Case`] is
//! built directly. Routing is the core's [`api::route_compact`], so every
//! row is exactly the row `route_many(compact=True)` gives for the same case.
//!
//! Errors follow `route_many`: a bad cell or a refused case gives an error row
//! (`status == "error"`), whose `error_path` names the column and the row,
//! e.g. `fine[17]` or `items[3][1]`. Only a problem with the call itself — an
//! unknown column, a missing required column, a field given twice, columns
//! of different lengths — raises `InputError`.

use fuquan::api::{self, CompactAnswer, CompactRuling};
use fuquan::codes;
use fuquan::money::{Money, MoneyError};
use fuquan::routing::{Case, CaseDates, CaseFlags, Disposition, Party};
use fuquan::rules::RuleSet;
use fuquan::ruleset::source::Sanction;
use fuquan::ruleset::Body;
use fuquan::time::Date;
use fuquan::{Diagnostic, Engine, InputError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyList, PyString, PyTuple, PyType};
use serde::de::value::{Error as DeError, StrDeserializer};
use serde::Deserialize;

use crate::{guarded, input_error, PyBuilder, CHUNK, SHARED_STRINGS};

/// The case fields `route_columns` accepts, in the order of [`Case`]'s fields
/// (the order in which a row's cells are checked).
pub(crate) const COLUMNS: &[&str] = &[
    "case_id",
    "item",
    "items",
    "location",
    "party",
    "business_activity",
    "violation",
    "discovery",
    "filing",
    "decision",
    "sanctions",
    "fine",
    "fine_fen",
    "confiscation",
    "confiscation_fen",
    "major_and_complex",
    "needs_recusal",
    "unsuited_to_town_level",
    "district_designation",
    "major_public_interest",
    "complex_multiple_legal_relations",
    "review_required_by_law",
    "hearing_requested",
    "opened_by",
];

/// The flags of [`CaseFlags`], by column name (the field names of the JSON contract).
pub(crate) const FLAGS: [&str; 8] = [
    "major_and_complex",
    "needs_recusal",
    "unsuited_to_town_level",
    "district_designation",
    "major_public_interest",
    "complex_multiple_legal_relations",
    "review_required_by_law",
    "hearing_requested",
];

/// The case dates, by column name: `dates.violation` ... `dates.decision`.
pub(crate) const DATES: [&str; 4] = ["violation", "discovery", "filing", "decision"];

/// `datetime.date` and `datetime.datetime`, imported once.
static DATE_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// One argument of `route_columns`: a value per row, or one value for all rows.
enum Col<'py> {
    /// A column: one cell per row.
    Rows(Bound<'py, PyList>),
    /// A scalar given for every row.
    All(Bound<'py, PyAny>),
}

impl<'py> Col<'py> {
    /// Reads an argument: a `list` as is; a `str`, `bytes`, `bool`, number,
    /// `None` or date as one value for every row; anything with `tolist()`
    /// (NumPy arrays, pandas Series) through it; any other iterable as a list.
    fn of(value: Bound<'py, PyAny>) -> PyResult<Col<'py>> {
        if let Ok(list) = value.cast::<PyList>() {
            return Ok(Col::Rows(list.clone()));
        }
        if value.is_none()
            || value.is_instance_of::<PyString>()
            || value.is_instance_of::<PyBytes>()
            || value.is_instance_of::<PyBool>()
            || value.is_instance_of::<PyFloat>()
            || value.is_instance_of::<pyo3::types::PyInt>()
            || value.is_instance_of::<PyDict>()
        {
            return Ok(Col::All(value));
        }
        let py = value.py();
        if value.hasattr(intern!(py, "tolist"))? {
            let list = value.call_method0(intern!(py, "tolist"))?;
            return Ok(match list.cast::<PyList>() {
                Ok(list) => Col::Rows(list.clone()),
                // A NumPy scalar's tolist() is a Python scalar.
                Err(_) => Col::All(list),
            });
        }
        if value.is_instance_of::<PyTuple>() || value.try_iter().is_ok() {
            return Ok(Col::Rows(PyList::new(
                py,
                value.try_iter()?.collect::<PyResult<Vec<_>>>()?,
            )?));
        }
        Ok(Col::All(value))
    }

    /// The number of rows of a column; `None` for one value for every row.
    fn rows(&self) -> Option<usize> {
        match self {
            Col::Rows(list) => Some(list.len()),
            Col::All(_) => None,
        }
    }

    /// The cell of row `i`; a list shortened while it is read gives an error cell.
    fn cell(&self, i: usize) -> Result<Bound<'py, PyAny>, String> {
        match self {
            Col::Rows(list) => list
                .get_item(i)
                .map_err(|_| "the column is shorter than the others".to_owned()),
            Col::All(value) => Ok(value.clone()),
        }
    }
}

/// Whether amounts of a money column are yuan (`fine`) or fen (`fine_fen`).
#[derive(Clone, Copy)]
enum Unit {
    Yuan,
    Fen,
}

/// A money column and its unit.
struct MoneyCol<'py> {
    name: &'static str,
    col: Col<'py>,
    unit: Unit,
}

/// The columns of one call, checked: known names, each field at most once,
/// the required fields present, every column of the same length.
struct Columns<'py> {
    rows: usize,
    case_id: Option<Col<'py>>,
    /// The items, and whether the column is `item` (one code per row) rather than `items`.
    items: (Col<'py>, bool),
    location: Col<'py>,
    party: Col<'py>,
    business_activity: Col<'py>,
    dates: [Option<Col<'py>>; 4],
    sanctions: Option<Col<'py>>,
    fine: Option<MoneyCol<'py>>,
    confiscation: Option<MoneyCol<'py>>,
    flags: [Option<Col<'py>>; 8],
    opened_by: Option<Col<'py>>,
}

/// An error of the call itself (raised as `InputError`).
pub(crate) fn call_error(
    code: &str,
    path: &str,
    zh: String,
    en: String,
    expected: &str,
) -> InputError {
    InputError::single(Diagnostic::error(code, path, zh, en).expected(expected))
}

impl<'py> Columns<'py> {
    /// Reads the keyword arguments: each name must be a known column.
    fn read(columns: Option<&Bound<'py, PyDict>>) -> PyResult<Result<Columns<'py>, InputError>> {
        let mut given: Vec<(&'static str, Col<'py>)> = Vec::new();
        if let Some(columns) = columns {
            for (key, value) in columns.iter() {
                let key = key.cast::<PyString>()?.to_cow()?;
                let Some(name) = COLUMNS.iter().copied().find(|c| *c == key) else {
                    return Ok(Err(call_error(
                        codes::INPUT_UNKNOWN_FIELD,
                        &key,
                        format!("{key}:未知列"),
                        format!("unknown column `{key}`"),
                        &COLUMNS.join(", "),
                    )));
                };
                given.push((name, Col::of(value)?));
            }
        }
        Ok(Columns::check(given))
    }

    /// Checks the columns: equal lengths, at least one sequence, each field at
    /// most once (`item`/`items`, `fine`/`fine_fen`, ...), the required ones present.
    fn check(given: Vec<(&'static str, Col<'py>)>) -> Result<Columns<'py>, InputError> {
        // Every column the same length.
        let mut rows: Option<(&str, usize)> = None;
        for (name, col) in &given {
            let Some(n) = col.rows() else { continue };
            match rows {
                None => rows = Some((name, n)),
                Some((first, m)) if m != n => return Err(call_error(
                    codes::INPUT_INVALID_VALUE,
                    name,
                    format!("{name}:列长度 {n} 与列 {first} 的长度 {m} 不一致"),
                    format!(
                        "column `{name}` has {n} row{} but column `{first}` has {m}",
                        if n == 1 { "" } else { "s" }
                    ),
                    "columns of equal length (give one value, not a list, to use it for every row)",
                )),
                Some(_) => {}
            }
        }
        let Some((_, rows)) = rows else {
            return Err(call_error(
                codes::INPUT_INVALID_TYPE,
                "",
                "至少应有一列为序列(list、tuple、NumPy 数组或 pandas Series)".into(),
                "no column is a sequence: give at least one column as a list, tuple, NumPy array or pandas Series".into(),
                "at least one column with one value per row",
            ));
        };
        let mut slots: Vec<Option<Col<'py>>> = COLUMNS.iter().map(|_| None).collect();
        for (name, col) in given {
            if let Some(slot) = COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| slots.get_mut(i))
            {
                *slot = Some(col);
            }
        }
        let mut take = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| slots.get_mut(i))
                .and_then(Option::take)
        };
        let one_of = |a: Option<Col<'py>>,
                      b: Option<Col<'py>>,
                      names: (&str, &str)|
         -> Result<Option<(Col<'py>, bool)>, InputError> {
            match (a, b) {
                (Some(_), Some(_)) => Err(call_error(
                    codes::INPUT_DUPLICATE_KEY,
                    names.1,
                    format!("{}:与列 {} 是同一字段,只能给出其一", names.1, names.0),
                    format!(
                        "columns `{}` and `{}` give the same field: give one of them",
                        names.0, names.1
                    ),
                    "each field at most once",
                )),
                (Some(a), None) => Ok(Some((a, true))),
                (None, Some(b)) => Ok(Some((b, false))),
                (None, None) => Ok(None),
            }
        };
        let missing = |name: &str| {
            call_error(
                codes::INPUT_MISSING_FIELD,
                name,
                format!("{name}:缺少必填列"),
                format!("missing column `{name}`"),
                "the columns location, item (or items), party and business_activity",
            )
        };
        let items = one_of(take("item"), take("items"), ("item", "items"))?
            .ok_or_else(|| missing("items"))?;
        let money = |col: Option<(Col<'py>, bool)>, names: (&'static str, &'static str)| {
            col.map(|(col, yuan)| MoneyCol {
                name: if yuan { names.0 } else { names.1 },
                col,
                unit: if yuan { Unit::Yuan } else { Unit::Fen },
            })
        };
        let fine = money(
            one_of(take("fine"), take("fine_fen"), ("fine", "fine_fen"))?,
            ("fine", "fine_fen"),
        );
        let confiscation = money(
            one_of(
                take("confiscation"),
                take("confiscation_fen"),
                ("confiscation", "confiscation_fen"),
            )?,
            ("confiscation", "confiscation_fen"),
        );
        Ok(Columns {
            rows,
            case_id: take("case_id"),
            items,
            location: take("location").ok_or_else(|| missing("location"))?,
            party: take("party").ok_or_else(|| missing("party"))?,
            business_activity: take("business_activity")
                .ok_or_else(|| missing("business_activity"))?,
            dates: DATES.map(&mut take),
            sanctions: take("sanctions"),
            fine,
            confiscation,
            flags: FLAGS.map(&mut take),
            opened_by: take("opened_by"),
        })
    }
}

/// Why a cell was refused: code, English message, what was expected. The path
/// (`column[row]`) and the Chinese message are added by [`cell_diagnostic`].
pub(crate) struct CellError {
    pub(crate) code: &'static str,
    pub(crate) en: String,
    pub(crate) expected: &'static str,
}

/// The diagnostic of a refused cell: path `column[row]`, both languages.
pub(crate) fn cell_diagnostic(column: &str, row: usize, e: CellError) -> Diagnostic {
    let path = format!("{column}[{row}]");
    let zh = match e.code {
        codes::MONEY_FLOAT => "金额不得使用浮点数,请写成字符串(如 \"50000.00\")或以分为单位的整数",
        codes::MONEY_NEGATIVE => "金额不得为负数",
        codes::MONEY_INVALID => {
            "金额无效:应为以元为单位、最多两位小数的数字字符串(或以分为单位的整数),且不超过一万亿元"
        }
        codes::DATE_INVALID => "日期无效,应为真实存在的 YYYY-MM-DD 日期",
        codes::INPUT_INVALID_TYPE => "类型不正确",
        _ => "取值无效",
    };
    Diagnostic::error(e.code, path.clone(), format!("{path}:{zh}"), e.en).expected(e.expected)
}

/// A cell of the wrong Python type (`input.invalid_type`), naming the type.
fn invalid_type(cell: &Bound<'_, PyAny>, expected: &'static str) -> CellError {
    let what = if cell.is_none() {
        "null".to_owned()
    } else {
        crate::type_name(cell)
    };
    CellError {
        code: codes::INPUT_INVALID_TYPE,
        en: format!("invalid type: {what}, expected {expected}"),
        expected,
    }
}

/// A missing cell: `None`, or a float NaN (pandas' empty cell; `route_many`
/// reads a NaN as JSON `null` too).
fn is_missing(cell: &Bound<'_, PyAny>) -> bool {
    cell.is_none() || cell.cast::<PyFloat>().is_ok_and(|f| !f.value().is_finite())
}

/// pandas' other empty cells, `pd.NA` (a `string` or nullable-integer
/// column's) and `pd.NaT`, by their types' names. Checked only for a cell
/// that has none of the expected types, so the common cell pays nothing.
fn is_na(cell: &Bound<'_, PyAny>) -> bool {
    cell.get_type()
        .name()
        .is_ok_and(|n| n.to_str().is_ok_and(|n| n == "NAType" || n == "NaTType"))
}

/// An optional cell read by `read`: a cell of no expected type that is
/// pandas' `NA` or `NaT` is not given.
fn optional<T>(
    cell: &Bound<'_, PyAny>,
    read: impl FnOnce(&Bound<'_, PyAny>) -> Result<Option<T>, CellError>,
) -> Result<Option<T>, CellError> {
    match read(cell) {
        Err(e) if e.code == codes::INPUT_INVALID_TYPE && is_na(cell) => Ok(None),
        r => r,
    }
}

/// A `str` cell, read in place.
fn text<'a>(cell: &'a Bound<'_, PyAny>, expected: &'static str) -> Result<&'a str, CellError> {
    match cell.cast::<PyString>() {
        Ok(s) => s.to_str().map_err(|e| CellError {
            code: codes::INPUT_INVALID_VALUE,
            en: e.to_string(),
            expected,
        }),
        Err(_) => Err(invalid_type(cell, expected)),
    }
}

/// An optional `str` cell (missing → `None`), copied.
fn opt_text(cell: &Bound<'_, PyAny>) -> Result<Option<String>, CellError> {
    if is_missing(cell) {
        return Ok(None);
    }
    text(cell, "a string").map(|s| Some(s.to_owned()))
}

/// A value of one of the core's string enums (`party`, a sanction), by its wire name.
fn wire_enum<T: for<'de> Deserialize<'de>>(
    cell: &Bound<'_, PyAny>,
    expected: &'static str,
) -> Result<T, CellError> {
    let s = text(cell, expected)?;
    T::deserialize(StrDeserializer::<DeError>::new(s)).map_err(|e| CellError {
        code: codes::INPUT_INVALID_VALUE,
        en: e.to_string(),
        expected,
    })
}

/// A `bool` cell (NumPy booleans arrive as `bool` through `tolist()`).
fn boolean(cell: &Bound<'_, PyAny>) -> Result<bool, CellError> {
    match cell.cast::<PyBool>() {
        Ok(b) => Ok(b.is_true()),
        Err(_) => Err(invalid_type(cell, "a boolean")),
    }
}

pub(crate) const DATE_EXPECTED: &str = "a date string YYYY-MM-DD or a datetime.date";

/// A date cell: an ISO `YYYY-MM-DD` string, a `datetime.date`, or a
/// `datetime.datetime` (pandas `Timestamp`) at midnight with no time zone;
/// `None`, NaN or `NaT` for none.
fn date(cell: &Bound<'_, PyAny>) -> Result<Option<Date>, CellError> {
    if is_missing(cell) {
        return Ok(None);
    }
    let invalid = |s: &str| CellError {
        code: codes::DATE_INVALID,
        en: format!("not a real date in YYYY-MM-DD form: {s:?}"),
        expected: DATE_EXPECTED,
    };
    if let Ok(s) = cell.cast::<PyString>() {
        let s = s.to_str().map_err(|_| invalid("?"))?;
        return s.parse::<Date>().map(Some).map_err(|_| invalid(s));
    }
    let py = cell.py();
    let date_type = DATE_TYPE
        .import(py, "datetime", "date")
        .map_err(|_| invalid_type(cell, DATE_EXPECTED))?;
    if !cell.is_instance(date_type).unwrap_or(false) {
        return Err(invalid_type(cell, DATE_EXPECTED));
    }
    let iso: String = cell
        .call_method0(intern!(py, "isoformat"))
        .and_then(|s| s.extract())
        .map_err(|_| invalid_type(cell, DATE_EXPECTED))?;
    if iso == "NaT" {
        return Ok(None);
    }
    let is_datetime = DATETIME_TYPE
        .import(py, "datetime", "datetime")
        .ok()
        .and_then(|t| cell.is_instance(t).ok())
        .unwrap_or(false);
    let day = if is_datetime {
        // A time of day or a time zone would be silently dropped: refuse them.
        iso.strip_suffix("T00:00:00").ok_or_else(|| CellError {
            code: codes::DATE_INVALID,
            en: format!(
                "a datetime with a time of day or a time zone ({iso}) where a date is expected"
            ),
            expected: DATE_EXPECTED,
        })?
    } else {
        iso.as_str()
    };
    day.parse::<Date>().map(Some).map_err(|_| invalid(&iso))
}

/// A money cell. Yuan: a string with at most two decimals or a whole number
/// of yuan (as in the JSON contract). Fen: an integer. A float is refused
/// (`money.float`), except NaN, which is a missing cell.
fn money(cell: &Bound<'_, PyAny>, unit: Unit) -> Result<Option<Money>, CellError> {
    if is_missing(cell) {
        return Ok(None);
    }
    let expected = match unit {
        Unit::Yuan => "yuan as a string with at most two decimals, e.g. \"50000.00\"",
        Unit::Fen => "an integer number of fen, e.g. 5000000",
    };
    let money_error = |e: MoneyError| CellError {
        code: e.code(),
        en: e.to_string(),
        expected,
    };
    if let Ok(f) = cell.cast::<PyFloat>() {
        let v = f.value();
        return Err(CellError {
            code: codes::MONEY_FLOAT,
            en: format!("a float ({v}) where exact money is expected; write it as a string such as \"{v:.2}\" or as integer fen"),
            expected,
        });
    }
    if cell.is_instance_of::<PyBool>() {
        return Err(invalid_type(cell, expected));
    }
    if let Ok(s) = cell.cast::<PyString>() {
        return match unit {
            Unit::Yuan => s
                .to_str()
                .map_err(|_| invalid_type(cell, expected))?
                .parse::<Money>()
                .map(Some)
                .map_err(money_error),
            Unit::Fen => Err(invalid_type(cell, expected)),
        };
    }
    let Ok(n) = cell.extract::<i64>() else {
        // An integer beyond 64 bits, or not a number at all.
        return Err(match cell.extract::<i128>() {
            Ok(n) if n < 0 => money_error(MoneyError::Negative(n.to_string())),
            Ok(n) => money_error(MoneyError::TooLarge(n.to_string())),
            Err(_) => invalid_type(cell, expected),
        });
    };
    if n < 0 {
        return Err(money_error(MoneyError::Negative(n.to_string())));
    }
    let m = match unit {
        Unit::Yuan => Money::from_yuan(n),
        Unit::Fen => Money::from_fen(n),
    };
    m.map(Some)
        .ok_or_else(|| money_error(MoneyError::TooLarge(n.to_string())))
}

/// The sanctions of a row: a list or tuple of names, one name, or none (`None`, NaN).
fn sanctions(
    cell: &Bound<'_, PyAny>,
    row: usize,
    out: &mut Vec<Sanction>,
) -> Result<(), Diagnostic> {
    const EXPECTED: &str = "a list of sanction names, e.g. [\"fine\"], or one name";
    if is_missing(cell) {
        return Ok(());
    }
    if cell.is_instance_of::<PyString>() {
        out.push(wire_enum(cell, EXPECTED).map_err(|e| cell_diagnostic("sanctions", row, e))?);
        return Ok(());
    }
    if !(cell.is_instance_of::<PyList>() || cell.is_instance_of::<PyTuple>()) {
        return Err(cell_diagnostic(
            "sanctions",
            row,
            invalid_type(cell, EXPECTED),
        ));
    }
    let iter = cell
        .try_iter()
        .map_err(|_| cell_diagnostic("sanctions", row, invalid_type(cell, EXPECTED)))?;
    for (k, s) in iter.enumerate() {
        let s = s.map_err(|_| cell_diagnostic("sanctions", row, invalid_type(cell, EXPECTED)))?;
        out.push(
            wire_enum(&s, "a sanction name, e.g. \"fine\"")
                .map_err(|e| cell_diagnostic(&format!("sanctions[{row}]"), k, e))?,
        );
    }
    Ok(())
}

/// The items of a row: one code (`item` column) or a list or tuple of codes
/// (`items`), written over `out`'s strings.
fn items(
    cell: &Bound<'_, PyAny>,
    row: usize,
    single: bool,
    out: &mut Vec<String>,
) -> Result<(), Diagnostic> {
    if single {
        let code = text(cell, "an item code").map_err(|e| cell_diagnostic("item", row, e))?;
        set_str(out, 0, code);
        out.truncate(1);
        return Ok(());
    }
    const EXPECTED: &str = "a list of item codes";
    if !(cell.is_instance_of::<PyList>() || cell.is_instance_of::<PyTuple>()) {
        return Err(cell_diagnostic("items", row, invalid_type(cell, EXPECTED)));
    }
    let iter = cell
        .try_iter()
        .map_err(|_| cell_diagnostic("items", row, invalid_type(cell, EXPECTED)))?;
    let mut len = 0;
    for (k, code) in iter.enumerate() {
        let code = code.map_err(|_| cell_diagnostic("items", row, invalid_type(cell, EXPECTED)))?;
        let code = text(&code, "an item code")
            .map_err(|e| cell_diagnostic(&format!("items[{row}]"), k, e))?;
        set_str(out, k, code);
        len = k + 1;
    }
    out.truncate(len);
    Ok(())
}

/// Sets `out[k]` to `s`, reusing the string there; pushes if `out` is shorter.
fn set_str(out: &mut Vec<String>, k: usize, s: &str) {
    match out.get_mut(k) {
        Some(slot) => {
            slot.clear();
            slot.push_str(s);
        }
        None => out.push(s.to_owned()),
    }
}

/// The cell of row `i` of a column.
fn cell_of<'py>(col: &Col<'py>, name: &str, i: usize) -> Result<Bound<'py, PyAny>, Diagnostic> {
    col.cell(i).map_err(|en| {
        cell_diagnostic(
            name,
            i,
            CellError {
                code: codes::INPUT_INVALID_VALUE,
                en,
                expected: "columns of equal length",
            },
        )
    })
}

/// Turns a refused cell of `column`, row `i`, into its diagnostic.
fn at(column: &'static str, i: usize) -> impl Fn(CellError) -> Diagnostic {
    move |e| cell_diagnostic(column, i, e)
}

impl<'py> Columns<'py> {
    /// Reads row `i` into `case`, reusing its strings and lists (no allocation
    /// once the buffer has grown). Every field is written. `case_id` stays
    /// `None`: it never enters Rust, the output column reuses the input's objects.
    fn fill(&self, i: usize, case: &mut Case) -> Result<(), Diagnostic> {
        let cell = |col: &Col<'py>, name: &str| cell_of(col, name, i);
        let at = |name: &'static str| at(name, i);
        let (items_col, single) = &self.items;
        let items_name = if *single { "item" } else { "items" };
        items(&cell(items_col, items_name)?, i, *single, &mut case.items)?;
        let location_cell = cell(&self.location, "location")?;
        let location = text(&location_cell, "a string").map_err(at("location"))?;
        case.location.clear();
        case.location.push_str(location);
        case.party = wire_enum(
            &cell(&self.party, "party")?,
            "\"individual\" or \"organisation\"",
        )
        .map_err(at("party"))?;
        case.business_activity = boolean(&cell(&self.business_activity, "business_activity")?)
            .map_err(at("business_activity"))?;
        let mut d = [None; 4];
        for ((slot, col), name) in d.iter_mut().zip(&self.dates).zip(DATES) {
            if let Some(col) = col {
                *slot = optional(&cell(col, name)?, date).map_err(at(name))?;
            }
        }
        let [violation, discovery, filing, decision] = d;
        case.dates = CaseDates {
            violation,
            violation_end: None,
            discovery,
            filing,
            decision,
        };
        case.sanctions.clear();
        if let Some(col) = &self.sanctions {
            sanctions(&cell(col, "sanctions")?, i, &mut case.sanctions)?;
        }
        let read_money = |m: &Option<MoneyCol<'py>>| match m {
            Some(m) => optional(&cell(&m.col, m.name)?, |c| money(c, m.unit)).map_err(at(m.name)),
            None => Ok(None),
        };
        case.fine = read_money(&self.fine)?;
        case.confiscation = read_money(&self.confiscation)?;
        let mut f = [false; 8];
        for ((slot, col), name) in f.iter_mut().zip(&self.flags).zip(FLAGS) {
            if let Some(col) = col {
                let c = cell(col, name)?;
                // An empty cell is an absent flag: false.
                *slot = optional(&c, |c| {
                    if is_missing(c) {
                        Ok(None)
                    } else {
                        boolean(c).map(Some)
                    }
                })
                .map_err(at(name))?
                .unwrap_or(false);
            }
        }
        let [major_and_complex, needs_recusal, unsuited_to_town_level, district_designation, major_public_interest, complex_multiple_legal_relations, review_required_by_law, hearing_requested] =
            f;
        case.flags = CaseFlags {
            major_and_complex,
            needs_recusal,
            unsuited_to_town_level,
            district_designation,
            major_public_interest,
            complex_multiple_legal_relations,
            review_required_by_law,
            hearing_requested,
        };
        case.opened_by = match &self.opened_by {
            Some(col) => optional(&cell(col, "opened_by")?, opt_text).map_err(at("opened_by"))?,
            None => None,
        };
        case.case_id = None;
        case.trace = false;
        Ok(())
    }

    /// A case-relative error path from the core as a column path of row `row`.
    fn column_path(&self, path: &str, row: usize) -> String {
        column_path(
            path,
            row,
            self.items.1,
            self.fine.as_ref().map_or("fine", |m| m.name),
            self.confiscation
                .as_ref()
                .map_or("confiscation", |m| m.name),
        )
    }
}

/// A case-relative error path from the core (`items[0]`, `dates.filing`,
/// `fine`, `flags.needs_recusal`, ``) as a column path of row `row`
/// (`item[17]`, `filing[17]`, `fine_fen[17]`, `needs_recusal[17]`, `[17]`):
/// `single_item` when the items came from an `item` column, `fine` and
/// `confiscation` the names of the money columns given.
pub(crate) fn column_path(
    path: &str,
    row: usize,
    single_item: bool,
    fine: &str,
    confiscation: &str,
) -> String {
    let split = path.find(['.', '[']).unwrap_or(path.len());
    let (head, rest) = (
        path.get(..split).unwrap_or(path),
        path.get(split..).unwrap_or(""),
    );
    let field = |name: &str| format!("{name}[{row}]");
    match head {
        "" => format!("[{row}]"),
        "items" if single_item => field("item"),
        "dates" | "flags" => match rest.strip_prefix('.') {
            Some(name) => field(name),
            None => format!("{head}[{row}]"),
        },
        "fine" => field(fine),
        "confiscation" => field(confiscation),
        _ => format!("{head}[{row}]{rest}"),
    }
}

/// The output caches' map: FxHash, for their small keys (pointers, a 128-bit
/// rule set, dates). The keys come from the engine, not from the caller, so
/// there is nothing to flood.
pub(crate) type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// One Python object per distinct output value: a million rows hold a few
/// hundred strings, each referenced many times, instead of a million copies.
struct Shared<'py, 'e> {
    py: Python<'py>,
    none: Bound<'py, PyAny>,
    yes: Bound<'py, PyAny>,
    no: Bound<'py, PyAny>,
    ok: Bound<'py, PyAny>,
    dispositions: FxMap<Disposition, Bound<'py, PyAny>>,
    /// Bodies by address: the engine owns them, so equal addresses are the same body.
    bodies: FxMap<*const Body, Bound<'py, PyAny>>,
    rules: FxMap<RuleSet, Bound<'py, PyAny>>,
    warnings: FxMap<[Option<&'e str>; 3], Bound<'py, PyAny>>,
    dates: FxMap<Date, Bound<'py, PyAny>>,
}

impl<'py, 'e> Shared<'py, 'e> {
    /// Empty caches; the constant objects made once.
    fn new(py: Python<'py>) -> Shared<'py, 'e> {
        Shared {
            py,
            none: py.None().into_bound(py),
            yes: PyBool::new(py, true).to_owned().into_any(),
            no: PyBool::new(py, false).to_owned().into_any(),
            ok: PyString::new(py, "ok").into_any(),
            dispositions: FxMap::default(),
            bodies: FxMap::default(),
            rules: FxMap::default(),
            warnings: FxMap::default(),
            dates: FxMap::default(),
        }
    }

    /// `True` or `False`.
    fn flag(&self, v: bool) -> Bound<'py, PyAny> {
        if v {
            self.yes.clone()
        } else {
            self.no.clone()
        }
    }

    /// The body's id as a shared `str`, or `None`.
    fn body(&mut self, b: Option<&'e Body>) -> Bound<'py, PyAny> {
        let Some(b) = b else {
            return self.none.clone();
        };
        let py = self.py;
        self.bodies
            .entry(std::ptr::from_ref(b))
            .or_insert_with(|| PyString::new(py, &b.id).into_any())
            .clone()
    }

    /// The disposition's wire name as a shared `str`.
    fn disposition(&mut self, d: Disposition) -> PyResult<Bound<'py, PyAny>> {
        if let Some(shared) = self.dispositions.get(&d) {
            return Ok(shared.clone());
        }
        // The wire name comes from the core's serde attributes, not from a table here.
        let new = pythonize::pythonize(self.py, &d)?;
        self.dispositions.insert(d, new.clone());
        Ok(new)
    }

    /// The date as a shared `YYYY-MM-DD` `str` (at most [`SHARED_STRINGS`] dates kept).
    fn date(&mut self, d: Date) -> Bound<'py, PyAny> {
        if let Some(shared) = self.dates.get(&d) {
            return shared.clone();
        }
        let new = PyString::new(self.py, &d.to_string()).into_any();
        if self.dates.len() < SHARED_STRINGS {
            self.dates.insert(d, new.clone());
        }
        new
    }
}

/// The output: one list per field of [`CompactAnswer`], in its order. A
/// column stays `None` (no list) while all its values are `None` — the
/// summaries without `summary=True`, the error columns of a clean batch —
/// and becomes `[None] * rows` at the end, with no per-row work.
struct Out<'py> {
    cols: [Option<Vec<Bound<'py, PyAny>>>; 19],
    /// Rows pushed so far.
    len: usize,
    /// Rows expected (the capacity of a column's list).
    rows: usize,
}

/// The keys of the output dict: the fields of [`CompactAnswer`], in order.
pub(crate) const OUT_KEYS: [&str; 19] = [
    "status",
    "case_id",
    "disposition",
    "handler",
    "acts_in_name_of",
    "review_body",
    "transfer_to",
    "handover_to",
    "relevant_date",
    "in_transition",
    "legal_review",
    "hearing",
    "rule_ids",
    "warnings",
    "summary_zh",
    "summary_en",
    "error_code",
    "error_path",
    "error_message",
];

impl<'py> Out<'py> {
    /// An empty output for `rows` rows.
    fn new(rows: usize) -> Out<'py> {
        Out {
            cols: std::array::from_fn(|_| None),
            len: 0,
            rows,
        }
    }

    /// Appends one row's values, one per column, in [`OUT_KEYS`] order.
    fn push_values(&mut self, values: [Bound<'py, PyAny>; 19]) {
        let len = self.len;
        for (col, v) in self.cols.iter_mut().zip(values) {
            match col {
                Some(col) => col.push(v),
                None if v.is_none() => {}
                None => {
                    let mut filled = Vec::with_capacity(self.rows.max(len + 1));
                    filled.resize_with(len, || v.py().None().into_bound(v.py()));
                    filled.push(v);
                    *col = Some(filled);
                }
            }
        }
        self.len += 1;
    }

    /// Appends the row of a routed case (no summary): the same values as
    /// `CompactAnswer::of_ruling`, which is built from the same [`CompactRuling`].
    fn push_ruling<'e>(
        &mut self,
        s: &mut Shared<'py, 'e>,
        c: &CompactRuling<'e>,
        case_id: Bound<'py, PyAny>,
    ) -> PyResult<()> {
        let py = s.py;
        let rule_ids = match s.rules.get(&c.rules) {
            Some(shared) => shared.clone(),
            None => {
                let new = PyString::new(py, &c.rule_ids()).into_any();
                s.rules.insert(c.rules, new.clone());
                new
            }
        };
        let codes = c.warning_code_list();
        let warnings = match s.warnings.get(&codes) {
            Some(shared) => shared.clone(),
            None => {
                let new = PyString::new(py, &c.warning_codes()).into_any();
                s.warnings.insert(codes, new.clone());
                new
            }
        };
        let none = s.none.clone();
        let values = [
            s.ok.clone(),
            case_id,
            s.disposition(c.disposition)?,
            s.body(c.handler),
            s.body(c.acts_in_name_of),
            s.body(c.review_body),
            s.body(c.transfer_to),
            s.body(c.handover_to),
            s.date(c.relevant_date),
            s.flag(c.in_transition),
            s.flag(c.legal_review),
            s.flag(c.hearing),
            rule_ids,
            warnings,
            none.clone(),
            none.clone(),
            none.clone(),
            none.clone(),
            none.clone(),
        ];
        self.push_values(values);
        Ok(())
    }

    /// Appends a row given as a [`CompactAnswer`] (summaries, errors);
    /// `case_id` is the input's own object (or `None`).
    fn push_answer(
        &mut self,
        b: &mut PyBuilder<'py>,
        row: CompactAnswer,
        case_id: Bound<'py, PyAny>,
    ) -> PyResult<()> {
        // The destructuring breaks the build if a field is added to the compact row.
        let CompactAnswer {
            status,
            case_id: _,
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
        let py = b.py;
        let flag = |v: Option<bool>| match v {
            Some(v) => PyBool::new(py, v).to_owned().into_any(),
            None => py.None().into_bound(py),
        };
        let values = [
            b.shared(status).into_any(),
            case_id,
            b.disposition(disposition)?,
            b.text(handler),
            b.text(acts_in_name_of),
            b.text(review_body),
            b.text(transfer_to),
            b.text(handover_to),
            b.date(relevant_date),
            flag(in_transition),
            flag(legal_review),
            flag(hearing),
            b.text(rule_ids),
            b.text(warnings),
            b.text(summary_zh),
            b.text(summary_en),
            b.text(error_code),
            b.text(error_path),
            b.text(error_message),
        ];
        self.push_values(values);
        Ok(())
    }

    /// The output dict: the lists under the compact row's keys, in order.
    fn into_dict(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let nones = PyList::new(py, [py.None()])?;
        for (key, col) in OUT_KEYS.iter().zip(self.cols) {
            let list = match col {
                Some(col) => PyList::new(py, col)?.into_any(),
                None => nones.as_sequence().repeat(self.len)?.into_any(),
            };
            d.set_item(*key, list)?;
        }
        Ok(d)
    }
}

/// A case with every field empty: the buffer rows are read into.
pub(crate) fn blank_case() -> Case {
    Case {
        case_id: None,
        items: Vec::new(),
        location: String::new(),
        party: Party::Individual,
        business_activity: false,
        dates: CaseDates::default(),
        sanctions: Vec::new(),
        fine: None,
        confiscation: None,
        flags: CaseFlags::default(),
        opened_by: None,
        trace: false,
    }
}

/// What became of one row, before its Python values are built.
enum Routed<'e> {
    /// Routed, no summary: the compact facts.
    Ruling(CompactRuling<'e>),
    /// Routed with `summary=True`, or refused by the core (its paths are
    /// relative to the case, e.g. `items[0]`). Boxed: the common variant stays small.
    Answer(Box<CompactAnswer>),
    /// A cell could not be read (its path is already `column[row]`).
    Refused(Box<Diagnostic>),
}

/// `RuleSet.route_columns`: see the method's docstring in `lib.rs`.
pub(crate) fn route_columns<'py>(
    engine: &Engine,
    py: Python<'py>,
    columns: Option<&Bound<'py, PyDict>>,
    summary: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let cols = match Columns::read(columns)? {
        Ok(cols) => cols,
        Err(e) => return Err(input_error(py, &e)),
    };
    let mut builder = PyBuilder::new(py);
    let mut shared = Shared::new(py);
    let mut out = Out::new(cols.rows);
    let mut cases: Vec<Case> = Vec::new();
    let mut refused: Vec<Option<Diagnostic>> = Vec::with_capacity(CHUNK);
    let mut ids: Vec<Bound<'py, PyAny>> = Vec::with_capacity(CHUNK);
    let mut start = 0;
    while start < cols.rows {
        let end = cols.rows.min(start + CHUNK);
        if cases.len() < end - start {
            cases.resize_with(end - start, blank_case);
        }
        refused.clear();
        ids.clear();
        for (i, case) in (start..end).zip(cases.iter_mut()) {
            let id = match &cols.case_id {
                Some(col) => col
                    .cell(i)
                    .ok()
                    .filter(|c| !(is_missing(c) || (!c.is_instance_of::<PyString>() && is_na(c)))),
                None => None,
            };
            let outcome = match &id {
                Some(c) if !c.is_instance_of::<PyString>() => {
                    Err(cell_diagnostic("case_id", i, invalid_type(c, "a string")))
                }
                _ => cols.fill(i, case),
            };
            ids.push(
                id.filter(|c| c.is_instance_of::<PyString>())
                    .unwrap_or_else(|| shared.none.clone()),
            );
            refused.push(outcome.err());
        }
        let routed: Vec<Routed<'_>> = py.detach(|| {
            cases
                .iter()
                .zip(refused.drain(..))
                .map(|(case, refused)| {
                    if let Some(d) = refused {
                        return Routed::Refused(Box::new(d));
                    }
                    let routed = guarded(|| {
                        if summary {
                            Routed::Answer(Box::new(api::route_compact(engine, case, true)))
                        } else {
                            match api::route_compact_ruling(engine, case) {
                                Ok(c) => Routed::Ruling(c),
                                Err(e) => Routed::Answer(Box::new(CompactAnswer::of_error(
                                    None,
                                    &e.diagnostics,
                                ))),
                            }
                        }
                    });
                    routed.unwrap_or_else(|d| {
                        Routed::Answer(Box::new(CompactAnswer::of_error(None, &[d])))
                    })
                })
                .collect()
        });
        for ((i, routed), id) in (start..end).zip(routed).zip(ids.drain(..)) {
            match routed {
                Routed::Ruling(c) => out.push_ruling(&mut shared, &c, id)?,
                Routed::Answer(mut row) => {
                    if let Some(p) = row.error_path.take() {
                        row.error_path = Some(cols.column_path(&p, i));
                    }
                    out.push_answer(&mut builder, *row, id)?;
                }
                Routed::Refused(d) => {
                    out.push_answer(&mut builder, CompactAnswer::of_error(None, &[*d]), id)?;
                }
            }
        }
        start = end;
    }
    out.into_dict(py)
}
