//! [`Client`] and its [`ClientBuilder`].
//!
//! A client is an `Arc` around its configuration, so cloning it is cheap and clones share the
//! connection pool. Setters never fail or panic; [`ClientBuilder::build`] validates everything
//! at once and reports [`Error::InvalidConfig`].
//!
//! Neither type prints the token provider in `Debug`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::auth::{StaticToken, TokenProvider};
use super::error::Error;
use super::operation::PollPolicy;
use super::origin::BaseUrl;
use super::retry::RetryPolicy;

/// The Microsoft Graph beta endpoint.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/beta";

/// The default per-request timeout (Graph's own gateway gives up after about 100 s).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

/// The default limit on a response body (64 MiB; Graph pages are far smaller).
const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 << 20;

/// The default `User-Agent`: `pim-alerts-client/<version>`.
const DEFAULT_USER_AGENT: &str = concat!("pim-alerts-client/", env!("CARGO_PKG_VERSION"));

/// A Microsoft Graph client. Cheap to clone; clones share configuration and connections.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// The shared configuration of a [`Client`].
pub(crate) struct Inner {
    pub(crate) base: BaseUrl,
    pub(crate) tokens: Arc<dyn TokenProvider>,
    pub(crate) http: reqwest::Client,
    /// True when the caller supplied `http` (it may follow redirects).
    pub(crate) custom_http: bool,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) max_response_bytes: usize,
    pub(crate) polling: PollPolicy,
    pub(crate) user_agent: HeaderValue,
}

impl Client {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests are sent under (without trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// The retry policy applied to every request.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The default polling bounds for long-running operations.
    pub fn poll_policy(&self) -> &PollPolicy {
        &self.inner.polling
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &i.base.as_str())
            .field("token_provider", &"<redacted>")
            .field("retry", &i.retry)
            .field("timeout", &i.timeout)
            .field("max_response_bytes", &i.max_response_bytes)
            .field("polling", &i.polling)
            .field("user_agent", &i.user_agent)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`]. Only a token provider is required.
///
/// ```
/// use std::time::Duration;
/// use pim_alerts_client::runtime::{Client, RetryPolicy, StaticToken};
///
/// let client = Client::builder()
///     .token_provider(StaticToken::new("eyJ0eXAi..."))
///     .retry_policy(RetryPolicy::default().with_max_attempts(3))
///     .timeout(Duration::from_secs(30))
///     .build()?;
/// assert_eq!(client.base_url(), "https://graph.microsoft.com/beta");
/// # Ok::<(), pim_alerts_client::runtime::Error>(())
/// ```
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    tokens: Option<Arc<dyn TokenProvider>>,
    http: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
    timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
    polling: Option<PollPolicy>,
    user_agent: Option<String>,
}

impl ClientBuilder {
    /// A builder with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The service root (default [`DEFAULT_BASE_URL`]). Must be `https` unless the host is
    /// loopback (`127.0.0.0/8`, `::1`, `localhost`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The source of bearer tokens.
    pub fn token_provider(self, provider: impl TokenProvider + 'static) -> Self {
        self.shared_token_provider(Arc::new(provider))
    }

    /// A token provider shared with other code.
    pub fn shared_token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.tokens = Some(provider);
        self
    }

    /// Shorthand for `token_provider(StaticToken::new(token))`.
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.token_provider(StaticToken::new(token))
    }

    /// Uses a caller-configured `reqwest::Client` (proxies, TLS roots...).
    ///
    /// Build it with `.redirect(reqwest::redirect::Policy::none())`: the runtime refuses a
    /// response that was redirected to another origin ([`Error::ForeignRedirect`]), but only
    /// after the fact, so a client that follows redirects has already sent the request
    /// elsewhere. The default client never follows redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The retry policy (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Per-attempt timeout covering the wait for the token provider, the response headers
    /// and the body (default [`DEFAULT_TIMEOUT`]). A provider that gives no token in time is an
    /// [`Error::Auth`]; a response that does not arrive in time, [`Error::Timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The largest response body read, in bytes (default 64 MiB; must be greater than zero).
    /// A longer body, announced by `Content-Length` or found while reading, fails the attempt
    /// with [`Error::ResponseTooLarge`] (not retried).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// Default polling bounds for long-running operations.
    pub fn poll_policy(mut self, policy: PollPolicy) -> Self {
        self.polling = Some(policy);
        self
    }

    /// The `User-Agent` header (default `pim-alerts-client/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base = BaseUrl::parse(self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL))?;
        let tokens = self
            .tokens
            .ok_or_else(|| Error::invalid_config("no token provider configured"))?;
        let retry = self.retry.unwrap_or_default();
        retry.validate()?;
        let polling = self.polling.unwrap_or_default();
        polling.validate()?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(Error::invalid_config("timeout must be greater than zero"));
        }
        let max_response_bytes = self
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if max_response_bytes == 0 {
            return Err(Error::invalid_config(
                "max_response_bytes must be greater than zero",
            ));
        }
        // The default is a static value: cloning it onto every request costs nothing.
        let user_agent = match self.user_agent {
            None => HeaderValue::from_static(DEFAULT_USER_AGENT),
            Some(agent) => HeaderValue::from_str(&agent)
                .map_err(|_| Error::invalid_config(format!("invalid user agent {agent:?}")))?,
        };
        let custom_http = self.http.is_some();
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        let inner = Inner {
            base,
            tokens,
            http,
            custom_http,
            retry,
            timeout,
            max_response_bytes,
            polling,
            user_agent,
        };
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field(
                "token_provider",
                &self.tokens.as_ref().map(|_| "<redacted>"),
            )
            .field("custom_http_client", &self.http.is_some())
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("polling", &self.polling)
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

fn default_http_client() -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::invalid_config(format!("could not build the HTTP client: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_reports_problems_instead_of_panicking() {
        let no_token = Client::builder().build();
        assert!(matches!(no_token, Err(Error::InvalidConfig(m)) if m.contains("token")));
        let http = Client::builder()
            .bearer_token("t")
            .base_url("http://example.com/beta")
            .build();
        assert!(matches!(http, Err(Error::InvalidConfig(m)) if m.contains("https")));
        let zero = Client::builder()
            .bearer_token("t")
            .timeout(Duration::ZERO)
            .build();
        assert!(matches!(zero, Err(Error::InvalidConfig(_))));
        let no_body = Client::builder()
            .bearer_token("t")
            .max_response_bytes(0)
            .build();
        assert!(
            matches!(no_body, Err(Error::InvalidConfig(m)) if m.contains("max_response_bytes"))
        );
        let agent = Client::builder()
            .bearer_token("t")
            .user_agent("bad\nagent")
            .build();
        assert!(matches!(agent, Err(Error::InvalidConfig(_))));
    }

    #[test]
    fn debug_hides_the_token() -> Result<(), Error> {
        let builder = Client::builder().bearer_token("tok-SECRET-123");
        assert!(!format!("{builder:?}").contains("SECRET"));
        let client = builder.build()?;
        let shown = format!("{client:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("graph.microsoft.com"));
        Ok(())
    }
}
