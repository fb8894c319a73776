//! A district's own document templates (`docs/drafting.md`): a rule-set
//! directory may carry `templates/<document>.j2`, which replaces the built-in
//! template of that document. Each is checked when the directory is loaded: an
//! unknown file name or a template that does not parse is a load error with
//! its path and line.

use std::path::Path;

use crate::diagnostic::{Diagnostic, InputError};

/// The documents a template may be given for (the `draft` operation's
/// `document` values; the drafting decision checks it lists them all).
pub const DOCUMENTS: [&str; 7] = [
    "transfer",
    "handover",
    "designation_request",
    "designation_decision",
    "dispute_submission",
    "delegation_acceptance",
    "entrustment_agreement",
];

/// The largest template file read, in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// Checks one template: its name and its minijinja syntax (with the drafting
/// decision's whitespace settings).
pub fn check(document: &str, source: &str) -> Result<(), Diagnostic> {
    let path = format!("templates/{document}.j2");
    if !DOCUMENTS.contains(&document) {
        return Err(Diagnostic::error(
            "ruleset.template_unknown",
            path.clone(),
            format!("{path}：没有名为 {document} 的文书"),
            format!("{path}: there is no document called {document}"),
        )
        .expected_both(
            format!("以下之一：{}", DOCUMENTS.join("、")),
            format!("one of: {}", DOCUMENTS.join(", ")),
        ));
    }
    if source.len() > MAX_TEMPLATE_BYTES {
        return Err(Diagnostic::error(
            "ruleset.template_syntax",
            path.clone(),
            format!("{path}：模板超过 {MAX_TEMPLATE_BYTES} 字节"),
            format!("{path}: the template is over {MAX_TEMPLATE_BYTES} bytes"),
        ));
    }
    let mut env = minijinja::Environment::new();
    if let Ok(s) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(s);
    }
    env.template_from_str(source).map(|_| ()).map_err(|e| {
        let line = e.line().unwrap_or(0);
        let what = e.detail().unwrap_or("syntax error");
        Diagnostic::error(
            "ruleset.template_syntax",
            format!("{path}:{line}"),
            format!("{path} 第 {line} 行：模板语法错误：{what}"),
            format!("{path} line {line}: template syntax error: {what}"),
        )
    })
}

/// Reads and checks `dir/templates/*.j2` (none if the folder does not exist).
pub(crate) fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, InputError> {
    let folder = dir.join("templates");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().is_none_or(|x| x != "j2") {
            continue;
        }
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) => {
                errors.push(Diagnostic::error(
                    crate::codes::RULESET_IO,
                    format!("templates/{name}.j2"),
                    format!("templates/{name}.j2:无法读取:{e}"),
                    format!("templates/{name}.j2: cannot read: {e}"),
                ));
                continue;
            }
        };
        match check(&name, &text) {
            Ok(()) => out.push((name, text)),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(InputError {
            diagnostics: errors,
        })
    }
}
