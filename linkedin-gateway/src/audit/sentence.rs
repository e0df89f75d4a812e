//! The plain-English sentence of an audit event, built from the spec's one-line summary of the
//! operation: "social-bot created a post as urn:li:organization:123 — allowed, 201".

use linkedin_api::operation::Effect;

/// Irregular and regular past tenses of the verbs LinkedIn operation summaries start with. A
/// table rather than a rule: a summary may start with a noun ("The pages the member may act
/// for", "Report grouped by one pivot"), and guessing a verb there reads worse than saying
/// nothing.
const PAST: &[(&str, &str)] = &[
    ("activate", "activated"),
    ("add", "added"),
    ("archive", "archived"),
    ("authorize", "authorized"),
    ("cancel", "cancelled"),
    ("celebrate", "celebrated"),
    ("change", "changed"),
    ("check", "checked"),
    ("close", "closed"),
    ("count", "counted"),
    ("create", "created"),
    ("deactivate", "deactivated"),
    ("delete", "deleted"),
    ("disable", "disabled"),
    ("edit", "edited"),
    ("enable", "enabled"),
    ("estimate", "estimated"),
    ("fetch", "fetched"),
    ("finalize", "finalized"),
    ("find", "found"),
    ("follow", "followed"),
    ("forecast", "forecast"),
    ("get", "got"),
    ("give", "gave"),
    ("initialize", "initialized"),
    ("inspect", "inspected"),
    ("like", "liked"),
    ("list", "listed"),
    ("look", "looked"),
    ("pause", "paused"),
    ("post", "posted"),
    ("publish", "published"),
    ("react", "reacted"),
    ("read", "read"),
    ("refresh", "refreshed"),
    ("register", "registered"),
    ("remove", "removed"),
    ("rename", "renamed"),
    ("reopen", "reopened"),
    ("reply", "replied"),
    ("reshare", "reshared"),
    ("retrieve", "retrieved"),
    ("revoke", "revoked"),
    ("search", "searched"),
    ("send", "sent"),
    ("set", "set"),
    ("share", "shared"),
    ("start", "started"),
    ("stop", "stopped"),
    ("subscribe", "subscribed"),
    ("unfollow", "unfollowed"),
    ("unlike", "unliked"),
    ("unsubscribe", "unsubscribed"),
    ("update", "updated"),
    ("upload", "uploaded"),
    ("validate", "validated"),
];

fn past_of(verb: &str) -> Option<&'static str> {
    let lower = verb.to_ascii_lowercase();
    PAST.iter().find(|(v, _)| *v == lower).map(|(_, p)| *p)
}

/// What the summary says the call does, as the sentence's predicate.
struct Predicate {
    /// "created a post", "read the pages the member may act for".
    done: String,
    /// "create a post", "read the pages the member may act for".
    to_do: String,
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Keep acronyms ("UGC posts", "DSC") as they are.
        Some(_) if chars.clone().next().is_some_and(char::is_uppercase) => s.to_owned(),
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn predicate(operation: &str, summary: Option<&str>, effect: Effect) -> Predicate {
    let summary = summary.map(str::trim).filter(|s| !s.is_empty());
    let Some(summary) = summary.map(|s| s.trim_end_matches('.')) else {
        return Predicate {
            done: format!("called `{operation}`"),
            to_do: format!("call `{operation}`"),
        };
    };
    let (first, rest) = summary.split_once(' ').unwrap_or((summary, ""));
    // "Batch get campaigns" / "Batch look up organizations": the verb is the second word.
    if first.eq_ignore_ascii_case("batch") {
        let (verb, object) = rest.split_once(' ').unwrap_or((rest, ""));
        if let Some(past) = past_of(verb) {
            let verb = verb.to_ascii_lowercase();
            return Predicate {
                done: format!("{past} {object} in one batch"),
                to_do: format!("{verb} {object} in one batch"),
            };
        }
    }
    if let Some(past) = past_of(first) {
        let verb = first.to_ascii_lowercase();
        // "Close or reopen comments": both verbs take the tense.
        let (done_rest, rest) = match alternative(rest) {
            Some((past, plain, object)) => (
                format!(" or {past}{object}"),
                format!(" or {plain}{object}"),
            ),
            None if rest.is_empty() => (String::new(), String::new()),
            None => (format!(" {rest}"), format!(" {rest}")),
        };
        return Predicate {
            done: format!("{past}{done_rest}"),
            to_do: format!("{verb}{rest}"),
        };
    }
    // A noun phrase ("Video upload actions", "The pages the member may act for"): what was
    // read, or what was run.
    let phrase = lowercase_first(summary);
    match effect {
        Effect::Read => Predicate {
            done: format!("read {phrase}"),
            to_do: format!("read {phrase}"),
        },
        Effect::Write => Predicate {
            done: format!("ran {phrase}"),
            to_do: format!("run {phrase}"),
        },
    }
}

/// After a first verb, "or reopen comments" / "or batch get creatives": the second verb's past
/// tense, its plain form and the rest (with its leading space).
fn alternative(rest: &str) -> Option<(String, String, String)> {
    let after_or = rest.strip_prefix("or ")?;
    let (word, object) = after_or.split_once(' ').unwrap_or((after_or, ""));
    let object = if object.is_empty() {
        String::new()
    } else {
        format!(" {object}")
    };
    if word.eq_ignore_ascii_case("batch") {
        let (verb, object) = object
            .trim_start()
            .split_once(' ')
            .unwrap_or((object.trim_start(), ""));
        let past = past_of(verb)?;
        let object = if object.is_empty() {
            String::new()
        } else {
            format!(" {object}")
        };
        return Some((
            format!("batch-{past}"),
            format!("batch-{}", verb.to_ascii_lowercase()),
            object,
        ));
    }
    if let Some(verb) = word.strip_prefix("batch-") {
        let past = past_of(verb)?;
        return Some((format!("batch-{past}"), word.to_ascii_lowercase(), object));
    }
    let past = past_of(word)?;
    Some((past.to_owned(), word.to_ascii_lowercase(), object))
}

/// " as urn:li:organization:123" (writes act as), " for urn:li:person:1 and urn:…" (reads).
fn target_phrase(targets: &[String], effect: Effect) -> String {
    let list = match targets {
        [] => return String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    match effect {
        Effect::Write => format!(" as {list}"),
        Effect::Read => format!(" for {list}"),
    }
}

/// How the call ended, for the sentence.
pub(crate) enum Ending<'a> {
    /// Sent; succeeded with this status (or with none, for a transport that gives none).
    Succeeded(Option<u16>),
    /// Sent; failed with this status or error kind.
    Failed(Option<u16>, &'a str),
    /// Refused before sending, for this reason.
    Denied(&'a str),
    /// A dry run: allowed, not sent.
    DryRun,
}

/// The sentence: "social-bot created a post as urn:li:organization:123 — allowed, 201".
pub(crate) fn sentence(
    agent: &str,
    operation: &str,
    summary: Option<&str>,
    effect: Effect,
    targets: &[String],
    ending: Ending<'_>,
) -> String {
    let p = predicate(operation, summary, effect);
    let mut on = target_phrase(targets, effect);
    // "the pages the member may act for" + " for urn:…": one "for" is enough.
    if p.done.ends_with(" for") {
        on = on.replacen(" for ", " ", 1);
    }
    match ending {
        Ending::Succeeded(Some(status)) => format!("{agent} {}{on} — allowed, {status}", p.done),
        Ending::Succeeded(None) => format!("{agent} {}{on} — allowed", p.done),
        Ending::Failed(Some(status), _) => {
            format!(
                "{agent} tried to {}{on} — allowed, failed with {status}",
                p.to_do
            )
        }
        Ending::Failed(None, kind) => {
            format!(
                "{agent} tried to {}{on} — allowed, failed ({kind})",
                p.to_do
            )
        }
        Ending::Denied(reason) => format!("{agent} tried to {}{on} — denied: {reason}", p.to_do),
        Ending::DryRun => format!(
            "{agent} would {}{on} — allowed, dry run (not sent)",
            p.to_do
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(summary: Option<&str>, effect: Effect, targets: &[&str], ending: Ending<'_>) -> String {
        let targets: Vec<String> = targets.iter().map(|t| (*t).to_owned()).collect();
        sentence(
            "social-bot",
            "posts.create",
            summary,
            effect,
            &targets,
            ending,
        )
    }

    #[test]
    fn the_issues_example() {
        assert_eq!(
            say(
                Some("Create a post"),
                Effect::Write,
                &["urn:li:organization:123"],
                Ending::Succeeded(Some(201))
            ),
            "social-bot created a post as urn:li:organization:123 — allowed, 201"
        );
    }

    #[test]
    fn denials_failures_and_dry_runs_say_what_was_tried() {
        assert_eq!(
            say(
                Some("Create a comment"),
                Effect::Write,
                &[],
                Ending::Denied("agent `social-bot` may only read comments")
            ),
            "social-bot tried to create a comment — denied: agent `social-bot` may only read comments"
        );
        assert_eq!(
            say(
                Some("Get a post"),
                Effect::Read,
                &[
                    "urn:li:person:1",
                    "urn:li:organization:2",
                    "urn:li:organization:3"
                ],
                Ending::Failed(Some(404), "api")
            ),
            "social-bot tried to get a post for urn:li:person:1, urn:li:organization:2 and \
             urn:li:organization:3 — allowed, failed with 404"
        );
        assert_eq!(
            say(
                Some("Delete a comment"),
                Effect::Write,
                &[],
                Ending::Failed(None, "timeout")
            ),
            "social-bot tried to delete a comment — allowed, failed (timeout)"
        );
        assert_eq!(
            say(Some("Like a post"), Effect::Write, &[], Ending::DryRun),
            "social-bot would like a post — allowed, dry run (not sent)"
        );
    }

    #[test]
    fn two_verbs_joined_by_or_both_take_the_tense() {
        assert_eq!(
            say(
                Some("Close or reopen comments on a post"),
                Effect::Write,
                &[],
                Ending::Succeeded(Some(200))
            ),
            "social-bot closed or reopened comments on a post — allowed, 200"
        );
        assert_eq!(
            say(
                Some("Find or batch get creatives"),
                Effect::Read,
                &[],
                Ending::Failed(Some(400), "api")
            ),
            "social-bot tried to find or batch-get creatives — allowed, failed with 400"
        );
        assert_eq!(
            say(
                Some("Find or batch-get posts"),
                Effect::Read,
                &[],
                Ending::Succeeded(Some(200))
            ),
            "social-bot found or batch-got posts — allowed, 200"
        );
    }

    #[test]
    fn summaries_that_are_not_imperatives_still_read() {
        assert_eq!(
            say(
                Some("Batch get campaigns"),
                Effect::Read,
                &[],
                Ending::Succeeded(Some(200))
            ),
            "social-bot got campaigns in one batch — allowed, 200"
        );
        assert_eq!(
            say(
                Some("The pages the member may act for"),
                Effect::Read,
                &["urn:li:person:1"],
                Ending::Succeeded(Some(200))
            ),
            "social-bot read the pages the member may act for urn:li:person:1 — allowed, 200"
        );
        assert_eq!(
            say(
                Some("Video upload actions"),
                Effect::Write,
                &[],
                Ending::Succeeded(Some(200))
            ),
            "social-bot ran video upload actions — allowed, 200"
        );
        assert_eq!(
            say(None, Effect::Write, &[], Ending::Succeeded(None)),
            "social-bot called `posts.create` — allowed"
        );
        assert_eq!(
            say(
                Some("UGC posts of an author"),
                Effect::Read,
                &[],
                Ending::Succeeded(Some(200))
            ),
            "social-bot read UGC posts of an author — allowed, 200"
        );
    }
}
