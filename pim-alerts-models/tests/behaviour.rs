//! Behaviour of the generated models: doc-page JSON bodies round-trip, polymorphism, nulls,
//! unknowns, errors with paths.

use pim_alerts_models::*;
use pim_alerts_models::{Page, from_slice, from_str, to_string};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `text` as `T`, re-encodes it and checks that the JSON value is unchanged.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let decoded: T = from_str(text).unwrap_or_else(|e| panic!("decode: {e}"));
    let encoded = to_string(&decoded).expect("encode");
    let before: Value = serde_json::from_str(text).expect("input is JSON");
    let after: Value = serde_json::from_str(&encoded).expect("output is JSON");
    assert_eq!(before, after, "round trip changed the value");
    decoded
}

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn doc_bodies_round_trip() {
    {
        let page: Page<UnifiedRoleManagementAlert> = round_trip(&data("list-alerts.aad.json"));
        assert_eq!(page.value.len(), 7);
        assert_eq!(page.value[6].incident_count, Some(7));
        assert!(page.additional_properties.contains_key("@odata.context"));
        assert!(
            page.additional_properties
                .contains_key("@microsoft.graph.tips")
        );
        let first = page.value[0].last_modified_date_time.expect("date");
        assert_eq!(first.to_string(), "0001-01-01T08:00:00Z");
    }
    for name in ["get-alert.aad.json", "patch-dismiss-alert.aad.json"] {
        round_trip::<UnifiedRoleManagementAlert>(&data(name));
    }
    for name in ["get-alert-expand.aad.json", "get-alert-expand.entra.json"] {
        let alert: UnifiedRoleManagementAlert = round_trip(&data(name));
        let config = alert
            .alert_configuration
            .as_ref()
            .expect("expanded configuration");
        let UnifiedRoleManagementAlertConfiguration::TooManyGlobalAdminsAssignedToTenantAlertConfiguration(c) = config
        else {
            panic!("wrong variant {config:?}");
        };
        assert_eq!(c.global_admin_count_threshold, Some(3));
        assert_eq!(config.is_enabled(), Some(true));
        let definition = alert
            .alert_definition
            .as_ref()
            .expect("expanded definition");
        assert_eq!(definition.severity_level, Some(AlertSeverity::Low));
        let incidents = alert.alert_incidents.as_ref().expect("expanded incidents");
        assert_eq!(incidents.len(), 7);
        assert_eq!(
            incidents[0].id(),
            Some("60caa50f-7863-4f48-bf97-2a8fb990b681")
        );
        assert!(
            alert
                .additional_properties
                .contains_key("alertIncidents@odata.context")
        );
    }
    for name in [
        "list-alert-incidents.aad.json",
        "list-alert-incidents.entra.json",
    ] {
        let page: Page<UnifiedRoleManagementAlertIncident> = round_trip(&data(name));
        assert_eq!(page.value.len(), 7);
        assert!(page.value.iter().all(|i| i.odata_type()
            == "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident"));
    }
    let patch: UnifiedRoleManagementAlertConfiguration =
        round_trip(&data("patch-alert-configuration.aad.json"));
    let text = to_string(&patch).unwrap();
    assert!(text.starts_with(
        r##"{"@odata.type":"#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration","##
    ));
}

#[test]
fn resource_template_is_rejected_at_its_first_placeholder() {
    let err =
        from_str::<UnifiedRoleManagementAlert>(&data("resource-alert.template.json")).unwrap_err();
    assert_eq!(err.path(), "incidentCount");
    assert_eq!((err.line(), err.column()), (7, 28));
}

#[test]
fn unknown_derived_type_is_kept_whole() {
    let text = r##"{"@odata.type":"#microsoft.graph.futureAlertIncident","id":"x","n":{"a":[1,2]},"tenantLicenseStatus":"Free"}"##;
    let incident: UnifiedRoleManagementAlertIncident = round_trip(text);
    assert!(matches!(
        incident,
        UnifiedRoleManagementAlertIncident::Other(_)
    ));
    assert_eq!(incident.id(), Some("x"));
    assert_eq!(
        incident.odata_type(),
        "#microsoft.graph.futureAlertIncident"
    );
    // Same text: `@odata.type` first, then the other keys (a `serde_json::Map` sorts them).
    assert_eq!(to_string(&incident).unwrap(), text);
    // Tag not first: buffered path, same result.
    let late = r##"{"id":"x","@odata.type":"#microsoft.graph.futureAlertIncident","tenantLicenseStatus":"Free","n":{"a":[1,2]}}"##;
    assert_eq!(
        from_str::<UnifiedRoleManagementAlertIncident>(late).unwrap(),
        incident
    );
    // Unknown namespace.
    let foreign: UnifiedRoleManagementAlertIncident =
        round_trip(r##"{"@odata.type":"#contoso.incident","id":"y"}"##);
    assert_eq!(foreign.odata_type(), "#contoso.incident");
}

#[test]
fn unknown_enum_member_is_kept() {
    let definition: UnifiedRoleManagementAlertDefinition =
        round_trip(r#"{"id":"d","severityLevel":"critical"}"#);
    assert_eq!(
        definition.severity_level,
        Some(AlertSeverity::Other("critical".into()))
    );
    let definition: UnifiedRoleManagementAlertDefinition =
        round_trip(r#"{"severityLevel":"unknown"}"#);
    assert_eq!(definition.severity_level, Some(AlertSeverity::Unknown));
}

#[test]
fn unknown_properties_and_annotations_are_kept() {
    let text = r#"{"id":"a","futureProperty":{"x":1},"isActive@odata.type":"Edm.Boolean","isActive":true}"#;
    let alert: UnifiedRoleManagementAlert = round_trip(text);
    assert_eq!(alert.is_active, Some(true));
    assert_eq!(
        alert.additional_properties["futureProperty"],
        json!({"x": 1})
    );
    assert_eq!(alert.additional_properties.len(), 2);
}

#[test]
fn explicit_nulls_round_trip_without_duplicate_keys() {
    let text = r##"{"@odata.type":"#microsoft.graph.staleSignInAlertIncident","id":"i","roleDisplayName":null,"lastSignInDateTime":null}"##;
    let mut incident: UnifiedRoleManagementAlertIncident = round_trip(text);
    let UnifiedRoleManagementAlertIncident::StaleSignInAlertIncident(stale) = &mut incident else {
        panic!("wrong variant");
    };
    assert_eq!(stale.role_display_name, None);
    assert_eq!(
        stale.additional_properties.get("roleDisplayName"),
        Some(&Value::Null)
    );
    stale.role_display_name = Some("Global Administrator".into());
    let text = to_string(&incident).unwrap();
    assert_eq!(text.matches("roleDisplayName").count(), 1, "{text}");
    assert!(text.contains(r#""roleDisplayName":"Global Administrator""#));
    assert!(text.contains(r#""lastSignInDateTime":null"#));
    // PATCH with an explicit null.
    let mut patch = StaleSignInAlertConfiguration::default();
    patch
        .additional_properties
        .insert("duration".into(), Value::Null);
    assert_eq!(
        to_string(&patch).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.staleSignInAlertConfiguration","duration":null}"##
    );
}

#[test]
fn tag_position_does_not_matter() {
    let first = r##"{"@odata.type":"#microsoft.graph.staleSignInAlertConfiguration","id":"c","isEnabled":false,"duration":"P30D","x":1}"##;
    let middle = r##"{"id":"c","isEnabled":false,"@odata.type":"#microsoft.graph.staleSignInAlertConfiguration","duration":"P30D","x":1}"##;
    let a: UnifiedRoleManagementAlertConfiguration = round_trip(first);
    let b: UnifiedRoleManagementAlertConfiguration = round_trip(middle);
    assert_eq!(a, b);
    let UnifiedRoleManagementAlertConfiguration::StaleSignInAlertConfiguration(c) = &a else {
        panic!("wrong variant");
    };
    let duration = c.duration.as_ref().unwrap();
    assert_eq!(
        duration.to_std().unwrap(),
        std::time::Duration::from_secs(30 * 86_400)
    );
    assert_eq!(a.is_enabled(), Some(false));
    assert_eq!(to_string(&a).unwrap(), to_string(&b).unwrap());
}

#[test]
fn all_tag_forms_are_accepted() {
    let forms = [
        "#microsoft.graph.staleSignInAlertIncident",
        "microsoft.graph.staleSignInAlertIncident",
        "#graph.staleSignInAlertIncident",
        "graph.staleSignInAlertIncident",
    ];
    // Structs are `#[non_exhaustive]`: outside the crate they are built from `default()`.
    let mut expected = StaleSignInAlertIncident::default();
    expected.id = Some("i".into());
    for form in forms {
        let text = format!(r#"{{"@odata.type":"{form}","id":"i"}}"#);
        let late = format!(r#"{{"id":"i","@odata.type":"{form}"}}"#);
        for text in [text, late] {
            let incident: UnifiedRoleManagementAlertIncident = from_str(&text).unwrap();
            assert_eq!(
                incident,
                UnifiedRoleManagementAlertIncident::StaleSignInAlertIncident(expected.clone())
            );
            let canonical =
                r##"{"@odata.type":"#microsoft.graph.staleSignInAlertIncident","id":"i"}"##;
            assert_eq!(to_string(&incident).unwrap(), canonical);
        }
    }
}

#[test]
fn known_type_with_bad_payload_is_an_error_with_path() {
    let text = r##"{"value":[
        {"@odata.type":"#microsoft.graph.staleSignInAlertIncident","id":"a"},
        {"@odata.type":"#microsoft.graph.staleSignInAlertIncident","id":"b","lastSignInDateTime":"yesterday"}
    ]}"##;
    let err = from_str::<Page<UnifiedRoleManagementAlertIncident>>(text).unwrap_err();
    assert_eq!(err.path(), "value[1].lastSignInDateTime");
    assert!(err.message().contains("yesterday"), "{err}");
    assert_eq!(err.line(), 3);
    // Buffered path: the path stops at the object, the message names the field.
    let late = r##"{"value":[{"id":"b","lastSignInDateTime":5,"@odata.type":"#microsoft.graph.staleSignInAlertIncident"}]}"##;
    let err = from_str::<Page<UnifiedRoleManagementAlertIncident>>(late).unwrap_err();
    assert_eq!(err.path(), "value[0]");
    assert!(err.message().contains("lastSignInDateTime"), "{err}");
    // Through nested navigation properties.
    let nested = r##"{"alertIncidents":[{"@odata.type":"#graph.tooManyGlobalAdminsAssignedToTenantAlertIncident","assigneeId":7}]}"##;
    let err = from_slice::<UnifiedRoleManagementAlert>(nested.as_bytes()).unwrap_err();
    assert_eq!(err.path(), "alertIncidents[0].assigneeId");
    assert!(
        err.to_string()
            .starts_with("alertIncidents[0].assigneeId: invalid type"),
        "{err}"
    );
}

#[test]
fn missing_tag_on_abstract_base_is_an_error_naming_it() {
    for text in [r#"{"id":"a"}"#, "{}"] {
        let err = from_str::<UnifiedRoleManagementAlertIncident>(text).unwrap_err();
        assert!(
            err.message()
                .contains("microsoft.graph.unifiedRoleManagementAlertIncident"),
            "{err}"
        );
    }
    let err = from_str::<UnifiedRoleManagementAlertIncident>(r#"{"@odata.type":7}"#).unwrap_err();
    assert!(err.message().contains("string"), "{err}");
}

#[test]
fn concrete_base_without_tag_decodes_as_base() {
    let text =
        r#"{"id":"op","status":"running","createdDateTime":"2024-05-01T10:00:00.1234567+02:00"}"#;
    let op: LongRunningOperation = round_trip(text);
    let LongRunningOperation::Base(base) = &op else {
        panic!("wrong variant {op:?}");
    };
    assert_eq!(base.status, Some(LongRunningOperationStatus::Running));
    assert_eq!(op.odata_type(), "#microsoft.graph.longRunningOperation");
    assert_eq!(op.created_date_time().unwrap().fraction_digits(), 7);
    // An explicit base tag is kept and written first.
    let tagged = r##"{"@odata.type":"#microsoft.graph.longRunningOperation","id":"op"}"##;
    let op: LongRunningOperation = round_trip(tagged);
    assert!(matches!(op, LongRunningOperation::Base(_)));
    assert_eq!(to_string(&op).unwrap(), tagged);
    // A derived type.
    let rich = r##"{"@odata.type":"#microsoft.graph.richLongRunningOperation","id":"r","type":"refresh","percentageComplete":50,"status":"failed","error":{"code":"x","innerError":{"code":"y","dynamic":true},"details":[{"code":"z"}]}}"##;
    let op: LongRunningOperation = round_trip(rich);
    let LongRunningOperation::RichLongRunningOperation(r) = &op else {
        panic!("wrong variant {op:?}");
    };
    assert_eq!(r.r#type.as_deref(), Some("refresh"));
    let inner = r.error.as_ref().unwrap().inner_error.as_ref().unwrap();
    assert_eq!(inner.additional_properties["dynamic"], json!(true));
    assert_eq!(op.status(), Some(&LongRunningOperationStatus::Failed));
}

#[test]
fn derived_struct_alone_writes_its_type_first() {
    let mut config = StaleSignInAlertConfiguration::default();
    config.is_enabled = Some(true);
    config.duration = Some("PT10S".parse().unwrap());
    assert_eq!(
        to_string(&config).unwrap(),
        r##"{"@odata.type":"#microsoft.graph.staleSignInAlertConfiguration","isEnabled":true,"duration":"PT10S"}"##
    );
    // Decoding it alone drops the (canonically rewritten) tag.
    let decoded: StaleSignInAlertConfiguration =
        from_str(r##"{"isEnabled":true,"@odata.type":"#graph.staleSignInAlertConfiguration","duration":"PT10S"}"##).unwrap();
    assert_eq!(decoded, config);
}

#[test]
fn page_control_information() {
    let text = r#"{"@odata.context":"ctx","@odata.count":"2","value":[{"id":"a"},{"id":"b"}],"@odata.nextLink":"https://next","@odata.deltaLink":null}"#;
    let page: Page<UnifiedRoleManagementAlert> = from_str(text).unwrap();
    assert_eq!(page.count, Some(2));
    assert_eq!(page.next_link.as_deref(), Some("https://next"));
    assert_eq!(page.delta_link, None);
    assert_eq!(page.additional_properties["@odata.context"], json!("ctx"));
    let out: Value = serde_json::from_str(&to_string(&page).unwrap()).unwrap();
    assert_eq!(
        out,
        json!({"@odata.context":"ctx","@odata.count":2,"value":[{"id":"a"},{"id":"b"}],"@odata.nextLink":"https://next","@odata.deltaLink":null})
    );
    let delta: Page<UnifiedRoleManagementAlert> =
        round_trip(r#"{"value":[],"@odata.deltaLink":"https://delta","@odata.count":0}"#);
    assert_eq!(delta.delta_link.as_deref(), Some("https://delta"));
    let err = from_str::<Page<UnifiedRoleManagementAlert>>(r#"{"value":[{"id":1}]}"#).unwrap_err();
    assert_eq!(err.path(), "value[0].id");
}

#[test]
fn hostile_inputs_do_not_panic() {
    for text in [
        "",
        "[]",
        "null",
        "{",
        r##"{"@odata.type":"#"}"##,
        r##"{"@odata.type":"."}"##,
        r##"{"@odata.type":"#microsoft.graph."}"##,
        r##"{"value":{}}"##,
        r##"{"@odata.type":null,"id":"x"}"##,
        r##"{"@odata.type":"#graph.staleSignInAlertIncident","id":"a"} x"##,
    ] {
        let _ = from_str::<UnifiedRoleManagementAlertIncident>(text);
        let _ = from_str::<LongRunningOperation>(text);
        let _ = from_str::<Page<UnifiedRoleManagementAlertIncident>>(text);
    }
    let err = from_str::<LongRunningOperation>(r#"{"id":"a"} x"#).unwrap_err();
    assert_eq!((err.path(), err.line(), err.column()), (".", 1, 12));
}

#[test]
fn keys_match_by_their_decoded_bytes_and_unknown_keys_must_be_utf8() {
    // An escaped declared name still fills its field (escapes are decoded before matching).
    let alert: UnifiedRoleManagementAlert =
        serde_json::from_str(r#"{"\u0069d": "a1", "caf\u00e9": 1}"#).expect("decode");
    assert_eq!(alert.id.as_deref(), Some("a1"));
    assert_eq!(alert.additional_properties["café"], json!(1));
    // Keys are matched as raw bytes: an unknown key that is not UTF-8 is still an error, at
    // the top level and after the tag of a polymorphic value.
    let bad_key = b"{\"id\": \"a1\", \"x\xff\": 1}";
    let err = serde_json::from_slice::<UnifiedRoleManagementAlert>(bad_key).expect_err("bad key");
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    let bad_incident =
        b"{\"@odata.type\": \"#microsoft.graph.staleSignInAlertIncident\", \"\xc3\": 1}";
    let err = serde_json::from_slice::<UnifiedRoleManagementAlertIncident>(bad_incident)
        .expect_err("bad key");
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    // A non-UTF-8 value of a declared string property is rejected as before.
    let bad_value = b"{\"id\": \"a\xff\"}";
    assert!(serde_json::from_slice::<UnifiedRoleManagementAlert>(bad_value).is_err());
}
