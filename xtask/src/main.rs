//! `cargo xtask` — the maintainers' commands. Run `cargo xtask --help`.

mod codegen;
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
    /// Run every test: spec lint (Redocly), generated-code freshness, rustfmt, clippy, and the
    /// unit, snapshot and integration tests. Installs the pinned Node tools when missing.
    Test {
        /// Skip `cargo fmt --check` and clippy (for a quick local loop).
        #[arg(long)]
        no_lint: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let result = match cli.command {
        Command::Codegen { check } => codegen::run(&root, check),
        Command::Test { no_lint } => test::run(&root, !no_lint),
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
