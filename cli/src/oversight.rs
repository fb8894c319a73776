//! The coverage, inspection-plan and supervision commands: build or read the
//! request, call the engine through `api::call` (the same entry point as the
//! bindings), print JSON or a text table.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::render::{choose as pick, label, refused, strings, why_and_trace};
use crate::{Lang, Output};

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// The `coverage` request from the command-line options.
pub fn coverage_request(from: &str, to: &str, towns: &[String], items: &[String]) -> Value {
    json!({ "from": from, "to": to, "towns": towns, "items": items })
}

/// Runs one decision on a JSON request and prints the answer.
pub fn run(
    operation: &str,
    request: Result<Value, String>,
    rules: Option<&PathBuf>,
    trace: bool,
    out: &Output,
) -> Result<ExitCode, String> {
    crate::run_decision(operation, request, rules, trace, out, render)
}

fn ratio(v: &Value) -> String {
    if v.is_null() {
        return "—".into();
    }
    format!("{}/{}", v["numerator"], v["denominator"])
}

fn render(operation: &str, a: &Value, lang: Lang) -> String {
    let mut out = String::new();
    if a["status"] != "ok" {
        refused(&mut out, a, lang, false);
        return out;
    }
    let _ = writeln!(out, "{}", s(&a["summary"][pick(lang, "zh", "en")]));
    let name = pick(lang, "name_zh", "name_en");
    match operation {
        "coverage" => {
            for tl in a["timelines"].as_array().into_iter().flatten() {
                let _ = writeln!(out, "{} @ {}", s(&tl["item"]), s(&tl["town"]));
                for seg in tl["segments"].as_array().into_iter().flatten() {
                    let who = if seg["competent"].is_null() {
                        "—"
                    } else {
                        s(&seg["competent"][name])
                    };
                    let _ = writeln!(
                        out,
                        "  {} .. {}  {:<26} {:<11} {:<18} {}",
                        s(&seg["from"]),
                        s(&seg["to"]),
                        label("item_status", s(&seg["status"]), lang),
                        label("capacity", s(&seg["capacity"]), lang),
                        seg["grant"].as_str().unwrap_or("—"),
                        who
                    );
                }
            }
            for o in a["overlaps"].as_array().into_iter().flatten() {
                let grants = strings(&o["grants"]);
                let _ = writeln!(
                    out,
                    "{} {} @ {} {} .. {} ({}): {}",
                    pick(lang, "重叠", "overlap"),
                    s(&o["item"]),
                    s(&o["town"]),
                    s(&o["from"]),
                    s(&o["to"]),
                    label("overlap_kind", s(&o["kind"]), lang),
                    grants.join(", ")
                );
            }
            for g in a["gaps"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "{} {} @ {} {} .. {}",
                    pick(lang, "空白", "gap"),
                    s(&g["item"]),
                    s(&g["town"]),
                    s(&g["from"]),
                    s(&g["to"])
                );
            }
        }
        "inspection_plan" => {
            for o in a["objects"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "{} ({}): {} {} / {} {} / {} {}",
                    s(&o["id"]),
                    s(&o["town"][name]),
                    o["combined_visits"],
                    pick(lang, "次综合检查", "combined visits"),
                    o["separate_visits"],
                    pick(lang, "次分领域", "separate"),
                    o["visits_saved"],
                    pick(lang, "次节省", "saved")
                );
                for v in o["visits"].as_array().into_iter().flatten() {
                    let domains = strings(&v["domains"]);
                    let _ = writeln!(out, "  {}  {}", s(&v["date"]), domains.join(", "));
                }
            }
        }
        "supervision" => {
            let _ = writeln!(
                out,
                "  {:<12} {:<24}  {:>9} {:>9} {:>9}  {}",
                pick(lang, "镇(街道)", "town"),
                pick(lang, "期间", "period"),
                label("supervision_measure", "filing", lang),
                label("supervision_measure", "decision", lang),
                label("supervision_measure", "overturn", lang),
                pick(lang, "信号", "signs"),
            );
            for r in a["rows"].as_array().into_iter().flatten() {
                let signals: Vec<&str> = strings(&r["signals"])
                    .into_iter()
                    .map(|c| label("supervision_signal", c, lang))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {:<12} {} .. {}  {:>9} {:>9} {:>9}  {}",
                    s(&r["town"]),
                    s(&r["period"]["from"]),
                    s(&r["period"]["to"]),
                    ratio(&r["filing_ratio"]),
                    ratio(&r["decision_ratio"]),
                    ratio(&r["overturn_ratio"]),
                    if signals.is_empty() {
                        "—".to_owned()
                    } else {
                        signals.join(", ")
                    }
                );
            }
            for c in a["candidates"].as_array().into_iter().flatten() {
                let grounds: Vec<&str> = strings(&c["grounds"])
                    .into_iter()
                    .map(|g| label("candidate_ground", g, lang))
                    .collect();
                let _ = writeln!(
                    out,
                    "{} {}: {}",
                    pick(lang, "回收审查对象", "take-back candidate"),
                    s(&c["town"][name]),
                    grounds.join(", ")
                );
            }
        }
        _ => {}
    }
    why_and_trace(&mut out, a, lang);
    out
}
