//! The one rule for arrows in `core/src` (docs/architecture.md): imports point
//! down only, and modules of one layer import each other without a circle.
//!
//! Layers, top to bottom:
//! 5. the JSON boundary: `api`, `schema`;
//! 4. the registry: `registry`;
//! 3. the decisions: `decisions::<name>` (each folder its own node);
//! 2. the answer vocabulary and the decision trait: `answer`, `decision`;
//! 1. the rule set: `ruleset`, `embedded`;
//! 0. foundations: `codes`, `citation`, `diagnostic`, `money`, `time`, `limits`,
//!    `decode`, `rules`.
//!
//! Read from the source text: every `crate::…` path outside comments and
//! outside a file's `#[cfg(test)]` tail (tests may reach anywhere).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The decision folders under `core/src/decisions/` (read from disk: a new
/// decision needs no line here). The crate root re-exports them by name.
fn decisions() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(src().join("decisions"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            p.is_dir()
                .then(|| p.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    out.sort();
    out
}

fn layer(node: &str) -> usize {
    if node.starts_with("decisions::") {
        return 3;
    }
    match node {
        "codes" | "citation" | "diagnostic" | "money" | "time" | "limits" | "decode" | "rules" | "vocabulary"
        | "versions" => 0,
        "ruleset" | "embedded" => 1,
        "answer" | "decision" => 2,
        "registry" => 4,
        "api" | "schema" => 5,
        other => panic!("module `{other}` has no layer: add it to core/tests/architecture.rs and docs/architecture.md"),
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The node a file belongs to: its top-level module, or `decisions::<name>`.
fn node_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    match parts.as_slice() {
        [root] if root == "lib" => None,
        [first, second, ..] if first == "decisions" && parts.len() > 2 => {
            Some(format!("decisions::{second}"))
        }
        [first, _] if first == "decisions" => None, // decisions/mod.rs: the list itself
        [first, ..] => Some(first.clone()),
        [] => None,
    }
}

/// The module a `crate::` path names.
fn target(path: &[&str]) -> Option<String> {
    let first = *path.first()?;
    if first == "decisions" {
        return path.get(1).map(|d| format!("decisions::{d}"));
    }
    if decisions().iter().any(|d| d == first) {
        return Some(format!("decisions::{first}"));
    }
    // Re-exports at the crate root.
    let node = match first {
        "Engine" => "ruleset",
        "Case" | "Ruling" => "decisions::routing",
        "Money" => "money",
        "RuleId" => "rules",
        "Diagnostic" | "InputError" | "Severity" => "diagnostic",
        "Decision" => "decision",
        "MAX_DOCUMENT_BYTES" | "MAX_RULESET_BYTES" => "decode",
        // Constants of the crate root (lib.rs): the engine and contract versions.
        "ENGINE_VERSION" | "CONTRACT_VERSION" => "versions",
        other => other,
    };
    Some(node.to_owned())
}

/// Every module a source text imports through `crate::`.
fn imports(text: &str) -> BTreeSet<String> {
    let mut code = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let line = line.split("//").next().unwrap_or("");
        code.push_str(line);
        code.push('\n');
    }
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d}`: the first segment of each member.
            let end = group.find('}').unwrap_or(group.len());
            for member in group[..end].split(',') {
                let segs: Vec<&str> = member.trim().split("::").map(str::trim).collect();
                if let Some(t) = target(&segs) {
                    out.insert(t);
                }
            }
            continue;
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let segs: Vec<&str> = ident.split("::").filter(|s| !s.is_empty()).collect();
        if let Some(t) = target(&segs) {
            out.insert(t);
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all {
        let Some(node) = node_of(&f) else { continue };
        let text = std::fs::read_to_string(&f).unwrap();
        let deps = g.entry(node.clone()).or_default();
        for t in imports(&text) {
            if t != node {
                deps.insert(t);
            }
        }
    }
    g
}

#[test]
fn imports_point_down_only() {
    let g = graph();
    let mut upward = Vec::new();
    for (from, deps) in &g {
        for to in deps {
            if layer(to) > layer(from) {
                upward.push(format!(
                    "{from} (layer {}) imports {to} (layer {})",
                    layer(from),
                    layer(to)
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n  {}",
        upward.join("\n  ")
    );
}

#[test]
fn no_import_circle() {
    let g = graph();
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for m in g.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = stack.iter().position(|x| x == m).unwrap_or(0);
                    let mut circle = stack[start..].to_vec();
                    circle.push(m.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, &g, &mut state, &mut Vec::new()) {
                panic!("import circle: {}", c.join(" -> "));
            }
        }
    }
}

#[test]
fn every_decision_folder_is_registered() {
    let registry = std::fs::read_to_string(src().join("registry.rs")).unwrap();
    let list = std::fs::read_to_string(src().join("decisions/mod.rs")).unwrap();
    for d in decisions() {
        assert!(
            list.contains(&format!("pub mod {d};")),
            "decisions/{d} is not declared in decisions/mod.rs"
        );
        assert!(
            registry.contains(&format!("Entry::of::<{d}::operation::")),
            "decisions/{d} has no line in registry::REGISTRY"
        );
        assert!(
            src()
                .join("decisions")
                .join(&d)
                .join("operation.rs")
                .exists(),
            "decisions/{d} has no operation.rs"
        );
    }
}

#[test]
fn the_reader_sees_crate_paths() {
    // The checker itself: it must see grouped and nested paths, and skip comments and tests.
    let seen = imports(
        "use crate::{codes, decode::x};\nuse crate::routing::Case; // crate::api\nfn f() { crate::registry::lookup(\"\"); }\n#[cfg(test)]\nuse crate::api;\n",
    );
    let expect: BTreeSet<String> = ["codes", "decode", "decisions::routing", "registry"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(seen, expect);
    assert_eq!(layer("api"), 5);
    assert!(layer("decisions::routing") < layer("registry"));
}
