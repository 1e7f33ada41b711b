//! What a user reaches through this crate alone: the models crate and the types every error
//! and page handler names, at the crate root.

use pim_alerts_client::models::{UnifiedRoleManagementAlert, UnifiedRoleManagementAlertIncident};
use pim_alerts_client::{Error, GraphError, Page, StatusCode};

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
    let invalid = Error::InvalidRequest("not a Graph answer".into());
    assert!(!not_found(&invalid));
}
