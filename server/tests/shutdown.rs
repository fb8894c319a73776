//! Graceful shutdown (what SIGTERM/SIGINT trigger in `fuquan serve`): no new
//! connections, in-flight requests complete, idle connections are closed.

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_flight_requests_complete_after_shutdown_begins() {
    let server = start(config(RuleSource::Embedded)).await;
    let addr = server.local_addr();
    let body = route_request();
    let (first, rest) = body.split_at(body.len() / 2);

    // Three requests in flight: headers and half of each body sent.
    let mut in_flight = Vec::new();
    for _ in 0..3 {
        let mut c = Conn::open(addr).await;
        let head = format!(
            "POST /v1/route HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{first}",
            body.len()
        );
        c.send_raw(head.as_bytes()).await.unwrap();
        in_flight.push(c);
    }
    // And one idle keep-alive connection.
    let mut idle = Conn::open(addr).await;
    assert_eq!(idle.get("/readyz").await.status, 200);
    tokio::time::sleep(Duration::from_millis(100)).await;

    let started = Instant::now();
    server.shutdown();
    tokio::time::sleep(Duration::from_millis(300)).await;

    // No new connections are accepted.
    let refused = match tokio::net::TcpStream::connect(addr).await {
        Err(_) => true,
        Ok(s) => {
            let mut c = Conn::from(s);
            c.send_raw(b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n")
                .await
                .ok();
            c.read_reply().await.is_none()
        }
    };
    assert!(refused, "a new connection was served after shutdown began");

    // The requests in flight finish, with their full answers.
    for mut c in in_flight {
        c.send_raw(rest.as_bytes()).await.unwrap();
        let r = tokio::time::timeout(Duration::from_secs(5), c.read_reply())
            .await
            .unwrap()
            .expect("an answer, not a closed connection");
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.json()["status"], "ok");
        assert_eq!(r.header("connection"), Some("close"));
    }
    // The idle connection is closed by the server.
    assert!(
        tokio::time::timeout(Duration::from_secs(5), idle.read_reply())
            .await
            .unwrap()
            .is_none()
    );
    tokio::time::timeout(Duration::from_secs(5), server.wait())
        .await
        .expect("the server stops once its connections are done");
    assert!(started.elapsed() < Duration::from_secs(5));
}
