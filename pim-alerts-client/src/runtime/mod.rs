//! The hand-written runtime that generated request builders call.
//!
//! Kept apart from generated code (in the style of smithy-rs): generated builders only
//! describe calls with a [`Request`] and pick an execution function on [`Client`]:
//!
//! | response | function |
//! | --- | --- |
//! | `200` with a JSON entity | [`Client::send_json`] |
//! | `204`, or `200` without body | [`Client::send_no_content`] |
//! | `202` + `Location` (long-running) | [`Client::send_accepted`] → [`Operation::wait`] |
//! | a collection with `@odata.nextLink` | [`Client::paged`] → [`Paged`] of [`Page`]s |
//! | anything else 2xx | [`Client::send_raw`] |
//!
//! Concerns, one module each: [`config`] (client and builder), [`auth`] (tokens), [`builders`]
//! (the generic `list`/`get`/`update` builders) over [`query`] (system query options), [`request`]
//! (query encoding, headers, bodies), [`path`] (resource paths and function calls), [`filter`] (typed `$filter` expressions) over [`literal`]
//! (the OData literal encoder), [`send`] (execution and tracing), [`retry`], [`paging`],
//! [`operation`] (long-running operations), [`update`] (what an update body carries), [`origin`]
//! (URL policy) and [`error`].

pub mod auth;
#[cfg(feature = "azure-identity")]
pub mod azure;
pub mod builders;
pub mod config;
pub mod error;
pub mod filter;
pub mod literal;
pub mod operation;
pub mod origin;
pub mod paging;
pub mod path;
pub mod query;
pub mod request;
pub mod results;
pub mod retry;
pub mod send;
mod template;
pub mod update;

pub use auth::{AccessToken, AuthError, StaticToken, TokenFuture, TokenProvider};
#[cfg(feature = "azure-identity")]
pub use azure::AzureCredential;
pub use builders::{GetRequest, ListOptions, ListRequest, UpdateRequest};
pub use config::{Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
pub use error::{
    DecodeError, Error, ErrorDetail, GraphError, GraphErrorBody, InnerError, LinkKind,
    OperationError, RequestContext, UnexpectedStatus,
};
pub use filter::{Filter, Property};
pub use literal::{Literal, Ordered};
pub use operation::{Operation, PollPolicy};
pub use paging::Paged;
pub use path::{FunctionCall, ResourcePath};
/// One page of a collection (the models crate's type: `value`, `@odata.count`, links and
/// every other annotation).
pub use pim_alerts_models::Page;
pub use query::{NoName, QueryName, QueryOptions};
pub use request::Request;
pub use results::ValueResponse;
pub use retry::RetryPolicy;
pub use send::RawResponse;
pub use update::UpdateBody;

/// Re-exported so generated code and callers need no direct `reqwest` dependency.
pub use reqwest::{Method, StatusCode};
