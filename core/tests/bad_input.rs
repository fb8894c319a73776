//! Runs the bad-input corpus (`fixtures/bad-input/`, format in its README)
//! through the JSON entry point every binding uses, `api::call_json_str`: every
//! request must be refused with exactly the expected codes and paths, as an
//! answer and never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use fuquan::{api, Engine};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bad-input")
}

/// The raw request text: `input`, or `input_generator` expanded (see the README).
pub fn request_text(case: &Value) -> String {
    if let Some(text) = case.get("input") {
        return text.as_str().expect("input is a string").to_owned();
    }
    let generator = &case["input_generator"];
    assert_eq!(generator["kind"], "repeat", "unknown generator kind");
    let mut out = String::new();
    for part in generator["parts"].as_array().expect("parts") {
        let text = part["text"].as_str().expect("part text");
        let times = usize::try_from(part["times"].as_u64().expect("part times")).unwrap();
        out.push_str(&text.repeat(times));
    }
    out
}

/// `(code, path)` of every error in an answer (`errors`, or `diagnostics` for `validate`).
fn found(answer: &Value) -> Vec<(String, String)> {
    let list = answer
        .get("errors")
        .or_else(|| answer.get("diagnostics"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["path"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_bad_input_is_refused_with_its_code() {
    let engine = Engine::embedded().expect("embedded rule set loads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "expected at least 50 bad-input cases");
    let mut failures = Vec::new();
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let id = case["id"].as_str().unwrap();
        assert_eq!(
            file.file_stem().and_then(|s| s.to_str()),
            Some(id),
            "the file name must be the case id"
        );
        let op = case["operation"].as_str().unwrap();
        let text = request_text(&case);
        let answer: Value = serde_json::from_str(&api::call_json_str(&engine, op, &text))
            .unwrap_or_else(|e| panic!("{id}: the answer is not JSON: {e}"));
        let expect = &case["expect"];
        let want: Vec<(String, String)> = expect["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["path"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let got = found(&answer);
        if answer["status"] != expect["status"] || got != want {
            failures.push(format!(
                "{id}: expected {} {want:?}, got {} {got:?}",
                expect["status"], answer["status"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether `s` holds a CJK character.
fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// A phrase rather than a list of codes or ids: it has an English word of at
/// least four letters that is not a code (codes have `_` or digits).
fn is_phrase(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()))
        && s.contains(' ')
}

#[test]
fn every_refusal_says_what_was_expected_in_chinese_too() {
    let engine = Engine::embedded().expect("embedded rule set loads");
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut missing = Vec::new();
    let mut echoed = 0;
    for file in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let op = case["operation"].as_str().unwrap();
        let answer: Value =
            serde_json::from_str(&api::call_json_str(&engine, op, &request_text(&case))).unwrap();
        for d in answer["errors"].as_array().into_iter().flatten() {
            let Some(en) = d["expected"].as_str() else {
                continue;
            };
            let zh = d["expected_zh"].as_str().unwrap_or_default();
            if zh.is_empty() || (is_phrase(en) && !has_chinese(zh)) {
                missing.push(format!("{}: {en:?} -> {zh:?}", case["id"]));
            }
            if d["value"].is_string() {
                echoed += 1;
            }
        }
    }
    assert!(
        missing.is_empty(),
        "expected without Chinese:\n{}",
        missing.join("\n")
    );
    // Type errors and bad dates or money quote the value given.
    assert!(echoed >= 10, "only {echoed} refusals echo the value");
}
