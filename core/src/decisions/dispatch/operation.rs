//! The `dispatch` operation.

use super::{DispatchAnswer, Report};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `dispatch`: a grid / 12345 / 数字城管 / patrol report to the town's team, a
/// department through the platform, or the weekly ruling (Plan §2, §10, §11).
pub struct Dispatch;

impl Decision for Dispatch {
    const OPERATION: &'static str = "dispatch";
    const SCHEMA_NAME: &'static str = "dispatch";
    type Request = Report;
    type Answer<'a> = DispatchAnswer<'a>;

    fn resolve_names(r: &mut Report, names: &mut NameResolver<'_>) {
        names.field(NameKind::Town, || "place".into(), &mut r.place);
        names.optional(NameKind::Item, "item", &mut r.item);
        names.optional(NameKind::Domain, "domain", &mut r.domain);
    }

    fn decide(engine: &Engine, report: Report) -> Result<DispatchAnswer<'_>, InputError> {
        let mut steps = Vec::new();
        let d = if report.trace {
            engine.dispatch_traced(&report, &mut steps)?
        } else {
            engine.dispatch(&report)?
        };
        Ok(DispatchAnswer::new(
            engine,
            &report,
            &d,
            report.trace.then_some(steps),
        ))
    }
}
