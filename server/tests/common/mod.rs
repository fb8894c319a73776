//! Shared by the server tests: start a server in-process on 127.0.0.1:0, and a
//! minimal HTTP/1.1 client over a raw TCP stream (so that tests can also send
//! malformed, slow or streamed requests).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use fuquan_server::{Config, RuleSource, RunningServer};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A test config: loopback, any port, short timeouts.
pub fn config(source: RuleSource) -> Config {
    Config {
        source,
        addr: "127.0.0.1:0".parse().unwrap(),
        request_timeout: Duration::from_secs(5),
        header_timeout: Duration::from_secs(2),
        shutdown_timeout: Duration::from_secs(5),
        ..Config::default()
    }
}

pub async fn start(config: Config) -> RunningServer {
    fuquan_server::start(config).await.unwrap()
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The first error code of a refusal.
    pub fn code(&self) -> String {
        self.json()["errors"][0]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// One keep-alive connection.
pub struct Conn {
    pub stream: TcpStream,
    buf: Vec<u8>,
}

impl From<TcpStream> for Conn {
    fn from(stream: TcpStream) -> Conn {
        Conn {
            stream,
            buf: Vec::new(),
        }
    }
}

impl Conn {
    pub async fn open(addr: std::net::SocketAddr) -> Conn {
        let stream = TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        Conn {
            stream,
            buf: Vec::new(),
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.stream.write_all(bytes).await
    }

    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nhost: test\r\ncontent-length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        self.stream.write_all(&out).await.unwrap();
        self.read_reply().await.unwrap()
    }

    pub async fn post_json(&mut self, path: &str, body: &str) -> Reply {
        self.request(
            "POST",
            path,
            &[("content-type", "application/json")],
            body.as_bytes(),
        )
        .await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.request("GET", path, &[], b"").await
    }

    /// Reads one response (Content-Length bodies only: the server sends no other).
    /// `None` when the server closed the connection first.
    pub async fn read_reply(&mut self) -> Option<Reply> {
        loop {
            if let Some(end) = find(&self.buf, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&self.buf[..end]).to_string();
                let mut lines = head.split("\r\n");
                let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
                let headers: Vec<(String, String)> = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                    .collect();
                let len: usize = headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                    .map(|(_, v)| v.parse().unwrap())
                    .unwrap_or(0);
                while self.buf.len() < end + 4 + len {
                    if !self.fill().await {
                        return None;
                    }
                }
                let body = String::from_utf8(self.buf[end + 4..end + 4 + len].to_vec()).unwrap();
                self.buf.drain(..end + 4 + len);
                return Some(Reply {
                    status,
                    headers,
                    body,
                });
            }
            if !self.fill().await {
                return None;
            }
        }
    }

    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 16384];
        match self.stream.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A route request for the embedded rule set (a case of the conformance suite).
pub fn route_request() -> String {
    let text = std::fs::read_to_string(
        repo().join("fixtures/cases/route/route-a-carried-compulsory-delegation.json"),
    )
    .unwrap();
    let case: Value = serde_json::from_str(&text).unwrap();
    case["request"].to_string()
}

/// A route request that both versions of `fixtures/history-sample` answer.
pub fn history_sample_request() -> String {
    r#"{"items": ["CJ-P001"], "location": "zhangcun", "party": "individual", "business_activity": false, "dates": {"filing": "2024-08-16"}, "sanctions": ["warning"]}"#.to_owned()
}

/// A fresh scratch directory under the system temp dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fuquan-server-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies the files of one rule-set directory into `to` (replacing them).
pub fn copy_ruleset(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}
