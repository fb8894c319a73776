//! JSON Schemas of the contract, generated from the Rust types.

use schemars::{schema_for, Schema};

fn value(schema: Schema) -> serde_json::Value {
    serde_json::to_value(schema).unwrap_or_default()
}

/// Every published schema as `(file name, schema JSON)`: the rule-set document,
/// each decision's request, and the routing and validation answers.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        (
            "ruleset.schema.json",
            value(schema_for!(crate::ruleset::source::RuleSetDocument)),
        ),
        (
            "route-request.schema.json",
            value(schema_for!(crate::routing::Case)),
        ),
        (
            "route-answer.schema.json",
            value(schema_for!(crate::api::RouteAnswer)),
        ),
        (
            "validate-answer.schema.json",
            value(schema_for!(crate::api::ValidateAnswer)),
        ),
        (
            "staffing-request.schema.json",
            value(schema_for!(crate::staffing::Roster)),
        ),
        (
            "staffing-district-request.schema.json",
            value(schema_for!(crate::staffing::DistrictStaffing)),
        ),
        (
            "screen-request.schema.json",
            value(schema_for!(crate::screening::ScreenRequest)),
        ),
        (
            "screen-catalogue-request.schema.json",
            value(schema_for!(crate::screening::CatalogueRequest)),
        ),
        (
            "dispute-request.schema.json",
            value(schema_for!(crate::disputes::DisputeInput)),
        ),
        (
            "designation-request.schema.json",
            value(schema_for!(crate::disputes::DesignationRequest)),
        ),
        (
            "platform-schedule-request.schema.json",
            value(schema_for!(crate::schedule::ScheduleRequest)),
        ),
        (
            "dispatch-request.schema.json",
            value(schema_for!(crate::dispatch::Report)),
        ),
        (
            "coverage-request.schema.json",
            value(schema_for!(crate::coverage::CoverageRequest)),
        ),
        (
            "inspection-plan-request.schema.json",
            value(schema_for!(crate::inspection::InspectionRequest)),
        ),
        (
            "supervision-request.schema.json",
            value(schema_for!(crate::supervision::SupervisionRequest)),
        ),
        (
            "route-history-request.schema.json",
            value(schema_for!(crate::ruleset::history::HistoryRequest)),
        ),
    ]
}
