//! Devolution screening (Plan §1): whether an item is one to devolve first
//! (优先下放), with caution (审慎下放), or neither; whether it may be delegated
//! or only entrusted; and the suggested list for a town class (see
//! `docs/screening.md`).
//!
//! ```
//! use fuquan::{Engine, screening::{ScreenRequest, Verdict}};
//!
//! let engine = Engine::embedded().expect("the embedded rule set is valid");
//! let req: ScreenRequest =
//!     serde_json::from_str(r#"{"item": "SR-P001", "class": "main_urban_subdistrict"}"#).unwrap();
//! let screened = engine.screen(&req).unwrap();
//! assert_eq!(screened.verdict, Verdict::Priority);
//! ```

pub mod operation;
mod request;
mod screen;

pub use request::{CatalogueRequest, FactOverrides, ScreenRequest};
pub use screen::{
    CatalogueCounts, CatalogueEntry, CatalogueScreening, ItemInfo, Mode, Reason, Screened, Verdict,
};
