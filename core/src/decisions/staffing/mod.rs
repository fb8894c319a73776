//! Staffing compliance: a town's roster against Plan §3, §7, §8, §9 and
//! 行政处罚法 Art. 42 and 58, and the district's secondment share (Plan §7) —
//! each check with its figures, the people concerned and the clauses
//! (see `docs/staffing.md`).
//!
//! ```
//! use fuquan::{Engine, staffing::Roster};
//!
//! let engine = Engine::embedded().expect("the embedded rule set is valid");
//! let roster: Roster = serde_json::from_str(r#"{
//!     "town": "zhangcun", "as_of": "2025-03-01",
//!     "people": [{"id": "p1", "name": "张一", "establishment": "administrative",
//!                 "role": "centre_head", "centre_staff": true}]
//! }"#).unwrap();
//! let report = engine.check_staffing(&roster).unwrap();
//! assert!(!report.passed); // one person is not a centre of 15
//! ```

mod check;
pub mod operation;
mod report;
mod roster;

pub use report::{
    Check, CheckLevel, DistrictReport, Figures, RotationEntry, RotationStatus, StaffingReport,
    Threshold, TownRow, CHECK_NAMES, FIGURE_NAMES,
};
pub use roster::{
    Certificate, DistrictStaffing, Establishment, Person, Role, Roster, Secondment, TownSeconded,
};

/// Resolves the names in a roster at `prefix` (`""` or `rosters[i].`): its town
/// and each secondment's department (`docs/names.md`).
fn resolve_roster(
    roster: &mut Roster,
    prefix: &str,
    names: &mut crate::ruleset::names::NameResolver<'_>,
) {
    use crate::ruleset::names::NameKind;
    names.field(NameKind::Town, || format!("{prefix}town"), &mut roster.town);
    for (i, p) in roster.people.iter_mut().enumerate() {
        if let Some(s) = p.secondment.as_mut() {
            names.field(
                NameKind::Department,
                || format!("{prefix}people[{i}].secondment.from"),
                &mut s.from,
            );
        }
    }
}
