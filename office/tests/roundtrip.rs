//! Export → import gives back the same rule set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use fuquan::ruleset::source::RuleSetDocument;
use fuquan_office::{export, import, table, ImportOptions};

fn embedded() -> RuleSetDocument {
    fuquan::Engine::embedded().unwrap().document().clone()
}

fn round_trip(doc: &RuleSetDocument) -> import::ImportReport {
    let bytes = export::workbook_bytes(doc).unwrap();
    let book = table::read_bytes("export.xlsx", &bytes).unwrap();
    import::import_sheets(&book.sheets, doc, &ImportOptions::default()).unwrap()
}

#[test]
fn the_embedded_default_survives_export_and_import() {
    let doc = embedded();
    let report = round_trip(&doc);
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(report.document, doc);
    assert_eq!(report.counts.items, 88);
    assert_eq!(report.counts.grants, 23);
}
