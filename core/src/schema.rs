//! JSON Schemas of the contract, generated from the Rust types: the rule-set
//! document, and each operation's request and answer from the registry.

use schemars::{schema_for, Schema};

use crate::registry::REGISTRY;

fn value(schema: Schema) -> serde_json::Value {
    serde_json::to_value(schema).unwrap_or_default()
}

/// Every published schema as `(file name, schema JSON)`: the rule-set document,
/// and for every operation of the registry its request and its answer.
pub fn all() -> Vec<(String, serde_json::Value)> {
    let mut out = vec![(
        "ruleset.schema.json".to_owned(),
        value(schema_for!(crate::ruleset::source::RuleSetDocument)),
    )];
    for entry in REGISTRY {
        // validate's request is the rule-set document itself.
        if entry.operation != "validate" {
            out.push((
                format!("{}-request.schema.json", entry.schema_name),
                value(entry.request_schema()),
            ));
        }
        out.push((
            format!("{}-answer.schema.json", entry.schema_name),
            value(entry.answer_schema()),
        ));
    }
    out
}
