//! Access tokens and the [`TokenProvider`] trait.
//!
//! The runtime asks its provider for a token before every HTTP attempt, so a provider that
//! caches and refreshes tokens (MSAL, managed identity, a client-credentials flow...) plugs in
//! without the runtime knowing about expiry. [`StaticToken`] covers tests and short scripts.
//!
//! Secrets never leak through formatting: [`AccessToken`] and [`StaticToken`] print
//! `<redacted>` in `Debug`, and neither implements `Display`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

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
    /// Returns a token valid for Microsoft Graph; called before every HTTP attempt.
    fn token(&self) -> TokenFuture<'_>;
}

/// A bearer access token. `Debug` never shows the secret.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    secret: String,
    expires_at: Option<SystemTime>,
}

impl AccessToken {
    /// Wraps a raw bearer token.
    pub fn new(secret: impl Into<String>) -> Self {
        AccessToken {
            secret: secret.into(),
            expires_at: None,
        }
    }

    /// Records when the token expires (informational, for caching providers).
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// The raw token. Handle with care: never log it.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("secret", &"<redacted>")
            .field("expires_at", &self.expires_at)
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
