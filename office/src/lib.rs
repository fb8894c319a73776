//! fuquan-office: the district's spreadsheets in and out of the fuquan rules engine.
//!
//! - [`import`]: `.xlsx`/`.csv` item lists (the shapes districts publish), towns,
//!   departments and grants into a rule-set document, every row data or a placed
//!   diagnostic ([`diag::RowDiagnostic`]).
//! - [`export`]: a rule set as one workbook that [`import`] reads back unchanged.
//! - [`publish`]: each town's 执法事项清单 and 巡查事项清单 and the district
//!   summary on a date, as `.xlsx` formatted for printing, CSV and HTML.
//! - [`diff`]: what changed between two versions, per town.
//! - [`roster`]: a 花名册 sheet into the `staffing` request.
//!
//! See `docs/office.md`.

pub mod columns;
pub mod diag;
pub mod diff;
pub mod export;
pub mod import;
pub mod publish;
pub mod reports;
pub mod roster;
pub mod sheets;
pub mod table;
pub mod text;
pub mod vocab;

pub use diag::{OfficeError, RowDiagnostic, Severity};
pub use import::{import_files, import_sheets, write_ruleset_dir, ImportOptions, ImportReport};
