//! Binding, the accept loop, signals and graceful shutdown.

use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tracing::{debug, info, warn};

use crate::config::Config;
use crate::routes::{router, AppState};
use crate::rules::LoadedRules;

/// A server started by [`start`]: its address, its state, and the means to stop it.
#[derive(Debug)]
pub struct RunningServer {
    addr: std::net::SocketAddr,
    state: Arc<AppState>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl RunningServer {
    /// The address it listens on (the real port when port 0 was asked).
    pub fn local_addr(&self) -> std::net::SocketAddr {
        self.addr
    }

    /// Its shared state (the rule set served, reload).
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Starts a graceful shutdown, as SIGTERM does: stop accepting, let
    /// in-flight requests finish (up to the shutdown timeout), then stop.
    pub fn shutdown(&self) {
        let _ = self.stop.send(true);
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) {
        if let Err(e) = self.task.await {
            warn!(error = %e, "server task ended abnormally");
        }
    }
}

/// Renders load diagnostics for a message.
fn diagnostics_text(diagnostics: &[fuquan::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.code, d.path, d.message_en))
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// Loads the rule set, binds `config.addr` and serves in the background of
/// the current tokio runtime. Returns once the socket is listening.
pub async fn start(config: Config) -> Result<RunningServer, String> {
    let source = config.source.clone();
    let rules = tokio::task::spawn_blocking(move || LoadedRules::load(&source))
        .await
        .map_err(|e| format!("loading the rule set failed: {e}"))?
        .map_err(|d| format!("the rule set does not load:\n  {}", diagnostics_text(&d)))?;
    let state = AppState::new(&config, rules)?;
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the local address: {e}"))?;
    let app = router(state.clone(), config.concurrency);
    let (stop, stopped) = watch::channel(false);
    if config.handle_signals {
        spawn_signal_handlers(state.clone(), stop.clone());
    }
    let task = tokio::spawn(accept_loop(
        listener,
        app,
        stopped,
        config.header_timeout,
        config.shutdown_timeout,
        state.clone(),
    ));
    if let Some(v) = state.rules().current() {
        info!(%addr, ruleset = %v.label, "fuquan serving");
    }
    Ok(RunningServer {
        addr,
        state,
        stop,
        task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    app: axum::Router,
    mut stopped: watch::Receiver<bool>,
    header_timeout: Duration,
    shutdown_timeout: Duration,
    state: Arc<AppState>,
) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    let service = TowerToHyperService::new(app.clone());
                    let conn = builder.serve_connection(TokioIo::new(stream), service);
                    let conn = graceful.watch(conn);
                    tokio::spawn(async move {
                        if let Err(e) = conn.await {
                            debug!(%peer, error = %e, "connection ended with an error");
                        }
                    });
                }
                Err(e) => {
                    // Out of file descriptors and the like: back off, keep serving.
                    warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            _ = stopped.changed() => break,
        }
    }
    state.set_ready(false);
    drop(listener);
    info!("shutting down: no new connections; finishing in-flight requests");
    tokio::select! {
        () = graceful.shutdown() => info!("all connections closed"),
        () = tokio::time::sleep(shutdown_timeout) => warn!("shutdown timeout: closing the remaining connections"),
    }
}

#[cfg(unix)]
fn spawn_signal_handlers(state: Arc<AppState>, stop: watch::Sender<bool>) {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::hangup()) {
        Ok(mut hup) => {
            let state = state.clone();
            tokio::spawn(async move {
                while hup.recv().await.is_some() {
                    info!("SIGHUP: reloading the rule set");
                    let (status, _) = state.reload().await;
                    info!(status = status.as_u16(), "SIGHUP reload done");
                }
            });
        }
        Err(e) => warn!(error = %e, "cannot listen for SIGHUP"),
    }
    tokio::spawn(async move {
        let term = signal(SignalKind::terminate());
        let int = signal(SignalKind::interrupt());
        match (term, int) {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => info!("SIGTERM"),
                    _ = int.recv() => info!("SIGINT"),
                }
            }
            _ => {
                warn!("cannot listen for SIGTERM/SIGINT; only Ctrl-C stops the server");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        let _ = stop.send(true);
    });
}

#[cfg(not(unix))]
fn spawn_signal_handlers(_state: Arc<AppState>, stop: watch::Sender<bool>) {
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stop.send(true);
    });
}

/// Sets up the log output (stderr, one line per event) at `level`: `off`,
/// `error`, `warn`, `info` (the CLI's default), `debug` or `trace`.
pub fn init_logging(level: &str) -> Result<(), String> {
    let filter = match level.to_ascii_lowercase().as_str() {
        "off" => tracing_subscriber::filter::LevelFilter::OFF,
        "error" => tracing_subscriber::filter::LevelFilter::ERROR,
        "warn" => tracing_subscriber::filter::LevelFilter::WARN,
        "info" => tracing_subscriber::filter::LevelFilter::INFO,
        "debug" => tracing_subscriber::filter::LevelFilter::DEBUG,
        "trace" => tracing_subscriber::filter::LevelFilter::TRACE,
        other => return Err(format!("unknown log level {other:?}")),
    };
    tracing_subscriber::fmt()
        .with_max_level(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .try_init()
        .map_err(|e| format!("logging: {e}"))
}

/// Runs the server until SIGTERM/SIGINT, on a multi-threaded tokio runtime
/// of its own (`worker_threads` workers; `None`: one per core). Blocking:
/// this is what `fuquan serve` calls.
pub fn run(mut config: Config, worker_threads: Option<usize>) -> Result<(), String> {
    config.handle_signals = true;
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    rt.enable_all();
    if let Some(n) = worker_threads {
        rt.worker_threads(n.max(1));
    }
    let rt = rt
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    rt.block_on(async move {
        let server = start(config).await?;
        eprintln!("fuquan serve: listening on http://{}", server.local_addr());
        server.wait().await;
        Ok(())
    })
}
