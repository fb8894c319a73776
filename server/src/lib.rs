//! `fuquan-server`: every decision of the fuquan registry over HTTP.
//!
//! The library holds the router, its state and the server loop, so that tests
//! (and other programs) can start the service in-process; `fuquan serve` in the
//! CLI runs it. Routes, statuses and operation are described in `docs/serve.md`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), String> {
//! let config = fuquan_server::Config::default();
//! let server = fuquan_server::start(config).await?;
//! println!("listening on {}", server.local_addr());
//! server.shutdown();
//! server.wait().await;
//! # Ok(())
//! # }
//! ```

mod config;
mod metrics;
mod openapi;
mod refusal;
mod routes;
mod rules;
mod serve;

pub use config::{Config, RuleSource};
pub use openapi::openapi_document;
pub use refusal::codes;
pub use routes::{router, AppState};
pub use rules::{LoadedRules, ServedVersion};
pub use serve::{init_logging, run, start, RunningServer};
