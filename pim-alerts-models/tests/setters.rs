//! Setters of the polymorphic enums: decode a configuration of each kind (and of a kind this
//! crate does not know), change one property, and check the JSON that would be sent.

use pim_alerts_models::support::edm::DateTimeOffset;
use pim_alerts_models::{
    LongRunningOperation, LongRunningOperationStatus, UnifiedRoleManagementAlert,
    UnifiedRoleManagementAlertConfiguration, from_str, to_string,
};
use serde_json::{Map, Value, json};

/// The expanded configuration of the docs page's alert (a
/// `tooManyGlobalAdminsAssignedToTenantAlertConfiguration`) as JSON.
fn seed_configuration() -> Map<String, Value> {
    let path = format!(
        "{}/tests/data/get-alert-expand.aad.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let alert: Value = serde_json::from_str(&text).expect("JSON");
    match &alert["alertConfiguration"] {
        Value::Object(config) => config.clone(),
        other => panic!("no expanded configuration: {other}"),
    }
}

/// The seed configuration as the kind `tag`, with that kind's own properties.
fn configuration(tag: &str, own: Value) -> Map<String, Value> {
    let mut config = seed_configuration();
    config.remove("globalAdminCountThreshold");
    config.remove("percentageOfGlobalAdminsOutOfRolesThreshold");
    config.insert("@odata.type".into(), json!(tag));
    if let Value::Object(own) = own {
        config.extend(own);
    }
    config
}

/// One configuration body per known kind: the seed itself and the seed turned into the others.
fn every_kind() -> Vec<Map<String, Value>> {
    let g = "#microsoft.graph.";
    vec![
        seed_configuration(),
        configuration(&format!("{g}invalidLicenseAlertConfiguration"), json!({})),
        configuration(
            &format!("{g}noMfaOnRoleActivationAlertConfiguration"),
            json!({}),
        ),
        configuration(
            &format!("{g}redundantAssignmentAlertConfiguration"),
            json!({"duration": "P14D"}),
        ),
        configuration(
            &format!("{g}rolesAssignedOutsidePrivilegedIdentityManagementAlertConfiguration"),
            json!({}),
        ),
        configuration(
            &format!("{g}sequentialActivationRenewalsAlertConfiguration"),
            json!({"sequentialActivationCounterThreshold": 10, "timeIntervalBetweenActivations": "PT1H30M"}),
        ),
        configuration(
            &format!("{g}staleSignInAlertConfiguration"),
            json!({"duration": "P30D"}),
        ),
    ]
}

fn decode(body: &Map<String, Value>) -> UnifiedRoleManagementAlertConfiguration {
    let text = serde_json::to_string(body).expect("encode body");
    from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn encoded<T: serde::Serialize>(value: &T) -> Value {
    serde_json::from_str(&to_string(value).expect("encode")).expect("JSON")
}

#[test]
fn set_is_enabled_on_every_known_kind() {
    let bodies = every_kind();
    let mut kinds: Vec<String> = Vec::new();
    for body in bodies {
        let mut config = decode(&body);
        assert!(
            !matches!(config, UnifiedRoleManagementAlertConfiguration::Other(_)),
            "{config:?}"
        );
        assert_eq!(Some(config.odata_type()), body["@odata.type"].as_str());
        kinds.push(config.odata_type().to_owned());
        assert_eq!(config.is_enabled(), Some(true));

        config.set_is_enabled(Some(false));
        assert_eq!(config.is_enabled(), Some(false));
        let mut expected = body.clone();
        expected.insert("isEnabled".into(), json!(false));
        assert_eq!(encoded(&config), Value::Object(expected.clone()));

        config.set_is_enabled(None);
        expected.remove("isEnabled");
        assert_eq!(encoded(&config), Value::Object(expected));
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 7, "one body per known kind");
}

#[test]
fn set_is_enabled_on_an_unknown_kind_keeps_every_other_member() {
    let mut body = configuration(
        "#microsoft.graph.futureAlertConfiguration",
        json!({
            "futureThreshold": {"count": 3, "window": "P7D", "roles": ["a", "b"]},
            "futureFlag": null,
            "isEnabled@odata.type": "#Boolean",
            "ratio": 0.1
        }),
    );
    let mut config = decode(&body);
    let UnifiedRoleManagementAlertConfiguration::Other(_) = &config else {
        panic!("not Other: {config:?}");
    };
    config.set_is_enabled(Some(false));
    assert_eq!(config.is_enabled(), Some(false));
    body.insert("isEnabled".into(), json!(false));
    assert_eq!(encoded(&config), Value::Object(body.clone()));
    // `None` removes the member; setting it again adds it back.
    config.set_is_enabled(None);
    body.remove("isEnabled");
    assert_eq!(encoded(&config), Value::Object(body.clone()));
    config.set_is_enabled(Some(true));
    body.insert("isEnabled".into(), json!(true));
    assert_eq!(encoded(&config), Value::Object(body));
}

#[test]
fn get_enable_update_flow_sends_the_enabled_configuration() {
    // `get()` of an alert with its configuration expanded, then enabling it for `update()`.
    let path = format!(
        "{}/tests/data/get-alert-expand.entra.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let alert: UnifiedRoleManagementAlert = from_str(&text).expect("decode");
    let mut config = alert.alert_configuration.expect("expanded configuration");
    config.set_is_enabled(Some(false));
    let sent = encoded(&config);
    assert_eq!(sent["isEnabled"], json!(false));
    assert_eq!(
        sent["@odata.type"],
        json!("#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration")
    );
}

#[test]
fn an_explicit_null_received_gives_way_to_the_value_set() {
    let mut body = seed_configuration();
    body.insert("isEnabled".into(), Value::Null);
    let mut config = decode(&body);
    assert_eq!(encoded(&config)["isEnabled"], Value::Null);
    config.set_is_enabled(None);
    assert!(encoded(&config).get("isEnabled").is_none());
    config.set_is_enabled(Some(true));
    assert_eq!(encoded(&config)["isEnabled"], json!(true));
}

#[test]
fn date_and_enum_setters_encode_as_the_struct_fields_do() {
    let created: DateTimeOffset = "2024-05-01T10:00:00.1234567+02:00".parse().expect("date");
    let known = r#"{"id":"op","status":"running"}"#;
    let unknown = r##"{"@odata.type":"#microsoft.graph.futureOperation","id":"op","status":"running","x":[1]}"##;
    for text in [known, unknown] {
        let mut op: LongRunningOperation = from_str(text).expect("decode");
        op.set_created_date_time(Some(created));
        op.set_status(Some(LongRunningOperationStatus::Succeeded));
        let sent = encoded(&op);
        // Seven fraction digits and the offset as given; the enum member as Graph spells it.
        assert_eq!(
            sent["createdDateTime"],
            json!("2024-05-01T10:00:00.1234567+02:00"),
            "{text}"
        );
        assert_eq!(sent["status"], json!("succeeded"), "{text}");
        // As the setter's doc says: `status()` reads the enum back on known variants only.
        let read = (text == known).then_some(&LongRunningOperationStatus::Succeeded);
        assert_eq!(op.status(), read, "{text}");
        // A string property reads back on every variant, `Other` included.
        op.set_status_detail(Some("half way".into()));
        assert_eq!(op.status_detail(), Some("half way"), "{text}");
        op.set_created_date_time(None);
        assert!(encoded(&op).get("createdDateTime").is_none(), "{text}");
    }
    let mut op: LongRunningOperation = from_str(unknown).expect("decode");
    op.set_status(None);
    assert_eq!(
        encoded(&op),
        json!({"@odata.type":"#microsoft.graph.futureOperation","id":"op","x":[1]})
    );
}
