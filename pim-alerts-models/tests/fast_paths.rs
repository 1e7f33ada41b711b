//! The decoding shortcuts behave like the plain serde paths they replace: `@odata.type` and
//! Edm date/time values read as raw bytes, `String` properties read in one step, and
//! [`StrKeys`] (keys as strings for `serde_path_to_error`) changing nothing but the keys.

use pim_alerts_models::support::StrKeys;
use pim_alerts_models::{
    LongRunningOperation, Page, UnifiedRoleManagementAlert, UnifiedRoleManagementAlertIncident,
    from_slice, from_str, to_string,
};
use serde_json::{Value, json};

type Incident = UnifiedRoleManagementAlertIncident;

/// A page mixing tag positions, escapes, nulls, unknown types and unknown properties.
const MIXED_PAGE: &str = r##"{"@odata.context":"ctx","value":[
    {"@odata.type":"#microsoft.graph.sequentialActivationRenewalsAlertIncident","id":"s\u00e9q",
     "activationCount":3,"sequenceStartDateTime":"2023-04-05T06:07:08.123Z",
     "sequenceEndDateTime":"2023\u002d04-05T09:07:08Z","roleDisplayName":null,"x":[1,{"y":2}]},
    {"id":"late","lastSignInDateTime":"0001-01-01T08:00:00+01:00",
     "@odata.type":"#graph.staleSignInAlertIncident"},
    {"@odata.type":"#contoso.\u0078Incident","id":"o","nested":{"a":[true]}}
]}"##;

#[test]
fn escaped_tag_selects_its_variant_and_unknown_tags_are_kept_decoded() {
    let escaped = r##"{"@odata.type":"#microsoft.graph.stale\u0053ignInAlertIncident","id":"i"}"##;
    let incident: Incident = from_str(escaped).unwrap();
    assert!(
        matches!(incident, Incident::StaleSignInAlertIncident(_)),
        "{incident:?}"
    );
    let page: Page<Incident> = from_str(MIXED_PAGE).unwrap();
    let Incident::Other(raw) = &page.value[2] else {
        panic!("{:?}", page.value[2]);
    };
    assert_eq!(raw["@odata.type"], json!("#contoso.xIncident"));
    assert_eq!(page.value[2].odata_type(), "#contoso.xIncident");
}

#[test]
fn a_tag_that_is_stored_must_be_utf8() {
    let unknown = b"{\"@odata.type\": \"#contoso.\xff\", \"id\": \"a\"}";
    let err = from_slice::<Incident>(unknown).unwrap_err();
    assert!(
        err.message().contains("`@odata.type` is not valid UTF-8"),
        "{err}"
    );
    // A root type keeps its tag: decoded, stored, re-encoded.
    let root = r##"{"@odata.type":"#microsoft.graph.longRunningOperation","id":"op"}"##;
    let op: LongRunningOperation = from_str(root).unwrap();
    assert_eq!(to_string(&op).unwrap(), root);
    // A tag that is not a string is an error naming the tag's expected type.
    let err = from_str::<Incident>(r#"{"@odata.type":["x"],"id":"a"}"#).unwrap_err();
    assert!(err.message().contains("expected a string"), "{err}");
}

#[test]
fn date_times_decode_from_raw_bytes_on_both_paths() {
    let page: Page<Incident> = from_str(MIXED_PAGE).unwrap();
    let out: Value = serde_json::from_str(&to_string(&page).unwrap()).unwrap();
    // Escapes are decoded before parsing; the text re-encodes exactly as decoded.
    assert_eq!(
        out["value"][0]["sequenceEndDateTime"],
        json!("2023-04-05T09:07:08Z")
    );
    assert_eq!(
        out["value"][0]["sequenceStartDateTime"],
        json!("2023-04-05T06:07:08.123Z")
    );
    // Tag not first: the buffered path hands the date over as a string.
    assert_eq!(
        out["value"][1]["lastSignInDateTime"],
        json!("0001-01-01T08:00:00+01:00")
    );
    // Not UTF-8: no longer validated as text, still rejected by the parser.
    let bad =
        b"{\"@odata.type\":\"#graph.staleSignInAlertIncident\",\"lastSignInDateTime\":\"20\xff3\"}";
    let err = from_slice::<Incident>(bad).unwrap_err();
    assert_eq!(err.path(), "lastSignInDateTime");
    assert!(
        err.message().contains("invalid Edm.DateTimeOffset"),
        "{err}"
    );
    let err = from_str::<Incident>(
        r##"{"@odata.type":"#graph.staleSignInAlertIncident","lastSignInDateTime":7}"##,
    )
    .unwrap_err();
    assert_eq!(err.path(), "lastSignInDateTime");
}

#[test]
fn string_properties_take_strings_escapes_and_nulls_only() {
    let page: Page<Incident> = from_str(MIXED_PAGE).unwrap();
    assert_eq!(page.value[0].id(), Some("séq"));
    let Incident::SequentialActivationRenewalsAlertIncident(seq) = &page.value[0] else {
        panic!("{:?}", page.value[0]);
    };
    assert_eq!(seq.role_display_name, None);
    assert_eq!(seq.additional_properties["roleDisplayName"], Value::Null);
    assert_eq!(seq.additional_properties["x"], json!([1, {"y": 2}]));
    let escaped: UnifiedRoleManagementAlert =
        from_str(r#"{"id":"a\"b\\c\u00e9\ud83d\ude00"}"#).unwrap();
    assert_eq!(escaped.id.as_deref(), Some("a\"b\\cé😀"));
    for (value, found) in [("7", "integer"), ("true", "boolean"), ("[]", "sequence")] {
        let text = format!(r#"{{"alertIncidents":[],"id":{value}}}"#);
        let err = from_str::<UnifiedRoleManagementAlert>(&text).unwrap_err();
        assert_eq!(err.path(), "id", "{err}");
        assert!(
            err.message().contains(found) && err.message().contains("a string or null"),
            "{err}"
        );
    }
}

#[test]
fn str_keys_changes_nothing_but_the_keys() {
    let plain: Page<Incident> = serde_json::from_str(MIXED_PAGE).unwrap();
    let mut de = serde_json::Deserializer::from_str(MIXED_PAGE);
    let tracked: Page<Incident> = serde_path_to_error::deserialize(StrKeys::new(&mut de)).unwrap();
    de.end().unwrap();
    assert_eq!(plain, tracked);
    assert_eq!(to_string(&plain).unwrap(), to_string(&tracked).unwrap());
}

#[test]
fn str_keys_paths_name_the_properties_of_generated_types() {
    let text = MIXED_PAGE.replace(r#""activationCount":3"#, r#""activationCount":"three""#);
    let mut de = serde_json::Deserializer::from_str(&text);
    let err =
        serde_path_to_error::deserialize::<_, Page<Incident>>(StrKeys::new(&mut de)).unwrap_err();
    assert_eq!(err.path().to_string(), "value[0].activationCount");
    // Without the adapter the tracker sees byte keys only and cannot name the property.
    let mut de = serde_json::Deserializer::from_str(&text);
    let err = serde_path_to_error::deserialize::<_, Page<Incident>>(&mut de).unwrap_err();
    assert_ne!(err.path().to_string(), "value[0].activationCount");
}

#[test]
fn byte_mode_keys_take_unescaped_control_characters_values_do_not() {
    // Documented leniency of keys read as bytes (see `RawKey`): kept, re-encoded escaped.
    let alert: UnifiedRoleManagementAlert = from_slice(b"{\"id\":\"a\",\"x\x01\":1}").unwrap();
    assert_eq!(alert.additional_properties["x\u{1}"], json!(1));
    assert_eq!(to_string(&alert).unwrap(), r#"{"id":"a","x\u0001":1}"#);
    // A declared string property keeps serde_json's strict path.
    let err = from_slice::<UnifiedRoleManagementAlert>(b"{\"id\":\"a\x01\"}").unwrap_err();
    assert!(err.message().contains("control character"), "{err}");
    assert_eq!(err.path(), "id");
}
