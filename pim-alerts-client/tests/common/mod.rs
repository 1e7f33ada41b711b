//! Shared helpers for the runtime and seed tests: a loopback wiremock server, a fast-retrying
//! client, header matchers, fixtures taken from the Graph documentation and (in `seed_mocks`)
//! one-line mocks answering with documentation seeds.
#![allow(
    dead_code,
    reason = "each test crate includes this module and uses a different subset of it"
)]

use std::time::Duration;

use pim_alerts_client::runtime::{Client, Method, PollPolicy, Request, RetryPolicy};
use serde::Deserialize;
use wiremock::matchers::method;
use wiremock::{Match, Mock, MockServer, Request as WireRequest, ResponseTemplate};

pub mod raw;
pub mod seed_mocks;

/// The bearer token every test client uses; it must never show up in output.
pub const TOKEN: &str = "eyJ0eXAi.TEST-SECRET-TOKEN.c2lnbmF0dXJl";

/// The service-root path the tests mount under.
pub const BETA: &str = "/beta";

/// Path of the alerts collection.
pub const ALERTS: &str = "/beta/identityGovernance/roleManagementAlerts/alerts";

/// Retries quickly so tests stay fast.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_initial_backoff(Duration::from_millis(5))
        .with_max_backoff(Duration::from_millis(20))
        .with_max_elapsed(Duration::from_secs(5))
        .with_max_retry_after(Duration::from_secs(3))
}

/// Polls quickly so tests stay fast.
pub fn fast_polling() -> PollPolicy {
    PollPolicy::default()
        .with_interval(Duration::from_millis(10))
        .with_max_polls(5)
        .with_max_wait(Duration::from_secs(5))
}

/// A client for `server` with fast retries and polling.
pub fn client(server: &MockServer) -> Client {
    builder(server).build().expect("test client builds")
}

/// The builder behind [`client`], for tests that adjust it.
pub fn builder(server: &MockServer) -> pim_alerts_client::ClientBuilder {
    Client::builder()
        .base_url(format!("{}{BETA}", server.uri()))
        .bearer_token(TOKEN)
        .retry_policy(fast_retry())
        .poll_policy(fast_polling())
        .timeout(Duration::from_secs(5))
}

/// Matches requests carrying the runtime's standard headers.
pub struct StandardHeaders;

impl Match for StandardHeaders {
    fn matches(&self, req: &WireRequest) -> bool {
        has_standard_headers(req)
    }
}

/// True when the request has `Authorization: Bearer TOKEN`, `Accept: application/json` and a
/// `client-request-id` that is a UUID v4.
pub fn has_standard_headers(req: &WireRequest) -> bool {
    let header = |n: &str| req.headers.get(n).and_then(|v| v.to_str().ok());
    header("authorization") == Some(&format!("Bearer {TOKEN}"))
        && header("accept") == Some("application/json")
        && header("client-request-id").is_some_and(is_uuid_v4)
}

/// True for a hyphenated UUID version 4.
pub fn is_uuid_v4(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok_and(|u| u.get_version_num() == 4) && s.len() == 36
}

/// The `client-request-id` of a received request.
pub fn client_request_id(req: &WireRequest) -> String {
    req.headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A minimal alert model for decoding tests (the models crate owns the real one).
#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Alert {
    pub id: String,
    pub incident_count: i64,
    pub is_active: bool,
}

/// An alert entity as in the Graph docs ("Get a security alert").
pub fn alert_json(id: &str, incidents: i64) -> serde_json::Value {
    serde_json::json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#identityGovernance/roleManagementAlerts/alerts/$entity",
        "id": id,
        "alertDefinitionId": id,
        "scopeId": "/",
        "scopeType": "DirectoryRole",
        "incidentCount": incidents,
        "isActive": true,
        "lastModifiedDateTime": "2023-09-20T17:06:01.363Z",
        "lastScannedDateTime": "2023-09-20T17:06:01.363Z"
    })
}

/// A Graph error body.
pub fn graph_error(code: &str, message: &str, request_id: &str) -> serde_json::Value {
    serde_json::json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": "2023-09-20T17:06:01",
                "request-id": request_id,
                "client-request-id": "0c8f5d2e-8f1b-4a4e-9d3b-2f6c1a7e9b10"
            }
        }
    })
}

/// `GET` of the alert `a1`.
pub fn get_alert() -> Request {
    Request::from_template(
        Method::GET,
        "/identityGovernance/roleManagementAlerts/alerts/{id}",
        &[("id", "a1")],
    )
}

/// A wiremock server answering every `GET` and `POST` with `body`.
pub async fn server_answering(body: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(body.clone())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(body)
        .mount(&server)
        .await;
    server
}

/// How many requests `server` has received.
pub async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}
