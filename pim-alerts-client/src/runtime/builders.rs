//! The `list`, `get` and `update` request builders, written once and typed per entity by the
//! generated code: the generated `...ListRequest`, `...GetRequest` and `...UpdateRequest` are
//! aliases of these.
//!
//! A list builder is typed by a generated *options* type: [`ListOptions`] names the entity and
//! its name enums, and the capability traits it implements ([`Selectable`], [`Expandable`],
//! [`Filterable`], [`Sortable`], [`Top`], [`Skip`], [`Countable`]) are exactly the query options
//! the service's Capabilities annotations allow on that collection: the methods for the others
//! do not exist. Setters never fail; a request that cannot be sent (a required `$filter`
//! missing, a bad key, a bad header) is reported by `send()` without any network traffic.
//!
//! Every builder that sends a request, these and the generated action and function builders,
//! has `header(name, value)`, which adds a request header exactly as [`Request::header`] does
//! (same rules, same errors). The generated builders keep theirs in [`PendingHeaders`] until
//! `send()` builds the request.

use std::fmt;
use std::marker::PhantomData;

use futures::future::{self, Either};
use futures::stream::{self, BoxStream, StreamExt};
use pim_alerts_models::Page;
use serde::de::DeserializeOwned;

use super::config::Client;
use super::error::Error;
use super::filter::{Clauses, Filter};
use super::paging::Paged;
use super::query::{QueryName, QueryOptions};
use super::request::Request;

/// What a generated collection's list builder is typed with.
pub trait ListOptions {
    /// The item type.
    type Entity: DeserializeOwned + Send + 'static;
    /// Its `$select`/`$orderby` names.
    type Field: QueryName;
    /// Its `$expand` names.
    type Expand: QueryName;
    /// Set when the service refuses a list whose `$filter` does not constrain some properties.
    const REQUIRED_FILTER: Option<RequiredFilter> = None;
}

/// The properties a list's `$filter` must constrain for the service to answer, and the
/// generated builder method that writes such a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequiredFilter {
    /// The properties, by their CSDL names (`scopeId`, `scopeType`).
    pub properties: &'static [&'static str],
    /// The method that adds a filter the service accepts (`scope_filter`).
    pub method: &'static str,
}

impl RequiredFilter {
    /// Why `filter` will be refused by the service, or `None` when it mentions every required
    /// property. A property counts where [`Clauses::mentions`] finds it: as a property of the
    /// listed item itself, not of another entity (`alertDefinition/scopeId` does not count). A
    /// raw filter is not checked further, and the service has the last word.
    pub fn refusal(&self, filter: &Clauses) -> Option<String> {
        // Every accepted list passes here: nothing is allocated unless the filter is refused.
        let names = || self.properties.join(", ");
        if filter.is_empty() {
            let names = names();
            return Some(format!(
                "the service requires a $filter on {names}; use `{}`",
                self.method
            ));
        }
        let mut missing = (self.properties.iter()).filter(|property| !filter.mentions(property));
        let first = missing.next()?;
        let names = names();
        let missing: Vec<&str> = std::iter::once(first).chain(missing).copied().collect();
        Some(format!(
            "the service requires a $filter on {names}, and this one does not mention {}; \
             use `{}`",
            missing.join(", "),
            self.method
        ))
    }
}

/// `$select` is allowed.
pub trait Selectable: ListOptions {}
/// `$expand` is allowed.
pub trait Expandable: ListOptions {}
/// `$filter` is allowed (raw text, or expressions over [`TypedFilter::Handles`]).
pub trait Filterable: ListOptions {}
/// `$orderby` is allowed.
pub trait Sortable: ListOptions {}
/// `$top` is allowed.
pub trait Top: ListOptions {}
/// `$skip` is allowed.
pub trait Skip: ListOptions {}
/// `$count` is allowed.
pub trait Countable: ListOptions {}

/// `$filter` through the generated property handles of the entity.
pub trait TypedFilter: Filterable {
    /// The handle struct (`UnifiedRoleManagementAlertFilter`).
    type Handles: Default;
}

/// Lists a collection (`GET`): `send()` returns the first page, `stream()` every item.
#[must_use = "a request does nothing until it is sent"]
pub struct ListRequest<O> {
    client: Client,
    request: Request,
    query: QueryOptions,
    options: PhantomData<fn() -> O>,
}

impl<O> Clone for ListRequest<O> {
    fn clone(&self) -> Self {
        ListRequest {
            client: self.client.clone(),
            request: self.request.clone(),
            query: self.query.clone(),
            options: PhantomData,
        }
    }
}

impl<O> fmt::Debug for ListRequest<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (f.debug_struct("ListRequest"))
            .field("client", &self.client)
            .field("request", &self.request)
            .field("query", &self.query)
            .finish()
    }
}

impl<O: ListOptions> ListRequest<O> {
    /// A list of `request`'s collection (generated builders call this).
    pub fn new(client: Client, request: Request) -> Self {
        ListRequest {
            client,
            request,
            query: QueryOptions::default(),
            options: PhantomData,
        }
    }

    /// The request with its query options, or the reason it cannot be sent.
    fn finish(self) -> Result<(Client, Request), Error> {
        let refusal = O::REQUIRED_FILTER.and_then(|r| r.refusal(&self.query.filter));
        if let Some(refusal) = refusal {
            let template = self.request.template();
            return Err(Error::InvalidRequest(
                format!("{template}: {refusal}").into(),
            ));
        }
        Ok((self.client, self.query.apply(self.request)))
    }

    /// Sends the request and returns the first page (`value`, `@odata.nextLink`,
    /// `@odata.count`).
    pub fn send(self) -> impl Future<Output = Result<Page<O::Entity>, Error>> + use<O> {
        match self.finish() {
            Ok((client, request)) => Either::Left(client.send_json_owned(request)),
            Err(error) => Either::Right(future::ready(Err(error))),
        }
    }

    /// A lazy cursor over every page (see [`Paged`]).
    pub fn paged(self) -> Result<Paged<O::Entity>, Error> {
        let (client, request) = self.finish()?;
        Ok(client.paged(request))
    }

    /// Every page as a stream, following `@odata.nextLink`; a request that cannot be sent
    /// yields its error as the only item.
    pub fn pages(self) -> BoxStream<'static, Result<Page<O::Entity>, Error>> {
        match self.paged() {
            Ok(paged) => paged.pages(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        }
    }

    /// Every item of every page as a stream; a request that cannot be sent yields its error
    /// as the only item.
    pub fn stream(self) -> BoxStream<'static, Result<O::Entity, Error>> {
        match self.paged() {
            Ok(paged) => paged.items(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        }
    }

    /// Collects every item of every page.
    pub async fn collect_all(self) -> Result<Vec<O::Entity>, Error> {
        self.paged()?.collect_all().await
    }

    /// Adds a request header, sent with every page; see [`Request::header`] for the rules.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request = self.request.header(name, value);
        self
    }
}

impl<O: Selectable> ListRequest<O> {
    /// `$select`: only these properties (repeated calls add to the list).
    pub fn select(mut self, fields: &[O::Field]) -> Self {
        self.query.select.extend(fields.iter().map(|f| f.as_str()));
        self
    }
}

impl<O: Expandable> ListRequest<O> {
    /// `$expand`: include these navigation properties (`All` is `*`).
    pub fn expand(mut self, navigation: &[O::Expand]) -> Self {
        self.query
            .expand
            .extend(navigation.iter().map(|e| e.as_str()));
        self
    }
}

impl<O: Filterable> ListRequest<O> {
    /// `$filter` from an expression built beforehand with the entity's property handles.
    pub fn filter_by(mut self, filter: Filter<O::Entity>) -> Self {
        self.query.filter.push(filter);
        self
    }

    /// `$filter` as raw OData text (not checked; several filters are joined with `and`).
    pub fn filter_raw(mut self, filter: &str) -> Self {
        self.query.filter.push_raw(filter);
        self
    }
}

impl<O: TypedFilter> ListRequest<O> {
    /// `$filter` from the typed property handles passed to `build` (several filters are joined
    /// with `and`): `.filter(|f| f.is_active().eq(true))`.
    pub fn filter(self, build: impl FnOnce(O::Handles) -> Filter<O::Entity>) -> Self {
        self.filter_by(build(O::Handles::default()))
    }
}

impl<O: Sortable> ListRequest<O> {
    /// `$orderby` ascending on `field` (repeated calls add keys).
    pub fn orderby(mut self, field: O::Field) -> Self {
        self.query.orderby.push(field.as_str().to_owned());
        self
    }

    /// `$orderby` descending on `field` (repeated calls add keys).
    pub fn orderby_desc(mut self, field: O::Field) -> Self {
        self.query.orderby.push(format!("{} desc", field.as_str()));
        self
    }
}

impl<O: Top> ListRequest<O> {
    /// `$top`: at most `n` items per page.
    pub fn top(mut self, n: u32) -> Self {
        self.query.top = Some(n);
        self
    }
}

impl<O: Skip> ListRequest<O> {
    /// `$skip`: skip the first `n` items.
    pub fn skip(mut self, n: u32) -> Self {
        self.query.skip = Some(n);
        self
    }
}

impl<O: Countable> ListRequest<O> {
    /// `$count`: ask for `@odata.count` in the response.
    pub fn count(mut self, count: bool) -> Self {
        self.query.count = Some(count);
        self
    }
}

/// Reads one entity (`GET`), with `$select` and `$expand`.
#[must_use = "a request does nothing until it is sent"]
pub struct GetRequest<T, F, E> {
    client: Client,
    request: Request,
    query: QueryOptions,
    types: Types<T, F, E>,
}

/// The entity and name types a [`GetRequest`] is typed with (it holds none of them).
type Types<T, F, E> = PhantomData<fn() -> (T, F, E)>;

impl<T, F, E> Clone for GetRequest<T, F, E> {
    fn clone(&self) -> Self {
        GetRequest {
            client: self.client.clone(),
            request: self.request.clone(),
            query: self.query.clone(),
            types: PhantomData,
        }
    }
}

impl<T, F, E> fmt::Debug for GetRequest<T, F, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (f.debug_struct("GetRequest"))
            .field("client", &self.client)
            .field("request", &self.request)
            .field("query", &self.query)
            .finish()
    }
}

impl<T: DeserializeOwned, F: QueryName, E: QueryName> GetRequest<T, F, E> {
    /// A read of `request`'s entity (generated builders call this).
    pub fn new(client: Client, request: Request) -> Self {
        GetRequest {
            client,
            request,
            query: QueryOptions::default(),
            types: PhantomData,
        }
    }

    /// `$select`: only these properties (repeated calls add to the list).
    pub fn select(mut self, fields: &[F]) -> Self {
        self.query.select.extend(fields.iter().map(|f| f.as_str()));
        self
    }

    /// `$expand`: include these navigation properties (`All` is `*`).
    pub fn expand(mut self, navigation: &[E]) -> Self {
        self.query
            .expand
            .extend(navigation.iter().map(|e| e.as_str()));
        self
    }

    /// Adds a request header; see [`Request::header`] for the rules.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request = self.request.header(name, value);
        self
    }

    /// Sends the request and decodes the entity.
    pub fn send(self) -> impl Future<Output = Result<T, Error>> + use<T, F, E> {
        let request = self.query.apply(self.request);
        self.client.send_json_owned(request)
    }
}

/// Updates one entity (`PATCH`, answered `204 No Content`). The body is written by
/// [`Request::update_json`]: the properties set in the entity value, without its key,
/// navigation properties and annotations other than `@odata.type` (see [`super::update`]).
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is sent"]
pub struct UpdateRequest {
    client: Client,
    request: Request,
}

impl UpdateRequest {
    /// An update with `request` (method and JSON body set; generated builders call this).
    pub fn new(client: Client, request: Request) -> Self {
        UpdateRequest { client, request }
    }

    /// Adds a request header; see [`Request::header`] for the rules.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.request = self.request.header(name, value);
        self
    }

    /// Sends the request; success is `204 No Content` (or a `200` whose body is ignored).
    pub fn send(self) -> impl Future<Output = Result<(), Error>> + use<> {
        self.client.send_no_content_owned(self.request)
    }
}

/// The headers added to a generated action or function builder, which builds its [`Request`]
/// only in `send()`: kept as given and added there with [`Request::header`], so they follow
/// its rules and an invalid or runtime-set header fails `send()` without any network traffic.
/// Nothing is allocated until a header is added.
#[derive(Debug, Clone, Default)]
pub struct PendingHeaders(Vec<(String, String)>);

impl PendingHeaders {
    /// Remembers `name: value` (checked when applied; never fails here).
    pub fn push(&mut self, name: &str, value: &str) {
        self.0.push((name.to_owned(), value.to_owned()));
    }

    /// `request` with every remembered header added, in the order they were pushed.
    pub fn apply(self, request: Request) -> Request {
        (self.0.iter()).fold(request, |request, (name, value)| {
            request.header(name, value)
        })
    }
}
