//! The runtime's error type.
//!
//! Every failure of a call surfaces as one [`Error`]. Its `Display` says what went wrong and
//! where. An error about a request sent names it by HTTP method and path *template* and gives,
//! in parentheses, the ids to quote to Microsoft support: the `client-request-id` the runtime
//! sent, and the `request-id` of the response where one came from the configured origin (for
//! [`Error::Graph`] without that header, its `innerError`'s). [`Error::request_id`] and
//! [`Error::client_request_id`] return them; each variant keeps them, once, in its
//! [`RequestContext`], which both the message and the accessors read.
//! Without a response — a transport error before the headers, a timeout before the headers —
//! the `client-request-id` is the only id. An error about a response also gives its status,
//! and for [`Error::Graph`] Graph's error code (and target and first detail).
//!
//! [`Error::ForeignOrigin`] for a link a response carried (a `Location`, an `@odata.nextLink`)
//! gives the ids of that response; the long-running operation errors
//! ([`Error::OperationFailed`], [`Error::OperationTimedOut`]) give those of the last poll
//! answered (an error of one poll is returned as that poll's own error, with its ids).
//!
//! Carrying no ids: the errors raised before anything was sent ([`Error::InvalidRequest`],
//! [`Error::InvalidConfig`], [`Error::Auth`]), [`Error::ForeignOrigin`] for a saved operation
//! location (no response carried it), and [`Error::OperationTimedOut`] when not one poll was
//! answered in time.
//!
//! Graph's error body is a [`GraphErrorBody`], decoded tolerantly and keeping every member (see
//! its module, `error/body.rs`). Large variants are boxed so that `Result<T, Error>` stays small.
//!
//! No variant ever holds the bearer token: errors are built from response data, the request's
//! method and template, and the token provider's own [`AuthError`] message.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

pub use super::auth::AuthError;
pub use body::{ErrorDetail, GraphErrorBody, InnerError};
pub use context::RequestContext;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

mod body;
mod context;

/// Maximum number of response-body bytes kept in an error excerpt.
pub const BODY_EXCERPT_LIMIT: usize = 512;

/// Everything that can go wrong when calling Microsoft Graph through this runtime.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Graph answered with an error status and a Graph error body (`{"error": {...}}`).
    #[error("{0}")]
    Graph(Box<GraphError>),
    /// The server answered with a status the call did not expect: an error status whose body
    /// is not a Graph error (an HTML error page, an empty 502...), or a success status other
    /// than the call's, whatever the body (a `204` where a JSON body was expected, a `200`
    /// where `202 Accepted` was expected...).
    #[error("{0}")]
    UnexpectedStatus(Box<UnexpectedStatus>),
    /// A successful response body could not be decoded into the expected type.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The request could not be sent or its response not read (connection refused, reset...).
    #[error("{context}: transport error: {source} ({ids})", ids = .context.ids())]
    Transport {
        /// Which request failed.
        context: Box<RequestContext>,
        /// The underlying HTTP client error, without its URL (which holds the concrete keys
        /// and query; the context names the template instead).
        #[source]
        source: reqwest::Error,
    },
    /// The per-request timeout ran out before the token provider gave a token and the server
    /// a complete response (headers and body).
    #[error("{context}: no complete response within {after:?} ({ids})", ids = .context.ids())]
    Timeout {
        /// Which request timed out.
        context: Box<RequestContext>,
        /// The configured per-request timeout.
        after: Duration,
    },
    /// A link from the server (`@odata.nextLink`, `Location`) points to another origin than the
    /// configured base URL. It was not followed and the token was not sent. (A redirect that a
    /// caller-supplied HTTP client followed is [`Error::ForeignRedirect`].)
    #[error(
        "{}refusing to follow {kind} to foreign origin {found} (configured origin is \
         {expected}); the access token was not sent{}",
        context::prefix(.context.as_deref()),
        context::suffix(.context.as_deref())
    )]
    #[non_exhaustive]
    ForeignOrigin {
        /// What kind of link it was.
        kind: LinkKind,
        /// The origin (`scheme://host:port`) the link points to.
        found: String,
        /// The configured base origin.
        expected: String,
        /// The request whose response carried the link; `None` for a
        /// [`LinkKind::SavedLocation`], which no response carried.
        context: Option<Box<RequestContext>>,
    },
    /// The response came from another origin than the configured base URL: the
    /// caller-supplied HTTP client (see `ClientBuilder::http_client`) followed a redirect. The
    /// request had already been sent there by that client (reqwest drops the `Authorization`
    /// header on a redirect to another host, but not the body or other headers); the
    /// response was discarded unread.
    #[error(
        "{context}: the response came from foreign origin {found} after a redirect (configured \
         origin is {expected}); the HTTP client had already sent the request there: build it \
         with `redirect(reqwest::redirect::Policy::none())` ({ids})",
        ids = .context.ids()
    )]
    #[non_exhaustive]
    ForeignRedirect {
        /// Which request was redirected.
        context: Box<RequestContext>,
        /// The origin (`scheme://host:port`) the response came from.
        found: String,
        /// The configured base origin.
        expected: String,
    },
    /// A response body was larger than `ClientBuilder::max_response_bytes`; reading stopped
    /// there (or before, when `Content-Length` announced it).
    #[error(
        "{context}: the {status} response body exceeds the limit of {limit} bytes \
         (ClientBuilder::max_response_bytes) ({ids})",
        ids = .context.ids()
    )]
    #[non_exhaustive]
    ResponseTooLarge {
        /// Which request's response was too large.
        context: Box<RequestContext>,
        /// The HTTP status of the response.
        status: StatusCode,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// A `202 Accepted` response carried no (valid) `Location` header to poll.
    #[error(
        "{context}: 202 Accepted without a usable Location header ({reason}) ({ids})",
        ids = .context.ids()
    )]
    MissingLocation {
        /// Which request was accepted.
        context: Box<RequestContext>,
        /// Why the header is unusable.
        reason: Cow<'static, str>,
    },
    /// A link in a response (an `@odata.nextLink`) is not a URL: the service answered with
    /// something the runtime cannot follow. Nothing was sent to it.
    #[error(
        "{context}: the response carries an unusable {kind} ({reason}) ({ids})",
        ids = .context.ids()
    )]
    InvalidLink {
        /// What kind of link it was.
        kind: LinkKind,
        /// The request whose response carried the link.
        context: Box<RequestContext>,
        /// Why the link is unusable (it names the link).
        reason: Cow<'static, str>,
    },
    /// A long-running operation ended in `failed` (or `canceled`/`cancelled`, in any ASCII
    /// case: not statuses Graph defines today, treated as failures defensively; see
    /// [the `operation` module](super::operation)).
    #[error("long-running operation failed: {0}")]
    OperationFailed(Box<OperationError>),
    /// A long-running operation had not reached a terminal status (`succeeded`, `failed`,
    /// `canceled`, `cancelled`) when the polling bound ran out: it was still `notStarted`,
    /// `running`, or in a status the runtime does not know (such as `unknownFutureValue`), kept
    /// polling.
    #[error("long-running operation did not finish within the polling bound: {0}")]
    OperationTimedOut(Box<OperationError>),
    /// A retryable failure persisted until the retry budget (attempts or time) ran out.
    #[error("gave up after {attempts} attempts in {elapsed:.1?}: {last}")]
    RetriesExhausted {
        /// How many HTTP attempts were made.
        attempts: u32,
        /// Time spent since the first attempt.
        elapsed: Duration,
        /// The failure of the last attempt.
        last: Box<Error>,
    },
    /// The token provider failed.
    #[error("could not obtain an access token: {0}")]
    Auth(#[from] AuthError),
    /// The client configuration is invalid (reported by `ClientBuilder::build`).
    #[error("invalid client configuration: {0}")]
    InvalidConfig(Cow<'static, str>),
    /// The request description is invalid (bad key, unserializable body...); nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(Cow<'static, str>),
}

impl Error {
    /// The HTTP status of the response that caused this error, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Graph(e) => Some(e.status),
            Error::UnexpectedStatus(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::RetriesExhausted { last, .. } => last.status(),
            _ => None,
        }
    }

    /// The `request-id` of the response this error is about (or of the last retried
    /// attempt's), where one came from the configured origin: its
    /// [`RequestContext::request_id`]. `None` without such a response, and for the variants
    /// that carry no ids (see the module docs).
    pub fn request_id(&self) -> Option<&str> {
        self.context()?.request_id.as_deref()
    }

    /// The `client-request-id` the runtime sent with the request this error is about (or with
    /// the last retried attempt). `None` for the variants that carry no ids (see the module
    /// docs).
    pub fn client_request_id(&self) -> Option<&str> {
        Some(&self.context()?.client_request_id)
    }

    /// The request this error is about, where the variant names one.
    fn context(&self) -> Option<&RequestContext> {
        match self {
            Error::Graph(e) => Some(&e.context),
            Error::UnexpectedStatus(e) => Some(&e.context),
            Error::Decode(e) => Some(&e.context),
            Error::Transport { context, .. }
            | Error::Timeout { context, .. }
            | Error::ForeignRedirect { context, .. }
            | Error::ResponseTooLarge { context, .. }
            | Error::MissingLocation { context, .. }
            | Error::InvalidLink { context, .. } => Some(context),
            Error::ForeignOrigin { context, .. } => context.as_deref(),
            Error::OperationFailed(e) | Error::OperationTimedOut(e) => e.context.as_ref(),
            Error::RetriesExhausted { last, .. } => last.context(),
            _ => None,
        }
    }

    /// The Graph error body, if this error (or the last retried attempt) carried one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Error::Graph(e) => Some(e),
            Error::RetriesExhausted { last, .. } => last.graph_error(),
            _ => None,
        }
    }

    pub(crate) fn invalid_request(msg: impl Into<Cow<'static, str>>) -> Self {
        Error::InvalidRequest(msg.into())
    }

    pub(crate) fn invalid_config(msg: impl Into<Cow<'static, str>>) -> Self {
        Error::InvalidConfig(msg.into())
    }
}

/// Which link was refused: one the server provided, or an operation location the caller saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkKind {
    /// An `@odata.nextLink` of a collection page.
    NextLink,
    /// The `Location` header of a `202 Accepted` response.
    Location,
    /// A monitor URL saved earlier and given to
    /// [`Client::resume_operation`](crate::Client::resume_operation).
    SavedLocation,
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LinkKind::NextLink => "@odata.nextLink",
            LinkKind::Location => "Location header",
            LinkKind::SavedLocation => "saved operation location",
        })
    }
}

/// An error response of Graph with a parsable Graph error body.
#[derive(Debug)]
#[non_exhaustive]
pub struct GraphError {
    /// Which request failed.
    pub context: RequestContext,
    /// The HTTP status.
    pub status: StatusCode,
    /// The decoded `error` object.
    pub error: GraphErrorBody,
    /// The response headers (`request-id`, `Retry-After`, ...).
    pub headers: HeaderMap,
}

impl GraphError {
    /// Graph's error code, e.g. `BadRequest` or `Request_ResourceNotFound` (`error.code`).
    pub fn code(&self) -> &str {
        &self.error.code
    }

    /// Graph's human-readable message (`error.message`).
    pub fn message(&self) -> &str {
        &self.error.message
    }

    /// Graph's `request-id`: the response header, else `innerError`'s (the context's
    /// [`request_id`](RequestContext::request_id)).
    pub fn request_id(&self) -> Option<&str> {
        self.context.request_id.as_deref()
    }

    /// The `client-request-id` the runtime sent (Graph's echo, if any, is in
    /// [`InnerError::client_request_id`]).
    pub fn client_request_id(&self) -> &str {
        &self.context.client_request_id
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed with {}: {}: {}{} ({}",
            self.context,
            self.status,
            self.error.code,
            self.error.message,
            self.error.extras(),
            self.context.ids(),
        )?;
        if let Some(date) = self
            .error
            .inner_error
            .as_ref()
            .and_then(|i| i.date.as_ref())
        {
            write!(f, ", date: {date}")?;
        }
        f.write_str(")")
    }
}

/// A response with a status the call did not expect (see [`Error::UnexpectedStatus`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct UnexpectedStatus {
    /// Which request failed.
    pub context: RequestContext,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The first bytes of the body (lossy UTF-8, at most [`BODY_EXCERPT_LIMIT`] bytes).
    pub body_excerpt: String,
}

impl fmt::Display for UnexpectedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} failed with unexpected status {} ({}); body: {:?}",
            self.context,
            self.status,
            self.context.ids(),
            self.body_excerpt,
        )
    }
}

/// A successful response whose body did not match the expected type.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// Which request's response failed to decode.
    pub context: RequestContext,
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The JSON path where decoding failed, e.g. `value[2].incidentCount` (`.` for the root).
    pub path: String,
    /// serde's message.
    pub message: String,
    /// The first bytes of the body (lossy UTF-8, at most [`BODY_EXCERPT_LIMIT`] bytes).
    pub body_excerpt: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: could not decode the {} response at JSON path `{}`: {} ({}); body: {:?}",
            self.context,
            self.status,
            self.path,
            self.message,
            self.context.ids(),
            self.body_excerpt
        )
    }
}

/// Details of a long-running operation that failed or did not finish in time.
#[derive(Debug)]
#[non_exhaustive]
pub struct OperationError {
    /// The operation's monitor URL (the `Location` of the `202`).
    pub location: String,
    /// The last `status` value reported by the operation.
    pub status: String,
    /// How many times the operation was polled.
    pub polls: u32,
    /// Time spent polling.
    pub elapsed: Duration,
    /// The last operation body as JSON (`Null` if it was not JSON).
    pub body: serde_json::Value,
    /// The last poll that was answered (each poll is a request of its own, with its own ids);
    /// `None` when none was (the first poll ran out of time).
    pub context: Option<RequestContext>,
}

impl fmt::Display for OperationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} has status `{}` after {} polls in {:.1?}{}; body: {:?}",
            self.location,
            self.status,
            self.polls,
            self.elapsed,
            context::suffix(self.context.as_ref()),
            excerpt(self.body.to_string().as_bytes())
        )
    }
}

/// Returns a header as `&str` if present and visible ASCII.
pub(crate) fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A lossy UTF-8 excerpt of at most [`BODY_EXCERPT_LIMIT`] bytes, cut on a char boundary.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let cut = &body[..body.len().min(BODY_EXCERPT_LIMIT)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if body.len() > BODY_EXCERPT_LIMIT {
        // Drop a possibly split trailing character (shown as U+FFFD) and mark the cut.
        if text.ends_with('\u{FFFD}') {
            text.pop();
        }
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_marks_the_cut() {
        let long = "é".repeat(600);
        let e = excerpt(long.as_bytes());
        assert!(e.len() <= BODY_EXCERPT_LIMIT + '…'.len_utf8());
        assert!(e.ends_with('…'));
        assert!(!e.contains('\u{FFFD}'));
        assert_eq!(excerpt(b"short"), "short");
    }

    #[test]
    fn error_stays_small() {
        assert!(
            std::mem::size_of::<Error>() <= 64,
            "{}",
            std::mem::size_of::<Error>()
        );
    }
}
