//! A small HTTP/1.1 load generator for `fuquan serve` (not a test): keep-alive
//! connections, each sending one request after another, for a fixed time.
//!
//! ```sh
//! cargo build --release -p fuquan-cli -p fuquan-server --example load
//! target/release/fuquan serve --addr 127.0.0.1:8080 --log warn &
//! target/release/examples/load --addr 127.0.0.1:8080 --connections 32 --seconds 10
//! ```
//!
//! Prints requests per second and latency percentiles (from the moment a
//! request is written to the moment its answer is read whole).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Args {
    addr: String,
    connections: usize,
    seconds: f64,
    warmup: f64,
    operation: String,
    body: String,
}

fn args() -> Args {
    let mut a = Args {
        addr: "127.0.0.1:8080".to_owned(),
        connections: 32,
        seconds: 10.0,
        warmup: 1.0,
        operation: "route".to_owned(),
        body: String::new(),
    };
    let mut body_file = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => a.addr = value,
            "--connections" => a.connections = value.parse().unwrap(),
            "--seconds" => a.seconds = value.parse().unwrap(),
            "--warmup" => a.warmup = value.parse().unwrap(),
            "--operation" => a.operation = value,
            "--body" => body_file = Some(value),
            other => panic!("unknown flag {other}"),
        }
    }
    a.body = match body_file {
        Some(f) => std::fs::read_to_string(f).unwrap(),
        None => {
            let case = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../fixtures/cases/route/route-a-carried-compulsory-delegation.json"
            );
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
            v["request"].to_string()
        }
    };
    a
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Reads one response; returns its status.
async fn read_reply(s: &mut TcpStream, buf: &mut Vec<u8>) -> Option<u16> {
    let mut chunk = [0u8; 65536];
    loop {
        if let Some(end) = find(buf, b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).ok()?;
            let status = head.split(' ').nth(1)?.parse().ok()?;
            let len: usize = head
                .split("\r\n")
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = s.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            buf.drain(..end + 4 + len);
            return Some(status);
        }
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[tokio::main]
async fn main() {
    let a = args();
    let request = format!(
        "POST /v1/{} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{}",
        a.operation,
        a.addr,
        a.body.len(),
        a.body
    )
    .into_bytes();
    let request = std::sync::Arc::new(request);
    let start = Instant::now();
    let measure_from = start + Duration::from_secs_f64(a.warmup);
    let end = measure_from + Duration::from_secs_f64(a.seconds);
    let tasks: Vec<_> = (0..a.connections)
        .map(|_| {
            let request = request.clone();
            let addr = a.addr.clone();
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(1 << 12);
                let mut errors = 0u64;
                let Ok(mut s) = TcpStream::connect(&addr).await else {
                    return (lat, 1);
                };
                let _ = s.set_nodelay(true);
                let mut buf = Vec::new();
                loop {
                    let t = Instant::now();
                    if t >= end {
                        break;
                    }
                    if s.write_all(&request).await.is_err() {
                        errors += 1;
                        break;
                    }
                    match read_reply(&mut s, &mut buf).await {
                        Some(200) => {}
                        Some(_) => errors += 1,
                        None => {
                            errors += 1;
                            break;
                        }
                    }
                    if t >= measure_from {
                        lat.push(t.elapsed().as_micros() as u32);
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (lat, e) = t.await.unwrap();
        all.extend(lat);
        errors += e;
    }
    all.sort_unstable();
    let pct = |p: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((all.len() as f64 - 1.0) * p).round() as usize;
        f64::from(all[i]) / 1000.0
    };
    println!(
        "{} /v1/{}: {} connections, {:.0} s measured ({:.0} s warm-up): {} requests, {:.0} req/s, errors {}",
        a.addr,
        a.operation,
        a.connections,
        a.seconds,
        a.warmup,
        all.len(),
        all.len() as f64 / a.seconds,
        errors
    );
    println!(
        "latency ms: p50 {:.3}  p90 {:.3}  p99 {:.3}  p99.9 {:.3}  max {:.3}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(0.999),
        pct(1.0)
    );
}
