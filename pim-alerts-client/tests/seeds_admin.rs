//! The documentation's refresh, definition, configuration and operation calls, sent through
//! the GENERATED builders to a loopback server: method, path, query and standard headers
//! checked exactly.

mod common;

use common::seed_mocks::{get_seed, mock_get, mock_patch, mock_post};
use pim_alerts_client::{Error, PendingOperation};
use pim_alerts_models::{
    LongRunningOperationStatus, TooManyGlobalAdminsAssignedToTenantAlertConfiguration,
    UnifiedRoleManagementAlertConfiguration,
};
use wiremock::matchers::{body_json, body_string};
use wiremock::{MockServer, ResponseTemplate};

const ROOT: &str = "/beta/identityGovernance/roleManagementAlerts";
const ALERT_ID: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";
const OUTSIDE_PIM: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_RolesAssignedOutsidePimAlert";
/// The documented `Location` (its id does not match the alert: treated as opaque).
const OPERATION: &str = "operations/refresh:DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_RolesAssignedOutsidePimAlert";

const PATCH_CONFIGURATION: &str =
    include_str!("../../pim-alerts-models/tests/data/patch-alert-configuration.aad.json");
const LIST_DEFINITIONS: &str = include_str!("data/list-alert-definitions.json");
const GET_DEFINITION: &str = include_str!("data/get-alert-definition.json");
const LIST_CONFIGURATIONS: &str = include_str!("data/list-alert-configurations.json");
const GET_CONFIGURATION: &str = include_str!("data/get-alert-configuration.json");
const RUNNING: &str = include_str!("data/operation-running.json");
const SUCCEEDED: &str = include_str!("data/operation-succeeded.json");

/// The scope filter the service requires on the definition and configuration lists, as sent.
const SCOPE_QUERY: &str =
    "$filter=scopeId%20eq%20%27/%27%20and%20scopeType%20eq%20%27DirectoryRole%27";

/// The path of `rest` below the alerts root.
fn at(rest: &str) -> String {
    format!("{ROOT}/{rest}")
}

/// The documented `202 Accepted` whose `Location` is the operation on `server`.
fn accepted(server: &MockServer) -> ResponseTemplate {
    ResponseTemplate::new(202)
        .insert_header("Location", format!("{}{ROOT}/{OPERATION}", server.uri()))
}

#[tokio::test]
async fn refresh_all_alerts_of_a_scope() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"scopeId": "/", "scopeType": "DirectoryRole"});
    let refresh = at("alerts/refresh");
    mock_post(&server, refresh, body_json(body), accepted(&server)).await;
    let client = common::client(&server);
    let alerts = client
        .identity_governance()
        .role_management_alerts()
        .alerts();
    let refresh = alerts.refresh().scope_id("/").scope_type("DirectoryRole");
    let pending = refresh.send().await.expect("202");
    assert!(
        pending.location().ends_with(OPERATION),
        "{}",
        pending.location()
    );
}

#[tokio::test]
async fn refresh_without_required_parameters_fails_in_send() {
    let server = MockServer::start().await;
    let client = common::client(&server);
    let alerts = client
        .identity_governance()
        .role_management_alerts()
        .alerts();
    let err = alerts
        .refresh()
        .scope_id("/")
        .send()
        .await
        .expect_err("scopeType missing");
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("scopeType")),
        "{err}"
    );
}

#[tokio::test]
async fn refresh_one_alert_and_wait_for_the_operation() {
    let server = MockServer::start().await;
    let refresh = at(&format!("alerts/{OUTSIDE_PIM}/refresh"));
    mock_post(&server, refresh, body_string(""), accepted(&server)).await;
    let running_first = get_seed(at(OPERATION), None, RUNNING).up_to_n_times(1);
    running_first.expect(1).mount(&server).await;
    mock_get(&server, at(OPERATION), None, SUCCEEDED).await;
    let client = common::client(&server);
    let alert = client
        .identity_governance()
        .role_management_alerts()
        .alerts()
        .by_id(OUTSIDE_PIM);
    let pending = alert.refresh().send().await.expect("202");
    let done = pending.wait().await.expect("succeeded");
    assert_eq!(done.status(), Some(&LongRunningOperationStatus::Succeeded));
}

#[tokio::test]
async fn an_operation_saved_by_its_location_is_resumed_by_another_client() {
    let server = MockServer::start().await;
    let refresh = at(&format!("alerts/{OUTSIDE_PIM}/refresh"));
    mock_post(&server, refresh, body_string(""), accepted(&server)).await;
    mock_get(&server, at(OPERATION), None, SUCCEEDED).await;
    let first = common::client(&server);
    let alert = (first.identity_governance().role_management_alerts())
        .alerts()
        .by_id(OUTSIDE_PIM);
    let saved = alert
        .refresh()
        .send()
        .await
        .expect("202")
        .location()
        .to_owned();
    // Later, another process: a new client and the saved URL.
    let later = common::client(&server);
    let resumed = PendingOperation::resume(&later, &saved).expect("on the origin");
    assert_eq!(resumed.location(), saved);
    let done = resumed.wait().await.expect("succeeded");
    assert_eq!(done.status(), Some(&LongRunningOperationStatus::Succeeded));
    // A URL of another origin is refused before anything is polled.
    let foreign = PendingOperation::resume(&later, "https://example.com/beta/operations/x");
    let err = foreign.expect_err("foreign origin");
    assert!(matches!(err, Error::ForeignOrigin { .. }), "{err}");
    assert!(
        err.to_string().contains("saved operation location"),
        "{err}"
    );
    let blank = PendingOperation::resume(&later, " ").expect_err("blank");
    assert!(
        matches!(&blank, Error::InvalidRequest(m) if m.contains("saved operation location")),
        "{blank}"
    );
    assert_eq!(
        common::requests(&server).await,
        2,
        "the refresh and one poll"
    );
}

#[tokio::test]
async fn get_an_operation() {
    let server = MockServer::start().await;
    // Keys are single segments: `:` is percent-encoded.
    mock_get(&server, at("operations/refresh%3Ax"), None, SUCCEEDED).await;
    let client = common::client(&server);
    let ops = client
        .identity_governance()
        .role_management_alerts()
        .operations();
    let op = ops
        .by_id("refresh:x")
        .get()
        .send()
        .await
        .expect("operation");
    assert!(op.id().is_some());
}

#[tokio::test]
async fn list_and_get_alert_definitions() {
    let server = MockServer::start().await;
    let definition = at(&format!("alertDefinitions/{ALERT_ID}"));
    let list = at("alertDefinitions");
    mock_get(&server, list, Some(SCOPE_QUERY), LIST_DEFINITIONS).await;
    mock_get(&server, definition, None, GET_DEFINITION).await;
    let client = common::client(&server);
    let defs = client
        .identity_governance()
        .role_management_alerts()
        .alert_definitions();
    let page = defs
        .list()
        .directory_role_scope()
        .send()
        .await
        .expect("definitions");
    assert_eq!(page.value.len(), 1);
    let one = defs.by_id(ALERT_ID).get().send().await.expect("definition");
    assert_eq!(one.id.as_deref(), Some(ALERT_ID));
}

#[tokio::test]
async fn list_get_and_update_alert_configurations() {
    let server = MockServer::start().await;
    let item = at(&format!("alertConfigurations/{ALERT_ID}"));
    let list = at("alertConfigurations");
    mock_get(&server, list, Some(SCOPE_QUERY), LIST_CONFIGURATIONS).await;
    mock_get(&server, item.clone(), None, GET_CONFIGURATION).await;
    mock_patch(&server, item, PATCH_CONFIGURATION).await;
    let client = common::client(&server);
    let configs = client
        .identity_governance()
        .role_management_alerts()
        .alert_configurations();
    let page = configs
        .list()
        .directory_role_scope()
        .send()
        .await
        .expect("configurations");
    assert!(matches!(
        page.value.first(),
        Some(UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(_))
    ));
    configs
        .by_id(ALERT_ID)
        .get()
        .send()
        .await
        .expect("configuration");
    let mut body = TooManyGlobalAdminsAssignedToTenantAlertConfiguration::default();
    body.is_enabled = Some(true);
    body.global_admin_count_threshold = Some(4);
    body.percentage_of_global_admins_out_of_roles_threshold = Some(10);
    let body = UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(body);
    configs
        .by_id(ALERT_ID)
        .update(&body)
        .send()
        .await
        .expect("204");
}

#[tokio::test]
async fn definition_and_configuration_lists_without_the_scope_filter_are_refused_locally() {
    let server = MockServer::start().await;
    let client = common::client(&server);
    let alerts = client.identity_governance().role_management_alerts();
    let definitions = alerts.alert_definitions().list().send().await;
    let configurations = alerts.alert_configurations().list().send().await;
    for (what, err) in [
        ("definitions", definitions.map(|_| ())),
        ("configurations", configurations.map(|_| ())),
    ] {
        let err = err.expect_err(what);
        assert!(
            matches!(&err, Error::InvalidRequest(m) if m.contains("scope_filter")),
            "{what}: {err}"
        );
    }
    assert_eq!(common::requests(&server).await, 0, "nothing is sent");
}
