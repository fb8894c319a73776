//! The OpenAPI 3.1 document, generated from the registry and the published
//! JSON Schemas (`fuquan::schema::all()`).

use std::collections::BTreeMap;

use fuquan::registry::REGISTRY;
use serde_json::{json, Map, Value};

/// The component name of a published schema file: `route-request.schema.json` → `route-request`.
pub(crate) fn stem(file: &str) -> &str {
    file.strip_suffix(".schema.json").unwrap_or(file)
}

/// Rewrites every `$ref` of `schema`: `#/$defs/X` to the component `defs[X]`,
/// `#` (the schema itself) to `own`.
fn rewrite_refs(schema: &mut Value, defs: &BTreeMap<String, String>, own: &str) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                let target = if r == "#" {
                    Some(own.to_owned())
                } else {
                    r.strip_prefix("#/$defs/")
                        .map(|name| defs.get(name).cloned().unwrap_or_else(|| name.to_owned()))
                };
                if let Some(t) = target {
                    *r = format!("#/components/schemas/{t}");
                }
            }
            for v in map.values_mut() {
                rewrite_refs(v, defs, own);
            }
        }
        Value::Array(items) => {
            for v in items {
                rewrite_refs(v, defs, own);
            }
        }
        _ => {}
    }
}

/// Puts every published schema into `components`, its `$defs` lifted beside it:
/// a definition that is the same in every schema is shared under its own name;
/// one that differs between schemas is named `<schema>.<definition>` where it differs.
fn components(schemas: Vec<(String, Value)>) -> Map<String, Value> {
    let mut out: Map<String, Value> = Map::new();
    for (file, mut schema) in schemas {
        let own = stem(&file).to_owned();
        let defs = match schema.as_object_mut().and_then(|m| m.remove("$defs")) {
            Some(Value::Object(d)) => d,
            _ => Map::new(),
        };
        // Decide each definition's component name first, then rewrite.
        let mut names = BTreeMap::new();
        for (name, def) in &defs {
            let shared = match out.get(name) {
                None => true,
                Some(existing) => {
                    let mut probe = def.clone();
                    let mut names_same: BTreeMap<String, String> = BTreeMap::new();
                    for n in defs.keys() {
                        names_same.insert(n.clone(), n.clone());
                    }
                    rewrite_refs(&mut probe, &names_same, &own);
                    existing == &probe
                }
            };
            let component = if shared {
                name.clone()
            } else {
                format!("{own}.{name}")
            };
            names.insert(name.clone(), component);
        }
        for (name, mut def) in defs {
            rewrite_refs(&mut def, &names, &own);
            if let Some(component) = names.get(&name) {
                out.insert(component.clone(), def);
            }
        }
        if let Some(m) = schema.as_object_mut() {
            m.remove("$schema");
            m.remove("$id");
        }
        rewrite_refs(&mut schema, &names, &own);
        out.insert(own, schema);
    }
    out
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn refusal_response(description: &str) -> Value {
    json!({
        "description": description,
        "headers": { "x-request-id": { "$ref": "#/components/headers/RequestId" } },
        "content": { "application/json": { "schema": schema_ref("Refusal") } }
    })
}

fn json_get(summary: &str, operation_id: &str, schema: Value) -> Value {
    json!({
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "responses": {
                "200": {
                    "description": "OK",
                    "content": { "application/json": { "schema": schema } }
                }
            }
        }
    })
}

/// The OpenAPI 3.1 document of the service: one `POST /v1/{operation}` per
/// registry operation, its request body and 200 answer referencing the published
/// schemas (with their `$defs` lifted into `components/schemas`), the refusal
/// for every error status, and the service's own GET routes.
pub fn openapi_document() -> Value {
    let mut schemas = components(fuquan::schema::all());
    let diagnostic = if schemas.contains_key("Diagnostic") {
        schema_ref("Diagnostic")
    } else {
        json!({ "type": "object" })
    };
    schemas.insert(
        "Refusal".to_owned(),
        json!({
            "type": "object",
            "description": "A refused request: every error with its stable code, path and messages.",
            "required": ["status", "errors", "warnings"],
            "properties": {
                "status": { "const": "error" },
                "errors": { "type": "array", "items": diagnostic },
                "warnings": { "type": "array", "items": diagnostic }
            }
        }),
    );

    let mut paths = Map::new();
    for entry in REGISTRY {
        let request = if entry.operation == "validate" {
            "ruleset".to_owned()
        } else {
            format!("{}-request", entry.schema_name)
        };
        let answer = format!("{}-answer", entry.schema_name);
        paths.insert(
            format!("/v1/{}", entry.operation),
            json!({
                "post": {
                    "operationId": entry.operation,
                    "summary": format!("The `{}` decision", entry.operation),
                    "description": format!(
                        "Answers exactly as `fuquan::api::call_json_str(engine, \"{}\", body)`. \
                         Request bodies over {} bytes are refused with 413.",
                        entry.operation, entry.max_request_bytes
                    ),
                    "tags": ["decisions"],
                    "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
                    "requestBody": {
                        "required": true,
                        "content": { "application/json": { "schema": schema_ref(&request) } }
                    },
                    "responses": {
                        "200": {
                            "description": "The answer (`status` ok; for `validate` also the verdict that a rule set is invalid)",
                            "headers": {
                                "x-request-id": { "$ref": "#/components/headers/RequestId" },
                                "x-fuquan-ruleset": { "$ref": "#/components/headers/Ruleset" }
                            },
                            "content": { "application/json": { "schema": schema_ref(&answer) } }
                        },
                        "400": refusal_response("The request was refused (`status` error)"),
                        "404": refusal_response("Unknown operation (`input.unknown_operation`)"),
                        "408": refusal_response("The request was not received in time (`http.timeout`)"),
                        "413": refusal_response("The body is too large (`input.too_large`)"),
                        "415": refusal_response("The body is not `application/json` (`http.unsupported_media_type`)")
                    }
                }
            }),
        );
    }
    let any_object = json!({ "type": "object" });
    paths.insert(
        "/v1/operations".to_owned(),
        json_get(
            "The operations of the registry",
            "listOperations",
            any_object.clone(),
        ),
    );
    paths.insert(
        "/v1/ruleset".to_owned(),
        json_get(
            "The rule set being served (each version of a history)",
            "getRuleset",
            any_object.clone(),
        ),
    );
    paths.insert(
        "/v1/rules".to_owned(),
        json_get(
            "Every rule with its titles and citations",
            "listRules",
            any_object.clone(),
        ),
    );
    paths.insert(
        "/healthz".to_owned(),
        json_get("Liveness", "healthz", any_object.clone()),
    );
    paths.insert(
        "/readyz".to_owned(),
        json_get(
            "Readiness (503 while shutting down)",
            "readyz",
            any_object.clone(),
        ),
    );
    paths.insert(
        "/openapi.json".to_owned(),
        json_get("This document", "openapi", any_object.clone()),
    );
    paths.insert(
        "/v1/schemas/{name}".to_owned(),
        json!({
            "get": {
                "operationId": "getSchema",
                "summary": "A published JSON Schema, e.g. route-request.schema.json",
                "parameters": [{ "name": "name", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": {
                    "200": { "description": "The schema", "content": { "application/schema+json": { "schema": any_object } } },
                    "404": refusal_response("No such schema")
                }
            }
        }),
    );
    paths.insert(
        "/metrics".to_owned(),
        json!({
            "get": {
                "operationId": "metrics",
                "summary": "Prometheus metrics (text exposition format)",
                "responses": { "200": { "description": "Metrics", "content": { "text/plain": { "schema": { "type": "string" } } } } }
            }
        }),
    );
    paths.insert(
        "/v1/admin/reload".to_owned(),
        json!({
            "post": {
                "operationId": "reload",
                "summary": "Reload the rule-set directory; a rule set that fails validation is refused and the old one keeps serving",
                "security": [{ "adminToken": [] }],
                "responses": {
                    "200": { "description": "Reloaded", "content": { "application/json": { "schema": any_object } } },
                    "401": refusal_response("No bearer token"),
                    "403": refusal_response("Wrong token, or reload disabled"),
                    "409": refusal_response("Serving the embedded rule set: nothing to reload"),
                    "422": refusal_response("The new rule set fails validation; the old one keeps serving")
                }
            }
        }),
    );

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "fuquan",
            "version": fuquan::ENGINE_VERSION,
            "description": "Who may act on an administrative enforcement case after powers are devolved to towns, and why. Every decision of the fuquan registry over HTTP.",
            "license": { "name": "Apache-2.0", "identifier": "Apache-2.0" }
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{ "url": "http://127.0.0.1:8080" }],
        "tags": [{ "name": "decisions", "description": "The decisions of the registry" }],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": {
                "RequestId": {
                    "name": "x-request-id", "in": "header", "required": false,
                    "description": "Echoed in the response and logged; generated when absent",
                    "schema": { "type": "string", "maxLength": 128 }
                }
            },
            "headers": {
                "RequestId": { "description": "The request id", "schema": { "type": "string" } },
                "Ruleset": {
                    "description": "The rule set that answered: `<id>@<version>#<hash prefix>`",
                    "schema": { "type": "string" }
                }
            },
            "securitySchemes": {
                "adminToken": { "type": "http", "scheme": "bearer" }
            }
        }
    })
}
