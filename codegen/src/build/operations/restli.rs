//! The Rest.li protocol's rules for a method's `x-restli`: which HTTP method each Rest.li method
//! travels as, which ones need a finder or action name, and which query parameters are
//! discriminators the runtime sends itself.

use crate::build::ext::{PagingStyleExt, RestliExt};
use crate::diag::{Ptr, Result};
use crate::ir::{Pagination, PagingStyle, Restli, RestliMethod};

/// `x-restli` agrees with the operation's HTTP method and names what its method needs.
pub(super) fn check(r: &RestliExt, http: &str, ptr: &Ptr) -> Result<()> {
    let here = ptr.at("x-restli");
    let needs_finder = matches!(r.method, RestliMethod::Finder | RestliMethod::BatchFinder);
    let needs_action = r.method == RestliMethod::Action;
    match (&r.finder, needs_finder) {
        (None, true) => {
            return here.fail(format!(
                "a {} needs `finder` (the value of q=)",
                r.method.wire()
            ));
        }
        (Some(_), false) => {
            return here.at("finder").fail(format!(
                "`finder` only applies to FINDER and BATCH_FINDER, not {}",
                r.method.wire()
            ));
        }
        _ => {}
    }
    match (&r.action, needs_action) {
        (None, true) => return here.fail("an ACTION needs `action` (the value of action=)"),
        (Some(_), false) => {
            return here.at("action").fail(format!(
                "`action` only applies to ACTION, not {}",
                r.method.wire()
            ));
        }
        _ => {}
    }
    let sent_as = r.method.http_method().as_str();
    if !sent_as.eq_ignore_ascii_case(http) {
        return here.fail(format!(
            "Rest.li {} is sent as HTTP {sent_as}, but this operation is {}",
            r.method.wire(),
            http.to_uppercase()
        ));
    }
    Ok(())
}

/// A query parameter the runtime sends itself: the finder's `q`, the batch finder's `bq`, the
/// action's `action`.
pub(super) fn is_discriminator(name: &str, restli: Option<&RestliExt>) -> bool {
    restli.and_then(|r| r.method.discriminator()) == Some(name)
}

pub(super) fn ir(r: &RestliExt) -> Restli {
    Restli {
        method: r.method,
        finder: r.finder.clone(),
        action: r.action.clone(),
    }
}

pub(super) fn pagination(r: &RestliExt) -> Option<Pagination> {
    let p = r.pagination?;
    Some(Pagination {
        style: match p.style {
            PagingStyleExt::Offset => PagingStyle::Offset,
            PagingStyleExt::Cursor => PagingStyle::Cursor,
        },
        max_page_size: p.max_page_size,
    })
}
