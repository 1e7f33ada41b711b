//! Collection paging over `@odata.nextLink`.
//!
//! [`Client::paged`] returns a lazy [`Paged`] cursor; nothing is sent until the first page is
//! asked for. Read it page by page with [`Paged::next_page`], or as streams with
//! [`Paged::pages`] and [`Paged::items`].
//!
//! Each `@odata.nextLink` is resolved against the base URL and followed only when it is on the
//! base origin. A foreign link yields [`Error::ForeignOrigin`], and one that is not a URL
//! [`Error::InvalidLink`], *after* the page that carried it has been delivered; the token is
//! not sent anywhere. After any error the cursor is finished.

use std::collections::VecDeque;
use std::fmt;
use std::marker::PhantomData;

use futures::stream::{self, BoxStream, StreamExt};
use pim_alerts_models::Page;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::config::Client;
use super::error::{Error, LinkKind};
use super::request::Request;
use super::send::{decode, unexpected};

enum State {
    Next(Request),
    Failed(Error),
    Done,
}

/// A lazy cursor over the pages of a collection.
pub struct Paged<T> {
    client: Client,
    state: State,
    _items: PhantomData<fn() -> T>,
}

impl Client {
    /// A cursor over the collection `req` (a GET) addresses; see [`Paged`].
    pub fn paged<T: DeserializeOwned>(&self, req: Request) -> Paged<T> {
        Paged {
            client: self.clone(),
            state: State::Next(req),
            _items: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Paged<T> {
    /// Fetches the next page; `Ok(None)` once the collection is exhausted.
    pub async fn next_page(&mut self) -> Result<Option<Page<T>>, Error> {
        let req = match std::mem::replace(&mut self.state, State::Done) {
            State::Next(req) => req,
            State::Failed(e) => return Err(e),
            State::Done => return Ok(None),
        };
        let resp = self.client.execute(&req).await?;
        if resp.status != StatusCode::OK {
            return Err(unexpected(resp));
        }
        let page: Page<T> = decode(&resp)?;
        if let Some(link) = &page.next_link {
            let base = &self.client.inner.base;
            self.state = match base.resolve_link(link, LinkKind::NextLink, || resp.call.context()) {
                Ok(url) => State::Next(req.follow(url)),
                Err(e) => State::Failed(e),
            };
        }
        Ok(Some(page))
    }

    /// Collects every item of every page.
    pub async fn collect_all(self) -> Result<Vec<T>, Error>
    where
        T: Send + 'static,
    {
        let mut all = Vec::new();
        let mut items = self.items();
        while let Some(item) = items.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<T: DeserializeOwned + Send + 'static> Paged<T> {
    /// The pages as a stream; ends after the last page or after the first error.
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>, Error>> {
        stream::unfold(self, |mut paged| async move {
            match paged.next_page().await {
                Ok(Some(page)) => Some((Ok(page), paged)),
                Ok(None) => None,
                Err(e) => Some((Err(e), paged)),
            }
        })
        .boxed()
    }

    /// The items of all pages as a stream; ends after the last item or after the first error.
    pub fn items(self) -> BoxStream<'static, Result<T, Error>> {
        stream::unfold((self, VecDeque::new()), |(mut paged, mut buf)| async move {
            loop {
                if let Some(item) = buf.pop_front() {
                    return Some((Ok(item), (paged, buf)));
                }
                match paged.next_page().await {
                    Ok(Some(page)) => buf.extend(page.value),
                    Ok(None) => return None,
                    Err(e) => return Some((Err(e), (paged, buf))),
                }
            }
        })
        .boxed()
    }
}

impl<T> fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Next(req) => req.template(),
            State::Failed(_) => "<failed>",
            State::Done => "<done>",
        };
        f.debug_struct("Paged").field("next", &state).finish()
    }
}
