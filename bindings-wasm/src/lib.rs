//! WebAssembly bindings of fuquan.
//!
//! A thin layer over the core's JSON boundary ([`fuquan::api`]): every request
//! and answer crosses as JSON text, and the hand-written JavaScript wrapper
//! (`js/core.js`) parses it. JSON text keeps money exact (strings stay
//! strings), keeps objects plain (no `Map`s), and lets a caller hand over a
//! file's text unchanged so that the engine, not JavaScript, reads its numbers.
//!
//! Errors thrown to JavaScript are JSON text too: `{"diagnostics": [...]}`,
//! which the wrapper turns into a `FuquanError`.

use fuquan::{api, Diagnostic, Engine, InputError};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// A loaded, validated rule set (the JS `RuleSet` wraps one).
#[wasm_bindgen]
pub struct RuleSetHandle {
    engine: Engine,
}

fn thrown(diagnostics: &[Diagnostic]) -> JsValue {
    JsValue::from_str(&json!({ "diagnostics": diagnostics }).to_string())
}

fn refused(e: &InputError) -> JsValue {
    thrown(&e.diagnostics)
}

#[wasm_bindgen]
impl RuleSetHandle {
    /// Another handle on the same engine (the engine is immutable and shared):
    /// what the JS `RuleSet.embedded()` hands out, so the sample rule set is
    /// read and indexed once per page.
    pub fn share(&self) -> RuleSetHandle {
        RuleSetHandle {
            engine: self.engine.clone(),
        }
    }

    /// Parses, validates and indexes a whole rule-set document given as JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<RuleSetHandle, JsValue> {
        Engine::from_json_str(text)
            .map(|engine| RuleSetHandle { engine })
            .map_err(|e| refused(&e))
    }

    /// Routes one case (JSON text); returns the answer as JSON text.
    ///
    /// Goes through the core's generic entry point, exactly as the Rust
    /// conformance runner does (`api::call`).
    pub fn route(&self, request: &str) -> String {
        api::call_json_str(&self.engine, "route", request)
    }

    /// Any decision the core knows (`operations()`), by name: JSON text in and out.
    /// An unknown operation answers with code `input.unknown_operation`.
    pub fn call(&self, operation: &str, request: &str) -> String {
        api::call_json_str(&self.engine, operation, request)
    }

    /// The `.docx` of a drafted document (the `draft` operation's request as
    /// JSON text): the bytes of a Word package. Only in the full module
    /// (feature `drafting`). A refused request throws `{"diagnostics": [...]}`.
    #[cfg(feature = "drafting")]
    #[wasm_bindgen(js_name = draftDocx)]
    pub fn draft_docx(&self, request: &str) -> Result<Vec<u8>, JsValue> {
        let value: Value = serde_json::from_str(request).map_err(|e| {
            thrown(&[Diagnostic::error(
                fuquan::codes::INPUT_SYNTAX,
                "",
                format!("请求不是有效的 JSON：{e}"),
                format!("the request is not valid JSON: {e}"),
            )
            .expected("a JSON object")])
        })?;
        fuquan::drafting::draft_value(&self.engine, value)
            .and_then(|d| fuquan::drafting::docx::to_docx(&d))
            .map_err(|e| refused(&e))
    }

    /// Routes many cases. `requests` is a JSON array whose elements are the
    /// cases' JSON texts (strings), so that each case is read on its own and a
    /// malformed one does not stop the rest. Returns a JSON array of answers:
    /// full answers, or compact one-row answers when `compact`.
    #[wasm_bindgen(js_name = routeMany)]
    pub fn route_many(
        &self,
        requests: &str,
        compact: bool,
        summary: bool,
    ) -> Result<String, JsValue> {
        // The wrapper always sends an array of strings; anything else is a caller
        // bypassing it. Read as a `Value` so that no second typed reader is compiled in.
        let texts: Vec<String> = match serde_json::from_str::<Value>(requests) {
            Ok(Value::Array(items)) => items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Some(s),
                    _ => None,
                })
                .collect::<Option<_>>(),
            _ => None,
        }
        .ok_or_else(|| {
            thrown(&[Diagnostic::error(
                "input.invalid_type",
                "",
                "批量请求应为 JSON 文本的数组",
                "routeMany expects an array of JSON texts",
            )])
        })?;
        // One output string, appended to: no second copy of every answer.
        let mut out = String::from("[");
        for (i, text) in texts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&if compact {
                self.compact(text, summary)
            } else {
                self.route(text)
            });
        }
        out.push(']');
        Ok(out)
    }

    /// Lists for building forms: meta, district bodies, domains, departments,
    /// towns, items and grants, plus the rule set's validation warnings (JSON text).
    pub fn catalogue(&self) -> String {
        let doc = self.engine.document();
        let towns: Vec<Value> = doc
            .towns
            .iter()
            .map(|t| {
                json!({
                    "id": t.id, "name_zh": t.name_zh, "name_en": t.name_en,
                    "kind": t.kind, "class": t.class, "hands_over_to": t.hands_over_to,
                })
            })
            .collect();
        let items: Vec<Value> = doc
            .items
            .iter()
            .map(|i| {
                json!({
                    "code": i.code, "name_zh": i.name_zh, "name_en": i.name_en,
                    "kind": i.kind, "domain": i.domain, "department": i.department,
                    "establishing_basis": i.establishing_basis, "penalty_basis": i.penalty_basis,
                    "in_guiding_catalogue": i.in_guiding_catalogue, "related_items": i.related_items,
                    "discretion_benchmark": i.discretion_benchmark,
                    "everyday_words": i.everyday_words,
                })
            })
            .collect();
        // For the catalogue explorer: each grant's mode, grantee, items and document.
        let grants: Vec<Value> = doc
            .grants
            .iter()
            .map(|g| {
                json!({
                    "id": g.id, "mode": g.mode, "grantor": g.grantor, "grantee": g.grantee,
                    "items": g.items, "document": g.document.as_ref(),
                    "effective": g.effective, "revoked": g.revoked,
                })
            })
            .collect();
        json!({
            "meta": doc.meta,
            "district": { "government": doc.district.government, "platform_office": doc.district.platform_office },
            "domains": doc.domains,
            "departments": doc.departments,
            "towns": towns,
            "items": items,
            "grants": grants,
            "warnings": self.engine.warnings(),
        })
        .to_string()
    }
}

impl RuleSetHandle {
    fn compact(&self, text: &str, summary: bool) -> String {
        let row = api::route_compact_json_str(&self.engine, text, summary);
        serde_json::to_string(&row).unwrap_or_else(|_| "null".to_owned())
    }
}

/// Validates a rule-set document (JSON text); returns `{status, diagnostics}` as JSON text.
#[wasm_bindgen]
pub fn validate(document: &str) -> String {
    api::validate_json_str(document)
}

/// The decisions `RuleSetHandle::call` knows, as a JSON array of names.
#[wasm_bindgen]
pub fn operations() -> String {
    Value::from(api::OPERATIONS.to_vec()).to_string()
}

/// The version of the core this module was built from.
#[wasm_bindgen(js_name = coreVersion)]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
