//! Export → import gives back the same rule set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

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

mod property {
    use super::*;
    use fuquan::ruleset::source::{FineParty, FineRange, GrantMode};
    use fuquan::time::Date;
    use proptest::prelude::*;

    /// Text as a clerk keeps it: no spaces at the ends (the import trims them).
    fn words() -> impl Strategy<Value = String> {
        "[对违法行为处罚检查 a-zA-Z0-9《》()第条款]{1,30}"
            .prop_map(|s| s.trim().to_owned())
            .prop_filter("not empty", |s| !s.is_empty())
    }

    fn day() -> impl Strategy<Value = Date> {
        (2020i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
    }

    fn money() -> impl Strategy<Value = Option<fuquan::Money>> {
        prop::option::of((0i64..10_000_000).prop_map(|f| fuquan::Money::from_fen(f).unwrap()))
    }

    fn fines() -> impl Strategy<Value = Option<Vec<FineRange>>> {
        prop::option::of(prop::collection::vec(
            (
                prop::option::of(prop_oneof![
                    Just(FineParty::Individual),
                    Just(FineParty::Organisation)
                ]),
                money(),
                money(),
            )
                .prop_map(|(party, min, max)| FineRange { party, min, max }),
            0..3,
        ))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn export_then_import_gives_back_the_same_lists(
            item_edits in prop::collection::vec((0usize..88, words(), words(), any::<[bool; 8]>(), fines(), any::<bool>()), 0..12),
            grant_edits in prop::collection::vec((0usize..23, any::<bool>(), day(), prop::option::of(day()), prop::option::of(day())), 0..8),
        ) {
            let mut doc = embedded();
            for (i, name, basis, flags, fine, catalogue) in item_edits {
                let item = &mut doc.items[i];
                item.name_zh = format!("{name}{i}");
                item.establishing_basis = basis;
                item.screening.high_frequency = flags[0];
                item.screening.concerns_safety = flags[4];
                item.screening.town_cannot_take_on = flags[7];
                item.fine_ranges = fine;
                item.in_guiding_catalogue = catalogue;
            }
            for (i, flip, effective, revoked, published) in grant_edits {
                let g = &mut doc.grants[i];
                if flip {
                    g.mode = match g.mode { GrantMode::Delegation => GrantMode::Entrustment, GrantMode::Entrustment => GrantMode::Delegation };
                }
                g.effective = effective;
                g.revoked = revoked;
                g.published = published;
            }
            let report = round_trip(&doc);
            let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
            prop_assert!(errors.is_empty(), "{:#?}", errors);
            prop_assert_eq!(report.document, doc);
        }
    }
}
