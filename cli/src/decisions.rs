//! The staffing and screening commands: read the request, call the engine through
//! `api::call` (the same entry point as the bindings), print JSON or text.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::render::{choose as pick, label, refused, strings, text, why_and_trace};
use crate::{Lang, Output};

fn read_request(file: Option<&PathBuf>) -> Result<String, String> {
    crate::input::read_text(file)
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

/// Runs any operation of the registry on a JSON request and prints the answer:
/// the summary, why and the trace (the JSON answer under `--json`).
pub fn run_generic(
    operation: &str,
    request: Result<Value, String>,
    rules: Option<&PathBuf>,
    trace: bool,
    out: &Output,
) -> Result<ExitCode, String> {
    crate::run_decision(operation, request, rules, trace, out, |_, a, lang| {
        let mut s = String::new();
        if a["status"] == "ok" || a["status"] == "error" && a["diagnostics"].is_array() {
            if let Some(summary) = a.get("summary") {
                let _ = writeln!(s, "{}", text(summary, lang));
            } else if let Some(summary) = a["ruling"].get("summary") {
                let _ = writeln!(s, "{}", text(summary, lang));
            }
            if a["ruling"].is_object() {
                why_and_trace(&mut s, &a["ruling"], lang);
            } else {
                why_and_trace(&mut s, a, lang);
            }
            for d in a["diagnostics"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "  {} {} {}: {}",
                    d["severity"].as_str().unwrap_or(""),
                    d["code"].as_str().unwrap_or(""),
                    d["path"].as_str().unwrap_or(""),
                    d[pick(lang, "message_zh", "message_en")]
                        .as_str()
                        .unwrap_or("")
                );
            }
        } else {
            refused(&mut s, a, lang, false);
        }
        s
    })
}

/// Reads a JSON request from a file (or stdin); malformed JSON is passed on as text.
pub fn request_from_file(file: Option<&PathBuf>) -> Result<Result<Value, String>, String> {
    let text = read_request(file)?;
    Ok(serde_json::from_str(&text).map_err(|_| text))
}

/// The `screen` request.
pub fn screen_request(item: &str, class: &str) -> Value {
    json!({"item": item, "class": class})
}

/// The `screen_catalogue` request.
pub fn catalogue_request(class: &str) -> Value {
    json!({"class": class})
}

fn render(operation: &str, a: &Value, lang: Lang) -> String {
    let mut s = String::new();
    if a["status"] != "ok" {
        refused(&mut s, a, lang, false);
        return s;
    }
    let _ = writeln!(s, "{}", text(&a["summary"], lang));
    match operation {
        "staffing" => checks(&mut s, a, lang),
        "staffing_district" => {
            checks(&mut s, a, lang);
            let _ = writeln!(s, "{}", pick(lang, "各镇(街道):", "Towns:"));
            for t in a["towns"].as_array().into_iter().flatten() {
                let verdict = match t["passed"].as_bool() {
                    Some(true) => pick(lang, "符合", "pass"),
                    Some(false) => pick(lang, "不符合", "FAIL"),
                    None => "—",
                };
                let failed = strings(&t["failed"]);
                let _ = writeln!(
                    s,
                    "  {:<10} {:<6} {} {:>4}  {:<6} {}",
                    t["town"][pick(lang, "name_zh", "name_en")]
                        .as_str()
                        .unwrap_or(""),
                    t["source"].as_str().unwrap_or(""),
                    pick(lang, "下沉", "seconded"),
                    t["seconded"],
                    verdict,
                    failed
                        .iter()
                        .map(|f| label("staffing_check", f, lang))
                        .collect::<Vec<_>>()
                        .join(pick(lang, "、", ", "))
                );
            }
            let totals: Vec<String> = a["totals"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, v)| format!("{} {v}", label("staffing_figure", k, lang)))
                .collect();
            let _ = writeln!(
                s,
                "{} {}",
                pick(lang, "合计:", "Totals:"),
                totals.join(pick(lang, ",", ", "))
            );
        }
        "screen" => {
            for r in a["reasons"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "  - [{}] {}",
                    r["clause"].as_str().unwrap_or(""),
                    r[pick(lang, "zh", "en")].as_str().unwrap_or("")
                );
            }
        }
        "screen_catalogue" => {
            for i in a["items"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "  {} {:<9} {:<16} {} {}",
                    if i["suggested"] == true { "✓" } else { " " },
                    i["code"].as_str().unwrap_or(""),
                    label(
                        "screening_verdict",
                        i["verdict"].as_str().unwrap_or(""),
                        lang
                    ),
                    label("screening_mode", i["mode"].as_str().unwrap_or(""), lang),
                    i[pick(lang, "name_zh", "name_en")].as_str().unwrap_or("")
                );
            }
        }
        _ => {}
    }
    why_and_trace(&mut s, a, lang);
    s
}

fn checks(s: &mut String, a: &Value, lang: Lang) {
    for c in a["checks"].as_array().into_iter().flatten() {
        let mark = match (c["level"].as_str(), c["passed"].as_bool()) {
            (Some("information"), _) => pick(lang, "提示", "info"),
            (_, Some(true)) => pick(lang, "符合", "pass"),
            _ => pick(lang, "不符合", "FAIL"),
        };
        let _ = writeln!(
            s,
            "  [{mark}] {}: {}",
            label("staffing_check", c["id"].as_str().unwrap_or(""), lang),
            c[pick(lang, "message_zh", "message_en")]
                .as_str()
                .unwrap_or("")
        );
    }
    for r in a["rotation"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "  {} {:<12} {:<8} {} {};{} {};{} {}",
            pick(lang, "轮岗", "rotation"),
            format!(
                "{}({})",
                r["name"].as_str().unwrap_or(""),
                r["person"].as_str().unwrap_or("")
            ),
            label("rotation_status", r["status"].as_str().unwrap_or(""), lang),
            pick(lang, "一线自", "since"),
            r["front_line_since"].as_str().unwrap_or(""),
            pick(lang, "可交流自", "may from"),
            r["may"]["reached_from"].as_str().unwrap_or(""),
            pick(lang, "必须交流自", "must from"),
            r["must"]["reached_from"].as_str().unwrap_or(""),
        );
    }
}
