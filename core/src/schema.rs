//! JSON Schemas of the contract, generated from the Rust types.

use schemars::schema_for;

/// Every published schema as `(file name, schema JSON)`.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (
            "ruleset.schema.json",
            serde_json::to_value(schema_for!(crate::ruleset::source::RuleSetDocument))
                .unwrap_or_default(),
        ),
        (
            "route-request.schema.json",
            serde_json::to_value(schema_for!(crate::routing::Case)).unwrap_or_default(),
        ),
        (
            "route-answer.schema.json",
            serde_json::to_value(schema_for!(crate::api::RouteAnswer)).unwrap_or_default(),
        ),
        (
            "validate-answer.schema.json",
            serde_json::to_value(schema_for!(crate::api::ValidateAnswer)).unwrap_or_default(),
        ),
    ]
}
