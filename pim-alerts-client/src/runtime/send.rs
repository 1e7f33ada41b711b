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

use std::time::Instant;

use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderValue, LOCATION,
    RETRY_AFTER, USER_AGENT,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tracing::{Instrument, field};
use url::Url;

use super::auth::{AccessToken, AuthError};
use super::config::Client;
use super::error::{
    DecodeError, Error, GraphError, GraphErrorBody, LinkKind, RequestContext, UnexpectedStatus,
    excerpt, header_str,
};
use super::operation::Operation;
use super::request::Request;
use super::retry::{error_is_retryable, parse_retry_after, status_is_retryable};

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

impl Client {
    /// Sends `req` and decodes a JSON body (any 2xx except `202`/`204`) into `T`.
    pub async fn send_json<T: DeserializeOwned>(&self, req: Request) -> Result<T, Error> {
        let resp = self.execute(&req).await?;
        match resp.status {
            StatusCode::ACCEPTED | StatusCode::NO_CONTENT => Err(unexpected(resp)),
            _ => decode(&resp),
        }
    }

    /// Sends `req` and expects no content: `204`, or `200`/`201` whose body is ignored
    /// (Graph's `remediate` answers `200 OK` without a body).
    pub async fn send_no_content(&self, req: Request) -> Result<(), Error> {
        let resp = self.execute(&req).await?;
        match resp.status {
            StatusCode::OK | StatusCode::CREATED | StatusCode::NO_CONTENT => Ok(()),
            _ => Err(unexpected(resp)),
        }
    }

    /// Sends `req` and expects `202 Accepted` with a `Location` header on the base origin;
    /// returns a handle to poll the long-running operation.
    pub async fn send_accepted(&self, req: Request) -> Result<Operation, Error> {
        let resp = self.execute(&req).await?;
        if resp.status != StatusCode::ACCEPTED {
            return Err(unexpected(resp));
        }
        let missing = |reason: &'static str| Error::MissingLocation {
            context: Box::new(resp.context.clone()),
            reason: reason.into(),
        };
        let raw = resp
            .headers
            .get(LOCATION)
            .ok_or_else(|| missing("no Location header"))?;
        let raw = raw.to_str().map_err(|_| missing("Location is not ASCII"))?;
        let url = match self.inner.base.resolve_link(raw, LinkKind::Location) {
            Err(Error::InvalidRequest(reason)) => Err(Error::MissingLocation {
                context: Box::new(resp.context.clone()),
                reason,
            }),
            other => other,
        }?;
        Ok(Operation::new(self.clone(), req, url))
    }

    /// Sends `req` with retries and returns any 2xx response undecoded; non-2xx statuses
    /// become [`Error::Graph`] or [`Error::UnexpectedStatus`].
    pub async fn send_raw(&self, req: Request) -> Result<RawResponse, Error> {
        self.execute(&req).await
    }

    /// [`send_raw`](Self::send_raw) by reference, for paging and polling.
    pub(crate) async fn execute(&self, req: &Request) -> Result<RawResponse, Error> {
        let url = req.url(&self.inner.base)?;
        let context = RequestContext {
            method: req.method.clone(),
            template: req.template.clone(),
            client_request_id: new_client_request_id(),
        };
        let span = tracing::info_span!(
            "graph_request",
            method = %context.method,
            path = %context.template,
            client_request_id = %context.client_request_id,
            attempt = field::Empty,
            status = field::Empty,
        );
        self.with_retries(req, &url, context, &span)
            .instrument(span.clone())
            .await
    }

    async fn with_retries(
        &self,
        req: &Request,
        url: &Url,
        context: RequestContext,
        span: &tracing::Span,
    ) -> Result<RawResponse, Error> {
        let start = Instant::now();
        let mut attempt = 0;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let outcome = self.attempt(req, url, &context).await;
            if let Ok(resp) = &outcome {
                span.record("status", resp.status.as_u16());
            }
            let (error, hint) = match outcome {
                Ok(resp) if resp.status.is_success() => return Ok(resp),
                Ok(resp) if status_is_retryable(&req.method, resp.status) => {
                    let hint = header_str(&resp.headers, RETRY_AFTER.as_str())
                        .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
                    (failure(resp), hint)
                }
                Ok(resp) => return Err(failure(resp)),
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

    /// One HTTP exchange, bounded by the per-request timeout (headers and body).
    async fn attempt(
        &self,
        req: &Request,
        url: &Url,
        context: &RequestContext,
    ) -> Result<RawResponse, Error> {
        let token = self.inner.tokens.token().await?;
        let builder = self.request_builder(req, url, context, &token)?;
        let exchange = async {
            let mut resp = builder.send().await?;
            // Only a caller-supplied client can have followed a redirect.
            let redirect = match self.inner.custom_http {
                true => self
                    .inner
                    .base
                    .check_same_origin(resp.url(), LinkKind::Redirect),
                false => Ok(()),
            };
            let (status, headers) = (resp.status(), std::mem::take(resp.headers_mut()));
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>((redirect, status, headers, body))
        };
        let transport = |source| Error::Transport {
            context: Box::new(context.clone()),
            source,
        };
        let (redirect, status, headers, body) =
            match tokio::time::timeout(self.inner.timeout, exchange).await {
                Ok(result) => result.map_err(transport)?,
                Err(_) => {
                    return Err(Error::Timeout {
                        context: Box::new(context.clone()),
                        after: self.inner.timeout,
                    });
                }
            };
        redirect?;
        Ok(RawResponse {
            context: context.clone(),
            status,
            headers,
            body: body.into(),
        })
    }

    fn request_builder(
        &self,
        req: &Request,
        url: &Url,
        context: &RequestContext,
        token: &AccessToken,
    ) -> Result<reqwest::RequestBuilder, Error> {
        let mut builder = self
            .inner
            .http
            .request(req.method.clone(), url.clone())
            .header(AUTHORIZATION, bearer(token)?)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(USER_AGENT, self.inner.user_agent.clone())
            .header("client-request-id", context.client_request_id.as_str());
        for (name, value) in &req.headers {
            builder = builder.header(name, value);
        }
        Ok(match &req.body {
            Some(body) => builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone()),
            // Graph answers `411 Length Required` to a bodiless POST without `Content-Length`.
            None if req.method != reqwest::Method::GET => builder
                .header(CONTENT_LENGTH, HeaderValue::from_static("0"))
                .body(Vec::new()),
            None => builder,
        })
    }
}

/// A random UUID v4 for `client-request-id`. A correlation id need not be unpredictable, so
/// `fastrand` supplies the bits (no system call per request).
fn new_client_request_id() -> String {
    let bits = fastrand::u128(..).to_le_bytes();
    uuid::Builder::from_random_bytes(bits)
        .into_uuid()
        .to_string()
}

/// `Bearer <token>` as a sensitive header value.
fn bearer(token: &AccessToken) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.secret())).map_err(|_| {
        AuthError::new("the access token contains characters not allowed in an HTTP header")
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Decodes a JSON body, reporting the JSON path of the first mismatch.
///
/// The fast path is plain `serde_json`; only a failure is decoded again with
/// `serde_path_to_error` to find the path.
pub(crate) fn decode<T: DeserializeOwned>(resp: &RawResponse) -> Result<T, Error> {
    if let Ok(value) = serde_json::from_slice(&resp.body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(&resp.body);
    // Keys as strings, so that the path names properties of generated model types too.
    let value = pim_alerts_models::support::object::with_str_keys(|| {
        serde_path_to_error::deserialize(&mut de)
    })
    .map_err(|e| decode_error(resp, e.path().to_string(), e.inner().to_string()))?;
    de.end()
        .map_err(|e| decode_error(resp, ".".to_owned(), e.to_string()))?;
    Ok(value)
}

fn decode_error(resp: &RawResponse, path: String, message: String) -> Error {
    Error::Decode(Box::new(DecodeError {
        context: resp.context.clone(),
        status: resp.status,
        path,
        message,
        body_excerpt: excerpt(&resp.body),
    }))
}

/// An unexpected (but 2xx) status as an error.
pub(crate) fn unexpected(resp: RawResponse) -> Error {
    Error::UnexpectedStatus(Box::new(UnexpectedStatus {
        context: resp.context,
        status: resp.status,
        body_excerpt: excerpt(&resp.body),
        headers: resp.headers,
    }))
}

/// A non-2xx response as [`Error::Graph`] if the body is a Graph error, else
/// [`Error::UnexpectedStatus`].
fn failure(resp: RawResponse) -> Error {
    #[derive(Deserialize)]
    struct Envelope {
        error: GraphErrorBody,
    }
    match serde_json::from_slice::<Envelope>(&resp.body) {
        Ok(Envelope { error }) if !error.code.is_empty() => Error::Graph(Box::new(GraphError {
            context: resp.context,
            status: resp.status,
            error,
            headers: resp.headers,
        })),
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
