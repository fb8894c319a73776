//! Golden tests of the `draft` operation: each input under
//! `fixtures/drafting/inputs/` is drafted through the generic entry point and
//! its text and HTML compared with `fixtures/drafting/golden/<name>.txt` and
//! `.html`, which were read by hand as a clerk would read them. Run with
//! `FUQUAN_BLESS=1` to rewrite them (then read the diff).
#![cfg(feature = "drafting")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use fuquan::{api, Engine};
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/drafting")
}

fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir().join("inputs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

fn draft(engine: &Engine, file: &Path) -> Value {
    let req: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    api::call(engine, "draft", req)
}

#[test]
fn every_document_matches_its_golden_text_and_html() {
    let engine = Engine::embedded().unwrap();
    let bless = std::env::var_os("FUQUAN_BLESS").is_some();
    let mut failures = Vec::new();
    let files = inputs();
    assert!(files.len() >= 7, "one input per document at least");
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let a = draft(&engine, f);
        assert_eq!(a["status"], "ok", "{name}: {a}");
        for (ext, field) in [("txt", "text"), ("html", "html")] {
            let got = a[field].as_str().unwrap();
            let path = dir().join("golden").join(format!("{name}.{ext}"));
            if bless {
                std::fs::write(&path, got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (FUQUAN_BLESS=1 writes it)", path.display()));
            if want != got {
                failures.push(format!("{name}.{ext} differs from the golden file"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_blank_is_visible_and_listed_and_filled_fields_are_not() {
    let engine = Engine::embedded().unwrap();
    for f in inputs() {
        let a = draft(&engine, &f);
        let text = a["text"].as_str().unwrap();
        let blanks = a["blanks"].as_array().unwrap();
        // A blank mark in the text exactly when something is listed.
        assert_eq!(
            text.contains("＿＿＿＿"),
            !blanks.is_empty(),
            "{}",
            f.display()
        );
        let req: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        for b in blanks {
            let field = b["field"].as_str().unwrap();
            let path: Vec<&str> = field.split('.').collect();
            let mut v = &req;
            for k in &path {
                v = &v[*k];
            }
            assert!(
                v.is_null() || v.as_array().is_some_and(Vec::is_empty),
                "{}: {field} is listed blank but the request fills it",
                f.display()
            );
        }
    }
}

#[test]
fn a_district_template_replaces_the_builtin_and_a_broken_one_is_a_load_error() {
    let own = "title: 移送函\nto: {{ ruling.transfer.to.name_zh }}：\np: 当事人：{{ blank(\"party.name\") }}\nsign: {{ ruling.transfer.from.name_zh }}\n";
    let engine = Engine::embedded()
        .unwrap()
        .with_templates(vec![("transfer".into(), own.into())])
        .unwrap();
    let a = draft(&engine, &dir().join("inputs/transfer-major-fine.json"));
    assert_eq!(a["title_zh"], "移送函");
    assert_eq!(a["blanks"].as_array().unwrap().len(), 1);
    assert_eq!(a["blanks"][0]["field"], "fill.party.name");

    let broken = Engine::embedded()
        .unwrap()
        .with_templates(vec![("transfer".into(), "title: x\n{% if %}\n".into())])
        .unwrap_err();
    assert_eq!(broken.diagnostics[0].code, "ruleset.template_syntax");
    assert_eq!(broken.diagnostics[0].path, "templates/transfer.j2:2");
    // A template that parses but prints a field that does not exist is refused
    // per request, with its line: nothing prints as an empty string.
    let typo = Engine::embedded()
        .unwrap()
        .with_templates(vec![(
            "transfer".into(),
            "title: x\np: {{ ruling.transfer.too.name_zh }}\n".into(),
        )])
        .unwrap();
    let a = draft(&typo, &dir().join("inputs/transfer-major-fine.json"));
    assert_eq!(a["errors"][0]["code"], "draft.template_error");
    assert!(
        a["errors"][0]["message_en"]
            .as_str()
            .unwrap()
            .contains("line 2"),
        "{a}"
    );
    let unknown = Engine::embedded()
        .unwrap()
        .with_templates(vec![("letter".into(), "title: x\n".into())])
        .unwrap_err();
    assert_eq!(unknown.diagnostics[0].code, "ruleset.template_unknown");
}

#[test]
fn a_rule_set_directory_carries_its_templates() {
    let tmp = std::env::temp_dir().join(format!("fuquan-draft-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(tmp.join("templates")).unwrap();
    for (name, text) in fuquan::embedded_files() {
        std::fs::write(tmp.join(name), text).unwrap();
    }
    std::fs::write(
        tmp.join("templates/handover.j2"),
        "title: 移交单\nsign: x\n",
    )
    .unwrap();
    let engine = Engine::from_dir(&tmp).unwrap();
    let a = draft(&engine, &dir().join("inputs/handover-centre.json"));
    assert_eq!(a["title_zh"], "移交单");
    std::fs::write(tmp.join("templates/handover.j2"), "title: a\n\n{{ x \n").unwrap();
    let e = Engine::from_dir(&tmp).unwrap_err();
    assert_eq!(e.diagnostics[0].code, "ruleset.template_syntax");
    assert!(e.diagnostics[0].path.starts_with("templates/handover.j2:"));
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn the_template_list_of_the_loader_is_the_document_list() {
    let docs: Vec<&str> = fuquan::drafting::DocumentKind::ALL
        .iter()
        .map(|d| d.as_str())
        .collect();
    assert_eq!(docs, fuquan::ruleset::templates::DOCUMENTS);
}

#[cfg(feature = "docx")]
#[test]
fn docx_is_a_zip_package_with_the_document_part() {
    let engine = Engine::embedded().unwrap();
    for f in inputs() {
        let req: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let d = fuquan::drafting::draft_value(&engine, req).unwrap();
        let bytes = fuquan::drafting::docx::to_docx(&d).unwrap();
        assert_eq!(&bytes[..2], b"PK", "{}", f.display());
        let s = String::from_utf8_lossy(&bytes);
        assert!(s.contains("word/document.xml"), "{}", f.display());
    }
}

#[test]
fn every_grant_of_the_embedded_default_is_drafted_for_every_town_it_reaches() {
    use fuquan::ruleset::source::{GrantMode, Grantee};
    let engine = Engine::embedded().unwrap();
    let mut drafted = 0;
    for g in engine.grants() {
        let spec = engine.grant_spec(g).unwrap();
        let document = match spec.mode {
            GrantMode::Delegation => "delegation_acceptance",
            GrantMode::Entrustment => "entrustment_agreement",
        };
        let towns: Vec<&str> = engine
            .bodies()
            .iter()
            .filter(|b| match &spec.grantee {
                Grantee::Class(c) => b.class == Some(*c),
                Grantee::Towns(ids) => ids.contains(&b.id),
            })
            .map(|b| b.id.as_str())
            .collect();
        assert!(!towns.is_empty(), "{} reaches no town", spec.id);
        for town in towns {
            let a = api::call(
                &engine,
                "draft",
                serde_json::json!({"document": document, "grant": spec.id, "town": town}),
            );
            assert_eq!(a["status"], "ok", "{} {town}: {a}", spec.id);
            let text = a["text"].as_str().unwrap();
            for code in &spec.items {
                let item = engine.item(code).unwrap();
                assert!(text.contains(code.as_str()), "{} {town}: {code}", spec.id);
                assert!(
                    text.contains(&item.spec.name_zh),
                    "{} {town}: {code}",
                    spec.id
                );
                assert!(
                    text.contains(&item.spec.establishing_basis),
                    "{} {town}: the basis of {code}",
                    spec.id
                );
            }
            assert!(text.contains(&spec.document.number), "{}", spec.id);
            assert!(text.contains(&engine.body(town).unwrap().name_zh));
            drafted += 1;
        }
    }
    assert!(drafted >= 23, "{drafted}");
}
