//! Collection paging over `@odata.nextLink`.
//!
//! [`Client::paged`] returns a lazy [`Paged`] cursor; nothing is sent until the first page is
//! asked for. Read it page by page with [`Paged::next_page`], or as streams with
//! [`Paged::pages`] and [`Paged::items`].
//!
//! Each `@odata.nextLink` is checked *after* the page that carried it has been delivered, when
//! the next page is asked for; nothing is sent to a link that fails a check, so the token goes
//! nowhere:
//!
//! * it must be a URL: an empty, blank or unparsable link is [`Error::InvalidLink`];
//! * resolved against the base URL, it must be on the base origin, else
//!   [`Error::ForeignOrigin`];
//! * it must not lead back to a page this cursor already fetched (a self-link or a cycle such as
//!   A → B → A), else [`Error::InvalidLink`]. URLs are compared as resolved and serialized, so a
//!   link that spells an already fetched URL differently costs at most one extra request
//!   before the cycle is caught.
//!
//! An error never looks like the end of the collection: after a failed fetch the next call to
//! [`Paged::next_page`] fetches the same page again, and after a refused link it refuses the link
//! again. The streams end after yielding their first error.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use futures::stream::{self, BoxStream, StreamExt};
use pim_alerts_models::Page;
use reqwest::StatusCode;
use reqwest::header::HeaderValue;
use serde::de::DeserializeOwned;
use url::Url;

use super::config::Client;
use super::error::{Error, LinkKind, RequestContext};
use super::origin::BaseUrl;
use super::request::Request;
use super::send::{Call, REQUEST_ID, decode, unexpected};

/// Where a cursor stands.
enum State {
    /// The page to fetch next; kept until a fetch of it succeeds.
    Fetch(Request),
    /// The `@odata.nextLink` of the page fetched with `from`, checked when the next page is
    /// asked for; `call` is that fetch (errors name it).
    Link {
        from: Request,
        link: String,
        call: Call,
        request_id: Option<HeaderValue>,
    },
    /// The last page has been delivered.
    Done,
}

/// A lazy cursor over the pages of a collection.
///
/// After an error the cursor is still usable and never reports the end of the collection in
/// its place: see the [module docs](self).
pub struct Paged<T> {
    client: Client,
    state: State,
    /// The URLs this cursor fetched pages from, recorded as their links are followed.
    fetched: HashSet<String>,
    _items: PhantomData<fn() -> T>,
}

impl Client {
    /// A cursor over the collection `req` (a GET) addresses; see [`Paged`].
    pub fn paged<T: DeserializeOwned>(&self, req: Request) -> Paged<T> {
        Paged {
            client: self.clone(),
            state: State::Fetch(req),
            fetched: HashSet::new(),
            _items: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Paged<T> {
    /// Fetches the next page; `Ok(None)` once the collection is exhausted.
    ///
    /// On an error the cursor stays where it was: the next call fetches the same page again
    /// (after a failed request or an undecodable page) or refuses the same link again (after an
    /// unusable `@odata.nextLink`). Dropping the future before it completes leaves the cursor
    /// where it was, too.
    pub async fn next_page(&mut self) -> Result<Option<Page<T>>, Error> {
        self.follow_link()?;
        let State::Fetch(req) = &self.state else {
            return Ok(None);
        };
        let resp = self.client.execute(req).await?;
        if resp.status != StatusCode::OK {
            return Err(unexpected(resp));
        }
        let page: Page<T> = decode(&resp)?;
        let request_id = resp.headers.get(REQUEST_ID).cloned();
        self.delivered(page.next_link.clone(), resp.call, request_id);
        Ok(Some(page))
    }

    /// Collects every item of every page; the first error ends it.
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

impl<T> Paged<T> {
    /// Moves on from the page just fetched (by `call`, answered with `request_id`): to its
    /// `link`, or to the end without one.
    fn delivered(&mut self, link: Option<String>, call: Call, request_id: Option<HeaderValue>) {
        if let State::Fetch(from) = std::mem::replace(&mut self.state, State::Done)
            && let Some(link) = link
        {
            self.state = State::Link {
                from,
                link,
                call,
                request_id,
            };
        }
    }

    /// Turns a pending link into the request for the next page, or refuses it (the cursor keeps
    /// the link, so the next call refuses it again).
    fn follow_link(&mut self) -> Result<(), Error> {
        let Paged {
            client,
            state,
            fetched,
            ..
        } = self;
        if let State::Link {
            from,
            link,
            call,
            request_id,
        } = state
        {
            let context = || call.context_with(request_id.as_ref());
            let url = checked_next_link(&client.inner.base, fetched, from, link, context)?;
            *state = State::Fetch(from.follow(url));
        }
        Ok(())
    }
}

/// Resolves the `link` that the page fetched with `from` carried and records it in `fetched`;
/// refuses a blank link, a foreign one and one already fetched (or being fetched), naming that
/// fetch by its `context`.
fn checked_next_link(
    base: &BaseUrl,
    fetched: &mut HashSet<String>,
    from: &Request,
    link: &str,
    context: impl Fn() -> RequestContext,
) -> Result<Url, Error> {
    let refuse = |reason: String| Error::InvalidLink {
        kind: LinkKind::NextLink,
        context: Box::new(context()),
        reason: reason.into(),
    };
    let url = base.resolve_link(link, LinkKind::NextLink, &context)?;
    // The first page's URL is built once (it was sent, so it builds); every later page's is
    // recorded here, as its link is followed.
    if fetched.is_empty()
        && let Ok(first) = from.url(base)
    {
        fetched.insert(first.into());
    }
    if !fetched.insert(url.as_str().to_owned()) {
        return Err(refuse(format!(
            "{link:?} leads back to a page this cursor already fetched: the links form a cycle"
        )));
    }
    Ok(url)
}

impl<T: DeserializeOwned + Send + 'static> Paged<T> {
    /// The pages as a stream; ends after the last page, or after yielding the first error (to
    /// try a failed page again, use [`Paged::next_page`] instead).
    pub fn pages(self) -> BoxStream<'static, Result<Page<T>, Error>> {
        stream::unfold(Some(self), |paged| async move {
            let mut paged = paged?;
            match paged.next_page().await {
                Ok(Some(page)) => Some((Ok(page), Some(paged))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        })
        .boxed()
    }

    /// The items of all pages as a stream; ends after the last item, or after yielding the
    /// first error (the items of the pages before it come first).
    pub fn items(self) -> BoxStream<'static, Result<T, Error>> {
        self.pages()
            .flat_map(|page| {
                let (items, error) = match page {
                    Ok(page) => (page.value, None),
                    Err(e) => (Vec::new(), Some(Err(e))),
                };
                stream::iter(items.into_iter().map(Ok).chain(error))
            })
            .boxed()
    }
}

impl<T> fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Fetch(req) | State::Link { from: req, .. } => req.template(),
            State::Done => "<done>",
        };
        f.debug_struct("Paged")
            .field("next", &state)
            .field("fetched", &self.fetched.len())
            .finish()
    }
}
