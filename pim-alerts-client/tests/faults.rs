//! Fault injection over real loopback sockets: connections reset or closed mid-body, bodies
//! that stall, throttling storms, operations that never finish, unusable `Location` headers
//! and redirects to another host. Every fault must end in a typed [`Error`] within a bound:
//! each test runs under [`bounded`], so a hang fails fast instead of blocking the suite.
//!
//! Faults already covered elsewhere (not repeated here): connection refused and a server
//! slower than the timeout before its headers (`runtime_errors.rs`), 500 with an HTML body
//! (`runtime_errors.rs`), 202 without `Location` and an operation still running after
//! `max_polls` (`runtime_lro.rs`), redirects with the runtime's own HTTP client
//! (`runtime_security.rs`).

mod common;

use std::future::Future;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::raw::{Ending, raw_server};
use common::{TOKEN, alert_json, builder, fast_polling, get_alert};
use pim_alerts_client::runtime::{Client, Error, LinkKind, PollPolicy, RetryPolicy};
use pim_alerts_client::{Method, Request};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Runs `test` and fails if it takes longer than 20 s (a hang is a failure, not a stuck run).
async fn bounded<F: Future<Output = ()>>(test: F) {
    if tokio::time::timeout(Duration::from_secs(20), test)
        .await
        .is_err()
    {
        panic!("the test hung: no result within 20 s");
    }
}

fn raw_client(base: &str, retry: RetryPolicy, timeout: Duration) -> Client {
    Client::builder()
        .base_url(base)
        .bearer_token(TOKEN)
        .retry_policy(retry)
        .timeout(timeout)
        .build()
        .expect("client")
}

const PARTIAL_BODY: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
Content-Length: 1000\r\n\r\n{\"id\":\"a1\",\"incidentCount\":";

#[tokio::test]
async fn connection_reset_mid_body_is_a_transport_error() {
    bounded(async {
        let (base, connections) = raw_server(PARTIAL_BODY, Ending::Reset).await;
        let client = raw_client(&base, RetryPolicy::none(), Duration::from_secs(5));
        let err = client
            .send_json::<serde_json::Value>(get_alert())
            .await
            .expect_err("reset");
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert!(err.to_string().contains("GET /identityGovernance"), "{err}");
        assert_eq!(connections.load(Ordering::SeqCst), 1);
    })
    .await;
}

#[tokio::test]
async fn truncated_body_is_a_transport_error_and_idempotent_gets_are_retried() {
    bounded(async {
        let (base, connections) = raw_server(PARTIAL_BODY, Ending::Close).await;
        let err = raw_client(&base, RetryPolicy::none(), Duration::from_secs(5))
            .send_json::<serde_json::Value>(get_alert())
            .await
            .expect_err("truncated");
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");

        let retry = common::fast_retry();
        let err = raw_client(&base, retry, Duration::from_secs(5))
            .send_json::<serde_json::Value>(get_alert())
            .await
            .expect_err("truncated every time");
        assert!(
            matches!(&err, Error::RetriesExhausted { attempts: 3, last, .. }
                if matches!(**last, Error::Transport { .. })),
            "{err:?}"
        );
        assert!(err.to_string().contains("after 3 attempts"), "{err}");
        assert_eq!(connections.load(Ordering::SeqCst), 4);
    })
    .await;
}

#[tokio::test]
async fn body_that_stalls_after_the_headers_times_out() {
    bounded(async {
        let (base, _) = raw_server(PARTIAL_BODY, Ending::Stall).await;
        let timeout = Duration::from_millis(300);
        let start = Instant::now();
        let err = raw_client(&base, RetryPolicy::none(), timeout)
            .send_json::<serde_json::Value>(get_alert())
            .await
            .expect_err("stalls");
        assert!(
            matches!(err, Error::Timeout { after, .. } if after == timeout),
            "{err:?}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn garbage_instead_of_http_is_a_transport_error() {
    bounded(async {
        let (base, _) = raw_server(b"SSH-2.0-OpenSSH_9.6\r\n\r\n", Ending::Close).await;
        let err = raw_client(&base, RetryPolicy::none(), Duration::from_secs(5))
            .send_json::<serde_json::Value>(get_alert())
            .await
            .expect_err("not HTTP");
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn throttling_storm_on_concurrent_requests_is_bounded_and_counts_attempts() {
    bounded(async {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
            .mount(&server)
            .await;
        // The default policy: 4 attempts; `Retry-After: 0` means no wait between them.
        let client = builder(&server)
            .retry_policy(RetryPolicy::default())
            .build()
            .expect("client");
        let start = Instant::now();
        let calls = (0..8).map(|_| client.send_json::<serde_json::Value>(get_alert()));
        for result in futures::future::join_all(calls).await {
            let err = result.expect_err("throttled throughout");
            assert!(
                matches!(&err, Error::RetriesExhausted { attempts: 4, .. }),
                "{err:?}"
            );
            assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
            assert!(
                err.to_string().contains("gave up after 4 attempts"),
                "{err}"
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        let received = server.received_requests().await.unwrap_or_default();
        assert_eq!(received.len(), 8 * 4);
    })
    .await;
}

/// A server whose refresh action answers `202` with `location` as its `Location` header.
async fn accepted_with(location: &str) -> MockServer {
    let server = MockServer::start().await;
    mount_accepted(&server, location).await;
    server
}

/// A server whose refresh action answers `202` with a `Location` on the server itself
/// (`/beta/operations/op1`).
async fn accepted_with_own_monitor() -> MockServer {
    let server = MockServer::start().await;
    let monitor = format!("{}/beta/operations/op1", server.uri());
    mount_accepted(&server, &monitor).await;
    server
}

async fn mount_accepted(server: &MockServer, location: &str) {
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", location))
        .mount(server)
        .await;
}

fn refresh() -> Request {
    Request::from_template(
        Method::POST,
        "/identityGovernance/roleManagementAlerts/alerts/{id}/refresh",
        &[("id", "a1")],
    )
}

/// Found by this test: an unparsable `Location` was reported as `InvalidRequest` ("nothing
/// was sent"), although the request was sent and the server's header was at fault.
#[tokio::test]
async fn unusable_location_headers_are_typed_errors() {
    bounded(async {
        for location in ["http://[::1", "http://exa mple/op", "https://evil.example/op"] {
            let server = accepted_with(location).await;
            let err = common::client(&server)
                .send_accepted(refresh())
                .await
                .expect_err(location);
            match location {
                "https://evil.example/op" => assert!(
                    matches!(err, Error::ForeignOrigin { kind: LinkKind::Location, .. }),
                    "{location}: {err:?}"
                ),
                _ => assert!(
                    matches!(&err, Error::MissingLocation { reason, .. } if reason.contains(location)),
                    "{location}: {err:?}"
                ),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn operation_running_forever_with_huge_retry_after_stops_at_max_wait() {
    bounded(async {
        let server = accepted_with_own_monitor().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("Retry-After", "3600")
                    .set_body_json(serde_json::json!({"id": "op1", "status": "running"})),
            )
            .mount(&server)
            .await;
        let operation = common::client(&server)
            .send_accepted(refresh())
            .await
            .expect("202");
        let policy = fast_polling()
            .with_max_polls(10_000)
            .with_max_wait(Duration::from_millis(400));
        let start = Instant::now();
        let err = operation
            .wait_with::<serde_json::Value>(&policy)
            .await
            .expect_err("never finishes");
        assert!(
            matches!(&err, Error::OperationTimedOut(e) if e.status == "running"),
            "{err:?}"
        );
        assert!(err.to_string().contains("/beta/operations/op1"), "{err}");
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    })
    .await;
}

#[tokio::test]
async fn operation_monitor_answering_html_is_a_typed_error() {
    bounded(async {
        let server = accepted_with_own_monitor().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_raw("<html>ok</html>", "text/html"))
            .mount(&server)
            .await;
        let operation = common::client(&server)
            .send_accepted(refresh())
            .await
            .expect("202");
        let policy = PollPolicy::default().with_interval(Duration::from_millis(10));
        let err = operation
            .wait_with::<serde_json::Value>(&policy)
            .await
            .expect_err("not an operation");
        assert!(
            matches!(err, Error::Decode(_) | Error::UnexpectedStatus(_)),
            "{err:?}"
        );
    })
    .await;
}

/// A server that redirects every request to `target`, and the server `target` points to.
async fn redirecting_to_other_host(other_host: &str) -> (MockServer, MockServer) {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("a1", 1)))
        .mount(&other)
        .await;
    let port = other.address().port();
    let target = format!("http://{other_host}:{port}/beta/stolen");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", target.as_str()))
        .mount(&server)
        .await;
    (server, other)
}

#[tokio::test]
async fn redirect_to_another_host_never_carries_the_token() {
    bounded(async {
        for other_host in ["localhost", "127.0.0.1"] {
            let (server, other) = redirecting_to_other_host(other_host).await;
            // A caller-supplied client that follows redirects (the runtime's own does not).
            let client = builder(&server)
                .http_client(reqwest::Client::new())
                .build()
                .expect("client");
            let err = client
                .send_json::<serde_json::Value>(get_alert())
                .await
                .expect_err("foreign origin");
            assert!(
                matches!(err, Error::ForeignRedirect { .. }),
                "{other_host}: {err:?}"
            );
            assert!(!format!("{err} {err:?}").contains(TOKEN));
            for request in other.received_requests().await.unwrap_or_default() {
                assert!(
                    request.headers.get("authorization").is_none(),
                    "{other_host}: the token was sent to the other host"
                );
            }
        }
    })
    .await;
}
