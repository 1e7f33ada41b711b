//! Retries: `Retry-After` in seconds, fractions and HTTP-dates, bounds, and the method rule.

mod common;

use std::time::{Duration, Instant, SystemTime};

use common::*;
use pim_alerts_client::runtime::{Error, Method, Request, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The first request is answered with `status` + `Retry-After: retry_after`, then 200.
async fn fail_once_then_ok(server: &MockServer, verb: &str, status: u16, retry_after: &str) {
    Mock::given(method(verb))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("Retry-After", retry_after)
                .set_body_json(graph_error("TooManyRequests", "Throttled", "r-1")),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(200).set_body_json(alert_json("a1", 1)))
        .mount(server)
        .await;
}

#[tokio::test]
async fn throttled_429_then_success_honours_fractional_retry_after() {
    let server = MockServer::start().await;
    fail_once_then_ok(&server, "GET", 429, "0.15").await;
    let start = Instant::now();
    let alert: Alert = client(&server)
        .send_json(get_alert())
        .await
        .expect("retried");
    assert_eq!(alert.id, "a1");
    assert!(
        start.elapsed() >= Duration::from_millis(150),
        "{:?}",
        start.elapsed()
    );
    let received = server.received_requests().await.unwrap_or_default();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(has_standard_headers));
    assert_eq!(
        client_request_id(&received[0]),
        client_request_id(&received[1]),
        "retries keep the logical request's client-request-id"
    );
}

#[tokio::test]
async fn retry_after_as_http_date_is_honoured() {
    let server = MockServer::start().await;
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
    fail_once_then_ok(&server, "GET", 503, &date).await;
    let start = Instant::now();
    let _: Alert = client(&server)
        .send_json(get_alert())
        .await
        .expect("retried");
    // HTTP-dates have one-second resolution, so the wait is between 1 and 2 s: far longer than
    // the test policy's backoff (<= 20 ms), and not beyond the date.
    let waited = start.elapsed();
    assert!(waited >= Duration::from_millis(900), "{waited:?}");
    assert!(waited < Duration::from_millis(2_500), "{waited:?}");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );
}

#[tokio::test]
async fn service_unavailable_until_attempts_run_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_body_json(graph_error(
            "serviceNotAvailable",
            "Try later",
            "req-503",
        )))
        .expect(3)
        .mount(&server)
        .await;
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("gives up");
    let Error::RetriesExhausted { attempts, last, .. } = &err else {
        panic!("expected RetriesExhausted, got {err:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(matches!(**last, Error::Graph(_)));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    let shown = err.to_string();
    assert!(shown.contains("after 3 attempts"), "{shown}");
    assert!(
        shown.contains("serviceNotAvailable") && shown.contains("req-503"),
        "{shown}"
    );
}

#[tokio::test]
async fn retrying_stops_at_the_elapsed_bound() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0.2"))
        .mount(&server)
        .await;
    let policy = fast_retry()
        .with_max_attempts(10)
        .with_max_elapsed(Duration::from_millis(300));
    let client = builder(&server)
        .retry_policy(policy)
        .build()
        .expect("client");
    let start = Instant::now();
    let err = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("gives up");
    assert!(
        matches!(err, Error::RetriesExhausted { attempts: 2, .. }),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn retry_after_beyond_the_cap_is_not_waited_for() {
    let server = MockServer::start().await;
    fail_once_then_ok(&server, "GET", 429, "120").await;
    let start = Instant::now();
    let err = client(&server)
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("no 2-minute wait");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    let graph = err.graph_error().expect("graph error");
    assert_eq!(
        graph
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("120")
    );
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

/// A `Retry-After` too large for a `Duration` is a wait beyond any cap, not a missing header:
/// the client gives up after the first attempt instead of retrying at once.
#[tokio::test]
async fn retry_after_too_large_to_represent_ends_retrying() {
    for huge in ["1e20", "18446744073709551616", "inf"] {
        let server = MockServer::start().await;
        fail_once_then_ok(&server, "GET", 429, huge).await;
        let start = Instant::now();
        let err = client(&server)
            .send_json::<Alert>(get_alert())
            .await
            .expect_err("gives up");
        assert!(
            matches!(&err, Error::Graph(g) if g.status == 429 && g.error.code == "TooManyRequests"),
            "{huge}: {err:?}"
        );
        assert!(start.elapsed() < Duration::from_secs(1), "{huge}");
        let attempts = server.received_requests().await.unwrap_or_default().len();
        assert_eq!(attempts, 1, "{huge}");
    }
}

#[tokio::test]
async fn post_is_retried_on_429_but_not_on_504() {
    let server = MockServer::start().await;
    fail_once_then_ok(&server, "POST", 429, "0.01").await;
    let remediate = || Request::new(Method::POST, "/remediate").segment("remediate");
    client(&server)
        .send_no_content(remediate())
        .await
        .expect("429 retried");
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        2
    );

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(504))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server)
        .send_no_content(remediate())
        .await
        .expect_err("504 not retried");
    assert!(
        matches!(&err, Error::UnexpectedStatus(e) if e.status == 504),
        "{err}"
    );
}

#[tokio::test]
async fn get_is_retried_on_504_with_backoff_and_none_policy_disables_retries() {
    let server = MockServer::start().await;
    fail_once_then_ok(&server, "GET", 504, "not-a-number").await;
    let _: Alert = client(&server)
        .send_json(get_alert())
        .await
        .expect("504 retried for GET");

    let server = MockServer::start().await;
    fail_once_then_ok(&server, "GET", 429, "0").await;
    let client = builder(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let err = client
        .send_json::<Alert>(get_alert())
        .await
        .expect_err("no retries");
    assert!(
        matches!(err, Error::Graph(_)),
        "not wrapped without a retry: {err}"
    );
}
