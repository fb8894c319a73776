//! The shared answer vocabulary: what every decision's answer is made of, below
//! the decisions and the boundary alike.
//!
//! * [`Text`], [`BodyView`], [`RuleView`], [`RulesetRef`]: the pieces answers share;
//! * [`Answered`]: the flat answer envelope (`status`, the decision's own fields,
//!   `rule_ids`, `rules`, `summary`, `trace`, `warnings`);
//! * [`Refused`]: the answer to a refused request, the same for every decision;
//! * [`TraceStep`] and [`Tracer`]: the opt-in step-by-step explanation.

mod envelope;
mod trace;
mod views;

pub use envelope::{Answered, Refused, Reply, Status};
pub use trace::{TraceStep, Tracer};
pub use views::{BodyView, RuleView, RulesetRef, Text};
