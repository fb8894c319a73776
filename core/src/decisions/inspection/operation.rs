//! The `inspection_plan` operation.

use super::InspectionRequest;
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `inspection_plan`: combined inspection, 综合查一次 (Plan §5).
pub struct InspectionPlan;

impl Decision for InspectionPlan {
    const OPERATION: &'static str = "inspection_plan";
    const SCHEMA_NAME: &'static str = "inspection-plan";
    type Request = InspectionRequest;
    type Answer<'a> = Answered<'a, super::InspectionPlan>;

    fn resolve_names(r: &mut InspectionRequest, names: &mut NameResolver<'_>) {
        for (i, e) in r.list.iter_mut().enumerate() {
            names.optional(
                NameKind::Domain,
                &format!("list[{i}].domain"),
                &mut e.domain,
            );
            names.optional(NameKind::Item, &format!("list[{i}].item"), &mut e.item);
        }
        for (i, o) in r.objects.iter_mut().enumerate() {
            names.field(NameKind::Town, || format!("objects[{i}].town"), &mut o.town);
            names.list(
                NameKind::Domain,
                &format!("objects[{i}].domains"),
                &mut o.domains,
            );
        }
    }

    fn decide<'a>(
        engine: &'a Engine,
        r: InspectionRequest,
    ) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.inspection_plan_traced(&r, t),
                None => engine.inspection_plan(&r),
            },
            |b| (b.rules(), b.summary()),
        )
    }
}
