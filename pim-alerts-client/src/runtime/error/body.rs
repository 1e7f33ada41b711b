//! Graph's error body (`{"error": {...}}`) and its tolerant decoding.
//!
//! Graph documents `code`, `message`, `target`, `details` and an `innerError` chain
//! (<https://learn.microsoft.com/graph/errors>), but services put more (or differently shaped)
//! members in there; the decoding rules are on [`GraphErrorBody`].

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

/// Graph's standard error body: `{"error": {"code", "message", "target", "details",
/// "innerError"}}` (<https://learn.microsoft.com/graph/errors>).
///
/// Decoding it (and its [`ErrorDetail`]s and [`InnerError`]s) never fails on a member's shape:
/// a string member also takes a number or boolean (as its JSON text), and any member that cannot
/// be read as documented (including an explicit `null`), like every undocumented one, is kept
/// as received in `additional_properties`, as the models crate does for open types. A `details`
/// array with entries that are not objects is read as far as it goes and also kept whole. Only
/// an `error` that is not a JSON object fails to decode.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "Map<String, Value>")]
#[non_exhaustive]
pub struct GraphErrorBody {
    /// Graph's error code, e.g. `BadRequest`, `UnknownError`, `Request_ResourceNotFound`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// What the error is about (a property name, for instance).
    pub target: Option<String>,
    /// The errors that explain this one, e.g. one per invalid property.
    pub details: Vec<ErrorDetail>,
    /// Diagnostics for support requests.
    pub inner_error: Option<InnerError>,
    /// Undocumented members and documented ones of an unreadable shape, as received.
    pub additional_properties: Map<String, Value>,
}

/// One entry of the `details` array of a Graph error body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "Map<String, Value>")]
#[non_exhaustive]
pub struct ErrorDetail {
    /// The detail's error code.
    pub code: Option<String>,
    /// The detail's message.
    pub message: Option<String>,
    /// What the detail is about.
    pub target: Option<String>,
    /// Undocumented members and documented ones of an unreadable shape, as received.
    pub additional_properties: Map<String, Value>,
}

/// The `innerError` object of a Graph error body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "Map<String, Value>")]
#[non_exhaustive]
pub struct InnerError {
    /// A more specific error code than the body's.
    pub code: Option<String>,
    /// Graph's `request-id`.
    pub request_id: Option<String>,
    /// The `client-request-id` Graph saw.
    pub client_request_id: Option<String>,
    /// When the error happened, as Graph reports it.
    pub date: Option<String>,
    /// The next, more specific `innerError` of the chain.
    pub inner_error: Option<Box<InnerError>>,
    /// Undocumented members and documented ones of an unreadable shape, as received.
    pub additional_properties: Map<String, Value>,
}

impl From<Map<String, Value>> for GraphErrorBody {
    /// Reads the members of an `error` object, keeping what it cannot read.
    fn from(members: Map<String, Value>) -> Self {
        let mut body = GraphErrorBody {
            code: String::new(),
            message: String::new(),
            target: None,
            details: Vec::new(),
            inner_error: None,
            additional_properties: Map::new(),
        };
        body.additional_properties = read_members(members, |key, value| match key {
            "code" => read_text(&mut body.code, value),
            "message" => read_text(&mut body.message, value),
            "target" => read_string(&mut body.target, value),
            "details" => read_details(&mut body.details, value),
            "innerError" | "innererror" => {
                read_object(&mut body.inner_error, value, InnerError::from)
            }
            _ => Some(value),
        });
        body
    }
}

impl GraphErrorBody {
    /// A short summary of `target` and the first detail, for `Display`: empty when Graph sent
    /// neither.
    pub(crate) fn extras(&self) -> Extras<'_> {
        Extras(self)
    }
}

impl From<Map<String, Value>> for ErrorDetail {
    /// Reads the members of a `details` entry, keeping what it cannot read.
    fn from(members: Map<String, Value>) -> Self {
        let mut detail = ErrorDetail::default();
        detail.additional_properties = read_members(members, |key, value| match key {
            "code" => read_string(&mut detail.code, value),
            "message" => read_string(&mut detail.message, value),
            "target" => read_string(&mut detail.target, value),
            _ => Some(value),
        });
        detail
    }
}

impl From<Map<String, Value>> for InnerError {
    /// Reads the members of an `innerError`, its nested chain included.
    fn from(members: Map<String, Value>) -> Self {
        let mut inner = InnerError::default();
        inner.additional_properties = read_members(members, |key, value| match key {
            "code" => read_string(&mut inner.code, value),
            "request-id" => read_string(&mut inner.request_id, value),
            "client-request-id" => read_string(&mut inner.client_request_id, value),
            "date" => read_string(&mut inner.date, value),
            "innerError" | "innererror" => read_object(&mut inner.inner_error, value, |m| {
                Box::new(InnerError::from(m))
            }),
            _ => Some(value),
        });
        inner
    }
}

/// Hands each member to `read` and returns those it gives back (not read), keyed as received.
fn read_members(
    members: Map<String, Value>,
    mut read: impl FnMut(&str, Value) -> Option<Value>,
) -> Map<String, Value> {
    let mut unread = Map::new();
    for (key, value) in members {
        if let Some(value) = read(&key, value) {
            unread.insert(key, value);
        }
    }
    unread
}

/// The text of a string, number or boolean; `Err` gives back any other value.
fn text(value: Value) -> Result<String, Value> {
    match value {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(other),
    }
}

/// Reads a text member into `slot`; returns the value when it is not text.
fn read_string(slot: &mut Option<String>, value: Value) -> Option<Value> {
    text(value).map(|t| *slot = Some(t)).err()
}

/// [`read_string`] for a member that is empty rather than absent.
fn read_text(slot: &mut String, value: Value) -> Option<Value> {
    text(value).map(|t| *slot = t).err()
}

/// Reads the object entries of a `details` array. Returns the whole array as received when it
/// is not one, or has entries that are not objects, so that nothing is lost.
fn read_details(details: &mut Vec<ErrorDetail>, value: Value) -> Option<Value> {
    let Value::Array(entries) = &value else {
        return Some(value);
    };
    let objects = entries.iter().filter_map(Value::as_object);
    *details = objects.map(|o| ErrorDetail::from(o.clone())).collect();
    (details.len() < entries.len()).then_some(value)
}

/// Reads an `innerError` object into `slot` unless one was read already (`innerError` and
/// `innererror` both present); returns the value when it is not read.
fn read_object<T>(
    slot: &mut Option<T>,
    value: Value,
    read: impl FnOnce(Map<String, Value>) -> T,
) -> Option<Value> {
    match value {
        Value::Object(members) if slot.is_none() => {
            *slot = Some(read(members));
            None
        }
        other => Some(other),
    }
}

/// `Display` of the body's `target` and first detail (see [`GraphErrorBody::extras`]), e.g.
/// ` (target: x); details: InvalidValue: too long (target: displayName) and 1 more`.
pub(crate) struct Extras<'a>(&'a GraphErrorBody);

impl fmt::Display for Extras<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.0;
        if let Some(target) = &body.target {
            write!(f, " (target: {target})")?;
        }
        let Some(first) = body.details.first() else {
            return Ok(());
        };
        let said = [&first.code, &first.message].into_iter().flatten();
        let mut line = said.map(String::as_str).collect::<Vec<_>>().join(": ");
        if let Some(target) = &first.target {
            line = format!("{line} (target: {target})");
        }
        let more = body.details.len() - 1;
        match (line.trim_start(), more) {
            ("", _) => write!(f, "; {} details", body.details.len()),
            (line, 0) => write!(f, "; details: {line}"),
            (line, more) => write!(f, "; details: {line} and {more} more"),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn decode(error: Value) -> GraphErrorBody {
        serde_json::from_value(error).expect("an object decodes")
    }

    #[test]
    fn numbers_and_booleans_read_as_text() {
        let body = decode(json!({"code": 400, "message": true, "target": 1.5}));
        assert_eq!((body.code.as_str(), body.message.as_str()), ("400", "true"));
        assert_eq!(body.target.as_deref(), Some("1.5"));
        assert!(body.additional_properties.is_empty());
    }

    #[test]
    fn unreadable_and_unknown_members_are_kept_as_received() {
        let body = decode(json!({
            "code": "BadRequest",
            "message": null,
            "target": ["a"],
            "details": {"code": "x"},
            "innerError": "opaque",
            "status": 400
        }));
        assert_eq!(body.code, "BadRequest");
        assert_eq!((body.message.as_str(), body.target.as_ref()), ("", None));
        assert!(body.details.is_empty() && body.inner_error.is_none());
        let kept = Value::Object(body.additional_properties);
        let expected = json!({
            "message": null,
            "target": ["a"],
            "details": {"code": "x"},
            "innerError": "opaque",
            "status": 400
        });
        assert_eq!(kept, expected);
    }

    #[test]
    fn details_with_non_objects_are_read_and_kept_whole() {
        let details = json!([{"code": "A", "extra": 1}, "free text", {"target": false}]);
        let body = decode(json!({"code": "c", "details": details.clone()}));
        assert_eq!(body.details.len(), 2);
        assert_eq!(body.details[0].code.as_deref(), Some("A"));
        assert_eq!(body.details[0].additional_properties["extra"], 1);
        assert_eq!(body.details[1].target.as_deref(), Some("false"));
        assert_eq!(body.additional_properties["details"], details);
    }

    #[test]
    fn a_second_inner_error_spelling_is_kept_not_merged() {
        let body = decode(json!({
            "code": "c",
            "innerError": {"code": "first", "innererror": {"code": "nested"}},
            "innererror": {"code": "second"}
        }));
        let inner = body.inner_error.expect("innerError");
        assert_eq!(inner.code.as_deref(), Some("first"));
        let nested = inner.inner_error.expect("nested");
        assert_eq!(nested.code.as_deref(), Some("nested"));
        assert_eq!(body.additional_properties["innererror"]["code"], "second");
    }

    #[test]
    fn only_a_non_object_fails() {
        for not_an_object in [json!([]), json!("error"), json!(null), json!(7)] {
            assert!(serde_json::from_value::<GraphErrorBody>(not_an_object).is_err());
        }
    }

    #[test]
    fn extras_name_the_target_and_the_first_detail() {
        let body = decode(json!({
            "code": "c",
            "target": "t",
            "details": [{"code": "A", "message": "m", "target": "x"}, {}, {}]
        }));
        let shown = body.extras().to_string();
        assert_eq!(shown, " (target: t); details: A: m (target: x) and 2 more");
        let only_target = decode(json!({"details": [{"target": "x"}]}));
        assert_eq!(only_target.extras().to_string(), "; details: (target: x)");
        assert_eq!(decode(json!({})).extras().to_string(), "");
        let nothing_said = decode(json!({"details": [{}, {"code": "B"}, {}]}));
        assert_eq!(nothing_said.extras().to_string(), "; 3 details");
    }
}
