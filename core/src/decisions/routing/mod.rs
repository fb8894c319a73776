//! Routing a case: who handles it, in whose name, who answers for it, whether
//! the town must transfer or hand it over, legal review and hearing — with the
//! rules that decided it (see `docs/routing.md`).

mod answer;
mod case;
mod compact;
mod explain;
mod history;
pub mod operation;
mod route;
mod ruling;

/// Re-exported from the answer vocabulary, where every decision's trace lives.
pub use crate::answer::TraceStep;
pub(crate) use answer::ruling_warnings;
pub use answer::{
    DesignationView, HearingView, ItemView, LegalReviewView, MovementView, RouteAnswer, RulingView,
    TransitionView,
};
pub use case::{Case, CaseDates, CaseFlags, Party};
pub use compact::{route_compact_ruling, CompactAnswer, CompactRuling};
pub use history::{relevant_date, HistoryAnswer, HistoryRequest, HistoryRuling, HistoryView};
pub use ruling::{
    DateBasis, Designation, DesignationGround, Disposition, Hearing, HearingGround, ItemRuling,
    ItemStatus, LegalReview, LegalReviewGround, Movement, Ruling, RulingWarning, TransitionInfo,
};
