//! Failures and their exit codes: a script tells a usage mistake from a missing sign-in, an
//! answer of LinkedIn's, a network failure and a local refusal without parsing messages.

use std::fmt;

/// The process exit codes (`linkedin --help` lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Anything else: an answer that does not decode, a file that cannot be written.
    Other = 1,
    /// The command line or the arguments are wrong (unknown operation, bad `--arg`, bad file).
    Usage = 2,
    /// Not signed in, or the token or the OAuth configuration is unusable.
    Auth = 3,
    /// LinkedIn answered with an error status.
    Api = 4,
    /// LinkedIn could not be reached in time (network, timeout, deadline).
    Network = 5,
    /// Refused locally before anything was sent (access policy, quota, missing scopes).
    Refused = 6,
}

/// A failure to report on standard error, with its exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Usage, message)
    }

    pub fn auth(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Auth, message)
    }

    pub fn other(message: impl Into<String>) -> Failure {
        Failure::new(Exit::Other, message)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The exit code of a runtime error. The runtime's messages never carry the token.
pub fn exit_of(err: &linkedin_api::Error) -> Exit {
    use linkedin_api::ErrorKind as K;
    match err.kind() {
        K::Api => Exit::Api,
        K::Timeout | K::Transport | K::Deadline | K::Redirect => Exit::Network,
        K::Encode | K::Urn => Exit::Usage,
        K::Config | K::Auth => Exit::Auth,
        K::Refused => Exit::Refused,
        _ => Exit::Other,
    }
}

impl From<linkedin_api::Error> for Failure {
    fn from(err: linkedin_api::Error) -> Failure {
        Failure::new(exit_of(&err), error_chain(&err))
    }
}

/// The error and its sources in one line, so a refusal shows its reason.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        let s_text = s.to_string();
        if !text.contains(&s_text) {
            text.push_str(": ");
            text.push_str(&s_text);
        }
        source = s.source();
    }
    text
}

/// Prints `text` and a newline on standard output. A closed pipe (`linkedin ops | head`) ends
/// the output quietly instead of aborting.
pub fn print(text: &str) -> Result<(), Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::other(format!("cannot write the output: {e}"))),
    }
}
