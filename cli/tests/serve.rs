//! `fuquan serve` as a process: SIGHUP reloads the rule-set directory, SIGTERM
//! lets the request in flight finish and the process exits 0 (unix only).

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_ruleset(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill {sig}");
}

/// One request on a fresh connection; the whole response as text.
fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn route(addr: SocketAddr, body: &str) -> String {
    exchange(
        addr,
        &format!(
            "POST /v1/route HTTP/1.1\r\nhost: t\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn sighup_reloads_and_sigterm_drains() {
    let dir = std::env::temp_dir().join(format!("fuquan-cli-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_ruleset(&repo().join("fixtures/history-sample/v1"), &dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_fuquan"))
        .args(["serve", "--addr", "127.0.0.1:0", "--log", "warn", "--rules"])
        .arg(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .trim()
        .rsplit("http://")
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|e| panic!("{e}: {line}"));
    let body = r#"{"items": ["CJ-P001"], "location": "zhangcun", "party": "individual", "business_activity": false, "dates": {"filing": "2024-08-16"}, "sanctions": ["warning"]}"#;
    let r = route(addr, body);
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(
        r.contains("x-fuquan-ruleset: history-sample@2024.1#"),
        "{r}"
    );

    // SIGHUP: the directory now holds v2.
    copy_ruleset(&repo().join("fixtures/history-sample/v2"), &dir);
    signal(&child, "-HUP");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let r = route(addr, body);
        assert!(r.starts_with("HTTP/1.1 200"), "{r}");
        if r.contains("x-fuquan-ruleset: history-sample@2025.1#") {
            break;
        }
        assert!(Instant::now() < deadline, "SIGHUP did not reload");
        std::thread::sleep(Duration::from_millis(50));
    }

    // SIGTERM with a request in flight: half its body sent.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let (first, rest) = body.split_at(body.len() / 2);
    write!(
        s,
        "POST /v1/route HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{first}",
        body.len()
    )
    .unwrap();
    s.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    signal(&child, "-TERM");
    std::thread::sleep(Duration::from_millis(300));
    s.write_all(rest.as_bytes()).unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""), "{answer}");

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    let _ = std::fs::remove_dir_all(&dir);
}
