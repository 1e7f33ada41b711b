//! What a user reaches through this crate alone: the models crate and the types every error
//! and page handler names, at the crate root.

mod common;

use pim_alerts_client::models::{UnifiedRoleManagementAlert, UnifiedRoleManagementAlertIncident};
use pim_alerts_client::{Error, GraphError, Page, StatusCode};
use wiremock::ResponseTemplate;

/// A user's error handler, written with this crate's names only.
fn not_found(error: &Error) -> bool {
    matches!(error, Error::Graph(graph) if is_not_found(graph))
}

fn is_not_found(graph: &GraphError) -> bool {
    graph.status == StatusCode::NOT_FOUND
}

/// What `Page` holds has to come from the models crate's serde: `Page` is its type.
fn first_id(page: &Page<UnifiedRoleManagementAlert>) -> Option<&str> {
    page.value.first().and_then(|a| a.id.as_deref())
}

#[test]
fn models_and_error_types_are_reachable_from_the_client_crate() {
    let page: Page<UnifiedRoleManagementAlert> =
        serde_json::from_str(r#"{"value": [{"id": "a1", "isActive": true}]}"#).expect("page");
    assert_eq!(first_id(&page), Some("a1"));
    let incident: UnifiedRoleManagementAlertIncident = serde_json::from_str(
        r##"{"@odata.type": "#microsoft.graph.staleSignInAlertIncident", "id": "i1"}"##,
    )
    .expect("incident");
    assert_eq!(incident.id(), Some("i1"));
    // The same type, not a copy: a value of the models crate is a value of the re-export.
    let direct: pim_alerts_models::UnifiedRoleManagementAlert = page.value[0].clone();
    assert_eq!(direct.id.as_deref(), Some("a1"));
}

/// What `GET .../alerts/a1` through the generated builders returns from a loopback server
/// answering `status` with a Graph error body of `code`.
async fn get_answered_with(status: u16, code: &str) -> Error {
    let body = common::graph_error(code, "No.", "req-1");
    let template = ResponseTemplate::new(status).set_body_json(body);
    let server = common::server_answering(template).await;
    let client = common::client(&server);
    let alerts = client
        .identity_governance()
        .role_management_alerts()
        .alerts();
    alerts
        .by_id("a1")
        .get()
        .send()
        .await
        .expect_err("an error status")
}

#[tokio::test]
async fn an_error_handler_written_with_the_re_exports_tells_a_real_404() {
    let missing = get_answered_with(404, "ResourceNotFound").await;
    assert!(not_found(&missing), "{missing}");
    let forbidden = get_answered_with(403, "Forbidden").await;
    assert!(!not_found(&forbidden), "{forbidden}");
}
