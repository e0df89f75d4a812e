//! `linkedin`: every operation of LinkedIn's REST API from the command line (`ops`, `call`,
//! `login`), and `linkedin mcp`, an MCP server that gives each AI agent exactly the operations its
//! policy allows. Calls go through the bindings' catalogue (`linkedin_api::catalog`), so the CLI
//! knows every operation of every month the crate was generated for.

mod call;
mod cli;
mod context;
mod error;
mod facts;
#[rustfmt::skip]
#[allow(clippy::all)]
mod generated;
mod login;
mod mcp;
mod ops;
mod token;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("linkedin: cannot start the async runtime: {e}");
            return ExitCode::from(error::Exit::Other as u8);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("linkedin: {failure}");
            ExitCode::from(failure.exit as u8)
        }
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let ctx = context::Context::new(cli.global)?;
    match cli.command {
        Command::Ops(args) => ops::run(&ctx, &args),
        Command::Call(args) => call::run(&ctx, &args).await,
        Command::Login(args) => login::run(&ctx, &args).await,
        Command::Mcp(args) => mcp::run(&ctx, &args).await,
    }
}
