//! Inputs found by the fuzz targets (`fuzz/`), replayed through the same oracle: whatever
//! decodes must encode, decode again and re-encode to the same bytes.

use std::fmt::Debug;

use pim_alerts_models::{
    LongRunningOperation, Page, UnifiedRoleManagementAlert,
    UnifiedRoleManagementAlertConfiguration, UnifiedRoleManagementAlertIncident, from_str,
    to_string,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes `input` as `T` and checks that its encoding is a fixed point; returns it.
fn stable_encoding<T: DeserializeOwned + Serialize + Debug>(input: &str) -> String {
    let first: T = from_str(input).expect("the input decodes");
    let encoded = to_string(&first).expect("encodes");
    let second: T = from_str(&encoded).unwrap_or_else(|e| panic!("{e}: {encoded}"));
    let again = to_string(&second).expect("encodes again");
    assert_eq!(encoded, again, "not stable: {input}");
    encoded
}

/// `decode_incident`, crash-db33b75f: a second `@odata.type` naming a known type replaced the
/// unknown tag of the catch-all, which then re-decoded as that known type.
#[test]
fn later_duplicate_tag_does_not_change_an_unknown_type() {
    let input = r##"{"@odata.type":"#graph.inValidLicenseAlertIncident","id":"x",
        "@odata.type":"#microsoft.graph.tooManyGlobalAdminsAssignedToTenantAlertIncident"}"##;
    let encoded = stable_encoding::<UnifiedRoleManagementAlertIncident>(input);
    assert!(
        encoded.starts_with(r##"{"@odata.type":"#graph.inValidLicenseAlertIncident""##),
        "{encoded}"
    );
    stable_encoding::<UnifiedRoleManagementAlertConfiguration>(input);
}

/// The same for a concrete base type, whose tag is kept in its additional properties.
#[test]
fn later_duplicate_tag_does_not_change_a_base_type() {
    let input = r##"{"@odata.type":"#microsoft.graph.longRunningOperation","status":"running",
        "@odata.type":"#microsoft.graph.richLongRunningOperation"}"##;
    let encoded = stable_encoding::<LongRunningOperation>(input);
    assert!(
        encoded.starts_with(r##"{"@odata.type":"#microsoft.graph.longRunningOperation""##),
        "{encoded}"
    );
    let page = format!(r#"{{"value":[{{"alertIncidents":[{input}]}}]}}"#);
    stable_encoding::<Page<UnifiedRoleManagementAlert>>(&page);
}
