//! OData system query options: the accumulator every `list` and `get` builder holds, printed in
//! a fixed order (`$filter`, `$select`, `$expand`, `$orderby`, `$top`, `$skip`, `$count`), and
//! the trait of the generated name enums they accept.

use super::filter::Clauses;
use super::request::Request;

/// A generated `$select`/`$orderby` (`...Field`) or `$expand` (`...Expand`) name enum.
pub trait QueryName: Copy {
    /// The name as written in the query string.
    fn as_str(self) -> &'static str;
}

/// The name type of an entity that has none (no properties or no navigation properties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoName {}

impl QueryName for NoName {
    fn as_str(self) -> &'static str {
        match self {}
    }
}

/// System query options collected by a builder, applied when it is sent.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    pub(crate) filter: Clauses,
    pub(crate) select: Vec<&'static str>,
    pub(crate) expand: Vec<&'static str>,
    pub(crate) orderby: Vec<String>,
    pub(crate) top: Option<u32>,
    pub(crate) skip: Option<u32>,
    pub(crate) count: Option<bool>,
}

impl QueryOptions {
    /// Adds the options to `request` (several filters joined with `and`).
    pub fn apply(self, mut request: Request) -> Request {
        if self.is_empty() {
            return request;
        }
        let lists = [
            ("$filter", self.filter.into_text()),
            ("$select", join(&self.select)),
            ("$expand", join(&self.expand)),
            (
                "$orderby",
                (!self.orderby.is_empty()).then(|| self.orderby.join(",")),
            ),
            ("$top", self.top.map(|n| n.to_string())),
            ("$skip", self.skip.map(|n| n.to_string())),
            ("$count", self.count.map(|c| c.to_string())),
        ];
        for (name, value) in lists {
            if let Some(value) = value {
                request = request.query(name, value);
            }
        }
        request
    }

    /// Whether no option was set (the common `get().send()`).
    fn is_empty(&self) -> bool {
        self.filter.is_empty()
            && self.select.is_empty()
            && self.expand.is_empty()
            && self.orderby.is_empty()
            && self.top.is_none()
            && self.skip.is_none()
            && self.count.is_none()
    }

    /// Whether a `$filter` was given.
    pub fn has_filter(&self) -> bool {
        !self.filter.is_empty()
    }
}

fn join(names: &[&'static str]) -> Option<String> {
    (!names.is_empty()).then(|| names.join(","))
}
