//! A Prism mock server per test: started on a free loopback port, stopped when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A Prism mock server this test started; stopped (and reaped) when dropped, also on a panic.
pub struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Starts Prism on a free port. A port found free can be taken by another test before Prism
    /// binds it; Prism then exits with `EADDRINUSE` and we try another port.
    pub fn start(spec: &Path, name: &str) -> Prism {
        let bin = root().join("node_modules/.bin/prism");
        assert!(
            bin.exists(),
            "Prism is not installed: run `npm ci` (the README's test command does)"
        );
        let mut last_log = String::new();
        for _ in 0..5 {
            let port = free_port();
            let log = std::env::temp_dir().join(format!("linkedin-api-prism-{name}-{port}.log"));
            let out = std::fs::File::create(&log).expect("prism log");
            let child = Command::new(&bin)
                .args([
                    "mock",
                    "--errors",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                ])
                .arg(spec)
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("log"))
                .stderr(out)
                .spawn()
                .expect("start prism");
            let mut prism = Prism { child, port, log };
            match prism.wait_ready() {
                Ok(()) => return prism,
                Err(log) => last_log = log,
            }
        }
        panic!("Prism did not start on any of 5 ports; its last log:\n{last_log}");
    }

    /// Waits until Prism says it listens on our port (connecting alone could reach whoever took
    /// the port); `Err` with Prism's log when it exited first.
    fn wait_ready(&mut self) -> Result<(), String> {
        let ready = format!("Prism is listening on http://127.0.0.1:{}", self.port);
        let deadline = Instant::now() + Duration::from_secs(90);
        while Instant::now() < deadline {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            if log.contains(&ready) && TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            if let Ok(Some(_)) = self.child.try_wait() {
                return Err(log);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "Prism did not start on port {} within 90 s; its log:\n{}",
            self.port,
            std::fs::read_to_string(&self.log).unwrap_or_default()
        );
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `N` distinct free ports: each listener is held until all are chosen, so two calls of
/// [`free_port`] in a row cannot hand out the same port twice.
pub fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("a free port"))
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().expect("bound").port())
}
