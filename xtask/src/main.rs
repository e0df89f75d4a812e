//! `cargo xtask` — the maintainers' commands. Run `cargo xtask --help`.

mod bench;
mod codegen;
mod diff;
mod mock;
mod mutants;
mod new_version;
mod test;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Maintainer tasks for the linkedin-api workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate linkedin-api/src/generated/ from the specs in spec/.
    ///
    /// The output is deterministic: the same specs give the same bytes.
    Codegen {
        /// Write nothing; exit non-zero and list the stale files if the committed output
        /// differs from what the specs generate (generating twice to prove determinism).
        #[arg(long)]
        check: bool,
    },
    /// Report what changed between two LinkedIn months (e.g. `cargo xtask diff 202401 202606`).
    ///
    /// Compares the models the code is generated from: operations, parameters, request and
    /// response fields, enum values and permissions, each classified as breaking or not for code
    /// built against the older month.
    ///
    /// Or compares any two self-contained spec files (`--old FILE --new FILE`), e.g. a candidate
    /// spec before it is registered as a month; change notes are then not applied.
    ///
    /// Or reviews a candidate change file (`--overlay 202607.overlay.yaml`): the spec of the
    /// newest registered month before its `info.version`, against that spec with the file
    /// applied, its change notes attributed.
    Diff {
        /// The older month, YYYYMM.
        #[arg(required_unless_present_any = ["old", "overlay"], conflicts_with_all = ["old", "overlay"])]
        from: Option<String>,
        /// The newer month, YYYYMM.
        #[arg(required_unless_present_any = ["old", "overlay"], conflicts_with_all = ["old", "overlay"])]
        to: Option<String>,
        /// A candidate change file (OpenAPI Overlay, as in spec/source/), instead of two months.
        #[arg(long, conflicts_with_all = ["old", "new"])]
        overlay: Option<PathBuf>,
        /// The older spec file (with --new), instead of two months.
        #[arg(long, requires = "new")]
        old: Option<PathBuf>,
        /// The newer spec file (with --old).
        #[arg(long, requires = "old")]
        new: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = diff::Format::Markdown)]
        format: diff::Format,
        /// Exit 1 when a change of this severity is found (2 is kept for a comparison that
        /// could not be made: unknown month, wrong order, a spec that does not build).
        #[arg(long, value_enum)]
        fail_on: Option<diff::FailOn>,
    },
    /// Add a LinkedIn month to spec/versions.yaml, then regenerate.
    ///
    /// The month is governed by the latest spec unless `--changes` starts its change file,
    /// spec/source/<month>.overlay.yaml (empty: add the month's actions and change notes).
    NewVersion {
        /// The month, YYYYMM (after the newest listed one).
        month: String,
        /// Start the month's change file: LinkedIn changed something the spec covers.
        #[arg(long, alias = "new-spec")]
        changes: bool,
    },
    /// Mutation-test the hand-written runtime (restli, retry, paging, client, auth) and the
    /// change-review rules (diff) with cargo-mutants, installed on first use at a pinned version
    /// into target/tools.
    ///
    /// Slow (a build and test run per mutant), so not part of `cargo xtask test`. Fails when
    /// fewer than --min-score percent of the viable mutants are caught.
    Mutants {
        /// Only this module (repeatable): restli, retry, paging, client, auth, diff. Default: all.
        #[arg(long = "module")]
        modules: Vec<String>,
        /// The lowest acceptable share of viable mutants caught, in percent.
        #[arg(long, default_value_t = 95.0)]
        min_score: f64,
        /// Further arguments for cargo-mutants, after `--` (e.g. `-- --jobs 2`).
        #[arg(last = true)]
        extra: Vec<String>,
    },
    /// Run the runtime benchmarks and print each figure's ratio to its baseline (measured in
    /// the same run) against the performance targets. Not part of `cargo xtask test`.
    Bench {
        /// Criterion's quick mode: fewer samples, a rough figure in seconds.
        #[arg(long)]
        quick: bool,
        /// Also time the final crate's build, one month against all-versions (minutes).
        #[arg(long)]
        compile: bool,
        /// Also compare one month's final-crate build CPU with progenitor's crate generated from
        /// the same spec (installs cargo-progenitor, pinned, into target/tools on first use).
        #[arg(long)]
        progenitor: bool,
    },
    /// Serve a local mock of LinkedIn for a month: Prism on the month's spec, and an upload
    /// sink for the `PUT`s of image, video and document uploads, which Prism cannot take.
    ///
    /// Prints the environment the examples need (`LINKEDIN_BASE_URL`, `LINKEDIN_UPLOAD_BASE_URL`)
    /// and every upload received; runs until stopped (Ctrl-C). Installs the pinned Node tools
    /// (`npm ci`) when they are missing.
    Mock {
        /// The month, YYYYMM (e.g. 202606).
        version: String,
        /// Prism's port on 127.0.0.1.
        #[arg(long, default_value_t = 4010)]
        port: u16,
        /// The upload sink's port on 127.0.0.1 (default: the next one).
        #[arg(long)]
        upload_port: Option<u16>,
    },
    /// Run every test: spec lint (Redocly), generated-code freshness, rustfmt, clippy, and the
    /// unit, snapshot and integration tests. Installs the pinned Node tools when missing.
    Test {
        /// Skip `cargo fmt --check` and clippy (for a quick local loop).
        #[arg(long)]
        no_lint: bool,
    },
    /// Lint the materialized specs with Redocly: the test command's lint step alone.
    LintSpecs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&root, check),
        Command::Test { no_lint } => test::run(&root, !no_lint),
        Command::LintSpecs => test::lint_only(&root),
        Command::Mock {
            version,
            port,
            upload_port,
        } => mock::run(&root, &version, port, upload_port),
        Command::Bench {
            quick,
            compile,
            progenitor,
        } => bench::run(&root, quick, compile, progenitor),
        Command::Diff {
            from,
            to,
            overlay,
            old,
            new,
            format,
            fail_on,
        } => {
            let pair = match (from, to, old, new, overlay) {
                (_, _, _, _, Some(overlay)) => diff::Pair::Candidate(overlay),
                (_, _, Some(old), Some(new), _) => diff::Pair::Files(old, new),
                (Some(from), Some(to), _, _, _) => diff::Pair::Months(from, to),
                // clap's `required_unless_present` and `requires` leave no other case.
                _ => diff::Pair::Incomplete,
            };
            return diff::Verdict::exit(diff::run(&root, pair, format, fail_on));
        }
        Command::NewVersion { month, changes } => new_version::run(&root, &month, changes),
        Command::Mutants {
            modules,
            min_score,
            extra,
        } => mutants::run(&root, &modules, min_score, &extra),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the parent of this crate's manifest directory.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
