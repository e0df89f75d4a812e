//! Waiting for an uploaded video or document to be processed: its `get` polled until its
//! `status` is `AVAILABLE`, it fails, or a deadline passes.
//!
//! LinkedIn processes a video after `finalizeUpload`, and a document after its upload; a post
//! naming either before it is `AVAILABLE` is refused. Both document the same statuses:
//! `WAITING_UPLOAD`, `PROCESSING`, `AVAILABLE` and `PROCESSING_FAILED`. A status LinkedIn does
//! not document (or none yet) is treated as "not yet": polling goes on, and if the deadline
//! passes the error names it.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::Error;
use crate::urn::{DocumentUrn, VideoUrn};

/// The status that ends the wait successfully.
const AVAILABLE: &str = "AVAILABLE";
/// The statuses that end it with a failure: LinkedIn will not make the asset available.
const FAILED: &[&str] = &["PROCESSING_FAILED"];

/// How long a month's `videos().wait_until_available` or `documents().wait_until_available`
/// waits, and how often it asks.
///
/// ```
/// use std::time::Duration;
/// use linkedin_api::media::MediaWait;
/// let wait = MediaWait::new(Duration::from_secs(300)).interval(Duration::from_secs(10));
/// assert_eq!(wait.deadline(), Duration::from_secs(300));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaWait {
    deadline: Duration,
    interval: Duration,
}

/// [`MediaWait`] under the name the video waiter had first.
pub type VideoWait = MediaWait;

impl MediaWait {
    /// Gives up after `deadline` (from the first `get`), asking every 5 seconds.
    pub fn new(deadline: Duration) -> Self {
        Self {
            deadline,
            interval: Duration::from_secs(5),
        }
    }

    /// The time between two `get`s (a zero interval is raised to 1 ms, so the loop yields).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval.max(Duration::from_millis(1));
        self
    }

    /// The time after which the wait gives up.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// The time between two `get`s.
    pub fn polling_interval(&self) -> Duration {
        self.interval
    }
}

impl Default for MediaWait {
    /// Ten minutes, asking every 5 seconds: LinkedIn takes up to minutes for a long video.
    fn default() -> Self {
        Self::new(Duration::from_secs(600))
    }
}

/// A video did not become `AVAILABLE`.
pub type VideoWaitError = WaitError<VideoUrn>;
/// A document did not become `AVAILABLE`.
pub type DocumentWaitError = WaitError<DocumentUrn>;

/// An asset (a [`VideoUrn`] or a [`DocumentUrn`]) did not become `AVAILABLE`; see
/// [`VideoWaitError`] and [`DocumentWaitError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum WaitError<U> {
    /// LinkedIn reports that processing failed (`PROCESSING_FAILED`).
    Failed {
        /// The asset.
        urn: U,
        /// The status LinkedIn reported, as sent.
        status: String,
    },
    /// The deadline passed while the asset was still not available.
    Deadline {
        /// The asset.
        urn: U,
        /// The last status LinkedIn reported (`None`: none was sent).
        status: Option<String>,
        /// How long the wait lasted.
        waited: Duration,
        /// How many `get`s were made.
        polls: u32,
    },
    /// A `get` failed (after the client's retries).
    Get {
        /// The asset.
        urn: U,
        /// Why.
        source: Error,
    },
}

impl<U> WaitError<U> {
    /// The asset waited for.
    pub fn urn(&self) -> &U {
        match self {
            Self::Failed { urn, .. } | Self::Deadline { urn, .. } | Self::Get { urn, .. } => urn,
        }
    }

    /// The last status LinkedIn reported, if any.
    pub fn status(&self) -> Option<&str> {
        match self {
            Self::Failed { status, .. } => Some(status),
            Self::Deadline { status, .. } => status.as_deref(),
            Self::Get { .. } => None,
        }
    }
}

// The URN names the kind of asset (`urn:li:video:…`, `urn:li:document:…`).
impl<U: fmt::Display> fmt::Display for WaitError<U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed { urn, status } => {
                write!(f, "{urn} will not become available: status {status}")
            }
            Self::Deadline {
                urn,
                status,
                waited,
                polls,
            } => write!(
                f,
                "{urn} was not available after {:.1} s ({polls} get(s)); last status: {}",
                waited.as_secs_f64(),
                status.as_deref().unwrap_or("none reported")
            ),
            Self::Get { urn, .. } => write!(f, "could not read the status of {urn}"),
        }
    }
}

impl<U: fmt::Debug + fmt::Display> std::error::Error for WaitError<U> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Get { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Polls `get` until `status` of its answer is `AVAILABLE` (that answer is returned), a failure
/// status, or the deadline. Called by the generated `Videos::wait_until_available` and
/// `Documents::wait_until_available` of every month, with its own `get` and answer type. `get` is given the time left, to bound its call
/// by (a `get` cut short by it ends the wait as the deadline, with the last status seen).
pub async fn until_available<U, V, F, Fut>(
    urn: U,
    wait: MediaWait,
    mut get: F,
    status: impl Fn(&V) -> Option<&str>,
) -> Result<V, WaitError<U>>
where
    U: Clone + fmt::Display,
    F: FnMut(U, Duration) -> Fut,
    Fut: Future<Output = Result<V, Error>>,
{
    let start = Instant::now();
    let mut polls = 0u32;
    let mut last: Option<String> = None;
    loop {
        let left = wait.deadline.saturating_sub(start.elapsed());
        let answer = get(urn.clone(), left).await;
        polls += 1;
        let answer = match answer {
            Ok(answer) => answer,
            Err(source) if source.is_deadline() && start.elapsed() >= wait.deadline => {
                return Err(WaitError::Deadline {
                    urn,
                    status: last,
                    waited: start.elapsed(),
                    polls,
                });
            }
            Err(source) => return Err(WaitError::Get { urn, source }),
        };
        last = status(&answer).map(str::to_owned);
        match last.as_deref() {
            Some(AVAILABLE) => return Ok(answer),
            Some(s) if FAILED.contains(&s) => {
                return Err(WaitError::Failed {
                    urn,
                    status: s.to_owned(),
                });
            }
            _ => {}
        }
        let waited = start.elapsed();
        // No sleep that would end past the deadline: give up now, naming the last status.
        if waited + wait.interval > wait.deadline {
            return Err(WaitError::Deadline {
                urn,
                status: last,
                waited,
                polls,
            });
        }
        tracing::debug!(%urn, status = ?last, polls, "not available yet");
        tokio::time::sleep(wait.interval).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video() -> VideoUrn {
        VideoUrn::from_id("C5F10AQGKQg_6y2a4sQ")
    }

    /// A `get` answering the statuses in order (the last one repeated).
    fn answers(
        statuses: &'static [Option<&'static str>],
    ) -> impl FnMut(VideoUrn, Duration) -> std::future::Ready<Result<Option<&'static str>, Error>>
    {
        let mut i = 0;
        move |_, _| {
            let s = statuses[i.min(statuses.len() - 1)];
            i += 1;
            std::future::ready(Ok(s))
        }
    }

    #[tokio::test(start_paused = true)]
    async fn polls_until_available() {
        let wait = VideoWait::new(Duration::from_secs(60)).interval(Duration::from_secs(5));
        let got = until_available(
            video(),
            wait,
            answers(&[
                None,
                Some("WAITING_UPLOAD"),
                Some("PROCESSING"),
                Some("AVAILABLE"),
            ]),
            |s| *s,
        )
        .await
        .unwrap();
        assert_eq!(got, Some("AVAILABLE"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_status_ends_the_wait_naming_it() {
        let err = until_available(
            video(),
            VideoWait::default(),
            answers(&[Some("PROCESSING"), Some("PROCESSING_FAILED")]),
            |s| *s,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, VideoWaitError::Failed { status, .. } if status == "PROCESSING_FAILED")
        );
        assert_eq!(
            err.to_string(),
            "urn:li:video:C5F10AQGKQg_6y2a4sQ will not become available: status PROCESSING_FAILED"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_deadline_names_the_last_status_and_counts_the_gets() {
        let wait = VideoWait::new(Duration::from_secs(12)).interval(Duration::from_secs(5));
        let err = until_available(video(), wait, answers(&[Some("PROCESSING")]), |s| *s)
            .await
            .unwrap_err();
        // Gets at 0 s, 5 s and 10 s; a fourth would come after the deadline.
        match &err {
            VideoWaitError::Deadline {
                status,
                polls,
                waited,
                ..
            } => {
                assert_eq!((status.as_deref(), *polls), (Some("PROCESSING"), 3));
                assert_eq!(*waited, Duration::from_secs(10));
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("last status: PROCESSING"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn an_undocumented_status_is_waited_on_and_named() {
        let wait = VideoWait::new(Duration::from_secs(1)).interval(Duration::from_secs(5));
        let err = until_available(video(), wait, answers(&[Some("QUARANTINED")]), |s| *s)
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some("QUARANTINED"));
    }
}
