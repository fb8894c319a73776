//! Human-readable output, in Chinese or English.

use std::fmt::Write;

use fuquan::{Engine, RuleId};
use serde_json::Value;

use crate::Lang;

/// The text for `lang` of a pair.
pub(crate) fn choose<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The colon after a label: full-width in Chinese (GB/T 15834), `: ` in English.
pub(crate) fn colon(lang: Lang) -> &'static str {
    choose(lang, "：", ": ")
}

/// `text` in brackets after what precedes it: `（text）` in Chinese, ` (text)` in English.
pub(crate) fn bracket(lang: Lang, text: &str) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// The `zh` or `en` member of a bilingual JSON text.
pub(crate) fn text(v: &Value, lang: Lang) -> &str {
    v[choose(lang, "zh", "en")].as_str().unwrap_or("")
}

/// The strings of a JSON array (none if it is not one).
pub(crate) fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// The label of `code` in the engine's vocabulary `vocabulary` (the `labels`
/// operation's), in `lang`; the code itself if the vocabulary lacks it.
pub(crate) fn label<'a>(vocabulary: &str, code: &'a str, lang: Lang) -> &'a str {
    match fuquan::decisions::labels::label(vocabulary, code) {
        Some(l) => choose(lang, l.zh, l.en),
        None => code,
    }
}

/// The errors of a refused request (`status` is not `ok`): code, path, message
/// and what was expected; `cite` adds each error's citation.
pub(crate) fn refused(s: &mut String, answer: &Value, lang: Lang, cite: bool) {
    let _ = writeln!(
        s,
        "{}",
        choose(lang, "请求有误：", "The request was refused:")
    );
    for e in answer["errors"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "  [{}] {}{}{}",
            e["code"].as_str().unwrap_or(""),
            e["path"].as_str().unwrap_or(""),
            colon(lang),
            e[choose(lang, "message_zh", "message_en")]
                .as_str()
                .unwrap_or("")
        );
        let expected = match lang {
            Lang::Zh => e["expected_zh"].as_str().or(e["expected"].as_str()),
            Lang::En => e["expected"].as_str(),
        };
        if let Some(x) = expected {
            let _ = writeln!(s, "      {}{x}", choose(lang, "应为：", "expected: "));
        }
        let message = e[choose(lang, "message_zh", "message_en")]
            .as_str()
            .unwrap_or("");
        if let Some(v) = e["value"].as_str().filter(|v| !message.contains(*v)) {
            let _ = writeln!(s, "      {}{v}", choose(lang, "收到：", "given: "));
        }
        // The engine's message may name the near misses already (是否指 …).
        let named = message.contains("是否指") || message.contains("did you mean");
        if let Some(list) = e["suggestions"]
            .as_array()
            .filter(|l| !l.is_empty() && !named)
        {
            let ids: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
            let _ = writeln!(
                s,
                "      {}{}",
                choose(lang, "是否指：", "did you mean: "),
                ids.join(choose(lang, "、", ", "))
            );
        }
        if cite {
            if let Some(c) = e["citation"][choose(lang, "zh", "en")].as_str() {
                let _ = writeln!(s, "      {}{c}", choose(lang, "依据：", "basis: "));
            }
        }
    }
}

/// The determining rules with their citations, then the trace when the answer has one:
/// the closing part of every decision's text output.
pub(crate) fn why_and_trace(s: &mut String, answer: &Value, lang: Lang) {
    let _ = writeln!(s, "{}", choose(lang, "依据：", "Why:"));
    for rule in answer["rules"].as_array().into_iter().flatten() {
        let cites: Vec<&str> = rule["citations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| text(c, lang))
            .collect();
        let _ = writeln!(
            s,
            "  - {} — {} [{}]",
            rule["id"].as_str().unwrap_or(""),
            rule[choose(lang, "title_zh", "title_en")]
                .as_str()
                .unwrap_or(""),
            cites.join("; ")
        );
    }
    if let Some(steps) = answer["trace"].as_array() {
        let _ = writeln!(s, "{}", choose(lang, "推理过程：", "Trace:"));
        for (i, step) in steps.iter().enumerate() {
            let _ = writeln!(s, "  {}. {}", i + 1, text(step, lang));
        }
    }
}

fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn name(body: &Value, lang: Lang) -> String {
    if body.is_null() {
        return "—".to_owned();
    }
    let key = if lang == Lang::Zh {
        "name_zh"
    } else {
        "name_en"
    };
    body[key].as_str().unwrap_or("—").to_owned()
}

fn disposition(d: &str, lang: Lang) -> String {
    label("disposition", d, lang).to_owned()
}

fn yes_no(b: bool, lang: Lang) -> String {
    pick(
        lang,
        if b { "是" } else { "否" },
        if b { "yes" } else { "no" },
    )
}

/// One routing answer as text.
/// A routing answer as text: the summary, the warnings that change what the
/// clerk does, the roles, the items (for a split, who handles each and in whose
/// name), then the rules.
pub fn route(answer: &Value, lang: Lang, engine: &Engine) -> String {
    let mut s = String::new();
    if answer["status"] != "ok" {
        refused(&mut s, answer, lang, false);
        return s;
    }
    let r = &answer["ruling"];
    let row = |s: &mut String, zh: &str, en: &str, v: String| {
        let _ = writeln!(s, "  {} {v}", pad(&pick(lang, zh, en), 14));
    };
    let summary = if lang == Lang::Zh {
        &r["summary"]["zh"]
    } else {
        &r["summary"]["en"]
    };
    let _ = writeln!(s, "{}", summary.as_str().unwrap_or(""));
    // Warnings change what the clerk should do (a time-barred case, an overdue
    // decision): they come right after the verdict, not after the citations.
    for w in answer["warnings"].as_array().into_iter().flatten() {
        let msg = if lang == Lang::Zh {
            &w["message_zh"]
        } else {
            &w["message_en"]
        };
        let _ = writeln!(
            s,
            "{}{}",
            pick(lang, "【注意】", "WARNING: "),
            msg.as_str().unwrap_or("")
        );
    }
    row(
        &mut s,
        "处置",
        "Disposition",
        disposition(r["disposition"].as_str().unwrap_or(""), lang),
    );
    // A split case has no one handler: each item's line below says who
    // handles it and in whose name.
    let split = r["disposition"] == "split";
    let role = |body: &Value| {
        if split && body.is_null() {
            pick(
                lang,
                "分案办理，见下列各事项",
                "per case, see the items below",
            )
        } else {
            name(body, lang)
        }
    };
    row(&mut s, "办理机关", "Handler", role(&r["handler"]));
    row(
        &mut s,
        "名义/责任",
        "In the name of",
        role(&r["acts_in_name_of"]),
    );
    row(
        &mut s,
        "复议被申请人",
        "Review resp.",
        role(&r["review_respondent"]),
    );
    row(
        &mut s,
        "诉讼被告",
        "Defendant",
        role(&r["litigation_defendant"]),
    );
    row(&mut s, "复议机关", "Review body", role(&r["review_body"]));
    if !r["review_body_alternative"].is_null() {
        row(
            &mut s,
            "也可向",
            "Or review by",
            name(&r["review_body_alternative"], lang),
        );
    }
    row(
        &mut s,
        "适用日期",
        "Relevant date",
        format!(
            "{}{}",
            r["relevant_date"].as_str().unwrap_or(""),
            bracket(
                lang,
                label(
                    "date_basis",
                    r["relevant_date_basis"].as_str().unwrap_or(""),
                    lang
                )
            )
        ),
    );
    if let Some(t) = r["transition"].as_object() {
        row(
            &mut s,
            "过渡期",
            "Transition",
            format!(
                "{} → {}{}",
                t["effective"].as_str().unwrap_or(""),
                t["last_day"].as_str().unwrap_or(""),
                bracket(
                    lang,
                    &pick(
                        lang,
                        if t["in_transition"] == true {
                            "期内"
                        } else {
                            "已满"
                        },
                        if t["in_transition"] == true {
                            "running"
                        } else {
                            "over"
                        }
                    )
                )
            ),
        );
    }
    row(
        &mut s,
        "法制审核",
        "Legal review",
        yes_no(r["legal_review"]["required"] == true, lang),
    );
    row(
        &mut s,
        "听证权利",
        "Hearing right",
        yes_no(r["hearing"]["right"] == true, lang),
    );
    let town = name(&r["location"], lang);
    for item in r["items"].as_array().into_iter().flatten() {
        let status = item["status"].as_str().unwrap_or("");
        let mut line = format!(
            "{} {}{}",
            item["code"].as_str().unwrap_or(""),
            label("item_status", status, lang),
            bracket(lang, item["grant"].as_str().unwrap_or("-"))
        );
        if split {
            // Which case each item goes into: delegated items in the town's own
            // name, entrusted ones in the department's (行政处罚法 Art. 20, 24).
            let department = item["department"]
                .as_str()
                .and_then(|d| engine.body(d))
                .map_or("—", |b| choose(lang, &b.name_zh, &b.name_en));
            let who = match status {
                "delegated" | "carried_by_delegation" => match lang {
                    Lang::Zh => format!("{town}以自己的名义办理"),
                    Lang::En => format!("{town} in its own name"),
                },
                "entrusted" | "carried_by_entrustment" => match lang {
                    Lang::Zh => format!("{town}以{department}的名义办理"),
                    Lang::En => format!("{town} in the name of {department}"),
                },
                _ => match lang {
                    Lang::Zh => format!("{department}办理"),
                    Lang::En => format!("{department} handles it"),
                },
            };
            line = format!("{line} → {who}");
        }
        row(&mut s, "事项", "Item", line);
    }
    why_and_trace(&mut s, r, lang);
    s
}

/// A validation answer as text.
pub fn validation(answer: &Value, dir: &str, lang: Lang) -> String {
    let mut s = String::new();
    let diags = answer["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    let _ = writeln!(
        s,
        "{}",
        match lang {
            Lang::Zh => format!("{dir}：{errors} 个错误，{} 个提示", diags.len() - errors),
            Lang::En => format!(
                "{dir}: {errors} error(s), {} warning(s)",
                diags.len() - errors
            ),
        }
    );
    for d in &diags {
        let msg = if lang == Lang::Zh {
            &d["message_zh"]
        } else {
            &d["message_en"]
        };
        let cite = d["citation"][if lang == Lang::Zh { "zh" } else { "en" }]
            .as_str()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "  [{}] {} {}{}{}{cite}",
            label("severity", d["severity"].as_str().unwrap_or(""), lang),
            d["code"].as_str().unwrap_or(""),
            d["path"].as_str().unwrap_or(""),
            colon(lang),
            msg.as_str().unwrap_or("")
        );
    }
    s
}

/// Display width in terminal columns: a Chinese character takes two.
pub(crate) fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` padded with spaces to `w` columns.
pub(crate) fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

/// `s` cut to at most `w` columns, ending in `…` when cut.
pub(crate) fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// The name of a body (town, department, …) of the rule set by its id; the id
/// itself when the rule set has no such body.
pub(crate) fn body_name(engine: &Engine, id: &str, lang: Lang) -> String {
    engine.body(id).map_or_else(
        || id.to_owned(),
        |b| choose(lang, &b.name_zh, &b.name_en).to_owned(),
    )
}

/// The name of an enforcement domain of the rule set by its id; the id itself
/// when there is none.
pub(crate) fn domain_name(engine: &Engine, id: &str, lang: Lang) -> String {
    engine
        .document()
        .domains
        .iter()
        .find(|d| d.id == id)
        .map_or_else(
            || id.to_owned(),
            |d| choose(lang, &d.name_zh, &d.name_en).to_owned(),
        )
}

/// A ratio as a percentage with one decimal, truncated (never rounded up past
/// a threshold): 96/120 is `80.0%`, 2/3 is `66.6%`. Integers only.
pub(crate) fn percent(numerator: u64, denominator: u64) -> String {
    if denominator == 0 {
        return "—".to_owned();
    }
    let tenths = numerator.saturating_mul(1000) / denominator;
    if tenths.is_multiple_of(10) {
        format!("{}%", tenths / 10)
    } else {
        format!("{}.{}%", tenths / 10, tenths % 10)
    }
}

/// The demo table.
pub fn demo(engine: &Engine, answers: &[(Value, Value)], lang: Lang) -> String {
    let meta = engine.meta();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        match lang {
            Lang::Zh => format!(
                "规则集 {} {}（{}，示例数据）\n",
                meta.id, meta.version, meta.name_zh
            ),
            Lang::En => format!(
                "Rule set {} {} ({}, sample data)\n",
                meta.id, meta.version, meta.name_en
            ),
        }
    );
    let header: Vec<String> = [
        ("案件", "Case"),
        ("地点", "Place"),
        ("事项", "Items"),
        ("罚款", "Fine"),
        ("处置", "Disposition"),
        ("办理机关", "Handler"),
        ("名义", "In name of"),
        ("审核", "Review"),
        ("听证", "Hearing"),
    ]
    .iter()
    .map(|(zh, en)| pick(lang, zh, en))
    .collect();
    let mut rows = vec![header];
    let mut notes = Vec::new();
    for (case, answer) in answers {
        let id = case["case_id"].as_str().unwrap_or("?").to_owned();
        let place = engine
            .body(case["location"].as_str().unwrap_or(""))
            .map_or("?".to_owned(), |b| pick(lang, &b.name_zh, &b.name_en));
        let items = strings(&case["items"]);
        let fine = case["fine"].as_str().map_or_else(
            || case["fine"].to_string().replace("null", "—"),
            str::to_owned,
        );
        if answer["status"] != "ok" {
            rows.push(vec![
                id.clone(),
                place,
                items.join(","),
                fine,
                pick(lang, "错误", "error"),
                answer["errors"][0]["code"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        }
        let r = &answer["ruling"];
        rows.push(vec![
            id.clone(),
            place,
            items.join(","),
            fine,
            disposition(r["disposition"].as_str().unwrap_or(""), lang),
            name(&r["handler"], lang),
            name(&r["acts_in_name_of"], lang),
            yes_no(r["legal_review"]["required"] == true, lang),
            yes_no(r["hearing"]["right"] == true, lang),
        ]);
        let summary = r["summary"][if lang == Lang::Zh { "zh" } else { "en" }]
            .as_str()
            .unwrap_or("");
        let cites: Vec<String> = r["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|rule| {
                let id = rule["id"].as_str().unwrap_or("");
                !matches!(
                    id,
                    "route.relevant_date"
                        | "route.place_of_violation"
                        | "responsibility.review_body"
                )
            })
            .map(|rule| {
                let c: Vec<&str> = rule["citations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c[if lang == Lang::Zh { "zh" } else { "en" }].as_str())
                    .collect();
                format!("{} ({})", rule["id"].as_str().unwrap_or(""), c.join("; "))
            })
            .collect();
        notes.push(format!("{id}: {summary}\n    {}", cites.join("\n    ")));
    }
    let cols = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |x| width(x)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (i, r) in rows.iter().enumerate() {
        let line: Vec<String> = r.iter().zip(&widths).map(|(x, w)| pad(x, *w)).collect();
        let _ = writeln!(s, "{}", line.join("  ").trim_end());
        if i == 0 {
            let _ = writeln!(
                s,
                "{}",
                widths
                    .iter()
                    .map(|w| "-".repeat(*w))
                    .collect::<Vec<_>>()
                    .join("  ")
            );
        }
    }
    let _ = writeln!(
        s,
        "\n{}",
        pick(lang, "说明与依据：", "Explanations and citations:")
    );
    for n in notes {
        let _ = writeln!(s, "  {n}");
    }
    s
}

/// The rule registry.
pub fn rules(engine: &Engine, json: bool, lang: Lang) -> String {
    if json {
        let list: Vec<Value> = RuleId::ALL
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id(), "title_zh": r.title_zh(), "title_en": r.title_en(),
                    "citations": engine.render_citations(*r),
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list).unwrap_or_default() + "\n";
    }
    let mut s = String::new();
    for r in RuleId::ALL {
        let cites: Vec<String> = engine
            .render_citations(*r)
            .into_iter()
            .map(|c| if lang == Lang::Zh { c.zh } else { c.en })
            .collect();
        let _ = writeln!(
            s,
            "{}\n    {}\n    [{}]",
            r.id(),
            pick(lang, r.title_zh(), r.title_en()),
            cites.join("; ")
        );
    }
    s
}

/// The operations of the generic entry point, from the decision registry.
pub(crate) fn operations(json: bool, lang: Lang) -> String {
    use fuquan::registry::REGISTRY;
    if json {
        let list: Vec<Value> = REGISTRY
            .iter()
            .map(|e| {
                serde_json::json!({
                    "operation": e.operation,
                    // validate's request is the rule-set document itself.
                    "request_schema": if e.operation == "validate" {
                        "ruleset.schema.json".to_owned()
                    } else {
                        format!("{}-request.schema.json", e.schema_name)
                    },
                    "answer_schema": format!("{}-answer.schema.json", e.schema_name),
                    "max_request_bytes": e.max_request_bytes,
                })
            })
            .collect();
        return serde_json::to_string_pretty(&list).unwrap_or_default() + "\n";
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        choose(
            lang,
            "通用入口的决策类型（fuquan call <决策类型> 请求.json）：",
            "Operations of the generic entry point (fuquan call <operation> request.json):"
        )
    );
    for e in REGISTRY {
        let _ = writeln!(s, "  {}", e.operation);
    }
    s
}

/// `fuquan list`: one line per entry, id then name; the summary first.
pub(crate) fn lookup(_op: &str, a: &Value, lang: Lang, _engine: &Engine) -> String {
    let mut s = String::new();
    if a["status"] != "ok" {
        refused(&mut s, a, lang, false);
        return s;
    }
    let _ = writeln!(s, "{}", text(&a["summary"], lang));
    for e in a["entries"].as_array().into_iter().flatten() {
        let id = e["id"].as_str().unwrap_or("");
        let name = e[choose(lang, "name_zh", "name_en")].as_str().unwrap_or("");
        // Names stay on one line of a 100-column terminal.
        let name: String = name.chars().take(80).collect();
        let _ = writeln!(s, "  {id:<24} {name}");
    }
    s
}

/// `fuquan labels`: each vocabulary, then `code  label` lines.
pub(crate) fn labels(_op: &str, a: &Value, lang: Lang, _engine: &Engine) -> String {
    let mut s = String::new();
    if a["status"] != "ok" {
        refused(&mut s, a, lang, false);
        return s;
    }
    for v in a["vocabularies"].as_array().into_iter().flatten() {
        let _ = writeln!(
            s,
            "{}{}",
            v[choose(lang, "zh", "en")].as_str().unwrap_or(""),
            bracket(lang, v["name"].as_str().unwrap_or(""))
        );
        for l in v["values"].as_array().into_iter().flatten() {
            let _ = writeln!(
                s,
                "  {:<36} {}",
                l["code"].as_str().unwrap_or(""),
                l[choose(lang, "zh", "en")].as_str().unwrap_or("")
            );
        }
    }
    s
}
