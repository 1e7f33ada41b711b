//! Every JSON body under `tests/data/` decodes into the GENERATED types and re-encodes to equal
//! JSON.

use pim_alerts_models::{
    AlertSeverity, Page, UnifiedRoleManagementAlert, UnifiedRoleManagementAlertConfiguration,
    UnifiedRoleManagementAlertIncident, from_str, to_string,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `name` as `T`, re-encodes it and checks that the JSON value is unchanged.
fn round_trip<T: DeserializeOwned + Serialize>(name: &str) -> T {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let decoded: T = from_str(&text).unwrap_or_else(|e| panic!("{name}: decode: {e}"));
    let encoded = to_string(&decoded).expect("encode");
    let before: Value = serde_json::from_str(&text).expect("input is JSON");
    let after: Value = serde_json::from_str(&encoded).expect("output is JSON");
    assert_eq!(before, after, "{name}: round trip changed the value");
    decoded
}

#[test]
fn alert_pages_and_alerts() {
    let page: Page<UnifiedRoleManagementAlert> = round_trip("list-alerts.aad.json");
    assert_eq!(page.value.len(), 7);
    for name in ["get-alert.aad.json", "patch-dismiss-alert.aad.json"] {
        round_trip::<UnifiedRoleManagementAlert>(name);
    }
}

#[test]
fn expanded_alerts_decode_their_polymorphic_navigations() {
    for name in ["get-alert-expand.aad.json", "get-alert-expand.entra.json"] {
        let alert: UnifiedRoleManagementAlert = round_trip(name);
        let config = alert.alert_configuration.as_ref().expect("configuration");
        assert!(matches!(
            config,
            UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(_)
        ));
        assert_eq!(config.is_enabled(), Some(true));
        let definition = alert.alert_definition.as_ref().expect("definition");
        assert_eq!(definition.severity_level, Some(AlertSeverity::Low));
        assert_eq!(alert.alert_incidents.as_ref().map(Vec::len), Some(7));
    }
}

#[test]
fn incident_pages_and_configuration_patch() {
    for name in [
        "list-alert-incidents.aad.json",
        "list-alert-incidents.entra.json",
    ] {
        let page: Page<UnifiedRoleManagementAlertIncident> = round_trip(name);
        assert!(page.value.iter().all(|i| i.odata_type()
            == "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident"));
    }
    let patch: UnifiedRoleManagementAlertConfiguration =
        round_trip("patch-alert-configuration.aad.json");
    assert!(to_string(&patch).expect("encode").starts_with(
        r##"{"@odata.type":"#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration","##
    ));
}
