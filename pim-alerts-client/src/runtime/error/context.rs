//! [`RequestContext`]: what names a request in errors, and the ids errors print for it.

use std::borrow::Cow;
use std::fmt;

use reqwest::Method;

/// Identifies one logical request in errors: method, path template, the `client-request-id`
/// the runtime sent and, once a response came, its `request-id`.
///
/// Built by the runtime only (`#[non_exhaustive]`: a field may be added without a breaking
/// change).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RequestContext {
    /// HTTP method.
    pub method: Method,
    /// The path template, e.g. `/identityGovernance/roleManagementAlerts/alerts/{id}`.
    pub template: Cow<'static, str>,
    /// The `client-request-id` header value sent with the request (same for all retries).
    pub client_request_id: String,
    /// The `request-id` header of the response (its bytes read as lossy UTF-8), where a
    /// response with one came from the configured origin; for an
    /// [`Error::Graph`](super::Error::Graph) without that header, the `request-id` of its
    /// `innerError`. `None` before any response (a transport error or a timeout before the
    /// headers) and for a response from a foreign origin
    /// ([`Error::ForeignRedirect`](super::Error::ForeignRedirect): that id is not Graph's).
    pub request_id: Option<String>,
}

impl RequestContext {
    /// The ids to quote to Microsoft support, as errors print them:
    /// `request-id: …, client-request-id: …` (without the `request-id` when there is none).
    pub(crate) fn ids(&self) -> impl fmt::Display + '_ {
        struct Ids<'a>(&'a RequestContext);
        impl fmt::Display for Ids<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if let Some(id) = &self.0.request_id {
                    write!(f, "request-id: {id}, ")?;
                }
                write!(f, "client-request-id: {}", self.0.client_request_id)
            }
        }
        Ids(self)
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

/// `{context}: ` before the message of an error that may be about a request; nothing without
/// one.
pub(crate) fn prefix(context: Option<&RequestContext>) -> impl fmt::Display + '_ {
    Around(context, Part::Prefix)
}

/// ` ({ids})` after the message of an error that may be about a request, as
/// [`RequestContext::ids`] gives them; nothing without one.
pub(crate) fn suffix(context: Option<&RequestContext>) -> impl fmt::Display + '_ {
    Around(context, Part::Suffix)
}

/// Which part of a message [`Around`] writes.
#[derive(Clone, Copy)]
enum Part {
    Prefix,
    Suffix,
}

/// A message's [`prefix`] or [`suffix`] for an optional request.
struct Around<'a>(Option<&'a RequestContext>, Part);

impl fmt::Display for Around<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Around(None, _) => Ok(()),
            Around(Some(context), Part::Prefix) => write!(f, "{context}: "),
            Around(Some(context), Part::Suffix) => write!(f, " ({})", context.ids()),
        }
    }
}
