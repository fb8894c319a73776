//! The staffing and screening commands: read the request, call the engine through
//! `api::call` (the same entry point as the bindings), print JSON or text.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::render::{
    choose as pick, colon, fit, label, pad, refused, strings, text, why_and_trace, width,
};
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
    crate::run_decision(operation, request, rules, trace, out, |_, a, lang, _| {
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

fn render(operation: &str, a: &Value, lang: Lang, _engine: &fuquan::Engine) -> String {
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
            let _ = writeln!(s, "{}", pick(lang, "各镇(街道)：", "Towns:"));
            let _ = writeln!(
                s,
                "  {}  {}  {}  {}  {}",
                pad(pick(lang, "镇(街道)", "Town"), 18),
                pad(pick(lang, "依据", "From"), 12),
                pad(pick(lang, "下沉人数", "Seconded"), 8),
                pad(pick(lang, "名册核查", "Roster"), 8),
                pick(lang, "不符合的要求", "Requirements not met"),
            );
            for t in a["towns"].as_array().into_iter().flatten() {
                let verdict = match t["passed"].as_bool() {
                    Some(true) => pick(lang, "符合", "pass"),
                    Some(false) => pick(lang, "不符合", "FAIL"),
                    None => "—",
                };
                let source = match t["source"].as_str() {
                    Some("roster") => pick(lang, "花名册", "roster"),
                    _ => pick(lang, "下沉人数", "count given"),
                };
                let failed = strings(&t["failed"]);
                let failed = if failed.is_empty() {
                    "—".to_owned()
                } else {
                    failed
                        .iter()
                        .map(|f| label("staffing_check", f, lang))
                        .collect::<Vec<_>>()
                        .join(pick(lang, "、", ", "))
                };
                let _ = writeln!(
                    s,
                    "  {}  {}  {}  {}  {}",
                    pad(
                        &fit(
                            t["town"][pick(lang, "name_zh", "name_en")]
                                .as_str()
                                .unwrap_or(""),
                            18
                        ),
                        18
                    ),
                    pad(source, 12),
                    pad(&t["seconded"].to_string(), 8),
                    pad(verdict, 8),
                    failed
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
                "{}{}",
                pick(lang, "合计：", "Totals: "),
                totals.join(pick(lang, "，", ", "))
            );
        }
        "screen" => {
            for r in a["reasons"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    s,
                    "  - {}{}{}",
                    label(
                        "screening_verdict",
                        r["clause"].as_str().unwrap_or(""),
                        lang
                    ),
                    colon(lang),
                    r[pick(lang, "zh", "en")].as_str().unwrap_or("")
                );
            }
        }
        "screen_catalogue" => {
            let widest = |vocabulary: &str, key: &str| {
                a["items"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|i| width(label(vocabulary, i[key].as_str().unwrap_or(""), lang)))
                    .max()
                    .unwrap_or(0)
            };
            let verdict_width = widest("screening_verdict", "verdict");
            let mode_width = widest("screening_mode", "mode");
            for i in a["items"].as_array().into_iter().flatten() {
                // One line of a 100-column terminal: long names are cut (`fuquan
                // list items CODE` shows the whole name).
                let head = format!(
                    "  {} {:<9} {}  {}  ",
                    if i["suggested"] == true { "✓" } else { " " },
                    i["code"].as_str().unwrap_or(""),
                    pad(
                        label(
                            "screening_verdict",
                            i["verdict"].as_str().unwrap_or(""),
                            lang
                        ),
                        verdict_width
                    ),
                    pad(
                        label("screening_mode", i["mode"].as_str().unwrap_or(""), lang),
                        mode_width
                    ),
                );
                let name = i[pick(lang, "name_zh", "name_en")].as_str().unwrap_or("");
                let _ = writeln!(
                    s,
                    "{head}{}",
                    fit(name, 100_usize.saturating_sub(width(&head)))
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
            "  [{mark}] {}{}{}",
            label("staffing_check", c["id"].as_str().unwrap_or(""), lang),
            colon(lang),
            c[pick(lang, "message_zh", "message_en")]
                .as_str()
                .unwrap_or("")
        );
    }
    let rotation: Vec<&Value> = a["rotation"].as_array().into_iter().flatten().collect();
    if rotation.is_empty() {
        return;
    }
    let who: Vec<String> = rotation
        .iter()
        .map(|r| {
            format!(
                "{}({})",
                r["name"].as_str().unwrap_or(""),
                r["person"].as_str().unwrap_or("")
            )
        })
        .collect();
    let who_width = who.iter().map(|w| width(w)).max().unwrap_or(0).min(30);
    let status_width = rotation
        .iter()
        .map(|r| {
            width(label(
                "rotation_status",
                r["status"].as_str().unwrap_or(""),
                lang,
            ))
        })
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        s,
        "{}",
        pick(
            lang,
            "干部交流（一线工作年限）：",
            "Rotation (years on the front line):"
        )
    );
    let _ = writeln!(
        s,
        "  {}  {}  {}  {}  {}",
        pad(pick(lang, "人员", "Person"), who_width),
        pad(pick(lang, "状态", "Status"), status_width),
        pad(pick(lang, "一线工作起始", "Since"), 12),
        pad(pick(lang, "可以交流自", "May from"), 12),
        pick(lang, "必须交流自", "Must from"),
    );
    for (r, w) in rotation.iter().zip(&who) {
        let _ = writeln!(
            s,
            "  {}  {}  {}  {}  {}",
            pad(&fit(w, who_width), who_width),
            pad(
                label("rotation_status", r["status"].as_str().unwrap_or(""), lang),
                status_width
            ),
            pad(r["front_line_since"].as_str().unwrap_or(""), 12),
            pad(r["may"]["reached_from"].as_str().unwrap_or(""), 12),
            r["must"]["reached_from"].as_str().unwrap_or(""),
        );
    }
}
