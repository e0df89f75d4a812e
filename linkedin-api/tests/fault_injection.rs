//! The runtime against a server that misbehaves on purpose, one table: for every fault and every
//! kind of call (GET, FINDER, CREATE, PARTIAL_UPDATE, ACTION, DELETE), the error kind the caller
//! gets, how many attempts the server saw, and that no non-idempotent call was sent twice.
//!
//! Every cell has its own loopback server, and the cells run concurrently, so the whole matrix
//! takes about as long as its slowest cell (a one-second `Retry-After`).

mod fault_support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use fault_support::{Action, Server, head};
use futures::StreamExt as _;
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::restli::{ActionResult, Collection};
use linkedin_api::{Client, Error, RetryPolicy};
use serde_json::Value;

/// A token the server echoes back in some answers; it must never show in an error.
const TOKEN: &str = "AQV-fault-injection-token-5d1e";
const ATTEMPTS: usize = 3;
const BODY_LIMIT: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Get,
    Finder,
    Create,
    PartialUpdate,
    Action,
    Delete,
}

const CALLS: [Call; 6] = [
    Call::Get,
    Call::Finder,
    Call::Create,
    Call::PartialUpdate,
    Call::Action,
    Call::Delete,
];

impl Call {
    fn idempotent(self) -> bool {
        matches!(self, Call::Get | Call::Finder | Call::Delete)
    }

    fn restli_method(self) -> RestliMethod {
        match self {
            Call::Get => RestliMethod::Get,
            Call::Finder => RestliMethod::Finder,
            Call::Create => RestliMethod::Create,
            Call::PartialUpdate => RestliMethod::PartialUpdate,
            Call::Action => RestliMethod::Action,
            Call::Delete => RestliMethod::Delete,
        }
    }

    /// Sends the call the way generated code does, keeping only the outcome.
    async fn send(self, client: &Client) -> Result<(), Error> {
        let op = "things.op";
        let path = match self {
            Call::Get | Call::PartialUpdate | Call::Delete => "/rest/things/1",
            _ => "/rest/things",
        };
        let req = Request::restli(op, self.restli_method(), "/rest/things", path.to_owned())
            .version("202606");
        match self {
            Call::Get => client.send_json::<Value>(req).await.map(drop),
            Call::Finder => client
                .send_json::<Collection<Value>>(req.query_raw("q", "search"))
                .await
                .map(drop),
            Call::Create => client
                .send_create_id::<String>(req.json(&serde_json::json!({"name": "x"})))
                .await
                .map(drop),
            Call::PartialUpdate => {
                let patch = serde_json::json!({"patch": {"$set": {"name": "y"}}});
                client.send_empty(req.json(&patch)).await
            }
            Call::Action => client
                .send_json::<ActionResult<Value>>(req.query_raw("action", "run"))
                .await
                .map(drop),
            Call::Delete => client.send_empty(req).await,
        }
    }
}

/// The kind of outcome a caller would branch on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Ok,
    Transport,
    Timeout,
    Deadline,
    Decode,
    TooLarge,
    Redirect(u16),
    Api(u16),
}

fn kind_of(result: &Result<(), Error>) -> Kind {
    match result {
        Ok(()) => Kind::Ok,
        Err(e) if e.is_deadline() => Kind::Deadline,
        Err(e) if e.is_timeout() => Kind::Timeout,
        Err(Error::Redirect { status, .. }) => Kind::Redirect(status.as_u16()),
        Err(e) if e.is_body_too_large() => Kind::TooLarge,
        Err(Error::Transport { .. }) => Kind::Transport,
        Err(Error::Decode { .. }) => Kind::Decode,
        Err(e) => match e.status() {
            Some(status) => Kind::Api(status.as_u16()),
            None => panic!("unexpected error kind: {e:?}"),
        },
    }
}

/// The answer every call type accepts: a Rest.li collection / action shape, a created id.
fn good() -> Action {
    Action::Respond {
        status: 200,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("x-restli-id".into(), "42".into()),
        ],
        body: br#"{"elements":[],"paging":{"start":0,"count":10},"value":{}}"#.to_vec(),
    }
}

fn respond(status: u16, headers: &[(&str, &str)], body: &str) -> Action {
    Action::Respond {
        status,
        headers: headers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.as_bytes().to_vec(),
    }
}

/// A response head promising 100 bytes, and 10 of them.
fn short_body() -> Vec<u8> {
    let mut bytes = head(200, &[("content-length", "100")]);
    bytes.extend_from_slice(br#"{"element"#);
    bytes
}

/// The first `n` attempts get `fault`, the rest a good answer.
fn first(n: usize, fault: fn() -> Action) -> Arc<dyn Fn(usize) -> Action + Send + Sync> {
    Arc::new(move |i| if i < n { fault() } else { good() })
}

fn always(fault: fn() -> Action) -> Arc<dyn Fn(usize) -> Action + Send + Sync> {
    Arc::new(move |_| fault())
}

/// Idempotent calls get `idem`, the others `once`.
fn by_idempotence(idem: (Kind, usize), once: (Kind, usize)) -> Expect {
    Arc::new(move |call: Call| {
        if call.idempotent() {
            idem.clone()
        } else {
            once.clone()
        }
    })
}

fn all(kind: Kind, attempts: usize) -> Expect {
    Arc::new(move |_| (kind.clone(), attempts))
}

type Expect = Arc<dyn Fn(Call) -> (Kind, usize) + Send + Sync>;

struct Scenario {
    name: &'static str,
    answer: Arc<dyn Fn(usize) -> Action + Send + Sync>,
    timeout: Duration,
    deadline: Duration,
    expect: Expect,
}

fn scenario(
    name: &'static str,
    answer: Arc<dyn Fn(usize) -> Action + Send + Sync>,
    expect: Expect,
) -> Scenario {
    Scenario {
        name,
        answer,
        timeout: Duration::from_secs(5),
        deadline: Duration::from_secs(10),
        expect,
    }
}

fn redirect(status: u16, elsewhere: &Server) -> Arc<dyn Fn(usize) -> Action + Send + Sync> {
    let location = format!("{}/elsewhere", elsewhere.uri());
    Arc::new(move |_| respond(status, &[("location", &location)], ""))
}

fn scenarios(elsewhere: &Server) -> Vec<Scenario> {
    use Kind::*;
    let http_date_now = httpdate::fmt_http_date(SystemTime::now());
    let html = "<html><body>".to_owned() + &"Bad gateway. ".repeat(500) + "</body></html>";
    let html: &'static str = Box::leak(html.into_boxed_str());
    let http_date: &'static str = Box::leak(http_date_now.into_boxed_str());
    let token_echo: &'static str = Box::leak(
        format!(
            r#"{{"message":"Invalid access token {TOKEN}","status":401,"serviceErrorCode":65600}}"#
        )
        .into_boxed_str(),
    );
    let mut list = vec![
        scenario(
            "503 always",
            always(|| respond(503, &[], "")),
            by_idempotence((Api(503), ATTEMPTS), (Api(503), 1)),
        ),
        scenario(
            "503 once, then OK",
            first(1, || respond(503, &[], "")),
            by_idempotence((Ok, 2), (Api(503), 1)),
        ),
        scenario(
            "HTML 502 page (6 KB) always",
            Arc::new(move |_| respond(502, &[("content-type", "text/html")], html)),
            by_idempotence((Api(502), ATTEMPTS), (Api(502), 1)),
        ),
        scenario(
            "reset mid-body once, then OK",
            first(1, || Action::RawThenReset(short_body())),
            by_idempotence((Ok, 2), (Transport, 1)),
        ),
        scenario(
            "reset mid-body always",
            always(|| Action::RawThenReset(short_body())),
            by_idempotence((Transport, ATTEMPTS), (Transport, 1)),
        ),
        scenario(
            "closed before answering once, then OK",
            first(1, || Action::Close),
            by_idempotence((Ok, 2), (Transport, 1)),
        ),
        scenario(
            "truncated body (short of Content-Length) once, then OK",
            first(1, || Action::RawThenClose(short_body())),
            by_idempotence((Ok, 2), (Transport, 1)),
        ),
        Scenario {
            timeout: Duration::from_millis(300),
            ..scenario(
                "stall: per-attempt timeout 300 ms",
                always(|| Action::Stall),
                by_idempotence((Timeout, ATTEMPTS), (Timeout, 1)),
            )
        },
        Scenario {
            deadline: Duration::from_millis(500),
            ..scenario(
                "stall: deadline 500 ms",
                always(|| Action::Stall),
                all(Deadline, 1),
            )
        },
        scenario(
            "slow drip within the deadline",
            always(|| Action::Drip {
                head: head(200, &[("content-length", "58"), ("x-restli-id", "42")]),
                body: br#"{"elements":[],"paging":{"start":0,"count":10},"value":{}}"#.to_vec(),
                chunk: 6,
                every: Duration::from_millis(10),
            }),
            all(Ok, 1),
        ),
        Scenario {
            deadline: Duration::from_millis(500),
            ..scenario(
                "slow drip past the deadline 500 ms",
                always(|| Action::Drip {
                    head: head(200, &[("content-length", "58"), ("x-restli-id", "42")]),
                    body: br#"{"elements":[],"paging":{"start":0,"count":10},"value":{}}"#.to_vec(),
                    chunk: 2,
                    every: Duration::from_millis(50),
                }),
                all(Deadline, 1),
            )
        },
        scenario(
            "HTML page with 200",
            always(|| {
                respond(
                    200,
                    &[("content-type", "text/html"), ("x-restli-id", "42")],
                    "<html><body>Sign in</body></html>",
                )
            }),
            Arc::new(|call| match call {
                // CREATE reads the id from the header; PARTIAL_UPDATE and DELETE ignore the body.
                Call::Create | Call::PartialUpdate | Call::Delete => (Ok, 1),
                _ => (Decode, 1),
            }),
        ),
        scenario(
            "empty body with 200",
            always(|| respond(200, &[("x-restli-id", "42")], "")),
            Arc::new(|call| match call {
                // An empty body is `null`: fine for an untyped GET, not for an envelope.
                Call::Finder | Call::Action => (Decode, 1),
                _ => (Ok, 1),
            }),
        ),
        scenario(
            "truncated JSON with 200",
            always(|| respond(200, &[("x-restli-id", "42")], r#"{"elements":[{"id":"#)),
            Arc::new(|call| match call {
                Call::Create | Call::PartialUpdate | Call::Delete => (Ok, 1),
                _ => (Decode, 1),
            }),
        ),
        scenario(
            "huge body (64 MiB, Content-Length) with 200",
            always(|| Action::Flood {
                head: head(200, &[("content-length", "67108864")]),
                total: 64 << 20,
                chunked: false,
            }),
            all(TooLarge, 1),
        ),
        scenario(
            "huge body (64 MiB, chunked) with 200",
            always(|| Action::Flood {
                head: head(200, &[("transfer-encoding", "chunked")]),
                total: 64 << 20,
                chunked: true,
            }),
            all(TooLarge, 1),
        ),
        scenario(
            "huge body (64 MiB) with 500",
            always(|| Action::Flood {
                head: head(500, &[("content-length", "67108864")]),
                total: 64 << 20,
                chunked: false,
            }),
            by_idempotence((Api(500), ATTEMPTS), (Api(500), 1)),
        ),
        scenario(
            "429 with Retry-After: 0 once, then OK",
            first(1, || respond(429, &[("retry-after", "0")], "")),
            by_idempotence((Ok, 2), (Api(429), 1)),
        ),
        scenario(
            "429 with Retry-After: <HTTP date> once, then OK",
            Arc::new(move |i| {
                if i == 0 {
                    respond(429, &[("retry-after", http_date)], "")
                } else {
                    good()
                }
            }),
            by_idempotence((Ok, 2), (Api(429), 1)),
        ),
        scenario(
            "429 without Retry-After (daily quota)",
            always(|| respond(429, &[], "")),
            all(Api(429), 1),
        ),
        scenario(
            "503 with Retry-After: 1 once, then OK",
            first(1, || respond(503, &[("retry-after", "1")], "")),
            by_idempotence((Ok, 2), (Api(503), 1)),
        ),
        scenario(
            "503 with Retry-After: 3600 (past the deadline)",
            always(|| respond(503, &[("retry-after", "3600")], "")),
            all(Api(503), 1),
        ),
        scenario(
            "426 version sunset",
            always(|| {
                respond(
                    426,
                    &[],
                    r#"{"message":"version 202301 is sunset","status":426}"#,
                )
            }),
            all(Api(426), 1),
        ),
        scenario(
            "401 echoing the token",
            Arc::new(move |_| respond(401, &[("content-type", "application/json")], token_echo)),
            all(Api(401), 1),
        ),
    ];
    for status in [301, 302, 307] {
        list.push(scenario(
            match status {
                301 => "301 to another port",
                302 => "302 to another port",
                _ => "307 to another port",
            },
            redirect(status, elsewhere),
            all(Redirect(status), 1),
        ));
    }
    list
}

struct Cell {
    scenario: &'static str,
    call: Call,
    expected: (Kind, usize),
    got: (Kind, usize),
    problems: Vec<String>,
}

/// How many requests the server has read, once that number stops moving: a request the client
/// wrote just before giving up may still be on its way through a busy machine.
async fn settled_requests(server: &Server) -> usize {
    let mut last = server.requests();
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(25)).await;
        let now = server.requests();
        if now == last {
            return now;
        }
        last = now;
    }
    last
}

async fn run_cell(
    scenario: &Scenario,
    call: Call,
    elsewhere: &Server,
    http: &reqwest::Client,
) -> Cell {
    let answer = Arc::clone(&scenario.answer);
    let server = Server::start(move |i, _| answer(i)).await;
    // One reqwest client for all cells (as the runtime's own: no redirects): building 162 TLS
    // clients at once in a debug build would starve the timing-sensitive cells of CPU.
    let client = Client::builder()
        .http_client(http.clone())
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(ATTEMPTS as u32)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .timeout(scenario.timeout)
        .deadline(scenario.deadline)
        .max_response_bytes(BODY_LIMIT)
        .build()
        .expect("client builds");
    let result = call.send(&client).await;
    let mut problems = Vec::new();
    let got = (kind_of(&result), settled_requests(&server).await);
    let expected = (scenario.expect)(call);
    if let Err(err) = &result {
        let shown = format!("{err} {err:?}");
        if shown.contains(TOKEN) {
            problems.push("the error shows the access token".to_owned());
        }
        if err.to_string().len() > 2048 {
            problems.push(format!(
                "the error message is {} bytes",
                err.to_string().len()
            ));
        }
        if err.is_redirect()
            && err.redirect_location() != Some(&format!("{}/elsewhere", elsewhere.uri()))
        {
            problems.push(format!("redirect location {:?}", err.redirect_location()));
        }
    }
    if !call.idempotent() && got.1 > 1 {
        problems.push(format!("a non-idempotent call was sent {} times", got.1));
    }
    let seen = server.seen();
    if seen
        .iter()
        .any(|s| s.restli_method.as_deref() != Some(call.restli_method().header_value()))
    {
        problems.push("a request without the call's X-RestLi-Method".to_owned());
    }
    Cell {
        scenario: scenario.name,
        call,
        expected,
        got,
        problems,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fault_for_every_call_type() {
    let elsewhere = Server::start(|_, _| good()).await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut scenarios = scenarios(&elsewhere);
    // FAULTS=stall runs only the faults whose name contains `stall` (for debugging one row).
    if let Ok(only) = std::env::var("FAULTS") {
        scenarios.retain(|s| s.name.contains(only.as_str()));
    }
    let cells: Vec<(&Scenario, Call)> = scenarios
        .iter()
        .flat_map(|s| CALLS.iter().map(move |c| (s, *c)))
        .collect();
    let total = cells.len();
    let started = std::time::Instant::now();
    let results: Vec<Cell> = futures::stream::iter(cells)
        .map(|(s, c)| run_cell(s, c, &elsewhere, &http))
        .buffer_unordered(48)
        .collect()
        .await;
    println!(
        "fault matrix: {} faults x {} call types = {total} cells in {:.1} s",
        scenarios.len(),
        CALLS.len(),
        started.elapsed().as_secs_f64()
    );
    let mut failures = Vec::new();
    for cell in &results {
        if cell.got != cell.expected {
            failures.push(format!(
                "{} / {:?}: expected {:?} after {} attempt(s), got {:?} after {}",
                cell.scenario, cell.call, cell.expected.0, cell.expected.1, cell.got.0, cell.got.1
            ));
        }
        for p in &cell.problems {
            failures.push(format!("{} / {:?}: {p}", cell.scenario, cell.call));
        }
    }
    assert_eq!(
        elsewhere.requests(),
        0,
        "a redirect was followed to another host/port"
    );
    assert_eq!(results.len(), total);
    assert!(
        failures.is_empty(),
        "{} of {total} cells failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The matrix shares one HTTP client; this checks the one `ClientBuilder` makes by default does
/// not follow a 307 either (which would re-send the body to the other host).
#[tokio::test]
async fn the_default_http_client_does_not_follow_redirects() {
    let elsewhere = Server::start(|_, _| good()).await;
    let location = format!("{}/elsewhere", elsewhere.uri());
    let server = Server::start(move |_, _| respond(307, &[("location", &location)], "")).await;
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let err = Call::Create.send(&client).await.unwrap_err();
    assert!(err.is_redirect(), "{err:?}");
    assert_eq!(server.requests(), 1);
    assert_eq!(elsewhere.requests(), 0);
}

/// A caller-supplied HTTP client that follows redirects is caught: the call fails instead of
/// reporting the other host's answer as the call's.
#[tokio::test]
async fn a_supplied_client_that_followed_a_redirect_is_an_error() {
    let elsewhere = Server::start(|_, _| good()).await;
    let location = format!("{}/elsewhere", elsewhere.uri());
    let server = Server::start(move |_, _| respond(302, &[("location", &location)], "")).await;
    let client = Client::builder()
        .http_client(reqwest::Client::new())
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let err = Call::Get.send(&client).await.unwrap_err();
    assert!(
        matches!(&err, Error::Config(m) if m.message().contains("Policy::none")),
        "{err:?}"
    );
}

/// The deadline can be set per client clone and per call, and the error says it was the deadline.
#[tokio::test]
async fn the_deadline_is_overridable_per_client_and_per_call() {
    let server = Server::start(|_, _| Action::Stall).await;
    let client = Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .deadline(Duration::from_secs(60))
        .build()
        .unwrap();
    let get = || {
        Request::restli(
            "things.get",
            RestliMethod::Get,
            "/rest/things/{id}",
            "/rest/things/1".into(),
        )
    };
    let started = std::time::Instant::now();
    let err = client
        .send_json::<Value>(get().deadline(Duration::from_millis(200)))
        .await
        .unwrap_err();
    assert!(err.is_deadline() && err.is_timeout(), "{err:?}");
    assert!(err.to_string().contains("deadline of 200ms"), "{err}");
    assert!(
        matches!(err, Error::Deadline { attempts: 1, .. }),
        "{err:?}"
    );

    let short = client.with_deadline(Duration::from_millis(200));
    assert_eq!(short.deadline(), Duration::from_millis(200));
    assert_eq!(client.deadline(), Duration::from_secs(60));
    assert!(
        short
            .send_json::<Value>(get())
            .await
            .unwrap_err()
            .is_deadline()
    );

    let restli = linkedin_api::restli::RestliClient::new(client.clone());
    let opts = linkedin_api::restli::CallOptions::new()
        .version("202606")
        .deadline(Duration::from_millis(200));
    let err = restli
        .get("/things", Some(&serde_json::json!(1)), &opts)
        .await
        .unwrap_err();
    assert!(err.is_deadline(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
}
