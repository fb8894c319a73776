//! fuquan against GoRules zen-engine, side by side in one process, on the same
//! rule and the same cases (`bench/manifest.json`).
//!
//! The rule is the part of routing a decision table can express: list membership
//! (is the item on the location's class list?), the delegation's effective date and
//! transition period, and the major-decision fine threshold. The JDM first-hit table
//! is generated from the manifest's `reference_rule`; fuquan routes the same cases
//! with its embedded rule set and runs its whole procedure (validation of the case,
//! the per-item ruling, legal review, hearing, rule ids). Dispositions must agree.
//!
//!   cargo run --release -- [N]      (default: the manifest's peer_cases)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "../../../core/benches/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use fuquan::{api, Case, Engine};
use serde_json::{json, Value};
use zen_engine::model::DecisionContent;
use zen_engine::{DecisionEngine, Variable};

/// The manifest's reference rule as a JDM decision table (hit policy: first).
fn jdm(m: &Value) -> Value {
    let r = &m["reference_rule"];
    let quote = |v: &Value| format!("\"{}\"", v.as_str().unwrap());
    let list = |a: &Value| {
        a.as_array()
            .unwrap()
            .iter()
            .map(quote)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let eff = r["effective"].as_str().unwrap();
    let last = r["transition_last_day"].as_str().unwrap();
    let major = r["major_fine_fen"].as_i64().unwrap() / 100;
    let mut rules = Vec::new();
    let row = |loc: &str, item: &str, filing: String, fine: String, out: &str, n: usize| {
        json!({"_id": format!("r{n}"), "in_loc": loc, "in_item": item, "in_filing": filing,
               "in_fine": fine, "out_disp": format!("\"{out}\"")})
    };
    for (_, c) in r["classes"].as_object().unwrap() {
        let (loc, item) = (list(&c["towns"]), list(&c["items"]));
        let n = rules.len();
        rules.push(row(
            &loc,
            &item,
            format!("d($) < d(\"{eff}\")"),
            String::new(),
            "department",
            n,
        ));
        rules.push(row(
            &loc,
            &item,
            format!("d($) <= d(\"{last}\")"),
            String::new(),
            "department",
            n + 1,
        ));
        rules.push(row(
            &loc,
            &item,
            String::new(),
            format!(">= {major}"),
            "transfer",
            n + 2,
        ));
        rules.push(row(
            &loc,
            &item,
            String::new(),
            String::new(),
            "keep",
            n + 3,
        ));
    }
    let n = rules.len();
    rules.push(row("", "", String::new(), String::new(), "department", n));
    json!({
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Case", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "Route", "position": {"x": 200, "y": 0},
             "content": {
                "hitPolicy": "first",
                "inputs": [
                    {"id": "in_loc", "name": "Location", "type": "expression", "field": "location"},
                    {"id": "in_item", "name": "Item", "type": "expression", "field": "items[0]"},
                    {"id": "in_filing", "name": "Filing", "type": "expression", "field": "dates.filing"},
                    {"id": "in_fine", "name": "Fine", "type": "expression", "field": "fine"}
                ],
                "outputs": [{"id": "out_disp", "name": "Disposition", "type": "expression", "field": "disposition"}],
                "rules": rules
             }},
            {"id": "out", "type": "outputNode", "name": "Answer", "position": {"x": 400, "y": 0}}
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"}
        ]
    })
}

/// zen compares numbers, not decimal strings: the case's fine as a JSON number.
fn zen_input(case: &Value) -> Value {
    let mut v = case.clone();
    let fine: f64 = case["fine"].as_str().unwrap().parse().unwrap();
    v["fine"] = json!(fine);
    v
}

fn main() {
    let m = common::manifest();
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(m["peer_cases"].as_u64().unwrap() as usize);
    let values = common::cases(&m, n);
    let typed: Vec<Case> = values
        .iter()
        .map(|v| serde_json::from_value(v.clone()).unwrap())
        .collect();
    let zen_values: Vec<Value> = values.iter().map(zen_input).collect();
    let zen_vars: Vec<Variable> = zen_values
        .iter()
        .map(|v| Variable::from(v.clone()))
        .collect();

    let content: DecisionContent = serde_json::from_value(jdm(&m)).unwrap();
    let zen = DecisionEngine::default()
        .create_decision(Arc::new(content))
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let engine = Engine::embedded().unwrap();

    // Same answers: zen's table, fuquan's routing and the reference rule agree.
    let mut agree = 0usize;
    for ((v, c), zv) in values.iter().zip(&typed).zip(&zen_vars) {
        let z = rt.block_on(zen.evaluate(zv.clone())).unwrap();
        let z = serde_json::to_value(&z.result).unwrap();
        let f = json!(engine.route(c).unwrap().disposition);
        let r = common::reference_disposition(&m, v);
        if z["disposition"] == f && f == r {
            agree += 1;
        } else if agree + 5 > values.len() || std::env::var_os("PEER_DEBUG").is_some() {
            println!(
                "disagree: {v} zen={} fuquan={f} reference={r}",
                z["disposition"]
            );
        }
    }

    // Alternate the engines over a few rounds (the machine is shared); keep each one's best.
    let mut best = [f64::MAX; 4];
    for _ in 0..3 {
        let t = Instant::now();
        rt.block_on(async {
            for zv in &zen_vars {
                black_box(zen.evaluate(zv.clone()).await.unwrap());
            }
        });
        best[0] = best[0].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for c in &typed {
            black_box(engine.route(black_box(c)).unwrap());
        }
        best[1] = best[1].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        rt.block_on(async {
            for v in &zen_values {
                black_box(zen.evaluate(Variable::from(v.clone())).await.unwrap());
            }
        });
        best[2] = best[2].min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for v in &values {
            black_box(api::route_compact_value(&engine, v.clone(), false));
        }
        best[3] = best[3].min(t.elapsed().as_secs_f64());
    }
    let ns = |s: f64| s * 1e9 / n as f64;
    println!(
        "{}",
        json!({"bench": "peer", "cases": n, "agree": agree,
               "zen_ns_per_case": ns(best[0]), "fuquan_ns_per_case": ns(best[1]),
               "speedup": best[0] / best[1],
               "zen_from_json_ns_per_case": ns(best[2]), "fuquan_from_json_ns_per_case": ns(best[3]),
               "speedup_from_json": best[2] / best[3]})
    );
}
