//! Error mapping: Graph error bodies, decode errors, non-JSON errors, timeouts, transport, auth.

mod common;

use std::time::{Duration, Instant};

use common::*;
use pim_alerts_client::runtime::{
    AccessToken, AuthError, Client, Error, Method, Request, RetryPolicy, TokenFuture, TokenProvider,
};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const REMEDIATE_T: &str =
    "/identityGovernance/roleManagementAlerts/alerts/{id}/alertIncidents/{iid}/remediate";

fn remediate() -> Request {
    Request::from_template(
        Method::POST,
        REMEDIATE_T,
        &[("id", "alert-1"), ("iid", "incident-1")],
    )
}

#[tokio::test]
async fn remediate_400_not_remediable_is_a_graph_error_with_request_id() {
    let body = graph_error(
        "BadRequest",
        "The alert incident is not remediable.",
        "6a9b6b1b-3c57-4c1a-9a35-fb1b4c2f0d11",
    );
    let server = server_answering(ResponseTemplate::new(400).set_body_json(body)).await;
    let err = client(&server)
        .send_no_content(remediate())
        .await
        .expect_err("400");
    let graph = err.graph_error().expect("graph error");
    assert_eq!(graph.status, 400);
    assert_eq!(graph.error.code, "BadRequest");
    assert_eq!(graph.code(), "BadRequest");
    assert_eq!(graph.message(), "The alert incident is not remediable.");
    assert_eq!(
        graph.request_id(),
        Some("6a9b6b1b-3c57-4c1a-9a35-fb1b4c2f0d11")
    );
    // The id the runtime sent, not the documentation's echo in `innerError`.
    let sent = server.received_requests().await.unwrap_or_default();
    assert_eq!(graph.client_request_id(), client_request_id(&sent[0]));
    let inner = graph.error.inner_error.as_ref().expect("innerError");
    assert_eq!(
        inner.client_request_id.as_deref(),
        Some("0c8f5d2e-8f1b-4a4e-9d3b-2f6c1a7e9b10")
    );
    let shown = err.to_string();
    for part in [
        "POST /identityGovernance/roleManagementAlerts/alerts/{id}/alertIncidents/{iid}/remediate",
        "400 Bad Request",
        "BadRequest",
        "not remediable",
        "request-id: 6a9b6b1b-3c57-4c1a-9a35-fb1b4c2f0d11",
        "date: 2023-09-20T17:06:01",
    ] {
        assert!(shown.contains(part), "{part:?} missing in {shown}");
    }
}

#[tokio::test]
async fn request_id_comes_from_the_response_header() {
    let body = serde_json::json!({"error": {"code": "UnknownError", "message": ""}});
    let template = ResponseTemplate::new(404)
        .insert_header("request-id", "hdr-req-1")
        .set_body_json(body);
    let server = server_answering(template).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("404");
    let graph = err.graph_error().expect("graph error");
    assert_eq!(graph.error.code, "UnknownError");
    assert_eq!(graph.request_id(), Some("hdr-req-1"));
    let sent = server.received_requests().await.unwrap_or_default();
    assert_eq!(
        graph.client_request_id(),
        client_request_id(&sent[0]),
        "falls back to ours"
    );
    assert!(err.to_string().contains("request-id: hdr-req-1"));
}

/// A 400 as Graph documents it in full (https://learn.microsoft.com/graph/errors).
fn detailed_400() -> serde_json::Value {
    serde_json::json!({"error": {
        "code": "BadRequest",
        "message": "The request is invalid.",
        "target": "incident",
        "details": [
            {"code": "InvalidValue", "message": "The incident is not active.", "target": "incident-1"},
            {"code": "NotRemediable", "message": "Already remediated."}
        ],
        "innerError": {
            "code": "alertIncidentNotRemediable",
            "request-id": "7d1e2f30-1111-4c1a-9a35-fb1b4c2f0d11",
            "date": "2023-09-20T17:06:01",
            "innerError": {"code": "staleIncident", "message": "Scanned before the change."}
        }
    }})
}

#[tokio::test]
async fn a_400_keeps_target_details_and_the_inner_error_chain() {
    let server = server_answering(ResponseTemplate::new(400).set_body_json(detailed_400())).await;
    let err = client(&server)
        .send_no_content(remediate())
        .await
        .expect_err("400");
    let Error::Graph(graph) = &err else {
        panic!("expected Graph: {err:?}")
    };
    let body = &graph.error;
    assert_eq!(body.target.as_deref(), Some("incident"));
    let details: Vec<_> = body
        .details
        .iter()
        .map(|d| (d.code.as_deref(), d.message.as_deref(), d.target.as_deref()))
        .collect();
    assert_eq!(
        details,
        [
            (
                Some("InvalidValue"),
                Some("The incident is not active."),
                Some("incident-1")
            ),
            (Some("NotRemediable"), Some("Already remediated."), None),
        ]
    );
    let inner = body.inner_error.as_ref().expect("innerError");
    assert_eq!(inner.code.as_deref(), Some("alertIncidentNotRemediable"));
    assert_eq!(inner.date.as_deref(), Some("2023-09-20T17:06:01"));
    assert_eq!(
        graph.request_id(),
        Some("7d1e2f30-1111-4c1a-9a35-fb1b4c2f0d11")
    );
    let nested = inner.inner_error.as_ref().expect("nested innerError");
    assert_eq!(nested.code.as_deref(), Some("staleIncident"));
    assert_eq!(
        nested.additional_properties["message"],
        "Scanned before the change."
    );
    let shown = err.to_string();
    let summary = "BadRequest: The request is invalid. (target: incident); details: InvalidValue: \
                   The incident is not active. (target: incident-1) and 1 more (request-id: ";
    assert!(shown.contains(summary), "{shown}");
}

#[tokio::test]
async fn an_error_body_of_unexpected_shapes_is_still_a_graph_error() {
    let details = serde_json::json!([{"code": "InvalidValue", "message": 7}, "free text"]);
    let body = serde_json::json!({"error": {
        "code": "BadRequest",
        "message": "Invalid filter clause.",
        "details": details,
        "innerError": {"request-id": "r-1", "date": 20230920, "client-request-id": {"x": 1}}
    }});
    let server = server_answering(ResponseTemplate::new(400).set_body_json(body)).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("400");
    let Error::Graph(graph) = &err else {
        panic!("expected Graph: {err:?}")
    };
    assert_eq!(graph.error.code, "BadRequest");
    assert_eq!(graph.error.message, "Invalid filter clause.");
    assert_eq!(graph.error.details.len(), 1);
    assert_eq!(graph.error.details[0].message.as_deref(), Some("7"));
    assert_eq!(graph.error.additional_properties["details"], details);
    let inner = graph.error.inner_error.as_ref().expect("innerError");
    assert_eq!(inner.date.as_deref(), Some("20230920"));
    assert_eq!(graph.request_id(), Some("r-1"));
    assert_eq!(inner.additional_properties["client-request-id"]["x"], 1);
    let shown = err.to_string();
    assert!(
        shown.contains("BadRequest: Invalid filter clause.; details: InvalidValue: 7"),
        "{shown}"
    );
}

#[tokio::test]
async fn an_error_without_a_code_is_still_a_graph_error_and_an_empty_one_is_not() {
    let body = serde_json::json!({"error": {
        "code": null, "message": "Something broke.", "details": [{"code": "Inner"}]
    }});
    let server = server_answering(ResponseTemplate::new(500).set_body_json(body)).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("500");
    let graph = err
        .graph_error()
        .expect("a Graph error body, without a code");
    assert_eq!((graph.code(), graph.message()), ("", "Something broke."));
    assert_eq!(graph.error.details[0].code.as_deref(), Some("Inner"));
    let empty = serde_json::json!({"error": {"details": []}});
    let server = server_answering(ResponseTemplate::new(500).set_body_json(empty)).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("500");
    assert!(matches!(err, Error::UnexpectedStatus(_)), "{err:?}");
}

#[tokio::test]
async fn a_blank_token_is_an_auth_error_before_anything_is_sent() {
    let server = server_answering(ResponseTemplate::new(200)).await;
    for blank in ["", "  "] {
        let client = builder(&server)
            .bearer_token(blank)
            .build()
            .expect("builds");
        let err = client
            .send_json::<Alert>(get_alert())
            .await
            .expect_err("blank token");
        assert!(
            matches!(&err, Error::Auth(_)) && err.to_string().contains("the access token is empty"),
            "{blank:?}: {err}"
        );
    }
    assert_eq!(requests(&server).await, 0, "nothing is sent");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_json_path() {
    let body = r#"{"id": "a1", "incidentCount": "seven", "isActive": true}"#;
    let server =
        server_answering(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("bad type");
    let Error::Decode(d) = &err else {
        panic!("expected Decode: {err:?}")
    };
    assert_eq!(d.path, "incidentCount");
    assert_eq!(d.body_excerpt, body);
    assert!(err.to_string().contains("`incidentCount`"), "{err}");

    let truncated = server_answering(
        ResponseTemplate::new(200).set_body_raw(r#"{"id": "a1", "incid"#, "application/json"),
    )
    .await;
    let err = client(&truncated)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("truncated");
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
}

#[tokio::test]
async fn html_500_is_unexpected_status_with_a_bounded_excerpt() {
    let html = format!(
        "<html><body><h1>Internal Server Error</h1>{}</body></html>",
        "x".repeat(5000)
    );
    let server = server_answering(ResponseTemplate::new(500).set_body_raw(html, "text/html")).await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("500");
    let Error::UnexpectedStatus(u) = &err else {
        panic!("expected UnexpectedStatus: {err:?}")
    };
    assert_eq!(u.status, 500);
    assert!(
        u.body_excerpt
            .starts_with("<html><body><h1>Internal Server Error")
    );
    assert!(u.body_excerpt.len() <= 512 + 3, "{}", u.body_excerpt.len());
    assert!(
        err.to_string().contains("500 Internal Server Error"),
        "{err}"
    );
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1,
        "500 is not retried"
    );
}

#[tokio::test]
async fn slow_server_is_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(alert_json("a1", 1))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let start = Instant::now();
    let err = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("timeout");
    assert!(
        matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(150)),
        "{err:?}"
    );
    assert!(start.elapsed() < Duration::from_secs(1));
    assert!(
        err.to_string()
            .contains("GET /identityGovernance/roleManagementAlerts/alerts/{id}")
    );
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let build = |retry| {
        Client::builder()
            .base_url(format!("http://127.0.0.1:{port}/beta"))
            .bearer_token(TOKEN)
            .retry_policy(retry)
            .build()
            .expect("client")
    };
    let err = build(RetryPolicy::none())
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Transport { source, .. } if source.is_connect()),
        "{err:?}"
    );

    // Connection failures are retried for every method: nothing reached the server.
    let err = build(fast_retry())
        .send_no_content(remediate())
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::RetriesExhausted { attempts: 3, last, .. } if matches!(**last, Error::Transport { .. })),
        "{err:?}"
    );
}

struct FailingProvider;

impl TokenProvider for FailingProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err(AuthError::new("AADSTS700016: application not found")) })
    }
}

#[tokio::test]
async fn token_provider_failure_is_an_auth_error_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let client = builder(&server)
        .token_provider(FailingProvider)
        .build()
        .expect("client");
    let err = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("auth");
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(err.to_string().contains("AADSTS700016"));
    assert_eq!(requests(&server).await, 0, "nothing is sent");
}

/// A provider with a fresh cached token: `token()` would fail, so a request that succeeds
/// was authorized by `ready_token()` alone.
struct CachedProvider;

impl TokenProvider for CachedProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async { Err(AuthError::new("token() must not be called")) })
    }

    fn ready_token(&self) -> Option<AccessToken> {
        Some(AccessToken::new("cached-token"))
    }
}

#[tokio::test]
async fn a_ready_token_is_sent_without_asking_for_one() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer cached-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("a1", 1)))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server)
        .token_provider(CachedProvider)
        .build()
        .expect("client");
    let alert = client.send_json::<Alert>(get_alert()).await;
    assert!(alert.is_ok_and(|a| a.id == "a1"));
}

/// A provider whose token never comes.
struct HangingProvider;

impl TokenProvider for HangingProvider {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(std::future::pending())
    }
}

/// The per-request timeout covers the wait for a token: a provider that never answers ends in
/// [`Error::Auth`] saying so (an authentication failure, not retried: no request was sent), and
/// nothing is sent, with or without retries configured.
#[tokio::test]
async fn a_token_provider_that_never_answers_is_an_auth_error_in_time() {
    let server = MockServer::start().await;
    let timeout = Duration::from_millis(100);
    for retry in [RetryPolicy::none(), fast_retry()] {
        let client = builder(&server)
            .token_provider(HangingProvider)
            .timeout(timeout)
            .retry_policy(retry)
            .build()
            .expect("client");
        let start = Instant::now();
        let request = client.send_json::<Alert>(get_alert());
        let err = tokio::time::timeout(Duration::from_secs(5), request)
            .await
            .expect("the request ends")
            .expect_err("no token");
        assert!(matches!(&err, Error::Auth(_)), "{err:?}");
        assert!(
            err.to_string()
                .contains("no token within the request timeout (100ms)"),
            "{err}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
    }
    assert_eq!(requests(&server).await, 0, "nothing is sent");
}
