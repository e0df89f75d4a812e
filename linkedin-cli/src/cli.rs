//! The command line: `linkedin [--version YYYYMM] <ops|call|login|mcp> …`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  linkedin login --client-id 86abc --scope openid --scope profile --scope w_member_social
  linkedin ops --version 202606
  linkedin call posts.findByAuthor --arg author=urn:li:organization:2414183 --arg count=10
  linkedin call posts.findByAuthor --arg author=urn:li:organization:2414183 --all
  linkedin call posts.create --json post.json
  linkedin mcp --agent social-bot --policy agents.toml
  linkedin mcp --http 127.0.0.1:8377 --policy agents.toml

Environment:
  LINKEDIN_ACCESS_TOKEN  a token to use instead of the token file
  LINKEDIN_TOKEN_FILE    where `login` stores the token (default ~/.config/linkedin/token.json)
  LINKEDIN_BASE_URL      another API host (a mock server such as Prism; plain http only on loopback)
  LINKEDIN_VERSION       the default for --version

Exit codes:
  0 success; 1 other failure; 2 usage (bad command, operation or arguments);
  3 not signed in or unusable token; 4 LinkedIn answered an error; 5 LinkedIn unreachable
  (network, timeout); 6 refused locally (access policy, quota, scopes)";

/// Every operation of LinkedIn's REST API, from the command line and as an MCP server for AI agents.
#[derive(Debug, Parser)]
#[command(name = "linkedin", after_help = AFTER_HELP, disable_version_flag = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The LinkedIn API version (`Linkedin-Version`, YYYYMM); default: the newest this build knows.
    #[arg(
        long = "version",
        value_name = "YYYYMM",
        env = "LINKEDIN_VERSION",
        global = true
    )]
    pub version: Option<String>,
    /// Another API host, e.g. a local mock server.
    #[arg(long, value_name = "URL", env = "LINKEDIN_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// The token file `login` writes and the other commands read.
    #[arg(long, value_name = "PATH", env = "LINKEDIN_TOKEN_FILE", global = true)]
    pub token_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every operation of a version: id, area, effect, scopes, product.
    #[command(
        after_help = "Examples:\n  linkedin ops\n  linkedin ops --version 202601 --format json"
    )]
    Ops(OpsArgs),
    /// Call one operation with arguments; prints the answer as JSON.
    #[command(after_help = "\
Arguments are the operation's parameters by their wire names, and `body` for the request body.
A value is taken as JSON where the parameter is not a string (numbers, lists, objects), else as
text; `linkedin ops --format json` shows each operation's argument schema.

Examples:
  linkedin call posts.get --arg postUrn=urn:li:share:6844785523593134080
  linkedin call posts.findByAuthor --arg author=urn:li:person:abc --arg count=50 --all
  linkedin call posts.create --arg 'body={\"author\":\"urn:li:person:abc\",\"commentary\":\"Hello\",\"visibility\":\"PUBLIC\",\"distribution\":{\"feedDistribution\":\"MAIN_FEED\"},\"lifecycleState\":\"PUBLISHED\"}'
  linkedin call campaigns.create --json campaign.json   (a file of {\"param\": value, …, \"body\": {…}}; - reads standard input)")]
    Call(CallArgs),
    /// Sign in with LinkedIn (OAuth 2.0 / OpenID Connect) and store the token for this user only.
    #[command(after_help = "\
Opens nothing by itself: it prints the authorization URL, waits for LinkedIn's redirect on a local
port, exchanges the code, checks the ID token and writes the token file (mode 0600).
The app must list http://127.0.0.1:<port>/callback as a redirect URL.

Examples:
  LINKEDIN_CLIENT_SECRET=… linkedin login --client-id 86abc --port 8765
  LINKEDIN_CLIENT_SECRET=… linkedin login --client-id 86abc --scope openid --scope profile --scope w_member_social")]
    Login(LoginArgs),
    /// Serve the operations an agent's policy allows as MCP tools (stdio, or streamable HTTP).
    #[command(after_help = "\
stdio: one agent per process, named by --agent, its access from the policy file.
HTTP: every agent of the policy file, each authenticating with `Authorization: Bearer <its key>`
(keys come from the environment variables the policy file names); agents never see the LinkedIn token.
Denied operations are not listed, and are refused if called anyway. Every call is audited to the
sinks the policy file's [audit] table names (JSON Lines, SQLite, tracing), or those the --audit*
flags name.

Examples:
  linkedin mcp --agent social-bot --policy agents.toml --audit audit.jsonl
  linkedin mcp --http 127.0.0.1:8377 --policy agents.toml --audit audit.jsonl
  linkedin mcp --agent social-bot --policy agents.toml --audit-sqlite audit.sqlite --audit-tracing
  linkedin mcp --agent social-bot --policy agents.toml --dry-run")]
    Mcp(McpArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns.
    Table,
    /// One JSON array, with each operation's argument schema.
    Json,
}

#[derive(Debug, Args)]
pub struct OpsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// The operation id, as `linkedin ops` lists it (`posts.findByAuthor`).
    pub operation: String,
    /// One argument, `name=value` (repeatable).
    #[arg(long = "arg", value_name = "NAME=VALUE", conflicts_with = "json")]
    pub args: Vec<String>,
    /// All arguments as one JSON object from a file (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Follow the pages of a paged collection and print every element, as one JSON array.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The application's client id.
    #[arg(long, env = "LINKEDIN_CLIENT_ID")]
    pub client_id: String,
    /// The scopes to ask for (repeatable).
    #[arg(long = "scope", default_values_t = ["openid".to_owned(), "profile".to_owned(), "email".to_owned()])]
    pub scopes: Vec<String>,
    /// The local port of the redirect URL (default: any free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    /// The policy file: each agent's access, key and budget.
    #[arg(long, value_name = "FILE")]
    pub policy: PathBuf,
    /// stdio: the agent this process serves.
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "http",
        conflicts_with = "http"
    )]
    pub agent: Option<String>,
    /// Serve streamable HTTP on this address instead of stdio (path `/mcp`).
    #[arg(long, value_name = "ADDR")]
    pub http: Option<SocketAddr>,
    /// Append every call's audit record to this JSON Lines file (instead of the policy file's
    /// `[audit] jsonl`).
    #[arg(long, visible_alias = "audit-jsonl", value_name = "FILE")]
    pub audit: Option<PathBuf>,
    /// Insert every call's audit record into the `audit_events` table of this SQLite database
    /// (instead of the policy file's `[audit] sqlite`).
    #[arg(long, value_name = "FILE")]
    pub audit_sqlite: Option<PathBuf>,
    /// Also emit every audit record as a `tracing` event on standard error (as the policy
    /// file's `[audit] tracing = true`).
    #[arg(long)]
    pub audit_tracing: bool,
    /// Validate and audit writes, but do not send them.
    #[arg(long)]
    pub dry_run: bool,
}
