//! The decisions, one folder each: a typed function over the [`Engine`](crate::Engine)
//! (request in, answer out) and one [`Decision`](crate::decision::Decision)
//! impl per operation. Decisions import the rule set and the answer
//! vocabulary below them, never the registry or the JSON boundary above
//! (`docs/architecture.md`).

pub mod coverage;
pub mod dispatch;
pub mod disputes;
#[cfg(feature = "drafting")]
pub mod drafting;
pub mod inspection;
#[cfg(feature = "intake")]
pub mod intake;
pub mod labels;
pub mod lookup;
pub mod routing;
pub mod schedule;
pub mod screening;
pub mod staffing;
#[cfg(feature = "supervision")]
pub mod supervision;
pub mod validation;
