//! Long-running operations: `refresh` → 202 + Location → polling until a terminal status (an
//! unknown status keeps polling), and the polling bounds: extreme policy values neither panic nor hang, and `max_wait` bounds the
//! whole wait, polls in flight included.

mod common;

use std::time::{Duration, Instant};

use common::*;
use pim_alerts_client::runtime::{Client, Error, LinkKind, Method, Operation, PollPolicy, Request};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OP_PATH: &str = "/beta/identityGovernance/roleManagementAlerts/operations/refresh:DirectoryRole_3b0e753b_RolesAssignedOutsidePimAlert";

/// A stand-in for the models' `LongRunningOperation`.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct LongRunningOperation {
    id: String,
    status: String,
    resource_location: Option<String>,
}

fn refresh_all() -> Request {
    Request::from_template(
        Method::POST,
        "/identityGovernance/roleManagementAlerts/alerts/refresh",
        &[],
    )
    .json(&json!({"scopeId": "/", "scopeType": "DirectoryRole"}))
}

async fn mount_refresh(server: &MockServer, location: Option<String>) {
    let mut accepted = ResponseTemplate::new(202);
    if let Some(location) = location {
        accepted = accepted.insert_header("Location", location.as_str());
    }
    Mock::given(method("POST"))
        .and(path(format!("{ALERTS}/refresh")))
        .and(StandardHeaders)
        .and(body_json(
            json!({"scopeId": "/", "scopeType": "DirectoryRole"}),
        ))
        .respond_with(accepted)
        .expect(1)
        .mount(server)
        .await;
}

fn operation(status: &str) -> serde_json::Value {
    json!({
        "id": "refresh:DirectoryRole_3b0e753b_RolesAssignedOutsidePimAlert",
        "status": status,
        "createdDateTime": "2023-09-20T17:05:57Z",
        "resourceLocation": "https://graph.microsoft.com/beta/identityGovernance/roleManagementAlerts/alerts"
    })
}

/// The monitor answers `running` `running_polls` times, then `last`.
async fn mount_monitor(server: &MockServer, running_polls: u64, last: serde_json::Value) {
    if running_polls > 0 {
        mount_running(server, running_polls).await;
    }
    Mock::given(method("GET"))
        .and(path(OP_PATH))
        .and(StandardHeaders)
        .respond_with(ResponseTemplate::new(200).set_body_json(last))
        .mount(server)
        .await;
}

async fn mount_running(server: &MockServer, times: u64) {
    mount_status(server, "running", times).await;
}

/// The monitor answers `status` (with `Retry-After: 0.02`) for the first `times` polls.
async fn mount_status(server: &MockServer, status: &str, times: u64) {
    Mock::given(method("GET"))
        .and(path(OP_PATH))
        .and(StandardHeaders)
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Retry-After", "0.02")
                .set_body_json(operation(status)),
        )
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

fn polls(received: &[wiremock::Request]) -> usize {
    received
        .iter()
        .filter(|r| r.method.as_str() == "GET")
        .count()
}

#[tokio::test]
async fn accepted_then_running_then_succeeded() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    mount_monitor(&server, 2, operation("succeeded")).await;

    let op = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect("202");
    assert_eq!(op.location().path(), OP_PATH);
    let done: LongRunningOperation = op.wait().await.expect("succeeded");

    assert_eq!(done.status, "succeeded");
    assert!(done.id.starts_with("refresh:"));
    assert!(done.resource_location.is_some());
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        3
    );
}

#[tokio::test]
async fn relative_location_is_resolved_against_the_base_url() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(OP_PATH.to_owned())).await;
    mount_monitor(&server, 0, operation("succeeded")).await;
    let op = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect("202");
    assert_eq!(op.location().as_str(), format!("{}{OP_PATH}", server.uri()));
    let done: LongRunningOperation = op.wait().await.expect("succeeded");
    assert_eq!(done.status, "succeeded");
}

#[tokio::test]
async fn failed_operation_is_a_typed_error_with_the_body() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    let mut failed = operation("failed");
    failed["statusDetail"] = json!("Scan of the tenant failed: quota exceeded");
    mount_monitor(&server, 1, failed).await;

    let op = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect("202");
    let err = op.wait::<LongRunningOperation>().await.expect_err("failed");
    let Error::OperationFailed(details) = &err else {
        panic!("expected OperationFailed: {err:?}")
    };
    assert_eq!(details.status, "failed");
    assert_eq!(details.polls, 2);
    assert_eq!(
        details.body["statusDetail"],
        "Scan of the tenant failed: quota exceeded"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("failed") && shown.contains("quota exceeded"),
        "{shown}"
    );
}

/// `unknownFutureValue` is how Graph sends a status added after this client was built: it may
/// be one more in-progress state, so polling goes on.
#[tokio::test]
async fn an_unknown_status_keeps_polling_until_succeeded() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    mount_status(&server, "unknownFutureValue", 2).await;
    mount_monitor(&server, 0, operation("succeeded")).await;

    let op = start(&client(&server)).await;
    let done: LongRunningOperation = op.wait().await.expect("succeeded");

    assert_eq!(done.status, "succeeded");
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        3
    );
}

#[tokio::test]
async fn an_unknown_status_forever_ends_in_the_bound_naming_it() {
    let unknown = ResponseTemplate::new(200).set_body_json(operation("unknownFutureValue"));
    let server = monitor_answering(unknown).await;
    let op = start(&client(&server)).await;
    let policy = fast_polling()
        .with_max_polls(3)
        .with_max_wait(Duration::from_secs(2));
    let err = bounded_wait(&op, &policy).await.expect_err("bounded");
    let Error::OperationTimedOut(details) = &err else {
        panic!("expected OperationTimedOut: {err:?}")
    };
    assert_eq!(
        (details.status.as_str(), details.polls),
        ("unknownFutureValue", 3)
    );
    assert_eq!(details.body["status"], "unknownFutureValue");
    let shown = err.to_string();
    assert!(
        shown.contains("`unknownFutureValue` after 3 polls"),
        "{shown}"
    );
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        3
    );
}

#[tokio::test]
async fn failed_and_canceled_end_the_wait_at_the_first_poll() {
    for status in ["failed", "canceled", "Cancelled"] {
        let answer = ResponseTemplate::new(200).set_body_json(operation(status));
        let server = monitor_answering(answer).await;
        let op = start(&client(&server)).await;
        let err = bounded_wait(&op, &fast_polling()).await.expect_err(status);
        let Error::OperationFailed(details) = &err else {
            panic!("{status}: expected OperationFailed: {err:?}")
        };
        assert_eq!((details.status.as_str(), details.polls), (status, 1));
        assert_eq!(
            polls(&server.received_requests().await.unwrap_or_default()),
            1,
            "{status}"
        );
    }
}

#[tokio::test]
async fn still_running_after_the_bound_is_a_typed_error() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    mount_monitor(&server, 100, operation("succeeded")).await;
    let op = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect("202");
    let policy = fast_polling()
        .with_max_polls(3)
        .with_max_wait(Duration::from_secs(2));
    let err = op
        .wait_with::<LongRunningOperation>(&policy)
        .await
        .expect_err("bounded");
    let Error::OperationTimedOut(details) = &err else {
        panic!("expected OperationTimedOut: {err:?}")
    };
    assert_eq!((details.status.as_str(), details.polls), ("running", 3));
    assert!(err.to_string().contains("`running` after 3 polls"), "{err}");
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        3
    );
}

#[tokio::test]
async fn accepted_without_location_is_a_typed_error() {
    let server = MockServer::start().await;
    mount_refresh(&server, None).await;
    let err = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect_err("no Location");
    assert!(matches!(err, Error::MissingLocation { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("POST /identityGovernance/roleManagementAlerts/alerts/refresh")
    );
}

#[tokio::test]
async fn foreign_location_is_refused_and_gets_no_token() {
    let server = MockServer::start().await;
    let evil = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(operation("succeeded")))
        .mount(&evil)
        .await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", evil.uri()))).await;
    let err = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect_err("refused");
    assert!(
        matches!(
            err,
            Error::ForeignOrigin {
                kind: LinkKind::Location,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        evil.received_requests()
            .await
            .unwrap_or_default()
            .is_empty()
    );
}

#[tokio::test]
async fn send_accepted_rejects_a_200() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let err = client(&server)
        .send_accepted(refresh_all())
        .await
        .expect_err("not 202");
    assert!(
        matches!(&err, Error::UnexpectedStatus(e) if e.status == 200),
        "{err}"
    );
}

/// A server that accepts `refresh` and whose monitor always answers `monitor`.
async fn monitor_answering(monitor: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    Mock::given(method("GET"))
        .and(path(OP_PATH))
        .respond_with(monitor)
        .mount(&server)
        .await;
    server
}

/// Sends `refresh` with `client`.
async fn start(client: &Client) -> Operation {
    client.send_accepted(refresh_all()).await.expect("202")
}

/// `wait_with`, failing the test instead of hanging if it does not return.
async fn bounded_wait(op: &Operation, policy: &PollPolicy) -> Result<serde_json::Value, Error> {
    tokio::time::timeout(Duration::from_secs(20), op.wait_with(policy))
        .await
        .expect("wait returns")
}

fn running() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(operation("running"))
}

/// The reviewer's case: an interval of `Duration::MAX` panicked (overflow adding durations).
/// Such a wait would outlast `max_wait`, so `wait` gives up after the first poll.
#[tokio::test]
async fn interval_of_duration_max_gives_up_after_one_poll() {
    let server = monitor_answering(running()).await;
    let client = builder(&server)
        .poll_policy(PollPolicy::default().with_interval(Duration::MAX))
        .build()
        .expect("a valid policy");
    let op = start(&client).await;
    let waited = tokio::time::timeout(Duration::from_secs(20), op.wait::<serde_json::Value>());
    let err = waited.await.expect("wait returns").expect_err("bounded");
    let Error::OperationTimedOut(details) = &err else {
        panic!("expected OperationTimedOut: {err:?}")
    };
    assert_eq!((details.status.as_str(), details.polls), ("running", 1));
    assert!(err.to_string().contains(OP_PATH), "{err}");
}

/// `Duration::MAX` for `max_wait` and `max_retry_after` means no time bound: `max_polls` ends it.
#[tokio::test]
async fn max_wait_of_duration_max_leaves_the_poll_bound() {
    let server = monitor_answering(running().insert_header("Retry-After", "0.02")).await;
    let op = start(&client(&server)).await;
    let policy = fast_polling()
        .with_max_polls(3)
        .with_max_wait(Duration::MAX)
        .with_max_retry_after(Duration::MAX);
    let err = bounded_wait(&op, &policy).await.expect_err("bounded");
    assert!(
        matches!(&err, Error::OperationTimedOut(d) if d.polls == 3 && d.status == "running"),
        "{err:?}"
    );
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        3
    );
}

#[tokio::test]
async fn zero_max_wait_is_an_invalid_policy() {
    let server = monitor_answering(running()).await;
    let op = start(&client(&server)).await;
    let zero = fast_polling().with_max_wait(Duration::ZERO);
    let built = builder(&server).poll_policy(zero.clone()).build();
    assert!(
        matches!(&built, Err(Error::InvalidConfig(m)) if m.contains("max_wait")),
        "{built:?}"
    );
    let err = bounded_wait(&op, &zero).await.expect_err("invalid");
    assert!(
        matches!(&err, Error::InvalidConfig(m) if m.contains("max_wait")),
        "{err:?}"
    );
    assert_eq!(
        polls(&server.received_requests().await.unwrap_or_default()),
        0
    );
}

/// The reviewer's case: `max_wait` was checked only between polls, so a slow poll (up to its
/// timeout, times its retries) ran far past it. Now the poll in flight is cut off.
#[tokio::test]
async fn a_slow_poll_is_cut_off_at_max_wait() {
    let server = MockServer::start().await;
    mount_refresh(&server, Some(format!("{}{OP_PATH}", server.uri()))).await;
    mount_running(&server, 1).await;
    // Longer than the test client's 5 s request timeout: unbounded, the poll takes 3 × 5 s.
    Mock::given(method("GET"))
        .and(path(OP_PATH))
        .respond_with(running().set_delay(Duration::from_secs(8)))
        .mount(&server)
        .await;
    let op = start(&client(&server)).await;
    let policy = fast_polling()
        .with_max_polls(100)
        .with_max_wait(Duration::from_millis(500));
    let began = Instant::now();
    let err = bounded_wait(&op, &policy).await.expect_err("cut off");
    let took = began.elapsed();
    let Error::OperationTimedOut(details) = &err else {
        panic!("expected OperationTimedOut: {err:?}")
    };
    assert_eq!((details.status.as_str(), details.polls), ("running", 2));
    assert!(err.to_string().contains(OP_PATH), "{err}");
    assert!(
        took < Duration::from_secs(4),
        "max_wait 500 ms, took {took:?}"
    );
}

/// A first poll that keeps being retried (503 + `Retry-After: 2`) is cut off at `max_wait`
/// too; no status was seen yet, so the error says `unknown`.
#[tokio::test]
async fn a_retried_first_poll_is_cut_off_at_max_wait() {
    let unavailable = ResponseTemplate::new(503).insert_header("Retry-After", "2");
    let server = monitor_answering(unavailable).await;
    let op = start(&client(&server)).await;
    let policy = fast_polling().with_max_wait(Duration::from_millis(400));
    let began = Instant::now();
    let err = bounded_wait(&op, &policy).await.expect_err("cut off");
    let took = began.elapsed();
    let Error::OperationTimedOut(details) = &err else {
        panic!("expected OperationTimedOut: {err:?}")
    };
    assert_eq!((details.status.as_str(), details.polls), ("unknown", 1));
    assert!(
        took < Duration::from_secs(4),
        "max_wait 400 ms, took {took:?}"
    );
}
