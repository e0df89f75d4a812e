//! `cargo xtask mutants` — mutation testing of the hand-written runtime and of the change-review
//! rules with cargo-mutants.
//!
//! A test suite that passes says little about whether it would notice a bug; cargo-mutants
//! changes the code (an `||` to `&&`, a function body to `Default::default()`, …) and checks that
//! some test fails. It is slow (one incremental build and test run per mutant), so it is not part
//! of `cargo xtask test`. The tool is installed on first use, at a pinned version, into
//! `target/tools` (no global install, no change between runs).
//!
//! Two runs at once must not share a target directory (`CARGO_TARGET_DIR`): cargo names a
//! workspace crate's artifacts independently of where its sources are, so each run's copy of
//! the tree builds over the other's mutant, and a mutant is judged by another's binary (seen:
//! `Patch::is_empty` "timing out" in a paging test). Give each its own, e.g. a `cp -al` of the
//! third-party artifacts of an existing one.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The cargo-mutants release this command is written against.
const VERSION: &str = "27.1.0";

/// A module under test: its name on the command line, its package, its files (relative to
/// the workspace root), and the tests that judge its mutants.
#[derive(Debug)]
pub struct Module {
    pub name: &'static str,
    pub package: &'static str,
    pub files: &'static [&'static str],
    pub tests: Tests,
}

/// Which tests run against each mutant.
#[derive(Debug)]
pub enum Tests {
    /// Every unit and integration test target of the package (not doc tests, which would
    /// compile ~20 snippets per mutant).
    AllTargets,
    /// The runtime without the generated months (`--no-default-features --features oidc,rustls`):
    /// its library unit tests plus these integration tests of `linkedin-rest` (which re-exports
    /// the runtime, so they exercise it through the public API) built with no month, so they
    /// need no generated binding. Building the bindings of a month for
    /// each mutant would take most of the time and judge nothing here: the generated code only
    /// calls into these modules, and the tests that go through it (`generated_requests`,
    /// `call_settings`, `policy`) are run by `cargo xtask test`. Nor is `fault_injection`: its
    /// cells time stalls and deadlines in hundreds of milliseconds, which a machine busy building
    /// mutants misses (the unmutated baseline failed on a loaded 2-core machine).
    RuntimeLibAnd(&'static [&'static str]),
}

impl Tests {
    /// The arguments for cargo-mutants that select these tests.
    fn args(&self) -> Vec<String> {
        match self {
            Tests::AllTargets => vec!["--cargo-test-arg=--all-targets".to_owned()],
            Tests::RuntimeLibAnd(tests) => {
                let mut args: Vec<String> = [
                    "--no-default-features",
                    "--features=oidc,rustls",
                    // The integration tests are `linkedin-rest`'s (it re-exports the runtime, so
                    // they use it as apps do): build and test that package too. (cargo-mutants'
                    // `--test-package` left the build step on the mutated package alone.)
                    "--cargo-arg=--package=linkedin-rest",
                    // `--cargo-arg` (not `--cargo-test-arg`): the build step takes the same
                    // targets, rather than every test and example of the package.
                    "--cargo-arg=--lib",
                ]
                .map(str::to_owned)
                .to_vec();
                for test in *tests {
                    args.push("--cargo-arg=--test".to_owned());
                    args.push(format!("--cargo-arg={test}"));
                }
                args
            }
        }
    }
}

const RUNTIME: &str = "linkedin-rest-runtime";
const CODEGEN: &str = "linkedin-api-codegen";

/// Every module under test.
pub const MODULES: &[Module] = &[
    Module {
        name: "restli",
        package: RUNTIME,
        files: &["runtime/src/restli/*.rs"],
        tests: Tests::RuntimeLibAnd(&["runtime_http", "runtime_errors"]),
    },
    Module {
        name: "retry",
        package: RUNTIME,
        files: &["runtime/src/retry.rs"],
        // Its decisions are unit-tested in place; the exchange's use of them is `client`'s.
        tests: Tests::RuntimeLibAnd(&[]),
    },
    Module {
        name: "paging",
        package: RUNTIME,
        files: &["runtime/src/paging.rs"],
        tests: Tests::RuntimeLibAnd(&["runtime_paging"]),
    },
    Module {
        name: "client",
        package: RUNTIME,
        files: &["runtime/src/client.rs"],
        tests: Tests::RuntimeLibAnd(&[
            "runtime_http",
            "runtime_errors",
            "runtime_redaction",
            "runtime_seam",
            "runtime_streaming",
            // The client's token plumbing (`current_token`, `token_provider`) is exercised here.
            "token_provider",
        ]),
    },
    Module {
        name: "auth",
        package: RUNTIME,
        files: &["runtime/src/auth/*.rs"],
        tests: Tests::RuntimeLibAnd(&[
            "auth_oauth",
            "auth_oidc",
            "auth_redaction",
            "token_provider",
        ]),
    },
    // The change-review rules: a rule whose mutation no test notices is a verdict nobody pins.
    Module {
        name: "diff",
        package: CODEGEN,
        files: &["codegen/src/diff/*.rs"],
        tests: Tests::AllTargets,
    },
];

/// Runs cargo-mutants over `modules` (all of [`MODULES`] when empty), once per module (each has
/// its own tests and its own report under `target/mutants/<module>`), and fails when fewer than
/// `min_score` percent of the viable mutants are caught in all.
pub fn run(
    root: &Path,
    modules: &[String],
    min_score: f64,
    extra: &[String],
) -> Result<(), String> {
    let selected = select(modules)?;
    let tool = ensure_installed(root)?;
    let mut total = Score::default();
    for module in selected {
        let output = root.join("target").join("mutants").join(module.name);
        let score = run_module(root, &tool, module, &output, extra)?;
        total.add(&score);
    }
    if total.percent() < min_score {
        return Err(format!(
            "{:.1} % of viable mutants caught, below {min_score} % (see missed.txt under target/mutants)",
            total.percent()
        ));
    }
    Ok(())
}

/// The modules named on the command line, in [`MODULES`] order; all when none is named.
fn select(names: &[String]) -> Result<Vec<&'static Module>, String> {
    if let Some(unknown) = names
        .iter()
        .find(|n| !MODULES.iter().any(|m| m.name == n.as_str()))
    {
        let known: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
        return Err(format!(
            "unknown module `{unknown}`; known: {}",
            known.join(", ")
        ));
    }
    Ok(MODULES
        .iter()
        .filter(|m| names.is_empty() || names.iter().any(|n| n == m.name))
        .collect())
}

/// One cargo-mutants run over one module; prints and returns its score.
fn run_module(
    root: &Path,
    tool: &Path,
    module: &Module,
    output: &Path,
    extra: &[String],
) -> Result<Score, String> {
    // cargo-mutants creates `mutants.out` but not the directories above it.
    std::fs::create_dir_all(output)
        .map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    let mut cmd = Command::new(tool);
    cmd.arg("mutants")
        .args(["--package", module.package])
        .arg("--output")
        .arg(output)
        .arg("--no-shuffle")
        .args(module.tests.args())
        .current_dir(root);
    for file in module.files {
        cmd.args(["--file", file]);
    }
    cmd.args(extra);
    for (key, value) in build_env(root, extra, |k| std::env::var_os(k), on_path("mold")) {
        cmd.env(key, value);
    }
    println!(
        "==> cargo-mutants {VERSION} over {} ({})",
        module.name, module.package
    );
    let started = Instant::now();
    let shown = format!("{cmd:?}");
    // cargo-mutants exits non-zero when a mutant survives; the score below is the verdict.
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    run_completed(status.code()).map_err(|why| {
        format!(
            "cargo-mutants over {} did not test the mutants: {why} (see {})",
            module.name,
            output.join("mutants.out").join("debug.log").display()
        )
    })?;
    let outcomes = output.join("mutants.out").join("outcomes.json");
    let score = Score::read(&outcomes)?;
    println!(
        "--> {} mutants in {:.0?}: {} caught, {} missed, {} timeouts, {} unviable; {:.1} % of viable \
         mutants caught (cargo-mutants exit: {status}; details in {})",
        score.total(),
        started.elapsed(),
        score.caught,
        score.missed,
        score.timeout,
        score.unviable,
        score.percent(),
        output.join("mutants.out").display()
    );
    Ok(score)
}

/// Settings that make each mutant's build cheaper. Each mutant changes one function and then
/// rebuilds the crate, its lib tests and every integration test it is judged by, so:
/// incremental compilation (most of each crate is unchanged), no debug info (no test reads it;
/// it was most of the crate's build and link time), and mold as the linker when it is installed
/// (every mutant links 5–10 test binaries). Measured on the 2-core dev machine (session 7), a
/// `client.rs` mutant cost 19 s build + 4 s test with the workspace's settings and 13 s + 5 s
/// with these; the rest of the 1–4 minutes per mutant seen before was the cold dependency build
/// of each run's scratch copy (use `-- --in-place` to skip the copy).
///
/// These settings change every dependency's fingerprint, so they get a target directory of
/// their own, kept across runs (one cold dependency build, then warm), rather than rebuilding
/// the workspace's `target/debug` each way. Not when the caller chose one, nor with several
/// jobs: each job's copy of the tree must then build in its own (see the module doc).
fn build_env(
    root: &Path,
    extra: &[String],
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
    mold: bool,
) -> Vec<(&'static str, std::ffi::OsString)> {
    let mut env = vec![
        ("CARGO_INCREMENTAL", "1".into()),
        ("CARGO_PROFILE_DEV_DEBUG", "0".into()),
    ];
    if mold && var("RUSTFLAGS").is_none() {
        env.push(("RUSTFLAGS", "-C link-arg=-fuse-ld=mold".into()));
    }
    if var("CARGO_TARGET_DIR").is_none() && jobs(extra) <= 1 {
        env.push((
            "CARGO_TARGET_DIR",
            root.join("target").join("mutants").join("build").into(),
        ));
    }
    env
}

/// The `--jobs`/`-j` given to cargo-mutants (1 when none).
fn jobs(extra: &[String]) -> u32 {
    let mut jobs = 1;
    let mut args = extra.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--jobs" | "-j" => args.next().map(String::as_str),
            a => a.strip_prefix("--jobs=").or_else(|| a.strip_prefix("-j")),
        };
        if let Some(n) = value.and_then(|v| v.parse().ok()) {
            jobs = n;
        }
    }
    jobs
}

/// Whether `program` is on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Whether a cargo-mutants run tested its mutants, from its exit code: 0 (all caught), 2 (some
/// missed) and 3 (some timed out) did; 4 means the unmutated tree failed to build or its tests
/// failed, so no mutant was judged, and a score of its empty outcomes would read 100 %.
fn run_completed(code: Option<i32>) -> Result<(), String> {
    match code {
        Some(0 | 2 | 3) => Ok(()),
        Some(4) => Err("the unmutated tree failed to build or its tests failed".to_owned()),
        Some(code) => Err(format!("cargo-mutants exited with {code}")),
        None => Err("cargo-mutants was killed by a signal".to_owned()),
    }
}

/// Installs the pinned cargo-mutants into `target/tools` unless it is already there.
fn ensure_installed(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target").join("tools");
    let bin = tools
        .join("bin")
        .join(format!("cargo-mutants{}", std::env::consts::EXE_SUFFIX));
    if installed_version(&bin).as_deref() == Some(VERSION) {
        return Ok(bin);
    }
    println!(
        "==> installing cargo-mutants {VERSION} into {}",
        tools.display()
    );
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["install", "--locked", "--root"])
        .arg(&tools)
        .arg(format!("cargo-mutants@{VERSION}"))
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo install cargo-mutants@{VERSION} failed ({status})"
        ));
    }
    Ok(bin)
}

/// The version `bin mutants --version` reports (`cargo-mutants 27.1.0`), if it runs.
fn installed_version(bin: &Path) -> Option<String> {
    let out = Command::new(bin)
        .args(["mutants", "--version"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

/// The counts of one run, from cargo-mutants' `outcomes.json`.
#[derive(Debug, Default, PartialEq)]
struct Score {
    caught: u64,
    missed: u64,
    timeout: u64,
    unviable: u64,
}

impl Score {
    fn read(path: &Path) -> Result<Score, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Score::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Counts the per-mutant summaries (the baseline, which is not a mutant, is skipped).
    fn parse(text: &str) -> Result<Score, String> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let outcomes = json
            .get("outcomes")
            .and_then(|o| o.as_array())
            .ok_or("no `outcomes` list")?;
        let mut score = Score::default();
        for outcome in outcomes {
            match outcome.get("summary").and_then(|s| s.as_str()) {
                Some("CaughtMutant") => score.caught += 1,
                Some("MissedMutant") => score.missed += 1,
                Some("Timeout") => score.timeout += 1,
                Some("Unviable") => score.unviable += 1,
                _ => {}
            }
        }
        Ok(score)
    }

    fn add(&mut self, other: &Score) {
        self.caught += other.caught;
        self.missed += other.missed;
        self.timeout += other.timeout;
        self.unviable += other.unviable;
    }

    fn total(&self) -> u64 {
        self.caught + self.missed + self.timeout + self.unviable
    }

    /// Caught (a timeout counts as caught: the mutant made the tests hang, which CI would see)
    /// over viable mutants.
    fn percent(&self) -> f64 {
        let viable = self.caught + self.missed + self.timeout;
        if viable == 0 {
            return 100.0;
        }
        (self.caught + self.timeout) as f64 * 100.0 / viable as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_viable_mutants_only() {
        let text = r#"{"outcomes": [
            {"scenario": "Baseline", "summary": "Success"},
            {"summary": "CaughtMutant"}, {"summary": "CaughtMutant"}, {"summary": "CaughtMutant"},
            {"summary": "MissedMutant"}, {"summary": "Unviable"}, {"summary": "Timeout"}
        ]}"#;
        let score = Score::parse(text).unwrap();
        assert_eq!(
            score,
            Score {
                caught: 3,
                missed: 1,
                timeout: 1,
                unviable: 1
            }
        );
        assert_eq!(score.total(), 6);
        assert!((score.percent() - 80.0).abs() < 1e-9);
        assert!(Score::parse("{}").is_err());
    }

    #[test]
    fn a_run_whose_baseline_failed_is_an_error_not_a_score() {
        for tested in [0, 2, 3] {
            assert_eq!(run_completed(Some(tested)), Ok(()));
        }
        let err = run_completed(Some(4)).unwrap_err();
        assert!(err.contains("unmutated tree"), "{err}");
        assert!(run_completed(Some(1)).is_err());
        assert!(run_completed(None).is_err());
    }

    #[test]
    fn modules_are_selected_by_name_and_unknown_names_are_refused() {
        let all = select(&[]).unwrap();
        assert_eq!(all.len(), MODULES.len());
        let picked = select(&["diff".to_owned(), "retry".to_owned()]).unwrap();
        let names: Vec<&str> = picked.iter().map(|m| m.name).collect();
        assert_eq!(names, ["retry", "diff"]);
        assert_eq!(picked[1].package, CODEGEN);
        let err = select(&["difff".to_owned()]).unwrap_err();
        assert!(
            err.contains("unknown module `difff`") && err.contains("diff"),
            "{err}"
        );
    }

    #[test]
    fn runtime_modules_build_and_run_only_their_tests() {
        let args = Tests::RuntimeLibAnd(&["runtime_http"]).args();
        for wanted in [
            "--no-default-features",
            "--cargo-arg=--lib",
            "--cargo-arg=--test",
            "--cargo-arg=runtime_http",
            "--cargo-arg=--package=linkedin-rest",
        ] {
            assert!(
                args.iter().any(|a| a == wanted),
                "{wanted} missing: {args:?}"
            );
        }
        assert!(!args.iter().any(|a| a.contains("all-targets")), "{args:?}");
        assert_eq!(Tests::AllTargets.args(), ["--cargo-test-arg=--all-targets"]);
    }

    #[test]
    fn mutant_builds_are_incremental_without_debug_info_in_their_own_target_dir() {
        let root = Path::new("/ws");
        let none = |_: &str| None;
        let env = build_env(root, &[], none, true);
        let get = |env: &[(&str, std::ffi::OsString)], key: &str| {
            env.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string_lossy().into_owned())
        };
        assert_eq!(get(&env, "CARGO_INCREMENTAL").as_deref(), Some("1"));
        assert_eq!(get(&env, "CARGO_PROFILE_DEV_DEBUG").as_deref(), Some("0"));
        assert_eq!(
            get(&env, "RUSTFLAGS").as_deref(),
            Some("-C link-arg=-fuse-ld=mold")
        );
        assert_eq!(
            get(&env, "CARGO_TARGET_DIR").as_deref(),
            Some("/ws/target/mutants/build")
        );
        // No mold installed, or the caller's own RUSTFLAGS: the linker is left alone.
        assert_eq!(get(&build_env(root, &[], none, false), "RUSTFLAGS"), None);
        let set = |_: &str| Some("x".into());
        let env = build_env(root, &[], set, true);
        assert_eq!(get(&env, "RUSTFLAGS"), None);
        assert_eq!(get(&env, "CARGO_TARGET_DIR"), None, "the caller's is kept");
        // Several jobs build their copies in their own target directories.
        for extra in [&["--jobs", "2"][..], &["-j2"], &["--jobs=3"]] {
            let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
            let env = build_env(root, &extra, none, true);
            assert_eq!(get(&env, "CARGO_TARGET_DIR"), None, "{extra:?}");
        }
        let one = ["--in-place".to_owned(), "--jobs".to_owned(), "1".to_owned()];
        assert!(get(&build_env(root, &one, none, true), "CARGO_TARGET_DIR").is_some());
    }

    #[test]
    fn every_module_names_files_that_exist() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for module in MODULES {
            for file in module.files {
                let dir = root.join(file.trim_end_matches("*.rs"));
                let exists = if file.ends_with("*.rs") {
                    dir.is_dir()
                } else {
                    root.join(file).is_file()
                };
                assert!(exists, "{}: {file} is not there", module.name);
            }
            if let Tests::RuntimeLibAnd(tests) = module.tests {
                for test in tests {
                    let file = root.join("linkedin-api/tests").join(format!("{test}.rs"));
                    assert!(file.is_file(), "{}: no test {test}", module.name);
                }
            }
        }
    }
}
