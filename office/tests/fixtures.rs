//! The committed test workbooks of fixtures/import/ (made by
//! `cargo run -p fuquan-office --example make_fixtures`): every row data or a
//! placed diagnostic; the expected diagnostics of the broken rows are worked out
//! in fixtures/import/README.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use fuquan::ruleset::source::{GrantDocument, RuleSetDocument};
use fuquan_office::diag::codes;
use fuquan_office::{import, roster, table, ImportOptions, Severity};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/import")
        .join(name)
}

fn base() -> RuleSetDocument {
    fuquan::Engine::embedded().unwrap().document().clone()
}

fn options() -> ImportOptions {
    ImportOptions {
        document: Some(GrantDocument {
            number: "鲁政字〔2024〕35号".into(),
            title_zh: "赋权决定".into(),
            title_en: "Decision".into(),
        }),
        effective: "2024-05-15".parse().ok(),
        ..ImportOptions::default()
    }
}

/// (code, row, column) of the error diagnostics.
fn errors(r: &import::ImportReport) -> Vec<(&'static str, u32, String)> {
    r.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.row, d.column.clone()))
        .collect()
}

fn assert_result_validates(r: &import::ImportReport) {
    let errs: Vec<_> = r.validation.iter().filter(|d| d.is_error()).collect();
    assert!(errs.is_empty(), "{errs:#?}");
    // The written directory loads as a rule set.
    let dir = std::env::temp_dir().join(format!(
        "fuquan-office-fixture-{}-{}",
        std::process::id(),
        r.counts.items
    ));
    import::write_ruleset_dir(&r.document, &dir, true).unwrap();
    let answer = fuquan::api::validate_dir(&dir);
    assert_eq!(answer["status"], "ok", "{answer}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn shape_a_delegation_list_with_merged_department_cells() {
    let r =
        import::import_files(&[fixture("shape-a-赋权事项清单.xlsx")], &base(), &options()).unwrap();
    assert_eq!(
        errors(&r),
        vec![
            (codes::MISSING_REQUIRED, 386, "E".to_owned()),
            (codes::UNKNOWN_TOWN, 387, "F".to_owned()),
            (codes::UNKNOWN_DEPARTMENT, 388, "C".to_owned()),
            (codes::BAD_DATE, 389, "H".to_owned()),
        ]
    );
    let missing = r
        .diagnostics
        .iter()
        .find(|d| d.code == codes::MISSING_REQUIRED)
        .unwrap();
    assert_eq!(missing.message_zh, "第386行「赋权事项的执法依据」为空");
    assert_eq!(missing.header, "赋权事项的执法依据");
    assert_eq!(r.counts.data_rows, 374);
    assert_eq!(r.counts.refused_rows, 4);
    // Formulas in 序号 (rows of i % 50 == 7: 8 of them): cached values used, with a warning each.
    assert_eq!(
        r.diagnostics
            .iter()
            .filter(|d| d.code == codes::FORMULA_VALUE_USED)
            .count(),
        8
    );
    // The merged title row, and blank rows between department groups.
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == codes::ROW_SKIPPED && d.row == 1));
    assert!(!r.ok);
    // 赋权范围 is not a rule-set field: said once, not dropped silently.
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == codes::COLUMN_IGNORED && d.cell == "赋权范围"));
    // 44 embedded items with a class delegation + 330 synthetic ones.
    assert_eq!(r.counts.items, 374);
    // [2024] and 〔2024〕 are one document; 2024年5月15日 and 2024.5.15 one day.
    assert!(r
        .document
        .grants
        .iter()
        .all(|g| g.document.number == "鲁政字〔2024〕35号"));
    assert!(r
        .document
        .grants
        .iter()
        .all(|g| g.effective.to_string() == "2024-05-15"));
    // Merged department cells: every synthetic row got its department.
    assert!(r.document.items.iter().all(|i| !i.department.is_empty()));
    assert_result_validates(&r);
}

#[test]
fn shape_b_town_lists_csv() {
    let r = import::import_files(
        &[fixture("shape-b-镇街执法事项清单.csv")],
        &base(),
        &options(),
    )
    .unwrap();
    assert_eq!(
        errors(&r),
        vec![
            (codes::MISSING_REQUIRED, 200, "B".to_owned()),
            (codes::MISSING_REQUIRED, 201, "B".to_owned())
        ]
    );
    assert_eq!(r.counts.data_rows, 193);
    // Title row, the repeated header after row 150, three blank rows.
    assert_eq!(r.counts.skipped_rows, 5);
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == codes::ROW_SKIPPED && d.message_en.contains("repeated header")));
    // Zhangcun's list comes back with the same items as the embedded default delegates to it.
    let engine = fuquan::Engine::from_document(r.document.clone()).unwrap();
    let zc: Vec<&str> = r.document.grants.iter().filter(|g| matches!(&g.grantee, fuquan::ruleset::source::Grantee::Towns(t) if t == &["zhangcun"])).flat_map(|g| g.items.iter().map(String::as_str)).collect();
    // grants.json: the developed-town delegations not revoked list 7+15+3+3+4+4+1+1+2 = 40 items.
    assert_eq!(zc.len(), 40);
    assert!(engine.item("CJ-P001").is_some());
    assert_result_validates(&r);
}

#[test]
fn shape_c_catalogue_with_codes() {
    let r = import::import_files(
        &[fixture("shape-c-事项目录.xlsx")],
        &base(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        errors(&r),
        vec![
            (codes::MISSING_REQUIRED, 392, "D".to_owned()),
            (codes::DUPLICATE, 393, "B".to_owned())
        ]
    );
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == codes::MISSING_REQUIRED)
        .unwrap();
    assert_eq!(d.message_zh, "第392行「处罚依据」为空");
    assert_eq!(r.counts.data_rows, 388);
    // Full-width codes (ＣＪ－Ｐ００１) are read as CJ-P001; names lose their padding.
    assert!(r.document.items.iter().any(|i| i.code == "CJ-P001"));
    assert!(r
        .document
        .items
        .iter()
        .all(|i| i.name_zh.trim() == i.name_zh && !i.name_zh.ends_with('\u{3000}')));
    assert!(r.document.grants.is_empty());
    assert_result_validates(&r);
}

#[test]
fn roster_from_excel_and_broken_csv() {
    let d = "2025-03-01".parse().unwrap();
    let r = roster::from_file(
        &fixture("roster-zhangcun.xlsx"),
        "zhangcun",
        d,
        &base(),
        &Default::default(),
    )
    .unwrap();
    assert!(r.ok(), "{:#?}", r.diagnostics);
    // The same people as the portal's JSON sample.
    let sample: serde_json::Value = serde_json::from_str(include_str!(
        "../../bindings-wasm/portal/sample-roster.json"
    ))
    .unwrap();
    let people = serde_json::to_value(&r.roster.people).unwrap();
    assert_eq!(
        people.as_array().unwrap().len(),
        sample["people"].as_array().unwrap().len()
    );
    for (a, b) in people
        .as_array()
        .unwrap()
        .iter()
        .zip(sample["people"].as_array().unwrap())
    {
        for key in [
            "name",
            "establishment",
            "role",
            "centre_staff",
            "certificate",
            "front_line_since",
            "secondment",
        ] {
            assert_eq!(a[key], b[key], "{key} of {}", b["name"]);
        }
    }
    let broken = roster::from_file(
        &fixture("roster-broken.csv"),
        "zhangcun",
        d,
        &base(),
        &Default::default(),
    )
    .unwrap();
    let errs: Vec<_> = broken
        .diagnostics
        .iter()
        .map(|d| (d.code, d.row, d.column.as_str()))
        .collect();
    assert_eq!(
        errs,
        vec![
            (codes::ROSTER_VALUE, 22, "C"),
            (codes::BAD_DATE, 23, "L"),
            (codes::BAD_DATE, 23, "G")
        ]
    );
    assert_eq!(broken.roster.people.len(), 20);
}

#[test]
fn bad_files_are_named_errors() {
    let dir = std::env::temp_dir().join(format!("fuquan-office-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let code = |p: PathBuf| table::read(&p).unwrap_err().code().to_owned();
    assert_eq!(
        code(write("list.pdf", b"%PDF-1.4")),
        codes::UNSUPPORTED_FILE
    );
    assert_eq!(
        code(write("list.xlsx", b"this is not a workbook")),
        codes::CORRUPT
    );
    assert_eq!(
        code(write("truncated.xlsx", b"PK\x03\x04\x14\x00\x00\x00")),
        codes::CORRUPT
    );
    assert_eq!(
        code(write(
            "old.xls",
            &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]
        )),
        codes::UNSUPPORTED_FILE
    );
    assert_eq!(
        code(write("gbk.csv", &[0xd5, 0xc5, 0xb4, 0xe5, b',', b'1'])),
        codes::NOT_UTF8
    );
    // One row more than the limit.
    let mut big = String::from("事项名称,原行使部门\n");
    for i in 0..table::MAX_SHEET_ROWS {
        big.push_str(&format!("对{i}的处罚,区住房和城乡建设局\n"));
    }
    let e = table::read(&write("big.csv", big.as_bytes())).unwrap_err();
    assert_eq!(e.code(), codes::TOO_MANY_ROWS);
    assert!(e.diagnostics[0].message_en.contains("200001 rows"));
    // No item list at all.
    let p = write(
        "towns.csv",
        "镇街名称,类型,类别\n张村镇,镇,经济发达镇\n".as_bytes(),
    );
    assert_eq!(
        import::import_files(&[p], &base(), &ImportOptions::default())
            .unwrap_err()
            .code(),
        codes::MISSING_COLUMN
    );
    // A roster without a required column.
    let p = write(
        "roster.csv",
        "姓名,编制类型,是否纳入中心\n张三,行政编制,是\n".as_bytes(),
    );
    let e = roster::from_file(
        &p,
        "zhangcun",
        "2025-03-01".parse().unwrap(),
        &base(),
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), codes::MISSING_COLUMN);
    assert!(e.diagnostics[0].message_zh.contains("岗位"));
    // Nothing half-written: an existing, non-empty target is refused and kept.
    let target = dir.join("rules");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "x").unwrap();
    let e = import::write_ruleset_dir(&base(), &target, false).unwrap_err();
    assert_eq!(e.code(), codes::IO);
    assert!(target.join("keep.txt").exists());
    assert!(!target.join("ruleset.json").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn encrypted_and_uncalculated_workbooks() {
    // fixtures/import/make_special.py: password "fuquan", ECMA-376 agile encryption.
    let e = table::read(&fixture("password.xlsx")).unwrap_err();
    assert_eq!(e.code(), codes::PASSWORD_PROTECTED);
    assert_eq!(e.diagnostics[0].file, "password.xlsx");
    // Formulas written without cached values (openpyxl): B3 and C4 read as empty,
    // each an error, and so their rows lack a required value.
    let r = import::import_files(
        &[fixture("formula-no-value.xlsx")],
        &base(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        errors(&r),
        vec![
            (codes::FORMULA_WITHOUT_VALUE, 3, "B".to_owned()),
            (codes::FORMULA_WITHOUT_VALUE, 4, "C".to_owned()),
            (codes::MISSING_REQUIRED, 3, "B".to_owned()),
            (codes::MISSING_REQUIRED, 4, "C".to_owned()),
        ]
    );
    assert_eq!(r.counts.data_rows, 1);
    assert_eq!(r.counts.refused_rows, 2);
}
