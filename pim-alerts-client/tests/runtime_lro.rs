//! Long-running operations: `refresh` → 202 + Location → polling until a terminal status.

mod common;

use std::time::Duration;

use common::*;
use pim_alerts_client::runtime::{Error, LinkKind, Method, Request};
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
    Mock::given(method("GET"))
        .and(path(OP_PATH))
        .and(StandardHeaders)
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("Retry-After", "0.02")
                .set_body_json(operation("running")),
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
