//! Error bodies written by the HTTP layer itself, in the contract's refusal shape.

use fuquan::answer::Refused;
use fuquan::Diagnostic;

/// The codes the HTTP layer adds to the engine's (`fuquan::codes`). Every one
/// arrives in the refusal shape `{"status":"error","errors":[...],"warnings":[]}`.
pub mod codes {
    /// 415: the request's `Content-Type` is not `application/json` (UTF-8).
    pub const HTTP_UNSUPPORTED_MEDIA_TYPE: &str = "http.unsupported_media_type";
    /// 405: the method is not allowed on this path.
    pub const HTTP_METHOD_NOT_ALLOWED: &str = "http.method_not_allowed";
    /// 404: no such path (an unknown operation under `/v1/` is `input.unknown_operation`).
    pub const HTTP_NOT_FOUND: &str = "http.not_found";
    /// 408: the request was not read and answered within the request timeout.
    pub const HTTP_TIMEOUT: &str = "http.timeout";
    /// 401: the admin endpoint needs `Authorization: Bearer <token>`.
    pub const HTTP_UNAUTHORIZED: &str = "http.unauthorized";
    /// 403: wrong admin token, or the admin endpoint is disabled (no token configured).
    pub const HTTP_FORBIDDEN: &str = "http.forbidden";
    /// 409: a reload was asked of a server serving the embedded rule set.
    pub const RELOAD_NO_DIRECTORY: &str = "reload.no_directory";
    /// 400: the request body could not be read (the client broke off).
    pub const HTTP_BODY: &str = "http.body";
    /// 503 from `/readyz`: the server is shutting down.
    pub const HTTP_SHUTTING_DOWN: &str = "http.shutting_down";
    /// 500: the decision task failed (never expected; logged).
    pub const INTERNAL_TASK: &str = "internal.task";
}

/// The refusal body for one diagnostic.
pub(crate) fn body(d: Diagnostic) -> String {
    text(&Refused::new(vec![d]))
}

fn text(r: &Refused) -> String {
    serde_json::to_string(r).unwrap_or_else(|_| {
        r#"{"status":"error","errors":[{"code":"internal.encode","severity":"error","path":"","message_zh":"内部错误","message_en":"internal error"}],"warnings":[]}"#.to_owned()
    })
}

/// One error diagnostic.
pub(crate) fn error(code: &str, path: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, path, zh, en)
}

/// `input.too_large` for a body over `limit` bytes.
pub(crate) fn too_large(limit: usize) -> Diagnostic {
    Diagnostic::error(
        fuquan::codes::INPUT_TOO_LARGE,
        "",
        format!("请求正文超过 {limit} 字节的上限"),
        format!("the request body exceeds the limit of {limit} bytes"),
    )
    .expected(format!("at most {limit} bytes"))
}
