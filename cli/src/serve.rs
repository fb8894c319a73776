//! `fuquan serve`: the HTTP service of `fuquan-server`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use fuquan_server::{Config, RuleSource};

/// The options of `fuquan serve`.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// A rule-set directory to serve instead of the embedded default (reloadable).
    #[arg(long, conflicts_with = "history")]
    rules: Option<PathBuf>,
    /// A directory of rule-set versions: requests are answered by the version in
    /// force on the server's current date (UTC) (reloadable).
    #[arg(long)]
    history: Option<PathBuf>,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A file holding the bearer token that enables POST /v1/admin/reload
    /// (first line, trimmed). Without it the endpoint answers 403.
    #[arg(long)]
    admin_token_file: Option<PathBuf>,
    /// The largest request body of any operation, in bytes (each operation
    /// also keeps its own limit: 64 MiB, 256 MiB for validate and route_history).
    #[arg(long, default_value_t = fuquan::MAX_DOCUMENT_BYTES)]
    max_body_bytes: usize,
    /// Decision requests processed at once; more wait for a slot.
    #[arg(long, default_value_t = 256)]
    concurrency: usize,
    /// Seconds allowed for one request, reading its body included (then 408).
    #[arg(long, default_value_t = 30.0)]
    request_timeout: f64,
    /// Seconds allowed for a client to send a request's headers.
    #[arg(long, default_value_t = 10.0)]
    header_timeout: f64,
    /// Seconds in-flight requests may take to finish after SIGTERM/SIGINT.
    #[arg(long, default_value_t = 30.0)]
    shutdown_timeout: f64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Log level on stderr: off, error, warn, info, debug, trace.
    #[arg(long, default_value = "info")]
    log: String,
}

fn seconds(name: &str, s: f64) -> Result<Duration, String> {
    Duration::try_from_secs_f64(s).map_err(|e| format!("--{name} {s}: {e}"))
}

pub(crate) fn run(args: ServeArgs) -> Result<ExitCode, String> {
    let source = match (args.rules, args.history) {
        (Some(dir), _) => RuleSource::Dir(dir),
        (None, Some(dir)) => RuleSource::History(dir),
        (None, None) => RuleSource::Embedded,
    };
    let admin_token = match &args.admin_token_file {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let token = text.lines().next().unwrap_or("").trim().to_owned();
            if token.is_empty() {
                return Err(format!("{}: the admin token file is empty", path.display()));
            }
            Some(token)
        }
        None => None,
    };
    let config = Config {
        source,
        addr: args.addr,
        admin_token,
        max_body_bytes: args.max_body_bytes,
        concurrency: args.concurrency,
        request_timeout: seconds("request-timeout", args.request_timeout)?,
        header_timeout: seconds("header-timeout", args.header_timeout)?,
        shutdown_timeout: seconds("shutdown-timeout", args.shutdown_timeout)?,
        ..Config::default()
    };
    fuquan_server::init_logging(&args.log)?;
    fuquan_server::run(config, args.workers)?;
    Ok(ExitCode::SUCCESS)
}
