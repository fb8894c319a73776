//! The spreadsheet commands end to end: export → import → validate → publish → diff, and a roster from Excel.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn fuquan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fuquan"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_round_trip_in_five_commands() {
    let dir = std::env::temp_dir().join(format!("fuquan-cli-office-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let d = |s: &str| dir.join(s).display().to_string();
    let o = fuquan(&["export", "--out", &d("lists.xlsx")]);
    assert!(o.status.success(), "{}", out(&o));
    let o = fuquan(&["import", &d("lists.xlsx"), "--out", &d("rules")]);
    assert!(o.status.success(), "{}", out(&o));
    assert!(out(&o).contains("88 个事项"), "{}", out(&o));
    let o = fuquan(&["validate", &d("rules")]);
    assert!(o.status.success(), "{}", out(&o));
    let o = fuquan(&[
        "publish",
        "--date",
        "2024-08-01",
        "--rules",
        &d("rules"),
        "--out",
        &d("lists"),
    ]);
    assert!(o.status.success(), "{}", out(&o));
    assert!(dir.join("lists/张村镇执法事项清单.xlsx").exists());
    assert!(dir.join("lists/index.html").exists());
    let o = fuquan(&[
        "import",
        "fixtures/import/adjustment-2025.xlsx",
        "--base",
        &d("rules"),
        "--set-version",
        "2025.1",
        "--effective-from",
        "2025-01-01",
        "--out",
        &d("rules-2025"),
    ]);
    assert!(o.status.success(), "{}", out(&o));
    let o = fuquan(&[
        "diff",
        &d("rules"),
        &d("rules-2025"),
        "--json",
        "--xlsx",
        &d("annex.xlsx"),
    ]);
    assert!(o.status.success(), "{}", out(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["changes"].as_array().unwrap().len(), 8);
    assert!(dir.join("annex.xlsx").exists());
    // A refused import writes nothing.
    let o = fuquan(&[
        "import",
        "fixtures/import/shape-c-事项目录.xlsx",
        "--out",
        &d("broken"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).contains("第392行「处罚依据」为空"));
    assert!(!dir.join("broken").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn staffing_reads_a_roster_from_excel() {
    let o = fuquan(&[
        "staffing",
        "fixtures/import/roster-zhangcun.xlsx",
        "--town",
        "zhangcun",
        "--as-of",
        "2025-03-01",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    // The same answer as the JSON roster it was made from.
    let j = fuquan(&[
        "staffing",
        "bindings-wasm/portal/sample-roster.json",
        "--json",
    ]);
    let expected: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(json["status"], expected["status"], "{}", out(&o));
    assert_eq!(json["figures"], expected["figures"]);
    let o = fuquan(&[
        "staffing",
        "fixtures/import/roster-broken.csv",
        "--town",
        "zhangcun",
        "--as-of",
        "2025-03-01",
    ]);
    // A sheet whose rows cannot be read: exit 3, as for any unreadable input (docs/names.md).
    assert_eq!(o.status.code(), Some(3));
    assert!(out(&o).contains("第22行「编制类型」"), "{}", out(&o));
}
