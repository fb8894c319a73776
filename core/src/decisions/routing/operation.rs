//! The `route` and `route_history` operations.

use super::{
    ruling_warnings, Case, HistoryAnswer, HistoryRequest, HistoryView, RouteAnswer, RulingView,
};
use crate::answer::{RulesetRef, Status};
use crate::decision::Decision;
use crate::diagnostic::InputError;
use crate::ruleset::names::{NameKind, NameResolver};
use crate::ruleset::{Engine, RuleSetHistory};

/// `route`: who handles a case, in whose name, who answers for it (`docs/routing.md`).
pub struct Route;

impl Decision for Route {
    const OPERATION: &'static str = "route";
    const SCHEMA_NAME: &'static str = "route";
    type Request = Case;
    type Answer<'a> = RouteAnswer<'a>;

    fn resolve_names(case: &mut Case, names: &mut NameResolver<'_>) {
        names.field(NameKind::Town, || "location".into(), &mut case.location);
        names.list(NameKind::Item, "items", &mut case.items);
        names.optional(NameKind::Body, "opened_by", &mut case.opened_by);
    }

    fn decide(engine: &Engine, case: Case) -> Result<RouteAnswer<'_>, InputError> {
        route(engine, &case)
    }

    /// The published routing answer schema: the ruling or the refusal, tagged by `status`.
    #[cfg(feature = "schema")]
    fn answer_schema() -> schemars::Schema {
        schemars::schema_for!(RouteAnswer)
    }
}

/// `route_history`: route with the version of a rule-set history in force on
/// the case's relevant date (`docs/versions.md`). The versions travel in the
/// request; the engine the call is made on is not used.
pub struct RouteHistory;

impl Decision for RouteHistory {
    const OPERATION: &'static str = "route_history";
    const SCHEMA_NAME: &'static str = "route-history";
    const MAX_REQUEST_BYTES: usize = crate::decode::MAX_RULESET_BYTES;
    type Request = HistoryRequest;
    type Answer<'a> = HistoryAnswer;

    fn decide(_engine: &Engine, req: HistoryRequest) -> Result<HistoryAnswer, InputError> {
        route_history_request(req)
    }
}

/// Routes a typed case: the answer of the `route` operation (trace as the case asks).
pub fn route<'e>(engine: &'e Engine, case: &Case) -> Result<RouteAnswer<'e>, InputError> {
    let mut steps = Vec::new();
    let ruling = if case.trace {
        engine.route_traced(case, &mut steps)?
    } else {
        engine.route(case)?
    };
    Ok(RouteAnswer::Ok {
        ruling: Box::new(RulingView::new(
            engine,
            case,
            &ruling,
            case.trace.then_some(steps),
        )),
        warnings: ruling_warnings(engine, &ruling),
    })
}

/// The `route_history` operation on its typed request: the versions it carries
/// are validated and indexed, then the case is routed with the one in force.
pub fn route_history_request(req: HistoryRequest) -> Result<HistoryAnswer, InputError> {
    let history = RuleSetHistory::from_documents(req.versions)?;
    route_history(&history, &req.case)
}

/// Routes a case against a history: the answer of the `route_history` operation.
pub fn route_history(history: &RuleSetHistory, case: &Case) -> Result<HistoryAnswer, InputError> {
    let mut steps = Vec::new();
    let hr = if case.trace {
        history.route_traced(case, &mut steps)?
    } else {
        history.route(case)?
    };
    Ok(HistoryAnswer {
        status: Status::Ok,
        ruling: Box::new(
            RulingView::new(hr.engine, case, &hr.ruling, case.trace.then_some(steps)).into_owned(),
        ),
        warnings: ruling_warnings(hr.engine, &hr.ruling),
        history: HistoryView {
            versions: history.versions().iter().map(RulesetRef::of).collect(),
            selected: hr.index,
            relevant_date: hr.relevant_date,
            relevant_date_basis: hr.relevant_date_basis,
        },
    })
}
