//! `linkedin ops`, `call` and `login` against Prism (a mock that validates every request against
//! the spec): output, paging, errors and their exit codes, and the token file's mode.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use serde_json::Value;
use support::prism::Prism;
use support::*;

#[test]
fn ops_lists_every_operation_of_the_version_with_area_effect_scopes_and_product() {
    let out = run(linkedin("http://127.0.0.1:9").args([
        "ops",
        "--version",
        "202606",
        "--format",
        "json",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.len(), linkedin_api::v202606::OPERATIONS.len());
    let create = list.iter().find(|o| o["id"] == "posts.create").unwrap();
    assert_eq!(create["area"], "posts");
    assert_eq!(create["effect"], "write");
    assert_eq!(create["product"], "Community Management API");
    assert!(create["scopes"].to_string().contains("w_member_social"));
    assert_eq!(create["inputSchema"]["required"][0], "body");

    let table = run(linkedin("http://127.0.0.1:9").args(["--version", "202401", "ops"]));
    assert!(table.status.success());
    let text = stdout(&table);
    assert!(text.starts_with("OPERATION"));
    assert!(text.contains(&format!(
        "{} operations in version 202401",
        linkedin_api::v202401::OPERATIONS.len()
    )));
}

#[test]
fn a_version_this_build_does_not_know_is_a_usage_error() {
    let out = run(linkedin("http://127.0.0.1:9").args(["ops", "--version", "2026-06"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYYMM"), "{}", stderr(&out));
}

#[test]
fn call_prints_the_answer_pages_with_all_and_names_mistakes() {
    let prism = Prism::start(&spec("202606"), "cli-call");
    let author = "author=urn:li:organization:2414183";
    let out = run(linkedin(&prism.url()).args([
        "call",
        "posts.findByAuthor",
        "--arg",
        author,
        "--arg",
        "count=2",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let page: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(page["elements"].is_array());

    let out =
        run(linkedin(&prism.url()).args(["call", "posts.findByAuthor", "--arg", author, "--all"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let all: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!all.as_array().unwrap().is_empty());

    // The same arguments from a file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("args.json");
    std::fs::write(&file, r#"{"postUrn": "urn:li:share:6844785523593134080"}"#).unwrap();
    let out = run(linkedin(&prism.url())
        .args(["call", "posts.get", "--json"])
        .arg(&file));
    assert!(out.status.success(), "{}", stderr(&out));

    // Mistakes: exit 2, and the message says what to do.
    let out = run(linkedin(&prism.url()).args(["call", "posts.findByAuthr"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean posts.findByAuthor"),
        "{}",
        stderr(&out)
    );
    let out = run(linkedin(&prism.url()).args(["call", "posts.findByAuthor", "--arg", "authr=x"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("it takes author"), "{}", stderr(&out));
    let out = run(linkedin(&prism.url()).args([
        "call",
        "posts.findByAuthor",
        "--arg",
        "count=ten",
        "--arg",
        author,
    ]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(linkedin(&prism.url()).args([
        "call",
        "posts.get",
        "--all",
        "--arg",
        "postUrn=urn:li:share:1",
    ]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not page"));

    // LinkedIn unreachable: exit 5; the token never in a message.
    let out =
        run(linkedin("http://127.0.0.1:9").args(["call", "posts.findByAuthor", "--arg", author]));
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(!stderr(&out).contains(TOKEN));
}

#[test]
fn without_a_token_calls_fail_with_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(linkedin("http://127.0.0.1:9")
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env("LINKEDIN_TOKEN_FILE", dir.path().join("none.json"))
        .args([
            "call",
            "posts.findByAuthor",
            "--arg",
            "author=urn:li:person:a",
        ]));
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("linkedin login"), "{}", stderr(&out));
}

#[test]
fn login_completes_the_oauth_flow_and_stores_the_token_for_its_owner_only() {
    let prism = Prism::start(&spec("202606"), "cli-login");
    let dir = tempfile::tempdir().unwrap();
    let token_file = dir.path().join("config/linkedin/token.json");
    let mut child = linkedin(&prism.url())
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env("LINKEDIN_TOKEN_FILE", &token_file)
        .env("LINKEDIN_CLIENT_SECRET", "test-client-secret")
        .args(["login", "--client-id", "test-client-id"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    let url = url.trim();
    let query = url.split_once('?').unwrap().1;
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_owned()
    };
    let redirect = percent_decode(&param("redirect_uri"));
    let state = param("state");
    // The browser coming back from LinkedIn.
    let rest = redirect.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_once('/').unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET /{path}?code=test-code&state={state} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    let stored: Value =
        serde_json::from_str(&std::fs::read_to_string(&token_file).unwrap()).unwrap();
    assert!(
        stored["access_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&token_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The stored token is used by the next command.
    let out = run(linkedin(&prism.url())
        .env_remove("LINKEDIN_ACCESS_TOKEN")
        .env("LINKEDIN_TOKEN_FILE", &token_file)
        .args([
            "call",
            "posts.findByAuthor",
            "--arg",
            "author=urn:li:organization:2414183",
        ]));
    assert!(out.status.success(), "{}", stderr(&out));
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
