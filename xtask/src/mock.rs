//! `cargo xtask mock VERSION`: a local stand-in for LinkedIn that every example runs against.
//!
//! Prism serves the spec governing the month (the API host); beside it, an upload sink plays
//! LinkedIn's upload host, which Prism cannot: the upload URLs in the spec's examples point at
//! `https://www.linkedin.com/dms-uploads/…`, and a client built with
//! `LINKEDIN_UPLOAD_BASE_URL` (the examples' `upload_base_url`) sends those `PUT`s to the sink
//! instead, keeping their path and query. The sink accepts every `PUT` with `201` and an `ETag`
//! (a video's parts need one to be finalized) and prints what it received.
//!
//! Both stop with the command (Ctrl-C, or a TERM signal to it).

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use codegen::registry::{Registry, is_month, spec_path};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// How long Prism may take to load a spec and listen (a cold `npx` start takes seconds).
const PRISM_START: Duration = Duration::from_secs(90);

pub fn run(root: &Path, version: &str, port: u16, upload_port: Option<u16>) -> Result<(), String> {
    if !is_month(version) {
        return Err(format!("`{version}` is not a month (YYYYMM, e.g. 202606)"));
    }
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    let month = registry
        .versions
        .iter()
        .find(|m| m.version == version)
        .ok_or_else(|| {
            format!(
                "{version} is not a month in spec/versions.yaml (from {} to {})",
                registry.versions[0].version,
                registry.latest().version
            )
        })?;
    let spec = spec_path(&month.spec);
    let upload_port = match upload_port {
        Some(p) => p,
        None => port
            .checked_add(1)
            .ok_or("--port 65535 leaves no port for the upload sink: pass --upload-port")?,
    };
    // Both ports are taken now, so a busy one fails before Prism starts.
    let sink_listener = TcpListener::bind(("127.0.0.1", upload_port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{upload_port} for the upload sink: {e}")
    })?;
    TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port} for Prism: {e}"))?;
    crate::test::ensure_node_tools(root)?;

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    runtime.block_on(serve(root, version, &spec, port, sink_listener))
}

async fn serve(
    root: &Path,
    version: &str,
    spec: &Path,
    port: u16,
    sink_listener: TcpListener,
) -> Result<(), String> {
    let sink = MockServer::builder().listener(sink_listener).start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(201).insert_header("etag", "\"mock-upload-etag\""))
        .mount(&sink)
        .await;

    let log_dir = root.join("target/mock");
    std::fs::create_dir_all(&log_dir)
        .map_err(|e| format!("cannot create {}: {e}", log_dir.display()))?;
    let log_path = log_dir.join(format!("prism-{port}.log"));
    let mut prism = Prism::start(root, spec, port, &log_path)?;
    prism.wait_ready(port, &log_path)?;

    let api = format!("http://127.0.0.1:{port}");
    println!("mock of LinkedIn {version} ({})", spec.display());
    println!("  API:     {api} (Prism; its log: {})", log_path.display());
    println!(
        "  uploads: {} (accepts every PUT: 201 with an ETag)",
        sink.uri()
    );
    println!("Run the examples from another shell with:");
    println!(
        "  export LINKEDIN_ACCESS_TOKEN=mock-token LINKEDIN_BASE_URL={api} LINKEDIN_UPLOAD_BASE_URL={}",
        sink.uri()
    );
    println!("Ctrl-C stops both.");

    // Stopping xtask alone (a TERM to its pid, not its process group) stops Prism too: the
    // signal ends this loop, and dropping `prism` kills it.
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .map_err(|e| format!("cannot watch for SIGTERM: {e}"))?;
    let mut reported = 0;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            _ = tokio::signal::ctrl_c() => return Ok(()),
            _ = term.recv() => return Ok(()),
        }
        if let Some(status) = prism.0.try_wait().map_err(|e| e.to_string())? {
            return Err(format!(
                "Prism stopped ({status}); its log:\n{}",
                tail(&log_path)
            ));
        }
        let received = sink.received_requests().await.unwrap_or_default();
        for r in &received[reported..] {
            let bearer = r
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("Bearer "));
            println!(
                "upload: {} {} ({} bytes, bearer token: {})",
                r.method,
                r.url.path(),
                r.body.len(),
                if bearer { "yes" } else { "no" }
            );
        }
        reported = received.len();
    }
}

/// The Prism process; killed and reaped when dropped (an error return included).
struct Prism(Child);

impl Prism {
    fn start(root: &Path, spec: &Path, port: u16, log: &Path) -> Result<Prism, String> {
        let bin = root.join("node_modules/.bin/prism");
        let out = std::fs::File::create(log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        Command::new(&bin)
            .args([
                "mock",
                "--errors",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .arg(root.join(spec))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map(Prism)
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))
    }

    fn wait_ready(&mut self, port: u16, log: &Path) -> Result<(), String> {
        let deadline = Instant::now() + PRISM_START;
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            if let Ok(Some(status)) = self.0.try_wait() {
                return Err(format!("Prism exited ({status}); its log:\n{}", tail(log)));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "Prism did not listen on port {port} within {} s; its log:\n{}",
            PRISM_START.as_secs(),
            tail(log)
        ))
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The last lines of a log, for an error message.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}
