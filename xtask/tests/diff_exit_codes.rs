//! `cargo xtask diff`'s exit codes, from the built binary: CI must tell "breaking changes
//! found" (1) from "could not compare" (2).

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("the xtask binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited, not killed")
}

#[test]
fn no_breaking_change_exits_0() {
    // 202605 → 202606 adds operations only.
    let out = xtask(&["diff", "202605", "202606", "--fail-on", "breaking"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("## 202605 → 202606"));
}

#[test]
fn a_breaking_change_exits_1_only_when_asked() {
    // 202407 → 202408 removes organizations.findByEmailDomain.
    let out = xtask(&["diff", "202407", "202408", "--fail-on", "breaking"]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 breaking change(s) found"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = xtask(&["diff", "202407", "202408", "--format", "json"]);
    assert_eq!(code(&out), 0);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["changes"][0]["kind"], "operation-removed");
}

#[test]
fn usage_and_input_errors_exit_2() {
    for args in [
        &["diff", "209901", "202606", "--fail-on", "breaking"][..],
        &["diff", "202606", "202401", "--fail-on", "breaking"],
        &["diff", "202401", "202606", "--fail-on", "everything"],
        &["diff", "202401"],
    ] {
        let out = xtask(args);
        assert_eq!(
            code(&out),
            2,
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn two_spec_files_compare_like_two_months() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let old = format!("{root}/spec/202401/openapi.yaml");
    let new = format!("{root}/spec/202408/openapi.yaml");
    let out = xtask(&[
        "diff",
        "--old",
        &old,
        "--new",
        &new,
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("`organizations.findByEmailDomain`: operation removed"),
        "{md}"
    );
    // A file that is not there, or only one of the pair: input errors.
    let missing = format!("{root}/spec/nonexistent.yaml");
    assert_eq!(code(&xtask(&["diff", "--old", &old, "--new", &missing])), 2);
    assert_eq!(code(&xtask(&["diff", "--old", &old])), 2);
}

/// Writes a candidate change file into the test's scratch directory.
fn candidate(name: &str, text: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("scratch directory is writable");
    path.display().to_string()
}

#[test]
fn a_candidate_change_file_is_reviewed_against_the_month_before_it() {
    let file = candidate(
        "202607.overlay.yaml",
        r#"overlay: 1.0.0
info:
  title: candidate
  version: '202607'
x-linkedin-changes:
- change: Organization lookup by vanity name is retired.
  source: https://example.com/recent-changes
  confidence: unverified
actions:
- target: $.paths['/rest/organizationsLookup']
  remove: true
"#,
    );
    let out = xtask(&["diff", "--overlay", &file, "--fail-on", "breaking"]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("## 202606 → 202607 (candidate "), "{md}");
    assert!(md.contains("operation removed"), "{md}");
    let out = xtask(&["diff", "--overlay", &file, "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(json["from"], "202606");
    assert!(
        json["changes"]
            .as_array()
            .expect("a list of changes")
            .iter()
            .all(|c| c["kind"] == "operation-removed"),
        "{json}"
    );
}

#[test]
fn a_bad_candidate_change_file_is_an_input_error_naming_where() {
    let cases = [
        // A target that selects nothing: the error names the action.
        (
            "bad-target.overlay.yaml",
            "overlay: 1.0.0\ninfo:\n  title: t\n  version: '202607'\nactions:\n\
             - target: $.paths['/rest/nothingHere']\n  remove: true\n",
            "actions/0/target",
        ),
        // A month no registered month precedes.
        (
            "too-early.overlay.yaml",
            "overlay: 1.0.0\ninfo:\n  title: t\n  version: '202301'\nactions: []\n",
            "is not after any registered month",
        ),
        // No month at all.
        (
            "no-month.overlay.yaml",
            "overlay: 1.0.0\ninfo:\n  title: t\nactions: []\n",
            "say which month",
        ),
    ];
    for (name, text, expected) in cases {
        let file = candidate(name, text);
        let out = xtask(&["diff", "--overlay", &file]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(code(&out), 2, "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(stderr.contains(name), "{name} is named: {stderr}");
    }
    // --overlay with two months is a usage error.
    let file = candidate("usage.overlay.yaml", "overlay: 1.0.0\n");
    assert_eq!(
        code(&xtask(&["diff", "202605", "202606", "--overlay", &file])),
        2
    );
}
