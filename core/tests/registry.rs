//! What comes from the decision registry stays in step with it: the bindings'
//! operation lists (Python stub, TypeScript types), the conformance suite (every
//! operation has cases, every case names a registered operation), the fuzz
//! script and the docs' list of operations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use fuquan::api::OPERATIONS;
use fuquan::registry::{lookup, REGISTRY};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The quoted names in `text` between `start` and the first `end` after it.
fn quoted_between(text: &str, start: &str, end: &str) -> Vec<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let block = &text[from..];
    let block = &block[..block.find(end).unwrap()];
    block
        .split(['"', '\''])
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

#[test]
fn operations_are_the_registry_in_order_and_unique() {
    let names: Vec<&str> = REGISTRY.iter().map(|e| e.operation).collect();
    assert_eq!(names, OPERATIONS);
    for (i, op) in OPERATIONS.iter().enumerate() {
        assert!(!OPERATIONS[..i].contains(op), "{op} registered twice");
        assert_eq!(lookup(op).unwrap().operation, *op);
    }
    assert!(lookup("no_such_operation").is_none());
}

#[test]
fn python_stub_lists_the_registry() {
    let stub = read("bindings-python/python/fuquan/__init__.pyi");
    assert_eq!(
        quoted_between(&stub, "Operation = Literal[", "]"),
        OPERATIONS
    );
}

#[test]
fn typescript_types_list_the_registry() {
    let dts = read("bindings-wasm/index.d.ts");
    assert_eq!(
        quoted_between(&dts, "export type Operation =", ";"),
        OPERATIONS
    );
}

#[test]
fn every_operation_has_conformance_cases_and_every_case_a_registered_operation() {
    let mut counts = std::collections::BTreeMap::new();
    for dir in std::fs::read_dir(repo().join("fixtures/cases")).unwrap() {
        for f in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            let op = case["operation"].as_str().unwrap().to_owned();
            assert!(
                lookup(&op).is_some(),
                "{}: unknown operation {op}",
                p.display()
            );
            *counts.entry(op).or_insert(0usize) += 1;
        }
    }
    for op in OPERATIONS {
        assert!(
            counts.get(op).copied().unwrap_or(0) >= 1,
            "{op} has no conformance case"
        );
    }
}

#[test]
fn fixtures_readme_names_every_operation() {
    let readme = read("fixtures/README.md");
    for op in OPERATIONS {
        assert!(
            readme.contains(op),
            "fixtures/README.md does not mention {op}"
        );
    }
}
