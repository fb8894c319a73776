//! `fuquan draft` end to end: one case per document, the formats, the exit
//! codes (0 drafted, 1 refused, 3 unreadable), blanks on stderr.

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
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn out(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn each_case_document_from_its_source_request() {
    // (document, input, a line the document must carry: the addressee or the issuer)
    for (doc, input, needle) in [
        (
            "transfer",
            "transfer-major-fine",
            "威海市环翠区住房和城乡建设局：",
        ),
        ("handover", "handover-centre", "张村镇："),
        (
            "designation_request",
            "designation-request",
            "威海市环翠区人民政府：",
        ),
        (
            "designation_decision",
            "designation-decision",
            "张村镇、威海市环翠区综合行政执法局：",
        ),
        (
            "dispute_submission",
            "dispute-platform",
            "环翠区区级综合执法平台办公室：",
        ),
    ] {
        let path = format!("fixtures/drafting/inputs/{input}.json");
        let o = fuquan(&["draft", doc, &path], None);
        assert!(o.status.success(), "{doc}: {}", err(&o));
        let text = out(&o);
        assert!(text.contains(needle), "{doc}: {text}");
        // The whole draft request (it has `document`) gives the golden text itself.
        let golden =
            std::fs::read_to_string(repo().join(format!("fixtures/drafting/golden/{input}.txt")))
                .unwrap();
        assert_eq!(text, golden, "{doc}");
    }
}

#[test]
fn the_source_request_alone_with_fill_from_a_file_and_stdin() {
    let case = r#"{"items":["CJ-P001"],"location":"zhangcun","party":"individual","business_activity":false,
      "dates":{"filing":"2025-04-10"},"sanctions":["fine"],"fine":"60000"}"#;
    let fill = std::env::temp_dir().join(format!("fuquan-fill-{}.json", std::process::id()));
    std::fs::write(&fill, r#"{"party":{"name":"张三"}}"#).unwrap();
    let o = fuquan(
        &["draft", "transfer", "--fill", fill.to_str().unwrap()],
        Some(case),
    );
    std::fs::remove_file(&fill).unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("姓名：张三；身份证件号码：＿＿＿＿"));
    // The blanks left are listed on stderr; the party's name is not among them.
    let e = err(&o);
    assert!(e.contains("fill.party.id_number"), "{e}");
    assert!(!e.contains("fill.party.name"), "{e}");
}

#[test]
fn grant_documents_with_grant_and_town_in_every_format() {
    let o = fuquan(
        &[
            "draft",
            "delegation_acceptance",
            "--grant",
            "G-2024-DEV-ZR",
            "--town",
            "张村镇",
        ],
        None,
    );
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("赋权事项承接确认书"));
    let dir = std::env::temp_dir().join(format!("fuquan-draft-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("e1.html");
    let docx = dir.join("e1.docx");
    for (fmt, file) in [("html", &html), ("docx", &docx)] {
        let o = fuquan(
            &[
                "draft",
                "entrustment_agreement",
                "--grant",
                "E-1",
                "--town",
                "zhangcun",
                "--format",
                fmt,
                "--out",
                file.to_str().unwrap(),
            ],
            None,
        );
        assert!(o.status.success(), "{fmt}: {}", err(&o));
    }
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("<h1>行政处罚委托书</h1>"));
    assert_eq!(&std::fs::read(&docx).unwrap()[..2], b"PK");
    // --json prints the answer.
    let o = fuquan(
        &[
            "draft",
            "entrustment_agreement",
            "--grant",
            "E-1",
            "--town",
            "zhangcun",
            "--json",
        ],
        None,
    );
    let a: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(a["document"], "entrustment_agreement");
    // No fill: the 文号 and both sides' representative and address; E-1's review,
    // approval, term and signing dates are in the rule set.
    let blanks: Vec<&str> = a["blanks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        blanks,
        [
            "fill.case_number",
            "fill.grantor.legal_representative",
            "fill.grantor.address",
            "fill.grantee.legal_representative",
            "fill.grantee.address"
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refusals_exit_1_and_unreadable_files_exit_3() {
    let o = fuquan(
        &[
            "draft",
            "transfer",
            "fixtures/drafting/inputs/handover-centre.json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("draft.not_a_transfer"));
    let o = fuquan(&["draft", "transfer", "no/such/file.json"], None);
    assert_eq!(o.status.code(), Some(3));
    let o = fuquan(
        &[
            "draft",
            "entrustment_agreement",
            "--grant",
            "E-1",
            "--town",
            "zhangcun",
            "--format",
            "docx",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(3), "docx without --out");
}
