//! `cargo xtask test` — the one command that runs every test, locally and in CI.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The pinned Node tools (package.json + package-lock.json).
const NODE_BIN: &str = "node_modules/.bin";

pub fn run(root: &Path, lint: bool) -> Result<(), String> {
    let started = Instant::now();
    ensure_node_tools(root)?;
    step(
        "check the materialized specs and generated code are fresh",
        || crate::codegen::run(root, true),
    )?;
    step(
        "lint the specs (Redocly, recommended rules, examples checked)",
        || lint_specs(root),
    )?;
    if lint {
        step("rustfmt", || {
            cargo(root, &["fmt", "--all", "--", "--check"])
        })?;
        step(
            "clippy -D warnings (builds every generated version: the tests enable all-versions)",
            || {
                cargo(
                    root,
                    &[
                        "clippy",
                        "--workspace",
                        "--all-targets",
                        "--",
                        "-D",
                        "warnings",
                    ],
                )
            },
        )?;
        step(
            "clippy -D warnings on the runtime without the OIDC feature",
            || {
                cargo(
                    root,
                    &[
                        "clippy",
                        "-p",
                        "linkedin-rest",
                        "--no-default-features",
                        "--features",
                        "v202606,rustls",
                        "--",
                        "-D",
                        "warnings",
                    ],
                )
            },
        )?;
    }
    // The example programs must exist as plain binaries: the tests run them against Prism.
    step("build the example programs", || {
        cargo(root, &["build", "--workspace", "--examples"])
    })?;
    // --no-fail-fast: one failing test binary must not hide the verdicts of the ones after it,
    // so a CI log shows every failure at once.
    step("unit, snapshot and integration tests", || {
        cargo(
            root,
            &["test", "--workspace", "--all-targets", "--no-fail-fast"],
        )
    })?;
    step("doc tests", || {
        cargo(root, &["test", "--workspace", "--doc"])
    })?;
    println!("\nall checks passed in {:.0?}", started.elapsed());
    Ok(())
}

fn step(name: &str, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("\n==> {name}");
    let started = Instant::now();
    f().map_err(|e| format!("{name}: {e}"))?;
    println!("--> {name}: ok ({:.1?})", started.elapsed());
    Ok(())
}

/// Installs the pinned Node tools from the lockfile when they are missing.
pub(crate) fn ensure_node_tools(root: &Path) -> Result<(), String> {
    let have = ["redocly", "prism"]
        .iter()
        .all(|t| root.join(NODE_BIN).join(t).exists());
    if have {
        return Ok(());
    }
    step("install the pinned Node tools (npm ci)", || {
        exec(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(root),
        )
    })
}

fn lint_specs(root: &Path) -> Result<(), String> {
    let registry = codegen::registry::Registry::load(root).map_err(|e| e.to_string())?;
    let specs: Vec<String> = registry
        .specs()
        .iter()
        .map(|s| {
            codegen::registry::spec_path(s)
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut cmd = Command::new(root.join(NODE_BIN).join("redocly"));
    cmd.arg("lint")
        .arg("--format=stylish")
        // Named, so the rules are ours whatever the working directory (without a config Redocly
        // says "No configurations were provided" once per spec and lints with its defaults).
        .arg("--config=redocly.yaml")
        .args(&specs)
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .current_dir(root);
    let shown = format!("{cmd:?}");
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let kept = without_redocly_noise(&text);
    if !kept.is_empty() {
        println!("{kept}");
    }
    if output.status.success() {
        println!("{} specs valid", specs.len());
        Ok(())
    } else {
        // The problems are printed above; the command line (every spec path) would bury them.
        Err(format!("redocly lint failed ({})", output.status))
    }
}

/// Redocly's output without what it prints on every run whatever the specs say: the Node.js
/// deprecation banner (a box, printed twice, which no flag or variable turns off), a
/// progress line and a timing line per spec, the default-config notice and the success
/// cheer. Everything else (problems, warnings, a summary of errors) is kept, in order.
fn without_redocly_noise(text: &str) -> String {
    let noise = |line: &str| {
        let t = line.trim();
        t.starts_with(['╔', '║', '╚'])
            || (t.starts_with("validating ") && t.ends_with("..."))
            || (t.contains(": validated in ") && t.ends_with("ms"))
            || t.starts_with("No configurations were provided")
            || t.starts_with("Woohoo! Your API descriptions are valid")
    };
    let mut kept: Vec<&str> = Vec::new();
    for line in text.lines().filter(|l| !noise(l)) {
        // Blank lines only between kept lines, one at a time.
        if line.trim().is_empty() && kept.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        kept.push(line);
    }
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    kept.join("\n")
}

/// `cargo xtask lint-specs`: the test command's Redocly step alone.
pub fn lint_only(root: &Path) -> Result<(), String> {
    ensure_node_tools(root)?;
    step(
        "lint the specs (Redocly, recommended rules, examples checked)",
        || lint_specs(root),
    )
}

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    exec(Command::new(cargo).args(args).current_dir(root))
}

fn exec(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::without_redocly_noise;

    #[test]
    fn redocly_noise_goes_and_problems_stay() {
        let banner = "\n    ╔══════╗\n    ║  Deprecation warning: Node.js 20  ║\n    ╚══════╝\n\n";
        let clean = format!(
            "{banner}No configurations were provided -- using built in recommended configuration by default.\n\n\
             validating spec/202505/openapi.yaml...\nspec/202505/openapi.yaml: validated in 14271ms\n\n\
             Woohoo! Your API descriptions are valid. 🎉\n{banner}"
        );
        assert_eq!(without_redocly_noise(&clean), "");
        let failing = format!(
            "{banner}validating spec/202506/openapi.yaml...\n\
             spec/202506/openapi.yaml:\n  12:5  error    no-invalid-media-type-examples  Example value must conform to the schema.\n\n\
             spec/202506/openapi.yaml: validated in 8109ms\n\n❌ Validation failed with 1 error.\n{banner}"
        );
        assert_eq!(
            without_redocly_noise(&failing),
            "spec/202506/openapi.yaml:\n  12:5  error    no-invalid-media-type-examples  Example value must conform to the schema.\n\n❌ Validation failed with 1 error."
        );
    }
}
