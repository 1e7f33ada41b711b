//! Typed async client for the Microsoft Graph **beta** PIM security-alerts API
//! (`/identityGovernance/roleManagementAlerts`).
//!
//! The crate has two layers:
//!
//! * [`runtime`] — hand-written: client configuration, authentication, request encoding,
//!   retries, paging, long-running operations, the URL policy and errors. It is tested on its
//!   own over real HTTP on loopback.
//! * `generated` — typed request builders emitted by the project's generator from Graph's CSDL
//!   metadata, calling into [`runtime`] only.
//!
//! ```no_run
//! use pim_alerts_client::{Client, Request, Method};
//! # async fn demo() -> Result<(), pim_alerts_client::Error> {
//! let client = Client::builder().bearer_token("eyJ0eXAi...").build()?;
//! let alerts: Vec<serde_json::Value> = client
//!     .paged(
//!         Request::from_template(Method::GET, "/identityGovernance/roleManagementAlerts/alerts", &[])
//!             .query("$filter", "scopeId eq '/' and scopeType eq 'DirectoryRole'"),
//!     )
//!     .collect_all()
//!     .await?;
//! # let _ = alerts; Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod runtime;

mod generated;
pub use generated::*;

pub use runtime::{
    AccessToken, AuthError, Client, ClientBuilder, Error, Method, Operation, Paged, PollPolicy,
    Request, RetryPolicy, StaticToken, TokenProvider,
};

#[cfg(feature = "azure-identity")]
pub use runtime::AzureCredential;
