//! Every operation of the newest month, recorded by the audit trail, reads as an English
//! sentence built from its spec summary: "tried to …" when it was denied, a verb in the past
//! tense when it was allowed ("created a post"), never the fallback that names the operation id
//! (for an operation without a summary, which codegen refuses).

use std::time::SystemTime;

use linkedin_api::interceptor::OperationInfo;
use linkedin_api::request::Request;
use linkedin_gateway::audit::AuditEvent;

fn info(entry: &linkedin_api::catalog::Entry) -> OperationInfo {
    OperationInfo::from_request(
        &Request::restli(entry.id, entry.method, entry.path, entry.path.into())
            .area(entry.area)
            .effect(entry.effect)
            .summary(entry.summary)
            .target("urn:li:organization:123"),
    )
}

#[test]
fn every_operation_reads_as_a_sentence() {
    let mut fallbacks = Vec::new();
    for entry in linkedin_api::v202606::OPERATIONS {
        let op = info(entry);
        let denied =
            AuditEvent::of_dry_run("bot", &op, Some("not today"), SystemTime::now()).sentence;
        let tried = denied
            .strip_prefix("bot tried to ")
            .unwrap_or_else(|| panic!("{denied}"));
        assert!(
            denied.ends_with(" urn:li:organization:123 — denied: not today"),
            "{denied}"
        );
        let allowed = AuditEvent::of_dry_run("bot", &op, None, SystemTime::now()).sentence;
        assert_eq!(
            allowed,
            format!("bot would {tried}")
                .replace(" — denied: not today", " — allowed, dry run (not sent)")
        );
        if tried.starts_with("call `") {
            fallbacks.push(format!("{} ({:?}): {}", entry.id, entry.summary, denied));
        }
    }
    assert!(
        linkedin_api::v202606::OPERATIONS.len() > 50,
        "the catalogue was read"
    );
    assert!(
        fallbacks.is_empty(),
        "summaries that give no sentence (add their verb to audit/sentence.rs):\n{}",
        fallbacks.join("\n")
    );
}
