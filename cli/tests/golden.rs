//! Golden output: the Chinese and the English text of every subcommand over
//! representative cases, compared with `cli/tests/golden/<name>.<lang>.txt`.
//! Each file was read by hand, as a clerk reads it, when it was first written.
//!
//! `FUQUAN_BLESS=1 cargo test -p fuquan-cli --test golden` rewrites the files
//! from the current output; read `git diff cli/tests/golden` before committing.
//!
//! A second test runs every golden case's Chinese output against the `labels`
//! vocabularies: no code that has a Chinese label may reach a Chinese reader.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// What a golden case pipes into stdin.
enum Stdin {
    /// Nothing.
    None,
    /// The `request` of a conformance case (fixtures/cases/…).
    Case(&'static str),
    /// A literal request.
    Text(&'static str),
}

/// (name, arguments, stdin). `--lang zh` / `--lang en` are appended.
const CASES: &[(&str, &[&str], Stdin)] = &[
    (
        "route-delegated",
        &["route"],
        Stdin::Case("route/route-a-delegated-after-transition.json"),
    ),
    (
        "route-split",
        &["route"],
        Stdin::Case("route/route-a-split-delegated-and-entrusted.json"),
    ),
    (
        "route-time-barred",
        &["route"],
        Stdin::Case("route/route-b-warning-limitation-exceeded.json"),
    ),
    (
        "route-in-transition",
        &["route", "--trace"],
        Stdin::Case("route/route-a-in-transition-mid.json"),
    ),
    (
        "route-refused",
        &["route"],
        Stdin::Case("route/route-b-error-several-case-errors.json"),
    ),
    (
        "route-dates-out-of-order",
        &["route"],
        Stdin::Case("route/route-b-error-dates-out-of-order.json"),
    ),
    (
        "validate",
        &["validate", "core/data/huancui-2024"],
        Stdin::None,
    ),
    ("demo", &["demo"], Stdin::None),
    (
        "staffing-roster",
        &["staffing", "fixtures/demo/roster-zhangcun.json"],
        Stdin::None,
    ),
    (
        "staffing-expired",
        &["staffing"],
        Stdin::Case("staffing/staffing-certificate-expired.json"),
    ),
    (
        "staffing-district",
        &["staffing-district"],
        Stdin::Case("staffing/staffing-district-rosters.json"),
    ),
    (
        "screen",
        &["screen", "SR-P001", "--class", "经济发达镇"],
        Stdin::None,
    ),
    (
        "screen-cautious",
        &["screen", "--request", "-"],
        Stdin::Case("screening/screen-cautious.json"),
    ),
    (
        "screen-unknown-item",
        &["screen", "--request", "-"],
        Stdin::Case("screening/screen-error-unknown-item.json"),
    ),
    (
        "screen-catalogue",
        &["screen-catalogue", "--class", "main_urban_subdistrict"],
        Stdin::None,
    ),
    (
        "dispute-platform",
        &["dispute"],
        Stdin::Case("dispute/dispute-at-platform-meetings.json"),
    ),
    (
        "dispute-government",
        &["dispute"],
        Stdin::Case("dispute/dispute-resolved-by-government.json"),
    ),
    (
        "dispute-dates-out-of-order",
        &["dispute"],
        Stdin::Case("dispute/dispute-dates-out-of-order.json"),
    ),
    (
        "designation",
        &["designation"],
        Stdin::Case("dispute/designation-town-request-granted.json"),
    ),
    (
        "platform-schedule",
        &["platform-schedule", "2024-09-02"],
        Stdin::None,
    ),
    (
        "platform-schedule-failed-unit",
        &["platform-schedule", "--request", "-"],
        Stdin::Case("dispute/schedule-failed-unit-joint-ruling.json"),
    ),
    (
        "platform-schedule-past-calendar",
        &["platform-schedule", "--request", "-"],
        Stdin::Case("dispute/schedule-report-past-the-calendar.json"),
    ),
    (
        "dispatch-grid-worker",
        &["dispatch"],
        Stdin::Case("dispatch/dispatch-in-list-grid-worker.json"),
    ),
    (
        "dispatch-split",
        &["dispatch"],
        Stdin::Case("dispatch/dispatch-unclear-domain-split.json"),
    ),
    (
        "intake",
        &["intake", "--request", "-"],
        Stdin::Case("intake/intake-barbecue-zhangcun.json"),
    ),
    (
        "coverage",
        &["coverage", "--request", "-"],
        Stdin::Case("coverage/coverage-second-wave-three-segments.json"),
    ),
    (
        "coverage-overlap",
        &["coverage", "--request", "-"],
        Stdin::Case("coverage/coverage-overlap-duplicate-delegation.json"),
    ),
    (
        "inspection-plan",
        &["inspection-plan", "fixtures/demo/inspection-plan.json"],
        Stdin::None,
    ),
    (
        "supervision",
        &["supervision", "fixtures/demo/supervision.json"],
        Stdin::None,
    ),
    (
        "supervision-impossible",
        &["supervision"],
        Stdin::Text(
            r#"{"stats":[{"town":"zhangcun","period":{"from":"2025-01-01","to":"2025-03-31"},
        "found":10,"filed":55,"decided":5,"transferred":0,"overturned":0}]}"#,
        ),
    ),
    (
        "call-route-history",
        &["call", "route_history"],
        Stdin::Case("versions/versions-taken-back-in-v2.json"),
    ),
    ("list-towns", &["list", "towns"], Stdin::None),
    ("list-items-query", &["list", "items", "烧烤"], Stdin::None),
    (
        "labels",
        &["labels", "dispute_stage", "rotation_status"],
        Stdin::None,
    ),
    ("operations", &["operations"], Stdin::None),
    (
        "diff",
        &[
            "diff",
            "fixtures/history-sample/v1",
            "fixtures/history-sample/v2",
        ],
        Stdin::None,
    ),
    (
        "unreadable-file",
        &["dispatch", "no-such-report.json"],
        Stdin::None,
    ),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn stdin_text(s: &Stdin) -> String {
    match s {
        Stdin::None => String::new(),
        Stdin::Text(t) => (*t).to_owned(),
        Stdin::Case(path) => {
            let case: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(repo().join("fixtures/cases").join(path)).unwrap(),
            )
            .unwrap();
            case["request"].to_string()
        }
    }
}

/// The exit code, stdout and (when any) stderr of one run.
fn run(args: &[&str], lang: &str, stdin: &Stdin) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fuquan"))
        .args(args)
        .args(["--lang", lang])
        .current_dir(repo())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let _ = input.write_all(stdin_text(stdin).as_bytes());
    drop(input);
    let o = child.wait_with_output().unwrap();
    let mut text = format!(
        "$ fuquan {} --lang {lang}\nexit {}\n",
        args.join(" "),
        o.status.code().unwrap_or(-1)
    );
    text.push_str(&String::from_utf8(o.stdout).unwrap());
    let stderr = String::from_utf8(o.stderr).unwrap();
    if !stderr.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&stderr);
    }
    text
}

#[test]
fn human_output_matches_the_golden_files() {
    let bless = std::env::var_os("FUQUAN_BLESS").is_some();
    let dir = repo().join("cli/tests/golden");
    let mut differ = Vec::new();
    for (name, args, stdin) in CASES {
        for lang in ["zh", "en"] {
            let got = run(args, lang, stdin);
            let file = dir.join(format!("{name}.{lang}.txt"));
            if bless {
                std::fs::write(&file, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&file).unwrap_or_default();
            if got != want {
                differ.push(format!(
                    "{}\n--- want\n{want}\n--- got\n{got}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} golden file(s) differ (FUQUAN_BLESS=1 rewrites them):\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// Every line of the demo table and of the other outputs fits a 100-column
/// terminal (a CJK character takes two columns).
#[test]
fn human_output_fits_100_columns() {
    for (name, args, stdin) in CASES {
        if ["rules", "labels"].contains(&args[0]) {
            continue;
        }
        for lang in ["zh", "en"] {
            let out = run(args, lang, stdin);
            for line in out.lines().filter(|l| is_table_row(l)) {
                let width = columns(line);
                assert!(width <= 100, "{name}.{lang}: {width} columns: {line}");
            }
        }
    }
}

/// Rows of a table (indented, several runs of two or more spaces): prose lines
/// wrap in a terminal and are not held to the width.
fn is_table_row(line: &str) -> bool {
    line.starts_with("  ") && line.trim().split("  ").filter(|s| !s.is_empty()).count() >= 3
}

/// Terminal columns: two for a wide (CJK, full-width) character.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// No code that has a Chinese label reaches the Chinese output of any golden
/// case: the `labels` operation's vocabularies are the list of codes. Codes that
/// are also ordinary words of ids or citations are matched as whole tokens.
#[test]
fn chinese_output_shows_labels_not_codes() {
    let engine = fuquan::Engine::embedded().unwrap();
    let labels = fuquan::api::call(&engine, "labels", serde_json::json!({}));
    let mut codes = std::collections::BTreeSet::new();
    for vocabulary in labels["vocabularies"].as_array().unwrap() {
        for entry in vocabulary["values"].as_array().unwrap() {
            codes.insert(entry["code"].as_str().unwrap().to_owned());
        }
    }
    assert!(codes.len() > 50, "{codes:?}");
    let mut leaks: Vec<String> = Vec::new();
    for (name, args, stdin) in CASES {
        // `labels` shows codes beside their labels on purpose; `operations`
        // lists operation names, which are what one types.
        if ["labels", "operations"].contains(&args[0]) {
            continue;
        }
        let out = run(args, "zh", stdin);
        for line in out.lines().skip(1) {
            let mut rest = line;
            while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric() || c == '_') {
                let before = &rest[..start];
                let tail = &rest[start..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
                    .unwrap_or(tail.len());
                let token = tail[..end].trim_end_matches('.');
                let after = &tail[end..];
                // A field path (`items[1]`, `dates.filing`, the `fine` after an
                // error code) names a field of the request, which the clerk
                // edits, and a dotted code is a rule id or an error code:
                // neither is a code to be labelled.
                let path = token.contains('.')
                    || after.starts_with('[')
                    || (before.ends_with("] ")
                        && (after.starts_with(':') || after.starts_with('：')));
                if !path && codes.contains(token) {
                    leaks.push(format!("{name}.zh: {token:?} in: {line}"));
                }
                rest = after;
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "codes where a label exists:\n{}",
        leaks.join("\n")
    );
}
