//! Runtime benchmarks, each measured beside the baseline it is judged against (issue #13):
//!
//! * `decode/*`: a 100-post page decoded through the client (`RawResponse::json`, what every
//!   call does), through plain `serde_json` into the same generated types, and into hand-written
//!   serde structs of the same fields;
//! * `request/*`, `request_list/*`: a finder's request built (path and query) through the
//!   generated call, against the same bytes, `path?query`, written with one `format!`;
//! * `e2e/*`: 64 concurrent finder calls against a local server, through the client (request
//!   building, the choke point, retries armed, decode) and through raw reqwest sending the same
//!   headers and query with a per-request timeout, and decoding into the same generated types.
//!   Time per batch is the inverse of requests per second;
//! * `e2e_cpu/*`: the same two sides' CPU time (the benchmark thread's, on a single-threaded
//!   runtime; the server runs on a thread of its own), unix only. Both `e2e` comparisons run in
//!   paired rounds, one batch of each side per round (`e2e_rounds`), not through criterion;
//! * `upload/*`: a 16-part video upload against a local server that answers each part 20 ms
//!   late, the parts one after the other against the default number in flight at once.
//!
//! `cargo xtask bench` runs them and prints each ratio; `cargo test` runs each once.

use std::hint::black_box;

use criterion::{Criterion, criterion_group};
use linkedin_api::client::RawResponse;
use linkedin_api::restli::Collection;
use linkedin_api::urn::OrganizationUrn;
use linkedin_api::v202606::{Api, Post};

/// One post as LinkedIn's documentation shows them: commentary, an article, distribution.
fn post(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("urn:li:share:{}", 7_000_000 + i),
        "author": "urn:li:organization:5515715",
        "commentary": format!("Our new office \\(finally\\)! Post {i} of the page"),
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": []
        },
        "content": {
            "article": {
                "source": "https://www.example.com/blog/office",
                "title": "A new office",
                "description": "Where we work now"
            }
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false,
        "lifecycleStateInfo": { "isEditedByAuthor": false },
        "createdAt": 1_700_000_000_000_i64 + i as i64,
        "lastModifiedAt": 1_700_000_000_000_i64 + i as i64,
        "publishedAt": 1_700_000_000_000_i64 + i as i64
    })
}

fn page() -> Vec<u8> {
    let elements: Vec<_> = (0..100).map(post).collect();
    serde_json::to_vec(&serde_json::json!({
        "elements": elements,
        "paging": { "start": 0, "count": 100, "links": [], "total": 250 }
    }))
    .expect("page")
}

/// The baseline: serde structs a developer would write by hand for the same fields.
mod hand {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Page {
        pub elements: Vec<Post>,
        pub paging: Paging,
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Paging {
        pub start: i32,
        pub count: i32,
        pub total: Option<i32>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Post {
        pub id: String,
        pub author: String,
        pub commentary: String,
        pub visibility: String,
        pub distribution: Distribution,
        pub content: Option<Content>,
        pub lifecycle_state: String,
        pub is_reshare_disabled_by_author: Option<bool>,
        pub lifecycle_state_info: Option<LifecycleStateInfo>,
        pub created_at: Option<i64>,
        pub last_modified_at: Option<i64>,
        pub published_at: Option<i64>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Distribution {
        pub feed_distribution: String,
        pub target_entities: Vec<serde_json::Value>,
        pub third_party_distribution_channels: Vec<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub enum Content {
        Article(Article),
    }

    #[derive(Deserialize)]
    #[allow(dead_code)]
    pub struct Article {
        pub source: String,
        pub title: Option<String>,
        pub description: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct LifecycleStateInfo {
        pub is_edited_by_author: bool,
    }
}

fn decode(c: &mut Criterion) {
    let body = bytes::Bytes::from(page());
    let raw = RawResponse {
        status: http::StatusCode::OK,
        headers: http::HeaderMap::new(),
        body: body.clone(),
    };
    // The three must agree before they are compared.
    let typed: Collection<Post> = raw.json("posts.findByAuthor").expect("client decode");
    assert_eq!(typed.elements.len(), 100);
    let _: hand::Page = serde_json::from_slice(&body).expect("hand decode");

    let mut group = c.benchmark_group("decode");
    group.bench_function("client", |b| {
        b.iter(|| black_box(&raw).json::<Collection<Post>>("posts.findByAuthor"))
    });
    group.bench_function("serde_generated", |b| {
        b.iter(|| serde_json::from_slice::<Collection<Post>>(black_box(&body)))
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| serde_json::from_slice::<hand::Page>(black_box(&body)))
    });
    group.finish();
}

/// The request's path and query as one string, `path?query`: the bytes both sides build.
fn target(request: &linkedin_api::request::Request) -> String {
    format!("{}?{}", request.path(), request.query_string())
}

fn request(c: &mut Criterion) {
    let api = Api::new(linkedin_api::Client::builder().build().expect("client"));
    let author = OrganizationUrn::from_id(5515715);
    let call = || api.posts().find_by_author(author.clone()).count(10);
    // The hand-written side writes the same bytes as the generated call builds, path and query,
    // in one `format!`: the path is a constant here, so it costs the baseline nothing.
    let by_hand = |author: &OrganizationUrn| {
        let encoded = percent_encoding::utf8_percent_encode(
            author.as_str(),
            percent_encoding::NON_ALPHANUMERIC,
        );
        format!("/rest/posts?q=author&author={encoded}&count=10")
    };
    assert_eq!(target(&call().to_request()), by_hand(&author));

    let mut group = c.benchmark_group("request");
    group.bench_function("generated", |b| {
        b.iter(|| {
            let request = black_box(call()).to_request();
            black_box((request.path().len(), request.query_string().len()));
            request
        })
    });
    group.bench_function("hand_format", |b| b.iter(|| by_hand(black_box(&author))));
    group.finish();
}

/// A finder with a `List(…)` of URNs: `creatives.findByCriteria` for two campaigns.
fn request_list(c: &mut Criterion) {
    use linkedin_api::urn::SponsoredCampaignUrn;
    let api = Api::new(linkedin_api::Client::builder().build().expect("client"));
    let account = 510_000_001_i64;
    let campaigns = [
        SponsoredCampaignUrn::from_id(101_001),
        SponsoredCampaignUrn::from_id(101_002),
    ];
    let call = |account: i64, campaigns: &[SponsoredCampaignUrn]| {
        api.creatives()
            .find_by_criteria(account)
            .campaigns(campaigns.iter().cloned())
            .page_size(100)
    };
    fn encode(urn: &SponsoredCampaignUrn) -> percent_encoding::PercentEncode<'_> {
        percent_encoding::utf8_percent_encode(urn.as_str(), percent_encoding::NON_ALPHANUMERIC)
    }
    // The same bytes as the generated call builds: the path, whose ad account varies by call
    // as the campaigns do, and the query, in one `format!` (one allocation, the least a hand
    // writer would pay).
    let by_hand = |account: i64, campaigns: &[SponsoredCampaignUrn]| {
        format!(
            "/rest/adAccounts/{account}/creatives?q=criteria&campaigns=List({},{})&pageSize=100",
            encode(&campaigns[0]),
            encode(&campaigns[1])
        )
    };
    assert_eq!(
        target(&call(account, &campaigns).to_request()),
        by_hand(account, &campaigns)
    );

    let mut group = c.benchmark_group("request_list");
    group.bench_function("generated", |b| {
        b.iter(|| {
            let request = call(black_box(account), black_box(&campaigns)).to_request();
            black_box((request.path().len(), request.query_string().len()));
            request
        })
    });
    group.bench_function("hand_format", |b| {
        b.iter(|| by_hand(black_box(account), black_box(&campaigns)))
    });
    group.finish();
}

/// Calls in flight at once in the end-to-end comparison.
const CONCURRENCY: usize = 64;

/// The end-to-end comparison's two sides against one local server answering a 10-post page.
struct E2e {
    /// Kept alive: dropping it stops the server.
    _server: wiremock::MockServer,
    api: Api,
    author: OrganizationUrn,
    /// The same request's URL, for raw reqwest.
    url: String,
    raw: reqwest::Client,
}

impl E2e {
    /// Starts the server on `rt` (wiremock serves from its own thread, whatever the runtime).
    fn start(rt: &tokio::runtime::Runtime) -> Self {
        use wiremock::matchers::{method, path};
        use wiremock::{Mock, MockServer, ResponseTemplate};

        let elements: Vec<_> = (0..10).map(post).collect();
        let body = serde_json::to_vec(&serde_json::json!({
            "elements": elements,
            "paging": { "start": 0, "count": 10, "links": [] }
        }))
        .expect("page");
        let server = rt.block_on(async {
            let server = MockServer::builder()
                .disable_request_recording()
                .start()
                .await;
            Mock::given(method("GET"))
                .and(path("/rest/posts"))
                .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
                .mount(&server)
                .await;
            server
        });
        let client = linkedin_api::Client::builder()
            .access_token("bench-token")
            .base_url(&server.uri())
            .allow_insecure_http(true)
            .build()
            .expect("client");
        let api = Api::new(client);
        let author = OrganizationUrn::from_id(5515715);
        let url = format!(
            "{}/rest/posts?{}",
            server.uri(),
            api.posts()
                .find_by_author(author.clone())
                .count(10)
                .to_request()
                .query_string()
        );
        let raw = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest");
        let e2e = Self {
            _server: server,
            api,
            author,
            url,
            raw,
        };
        // Both answer the same page before they are compared.
        assert_eq!(rt.block_on(e2e.through_client()), vec![10; CONCURRENCY]);
        assert_eq!(rt.block_on(e2e.through_reqwest()), vec![10; CONCURRENCY]);
        e2e
    }

    async fn through_client(&self) -> Vec<usize> {
        futures::future::join_all((0..CONCURRENCY).map(|_| {
            let call = self
                .api
                .posts()
                .find_by_author(self.author.clone())
                .count(10);
            async move { call.send().await.expect("client call").elements.len() }
        }))
        .await
    }

    async fn through_reqwest(&self) -> Vec<usize> {
        futures::future::join_all((0..CONCURRENCY).map(|_| {
            let request = self
                .raw
                .get(&self.url)
                .bearer_auth("bench-token")
                .header("Linkedin-Version", Api::VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0")
                // The client bounds every call's time (each attempt's timeout, and a deadline
                // over all of them); a careful raw call bounds it too. Without it, raw reqwest
                // arms no timer at all, and that, not the client's work, was most of the gap
                // (the closing note of issue #13 gives both figures).
                .timeout(RAW_TIMEOUT);
            async move {
                let response = request.send().await.expect("raw call");
                assert!(response.status().is_success());
                let bytes = response.bytes().await.expect("raw body");
                serde_json::from_slice::<Collection<Post>>(&bytes)
                    .expect("raw decode")
                    .elements
                    .len()
            }
        }))
        .await
    }
}

/// The raw side's per-request timeout: the client's default attempt timeout.
const RAW_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The end-to-end comparison, in paired rounds rather than criterion's sampling: criterion
/// measures one side's samples and then, seconds later, the other's, and on a shared machine the
/// ratio of the two moved by ±15 % from run to run. Here each round runs one batch of each side,
/// the order alternating from round to round, so both sides are measured in the same moments;
/// the medians are written where criterion writes its estimates (`e2e/*`, `e2e_cpu/*`), for
/// `cargo xtask bench`.
fn e2e_rounds(rounds: usize, warmup: usize, record: bool) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let e2e = E2e::start(&rt);
    let started = std::time::Instant::now();
    let (client, raw) = paired(
        rounds,
        warmup,
        || started.elapsed(),
        || black_box(rt.block_on(e2e.through_client())),
        || black_box(rt.block_on(e2e.through_reqwest())),
    );
    report("e2e", client, raw, record);

    // The CPU side: the same calls on a single-threaded runtime on this thread, so the thread's
    // CPU time is all the client side's work (request building, the connections' tasks,
    // decoding) and none of the server's, which wiremock runs on a thread of its own.
    #[cfg(unix)]
    {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let e2e = E2e::start(&rt);
        let (client, raw) = paired(
            rounds,
            warmup,
            cpu::now,
            || black_box(rt.block_on(e2e.through_client())),
            || black_box(rt.block_on(e2e.through_reqwest())),
        );
        report("e2e_cpu", client, raw, record);
    }
}

/// `warmup + rounds` rounds of one `a` and one `b`, `a` first in even rounds and `b` first in
/// odd ones; what `clock` counted for each, warm-up rounds left out.
fn paired<A, B>(
    rounds: usize,
    warmup: usize,
    clock: impl Fn() -> std::time::Duration,
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
) -> (Vec<std::time::Duration>, Vec<std::time::Duration>) {
    let timed = |run: &mut dyn FnMut()| {
        let started = clock();
        run();
        clock().saturating_sub(started)
    };
    let (mut times_a, mut times_b) = (Vec::new(), Vec::new());
    for round in 0..warmup + rounds {
        let (ta, tb) = if round % 2 == 0 {
            let ta = timed(&mut || drop(a()));
            (ta, timed(&mut || drop(b())))
        } else {
            let tb = timed(&mut || drop(b()));
            (timed(&mut || drop(a())), tb)
        };
        if round >= warmup {
            times_a.push(ta);
            times_b.push(tb);
        }
    }
    (times_a, times_b)
}

/// Prints the two sides' medians and, when `record`, writes them as criterion's
/// `<group>/<side>/new/estimates.json` (the median's point estimate, in nanoseconds).
fn report(
    group: &str,
    client: Vec<std::time::Duration>,
    raw: Vec<std::time::Duration>,
    record: bool,
) {
    let rounds = client.len();
    for (side, times) in [("client", client), ("raw_reqwest", raw)] {
        let ns = median_ns(times);
        println!(
            "{group}/{side}: median {:.3} ms over {rounds} paired rounds",
            ns / 1e6
        );
        if record {
            let dir = criterion_dir().join(group).join(side).join("new");
            std::fs::create_dir_all(&dir).expect("criterion directory");
            let estimates = serde_json::json!({ "median": { "point_estimate": ns } });
            std::fs::write(dir.join("estimates.json"), estimates.to_string())
                .expect("estimates.json");
        }
    }
}

fn median_ns(mut times: Vec<std::time::Duration>) -> f64 {
    times.sort();
    times
        .get(times.len() / 2)
        .map_or(0.0, |t| t.as_nanos() as f64)
}

/// Where criterion writes its estimates: `<target>/criterion`, the target directory being the
/// one this benchmark's executable was built in (`<target>/release/deps/runtime-…`).
fn criterion_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return std::path::PathBuf::from(dir).join("criterion");
    }
    let exe = std::env::current_exe().expect("the benchmark's path");
    exe.ancestors()
        .nth(3)
        .expect("<target>/<profile>/deps/<exe>")
        .join("criterion")
}

/// The CPU time of the calling thread.
#[cfg(unix)]
mod cpu {
    use std::time::Duration;

    pub fn now() -> Duration {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID is POSIX.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
        Duration::new(
            u64::try_from(ts.tv_sec).expect("non-negative"),
            u32::try_from(ts.tv_nsec).expect("under a second"),
        )
    }
}

/// Parts of the upload comparison, their size, and the latency the server adds to each `PUT`.
const UPLOAD_PARTS: u64 = 16;
const UPLOAD_PART_BYTES: u64 = 256 * 1024;
const UPLOAD_PART_LATENCY: std::time::Duration = std::time::Duration::from_millis(20);

/// A video's parts `PUT` one after the other against [`DEFAULT_PART_PARALLELISM`] at once, to a
/// local server that answers each part after [`UPLOAD_PART_LATENCY`], then `finalizeUpload`
/// (the `initializeUpload` answer is built here, as a resume of nothing uploaded yet).
///
/// [`DEFAULT_PART_PARALLELISM`]: linkedin_api::media::DEFAULT_PART_PARALLELISM
fn upload(c: &mut Criterion) {
    use std::io::Write;

    use linkedin_api::media::{self, UploadInstruction, VideoUploadInit};
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = rt.block_on(async {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(method("PUT"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("etag", "/ambry-video/etag")
                    .set_delay(UPLOAD_PART_LATENCY),
            )
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&server)
            .await;
        server
    });
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(&vec![7u8; (UPLOAD_PARTS * UPLOAD_PART_BYTES) as usize])
        .expect("video bytes");
    file.flush().expect("video bytes");
    let init = VideoUploadInit {
        video: "urn:li:video:C5F10AQGKQg_6y2a4sQ".to_owned(),
        upload_instructions: (0..UPLOAD_PARTS)
            .map(|n| UploadInstruction {
                upload_url: format!("{}/dms-uploads/video/part{n}", server.uri()),
                first_byte: n * UPLOAD_PART_BYTES,
                last_byte: (n + 1) * UPLOAD_PART_BYTES - 1,
            })
            .collect(),
        upload_token: String::new(),
        upload_urls_expire_at: None,
        captions_upload_url: None,
        thumbnail_upload_url: None,
    };
    let client = linkedin_api::Client::builder()
        .access_token("bench-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let upload = |parallelism: usize| {
        rt.block_on(media::resume_video_upload_parallel(
            &client,
            "202606",
            file.path(),
            &init,
            Vec::new(),
            parallelism,
            |_| {},
        ))
        .expect("upload")
    };
    upload(media::DEFAULT_PART_PARALLELISM);

    let mut group = c.benchmark_group("upload");
    // Each iteration takes at least a part's latency per part in flight: few, equal samples.
    group
        .sampling_mode(criterion::SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(5));
    group.bench_function("sequential", |b| b.iter(|| upload(1)));
    group.bench_function("parallel", |b| {
        b.iter(|| upload(media::DEFAULT_PART_PARALLELISM))
    });
    group.finish();
}

criterion_group!(benches, decode, request, request_list, upload);

/// criterion's groups, then the paired end-to-end rounds (which criterion's filters select by
/// `e2e`). Under `cargo test` (no `--bench` argument) each benchmark runs once, and the rounds
/// twice, recording nothing.
fn main() {
    benches();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    // criterion's rule: a filter selects every benchmark whose id contains it.
    const E2E_IDS: [&str; 4] = [
        "e2e/client",
        "e2e/raw_reqwest",
        "e2e_cpu/client",
        "e2e_cpu/raw_reqwest",
    ];
    let selected = filters.is_empty()
        || filters
            .iter()
            .any(|f| E2E_IDS.iter().any(|id| id.contains(f.as_str())));
    if selected {
        if !args.iter().any(|a| a == "--bench") {
            e2e_rounds(2, 0, false);
        } else if args.iter().any(|a| a == "--quick") {
            e2e_rounds(200, 20, true);
        } else {
            e2e_rounds(1000, 100, true);
        }
    }
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
