//! Proves that generated code compiles: the bindings of several models, put in place of
//! `linkedin-api`'s generated tree in a scratch copy of the crate, go through one `cargo check`.
//!
//! The generated code is written against the bindings' crate (`crate::Call`, the runtime it
//! re-exports as `crate::Client`, `crate::catalog`, …), and the typed URNs it names are
//! generated into the runtime's crate, so both crates are copied. The copy keeps the
//! workspace's `Cargo.lock` (same dependency versions, offline) and uses the workspace's target
//! directory, so dependencies are checked once and later runs only re-check the crate.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codegen::ir::Api;

const FEATURES_START: &str = "# @generated features: start";
const FEATURES_END: &str = "# @generated features: end";
/// Generous: a first run checks every dependency of the runtime.
const CHECK_DEADLINE: Duration = Duration::from_secs(20 * 60);

/// A model to check, under the month it is emitted as (`209901`); its spec module is `s<month>`.
pub struct Sample {
    pub month: String,
    pub label: String,
    pub api: Api,
}

/// `cargo check`s the crate with every sample's bindings; on failure, the compiler's errors with
/// the labels of the samples whose files they are in.
pub fn check(samples: &[Sample]) -> Result<(), String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-compile-check");
    write_crate(&workspace, &scratch, samples)?;
    let log_path = scratch.join("check.log");
    let log =
        std::fs::File::create(&log_path).map_err(|e| format!("cannot create the log: {e}"))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // The workspace's own target directory: dependencies checked by `cargo clippy` (and build
    // script outputs such as aws-lc's) are reused. Cargo does not hold its lock while tests run.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("..");
    let mut child = Command::new(cargo)
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", target)
        // Compile errors are what is checked, not lints the caller's flags might deny.
        .env_remove("RUSTFLAGS")
        .args([
            "check",
            "--offline",
            "--quiet",
            "--lib",
            "--message-format",
            "short",
            "-p",
            "linkedin-rest",
        ])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > CHECK_DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "cargo check did not finish within {CHECK_DEADLINE:?}; see {}",
                    log_path.display()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => return Err(format!("cannot wait for cargo: {e}")),
        }
    };
    if status.success() {
        return Ok(());
    }
    let errors = std::fs::read_to_string(&log_path).unwrap_or_default();
    // A sample's own modules are in its folder; a module it shares with other samples is in
    // `shared/`, named after the first sample that has it.
    let culprits: Vec<&str> = samples
        .iter()
        .filter(|s| {
            errors.contains(&format!("generated/s{}/", s.month))
                || errors.lines().any(|line| {
                    line.contains("generated/shared/") && line.contains(&format!("_{}.rs", s.month))
                })
        })
        .map(|s| s.label.as_str())
        .collect();
    Err(format!(
        "the generated code does not compile (samples: {culprits:?}):\n{}",
        errors.chars().take(20_000).collect::<String>()
    ))
}

/// The source files of the targets a manifest declares by name (`[[bench]] name = "runtime"` is
/// `linkedin-api/benches/runtime.rs`), as paths from the workspace root.
fn declared_targets(manifest: &str) -> Vec<String> {
    let mut files = Vec::new();
    let mut dir = None;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            dir = match line {
                "[[test]]" => Some("tests"),
                "[[example]]" => Some("examples"),
                "[[bench]]" => Some("benches"),
                _ => None,
            };
        } else if let (Some(d), Some(name)) = (dir, line.strip_prefix("name = \"")) {
            let name = name.trim_end_matches('"');
            files.push(format!("linkedin-api/{d}/{name}.rs"));
        }
    }
    files
}

fn write_crate(workspace: &Path, scratch: &Path, samples: &[Sample]) -> Result<(), String> {
    let io = |what: &str, p: &Path, e: std::io::Error| format!("{what} {}: {e}", p.display());
    let read = |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| io("cannot read", &p, e));
    let write = |p: PathBuf, text: &str| -> Result<(), String> {
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io("cannot create", dir, e))?;
        }
        // Unchanged files keep their timestamps, so cargo does not re-check needlessly.
        if std::fs::read_to_string(&p).ok().as_deref() == Some(text) {
            return Ok(());
        }
        std::fs::write(&p, text).map_err(|e| io("cannot write", &p, e))
    };

    let root = read(workspace.join("Cargo.toml"))?;
    let members = root
        .lines()
        .find(|l| l.trim_start().starts_with("members"))
        .ok_or("the workspace manifest has no `members`")?;
    write(
        scratch.join("Cargo.toml"),
        &root.replacen(members, "members = [\"runtime\", \"linkedin-api\"]", 1),
    )?;
    // The crate's front page and the repository README are `include_str!`ed by lib.rs.
    for file in [
        "Cargo.lock",
        "README.md",
        "linkedin-api/README.md",
        "runtime/Cargo.toml",
        "runtime/README.md",
    ] {
        write(scratch.join(file), &read(workspace.join(file))?)?;
    }
    // Cargo refuses a manifest whose declared targets (`[[test]]`, `[[example]]`, `[[bench]]`,
    // e.g. for their required features) have no file, so copy each (they are not checked).
    for file in declared_targets(&read(workspace.join("linkedin-api/Cargo.toml"))?) {
        write(scratch.join(&file), &read(workspace.join(&file))?)?;
    }

    let manifest = read(workspace.join("linkedin-api/Cargo.toml"))?;
    let (Some(start), Some(end)) = (manifest.find(FEATURES_START), manifest.find(FEATURES_END))
    else {
        return Err("linkedin-api/Cargo.toml has no generated features block".to_owned());
    };
    // The samples' months, and the runtime's own default features (TLS, OIDC) as generated.
    let runtime_defaults = manifest[start..end]
        .lines()
        .find_map(|l| l.strip_prefix("default = ["))
        .and_then(|l| l.strip_suffix(']'))
        .ok_or("the generated features block has no `default`")?
        .split(", ")
        .filter(|f| !f.starts_with("\"v"))
        .map(str::to_owned);
    let features: Vec<String> = samples
        .iter()
        .map(|s| format!("\"v{}\"", s.month))
        .chain(runtime_defaults)
        .collect();
    let mut block = format!("default = [{}]\n", features.join(", "));
    for s in samples {
        block.push_str(&format!("v{} = []\n", s.month));
    }
    let manifest = format!(
        "{}{FEATURES_START}\n{block}{}",
        &manifest[..start],
        &manifest[end..]
    );
    write(scratch.join("linkedin-api/Cargo.toml"), &manifest)?;

    // The hand-written code as it is (the runtime's crate, and the bindings' own modules), the
    // generated trees as the samples make them: the URNs and `Version` go to the runtime.
    let src = scratch.join("linkedin-api/src");
    let runtime_src = scratch.join("runtime/src");
    for dir in [&src, &runtime_src] {
        let _ = std::fs::remove_dir_all(dir.join("generated"));
    }
    copy_runtime(&workspace.join("linkedin-api/src"), &src)?;
    copy_runtime(&workspace.join("runtime/src"), &runtime_src)?;
    let versions: Vec<codegen::emit::Version<'_>> = samples
        .iter()
        .map(|s| codegen::emit::Version {
            module: format!("s{}", s.month),
            api: &s.api,
            spec_path: format!("fuzz/{}", s.label),
            months: vec![codegen::registry::Month {
                version: s.month.clone(),
                released: format!("{}-{}", &s.month[..4], &s.month[4..]),
                sunset: "9999-12-31".to_owned(),
                sunset_estimated: false,
                spec: s.month.clone(),
            }],
        })
        .collect();
    let files = codegen::emit::emit(&versions, "0000-01-01")?;
    for f in files {
        let root = match f.part {
            codegen::emit::Part::Runtime => &runtime_src,
            codegen::emit::Part::Bindings | codegen::emit::Part::Cli => &src,
        };
        write(root.join("generated").join(&f.path), &f.contents)?;
    }
    Ok(())
}

/// Copies the hand-written runtime (everything but `generated/`), and removes what the runtime
/// no longer has: the scratch copy outlives runs, and a module moved from `media.rs` to
/// `media/mod.rs` must not leave the old file behind (two files for one module do not compile).
fn copy_runtime(from: &Path, to: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let mut names = std::collections::BTreeSet::new();
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        names.insert(name.clone());
        let path = entry.path();
        if path.is_dir() {
            if name != "generated" {
                copy_runtime(&path, &to.join(&name))?;
            }
        } else {
            let text = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let target = to.join(&name);
            if std::fs::read(&target).ok().as_deref() != Some(text.as_slice()) {
                std::fs::write(&target, text).map_err(|e| format!("{}: {e}", target.display()))?;
            }
        }
    }
    let copied = std::fs::read_dir(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in copied {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        if name == "generated" || names.contains(&name) {
            continue;
        }
        let path = entry.path();
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
