//! A `serde::Deserializer` over an owned [`serde_json::Value`] that remembers
//! where an error happened.
//!
//! It replaces `serde_path_to_error` wrapped around serde_json's own `Value`
//! deserializer. Both give the same paths and messages; this one creates the map
//! and sequence accessors itself, so no visitor needs wrapping: each input type's
//! `Deserialize` is compiled once, and a successful decode records nothing. The
//! path is built only on failure: each accessor the error passes on its way out
//! adds its segment (the key, the index, the enum variant).
//!
//! Messages come from `serde_json::Error`, so that "invalid type: null, expected
//! a string" reads exactly as serde_json writes it; [`super`] maps them to codes.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde_json::{Map, Value};

/// A decoding failure and the path to the value that caused it.
#[derive(Debug)]
pub(crate) struct PathError {
    inner: serde_json::Error,
    /// Innermost segment first.
    segments: Vec<Segment>,
}

#[derive(Debug)]
enum Segment {
    Index(usize),
    Key(String),
}

impl PathError {
    fn new(inner: serde_json::Error) -> PathError {
        PathError {
            inner,
            segments: Vec::new(),
        }
    }

    fn at(mut self, segment: Segment) -> PathError {
        self.segments.push(segment);
        self
    }

    /// The path as serde_path_to_error writes it: `grants[3].items[0]`, or an
    /// empty string at the top.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.segments.iter().rev() {
            match segment {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
            }
        }
        out
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl std::error::Error for PathError {}

// serde_json writes some messages its own way (`null` for unit, floats with a
// decimal point): every constructor gives the text serde_json would.
impl de::Error for PathError {
    fn custom<T: fmt::Display>(msg: T) -> PathError {
        PathError::new(serde_json::Error::custom(msg))
    }
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> PathError {
        PathError::custom(format_args!(
            "invalid type: {}, expected {exp}",
            UnexpectedText(unexp)
        ))
    }
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> PathError {
        PathError::custom(format_args!(
            "invalid value: {}, expected {exp}",
            UnexpectedText(unexp)
        ))
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> PathError {
        PathError::new(serde_json::Error::invalid_length(len, exp))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> PathError {
        PathError::new(serde_json::Error::unknown_variant(variant, expected))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> PathError {
        PathError::new(serde_json::Error::unknown_field(field, expected))
    }
    fn missing_field(field: &'static str) -> PathError {
        PathError::new(serde_json::Error::missing_field(field))
    }
    fn duplicate_field(field: &'static str) -> PathError {
        PathError::new(serde_json::Error::duplicate_field(field))
    }
}

/// An unexpected value worded as serde_json words it (`null`, floats with a
/// decimal point), written out here rather than through serde's `Display`,
/// whose float arm would bring a second float formatter into the WASM module
/// (serde_json's own text of the float is used instead).
struct UnexpectedText<'a>(Unexpected<'a>);

impl fmt::Display for UnexpectedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(i) => write!(f, "integer `{i}`"),
            Unexpected::Signed(i) => write!(f, "integer `{i}`"),
            Unexpected::Float(x) => match serde_json::Number::from_f64(x) {
                Some(n) => write!(f, "floating point `{n}`"),
                None => f.write_str("floating point `NaN`"),
            },
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string {s:?}"),
            Unexpected::Bytes(_) => f.write_str("byte array"),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Option => f.write_str("Option value"),
            Unexpected::NewtypeStruct => f.write_str("newtype struct"),
            Unexpected::Seq => f.write_str("sequence"),
            Unexpected::Map => f.write_str("map"),
            Unexpected::Enum => f.write_str("enum"),
            Unexpected::UnitVariant => f.write_str("unit variant"),
            Unexpected::NewtypeVariant => f.write_str("newtype variant"),
            Unexpected::TupleVariant => f.write_str("tuple variant"),
            Unexpected::StructVariant => f.write_str("struct variant"),
            Unexpected::Other(other) => f.write_str(other),
        }
    }
}

/// Deserializes `T` from `value`.
pub(crate) fn deserialize<T: de::DeserializeOwned>(value: Value) -> Result<T, PathError> {
    T::deserialize(ValueDeserializer(value))
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => number_unexpected(n),
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn number_unexpected(n: &serde_json::Number) -> Unexpected<'static> {
    if let Some(u) = n.as_u64() {
        Unexpected::Unsigned(u)
    } else if let Some(i) = n.as_i64() {
        Unexpected::Signed(i)
    } else {
        Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn visit_number<'de, V: Visitor<'de>>(
    n: &serde_json::Number,
    visitor: V,
) -> Result<V::Value, PathError> {
    // The order of serde_json's own `Number`: positive, negative, float.
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

struct ValueDeserializer(Value);

/// Numbers of every width as `deserialize_u64`: the visitor checks the range.
macro_rules! deserialize_number {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
                self.deserialize_u64(visitor)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for ValueDeserializer {
    type Error = PathError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => visit_number(&n, visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(map) => visit_object(map, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(ValueDeserializer(other)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(EnumAccess {
                variant,
                value: None,
            }),
            Value::Object(map) => {
                let mut entries = map.into_iter();
                match (entries.next(), entries.next()) {
                    (Some((variant, value)), None) => visitor.visit_enum(EnumAccess {
                        variant,
                        value: Some(value),
                    }),
                    _ => Err(de::Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            other => Err(de::Error::invalid_type(
                unexpected(&other),
                &"string or map",
            )),
        }
    }

    // serde_json's `Value` refuses a non-string for these before asking the visitor.
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.deserialize_string(visitor)
    }

    // Objects only: serde_json also takes a struct as a positional array, which
    // the JSON contract does not allow and which would let `["2024-01-01",
    // "2024-12-31"]` pass for a date range. Refusing it also spares compiling
    // every struct's sequence visitor.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        visitor.visit_unit()
    }

    // The rest as serde_json's `Value` does them: each asks only the visitor
    // method its shape needs, so no visitor compiles the others for nothing.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(b),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Number(n) => visit_number(&n, visitor),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visit_array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(&other), &visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.deserialize_byte_buf(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, PathError> {
        self.deserialize_string(visitor)
    }

    deserialize_number!(
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u128
        deserialize_f32 deserialize_f64
    );
}

fn visit_array<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, PathError> {
    let len = items.len();
    let mut seq = SeqAccess {
        items: items.into_iter(),
        index: 0,
    };
    let out = visitor.visit_seq(&mut seq)?;
    if seq.items.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in array"))
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, PathError> {
    let len = map.len();
    let mut access = MapAccess {
        entries: map.into_iter(),
        pending: None,
    };
    let out = visitor.visit_map(&mut access)?;
    if access.entries.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

struct SeqAccess {
    items: std::vec::IntoIter<Value>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess {
    type Error = PathError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PathError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(ValueDeserializer(value))
            .map(Some)
            .map_err(|e| e.at(Segment::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess {
    entries: serde_json::map::IntoIter,
    /// The entry whose key was read and whose value is next.
    pending: Option<(String, Value)>,
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = PathError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PathError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        // An unknown field is reported at the key itself, as serde_path_to_error does.
        let key_de: de::value::StrDeserializer<'_, PathError> = key.as_str().into_deserializer();
        match seed.deserialize(key_de) {
            Ok(k) => {
                self.pending = Some((key, value));
                Ok(Some(k))
            }
            Err(e) => Err(e.at(Segment::Key(key))),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PathError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("value is missing"));
        };
        seed.deserialize(ValueDeserializer(value))
            .map_err(|e| e.at(Segment::Key(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumAccess {
    variant: String,
    value: Option<Value>,
}

impl<'de> de::EnumAccess<'de> for EnumAccess {
    type Error = PathError;
    type Variant = VariantAccess;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantAccess), PathError> {
        // An unknown variant is reported at the enum's own path.
        let variant_de: de::value::StrDeserializer<'_, PathError> =
            self.variant.as_str().into_deserializer();
        let v = seed.deserialize(variant_de)?;
        Ok((
            v,
            VariantAccess {
                variant: self.variant,
                value: self.value,
            },
        ))
    }
}

struct VariantAccess {
    variant: String,
    value: Option<Value>,
}

impl VariantAccess {
    fn at(variant: String) -> impl FnOnce(PathError) -> PathError {
        move |e| e.at(Segment::Key(variant))
    }
}

impl<'de> de::VariantAccess<'de> for VariantAccess {
    type Error = PathError;

    fn unit_variant(self) -> Result<(), PathError> {
        match self.value {
            None => Ok(()),
            Some(value) => de::Deserialize::deserialize(ValueDeserializer(value))
                .map_err(Self::at(self.variant)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, PathError> {
        match self.value {
            Some(value) => seed
                .deserialize(ValueDeserializer(value))
                .map_err(Self::at(self.variant)),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            ))
            .map_err(Self::at(self.variant)),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, PathError> {
        match self.value {
            Some(Value::Array(items)) => {
                if items.is_empty() {
                    visitor.visit_unit()
                } else {
                    visit_array(items, visitor)
                }
            }
            Some(other) => Err(de::Error::invalid_type(
                unexpected(&other),
                &"tuple variant",
            )),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
        .map_err(Self::at(self.variant))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, PathError> {
        match self.value {
            Some(Value::Object(map)) => visit_object(map, visitor),
            Some(other) => Err(de::Error::invalid_type(
                unexpected(&other),
                &"struct variant",
            )),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
        .map_err(Self::at(self.variant))
    }
}
