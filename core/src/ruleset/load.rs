//! Reading rule-set documents from JSON strings, values and directories.

use std::path::Path;

use serde_json::{Map, Value};

use super::source::RuleSetDocument;
use crate::codes;
use crate::decode;
use crate::diagnostic::{Diagnostic, InputError};

/// The list files a rule-set directory holds beside `ruleset.json`.
pub(crate) const LIST_FILES: [&str; 4] = ["departments", "towns", "items", "grants"];
/// The list files a rule-set directory may hold: absent, the list is empty.
pub(crate) const OPTIONAL_LIST_FILES: [&str; 1] = ["intake_examples"];

/// Parses a whole rule-set document from one JSON string (at most
/// [`decode::MAX_RULESET_BYTES`]).
pub fn document_from_json_str(json: &str) -> Result<RuleSetDocument, InputError> {
    decode::from_str_within(json, decode::MAX_RULESET_BYTES).map_err(InputError::single)
}

/// Converts a JSON value (e.g. a Python dict) into a rule-set document.
pub fn document_from_json_value(value: Value) -> Result<RuleSetDocument, InputError> {
    decode::from_value(value).map_err(InputError::single)
}

/// Merges `ruleset.json` and the list files into one document value. `read`
/// returns a file's text, or `None` when the file does not exist.
pub(crate) fn merge_parts(
    read: impl Fn(&str) -> Result<Option<String>, Diagnostic>,
) -> Result<Value, InputError> {
    let main = read("ruleset.json")?.ok_or_else(|| {
        InputError::single(io_error("ruleset.json", "文件不存在", "file not found"))
    })?;
    let mut root: Map<String, Value> = decode::from_str_within(&main, decode::MAX_RULESET_BYTES)
        .map_err(|d| InputError::single(in_file("ruleset.json", d)))?;
    for name in LIST_FILES {
        let file = format!("{name}.json");
        if root.contains_key(name) {
            continue;
        }
        let text = read(&file)?
            .ok_or_else(|| InputError::single(io_error(&file, "文件不存在", "file not found")))?;
        let list: Value = decode::from_str_within(&text, decode::MAX_RULESET_BYTES)
            .map_err(|d| InputError::single(in_file(&file, d)))?;
        root.insert(name.to_owned(), list);
    }
    for name in OPTIONAL_LIST_FILES {
        let file = format!("{name}.json");
        if root.contains_key(name) {
            continue;
        }
        if let Some(text) = read(&file)? {
            let list: Value = decode::from_str_within(&text, decode::MAX_RULESET_BYTES)
                .map_err(|d| InputError::single(in_file(&file, d)))?;
            root.insert(name.to_owned(), list);
        }
    }
    Ok(Value::Object(root))
}

fn in_file(file: &str, mut d: Diagnostic) -> Diagnostic {
    d.message_zh = format!("{file}:{}", d.message_zh);
    d.message_en = format!("{file}: {}", d.message_en);
    d
}

fn io_error(file: &str, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::error(
        codes::RULESET_IO,
        file,
        format!("{file}:{zh}"),
        format!("{file}: {en}"),
    )
}

/// Reads a rule-set directory: `ruleset.json` plus `departments.json`,
/// `towns.json`, `items.json` and `grants.json` (any of which may instead be a
/// key of `ruleset.json`), and `intake_examples.json` when it is there. Paths in diagnostics are over the merged document.
pub fn document_from_dir(dir: &Path) -> Result<RuleSetDocument, InputError> {
    let value = merge_parts(|file| {
        let path = dir.join(file);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error(
                file,
                &format!("无法读取：{e}"),
                &format!("cannot read: {e}"),
            )),
        }
    })?;
    document_from_json_value(value)
}
