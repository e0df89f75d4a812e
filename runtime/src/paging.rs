//! Lazy pagination over Rest.li collections.
//!
//! LinkedIn pages collections in two ways:
//!
//! * **offset** (`start`/`count`, answered with `paging`): [`offset_pages`];
//! * **cursor** (`pageSize`/`pageToken`, answered with `metadata.nextPageToken`; the ad account,
//!   campaign and creative searches): [`cursor_pages`].
//!
//! Both return a stream that fetches a page only when the previous one has been consumed, so at
//! most one page is held at a time, and stop on the first error (yielded as the last item).
//! [`items`] flattens pages into entities. The `fetch` closure makes the actual call, which keeps
//! this module independent of any endpoint:
//!
//! ```no_run
//! # async fn demo(client: linkedin_api::Client) -> Result<(), linkedin_api::Error> {
//! use futures::TryStreamExt;
//! use linkedin_api::{paging, request::{Request, RestliMethod}, restli::Collection};
//!
//! let pages = paging::offset_pages(None, None, 100, |start, count| {
//!     let client = client.clone();
//!     async move {
//!         let req = Request::restli("posts.findByAuthor", RestliMethod::Finder, "/rest/posts", "/rest/posts".into())
//!             .version("202606")
//!             .query_raw("q", "author")
//!             .query("author", "urn:li:organization:1")
//!             .query("start", &start)
//!             .query("count", &count);
//!         client.send_json::<Collection<serde_json::Value>>(req).await
//!     }
//! });
//! let posts: Vec<serde_json::Value> = paging::items(pages).try_collect().await?;
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::future::Future;

use futures::{Stream, TryStreamExt, stream};

use crate::error::Error;
use crate::restli::Collection;

/// Lazily fetches offset pages: starts at `start` (default 0) with `count` per page (default and
/// cap `max_page_size`, the endpoint's maximum). Stops after an empty page (not yielded), a
/// short page, or once `paging.total` is reached.
pub fn offset_pages<T, F, Fut>(
    start: Option<i32>,
    count: Option<i32>,
    max_page_size: i32,
    fetch: F,
) -> impl Stream<Item = Result<Collection<T>, Error>> + Send
where
    F: FnMut(i32, i32) -> Fut + Send,
    Fut: Future<Output = Result<Collection<T>, Error>> + Send,
    T: Send,
{
    let max_page_size = max_page_size.max(1);
    let count = count.unwrap_or(max_page_size).clamp(1, max_page_size);
    let state = OffsetState {
        next: start.unwrap_or(0).max(0),
        fetch,
        done: false,
    };
    stream::unfold(state, move |mut st| async move {
        if st.done {
            return None;
        }
        let page = match (st.fetch)(st.next, count).await {
            Ok(page) => page,
            Err(err) => {
                st.done = true;
                return Some((Err(err), st));
            }
        };
        let n = i32::try_from(page.elements.len()).unwrap_or(i32::MAX);
        if n == 0 {
            return None;
        }
        st.next = st.next.saturating_add(n);
        let total_reached = page
            .paging
            .as_ref()
            .and_then(|p| p.total)
            .is_some_and(|total| st.next >= total);
        st.done = n < count || total_reached;
        Some((Ok(page), st))
    })
}

struct OffsetState<F> {
    next: i32,
    fetch: F,
    done: bool,
}

/// Lazily fetches cursor pages: `page_size` (default and cap `max_page_size`) per page, starting
/// from `page_token` (default: the first page), following `metadata.nextPageToken`. Stops after
/// an empty page (not yielded), when no token comes back, or when a token repeats (LinkedIn
/// handing back a cursor already followed would otherwise loop forever).
pub fn cursor_pages<T, F, Fut>(
    page_size: Option<i32>,
    page_token: Option<String>,
    max_page_size: i32,
    fetch: F,
) -> impl Stream<Item = Result<Collection<T>, Error>> + Send
where
    F: FnMut(i32, Option<String>) -> Fut + Send,
    Fut: Future<Output = Result<Collection<T>, Error>> + Send,
    T: Send,
{
    let max_page_size = max_page_size.max(1);
    let page_size = page_size.unwrap_or(max_page_size).clamp(1, max_page_size);
    let seen: HashSet<String> = page_token.iter().cloned().collect();
    let state = CursorState {
        token: page_token,
        seen,
        fetch,
        done: false,
    };
    stream::unfold(state, move |mut st| async move {
        if st.done {
            return None;
        }
        let page = match (st.fetch)(page_size, st.token.clone()).await {
            Ok(page) => page,
            Err(err) => {
                st.done = true;
                return Some((Err(err), st));
            }
        };
        if page.elements.is_empty() {
            return None;
        }
        match page.next_page_token().filter(|t| !t.is_empty()) {
            None => st.done = true,
            Some(next) if !st.seen.insert(next.to_owned()) => {
                tracing::warn!(
                    page_token = next,
                    "LinkedIn repeated a page token; stopping"
                );
                st.done = true;
            }
            Some(next) => st.token = Some(next.to_owned()),
        }
        Some((Ok(page), st))
    })
}

struct CursorState<F> {
    token: Option<String>,
    /// Tokens already followed: a few bytes per page, kept to detect cycles.
    seen: HashSet<String>,
    fetch: F,
    done: bool,
}

/// Flattens a stream of pages into a stream of entities.
pub fn items<T, S>(pages: S) -> impl Stream<Item = Result<T, Error>> + Send
where
    S: Stream<Item = Result<Collection<T>, Error>> + Send,
    T: Send,
{
    pages
        .map_ok(|page| stream::iter(page.elements.into_iter().map(Ok)))
        .try_flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restli::{CollectionMetadata, Paging};
    use futures::StreamExt;
    use futures::executor::block_on;
    use std::sync::{Arc, Mutex};

    fn page(elements: Vec<i32>, total: Option<i32>, token: Option<&str>) -> Collection<i32> {
        Collection {
            elements,
            paging: Some(Paging {
                start: 0,
                count: 0,
                total,
                links: vec![],
            }),
            metadata: Some(CollectionMetadata {
                next_page_token: token.map(Into::into),
                other: Default::default(),
            }),
        }
    }

    #[test]
    fn offset_stops_on_short_page_and_caps_count() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let log = calls.clone();
        let pages = offset_pages(None, Some(500), 2, move |start, count| {
            log.lock().unwrap().push((start, count));
            let elements: Vec<i32> = (start..(start + count).min(5)).collect();
            async move { Ok(page(elements, None, None)) }
        });
        let all: Vec<i32> = block_on(items(pages).try_collect()).unwrap();
        assert_eq!(all, [0, 1, 2, 3, 4]);
        assert_eq!(*calls.lock().unwrap(), [(0, 2), (2, 2), (4, 2)]);
    }

    #[test]
    fn offset_stops_at_total_and_on_empty_page() {
        let pages = offset_pages(Some(0), Some(2), 10, |start, _| async move {
            Ok(page(vec![start, start + 1], Some(4), None))
        });
        let all: Vec<i32> = block_on(items(pages).try_collect()).unwrap();
        assert_eq!(all, [0, 1, 2, 3]);
        let pages = offset_pages(None, None, 10, |_, _| async {
            Ok(page(vec![], None, None))
        });
        assert_eq!(block_on(pages.collect::<Vec<_>>()).len(), 0);
    }

    #[test]
    fn cursor_follows_tokens_and_stops_on_repeat() {
        let pages = cursor_pages(Some(1), None, 10, |size, token| async move {
            assert_eq!(size, 1);
            Ok(match token.as_deref() {
                None => page(vec![1], None, Some("a")),
                Some("a") => page(vec![2], None, Some("b")),
                Some("b") => page(vec![3], None, Some("a")),
                Some(other) => panic!("unexpected token {other}"),
            })
        });
        let all: Vec<i32> = block_on(items(pages).try_collect()).unwrap();
        assert_eq!(all, [1, 2, 3]);
    }

    #[test]
    fn errors_end_the_stream() {
        let pages = offset_pages::<i32, _, _>(None, None, 10, |_, _| async {
            Err(Error::Config("boom".into()))
        });
        let results = block_on(pages.collect::<Vec<_>>());
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
    }
}
