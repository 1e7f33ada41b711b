//! Request execution: headers, auth, timeout, retries, tracing, and response classification.
//!
//! Every HTTP attempt carries `Authorization: Bearer <token>` (fetched from the provider per
//! attempt, marked sensitive), `Accept: application/json`, the `User-Agent`, and a
//! `client-request-id` (a fresh UUID v4 per logical request, reused by its retries so that the
//! attempts can be correlated in Graph's logs).
//!
//! Each logical request runs in a `graph_request` tracing span with the fields `method`,
//! `path` (the template, never the concrete URL), `client_request_id`, `attempt` and `status`.
//! Neither the token nor the request body is ever recorded.
//!
//! Per request, nothing is formatted that a successful call does not send: the
//! `Authorization` value comes ready-made with the [`AccessToken`], the id is formatted into a
//! stack buffer, and a [`RequestContext`] (with its owned id string) is only built for an
//! error or a [`RawResponse`].

use std::pin::pin;
use std::time::Instant;

use bytes::Bytes;

use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue,
    LOCATION, RETRY_AFTER, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::task::coop::unconstrained;
use tracing::{Instrument, field};
use url::Url;
use uuid::fmt::Hyphenated;

use super::auth::AccessToken;
use super::config::Client;
use super::error::{
    DecodeError, Error, GraphError, GraphErrorBody, LinkKind, RequestContext, UnexpectedStatus,
    excerpt, header_str,
};
use super::operation::Operation;
use super::request::Request;
use super::retry::{error_is_retryable, parse_retry_after, status_is_retryable};
use super::template::Template;

mod bounds;

use bounds::{BodyError, no_token_within, read_body, within};

/// A successful (2xx) response, undecoded.
#[derive(Debug)]
#[non_exhaustive]
pub struct RawResponse {
    /// The request this answers.
    pub context: RequestContext,
    /// The HTTP status (always 2xx).
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
}

/// The `client-request-id` header name.
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

/// The `request-id` header name: Graph's id of the request, in every response.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("request-id");

/// One logical request as the runtime tracks it: what a [`RequestContext`] is made of, without
/// allocating (the id is 16 bytes, formatted when needed).
#[derive(Debug, Clone)]
pub(crate) struct Call {
    method: Method,
    template: Template,
    id: Hyphenated,
}

impl Call {
    fn new(req: &Request) -> Self {
        Call {
            method: req.method.clone(),
            template: req.template.clone(),
            id: new_client_request_id(),
        }
    }

    /// The context of an error before any response (or about a response from a foreign
    /// origin): no `request-id`.
    pub(crate) fn context(&self) -> RequestContext {
        self.context_with(None)
    }

    /// The context of an error about a response with `headers`: with its `request-id`.
    pub(crate) fn answered(&self, headers: &HeaderMap) -> RequestContext {
        self.context_with(headers.get(REQUEST_ID))
    }

    /// The context, with the `request-id` header value of the response, if any.
    pub(crate) fn context_with(&self, request_id: Option<&HeaderValue>) -> RequestContext {
        RequestContext {
            method: self.method.clone(),
            template: self.template.to_cow(),
            client_request_id: self.id.to_string(),
            request_id: request_id.map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        }
    }

    /// The `client-request-id` value. Its bytes are owned by a shared `Bytes` from the start:
    /// reqwest's retry and redirect layers clone every header of every request, and the
    /// first clone of a value copied from a `&str` would allocate once more to share it.
    fn id_header(&self) -> HeaderValue {
        let mut buf = [0; Hyphenated::LENGTH];
        self.id.encode_lower(&mut buf);
        // A hyphenated UUID is always a valid header value.
        HeaderValue::from_maybe_shared(Bytes::from_owner(buf))
            .unwrap_or(HeaderValue::from_static("unavailable"))
    }
}

/// A 2xx-or-not response as the runtime handles it: a [`RawResponse`] that carries its
/// [`Call`] instead of a [`RequestContext`].
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) call: Call,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Reply {
    /// The context of an error about this response: with its `request-id`.
    pub(crate) fn context(&self) -> RequestContext {
        self.call.answered(&self.headers)
    }
}

impl From<Reply> for RawResponse {
    fn from(reply: Reply) -> Self {
        RawResponse {
            context: reply.context(),
            status: reply.status,
            headers: reply.headers,
            body: reply.body.into(),
        }
    }
}

/// What one HTTP exchange returned.
struct Exchange {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Exchange {
    fn reply(self, call: Call) -> Reply {
        Reply {
            call,
            status: self.status,
            headers: self.headers,
            body: self.body,
        }
    }
}

impl Client {
    /// Sends `req` and decodes a JSON body (any 2xx except `202`/`204`) into `T`.
    ///
    /// The future holds its own handle to the client (it borrows nothing), so it can be
    /// spawned as it is.
    pub fn send_json<T: DeserializeOwned>(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<T, Error>> + use<T> {
        self.clone().send_json_owned(req)
    }

    /// [`send_json`](Self::send_json) for a caller that owns a client handle (the builders):
    /// one future fewer around the request.
    pub(crate) async fn send_json_owned<T: DeserializeOwned>(
        self,
        req: Request,
    ) -> Result<T, Error> {
        let resp = self.execute(&req).await?;
        match resp.status {
            StatusCode::ACCEPTED | StatusCode::NO_CONTENT => Err(unexpected(resp)),
            _ => decode(&resp),
        }
    }

    /// Sends `req` and expects no content: `204`, or `200`/`201` whose body is ignored
    /// (Graph's `remediate` answers `200 OK` without a body). Like
    /// [`send_json`](Self::send_json), the future borrows nothing.
    pub fn send_no_content(&self, req: Request) -> impl Future<Output = Result<(), Error>> + use<> {
        self.clone().send_no_content_owned(req)
    }

    /// [`send_no_content`](Self::send_no_content) for a caller that owns a client handle.
    pub(crate) async fn send_no_content_owned(self, req: Request) -> Result<(), Error> {
        let resp = self.execute(&req).await?;
        match resp.status {
            StatusCode::OK | StatusCode::CREATED | StatusCode::NO_CONTENT => Ok(()),
            _ => Err(unexpected(resp)),
        }
    }

    /// Sends `req` and expects `202 Accepted` with a `Location` header on the base origin;
    /// returns a handle to poll the long-running operation. The future borrows nothing.
    pub fn send_accepted(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<Operation, Error>> + use<> {
        self.clone().send_accepted_owned(req)
    }

    /// [`send_accepted`](Self::send_accepted) for a caller that owns a client handle.
    pub(crate) async fn send_accepted_owned(self, req: Request) -> Result<Operation, Error> {
        let resp = self.execute(&req).await?;
        if resp.status != StatusCode::ACCEPTED {
            return Err(unexpected(resp));
        }
        let missing = |reason: &'static str| Error::MissingLocation {
            context: Box::new(resp.context()),
            reason: reason.into(),
        };
        let raw = resp
            .headers
            .get(LOCATION)
            .ok_or_else(|| missing("no Location header"))?;
        let raw = raw.to_str().map_err(|_| missing("Location is not ASCII"))?;
        let base = &self.inner.base;
        let url = base.resolve_link(raw, LinkKind::Location, || resp.context())?;
        Ok(Operation::new(self, req, url))
    }

    /// Sends `req` with retries and returns any 2xx response undecoded; non-2xx statuses
    /// become [`Error::Graph`] or [`Error::UnexpectedStatus`]. The future borrows nothing.
    pub fn send_raw(
        &self,
        req: Request,
    ) -> impl Future<Output = Result<RawResponse, Error>> + use<> {
        let client = self.clone();
        async move { client.execute(&req).await.map(RawResponse::from) }
    }

    /// [`send_raw`](Self::send_raw) by reference, for paging and polling.
    pub(crate) async fn execute(&self, req: &Request) -> Result<Reply, Error> {
        // A request a builder marked invalid is refused before it gets a request id and a span.
        req.check()?;
        let call = Call::new(req);
        // Without an interested subscriber this is `Span::none()`: no field is formatted and
        // recording into it is a no-op.
        let span = tracing::info_span!(
            "graph_request",
            method = %call.method,
            path = %call.template,
            client_request_id = %call.id,
            attempt = field::Empty,
            status = field::Empty,
        );
        let attempts = self.with_retries(req, call, &span);
        match span.is_disabled() {
            true => attempts.await,
            false => attempts.instrument(span.clone()).await,
        }
    }

    async fn with_retries(
        &self,
        req: &Request,
        call: Call,
        span: &tracing::Span,
    ) -> Result<Reply, Error> {
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let outcome = self.attempt(req, &call).await;
            if let Ok(resp) = &outcome {
                span.record("status", resp.status.as_u16());
            }
            let (error, hint) = match outcome {
                Ok(resp) if resp.status.is_success() => return Ok(resp.reply(call)),
                Ok(resp) if status_is_retryable(&req.method, resp.status) => {
                    let hint = header_str(&resp.headers, RETRY_AFTER.as_str())
                        .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
                    (failure(resp.reply(call.clone())), hint)
                }
                Ok(resp) => return Err(failure(resp.reply(call))),
                Err(e) if error_is_retryable(&req.method, &e) => (e, None),
                Err(e) => return Err(e),
            };
            let elapsed = start.elapsed();
            let Some(delay) = self.inner.retry.next_delay(attempt, elapsed, hint) else {
                return Err(give_up(attempt, elapsed, error));
            };
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, %error, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    /// One HTTP exchange, bounded by the per-request timeout (the wait for a token, the
    /// headers and the body).
    ///
    /// The URL is built here, before the token provider is asked for a token (a URL that
    /// cannot be built is an error that is never retried).
    async fn attempt(&self, req: &Request, call: &Call) -> Result<Exchange, Error> {
        let url = req.url(&self.inner.base)?;
        // Unconstrained, like the timer inside `tokio::time::timeout`: it is seen even when the
        // exchange has used up the task's cooperative budget (an endless body that is always
        // ready), which would otherwise keep a plain `Sleep` from ever completing.
        let mut deadline = pin!(unconstrained(tokio::time::sleep(self.inner.timeout)));
        let tokens = &self.inner.tokens;
        let token = match tokens.ready_token() {
            Some(token) => token,
            None => within(deadline.as_mut(), pin!(tokens.token()))
                .await
                .ok_or_else(|| no_token_within(self.inner.timeout))??,
        };
        let pending = self
            .inner
            .http
            .execute(self.http_request(req, url, call, &token)?);
        // In a block so that the response, once moved into its body future, takes no room in
        // this function's state beside that future.
        let (status, headers, body) = {
            let mut resp = within(deadline.as_mut(), pin!(pending))
                .await
                .ok_or_else(|| self.timed_out(call.context()))?
                .map_err(|e| transport(call.context(), e))?;
            self.check_response(&resp, call)?;
            let (status, headers) = (resp.status(), std::mem::take(resp.headers_mut()));
            let limit = self.inner.max_response_bytes;
            (status, headers, read_body(resp, limit))
        };
        // The headers came: errors from here on carry the response's `request-id`.
        let body = within(deadline, pin!(body))
            .await
            .ok_or_else(|| self.timed_out(call.answered(&headers)))?
            .map_err(|e| self.body_error(e, call.answered(&headers), status))?;
        Ok(Exchange {
            status,
            headers,
            body,
        })
    }

    /// Refuses a response before its body is read: one that a caller-supplied client (the
    /// only kind that follows redirects) got from a foreign origin, or one whose
    /// `Content-Length` is over the limit.
    fn check_response(&self, resp: &reqwest::Response, call: &Call) -> Result<(), Error> {
        if self.inner.custom_http {
            self.refuse_foreign_redirect(resp.url(), call)?;
        }
        let limit = self.inner.max_response_bytes;
        match resp.content_length() {
            Some(n) if !usize::try_from(n).is_ok_and(|n| n <= limit) => {
                let context = call.answered(resp.headers());
                Err(self.body_error(BodyError::TooLarge, context, resp.status()))
            }
            _ => Ok(()),
        }
    }

    /// [`Error::ForeignRedirect`] unless `url` has the base origin. The foreign response's
    /// `request-id` is not Graph's: the error carries none.
    fn refuse_foreign_redirect(&self, url: &Url, call: &Call) -> Result<(), Error> {
        match self.inner.base.foreign(url) {
            None => Ok(()),
            Some((found, expected)) => Err(Error::ForeignRedirect {
                context: Box::new(call.context()),
                found,
                expected,
            }),
        }
    }

    fn timed_out(&self, context: RequestContext) -> Error {
        Error::Timeout {
            context: Box::new(context),
            after: self.inner.timeout,
        }
    }

    fn body_error(&self, error: BodyError, context: RequestContext, status: StatusCode) -> Error {
        match error {
            BodyError::Transport(source) => transport(context, source),
            BodyError::TooLarge => Error::ResponseTooLarge {
                context: Box::new(context),
                status,
                limit: self.inner.max_response_bytes,
            },
        }
    }

    /// The HTTP request of one attempt, built in place (no builder moved through each
    /// header).
    fn http_request(
        &self,
        req: &Request,
        url: Url,
        call: &Call,
        token: &AccessToken,
    ) -> Result<reqwest::Request, Error> {
        let mut request = reqwest::Request::new(req.method.clone(), url);
        let headers = request.headers_mut();
        headers.insert(AUTHORIZATION, token.authorization()?);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        headers.insert(CLIENT_REQUEST_ID, call.id_header());
        for (name, value) in &req.headers {
            headers.append(name, value.clone());
        }
        let body = match &req.body {
            Some(body) => {
                let json = HeaderValue::from_static("application/json");
                headers.insert(CONTENT_TYPE, json);
                Some(body.clone())
            }
            // Graph answers `411 Length Required` to a bodiless POST without `Content-Length`.
            None if req.method != Method::GET => {
                headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
                Some(Vec::new())
            }
            None => None,
        };
        *request.body_mut() = body.map(reqwest::Body::from);
        Ok(request)
    }
}

/// A transport error, without the URL `reqwest` puts in its message: the concrete path holds
/// keys and the query, and errors name the request by its template.
fn transport(context: RequestContext, source: reqwest::Error) -> Error {
    Error::Transport {
        context: Box::new(context),
        source: source.without_url(),
    }
}

/// A random UUID v4 for `client-request-id`. A correlation id need not be unpredictable, so
/// `fastrand` supplies the bits (no system call per request).
fn new_client_request_id() -> Hyphenated {
    let bits = fastrand::u128(..).to_le_bytes();
    uuid::Builder::from_random_bytes(bits)
        .into_uuid()
        .hyphenated()
}

/// Decodes a JSON body, reporting the JSON path of the first mismatch.
///
/// The fast path is plain `serde_json`; only a failure is decoded again with
/// `serde_path_to_error` to find the path.
pub(crate) fn decode<T: DeserializeOwned>(resp: &Reply) -> Result<T, Error> {
    if let Ok(value) = serde_json::from_slice(&resp.body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(&resp.body);
    // Keys as strings, so that the path names properties of generated model types too.
    let keys_as_strings = pim_alerts_models::support::StrKeys::new(&mut de);
    let value = serde_path_to_error::deserialize(keys_as_strings)
        .map_err(|e| decode_error(resp, e.path().to_string(), e.inner().to_string()))?;
    de.end()
        .map_err(|e| decode_error(resp, ".".to_owned(), e.to_string()))?;
    Ok(value)
}

fn decode_error(resp: &Reply, path: String, message: String) -> Error {
    Error::Decode(Box::new(DecodeError {
        context: resp.context(),
        status: resp.status,
        path,
        message,
        body_excerpt: excerpt(&resp.body),
    }))
}

/// A status the call did not expect (a 2xx of the wrong kind, or an error status whose body is
/// not a Graph error) as an error.
pub(crate) fn unexpected(resp: Reply) -> Error {
    Error::UnexpectedStatus(Box::new(UnexpectedStatus {
        context: resp.context(),
        status: resp.status,
        body_excerpt: excerpt(&resp.body),
        headers: resp.headers,
    }))
}

/// A non-2xx response as [`Error::Graph`] if the body is a Graph error (an `error` object with a
/// code or a message, whatever else it holds), else [`Error::UnexpectedStatus`].
fn failure(resp: Reply) -> Error {
    #[derive(Deserialize)]
    struct Envelope {
        error: GraphErrorBody,
    }
    match serde_json::from_slice::<Envelope>(&resp.body) {
        Ok(Envelope { error }) if !error.code.is_empty() || !error.message.is_empty() => {
            let mut context = resp.context();
            if context.request_id.is_none() {
                context.request_id =
                    (error.inner_error.as_ref()).and_then(|inner| inner.request_id.clone());
            }
            Error::Graph(Box::new(GraphError {
                context,
                status: resp.status,
                error,
                headers: resp.headers,
            }))
        }
        _ => unexpected(resp),
    }
}

/// The error after retrying stopped: wrapped when at least one retry happened.
fn give_up(attempts: u32, elapsed: std::time::Duration, last: Error) -> Error {
    if attempts > 1 {
        Error::RetriesExhausted {
            attempts,
            elapsed,
            last: Box::new(last),
        }
    } else {
        last
    }
}
