//! Update (`PATCH`) bodies: what the generated `update(&body)` sends of an entity value.
//!
//! The natural flow is `get()` (maybe with `$expand`), change a field, `update()`. The value
//! read then holds more than an update may carry: instance annotations (`@odata.context`,
//! `@microsoft.graph.tips`, `alertIncidents@odata.context`), the key, expanded navigation
//! properties, and properties only the service sets. A key cannot be changed and a navigation
//! property in a `PATCH` body is a deep update: the service rejects such a body. A property
//! the metadata marks `Core.Computed` or `Core.Immutable` is not the caller's to change, and
//! Graph's update requests never carry one. [`update_json`] serializes the value as usual and
//! keeps, in their order, only the top-level members an update may carry:
//!
//! - `@odata.type` (a derived type in a polymorphic body needs it; it stays first);
//! - every other member that is no annotation (no `@` in its name) and that the entity type's
//!   [`UpdateBody`] data does not list (keys, navigation properties, computed and immutable
//!   properties).
//!
//! Values are sent exactly as serialized (absent `Option`s stay absent, explicit `null`s stay);
//! nested values are not filtered.

use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

// `@odata.type`: the one annotation an update body keeps.
use pim_alerts_models::support::object::ODATA_TYPE;

/// An entity type that generated `update()` builders send as a `PATCH` body: the members a body
/// of it never carries. The generated code implements it for every entity type the service lets
/// callers update; [`update_json`] reads it.
pub trait UpdateBody: Serialize {
    /// The key, navigation, computed and immutable properties of the entity type (declared or
    /// inherited), by JSON (CSDL) name: never sent.
    const NOT_SENT: &'static [&'static str];

    /// Derived types that add members to that list: (`@odata.type` as the models write
    /// it, every member a body of that type never carries). A body whose `@odata.type` is listed
    /// drops those members instead of [`NOT_SENT`](Self::NOT_SENT); any other body (the type
    /// itself, a derived type that adds none, a type this crate does not know) drops
    /// [`NOT_SENT`](Self::NOT_SENT), which every derived type inherits.
    const NOT_SENT_BY_TYPE: &'static [(&'static str, &'static [&'static str])] = &[];
}

/// Why an update body cannot be sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpdateBodyError {
    /// The value's `Serialize` implementation failed.
    #[error("could not serialize the update body: {0}")]
    Serialize(#[source] serde_json::Error),
    /// The value serialized to JSON that is no object (an entity always is one).
    #[error("the update body is not a JSON object: {0}")]
    NotAnObject(#[source] serde_json::Error),
}

/// The JSON bytes `update(&body)` sends: `body` serialized, without annotations other than
/// `@odata.type` and `@odata.bind` links and without the members [`UpdateBody`] lists for its
/// type (see the module docs). Fails when `body` cannot be serialized or is no JSON object.
///
/// ```
/// use pim_alerts_client::runtime::update::update_json;
/// use pim_alerts_models::UnifiedRoleManagementAlert;
///
/// let read = r#"{"@odata.context": "https://graph.microsoft.com/beta/$metadata#x", "id": "a1",
///     "isActive": true, "scopeId": "/", "alertDefinition": {"id": "d1"}}"#;
/// let mut alert: UnifiedRoleManagementAlert = serde_json::from_str(read)?;
/// alert.is_active = Some(false);
/// let sent = String::from_utf8(update_json(&alert)?)?;
/// assert_eq!(sent, r#"{"isActive":false}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn update_json<B: UpdateBody>(body: &B) -> Result<Vec<u8>, UpdateBodyError> {
    let bytes = serde_json::to_vec(body).map_err(UpdateBodyError::Serialize)?;
    let Members(members) = serde_json::from_slice(&bytes).map_err(UpdateBodyError::NotAnObject)?;
    let not_sent = not_sent::<B>(&members);
    let kept = members.iter().filter(|(name, _)| is_sent(name, not_sent));
    Ok(write_object(kept))
}

/// The members a body with these `members` must not carry: those of its `@odata.type`, if
/// listed, else the entity type's.
fn not_sent<B: UpdateBody>(members: &[(String, &RawValue)]) -> &'static [&'static str] {
    let odata_type = (members.iter())
        .find(|(name, _)| name == ODATA_TYPE)
        .and_then(|(_, raw)| serde_json::from_str::<String>(raw.get()).ok());
    (B::NOT_SENT_BY_TYPE.iter())
        .find(|(ty, _)| Some(*ty) == odata_type.as_deref())
        .map_or(B::NOT_SENT, |(_, members)| members)
}

/// Whether the member `name` is sent: `@odata.type`, a navigation link, or no annotation and
/// not listed.
fn is_sent(name: &str, not_sent: &[&str]) -> bool {
    name == ODATA_TYPE || is_bind(name) || (!name.contains('@') && !not_sent.contains(&name))
}

/// Whether `name` is a `nav@odata.bind` (4.0) or `nav@bind` (4.01) link of a navigation property.
fn is_bind(name: &str) -> bool {
    name.split_once('@')
        .is_some_and(|(nav, term)| !nav.is_empty() && matches!(term, "odata.bind" | "bind"))
}

/// `{"name":raw,...}` of `members`, in order, each value as serialized.
fn write_object<'a>(members: impl Iterator<Item = &'a (String, &'a RawValue)>) -> Vec<u8> {
    let mut out = vec![b'{'];
    for (i, (name, raw)) in members.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // A `String` always serializes; the name is escaped as serde_json escapes keys.
        out.extend(serde_json::to_string(name).unwrap_or_default().into_bytes());
        out.push(b':');
        out.extend(raw.get().as_bytes());
    }
    out.push(b'}');
    out
}

/// The top-level members of a JSON object in order, each value borrowed unparsed.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// The visitor of [`Members`].
struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            members.push((name, map.next_value::<&RawValue>()?));
        }
        Ok(Members(members))
    }
}

#[cfg(test)]
mod tests {
    use reqwest::Method;
    use serde_json::{Value, json};

    use super::*;
    use crate::runtime::Request;

    /// A body type with a key, a navigation property, and a derived type that adds one.
    struct Thing(Value);

    impl Serialize for Thing {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(s)
        }
    }

    impl UpdateBody for Thing {
        const NOT_SENT: &'static [&'static str] = &["id", "parent"];
        const NOT_SENT_BY_TYPE: &'static [(&'static str, &'static [&'static str])] =
            &[("#ns.special", &["id", "parent", "extra"])];
    }

    fn sent(body: Value) -> String {
        match update_json(&Thing(body)) {
            Ok(bytes) => String::from_utf8(bytes).unwrap_or_default(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn keys_navigation_and_annotations_are_dropped() {
        let body = json!({
            "@odata.context": "x", "id": "1", "name": "n", "parent": {"id": "2"},
            "parent@odata.context": "y", "extra": 1, "@ns.tip": "t", "gone": null
        });
        assert_eq!(sent(body), r#"{"extra":1,"gone":null,"name":"n"}"#);
    }

    #[test]
    fn navigation_links_are_kept() {
        let body = json!({
            "parent": {"id": "2"}, "parent@odata.bind": "things('2')",
            "other@bind": "things('3')", "@odata.bind": "x", "parent@odata.navigationLink": "y"
        });
        assert_eq!(
            sent(body),
            r#"{"other@bind":"things('3')","parent@odata.bind":"things('2')"}"#
        );
    }

    #[test]
    fn odata_type_is_kept_and_selects_the_derived_list() {
        let special = json!({"@odata.type": "#ns.special", "extra": 1, "name": "n"});
        assert_eq!(
            sent(special),
            r##"{"@odata.type":"#ns.special","name":"n"}"##
        );
        let unknown = json!({"@odata.type": "#ns.other", "extra": 1, "id": "1"});
        assert_eq!(sent(unknown), r##"{"@odata.type":"#ns.other","extra":1}"##);
    }

    #[test]
    fn a_body_that_is_no_object_is_an_error() {
        let err = update_json(&Thing(json!([1]))).expect_err("an array");
        assert!(matches!(err, UpdateBodyError::NotAnObject(_)), "{err}");
        assert!(err.to_string().contains("not a JSON object"), "{err}");
    }

    /// A body whose serialization fails.
    struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("no way"))
        }
    }

    impl UpdateBody for Unwritable {
        const NOT_SENT: &'static [&'static str] = &[];
    }

    #[test]
    fn a_body_that_cannot_be_written_makes_the_request_invalid() {
        let request = Request::new(Method::PATCH, "/things/{id}").update_json(&Unwritable);
        let err = request.check().expect_err("invalid");
        let message = err.to_string();
        assert!(
            message.contains("could not serialize the update body: no way"),
            "{message}"
        );
        assert!(request.body.is_none(), "no body");
    }
}
