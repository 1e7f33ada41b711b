//! A derived struct decoded on its own (not through its polymorphic enum) accepts only its own
//! `@odata.type`: another type's tag is an error naming both, never a silent relabel.

use pim_alerts_models::{
    LongRunningOperationBase, Page, RichLongRunningOperation, StaleSignInAlertConfiguration,
    TooManyGlobalAdminsAssignedToTenantAlertConfiguration, UnifiedRoleManagementAlert,
    UnifiedRoleManagementAlertConfiguration, from_str, to_string,
};
use serde_json::Value;

const TOO_MANY: &str = "#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration";
const STALE: &str = "#microsoft.graph.staleSignInAlertConfiguration";

/// The PATCH body of the docs page (a `tooManyGlobalAdminsAssignedToTenantAlertConfiguration`).
fn seed() -> String {
    let path = format!(
        "{}/tests/data/patch-alert-configuration.aad.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `seed()` with its `@odata.type` replaced by `tag`.
fn seed_tagged(tag: &str) -> String {
    seed().replace(TOO_MANY, tag)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn another_types_tag_is_an_error_naming_both() {
    let err = from_str::<StaleSignInAlertConfiguration>(&seed()).unwrap_err();
    assert_eq!(err.path(), "@odata.type");
    assert_eq!(err.line(), 2, "{err}");
    let message = err.message();
    assert!(
        message.contains(&format!("expected `{STALE}`, found `{TOO_MANY}`")),
        "{message}"
    );
    assert!(message.contains("polymorphic enum"), "{message}");
    // The brief's case, through plain serde_json as well.
    let stale = seed_tagged(STALE);
    let err = serde_json::from_str::<TooManyGlobalAdminsAssignedToTenantAlertConfiguration>(&stale)
        .unwrap_err();
    assert!(err.is_data(), "{err}");
    assert!(
        err.to_string()
            .contains(&format!("expected `{TOO_MANY}`, found `{STALE}`")),
        "{err}"
    );
    // The polymorphic enum is the way to decode it.
    let config: UnifiedRoleManagementAlertConfiguration = from_str(&stale).unwrap();
    assert_eq!(config.odata_type(), STALE);
}

#[test]
fn the_error_carries_the_path_of_the_tag() {
    // Tag first, late, and in a page; a later duplicate naming another type fails too.
    let cases = [
        (
            format!(r#"{{"value":[{{"isEnabled":true}},{{"@odata.type":"{STALE}"}}]}}"#),
            "value[1].@odata.type",
        ),
        (
            format!(r#"{{"value":[{{"isEnabled":true,"@odata.type":"{STALE}"}}]}}"#),
            "value[0].@odata.type",
        ),
        (
            format!(r#"{{"value":[{{"@odata.type":"{TOO_MANY}","@odata.type":"{STALE}"}}]}}"#),
            "value[0].@odata.type",
        ),
    ];
    for (text, path) in cases {
        let err = from_str::<Page<TooManyGlobalAdminsAssignedToTenantAlertConfiguration>>(&text)
            .unwrap_err();
        assert_eq!(err.path(), path, "{text}");
        assert!(err.message().contains(STALE), "{err}");
    }
    // Not a string at all.
    let err = from_str::<StaleSignInAlertConfiguration>(r#"{"@odata.type":7}"#).unwrap_err();
    assert_eq!(err.path(), "@odata.type");
    assert!(err.message().contains("string"), "{err}");
}

#[test]
fn own_tag_in_every_form_the_enum_accepts_and_no_tag_decode_as_before() {
    let seed = seed();
    let own: TooManyGlobalAdminsAssignedToTenantAlertConfiguration = from_str(&seed).unwrap();
    assert_eq!(own.global_admin_count_threshold, Some(4));
    assert!(own.additional_properties.is_empty());
    assert_eq!(json(&to_string(&own).unwrap()), json(&seed));
    let forms = [
        "microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
        "#graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
        "graph.tooManyGlobalAdminsAssignedToTenantAlertConfiguration",
    ];
    for form in forms {
        let decoded: TooManyGlobalAdminsAssignedToTenantAlertConfiguration =
            from_str(&seed_tagged(form)).unwrap();
        assert_eq!(decoded, own, "{form}");
    }
    let untagged = seed.replace(&format!(r#""@odata.type": "{TOO_MANY}","#), "");
    assert!(!untagged.contains("@odata.type"));
    let decoded: TooManyGlobalAdminsAssignedToTenantAlertConfiguration =
        from_str(&untagged).unwrap();
    assert_eq!(decoded, own);
}

#[test]
fn tags_compare_as_the_polymorphic_enum_compares_them() {
    // Names are case-sensitive: the enum keeps this tag as an unknown type, so the struct
    // refuses it rather than relabel it.
    let shouting = "#microsoft.graph.TooManyGlobalAdminsAssignedToTenantAlertConfiguration";
    let config: UnifiedRoleManagementAlertConfiguration = from_str(&seed_tagged(shouting)).unwrap();
    assert!(matches!(
        config,
        UnifiedRoleManagementAlertConfiguration::Other(_)
    ));
    let err =
        from_str::<TooManyGlobalAdminsAssignedToTenantAlertConfiguration>(&seed_tagged(shouting))
            .unwrap_err();
    assert!(err.message().contains(shouting), "{err}");
    // A foreign namespace with the same simple name is another type too.
    let foreign = "#contoso.tooManyGlobalAdminsAssignedToTenantAlertConfiguration";
    assert!(
        from_str::<TooManyGlobalAdminsAssignedToTenantAlertConfiguration>(&seed_tagged(foreign))
            .is_err()
    );
}

#[test]
fn roots_keep_any_tag_and_write_it_back() {
    // A root re-encodes the tag as received, so nothing is relabelled.
    let rich = r##"{"@odata.type":"#microsoft.graph.richLongRunningOperation","id":"r","percentageComplete":5}"##;
    let base: LongRunningOperationBase = from_str(rich).unwrap();
    assert_eq!(json(&to_string(&base).unwrap()), json(rich));
    let alert = r##"{"@odata.type":"#microsoft.graph.futureAlert","id":"a"}"##;
    let decoded: UnifiedRoleManagementAlert = from_str(alert).unwrap();
    assert_eq!(json(&to_string(&decoded).unwrap()), json(alert));
    // A derived struct of another hierarchy still checks.
    let err = from_str::<RichLongRunningOperation>(
        r##"{"@odata.type":"#microsoft.graph.longRunningOperation","id":"r"}"##,
    )
    .unwrap_err();
    assert!(
        err.message()
            .contains("found `#microsoft.graph.longRunningOperation`")
    );
}

/// `"@odata.type": null` names no type: the enum refuses it whether the tag comes first (fast
/// path) or later (buffered path), so the derived struct refuses it too, at the tag, rather
/// than decode a value its enum would not.
#[test]
fn a_null_tag_is_refused_like_the_enum_refuses_it() {
    let first = r#"{"@odata.type":null,"isEnabled":true}"#;
    let later = r#"{"isEnabled":true,"@odata.type":null}"#;
    for text in [first, later] {
        let err = from_str::<StaleSignInAlertConfiguration>(text).unwrap_err();
        assert_eq!(err.path(), "@odata.type", "{text}");
        assert_eq!(
            err.message(),
            "invalid type: null, expected a string",
            "{text}"
        );
    }
    let err = from_str::<UnifiedRoleManagementAlertConfiguration>(first).unwrap_err();
    assert_eq!(err.path(), "@odata.type");
    assert_eq!(err.message(), "invalid type: null, expected a string");
    let err = from_str::<UnifiedRoleManagementAlertConfiguration>(later).unwrap_err();
    assert_eq!(err.message(), "`@odata.type` must be a string");
}
