//! Prometheus metrics, in a registry of this server's own (not the global one,
//! so that several servers in one process — tests — keep separate counts).

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

use crate::rules::LoadedRules;

/// The server's metrics.
pub(crate) struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    errors: IntCounterVec,
    ruleset: IntGaugeVec,
    reloads: IntCounterVec,
}

impl Metrics {
    pub(crate) fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "fuquan_http_requests_total",
                "HTTP requests by operation (or route) and status code",
            ),
            &["operation", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "fuquan_http_request_duration_seconds",
                "Time from the request's headers to its answer, by operation (or route)",
            )
            .buckets(vec![
                0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05,
                0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ]),
            &["operation"],
        )?;
        let errors = IntCounterVec::new(
            Opts::new(
                "fuquan_errors_total",
                "Error codes in refused requests (engine and HTTP codes)",
            ),
            &["code"],
        )?;
        let ruleset = IntGaugeVec::new(
            Opts::new(
                "fuquan_ruleset_info",
                "The rule-set version(s) being served (value 1; 2 marks the version in force today)",
            ),
            &["id", "version", "content_hash", "effective_from"],
        )?;
        let reloads = IntCounterVec::new(
            Opts::new("fuquan_reloads_total", "Rule-set reloads by result"),
            &["result"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(errors.clone()))?;
        registry.register(Box::new(ruleset.clone()))?;
        registry.register(Box::new(reloads.clone()))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            errors,
            ruleset,
            reloads,
        })
    }

    pub(crate) fn observe(&self, operation: &str, status: u16, seconds: f64) {
        let status = status.to_string();
        self.requests
            .with_label_values(&[operation, status.as_str()])
            .inc();
        self.latency
            .with_label_values(&[operation])
            .observe(seconds);
    }

    pub(crate) fn error_code(&self, code: &str) {
        self.errors.with_label_values(&[code]).inc();
    }

    pub(crate) fn reload(&self, ok: bool) {
        self.reloads
            .with_label_values(&[if ok { "ok" } else { "refused" }])
            .inc();
    }

    /// Sets the rule-set gauge to the versions of `rules` (old labels removed).
    pub(crate) fn set_ruleset(&self, rules: &LoadedRules) {
        self.ruleset.reset();
        let current = rules.current().map(|v| v.label.clone());
        for v in rules.versions() {
            let meta = v.engine.meta();
            let from = meta
                .effective_from
                .map(|d| d.to_string())
                .unwrap_or_default();
            let value = if rules.history && current.as_deref() == Some(v.label.as_str()) {
                2
            } else {
                1
            };
            self.ruleset
                .with_label_values(&[
                    meta.id.as_str(),
                    meta.version.as_str(),
                    v.engine.content_hash(),
                    from.as_str(),
                ])
                .set(value);
        }
    }

    /// The text exposition format.
    pub(crate) fn render(&self) -> String {
        let mut buf = Vec::new();
        if TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .is_err()
        {
            return String::new();
        }
        String::from_utf8(buf).unwrap_or_default()
    }
}
