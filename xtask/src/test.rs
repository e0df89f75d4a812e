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
    step("unit, snapshot and integration tests", || {
        cargo(root, &["test", "--workspace", "--all-targets"])
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
    exec(
        Command::new(root.join(NODE_BIN).join("redocly"))
            .arg("lint")
            .arg("--format=stylish")
            .args(&specs)
            .env("REDOCLY_TELEMETRY", "off")
            .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
            .current_dir(root),
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
