//! The `platform_schedule` operation.

use super::{ScheduleAnswer, ScheduleRequest};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `platform_schedule`: the weekly ruling, monthly joint meeting and quarterly
/// report a matter goes to (Plan §11).
pub struct PlatformSchedule;

impl Decision for PlatformSchedule {
    const OPERATION: &'static str = "platform_schedule";
    const SCHEMA_NAME: &'static str = "platform-schedule";
    type Request = ScheduleRequest;
    type Answer<'a> = ScheduleAnswer<'a>;

    fn resolve_names(r: &mut ScheduleRequest, names: &mut NameResolver<'_>) {
        names.optional(NameKind::Body, "failed_unit", &mut r.failed_unit);
    }

    fn decide(engine: &Engine, req: ScheduleRequest) -> Result<ScheduleAnswer<'_>, InputError> {
        let mut steps = Vec::new();
        let s = if req.trace {
            engine.platform_schedule_traced(&req, &mut steps)?
        } else {
            engine.platform_schedule(&req)?
        };
        ScheduleAnswer::new(engine, &s, req.trace.then_some(steps))
    }
}
