//! The default rule set compiled into the crate: `core/data/huancui-2024/`.

use std::sync::OnceLock;

use crate::diagnostic::InputError;
use crate::ruleset::{self, Engine};

const FILES: [(&str, &str); 6] = [
    (
        "ruleset.json",
        include_str!("../data/huancui-2024/ruleset.json"),
    ),
    (
        "departments.json",
        include_str!("../data/huancui-2024/departments.json"),
    ),
    (
        "towns.json",
        include_str!("../data/huancui-2024/towns.json"),
    ),
    (
        "items.json",
        include_str!("../data/huancui-2024/items.json"),
    ),
    (
        "grants.json",
        include_str!("../data/huancui-2024/grants.json"),
    ),
    (
        "intake_examples.json",
        include_str!("../data/huancui-2024/intake_examples.json"),
    ),
];

static EMBEDDED: OnceLock<Result<Engine, InputError>> = OnceLock::new();

impl Engine {
    /// The embedded default rule set (Huancui 2024, **sample data**), parsed and
    /// indexed once per process and shared afterwards.
    pub fn embedded() -> Result<Engine, InputError> {
        EMBEDDED.get_or_init(load).clone()
    }
}

fn load() -> Result<Engine, InputError> {
    let value = ruleset::load::merge_parts(|file| {
        Ok(FILES
            .iter()
            .find(|(name, _)| *name == file)
            .map(|(_, text)| (*text).to_owned()))
    })?;
    Engine::from_json_value(value)
}

/// The embedded rule set's files, by name, for tools that export it.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    &FILES
}
