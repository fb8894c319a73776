//! Faults at the edge: malformed and over-limit bodies, wrong content types and
//! methods, slow clients, and many connections at once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::time::{Duration, Instant};

use common::{config, route_request, start, Conn};
use fuquan_server::RuleSource;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_have_their_status_and_the_refusal_shape() {
    let server = start(config(RuleSource::Embedded)).await;
    let mut c = Conn::open(server.local_addr()).await;

    let r = c.post_json("/v1/route", "{\"items\": [").await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (400, "input.syntax"),
        "{}",
        r.body
    );
    let v = r.json();
    assert_eq!(v["status"], "error");
    assert_eq!(v["warnings"], serde_json::json!([]));
    for key in ["code", "path", "message_zh", "message_en"] {
        assert!(
            v["errors"][0].get(key).is_some(),
            "{key} missing: {}",
            r.body
        );
    }

    // A refused case (unknown field) is 400 with the engine's code.
    let r = c.post_json("/v1/route", r#"{"nonsense": 1}"#).await;
    assert_eq!(r.status, 400, "{}", r.body);

    let r = c.post_json("/v1/no_such_decision", "{}").await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (404, "input.unknown_operation")
    );

    let r = c.get("/no/such/path").await;
    assert_eq!((r.status, r.code().as_str()), (404, "http.not_found"));

    let r = c.get("/v1/route").await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (405, "http.method_not_allowed")
    );
    assert_eq!(r.header("allow"), Some("POST"));
    let r = c.request("DELETE", "/healthz", &[], b"").await;
    assert_eq!((r.status, r.header("allow")), (405, Some("GET")));

    let body = route_request();
    let r = c.request("POST", "/v1/route", &[], body.as_bytes()).await;
    assert_eq!(
        (r.status, r.code().as_str()),
        (415, "http.unsupported_media_type")
    );
    let r = c
        .request(
            "POST",
            "/v1/route",
            &[("content-type", "text/plain")],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 415);
    let r = c
        .request(
            "POST",
            "/v1/route",
            &[("content-type", "application/json; charset=latin1")],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 415);
    let r = c
        .request(
            "POST",
            "/v1/route",
            &[("content-type", "Application/JSON; charset=UTF-8")],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Not UTF-8.
    let r = c
        .request(
            "POST",
            "/v1/route",
            &[("content-type", "application/json")],
            b"{\"case_id\": \"\xff\"}",
        )
        .await;
    assert_eq!((r.status, r.code().as_str()), (400, "input.syntax"));

    // The request id: echoed when given, generated when not.
    let r = c
        .request(
            "POST",
            "/v1/route",
            &[
                ("content-type", "application/json"),
                ("x-request-id", "abc-123"),
            ],
            body.as_bytes(),
        )
        .await;
    assert_eq!(r.header("x-request-id"), Some("abc-123"));
    let a = c.get("/healthz").await;
    let b = c.get("/healthz").await;
    assert!(a.header("x-request-id").is_some());
    assert_ne!(a.header("x-request-id"), b.header("x-request-id"));

    // The connection survived every refusal above.
    let r = c.post_json("/v1/route", &body).await;
    assert_eq!(r.status, 200);
    server.shutdown();
    server.wait().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_limit_bodies_are_413_without_reading_them_whole() {
    let server = start(config(RuleSource::Embedded)).await;
    let addr = server.local_addr();
    let limit = fuquan::MAX_DOCUMENT_BYTES;

    // Declared 65 MiB: refused from the header, before any body byte is sent.
    let mut c = Conn::open(addr).await;
    let head = format!(
        "POST /v1/route HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        65 * 1024 * 1024
    );
    c.send_raw(head.as_bytes()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(5), c.read_reply())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.status, r.code().as_str()),
        (413, "input.too_large"),
        "{}",
        r.body
    );

    // Chunked, no length: streamed from one 1 MiB buffer until the server refuses.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /v1/route HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
        .await
        .unwrap();
    let (mut rd, mut wr) = stream.into_split();
    let writer = tokio::spawn(async move {
        let chunk = vec![b' '; 1024 * 1024];
        let mut sent = 0usize;
        for _ in 0..66 {
            let frame = format!("{:x}\r\n", chunk.len());
            if wr.write_all(frame.as_bytes()).await.is_err()
                || wr.write_all(&chunk).await.is_err()
                || wr.write_all(b"\r\n").await.is_err()
            {
                break;
            }
            sent += chunk.len();
        }
        sent
    });
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(20);
    while !got.windows(4).any(|w| w == b"\r\n\r\n") && Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(20), rd.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => got.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    let head = String::from_utf8_lossy(&got).to_string();
    assert!(head.starts_with("HTTP/1.1 413"), "{head}");
    let sent = writer.await.unwrap();
    assert!(sent <= limit + 2 * 1024 * 1024, "sent {sent}");

    // And the server keeps serving.
    let mut c = Conn::open(addr).await;
    assert_eq!(c.post_json("/v1/route", &route_request()).await.status, 200);
    server.shutdown();
    server.wait().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_timed_out_while_others_are_served() {
    let mut cfg = config(RuleSource::Embedded);
    cfg.header_timeout = Duration::from_secs(1);
    cfg.request_timeout = Duration::from_secs(2);
    let server = start(cfg).await;
    let addr = server.local_addr();

    // Slow loris 1: headers one byte at a time, never finished.
    let loris = tokio::spawn(async move {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        let started = Instant::now();
        let drip = b"POST /v1/route HTTP/1.1\r\nhost: t\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        for b in drip.iter().cycle() {
            if s.write_all(&[*b]).await.is_err() || started.elapsed() > Duration::from_secs(8) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            // The server closes the connection: a read sees the end (or an error).
            let mut buf = [0u8; 256];
            if let Ok(Ok(n)) =
                tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf)).await
            {
                let _ = n;
                break;
            }
        }
        started.elapsed()
    });

    // Slow loris 2: headers sent, the body never finished → 408.
    let body_stall = tokio::spawn(async move {
        let mut c = Conn::open(addr).await;
        c.send_raw(b"POST /v1/route HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"items\"")
            .await
            .unwrap();
        let started = Instant::now();
        let r = tokio::time::timeout(Duration::from_secs(8), c.read_reply())
            .await
            .unwrap()
            .unwrap();
        (r.status, r.code(), started.elapsed())
    });

    // Meanwhile another client is served, quickly.
    let mut c = Conn::open(addr).await;
    let body = route_request();
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(c.post_json("/v1/route", &body).await.status, 200);
        assert!(started.elapsed() < Duration::from_millis(500));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let loris_time = loris.await.unwrap();
    assert!(
        loris_time < Duration::from_secs(5),
        "slow headers kept for {loris_time:?}"
    );
    let (status, code, stall_time) = body_stall.await.unwrap();
    assert_eq!((status, code.as_str()), (408, "http.timeout"));
    assert!(stall_time < Duration::from_secs(4), "{stall_time:?}");
    server.shutdown();
    server.wait().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_connections_are_all_answered() {
    let server = start(config(RuleSource::Embedded)).await;
    let addr = server.local_addr();
    let body = std::sync::Arc::new(route_request());
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(1000));
    let started = Instant::now();
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let body = body.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                let mut c = Conn::open(addr).await;
                barrier.wait().await; // every connection open before any request
                let r = c.post_json("/v1/route", &body).await;
                (r.status, r.json()["ruling"]["ruleset"]["id"].clone())
            })
        })
        .collect();
    for t in tasks {
        let (status, id) = t.await.unwrap();
        assert_eq!((status, id.as_str()), (200, Some("huancui-2024")));
    }
    assert!(started.elapsed() < Duration::from_secs(20));
    server.shutdown();
    server.wait().await;
}
