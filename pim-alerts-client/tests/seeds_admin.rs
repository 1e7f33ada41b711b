//! The documentation's refresh, definition, configuration and operation calls, sent through
//! the GENERATED builders to a loopback server.

mod common;

use pim_alerts_client::Error;
use pim_alerts_models::{
    LongRunningOperationStatus, TooManyGlobalAdminsAssignedToTenantAlertConfiguration,
    UnifiedRoleManagementAlertConfiguration,
};
use wiremock::matchers::{body_json, body_string, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

fn accepted(server: &MockServer) -> ResponseTemplate {
    ResponseTemplate::new(202)
        .insert_header("Location", format!("{}{ROOT}/{OPERATION}", server.uri()))
}

#[tokio::test]
async fn refresh_all_alerts_of_a_scope() {
    let server = MockServer::start().await;
    let body = serde_json::json!({"scopeId": "/", "scopeType": "DirectoryRole"});
    Mock::given(method("POST"))
        .and(path(format!("{ROOT}/alerts/refresh")))
        .and(body_json(&body))
        .respond_with(accepted(&server))
        .expect(1)
        .mount(&server)
        .await;
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
    Mock::given(method("POST"))
        .and(path(format!("{ROOT}/alerts/{OUTSIDE_PIM}/refresh")))
        .and(body_string(""))
        .respond_with(accepted(&server))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ROOT}/{OPERATION}")))
        .respond_with(json(RUNNING))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ROOT}/{OPERATION}")))
        .respond_with(json(SUCCEEDED))
        .expect(1)
        .mount(&server)
        .await;
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
async fn get_an_operation() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        // Keys are single segments: `:` is percent-encoded.
        .and(path(format!("{ROOT}/operations/refresh%3Ax")))
        .respond_with(json(SUCCEEDED))
        .expect(1)
        .mount(&server)
        .await;
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
    Mock::given(method("GET"))
        .and(path(format!("{ROOT}/alertDefinitions")))
        .respond_with(json(LIST_DEFINITIONS))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ROOT}/alertDefinitions/{ALERT_ID}")))
        .respond_with(json(GET_DEFINITION))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server);
    let defs = client
        .identity_governance()
        .role_management_alerts()
        .alert_definitions();
    let page = defs.list().send().await.expect("definitions");
    assert_eq!(page.value.len(), 1);
    let one = defs.by_id(ALERT_ID).get().send().await.expect("definition");
    assert_eq!(one.id.as_deref(), Some(ALERT_ID));
}

#[tokio::test]
async fn list_get_and_update_alert_configurations() {
    let server = MockServer::start().await;
    let expected: serde_json::Value = serde_json::from_str(PATCH_CONFIGURATION).expect("json");
    let item = format!("{ROOT}/alertConfigurations/{ALERT_ID}");
    Mock::given(method("GET"))
        .and(path(format!("{ROOT}/alertConfigurations")))
        .respond_with(json(LIST_CONFIGURATIONS))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(item.clone()))
        .respond_with(json(GET_CONFIGURATION))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(item))
        .and(body_json(&expected))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server);
    let configs = client
        .identity_governance()
        .role_management_alerts()
        .alert_configurations();
    let page = configs.list().send().await.expect("configurations");
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
