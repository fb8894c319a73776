//! Routing a case: who handles it, in whose name, who answers for it, whether
//! the town must transfer or hand it over, legal review and hearing — with the
//! rules that decided it (see `docs/routing.md`).

mod case;
mod explain;
mod route;
mod ruling;

pub use case::{Case, CaseDates, CaseFlags, Party};
pub use ruling::{
    DateBasis, Designation, DesignationGround, Disposition, Hearing, HearingGround, ItemRuling,
    ItemStatus, LegalReview, LegalReviewGround, Movement, Ruling, RulingWarning, TraceStep,
    TransitionInfo,
};
