//! # fuquan (赋权)
//!
//! A rules engine for the devolution of administrative enforcement powers to
//! towns and subdistricts (镇/街道) under 行政处罚法 Art. 24. Given a district's
//! rule set — departments, towns and their classes, power items, delegations
//! (赋权) and entrustments (委托), dated parameters — it decides who handles a
//! case, in whose name, who answers for it in review and in court, whether the
//! town must transfer or hand it over, and whether legal review and a hearing
//! apply; and it says why, with the rules and the clauses they rest on.
//!
//! ```
//! use fuquan::{Engine, Case};
//!
//! let engine = Engine::embedded().expect("the embedded rule set is valid");
//! let case: Case = serde_json::from_str(r#"{
//!     "items": ["SR-P001"], "location": "zhangcun",
//!     "party": "individual", "business_activity": false,
//!     "dates": {"filing": "2025-03-01"},
//!     "sanctions": ["fine"], "fine": "500"
//! }"#).unwrap();
//! let ruling = engine.route(&case).unwrap();
//! println!("{:?} by {}", ruling.disposition, ruling.handler.unwrap().name_en);
//! ```
//!
//! * [`Engine`]: the immutable, indexed rule set (`Send + Sync`, cheap to clone).
//! * [`Engine::route`]: the routing decision, a pure function returning a [`Ruling`].
//! * [`api`]: the JSON boundary the Python and WASM bindings use.
//! * [`ruleset::validate`]: rule-set diagnostics with stable codes and citations.
//! * [`Engine::check_staffing`] / [`Engine::check_staffing_district`]: staffing
//!   compliance (Plan §3, §7–§9; 行政处罚法 Art. 42, 58).
//! * [`Engine::screen`] / [`Engine::screen_catalogue`]: devolution screening (Plan §1).
//! * [`Engine::coverage`]: one competent body per item, town and day (Plan §4, §12, §14).
//! * [`Engine::inspection_plan`]: combined inspection, 综合查一次 (Plan §5).
//! * [`Engine::supervision`]: 违法不罚 / 有法不依 signs and take-back candidates (Plan §14).
//! * [`ruleset::RuleSetHistory`]: versions of a rule set; route with the one in force.
//!
//! Money is exact ([`Money`], integer fen); periods follow 民法典 Art. 201–203
//! ([`time`]). The default rule set (`Engine::embedded`) is **sample data**
//! modelled on Weihai Huancui's 2024 plan; the official list is not public.
//!
//! ## Versions
//!
//! [`ENGINE_VERSION`] is this crate's version; the Python wheel and the npm
//! package of the same release carry the same number, and every answer names it
//! (`ruleset.engine_version`). [`CONTRACT_VERSION`] (`fuquan/1`) is the version of
//! the JSON contract — rule-set documents, requests and answers; what counts as
//! a breaking change is written down in the repository's `docs/contract.md`.
//!
//! ## Cargo features
//!
//! * `embedded` (default): the Huancui 2024 sample rule set compiled into the
//!   crate (from `data/huancui-2024/`, packed with it), read by
//!   `Engine::embedded()` and `embedded_files()`. Without it the crate reads rule
//!   sets only from JSON ([`Engine::from_json_value`], [`Engine::from_dir`]).
//! * `schema`: JSON Schema generation for the contract's types (the `schema`
//!   module, through `schemars`); the CLI's `schema` command uses it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Errors are the cold path and carry both languages and a path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod answer;
pub mod api;
pub mod citation;
pub mod codes;
pub mod decision;
pub mod decisions;
#[cfg(feature = "drafting")]
pub use decisions::drafting;
#[cfg(feature = "intake")]
pub use decisions::intake;
#[cfg(feature = "supervision")]
pub use decisions::supervision;
pub use decisions::{
    coverage, dispatch, disputes, inspection, routing, schedule, screening, staffing, validation,
};
mod decode;
pub mod diagnostic;
#[cfg(feature = "embedded")]
mod embedded;
#[cfg(feature = "embedded")]
pub use embedded::embedded_files;
pub mod limits;
pub mod money;
pub mod registry;
pub mod rules;
pub mod ruleset;
#[cfg(feature = "schema")]
pub mod schema;
pub mod time;
pub mod vocabulary;

pub use decision::Decision;
pub use decode::{MAX_DOCUMENT_BYTES, MAX_RULESET_BYTES};

/// The engine's version: the `fuquan` crate's version, shared by the Python
/// wheel and the npm package of the same release, and carried in every answer
/// as `ruleset.engine_version`.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The JSON contract's version, `fuquan/1`: what rule-set documents carry as
/// `schema_version` (the same constant as [`ruleset::source::SCHEMA_VERSION`]).
/// See `docs/contract.md` for what counts as a breaking change.
pub const CONTRACT_VERSION: &str = ruleset::source::SCHEMA_VERSION;
pub use diagnostic::{Diagnostic, InputError, Severity};
pub use money::Money;
pub use routing::{Case, Ruling};
pub use rules::RuleId;
pub use ruleset::Engine;
