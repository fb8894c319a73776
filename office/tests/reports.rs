//! Labelled reports from a 12345 export (`fuquan import-reports`): every row a
//! report or a placed diagnostic; and CSV row numbers as Excel shows them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use fuquan::Engine;
use fuquan_office::columns::Mapping;
use fuquan_office::reports;
use fuquan_office::table::read_delimited;
use fuquan_office::Severity;

/// A 12345 export: a title row, a header with synonyms (来电内容, 归口事项编码)
/// and an unknown column, a blank line, and a cell spanning two lines.
const EXPORT: &str = "12345工单导出\n\
序号,工单编号,来电内容,归口事项编码,备注\n\
1,A001,楼下饭店每天晚上在门口露天烧烤，烟很大,HB-P007,\n\
2,A002,公司拖欠工资三个月,清单外,\n\
3,A003,,HB-P007,\n\
4,A004,小区门口有人卖菜把路堵了,XX-P999,\n\
\n\
5,A005,\"工地晚上还在打桩\n吵得睡不着\",,\n\
6,A006,网吧让未成年人进去上网,-,\n";

#[test]
fn every_row_is_a_report_or_a_placed_diagnostic() {
    let base = Engine::embedded().unwrap().document().clone();
    let sheet = read_delimited("gd.csv", EXPORT, b',').unwrap();
    let r = reports::from_sheets(&[sheet], &base, &Mapping::default()).unwrap();
    // Row 3: HB-P007; row 4: 清单外 is outside; row 9 (after the blank line 7 and
    // the two-line cell of row 8): "-" is outside too, whatever the text says.
    let got: Vec<(Option<&str>, &str)> = r
        .examples
        .iter()
        .map(|e| (e.item.as_deref(), e.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("HB-P007"), "楼下饭店每天晚上在门口露天烧烤，烟很大"),
            (None, "公司拖欠工资三个月"),
            (None, "网吧让未成年人进去上网"),
        ]
    );
    assert_eq!(r.outside(), 2);
    assert!(!r.ok());
    let errors: Vec<(&str, u32, &str)> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.row, d.column.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("import.missing_required", 5, "C"),
            ("import.bad_value", 6, "D"),
            ("import.missing_required", 8, "D"),
        ]
    );
}

#[test]
fn a_sheet_without_report_columns_is_refused() {
    let base = Engine::embedded().unwrap().document().clone();
    let sheet = read_delimited("x.csv", "姓名,岗位\n张三,执法\n", b',').unwrap();
    let e = reports::from_sheets(&[sheet], &base, &Mapping::default()).unwrap_err();
    assert_eq!(e.diagnostics[0].code, "import.no_header");
}

#[test]
fn csv_rows_are_numbered_as_excel_shows_them() {
    let sheet = read_delimited("r.csv", "a,b\n\n\nc,\"d\ne\"\nf,g\n", b',').unwrap();
    let numbers: Vec<u32> = sheet.rows.iter().map(|r| r.number).collect();
    // a,b is row 1; two blank lines (2, 3); c with a two-line cell is row 4; f row 5.
    assert_eq!(numbers, [1, 4, 5]);
}
