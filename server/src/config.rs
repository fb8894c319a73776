//! The server's settings.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Where the rule set comes from, and what a reload reads again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RuleSource {
    /// The rule set compiled into the crate (`Engine::embedded()`); cannot be reloaded.
    #[default]
    Embedded,
    /// One rule-set directory (`--rules DIR`).
    Dir(PathBuf),
    /// A directory of versions (`--history DIR`): each request is answered by the
    /// version in force on the server's current date (UTC).
    History(PathBuf),
}

/// Everything `fuquan serve` can set. [`Config::default`] gives the documented defaults.
#[derive(Clone, Debug)]
pub struct Config {
    /// The rule set to serve.
    pub source: RuleSource,
    /// The address to listen on (`127.0.0.1:8080`; port 0 picks a free one).
    pub addr: SocketAddr,
    /// The bearer token that enables `POST /v1/admin/reload`; `None` disables it.
    pub admin_token: Option<String>,
    /// The largest request body accepted by any operation, in bytes: each
    /// operation accepts the smaller of this and its own `max_request_bytes`
    /// (64 MiB by default, the JSON request limit of `docs/limits.md`).
    pub max_body_bytes: usize,
    /// Decision requests processed at once; more wait for a slot (tower's
    /// global concurrency limit) until their request timeout.
    pub concurrency: usize,
    /// Time allowed for one request, from its headers to its answer (reading
    /// the body included). Over it: 408 with code `http.timeout`.
    pub request_timeout: Duration,
    /// Time allowed for a client to send a request's headers (slow-loris guard;
    /// the connection is closed without an answer).
    pub header_timeout: Duration,
    /// On SIGTERM/SIGINT (or [`crate::RunningServer::shutdown`]): how long
    /// in-flight requests may take to finish before connections are dropped.
    pub shutdown_timeout: Duration,
    /// Bodies larger than this are decided on the blocking pool
    /// (`spawn_blocking`) instead of inline on the async worker.
    pub blocking_threshold: usize,
    /// Listen for SIGHUP (reload) and SIGTERM/SIGINT (graceful shutdown). The
    /// CLI sets it; in-process tests leave it off.
    pub handle_signals: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            source: RuleSource::Embedded,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            admin_token: None,
            max_body_bytes: fuquan::MAX_DOCUMENT_BYTES,
            concurrency: 256,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            shutdown_timeout: Duration::from_secs(30),
            blocking_threshold: 256 * 1024,
            handle_signals: false,
        }
    }
}
