//! A request's path template (`/alerts/{id}/alertIncidents/{id2}`), which names the operation in
//! tracing spans and errors: a `&'static str` from a hand-written template, or text a
//! [`ResourcePath`](super::ResourcePath) built at run time, shared so that the per-request
//! bookkeeping can keep a copy without allocating.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A path template; cloning never copies the text.
#[derive(Clone)]
pub(crate) enum Template {
    /// A template written in code.
    Static(&'static str),
    /// A template built at run time.
    Shared(Arc<str>),
}

impl Template {
    /// The template as errors carry it (copied only if it was built at run time).
    pub(crate) fn to_cow(&self) -> Cow<'static, str> {
        match self {
            Template::Static(text) => Cow::Borrowed(text),
            Template::Shared(text) => Cow::Owned(text.to_string()),
        }
    }
}

impl Deref for Template {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Template::Static(text) => text,
            Template::Shared(text) => text,
        }
    }
}

impl From<Cow<'static, str>> for Template {
    fn from(text: Cow<'static, str>) -> Self {
        match text {
            Cow::Borrowed(text) => Template::Static(text),
            Cow::Owned(text) => Template::Shared(text.into()),
        }
    }
}

impl From<&str> for Template {
    fn from(text: &str) -> Self {
        Template::Shared(text.into())
    }
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}
