//! What a template sees: the source decision's answer, re-run here, and the
//! rule set's data it names (items with their legal bases, the grant, the
//! parameters in force). No logic of the source decision is re-derived.

use serde_json::{json, Map, Value};

use super::{DocumentKind, DraftRequest};
use crate::answer::{BodyView, RuleView};
use crate::decision::Decision;
use crate::decisions::disputes::operation::{DesignationRequest, Dispute};
use crate::decisions::disputes::{DesignationOutcome, Initiator, Stage};
use crate::decisions::routing::operation::Route;
use crate::decisions::routing::{Disposition, RouteAnswer};
use crate::diagnostic::{Diagnostic, InputError};
use crate::rules::RuleSet;
use crate::ruleset::source::{GrantMode, Grantee, ItemKind};
use crate::ruleset::{Body, Engine};

/// The gathered source: the template context, the source's rules and warnings.
pub(crate) struct Source {
    pub context: Value,
    pub rules: RuleSet,
    pub warnings: Vec<Diagnostic>,
}

fn refuse(code: &str, path: &str, zh: String, en: String, expected: &str) -> InputError {
    InputError::single(Diagnostic::error(code, path, zh, en).expected(expected))
}

/// Paths of the source request's refusal, under `request`.
fn nested(mut e: InputError) -> InputError {
    for d in &mut e.diagnostics {
        d.path = if d.path.is_empty() {
            "request".to_owned()
        } else {
            format!("request.{}", d.path)
        };
    }
    e
}

fn source_request<T: serde::de::DeserializeOwned>(req: &DraftRequest) -> Result<T, InputError> {
    let Some(v) = req.request.clone() else {
        return Err(refuse(
            "draft.request_missing",
            "request",
            format!("{}需要 request：源决策的请求", req.document.title_zh()),
            format!(
                "the {} needs `request`: the source operation's request",
                req.document.title_en()
            ),
            "the source operation's request",
        ));
    };
    crate::decode::from_value(v).map_err(|d| nested(InputError::single(d)))
}

fn rules_of(views: &[RuleView<'_>]) -> RuleSet {
    views.iter().fold(RuleSet::new(), |mut s, r| {
        s.insert(r.rule());
        s
    })
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, InputError> {
    serde_json::to_value(v).map_err(|_| InputError::internal("draft context"))
}

fn body(b: &Body) -> Value {
    to_value(&BodyView::of(b)).unwrap_or(Value::Null)
}

fn kind_zh(k: ItemKind) -> &'static str {
    crate::vocabulary::Labelled::label(&k).zh
}

/// The items of `codes` as the rule set publishes them: name, kind, legal
/// bases, department.
fn items(engine: &Engine, codes: impl IntoIterator<Item = String>) -> Value {
    let mut out = Map::new();
    for code in codes {
        if let Some(item) = engine.item(&code) {
            let s = &item.spec;
            out.insert(
                code.clone(),
                json!({
                    "code": s.code,
                    "name_zh": s.name_zh,
                    "kind_zh": kind_zh(s.kind),
                    "establishing_basis": s.establishing_basis,
                    "penalty_basis": s.penalty_basis,
                    "department": engine.item_department(item).map(body),
                    "related_items": s.related_items,
                }),
            );
        }
    }
    Value::Object(out)
}

fn common(engine: &Engine, req: &DraftRequest) -> Map<String, Value> {
    let meta = engine.meta();
    let mut m = Map::new();
    m.insert("document".into(), json!(req.document.as_str()));
    m.insert(
        "plan".into(),
        json!({
            "title_zh": meta.plan.title_zh,
            "short_zh": meta.plan.short_zh,
            "number": meta.plan.number,
        }),
    );
    let district = &engine.document().district;
    let by_id = |id: &str| engine.body(id).map(body).unwrap_or(Value::Null);
    m.insert("government".into(), by_id(&district.government.id));
    m.insert(
        "platform_office".into(),
        by_id(&district.platform_office.id),
    );
    m.insert("justice_bureau".into(), by_id(&district.justice_bureau));
    m
}

/// Runs the source decision (or reads the grant) and builds the context.
pub(crate) fn gather(engine: &Engine, req: &DraftRequest) -> Result<Source, InputError> {
    let mut ctx = common(engine, req);
    let (rules, warnings) = match req.document {
        DocumentKind::Transfer | DocumentKind::Handover => {
            let case: crate::decisions::routing::Case = source_request(req)?;
            let answer = Route::decide_named(engine, case.clone()).map_err(nested)?;
            let RouteAnswer::Ok { ruling, warnings } = &answer else {
                return Err(InputError::internal("route answer"));
            };
            let (wanted, code) = if req.document == DocumentKind::Transfer {
                (Disposition::Transfer, "draft.not_a_transfer")
            } else {
                (Disposition::Handover, "draft.not_a_handover")
            };
            if ruling.disposition != wanted {
                let got = crate::vocabulary::Labelled::label(&ruling.disposition);
                let want = crate::vocabulary::Labelled::label(&wanted);
                return Err(InputError::single(
                    Diagnostic::error(
                        code,
                        "request",
                        format!(
                            "该案件的处置结果是“{}”，不是“{}”，不能制作{}",
                            got.zh,
                            want.zh,
                            req.document.title_zh()
                        ),
                        format!(
                            "the case's disposition is {} ({}), not {}: no {} can be drafted",
                            got.code,
                            got.en,
                            want.code,
                            req.document.title_en()
                        ),
                    )
                    .expected_both(
                        format!("处置结果为“{}”的案件", want.zh),
                        format!("a case whose disposition is {}", want.code),
                    )
                    .with_value(got.code),
                ));
            }
            ctx.insert("case".into(), to_value(&case)?);
            ctx.insert("ruling".into(), to_value(ruling)?);
            ctx.insert(
                "items".into(),
                items(engine, ruling.items.iter().map(|i| i.code.clone())),
            );
            (rules_of(&ruling.rules), warnings.clone())
        }
        DocumentKind::DesignationRequest | DocumentKind::DesignationDecision => {
            let request: crate::decisions::disputes::DesignationRequest = source_request(req)?;
            let answer =
                DesignationRequest::decide_named(engine, request.clone()).map_err(nested)?;
            if req.document == DocumentKind::DesignationRequest
                && answer.initiator != Initiator::Town
            {
                return Err(refuse(
                    "draft.not_a_town_request",
                    "request.initiator",
                    "区政府依职权指定管辖无需申请书：指定管辖申请书只为镇(街道)报请制作".into(),
                    "the district government designating on its own initiative needs no request: the request is drafted for a town's 报请 only".into(),
                    "initiator town",
                ));
            }
            if req.document == DocumentKind::DesignationDecision
                && answer.outcome == DesignationOutcome::Pending
            {
                return Err(refuse(
                    "draft.designation_pending",
                    "request.decision",
                    "区政府尚未作出决定（request.decision 为空），不能制作指定管辖决定书".into(),
                    "the district government has not decided yet (request.decision is empty): no decision can be drafted".into(),
                    "decision designated or refused",
                ));
            }
            ctx.insert("request".into(), to_value(&request)?);
            ctx.insert("answer".into(), to_value(&answer)?);
            ctx.insert(
                "items".into(),
                items(engine, answer.items.iter().map(|i| i.code.clone())),
            );
            (rules_of(&answer.rules), answer.warnings.clone())
        }
        DocumentKind::DisputeSubmission => {
            let input: crate::decisions::disputes::DisputeInput = source_request(req)?;
            let answer = Dispute::decide_named(engine, input).map_err(nested)?;
            if !matches!(
                answer.stage,
                Stage::AtPlatform | Stage::AtDistrictGovernment
            ) {
                let got = crate::vocabulary::Labelled::label(&answer.stage);
                return Err(InputError::single(
                    Diagnostic::error(
                        "draft.dispute_not_submittable",
                        "request",
                        format!(
                            "争议处于“{}”：只有协商不成（提交区级综合执法平台）或平台难以推进（提请区政府）时才制作提请书",
                            got.zh
                        ),
                        format!(
                            "the dispute is {}: a submission is drafted only once negotiation failed (to the platform) or the platform stalled (to the district government)",
                            got.code
                        ),
                    )
                    .expected("a dispute at_platform or at_district_government")
                    .with_value(got.code),
                ));
            }
            ctx.insert("answer".into(), to_value(&answer)?);
            ctx.insert(
                "items".into(),
                items(engine, answer.dispute.items.iter().cloned()),
            );
            (rules_of(&answer.rules), answer.warnings.clone())
        }
        DocumentKind::DelegationAcceptance | DocumentKind::EntrustmentAgreement => {
            grant_context(engine, req, &mut ctx)?;
            (RuleSet::new(), Vec::new())
        }
    };
    Ok(Source {
        context: Value::Object(ctx),
        rules,
        warnings,
    })
}

fn grant_context(
    engine: &Engine,
    req: &DraftRequest,
    ctx: &mut Map<String, Value>,
) -> Result<(), InputError> {
    let missing = |field: &str| {
        refuse(
            "draft.grant_missing",
            field,
            format!("{}需要 grant 和 town", req.document.title_zh()),
            format!("the {} needs `grant` and `town`", req.document.title_en()),
            "a grant id and a town",
        )
    };
    let gid = req.grant.as_deref().ok_or_else(|| missing("grant"))?;
    let tid = req.town.as_deref().ok_or_else(|| missing("town"))?;
    let Some(grant) = engine.grants().iter().find(|g| g.id == gid) else {
        return Err(InputError::single(
            Diagnostic::error(
                "draft.unknown_grant",
                "grant",
                format!("规则集中没有赋权或委托 {gid:?}"),
                format!("the rule set has no grant {gid:?}"),
            )
            .expected("a grant id of the rule set")
            .with_value(gid)
            .suggest(
                engine
                    .grants()
                    .iter()
                    .take(5)
                    .map(|g| g.id.clone())
                    .collect(),
            ),
        ));
    };
    let spec = engine
        .grant_spec(grant)
        .ok_or_else(|| InputError::internal("grant spec"))?;
    let (want, code) = match req.document {
        DocumentKind::DelegationAcceptance => (GrantMode::Delegation, "draft.not_a_delegation"),
        _ => (GrantMode::Entrustment, "draft.not_an_entrustment"),
    };
    if spec.mode != want {
        let got = crate::vocabulary::Labelled::label(&spec.mode);
        let w = crate::vocabulary::Labelled::label(&want);
        return Err(InputError::single(
            Diagnostic::error(
                code,
                "grant",
                format!(
                    "{gid} 是{}，{}只为{}制作",
                    got.zh,
                    req.document.title_zh(),
                    w.zh
                ),
                format!(
                    "{gid} is a {}; the {} is drafted for a {} only",
                    got.code,
                    req.document.title_en(),
                    w.code
                ),
            )
            .expected(format!("a {} grant", w.code))
            .with_value(got.code),
        ));
    }
    let Some(town) = engine.body(tid) else {
        return Err(InputError::single(
            Diagnostic::error(
                "draft.unknown_town",
                "town",
                format!("规则集中没有镇(街道) {tid:?}"),
                format!("the rule set has no town {tid:?}"),
            )
            .expected("a town or subdistrict id or name")
            .with_value(tid),
        ));
    };
    let covered = match &spec.grantee {
        Grantee::Class(c) => town.class == Some(*c),
        Grantee::Towns(ids) => ids.iter().any(|i| i == &town.id),
    };
    if !covered {
        return Err(InputError::single(
            Diagnostic::error(
                "draft.town_not_grantee",
                "town",
                format!("{} 不是 {gid} 的承接方", town.name_zh),
                format!("{} is not a grantee of {gid}", town.name_en),
            )
            .expected(format!("a grantee of {gid}"))
            .with_value(&town.id),
        ));
    }
    let params = engine.parameters();
    let at = spec.effective;
    let sanctions: Vec<&str> = params
        .major_decision_sanctions
        .iter()
        .rev()
        .find(|v| v.from <= at)
        .map(|v| {
            v.value
                .iter()
                .map(|s| crate::vocabulary::Labelled::label(s).zh)
                .collect()
        })
        .unwrap_or_default();
    let fine = params
        .major_decision_fine
        .iter()
        .rev()
        .find(|v| v.from <= at)
        .map(|v| v.value.to_string());
    let months = params
        .transition_months
        .iter()
        .rev()
        .find(|v| v.from <= at)
        .map(|v| v.value);
    let mut related: Vec<String> = Vec::new();
    for code in &spec.items {
        if let Some(i) = engine.item(code) {
            for r in &i.spec.related_items {
                if !spec.items.contains(r) && !related.contains(r) {
                    related.push(r.clone());
                }
            }
        }
    }
    let mut g = to_value(spec)?;
    if let Value::Object(o) = &mut g {
        o.insert(
            "transition_last_day".into(),
            to_value(&grant.transition_last_day)?,
        );
    }
    ctx.insert("grant".into(), g);
    ctx.insert(
        "grantor".into(),
        engine.body(&spec.grantor).map(body).unwrap_or(Value::Null),
    );
    ctx.insert("town".into(), body(town));
    ctx.insert(
        "items".into(),
        items(engine, spec.items.iter().chain(related.iter()).cloned()),
    );
    ctx.insert("granted".into(), json!(spec.items));
    ctx.insert("related".into(), json!(related));
    ctx.insert(
        "major".into(),
        json!({"sanctions": sanctions, "fine": fine}),
    );
    ctx.insert("transition_months".into(), json!(months));
    Ok(())
}
