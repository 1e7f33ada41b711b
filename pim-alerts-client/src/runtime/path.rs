//! Where a request builder points: the encoded path and its template, grown one segment at a
//! time as the caller walks the builders (`client.a().b().by_id(x)`), and the parameters of a
//! bound function call.
//!
//! Generated builders are one struct per (entity type, entity or collection), shared by every
//! path that reaches it, so the path is data carried at run time rather than a constant. The
//! encoding rules are [`Request`]'s: a key is always exactly one percent-encoded segment, and
//! an empty, `.` or `..` key or segment is reported by `send()` without any network traffic.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use reqwest::Method;
use serde::Serialize;

use super::literal::Literal;
use super::request::{KEY, LITERAL, Request, Target, addressable, push_encoded};
use super::template::Template;

/// An encoded resource path and its template (`/alerts/{id}/alertIncidents/{id2}`).
///
/// ```
/// use pim_alerts_client::runtime::{Method, ResourcePath};
///
/// let path = ResourcePath::root("alerts").key("a/b").segment("alertIncidents").key("42");
/// assert_eq!(path.as_str(), "/alerts/a%2Fb/alertIncidents/42");
/// assert_eq!(path.template(), "/alerts/{id}/alertIncidents/{id2}");
/// assert_eq!(path.request(Method::GET).path(), Some("/alerts/a%2Fb/alertIncidents/42"));
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ResourcePath {
    /// The encoded path followed by the template, in one buffer so that each step of a
    /// builder chain allocates once.
    text: String,
    /// Where the template starts in `text`.
    split: usize,
    keys: usize,
    invalid: Option<Cow<'static, str>>,
}

impl fmt::Debug for ResourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (f.debug_struct("ResourcePath"))
            .field("path", &self.as_str())
            .field("template", &self.template())
            .field("invalid", &self.invalid)
            .finish()
    }
}

impl ResourcePath {
    /// The path of a container member (`/identityGovernance`).
    pub fn root(segment: &str) -> Self {
        ResourcePath::default().segment(segment)
    }

    /// This path with a literal segment appended (a navigation property or an operation name;
    /// RFC 3986 `pchar`s kept, the rest encoded). An empty, `.` or `..` segment is reported by
    /// `send()`, like such a key: URL parsers would remove it, and `..` would leave the
    /// service root.
    pub fn segment(&self, literal: &str) -> Self {
        let extra = literal.len() * 4 + 2;
        let mut next = self.grow(
            extra,
            |encoded| push_encoded(encoded, literal, LITERAL),
            |template| {
                template.push('/');
                template.push_str(literal);
            },
        );
        if !addressable(literal) {
            next.defer(format!(
                "path segment {literal:?} after {:?} cannot be addressed (empty, `.` or `..`)",
                self.template()
            ));
        }
        next
    }

    /// This path with a key appended as exactly one percent-encoded segment; its template
    /// placeholder is `{id}`, then `{id2}`, `{id3}`, ... by depth.
    pub fn key(&self, key: &str) -> Self {
        let keys = self.keys + 1;
        let mut next = self.grow(
            key.len() * 3 + 16,
            |encoded| push_encoded(encoded, key, KEY),
            |template| match keys {
                1 => template.push_str("/{id}"),
                n => {
                    let _ = write!(template, "/{{id{n}}}");
                }
            },
        );
        next.keys = keys;
        if !addressable(key) {
            next.defer(format!(
                "key {key:?} under {} cannot be addressed (empty, `.` or `..`)",
                self.template()
            ));
        }
        next
    }

    /// Records the first problem of this path, for `send()` to report.
    fn defer(&mut self, msg: String) {
        self.invalid.get_or_insert(msg.into());
    }

    /// The encoded path, starting with `/`.
    pub fn as_str(&self) -> &str {
        self.text.get(..self.split).unwrap_or_default()
    }

    /// The template, as recorded in traces and errors.
    pub fn template(&self) -> &str {
        self.text.get(self.split..).unwrap_or_default()
    }

    /// A request for this path (a deferred key problem is reported when it is sent).
    pub fn request(&self, method: Method) -> Request {
        let mut request = Request::new(method, "");
        request.template = Template::from(self.template());
        request.target = Target::Path(self.as_str().to_owned());
        request.invalid.clone_from(&self.invalid);
        request
    }

    /// This path with one more segment: `encode` appends its encoded form, `template` its
    /// template form; `extra` bounds how many bytes they add.
    fn grow(
        &self,
        extra: usize,
        encode: impl FnOnce(&mut String),
        template: impl FnOnce(&mut String),
    ) -> Self {
        let mut text = String::with_capacity(self.text.len() + extra);
        text.push_str(self.as_str());
        encode(&mut text);
        let split = text.len();
        text.push_str(self.template());
        template(&mut text);
        ResourcePath {
            text,
            split,
            keys: self.keys,
            invalid: self.invalid.clone(),
        }
    }
}

/// The parameters of a bound function call, each passed as a query alias:
/// `name(p=@p,q=@q)?@p=<literal>&@q=<json>`. Setters never fail; a value that cannot be
/// encoded or a missing required parameter is reported by `send()`.
#[derive(Debug, Clone, Default)]
pub struct FunctionCall {
    params: Vec<(&'static str, String)>,
    invalid: Option<Cow<'static, str>>,
}

impl FunctionCall {
    /// Sets `name` to the OData literal of `value` (strings quoted, enums by member name).
    pub fn literal<T: Literal + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.set(name, value.to_literal());
    }

    /// Sets `name` to the JSON of `value` (structured and collection values).
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_string(value) {
            Ok(text) => self.set(name, text),
            Err(e) => {
                let msg = format!("could not serialize the function parameter `{name}`: {e}");
                self.invalid.get_or_insert(msg.into());
            }
        }
    }

    /// The `GET` request of function `function` under `path`; `required` names the parameters
    /// that must be set.
    pub fn request(&self, path: &ResourcePath, function: &str, required: &[&str]) -> Request {
        let mut segment = String::with_capacity(function.len() + 2 + self.params.len() * 16);
        segment.push_str(function);
        segment.push('(');
        for (i, (name, _)) in self.params.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            let _ = write!(segment, "{sep}{name}=@{name}");
        }
        segment.push(')');
        let mut request = path.segment(&segment).request(Method::GET);
        for (name, value) in &self.params {
            request = request.query(format!("@{name}"), value.as_str());
        }
        if let Some(msg) = &self.invalid {
            request.invalid.get_or_insert(msg.clone());
        }
        if let Some(missing) = required
            .iter()
            .find(|r| !self.params.iter().any(|(n, _)| n == *r))
        {
            let msg = format!(
                "{}: the required parameter `{missing}` is not set",
                request.template()
            );
            request.invalid.get_or_insert(msg.into());
        }
        request
    }

    fn set(&mut self, name: &'static str, value: String) {
        match self.params.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.params.push((name, value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::Error;
    use crate::runtime::origin::BaseUrl;

    fn base() -> BaseUrl {
        match BaseUrl::parse("https://graph.microsoft.com/beta") {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn keys_are_single_segments_and_templates_count_them() -> Result<(), Error> {
        let path = ResourcePath::root("alerts")
            .key("a/b?c#d%e f")
            .segment("x")
            .key("..a.");
        assert_eq!(path.template(), "/alerts/{id}/x/{id2}");
        let url = path.request(Method::GET).url(&base())?;
        assert_eq!(
            url.as_str(),
            "https://graph.microsoft.com/beta/alerts/a%2Fb%3Fc%23d%25e%20f/x/..a."
        );
        Ok(())
    }

    #[test]
    fn bad_keys_fail_at_send_and_taint_every_longer_path() {
        for bad in ["", ".", ".."] {
            let path = ResourcePath::root("alerts")
                .key(bad)
                .segment("alertIncidents");
            let err = path.request(Method::GET).url(&base());
            assert!(
                matches!(&err, Err(Error::InvalidRequest(m)) if m.contains("/alerts")),
                "{bad:?}: {err:?}"
            );
        }
    }

    #[test]
    fn dot_segments_fail_at_send_instead_of_leaving_the_root() {
        for bad in ["", ".", ".."] {
            let path = ResourcePath::root("identityGovernance")
                .segment(bad)
                .segment("me");
            let err = path.request(Method::GET).url(&base());
            assert!(
                matches!(&err, Err(Error::InvalidRequest(m))
                    if m.contains(&format!("{bad:?}")) && m.contains("/identityGovernance")),
                "{bad:?}: {err:?}"
            );
        }
        let root = ResourcePath::root("..");
        assert!(root.request(Method::GET).url(&base()).is_err());
    }

    #[test]
    fn function_parameters_are_aliases() -> Result<(), Error> {
        let mut call = FunctionCall::default();
        call.literal("period", &"D7".to_owned());
        call.json("ids", &["a", "b"]);
        let path = ResourcePath::root("reports");
        let url = call.request(&path, "getReport", &["period"]).url(&base())?;
        assert_eq!(
            url.path(),
            "/beta/reports/getReport(period=@period,ids=@ids)"
        );
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(
            pairs,
            [
                ("@period".to_owned(), "'D7'".to_owned()),
                ("@ids".to_owned(), r#"["a","b"]"#.to_owned())
            ]
        );
        Ok(())
    }

    #[test]
    fn missing_required_function_parameters_fail_at_send() {
        let call = FunctionCall::default();
        let request = call.request(&ResourcePath::root("reports"), "getReport", &["period"]);
        let err = request.url(&base());
        assert!(
            matches!(&err, Err(Error::InvalidRequest(m)) if m.contains("`period`")),
            "{err:?}"
        );
    }
}
