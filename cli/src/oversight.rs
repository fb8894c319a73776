//! The coverage, inspection-plan and supervision commands: build or read the
//! request, call the engine through `api::call` (the same entry point as the
//! bindings), print JSON or a text table.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use fuquan::Engine;
use serde_json::{json, Value};

use crate::render::{
    body_name, bracket, choose as pick, colon, domain_name, fit, label, pad, percent, refused,
    strings, why_and_trace, width,
};
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

/// A ratio of the answer as `numerator/denominator (percent)`.
fn ratio(v: &Value) -> String {
    if v.is_null() {
        return "—".into();
    }
    let (n, d) = (
        v["numerator"].as_u64().unwrap_or(0),
        v["denominator"].as_u64().unwrap_or(0),
    );
    format!("{n}/{d} {}", percent(n, d))
}

/// The supervision thresholds in force on `day` as one line (they are dated
/// rule-set parameters the Plan does not fix; a sample rule set's are called so).
fn thresholds(engine: &Engine, day: &str, lang: Lang) -> Option<String> {
    let day: fuquan::time::Date = day.parse().ok()?;
    let t = fuquan::ruleset::in_force(&engine.parameters().supervision_thresholds, day)?;
    // Only a sample rule set's values are called samples.
    let (kind_zh, kind_en) = if engine.meta().sample {
        ("规则集示例参数", "sample rule-set parameters")
    } else {
        ("规则集参数", "rule-set parameters")
    };
    let v = &t.value;
    let pc = |r: &fuquan::ruleset::source::Ratio| {
        percent(u64::from(r.numerator), u64::from(r.denominator))
    };
    Some(match lang {
        Lang::Zh => format!(
            "阈值（自 {} 起，{}）：立案率不满 {}、结案率不满 {} 为“违法不罚”迹象；被纠错率超过 {} 为“有法不依”迹象；连续 {} 期有迹象列为回收审查对象",
            t.from,
            kind_zh,
            pc(&v.filing_ratio_min),
            pc(&v.decision_ratio_min),
            pc(&v.overturn_ratio_max),
            v.consecutive_periods
        ),
        Lang::En => format!(
            "Thresholds (from {}, {}): filing rate under {}, decision rate under {}: violations unpunished; overturn rate over {}: law not followed; {} consecutive periods with signs: take-back candidate",
            t.from,
            kind_en,
            pc(&v.filing_ratio_min),
            pc(&v.decision_ratio_min),
            pc(&v.overturn_ratio_max),
            v.consecutive_periods
        ),
    })
}

fn render(operation: &str, a: &Value, lang: Lang, engine: &Engine) -> String {
    let mut out = String::new();
    if a["status"] != "ok" {
        refused(&mut out, a, lang, false);
        return out;
    }
    let _ = writeln!(out, "{}", s(&a["summary"][pick(lang, "zh", "en")]));
    let name = pick(lang, "name_zh", "name_en");
    let town = |id: &Value| body_name(engine, s(id), lang);
    match operation {
        "coverage" => {
            let status_width = a["timelines"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|tl| tl["segments"].as_array().into_iter().flatten())
                .map(|seg| width(label("item_status", s(&seg["status"]), lang)))
                .max()
                .unwrap_or(0);
            for tl in a["timelines"].as_array().into_iter().flatten() {
                let _ = writeln!(out, "{} {}", s(&tl["item"]), town(&tl["town"]));
                for seg in tl["segments"].as_array().into_iter().flatten() {
                    let who = if seg["competent"].is_null() {
                        "—"
                    } else {
                        s(&seg["competent"][name])
                    };
                    let _ = writeln!(
                        out,
                        "  {} {} {}  {}  {}",
                        s(&seg["from"]),
                        pick(lang, "至", "to"),
                        s(&seg["to"]),
                        pad(label("item_status", s(&seg["status"]), lang), status_width),
                        seg["grant"].as_str().unwrap_or("—"),
                    );
                    let _ = writeln!(
                        out,
                        "      {who} — {}",
                        label("capacity", s(&seg["capacity"]), lang),
                    );
                }
            }
            for o in a["overlaps"].as_array().into_iter().flatten() {
                let grants = strings(&o["grants"]);
                let _ = writeln!(
                    out,
                    "{} {} {} {} {} {} ({}): {}",
                    pick(lang, "重叠", "overlap"),
                    s(&o["item"]),
                    town(&o["town"]),
                    s(&o["from"]),
                    pick(lang, "至", "to"),
                    s(&o["to"]),
                    label("overlap_kind", s(&o["kind"]), lang),
                    grants.join(", ")
                );
            }
            for g in a["gaps"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "{} {} {} {} {} {}",
                    pick(lang, "空白", "gap"),
                    s(&g["item"]),
                    town(&g["town"]),
                    s(&g["from"]),
                    pick(lang, "至", "to"),
                    s(&g["to"])
                );
            }
        }
        "inspection_plan" => {
            for o in a["objects"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "{}{}{}{} {} / {} {} / {} {}",
                    s(&o["id"]),
                    bracket(lang, s(&o["town"][name])),
                    colon(lang),
                    pick(lang, "综合检查", "combined visits"),
                    o["combined_visits"],
                    pick(lang, "分领域检查", "separate visits"),
                    o["separate_visits"],
                    pick(lang, "节省", "saved"),
                    o["visits_saved"],
                );
                for v in o["visits"].as_array().into_iter().flatten() {
                    let domains: Vec<String> = strings(&v["domains"])
                        .into_iter()
                        .map(|d| domain_name(engine, d, lang))
                        .collect();
                    let _ = writeln!(
                        out,
                        "  {}  {}",
                        s(&v["date"]),
                        domains.join(pick(lang, "、", ", "))
                    );
                }
            }
        }
        "supervision" => {
            let mut shown = Vec::new();
            for r in a["rows"].as_array().into_iter().flatten() {
                if let Some(line) = thresholds(engine, s(&r["period"]["to"]), lang) {
                    if !shown.contains(&line) {
                        let _ = writeln!(out, "{line}");
                        shown.push(line);
                    }
                }
            }
            let _ = writeln!(
                out,
                "  {}  {}  {}  {}  {}  {}",
                pad(pick(lang, "镇(街道)", "Town"), 14),
                pad(pick(lang, "期间", "Period"), 24),
                pad(label("supervision_measure", "filing", lang), 14),
                pad(label("supervision_measure", "decision", lang), 14),
                pad(label("supervision_measure", "overturn", lang), 14),
                pick(lang, "迹象", "Signs"),
            );
            for r in a["rows"].as_array().into_iter().flatten() {
                let signals: Vec<&str> = strings(&r["signals"])
                    .into_iter()
                    .map(|c| label("supervision_signal", c, lang))
                    .collect();
                let row = format!(
                    "  {}  {} {} {}  {}  {}  {}",
                    pad(&fit(&town(&r["town"]), 14), 14),
                    s(&r["period"]["from"]),
                    pick(lang, "至", "to"),
                    s(&r["period"]["to"]),
                    pad(&ratio(&r["filing_ratio"]), 14),
                    pad(&ratio(&r["decision_ratio"]), 14),
                    pad(&ratio(&r["overturn_ratio"]), 14),
                );
                let signs = if signals.is_empty() {
                    "—".to_owned()
                } else {
                    signals.join(pick(lang, "、", ", "))
                };
                // Signs that would run past a 100-column terminal go below the row.
                if width(&row) + 2 + width(&signs) <= 100 {
                    let _ = writeln!(out, "{row}  {signs}");
                } else {
                    let _ = writeln!(out, "{}\n      → {signs}", row.trim_end());
                }
            }
            for c in a["candidates"].as_array().into_iter().flatten() {
                let grounds: Vec<&str> = strings(&c["grounds"])
                    .into_iter()
                    .map(|g| label("candidate_ground", g, lang))
                    .collect();
                let _ = writeln!(
                    out,
                    "{}{}{}",
                    pick(lang, "回收审查对象：", "Take-back candidate: "),
                    s(&c["town"][name]),
                    match lang {
                        Lang::Zh => format!("（{}）", grounds.join("、")),
                        Lang::En => format!(" ({})", grounds.join(", ")),
                    }
                );
            }
        }
        _ => {}
    }
    why_and_trace(&mut out, a, lang);
    out
}
