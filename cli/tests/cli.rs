//! The `fuquan` binary end to end: the README's main command, routing from a
//! file and from stdin, validation, and refused input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fuquan(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fuquan"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A usage error exits before reading stdin: a broken pipe is no failure.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

const MAJOR: &str = r#"{"items":["CJ-P001"],"location":"yangting","party":"organisation",
  "business_activity":true,"dates":{"filing":"2025-04-10"},"sanctions":["fine"],"fine":"50000"}"#;

#[test]
fn demo_prints_every_sample_case_with_its_citations() {
    let o = fuquan(&["demo", "--lang", "en"], None);
    assert!(o.status.success());
    let out = text(&o);
    let cases: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(repo().join("cli/data/demo/cases.json")).unwrap(),
    )
    .unwrap();
    for c in &cases {
        let id = c["case_id"].as_str().unwrap();
        assert!(out.contains(id), "demo output lacks {id}");
    }
    // D02 is exactly 50,000 yuan: a transfer, cited to Plan §13.
    assert!(out.contains("transfer to the department"));
    assert!(out.contains("route.major_fine (Huancui Plan §13; Civil Code Art. 1259)"));
    // D14 sends money as a float: shown as refused with its code.
    assert!(out.contains("money.float"));
}

#[test]
fn route_from_stdin_as_json_and_as_text() {
    let o = fuquan(&["route", "--json"], Some(MAJOR));
    assert!(o.status.success());
    let answer: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(answer["ruling"]["disposition"], "transfer");
    assert_eq!(answer["ruling"]["handler"]["id"], "housing_construction");
    let o = fuquan(&["route", "--trace", "--lang", "zh"], Some(MAJOR));
    let out = text(&o);
    assert!(out.contains("推理过程"), "{out}");
    assert!(out.contains("《实施方案》第二部分第13项"), "{out}");
}

#[test]
fn refused_input_exits_1_with_code_and_path() {
    let bad = MAJOR.replace("\"50000\"", "50000.0");
    let o = fuquan(&["route", "--json"], Some(&bad));
    assert_eq!(o.status.code(), Some(1));
    let answer: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(answer["errors"][0]["code"], "money.float");
    assert_eq!(answer["errors"][0]["path"], "fine");
    let o = fuquan(&["route"], Some("{not json"));
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("input.syntax"));
}

#[test]
fn validate_reports_the_embedded_rule_set_with_its_one_warning() {
    // No error; one warning, worked out from the data: CJ-P004's statutory minimum
    // fine (建设工程质量管理条例 Art. 69: 5万元以上) is already the major-decision
    // threshold (Plan §13), and G-2024-DEV-ZJ (grants[0]) delegates it as its third item.
    let o = fuquan(
        &["validate", "core/data/huancui-2024", "--lang", "en"],
        None,
    );
    assert!(o.status.success());
    let out = text(&o);
    assert!(out.contains("0 error(s), 1 warning(s)"), "{out}");
    assert!(
        out.contains("grant.delegation_always_major grants[0].items[2]"),
        "{out}"
    );
    let o = fuquan(&["validate", "no-such-dir", "--json"], None);
    assert_eq!(o.status.code(), Some(1));
    let answer: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(answer["diagnostics"][0]["code"], "ruleset.io");
}

/// The CLI's generic path is the registry's: every conformance case's request,
/// run as `fuquan call <operation> --json`, gives exactly the answer of
/// `api::call` (cases that carry their own rule set are left to the library runners).
#[test]
fn call_runs_every_operation_of_the_registry_as_the_library_does() {
    let engine = fuquan::Engine::embedded().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let cases = repo().join("fixtures/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&cases)
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for file in files {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let op = case["operation"].as_str().unwrap();
        let request = if op == "validate" {
            &case["ruleset"]
        } else if case["ruleset"].is_object() {
            continue;
        } else {
            &case["request"]
        };
        // One case per operation keeps the test quick; every operation is covered.
        if !seen.insert(op.to_owned()) {
            continue;
        }
        let o = fuquan(&["call", op, "--json"], Some(&request.to_string()));
        let got: serde_json::Value =
            serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let want = fuquan::api::call(&engine, op, request.clone());
        assert_eq!(got, want, "{}", file.display());
        assert_eq!(
            o.status.success(),
            want["status"] == "ok",
            "{}",
            file.display()
        );
    }
    let all: std::collections::BTreeSet<String> = fuquan::api::OPERATIONS
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    assert_eq!(seen, all, "every operation has a conformance case");
    let o = fuquan(&["operations", "--json"], None);
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = listed
        .iter()
        .map(|e| e["operation"].as_str().unwrap())
        .collect();
    assert_eq!(names, fuquan::api::OPERATIONS);
}

#[test]
fn version_names_the_engine_and_the_contract() {
    let o = fuquan(&["--version"], None);
    assert!(o.status.success());
    assert_eq!(
        text(&o).trim(),
        format!(
            "fuquan {v} (engine {v}, contract fuquan/1)",
            v = env!("CARGO_PKG_VERSION")
        )
    );
    // ... and every answer names the engine that gave it.
    let o = fuquan(&["route", "--json"], Some(MAJOR));
    let answer: serde_json::Value = serde_json::from_str(&text(&o)).unwrap();
    assert_eq!(
        answer["ruling"]["ruleset"]["engine_version"],
        env!("CARGO_PKG_VERSION")
    );
}

#[test]
fn list_resolves_names_a_clerk_types() {
    let o = fuquan(&["list", "departments", "市场监管局"], None);
    assert!(o.status.success());
    let out = text(&o);
    assert!(out.contains("market_regulation"), "{out}");
    assert!(out.contains("威海市环翠区市场监督管理局"), "{out}");
    let o = fuquan(&["list", "towns", "--json"], None);
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["entries"].as_array().unwrap().len(), 9);
    assert_eq!(a["entries"][0]["name_zh"], "张村镇");
}

#[test]
fn chinese_output_shows_labels_not_codes() {
    // A dispute at the platform rung: stage and next step in words.
    let dispute = r#"{"dispute":{"town":"zhangcun","department":"housing_construction",
        "items":["CJ-P001"],"opened":"2024-09-02"},
        "events":[{"kind":"negotiation_failed","date":"2024-09-03"}]}"#;
    let o = fuquan(&["call", "dispute"], Some(dispute));
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("区级综合执法平台研究解决"), "{out}");
    for code in ["at_platform", "platform_resolve", "negotiating"] {
        assert!(!out.contains(code), "{code} leaked into: {out}");
    }
}

#[test]
fn gbk_files_are_read_and_unreadable_files_exit_3() {
    let dir = std::env::temp_dir().join(format!("fuquan-cli-gbk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The README case with its location written 张村镇 in GBK (D5C5 B4E5 D5F2).
    let mut gbk = br#"{"items":["SR-P001"],"location":""#.to_vec();
    gbk.extend_from_slice(b"\xD5\xC5\xB4\xE5\xD5\xF2");
    gbk.extend_from_slice(
        br#"","party":"individual","business_activity":false,"dates":{"filing":"2025-03-01"},"sanctions":["fine"],"fine":"500"}"#,
    );
    let file = dir.join("case-gbk.json");
    std::fs::write(&file, &gbk).unwrap();
    let o = fuquan(&["route", file.to_str().unwrap(), "--json"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["ruling"]["handler"]["id"], "zhangcun");
    let o = fuquan(&["route", "/nonexistent/case.json", "--json"], None);
    assert_eq!(o.status.code(), Some(3));
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["errors"][0]["code"], "cli.unreadable");
    assert!(a["errors"][0]["message_zh"]
        .as_str()
        .unwrap()
        .contains("无法读取文件"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn intake_reads_a_sentence_in_chinese_and_as_json() {
    // Worked in docs/intake.md: 露天烧烤 is HB-P007's alone; at 张村镇 on 2024-09-05 it
    // is delegated (G-2024-DEV-ZF, transition over 2024-08-15): the town's team.
    let o = fuquan(
        &[
            "intake",
            "小区里有人半夜露天烧烤，油烟很大",
            "--place",
            "zhangcun",
            "--date",
            "2024-09-05",
        ],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = text(&o);
    assert!(out.contains("HB-P007"), "{out}");
    assert!(out.contains("处置机关：张村镇"), "{out}");
    assert!(out.contains("下一步：由张村镇综合执法队处置。"), "{out}");
    assert!(out.contains("intake.clear"), "{out}");

    // The place read from the text; JSON output.
    let o = fuquan(
        &[
            "intake",
            "张村镇有人把楼顶加盖了一层违章建筑",
            "--date",
            "2024-09-05",
            "--source",
            "grid_worker",
            "--json",
        ],
        None,
    );
    assert!(o.status.success());
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["outcome"], "item");
    assert_eq!(a["item"], "CJ-P005");
    assert_eq!(a["place_from"], "text");
    assert_eq!(a["dispatch"]["mode"], "grid_call_team_reports");
    assert_eq!(a["ranked_by"], "words_and_examples");

    // Named by the example reports alone, with the closest one shown.
    let o = fuquan(
        &[
            "intake",
            "韭菜根部灌药，这菜还能吃吗",
            "--date",
            "2024-09-05",
        ],
        None,
    );
    let out = text(&o);
    assert!(out.contains("比对依据：诉求样例"), "{out}");
    assert!(
        out.contains("最相近的样例：听说村里有人用甲拌磷灌韭菜根，这可是禁药啊（NY-P001）"),
        "{out}"
    );

    // Outside the catalogue, and an empty sentence.
    let o = fuquan(
        &[
            "intake",
            "楼下广场舞音响太吵了",
            "--date",
            "2024-09-05",
            "--lang",
            "en",
        ],
        None,
    );
    assert!(
        text(&o).contains("Outcome: not a catalogue item"),
        "{}",
        text(&o)
    );
    let o = fuquan(&["intake", " ", "--date", "2024-09-05"], None);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("intake.empty_text")
            || String::from_utf8_lossy(&o.stderr).contains("intake.empty_text")
    );
}

/// The subcommand that takes an operation's request, and how it is told to read
/// the JSON request from stdin (`None`: no subcommand but `fuquan call`).
fn subcommand_of(operation: &str) -> Option<Vec<&'static str>> {
    Some(match operation {
        "route" => vec!["route"],
        "validate" => vec!["validate", "--request", "-"],
        "staffing" => vec!["staffing"],
        "staffing_district" => vec!["staffing-district"],
        "screen" => vec!["screen", "--request", "-"],
        "screen_catalogue" => vec!["screen-catalogue", "--request", "-"],
        "dispute" => vec!["dispute"],
        "designation_request" => vec!["designation"],
        "platform_schedule" => vec!["platform-schedule", "--request", "-"],
        "dispatch" => vec!["dispatch"],
        "intake" => vec!["intake", "--request", "-"],
        "coverage" => vec!["coverage", "--request", "-"],
        "inspection_plan" => vec!["inspection-plan"],
        "supervision" => vec!["supervision"],
        "lookup" => vec!["list", "--request", "-"],
        "labels" => vec!["labels", "--request", "-"],
        // `draft` also takes the document as its first argument (added per case).
        "draft" => vec!["draft"],
        _ => return None,
    })
}

/// Every subcommand reads the request `fuquan call` takes: each conformance
/// case whose operation has a subcommand gives, through that subcommand, the
/// same JSON answer and exit code as through `fuquan call` (cases that carry
/// their own rule set are left to the library runners, `validate`'s excepted).
#[test]
fn every_subcommand_reads_the_generic_request() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("fixtures/cases"))
        .unwrap()
        .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut ran = std::collections::BTreeMap::<String, usize>::new();
    for file in files {
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let op = case["operation"].as_str().unwrap();
        let request = if op == "validate" {
            &case["ruleset"]
        } else if case["ruleset"].is_object() {
            continue;
        } else {
            &case["request"]
        };
        let Some(mut args) = subcommand_of(op) else {
            continue;
        };
        if op == "draft" {
            // The whole draft request from stdin; the document named again first.
            args.push(request["document"].as_str().unwrap_or_default());
            args.push("-");
        }
        args.push("--json");
        let stdin = request.to_string();
        let via_sub = fuquan(&args, Some(&stdin));
        let via_call = fuquan(&["call", op, "--json"], Some(&stdin));
        let name = file.display();
        let got: serde_json::Value = serde_json::from_slice(&via_sub.stdout).unwrap_or_else(|e| {
            panic!("{name}: {e}: {}", String::from_utf8_lossy(&via_sub.stderr))
        });
        let want: serde_json::Value = serde_json::from_slice(&via_call.stdout).unwrap();
        assert_eq!(got, want, "{name}");
        assert_eq!(via_sub.status.code(), via_call.status.code(), "{name}");
        *ran.entry(op.to_owned()).or_default() += 1;
    }
    // Every operation but route_history (a history of rule sets, `fuquan call`
    // only) has a subcommand, and each ran at least one case.
    let with_sub: Vec<&str> = fuquan::api::OPERATIONS
        .iter()
        .copied()
        .filter(|op| subcommand_of(op).is_some())
        .collect();
    assert_eq!(
        ran.keys().map(String::as_str).collect::<Vec<_>>().len(),
        with_sub.len(),
        "{ran:?}"
    );
    assert!(
        with_sub.len() + 1 >= fuquan::api::OPERATIONS.len(),
        "{with_sub:?}"
    );
}

/// The flags stay as shortcuts: `screen ITEM --class C` asks what the request
/// `{"item", "class"}` asks, and a request with the flags is a usage error.
#[test]
fn flags_are_shortcuts_for_the_request() {
    let by_flags = fuquan(
        &["screen", "SR-P001", "--class", "developed_town", "--json"],
        None,
    );
    let by_request = fuquan(
        &["screen", "--request", "-", "--json"],
        Some(r#"{"item":"SR-P001","class":"developed_town"}"#),
    );
    assert!(by_flags.status.success());
    assert_eq!(by_flags.stdout, by_request.stdout);
    let both = fuquan(&["screen", "SR-P001", "--request", "-"], Some("{}"));
    assert_eq!(both.status.code(), Some(2));
    let neither = fuquan(&["coverage", "--json"], None);
    assert_eq!(neither.status.code(), Some(2));
}

/// `fuquan schema` writes the request and the answer schema of every operation
/// `fuquan operations` names, and takes `--lang`.
#[test]
fn schema_writes_every_operations_request_and_answer() {
    let dir = std::env::temp_dir().join(format!("fuquan-cli-schema-{}", std::process::id()));
    let o = fuquan(
        &["schema", "--out", dir.to_str().unwrap(), "--lang", "en"],
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text(&o).starts_with("wrote "), "{}", text(&o));
    let o = fuquan(&["operations", "--json"], None);
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(listed.len(), fuquan::api::OPERATIONS.len());
    for e in &listed {
        for key in ["request_schema", "answer_schema"] {
            let name = e[key].as_str().unwrap();
            assert!(
                dir.join(name).is_file(),
                "{} {key}: {name} not written",
                e["operation"]
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--help` is Chinese with `--lang zh` or a Chinese locale, English otherwise.
#[test]
fn help_follows_lang_and_locale() {
    let run = |args: &[&str], lang: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_fuquan"));
        c.args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        if let Some(l) = lang {
            c.env("LANG", l);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let zh = run(&["route", "--help", "--lang", "zh"], None);
    assert!(zh.contains("判定一个案件由谁管辖"), "{zh}");
    assert!(zh.contains("同时输出逐步推理过程"), "{zh}");
    let zh = run(&["--help"], Some("zh_CN.UTF-8"));
    assert!(zh.contains("子命令"), "{zh}");
    let zh = run(&["help", "dispatch"], Some("zh_CN.UTF-8"));
    assert!(zh.contains("用法: fuquan dispatch"), "{zh}");
    let en = run(&["route", "--help"], None);
    assert!(en.contains("Route a case"), "{en}");
    let en = run(&["route", "--help", "--lang", "en"], Some("zh_CN.UTF-8"));
    assert!(en.contains("Route a case"), "{en}");
}

#[test]
fn import_reports_makes_a_district_s_records_the_example_reports() {
    let dir = std::env::temp_dir().join(format!("fuquan-cli-reports-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("12345.csv");
    std::fs::write(
        &csv,
        "来电内容,归口事项编码\n\
         村里有人用禁药灌韭菜根,NY-P001\n\
         公司拖欠工资三个月,清单外\n\
         小区门口有人卖菜,XX-P999\n",
    )
    .unwrap();
    let out = dir.join("rules");
    let out_s = out.to_str().unwrap();
    // An unknown code refuses its row, and nothing is written without --partial.
    let o = fuquan(
        &["import-reports", csv.to_str().unwrap(), "--out", out_s],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("import.bad_value"), "{}", text(&o));
    assert!(!out.join("intake_examples.json").exists());
    let o = fuquan(
        &[
            "import-reports",
            csv.to_str().unwrap(),
            "--out",
            out_s,
            "--partial",
            "--json",
        ],
        None,
    );
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (a["reports"].as_u64(), a["outside_catalogue"].as_u64()),
        (Some(2), Some(1))
    );
    // The two reports replace the sample's 1,568: intake compares with them.
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("intake_examples.json")).unwrap())
            .unwrap();
    assert_eq!(written.as_array().map(Vec::len), Some(2));
    let o = fuquan(
        &[
            "intake",
            "韭菜根灌药",
            "--rules",
            out_s,
            "--date",
            "2024-09-05",
            "--json",
        ],
        None,
    );
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(a["nearest_example"]["text"], "村里有人用禁药灌韭菜根");
    let _ = std::fs::remove_dir_all(&dir);
}
