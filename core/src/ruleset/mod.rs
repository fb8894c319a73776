//! Rule sets: the document as published ([`source`]), its validation
//! ([`validate`]), loading from files or strings, and the immutable indexed
//! [`Engine`] that every decision runs on.

pub(crate) mod engine;
#[cfg(feature = "intake")]
pub mod example_index;
pub mod history;
pub(crate) mod load;
pub mod names;
pub mod parameters;
pub mod source;
#[cfg(feature = "drafting")]
pub mod templates;
#[cfg(feature = "intake")]
pub mod text_index;
pub mod validate;
pub mod views;

pub use engine::{in_force, Body, BodyKind, Engine, Grant, Item};
#[cfg(feature = "intake")]
pub use example_index::ExampleScores;
pub use history::RuleSetHistory;
pub use load::{document_from_dir, document_from_json_str, document_from_json_value};
#[cfg(feature = "intake")]
pub use text_index::{Hit, Query};
