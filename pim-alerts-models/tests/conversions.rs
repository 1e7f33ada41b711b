//! The conversions the generated enums offer, on the seeds' JSON bodies under `tests/data/`:
//! `From<Struct>` into a polymorphic enum (`.into()` wraps exactly as the variant does), and
//! `as_str()` / `Display` of string enums (the member name as Graph sends it, known or not),
//! and the accessors of a polymorphic enum for its base's navigation properties.

use pim_alerts_models::{
    AlertSeverity, LongRunningOperation, LongRunningOperationBase, Page,
    TooManyGlobalAdminsAssignedToTenantAlertConfiguration as TooManyAdminsConfiguration,
    TooManyGlobalAdminsAssignedToTenantAlertIncident as TooManyAdminsIncident,
    UnifiedRoleManagementAlert, UnifiedRoleManagementAlertConfiguration,
    UnifiedRoleManagementAlertDefinition, UnifiedRoleManagementAlertIncident, from_str, to_string,
};
use serde_json::Value;

fn seed(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn a_configuration_struct_converts_into_its_variant() {
    let body = seed("patch-alert-configuration.aad.json");
    let config: TooManyAdminsConfiguration = from_str(&body).expect("decodes");
    assert_eq!(config.global_admin_count_threshold, Some(4));
    let by_hand =
        UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(
            config.clone(),
        );
    let converted: UnifiedRoleManagementAlertConfiguration = config.into();
    assert_eq!(converted, by_hand);
    let encoded = to_string(&converted).expect("encodes");
    assert_eq!(encoded, to_string(&by_hand).expect("encodes"));
    assert_eq!(json(&encoded), json(&body), "the PATCH body is unchanged");
}

#[test]
fn incident_structs_convert_into_the_incident_enum() {
    let body = seed("list-alert-incidents.aad.json");
    let page: Page<TooManyAdminsIncident> = from_str(&body).expect("decodes");
    assert_eq!(page.value.len(), 7);
    let incidents: Vec<UnifiedRoleManagementAlertIncident> =
        page.value.iter().cloned().map(Into::into).collect();
    for (incident, original) in incidents.iter().zip(&page.value) {
        let UnifiedRoleManagementAlertIncident::TooManyGlobalAdminsAssignedToTenantAlertIncident(
            inner,
        ) = incident
        else {
            panic!("converted into another variant: {incident:?}");
        };
        assert_eq!(inner, original);
        assert_eq!(incident.id(), original.id.as_deref());
    }
    let as_enum: Page<UnifiedRoleManagementAlertIncident> = from_str(&body).expect("decodes");
    assert_eq!(
        incidents, as_enum.value,
        "into() equals decoding by @odata.type"
    );
}

#[test]
fn the_base_struct_of_a_concrete_type_converts_into_the_base_variant() {
    let mut base = LongRunningOperationBase::default();
    base.id = Some("op-1".to_owned());
    let converted: LongRunningOperation = base.clone().into();
    assert_eq!(converted, LongRunningOperation::Base(base));
    assert_eq!(to_string(&converted).expect("encodes"), r#"{"id":"op-1"}"#);
}

#[test]
fn known_severities_print_their_member_names() {
    let alert: UnifiedRoleManagementAlert =
        from_str(&seed("get-alert-expand.aad.json")).expect("decodes");
    let definition = alert.alert_definition.expect("expanded definition");
    let severity = definition.severity_level.expect("severity");
    assert_eq!(severity, AlertSeverity::Low);
    assert_eq!(severity.as_str(), "low");
    assert_eq!(severity.to_string(), "low");
    assert_eq!(
        format!("[{severity:>6}]"),
        "[   low]",
        "Display honours padding"
    );
    for name in [
        "unknown",
        "informational",
        "low",
        "medium",
        "high",
        "unknownFutureValue",
    ] {
        let member: AlertSeverity = from_str(&format!("{name:?}")).expect("decodes");
        assert!(
            !matches!(member, AlertSeverity::Other(_)),
            "{name} is known"
        );
        assert_eq!(
            (member.as_str(), member.to_string()),
            (name, name.to_owned())
        );
    }
}

#[test]
fn an_unknown_severity_prints_the_name_received() {
    let body = seed("get-alert-expand.aad.json");
    let body = body.replacen(
        r#""severityLevel": "low""#,
        r#""severityLevel": "critical""#,
        1,
    );
    assert!(body.contains("critical"), "the seed names its severity");
    let alert: UnifiedRoleManagementAlert = from_str(&body).expect("decodes");
    let definition = alert.alert_definition.expect("expanded definition");
    let severity = definition.severity_level.expect("severity");
    assert_eq!(severity, AlertSeverity::Other("critical".to_owned()));
    assert_eq!(severity.as_str(), "critical");
    assert_eq!(severity.to_string(), "critical");
}

#[test]
fn a_configuration_reads_its_expanded_definition_whatever_its_variant() {
    let alert: UnifiedRoleManagementAlert =
        from_str(&seed("get-alert-expand.aad.json")).expect("decodes");
    let definition: UnifiedRoleManagementAlertDefinition =
        alert.alert_definition.expect("expanded definition");
    let config = alert.alert_configuration.expect("expanded configuration");
    assert_eq!(config.alert_definition(), None, "not expanded in the seed");
    let UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(
        mut inner,
    ) = config
    else {
        panic!("the seed's configuration is about too many global admins: {config:?}");
    };
    inner.alert_definition = Some(definition.clone());
    let config: UnifiedRoleManagementAlertConfiguration = inner.into();
    assert_eq!(config.alert_definition(), Some(&definition));
    let unknown: UnifiedRoleManagementAlertConfiguration = from_str(
        r##"{"@odata.type": "#microsoft.graph.futureAlertConfiguration", "alertDefinition": {"id": "x"}}"##,
    )
    .expect("decodes");
    assert_eq!(
        unknown.alert_definition(),
        None,
        "raw objects are not decoded"
    );
}
