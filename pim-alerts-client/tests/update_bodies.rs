//! `update(&body)` after `get()`: the generated builders PATCH only what an update may carry.
//! A value read (with `$expand`) is changed and sent back through the GENERATED builders to a
//! loopback server, and the body received is checked to the byte: no key, no navigation
//! property, no property our annotations mark `Core.Computed`, no annotation but
//! `@odata.type` (first). What remains is the body of Graph's own update examples (the seeds'
//! dismiss and update-configuration requests).

mod common;

use common::seed_mocks::{get_seed, request_to, seed_json};
use pim_alerts_client::{
    UnifiedRoleManagementAlertConfigurationExpand as ConfigurationExpand,
    UnifiedRoleManagementAlertExpand as AlertExpand,
};
use pim_alerts_models::UnifiedRoleManagementAlertConfiguration as Configuration;
use wiremock::{MockServer, ResponseTemplate};

const ALERT_ID: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";
const CONFIGURATIONS: &str = "/beta/identityGovernance/roleManagementAlerts/alertConfigurations";

const GET_ALERT_EXPAND: &str =
    include_str!("../../pim-alerts-models/tests/data/get-alert-expand.aad.json");
const GET_CONFIGURATION: &str = include_str!("data/get-alert-configuration.json");
const GET_DEFINITION: &str = include_str!("data/get-alert-definition.json");

/// Mounts a GET of `at` with `query` answered with `body`, and a PATCH of `at` answered 204;
/// each expected once.
async fn mock_get_and_patch(server: &MockServer, at: &str, query: &'static str, body: &str) {
    get_seed(at, Some(query), body)
        .expect(1)
        .mount(server)
        .await;
    let patch = request_to("PATCH", at, None).respond_with(ResponseTemplate::new(204));
    patch.expect(1).mount(server).await;
}

/// The body of the one PATCH `server` received, as text.
async fn patch_body(server: &MockServer) -> String {
    let received = server.received_requests().await.unwrap_or_default();
    let patches: Vec<_> = received
        .iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .collect();
    assert_eq!(patches.len(), 1, "one PATCH");
    String::from_utf8(patches[0].body.clone()).expect("a UTF-8 body")
}

#[tokio::test]
async fn an_expanded_alert_read_and_dismissed_sends_only_is_active() {
    let server = MockServer::start().await;
    let at = format!("{}/{ALERT_ID}", common::ALERTS);
    let query = "$expand=alertConfiguration,alertDefinition,alertIncidents";
    mock_get_and_patch(&server, &at, query, GET_ALERT_EXPAND).await;
    let client = common::client(&server);
    let alert = (client
        .identity_governance()
        .role_management_alerts()
        .alerts())
    .by_id(ALERT_ID);
    let navigation = [
        AlertExpand::AlertConfiguration,
        AlertExpand::AlertDefinition,
        AlertExpand::AlertIncidents,
    ];
    let mut read = alert.get().expand(&navigation).send().await.expect("alert");
    assert!(read.alert_configuration.is_some() && read.alert_definition.is_some());
    assert!(read.additional_properties.contains_key("@odata.context"));
    assert_eq!(
        read.incident_count,
        Some(7),
        "read-only properties were read"
    );
    read.is_active = Some(false);
    alert.update(&read).send().await.expect("204");
    assert_eq!(patch_body(&server).await, r#"{"isActive":false}"#);
}

/// The configuration seed as read with `$expand=alertDefinition`: the definition seed inline,
/// with its property annotation.
fn expanded_configuration() -> String {
    let mut configuration = seed_json(GET_CONFIGURATION);
    let mut definition = seed_json(GET_DEFINITION);
    let context = definition["@odata.context"].take();
    let members = configuration.as_object_mut().expect("an object");
    definition
        .as_object_mut()
        .expect("an object")
        .remove("@odata.context");
    members.insert("alertDefinition@odata.context".into(), context);
    members.insert("alertDefinition".into(), definition);
    configuration.to_string()
}

#[tokio::test]
async fn a_configuration_read_and_changed_sends_its_odata_type_then_only_updatable_properties() {
    let server = MockServer::start().await;
    let at = format!("{CONFIGURATIONS}/{ALERT_ID}");
    let body = expanded_configuration();
    mock_get_and_patch(&server, &at, "$expand=alertDefinition", &body).await;
    let client = common::client(&server);
    let configurations = client.identity_governance().role_management_alerts();
    let configuration = configurations.alert_configurations().by_id(ALERT_ID);
    let get = configuration
        .get()
        .expand(&[ConfigurationExpand::AlertDefinition]);
    let mut read = get.send().await.expect("configuration");
    let Configuration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(admins) = &mut read
    else {
        panic!("unexpected variant {read:?}");
    };
    assert!(admins.alert_definition.is_some(), "expanded");
    assert!(admins.scope_id.is_some(), "read-only properties were read");
    admins.global_admin_count_threshold = Some(4);
    configuration.update(&read).send().await.expect("204");
    let expected = format!(
        r##"{{"@odata.type":"{TYPE}","isEnabled":true,"globalAdminCountThreshold":4,"percentageOfGlobalAdminsOutOfRolesThreshold":10}}"##,
        TYPE = "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
    );
    assert_eq!(patch_body(&server).await, expected);
}
