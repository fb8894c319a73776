//! The dispute, designation, platform-schedule and dispatch commands: read the
//! request, call the engine through `api::call` (the same entry point as the
//! bindings), print JSON or text.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use crate::render::{bracket, choose as pick, colon, label, refused, text, why_and_trace};
use crate::{Lang, Output};

fn name(body: &Value, lang: Lang) -> String {
    if body.is_null() {
        return "—".to_owned();
    }
    body[pick(lang, "name_zh", "name_en")]
        .as_str()
        .unwrap_or("—")
        .to_owned()
}

/// Reads a JSON request from a file (or stdin when none or `-`); malformed JSON
/// is passed on as text so that the engine reports it with its code.
pub fn request_from_file(file: Option<&PathBuf>) -> Result<Result<Value, String>, String> {
    let text = crate::input::read_text(file)?;
    Ok(serde_json::from_str(&text).map_err(|_| text))
}

/// The `platform_schedule` request for a submission date.
pub fn schedule_request(date: &str, failed_unit: Option<&str>) -> Value {
    let mut v = json!({ "submitted": date });
    if let (Some(u), Value::Object(map)) = (failed_unit, &mut v) {
        map.insert("failed_unit".into(), Value::String(u.to_owned()));
    }
    v
}

/// Today's date (UTC), `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
        .map_or_else(String::new, |t| t.date_naive().to_string())
}

/// The `intake` request for a sentence.
pub fn intake_request(text: &str, place: Option<&str>, date: Option<&str>, source: &str) -> Value {
    let mut v = json!({
        "text": text,
        "date": date.map_or_else(today, str::to_owned),
        "source": source,
    });
    if let (Some(p), Value::Object(map)) = (place, &mut v) {
        map.insert("place".into(), Value::String(p.to_owned()));
    }
    v
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

fn row(s: &mut String, lang: Lang, zh: &str, en: &str, v: &str) {
    let _ = writeln!(s, "  {}{}{v}", pick(lang, zh, en), colon(lang));
}

fn render(operation: &str, a: &Value, lang: Lang, _engine: &fuquan::Engine) -> String {
    let mut s = String::new();
    if a["status"] != "ok" {
        refused(&mut s, a, lang, true);
        return s;
    }
    let _ = writeln!(s, "{}", text(&a["summary"], lang));
    match operation {
        "dispute" => {
            row(
                &mut s,
                lang,
                "阶段",
                "Stage",
                label("dispute_stage", a["stage"].as_str().unwrap_or(""), lang),
            );
            let actors: Vec<String> = a["next"]["actors"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|b| name(b, lang))
                .collect();
            row(
                &mut s,
                lang,
                "下一步",
                "Next",
                &format!(
                    "{} — {}",
                    label(
                        "next_action",
                        a["next"]["action"].as_str().unwrap_or(""),
                        lang
                    ),
                    actors.join(", ")
                ),
            );
            if let Some(d) = a["next"]["weekly_meeting"]["date"].as_str() {
                row(&mut s, lang, "周例会", "Weekly meeting", d);
            }
            if let Some(d) = a["next"]["monthly_meeting"]["date"].as_str() {
                row(&mut s, lang, "月联席会议", "Monthly joint meeting", d);
            }
            if a["resolution"].is_object() {
                let deciders: Vec<String> = a["resolution"]["decided_by"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| name(b, lang))
                    .collect();
                row(&mut s, lang, "决定机关", "Decided by", &deciders.join(", "));
                row(
                    &mut s,
                    lang,
                    "管辖机关",
                    "Handler",
                    &name(&a["resolution"]["handler"], lang),
                );
            }
            let _ = writeln!(s, "{}", pick(lang, "记录：", "Audit trail:"));
            for e in a["audit"].as_array().into_iter().flatten() {
                // The text starts with the date already. `opened` is the
                // dispute's own start, not one of the events a request gives.
                let event = match e["event"].as_str().unwrap_or("") {
                    "opened" => pick(lang, "发生争议", "opened"),
                    other => label("dispute_event", other, lang),
                };
                let _ = writeln!(s, "  [{event}] {}", text(&e["text"], lang));
            }
        }
        "designation_request" => {
            row(
                &mut s,
                lang,
                "决定机关",
                "Decided by",
                &name(&a["decides"], lang),
            );
            row(
                &mut s,
                lang,
                "指定对象",
                "Designee",
                &name(&a["department"], lang),
            );
            row(
                &mut s,
                lang,
                "状态",
                "Outcome",
                label(
                    "designation_outcome",
                    a["outcome"].as_str().unwrap_or(""),
                    lang,
                ),
            );
            row(&mut s, lang, "效果", "Effect", text(&a["effect"], lang));
        }
        "platform_schedule" => {
            row(
                &mut s,
                lang,
                "周例会",
                "Weekly meeting",
                a["weekly_meeting"]["date"].as_str().unwrap_or(""),
            );
            row(
                &mut s,
                lang,
                "月联席会议",
                "Monthly joint meeting",
                a["monthly_meeting"]["date"].as_str().unwrap_or(""),
            );
            row(
                &mut s,
                lang,
                "季度汇报",
                "Quarterly report",
                &format!(
                    "{}{}",
                    a["quarterly_report"]["due"].as_str().unwrap_or(""),
                    bracket(
                        lang,
                        a["quarterly_report"]["quarter"].as_str().unwrap_or("")
                    )
                ),
            );
        }
        "intake" => {
            row(
                &mut s,
                lang,
                "结论",
                "Outcome",
                &format!(
                    "{}{}",
                    label("intake_outcome", a["outcome"].as_str().unwrap_or(""), lang),
                    bracket(
                        lang,
                        &format!(
                            "{}{}%",
                            pick(lang, "把握 ", "confidence "),
                            a["confidence"].as_u64().unwrap_or(0)
                        )
                    )
                ),
            );
            for c in a["candidates"].as_array().into_iter().flatten() {
                let words: Vec<&str> = c["words"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let milli = |v: &Value| {
                    let m = v.as_u64().unwrap_or(0);
                    format!("{}.{:03}", m / 1000, m % 1000)
                };
                // With example reports, both signals behind the ranking score.
                let parts = if a["ranked_by"] == "words" {
                    String::new()
                } else {
                    format!(
                        "{}{} {}{}",
                        pick(lang, "（用语 ", " (words "),
                        milli(&c["word_score_milli"]),
                        pick(lang, "样例 ", "examples "),
                        milli(&c["example_score_milli"]) + pick(lang, "）", ")")
                    )
                };
                let _ = writeln!(
                    s,
                    "  {} {} {} {}{} [{}]",
                    if c["close"] == true { "*" } else { " " },
                    c["code"].as_str().unwrap_or(""),
                    c[pick(lang, "name_zh", "name_en")].as_str().unwrap_or(""),
                    milli(&c["score_milli"]),
                    parts,
                    words.join(pick(lang, "、", ", "))
                );
            }
            if a["ranked_by"] != "words" {
                row(
                    &mut s,
                    lang,
                    "比对依据",
                    "Ranked by",
                    label("ranked_by", a["ranked_by"].as_str().unwrap_or(""), lang),
                );
            }
            let near = &a["nearest_example"];
            if !near.is_null() {
                let filed = near["item"].as_str().map_or_else(
                    || pick(lang, "不属于清单事项", "outside the catalogue").to_owned(),
                    str::to_owned,
                );
                row(
                    &mut s,
                    lang,
                    "最相近的样例",
                    "Closest example",
                    &format!(
                        "{}{}",
                        near["text"].as_str().unwrap_or(""),
                        bracket(lang, &filed)
                    ),
                );
            }
            row(&mut s, lang, "地点", "Place", &name(&a["place"], lang));
            let d = &a["dispatch"];
            if !d.is_null() {
                row(
                    &mut s,
                    lang,
                    "去向",
                    "Destination",
                    label(
                        "dispatch_destination",
                        d["destination"].as_str().unwrap_or(""),
                        lang,
                    ),
                );
                row(
                    &mut s,
                    lang,
                    "派单机关",
                    "Dispatcher",
                    &name(&d["dispatcher"], lang),
                );
                row(
                    &mut s,
                    lang,
                    "处置机关",
                    "Handler",
                    &name(&d["handler"], lang),
                );
                if !d["acts_in_name_of"].is_null() {
                    row(
                        &mut s,
                        lang,
                        "以谁的名义",
                        "In the name of",
                        &name(&d["acts_in_name_of"], lang),
                    );
                }
                if let Some(m) = d["weekly_meeting"]["date"].as_str() {
                    row(&mut s, lang, "周例会", "Weekly meeting", m);
                }
            }
            row(
                &mut s,
                lang,
                "下一步",
                "Next step",
                text(&a["next_step"], lang),
            );
        }
        "dispatch" => {
            row(
                &mut s,
                lang,
                "去向",
                "Destination",
                label(
                    "dispatch_destination",
                    a["destination"].as_str().unwrap_or(""),
                    lang,
                ),
            );
            row(
                &mut s,
                lang,
                "方式",
                "Mode",
                label("dispatch_mode", a["mode"].as_str().unwrap_or(""), lang),
            );
            row(
                &mut s,
                lang,
                "派单机关",
                "Dispatcher",
                &name(&a["dispatcher"], lang),
            );
            row(
                &mut s,
                lang,
                "处置机关",
                "Handler",
                &name(&a["handler"], lang),
            );
            if let Some(d) = a["weekly_meeting"]["date"].as_str() {
                row(&mut s, lang, "周例会", "Weekly meeting", d);
            }
        }
        _ => {}
    }
    why_and_trace(&mut s, a, lang);
    s
}
