//! Publishing the town lists and diffing two versions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::path::PathBuf;

use calamine::{Reader, Xlsx};
use fuquan::Engine;
use fuquan_office::diff::{self, ChangeKind};
use fuquan_office::{import, publish, sheets, table, ImportOptions};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures/import")
        .join(name)
}

#[test]
fn zhangcun_list_on_2024_08_01() {
    let engine = Engine::embedded().unwrap();
    let p = publish::build(&engine, "2024-08-01".parse().unwrap()).unwrap();
    let zc = p.towns.iter().find(|t| t.town == "zhangcun").unwrap();
    let codes: Vec<&str> = zc.enforcement.rows.iter().map(|r| r[2].as_str()).collect();
    // The eight developed-town grants of 2024-05-15 (7+15+3+3+4+4+1+1 = 38 items)
    // and E-1 (entrusted from 2024-07-01) are on the list...
    let doc = engine.document();
    for g in doc
        .grants
        .iter()
        .filter(|g| g.id.starts_with("G-2024-DEV-") || g.id == "E-1")
    {
        for item in &g.items {
            assert!(codes.contains(&item.as_str()), "{item} of {}", g.id);
        }
    }
    // ...the delegation effective 2024-11-30 is not yet.
    let later = doc
        .grants
        .iter()
        .find(|g| g.id == "G-2024W2-DEV-NY")
        .unwrap();
    for item in &later.items {
        let row = zc.enforcement.rows.iter().find(|r| r[2] == *item);
        assert!(
            row.is_none() || row.unwrap()[6].contains("随处罚事项"),
            "{item}"
        );
    }
    // Within the 3-month transition from 2024-05-15: counted from the next day
    // (民法典 Art. 201), it ends on 2024-08-15 (Art. 202, the corresponding day): marked.
    let p001 = zc
        .enforcement
        .rows
        .iter()
        .find(|r| r[2] == "CJ-P001")
        .unwrap();
    assert!(p001[12].starts_with("过渡期至2024-08-15"), "{}", p001[12]);
    assert_eq!(p001[6], "赋权");
    // The management centre has no enforcement list, and patrols Zhangcun's inspection items.
    let lk = p.towns.iter().find(|t| t.town == "likoushan").unwrap();
    assert!(lk.enforcement.rows.is_empty());
    assert_eq!(lk.inspection.rows.len(), zc.inspection.rows.len());
    // Files: xlsx with title, subtitle and header rows; CSV with a BOM; one HTML page.
    let files = publish::files(&p, publish::Formats::default()).unwrap();
    let (_, csv) = files
        .iter()
        .find(|(n, _)| n == "张村镇执法事项清单.csv")
        .unwrap();
    assert!(csv.starts_with("\u{feff}序号,事项名称".as_bytes()));
    let (_, xlsx) = files
        .iter()
        .find(|(n, _)| n == "张村镇执法事项清单.xlsx")
        .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap();
    let range = book.worksheet_range("张村镇执法事项清单").unwrap();
    assert_eq!(range.get_value((2, 1)).unwrap().to_string(), "事项名称");
    assert_eq!(range.height(), 3 + zc.enforcement.rows.len());
    let (_, html) = files.iter().find(|(n, _)| n == "index.html").unwrap();
    let html = String::from_utf8(html.clone()).unwrap();
    assert!(
        html.contains("<h2>张村镇执法事项清单</h2>") && html.contains("@page{size:A4 landscape")
    );
    assert!(!html.contains("<script"));
    // The published xlsx is itself a list the import reads (shape: 事项名称 | 原行使部门 | 设立依据 | 处罚依据).
    let read = table::read_bytes("list.xlsx", xlsx).unwrap();
    let r = import::import_sheets(&read.sheets, doc, &ImportOptions::default()).unwrap();
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.row, d.message_en.clone()))
        .collect();
    assert_eq!(r.counts.data_rows, zc.enforcement.rows.len(), "{errs:?}");
    let _ = sheets::html_escape("");
}

#[test]
fn the_2025_adjustment() {
    let old = Engine::embedded().unwrap();
    let r = import::import_files(
        &[fixture("adjustment-2025.xlsx")],
        old.document(),
        &ImportOptions {
            version: Some("2025.1".into()),
            effective_from: "2025-01-01".parse().ok(),
            ..ImportOptions::default()
        },
    )
    .unwrap();
    assert!(r.ok, "{:#?}", r.diagnostics);
    assert_eq!(r.document.meta.version, "2025.1");
    let new = Engine::from_document(r.document).unwrap();
    let d = diff::diff(&old, &new);
    // CJ-P003 leaves the developed-town grant G-2024-DEV-ZJ: revoked for Zhangcun and
    // Yangting from the new version's first day; SR-P001's establishing basis is
    // amended: on the lists of the developed towns (G-2024-DEV-ZF) and the four main
    // urban subdistricts (G-2024-SUB-ZF).
    let got: Vec<(&str, ChangeKind, &str)> = d
        .changes
        .iter()
        .map(|c| (c.town.as_str(), c.kind, c.item.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("zhangcun", ChangeKind::Revoked, "CJ-P003"),
            ("zhangcun", ChangeKind::BasisChanged, "SR-P001"),
            ("yangting", ChangeKind::Revoked, "CJ-P003"),
            ("yangting", ChangeKind::BasisChanged, "SR-P001"),
            ("huancuilou", ChangeKind::BasisChanged, "SR-P001"),
            ("jingyuan", ChangeKind::BasisChanged, "SR-P001"),
            ("zhudao", ChangeKind::BasisChanged, "SR-P001"),
            ("sunjiatuan", ChangeKind::BasisChanged, "SR-P001"),
        ]
    );
    assert!(d
        .changes
        .iter()
        .all(|c| c.effective.unwrap().to_string() == "2025-01-01"));
    let text = diff::text(&d, false);
    assert!(text.contains("收回") && text.contains("CJ-P003"));
    // The amendment adds one provision to SR-P001's establishing basis and
    // leaves its penalty basis as it was: the annex names that clause alone.
    let sr = d.changes.iter().find(|c| c.item == "SR-P001").unwrap();
    assert_eq!(
        sr.basis_clauses,
        vec![diff::BasisClause {
            basis: diff::BasisKind::Establishing,
            added: true,
            clause: "《威海市城市管理条例》(2021年)第二十条".into(),
        }]
    );
    assert!(text.contains("设定依据增加：《威海市城市管理条例》(2021年)第二十条"));
    let en = diff::text(&d, true);
    assert!(en.contains("Zhangcun Town") && en.contains("revoked  CJ-P003  [delegation]"));
    assert!(en.contains("establishing basis added: 《威海市城市管理条例》"));
    assert!(!en.contains("BasisChanged") && !en.contains("zhangcun\n"));
}

#[test]
fn granted_and_moved_to_delegation() {
    use fuquan::ruleset::source::{GrantMode, Grantee};
    let old = Engine::embedded().unwrap();
    let mut v2 = old.document().clone();
    v2.meta.version = "2025.2".into();
    v2.meta.effective_from = "2025-02-01".parse().ok();
    // WL-P003 is on no list (out_of_list for Zhangcun on 2024-08-01): a new delegation to Zhangcun.
    let mut g = v2
        .grants
        .iter()
        .find(|g| g.id == "G-2024-YT-YJ")
        .unwrap()
        .clone();
    g.id = "G-2025-ZC-WL".into();
    g.grantor = v2
        .items
        .iter()
        .find(|i| i.code == "WL-P003")
        .unwrap()
        .department
        .clone();
    g.grantee = Grantee::Towns(vec!["zhangcun".into()]);
    g.items = vec!["WL-P003".into()];
    g.effective = "2025-02-01".parse().unwrap();
    v2.grants.push(g);
    v2.items
        .iter_mut()
        .find(|i| i.code == "WL-P003")
        .unwrap()
        .in_guiding_catalogue = true;
    // E-1 (WL-P001 entrusted to Zhangcun) becomes a delegation.
    let e1 = v2.grants.iter_mut().find(|g| g.id == "E-1").unwrap();
    e1.mode = GrantMode::Delegation;
    e1.entrustment = None;
    e1.acceptance_confirmation = Some(e1.signed);
    v2.items
        .iter_mut()
        .find(|i| i.code == "WL-P001")
        .unwrap()
        .in_guiding_catalogue = true;
    let new = Engine::from_document(v2).unwrap();
    let d = diff::diff(&old, &new);
    let zc: Vec<(ChangeKind, &str, Option<String>)> = d
        .changes
        .iter()
        .filter(|c| c.town == "zhangcun")
        .map(|c| (c.kind, c.item.as_str(), c.effective.map(|e| e.to_string())))
        .collect();
    assert_eq!(
        zc,
        vec![
            (
                ChangeKind::Granted,
                "WL-P003",
                Some("2025-02-01".to_owned())
            ),
            (
                ChangeKind::ModeChanged,
                "WL-P001",
                Some("2024-07-01".to_owned())
            ),
        ]
    );
    // Plan §12's three months from 2025-02-01, counted from the next day (民法典 Art. 201),
    // reach 2025-05-01 (Art. 202), a day of the Labour Day holiday 05-01..05-05 in the
    // rule set's calendar: the period ends the day after the holiday, 2025-05-06
    // (Art. 203). From 2024-07-01: 2024-10-01, National Day 10-01..10-07 → 2024-10-08.
    let granted = d.changes.iter().find(|c| c.item == "WL-P003").unwrap();
    assert!(
        granted.transition_zh.contains("至2025-05-06"),
        "{}",
        granted.transition_zh
    );
    let moved = d.changes.iter().find(|c| c.item == "WL-P001").unwrap();
    assert_eq!(
        (moved.before.as_str(), moved.after.as_str()),
        ("委托", "赋权")
    );
    assert!(
        moved.transition_zh.contains("至2024-10-08"),
        "{}",
        moved.transition_zh
    );
    // The annex as a sheet: one row per change.
    assert_eq!(diff::table(&d).rows.len(), d.changes.len());
}

#[test]
fn example_reports_changed_per_item() {
    use fuquan::ruleset::source::IntakeExample;
    let old = Engine::embedded().unwrap();
    let mut v2 = old.document().clone();
    v2.meta.version = "2025.3".into();
    // Two of CJ-P001's reports go; one CJ-P001 report is entered twice more (a
    // repeat counts: the index weighs it twice); two reports outside the catalogue come.
    let cj: Vec<usize> = v2
        .intake_examples
        .iter()
        .enumerate()
        .filter(|(_, e)| e.item.as_deref() == Some("CJ-P001"))
        .map(|(i, _)| i)
        .collect();
    let kept = v2.intake_examples[cj[2]].clone();
    v2.intake_examples.remove(cj[1]);
    v2.intake_examples.remove(cj[0]);
    v2.intake_examples.push(kept.clone());
    v2.intake_examples.push(kept);
    for text in ["咨询公积金提取需要哪些材料", "问一下社保卡丢了去哪补办"]
    {
        v2.intake_examples.push(IntakeExample {
            item: None,
            text: text.into(),
        });
    }
    let new = Engine::from_document(v2).unwrap();
    let d = diff::diff(&old, &new);
    // No grant moved.
    assert!(d.changes.is_empty());
    let got: Vec<(Option<&str>, usize, usize)> = d
        .intake_examples
        .iter()
        .map(|c| (c.item.as_deref(), c.added, c.removed))
        .collect();
    assert_eq!(got, vec![(Some("CJ-P001"), 2, 2), (None, 2, 0)]);
    let cj = &d.intake_examples[0];
    let item = old
        .document()
        .items
        .iter()
        .find(|i| i.code == "CJ-P001")
        .unwrap();
    assert_eq!(cj.item_zh, item.name_zh);
    let zh = diff::text(&d, false);
    assert!(
        zh.contains("诉求样例（受理分办用，不列入公布附件）：新增 4 条，删除 2 条"),
        "{zh}"
    );
    assert!(zh.contains("  CJ-P001  +2 -2  "), "{zh}");
    assert!(zh.contains("  清单外  +2\n"), "{zh}");
    let en = diff::text(&d, true);
    assert!(en.contains(": 4 added, 2 removed"), "{en}");
    assert!(en.contains("  outside  +2\n"), "{en}");
    // Not in the published annex.
    assert!(diff::table(&d).rows.is_empty());

    // The same version twice: nothing to say about reports.
    assert!(diff::diff(&old, &old).intake_examples.is_empty());
    assert!(!diff::text(&diff::diff(&old, &old), false).contains("诉求样例"));
}
