//! [`AzureCredential`]: the bridge from `azure_core`'s `TokenCredential` to [`TokenProvider`]
//! (feature `azure-identity`).
//!
//! Every credential of the `azure_identity` crate (`DeveloperToolsCredential`,
//! `ManagedIdentityCredential`, `ClientSecretCredential`, ...) implements
//! [`azure_core::credentials::TokenCredential`] and caches its tokens itself, so the bridge only
//! asks it for a token of the Graph scope before every attempt and converts the result.
//!
//! ```no_run
//! # async fn demo(credential: std::sync::Arc<dyn azure_core::credentials::TokenCredential>)
//! # -> Result<(), pim_alerts_client::Error> {
//! use pim_alerts_client::{AzureCredential, Client};
//!
//! // e.g. `azure_identity::DeveloperToolsCredential::new(None)?` (uses `az login`)
//! let client = Client::builder()
//!     .token_provider(AzureCredential::new(credential))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use azure_core::credentials::TokenCredential;

use super::auth::{AccessToken, AuthError, TokenFuture, TokenProvider};

/// The scope of Microsoft Graph in the global cloud: every permission granted to the app.
pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// A [`TokenProvider`] that asks an `azure_core` [`TokenCredential`] for Graph tokens.
#[derive(Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scope: String,
}

impl AzureCredential {
    /// Tokens for [`GRAPH_DEFAULT_SCOPE`] from `credential`.
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        AzureCredential {
            credential,
            scope: GRAPH_DEFAULT_SCOPE.to_owned(),
        }
    }

    /// Requests tokens for another scope, e.g. `https://graph.microsoft.us/.default` for the
    /// US Government L4 cloud (pair it with the matching `ClientBuilder::base_url`).
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = scope.into();
        self
    }

    /// The scope tokens are requested for.
    pub fn scope(&self) -> &str {
        &self.scope
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The credential's own `Debug` is trusted not to print secrets (azure_core requires it
        // and its `Secret` type redacts), but we print nothing of it to stay on the safe side.
        f.debug_struct("AzureCredential")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            let scopes = [self.scope.as_str()];
            let token = self
                .credential
                .get_token(&scopes, None)
                .await
                .map_err(|e| {
                    AuthError::new(format!(
                        "the Azure credential returned no token for scope {}",
                        self.scope
                    ))
                    .with_source(e)
                })?;
            let expires_at = SystemTime::from(token.expires_on);
            Ok(AccessToken::new(token.token.secret()).with_expiry(expires_at))
        })
    }
}
