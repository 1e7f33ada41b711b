//! Access tokens and the [`TokenProvider`] trait.
//!
//! The runtime asks its provider for a token before every HTTP attempt (first for one at hand,
//! [`TokenProvider::ready_token`], then with [`TokenProvider::token`]), so a provider that
//! caches and refreshes tokens (MSAL, managed identity, a client-credentials flow...) plugs in
//! without the runtime knowing about expiry. [`StaticToken`] covers tests and short scripts.
//!
//! Secrets never leak through formatting: [`AccessToken`] and [`StaticToken`] print
//! `<redacted>` in `Debug`, and neither implements `Display`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use reqwest::header::HeaderValue;

/// The future returned by [`TokenProvider::token`].
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, AuthError>> + Send + 'a>>;

/// Supplies bearer tokens for Microsoft Graph.
///
/// The trait is object safe (the client stores an `Arc<dyn TokenProvider>`); implement it with
/// `Box::pin(async move { ... })`:
///
/// ```
/// use pim_alerts_client::runtime::{AccessToken, AuthError, TokenFuture, TokenProvider};
///
/// struct FromEnv;
///
/// impl TokenProvider for FromEnv {
///     fn token(&self) -> TokenFuture<'_> {
///         Box::pin(async {
///             std::env::var("GRAPH_TOKEN")
///                 .map(AccessToken::new)
///                 .map_err(|_| AuthError::new("GRAPH_TOKEN is not set"))
///         })
///     }
/// }
/// ```
pub trait TokenProvider: Send + Sync {
    /// Returns a token valid for Microsoft Graph; called before every HTTP attempt for which
    /// [`ready_token`](Self::ready_token) has none.
    fn token(&self) -> TokenFuture<'_>;

    /// A valid token that is at hand without waiting, if there is one; the client asks for it
    /// first and calls [`token`](Self::token) only when it is `None` (which is the default).
    /// A caching provider can return its cached token here while it is fresh, so that a
    /// request costs no boxed future for it.
    fn ready_token(&self) -> Option<AccessToken> {
        None
    }
}

/// A bearer access token. `Debug` never shows the secret.
///
/// Cheap to clone (shared). The `Authorization` header value is built once, when the token is
/// created, so a provider that hands out the same token again costs no formatting per request.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Arc<Secret>);

#[derive(Clone, PartialEq, Eq)]
struct Secret {
    secret: String,
    /// `Bearer <secret>`, marked sensitive; `None` when the secret is blank or has bytes a header
    /// cannot carry.
    header: Option<HeaderValue>,
    expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// Wraps a raw bearer token.
    pub fn new(secret: impl Into<String>) -> Self {
        let secret = secret.into();
        let header = (!secret.trim().is_empty())
            .then(|| HeaderValue::try_from(format!("Bearer {secret}")).ok())
            .flatten()
            .map(|mut value| {
                value.set_sensitive(true);
                value
            });
        AccessToken(Arc::new(Secret {
            secret,
            header,
            expires_at: None,
        }))
    }

    /// Records when the token expires (informational, for caching providers).
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        Arc::make_mut(&mut self.0).expires_at = Some(expires_at);
        self
    }

    /// The raw token. Handle with care: never log it.
    pub fn secret(&self) -> &str {
        &self.0.secret
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.0.expires_at
    }

    /// `Authorization: Bearer <token>` as a sensitive header value, or why there is none: a
    /// blank token (say, an unset environment variable read with `unwrap_or_default`) would
    /// only earn a `401` from the service.
    pub(crate) fn authorization(&self) -> Result<HeaderValue, AuthError> {
        self.0.header.clone().ok_or_else(|| {
            AuthError::new(if self.0.secret.trim().is_empty() {
                "the access token is empty"
            } else {
                "the access token contains characters not allowed in an HTTP header"
            })
        })
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"<redacted>")
            .field("expires_at", &self.0.expires_at)
            .finish()
    }
}

/// A [`TokenProvider`] that always returns the same token.
#[derive(Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    /// A provider for a fixed bearer token.
    pub fn new(secret: impl Into<String>) -> Self {
        StaticToken(AccessToken::new(secret))
    }
}

impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StaticToken").field(&"<redacted>").finish()
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }

    fn ready_token(&self) -> Option<AccessToken> {
        Some(self.0.clone())
    }
}

/// A token provider failure. Its message must not contain secrets.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct AuthError {
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl AuthError {
    /// An error with a message (which must not contain the token or other secrets).
    pub fn new(message: impl Into<String>) -> Self {
        AuthError {
            message: message.into(),
            source: None,
        }
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_secret() {
        let t = AccessToken::new("s3cr3t-token");
        assert!(!format!("{t:?}").contains("s3cr3t"));
        assert!(!format!("{:?}", StaticToken::new("s3cr3t-token")).contains("s3cr3t"));
        assert_eq!(t.secret(), "s3cr3t-token");
        let header = t.authorization().ok();
        assert!(header.as_ref().is_some_and(|h| h.is_sensitive()));
        assert!(!format!("{header:?}").contains("s3cr3t"));
        assert_eq!(
            header.map(|h| h.as_bytes().to_vec()),
            Some(b"Bearer s3cr3t-token".to_vec())
        );
    }

    #[test]
    fn a_secret_unfit_for_a_header_fails_without_showing_it() {
        let t = AccessToken::new("s3cr3t\nX-Injected: 1");
        let err = t
            .authorization()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("not allowed in an HTTP header"), "{err}");
        assert!(!err.contains("s3cr3t"), "{err}");
    }

    #[test]
    fn a_blank_secret_is_refused_before_any_request() {
        for blank in ["", " ", "\t"] {
            let err = AccessToken::new(blank).authorization().err();
            let err = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(
                err.contains("the access token is empty"),
                "{blank:?}: {err}"
            );
        }
    }

    #[test]
    fn expiry_is_kept_and_compared() {
        let at = SystemTime::UNIX_EPOCH;
        let t = AccessToken::new("x");
        let shared = t.clone();
        let expiring = t.with_expiry(at);
        assert_eq!(expiring.expires_at(), Some(at));
        assert_eq!(shared.expires_at(), None, "a clone is not changed");
        assert_ne!(expiring, shared);
        assert_eq!(shared, AccessToken::new("x"));
    }

    #[tokio::test]
    async fn provider_is_object_safe() {
        let p: std::sync::Arc<dyn TokenProvider> = std::sync::Arc::new(StaticToken::new("x"));
        let token = p.token().await;
        assert_eq!(
            token.ok().map(|t| t.secret().to_owned()),
            Some("x".to_owned())
        );
    }
}
