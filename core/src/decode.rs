//! Turning JSON into typed input, with every failure mapped to a [`Diagnostic`]
//! that names the field path, what was expected, and a stable code.

use serde::de::DeserializeOwned;

mod value;

use crate::codes;
use crate::diagnostic::Diagnostic;

/// Largest JSON request accepted by the string entry points (64 MiB): any real
/// case, roster or dispute fits many times over; a runaway upload does not.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Largest rule-set text accepted (256 MiB): a whole document, one file of a
/// rule-set directory, or a request that carries rule sets (`validate`,
/// `route_history`). A province of 2,000 towns and 200,000 grants is ~91 MB.
pub const MAX_RULESET_BYTES: usize = 256 * 1024 * 1024;

/// Parses a JSON request into `T` (at most [`MAX_DOCUMENT_BYTES`]).
#[cfg(test)]
pub(crate) fn from_str<T: DeserializeOwned>(input: &str) -> Result<T, Diagnostic> {
    from_str_within(input, MAX_DOCUMENT_BYTES)
}

/// Parses JSON text of at most `limit` bytes into `T`.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn from_str_within<T: DeserializeOwned>(
    input: &str,
    limit: usize,
) -> Result<T, Diagnostic> {
    parse_str(input, limit)
}

/// Parses JSON text of at most `limit` bytes into `T` through a
/// [`serde_json::Value`]. In WebAssembly, where code size is what users pay
/// for, each input type's deserializer is then compiled once (for values)
/// instead of twice (for values and for text); the conformance and bad-input
/// corpora run against the WASM build too.
#[cfg(target_arch = "wasm32")]
pub(crate) fn from_str_within<T: DeserializeOwned>(
    input: &str,
    limit: usize,
) -> Result<T, Diagnostic> {
    from_value(value_from_str_within(input, limit)?)
}

fn parse_str<T: DeserializeOwned>(input: &str, limit: usize) -> Result<T, Diagnostic> {
    if input.len() > limit {
        return Err(too_large(input.len(), limit));
    }
    let mut de = serde_json::Deserializer::from_str(input);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| to_diagnostic(&e))?;
    de.end().map_err(|e| syntax(&e))?;
    Ok(value)
}

/// Parses JSON text into a [`serde_json::Value`], refusing a key repeated in
/// one object (`input.duplicate_key`): serde_json's `Value` would keep the last
/// one silently, and a second `"fine"` must not slip past a reader who saw the first.
pub(crate) fn value_from_str(input: &str) -> Result<serde_json::Value, Diagnostic> {
    value_from_str_within(input, MAX_DOCUMENT_BYTES)
}

/// [`value_from_str`] for text of at most `limit` bytes.
pub(crate) fn value_from_str_within(
    input: &str,
    limit: usize,
) -> Result<serde_json::Value, Diagnostic> {
    parse_str::<StrictValue>(input, limit).map(|v| v.0)
}

/// A JSON value read with duplicate keys refused.
struct StrictValue(serde_json::Value);

impl<'de> serde::Deserialize<'de> for StrictValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<StrictValue, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(
            serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into),
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }
    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Value::Null))
    }
    fn visit_none<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Value::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(StrictValue(serde_json::Value::Array(out)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(codes::tagged(
                    codes::INPUT_DUPLICATE_KEY,
                    &format!("duplicate key `{key}`"),
                )));
            }
            let StrictValue(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(StrictValue(serde_json::Value::Object(out)))
    }
}

#[cfg(test)]
thread_local! {
    /// Decode with serde_path_to_error over serde_json's `Value` instead (the
    /// implementation [`value`] replaced), for the differential test in `api`.
    pub(crate) static REFERENCE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Converts an already-parsed JSON value into `T` (see [`value`] for how the
/// path of a failure is found).
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Diagnostic> {
    #[cfg(test)]
    if REFERENCE.with(std::cell::Cell::get) {
        return serde_path_to_error::deserialize(value).map_err(|e| to_diagnostic(&e));
    }
    value::deserialize(value).map_err(|e| message_diagnostic(e.path(), &e.to_string()))
}

fn too_large(len: usize, limit: usize) -> Diagnostic {
    Diagnostic::error(
        codes::INPUT_TOO_LARGE,
        "",
        format!("输入过大：{len} 字节，上限 {limit} 字节"),
        format!("input too large: {len} bytes, the limit is {limit}"),
    )
    .expected(format!("at most {limit} bytes"))
}

fn syntax(e: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(
        codes::INPUT_SYNTAX,
        "",
        format!("JSON 格式错误（第 {} 行第 {} 列）", e.line(), e.column()),
        format!("malformed JSON: {e}"),
    )
    .expected("well-formed JSON")
}

fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message),
        None => message,
    }
}

fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')?;
    let rest = message.get(start + 1..)?;
    let end = rest.find('`')?;
    rest.get(..end)
}

fn after_expected(message: &str) -> Option<String> {
    message
        .find("expected ")
        .and_then(|i| message.get(i + "expected ".len()..))
        .map(str::to_owned)
}

fn render_path(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." {
        String::new()
    } else {
        p
    }
}

/// `path.key` (or `key` at the top), or `path` unchanged without a key.
fn join_path(path: &str, key: Option<&str>) -> String {
    match key {
        Some(k) if path.is_empty() => k.to_owned(),
        Some(k) => format!("{path}.{k}"),
        None => path.to_owned(),
    }
}

fn to_diagnostic(e: &serde_path_to_error::Error<serde_json::Error>) -> Diagnostic {
    let inner = e.inner();
    let path = render_path(e.path());
    if matches!(
        inner.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) {
        let text = inner.to_string();
        if text.contains("recursion limit") {
            // The path would be 128 segments of noise: the whole input is too deep.
            return Diagnostic::error(
                codes::INPUT_TOO_LARGE,
                "",
                "JSON 嵌套过深（上限 127 层）",
                "JSON nested too deeply (limit 127 levels)",
            )
            .expected("at most 127 levels of nesting");
        }
        return syntax(inner);
    }
    let full = inner.to_string();
    message_diagnostic(path, strip_position(&full))
}

/// The diagnostic for a data error (not a syntax error) `message` at `path`.
fn message_diagnostic(mut path: String, message: &str) -> Diagnostic {
    if let Some((code, detail)) = codes::split_tagged(message) {
        if code == codes::INPUT_DUPLICATE_KEY {
            path = join_path(&path, backticked(detail));
        }
        let zh = match code {
            codes::INPUT_DUPLICATE_KEY => "同一对象中键重复",
            codes::MONEY_FLOAT => "金额不得使用浮点数，请写成字符串（如 \"50000.00\"）",
            codes::MONEY_NEGATIVE => "金额不得为负数",
            codes::MONEY_INVALID => "金额应为以元为单位、最多两位小数的数字字符串",
            codes::DATE_INVALID => "日期无效，应为真实存在的 YYYY-MM-DD 日期",
            _ => "输入无效",
        };
        let expected = match code {
            codes::DATE_INVALID => "a real date YYYY-MM-DD",
            codes::INPUT_DUPLICATE_KEY => "each key at most once per object",
            _ => "yuan as a string with at most two decimals, e.g. \"50000.00\"",
        };
        let d = Diagnostic::error(
            code,
            path.clone(),
            format!("{path}:{zh}"),
            detail.to_owned(),
        )
        .expected(expected);
        return with_echo(d, detail, false);
    }
    let (code, zh) = if message.starts_with("unknown field") {
        (codes::INPUT_UNKNOWN_FIELD, "未知字段")
    } else if message.starts_with("duplicate field") {
        path = join_path(&path, backticked(message));
        (codes::INPUT_DUPLICATE_KEY, "同一对象中键重复")
    } else if message.starts_with("missing field") {
        if let Some(field) = backticked(message) {
            path = if path.is_empty() {
                field.to_owned()
            } else {
                format!("{path}.{field}")
            };
        }
        (codes::INPUT_MISSING_FIELD, "缺少必填字段")
    } else if message.starts_with("invalid type") {
        (codes::INPUT_INVALID_TYPE, "类型不正确")
    } else {
        (codes::INPUT_INVALID_VALUE, "取值无效")
    };
    let mut d = Diagnostic::error(
        code,
        path.clone(),
        format!("{path}:{zh}"),
        message.to_owned(),
    );
    if let Some(expected) = after_expected(message) {
        d = d.expected(expected);
    }
    with_echo(d, message, true)
}

/// Echoes the offending value serde quoted in `message` (`string "2025/03/04"`,
/// `` integer `-1` ``, `` unknown variant `xyz` ``) in `value` and in the Chinese
/// message, with what was expected: a clerk sees what was wrong and what to
/// write instead.
fn with_echo(mut d: Diagnostic, message: &str, say_expected: bool) -> Diagnostic {
    let value = quoted_value(message);
    if let Some(v) = &value {
        d = d.with_value(v);
    }
    if let Some(zh) = d.expected_zh.as_ref().filter(|_| say_expected) {
        d.message_zh = format!("{}；应为{zh}", d.message_zh);
    }
    if let Some(v) = &d.value {
        d.message_zh = format!("{}（收到「{v}」）", d.message_zh);
    }
    d
}

/// The value a serde message quotes, if any.
fn quoted_value(message: &str) -> Option<String> {
    if let Some(i) = message.find('"') {
        let rest = message.get(i + 1..)?;
        let end = rest.find('"')?;
        return rest.get(..end).map(str::to_owned);
    }
    for marker in [
        "integer `",
        "floating point `",
        "unknown variant `",
        "unknown field `",
    ] {
        if let Some(i) = message.find(marker) {
            let rest = message.get(i + marker.len()..)?;
            let end = rest.find('`')?;
            return rest.get(..end).map(str::to_owned);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        list: Vec<Inner>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        fine: crate::money::Money,
        name: String,
    }

    #[test]
    fn paths_and_codes() {
        let e = from_str::<Outer>(r#"{"list":[{"fine":"1","name":"a"},{"fine":1.5,"name":"b"}]}"#)
            .unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("money.float", "list[1].fine")
        );
        let e = from_str::<Outer>(r#"{"list":[{"fine":"1"}]}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input.missing_field", "list[0].name")
        );
        let e = from_str::<Outer>(r#"{"list":[{"fine":"1","name":"a","x":1}]}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input.unknown_field", "list[0].x")
        );
        let e = from_str::<Outer>(r#"{"list":[{"fine":"1","name":3}]}"#).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.path.as_str()),
            ("input.invalid_type", "list[0].name")
        );
        let e = from_str::<Outer>(r#"{"list":[}"#).unwrap_err();
        assert_eq!(e.code, "input.syntax");
        let e = from_str::<Outer>(r#"{"list":[]} x"#).unwrap_err();
        assert_eq!(e.code, "input.syntax");
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        assert_eq!(
            from_str::<serde_json::Value>(&deep).unwrap_err().code,
            "input.too_large"
        );
    }
}
