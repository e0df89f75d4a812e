//! Every program in `linkedin-api/examples/` runs to completion against a Prism mock of the
//! newest spec, the way a user would run it (`LINKEDIN_ACCESS_TOKEN`, `LINKEDIN_BASE_URL`).

#[path = "support/mod.rs"]
mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use support::prism::{Prism, root};

/// The example binaries sit next to this test's binary: target/<profile>/examples/.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir.join("examples").join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo build --workspace --examples` (the README's test command does)",
        path.display()
    );
    path
}

fn newest_spec() -> PathBuf {
    root().join(format!(
        "spec/{}/openapi.yaml",
        linkedin_api::Version::LATEST.spec()
    ))
}

/// An example with exactly the environment the README documents for it: the token and the mock's
/// base URL (an OAuth app's id and secret only where the example says it needs them), so an
/// example that needs more fails here as it would for a user.
fn command(prism: &Prism, name: &str) -> Command {
    let mut cmd = Command::new(example(name));
    cmd.env("LINKEDIN_ACCESS_TOKEN", "example-token")
        .env("LINKEDIN_BASE_URL", prism.url())
        .env_remove("LINKEDIN_CLIENT_ID")
        .env_remove("LINKEDIN_CLIENT_SECRET")
        .env_remove("LINKEDIN_UPLOAD_BASE_URL")
        .env_remove("RUST_LOG");
    cmd
}

fn run(prism: &Prism, name: &str, args: &[&str]) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = command(prism, name)
        .args(args)
        .output()
        .expect("run example");
    let (out, err) = (
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    );
    assert!(
        status.success(),
        "example `{name}` failed ({status}):\n{out}\n{err}"
    );
    out
}

#[test]
fn examples_run_against_prism() {
    let prism = Prism::start(&newest_spec(), "examples");

    let out = run(&prism, "post_text", &["Hello from the example test"]);
    assert!(out.contains("posted urn:li:"), "{out}");

    let out = run(&prism, "list_org_posts", &["5515715"]);
    assert!(
        out.contains("posts of urn:li:organization:5515715 in 1 page(s)"),
        "{out}"
    );

    let out = run(
        &prism,
        "comment_and_react",
        &["urn:li:share:6844785523593134080"],
    );
    assert!(
        out.contains("commented: ") && out.contains("reacted: urn:li:reaction:"),
        "{out}"
    );

    let out = run(&prism, "ad_campaigns", &[]);
    assert!(
        out.contains("campaign(s) in account") && out.contains("created draft campaign"),
        "{out}"
    );

    let out = run(
        &prism,
        "reply_to_comments",
        &["urn:li:share:6844785523593134080", "thanks"],
    );
    assert!(out.contains("replied to \"Thanks for sharing!\""), "{out}");

    let out = run(&prism, "pause_active_campaigns", &["507404993"]);
    assert!(out.contains("paused "), "{out}");

    let out = run(&prism, "member_post_analytics", &[]);
    assert!(out.contains("IMPRESSION:"), "{out}");

    let out = run(&prism, "admin_pages", &[]);
    assert!(
        out.contains("administers 2 page(s)") && out.contains("has a role on 1 ad account(s)"),
        "{out}"
    );

    let out = run(&prism, "page_statistics", &["2414183"]);
    assert!(
        out.contains("urn:li:organization:2414183: 18422 page view(s)")
            && out.contains("urn:li:geo:103644278: 9120")
            && out.contains("2 day(s), 3950 impressions, 101 clicks"),
        "{out}"
    );

    let out = run(&prism, "ads_report", &["345678901"]);
    assert!(
        out.contains("campaign 345678901: 2 day(s), 7996 impressions, 78 clicks"),
        "{out}"
    );

    let out = run(
        &prism,
        "pull_lead_responses",
        &["512388408", "1714000000000"],
    );
    assert!(
        out.contains("1 new lead(s) for urn:li:sponsoredAccount:512388408 since 1714000000000")
            && out.contains("q101=ada@example.com")
            && out.contains("next pull: --since 1714060800001"),
        "{out}"
    );
}

/// A stand-in for LinkedIn's upload host (wiremock, on its own runtime so it serves while the
/// test waits for the example): answers every `PUT` 201.
struct UploadSink {
    runtime: tokio::runtime::Runtime,
    server: wiremock::MockServer,
}

impl UploadSink {
    fn start() -> UploadSink {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let server = runtime.block_on(async {
            let server = wiremock::MockServer::start().await;
            wiremock::Mock::given(wiremock::matchers::method("PUT"))
                .respond_with(wiremock::ResponseTemplate::new(201))
                .mount(&server)
                .await;
            server
        });
        UploadSink { runtime, server }
    }

    fn url(&self) -> String {
        self.server.uri()
    }

    /// `(method, path, body length, had a bearer token)` per request received.
    fn seen(&self) -> Vec<(String, String, usize, bool)> {
        let requests = self
            .runtime
            .block_on(self.server.received_requests())
            .unwrap_or_default();
        requests
            .into_iter()
            .map(|r| {
                let bearer = r
                    .headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("Bearer "));
                (
                    r.method.to_string(),
                    r.url.path().to_owned(),
                    r.body.len(),
                    bearer,
                )
            })
            .collect()
    }
}

#[test]
fn upload_image_and_post_as_an_organization() {
    let prism = Prism::start(&newest_spec(), "upload");
    let sink = UploadSink::start();
    let output = command(&prism, "upload_image_and_post")
        .env("LINKEDIN_UPLOAD_BASE_URL", sink.url())
        .arg("5515715")
        .output()
        .expect("run");
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "upload_image_and_post failed:\n{out}\n{err}"
    );
    assert!(
        out.contains("uploaded urn:li:image:") && out.contains("posted urn:li:"),
        "{out}"
    );
    let seen = sink.seen();
    assert_eq!(seen.len(), 1, "one upload PUT: {seen:?}");
    let (method, path, length, bearer) = &seen[0];
    assert_eq!(method, "PUT");
    assert!(
        path.starts_with("/dms-uploads/"),
        "the upload URL's path is kept: {path}"
    );
    assert!(*length > 0 && *bearer, "{seen:?}");
}

/// `cargo xtask mock VERSION`, run as the README says (the built xtask binary, which `cargo
/// xtask` runs): Prism plus an upload sink, on free ports. Stopped with a TERM, which it passes
/// on to Prism, when dropped.
struct XtaskMock {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    env: Vec<(String, String)>,
}

impl XtaskMock {
    fn start(version: &str) -> XtaskMock {
        let exe = std::env::current_exe().expect("test binary");
        let xtask = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("target/<profile>")
            .join("xtask");
        assert!(
            xtask.exists(),
            "{} is not built: run `cargo build -p xtask` (any `cargo xtask` command does)",
            xtask.display()
        );
        let [api, upload] = support::prism::free_ports();
        let mut child = Command::new(xtask)
            .args(["mock", version, "--port", &api.to_string()])
            .args(["--upload-port", &upload.to_string()])
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start cargo xtask mock");
        let (tx, lines) = std::sync::mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut mock = XtaskMock {
            child,
            lines,
            env: Vec::new(),
        };
        let export = mock
            .wait_for(|l| l.trim_start().starts_with("export "), 120)
            .expect("the mock printed no environment within 120 s");
        mock.env = export
            .split_whitespace()
            .skip(1)
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        mock
    }

    /// The next line of the mock's output that `pred` accepts, within `secs` seconds.
    fn wait_for(&self, pred: impl Fn(&str) -> bool, secs: u64) -> Option<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if pred(&line) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

impl Drop for XtaskMock {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

/// The README's way to try the upload example: `cargo xtask mock`, then the example with the
/// environment it prints and nothing else.
#[test]
fn upload_image_and_post_against_cargo_xtask_mock() {
    let mock = XtaskMock::start(linkedin_api::Version::LATEST.as_str());
    let names: Vec<&str> = mock.env.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "LINKEDIN_ACCESS_TOKEN",
            "LINKEDIN_BASE_URL",
            "LINKEDIN_UPLOAD_BASE_URL"
        ]
    );
    let output = Command::new(example("upload_image_and_post"))
        .env_clear()
        .envs(mock.env.iter().cloned())
        .arg("5515715")
        .output()
        .expect("run");
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "upload_image_and_post failed against cargo xtask mock:\n{out}\n{err}"
    );
    assert!(
        out.contains("uploaded urn:li:image:") && out.contains("posted urn:li:"),
        "{out}"
    );
    let upload = mock
        .wait_for(|l| l.starts_with("upload: "), 10)
        .expect("the mock's upload sink reported no upload");
    assert!(
        upload.starts_with("upload: PUT /dms-uploads/") && upload.ends_with("bearer token: yes)"),
        "{upload}"
    );
    assert!(!upload.contains("(0 bytes"), "{upload}");
}

#[test]
fn upload_a_pdf_and_post_it_as_an_organization() {
    let prism = Prism::start(&newest_spec(), "upload-document");
    let sink = UploadSink::start();
    let output = command(&prism, "upload_document_and_post")
        .env("LINKEDIN_UPLOAD_BASE_URL", sink.url())
        .arg("5515715")
        .output()
        .expect("run");
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(
        output.status.success(),
        "upload_document_and_post failed:\n{out}\n{err}"
    );
    assert!(
        out.contains("uploaded urn:li:document:")
            && out.contains("document status: Some(Available)")
            && out.contains("posted urn:li:"),
        "{out}"
    );
    let seen = sink.seen();
    assert_eq!(seen.len(), 1, "one upload PUT: {seen:?}");
    let (method, path, length, bearer) = &seen[0];
    assert_eq!(method, "PUT");
    assert!(
        path.starts_with("/dms-uploads/"),
        "the upload URL's path is kept: {path}"
    );
    assert!(*length > 0 && *bearer, "{seen:?}");
}

#[test]
fn sign_in_completes_with_a_simulated_browser() {
    let prism = Prism::start(&newest_spec(), "sign-in");
    let mut child = command(&prism, "sign_in")
        .env("LINKEDIN_CLIENT_ID", "86abcdefghijkl")
        .env("LINKEDIN_CLIENT_SECRET", "example-client-secret")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sign_in");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut authorization_url = String::new();
    let mut redirect = String::new();
    for line in lines.by_ref() {
        let line = line.expect("output");
        if line.contains("/oauth/v2/authorization?") {
            authorization_url = line;
        } else if let Some(uri) = line.strip_prefix("Waiting for the redirect on ") {
            redirect = uri.to_owned();
            break;
        }
    }
    assert!(
        !authorization_url.is_empty() && !redirect.is_empty(),
        "the example printed no authorization URL"
    );
    let state = authorization_url
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix("state="))
        .expect("state in the URL");

    // The browser comes back from LinkedIn with a code and the same state.
    let addr = redirect
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host:port")
        .to_owned();
    let mut browser = TcpStream::connect(&addr).expect("connect to the example's listener");
    write!(browser, "GET /callback?code=AQTfakeCode&state={state} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n\r\n").expect("send");
    let mut page = String::new();
    browser.read_to_string(&mut page).expect("reply");
    assert!(page.contains("200 OK"), "{page}");

    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().expect("exit");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let out = rest.join("\n");
    assert!(status.success(), "sign_in failed ({status}):\n{out}\n{err}");
    assert!(out.contains("access token received"), "{out}");
    assert!(out.contains("ID token"), "the ID token was checked: {out}");
    assert!(out.contains("signed in as"), "{out}");
}
