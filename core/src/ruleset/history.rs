//! Versions of one rule set over time (Plan §14 依法回收执法权限; Plan 四(四)
//! 动态调整赋权事项): lists are adjusted and powers taken back, and a ruling must
//! be made against the version in force on the case's relevant date. See
//! `docs/versions.md`.
//!
//! Every [`Engine`] carries a content hash ([`content_hash`]): SHA-256 over
//! `serde_json::to_vec` of the [`RuleSetDocument`]. That serialisation is
//! canonical because the document holds no maps — only structs (fields in
//! declaration order), vectors (in document order) and scalars — so the same
//! content always gives the same bytes, whatever the key order or whitespace of
//! the files it was read from.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::engine::Engine;
use super::source::RuleSetDocument;
use crate::diagnostic::{Diagnostic, InputError};
use crate::time::Date;

/// SHA-256 of a rule-set document's canonical serialisation, lowercase hex.
pub fn content_hash(doc: &RuleSetDocument) -> String {
    // Streamed into the hasher: the same bytes as `serde_json::to_vec`, without
    // holding them (a province's serialisation is ~90 MB, the load's peak).
    // Buffered: serde_json writes token by token.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, HashWriter(Sha256::new()));
    // Serialising our own plain structs cannot fail (no maps, no non-string keys);
    // were it to, hash the empty serialisation as before.
    let written = serde_json::to_writer(&mut out, doc).map_err(drop);
    let digest = match written.and_then(|()| out.into_inner().map_err(drop)) {
        Ok(hasher) => hasher.0.finalize(),
        Err(()) => Sha256::digest([]),
    };
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Feeds written bytes to a SHA-256 hasher.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Several versions of one rule set (same `meta.id`, distinct
/// `meta.effective_from`), sorted by the day each takes effect.
#[derive(Clone, Debug)]
pub struct RuleSetHistory {
    versions: Vec<Engine>,
}

fn prefixed(mut d: Diagnostic, i: usize) -> Diagnostic {
    d.path = if d.path.is_empty() {
        format!("versions[{i}]")
    } else {
        format!("versions[{i}].{}", d.path)
    };
    d
}

impl RuleSetHistory {
    /// Validates and indexes every version, then checks the history: at least one
    /// version, one `meta.id`, every `meta.effective_from` given and distinct.
    /// Error paths are `versions[i].…` in the order given.
    pub fn from_documents(docs: Vec<RuleSetDocument>) -> Result<RuleSetHistory, InputError> {
        let mut errors = Vec::new();
        if docs.is_empty() {
            errors.push(Diagnostic::error(
                "history.empty",
                "versions",
                "规则集历史中没有任何版本",
                "the history holds no version",
            ));
        }
        let first_id = docs.first().map(|d| d.meta.id.clone()).unwrap_or_default();
        let mut seen: Vec<(Date, usize)> = Vec::new();
        let mut versions = Vec::with_capacity(docs.len());
        for (i, doc) in docs.into_iter().enumerate() {
            if doc.meta.id != first_id {
                errors.push(
                    Diagnostic::error(
                        "history.id_mismatch",
                        format!("versions[{i}].meta.id"),
                        format!(
                            "版本的规则集标识 {} 与第一个版本 {first_id} 不同",
                            doc.meta.id
                        ),
                        format!(
                            "version id {:?} differs from the first version's {first_id:?}",
                            doc.meta.id
                        ),
                    )
                    .expected(first_id.clone()),
                );
            }
            match doc.meta.effective_from {
                None => errors.push(
                    Diagnostic::error(
                        "history.no_effective_from",
                        format!("versions[{i}].meta.effective_from"),
                        "规则集历史中的每个版本都应写明生效日",
                        "every version in a history must state meta.effective_from",
                    )
                    .expected("a date, e.g. \"2025-01-01\""),
                ),
                Some(d) => {
                    if let Some((_, j)) = seen.iter().find(|(x, _)| *x == d) {
                        errors.push(Diagnostic::error(
                            "history.duplicate_effective_from",
                            format!("versions[{i}].meta.effective_from"),
                            format!("版本生效日 {d} 与 versions[{j}] 相同"),
                            format!("effective date {d} is also that of versions[{j}]"),
                        ));
                    } else {
                        seen.push((d, i));
                    }
                }
            }
            match Engine::from_document(doc) {
                Ok(e) => versions.push(e),
                Err(e) => errors.extend(
                    e.diagnostics
                        .into_iter()
                        .filter(Diagnostic::is_error)
                        .map(|d| prefixed(d, i)),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(InputError {
                diagnostics: errors,
            });
        }
        // The dates are distinct (checked above), so no order among equals to keep.
        versions.sort_unstable_by_key(|e| e.meta().effective_from);
        Ok(RuleSetHistory { versions })
    }

    /// Reads a directory holding one rule-set directory per version (any names;
    /// read in name order). Error paths are `versions[i].…` in that order.
    pub fn from_dir(dir: &Path) -> Result<RuleSetHistory, InputError> {
        let io = |e: std::io::Error| {
            InputError::single(Diagnostic::error(
                crate::codes::RULESET_IO,
                "",
                format!("{}：无法读取：{e}", dir.display()),
                format!("{}: cannot read: {e}", dir.display()),
            ))
        };
        let mut dirs = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.is_dir() {
                dirs.push(path);
            }
        }
        dirs.sort();
        let mut docs = Vec::with_capacity(dirs.len());
        for (i, d) in dirs.iter().enumerate() {
            let doc = super::document_from_dir(d).map_err(|e| InputError {
                diagnostics: e.diagnostics.into_iter().map(|x| prefixed(x, i)).collect(),
            })?;
            docs.push(doc);
        }
        RuleSetHistory::from_documents(docs)
    }

    /// The versions, oldest first.
    pub fn versions(&self) -> &[Engine] {
        &self.versions
    }

    /// The version in force on `d` (the latest `effective_from` not after it), with its index.
    pub fn version_on(&self, d: Date) -> Option<(usize, &Engine)> {
        self.versions
            .iter()
            .enumerate()
            .rev()
            .find(|(_, e)| e.meta().effective_from.is_some_and(|f| f <= d))
    }

    /// The first day of the oldest version, if it states one.
    pub fn first_day(&self) -> Option<Date> {
        self.versions.first().and_then(|e| e.meta().effective_from)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn content_hash_is_stable_and_hex() {
        let doc = Engine::embedded().unwrap().document().clone();
        let a = content_hash(&doc);
        assert_eq!(a.len(), 64);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(a, content_hash(&doc.clone()));
        let mut changed = doc;
        changed.meta.version.push('x');
        assert_ne!(a, content_hash(&changed));
    }

    #[test]
    fn content_hash_is_the_hash_of_the_serialised_document() {
        let doc = Engine::embedded().unwrap().document().clone();
        let bytes = serde_json::to_vec(&doc).unwrap();
        let expected: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(content_hash(&doc), expected);
    }
}
