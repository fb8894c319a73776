//! `RuleSet.route_arrow`: routing cases given as an Arrow table or stream
//! (anything with `__arrow_c_stream__` or `__arrow_c_array__`: pyarrow,
//! Polars, DuckDB, pandas with Arrow dtypes) into an Arrow table of the
//! compact answer, with no Python object per cell in or out.
//!
//! The Arrow side is arrow-rs through pyo3-arrow (the Arrow C data and stream
//! interfaces behind the PyCapsule protocol); this module only reads typed
//! arrays and builds typed arrays. Each record batch of the input is cut into
//! pieces of at most [`PIECE`] rows; the pieces are routed on up to `threads`
//! threads with the GIL released, each into its own output batch, and the
//! output batches are returned in input order. Memory is one input batch,
//! the pieces' buffers and the output.
//!
//! Columns and errors are `route_columns`'s: the same column names, the same
//! compact-answer columns (in the same order), and a bad cell is an error row
//! whose `error_path` names the column and the row (`fine[17]`, rows counted
//! over the whole input). A problem with the call itself — an unknown or
//! missing column, a field given twice, a column of a type that cannot hold
//! the field — raises `InputError` before anything is routed.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, PrimitiveBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowDictionaryKeyType, ArrowPrimitiveType, Date32Type, Decimal128Type, Int16Type, Int32Type,
    Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    new_null_array, Array, ArrayRef, BooleanArray, DictionaryArray, GenericListArray,
    GenericStringArray, OffsetSizeTrait, PrimitiveArray, RecordBatch, RecordBatchReader,
    StringArray, StringViewArray,
};
use arrow_buffer::ArrowNativeType as _;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{Datelike, NaiveDate};
use fuquan::api::{self, CompactAnswer, CompactRuling};
use fuquan::codes;
use fuquan::money::{Money, MoneyError};
use fuquan::routing::{Case, CaseDates, CaseFlags, Disposition, Party};
use fuquan::rules::RuleSet;
use fuquan::ruleset::source::Sanction;
use fuquan::ruleset::Body;
use fuquan::time::Date;
use fuquan::{Diagnostic, Engine, InputError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;
use serde::de::value::{Error as DeError, StrDeserializer};
use serde::Deserialize;

use crate::columns::{
    blank_case, call_error, cell_diagnostic, column_path, CellError, FxMap, COLUMNS, DATES,
    DATE_EXPECTED, FLAGS, OUT_KEYS,
};
use crate::{guarded, input_error};

/// Rows per output batch and per unit of work given to a thread.
pub(crate) const PIECE: usize = 1 << 15;

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

/// The keys of a dictionary column, of any integer type.
enum Keys<'a> {
    I8(&'a PrimitiveArray<Int8Type>),
    I16(&'a PrimitiveArray<Int16Type>),
    I32(&'a PrimitiveArray<Int32Type>),
    I64(&'a PrimitiveArray<Int64Type>),
    U8(&'a PrimitiveArray<UInt8Type>),
    U16(&'a PrimitiveArray<UInt16Type>),
    U32(&'a PrimitiveArray<UInt32Type>),
    U64(&'a PrimitiveArray<UInt64Type>),
}

impl<'a> Keys<'a> {
    fn of(a: &'a dyn Array) -> Option<Keys<'a>> {
        Some(match a.data_type() {
            DataType::Int8 => Keys::I8(a.as_primitive_opt()?),
            DataType::Int16 => Keys::I16(a.as_primitive_opt()?),
            DataType::Int32 => Keys::I32(a.as_primitive_opt()?),
            DataType::Int64 => Keys::I64(a.as_primitive_opt()?),
            DataType::UInt8 => Keys::U8(a.as_primitive_opt()?),
            DataType::UInt16 => Keys::U16(a.as_primitive_opt()?),
            DataType::UInt32 => Keys::U32(a.as_primitive_opt()?),
            DataType::UInt64 => Keys::U64(a.as_primitive_opt()?),
            _ => return None,
        })
    }

    /// The key of row `i`; `None` for a null (or a negative key).
    fn get(&self, i: usize) -> Option<usize> {
        fn key<T: ArrowPrimitiveType>(a: &PrimitiveArray<T>, i: usize) -> Option<usize>
        where
            T::Native: TryInto<usize>,
        {
            if i >= a.len() || a.is_null(i) {
                return None;
            }
            a.value(i).try_into().ok()
        }
        match self {
            Keys::I8(a) => key(a, i),
            Keys::I16(a) => key(a, i),
            Keys::I32(a) => key(a, i),
            Keys::I64(a) => key(a, i),
            Keys::U8(a) => key(a, i),
            Keys::U16(a) => key(a, i),
            Keys::U32(a) => key(a, i),
            Keys::U64(a) => key(a, i),
        }
    }
}

/// A string column of any of Arrow's string layouts, dictionaries included.
/// Cells are read in place (no copy, nothing per row allocated).
enum Strs<'a> {
    Utf8(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
    /// A dictionary: its keys and its values.
    Dict(Keys<'a>, Box<Strs<'a>>),
}

impl<'a> Strs<'a> {
    /// The column as strings, or `None` if it holds something else.
    fn of(a: &'a dyn Array) -> Option<Strs<'a>> {
        if let Some(s) = a.as_string_opt::<i32>() {
            return Some(Strs::Utf8(s));
        }
        if let Some(s) = a.as_string_opt::<i64>() {
            return Some(Strs::Large(s));
        }
        if let Some(s) = a.as_string_view_opt() {
            return Some(Strs::View(s));
        }
        let d = a.as_any_dictionary_opt()?;
        let values = Box::new(Strs::of(d.values().as_ref())?);
        Some(Strs::Dict(Keys::of(d.keys())?, values))
    }

    /// Whether `dt` is a type [`Strs::of`] reads.
    fn accepts(dt: &DataType) -> bool {
        match dt {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => true,
            DataType::Dictionary(_, v) => Strs::accepts(v),
            _ => false,
        }
    }

    /// The string of row `i`; `None` for a null (or a row or key out of range).
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Strs::Large(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Strs::View(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Strs::Dict(keys, values) => values.get(keys.get(i)?),
        }
    }
}

/// A list-of-strings column (`items`, `sanctions`), read through its offsets.
enum StrLists<'a> {
    List(&'a GenericListArray<i32>, Strs<'a>),
    Large(&'a GenericListArray<i64>, Strs<'a>),
}

impl<'a> StrLists<'a> {
    fn of(a: &'a dyn Array) -> Option<StrLists<'a>> {
        match a.data_type() {
            DataType::List(_) => {
                let l = a.as_list::<i32>();
                Some(StrLists::List(l, Strs::of(l.values().as_ref())?))
            }
            DataType::LargeList(_) => {
                let l = a.as_list::<i64>();
                Some(StrLists::Large(l, Strs::of(l.values().as_ref())?))
            }
            _ => None,
        }
    }

    fn accepts(dt: &DataType) -> bool {
        match dt {
            DataType::List(f) | DataType::LargeList(f) => Strs::accepts(f.data_type()),
            _ => false,
        }
    }

    /// The strings of row `i`: `None` for a null row, a null string as `None`.
    fn get(&self, i: usize) -> Option<impl Iterator<Item = Option<&'a str>> + '_> {
        fn range<O: OffsetSizeTrait>(l: &GenericListArray<O>, i: usize) -> Option<(usize, usize)> {
            if i >= l.len() || l.is_null(i) {
                return None;
            }
            let offsets = l.value_offsets();
            Some((offsets.get(i)?.as_usize(), offsets.get(i + 1)?.as_usize()))
        }
        let ((start, end), values) = match self {
            StrLists::List(l, v) => (range(l, i)?, v),
            StrLists::Large(l, v) => (range(l, i)?, v),
        };
        Some((start..end).map(move |k| values.get(k)))
    }
}

/// A date column: strings, `date32`, or 64-bit ticks counted per day
/// (`date64`, timestamps without a time zone), read as integers.
enum Dates<'a> {
    Strs(Strs<'a>),
    Days(&'a arrow_array::PrimitiveArray<Date32Type>),
    /// The ticks (the batch's own copy) and the ticks per day.
    Ticks(arrow_array::PrimitiveArray<Int64Type>, i64),
}

impl<'a> Dates<'a> {
    fn of(a: &'a dyn Array) -> Result<Dates<'a>, ArrowError> {
        let ticks = |per_day: i64| -> Result<Dates<'a>, ArrowError> {
            let ints = arrow_cast::cast(a, &DataType::Int64)?;
            Ok(Dates::Ticks(
                ints.as_primitive::<Int64Type>().clone(),
                per_day,
            ))
        };
        match a.data_type() {
            DataType::Date32 => Ok(Dates::Days(a.as_primitive::<Date32Type>())),
            DataType::Date64 => ticks(86_400_000),
            DataType::Timestamp(unit, None) => ticks(match unit {
                TimeUnit::Second => 86_400,
                TimeUnit::Millisecond => 86_400_000,
                TimeUnit::Microsecond => 86_400_000_000,
                TimeUnit::Nanosecond => 86_400_000_000_000,
            }),
            _ => Strs::of(a)
                .map(Dates::Strs)
                .ok_or_else(|| ArrowError::CastError(String::new())),
        }
    }

    fn accepts(dt: &DataType) -> bool {
        matches!(
            dt,
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, None)
        ) || Strs::accepts(dt)
    }

    /// The date of row `i`; `None` for a null.
    fn get(&self, i: usize) -> Result<Option<Date>, CellError> {
        let invalid = |what: String| CellError {
            code: codes::DATE_INVALID,
            en: format!("not a real date in YYYY-MM-DD form: {what}"),
            expected: DATE_EXPECTED,
        };
        let days = match self {
            Dates::Strs(s) => {
                let Some(s) = s.get(i) else { return Ok(None) };
                return s
                    .parse::<Date>()
                    .map(Some)
                    .map_err(|_| invalid(format!("{s:?}")));
            }
            Dates::Days(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                i64::from(a.value(i))
            }
            Dates::Ticks(a, per_day) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                let v = a.value(i);
                if v.rem_euclid(*per_day) != 0 {
                    return Err(CellError {
                        code: codes::DATE_INVALID,
                        en: format!(
                            "a time of day ({v} ticks since 1970) where a date is expected"
                        ),
                        expected: DATE_EXPECTED,
                    });
                }
                v.div_euclid(*per_day)
            }
        };
        i32::try_from(days)
            .ok()
            .and_then(|d| d.checked_add(EPOCH_FROM_CE))
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .filter(|d| (0..=9999).contains(&d.year()))
            .map(|d| Some(Date(d)))
            .ok_or_else(|| invalid(format!("{days} days from 1970-01-01")))
    }
}

/// Whether amounts are yuan (`fine`) or fen (`fine_fen`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Yuan,
    Fen,
}

/// A money column: yuan strings, integers, decimals, or floats (refused per cell).
enum Amounts<'a> {
    Strs(Strs<'a>),
    /// Integers, widened to 64 bits (the batch's own copy).
    Ints(arrow_array::PrimitiveArray<Int64Type>),
    /// 128-bit decimals (the batch's own copy when widened) and their scale.
    Decimals(arrow_array::PrimitiveArray<Decimal128Type>, i8),
    /// Floats: every non-null cell is refused (`money.float`).
    Floats(&'a dyn Array),
}

/// A signed or unsigned integer type of at most 64 bits (unsigned 64 needs decimals).
fn is_int(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
    )
}

impl<'a> Amounts<'a> {
    fn of(a: &'a dyn Array) -> Result<Amounts<'a>, ArrowError> {
        let dt = a.data_type();
        if is_int(dt) {
            let ints = arrow_cast::cast(a, &DataType::Int64)?;
            return Ok(Amounts::Ints(ints.as_primitive::<Int64Type>().clone()));
        }
        match dt {
            DataType::UInt64 => {
                let d = arrow_cast::cast(a, &DataType::Decimal128(20, 0))?;
                Ok(Amounts::Decimals(
                    d.as_primitive::<Decimal128Type>().clone(),
                    0,
                ))
            }
            DataType::Decimal32(_, s) | DataType::Decimal64(_, s) | DataType::Decimal128(_, s) => {
                let d = arrow_cast::cast(a, &DataType::Decimal128(38, *s))?;
                Ok(Amounts::Decimals(
                    d.as_primitive::<Decimal128Type>().clone(),
                    *s,
                ))
            }
            DataType::Float16 | DataType::Float32 | DataType::Float64 => Ok(Amounts::Floats(a)),
            _ => Strs::of(a)
                .map(Amounts::Strs)
                .ok_or_else(|| ArrowError::CastError(String::new())),
        }
    }

    fn accepts(dt: &DataType, unit: Unit) -> bool {
        let numeric = is_int(dt)
            || matches!(
                dt,
                DataType::UInt64
                    | DataType::Decimal32(..)
                    | DataType::Decimal64(..)
                    | DataType::Decimal128(..)
                    | DataType::Float16
                    | DataType::Float32
                    | DataType::Float64
            );
        numeric || (unit == Unit::Yuan && Strs::accepts(dt))
    }

    /// The amount of row `i`; `None` for a null.
    fn get(&self, i: usize, unit: Unit) -> Result<Option<Money>, CellError> {
        let expected = match unit {
            Unit::Yuan => "yuan as a string with at most two decimals, e.g. \"50000.00\", a whole number of yuan or a decimal",
            Unit::Fen => "an integer number of fen, e.g. 5000000",
        };
        let money_error = |e: MoneyError| CellError {
            code: e.code(),
            en: e.to_string(),
            expected,
        };
        let fen = match self {
            Amounts::Strs(s) => {
                let Some(s) = s.get(i) else { return Ok(None) };
                return s.parse::<Money>().map(Some).map_err(money_error);
            }
            Amounts::Floats(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                return Err(CellError {
                    code: codes::MONEY_FLOAT,
                    en: "a float where exact money is expected; use a decimal, a string such as \"50000.00\" or integer fen".to_owned(),
                    expected,
                });
            }
            Amounts::Ints(a) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                let n = i128::from(a.value(i));
                match unit {
                    Unit::Yuan => n * 100,
                    Unit::Fen => n,
                }
            }
            Amounts::Decimals(a, scale) => {
                if a.is_null(i) {
                    return Ok(None);
                }
                let v = a.value(i);
                // Fen are units of 10^-2 yuan; yuan columns only (a fen column of decimals is refused up front).
                let shift = 2 - i32::from(*scale);
                let fen = if shift >= 0 {
                    10i128
                        .checked_pow(shift.unsigned_abs())
                        .and_then(|p| v.checked_mul(p))
                } else {
                    10i128
                        .checked_pow(shift.unsigned_abs())
                        .and_then(|p| (v % p == 0).then(|| v / p))
                };
                match fen {
                    Some(f) => f,
                    None if v < 0 => {
                        return Err(money_error(MoneyError::Negative(decimal_text(v, *scale))))
                    }
                    None => return Err(money_error(MoneyError::Invalid(decimal_text(v, *scale)))),
                }
            }
        };
        let text = || match unit {
            Unit::Yuan => format!("{}.{:02}", fen / 100, (fen % 100).abs()),
            Unit::Fen => format!("{fen} fen"),
        };
        if fen < 0 {
            return Err(money_error(MoneyError::Negative(text())));
        }
        i64::try_from(fen)
            .ok()
            .and_then(Money::from_fen)
            .map(Some)
            .ok_or_else(|| money_error(MoneyError::TooLarge(text())))
    }
}

/// A decimal as text, for a message.
fn decimal_text(v: i128, scale: i8) -> String {
    let scale = usize::try_from(scale).unwrap_or(0);
    let digits = v.unsigned_abs().to_string();
    let sign = if v < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// The columns of one batch, read into typed accessors.
struct Batch<'a> {
    case_id: Option<&'a ArrayRef>,
    items: ItemsCol<'a>,
    location: Strs<'a>,
    party: Strs<'a>,
    business_activity: &'a BooleanArray,
    dates: [Option<Dates<'a>>; 4],
    sanctions: Option<SanctionsCol<'a>>,
    fine: Option<Amounts<'a>>,
    confiscation: Option<Amounts<'a>>,
    flags: [Option<&'a BooleanArray>; 8],
    opened_by: Option<Strs<'a>>,
}

enum ItemsCol<'a> {
    One(Strs<'a>),
    Many(StrLists<'a>),
}

enum SanctionsCol<'a> {
    One(Strs<'a>),
    Many(StrLists<'a>),
}

/// Where each field's column is in the schema, checked once for the whole input.
#[derive(Clone)]
pub(crate) struct Layout {
    case_id: Option<usize>,
    /// The items column and whether it is `item` (one code per row).
    items: (usize, bool),
    location: usize,
    party: usize,
    business_activity: usize,
    dates: [Option<usize>; 4],
    sanctions: Option<usize>,
    /// The money columns: index, unit, and the column's name.
    fine: Option<(usize, Unit, &'static str)>,
    confiscation: Option<(usize, Unit, &'static str)>,
    flags: [Option<usize>; 8],
    opened_by: Option<usize>,
}

fn wrong_type(name: &str, dt: &DataType, expected: &str) -> InputError {
    call_error(
        codes::INPUT_INVALID_TYPE,
        name,
        format!("{name}:列类型 {dt} 不正确"),
        format!("column `{name}` has Arrow type {dt}, expected {expected}"),
        expected,
    )
}

impl Layout {
    /// Checks the schema: known names, each field at most once, the required
    /// ones present, and every column of a type that can hold its field.
    pub(crate) fn of(schema: &Schema) -> Result<Layout, InputError> {
        let mut at: Vec<Option<usize>> = vec![None; COLUMNS.len()];
        for (i, f) in schema.fields().iter().enumerate() {
            let name = f.name();
            let Some(slot) = COLUMNS
                .iter()
                .position(|c| c == name)
                .and_then(|k| at.get_mut(k))
            else {
                return Err(call_error(
                    codes::INPUT_UNKNOWN_FIELD,
                    name,
                    format!("{name}:未知列"),
                    format!("unknown column `{name}` (select the case columns first, e.g. `df.select([...])`)"),
                    &COLUMNS.join(", "),
                ));
            };
            if slot.is_some() {
                return Err(call_error(
                    codes::INPUT_DUPLICATE_KEY,
                    name,
                    format!("{name}:列重复"),
                    format!("column `{name}` appears twice"),
                    "each field at most once",
                ));
            }
            *slot = Some(i);
        }
        let pos = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|k| at.get(k).copied().flatten())
        };
        let dt = |i: usize| schema.field(i).data_type();
        let one_of = |a: &'static str,
                      b: &'static str|
         -> Result<Option<(usize, bool, &'static str)>, InputError> {
            match (pos(a), pos(b)) {
                (Some(_), Some(_)) => Err(call_error(
                    codes::INPUT_DUPLICATE_KEY,
                    b,
                    format!("{b}:与列 {a} 是同一字段,只能给出其一"),
                    format!("columns `{a}` and `{b}` give the same field: give one of them"),
                    "each field at most once",
                )),
                (Some(i), None) => Ok(Some((i, true, a))),
                (None, Some(i)) => Ok(Some((i, false, b))),
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
        const STRINGS: &str = "strings (utf8, large_utf8, utf8_view or a dictionary of them)";
        let strings = |name: &'static str| -> Result<Option<usize>, InputError> {
            match pos(name) {
                Some(i) if !Strs::accepts(dt(i)) => Err(wrong_type(name, dt(i), STRINGS)),
                p => Ok(p),
            }
        };
        let booleans = |name: &'static str| -> Result<Option<usize>, InputError> {
            match pos(name) {
                Some(i) if !matches!(dt(i), DataType::Boolean) => {
                    Err(wrong_type(name, dt(i), "booleans"))
                }
                p => Ok(p),
            }
        };
        let (items_at, single, items_name) =
            one_of("item", "items")?.ok_or_else(|| missing("items"))?;
        if single && !Strs::accepts(dt(items_at)) {
            return Err(wrong_type(items_name, dt(items_at), STRINGS));
        }
        if !single && !StrLists::accepts(dt(items_at)) {
            return Err(wrong_type(items_name, dt(items_at), "lists of strings"));
        }
        let money = |a: &'static str,
                     b: &'static str|
         -> Result<Option<(usize, Unit, &'static str)>, InputError> {
            let Some((i, yuan, name)) = one_of(a, b)? else {
                return Ok(None);
            };
            let unit = if yuan { Unit::Yuan } else { Unit::Fen };
            let t = dt(i);
            let ok = Amounts::accepts(t, unit)
                && !(unit == Unit::Fen
                    && matches!(
                        t,
                        DataType::Decimal32(..)
                            | DataType::Decimal64(..)
                            | DataType::Decimal128(..)
                    ));
            if !ok {
                let expected = match unit {
                    Unit::Yuan => "yuan as strings, integers or decimals",
                    Unit::Fen => "integers (fen)",
                };
                return Err(wrong_type(name, t, expected));
            }
            Ok(Some((i, unit, name)))
        };
        let mut dates = [None; 4];
        for (slot, name) in dates.iter_mut().zip(DATES) {
            if let Some(i) = pos(name) {
                if !Dates::accepts(dt(i)) {
                    return Err(wrong_type(name, dt(i), "dates (date32, date64, a timestamp without time zone at midnight, or YYYY-MM-DD strings)"));
                }
                *slot = Some(i);
            }
        }
        let mut flags = [None; 8];
        for (slot, name) in flags.iter_mut().zip(FLAGS) {
            *slot = booleans(name)?;
        }
        let sanctions = match pos("sanctions") {
            Some(i) if !(Strs::accepts(dt(i)) || StrLists::accepts(dt(i))) => {
                return Err(wrong_type(
                    "sanctions",
                    dt(i),
                    "lists of strings or strings",
                ))
            }
            p => p,
        };
        Ok(Layout {
            case_id: strings("case_id")?,
            items: (items_at, single),
            location: strings("location")?.ok_or_else(|| missing("location"))?,
            party: strings("party")?.ok_or_else(|| missing("party"))?,
            business_activity: booleans("business_activity")?
                .ok_or_else(|| missing("business_activity"))?,
            dates,
            sanctions,
            fine: money("fine", "fine_fen")?,
            confiscation: money("confiscation", "confiscation_fen")?,
            flags,
            opened_by: strings("opened_by")?,
        })
    }

    /// The accessors of one batch (its schema is the layout's).
    fn read<'a>(&self, b: &'a RecordBatch) -> Result<Batch<'a>, ArrowError> {
        let col = |i: usize| -> Result<&'a ArrayRef, ArrowError> {
            b.columns()
                .get(i)
                .ok_or_else(|| ArrowError::SchemaError(format!("no column {i}")))
        };
        let bad = || ArrowError::CastError("a column changed type between batches".to_owned());
        let strs = |i: usize| col(i).and_then(|c| Strs::of(c.as_ref()).ok_or_else(bad));
        let bools = |i: usize| col(i).and_then(|c| c.as_boolean_opt().ok_or_else(bad));
        let opt = |i: Option<usize>| i.map(&col).transpose();
        let (items_at, single) = self.items;
        let items = if single {
            ItemsCol::One(strs(items_at)?)
        } else {
            ItemsCol::Many(col(items_at).and_then(|c| StrLists::of(c.as_ref()).ok_or_else(bad))?)
        };
        let mut dates = [None, None, None, None];
        for (slot, at) in dates.iter_mut().zip(self.dates) {
            if let Some(c) = opt(at)? {
                *slot = Some(Dates::of(c.as_ref())?);
            }
        }
        let mut flags = [None; 8];
        for (slot, at) in flags.iter_mut().zip(self.flags) {
            if let Some(i) = at {
                *slot = Some(bools(i)?);
            }
        }
        let sanctions = match opt(self.sanctions)? {
            Some(c) => Some(match Strs::of(c.as_ref()) {
                Some(s) => SanctionsCol::One(s),
                None => SanctionsCol::Many(StrLists::of(c.as_ref()).ok_or_else(bad)?),
            }),
            None => None,
        };
        let amounts =
            |m: Option<(usize, Unit, &'static str)>| -> Result<Option<Amounts<'a>>, ArrowError> {
                m.map(|(i, _, _)| col(i).and_then(|c| Amounts::of(c.as_ref())))
                    .transpose()
            };
        Ok(Batch {
            case_id: opt(self.case_id)?,
            items,
            location: strs(self.location)?,
            party: strs(self.party)?,
            business_activity: bools(self.business_activity)?,
            dates,
            sanctions,
            fine: amounts(self.fine)?,
            confiscation: amounts(self.confiscation)?,
            flags,
            opened_by: self.opened_by.map(strs).transpose()?,
        })
    }

    /// The output schema: `case_id` keeps the input's type.
    fn out_schema(&self, input: &Schema, summary: bool) -> SchemaRef {
        let dict = |k: DataType| DataType::Dictionary(Box::new(k), Box::new(DataType::Utf8));
        let case_id_type = self
            .case_id
            .map_or(DataType::Null, |i| input.field(i).data_type().clone());
        let fields: Vec<Field> = OUT_KEYS
            .iter()
            .map(|k| {
                let t = match *k {
                    "status" => return Field::new(*k, dict(DataType::Int16), false),
                    "case_id" => case_id_type.clone(),
                    "relevant_date" => DataType::Date32,
                    "in_transition" | "legal_review" | "hearing" => DataType::Boolean,
                    "summary_zh" | "summary_en" if !summary => DataType::Null,
                    "summary_zh" | "summary_en" | "error_path" | "error_message" => DataType::Utf8,
                    "handler" | "acts_in_name_of" | "review_body" | "transfer_to"
                    | "handover_to" => dict(DataType::Int32),
                    _ => dict(DataType::Int16),
                };
                Field::new(*k, t, true)
            })
            .collect();
        Arc::new(Schema::new(fields))
    }
}

/// `why` for a cell that holds nothing where a value is required.
fn null_cell(expected: &'static str) -> CellError {
    CellError {
        code: codes::INPUT_INVALID_TYPE,
        en: format!("invalid type: null, expected {expected}"),
        expected,
    }
}

/// A value of one of the core's string enums (`party`, a sanction), by its wire name.
fn wire_enum<T: for<'de> Deserialize<'de>>(
    s: &str,
    expected: &'static str,
) -> Result<T, CellError> {
    T::deserialize(StrDeserializer::<DeError>::new(s)).map_err(|e| CellError {
        code: codes::INPUT_INVALID_VALUE,
        en: e.to_string(),
        expected,
    })
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

impl Batch<'_> {
    /// Reads row `i` (of the batch; `row` counted over the whole input, for
    /// error paths) into `case`, reusing its strings and lists.
    fn fill(
        &self,
        layout: &Layout,
        i: usize,
        row: usize,
        case: &mut Case,
    ) -> Result<(), Diagnostic> {
        let at = |name: &'static str| move |e: CellError| cell_diagnostic(name, row, e);
        match &self.items {
            ItemsCol::One(s) => {
                let code = s
                    .get(i)
                    .ok_or_else(|| at("item")(null_cell("an item code")))?;
                set_str(&mut case.items, 0, code);
                case.items.truncate(1);
            }
            ItemsCol::Many(l) => {
                let codes = l
                    .get(i)
                    .ok_or_else(|| at("items")(null_cell("a list of item codes")))?;
                let mut len = 0;
                for (k, code) in codes.enumerate() {
                    let code = code.ok_or_else(|| {
                        cell_diagnostic(&format!("items[{row}]"), k, null_cell("an item code"))
                    })?;
                    set_str(&mut case.items, k, code);
                    len = k + 1;
                }
                case.items.truncate(len);
            }
        }
        let location = self
            .location
            .get(i)
            .ok_or_else(|| at("location")(null_cell("a string")))?;
        case.location.clear();
        case.location.push_str(location);
        const PARTY: &str = "\"individual\" or \"organisation\"";
        let party = self
            .party
            .get(i)
            .ok_or_else(|| at("party")(null_cell(PARTY)))?;
        case.party = wire_enum::<Party>(party, PARTY).map_err(at("party"))?;
        if self.business_activity.is_null(i) {
            return Err(at("business_activity")(null_cell("a boolean")));
        }
        case.business_activity = self.business_activity.value(i);
        let mut d = [None; 4];
        for ((slot, col), name) in d.iter_mut().zip(&self.dates).zip(DATES) {
            if let Some(col) = col {
                *slot = col.get(i).map_err(at(name))?;
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
        const SANCTION: &str = "a sanction name, e.g. \"fine\"";
        match &self.sanctions {
            Some(SanctionsCol::One(s)) => {
                if let Some(s) = s.get(i) {
                    case.sanctions
                        .push(wire_enum::<Sanction>(s, SANCTION).map_err(at("sanctions"))?);
                }
            }
            Some(SanctionsCol::Many(l)) => {
                if let Some(names) = l.get(i) {
                    for (k, s) in names.enumerate() {
                        let in_list = |e| cell_diagnostic(&format!("sanctions[{row}]"), k, e);
                        let s = s.ok_or_else(|| in_list(null_cell(SANCTION)))?;
                        case.sanctions
                            .push(wire_enum::<Sanction>(s, SANCTION).map_err(in_list)?);
                    }
                }
            }
            None => {}
        }
        let money =
            |col: &Option<Amounts<'_>>, m: Option<(usize, Unit, &'static str)>| match (col, m) {
                (Some(col), Some((_, unit, name))) => col.get(i, unit).map_err(at(name)),
                _ => Ok(None),
            };
        case.fine = money(&self.fine, layout.fine)?;
        case.confiscation = money(&self.confiscation, layout.confiscation)?;
        let mut f = [false; 8];
        for (slot, col) in f.iter_mut().zip(&self.flags) {
            // A null flag is an absent flag: false (as in `route_columns`).
            *slot = col.is_some_and(|c| c.is_valid(i) && c.value(i));
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
        case.opened_by = self
            .opened_by
            .as_ref()
            .and_then(|s| s.get(i))
            .map(str::to_owned);
        case.case_id = None;
        case.trace = false;
        Ok(())
    }
}

/// A dictionary column being built: keys per row, values in first-seen order.
/// `K` is `Int16` for the columns whose distinct values are at most the rows of
/// a piece ([`PIECE`] ≤ 32,768), `Int32` for body ids (as many as the rule set has).
struct Dict<K: ArrowDictionaryKeyType> {
    keys: PrimitiveBuilder<K>,
    values: StringBuilder,
    len: i32,
}

impl<K: ArrowDictionaryKeyType> Dict<K> {
    fn new(rows: usize) -> Dict<K> {
        Dict {
            keys: PrimitiveBuilder::with_capacity(rows),
            values: StringBuilder::new(),
            len: 0,
        }
    }

    /// Adds a value and returns its key.
    fn add(&mut self, s: &str) -> i32 {
        self.values.append_value(s);
        self.len += 1;
        self.len - 1
    }

    /// Appends a row's key (`None`: null).
    fn push(&mut self, k: Option<i32>) {
        self.keys.append_option(
            k.and_then(|k| usize::try_from(k).ok())
                .and_then(K::Native::from_usize),
        );
    }

    fn finish(mut self, values: Option<ArrayRef>) -> Result<ArrayRef, ArrowError> {
        let values = values.unwrap_or_else(|| Arc::new(self.values.finish()));
        Ok(Arc::new(DictionaryArray::try_new(
            self.keys.finish(),
            values,
        )?))
    }
}

/// The output of one piece, built column by column.
struct Out<'e> {
    status: Dict<Int16Type>,
    disposition: Dict<Int16Type>,
    dispositions: Vec<(Disposition, i32)>,
    /// The five body columns share one dictionary.
    bodies: [Dict<Int32Type>; 5],
    body_values: Dict<Int32Type>,
    /// The engine's bodies: a body's key is looked up by its position among
    /// them (`body_keys`, -1 for not yet seen), not hashed five times a row.
    engine_bodies: &'e [Body],
    body_keys: Vec<i32>,
    relevant_date: Date32Builder,
    in_transition: BooleanBuilder,
    legal_review: BooleanBuilder,
    hearing: BooleanBuilder,
    rule_ids: Dict<Int16Type>,
    rule_keys: FxMap<RuleSet, i32>,
    warnings: Dict<Int16Type>,
    warning_keys: FxMap<[Option<&'static str>; 3], i32>,
    summary_zh: StringBuilder,
    summary_en: StringBuilder,
    error_code: Dict<Int16Type>,
    /// Keys of values given as text (rows with summaries, errors): body ids,
    /// rule ids, warnings, error codes.
    texts: [FxMap<String, i32>; 4],
    /// Whether the summary columns are filled (else they are of type null).
    summary: bool,
    error_path: StringBuilder,
    error_message: StringBuilder,
    /// Rows without an error not yet appended to the three error columns:
    /// appended in one call when an error row comes or the piece ends.
    pending_error_nulls: usize,
}

impl<'e> Out<'e> {
    fn new(engine: &'e Engine, rows: usize, summary: bool) -> Out<'e> {
        Out {
            summary,
            status: Dict::new(rows),
            disposition: Dict::new(rows),
            dispositions: Vec::new(),
            bodies: std::array::from_fn(|_| Dict::new(rows)),
            body_values: Dict::new(0),
            engine_bodies: engine.bodies(),
            body_keys: vec![-1; engine.bodies().len()],
            relevant_date: Date32Builder::with_capacity(rows),
            in_transition: BooleanBuilder::with_capacity(rows),
            legal_review: BooleanBuilder::with_capacity(rows),
            hearing: BooleanBuilder::with_capacity(rows),
            rule_ids: Dict::new(rows),
            rule_keys: FxMap::default(),
            warnings: Dict::new(rows),
            warning_keys: FxMap::default(),
            summary_zh: StringBuilder::new(),
            summary_en: StringBuilder::new(),
            error_code: Dict::new(rows),
            texts: std::array::from_fn(|_| FxMap::default()),
            error_path: StringBuilder::new(),
            error_message: StringBuilder::new(),
            pending_error_nulls: 0,
        }
    }

    /// Appends the pending null error cells.
    fn flush_error_nulls(&mut self) {
        let n = std::mem::take(&mut self.pending_error_nulls);
        if n > 0 {
            self.error_code.keys.append_nulls(n);
            self.error_path.append_nulls(n);
            self.error_message.append_nulls(n);
        }
    }

    fn disposition(&mut self, d: Disposition) -> i32 {
        if let Some((_, k)) = self.dispositions.iter().find(|(x, _)| *x == d) {
            return *k;
        }
        // The wire name comes from the core's serde attributes, not from a table here.
        let name = serde_json::to_value(d)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let k = self.disposition.add(&name);
        self.dispositions.push((d, k));
        k
    }

    fn body(&mut self, b: Option<&'e Body>) -> Option<i32> {
        let b = b?;
        // The body's position among the engine's bodies, from its address (no
        // hashing); a body from elsewhere, which the engine never gives, would
        // fall back to its id.
        let size = std::mem::size_of::<Body>().max(1);
        let offset =
            (std::ptr::from_ref(b) as usize).wrapping_sub(self.engine_bodies.as_ptr() as usize);
        let slot = offset
            .is_multiple_of(size)
            .then(|| self.body_keys.get_mut(offset / size))
            .flatten();
        match slot {
            Some(k) if *k >= 0 => Some(*k),
            Some(k) => {
                *k = self.body_values.add(&b.id);
                Some(*k)
            }
            None => Some(self.body_values.add(&b.id)),
        }
    }

    /// A routed case without summaries.
    fn ruling(&mut self, c: &CompactRuling<'e>) {
        self.status.push(Some(0));
        let d = self.disposition(c.disposition);
        self.disposition.push(Some(d));
        let bodies = [
            c.handler,
            c.acts_in_name_of,
            c.review_body,
            c.transfer_to,
            c.handover_to,
        ];
        for (k, b) in bodies.into_iter().enumerate() {
            let key = self.body(b);
            if let Some(col) = self.bodies.get_mut(k) {
                col.push(key);
            }
        }
        self.relevant_date.append_value(days(c.relevant_date));
        self.in_transition.append_value(c.in_transition);
        self.legal_review.append_value(c.legal_review);
        self.hearing.append_value(c.hearing);
        let rules = &mut self.rule_ids;
        let k = *self
            .rule_keys
            .entry(c.rules)
            .or_insert_with(|| rules.add(&c.rule_ids()));
        self.rule_ids.push(Some(k));
        let warnings = &mut self.warnings;
        let k = *self
            .warning_keys
            .entry(c.warning_code_list())
            .or_insert_with(|| warnings.add(&c.warning_codes()));
        self.warnings.push(Some(k));
        // No summaries here (`summary=True` rows come through `answer`): the columns are of type null.
        self.pending_error_nulls += 1;
    }

    /// A row given as a [`CompactAnswer`]: with summaries, or an error.
    fn answer(&mut self, a: CompactAnswer) {
        /// The key of `s` in `dict`, through `keys` (values given as text).
        fn key<K: ArrowDictionaryKeyType>(
            dict: &mut Dict<K>,
            keys: &mut FxMap<String, i32>,
            s: Option<String>,
        ) -> Option<i32> {
            let s = s?;
            if let Some(k) = keys.get(&s) {
                return Some(*k);
            }
            let k = dict.add(&s);
            keys.insert(s, k);
            Some(k)
        }
        self.flush_error_nulls();
        let ok = a.status == "ok";
        self.status.push(Some(if ok { 0 } else { 1 }));
        let d = a.disposition.map(|d| self.disposition(d));
        self.disposition.push(d);
        let bodies = [
            a.handler,
            a.acts_in_name_of,
            a.review_body,
            a.transfer_to,
            a.handover_to,
        ];
        for (k, b) in bodies.into_iter().enumerate() {
            let id = key(&mut self.body_values, &mut self.texts[0], b);
            if let Some(col) = self.bodies.get_mut(k) {
                col.push(id);
            }
        }
        self.relevant_date.append_option(a.relevant_date.map(days));
        self.in_transition.append_option(a.in_transition);
        self.legal_review.append_option(a.legal_review);
        self.hearing.append_option(a.hearing);
        let k = key(&mut self.rule_ids, &mut self.texts[1], a.rule_ids);
        self.rule_ids.push(k);
        let k = key(&mut self.warnings, &mut self.texts[2], a.warnings);
        self.warnings.push(k);
        self.summary_zh.append_option(a.summary_zh);
        self.summary_en.append_option(a.summary_en);
        let k = key(&mut self.error_code, &mut self.texts[3], a.error_code);
        self.error_code.push(k);
        self.error_path.append_option(a.error_path);
        self.error_message.append_option(a.error_message);
    }

    fn finish(mut self, schema: &SchemaRef, case_id: ArrayRef) -> Result<RecordBatch, ArrowError> {
        self.flush_error_nulls();
        let status_values: ArrayRef = Arc::new(StringArray::from(vec!["ok", "error"]));
        let body_values: ArrayRef = Arc::new(self.body_values.values.finish());
        let mut bodies = Vec::with_capacity(5);
        for d in self.bodies {
            bodies.push(d.finish(Some(Arc::clone(&body_values)))?);
        }
        let rows = case_id.len();
        let text = |b: &mut StringBuilder, summary: bool| -> ArrayRef {
            if summary {
                Arc::new(b.finish())
            } else {
                new_null_array(&DataType::Null, rows)
            }
        };
        let summary = self.summary;
        let mut columns: Vec<ArrayRef> = vec![
            self.status.finish(Some(status_values))?,
            case_id,
            self.disposition.finish(None)?,
        ];
        columns.extend(bodies);
        columns.push(Arc::new(self.relevant_date.finish()));
        columns.push(Arc::new(self.in_transition.finish()));
        columns.push(Arc::new(self.legal_review.finish()));
        columns.push(Arc::new(self.hearing.finish()));
        columns.push(self.rule_ids.finish(None)?);
        columns.push(self.warnings.finish(None)?);
        columns.push(text(&mut self.summary_zh, summary));
        columns.push(text(&mut self.summary_en, summary));
        columns.push(self.error_code.finish(None)?);
        columns.push(Arc::new(self.error_path.finish()));
        columns.push(Arc::new(self.error_message.finish()));
        RecordBatch::try_new(Arc::clone(schema), columns)
    }
}

/// A date as Arrow's `date32`: days since 1970-01-01.
fn days(d: Date) -> i32 {
    d.naive().num_days_from_ce() - EPOCH_FROM_CE
}

/// Routes rows `start..end` of a batch (`first_row`: the batch's first row
/// over the whole input) into one output batch.
#[allow(clippy::too_many_arguments)]
fn route_piece(
    engine: &Engine,
    layout: &Layout,
    batch: &Batch<'_>,
    case_ids: &ArrayRef,
    schema: &SchemaRef,
    (start, end): (usize, usize),
    first_row: usize,
    summary: bool,
) -> Result<RecordBatch, ArrowError> {
    let mut out = Out::new(engine, end - start, summary);
    let mut case = blank_case();
    let (fine, confiscation) = (
        layout.fine.map_or("fine", |m| m.2),
        layout.confiscation.map_or("confiscation", |m| m.2),
    );
    for i in start..end {
        let row = first_row + i;
        if let Err(d) = batch.fill(layout, i, row, &mut case) {
            out.answer(CompactAnswer::of_error(None, &[d]));
            continue;
        }
        let routed = guarded(|| {
            if summary {
                Err(api::route_compact(engine, &case, true))
            } else {
                api::route_compact_ruling(engine, &case)
                    .map_err(|e| CompactAnswer::of_error(None, &e.diagnostics))
            }
        })
        .unwrap_or_else(|d| Err(CompactAnswer::of_error(None, &[d])));
        match routed {
            Ok(c) => out.ruling(&c),
            Err(mut a) => {
                if let Some(p) = a.error_path.take() {
                    a.error_path = Some(column_path(&p, row, layout.items.1, fine, confiscation));
                }
                out.answer(a);
            }
        }
    }
    out.finish(schema, case_ids.slice(start, end - start))
}

/// Routes one input batch on up to `threads` threads, pieces in order.
fn route_batch(
    engine: &Engine,
    layout: &Layout,
    b: &RecordBatch,
    schema: &SchemaRef,
    first_row: usize,
    threads: usize,
    summary: bool,
) -> Result<Vec<RecordBatch>, ArrowError> {
    let batch = layout.read(b)?;
    let rows = b.num_rows();
    let case_ids: ArrayRef = match batch.case_id {
        Some(c) => Arc::clone(c),
        None => new_null_array(&DataType::Null, rows),
    };
    let pieces: Vec<(usize, usize)> = (0..rows)
        .step_by(PIECE)
        .map(|s| (s, rows.min(s + PIECE)))
        .collect();
    let threads = threads.clamp(1, pieces.len().max(1));
    let run = |k: usize| -> Vec<(usize, Result<RecordBatch, ArrowError>)> {
        pieces
            .iter()
            .enumerate()
            .skip(k)
            .step_by(threads)
            .map(|(n, piece)| {
                (
                    n,
                    guarded(|| {
                        route_piece(
                            engine, layout, &batch, &case_ids, schema, *piece, first_row, summary,
                        )
                    })
                    .unwrap_or_else(|d| Err(ArrowError::ComputeError(d.message_en))),
                )
            })
            .collect()
    };
    let mut done: Vec<(usize, Result<RecordBatch, ArrowError>)> = if threads == 1 {
        run(0)
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads).map(|k| scope.spawn(move || run(k))).collect();
            let mut done = run(0);
            for h in handles {
                match h.join() {
                    Ok(part) => done.extend(part),
                    Err(_) => done.push((
                        usize::MAX,
                        Err(ArrowError::ComputeError(
                            "a routing thread panicked".to_owned(),
                        )),
                    )),
                }
            }
            done
        })
    };
    done.sort_by_key(|(n, _)| *n);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `RuleSet.route_arrow`: see the method's docstring in `lib.rs`.
pub(crate) fn route_arrow<'py>(
    engine: &Engine,
    py: Python<'py>,
    data: AnyRecordBatch,
    threads: Option<usize>,
    summary: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let threads = match threads {
        Some(0) => {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "threads must be at least 1 (or None for every core)",
            ))
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let mut reader: Box<dyn RecordBatchReader + Send> = data.into_reader()?;
    let input_schema = reader.schema();
    let layout = match Layout::of(&input_schema) {
        Ok(l) => l,
        Err(e) => return Err(input_error(py, &e)),
    };
    let schema = layout.out_schema(&input_schema, summary);
    let result: Result<Vec<RecordBatch>, ArrowError> = py.detach(|| {
        let mut out = Vec::new();
        let mut first_row = 0;
        for b in reader.by_ref() {
            let b = b?;
            out.extend(route_batch(
                engine, &layout, &b, &schema, first_row, threads, summary,
            )?);
            first_row += b.num_rows();
        }
        Ok(out)
    });
    let batches = result.map_err(|e| {
        input_error(
            py,
            &InputError::single(Diagnostic::error(
                codes::INPUT_INVALID_VALUE,
                "",
                format!("无法读取 Arrow 数据:{e}"),
                format!("could not read the Arrow data: {e}"),
            )),
        )
    })?;
    let table = PyTable::try_new(batches, schema)?;
    if py.import("pyarrow").is_ok() {
        Ok(table.into_pyarrow(py)?)
    } else {
        Ok(table.into_pyobject(py)?.into_any())
    }
}
