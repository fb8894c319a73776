//! The rule set being served, loaded from its source and swapped whole on reload.

use axum::http::HeaderValue;
use fuquan::answer::RulesetRef;
use fuquan::ruleset::RuleSetHistory;
use fuquan::{Diagnostic, Engine};
use serde_json::Value;

use crate::config::RuleSource;

/// One engine as served: the engine, its `x-fuquan-ruleset` header and its
/// reference as it appears in answers.
#[derive(Clone, Debug)]
pub struct ServedVersion {
    /// The engine answering requests.
    pub engine: Engine,
    /// `<id>@<version>#<first 12 hex digits of the content hash>`.
    pub label: String,
    pub(crate) header: HeaderValue,
    /// `{"id", "version", "effective_from", "content_hash", "engine_version"}`.
    pub reference: Value,
}

impl ServedVersion {
    fn of(engine: Engine) -> ServedVersion {
        let meta = engine.meta();
        let hash: String = engine.content_hash().chars().take(12).collect();
        let label = format!("{}@{}#{}", meta.id, meta.version, hash);
        // Header values must be visible ASCII; an id or version outside it is
        // percent-free replaced rather than dropped.
        let safe: String = label
            .chars()
            .map(|c| if c.is_ascii_graphic() { c } else { '_' })
            .collect();
        let header = HeaderValue::from_str(&safe).unwrap_or(HeaderValue::from_static("unknown"));
        let reference = serde_json::to_value(RulesetRef::of(&engine)).unwrap_or(Value::Null);
        ServedVersion {
            engine,
            label,
            header,
            reference,
        }
    }
}

/// The rule set being served: one version, or a history of versions.
#[derive(Debug)]
pub struct LoadedRules {
    /// Oldest first; one entry unless the source is a history.
    versions: Vec<ServedVersion>,
    /// Warnings of the loaded rule set(s) (a rule set with errors never loads).
    pub warnings: Vec<Diagnostic>,
    /// Whether these came from a history directory.
    pub history: bool,
}

impl LoadedRules {
    /// Loads and validates the rule set of `source`. Blocking (reads files):
    /// call it from a blocking task. The error lists every diagnostic.
    pub fn load(source: &RuleSource) -> Result<LoadedRules, Vec<Diagnostic>> {
        match source {
            RuleSource::Embedded => Engine::embedded()
                .map(LoadedRules::single)
                .map_err(|e| e.diagnostics),
            RuleSource::Dir(dir) => Engine::from_dir(dir)
                .map(LoadedRules::single)
                .map_err(|e| e.diagnostics),
            RuleSource::History(dir) => RuleSetHistory::from_dir(dir)
                .map(|h| {
                    let warnings = h
                        .versions()
                        .iter()
                        .flat_map(|e| e.warnings().iter().cloned())
                        .collect();
                    LoadedRules {
                        versions: h
                            .versions()
                            .iter()
                            .cloned()
                            .map(ServedVersion::of)
                            .collect(),
                        warnings,
                        history: true,
                    }
                })
                .map_err(|e| e.diagnostics),
        }
    }

    /// Serves one engine.
    pub fn single(engine: Engine) -> LoadedRules {
        LoadedRules {
            warnings: engine.warnings().to_vec(),
            versions: vec![ServedVersion::of(engine)],
            history: false,
        }
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> &[ServedVersion] {
        &self.versions
    }

    /// The version answering requests today (UTC): for a history, the latest
    /// version in force (or the oldest when none is in force yet).
    pub fn current(&self) -> Option<&ServedVersion> {
        if !self.history {
            return self.versions.first();
        }
        let today = today();
        self.versions
            .iter()
            .rev()
            .find(|v| {
                v.engine
                    .meta()
                    .effective_from
                    .is_some_and(|f| today.is_some_and(|t| f <= t))
            })
            .or_else(|| self.versions.first())
    }
}

/// Today's date in UTC, from the system clock.
fn today() -> Option<fuquan::time::Date> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let days = i32::try_from(secs / 86_400).ok()?;
    // 719,163 days from 0001-01-01 (CE day 1) to 1970-01-01.
    chrono::NaiveDate::from_num_days_from_ce_opt(days.checked_add(719_163)?).map(fuquan::time::Date)
}
