//! The `staffing` and `staffing_district` operations.

use super::{DistrictReport, DistrictStaffing, Roster, StaffingReport};
use crate::answer::Answered;
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::Engine;

/// `staffing`: a town's roster against Plan §3, §7–§9 and 行政处罚法 Art. 42, 58.
pub struct Staffing;

impl Decision for Staffing {
    const OPERATION: &'static str = "staffing";
    const SCHEMA_NAME: &'static str = "staffing";
    type Request = Roster;
    type Answer<'a> = Answered<'a, StaffingReport>;

    fn resolve_names(r: &mut Roster, names: &mut NameResolver<'_>) {
        super::resolve_roster(r, "", names);
    }

    fn decide<'a>(engine: &'a Engine, r: Roster) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.check_staffing_traced(&r, t),
                None => engine.check_staffing(&r),
            },
            |b| (b.rules, b.summary()),
        )
    }
}

/// `staffing_district`: the district's secondment share (Plan §7) and every town's roster.
pub struct StaffingDistrict;

impl Decision for StaffingDistrict {
    const OPERATION: &'static str = "staffing_district";
    const SCHEMA_NAME: &'static str = "staffing-district";
    type Request = DistrictStaffing;
    type Answer<'a> = Answered<'a, DistrictReport>;

    fn resolve_names(r: &mut DistrictStaffing, names: &mut NameResolver<'_>) {
        for (i, s) in r.seconded.iter_mut().enumerate() {
            names.field(
                NameKind::Town,
                || format!("seconded[{i}].town"),
                &mut s.town,
            );
        }
        for (i, roster) in r.rosters.iter_mut().enumerate() {
            super::resolve_roster(roster, &format!("rosters[{i}]."), names);
        }
    }

    fn decide<'a>(engine: &'a Engine, r: DistrictStaffing) -> Result<Self::Answer<'a>, InputError> {
        Answered::decide(
            engine,
            r.trace,
            |t| match t {
                Some(t) => engine.check_staffing_district_traced(&r, t),
                None => engine.check_staffing_district(&r),
            },
            |b| (b.rules, b.summary()),
        )
    }
}
