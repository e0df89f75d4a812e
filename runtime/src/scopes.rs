//! The local scope check: when a client knows which scopes its token was granted, a call none
//! of whose scope alternatives is granted fails before it is sent, naming what it needs and
//! what the token has, instead of spending a call of the day's quota on a 403.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

/// The scopes a client's token was granted, when known.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Granted(Arc<BTreeSet<String>>);

impl Granted {
    pub(crate) fn new<I, S>(scopes: I) -> Granted
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Granted(Arc::new(
            scopes
                .into_iter()
                .map(|s| s.as_ref().trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }

    /// `Ok` when the operation declares no scope or one of its alternatives is granted in full.
    pub(crate) fn check(
        &self,
        operation: &'static str,
        needed: &'static [&'static [&'static str]],
    ) -> Result<(), MissingScopes> {
        let covered = |alt: &&[&str]| alt.iter().all(|s| self.0.contains(*s));
        if needed.is_empty() || needed.iter().any(covered) {
            return Ok(());
        }
        Err(MissingScopes {
            operation,
            needed,
            granted: self.0.iter().cloned().collect(),
        })
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

impl fmt::Debug for Granted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.iter()).finish()
    }
}

/// [`Error::MissingScopes`](crate::Error::MissingScopes)' payload: the operation, the scope
/// alternatives it needs and the scopes the token was granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingScopes {
    operation: &'static str,
    needed: &'static [&'static [&'static str]],
    granted: Vec<String>,
}

impl MissingScopes {
    /// The operation (operationId) not sent.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The scope alternatives the operation needs: every scope of any one inner list.
    pub fn needed(&self) -> &'static [&'static [&'static str]] {
        self.needed
    }

    /// The scopes the token was granted, sorted.
    pub fn granted(&self) -> &[String] {
        &self.granted
    }
}

impl fmt::Display for MissingScopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |scopes: &mut dyn Iterator<Item = &str>| {
            scopes
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let needed = self
            .needed
            .iter()
            .map(|alt| list(&mut alt.iter().copied()))
            .collect::<Vec<_>>()
            .join(", or ");
        let granted = if self.granted.is_empty() {
            "none".to_owned()
        } else {
            self.granted
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            f,
            "{}: not sent, the token lacks the scopes it needs: needs {needed}; granted: {granted}",
            self.operation
        )
    }
}

impl std::error::Error for MissingScopes {}

#[cfg(test)]
mod tests {
    use super::*;

    const NEEDS: &[&[&str]] = &[&["w_member_social"], &["w_organization_social", "r_basic"]];

    #[test]
    fn one_alternative_granted_in_full_is_enough() {
        let granted = Granted::new(["r_basic", "w_organization_social"]);
        assert!(granted.check("posts.create", NEEDS).is_ok());
        assert!(
            Granted::new(["w_member_social"])
                .check("posts.create", NEEDS)
                .is_ok()
        );
        assert!(
            Granted::new::<_, &str>([]).check("me.get", &[]).is_ok(),
            "no scope documented"
        );
    }

    #[test]
    fn a_partial_alternative_is_not_and_the_error_says_what_is_needed_and_granted() {
        let err = Granted::new(["w_organization_social", "openid"])
            .check("posts.create", NEEDS)
            .unwrap_err();
        assert_eq!(err.granted(), ["openid", "w_organization_social"]);
        assert_eq!(
            err.to_string(),
            "posts.create: not sent, the token lacks the scopes it needs: needs `w_member_social`, \
             or `w_organization_social` and `r_basic`; granted: `openid`, `w_organization_social`"
        );
        let err = Granted::new([" "])
            .check("posts.create", NEEDS)
            .unwrap_err();
        assert!(err.to_string().ends_with("granted: none"), "{err}");
    }
}
