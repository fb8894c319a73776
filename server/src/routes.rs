//! The router, its shared state and the handlers.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use axum::body::{Body, HttpBody};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use fuquan::registry::{self, Entry, REGISTRY};
use fuquan::rules::RuleId;
use fuquan::Diagnostic;
use serde_json::{json, Value};
use tower::limit::GlobalConcurrencyLimitLayer;
use tracing::{info, warn, Instrument};

use crate::config::{Config, RuleSource};
use crate::metrics::Metrics;
use crate::openapi::{openapi_document, stem};
use crate::refusal::{self, codes};
use crate::rules::LoadedRules;

/// The request-id header, echoed (or generated) on every response.
pub(crate) static X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// The rule set that answered a decision: `<id>@<version>#<hash prefix>`.
pub(crate) static X_FUQUAN_RULESET: HeaderName = HeaderName::from_static("x-fuquan-ruleset");

/// What every handler shares: the rule set (swapped whole on reload), the
/// settings, the metrics and the documents rendered once at start.
pub struct AppState {
    rules: ArcSwap<LoadedRules>,
    source: RuleSource,
    admin_token: Option<String>,
    max_body_bytes: usize,
    request_timeout: Duration,
    blocking_threshold: usize,
    pub(crate) metrics: Metrics,
    schemas: BTreeMap<String, String>,
    openapi: String,
    operations: String,
    reload_lock: tokio::sync::Mutex<()>,
    ready: AtomicBool,
    next_id: AtomicU64,
    id_prefix: String,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// The state for `config`, serving `rules`.
    pub fn new(config: &Config, rules: LoadedRules) -> Result<Arc<AppState>, String> {
        let metrics = Metrics::new().map_err(|e| format!("metrics: {e}"))?;
        metrics.set_ruleset(&rules);
        let schemas = fuquan::schema::all()
            .into_iter()
            .map(|(name, schema)| (name, schema.to_string()))
            .collect();
        let operations: Vec<Value> = REGISTRY
            .iter()
            .map(|e| {
                json!({
                    "operation": e.operation,
                    "path": format!("/v1/{}", e.operation),
                    "request_schema": if e.operation == "validate" {
                        "ruleset.schema.json".to_owned()
                    } else {
                        format!("{}-request.schema.json", e.schema_name)
                    },
                    "answer_schema": format!("{}-answer.schema.json", e.schema_name),
                    "max_request_bytes": e.max_request_bytes.min(config.max_body_bytes),
                })
            })
            .collect();
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros())
            .unwrap_or_default();
        Ok(Arc::new(AppState {
            rules: ArcSwap::from_pointee(rules),
            source: config.source.clone(),
            admin_token: config.admin_token.clone().filter(|t| !t.is_empty()),
            max_body_bytes: config.max_body_bytes,
            request_timeout: config.request_timeout,
            blocking_threshold: config.blocking_threshold,
            metrics,
            schemas,
            openapi: openapi_document().to_string(),
            operations: json!({ "status": "ok", "operations": operations }).to_string(),
            reload_lock: tokio::sync::Mutex::new(()),
            ready: AtomicBool::new(true),
            next_id: AtomicU64::new(1),
            id_prefix: format!("{:x}", started & 0xffff_ffff_ffff),
        }))
    }

    /// The rule set being served now (a cheap `Arc` clone).
    pub fn rules(&self) -> Arc<LoadedRules> {
        self.rules.load_full()
    }

    /// Marks the server ready or not (`/readyz`); set false on shutdown.
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::SeqCst);
    }

    /// Reloads the configured directory on a blocking task, validates it and
    /// swaps it in atomically; a rule set that fails to load is refused (its
    /// diagnostics in the answer) and the old one keeps serving. Reloads run
    /// one at a time. Returns the HTTP status and the JSON answer.
    pub async fn reload(&self) -> (StatusCode, String) {
        let _one_at_a_time = self.reload_lock.lock().await;
        if self.source == RuleSource::Embedded {
            self.metrics.error_code(codes::RELOAD_NO_DIRECTORY);
            return (
                StatusCode::CONFLICT,
                refusal::body(refusal::error(
                    codes::RELOAD_NO_DIRECTORY,
                    "",
                    "服务使用内置规则集,没有可重新加载的目录".to_owned(),
                    "the server serves the embedded rule set: there is no directory to reload"
                        .to_owned(),
                )),
            );
        }
        let source = self.source.clone();
        let started = Instant::now();
        let loaded = tokio::task::spawn_blocking(move || LoadedRules::load(&source)).await;
        match loaded {
            Ok(Ok(new)) => {
                let previous = self.rules();
                let answer = json!({
                    "status": "ok",
                    "previous": previous.versions().iter().map(|v| &v.reference).collect::<Vec<_>>(),
                    "ruleset": new.current().map(|v| v.reference.clone()),
                    "versions": new.versions().iter().map(|v| &v.reference).collect::<Vec<_>>(),
                    "warnings": new.warnings,
                });
                let label = new.current().map(|v| v.label.clone()).unwrap_or_default();
                self.metrics.set_ruleset(&new);
                self.rules.store(Arc::new(new));
                self.metrics.reload(true);
                info!(ruleset = %label, ms = started.elapsed().as_millis() as u64, "rule set reloaded");
                (StatusCode::OK, answer.to_string())
            }
            Ok(Err(diagnostics)) => {
                self.metrics.reload(false);
                let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
                    diagnostics.into_iter().partition(Diagnostic::is_error);
                warn!(
                    errors = errors.len(),
                    first = errors.first().map(|d| d.code.as_str()).unwrap_or(""),
                    "reload refused: the rule set does not validate; the old one keeps serving"
                );
                for d in &errors {
                    self.metrics.error_code(&d.code);
                }
                let mut refused = fuquan::answer::Refused::new(errors);
                refused.warnings = warnings;
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    serde_json::to_string(&refused).unwrap_or_default(),
                )
            }
            Err(e) => {
                self.metrics.reload(false);
                warn!(error = %e, "reload task failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    refusal::body(refusal::error(
                        codes::INTERNAL_TASK,
                        "",
                        format!("重新加载任务失败:{e}"),
                        format!("the reload task failed: {e}"),
                    )),
                )
            }
        }
    }

    fn request_id(&self, headers: &HeaderMap) -> HeaderValue {
        if let Some(v) = headers.get(&X_REQUEST_ID) {
            let ok = v.len() <= 128
                && !v.is_empty()
                && v.as_bytes().iter().all(|b| b.is_ascii_graphic());
            if ok {
                return v.clone();
            }
        }
        let n = self.next_id.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n:x}", self.id_prefix))
            .unwrap_or(HeaderValue::from_static("0"))
    }
}

/// The router of the service (see `docs/serve.md`), with its middleware:
/// request id, request timeout, metrics and logs around every route, and a
/// global concurrency limit of `concurrency` around the decisions.
pub fn router(state: Arc<AppState>, concurrency: usize) -> Router {
    let decisions = Router::new()
        .route("/v1/{operation}", post(decide).fallback(method_not_allowed))
        .route_layer(GlobalConcurrencyLimitLayer::new(concurrency.max(1)));
    Router::new()
        .route(
            "/v1/operations",
            get(operations).fallback(method_not_allowed),
        )
        .route("/v1/ruleset", get(ruleset).fallback(method_not_allowed))
        .route("/v1/rules", get(rules).fallback(method_not_allowed))
        .route(
            "/v1/schemas/{name}",
            get(schema).fallback(method_not_allowed),
        )
        .route(
            "/v1/admin/reload",
            post(reload).fallback(method_not_allowed),
        )
        .route("/openapi.json", get(openapi).fallback(method_not_allowed))
        .route("/healthz", get(healthz).fallback(method_not_allowed))
        .route("/readyz", get(readyz).fallback(method_not_allowed))
        .route("/metrics", get(metrics).fallback(method_not_allowed))
        .merge(decisions)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), around))
        .with_state(state)
}

/// The label a request is counted under: its operation, or its route.
fn metric_label(path: &str) -> &'static str {
    match path {
        "/healthz" => "healthz",
        "/readyz" => "readyz",
        "/metrics" => "metrics",
        "/openapi.json" => "openapi",
        "/v1/operations" => "operations",
        "/v1/ruleset" => "ruleset",
        "/v1/rules" => "rules",
        "/v1/admin/reload" => "admin_reload",
        _ => match path.strip_prefix("/v1/") {
            Some(rest) if rest.starts_with("schemas/") => "schemas",
            Some(op) => registry::lookup(op).map_or("unknown", |e| e.operation),
            None => "other",
        },
    }
}

/// Around every request: the request id (echoed, generated when absent), the
/// request timeout (408), the log line and the metrics.
async fn around(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = state.request_id(req.headers());
    let label = metric_label(req.uri().path());
    let method = req.method().clone();
    let span = tracing::info_span!(
        "request",
        id = %id.to_str().unwrap_or(""),
        method = %method,
        path = %req.uri().path()
    );
    let mut response = match tokio::time::timeout(state.request_timeout, next.run(req))
        .instrument(span.clone())
        .await
    {
        Ok(r) => r,
        Err(_) => refuse(
            &state,
            StatusCode::REQUEST_TIMEOUT,
            refusal::error(
                codes::HTTP_TIMEOUT,
                "",
                format!(
                    "请求未在 {} 秒内收齐并答复",
                    state.request_timeout.as_secs_f64()
                ),
                format!(
                    "the request was not received and answered within {} s",
                    state.request_timeout.as_secs_f64()
                ),
            ),
        ),
    };
    response.headers_mut().insert(X_REQUEST_ID.clone(), id);
    let status = response.status().as_u16();
    let elapsed = started.elapsed();
    state.metrics.observe(label, status, elapsed.as_secs_f64());
    span.in_scope(|| {
        info!(
            status,
            operation = label,
            us = elapsed.as_micros() as u64,
            "answered"
        );
    });
    response
}

fn json_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// A refusal written by the HTTP layer, counted by code.
fn refuse(state: &AppState, status: StatusCode, d: Diagnostic) -> Response {
    state.metrics.error_code(&d.code);
    json_response(status, refusal::body(d))
}

async fn not_found(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: axum::http::Uri,
) -> Response {
    refuse(
        &state,
        StatusCode::NOT_FOUND,
        refusal::error(
            codes::HTTP_NOT_FOUND,
            "",
            format!("没有此路径:{method} {}", uri.path()),
            format!("no such path: {method} {}", uri.path()),
        )
        .expected("POST /v1/{operation}; GET /v1/operations, /openapi.json (see docs/serve.md)"),
    )
}

async fn method_not_allowed(
    State(state): State<Arc<AppState>>,
    method: Method,
    uri: axum::http::Uri,
) -> Response {
    let path = uri.path();
    let get_only = matches!(path, "/v1/operations" | "/v1/ruleset" | "/v1/rules")
        || path.starts_with("/v1/schemas/");
    let allowed = if path.starts_with("/v1/") && !get_only {
        "POST"
    } else {
        "GET"
    };
    let mut r = refuse(
        &state,
        StatusCode::METHOD_NOT_ALLOWED,
        refusal::error(
            codes::HTTP_METHOD_NOT_ALLOWED,
            "",
            format!("{} 不接受 {method} 方法", uri.path()),
            format!("{} does not accept {method}", uri.path()),
        )
        .expected(allowed),
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allowed));
    r
}

/// Whether the content type is `application/json`, with no charset or UTF-8.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(v) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let mut parts = v.split(';');
    let mime = parts.next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/json") {
        return false;
    }
    parts.all(|p| {
        let Some((k, val)) = p.split_once('=') else {
            return p.trim().is_empty();
        };
        if k.trim().eq_ignore_ascii_case("charset") {
            let val = val.trim().trim_matches('"');
            val.eq_ignore_ascii_case("utf-8") || val.eq_ignore_ascii_case("utf8")
        } else {
            true
        }
    })
}

/// Reads the body, refusing it (413) as soon as it passes `limit` bytes.
async fn read_body(
    state: &AppState,
    mut body: Body,
    limit: usize,
    hint: usize,
) -> Result<Vec<u8>, Response> {
    let mut buf = Vec::with_capacity(hint.min(limit).min(1 << 20));
    loop {
        let frame = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => return Ok(buf),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    if buf.len().saturating_add(data.len()) > limit {
                        return Err(refuse(
                            state,
                            StatusCode::PAYLOAD_TOO_LARGE,
                            refusal::too_large(limit),
                        ));
                    }
                    buf.extend_from_slice(&data);
                }
            }
            Some(Err(e)) => {
                return Err(refuse(
                    state,
                    StatusCode::BAD_REQUEST,
                    refusal::error(
                        codes::HTTP_BODY,
                        "",
                        format!("请求正文读取失败:{e}"),
                        format!("the request body could not be read: {e}"),
                    ),
                ))
            }
        }
    }
}

/// The HTTP status of a decision's answer: 200 when it was answered (`status`
/// ok, or `validate`'s verdict that a rule set is invalid, unless the body was
/// not JSON or too large); for a refusal, 413
/// for `input.too_large`, 404 for `input.unknown_operation`, 500 for
/// `internal.*`, else 400. Returns the refusal's codes for the metrics.
fn answer_status(answer: &str) -> (StatusCode, Vec<String>) {
    if answer.starts_with(r#"{"status":"ok""#) {
        return (StatusCode::OK, Vec::new());
    }
    let Ok(v) = serde_json::from_str::<Value>(answer) else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            vec!["internal.encode".to_owned()],
        );
    };
    if v.get("status").and_then(Value::as_str) == Some("ok") {
        return (StatusCode::OK, Vec::new());
    }
    let codes_of = |list: Option<&Value>| -> Vec<String> {
        list.and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter(|d| d.get("severity").and_then(Value::as_str) != Some("warning"))
                    .filter_map(|d| d.get("code").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (codes, refusal) = match v.get("errors") {
        Some(errors) => (codes_of(Some(errors)), true),
        // validate: `diagnostics`, a verdict on the rule set, unless the body is
        // not JSON at all or too large to read.
        None => {
            let codes = codes_of(v.get("diagnostics"));
            let unreadable = codes
                .iter()
                .any(|c| c == fuquan::codes::INPUT_SYNTAX || c == fuquan::codes::INPUT_TOO_LARGE);
            (codes, unreadable)
        }
    };
    let status = if !refusal {
        StatusCode::OK
    } else if codes.iter().any(|c| c == fuquan::codes::INPUT_TOO_LARGE) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else if codes
        .iter()
        .any(|c| c == fuquan::codes::INPUT_UNKNOWN_OPERATION)
    {
        StatusCode::NOT_FOUND
    } else if codes.iter().any(|c| c.starts_with("internal.")) {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    (status, if refusal { codes } else { Vec::new() })
}

/// `POST /v1/{operation}`: the answer of `fuquan::api::call_json_str`.
async fn decide(
    State(state): State<Arc<AppState>>,
    Path(operation): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(entry) = registry::lookup(&operation) else {
        return refuse(
            &state,
            StatusCode::NOT_FOUND,
            registry::unknown_operation(&operation),
        );
    };
    if !is_json(&headers) {
        return refuse(
            &state,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            refusal::error(
                codes::HTTP_UNSUPPORTED_MEDIA_TYPE,
                "",
                "请求正文须为 JSON:Content-Type: application/json(UTF-8)".to_owned(),
                "the request body must be JSON: Content-Type: application/json (UTF-8)".to_owned(),
            )
            .expected("application/json"),
        );
    }
    let limit = entry.max_request_bytes.min(state.max_body_bytes);
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return refuse(
            &state,
            StatusCode::PAYLOAD_TOO_LARGE,
            refusal::too_large(limit),
        );
    }
    let hint = declared.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
    let bytes = match read_body(&state, body, limit, hint).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return refuse(
                &state,
                StatusCode::BAD_REQUEST,
                refusal::error(
                    fuquan::codes::INPUT_SYNTAX,
                    "",
                    format!(
                        "请求正文不是 UTF-8 文本(第 {} 字节)",
                        e.utf8_error().valid_up_to()
                    ),
                    format!(
                        "the request body is not UTF-8 (at byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                ),
            )
        }
    };
    let rules = state.rules();
    let Some(version) = rules.current() else {
        return refuse(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            refusal::error(
                codes::INTERNAL_TASK,
                "",
                "没有可用的规则集".to_owned(),
                "no rule set is loaded".to_owned(),
            ),
        );
    };
    let ruleset_header = version.header.clone();
    let answer = if text.len() > state.blocking_threshold {
        let engine = version.engine.clone();
        let entry: &'static Entry = entry;
        match tokio::task::spawn_blocking(move || entry.answer_text(&engine, &text)).await {
            Ok(a) => a,
            Err(e) => {
                warn!(error = %e, "decision task failed");
                return refuse(
                    &state,
                    StatusCode::INTERNAL_SERVER_ERROR,
                    refusal::error(
                        codes::INTERNAL_TASK,
                        "",
                        format!("决策任务失败:{e}"),
                        format!("the decision task failed: {e}"),
                    ),
                );
            }
        }
    } else {
        entry.answer_text(&version.engine, &text)
    };
    let (status, codes) = answer_status(&answer);
    for c in &codes {
        state.metrics.error_code(c);
    }
    let mut r = json_response(status, answer);
    r.headers_mut()
        .insert(X_FUQUAN_RULESET.clone(), ruleset_header);
    r
}

async fn operations(State(state): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, state.operations.clone())
}

async fn ruleset(State(state): State<Arc<AppState>>) -> Response {
    let rules = state.rules();
    let source = match &state.source {
        RuleSource::Embedded => json!({ "kind": "embedded" }),
        RuleSource::Dir(d) => json!({ "kind": "rules", "dir": d.display().to_string() }),
        RuleSource::History(d) => json!({ "kind": "history", "dir": d.display().to_string() }),
    };
    let current = rules.current();
    let body = json!({
        "status": "ok",
        "source": source,
        "ruleset": current.map(|v| &v.reference),
        "header": current.map(|v| v.label.as_str()),
        "versions": rules.versions().iter().map(|v| &v.reference).collect::<Vec<_>>(),
        "warnings": rules.warnings,
    });
    let mut r = json_response(StatusCode::OK, body.to_string());
    if let Some(v) = current {
        r.headers_mut()
            .insert(X_FUQUAN_RULESET.clone(), v.header.clone());
    }
    r
}

async fn rules(State(state): State<Arc<AppState>>) -> Response {
    let loaded = state.rules();
    let Some(version) = loaded.current() else {
        return refuse(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            refusal::error(
                codes::INTERNAL_TASK,
                "",
                "没有可用的规则集".to_owned(),
                "no rule set is loaded".to_owned(),
            ),
        );
    };
    let engine = &version.engine;
    let list: Vec<Value> = RuleId::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(), "title_zh": r.title_zh(), "title_en": r.title_en(),
                "citations": engine.render_citations(*r),
            })
        })
        .collect();
    let body = json!({ "status": "ok", "ruleset": &version.reference, "rules": list });
    let mut r = json_response(StatusCode::OK, body.to_string());
    r.headers_mut()
        .insert(X_FUQUAN_RULESET.clone(), version.header.clone());
    r
}

async fn schema(State(state): State<Arc<AppState>>, Path(name): Path<String>) -> Response {
    let file = if name.ends_with(".schema.json") {
        name.clone()
    } else {
        format!("{name}.schema.json")
    };
    match state.schemas.get(&file) {
        Some(text) => (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/schema+json"),
            )],
            text.clone(),
        )
            .into_response(),
        None => refuse(
            &state,
            StatusCode::NOT_FOUND,
            refusal::error(
                codes::HTTP_NOT_FOUND,
                "name",
                format!("没有名为 {name:?} 的模式"),
                format!("no schema named {name:?}"),
            )
            .expected(
                state
                    .schemas
                    .keys()
                    .map(|k| stem(k))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
    }
}

async fn openapi(State(state): State<Arc<AppState>>) -> Response {
    json_response(StatusCode::OK, state.openapi.clone())
}

async fn healthz() -> Response {
    json_response(StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
}

async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    if state.ready.load(Ordering::SeqCst) {
        json_response(StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
    } else {
        refuse(
            &state,
            StatusCode::SERVICE_UNAVAILABLE,
            refusal::error(
                codes::HTTP_SHUTTING_DOWN,
                "",
                "服务正在停止".to_owned(),
                "the server is shutting down".to_owned(),
            ),
        )
    }
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    // A history's version in force changes with the date: refresh the gauge.
    state.metrics.set_ruleset(&state.rules());
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// Compares two byte strings in time independent of where they differ.
fn same_token(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn reload(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let Some(token) = state.admin_token.as_deref() else {
        return refuse(
            &state,
            StatusCode::FORBIDDEN,
            refusal::error(
                codes::HTTP_FORBIDDEN,
                "",
                "管理接口未启用(未配置 --admin-token-file)".to_owned(),
                "the admin endpoint is disabled (no --admin-token-file configured)".to_owned(),
            ),
        );
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(given) = given else {
        let mut r = refuse(
            &state,
            StatusCode::UNAUTHORIZED,
            refusal::error(
                codes::HTTP_UNAUTHORIZED,
                "",
                "需要 Authorization: Bearer <令牌>".to_owned(),
                "Authorization: Bearer <token> is required".to_owned(),
            ),
        );
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return r;
    };
    if !same_token(given.as_bytes(), token.as_bytes()) {
        return refuse(
            &state,
            StatusCode::FORBIDDEN,
            refusal::error(
                codes::HTTP_FORBIDDEN,
                "",
                "管理令牌不正确".to_owned(),
                "the admin token is not correct".to_owned(),
            ),
        );
    }
    let (status, body) = state.reload().await;
    let mut r = json_response(status, body);
    if let Some(v) = state.rules().current() {
        r.headers_mut()
            .insert(X_FUQUAN_RULESET.clone(), v.header.clone());
    }
    r
}
