//! The embedded mock used when `GRAPH_TOKEN` is not set: a wiremock server on loopback that
//! answers the two calls triage makes with the responses of the Graph documentation (the same
//! JSON the crates' seed tests use), checking the query options the client sends.

use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `GET alerts?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole'`: seven alerts, one active.
const LIST_ALERTS: &str =
    include_str!("../../../pim-alerts-models/tests/data/list-alerts.aad.json");
/// `GET alerts/{id}?$expand=*` of the active alert: definition, configuration, 7 incidents.
const GET_ALERT_EXPAND: &str =
    include_str!("../../../pim-alerts-models/tests/data/get-alert-expand.aad.json");
/// The active alert of the documentation's tenant.
const ACTIVE_ALERT: &str =
    "DirectoryRole_3b0e753b-22fa-4c16-9bf2-470b80be80d6_TooManyGlobalAdminsAssignedToTenantAlert";
/// The path of the alerts collection under the mock's service root `/beta`.
const ALERTS: &str = "/beta/identityGovernance/roleManagementAlerts/alerts";

/// Starts the mock; keep it alive while the client uses it. Its service root is
/// `{uri}/beta`.
pub async fn start() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ALERTS))
        .and(query_param(
            "$filter",
            "scopeId eq '/' and scopeType eq 'DirectoryRole'",
        ))
        .respond_with(json(LIST_ALERTS))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{ALERTS}/{ACTIVE_ALERT}")))
        .and(query_param("$expand", "*"))
        .respond_with(json(GET_ALERT_EXPAND))
        .mount(&server)
        .await;
    server
}

fn json(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
}
