//! A tiny HTTP/1.1 server on loopback that misbehaves on purpose, for the fault-injection and
//! load tests. wiremock answers well-formed responses only; resets, stalls, drips, lies about
//! `Content-Length` and connection counts need a server that owns the socket.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server saw of one request.
#[derive(Debug, Clone)]
pub struct Seen {
    /// The HTTP method.
    pub method: String,
    /// The request target (path and query).
    pub target: String,
    /// `X-RestLi-Method`, lower-cased header names.
    pub restli_method: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// What to do with one request.
#[derive(Debug, Clone)]
pub enum Action {
    /// A well-formed response with `Content-Length`; the connection stays open for more.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These bytes, then close (FIN): e.g. a body shorter than its `Content-Length`.
    RawThenClose(Vec<u8>),
    /// These bytes, then reset the connection (RST).
    RawThenReset(Vec<u8>),
    /// Close without answering.
    Close,
    /// Never answer; hold the connection until the client gives up.
    Stall,
    /// The status line and headers, then the body `chunk` bytes at a time, `every` apart.
    Drip {
        head: Vec<u8>,
        body: Vec<u8>,
        chunk: usize,
        every: Duration,
    },
    /// The status line and headers, then `total` bytes of body as fast as the client reads
    /// (stops when the client goes away); in chunked framing when `chunked`.
    Flood {
        head: Vec<u8>,
        total: usize,
        chunked: bool,
    },
}

/// The response head of a status with these headers (and nothing else: the caller adds
/// `content-length` or `transfer-encoding` when it wants one).
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        401 => "Unauthorized",
        426 => "Upgrade Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

type Handler = dyn Fn(usize, &Seen) -> Action + Send + Sync;

/// A running server: its address and what it saw.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl Server {
    /// Starts a server answering each request with `handler(index of the request, request)`.
    pub async fn start(handler: impl Fn(usize, &Seen) -> Action + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let server = Server {
            addr: listener.local_addr().expect("local addr"),
            seen: Arc::default(),
            connections: Arc::default(),
            requests: Arc::default(),
        };
        let handler: Arc<Handler> = Arc::new(handler);
        let s = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                s.connections.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(s.clone().connection(stream, Arc::clone(&handler)));
            }
        });
        server
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests arrived.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// How many TCP connections were accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }

    /// Every request seen so far (only kept for servers started with `start`, not `start_quiet`).
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    async fn connection(self, mut stream: TcpStream, handler: Arc<Handler>) {
        let mut buf = Vec::with_capacity(4096);
        loop {
            let Some(seen) = read_request(&mut stream, &mut buf).await else {
                return;
            };
            let index = self.requests.fetch_add(1, Ordering::Relaxed);
            let action = handler(index, &seen);
            self.seen.lock().unwrap().push(seen);
            if !perform(&mut stream, action).await {
                return;
            }
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` when the client closed.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Seen> {
    let head_end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let mut length = 0usize;
    let mut restli_method = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "content-length" => length = value.parse().ok()?,
            "x-restli-method" => restli_method = Some(value.to_owned()),
            _ => {}
        }
    }
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let body = buf[head_end..head_end + length].to_vec();
    buf.drain(..head_end + length);
    Some(Seen {
        method,
        target,
        restli_method,
        body,
    })
}

/// Does `action`; whether the connection may serve another request.
async fn perform(stream: &mut TcpStream, action: Action) -> bool {
    match action {
        Action::Respond {
            status,
            headers,
            body,
        } => {
            let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
            for (k, v) in &headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            stream.write_all(&bytes).await.is_ok()
        }
        Action::RawThenClose(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            let _ = stream.shutdown().await;
            false
        }
        Action::RawThenReset(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.flush().await;
            // Give the client time to read the head, so the reset lands mid-body.
            tokio::time::sleep(Duration::from_millis(20)).await;
            let _ = stream.set_zero_linger();
            false
        }
        Action::Close => false,
        Action::Stall => {
            // Returns when the client closes its end (or sends more, which it will not).
            let mut byte = [0u8; 1];
            let _ = stream.read(&mut byte).await;
            false
        }
        Action::Drip {
            head,
            body,
            chunk,
            every,
        } => {
            if stream.write_all(&head).await.is_err() {
                return false;
            }
            for piece in body.chunks(chunk) {
                tokio::time::sleep(every).await;
                if stream.write_all(piece).await.is_err() {
                    return false;
                }
            }
            true
        }
        Action::Flood {
            head,
            total,
            chunked,
        } => {
            if stream.write_all(&head).await.is_err() {
                return false;
            }
            let block = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < total {
                let n = block.len().min(total - sent);
                let mut piece = Vec::with_capacity(n + 16);
                if chunked {
                    piece.extend_from_slice(format!("{n:x}\r\n").as_bytes());
                }
                piece.extend_from_slice(&block[..n]);
                if chunked {
                    piece.extend_from_slice(b"\r\n");
                }
                if stream.write_all(&piece).await.is_err() {
                    return false;
                }
                sent += n;
            }
            if chunked && stream.write_all(b"0\r\n\r\n").await.is_err() {
                return false;
            }
            true
        }
    }
}
