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

/// What the upload sink saw: `(method, path, body length, had a bearer token)` per request.
type Uploads = std::sync::Arc<std::sync::Mutex<Vec<(String, String, usize, bool)>>>;

/// A stand-in for LinkedIn's upload host: answers every request 201 and records
/// `(method, path, body length, had a bearer token)`.
fn upload_sink() -> (String, Uploads) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_owned());
            }
            let length = head
                .iter()
                .find_map(|h| {
                    h.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut first = head
                .first()
                .map(|l| l.split_whitespace())
                .into_iter()
                .flatten();
            let (method, path) = (
                first.next().unwrap_or_default().to_owned(),
                first.next().unwrap_or_default().to_owned(),
            );
            let bearer = head
                .iter()
                .any(|h| h.to_ascii_lowercase().starts_with("authorization: bearer "));
            record
                .lock()
                .expect("lock")
                .push((method, path, length, bearer));
            let _ = stream.write_all(
                b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
        }
    });
    (url, seen)
}

#[test]
fn upload_image_and_post_as_an_organization() {
    let prism = Prism::start(&newest_spec(), "upload");
    let (sink, seen) = upload_sink();
    let output = command(&prism, "upload_image_and_post")
        .env("LINKEDIN_UPLOAD_BASE_URL", &sink)
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
    let seen = seen.lock().expect("lock");
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
fn upload_a_pdf_and_post_it_as_an_organization() {
    let prism = Prism::start(&newest_spec(), "upload-document");
    let (sink, seen) = upload_sink();
    let output = command(&prism, "upload_document_and_post")
        .env("LINKEDIN_UPLOAD_BASE_URL", &sink)
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
    let seen = seen.lock().expect("lock");
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
